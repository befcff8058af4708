//! Tests of `wijkmonitor::compute::stats::meta` against R's metafor.
//!
//! `tests/fixtures/reference/metafor.json` holds the figures of `metafor::rma`, `predict` and
//! `escalc` (R 4.2.2, metafor 3.8-1; the versions are recorded in the file) for fixed cases
//! (k = 2 and 3, τ² = 0 boundaries, very unequal variances, large heterogeneity, moderators
//! with 2 and 3 levels and a level with one study) and seeded random cases, each fitted with
//! every method × test. `tests/fixtures/reference/metafor_reference.R` regenerates it. Every
//! test walks all records, names the case, method and test of each disagreement and reports
//! all of them, worst first.

use serde_json::Value;
use wijkmonitor::compute::stats::meta::{
    Measure, Method, Options, Study, Test, effect_size, moderator, pool,
};

/// Relative tolerance: the file has 15 significant digits and the computation follows
/// metafor's own steps (iterations and stopping rules included).
const REL_TOL: f64 = 1e-9;
/// Absolute tolerance for figures at or near zero (τ² at a boundary, tiny p-values).
const ABS_TOL: f64 = 1e-12;

/// The committed reference file, or another file of the same form named by the environment
/// variable `METAFOR_REFERENCE` (to check against freshly generated random cases, e.g. the
/// script run with another seed).
fn reference() -> Value {
    let committed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reference/metafor.json"
    );
    let path = std::env::var("METAFOR_REFERENCE").unwrap_or_else(|_| committed.to_string());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One record of the file, with its name for messages.
struct Record<'a> {
    value: &'a Value,
    name: String,
}

impl<'a> Record<'a> {
    fn new(value: &'a Value) -> Record<'a> {
        let name = format!(
            "metafor.json: case {} method {} test {}",
            value["case"], value["method"], value["test"]
        );
        Record { value, name }
    }

    fn num(&self, field: &str) -> Option<f64> {
        self.value[field].as_f64()
    }

    fn vec(&self, field: &str) -> Vec<f64> {
        self.value[field]
            .as_array()
            .unwrap_or_else(|| panic!("{}: {field} is not an array", self.name))
            .iter()
            .map(|v| v.as_f64().expect("number"))
            .collect()
    }

    fn options(&self) -> Options {
        let text = |field: &str| self.value[field].as_str().unwrap_or_default().to_string();
        Options {
            method: Method::from_code(&text("method")).expect("method"),
            test: Test::from_code(&text("test")).expect("test"),
            level: self.num("level").expect("level"),
        }
    }

    fn studies(&self) -> Vec<Study> {
        self.vec("yi")
            .into_iter()
            .zip(self.vec("vi"))
            .enumerate()
            .map(|(i, (yi, vi))| Study {
                id: format!("study {i}"),
                yi,
                vi,
            })
            .collect()
    }

    /// Compares a figure with the reference field.
    fn check(&self, checker: &mut Checker, what: &str, actual: Option<f64>, field: &str) {
        checker.check(&self.name, what, actual, self.num(field));
    }
}

/// Collects every disagreement of a run, so that one run reports all of them (worst first).
#[derive(Default)]
struct Checker {
    failures: Vec<(f64, String)>,
    checked: usize,
}

impl Checker {
    /// Compares a figure with the reference; a reference of null (R's NA, NaN or Inf)
    /// accepts a missing or non-finite figure.
    fn check(&mut self, name: &str, what: &str, actual: Option<f64>, expected: Option<f64>) {
        self.checked += 1;
        match (actual, expected) {
            (Some(a), Some(e)) => {
                let tol = (REL_TOL * e.abs()).max(ABS_TOL);
                let diff = (a - e).abs();
                if diff.is_nan() || diff > tol {
                    self.failures.push((
                        diff / tol,
                        format!("{name}: {what} = {a:e}, metafor {e:e} (diff {diff:e})"),
                    ));
                }
            }
            (a, None) => {
                if a.is_some_and(f64::is_finite) {
                    self.failures
                        .push((f64::INFINITY, format!("{name}: {what} = {a:?}, metafor NA")));
                }
            }
            (None, Some(e)) => self.failures.push((
                f64::INFINITY,
                format!("{name}: {what} missing, metafor {e}"),
            )),
        }
    }

    fn fail(&mut self, message: String) {
        self.failures.push((f64::INFINITY, message));
    }

    /// Panics with every failure, the worst (relative to its tolerance) first.
    fn finish(mut self) {
        if self.failures.is_empty() {
            return;
        }
        self.failures.sort_by(|a, b| b.0.total_cmp(&a.0));
        let shown: Vec<&str> = self
            .failures
            .iter()
            .take(40)
            .map(|f| f.1.as_str())
            .collect();
        panic!(
            "{} of {} figures disagree with metafor:\n{}",
            self.failures.len(),
            self.checked,
            shown.join("\n")
        );
    }
}

#[test]
fn pooled_estimates_match_metafor() {
    let reference = reference();
    let records = reference["pooled"].as_array().expect("pooled records");
    assert!(records.len() >= 250, "{} pooled records", records.len());
    let mut checker = Checker::default();
    for value in records {
        let r = Record::new(value);
        let result = pool(&r.studies(), &r.options());
        let p = match (result, value.get("error")) {
            (Ok(p), None) => p,
            (Err(_), Some(_)) => continue,
            (Ok(_), Some(e)) => {
                checker.fail(format!("{}: metafor refused ({e}), we did not", r.name));
                continue;
            }
            (Err(e), None) => {
                checker.fail(format!("{}: {e}", r.name));
                continue;
            }
        };
        let h = p.heterogeneity;
        r.check(&mut checker, "k", Some(p.k as f64), "k");
        r.check(&mut checker, "estimate", Some(p.estimate), "estimate");
        r.check(&mut checker, "se", Some(p.se), "se");
        r.check(&mut checker, "ci_low", Some(p.ci_low), "ci_low");
        r.check(&mut checker, "ci_high", Some(p.ci_high), "ci_high");
        r.check(&mut checker, "pi_low", Some(p.pi_low), "pi_low");
        r.check(&mut checker, "pi_high", Some(p.pi_high), "pi_high");
        r.check(&mut checker, "statistic", p.statistic, "statistic");
        r.check(&mut checker, "p_value", p.p_value, "p_value");
        r.check(&mut checker, "tau2", Some(h.tau2), "tau2");
        r.check(&mut checker, "tau", Some(h.tau), "tau");
        r.check(&mut checker, "i2", Some(h.i2), "i2");
        r.check(&mut checker, "h2", Some(h.h2), "h2");
        r.check(&mut checker, "q", Some(h.q), "q");
        r.check(&mut checker, "q_df", Some(h.q_df as f64), "q_df");
        r.check(&mut checker, "p_q", h.p_q, "p_q");
        r.check(&mut checker, "s2w", p.s2w, "s2w");
    }
    checker.finish();
}

#[test]
fn moderator_models_match_metafor() {
    let reference = reference();
    let records = reference["moderators"]
        .as_array()
        .expect("moderator records");
    assert!(records.len() >= 120, "{} moderator records", records.len());
    let mut checker = Checker::default();
    for value in records {
        let r = Record::new(value);
        let levels: Vec<&str> = value["levels"]
            .as_array()
            .expect("levels")
            .iter()
            .map(|l| l.as_str().expect("level text"))
            .collect();
        let input: Vec<(Study, &str)> = r.studies().into_iter().zip(levels).collect();
        let result = moderator(&input, &r.options());
        let m = match (result, value.get("error")) {
            (Ok(m), None) => m,
            (Err(_), Some(_)) => continue,
            (Ok(_), Some(e)) => {
                checker.fail(format!("{}: metafor refused ({e}), we did not", r.name));
                continue;
            }
            (Err(e), None) => {
                checker.fail(format!("{}: {e}", r.name));
                continue;
            }
        };
        r.check(&mut checker, "k", Some(m.k as f64), "k");
        let expected = value["by_level"].as_array().expect("by_level");
        if m.levels.len() != expected.len() {
            checker.fail(format!(
                "{}: {} levels, metafor {}",
                r.name,
                m.levels.len(),
                expected.len()
            ));
            continue;
        }
        for (level, e) in m.levels.iter().zip(expected) {
            let name = format!("{} level {}", r.name, level.level);
            if Some(level.level.as_str()) != e["level"].as_str() {
                checker.fail(format!("{name}: metafor level {}", e["level"]));
            }
            checker.check(&name, "k", Some(level.k as f64), e["k"].as_f64());
            let field = |f: &str| e[f].as_f64();
            checker.check(&name, "estimate", Some(level.estimate), field("estimate"));
            checker.check(&name, "se", Some(level.se), field("se"));
            checker.check(&name, "ci_low", Some(level.ci_low), field("ci_low"));
            checker.check(&name, "ci_high", Some(level.ci_high), field("ci_high"));
            checker.check(&name, "statistic", level.statistic, field("statistic"));
            checker.check(&name, "p_value", level.p_value, field("p_value"));
        }
        let test = m.test_of_moderator;
        r.check(&mut checker, "qm", test.qm, "qm");
        r.check(&mut checker, "qm_df1", Some(test.df1 as f64), "qm_df1");
        r.check(&mut checker, "qm_df2", test.df2.map(|d| d as f64), "qm_df2");
        r.check(&mut checker, "p_qm", test.p, "p_qm");
        let h = m.residual;
        r.check(&mut checker, "tau2", Some(h.tau2), "tau2");
        r.check(
            &mut checker,
            "tau2 (model without intercept)",
            Some(h.tau2),
            "tau2_cells",
        );
        r.check(&mut checker, "i2", Some(h.i2), "i2");
        r.check(&mut checker, "h2", Some(h.h2), "h2");
        r.check(&mut checker, "qe", Some(h.q), "qe");
        r.check(&mut checker, "qe_df", Some(h.q_df as f64), "qe_df");
        r.check(&mut checker, "p_qe", h.p_q, "p_qe");
    }
    checker.finish();
}

#[test]
fn effect_sizes_match_escalc() {
    let reference = reference();
    let records = reference["effect_sizes"].as_array().expect("effect sizes");
    let mut checker = Checker::default();
    for value in records {
        let name = format!("metafor.json: effect size {value}");
        let measure =
            Measure::from_code(value["measure"].as_str().expect("measure")).expect("known measure");
        let num = |f: &str| value[f].as_f64().expect("number");
        let (yi, vi) = effect_size(
            measure,
            num("mean_change"),
            num("sd_change"),
            num("n") as usize,
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        checker.check(&name, "yi", Some(yi), Some(num("yi")));
        checker.check(&name, "vi", Some(vi), Some(num("vi")));
    }
    checker.finish();
}
