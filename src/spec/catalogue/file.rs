//! The serde types of a catalogue file: the catalogue as written, before any checks. Only
//! [`super::check`] reads them.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CatalogueFile {
    #[serde(default)]
    pub(super) indicators: Vec<Spanned<IndicatorFile>>,
    /// The indicators of the profile's small maps (`maps = ["lonely", …]`).
    #[serde(default)]
    pub(super) maps: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IndicatorFile {
    pub(super) id: String,
    pub(super) label_nl: Option<String>,
    pub(super) label_en: Option<String>,
    pub(super) source: Option<String>,
    pub(super) derive: Option<String>,
    pub(super) column: Option<String>,
    pub(super) stem: Option<String>,
    pub(super) numerator: Option<OneOrMany>,
    pub(super) denominator: Option<String>,
    pub(super) per: Option<f64>,
    pub(super) cost_group: Option<String>,
    pub(super) standardisation: Option<String>,
    pub(super) unit: Option<String>,
    pub(super) polarity: Option<String>,
    pub(super) theme: Option<String>,
    pub(super) age_group: Option<String>,
    pub(super) note_nl: Option<String>,
    pub(super) note_en: Option<String>,
    #[serde(default)]
    pub(super) key: bool,
    #[serde(default)]
    pub(super) appendix: bool,
    pub(super) min: Option<f64>,
    pub(super) max: Option<f64>,
}

/// A string or a list of strings (`numerator = "a_65_oo"` or `["a_65_oo"]`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub(super) fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}
