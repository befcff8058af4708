//! Checking an instrument file: the file types into the checked [`Instrument`],
//! collecting every problem with its key path and line.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::Spanned;

use super::file::{
    CategoryFile, GroupFile, InstrumentFile, ItemFile, ResponseScaleFile, ScaleFile, WaveFile,
};
use super::{
    Anchor, AnswerScale, Category, Cutoff, CutoffOp, FIXED_RESPONSE_COLUMNS, Group, Instrument,
    Item, Respondents, Rule, Scale, Wave, fmt_num,
};
use crate::ingest::network::fold;
use crate::spec::{Polarity, SpecProblem, line_of};

/// Checks a parsed file; `Err` holds every problem found.
pub(super) fn check(
    file: InstrumentFile,
    text: &str,
    path: &Path,
) -> Result<Instrument, Vec<SpecProblem>> {
    let mut checker = Checker {
        text,
        path,
        problems: Vec::new(),
    };
    let instrument = checker.check(file);
    if checker.problems.is_empty() {
        Ok(instrument)
    } else {
        Err(checker.problems)
    }
}

struct Checker<'t> {
    text: &'t str,
    path: &'t Path,
    problems: Vec<SpecProblem>,
}

/// True for ids usable as column headers: lower-case ASCII letters, digits,
/// `_` and `-`, starting with a letter.
fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

const ID_RULE: &str = "lower-case letters, digits, '_' and '-', starting with a letter";

impl Checker<'_> {
    fn problem(
        &mut self,
        key: impl Into<String>,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
    ) {
        let line = span.map(|s| line_of(self.text, s.start));
        self.problems
            .push(SpecProblem::new(self.path, key, line, message));
    }

    fn check(&mut self, file: InstrumentFile) -> Instrument {
        if !valid_id(&file.id) {
            self.problem(
                "id",
                None,
                format!("{:?} is not a valid id ({ID_RULE})", file.id),
            );
        }
        let respondents = match file.respondents.get_ref().as_str() {
            "residents" => Respondents::Residents,
            "network_members" => Respondents::NetworkMembers,
            other => {
                self.problem(
                    "respondents",
                    Some(file.respondents.span()),
                    format!("expected \"residents\" or \"network_members\", found {other:?}"),
                );
                Respondents::Residents
            }
        };
        let waves = self.check_waves(&file.waves);
        let groups = self.check_groups(&file.groups);
        let response_scales = self.check_response_scales(&file.response_scales);
        let items = self.check_items(&file.items, &response_scales, &groups);
        let scales = self.check_scales(&file.scales, &items);
        Instrument {
            path: self.path.to_path_buf(),
            name_en: file.name_en.unwrap_or_else(|| file.name_nl.clone()),
            id: file.id,
            name_nl: file.name_nl,
            description_nl: file.description_nl,
            description_en: file.description_en,
            source: file.source,
            note_nl: file.note_nl,
            note_en: file.note_en,
            respondents,
            waves,
            groups,
            items,
            scales,
        }
    }

    fn check_waves(&mut self, waves: &[Spanned<WaveFile>]) -> Vec<Wave> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for spanned in waves {
            let wave = spanned.get_ref();
            let key = format!("waves.{}", wave.id);
            if wave.id.trim().is_empty() {
                self.problem("waves", Some(spanned.span()), "a wave needs a non-empty id");
                continue;
            }
            if !seen.insert(fold(&wave.id)) {
                self.problem(key, Some(spanned.span()), "this wave is declared twice");
                continue;
            }
            out.push(Wave {
                id: wave.id.trim().to_owned(),
                label_nl: wave.label_nl.clone(),
                label_en: wave.label_en.clone(),
            });
        }
        out
    }

    fn check_groups(&mut self, groups: &[Spanned<GroupFile>]) -> Vec<Group> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for spanned in groups {
            let group = spanned.get_ref();
            let key = format!("groups.{}", group.id);
            if !valid_id(&group.id) {
                self.problem(
                    &key,
                    Some(spanned.span()),
                    format!("{:?} is not a valid id ({ID_RULE})", group.id),
                );
            } else if FIXED_RESPONSE_COLUMNS.contains(&group.id.as_str()) {
                self.problem(
                    &key,
                    Some(spanned.span()),
                    format!("{:?} is a fixed column of every responses sheet", group.id),
                );
            } else if !seen.insert(group.id.clone()) {
                self.problem(&key, Some(spanned.span()), "this group is declared twice");
            }
            out.push(Group {
                id: group.id.clone(),
                label_nl: group.label_nl.clone().unwrap_or_else(|| group.id.clone()),
                values: group.values.clone(),
            });
        }
        out
    }

    fn check_response_scales(
        &mut self,
        scales: &[Spanned<ResponseScaleFile>],
    ) -> BTreeMap<String, AnswerScale> {
        let mut out = BTreeMap::new();
        for spanned in scales {
            let scale = spanned.get_ref();
            let span = Some(spanned.span());
            let key = format!("response_scales.{}", scale.id);
            if out.contains_key(&scale.id) {
                self.problem(&key, span, "this response scale is declared twice");
                continue;
            }
            let answer = match (&scale.categories, scale.min, scale.max) {
                (Some(categories), None, None)
                    if scale.step.is_none() && scale.anchors.is_empty() =>
                {
                    self.check_categories(&key, span.clone(), categories)
                }
                (None, Some(min), Some(max)) => {
                    let step = scale.step.unwrap_or(1.0);
                    let mut ok = true;
                    if min.partial_cmp(&max) != Some(Ordering::Less) {
                        self.problem(
                            format!("{key}.max"),
                            span.clone(),
                            format!(
                                "max ({}) must be above min ({})",
                                fmt_num(max),
                                fmt_num(min)
                            ),
                        );
                        ok = false;
                    }
                    if step.partial_cmp(&0.0) != Some(Ordering::Greater) {
                        self.problem(format!("{key}.step"), span.clone(), "step must be above 0");
                        ok = false;
                    } else {
                        let steps = (max - min) / step;
                        if (steps - steps.round()).abs() > 1e-6 {
                            self.problem(
                                format!("{key}.step"),
                                span.clone(),
                                format!(
                                    "max - min ({}) is not a whole number of steps of {}",
                                    fmt_num(max - min),
                                    fmt_num(step)
                                ),
                            );
                            ok = false;
                        }
                    }
                    for anchor in &scale.anchors {
                        if anchor.value < min || anchor.value > max {
                            self.problem(
                                format!("{key}.anchors"),
                                span.clone(),
                                format!(
                                    "the anchor {} lies outside {}..{}",
                                    fmt_num(anchor.value),
                                    fmt_num(min),
                                    fmt_num(max)
                                ),
                            );
                            ok = false;
                        }
                    }
                    if !ok {
                        continue;
                    }
                    Some(AnswerScale::Numeric {
                        min,
                        max,
                        step,
                        anchors: scale
                            .anchors
                            .iter()
                            .map(|a| Anchor {
                                value: a.value,
                                label_nl: a.label_nl.clone(),
                            })
                            .collect(),
                    })
                }
                _ => {
                    self.problem(
                        &key,
                        span,
                        "a response scale has either `min` and `max` (with optional `step` and \
                         `anchors`) or `categories`, not both and not neither",
                    );
                    None
                }
            };
            if let Some(answer) = answer {
                out.insert(scale.id.clone(), answer);
            }
        }
        out
    }

    fn check_categories(
        &mut self,
        key: &str,
        span: Option<std::ops::Range<usize>>,
        categories: &[CategoryFile],
    ) -> Option<AnswerScale> {
        let mut ok = true;
        if categories.len() < 2 {
            self.problem(
                format!("{key}.categories"),
                span.clone(),
                "a list of answers needs at least two categories",
            );
            ok = false;
        }
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for category in categories {
            for spelling in std::iter::once(&category.label).chain(&category.aliases) {
                if let Some(first) = seen.insert(fold(spelling), category.label.clone()) {
                    self.problem(format!("{key}.categories"), span.clone(), format!("{spelling:?} names two categories (also {first:?}); labels and aliases must differ (case, spaces and hyphens do not count)"));
                    ok = false;
                }
            }
            let value = match (category.value, category.missing) {
                (Some(v), false) => Some(v),
                (None, true) => None,
                (Some(_), true) => {
                    self.problem(
                        format!("{key}.categories"),
                        span.clone(),
                        format!(
                            "the category {:?} has both a value and `missing = true`",
                            category.label
                        ),
                    );
                    ok = false;
                    None
                }
                (None, false) => {
                    self.problem(format!("{key}.categories"), span.clone(), format!("the category {:?} needs a `value` (or `missing = true` for an answer that counts as not answered)", category.label));
                    ok = false;
                    None
                }
            };
            out.push(Category {
                label: category.label.trim().to_owned(),
                aliases: category.aliases.clone(),
                value,
            });
        }
        ok.then_some(AnswerScale::Categories(out))
    }

    fn check_items(
        &mut self,
        items: &[Spanned<ItemFile>],
        response_scales: &BTreeMap<String, AnswerScale>,
        groups: &[Group],
    ) -> Vec<Item> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        if items.is_empty() {
            self.problem("items", None, "an instrument needs at least one item");
        }
        for spanned in items {
            let item = spanned.get_ref();
            let span = Some(spanned.span());
            let key = format!("items.{}", item.id);
            if !valid_id(&item.id) {
                self.problem(
                    &key,
                    span.clone(),
                    format!("{:?} is not a valid id ({ID_RULE})", item.id),
                );
            } else if FIXED_RESPONSE_COLUMNS.contains(&item.id.as_str()) {
                self.problem(
                    &key,
                    span.clone(),
                    format!("{:?} is a fixed column of every responses sheet", item.id),
                );
            } else if groups.iter().any(|g| g.id == item.id) {
                self.problem(
                    &key,
                    span.clone(),
                    format!("{:?} is also a group id", item.id),
                );
            } else if !seen.insert(item.id.clone()) {
                self.problem(&key, span.clone(), "this item is declared twice");
            }
            let Some(scale) = response_scales.get(&item.scale) else {
                let names: Vec<&str> = response_scales.keys().map(String::as_str).collect();
                self.problem(
                    format!("{key}.scale"),
                    span.clone(),
                    format!(
                        "no response scale {:?}; the response scales are: {}",
                        item.scale,
                        names.join(", ")
                    ),
                );
                continue;
            };
            let mut answer = scale.clone();
            if let Some(values) = &item.values {
                if item.reverse {
                    self.problem(format!("{key}.values"), span.clone(), "give either `values` or `reverse = true`, not both: `values` already sets the scoring of this item");
                }
                match &mut answer {
                    AnswerScale::Numeric { .. } => {
                        self.problem(format!("{key}.values"), span.clone(), "`values` sets category values and needs a response scale with `categories`");
                    }
                    AnswerScale::Categories(categories) => {
                        let mut given: BTreeMap<String, (String, f64)> = values
                            .iter()
                            .map(|(label, v)| (fold(label), (label.clone(), *v)))
                            .collect();
                        for category in categories.iter_mut() {
                            match given.remove(&fold(&category.label)) {
                                Some((_, v)) => category.value = Some(v),
                                None if category.value.is_none() => {}
                                None => self.problem(format!("{key}.values"), span.clone(), format!("no value for the category {:?}; give a value for every category that has one", category.label)),
                            }
                        }
                        for (label, _) in given.values() {
                            self.problem(
                                format!("{key}.values"),
                                span.clone(),
                                format!(
                                    "{label:?} is not a category of the response scale {:?}",
                                    item.scale
                                ),
                            );
                        }
                    }
                }
            }
            out.push(Item {
                id: item.id.clone(),
                label_nl: item.label_nl.clone().unwrap_or_else(|| item.id.clone()),
                text_nl: item.text_nl.clone(),
                text_en: item.text_en.clone().unwrap_or_else(|| item.text_nl.clone()),
                response_scale: item.scale.clone(),
                answer,
                reverse: item.reverse,
            });
        }
        out
    }

    fn check_scales(&mut self, scales: &[Spanned<ScaleFile>], items: &[Item]) -> Vec<Scale> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        if scales.is_empty() {
            self.problem("scales", None, "an instrument needs at least one scale");
        }
        for spanned in scales {
            let scale = spanned.get_ref();
            let span = Some(spanned.span());
            let key = format!("scales.{}", scale.id);
            let problems_before = self.problems.len();
            if !valid_id(&scale.id) {
                self.problem(
                    &key,
                    span.clone(),
                    format!("{:?} is not a valid id ({ID_RULE})", scale.id),
                );
            } else if !seen.insert(scale.id.clone()) {
                self.problem(&key, span.clone(), "this scale is declared twice");
            }
            let mut indices = Vec::new();
            for id in &scale.items {
                match items.iter().position(|item| &item.id == id) {
                    Some(index) if indices.contains(&index) => {
                        self.problem(
                            format!("{key}.items"),
                            span.clone(),
                            format!("the item {id:?} is listed twice"),
                        );
                    }
                    Some(index) => indices.push(index),
                    None => self.problem(
                        format!("{key}.items"),
                        span.clone(),
                        format!("no item {id:?} in this instrument"),
                    ),
                }
            }
            if scale.items.is_empty() {
                self.problem(
                    format!("{key}.items"),
                    span.clone(),
                    "a scale needs at least one item",
                );
            }
            let rule = match scale.rule.as_str() {
                "mean" => Rule::Mean,
                "sum" => Rule::Sum,
                other => {
                    self.problem(
                        format!("{key}.rule"),
                        span.clone(),
                        format!("expected \"mean\" or \"sum\", found {other:?}"),
                    );
                    Rule::Mean
                }
            };
            let polarity = match scale.polarity.as_str() {
                "higher_is_better" => Polarity::HigherIsBetter,
                "lower_is_better" => Polarity::LowerIsBetter,
                other => {
                    self.problem(
                        format!("{key}.polarity"),
                        span.clone(),
                        format!(
                            "expected \"higher_is_better\" or \"lower_is_better\", found {other:?}"
                        ),
                    );
                    Polarity::HigherIsBetter
                }
            };
            let n = scale.items.len() as i64;
            if scale.min_answered < 1 || scale.min_answered > n {
                self.problem(
                    format!("{key}.min_answered"),
                    span.clone(),
                    format!(
                        "min_answered is a count of items: expected 1 to {n}, found {}",
                        scale.min_answered
                    ),
                );
            }
            if scale.mic.is_nan() || scale.mic < 0.0 {
                self.problem(
                    format!("{key}.mic"),
                    span.clone(),
                    "mic (minimal important change) must be 0 or more",
                );
            }
            let [lo, hi] = scale.range;
            if lo.partial_cmp(&hi) != Some(Ordering::Less) {
                self.problem(
                    format!("{key}.range"),
                    span.clone(),
                    format!(
                        "range [{}, {}] must run from low to high",
                        fmt_num(lo),
                        fmt_num(hi)
                    ),
                );
            } else if indices.len() == scale.items.len() {
                self.check_range(&key, span.clone(), rule, &indices, items, (lo, hi));
            }
            let mut cutoffs = Vec::new();
            let mut cutoff_ids = BTreeSet::new();
            for cutoff in &scale.cutoffs {
                let ckey = format!("{key}.cutoffs.{}", cutoff.id);
                if !valid_id(&cutoff.id) || !cutoff_ids.insert(cutoff.id.clone()) {
                    self.problem(
                        &ckey,
                        span.clone(),
                        format!(
                            "cut-off ids must be valid ({ID_RULE}) and unique within the scale"
                        ),
                    );
                }
                let op = match cutoff.op.as_str() {
                    ">=" => CutoffOp::AtLeast,
                    ">" => CutoffOp::Above,
                    "<=" => CutoffOp::AtMost,
                    "<" => CutoffOp::Below,
                    other => {
                        self.problem(
                            format!("{ckey}.op"),
                            span.clone(),
                            format!("expected \">=\", \">\", \"<=\" or \"<\", found {other:?}"),
                        );
                        CutoffOp::AtLeast
                    }
                };
                if cutoff.value < lo || cutoff.value > hi {
                    self.problem(
                        format!("{ckey}.value"),
                        span.clone(),
                        format!(
                            "the cut-off {} lies outside the range [{}, {}]",
                            fmt_num(cutoff.value),
                            fmt_num(lo),
                            fmt_num(hi)
                        ),
                    );
                }
                cutoffs.push(Cutoff {
                    id: cutoff.id.clone(),
                    label_en: cutoff
                        .label_en
                        .clone()
                        .unwrap_or_else(|| cutoff.label_nl.clone()),
                    label_nl: cutoff.label_nl.clone(),
                    op,
                    value: cutoff.value,
                });
            }
            if self.problems.len() > problems_before {
                continue;
            }
            out.push(Scale {
                id: scale.id.clone(),
                label_en: scale
                    .label_en
                    .clone()
                    .unwrap_or_else(|| scale.label_nl.clone()),
                label_nl: scale.label_nl.clone(),
                items: indices,
                rule,
                min_answered: usize::try_from(scale.min_answered).unwrap_or(1),
                range: (lo, hi),
                polarity,
                mic: scale.mic,
                cutoffs,
            });
        }
        out
    }

    /// The declared range must be the range the items allow, so that a
    /// mistake in the items or the rule shows at once.
    fn check_range(
        &mut self,
        key: &str,
        span: Option<std::ops::Range<usize>>,
        rule: Rule,
        indices: &[usize],
        items: &[Item],
        declared: (f64, f64),
    ) {
        let mut ranges = Vec::new();
        for &index in indices {
            match items[index].answer.value_range() {
                Some(range) => ranges.push(range),
                None => {
                    self.problem(
                        format!("{key}.items"),
                        span.clone(),
                        format!(
                            "the item {:?} has no category with a value, so it cannot be scored",
                            items[index].id
                        ),
                    );
                    return;
                }
            }
        }
        let (lo, hi) = match rule {
            Rule::Mean => ranges
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), (a, b)| {
                    (l.min(*a), h.max(*b))
                }),
            Rule::Sum => ranges
                .iter()
                .fold((0.0, 0.0), |(l, h), (a, b)| (l + a, h + b)),
        };
        if (lo - declared.0).abs() > 1e-9 || (hi - declared.1).abs() > 1e-9 {
            let rule_name = match rule {
                Rule::Mean => "the mean",
                Rule::Sum => "the sum",
            };
            self.problem(
                format!("{key}.range"),
                span,
                format!(
                    "range [{}, {}] does not match the items: {rule_name} of these {} item(s) runs from {} to {}",
                    fmt_num(declared.0),
                    fmt_num(declared.1),
                    indices.len(),
                    fmt_num(lo),
                    fmt_num(hi)
                ),
            );
        }
    }
}
