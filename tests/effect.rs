//! Before/after, per-wave and activity figures end to end: workbooks read through the real
//! readers, scored, and turned into the output tables; checked for exact n, values computed
//! independently in the test, disclosure control, and the absence of respondent pseudonyms.
//!
//! Uses the committed fixtures in `tests/fixtures/network/` and a collaboration workbook
//! written here with rust_xlsxwriter.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;
use wijkmonitor::compute::activity::{
    ActivityOptions, MatchRow, match_activity, question_activity,
};
use wijkmonitor::compute::effect::{EffectOptions, Method, Pairing, before_after, wave_summaries};
use wijkmonitor::compute::scoring::{ScoreTable, score_responses};
use wijkmonitor::ingest::network::Loaded;
use wijkmonitor::ingest::network::logs::{read_match_log, read_question_log};
use wijkmonitor::ingest::network::register::read_register;
use wijkmonitor::ingest::network::responses::read_responses;
use wijkmonitor::spec::instrument::{Instrument, load_instrument};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    manifest().join("tests/fixtures/network").join(name)
}

fn instrument(name: &str) -> Instrument {
    load_instrument(name, manifest()).unwrap_or_else(|e| panic!("{e}"))
}

fn without_errors<T>(loaded: Loaded<T>) -> T {
    assert!(!loaded.has_errors(), "{:?}", loaded.problems);
    loaded.data
}

#[track_caller]
fn close(got: Option<f64>, want: f64) {
    let got = got.unwrap_or_else(|| panic!("expected {want}, got None"));
    assert!(
        (got - want).abs() <= 1e-12 * want.abs().max(1.0),
        "got {got}, want {want}"
    );
}

/// Every output row as JSON, to check that no pseudonym reaches the output.
fn json<T: serde::Serialize>(rows: &[T]) -> String {
    serde_json::to_string(rows).unwrap()
}

// ---------------------------------------------------------------------------
// Questionnaires.

#[test]
fn loneliness_fixture_end_to_end() {
    let register = read_register(&fixture("register.xlsx")).unwrap().data;
    let djg = instrument("eenzaamheid-djg6");
    // The fixture has errors; the rows that were read (four) are what the figures rest on.
    let loaded = read_responses(
        &fixture("antwoorden-eenzaamheid-fout.xlsx"),
        &djg,
        Some(&register),
    )
    .unwrap();
    assert_eq!(loaded.data.records.len(), 4);
    let scores = score_responses(&djg, &loaded.data).unwrap();

    // Ruwaard: R001 at T0 and T1, R002 and R003 at T0 only. R002 left a social item blank
    // (2 of 3: no social score), R003 an emotional one. Far below the threshold.
    let rows = before_after(&scores, &djg, &EffectOptions::default()).unwrap();
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.network_id.as_str(),
                r.scale.as_str(),
                r.wave_from.as_str(),
                r.wave_to.as_str(),
                r.n_paired,
                r.n_from,
                r.n_to,
                r.method,
                r.suppressed,
            )
        })
        .collect();
    use Method::PairedT;
    assert_eq!(
        got,
        [
            ("ruwaard", "emotioneel", "T0", "T1", 1, 2, 1, PairedT, true),
            ("ruwaard", "sociaal", "T0", "T1", 1, 2, 1, PairedT, true),
            ("ruwaard", "totaal", "T0", "T1", 1, 3, 1, PairedT, true),
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r.mean_diff.is_none() && r.p_ttest.is_none())
    );

    // Without the threshold the single pair gives its difference (total 0 → 5) and nothing
    // that needs spread.
    let open = EffectOptions {
        min_n: 0,
        by: Some("doelgroep".into()),
        ..EffectOptions::default()
    };
    let rows = before_after(&scores, &djg, &open).unwrap();
    let total: Vec<_> = rows
        .iter()
        .filter(|r| r.scale == "totaal")
        .map(|r| (r.group.as_str(), r.n_paired, r.mean_diff, r.p_ttest))
        .collect();
    assert_eq!(
        total,
        [
            ("alle", 1, Some(5.0), None),
            ("doelgroep=mantelzorgers", 0, None, None),
            ("doelgroep=ouderen", 1, Some(5.0), None),
        ]
    );
    // Loneliness is better when lower: 0 → 5 is worse, whatever the MIC.
    assert_eq!(rows[0].pct_worse, Some(100.0));

    let waves = wave_summaries(&scores, &djg, &open).unwrap();
    let totals: Vec<_> = waves
        .waves
        .iter()
        .filter(|w| w.scale == "totaal")
        .map(|w| (w.group.as_str(), w.wave.as_str(), w.n, w.mean))
        .collect();
    // Totals at T0: R001 0, R002 (mantelzorger) 3, R003 0.
    assert_eq!(
        totals,
        [
            ("alle", "T0", 3, Some(1.0)),
            ("alle", "T1", 1, Some(5.0)),
            ("doelgroep=mantelzorgers", "T0", 1, Some(3.0)),
            ("doelgroep=ouderen", "T0", 2, Some(0.0)),
            ("doelgroep=ouderen", "T1", 1, Some(5.0)),
        ]
    );
    let lonely: Vec<_> = waves
        .cutoffs
        .iter()
        .filter(|c| c.group == "alle")
        .map(|c| {
            (
                c.wave.as_str(),
                c.scale.as_str(),
                c.cutoff.as_str(),
                c.n_above,
            )
        })
        .collect();
    assert_eq!(
        lonely,
        [
            ("T0", "totaal", "eenzaam", Some(1)),
            ("T0", "totaal", "ernstig_eenzaam", Some(0)),
            ("T1", "totaal", "eenzaam", Some(1)),
            ("T1", "totaal", "ernstig_eenzaam", Some(1)),
        ]
    );

    let output = json(&rows) + &json(&waves.waves) + &json(&waves.cutoffs);
    for pseudonym in ["R001", "R002", "R003"] {
        assert!(!output.contains(pseudonym), "{pseudonym} in the output");
    }
}

/// A member of a network answering the collaboration questionnaire: the same answer on all
/// twenty indicators, so every aspect score equals it.
struct Member {
    network: &'static str,
    code: String,
    wave: &'static str,
    role: &'static str,
    answer: f64,
}

fn write_collaboration(path: &Path, kaats: &Instrument, members: &[Member]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("antwoorden").unwrap();
    let mut headers = vec!["netwerk", "respondent", "meting", "rol"];
    headers.extend(kaats.items.iter().map(|i| i.id.as_str()));
    for (c, header) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    for (r, member) in members.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, member.network).unwrap();
        sheet.write_string(r, 1, &member.code).unwrap();
        sheet.write_string(r, 2, member.wave).unwrap();
        sheet.write_string(r, 3, member.role).unwrap();
        for c in 0..kaats.items.len() {
            sheet.write_number(r, 4 + c as u16, member.answer).unwrap();
        }
    }
    workbook.save(path).unwrap();
}

/// Wedde: 12 GPs, 10 welfare professionals and 2 kartrekkers at T0 and T1 (codes that link
/// the waves). Oost: anonymous, 11 members at T0 and 10 others at T1.
fn collaboration_members() -> Vec<Member> {
    let mut members = Vec::new();
    let roles = [
        ("huisarts", 12),
        ("welzijnsprofessional", 10),
        ("kartrekker", 2),
    ];
    let mut i = 0;
    for (role, count) in roles {
        for _ in 0..count {
            let before = 2.0 + (i % 3) as f64;
            let after = (before + (i % 2) as f64).min(5.0);
            for (wave, answer) in [("T0", before), ("T1", after)] {
                members.push(Member {
                    network: "wedde",
                    code: format!("W{i:02}"),
                    wave,
                    role,
                    answer,
                });
            }
            i += 1;
        }
    }
    for i in 0..11 {
        members.push(Member {
            network: "oost",
            code: format!("A{i:02}"),
            wave: "T0",
            role: "inwoner",
            answer: 1.0 + (i % 4) as f64,
        });
    }
    for i in 0..10 {
        members.push(Member {
            network: "oost",
            code: format!("B{i:02}"),
            wave: "T1",
            role: "inwoner",
            answer: 2.0 + (i % 4) as f64,
        });
    }
    members
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let values: Vec<f64> = values.collect();
    values.iter().sum::<f64>() / values.len() as f64
}

fn collaboration_scores(dir: &Path) -> (Instrument, ScoreTable, Vec<Member>) {
    let kaats = instrument("samenwerking-kaats-opheij");
    let members = collaboration_members();
    let path = dir.join("samenwerking.xlsx");
    write_collaboration(&path, &kaats, &members);
    let responses = without_errors(read_responses(&path, &kaats, None).unwrap());
    assert_eq!(responses.records.len(), members.len());
    let scores = score_responses(&kaats, &responses).unwrap();
    (kaats, scores, members)
}

#[test]
fn collaboration_per_aspect_wave_and_role() {
    let dir = tempfile::tempdir().unwrap();
    let (kaats, scores, members) = collaboration_scores(dir.path());
    let options = EffectOptions {
        by: Some("rol".into()),
        ..EffectOptions::default()
    };

    let waves = wave_summaries(&scores, &kaats, &options).unwrap();
    let ambition: Vec<_> = waves
        .waves
        .iter()
        .filter(|w| w.scale == "gedeelde_ambitie")
        .map(|w| {
            (
                w.network_id.as_str(),
                w.group.as_str(),
                w.wave.as_str(),
                w.n,
                w.suppressed,
            )
        })
        .collect();
    // Wedde's two kartrekkers are hidden, and with them the welfare professionals: else all
    // members minus GPs and welfare professionals would give the kartrekkers' mean.
    assert_eq!(
        ambition,
        [
            ("oost", "alle", "T0", 11, false),
            ("oost", "alle", "T1", 10, false),
            ("oost", "rol=inwoner", "T0", 11, false),
            ("oost", "rol=inwoner", "T1", 10, false),
            ("wedde", "alle", "T0", 24, false),
            ("wedde", "alle", "T1", 24, false),
            ("wedde", "rol=kartrekker", "T0", 2, true),
            ("wedde", "rol=kartrekker", "T1", 2, true),
            ("wedde", "rol=huisarts", "T0", 12, false),
            ("wedde", "rol=huisarts", "T1", 12, false),
            ("wedde", "rol=welzijnsprofessional", "T0", 10, true),
            ("wedde", "rol=welzijnsprofessional", "T1", 10, true),
        ]
    );
    // Each of the five aspects and the total has the same rows, as every member gave one
    // answer to all indicators.
    assert_eq!(waves.waves.len(), 6 * ambition.len());
    let gp_t1 = mean(
        members
            .iter()
            .filter(|m| m.network == "wedde" && m.role == "huisarts" && m.wave == "T1")
            .map(|m| m.answer),
    );
    for row in waves
        .waves
        .iter()
        .filter(|w| w.network_id == "wedde" && w.group == "rol=huisarts" && w.wave == "T1")
    {
        close(row.mean, gp_t1);
    }

    let rows = before_after(&scores, &kaats, &options).unwrap();
    let total: Vec<_> = rows
        .iter()
        .filter(|r| r.scale == "totaal")
        .map(|r| {
            (
                r.network_id.as_str(),
                r.group.as_str(),
                r.method,
                r.n_paired,
                r.n_from,
                r.n_to,
                r.suppressed,
            )
        })
        .collect();
    use Method::{PairedT, Welch};
    assert_eq!(
        total,
        [
            ("oost", "alle", Welch, 0, 11, 10, false),
            ("oost", "rol=inwoner", Welch, 0, 11, 10, false),
            ("wedde", "alle", PairedT, 24, 24, 24, false),
            ("wedde", "rol=kartrekker", PairedT, 2, 2, 2, true),
            ("wedde", "rol=huisarts", PairedT, 12, 12, 12, false),
            (
                "wedde",
                "rol=welzijnsprofessional",
                PairedT,
                10,
                10,
                10,
                true
            ),
        ]
    );
    let wedde = rows
        .iter()
        .find(|r| r.network_id == "wedde" && r.scale == "totaal" && r.group == "alle")
        .unwrap();
    let answers = |wave| {
        mean(
            members
                .iter()
                .filter(|m| m.network == "wedde" && m.wave == wave)
                .map(|m| m.answer),
        )
    };
    close(wedde.mean_from, answers("T0"));
    close(wedde.mean_to, answers("T1"));
    close(wedde.mean_diff, answers("T1") - answers("T0"));
    // Without a MIC every change counts: members with an odd number moved up (unless at 5).
    let improved = (0..24).filter(|i| i % 2 == 1 && 2 + i % 3 < 5).count() as f64;
    close(wedde.pct_improved, 100.0 * improved / 24.0);
    assert_eq!(wedde.pct_worse, Some(0.0));

    let output = json(&rows) + &json(&waves.waves) + &json(&waves.cutoffs);
    for member in &members {
        assert!(
            !output.contains(&member.code),
            "{} in the output",
            member.code
        );
    }
}

#[test]
fn collaboration_unpaired_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let (kaats, scores, _) = collaboration_scores(dir.path());
    let options = EffectOptions {
        pairing: Pairing::Unpaired,
        from: Some("t0".into()),
        to: Some("T1".into()),
        ..EffectOptions::default()
    };
    let rows = before_after(&scores, &kaats, &options).unwrap();
    assert!(
        rows.iter()
            .all(|r| r.method == Method::Welch && !r.paired && r.n_paired == 0)
    );
    assert_eq!(rows.len(), 2 * 6);
}

// ---------------------------------------------------------------------------
// Activity logs.

/// (network, period, requests, matched, median days to match) per row.
type PeriodCounts<'r> = (&'r str, &'r str, usize, Option<usize>, Option<f64>);

fn period_counts(rows: &[MatchRow]) -> Vec<PeriodCounts<'_>> {
    rows.iter()
        .map(|r| {
            (
                r.network_id.as_str(),
                r.period.as_str(),
                r.requests,
                r.matched,
                r.median_days_to_match,
            )
        })
        .collect()
}

#[test]
fn match_log_fixture_end_to_end() {
    let register = read_register(&fixture("register.xlsx")).unwrap().data;
    let loaded = read_match_log(&fixture("matches-fout.xlsx"), Some(&register)).unwrap();
    let open = ActivityOptions {
        min_n: 1,
        ..ActivityOptions::default()
    };
    let rows = match_activity(&loaded.data, &open);
    // Wedde: four requests read; two matched, one of them (2023-005) before its request
    // date, so one number of days (3). Ruwaard: one request, matched after 2 days.
    assert_eq!(
        period_counts(&rows),
        [
            ("ruwaard", "alle", 1, Some(1), Some(2.0)),
            ("ruwaard", "2023", 1, Some(1), Some(2.0)),
            ("wedde", "alle", 4, Some(2), Some(3.0)),
            ("wedde", "2023", 4, Some(2), Some(3.0)),
        ]
    );
    let wedde = &rows[2];
    // The follow-up of 2023-001 came 46 days after the match, but the window of neither
    // match has closed by the latest date in Wedde's log (24-04-2023).
    assert_eq!(
        (
            wedde.followup_done,
            wedde.followup_due,
            wedde.followup_on_time
        ),
        (Some(1), Some(0), None)
    );
    assert_eq!(wedde.reference_date, NaiveDate::from_ymd_opt(2023, 4, 24));
    assert_eq!((wedde.n_satisfaction, wedde.satisfied), (Some(1), Some(1)));
    let later = ActivityOptions {
        reference_date: NaiveDate::from_ymd_opt(2023, 12, 31),
        ..open
    };
    let rows = match_activity(&loaded.data, &later);
    assert_eq!(
        (
            rows[2].followup_due,
            rows[2].followup_on_time,
            rows[2].pct_followup_on_time
        ),
        (Some(2), Some(1), Some(50.0))
    );

    // With the default threshold only the numbers of requests remain.
    let rows = match_activity(&loaded.data, &ActivityOptions::default());
    assert_eq!(
        period_counts(&rows),
        [
            ("ruwaard", "alle", 1, None, None),
            ("ruwaard", "2023", 1, None, None),
            ("wedde", "alle", 4, None, None),
            ("wedde", "2023", 4, None, None),
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r.pct_matched.is_none() && r.satisfied.is_none())
    );
    assert!(!json(&rows).contains("V07"));
}

#[test]
fn question_log_fixture_end_to_end() {
    let loaded = read_question_log(&fixture("vragen-windows-1252.csv"), None).unwrap();
    let open = ActivityOptions {
        min_n: 1,
        ..ActivityOptions::default()
    };
    let tables = question_activity(&loaded.data, &open);
    let got: Vec<_> = tables
        .quarters
        .iter()
        .map(|q| {
            (
                q.network_id.as_str(),
                q.quarter.as_str(),
                q.questions,
                q.non_medical,
                q.non_medical_in_community,
                q.pct,
            )
        })
        .collect();
    // The row with "weet niet" as medical is not read.
    assert_eq!(
        got,
        [
            ("wedde", "2023-Q1", Some(2), Some(1), Some(1), Some(100.0)),
            ("wedde", "2023-Q2", Some(1), Some(1), Some(1), Some(100.0)),
        ]
    );
    // One calendar year: no change to report.
    assert!(tables.change.is_empty());

    let tables = question_activity(&loaded.data, &ActivityOptions::default());
    assert!(
        tables
            .quarters
            .iter()
            .all(|q| q.suppressed && q.non_medical.is_none() && q.pct.is_none())
    );
}

/// Defect 12 (complementary suppression across tables): America's question log has nine
/// questions in 2023-Q1, and `community_change` publishes 2023's total. With the other three
/// quarters' numbers of questions shown, the total gave away the first quarter's; so a second
/// quarter (the smallest, Q2) is hidden too, at every level, in the tables as in the report
/// data made from them.
#[test]
fn a_year_total_does_not_reveal_a_suppressed_quarter_america_2023() {
    let log = crate::workdir::repo().join("sample-data/netwerken/vragen-samenredzaamheid.xlsx");
    let loaded = read_question_log(&log, None).unwrap();
    let options = ActivityOptions::default();
    let tables = question_activity(&loaded.data, &options);
    let america: Vec<_> = tables
        .quarters
        .iter()
        .filter(|q| q.network_id == "america" && q.quarter.starts_with("2023"))
        .map(|q| (q.quarter.as_str(), q.questions, q.non_medical))
        .collect();
    assert_eq!(
        america,
        [
            ("2023-Q1", None, None),
            ("2023-Q2", None, None),
            ("2023-Q3", Some(11), Some(5)),
            ("2023-Q4", Some(12), Some(7)),
        ]
    );
    let change = tables
        .change
        .iter()
        .find(|c| c.network_id == "america")
        .unwrap();
    assert_eq!(
        (change.year_first, change.questions_first, change.n_first),
        (2023, Some(42), Some(23))
    );
    // Every network and published year: the total minus the shown quarters is 0 or at least
    // min_n, for the questions (behind every figure of a quarter) and, where the year's share
    // is published, for the non-medical questions (behind the share).
    let check = |what: &str, total: usize, shown: usize| {
        let rest = total - shown;
        assert!(rest == 0 || rest >= options.min_n, "{what}: rest {rest}");
    };
    for c in &tables.change {
        for (year, questions, n) in [
            (c.year_first, c.questions_first, c.n_first),
            (c.year_last, c.questions_last, c.n_last),
        ] {
            let quarters: Vec<_> = tables
                .quarters
                .iter()
                .filter(|q| {
                    q.network_id == c.network_id && q.quarter.starts_with(&year.to_string())
                })
                .collect();
            let what = format!("{} {year}", c.network_id);
            if let Some(questions) = questions {
                check(
                    &what,
                    questions,
                    quarters.iter().filter_map(|q| q.questions).sum(),
                );
            }
            if let (Some(n), false) = (n, c.suppressed) {
                let shown = quarters
                    .iter()
                    .filter_map(|q| q.non_medical_in_community.and(q.non_medical))
                    .sum();
                check(&what, n, shown);
            }
        }
    }
}
