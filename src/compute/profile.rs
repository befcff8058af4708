//! The neighbourhood health profile (wijkgezondheidsprofiel): every indicator of the
//! catalogue for an area, against its municipality and the Netherlands, with the area's place
//! among all areas of its level. Pure: read datasets and a checked catalogue in, the rows of
//! `profile.csv` out; no files, no clock, no environment.
//!
//! # The catalogue
//!
//! Which indicators a profile has, and how each is made from the published columns, is data:
//! `pipelines/indicators.toml`, read and checked by the spec layer into an
//! [`IndicatorCatalogue`], which arrives here checked.
//!
//! # Series
//!
//! The inputs are any set of read [`Dataset`]s: CBS Kerncijfers wijken en buurten (KWB), RIVM
//! Gezondheid per wijk en buurt (one or more age groups and years) and Vektis Zvw files per
//! gemeente. Each indicator gives one *series* per period (and, for RIVM, per age group) in
//! the inputs; a row of the profile is one area × series. An area has a row in a series when
//! the series' file publishes the area, also when its value is suppressed or missing (the
//! value is then empty, never zero). Two files giving the same series (the same indicator,
//! period and age group) are not mixed: the first is used and the other noted.
//!
//! Vektis publishes municipalities only, named in the municipal division of its file
//! ([`CareCosts::division`](crate::compute::costs::CareCosts::division), the year after the
//! data in the 2018 file): a wijk or buurt gets a row with an empty value and, as
//! `gemeente_value`, the figure of the municipality that holds its own municipality in that
//! division (following mergers with the register's `successor`). A municipality the Vektis
//! file does not have (merged before its division) gets no Vektis rows.
//!
//! # Comparisons (`vs_gemeente`, `vs_nl`)
//!
//! Only a value with a 95% interval (RIVM's `MOG0095`/`MBG0095` bounds) is compared, by the
//! rule of Public Health England's Fingertips: when the benchmark lies inside the area's
//! interval the area is `similar`; otherwise it is `higher` or `lower`, shown as `better` or
//! `worse` when the indicator has a polarity. A value without an interval (KWB shares, Vektis
//! costs, RIVM files without margins) is never called different: its comparisons are
//! `not_compared`, and the reader gets its place instead:
//!
//! - `quintile_nl`: the quintile of the value among all areas of the same level in the series
//!   (the whole country for national files; the file's areas for a file cut down to a region,
//!   which is noted), **1 = the fifth with the lowest values**, 5 = the
//!   highest, computed as PHEindicatormethods' `phe_quantile` with `invert = FALSE`:
//!   `floor(6 − ceiling((n + 1 − r) · 5 / n))` with `r` the rank from the lowest value (ties
//!   get the lowest rank, so tied values share a quintile) and `n` the number of areas with a
//!   value. Not given for the land level.
//! - `rank_gemeente` / `n_gemeente`: the rank of the value among the areas of the same level in
//!   the same municipality (**1 = the highest value**, ties share the better rank) and the
//!   number of such areas with a value. Only for wijken and buurten.
//!
//! # Benchmarks
//!
//! `gemeente_value` is the value of the area's municipality in the same series (empty for a
//! municipality itself and for the country). `nl_value` is the national row of the series'
//! file (`NL01`, `NL00`) when it has one. Without a national row, in a file that still covers
//! the whole country (an early release), a ratio indicator gets the aggregate of all
//! municipality rows, Σ numerators / Σ denominators over the municipalities with every part
//! present, and any other indicator none. A file cut down to some municipalities without a
//! national row (such as the Utrecht test fixture) gives no national value: the aggregate of a
//! region is not the country's. For Vektis it is the national cost per insured-year of
//! [`care_costs`] (all rows of the file, the rest row included).
//!
//! # Selecting areas
//!
//! [`ProfileData::level`] gives every area of a level at once: the data are indexed once by
//! area code, and per series and level the values are sorted once for the quintiles and once
//! for the ranks, so the work grows as `n log n` (all 17 341 regions of a RIVM file × its
//! indicators in well under a second). [`ProfileData::select`] does the same for an
//! [`AreaSelection`] (`--area`, `--gemeente --level`, `--all --level`); quintiles and ranks are
//! always among all areas of the level, whatever is selected. [`ProfileData::distributions`]
//! gives the spread of each series over a level (minimum, quartiles, maximum) for the spine
//! charts of the reports.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::compute::costs::{CareCosts, care_costs};
use crate::ingest::municipalities::MunicipalityRegister;
use crate::ingest::source::{Dataset, gemeente_of_code, level_of_code};
use crate::ingest::tidy::Area;
use crate::spec::Polarity;
use crate::spec::catalogue::{Derivation, IndicatorCatalogue, ProfileSource, Standardisation};

// ---------------------------------------------------------------------------------------------
// The profile table.

/// The level of an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The Netherlands (`NL00` in KWB, `NL01` in RIVM).
    Land,
    /// A municipality (`GM0344`).
    Gemeente,
    /// A district (`WK034401`).
    Wijk,
    /// A neighbourhood (`BU03440111`).
    Buurt,
}

impl Level {
    /// All levels, from the largest areas to the smallest.
    pub const ALL: [Level; 4] = [Level::Land, Level::Gemeente, Level::Wijk, Level::Buurt];

    /// The id as written in tables and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Level::Land => "land",
            Level::Gemeente => "gemeente",
            Level::Wijk => "wijk",
            Level::Buurt => "buurt",
        }
    }

    /// The level of an id (`wijk`), any case.
    pub fn from_id(id: &str) -> Option<Level> {
        let id = id.trim().to_ascii_lowercase();
        Level::ALL.into_iter().find(|l| l.id() == id)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The outcome of comparing an area with a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Significantly higher, and higher is better.
    Better,
    /// Significantly different in the unfavourable direction.
    Worse,
    /// Significantly higher, for an indicator without polarity.
    Higher,
    /// Significantly lower, for an indicator without polarity.
    Lower,
    /// The benchmark lies inside the area's 95% interval.
    Similar,
    /// No comparison: no interval, no value or no benchmark.
    NotCompared,
}

impl Comparison {
    /// The id as written in `profile.csv`.
    pub fn id(self) -> &'static str {
        match self {
            Comparison::Better => "better",
            Comparison::Worse => "worse",
            Comparison::Higher => "higher",
            Comparison::Lower => "lower",
            Comparison::Similar => "similar",
            Comparison::NotCompared => "not_compared",
        }
    }
}

/// Compares an area's 95% interval with a benchmark by the Fingertips rule: `similar` when
/// `lower ≤ benchmark ≤ upper`, else `higher` (benchmark below the interval) or `lower`,
/// turned into `better` / `worse` by the polarity. `not_compared` without an interval or a
/// benchmark, or when a figure is not finite.
pub fn compare(
    interval: Option<(f64, f64)>,
    benchmark: Option<f64>,
    polarity: Polarity,
) -> Comparison {
    let (Some((lower, upper)), Some(benchmark)) = (interval, benchmark) else {
        return Comparison::NotCompared;
    };
    if !(lower.is_finite() && upper.is_finite() && benchmark.is_finite()) {
        return Comparison::NotCompared;
    }
    let higher = if benchmark < lower {
        true
    } else if benchmark > upper {
        false
    } else {
        return Comparison::Similar;
    };
    match (polarity, higher) {
        (Polarity::Neutral, true) => Comparison::Higher,
        (Polarity::Neutral, false) => Comparison::Lower,
        (Polarity::HigherIsBetter, true) | (Polarity::LowerIsBetter, false) => Comparison::Better,
        (Polarity::HigherIsBetter, false) | (Polarity::LowerIsBetter, true) => Comparison::Worse,
    }
}

/// A file with at least this many municipalities covers the whole country
/// (the Netherlands had 342 in 2023, 355 in 2020, 393 in 2015); one cut down
/// to a region does not: the aggregate of its municipalities is no national
/// value, and its quintiles are among its own areas.
pub const WHOLE_COUNTRY: usize = 300;

/// The quintile of the `rank`-th lowest of `n` values (1-based, ties given the lowest rank):
/// 1 = the lowest fifth, 5 = the highest, as PHEindicatormethods' `phe_quantile` with
/// `invert = FALSE`, `floor(6 − ceiling((n + 1 − rank) · 5 / n))`, in exact integer
/// arithmetic. `None` unless `1 ≤ rank ≤ n`.
pub fn quintile(rank: usize, n: usize) -> Option<u8> {
    if rank == 0 || rank > n {
        return None;
    }
    let above = (n + 1 - rank) * 5;
    let ceiling = above.div_ceil(n);
    // `ceiling` lies in 1..=5 for 1 ≤ rank ≤ n.
    u8::try_from(6 - ceiling).ok()
}

/// One area × indicator × period (× age group): a row of `profile.csv`.
///
/// The texts are shared (`Arc<str>`) between rows: a national profile has hundreds of
/// thousands of rows that repeat a few thousand codes, names, ids and units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileRow {
    #[serde(serialize_with = "text")]
    pub area_code: Arc<str>,
    /// Name of the area (KWB's name, else RIVM's, else the register's); empty when no input
    /// names it (RIVM files name municipalities only).
    #[serde(serialize_with = "optional_text")]
    pub area_name: Option<Arc<str>>,
    pub level: Level,
    /// The municipality the area lies in (from its code); empty for the country.
    #[serde(serialize_with = "optional_text")]
    pub gemeente_code: Option<Arc<str>>,
    /// Indicator id of the catalogue.
    #[serde(serialize_with = "text")]
    pub indicator: Arc<str>,
    pub source: ProfileSource,
    /// The year of the figure.
    pub period: Option<i32>,
    /// RIVM age group (`18+`, `65+`); empty for other sources.
    #[serde(serialize_with = "optional_text")]
    pub age_group: Option<Arc<str>>,
    /// The area's value; empty when suppressed, missing or not published at this level.
    pub value: Option<f64>,
    /// Lower bound of the 95% interval, when published.
    pub lower: Option<f64>,
    /// Upper bound of the 95% interval, when published.
    pub upper: Option<f64>,
    #[serde(serialize_with = "text")]
    pub unit: Arc<str>,
    /// The catalogue's polarity; empty for an indicator a file publishes that the catalogue
    /// does not declare (shown in the report's appendix only).
    pub polarity: Option<Polarity>,
    /// The value of the area's municipality in the same series.
    pub gemeente_value: Option<f64>,
    /// The national value of the series.
    pub nl_value: Option<f64>,
    pub vs_gemeente: Comparison,
    pub vs_nl: Comparison,
    /// Quintile among all areas of the level, 1 = lowest values; only without an interval.
    pub quintile_nl: Option<u8>,
    /// Rank among the areas of the level in the municipality, 1 = highest value; only without
    /// an interval, for wijken and buurten.
    pub rank_gemeente: Option<u32>,
    /// Areas of the level in the municipality with a value.
    pub n_gemeente: Option<u32>,
}

fn text<S: Serializer>(text: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(text)
}

fn optional_text<S: Serializer>(text: &Option<Arc<str>>, serializer: S) -> Result<S::Ok, S::Error> {
    match text {
        Some(text) => serializer.serialize_some(&**text),
        None => serializer.serialize_none(),
    }
}

/// The spread of one series over all areas of a level, for the spine chart of a report: the
/// values of the areas with a value, their extremes and quartiles.
///
/// Quartiles interpolate linearly between the sorted values (Hyndman & Fan type 7, the
/// default of R's `quantile`, numpy and pandas): with `h = (n − 1) · p`, the value at
/// position `floor(h)` plus `h − floor(h)` of the step to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    /// Indicator id of the catalogue.
    #[serde(serialize_with = "text")]
    pub indicator: Arc<str>,
    pub level: Level,
    pub period: Option<i32>,
    #[serde(serialize_with = "optional_text")]
    pub age_group: Option<Arc<str>>,
    /// Areas of the level with a value.
    pub n: usize,
    pub min: f64,
    pub p25: f64,
    pub median: f64,
    pub p75: f64,
    pub max: f64,
}

/// The `p`-quantile of sorted, non-empty `values` (type 7).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let below = h.floor();
    let index = below as usize;
    match sorted.get(index + 1) {
        Some(next) => sorted[index] + (h - below) * (next - sorted[index]),
        None => sorted[index],
    }
}

/// Something a reader of the profile should know: an indicator missing from a file, a file
/// that was not used, a series given twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileNote {
    /// The file concerned.
    pub file: Option<String>,
    /// The indicator concerned.
    pub indicator: Option<String>,
    pub message: String,
}

impl fmt::Display for ProfileNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        if let Some(indicator) = &self.indicator {
            write!(f, "indicator {indicator}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// The areas a profile is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaSelection {
    /// `--area CODE...`: these areas, of any level.
    Areas(Vec<String>),
    /// `--gemeente GM0828 --level wijk`: every area of the level in the municipality (the
    /// municipality itself for level `gemeente`).
    Gemeente {
        /// The municipality's code.
        gemeente: String,
        /// The level of the areas.
        level: Level,
    },
    /// `--all --level wijk`: every area of the level in the inputs.
    All(Level),
}

/// A selection that names areas the inputs do not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    /// Codes that no input file has.
    #[error(
        "no input file has the area{} {}; the inputs have {}",
        if codes.len() == 1 { "" } else { "s" },
        codes.join(", "),
        present_levels(present)
    )]
    UnknownAreas {
        /// The codes, as given.
        codes: Vec<String>,
        /// Number of areas per level in the inputs.
        present: Vec<(Level, usize)>,
    },
    /// A municipality that no input file has.
    #[error(
        "no input file has the municipality {gemeente}; the inputs have {}",
        present_levels(present)
    )]
    UnknownGemeente {
        gemeente: String,
        /// Number of areas per level in the inputs.
        present: Vec<(Level, usize)>,
    },
    /// A municipality without areas of the level asked for.
    #[error(
        "the inputs have no {} in {gemeente}; its areas there: {}",
        level,
        present_levels(present)
    )]
    NoAreasInGemeente {
        gemeente: String,
        level: Level,
        /// Number of the municipality's areas per level in the inputs.
        present: Vec<(Level, usize)>,
    },
    /// `--gemeente` with level `land`.
    #[error("the level land is not inside a municipality; use --all --level land or --area")]
    LandInGemeente,
    /// No area of the level in the inputs at all.
    #[error(
        "the inputs have no area of level {level}; they have {}",
        present_levels(present)
    )]
    NoAreasOfLevel {
        level: Level,
        /// Number of areas per level in the inputs.
        present: Vec<(Level, usize)>,
    },
}

fn present_levels(present: &[(Level, usize)]) -> String {
    if present.is_empty() {
        return "no areas".to_owned();
    }
    present
        .iter()
        .map(|(level, n)| format!("{n} {level}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Profile rows with the notes made while computing them.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// By level, area code, then indicator in catalogue order, period, age group.
    pub rows: Vec<ProfileRow>,
    pub notes: Vec<ProfileNote>,
}

// ---------------------------------------------------------------------------------------------
// The prepared data: areas indexed by code, one series per indicator × period × age group.

/// An estimate with its interval.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Estimate {
    value: Option<f64>,
    interval: Option<(f64, f64)>,
}

/// An area of the inputs, known by its code.
#[derive(Debug, Clone)]
struct AreaInfo {
    code: Arc<str>,
    name: Option<Arc<str>>,
    level: Level,
    gemeente_code: Option<Arc<str>>,
    /// The municipality code as a number (equal codes, equal numbers), for cheap sorting.
    gemeente_key: u32,
    /// Index of the municipality's own area, when an input has it.
    gemeente: Option<u32>,
    /// Position in the order of the output (level, then code).
    order: u32,
}

/// One indicator × period × age group of one input file.
#[derive(Debug, Clone)]
struct Series {
    indicator: usize,
    period: Option<i32>,
    age_group: Option<Arc<str>>,
    /// One estimate per area the file publishes, sorted by area index.
    values: Vec<(u32, Estimate)>,
    national: Option<f64>,
    /// Vektis: the municipal division of the file; lower areas find their municipality by
    /// following their municipality code forward to this year.
    division: Option<i32>,
}

impl Series {
    fn get(&self, area: u32) -> Option<&Estimate> {
        self.values
            .binary_search_by_key(&area, |(a, _)| *a)
            .ok()
            .map(|i| &self.values[i].1)
    }
}

/// The inputs of a profile, prepared once: every area indexed by its code and every series
/// computed. Build it with [`ProfileData::new`], then ask for a level or a selection.
#[derive(Debug, Clone)]
pub struct ProfileData {
    catalogue: IndicatorCatalogue,
    /// Id and unit of each indicator, shared by its rows.
    texts: Vec<(Arc<str>, Arc<str>)>,
    areas: Vec<AreaInfo>,
    by_code: HashMap<String, u32>,
    series: Vec<Series>,
    notes: Vec<ProfileNote>,
    /// Files (names) that cover only part of the country, with their number
    /// of municipalities.
    regional: Vec<(String, usize)>,
    /// The care costs of each Vektis file per municipality, computed once here.
    costs: Vec<CareCosts>,
}

/// Which names win when several inputs name an area: KWB's (wijk and buurt names), then
/// RIVM's (municipality names only), then Vektis (upper-case, replaced by the register's).
fn name_priority(source: ProfileSource) -> u8 {
    match source {
        ProfileSource::CbsKwb => 0,
        ProfileSource::RivmGezondheid => 1,
        ProfileSource::Vektis => 2,
    }
}

fn level_of(area: &Area) -> Option<Level> {
    Level::from_id(&area.level).or_else(|| level_of_code(&area.code).and_then(Level::from_id))
}

impl ProfileData {
    /// Indexes the areas of `datasets` and computes every series of the catalogue's
    /// indicators. Datasets of other kinds (Vektis per postcode, unknown files) are noted and
    /// left out; a series that two files give (the same indicator, period and age group) is
    /// taken from the first and noted.
    pub fn new(datasets: &[Dataset], catalogue: &IndicatorCatalogue) -> ProfileData {
        let register = MunicipalityRegister::builtin();
        let mut notes = Vec::new();
        let mut names: HashMap<String, (u8, String)> = HashMap::new();
        // Every figure the files publish, declared or not: nothing published is dropped.
        let catalogue = &catalogue.with_published(datasets);
        let mut data = ProfileData {
            catalogue: catalogue.clone(),
            texts: catalogue
                .indicators
                .iter()
                .map(|i| (Arc::from(i.id.as_str()), Arc::from(i.unit.as_str())))
                .collect(),
            areas: Vec::new(),
            by_code: HashMap::new(),
            series: Vec::new(),
            notes: Vec::new(),
            regional: Vec::new(),
            costs: Vec::new(),
        };

        let mut costs = Vec::new();
        for dataset in datasets {
            let Some(source) = ProfileSource::of(dataset.source) else {
                notes.push(ProfileNote {
                    file: Some(dataset.file.name.clone()),
                    indicator: None,
                    message: format!(
                        "not used: a profile reads no {}",
                        dataset.source.description()
                    ),
                });
                continue;
            };
            if source == ProfileSource::Vektis {
                // Vektis areas are the municipalities of its cost table (with the register's
                // names), not the raw rows (which include the rest row and unmapped names).
                match care_costs(dataset) {
                    Ok(table) => {
                        for row in &table.rows {
                            data.area(&row.gemeente_code, Level::Gemeente);
                            names
                                .entry(row.gemeente_code.clone())
                                .or_insert((name_priority(source), row.gemeente_name.clone()));
                        }
                        // What a reader of the costs should know (unmapped names,
                        // repeated rows, empty columns) joins the profile's notes.
                        let file = format!("{}: ", dataset.file.name);
                        notes.extend(table.notes.iter().map(|message| ProfileNote {
                            file: Some(dataset.file.name.clone()),
                            indicator: None,
                            message: message.strip_prefix(&file).unwrap_or(message).to_owned(),
                        }));
                        costs.push((dataset, table));
                    }
                    Err(error) => notes.push(ProfileNote {
                        file: Some(dataset.file.name.clone()),
                        indicator: None,
                        message: error.to_string(),
                    }),
                }
                continue;
            }
            for area in dataset.table.areas() {
                let Some(level) = level_of(area) else {
                    continue;
                };
                if area.code.is_empty() {
                    continue;
                }
                data.area(&area.code, level);
                if !area.name.trim().is_empty() {
                    let candidate = (name_priority(source), area.name.trim().to_owned());
                    names
                        .entry(area.code.clone())
                        .and_modify(|known| {
                            if candidate.0 < known.0 {
                                *known = candidate.clone();
                            }
                        })
                        .or_insert(candidate);
                }
            }
        }
        for area in &mut data.areas {
            area.name = names.remove(&*area.code).map(|(_, name)| Arc::from(name));
            if area.name.is_none() && area.level == Level::Gemeente {
                // The register knows every municipality's names; take the latest.
                area.name = register
                    .periods(&area.code)
                    .last()
                    .map(|period| Arc::from(period.name.as_str()));
            }
        }
        data.link_areas();

        let mut seen: HashSet<(usize, Option<i32>, Option<Arc<str>>)> = HashSet::new();
        let mut series = Vec::new();
        for dataset in datasets {
            match ProfileSource::of(dataset.source) {
                Some(ProfileSource::CbsKwb | ProfileSource::RivmGezondheid) => {
                    if let Some(gemeenten) = data.tidy_series(dataset, &mut series, &mut notes) {
                        notes.push(ProfileNote {
                            file: Some(dataset.file.name.clone()),
                            indicator: None,
                            message: format!(
                                "covers only {gemeenten} {}, not the whole country: the quintiles \
                                 and spread of its indicators are among the areas of this file, \
                                 and it gives a national value only from a national row \
                                 (NL00/NL01)",
                                if gemeenten == 1 {
                                    "municipality"
                                } else {
                                    "municipalities"
                                }
                            ),
                        });
                        data.regional.push((dataset.file.name.clone(), gemeenten));
                    }
                }
                Some(ProfileSource::Vektis) => {
                    if let Some((_, table)) = costs.iter().find(|(d, _)| std::ptr::eq(*d, dataset))
                    {
                        data.cost_series(dataset, table, &mut series);
                    }
                }
                None => {}
            }
            // A series an earlier file gave is not taken again; each repeated indicator is
            // noted once per file.
            let mut repeated = BTreeSet::new();
            let mut keys = Vec::new();
            for s in series.drain(..) {
                let key = (s.indicator, s.period, s.age_group.clone());
                if seen.contains(&key) {
                    repeated.insert(s.indicator);
                } else {
                    keys.push(key);
                    data.series.push(s);
                }
            }
            seen.extend(keys);
            for indicator in repeated {
                notes.push(ProfileNote {
                    file: Some(dataset.file.name.clone()),
                    indicator: Some(catalogue.indicators[indicator].id.clone()),
                    message: "an earlier input file gives the same period and age group; \
                              this file's figures are not used"
                        .to_owned(),
                });
            }
        }
        data.series.sort_by(|a, b| {
            (a.indicator, a.period, &a.age_group).cmp(&(b.indicator, b.period, &b.age_group))
        });
        data.notes = notes;
        data.costs = costs.into_iter().map(|(_, table)| table).collect();
        data
    }

    /// The index of the area with this code, added when new.
    fn area(&mut self, code: &str, level: Level) -> u32 {
        if let Some(&index) = self.by_code.get(code) {
            return index;
        }
        let index = u32::try_from(self.areas.len()).unwrap_or(u32::MAX);
        self.areas.push(AreaInfo {
            code: Arc::from(code),
            name: None,
            level,
            gemeente_code: gemeente_of_code(code).map(Arc::from),
            gemeente_key: u32::MAX,
            gemeente: None,
            order: 0,
        });
        self.by_code.insert(code.to_owned(), index);
        index
    }

    /// Links every area to its municipality's area and fixes the output order.
    fn link_areas(&mut self) {
        for i in 0..self.areas.len() {
            let gemeente = self.areas[i]
                .gemeente_code
                .as_ref()
                .filter(|_| self.areas[i].level > Level::Gemeente)
                .and_then(|code| self.by_code.get(&**code).copied());
            self.areas[i].gemeente = gemeente;
        }
        let mut keys: HashMap<Arc<str>, u32> = HashMap::new();
        for area in &mut self.areas {
            if let Some(code) = &area.gemeente_code {
                let next = keys.len() as u32;
                area.gemeente_key = *keys.entry(code.clone()).or_insert(next);
            }
        }
        let mut order: Vec<u32> = (0..self.areas.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&self.areas[a as usize], &self.areas[b as usize]);
            (a.level, &a.code).cmp(&(b.level, &b.code))
        });
        for (position, &area) in order.iter().enumerate() {
            self.areas[area as usize].order = position as u32;
        }
    }

    /// The series of a KWB or RIVM file: the cells the catalogue needs, gathered per period ×
    /// age group in one pass over the tidy table, then each indicator computed per area.
    /// The series of a CBS or RIVM file; the number of municipalities of the
    /// file when it does not cover the whole country.
    fn tidy_series(
        &self,
        dataset: &Dataset,
        out: &mut Vec<Series>,
        notes: &mut Vec<ProfileNote>,
    ) -> Option<usize> {
        let source = ProfileSource::of(dataset.source)?;
        let file = &dataset.file.name;
        let indicators: Vec<usize> = (0..self.catalogue.indicators.len())
            .filter(|&i| self.catalogue.indicators[i].source == source)
            .collect();
        if indicators.is_empty() {
            return None;
        }
        // The tidy indicators needed, as columns of the cell matrix.
        let mut column_of: HashMap<&str, usize> = HashMap::new();
        for &i in &indicators {
            for input in self.catalogue.indicators[i].inputs() {
                let next = column_of.len();
                column_of.entry(input).or_insert(next);
            }
        }
        let recognised: HashMap<&str, bool> = dataset
            .indicators
            .iter()
            .map(|r| (r.indicator.as_str(), r.has_values))
            .collect();
        let mut usable = vec![true; self.catalogue.indicators.len()];
        for &i in &indicators {
            let indicator = &self.catalogue.indicators[i];
            let missing: Vec<&str> = indicator
                .inputs()
                .into_iter()
                .filter(|input| !recognised.contains_key(input))
                .collect();
            if !missing.is_empty() {
                usable[i] = false;
                if !indicator.catalogued {
                    // another file publishes it; this one simply does not
                    continue;
                }
                notes.push(ProfileNote {
                    file: Some(file.clone()),
                    indicator: Some(indicator.id.clone()),
                    message: format!(
                        "not in this file (it has no {}); no rows from it",
                        missing.join(", ")
                    ),
                });
            } else if indicator
                .inputs()
                .iter()
                .any(|input| recognised.get(input) == Some(&false))
            {
                notes.push(ProfileNote {
                    file: Some(file.clone()),
                    indicator: Some(indicator.id.clone()),
                    message: "the file's column holds no value (not published yet, or not \
                              measured that year): the indicator has no values from it"
                        .to_owned(),
                });
            }
        }

        // Cells per slice (period × age group): local area × column.
        let columns = column_of.len();
        let max_areas = dataset.table.areas().len();
        let mut local_of: HashMap<u32, u32> = HashMap::new();
        let mut locals: Vec<u32> = Vec::new();
        let mut slices: Vec<Slice> = Vec::new();
        let mut last_area: Option<(&Area, Option<u32>)> = None;
        let mut last_slice: Option<(Option<i32>, Option<&str>, usize)> = None;
        for o in dataset.table.iter() {
            let Some(&column) = column_of.get(o.indicator) else {
                continue;
            };
            let local = match last_area {
                Some((area, local)) if std::ptr::eq(area, o.area) => local,
                _ => {
                    let local = self.by_code.get(o.area.code.as_str()).map(|&global| {
                        *local_of.entry(global).or_insert_with(|| {
                            locals.push(global);
                            (locals.len() - 1) as u32
                        })
                    });
                    last_area = Some((o.area, local));
                    local
                }
            };
            let Some(local) = local else { continue };
            let slice = match last_slice {
                Some((period, age, slice)) if period == o.period && age == o.age_group => slice,
                _ => {
                    let slice = match slices
                        .iter()
                        .position(|s| s.period == o.period && s.age_group.as_deref() == o.age_group)
                    {
                        Some(slice) => slice,
                        None => {
                            slices.push(Slice {
                                period: o.period,
                                age_group: o.age_group.map(Arc::from),
                                cells: vec![None; max_areas * columns],
                            });
                            slices.len() - 1
                        }
                    };
                    last_slice = Some((o.period, o.age_group, slice));
                    slice
                }
            };
            let interval = o.lower.zip(o.upper);
            if let Some(cell) = slices[slice]
                .cells
                .get_mut(local as usize * columns + column)
            {
                *cell = Some(Estimate {
                    value: o.value,
                    interval,
                });
            }
        }

        // One series per usable indicator × slice; the most municipalities
        // a series has when some series do not cover the country.
        let mut partial: Option<usize> = None;
        for &i in &indicators {
            if !usable[i] {
                continue;
            }
            let indicator = &self.catalogue.indicators[i];
            for Slice {
                period,
                age_group,
                cells,
            } in &slices
            {
                if indicator.age_group.is_some()
                    && indicator.age_group.as_deref() != age_group.as_deref()
                {
                    continue;
                }
                let column = |input: &str| column_of.get(input).copied().unwrap_or(usize::MAX);
                let plan = match &indicator.derivation {
                    Derivation::Value { indicator } => Plan::Value(column(indicator)),
                    Derivation::Ratio {
                        numerator,
                        denominator,
                        per,
                    } => Plan::Ratio {
                        numerator: numerator.iter().map(|n| column(n)).collect(),
                        denominator: column(denominator),
                        per: *per,
                    },
                    Derivation::CostPerInsuredYear { .. } => continue,
                };
                let cell = |local: usize, column: usize| -> Option<Estimate> {
                    cells.get(local * columns + column).copied().flatten()
                };
                let mut values = Vec::new();
                let mut national = None;
                let (mut sum_numerator, mut sum_denominator) = (0.0, 0.0);
                for (local, &global) in locals.iter().enumerate() {
                    let estimate = match &plan {
                        Plan::Value(column) => cell(local, *column),
                        Plan::Ratio {
                            numerator,
                            denominator,
                            per,
                        } => {
                            let den = cell(local, *denominator);
                            let present = den.is_some()
                                || numerator.iter().any(|&n| cell(local, n).is_some());
                            if present {
                                let num: Option<f64> = numerator
                                    .iter()
                                    .map(|&n| cell(local, n).and_then(|n| n.value))
                                    .sum();
                                let den = den.and_then(|d| d.value).filter(|&d| d > 0.0);
                                if let (Some(n), Some(d)) = (num, den)
                                    && self.areas[global as usize].level == Level::Gemeente
                                {
                                    sum_numerator += n;
                                    sum_denominator += d;
                                }
                                Some(Estimate {
                                    value: num.zip(den).map(|(n, d)| n / d * per),
                                    interval: None,
                                })
                            } else {
                                None
                            }
                        }
                    };
                    let Some(estimate) = estimate else { continue };
                    if self.areas[global as usize].level == Level::Land {
                        national = national.or(estimate.value);
                    }
                    values.push((global, estimate));
                }
                if values.is_empty() {
                    continue;
                }
                let has_land = values
                    .iter()
                    .any(|(a, _)| self.areas[*a as usize].level == Level::Land);
                let gemeenten = values
                    .iter()
                    .filter(|(a, _)| self.areas[*a as usize].level == Level::Gemeente)
                    .count();
                let covers_country = gemeenten >= WHOLE_COUNTRY;
                if let Derivation::Ratio { per, .. } = indicator.derivation
                    && !has_land
                    && covers_country
                    && sum_denominator > 0.0
                {
                    national = Some(sum_numerator / sum_denominator * per);
                }
                if !covers_country {
                    partial = Some(partial.unwrap_or(0).max(gemeenten));
                }
                values.sort_unstable_by_key(|(a, _)| *a);
                out.push(Series {
                    indicator: i,
                    period: *period,
                    age_group: age_group.clone(),
                    values,
                    national,
                    division: None,
                });
            }
        }
        partial
    }

    /// The series of a Vektis file, from its cost table.
    fn cost_series(
        &self,
        dataset: &Dataset,
        table: &crate::compute::costs::CareCosts,
        out: &mut Vec<Series>,
    ) {
        for (i, indicator) in self.catalogue.indicators.iter().enumerate() {
            let Derivation::CostPerInsuredYear {
                category,
                standardisation,
            } = indicator.derivation
            else {
                continue;
            };
            let mut values = Vec::new();
            let mut national = None;
            for row in table.rows.iter().filter(|r| r.category == category) {
                let Some(&area) = self.by_code.get(row.gemeente_code.as_str()) else {
                    continue;
                };
                let value = match standardisation {
                    Standardisation::DirectAgeSex => row.cost_per_insured_year_std,
                    Standardisation::None => row.cost_per_insured_year,
                };
                national = national.or(row.nl_cost_per_insured_year);
                values.push((
                    area,
                    Estimate {
                        value,
                        interval: None,
                    },
                ));
            }
            if values.is_empty() {
                continue;
            }
            values.sort_unstable_by_key(|(a, _)| *a);
            out.push(Series {
                indicator: i,
                period: dataset.year,
                age_group: None,
                values,
                national,
                division: table.division,
            });
        }
    }

    /// The spread of every series over the areas of `level` that have a value, in the order
    /// of the series (catalogue order, then period and age group). Series without a value at
    /// the level (Vektis below the municipality) have none.
    pub fn distributions(&self, level: Level) -> Vec<Distribution> {
        self.series
            .iter()
            .filter_map(|series| {
                let mut values: Vec<f64> = series
                    .values
                    .iter()
                    .filter(|(a, _)| self.areas[*a as usize].level == level)
                    .filter_map(|(_, e)| e.value.filter(|v| v.is_finite()))
                    .collect();
                if values.is_empty() {
                    return None;
                }
                values.sort_unstable_by(f64::total_cmp);
                Some(Distribution {
                    indicator: self.texts[series.indicator].0.clone(),
                    level,
                    period: series.period,
                    age_group: series.age_group.clone(),
                    n: values.len(),
                    min: values[0],
                    p25: quantile(&values, 0.25),
                    median: quantile(&values, 0.5),
                    p75: quantile(&values, 0.75),
                    max: values[values.len() - 1],
                })
            })
            .collect()
    }

    /// The notes made while preparing the data (the care costs' notes among them).
    pub fn notes(&self) -> &[ProfileNote] {
        &self.notes
    }

    /// The care costs of each Vektis file per municipality among the inputs, in input order.
    pub fn care_costs(&self) -> &[CareCosts] {
        &self.costs
    }

    /// The input files that cover only part of the country (by name), with
    /// their number of municipalities (fewer than [`WHOLE_COUNTRY`]).
    pub fn regional_files(&self) -> &[(String, usize)] {
        &self.regional
    }

    /// The catalogue the data were prepared for.
    pub fn catalogue(&self) -> &IndicatorCatalogue {
        &self.catalogue
    }

    /// Number of areas per level in the inputs, levels with areas only.
    pub fn levels(&self) -> Vec<(Level, usize)> {
        let mut counts: BTreeMap<Level, usize> = BTreeMap::new();
        for area in &self.areas {
            *counts.entry(area.level).or_default() += 1;
        }
        counts.into_iter().collect()
    }

    /// The profile rows of every area of `level`.
    pub fn level(&self, level: Level) -> Vec<ProfileRow> {
        self.rows(level, None)
    }

    /// The profile rows of the selected areas; quintiles and ranks are among all areas of each
    /// level. Codes are compared trimmed and in upper case.
    /// The codes of the areas of `level` in the municipalities `gemeenten`
    /// (every municipality when `None`), in output order: what a map of
    /// those municipalities' areas needs, without computing their rows.
    pub fn area_codes(&self, level: Level, gemeenten: Option<&[&str]>) -> Vec<Arc<str>> {
        let mut areas: Vec<&AreaInfo> = self
            .areas
            .iter()
            .filter(|a| a.level == level)
            .filter(|a| {
                gemeenten.is_none_or(|g| a.gemeente_code.as_deref().is_some_and(|c| g.contains(&c)))
            })
            .collect();
        areas.sort_unstable_by_key(|a| a.order);
        areas.into_iter().map(|a| a.code.clone()).collect()
    }

    /// Whether any input has the area (a GM, WK or BU code).
    pub fn has_area(&self, code: &str) -> bool {
        self.by_code.contains_key(&code.trim().to_ascii_uppercase())
    }

    pub fn select(&self, selection: &AreaSelection) -> Result<Vec<ProfileRow>, SelectionError> {
        let wanted: Vec<u32> = match selection {
            AreaSelection::Areas(codes) => {
                let mut found = Vec::new();
                let mut unknown = Vec::new();
                for code in codes {
                    match self.by_code.get(&code.trim().to_ascii_uppercase()) {
                        Some(&area) => found.push(area),
                        None => unknown.push(code.clone()),
                    }
                }
                if !unknown.is_empty() {
                    return Err(SelectionError::UnknownAreas {
                        codes: unknown,
                        present: self.levels(),
                    });
                }
                found
            }
            AreaSelection::Gemeente { gemeente, level } => {
                let gemeente = gemeente.trim().to_ascii_uppercase();
                if *level == Level::Land {
                    return Err(SelectionError::LandInGemeente);
                }
                let in_gemeente: Vec<u32> = (0..self.areas.len() as u32)
                    .filter(|&a| {
                        let area = &self.areas[a as usize];
                        area.gemeente_code.as_deref() == Some(gemeente.as_str())
                    })
                    .collect();
                if in_gemeente.is_empty() {
                    return Err(SelectionError::UnknownGemeente {
                        gemeente,
                        present: self.levels(),
                    });
                }
                let wanted: Vec<u32> = in_gemeente
                    .iter()
                    .copied()
                    .filter(|&a| self.areas[a as usize].level == *level)
                    .collect();
                if wanted.is_empty() {
                    let mut present: BTreeMap<Level, usize> = BTreeMap::new();
                    for &a in &in_gemeente {
                        *present.entry(self.areas[a as usize].level).or_default() += 1;
                    }
                    return Err(SelectionError::NoAreasInGemeente {
                        gemeente,
                        level: *level,
                        present: present.into_iter().collect(),
                    });
                }
                wanted
            }
            AreaSelection::All(level) => {
                if !self.areas.iter().any(|a| a.level == *level) {
                    return Err(SelectionError::NoAreasOfLevel {
                        level: *level,
                        present: self.levels(),
                    });
                }
                return Ok(self.level(*level));
            }
        };
        let mut keep = vec![false; self.areas.len()];
        let mut levels = BTreeSet::new();
        for area in wanted {
            keep[area as usize] = true;
            levels.insert(self.areas[area as usize].level);
        }
        let mut rows = Vec::new();
        for level in levels {
            rows.extend(self.rows(level, Some(&keep)));
        }
        Ok(rows)
    }

    /// The rows of the areas of `level` (those marked in `keep`, or all).
    ///
    /// Each series is staged on its own (in parallel): its entries at the level, one sort for
    /// the quintiles, one for the ranks. The staged rows are then put in output order by a
    /// compact key and only then copied into [`ProfileRow`]s.
    fn rows(&self, level: Level, keep: Option<&[bool]>) -> Vec<ProfileRow> {
        let areas_of_level: Vec<u32> = (0..self.areas.len() as u32)
            .filter(|&a| self.areas[a as usize].level == level)
            .collect();
        let staged: Vec<Vec<Staged>> = self
            .series
            .par_iter()
            .map(|series| self.stage(series, level, &areas_of_level, keep))
            .collect();
        let mut order: Vec<(u64, u32, u32)> = staged
            .iter()
            .enumerate()
            .flat_map(|(s, rows)| {
                rows.iter().enumerate().map(move |(k, row)| {
                    let area = u64::from(self.areas[row.area as usize].order);
                    ((area << 32) | s as u64, s as u32, k as u32)
                })
            })
            .collect();
        order.sort_unstable_by_key(|o| o.0);
        order
            .iter()
            .map(|&(_, s, k)| self.materialise(s, &staged[s as usize][k as usize]))
            .collect()
    }

    /// The staged rows of one series at `level`.
    fn stage(
        &self,
        series: &Series,
        level: Level,
        areas_of_level: &[u32],
        keep: Option<&[bool]>,
    ) -> Vec<Staged> {
        let register = MunicipalityRegister::builtin();
        let indicator = &self.catalogue.indicators[series.indicator];
        let kept = |area: u32| keep.is_none_or(|k| k.get(area as usize).copied().unwrap_or(false));
        // The municipality of an area in this series: for Vektis, the municipality of the
        // file's division that holds the area's municipality now.
        let mut successor_cache: HashMap<&str, Option<u32>> = HashMap::new();
        let mut gemeente_of = |a: u32| -> Option<u32> {
            let area = &self.areas[a as usize];
            match series.division {
                None => area.gemeente,
                Some(year) => {
                    let code: &str = area.gemeente_code.as_deref()?;
                    *successor_cache.entry(code).or_insert_with(|| {
                        let successor = register.successor(code, year)?;
                        self.by_code.get(&successor).copied()
                    })
                }
            }
        };
        // The entries of this level: published values, or (Vektis below the municipality)
        // empty values of the areas whose municipality the file has.
        let entries: Vec<(u32, Estimate)> = if series.division.is_some() && level > Level::Gemeente
        {
            areas_of_level
                .iter()
                .filter_map(|&a| {
                    let g = gemeente_of(a)?;
                    series.get(g).map(|_| (a, Estimate::default()))
                })
                .collect()
        } else {
            series
                .values
                .iter()
                .filter(|(a, _)| self.areas[*a as usize].level == level)
                .copied()
                .collect()
        };
        if entries.is_empty() {
            return Vec::new();
        }

        // Quintiles: sort the values once.
        let mut quintiles: Vec<Option<u8>> = vec![None; entries.len()];
        if level != Level::Land {
            let mut sorted: Vec<(f64, usize)> = entries
                .iter()
                .enumerate()
                .filter_map(|(k, (_, e))| e.value.filter(|v| v.is_finite()).map(|v| (v, k)))
                .collect();
            sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            let n = sorted.len();
            let mut rank = 0;
            for (position, &(value, k)) in sorted.iter().enumerate() {
                if position == 0 || value != sorted[position - 1].0 {
                    rank = position + 1;
                }
                quintiles[k] = quintile(rank, n);
            }
        }

        // Ranks in the municipality: sort by municipality, then value from high to low.
        let mut ranks: Vec<Option<(u32, u32)>> = vec![None; entries.len()];
        if level > Level::Gemeente {
            let mut sorted: Vec<(u32, f64, usize)> = entries
                .iter()
                .enumerate()
                .filter_map(|(k, (a, e))| {
                    let gemeente = self.areas[*a as usize].gemeente_key;
                    let value = e.value.filter(|v| v.is_finite())?;
                    (gemeente != u32::MAX).then_some((gemeente, value, k))
                })
                .collect();
            sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            for group in sorted.chunk_by(|a, b| a.0 == b.0) {
                let n = group.len() as u32;
                let mut rank = 0;
                for (position, &(_, value, k)) in group.iter().enumerate() {
                    if position == 0 || value != group[position - 1].1 {
                        rank = position as u32 + 1;
                    }
                    ranks[k] = Some((rank, n));
                }
            }
        }

        let nl_value = if level == Level::Land {
            None
        } else {
            series.national
        };
        let mut staged = Vec::new();
        for (k, &(a, estimate)) in entries.iter().enumerate() {
            if !kept(a) {
                continue;
            }
            let gemeente_value = if level > Level::Gemeente {
                gemeente_of(a)
                    .and_then(|g| series.get(g))
                    .and_then(|e| e.value)
            } else {
                None
            };
            // With an interval the comparisons speak; without one only the place does.
            let interval = estimate.interval.filter(|_| estimate.value.is_some());
            let (quintile_nl, rank) = match interval {
                Some(_) => (None, None),
                None => (quintiles[k], ranks[k]),
            };
            staged.push(Staged {
                area: a,
                estimate,
                gemeente_value,
                nl_value,
                vs_gemeente: compare(interval, gemeente_value, indicator.polarity),
                vs_nl: compare(interval, nl_value, indicator.polarity),
                quintile_nl,
                rank,
            });
        }
        staged
    }

    fn materialise(&self, series: u32, s: &Staged) -> ProfileRow {
        let area = &self.areas[s.area as usize];
        let series = &self.series[series as usize];
        let indicator = &self.catalogue.indicators[series.indicator];
        ProfileRow {
            area_code: area.code.clone(),
            area_name: area.name.clone(),
            level: area.level,
            gemeente_code: area.gemeente_code.clone(),
            indicator: self.texts[series.indicator].0.clone(),
            source: indicator.source,
            period: series.period,
            age_group: series.age_group.clone(),
            value: s.estimate.value,
            lower: s.estimate.interval.map(|i| i.0),
            upper: s.estimate.interval.map(|i| i.1),
            unit: self.texts[series.indicator].1.clone(),
            polarity: indicator.declared_polarity(),
            gemeente_value: s.gemeente_value,
            nl_value: s.nl_value,
            vs_gemeente: s.vs_gemeente,
            vs_nl: s.vs_nl,
            quintile_nl: s.quintile_nl,
            rank_gemeente: s.rank.map(|r| r.0),
            n_gemeente: s.rank.map(|r| r.1),
        }
    }
}

/// The cells of one period × age group of a file: local area × needed column.
struct Slice {
    period: Option<i32>,
    age_group: Option<Arc<str>>,
    cells: Vec<Option<Estimate>>,
}

/// How a KWB or RIVM indicator is computed from the columns of the cell matrix.
enum Plan {
    Value(usize),
    Ratio {
        numerator: Vec<usize>,
        denominator: usize,
        per: f64,
    },
}

/// A row before its texts are copied: sorted cheaply, then materialised.
struct Staged {
    area: u32,
    estimate: Estimate,
    gemeente_value: Option<f64>,
    nl_value: Option<f64>,
    vs_gemeente: Comparison,
    vs_nl: Comparison,
    quintile_nl: Option<u8>,
    rank: Option<(u32, u32)>,
}

/// The profile of every area of `level` in `datasets`, with the notes.
pub fn profile_level(
    datasets: &[Dataset],
    catalogue: &IndicatorCatalogue,
    level: Level,
) -> Profile {
    let data = ProfileData::new(datasets, catalogue);
    Profile {
        rows: data.level(level),
        notes: data.notes,
    }
}

/// The profile of the selected areas of `datasets`, with the notes.
pub fn profile(
    datasets: &[Dataset],
    catalogue: &IndicatorCatalogue,
    selection: &AreaSelection,
) -> Result<Profile, SelectionError> {
    let data = ProfileData::new(datasets, catalogue);
    let rows = data.select(selection)?;
    Ok(Profile {
        rows,
        notes: data.notes,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::ingest::source::{FileInfo, RecognisedColumn, SourceKind};
    use crate::ingest::tidy::Observation;

    #[test]
    fn quintiles_follow_phe_quantile() {
        let ten: Vec<u8> = (1..=10).filter_map(|rank| quintile(rank, 10)).collect();
        assert_eq!(ten, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        let three: Vec<u8> = (1..=3).filter_map(|rank| quintile(rank, 3)).collect();
        assert_eq!(three, [1, 2, 4]);
        assert_eq!(quintile(1, 1), Some(1));
        assert_eq!(quintile(0, 5), None);
        assert_eq!(quintile(6, 5), None);
        assert_eq!(quantile(&[5.0], 0.75), 5.0);
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.25), 1.75);
    }

    #[test]
    fn fingertips_rule() {
        use Comparison::*;
        let interval = Some((10.0, 20.0));
        assert_eq!(
            compare(interval, Some(15.0), Polarity::HigherIsBetter),
            Similar
        );
        assert_eq!(
            compare(interval, Some(10.0), Polarity::HigherIsBetter),
            Similar
        );
        assert_eq!(
            compare(interval, Some(9.0), Polarity::HigherIsBetter),
            Better
        );
        assert_eq!(
            compare(interval, Some(21.0), Polarity::HigherIsBetter),
            Worse
        );
        assert_eq!(compare(interval, Some(9.0), Polarity::LowerIsBetter), Worse);
        assert_eq!(
            compare(interval, Some(21.0), Polarity::LowerIsBetter),
            Better
        );
        assert_eq!(compare(interval, Some(9.0), Polarity::Neutral), Higher);
        assert_eq!(compare(interval, Some(21.0), Polarity::Neutral), Lower);
        assert_eq!(compare(None, Some(21.0), Polarity::Neutral), NotCompared);
        assert_eq!(compare(interval, None, Polarity::Neutral), NotCompared);
        assert_eq!(
            compare(interval, Some(f64::NAN), Polarity::Neutral),
            NotCompared
        );
    }

    /// Value, quintile, rank and n of a row.
    type Place = (Option<f64>, Option<u8>, Option<u32>, Option<u32>);

    /// A KWB file of one municipality with three wijken: `p_hh_li` 5, 5, 7 (ties) and a
    /// wijk without households.
    fn kwb() -> Dataset {
        kwb_covering(WHOLE_COUNTRY)
    }

    /// The same with `gemeenten` municipalities: GM0001 and copies of it
    /// without wijken (fewer than [`WHOLE_COUNTRY`]: a file cut down to a region).
    fn kwb_covering(gemeenten: usize) -> Dataset {
        let info = FileInfo::from_bytes(Path::new("kwb-2023.xlsx"), b"");
        let mut dataset = Dataset::new(info, SourceKind::CbsKwb, None);
        dataset.year = Some(2023);
        for code in ["p_hh_li", "a_1p_hh", "a_hh"] {
            dataset.indicators.push(RecognisedColumn {
                column: code.to_owned(),
                indicator: code.to_owned(),
                unit: "count".to_owned(),
                has_values: true,
            });
        }
        let copies: Vec<String> = (2..=gemeenten).map(|g| format!("GM{g:04}")).collect();
        let rows = [
            ("GM0001", "gemeente", [Some(6.0), Some(30.0), Some(100.0)]),
            ("WK000101", "wijk", [Some(5.0), Some(10.0), Some(40.0)]),
            ("WK000102", "wijk", [Some(5.0), Some(20.0), Some(60.0)]),
            ("WK000103", "wijk", [Some(7.0), Some(0.0), Some(0.0)]),
            ("WK000104", "wijk", [None, None, None]),
        ]
        .into_iter()
        .chain(copies.iter().map(|code| {
            (
                code.as_str(),
                "gemeente",
                [Some(6.0), Some(30.0), Some(100.0)],
            )
        }));
        for (code, level, values) in rows {
            let gemeente = if level == "gemeente" { code } else { "GM0001" };
            for (indicator, value) in ["p_hh_li", "a_1p_hh", "a_hh"].into_iter().zip(values) {
                dataset.table.push(Observation {
                    area_code: code,
                    area_name: code,
                    level,
                    gemeente_code: Some(gemeente),
                    period: Some(2023),
                    indicator,
                    value,
                    unit: "count",
                    status: if value.is_some() { "" } else { "suppressed" },
                    ..Default::default()
                });
            }
        }
        dataset
    }

    #[test]
    fn a_file_of_a_region_is_no_national_reference() {
        let catalogue = IndicatorCatalogue::builtin().expect("catalogue");
        let single_person = |data: &ProfileData| {
            data.level(Level::Wijk)
                .into_iter()
                .find(|r| &*r.indicator == "share_single_person_households")
                .expect("row")
        };
        let regional = ProfileData::new(&[kwb_covering(1)], &catalogue);
        let r = single_person(&regional);
        // the municipality's value, the places among the file's areas, no national value
        assert_eq!(r.gemeente_value, Some(30.0));
        assert_eq!((r.rank_gemeente, r.n_gemeente), (Some(2), Some(2)));
        assert_eq!(r.quintile_nl, Some(1));
        assert_eq!(r.nl_value, None);
        let noted = |data: &ProfileData| {
            data.notes()
                .iter()
                .any(|n| n.indicator.is_none() && n.message.contains("not the whole country"))
        };
        assert!(noted(&regional));
        // the whole country: the aggregate of the municipalities is the national value
        let national = ProfileData::new(&[kwb()], &catalogue);
        assert_eq!(single_person(&national).nl_value, Some(30.0));
        assert!(!noted(&national));
    }

    #[test]
    fn ties_share_quintile_and_rank_and_missing_stays_empty() {
        let catalogue = IndicatorCatalogue::builtin().expect("catalogue");
        let data = ProfileData::new(&[kwb()], &catalogue);
        let rows = data.level(Level::Wijk);
        let places = |indicator: &str| -> Vec<Place> {
            rows.iter()
                .filter(|r| &*r.indicator == indicator)
                .map(|r| (r.value, r.quintile_nl, r.rank_gemeente, r.n_gemeente))
                .collect()
        };
        assert_eq!(
            places("low_income_households"),
            [
                (Some(5.0), Some(1), Some(2), Some(3)),
                (Some(5.0), Some(1), Some(2), Some(3)),
                (Some(7.0), Some(4), Some(1), Some(3)),
                (None, None, None, None),
            ]
        );
        // A share of zero households has no value (not 0, not infinite).
        let single = places("share_single_person_households");
        assert_eq!(single[2], (None, None, None, None));
        assert_eq!(single[0].0, Some(25.0));
        // No national row: the aggregate of the municipality rows for a ratio, none for a
        // published percentage.
        let r = rows
            .iter()
            .find(|r| &*r.indicator == "share_single_person_households")
            .expect("row");
        assert_eq!((r.gemeente_value, r.nl_value), (Some(30.0), Some(30.0)));
        let r = rows
            .iter()
            .find(|r| &*r.indicator == "low_income_households")
            .expect("row");
        assert_eq!((r.gemeente_value, r.nl_value), (Some(6.0), None));
        // The indicators of the catalogue that the file lacks are noted, not invented.
        assert!(
            data.notes()
                .iter()
                .any(|n| n.indicator.as_deref() == Some("share_age_65_plus")
                    && n.message.contains("a_65_oo"))
        );
    }
}
