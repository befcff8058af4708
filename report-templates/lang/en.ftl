# Wording of wijkmonitor in English: every sentence a user reads.
# Edit a copy in your templates directory (DIR/lang/en.ftl, with
# --templates DIR); nl.ftl must have the same keys (a test checks it).
# Syntax: https://projectfluent.org/fluent/guide/ — `{ $name }` is an
# argument; numbers arrive formatted, counts choose the plural form.

## Common

language-name = English
files-count = { $count ->
    [one] { $count } file
   *[other] { $count } files
}

## Console, progress and workbook (cmd/*, render/workbook.rs)

# (console and workbook messages: add them here)

## Network report (netwerk.typ and its data)

# (network report messages: add them here)

## Profile report (profiel.typ and its data)

# (profile report messages: add them here)
