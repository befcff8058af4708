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
workbook-about-columns = Columns and their meaning: see docs/tables.md of wijkmonitor.
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

# The kind of an input file, in the reports' list of sources (input-kind-CODE).
input-kind-open-data = open data
input-kind-register = network register
input-kind-responses = responses
input-kind-matches = match log
input-kind-questions = question log
input-kind-boundaries = boundaries (map)

# (console and workbook messages: add them here)

## Network report (netwerk.typ and its data)

# The data (render/network): sentences and labels put in by wijkmonitor.
network-unknown = unknown
network-unknown-label = Unknown
network-yes = yes
network-no = no
network-not-filled-in = not filled in
network-phase-verkennen = Exploring
network-phase-vormgeven = Shaping
network-phase-verdiepen = Deepening
network-phase-verankeren = Anchoring
network-phase-not-yet = not yet
network-initiator-burgers = Residents
network-initiator-professionals = Professionals
network-initiator-huisarts = General practitioner
network-initiator-gemeente = Municipality
network-approach-bottom-up = Bottom-up (from residents)
network-approach-top-down = Top-down (from professionals)
network-approach-community-up = Community-up (all domains together)
network-perspective-rond-de-persoon = Around the person
network-perspective-wijkvraagstuk = Neighbourhood issue
network-perspective-populatie-in-de-regio = Regional population
network-perspective-schaalthema = Theme at scale
network-funding-tijdelijk = Temporary
network-funding-structureel = Structural
network-funding-until = { $funding } (until { $until })
network-domain-zorg = Care
network-domain-welzijn = Welfare
network-domain-gemeente = Municipality
network-domain-zorgverzekeraar = Health insurer
network-domain-huisarts = General practice
network-domain-inwoners-vrijwilligers = Residents and volunteers
network-domain-wonen = Housing
network-domain-veiligheid = Safety
network-domain-onderwijs = Education
network-domain-overig = Other
network-fact-ambition = Ambition
network-fact-target-group = Target group
network-fact-initiator = Initiator
network-fact-approach = Approach
network-fact-perspective = Perspective
network-fact-kartrekker = Lead (kartrekker)
network-fact-funding = Funding
network-fact-started = Started
network-fact-phase = Current phase
network-fact-municipality = Municipality
network-timeline-alt = Timeline of the network's phases, { $from } to { $to }: { $phases }.
network-timeline-alt-none = Timeline of the phases: the register names no phase of this network yet.
network-status-present = present
network-status-absent = absent
network-status-unknown = unknown
network-check-independent-kartrekker = Independent kartrekker (network lead)
network-check-municipality = Municipality takes part
network-check-health-insurer = Health insurer takes part
network-check-general-practice = General practice takes part
network-check-residents-from-start = Residents involved from the start
network-check-structural-funding = Structural funding
network-check-written-ambition = Shared ambition in writing
network-basis-partner = Partner: { $names }
network-basis-no-partner-in = No partner in the domain { $domain }
network-basis-no-partners = The register names no partners
network-basis-funding = Funding: { $funding }
network-basis-kartrekker-independent = Kartrekker independent according to the register: { $value }
network-basis-residents-from-start = Residents involved from the start according to the register: { $value }
network-basis-written-ambition = Ambition in writing according to the register: { $value }
network-area-no-open-data = This run has no open data (CBS, RIVM/GGD) as input of the reports, so there is no area profile.
network-area-no-figures = The open data of this run hold no figures for the areas of this network.
network-quintile = quintile { $quintile }
network-costs-text = Care costs (Zvw) per insured-year in { $gemeente }{ $year }, standardised for age and sex: { $cost } (the Netherlands { $nl_cost }){ $ratio }. Vektis publishes no figures per district: these are the costs of the whole municipality.
network-costs-ratio = ; observed/expected { $ratio }
network-costs-gemeente-standardised = { $gemeente } (standardised)
network-costs-note = Costs per insured-year in { $year }, standardised for age and sex. A ratio above 1 means higher costs than expected.
network-reason-too-few = { $n } { $n ->
    [one] respondent
   *[other] respondents
}, fewer than { $min_n }
network-reason-complementary = it could otherwise be worked out from the other figures
network-reason-no-responses = no responses
network-reason-too-few-questions = fewer than { $min_n } non-medical questions
network-respondents-residents = residents
network-residents-no-responses = There are no responses to this questionnaire for this network.
network-residents-one-wave = This network has only one measurement of this questionnaire so far; a before/after comparison follows after the next one.
network-method-paired = paired
network-method-welch = unpaired (Welch)
network-higher-is-better = higher is better
network-lower-is-better = lower is better
network-spider-alt-suppressed = Spider web not shown: too few respondents (n = { $n }).
network-spider-alt = Spider web of the { $dimensions } dimensions, means at { $from } and { $to } (n = { $n }); at { $to } higher on { $higher } of { $dimensions } dimensions.
network-interval-alt = Mean difference { $to } − { $from } per scale with 95% confidence interval.
network-interval-alt-all-contain-zero = Every interval contains zero.
network-interval-alt-above = Wholly above zero: { $scales }.
network-interval-alt-below = Wholly below zero: { $scales }.
network-topic-residents = Residents
network-topic-collaboration = Collaboration
network-topic-activity = Activity
network-summary-no-residents = There are no before and after measurements among residents of this network (yet).
network-summary-residents-too-few = { $instrument } — too few residents with both measurements ({ $from } and { $to }: n = { $n }, threshold { $min_n }) to say anything about change.
network-summary-ci = ; 95%-CI { $low } to { $high }
network-summary-residents-change = { $instrument } — { $scale } { $rose ->
    [yes] rose
   *[no] fell
} from { $from_value } to { $to_value } ({ $from } to { $to }; difference { $diff }{ $ci }; n = { $n } { $paired ->
    [yes] residents with both measurements
   *[no] residents per measurement (unpaired)
}).
network-summary-residents-no-change = { $instrument } — no demonstrable change between { $from } and { $to } on the { $scales } { $scales ->
    [one] scale
   *[other] scales
} (n = { $n }).
network-summary-residents-no-other-change = { $instrument } — no demonstrable change on { $scales } other { $scales ->
    [one] scale
   *[other] scales
} (n = { $n }).
network-summary-no-collaboration-instrument = This run holds no questionnaire on the collaboration in the network.
network-summary-collaboration-not-twice = Collaboration has not been measured at two moments (yet).
network-summary-collaboration-too-few = Too few network partners answered the collaboration questionnaire at { $from } and { $to } (n = { $n }, threshold { $min_n }) to say anything about change.
network-summary-collaboration = Network partners rate { $higher } of the { $aspects } aspects of collaboration higher { $to_label } ({ $to }) than { $from_label } ({ $from }){ $rise }. Demonstrable (p < { $alpha }) for { $demonstrable } of { $aspects } aspects (n = { $n }).
network-summary-collaboration-largest-rise = ; the largest rise in ‘{ $aspect }’ ({ $from } → { $to })
network-collaboration-alt-none = No chart: at no measurement ({ $waves }) did enough network partners answer the questionnaire.
network-collaboration-alt = Mean score ({ $min }–{ $max }) of { $aspects } aspects of collaboration per measurement ({ $waves }); per aspect a dot per measurement with its 95% interval.
network-quarter-letter = Q
network-all-years = all years
network-matches-alt-year = { $period }: { $requests } requests, { $pct }% matched
network-matches-alt-year-no-share = { $period }: { $requests } requests
network-matches-alt = Requests and matches per year: { $years }.
network-questions-alt-one = Share of non-medical questions handled in the community (residents' initiatives and volunteers), per quarter: only { $quarter } is shown ({ $pct }%); the other quarters have too few questions.
network-questions-alt = Share of non-medical questions handled in the community (residents' initiatives and volunteers), per quarter with 95% interval: { $first } { $first_pct }% to { $last } { $last_pct }%.
network-questions-alt-none = Share of non-medical questions in the community per quarter: every quarter suppressed (too few questions).
network-activity-no-logs = This run has no match log and no question log as input.
network-activity-no-rows = The activity logs of this run hold no rows of this network.
network-change-suppressed = The change between { $first } and { $last } is not shown: one of the years has fewer than { $min_n } non-medical questions.
network-change-ci = { " " }(95%-CI { $low } to { $high })
network-change-text = The share of non-medical questions handled in the community { $verb ->
    [rose] rose
    [fell] fell
   *[went] went
} from { $pct_first }% ({ $first }, n = { $n_first }) to { $pct_last }% ({ $last }, n = { $n_last }): { $diff } percentage points{ $ci }.
network-change-not-demonstrable = That difference is not demonstrable: the interval contains zero.
network-summary-matches = Of the { $requests } requests for help, { $pct } were matched with a volunteer{ $days }{ $followup }.
network-summary-matches-days = ; median { $days } days to a match
network-summary-matches-followup = ; { $pct }% of follow-ups on time (6–8 weeks)
network-summary-no-activity = No activity logs (matches, questions) were supplied for this network.
network-methods-scale = { $scale } ({ $rule ->
    [sum] sum
   *[mean] mean
} of { $items }, { $min }–{ $max }, at least { $answered })
network-methods-scales = Scales: { $scales }.
network-methods-waves-default = per network the first measurement against the last
network-input-unreadable = could not be read
network-input-problems = { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}
network-methods-first = first
network-methods-last = last
network-setting-run = Run
network-setting-min-n = Disclosure threshold (min_n)
network-setting-waves = Measurements compared
network-setting-confidence = Confidence of intervals
network-setting-date = Date of the report
network-methods-paired = Before/after comparisons per scale are paired: only residents who answered both measurements count (paired t-test with 95% confidence interval of the mean difference, Wilcoxon signed-rank test, effect size Cohen's d_z, shares improved/unchanged/worse by the scale's minimal important change). When measurements cannot be linked to persons, the comparison is unpaired (Welch's t-test) and says so.
network-methods-demonstrable = A p-value below { $alpha } is called ‘demonstrable’. With small numbers a real change is often not demonstrable; ‘no demonstrable change’ does not mean ‘no change’. Without a comparison group a change cannot simply be attributed to the network.
network-methods-disclosure = Disclosure control: every figure resting on fewer than { $min_n } respondents (or questions) is suppressed in every output; where a small group could otherwise be worked out from the other figures, a second figure is suppressed too. Names and codes of respondents and free text never appear in a report.
network-methods-intervals = Shares have a Wilson interval; the difference between two years a Newcombe interval. The area figures come from the neighbourhood health profile: ‘better’ or ‘worse’ only where the source gives a 95% interval and the benchmark lies outside it.
network-collaboration-intro = The partners rated { $aspects ->
    [0] zero
    [1] one
    [2] two
    [3] three
    [4] four
    [5] five
    [6] six
    [7] seven
    [8] eight
    [9] nine
    [10] ten
   *[other] { $aspects }
} aspects of their collaboration on a scale from { $min } to { $max }, again at every measurement{ $total ->
    [yes] ; at the bottom, below the rule, is the total over all questions
   *[no] {""}
}.

# A 95% interval after a figure; the bounds arrive formatted.
network-interval = ({ $low } to { $high })

# The template (netwerk.typ): fixed labels, in data.labels. Arguments:
# $year (the report's year), $min_n (the disclosure threshold).
network-chart = Chart
network-not-shown = not shown
network-better = better
network-worse = worse
network-no-demonstrable-difference = no demonstrable difference
network-no-judgement-possible = no judgement possible
network-impact-report = Impact report { $year }
network-annual-impact-report = Annual impact report { $year }
network-municipality-word = municipality
network-phase-word = phase
network-phases-network = Phases of the network
network-made-wijkmonitor = Made with wijkmonitor on
network-as-part = as part of
network-all-figures-this-report = All figures in this report come from the files supplied by the network and the municipality; see ‘Methods and sources’.
network-at-a-glance = At a glance
network-there-are-no-outcomes = There are no outcomes to summarise.
network-how-read-this-summary = How to read this summary
network-better-worse-used-only = ‘Better’ or ‘worse’ is used only when a difference is larger than chance can explain (95% confidence interval excluding zero). n is the number of residents, partners or requests behind the statement; with small numbers, be careful.
network-the-network = The network
network-missing-register = missing from the register:{" "}
network-now = now
network-phases = Phases
network-timeline-network-s-phases = Timeline of the network's phases
network-each-colour-phase-date = Each colour is a phase, from the date the network reached it; the dark tick is now. An open grey circle is a phase not reached yet.
network-no-partner-registered = no partner registered
network-partners = Partners
network-no-partners-are-registered = No partners are registered.
network-success-factors = Success factors
network-no-checklist-was-filled = No checklist was filled in.
network-factor = Factor
network-status = Status
network-under-each-factor-small = Under each factor in small print: what the judgement rests on.
network-the-area = The area
network-colour-word-show-whether = Colour and word show whether the area scores demonstrably better or worse than the municipality or the Netherlands (similar: no demonstrable difference). Where no test is possible, the Netherlands column gives the quintile: the area's place among all areas of its level (1 = lowest 20%, 5 = highest 20%).
network-these-figures-allow-no = These figures allow no test of differences. The last column therefore gives the quintile: the area's place among all areas of its level in the Netherlands (1 = lowest 20%, 5 = highest 20%).
network-indicator = Indicator
network-vs-municipality = vs municipality
network-vs-netherlands = vs the Netherlands
network-quintile-netherlands = Quintile in the Netherlands
network-figures = Figures for
network-area-whole-municipality-so = The area is the whole municipality, so there is no comparison with the municipality.
network-care-costs = Care costs
network-netherlands = The Netherlands
network-ratio-netherlands = Ratio to the Netherlands
network-there-are-no-area = There are no area figures for this network.
network-how-read-this-chapter = How to read this chapter
network-spider-web-not-shown = The spider web is not shown
network-spider-web-cannot-drawn = The spider web cannot be drawn: there are too few dimensions.
network-spider-web = Spider web
network-scale-word = scale
network-dimension = Dimension
network-scale-header = Scale
network-mean = Mean
network-difference = Difference
network-ci-header = (95% CI)
network-t-test = t-test
network-same = same
network-both-measurements-below-it = with both measurements; below it the number at
network-test-difference = Test for the difference
network-percentages-count-how-many = The percentages count how many residents improved, stayed the same or got worse on the scale.
network-difference-scale-confidence-interval = Difference per scale, with 95% confidence interval
network-difference-scale = Difference per scale
network-difference-word = difference
network-scale-points = (scale points)
network-confidence-interval = 95% confidence interval
network-not-shown-too-few = not shown: too few respondents
network-means-measurement = Means per measurement
network-mean-measurement-all-respondents = Mean per measurement (all respondents)
network-shares-above-cut-off = Shares above the cut-off
network-share-above-cut-off = Share above the cut-off
network-cut-off = Cut-off
network-change-scale = Change per scale
network-no-resident-measurements-were = No resident measurements were supplied for this network.
network-no-measurement = no measurement
network-mean-score-scale = mean score on the scale
network-too-few-respondents = too few respondents
network-not-shown-capital = Not shown
network-by-role = By role
network-role = Role
network-no-responses-that-measurement = –: no responses at that measurement.
network-all-aspects-not-shown = all aspects not shown
network-aspect = Aspect
network-roles-not-shown-note = ‘Not shown’: too few partners in this role to show the score without a risk of recognisability; a role without any score shows only its number of partners. –: no responses.
network-scores-are-not-shown = The scores are not shown: at no measurement did enough partners fill in the questionnaire to show them without a risk of recognisability
network-number-partners = Number of partners
network-each-aspect-measurements-are = For each aspect the measurements are shown one below the other: the mean score with a 95% confidence interval.
network-no-data-collaboration-between = No data on the collaboration between the partners were supplied for this network.
network-of-word = of
network-period = Period
network-requests = Requests
network-matched = Matched
network-median-days-match = Median days to match
network-followed-up-time-wk = Followed up on time (6–8 wk)
network-going-well-according-volunteer = Going well according to volunteer
network-satisfied-requester = Satisfied requester
network-requests-word = requests
network-matched-word = matched
network-matched-not-shown = matched not shown
network-number-requests = number of requests
network-requests-matches = Requests and matches
network-matched-requests-which-match = Matched: requests for which a match was found. Followed up on time: of the follow-ups due by the reference date, the share done 6 to 8 weeks after the match. Going well according to volunteer: of the matches followed up, the share where the volunteer says it is going well. Satisfied requester: of the requesters who gave a rating, the share rating 4 or 5 (on a scale of 1 to 5). Below each percentage the 95% confidence interval and the counts. –: not shown (too few requests) or not computable.
network-reference-date = Reference date
network-requests-period = Requests per period
network-requests-matches-period = Requests and matches per period
network-not-matched = not matched
network-number-matched-not-shown = number matched not shown
network-community-axis = % in the community
network-questions = Questions
network-which-non-medical = of which non-medical
network-those-community = of those, in the community
network-share-community = share in the community
network-questions-not-shown-per-quarter = The share of non-medical questions handled by resident initiatives and volunteers is not shown per quarter
network-questions-chart-intro = The share of non-medical questions handled by resident initiatives and volunteers, per quarter.
network-share-questions-handled-community = Share of questions handled in the community per quarter
network-share-word = share
network-confidence-interval-wilson = 95% confidence interval (Wilson)
network-questions-handled-community = Questions handled in the community
network-change-title = Change
network-there-are-no-activity = There are no activity data for this network.
network-methods-sources = Methods and sources
network-input-files = Input files
network-file-header = File
network-kind-header = Kind
network-year-header = Year
network-start = (start)
network-instruments-scoring = Instruments and scoring
network-instrument = Instrument
network-scoring = Scoring
network-source = Source
network-settings = Settings
network-setting = Setting
network-value = Value
network-method-heading = Method
network-notices-when-reading-inputs = Notices when reading the inputs
network-every-input-file-was = Every input file was read without problems.
network-summary-intro = The main outcomes of { $year } in plain words. Each statement shows how many people or requests it rests on (n).
network-threshold = Figures resting on fewer than { $min_n } people or questions are not shown, to prevent recognisability.
network-residents-howto-before-dz = For each instrument we compare the first measurement with the last, among the same residents (n = residents with both measurements). The difference is shown with a 95% confidence interval (CI): when zero lies outside it, the difference is larger than chance can explain. The p-values come from two tests (t-test and Wilcoxon);
network-residents-howto-after-dz = is the effect size (about 0.2 small, 0.5 medium, 0.8 large).
network-spider-too-few = Too few residents answered both measurements to show it without a risk of recognisability.
network-fewer-than-min-n = fewer than { $min_n }
network-at-least-min-n = at least { $min_n }
network-roles-all-hidden = The number of partners per role who filled in the questionnaire. Scores per role are not shown: no role had enough of them to show its score without a risk of recognisability (at least { $min_n }).

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
# $files: one or more file names, $files_count how many.
profile-missing-regional = { $files } { $files_count ->
    [one] covers
   *[other] cover
} { $count } { $count ->
    [one] municipality
   *[other] municipalities
} and not the whole country. For { $files_count ->
    [one] its
   *[other] their
} indicators, quintiles and bars are about the areas in { $files_count ->
    [one] that file
   *[other] those files
}, not the whole country, and there is a value for the Netherlands only when { $files_count ->
    [one] the file has
   *[other] a file has
} a national row.
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

## Comparison report (vergelijking.typ and its data, wijkmonitor compare)

run-made-comparison = comparison
compare-console-written = Comparison written: vergelijking.pdf and { $tables } tables in { $dir }
compare-title = Comparison of networks
compare-label-summary = Summary
compare-label-missing = What is missing
compare-label-networks = The networks side by side
compare-label-network = Network
compare-label-start = Start
compare-label-phase = Phase
compare-label-approach = Approach
compare-label-perspective = Perspective
compare-label-kartrekker = Indep. lead
compare-label-funding = Funding
compare-label-gemeente = Municipality
compare-label-insurer = Insurer
compare-label-gp = GP
compare-label-forests = Effects per network and pooled
compare-label-forest-network = Network
compare-label-forest-n = n
compare-label-forest-estimate = Change [95% CI]
compare-label-moderators = Success factors (moderators)
compare-label-moderator = Success factor
compare-label-k = k
compare-label-levels = Estimate per level [95% CI]
compare-label-test = Test
compare-label-conclusion = What it says
compare-label-collaboration = Collaboration (Kaats & Opheij) per network and wave
compare-label-wave = Wave
compare-label-aspect = Aspect
compare-label-mean = Mean
compare-label-activity = Activity per network
compare-label-requests = Requests
compare-label-matched = Matched
compare-label-days = Days to match (median)
compare-label-community = Non-medical questions handled in the community (first → last year)
compare-label-areas = Comparison areas
compare-label-areas-intro = Per indicator the change (in the indicator's unit, mostly percentage points) in each area of a network (blue dot) among the changes in its comparable areas without a network (grey dots). RIVM's figures are model-based small-area estimates: a change partly reflects changes in the registers they are predicted from.
compare-label-costs = Care costs around the start
compare-label-costs-intro = Standardised Zvw costs per insured-year (Vektis) of each network's municipality (blue) against the mean of its comparison municipalities (grey, dashed); the dotted line is the start year. Costs at municipality level dilute the effect of a neighbourhood network: most of the municipality's residents live outside the network's area.
compare-label-costs-legend = blue: the network's municipality · grey: comparison municipalities
compare-label-methods = Methods and sources
compare-label-no-data = The data for this are missing.
compare-summary-networks = { $count ->
    [one] { $count } network compared
   *[other] { $count } networks compared
}, with { $areas } areas together.
compare-summary-pooled-overview = { $count ->
    [one] One outcome (scale × pair of waves) is
   *[other] { $count } outcomes (scale × pair of waves) are
} pooled across { $k_min } to { $k_max } networks; { $demonstrable ->
    [0] none of them shows a demonstrable change.
    [one] one of them shows a demonstrable change:
   *[other] { $demonstrable } of them show a demonstrable change:
}
compare-summary-pooled = { $scale } ({ $waves }): across { $k } networks on average { $estimate } (95% CI { $low } to { $high }).
compare-summary-not-pooled = { $count ->
    [one] One outcome is
   *[other] { $count } outcomes are
} not pooled: fewer than two networks have usable figures for it.
compare-summary-moderators-none = No conclusion is possible about the success factors: that takes at least { $min_k } networks with at least two per group.
compare-summary-moderators = { $count } success-factor results can be tested; see the table.
compare-summary-areas = In { $extreme } of { $count } comparisons of an area with its { $neighbours } comparison areas, the area changed more than each of those areas.
compare-missing-register = There is no network register: there is nothing to compare.
compare-missing-responses = There are no questionnaire responses: no effects per network and no pooled effects.
compare-missing-kwb = There are no Kerncijfers wijken en buurten (CBS): no comparison areas.
compare-missing-rivm-periods = There are no RIVM/GGD figures of two or more years: no change against comparison areas.
compare-missing-vektis = There are no Vektis files: no care costs around the start.
compare-suppressed = suppressed
compare-reason-below_min_n = suppressed
compare-reason-suppressed = suppressed
compare-reason-missing = no figures
compare-reason-not_finite = not a number
compare-reason-no_variance = no spread
compare-reason-too_few_pairs = too few pairs
compare-forest-pooled = Pooled
compare-forest-stats = k = { $k } networks; τ² = { $tau2 }; I² = { $i2 }%; prediction interval { $pi_low } to { $pi_high } ({ $method }, { $test }).
compare-forest-few = With { $k } networks (fewer than { $min_k }) the spread between networks (τ², I²) cannot be estimated reliably.
compare-forest-not-pooled = Not pooled: { $k } networks with usable figures.
compare-label-forest-left-out = Networks without an estimate do not count in the pooled figure.
compare-label-moderators-intro = Only an instrument's total scale (or every scale when it has no total); the moderators table has all scales. The levels are the register's codes.
compare-forest-alt = Forest plot of { $scale }: { $sites } networks, { $k } of them pooled; pooled change { $estimate }.
compare-moderator-aanpak = Approach
compare-moderator-initiatiefnemer = Initiator
compare-moderator-perspectief = Perspective
compare-moderator-kartrekker_onafhankelijk = Independent lead
compare-moderator-financiering = Structural funding
compare-moderator-partner_gemeente = Municipality a partner
compare-moderator-partner_zorgverzekeraar = Health insurer a partner
compare-moderator-partner_huisarts = GP a partner
compare-moderator-fase = Current phase
compare-moderator-few = No conclusion possible: { $k ->
    [one] one network
   *[other] { $k } networks
}, fewer than { $min_k }.
compare-moderator-no-conclusion = No conclusion possible: a group has only one network or the test cannot be computed ({ $k } networks).
compare-moderator-differs = The groups differ demonstrably ({ $k } networks).
compare-moderator-no-difference = No demonstrable difference between the groups ({ $k } networks).
compare-areas-alt = Change in { $indicator } in { $count } areas of networks, each among the changes in its comparison areas.
compare-areas-sentence = { $extreme } of { $count } areas changed more than all of their comparison areas; { $demonstrable } demonstrably differently (placebo test).
compare-areas-smallest-p = With { $n } comparison areas the smallest possible p-value of the placebo test is { $p }: one area alone cannot change demonstrably (p < { $alpha }) differently from its comparison areas.
compare-costs-alt = Standardised care costs per insured-year of municipality { $gemeente } (network { $network }) and its comparison municipalities, { $first } to { $last }.
compare-costs-sentence = Difference-in-differences after the start against before: { $did } euro per insured-year relative to { $count } comparison municipalities.
compare-costs-no-did = No difference-in-differences: there are no years both before and after the start, or no start date.
compare-methods-pooling = Pooled with a random-effects model as metafor::rma does it: τ² by { $method }, confidence intervals by { $test } (knha: Knapp–Hartung), with the prediction interval for a new network. A network's effect is the mean paired change in the scale's own units, with variance s²/n.
compare-methods-moderators = Success factors from the register were tested one at a time as moderators (mixed-effects model, QM; F-test under Knapp–Hartung). With fewer than 10 networks or a group of one network no conclusion is possible.
compare-methods-areas = Comparison areas: the { $neighbours } areas of the same level without a network most like the area (share aged 65+, one-person households, low incomes, address density and the baseline self-rated health), and a broad set of all areas of the same level and urbanity. The difference-in-differences is the change in the area minus the mean change in the comparison areas; the placebo rank places that difference among the same figure for each comparison area.
compare-methods-rivm = RIVM's figures per district and neighbourhood are model-based small-area estimates; a change partly reflects changes in the registers (such as the population's make-up) they are predicted from.
compare-methods-costs = Care costs: directly standardised for age and sex (Vektis, per year), municipalities of older divisions mapped to the latest with the municipality register; compared with the { $neighbours } municipalities with the most similar costs and size in the first year.
compare-methods-suppression = Figures on fewer than { $min_n } respondents are neither shown nor pooled, so that no pooled figure can be worked back to a suppressed one.
compare-methods-sources = Sources: the networks' questionnaires and register; CBS Kerncijfers wijken en buurten; RIVM/GGD Gezondheid per wijk en buurt (CBS StatLine, CC BY 4.0); Vektis Open Databestand Zorgverzekeringswet.
compare-summary-pooled-more = { $count ->
    [one] One more demonstrable change is
   *[other] { $count } more demonstrable changes are
} shown with the effects per network.
compare-summary-left-out-networks = Not pooled because { $reason }: { $networks }.
compare-left-out-network = { $network } ({ $outcomes ->
    [one] one outcome
   *[other] { $outcomes } outcomes
})
compare-left-out-suppressed = the figures are suppressed (fewer than { $min_n } pairs, or to protect a group)
compare-left-out-missing = there are no figures in one of the waves
compare-left-out-no-variance = the changes have no spread
compare-left-out-too-few-pairs = there are too few pairs
compare-left-out-not-finite = a figure is not a number
compare-map-alt = Map of the Netherlands with the municipalities in grey and the areas of { $count } networks ({ $networks }) marked; { $areas } areas coloured.
compare-label-map = The networks on the map: their wijken (or municipality) coloured, with a dot at each network
## Maps (render/profile/maps.rs, the maps of profiel.typ and netwerk.typ)

profile-maps-heading = Maps
profile-maps-locator-title = Location
profile-maps-locator-alt = Map of the { $count } { $levels } of { $gemeente }; { $area } is coloured blue.
profile-maps-locator-alt-wijk = Map of the { $count } { $levels } of { $gemeente }; the neighbourhood { $buurt } lies in { $area }, which is coloured blue.
profile-maps-locator-alt-buurt = Map of the { $count } { $levels } of { $gemeente } with neighbourhood { $area } coloured blue inside its district.
profile-maps-country-alt = Map of the Netherlands with its { $count } municipalities; { $area } is coloured blue.
profile-maps-title = { $indicator } ({ $year })
profile-maps-choropleth-alt = Map of the { $count } { $levels } of { $gemeente }, coloured by ‘{ $indicator }’ in five classes: the quintiles among all { $levels } of the Netherlands, from light (lowest 20%) to dark (highest 20%).
profile-maps-alt-area-class = { $area } (thick outline) is in quintile { $class }.
profile-maps-alt-area-none = { $area } (thick outline) has no figure.
profile-maps-alt-highest = Highest quintile on this map ({ $class }): { $names }.
profile-maps-alt-more = { $count } more
profile-maps-alt-no-value = { $count ->
    [one] One area has no figure (hatched).
   *[other] { $count } areas have no figure (hatched).
}
profile-maps-legend-title = Quintile among all { $levels } of the Netherlands
profile-maps-legend-title-regional = Quintile among the { $levels } in the input files
profile-maps-choropleth-alt-regional = Map of the { $count } { $levels } of { $gemeente }, coloured by ‘{ $indicator }’ in five classes: the quintiles among the { $levels } in the input files, from light (lowest 20%) to dark (highest 20%).
profile-maps-legend-alt = Legend of the maps: five colours from light (quintile 1, the lowest 20%) to dark (quintile 5, the highest 20%); hatched: no figure.
profile-maps-class-1 = 1 · lowest 20%
profile-maps-class-2 = 2
profile-maps-class-3 = 3
profile-maps-class-4 = 4
profile-maps-class-5 = 5 · highest 20%
profile-maps-no-value = no figure
profile-maps-layer = { $level ->
    [gemeente] municipal boundaries
    [wijk] district boundaries
   *[buurt] neighbourhood boundaries
} { $year }
profile-maps-layer-file = { $layer } from { $file }
profile-maps-source = Maps: { $layers }. Source: { $attribution }.
profile-missing-map-area = { $code } is not in the { $layer } and is therefore not drawn on the map.
profile-missing-map-more = { " " }and { $count } more
profile-missing-map-areas = Not on the maps, as they are not in the { $layer }: { $codes }.
profile-missing-map-gemeente = No map of { $gemeente }: the municipality is not in the { $layer }.
profile-missing-map-buurten = No neighbourhood boundaries given (--boundaries): the maps show the districts of { $gemeente }, with this neighbourhood's district in blue or outlined.
map-network-alt = Map of the { $count } { $levels } of { $gemeente }; where the network works is coloured blue: { $areas }.
map-network-country-alt = Map of the Netherlands with its { $count } municipalities; where the network works is coloured blue: { $areas }.
map-network-source = Map: { $layers }. Source: { $attribution }.
## Profile appendix: all published indicators (render/profile/appendix.rs)
profile-appendix-heading = Appendix: all published indicators
profile-appendix-intro = Everything the input files publish for { $area } that is not among the themes above, by source, year and age group. Indicators without a direction in the catalogue (pipelines/indicators.toml) are never called better or worse; every figure is also in the table profile.
profile-appendix-alt = Table of { $count } published indicators of { $area }, with the value of the municipality and the Netherlands, the unit and the source with its year for each.
profile-appendix-column-unit = Unit
profile-appendix-column-source = Source, year
profile-appendix-source-cbs-kwb = CBS { $year }
profile-appendix-source-rivm-gezondheid = RIVM { $year }
profile-appendix-source-rivm-gezondheid-age = RIVM { $year }, { $age }
profile-appendix-source-vektis = Vektis { $year }
profile-appendix-unit-percent = %
profile-appendix-unit-per-1000-inhabitants = per 1,000 inhabitants
profile-appendix-unit-km = km
profile-appendix-unit-eur-per-insured-year = € per insured-year
profile-appendix-unit-count = count
profile-appendix-unit-average = average
profile-appendix-unit-eur = €
profile-appendix-unit-eur-1000 = × € 1,000
profile-appendix-unit-per-km2 = per km²
profile-appendix-unit-ha = ha
profile-appendix-unit-class = class
profile-appendix-unit-ratio = ratio
# `inspect` and `run --check`: figures a file publishes that the catalogue does not declare.
inspect-undeclared = { $count } { $count ->
    [one] indicator
   *[other] indicators
} without an entry in pipelines/indicators.toml (in the table profile and the appendix, without a direction): { $ids }
compare-moderators-omitted = For { $count ->
    [one] one more outcome
   *[other] { $count } more outcomes
} no success factor allows a conclusion (fewer than { $min_k } networks, or a group of one network); their estimates per level are in the moderators table.
compare-timing-before = before the start
compare-timing-spanning = spanning the start
compare-timing-after = after the start
compare-timing-unknown = start unknown
compare-higher-is-better = higher is better
compare-lower-is-better = lower is better
## Web pages (wijkmonitor serve)

serve-site-name = Wijkmonitor
serve-skip = Skip to content
serve-lang-switch = Nederlands
serve-lang-switch-label = Naar het Nederlands
serve-start-title = Neighbourhood health profiles
serve-start-intro = Choose a municipality to see the map of its districts. Then click a district, or pick it from the list, for its profile.
serve-gemeente-label = Municipality (name or code)
serve-gemeente-hint = Type part of the name or the code, for example Oss or GM0828.
serve-gemeente-show = Show
serve-gemeente-unknown = No municipality found for “{ $query }”.
serve-gemeenten-all = All municipalities
serve-map-heading = Map of the districts of { $name }
serve-map-alt = Map of { $count } districts of { $name }; click a district for its profile.
serve-map-none = No map of the districts is available for this municipality.
serve-list-heading = Districts of { $name }
serve-gemeente-profile = Profile of the municipality of { $name }
serve-area-subtitle = { $level } { $code } · municipality { $gemeente }
serve-download-pdf = Download PDF
serve-download-csv = Download the figures (CSV)
serve-col-value = Value
serve-col-chart = Spread
serve-home = All municipalities
serve-not-found-title = Not found
serve-not-found-text = There is no area or page with this code or address. Check the code (for example WK082801) or start on the start page.
serve-error-title = Something went wrong
serve-error-text = The PDF could not be made: { $reason }
serve-crumbs = Breadcrumb
serve-area-map-heading = Location
serve-area-map-alt = Map of the { $count } districts of { $gemeente } with { $name } highlighted; click a district for its profile.
serve-footer = Made with wijkmonitor from open data of CBS, RIVM/GGD and Vektis. These pages run on your own computer; nothing goes to the internet.
serve-networks = Networks
serve-networks-intro = The networks of this pipeline with their annual report. A report is made when you open it; the first time takes a few seconds.
serve-networks-link = Networks and their annual reports
serve-networks-caption = { $count ->
    [one] One network
   *[other] { $count } networks
}
serve-network-column = Network
serve-network-areas = Area
serve-network-report = Annual report
serve-network-report-label = annual report of { $name }
serve-network-report-note = The reports are the same as those of wijkmonitor run: figures on fewer respondents than the threshold are left out.
serve-comparison = Comparison of the networks
serve-comparison-intro = All networks side by side: the change per network and pooled across the networks, the success factors put to the test, the networks' areas against comparable areas without a network, and care costs around the start. Making it takes a few seconds the first time.
serve-comparison-link = Comparison (PDF)
serve-console-stop = wijkmonitor serve: Ctrl-C stops the server
serve-console-bind-warning = wijkmonitor serve: warning: listening on { $address }: the data become reachable by anyone on the network who can reach this machine
serve-console-no-browser = wijkmonitor serve: cannot open a browser ({ $error }); open { $url } yourself
