//! Estimators of the between-study variance τ² exactly as `metafor::rma.uni` (3.8-1) computes
//! them with its default `control` settings, so that the same data give the same τ² to about
//! 1e-12 rather than "to the convergence tolerance":
//!
//! * **DL** (DerSimonian & Laird 1986, generalised to meta-regression by Raudenbush 2009):
//!   `τ² = (y'Py − (k − p)) / tr(P)` with fixed-effect weights `1/vᵢ`, truncated at 0.
//! * **REML**: Fisher scoring from the Hedges (HE) estimate truncated at 0,
//!   `Δ = (y'PPy − tr P) / tr(PP)` with `P` at the current τ², halving a step while it would
//!   make τ² negative, stopping when τ² changes by no more than `threshold = 1e-5`, at most
//!   100 iterations; then metafor's check that the restricted likelihood at τ² = 0 is not
//!   higher by more than `tol = ε^¼` (otherwise τ² = 0).
//! * **PM** (Paule & Mandel 1982): 0 when the generalised Q at τ² = 0 is below `k − p`,
//!   otherwise the root of `Q(τ²) = k − p` found by R's `uniroot` (Brent's `zeroin`, tolerance
//!   `ε^¼`, at most 100 iterations) on `[0, max(100, 10 · mad(y)²)]`. The root is reproduced
//!   by the same algorithm, because with that tolerance the last iterate, not the exact
//!   root, is what metafor reports.
//!
//! All of them work on the mean-centred effects, as metafor does (`Ymc`).

use super::linalg::{Matrix, cross_weighted, dot, log_det_spd, trace, trace_of_square, wls};
use super::{Method, NotEstimable};

/// `control$threshold` of `rma.uni`: convergence of Fisher scoring on the change of τ².
const THRESHOLD: f64 = 1e-5;
/// `control$maxiter` of `rma.uni` (Fisher scoring and `uniroot`).
const MAX_ITER: usize = 100;
/// `control$tol` of `rma.uni`, `.Machine$double.eps^0.25`: `uniroot`'s tolerance and the
/// margin of the likelihood check at τ² = 0.
const TOL: f64 = 1.220_703_125e-4;
/// `control$tau2.max` before metafor raises it to `10 · mad(y)²`.
const TAU2_MAX: f64 = 100.0;

/// A τ² estimate with the number of iterations that produced it (none for DL).
#[derive(Debug, Clone, Copy)]
pub(super) struct Tau2 {
    pub value: f64,
    pub iterations: Option<usize>,
}

/// Estimates τ² by `method` for centred effects `y`, sampling variances `v` (all > 0) and
/// design `x` with `k > p` (checked by the caller).
pub(super) fn estimate(
    method: Method,
    y: &[f64],
    v: &[f64],
    x: &Matrix,
) -> Result<Tau2, NotEstimable> {
    match method {
        Method::Dl => dersimonian_laird(y, v, x).map(|value| Tau2 {
            value,
            iterations: None,
        }),
        Method::Reml => reml(y, v, x),
        Method::Pm => paule_mandel(y, v, x),
    }
}

/// Number of coefficients of a design.
fn columns(x: &Matrix) -> usize {
    x.first().map_or(0, Vec::len)
}

/// Generalised Q: the weighted residual sum of squares `y'Py` with weights `1/(vᵢ + τ²)`.
fn generalised_q(tau2: f64, y: &[f64], v: &[f64], x: &Matrix) -> Option<f64> {
    let w: Vec<f64> = v.iter().map(|v| 1.0 / (v + tau2)).collect();
    let fit = wls(y, x, &w)?;
    Some(fit.rss)
}

fn dersimonian_laird(y: &[f64], v: &[f64], x: &Matrix) -> Result<f64, NotEstimable> {
    let df = (y.len() - columns(x)) as f64;
    let w: Vec<f64> = v.iter().map(|v| 1.0 / v).collect();
    let fit = wls(y, x, &w).ok_or(NotEstimable::Singular)?;
    let rss = fit.rss;
    let tau2 = (rss - df) / trace(&fit.p);
    finite(tau2.max(0.0))
}

/// The Hedges (HE) estimator, metafor's starting value for REML:
/// `(y'P₀y − tr(P₀V)) / (k − p)` with the unweighted projection `P₀`.
fn hedges(y: &[f64], v: &[f64], x: &Matrix) -> Result<f64, NotEstimable> {
    let df = (y.len() - columns(x)) as f64;
    let ones = vec![1.0; y.len()];
    let fit = wls(y, x, &ones).ok_or(NotEstimable::Singular)?;
    let rss = fit.rss;
    let tr_pv: f64 = fit
        .p
        .iter()
        .zip(v)
        .enumerate()
        .map(|(i, (row, v))| row[i] * v)
        .sum();
    finite((rss - tr_pv) / df)
}

fn reml(y: &[f64], v: &[f64], x: &Matrix) -> Result<Tau2, NotEstimable> {
    let mut tau2 = hedges(y, v, x)?.max(0.0);
    let mut iterations = 0;
    let mut change = THRESHOLD + 1.0;
    while change > THRESHOLD {
        iterations += 1;
        let old = tau2;
        let w: Vec<f64> = v.iter().map(|v| 1.0 / (v + tau2)).collect();
        let fit = wls(y, x, &w).ok_or(NotEstimable::Singular)?;
        let mut adj = (dot(&fit.py, &fit.py) - trace(&fit.p)) / trace_of_square(&fit.p);
        if adj.is_nan() {
            adj = 0.0;
        }
        // Step halving keeps τ² inside the parameter space. A step of -inf would halve
        // forever, so it is refused like any other non-finite intermediate.
        if !adj.is_finite() {
            return Err(NotEstimable::NotConverged);
        }
        while tau2 + adj < 0.0 {
            adj /= 2.0;
        }
        tau2 += adj;
        change = (old - tau2).abs();
        if iterations > MAX_ITER {
            return Err(NotEstimable::NotConverged);
        }
    }
    // metafor's `ll0check`: Fisher scoring can stop at a local maximum; when the restricted
    // likelihood at τ² = 0 is clearly higher, τ² = 0 is taken instead.
    if tau2 > THRESHOLD
        && let (Some(ll0), Some(ll)) = (
            restricted_log_likelihood(0.0, y, v, x),
            restricted_log_likelihood(tau2, y, v, x),
        )
        && ll0 - ll > TOL
    {
        tau2 = 0.0;
    }
    Ok(Tau2 {
        value: finite(tau2.max(0.0))?,
        iterations: Some(iterations),
    })
}

/// The restricted log-likelihood at `tau2`, as metafor writes it.
fn restricted_log_likelihood(tau2: f64, y: &[f64], v: &[f64], x: &Matrix) -> Option<f64> {
    let k = y.len() as f64;
    let p = columns(x) as f64;
    let w: Vec<f64> = v.iter().map(|v| 1.0 / (v + tau2)).collect();
    let fit = wls(y, x, &w)?;
    let rss = fit.rss;
    let log_det = log_det_spd(&cross_weighted(x, &w))?;
    let sum_log_var: f64 = v.iter().map(|v| (v + tau2).ln()).sum();
    Some(
        -0.5 * (k - p) * (2.0 * std::f64::consts::PI).ln()
            - 0.5 * sum_log_var
            - 0.5 * log_det
            - 0.5 * rss,
    )
}

fn paule_mandel(y: &[f64], v: &[f64], x: &Matrix) -> Result<Tau2, NotEstimable> {
    let target = (y.len() - columns(x)) as f64;
    let f = |tau2: f64| generalised_q(tau2, y, v, x).map(|q| q - target);
    let f_lower = f(0.0).ok_or(NotEstimable::Singular)?;
    if f_lower < 0.0 {
        return Ok(Tau2 {
            value: 0.0,
            iterations: Some(0),
        });
    }
    let upper = TAU2_MAX.max(10.0 * mad(y).powi(2));
    let f_upper = f(upper).ok_or(NotEstimable::Singular)?;
    if f_upper > 0.0 {
        // metafor stops with "Value of 'tau2.max' too low".
        return Err(NotEstimable::NotConverged);
    }
    let root = zeroin(0.0, upper, f_lower, f_upper, TOL, MAX_ITER, |t| {
        f(t).unwrap_or(f64::NAN)
    })
    .ok_or(NotEstimable::NotConverged)?;
    Ok(Tau2 {
        value: finite(root.0.max(0.0))?,
        iterations: Some(root.1),
    })
}

/// R's `mad(x)`: `1.4826 · median(|x − median(x)|)`.
fn mad(y: &[f64]) -> f64 {
    let centre = median(y);
    let deviations: Vec<f64> = y.iter().map(|v| (v - centre).abs()).collect();
    1.4826 * median(&deviations)
}

/// Median with the mean of the two middle values for an even count (R's `median`).
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// Brent's root finder as R's `uniroot` runs it (`R_zeroin2` in R's `zeroin.c`, after
/// Brent 1973 and the netlib `zeroin`), started from the bracket `[ax, bx]` with the
/// function values already known. Returns the root and the number of function
/// evaluations, or `None` when a function value is not finite. Like `uniroot` (without
/// `check.conv`), running out of iterations returns the last iterate.
fn zeroin(
    ax: f64,
    bx: f64,
    fa: f64,
    fb: f64,
    tol: f64,
    max_iter: usize,
    f: impl Fn(f64) -> f64,
) -> Option<(f64, usize)> {
    let (mut a, mut b) = (ax, bx);
    let (mut fa, mut fb) = (fa, fb);
    let (mut c, mut fc) = (a, fa);
    if fa == 0.0 {
        return Some((a, 0));
    }
    if fb == 0.0 {
        return Some((b, 0));
    }
    let mut evaluations = 0;
    for _ in 0..=max_iter {
        let prev_step = b - a;
        if fc.abs() < fb.abs() {
            // Make b the best approximation.
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol_act = 2.0 * f64::EPSILON * b.abs() + tol / 2.0;
        let mut new_step = (c - b) / 2.0;
        if new_step.abs() <= tol_act || fb == 0.0 {
            return Some((b, evaluations));
        }
        // Interpolation is tried if the previous step was large enough and in the right
        // direction.
        if prev_step.abs() >= tol_act && fa.abs() > fb.abs() {
            let cb = c - b;
            let (mut p, mut q);
            if a == c {
                // Two distinct points: linear interpolation.
                let t1 = fb / fa;
                p = cb * t1;
                q = 1.0 - t1;
            } else {
                // Inverse quadratic interpolation.
                let qq = fa / fc;
                let t1 = fb / fc;
                let t2 = fb / fa;
                p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1.0));
                q = (qq - 1.0) * (t1 - 1.0) * (t2 - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if p < 0.75 * cb * q - (tol_act * q).abs() / 2.0 && p < (prev_step * q / 2.0).abs() {
                new_step = p / q;
            }
        }
        if new_step.abs() < tol_act {
            new_step = if new_step > 0.0 { tol_act } else { -tol_act };
        }
        a = b;
        fa = fb;
        b += new_step;
        fb = f(b);
        evaluations += 1;
        if !fb.is_finite() {
            return None;
        }
        if (fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0) {
            c = a;
            fc = fa;
        }
    }
    Some((b, evaluations))
}

/// Passes a finite value on and turns anything else into [`NotEstimable::NotConverged`].
fn finite(value: f64) -> Result<f64, NotEstimable> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(NotEstimable::NotConverged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeroin_finds_a_root_to_its_tolerance() {
        let (root, _) = zeroin(0.0, 2.0, -2.0, 2.0, 1e-12, 100, |x| x * x - 2.0).unwrap();
        assert!((root - std::f64::consts::SQRT_2).abs() < 1e-11);
        assert_eq!(zeroin(0.0, 1.0, 0.0, 1.0, 1e-6, 100, |x| x).unwrap().0, 0.0);
        assert!(zeroin(0.0, 1.0, -1.0, 1.0, 1e-6, 100, |_| f64::NAN).is_none());
    }

    #[test]
    fn median_and_mad_follow_r() {
        // R: median(c(3, 1, 2, 10)) = 2.5; mad(c(3, 1, 2, 10)) = 1.4826 * 1 = 1.4826.
        assert_eq!(median(&[3.0, 1.0, 2.0, 10.0]), 2.5);
        assert!((mad(&[3.0, 1.0, 2.0, 10.0]) - 1.4826).abs() < 1e-15);
    }
}
