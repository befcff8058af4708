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

# The progress bar: indicatif's placeholders are passed in as arguments
# ({ $eta } is the time left), so only the words are translated.
progress-eta = { $eta } left
progress-profiles = profiles
progress-reports = reports
# The closing line of `run`: what was made, where, in how many seconds.
run-made = { $pipeline }: { $made } in { $out } ({ $seconds } s)
run-made-reports = { $count } network reports
run-made-profiles = { $count } profiles
run-made-tables = { $count } tables
run-made-workbook = workbook
run-input-problems = { $errors } errors and { $warnings } warnings in the inputs (listed above)
run-input-unreadable = ; { $count ->
    [one] { $count } input could not be read
   *[other] { $count } inputs could not be read
}
run-no-profile = no profile for { $areas }: the open data of the profiles do not have { $count ->
    [one] this area
   *[other] these areas
}
# `run --check`
run-check-unreadable = cannot be read
run-check-ok = ok
run-check-errors = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
run-check-warnings = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
run-check-summary = { $pipeline }: { $inputs } inputs, { $unreadable } cannot be read, { $errors }, { $warnings }
# `profile`
profile-console-tables = { $areas } areas, { $rows } indicator rows; tables in { $dir }
profile-console-pdfs = { $count } PDFs in { $dir }
# `effect`
effect-console-heading = Before/after { $instrument }: { $count ->
    [one] { $count } comparison
   *[other] { $count } comparisons
}
effect-console-network = network
effect-console-scale = scale
effect-console-group = group
effect-console-waves = waves
effect-console-from = from
effect-console-to = to
effect-console-difference = difference [95% CI]
effect-console-unpaired = unpaired, Welch
effect-console-tables = Tables in { $dir }
effect-console-suppressed = suppressed: fewer than { $min_n } respondents
# `template`
template-console-wrote = wrote { $path }
# The workbook's first sheet.
workbook-about-sheet = Explanation
workbook-about-pipeline = Pipeline: { $name } ({ $path })
workbook-about-min-n = Disclosure threshold: figures on fewer than { $min_n } respondents are suppressed (empty, suppressed = TRUE).
workbook-about-columns = Columns and their meaning: see README.md and docs/ of wijkmonitor.
workbook-column-sheet = Sheet
workbook-column-rows = Rows
workbook-column-contents = Contents
# What each table of the workbook holds (workbook-table-NAME).
workbook-table-networks = One row per network: data from the network register.
workbook-table-before-after = Before/after comparisons per network, questionnaire, scale, group and pair of waves.
workbook-table-waves = Mean per wave per network, scale and group, with 95% interval.
workbook-table-cutoffs = Share of respondents above a cut-off per wave (Wilson interval).
workbook-table-matches = Requests for help and matches per network and year (match log).
workbook-table-question-quarters = Non-medical questions handled in the community, per network and quarter.
workbook-table-community-change = Change of that share between the first and the last year (Newcombe interval).
workbook-table-profile = Indicators of the networks' areas against the municipality and the Netherlands (see profile.csv in README).
workbook-table-costs = Care costs (Vektis Zvw) per municipality and category, crude and standardised for age and sex.

# (console and workbook messages: add them here)

## Network report (netwerk.typ and its data)

# (network report messages: add them here)

## Profile report (profiel.typ and its data)

profile-title = Neighbourhood health profile
profile-cover-area = { $level } { $code } · municipality { $gemeente }
profile-made-with = Made with wijkmonitor on { $date }.
profile-sources-line = Sources: CBS Kerncijfers wijken en buurten, RIVM/GGD Gezondheid per wijk en buurt (CBS StatLine, CC BY 4.0), Vektis Open Databestand Zorgverzekeringswet.
profile-summary-heading = What stands out
profile-summary-none = There are no indicators on which this area differs demonstrably from the Netherlands.
# A notable indicator: tested against the interval, or (untested) among the
# highest or lowest fifth ($extreme is highest or lowest).
profile-summary-tested = { $label }: { $value } in { $area } against { $nl } in the Netherlands ({ $comparison }).
profile-summary-quintile = { $label }: { $value } in { $area } against { $nl } in the Netherlands — among the { $extreme ->
    [highest] highest
   *[lowest] lowest
} 20% of { $levels } (no interval: not tested).
profile-missing-heading = What is missing
profile-missing-source = { $source }: not given ({ $flag }), so this part is missing.
profile-missing-regional = { $file } covers { $count } { $count ->
    [one] municipality
   *[other] municipalities
} and not the whole country. For its indicators, quintiles and bars are about the areas in that file, not the whole country, and there is a value for the Netherlands only when the file has a national row.
profile-missing-costs = No Vektis costs for { $gemeente }: the municipality is not in the Vektis file (merged or unknown).
profile-how-to-read-heading = How to read this profile
profile-how-to-read = For each indicator the area's value is shown beside those of the municipality and the Netherlands. Where the source gives a 95% confidence interval (RIVM/GGD), a difference is called ‘better’ or ‘worse’ (or ‘higher’/‘lower’ for indicators without a direction) only when the national value lies outside that interval; otherwise ‘similar’. Without an interval (CBS, Vektis) no difference is called significant; the area's place is given instead: its quintile among all areas of its level in the Netherlands (1 = lowest 20%) and its rank in the municipality.
profile-comparison-better = better
profile-comparison-worse = worse
profile-comparison-similar = similar
profile-comparison-higher = higher
profile-comparison-lower = lower
profile-comparison-not-compared = not tested
profile-indicators-heading = Indicators by theme
profile-bars-legend = In the bars: the range of all { $levels } of the Netherlands (light), the middle half (dark), the Netherlands (line), the municipality (diamond) and this area (dot, coloured by the comparison with the Netherlands).
profile-theme-alt = Table of { $count } indicators on { $theme } of { $area }, with the municipality's and the national value and a bar showing the spread over all { $levels }.
profile-column-indicator = Indicator
profile-column-municipality = Municipality
profile-column-nl = NL
profile-column-comparison = Comparison
profile-indicator-age = { $label } ({ $age })
profile-unknown = unknown
profile-quintile = quintile { $quintile }
profile-rank = { $rank } of { $n }
profile-spine-alt = { $label }: this area { $area }, municipality { $gemeente }, the Netherlands { $nl }; all { $levels } from { $min } to { $max }, the middle half from { $p25 } to { $p75 }.
profile-spine-alt-no-spread = { $label }: this area { $area }, municipality { $gemeente }, the Netherlands { $nl }.
profile-theme-bevolking = Population
profile-theme-huishoudens = Households
profile-theme-inkomen-werk = Income and work
profile-theme-zorggebruik = Use of care and distance to care
profile-theme-gezondheid = Health
profile-theme-leefstijl = Lifestyle
profile-theme-welzijn-participatie = Wellbeing and participation
profile-theme-kosten = Care costs
# Levels: the label, .short as a column heading, .plural
profile-level-gemeente = municipality
    .short = Municipality
    .plural = municipalities
profile-level-wijk = district
    .short = District
    .plural = districts
profile-level-buurt = neighbourhood
    .short = Neighbourhood
    .plural = neighbourhoods
profile-level-land = land
    .short = NL
    .plural = landen
profile-unit-per-1000-inhabitants = per 1,000 inhabitants
profile-unit-eur-1000 = × € 1 000
profile-unit-eur-per-insured-year = € per insured-year
profile-costs-heading = Care costs
profile-costs-intro = Costs per insured-year in { $gemeente } ({ $year }), crude and directly standardised to the age and sex structure of all insured persons in the Netherlands. Vektis publishes no figures per wijk or buurt: these are the figures of the whole municipality.
profile-costs-alt = Bar chart of care costs per insured-year in { $gemeente } by category, crude and standardised, with the national average as a line.
profile-costs-bars-alt = { $label }: crude { $crude }, standardised { $standardised }, the Netherlands { $nl }.
profile-costs-column-category = Category
profile-costs-column-crude = crude
profile-costs-column-standardised = std.
profile-costs-column-ratio = O/E
profile-costs-legend-crude = crude
profile-costs-legend-standardised = standardised
profile-costs-legend-nl = the Netherlands
profile-costs-note-complete = All age and sex strata are present.
profile-costs-note-dropped = Age and sex strata without data in a municipality are left out there; the weights of the other strata are renormalised (see the costs table).
profile-cost-total = Total
profile-cost-gp = GP care
profile-cost-pharmacy = Pharmacy
profile-cost-hospital = Hospital care
profile-cost-mental-health = Mental health care
profile-cost-district-nursing = District nursing
profile-cost-paramedical = Paramedical care
profile-cost-other = Other
profile-methods-heading = Methods and sources
profile-input-files-heading = Input files
profile-column-file = File
profile-column-year = Year
profile-column-sha256 = SHA-256
profile-method-heading = Method
profile-method-comparison = Comparisons with the municipality and the Netherlands follow Fingertips (Office for Health Improvement and Disparities): where the source gives a 95% confidence interval, an area is ‘similar’ when the benchmark lies inside the interval, otherwise higher or lower — ‘better’ or ‘worse’ for indicators with a direction. Without an interval no difference is tested; the quintile gives the place among all areas of the same level in the Netherlands (1 = lowest 20%), the rank the place in the municipality (1 = highest value).
profile-method-rivm = RIVM figures are model estimates (small area estimation) from the GGD Health Monitor of adults and older people (GGD’en, CBS, RIVM). A dot (.) in the source means unreliable or secret; such values stay empty, never zero.
profile-method-cbs = CBS randomly rounds counts for wijken and buurten to multiples of 5, so shares computed from them are imprecise for small areas.
profile-method-vektis = Care costs (Vektis) are costs under the basic insurance per insured-year. Directly standardised: the municipality's cost per age-sex stratum weighted by the national distribution of insured-years of the same year; strata without data in the municipality are dropped and the remaining weights renormalised. The ratio O/E divides the observed costs by those expected if every stratum had the national cost per insured-year (indirect standardisation). Vektis' rest row (insured persons that cannot be placed) counts in the national total, not in any municipality.

# (profile report messages: add them here)
