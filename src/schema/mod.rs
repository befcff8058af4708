//! The output tables declared once: each table's columns, their types and what they mean
//! ([`TableSchema`], declared in [`tables`]), and [`Table`], a table of typed columns made
//! from result rows against its schema.
//!
//! Every writer takes a [`Table`]: the CSV and Parquet writers (`render::export`) and the
//! workbook (`render::workbook`). A column's type comes from the schema, never from the
//! values, so a column without any value keeps its type and a table's schema is the same in
//! every run. `docs/tables.md` is generated from the declarations ([`markdown`]) and a test
//! keeps it so.

pub mod compare;
pub mod tables;

use std::fmt::Write as _;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

pub use tables::*;

/// The type of a column, as written to Parquet (CSV and the workbook follow it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtype {
    /// UTF-8 text.
    Text,
    /// A whole number (64-bit).
    Int,
    /// A floating-point number (64-bit).
    Float,
    /// `true` / `false`.
    Bool,
    /// A calendar date (`2024-03-01` in CSV).
    Date,
}

impl Dtype {
    /// The name used in the documentation.
    pub fn name(self) -> &'static str {
        match self {
            Dtype::Text => "text",
            Dtype::Int => "integer",
            Dtype::Float => "float",
            Dtype::Bool => "boolean",
            Dtype::Date => "date",
        }
    }
}

/// One column of an output table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub dtype: Dtype,
    /// What the column holds (English, one sentence or less).
    pub doc: &'static str,
}

/// Shorthand for the declarations in [`tables`].
pub(crate) const fn col(name: &'static str, dtype: Dtype, doc: &'static str) -> Column {
    Column { name, dtype, doc }
}

/// An output table: its file name, what a row is, and its columns in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSchema {
    /// The file name without extension (`before_after`), also the workbook's sheet name.
    pub name: &'static str,
    /// What a row is, in Dutch: the workbook's explanation sheet.
    pub title: &'static str,
    /// What a row is, in English: the documentation.
    pub about: &'static str,
    pub columns: &'static [Column],
}

impl TableSchema {
    /// The column names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.name).collect()
    }
}

/// The values of one column; `None` is an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    Text(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
    Date(Vec<Option<NaiveDate>>),
}

impl Values {
    /// An empty column of a type.
    fn empty(dtype: Dtype, capacity: usize) -> Values {
        match dtype {
            Dtype::Text => Values::Text(Vec::with_capacity(capacity)),
            Dtype::Int => Values::Int(Vec::with_capacity(capacity)),
            Dtype::Float => Values::Float(Vec::with_capacity(capacity)),
            Dtype::Bool => Values::Bool(Vec::with_capacity(capacity)),
            Dtype::Date => Values::Date(Vec::with_capacity(capacity)),
        }
    }

    /// The type of the values.
    pub fn dtype(&self) -> Dtype {
        match self {
            Values::Text(_) => Dtype::Text,
            Values::Int(_) => Dtype::Int,
            Values::Float(_) => Dtype::Float,
            Values::Bool(_) => Dtype::Bool,
            Values::Date(_) => Dtype::Date,
        }
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        match self {
            Values::Text(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Date(v) => v.len(),
        }
    }

    /// Whether the column has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends one JSON value of a serialised row; `Err` with what was found when it does
    /// not fit the type.
    fn push_json(&mut self, value: &serde_json::Value) -> Result<(), String> {
        use serde_json::Value as J;
        let found = || format!("{value}");
        match (self, value) {
            (Values::Text(v), J::Null) => v.push(None),
            (Values::Int(v), J::Null) => v.push(None),
            (Values::Float(v), J::Null) => v.push(None),
            (Values::Bool(v), J::Null) => v.push(None),
            (Values::Date(v), J::Null) => v.push(None),
            (Values::Text(v), J::String(s)) => v.push(Some(s.clone())),
            (Values::Int(v), J::Number(n)) => v.push(Some(n.as_i64().ok_or_else(found)?)),
            (Values::Float(v), J::Number(n)) => v.push(Some(n.as_f64().ok_or_else(found)?)),
            (Values::Bool(v), J::Bool(b)) => v.push(Some(*b)),
            (Values::Date(v), J::String(s)) => v.push(Some(
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| found())?,
            )),
            _ => return Err(found()),
        }
        Ok(())
    }
}

/// A table of typed columns, in the order and with the types of its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub schema: &'static TableSchema,
    columns: Vec<Values>,
    height: usize,
}

impl Table {
    /// A table from its columns, which must be those of the schema (same number, same
    /// types, in order) and of equal length.
    pub fn new(schema: &'static TableSchema, columns: Vec<Values>) -> Result<Table> {
        if columns.len() != schema.columns.len() {
            bail!(
                "table {}: {} columns given, the schema has {}",
                schema.name,
                columns.len(),
                schema.columns.len()
            );
        }
        let height = columns.first().map(Values::len).unwrap_or(0);
        for (values, column) in columns.iter().zip(schema.columns) {
            if values.dtype() != column.dtype {
                bail!(
                    "table {}, column {}: expected {}, found {}",
                    schema.name,
                    column.name,
                    column.dtype.name(),
                    values.dtype().name()
                );
            }
            if values.len() != height {
                bail!(
                    "table {}, column {}: {} values, expected {height}",
                    schema.name,
                    column.name,
                    values.len()
                );
            }
        }
        Ok(Table {
            schema,
            columns,
            height,
        })
    }

    /// A table from result rows (any `Serialize` struct with scalar fields whose names are
    /// exactly the schema's columns). A field the schema does not declare, a column no field
    /// fills, or a value of another type is an error naming the table, row and column: the
    /// schema and the row types cannot drift apart unnoticed.
    pub fn from_rows<T: Serialize>(schema: &'static TableSchema, rows: &[T]) -> Result<Table> {
        let mut columns: Vec<Values> = schema
            .columns
            .iter()
            .map(|c| Values::empty(c.dtype, rows.len()))
            .collect();
        for (r, row) in rows.iter().enumerate() {
            let value = serde_json::to_value(row)
                .with_context(|| format!("table {}, row {}", schema.name, r + 1))?;
            let serde_json::Value::Object(record) = value else {
                bail!("table {}, row {}: not a record", schema.name, r + 1);
            };
            if let Some(extra) = record
                .keys()
                .find(|k| !schema.columns.iter().any(|c| c.name == k.as_str()))
            {
                bail!(
                    "table {}: field {extra} is not a column of the schema",
                    schema.name
                );
            }
            for (values, column) in columns.iter_mut().zip(schema.columns) {
                let Some(value) = record.get(column.name) else {
                    bail!(
                        "table {}, column {}: no field of the row fills it",
                        schema.name,
                        column.name
                    );
                };
                values.push_json(value).map_err(|found| {
                    anyhow::anyhow!(
                        "table {}, row {}, column {}: expected {}, found {found}",
                        schema.name,
                        r + 1,
                        column.name,
                        column.dtype.name()
                    )
                })?;
            }
        }
        Table::new(schema, columns)
    }

    /// The number of rows.
    pub fn height(&self) -> usize {
        self.height
    }

    /// The columns with their declarations, in order.
    pub fn columns(&self) -> impl Iterator<Item = (&'static Column, &Values)> {
        self.schema.columns.iter().zip(&self.columns)
    }
}

/// `docs/tables.md`: every output table with its columns, types and meaning.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Output tables\n\n\
         <!-- Generated from src/schema/tables.rs by \
         `UPDATE_EXPECT=1 cargo test --test tests tables_doc`; do not edit. -->\n\n\
         Every table is written as `NAME.csv` (comma, UTF-8, header row, empty cell for no \
         value, numbers in the shortest form that reads back exactly) and `NAME.parquet` \
         (zstd; the column types below, so a column without any value keeps its type), and \
         as a sheet of the workbook. Figures resting on fewer than `min_n` respondents, \
         cases or questions are empty (disclosure control); `suppressed` says so where a \
         table has it.\n",
    );
    for table in ALL_TABLES {
        let _ = write!(
            out,
            "\n## `{}`\n\n{}\n\n| column | type | meaning |\n| --- | --- | --- |\n",
            table.name, table.about
        );
        for c in table.columns {
            let _ = writeln!(out, "| `{}` | {} | {} |", c.name, c.dtype.name(), c.doc);
        }
    }
    out
}
