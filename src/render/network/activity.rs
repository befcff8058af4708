//! Activity: the match log (requests for help matched with volunteers) and
//! the question log (non-medical questions handled in the community), and
//! the summary's statements on them.

use super::RunContext;
use super::data::{
    Activity, ChangeLine, MatchLine, MatchSection, QuarterLine, QuestionSection, Statement,
};
use crate::compute::activity::{ALL_YEARS, CommunityChangeRow, MatchRow, QuarterRow};
use crate::compute::findings::Direction;
use crate::compute::findings::network::{
    CommunityChange, Suppression, community_change, community_direction,
};
use crate::msg;
use crate::render::words::{bound, format_count, format_value, long_date, signed};

impl RunContext<'_> {
    /// `2023-Q1` as the report's language writes a quarter (`2023-K1`).
    fn quarter_label(&self, quarter: &str) -> String {
        quarter.replace("-Q", &format!("-{}", self.text("network-quarter-letter")))
    }

    pub(super) fn activity(&self, id: &str) -> Activity {
        let nl = self.nl();
        let m = self.messages;
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
                    Some(p) => msg!(
                        m,
                        "network-matches-alt-year",
                        period = r.period.as_str(),
                        requests = r.requests,
                        pct = format_value(p, 0, nl)
                    ),
                    None => msg!(
                        m,
                        "network-matches-alt-year-no-share",
                        period = r.period.as_str(),
                        requests = r.requests
                    ),
                })
                .collect();
            MatchSection {
                alt: msg!(m, "network-matches-alt", years = years.join("; ")),
                rows: match_rows
                    .into_iter()
                    .map(|row| MatchLine {
                        pct_matched_ci_text: self.interval_text(
                            row.pct_matched_ci_low,
                            row.pct_matched_ci_high,
                            0,
                            "%",
                        ),
                        pct_followup_on_time_ci_text: self.interval_text(
                            row.pct_followup_on_time_ci_low,
                            row.pct_followup_on_time_ci_high,
                            0,
                            "%",
                        ),
                        pct_volunteer_ok_ci_text: self.interval_text(
                            row.pct_volunteer_ok_ci_low,
                            row.pct_volunteer_ok_ci_high,
                            0,
                            "%",
                        ),
                        pct_satisfied_ci_text: self.interval_text(
                            row.pct_satisfied_ci_low,
                            row.pct_satisfied_ci_high,
                            0,
                            "%",
                        ),
                        is_total: row.period == ALL_YEARS,
                        period_label: if row.period == ALL_YEARS {
                            self.text("network-all-years")
                        } else {
                            row.period.clone()
                        },
                        reference_date_label: row
                            .reference_date
                            .map(|d| long_date(d, nl))
                            .unwrap_or_default(),
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
            let shown: Vec<&&QuarterRow> =
                quarter_rows.iter().filter(|q| q.pct.is_some()).collect();
            let pct = |q: &QuarterRow| format_value(q.pct.unwrap_or(0.0), 0, nl);
            let alt = match (shown.first(), shown.last()) {
                (Some(a), Some(b)) if shown.len() == 1 => msg!(
                    m,
                    "network-questions-alt-one",
                    quarter = self.quarter_label(&a.quarter),
                    pct = pct(b)
                ),
                (Some(a), Some(b)) => msg!(
                    m,
                    "network-questions-alt",
                    first = self.quarter_label(&a.quarter),
                    first_pct = pct(a),
                    last = self.quarter_label(&b.quarter),
                    last_pct = pct(b)
                ),
                _ => self.text("network-questions-alt-none"),
            };
            QuestionSection {
                alt,
                quarters: quarter_rows
                    .iter()
                    .map(|q| {
                        let why = q
                            .suppressed
                            .then_some(Suppression::TooFewQuestions { min_n: self.min_n });
                        QuarterLine {
                            quarter: q.quarter.clone(),
                            questions: q.questions,
                            non_medical: q.non_medical,
                            non_medical_in_community: q.non_medical_in_community,
                            pct: q.pct,
                            ci_low: q.ci_low,
                            ci_high: q.ci_high,
                            suppressed: q.suppressed,
                            quarter_label: self.quarter_label(&q.quarter),
                            suppressed_reason: self.reason(why),
                            suppression: why,
                        }
                    })
                    .collect(),
                change,
            }
        });
        let missing_reason = if matches.is_none() && questions.is_none() {
            self.text(match (self.has_match_log, self.has_question_log) {
                (false, false) => "network-activity-no-logs",
                _ => "network-activity-no-rows",
            })
        } else {
            String::new()
        };
        Activity {
            missing_reason,
            matches,
            questions,
        }
    }

    fn change_text(&self, c: &CommunityChangeRow) -> String {
        let nl = self.nl();
        let m = self.messages;
        match community_change(c, self.min_n) {
            CommunityChange::Suppressed { min_n } => msg!(
                m,
                "network-change-suppressed",
                first = c.year_first.to_string(),
                last = c.year_last.to_string(),
                min_n = min_n
            ),
            CommunityChange::Unknown => String::new(),
            CommunityChange::Change {
                pct_first,
                pct_last,
                diff,
                ci,
                demonstrable,
                ..
            } => {
                let ci = ci
                    .map(|(l, h)| {
                        msg!(
                            m,
                            "network-change-ci",
                            low = bound(l, 1, nl),
                            high = bound(h, 1, nl)
                        )
                    })
                    .unwrap_or_default();
                let verb = match (demonstrable, diff >= 0.0) {
                    (true, true) => "rose",
                    (true, false) => "fell",
                    (false, _) => "went",
                };
                let text = msg!(
                    m,
                    "network-change-text",
                    verb = verb,
                    pct_first = format_value(pct_first, 1, nl),
                    first = c.year_first.to_string(),
                    n_first = c.n_first.unwrap_or(0),
                    pct_last = format_value(pct_last, 1, nl),
                    last = c.year_last.to_string(),
                    n_last = c.n_last.unwrap_or(0),
                    diff = signed(diff, 1, nl),
                    ci = ci
                );
                if demonstrable {
                    text
                } else {
                    format!("{text} {}", self.text("network-change-not-demonstrable"))
                }
            }
        }
    }

    pub(super) fn activity_statements(&self, id: &str) -> Vec<Statement> {
        let nl = self.nl();
        let m = self.messages;
        let statement = |text: String, n: Option<usize>, direction| Statement {
            topic: "activity",
            topic_label: self.text("network-topic-activity"),
            text,
            n,
            n_label: n.map_or_else(
                || "–".to_owned(),
                |n| format!("n = {}", format_count(n as i64, nl)),
            ),
            direction,
        };
        let mut out = Vec::new();
        if let Some(all) = self
            .matches
            .iter()
            .find(|r| r.network_id == id && r.period == ALL_YEARS)
        {
            let pct = all
                .pct_matched
                .map(|p| format!("{}%", format_value(p, 0, nl)))
                .unwrap_or_else(|| "–".to_owned());
            let days = all
                .median_days_to_match
                .map(|d| {
                    msg!(
                        m,
                        "network-summary-matches-days",
                        days = format_value(d, if d.fract() == 0.0 { 0 } else { 1 }, nl)
                    )
                })
                .unwrap_or_default();
            let followup = all
                .pct_followup_on_time
                .map(|p| {
                    msg!(
                        m,
                        "network-summary-matches-followup",
                        pct = format_value(p, 0, nl)
                    )
                })
                .unwrap_or_default();
            out.push(statement(
                msg!(
                    m,
                    "network-summary-matches",
                    requests = all.requests,
                    pct = pct,
                    days = days,
                    followup = followup
                ),
                Some(all.requests),
                Direction::Unknown,
            ));
        }
        if let Some(c) = self.questions.change.iter().find(|c| c.network_id == id) {
            out.push(statement(
                self.change_text(c),
                c.n_first.zip(c.n_last).map(|(a, b)| a + b),
                community_direction(&community_change(c, self.min_n)),
            ));
        }
        if out.is_empty() {
            out.push(Statement::none(
                "activity",
                self.text("network-topic-activity"),
                self.text("network-summary-no-activity"),
            ));
        }
        out
    }
}
