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
workbook-about-columns = Kolommen en betekenis: zie README.md en docs/ van wijkmonitor.
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

# (console and workbook messages: add them here)

## Network report (netwerk.typ and its data)

# (network report messages: add them here)

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
profile-missing-regional = { $file } beslaat { $count } { $count ->
    [one] gemeente
   *[other] gemeenten
} en niet heel Nederland. Bij de indicatoren daaruit gaan kwintielen en staafjes over de gebieden in dat bestand, niet over heel Nederland, en er is alleen een waarde voor Nederland als het bestand een landelijke rij heeft.
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
