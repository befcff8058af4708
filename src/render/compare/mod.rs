//! The comparison across networks (issue 12): what `wijkmonitor compare` and `run` with
//! `[outputs] comparison = true` write — the tables (`site_effects`, `pooled`,
//! `moderators`, `comparison_areas`, `area_did`, `cost_trends`) as CSV and Parquet, their
//! workbook sheets, and `vergelijking.pdf`.
//!
//! [`compute`] gathers the inputs (before/after rows, the register, the open data) and
//! calls the pure functions of `compute::compare`; [`tables`] turns the result into data
//! frames with the stable schemas declared here; `report` builds the data of
//! `vergelijking.typ`.

pub mod areas;
pub mod charts;
pub mod figures;
pub mod report;
pub mod workbook_charts;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};

use crate::compute::activity::{CommunityChangeRow, MatchRow};
use crate::compute::compare::sites::{SiteComparison, compare_sites, moderator_level};
use crate::compute::effect::BeforeAfterRow;
use crate::compute::stats::meta::Options;
use crate::i18n::{Lang, Messages};
use crate::ingest::network::register::Register;
use crate::ingest::source::Dataset;
use crate::msg;
use crate::render::export::{write_atomic, write_table};
use crate::render::network::InstrumentResult;
use crate::render::pdf::{DocumentFile, Renderer};
use crate::render::workbook::write_workbook_with;
use crate::schema::{self, Table};
use crate::spec::pipeline::{ComparisonSettings, Pipeline};

/// What the comparison is made from.
pub struct Inputs<'a> {
    /// The network register (empty when the pipeline has none).
    pub register: &'a Register,
    /// The networks compared.
    pub networks: &'a BTreeSet<&'a str>,
    /// The before/after rows of every instrument.
    pub before_after: Vec<&'a BeforeAfterRow>,
    /// Every instrument's results (the per-wave means of collaboration).
    pub instruments: Vec<&'a InstrumentResult>,
    /// The match log per network (activity).
    pub matches: &'a [MatchRow],
    /// Questions handled in the community, first against last year (activity).
    pub community: &'a [CommunityChangeRow],
    /// Every open-data file that could be read.
    pub open_data: Vec<&'a Dataset>,
    pub settings: &'a ComparisonSettings,
    /// The disclosure threshold.
    pub min_n: usize,
    /// What counts as demonstrable (the pipeline's `alpha`).
    pub rules: crate::compute::findings::FindingRules,
    /// The confidence level of the before/after intervals.
    pub level: f64,
    /// The run's date (the phase of each network on this date).
    pub date: NaiveDate,
}

/// What is missing for a part of the comparison, for the report and the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// No register: nothing to compare.
    Register,
    /// No responses: no effects to pool.
    Responses,
    /// No KWB: no comparison areas.
    Kwb,
    /// No RIVM/GGD file with two periods or more.
    RivmPeriods,
    /// No Vektis files.
    Vektis,
}

impl Missing {
    /// A stable code (for the report data and messages).
    pub fn code(self) -> &'static str {
        match self {
            Missing::Register => "register",
            Missing::Responses => "responses",
            Missing::Kwb => "kwb",
            Missing::RivmPeriods => "rivm-periods",
            Missing::Vektis => "vektis",
        }
    }
}

/// The computed comparison.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub sites: SiteComparison,
    pub areas: areas::AreaComparison,
    pub missing: Vec<Missing>,
}

/// Computes every part the inputs allow.
pub fn compute(inputs: &Inputs) -> Comparison {
    let mut missing = Vec::new();
    if inputs.register.networks.is_empty() {
        missing.push(Missing::Register);
    }
    if inputs.before_after.is_empty() {
        missing.push(Missing::Responses);
    }
    let rows: Vec<BeforeAfterRow> = inputs
        .before_after
        .iter()
        .filter(|r| inputs.networks.contains(r.network_id.as_str()))
        .map(|r| (*r).clone())
        .collect();
    let networks: Vec<_> = inputs
        .register
        .networks
        .iter()
        .filter(|n| inputs.networks.contains(n.id.as_str()))
        .collect();
    let moderators: Vec<(String, BTreeMap<String, String>)> = inputs
        .settings
        .moderators
        .iter()
        .map(|m| {
            let levels = networks
                .iter()
                .filter_map(|n| {
                    moderator_level(inputs.register, n, m, inputs.date).map(|l| (n.id.clone(), l))
                })
                .collect();
            (m.clone(), levels)
        })
        .collect();
    let options = Options {
        method: inputs.settings.method,
        test: inputs.settings.test,
        level: inputs.level,
    };
    let sites = compare_sites(
        &rows,
        &moderators,
        &inputs.settings.measures,
        &options,
        inputs.min_n,
    );
    let areas = areas::compare_areas(inputs, &mut missing);
    Comparison {
        sites,
        areas,
        missing,
    }
}

/// The comparison's tables, in the order of `schema::ALL_TABLES`.
pub fn tables(c: &Comparison) -> Result<Vec<Table>> {
    Ok(vec![
        Table::from_rows(&schema::SITE_EFFECTS, &c.sites.site_effects)?,
        Table::from_rows(&schema::POOLED, &c.sites.pooled)?,
        Table::from_rows(&schema::MODERATORS, &c.sites.moderators)?,
        Table::from_rows(&schema::COMPARISON_AREAS, &c.areas.comparison_areas)?,
        Table::from_rows(&schema::AREA_DID, &c.areas.area_did)?,
        Table::from_rows(&schema::COST_TRENDS, &c.areas.cost_trends)?,
    ])
}

/// What [`write`] wrote.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// Tables written as CSV and Parquet.
    pub tables: usize,
    /// The workbook, when one was written.
    pub workbook: Option<PathBuf>,
    /// The report.
    pub pdf: PathBuf,
}

impl Written {
    /// One console line: what was written where.
    pub fn summary(&self, lang: Lang, out: &Path) -> String {
        let m = Messages::builtin(lang);
        msg!(
            m,
            "compare-console-written",
            tables = self.tables,
            dir = out.display().to_string()
        )
    }
}

/// The file name of the report.
pub const REPORT_FILE: &str = "vergelijking.pdf";

/// Writes the comparison: its tables under `out/tables/`, the workbook `workbook` (when
/// given; `run` puts the sheets in its own workbook instead) and `vergelijking.pdf`.
#[allow(clippy::too_many_arguments)]
pub fn write(
    comparison: &Comparison,
    inputs: &Inputs,
    pipeline: &Pipeline,
    lang: Lang,
    out: &Path,
    templates: Option<&Path>,
    keep_data: bool,
    workbook: Option<&str>,
) -> Result<Written> {
    let tables = tables(comparison)?;
    let dir = out.join("tables");
    for table in &tables {
        write_table(table, &dir, table.schema.name)?;
    }
    let mut written = Written {
        tables: tables.len(),
        workbook: None,
        pdf: out.join(REPORT_FILE),
    };
    if let Some(file) = workbook {
        let messages = Messages::load(templates, lang)?;
        let sheets: Vec<&Table> = tables.iter().collect();
        let path = out.join(file);
        write_workbook_with(
            &path,
            &format!("wijkmonitor: {}", pipeline.name),
            &[msg!(
                messages,
                "workbook-about-pipeline",
                name = pipeline.name.as_str(),
                path = pipeline.path.display().to_string()
            )],
            &sheets,
            inputs.date,
            &messages,
            &|workbook| workbook_charts::add_chart_sheets(workbook, comparison),
        )?;
        written.workbook = Some(path);
    }
    render_report(
        comparison, inputs, pipeline, lang, out, templates, keep_data,
    )?;
    Ok(written)
}

/// Renders `vergelijking.pdf` (and keeps its data when asked).
pub fn render_report(
    comparison: &Comparison,
    inputs: &Inputs,
    pipeline: &Pipeline,
    lang: Lang,
    out: &Path,
    templates: Option<&Path>,
    keep_data: bool,
) -> Result<()> {
    let messages = Messages::load(templates, lang)?;
    let data = report::report(comparison, inputs, pipeline, lang, &messages);
    let json = serde_json::to_vec_pretty(&data)?;
    if keep_data {
        write_atomic(&out.join("data").join("vergelijking.json"), &json)?;
    }
    let renderer = Renderer::new(templates)?;
    let date = typst::foundations::Datetime::from_ymd(
        inputs.date.year(),
        inputs.date.month() as u8,
        inputs.date.day() as u8,
    )
    .context("the document date")?;
    let pdf = renderer.pdf(
        "vergelijking.typ",
        vec![DocumentFile {
            path: "data.json".into(),
            bytes: json,
        }],
        crate::render::pdf::document_date(Some(date)),
    )?;
    write_atomic(&out.join(REPORT_FILE), &pdf)
}
