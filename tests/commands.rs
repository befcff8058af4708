//! The `template` and `effect` commands run as a user runs them: blank
//! workbooks that read back, before/after tables from a filled workbook, and
//! the errors a newcomer trips on.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use crate::workdir::Workdir;

#[test]
fn every_template_kind_is_written_and_reads_back() {
    let wd = Workdir::new();
    for (kind, extra, sheet) in [
        ("register", None, "netwerken"),
        ("responses", Some("positieve-gezondheid"), "antwoorden"),
        ("responses", Some("samenwerking-kaats-opheij"), "antwoorden"),
        ("matches", None, "matches"),
        ("questions", None, "vragen"),
    ] {
        let out = format!("{kind}-{}.xlsx", extra.unwrap_or("x"));
        let mut args = vec!["template", kind, "--out", &out];
        if let Some(instrument) = extra {
            args.extend(["--instrument", instrument]);
        }
        wd.run(&args).expect_code(0).expect_stdout_contains(&out);
        let grid = wijkmonitor::ingest::grid::read_grid(&wd.path().join(&out)).expect("readable");
        let names = grid.sheet_names();
        assert!(names.contains(&"Toelichting"), "{out}: {names:?}");
        assert!(names.contains(&sheet), "{out}: {names:?}");
    }
}

#[test]
fn template_mistakes_are_explained() {
    let wd = Workdir::new();
    wd.run(["template", "responses", "--out", "a.xlsx"])
        .expect_code(2)
        .expect_stderr_contains("--instrument");
    wd.run([
        "template",
        "responses",
        "--instrument",
        "geluk",
        "--out",
        "a.xlsx",
    ])
    .expect_code(1)
    .expect_stderr_contains("geluk")
    .expect_stderr_contains("positieve-gezondheid");
    wd.run(["template", "register", "--out", "register.csv"])
        .expect_code(1)
        .expect_stderr_contains(".xlsx");
    assert!(!wd.path().join("a.xlsx").exists());
}

/// Item answers (1–5) whose mean over the five MDO items is `mean`; the last
/// item is reverse-scored, so it is written as 6 − value.
fn mdo_answers(mean: f64) -> [f64; 5] {
    let mut total = (mean * 5.0).round() as i64;
    let mut values = [1i64; 5];
    total -= 5;
    for v in values.iter_mut() {
        let add = total.min(4);
        *v += add;
        total -= add;
    }
    let mut answers = values.map(|v| v as f64);
    answers[4] = 6.0 - answers[4];
    answers
}

fn write_mdo_responses(path: &Path, voor: &[f64], na: &[f64]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("antwoorden").unwrap();
    let header = [
        "netwerk",
        "respondent",
        "meting",
        "datum",
        "discipline",
        "mdo_rollen",
        "mdo_zorgplan",
        "mdo_wensen_client",
        "mdo_afspraken",
        "mdo_tijdverlies",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let mut row = 1;
    for (wave, means, date) in [("voor", voor, "2024-01-15"), ("na", na, "2024-09-15")] {
        for (i, mean) in means.iter().enumerate() {
            sheet.write_string(row, 0, "ruwaard").unwrap();
            sheet
                .write_string(row, 1, format!("P{:02}", i + 1))
                .unwrap();
            sheet.write_string(row, 2, wave).unwrap();
            sheet.write_string(row, 3, date).unwrap();
            sheet
                .write_string(row, 4, if i % 2 == 0 { "huisarts" } else { "welzijn" })
                .unwrap();
            for (k, answer) in mdo_answers(*mean).iter().enumerate() {
                sheet.write_number(row, 5 + k as u16, *answer).unwrap();
            }
            row += 1;
        }
    }
    workbook.save(path).unwrap();
}

/// The scale means of the scipy reference case in `compute::effect`'s tests
/// (scipy 1.17.1 `ttest_rel`, `wilcoxon`): voor → na, n = 10.
const VOOR: [f64; 10] = [2.4, 3.0, 2.2, 3.6, 2.8, 3.2, 1.8, 2.6, 3.4, 2.0];
const NA: [f64; 10] = [3.0, 3.2, 3.2, 3.2, 4.2, 4.0, 3.0, 1.0, 1.6, 4.0];

#[test]
fn effect_end_to_end_matches_scipy() {
    let wd = Workdir::new();
    write_mdo_responses(&wd.path().join("mdo.xlsx"), &VOOR, &NA);
    let run = wd.run([
        "effect",
        "--responses",
        "mdo.xlsx",
        "--instrument",
        "mdo-evaluatie",
        "--by",
        "discipline",
        "--out",
        "uit",
    ]);
    run.expect_code(0)
        .expect_stdout_contains("mdo_totaal")
        .expect_stdout_contains("onderdrukt");
    let csv = std::fs::read_to_string(wd.path().join("uit/tables/before_after.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with(
        "network_id,instrument,scale,group,wave_from,wave_to,n_paired,mean_from,mean_to,mean_diff,\
         ci_low,ci_high,p_ttest,p_wilcoxon,cohen_dz,pct_improved,pct_unchanged,pct_worse,paired,suppressed"
    ), "{header}");
    let all = csv
        .lines()
        .find(|l| l.contains(",alle,"))
        .expect("row for everyone");
    let fields: Vec<&str> = all.split(',').collect();
    let num = |i: usize| {
        fields[i]
            .parse::<f64>()
            .unwrap_or_else(|_| panic!("field {i} of {all}"))
    };
    assert_eq!(fields[6], "10");
    assert!((num(9) - 0.34).abs() < 1e-9, "{all}");
    assert!((num(10) - -0.5599481777420652).abs() < 1e-9, "{all}");
    assert!((num(12) - 0.41491933318833435).abs() < 1e-9, "{all}");
    assert!((num(13) - 0.431640625).abs() < 1e-9, "{all}");
    assert!((num(14) - 0.27026150399043963).abs() < 1e-9, "{all}");
    // The disciplines have 5 respondents each: suppressed, values empty. Both groups must be
    // there, or the check would pass on nothing.
    let groups: Vec<&str> = csv.lines().filter(|l| l.contains(",discipline=")).collect();
    assert_eq!(groups.len(), 2, "{csv}");
    for line in groups {
        assert!(line.contains(",true,") && line.contains(",,,"), "{line}");
    }
    assert!(!csv.contains("P01"), "no pseudonyms in outputs");
    for table in ["before_after", "waves", "cutoffs"] {
        assert!(
            wd.path()
                .join(format!("uit/tables/{table}.parquet"))
                .exists(),
            "{table}"
        );
    }
    let waves = std::fs::read_to_string(wd.path().join("uit/tables/waves.csv")).unwrap();
    assert!(
        waves.lines().any(|l| l.contains(",alle,voor,10,2.7")),
        "{waves}"
    );
}

#[test]
fn effect_reports_every_bad_cell_and_still_computes() {
    let wd = Workdir::new();
    let path = wd.path().join("mdo.xlsx");
    write_mdo_responses(&path, &VOOR, &NA);
    // Break two cells with a second writer pass: a text and an out-of-range value.
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("antwoorden").unwrap();
    let grid = wijkmonitor::ingest::grid::read_grid(&path).unwrap();
    for (r, row) in grid.sheets[0].rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                wijkmonitor::ingest::grid::Cell::Number(v) => {
                    sheet.write_number(r as u32, c as u16, *v).unwrap();
                }
                other => {
                    sheet
                        .write_string(r as u32, c as u16, other.to_text())
                        .unwrap();
                }
            }
        }
    }
    sheet.write_string(3, 5, "veel").unwrap();
    sheet.write_number(5, 6, 9.0).unwrap();
    workbook.save(wd.path().join("kapot.xlsx")).unwrap();
    let run = wd.run([
        "effect",
        "--responses",
        "kapot.xlsx",
        "--instrument",
        "mdo-evaluatie",
        "--out",
        "uit",
    ]);
    run.expect_code(1)
        .expect_stderr_contains("kapot.xlsx, sheet \"antwoorden\", row 4, column \"mdo_rollen\"")
        .expect_stderr_contains("row 6, column \"mdo_zorgplan\"")
        .expect_stdout_contains("mdo_totaal");
}

/// `profile` for a wijk, a buurt and a municipality of the real files: a PDF
/// each, and the tables with their stable schemas.
#[test]
fn profile_for_a_wijk_a_buurt_and_a_municipality() {
    use crate::workdir::fixture;
    let wd = Workdir::new();
    let run = wd.run([
        "profile".as_ref(),
        "--kwb".as_ref(),
        fixture("real/kwb-2023-utrecht.xlsx").as_os_str(),
        "--ggd".as_ref(),
        fixture("real/50090NED-2020-18plus.xlsx").as_os_str(),
        "--vektis".as_ref(),
        fixture("real/vektis-zvw-2023-gemeente.csv").as_os_str(),
        "--area".as_ref(),
        "WK034401".as_ref(),
        "BU03440111".as_ref(),
        "GM0344".as_ref(),
        "--out".as_ref(),
        "uit".as_ref(),
    ]);
    run.expect_code(0).expect_stdout_contains("3 pdf's");
    for code in ["WK034401", "BU03440111", "GM0344"] {
        let pdf = std::fs::read(wd.path().join(format!("uit/profiel-{code}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{code}");
    }
    let profile = std::fs::read_to_string(wd.path().join("uit/tables/profile.csv")).unwrap();
    assert!(profile.starts_with(
        "area_code,area_name,level,gemeente_code,indicator,source,period,age_group,value,lower,upper,unit,polarity,\
         gemeente_value,nl_value,vs_gemeente,vs_nl,quintile_nl,rank_gemeente,n_gemeente\n"
    ));
    let costs = std::fs::read_to_string(wd.path().join("uit/tables/costs.csv")).unwrap();
    assert!(costs.starts_with(
        "gemeente_code,gemeente_name,year,category,insured_years,cost_total,cost_per_insured_year,\
         cost_per_insured_year_std,nl_cost_per_insured_year,ratio_observed_expected\n"
    ));
    // Independent figure (tests/fixtures/reference/profile_reference.py):
    // Utrecht 2023, total, directly standardised 3255.2601 € per insured-year.
    let utrecht = costs
        .lines()
        .find(|l| l.starts_with("GM0344,Utrecht,2023,total,"))
        .unwrap();
    let std: f64 = utrecht.split(',').nth(7).unwrap().parse().unwrap();
    assert!((std - 3255.2601).abs() < 1e-3, "{utrecht}");
}

#[test]
fn profile_without_a_selection_says_how() {
    let wd = Workdir::new();
    wd.run(["profile", "--vektis", "x.csv", "--out", "uit"])
        .expect_code(1)
        .expect_stderr_contains("--area CODE");
}

/// README drift: the `inspect` example in the README is what the program prints.
#[test]
fn the_readme_inspect_example_is_the_program_output() {
    let readme = std::fs::read_to_string(crate::workdir::repo().join("README.md")).unwrap();
    let command = "$ wijkmonitor inspect sample-data/open-data/kwb-2023-utrecht.xlsx\n";
    let start = readme.find(command).expect("the example in README.md") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let wd = Workdir::new();
    let file = crate::workdir::repo().join("sample-data/open-data/kwb-2023-utrecht.xlsx");
    let run = wd.run(["inspect".as_ref(), file.as_os_str()]);
    run.expect_code(0);
    // The program prints the path as given; the README gives it relative to the repository.
    let printed = run.stdout().replace(
        &file.display().to_string(),
        "sample-data/open-data/kwb-2023-utrecht.xlsx",
    );
    assert_eq!(shown, printed);
}
