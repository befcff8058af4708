//! The indicator catalogue of the neighbourhood health profile: which indicators a
//! profile has and how each is made from the published columns, declared as data in
//! `pipelines/indicators.toml` (compiled in as [`BUILTIN_CATALOGUE`]).
//!
//! [`IndicatorCatalogue::parse`] reads a catalogue into the checked types here; the serde
//! types of the file (`file.rs`) are private and separate, and `check.rs` turns the one
//! into the other. Every problem of a file is reported with the file, the key
//! (`indicators.share_age_65_plus.unit`) and the line. `compute::profile` uses the checked
//! catalogue and never parses one.

mod check;
mod file;

use std::path::Path;

use serde::Serialize;

use super::{Polarity, SpecError};
use crate::compute::costs::CostCategory;
use crate::ingest::catalog::Catalog;
use crate::ingest::source::{Dataset, PlausibleRanges, RecognisedColumn, SourceKind};

/// The catalogue shipped with the program: `pipelines/indicators.toml`.
pub const BUILTIN_CATALOGUE: &str = include_str!("../../../pipelines/indicators.toml");

/// Where the shipped catalogue lives in the repository, for messages.
pub const BUILTIN_CATALOGUE_PATH: &str = "pipelines/indicators.toml";

/// The RIVM age groups an indicator may be restricted to.
pub const AGE_GROUPS: [&str; 3] = ["18+", "18-64", "65+"];

/// Units an indicator may have.
pub const UNITS: [&str; 12] = [
    "percent",
    "per_1000_inhabitants",
    "km",
    "eur_per_insured_year",
    "count",
    "average",
    "eur",
    "eur_1000",
    "per_km2",
    "ha",
    "ratio",
    "class",
];

// ---------------------------------------------------------------------------------------------
// The checked catalogue.

/// The sources an indicator can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ProfileSource {
    /// CBS Kerncijfers wijken en buurten.
    #[serde(rename = "cbs-kwb")]
    CbsKwb,
    /// RIVM/GGD Gezondheid per wijk en buurt.
    #[serde(rename = "rivm-gezondheid")]
    RivmGezondheid,
    /// Vektis Open Databestand Zorgverzekeringswet, per gemeente.
    #[serde(rename = "vektis")]
    Vektis,
}

impl ProfileSource {
    /// All sources, in catalogue order.
    pub const ALL: [ProfileSource; 3] = [
        ProfileSource::CbsKwb,
        ProfileSource::RivmGezondheid,
        ProfileSource::Vektis,
    ];

    /// The id as written in the catalogue and in `profile.csv`.
    pub fn id(self) -> &'static str {
        match self {
            ProfileSource::CbsKwb => "cbs-kwb",
            ProfileSource::RivmGezondheid => "rivm-gezondheid",
            ProfileSource::Vektis => "vektis",
        }
    }

    /// The profile source of a dataset; `None` for files a profile does not use (Vektis per
    /// postcode, unknown files).
    pub fn of(kind: SourceKind) -> Option<ProfileSource> {
        match kind {
            SourceKind::CbsKwb => Some(ProfileSource::CbsKwb),
            SourceKind::RivmGezondheid => Some(ProfileSource::RivmGezondheid),
            SourceKind::VektisZvwGemeente => Some(ProfileSource::Vektis),
            SourceKind::VektisZvwPostcode3 | SourceKind::Unknown => None,
        }
    }
}

/// The themes of the profile, in the order a report shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Population: age structure.
    Bevolking,
    /// Households.
    Huishoudens,
    /// Income, work and benefits.
    InkomenWerk,
    /// Use of care and distance to care.
    Zorggebruik,
    /// Health, physical and mental.
    Gezondheid,
    /// Lifestyle.
    Leefstijl,
    /// Wellbeing and participation.
    WelzijnParticipatie,
    /// Care costs.
    Kosten,
}

impl Theme {
    /// All themes, in report order.
    pub const ALL: [Theme; 8] = [
        Theme::Bevolking,
        Theme::Huishoudens,
        Theme::InkomenWerk,
        Theme::Zorggebruik,
        Theme::Gezondheid,
        Theme::Leefstijl,
        Theme::WelzijnParticipatie,
        Theme::Kosten,
    ];

    /// The id as written in the catalogue.
    pub fn id(self) -> &'static str {
        match self {
            Theme::Bevolking => "bevolking",
            Theme::Huishoudens => "huishoudens",
            Theme::InkomenWerk => "inkomen_werk",
            Theme::Zorggebruik => "zorggebruik",
            Theme::Gezondheid => "gezondheid",
            Theme::Leefstijl => "leefstijl",
            Theme::WelzijnParticipatie => "welzijn_participatie",
            Theme::Kosten => "kosten",
        }
    }
}

/// How Vektis costs per insured-year are made comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standardisation {
    /// Directly standardised for sex × age class to the national insured population.
    DirectAgeSex,
    /// Crude: costs / insured-years.
    None,
}

impl Standardisation {
    /// The id as written in the catalogue.
    pub fn id(self) -> &'static str {
        match self {
            Standardisation::DirectAgeSex => "direct_age_sex",
            Standardisation::None => "none",
        }
    }
}

/// How an indicator's value is made from the published data.
#[derive(Debug, Clone, PartialEq)]
pub enum Derivation {
    /// The published figure: the tidy indicator id of a KWB column (`p_hh_li`) or of a RIVM
    /// stem (`lonely` for `Eenzaam`).
    Value {
        /// Tidy indicator id.
        indicator: String,
    },
    /// `Σ numerator / denominator × per`.
    Ratio {
        /// Tidy indicator ids summed for the numerator.
        numerator: Vec<String>,
        /// Tidy indicator id of the denominator.
        denominator: String,
        /// Multiplier: 100 for a percentage, 1000 per 1 000.
        per: f64,
    },
    /// Vektis costs of a category per insured-year.
    CostPerInsuredYear {
        /// The category (a group of cost columns, or the total).
        category: CostCategory,
        /// Crude or standardised.
        standardisation: Standardisation,
    },
}

/// One checked indicator of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Stable id, the `indicator` column of `profile.csv`.
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
    pub source: ProfileSource,
    pub derivation: Derivation,
    /// Unit of the value (one of [`UNITS`]).
    pub unit: String,
    /// Higher or lower is better, or neutral. An indicator the catalogue does not declare
    /// ([`Indicator::catalogued`] false) has `Neutral` here: its rows say higher or lower,
    /// never better or worse, and `profile.csv` leaves its polarity empty.
    pub polarity: Polarity,
    /// The theme of the report it belongs to; `None` for an indicator the catalogue does not
    /// declare (it has no defensible place among the curated themes).
    pub theme: Option<Theme>,
    /// Shown in the report's appendix "All published indicators" rather than in its theme
    /// (`appendix = true` in the catalogue; always for an undeclared indicator).
    pub appendix: bool,
    /// False for an indicator that an input file publishes but the catalogue does not
    /// declare ([`Indicator::published`]): it still reaches `profile.csv` and the appendix.
    pub catalogued: bool,
    /// RIVM: the only age group shown; `None` shows every age group of the inputs.
    pub age_group: Option<String>,
    pub note_nl: Option<String>,
    pub note_en: Option<String>,
    /// A key indicator: shown in the area section of network reports.
    pub key: bool,
    /// The lowest plausible value (`min`), if declared: a published value below it is a
    /// mistake in the file (a percentage of −76.6), not a finding.
    pub min: Option<f64>,
    /// The highest plausible value (`max`), if declared (a percentage of 200).
    pub max: Option<f64>,
}

impl Indicator {
    /// An indicator a file publishes that the catalogue does not declare: the published
    /// figure as it is (tidy id `indicator`, the reader's `label_nl`/`label_en` and unit), no
    /// polarity, no theme, shown in the appendix only.
    pub fn published(
        id: &str,
        indicator: &str,
        source: ProfileSource,
        labels: (&str, &str),
        unit: &str,
    ) -> Indicator {
        Indicator {
            id: id.to_owned(),
            label_nl: labels.0.to_owned(),
            label_en: labels.1.to_owned(),
            source,
            derivation: Derivation::Value {
                indicator: indicator.to_owned(),
            },
            unit: unit.to_owned(),
            polarity: Polarity::Neutral,
            theme: None,
            age_group: None,
            note_nl: None,
            note_en: None,
            key: false,
            min: None,
            max: None,
            appendix: true,
            catalogued: false,
        }
    }

    /// The polarity as `profile.csv` writes it: `None` for an undeclared indicator.
    pub fn declared_polarity(&self) -> Option<Polarity> {
        self.catalogued.then_some(self.polarity)
    }

    /// Whether a value lies within the declared plausible range (always, without one).
    pub fn plausible(&self, value: f64) -> bool {
        self.min.is_none_or(|lo| value >= lo) && self.max.is_none_or(|hi| value <= hi)
    }

    /// The plausible range in words, for messages (`from 0 to 100`, `at least 0`).
    pub fn plausible_range(&self) -> Option<String> {
        let n = crate::ingest::grid::format_number;
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => Some(format!("a value from {} to {}", n(lo), n(hi))),
            (Some(lo), None) => Some(format!("a value of at least {}", n(lo))),
            (None, Some(hi)) => Some(format!("a value of at most {}", n(hi))),
            (None, None) => None,
        }
    }

    /// The tidy indicator ids this indicator reads (empty for Vektis costs).
    pub fn inputs(&self) -> Vec<&str> {
        match &self.derivation {
            Derivation::Value { indicator } => vec![indicator.as_str()],
            Derivation::Ratio {
                numerator,
                denominator,
                ..
            } => numerator
                .iter()
                .map(String::as_str)
                .chain(std::iter::once(denominator.as_str()))
                .collect(),
            Derivation::CostPerInsuredYear { .. } => Vec::new(),
        }
    }
}

/// The checked indicator catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorCatalogue {
    /// The file it was read from (for messages).
    pub file: std::path::PathBuf,
    /// The indicators, in profile order.
    pub indicators: Vec<Indicator>,
    /// The indicators the profile shows as small maps across the
    /// municipality's areas (the file's top-level `maps` list), in order.
    pub maps: Vec<String>,
}

impl IndicatorCatalogue {
    /// The catalogue shipped with the program ([`BUILTIN_CATALOGUE`]).
    pub fn builtin() -> Result<IndicatorCatalogue, SpecError> {
        IndicatorCatalogue::parse(BUILTIN_CATALOGUE, Path::new(BUILTIN_CATALOGUE_PATH))
    }

    /// Parses and checks the text of a catalogue file; `file` names it in problems. Every
    /// problem of the file is reported, not the first only.
    pub fn parse(text: &str, file: &Path) -> Result<IndicatorCatalogue, SpecError> {
        check::parse(text, file)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The indicators `dataset` publishes that this catalogue does not declare as a figure of
    /// their own (`derive = "value"` of the same source), in the file's column order. A
    /// column the catalogue only uses inside a ratio (`a_00_14` of `share_age_0_14`) is such
    /// an indicator too: the published count is a figure of its own. Vektis files (whose
    /// columns the catalogue groups into cost categories) and files a profile does not read
    /// have none.
    pub fn undeclared<'d>(&self, dataset: &'d Dataset) -> Vec<&'d RecognisedColumn> {
        let source = match ProfileSource::of(dataset.source) {
            Some(source @ (ProfileSource::CbsKwb | ProfileSource::RivmGezondheid)) => source,
            _ => return Vec::new(),
        };
        let declared: std::collections::HashSet<&str> = self
            .indicators
            .iter()
            .filter(|i| i.source == source)
            .filter_map(|i| match &i.derivation {
                Derivation::Value { indicator } => Some(indicator.as_str()),
                _ => None,
            })
            .collect();
        dataset
            .indicators
            .iter()
            .filter(|c| !declared.contains(c.indicator.as_str()))
            .collect()
    }

    /// This catalogue with every undeclared indicator of `datasets` added after the declared
    /// ones ([`Indicator::published`], in the order the files publish them), so that
    /// nothing a file publishes is silently dropped from a profile. The id is the tidy id
    /// (`a_inw`, `hearing_impairment`), or, where a declared indicator already has that id,
    /// the tidy id with the source (`a_inw_cbs_kwb`).
    pub fn with_published(&self, datasets: &[Dataset]) -> IndicatorCatalogue {
        let mut out = self.clone();
        let catalog = Catalog::builtin();
        let mut added: std::collections::HashSet<(ProfileSource, String)> =
            std::collections::HashSet::new();
        for dataset in datasets {
            let Some(source) = ProfileSource::of(dataset.source) else {
                continue;
            };
            for column in self.undeclared(dataset) {
                if !added.insert((source, column.indicator.clone())) {
                    continue;
                }
                let mut id = column.indicator.clone();
                if out.indicator(&id).is_some() {
                    id = format!("{id}_{}", source.id().replace('-', "_"));
                }
                let labels = catalog
                    .label(&column.indicator)
                    .unwrap_or((column.column.as_str(), column.column.as_str()));
                out.indicators.push(Indicator::published(
                    &id,
                    &column.indicator,
                    source,
                    labels,
                    &column.unit,
                ));
            }
        }
        out
    }

    /// The plausible ranges of the published figures that indicators take as they are
    /// (`derive = "value"`), by tidy indicator id, for the readers of the open data.
    pub fn plausible_ranges(&self) -> PlausibleRanges {
        PlausibleRanges::new(
            self.file.display().to_string(),
            self.indicators.iter().filter_map(|i| match &i.derivation {
                Derivation::Value { indicator } => Some((indicator.clone(), i.min, i.max)),
                _ => None,
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_another_derivation_are_refused() {
        let text = r#"
[[indicators]]
id = "lonely"
label_nl = "Eenzaam"
label_en = "Lonely"
source = "rivm-gezondheid"
derive = "ratio"
stem = "Eenzaam"
denominator = "a_inw"
unit = "percent"
polarity = "lower_is_better"
theme = "welzijn_participatie"
"#;
        let error = IndicatorCatalogue::parse(text, Path::new("x.toml")).expect_err("invalid");
        let messages: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "x.toml: line 2: key `indicators.lonely.derive`: \"ratio\" is not possible for a \
                 rivm-gezondheid indicator; expected \"value\"",
            ]
        );
        let text = text.replace("derive = \"ratio\"", "derive = \"value\"");
        let error = IndicatorCatalogue::parse(&text, Path::new("x.toml")).expect_err("invalid");
        let messages: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "x.toml: line 2: key `indicators.lonely.denominator`: is not used by a rivm-gezondheid \
                 indicator with derive = \"value\"; remove it",
            ]
        );
        let text = text.replace("denominator = \"a_inw\"\n", "");
        let catalogue = IndicatorCatalogue::parse(&text, Path::new("x.toml")).expect("valid");
        assert_eq!(
            catalogue.indicators[0].derivation,
            Derivation::Value {
                indicator: "lonely".to_owned()
            }
        );
    }

    #[test]
    fn plausible_ranges_are_data() {
        let catalogue = IndicatorCatalogue::builtin().unwrap();
        let lonely = catalogue.indicator("lonely").unwrap();
        assert_eq!((lonely.min, lonely.max), (Some(0.0), Some(100.0)));
        assert!(lonely.plausible(0.0) && lonely.plausible(100.0));
        assert!(!lonely.plausible(-76.6) && !lonely.plausible(200.0));
        let ranges = catalogue.plausible_ranges();
        assert_eq!(ranges.check("lonely", 49.2), Ok(()));
        assert_eq!(
            ranges.check("lonely", 200.0),
            Err("a value from 0 to 100 (the plausible range of lonely in \
                 pipelines/indicators.toml)"
                .to_owned())
        );
        let text = BUILTIN_CATALOGUE.replacen("min = 0\nmax = 100", "min = 100\nmax = 0", 1);
        let error = IndicatorCatalogue::parse(&text, Path::new("x.toml")).unwrap_err();
        assert_eq!(error.problems.len(), 1, "{error}");
        assert!(
            error.problems[0]
                .to_string()
                .ends_with("max (0) must be above min (100)"),
            "{error}"
        );
    }
}
