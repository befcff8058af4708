//! Specification files: what a user declares as data rather than code.
//!
//! - [`pipeline`]: a declared run (`pipelines/*.toml`) → [`pipeline::Pipeline`].
//! - [`instrument`]: a questionnaire (`pipelines/instruments/*.toml`) →
//!   [`instrument::Instrument`].
//! - [`catalogue`]: the indicators of the profiles (`pipelines/indicators.toml`) →
//!   [`catalogue::IndicatorCatalogue`].
//! - [`run`]: the settings of one run decided once (command line, pipeline,
//!   environment, defaults) → [`run::RunConfig`].
//!
//! Each file is read in two steps: `toml` into private serde *file types* that follow
//! the file (optional keys, strings for enumerations, spans for line numbers), then a
//! check into the public *checked types* that follow the model (references resolved,
//! enumerations typed). The rest of the program uses only the checked types; `compute`
//! takes them as arguments and never parses or reads a file itself.
//!
//! This layer reads its own files (besides `ingest` and `render`, the only layer that
//! touches the filesystem). Every problem of a file is reported at once, as a
//! [`SpecProblem`] naming the file, the key path (arrays of tables named by their `id`:
//! `scales.totaal.range`), the line where known, and what is wrong.

pub mod catalogue;
pub mod instrument;
pub mod pipeline;
pub mod run;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// One problem in a specification file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecProblem {
    /// The file, as given by the caller (or the shipped file's path in the repository).
    pub file: PathBuf,
    /// The key path (`settings.min_n`, `indicators.lonely.unit`); empty for the file as a
    /// whole (a syntax error, a file that cannot be read).
    pub key_path: String,
    /// The 1-based line of the key or of its table, where known.
    pub line: Option<usize>,
    /// What is wrong, as a short sentence.
    pub message: String,
}

impl SpecProblem {
    /// A problem of `file` at `key_path`.
    pub fn new(
        file: &Path,
        key_path: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        SpecProblem {
            file: file.to_owned(),
            key_path: key_path.into(),
            line,
            message: message.into(),
        }
    }

    /// A problem of the file as a whole.
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        SpecProblem::new(file, "", None, message)
    }

    /// A TOML syntax or type error, with the line of its span.
    pub(crate) fn toml(file: &Path, text: &str, error: &toml::de::Error) -> Self {
        SpecProblem::new(
            file,
            "",
            error.span().map(|span| line_of(text, span.start)),
            error.message().trim().replace('\n', " "),
        )
    }
}

impl fmt::Display for SpecProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if !self.key_path.is_empty() {
            write!(f, "key `{}`: ", self.key_path)?;
        }
        f.write_str(&self.message)
    }
}

/// Which kind of specification file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecKind {
    Pipeline,
    Instrument,
    Catalogue,
}

impl SpecKind {
    /// The kind in words, for messages.
    pub fn label(self) -> &'static str {
        match self {
            SpecKind::Pipeline => "pipeline",
            SpecKind::Instrument => "instrument",
            SpecKind::Catalogue => "indicator catalogue",
        }
    }
}

/// A specification file that cannot be used, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SpecError {
    pub kind: SpecKind,
    /// The file.
    pub file: PathBuf,
    /// Never empty.
    pub problems: Vec<SpecProblem>,
}

impl SpecError {
    /// An error with one problem.
    pub fn one(kind: SpecKind, problem: SpecProblem) -> Self {
        SpecError {
            kind,
            file: problem.file.clone(),
            problems: vec![problem],
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [one] = self.problems.as_slice() {
            return write!(f, "{one}");
        }
        write!(
            f,
            "{}: not a valid {} ({} problems):",
            self.file.display(),
            self.kind.label(),
            self.problems.len()
        )?;
        for problem in &self.problems {
            write!(f, "\n  {problem}")?;
        }
        Ok(())
    }
}

/// Reads a specification file as text; a missing or unreadable file is a [`SpecError`].
pub(crate) fn read_text(kind: SpecKind, path: &Path) -> Result<String, SpecError> {
    std::fs::read_to_string(path).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            format!("the {} file does not exist", kind.label())
        } else {
            format!("cannot read the {} file: {e}", kind.label())
        };
        SpecError::one(kind, SpecProblem::file(path, message))
    })
}

/// The 1-based line of a byte offset (toml spans are byte offsets).
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let head = &text.as_bytes()[..offset.min(text.len())];
    head.iter().filter(|&&b| b == b'\n').count() + 1
}

/// Which direction of a figure is favourable: of an indicator of the profile, or of a
/// scale of an instrument (where it is never [`Polarity::Neutral`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// A higher value is better (good self-rated health, wellbeing, collaboration).
    HigherIsBetter,
    /// A lower value is better (loneliness, smoking).
    LowerIsBetter,
    /// Neither (age structure, use of care, costs).
    Neutral,
}

impl Polarity {
    /// All polarities.
    pub const ALL: [Polarity; 3] = [
        Polarity::HigherIsBetter,
        Polarity::LowerIsBetter,
        Polarity::Neutral,
    ];

    /// The id as written in the files.
    pub fn id(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "higher_is_better",
            Polarity::LowerIsBetter => "lower_is_better",
            Polarity::Neutral => "neutral",
        }
    }

    /// The polarity with this id.
    pub fn from_id(id: &str) -> Option<Polarity> {
        Polarity::ALL.into_iter().find(|p| p.id() == id.trim())
    }

    /// A change turned so that positive means better; `None` for [`Polarity::Neutral`],
    /// which has no better direction.
    pub fn orient(self, diff: f64) -> Option<f64> {
        match self {
            Polarity::HigherIsBetter => Some(diff),
            Polarity::LowerIsBetter => Some(-diff),
            Polarity::Neutral => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_problem_is_one_line_and_more_are_listed() {
        let p = |line, key: &str| SpecProblem::new(Path::new("a.toml"), key, line, "wrong");
        let one = SpecError::one(SpecKind::Pipeline, p(Some(3), "settings.from"));
        assert_eq!(
            one.to_string(),
            "a.toml: line 3: key `settings.from`: wrong"
        );
        let two = SpecError {
            kind: SpecKind::Catalogue,
            file: "a.toml".into(),
            problems: vec![p(None, ""), p(Some(2), "x")],
        };
        assert_eq!(
            two.to_string(),
            "a.toml: not a valid indicator catalogue (2 problems):\n  a.toml: wrong\n  \
             a.toml: line 2: key `x`: wrong"
        );
    }

    #[test]
    fn lines_of_byte_offsets() {
        let text = "a = 1\nb = \"é\"\nc = 3\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, text.find('c').unwrap()), 3);
        assert_eq!(line_of(text, 10_000), 4);
    }
}
