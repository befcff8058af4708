//! `wijkmonitor profile`: neighbourhood health profiles as tables
//! (`tables/profile`, `tables/costs`) and one PDF per area.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::cli::{GlobalArgs, Lang, LevelArg, ProfileArgs};
use crate::cmd::Outcome;
use crate::compute::costs::{CareCosts, CostRow};
use crate::compute::profile::{
    AreaSelection, Comparison, Distribution, Level, ProfileData, ProfileRow,
};
use crate::ingest::source::{Dataset, ReadOptions, SourceKind, read_dataset};
use crate::render::export::{write_atomic, write_table};
use crate::render::outpath::output_file;
use crate::render::pdf::{DocumentFile, document_date};
use crate::render::pool::{Job, Pool};
use crate::render::svg;
use crate::render::words::{
    comparison_label, cost_label, format_euros, format_value, level_words, theme_label, unit_label,
};
use crate::schema::{self, Table};
use crate::spec::catalogue::{IndicatorCatalogue, Theme};

pub fn run(args: &ProfileArgs, global: &GlobalArgs) -> Result<Outcome> {
    let inputs: Vec<(PathBuf, SourceKind)> = args
        .kwb
        .iter()
        .map(|p| (p.clone(), SourceKind::CbsKwb))
        .chain(
            args.ggd
                .iter()
                .map(|p| (p.clone(), SourceKind::RivmGezondheid)),
        )
        .chain(
            args.vektis
                .iter()
                .map(|p| (p.clone(), SourceKind::VektisZvwGemeente)),
        )
        .collect();
    if inputs.is_empty() {
        bail!("give at least one source: --kwb FILE, --ggd FILE... or --vektis FILE...");
    }
    let selection = selection(args)?;
    let catalogue = IndicatorCatalogue::builtin().context("the shipped indicator catalogue")?;
    let options = ReadOptions {
        plausible: catalogue.plausible_ranges(),
        ..ReadOptions::default()
    };
    let read: Vec<Result<Dataset, _>> = inputs
        .par_iter()
        .map(|(path, _)| read_dataset(path, &options))
        .collect();
    let mut datasets = Vec::new();
    let mut outcome = Outcome::Success;
    for ((path, expected), result) in inputs.iter().zip(read) {
        let dataset = result?;
        if dataset.source != *expected
            && !(*expected == SourceKind::VektisZvwGemeente
                && dataset.source == SourceKind::VektisZvwPostcode3)
        {
            bail!(
                "{}: given as {} but the file is {} ({})",
                path.display(),
                expected.id(),
                dataset.source.id(),
                dataset.source.description()
            );
        }
        for problem in &dataset.problems {
            eprintln!("{problem}");
        }
        if dataset.error_count() > 0 {
            outcome = Outcome::DataErrors;
        }
        datasets.push(dataset);
    }
    let profiles = Profiles::new(&datasets, &catalogue, &selection)?;
    if !global.quiet {
        print_notes(profiles.data.notes());
    }
    let tables = args.out.join("tables");
    profiles.write_tables(&tables)?;
    if !global.quiet {
        println!(
            "{} areas, {} indicator rows; tables in {}",
            profiles.area_count(),
            profiles.rows.len(),
            tables.display()
        );
    }
    if args.no_pdf {
        return Ok(outcome);
    }
    let pool = Pool::new(
        args.templates.as_deref(),
        document_date(None),
        rayon::current_num_threads(),
    )?;
    let progress = progress_bar(profiles.area_count(), "profielen", global.quiet);
    let failures = profiles.render(&pool, global.lang(), &args.out, args.keep_data, &progress);
    progress.finish_and_clear();
    for failure in &failures {
        eprintln!("wijkmonitor: profile {failure}");
    }
    if !global.quiet {
        println!(
            "{} PDFs in {}",
            profiles.area_count() - failures.len(),
            args.out.display()
        );
    }
    Ok(if failures.is_empty() {
        outcome
    } else {
        Outcome::DataErrors
    })
}

/// A progress bar over `len` documents, hidden when quiet or for one.
pub fn progress_bar(len: usize, what: &str, quiet: bool) -> ProgressBar {
    if quiet || len < 2 {
        return ProgressBar::hidden();
    }
    ProgressBar::new(len as u64).with_style(
        ProgressStyle::with_template(&format!(
            "{{bar:40}} {{pos}}/{{len}} {what}  {{elapsed}} (nog {{eta}})"
        ))
        .unwrap_or_else(|_| ProgressBar::new(0).style()),
    )
}

/// The profiles of a selection of areas: the rows of `profile.csv`, the
/// care costs, and what their reports need.
pub struct Profiles<'a> {
    pub datasets: &'a [Dataset],
    pub catalogue: &'a IndicatorCatalogue,
    pub data: ProfileData,
    pub rows: Vec<ProfileRow>,
    pub costs: Vec<CareCosts>,
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
        let costs = data.care_costs().to_vec();
        Ok(Profiles {
            datasets,
            catalogue,
            data,
            rows,
            costs,
        })
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
        let costs = data.care_costs().to_vec();
        Ok((
            Profiles {
                datasets,
                catalogue,
                data,
                rows,
                costs,
            },
            absent,
        ))
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

    /// Writes `profile` and `costs` (CSV and Parquet) into `dir`.
    pub fn write_tables(&self, dir: &std::path::Path) -> Result<()> {
        for table in self.tables()? {
            write_table(&table, dir, table.schema.name)?;
        }
        Ok(())
    }

    /// Renders `DIR/profiel-<CODE>.pdf` per area (and with `keep_data` its
    /// data as `DIR/data/profiel-<CODE>.json`); returns the failures.
    pub fn render(
        &self,
        pool: &Pool,
        lang: Lang,
        out: &std::path::Path,
        keep_data: bool,
        progress: &ProgressBar,
    ) -> Vec<String> {
        let context =
            ReportContext::new(self.datasets, self.catalogue, &self.data, &self.costs, lang);
        let mut by_area: BTreeMap<&str, Vec<&ProfileRow>> = BTreeMap::new();
        for row in &self.rows {
            if row.level != Level::Land {
                by_area.entry(&row.area_code).or_default().push(row);
            }
        }
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

/// Prints what the profile data noted about the inputs, one line per file
/// and message (naming the indicators concerned) to standard error.
/// Prints the notes of the inputs (files not used, series given twice, the care costs'
/// unmapped municipalities, repeated rows and empty columns), one line per file and message.
pub fn print_notes(notes: &[crate::compute::profile::ProfileNote]) {
    let mut grouped: BTreeMap<(Option<&str>, &str), Vec<&str>> = BTreeMap::new();
    for note in notes {
        grouped
            .entry((note.file.as_deref(), note.message.as_str()))
            .or_default()
            .extend(note.indicator.as_deref());
    }
    for ((file, message), indicators) in grouped {
        let file = file.map(|f| format!("{f}: ")).unwrap_or_default();
        if indicators.is_empty() {
            eprintln!("note: {file}{message}");
        } else {
            eprintln!("note: {file}{} — {message}", indicators.join(", "));
        }
    }
}

fn selection(args: &ProfileArgs) -> Result<AreaSelection> {
    let level = |l: LevelArg| match l {
        LevelArg::Gemeente => Level::Gemeente,
        LevelArg::Wijk => Level::Wijk,
        LevelArg::Buurt => Level::Buurt,
    };
    if !args.area.is_empty() {
        return Ok(AreaSelection::Areas(
            args.area
                .iter()
                .map(|a| a.trim().to_ascii_uppercase())
                .collect(),
        ));
    }
    if let Some(gemeente) = &args.gemeente {
        return Ok(AreaSelection::Gemeente {
            gemeente: gemeente.trim().to_ascii_uppercase(),
            level: args.level.map_or(Level::Wijk, level),
        });
    }
    if args.all {
        return Ok(AreaSelection::All(
            args.level.map_or(Level::Gemeente, level),
        ));
    }
    bail!(
        "say which areas: --area CODE..., --gemeente GMxxxx [--level wijk|buurt] or --all [--level gemeente|wijk|buurt]"
    )
}

// ------------------------------------------------------------ report data

/// What `profiel.typ` reads from `data.json`.
#[derive(Serialize)]
struct Report {
    lang: &'static str,
    generated: String,
    area: AreaInfo,
    level_plural: &'static str,
    source_years: Vec<SourceYear>,
    summary: Vec<SummaryItem>,
    missing: Vec<String>,
    themes: Vec<ThemeBlock>,
    costs: Option<CostBlock>,
    sources: Vec<SourceFile>,
    methods: Vec<String>,
}

#[derive(Serialize)]
struct AreaInfo {
    code: String,
    name: String,
    level: &'static str,
    level_label: &'static str,
    short_label: &'static str,
    gemeente_code: String,
    gemeente_name: String,
}

#[derive(Serialize)]
struct SourceYear {
    label: String,
    year: Option<i32>,
}

#[derive(Serialize)]
struct SummaryItem {
    comparison: &'static str,
    text: String,
}

#[derive(Serialize)]
struct ThemeBlock {
    label: &'static str,
    alt: String,
    indicators: Vec<IndicatorLine>,
}

#[derive(Serialize)]
struct IndicatorLine {
    label: String,
    unit_label: &'static str,
    digits: u8,
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    gemeente_value: Option<f64>,
    nl_value: Option<f64>,
    vs_nl: &'static str,
    vs_nl_label: &'static str,
    quintile_nl: Option<u8>,
    rank_gemeente: Option<u32>,
    n_gemeente: Option<u32>,
    missing_reason: &'static str,
    distribution: Option<DistributionOut>,
    /// The figures as printed, in the report's notation.
    text: IndicatorText,
    /// The spine chart (SVG) and its description for screen readers.
    spine: Option<String>,
    spine_alt: String,
    /// The year of the value.
    period: Option<i32>,
    /// The values of the same series in every year given, oldest first;
    /// empty when only one year was given.
    trend: Vec<TrendPoint>,
}

#[derive(Serialize)]
struct IndicatorText {
    /// The area's value, or why it is missing.
    value: String,
    /// The 95% interval, "(lower–upper)", where the source gives one.
    interval: Option<String>,
    gemeente: String,
    nl: String,
    /// The comparison with the Netherlands, or the quintile and rank where
    /// nothing was tested.
    place: String,
}

#[derive(Serialize)]
struct TrendPoint {
    period: i32,
    value: Option<f64>,
}

#[derive(Serialize)]
struct DistributionOut {
    min: f64,
    p25: f64,
    p75: f64,
    max: f64,
}

#[derive(Serialize)]
struct CostBlock {
    gemeente_name: String,
    year: Option<i32>,
    alt: String,
    note: String,
    rows: Vec<CostLine>,
}

#[derive(Serialize)]
struct CostLine {
    label: &'static str,
    crude: f64,
    standardised: f64,
    nl: f64,
    ratio: Option<f64>,
    /// The amounts as printed: crude, standardised, NL and the ratio O/E.
    text: [String; 4],
    /// Bars of crude and standardised costs with the national line (SVG).
    bars: String,
    bars_alt: String,
}

#[derive(Serialize)]
struct SourceFile {
    name: String,
    description: &'static str,
    year: Option<i32>,
    sha256: String,
}

/// Everything shared by the reports of one run.
struct ReportContext<'a> {
    lang: Lang,
    datasets: &'a [Dataset],
    catalogue: &'a IndicatorCatalogue,
    costs: &'a [CareCosts],
    distributions: HashMap<(Level, String, Option<i32>, Option<String>), Distribution>,
    names: BTreeMap<String, String>,
    /// What every report says of the inputs that cover only part of the
    /// country (`ProfileData::regional_files`).
    regional: Vec<String>,
}

impl<'a> ReportContext<'a> {
    fn new(
        datasets: &'a [Dataset],
        catalogue: &'a IndicatorCatalogue,
        data: &ProfileData,
        costs: &'a [CareCosts],
        lang: Lang,
    ) -> Self {
        let mut distributions = HashMap::new();
        for level in [Level::Gemeente, Level::Wijk, Level::Buurt] {
            for d in data.distributions(level) {
                let key = (
                    level,
                    d.indicator.to_string(),
                    d.period,
                    d.age_group.as_deref().map(str::to_owned),
                );
                distributions.insert(key, d);
            }
        }
        let names = crate::ingest::source::area_names(datasets);
        let nl = lang == Lang::Nl;
        let regional = data
            .regional_files()
            .iter()
            .map(|(file, gemeenten)| {
                let gemeenten = *gemeenten;
                if nl {
                    format!(
                        "{file} beslaat {gemeenten} {} en niet heel Nederland. Bij de indicatoren daaruit gaan kwintielen en staafjes over de gebieden in dat bestand, niet over heel Nederland, en er is alleen een waarde voor Nederland als het bestand een landelijke rij heeft.",
                        if gemeenten == 1 { "gemeente" } else { "gemeenten" }
                    )
                } else {
                    format!(
                        "{file} covers {gemeenten} {} and not the whole country. For its indicators, quintiles and bars are about the areas in that file, not the whole country, and there is a value for the Netherlands only when the file has a national row.",
                        if gemeenten == 1 { "municipality" } else { "municipalities" }
                    )
                }
            })
            .collect();
        ReportContext {
            regional,
            lang,
            datasets,
            catalogue,
            costs,
            distributions,
            names,
        }
    }

    fn nl(&self) -> bool {
        self.lang == Lang::Nl
    }

    fn report(
        &self,
        code: &str,
        rows: &[&ProfileRow],
        date: &typst::foundations::Datetime,
    ) -> Report {
        let nl = self.nl();
        let first = rows[0];
        let (level_label, short_label, level_plural) = level_words(first.level, nl);
        let gemeente_code = first.gemeente_code.as_deref().unwrap_or(code).to_owned();
        let name = first
            .area_name
            .as_deref()
            .map(str::to_owned)
            .or_else(|| self.names.get(code).cloned())
            .unwrap_or_else(|| code.to_owned());
        let gemeente_name = self
            .names
            .get(&gemeente_code)
            .cloned()
            .unwrap_or_else(|| gemeente_code.clone());

        let mut themes = Vec::new();
        let mut notable: Vec<(f64, SummaryItem)> = Vec::new();
        for theme in Theme::ALL {
            if theme == Theme::Kosten {
                continue;
            }
            let mut lines = Vec::new();
            for indicator in self
                .catalogue
                .indicators
                .iter()
                .filter(|i| i.theme == theme)
            {
                // One line per age group (18+ first), its latest period; the
                // earlier periods of the same series make its trend.
                let mut by_age: BTreeMap<(u8, Option<&str>), Vec<&&ProfileRow>> = BTreeMap::new();
                for r in rows.iter().filter(|r| *r.indicator == *indicator.id) {
                    let age = r.age_group.as_deref();
                    let order = match age {
                        None | Some("18+") => 0,
                        Some("18-64") => 1,
                        Some("65+") => 2,
                        Some(_) => 3,
                    };
                    by_age.entry((order, age)).or_default().push(r);
                }
                for series in by_age.into_values() {
                    let mut candidates = series;
                    candidates.sort_by_key(|r| std::cmp::Reverse(r.period));
                    let Some(row) = candidates.first() else {
                        continue;
                    };
                    let trend: Vec<TrendPoint> = if candidates.len() > 1 {
                        candidates
                            .iter()
                            .rev()
                            .filter_map(|r| {
                                Some(TrendPoint {
                                    period: r.period?,
                                    value: r.value,
                                })
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let (unit, digits) = unit_label(&row.unit, nl);
                    let label = if nl {
                        indicator.label_nl.clone()
                    } else {
                        indicator.label_en.clone()
                    };
                    let label = match row.age_group.as_deref() {
                        Some(age) if age != "18+" => format!("{label} ({age})"),
                        _ => label,
                    };
                    let distribution = self
                        .distributions
                        .get(&(
                            row.level,
                            row.indicator.to_string(),
                            row.period,
                            row.age_group.as_deref().map(str::to_owned),
                        ))
                        .map(|d| DistributionOut {
                            min: d.min,
                            p25: d.p25,
                            p75: d.p75,
                            max: d.max,
                        });
                    if let (Some(v), Some(nl_v)) = (row.value, row.nl_value) {
                        let relative = if nl_v.abs() > f64::EPSILON {
                            ((v - nl_v) / nl_v).abs()
                        } else {
                            0.0
                        };
                        let (weight, comparison) = match row.vs_nl {
                            Comparison::Better
                            | Comparison::Worse
                            | Comparison::Higher
                            | Comparison::Lower => (10.0 + relative, row.vs_nl),
                            Comparison::NotCompared
                                if matches!(row.quintile_nl, Some(1) | Some(5)) =>
                            {
                                (relative, Comparison::NotCompared)
                            }
                            _ => (-1.0, Comparison::Similar),
                        };
                        if weight >= 0.0 {
                            let text = if nl {
                                format!(
                                    "{}: {}{} in {} tegen {}{} in Nederland{}.",
                                    label,
                                    format_value(v, digits, nl),
                                    if unit == "%" { "%" } else { "" },
                                    name,
                                    format_value(nl_v, digits, nl),
                                    if unit == "%" { "%" } else { "" },
                                    match comparison {
                                        Comparison::NotCompared => format!(
                                            " — bij de 20% {} {} van Nederland (geen interval: niet getoetst)",
                                            if row.quintile_nl == Some(5) {
                                                "hoogste"
                                            } else {
                                                "laagste"
                                            },
                                            level_plural
                                        ),
                                        c => format!(" ({})", comparison_label(c, nl)),
                                    }
                                )
                            } else {
                                format!(
                                    "{}: {}{} in {} against {}{} in the Netherlands{}.",
                                    label,
                                    format_value(v, digits, nl),
                                    if unit == "%" { "%" } else { "" },
                                    name,
                                    format_value(nl_v, digits, nl),
                                    if unit == "%" { "%" } else { "" },
                                    match comparison {
                                        Comparison::NotCompared => format!(
                                            " — among the {} 20% of {} (no interval: not tested)",
                                            if row.quintile_nl == Some(5) {
                                                "highest"
                                            } else {
                                                "lowest"
                                            },
                                            level_plural
                                        ),
                                        c => format!(" ({})", comparison_label(c, nl)),
                                    }
                                )
                            };
                            notable.push((
                                weight,
                                SummaryItem {
                                    comparison: comparison.id(),
                                    text,
                                },
                            ));
                        }
                    }
                    let text = indicator_text(row, digits, nl);
                    let spine_alt = spine_alt(
                        &label,
                        row,
                        distribution.as_ref(),
                        unit,
                        digits,
                        level_plural,
                        nl,
                    );
                    let spine = distribution.as_ref().and_then(|d| {
                        svg::spine(
                            svg::Spread {
                                min: d.min,
                                p25: d.p25,
                                p75: d.p75,
                                max: d.max,
                            },
                            row.value,
                            row.gemeente_value,
                            row.nl_value,
                            row.vs_nl.id(),
                        )
                    });
                    lines.push(IndicatorLine {
                        text,
                        spine,
                        spine_alt,
                        label,
                        unit_label: unit,
                        digits,
                        value: row.value,
                        lower: row.lower,
                        upper: row.upper,
                        gemeente_value: row.gemeente_value,
                        nl_value: row.nl_value,
                        vs_nl: row.vs_nl.id(),
                        vs_nl_label: comparison_label(row.vs_nl, nl),
                        quintile_nl: row.quintile_nl,
                        rank_gemeente: row.rank_gemeente,
                        n_gemeente: row.n_gemeente,
                        missing_reason: unknown(nl),
                        distribution,
                        period: row.period,
                        trend,
                    });
                }
            }
            if !lines.is_empty() {
                let label = theme_label(theme, nl);
                let alt = if nl {
                    format!(
                        "Tabel met {} indicatoren over {} van {name}, met per indicator de waarde van de gemeente en Nederland en een staafje met de spreiding over alle {level_plural}.",
                        lines.len(),
                        label.to_lowercase()
                    )
                } else {
                    format!(
                        "Table of {} indicators on {} of {name}, with the municipality's and the national value and a bar showing the spread over all {level_plural}.",
                        lines.len(),
                        label.to_lowercase()
                    )
                };
                themes.push(ThemeBlock {
                    label,
                    alt,
                    indicators: lines,
                });
            }
        }
        notable.sort_by(|a, b| b.0.total_cmp(&a.0));
        let summary = notable.into_iter().take(5).map(|(_, item)| item).collect();

        let mut missing = Vec::new();
        for (kind, flag) in [
            (SourceKind::CbsKwb, "--kwb"),
            (SourceKind::RivmGezondheid, "--ggd"),
            (SourceKind::VektisZvwGemeente, "--vektis"),
        ] {
            if !self.datasets.iter().any(|d| d.source == kind) {
                missing.push(if nl {
                    format!(
                        "{}: niet opgegeven ({flag}), dus dit deel ontbreekt.",
                        kind.description()
                    )
                } else {
                    format!(
                        "{}: not given ({flag}), so this part is missing.",
                        kind.description()
                    )
                });
            }
        }
        missing.extend(self.regional.iter().cloned());
        let costs = self.cost_block(&gemeente_code, &gemeente_name, nl);
        if costs.is_none()
            && self
                .datasets
                .iter()
                .any(|d| d.source == SourceKind::VektisZvwGemeente)
        {
            missing.push(if nl {
                format!("Geen Vektis-kosten voor {gemeente_name}: de gemeente komt niet voor in het Vektis-bestand (samengevoegd of onbekend).")
            } else {
                format!("No Vektis costs for {gemeente_name}: the municipality is not in the Vektis file (merged or unknown).")
            });
        }

        Report {
            lang: if nl { "nl" } else { "en" },
            generated: format!(
                "{:02}-{:02}-{}",
                date.day().unwrap_or(1),
                date.month().unwrap_or(1),
                date.year().unwrap_or(2000)
            ),
            area: AreaInfo {
                code: code.to_owned(),
                name,
                level: first.level.id(),
                level_label,
                short_label,
                gemeente_code,
                gemeente_name,
            },
            level_plural,
            source_years: self
                .datasets
                .iter()
                .map(|d| SourceYear {
                    label: d.source.description().to_owned(),
                    year: d.year,
                })
                .collect(),
            summary,
            missing,
            themes,
            costs,
            sources: self
                .datasets
                .iter()
                .map(|d| SourceFile {
                    name: d.file.name.clone(),
                    description: d.source.description(),
                    year: d.year,
                    sha256: d.file.sha256.clone(),
                })
                .collect(),
            methods: methods(nl),
        }
    }

    fn cost_block(&self, gemeente: &str, gemeente_name: &str, nl: bool) -> Option<CostBlock> {
        let costs = self
            .costs
            .iter()
            .max_by_key(|c| c.rows.first().and_then(|r| r.year))?;
        let rows: Vec<&CostRow> = costs
            .rows
            .iter()
            .filter(|r| r.gemeente_code == gemeente)
            .collect();
        if rows.is_empty() {
            return None;
        }
        let amounts: Vec<(&CostRow, f64, f64, f64)> = rows
            .iter()
            .filter_map(|r| {
                Some((
                    *r,
                    r.cost_per_insured_year?,
                    r.cost_per_insured_year_std?,
                    r.nl_cost_per_insured_year?,
                ))
            })
            .collect();
        let scale_max = amounts
            .iter()
            .map(|&(_, c, s, n)| c.max(s).max(n))
            .fold(0.0, f64::max);
        let lines: Vec<CostLine> = amounts
            .into_iter()
            .map(|(r, crude, standardised, nl_cost)| {
                let label = cost_label(r.category, nl);
                let text = [
                    format_euros(crude, nl),
                    format_euros(standardised, nl),
                    format_euros(nl_cost, nl),
                    r.ratio_observed_expected
                        .map_or_else(|| "–".to_owned(), |v| format_value(v, 2, nl)),
                ];
                let bars_alt = if nl {
                    format!(
                        "{label}: ruw {}, gestandaardiseerd {}, Nederland {}.",
                        text[0], text[1], text[2]
                    )
                } else {
                    format!(
                        "{label}: crude {}, standardised {}, the Netherlands {}.",
                        text[0], text[1], text[2]
                    )
                };
                CostLine {
                    label,
                    crude,
                    standardised,
                    nl: nl_cost,
                    ratio: r.ratio_observed_expected,
                    bars: svg::cost_bars(crude, standardised, nl_cost, scale_max),
                    bars_alt,
                    text,
                }
            })
            .collect();
        let note = if costs.dropped_strata.is_empty() {
            if nl {
                "Alle leeftijds- en geslachtsgroepen zijn aanwezig.".to_owned()
            } else {
                "All age and sex strata are present.".to_owned()
            }
        } else if nl {
            "Leeftijds- en geslachtsgroepen zonder gegevens in een gemeente tellen daar niet mee; de gewichten van de overige groepen zijn herschaald (zie tabel costs).".to_owned()
        } else {
            "Age and sex strata without data in a municipality are left out there; the weights of the other strata are renormalised (see the costs table).".to_owned()
        };
        Some(CostBlock {
            gemeente_name: gemeente_name.to_owned(),
            year: rows[0].year,
            alt: if nl {
                format!(
                    "Staafdiagram van de zorgkosten per verzekerdejaar in {gemeente_name} per categorie, ruw en gestandaardiseerd, met het Nederlandse gemiddelde als streep."
                )
            } else {
                format!(
                    "Bar chart of care costs per insured-year in {gemeente_name} by category, crude and standardised, with the national average as a line."
                )
            },
            note,
            rows: lines,
        })
    }
}

/// The word for a value the source does not give.
fn unknown(nl: bool) -> &'static str {
    if nl { "onbekend" } else { "unknown" }
}

/// The figures of a profile line as printed.
fn indicator_text(row: &ProfileRow, digits: u8, nl: bool) -> IndicatorText {
    let printed =
        |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format_value(v, digits, nl));
    let place = if row.vs_nl != Comparison::NotCompared {
        comparison_label(row.vs_nl, nl).to_owned()
    } else {
        let mut parts = Vec::new();
        if let Some(q) = row.quintile_nl {
            parts.push(format!("{} {q}", if nl { "kwintiel" } else { "quintile" }));
        }
        if let (Some(rank), Some(n)) = (row.rank_gemeente, row.n_gemeente) {
            parts.push(format!("{rank} {} {n}", if nl { "van" } else { "of" }));
        }
        parts.join(", ")
    };
    IndicatorText {
        value: match row.value {
            Some(v) => format_value(v, digits, nl),
            None => unknown(nl).to_owned(),
        },
        interval: match (row.value, row.lower, row.upper) {
            (Some(_), Some(lo), Some(hi)) => Some(format!(
                "({}–{})",
                format_value(lo, digits, nl),
                format_value(hi, digits, nl)
            )),
            _ => None,
        },
        gemeente: printed(row.gemeente_value),
        nl: printed(row.nl_value),
        place,
    }
}

/// What a spine chart shows, in words (the image's alternative text).
fn spine_alt(
    label: &str,
    row: &ProfileRow,
    spread: Option<&DistributionOut>,
    unit: &str,
    digits: u8,
    level_plural: &str,
    nl: bool,
) -> String {
    let unit = if unit == "%" { "%" } else { "" };
    let f = |v: f64| format_value(v, digits, nl);
    let figure = |v: Option<f64>| match v {
        Some(v) => format!("{}{unit}", f(v)),
        None => unknown(nl).to_owned(),
    };
    let (area, gemeente, country) = (
        figure(row.value),
        figure(row.gemeente_value),
        figure(row.nl_value),
    );
    match (spread, nl) {
        (Some(d), true) => format!(
            "{label}: dit gebied {area}, gemeente {gemeente}, Nederland {country}; alle {level_plural} van {} tot {}, de middelste helft van {} tot {}.",
            f(d.min),
            f(d.max),
            f(d.p25),
            f(d.p75)
        ),
        (Some(d), false) => format!(
            "{label}: this area {area}, municipality {gemeente}, the Netherlands {country}; all {level_plural} from {} to {}, the middle half from {} to {}.",
            f(d.min),
            f(d.max),
            f(d.p25),
            f(d.p75)
        ),
        (None, true) => {
            format!("{label}: dit gebied {area}, gemeente {gemeente}, Nederland {country}.")
        }
        (None, false) => format!(
            "{label}: this area {area}, municipality {gemeente}, the Netherlands {country}."
        ),
    }
}

fn methods(nl: bool) -> Vec<String> {
    if nl {
        vec![
            "Vergelijking met gemeente en Nederland volgt de regel van Fingertips (Office for Health Improvement and Disparities): waar de bron een 95%-betrouwbaarheidsinterval geeft, is een gebied ‘vergelijkbaar’ als de waarde van de gemeente of Nederland binnen het interval valt, anders hoger of lager — ‘beter’ of ‘slechter’ bij indicatoren met een richting. Zonder interval wordt geen verschil getoetst; het kwintiel geeft de plaats onder alle gebieden van hetzelfde niveau in Nederland (1 = laagste 20%), de rang de plaats in de gemeente (1 = hoogste waarde).".to_owned(),
            "De RIVM-cijfers zijn modelschattingen (small area estimation) op basis van de Gezondheidsmonitor Volwassenen en Ouderen van de GGD’en, CBS en RIVM. Een punt (.) in de bron betekent onbetrouwbaar of geheim; zulke waarden blijven leeg, nooit nul.".to_owned(),
            "CBS rondt aantallen voor wijken en buurten willekeurig af op veelvouden van 5; aandelen berekend uit zulke aantallen zijn daardoor bij kleine gebieden onnauwkeurig.".to_owned(),
            "Zorgkosten (Vektis) zijn kosten binnen de basisverzekering per verzekerdejaar. Direct gestandaardiseerd: de kosten per leeftijds- en geslachtsgroep van de gemeente, gewogen met de verdeling van alle verzekerdejaren in Nederland in hetzelfde jaar; groepen zonder gegevens in de gemeente vallen weg en de overige gewichten worden herschaald. De verhouding O/E deelt de werkelijke kosten door de kosten die te verwachten zijn als elke groep de landelijke kosten per verzekerdejaar had (indirecte standaardisatie). De restpost van Vektis (niet toe te wijzen verzekerden) telt mee in Nederland, niet in een gemeente.".to_owned(),
        ]
    } else {
        vec![
            "Comparisons with the municipality and the Netherlands follow Fingertips (Office for Health Improvement and Disparities): where the source gives a 95% confidence interval, an area is ‘similar’ when the benchmark lies inside the interval, otherwise higher or lower — ‘better’ or ‘worse’ for indicators with a direction. Without an interval no difference is tested; the quintile gives the place among all areas of the same level in the Netherlands (1 = lowest 20%), the rank the place in the municipality (1 = highest value).".to_owned(),
            "RIVM figures are model estimates (small area estimation) from the GGD Health Monitor of adults and older people (GGD’en, CBS, RIVM). A dot (.) in the source means unreliable or secret; such values stay empty, never zero.".to_owned(),
            "CBS randomly rounds counts for wijken and buurten to multiples of 5, so shares computed from them are imprecise for small areas.".to_owned(),
            "Care costs (Vektis) are costs under the basic insurance per insured-year. Directly standardised: the municipality's cost per age-sex stratum weighted by the national distribution of insured-years of the same year; strata without data in the municipality are dropped and the remaining weights renormalised. The ratio O/E divides the observed costs by those expected if every stratum had the national cost per insured-year (indirect standardisation). Vektis' rest row (insured persons that cannot be placed) counts in the national total, not in any municipality.".to_owned(),
        ]
    }
}
