//! The few dense matrix operations that weighted least squares with a handful of
//! coefficients needs: the inverse of `X'WX` through its Cholesky factor and the
//! projection `P = W − W X (X'WX)⁻¹ X' W` that metafor's estimators are written in.
//!
//! Sizes are tiny (k studies ≤ a few hundred, p coefficients ≤ a dozen), so plain
//! `Vec<Vec<f64>>` and textbook loops are clearer than a linear-algebra dependency.

#![allow(
    clippy::needless_range_loop,
    reason = "matrix formulas read best with the indices of the textbook"
)]

/// A matrix stored as rows; the design matrix has one row per study.
pub(super) type Matrix = Vec<Vec<f64>>;

/// Smallest pivot, relative to its own diagonal element, that a Cholesky factorisation
/// accepts; below it the matrix is treated as singular (a column that is, to rounding, a
/// combination of the earlier ones). Relative to its own element rather than the largest,
/// so that the diagonal `X'WX` of a cell-means design is never refused however unequal the
/// weights of its levels.
const RELATIVE_PIVOT: f64 = 1e-12;

/// Inverse of a symmetric positive definite matrix through its Cholesky factor (as R's
/// `chol2inv(chol(a))`), or `None` when the matrix is not positive definite.
pub(super) fn spd_inverse(a: &Matrix) -> Option<Matrix> {
    let n = a.len();
    if n == 0 || a.iter().any(|row| row.len() != n) {
        return None;
    }
    // Lower-triangular factor L with a = L L'.
    let mut l = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let dot: f64 = (0..j).map(|m| l[i][m] * l[j][m]).sum();
            if i == j {
                let pivot = a[i][i] - dot;
                if !pivot.is_finite() || pivot <= RELATIVE_PIVOT * a[i][i].abs() || pivot <= 0.0 {
                    return None;
                }
                l[i][i] = pivot.sqrt();
            } else {
                l[i][j] = (a[i][j] - dot) / l[j][j];
            }
        }
    }
    // Inverse of L by forward substitution, then a⁻¹ = L⁻ᵀ L⁻¹.
    let mut l_inv = vec![vec![0.0; n]; n];
    for col in 0..n {
        for i in col..n {
            let rhs = if i == col { 1.0 } else { 0.0 };
            let dot: f64 = (col..i).map(|m| l[i][m] * l_inv[m][col]).sum();
            l_inv[i][col] = (rhs - dot) / l[i][i];
        }
    }
    let mut inv = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in 0..=i {
            let value: f64 = (i.max(j)..n).map(|m| l_inv[m][i] * l_inv[m][j]).sum();
            inv[i][j] = value;
            inv[j][i] = value;
        }
    }
    inv.iter()
        .all(|row| row.iter().all(|v| v.is_finite()))
        .then_some(inv)
}

/// `X' W X` for a diagonal weight matrix given by its diagonal `w`.
pub(super) fn cross_weighted(x: &Matrix, w: &[f64]) -> Matrix {
    let p = x.first().map_or(0, Vec::len);
    let mut out = vec![vec![0.0; p]; p];
    for (row, &wi) in x.iter().zip(w) {
        for a in 0..p {
            for b in 0..=a {
                out[a][b] += wi * row[a] * row[b];
            }
        }
    }
    for a in 0..p {
        for b in 0..a {
            out[b][a] = out[a][b];
        }
    }
    out
}

/// The weighted least-squares fit of `y` on `X` with weights `w`: coefficients `β`, their
/// unscaled covariance `(X'WX)⁻¹` and the projection `P = W − W X (X'WX)⁻¹ X' W`.
pub(super) struct Wls {
    /// Coefficients `(X'WX)⁻¹ X'W y`.
    pub beta: Vec<f64>,
    /// `(X'WX)⁻¹`.
    pub xtwx_inv: Matrix,
    /// The k × k matrix `P`, for its traces.
    pub p: Matrix,
    /// `P y = W (y − Xβ)`, from the residuals.
    pub py: Vec<f64>,
    /// `y'Py = Σ wᵢ (yᵢ − xᵢ'β)²`, the weighted residual sum of squares.
    pub rss: f64,
}

/// Fits `y` on `X` with weights `w`, or `None` when `X'WX` is singular.
///
/// `P y` and `y'Py` are computed from the residuals rather than by multiplying with `P`:
/// the same quantities, but without the cancellation between the large elements of `P`
/// that very unequal weights bring.
pub(super) fn wls(y: &[f64], x: &Matrix, w: &[f64]) -> Option<Wls> {
    let k = x.len();
    let xtwx_inv = spd_inverse(&cross_weighted(x, w))?;
    let cols = xtwx_inv.len();
    // H = (X'WX)⁻¹ X' W, one column per study.
    let h: Matrix = (0..cols)
        .map(|a| {
            (0..k)
                .map(|i| (0..cols).map(|b| xtwx_inv[a][b] * x[i][b]).sum::<f64>() * w[i])
                .collect()
        })
        .collect();
    let beta: Vec<f64> = h
        .iter()
        .map(|row| row.iter().zip(y).map(|(h, y)| h * y).sum())
        .collect();
    // P = W − W X H, symmetric.
    let mut p = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let wxh: f64 = (0..cols).map(|a| x[i][a] * h[a][j]).sum::<f64>() * w[i];
            let value = if i == j { w[i] - wxh } else { -wxh };
            p[i][j] = value;
            p[j][i] = value;
        }
    }
    let residuals: Vec<f64> = x
        .iter()
        .zip(y)
        .map(|(row, y)| y - dot(row, &beta))
        .collect();
    let py: Vec<f64> = residuals.iter().zip(w).map(|(r, w)| w * r).collect();
    let rss = residuals.iter().zip(&py).map(|(r, wr)| r * wr).sum();
    Some(Wls {
        beta,
        xtwx_inv,
        p,
        py,
        rss,
    })
}

/// Dot product of two vectors of equal length.
pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

/// Trace of a square matrix.
pub(super) fn trace(p: &Matrix) -> f64 {
    p.iter().enumerate().map(|(i, row)| row[i]).sum()
}

/// `tr(P P)` of a symmetric matrix, the sum of its squared elements.
pub(super) fn trace_of_square(p: &Matrix) -> f64 {
    p.iter().flatten().map(|v| v * v).sum()
}

/// Natural logarithm of the determinant of a symmetric positive definite matrix, from the
/// diagonal of its Cholesky factor; `None` when it is not positive definite.
pub(super) fn log_det_spd(a: &Matrix) -> Option<f64> {
    let n = a.len();
    let mut l = vec![vec![0.0; n]; n];
    let mut log_det = 0.0;
    for i in 0..n {
        for j in 0..=i {
            let dot: f64 = (0..j).map(|m| l[i][m] * l[j][m]).sum();
            if i == j {
                let pivot = a[i][i] - dot;
                if !pivot.is_finite() || pivot <= 0.0 {
                    return None;
                }
                l[i][i] = pivot.sqrt();
                log_det += pivot.ln();
            } else {
                l[i][j] = (a[i][j] - dot) / l[j][j];
            }
        }
    }
    Some(log_det)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_of_a_small_matrix() {
        let a = vec![vec![4.0, 2.0], vec![2.0, 3.0]];
        let inv = spd_inverse(&a).expect("positive definite");
        // det = 8, inverse = [3, -2; -2, 4] / 8.
        let expected = [[0.375, -0.25], [-0.25, 0.5]];
        for i in 0..2 {
            for j in 0..2 {
                assert!((inv[i][j] - expected[i][j]).abs() < 1e-15);
            }
        }
        assert!((log_det_spd(&a).unwrap() - 8f64.ln()).abs() < 1e-14);
    }

    #[test]
    fn singular_and_empty_matrices_are_refused() {
        assert!(spd_inverse(&vec![]).is_none());
        assert!(spd_inverse(&vec![vec![1.0, 1.0], vec![1.0, 1.0]]).is_none());
        assert!(spd_inverse(&vec![vec![0.0]]).is_none());
        assert!(spd_inverse(&vec![vec![f64::NAN]]).is_none());
    }

    #[test]
    fn projection_annihilates_the_design() {
        let x = vec![vec![1.0], vec![1.0], vec![1.0]];
        let w = [1.0, 2.0, 4.0];
        let fit = wls(&[1.0, 2.0, 3.0], &x, &w).expect("fit");
        // Weighted mean (1 + 4 + 12) / 7.
        assert!((fit.beta[0] - 17.0 / 7.0).abs() < 1e-15);
        // P 1 = 0: each row of P sums to zero.
        assert!(
            fit.p
                .iter()
                .all(|row| row.iter().sum::<f64>().abs() < 1e-14)
        );
        // y'Py from the residuals equals the quadratic form with P.
        let y = [1.0, 2.0, 3.0];
        let quadratic: f64 = (0..3)
            .map(|i| (0..3).map(|j| y[i] * fit.p[i][j] * y[j]).sum::<f64>())
            .sum();
        assert!((fit.rss - quadratic).abs() < 1e-13);
    }
}
