//! What `profiel.typ` reads from `data.json`: every text resolved in the
//! report's language, figures formatted, codes (`vs_nl`, `comparison`,
//! `level`) for styling.

use serde::Serialize;

/// The data of one profile.
#[derive(Serialize)]
pub struct Report {
    /// The language code, for typst's hyphenation (`set text(lang: …)`).
    pub lang: &'static str,
    pub generated: String,
    pub labels: Labels,
    pub area: AreaInfo,
    pub level_plural: String,
    pub source_years: Vec<SourceYear>,
    pub summary: Vec<SummaryItem>,
    pub missing: Vec<String>,
    /// The comparison colours explained: `(word, code)` pairs.
    pub legend: Vec<LegendItem>,
    pub themes: Vec<ThemeBlock>,
    pub costs: Option<CostBlock>,
    /// Where the area lies and the map indicators across its municipality
    /// (`render::profile::maps`); `None` when nothing can be drawn.
    pub maps: Option<super::maps::MapsBlock>,
    /// The appendix "All published indicators" (`render::profile::appendix`).
    pub appendix: Option<crate::render::profile::appendix::AppendixBlock>,
    pub sources: Vec<SourceFile>,
    pub methods: Vec<String>,
}

/// The fixed words of the template: headings, column heads, legends.
#[derive(Serialize)]
pub struct Labels {
    pub title: String,
    pub made_with: String,
    pub sources_line: String,
    pub summary_heading: String,
    pub summary_none: String,
    pub missing_heading: String,
    pub how_to_read_heading: String,
    pub how_to_read: String,
    pub indicators_heading: String,
    pub bars_legend: String,
    pub column_indicator: String,
    pub column_municipality: String,
    pub column_nl: String,
    pub column_comparison: String,
    pub costs_heading: String,
    pub costs_column_category: String,
    pub costs_column_crude: String,
    pub costs_column_standardised: String,
    pub costs_column_ratio: String,
    pub costs_legend_crude: String,
    pub costs_legend_standardised: String,
    pub costs_legend_nl: String,
    pub methods_heading: String,
    pub input_files_heading: String,
    pub column_file: String,
    pub column_year: String,
    pub column_sha256: String,
    pub method_heading: String,
}

#[derive(Serialize)]
pub struct AreaInfo {
    pub code: String,
    pub name: String,
    pub level: &'static str,
    pub level_label: String,
    pub short_label: String,
    pub gemeente_code: String,
    pub gemeente_name: String,
    /// The line under the name on the cover: level, code and municipality.
    pub cover: String,
}

#[derive(Serialize)]
pub struct SourceYear {
    pub label: String,
    pub year: Option<i32>,
}

#[derive(Serialize)]
pub struct SummaryItem {
    pub comparison: &'static str,
    pub text: String,
}

#[derive(Serialize)]
pub struct LegendItem {
    pub label: String,
    pub key: &'static str,
}

#[derive(Serialize)]
pub struct ThemeBlock {
    pub label: String,
    pub alt: String,
    pub indicators: Vec<IndicatorLine>,
}

#[derive(Serialize)]
pub struct IndicatorLine {
    pub label: String,
    pub unit_label: String,
    pub digits: u8,
    pub value: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub gemeente_value: Option<f64>,
    pub nl_value: Option<f64>,
    pub vs_nl: &'static str,
    pub vs_nl_label: String,
    pub quintile_nl: Option<u8>,
    pub rank_gemeente: Option<u32>,
    pub n_gemeente: Option<u32>,
    pub missing_reason: String,
    pub distribution: Option<DistributionOut>,
    /// The figures as printed, in the report's notation.
    pub text: IndicatorText,
    /// The spine chart (SVG) and its description for screen readers.
    pub spine: Option<String>,
    pub spine_alt: String,
    /// The year of the value.
    pub period: Option<i32>,
    /// The values of the same series in every year given, oldest first;
    /// empty when only one year was given.
    pub trend: Vec<TrendPoint>,
}

#[derive(Serialize)]
pub struct IndicatorText {
    /// The area's value, or why it is missing.
    pub value: String,
    /// The 95% interval, "(lower–upper)", where the source gives one.
    pub interval: Option<String>,
    pub gemeente: String,
    pub nl: String,
    /// The comparison with the Netherlands, or the quintile and rank where
    /// nothing was tested.
    pub place: String,
    /// The earlier years of the series, "2019: 12,3 · 2020: 12,8", when
    /// more than one year was given.
    pub trend: Option<String>,
}

#[derive(Serialize)]
pub struct TrendPoint {
    pub period: i32,
    pub value: Option<f64>,
}

#[derive(Serialize)]
pub struct DistributionOut {
    pub min: f64,
    pub p25: f64,
    pub p75: f64,
    pub max: f64,
}

#[derive(Serialize)]
pub struct CostBlock {
    pub gemeente_name: String,
    pub year: Option<i32>,
    /// The sentence above the table (municipality and year).
    pub intro: String,
    pub alt: String,
    pub note: String,
    pub rows: Vec<CostLine>,
}

#[derive(Serialize)]
pub struct CostLine {
    pub label: String,
    pub crude: f64,
    pub standardised: f64,
    pub nl: f64,
    pub ratio: Option<f64>,
    /// The amounts as printed: crude, standardised, NL and the ratio O/E.
    pub text: [String; 4],
    /// Bars of crude and standardised costs with the national line (SVG).
    pub bars: String,
    pub bars_alt: String,
}

#[derive(Serialize)]
pub struct SourceFile {
    pub name: String,
    pub description: &'static str,
    pub year: Option<i32>,
    /// The year as printed ("–" when the file has none).
    pub year_text: String,
    pub sha256: String,
}
