//! The serde types of an instrument file: the file as written, before any checks
//! (optional keys, strings for enumerations, spans for line numbers). Only
//! [`super::check`] reads them; the rest of the program sees the checked
//! [`Instrument`](super::Instrument).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InstrumentFile {
    pub(super) id: String,
    pub(super) name_nl: String,
    pub(super) name_en: Option<String>,
    pub(super) description_nl: String,
    pub(super) description_en: Option<String>,
    pub(super) source: String,
    pub(super) note_nl: Option<String>,
    pub(super) note_en: Option<String>,
    pub(super) respondents: Spanned<String>,
    #[serde(default)]
    pub(super) waves: Vec<Spanned<WaveFile>>,
    #[serde(default)]
    pub(super) groups: Vec<Spanned<GroupFile>>,
    pub(super) response_scales: Vec<Spanned<ResponseScaleFile>>,
    pub(super) items: Vec<Spanned<ItemFile>>,
    pub(super) scales: Vec<Spanned<ScaleFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WaveFile {
    pub(super) id: String,
    pub(super) label_nl: Option<String>,
    pub(super) label_en: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupFile {
    pub(super) id: String,
    pub(super) label_nl: Option<String>,
    #[serde(default)]
    pub(super) values: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ResponseScaleFile {
    pub(super) id: String,
    pub(super) min: Option<f64>,
    pub(super) max: Option<f64>,
    pub(super) step: Option<f64>,
    #[serde(default)]
    pub(super) anchors: Vec<AnchorFile>,
    pub(super) categories: Option<Vec<CategoryFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AnchorFile {
    pub(super) value: f64,
    pub(super) label_nl: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CategoryFile {
    pub(super) label: String,
    pub(super) value: Option<f64>,
    #[serde(default)]
    pub(super) missing: bool,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ItemFile {
    pub(super) id: String,
    pub(super) label_nl: Option<String>,
    pub(super) text_nl: String,
    pub(super) text_en: Option<String>,
    pub(super) scale: String,
    #[serde(default)]
    pub(super) reverse: bool,
    pub(super) values: Option<BTreeMap<String, f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScaleFile {
    pub(super) id: String,
    pub(super) label_nl: String,
    pub(super) label_en: Option<String>,
    pub(super) items: Vec<String>,
    pub(super) rule: String,
    pub(super) min_answered: i64,
    pub(super) range: [f64; 2],
    pub(super) polarity: String,
    #[serde(default)]
    pub(super) mic: f64,
    #[serde(default)]
    pub(super) cutoffs: Vec<CutoffFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CutoffFile {
    pub(super) id: String,
    pub(super) label_nl: String,
    pub(super) label_en: Option<String>,
    pub(super) op: String,
    pub(super) value: f64,
}
