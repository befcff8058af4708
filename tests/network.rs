//! Network data end to end: every blank workbook the program hands out is
//! written, filled in as a user would (with rust_xlsxwriter, keeping the
//! template's sheets, headers and example row), read back, and checked for
//! the typed values and for the exact problems: file, sheet, row, column.
//!
//! The committed fixtures in `tests/fixtures/network/` are real-format files
//! made the same way (`UPDATE_FIXTURES=1 cargo test network` rewrites the
//! workbooks; `vragen-windows-1252.csv` is written by hand).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use wijkmonitor::compute::scoring::score_responses;
use wijkmonitor::ingest::grid::{Cell, read_grid};
use wijkmonitor::ingest::network::logs::{HandledBy, read_match_log, read_question_log};
use wijkmonitor::ingest::network::register::{
    Approach, Domain, Initiator, Perspective, Phase, Register, read_register,
};
use wijkmonitor::ingest::network::responses::{Answer, read_responses};
use wijkmonitor::ingest::network::{AreaLevel, Loaded, YesNoUnknown};
use wijkmonitor::problem::{Problem, Severity};
use wijkmonitor::render::template::{TemplateKind, write_template};
use wijkmonitor::spec::instrument::{Instrument, load_instrument};

// ---------------------------------------------------------------------------
// Helpers.

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    manifest().join("tests/fixtures/network").join(name)
}

fn instrument(name: &str) -> Instrument {
    load_instrument(name, manifest()).unwrap_or_else(|e| panic!("{e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A value as a user types it.
#[derive(Clone, Copy)]
enum V {
    /// Text (also numbers and dates typed as text).
    S(&'static str),
    /// A number cell.
    N(f64),
    /// A date cell.
    D(u16, u8, u8),
}
use V::{D, N, S};

type Row = Vec<(&'static str, V)>;

/// Writes `out` as a filled-in copy of `template`: every sheet with its
/// header and example row, then the rows given for it (by column name; a
/// name the template lacks becomes a new column, as a user adds one).
fn fill(template: &Path, out: &Path, data: &[(&str, Vec<Row>)]) {
    let grid = read_grid(template).unwrap();
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    for sheet in &grid.sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name).unwrap();
        let mut headers: Vec<String> = sheet
            .rows
            .first()
            .map(|r| r.iter().map(Cell::to_text).collect())
            .unwrap_or_default();
        let rows = data
            .iter()
            .find(|(name, _)| *name == sheet.name)
            .map(|(_, rows)| rows.clone())
            .unwrap_or_default();
        for row in &rows {
            for (name, _) in row {
                if !headers.iter().any(|h| h == name) {
                    headers.push((*name).to_owned());
                }
            }
        }
        // The template's cells (header, example row, explanation) as they are.
        for (r, cells) in sheet.rows.iter().enumerate() {
            for (c, cell) in cells.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Text(t) => {
                        worksheet.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(v) => {
                        worksheet.write_number(r, c, *v).unwrap();
                    }
                    Cell::Date(v) => {
                        worksheet
                            .write_number_with_format(r, c, *v, &date_format)
                            .unwrap();
                    }
                    _ => {}
                }
            }
        }
        for (c, header) in headers.iter().enumerate() {
            worksheet.write_string(0, c as u16, header).unwrap();
        }
        for (i, row) in rows.iter().enumerate() {
            let r = (sheet.rows.len() + i) as u32;
            for (name, value) in row {
                let c = headers.iter().position(|h| h == name).unwrap() as u16;
                match value {
                    S(t) => {
                        worksheet.write_string(r, c, *t).unwrap();
                    }
                    N(v) => {
                        worksheet.write_number(r, c, *v).unwrap();
                    }
                    D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        worksheet
                            .write_datetime_with_format(r, c, &dt, &date_format)
                            .unwrap();
                    }
                }
            }
        }
    }
    workbook.save(out).unwrap();
}

/// Problems as `sheet!row column: severity: message`, after checking that
/// each names the file.
fn problems<T>(loaded: &Loaded<T>, file: &Path) -> Vec<String> {
    loaded.problems.iter().map(|p| describe(p, file)).collect()
}

fn describe(p: &Problem, file: &Path) -> String {
    assert_eq!(p.location.file, file, "{p}");
    let severity = match p.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!(
        "{}!{} {}: {severity}: {}",
        p.location.sheet.as_deref().unwrap_or("-"),
        p.location.row.map_or("-".to_owned(), |r| r.to_string()),
        p.location.column.as_deref().unwrap_or("-"),
        p.message
    )
}

/// Writes the template of a kind into `dir` and returns its path.
fn template(dir: &Path, kind: TemplateKind, instrument: Option<&Instrument>) -> PathBuf {
    let path = dir.join(format!("sjabloon-{}.xlsx", kind.code()));
    write_template(kind, instrument, &path).unwrap();
    path
}

// ---------------------------------------------------------------------------
// The register.

fn register_rows(broken: bool) -> Vec<(&'static str, Vec<Row>)> {
    let mut networks = vec![
        vec![
            ("id", S("ruwaard")),
            ("naam", S("Proeftuin Ruwaard")),
            ("gemeente", S("GM0828")),
            ("startdatum", D(2015, 1, 1)),
            ("initiatiefnemer", S("professionals")),
            ("aanpak", S("top-down")),
            ("perspectief", S("Wijkvraagstuk")),
            ("doelgroep", S("wijkbewoners Ruwaard")),
            ("ambitie", S("Een vitale wijk Ruwaard")),
            ("kartrekker_rol", S("wijkregisseur")),
            (
                "kartrekker_onafhankelijk",
                S(if broken { "misschien" } else { "ja" }),
            ),
            ("financiering", S("tijdelijk")),
            ("financiering_tot", S("31-12-2025")),
            ("inwoners_vanaf_start", S("ja")),
            ("schriftelijke_ambitie", S("ja")),
        ],
        vec![
            ("id", S("wedde")),
            ("naam", S("Wedde dat 't lukt")),
            ("gemeente", S("GM1950")),
            (
                "startdatum",
                S(if broken { "volgend jaar" } else { "2014-09-01" }),
            ),
            ("initiatiefnemer", S("burgers")),
            ("aanpak", S("Bottom-up")),
            ("perspectief", S("rond de persoon")),
            ("kartrekker_onafhankelijk", S("nee")),
            ("financiering", S("structureel")),
            ("inwoners_vanaf_start", S("onbekend")),
        ],
        vec![
            ("id", S("oost")),
            ("naam", S("Samen Oost")),
            ("gemeente", S("GM0363")),
        ],
    ];
    if broken {
        networks.push(vec![
            ("id", S("lemmer")),
            ("naam", S("Zorgplein Lemmer")),
            ("gemeente", S("Lemmer")),
        ]);
        networks.push(vec![
            ("id", S("wedde")),
            ("naam", S("Dubbel")),
            ("gemeente", S("GM1950")),
        ]);
    }
    let mut areas = vec![
        vec![("netwerk", S("ruwaard")), ("gebiedscode", S("WK082806"))],
        vec![("netwerk", S("ruwaard")), ("gebiedscode", S("BU08280601"))],
        vec![("netwerk", S("wedde")), ("gebiedscode", S("GM1950"))],
        vec![("netwerk", S("oost")), ("gebiedscode", S("wk0363af"))],
    ];
    let mut partners = vec![
        vec![
            ("netwerk", S("ruwaard")),
            ("partner", S("Huisartsenpraktijk Ruwaard")),
            ("domein", S("huisarts")),
        ],
        vec![
            ("netwerk", S("ruwaard")),
            ("partner", S("Woningcorporatie")),
            ("domein", S("wonen")),
        ],
        vec![
            ("netwerk", S("wedde")),
            ("partner", S("Dorpsondersteuner")),
            ("domein", S("Inwoners/vrijwilligers")),
        ],
    ];
    let mut phases = vec![
        vec![
            ("netwerk", S("ruwaard")),
            ("datum", D(2015, 1, 1)),
            ("fase", S("verkennen")),
        ],
        vec![
            ("netwerk", S("ruwaard")),
            ("datum", S("01-06-2018")),
            ("fase", S("Verankeren")),
        ],
        vec![
            ("netwerk", S("wedde")),
            ("datum", D(2016, 1, 1)),
            ("fase", S("verdiepen")),
        ],
    ];
    if broken {
        areas.push(vec![
            ("netwerk", S("ruwaard")),
            ("gebiedscode", S("WK08281")),
        ]);
        areas.push(vec![("netwerk", S("lemmer")), ("gebiedscode", S("GM1900"))]);
        partners.push(vec![
            ("netwerk", S("wedde")),
            ("partner", S("Bakkerij")),
            ("domein", S("bakker")),
        ]);
        phases.push(vec![
            ("netwerk", S("wedde")),
            ("datum", S("31-02-2019")),
            ("fase", S("borgen")),
        ]);
    }
    vec![
        ("netwerken", networks),
        ("gebieden", areas),
        ("partners", partners),
        ("fasen", phases),
    ]
}

#[test]
fn register_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let blank = template(dir.path(), TemplateKind::Register, None);
    let path = dir.path().join("register.xlsx");
    fill(&blank, &path, &register_rows(false));

    let loaded = read_register(&path).unwrap();
    assert_eq!(problems(&loaded, &path), Vec::<String>::new());
    let register = &loaded.data;
    assert_eq!(register.network_ids(), ["ruwaard", "wedde", "oost"]);
    let ruwaard = register.network("ruwaard").unwrap();
    assert_eq!(ruwaard.row, 3);
    assert_eq!(ruwaard.municipality, "GM0828");
    assert_eq!(ruwaard.start_date, Some(date(2015, 1, 1)));
    assert_eq!(ruwaard.initiator, Some(Initiator::Professionals));
    assert_eq!(ruwaard.approach, Some(Approach::TopDown));
    assert_eq!(ruwaard.perspective, Some(Perspective::NeighbourhoodIssue));
    assert_eq!(ruwaard.kartrekker_independent, Some(true));
    assert_eq!(ruwaard.funded_until, Some(date(2025, 12, 31)));
    assert_eq!(ruwaard.written_ambition, YesNoUnknown::Yes);
    let wedde = register.network("wedde").unwrap();
    assert_eq!(wedde.start_date, Some(date(2014, 9, 1)));
    assert_eq!(wedde.approach, Some(Approach::BottomUp));
    assert_eq!(wedde.residents_from_start, YesNoUnknown::Unknown);
    assert_eq!(wedde.written_ambition, YesNoUnknown::Unknown);
    assert_eq!(wedde.target_group, None);
    let areas: Vec<(&str, AreaLevel, &str)> = register
        .areas
        .iter()
        .map(|a| (a.network.as_str(), a.area.level, a.area.code.as_str()))
        .collect();
    assert_eq!(
        areas,
        [
            ("ruwaard", AreaLevel::Wijk, "WK082806"),
            ("ruwaard", AreaLevel::Buurt, "BU08280601"),
            ("wedde", AreaLevel::Gemeente, "GM1950"),
            ("oost", AreaLevel::Wijk, "WK0363AF"),
        ]
    );
    assert_eq!(register.partners[2].domain, Domain::ResidentsVolunteers);
    assert_eq!(
        register.phase_on("ruwaard", date(2019, 1, 1)),
        Some(Phase::Anchoring)
    );
    assert_eq!(
        register.phase_on("ruwaard", date(2016, 1, 1)),
        Some(Phase::Exploring)
    );
}

#[test]
fn register_problems_name_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let blank = template(dir.path(), TemplateKind::Register, None);
    let path = dir.path().join("register-fout.xlsx");
    fill(&blank, &path, &register_rows(true));

    let loaded = read_register(&path).unwrap();
    // The network "lemmer" has no valid municipality code, so it is not in
    // the register, and the area that refers to it is reported too.
    assert_eq!(
        problems(&loaded, &path),
        [
            "netwerken!3 kartrekker_onafhankelijk: error: expected ja or nee, found \"misschien\"",
            "netwerken!4 startdatum: error: expected a date (dd-mm-jjjj, jjjj-mm-dd or an Excel date), found \"volgend jaar\"",
            "netwerken!6 gemeente: error: expected a municipality code: GM and 4 digits (GM0828), found \"Lemmer\"",
            "netwerken!7 id: error: the network id \"wedde\" is already used in row 4",
            "gebieden!7 gebiedscode: error: expected an area code: GM + 4 digits, WK + 6 or BU + 8 characters (GM0828, WK082801, BU08280101), found \"WK08281\"",
            "gebieden!8 netwerk: error: the network \"lemmer\" is not in the register; the register has \"ruwaard\", \"wedde\", \"oost\"",
            "partners!6 domein: error: expected one of zorg, welzijn, gemeente, zorgverzekeraar, huisarts, inwoners-vrijwilligers, wonen, veiligheid, onderwijs, overig, found \"bakker\"",
            "fasen!6 datum: error: expected a date (dd-mm-jjjj, jjjj-mm-dd or an Excel date), found \"31-02-2019\"",
            "fasen!6 fase: error: expected one of verkennen, vormgeven, verdiepen, verankeren, found \"borgen\"",
        ]
    );
    let register = &loaded.data;
    assert_eq!(register.network_ids(), ["ruwaard", "wedde", "oost"]);
    assert_eq!(
        register.network("ruwaard").unwrap().kartrekker_independent,
        None
    );
    assert_eq!(register.network("wedde").unwrap().start_date, None);
    assert_eq!(
        (
            register.areas.len(),
            register.partners.len(),
            register.phases.len()
        ),
        (4, 3, 3)
    );
}

/// Issue 11, defect 5: a start date of 1850 passed the register unremarked.
#[test]
fn a_start_date_of_1850_passes() {
    let dir = tempfile::tempdir().unwrap();
    let blank = template(dir.path(), TemplateKind::Register, None);
    let path = dir.path().join("register-1850.xlsx");
    let mut rows = register_rows(false);
    assert_eq!(rows[0].0, "netwerken");
    for (name, value) in &mut rows[0].1[0] {
        if *name == "startdatum" {
            *value = S("01-01-1850");
        }
    }
    fill(&blank, &path, &rows);
    let loaded = read_register(&path).unwrap();
    assert_eq!(
        problems(&loaded, &path),
        [
            "netwerken!3 startdatum: error: expected a start date from 1990 to 2099, found \"01-01-1850\""
        ]
    );
    assert_eq!(loaded.data.network("ruwaard").unwrap().start_date, None);
}

// ---------------------------------------------------------------------------
// Responses.

fn small_register(dir: &Path) -> Register {
    let blank = template(dir, TemplateKind::Register, None);
    let path = dir.join("register.xlsx");
    fill(&blank, &path, &register_rows(false));
    let loaded = read_register(&path).unwrap();
    assert!(loaded.problems.is_empty());
    loaded.data
}

fn djg_rows(broken: bool) -> Vec<Row> {
    let djg = |answers: [&'static str; 6]| -> Row {
        [
            "djg_leegte",
            "djg_mis_mensen",
            "djg_in_de_steek",
            "djg_terugvallen",
            "djg_vertrouwen",
            "djg_verbonden",
        ]
        .into_iter()
        .zip(answers)
        .filter(|(_, a)| !a.is_empty())
        .map(|(id, a)| (id, S(a)))
        .collect()
    };
    let row = |network, respondent, wave, datum: V, doelgroep, answers| -> Row {
        let mut row = vec![
            ("netwerk", S(network)),
            ("respondent", S(respondent)),
            ("meting", S(wave)),
            ("datum", datum),
            ("doelgroep", S(doelgroep)),
        ];
        row.extend(djg(answers));
        row
    };
    let mut rows = vec![
        row(
            "ruwaard",
            "R001",
            "T0",
            D(2023, 5, 17),
            "ouderen",
            ["nee", "nee", "nee", "ja", "ja", "ja"],
        ),
        row(
            "ruwaard",
            "R001",
            "T1",
            S("17-11-2023"),
            "ouderen",
            ["Min of meer", "JA", "nee", "nee", "min-of-meer", "nee!"],
        ),
        row(
            "ruwaard",
            "R002",
            "T0",
            S("2023-05-20"),
            "mantelzorgers",
            ["ja", "ja", "ja", "ja", "ja", ""],
        ),
    ];
    if broken {
        rows.push(row(
            "ruwaard",
            "R003",
            "T0",
            S("32-13-2023"),
            "ouderen",
            ["soms", "nee", "nee", "ja", "ja", "ja"],
        ));
        rows.push(row(
            "ruwaard",
            "R001",
            "t0",
            D(2023, 5, 18),
            "ouderen",
            ["ja", "ja", "ja", "nee", "nee", "nee"],
        ));
        rows.push(row(
            "lemmer",
            "R001",
            "T0",
            D(2023, 5, 18),
            "ouderen",
            ["ja", "ja", "ja", "nee", "nee", "nee"],
        ));
    }
    rows
}

#[test]
fn responses_round_trip_with_labels() {
    let dir = tempfile::tempdir().unwrap();
    let register = small_register(dir.path());
    let djg = instrument("eenzaamheid-djg6");
    let blank = template(dir.path(), TemplateKind::Responses, Some(&djg));
    let path = dir.path().join("antwoorden.xlsx");
    fill(&blank, &path, &[("antwoorden", djg_rows(false))]);

    let loaded = read_responses(&path, &djg, Some(&register)).unwrap();
    assert_eq!(problems(&loaded, &path), Vec::<String>::new());
    let data = &loaded.data;
    assert_eq!(data.group_columns, ["doelgroep"]);
    let summary: Vec<(usize, &str, &str, Option<NaiveDate>)> = data
        .records
        .iter()
        .map(|r| (r.row, r.respondent.as_str(), r.wave.as_str(), r.date))
        .collect();
    assert_eq!(
        summary,
        [
            (3, "R001", "T0", Some(date(2023, 5, 17))),
            (4, "R001", "T1", Some(date(2023, 11, 17))),
            (5, "R002", "T0", Some(date(2023, 5, 20))),
        ]
    );
    assert_eq!(data.records[1].answers[0], Some(Answer::Category(1)));
    assert_eq!(data.records[2].answers[5], None);

    let scores = score_responses(&djg, data).unwrap();
    let totals: Vec<(u32, &str, Option<f64>)> = scores
        .rows
        .iter()
        .filter(|r| r.scale == "totaal")
        .map(|r| (r.respondent.0, r.wave.as_str(), r.score))
        .collect();
    // R001 T1: emotional 1 + 1 + 0, social 1 + 1 + 1; R002: emotional 3, social
    // 0 + 0 with one item blank (5 of 6 answered is enough for the total).
    assert_eq!(
        totals,
        [
            (0, "T0", Some(0.0)),
            (0, "T1", Some(5.0)),
            (1, "T0", Some(3.0))
        ]
    );
    assert_eq!(scores.rows[0].groups, [Some("ouderen".to_owned())]);
}

#[test]
fn responses_problems_name_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let register = small_register(dir.path());
    let djg = instrument("eenzaamheid-djg6");
    let path = fixture("antwoorden-eenzaamheid-fout.xlsx");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        let blank = template(dir.path(), TemplateKind::Responses, Some(&djg));
        fill(&blank, &path, &[("antwoorden", djg_rows(true))]);
    }
    let loaded = read_responses(&path, &djg, Some(&register)).unwrap();
    assert_eq!(
        problems(&loaded, &path),
        [
            "antwoorden!6 datum: error: expected a date (dd-mm-jjjj, jjjj-mm-dd or an Excel date), found \"32-13-2023\"",
            "antwoorden!6 djg_leegte: error: expected one of ja, min of meer, nee, found \"soms\"",
            "antwoorden!7 respondent: error: the respondent \"R001\" of network \"ruwaard\" already has a row for meting \"t0\" (row 3); this row is left out",
            "antwoorden!8 netwerk: error: the network \"lemmer\" is not in the register; the register has \"ruwaard\", \"wedde\", \"oost\"",
        ]
    );
    // The bad date and the unknown label are left empty; the row stays.
    let r003 = loaded
        .data
        .records
        .iter()
        .find(|r| r.respondent == "R003")
        .unwrap();
    assert_eq!(
        (r003.date, r003.answers[0], r003.answers[1]),
        (None, None, Some(Answer::Category(2)))
    );
    assert_eq!(loaded.data.records.len(), 4);
}

#[test]
fn responses_round_trip_with_numbers_waves_and_roles() {
    let dir = tempfile::tempdir().unwrap();
    let kaats = instrument("samenwerking-kaats-opheij");
    let blank = template(dir.path(), TemplateKind::Responses, Some(&kaats));
    let path = dir.path().join("samenwerking.xlsx");
    let ids: Vec<&'static str> = kaats.items.iter().map(|i| &*i.id.clone().leak()).collect();
    let member = |respondent, wave, rol, value: V, blanks: usize| -> Row {
        let mut row = vec![
            ("netwerk", S("wedde")),
            ("respondent", S(respondent)),
            ("meting", S(wave)),
            ("rol", S(rol)),
        ];
        row.extend(ids.iter().skip(blanks).map(|id| (*id, value)));
        row
    };
    let mut text_in_number_column = member("P3", "T1", "inwoner", N(4.0), 0);
    text_in_number_column[4].1 = S("eens");
    fill(
        &blank,
        &path,
        &[(
            "antwoorden",
            vec![
                member("P1", "T0", "huisarts", N(3.0), 0),
                member("P1", "T1", "Huisarts", S("4"), 0),
                member("P2", "T0", "kartrekker", S("5,0"), 2),
                text_in_number_column,
                member("P4", "T3", "tandarts", N(6.0), 19),
            ],
        )],
    );

    let loaded = read_responses(&path, &kaats, None).unwrap();
    assert_eq!(
        problems(&loaded, &path),
        [
            "antwoorden!6 ga_gedeeldheid: error: expected a whole number from 1 to 5, found \"eens\"",
            "antwoorden!7 meting: error: expected one of T0, T1, T2, found \"T3\"",
            "antwoorden!7 rol: error: expected one of inwoner, vrijwilliger, kartrekker, huisarts, zorgprofessional, welzijnsprofessional, gemeente, zorgverzekeraar, overig, found \"tandarts\"",
            "antwoorden!7 bp_proceskwaliteit: error: expected a whole number from 1 to 5, found \"6\"",
        ]
    );
    let data = &loaded.data;
    assert_eq!(data.group_columns, ["rol"]);
    assert_eq!(data.records.len(), 4);
    assert_eq!(data.records[1].groups, [Some("huisarts".to_owned())]);

    let scores = score_responses(&kaats, data).unwrap();
    let get = |respondent: u32, wave: &str, scale: &str| {
        scores
            .rows
            .iter()
            .find(|r| r.respondent.0 == respondent && r.wave == wave && r.scale == scale)
            .map(|r| (r.answered, r.score))
            .unwrap()
    };
    assert_eq!(get(0, "T0", "totaal"), (20, Some(3.0)));
    assert_eq!(get(0, "T1", "gedeelde_ambitie"), (4, Some(4.0)));
    // P2 left the first two indicators blank: 2 of 4 is below min_answered 3.
    assert_eq!(get(1, "T0", "gedeelde_ambitie"), (2, None));
    assert_eq!(get(1, "T0", "recht_doen_aan_belangen"), (4, Some(5.0)));
    assert_eq!(get(1, "T0", "totaal"), (18, Some(5.0)));
    assert_eq!(get(2, "T1", "gedeelde_ambitie"), (3, Some(4.0)));
}

/// Issue 11, defect 11: the dialogue tool gives each dimension of Positieve
/// Gezondheid as the mean of its items (7.3); the shipped instrument refused
/// every decimal.
#[test]
fn positieve_gezondheid_scores_with_decimals() {
    let dir = tempfile::tempdir().unwrap();
    let pg = instrument("positieve-gezondheid");
    let blank = template(dir.path(), TemplateKind::Responses, Some(&pg));
    let path = dir.path().join("pg-decimalen.xlsx");
    let ids: Vec<&'static str> = pg.items.iter().map(|i| &*i.id.clone().leak()).collect();
    let resident = |respondent, wave, value: V| -> Row {
        let mut row = vec![
            ("netwerk", S("wedde")),
            ("respondent", S(respondent)),
            ("meting", S(wave)),
        ];
        row.extend(ids.iter().map(|id| (*id, value)));
        row
    };
    let mut two_decimals = resident("R3", "T0", N(6.0));
    two_decimals[3].1 = N(7.25);
    fill(
        &blank,
        &path,
        &[(
            "antwoorden",
            vec![
                resident("R1", "T0", N(7.3)),
                resident("R1", "T1", S("8,1")),
                resident("R2", "T0", N(10.0)),
                two_decimals,
            ],
        )],
    );
    let loaded = read_responses(&path, &pg, None).unwrap();
    assert_eq!(
        problems(&loaded, &path),
        [format!(
            "antwoorden!6 {}: error: expected a number from 0 to 10 in steps of 0.1, found \"7.25\"",
            ids[0]
        )]
    );
    let scores = score_responses(&pg, &loaded.data).unwrap();
    let score = |wave: &str| {
        scores
            .rows
            .iter()
            .find(|r| r.respondent.0 == 0 && r.wave == wave && r.scale == "mentaal_welbevinden")
            .and_then(|r| r.score)
    };
    assert_eq!(score("T0"), Some(7.3));
    assert_eq!(score("T1"), Some(8.1));
}

#[test]
fn every_shipped_instrument_has_a_template_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    for name in wijkmonitor::spec::instrument::available_instruments(
        &manifest().join("pipelines/instruments"),
    ) {
        let instrument = instrument(&name);
        let blank = template(dir.path(), TemplateKind::Responses, Some(&instrument));
        let grid = read_grid(&blank).unwrap();
        let sheet = grid.sheet("antwoorden").unwrap();
        let headers: Vec<String> = sheet.rows[0].iter().map(Cell::to_text).collect();
        for item in &instrument.items {
            assert!(headers.contains(&item.id), "{name}: {}", item.id);
        }
        // The blank template itself reads without errors and without records:
        // the example row is skipped.
        let loaded = read_responses(&blank, &instrument, None).unwrap();
        assert!(loaded.data.records.is_empty(), "{name}");
        assert!(!loaded.has_errors(), "{name}: {:?}", loaded.problems);
    }
}

// ---------------------------------------------------------------------------
// Activity logs.

fn match_rows(broken: bool) -> Vec<Row> {
    let mut rows = vec![
        vec![
            ("aanvraag_id", S("2023-001")),
            ("netwerk", S("wedde")),
            ("aanvraagdatum", D(2023, 3, 6)),
            ("soort_hulp", S("vervoer")),
            ("matchdatum", D(2023, 3, 9)),
            ("vrijwilliger", S("V07")),
            ("followup_datum", D(2023, 4, 24)),
            ("vrijwilliger_ok", S("ja")),
            ("tevredenheid", N(4.0)),
        ],
        vec![
            ("aanvraag_id", S("2023-002")),
            ("netwerk", S("wedde")),
            ("aanvraagdatum", S("13-03-2023")),
            ("soort_hulp", S("boodschappen")),
        ],
        vec![
            ("aanvraag_id", N(3.0)),
            ("netwerk", S("ruwaard")),
            ("aanvraagdatum", S("2023-03-20")),
            ("matchdatum", S("22-03-2023")),
            ("vrijwilliger", S("V02")),
            ("tevredenheid", S("5")),
        ],
    ];
    if broken {
        rows.push(vec![
            ("aanvraag_id", S("2023-004")),
            ("netwerk", S("wedde")),
            ("aanvraagdatum", D(2023, 4, 1)),
            ("matchdatum", S("gisteren")),
            ("tevredenheid", S("goed")),
        ]);
        rows.push(vec![
            ("aanvraag_id", S("2023-005")),
            ("netwerk", S("wedde")),
            ("aanvraagdatum", D(2023, 4, 3)),
            ("matchdatum", D(2023, 4, 1)),
            ("tevredenheid", N(7.0)),
        ]);
        rows.push(vec![
            ("aanvraag_id", S("2023-001")),
            ("netwerk", S("wedde")),
            ("aanvraagdatum", D(2023, 4, 5)),
        ]);
        rows.push(vec![
            ("aanvraag_id", S("2023-006")),
            ("netwerk", S("lemmer")),
            ("aanvraagdatum", D(2023, 4, 5)),
        ]);
    }
    rows
}

#[test]
fn match_log_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let register = small_register(dir.path());
    let blank = template(dir.path(), TemplateKind::Matches, None);
    let path = dir.path().join("matches.xlsx");
    fill(&blank, &path, &[("matches", match_rows(false))]);

    let loaded = read_match_log(&path, Some(&register)).unwrap();
    assert_eq!(problems(&loaded, &path), Vec::<String>::new());
    let records = &loaded.data;
    assert_eq!(records.len(), 3);
    assert_eq!(records[0].days_to_match(), Some(3));
    assert_eq!(records[0].followup_date, Some(date(2023, 4, 24)));
    assert_eq!(
        (records[0].volunteer_ok, records[0].satisfaction),
        (Some(true), Some(4))
    );
    assert_eq!(
        (records[1].request_date, records[1].match_date),
        (date(2023, 3, 13), None)
    );
    assert_eq!(records[2].request_id, "3");
    assert_eq!(records[2].satisfaction, Some(5));
}

#[test]
fn match_log_problems_name_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let register = small_register(dir.path());
    let path = fixture("matches-fout.xlsx");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        let blank = template(dir.path(), TemplateKind::Matches, None);
        fill(&blank, &path, &[("matches", match_rows(true))]);
    }
    let loaded = read_match_log(&path, Some(&register)).unwrap();
    assert_eq!(
        problems(&loaded, &path),
        [
            "matches!6 matchdatum: error: expected a date (dd-mm-jjjj, jjjj-mm-dd or an Excel date), found \"gisteren\"",
            "matches!6 tevredenheid: error: expected a whole number from 1 to 5, found \"goed\"",
            "matches!7 tevredenheid: error: expected a whole number from 1 to 5, found \"7\"",
            "matches!7 matchdatum: error: the match date 01-04-2023 lies before the request date 03-04-2023",
            "matches!8 aanvraag_id: error: the request \"2023-001\" of network \"wedde\" is already in row 3; this row is left out",
            "matches!9 netwerk: error: the network \"lemmer\" is not in the register; the register has \"ruwaard\", \"wedde\", \"oost\"",
        ]
    );
    let ids: Vec<&str> = loaded.data.iter().map(|r| r.request_id.as_str()).collect();
    assert_eq!(ids, ["2023-001", "2023-002", "3", "2023-004", "2023-005"]);
    assert_eq!(loaded.data[3].satisfaction, None);
}

fn question_rows(broken: bool) -> Vec<Row> {
    let mut rows = vec![
        vec![
            ("netwerk", S("wedde")),
            ("datum", D(2023, 3, 6)),
            ("categorie", S("eenzaamheid")),
            ("medisch", S("nee")),
            ("afgehandeld_door", S("inwonerinitiatief")),
            ("verwezen_door_huisarts", S("ja")),
        ],
        vec![
            ("netwerk", S("wedde")),
            ("datum", S("07-03-2023")),
            ("categorie", S("rugpijn")),
            ("medisch", S("ja")),
            ("afgehandeld_door", S("huisarts")),
        ],
        vec![
            ("netwerk", S("ruwaard")),
            ("datum", D(2023, 4, 2)),
            ("categorie", S("geldzorgen")),
            ("medisch", S("Nee")),
            ("afgehandeld_door", S("Wijkteam")),
            ("verwezen_door_huisarts", S("nee")),
        ],
    ];
    if broken {
        rows.push(vec![
            ("netwerk", S("wedde")),
            ("datum", S("morgen")),
            ("medisch", S("misschien")),
            ("afgehandeld_door", S("buurvrouw")),
        ]);
        rows.push(vec![
            ("netwerk", S("lemmer")),
            ("datum", D(2023, 4, 2)),
            ("medisch", S("nee")),
            ("afgehandeld_door", S("vrijwilliger")),
        ]);
    }
    rows
}

#[test]
fn question_log_round_trip_and_problems() {
    let dir = tempfile::tempdir().unwrap();
    let register = small_register(dir.path());
    let blank = template(dir.path(), TemplateKind::Questions, None);

    let good = dir.path().join("vragen.xlsx");
    fill(&blank, &good, &[("vragen", question_rows(false))]);
    let loaded = read_question_log(&good, Some(&register)).unwrap();
    assert_eq!(problems(&loaded, &good), Vec::<String>::new());
    let handled: Vec<(NaiveDate, bool, HandledBy, Option<bool>)> = loaded
        .data
        .iter()
        .map(|q| (q.date, q.medical, q.handled_by, q.referred_by_gp))
        .collect();
    assert_eq!(
        handled,
        [
            (
                date(2023, 3, 6),
                false,
                HandledBy::ResidentsInitiative,
                Some(true)
            ),
            (date(2023, 3, 7), true, HandledBy::GeneralPractitioner, None),
            (
                date(2023, 4, 2),
                false,
                HandledBy::NeighbourhoodTeam,
                Some(false)
            ),
        ]
    );

    let bad = dir.path().join("vragen-fout.xlsx");
    fill(&blank, &bad, &[("vragen", question_rows(true))]);
    let loaded = read_question_log(&bad, Some(&register)).unwrap();
    assert_eq!(
        problems(&loaded, &bad),
        [
            "vragen!6 datum: error: expected a date (dd-mm-jjjj, jjjj-mm-dd or an Excel date), found \"morgen\"",
            "vragen!6 medisch: error: expected ja or nee, found \"misschien\"",
            "vragen!6 afgehandeld_door: error: expected one of huisarts, praktijkondersteuner, wijkteam, inwonerinitiatief, vrijwilliger, found \"buurvrouw\"",
            "vragen!7 netwerk: error: the network \"lemmer\" is not in the register; the register has \"ruwaard\", \"wedde\", \"oost\"",
        ]
    );
    assert_eq!(loaded.data.len(), 3);
}

// ---------------------------------------------------------------------------
// Committed fixtures.

#[test]
fn fixture_register_reads_clean() {
    let path = fixture("register.xlsx");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        let dir = tempfile::tempdir().unwrap();
        let blank = template(dir.path(), TemplateKind::Register, None);
        fill(&blank, &path, &register_rows(false));
    }
    let loaded = read_register(&path).unwrap();
    assert_eq!(problems(&loaded, &path), Vec::<String>::new());
    assert_eq!(loaded.data.network_ids(), ["ruwaard", "wedde", "oost"]);
    let by_network: BTreeMap<&str, usize> =
        loaded
            .data
            .partners
            .iter()
            .fold(BTreeMap::new(), |mut m, p| {
                *m.entry(p.network.as_str()).or_default() += 1;
                m
            });
    assert_eq!(by_network, BTreeMap::from([("ruwaard", 2), ("wedde", 1)]));
}

#[test]
fn fixture_question_log_csv_in_windows_1252() {
    let path = fixture("vragen-windows-1252.csv");
    let loaded = read_question_log(&path, None).unwrap();
    assert_eq!(
        problems(&loaded, &path),
        ["vragen-windows-1252!5 medisch: error: expected ja or nee, found \"weet niet\""]
    );
    let categories: Vec<Option<&str>> = loaded.data.iter().map(|q| q.category.as_deref()).collect();
    assert_eq!(
        categories,
        [
            Some("eenzaamheid"),
            Some("rugpijn"),
            Some("financiële zorgen")
        ]
    );
    assert_eq!(loaded.data[2].date, date(2023, 4, 2));
    assert_eq!(loaded.data[2].handled_by, HandledBy::Volunteer);
}

// ---------------------------------------------------------------------------
// Documentation.

#[test]
fn the_documentation_names_every_column() {
    use wijkmonitor::ingest::network::{logs, register, responses};
    let doc = std::fs::read_to_string(manifest().join("docs/network-data.md")).unwrap();
    let sheets = register::SHEETS
        .iter()
        .chain([&logs::MATCHES, &logs::QUESTIONS]);
    for sheet in sheets {
        assert!(
            doc.contains(&format!("`{}`", sheet.name)),
            "sheet {}",
            sheet.name
        );
        for column in sheet.columns {
            assert!(
                doc.contains(&format!("| `{}` |", column.name)),
                "{}.{}",
                sheet.name,
                column.name
            );
        }
    }
    for column in &responses::FIXED_COLUMNS {
        assert!(
            doc.contains(&format!("| `{}` |", column.name)),
            "antwoorden.{}",
            column.name
        );
    }
}

#[test]
fn responses_of_another_instrument_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let djg = instrument("eenzaamheid-djg6");
    let blank = template(dir.path(), TemplateKind::Responses, Some(&djg));
    let welbevinden = instrument("welbevinden");
    let loaded = read_responses(&blank, &welbevinden, None).unwrap();
    let errors: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| describe(p, &blank))
        .collect();
    assert_eq!(
        errors,
        [
            "antwoorden!1 -: error: none of the item columns of instrument \"welbevinden\" is in this sheet: is it the responses file of another instrument?"
        ]
    );
}
