//! Questionnaire instruments declared as data: TOML files under
//! `pipelines/instruments/`, read into a checked [`Instrument`].
//!
//! The serde types of the file (`file.rs`, `*File`) are private and separate
//! from the checked types here, which the rest of the program uses; `check.rs`
//! turns the one into the other. The file types follow
//! the file (optional keys, strings for enumerations, spans for line
//! numbers), the checked types follow the model (resolved references,
//! item-specific category values applied, enumerations typed). The schema
//! is documented for users in `pipelines/instruments/README.md`.
//!
//! Loading collects every problem of a file, each naming the key (arrays of
//! tables by the `id` of the entry: `items.djg_leegte.scale`) and, where
//! known, the line.

mod check;
mod file;

use std::fs;
use std::path::{Path, PathBuf};

use self::file::InstrumentFile;
use super::{Polarity, SpecError, SpecKind, SpecProblem, read_text};
use crate::ingest::network::fold;

/// Where bare instrument names are looked up from the command line, relative
/// to the working directory.
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
// Loading.

/// The instruments shipped with the program, so that a bare name works
/// wherever it runs; a file of the same name in the instruments folder takes
/// precedence.
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

/// Loads an instrument named on the command line, relative to `base_dir`
/// (the working directory): bare names are looked up in
/// `<base_dir>/pipelines/instruments/`, then among the shipped instruments.
/// See [`load_instrument_in`].
pub fn load_instrument(name_or_path: &str, base_dir: &Path) -> Result<Instrument, SpecError> {
    load_instrument_in(name_or_path, base_dir, &base_dir.join(INSTRUMENTS_DIR))
}

/// Loads an instrument by path or by bare name.
///
/// A path (anything with a path separator, or ending in `.toml` and naming a
/// file in `base_dir`) is taken relative to `base_dir`. A bare name
/// (`eenzaamheid-djg6`, or `welbevinden.toml` when there is no such file in
/// `base_dir`) is looked up as `<instruments_dir>/<name>.toml`, then among the
/// [`BUILTIN_INSTRUMENTS`].
pub fn load_instrument_in(
    name_or_path: &str,
    base_dir: &Path,
    instruments_dir: &Path,
) -> Result<Instrument, SpecError> {
    let has_separator = name_or_path.contains(['/', '\\']);
    if has_separator || name_or_path.ends_with(".toml") {
        let path = base_dir.join(name_or_path);
        if has_separator || path.is_file() {
            return read_instrument(&path);
        }
    }
    let name = name_or_path.trim();
    let name = name.strip_suffix(".toml").unwrap_or(name);
    let path = instruments_dir.join(format!("{name}.toml"));
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid_name && path.is_file() {
        return read_instrument(&path);
    }
    if let Some((id, text)) = BUILTIN_INSTRUMENTS.iter().find(|(id, _)| *id == name) {
        return parse_instrument(text, &Path::new(INSTRUMENTS_DIR).join(format!("{id}.toml")));
    }
    let mut available = available_instruments(instruments_dir);
    for (id, _) in BUILTIN_INSTRUMENTS {
        if !available.iter().any(|a| a == id) {
            available.push((*id).to_owned());
        }
    }
    available.sort();
    Err(SpecError::one(
        SpecKind::Instrument,
        SpecProblem::file(
            &path,
            format!(
                "instrument {name:?} not found: there is no such file, and no shipped instrument \
                 of that name; the instruments are: {}",
                available.join(", ")
            ),
        ),
    ))
}

/// The bare names of the instruments in a folder (`*.toml`), sorted.
pub fn available_instruments(instruments_dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(instruments_dir) else {
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
pub fn read_instrument(path: &Path) -> Result<Instrument, SpecError> {
    let text = read_text(SpecKind::Instrument, path)?;
    parse_instrument(&text, path)
}

/// Parses and checks the text of an instrument file; `path` names it in
/// problems.
pub fn parse_instrument(text: &str, path: &Path) -> Result<Instrument, SpecError> {
    let file: InstrumentFile = toml::from_str(text).map_err(|error| {
        SpecError::one(SpecKind::Instrument, SpecProblem::toml(path, text, &error))
    })?;
    check::check(file, text, path).map_err(|problems| SpecError {
        kind: SpecKind::Instrument,
        file: path.to_path_buf(),
        problems,
    })
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
        let names = available_instruments(&shipped_dir().join(INSTRUMENTS_DIR));
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
        let problems = parse_instrument(&text, Path::new("x.toml"))
            .unwrap_err()
            .problems;
        let keys: Vec<&str> = problems.iter().map(|p| p.key_path.as_str()).collect();
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
        let problems = &error.problems;
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
        let missing = load_instrument("../Cargo", &shipped_dir()).unwrap_err();
        assert!(
            missing
                .to_string()
                .ends_with("Cargo: the instrument file does not exist"),
            "{missing}"
        );
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
