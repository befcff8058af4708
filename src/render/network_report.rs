//! The data of a network's annual impact report (`netwerk.typ` reads it as
//! `data.json`).
//!
//! Everything here is aggregate: statistics that passed the disclosure
//! threshold, counts of problems per input file. Respondent pseudonyms,
//! request ids, free text of responses and the messages of problems (which
//! quote cell values) never reach a report. Texts are written in the
//! report's language; numbers stay numbers, formatted by the template.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::activity::{ALL_YEARS, MatchRow, QuarterRow, QuestionTables};
use crate::compute::costs::{CareCosts, CostCategory};
use crate::compute::effect::{ALL, BeforeAfterRow, WaveTables, wave_order};
use crate::compute::profile::ProfileRow;
use crate::ingest::network::YesNoUnknown;
use crate::ingest::network::register::{
    Approach, Domain, Funding, Initiator, Network, Perspective, Phase, Register,
};
use crate::render::words::{
    bound, comparison_label, format_value, level_words, long_date, short_month, signed, unit_label,
};
use crate::spec::Polarity;
use crate::spec::catalogue::IndicatorCatalogue;
use crate::spec::instrument::{Instrument, Respondents};

/// The results of one instrument over all networks of a run.
pub struct InstrumentResult {
    pub instrument: Instrument,
    pub before_after: Vec<BeforeAfterRow>,
    pub waves: WaveTables,
}

/// One input file as the methods appendix lists it.
#[derive(Debug, Clone, Serialize)]
pub struct InputLine {
    pub name: String,
    pub kind_label: String,
    pub year: Option<i32>,
    pub sha256: String,
    /// Problems found, counted (never quoted: messages hold cell values).
    pub note: String,
}

/// Everything the reports of one run share.
pub struct RunContext<'a> {
    pub nl: bool,
    pub run_name: &'a str,
    pub run_year: Option<i32>,
    pub date: NaiveDate,
    pub min_n: usize,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub register: &'a Register,
    pub instruments: &'a [&'a InstrumentResult],
    pub matches: &'a [MatchRow],
    pub questions: &'a QuestionTables,
    /// Whether match and question logs were inputs of the reports.
    pub has_match_log: bool,
    pub has_question_log: bool,
    /// Profile rows of the networks' areas (and their municipalities).
    pub profile: Option<(&'a IndicatorCatalogue, &'a [ProfileRow])>,
    pub costs: &'a [CareCosts],
    /// Area names by code, from the open data.
    pub names: &'a BTreeMap<String, String>,
    pub inputs: &'a [InputLine],
    /// Inputs that could not be read at all, with the reason.
    pub unreadable: &'a [String],
}

// ---------------------------------------------------------------- the data

#[derive(Serialize)]
pub struct NetworkReport {
    lang: &'static str,
    generated: String,
    run: RunInfo,
    network: NetworkInfo,
    phases: Vec<PhaseLine>,
    timeline: Timeline,
    partners: Vec<PartnerGroup>,
    checklist: Vec<CheckItem>,
    summary: Vec<Statement>,
    areas: AreaSection,
    residents: Vec<InstrumentBlock>,
    collaboration: Option<Collaboration>,
    activity: Activity,
    methods: Methods,
}

#[derive(Serialize)]
struct RunInfo {
    name: String,
    year: Option<i32>,
}

#[derive(Serialize)]
struct NetworkInfo {
    id: String,
    name: String,
    gemeente_code: String,
    gemeente_name: String,
    start_date: String,
    target_group: String,
    ambition: String,
    initiator: String,
    initiator_label: String,
    approach: String,
    approach_label: String,
    perspective: String,
    perspective_label: String,
    kartrekker_role: String,
    funding: String,
    funding_label: String,
    funded_until: String,
    phase: String,
    phase_label: String,
}

#[derive(Serialize)]
struct PhaseLine {
    phase: &'static str,
    label: &'static str,
    reached: bool,
    date: Option<String>,
    date_label: String,
    position: Option<f64>,
}

#[derive(Serialize)]
struct Timeline {
    start_label: String,
    end_label: String,
    years: Vec<i32>,
    year_positions: Vec<f64>,
    today_position: f64,
    alt: String,
}

#[derive(Serialize)]
struct PartnerGroup {
    domain: &'static str,
    label: &'static str,
    names: Vec<String>,
}

#[derive(Serialize)]
struct CheckItem {
    item: &'static str,
    status: &'static str,
    status_label: &'static str,
    basis: String,
}

#[derive(Serialize)]
struct Statement {
    topic: &'static str,
    topic_label: &'static str,
    text: String,
    n: Option<usize>,
    direction: &'static str,
}

#[derive(Serialize)]
struct AreaSection {
    missing_reason: String,
    areas: Vec<AreaBlock>,
    costs: Option<CostSentence>,
}

#[derive(Serialize)]
struct AreaBlock {
    code: String,
    name: String,
    level_label: &'static str,
    indicators: Vec<AreaIndicator>,
}

#[derive(Serialize)]
struct AreaIndicator {
    label: String,
    unit_label: &'static str,
    digits: u8,
    value: Option<f64>,
    gemeente_value: Option<f64>,
    nl_value: Option<f64>,
    vs_gemeente: &'static str,
    vs_gemeente_label: &'static str,
    vs_nl: &'static str,
    vs_nl_label: &'static str,
    quintile_nl: Option<u8>,
    period: Option<i32>,
}

#[derive(Serialize)]
struct CostSentence {
    gemeente_name: String,
    year: Option<i32>,
    total_std: Option<f64>,
    nl_total: Option<f64>,
    ratio: Option<f64>,
    text: String,
}

#[derive(Serialize)]
struct InstrumentBlock {
    instrument: String,
    name: String,
    respondents_label: &'static str,
    note: String,
    wave_from: String,
    wave_to: String,
    absent_reason: String,
    spider: Option<Spider>,
    interval_alt: String,
    scales: Vec<ScaleLine>,
    waves: Vec<WaveLine>,
    cutoffs: Vec<CutoffLine>,
}

#[derive(Serialize)]
struct Spider {
    axes: Vec<String>,
    from: Vec<Option<f64>>,
    to: Vec<Option<f64>>,
    n: usize,
    suppressed: bool,
    suppressed_reason: String,
    min: f64,
    max: f64,
    alt: String,
}

#[derive(Serialize)]
struct ScaleLine {
    label: String,
    n_paired: usize,
    n_from: usize,
    n_to: usize,
    mean_from: Option<f64>,
    mean_to: Option<f64>,
    mean_diff: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    p_ttest: Option<f64>,
    p_wilcoxon: Option<f64>,
    cohen_dz: Option<f64>,
    pct_improved: Option<f64>,
    pct_unchanged: Option<f64>,
    pct_worse: Option<f64>,
    paired: bool,
    method_label: &'static str,
    suppressed: bool,
    suppressed_reason: String,
    polarity: &'static str,
    min: f64,
    max: f64,
    digits: u8,
}

#[derive(Serialize)]
struct WaveLine {
    scale_label: String,
    wave: String,
    n: usize,
    mean: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    suppressed: bool,
    suppressed_reason: String,
}

#[derive(Serialize)]
struct CutoffLine {
    scale_label: String,
    cutoff_label: String,
    wave: String,
    n: usize,
    pct: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    suppressed: bool,
    suppressed_reason: String,
}

#[derive(Serialize)]
struct Collaboration {
    name: String,
    waves: Vec<String>,
    wave_labels: Vec<String>,
    alt: String,
    aspects: Vec<AspectLine>,
    roles: Vec<RoleBlock>,
    min: f64,
    max: f64,
}

#[derive(Serialize)]
struct AspectLine {
    label: String,
    /// The total score over all items, not one of the aspects.
    is_total: bool,
    waves: Vec<AspectWave>,
}

#[derive(Serialize)]
struct AspectWave {
    wave: String,
    n: usize,
    mean: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    suppressed: bool,
    suppressed_reason: String,
}

#[derive(Serialize)]
struct RoleBlock {
    role: String,
    role_label: String,
    aspects: Vec<AspectLine>,
}

#[derive(Serialize)]
struct Activity {
    missing_reason: String,
    matches: Option<MatchSection>,
    questions: Option<QuestionSection>,
}

#[derive(Serialize)]
struct MatchSection {
    alt: String,
    rows: Vec<MatchLine>,
}

#[derive(Serialize)]
struct MatchLine {
    #[serde(flatten)]
    row: MatchRow,
    /// The row of all years together.
    is_total: bool,
    period_label: String,
}

#[derive(Serialize)]
struct QuestionSection {
    alt: String,
    quarters: Vec<QuarterLine>,
    change: Option<ChangeLine>,
}

#[derive(Serialize)]
struct QuarterLine {
    quarter: String,
    quarter_label: String,
    questions: Option<usize>,
    non_medical: Option<usize>,
    non_medical_in_community: Option<usize>,
    pct: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    suppressed: bool,
    suppressed_reason: String,
}

#[derive(Serialize)]
struct ChangeLine {
    year_first: i32,
    year_last: i32,
    n_first: Option<usize>,
    n_last: Option<usize>,
    pct_first: Option<f64>,
    pct_last: Option<f64>,
    diff: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    suppressed: bool,
    text: String,
}

#[derive(Serialize)]
struct Methods {
    min_n: usize,
    inputs: Vec<InputLine>,
    instruments: Vec<InstrumentNote>,
    settings: Vec<Setting>,
    paragraphs: Vec<String>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct InstrumentNote {
    name: String,
    scoring: String,
    source: String,
}

#[derive(Serialize)]
struct Setting {
    label: String,
    value: String,
}

// ---------------------------------------------------------------- labels

fn t(nl: bool, dutch: &'static str, english: &'static str) -> &'static str {
    if nl { dutch } else { english }
}

fn phase_label(phase: Phase, nl: bool) -> &'static str {
    match phase {
        Phase::Exploring => t(nl, "Verkennen", "Exploring"),
        Phase::Shaping => t(nl, "Vormgeven", "Shaping"),
        Phase::Deepening => t(nl, "Verdiepen", "Deepening"),
        Phase::Anchoring => t(nl, "Verankeren", "Anchoring"),
    }
}

fn initiator_label(v: Initiator, nl: bool) -> &'static str {
    match v {
        Initiator::Citizens => t(nl, "Inwoners", "Residents"),
        Initiator::Professionals => t(nl, "Professionals", "Professionals"),
        Initiator::GeneralPractitioner => t(nl, "Huisarts", "General practitioner"),
        Initiator::Municipality => t(nl, "Gemeente", "Municipality"),
    }
}

fn approach_label(v: Approach, nl: bool) -> &'static str {
    match v {
        Approach::BottomUp => t(
            nl,
            "Bottom-up (vanuit inwoners)",
            "Bottom-up (from residents)",
        ),
        Approach::TopDown => t(
            nl,
            "Top-down (vanuit professionals)",
            "Top-down (from professionals)",
        ),
        Approach::CommunityUp => t(
            nl,
            "Community-up (alle domeinen samen)",
            "Community-up (all domains together)",
        ),
    }
}

fn perspective_label(v: Perspective, nl: bool) -> &'static str {
    match v {
        Perspective::AroundThePerson => t(nl, "Rond de persoon", "Around the person"),
        Perspective::NeighbourhoodIssue => t(nl, "Wijkvraagstuk", "Neighbourhood issue"),
        Perspective::RegionalPopulation => t(nl, "Populatie in de regio", "Regional population"),
        Perspective::ScaleTheme => t(nl, "Schaalthema", "Theme at scale"),
    }
}

fn funding_label(v: Funding, nl: bool) -> &'static str {
    match v {
        Funding::Temporary => t(nl, "Tijdelijk", "Temporary"),
        Funding::Structural => t(nl, "Structureel", "Structural"),
    }
}

fn domain_label(domain: Domain, nl: bool) -> &'static str {
    match domain {
        Domain::Care => t(nl, "Zorg", "Care"),
        Domain::Welfare => t(nl, "Welzijn", "Welfare"),
        Domain::Municipality => t(nl, "Gemeente", "Municipality"),
        Domain::HealthInsurer => t(nl, "Zorgverzekeraar", "Health insurer"),
        Domain::GeneralPractitioner => t(nl, "Huisarts", "General practice"),
        Domain::ResidentsVolunteers => {
            t(nl, "Inwoners en vrijwilligers", "Residents and volunteers")
        }
        Domain::Housing => t(nl, "Wonen", "Housing"),
        Domain::Safety => t(nl, "Veiligheid", "Safety"),
        Domain::Education => t(nl, "Onderwijs", "Education"),
        Domain::Other => t(nl, "Overig", "Other"),
    }
}

fn status(present: Option<bool>, nl: bool) -> (&'static str, &'static str) {
    match present {
        Some(true) => ("present", t(nl, "aanwezig", "present")),
        Some(false) => ("absent", t(nl, "afwezig", "absent")),
        None => ("unknown", t(nl, "onbekend", "unknown")),
    }
}

fn yes_no_unknown(v: YesNoUnknown) -> Option<bool> {
    match v {
        YesNoUnknown::Yes => Some(true),
        YesNoUnknown::No => Some(false),
        YesNoUnknown::Unknown => None,
    }
}

fn num(v: f64, digits: u8, nl: bool) -> String {
    format_value(v, digits, nl)
}

/// Digits to show for a scale's values: one, or two for short ranges.
fn scale_digits(range: (f64, f64)) -> u8 {
    if range.1 - range.0 <= 6.0 { 2 } else { 1 }
}

// ---------------------------------------------------------------- building

impl RunContext<'_> {
    /// The report of one network.
    pub fn report(&self, network: &Network) -> NetworkReport {
        let nl = self.nl;
        let id = network.id.as_str();
        let residents: Vec<InstrumentBlock> = self
            .instruments
            .iter()
            .filter(|r| r.instrument.respondents == Respondents::Residents)
            .map(|r| self.instrument_block(id, r))
            .collect();
        let collaboration = self
            .instruments
            .iter()
            .find(|r| r.instrument.respondents == Respondents::NetworkMembers)
            .and_then(|r| self.collaboration(id, r));
        let mut summary = Vec::new();
        for r in self
            .instruments
            .iter()
            .filter(|r| r.instrument.respondents == Respondents::Residents)
        {
            summary.extend(self.resident_statements(id, r));
        }
        if summary.is_empty() {
            summary.push(Statement {
                topic: "residents",
                topic_label: t(nl, "Inwoners", "Residents"),
                text: t(
                    nl,
                    "Er zijn (nog) geen voor- en nametingen onder inwoners van dit netwerk.",
                    "There are no before and after measurements among residents of this network (yet).",
                )
                .to_owned(),
                n: None,
                direction: "none",
            });
        }
        summary.push(self.collaboration_statement(id));
        summary.extend(self.activity_statements(id));

        NetworkReport {
            lang: if nl { "nl" } else { "en" },
            generated: long_date(self.date, nl),
            run: RunInfo {
                name: self.run_name.to_owned(),
                year: self.run_year,
            },
            network: self.network_info(network),
            phases: self.phases(id),
            timeline: self.timeline(id, network.start_date),
            partners: self.partners(id),
            checklist: self.checklist(network),
            summary,
            areas: self.areas(network),
            residents,
            collaboration,
            activity: self.activity(id),
            methods: self.methods(),
        }
    }

    fn gemeente_name(&self, code: &str) -> String {
        self.names
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    fn network_info(&self, n: &Network) -> NetworkInfo {
        let nl = self.nl;
        let phase = self.register.phase_on(&n.id, self.date);
        let unknown = || t(nl, "onbekend", "unknown").to_owned();
        let unknown_label = || t(nl, "Onbekend", "Unknown").to_owned();
        NetworkInfo {
            id: n.id.clone(),
            name: n.name.clone(),
            gemeente_code: n.municipality.clone(),
            gemeente_name: self.gemeente_name(&n.municipality),
            start_date: n
                .start_date
                .map(|d| long_date(d, nl))
                .unwrap_or_else(unknown),
            target_group: n.target_group.clone().unwrap_or_default(),
            ambition: n.ambition.clone().unwrap_or_default(),
            initiator: n.initiator.map(|v| v.code().to_owned()).unwrap_or_default(),
            initiator_label: n
                .initiator
                .map(|v| initiator_label(v, nl).to_owned())
                .unwrap_or_else(unknown_label),
            approach_label: n
                .approach
                .map(|v| approach_label(v, nl).to_owned())
                .unwrap_or_else(unknown_label),
            perspective_label: n
                .perspective
                .map(|v| perspective_label(v, nl).to_owned())
                .unwrap_or_else(unknown_label),
            funding_label: n
                .funding
                .map(|v| funding_label(v, nl).to_owned())
                .unwrap_or_else(unknown_label),
            approach: n.approach.map(|v| v.code().to_owned()).unwrap_or_default(),
            perspective: n
                .perspective
                .map(|v| v.code().to_owned())
                .unwrap_or_default(),
            kartrekker_role: n.kartrekker_role.clone().unwrap_or_else(unknown),
            funding: n.funding.map(|v| v.code().to_owned()).unwrap_or_default(),
            funded_until: n.funded_until.map(|d| long_date(d, nl)).unwrap_or_default(),
            phase: phase.map(|p| p.code().to_owned()).unwrap_or_default(),
            phase_label: phase
                .map(|p| phase_label(p, nl).to_owned())
                .unwrap_or_else(unknown),
        }
    }

    /// The first date of each phase, and the span the timeline covers.
    fn phase_dates(&self, id: &str) -> BTreeMap<Phase, NaiveDate> {
        let mut first: BTreeMap<Phase, NaiveDate> = BTreeMap::new();
        for p in self.register.phases.iter().filter(|p| p.network == id) {
            let date = first.entry(p.phase).or_insert(p.date);
            if p.date < *date {
                *date = p.date;
            }
        }
        first
    }

    fn span(&self, id: &str, start: Option<NaiveDate>) -> (NaiveDate, NaiveDate) {
        let dates = self.phase_dates(id);
        let begin = dates
            .values()
            .copied()
            .chain(start)
            .min()
            .unwrap_or(self.date);
        let end = self.date.max(begin);
        (begin, end)
    }

    fn position(&self, date: NaiveDate, span: (NaiveDate, NaiveDate)) -> f64 {
        let (begin, end) = span;
        let whole = (end - begin).num_days().max(1) as f64;
        ((date - begin).num_days() as f64 / whole).clamp(0.0, 1.0)
    }

    fn phases(&self, id: &str) -> Vec<PhaseLine> {
        let nl = self.nl;
        let dates = self.phase_dates(id);
        let start = self.register.network(id).and_then(|n| n.start_date);
        let span = self.span(id, start);
        Phase::ALL
            .iter()
            .map(|&phase| {
                let date = dates.get(&phase).copied().filter(|d| *d <= self.date);
                PhaseLine {
                    phase: phase.code(),
                    label: phase_label(phase, nl),
                    reached: date.is_some(),
                    date: date.map(|d| d.to_string()),
                    date_label: date
                        .map(|d| short_month(d, nl))
                        .unwrap_or_else(|| t(nl, "nog niet", "not yet").to_owned()),
                    position: date.map(|d| self.position(d, span)),
                }
            })
            .collect()
    }

    fn timeline(&self, id: &str, start: Option<NaiveDate>) -> Timeline {
        use chrono::Datelike;
        let span = self.span(id, start);
        // Year ticks on 1 January, within the axis.
        let years: Vec<i32> = (span.0.year()..=span.1.year())
            .filter(|&y| NaiveDate::from_ymd_opt(y, 1, 1).is_some_and(|d| d >= span.0))
            .collect();
        let year_positions = years
            .iter()
            .map(|&y| {
                NaiveDate::from_ymd_opt(y, 1, 1)
                    .map(|d| self.position(d.max(span.0), span))
                    .unwrap_or(0.0)
            })
            .collect();
        let nl = self.nl;
        let reached: Vec<String> = self
            .phase_dates(id)
            .into_iter()
            .filter(|(_, d)| *d <= self.date)
            .map(|(p, d)| format!("{} {}", phase_label(p, nl), short_month(d, nl)))
            .collect();
        let alt = if reached.is_empty() {
            t(
                nl,
                "Tijdlijn van de fasen: het register noemt nog geen fase van dit netwerk.",
                "Timeline of the phases: the register names no phase of this network yet.",
            )
            .to_owned()
        } else if nl {
            format!(
                "Tijdlijn van de fasen van het netwerk, {} tot {}: {}.",
                span.0.year(),
                span.1.year(),
                reached.join("; ")
            )
        } else {
            format!(
                "Timeline of the network's phases, {} to {}: {}.",
                span.0.year(),
                span.1.year(),
                reached.join("; ")
            )
        };
        Timeline {
            alt,
            start_label: span.0.year().to_string(),
            end_label: span.1.year().to_string(),
            years,
            year_positions,
            today_position: self.position(self.date, span),
        }
    }

    fn partners(&self, id: &str) -> Vec<PartnerGroup> {
        let mut by_domain: BTreeMap<Domain, Vec<String>> = BTreeMap::new();
        for p in self.register.partners.iter().filter(|p| p.network == id) {
            by_domain.entry(p.domain).or_default().push(p.name.clone());
        }
        by_domain
            .into_iter()
            .map(|(domain, names)| PartnerGroup {
                domain: domain.code(),
                label: domain_label(domain, self.nl),
                names,
            })
            .collect()
    }

    /// The success factors of the seed reports, each present, absent or
    /// unknown from the register.
    fn checklist(&self, n: &Network) -> Vec<CheckItem> {
        let nl = self.nl;
        let partners: Vec<_> = self
            .register
            .partners
            .iter()
            .filter(|p| p.network == n.id)
            .collect();
        let has_partners = !partners.is_empty();
        let domain_item = |item: &'static str, domain: Domain| {
            let names: Vec<&str> = partners
                .iter()
                .filter(|p| p.domain == domain)
                .map(|p| p.name.as_str())
                .collect();
            let present = if !names.is_empty() {
                Some(true)
            } else if has_partners {
                Some(false)
            } else {
                None
            };
            let basis = match present {
                Some(true) => format!("{}: {}", t(nl, "Partner", "Partner"), names.join(", ")),
                Some(false) => format!(
                    "{} {}",
                    t(nl, "Geen partner in het domein", "No partner in the domain"),
                    domain_label(domain, nl).to_lowercase()
                ),
                None => t(
                    nl,
                    "Het register noemt geen partners",
                    "The register names no partners",
                )
                .to_owned(),
            };
            let (status, status_label) = status(present, nl);
            CheckItem {
                item,
                status,
                status_label,
                basis,
            }
        };
        let field_item = |item: &'static str, present: Option<bool>, basis: String| {
            let (status, status_label) = status(present, nl);
            CheckItem {
                item,
                status,
                status_label,
                basis,
            }
        };
        let yes_no = |v: Option<bool>| match v {
            Some(true) => t(nl, "ja", "yes"),
            Some(false) => t(nl, "nee", "no"),
            None => t(nl, "niet ingevuld", "not filled in"),
        };
        let funding_basis = match (n.funding, n.funded_until) {
            (Some(f), Some(until)) => format!(
                "{}: {} ({} {})",
                t(nl, "Financiering", "Funding"),
                funding_label(f, nl).to_lowercase(),
                t(nl, "tot", "until"),
                long_date(until, nl)
            ),
            (Some(f), None) => format!(
                "{}: {}",
                t(nl, "Financiering", "Funding"),
                funding_label(f, nl).to_lowercase()
            ),
            (None, _) => format!(
                "{}: {}",
                t(nl, "Financiering", "Funding"),
                t(nl, "niet ingevuld", "not filled in")
            ),
        };
        vec![
            field_item(
                t(
                    nl,
                    "Onafhankelijke kartrekker",
                    "Independent kartrekker (network lead)",
                ),
                n.kartrekker_independent,
                format!(
                    "{}: {}",
                    t(
                        nl,
                        "Kartrekker onafhankelijk volgens het register",
                        "Kartrekker independent according to the register"
                    ),
                    yes_no(n.kartrekker_independent)
                ),
            ),
            domain_item(
                t(nl, "Gemeente doet mee", "Municipality takes part"),
                Domain::Municipality,
            ),
            domain_item(
                t(nl, "Zorgverzekeraar doet mee", "Health insurer takes part"),
                Domain::HealthInsurer,
            ),
            domain_item(
                t(nl, "Huisarts doet mee", "General practice takes part"),
                Domain::GeneralPractitioner,
            ),
            field_item(
                t(
                    nl,
                    "Inwoners vanaf de start betrokken",
                    "Residents involved from the start",
                ),
                yes_no_unknown(n.residents_from_start),
                format!(
                    "{}: {}",
                    t(
                        nl,
                        "Inwoners vanaf de start betrokken volgens het register",
                        "Residents involved from the start according to the register"
                    ),
                    yes_no(yes_no_unknown(n.residents_from_start))
                ),
            ),
            field_item(
                t(nl, "Structurele financiering", "Structural funding"),
                n.funding.map(|f| f == Funding::Structural),
                funding_basis,
            ),
            field_item(
                t(
                    nl,
                    "Gedeelde ambitie op papier",
                    "Shared ambition in writing",
                ),
                yes_no_unknown(n.written_ambition),
                format!(
                    "{}: {}",
                    t(
                        nl,
                        "Ambitie op papier volgens het register",
                        "Ambition in writing according to the register"
                    ),
                    yes_no(yes_no_unknown(n.written_ambition))
                ),
            ),
        ]
    }

    // ------------------------------------------------------------ area

    fn areas(&self, n: &Network) -> AreaSection {
        let nl = self.nl;
        let codes: Vec<&str> = self
            .register
            .areas
            .iter()
            .filter(|a| a.network == n.id)
            .map(|a| a.area.code.as_str())
            .collect();
        let costs = self.cost_sentence(&n.municipality);
        let Some((catalogue, rows)) = self.profile else {
            return AreaSection {
                missing_reason: t(
                    nl,
                    "Deze run heeft geen open data (CBS, RIVM/GGD) als invoer voor de rapportages; er is daarom geen gebiedsprofiel.",
                    "This run has no open data (CBS, RIVM/GGD) as input of the reports, so there is no area profile.",
                )
                .to_owned(),
                areas: Vec::new(),
                costs,
            };
        };
        let codes: Vec<&str> = if codes.is_empty() {
            vec![n.municipality.as_str()]
        } else {
            codes
        };
        let mut blocks = Vec::new();
        for code in codes {
            let area_rows: Vec<&ProfileRow> =
                rows.iter().filter(|r| &*r.area_code == code).collect();
            let Some(first) = area_rows.first() else {
                continue;
            };
            let mut indicators = Vec::new();
            for indicator in catalogue.indicators.iter().filter(|i| i.key) {
                // The latest year, and for RIVM the 18+ series when there are several.
                let best = area_rows
                    .iter()
                    .filter(|r| *r.indicator == *indicator.id)
                    .max_by_key(|r| {
                        (
                            r.value.is_some(),
                            r.age_group.as_deref().is_none_or(|a| a == "18+"),
                            r.period,
                        )
                    });
                let Some(row) = best else { continue };
                let (unit, digits) = unit_label(&row.unit, nl);
                indicators.push(AreaIndicator {
                    label: if nl {
                        indicator.label_nl.clone()
                    } else {
                        indicator.label_en.clone()
                    },
                    unit_label: unit,
                    digits,
                    value: row.value,
                    gemeente_value: row.gemeente_value,
                    nl_value: row.nl_value,
                    vs_gemeente: row.vs_gemeente.id(),
                    vs_gemeente_label: comparison_label(row.vs_gemeente, nl),
                    vs_nl: row.vs_nl.id(),
                    vs_nl_label: comparison_label(row.vs_nl, nl),
                    quintile_nl: row.quintile_nl,
                    period: row.period,
                });
            }
            if indicators.is_empty() {
                continue;
            }
            let name = first
                .area_name
                .as_deref()
                .map(str::to_owned)
                .or_else(|| self.names.get(code).cloned())
                .unwrap_or_else(|| code.to_owned());
            blocks.push(AreaBlock {
                code: code.to_owned(),
                name,
                level_label: level_words(first.level, nl).1,
                indicators,
            });
        }
        let missing_reason = if blocks.is_empty() {
            t(
                nl,
                "De open data van deze run bevatten geen cijfers voor de gebieden van dit netwerk.",
                "The open data of this run hold no figures for the areas of this network.",
            )
            .to_owned()
        } else {
            String::new()
        };
        AreaSection {
            missing_reason,
            areas: blocks,
            costs,
        }
    }

    fn cost_sentence(&self, gemeente: &str) -> Option<CostSentence> {
        let nl = self.nl;
        let row = self
            .costs
            .iter()
            .flat_map(|c| c.rows.iter())
            .filter(|r| r.gemeente_code == gemeente && r.category == CostCategory::Total)
            .max_by_key(|r| r.year)?;
        let euro = |v: Option<f64>| {
            v.map(|v| format!("€\u{a0}{}", group_thousands(v.round() as i64, nl)))
                .unwrap_or_else(|| "–".to_owned())
        };
        let year = row.year.map(|y| format!(" ({y})")).unwrap_or_default();
        let ratio = row
            .ratio_observed_expected
            .map(|r| {
                if nl {
                    format!("; verhouding waargenomen/verwacht {}", num(r, 2, nl))
                } else {
                    format!("; observed/expected {}", num(r, 2, nl))
                }
            })
            .unwrap_or_default();
        let text = if nl {
            format!(
                "Zorgkosten (Zvw) per verzekerdejaar in {}{year}, gestandaardiseerd naar leeftijd en geslacht: {} (Nederland {}){ratio}. Vektis publiceert geen cijfers per wijk: dit zijn de kosten van de hele gemeente.",
                row.gemeente_name,
                euro(row.cost_per_insured_year_std),
                euro(row.nl_cost_per_insured_year)
            )
        } else {
            format!(
                "Care costs (Zvw) per insured-year in {}{year}, standardised for age and sex: {} (the Netherlands {}){ratio}. Vektis publishes no figures per district: these are the costs of the whole municipality.",
                row.gemeente_name,
                euro(row.cost_per_insured_year_std),
                euro(row.nl_cost_per_insured_year)
            )
        };
        Some(CostSentence {
            gemeente_name: row.gemeente_name.clone(),
            year: row.year,
            total_std: row.cost_per_insured_year_std,
            nl_total: row.nl_cost_per_insured_year,
            ratio: row.ratio_observed_expected,
            text,
        })
    }

    // ------------------------------------------------------------ residents

    /// The comparison the report shows: the first wave against the last.
    fn main_pair<'r>(&self, id: &str, result: &'r InstrumentResult) -> Vec<&'r BeforeAfterRow> {
        let rows: Vec<&BeforeAfterRow> = result
            .before_after
            .iter()
            .filter(|r| r.network_id == id && r.group == ALL)
            .collect();
        let Some(first) = rows
            .iter()
            .map(|r| r.wave_from.as_str())
            .min_by(|a, b| wave_order(a, b))
        else {
            return Vec::new();
        };
        let Some(last) = rows
            .iter()
            .filter(|r| r.wave_from == first)
            .map(|r| r.wave_to.as_str())
            .max_by(|a, b| wave_order(a, b))
        else {
            return Vec::new();
        };
        let (first, last) = (first.to_owned(), last.to_owned());
        rows.into_iter()
            .filter(|r| r.wave_from == first && r.wave_to == last)
            .collect()
    }

    fn scale_label(&self, instrument: &Instrument, scale: &str) -> String {
        instrument
            .scale(scale)
            .map(|s| {
                if self.nl {
                    s.label_nl.clone()
                } else {
                    s.label_en.clone()
                }
            })
            .unwrap_or_else(|| scale.to_owned())
    }

    fn wave_label(&self, instrument: &Instrument, wave: &str) -> String {
        instrument
            .wave(wave)
            .and_then(|w| {
                if self.nl {
                    w.label_nl.clone()
                } else {
                    w.label_en.clone()
                }
            })
            .unwrap_or_else(|| wave.to_owned())
    }

    /// Why a figure on `n` respondents is not shown (empty when it is).
    fn small_reason(&self, suppressed: bool, n: usize) -> String {
        match (suppressed, n < self.min_n, self.nl) {
            (false, _, _) => String::new(),
            (true, true, true) => format!(
                "niet getoond: {n} {}, minder dan {}",
                if n == 1 { "respondent" } else { "respondenten" },
                self.min_n
            ),
            (true, true, false) => format!(
                "not shown: {n} {}, fewer than {}",
                if n == 1 { "respondent" } else { "respondents" },
                self.min_n
            ),
            (true, false, nl) => t(
                nl,
                "niet getoond: anders terug te rekenen uit de andere cijfers",
                "not shown: it could otherwise be worked out from the other figures",
            )
            .to_owned(),
        }
    }

    fn suppressed_reason(&self, row: &BeforeAfterRow) -> String {
        let n = if row.paired {
            row.n_paired
        } else {
            row.n_from.min(row.n_to)
        };
        self.small_reason(true, n)
    }

    fn instrument_block(&self, id: &str, result: &InstrumentResult) -> InstrumentBlock {
        let nl = self.nl;
        let instrument = &result.instrument;
        let pair = self.main_pair(id, result);
        let name = if nl {
            instrument.name_nl.clone()
        } else {
            instrument.name_en.clone()
        };
        let note = if nl {
            instrument.note_nl.clone()
        } else {
            instrument
                .note_en
                .clone()
                .or_else(|| instrument.note_nl.clone())
        }
        .unwrap_or_default();
        let waves: Vec<WaveLine> = result
            .waves
            .waves
            .iter()
            .filter(|w| w.network_id == id && w.group == ALL)
            .map(|w| WaveLine {
                scale_label: self.scale_label(instrument, &w.scale),
                wave: w.wave.clone(),
                n: w.n,
                mean: w.mean,
                ci_low: w.ci_low,
                ci_high: w.ci_high,
                suppressed: w.suppressed,
                suppressed_reason: self.small_reason(w.suppressed, w.n),
            })
            .collect();
        let cutoffs: Vec<CutoffLine> = result
            .waves
            .cutoffs
            .iter()
            .filter(|c| c.network_id == id && c.group == ALL)
            .map(|c| {
                let label = instrument
                    .scale(&c.scale)
                    .and_then(|s| s.cutoffs.iter().find(|k| k.id == c.cutoff))
                    .map(|k| {
                        if nl {
                            k.label_nl.clone()
                        } else {
                            k.label_en.clone()
                        }
                    })
                    .unwrap_or_else(|| c.cutoff.clone());
                CutoffLine {
                    scale_label: self.scale_label(instrument, &c.scale),
                    cutoff_label: label,
                    wave: c.wave.clone(),
                    n: c.n,
                    pct: c.pct,
                    ci_low: c.ci_low,
                    ci_high: c.ci_high,
                    suppressed: c.suppressed,
                    suppressed_reason: self.small_reason(c.suppressed, c.n),
                }
            })
            .collect();
        let mut block = InstrumentBlock {
            instrument: instrument.id.clone(),
            name,
            respondents_label: t(nl, "inwoners", "residents"),
            note,
            wave_from: String::new(),
            wave_to: String::new(),
            absent_reason: String::new(),
            spider: None,
            interval_alt: String::new(),
            scales: Vec::new(),
            waves,
            cutoffs,
        };
        let Some(first) = pair.first() else {
            block.absent_reason = if block.waves.is_empty() {
                t(
                    nl,
                    "Er zijn voor dit netwerk geen antwoorden op deze vragenlijst.",
                    "There are no responses to this questionnaire for this network.",
                )
                .to_owned()
            } else {
                t(
                    nl,
                    "Dit netwerk heeft voor deze vragenlijst nog maar één meting; een voor-na-vergelijking volgt na de volgende meting.",
                    "This network has only one measurement of this questionnaire so far; a before/after comparison follows after the next one.",
                )
                .to_owned()
            };
            return block;
        };
        block.wave_from = first.wave_from.clone();
        block.wave_to = first.wave_to.clone();
        block.scales = pair
            .iter()
            .map(|r| {
                let scale = instrument.scale(&r.scale);
                let range = scale.map(|s| s.range).unwrap_or((0.0, 10.0));
                ScaleLine {
                    label: self.scale_label(instrument, &r.scale),
                    n_paired: r.n_paired,
                    n_from: r.n_from,
                    n_to: r.n_to,
                    mean_from: r.mean_from,
                    mean_to: r.mean_to,
                    mean_diff: r.mean_diff,
                    ci_low: r.ci_low,
                    ci_high: r.ci_high,
                    p_ttest: r.p_ttest,
                    p_wilcoxon: r.p_wilcoxon,
                    cohen_dz: r.cohen_dz,
                    pct_improved: r.pct_improved,
                    pct_unchanged: r.pct_unchanged,
                    pct_worse: r.pct_worse,
                    paired: r.paired,
                    method_label: if r.paired {
                        t(nl, "gepaard", "paired")
                    } else {
                        t(nl, "ongepaard (Welch)", "unpaired (Welch)")
                    },
                    suppressed: r.suppressed,
                    suppressed_reason: if r.suppressed {
                        self.suppressed_reason(r)
                    } else {
                        String::new()
                    },
                    polarity: match scale.map(|s| s.polarity) {
                        Some(Polarity::LowerIsBetter) => "lower_better",
                        _ => "higher_better",
                    },
                    min: range.0,
                    max: range.1,
                    digits: scale_digits(range),
                }
            })
            .collect();
        block.interval_alt = self.interval_alt(instrument, &pair);
        if instrument.id == "positieve-gezondheid" || instrument.scales.len() >= 5 {
            block.spider = Some(self.spider(instrument, &pair));
        }
        block
    }

    fn spider(&self, instrument: &Instrument, pair: &[&BeforeAfterRow]) -> Spider {
        let nl = self.nl;
        let suppressed = pair.iter().any(|r| r.suppressed);
        let n = pair
            .iter()
            .map(|r| {
                if r.paired {
                    r.n_paired
                } else {
                    r.n_from.min(r.n_to)
                }
            })
            .min()
            .unwrap_or(0);
        let from = pair.first().map(|r| r.wave_from.as_str()).unwrap_or("");
        let to = pair.first().map(|r| r.wave_to.as_str()).unwrap_or("");
        let higher = pair
            .iter()
            .filter(|r| r.mean_diff.is_some_and(|d| d > 0.0))
            .count();
        let alt = if suppressed {
            if nl {
                format!("Spinnenweb niet getoond: te weinig respondenten (n = {n}).")
            } else {
                format!("Spider web not shown: too few respondents (n = {n}).")
            }
        } else if nl {
            format!(
                "Spinnenweb van de {} dimensies, gemiddelden bij {from} en {to} (n = {n}); bij {to} hoger op {higher} van de {} dimensies.",
                pair.len(),
                pair.len()
            )
        } else {
            format!(
                "Spider web of the {} dimensions, means at {from} and {to} (n = {n}); at {to} higher on {higher} of {} dimensions.",
                pair.len(),
                pair.len()
            )
        };
        let range = pair
            .first()
            .and_then(|r| instrument.scale(&r.scale))
            .map_or((0.0, 10.0), |s| s.range);
        Spider {
            suppressed_reason: if suppressed {
                pair.iter()
                    .filter(|r| r.suppressed)
                    .min_by_key(|r| {
                        if r.paired {
                            r.n_paired
                        } else {
                            r.n_from.min(r.n_to)
                        }
                    })
                    .map(|r| self.suppressed_reason(r))
                    .unwrap_or_default()
            } else {
                String::new()
            },
            min: range.0,
            max: range.1,
            axes: pair
                .iter()
                .map(|r| self.scale_label(instrument, &r.scale))
                .collect(),
            from: pair
                .iter()
                .map(|r| r.mean_from.filter(|_| !suppressed))
                .collect(),
            to: pair
                .iter()
                .map(|r| r.mean_to.filter(|_| !suppressed))
                .collect(),
            n,
            suppressed,
            alt,
        }
    }

    fn interval_alt(&self, instrument: &Instrument, pair: &[&BeforeAfterRow]) -> String {
        let nl = self.nl;
        let from = pair.first().map(|r| r.wave_from.as_str()).unwrap_or("");
        let to = pair.first().map(|r| r.wave_to.as_str()).unwrap_or("");
        let above: Vec<String> = pair
            .iter()
            .filter(|r| r.ci_low.is_some_and(|l| l > 0.0))
            .map(|r| self.scale_label(instrument, &r.scale))
            .collect();
        let below: Vec<String> = pair
            .iter()
            .filter(|r| r.ci_high.is_some_and(|h| h < 0.0))
            .map(|r| self.scale_label(instrument, &r.scale))
            .collect();
        let mut text = if nl {
            format!("Gemiddeld verschil {to} − {from} per schaal met 95%-betrouwbaarheidsinterval.")
        } else {
            format!("Mean difference {to} − {from} per scale with 95% confidence interval.")
        };
        match (above.is_empty(), below.is_empty()) {
            (true, true) => text.push_str(t(
                nl,
                " Alle intervallen bevatten nul.",
                " Every interval contains zero.",
            )),
            _ => {
                if !above.is_empty() {
                    text.push_str(&if nl {
                        format!(" Geheel boven nul: {}.", above.join(", "))
                    } else {
                        format!(" Wholly above zero: {}.", above.join(", "))
                    });
                }
                if !below.is_empty() {
                    text.push_str(&if nl {
                        format!(" Geheel onder nul: {}.", below.join(", "))
                    } else {
                        format!(" Wholly below zero: {}.", below.join(", "))
                    });
                }
            }
        }
        text
    }

    /// Plain-language statements on one residents' instrument.
    fn resident_statements(&self, id: &str, result: &InstrumentResult) -> Vec<Statement> {
        let nl = self.nl;
        let instrument = &result.instrument;
        let pair = self.main_pair(id, result);
        let topic_label = t(nl, "Inwoners", "Residents");
        let name = if nl {
            &instrument.name_nl
        } else {
            &instrument.name_en
        };
        let Some(first) = pair.first() else {
            return Vec::new();
        };
        let n_of = |r: &BeforeAfterRow| {
            if r.paired {
                r.n_paired
            } else {
                r.n_from.min(r.n_to)
            }
        };
        let shown: Vec<&&BeforeAfterRow> = pair.iter().filter(|r| !r.suppressed).collect();
        if shown.is_empty() {
            let n = pair.iter().map(|r| n_of(r)).min().unwrap_or(0);
            return vec![Statement {
                topic: "residents",
                topic_label,
                text: if nl {
                    format!(
                        "{name} — te weinig inwoners met beide metingen ({} en {}: n = {n}, drempel {}) om iets te zeggen over verandering.",
                        first.wave_from, first.wave_to, self.min_n
                    )
                } else {
                    format!(
                        "{name} — too few residents with both measurements ({} and {}: n = {n}, threshold {}) to say anything about change.",
                        first.wave_from, first.wave_to, self.min_n
                    )
                },
                n: Some(n),
                direction: "none",
            }];
        }
        let mut significant: Vec<&&BeforeAfterRow> = shown
            .iter()
            .copied()
            .filter(|r| r.p_ttest.is_some_and(|p| p < 0.05))
            .collect();
        significant.sort_by(|a, b| {
            a.p_ttest
                .partial_cmp(&b.p_ttest)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut statements = Vec::new();
        for r in significant.iter().take(3) {
            let scale = instrument.scale(&r.scale);
            let digits = scale.map(|s| scale_digits(s.range)).unwrap_or(1);
            let (Some(a), Some(b), Some(d)) = (r.mean_from, r.mean_to, r.mean_diff) else {
                continue;
            };
            let better = match scale.map(|s| s.polarity) {
                Some(Polarity::LowerIsBetter) => d < 0.0,
                _ => d > 0.0,
            };
            let verb = match (d > 0.0, nl) {
                (true, true) => "steeg",
                (false, true) => "daalde",
                (true, false) => "rose",
                (false, false) => "fell",
            };
            let ci = match (r.ci_low, r.ci_high) {
                (Some(l), Some(h)) => format!(
                    "; 95%-{} {} {} {}",
                    t(nl, "BI", "CI"),
                    bound(l, digits, nl),
                    t(nl, "tot", "to"),
                    bound(h, digits, nl)
                ),
                _ => String::new(),
            };
            let who = if r.paired {
                t(
                    nl,
                    "inwoners met beide metingen",
                    "residents with both measurements",
                )
            } else {
                t(
                    nl,
                    "inwoners per meting (ongepaard)",
                    "residents per measurement (unpaired)",
                )
            };
            let text = if nl {
                format!(
                    "{name} — {} {verb} van {} naar {} ({} tot {}; verschil {}{ci}; n = {} {who}).",
                    lower_first(&self.scale_label(instrument, &r.scale)),
                    num(a, digits, nl),
                    num(b, digits, nl),
                    r.wave_from,
                    r.wave_to,
                    signed(d, digits, nl),
                    n_of(r)
                )
            } else {
                format!(
                    "{name} — {} {verb} from {} to {} ({} to {}; difference {}{ci}; n = {} {who}).",
                    lower_first(&self.scale_label(instrument, &r.scale)),
                    num(a, digits, nl),
                    num(b, digits, nl),
                    r.wave_from,
                    r.wave_to,
                    signed(d, digits, nl),
                    n_of(r)
                )
            };
            statements.push(Statement {
                topic: "residents",
                topic_label,
                text,
                n: Some(n_of(r)),
                direction: if better { "better" } else { "worse" },
            });
        }
        let rest = shown.len() - statements.len();
        if rest > 0 {
            let n = shown.iter().map(|r| n_of(r)).max().unwrap_or(0);
            let text = if statements.is_empty() {
                if nl {
                    format!(
                        "{name} — geen aantoonbare verandering tussen {} en {} op de {rest} {} (n = {n}).",
                        first.wave_from,
                        first.wave_to,
                        if rest == 1 { "schaal" } else { "schalen" }
                    )
                } else {
                    format!(
                        "{name} — no demonstrable change between {} and {} on the {rest} {} (n = {n}).",
                        first.wave_from,
                        first.wave_to,
                        if rest == 1 { "scale" } else { "scales" }
                    )
                }
            } else if nl {
                format!(
                    "{name} — op {rest} andere {} geen aantoonbare verandering (n = {n}).",
                    if rest == 1 { "schaal" } else { "schalen" }
                )
            } else {
                format!(
                    "{name} — no demonstrable change on {rest} other {} (n = {n}).",
                    if rest == 1 { "scale" } else { "scales" }
                )
            };
            statements.push(Statement {
                topic: "residents",
                topic_label,
                text,
                n: Some(n),
                direction: "similar",
            });
        }
        statements
    }

    // ------------------------------------------------------------ collaboration

    fn collaboration(&self, id: &str, result: &InstrumentResult) -> Option<Collaboration> {
        let nl = self.nl;
        let instrument = &result.instrument;
        let rows: Vec<_> = result
            .waves
            .waves
            .iter()
            .filter(|w| w.network_id == id)
            .collect();
        if rows.is_empty() {
            return None;
        }
        let mut waves: Vec<String> = rows
            .iter()
            .map(|w| w.wave.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        waves.sort_by(|a, b| wave_order(a, b));
        let aspects_of = |group: &str| -> Vec<AspectLine> {
            instrument
                .scales
                .iter()
                .filter(|s| rows.iter().any(|w| w.scale == s.id && w.group == group))
                .map(|s| AspectLine {
                    is_total: instrument.is_total(s),
                    label: self.scale_label(instrument, &s.id),
                    waves: waves
                        .iter()
                        .map(|wave| {
                            let row = rows
                                .iter()
                                .find(|w| w.scale == s.id && w.group == group && &w.wave == wave);
                            AspectWave {
                                wave: wave.clone(),
                                n: row.map_or(0, |w| w.n),
                                mean: row.and_then(|w| w.mean),
                                ci_low: row.and_then(|w| w.ci_low),
                                ci_high: row.and_then(|w| w.ci_high),
                                suppressed: row.is_none_or(|w| w.suppressed),
                                suppressed_reason: match row {
                                    None => t(nl, "geen antwoorden", "no responses").to_owned(),
                                    Some(w) => self.small_reason(w.suppressed, w.n),
                                },
                            }
                        })
                        .collect(),
                })
                .collect()
        };
        let aspects = aspects_of(ALL);
        let groups: BTreeSet<&str> = rows
            .iter()
            .map(|w| w.group.as_str())
            .filter(|g| *g != ALL)
            .collect();
        let roles = groups
            .into_iter()
            .map(|group| {
                let value = group.split_once('=').map_or(group, |(_, v)| v);
                let mut label = value.to_owned();
                if let Some(first) = label.get(..1) {
                    label = first.to_uppercase() + &label[1..];
                }
                RoleBlock {
                    role: value.to_owned(),
                    role_label: label,
                    aspects: aspects_of(group),
                }
            })
            .collect();
        let wave_labels = waves
            .iter()
            .map(|w| self.wave_label(instrument, w))
            .collect();
        let shown = aspects
            .iter()
            .filter(|a| !a.is_total && a.waves.iter().any(|w| w.mean.is_some()))
            .count();
        let alt = if shown == 0 {
            if nl {
                format!(
                    "Geen grafiek: bij geen enkele meting ({}) vulden genoeg netwerkpartners de vragenlijst in.",
                    waves.join(", ")
                )
            } else {
                format!(
                    "No chart: at no measurement ({}) did enough network partners answer the questionnaire.",
                    waves.join(", ")
                )
            }
        } else if nl {
            format!(
                "Gemiddelde score ({}–{}) van {} aspecten van samenwerking per meting ({}); per aspect een stip per meting met het 95%-interval.",
                num(instrument.scales.first().map_or(1.0, |s| s.range.0), 0, nl),
                num(instrument.scales.first().map_or(5.0, |s| s.range.1), 0, nl),
                shown,
                waves.join(", ")
            )
        } else {
            format!(
                "Mean score ({}–{}) of {} aspects of collaboration per measurement ({}); per aspect a dot per measurement with its 95% interval.",
                num(instrument.scales.first().map_or(1.0, |s| s.range.0), 0, nl),
                num(instrument.scales.first().map_or(5.0, |s| s.range.1), 0, nl),
                shown,
                waves.join(", ")
            )
        };
        let (min, max) = instrument
            .scales
            .first()
            .map(|s| s.range)
            .unwrap_or((1.0, 5.0));
        Some(Collaboration {
            name: if nl {
                instrument.name_nl.clone()
            } else {
                instrument.name_en.clone()
            },
            waves,
            wave_labels,
            alt,
            aspects,
            roles,
            min,
            max,
        })
    }

    fn collaboration_statement(&self, id: &str) -> Statement {
        let nl = self.nl;
        let topic_label = t(nl, "Samenwerking", "Collaboration");
        let none = |text: String| Statement {
            topic: "collaboration",
            topic_label,
            text,
            n: None,
            direction: "none",
        };
        let Some(result) = self
            .instruments
            .iter()
            .find(|r| r.instrument.respondents == Respondents::NetworkMembers)
        else {
            return none(
                t(
                    nl,
                    "Deze run bevat geen vragenlijst over de samenwerking in het netwerk.",
                    "This run holds no questionnaire on the collaboration in the network.",
                )
                .to_owned(),
            );
        };
        let instrument = &result.instrument;
        // The aspects, not the total score over all items.
        let pair: Vec<&BeforeAfterRow> = self
            .main_pair(id, result)
            .into_iter()
            .filter(|r| {
                !instrument
                    .scale(&r.scale)
                    .is_some_and(|s| instrument.is_total(s))
            })
            .collect();
        let shown: Vec<&&BeforeAfterRow> = pair.iter().filter(|r| !r.suppressed).collect();
        let Some(first) = pair.first() else {
            return none(
                t(
                    nl,
                    "De samenwerking is (nog) niet op twee momenten gemeten.",
                    "Collaboration has not been measured at two moments (yet).",
                )
                .to_owned(),
            );
        };
        if shown.is_empty() {
            let n = pair
                .iter()
                .map(|r| {
                    if r.paired {
                        r.n_paired
                    } else {
                        r.n_from.min(r.n_to)
                    }
                })
                .min()
                .unwrap_or(0);
            return Statement {
                topic: "collaboration",
                topic_label,
                text: if nl {
                    format!(
                        "Te weinig netwerkpartners vulden de vragenlijst over samenwerking bij {} en {} in (n = {n}, drempel {}) om uitspraken te doen over verandering.",
                        first.wave_from, first.wave_to, self.min_n
                    )
                } else {
                    format!(
                        "Too few network partners answered the collaboration questionnaire at {} and {} (n = {n}, threshold {}) to say anything about change.",
                        first.wave_from, first.wave_to, self.min_n
                    )
                },
                n: Some(n),
                direction: "none",
            };
        }
        let higher = shown
            .iter()
            .filter(|r| r.mean_diff.is_some_and(|d| d > 0.0))
            .count();
        let significant = shown
            .iter()
            .filter(|r| r.p_ttest.is_some_and(|p| p < 0.05))
            .count();
        let biggest = shown.iter().max_by(|a, b| {
            a.mean_diff
                .unwrap_or(f64::MIN)
                .partial_cmp(&b.mean_diff.unwrap_or(f64::MIN))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let n = shown
            .iter()
            .map(|r| {
                if r.paired {
                    r.n_paired
                } else {
                    r.n_from.min(r.n_to)
                }
            })
            .max()
            .unwrap_or(0);
        let from_label = self.wave_label(instrument, &first.wave_from);
        let to_label = self.wave_label(instrument, &first.wave_to);
        let mut text = if nl {
            format!(
                "De netwerkpartners beoordelen {higher} van de {} aspecten van samenwerking hoger {} ({}) dan {} ({})",
                shown.len(),
                to_label,
                first.wave_to,
                from_label,
                first.wave_from
            )
        } else {
            format!(
                "Network partners rate {higher} of the {} aspects of collaboration higher {} ({}) than {} ({})",
                shown.len(),
                to_label,
                first.wave_to,
                from_label,
                first.wave_from
            )
        };
        if let Some(b) = biggest
            && let (Some(a), Some(z)) = (b.mean_from, b.mean_to)
            && b.mean_diff.is_some_and(|d| d > 0.0)
        {
            text.push_str(&if nl {
                format!(
                    "; de grootste stijging bij ‘{}’ ({} → {})",
                    self.scale_label(instrument, &b.scale),
                    num(a, 1, nl),
                    num(z, 1, nl)
                )
            } else {
                format!(
                    "; the largest rise in ‘{}’ ({} → {})",
                    self.scale_label(instrument, &b.scale),
                    num(a, 1, nl),
                    num(z, 1, nl)
                )
            });
        }
        text.push_str(&if nl {
            format!(
                ". Aantoonbaar (p < 0,05) bij {significant} van de {} aspecten (n = {n}).",
                shown.len()
            )
        } else {
            format!(
                ". Demonstrable (p < 0.05) for {significant} of {} aspects (n = {n}).",
                shown.len()
            )
        });
        Statement {
            topic: "collaboration",
            topic_label,
            text,
            n: Some(n),
            direction: if significant > 0 && higher * 2 > shown.len() {
                "better"
            } else {
                "similar"
            },
        }
    }

    // ------------------------------------------------------------ activity

    fn activity(&self, id: &str) -> Activity {
        let nl = self.nl;
        let match_rows: Vec<MatchRow> = self
            .matches
            .iter()
            .filter(|r| r.network_id == id)
            .cloned()
            .collect();
        let matches = (!match_rows.is_empty()).then(|| {
            let years: Vec<String> = match_rows
                .iter()
                .filter(|r| r.period != ALL_YEARS)
                .map(|r| match r.pct_matched {
                    Some(p) if nl => format!(
                        "{}: {} hulpvragen, {}% gematcht",
                        r.period,
                        r.requests,
                        num(p, 0, nl)
                    ),
                    Some(p) => format!(
                        "{}: {} requests, {}% matched",
                        r.period,
                        r.requests,
                        num(p, 0, nl)
                    ),
                    None if nl => format!("{}: {} hulpvragen", r.period, r.requests),
                    None => format!("{}: {} requests", r.period, r.requests),
                })
                .collect();
            MatchSection {
                alt: if nl {
                    format!("Hulpvragen en matches per jaar: {}.", years.join("; "))
                } else {
                    format!("Requests and matches per year: {}.", years.join("; "))
                },
                rows: match_rows
                    .into_iter()
                    .map(|row| MatchLine {
                        is_total: row.period == ALL_YEARS,
                        period_label: if row.period == ALL_YEARS {
                            t(nl, "alle jaren", "all years").to_owned()
                        } else {
                            row.period.clone()
                        },
                        row,
                    })
                    .collect(),
            }
        });
        let quarter_rows: Vec<&QuarterRow> = self
            .questions
            .quarters
            .iter()
            .filter(|r| r.network_id == id)
            .collect();
        let questions = (!quarter_rows.is_empty()).then(|| {
            let change = self
                .questions
                .change
                .iter()
                .find(|c| c.network_id == id)
                .map(|c| ChangeLine {
                    year_first: c.year_first,
                    year_last: c.year_last,
                    n_first: c.n_first,
                    n_last: c.n_last,
                    pct_first: c.pct_first,
                    pct_last: c.pct_last,
                    diff: c.diff,
                    ci_low: c.ci_low,
                    ci_high: c.ci_high,
                    suppressed: c.suppressed,
                    text: self.change_text(c),
                });
            let shown: Vec<&&QuarterRow> = quarter_rows.iter().filter(|q| q.pct.is_some()).collect();
            let quarter = |q: &str| if nl { q.replace("-Q", "-K") } else { q.to_owned() };
            let alt = match (shown.first(), shown.last()) {
                (Some(a), Some(b)) if shown.len() == 1 && nl => format!(
                    "Aandeel niet-medische vragen dat in de gemeenschap (inwonerinitiatieven en vrijwilligers) werd afgehandeld, per kwartaal: alleen {} is getoond ({}%); de andere kwartalen hebben te weinig vragen.",
                    quarter(&a.quarter),
                    num(b.pct.unwrap_or(0.0), 0, nl)
                ),
                (Some(a), Some(b)) if shown.len() == 1 => format!(
                    "Share of non-medical questions handled in the community (residents' initiatives and volunteers), per quarter: only {} is shown ({}%); the other quarters have too few questions.",
                    quarter(&a.quarter),
                    num(b.pct.unwrap_or(0.0), 0, nl)
                ),
                (Some(a), Some(b)) if nl => format!(
                    "Aandeel niet-medische vragen dat in de gemeenschap (inwonerinitiatieven en vrijwilligers) werd afgehandeld, per kwartaal met 95%-interval: {} {}% tot {} {}%.",
                    quarter(&a.quarter),
                    num(a.pct.unwrap_or(0.0), 0, nl),
                    quarter(&b.quarter),
                    num(b.pct.unwrap_or(0.0), 0, nl)
                ),
                (Some(a), Some(b)) => format!(
                    "Share of non-medical questions handled in the community (residents' initiatives and volunteers), per quarter with 95% interval: {} {}% to {} {}%.",
                    a.quarter,
                    num(a.pct.unwrap_or(0.0), 0, nl),
                    b.quarter,
                    num(b.pct.unwrap_or(0.0), 0, nl)
                ),
                _ => t(
                    nl,
                    "Aandeel niet-medische vragen in de gemeenschap per kwartaal: alle kwartalen onderdrukt (te weinig vragen).",
                    "Share of non-medical questions in the community per quarter: every quarter suppressed (too few questions).",
                )
                .to_owned(),
            };
            QuestionSection {
                alt,
                quarters: quarter_rows
                    .iter()
                    .map(|q| QuarterLine {
                        quarter: q.quarter.clone(),
                        questions: q.questions,
                        non_medical: q.non_medical,
                        non_medical_in_community: q.non_medical_in_community,
                        pct: q.pct,
                        ci_low: q.ci_low,
                        ci_high: q.ci_high,
                        suppressed: q.suppressed,
                        quarter_label: if nl {
                            q.quarter.replace("-Q", "-K")
                        } else {
                            q.quarter.clone()
                        },
                        suppressed_reason: if q.suppressed {
                            if nl {
                                format!(
                                    "niet getoond: minder dan {} niet-medische vragen",
                                    self.min_n
                                )
                            } else {
                                format!(
                                    "not shown: fewer than {} non-medical questions",
                                    self.min_n
                                )
                            }
                        } else {
                            String::new()
                        },
                    })
                    .collect(),
                change,
            }
        });
        let missing_reason = if matches.is_none() && questions.is_none() {
            match (self.has_match_log, self.has_question_log) {
                (false, false) => t(
                    nl,
                    "Deze run heeft geen matchlog en geen vragenlog als invoer.",
                    "This run has no match log and no question log as input.",
                ),
                _ => t(
                    nl,
                    "De activiteitenlogboeken van deze run bevatten geen regels van dit netwerk.",
                    "The activity logs of this run hold no rows of this network.",
                ),
            }
            .to_owned()
        } else {
            String::new()
        };
        Activity {
            missing_reason,
            matches,
            questions,
        }
    }

    fn change_text(&self, c: &crate::compute::activity::CommunityChangeRow) -> String {
        let nl = self.nl;
        if c.suppressed {
            return if nl {
                format!(
                    "De verandering tussen {} en {} is niet getoond: in een van beide jaren zijn er minder dan {} niet-medische vragen.",
                    c.year_first, c.year_last, self.min_n
                )
            } else {
                format!(
                    "The change between {} and {} is not shown: one of the years has fewer than {} non-medical questions.",
                    c.year_first, c.year_last, self.min_n
                )
            };
        }
        let (Some(a), Some(b), Some(d)) = (c.pct_first, c.pct_last, c.diff) else {
            return String::new();
        };
        let ci = match (c.ci_low, c.ci_high) {
            (Some(l), Some(h)) => format!(
                " (95%-{} {} {} {})",
                t(nl, "BI", "CI"),
                bound(l, 1, nl),
                t(nl, "tot", "to"),
                bound(h, 1, nl)
            ),
            _ => String::new(),
        };
        let demonstrable = c.ci_low.is_some_and(|l| l > 0.0) || c.ci_high.is_some_and(|h| h < 0.0);
        let verb = match (demonstrable, d >= 0.0, nl) {
            (true, true, true) => "steeg",
            (true, false, true) => "daalde",
            (true, true, false) => "rose",
            (true, false, false) => "fell",
            (false, _, true) => "ging",
            (false, _, false) => "went",
        };
        let tail = match (demonstrable, nl) {
            (true, _) => "",
            (false, true) => " Dat verschil is niet aantoonbaar: het interval bevat nul.",
            (false, false) => " That difference is not demonstrable: the interval contains zero.",
        };
        if nl {
            format!(
                "Het aandeel niet-medische vragen dat in de gemeenschap werd afgehandeld {verb} van {}% ({}, n = {}) naar {}% ({}, n = {}): {} procentpunt{ci}.{tail}",
                num(a, 1, nl),
                c.year_first,
                c.n_first.unwrap_or(0),
                num(b, 1, nl),
                c.year_last,
                c.n_last.unwrap_or(0),
                signed(d, 1, nl)
            )
        } else {
            format!(
                "The share of non-medical questions handled in the community {verb} from {}% ({}, n = {}) to {}% ({}, n = {}): {} percentage points{ci}.{tail}",
                num(a, 1, nl),
                c.year_first,
                c.n_first.unwrap_or(0),
                num(b, 1, nl),
                c.year_last,
                c.n_last.unwrap_or(0),
                signed(d, 1, nl)
            )
        }
    }

    fn activity_statements(&self, id: &str) -> Vec<Statement> {
        let nl = self.nl;
        let topic_label = t(nl, "Activiteit", "Activity");
        let mut out = Vec::new();
        if let Some(all) = self
            .matches
            .iter()
            .find(|r| r.network_id == id && r.period == ALL_YEARS)
        {
            let pct = all
                .pct_matched
                .map(|p| format!("{}%", num(p, 0, nl)))
                .unwrap_or_else(|| "–".to_owned());
            let days = all
                .median_days_to_match
                .map(|d| {
                    if nl {
                        format!(
                            "; mediaan {} dagen tot een match",
                            num(d, if d.fract() == 0.0 { 0 } else { 1 }, nl)
                        )
                    } else {
                        format!(
                            "; median {} days to a match",
                            num(d, if d.fract() == 0.0 { 0 } else { 1 }, nl)
                        )
                    }
                })
                .unwrap_or_default();
            let followup = all
                .pct_followup_on_time
                .map(|p| {
                    if nl {
                        format!(
                            "; {}% van de opvolgingen op tijd (6–8 weken)",
                            num(p, 0, nl)
                        )
                    } else {
                        format!("; {}% of follow-ups on time (6–8 weeks)", num(p, 0, nl))
                    }
                })
                .unwrap_or_default();
            out.push(Statement {
                topic: "activity",
                topic_label,
                text: if nl {
                    format!(
                        "Van de {} hulpvragen werd {pct} gematcht met een vrijwilliger{days}{followup}.",
                        all.requests
                    )
                } else {
                    format!(
                        "Of the {} requests for help, {pct} were matched with a volunteer{days}{followup}.",
                        all.requests
                    )
                },
                n: Some(all.requests),
                direction: "none",
            });
        }
        if let Some(c) = self.questions.change.iter().find(|c| c.network_id == id) {
            let better = c.ci_low.is_some_and(|l| l > 0.0);
            let worse = c.ci_high.is_some_and(|h| h < 0.0);
            out.push(Statement {
                topic: "activity",
                topic_label,
                text: self.change_text(c),
                n: c.n_first.zip(c.n_last).map(|(a, b)| a + b),
                direction: if c.suppressed {
                    "none"
                } else if better {
                    "better"
                } else if worse {
                    "worse"
                } else {
                    "similar"
                },
            });
        }
        if out.is_empty() {
            out.push(Statement {
                topic: "activity",
                topic_label,
                text: t(
                    nl,
                    "Voor dit netwerk zijn geen activiteitenlogboeken (matches, vragen) aangeleverd.",
                    "No activity logs (matches, questions) were supplied for this network.",
                )
                .to_owned(),
                n: None,
                direction: "none",
            });
        }
        out
    }

    // ------------------------------------------------------------ methods

    fn methods(&self) -> Methods {
        let nl = self.nl;
        let instruments = self
            .instruments
            .iter()
            .map(|r| {
                let i = &r.instrument;
                let scales: Vec<String> = i
                    .scales
                    .iter()
                    .map(|s| {
                        let rule = match s.rule {
                            crate::spec::instrument::Rule::Mean => t(nl, "gemiddelde", "mean"),
                            crate::spec::instrument::Rule::Sum => t(nl, "som", "sum"),
                        };
                        format!(
                            "{} ({} {} {}, {}–{}, {} {})",
                            if nl { &s.label_nl } else { &s.label_en },
                            rule,
                            t(nl, "van", "of"),
                            s.items.len(),
                            num(s.range.0, 0, nl),
                            num(s.range.1, 0, nl),
                            t(nl, "minstens", "at least"),
                            s.min_answered
                        )
                    })
                    .collect();
                InstrumentNote {
                    name: if nl {
                        i.name_nl.clone()
                    } else {
                        i.name_en.clone()
                    },
                    scoring: format!("{}: {}.", t(nl, "Schalen", "Scales"), scales.join("; ")),
                    source: i.source.clone(),
                }
            })
            .collect();
        let waves = match (self.from, self.to) {
            (None, None) => t(
                nl,
                "per netwerk de eerste meting tegen de laatste",
                "per network the first measurement against the last",
            )
            .to_owned(),
            (f, to) => format!(
                "{} → {}",
                f.unwrap_or(t(nl, "eerste", "first")),
                to.unwrap_or(t(nl, "laatste", "last"))
            ),
        };
        let settings = vec![
            Setting {
                label: t(nl, "Run", "Run").to_owned(),
                value: match self.run_year {
                    Some(y) => format!("{} ({y})", self.run_name),
                    None => self.run_name.to_owned(),
                },
            },
            Setting {
                label: t(
                    nl,
                    "Onthullingsdrempel (min_n)",
                    "Disclosure threshold (min_n)",
                )
                .to_owned(),
                value: self.min_n.to_string(),
            },
            Setting {
                label: t(nl, "Vergeleken metingen", "Measurements compared").to_owned(),
                value: waves,
            },
            Setting {
                label: t(
                    nl,
                    "Betrouwbaarheid van intervallen",
                    "Confidence of intervals",
                )
                .to_owned(),
                value: "95%".to_owned(),
            },
            Setting {
                label: t(nl, "Datum van het rapport", "Date of the report").to_owned(),
                value: long_date(self.date, nl),
            },
        ];
        let paragraphs = if nl {
            vec![
                "Voor-na-vergelijkingen per schaal zijn gepaard: alleen inwoners die beide metingen invulden tellen mee (gepaarde t-toets met 95%-betrouwbaarheidsinterval van het gemiddelde verschil, Wilcoxon-rangtekentoets, effectgrootte Cohen's d_z, aandelen verbeterd/gelijk/verslechterd met de minimaal belangrijke verandering van de schaal). Zijn de metingen niet aan personen te koppelen, dan is de vergelijking ongepaard (t-toets van Welch) en staat dat erbij.".to_owned(),
                "Een p-waarde onder 0,05 noemen we ‘aantoonbaar’. Bij kleine aantallen is een echte verandering vaak niet aantoonbaar; ‘geen aantoonbare verandering’ betekent dus niet ‘geen verandering’. Zonder vergelijkingsgroep is een verandering niet zonder meer aan het netwerk toe te schrijven.".to_owned(),
                format!("Onthullingsbeheersing: elk cijfer dat op minder dan {} respondenten (of vragen) rust, is in alle uitvoer onderdrukt; waar een kleine groep anders uit de andere cijfers terug te rekenen is, is ook een tweede cijfer onderdrukt. Namen en codes van respondenten en vrije tekst komen nooit in een rapport.", self.min_n),
                "Aandelen hebben een Wilson-interval; het verschil tussen twee jaren een interval volgens Newcombe. De gebiedscijfers komen uit het wijkgezondheidsprofiel: ‘beter’ of ‘slechter’ alleen waar de bron een 95%-interval geeft en de vergelijkingswaarde daarbuiten valt.".to_owned(),
            ]
        } else {
            vec![
                "Before/after comparisons per scale are paired: only residents who answered both measurements count (paired t-test with 95% confidence interval of the mean difference, Wilcoxon signed-rank test, effect size Cohen's d_z, shares improved/unchanged/worse by the scale's minimal important change). When measurements cannot be linked to persons, the comparison is unpaired (Welch's t-test) and says so.".to_owned(),
                "A p-value below 0.05 is called ‘demonstrable’. With small numbers a real change is often not demonstrable; ‘no demonstrable change’ does not mean ‘no change’. Without a comparison group a change cannot simply be attributed to the network.".to_owned(),
                format!("Disclosure control: every figure resting on fewer than {} respondents (or questions) is suppressed in every output; where a small group could otherwise be worked out from the other figures, a second figure is suppressed too. Names and codes of respondents and free text never appear in a report.", self.min_n),
                "Shares have a Wilson interval; the difference between two years a Newcombe interval. The area figures come from the neighbourhood health profile: ‘better’ or ‘worse’ only where the source gives a 95% interval and the benchmark lies outside it.".to_owned(),
            ]
        };
        Methods {
            min_n: self.min_n,
            inputs: self.inputs.to_vec(),
            instruments,
            settings,
            paragraphs,
            problems: self.unreadable.to_vec(),
        }
    }
}

/// `Meedoen` → `meedoen` (inside a sentence); an acronym stays as it is.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => a
            .to_lowercase()
            .chain(std::iter::once(b))
            .chain(chars)
            .collect(),
        _ => text.to_owned(),
    }
}

/// `12345` → `12 345` (Dutch: a space; English: a comma).
fn group_thousands(v: i64, nl: bool) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(if nl { '\u{a0}' } else { ',' });
        }
        out.push(c);
    }
    if v < 0 { format!("−{out}") } else { out }
}
