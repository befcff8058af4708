# Wording of wijkmonitor in Dutch: every sentence a user reads.
# Edit a copy in your templates directory (DIR/lang/nl.ftl, with
# --templates DIR); en.ftl must have the same keys (a test checks it).
# Syntax: https://projectfluent.org/fluent/guide/ — `{ $name }` is an
# argument; numbers arrive formatted, counts choose the plural form.

## Common

language-name = Nederlands
files-count = { $count ->
    [one] { $count } bestand
   *[other] { $count } bestanden
}

## Console, progress and workbook (cmd/*, render/workbook.rs)

# (console and workbook messages: add them here)

## Network report (netwerk.typ and its data)

# (network report messages: add them here)

## Profile report (profiel.typ and its data)

# (profile report messages: add them here)
