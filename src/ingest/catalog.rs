//! What the columns of each open-data source mean: the CBS KWB variables, the
//! RIVM indicator name stems and the Vektis cost columns of every year, with
//! labels and units.
//!
//! The knowledge is data (`src/ingest/data/*.csv`, embedded at build time),
//! so a new release with a new column is a new line, not new code.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The unit of an indicator, as the publisher documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    Percent,
    #[serde(rename = "per_1000_inhabitants")]
    Per1000Inhabitants,
    #[serde(rename = "eur_1000")]
    Eur1000,
    Eur,
    Km,
    PerKm2,
    Ha,
    Average,
    /// A class published as a number (CBS's degree of urbanity 1–5, the postcode coverage
    /// class 1–6): a figure, not an identifier, but not an amount either.
    Class,
    Code,
    Text,
}

impl Unit {
    /// The unit's id as written in tables (`percent`, `eur_1000`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::Per1000Inhabitants => "per_1000_inhabitants",
            Unit::Eur1000 => "eur_1000",
            Unit::Eur => "eur",
            Unit::Km => "km",
            Unit::PerKm2 => "per_km2",
            Unit::Ha => "ha",
            Unit::Average => "average",
            Unit::Class => "class",
            Unit::Code => "code",
            Unit::Text => "text",
        }
    }

    /// True for identification columns that carry no measurement.
    pub fn is_identifier(self) -> bool {
        matches!(self, Unit::Code | Unit::Text)
    }
}

/// One CBS KWB variable.
#[derive(Debug, Clone, Deserialize)]
pub struct KwbVariable {
    pub code: String,
    pub label_nl: String,
    pub label_en: String,
    pub unit: Unit,
    pub theme: String,
    #[serde(default)]
    pub years: String,
}

/// One RIVM indicator, identified by the stem of its column name.
#[derive(Debug, Clone, Deserialize)]
pub struct RivmIndicator {
    pub stem: String,
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
    pub unit: Unit,
    pub polarity: String,
}

/// One Vektis column header (lowercase) and the stable category it maps to.
#[derive(Debug, Clone, Deserialize)]
pub struct VektisColumn {
    pub column: String,
    pub category: String,
    pub group: String,
    pub label_nl: String,
    pub label_en: String,
    #[serde(default)]
    pub years: String,
}

/// The three catalogues, indexed for lookup.
pub struct Catalog {
    pub kwb: Vec<KwbVariable>,
    pub rivm: Vec<RivmIndicator>,
    pub vektis: Vec<VektisColumn>,
    kwb_by_code: HashMap<String, usize>,
    rivm_by_stem: HashMap<String, usize>,
    vektis_by_column: HashMap<String, usize>,
}

fn parse_embedded<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Vec<T> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| {
            // The catalogues are compiled into the binary and covered by tests;
            // a malformed line is a build defect, not an input problem.
            row.unwrap_or_else(|e| panic!("embedded catalogue {name}, line {}: {e}", i + 2))
        })
        .collect()
}

impl Catalog {
    /// The catalogue compiled into the program.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let kwb: Vec<KwbVariable> =
                parse_embedded("kwb_variables.csv", include_str!("data/kwb_variables.csv"));
            let rivm: Vec<RivmIndicator> = parse_embedded(
                "rivm_indicators.csv",
                include_str!("data/rivm_indicators.csv"),
            );
            let vektis: Vec<VektisColumn> = parse_embedded(
                "vektis_columns.csv",
                include_str!("data/vektis_columns.csv"),
            );
            let kwb_by_code = kwb
                .iter()
                .enumerate()
                .map(|(i, v)| (v.code.to_ascii_lowercase(), i))
                .collect();
            let rivm_by_stem = rivm
                .iter()
                .enumerate()
                .map(|(i, v)| (v.stem.to_ascii_lowercase(), i))
                .collect();
            let vektis_by_column = vektis
                .iter()
                .enumerate()
                .map(|(i, v)| (v.column.to_ascii_lowercase(), i))
                .collect();
            Catalog {
                kwb,
                rivm,
                vektis,
                kwb_by_code,
                rivm_by_stem,
                vektis_by_column,
            }
        })
    }

    /// The KWB variable with this column code (trimmed, any case).
    pub fn kwb_variable(&self, code: &str) -> Option<&KwbVariable> {
        self.kwb_by_code
            .get(&code.trim().to_ascii_lowercase())
            .map(|&i| &self.kwb[i])
    }

    /// The RIVM indicator of a column name such as `Eenzaam_28`: the numeric
    /// suffix differs per table and year, so only the stem is matched.
    pub fn rivm_indicator(&self, column: &str) -> Option<&RivmIndicator> {
        self.rivm_by_stem
            .get(&rivm_stem(column).to_ascii_lowercase())
            .map(|&i| &self.rivm[i])
    }

    /// The Vektis column of this header (any case, trimmed).
    pub fn vektis_column(&self, header: &str) -> Option<&VektisColumn> {
        self.vektis_by_column
            .get(&header.trim().to_ascii_lowercase())
            .map(|&i| &self.vektis[i])
    }

    /// Labels of an indicator id in Dutch and English, whatever its source.
    pub fn label(&self, id: &str) -> Option<(&str, &str)> {
        if let Some(v) = self.kwb_variable(id) {
            return Some((&v.label_nl, &v.label_en));
        }
        if let Some(r) = self.rivm.iter().find(|r| r.id == id) {
            return Some((&r.label_nl, &r.label_en));
        }
        let category = id.strip_prefix("cost_")?;
        self.vektis
            .iter()
            .find(|v| v.category == category)
            .map(|v| (v.label_nl.as_str(), v.label_en.as_str()))
    }
}

/// The stem of a StatLine column name: `Eenzaam_28` → `Eenzaam`.
pub fn rivm_stem(column: &str) -> &str {
    let column = column.trim();
    match column.rsplit_once('_') {
        Some((stem, suffix))
            if !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_digit()) =>
        {
            stem
        }
        _ => column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogues_parse() {
        let catalog = Catalog::builtin();
        assert!(catalog.kwb_variable("a_inw ").is_some());
        assert!(catalog.rivm_indicator("Eenzaam_27").is_some());
        assert!(catalog.rivm_indicator("Eenzaam_28").is_some());
        assert!(catalog.vektis_column("KOSTEN_FARMACIE").is_some());
    }

    #[test]
    fn stems() {
        assert_eq!(rivm_stem("MoeiteMetRondkomen_38"), "MoeiteMetRondkomen");
        assert_eq!(rivm_stem("Gemeentenaam_1"), "Gemeentenaam");
        assert_eq!(rivm_stem("ID"), "ID");
    }
}
