//! The output tables against their one declaration (`wijkmonitor::schema`): the headers of
//! CSV, Parquet and workbook, the Parquet types of columns without values, and the
//! documentation generated from the declarations.

use std::path::Path;

use polars::prelude::{DataType, ParquetReader, SerReader};
use serde::Serialize;
use wijkmonitor::render::export::{write_rows, write_table};
use wijkmonitor::schema::{self, ALL_TABLES, Dtype, Table, TableSchema};

use crate::workdir::{Workdir, repo};

/// The polars type a schema type is written as.
fn parquet_type(dtype: Dtype) -> DataType {
    match dtype {
        Dtype::Text => DataType::String,
        Dtype::Int => DataType::Int64,
        Dtype::Float => DataType::Float64,
        Dtype::Bool => DataType::Boolean,
        Dtype::Date => DataType::Date,
    }
}

/// Checks that `dir/<name>.csv` and `.parquet` have exactly the columns of `schema`, with its
/// types in Parquet; returns the number of rows.
#[track_caller]
pub fn check_written(dir: &Path, name: &str, schema: &TableSchema) -> usize {
    let csv = std::fs::read_to_string(dir.join(format!("{name}.csv"))).unwrap();
    let header = csv.lines().next().unwrap_or_default();
    assert_eq!(header, schema.names().join(","), "{name}.csv");
    let file = std::fs::File::open(dir.join(format!("{name}.parquet"))).unwrap();
    let df = ParquetReader::new(file).finish().unwrap();
    let got: Vec<(String, DataType)> = df
        .columns()
        .iter()
        .map(|c| (c.name().to_string(), c.dtype().clone()))
        .collect();
    let want: Vec<(String, DataType)> = schema
        .columns
        .iter()
        .map(|c| (c.name.to_owned(), parquet_type(c.dtype)))
        .collect();
    assert_eq!(got, want, "{name}.parquet");
    df.height()
}

#[test]
fn every_table_has_a_unique_name_and_unique_columns() {
    let mut names: Vec<&str> = ALL_TABLES.iter().map(|t| t.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ALL_TABLES.len());
    for table in ALL_TABLES {
        let mut columns = table.names();
        columns.sort_unstable();
        columns.dedup();
        assert_eq!(columns.len(), table.columns.len(), "{}", table.name);
        // The workbook's sheet names: at most 31 characters.
        assert!(table.name.len() <= 31);
        assert!(table.columns.iter().all(|c| !c.doc.is_empty()));
    }
}

/// A row of the `question_quarters` table whose shares are all suppressed.
#[derive(Serialize)]
struct Quarter {
    network_id: &'static str,
    quarter: &'static str,
    questions: usize,
    non_medical: Option<usize>,
    non_medical_in_community: Option<usize>,
    pct: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    suppressed: bool,
}

#[test]
fn a_column_without_values_keeps_its_parquet_type() {
    let wd = Workdir::new();
    let rows = [Quarter {
        network_id: "america",
        quarter: "2023-Q1",
        questions: 9,
        non_medical: None,
        non_medical_in_community: None,
        pct: None,
        ci_low: None,
        ci_high: None,
        suppressed: true,
    }];
    write_rows(&schema::QUESTION_QUARTERS, &rows, wd.path()).unwrap();
    assert_eq!(
        check_written(wd.path(), "question_quarters", &schema::QUESTION_QUARTERS),
        1
    );
    // No rows at all: every table still has its columns and types (dates too).
    for table in ALL_TABLES {
        let empty: [Quarter; 0] = [];
        write_rows(table, &empty, wd.path()).unwrap();
        assert_eq!(check_written(wd.path(), table.name, table), 0);
    }
    let csv = std::fs::read_to_string(wd.path().join("question_quarters.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1);
}

#[test]
fn rows_that_do_not_fit_the_schema_are_refused_by_name() {
    #[derive(Serialize)]
    struct Wrong {
        network_id: &'static str,
        quarter: &'static str,
        questions: &'static str,
    }
    let error = Table::from_rows(
        &schema::QUESTION_QUARTERS,
        &[Wrong {
            network_id: "a",
            quarter: "2023-Q1",
            questions: "x",
        }],
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("question_quarters, row 1, column questions: expected integer, found \"x\""),
        "{error}"
    );
    #[derive(Serialize)]
    struct Short {
        network_id: &'static str,
    }
    let error = Table::from_rows(&schema::QUESTION_QUARTERS, &[Short { network_id: "a" }])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("column quarter: no field of the row fills it"),
        "{error}"
    );
    #[derive(Serialize)]
    struct Extra {
        network_id: &'static str,
        extra: u8,
    }
    let error = Table::from_rows(
        &schema::QUESTION_QUARTERS,
        &[Extra {
            network_id: "a",
            extra: 1,
        }],
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("field extra"), "{error}");
}

#[test]
fn the_tidy_table_of_inspect_has_its_schema() {
    let wd = Workdir::new();
    let file = repo().join("sample-data/open-data/kwb-2023-utrecht.xlsx");
    wd.run([
        "inspect".as_ref(),
        file.as_os_str(),
        "--out".as_ref(),
        "uit".as_ref(),
    ])
    .expect_code(0);
    let rows = check_written(&wd.path().join("uit"), "kwb-2023-utrecht", &schema::TIDY);
    assert!(rows > 1000, "{rows}");
    // The same through the library.
    let dataset = wijkmonitor::ingest::source::read_dataset(&file, &Default::default()).unwrap();
    write_table(&dataset.table.to_table().unwrap(), wd.path(), "tidy").unwrap();
    assert_eq!(check_written(wd.path(), "tidy", &schema::TIDY), rows);
}

/// `docs/tables.md` is generated from the declarations; `UPDATE_EXPECT=1` rewrites it.
#[test]
fn tables_doc_lists_exactly_the_schema() {
    let path = repo().join("docs/tables.md");
    let want = schema::markdown();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let got = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "docs/tables.md differs from src/schema/tables.rs; run UPDATE_EXPECT=1 cargo test --test tests tables_doc"
    );
}
