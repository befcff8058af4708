//! Before/after and per-wave figures of questionnaire scales, per network and per group.
//! Pure: tables in, tables out; no files, no clock, no environment.
//!
//! The input is the [`ScoreTable`] of one instrument (one score per respondent × wave × scale,
//! respondents as opaque [`RespondentIndex`] numbers, never pseudonyms) together with the
//! checked [`Instrument`], which supplies each scale's polarity, minimal important change and
//! cut-offs, and the declared order of the waves. The output is three tables of plain rows:
//!
//! - [`BeforeAfterRow`] (`before_after.csv`): per network × scale × group × pair of waves,
//!   the change between the waves with its interval, tests and effect size;
//! - [`WaveRow`]: per network × scale × group × wave, n and the mean with its interval;
//! - [`CutoffRow`]: per network × scale × group × wave × cut-off of the scale, the share of
//!   respondents in the cut-off's class, with its Wilson interval.
//!
//! # Waves and pairs of waves
//!
//! Waves are ordered as the instrument declares them; labels that the instrument does not
//! declare follow in natural order (`T2` before `T10`; `voor` before `na`). Labels are
//! compared case-insensitively, as the responses reader does. Which pairs are compared, per
//! network (a network "has" a wave when it has at least one response in it):
//!
//! - neither `from` nor `to` given: the network's first wave against each later wave
//!   (`T0→T1`, `T0→T2`);
//! - only `from`: `from` against each later wave of the network;
//! - only `to`: the network's first wave against `to`, when that first wave lies before `to`;
//! - both: `from → to`, for every network that has either wave (n = 0 shows what is missing).
//!
//! Differences are always `to − from`. A scale without any rows in a network (which
//! [`score_responses`](crate::compute::scoring::score_responses) never produces) gets no
//! rows for that network.
//!
//! # Paired or unpaired
//!
//! A comparison is paired (`method = paired_t`) when at least one respondent of the network
//! answered in both waves (on any scale). Its statistics rest on the respondents with a score
//! on the scale in both waves (`n_paired`); `mean_from` and `mean_to` are the means of those
//! respondents, so that `mean_diff = mean_to − mean_from`. The means of all respondents of a
//! wave are in [`WaveRow`]. The interval is the t interval of the mean difference; `p_ttest`
//! the paired t-test, `p_wilcoxon` the signed-rank test in R's convention and `cohen_dz` the
//! mean difference over the standard deviation of the differences. The shares improved,
//! unchanged and worse count a change of at least the scale's minimal important change in the
//! favourable direction (by the scale's polarity) as improved; a scale without a declared MIC
//! counts any change.
//!
//! When no respondent matches across the two waves (anonymous questionnaires), or when
//! [`Pairing::Unpaired`] is asked for, the waves are compared as independent samples with
//! Welch's t-test (`method = welch`, `paired = false`, `n_paired = 0`); there is no
//! signed-rank test, effect size d_z or share improved then. Whether a comparison is paired is
//! decided for the network as a whole, never per group, so every row of one comparison uses
//! one method. A network that matched only a few respondents therefore gets a paired analysis
//! of those few (suppressed when they are fewer than `min_n`) rather than a Welch test on
//! overlapping samples, which would be wrong.
//!
//! Respondent codes must name the same person in every wave: forms of an anonymous survey
//! that are numbered 1, 2, 3 … in each wave look paired. Use [`Pairing::Unpaired`] for them.
//!
//! # Groups
//!
//! Every comparison and every wave has a row for everyone (group `alle`) and, when a grouping
//! column is given (`by`, e.g. `rol`), one row per value of that column (`rol=huisarts`),
//! ordered as the instrument declares the values, other values alphabetically. In a paired
//! comparison a respondent counts in the group of the earlier wave (of the later one when the
//! earlier has no value); `n_from` and `n_to` count the respondents whose value in that wave
//! is the group's. Respondents without a value count only in `alle`.
//!
//! The aspects of collaboration after Kaats & Opheij (instrument
//! `samenwerking-kaats-opheij`) per wave and per role are the [`WaveRow`]s of that instrument
//! with `by = Some("rol")`: each aspect is a scale, so the rows give n, mean and interval per
//! aspect × wave × role, plus everyone (`alle`).
//!
//! # Disclosure control
//!
//! The rules live in [`crate::compute::disclosure`]; here is how they apply to these tables.
//!
//! A row resting on fewer than `min_n` respondents (default 10) is suppressed: its statistics
//! are empty and `suppressed = true`, while its n fields stay, so the reader sees why. Which n
//! counts: `n_paired` for a paired comparison, the smaller of `n_from` and `n_to` for a Welch
//! comparison, `n` for a wave (and its cut-off rows, which share the wave row's fate).
//!
//! Suppressing a small group is not enough when the other groups and `alle` are shown:
//! `alle` minus the shown groups gives the hidden rest (e.g. the one `kartrekker` among twelve
//! members). So, per comparison or wave, when the respondents of `alle` that no shown group
//! covers number from 1 to `min_n − 1`, the shown group with the fewest respondents is
//! suppressed as well, until the hidden rest reaches `min_n` (complementary suppression). A
//! suppressed row with an n of `min_n` or more was suppressed for this reason.
//!
//! Not covered: differencing between tables on overlapping sets of respondents. A paired
//! row's means rest on the respondents in both waves, the wave row's on everyone in the wave;
//! when those counts differ by 1 to `min_n − 1`, `n · mean` of the one minus that of the
//! other gives the sum of the scores of those few.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::compute::disclosure::disclose;
use crate::compute::scoring::{RespondentIndex, ScoreTable};
use crate::compute::stats::{PairedOptions, mean_ci, paired, welch, wilson};
use crate::ingest::network::fold;
use crate::spec::instrument::{Instrument, Scale};

pub use crate::compute::disclosure::DEFAULT_MIN_N;

/// The default confidence level of the intervals.
pub const DEFAULT_LEVEL: f64 = 0.95;

/// The group of all respondents.
pub const ALL: &str = "alle";

/// Whether comparisons of waves may be paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pairing {
    /// Paired when at least one respondent of the network answered in both waves, otherwise
    /// unpaired (Welch).
    #[default]
    Auto,
    /// Always unpaired (Welch), for respondent codes that do not link a person's waves.
    Unpaired,
}

/// How a comparison of two waves was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Paired t-test on the respondents with a score in both waves (`paired_t`).
    PairedT,
    /// Welch's t-test on two independent samples (`welch`).
    Welch,
}

impl Method {
    /// The code as written in the output (`paired_t`, `welch`).
    pub fn code(self) -> &'static str {
        match self {
            Method::PairedT => "paired_t",
            Method::Welch => "welch",
        }
    }
}

/// What to compute; [`Default`] gives everyone, every wave against the first, automatic
/// pairing, `min_n = 10` and 95% intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectOptions {
    /// A grouping column of the responses (such as `rol`); `None` gives only `alle`.
    pub by: Option<String>,
    /// The earlier wave of the comparison (see the module documentation).
    pub from: Option<String>,
    /// The later wave of the comparison (see the module documentation).
    pub to: Option<String>,
    /// Whether comparisons may be paired.
    pub pairing: Pairing,
    /// The disclosure threshold: rows resting on fewer respondents are suppressed.
    pub min_n: usize,
    /// The confidence level of the intervals, e.g. 0.95. A level outside (0, 1) leaves the
    /// intervals empty; check it where the options are made.
    pub level: f64,
}

impl Default for EffectOptions {
    fn default() -> Self {
        EffectOptions {
            by: None,
            from: None,
            to: None,
            pairing: Pairing::Auto,
            min_n: DEFAULT_MIN_N,
            level: DEFAULT_LEVEL,
        }
    }
}

/// One comparison of two waves: a row of `before_after.csv`.
///
/// Statistics are `None` when the row is suppressed or the statistic is undefined for the data
/// (fewer than two respondents, no spread of the differences, all differences zero).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeforeAfterRow {
    pub network_id: String,
    pub instrument: String,
    pub scale: String,
    /// `alle`, or `column=value` (`rol=huisarts`).
    pub group: String,
    pub wave_from: String,
    pub wave_to: String,
    /// Respondents with a score in both waves; 0 for an unpaired comparison.
    pub n_paired: usize,
    /// Mean in the earlier wave (paired: of the `n_paired` respondents; Welch: of all).
    pub mean_from: Option<f64>,
    /// Mean in the later wave (paired: of the `n_paired` respondents; Welch: of all).
    pub mean_to: Option<f64>,
    /// `mean_to − mean_from`.
    pub mean_diff: Option<f64>,
    /// Lower limit of the t interval of the difference (paired, or Welch).
    pub ci_low: Option<f64>,
    /// Upper limit of the t interval of the difference.
    pub ci_high: Option<f64>,
    /// Two-sided p-value of the paired t-test, or of Welch's t-test.
    pub p_ttest: Option<f64>,
    /// Two-sided p-value of the Wilcoxon signed-rank test (paired only).
    pub p_wilcoxon: Option<f64>,
    /// Cohen's d_z (paired only).
    pub cohen_dz: Option<f64>,
    /// Percentage of the paired respondents who improved by at least the MIC.
    pub pct_improved: Option<f64>,
    /// Percentage of the paired respondents who changed less than the MIC.
    pub pct_unchanged: Option<f64>,
    /// Percentage of the paired respondents who got worse by at least the MIC.
    pub pct_worse: Option<f64>,
    /// Whether the comparison is paired.
    pub paired: bool,
    /// Whether the statistics are suppressed (disclosure control).
    pub suppressed: bool,
    /// Respondents with a score in the earlier wave.
    pub n_from: usize,
    /// Respondents with a score in the later wave.
    pub n_to: usize,
    pub method: Method,
}

/// One wave of one scale: n and the mean with its t interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveRow {
    pub network_id: String,
    pub instrument: String,
    pub scale: String,
    /// `alle`, or `column=value`.
    pub group: String,
    pub wave: String,
    /// Respondents with a score.
    pub n: usize,
    pub mean: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Whether the statistics are suppressed (disclosure control).
    pub suppressed: bool,
}

/// The share of respondents of one wave in the class of one cut-off of the scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutoffRow {
    pub network_id: String,
    pub instrument: String,
    pub scale: String,
    /// `alle`, or `column=value`.
    pub group: String,
    pub wave: String,
    /// The cut-off's id (`eenzaam`).
    pub cutoff: String,
    /// Respondents with a score.
    pub n: usize,
    /// Respondents whose score is in the cut-off's class; `None` when suppressed.
    pub n_above: Option<usize>,
    /// `100 · n_above / n`.
    pub pct: Option<f64>,
    /// Lower limit of the Wilson interval, in percent.
    pub ci_low: Option<f64>,
    /// Upper limit of the Wilson interval, in percent.
    pub ci_high: Option<f64>,
    /// Whether the statistics are suppressed; always as the wave's [`WaveRow`].
    pub suppressed: bool,
}

/// The per-wave tables of one instrument.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WaveTables {
    pub waves: Vec<WaveRow>,
    pub cutoffs: Vec<CutoffRow>,
}

/// Why the figures cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EffectError {
    /// The scores are of another instrument.
    #[error("the scores are of instrument {table:?}, not of {instrument:?}")]
    InstrumentMismatch { instrument: String, table: String },
    /// A score row names a scale the instrument does not have.
    #[error(
        "the scores hold the scale {scale:?}, which instrument {instrument:?} does not have; \
         its scales are: {}", .scales.join(", ")
    )]
    UnknownScale {
        instrument: String,
        scale: String,
        scales: Vec<String>,
    },
    /// The grouping column is not in the responses.
    #[error("there is no grouping column {by:?} in the responses; {}", choices("grouping columns", .available))]
    UnknownGroupColumn { by: String, available: Vec<String> },
    /// A wave that the instrument does not declare and the responses do not hold.
    #[error("there is no wave {wave:?}; {}", choices("waves", .waves))]
    UnknownWave { wave: String, waves: Vec<String> },
    /// `from` and `to` name the same wave.
    #[error("the waves to compare are both {wave:?}: a wave cannot be compared with itself")]
    SameWave { wave: String },
}

fn choices(what: &str, list: &[String]) -> String {
    if list.is_empty() {
        format!("there are no {what}")
    } else {
        format!("the {what} are: {}", list.join(", "))
    }
}

// ---------------------------------------------------------------------------
// Public functions.

/// Compares waves per network × scale × group, as described in the module documentation.
///
/// Rows are ordered by network, scale (instrument order), group (`alle` first) and pair of
/// waves (wave order).
pub fn before_after(
    table: &ScoreTable,
    instrument: &Instrument,
    options: &EffectOptions,
) -> Result<Vec<BeforeAfterRow>, EffectError> {
    let data = Prepared::new(table, instrument, options)?;
    let from = options.from.as_deref().map(|w| data.wave(w)).transpose()?;
    let to = options.to.as_deref().map(|w| data.wave(w)).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f == t
    {
        return Err(EffectError::SameWave {
            wave: data.waves.label(f).to_owned(),
        });
    }
    let mut rows = BTreeMap::new();
    for (network, scores) in &data.networks {
        for (wave_from, wave_to) in scores.pairs(from, to) {
            let method = match options.pairing {
                Pairing::Auto if scores.any_respondent_in_both(wave_from, wave_to) => {
                    Method::PairedT
                }
                _ => Method::Welch,
            };
            for (s, scale) in data.scales.iter().enumerate() {
                if !scores.has_scale(s) {
                    continue;
                }
                let comparison = Comparison {
                    data: &data,
                    network,
                    scores,
                    scale_index: s,
                    scale,
                    wave_from,
                    wave_to,
                    method,
                    options,
                };
                for (rank, row) in comparison.rows() {
                    rows.insert((network.clone(), s, rank, wave_from, wave_to), row);
                }
            }
        }
    }
    Ok(rows.into_values().collect())
}

/// The mean of every wave per network × scale × group, and the share in each cut-off class.
///
/// Every wave in which the network has responses gets rows; `from`, `to` and `pairing` of the
/// options do not apply. Rows are ordered by network, scale, group (`alle` first), wave and
/// cut-off (instrument order).
pub fn wave_summaries(
    table: &ScoreTable,
    instrument: &Instrument,
    options: &EffectOptions,
) -> Result<WaveTables, EffectError> {
    let data = Prepared::new(table, instrument, options)?;
    let mut waves = BTreeMap::new();
    let mut cutoffs = BTreeMap::new();
    for (network, scores) in &data.networks {
        for &wave in &scores.present {
            for (s, scale) in data.scales.iter().enumerate() {
                if !scores.has_scale(s) {
                    continue;
                }
                let observed = scores.in_wave(s, wave);
                let mut subsets = vec![(0, ALL.to_owned(), all_scores(&observed))];
                for &g in scores.groups_in_wave.get(&wave).into_iter().flatten() {
                    let values = observed
                        .iter()
                        .filter(|o| o.group == Some(g))
                        .map(|o| o.score)
                        .collect();
                    subsets.push((g + 1, data.group_label(g), values));
                }
                let sizes: Vec<Vec<usize>> =
                    subsets.iter().map(|(_, _, v)| vec![v.len()]).collect();
                let shown = disclose(&sizes, options.min_n);
                for ((rank, group, values), shown) in subsets.into_iter().zip(shown) {
                    let key = (network.clone(), s, rank, wave);
                    let summary = mean_ci(&values, options.level);
                    waves.insert(
                        key.clone(),
                        WaveRow {
                            network_id: network.clone(),
                            instrument: data.instrument.clone(),
                            scale: scale.id.clone(),
                            group: group.clone(),
                            wave: data.waves.label(wave).to_owned(),
                            n: values.len(),
                            mean: summary.mean.filter(|_| shown),
                            ci_low: summary.ci_low.filter(|_| shown),
                            ci_high: summary.ci_high.filter(|_| shown),
                            suppressed: !shown,
                        },
                    );
                    for (c, cutoff) in scale.cutoffs.iter().enumerate() {
                        let n_above = values.iter().filter(|&&v| cutoff.contains(v)).count();
                        let n = values.len();
                        let ci = wilson(n_above as f64, n as f64, options.level).filter(|_| shown);
                        cutoffs.insert(
                            (key.clone(), c),
                            CutoffRow {
                                network_id: network.clone(),
                                instrument: data.instrument.clone(),
                                scale: scale.id.clone(),
                                group: group.clone(),
                                wave: data.waves.label(wave).to_owned(),
                                cutoff: cutoff.id.clone(),
                                n: values.len(),
                                n_above: shown.then_some(n_above),
                                pct: (shown && n > 0).then(|| 100.0 * n_above as f64 / n as f64),
                                ci_low: ci.map(|ci| 100.0 * ci.lower),
                                ci_high: ci.map(|ci| 100.0 * ci.upper),
                                suppressed: !shown,
                            },
                        );
                    }
                }
            }
        }
    }
    Ok(WaveTables {
        waves: waves.into_values().collect(),
        cutoffs: cutoffs.into_values().collect(),
    })
}

fn all_scores(observed: &[Observed]) -> Vec<f64> {
    observed.iter().map(|o| o.score).collect()
}

// ---------------------------------------------------------------------------
// One comparison of two waves on one scale, for everyone and each group.

struct Comparison<'a> {
    data: &'a Prepared<'a>,
    network: &'a str,
    scores: &'a NetworkScores,
    scale_index: usize,
    scale: &'a Scale,
    wave_from: usize,
    wave_to: usize,
    method: Method,
    options: &'a EffectOptions,
}

/// A subset of a comparison: `alle` or one group (`None` = everyone).
struct Subset {
    rank: usize,
    group: Option<usize>,
}

impl Comparison<'_> {
    /// The rows of `alle` and each group, with their rank for ordering.
    fn rows(&self) -> Vec<(usize, BeforeAfterRow)> {
        let from = self.scores.in_wave(self.scale_index, self.wave_from);
        let to = self.scores.in_wave(self.scale_index, self.wave_to);
        let groups: BTreeSet<usize> = [self.wave_from, self.wave_to]
            .iter()
            .filter_map(|w| self.scores.groups_in_wave.get(w))
            .flatten()
            .copied()
            .collect();
        let subsets: Vec<Subset> = std::iter::once(Subset {
            rank: 0,
            group: None,
        })
        .chain(groups.iter().map(|&g| Subset {
            rank: g + 1,
            group: Some(g),
        }))
        .collect();
        let pairs = self.pairs(&from, &to);
        let mut rows: Vec<BeforeAfterRow> = subsets
            .iter()
            .map(|subset| {
                let in_subset =
                    |group: Option<usize>| subset.group.is_none_or(|g| group == Some(g));
                let from: Vec<f64> = from
                    .iter()
                    .filter(|o| in_subset(o.group))
                    .map(|o| o.score)
                    .collect();
                let to: Vec<f64> = to
                    .iter()
                    .filter(|o| in_subset(o.group))
                    .map(|o| o.score)
                    .collect();
                let label = subset
                    .group
                    .map_or_else(|| ALL.to_owned(), |g| self.data.group_label(g));
                match self.method {
                    Method::PairedT => {
                        let (before, after): (Vec<f64>, Vec<f64>) = pairs
                            .iter()
                            .filter(|(group, _, _)| in_subset(*group))
                            .map(|&(_, b, a)| (b, a))
                            .unzip();
                        self.paired_row(label, &before, &after, from.len(), to.len())
                    }
                    Method::Welch => self.welch_row(label, &from, &to),
                }
            })
            .collect();
        let sizes: Vec<Vec<usize>> = rows
            .iter()
            .map(|row| match row.method {
                Method::PairedT => vec![row.n_paired],
                Method::Welch => vec![row.n_from, row.n_to],
            })
            .collect();
        let shown = disclose(&sizes, self.options.min_n);
        for (row, shown) in rows.iter_mut().zip(shown) {
            if !shown {
                row.suppress();
            }
        }
        subsets.iter().map(|s| s.rank).zip(rows).collect()
    }

    /// The respondents with a score in both waves: (group, score before, score after), in
    /// respondent order. The group is that of the earlier wave, else of the later one.
    fn pairs(&self, from: &[Observed], to: &[Observed]) -> Vec<(Option<usize>, f64, f64)> {
        let later: BTreeMap<RespondentIndex, &Observed> =
            to.iter().map(|o| (o.respondent, o)).collect();
        from.iter()
            .filter_map(|before| {
                let after = later.get(&before.respondent)?;
                Some((before.group.or(after.group), before.score, after.score))
            })
            .collect()
    }

    fn head(&self, group: String, n_from: usize, n_to: usize) -> BeforeAfterRow {
        BeforeAfterRow {
            network_id: self.network.to_owned(),
            instrument: self.data.instrument.clone(),
            scale: self.scale.id.clone(),
            group,
            wave_from: self.data.waves.label(self.wave_from).to_owned(),
            wave_to: self.data.waves.label(self.wave_to).to_owned(),
            n_paired: 0,
            mean_from: None,
            mean_to: None,
            mean_diff: None,
            ci_low: None,
            ci_high: None,
            p_ttest: None,
            p_wilcoxon: None,
            cohen_dz: None,
            pct_improved: None,
            pct_unchanged: None,
            pct_worse: None,
            paired: self.method == Method::PairedT,
            suppressed: false,
            n_from,
            n_to,
            method: self.method,
        }
    }

    fn paired_row(
        &self,
        group: String,
        before: &[f64],
        after: &[f64],
        n_from: usize,
        n_to: usize,
    ) -> BeforeAfterRow {
        let mut row = self.head(group, n_from, n_to);
        row.n_paired = before.len();
        let options = PairedOptions {
            level: self.options.level,
            mic: self.scale.mic,
            polarity: self.scale.polarity,
        };
        let Some(summary) = paired(before, after, &options) else {
            return row;
        };
        row.mean_from = summary.mean_before;
        row.mean_to = summary.mean_after;
        row.mean_diff = summary.mean_diff;
        row.ci_low = summary.ci_low;
        row.ci_high = summary.ci_high;
        row.p_ttest = summary.p_ttest;
        row.p_wilcoxon = summary.wilcoxon.map(|w| w.p);
        row.cohen_dz = summary.cohen_dz;
        if let Some(change) = summary.change
            && summary.n > 0
        {
            let pct = |count: usize| Some(100.0 * count as f64 / summary.n as f64);
            row.pct_improved = pct(change.improved);
            row.pct_unchanged = pct(change.unchanged);
            row.pct_worse = pct(change.worse);
        }
        row
    }

    fn welch_row(&self, group: String, from: &[f64], to: &[f64]) -> BeforeAfterRow {
        let mut row = self.head(group, from.len(), to.len());
        let summary = welch(from, to, self.options.level);
        row.mean_from = summary.mean_a;
        row.mean_to = summary.mean_b;
        row.mean_diff = summary.diff;
        row.ci_low = summary.ci_low;
        row.ci_high = summary.ci_high;
        row.p_ttest = summary.p;
        row
    }
}

impl BeforeAfterRow {
    /// Empties every statistic and marks the row suppressed; the n fields stay.
    fn suppress(&mut self) {
        self.mean_from = None;
        self.mean_to = None;
        self.mean_diff = None;
        self.ci_low = None;
        self.ci_high = None;
        self.p_ttest = None;
        self.p_wilcoxon = None;
        self.cohen_dz = None;
        self.pct_improved = None;
        self.pct_unchanged = None;
        self.pct_worse = None;
        self.suppressed = true;
    }
}

// ---------------------------------------------------------------------------
// The scores, arranged per network.

/// One usable score: a respondent's finite score on a scale in a wave, with the respondent's
/// group in that wave.
#[derive(Debug, Clone, Copy)]
struct Observed {
    respondent: RespondentIndex,
    score: f64,
    group: Option<usize>,
}

/// The score table checked against the instrument and arranged for the computations.
struct Prepared<'a> {
    instrument: String,
    scales: Vec<&'a Scale>,
    waves: Labels,
    group_column: Option<String>,
    groups: Labels,
    networks: BTreeMap<String, NetworkScores>,
}

/// The scores of one scale in one network: (respondent, wave) → (score, group).
type ScaleScores = BTreeMap<(RespondentIndex, usize), (Option<f64>, Option<usize>)>;

/// The scores of one network.
struct NetworkScores {
    /// Waves in which the network has at least one response.
    present: BTreeSet<usize>,
    /// The waves in which each respondent has a response (on any scale).
    waves_of: BTreeMap<RespondentIndex, BTreeSet<usize>>,
    /// The group values that occur in each wave.
    groups_in_wave: BTreeMap<usize, BTreeSet<usize>>,
    /// Per scale (instrument order): (respondent, wave) → (score, group). A score that is
    /// missing or not finite is `None`; of two rows for one respondent and wave (which the
    /// responses reader does not let through) the first counts.
    scores: Vec<ScaleScores>,
}

impl<'a> Prepared<'a> {
    fn new(
        table: &ScoreTable,
        instrument: &'a Instrument,
        options: &EffectOptions,
    ) -> Result<Self, EffectError> {
        if table.instrument != instrument.id {
            return Err(EffectError::InstrumentMismatch {
                instrument: instrument.id.clone(),
                table: table.instrument.clone(),
            });
        }
        let scales: Vec<&Scale> = instrument.scales.iter().collect();
        let scale_index: BTreeMap<&str, usize> = scales
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        if let Some(row) = table
            .rows
            .iter()
            .find(|r| !scale_index.contains_key(r.scale.as_str()))
        {
            return Err(EffectError::UnknownScale {
                instrument: instrument.id.clone(),
                scale: row.scale.clone(),
                scales: scales.iter().map(|s| s.id.clone()).collect(),
            });
        }
        let group_column = match &options.by {
            None => None,
            Some(by) => Some(
                table
                    .group_columns
                    .iter()
                    .position(|c| fold(c) == fold(by))
                    .ok_or_else(|| EffectError::UnknownGroupColumn {
                        by: by.clone(),
                        available: table.group_columns.clone(),
                    })?,
            ),
        };
        let group_of = |groups: &[Option<String>]| -> Option<String> {
            group_column.and_then(|c| groups.get(c).cloned().flatten())
        };

        let declared_waves: Vec<&str> = instrument.waves.iter().map(|w| w.id.as_str()).collect();
        let waves = Labels::new(
            &declared_waves,
            table.rows.iter().map(|r| r.wave.as_str()),
            wave_order,
        );
        let column_name = group_column.and_then(|c| table.group_columns.get(c));
        let declared_values: Vec<&str> = column_name
            .and_then(|name| instrument.groups.iter().find(|g| fold(&g.id) == fold(name)))
            .map(|g| g.values.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let values: Vec<String> = table
            .rows
            .iter()
            .filter_map(|r| group_of(&r.groups))
            .collect();
        let groups = Labels::new(
            &declared_values,
            values.iter().map(String::as_str),
            |a, b| fold(a).cmp(&fold(b)),
        );

        let mut networks: BTreeMap<String, NetworkScores> = BTreeMap::new();
        for row in &table.rows {
            let (Some(wave), Some(&s)) =
                (waves.find(&row.wave), scale_index.get(row.scale.as_str()))
            else {
                continue;
            };
            let group = group_of(&row.groups).and_then(|v| groups.find(&v));
            let network = networks
                .entry(row.network.clone())
                .or_insert_with(|| NetworkScores {
                    present: BTreeSet::new(),
                    waves_of: BTreeMap::new(),
                    groups_in_wave: BTreeMap::new(),
                    scores: vec![BTreeMap::new(); scales.len()],
                });
            network.present.insert(wave);
            network
                .waves_of
                .entry(row.respondent)
                .or_default()
                .insert(wave);
            if let Some(g) = group {
                network.groups_in_wave.entry(wave).or_default().insert(g);
            }
            if let Some(scores) = network.scores.get_mut(s) {
                let score = row.score.filter(|v| v.is_finite());
                scores
                    .entry((row.respondent, wave))
                    .or_insert((score, group));
            }
        }
        Ok(Prepared {
            instrument: instrument.id.clone(),
            scales,
            waves,
            group_column: column_name.cloned(),
            groups,
            networks,
        })
    }

    /// The index of a wave named in the options.
    fn wave(&self, label: &str) -> Result<usize, EffectError> {
        self.waves
            .find(label)
            .ok_or_else(|| EffectError::UnknownWave {
                wave: label.to_owned(),
                waves: self.waves.display.clone(),
            })
    }

    /// `column=value` for a group value.
    fn group_label(&self, group: usize) -> String {
        format!(
            "{}={}",
            self.group_column.as_deref().unwrap_or_default(),
            self.groups.label(group)
        )
    }
}

impl NetworkScores {
    /// The pairs of waves to compare (see the module documentation).
    fn pairs(&self, from: Option<usize>, to: Option<usize>) -> Vec<(usize, usize)> {
        let first = self.present.first().copied();
        match (from, to) {
            (Some(f), Some(t)) => {
                if self.present.contains(&f) || self.present.contains(&t) {
                    vec![(f, t)]
                } else {
                    Vec::new()
                }
            }
            (Some(f), None) => self
                .present
                .iter()
                .filter(|&&w| w > f)
                .map(|&w| (f, w))
                .collect(),
            (None, Some(t)) => first
                .filter(|&f| f < t)
                .map(|f| (f, t))
                .into_iter()
                .collect(),
            (None, None) => match first {
                Some(f) => self.present.iter().skip(1).map(|&w| (f, w)).collect(),
                None => Vec::new(),
            },
        }
    }

    /// Whether the network has rows (with or without a score) for a scale; a scale without
    /// any gets no rows in the output.
    fn has_scale(&self, scale: usize) -> bool {
        self.scores.get(scale).is_some_and(|s| !s.is_empty())
    }

    /// Whether any respondent has a response in both waves.
    fn any_respondent_in_both(&self, a: usize, b: usize) -> bool {
        self.waves_of
            .values()
            .any(|waves| waves.contains(&a) && waves.contains(&b))
    }

    /// The usable scores of one scale in one wave, in respondent order.
    fn in_wave(&self, scale: usize, wave: usize) -> Vec<Observed> {
        self.scores
            .get(scale)
            .into_iter()
            .flatten()
            .filter(|((_, w), _)| *w == wave)
            .filter_map(|(&(respondent, _), &(score, group))| {
                Some(Observed {
                    respondent,
                    score: score?,
                    group,
                })
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------
// Labels of waves and group values.

/// The distinct labels of waves or group values, in their order. Labels that differ only in
/// case (or spacing, hyphens, underscores) are one label; it is shown as declared, else in
/// the alphabetically first of its spellings, so the result does not depend on row order.
struct Labels {
    display: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Labels {
    /// Declared labels first, in their order; then the other labels that occur, by `order`.
    fn new<'s>(
        declared: &[&str],
        found: impl Iterator<Item = &'s str>,
        order: impl Fn(&str, &str) -> Ordering,
    ) -> Labels {
        let mut labels = Labels {
            display: Vec::new(),
            index: BTreeMap::new(),
        };
        for label in declared {
            labels.push(fold(label), label);
        }
        let mut spellings: BTreeMap<String, &str> = BTreeMap::new();
        for label in found {
            let key = fold(label);
            if labels.index.contains_key(&key) {
                continue;
            }
            let spelling = spellings.entry(key).or_insert(label);
            if label < *spelling {
                *spelling = label;
            }
        }
        let mut rest: Vec<(String, &str)> = spellings.into_iter().collect();
        rest.sort_by(|a, b| order(a.1, b.1).then_with(|| a.0.cmp(&b.0)));
        for (key, label) in rest {
            labels.push(key, label);
        }
        labels
    }

    fn push(&mut self, key: String, label: &str) {
        if !self.index.contains_key(&key) {
            self.index.insert(key, self.display.len());
            self.display.push(label.trim().to_owned());
        }
    }

    fn find(&self, label: &str) -> Option<usize> {
        self.index.get(&fold(label)).copied()
    }

    fn label(&self, index: usize) -> &str {
        self.display.get(index).map_or("", String::as_str)
    }
}

/// The order of wave labels that the instrument does not declare: words for "before" first
/// and words for "after" last, otherwise natural order (`T2` before `T10`).
pub fn wave_order(a: &str, b: &str) -> Ordering {
    fn rank(label: &str) -> u8 {
        match fold(label).as_str() {
            "voor" | "voormeting" | "pre" | "baseline" | "start" => 0,
            "na" | "nameting" | "post" | "eind" | "eindmeting" => 2,
            _ => 1,
        }
    }
    rank(a)
        .cmp(&rank(b))
        .then_with(|| natural_order(&fold(a), &fold(b)))
}

/// Compares texts with runs of digits compared as numbers (`t2 < t10`).
fn natural_order(a: &str, b: &str) -> Ordering {
    let (chunks_a, chunks_b) = (chunks(a), chunks(b));
    for (x, y) in chunks_a.iter().zip(&chunks_b) {
        let order = match (digits(x), digits(y)) {
            (Some(p), Some(q)) => p
                .len()
                .cmp(&q.len())
                .then_with(|| p.cmp(q))
                .then_with(|| x.len().cmp(&y.len())),
            _ => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    chunks_a.len().cmp(&chunks_b.len())
}

/// A text cut into runs of ASCII digits and runs of anything else.
fn chunks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut digits = None;
    for (i, ch) in text.char_indices() {
        let is_digit = ch.is_ascii_digit();
        if digits.is_some_and(|d| d != is_digit) {
            out.push(&text[start..i]);
            start = i;
        }
        digits = Some(is_digit);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// For a run of ASCII digits: the digits without leading zeros; `None` for other text.
fn digits(chunk: &str) -> Option<&str> {
    (!chunk.is_empty() && chunk.bytes().all(|b| b.is_ascii_digit()))
        .then(|| chunk.trim_start_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::scoring::ScoreRow;
    use crate::spec::instrument::load_instrument;
    use std::path::Path;

    fn instrument(name: &str) -> Instrument {
        load_instrument(name, Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn score(
        respondent: u32,
        wave: &str,
        group: Option<&str>,
        scale: &str,
        score: Option<f64>,
    ) -> ScoreRow {
        ScoreRow {
            network: "wedde".into(),
            respondent: RespondentIndex(respondent),
            wave: wave.into(),
            groups: vec![group.map(str::to_owned)],
            scale: scale.into(),
            answered: 1,
            score,
        }
    }

    fn table(instrument: &Instrument, group: &str, rows: Vec<ScoreRow>) -> ScoreTable {
        ScoreTable {
            instrument: instrument.id.clone(),
            group_columns: vec![group.to_owned()],
            rows,
        }
    }

    /// Scores of one scale in two waves, respondent `i` at position `i` of both lists
    /// (`None`: no response in that wave).
    fn two_waves(
        scale: &str,
        waves: [&str; 2],
        before: &[Option<f64>],
        after: &[Option<f64>],
    ) -> Vec<ScoreRow> {
        let mut rows = Vec::new();
        for (wave, scores) in waves.iter().zip([before, after]) {
            for (i, s) in scores.iter().enumerate() {
                if let Some(s) = s {
                    rows.push(score(i as u32, wave, None, scale, Some(*s)));
                }
            }
        }
        rows
    }

    fn all(values: &[f64]) -> Vec<Option<f64>> {
        values.iter().copied().map(Some).collect()
    }

    #[track_caller]
    fn close(got: Option<f64>, want: f64) {
        let got = got.unwrap_or_else(|| panic!("expected {want}, got None"));
        let tolerance = 1e-9 * want.abs().max(1e-3);
        assert!((got - want).abs() <= tolerance, "got {got}, want {want}");
    }

    fn alle<T>(rows: &[T], group: impl Fn(&T) -> &str) -> Vec<&T> {
        rows.iter().filter(|r| group(r) == ALL).collect()
    }

    /// The MDO evaluation (`voor`/`na`, mean of five items 1–5, MIC 0.5, cut-off ≥ 4) of ten
    /// members. Differences 0.6, 0.2, 1.0, −0.4, 1.4, 0.8, 1.2, −1.6, −1.8, 2.0: no ties and
    /// no zeros, so scipy's exact signed-rank test and R's agree.
    const VOOR: [f64; 10] = [2.4, 3.0, 2.2, 3.6, 2.8, 3.2, 1.8, 2.6, 3.4, 2.0];
    const NA: [f64; 10] = [3.0, 3.2, 3.2, 3.2, 4.2, 4.0, 3.0, 1.0, 1.6, 4.0];

    #[test]
    fn paired_figures_match_scipy() {
        let mdo = instrument("mdo-evaluatie");
        let rows = two_waves("mdo_totaal", ["voor", "na"], &all(&VOOR), &all(&NA));
        let table = table(&mdo, "discipline", rows);
        let options = EffectOptions::default();

        let result = before_after(&table, &mdo, &options).unwrap();
        assert_eq!(result.len(), 1);
        let row = &result[0];
        assert_eq!(
            (
                row.network_id.as_str(),
                row.instrument.as_str(),
                row.scale.as_str(),
                row.group.as_str(),
                row.wave_from.as_str(),
                row.wave_to.as_str()
            ),
            ("wedde", "mdo-evaluatie", "mdo_totaal", "alle", "voor", "na")
        );
        assert_eq!((row.n_paired, row.n_from, row.n_to), (10, 10, 10));
        assert_eq!(
            (row.paired, row.suppressed, row.method),
            (true, false, Method::PairedT)
        );
        // Reference: scipy 1.17.1, with x = NA, y = VOOR:
        // scipy.stats.ttest_rel(x, y) and its .confidence_interval(0.95);
        // scipy.stats.wilcoxon(x, y) (exact; statistic 19 = min(W+, W-), R's V = 36);
        // d_z = mean(x - y) / std(x - y, ddof=1) with numpy.
        close(row.mean_from, 2.7);
        close(row.mean_to, 3.04);
        close(row.mean_diff, 0.34);
        close(row.ci_low, -0.5599481777420652);
        close(row.ci_high, 1.2399481777420653);
        close(row.p_ttest, 0.41491933318833435);
        close(row.p_wilcoxon, 0.431640625);
        close(row.cohen_dz, 0.27026150399043963);
        // MIC 0.5: improved 0.6, 1.0, 1.4, 0.8, 1.2, 2.0; unchanged 0.2, −0.4; worse −1.6, −1.8.
        assert_eq!(
            (row.pct_improved, row.pct_unchanged, row.pct_worse),
            (Some(60.0), Some(20.0), Some(20.0))
        );

        let waves = wave_summaries(&table, &mdo, &options).unwrap();
        let labels: Vec<&str> = waves.waves.iter().map(|w| w.wave.as_str()).collect();
        assert_eq!(labels, ["voor", "na"]);
        // Reference: mean ± scipy.stats.t.ppf(0.975, 9) · std(ddof=1) / √10 (scipy 1.17.1).
        let (voor, na) = (&waves.waves[0], &waves.waves[1]);
        assert_eq!((voor.n, voor.suppressed), (10, false));
        close(voor.mean, 2.7);
        close(voor.ci_low, 2.266829882066366);
        close(voor.ci_high, 3.133170117933634);
        close(na.ci_low, 2.3048859332842024);
        close(na.ci_high, 3.7751140667157976);
        // Cut-off `positief` (≥ 4): 0 of 10 before, 3 of 10 after (4.2, 4.0, 4.0). Reference:
        // scipy.stats.binomtest(k, 10).proportion_ci(0.95, method="wilson") (scipy 1.17.1).
        let cut: Vec<_> = waves
            .cutoffs
            .iter()
            .map(|c| (c.wave.as_str(), c.cutoff.as_str(), c.n_above))
            .collect();
        assert_eq!(
            cut,
            [("voor", "positief", Some(0)), ("na", "positief", Some(3))]
        );
        close(waves.cutoffs[0].ci_low, 0.0);
        close(waves.cutoffs[0].ci_high, 27.753279986288927);
        close(waves.cutoffs[1].pct, 30.0);
        close(waves.cutoffs[1].ci_low, 10.779126740630103);
        close(waves.cutoffs[1].ci_high, 60.322185253885465);
    }

    #[test]
    fn nine_respondents_are_suppressed_ten_are_shown() {
        let mdo = instrument("mdo-evaluatie");
        let options = EffectOptions::default();

        let nine = two_waves(
            "mdo_totaal",
            ["voor", "na"],
            &all(&VOOR[..9]),
            &all(&NA[..9]),
        );
        let table_nine = table(&mdo, "discipline", nine);
        let row = &before_after(&table_nine, &mdo, &options).unwrap()[0];
        assert!(row.suppressed);
        assert_eq!((row.n_paired, row.n_from, row.n_to), (9, 9, 9));
        assert_eq!(
            [
                row.mean_from,
                row.mean_to,
                row.mean_diff,
                row.ci_low,
                row.ci_high,
                row.p_ttest,
                row.p_wilcoxon,
                row.cohen_dz,
                row.pct_improved,
                row.pct_unchanged,
                row.pct_worse
            ],
            [None; 11]
        );
        let waves = wave_summaries(&table_nine, &mdo, &options).unwrap();
        assert!(
            waves
                .waves
                .iter()
                .all(|w| w.suppressed && w.mean.is_none() && w.n == 9)
        );
        assert!(
            waves
                .cutoffs
                .iter()
                .all(|c| c.suppressed && c.n_above.is_none() && c.pct.is_none() && c.n == 9)
        );

        let ten = two_waves("mdo_totaal", ["voor", "na"], &all(&VOOR), &all(&NA));
        let row = &before_after(&table(&mdo, "discipline", ten), &mdo, &options).unwrap()[0];
        assert!(!row.suppressed);
        assert!(row.mean_diff.is_some() && row.p_ttest.is_some());

        // Ten per wave but only nine in both: the paired n decides.
        let mut before = all(&VOOR);
        before.push(Some(3.0));
        let mut after = all(&NA[..9]);
        after.extend([None, None, Some(2.0)]);
        let rows = two_waves("mdo_totaal", ["voor", "na"], &before, &after);
        let row = &before_after(&table(&mdo, "discipline", rows), &mdo, &options).unwrap()[0];
        assert_eq!(
            (row.n_paired, row.n_from, row.n_to, row.suppressed),
            (9, 11, 10, true)
        );
        assert_eq!(row.method, Method::PairedT);
    }

    /// Life satisfaction 0–10 from an anonymous survey: nobody answered in both waves.
    const T0: [f64; 12] = [5.0, 6.0, 7.0, 4.0, 8.0, 6.0, 5.0, 7.0, 6.0, 9.0, 3.0, 6.0];
    const T1: [f64; 11] = [7.0, 8.0, 6.0, 9.0, 7.0, 8.0, 10.0, 6.0, 7.0, 8.0, 9.0];

    fn anonymous() -> Vec<ScoreRow> {
        let mut rows: Vec<ScoreRow> = T0
            .iter()
            .enumerate()
            .map(|(i, &s)| score(i as u32, "T0", None, "levenstevredenheid", Some(s)))
            .collect();
        rows.extend(
            T1.iter()
                .enumerate()
                .map(|(i, &s)| score(100 + i as u32, "T1", None, "levenstevredenheid", Some(s))),
        );
        rows
    }

    #[test]
    fn unmatched_waves_are_compared_with_welch() {
        let welbevinden = instrument("welbevinden");
        let table = table(&welbevinden, "doelgroep", anonymous());
        let rows = before_after(&table, &welbevinden, &EffectOptions::default()).unwrap();
        let row = alle(&rows, |r| &r.group)[0];
        assert_eq!(row.scale, "levenstevredenheid");
        assert_eq!(
            (row.method, row.paired, row.suppressed),
            (Method::Welch, false, false)
        );
        assert_eq!((row.n_paired, row.n_from, row.n_to), (0, 12, 11));
        // Reference: scipy.stats.ttest_ind(T1, T0, equal_var=False) and its
        // .confidence_interval(0.95) (scipy 1.17.1; df = 20.432224147201143).
        close(row.mean_from, 6.0);
        close(row.mean_to, 7.7272727272727275);
        close(row.mean_diff, 1.7272727272727275);
        close(row.ci_low, 0.4526709964144744);
        close(row.ci_high, 3.0018744581309806);
        close(row.p_ttest, 0.01036715035264683);
        assert_eq!(
            (row.p_wilcoxon, row.cohen_dz, row.pct_improved),
            (None, None, None)
        );

        // Ten in one wave and nine in the other: the smaller n decides.
        let mut short = anonymous();
        short.retain(|r| r.respondent.0 < 10 || r.respondent.0 >= 100 && r.respondent.0 < 109);
        let rows = before_after(
            &self::table(&welbevinden, "doelgroep", short),
            &welbevinden,
            &EffectOptions::default(),
        )
        .unwrap();
        assert_eq!(
            (rows[0].n_from, rows[0].n_to, rows[0].suppressed),
            (10, 9, true)
        );
        assert_eq!(rows[0].mean_diff, None);
    }

    #[test]
    fn unpaired_on_request_even_when_codes_match() {
        let mdo = instrument("mdo-evaluatie");
        let rows = two_waves("mdo_totaal", ["voor", "na"], &all(&VOOR), &all(&NA));
        let options = EffectOptions {
            pairing: Pairing::Unpaired,
            ..EffectOptions::default()
        };
        let row = &before_after(&table(&mdo, "discipline", rows), &mdo, &options).unwrap()[0];
        assert_eq!(
            (row.method, row.n_paired, row.n_from, row.n_to),
            (Method::Welch, 0, 10, 10)
        );
        close(row.mean_diff, 0.34);
        assert_eq!(row.p_wilcoxon, None);
    }

    /// Kaats & Opheij: `gedeelde_ambitie` per role, members answering at T0 and T1.
    fn collaboration(roles: &[(&str, usize)]) -> Vec<ScoreRow> {
        let mut rows = Vec::new();
        let mut respondent = 0;
        for &(role, count) in roles {
            for i in 0..count {
                let before = 2.0 + (i % 3) as f64 * 0.5;
                let after = before + 0.25 * (i % 4) as f64;
                rows.push(score(
                    respondent,
                    "T0",
                    Some(role),
                    "gedeelde_ambitie",
                    Some(before),
                ));
                rows.push(score(
                    respondent,
                    "T1",
                    Some(role),
                    "gedeelde_ambitie",
                    Some(after),
                ));
                respondent += 1;
            }
        }
        rows
    }

    #[test]
    fn groups_by_role_with_complementary_suppression() {
        let kaats = instrument("samenwerking-kaats-opheij");
        let options = EffectOptions {
            by: Some("rol".into()),
            ..EffectOptions::default()
        };
        let rows = collaboration(&[
            ("welzijnsprofessional", 10),
            ("huisarts", 12),
            ("kartrekker", 3),
        ]);
        let table = table(&kaats, "rol", rows);
        let result = before_after(&table, &kaats, &options).unwrap();
        let got: Vec<_> = result
            .iter()
            .map(|r| (r.group.as_str(), r.n_paired, r.suppressed))
            .collect();
        // Declared order of the roles. The kartrekkers are too few; with only them hidden,
        // alle minus the others would give their mean, so the smallest shown role goes too.
        assert_eq!(
            got,
            [
                ("alle", 25, false),
                ("rol=kartrekker", 3, true),
                ("rol=huisarts", 12, false),
                ("rol=welzijnsprofessional", 10, true),
            ]
        );
        // The group's figures are those of its members alone.
        let huisarts = &result[2];
        let members: Vec<_> = (0..12)
            .map(|i| {
                let before = 2.0 + (i % 3) as f64 * 0.5;
                (before, before + 0.25 * (i % 4) as f64)
            })
            .collect();
        let mean_before = members.iter().map(|m| m.0).sum::<f64>() / 12.0;
        let mean_after = members.iter().map(|m| m.1).sum::<f64>() / 12.0;
        close(huisarts.mean_from, mean_before);
        close(huisarts.mean_to, mean_after);

        // The aspects per wave and role are the wave rows, with the same protection.
        let waves = wave_summaries(&table, &kaats, &options).unwrap();
        let got: Vec<_> = waves
            .waves
            .iter()
            .map(|w| (w.group.as_str(), w.wave.as_str(), w.n, w.suppressed))
            .collect();
        assert_eq!(
            got,
            [
                ("alle", "T0", 25, false),
                ("alle", "T1", 25, false),
                ("rol=kartrekker", "T0", 3, true),
                ("rol=kartrekker", "T1", 3, true),
                ("rol=huisarts", "T0", 12, false),
                ("rol=huisarts", "T1", 12, false),
                ("rol=welzijnsprofessional", "T0", 10, true),
                ("rol=welzijnsprofessional", "T1", 10, true),
            ]
        );
        close(waves.waves[4].mean, mean_before);

        // With every role large enough nothing is hidden.
        let rows = collaboration(&[("welzijnsprofessional", 10), ("huisarts", 12)]);
        let result = before_after(&self::table(&kaats, "rol", rows), &kaats, &options).unwrap();
        assert!(result.iter().all(|r| !r.suppressed), "{result:?}");
    }

    #[test]
    fn a_respondent_counts_in_the_group_of_the_earlier_wave() {
        let kaats = instrument("samenwerking-kaats-opheij");
        let options = EffectOptions {
            by: Some("Rol".into()),
            min_n: 1,
            ..EffectOptions::default()
        };
        let rows = vec![
            score(0, "T0", Some("huisarts"), "totaal", Some(3.0)),
            score(0, "T1", Some("kartrekker"), "totaal", Some(4.0)),
            score(1, "T0", None, "totaal", Some(2.0)),
            score(1, "T1", Some("huisarts"), "totaal", Some(2.5)),
        ];
        let result = before_after(&table(&kaats, "rol", rows), &kaats, &options).unwrap();
        let got: Vec<_> = result
            .iter()
            .map(|r| (r.group.as_str(), r.n_paired, r.n_from, r.n_to, r.mean_diff))
            .collect();
        assert_eq!(
            got,
            [
                ("alle", 2, 2, 2, Some(0.75)),
                ("rol=kartrekker", 0, 0, 1, None),
                ("rol=huisarts", 2, 1, 1, Some(0.75)),
            ]
        );
    }

    #[test]
    fn pairs_of_waves_follow_the_wave_order() {
        let welbevinden = instrument("welbevinden");
        let mut rows = Vec::new();
        for wave in ["T10", "t2", "T0", "T2"] {
            for i in 0..3 {
                rows.push(score(
                    i,
                    wave,
                    None,
                    "levenstevredenheid",
                    Some(5.0 + i as f64),
                ));
            }
        }
        let table = table(&welbevinden, "doelgroep", rows);
        let pairs = |options: EffectOptions| -> Vec<(String, String)> {
            before_after(&table, &welbevinden, &options)
                .unwrap()
                .into_iter()
                .filter(|r| r.scale == "levenstevredenheid")
                .map(|r| (r.wave_from, r.wave_to))
                .collect()
        };
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        // `t2` and `T2` are one wave; T10 comes after T2.
        assert_eq!(
            pairs(EffectOptions::default()),
            [pair("T0", "T2"), pair("T0", "T10")]
        );
        let from = |w: &str| EffectOptions {
            from: Some(w.into()),
            ..EffectOptions::default()
        };
        assert_eq!(pairs(from("t2")), [pair("T2", "T10")]);
        let to = EffectOptions {
            to: Some("T10".into()),
            ..EffectOptions::default()
        };
        assert_eq!(pairs(to), [pair("T0", "T10")]);
        let both = EffectOptions {
            from: Some("T10".into()),
            to: Some("T0".into()),
            ..EffectOptions::default()
        };
        assert_eq!(pairs(both), [pair("T10", "T0")]);

        assert_eq!(wave_order("voor", "na"), Ordering::Less);
        assert_eq!(wave_order("Nameting", "voormeting"), Ordering::Greater);
        assert_eq!(wave_order("T9", "T10"), Ordering::Less);
        assert_eq!(wave_order("T02", "T10"), Ordering::Less);
        assert_eq!(wave_order("meting 1", "meting 1b"), Ordering::Less);
        assert_eq!(natural_order("", "a"), Ordering::Less);
    }

    #[test]
    fn declared_waves_come_in_declared_order() {
        let kaats = instrument("samenwerking-kaats-opheij");
        let rows = vec![
            score(0, "T2", None, "totaal", Some(3.0)),
            score(0, "T0", None, "totaal", Some(3.0)),
            score(0, "T1", None, "totaal", Some(3.0)),
        ];
        let waves = wave_summaries(
            &table(&kaats, "rol", rows),
            &kaats,
            &EffectOptions::default(),
        )
        .unwrap();
        let labels: Vec<&str> = waves.waves.iter().map(|w| w.wave.as_str()).collect();
        assert_eq!(labels, ["T0", "T1", "T2"]);
    }

    #[test]
    fn options_that_name_nothing_are_refused() {
        let kaats = instrument("samenwerking-kaats-opheij");
        let table = table(
            &kaats,
            "rol",
            vec![score(0, "T0", None, "totaal", Some(3.0))],
        );
        let err = |options: EffectOptions| {
            before_after(&table, &kaats, &options)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err(EffectOptions {
                by: Some("leeftijd".into()),
                ..EffectOptions::default()
            }),
            "there is no grouping column \"leeftijd\" in the responses; the grouping columns are: rol"
        );
        assert_eq!(
            err(EffectOptions {
                from: Some("T3".into()),
                ..EffectOptions::default()
            }),
            "there is no wave \"T3\"; the waves are: T0, T1, T2"
        );
        assert_eq!(
            err(EffectOptions {
                from: Some("t1".into()),
                to: Some("T1".into()),
                ..EffectOptions::default()
            }),
            "the waves to compare are both \"T1\": a wave cannot be compared with itself"
        );
        let welbevinden = instrument("welbevinden");
        assert_eq!(
            before_after(&table, &welbevinden, &EffectOptions::default())
                .unwrap_err()
                .to_string(),
            "the scores are of instrument \"samenwerking-kaats-opheij\", not of \"welbevinden\""
        );
        let mut other = table.clone();
        other.rows[0].scale = "sfeer".into();
        assert!(matches!(
            wave_summaries(&other, &kaats, &EffectOptions::default()),
            Err(EffectError::UnknownScale { .. })
        ));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let mdo = instrument("mdo-evaluatie");
        let options = EffectOptions {
            min_n: 0,
            level: f64::NAN,
            ..EffectOptions::default()
        };
        let empty = table(&mdo, "discipline", vec![]);
        assert_eq!(before_after(&empty, &mdo, &options).unwrap(), []);
        assert_eq!(
            wave_summaries(&empty, &mdo, &options).unwrap(),
            WaveTables::default()
        );

        let mut rows = vec![
            score(0, "voor", None, "mdo_totaal", Some(f64::NAN)),
            score(0, "na", None, "mdo_totaal", Some(3.0)),
            score(1, "voor", None, "mdo_totaal", Some(2.0)),
            // A second row for respondent 1 and wave `voor`: the first counts.
            score(1, "VOOR", None, "mdo_totaal", Some(5.0)),
            score(1, "na", None, "mdo_totaal", Some(f64::INFINITY)),
            score(2, "voor", None, "mdo_totaal", None),
            score(2, "na", None, "mdo_totaal", Some(2.0)),
        ];
        rows[2].groups.clear();
        let odd = table(&mdo, "discipline", rows);
        let row = &before_after(&odd, &mdo, &options).unwrap()[0];
        assert_eq!((row.n_paired, row.n_from, row.n_to), (0, 1, 2));
        assert_eq!(row.method, Method::PairedT);
        let waves = wave_summaries(&odd, &mdo, &options).unwrap();
        assert_eq!(waves.waves[0].mean, Some(2.0));
        assert_eq!(waves.waves[0].ci_low, None);
        assert_eq!(waves.cutoffs[1].n_above, Some(0));
        assert_eq!(waves.cutoffs[1].ci_low, None);
    }

    /// A small deterministic generator (64-bit LCG), so the test needs no extra crate.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    /// Checks that a family's shown parts leave a hidden rest of 0 or at least `min_n`.
    #[track_caller]
    fn check_rest(total: usize, shown_parts: usize, min_n: usize) {
        let rest = total - shown_parts;
        assert!(rest == 0 || rest >= min_n, "rest {rest} of {total} exposed");
    }

    #[test]
    fn random_tables_keep_the_disclosure_rules() {
        let kaats = instrument("samenwerking-kaats-opheij");
        let mut random = Lcg(7);
        let waves = ["T0", "T1", "t1", "T2"];
        let roles = [None, Some("huisarts"), Some("kartrekker"), Some("inwoner")];
        let scales = ["totaal", "gedeelde_ambitie"];
        // Rows hidden only by complementary suppression: the test must meet some.
        let mut complementary = 0;
        for round in 0..200 {
            let mut rows = Vec::new();
            for _ in 0..random.below(120) {
                let score = match random.below(10) {
                    0 => None,
                    1 => Some(f64::NAN),
                    v => Some(1.0 + v as f64 / 3.0),
                };
                let mut row = self::score(
                    random.below(40) as u32,
                    waves[random.below(4) as usize],
                    roles[random.below(4) as usize],
                    scales[random.below(2) as usize],
                    score,
                );
                if random.below(2) == 0 {
                    row.network = "oost".into();
                }
                rows.push(row);
            }
            let min_n = random.below(12) as usize;
            let options = EffectOptions {
                by: Some("rol".into()),
                min_n,
                pairing: if round % 5 == 0 {
                    Pairing::Unpaired
                } else {
                    Pairing::Auto
                },
                ..EffectOptions::default()
            };
            let table = table(&kaats, "rol", rows);
            let result = before_after(&table, &kaats, &options).unwrap();
            let mut families: BTreeMap<(String, String, String, String), Vec<&BeforeAfterRow>> =
                BTreeMap::new();
            for row in &result {
                let sizes = match row.method {
                    Method::PairedT => vec![row.n_paired],
                    Method::Welch => vec![row.n_from, row.n_to],
                };
                if row.suppressed {
                    assert!(
                        row.mean_from.is_none() && row.pct_worse.is_none() && row.p_ttest.is_none()
                    );
                    if sizes.iter().all(|&n| n >= min_n) {
                        complementary += 1;
                    }
                } else {
                    assert!(sizes.iter().all(|&n| n >= min_n), "{row:?}");
                }
                let key = (
                    row.network_id.clone(),
                    row.scale.clone(),
                    row.wave_from.clone(),
                    row.wave_to.clone(),
                );
                families.entry(key).or_default().push(row);
            }
            for family in families.values() {
                let (total, groups) = family.split_first().unwrap();
                assert_eq!(total.group, ALL);
                assert!(groups.iter().all(|g| g.method == total.method));
                if total.suppressed {
                    assert!(groups.iter().all(|g| g.suppressed));
                    continue;
                }
                let shown: Vec<&&BeforeAfterRow> =
                    groups.iter().filter(|g| !g.suppressed).collect();
                match total.method {
                    Method::PairedT => check_rest(
                        total.n_paired,
                        shown.iter().map(|g| g.n_paired).sum(),
                        min_n,
                    ),
                    Method::Welch => {
                        check_rest(total.n_from, shown.iter().map(|g| g.n_from).sum(), min_n);
                        check_rest(total.n_to, shown.iter().map(|g| g.n_to).sum(), min_n);
                    }
                }
            }

            let summaries = wave_summaries(&table, &kaats, &options).unwrap();
            let mut families: BTreeMap<(String, String, String), Vec<&WaveRow>> = BTreeMap::new();
            for row in &summaries.waves {
                if row.suppressed {
                    assert!(row.mean.is_none() && row.ci_low.is_none());
                } else {
                    assert!(row.n >= min_n);
                }
                let key = (row.network_id.clone(), row.scale.clone(), row.wave.clone());
                families.entry(key).or_default().push(row);
            }
            for family in families.values() {
                let (total, groups) = family.split_first().unwrap();
                if !total.suppressed {
                    let shown = groups.iter().filter(|g| !g.suppressed).map(|g| g.n).sum();
                    check_rest(total.n, shown, min_n);
                }
            }
            for cutoff in &summaries.cutoffs {
                let wave = summaries
                    .waves
                    .iter()
                    .find(|w| {
                        w.network_id == cutoff.network_id
                            && w.scale == cutoff.scale
                            && w.group == cutoff.group
                            && w.wave == cutoff.wave
                    })
                    .unwrap();
                assert_eq!(cutoff.suppressed, wave.suppressed);
                assert_eq!(cutoff.n_above.is_none(), cutoff.suppressed);
            }
        }
        assert!(complementary > 0);
    }
}
