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

# The progress bar: indicatif's placeholders are passed in as arguments
# ({ $eta } is the time left), so only the words are translated.
progress-eta = nog { $eta }
progress-profiles = profielen
progress-reports = rapporten
# The closing line of `run`: what was made, where, in how many seconds.
run-made = { $pipeline }: { $made } in { $out } ({ $seconds } s)
run-made-reports = { $count } netwerkrapporten
run-made-profiles = { $count } profielen
run-made-tables = { $count } tabellen
run-made-workbook = werkmap
run-input-problems = { $errors } fouten en { $warnings } waarschuwingen in de invoer (zie hierboven)
run-input-unreadable = ; { $count ->
    [one] { $count } invoerbestand kon niet worden gelezen
   *[other] { $count } invoerbestanden konden niet worden gelezen
}
run-no-profile = geen profiel voor { $areas }: de open data van de profielen hebben { $count ->
    [one] dit gebied
   *[other] deze gebieden
} niet
# `run --check`
run-check-unreadable = kan niet worden gelezen
run-check-ok = ok
run-check-errors = { $count ->
    [one] { $count } fout
   *[other] { $count } fouten
}
run-check-warnings = { $count ->
    [one] { $count } waarschuwing
   *[other] { $count } waarschuwingen
}
run-check-summary = { $pipeline }: { $inputs } invoerbestanden, { $unreadable } onleesbaar, { $errors }, { $warnings }
# `profile`
profile-console-tables = { $areas } gebieden, { $rows } indicatorrijen; tabellen in { $dir }
profile-console-pdfs = { $count } pdf's in { $dir }
# `effect`
effect-console-heading = Voor/na { $instrument }: { $count ->
    [one] { $count } vergelijking
   *[other] { $count } vergelijkingen
}
effect-console-network = netwerk
effect-console-scale = schaal
effect-console-group = groep
effect-console-waves = metingen
effect-console-from = van
effect-console-to = naar
effect-console-difference = verschil [95%-BI]
effect-console-unpaired = ongepaard, Welch
effect-console-tables = Tabellen in { $dir }
effect-console-suppressed = onderdrukt: minder dan { $min_n } respondenten
# `template`
template-console-wrote = geschreven: { $path }
# The workbook's first sheet.
workbook-about-sheet = Toelichting
workbook-about-pipeline = Pipeline: { $name } ({ $path })
workbook-about-min-n = Onthullingsdrempel: cijfers op minder dan { $min_n } respondenten zijn onderdrukt (leeg, suppressed = TRUE).
workbook-about-columns = Kolommen en betekenis: zie docs/tables.md van wijkmonitor.
workbook-column-sheet = Blad
workbook-column-rows = Rijen
workbook-column-contents = Inhoud
# What each table of the workbook holds (workbook-table-NAME).
workbook-table-networks = Eén rij per netwerk: gegevens uit het netwerkregister.
workbook-table-before-after = Voor-na-vergelijkingen per netwerk, vragenlijst, schaal, groep en paar metingen.
workbook-table-waves = Gemiddelde per meting per netwerk, schaal en groep, met 95%-interval.
workbook-table-cutoffs = Aandeel respondenten boven een afkappunt per meting (Wilson-interval).
workbook-table-matches = Hulpvragen en matches per netwerk en jaar (matchlog).
workbook-table-question-quarters = Niet-medische vragen afgehandeld in de gemeenschap, per netwerk en kwartaal.
workbook-table-community-change = Verandering van dat aandeel tussen het eerste en laatste jaar (Newcombe-interval).
workbook-table-profile = Indicatoren van de gebieden van de netwerken tegen gemeente en Nederland (zie profile.csv in README).
workbook-table-costs = Zorgkosten (Vektis Zvw) per gemeente en categorie, ruw en gestandaardiseerd naar leeftijd en geslacht.

# The kind of an input file, in the reports' list of sources (input-kind-CODE).
input-kind-open-data = open data
input-kind-register = netwerkregister
input-kind-responses = antwoorden
input-kind-matches = matchlog
input-kind-questions = vragenlog
input-kind-boundaries = grenzen (kaart)

# (console and workbook messages: add them here)

## Network report (netwerk.typ and its data)

# The data (render/network): sentences and labels put in by wijkmonitor.
network-unknown = onbekend
network-unknown-label = Onbekend
network-yes = ja
network-no = nee
network-not-filled-in = niet ingevuld
network-phase-verkennen = Verkennen
network-phase-vormgeven = Vormgeven
network-phase-verdiepen = Verdiepen
network-phase-verankeren = Verankeren
network-phase-not-yet = nog niet
network-initiator-burgers = Inwoners
network-initiator-professionals = Professionals
network-initiator-huisarts = Huisarts
network-initiator-gemeente = Gemeente
network-approach-bottom-up = Bottom-up (vanuit inwoners)
network-approach-top-down = Top-down (vanuit professionals)
network-approach-community-up = Community-up (alle domeinen samen)
network-perspective-rond-de-persoon = Rond de persoon
network-perspective-wijkvraagstuk = Wijkvraagstuk
network-perspective-populatie-in-de-regio = Populatie in de regio
network-perspective-schaalthema = Schaalthema
network-funding-tijdelijk = Tijdelijk
network-funding-structureel = Structureel
network-funding-until = { $funding } (tot { $until })
network-domain-zorg = Zorg
network-domain-welzijn = Welzijn
network-domain-gemeente = Gemeente
network-domain-zorgverzekeraar = Zorgverzekeraar
network-domain-huisarts = Huisarts
network-domain-inwoners-vrijwilligers = Inwoners en vrijwilligers
network-domain-wonen = Wonen
network-domain-veiligheid = Veiligheid
network-domain-onderwijs = Onderwijs
network-domain-overig = Overig
network-fact-ambition = Ambitie
network-fact-target-group = Doelgroep
network-fact-initiator = Initiatiefnemer
network-fact-approach = Aanpak
network-fact-perspective = Perspectief
network-fact-kartrekker = Kartrekker
network-fact-funding = Financiering
network-fact-started = Gestart
network-fact-phase = Huidige fase
network-fact-municipality = Gemeente
network-timeline-alt = Tijdlijn van de fasen van het netwerk, { $from } tot { $to }: { $phases }.
network-timeline-alt-none = Tijdlijn van de fasen: het register noemt nog geen fase van dit netwerk.
network-status-present = aanwezig
network-status-absent = afwezig
network-status-unknown = onbekend
network-check-independent-kartrekker = Onafhankelijke kartrekker
network-check-municipality = Gemeente doet mee
network-check-health-insurer = Zorgverzekeraar doet mee
network-check-general-practice = Huisarts doet mee
network-check-residents-from-start = Inwoners vanaf de start betrokken
network-check-structural-funding = Structurele financiering
network-check-written-ambition = Gedeelde ambitie op papier
network-basis-partner = Partner: { $names }
network-basis-no-partner-in = Geen partner in het domein { $domain }
network-basis-no-partners = Het register noemt geen partners
network-basis-funding = Financiering: { $funding }
network-basis-kartrekker-independent = Kartrekker onafhankelijk volgens het register: { $value }
network-basis-residents-from-start = Inwoners vanaf de start betrokken volgens het register: { $value }
network-basis-written-ambition = Ambitie op papier volgens het register: { $value }
network-area-no-open-data = Deze run heeft geen open data (CBS, RIVM/GGD) als invoer voor de rapportages; er is daarom geen gebiedsprofiel.
network-area-no-figures = De open data van deze run bevatten geen cijfers voor de gebieden van dit netwerk.
network-quintile = kwintiel { $quintile }
network-costs-text = Zorgkosten (Zvw) per verzekerdejaar in { $gemeente }{ $year }, gestandaardiseerd naar leeftijd en geslacht: { $cost } (Nederland { $nl_cost }){ $ratio }. Vektis publiceert geen cijfers per wijk: dit zijn de kosten van de hele gemeente.
network-costs-ratio = ; verhouding waargenomen/verwacht { $ratio }
network-costs-gemeente-standardised = { $gemeente } (gestandaardiseerd)
network-costs-note = Kosten per verzekerdejaar in { $year }, gestandaardiseerd naar leeftijd en geslacht. Een verhouding boven 1 betekent hogere kosten dan verwacht.
network-reason-too-few = { $n } { $n ->
    [one] respondent
   *[other] respondenten
}, minder dan { $min_n }
network-reason-complementary = anders terug te rekenen uit de andere cijfers
network-reason-no-responses = geen antwoorden
network-reason-too-few-questions = minder dan { $min_n } niet-medische vragen
network-respondents-residents = inwoners
network-residents-no-responses = Er zijn voor dit netwerk geen antwoorden op deze vragenlijst.
network-residents-one-wave = Dit netwerk heeft voor deze vragenlijst nog maar één meting; een voor-na-vergelijking volgt na de volgende meting.
network-method-paired = gepaard
network-method-welch = ongepaard (Welch)
network-higher-is-better = hoger is beter
network-lower-is-better = lager is beter
network-spider-alt-suppressed = Spinnenweb niet getoond: te weinig respondenten (n = { $n }).
network-spider-alt = Spinnenweb van de { $dimensions } dimensies, gemiddelden bij { $from } en { $to } (n = { $n }); bij { $to } hoger op { $higher } van de { $dimensions } dimensies.
network-interval-alt = Gemiddeld verschil { $to } − { $from } per schaal met 95%-betrouwbaarheidsinterval.
network-interval-alt-all-contain-zero = Alle intervallen bevatten nul.
network-interval-alt-above = Geheel boven nul: { $scales }.
network-interval-alt-below = Geheel onder nul: { $scales }.
network-topic-residents = Inwoners
network-topic-collaboration = Samenwerking
network-topic-activity = Activiteit
network-summary-no-residents = Er zijn (nog) geen voor- en nametingen onder inwoners van dit netwerk.
network-summary-residents-too-few = { $instrument } — te weinig inwoners met beide metingen ({ $from } en { $to }: n = { $n }, drempel { $min_n }) om iets te zeggen over verandering.
network-summary-ci = ; 95%-BI { $low } tot { $high }
network-summary-residents-change = { $instrument } — { $scale } { $rose ->
    [yes] steeg
   *[no] daalde
} van { $from_value } naar { $to_value } ({ $from } tot { $to }; verschil { $diff }{ $ci }; n = { $n } { $paired ->
    [yes] inwoners met beide metingen
   *[no] inwoners per meting (ongepaard)
}).
network-summary-residents-no-change = { $instrument } — geen aantoonbare verandering tussen { $from } en { $to } op de { $scales } { $scales ->
    [one] schaal
   *[other] schalen
} (n = { $n }).
network-summary-residents-no-other-change = { $instrument } — op { $scales } andere { $scales ->
    [one] schaal
   *[other] schalen
} geen aantoonbare verandering (n = { $n }).
network-summary-no-collaboration-instrument = Deze run bevat geen vragenlijst over de samenwerking in het netwerk.
network-summary-collaboration-not-twice = De samenwerking is (nog) niet op twee momenten gemeten.
network-summary-collaboration-too-few = Te weinig netwerkpartners vulden de vragenlijst over samenwerking bij { $from } en { $to } in (n = { $n }, drempel { $min_n }) om uitspraken te doen over verandering.
network-summary-collaboration = De netwerkpartners beoordelen { $higher } van de { $aspects } aspecten van samenwerking hoger { $to_label } ({ $to }) dan { $from_label } ({ $from }){ $rise }. Aantoonbaar (p < { $alpha }) bij { $demonstrable } van de { $aspects } aspecten (n = { $n }).
network-summary-collaboration-largest-rise = ; de grootste stijging bij ‘{ $aspect }’ ({ $from } → { $to })
network-collaboration-alt-none = Geen grafiek: bij geen enkele meting ({ $waves }) vulden genoeg netwerkpartners de vragenlijst in.
network-collaboration-alt = Gemiddelde score ({ $min }–{ $max }) van { $aspects } aspecten van samenwerking per meting ({ $waves }); per aspect een stip per meting met het 95%-interval.
network-quarter-letter = K
network-all-years = alle jaren
network-matches-alt-year = { $period }: { $requests } hulpvragen, { $pct }% gematcht
network-matches-alt-year-no-share = { $period }: { $requests } hulpvragen
network-matches-alt = Hulpvragen en matches per jaar: { $years }.
network-questions-alt-one = Aandeel niet-medische vragen dat in de gemeenschap (inwonerinitiatieven en vrijwilligers) werd afgehandeld, per kwartaal: alleen { $quarter } is getoond ({ $pct }%); de andere kwartalen hebben te weinig vragen.
network-questions-alt = Aandeel niet-medische vragen dat in de gemeenschap (inwonerinitiatieven en vrijwilligers) werd afgehandeld, per kwartaal met 95%-interval: { $first } { $first_pct }% tot { $last } { $last_pct }%.
network-questions-alt-none = Aandeel niet-medische vragen in de gemeenschap per kwartaal: alle kwartalen onderdrukt (te weinig vragen).
network-activity-no-logs = Deze run heeft geen matchlog en geen vragenlog als invoer.
network-activity-no-rows = De activiteitenlogboeken van deze run bevatten geen regels van dit netwerk.
network-change-suppressed = De verandering tussen { $first } en { $last } is niet getoond: in een van beide jaren zijn er minder dan { $min_n } niet-medische vragen.
network-change-ci = { " " }(95%-BI { $low } tot { $high })
network-change-text = Het aandeel niet-medische vragen dat in de gemeenschap werd afgehandeld { $verb ->
    [rose] steeg
    [fell] daalde
   *[went] ging
} van { $pct_first }% ({ $first }, n = { $n_first }) naar { $pct_last }% ({ $last }, n = { $n_last }): { $diff } procentpunt{ $ci }.
network-change-not-demonstrable = Dat verschil is niet aantoonbaar: het interval bevat nul.
network-summary-matches = Van de { $requests } hulpvragen werd { $pct } gematcht met een vrijwilliger{ $days }{ $followup }.
network-summary-matches-days = ; mediaan { $days } dagen tot een match
network-summary-matches-followup = ; { $pct }% van de opvolgingen op tijd (6–8 weken)
network-summary-no-activity = Voor dit netwerk zijn geen activiteitenlogboeken (matches, vragen) aangeleverd.
network-methods-scale = { $scale } ({ $rule ->
    [sum] som
   *[mean] gemiddelde
} van { $items }, { $min }–{ $max }, minstens { $answered })
network-methods-scales = Schalen: { $scales }.
network-methods-waves-default = per netwerk de eerste meting tegen de laatste
network-input-unreadable = kon niet worden gelezen
network-input-problems = { $errors ->
    [one] { $errors } fout
   *[other] { $errors } fouten
}, { $warnings ->
    [one] { $warnings } waarschuwing
   *[other] { $warnings } waarschuwingen
}
network-methods-first = eerste
network-methods-last = laatste
network-setting-run = Run
network-setting-min-n = Onthullingsdrempel (min_n)
network-setting-waves = Vergeleken metingen
network-setting-confidence = Betrouwbaarheid van intervallen
network-setting-date = Datum van het rapport
network-methods-paired = Voor-na-vergelijkingen per schaal zijn gepaard: alleen inwoners die beide metingen invulden tellen mee (gepaarde t-toets met 95%-betrouwbaarheidsinterval van het gemiddelde verschil, Wilcoxon-rangtekentoets, effectgrootte Cohen's d_z, aandelen verbeterd/gelijk/verslechterd met de minimaal belangrijke verandering van de schaal). Zijn de metingen niet aan personen te koppelen, dan is de vergelijking ongepaard (t-toets van Welch) en staat dat erbij.
network-methods-demonstrable = Een p-waarde onder { $alpha } noemen we ‘aantoonbaar’. Bij kleine aantallen is een echte verandering vaak niet aantoonbaar; ‘geen aantoonbare verandering’ betekent dus niet ‘geen verandering’. Zonder vergelijkingsgroep is een verandering niet zonder meer aan het netwerk toe te schrijven.
network-methods-disclosure = Onthullingsbeheersing: elk cijfer dat op minder dan { $min_n } respondenten (of vragen) rust, is in alle uitvoer onderdrukt; waar een kleine groep anders uit de andere cijfers terug te rekenen is, is ook een tweede cijfer onderdrukt. Namen en codes van respondenten en vrije tekst komen nooit in een rapport.
network-methods-intervals = Aandelen hebben een Wilson-interval; het verschil tussen twee jaren een interval volgens Newcombe. De gebiedscijfers komen uit het wijkgezondheidsprofiel: ‘beter’ of ‘slechter’ alleen waar de bron een 95%-interval geeft en de vergelijkingswaarde daarbuiten valt.
network-collaboration-intro = De partners beoordeelden { $aspects ->
    [0] nul
    [1] een
    [2] twee
    [3] drie
    [4] vier
    [5] vijf
    [6] zes
    [7] zeven
    [8] acht
    [9] negen
    [10] tien
   *[other] { $aspects }
} aspecten van hun samenwerking op een schaal van { $min } tot { $max }, bij elke meting opnieuw{ $total ->
    [yes] ; onderaan, onder de streep, staat het totaal over alle vragen
   *[no] {""}
}.

# A 95% interval after a figure; the bounds arrive formatted.
network-interval = ({ $low } tot { $high })

# The template (netwerk.typ): fixed labels, in data.labels. Arguments:
# $year (the report's year), $min_n (the disclosure threshold).
network-chart = Grafiek
network-not-shown = niet getoond
network-better = beter
network-worse = slechter
network-no-demonstrable-difference = geen aantoonbaar verschil
network-no-judgement-possible = geen oordeel mogelijk
network-impact-report = Impactrapportage { $year }
network-annual-impact-report = Jaarlijkse impactrapportage { $year }
network-municipality-word = gemeente
network-phase-word = fase
network-phases-network = Fasen van het netwerk
network-made-wijkmonitor = Gemaakt met wijkmonitor op
network-as-part = als onderdeel van
network-all-figures-this-report = Alle cijfers in dit rapport komen uit de bestanden die het netwerk en de gemeente aanleverden; zie ‘Methoden en bronnen’.
network-at-a-glance = In het kort
network-there-are-no-outcomes = Er zijn geen uitkomsten om samen te vatten.
network-how-read-this-summary = Zo leest u deze samenvatting
network-better-worse-used-only = ‘Beter’ of ‘slechter’ staat er alleen als een verschil groter is dan toeval kan verklaren (95%-betrouwbaarheidsinterval zonder nul). n is het aantal inwoners, partners of hulpvragen achter de uitspraak; bij kleine aantallen is voorzichtigheid geboden.
network-the-network = Het netwerk
network-missing-register = niet ingevuld in het register:{" "}
network-now = nu
network-phases = Fasen
network-timeline-network-s-phases = Tijdlijn van de fasen van het netwerk
network-each-colour-phase-date = Elke kleur is een fase, vanaf de datum waarop het netwerk die fase bereikte; de donkere streep is nu. Een open, grijze cirkel is een fase die nog niet bereikt is.
network-no-partner-registered = geen partner geregistreerd
network-partners = Partners
network-no-partners-are-registered = Er zijn geen partners geregistreerd.
network-success-factors = Succesfactoren
network-no-checklist-was-filled = Er is geen checklist ingevuld.
network-factor = Factor
network-status = Status
network-under-each-factor-small = Onder elke factor in kleine letters: waarop het oordeel berust.
network-the-area = Het gebied
network-colour-word-show-whether = Kleur en woord geven aan of het gebied aantoonbaar beter of slechter scoort dan de gemeente of Nederland (vergelijkbaar: geen aantoonbaar verschil). Waar niet getoetst kan worden, staat bij Nederland het kwintiel: de plaats onder alle gebieden van hetzelfde niveau (1 = laagste 20%, 5 = hoogste 20%).
network-these-figures-allow-no = Bij deze cijfers is geen toets op verschillen mogelijk. De laatste kolom geeft daarom het kwintiel: de plaats van het gebied onder alle gebieden van hetzelfde niveau in Nederland (1 = laagste 20%, 5 = hoogste 20%).
network-indicator = Indicator
network-vs-municipality = t.o.v. gemeente
network-vs-netherlands = t.o.v. Nederland
network-quintile-netherlands = Kwintiel in Nederland
network-figures = Cijfers over
network-area-whole-municipality-so = Het gebied is de hele gemeente; een vergelijking met de gemeente vervalt daarom.
network-care-costs = Zorgkosten
network-netherlands = Nederland
network-ratio-netherlands = Verhouding tot Nederland
network-there-are-no-area = Er zijn geen gebiedscijfers voor dit netwerk.
network-how-read-this-chapter = Zo leest u dit hoofdstuk
network-spider-web-not-shown = Het spinnenweb wordt niet getoond
network-spider-web-cannot-drawn = Het spinnenweb kan niet getekend worden: er zijn te weinig dimensies.
network-spider-web = Spinnenweb
network-scale-word = schaal
network-dimension = Dimensie
network-scale-header = Schaal
network-mean = Gem.
network-difference = Verschil
network-ci-header = (95%-BI)
network-t-test = t-toets
network-same = gelijk
network-both-measurements-below-it = met beide metingen; daaronder het aantal bij
network-test-difference = Toets voor het verschil
network-percentages-count-how-many = De percentages tellen hoeveel inwoners er op de schaal op vooruit gingen, gelijk bleven of achteruit gingen.
network-difference-scale-confidence-interval = Verschil per schaal, met 95%-betrouwbaarheidsinterval
network-difference-scale = Verschil per schaal
network-difference-word = verschil
network-scale-points = (schaalpunten)
network-confidence-interval = 95%-betrouwbaarheidsinterval
network-not-shown-too-few = niet getoond: te weinig respondenten
network-means-measurement = Gemiddelden per meting
network-mean-measurement-all-respondents = Gemiddelde per meting (alle respondenten)
network-shares-above-cut-off = Aandelen boven het afkappunt
network-share-above-cut-off = Aandeel boven het afkappunt
network-cut-off = Afkappunt
network-change-scale = Verandering per schaal
network-no-resident-measurements-were = Er zijn voor dit netwerk geen metingen bij inwoners aangeleverd.
network-no-measurement = geen meting
network-mean-score-scale = gemiddelde score op de schaal
network-too-few-respondents = te weinig respondenten
network-not-shown-capital = Niet getoond
network-by-role = Per rol
network-role = Rol
network-no-responses-that-measurement = –: geen antwoorden bij die meting.
network-all-aspects-not-shown = alle aspecten niet getoond
network-aspect = Aspect
network-roles-not-shown-note = ‘Niet getoond’: te weinig partners in deze rol om de score zonder risico op herkenbaarheid te tonen; bij een rol zonder enige score staat alleen het aantal partners. –: geen antwoorden.
network-scores-are-not-shown = De scores worden niet getoond: bij geen enkele meting vulden genoeg partners de vragenlijst in om ze zonder risico op herkenbaarheid te tonen
network-number-partners = Aantal partners
network-each-aspect-measurements-are = Per aspect staan de metingen onder elkaar: de gemiddelde score met een 95%-betrouwbaarheidsinterval.
network-no-data-collaboration-between = Er zijn voor dit netwerk geen gegevens over de samenwerking tussen de partners aangeleverd.
network-of-word = van
network-period = Periode
network-requests = Hulpvragen
network-matched = Gematcht
network-median-days-match = Mediaan dagen tot match
network-followed-up-time-wk = Op tijd opgevolgd (6–8 wk)
network-going-well-according-volunteer = Gaat goed volgens vrijwilliger
network-satisfied-requester = Tevreden hulpvrager
network-requests-word = hulpvragen
network-matched-word = gematcht
network-matched-not-shown = gematcht niet getoond
network-number-requests = aantal hulpvragen
network-requests-matches = Hulpvragen en matches
network-matched-requests-which-match = Gematcht: hulpvragen waarvoor een match gevonden is. Op tijd opgevolgd: van de opvolgingen die op de peildatum gedaan hadden moeten zijn, het deel dat 6 tot 8 weken na de match plaatsvond. Gaat goed volgens vrijwilliger: van de opgevolgde matches, het deel waarin de vrijwilliger zegt dat het goed gaat. Tevreden hulpvrager: van de hulpvragers die een cijfer gaven, het deel met een 4 of 5 (op een schaal van 1 tot 5). Onder elk percentage het 95%-betrouwbaarheidsinterval en de aantallen. –: niet getoond (te weinig hulpvragen) of niet te berekenen.
network-reference-date = Peildatum
network-requests-period = Hulpvragen per periode
network-requests-matches-period = Hulpvragen en matches per periode
network-not-matched = niet gematcht
network-number-matched-not-shown = aantal gematcht niet getoond
network-community-axis = % in de gemeenschap
network-questions = Vragen
network-which-non-medical = waarvan niet-medisch
network-those-community = daarvan in de gemeenschap
network-share-community = aandeel in de gemeenschap
network-questions-not-shown-per-quarter = Het aandeel niet-medische vragen dat door inwonerinitiatieven en vrijwilligers werd afgehandeld, wordt per kwartaal niet getoond
network-questions-chart-intro = Het aandeel niet-medische vragen dat door inwonerinitiatieven en vrijwilligers werd afgehandeld, per kwartaal.
network-share-questions-handled-community = Aandeel vragen afgehandeld in de gemeenschap per kwartaal
network-share-word = aandeel
network-confidence-interval-wilson = 95%-betrouwbaarheidsinterval (Wilson)
network-questions-handled-community = Vragen afgehandeld in de gemeenschap
network-change-title = Verandering
network-there-are-no-activity = Er zijn geen activiteitengegevens voor dit netwerk.
network-methods-sources = Methoden en bronnen
network-input-files = Invoerbestanden
network-file-header = Bestand
network-kind-header = Soort
network-year-header = Jaar
network-start = (begin)
network-instruments-scoring = Meetinstrumenten en scoring
network-instrument = Instrument
network-scoring = Scoring
network-source = Bron
network-settings = Instellingen
network-setting = Instelling
network-value = Waarde
network-method-heading = Werkwijze
network-notices-when-reading-inputs = Meldingen bij het inlezen
network-every-input-file-was = Alle invoerbestanden zijn zonder problemen gelezen.
network-summary-intro = De belangrijkste uitkomsten van { $year } op een rij, in gewone woorden. Bij elke uitspraak staat op hoeveel mensen of vragen die berust (n).
network-threshold = Cijfers die op minder dan { $min_n } personen of vragen berusten, worden niet getoond, om herkenbaarheid te voorkomen.
network-residents-howto-before-dz = Per meetinstrument vergelijken we de eerste meting met de laatste, bij dezelfde inwoners (n = inwoners met beide metingen). Het verschil staat met een 95%-betrouwbaarheidsinterval (BI): valt nul buiten dat interval, dan is het verschil groter dan toeval kan verklaren. De p-waarden komen uit twee toetsen (t-toets en Wilcoxon);
network-residents-howto-after-dz = is de effectgrootte (rond 0,2 klein, 0,5 middelmatig, 0,8 groot).
network-spider-too-few = Te weinig inwoners vulden beide metingen in om het zonder risico op herkenbaarheid te tonen.
network-fewer-than-min-n = minder dan { $min_n }
network-at-least-min-n = minstens { $min_n }
network-roles-all-hidden = Het aantal partners per rol dat de vragenlijst invulde. Scores per rol worden niet getoond: in geen enkele rol waren dat er genoeg om de score zonder risico op herkenbaarheid te tonen (minstens { $min_n }).

## Profile report (profiel.typ and its data)

profile-title = Wijkgezondheidsprofiel
profile-cover-area = { $level } { $code } · gemeente { $gemeente }
profile-made-with = Gemaakt met wijkmonitor op { $date }.
profile-sources-line = Bronnen: CBS Kerncijfers wijken en buurten, RIVM/GGD Gezondheid per wijk en buurt (CBS StatLine, CC BY 4.0), Vektis Open Databestand Zorgverzekeringswet.
profile-summary-heading = Wat valt op
profile-summary-none = Er zijn geen indicatoren waarop dit gebied aantoonbaar afwijkt van Nederland.
# A notable indicator: tested against the interval, or (untested) among the
# highest or lowest fifth ($extreme is highest or lowest).
profile-summary-tested = { $label }: { $value } in { $area } tegen { $nl } in Nederland ({ $comparison }).
profile-summary-quintile = { $label }: { $value } in { $area } tegen { $nl } in Nederland — bij de 20% { $extreme ->
    [highest] hoogste
   *[lowest] laagste
} { $levels } van Nederland (geen interval: niet getoetst).
profile-missing-heading = Wat ontbreekt
profile-missing-source = { $source }: niet opgegeven ({ $flag }), dus dit deel ontbreekt.
# $files: one or more file names, $files_count how many.
profile-missing-regional = { $files } { $files_count ->
    [one] beslaat
   *[other] beslaan
} { $count } { $count ->
    [one] gemeente
   *[other] gemeenten
} en niet heel Nederland. Bij de indicatoren daaruit gaan kwintielen en staafjes over de gebieden in { $files_count ->
    [one] dat bestand
   *[other] die bestanden
}, niet over heel Nederland, en er is alleen een waarde voor Nederland als { $files_count ->
    [one] het bestand
   *[other] een bestand
} een landelijke rij heeft.
profile-missing-costs = Geen Vektis-kosten voor { $gemeente }: de gemeente komt niet voor in het Vektis-bestand (samengevoegd of onbekend).
profile-how-to-read-heading = Zo leest u dit profiel
profile-how-to-read = Per indicator staat de waarde van het gebied naast die van de gemeente en Nederland. Waar de bron een 95%-betrouwbaarheidsinterval geeft (RIVM/GGD), heet een verschil pas ‘beter’ of ‘slechter’ (of ‘hoger’/‘lager’ bij indicatoren zonder richting) als de waarde van Nederland buiten dat interval valt; anders ‘vergelijkbaar’. Zonder interval (CBS, Vektis) noemen we geen verschil significant en geven we de plaats van het gebied: het kwintiel onder alle gebieden van hetzelfde niveau in Nederland (1 = laagste 20%) en de rangorde in de gemeente.
profile-comparison-better = beter
profile-comparison-worse = slechter
profile-comparison-similar = vergelijkbaar
profile-comparison-higher = hoger
profile-comparison-lower = lager
profile-comparison-not-compared = niet getoetst
profile-indicators-heading = Indicatoren per thema
profile-bars-legend = In de staafjes: het bereik van alle { $levels } van Nederland (licht), de middelste helft (donker), Nederland (streep), de gemeente (ruit) en dit gebied (bolletje, kleur naar vergelijking met Nederland).
profile-theme-alt = Tabel met { $count } indicatoren over { $theme } van { $area }, met per indicator de waarde van de gemeente en Nederland en een staafje met de spreiding over alle { $levels }.
profile-column-indicator = Indicator
profile-column-municipality = Gemeente
profile-column-nl = NL
profile-column-comparison = Vergelijking
profile-indicator-age = { $label } ({ $age })
profile-unknown = onbekend
profile-quintile = kwintiel { $quintile }
profile-rank = { $rank } van { $n }
profile-spine-alt = { $label }: dit gebied { $area }, gemeente { $gemeente }, Nederland { $nl }; alle { $levels } van { $min } tot { $max }, de middelste helft van { $p25 } tot { $p75 }.
profile-spine-alt-no-spread = { $label }: dit gebied { $area }, gemeente { $gemeente }, Nederland { $nl }.
profile-theme-bevolking = Bevolking
profile-theme-huishoudens = Huishoudens
profile-theme-inkomen-werk = Inkomen en werk
profile-theme-zorggebruik = Zorggebruik en afstand tot zorg
profile-theme-gezondheid = Gezondheid
profile-theme-leefstijl = Leefstijl
profile-theme-welzijn-participatie = Welzijn en meedoen
profile-theme-kosten = Zorgkosten
# Levels: the label, .short as a column heading, .plural
profile-level-gemeente = gemeente
    .short = Gemeente
    .plural = gemeenten
profile-level-wijk = wijk
    .short = Wijk
    .plural = wijken
profile-level-buurt = buurt
    .short = Buurt
    .plural = buurten
profile-level-land = land
    .short = NL
    .plural = landen
profile-unit-per-1000-inhabitants = per 1 000 inwoners
profile-unit-eur-1000 = × € 1 000
profile-unit-eur-per-insured-year = € per verzekerdejaar
profile-costs-heading = Zorgkosten
profile-costs-intro = Kosten per verzekerdejaar in { $gemeente } ({ $year }), ruw en direct gestandaardiseerd naar de leeftijds- en geslachtsopbouw van alle verzekerden in Nederland. Vektis publiceert geen cijfers per wijk of buurt: dit zijn de cijfers van de hele gemeente.
profile-costs-alt = Staafdiagram van de zorgkosten per verzekerdejaar in { $gemeente } per categorie, ruw en gestandaardiseerd, met het Nederlandse gemiddelde als streep.
profile-costs-bars-alt = { $label }: ruw { $crude }, gestandaardiseerd { $standardised }, Nederland { $nl }.
profile-costs-column-category = Categorie
profile-costs-column-crude = ruw
profile-costs-column-standardised = gest.
profile-costs-column-ratio = O/E
profile-costs-legend-crude = ruw
profile-costs-legend-standardised = gestandaardiseerd
profile-costs-legend-nl = Nederland
profile-costs-note-complete = Alle leeftijds- en geslachtsgroepen zijn aanwezig.
profile-costs-note-dropped = Leeftijds- en geslachtsgroepen zonder gegevens in een gemeente tellen daar niet mee; de gewichten van de overige groepen zijn herschaald (zie tabel costs).
profile-cost-total = Totaal
profile-cost-gp = Huisartsenzorg
profile-cost-pharmacy = Farmacie
profile-cost-hospital = Ziekenhuiszorg
profile-cost-mental-health = GGZ
profile-cost-district-nursing = Wijkverpleging
profile-cost-paramedical = Paramedische zorg
profile-cost-other = Overig
profile-methods-heading = Methoden en bronnen
profile-input-files-heading = Invoerbestanden
profile-column-file = Bestand
profile-column-year = Jaar
profile-column-sha256 = SHA-256
profile-method-heading = Werkwijze
profile-method-comparison = Vergelijking met gemeente en Nederland volgt de regel van Fingertips (Office for Health Improvement and Disparities): waar de bron een 95%-betrouwbaarheidsinterval geeft, is een gebied ‘vergelijkbaar’ als de waarde van de gemeente of Nederland binnen het interval valt, anders hoger of lager — ‘beter’ of ‘slechter’ bij indicatoren met een richting. Zonder interval wordt geen verschil getoetst; het kwintiel geeft de plaats onder alle gebieden van hetzelfde niveau in Nederland (1 = laagste 20%), de rang de plaats in de gemeente (1 = hoogste waarde).
profile-method-rivm = De RIVM-cijfers zijn modelschattingen (small area estimation) op basis van de Gezondheidsmonitor Volwassenen en Ouderen van de GGD’en, CBS en RIVM. Een punt (.) in de bron betekent onbetrouwbaar of geheim; zulke waarden blijven leeg, nooit nul.
profile-method-cbs = CBS rondt aantallen voor wijken en buurten willekeurig af op veelvouden van 5; aandelen berekend uit zulke aantallen zijn daardoor bij kleine gebieden onnauwkeurig.
profile-method-vektis = Zorgkosten (Vektis) zijn kosten binnen de basisverzekering per verzekerdejaar. Direct gestandaardiseerd: de kosten per leeftijds- en geslachtsgroep van de gemeente, gewogen met de verdeling van alle verzekerdejaren in Nederland in hetzelfde jaar; groepen zonder gegevens in de gemeente vallen weg en de overige gewichten worden herschaald. De verhouding O/E deelt de werkelijke kosten door de kosten die te verwachten zijn als elke groep de landelijke kosten per verzekerdejaar had (indirecte standaardisatie). De restpost van Vektis (niet toe te wijzen verzekerden) telt mee in Nederland, niet in een gemeente.

# (profile report messages: add them here)

## Comparison report (vergelijking.typ and its data, wijkmonitor compare)

run-made-comparison = vergelijking
compare-console-written = Vergelijking geschreven: vergelijking.pdf en { $tables } tabellen in { $dir }
compare-title = Vergelijking van netwerken
compare-label-summary = Samenvatting
compare-label-missing = Wat ontbreekt
compare-label-networks = De netwerken naast elkaar
compare-label-network = Netwerk
compare-label-start = Start
compare-label-phase = Fase
compare-label-approach = Aanpak
compare-label-perspective = Perspectief
compare-label-kartrekker = Onafh. kartrekker
compare-label-funding = Financiering
compare-label-gemeente = Gemeente
compare-label-insurer = Zorgverz.
compare-label-gp = Huisarts
compare-label-forests = Effecten per netwerk en gepoold
compare-label-forest-network = Netwerk
compare-label-forest-n = n
compare-label-forest-estimate = Verandering [95%-BI]
compare-label-moderators = Succesfactoren (moderatoren)
compare-label-moderator = Succesfactor
compare-label-k = k
compare-label-levels = Schatting per niveau [95%-BI]
compare-label-test = Toets
compare-label-conclusion = Wat het zegt
compare-label-collaboration = Samenwerking (Kaats & Opheij) per netwerk en meting
compare-label-wave = Meting
compare-label-aspect = Aspect
compare-label-mean = Gemiddelde
compare-label-activity = Activiteit per netwerk
compare-label-requests = Hulpvragen
compare-label-matched = Gematcht
compare-label-days = Dagen tot match (mediaan)
compare-label-community = Niet-medische vragen in de wijk opgepakt (eerste → laatste jaar)
compare-label-areas = Vergelijkingsgebieden
compare-label-areas-intro = Per indicator de verandering (in de eenheid van de indicator, meestal procentpunten) in elk gebied van een netwerk (blauwe stip) tussen de verandering in zijn vergelijkbare gebieden zonder netwerk (grijze stippen). De cijfers van het RIVM zijn modelschattingen voor kleine gebieden: een verandering weerspiegelt deels veranderingen in de registers waaruit ze voorspeld worden.
compare-label-costs = Zorgkosten rond de start
compare-label-costs-intro = Gestandaardiseerde Zvw-kosten per verzekerdenjaar (Vektis) van de gemeente van elk netwerk (blauw) tegen het gemiddelde van haar vergelijkingsgemeenten (grijs, gestreept); de stippellijn is het startjaar. Kosten op gemeenteniveau verdunnen het effect van een wijknetwerk: de meeste inwoners van de gemeente wonen buiten het netwerkgebied.
compare-label-costs-legend = blauw: gemeente van het netwerk · grijs: vergelijkingsgemeenten
compare-label-methods = Methode en bronnen
compare-label-no-data = Hiervoor ontbreken de gegevens.
compare-summary-networks = { $count ->
    [one] { $count } netwerk vergeleken
   *[other] { $count } netwerken vergeleken
} met samen { $areas } gebieden.
compare-summary-pooled-overview = { $count ->
    [one] Eén uitkomst (schaal × paar metingen) is
   *[other] { $count } uitkomsten (schaal × paar metingen) zijn
} gepoold over { $k_min } tot { $k_max } netwerken; bij { $demonstrable ->
    [0] geen daarvan een aantoonbare verandering.
    [one] één daarvan een aantoonbare verandering:
   *[other] { $demonstrable } daarvan een aantoonbare verandering:
}
compare-summary-pooled = { $scale } ({ $waves }): over { $k } netwerken gemiddeld { $estimate } (95%-BI { $low } tot { $high }).
compare-summary-not-pooled = { $count ->
    [one] Eén uitkomst is
   *[other] { $count } uitkomsten zijn
} niet gepoold: minder dan twee netwerken hebben er bruikbare cijfers voor.
compare-summary-moderators-none = Over de succesfactoren is geen conclusie mogelijk: daarvoor zijn minstens { $min_k } netwerken nodig met minstens twee per groep.
compare-summary-moderators = { $count } uitkomsten van succesfactoren zijn toetsbaar; zie de tabel.
compare-summary-areas = In { $extreme } van { $count } vergelijkingen van een gebied met zijn { $neighbours } vergelijkingsgebieden veranderde het gebied sterker dan elk van die gebieden.
compare-missing-register = Er is geen netwerkregister: er valt niets te vergelijken.
compare-missing-responses = Er zijn geen antwoorden op vragenlijsten: geen effecten per netwerk en geen gepoolde effecten.
compare-missing-kwb = Er zijn geen Kerncijfers wijken en buurten (CBS): geen vergelijkingsgebieden.
compare-missing-rivm-periods = Er zijn geen RIVM/GGD-cijfers van twee of meer jaren: geen verandering tegen vergelijkingsgebieden.
compare-missing-vektis = Er zijn geen Vektis-bestanden: geen zorgkosten rond de start.
compare-suppressed = onderdrukt
compare-reason-below_min_n = onderdrukt
compare-reason-suppressed = onderdrukt
compare-reason-missing = geen cijfers
compare-reason-not_finite = geen getal
compare-reason-no_variance = geen spreiding
compare-reason-too_few_pairs = te weinig paren
compare-forest-pooled = Gepoold
compare-forest-stats = k = { $k } netwerken; τ² = { $tau2 }; I² = { $i2 }%; predictie-interval { $pi_low } tot { $pi_high } ({ $method }, { $test }).
compare-forest-few = Met { $k } netwerken (minder dan { $min_k }) is de spreiding tussen netwerken (τ², I²) niet betrouwbaar te schatten.
compare-forest-not-pooled = Niet gepoold: { $k } netwerken met bruikbare cijfers.
compare-label-forest-left-out = Netwerken zonder schatting tellen niet mee in het gepoolde cijfer.
compare-label-moderators-intro = Alleen de totaalschaal van een instrument (of elke schaal als er geen totaal is); de tabel moderators heeft alle schalen. De niveaus zijn de codes van het register.
compare-forest-alt = Forestplot van { $scale }: { $sites } netwerken, waarvan { $k } gepoold; gepoolde verandering { $estimate }.
compare-moderator-aanpak = Aanpak
compare-moderator-initiatiefnemer = Initiatiefnemer
compare-moderator-perspectief = Perspectief
compare-moderator-kartrekker_onafhankelijk = Onafhankelijke kartrekker
compare-moderator-financiering = Structurele financiering
compare-moderator-partner_gemeente = Gemeente partner
compare-moderator-partner_zorgverzekeraar = Zorgverzekeraar partner
compare-moderator-partner_huisarts = Huisarts partner
compare-moderator-fase = Huidige fase
compare-moderator-few = Geen conclusie mogelijk: { $k ->
    [one] één netwerk
   *[other] { $k } netwerken
}, minder dan { $min_k }.
compare-moderator-no-conclusion = Geen conclusie mogelijk: een groep heeft maar één netwerk of de toets is niet te berekenen ({ $k } netwerken).
compare-moderator-differs = De groepen verschillen aantoonbaar ({ $k } netwerken).
compare-moderator-no-difference = Geen aantoonbaar verschil tussen de groepen ({ $k } netwerken).
compare-areas-alt = Verandering van { $indicator } in { $count } gebieden van netwerken, elk tussen de veranderingen in zijn vergelijkingsgebieden.
compare-areas-sentence = { $extreme } van { $count } gebieden veranderden sterker dan al hun vergelijkingsgebieden; { $demonstrable } aantoonbaar anders (placebotoets).
compare-areas-smallest-p = Met { $n } vergelijkingsgebieden is de kleinste mogelijke p-waarde van de placebotoets { $p }: één gebied alleen kan dan niet aantoonbaar (p < { $alpha }) anders veranderen dan zijn vergelijkingsgebieden.
compare-costs-alt = Gestandaardiseerde zorgkosten per verzekerdenjaar van gemeente { $gemeente } (netwerk { $network }) en haar vergelijkingsgemeenten, { $first } tot { $last }.
compare-costs-sentence = Verschil-in-verschillen na de start tegen ervoor: { $did } euro per verzekerdenjaar ten opzichte van { $count } vergelijkingsgemeenten.
compare-costs-no-did = Geen verschil-in-verschillen: er zijn geen jaren vóór en na de start, of geen startdatum.
compare-methods-pooling = Gepoold met een random-effectsmodel zoals metafor::rma dat doet: τ² volgens { $method }, betrouwbaarheidsintervallen volgens { $test } (knha: Knapp–Hartung), met het predictie-interval voor een nieuw netwerk. Het effect per netwerk is de gemiddelde gepaarde verandering in de eenheden van de schaal, met variantie s²/n.
compare-methods-moderators = Succesfactoren uit het register zijn één voor één als moderator getoetst (mixed-effectsmodel, QM; F-toets onder Knapp–Hartung). Met minder dan 10 netwerken of een groep met één netwerk is geen conclusie mogelijk.
compare-methods-areas = Vergelijkingsgebieden: de { $neighbours } gebieden van hetzelfde niveau zonder netwerk die het meest lijken op het gebied (aandeel 65+, eenpersoonshuishoudens, lage inkomens, adressendichtheid en de uitgangswaarde van de ervaren gezondheid), en een brede set van alle gebieden van hetzelfde niveau en dezelfde stedelijkheid. Het verschil-in-verschillen is de verandering in het gebied min de gemiddelde verandering in de vergelijkingsgebieden; de placeborang zet dat verschil tussen hetzelfde cijfer voor elk vergelijkingsgebied.
compare-methods-rivm = De RIVM-cijfers per wijk en buurt zijn modelmatige schattingen voor kleine gebieden; een verandering weerspiegelt deels veranderingen in de registers (zoals de bevolkingssamenstelling) waaruit ze voorspeld worden.
compare-methods-costs = Zorgkosten: direct gestandaardiseerd naar leeftijd en geslacht (Vektis, per jaar), gemeenten van oudere indelingen omgezet naar de nieuwste met het gemeenteregister; vergeleken met de { $neighbours } gemeenten met de meest gelijke kosten en omvang in het eerste jaar.
compare-methods-suppression = Cijfers van minder dan { $min_n } respondenten worden niet getoond en niet gepoold, zodat een gepoold cijfer niet terug te rekenen is naar een onderdrukt cijfer.
compare-methods-sources = Bronnen: vragenlijsten en register van de netwerken; CBS Kerncijfers wijken en buurten; RIVM/GGD Gezondheid per wijk en buurt (CBS StatLine, CC BY 4.0); Vektis Open Databestand Zorgverzekeringswet.
compare-summary-pooled-more = { $count ->
    [one] Nog één aantoonbare verandering staat
   *[other] Nog { $count } aantoonbare veranderingen staan
} bij de effecten per netwerk.
compare-summary-left-out-networks = Niet gepoold omdat { $reason }: { $networks }.
compare-left-out-network = { $network } ({ $outcomes ->
    [one] één uitkomst
   *[other] { $outcomes } uitkomsten
})
compare-left-out-suppressed = de cijfers onderdrukt zijn (minder dan { $min_n } paren, of ter bescherming van een groep)
compare-left-out-missing = er in een van beide metingen geen cijfers zijn
compare-left-out-no-variance = de veranderingen geen spreiding hebben
compare-left-out-too-few-pairs = er te weinig paren zijn
compare-left-out-not-finite = een cijfer geen getal is
compare-map-alt = Kaart van Nederland met de gemeenten in grijs en de gebieden van { $count } netwerken ({ $networks }) gemarkeerd; { $areas } gebieden ingekleurd.
compare-label-map = De netwerken op de kaart: hun wijken (of gemeente) ingekleurd, met een stip bij elk netwerk
## Maps (render/profile/maps.rs, the maps of profiel.typ and netwerk.typ)

profile-maps-heading = Kaarten
profile-maps-locator-title = Ligging
profile-maps-locator-alt = Kaart van de { $count } { $levels } van { $gemeente }; { $area } is blauw gekleurd.
profile-maps-locator-alt-wijk = Kaart van de { $count } { $levels } van { $gemeente }; de buurt { $buurt } ligt in { $area }, die blauw gekleurd is.
profile-maps-locator-alt-buurt = Kaart van de { $count } { $levels } van { $gemeente } met buurt { $area } blauw gekleurd in haar wijk.
profile-maps-country-alt = Kaart van Nederland met de { $count } gemeenten; { $area } is blauw gekleurd.
profile-maps-title = { $indicator } ({ $year })
profile-maps-choropleth-alt = Kaart van de { $count } { $levels } van { $gemeente }, gekleurd naar ‘{ $indicator }’ in vijf klassen: de kwintielen onder alle { $levels } van Nederland, van licht (laagste 20%) tot donker (hoogste 20%).
profile-maps-alt-area-class = { $area } (dik omlijnd) valt in kwintiel { $class }.
profile-maps-alt-area-none = { $area } (dik omlijnd) heeft geen cijfer.
profile-maps-alt-highest = Hoogste kwintiel op deze kaart ({ $class }): { $names }.
profile-maps-alt-more = nog { $count }
profile-maps-alt-no-value = { $count ->
    [one] Eén gebied heeft geen cijfer (gearceerd).
   *[other] { $count } gebieden hebben geen cijfer (gearceerd).
}
profile-maps-legend-title = Kwintiel onder alle { $levels } van Nederland
profile-maps-legend-title-regional = Kwintiel onder de { $levels } in de invoerbestanden
profile-maps-choropleth-alt-regional = Kaart van de { $count } { $levels } van { $gemeente }, gekleurd naar ‘{ $indicator }’ in vijf klassen: de kwintielen onder de { $levels } in de invoerbestanden, van licht (laagste 20%) tot donker (hoogste 20%).
profile-maps-legend-alt = Legenda van de kaarten: vijf kleuren van licht (kwintiel 1, de laagste 20%) tot donker (kwintiel 5, de hoogste 20%); gearceerd: geen cijfer.
profile-maps-class-1 = 1 · laagste 20%
profile-maps-class-2 = 2
profile-maps-class-3 = 3
profile-maps-class-4 = 4
profile-maps-class-5 = 5 · hoogste 20%
profile-maps-no-value = geen cijfer
profile-maps-layer = { $level ->
    [gemeente] gemeentegrenzen
    [wijk] wijkgrenzen
   *[buurt] buurtgrenzen
} { $year }
profile-maps-layer-file = { $layer } uit { $file }
profile-maps-source = Kaarten: { $layers }. Bron: { $attribution }.
profile-missing-map-area = { $code } staat niet in de { $layer } en is daarom niet op de kaart getekend.
profile-missing-map-more = { " " }en nog { $count }
profile-missing-map-areas = Niet op de kaarten, want niet in de { $layer }: { $codes }.
profile-missing-map-gemeente = Geen kaart van { $gemeente }: de gemeente staat niet in de { $layer }.
profile-missing-map-buurten = Geen buurtgrenzen opgegeven (--boundaries): de kaarten tonen de wijken van { $gemeente }, met de wijk van deze buurt blauw of omlijnd.
map-network-alt = Kaart van de { $count } { $levels } van { $gemeente }; waar het netwerk werkt is blauw gekleurd: { $areas }.
map-network-country-alt = Kaart van Nederland met de { $count } gemeenten; waar het netwerk werkt is blauw gekleurd: { $areas }.
map-network-source = Kaart: { $layers }. Bron: { $attribution }.
## Profile appendix: all published indicators (render/profile/appendix.rs)
profile-appendix-heading = Bijlage: alle gepubliceerde indicatoren
profile-appendix-intro = Alles wat de invoerbestanden voor { $area } publiceren en niet in de thema’s hierboven staat, per bron, jaar en leeftijdsgroep. Indicatoren zonder richting in de catalogus (pipelines/indicators.toml) worden niet beter of slechter genoemd; alle cijfers staan ook in de tabel profile.
profile-appendix-alt = Tabel met { $count } gepubliceerde indicatoren van { $area }, met per indicator de waarde van de gemeente en Nederland, de eenheid en de bron met jaar.
profile-appendix-column-unit = Eenheid
profile-appendix-column-source = Bron, jaar
profile-appendix-source-cbs-kwb = CBS { $year }
profile-appendix-source-rivm-gezondheid = RIVM { $year }
profile-appendix-source-rivm-gezondheid-age = RIVM { $year }, { $age }
profile-appendix-source-vektis = Vektis { $year }
profile-appendix-unit-percent = %
profile-appendix-unit-per-1000-inhabitants = per 1 000 inwoners
profile-appendix-unit-km = km
profile-appendix-unit-eur-per-insured-year = € per verzekerdejaar
profile-appendix-unit-count = aantal
profile-appendix-unit-average = gemiddelde
profile-appendix-unit-eur = €
profile-appendix-unit-eur-1000 = × € 1 000
profile-appendix-unit-per-km2 = per km²
profile-appendix-unit-ha = ha
profile-appendix-unit-class = klasse
profile-appendix-unit-ratio = verhouding
# `inspect` and `run --check`: figures a file publishes that the catalogue does not declare.
inspect-undeclared = { $count } { $count ->
    [one] indicator
   *[other] indicatoren
} zonder catalogusregel in pipelines/indicators.toml (in tabel profile en de bijlage, zonder richting): { $ids }
compare-moderators-omitted = Bij { $count ->
    [one] nog één uitkomst
   *[other] nog { $count } uitkomsten
} staat geen enkele succesfactor een conclusie toe (minder dan { $min_k } netwerken, of een groep van één netwerk); hun schattingen per niveau staan in de tabel moderators.
compare-timing-before = vóór de start
compare-timing-spanning = over de start heen
compare-timing-after = na de start
compare-timing-unknown = start onbekend
compare-higher-is-better = hoger is beter
compare-lower-is-better = lager is beter
## Web pages (wijkmonitor serve)

serve-site-name = Wijkmonitor
serve-skip = Naar de inhoud
serve-lang-switch = English
serve-lang-switch-label = Switch to English
serve-start-title = Wijkgezondheidsprofielen
serve-start-intro = Kies een gemeente om de kaart van haar wijken te zien. Klik dan op een wijk, of kies haar uit de lijst, voor het profiel.
serve-gemeente-label = Gemeente (naam of code)
serve-gemeente-hint = Typ een deel van de naam of de code, bijvoorbeeld Oss of GM0828.
serve-gemeente-show = Toon
serve-gemeente-unknown = Geen gemeente gevonden voor „{ $query }”.
serve-gemeenten-all = Alle gemeenten
serve-map-heading = Kaart van de wijken van { $name }
serve-map-alt = Kaart van { $count } wijken van { $name }; klik op een wijk voor haar profiel.
serve-map-none = Voor deze gemeente is geen kaart van de wijken beschikbaar.
serve-list-heading = Wijken van { $name }
serve-gemeente-profile = Profiel van de gemeente { $name }
serve-area-subtitle = { $level } { $code } · gemeente { $gemeente }
serve-download-pdf = Download PDF
serve-download-csv = Download de cijfers (CSV)
serve-col-value = Waarde
serve-col-chart = Spreiding
serve-home = Alle gemeenten
serve-not-found-title = Niet gevonden
serve-not-found-text = Er is geen gebied of pagina met deze code of dit adres. Controleer de code (bijvoorbeeld WK082801) of begin op de startpagina.
serve-error-title = Er ging iets mis
serve-error-text = Het PDF-bestand kon niet worden gemaakt: { $reason }
serve-crumbs = Kruimelpad
serve-area-map-heading = Ligging
serve-area-map-alt = Kaart van de { $count } wijken van { $gemeente } met { $name } gemarkeerd; klik op een wijk voor haar profiel.
serve-footer = Gemaakt met wijkmonitor uit open data van CBS, RIVM/GGD en Vektis. Deze pagina's draaien op uw eigen computer; er gaat niets naar internet.
serve-networks = Netwerken
serve-networks-intro = De netwerken van deze pijplijn met hun jaarrapportage. Een rapportage wordt gemaakt wanneer u haar opent; de eerste keer duurt dat enkele seconden.
serve-networks-link = Netwerken en hun jaarrapportages
serve-networks-caption = { $count ->
    [one] Eén netwerk
   *[other] { $count } netwerken
}
serve-network-column = Netwerk
serve-network-areas = Werkgebied
serve-network-report = Jaarrapportage
serve-network-report-label = jaarrapportage van { $name }
serve-network-report-note = De rapportages zijn dezelfde als die van wijkmonitor run: cijfers over minder respondenten dan de drempel zijn weggelaten.
serve-comparison = Vergelijking van de netwerken
serve-comparison-intro = Alle netwerken naast elkaar: de verandering per netwerk en gepoold over de netwerken, de succesfactoren getoetst, de gebieden van de netwerken tegen vergelijkbare gebieden zonder netwerk en de zorgkosten rond de start. Het maken duurt de eerste keer enkele seconden.
serve-comparison-link = Vergelijking (PDF)
serve-console-stop = wijkmonitor serve: Ctrl-C stopt de server
serve-console-bind-warning = wijkmonitor serve: let op: de server luistert op { $address }: de gegevens zijn dan bereikbaar voor iedereen in het netwerk die deze computer kan bereiken
serve-console-no-browser = wijkmonitor serve: kan geen browser openen ({ $error }); open { $url } zelf
