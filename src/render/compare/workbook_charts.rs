//! Native Excel charts of the comparison in the researchers' workbook (rust_xlsxwriter):
//! a sheet `forest_plots` with, per pooled scale (mean change), the figures of its forest
//! plot and a scatter chart with error bars beside them; a sheet `cost_trend_charts` with,
//! per network municipality, its standardised total cost per year against its comparison
//! municipalities and a line chart. The charts refer to the cells beside them, so a
//! researcher can restyle or extend them in Excel.

use std::collections::BTreeMap;

use anyhow::Result;
use rust_xlsxwriter::{
    Chart, ChartErrorBars, ChartErrorBarsType, ChartMarker, ChartMarkerType, ChartRange, Format,
    Workbook,
};

use super::Comparison;

/// Sheet names.
pub const FOREST_SHEET: &str = "forest_plots";
pub const TREND_SHEET: &str = "cost_trend_charts";

/// Rows a chart takes in the sheet (its block is at least this tall).
const CHART_ROWS: u32 = 18;

/// Adds the two chart sheets to `workbook`.
pub fn add_chart_sheets(workbook: &mut Workbook, c: &Comparison) -> Result<()> {
    forest_sheet(workbook, c)?;
    trend_sheet(workbook, c)
}

fn forest_sheet(workbook: &mut Workbook, c: &Comparison) -> Result<()> {
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name(FOREST_SHEET)?;
    let mut row: u32 = 0;
    for p in c
        .sites
        .pooled
        .iter()
        .filter(|p| p.measure == "mean_change" && p.estimate.is_some())
    {
        let title = format!(
            "{} {} {}-{} (k = {}, {} {})",
            p.outcome.instrument,
            p.outcome.scale,
            p.outcome.wave_from,
            p.outcome.wave_to,
            p.k,
            p.method,
            p.test
        );
        sheet.write_string_with_format(row, 0, &title, &bold)?;
        for (col, h) in ["network_id", "n", "estimate", "minus", "plus", "y"]
            .iter()
            .enumerate()
        {
            sheet.write_string_with_format(row + 1, col as u16, *h, &bold)?;
        }
        let sites: Vec<_> = c
            .sites
            .site_effects
            .iter()
            .filter(|s| s.outcome == p.outcome && s.measure == p.measure && s.included)
            .collect();
        let first = row + 2;
        let n = sites.len() as u32;
        for (i, s) in sites.iter().enumerate() {
            let r = first + i as u32;
            let (Some(e), Some(lo), Some(hi)) = (s.estimate, s.ci_low, s.ci_high) else {
                continue;
            };
            sheet.write_string(r, 0, &s.network_id)?;
            sheet.write_number(r, 1, s.n as f64)?;
            sheet.write_number(r, 2, e)?;
            sheet.write_number(r, 3, e - lo)?;
            sheet.write_number(r, 4, hi - e)?;
            // Top to bottom: the first network highest, the pooled row at 0.
            sheet.write_number(r, 5, (n - i as u32) as f64)?;
        }
        let pooled_row = first + n;
        if let (Some(e), Some(lo), Some(hi)) = (p.estimate, p.ci_low, p.ci_high) {
            sheet.write_string_with_format(pooled_row, 0, "pooled", &bold)?;
            sheet.write_number(pooled_row, 1, p.k as f64)?;
            sheet.write_number(pooled_row, 2, e)?;
            sheet.write_number(pooled_row, 3, e - lo)?;
            sheet.write_number(pooled_row, 4, hi - e)?;
            sheet.write_number(pooled_row, 5, 0.0)?;
        }
        let mut chart = Chart::new_scatter();
        chart.title().set_name(&title);
        chart.legend().set_hidden();
        chart.y_axis().set_min(-1.0).set_max(n as f64 + 1.0);
        chart.x_axis().set_name("mean change");
        for (from, to, marker, name) in [
            (first, pooled_row - 1, ChartMarkerType::Square, "networks"),
            (pooled_row, pooled_row, ChartMarkerType::Diamond, "pooled"),
        ] {
            if to < from {
                continue;
            }
            let mut bars = ChartErrorBars::new();
            bars.set_type(ChartErrorBarsType::Custom(
                ChartRange::new_from_range(FOREST_SHEET, from, 4, to, 4),
                ChartRange::new_from_range(FOREST_SHEET, from, 3, to, 3),
            ));
            chart
                .add_series()
                .set_name(name)
                .set_categories((FOREST_SHEET, from, 2, to, 2))
                .set_values((FOREST_SHEET, from, 5, to, 5))
                .set_marker(ChartMarker::new().set_type(marker))
                .set_x_error_bars(&bars);
        }
        sheet.insert_chart(row, 7, &chart)?;
        row = pooled_row + 2;
        row = row.max(first + CHART_ROWS);
    }
    sheet.set_column_width(0, 16)?;
    Ok(())
}

fn trend_sheet(workbook: &mut Workbook, c: &Comparison) -> Result<()> {
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name(TREND_SHEET)?;
    let mut by: BTreeMap<(&str, &str), Vec<_>> = BTreeMap::new();
    for r in c.areas.cost_trends.iter().filter(|r| r.category == "total") {
        by.entry((r.network_id.as_str(), r.gemeente_code.as_str()))
            .or_default()
            .push(r);
    }
    let mut row: u32 = 0;
    for ((network, gemeente), rows) in by {
        let title = format!("{network} ({gemeente}): total cost per insured-year, standardised");
        sheet.write_string_with_format(row, 0, &title, &bold)?;
        for (col, h) in ["year", gemeente, "comparison mean", "after start"]
            .iter()
            .enumerate()
        {
            sheet.write_string_with_format(row + 1, col as u16, *h, &bold)?;
        }
        let first = row + 2;
        for (i, r) in rows.iter().enumerate() {
            let at = first + i as u32;
            sheet.write_string(at, 0, r.year.to_string())?;
            if let Some(v) = r.cost_std {
                sheet.write_number(at, 1, v)?;
            }
            if let Some(v) = r.comparison_mean_std {
                sheet.write_number(at, 2, v)?;
            }
            if let Some(a) = r.after_start {
                sheet.write_boolean(at, 3, a)?;
            }
        }
        let last = first + rows.len() as u32 - 1;
        let mut chart = Chart::new_line();
        chart.title().set_name(&title);
        for col in [1u16, 2] {
            chart
                .add_series()
                .set_name((TREND_SHEET, row + 1, col))
                .set_categories((TREND_SHEET, first, 0, last, 0))
                .set_values((TREND_SHEET, first, col, last, col));
        }
        sheet.insert_chart(row, 5, &chart)?;
        row = (last + 2).max(row + CHART_ROWS);
    }
    Ok(())
}
