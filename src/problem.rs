//! Problems found in input, each naming its place: file, sheet, row, column,
//! what was expected and what was found.
//!
//! Readers collect every problem of a file instead of stopping at the first
//! (as ripgrep collects soft failures); a [`Problem`] is data, not a panic.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Where in an input a problem sits. Rows are counted as a spreadsheet user
/// counts them: the header is row 1, the first data row is row 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Location {
    pub file: PathBuf,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl Location {
    pub fn file(path: &Path) -> Self {
        Location {
            file: path.to_path_buf(),
            ..Default::default()
        }
    }

    pub fn sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    pub fn row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet \"{sheet}\"")?;
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column \"{column}\"")?;
        }
        Ok(())
    }
}

/// How bad a problem is: an error makes the value (or the file) unusable, a
/// warning is something the user should know but that does not lose data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in an input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    #[serde(flatten)]
    pub location: Location,
    pub severity: Severity,
    /// A short sentence saying what is wrong.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
}

impl Problem {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Problem {
            location,
            severity: Severity::Error,
            message: message.into(),
            expected: None,
            found: None,
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(location, message)
        }
    }

    /// An error that states what was expected and what was found instead.
    pub fn mismatch(
        location: Location,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        let expected = expected.into();
        let found = found.into();
        Problem {
            location,
            severity: Severity::Error,
            message: format!("expected {expected}, found {found:?}"),
            expected: Some(expected),
            found: Some(found),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.location, self.message)
    }
}

/// An input that cannot be read at all (missing, truncated, of an unknown
/// type). Distinct from [`Problem`]s inside a file that could be read.
#[derive(Debug, thiserror::Error)]
#[error("{location}: {message}")]
pub struct InputError {
    pub location: Location,
    pub message: String,
}

impl InputError {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        InputError {
            location,
            message: message.into(),
        }
    }
}
