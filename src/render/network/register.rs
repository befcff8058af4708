//! The network as the register describes it: facts, phases and their
//! timeline, partners by domain, and the checklist of success factors.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::RunContext;
use super::data::{CheckItem, Fact, NetworkInfo, PartnerGroup, PhaseLine, Timeline};
use crate::ingest::network::YesNoUnknown;
use crate::ingest::network::register::{Domain, Funding, Network, Phase};
use crate::msg;
use crate::render::words::{long_date, short_month};

/// The status of a checklist item: present, absent or unknown.
fn status_code(present: Option<bool>) -> &'static str {
    match present {
        Some(true) => "present",
        Some(false) => "absent",
        None => "unknown",
    }
}

fn yes_no_unknown(v: YesNoUnknown) -> Option<bool> {
    match v {
        YesNoUnknown::Yes => Some(true),
        YesNoUnknown::No => Some(false),
        YesNoUnknown::Unknown => None,
    }
}

impl RunContext<'_> {
    /// The label of a register code: `network-<kind>-<code>` (spaces in the
    /// code as hyphens).
    pub(super) fn code_label(&self, kind: &str, code: &str) -> String {
        self.text(&format!("network-{kind}-{}", code.replace(' ', "-")))
    }

    fn phase_label(&self, phase: Phase) -> String {
        self.code_label("phase", phase.code())
    }

    fn domain_label(&self, domain: Domain) -> String {
        self.code_label("domain", domain.code())
    }

    pub(super) fn network_info(&self, n: &Network) -> NetworkInfo {
        let nl = self.nl();
        let phase = self.register.phase_on(&n.id, self.date);
        let unknown = || self.text("network-unknown");
        let unknown_label = || self.text("network-unknown-label");
        let initiator = n.initiator.map(|v| self.code_label("initiator", v.code()));
        let approach = n.approach.map(|v| self.code_label("approach", v.code()));
        let perspective = n
            .perspective
            .map(|v| self.code_label("perspective", v.code()));
        let funding = n.funding.map(|v| self.code_label("funding", v.code()));
        let funded_until = n.funded_until.map(|d| long_date(d, nl));
        let start_date = n.start_date.map(|d| long_date(d, nl));
        let phase_label = phase.map(|p| self.phase_label(p));
        let gemeente_name = self.gemeente_name(&n.municipality);
        let fact = |id: &str, value: Option<String>| Fact {
            label: self.text(id),
            value: value.unwrap_or_default(),
        };
        let facts = vec![
            fact("network-fact-ambition", n.ambition.clone()),
            fact("network-fact-target-group", n.target_group.clone()),
            fact("network-fact-initiator", initiator.clone()),
            fact("network-fact-approach", approach.clone()),
            fact("network-fact-perspective", perspective.clone()),
            fact("network-fact-kartrekker", n.kartrekker_role.clone()),
            fact(
                "network-fact-funding",
                funding.clone().map(|f| match &funded_until {
                    Some(until) => msg!(
                        self.messages,
                        "network-funding-until",
                        funding = f,
                        until = until.as_str()
                    ),
                    None => f,
                }),
            ),
            fact("network-fact-started", start_date.clone()),
            fact("network-fact-phase", phase_label.clone()),
            fact(
                "network-fact-municipality",
                Some(format!("{gemeente_name} ({})", n.municipality)),
            ),
        ];
        NetworkInfo {
            id: n.id.clone(),
            name: n.name.clone(),
            gemeente_code: n.municipality.clone(),
            gemeente_name,
            start_date: start_date.unwrap_or_else(unknown),
            target_group: n.target_group.clone().unwrap_or_default(),
            ambition: n.ambition.clone().unwrap_or_default(),
            initiator: n.initiator.map(|v| v.code().to_owned()).unwrap_or_default(),
            initiator_label: initiator.unwrap_or_else(unknown_label),
            approach_label: approach.unwrap_or_else(unknown_label),
            perspective_label: perspective.unwrap_or_else(unknown_label),
            funding_label: funding.unwrap_or_else(unknown_label),
            approach: n.approach.map(|v| v.code().to_owned()).unwrap_or_default(),
            perspective: n
                .perspective
                .map(|v| v.code().to_owned())
                .unwrap_or_default(),
            kartrekker_role: n.kartrekker_role.clone().unwrap_or_else(unknown),
            funding: n.funding.map(|v| v.code().to_owned()).unwrap_or_default(),
            funded_until: funded_until.unwrap_or_default(),
            phase: phase.map(|p| p.code().to_owned()).unwrap_or_default(),
            phase_label: phase_label.unwrap_or_else(unknown),
            facts,
        }
    }

    /// The first date of each phase.
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

    /// The span the timeline covers.
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

    pub(super) fn phases(&self, id: &str) -> Vec<PhaseLine> {
        let nl = self.nl();
        let dates = self.phase_dates(id);
        let start = self.register.network(id).and_then(|n| n.start_date);
        let span = self.span(id, start);
        Phase::ALL
            .iter()
            .map(|&phase| {
                let date = dates.get(&phase).copied().filter(|d| *d <= self.date);
                PhaseLine {
                    phase: phase.code(),
                    label: self.phase_label(phase),
                    reached: date.is_some(),
                    date: date.map(|d| d.to_string()),
                    date_label: date
                        .map(|d| short_month(d, nl))
                        .unwrap_or_else(|| self.text("network-phase-not-yet")),
                    position: date.map(|d| self.position(d, span)),
                }
            })
            .collect()
    }

    pub(super) fn timeline(&self, id: &str, start: Option<NaiveDate>) -> Timeline {
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
        let nl = self.nl();
        let reached: Vec<String> = self
            .phase_dates(id)
            .into_iter()
            .filter(|(_, d)| *d <= self.date)
            .map(|(p, d)| format!("{} {}", self.phase_label(p), short_month(d, nl)))
            .collect();
        let alt = if reached.is_empty() {
            self.text("network-timeline-alt-none")
        } else {
            msg!(
                self.messages,
                "network-timeline-alt",
                from = span.0.year().to_string(),
                to = span.1.year().to_string(),
                phases = reached.join("; ")
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

    pub(super) fn partners(&self, id: &str) -> Vec<PartnerGroup> {
        let mut by_domain: BTreeMap<Domain, Vec<String>> = BTreeMap::new();
        for p in self.register.partners.iter().filter(|p| p.network == id) {
            by_domain.entry(p.domain).or_default().push(p.name.clone());
        }
        by_domain
            .into_iter()
            .map(|(domain, names)| PartnerGroup {
                domain: domain.code(),
                label: self.domain_label(domain),
                names,
            })
            .collect()
    }

    /// The success factors of the seed reports, each present, absent or
    /// unknown from the register.
    pub(super) fn checklist(&self, n: &Network) -> Vec<CheckItem> {
        let m = self.messages;
        let partners: Vec<_> = self
            .register
            .partners
            .iter()
            .filter(|p| p.network == n.id)
            .collect();
        let has_partners = !partners.is_empty();
        let item = |id: &str, present: Option<bool>, basis: String| CheckItem {
            item: self.text(id),
            status: status_code(present),
            status_label: self.text(&format!("network-status-{}", status_code(present))),
            basis,
        };
        let domain_item = |id: &str, domain: Domain| {
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
                Some(true) => msg!(m, "network-basis-partner", names = names.join(", ")),
                Some(false) => msg!(
                    m,
                    "network-basis-no-partner-in",
                    domain = self.domain_label(domain).to_lowercase()
                ),
                None => m.get("network-basis-no-partners"),
            };
            item(id, present, basis)
        };
        let yes_no = |v: Option<bool>| {
            m.get(match v {
                Some(true) => "network-yes",
                Some(false) => "network-no",
                None => "network-not-filled-in",
            })
        };
        let funding_basis = match (n.funding, n.funded_until) {
            (Some(f), until) => {
                let funding = self.code_label("funding", f.code()).to_lowercase();
                let funding = match until {
                    Some(until) => msg!(
                        m,
                        "network-funding-until",
                        funding = funding,
                        until = long_date(until, self.nl())
                    ),
                    None => funding,
                };
                msg!(m, "network-basis-funding", funding = funding)
            }
            (None, _) => msg!(
                m,
                "network-basis-funding",
                funding = m.get("network-not-filled-in")
            ),
        };
        let according = |id: &str, v: Option<bool>| msg!(m, id, value = yes_no(v));
        vec![
            item(
                "network-check-independent-kartrekker",
                n.kartrekker_independent,
                according(
                    "network-basis-kartrekker-independent",
                    n.kartrekker_independent,
                ),
            ),
            domain_item("network-check-municipality", Domain::Municipality),
            domain_item("network-check-health-insurer", Domain::HealthInsurer),
            domain_item(
                "network-check-general-practice",
                Domain::GeneralPractitioner,
            ),
            item(
                "network-check-residents-from-start",
                yes_no_unknown(n.residents_from_start),
                according(
                    "network-basis-residents-from-start",
                    yes_no_unknown(n.residents_from_start),
                ),
            ),
            item(
                "network-check-structural-funding",
                n.funding.map(|f| f == Funding::Structural),
                funding_basis,
            ),
            item(
                "network-check-written-ambition",
                yes_no_unknown(n.written_ambition),
                according(
                    "network-basis-written-ambition",
                    yes_no_unknown(n.written_ambition),
                ),
            ),
        ]
    }
}
