//! The methods appendix (inputs, instruments and their scoring, settings,
//! the paragraphs on method) and the template's fixed labels.

use std::collections::BTreeMap;

use fluent_bundle::FluentArgs;

use super::RunContext;
use super::data::{InputNote, InstrumentNote, Methods, Setting};
use crate::msg;
use crate::render::words::{format_value, long_date};
use crate::spec::instrument::Rule;

/// The labels `netwerk.typ` reads from `data.labels`: the catalogue's
/// messages `network-<label>`. They may use the arguments `year` (the
/// report's year) and `min_n` (the disclosure threshold).
pub(super) const TEMPLATE_LABELS: &[&str] = &[
    "all-aspects-not-shown",
    "all-figures-this-report",
    "annual-impact-report",
    "area-whole-municipality-so",
    "as-part",
    "aspect",
    "at-a-glance",
    "at-least-min-n",
    "better",
    "better-worse-used-only",
    "both-measurements-below-it",
    "by-role",
    "care-costs",
    "change-scale",
    "change-title",
    "chart",
    "ci-header",
    "colour-word-show-whether",
    "community-axis",
    "confidence-interval",
    "confidence-interval-wilson",
    "cut-off",
    "difference",
    "difference-scale",
    "difference-scale-confidence-interval",
    "difference-word",
    "dimension",
    "each-aspect-measurements-are",
    "each-colour-phase-date",
    "every-input-file-was",
    "fact-ambition",
    "fact-municipality",
    "factor",
    "fewer-than-min-n",
    "figures",
    "file-header",
    "followed-up-time-wk",
    "going-well-according-volunteer",
    "how-read-this-chapter",
    "how-read-this-summary",
    "impact-report",
    "indicator",
    "input-files",
    "instrument",
    "instruments-scoring",
    "kind-header",
    "made-wijkmonitor",
    "matched",
    "matched-not-shown",
    "matched-requests-which-match",
    "matched-word",
    "mean",
    "mean-measurement-all-respondents",
    "mean-score-scale",
    "means-measurement",
    "median-days-match",
    "method-heading",
    "methods-sources",
    "missing-register",
    "municipality-word",
    "netherlands",
    "no-checklist-was-filled",
    "no-data-collaboration-between",
    "no-demonstrable-difference",
    "no-judgement-possible",
    "no-measurement",
    "no-partner-registered",
    "no-partners-are-registered",
    "no-resident-measurements-were",
    "no-responses-that-measurement",
    "not-matched",
    "not-shown",
    "not-shown-capital",
    "not-shown-too-few",
    "notices-when-reading-inputs",
    "now",
    "number-matched-not-shown",
    "number-partners",
    "number-requests",
    "of-word",
    "partners",
    "percentages-count-how-many",
    "period",
    "phase-word",
    "phases",
    "phases-network",
    "questions",
    "questions-chart-intro",
    "questions-handled-community",
    "questions-not-shown-per-quarter",
    "quintile-netherlands",
    "ratio-netherlands",
    "reference-date",
    "requests",
    "requests-matches",
    "requests-matches-period",
    "requests-period",
    "requests-word",
    "residents-howto-after-dz",
    "residents-howto-before-dz",
    "role",
    "roles-all-hidden",
    "roles-not-shown-note",
    "same",
    "satisfied-requester",
    "scale-header",
    "scale-points",
    "scale-word",
    "scores-are-not-shown",
    "scoring",
    "setting",
    "settings",
    "share-above-cut-off",
    "share-community",
    "share-questions-handled-community",
    "share-word",
    "shares-above-cut-off",
    "source",
    "spider-too-few",
    "spider-web",
    "spider-web-cannot-drawn",
    "spider-web-not-shown",
    "start",
    "status",
    "status-absent",
    "status-present",
    "status-unknown",
    "success-factors",
    "summary-intro",
    "t-test",
    "test-difference",
    "the-area",
    "the-network",
    "there-are-no-activity",
    "there-are-no-area",
    "there-are-no-outcomes",
    "these-figures-allow-no",
    "those-community",
    "threshold",
    "timeline-network-s-phases",
    "too-few-respondents",
    "topic-activity",
    "topic-collaboration",
    "topic-residents",
    "under-each-factor-small",
    "unknown-label",
    "value",
    "vs-municipality",
    "vs-netherlands",
    "which-non-medical",
    "worse",
    "year-header",
];

impl RunContext<'_> {
    /// Every label of [`TEMPLATE_LABELS`], resolved.
    pub(super) fn labels(&self) -> BTreeMap<&'static str, String> {
        let mut args = FluentArgs::new();
        args.set("year", self.year().to_string());
        args.set("min_n", self.min_n);
        TEMPLATE_LABELS
            .iter()
            .map(|&label| {
                (
                    label,
                    self.messages
                        .format(&format!("network-{label}"), Some(&args)),
                )
            })
            .collect()
    }

    pub(super) fn methods(&self) -> Methods {
        let nl = self.nl();
        let m = self.messages;
        let instruments = self
            .instruments
            .iter()
            .map(|r| {
                let i = &r.instrument;
                let scales: Vec<String> = i
                    .scales
                    .iter()
                    .map(|s| {
                        msg!(
                            m,
                            "network-methods-scale",
                            scale = self.pick(&s.label_nl, &s.label_en),
                            rule = match s.rule {
                                Rule::Mean => "mean",
                                Rule::Sum => "sum",
                            },
                            items = s.items.len(),
                            min = format_value(s.range.0, 0, nl),
                            max = format_value(s.range.1, 0, nl),
                            answered = s.min_answered
                        )
                    })
                    .collect();
                InstrumentNote {
                    name: self.pick(&i.name_nl, &i.name_en).to_owned(),
                    scoring: msg!(m, "network-methods-scales", scales = scales.join("; ")),
                    source: i.source.clone(),
                }
            })
            .collect();
        let waves = match (self.from, self.to) {
            (None, None) => m.get("network-methods-waves-default"),
            (f, to) => format!(
                "{} → {}",
                f.map_or_else(|| m.get("network-methods-first"), str::to_owned),
                to.map_or_else(|| m.get("network-methods-last"), str::to_owned)
            ),
        };
        let setting = |id: &str, value: String| Setting {
            label: m.get(id),
            value,
        };
        let settings = vec![
            setting(
                "network-setting-run",
                match self.run_year {
                    Some(y) => format!("{} ({y})", self.run_name),
                    None => self.run_name.to_owned(),
                },
            ),
            setting("network-setting-min-n", self.min_n.to_string()),
            setting("network-setting-waves", waves),
            setting("network-setting-confidence", "95%".to_owned()),
            setting("network-setting-date", long_date(self.date, nl)),
        ];
        let paragraphs = vec![
            m.get("network-methods-paired"),
            msg!(m, "network-methods-demonstrable", alpha = self.alpha_text()),
            msg!(m, "network-methods-disclosure", min_n = self.min_n),
            m.get("network-methods-intervals"),
        ];
        Methods {
            min_n: self.min_n,
            inputs: self
                .inputs
                .iter()
                .map(|input| InputNote {
                    note: if !input.readable {
                        m.get("network-input-unreadable")
                    } else if input.errors + input.warnings > 0 {
                        msg!(
                            m,
                            "network-input-problems",
                            errors = input.errors,
                            warnings = input.warnings
                        )
                    } else {
                        String::new()
                    },
                    input: input.clone(),
                })
                .collect(),
            instruments,
            settings,
            paragraphs,
            problems: self.unreadable.to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TEMPLATE_LABELS;
    use crate::i18n::{Lang, Messages};
    use crate::ingest::network::register::{
        Approach, Domain, Funding, Initiator, Perspective, Phase,
    };

    /// The message ids the report's code names literally.
    fn ids_in_code() -> Vec<String> {
        let sources = [
            include_str!("mod.rs"),
            include_str!("register.rs"),
            include_str!("area.rs"),
            include_str!("residents.rs"),
            include_str!("collaboration.rs"),
            include_str!("activity.rs"),
            include_str!("methods.rs"),
        ];
        let mut ids = Vec::new();
        for source in sources {
            for part in source.split('"').skip(1).step_by(2) {
                if part.starts_with("network-")
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !part.ends_with('-')
                {
                    ids.push(part.to_owned());
                }
            }
        }
        ids
    }

    #[test]
    fn every_message_of_the_network_report_exists() {
        let mut ids = ids_in_code();
        ids.extend(TEMPLATE_LABELS.iter().map(|l| format!("network-{l}")));
        let codes = [
            ("phase", Phase::CODES),
            ("initiator", Initiator::CODES),
            ("approach", Approach::CODES),
            ("perspective", Perspective::CODES),
            ("funding", Funding::CODES),
            ("domain", Domain::CODES),
            ("status", &["present", "absent", "unknown"][..]),
        ];
        for (kind, list) in codes {
            for code in list {
                ids.push(format!("network-{kind}-{}", code.replace(' ', "-")));
            }
        }
        assert!(ids.len() > 150, "{} ids found", ids.len());
        for lang in Lang::ALL {
            let m = Messages::builtin(lang);
            let missing: Vec<&String> = ids.iter().filter(|id| !m.has(id)).collect();
            assert!(missing.is_empty(), "{}: missing {missing:?}", lang.code());
        }
    }

    #[test]
    fn input_problems_are_counted_in_words() {
        let nl = Messages::builtin(Lang::Nl);
        assert_eq!(
            crate::msg!(nl, "network-input-problems", errors = 1, warnings = 3),
            "1 fout, 3 waarschuwingen"
        );
        let en = Messages::builtin(Lang::En);
        assert_eq!(
            crate::msg!(en, "network-input-problems", errors = 2, warnings = 1),
            "2 errors, 1 warning"
        );
    }

    #[test]
    fn the_template_reads_only_listed_labels() {
        let template = include_str!("../../../report-templates/netwerk.typ");
        let mut unknown = Vec::new();
        for (i, _) in template.match_indices("L.") {
            let before = template[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                continue;
            }
            let label: String = template[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect();
            let label = label.trim_end_matches('-');
            if !TEMPLATE_LABELS.contains(&label) {
                unknown.push(label.to_owned());
            }
        }
        assert!(
            unknown.is_empty(),
            "labels not in TEMPLATE_LABELS: {unknown:?}"
        );
        let calls_t = template.match_indices("t(").any(|(i, _)| {
            !template[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || "-_.".contains(c))
        });
        assert!(!calls_t, "a t(…) call is back in netwerk.typ");
    }
}
