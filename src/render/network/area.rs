//! The area of a network: the key indicators of its areas from the
//! neighbourhood health profile, and the care costs of its municipality.

use super::RunContext;
use super::data::{AreaBlock, AreaIndicator, AreaSection, CostSentence};
use crate::compute::costs::CostCategory;
use crate::compute::profile::ProfileRow;
use crate::ingest::network::register::Network;
use crate::msg;
use crate::render::profile::labels::{comparison_label, level_words, unit_label};
use crate::render::words::{format_euros, format_grouped, format_value};

impl RunContext<'_> {
    pub(super) fn areas(&self, n: &Network) -> AreaSection {
        let nl = self.nl();
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
                missing_reason: self.text("network-area-no-open-data"),
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
                let (unit, digits) = unit_label(self.messages, &row.unit);
                indicators.push(AreaIndicator {
                    label: self
                        .pick(&indicator.label_nl, &indicator.label_en)
                        .to_owned(),
                    unit_label: unit,
                    digits,
                    value: row.value,
                    gemeente_value: row.gemeente_value,
                    nl_value: row.nl_value,
                    vs_gemeente: row.vs_gemeente.id(),
                    vs_gemeente_label: comparison_label(self.messages, row.vs_gemeente),
                    vs_nl: row.vs_nl.id(),
                    vs_nl_label: comparison_label(self.messages, row.vs_nl),
                    quintile_nl: row.quintile_nl,
                    quintile_label: row.quintile_nl.map_or_else(
                        || "–".to_owned(),
                        |q| msg!(self.messages, "network-quintile", quintile = q.to_string()),
                    ),
                    value_text: format_grouped(row.value, digits, nl),
                    gemeente_value_text: format_grouped(row.gemeente_value, digits, nl),
                    nl_value_text: format_grouped(row.nl_value, digits, nl),
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
                level_label: level_words(self.messages, first.level).short,
                indicators,
            });
        }
        let missing_reason = if blocks.is_empty() {
            self.text("network-area-no-figures")
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
        let nl = self.nl();
        let m = self.messages;
        let row = self
            .costs
            .iter()
            .flat_map(|c| c.rows.iter())
            .filter(|r| r.gemeente_code == gemeente && r.category == CostCategory::Total)
            .max_by_key(|r| r.year)?;
        // "€" stays with its amount.
        let euro = |v: Option<f64>| {
            v.map(|v| format_euros(v, nl).replace("€ ", "€\u{a0}"))
                .unwrap_or_else(|| "–".to_owned())
        };
        let year = row.year.map_or_else(|| "–".to_owned(), |y| y.to_string());
        let ratio = row.ratio_observed_expected.map(|r| format_value(r, 2, nl));
        let text = msg!(
            m,
            "network-costs-text",
            gemeente = row.gemeente_name.as_str(),
            year = row.year.map(|y| format!(" ({y})")).unwrap_or_default(),
            cost = euro(row.cost_per_insured_year_std),
            nl_cost = euro(row.nl_cost_per_insured_year),
            ratio = ratio
                .as_deref()
                .map(|r| msg!(m, "network-costs-ratio", ratio = r))
                .unwrap_or_default()
        );
        Some(CostSentence {
            gemeente_name: row.gemeente_name.clone(),
            year: row.year,
            total_std: row.cost_per_insured_year_std,
            nl_total: row.nl_cost_per_insured_year,
            ratio: row.ratio_observed_expected,
            text,
            gemeente_label: msg!(
                m,
                "network-costs-gemeente-standardised",
                gemeente = row.gemeente_name.as_str()
            ),
            total_std_text: euro(row.cost_per_insured_year_std),
            nl_total_text: euro(row.nl_cost_per_insured_year),
            ratio_text: ratio.unwrap_or_else(|| "–".to_owned()),
            note: msg!(m, "network-costs-note", year = year.as_str()),
        })
    }
}
