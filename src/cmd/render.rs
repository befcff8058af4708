//! `wijkmonitor render`: one template with one data file, for previewing an
//! edited template without a whole run. Reading and writing happen in
//! `render::pdf`; this module only passes the arguments on.

use anyhow::Result;

use crate::cli::{GlobalArgs, RenderArgs};
use crate::cmd::Outcome;
use crate::render::pdf::render_data_file;

pub fn run(args: &RenderArgs, global: &GlobalArgs) -> Result<Outcome> {
    render_data_file(
        &args.template,
        args.templates.as_deref(),
        &args.data,
        &args.out,
    )?;
    if !global.quiet {
        println!("{}", args.out.display());
    }
    Ok(Outcome::Success)
}
