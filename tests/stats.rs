//! Tests of `wijkmonitor::compute::stats` against independent reference values.
//!
//! The CSV files in `tests/fixtures/reference/` are public test data: the fixtures of the R
//! package PHEindicatormethods 2.1.0 plus inputs run through it (`pheindicatormethods/` in the
//! shared reference set), and paired before/after cases and DerSimonian–Laird cases computed in
//! R (`prepost/`). Every test walks all rows of its file and names the file and case id in each
//! assertion. Figures that are not in those files (Welch's test, exact Wilcoxon p-values for
//! larger n, Newcombe's interval) are kept inline with their source named.

use std::collections::BTreeMap;

use csv::StringRecord;
use wijkmonitor::compute::stats::meta::{Method, Options, Study, Test, pool};
use wijkmonitor::compute::stats::{
    PairedOptions, WilcoxonMethod, mean_ci, newcombe_diff, paired, welch, wilcoxon_signed_rank,
    wilson,
};

use wijkmonitor::spec::Polarity;

/// Relative tolerance for comparisons with reference values.
const REL_TOL: f64 = 1e-9;
/// Absolute tolerance for reference values at or near zero, where a relative one is useless.
const ABS_TOL: f64 = 1e-12;

/// Path of a reference file, resolved at compile time so tests run from any directory.
macro_rules! fixture {
    ($name:literal) => {
        (
            $name,
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/reference/",
                $name
            ),
        )
    };
}

/// A CSV file read completely, with columns looked up by header name.
struct Table {
    file: &'static str,
    headers: StringRecord,
    rows: Vec<StringRecord>,
}

impl Table {
    fn load((file, path): (&'static str, &'static str)) -> Table {
        let mut reader = csv::Reader::from_path(path)
            .unwrap_or_else(|e| panic!("{file}: cannot open {path}: {e}"));
        let headers = reader
            .headers()
            .unwrap_or_else(|e| panic!("{file}: no header: {e}"))
            .clone();
        let rows = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{file}: bad CSV: {e}"));
        assert!(!rows.is_empty(), "{file}: no rows");
        Table {
            file,
            headers,
            rows,
        }
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |record| Row {
            table: self,
            record,
        })
    }
}

/// One CSV row with typed accessors; missing values (empty or `NA`) come back as `None`.
struct Row<'a> {
    table: &'a Table,
    record: &'a StringRecord,
}

impl Row<'_> {
    fn text(&self, column: &str) -> &str {
        let index = self
            .table
            .headers
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("{}: no column {column}", self.table.file));
        &self.record[index]
    }

    fn id(&self) -> &str {
        self.text("case_id")
    }

    fn opt(&self, column: &str) -> Option<f64> {
        let text = self.text(column).trim();
        if text.is_empty() || text == "NA" {
            return None;
        }
        Some(text.parse().unwrap_or_else(|e| {
            panic!(
                "{}: column {column} value {text:?} is not a number: {e}",
                self.table.file
            )
        }))
    }

    fn num(&self, column: &str) -> f64 {
        self.opt(column).unwrap_or_else(|| {
            panic!(
                "{}: case {}: column {column} is missing",
                self.table.file,
                self.id()
            )
        })
    }

    fn flag(&self, column: &str) -> bool {
        match self.text(column) {
            "TRUE" => true,
            "FALSE" => false,
            other => panic!(
                "{}: column {column}: {other:?} is not a flag",
                self.table.file
            ),
        }
    }
}

/// Asserts `actual ≈ expected` to 1e-9 relative (1e-12 absolute near zero) and names the file,
/// the case and the quantity when it fails.
fn assert_close(file: &str, case: &str, what: &str, actual: f64, expected: f64) {
    let diff = (actual - expected).abs();
    assert!(
        diff <= REL_TOL * expected.abs() || diff <= ABS_TOL,
        "{file}: case {case}: {what} = {actual:.17e}, reference {expected:.17e} \
         (difference {diff:.3e})"
    );
}

/// Asserts that an optional result matches an optional reference (both missing, or close).
fn assert_close_opt(
    file: &str,
    case: &str,
    what: &str,
    actual: Option<f64>,
    expected: Option<f64>,
) {
    match (actual, expected) {
        (Some(a), Some(e)) => assert_close(file, case, what, a, e),
        (None, None) => {}
        _ => panic!("{file}: case {case}: {what} = {actual:?}, reference {expected:?}"),
    }
}

/// Values grouped by a key column, keeping the file order within each group.
fn grouped(table: &Table, key: &str, value: &str) -> BTreeMap<String, Vec<f64>> {
    let mut groups: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for row in table.rows() {
        groups
            .entry(row.text(key).to_owned())
            .or_default()
            .push(row.num(value));
    }
    groups
}

// ---------------------------------------------------------------------------------------------
// Means (PHEindicatormethods::phe_mean)
// ---------------------------------------------------------------------------------------------

/// Checks every row of a `means_t_*.csv` file, whose raw values are in `inputs`.
fn check_means(cases: &Table, inputs: &Table, prefix: &str) {
    let groups = grouped(inputs, "group", "value");
    let all: Vec<f64> = inputs.rows().map(|r| r.num("value")).collect();
    for row in cases.rows() {
        let (file, id) = (cases.file, row.id());
        // "No grouping" is the package's label for all input values pooled.
        let values = match row.text("group") {
            "No grouping" => &all,
            group => groups
                .get(group)
                .unwrap_or_else(|| panic!("{file}: case {id}: group {group} not in inputs")),
        };
        let s = mean_ci(values, row.num("confidence"));
        assert_eq!(s.n as f64, row.num("value_count"), "{file}: case {id}: n");
        let mean = s.mean.expect("mean");
        assert_close(file, id, "sum", mean * s.n as f64, row.num("value_sum"));
        assert_close_opt(file, id, "sd", s.sd, row.opt("stdev"));
        assert_close(file, id, "mean", mean, row.num(&format!("{prefix}value")));
        assert_close_opt(
            file,
            id,
            "lower",
            s.ci_low,
            row.opt(&format!("{prefix}lowercl")),
        );
        assert_close_opt(
            file,
            id,
            "upper",
            s.ci_high,
            row.opt(&format!("{prefix}uppercl")),
        );
    }
}

#[test]
fn means_t_fixture() {
    let cases = Table::load(fixture!("means_t_fixture.csv"));
    let inputs = Table::load(fixture!("means_inputs.csv"));
    check_means(&cases, &inputs, "expected_");
}

#[test]
fn means_t_derived() {
    let cases = Table::load(fixture!("means_t_derived.csv"));
    let inputs = Table::load(fixture!("means_inputs_derived.csv"));
    check_means(&cases, &inputs, "");
}

// ---------------------------------------------------------------------------------------------
// Wilson proportions (PHEindicatormethods::phe_proportion)
// ---------------------------------------------------------------------------------------------

fn check_wilson(table: &Table, prefix: &str) {
    for row in table.rows() {
        let (file, id) = (table.file, row.id());
        // A missing x or n is passed as NaN, which must give no interval (the package's NA).
        let x = row.opt("x").unwrap_or(f64::NAN);
        let n = row.opt("n").unwrap_or(f64::NAN);
        let result = wilson(x, n, row.num("confidence"));
        let Some(expected_value) = row.opt(&format!("{prefix}value")) else {
            assert_eq!(result, None, "{file}: case {id}: expected NA");
            continue;
        };
        let ci = result.unwrap_or_else(|| panic!("{file}: case {id}: no interval"));
        let multiplier = row.num("multiplier");
        assert_close(file, id, "value", ci.value * multiplier, expected_value);
        let lower = row.num(&format!("{prefix}lowercl"));
        let upper = row.num(&format!("{prefix}uppercl"));
        assert_close(file, id, "lower", ci.lower * multiplier, lower);
        assert_close(file, id, "upper", ci.upper * multiplier, upper);
    }
}

#[test]
fn wilson_proportions_fixture() {
    check_wilson(
        &Table::load(fixture!("wilson_proportions_fixture.csv")),
        "expected_",
    );
}

#[test]
fn wilson_proportions_derived() {
    // The `confidence` column is the level as a fraction; `confidence_as_passed` shows that
    // the package also accepted 95 for 0.95, a convention wijkmonitor deliberately does not
    // copy (an out-of-range level gives `None`).
    check_wilson(&Table::load(fixture!("wilson_proportions_derived.csv")), "");
}

/// Newcombe RG (1998), *Interval estimation for the difference between independent
/// proportions: comparison of eleven methods*, Stat. Med. 17:873–890, Table II, method 10
/// (hybrid score), printed to four decimals; (a), (b) and (g) are also the SAS reference values
/// in the tests of R's DescTools `BinomDiffCI(method = "score")`. The paper's difference is
/// the first proportion
/// minus the second; `newcombe_diff` returns the second minus the first, so the paper's
/// first sample is passed second.
#[test]
fn newcombe_1998_table_ii_method_10() {
    let source = "Newcombe 1998 Table II";
    let cases: [(&str, [f64; 4], [f64; 3]); 8] = [
        (
            "(a) 56/70 - 48/80",
            [56.0, 70.0, 48.0, 80.0],
            [0.2, 0.0524, 0.3339],
        ),
        (
            "(b) 9/10 - 3/10",
            [9.0, 10.0, 3.0, 10.0],
            [0.6, 0.1705, 0.8090],
        ),
        (
            "(c) 6/7 - 2/7",
            [6.0, 7.0, 2.0, 7.0],
            [4.0 / 7.0, 0.0582, 0.8062],
        ),
        (
            "(d) 5/56 - 0/29",
            [5.0, 56.0, 0.0, 29.0],
            [5.0 / 56.0, -0.0381, 0.1926],
        ),
        (
            "(e) 0/10 - 0/20",
            [0.0, 10.0, 0.0, 20.0],
            [0.0, -0.1611, 0.2775],
        ),
        (
            "(f) 0/10 - 0/10",
            [0.0, 10.0, 0.0, 10.0],
            [0.0, -0.2775, 0.2775],
        ),
        (
            "(g) 10/10 - 0/20",
            [10.0, 10.0, 0.0, 20.0],
            [1.0, 0.6791, 1.0],
        ),
        (
            "(h) 10/10 - 0/10",
            [10.0, 10.0, 0.0, 10.0],
            [1.0, 0.6075, 1.0],
        ),
    ];
    for (case, [x1, n1, x2, n2], [value, lower, upper]) in cases {
        let ci = newcombe_diff(x2, n2, x1, n1, 0.95)
            .unwrap_or_else(|| panic!("{source}: case {case}: no interval"));
        // The published limits are rounded to 4 decimals, hence the tolerance of half a unit.
        for (what, actual, expected) in [
            ("difference", ci.value, value),
            ("lower", ci.lower, lower),
            ("upper", ci.upper, upper),
        ] {
            assert!(
                (actual - expected).abs() <= 0.5e-4 + 1e-12,
                "{source}: case {case}: {what} = {actual:.6}, published {expected:.4}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Paired before/after (R: t.test, wilcox.test paired = TRUE; effect sizes)
// ---------------------------------------------------------------------------------------------

#[test]
fn paired_cases() {
    let cases = Table::load(fixture!("paired_cases.csv"));
    let inputs = Table::load(fixture!("paired_inputs.csv"));
    let mut data: BTreeMap<String, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for row in inputs.rows() {
        let entry = data.entry(row.id().to_owned()).or_default();
        entry.0.push(row.num("pre"));
        entry.1.push(row.num("post"));
    }
    assert_eq!(data.len(), cases.rows.len(), "{}: case count", inputs.file);

    for row in cases.rows() {
        let (file, id) = (cases.file, row.id());
        let (pre, post) = data
            .get(id)
            .unwrap_or_else(|| panic!("{file}: case {id}: not in {}", inputs.file));
        let options = PairedOptions {
            level: 0.95,
            mic: 0.0,
            polarity: Polarity::HigherIsBetter,
        };
        let s =
            paired(pre, post, &options).unwrap_or_else(|| panic!("{file}: case {id}: no summary"));
        let close = |what: &str, actual: Option<f64>, column: &str| {
            let actual = actual.unwrap_or_else(|| panic!("{file}: case {id}: {what} missing"));
            assert_close(file, id, what, actual, row.num(column));
        };

        assert_eq!(s.n as f64, row.num("n"), "{file}: case {id}: n");
        close("mean_pre", s.mean_before, "mean_pre");
        close("mean_post", s.mean_after, "mean_post");
        close("mean_diff", s.mean_diff, "mean_diff");
        close("sd_pre", s.sd_before, "sd_pre");
        close("sd_post", s.sd_after, "sd_post");
        close("sd_diff", s.sd_diff, "sd_diff");
        close("r_pre_post", s.r_before_after, "r_pre_post");
        close("t", s.t, "t");
        close("df", s.df, "df");
        close("p_t", s.p_ttest, "p_t");
        close("ci95_lo", s.ci_low, "ci95_lo");
        close("ci95_hi", s.ci_high, "ci95_hi");
        close("cohen_dz", s.cohen_dz, "cohen_dz");
        close("d_av", s.d_av, "d_av");

        let w = s
            .wilcoxon
            .unwrap_or_else(|| panic!("{file}: case {id}: no Wilcoxon test"));
        assert_eq!(
            w.n_zero as f64,
            row.num("n_zero_diff"),
            "{file}: case {id}: zero differences"
        );
        assert_eq!(w.has_ties, row.flag("has_ties"), "{file}: case {id}: ties");
        assert_close(file, id, "wilcox_V", w.v, row.num("wilcox_V"));
        assert_close(file, id, "p_wilcox", w.p, row.num("p_wilcox_R_default"));
        let method = match w.method {
            WilcoxonMethod::Exact => "exact",
            WilcoxonMethod::NormalApprox => "normal approx + continuity correction",
        };
        assert_eq!(
            method,
            row.text("wilcox_R_method"),
            "{file}: case {id}: method"
        );

        // The MIC = 0 counts split the sample by the sign of the difference.
        let change = s.change.expect("finite data");
        assert_eq!(
            change.unchanged as f64,
            row.num("n_zero_diff"),
            "{file}: case {id}: unchanged with MIC 0"
        );
        assert_eq!(change.improved + change.unchanged + change.worse, s.n);
    }
}

/// Exact two-sided p-values from scipy 1.17.1, `scipy.stats.wilcoxon(d, method="exact")`, for
/// untied non-zero differences (where scipy and R's `wilcox.test` agree), drawn with
/// `numpy.random.default_rng(20240607)` and rounded to 2 decimals. V is the sum of the ranks
/// of the positive differences, as R reports it.
#[test]
fn wilcoxon_exact_scipy() {
    let source = "scipy.stats.wilcoxon(method='exact')";
    let cases: [(&str, &[f64], f64, f64); 5] = [
        ("n=6", &[0.31, -0.03, -2.47, 3.65, 0.55, 1.71], 15.0, 0.4375),
        (
            "n=10",
            &[
                0.75, -0.32, 1.22, -1.72, 0.69, 0.96, -0.58, -0.6, 0.97, 0.99,
            ],
            39.0,
            0.275390625,
        ),
        (
            "n=20",
            &[
                -1.77, -0.57, -0.92, 0.68, -2.13, 0.8, -0.41, -0.25, 1.01, 0.31, 1.44, -1.12,
                -0.74, 0.67, 0.81, 0.33, 0.19, -0.42, 1.11, 1.27,
            ],
            112.0,
            0.8123550415039062,
        ),
        (
            "n=35",
            &[
                2.02, -0.68, 0.47, 0.66, 2.18, 0.73, 1.63, 2.4, 0.33, 0.74, 1.86, 0.85, 0.6, 2.57,
                1.74, 0.86, 0.61, 1.22, -1.19, 0.09, 0.18, 0.41, -1.42, -0.15, 1.27, 1.23, 0.39,
                -1.75, 0.84, -0.62, 1.1, 1.45, -0.13, 0.97, -2.05,
            ],
            494.0,
            0.0026674653054215014,
        ),
        (
            "n=49",
            &[
                0.74, 1.81, 1.45, 1.32, 2.49, 1.26, 2.61, 1.69, -1.51, 0.66, -1.58, -0.14, 0.46,
                1.42, 1.06, 1.17, 0.04, 1.65, 2.62, 0.96, -0.86, 1.6, -0.89, -0.31, -0.94, 1.23,
                0.11, 0.18, 0.82, 1.33, -0.2, 0.97, -0.12, -0.87, -0.67, -1.41, 1.25, -0.36, 0.45,
                0.33, 1.04, 0.24, 0.19, 1.44, 0.52, 0.17, 1.43, 0.38, -0.51,
            ],
            940.0,
            0.0008429693135809657,
        ),
    ];
    for (case, diffs, v, p) in cases {
        let w = wilcoxon_signed_rank(diffs)
            .unwrap_or_else(|| panic!("{source}: case {case}: no result"));
        assert_eq!(
            w.method,
            WilcoxonMethod::Exact,
            "{source}: case {case}: method"
        );
        assert_close(source, case, "V", w.v, v);
        assert_close(source, case, "p", w.p, p);
    }
}

// ---------------------------------------------------------------------------------------------
// Welch's unpaired t-test
// ---------------------------------------------------------------------------------------------

/// One Welch comparison with its expected `[diff, t, df, p, ci_low, ci_high]`.
struct WelchCase {
    name: &'static str,
    a: Vec<f64>,
    b: Vec<f64>,
    level: f64,
    expected: [f64; 6],
}

/// Values from scipy 1.17.1: `res = scipy.stats.ttest_ind(b, a, equal_var=False)` with
/// `res.statistic`, `res.df`, `res.pvalue` and `res.confidence_interval(level)`, run on
/// reference input files (taken as two independent samples) and on one small synthetic pair.
#[test]
fn welch_scipy() {
    let source = "scipy.stats.ttest_ind(equal_var=False)";
    let means = Table::load(fixture!("means_inputs.csv"));
    let groups = grouped(&means, "group", "value");
    let pairs = Table::load(fixture!("paired_inputs.csv"));
    let column = |case: &str, name: &str| -> Vec<f64> {
        pairs
            .rows()
            .filter(|r| r.id() == case)
            .map(|r| r.num(name))
            .collect()
    };
    let cases = [
        WelchCase {
            name: "means_inputs.csv Area1 vs Area2",
            a: groups["Area1"].clone(),
            b: groups["Area2"].clone(),
            level: 0.95,
            expected: [
                5625.258612777778,
                11.26780638912524,
                17.007503048878558,
                2.607062068608764e-09,
                4572.004855232385,
                6678.51237032317,
            ],
        },
        WelchCase {
            name: "paired_inputs.csv PP05 pre vs post",
            a: column("PP05", "pre"),
            b: column("PP05", "post"),
            level: 0.95,
            expected: [
                -0.7933333333333321,
                -1.0895966187833772,
                25.67917606734301,
                0.28601069859284606,
                -2.2908711750434367,
                0.7042045083767723,
            ],
        },
        WelchCase {
            name: "paired_inputs.csv PP12 pre vs post",
            a: column("PP12", "pre"),
            b: column("PP12", "post"),
            level: 0.998,
            expected: [
                0.15833333333333321,
                0.6904288012241404,
                228.75296597093788,
                0.4906244967125791,
                -0.5585950876091248,
                0.8752617542757912,
            ],
        },
        WelchCase {
            name: "synthetic 5 vs 7 values",
            a: vec![3.1, 4.7, 2.2, 5.9, 4.4],
            b: vec![6.0, 7.5, 5.1, 8.8, 6.2, 9.9, 7.3],
            level: 0.90,
            expected: [
                3.1971428571428566,
                3.5435205803679484,
                9.525818137798751,
                0.0057430392395988765,
                1.5535498681423825,
                4.840735846143329,
            ],
        },
    ];
    for case in &cases {
        let name = case.name;
        let s = welch(&case.a, &case.b, case.level);
        assert_eq!(
            (s.n_a, s.n_b),
            (case.a.len(), case.b.len()),
            "{source}: case {name}: sizes"
        );
        let actual = [s.diff, s.t, s.df, s.p, s.ci_low, s.ci_high];
        let labels = ["diff", "t", "df", "p", "ci_low", "ci_high"];
        for ((what, actual), expected) in labels.iter().zip(actual).zip(case.expected) {
            let actual = actual.unwrap_or_else(|| panic!("{source}: case {name}: {what} missing"));
            assert_close(source, name, what, actual, expected);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// DerSimonian–Laird random-effects pooling (metafor::rma method = "DL")
// ---------------------------------------------------------------------------------------------

#[test]
fn meta_dl_cases() {
    let table = Table::load(fixture!("meta_dl_cases.csv"));
    let parse = |row: &Row<'_>, column: &str| -> Vec<f64> {
        row.text(column)
            .split(';')
            .map(|v| {
                v.trim().parse().unwrap_or_else(|e| {
                    panic!("{}: case {}: {column}: {v:?}: {e}", table.file, row.id())
                })
            })
            .collect()
    };
    for row in table.rows() {
        let (file, id) = (table.file, row.id());
        let (yi, vi) = (parse(&row, "yi"), parse(&row, "vi"));
        let studies: Vec<Study> = yi
            .iter()
            .zip(&vi)
            .enumerate()
            .map(|(i, (&yi, &vi))| Study {
                id: format!("{id}/{i}"),
                yi,
                vi,
            })
            .collect();
        let options = Options {
            method: Method::Dl,
            test: Test::Z,
            level: 0.95,
        };
        let m = pool(&studies, &options).unwrap_or_else(|e| panic!("{file}: case {id}: {e}"));
        let h = m.heterogeneity;
        assert_eq!(m.k as f64, row.num("k"), "{file}: case {id}: k");
        assert_close(file, id, "est_re", m.estimate, row.num("est_re"));
        assert_close(file, id, "se_re", m.se, row.num("se_re"));
        assert_close(file, id, "ci_lb_re", m.ci_low, row.num("ci_lb_re"));
        assert_close(file, id, "ci_ub_re", m.ci_high, row.num("ci_ub_re"));
        assert_close(file, id, "tau2", h.tau2, row.num("tau2_dl"));
        assert_close(file, id, "Q", h.q, row.num("Q"));
        assert_eq!(h.q_df as f64, row.num("Q_df"), "{file}: case {id}: Q_df");
        assert_close_opt(file, id, "p_Q", h.p_q, row.opt("p_Q"));
        assert_close_opt(file, id, "I2", Some(h.i2), row.opt("I2_pct"));
    }
}
