//! `wijkmonitor compare PIPELINE`: the comparison across the networks of a pipeline (issue
//! 12). Reads the inputs as `run` does (its reading functions), then hands over to
//! `render::compare`, which computes and writes `vergelijking.pdf`, the tables and the
//! workbook `vergelijking-tabellen.xlsx`.

use anyhow::{Context, Result};

use crate::cli::{CompareArgs, GlobalArgs};
use crate::cmd::Outcome;
use crate::cmd::run::{
    Content, Read, chosen_networks, instrument_results, log_activity, print_problems, read_inputs,
    wave_problems,
};
use crate::compute::effect::EffectOptions;
use crate::ingest::source::ReadOptions;
use crate::render::compare::{Inputs, Written, compute, write};
use crate::spec::catalogue::IndicatorCatalogue;
use crate::spec::pipeline::read_pipeline;
use crate::spec::run::{Overrides, RunConfig};

/// The workbook `compare` writes beside the PDF.
pub const COMPARE_WORKBOOK: &str = "vergelijking-tabellen.xlsx";

pub fn run(args: &CompareArgs, global: &GlobalArgs) -> Result<Outcome> {
    let pipeline = match read_pipeline(&args.pipeline) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return Ok(Outcome::DataErrors);
        }
    };
    // The settings decided once, as `run` decides them.
    let config = RunConfig::new(
        pipeline,
        Overrides {
            lang: global.lang,
            out: args.out.clone(),
            networks: args.network.clone(),
        },
    );
    let pipeline = config.pipeline.clone();
    let lang = config.lang;
    let catalogue = IndicatorCatalogue::builtin().context("the shipped indicator catalogue")?;
    let options = ReadOptions {
        plausible: catalogue.plausible_ranges(),
        ..ReadOptions::default()
    };
    let (reads, register) = read_inputs(&pipeline, &options);
    print_problems(&reads, !global.quiet);
    let mut problems: Vec<String> = wave_problems(&pipeline, &reads)
        .iter()
        .map(ToString::to_string)
        .collect();
    let register = register.unwrap_or_default();
    let chosen = match chosen_networks(&register, &args.network) {
        Ok(c) => c,
        Err(e) => {
            problems.push(e.to_string());
            Default::default()
        }
    };
    for problem in &problems {
        eprintln!("{problem}");
    }
    if !problems.is_empty() {
        return Ok(Outcome::DataErrors);
    }
    let input_errors: usize = reads.iter().map(Read::errors).sum();
    let unreadable = reads.iter().filter(|r| r.content.is_err()).count();

    let effect_options = EffectOptions {
        from: pipeline.settings.from.clone(),
        to: pipeline.settings.to.clone(),
        min_n: pipeline.settings.min_n,
        ..EffectOptions::default()
    };
    let mut failures = Vec::new();
    let instruments = instrument_results(&reads, &effect_options, &mut failures);
    let (matches, questions) = log_activity(&reads, pipeline.settings.min_n);
    let date = config.date;
    let inputs = Inputs {
        register: &register,
        networks: &chosen,
        before_after: instruments
            .iter()
            .flat_map(|i| i.result.before_after.iter())
            .collect(),
        instruments: instruments.iter().map(|i| &i.result).collect(),
        matches: &matches,
        community: &questions.change,
        open_data: reads
            .iter()
            .filter_map(|r| match &r.content {
                Ok(Content::OpenData(d)) => Some(&**d),
                _ => None,
            })
            .collect(),
        settings: &pipeline.settings.comparison,
        min_n: pipeline.settings.min_n,
        rules: config.rules,
        level: effect_options.level,
        date,
    };
    let comparison = compute(&inputs);
    let out = config.out.clone();
    let written: Written = write(
        &comparison,
        &inputs,
        &pipeline,
        lang,
        &out,
        args.templates.as_deref(),
        args.keep_data,
        Some(COMPARE_WORKBOOK),
    )?;
    for failure in &failures {
        eprintln!("wijkmonitor: failed: {failure}");
    }
    if !global.quiet {
        println!("{}", written.summary(lang, &out));
    }
    Ok(
        if failures.is_empty() && input_errors == 0 && unreadable == 0 {
            Outcome::Success
        } else {
            Outcome::DataErrors
        },
    )
}
