//! `wijkmonitor profile`: neighbourhood health profiles as tables
//! (`tables/profile`, `tables/costs`) and one PDF per area.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::cli::{GlobalArgs, LevelArg, ProfileArgs};
use crate::cmd::{Outcome, progress_bar};
use crate::compute::profile::{AreaSelection, Level};
use crate::i18n::Messages;
use crate::ingest::source::{Dataset, ReadOptions, SourceKind, read_dataset};
use crate::msg;
use crate::render::pdf::document_date;
use crate::render::pool::Pool;
use crate::render::profile::Profiles;
use crate::spec::catalogue::IndicatorCatalogue;

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
    let messages = Messages::load(args.templates.as_deref(), global.lang())?;
    let m = &messages;
    let boundaries = crate::geo::BoundarySet::load(&args.boundaries)?;
    for problem in boundaries.problems() {
        eprintln!("{}", problem.problem());
    }
    let profiles = Profiles::new_releasing_inputs(&mut datasets, &catalogue, &selection)?
        .with_boundaries(&boundaries);
    if !global.quiet {
        print_notes(profiles.data.notes());
    }
    let tables = args.out.join("tables");
    profiles.write_tables(&tables)?;
    if !global.quiet {
        println!(
            "{}",
            msg!(
                m,
                "profile-console-tables",
                areas = profiles.area_count(),
                rows = profiles.rows.len(),
                dir = tables.display().to_string()
            )
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
    let progress = progress_bar(
        profiles.area_count(),
        &m.get("progress-profiles"),
        m,
        global.quiet,
    );
    let failures = profiles.render(&pool, m, &args.out, args.keep_data, &progress);
    progress.finish_and_clear();
    for failure in &failures {
        eprintln!("wijkmonitor: profile {failure}");
    }
    if !global.quiet {
        println!(
            "{}",
            msg!(
                m,
                "profile-console-pdfs",
                count = profiles.area_count() - failures.len(),
                dir = args.out.display().to_string()
            )
        );
    }
    Ok(if failures.is_empty() {
        outcome
    } else {
        Outcome::DataErrors
    })
}

/// Prints what the profile data noted about the inputs, one line per file
/// and message (naming the indicators concerned) to standard error.
/// The notes are the compute layer's messages (English, like problem
/// texts), not wording of the catalogue.
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
