//! The networks' areas against comparable areas without a network (issue 12): the
//! comparison areas (`comparison_areas`), the change of every RIVM/GGD indicator present
//! in several periods against theirs (`area_did`), and the standardised Vektis costs of
//! each network municipality around the network's start against its comparison
//! municipalities (`cost_trends`). The statistics are those of `compute::compare`; this
//! module finds the figures in the tidy tables and puts the rows together.
//!
//! Choices (documented in `pipelines/README.md`):
//! * Baseline characteristics from the KWB of the earliest year given: share aged 65+,
//!   share of one-person households, share of households with a low income, address
//!   density, and the earliest period's RIVM value of self-rated health (18+, else 65+)
//!   when present. Every network area of the register is excluded, not only those
//!   compared.
//! * The broad set: every area of the same level and urbanity class without a network,
//!   ranked by the same distance; the class is `ste_mvs`, or made from the address density
//!   `ste_oad` with CBS's limits (2 500, 1 500, 1 000, 500 addresses per km²).
//! * Changes between consecutive periods of an indicator × age group, and between its
//!   first and last period when there are more than two.
//! * Vektis files of different municipal divisions are mapped to the division of the
//!   latest file with the municipality register's `successor()`; merged municipalities
//!   get the insured-years-weighted mean of their parts' standardised costs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::{Inputs, Missing};
use crate::compute::compare::{
    AreaCharacteristics, difference_in_differences, nearest_neighbours, placebo_rank,
};
use crate::compute::costs::care_costs;
use crate::ingest::municipalities::MunicipalityRegister;
use crate::ingest::source::{Dataset, SourceKind};

/// The nearest comparison areas.
pub const SET_NEAREST: &str = "nearest";
/// All areas of the same level and urbanity class.
pub const SET_BROAD: &str = "broad";

/// One comparison area of one network area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonAreaRow {
    pub network_id: String,
    pub area_code: String,
    pub level: String,
    pub comparison_set: &'static str,
    pub comparison_code: String,
    pub distance: f64,
    pub rank: usize,
}

/// One indicator's change in a network area against its comparison areas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaDidRow {
    pub network_id: String,
    pub area_code: String,
    pub indicator: String,
    pub age_group: String,
    pub comparison_set: &'static str,
    pub period_from: i32,
    pub period_to: i32,
    pub value_from: f64,
    pub value_to: f64,
    pub change: f64,
    pub comparison_n: usize,
    pub comparison_mean_change: Option<f64>,
    pub comparison_sd_change: Option<f64>,
    pub did: Option<f64>,
    pub placebo_rank: Option<usize>,
    pub placebo_p: Option<f64>,
    pub timing: &'static str,
}

/// One year of a network municipality's standardised costs against its comparison
/// municipalities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostTrendRow {
    pub network_id: String,
    pub gemeente_code: String,
    pub category: &'static str,
    pub year: i32,
    pub cost_std: Option<f64>,
    pub comparison_n: usize,
    pub comparison_mean_std: Option<f64>,
    /// Whether the year is the start year or later; empty without a start date.
    pub after_start: Option<bool>,
    /// (mean after − mean before) of the municipality minus the same of its comparison
    /// mean, on every row of the network × category.
    pub did: Option<f64>,
}

/// A comparison area's change: area code, indicator, age group, period from, period to.
pub type ChangeKey = (String, String, String, i32, i32);

/// The area parts of the comparison.
#[derive(Debug, Clone, Default)]
pub struct AreaComparison {
    pub comparison_areas: Vec<ComparisonAreaRow>,
    pub area_did: Vec<AreaDidRow>,
    pub cost_trends: Vec<CostTrendRow>,
    /// Network areas without comparison areas, with the reason.
    pub unmatched: Vec<(String, String, String)>,
    /// The change of each nearest comparison area, by area, indicator, age group and
    /// periods (for the report's charts).
    pub comparison_changes: HashMap<ChangeKey, f64>,
}

/// The RIVM values by indicator × age group, then period, then area index (NaN where
/// missing): array lookups, since a broad comparison set can hold thousands of areas.
#[derive(Default)]
struct Rivm {
    /// Area code → index.
    index: HashMap<String, usize>,
    series: BTreeMap<(String, String), BTreeMap<i32, Vec<f64>>>,
}

impl Rivm {
    fn value(periods: &BTreeMap<i32, Vec<f64>>, period: i32, area: Option<usize>) -> Option<f64> {
        let v = *periods.get(&period)?.get(area?)?;
        (!v.is_nan()).then_some(v)
    }
}

/// The RIVM values of every file (rows of the whole age group: no sex or age class).
fn rivm_values(open_data: &[&Dataset]) -> Rivm {
    let files: Vec<&&Dataset> = open_data
        .iter()
        .filter(|d| d.source == SourceKind::RivmGezondheid)
        .collect();
    let mut rivm = Rivm::default();
    for d in &files {
        for area in d.table.areas() {
            let next = rivm.index.len();
            rivm.index.entry(area.code.clone()).or_insert(next);
        }
    }
    let n = rivm.index.len();
    // Keys borrowed from the files while reading (a national file holds a million
    // observations; owned keys cost two allocations each), owned at the end.
    let mut series: rustc_hash::FxHashMap<(&str, &str), BTreeMap<i32, Vec<f64>>> =
        Default::default();
    let mut at_of: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (code, i) in &rivm.index {
        at_of.insert(code.as_str(), *i);
    }
    for d in &files {
        for o in d.table.iter() {
            if o.sex.is_some() || o.age_class.is_some() {
                continue;
            }
            let (Some(period), Some(value)) = (o.period.or(d.year), o.value) else {
                continue;
            };
            let Some(&at) = at_of.get(o.area.code.as_str()) else {
                continue;
            };
            series
                .entry((o.indicator, o.age_group.unwrap_or("")))
                .or_default()
                .entry(period)
                .or_insert_with(|| vec![f64::NAN; n])[at] = value;
        }
    }
    rivm.series = series
        .into_iter()
        .map(|((indicator, age), periods)| ((indicator.to_owned(), age.to_owned()), periods))
        .collect();
    rivm
}

/// Computes comparison areas, area changes and cost trends as far as the inputs allow,
/// noting in `missing` what is absent.
pub fn compare_areas(inputs: &Inputs, missing: &mut Vec<Missing>) -> AreaComparison {
    let mut out = AreaComparison::default();
    let mut rivm = rivm_values(&inputs.open_data);
    // Only indicator × age groups with two periods or more.
    rivm.series.retain(|_, periods| periods.len() >= 2);
    if rivm.series.is_empty() {
        missing.push(Missing::RivmPeriods);
    }
    let kwb = inputs
        .open_data
        .iter()
        .filter(|d| d.source == SourceKind::CbsKwb)
        .min_by_key(|d| (d.year.unwrap_or(i32::MAX), d.file.path.clone()));
    match kwb {
        None => missing.push(Missing::Kwb),
        Some(kwb) => {
            compare_with_kwb(inputs, kwb, &rivm, &mut out);
        }
    }
    let vektis: Vec<&Dataset> = inputs
        .open_data
        .iter()
        .copied()
        .filter(|d| d.source == SourceKind::VektisZvwGemeente)
        .collect();
    if vektis.is_empty() {
        missing.push(Missing::Vektis);
    } else {
        out.cost_trends = cost_trends(inputs, &vektis);
    }
    out
}

/// The characteristics of every area of the KWB, with its level and urbanity class.
struct KwbAreas {
    areas: Vec<AreaCharacteristics>,
    level: HashMap<String, String>,
    urbanity: HashMap<String, i64>,
}

fn kwb_areas(kwb: &Dataset, baseline: Option<&HashMap<String, f64>>) -> KwbAreas {
    let mut vars: HashMap<&str, HashMap<&str, f64>> = HashMap::new();
    let mut level = HashMap::new();
    for o in kwb.table.iter() {
        if !level.contains_key(o.area.code.as_str()) {
            level.insert(o.area.code.clone(), o.area.level.clone());
        }
        if let Some(v) = o.value {
            vars.entry(o.area.code.as_str())
                .or_default()
                .insert(o.indicator, v);
        }
    }
    let share = |a: Option<&f64>, b: Option<&f64>| match (a, b) {
        (Some(a), Some(b)) if *b > 0.0 => Some(a / b),
        _ => None,
    };
    let mut codes: Vec<&&str> = vars.keys().collect();
    codes.sort();
    let mut urbanity = HashMap::new();
    let areas = codes
        .into_iter()
        .map(|code| {
            let v = &vars[*code];
            // The urbanity class as published, or made from the address density by CBS's
            // own class limits (the reader does not keep the coded column).
            let class = v.get("ste_mvs").map(|u| u.round() as i64).or_else(|| {
                v.get("ste_oad").map(|d| match *d {
                    d if d >= 2500.0 => 1,
                    d if d >= 1500.0 => 2,
                    d if d >= 1000.0 => 3,
                    d if d >= 500.0 => 4,
                    _ => 5,
                })
            });
            if let Some(class) = class {
                urbanity.insert((*code).to_owned(), class);
            }
            let low_income = v.get("p_hh_lkk").or_else(|| v.get("p_hh_li")).copied();
            let mut values = vec![
                share(v.get("a_65_oo"), v.get("a_inw")),
                share(v.get("a_1p_hh"), v.get("a_hh")),
                low_income,
                v.get("ste_oad").copied(),
            ];
            if let Some(baseline) = baseline {
                values.push(baseline.get(*code).copied());
            }
            AreaCharacteristics {
                code: (*code).to_owned(),
                values,
            }
        })
        .collect();
    KwbAreas {
        areas,
        level,
        urbanity,
    }
}

/// The indicator whose earliest value joins the baseline characteristics.
const BASELINE_INDICATOR: &str = "good_self_rated_health";

fn compare_with_kwb(inputs: &Inputs, kwb: &Dataset, rivm: &Rivm, out: &mut AreaComparison) {
    // The baseline outcome: self-rated health in its earliest period, 18+ before 65+.
    let baseline = ["18+", "65+"].iter().find_map(|age| {
        let series = rivm
            .series
            .get(&(BASELINE_INDICATOR.to_owned(), (*age).to_owned()))?;
        let first = series.values().next()?;
        Some(
            rivm.index
                .iter()
                .filter(|(_, i)| !first[**i].is_nan())
                .map(|(code, i)| (code.clone(), first[*i]))
                .collect::<HashMap<String, f64>>(),
        )
    });
    let all = kwb_areas(kwb, baseline.as_ref());
    let excluded: BTreeSet<String> = inputs
        .register
        .areas
        .iter()
        .map(|a| a.area.code.clone())
        .collect();
    let by_level: BTreeMap<&str, Vec<AreaCharacteristics>> = {
        let mut m: BTreeMap<&str, Vec<AreaCharacteristics>> = BTreeMap::new();
        for a in &all.areas {
            if let Some(level) = all.level.get(&a.code) {
                m.entry(level.as_str()).or_default().push(a.clone());
            }
        }
        m
    };
    let start_year = |network: &str| {
        inputs
            .register
            .network(network)
            .and_then(|n| n.start_date)
            .map(|d| chrono::Datelike::year(&d))
    };
    // The work of an area depends on its code only: done once per distinct area (networks
    // can share areas), the areas in parallel, then written out per network.
    let codes: BTreeSet<&str> = inputs
        .register
        .areas
        .iter()
        .filter(|a| inputs.networks.contains(a.network.as_str()))
        .map(|a| a.area.code.as_str())
        .collect();
    let context = AreaContext {
        all: &all,
        by_level: &by_level,
        excluded: &excluded,
        rivm,
        neighbours: inputs.settings.neighbours,
    };
    let results: BTreeMap<&str, Result<AreaResult, String>> = {
        use rayon::prelude::*;
        let codes: Vec<&str> = codes.into_iter().collect();
        codes
            .par_iter()
            .map(|code| (*code, context.area(code)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect()
    };
    for area in inputs
        .register
        .areas
        .iter()
        .filter(|a| inputs.networks.contains(a.network.as_str()))
    {
        let code = &area.area.code;
        let result = match &results[code.as_str()] {
            Ok(r) => r,
            Err(reason) => {
                out.unmatched
                    .push((area.network.clone(), code.clone(), reason.clone()));
                continue;
            }
        };
        for (set, list) in [(SET_NEAREST, &result.nearest), (SET_BROAD, &result.broad)] {
            for (i, (comparison, distance)) in list.iter().enumerate() {
                out.comparison_areas.push(ComparisonAreaRow {
                    network_id: area.network.clone(),
                    area_code: code.clone(),
                    level: result.level.clone(),
                    comparison_set: set,
                    comparison_code: comparison.clone(),
                    distance: *distance,
                    rank: i + 1,
                });
            }
        }
        let start = start_year(&area.network);
        for row in &result.did {
            out.area_did.push(AreaDidRow {
                network_id: area.network.clone(),
                timing: timing(start, row.period_from, row.period_to),
                ..row.clone()
            });
        }
    }
    for result in results.into_values().flatten() {
        out.comparison_changes.extend(result.changes);
    }
}

/// What the comparison of every area needs.
struct AreaContext<'a> {
    all: &'a KwbAreas,
    by_level: &'a BTreeMap<&'a str, Vec<AreaCharacteristics>>,
    excluded: &'a BTreeSet<String>,
    rivm: &'a Rivm,
    neighbours: usize,
}

/// The comparison of one area, whichever network it belongs to: its comparison sets and
/// its rows of `area_did` (without network id and timing).
struct AreaResult {
    level: String,
    /// The nearest comparison areas with their distance, nearest first.
    nearest: Vec<(String, f64)>,
    /// The broad set, nearest first.
    broad: Vec<(String, f64)>,
    did: Vec<AreaDidRow>,
    /// The change of each nearest comparison area (for the report's charts).
    changes: Vec<(ChangeKey, f64)>,
}

impl AreaContext<'_> {
    /// Comparison areas and changes of one area; `Err` with the reason when it has none.
    fn area(&self, code: &str) -> Result<AreaResult, String> {
        let all = self.all;
        let Some(level) = all.level.get(code) else {
            return Err("not in the KWB".to_owned());
        };
        let candidates = &self.by_level[level.as_str()];
        let ranked = nearest_neighbours(code, candidates, self.excluded, usize::MAX)
            .map_err(|e| e.to_string())?
            .neighbours;
        let class = all.urbanity.get(code);
        let nearest: Vec<_> = ranked.iter().take(self.neighbours).collect();
        let broad: Vec<_> = ranked
            .iter()
            .filter(|n| class.is_some() && all.urbanity.get(&n.code) == class)
            .collect();
        let rivm = self.rivm;
        let at = |code: &str| rivm.index.get(code).copied();
        let own = at(code);
        let nearest_at: Vec<Option<usize>> = nearest.iter().map(|n| at(&n.code)).collect();
        let broad_at: Vec<Option<usize>> = broad.iter().map(|n| at(&n.code)).collect();
        let mut did_rows = Vec::new();
        let mut changes_out = Vec::new();
        for ((indicator, age), series) in &rivm.series {
            let ps: Vec<i32> = series.keys().copied().collect();
            let mut pairs: Vec<(i32, i32)> = ps.windows(2).map(|w| (w[0], w[1])).collect();
            if ps.len() > 2 {
                pairs.push((ps[0], ps[ps.len() - 1]));
            }
            let value = |period: i32, area: Option<usize>| Rivm::value(series, period, area);
            for (from, to) in pairs {
                let (Some(v0), Some(v1)) = (value(from, own), value(to, own)) else {
                    continue;
                };
                for (set, list, list_at) in [
                    (SET_NEAREST, &nearest, &nearest_at),
                    (SET_BROAD, &broad, &broad_at),
                ] {
                    let comparisons: Vec<(Option<f64>, Option<f64>)> = list_at
                        .iter()
                        .map(|&i| (value(from, i), value(to, i)))
                        .collect();
                    let changes: Vec<f64> = comparisons
                        .iter()
                        .filter_map(|&(a, b)| Some(b? - a?))
                        .filter(|c| c.is_finite())
                        .collect();
                    if set == SET_NEAREST {
                        for (n, (a, b)) in list.iter().zip(&comparisons) {
                            if let (Some(a), Some(b)) = (a, b) {
                                changes_out.push((
                                    (n.code.clone(), indicator.clone(), age.clone(), from, to),
                                    b - a,
                                ));
                            }
                        }
                    }
                    let did = difference_in_differences(v0, v1, &comparisons);
                    let placebo = placebo_rank(v1 - v0, &changes);
                    did_rows.push(AreaDidRow {
                        network_id: String::new(),
                        area_code: code.to_owned(),
                        indicator: indicator.clone(),
                        age_group: age.clone(),
                        comparison_set: set,
                        period_from: from,
                        period_to: to,
                        value_from: v0,
                        value_to: v1,
                        change: v1 - v0,
                        comparison_n: changes.len(),
                        comparison_mean_change: did.map(|d| d.comparison_mean_change),
                        comparison_sd_change: did.and_then(|d| d.comparison_sd_change),
                        did: did.map(|d| d.did),
                        placebo_rank: placebo.map(|p| p.rank),
                        placebo_p: placebo.map(|p| p.p),
                        timing: "unknown",
                    });
                }
            }
        }
        let pairs = |list: &[&crate::compute::compare::Neighbour]| {
            list.iter().map(|n| (n.code.clone(), n.distance)).collect()
        };
        Ok(AreaResult {
            level: level.clone(),
            nearest: pairs(&nearest),
            broad: pairs(&broad),
            did: did_rows,
            changes: changes_out,
        })
    }
}

/// Whether the periods lie before the start year, span it or lie after it.
fn timing(start: Option<i32>, from: i32, to: i32) -> &'static str {
    match start {
        None => "unknown",
        Some(s) if to < s => "before",
        Some(s) if from >= s => "after",
        Some(_) => "spanning",
    }
}

/// The standardised costs per municipality (in the target division), category and year.
type CostKey = (String, &'static str, i32);

fn cost_trends(inputs: &Inputs, vektis: &[&Dataset]) -> Vec<CostTrendRow> {
    let register = MunicipalityRegister::builtin();
    let target = vektis
        .iter()
        .filter_map(|d| d.municipal_division.or(d.year))
        .max()
        .unwrap_or(2024);
    // (municipality, category, year) → (Σ cost·weight, Σ weight)
    let mut sums: BTreeMap<CostKey, (f64, f64)> = BTreeMap::new();
    for d in vektis {
        let Ok(costs) = care_costs(d) else {
            continue;
        };
        for row in &costs.rows {
            let (Some(year), Some(cost)) = (row.year, row.cost_per_insured_year_std) else {
                continue;
            };
            let code = register
                .successor(&row.gemeente_code, target)
                .unwrap_or_else(|| row.gemeente_code.clone());
            let w = row.insured_years.max(0.0);
            let e = sums.entry((code, row.category.id(), year)).or_default();
            e.0 += cost * w;
            e.1 += w;
        }
    }
    let cost: HashMap<CostKey, f64> = sums
        .iter()
        .filter(|(_, (_, w))| *w > 0.0)
        .map(|(k, (s, w))| (k.clone(), s / w))
        .collect();
    let weight: HashMap<(String, i32), f64> = sums
        .iter()
        .filter(|((_, c, _), _)| *c == "total")
        .map(|((g, _, y), (_, w))| ((g.clone(), *y), *w))
        .collect();
    let years: BTreeSet<i32> = cost.keys().map(|(_, _, y)| *y).collect();
    let Some(&first) = years.first() else {
        return Vec::new();
    };
    let municipalities: BTreeSet<&String> = cost.keys().map(|(g, _, _)| g).collect();
    // Matching on baseline total costs and population (insured-years) of the first year.
    let areas: Vec<AreaCharacteristics> = municipalities
        .iter()
        .map(|g| AreaCharacteristics {
            code: (*g).clone(),
            values: vec![
                cost.get(&((*g).clone(), "total", first)).copied(),
                weight.get(&((*g).clone(), first)).map(|w| w.ln()),
            ],
        })
        .collect();
    let network_municipalities: BTreeSet<String> = inputs
        .register
        .networks
        .iter()
        .map(|n| {
            register
                .successor(&n.municipality, target)
                .unwrap_or_else(|| n.municipality.clone())
        })
        .collect();
    let categories: BTreeSet<&'static str> = cost.keys().map(|(_, c, _)| *c).collect();
    let mut rows = Vec::new();
    for network in inputs
        .register
        .networks
        .iter()
        .filter(|n| inputs.networks.contains(n.id.as_str()))
    {
        let code = register
            .successor(&network.municipality, target)
            .unwrap_or_else(|| network.municipality.clone());
        let Ok(found) = nearest_neighbours(
            &code,
            &areas,
            &network_municipalities,
            inputs.settings.neighbours,
        ) else {
            continue;
        };
        let start = network.start_date.map(|d| chrono::Datelike::year(&d));
        for category in &categories {
            let mut block = Vec::new();
            let mut before = (Vec::new(), Vec::new());
            let mut after = (Vec::new(), Vec::new());
            for &year in &years {
                let own = cost.get(&(code.clone(), category, year)).copied();
                let theirs: Vec<f64> = found
                    .neighbours
                    .iter()
                    .filter_map(|n| cost.get(&(n.code.clone(), *category, year)).copied())
                    .collect();
                let mean =
                    (!theirs.is_empty()).then(|| theirs.iter().sum::<f64>() / theirs.len() as f64);
                let after_start = start.map(|s| year >= s);
                if let (Some(own), Some(mean), Some(a)) = (own, mean, after_start) {
                    let side = if a { &mut after } else { &mut before };
                    side.0.push(own);
                    side.1.push(mean);
                }
                block.push(CostTrendRow {
                    network_id: network.id.clone(),
                    gemeente_code: code.clone(),
                    category,
                    year,
                    cost_std: own,
                    comparison_n: theirs.len(),
                    comparison_mean_std: mean,
                    after_start,
                    did: None,
                });
            }
            let avg = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
            let did = match (avg(&after.0), avg(&before.0), avg(&after.1), avg(&before.1)) {
                (Some(a), Some(b), Some(ca), Some(cb)) => Some((a - b) - (ca - cb)),
                _ => None,
            };
            for row in &mut block {
                row.did = did;
            }
            rows.extend(block);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_labelled_around_the_start() {
        assert_eq!(timing(Some(2018), 2012, 2016), "before");
        assert_eq!(timing(Some(2018), 2016, 2020), "spanning");
        assert_eq!(timing(Some(2016), 2016, 2020), "after");
        assert_eq!(timing(None, 2016, 2020), "unknown");
    }
}
