//! `wijkmonitor inspect FILE...`: which source each file is, what it holds,
//! and every problem found in it.

use std::io::Write;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::cli::{GlobalArgs, InspectArgs};
use crate::cmd::Outcome;
use crate::i18n::Messages;
use crate::ingest::source::{Dataset, ReadOptions, read_dataset};
use crate::msg;
use crate::problem::{InputError, Problem};
use crate::render::export::write_table;
use crate::spec::catalogue::IndicatorCatalogue;

/// How many problems per file the human summary lists (JSON lists all).
const SHOWN_PROBLEMS: usize = 25;

#[derive(Serialize)]
struct IndicatorColumn<'a> {
    column: &'a str,
    indicator: &'a str,
    unit: &'a str,
    has_values: bool,
}

/// The line saying which indicators `d` publishes that the catalogue does not declare (they
/// reach `profile.csv` and the report's appendix without a polarity); `None` when there are
/// none. Shared by `inspect` and `run --check`.
pub(crate) fn undeclared_line(
    m: &Messages,
    catalogue: &IndicatorCatalogue,
    d: &Dataset,
) -> Option<String> {
    let undeclared: Vec<&str> = catalogue
        .undeclared(d)
        .iter()
        .map(|c| c.indicator.as_str())
        .collect();
    // The first few by name (`inspect --json` lists all): a KWB file has a hundred.
    const SHOWN: usize = 8;
    let mut ids = undeclared[..undeclared.len().min(SHOWN)].join(", ");
    if undeclared.len() > SHOWN {
        ids.push_str(", …");
    }
    (!undeclared.is_empty())
        .then(|| msg!(m, "inspect-undeclared", count = undeclared.len(), ids = ids))
}

fn dataset_json(d: &Dataset, catalogue: &IndicatorCatalogue) -> serde_json::Value {
    let columns: Vec<IndicatorColumn> = d
        .indicators
        .iter()
        .map(|c| IndicatorColumn {
            column: &c.column,
            indicator: &c.indicator,
            unit: &c.unit,
            has_values: c.has_values,
        })
        .collect();
    json!({
        "file": d.file.path,
        "sha256": d.file.sha256,
        "bytes": d.file.bytes,
        "source": d.source,
        "year": d.year,
        "year_origin": d.year_origin,
        "sheet": d.sheet,
        "encoding": d.encoding,
        "rows": d.rows,
        "levels": d.levels,
        "municipal_division": d.municipal_division,
        "age_groups": d.age_groups,
        "indicators": d.indicators.iter().map(|c| c.indicator.as_str()).collect::<Vec<_>>(),
        "indicator_columns": columns,
        "unrecognised_columns": d.unrecognised_columns,
        "undeclared_indicators": catalogue.undeclared(d).iter().map(|c| c.indicator.as_str()).collect::<Vec<_>>(),
        "observations": d.table.len(),
        "problems": d.problems,
    })
}

fn unreadable_json(error: &InputError) -> serde_json::Value {
    let problem = Problem::error(error.location.clone(), error.message.clone());
    json!({
        "file": error.location.file,
        "source": "unknown",
        "year": null,
        "rows": 0,
        "levels": {},
        "indicators": [],
        "unrecognised_columns": [],
        "problems": [problem],
    })
}

/// Levels from large to small, for reading.
fn level_rank(level: &str) -> usize {
    ["land", "gemeente", "wijk", "buurt", "postcode3", "rest"]
        .iter()
        .position(|l| *l == level)
        .unwrap_or(usize::MAX)
}

fn print_summary(
    out: &mut impl Write,
    d: &Dataset,
    undeclared: Option<String>,
) -> std::io::Result<()> {
    writeln!(out, "{}", d.file.path.display())?;
    writeln!(
        out,
        "  source    {} ({})",
        d.source.id(),
        d.source.description()
    )?;
    let year = match (d.year, d.year_origin) {
        (Some(y), origin) => format!(
            "{y} (from {})",
            serde_json::to_value(origin)
                .ok()
                .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
                .unwrap_or_default()
        ),
        (None, _) => "unknown (give it with --year)".to_owned(),
    };
    writeln!(out, "  year      {year}")?;
    if let Some(sheet) = &d.sheet {
        let encoding = d
            .encoding
            .as_deref()
            .map(|e| format!(", {e}"))
            .unwrap_or_default();
        writeln!(out, "  sheet     {sheet}{encoding}, {} data rows", d.rows)?;
    }
    if !d.levels.is_empty() {
        let mut levels: Vec<(&String, &usize)> = d.levels.iter().collect();
        levels.sort_by_key(|(level, _)| level_rank(level));
        let levels: Vec<String> = levels.iter().map(|(l, n)| format!("{n} {l}")).collect();
        writeln!(out, "  regions   {}", levels.join(", "))?;
    }
    if let Some(division) = d.municipal_division {
        writeln!(out, "  division  municipalities as of 1 January {division}")?;
    }
    if !d.age_groups.is_empty() {
        writeln!(out, "  ages      {}", d.age_groups.join(", "))?;
    }
    let empty = d.indicators.iter().filter(|c| !c.has_values).count();
    writeln!(
        out,
        "  columns   {} indicators recognised{}, {} not recognised{}",
        d.indicators.len(),
        if empty > 0 {
            format!(" ({empty} without any value)")
        } else {
            String::new()
        },
        d.unrecognised_columns.len(),
        if d.unrecognised_columns.is_empty() {
            String::new()
        } else {
            format!(": {}", d.unrecognised_columns.join(", "))
        }
    )?;
    if let Some(line) = undeclared {
        writeln!(out, "  catalogue {line}")?;
    }
    writeln!(out, "  table     {} observations", d.table.len())?;
    if d.problems.is_empty() {
        writeln!(out, "  problems  none")?;
    } else {
        let errors = d.error_count();
        writeln!(
            out,
            "  problems  {errors} errors, {} warnings",
            d.problems.len() - errors
        )?;
        for p in d.problems.iter().take(SHOWN_PROBLEMS) {
            writeln!(out, "    {p}")?;
        }
        if d.problems.len() > SHOWN_PROBLEMS {
            writeln!(
                out,
                "    ... and {} more (--json lists all)",
                d.problems.len() - SHOWN_PROBLEMS
            )?;
        }
    }
    Ok(())
}

pub fn run(args: &InspectArgs, global: &GlobalArgs) -> Result<Outcome> {
    let catalogue = IndicatorCatalogue::builtin().context("the shipped indicator catalogue")?;
    let messages = Messages::builtin(global.lang());
    let options = ReadOptions {
        year: args.year,
        plausible: catalogue.plausible_ranges(),
    };
    let results: Vec<Result<Dataset, InputError>> = args
        .files
        .par_iter()
        .map(|path| read_dataset(path, &options))
        .collect();
    let mut outcome = Outcome::Success;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for result in &results {
        match result {
            Ok(dataset) => {
                if dataset.error_count() > 0 {
                    outcome = Outcome::DataErrors;
                }
                if args.json {
                    writeln!(out, "{}", dataset_json(dataset, &catalogue))?;
                } else if !global.quiet {
                    let undeclared = undeclared_line(messages, &catalogue, dataset);
                    print_summary(&mut out, dataset, undeclared)?;
                }
                if let Some(dir) = &args.out {
                    let stem = dataset
                        .file
                        .path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let written = write_table(&dataset.table.to_table()?, dir, &stem)?;
                    if !args.json && !global.quiet {
                        for path in written {
                            writeln!(out, "  wrote     {}", path.display())?;
                        }
                    }
                }
            }
            Err(error) => {
                outcome = Outcome::DataErrors;
                if args.json {
                    writeln!(out, "{}", unreadable_json(error))?;
                } else {
                    out.flush()?;
                    eprintln!("{error}");
                }
            }
        }
    }
    Ok(outcome)
}
