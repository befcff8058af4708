//! Statistics layer of wijkmonitor: confidence intervals, before/after tests, direct
//! standardisation, and pooling across sites.
//!
//! Everything here is a pure function of its arguments (no I/O, clock or environment), so the
//! same input always gives the same report. The methods follow named reference
//! implementations (R's `t.test` and `wilcox.test`, PHEindicatormethods, metafor, scipy)
//! closely enough to reproduce their test values to 1e-9 relative or better (most to 1e-12),
//! and the integration tests in `tests/stats.rs` check every reference case.
//!
//! No function panics on bad data. Undefined statistics (empty samples, a single value, zero
//! spread, all-zero differences, NaN or infinite input, a confidence level outside (0, 1)) come
//! back as `None`, either for the whole result or for the affected fields, and the documentation
//! of each function says which.

#![warn(missing_docs)]

pub mod interval;
pub mod meta;
pub mod paired;
pub mod proportion;
pub mod rates;
pub mod unpaired;
pub mod wilcoxon;

pub use interval::{MeanSummary, mean_ci, t_critical, z_critical};
pub use paired::{ChangeCounts, PairedOptions, PairedSummary, paired};
pub use proportion::{ProportionCi, newcombe_diff, wilson};
pub use rates::direct_standardise;
pub use unpaired::{WelchSummary, welch};
pub use wilcoxon::{WilcoxonMethod, WilcoxonResult, wilcoxon_signed_rank};
