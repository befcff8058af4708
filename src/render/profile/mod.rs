//! The profile report: the profiles of a selection of areas (rows of
//! `profile.csv`, care costs) and the data `profiel.typ` reads, one
//! document per area.
//!
//! `data` holds the types of `data.json`, `build` makes them from the rows
//! and the findings (`compute::findings::profile`), `text` and `labels`
//! word them from the catalogue; `appendix` lists every other published figure.

pub mod appendix;
pub mod build;
pub mod data;
pub mod labels;
pub mod maps;
pub mod text;

use std::collections::BTreeMap;

use anyhow::Result;
use indicatif::ProgressBar;

use crate::compute::costs::{CareCosts, CostRow};
use crate::compute::profile::{AreaSelection, Level, ProfileData, ProfileRow};
use crate::geo::BoundarySet;
use crate::i18n::Messages;
use crate::ingest::source::Dataset;
use crate::render::export::{write_atomic, write_rows, write_rows_streamed};
use crate::render::outpath::output_file;
use crate::render::pdf::DocumentFile;
use crate::render::pool::{Job, Pool};
use crate::render::profile::build::ReportContext;
use crate::render::profile::maps::MapContext;
use crate::schema::{self, Table};
use crate::spec::catalogue::IndicatorCatalogue;

/// The profiles of a selection of areas: the rows of `profile.csv`, the
/// care costs, and what their reports need.
pub struct Profiles<'a> {
    pub datasets: &'a [Dataset],
    pub catalogue: &'a IndicatorCatalogue,
    pub data: ProfileData,
    pub rows: Vec<ProfileRow>,
    pub costs: Vec<CareCosts>,
    /// The boundaries of the maps; the built-in ones when `None`.
    pub boundaries: Option<&'a BoundarySet>,
}

impl<'a> Profiles<'a> {
    /// Computes the profile rows of `selection` and the care costs of every
    /// Vektis input.
    pub fn new(
        datasets: &'a [Dataset],
        catalogue: &'a IndicatorCatalogue,
        selection: &AreaSelection,
    ) -> Result<Profiles<'a>> {
        let data = ProfileData::new(datasets, catalogue);
        let rows = data.select(selection)?;
        Ok(Profiles::of(datasets, catalogue, data, rows))
    }

    /// The profiles of `rows` computed from `data`, with the care costs of
    /// every Vektis input and the built-in boundaries.
    fn of(
        datasets: &'a [Dataset],
        catalogue: &'a IndicatorCatalogue,
        data: ProfileData,
        rows: Vec<ProfileRow>,
    ) -> Profiles<'a> {
        let costs = data.care_costs().to_vec();
        Profiles {
            datasets,
            catalogue,
            data,
            rows,
            costs,
            boundaries: None,
        }
    }

    /// Draws the reports' maps with `boundaries` (built-in and the user's).
    pub fn with_boundaries(mut self, boundaries: &'a BoundarySet) -> Self {
        self.boundaries = Some(boundaries);
        self
    }

    /// As [`Profiles::new`], for a batch run that keeps nothing it does not need: once the
    /// profile data are computed, the datasets' tidy tables (every observation of every
    /// input, hundreds of megabytes for national files) are emptied — the reports need only
    /// the datasets' file information and area names (issue 11, defect 13).
    pub fn new_releasing_inputs(
        datasets: &'a mut [Dataset],
        catalogue: &'a IndicatorCatalogue,
        selection: &AreaSelection,
    ) -> Result<Profiles<'a>> {
        let data = ProfileData::new(datasets, catalogue);
        for dataset in datasets.iter_mut() {
            dataset.release_observations();
        }
        let rows = data.select(selection)?;
        Ok(Profiles::of(datasets, catalogue, data, rows))
    }

    /// The profiles of those of `codes` that the inputs have; the others
    /// are returned apart (a network may work in an area the open data of
    /// the run do not cover).
    pub fn of_areas_present(
        datasets: &'a [Dataset],
        catalogue: &'a IndicatorCatalogue,
        codes: &[String],
    ) -> Result<(Profiles<'a>, Vec<String>)> {
        let data = ProfileData::new(datasets, catalogue);
        let (present, absent): (Vec<String>, Vec<String>) =
            codes.iter().cloned().partition(|c| data.has_area(c));
        let rows = data.select(&AreaSelection::Areas(present))?;
        Ok((Profiles::of(datasets, catalogue, data, rows), absent))
    }

    /// The number of areas with rows (the country not counted).
    pub fn area_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.level != Level::Land)
            .map(|r| &r.area_code)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    }

    /// The tables `profile` and `costs`.
    pub fn tables(&self) -> Result<[Table; 2]> {
        let cost_rows: Vec<&CostRow> = self.costs.iter().flat_map(|c| c.rows.iter()).collect();
        Ok([
            Table::from_rows(&schema::PROFILE, &self.rows)?,
            Table::from_rows(&schema::COSTS, &cost_rows)?,
        ])
    }

    /// Writes `profile` and `costs` (CSV and Parquet) into `dir`; the profile rows streamed a
    /// chunk at a time ([`write_rows_streamed`]: a national table has millions of rows).
    pub fn write_tables(&self, dir: &std::path::Path) -> Result<()> {
        write_rows_streamed(&schema::PROFILE, &self.rows, dir, schema::PROFILE.name)?;
        let cost_rows: Vec<&CostRow> = self.costs.iter().flat_map(|c| c.rows.iter()).collect();
        write_rows(&schema::COSTS, &cost_rows, dir)?;
        Ok(())
    }

    /// Renders `DIR/profiel-<CODE>.pdf` per area (and with `keep_data` its
    /// data as `DIR/data/profiel-<CODE>.json`); returns the failures.
    pub fn render(
        &self,
        pool: &Pool,
        messages: &Messages,
        out: &std::path::Path,
        keep_data: bool,
        progress: &ProgressBar,
    ) -> Vec<String> {
        let mut by_area: BTreeMap<&str, Vec<&ProfileRow>> = BTreeMap::new();
        for row in &self.rows {
            if row.level != Level::Land {
                by_area.entry(&row.area_code).or_default().push(row);
            }
        }
        let builtin = BoundarySet::builtin();
        let levels: Vec<Level> = by_area
            .values()
            .map(|rows| rows[0].level)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let gemeenten: Vec<&str> = by_area
            .values()
            .filter_map(|rows| rows[0].gemeente_code.as_deref())
            .chain(
                by_area
                    .values()
                    .filter(|rows| rows[0].level == Level::Gemeente)
                    .map(|rows| &*rows[0].area_code),
            )
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let maps = MapContext::new(
            messages,
            self.boundaries.unwrap_or(&builtin),
            self.catalogue,
            &self.data,
            &levels,
            &gemeenten,
        );
        // The catalogue with every indicator the files publish (for the appendix).
        let context = ReportContext::new(
            self.datasets,
            self.data.catalogue(),
            &self.data,
            &self.costs,
            messages,
        )
        .with_maps(&maps);
        let areas: Vec<(&str, &Vec<&ProfileRow>)> = by_area.iter().map(|(k, v)| (*k, v)).collect();
        let date = pool.date();
        pool.render_all(&areas, progress, |code, area_rows| {
            let report = context.report(code, area_rows, &date);
            let json = serde_json::to_vec(&report)?;
            if keep_data {
                write_atomic(
                    &output_file(&out.join("data"), "profiel-", code, "json")?,
                    &json,
                )?;
            }
            Ok(Job {
                template: "profiel.typ",
                files: vec![DocumentFile {
                    path: "data.json".into(),
                    bytes: json,
                }],
                out: output_file(out, "profiel-", code, "pdf")?,
            })
        })
    }
}
