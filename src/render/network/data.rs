//! The data of a network report as `netwerk.typ` reads them (`data.json`):
//! texts resolved in the report's language, codes for styling, numbers as
//! numbers (and as text where the report shows them formatted).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compute::activity::MatchRow;
use crate::compute::findings::Direction;
use crate::compute::findings::network::Suppression;

use super::InputLine;

#[derive(Serialize)]
pub struct NetworkReport {
    pub(super) lang: &'static str,
    /// The one thousands separator of the language (`render::words`).
    pub(super) thousands_separator: String,
    /// Every fixed label and sentence of the template (`network-…` keys of
    /// the catalogue without the prefix), resolved.
    pub(super) labels: BTreeMap<&'static str, String>,
    pub(super) generated: String,
    pub(super) run: RunInfo,
    pub(super) network: NetworkInfo,
    pub(super) phases: Vec<PhaseLine>,
    pub(super) timeline: Timeline,
    pub(super) partners: Vec<PartnerGroup>,
    pub(super) checklist: Vec<CheckItem>,
    pub(super) summary: Vec<Statement>,
    pub(super) areas: AreaSection,
    /// The network's areas on a map (`render::network_map`).
    pub(super) map: Option<crate::render::network_map::NetworkMap>,
    pub(super) residents: Vec<InstrumentBlock>,
    pub(super) collaboration: Option<Collaboration>,
    pub(super) activity: Activity,
    pub(super) methods: Methods,
}

#[derive(Serialize)]
pub(super) struct RunInfo {
    pub(super) name: String,
    /// The pipeline's year, else the year of the run's date.
    pub(super) year: i32,
}

#[derive(Serialize)]
pub(super) struct NetworkInfo {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) gemeente_code: String,
    pub(super) gemeente_name: String,
    pub(super) start_date: String,
    pub(super) target_group: String,
    pub(super) ambition: String,
    pub(super) initiator: String,
    pub(super) initiator_label: String,
    pub(super) approach: String,
    pub(super) approach_label: String,
    pub(super) perspective: String,
    pub(super) perspective_label: String,
    pub(super) kartrekker_role: String,
    pub(super) funding: String,
    pub(super) funding_label: String,
    pub(super) funded_until: String,
    pub(super) phase: String,
    pub(super) phase_label: String,
    /// The facts of the register in the order of the report; `value` is
    /// empty when the register leaves it open.
    pub(super) facts: Vec<Fact>,
}

#[derive(Serialize)]
pub(super) struct Fact {
    pub(super) label: String,
    pub(super) value: String,
}

#[derive(Serialize)]
pub(super) struct PhaseLine {
    pub(super) phase: &'static str,
    pub(super) label: String,
    pub(super) reached: bool,
    pub(super) date: Option<String>,
    pub(super) date_label: String,
    pub(super) position: Option<f64>,
}

#[derive(Serialize)]
pub(super) struct Timeline {
    pub(super) start_label: String,
    pub(super) end_label: String,
    pub(super) years: Vec<i32>,
    pub(super) year_positions: Vec<f64>,
    pub(super) today_position: f64,
    pub(super) alt: String,
}

#[derive(Serialize)]
pub(super) struct PartnerGroup {
    pub(super) domain: &'static str,
    pub(super) label: String,
    pub(super) names: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct CheckItem {
    pub(super) item: String,
    pub(super) status: &'static str,
    pub(super) status_label: String,
    pub(super) basis: String,
}

#[derive(Serialize)]
pub(super) struct Statement {
    pub(super) topic: &'static str,
    pub(super) topic_label: String,
    pub(super) text: String,
    pub(super) n: Option<usize>,
    /// `n = 31`, `–` without n.
    pub(super) n_label: String,
    pub(super) direction: Direction,
}

#[derive(Serialize)]
pub(super) struct AreaSection {
    pub(super) missing_reason: String,
    pub(super) areas: Vec<AreaBlock>,
    pub(super) costs: Option<CostSentence>,
}

#[derive(Serialize)]
pub(super) struct AreaBlock {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) level_label: String,
    pub(super) indicators: Vec<AreaIndicator>,
}

#[derive(Serialize)]
pub(super) struct AreaIndicator {
    pub(super) label: String,
    pub(super) unit_label: String,
    pub(super) digits: u8,
    pub(super) value: Option<f64>,
    pub(super) gemeente_value: Option<f64>,
    pub(super) nl_value: Option<f64>,
    pub(super) vs_gemeente: &'static str,
    pub(super) vs_gemeente_label: String,
    pub(super) vs_nl: &'static str,
    pub(super) vs_nl_label: String,
    pub(super) quintile_nl: Option<u8>,
    pub(super) quintile_label: String,
    pub(super) value_text: String,
    pub(super) gemeente_value_text: String,
    pub(super) nl_value_text: String,
    pub(super) period: Option<i32>,
}

#[derive(Serialize)]
pub(super) struct CostSentence {
    pub(super) gemeente_name: String,
    pub(super) year: Option<i32>,
    pub(super) total_std: Option<f64>,
    pub(super) nl_total: Option<f64>,
    pub(super) ratio: Option<f64>,
    pub(super) text: String,
    pub(super) gemeente_label: String,
    pub(super) total_std_text: String,
    pub(super) nl_total_text: String,
    pub(super) ratio_text: String,
    pub(super) note: String,
}

#[derive(Serialize)]
pub(super) struct InstrumentBlock {
    pub(super) instrument: String,
    pub(super) name: String,
    pub(super) respondents_label: String,
    pub(super) note: String,
    pub(super) wave_from: String,
    pub(super) wave_to: String,
    pub(super) absent_reason: String,
    pub(super) spider: Option<Spider>,
    pub(super) interval_alt: String,
    pub(super) scales: Vec<ScaleLine>,
    pub(super) waves: Vec<WaveLine>,
    pub(super) cutoffs: Vec<CutoffLine>,
}

#[derive(Serialize)]
pub(super) struct Spider {
    pub(super) axes: Vec<String>,
    pub(super) from: Vec<Option<f64>>,
    pub(super) to: Vec<Option<f64>>,
    pub(super) n: usize,
    pub(super) suppressed: bool,
    /// Why not shown, in words (without a "not shown" prefix).
    pub(super) suppressed_reason: String,
    pub(super) suppression: Option<Suppression>,
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) alt: String,
}

#[derive(Serialize)]
pub(super) struct ScaleLine {
    pub(super) label: String,
    pub(super) n_paired: usize,
    pub(super) n_from: usize,
    pub(super) n_to: usize,
    pub(super) mean_from: Option<f64>,
    pub(super) mean_to: Option<f64>,
    pub(super) mean_diff: Option<f64>,
    pub(super) ci_low: Option<f64>,
    pub(super) ci_high: Option<f64>,
    /// The figures as the report prints them (`render::words`): means,
    /// the signed difference, its interval `(−0,1 tot 0,7)`, d_z.
    pub(super) mean_from_text: String,
    pub(super) mean_to_text: String,
    pub(super) mean_diff_text: String,
    pub(super) ci_text: String,
    pub(super) cohen_dz_text: String,
    pub(super) p_ttest: Option<f64>,
    pub(super) p_wilcoxon: Option<f64>,
    /// The p-values as the table shows them (`< 0,001`, `0,032`).
    pub(super) p_ttest_text: String,
    pub(super) p_wilcoxon_text: String,
    pub(super) cohen_dz: Option<f64>,
    pub(super) pct_improved: Option<f64>,
    pub(super) pct_unchanged: Option<f64>,
    pub(super) pct_worse: Option<f64>,
    pub(super) paired: bool,
    pub(super) method_label: String,
    pub(super) suppressed: bool,
    /// Why not shown, in words (without a "not shown" prefix).
    pub(super) suppressed_reason: String,
    pub(super) suppression: Option<Suppression>,
    pub(super) polarity: &'static str,
    pub(super) polarity_label: String,
    /// The colour of the change: its 95% interval given the polarity.
    pub(super) direction: Direction,
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) digits: u8,
}

#[derive(Serialize)]
pub(super) struct WaveLine {
    pub(super) scale_label: String,
    pub(super) wave: String,
    pub(super) n: usize,
    pub(super) mean: Option<f64>,
    pub(super) ci_low: Option<f64>,
    pub(super) ci_high: Option<f64>,
    /// The mean and its interval as printed, with the scale's decimals.
    pub(super) mean_text: String,
    pub(super) ci_text: String,
    pub(super) suppressed: bool,
    /// Why not shown, in words (without a "not shown" prefix).
    pub(super) suppressed_reason: String,
    pub(super) suppression: Option<Suppression>,
}

#[derive(Serialize)]
pub(super) struct CutoffLine {
    pub(super) scale_label: String,
    pub(super) cutoff_label: String,
    pub(super) wave: String,
    pub(super) n: usize,
    pub(super) pct: Option<f64>,
    pub(super) ci_low: Option<f64>,
    pub(super) ci_high: Option<f64>,
    /// The share (`12,5%`) and its interval as printed.
    pub(super) pct_text: String,
    pub(super) ci_text: String,
    pub(super) suppressed: bool,
    /// Why not shown, in words (without a "not shown" prefix).
    pub(super) suppressed_reason: String,
    pub(super) suppression: Option<Suppression>,
}

#[derive(Serialize)]
pub(super) struct Collaboration {
    pub(super) name: String,
    /// The sentence introducing the chart.
    pub(super) intro: String,
    pub(super) waves: Vec<String>,
    pub(super) wave_labels: Vec<String>,
    pub(super) alt: String,
    pub(super) aspects: Vec<AspectLine>,
    pub(super) roles: Vec<RoleBlock>,
    pub(super) min: f64,
    pub(super) max: f64,
}

#[derive(Serialize)]
pub(super) struct AspectLine {
    pub(super) label: String,
    /// The total score over all items, not one of the aspects.
    pub(super) is_total: bool,
    pub(super) waves: Vec<AspectWave>,
}

#[derive(Serialize)]
pub(super) struct AspectWave {
    pub(super) wave: String,
    pub(super) n: usize,
    pub(super) mean: Option<f64>,
    pub(super) ci_low: Option<f64>,
    pub(super) ci_high: Option<f64>,
    /// The mean and its interval as printed.
    pub(super) mean_text: String,
    pub(super) ci_text: String,
    pub(super) suppressed: bool,
    /// Why not shown, in words (without a "not shown" prefix).
    pub(super) suppressed_reason: String,
    pub(super) suppression: Option<Suppression>,
}

#[derive(Serialize)]
pub(super) struct RoleBlock {
    pub(super) role: String,
    pub(super) role_label: String,
    pub(super) aspects: Vec<AspectLine>,
}

#[derive(Serialize)]
pub(super) struct Activity {
    pub(super) missing_reason: String,
    pub(super) matches: Option<MatchSection>,
    pub(super) questions: Option<QuestionSection>,
}

#[derive(Serialize)]
pub(super) struct MatchSection {
    pub(super) alt: String,
    pub(super) rows: Vec<MatchLine>,
}

#[derive(Serialize)]
pub(super) struct MatchLine {
    #[serde(flatten)]
    pub(super) row: MatchRow,
    /// The row of all years together.
    pub(super) is_total: bool,
    pub(super) period_label: String,
    /// The reference date in words (`1 maart 2025`), empty without one.
    pub(super) reference_date_label: String,
    /// The intervals of the row's shares as printed (`(70% tot 91%)`);
    /// empty without an interval.
    pub(super) pct_matched_ci_text: String,
    pub(super) pct_followup_on_time_ci_text: String,
    pub(super) pct_volunteer_ok_ci_text: String,
    pub(super) pct_satisfied_ci_text: String,
}

#[derive(Serialize)]
pub(super) struct QuestionSection {
    pub(super) alt: String,
    pub(super) quarters: Vec<QuarterLine>,
    pub(super) change: Option<ChangeLine>,
}

#[derive(Serialize)]
pub(super) struct QuarterLine {
    pub(super) quarter: String,
    pub(super) quarter_label: String,
    pub(super) questions: Option<usize>,
    pub(super) non_medical: Option<usize>,
    pub(super) non_medical_in_community: Option<usize>,
    pub(super) pct: Option<f64>,
    pub(super) ci_low: Option<f64>,
    pub(super) ci_high: Option<f64>,
    pub(super) suppressed: bool,
    /// Why not shown, in words (without a "not shown" prefix).
    pub(super) suppressed_reason: String,
    pub(super) suppression: Option<Suppression>,
}

#[derive(Serialize)]
pub(super) struct ChangeLine {
    pub(super) year_first: i32,
    pub(super) year_last: i32,
    pub(super) n_first: Option<usize>,
    pub(super) n_last: Option<usize>,
    pub(super) pct_first: Option<f64>,
    pub(super) pct_last: Option<f64>,
    pub(super) diff: Option<f64>,
    pub(super) ci_low: Option<f64>,
    pub(super) ci_high: Option<f64>,
    pub(super) suppressed: bool,
    pub(super) text: String,
}

#[derive(Serialize)]
pub(super) struct Methods {
    pub(super) min_n: usize,
    pub(super) inputs: Vec<InputNote>,
    pub(super) instruments: Vec<InstrumentNote>,
    pub(super) settings: Vec<Setting>,
    pub(super) paragraphs: Vec<String>,
    pub(super) problems: Vec<String>,
}

/// One input file in the methods appendix.
#[derive(Serialize)]
pub(super) struct InputNote {
    #[serde(flatten)]
    pub(super) input: InputLine,
    /// The problems in words (`2 fouten, 1 waarschuwing`), empty without.
    pub(super) note: String,
}

#[derive(Serialize)]
pub(super) struct InstrumentNote {
    pub(super) name: String,
    pub(super) scoring: String,
    pub(super) source: String,
}

#[derive(Serialize)]
pub(super) struct Setting {
    pub(super) label: String,
    pub(super) value: String,
}

impl Statement {
    /// A statement without a judgement (nothing to compare).
    pub(super) fn none(topic: &'static str, topic_label: String, text: String) -> Statement {
        Statement {
            topic,
            topic_label,
            text,
            n: None,
            n_label: "–".to_owned(),
            direction: Direction::Unknown,
        }
    }
}
