//! Residents: per instrument the before/after comparison of the first and
//! last wave (table, interval chart, spider web), the means and cut-off
//! shares per wave, and the summary's statements.

use super::data::{CutoffLine, InstrumentBlock, ScaleLine, Spider, Statement, WaveLine};
use super::{RunContext, lower_first};
use crate::compute::effect::{ALL, BeforeAfterRow, wave_order};
use crate::compute::findings::network::{
    ResidentFinding, comparison_n, higher_is_better, interval_direction, resident_finding,
    suppression,
};
use crate::msg;
use crate::render::network::InstrumentResult;
use crate::render::words::{bound, format_count, format_value, signed};
use crate::spec::instrument::Instrument;

/// Digits to show for a scale's values: one, or two for short ranges.
pub(super) fn scale_digits(range: (f64, f64)) -> u8 {
    if range.1 - range.0 <= 6.0 { 2 } else { 1 }
}

impl RunContext<'_> {
    /// The comparison the report shows: the first wave against the last.
    pub(super) fn main_pair<'r>(
        &self,
        id: &str,
        result: &'r InstrumentResult,
    ) -> Vec<&'r BeforeAfterRow> {
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

    pub(super) fn scale_label(&self, instrument: &Instrument, scale: &str) -> String {
        instrument
            .scale(scale)
            .map(|s| self.pick(&s.label_nl, &s.label_en).to_owned())
            .unwrap_or_else(|| scale.to_owned())
    }

    pub(super) fn wave_label(&self, instrument: &Instrument, wave: &str) -> String {
        instrument
            .wave(wave)
            .and_then(|w| self.pick_opt(&w.label_nl, &w.label_en))
            .unwrap_or_else(|| wave.to_owned())
    }

    fn pick_opt(&self, nl: &Option<String>, en: &Option<String>) -> Option<String> {
        match self.lang() {
            crate::i18n::Lang::Nl => nl.clone(),
            crate::i18n::Lang::En => en.clone(),
        }
    }

    fn instrument_name(&self, instrument: &Instrument) -> String {
        self.pick(&instrument.name_nl, &instrument.name_en)
            .to_owned()
    }

    pub(super) fn instrument_block(&self, id: &str, result: &InstrumentResult) -> InstrumentBlock {
        let instrument = &result.instrument;
        let pair = self.main_pair(id, result);
        let note = match self.lang() {
            crate::i18n::Lang::Nl => instrument.note_nl.clone(),
            // An English note falls back to the Dutch one.
            crate::i18n::Lang::En => instrument
                .note_en
                .clone()
                .or_else(|| instrument.note_nl.clone()),
        }
        .unwrap_or_default();
        let waves: Vec<WaveLine> = result
            .waves
            .waves
            .iter()
            .filter(|w| w.network_id == id && w.group == ALL)
            .map(|w| {
                let why = suppression(w.suppressed, w.n, self.min_n);
                let digits = instrument
                    .scale(&w.scale)
                    .map_or(1, |s| scale_digits(s.range));
                WaveLine {
                    scale_label: self.scale_label(instrument, &w.scale),
                    wave: w.wave.clone(),
                    n: w.n,
                    mean: w.mean,
                    ci_low: w.ci_low,
                    ci_high: w.ci_high,
                    mean_text: self.value_text(w.mean, digits),
                    ci_text: self.interval_text(w.ci_low, w.ci_high, digits, ""),
                    suppressed: w.suppressed,
                    suppressed_reason: self.reason(why),
                    suppression: why,
                }
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
                    .map(|k| self.pick(&k.label_nl, &k.label_en).to_owned())
                    .unwrap_or_else(|| c.cutoff.clone());
                let why = suppression(c.suppressed, c.n, self.min_n);
                CutoffLine {
                    scale_label: self.scale_label(instrument, &c.scale),
                    cutoff_label: label,
                    wave: c.wave.clone(),
                    n: c.n,
                    pct: c.pct,
                    ci_low: c.ci_low,
                    ci_high: c.ci_high,
                    pct_text: c.pct.map_or_else(
                        || "–".to_owned(),
                        |p| format!("{}%", self.value_text(Some(p), 1)),
                    ),
                    ci_text: self.interval_text(c.ci_low, c.ci_high, 1, "%"),
                    suppressed: c.suppressed,
                    suppressed_reason: self.reason(why),
                    suppression: why,
                }
            })
            .collect();
        let mut block = InstrumentBlock {
            instrument: instrument.id.clone(),
            name: self.instrument_name(instrument),
            respondents_label: self.text("network-respondents-residents"),
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
            block.absent_reason = self.text(if block.waves.is_empty() {
                "network-residents-no-responses"
            } else {
                "network-residents-one-wave"
            });
            return block;
        };
        block.wave_from = first.wave_from.clone();
        block.wave_to = first.wave_to.clone();
        block.scales = pair
            .iter()
            .map(|r| {
                let scale = instrument.scale(&r.scale);
                let polarity = scale.map(|s| s.polarity);
                let range = scale.map(|s| s.range).unwrap_or((0.0, 10.0));
                let digits = scale_digits(range);
                let nl = self.nl();
                let why = r
                    .suppressed
                    .then(|| suppression(true, comparison_n(r), self.min_n))
                    .flatten();
                let higher = higher_is_better(polarity);
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
                    mean_from_text: self.value_text(r.mean_from, digits),
                    mean_to_text: self.value_text(r.mean_to, digits),
                    mean_diff_text: r
                        .mean_diff
                        .map_or_else(|| "–".to_owned(), |d| signed(d, digits, nl)),
                    ci_text: self.interval_text(r.ci_low, r.ci_high, digits, ""),
                    cohen_dz_text: self.value_text(r.cohen_dz, 2),
                    p_ttest: r.p_ttest,
                    p_wilcoxon: r.p_wilcoxon,
                    p_ttest_text: self.p_text(r.p_ttest),
                    p_wilcoxon_text: self.p_text(r.p_wilcoxon),
                    cohen_dz: r.cohen_dz,
                    pct_improved: r.pct_improved,
                    pct_unchanged: r.pct_unchanged,
                    pct_worse: r.pct_worse,
                    paired: r.paired,
                    method_label: self.text(if r.paired {
                        "network-method-paired"
                    } else {
                        "network-method-welch"
                    }),
                    suppressed: r.suppressed,
                    suppressed_reason: self.reason(why),
                    suppression: why,
                    polarity: if higher {
                        "higher_better"
                    } else {
                        "lower_better"
                    },
                    polarity_label: self.text(if higher {
                        "network-higher-is-better"
                    } else {
                        "network-lower-is-better"
                    }),
                    direction: if r.mean_diff.is_some() {
                        interval_direction(polarity, r.ci_low, r.ci_high)
                    } else {
                        crate::compute::findings::Direction::Unknown
                    },
                    min: range.0,
                    max: range.1,
                    digits,
                }
            })
            .collect();
        block.interval_alt = self.interval_alt(instrument, &pair);
        if instrument.id == "positieve-gezondheid" || instrument.scales.len() >= 5 {
            block.spider = Some(self.spider(instrument, &pair));
        }
        block
    }

    /// A p-value: `< 0,001` below 0.001, else three decimals; four when
    /// three would round a p below the significance level up to it (so
    /// that a demonstrable change never reads `p = 0,050`).
    fn p_text(&self, p: Option<f64>) -> String {
        let nl = self.nl();
        match p {
            None => "–".to_owned(),
            Some(p) if p < 0.001 => format!("< {}", format_value(0.001, 3, nl)),
            Some(p)
                if self.rules.demonstrable(Some(p))
                    && (p * 1000.0).round() / 1000.0 >= self.rules.alpha =>
            {
                format_value(p, 4, nl)
            }
            Some(p) => format_value(p, 3, nl),
        }
    }

    fn spider(&self, instrument: &Instrument, pair: &[&BeforeAfterRow]) -> Spider {
        let m = self.messages;
        let suppressed = pair.iter().any(|r| r.suppressed);
        let n = pair.iter().map(|r| comparison_n(r)).min().unwrap_or(0);
        let from = pair.first().map(|r| r.wave_from.as_str()).unwrap_or("");
        let to = pair.first().map(|r| r.wave_to.as_str()).unwrap_or("");
        let higher = pair
            .iter()
            .filter(|r| r.mean_diff.is_some_and(|d| d > 0.0))
            .count();
        let alt = if suppressed {
            msg!(m, "network-spider-alt-suppressed", n = n)
        } else {
            msg!(
                m,
                "network-spider-alt",
                dimensions = pair.len(),
                from = from,
                to = to,
                n = n,
                higher = higher
            )
        };
        let range = pair
            .first()
            .and_then(|r| instrument.scale(&r.scale))
            .map_or((0.0, 10.0), |s| s.range);
        let why = if suppressed {
            pair.iter()
                .filter(|r| r.suppressed)
                .min_by_key(|r| comparison_n(r))
                .and_then(|r| suppression(true, comparison_n(r), self.min_n))
        } else {
            None
        };
        Spider {
            suppressed_reason: self.reason(why),
            suppression: why,
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
        let m = self.messages;
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
        let mut parts = vec![msg!(m, "network-interval-alt", from = from, to = to)];
        if above.is_empty() && below.is_empty() {
            parts.push(m.get("network-interval-alt-all-contain-zero"));
        }
        if !above.is_empty() {
            parts.push(msg!(
                m,
                "network-interval-alt-above",
                scales = above.join(", ")
            ));
        }
        if !below.is_empty() {
            parts.push(msg!(
                m,
                "network-interval-alt-below",
                scales = below.join(", ")
            ));
        }
        parts.join(" ")
    }

    /// Plain-language statements on one residents' instrument.
    pub(super) fn resident_statements(
        &self,
        id: &str,
        result: &InstrumentResult,
    ) -> Vec<Statement> {
        let m = self.messages;
        let nl = self.nl();
        let instrument = &result.instrument;
        let pair = self.main_pair(id, result);
        let name = self.instrument_name(instrument);
        let Some(first) = pair.first() else {
            return Vec::new();
        };
        let (from, to) = (first.wave_from.as_str(), first.wave_to.as_str());
        let statement = |text: String, n: usize, direction| Statement {
            topic: "residents",
            topic_label: self.text("network-topic-residents"),
            text,
            n: Some(n),
            n_label: format!("n = {}", format_count(n as i64, self.nl())),
            direction,
        };
        let finding = resident_finding(
            &pair,
            |scale| instrument.scale(scale).map(|s| s.polarity),
            &self.rules,
        );
        let mut statements = Vec::new();
        match finding {
            ResidentFinding::NoComparison => {}
            ResidentFinding::AllSuppressed { n } => statements.push(statement(
                msg!(
                    m,
                    "network-summary-residents-too-few",
                    instrument = name.as_str(),
                    from = from,
                    to = to,
                    n = n,
                    min_n = self.min_n
                ),
                n,
                crate::compute::findings::Direction::Unknown,
            )),
            ResidentFinding::Changes {
                notable,
                rest,
                rest_n,
            } => {
                for c in &notable {
                    let digits = instrument
                        .scale(&c.scale)
                        .map(|s| scale_digits(s.range))
                        .unwrap_or(1);
                    let ci =
                        c.ci.map(|(l, h)| {
                            msg!(
                                m,
                                "network-summary-ci",
                                low = bound(l, digits, nl),
                                high = bound(h, digits, nl)
                            )
                        })
                        .unwrap_or_default();
                    let text = msg!(
                        m,
                        "network-summary-residents-change",
                        instrument = name.as_str(),
                        scale = lower_first(&self.scale_label(instrument, &c.scale)),
                        rose = if c.diff > 0.0 { "yes" } else { "no" },
                        from_value = format_value(c.mean_from, digits, nl),
                        to_value = format_value(c.mean_to, digits, nl),
                        from = from,
                        to = to,
                        diff = signed(c.diff, digits, nl),
                        ci = ci,
                        n = c.n,
                        paired = if c.paired { "yes" } else { "no" }
                    );
                    statements.push(statement(text, c.n, c.direction));
                }
                if rest > 0 {
                    let text = if notable.is_empty() {
                        msg!(
                            m,
                            "network-summary-residents-no-change",
                            instrument = name.as_str(),
                            from = from,
                            to = to,
                            scales = rest,
                            n = rest_n
                        )
                    } else {
                        msg!(
                            m,
                            "network-summary-residents-no-other-change",
                            instrument = name.as_str(),
                            scales = rest,
                            n = rest_n
                        )
                    };
                    statements.push(statement(
                        text,
                        rest_n,
                        crate::compute::findings::Direction::Similar,
                    ));
                }
            }
        }
        statements
    }
}
