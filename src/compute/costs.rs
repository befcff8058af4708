//! Care costs per municipality from the Vektis Open Databestand Zorgverzekeringswet: the rows
//! of `costs.csv`. Pure: a read [`Dataset`] in, rows out.
//!
//! # What is computed
//!
//! For every municipality of the file and every report category ([`CostCategory`]: the total
//! and the groups of the `group` column of `src/ingest/data/vektis_columns.csv`, whose cost
//! columns are summed), in one row of [`CostRow`]:
//!
//! - `insured_years` and `cost_total`: sums over the municipality's sex × age-class strata;
//! - `cost_per_insured_year`: the crude figure, `cost_total / insured_years`;
//! - `cost_per_insured_year_std`: directly standardised for sex and age class to the national
//!   insured population of the same year, `Σ_s W_s · r_s / Σ_s W_s`, where `r_s` is the
//!   municipality's cost per insured-year in stratum `s` and `W_s` the national insured-years
//!   in that stratum ([`direct_standardise`]);
//! - `nl_cost_per_insured_year`: the national crude figure;
//! - `ratio_observed_expected`: the indirectly standardised ratio `O / E`, with `O` the
//!   municipality's costs and `E = Σ_s insured-years_s × R_s`, `R_s` the national cost per
//!   insured-year of stratum `s`. Above 1: more costs than the national rates of each sex and
//!   age class would give this population.
//!
//! # The national population and the rest row
//!
//! Each file has one rest row of insured persons that Vektis could not place (no sex, age
//! class or municipality). It belongs to no municipality, so it is left out of every
//! municipality's row, but it is part of the country: `nl_cost_per_insured_year` includes it.
//! Having no sex or age class, it cannot be part of a stratum, so the standard weights `W_s`
//! and the national stratum rates `R_s` are summed over all municipality rows only (including
//! rows whose municipality name the register could not map). The national figure
//! standardised to itself therefore differs from `nl_cost_per_insured_year` by the rest row's
//! share (about 0.1% of the insured-years).
//!
//! # Absent cells are absent
//!
//! Vektis leaves out municipality × sex × age-class cells (small populations). A stratum
//! without a row, without insured-years (or with none above zero) or with an absent cost cell
//! in a category is left out of that category of that municipality: out of the sums and the
//! crude figure, and out of the standardisation, whose remaining weights are renormalised. An
//! absent cell is never read as zero, so a category's cost of a stratum exists only when every
//! cost column of the category that the file has is present. Every stratum left out is listed
//! in [`CareCosts::dropped_strata`] with the reason.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;

use crate::compute::stats::direct_standardise;
use crate::ingest::catalog::Catalog;
use crate::ingest::municipalities::MunicipalityRegister;
use crate::ingest::source::{Dataset, SourceKind};
use crate::ingest::vektis::AGE_CLASSES;

/// The sexes of the Vektis files, in stratum order.
pub const SEXES: [&str; 2] = ["M", "V"];

/// Number of sex × age-class strata.
const STRATA: usize = SEXES.len() * AGE_CLASSES.len();

/// A report category of care costs: the total, or one group of Vektis cost columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostCategory {
    /// Every cost column of the file.
    Total,
    /// GP care: registration fees, consultations, multidisciplinary care, other.
    Gp,
    /// Pharmacy.
    Pharmacy,
    /// Medical specialist (hospital) care.
    Hospital,
    /// Mental health care (all its columns of every year).
    MentalHealth,
    /// District nursing (wijkverpleging).
    DistrictNursing,
    /// Physiotherapy and other paramedical care.
    Paramedical,
    /// Everything else: aids, dental care, transport, birth care, cross-border care, ...
    Other,
}

impl CostCategory {
    /// All categories, in report order.
    pub const ALL: [CostCategory; 8] = [
        CostCategory::Total,
        CostCategory::Gp,
        CostCategory::Pharmacy,
        CostCategory::Hospital,
        CostCategory::MentalHealth,
        CostCategory::DistrictNursing,
        CostCategory::Paramedical,
        CostCategory::Other,
    ];

    /// The id as written in `costs.csv` and in the indicator catalogue (`mental_health`); for
    /// the groups it is the `group` of `vektis_columns.csv`.
    pub fn id(self) -> &'static str {
        match self {
            CostCategory::Total => "total",
            CostCategory::Gp => "gp",
            CostCategory::Pharmacy => "pharmacy",
            CostCategory::Hospital => "hospital",
            CostCategory::MentalHealth => "mental_health",
            CostCategory::DistrictNursing => "district_nursing",
            CostCategory::Paramedical => "paramedical",
            CostCategory::Other => "other",
        }
    }

    /// The category of an id, `None` for an unknown id.
    pub fn from_id(id: &str) -> Option<CostCategory> {
        CostCategory::ALL.into_iter().find(|c| c.id() == id)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for CostCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One municipality × category: a row of `costs.csv`.
///
/// Figures are `None` when no stratum of the municipality has both insured-years and the
/// category's costs (never in the published files, which leave out whole rows only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostRow {
    /// CBS code of the municipality, in the municipal division the file follows
    /// ([`CareCosts::division`]).
    pub gemeente_code: String,
    /// Official name of the municipality in that division (Vektis' spelling if unknown).
    pub gemeente_name: String,
    /// The year of the costs.
    pub year: Option<i32>,
    pub category: CostCategory,
    /// Insured-years of the strata used.
    pub insured_years: f64,
    /// Costs of the strata used, in euro.
    pub cost_total: Option<f64>,
    /// Crude costs per insured-year.
    pub cost_per_insured_year: Option<f64>,
    /// Costs per insured-year directly standardised for sex × age class to the national
    /// insured population of the year.
    pub cost_per_insured_year_std: Option<f64>,
    /// National crude costs per insured-year (all rows of the file, the rest row included).
    pub nl_cost_per_insured_year: Option<f64>,
    /// Observed / expected costs, the expected from the national cost per insured-year of
    /// each stratum.
    pub ratio_observed_expected: Option<f64>,
}

/// Why a stratum of a municipality was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The file has no row for the municipality × sex × age class (insured persons exist in
    /// that stratum elsewhere in the country).
    NoRow,
    /// The row has no insured-years, or none above zero.
    NoInsuredYears,
    /// A cost cell of the category is absent in the row.
    CostAbsent,
}

impl DropReason {
    /// The reason as written in notes (`no_row`, ...).
    pub fn id(self) -> &'static str {
        match self {
            DropReason::NoRow => "no_row",
            DropReason::NoInsuredYears => "no_insured_years",
            DropReason::CostAbsent => "cost_absent",
        }
    }
}

/// A stratum left out of a municipality's figures (and out of its standardisation, whose
/// weights were renormalised over the remaining strata).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedStratum {
    pub gemeente_code: String,
    /// The category it was left out of; `None` for every category (no row, no insured-years).
    pub category: Option<CostCategory>,
    /// `M` or `V`.
    pub sex: &'static str,
    /// Age class id (`0-4`, ..., `90+`).
    pub age_class: &'static str,
    pub reason: DropReason,
}

/// The care costs of one Vektis file.
#[derive(Debug, Clone, PartialEq)]
pub struct CareCosts {
    /// One row per municipality × category, by municipality code then category.
    pub rows: Vec<CostRow>,
    /// The strata left out, by municipality code, sex, age class.
    pub dropped_strata: Vec<DroppedStratum>,
    /// The municipal division (year) the codes follow.
    pub division: Option<i32>,
    /// Other facts a reader should know (unmapped municipality names, repeated rows, cost
    /// columns without any value).
    pub notes: Vec<String>,
}

/// A dataset that is not a Vektis file per municipality.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{file}: care costs per municipality need a Vektis Zvw file per gemeente; this file is {found}"
)]
pub struct NotVektisGemeente {
    /// The file name.
    pub file: String,
    /// What the file is.
    pub found: String,
}

/// Costs and insured-years of one municipality (or of the unmapped names, or of the rest
/// row) per stratum; for the rest row only stratum 0 is used.
struct Unit {
    name: String,
    insured_years: [Option<f64>; STRATA],
    /// Per stratum, per cost column of the file.
    costs: Vec<Vec<Option<f64>>>,
    /// Rows seen per stratum (more than one: summed, with a note).
    rows: [u16; STRATA],
}

impl Unit {
    fn new(name: &str, columns: usize) -> Unit {
        Unit {
            name: name.to_owned(),
            insured_years: [None; STRATA],
            costs: vec![vec![None; columns]; STRATA],
            rows: [0; STRATA],
        }
    }

    /// The cost of a category in a stratum: the sum of its columns, `None` when any of them
    /// is absent.
    fn category_cost(&self, stratum: usize, columns: &[usize]) -> Option<f64> {
        columns
            .iter()
            .map(|&c| self.costs[stratum][c])
            .sum::<Option<f64>>()
    }

    /// Insured-years of a stratum when above zero.
    fn positive_years(&self, stratum: usize) -> Option<f64> {
        self.insured_years[stratum].filter(|&y| y > 0.0)
    }
}

fn add(cell: &mut Option<f64>, value: f64) {
    *cell = Some(cell.unwrap_or(0.0) + value);
}

fn stratum_of(sex: Option<&str>, age_class: Option<&str>) -> Option<usize> {
    let sex = SEXES.iter().position(|s| Some(*s) == sex)?;
    let age = AGE_CLASSES.iter().position(|a| Some(*a) == age_class)?;
    Some(sex * AGE_CLASSES.len() + age)
}

fn stratum_labels(stratum: usize) -> (&'static str, &'static str) {
    (
        SEXES[stratum / AGE_CLASSES.len()],
        AGE_CLASSES[stratum % AGE_CLASSES.len()],
    )
}

/// Care costs per municipality and category of a Vektis file per gemeente (see the module
/// documentation for the definitions).
///
/// Returns an error only for a dataset of another kind; problems in the data become notes or
/// dropped strata.
pub fn care_costs(dataset: &Dataset) -> Result<CareCosts, NotVektisGemeente> {
    if dataset.source != SourceKind::VektisZvwGemeente {
        return Err(NotVektisGemeente {
            file: dataset.file.name.clone(),
            found: dataset.source.description().to_owned(),
        });
    }
    let catalog = Catalog::builtin();
    let mut notes = Vec::new();

    // The cost columns of the file that hold values, and the columns of each category.
    let mut columns: Vec<&str> = Vec::new();
    let mut category_columns: Vec<Vec<usize>> = vec![Vec::new(); CostCategory::ALL.len()];
    for recognised in &dataset.indicators {
        let Some(category) = recognised.indicator.strip_prefix("cost_") else {
            continue;
        };
        if !recognised.has_values {
            notes.push(format!(
                "{}: the cost column {} holds no value and is left out",
                dataset.file.name, recognised.column
            ));
            continue;
        }
        if columns.contains(&recognised.indicator.as_str()) {
            continue;
        }
        let group = catalog
            .vektis
            .iter()
            .find(|v| v.category == category)
            .and_then(|v| CostCategory::from_id(&v.group))
            .filter(|&g| g != CostCategory::Total);
        let Some(group) = group else {
            notes.push(format!(
                "{}: the cost column {} has no report group; it counts in the total only",
                dataset.file.name, recognised.column
            ));
            category_columns[CostCategory::Total.index()].push(columns.len());
            columns.push(&recognised.indicator);
            continue;
        };
        category_columns[CostCategory::Total.index()].push(columns.len());
        category_columns[group.index()].push(columns.len());
        columns.push(&recognised.indicator);
    }
    let column_of: HashMap<&str, usize> =
        columns.iter().enumerate().map(|(i, c)| (*c, i)).collect();

    // Gather the cells per municipality (by code), unmapped name and the rest row.
    let mut municipalities: BTreeMap<String, Unit> = BTreeMap::new();
    let mut unmapped: BTreeMap<String, Unit> = BTreeMap::new();
    let mut rest = Unit::new("rest", columns.len());
    for o in dataset.table.iter() {
        let (unit, stratum) = if o.area.level == "rest" {
            (&mut rest, 0)
        } else {
            let Some(stratum) = stratum_of(o.sex, o.age_class) else {
                continue;
            };
            let unit = if o.area.code.is_empty() {
                unmapped
                    .entry(o.area.name.clone())
                    .or_insert_with(|| Unit::new(&o.area.name, columns.len()))
            } else {
                municipalities
                    .entry(o.area.code.clone())
                    .or_insert_with(|| Unit::new(&o.area.name, columns.len()))
            };
            (unit, stratum)
        };
        let Some(value) = o.value else { continue };
        match o.indicator {
            "insured_years" => {
                add(&mut unit.insured_years[stratum], value);
                unit.rows[stratum] = unit.rows[stratum].saturating_add(1);
            }
            indicator => {
                if let Some(&c) = column_of.get(indicator) {
                    add(&mut unit.costs[stratum][c], value);
                }
            }
        }
    }
    for (code, unit) in &municipalities {
        let repeated = unit.rows.iter().filter(|&&n| n > 1).count();
        if repeated > 0 {
            notes.push(format!(
                "{}: {code} ({}) has {repeated} sex × age classes in more than one row; their cells are added up",
                dataset.file.name, unit.name
            ));
        }
    }
    for name in unmapped.keys() {
        notes.push(format!(
            "{}: municipality {name:?} has no CBS code; its insured persons count in the national figures only",
            dataset.file.name
        ));
    }

    // The standard population and the national rates per stratum, over every municipality
    // row (mapped or not); the rest row has no stratum.
    let units = || municipalities.values().chain(unmapped.values());
    let mut weights = [0.0; STRATA];
    for unit in units() {
        for (s, weight) in weights.iter_mut().enumerate() {
            *weight += unit.positive_years(s).unwrap_or(0.0);
        }
    }
    let national_rates: Vec<[Option<f64>; STRATA]> = CostCategory::ALL
        .iter()
        .map(|category| {
            let cols = &category_columns[category.index()];
            let mut rates = [None; STRATA];
            for (s, rate) in rates.iter_mut().enumerate() {
                let (mut cost, mut years) = (0.0, 0.0);
                for unit in units() {
                    if let (Some(y), Some(c)) =
                        (unit.positive_years(s), unit.category_cost(s, cols))
                    {
                        cost += c;
                        years += y;
                    }
                }
                *rate = (years > 0.0).then(|| cost / years);
            }
            rates
        })
        .collect();
    let national_crude: Vec<Option<f64>> = CostCategory::ALL
        .iter()
        .map(|category| {
            let cols = &category_columns[category.index()];
            let (mut cost, mut years) = (0.0, 0.0);
            let rest_cell = (rest.positive_years(0), rest.category_cost(0, cols));
            let cells = units()
                .flat_map(|unit| {
                    (0..STRATA).map(|s| (unit.positive_years(s), unit.category_cost(s, cols)))
                })
                .chain(std::iter::once(rest_cell));
            for cell in cells {
                if let (Some(y), Some(c)) = cell {
                    cost += c;
                    years += y;
                }
            }
            (years > 0.0).then(|| cost / years)
        })
        .collect();

    let register = MunicipalityRegister::builtin();
    let division = dataset.municipal_division.or(dataset.year);
    let mut rows = Vec::with_capacity(municipalities.len() * CostCategory::ALL.len());
    let mut dropped_strata = Vec::new();
    for (code, unit) in &municipalities {
        let gemeente_name = division
            .and_then(|year| register.name_for_code(code, year))
            .unwrap_or(&unit.name)
            .to_owned();
        for (s, &weight) in weights.iter().enumerate() {
            let reason = if unit.rows[s] == 0 && unit.costs[s].iter().all(Option::is_none) {
                DropReason::NoRow
            } else if unit.positive_years(s).is_none() {
                DropReason::NoInsuredYears
            } else {
                continue;
            };
            // A stratum nobody in the country is in is not missing from this municipality.
            if weight > 0.0 || reason == DropReason::NoInsuredYears {
                let (sex, age_class) = stratum_labels(s);
                dropped_strata.push(DroppedStratum {
                    gemeente_code: code.clone(),
                    category: None,
                    sex,
                    age_class,
                    reason,
                });
            }
        }
        for category in CostCategory::ALL {
            let cols = &category_columns[category.index()];
            let mut rates = [None; STRATA];
            let (mut years, mut cost, mut expected) = (0.0, 0.0, 0.0);
            let mut any = false;
            for (s, rate) in rates.iter_mut().enumerate() {
                let Some(y) = unit.positive_years(s) else {
                    continue;
                };
                let Some(c) = unit.category_cost(s, cols) else {
                    let (sex, age_class) = stratum_labels(s);
                    dropped_strata.push(DroppedStratum {
                        gemeente_code: code.clone(),
                        category: Some(category),
                        sex,
                        age_class,
                        reason: DropReason::CostAbsent,
                    });
                    continue;
                };
                any = true;
                years += y;
                cost += c;
                *rate = Some(c / y);
                // The expected costs: `expected_count` in `stats` is for event counts and
                // refuses negative ones, but Vektis costs may be negative, so the sum is
                // written out here.
                expected += y * national_rates[category.index()][s].unwrap_or(0.0);
            }
            rows.push(CostRow {
                gemeente_code: code.clone(),
                gemeente_name: gemeente_name.clone(),
                year: dataset.year,
                category,
                insured_years: years,
                cost_total: any.then_some(cost),
                cost_per_insured_year: (any && years > 0.0).then(|| cost / years),
                cost_per_insured_year_std: direct_standardise(&rates, &weights),
                nl_cost_per_insured_year: national_crude[category.index()],
                ratio_observed_expected: (any && expected > 0.0).then(|| cost / expected),
            });
        }
    }
    Ok(CareCosts {
        rows,
        dropped_strata,
        division,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::ingest::source::{FileInfo, RecognisedColumn};
    use crate::ingest::tidy::Observation;

    /// Code, level, sex; insured-years and the three cost cells.
    type SyntheticRow = (
        &'static str,
        &'static str,
        Option<&'static str>,
        [Option<f64>; 4],
    );

    /// A Vektis file of two municipalities and the rest row, three cost columns (pharmacy and
    /// two GP columns), strata M 0-4 and V 0-4. GM0002 has no V 0-4 row; GM0001's V 0-4 row
    /// lacks `kosten_huisarts_overig`.
    fn synthetic() -> Dataset {
        let info = FileInfo::from_bytes(Path::new("vektis-zvw-2023-gemeente.csv"), b"");
        let mut dataset = Dataset::new(info, SourceKind::VektisZvwGemeente, None);
        dataset.year = Some(2023);
        dataset.municipal_division = Some(2023);
        for (column, indicator) in [
            ("kosten_farmacie", "cost_pharmacy"),
            ("kosten_huisarts_consult", "cost_gp_consultation"),
            ("kosten_huisarts_overig", "cost_gp_other"),
        ] {
            dataset.indicators.push(RecognisedColumn {
                column: column.to_owned(),
                indicator: indicator.to_owned(),
                unit: "eur".to_owned(),
                has_values: true,
            });
        }
        let rows: [SyntheticRow; 4] = [
            (
                "GM0001",
                "gemeente",
                Some("M"),
                [Some(10.0), Some(100.0), Some(50.0), Some(10.0)],
            ),
            (
                "GM0001",
                "gemeente",
                Some("V"),
                [Some(10.0), Some(300.0), Some(20.0), None],
            ),
            (
                "GM0002",
                "gemeente",
                Some("M"),
                [Some(30.0), Some(30.0), Some(30.0), Some(30.0)],
            ),
            (
                "REST",
                "rest",
                None,
                [Some(5.0), Some(50.0), Some(5.0), Some(5.0)],
            ),
        ];
        for (code, level, sex, cells) in rows {
            let indicators = [
                "insured_years",
                "cost_pharmacy",
                "cost_gp_consultation",
                "cost_gp_other",
            ];
            for (indicator, value) in indicators.into_iter().zip(cells) {
                let Some(value) = value else { continue };
                dataset.table.push(Observation {
                    area_code: code,
                    area_name: code,
                    level,
                    gemeente_code: (level == "gemeente").then_some(code),
                    period: Some(2023),
                    sex,
                    age_class: sex.map(|_| "0-4"),
                    indicator,
                    value: Some(value),
                    unit: "eur",
                    status: "",
                    ..Default::default()
                });
            }
        }
        dataset
    }

    fn row<'c>(costs: &'c CareCosts, code: &str, category: CostCategory) -> &'c CostRow {
        costs
            .rows
            .iter()
            .find(|r| r.gemeente_code == code && r.category == category)
            .expect("row")
    }

    fn assert_near(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a value");
        assert!((actual - expected).abs() < 1e-12, "{actual} != {expected}");
    }

    #[test]
    fn standardisation_renormalises_and_absent_cells_stay_absent() {
        let costs = care_costs(&synthetic()).expect("vektis");
        // Weights: M 0-4 = 10 + 30, V 0-4 = 10. Pharmacy rates: M 130/40, V 300/10.
        let a = row(&costs, "GM0001", CostCategory::Pharmacy);
        assert_eq!((a.insured_years, a.cost_total), (20.0, Some(400.0)));
        assert_near(a.cost_per_insured_year, 20.0);
        assert_near(
            a.cost_per_insured_year_std,
            (40.0 * 10.0 + 10.0 * 30.0) / 50.0,
        );
        assert_near(
            a.ratio_observed_expected,
            400.0 / (10.0 * 3.25 + 10.0 * 30.0),
        );
        // The rest row counts in the national figure only.
        assert_near(a.nl_cost_per_insured_year, 480.0 / 55.0);
        // GM0002 has M 0-4 only: its standardised rate is that stratum's rate.
        let b = row(&costs, "GM0002", CostCategory::Pharmacy);
        assert_near(b.cost_per_insured_year_std, 1.0);
        assert_near(b.ratio_observed_expected, 30.0 / (30.0 * 3.25));
        // GM0001's V 0-4 lacks a GP cell: that stratum is out of gp (and total), not zero.
        let gp = row(&costs, "GM0001", CostCategory::Gp);
        assert_eq!((gp.insured_years, gp.cost_total), (10.0, Some(60.0)));
        assert_near(gp.cost_per_insured_year_std, 6.0);
        assert_near(gp.ratio_observed_expected, 60.0 / (10.0 * 120.0 / 40.0));
        assert_near(gp.nl_cost_per_insured_year, 130.0 / 45.0);
        let dropped: Vec<(&str, Option<CostCategory>, &str, DropReason)> = costs
            .dropped_strata
            .iter()
            .map(|d| (d.gemeente_code.as_str(), d.category, d.sex, d.reason))
            .collect();
        assert_eq!(
            dropped,
            [
                (
                    "GM0001",
                    Some(CostCategory::Total),
                    "V",
                    DropReason::CostAbsent
                ),
                (
                    "GM0001",
                    Some(CostCategory::Gp),
                    "V",
                    DropReason::CostAbsent
                ),
                ("GM0002", None, "V", DropReason::NoRow),
            ]
        );
        // Strata nobody has (the other 36) are not reported as missing.
        assert_eq!(costs.rows.len(), 2 * CostCategory::ALL.len());
    }

    #[test]
    fn categories_round_trip() {
        for category in CostCategory::ALL {
            assert_eq!(CostCategory::from_id(category.id()), Some(category));
        }
        assert_eq!(CostCategory::from_id("dental"), None);
    }
}
