//! `wijkmonitor render`: one template with one data file, for previewing an
//! edited template without a whole run. The files are read and written by
//! `render`.

use anyhow::Result;

use crate::cli::{GlobalArgs, RenderArgs};
use crate::cmd::Outcome;
use crate::render::export::write_atomic;
use crate::render::pdf::{DocumentFile, Renderer, document_date};

pub fn run(args: &RenderArgs, global: &GlobalArgs) -> Result<Outcome> {
    let data = DocumentFile::read_data_json(&args.data)?;
    let renderer = Renderer::new(args.templates.as_deref())?;
    let pdf = renderer.pdf(&args.template, vec![data], document_date(None))?;
    write_atomic(&args.out, &pdf)?;
    if !global.quiet {
        println!("{}", args.out.display());
    }
    Ok(Outcome::Success)
}
