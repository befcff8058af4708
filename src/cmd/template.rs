//! `wijkmonitor template KIND --out FILE.xlsx`: a blank input workbook for a
//! network, with an explanation sheet, dropdowns and validation.

use anyhow::{Context, Result, bail};

use crate::cli::{GlobalArgs, TemplateArgs, TemplateKindArg};
use crate::cmd::Outcome;
use crate::i18n::Messages;
use crate::msg;
use crate::render::template::{TemplateKind, write_template};
use crate::spec::instrument::load_instrument;

pub fn run(args: &TemplateArgs, global: &GlobalArgs) -> Result<Outcome> {
    let kind = match args.kind {
        TemplateKindArg::Register => TemplateKind::Register,
        TemplateKindArg::Responses => TemplateKind::Responses,
        TemplateKindArg::Matches => TemplateKind::Matches,
        TemplateKindArg::Questions => TemplateKind::Questions,
    };
    if !args
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        bail!(
            "--out {}: the workbook is written as .xlsx; give a file name ending in .xlsx",
            args.out.display()
        );
    }
    let instrument = match &args.instrument {
        Some(name) => Some(load_instrument(name, &std::env::current_dir()?)?),
        None => None,
    };
    write_template(kind, instrument.as_ref(), &args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    if !global.quiet {
        let m = Messages::builtin(global.lang());
        println!(
            "{}",
            msg!(
                m,
                "template-console-wrote",
                path = args.out.display().to_string()
            )
        );
    }
    Ok(Outcome::Success)
}
