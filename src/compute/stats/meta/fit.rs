//! The random- or mixed-effects model fit of `metafor::rma.uni(yi, vi, mods = X, method, test)`
//! for a general design matrix: τ², coefficients with their standard errors and intervals
//! (Knapp–Hartung or z), the residual heterogeneity test (QE) and I²/H², and the test of a
//! categorical moderator (QM) from its cell-means fit. [`super::pool`] and
//! [`super::moderator`] build on it.

use statrs::distribution::{ContinuousCDF, FisherSnedecor};

use super::linalg::{Matrix, trace, wls};
use super::tau2;
use super::{Heterogeneity, ModeratorTest, NotEstimable, Options, Test};
use crate::compute::stats::interval::{
    chisq_sf, normal_two_sided_p, t_critical, t_two_sided_p, z_critical,
};

/// One coefficient of a fitted model.
#[derive(Debug, Clone, Copy)]
pub(super) struct Coefficient {
    pub estimate: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub statistic: Option<f64>,
    pub p_value: Option<f64>,
}

/// A fitted model.
#[derive(Debug, Clone)]
pub(super) struct Fit {
    pub k: usize,
    pub coefficients: Vec<Coefficient>,
    /// Covariance of the coefficients, scaled by the Knapp–Hartung factor under `knha`.
    pub vb: Matrix,
    /// Degrees of freedom `k − p` of the t and F distributions under `knha`; `None` for z.
    pub df: Option<usize>,
    /// The critical value used for the intervals (t or z).
    pub crit: f64,
    /// Knapp–Hartung variance factor `s²_w`; `None` for z.
    pub s2w: Option<f64>,
    pub heterogeneity: Heterogeneity,
    pub iterations: Option<usize>,
}

/// Fits the model. The caller has checked that `y` and `v` are finite, `v > 0`, the design
/// has one row per study and `k > p`.
pub(super) fn fit(
    y: &[f64],
    v: &[f64],
    x: &Matrix,
    options: &Options,
) -> Result<Fit, NotEstimable> {
    let k = y.len();
    let p = x.first().map_or(0, Vec::len);
    if k <= p {
        return Err(NotEstimable::NoResidualDf { k, p });
    }
    // metafor estimates τ² on the mean-centred effects (`Ymc`); the coefficients come
    // from the effects as given.
    let mean = y.iter().sum::<f64>() / k as f64;
    let centred: Vec<f64> = y.iter().map(|y| y - mean).collect();

    let tau2 = tau2::estimate(options.method, &centred, v, x)?;
    let w: Vec<f64> = v.iter().map(|v| 1.0 / (v + tau2.value)).collect();
    let model = wls(y, x, &w).ok_or(NotEstimable::Singular)?;
    let mut vb = model.xtwx_inv;

    let df = k - p;
    let (crit, s2w, df_t) = match options.test {
        Test::Knha => {
            // metafor: `s2w <- RSS/(k − p)`, set to 0 when the weighted residual sum of
            // squares is at or below machine epsilon, and not truncated at 1 (that is
            // test = "adhoc").
            let rss = model.rss;
            let s2w = if rss <= f64::EPSILON {
                0.0
            } else {
                rss / df as f64
            };
            let crit = t_critical(options.level, df as f64).ok_or(NotEstimable::InvalidLevel)?;
            (crit, Some(s2w), Some(df))
        }
        Test::Z => (
            z_critical(options.level).ok_or(NotEstimable::InvalidLevel)?,
            None,
            None,
        ),
    };
    if let Some(s2w) = s2w {
        for row in &mut vb {
            for value in row.iter_mut() {
                *value *= s2w;
            }
        }
    }

    let coefficients = model
        .beta
        .iter()
        .enumerate()
        .map(|(j, &estimate)| {
            let se = vb[j][j].max(0.0).sqrt();
            // As in metafor, a standard error of 0 (a Knapp–Hartung factor of 0) gives an
            // infinite statistic with p = 0; 0/0 gives no statistic at all.
            let statistic = Some(estimate / se).filter(|s| !s.is_nan());
            let p_value = statistic.and_then(|s| match (s.is_finite(), df_t) {
                (false, _) => Some(0.0),
                (true, Some(df)) => t_two_sided_p(s, df as f64),
                (true, None) => normal_two_sided_p(s),
            });
            Coefficient {
                estimate,
                se,
                ci_low: estimate - crit * se,
                ci_high: estimate + crit * se,
                statistic,
                p_value,
            }
        })
        .collect();

    let heterogeneity = residual_heterogeneity(&centred, v, x, tau2.value)?;
    Ok(Fit {
        k,
        coefficients,
        vb,
        df: df_t,
        crit,
        s2w,
        heterogeneity,
        iterations: tau2.iterations,
    })
}

/// QE with fixed-effect weights `1/vᵢ` and its p-value against χ²(k − p), and I², H² from τ²
/// and metafor's "typical" sampling variance `(k − p) / tr(P)` (its `i2def = "1"`, used
/// for every random-effects method, DL included).
fn residual_heterogeneity(
    centred: &[f64],
    v: &[f64],
    x: &Matrix,
    tau2: f64,
) -> Result<Heterogeneity, NotEstimable> {
    let k = centred.len();
    let p = x.first().map_or(0, Vec::len);
    let df = k - p;
    let w: Vec<f64> = v.iter().map(|v| 1.0 / v).collect();
    let fixed = wls(centred, x, &w).ok_or(NotEstimable::Singular)?;
    let q = fixed.rss.max(0.0);
    let typical = df as f64 / trace(&fixed.p);
    Ok(Heterogeneity {
        tau2,
        tau: tau2.sqrt(),
        i2: 100.0 * tau2 / (typical + tau2),
        h2: tau2 / typical + 1.0,
        q,
        q_df: df,
        p_q: chisq_sf(q, df as f64),
        typical_variance: typical,
    })
}

/// The test that all coefficients of a cell-means model (one per level, uncorrelated) are
/// equal: metafor's QM for the same moderator coded with an intercept, `b' V⁻¹ b` over the
/// m − 1 treatment contrasts, against χ²(m − 1), or divided by m − 1 against F(m − 1, k − p)
/// under Knapp–Hartung. For uncorrelated level estimates that quadratic form equals the
/// weighted sum of squares of the level estimates around their inverse-variance weighted
/// mean, `Σ (bⱼ − b̄)² / vⱼ`, which is computed here because it stays accurate when the
/// levels' variances differ by many orders of magnitude (the treatment-coded `X'WX` is then
/// nearly singular). The statistic and p-value are `None` when a level's variance is 0
/// (`s²_w = 0`), where metafor reports `NA` with the degrees of freedom.
pub(super) fn level_differences(fit: &Fit) -> ModeratorTest {
    let m = fit.coefficients.len();
    let df1 = m.saturating_sub(1);
    let variances: Vec<f64> = (0..m).map(|j| fit.vb[j][j]).collect();
    let quad = (df1 > 0 && variances.iter().all(|v| v.is_finite() && *v > 0.0))
        .then(|| {
            let weights: Vec<f64> = variances.iter().map(|v| 1.0 / v).collect();
            let total: f64 = weights.iter().sum();
            let mean = fit
                .coefficients
                .iter()
                .zip(&weights)
                .map(|(c, w)| c.estimate * w)
                .sum::<f64>()
                / total;
            fit.coefficients
                .iter()
                .zip(&weights)
                .map(|(c, w)| w * (c.estimate - mean).powi(2))
                .sum::<f64>()
        })
        .filter(|q| q.is_finite());
    let (qm, p) = match fit.df {
        Some(df2) => {
            let f = quad.map(|q| q / df1 as f64);
            let p = f.and_then(|f| {
                let dist = FisherSnedecor::new(df1 as f64, df2 as f64).ok()?;
                Some(dist.sf(f.max(0.0)))
            });
            (f, p)
        }
        None => (quad, quad.and_then(|q| chisq_sf(q, df1 as f64))),
    };
    ModeratorTest {
        qm,
        df1,
        df2: fit.df,
        p,
    }
}
