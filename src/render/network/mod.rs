//! The data of a network's annual impact report (`netwerk.typ` reads it as
//! `data.json`).
//!
//! Everything here is aggregate: statistics that passed the disclosure
//! threshold, counts of problems per input file. Respondent pseudonyms,
//! request ids, free text of responses and the messages of problems (which
//! quote cell values) never reach a report. What the report says is decided
//! in `compute::findings::network`; this module puts the findings into the
//! words of the catalogue (`report-templates/lang/*.ftl`, keys `network-…`)
//! and gives the template every label resolved, so that the template holds
//! no wording and no language branch.
//!
//! Modules: `data` (the serialised types), `register` (the network, its
//! phases, partners and checklist), `area` (area profile and care costs),
//! `residents`, `collaboration`, `activity`, `methods` (methods appendix and
//! the template's labels).

mod activity;
mod area;
mod collaboration;
mod data;
mod methods;
mod register;
mod residents;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::compute::activity::{MatchRow, QuestionTables};
use crate::compute::costs::CareCosts;
use crate::compute::effect::{BeforeAfterRow, WaveTables};
use crate::compute::findings::FindingRules;
use crate::compute::findings::network::Suppression;
use crate::compute::profile::ProfileRow;
use crate::i18n::{Lang, Messages};
use crate::ingest::network::register::{Network, Register};
use crate::msg;
use crate::render::words::{format_value, long_date};
use crate::spec::catalogue::IndicatorCatalogue;
use crate::spec::instrument::{Instrument, Respondents};

pub use data::NetworkReport;
use data::{RunInfo, Statement};

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
    /// Whether the file could be read at all.
    pub readable: bool,
    /// Problems found, counted (never quoted: messages hold cell values).
    pub errors: usize,
    pub warnings: usize,
}

/// Everything the reports of one run share.
pub struct RunContext<'a> {
    /// The wording of the report's language.
    pub messages: &'a Messages,
    /// What counts as demonstrable.
    pub rules: FindingRules,
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
    /// The boundaries of the locator map of the network's areas; `None`:
    /// no map.
    pub boundaries: Option<&'a crate::geo::BoundarySet>,
}

impl RunContext<'_> {
    /// The report of one network.
    pub fn report(&self, network: &Network) -> NetworkReport {
        let id = network.id.as_str();
        let residents = self
            .residents()
            .map(|r| self.instrument_block(id, r))
            .collect();
        let collaboration = self
            .collaboration_result()
            .and_then(|r| self.collaboration(id, r));
        let mut summary: Vec<Statement> = self
            .residents()
            .flat_map(|r| self.resident_statements(id, r))
            .collect();
        if summary.is_empty() {
            summary.push(Statement::none(
                "residents",
                self.text("network-topic-residents"),
                self.text("network-summary-no-residents"),
            ));
        }
        summary.push(self.collaboration_statement(id));
        summary.extend(self.activity_statements(id));

        NetworkReport {
            lang: self.lang().code(),
            thousands_separator: crate::render::words::thousands_separator(self.nl()).to_string(),
            labels: self.labels(),
            generated: long_date(self.date, self.nl()),
            run: RunInfo {
                name: self.run_name.to_owned(),
                year: self.year(),
            },
            network: self.network_info(network),
            phases: self.phases(id),
            timeline: self.timeline(id, network.start_date),
            partners: self.partners(id),
            checklist: self.checklist(network),
            summary,
            areas: self.areas(network),
            map: self.boundaries.and_then(|set| {
                // The locator map (render::network_map), the one hook of the maps here.
                let codes: Vec<&str> = (self.register.areas.iter())
                    .filter(|a| a.network == id)
                    .map(|a| a.area.code.as_str())
                    .collect();
                let gemeente = network.municipality.as_str();
                crate::render::network_map::network_map(
                    set,
                    self.messages,
                    gemeente,
                    &self.gemeente_name(gemeente),
                    &codes,
                )
            }),
            residents,
            collaboration,
            activity: self.activity(id),
            methods: self.methods(),
        }
    }

    /// The residents' instruments.
    fn residents(&self) -> impl Iterator<Item = &InstrumentResult> {
        self.instruments
            .iter()
            .copied()
            .filter(|r| r.instrument.respondents == Respondents::Residents)
    }

    /// The collaboration questionnaire, if the run has one.
    fn collaboration_result(&self) -> Option<&InstrumentResult> {
        self.instruments
            .iter()
            .copied()
            .find(|r| r.instrument.respondents == Respondents::NetworkMembers)
    }

    /// The year the report is about: the pipeline's, else the run date's
    /// (a pipeline need not declare one).
    fn year(&self) -> i32 {
        self.run_year.unwrap_or_else(|| self.date.year())
    }

    fn lang(&self) -> Lang {
        self.messages.lang()
    }

    /// Whether the report is Dutch: only to call `render::words`, which
    /// takes the language this way.
    fn nl(&self) -> bool {
        self.lang() == Lang::Nl
    }

    /// A message without arguments.
    fn text(&self, id: &str) -> String {
        self.messages.get(id)
    }

    /// The field of the report's language of a text the data carry in both
    /// languages (instrument, scale and indicator labels).
    fn pick<'s>(&self, nl: &'s str, en: &'s str) -> &'s str {
        match self.lang() {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// The significance level as the report writes it (`0,05`): with the
    /// decimals it needs, up to four.
    fn alpha_text(&self) -> String {
        self.auto_digits(self.rules.alpha, 4)
    }

    /// A number with as few decimals as it needs (at most `max`): `1`,
    /// `2,5`, `0,05`.
    fn auto_digits(&self, v: f64, max: u8) -> String {
        let digits = (0..max)
            .find(|&d| {
                let scaled = v * 10f64.powi(d as i32);
                (scaled.round() - scaled).abs() < 1e-9
            })
            .unwrap_or(max);
        format_value(v, digits, self.nl())
    }

    /// Why a figure is not shown, in words.
    /// A 95% interval as the report prints it, `(−0,1 tot 0,7)`, by the one
    /// bound rule of `render::words`; `unit` follows each bound (`%`).
    /// Empty when a bound is missing.
    fn interval_text(&self, low: Option<f64>, high: Option<f64>, digits: u8, unit: &str) -> String {
        let (Some(low), Some(high)) = (low, high) else {
            return String::new();
        };
        let nl = self.nl();
        msg!(
            self.messages,
            "network-interval",
            low = format!("{}{unit}", crate::render::words::bound(low, digits, nl)),
            high = format!("{}{unit}", crate::render::words::bound(high, digits, nl))
        )
    }

    /// A value with `digits` decimals, `–` when missing.
    fn value_text(&self, v: Option<f64>, digits: u8) -> String {
        v.map_or_else(
            || "–".to_owned(),
            |v| crate::render::words::format_value(v, digits, self.nl()),
        )
    }

    fn reason(&self, suppression: Option<Suppression>) -> String {
        let m = self.messages;
        match suppression {
            None => String::new(),
            Some(Suppression::TooFew { n, min_n }) => {
                msg!(m, "network-reason-too-few", n = n, min_n = min_n)
            }
            Some(Suppression::Complementary) => m.get("network-reason-complementary"),
            Some(Suppression::NoResponses) => m.get("network-reason-no-responses"),
            Some(Suppression::TooFewQuestions { min_n }) => {
                msg!(m, "network-reason-too-few-questions", min_n = min_n)
            }
        }
    }

    fn gemeente_name(&self, code: &str) -> String {
        self.names
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
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
