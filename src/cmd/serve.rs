//! `wijkmonitor serve`: the inputs from a pipeline or from flags, then the
//! web server of [`crate::serve`].

use anyhow::{Result, bail};
use typst::foundations::Datetime;

use crate::cli::{GlobalArgs, ServeArgs};
use crate::cmd::Outcome;
use crate::render::pdf::document_date;
use crate::serve::{AppInputs, ServeOptions, run as serve};
use crate::spec::pipeline::{InputKind, read_pipeline};

pub fn run(args: &ServeArgs, global: &GlobalArgs) -> Result<Outcome> {
    let mut files = Vec::new();
    let mut date = None;
    // Boundaries: the flag's file, else the pipeline's input of kind `boundaries`.
    let mut boundaries = args.boundaries.clone();
    if let Some(path) = &args.pipeline {
        let pipeline = read_pipeline(path)?;
        files.extend(
            pipeline
                .inputs
                .values()
                .filter(|i| i.kind == InputKind::OpenData)
                .map(|i| i.path.clone()),
        );
        if boundaries.is_none() {
            boundaries = pipeline
                .inputs
                .values()
                .find(|i| i.kind == InputKind::Boundaries)
                .map(|i| i.path.clone());
        }
        date = pipeline.date.and_then(|d| {
            use chrono::Datelike;
            Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
        });
    }
    files.extend(args.kwb.iter().cloned());
    files.extend(args.ggd.iter().cloned());
    files.extend(args.vektis.iter().cloned());
    if files.is_empty() {
        bail!("give a pipeline or the open data: --kwb FILE, --ggd FILE... or --vektis FILE...");
    }
    serve(ServeOptions {
        inputs: AppInputs {
            files,
            boundaries: boundaries.as_deref(),
            pipeline: args.pipeline.as_deref(),
            templates: args.templates.as_deref(),
            date: document_date(date),
            cache_bytes: args.cache_mb.saturating_mul(1 << 20),
        },
        bind: args.bind,
        port: args.port,
        open: args.open,
        quiet: global.quiet,
        lang: global.lang(),
    })?;
    Ok(Outcome::Success)
}
