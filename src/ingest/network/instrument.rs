//! Questionnaire instruments declared as data: TOML files under
//! `pipelines/instruments/`, read into a checked [`Instrument`].
//!
//! The serde types of the file (`*File`) are private and separate from the
//! checked types that the rest of the program uses: the file types follow
//! the file (optional keys, strings for enumerations, spans for line
//! numbers), the checked types follow the model (resolved references,
//! item-specific category values applied, enumerations typed). The schema
//! is documented for users in `pipelines/instruments/README.md`.
//!
//! Loading collects every problem of a file, each naming the key (arrays of
//! tables by the `id` of the entry: `items.djg_leegte.scale`) and, where
//! known, the line.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::fold;

/// Where bare instrument names are looked up, relative to a base directory.
pub const INSTRUMENTS_DIR: &str = "pipelines/instruments";

/// The columns every responses sheet has; item and group ids may not use them.
pub const FIXED_RESPONSE_COLUMNS: [&str; 4] = ["netwerk", "respondent", "meting", "datum"];

// ---------------------------------------------------------------------------
// The checked instrument.

/// A checked instrument: items with their answer scales resolved, scales
/// (subscales and totals) referring to items by index.
#[derive(Debug, Clone, PartialEq)]
pub struct Instrument {
    /// The file it was read from.
    pub path: PathBuf,
    pub id: String,
    pub name_nl: String,
    pub name_en: String,
    pub description_nl: String,
    pub description_en: Option<String>,
    /// The citation of the instrument.
    pub source: String,
    /// A caveat on use, shown with every result of the instrument.
    pub note_nl: Option<String>,
    pub note_en: Option<String>,
    pub respondents: Respondents,
    /// The allowed measurements (`meting`), in time order; empty = any label.
    pub waves: Vec<Wave>,
    /// Declared grouping columns (more may appear in a responses file).
    pub groups: Vec<Group>,
    pub items: Vec<Item>,
    pub scales: Vec<Scale>,
}

/// Who answers the instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Respondents {
    /// Residents (inwoners), e.g. before and after an intervention.
    Residents,
    /// Members of the network (with their role), e.g. on the collaboration.
    NetworkMembers,
}

impl Respondents {
    /// The code as written in the file.
    pub fn code(self) -> &'static str {
        match self {
            Respondents::Residents => "residents",
            Respondents::NetworkMembers => "network_members",
        }
    }
}

/// A measurement moment (`T0`, `voor`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wave {
    pub id: String,
    pub label_nl: Option<String>,
    pub label_en: Option<String>,
}

/// A grouping column declared by the instrument (such as `rol`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub label_nl: String,
    /// The allowed values; empty = any text.
    pub values: Vec<String>,
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    /// A short name (for charts); defaults to the id.
    pub label_nl: String,
    pub text_nl: String,
    pub text_en: String,
    /// The id of the response scale in the file.
    pub response_scale: String,
    /// How the item is answered, with this item's category values applied.
    pub answer: AnswerScale,
    /// Score as `lo + hi - value` (lo, hi: lowest and highest item value).
    pub reverse: bool,
}

/// How an item is answered.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerScale {
    /// A number from `min` to `max` in steps of `step` (from `min`).
    Numeric {
        min: f64,
        max: f64,
        step: f64,
        /// Labels of some values, for the template (`1 = helemaal oneens`).
        anchors: Vec<Anchor>,
    },
    /// One of a list of labelled answers.
    Categories(Vec<Category>),
}

/// A labelled value of a numeric scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub value: f64,
    pub label_nl: String,
}

/// A labelled answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub label: String,
    /// Other spellings accepted for the label.
    pub aliases: Vec<String>,
    /// The score of this answer for this item; `None` for an answer that
    /// counts as not answered (such as `weet niet`).
    pub value: Option<f64>,
}

impl AnswerScale {
    /// The index of the category a text answer names (case, spaces, hyphens,
    /// underscores and slashes do not matter; aliases count).
    pub fn category_index(&self, text: &str) -> Option<usize> {
        let AnswerScale::Categories(categories) = self else {
            return None;
        };
        let wanted = fold(text);
        categories
            .iter()
            .position(|c| fold(&c.label) == wanted || c.aliases.iter().any(|a| fold(a) == wanted))
    }

    /// The lowest and highest score an answer can have.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        match self {
            AnswerScale::Numeric { min, max, .. } => Some((*min, *max)),
            AnswerScale::Categories(categories) => {
                let mut values = categories.iter().filter_map(|c| c.value);
                let first = values.next()?;
                Some(values.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
            }
        }
    }

    /// Whether a number is a valid answer of a numeric scale.
    pub fn accepts(&self, value: f64) -> bool {
        match self {
            AnswerScale::Numeric { min, max, step, .. } => {
                if value < *min - 1e-9 || value > *max + 1e-9 {
                    return false;
                }
                let steps = (value - min) / step;
                (steps - steps.round()).abs() < 1e-6
            }
            AnswerScale::Categories(_) => false,
        }
    }

    /// The allowed answers in words, for messages (`a whole number from 0 to
    /// 10`, `one of ja, min of meer, nee`).
    pub fn expected(&self) -> String {
        match self {
            AnswerScale::Numeric { min, max, step, .. } => {
                let (lo, hi) = (fmt_num(*min), fmt_num(*max));
                if *step == 1.0 && min.fract() == 0.0 {
                    format!("a whole number from {lo} to {hi}")
                } else {
                    format!("a number from {lo} to {hi} in steps of {}", fmt_num(*step))
                }
            }
            AnswerScale::Categories(categories) => format!(
                "one of {}",
                categories
                    .iter()
                    .map(|c| c.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// A number as written in messages: integers without `.0`.
pub(crate) fn fmt_num(v: f64) -> String {
    crate::ingest::grid::format_number(v)
}

/// How a scale score is made from its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// The mean of the answered items.
    Mean,
    /// The sum of the answered items (not prorated for unanswered items).
    Sum,
}

/// Which direction of a scale is favourable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// A higher score is favourable (wellbeing, collaboration).
    HigherIsBetter,
    /// A lower score is favourable (loneliness).
    LowerIsBetter,
}

/// A comparison of a cut-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutoffOp {
    /// `>=`
    AtLeast,
    /// `>`
    Above,
    /// `<=`
    AtMost,
    /// `<`
    Below,
}

impl CutoffOp {
    /// The operator as written in the file (`>=`).
    pub fn symbol(self) -> &'static str {
        match self {
            CutoffOp::AtLeast => ">=",
            CutoffOp::Above => ">",
            CutoffOp::AtMost => "<=",
            CutoffOp::Below => "<",
        }
    }
}

/// A named class of scores (`eenzaam`: total >= 2).
#[derive(Debug, Clone, PartialEq)]
pub struct Cutoff {
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
    pub op: CutoffOp,
    pub value: f64,
}

impl Cutoff {
    /// Whether a score falls in this class.
    pub fn contains(&self, score: f64) -> bool {
        match self.op {
            CutoffOp::AtLeast => score >= self.value,
            CutoffOp::Above => score > self.value,
            CutoffOp::AtMost => score <= self.value,
            CutoffOp::Below => score < self.value,
        }
    }
}

/// A subscale or total score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
    /// Indices into [`Instrument::items`].
    pub items: Vec<usize>,
    pub rule: Rule,
    /// The least number of answered items for a score; fewer gives no score.
    pub min_answered: usize,
    /// The lowest and highest possible score.
    pub range: (f64, f64),
    pub polarity: Polarity,
    /// The minimal important change (0 = not declared).
    pub mic: f64,
    pub cutoffs: Vec<Cutoff>,
}

impl Instrument {
    /// The index of an item by id.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|item| item.id == id)
    }

    /// Whether a scale is the total over all items (not one of several
    /// aspects), in an instrument with more than one scale.
    pub fn is_total(&self, scale: &Scale) -> bool {
        self.scales.len() > 1 && scale.items.len() == self.items.len()
    }

    /// A scale by id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|scale| scale.id == id)
    }

    /// The declared wave matching a label (case-insensitive), if waves are
    /// declared.
    pub fn wave(&self, label: &str) -> Option<&Wave> {
        let wanted = fold(label);
        self.waves.iter().find(|wave| fold(&wave.id) == wanted)
    }
}

// ---------------------------------------------------------------------------
// Errors.

/// A problem in an instrument file, naming the key and, where known, the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstrumentProblem {
    /// The key path, arrays of tables named by their `id`
    /// (`scales.totaal.range`); empty for the file as a whole.
    pub key: String,
    /// The 1-based line of the key or of its table.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for InstrumentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if !self.key.is_empty() {
            write!(f, "key `{}`: ", self.key)?;
        }
        f.write_str(&self.message)
    }
}

/// An instrument that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum InstrumentError {
    /// A bare name with no file behind it.
    #[error("{}", not_found_message(name, path, available))]
    NotFound {
        name: String,
        path: PathBuf,
        available: Vec<String>,
    },
    /// The file exists but cannot be read.
    #[error("{}: cannot read the instrument file: {source}", path.display())]
    Unreadable { path: PathBuf, source: io::Error },
    /// The file was read but is not a valid instrument.
    #[error("{}", invalid_message(path, problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<InstrumentProblem>,
    },
}

fn not_found_message(name: &str, path: &Path, available: &[String]) -> String {
    let list = if available.is_empty() {
        "there are none".to_owned()
    } else {
        format!("the instruments there are: {}", available.join(", "))
    };
    format!(
        "instrument {name:?} not found: there is no file {}; {list}",
        path.display()
    )
}

fn invalid_message(path: &Path, problems: &[InstrumentProblem]) -> String {
    let mut text = format!(
        "{}: not a valid instrument ({} problem{}):",
        path.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for problem in problems {
        text.push_str(&format!("\n  {}: {problem}", path.display()));
    }
    text
}

// ---------------------------------------------------------------------------
// Loading.

/// Loads an instrument by bare name (`eenzaamheid-djg6`, looked up as
/// `<base_dir>/pipelines/instruments/<name>.toml`) or by path (anything with
/// a path separator or ending in `.toml`; a relative path is taken relative
/// to `base_dir`). A file name such as `welbevinden.toml` that is not a file
/// in `base_dir` is looked up as the bare name `welbevinden`.
/// The instruments shipped with the program, so that a bare name works
/// wherever it runs; a file of the same name under
/// `<base_dir>/pipelines/instruments/` takes precedence.
pub const BUILTIN_INSTRUMENTS: &[(&str, &str)] = &[
    (
        "eenzaamheid-djg6",
        include_str!("../../../pipelines/instruments/eenzaamheid-djg6.toml"),
    ),
    (
        "mdo-evaluatie",
        include_str!("../../../pipelines/instruments/mdo-evaluatie.toml"),
    ),
    (
        "positieve-gezondheid",
        include_str!("../../../pipelines/instruments/positieve-gezondheid.toml"),
    ),
    (
        "samenwerking-kaats-opheij",
        include_str!("../../../pipelines/instruments/samenwerking-kaats-opheij.toml"),
    ),
    (
        "welbevinden",
        include_str!("../../../pipelines/instruments/welbevinden.toml"),
    ),
];

/// Like [`load_instrument`], falling back to the shipped instruments when
/// `<base_dir>/pipelines/instruments/<name>.toml` does not exist.
pub fn load_instrument_or_builtin(
    name_or_path: &str,
    base_dir: &Path,
) -> Result<Instrument, InstrumentError> {
    match load_instrument(name_or_path, base_dir) {
        Err(InstrumentError::NotFound {
            name,
            path,
            mut available,
        }) => {
            if let Some((id, text)) = BUILTIN_INSTRUMENTS.iter().find(|(id, _)| *id == name) {
                return parse_instrument(
                    text,
                    &Path::new(INSTRUMENTS_DIR).join(format!("{id}.toml")),
                );
            }
            for (id, _) in BUILTIN_INSTRUMENTS {
                if !available.iter().any(|a| a == id) {
                    available.push((*id).to_owned());
                }
            }
            available.sort();
            Err(InstrumentError::NotFound {
                name,
                path,
                available,
            })
        }
        other => other,
    }
}

pub fn load_instrument(name_or_path: &str, base_dir: &Path) -> Result<Instrument, InstrumentError> {
    let has_separator = name_or_path.contains(['/', '\\']);
    if has_separator || name_or_path.ends_with(".toml") {
        let path = base_dir.join(name_or_path);
        if has_separator || path.is_file() {
            return read_instrument(&path);
        }
    }
    let name_or_path = name_or_path.strip_suffix(".toml").unwrap_or(name_or_path);
    let dir = base_dir.join(INSTRUMENTS_DIR);
    let path = dir.join(format!("{name_or_path}.toml"));
    let valid_name = !name_or_path.is_empty()
        && name_or_path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid_name || !path.is_file() {
        return Err(InstrumentError::NotFound {
            name: name_or_path.to_owned(),
            path,
            available: available_instruments(base_dir),
        });
    }
    read_instrument(&path)
}

/// The bare names of the instruments under `<base_dir>/pipelines/instruments`,
/// sorted.
pub fn available_instruments(base_dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(base_dir.join(INSTRUMENTS_DIR)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let path = entry.path();
            (path.extension()? == "toml")
                .then(|| path.file_stem()?.to_str().map(str::to_owned))
                .flatten()
        })
        .collect();
    names.sort();
    names
}

/// Reads and checks an instrument file.
pub fn read_instrument(path: &Path) -> Result<Instrument, InstrumentError> {
    let text = fs::read_to_string(path).map_err(|source| InstrumentError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    parse_instrument(&text, path)
}

/// Parses and checks the text of an instrument file; `path` names it in
/// problems.
pub fn parse_instrument(text: &str, path: &Path) -> Result<Instrument, InstrumentError> {
    let file: InstrumentFile = toml::from_str(text).map_err(|error| InstrumentError::Invalid {
        path: path.to_path_buf(),
        problems: vec![InstrumentProblem {
            key: String::new(),
            line: error.span().map(|span| line_of(text, span.start)),
            message: error.message().trim().to_owned(),
        }],
    })?;
    let mut checker = Checker {
        text,
        problems: Vec::new(),
    };
    let instrument = checker.check(file, path);
    if checker.problems.is_empty() {
        Ok(instrument)
    } else {
        Err(InstrumentError::Invalid {
            path: path.to_path_buf(),
            problems: checker.problems,
        })
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map(|head| head.matches('\n').count() + 1)
        .unwrap_or(1)
}

// ---------------------------------------------------------------------------
// The file types: the file as written, before any checks.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InstrumentFile {
    id: String,
    name_nl: String,
    name_en: Option<String>,
    description_nl: String,
    description_en: Option<String>,
    source: String,
    note_nl: Option<String>,
    note_en: Option<String>,
    respondents: Spanned<String>,
    #[serde(default)]
    waves: Vec<Spanned<WaveFile>>,
    #[serde(default)]
    groups: Vec<Spanned<GroupFile>>,
    response_scales: Vec<Spanned<ResponseScaleFile>>,
    items: Vec<Spanned<ItemFile>>,
    scales: Vec<Spanned<ScaleFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaveFile {
    id: String,
    label_nl: Option<String>,
    label_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    id: String,
    label_nl: Option<String>,
    #[serde(default)]
    values: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResponseScaleFile {
    id: String,
    min: Option<f64>,
    max: Option<f64>,
    step: Option<f64>,
    #[serde(default)]
    anchors: Vec<AnchorFile>,
    categories: Option<Vec<CategoryFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnchorFile {
    value: f64,
    label_nl: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    label: String,
    value: Option<f64>,
    #[serde(default)]
    missing: bool,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    id: String,
    label_nl: Option<String>,
    text_nl: String,
    text_en: Option<String>,
    scale: String,
    #[serde(default)]
    reverse: bool,
    values: Option<BTreeMap<String, f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleFile {
    id: String,
    label_nl: String,
    label_en: Option<String>,
    items: Vec<String>,
    rule: String,
    min_answered: i64,
    range: [f64; 2],
    polarity: String,
    #[serde(default)]
    mic: f64,
    #[serde(default)]
    cutoffs: Vec<CutoffFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CutoffFile {
    id: String,
    label_nl: String,
    label_en: Option<String>,
    op: String,
    value: f64,
}

// ---------------------------------------------------------------------------
// Checking: file types → checked types, collecting every problem.

struct Checker<'t> {
    text: &'t str,
    problems: Vec<InstrumentProblem>,
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
        self.problems.push(InstrumentProblem {
            key: key.into(),
            line,
            message: message.into(),
        });
    }

    fn check(&mut self, file: InstrumentFile, path: &Path) -> Instrument {
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
            path: path.to_path_buf(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    const MINIMAL: &str = r#"
id = "test"
name_nl = "Test"
description_nl = "Een test."
source = "Eigen"
respondents = "residents"

[[response_scales]]
id = "jn"
categories = [
  { label = "ja", value = 1, aliases = ["ja!"] },
  { label = "nee", value = 0 },
  { label = "weet niet", missing = true },
]

[[items]]
id = "a"
text_nl = "Vraag a"
scale = "jn"

[[items]]
id = "b"
text_nl = "Vraag b"
scale = "jn"
values = { ja = 0, nee = 1 }

[[scales]]
id = "totaal"
label_nl = "Totaal"
items = ["a", "b"]
rule = "sum"
min_answered = 2
range = [0, 2]
polarity = "lower_is_better"
cutoffs = [{ id = "hoog", label_nl = "hoog", op = ">=", value = 2 }]
"#;

    #[test]
    fn every_shipped_instrument_loads() {
        let names = available_instruments(&shipped_dir());
        assert!(names.len() >= 5, "{names:?}");
        for name in names {
            let instrument =
                load_instrument(&name, &shipped_dir()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(instrument.id, name);
        }
    }

    #[test]
    fn item_specific_values_apply() {
        let instrument = parse_instrument(MINIMAL, Path::new("test.toml")).unwrap();
        let AnswerScale::Categories(b) = &instrument.items[1].answer else {
            panic!("categories expected");
        };
        assert_eq!(b[0].value, Some(0.0));
        assert_eq!(b[1].value, Some(1.0));
        assert_eq!(b[2].value, None);
        assert_eq!(instrument.items[0].answer.category_index(" JA! "), Some(0));
        assert_eq!(
            instrument.items[0].answer.category_index("Weet-niet"),
            Some(2)
        );
        assert_eq!(instrument.items[1].text_en, "Vraag b");
        assert_eq!(instrument.scales[0].items, vec![0, 1]);
    }

    #[test]
    fn problems_name_keys_and_lines() {
        let text = MINIMAL
            .replace("range = [0, 2]", "range = [0, 5]")
            .replace("scale = \"jn\"\nvalues", "scale = \"jx\"\nvalues")
            .replace("rule = \"sum\"", "rule = \"median\"");
        let Err(InstrumentError::Invalid { problems, .. }) =
            parse_instrument(&text, Path::new("x.toml"))
        else {
            panic!("expected problems");
        };
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            ["items.b.scale", "scales.totaal.items", "scales.totaal.rule"]
        );
        assert_eq!(problems[0].line, Some(21));
        assert!(
            problems[0].message.contains("no response scale \"jx\""),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn range_must_match_the_items() {
        let text = MINIMAL.replace("range = [0, 2]", "range = [0, 6]");
        let error = parse_instrument(&text, Path::new("x.toml")).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("x.toml: line 27: key `scales.totaal.range`: range [0, 6] does not match the items: the sum of these 2 item(s) runs from 0 to 2"),
            "{message}"
        );
    }

    #[test]
    fn unknown_keys_are_rejected_with_line() {
        let text = MINIMAL
            .replace("reverse", "x")
            .replace("rule = \"sum\"", "rule = \"sum\"\nweight = 2");
        let error = parse_instrument(&text, Path::new("x.toml")).unwrap_err();
        let InstrumentError::Invalid { problems, .. } = &error else {
            panic!()
        };
        assert!(
            problems[0].message.contains("unknown field `weight`"),
            "{}",
            problems[0].message
        );
        assert_eq!(problems[0].line, Some(32));
    }

    #[test]
    fn bare_names_and_paths() {
        let error = load_instrument("bestaat-niet", &shipped_dir()).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("instrument \"bestaat-niet\" not found"),
            "{message}"
        );
        assert!(message.contains("eenzaamheid-djg6"), "{message}");
        assert!(matches!(
            load_instrument("../Cargo", &shipped_dir()),
            Err(InstrumentError::Unreadable { .. })
        ));
        let by_path =
            load_instrument("pipelines/instruments/welbevinden.toml", &shipped_dir()).unwrap();
        assert_eq!(by_path.id, "welbevinden");
        let by_file_name = load_instrument("welbevinden.toml", &shipped_dir()).unwrap();
        assert_eq!(by_file_name.id, "welbevinden");
    }

    #[test]
    fn djg_is_scored_by_the_manual() {
        let djg = load_instrument("eenzaamheid-djg6", &shipped_dir()).unwrap();
        let total = djg.scale("totaal").unwrap();
        assert_eq!(
            (total.range, total.min_answered, total.rule),
            ((0.0, 6.0), 5, Rule::Sum)
        );
        let cut: Vec<(&str, f64)> = total
            .cutoffs
            .iter()
            .map(|c| (c.id.as_str(), c.value))
            .collect();
        assert_eq!(cut, [("eenzaam", 2.0), ("ernstig_eenzaam", 5.0)]);
        assert_eq!(djg.scale("emotioneel").unwrap().min_answered, 3);
    }
}
