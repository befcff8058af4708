//! `wijkmonitor compare` (issue 12): the comparison of the ten sample networks end to end,
//! its `pooled` table against R metafor run on its own `site_effects` table
//! (tests/fixtures/compare/pooled_metafor.R), its difference-in-differences against an
//! independent openpyxl computation on the real RIVM files
//! (tests/fixtures/compare/area_did_openpyxl.py), and a broken pipeline.

use std::collections::HashMap;
use std::path::Path;

use crate::workdir::{Workdir, repo};

/// A CSV table as header → column index and rows (no quoted commas in these tables).
fn table(path: &Path) -> (HashMap<String, usize>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: HashMap<String, usize> = lines
        .next()
        .unwrap()
        .split(',')
        .enumerate()
        .map(|(i, h)| (h.trim_matches('"').to_owned(), i))
        .collect();
    let rows = lines
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_owned())
                .collect()
        })
        .collect();
    (header, rows)
}

fn close(ours: &str, theirs: &str, what: &str) {
    let (a, b): (f64, f64) = (ours.parse().unwrap(), theirs.parse().unwrap());
    assert!(
        (a - b).abs() <= 1e-8 * a.abs().max(b.abs()).max(1.0),
        "{what}: wijkmonitor {a}, reference {b}"
    );
}

#[test]
fn compare_the_ten_sample_networks() {
    let w = Workdir::new();
    let out = w.path().join("uit");
    w.run([
        "compare",
        repo().join("pipelines/voorbeeld.toml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
    ])
    .expect_code(0);
    for name in [
        "site_effects",
        "pooled",
        "moderators",
        "comparison_areas",
        "area_did",
        "cost_trends",
    ] {
        assert!(
            out.join("tables").join(format!("{name}.csv")).exists(),
            "{name}.csv"
        );
        assert!(
            out.join("tables").join(format!("{name}.parquet")).exists(),
            "{name}.parquet"
        );
    }
    let pdf = std::fs::read(out.join("vergelijking.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(out.join("vergelijking-tabellen.xlsx").exists());

    // Suppressed networks: listed with the reason, no figures.
    let (h, sites) = table(&out.join("tables/site_effects.csv"));
    let suppressed: Vec<&Vec<String>> = sites
        .iter()
        .filter(|r| r[h["reason"]] == "below_min_n")
        .collect();
    assert!(!suppressed.is_empty());
    for r in suppressed {
        assert_eq!(r[h["included"]], "false");
        assert_eq!(r[h["estimate"]], "");
        assert_eq!(r[h["se"]], "");
    }

    // pooled == metafor::rma on site_effects (REML, Knapp–Hartung), every outcome.
    let (h, pooled) = table(&out.join("tables/pooled.csv"));
    let (rh, reference) = table(&repo().join("tests/fixtures/compare/pooled_metafor.csv"));
    assert_eq!(reference.len(), 46);
    let key = |h: &HashMap<String, usize>, r: &Vec<String>| {
        ["instrument", "scale", "wave_from", "wave_to", "measure"]
            .map(|c| r[h[c]].clone())
            .join("|")
    };
    for r in &reference {
        let ours = pooled
            .iter()
            .find(|p| key(&h, p) == key(&rh, r))
            .unwrap_or_else(|| panic!("no pooled row for {}", key(&rh, r)));
        assert_eq!(ours[h["k"]], r[rh["k_studies"]]);
        for c in [
            "estimate", "se", "ci_low", "ci_high", "pi_low", "pi_high", "tau2", "i2", "h2", "q",
            "p_q",
        ] {
            close(&ours[h[c]], &r[rh[c]], &format!("{} {c}", key(&rh, r)));
        }
    }

    // area_did == the openpyxl computation on the real RIVM 65+ files of 2012, 2016, 2020.
    let (h, did) = table(&out.join("tables/area_did.csv"));
    let (rh, reference) = table(&repo().join("tests/fixtures/compare/area_did_openpyxl.csv"));
    assert!(reference.len() > 30);
    for r in &reference {
        let ours = did
            .iter()
            .find(|d| {
                d[h["comparison_set"]] == "nearest"
                    && d[h["age_group"]] == "65+"
                    && [
                        "network_id",
                        "area_code",
                        "indicator",
                        "period_from",
                        "period_to",
                    ]
                    .iter()
                    .all(|c| d[h[*c]] == r[rh[*c]])
            })
            .unwrap_or_else(|| panic!("no area_did row for {r:?}"));
        assert_eq!(ours[h["comparison_n"]], r[rh["comparison_n"]]);
        assert_eq!(ours[h["placebo_rank"]], r[rh["placebo_rank"]]);
        for c in ["change", "comparison_mean_change", "did", "placebo_p"] {
            close(&ours[h[c]], &r[rh[c]], &format!("{r:?} {c}"));
        }
        if !r[rh["comparison_sd_change"]].is_empty() {
            close(
                &ours[h["comparison_sd_change"]],
                &r[rh["comparison_sd_change"]],
                "sd",
            );
        }
    }
}

#[test]
fn compare_broken_pipeline_lists_every_problem() {
    let w = Workdir::new();
    let pipeline = w.write(
        "kapot.toml",
        r#"name = "kapot"
[settings.comparison]
method = "ML"
test = "t"
neighbours = 0
moderators = ["kleur"]
[inputs]
register = { path = "register.xlsx", kind = "register" }
[outputs]
comparison = true
"#,
    );
    let run = w.run(["compare", pipeline.to_str().unwrap()]);
    run.expect_code(1);
    for key in [
        "settings.comparison.method",
        "settings.comparison.test",
        "settings.comparison.neighbours",
        "settings.comparison.moderators",
    ] {
        run.expect_stderr_contains(key);
    }
}
