//! Pipeline files: a declared run (`pipelines/*.toml`).
//!
//! A pipeline names its inputs once — open-data files, the network register,
//! responses per instrument, match and question logs — and its outputs refer
//! to them by name. Paths are relative to the pipeline file. Parsing checks
//! the structure and every reference; whether the files themselves can be
//! read is the business of `run` (and `run --check`).
//!
//! ```toml
//! name = "Voorbeeld"
//! year = 2024
//! date = "2025-03-01"          # the document date of the PDFs
//!
//! [settings]
//! lang = "nl"                  # nl | en
//! min_n = 10                   # disclosure threshold
//! from = "T0"                  # optional: the waves to compare
//! to = "T1"
//!
//! [inputs]
//! register = { path = "netwerken/register.xlsx", kind = "register" }
//! pg = { path = "netwerken/pg.xlsx", kind = "responses", instrument = "positieve-gezondheid" }
//! kwb = { path = "open-data/kwb-2023.xlsx", kind = "open-data" }
//!
//! [outputs]
//! reports = true                       # or { inputs = ["register", "pg"] }
//! profiles = { inputs = ["kwb"] }      # profiles of the networks' areas
//! tables = true
//! workbook = true                      # or { file = "tabellen.xlsx" }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::cli::Lang;
use crate::compute::effect::DEFAULT_MIN_N;

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
}

/// How the statistics are made and the reports written.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub lang: Option<Lang>,
    pub min_n: usize,
    pub from: Option<String>,
    pub to: Option<String>,
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
}

impl InputKind {
    pub fn code(self) -> &'static str {
        match self {
            InputKind::OpenData => "open-data",
            InputKind::Register => "register",
            InputKind::Responses => "responses",
            InputKind::Matches => "matches",
            InputKind::Questions => "questions",
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
}

/// The default file name of the workbook.
pub const WORKBOOK_FILE: &str = "wijkmonitor-tabellen.xlsx";

/// Why a pipeline cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineError {
    pub path: PathBuf,
    pub problems: Vec<String>,
}

impl fmt::Display for PipelineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [one] = self.problems.as_slice() {
            return write!(f, "{}: {one}", self.path.display());
        }
        write!(
            f,
            "{}: {} problems",
            self.path.display(),
            self.problems.len()
        )?;
        for problem in &self.problems {
            write!(f, "\n  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PipelineError {}

// ---------------------------------------------------------------- raw TOML

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPipeline {
    name: String,
    year: Option<i32>,
    date: Option<String>,
    #[serde(default)]
    settings: RawSettings,
    #[serde(default)]
    inputs: BTreeMap<String, RawInput>,
    #[serde(default)]
    outputs: RawOutputs,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    lang: Option<String>,
    min_n: Option<i64>,
    from: Option<String>,
    to: Option<String>,
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
    reports: Option<RawStep>,
    profiles: Option<RawStep>,
    tables: Option<bool>,
    workbook: Option<RawWorkbook>,
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
pub fn read_pipeline(path: &Path) -> Result<Pipeline, PipelineError> {
    let fail = |problem: String| PipelineError {
        path: path.to_owned(),
        problems: vec![problem],
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        fail(if e.kind() == std::io::ErrorKind::NotFound {
            "the pipeline file does not exist".to_owned()
        } else {
            format!("cannot read the pipeline file: {e}")
        })
    })?;
    parse_pipeline(&text, path)
}

/// Parses and checks the text of a pipeline file at `path`.
pub fn parse_pipeline(text: &str, path: &Path) -> Result<Pipeline, PipelineError> {
    let raw: RawPipeline = toml::from_str(text).map_err(|e| PipelineError {
        path: path.to_owned(),
        problems: vec![toml_message(&e, text)],
    })?;
    let dir = path.parent().unwrap_or(Path::new("")).to_owned();
    let mut problems = Vec::new();

    let date = raw.date.as_deref().and_then(|d| {
        let parsed = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            problems.push(format!(
                "date: expected a date as jjjj-mm-dd (2025-03-01), found {d:?}"
            ));
        }
        parsed
    });
    let lang = match raw.settings.lang.as_deref().map(str::trim) {
        None => None,
        Some("nl") => Some(Lang::Nl),
        Some("en") => Some(Lang::En),
        Some(other) => {
            problems.push(format!(
                "settings.lang: expected \"nl\" or \"en\", found {other:?}"
            ));
            None
        }
    };
    let min_n = match raw.settings.min_n {
        None => DEFAULT_MIN_N,
        Some(n) if (1..=1000).contains(&n) => n as usize,
        Some(n) => {
            problems.push(format!(
                "settings.min_n: expected a whole number from 1 to 1000, found {n}"
            ));
            DEFAULT_MIN_N
        }
    };

    let mut inputs = BTreeMap::new();
    for (name, input) in raw.inputs {
        if input.path.trim().is_empty() {
            problems.push(format!("inputs.{name}.path is empty"));
        }
        match (input.kind, &input.instrument) {
            (InputKind::Responses, None) => problems.push(format!(
                "inputs.{name}: a responses input needs an instrument (instrument = \"positieve-gezondheid\", or the path of a TOML file)"
            )),
            (InputKind::Responses, Some(_)) | (_, None) => {}
            (kind, Some(_)) => problems.push(format!(
                "inputs.{name}: instrument belongs to responses inputs only, not to kind = \"{}\"",
                kind.code()
            )),
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
        problems.push(format!(
            "inputs: {registers} inputs have kind = \"register\"; a pipeline has one register"
        ));
    }

    let mut step =
        |label: &str, raw: Option<RawStep>, kinds: &[InputKind]| -> Option<Vec<String>> {
            let listed = match raw? {
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
            for name in &list {
                match inputs.get(name) {
                    None => problems.push(format!(
                        "outputs.{label}.inputs: there is no input {name:?}; the inputs are: {}",
                        inputs.keys().cloned().collect::<Vec<_>>().join(", ")
                    )),
                    Some(input) if !kinds.contains(&input.kind) => problems.push(format!(
                        "outputs.{label}.inputs: {name:?} is a {} input, which {label} do not use",
                        input.kind.code()
                    )),
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
        ],
    );
    let profiles = step("profiles", raw.outputs.profiles, &[InputKind::OpenData]);
    let workbook = match raw.outputs.workbook {
        None | Some(RawWorkbook::Flag(false)) => None,
        Some(RawWorkbook::Flag(true)) => Some(WORKBOOK_FILE.to_owned()),
        Some(RawWorkbook::With { file }) => {
            if !file.ends_with(".xlsx") || file.contains(['/', '\\']) {
                problems.push(format!(
                    "outputs.workbook.file: expected a file name ending in .xlsx (no directory), found {file:?}"
                ));
            }
            Some(file)
        }
    };
    let uses_register = |list: &Option<Vec<String>>| {
        list.as_ref().is_some_and(|l| {
            l.iter()
                .any(|n| inputs.get(n).is_some_and(|i| i.kind == InputKind::Register))
        })
    };
    if (reports.is_some() || profiles.is_some()) && !uses_register(&reports) && registers == 0 {
        problems.push(
            "the reports and profiles are made per network: add the network register to [inputs] (kind = \"register\")"
                .to_owned(),
        );
    }
    let outputs = Outputs {
        reports,
        profiles,
        tables: raw.outputs.tables.unwrap_or(true),
        workbook,
    };
    if outputs.reports.is_none()
        && outputs.profiles.is_none()
        && !outputs.tables
        && outputs.workbook.is_none()
    {
        problems.push("outputs: every output is switched off; there is nothing to do".to_owned());
    }
    if !problems.is_empty() {
        return Err(PipelineError {
            path: path.to_owned(),
            problems,
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
            from: raw.settings.from,
            to: raw.settings.to,
        },
        inputs,
        outputs,
    })
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

/// A TOML error as one line with the line number.
fn toml_message(error: &toml::de::Error, text: &str) -> String {
    let message = error.message().trim().replace('\n', " ");
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
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
        let all = e.problems.join("\n");
        assert_eq!(e.problems.len(), 5, "{all}");
        assert!(all.contains("settings.min_n"), "{all}");
        assert!(all.contains("settings.lang"), "{all}");
        assert!(all.contains("there is no input \"kbw\""), "{all}");
        assert!(all.contains("\"pg\" is a responses input"), "{all}");
        assert!(
            all.contains("inputs.pg: a responses input needs an instrument"),
            "{all}"
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
