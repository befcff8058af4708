//! Activity figures of a network from its own logs: the match log of a village support worker
//! (requests for help matched to volunteers) and the log of questions received (medical or
//! not, and who handled them). Pure: records in, rows out; no files, no clock, no environment.
//!
//! # Match log
//!
//! [`match_activity`] gives one row per network for all years (`period = "alle"`) and one per
//! calendar year of the request date (`period = "2023"`):
//!
//! - `requests`: requests for help; `matched`: those with a match date, and `pct_matched`
//!   with its Wilson interval;
//! - `median_days_to_match`: the median number of days from request to match, over the
//!   matched requests whose match date is not before the request date (the reader reports
//!   those as errors);
//! - follow-up: the follow-up is *on time* when it falls in the window of 6 to 8 weeks after
//!   the match date, i.e. 42 to 56 days after it, both ends included
//!   ([`FOLLOWUP_FIRST_DAY`], [`FOLLOWUP_LAST_DAY`]). `followup_done` counts the matched
//!   requests with a follow-up date (at any time). `followup_due` counts the matched requests
//!   whose window has closed (match date + 56 days on or before the reference date), and
//!   `followup_on_time` those of them followed up within the window; `pct_followup_on_time` is
//!   their share, so a missing or late follow-up counts against it, and a match whose window
//!   is still open counts in neither. The reference date is
//!   [`ActivityOptions::reference_date`], or else the latest date in the network's log
//!   (request, match or follow-up date): the computation never reads the clock.
//! - `volunteer_ok`: matched requests for which the volunteer said things go well, out of
//!   `n_volunteer_ok` matched requests with an answer;
//! - `satisfied`: requests whose requester gave a satisfaction of 4 or 5 (of 5), out of
//!   `n_satisfaction` requests with a satisfaction score.
//!
//! # Question log
//!
//! [`question_activity`] gives, per network and calendar quarter (`2023-Q1`), the questions,
//! the non-medical questions, and those non-medical questions handled in the community, with
//! their share and its Wilson interval; and per network the change of that share from the
//! first to the last calendar year in the log (the log's own first and last years, which may
//! be partial years): a difference of proportions in percentage points, last minus first,
//! with Newcombe's hybrid score interval. A log spanning one calendar year has no change row.
//! Quarters without questions have no row.
//!
//! *Handled in the community* means handled by the neighbourhood team, a residents'
//! initiative or a volunteer, that is: not by the GP practice (huisarts or
//! praktijkondersteuner); see [`handled_in_community`]. Note that this is wider than
//! [`HandledBy::in_community`], which leaves the neighbourhood team out.
//!
//! # Disclosure control
//!
//! The rules live in [`crate::compute::disclosure`]; here is how they apply to these tables.
//!
//! The counts form a hierarchy of populations: requests → matched → (follow-ups due, volunteer
//! answers, matches with a valid number of days), requests → satisfaction answers; questions →
//! non-medical questions. The rule, for every output:
//!
//! - a count inside a population (such as `matched` inside `requests`) and every share or
//!   median of that population is shown only when the population has at least `min_n` members
//!   and is itself shown; the number of requests is always shown. So a share is suppressed
//!   when its denominator is below `min_n`, and its numerator with it, while its denominator
//!   stays visible when its own population is shown.
//! - the number of questions of a quarter (or of a year in the change row) is itself shown
//!   only when it is at least `min_n`: it is the population of everything else in the row,
//!   and a quarter with, say, nine questions is a suppressed quarter in every figure.
//! - complementary suppression: the rows of a network's years (quarters) add up to the row of
//!   all years (to the year in the change row). When the members of a shown population of the
//!   total that no shown year (quarter) covers number from 1 to `min_n − 1`, the shown year
//!   (quarter) with the smallest population is suppressed as well, until the hidden rest
//!   reaches `min_n`; otherwise the total minus the shown years would reveal the hidden ones.
//!   For the question log this applies across tables: the first and last years published in
//!   `community_change` protect their quarters in `question_quarters` at every level, the
//!   number of questions included (a year total minus three shown quarters would give the
//!   fourth). A quarter hidden this way hides all its figures, its number of questions too.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::compute::disclosure::{DEFAULT_MIN_N, open_populations, protect_parts};
use crate::compute::effect::DEFAULT_LEVEL;
use crate::compute::stats::{newcombe_diff, wilson};
use crate::ingest::network::logs::{HandledBy, MatchRecord, QuestionRecord};

/// The first day after the match date on which a follow-up is on time (6 weeks).
pub const FOLLOWUP_FIRST_DAY: u64 = 42;

/// The last day after the match date on which a follow-up is on time (8 weeks).
pub const FOLLOWUP_LAST_DAY: u64 = 56;

/// The lowest satisfaction score (of 1–5) that counts as satisfied.
pub const SATISFIED_FROM: u8 = 4;

/// The period of a row that covers every year.
pub const ALL_YEARS: &str = "alle";

/// What to compute; [`Default`] gives `min_n = 10`, 95% intervals and the reference date from
/// the log.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityOptions {
    /// The disclosure threshold: shares on fewer cases are suppressed.
    pub min_n: usize,
    /// The confidence level of the intervals, e.g. 0.95. A level outside (0, 1) leaves the
    /// intervals empty; check it where the options are made.
    pub level: f64,
    /// The date up to which follow-ups can have been done; `None`: the latest date in each
    /// network's match log.
    pub reference_date: Option<NaiveDate>,
}

impl Default for ActivityOptions {
    fn default() -> Self {
        ActivityOptions {
            min_n: DEFAULT_MIN_N,
            level: DEFAULT_LEVEL,
            reference_date: None,
        }
    }
}

/// The activity of one network in one period, from the match log. Shares are percentages;
/// `None` marks a suppressed value (see the module documentation) or, for a median, no data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchRow {
    pub network_id: String,
    /// `alle` or a calendar year of the request date (`2023`).
    pub period: String,
    pub requests: usize,
    pub matched: Option<usize>,
    pub pct_matched: Option<f64>,
    pub pct_matched_ci_low: Option<f64>,
    pub pct_matched_ci_high: Option<f64>,
    /// Matched requests whose match date is not before the request date: the n of the median.
    pub n_days_to_match: Option<usize>,
    pub median_days_to_match: Option<f64>,
    /// Matched requests with a follow-up date.
    pub followup_done: Option<usize>,
    /// Matched requests whose follow-up window has closed by the reference date.
    pub followup_due: Option<usize>,
    /// Due requests followed up 42–56 days after the match date.
    pub followup_on_time: Option<usize>,
    pub pct_followup_on_time: Option<f64>,
    pub pct_followup_on_time_ci_low: Option<f64>,
    pub pct_followup_on_time_ci_high: Option<f64>,
    /// Matched requests with an answer on `vrijwilliger_ok`.
    pub n_volunteer_ok: Option<usize>,
    /// Of those, the answers "ja".
    pub volunteer_ok: Option<usize>,
    pub pct_volunteer_ok: Option<f64>,
    pub pct_volunteer_ok_ci_low: Option<f64>,
    pub pct_volunteer_ok_ci_high: Option<f64>,
    /// Requests with a satisfaction score.
    pub n_satisfaction: Option<usize>,
    /// Of those, the scores of 4 or 5.
    pub satisfied: Option<usize>,
    pub pct_satisfied: Option<f64>,
    pub pct_satisfied_ci_low: Option<f64>,
    pub pct_satisfied_ci_high: Option<f64>,
    /// The reference date of the follow-up counts.
    pub reference_date: Option<NaiveDate>,
}

/// The questions of one network in one calendar quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterRow {
    pub network_id: String,
    /// `2023-Q1`.
    pub quarter: String,
    /// Questions received; `None` when fewer than `min_n`, or hidden so that the year's total
    /// cannot reveal another quarter (see the module documentation).
    pub questions: Option<usize>,
    pub non_medical: Option<usize>,
    /// Non-medical questions handled in the community.
    pub non_medical_in_community: Option<usize>,
    /// `100 · non_medical_in_community / non_medical`.
    pub pct: Option<f64>,
    /// Lower limit of the Wilson interval, in percent.
    pub ci_low: Option<f64>,
    /// Upper limit of the Wilson interval, in percent.
    pub ci_high: Option<f64>,
    /// Whether the share is suppressed (disclosure control).
    pub suppressed: bool,
}

/// The change of the share of non-medical questions handled in the community between the
/// first and the last calendar year of a network's question log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunityChangeRow {
    pub network_id: String,
    pub year_first: i32,
    pub year_last: i32,
    /// Questions in the first year; `None` when fewer than `min_n`.
    pub questions_first: Option<usize>,
    /// Questions in the last year; `None` when fewer than `min_n`.
    pub questions_last: Option<usize>,
    /// Non-medical questions in the first year (the n of `pct_first`).
    pub n_first: Option<usize>,
    /// Non-medical questions in the last year (the n of `pct_last`).
    pub n_last: Option<usize>,
    pub in_community_first: Option<usize>,
    pub in_community_last: Option<usize>,
    pub pct_first: Option<f64>,
    pub pct_last: Option<f64>,
    /// `pct_last − pct_first`, in percentage points.
    pub diff: Option<f64>,
    /// Lower limit of Newcombe's interval of the difference, in percentage points.
    pub ci_low: Option<f64>,
    /// Upper limit of Newcombe's interval of the difference, in percentage points.
    pub ci_high: Option<f64>,
    /// Whether the comparison is suppressed: either year has fewer than `min_n` non-medical
    /// questions.
    pub suppressed: bool,
}

/// The tables from a question log.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuestionTables {
    pub quarters: Vec<QuarterRow>,
    pub change: Vec<CommunityChangeRow>,
}

/// Whether a question counts as handled in the community: by a residents'
/// initiative or a volunteer (not by the GP practice, nor by the wijkteam).
pub fn handled_in_community(handled_by: HandledBy) -> bool {
    // One definition for the whole program: the community ("nulde lijn") is
    // residents' initiatives and volunteers. The wijkteam is a professional
    // team of the municipality, so a question it handles has not moved to the
    // community (Samenredzaamheid: task shift to inwonerinitiatieven).
    handled_by.in_community()
}

/// A share in percent with its Wilson interval, or `None`s when not shown or `n = 0`.
fn percent(x: usize, n: usize, level: f64, shown: bool) -> (Option<f64>, Option<f64>, Option<f64>) {
    if !shown || n == 0 {
        return (None, None, None);
    }
    let ci = wilson(x as f64, n as f64, level);
    (
        Some(100.0 * x as f64 / n as f64),
        ci.map(|ci| 100.0 * ci.lower),
        ci.map(|ci| 100.0 * ci.upper),
    )
}

// ---------------------------------------------------------------------------
// Match log.

/// Populations of the match log: requests, matched, follow-ups due, volunteer answers,
/// satisfaction answers, matches with a valid number of days.
const REQUESTS: usize = 0;
const MATCHED: usize = 1;
const DUE: usize = 2;
const VOLUNTEER: usize = 3;
const SATISFACTION: usize = 4;
const DAYS: usize = 5;
const MATCH_PARENTS: [Option<usize>; 6] = [
    None,
    Some(REQUESTS),
    Some(MATCHED),
    Some(MATCHED),
    Some(REQUESTS),
    Some(MATCHED),
];
const MATCH_ADDITIVE: [bool; 6] = [true, true, true, true, true, false];

/// The counts of one network in one period.
#[derive(Debug, Default, Clone)]
struct MatchTally {
    requests: usize,
    matched: usize,
    days: Vec<i64>,
    done: usize,
    due: usize,
    on_time: usize,
    volunteer_answers: usize,
    volunteer_ok: usize,
    satisfaction_answers: usize,
    satisfied: usize,
}

impl MatchTally {
    fn add(&mut self, record: &MatchRecord, reference: Option<NaiveDate>) {
        self.requests += 1;
        if let Some(score) = record.satisfaction {
            self.satisfaction_answers += 1;
            if score >= SATISFIED_FROM {
                self.satisfied += 1;
            }
        }
        let Some(matched) = record.match_date else {
            return;
        };
        self.matched += 1;
        if matched >= record.request_date {
            self.days.push((matched - record.request_date).num_days());
        }
        if let Some(ok) = record.volunteer_ok {
            self.volunteer_answers += 1;
            if ok {
                self.volunteer_ok += 1;
            }
        }
        if record.followup_date.is_some() {
            self.done += 1;
        }
        let first = matched.checked_add_days(Days::new(FOLLOWUP_FIRST_DAY));
        let last = matched.checked_add_days(Days::new(FOLLOWUP_LAST_DAY));
        if let (Some(first), Some(last), Some(reference)) = (first, last, reference)
            && last <= reference
        {
            self.due += 1;
            if record
                .followup_date
                .is_some_and(|f| first <= f && f <= last)
            {
                self.on_time += 1;
            }
        }
    }

    fn sizes(&self) -> Vec<usize> {
        vec![
            self.requests,
            self.matched,
            self.due,
            self.volunteer_answers,
            self.satisfaction_answers,
            self.days.len(),
        ]
    }

    fn row(
        &self,
        network: &str,
        period: String,
        open: &[bool],
        reference: Option<NaiveDate>,
        level: f64,
    ) -> MatchRow {
        let is_open = |p: usize| open.get(p).copied().unwrap_or(false);
        let count = |p: usize, n: usize| is_open(p).then_some(n);
        let (pct_matched, pct_matched_ci_low, pct_matched_ci_high) =
            percent(self.matched, self.requests, level, is_open(REQUESTS));
        let (pct_on_time, on_time_low, on_time_high) =
            percent(self.on_time, self.due, level, is_open(DUE));
        let (pct_ok, ok_low, ok_high) = percent(
            self.volunteer_ok,
            self.volunteer_answers,
            level,
            is_open(VOLUNTEER),
        );
        let (pct_satisfied, satisfied_low, satisfied_high) = percent(
            self.satisfied,
            self.satisfaction_answers,
            level,
            is_open(SATISFACTION),
        );
        MatchRow {
            network_id: network.to_owned(),
            period,
            requests: self.requests,
            matched: count(REQUESTS, self.matched),
            pct_matched,
            pct_matched_ci_low,
            pct_matched_ci_high,
            n_days_to_match: count(MATCHED, self.days.len()),
            median_days_to_match: if is_open(DAYS) {
                median(&self.days)
            } else {
                None
            },
            followup_done: count(MATCHED, self.done),
            followup_due: count(MATCHED, self.due),
            followup_on_time: count(DUE, self.on_time),
            pct_followup_on_time: pct_on_time,
            pct_followup_on_time_ci_low: on_time_low,
            pct_followup_on_time_ci_high: on_time_high,
            n_volunteer_ok: count(MATCHED, self.volunteer_answers),
            volunteer_ok: count(VOLUNTEER, self.volunteer_ok),
            pct_volunteer_ok: pct_ok,
            pct_volunteer_ok_ci_low: ok_low,
            pct_volunteer_ok_ci_high: ok_high,
            n_satisfaction: count(REQUESTS, self.satisfaction_answers),
            satisfied: count(SATISFACTION, self.satisfied),
            pct_satisfied,
            pct_satisfied_ci_low: satisfied_low,
            pct_satisfied_ci_high: satisfied_high,
            reference_date: reference,
        }
    }
}

/// The median of whole numbers (the mean of the middle two for an even count).
fn median(values: &[i64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => sorted.get(mid).map(|&v| v as f64),
        _ => Some((*sorted.get(mid - 1)? as f64 + *sorted.get(mid)? as f64) / 2.0),
    }
}

/// The latest date in a network's match log.
fn latest_date<'r>(records: impl Iterator<Item = &'r MatchRecord>) -> Option<NaiveDate> {
    records
        .flat_map(|r| [Some(r.request_date), r.match_date, r.followup_date])
        .flatten()
        .max()
}

/// The match-log figures per network: all years, then each calendar year of the request date.
/// Rows are ordered by network id, then `alle`, then the years.
pub fn match_activity(records: &[MatchRecord], options: &ActivityOptions) -> Vec<MatchRow> {
    let mut by_network: BTreeMap<&str, Vec<&MatchRecord>> = BTreeMap::new();
    for record in records {
        by_network.entry(&record.network).or_default().push(record);
    }
    let mut rows = Vec::new();
    for (network, records) in by_network {
        let reference = options
            .reference_date
            .or_else(|| latest_date(records.iter().copied()));
        let mut total = MatchTally::default();
        let mut years: BTreeMap<i32, MatchTally> = BTreeMap::new();
        for record in &records {
            total.add(record, reference);
            years
                .entry(record.request_date.year())
                .or_default()
                .add(record, reference);
        }
        let total_sizes = total.sizes();
        let total_open = open_populations(&total_sizes, &MATCH_PARENTS, options.min_n);
        let year_sizes: Vec<Vec<usize>> = years.values().map(MatchTally::sizes).collect();
        let mut year_open: Vec<Vec<bool>> = year_sizes
            .iter()
            .map(|s| open_populations(s, &MATCH_PARENTS, options.min_n))
            .collect();
        protect_parts(
            &total_sizes,
            &total_open,
            &year_sizes,
            &mut year_open,
            &MATCH_PARENTS,
            &MATCH_ADDITIVE,
            options.min_n,
        );
        rows.push(total.row(
            network,
            ALL_YEARS.to_owned(),
            &total_open,
            reference,
            options.level,
        ));
        for ((year, tally), open) in years.iter().zip(&year_open) {
            rows.push(tally.row(network, year.to_string(), open, reference, options.level));
        }
    }
    rows
}

// ---------------------------------------------------------------------------
// Question log.

/// Populations of the question log: questions, non-medical questions.
const QUESTIONS: usize = 0;
const NON_MEDICAL: usize = 1;
const QUESTION_PARENTS: [Option<usize>; 2] = [None, Some(QUESTIONS)];
const QUESTION_ADDITIVE: [bool; 2] = [true, true];

#[derive(Debug, Default, Clone, Copy)]
struct QuestionTally {
    questions: usize,
    non_medical: usize,
    in_community: usize,
}

impl QuestionTally {
    fn add(&mut self, record: &QuestionRecord) {
        self.questions += 1;
        if !record.medical {
            self.non_medical += 1;
            if handled_in_community(record.handled_by) {
                self.in_community += 1;
            }
        }
    }

    fn sizes(&self) -> Vec<usize> {
        vec![self.questions, self.non_medical]
    }
}

/// The calendar quarter of a date: (year, 1–4).
fn quarter_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month0() / 3 + 1)
}

/// The question-log figures: per network and quarter, and per network the change from the
/// first to the last calendar year. Rows are ordered by network id, then time.
pub fn question_activity(records: &[QuestionRecord], options: &ActivityOptions) -> QuestionTables {
    let min_n = options.min_n;
    let mut by_network: BTreeMap<&str, BTreeMap<(i32, u32), QuestionTally>> = BTreeMap::new();
    for record in records {
        by_network
            .entry(&record.network)
            .or_default()
            .entry(quarter_of(record.date))
            .or_default()
            .add(record);
    }
    let mut tables = QuestionTables::default();
    for (network, quarters) in by_network {
        let keys: Vec<_> = quarters.keys().copied().collect();
        let sizes: Vec<Vec<usize>> = quarters.values().map(QuestionTally::sizes).collect();
        let mut open: Vec<Vec<bool>> = sizes
            .iter()
            .map(|s| open_populations(s, &QUESTION_PARENTS, min_n))
            .collect();

        let mut years: BTreeMap<i32, QuestionTally> = BTreeMap::new();
        for (&(year, _), tally) in &quarters {
            let sum = years.entry(year).or_default();
            sum.questions += tally.questions;
            sum.non_medical += tally.non_medical;
            sum.in_community += tally.in_community;
        }
        let change = match (years.first_key_value(), years.last_key_value()) {
            (Some((&first_year, &first)), Some((&last_year, &last))) if first_year < last_year => {
                Some(((first_year, first), (last_year, last)))
            }
            _ => None,
        };
        if let Some(((first_year, first), (last_year, last))) = change {
            let first_open = open_populations(&first.sizes(), &QUESTION_PARENTS, min_n);
            let last_open = open_populations(&last.sizes(), &QUESTION_PARENTS, min_n);
            let compared = first_open[NON_MEDICAL] && last_open[NON_MEDICAL];
            let diff = newcombe_diff(
                first.in_community as f64,
                first.non_medical as f64,
                last.in_community as f64,
                last.non_medical as f64,
                options.level,
            )
            .filter(|_| compared);
            let pct = |tally: QuestionTally| {
                percent(
                    tally.in_community,
                    tally.non_medical,
                    options.level,
                    compared,
                )
                .0
            };
            tables.change.push(CommunityChangeRow {
                network_id: network.to_owned(),
                year_first: first_year,
                year_last: last_year,
                questions_first: first_open[QUESTIONS].then_some(first.questions),
                questions_last: last_open[QUESTIONS].then_some(last.questions),
                n_first: first_open[QUESTIONS].then_some(first.non_medical),
                n_last: last_open[QUESTIONS].then_some(last.non_medical),
                in_community_first: compared.then_some(first.in_community),
                in_community_last: compared.then_some(last.in_community),
                pct_first: pct(first),
                pct_last: pct(last),
                diff: diff.map(|d| 100.0 * d.value),
                ci_low: diff.map(|d| 100.0 * d.lower),
                ci_high: diff.map(|d| 100.0 * d.upper),
                suppressed: !compared,
            });
            // The two years are published in the change row: protect their quarters.
            for (year, year_open) in [(first_year, &first_open), (last_year, &last_open)] {
                let year_open = if compared {
                    year_open.clone()
                } else {
                    // Without the shares, the year still shows its non-medical count.
                    vec![year_open[QUESTIONS], false]
                };
                let in_year: Vec<usize> = (0..keys.len()).filter(|&i| keys[i].0 == year).collect();
                let part_sizes: Vec<Vec<usize>> =
                    in_year.iter().map(|&i| sizes[i].clone()).collect();
                let mut part_open: Vec<Vec<bool>> =
                    in_year.iter().map(|&i| open[i].clone()).collect();
                let total = years
                    .get(&year)
                    .map(QuestionTally::sizes)
                    .unwrap_or_default();
                protect_parts(
                    &total,
                    &year_open,
                    &part_sizes,
                    &mut part_open,
                    &QUESTION_PARENTS,
                    &QUESTION_ADDITIVE,
                    min_n,
                );
                for (&i, part) in in_year.iter().zip(part_open) {
                    if let Some(slot) = open.get_mut(i) {
                        *slot = part;
                    }
                }
            }
        }

        for (((year, quarter), tally), open) in quarters.iter().zip(&open) {
            let shown = open.get(NON_MEDICAL).copied().unwrap_or(false);
            let (pct, ci_low, ci_high) =
                percent(tally.in_community, tally.non_medical, options.level, shown);
            tables.quarters.push(QuarterRow {
                network_id: network.to_owned(),
                quarter: format!("{year}-Q{quarter}"),
                questions: open
                    .get(QUESTIONS)
                    .copied()
                    .unwrap_or(false)
                    .then_some(tally.questions),
                non_medical: open
                    .get(QUESTIONS)
                    .copied()
                    .unwrap_or(false)
                    .then_some(tally.non_medical),
                non_medical_in_community: shown.then_some(tally.in_community),
                pct,
                ci_low,
                ci_high,
                suppressed: !shown,
            });
        }
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[track_caller]
    fn close(got: Option<f64>, want: f64) {
        let got = got.unwrap_or_else(|| panic!("expected {want}, got None"));
        assert!(
            (got - want).abs() <= 1e-9 * want.abs().max(1.0),
            "got {got}, want {want}"
        );
    }

    fn request(
        request: &str,
        matched: Option<&str>,
        followup: Option<&str>,
        ok: Option<bool>,
        satisfaction: Option<u8>,
    ) -> MatchRecord {
        MatchRecord {
            row: 2,
            request_id: request.into(),
            network: "wedde".into(),
            request_date: date(request),
            kind_of_help: None,
            match_date: matched.map(date),
            volunteer: matched.map(|_| "V01".into()),
            followup_date: followup.map(date),
            volunteer_ok: ok,
            satisfaction,
        }
    }

    /// Nine requests; the comments give the days from match to follow-up.
    fn match_log() -> Vec<MatchRecord> {
        vec![
            // 42 days: on time (first day of the window).
            request(
                "2023-01-02",
                Some("2023-01-05"),
                Some("2023-02-16"),
                Some(true),
                Some(5),
            ),
            // 56 days: on time (last day).
            request(
                "2023-01-10",
                Some("2023-01-20"),
                Some("2023-03-17"),
                Some(false),
                Some(4),
            ),
            // 41 days: too early.
            request(
                "2023-02-01",
                Some("2023-02-02"),
                Some("2023-03-15"),
                Some(true),
                Some(3),
            ),
            // 57 days: too late.
            request(
                "2023-02-10",
                Some("2023-02-15"),
                Some("2023-04-13"),
                None,
                None,
            ),
            // No follow-up although the window has closed.
            request("2023-03-01", Some("2023-03-08"), None, None, None),
            // Not matched.
            request("2023-03-05", None, None, None, Some(2)),
            // Window still open on the reference date (the latest date, 2024-01-03).
            request("2023-12-01", Some("2023-12-04"), None, None, None),
            request("2024-01-03", Some("2024-01-03"), None, None, None),
            // Match date before the request date (an error the reader reports): no days to
            // match; followed up after 49 days.
            request(
                "2022-12-20",
                Some("2022-12-19"),
                Some("2023-02-06"),
                Some(true),
                None,
            ),
        ]
    }

    type Counts = (
        &'static str,
        usize,
        Option<usize>,
        Option<f64>,
        Option<usize>,
        Option<usize>,
        Option<usize>,
        Option<usize>,
        Option<usize>,
        Option<usize>,
        Option<usize>,
    );

    fn counts(rows: &[MatchRow]) -> Vec<Counts> {
        rows.iter()
            .map(|r| {
                (
                    &*r.period.clone().leak(),
                    r.requests,
                    r.matched,
                    r.median_days_to_match,
                    r.followup_done,
                    r.followup_due,
                    r.followup_on_time,
                    r.n_volunteer_ok,
                    r.volunteer_ok,
                    r.n_satisfaction,
                    r.satisfied,
                )
            })
            .collect()
    }

    #[test]
    fn match_log_counts() {
        let options = ActivityOptions {
            min_n: 1,
            ..ActivityOptions::default()
        };
        let rows = match_activity(&match_log(), &options);
        assert_eq!(
            counts(&rows),
            [
                // period, requests, matched, median days, follow-up done, due, on time,
                // volunteer answers, ok, satisfaction answers, satisfied
                (
                    "alle",
                    9,
                    Some(8),
                    Some(3.0),
                    Some(5),
                    Some(6),
                    Some(3),
                    Some(4),
                    Some(3),
                    Some(4),
                    Some(2)
                ),
                (
                    "2022",
                    1,
                    Some(1),
                    None,
                    Some(1),
                    Some(1),
                    Some(1),
                    Some(1),
                    Some(1),
                    Some(0),
                    None
                ),
                (
                    "2023",
                    7,
                    Some(6),
                    Some(4.0),
                    Some(4),
                    Some(5),
                    Some(2),
                    Some(3),
                    Some(2),
                    Some(4),
                    Some(2)
                ),
                (
                    "2024",
                    1,
                    Some(1),
                    Some(0.0),
                    Some(0),
                    Some(0),
                    None,
                    Some(0),
                    None,
                    Some(0),
                    None
                ),
            ]
        );
        let all = &rows[0];
        assert_eq!(all.n_days_to_match, Some(7));
        assert!(
            rows.iter()
                .all(|r| r.reference_date == Some(date("2024-01-03")))
        );
        // Reference: scipy.stats.binomtest(k, n).proportion_ci(0.95, method="wilson"),
        // scipy 1.17.1.
        close(all.pct_matched, 100.0 * 8.0 / 9.0);
        close(all.pct_matched_ci_low, 56.50002944233439);
        close(all.pct_matched_ci_high, 98.01091123614552);
        close(all.pct_followup_on_time, 50.0);
        close(all.pct_followup_on_time_ci_low, 18.761630648265054);
        close(all.pct_followup_on_time_ci_high, 81.23836935173495);
        close(all.pct_volunteer_ok, 75.0);
        close(all.pct_satisfied, 50.0);
        // A share without cases has no value.
        assert_eq!(rows[3].pct_followup_on_time, None);

        // An earlier reference date: only windows closed by then are due. On 2023-03-17 the
        // windows of the first two requests and of the 2022 request have closed (the second
        // on that very day); the 41-day follow-up's window closes on 2023-03-30.
        let due_on = |day: &str| {
            let options = ActivityOptions {
                min_n: 1,
                reference_date: Some(date(day)),
                ..ActivityOptions::default()
            };
            let rows = match_activity(&match_log(), &options);
            (rows[0].followup_due, rows[0].followup_on_time)
        };
        assert_eq!(due_on("2023-03-16"), (Some(2), Some(2)));
        assert_eq!(due_on("2023-03-17"), (Some(3), Some(3)));
        assert_eq!(due_on("2023-03-30"), (Some(4), Some(3)));
    }

    #[test]
    fn match_log_shares_below_the_threshold_are_suppressed() {
        let rows = match_activity(&match_log(), &ActivityOptions::default());
        for row in &rows {
            assert_eq!(
                (
                    row.matched,
                    row.pct_matched,
                    row.pct_matched_ci_low,
                    row.median_days_to_match,
                    row.followup_due,
                    row.n_satisfaction,
                    row.satisfied,
                    row.pct_satisfied
                ),
                (None, None, None, None, None, None, None, None),
                "{row:?}"
            );
        }
        assert_eq!(rows[0].requests, 9);

        // Twelve requests, all matched, none followed up yet: matched is shown, the shares
        // inside `matched` are not, as their populations are too small.
        let mut log: Vec<MatchRecord> = (0..12)
            .map(|_| request("2023-05-01", Some("2023-05-02"), None, Some(true), None))
            .collect();
        log.push(request("2023-05-01", None, None, None, Some(5)));
        let rows = match_activity(&log, &ActivityOptions::default());
        let all = &rows[0];
        assert_eq!((all.requests, all.matched), (13, Some(12)));
        close(all.pct_matched, 100.0 * 12.0 / 13.0);
        assert_eq!(all.median_days_to_match, Some(1.0));
        assert_eq!((all.followup_due, all.followup_on_time), (Some(0), None));
        assert_eq!((all.n_volunteer_ok, all.volunteer_ok), (Some(12), Some(12)));
        assert_eq!((all.n_satisfaction, all.satisfied), (Some(1), None));
    }

    #[test]
    fn a_small_year_is_not_revealed_by_the_total() {
        let mut log: Vec<MatchRecord> = (0..12)
            .map(|_| request("2023-05-01", Some("2023-05-02"), None, None, None))
            .collect();
        log.extend((0..3).map(|_| request("2024-02-01", None, None, None, None)));
        let rows = match_activity(&log, &ActivityOptions::default());
        let got: Vec<_> = rows
            .iter()
            .map(|r| (r.period.as_str(), r.requests, r.matched))
            .collect();
        // 2024 has too few requests; with 2023 shown, all years minus 2023 would give it.
        assert_eq!(
            got,
            [
                ("alle", 15, Some(12)),
                ("2023", 12, None),
                ("2024", 3, None)
            ]
        );
        assert_eq!(rows[1].pct_matched, None);
    }

    fn question(day: &str, medical: bool, handled_by: HandledBy) -> QuestionRecord {
        QuestionRecord {
            row: 2,
            network: "wedde".into(),
            date: date(day),
            category: None,
            medical,
            handled_by,
            referred_by_gp: None,
        }
    }

    /// Per quarter: (date, questions, non-medical, of those in the community).
    const QUARTERS: [(&str, usize, usize, usize); 7] = [
        ("2022-02-01", 6, 5, 2),
        ("2022-05-01", 8, 7, 3),
        ("2022-08-01", 5, 4, 1),
        ("2022-11-01", 6, 5, 2),
        ("2023-01-15", 12, 10, 6),
        ("2023-04-15", 11, 10, 7),
        ("2023-09-30", 4, 3, 2),
    ];

    fn question_log() -> Vec<QuestionRecord> {
        let mut log = Vec::new();
        for (day, questions, non_medical, community) in QUARTERS {
            for i in 0..questions {
                let (medical, handled_by) = if i >= non_medical {
                    (true, HandledBy::GeneralPractitioner)
                } else if i < community {
                    let by = [HandledBy::Volunteer, HandledBy::ResidentsInitiative];
                    (false, by[i % 2])
                } else if i % 3 == 0 {
                    // The wijkteam is professional: not the community.
                    (false, HandledBy::NeighbourhoodTeam)
                } else if i % 2 == 0 {
                    (false, HandledBy::GeneralPractitioner)
                } else {
                    (false, HandledBy::PracticeNurse)
                };
                log.push(question(day, medical, handled_by));
            }
        }
        log
    }

    #[test]
    fn question_log_per_quarter() {
        let options = ActivityOptions {
            min_n: 1,
            ..ActivityOptions::default()
        };
        let tables = question_activity(&question_log(), &options);
        let got: Vec<_> = tables
            .quarters
            .iter()
            .map(|q| {
                (
                    q.quarter.as_str(),
                    q.questions,
                    q.non_medical,
                    q.non_medical_in_community,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("2022-Q1", Some(6), Some(5), Some(2)),
                ("2022-Q2", Some(8), Some(7), Some(3)),
                ("2022-Q3", Some(5), Some(4), Some(1)),
                ("2022-Q4", Some(6), Some(5), Some(2)),
                ("2023-Q1", Some(12), Some(10), Some(6)),
                ("2023-Q2", Some(11), Some(10), Some(7)),
                ("2023-Q3", Some(4), Some(3), Some(2)),
            ]
        );
        // Reference: scipy.stats.binomtest(6, 10).proportion_ci(0.95, method="wilson"),
        // scipy 1.17.1.
        let q = &tables.quarters[4];
        close(q.pct, 60.0);
        close(q.ci_low, 31.267376973365828);
        close(q.ci_high, 83.1819670293764);
    }

    #[test]
    fn question_log_change_and_suppression() {
        let tables = question_activity(&question_log(), &ActivityOptions::default());
        let change = &tables.change[..];
        assert_eq!(change.len(), 1);
        let c = &change[0];
        assert_eq!(
            (
                c.year_first,
                c.year_last,
                c.questions_first,
                c.questions_last
            ),
            (2022, 2023, Some(25), Some(27))
        );
        assert_eq!((c.n_first, c.n_last), (Some(21), Some(23)));
        assert_eq!(
            (c.in_community_first, c.in_community_last),
            (Some(8), Some(15))
        );
        assert!(!c.suppressed);
        close(c.pct_first, 100.0 * 8.0 / 21.0);
        close(c.pct_last, 100.0 * 15.0 / 23.0);
        // Reference: statsmodels 0.15.0,
        // confint_proportions_2indep(15, 23, 8, 21, method="newcomb", compare="diff").
        close(c.diff, 27.122153209109733);
        close(c.ci_low, -2.123127192049129);
        close(c.ci_high, 50.69980514428833);

        // With min_n = 10: 2022's quarters are all too small; 2023-Q3 (4 questions) too, and
        // 2023 minus Q1 and Q2 would reveal it, so Q2 (the smaller shown one) goes too.
        let got: Vec<_> = tables
            .quarters
            .iter()
            .map(|q| {
                (
                    q.quarter.as_str(),
                    q.questions,
                    q.non_medical,
                    q.non_medical_in_community,
                    q.suppressed,
                )
            })
            .collect();
        // 2022's quarters have fewer than ten questions each: nothing of them is shown, their
        // number of questions neither.
        assert_eq!(
            got,
            [
                ("2022-Q1", None, None, None, true),
                ("2022-Q2", None, None, None, true),
                ("2022-Q3", None, None, None, true),
                ("2022-Q4", None, None, None, true),
                ("2023-Q1", Some(12), Some(10), Some(6), false),
                ("2023-Q2", None, None, None, true),
                ("2023-Q3", None, None, None, true),
            ]
        );

        // A first year with nine non-medical questions: no comparison.
        let mut log = question_log();
        log.retain(|q| q.date.year() == 2023 || q.date.month() < 7);
        let tables = question_activity(&log, &ActivityOptions::default());
        let c = &tables.change[0];
        assert_eq!(
            (c.questions_first, c.n_first, c.suppressed),
            (Some(14), Some(12), false)
        );
        log.retain(|q| q.date.year() == 2023 || q.date.month() < 4 || q.medical);
        let tables = question_activity(&log, &ActivityOptions::default());
        let c = &tables.change[0];
        assert_eq!(
            (c.questions_first, c.n_first, c.suppressed),
            (None, None, true)
        );
        assert_eq!((c.pct_first, c.pct_last, c.diff), (None, None, None));
    }

    #[test]
    fn one_year_has_no_change_and_empty_logs_give_nothing() {
        let mut log = question_log();
        log.retain(|q| q.date.year() == 2023);
        assert!(
            question_activity(&log, &ActivityOptions::default())
                .change
                .is_empty()
        );
        assert_eq!(
            question_activity(&[], &ActivityOptions::default()),
            QuestionTables::default()
        );
        assert!(match_activity(&[], &ActivityOptions::default()).is_empty());
    }

    #[test]
    fn community_is_residents_initiatives_and_volunteers() {
        let community: Vec<&str> = HandledBy::ALL
            .iter()
            .filter(|h| handled_in_community(**h))
            .map(|h| h.code())
            .collect();
        assert_eq!(community, ["inwonerinitiatief", "vrijwilliger"]);
    }

    #[test]
    fn median_of_even_and_odd_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[10, 1, 5, 3]), Some(4.0));
        assert_eq!(median(&[i64::MAX, i64::MAX]), Some(i64::MAX as f64));
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

        fn day(&mut self) -> NaiveDate {
            date("2021-01-01") + Days::new(self.below(3 * 365))
        }
    }

    #[track_caller]
    fn check_rest(total: usize, shown_parts: usize, min_n: usize) {
        let rest = total - shown_parts;
        assert!(rest == 0 || rest >= min_n, "rest {rest} of {total} exposed");
    }

    #[test]
    fn random_logs_keep_the_disclosure_rules() {
        let mut random = Lcg(11);
        for _ in 0..300 {
            let min_n = random.below(12) as usize;
            let options = ActivityOptions {
                min_n,
                ..ActivityOptions::default()
            };
            let mut log = Vec::new();
            for _ in 0..random.below(60) {
                let requested = random.day();
                let matched =
                    (random.below(4) > 0).then(|| requested + Days::new(random.below(20)));
                let followup = matched
                    .filter(|_| random.below(3) > 0)
                    .map(|m| m + Days::new(30 + random.below(40)));
                log.push(MatchRecord {
                    row: 2,
                    request_id: String::new(),
                    network: ["a", "b"][random.below(2) as usize].into(),
                    request_date: requested,
                    kind_of_help: None,
                    match_date: matched,
                    volunteer: None,
                    followup_date: followup,
                    volunteer_ok: [None, Some(true), Some(false)][random.below(3) as usize],
                    satisfaction: [None, Some(2), Some(4), Some(5)][random.below(4) as usize],
                });
            }
            let rows = match_activity(&log, &options);
            for network in ["a", "b"] {
                let rows: Vec<&MatchRow> =
                    rows.iter().filter(|r| r.network_id == network).collect();
                let Some((total, years)) = rows.split_first() else {
                    continue;
                };
                for row in &rows {
                    assert_eq!(
                        row.matched.is_some(),
                        row.pct_matched.is_some() || row.requests == 0
                    );
                    if row.matched.is_some() {
                        assert!(row.requests >= min_n);
                    }
                    if row.pct_followup_on_time.is_some() {
                        assert!(
                            row.followup_due.unwrap() >= min_n && row.matched.unwrap() >= min_n
                        );
                    }
                    if row.satisfied.is_some() {
                        assert!(row.n_satisfaction.unwrap() >= min_n);
                    }
                }
                if total.matched.is_some() {
                    let shown = years
                        .iter()
                        .filter(|y| y.matched.is_some())
                        .map(|y| y.requests)
                        .sum();
                    check_rest(total.requests, shown, min_n);
                }
                if let Some(matched) = total.followup_due.and(total.matched) {
                    let shown = years
                        .iter()
                        .filter(|y| y.followup_due.is_some())
                        .map(|y| y.matched.unwrap())
                        .sum();
                    check_rest(matched, shown, min_n);
                }
            }

            let questions: Vec<QuestionRecord> = (0..random.below(80))
                .map(|_| {
                    let mut q = question(
                        "2021-01-01",
                        random.below(4) == 0,
                        HandledBy::ALL[random.below(5) as usize],
                    );
                    q.date = random.day();
                    q
                })
                .collect();
            let tables = question_activity(&questions, &options);
            for q in &tables.quarters {
                if q.suppressed {
                    assert_eq!((q.pct, q.non_medical_in_community), (None, None));
                } else {
                    assert!(q.non_medical.unwrap() >= min_n);
                }
                // The number of questions is shown with the non-medical count, and only from
                // min_n on.
                assert_eq!(q.questions.is_some(), q.non_medical.is_some());
                assert!(q.questions.is_none_or(|n| n >= min_n));
            }
            for change in &tables.change {
                if change.suppressed {
                    assert_eq!((change.pct_first, change.diff), (None, None));
                }
                for (year, questions, n) in [
                    (change.year_first, change.questions_first, change.n_first),
                    (change.year_last, change.questions_last, change.n_last),
                ] {
                    let quarters = tables
                        .quarters
                        .iter()
                        .filter(|q| q.quarter.starts_with(&year.to_string()));
                    // A published year total minus its shown quarters never gives fewer than
                    // min_n questions (defect 12: the year revealed a suppressed quarter).
                    if let Some(questions) = questions {
                        let shown: usize = quarters.clone().filter_map(|q| q.questions).sum();
                        check_rest(questions, shown, min_n);
                    } else {
                        assert!(quarters.clone().all(|q| q.questions.is_none()));
                    }
                    if !change.suppressed {
                        let shown: usize = quarters
                            .filter_map(|q| q.non_medical_in_community.and(q.non_medical))
                            .sum();
                        check_rest(n.unwrap(), shown, min_n);
                    }
                }
            }
        }
    }
}
