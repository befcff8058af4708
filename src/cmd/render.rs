//! `wijkmonitor render`: one template with one data file, for previewing an
//! edited template without a whole run.

use anyhow::{Context, Result};

use crate::cli::{GlobalArgs, RenderArgs};
use crate::cmd::Outcome;
use crate::render::export::write_atomic;
use crate::render::pdf::{DocumentFile, Renderer, document_date};

pub fn run(args: &RenderArgs, global: &GlobalArgs) -> Result<Outcome> {
    let data = std::fs::read(&args.data)
        .with_context(|| format!("cannot read the data file {}", args.data.display()))?;
    serde_json::from_slice::<serde_json::Value>(&data)
        .with_context(|| format!("{} is not JSON", args.data.display()))?;
    let renderer = Renderer::new(args.templates.as_deref())?;
    let pdf = renderer.pdf(
        &args.template,
        vec![DocumentFile {
            path: "data.json".into(),
            bytes: data,
        }],
        document_date(None),
    )?;
    write_atomic(&args.out, &pdf)?;
    if !global.quiet {
        println!("{}", args.out.display());
    }
    Ok(Outcome::Success)
}
