//! The tidy long table every open-data source lands in: one row per area ×
//! period × (age group | sex × age class) × indicator.
//!
//! Built column by column while reading (cheap appends), turned into a polars
//! `DataFrame` for the compute stage and for Parquet/CSV export.

use polars::prelude::*;

/// Why a value is absent, or that it is provisional; empty when the value is
/// final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Final,
    Provisional,
    /// `.` in CBS/RIVM files: unknown, unreliable or secret.
    Suppressed,
    /// An empty cell: cannot occur (CBS) or not recorded.
    Blank,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Final => "",
            Status::Provisional => "provisional",
            Status::Suppressed => "suppressed",
            Status::Blank => "blank",
        }
    }
}

/// One observation, as pushed by a reader.
#[derive(Debug, Clone, Default)]
pub struct Observation<'a> {
    pub area_code: &'a str,
    pub area_name: &'a str,
    pub level: &'a str,
    pub gemeente_code: Option<&'a str>,
    pub period: Option<i32>,
    pub age_group: Option<&'a str>,
    pub sex: Option<&'a str>,
    pub age_class: Option<&'a str>,
    pub indicator: &'a str,
    pub value: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub unit: &'a str,
    pub status: &'a str,
}

/// The tidy table of one source file, stored by column.
#[derive(Debug, Clone, Default)]
pub struct TidyTable {
    pub source: String,
    pub source_file: String,
    area_code: Vec<String>,
    area_name: Vec<String>,
    level: Vec<String>,
    gemeente_code: Vec<Option<String>>,
    period: Vec<Option<i32>>,
    age_group: Vec<Option<String>>,
    sex: Vec<Option<String>>,
    age_class: Vec<Option<String>>,
    indicator: Vec<String>,
    value: Vec<Option<f64>>,
    lower: Vec<Option<f64>>,
    upper: Vec<Option<f64>>,
    unit: Vec<String>,
    status: Vec<String>,
}

/// The column names of the tidy table, in order (a stable schema).
pub const TIDY_COLUMNS: [&str; 16] = [
    "source",
    "source_file",
    "area_code",
    "area_name",
    "level",
    "gemeente_code",
    "period",
    "age_group",
    "sex",
    "age_class",
    "indicator",
    "value",
    "lower",
    "upper",
    "unit",
    "status",
];

impl TidyTable {
    pub fn new(source: &str, source_file: &str) -> Self {
        TidyTable {
            source: source.to_owned(),
            source_file: source_file.to_owned(),
            ..Default::default()
        }
    }

    pub fn len(&self) -> usize {
        self.indicator.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indicator.is_empty()
    }

    pub fn push(&mut self, o: Observation<'_>) {
        self.area_code.push(o.area_code.to_owned());
        self.area_name.push(o.area_name.to_owned());
        self.level.push(o.level.to_owned());
        self.gemeente_code.push(o.gemeente_code.map(str::to_owned));
        self.period.push(o.period);
        self.age_group.push(o.age_group.map(str::to_owned));
        self.sex.push(o.sex.map(str::to_owned));
        self.age_class.push(o.age_class.map(str::to_owned));
        self.indicator.push(o.indicator.to_owned());
        self.value.push(o.value);
        self.lower.push(o.lower);
        self.upper.push(o.upper);
        self.unit.push(o.unit.to_owned());
        self.status.push(o.status.to_owned());
    }

    /// The table as a polars `DataFrame` with the columns of [`TIDY_COLUMNS`].
    pub fn to_dataframe(&self) -> PolarsResult<DataFrame> {
        let n = self.len();
        let source = vec![self.source.as_str(); n];
        let file = vec![self.source_file.as_str(); n];
        DataFrame::new(
            n,
            vec![
                Column::new("source".into(), source),
                Column::new("source_file".into(), file),
                Column::new("area_code".into(), &self.area_code),
                Column::new("area_name".into(), &self.area_name),
                Column::new("level".into(), &self.level),
                Column::new("gemeente_code".into(), &self.gemeente_code),
                Column::new("period".into(), &self.period),
                Column::new("age_group".into(), &self.age_group),
                Column::new("sex".into(), &self.sex),
                Column::new("age_class".into(), &self.age_class),
                Column::new("indicator".into(), &self.indicator),
                Column::new("value".into(), &self.value),
                Column::new("lower".into(), &self.lower),
                Column::new("upper".into(), &self.upper),
                Column::new("unit".into(), &self.unit),
                Column::new("status".into(), &self.status),
            ],
        )
    }
}
