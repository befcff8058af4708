//! `wijkmonitor effect`: before/after statistics of questionnaire responses,
//! written as `tables/before_after`, `tables/waves` and `tables/cutoffs`
//! (CSV and Parquet), with a readable summary.

use std::io::Write;

use anyhow::{Context, Result, bail};

use crate::cli::{EffectArgs, GlobalArgs, Lang};
use crate::cmd::Outcome;
use crate::compute::effect::{
    BeforeAfterRow, EffectOptions, Pairing, before_after, wave_summaries,
};
use crate::compute::scoring::score_responses;
use crate::i18n::Messages;
use crate::ingest::network::register::read_register;
use crate::ingest::network::responses::{Responses, read_responses};
use crate::msg;
use crate::problem::Problem;
use crate::render::export::write_rows;
use crate::render::words::format_value;
use crate::schema;
use crate::spec::instrument::load_instrument;

pub fn run(args: &EffectArgs, global: &GlobalArgs) -> Result<Outcome> {
    let cwd = std::env::current_dir()?;
    let instrument = load_instrument(&args.instrument, &cwd)?;
    let mut problems: Vec<Problem> = Vec::new();
    let register = match &args.register {
        Some(path) => {
            let loaded = read_register(path)?;
            problems.extend(loaded.problems);
            Some(loaded.data)
        }
        None => None,
    };
    let mut merged: Option<Responses> = None;
    for path in &args.responses {
        let loaded = read_responses(path, &instrument, register.as_ref())?;
        problems.extend(loaded.problems);
        match &mut merged {
            None => merged = Some(loaded.data),
            Some(all) => {
                if all.group_columns != loaded.data.group_columns {
                    bail!(
                        "{}: the grouping columns ({}) differ from those of {} ({}); give files of one layout",
                        path.display(),
                        loaded.data.group_columns.join(", "),
                        args.responses[0].display(),
                        all.group_columns.join(", ")
                    );
                }
                all.records.extend(loaded.data.records);
            }
        }
    }
    let responses = merged.context("no responses file given")?;
    let scores = score_responses(&instrument, &responses)?;
    let options = EffectOptions {
        by: args.by.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        pairing: if args.unpaired {
            Pairing::Unpaired
        } else {
            Pairing::Auto
        },
        min_n: args.min_n,
        ..EffectOptions::default()
    };
    let rows = before_after(&scores, &instrument, &options)?;
    let waves = wave_summaries(&scores, &instrument, &options)?;

    let tables = args.out.join("tables");
    write_rows(&schema::BEFORE_AFTER, &rows, &tables)?;
    write_rows(&schema::WAVES, &waves.waves, &tables)?;
    write_rows(&schema::CUTOFFS, &waves.cutoffs, &tables)?;

    let errors = problems.iter().filter(|p| p.is_error()).count();
    {
        let stderr = std::io::stderr();
        let mut err = stderr.lock();
        for problem in &problems {
            writeln!(err, "{problem}")?;
        }
        if errors > 0 {
            writeln!(
                err,
                "{errors} rows or cells could not be used (listed above); the statistics use the rest"
            )?;
        }
    }
    if !global.quiet {
        print_summary(
            &rows,
            &instrument.id,
            args,
            Messages::builtin(global.lang()),
        )?;
    }
    Ok(if errors > 0 {
        Outcome::DataErrors
    } else {
        Outcome::Success
    })
}

/// A figure of the console table in the language's notation ("-" when
/// there is none).
fn fmt(v: Option<f64>, digits: u8, nl: bool) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format_value(v, digits, nl))
}

fn fmt_p(p: Option<f64>, nl: bool) -> String {
    match p {
        Some(p) if p < 0.001 => format!("<{}", format_value(0.001, 3, nl)),
        other => fmt(other, 3, nl),
    }
}

fn print_summary(
    rows: &[BeforeAfterRow],
    instrument: &str,
    args: &EffectArgs,
    m: &Messages,
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let nl = m.lang() == Lang::Nl;
    writeln!(
        out,
        "{}",
        msg!(
            m,
            "effect-console-heading",
            instrument = instrument,
            count = rows.len()
        )
    )?;
    writeln!(
        out,
        "{:<22} {:<24} {:<14} {:>9} {:>5} {:>7} {:>7} {:>22} {:>7} {:>7} {:>6}",
        m.get("effect-console-network"),
        m.get("effect-console-scale"),
        m.get("effect-console-group"),
        m.get("effect-console-waves"),
        "n",
        m.get("effect-console-from"),
        m.get("effect-console-to"),
        m.get("effect-console-difference"),
        "p(t)",
        "p(W)",
        "d_z"
    )?;
    for r in rows {
        let waves = format!("{}→{}", r.wave_from, r.wave_to);
        let n = if r.paired {
            r.n_paired
        } else {
            r.n_from.min(r.n_to)
        };
        if r.suppressed {
            writeln!(
                out,
                "{:<22} {:<24} {:<14} {:>9} {:>5} {}",
                r.network_id,
                r.scale,
                r.group,
                waves,
                n,
                msg!(m, "effect-console-suppressed", min_n = args.min_n)
            )?;
            continue;
        }
        let diff = format!(
            "{} [{}; {}]",
            fmt(r.mean_diff, 2, nl),
            fmt(r.ci_low, 2, nl),
            fmt(r.ci_high, 2, nl)
        );
        writeln!(
            out,
            "{:<22} {:<24} {:<14} {:>9} {:>5} {:>7} {:>7} {:>22} {:>7} {:>7} {:>6}{}",
            r.network_id,
            r.scale,
            r.group,
            waves,
            n,
            fmt(r.mean_from, 2, nl),
            fmt(r.mean_to, 2, nl),
            diff,
            fmt_p(r.p_ttest, nl),
            fmt_p(r.p_wilcoxon, nl),
            fmt(r.cohen_dz, 2, nl),
            if r.paired {
                String::new()
            } else {
                format!("  ({})", m.get("effect-console-unpaired"))
            }
        )?;
    }
    writeln!(
        out,
        "{}",
        msg!(
            m,
            "effect-console-tables",
            dir = args.out.join("tables").display().to_string()
        )
    )?;
    Ok(())
}
