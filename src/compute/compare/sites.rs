//! The networks' before/after effects side by side and pooled (issue 12): one row per
//! network in `site_effects`, the random-effects pooling per instrument × scale × pair of
//! waves × measure in `pooled`, and the register's success factors as moderators in
//! `moderators`. Pure: the rows of `compute::effect::before_after` and the register in,
//! typed rows out.
//!
//! A network's effect is taken from its before/after row for the whole network (group
//! `alle`, paired waves): the mean paired change, and the sd of the change recovered from
//! the row's paired t interval (`sd = √n · half-width / t(n − 1)`), which is how that
//! interval was made. Networks whose row is suppressed (fewer than `min_n` pairs, or
//! suppressed to protect another group) are never pooled: their figures stay empty and
//! the reason is given, so no pooled figure lets a reader work back to them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::effect::BeforeAfterRow;
use crate::compute::stats::interval::{t_critical, z_critical};
use crate::compute::stats::meta::{
    LeftOutReason, Measure, NotEstimable, Options, Study, effect_size, moderator, pool,
};
use crate::ingest::network::YesNoUnknown;
use crate::ingest::network::register::{Domain, Network, Register};

/// Instrument × scale × pair of waves: what is pooled together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Outcome {
    pub instrument: String,
    pub scale: String,
    pub wave_from: String,
    pub wave_to: String,
}

/// One network's effect on one outcome and measure (`site_effects`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteEffectRow {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub measure: &'static str,
    pub network_id: String,
    /// Pairs of respondents.
    pub n: usize,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Whether the network enters the pooling.
    pub included: bool,
    /// Why not: `below_min_n`, `suppressed`, `missing`, `no_variance`, `too_few_pairs`,
    /// `not_finite`; empty when included.
    pub reason: Option<&'static str>,
}

/// The pooled effect of one outcome and measure (`pooled`); the figures are empty when
/// fewer than two networks can be pooled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PooledRow {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub measure: &'static str,
    pub method: &'static str,
    pub test: &'static str,
    pub k: usize,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub pi_low: Option<f64>,
    pub pi_high: Option<f64>,
    pub tau2: Option<f64>,
    pub tau: Option<f64>,
    pub i2: Option<f64>,
    pub h2: Option<f64>,
    pub q: Option<f64>,
    pub q_df: Option<usize>,
    pub p_q: Option<f64>,
}

/// One level of one moderator (`moderators`); the test columns repeat on each level's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModeratorRow {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub measure: &'static str,
    pub moderator: String,
    pub level: String,
    /// Networks at this level.
    pub k: usize,
    pub estimate: Option<f64>,
    pub se: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub qm: Option<f64>,
    pub qm_df: Option<usize>,
    pub qm_df2: Option<usize>,
    pub p_qm: Option<f64>,
}

/// Everything the pooling gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteComparison {
    pub site_effects: Vec<SiteEffectRow>,
    pub pooled: Vec<PooledRow>,
    pub moderators: Vec<ModeratorRow>,
}

/// A network's level of a moderator (a register column, see
/// `spec::pipeline::MODERATORS`), as the code the register uses; `None` when unknown.
/// `fase` is the phase on `date`.
pub fn moderator_level(
    register: &Register,
    network: &Network,
    moderator: &str,
    date: NaiveDate,
) -> Option<String> {
    let partner = |domain: Domain| {
        let has = register
            .partners
            .iter()
            .any(|p| p.network == network.id && p.domain == domain);
        Some(if has { "ja" } else { "nee" }.to_owned())
    };
    match moderator {
        "aanpak" => network.approach.map(|a| a.code().to_owned()),
        "initiatiefnemer" => network.initiator.map(|a| a.code().to_owned()),
        "perspectief" => network.perspective.map(|a| a.code().to_owned()),
        "kartrekker_onafhankelijk" => network
            .kartrekker_independent
            .map(|b| if b { "ja" } else { "nee" }.to_owned()),
        "financiering" => network.funding.map(|a| a.code().to_owned()),
        "partner_gemeente" => partner(Domain::Municipality),
        "partner_zorgverzekeraar" => partner(Domain::HealthInsurer),
        "partner_huisarts" => partner(Domain::GeneralPractitioner),
        "fase" => register
            .phase_on(&network.id, date)
            .map(|p| p.code().to_owned()),
        "inwoners_vanaf_start" => match network.residents_from_start {
            YesNoUnknown::Unknown => None,
            other => Some(other.code().to_owned()),
        },
        _ => None,
    }
}

/// The networks' effects, pooled, and the moderators, for every outcome in `rows` with
/// paired whole-network figures. `levels` gives each network's level per moderator (from
/// [`moderator_level`]), `measures` the effect measures, `level` the confidence level of
/// the site intervals (that of the before/after rows).
pub fn compare_sites(
    rows: &[BeforeAfterRow],
    moderators: &[(String, BTreeMap<String, String>)],
    measures: &[Measure],
    options: &Options,
    min_n: usize,
) -> SiteComparison {
    let mut by_outcome: BTreeMap<Outcome, Vec<&BeforeAfterRow>> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.group == "alle" && r.paired) {
        by_outcome
            .entry(Outcome {
                instrument: row.instrument.clone(),
                scale: row.scale.clone(),
                wave_from: row.wave_from.clone(),
                wave_to: row.wave_to.clone(),
            })
            .or_default()
            .push(row);
    }
    let mut out = SiteComparison::default();
    for (outcome, sites) in &by_outcome {
        for &measure in measures {
            let mut studies: Vec<Study> = Vec::new();
            for row in sites {
                let site = site_effect(row, measure, options.level, min_n);
                if let (true, Some(yi), Some(se)) = (site.included, site.estimate, site.se) {
                    studies.push(Study {
                        id: row.network_id.clone(),
                        yi,
                        vi: se * se,
                    });
                }
                out.site_effects.push(SiteEffectRow {
                    outcome: outcome.clone(),
                    ..site
                });
            }
            out.pooled
                .push(pooled_row(outcome, measure, &studies, options));
            for (name, levels) in moderators {
                out.moderators.extend(moderator_rows(
                    outcome, measure, name, levels, &studies, options,
                ));
            }
        }
    }
    out
}

/// One network's row of `site_effects` (the outcome filled in by the caller).
fn site_effect(row: &BeforeAfterRow, measure: Measure, level: f64, min_n: usize) -> SiteEffectRow {
    let n = row.n_paired;
    let mut site = SiteEffectRow {
        outcome: Outcome {
            instrument: String::new(),
            scale: String::new(),
            wave_from: String::new(),
            wave_to: String::new(),
        },
        measure: measure.code(),
        network_id: row.network_id.clone(),
        n,
        estimate: None,
        se: None,
        ci_low: None,
        ci_high: None,
        included: false,
        reason: None,
    };
    let outcome = if n < min_n {
        Err(LeftOutReason::BelowMinN { n, min_n }.code())
    } else if row.suppressed {
        Err("suppressed")
    } else {
        let sd = sd_change(row, level);
        match (row.mean_diff, sd) {
            (Some(mean), Some(sd)) => effect_size(measure, mean, sd, n).map_err(|r| r.code()),
            _ => Err(LeftOutReason::Missing.code()),
        }
    };
    match outcome {
        Err(reason) => site.reason = Some(reason),
        Ok((yi, vi)) => {
            let se = vi.sqrt();
            let (low, high) = match measure {
                // The network report's own paired t interval.
                Measure::MeanChange => (row.ci_low, row.ci_high),
                Measure::SmdChange => {
                    let z = z_critical(level).unwrap_or(f64::NAN);
                    (Some(yi - z * se), Some(yi + z * se))
                }
            };
            site.estimate = Some(yi);
            site.se = Some(se);
            site.ci_low = low;
            site.ci_high = high;
            site.included = true;
        }
    }
    site
}

/// The sd of the paired changes behind a row's t interval; `Some(0)` when the interval has
/// no width.
fn sd_change(row: &BeforeAfterRow, level: f64) -> Option<f64> {
    let (low, high) = (row.ci_low?, row.ci_high?);
    let n = row.n_paired;
    if n < 2 {
        return None;
    }
    let t = t_critical(level, (n - 1) as f64)?;
    let sd = (high - low) / 2.0 / t * (n as f64).sqrt();
    (sd.is_finite() && sd >= 0.0).then_some(sd)
}

fn pooled_row(
    outcome: &Outcome,
    measure: Measure,
    studies: &[Study],
    options: &Options,
) -> PooledRow {
    let mut row = PooledRow {
        outcome: outcome.clone(),
        measure: measure.code(),
        method: options.method.code(),
        test: options.test.code(),
        k: studies.len(),
        estimate: None,
        se: None,
        ci_low: None,
        ci_high: None,
        pi_low: None,
        pi_high: None,
        tau2: None,
        tau: None,
        i2: None,
        h2: None,
        q: None,
        q_df: None,
        p_q: None,
    };
    if let Ok(p) = pool(studies, options) {
        let h = p.heterogeneity;
        row.estimate = Some(p.estimate);
        row.se = Some(p.se);
        row.ci_low = Some(p.ci_low);
        row.ci_high = Some(p.ci_high);
        row.pi_low = Some(p.pi_low);
        row.pi_high = Some(p.pi_high);
        row.tau2 = Some(h.tau2);
        row.tau = Some(h.tau);
        row.i2 = Some(h.i2);
        row.h2 = Some(h.h2);
        row.q = Some(h.q);
        row.q_df = Some(h.q_df);
        row.p_q = h.p_q;
    }
    row
}

/// The rows of one moderator: one per level among the pooled networks (networks whose
/// level is unknown are left out of this model), with empty figures where the model
/// cannot be fitted (one level only, or no more networks than levels).
fn moderator_rows(
    outcome: &Outcome,
    measure: Measure,
    name: &str,
    levels: &BTreeMap<String, String>,
    studies: &[Study],
    options: &Options,
) -> Vec<ModeratorRow> {
    let with_level: Vec<(Study, &str)> = studies
        .iter()
        .filter_map(|s| levels.get(&s.id).map(|l| (s.clone(), l.as_str())))
        .collect();
    if with_level.is_empty() {
        return Vec::new();
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, level) in &with_level {
        *counts.entry(level).or_default() += 1;
    }
    let blank = |level: &str, k: usize| ModeratorRow {
        outcome: outcome.clone(),
        measure: measure.code(),
        moderator: name.to_owned(),
        level: level.to_owned(),
        k,
        estimate: None,
        se: None,
        ci_low: None,
        ci_high: None,
        qm: None,
        qm_df: None,
        qm_df2: None,
        p_qm: None,
    };
    match moderator(&with_level, options) {
        Ok(result) => result
            .levels
            .iter()
            .map(|l| ModeratorRow {
                estimate: Some(l.estimate),
                se: Some(l.se),
                ci_low: Some(l.ci_low),
                ci_high: Some(l.ci_high),
                qm: result.test_of_moderator.qm,
                qm_df: Some(result.test_of_moderator.df1),
                qm_df2: result.test_of_moderator.df2,
                p_qm: result.test_of_moderator.p,
                ..blank(&l.level, l.k)
            })
            .collect(),
        Err(NotEstimable::InvalidStudy { .. })
        | Err(NotEstimable::InvalidLevel)
        | Err(NotEstimable::NoStudies)
        | Err(NotEstimable::SingleStudy)
        | Err(NotEstimable::NoResidualDf { .. })
        | Err(NotEstimable::SingleLevel { .. })
        | Err(NotEstimable::Singular)
        | Err(NotEstimable::NotConverged) => {
            counts.iter().map(|(level, k)| blank(level, *k)).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::effect::Method as EffectMethod;

    fn row(id: &str, n: usize, mean: f64, sd: f64, suppressed: bool) -> BeforeAfterRow {
        let t = t_critical(0.95, (n - 1) as f64).unwrap();
        let half = t * sd / (n as f64).sqrt();
        BeforeAfterRow {
            network_id: id.into(),
            instrument: "i".into(),
            scale: "s".into(),
            group: "alle".into(),
            wave_from: "T0".into(),
            wave_to: "T1".into(),
            n_paired: n,
            mean_from: None,
            mean_to: None,
            mean_diff: (!suppressed).then_some(mean),
            ci_low: (!suppressed).then_some(mean - half),
            ci_high: (!suppressed).then_some(mean + half),
            p_ttest: None,
            p_wilcoxon: None,
            cohen_dz: None,
            pct_improved: None,
            pct_unchanged: None,
            pct_worse: None,
            paired: true,
            suppressed,
            n_from: n,
            n_to: n,
            method: EffectMethod::PairedT,
        }
    }

    #[test]
    fn suppressed_networks_are_listed_not_pooled() {
        let rows = vec![
            row("a", 20, 1.0, 2.0, false),
            row("b", 30, 0.5, 1.5, false),
            row("c", 5, 9.0, 1.0, true),
            row("d", 25, 0.8, 1.0, false),
        ];
        let out = compare_sites(&rows, &[], &[Measure::MeanChange], &Options::default(), 10);
        assert_eq!(out.site_effects.len(), 4);
        let c = &out.site_effects[2];
        assert!(!c.included);
        assert_eq!(c.reason, Some("below_min_n"));
        assert_eq!(c.estimate, None);
        assert_eq!(out.pooled[0].k, 3);
        // The sd recovered from the interval gives back vi = sd²/n.
        let a = &out.site_effects[0];
        assert!((a.se.unwrap() - 2.0 / 20f64.sqrt()).abs() < 1e-12);
    }
}
