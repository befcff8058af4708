//! Pipeline files: a declared run (`pipelines/*.toml`).
//!
//! A pipeline names its inputs once — open-data files, the network register,
//! responses per instrument, match and question logs — and its outputs refer
//! to them by name. Paths are relative to the pipeline file. Parsing checks
//! the structure and every reference; whether the files themselves can be
//! read is the business of `run` (and `run --check`), which also checks the
//! waves to compare against each responses input ([`Pipeline::check_waves`]).
//! Bare instrument names are looked up in the `instruments/` folder beside the
//! pipeline file, then among the shipped instruments ([`Pipeline::instrument`]).
//!
//! ```toml
//! name = "Voorbeeld"
//! year = 2024
//! date = "2025-03-01"          # the document date of the PDFs
//!
//! [settings]
//! lang = "nl"                  # nl | en
//! min_n = 10                   # disclosure threshold
//! alpha = 0.05                 # significance level of "demonstrable"
//! from = "T0"                  # optional: the waves to compare
//! to = "T1"
//!
//! [settings.comparison]        # all optional: the comparison across networks
//! method = "REML"              # REML | DL | PM
//! test = "knha"                # knha | z
//! measures = ["mean_change", "smd_change"]
//! neighbours = 10              # comparison areas per network area
//! moderators = ["aanpak", "fase"]
//!
//! [inputs]
//! register = { path = "netwerken/register.xlsx", kind = "register" }
//! pg = { path = "netwerken/pg.xlsx", kind = "responses", instrument = "positieve-gezondheid" }
//! kwb = { path = "open-data/kwb-2023.xlsx", kind = "open-data" }
//! grenzen = { path = "grenzen/wijkenbuurten_2024.gpkg", kind = "boundaries" }  # maps
//!
//! [outputs]
//! reports = true                       # or { inputs = ["register", "pg"] }
//! profiles = { inputs = ["kwb"] }      # profiles of the networks' areas
//! tables = true
//! workbook = true                      # or { file = "tabellen.xlsx" }
//! comparison = false                   # vergelijking.pdf and its tables (also `compare`)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::instrument::{Instrument, load_instrument_in};
use super::{SpecError, SpecKind, SpecProblem, line_of, read_text};
use crate::cli::Lang;
use crate::compute::compare::DEFAULT_NEIGHBOURS;
use crate::compute::effect::DEFAULT_MIN_N;
use crate::compute::stats::meta::{Measure, Method, Test};
use crate::ingest::network::fold;

/// A checked pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    /// The pipeline file.
    pub path: PathBuf,
    /// The directory its paths are relative to.
    pub dir: PathBuf,
    pub name: String,
    /// The year the run reports on.
    pub year: Option<i32>,
    /// The document date of the PDFs (`SOURCE_DATE_EPOCH` takes precedence).
    pub date: Option<NaiveDate>,
    pub settings: Settings,
    /// The inputs by name, in name order.
    pub inputs: BTreeMap<String, Input>,
    pub outputs: Outputs,
    /// The lines of some keys (`settings.from`), for problems found later.
    pub key_lines: BTreeMap<String, usize>,
}

/// How the statistics are made and the reports written.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub lang: Option<Lang>,
    pub min_n: usize,
    /// The significance level below which a change or difference is called
    /// demonstrable (`compute::findings::FindingRules`).
    pub alpha: f64,
    pub from: Option<String>,
    pub to: Option<String>,
    /// How networks are compared (`[settings.comparison]`).
    pub comparison: ComparisonSettings,
}

/// The settings of the comparison across networks (`[settings.comparison]`, all optional).
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonSettings {
    /// τ² estimator of the pooling: REML (default), DL or PM.
    pub method: Method,
    /// Interval method: Knapp–Hartung (default) or z.
    pub test: Test,
    /// The effect measures pooled, in table order.
    pub measures: Vec<Measure>,
    /// Number of nearest comparison areas per network area.
    pub neighbours: usize,
    /// The register characteristics tried as moderators, by column name.
    pub moderators: Vec<String>,
}

/// The register characteristics a comparison can use as moderator, by their column name
/// (`partner_*`: whether that kind of partner is among the network's partners; `fase`: the
/// current phase).
pub const MODERATORS: [&str; 9] = [
    "aanpak",
    "initiatiefnemer",
    "perspectief",
    "kartrekker_onafhankelijk",
    "financiering",
    "partner_gemeente",
    "partner_zorgverzekeraar",
    "partner_huisarts",
    "fase",
];

impl Default for ComparisonSettings {
    fn default() -> Self {
        ComparisonSettings {
            method: Method::Reml,
            test: Test::Knha,
            measures: Measure::ALL.to_vec(),
            neighbours: DEFAULT_NEIGHBOURS,
            moderators: MODERATORS.iter().map(|m| (*m).to_owned()).collect(),
        }
    }
}

/// What an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// CBS KWB, RIVM/GGD or Vektis, recognised from the file.
    OpenData,
    Register,
    Responses,
    Matches,
    Questions,
    /// Boundaries for the maps (GeoJSON or a CBS GeoPackage), used by every
    /// map of the run.
    Boundaries,
}

impl InputKind {
    pub fn code(self) -> &'static str {
        match self {
            InputKind::OpenData => "open-data",
            InputKind::Register => "register",
            InputKind::Responses => "responses",
            InputKind::Matches => "matches",
            InputKind::Questions => "questions",
            InputKind::Boundaries => "boundaries",
        }
    }
}

/// One named input.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub name: String,
    /// The path as resolved against the pipeline's directory.
    pub path: PathBuf,
    pub kind: InputKind,
    /// The instrument of a responses input: a shipped name, or the path of a
    /// TOML file relative to the pipeline's directory.
    pub instrument: Option<String>,
}

/// The outputs to produce; each lists the inputs it uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Outputs {
    /// A network report per network, from these inputs.
    pub reports: Option<Vec<String>>,
    /// Profiles of the networks' areas, from these open-data inputs.
    pub profiles: Option<Vec<String>>,
    pub tables: bool,
    /// The researchers' workbook, with its file name.
    pub workbook: Option<String>,
    /// The comparison across networks (`vergelijking.pdf` and its tables), also in `run`.
    pub comparison: bool,
}

/// The default file name of the workbook.
pub const WORKBOOK_FILE: &str = "wijkmonitor-tabellen.xlsx";

// ---------------------------------------------------------------- raw TOML

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPipeline {
    name: String,
    year: Option<i32>,
    date: Option<Spanned<String>>,
    #[serde(default)]
    settings: RawSettings,
    #[serde(default)]
    inputs: BTreeMap<String, Spanned<RawInput>>,
    #[serde(default)]
    outputs: RawOutputs,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    lang: Option<Spanned<String>>,
    min_n: Option<Spanned<i64>>,
    alpha: Option<Spanned<f64>>,
    from: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
    comparison: Option<Spanned<RawComparison>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawComparison {
    method: Option<String>,
    test: Option<String>,
    measures: Option<Vec<String>>,
    neighbours: Option<i64>,
    moderators: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInput {
    path: String,
    kind: InputKind,
    instrument: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOutputs {
    reports: Option<Spanned<RawStep>>,
    profiles: Option<Spanned<RawStep>>,
    tables: Option<bool>,
    workbook: Option<Spanned<RawWorkbook>>,
    comparison: Option<bool>,
}

/// `true`/`false`, or a table naming the inputs.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawStep {
    Flag(bool),
    With {
        #[serde(default)]
        inputs: Option<Vec<String>>,
    },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawWorkbook {
    Flag(bool),
    With { file: String },
}

// ---------------------------------------------------------------- loading

/// Reads and checks a pipeline file.
pub fn read_pipeline(path: &Path) -> Result<Pipeline, SpecError> {
    let text = read_text(SpecKind::Pipeline, path)?;
    parse_pipeline(&text, path)
}

/// Collects the problems of one pipeline file.
struct Problems<'a> {
    path: &'a Path,
    text: &'a str,
    list: Vec<SpecProblem>,
}

impl Problems<'_> {
    fn push(&mut self, key: &str, span: Option<std::ops::Range<usize>>, message: String) {
        let line = span.map(|s| line_of(self.text, s.start));
        self.list
            .push(SpecProblem::new(self.path, key, line, message));
    }

    fn line(&self, span: std::ops::Range<usize>) -> usize {
        line_of(self.text, span.start)
    }
}

/// Parses and checks the text of a pipeline file at `path`.
pub fn parse_pipeline(text: &str, path: &Path) -> Result<Pipeline, SpecError> {
    let raw: RawPipeline = toml::from_str(text)
        .map_err(|e| SpecError::one(SpecKind::Pipeline, SpecProblem::toml(path, text, &e)))?;
    let dir = path.parent().unwrap_or(Path::new("")).to_owned();
    let mut problems = Problems {
        path,
        text,
        list: Vec::new(),
    };
    let mut key_lines = BTreeMap::new();

    let date = raw.date.as_ref().and_then(|d| {
        let parsed = NaiveDate::parse_from_str(d.get_ref().trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            problems.push(
                "date",
                Some(d.span()),
                format!(
                    "expected a date as jjjj-mm-dd (2025-03-01), found {:?}",
                    d.get_ref()
                ),
            );
        }
        parsed
    });
    let lang = match &raw.settings.lang {
        None => None,
        Some(lang) => match lang.get_ref().trim() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            other => {
                problems.push(
                    "settings.lang",
                    Some(lang.span()),
                    format!("expected \"nl\" or \"en\", found {other:?}"),
                );
                None
            }
        },
    };
    let min_n = match &raw.settings.min_n {
        None => DEFAULT_MIN_N,
        Some(n) if (1..=1000).contains(n.get_ref()) => *n.get_ref() as usize,
        Some(n) => {
            problems.push(
                "settings.min_n",
                Some(n.span()),
                format!(
                    "expected a whole number from 1 to 1000, found {}",
                    n.get_ref()
                ),
            );
            DEFAULT_MIN_N
        }
    };
    let alpha = match &raw.settings.alpha {
        None => crate::compute::findings::DEFAULT_ALPHA,
        Some(a) if *a.get_ref() > 0.0 && *a.get_ref() <= 0.2 => *a.get_ref(),
        Some(a) => {
            problems.push(
                "settings.alpha",
                Some(a.span()),
                format!(
                    "expected a significance level above 0 and at most 0.2 (usually 0.05), found {}",
                    a.get_ref()
                ),
            );
            crate::compute::findings::DEFAULT_ALPHA
        }
    };
    let mut wave = |key: &str, raw: &Option<Spanned<String>>| -> Option<String> {
        let raw = raw.as_ref()?;
        key_lines.insert(key.to_owned(), problems.line(raw.span()));
        let wave = raw.get_ref().trim();
        if wave.is_empty() {
            problems.push(
                key,
                Some(raw.span()),
                "is empty: name a wave, such as \"T0\"".to_owned(),
            );
            return None;
        }
        Some(wave.to_owned())
    };
    let from = wave("settings.from", &raw.settings.from);
    let to = wave("settings.to", &raw.settings.to);
    let to_span = raw.settings.to.as_ref().map(|t| t.span());
    if let (Some(f), Some(t)) = (&from, &to)
        && fold(f) == fold(t)
    {
        problems.push(
            "settings.to",
            to_span,
            format!("from and to are both {t:?}: a wave cannot be compared with itself"),
        );
    }

    let comparison = match &raw.settings.comparison {
        None => ComparisonSettings::default(),
        Some(spanned) => comparison_settings(spanned.get_ref(), spanned.span(), &mut problems),
    };

    let mut inputs = BTreeMap::new();
    for (name, spanned) in raw.inputs {
        let span = Some(spanned.span());
        let input = spanned.into_inner();
        if input.path.trim().is_empty() {
            problems.push(
                &format!("inputs.{name}.path"),
                span.clone(),
                "is empty".to_owned(),
            );
        }
        match (input.kind, &input.instrument) {
            (InputKind::Responses, None) => problems.push(
                &format!("inputs.{name}"),
                span.clone(),
                "a responses input needs an instrument (instrument = \"positieve-gezondheid\", or the path of a TOML file)".to_owned(),
            ),
            (InputKind::Responses, Some(_)) | (_, None) => {}
            (kind, Some(_)) => problems.push(
                &format!("inputs.{name}.instrument"),
                span.clone(),
                format!(
                    "instrument belongs to responses inputs only, not to kind = \"{}\"",
                    kind.code()
                ),
            ),
        }
        let instrument = input.instrument;
        inputs.insert(
            name.clone(),
            Input {
                name,
                path: tidy_path(&dir.join(input.path.trim())),
                kind: input.kind,
                instrument,
            },
        );
    }
    let registers = inputs
        .values()
        .filter(|i| i.kind == InputKind::Register)
        .count();
    if registers > 1 {
        problems.push(
            "inputs",
            None,
            format!("{registers} inputs have kind = \"register\"; a pipeline has one register"),
        );
    }

    let mut step =
        |label: &str, raw: Option<Spanned<RawStep>>, kinds: &[InputKind]| -> Option<Vec<String>> {
            let raw = raw?;
            let span = raw.span();
            let listed = match raw.into_inner() {
                RawStep::Flag(false) => return None,
                RawStep::Flag(true) | RawStep::With { inputs: None } => None,
                RawStep::With { inputs: Some(list) } => Some(list),
            };
            let Some(list) = listed else {
                return Some(
                    inputs
                        .values()
                        .filter(|i| kinds.contains(&i.kind))
                        .map(|i| i.name.clone())
                        .collect(),
                );
            };
            let key = format!("outputs.{label}.inputs");
            for name in &list {
                match inputs.get(name) {
                    None => problems.push(
                        &key,
                        Some(span.clone()),
                        format!(
                            "there is no input {name:?}; the inputs are: {}",
                            inputs.keys().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    ),
                    Some(input) if !kinds.contains(&input.kind) => problems.push(
                        &key,
                        Some(span.clone()),
                        format!(
                            "{name:?} is a {} input, which {label} do not use",
                            input.kind.code()
                        ),
                    ),
                    Some(_) => {}
                }
            }
            Some(list)
        };
    let reports = step(
        "reports",
        raw.outputs.reports,
        &[
            InputKind::OpenData,
            InputKind::Register,
            InputKind::Responses,
            InputKind::Matches,
            InputKind::Questions,
            InputKind::Boundaries,
        ],
    );
    let profiles = step(
        "profiles",
        raw.outputs.profiles,
        &[InputKind::OpenData, InputKind::Boundaries],
    );
    let workbook = raw.outputs.workbook.and_then(|spanned| {
        let span = spanned.span();
        match spanned.into_inner() {
            RawWorkbook::Flag(false) => None,
            RawWorkbook::Flag(true) => Some(WORKBOOK_FILE.to_owned()),
            RawWorkbook::With { file } => {
                if !file.ends_with(".xlsx") || file.contains(['/', '\\']) {
                    problems.push(
                        "outputs.workbook.file",
                        Some(span),
                        format!(
                            "expected a file name ending in .xlsx (no directory), found {file:?}"
                        ),
                    );
                }
                Some(file)
            }
        }
    });
    let uses_register = |list: &Option<Vec<String>>| {
        list.as_ref().is_some_and(|l| {
            l.iter()
                .any(|n| inputs.get(n).is_some_and(|i| i.kind == InputKind::Register))
        })
    };
    if (reports.is_some() || profiles.is_some()) && !uses_register(&reports) && registers == 0 {
        problems.push(
            "inputs",
            None,
            "the reports and profiles are made per network: add the network register to [inputs] (kind = \"register\")"
                .to_owned(),
        );
    }
    let outputs = Outputs {
        reports,
        profiles,
        tables: raw.outputs.tables.unwrap_or(true),
        workbook,
        comparison: raw.outputs.comparison.unwrap_or(false),
    };
    if outputs.reports.is_none()
        && outputs.profiles.is_none()
        && !outputs.tables
        && outputs.workbook.is_none()
        && !outputs.comparison
    {
        problems.push(
            "outputs",
            None,
            "every output is switched off; there is nothing to do".to_owned(),
        );
    }
    if !problems.list.is_empty() {
        return Err(SpecError {
            kind: SpecKind::Pipeline,
            file: path.to_owned(),
            problems: problems.list,
        });
    }
    Ok(Pipeline {
        path: path.to_owned(),
        dir,
        name: raw.name,
        year: raw.year,
        date,
        settings: Settings {
            lang,
            min_n,
            alpha,
            from,
            to,
            comparison,
        },
        inputs,
        outputs,
        key_lines,
    })
}

/// `[settings.comparison]` checked: every problem listed, defaults where a value is wrong.
fn comparison_settings(
    raw: &RawComparison,
    span: std::ops::Range<usize>,
    problems: &mut Problems,
) -> ComparisonSettings {
    let mut settings = ComparisonSettings::default();
    let mut push = |key: &str, message: String| {
        problems.push(
            &format!("settings.comparison.{key}"),
            Some(span.clone()),
            message,
        )
    };
    if let Some(method) = &raw.method {
        match Method::from_code(&method.trim().to_uppercase()) {
            Some(m) => settings.method = m,
            None => push(
                "method",
                format!("expected \"REML\", \"DL\" or \"PM\", found {method:?}"),
            ),
        }
    }
    if let Some(test) = &raw.test {
        match Test::from_code(&test.trim().to_lowercase()) {
            Some(t) => settings.test = t,
            None => push(
                "test",
                format!("expected \"knha\" or \"z\", found {test:?}"),
            ),
        }
    }
    if let Some(measures) = &raw.measures {
        let mut chosen = Vec::new();
        for m in measures {
            match Measure::from_code(m.trim()) {
                Some(m) if !chosen.contains(&m) => chosen.push(m),
                Some(_) => {}
                None => push(
                    "measures",
                    format!("expected \"mean_change\" or \"smd_change\", found {m:?}"),
                ),
            }
        }
        if measures.is_empty() {
            push(
                "measures",
                "is empty: name at least \"mean_change\"".to_owned(),
            );
        }
        if !chosen.is_empty() {
            settings.measures = chosen;
        }
    }
    if let Some(n) = raw.neighbours {
        if (1..=100).contains(&n) {
            settings.neighbours = n as usize;
        } else {
            push(
                "neighbours",
                format!("expected a whole number from 1 to 100, found {n}"),
            );
        }
    }
    if let Some(moderators) = &raw.moderators {
        let mut chosen = Vec::new();
        for m in moderators {
            let m = m.trim();
            if MODERATORS.contains(&m) {
                if !chosen.iter().any(|c: &String| c == m) {
                    chosen.push(m.to_owned());
                }
            } else {
                push(
                    "moderators",
                    format!(
                        "{m:?} is not a register characteristic; expected one of: {}",
                        MODERATORS.join(", ")
                    ),
                );
            }
        }
        settings.moderators = chosen;
    }
    settings
}

/// `pipelines/../sample-data/x` → `sample-data/x`: `..` after a named
/// directory cancels it (lexically; for messages a reader can follow).
fn tidy_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

impl Pipeline {
    /// The inputs of a kind, in name order.
    pub fn inputs_of(&self, kind: InputKind) -> impl Iterator<Item = &Input> {
        self.inputs.values().filter(move |i| i.kind == kind)
    }

    /// The register input, if any.
    pub fn register(&self) -> Option<&Input> {
        self.inputs_of(InputKind::Register).next()
    }

    /// The folder where bare instrument names are looked up: `instruments/` beside the
    /// pipeline file (`pipelines/instruments/` for the pipelines of this repository).
    pub fn instruments_dir(&self) -> PathBuf {
        self.dir.join("instruments")
    }

    /// The instrument of a responses input: a path relative to the pipeline file, or a
    /// bare name in [`Pipeline::instruments_dir`] or among the shipped instruments.
    pub fn instrument(&self, input: &Input) -> Result<Instrument, SpecError> {
        let name = input.instrument.as_deref().unwrap_or_default();
        load_instrument_in(name, &self.dir, &self.instruments_dir())
    }

    /// Checks `settings.from` and `settings.to` against the waves of one responses input:
    /// those its instrument declares, or, when it declares none, those in its responses
    /// (`present`). Each wave that is not there is a problem naming the key and the valid
    /// waves.
    pub fn check_waves(
        &self,
        input: &Input,
        instrument: &Instrument,
        present: &[String],
    ) -> Vec<SpecProblem> {
        let (valid, whose): (Vec<String>, String) = if instrument.waves.is_empty() {
            let mut seen = Vec::<String>::new();
            for wave in present {
                if !seen.iter().any(|s| fold(s) == fold(wave)) {
                    seen.push(wave.clone());
                }
            }
            (
                seen,
                format!(
                    "in the responses of input {:?} (the instrument {:?} declares no waves)",
                    input.name, instrument.id
                ),
            )
        } else {
            (
                instrument.waves.iter().map(|w| w.id.clone()).collect(),
                format!(
                    "of the instrument {:?} (input {:?})",
                    instrument.id, input.name
                ),
            )
        };
        if valid.is_empty() {
            return Vec::new();
        }
        let mut problems = Vec::new();
        for (key, wave) in [
            ("settings.from", &self.settings.from),
            ("settings.to", &self.settings.to),
        ] {
            let Some(wave) = wave else { continue };
            if !valid.iter().any(|v| fold(v) == fold(wave)) {
                problems.push(SpecProblem::new(
                    &self.path,
                    key,
                    self.key_lines.get(key).copied(),
                    format!(
                        "{wave:?} is not a wave {whose}; the waves are: {}",
                        valid.join(", ")
                    ),
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "Test"
year = 2024
date = "2025-03-01"
[settings]
min_n = 5
[inputs]
register = { path = "netwerken/register.xlsx", kind = "register" }
pg = { path = "pg.xlsx", kind = "responses", instrument = "positieve-gezondheid" }
kwb = { path = "kwb.xlsx", kind = "open-data" }
[outputs]
reports = true
profiles = { inputs = ["kwb"] }
workbook = { file = "t.xlsx" }
"#;

    #[test]
    fn reads_a_pipeline_with_paths_relative_to_it() {
        let p = parse_pipeline(GOOD, Path::new("/x/p/run.toml")).unwrap();
        assert_eq!(p.settings.min_n, 5);
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(
            p.inputs["register"].path,
            PathBuf::from("/x/p/netwerken/register.xlsx")
        );
        assert_eq!(
            p.outputs.reports.as_deref(),
            Some(&["kwb".to_owned(), "pg".to_owned(), "register".to_owned()][..])
        );
        assert_eq!(p.outputs.profiles.as_deref(), Some(&["kwb".to_owned()][..]));
        assert_eq!(p.outputs.workbook.as_deref(), Some("t.xlsx"));
        assert!(p.outputs.tables);
    }

    #[test]
    fn paths_read_as_a_person_writes_them() {
        assert_eq!(
            tidy_path(Path::new("pipelines/../sample-data/./x.xlsx")),
            PathBuf::from("sample-data/x.xlsx")
        );
        assert_eq!(tidy_path(Path::new("../a/b")), PathBuf::from("../a/b"));
        assert_eq!(tidy_path(Path::new("/p/../q")), PathBuf::from("/q"));
    }

    #[test]
    fn lists_every_problem() {
        let text = GOOD
            .replace("min_n = 5", "min_n = 0\nlang = \"de\"")
            .replace("inputs = [\"kwb\"]", "inputs = [\"kbw\", \"pg\"]")
            .replace(", instrument = \"positieve-gezondheid\"", "");
        let e = parse_pipeline(&text, Path::new("run.toml")).unwrap_err();
        let all = e
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(e.problems.len(), 5, "{all}");
        assert!(all.contains("settings.min_n"), "{all}");
        assert!(all.contains("settings.lang"), "{all}");
        assert!(all.contains("there is no input \"kbw\""), "{all}");
        assert!(all.contains("\"pg\" is a responses input"), "{all}");
        assert!(
            all.contains(
                "run.toml: line 10: key `inputs.pg`: a responses input needs an instrument"
            ),
            "{all}"
        );
        assert!(
            all.contains("run.toml: line 6: key `settings.min_n`: expected a whole number"),
            "{all}"
        );
    }

    #[test]
    fn the_significance_level_is_a_checked_setting() {
        let p = parse_pipeline(
            &GOOD.replace("min_n = 5", "min_n = 5\nalpha = 0.01"),
            Path::new("run.toml"),
        )
        .unwrap();
        assert_eq!(p.settings.alpha, 0.01);
        let p = parse_pipeline(GOOD, Path::new("run.toml")).unwrap();
        assert_eq!(p.settings.alpha, crate::compute::findings::DEFAULT_ALPHA);
        for bad in ["0", "0.5", "-0.05"] {
            let text = GOOD.replace("min_n = 5", &format!("min_n = 5\nalpha = {bad}"));
            let e = parse_pipeline(&text, Path::new("run.toml")).unwrap_err();
            assert!(
                e.problems[0]
                    .to_string()
                    .contains("line 7: key `settings.alpha`"),
                "{bad}: {}",
                e.problems[0]
            );
        }
    }

    #[test]
    fn pipeline_settings_not_checked_from_equals_to() {
        let text = GOOD.replace("min_n = 5", "min_n = 5\nfrom = \"T0\"\nto = \"t0\"");
        let e = parse_pipeline(&text, Path::new("run.toml")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "run.toml: line 8: key `settings.to`: from and to are both \"t0\": a wave cannot \
             be compared with itself"
        );
    }

    #[test]
    fn pipeline_settings_not_checked_unknown_wave() {
        use crate::spec::instrument::load_instrument;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = GOOD.replace("min_n = 5", "min_n = 5\nfrom = \"T9\"\nto = \"T1\"");
        let p = parse_pipeline(&text, Path::new("run.toml")).unwrap();
        assert_eq!(p.key_lines.get("settings.from"), Some(&7));
        let input = &p.inputs["pg"];
        let mdo = load_instrument("mdo-evaluatie", root).unwrap();
        let problems: Vec<String> = p
            .check_waves(input, &mdo, &[])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            [
                "run.toml: line 7: key `settings.from`: \"T9\" is not a wave of the instrument \
                 \"mdo-evaluatie\" (input \"pg\"); the waves are: voor, na",
                "run.toml: line 8: key `settings.to`: \"T1\" is not a wave of the instrument \
                 \"mdo-evaluatie\" (input \"pg\"); the waves are: voor, na",
            ]
        );
        // Without declared waves, the waves in the responses count.
        let pg = load_instrument("positieve-gezondheid", root).unwrap();
        let present = ["T0".to_owned(), "t1".to_owned(), "T1".to_owned()];
        let problems = p.check_waves(input, &pg, &present);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.ends_with("the waves are: T0, t1"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn bare_instrument_names_resolve_beside_the_pipeline() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("pipelines/voorbeeld.toml");
        let p = read_pipeline(&path).unwrap();
        assert_eq!(p.instruments_dir(), root.join("pipelines/instruments"));
        let input = &p.inputs["samenwerking"];
        let instrument = p.instrument(input).unwrap();
        assert_eq!(
            instrument.path,
            root.join("pipelines/instruments/samenwerking-kaats-opheij.toml")
        );
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let e = parse_pipeline(
            "name = \"x\"\n[inputs]\nfoo = { path = }\n",
            Path::new("p.toml"),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("p.toml: line 3:"), "{e}");
        let e = parse_pipeline("name = \"x\"\nnaam = 1\n", Path::new("p.toml")).unwrap_err();
        assert!(e.to_string().contains("unknown field `naam`"), "{e}");
    }
}
