//! Collaboration: the partners' scores per aspect and wave (overall and per
//! role), and the summary's statement.

use std::collections::BTreeSet;

use super::RunContext;
use super::data::{AspectLine, AspectWave, Collaboration, RoleBlock, Statement};
use crate::compute::effect::{ALL, BeforeAfterRow, wave_order};
use crate::compute::findings::network::{
    CollaborationFinding, Suppression, collaboration_finding, suppression,
};
use crate::msg;
use crate::render::network::InstrumentResult;
use crate::render::words::{format_count, format_value};

impl RunContext<'_> {
    pub(super) fn collaboration(
        &self,
        id: &str,
        result: &InstrumentResult,
    ) -> Option<Collaboration> {
        let nl = self.nl();
        let m = self.messages;
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
                            let why = match row {
                                None => Some(Suppression::NoResponses),
                                Some(w) => suppression(w.suppressed, w.n, self.min_n),
                            };
                            AspectWave {
                                wave: wave.clone(),
                                n: row.map_or(0, |w| w.n),
                                mean: row.and_then(|w| w.mean),
                                ci_low: row.and_then(|w| w.ci_low),
                                ci_high: row.and_then(|w| w.ci_high),
                                mean_text: self.value_text(row.and_then(|w| w.mean), 1),
                                ci_text: self.interval_text(
                                    row.and_then(|w| w.ci_low),
                                    row.and_then(|w| w.ci_high),
                                    1,
                                    "",
                                ),
                                suppressed: row.is_none_or(|w| w.suppressed),
                                suppressed_reason: self.reason(why),
                                suppression: why,
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
            msg!(
                m,
                "network-collaboration-alt-none",
                waves = waves.join(", ")
            )
        } else {
            msg!(
                m,
                "network-collaboration-alt",
                min = format_value(instrument.scales.first().map_or(1.0, |s| s.range.0), 0, nl),
                max = format_value(instrument.scales.first().map_or(5.0, |s| s.range.1), 0, nl),
                aspects = shown,
                waves = waves.join(", ")
            )
        };
        let (min, max) = instrument
            .scales
            .first()
            .map(|s| s.range)
            .unwrap_or((1.0, 5.0));
        let intro = msg!(
            m,
            "network-collaboration-intro",
            aspects = aspects.iter().filter(|a| !a.is_total).count(),
            min = self.auto_digits(min, 2),
            max = self.auto_digits(max, 2),
            total = if aspects.iter().any(|a| a.is_total) {
                "yes"
            } else {
                "no"
            }
        );
        Some(Collaboration {
            intro,
            name: self
                .pick(&instrument.name_nl, &instrument.name_en)
                .to_owned(),
            waves,
            wave_labels,
            alt,
            aspects,
            roles,
            min,
            max,
        })
    }

    pub(super) fn collaboration_statement(&self, id: &str) -> Statement {
        let m = self.messages;
        let topic_label = || self.text("network-topic-collaboration");
        let statement = |text: String, n: usize, direction| Statement {
            topic: "collaboration",
            topic_label: topic_label(),
            text,
            n: Some(n),
            n_label: format!("n = {}", format_count(n as i64, self.nl())),
            direction,
        };
        let result = self.collaboration_result();
        // The aspects, not the total score over all items.
        let pair: Option<Vec<&BeforeAfterRow>> = result.map(|result| {
            let instrument = &result.instrument;
            self.main_pair(id, result)
                .into_iter()
                .filter(|r| {
                    !instrument
                        .scale(&r.scale)
                        .is_some_and(|s| instrument.is_total(s))
                })
                .collect()
        });
        let waves = pair
            .as_ref()
            .and_then(|p| p.first())
            .map(|r| (r.wave_from.as_str(), r.wave_to.as_str()))
            .unwrap_or(("", ""));
        match collaboration_finding(pair.as_deref(), &self.rules) {
            CollaborationFinding::NoInstrument => Statement::none(
                "collaboration",
                topic_label(),
                self.text("network-summary-no-collaboration-instrument"),
            ),
            CollaborationFinding::NoComparison => Statement::none(
                "collaboration",
                topic_label(),
                self.text("network-summary-collaboration-not-twice"),
            ),
            CollaborationFinding::AllSuppressed { n } => statement(
                msg!(
                    m,
                    "network-summary-collaboration-too-few",
                    from = waves.0,
                    to = waves.1,
                    n = n,
                    min_n = self.min_n
                ),
                n,
                crate::compute::findings::Direction::Unknown,
            ),
            CollaborationFinding::Compared {
                shown,
                higher,
                demonstrable,
                largest_rise,
                n,
                direction,
            } => {
                let scale_label = |scale: &str| {
                    result.map_or_else(
                        || scale.to_owned(),
                        |r| self.scale_label(&r.instrument, scale),
                    )
                };
                let wave_label = |wave: &str| {
                    result.map_or_else(|| wave.to_owned(), |r| self.wave_label(&r.instrument, wave))
                };
                let nl = self.nl();
                let rise = largest_rise
                    .map(|(scale, a, z)| {
                        msg!(
                            m,
                            "network-summary-collaboration-largest-rise",
                            aspect = scale_label(&scale),
                            from = format_value(a, 1, nl),
                            to = format_value(z, 1, nl)
                        )
                    })
                    .unwrap_or_default();
                let text = msg!(
                    m,
                    "network-summary-collaboration",
                    higher = higher,
                    aspects = shown,
                    to_label = wave_label(waves.1),
                    to = waves.1,
                    from_label = wave_label(waves.0),
                    from = waves.0,
                    rise = rise,
                    alpha = self.alpha_text(),
                    demonstrable = demonstrable,
                    n = n
                );
                statement(text, n, direction)
            }
        }
    }
}
