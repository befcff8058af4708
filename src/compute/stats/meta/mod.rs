//! Pooling of effects across sites (the before/after change of several care networks) with a
//! random-effects meta-analysis, and mixed-effects models with one categorical moderator (a
//! success factor from the register), reproducing R's `metafor::rma` (version 3.8-1):
//!
//! * [`pool`] is `rma(yi, vi, method = m, test = t)` followed by `predict()` for the
//!   prediction interval;
//! * [`moderator`] is `rma(yi, vi, mods = ~ factor(level) - 1, …)` for the estimate per level
//!   and `rma(yi, vi, mods = ~ factor(level), …)` for the test of the moderator (QM);
//! * [`effect_size`] and [`select_studies`] are `escalc` measures `"MC"` and `"SMCC"` and the
//!   rule for which networks enter the pooling.
//!
//! metafor's conventions, followed throughout:
//! * τ² by REML (default), DerSimonian–Laird or Paule–Mandel, computed the way metafor does
//!   it with its default control settings, iteration and stopping rule included (see the
//!   `tau2` submodule), so results agree to about 1e-10 and not merely to the tolerance;
//! * Knapp–Hartung (`test = "knha"`, the default here): the covariance of the coefficients
//!   multiplied by `s²_w = Σ wᵢ (yᵢ − xᵢ'β)² / (k − p)` with random-effects weights, not
//!   truncated at 1 (0 when the residual sum of squares is at most machine epsilon);
//!   intervals and tests on t(k − p), the moderator test as F(m, k − p) with `QM/m`;
//! * the prediction interval as `predict.rma`: `estimate ± crit · √(se² + τ²)`, with the
//!   interval's own critical value (t(k − p) under Knapp–Hartung with the adjusted se, z
//!   otherwise);
//! * Cochran's Q (QE for a model with a moderator) always with fixed-effect weights `1/vᵢ`,
//!   p-value from χ²(k − p); I² = `100 τ²/(τ² + s²)` and H² = `τ²/s² + 1` with the typical
//!   sampling variance `s² = (k − p)/tr(P)` for every method (metafor's `i2def = "1"`); for
//!   the intercept-only model `s² = (k − 1) Σw / ((Σw)² − Σw²)`, and under DL this I²
//!   equals `(Q − df)/Q` truncated at 0.
//!
//! With a single study nothing is pooled; with fewer than [`MIN_K_HETEROGENEITY`] studies
//! the result says that heterogeneity cannot be estimated reliably. Every function is pure and
//! returns a typed reason ([`NotEstimable`]) instead of panicking.

mod effect_size;
mod fit;
mod linalg;
mod tau2;

use std::collections::BTreeMap;
use std::fmt;

pub use effect_size::{
    LeftOut, LeftOutReason, Measure, Selection, SiteChange, effect_size, select_studies,
};

/// Fewer studies than this and τ², I² and the heterogeneity test are too imprecise to
/// interpret (the Cochrane Handbook, §10.10.4, and simulation studies such as Langan et al.
/// 2019 find τ² poorly estimated with fewer than about five studies).
pub const MIN_K_HETEROGENEITY: usize = 5;

/// Fewer studies than this and a moderator analysis gives no conclusion (the Cochrane
/// Handbook, §10.11.5.1: meta-regression "should generally not be considered when there are
/// fewer than ten studies").
pub const MIN_K_MODERATOR: usize = 10;

/// Ratio of the largest to the smallest sampling variance from which metafor warns that it
/// "may not be able to obtain stable results" (`1/evtol`); such results differ between
/// equivalent computations (metafor's own included) from about the sixth digit.
pub const MAX_VARIANCE_RATIO: f64 = 1e7;

/// One study (network) entering the pooling: an effect size and its sampling variance.
#[derive(Debug, Clone, PartialEq)]
pub struct Study {
    /// Identifier, for messages.
    pub id: String,
    /// Effect size.
    pub yi: f64,
    /// Sampling variance of the effect size, > 0.
    pub vi: f64,
}

/// Estimator of the between-study variance τ².
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// Restricted maximum likelihood (metafor's default).
    #[default]
    Reml,
    /// DerSimonian–Laird (method of moments).
    Dl,
    /// Paule–Mandel (generalised Q equal to its expectation).
    Pm,
}

impl Method {
    /// All methods, in table order.
    pub const ALL: [Method; 3] = [Method::Reml, Method::Dl, Method::Pm];

    /// The code used in output tables and by metafor: `REML`, `DL`, `PM`.
    pub fn code(self) -> &'static str {
        match self {
            Method::Reml => "REML",
            Method::Dl => "DL",
            Method::Pm => "PM",
        }
    }

    /// The method with the given code (case-sensitive, as in the tables).
    pub fn from_code(code: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// How the confidence interval and the tests of the coefficients are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Test {
    /// Knapp–Hartung(–Sidik–Jonkman): adjusted se, t(k − p) and F distributions.
    #[default]
    Knha,
    /// Wald-type: unadjusted se, normal and χ² distributions.
    Z,
}

impl Test {
    /// Both tests, in table order.
    pub const ALL: [Test; 2] = [Test::Knha, Test::Z];

    /// The code used in output tables and by metafor: `knha`, `z`.
    pub fn code(self) -> &'static str {
        match self {
            Test::Knha => "knha",
            Test::Z => "z",
        }
    }

    /// The test with the given code.
    pub fn from_code(code: &str) -> Option<Test> {
        Test::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Choices of a meta-analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// τ² estimator.
    pub method: Method,
    /// Interval and test type.
    pub test: Test,
    /// Confidence level of the confidence and prediction intervals, strictly between 0 and 1.
    pub level: f64,
}

impl Default for Options {
    /// metafor's defaults except the test: REML, Knapp–Hartung, 95%.
    fn default() -> Self {
        Options {
            method: Method::Reml,
            test: Test::Knha,
            level: 0.95,
        }
    }
}

/// Between-study (or, with a moderator, residual) heterogeneity as metafor reports it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Heterogeneity {
    /// τ², truncated at 0.
    pub tau2: f64,
    /// τ = √τ².
    pub tau: f64,
    /// I² in percent, `100 τ²/(τ² + s²)` with the typical sampling variance s².
    pub i2: f64,
    /// H² = `τ²/s² + 1`.
    pub h2: f64,
    /// Cochran's Q (QE with a moderator), with fixed-effect weights.
    pub q: f64,
    /// Degrees of freedom of Q, `k − p`.
    pub q_df: usize,
    /// p-value of Q against χ²(k − p).
    pub p_q: Option<f64>,
    /// The typical sampling variance `s² = (k − p)/tr(P)` behind I² and H².
    pub typical_variance: f64,
}

/// A pooled random-effects estimate (`rma` + `predict`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pooled {
    /// Number of studies pooled.
    pub k: usize,
    /// τ² estimator used.
    pub method: Method,
    /// Test type used.
    pub test: Test,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Pooled estimate.
    pub estimate: f64,
    /// Its standard error (Knapp–Hartung adjusted under [`Test::Knha`]).
    pub se: f64,
    /// Lower confidence limit.
    pub ci_low: f64,
    /// Upper confidence limit.
    pub ci_high: f64,
    /// Lower limit of the prediction interval for a new network's true effect.
    pub pi_low: f64,
    /// Upper limit of the prediction interval.
    pub pi_high: f64,
    /// The t (Knapp–Hartung) or z statistic of the estimate; infinite when se = 0 (a
    /// Knapp–Hartung factor of 0) and `None` when also the estimate is 0, as in metafor.
    pub statistic: Option<f64>,
    /// Its two-sided p-value (0 for an infinite statistic).
    pub p_value: Option<f64>,
    /// Degrees of freedom of t, `k − 1`; `None` for z.
    pub df: Option<usize>,
    /// Knapp–Hartung variance factor `s²_w`; `None` for z.
    pub s2w: Option<f64>,
    /// τ², τ, I², H², Q.
    pub heterogeneity: Heterogeneity,
    /// Iterations of the τ² estimator (REML Fisher scoring, PM root finding); `None` for DL.
    pub iterations: Option<usize>,
    /// Largest over smallest sampling variance; see [`MAX_VARIANCE_RATIO`].
    pub variance_ratio: f64,
}

impl Pooled {
    /// Whether the sampling variances are so unequal ([`MAX_VARIANCE_RATIO`]) that metafor
    /// would warn about unstable results.
    pub fn variances_extreme(&self) -> bool {
        self.variance_ratio >= MAX_VARIANCE_RATIO
    }

    /// Whether there are enough studies ([`MIN_K_HETEROGENEITY`]) to interpret τ², I² and
    /// the heterogeneity test; reports say otherwise that heterogeneity cannot be estimated
    /// reliably.
    pub fn heterogeneity_reliable(&self) -> bool {
        self.k >= MIN_K_HETEROGENEITY
    }
}

/// The estimate for one level of a categorical moderator.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelEstimate {
    /// The level, as given.
    pub level: String,
    /// Number of studies at this level.
    pub k: usize,
    /// The level's coefficient in the model without intercept.
    pub estimate: f64,
    /// Its standard error.
    pub se: f64,
    /// Lower confidence limit.
    pub ci_low: f64,
    /// Upper confidence limit.
    pub ci_high: f64,
    /// t or z statistic, as [`Pooled::statistic`].
    pub statistic: Option<f64>,
    /// Its two-sided p-value.
    pub p_value: Option<f64>,
}

/// The omnibus test of a moderator: metafor's QM, QMdf and QMp.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModeratorTest {
    /// The statistic: χ² (z test) or F = χ²/m (Knapp–Hartung); `None` when the covariance
    /// of the level differences is degenerate (a Knapp–Hartung factor of 0: the studies
    /// agree exactly within each level), where metafor reports `NA`.
    pub qm: Option<f64>,
    /// Numerator degrees of freedom, levels − 1.
    pub df1: usize,
    /// Denominator degrees of freedom `k − p` of the F-test; `None` for χ².
    pub df2: Option<usize>,
    /// p-value; `None` with the statistic.
    pub p: Option<f64>,
}

/// A note on why a moderator analysis allows no conclusion.
#[derive(Debug, Clone, PartialEq)]
pub enum PowerNote {
    /// Fewer studies than [`MIN_K_MODERATOR`].
    FewStudies {
        /// Number of studies.
        k: usize,
    },
    /// A level has a single study, whose own sampling error is its level's estimate.
    SingleStudyLevel {
        /// The level.
        level: String,
    },
    /// The test of the moderator could not be computed (no residual variation).
    NoTest,
}

/// A mixed-effects model with one categorical moderator.
#[derive(Debug, Clone, PartialEq)]
pub struct ModeratorResult {
    /// Number of studies.
    pub k: usize,
    /// τ² estimator used.
    pub method: Method,
    /// Test type used.
    pub test: Test,
    /// Confidence level of the intervals.
    pub level: f64,
    /// Estimates per level, levels sorted by their text.
    pub levels: Vec<LevelEstimate>,
    /// The test that all levels have the same mean effect.
    pub test_of_moderator: ModeratorTest,
    /// Residual heterogeneity: τ², I², H² and QE of the model with the moderator.
    pub residual: Heterogeneity,
    /// Degrees of freedom of t and F, `k − p`; `None` for z.
    pub df: Option<usize>,
    /// Largest over smallest sampling variance; see [`MAX_VARIANCE_RATIO`].
    pub variance_ratio: f64,
}

impl ModeratorResult {
    /// Whether the sampling variances are so unequal ([`MAX_VARIANCE_RATIO`]) that metafor
    /// would warn about unstable results.
    pub fn variances_extreme(&self) -> bool {
        self.variance_ratio >= MAX_VARIANCE_RATIO
    }

    /// Reasons why no conclusion is possible; empty when there are none.
    pub fn power_notes(&self) -> Vec<PowerNote> {
        let mut notes = Vec::new();
        if self.k < MIN_K_MODERATOR {
            notes.push(PowerNote::FewStudies { k: self.k });
        }
        for level in self.levels.iter().filter(|l| l.k < 2) {
            notes.push(PowerNote::SingleStudyLevel {
                level: level.level.clone(),
            });
        }
        if self.test_of_moderator.qm.is_none() {
            notes.push(PowerNote::NoTest);
        }
        notes
    }

    /// Whether the analysis supports a conclusion about the moderator at all (no
    /// [`PowerNote`]s).
    pub fn conclusion_possible(&self) -> bool {
        self.power_notes().is_empty()
    }
}

/// What a study has wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudyProblem {
    /// The effect size is NaN or infinite.
    EffectNotFinite,
    /// The sampling variance is not a positive finite number.
    VarianceNotPositive,
}

/// Why a model cannot be fitted.
#[derive(Debug, Clone, PartialEq)]
pub enum NotEstimable {
    /// No studies.
    NoStudies,
    /// One study: nothing to pool.
    SingleStudy,
    /// A study with an unusable effect size or variance.
    InvalidStudy {
        /// The study's identifier.
        id: String,
        /// What is wrong.
        problem: StudyProblem,
    },
    /// The confidence level is not strictly between 0 and 1.
    InvalidLevel,
    /// No degrees of freedom left: k studies for p coefficients.
    NoResidualDf {
        /// Number of studies.
        k: usize,
        /// Number of coefficients.
        p: usize,
    },
    /// All studies have the same level of the moderator, so there is nothing to compare.
    SingleLevel {
        /// The one level present.
        level: String,
    },
    /// The weighted design is numerically singular (e.g. variances spanning more than
    /// double precision).
    Singular,
    /// The τ² estimator did not converge (metafor stops with an error in these cases).
    NotConverged,
}

impl NotEstimable {
    /// A stable code for tables.
    pub fn code(&self) -> &'static str {
        match self {
            NotEstimable::NoStudies => "no_studies",
            NotEstimable::SingleStudy => "single_study",
            NotEstimable::InvalidStudy { .. } => "invalid_study",
            NotEstimable::InvalidLevel => "invalid_level",
            NotEstimable::NoResidualDf { .. } => "no_residual_df",
            NotEstimable::SingleLevel { .. } => "single_level",
            NotEstimable::Singular => "singular",
            NotEstimable::NotConverged => "not_converged",
        }
    }
}

impl fmt::Display for NotEstimable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotEstimable::NoStudies => f.write_str("no studies to pool"),
            NotEstimable::SingleStudy => f.write_str("a single study: nothing to pool"),
            NotEstimable::InvalidStudy { id, problem } => match problem {
                StudyProblem::EffectNotFinite => write!(f, "study {id}: effect size not a number"),
                StudyProblem::VarianceNotPositive => {
                    write!(f, "study {id}: sampling variance not a positive number")
                }
            },
            NotEstimable::InvalidLevel => f.write_str("confidence level not between 0 and 1"),
            NotEstimable::NoResidualDf { k, p } => {
                write!(
                    f,
                    "{k} studies for {p} coefficients: no degrees of freedom left"
                )
            }
            NotEstimable::SingleLevel { level } => {
                write!(
                    f,
                    "every study has the same level ({level}): nothing to compare"
                )
            }
            NotEstimable::Singular => f.write_str("the weighted design is singular"),
            NotEstimable::NotConverged => f.write_str("the estimate of tau² did not converge"),
        }
    }
}

impl std::error::Error for NotEstimable {}

/// Checks the studies and returns their effects and variances.
fn effects(studies: &[Study]) -> Result<(Vec<f64>, Vec<f64>), NotEstimable> {
    for study in studies {
        if !study.yi.is_finite() {
            return Err(NotEstimable::InvalidStudy {
                id: study.id.clone(),
                problem: StudyProblem::EffectNotFinite,
            });
        }
        if !(study.vi.is_finite() && study.vi > 0.0) {
            return Err(NotEstimable::InvalidStudy {
                id: study.id.clone(),
                problem: StudyProblem::VarianceNotPositive,
            });
        }
    }
    Ok((
        studies.iter().map(|s| s.yi).collect(),
        studies.iter().map(|s| s.vi).collect(),
    ))
}

/// Largest over smallest of positive variances.
fn variance_ratio(v: &[f64]) -> f64 {
    let max = v.iter().copied().fold(f64::MIN, f64::max);
    let min = v.iter().copied().fold(f64::MAX, f64::min);
    max / min
}

/// Random-effects pooling of `studies`, as `metafor::rma(yi, vi, method, test, level)` and
/// `predict()` of that model (see the module documentation for the conventions).
///
/// Fails with [`NotEstimable::NoStudies`] or [`NotEstimable::SingleStudy`] for k < 2, with
/// [`NotEstimable::InvalidStudy`] for a non-finite effect or a variance that is not positive,
/// and [`NotEstimable::InvalidLevel`] for a level outside (0, 1).
pub fn pool(studies: &[Study], options: &Options) -> Result<Pooled, NotEstimable> {
    match studies.len() {
        0 => return Err(NotEstimable::NoStudies),
        1 => return Err(NotEstimable::SingleStudy),
        _ => {}
    }
    let (y, v) = effects(studies)?;
    let x = vec![vec![1.0]; y.len()];
    let model = fit::fit(&y, &v, &x, options)?;
    let c = model.coefficients[0];
    let half_width = model.crit * (c.se * c.se + model.heterogeneity.tau2).sqrt();
    Ok(Pooled {
        k: model.k,
        method: options.method,
        test: options.test,
        level: options.level,
        estimate: c.estimate,
        se: c.se,
        ci_low: c.ci_low,
        ci_high: c.ci_high,
        pi_low: c.estimate - half_width,
        pi_high: c.estimate + half_width,
        statistic: c.statistic,
        p_value: c.p_value,
        df: model.df,
        s2w: model.s2w,
        heterogeneity: model.heterogeneity,
        iterations: model.iterations,
        variance_ratio: variance_ratio(&v),
    })
}

/// A mixed-effects model with one categorical moderator: each study paired with its level
/// (e.g. a network's approach). The estimate per level is that of
/// `rma(yi, vi, mods = ~ factor(level) - 1)`, the test of the moderator (QM, with F(m − 1,
/// k − m) under Knapp–Hartung) that of `rma(yi, vi, mods = ~ factor(level))`. Both models
/// have the same τ², QE, I² and H², since their designs span the same space; everything is
/// computed from the first, whose weighted cross-product matrix is diagonal and so stays
/// exact for very unequal variances (QM through the equivalent between-levels sum of
/// squares, see `fit::level_differences`).
///
/// Fails with [`NotEstimable::SingleLevel`] when only one level is present,
/// [`NotEstimable::NoResidualDf`] when there are no more studies than levels, and as
/// [`pool`] for invalid studies or level.
pub fn moderator<L: AsRef<str>>(
    studies: &[(Study, L)],
    options: &Options,
) -> Result<ModeratorResult, NotEstimable> {
    if studies.is_empty() {
        return Err(NotEstimable::NoStudies);
    }
    let plain: Vec<Study> = studies.iter().map(|(s, _)| s.clone()).collect();
    let (y, v) = effects(&plain)?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, level) in studies {
        *counts.entry(level.as_ref()).or_default() += 1;
    }
    let levels: Vec<&str> = counts.keys().copied().collect();
    if levels.len() == 1 {
        return Err(NotEstimable::SingleLevel {
            level: levels[0].to_string(),
        });
    }
    let k = studies.len();
    let m = levels.len();
    if k <= m {
        return Err(NotEstimable::NoResidualDf { k, p: m });
    }
    let index = |level: &str| levels.iter().position(|l| *l == level).unwrap_or(0);
    // Cell-means coding: one indicator per level.
    let cells: Vec<Vec<f64>> = studies
        .iter()
        .map(|(_, level)| {
            let at = index(level.as_ref());
            (0..m).map(|j| if j == at { 1.0 } else { 0.0 }).collect()
        })
        .collect();
    let by_level = fit::fit(&y, &v, &cells, options)?;
    let test_of_moderator = fit::level_differences(&by_level);
    let levels = levels
        .iter()
        .zip(&by_level.coefficients)
        .map(|(level, c)| LevelEstimate {
            level: (*level).to_string(),
            k: counts[level],
            estimate: c.estimate,
            se: c.se,
            ci_low: c.ci_low,
            ci_high: c.ci_high,
            statistic: c.statistic,
            p_value: c.p_value,
        })
        .collect();
    Ok(ModeratorResult {
        k,
        method: options.method,
        test: options.test,
        level: options.level,
        levels,
        test_of_moderator,
        residual: by_level.heterogeneity,
        df: by_level.df,
        variance_ratio: variance_ratio(&v),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn studies(pairs: &[(f64, f64)]) -> Vec<Study> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, &(yi, vi))| Study {
                id: format!("s{i}"),
                yi,
                vi,
            })
            .collect()
    }

    #[test]
    fn degenerate_inputs_give_reasons_not_panics() {
        let options = Options::default();
        assert_eq!(pool(&[], &options), Err(NotEstimable::NoStudies));
        assert_eq!(
            pool(&studies(&[(0.3, 0.04)]), &options),
            Err(NotEstimable::SingleStudy)
        );
        assert!(matches!(
            pool(&studies(&[(0.3, 0.04), (0.1, 0.0)]), &options),
            Err(NotEstimable::InvalidStudy {
                problem: StudyProblem::VarianceNotPositive,
                ..
            })
        ));
        assert!(matches!(
            pool(&studies(&[(f64::NAN, 0.04), (0.1, 0.1)]), &options),
            Err(NotEstimable::InvalidStudy {
                problem: StudyProblem::EffectNotFinite,
                ..
            })
        ));
        let bad_level = Options {
            level: 1.0,
            ..options
        };
        assert_eq!(
            pool(&studies(&[(0.3, 0.04), (0.1, 0.1)]), &bad_level),
            Err(NotEstimable::InvalidLevel)
        );
        for method in Method::ALL {
            for test in Test::ALL {
                let options = Options {
                    method,
                    test,
                    level: 0.95,
                };
                // Identical effects: τ² = 0, Q = 0, and under Knapp–Hartung s²_w = 0.
                let same = pool(&studies(&[(0.5, 0.25), (0.5, 1.0)]), &options).unwrap();
                assert_eq!(same.heterogeneity.tau2, 0.0);
                assert_eq!(same.heterogeneity.q, 0.0);
                // Variances that overflow the weights.
                let tiny = pool(
                    &studies(&[(0.5, 1e-320), (0.4, 1e-320), (0.1, 1.0)]),
                    &options,
                );
                assert!(tiny.is_err() || tiny.unwrap().estimate.is_finite());
            }
        }
    }

    #[test]
    fn moderator_edge_cases_give_reasons() {
        let options = Options::default();
        let with = |pairs: &[(f64, f64, &'static str)]| -> Vec<(Study, &'static str)> {
            pairs
                .iter()
                .enumerate()
                .map(|(i, &(yi, vi, l))| {
                    (
                        Study {
                            id: format!("s{i}"),
                            yi,
                            vi,
                        },
                        l,
                    )
                })
                .collect()
        };
        assert_eq!(
            moderator::<&str>(&[], &options),
            Err(NotEstimable::NoStudies)
        );
        assert_eq!(
            moderator(&with(&[(0.1, 0.1, "a"), (0.2, 0.1, "a")]), &options),
            Err(NotEstimable::SingleLevel { level: "a".into() })
        );
        assert_eq!(
            moderator(&with(&[(0.1, 0.1, "a"), (0.2, 0.1, "b")]), &options),
            Err(NotEstimable::NoResidualDf { k: 2, p: 2 })
        );
        let single = moderator(
            &with(&[(0.1, 0.1, "a"), (0.2, 0.1, "b"), (0.4, 0.2, "b")]),
            &options,
        )
        .unwrap();
        assert_eq!(single.levels[0].k, 1);
        assert!(!single.conclusion_possible());
        assert!(
            single
                .power_notes()
                .contains(&PowerNote::SingleStudyLevel { level: "a".into() })
        );
    }

    #[test]
    fn codes_round_trip() {
        for method in Method::ALL {
            assert_eq!(Method::from_code(method.code()), Some(method));
        }
        for test in Test::ALL {
            assert_eq!(Test::from_code(test.code()), Some(test));
        }
        for measure in Measure::ALL {
            assert_eq!(Measure::from_code(measure.code()), Some(measure));
        }
    }
}
