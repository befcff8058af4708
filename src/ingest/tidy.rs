//! The tidy long table every open-data source lands in: one row per area ×
//! period × (age group | sex × age class) × indicator.
//!
//! Built column by column while reading (cheap appends), turned into a
//! [`Table`] of the `tidy` schema for Parquet/CSV export.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use crate::schema::{self, Table, Values};

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

/// The tidy table of one source file. Repeated texts (area codes and names,
/// indicator ids, units, statuses) are stored once and referenced by index,
/// so a national file of 600 000 observations stays small in memory; the
/// full text columns exist only in the `Table` made for export.
#[derive(Debug, Clone, Default)]
pub struct TidyTable {
    pub source: String,
    pub source_file: String,
    areas: Vec<Area>,
    area_index: HashMap<String, u32, FxBuildHasher>,
    texts: Vec<String>,
    text_index: HashMap<String, u32, FxBuildHasher>,
    rows: Vec<Row>,
}

/// An area as the table knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub level: String,
    pub gemeente_code: Option<String>,
}

/// Index into `texts`, or none.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Row {
    area: u32,
    period: Option<i32>,
    age_group: u32,
    sex: u32,
    age_class: u32,
    indicator: u32,
    unit: u32,
    status: u32,
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
}

/// One observation as read back from a [`TidyTable`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObservationRef<'t> {
    pub area: &'t Area,
    pub period: Option<i32>,
    pub age_group: Option<&'t str>,
    pub sex: Option<&'t str>,
    pub age_class: Option<&'t str>,
    pub indicator: &'t str,
    pub unit: &'t str,
    pub status: &'t str,
    pub value: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

impl TidyTable {
    pub fn new(source: &str, source_file: &str) -> Self {
        TidyTable {
            source: source.to_owned(),
            source_file: source_file.to_owned(),
            ..Default::default()
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn text(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.text_index.get(text) {
            return i;
        }
        let i = self.texts.len() as u32;
        self.texts.push(text.to_owned());
        self.text_index.insert(text.to_owned(), i);
        i
    }

    fn opt_text(&mut self, text: Option<&str>) -> u32 {
        text.map_or(NONE, |t| self.text(t))
    }

    fn area(&mut self, o: &Observation<'_>) -> u32 {
        // Readers push all observations of one area in a row: check the
        // last area before hashing.
        if let Some(last) = self.areas.last()
            && last.code == o.area_code
            && last.level == o.level
            && last.name == o.area_name
        {
            return self.areas.len() as u32 - 1;
        }
        let key = format!("{}\u{1f}{}\u{1f}{}", o.level, o.area_code, o.area_name);
        if let Some(&i) = self.area_index.get(&key) {
            return i;
        }
        let i = self.areas.len() as u32;
        self.areas.push(Area {
            code: o.area_code.to_owned(),
            name: o.area_name.to_owned(),
            level: o.level.to_owned(),
            gemeente_code: o.gemeente_code.map(str::to_owned),
        });
        self.area_index.insert(key, i);
        i
    }

    pub fn push(&mut self, o: Observation<'_>) {
        let row = Row {
            area: self.area(&o),
            period: o.period,
            age_group: self.opt_text(o.age_group),
            sex: self.opt_text(o.sex),
            age_class: self.opt_text(o.age_class),
            indicator: self.text(o.indicator),
            unit: self.text(o.unit),
            status: self.text(o.status),
            value: o.value,
            lower: o.lower,
            upper: o.upper,
        };
        self.rows.push(row);
    }

    fn lookup(&self, i: u32) -> Option<&str> {
        (i != NONE).then(|| self.texts[i as usize].as_str())
    }

    /// The observations in the order they were read.
    pub fn iter(&self) -> impl Iterator<Item = ObservationRef<'_>> {
        self.rows.iter().map(|r| ObservationRef {
            area: &self.areas[r.area as usize],
            period: r.period,
            age_group: self.lookup(r.age_group),
            sex: self.lookup(r.sex),
            age_class: self.lookup(r.age_class),
            indicator: self.lookup(r.indicator).unwrap_or_default(),
            unit: self.lookup(r.unit).unwrap_or_default(),
            status: self.lookup(r.status).unwrap_or_default(),
            value: r.value,
            lower: r.lower,
            upper: r.upper,
        })
    }

    /// The areas of the table, in the order first seen.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// The table with the columns of [`schema::TIDY`], for export.
    pub fn to_table(&self) -> anyhow::Result<Table> {
        let n = self.len();
        let text = |f: &dyn Fn(&ObservationRef) -> Option<String>| -> Values {
            Values::Text(self.iter().map(|o| f(&o)).collect())
        };
        let float = |f: &dyn Fn(&ObservationRef) -> Option<f64>| -> Values {
            Values::Float(self.iter().map(|o| f(&o)).collect())
        };
        let some = |s: &str| Some(s.to_owned());
        let optional = |s: Option<&str>| s.map(str::to_owned);
        Table::new(
            &schema::TIDY,
            vec![
                Values::Text(vec![Some(self.source.clone()); n]),
                Values::Text(vec![Some(self.source_file.clone()); n]),
                text(&|o| some(&o.area.code)),
                text(&|o| some(&o.area.name)),
                text(&|o| some(&o.area.level)),
                text(&|o| o.area.gemeente_code.clone()),
                Values::Int(self.iter().map(|o| o.period.map(i64::from)).collect()),
                text(&|o| optional(o.age_group)),
                text(&|o| optional(o.sex)),
                text(&|o| optional(o.age_class)),
                text(&|o| some(o.indicator)),
                float(&|o| o.value),
                float(&|o| o.lower),
                float(&|o| o.upper),
                text(&|o| some(o.unit)),
                text(&|o| some(o.status)),
            ],
        )
    }
}
