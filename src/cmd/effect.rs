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
use crate::ingest::network::register::read_register;
use crate::ingest::network::responses::{Responses, read_responses};
use crate::problem::Problem;
use crate::render::export::write_rows;
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
        print_summary(&rows, &instrument.id, args, global.lang())?;
    }
    Ok(if errors > 0 {
        Outcome::DataErrors
    } else {
        Outcome::Success
    })
}

fn fmt(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.digits$}"))
}

fn fmt_p(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "<0.001".to_owned(),
        other => fmt(other, 3),
    }
}

fn print_summary(
    rows: &[BeforeAfterRow],
    instrument: &str,
    args: &EffectArgs,
    lang: Lang,
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let nl = lang == Lang::Nl;
    writeln!(
        out,
        "{} {instrument}: {} {}",
        if nl { "Voor/na" } else { "Before/after" },
        rows.len(),
        if nl { "vergelijkingen" } else { "comparisons" }
    )?;
    writeln!(
        out,
        "{:<22} {:<24} {:<14} {:>9} {:>5} {:>7} {:>7} {:>22} {:>7} {:>7} {:>6}",
        if nl { "netwerk" } else { "network" },
        if nl { "schaal" } else { "scale" },
        if nl { "groep" } else { "group" },
        if nl { "metingen" } else { "waves" },
        "n",
        if nl { "van" } else { "from" },
        if nl { "naar" } else { "to" },
        if nl {
            "verschil [95%-BI]"
        } else {
            "difference [95% CI]"
        },
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
                if nl {
                    format!("onderdrukt: minder dan {} respondenten", args.min_n)
                } else {
                    format!("suppressed: fewer than {} respondents", args.min_n)
                }
            )?;
            continue;
        }
        let diff = format!(
            "{} [{}; {}]",
            fmt(r.mean_diff, 2),
            fmt(r.ci_low, 2),
            fmt(r.ci_high, 2)
        );
        writeln!(
            out,
            "{:<22} {:<24} {:<14} {:>9} {:>5} {:>7} {:>7} {:>22} {:>7} {:>7} {:>6}{}",
            r.network_id,
            r.scale,
            r.group,
            waves,
            n,
            fmt(r.mean_from, 2),
            fmt(r.mean_to, 2),
            diff,
            fmt_p(r.p_ttest),
            fmt_p(r.p_wilcoxon),
            fmt(r.cohen_dz, 2),
            if r.paired {
                ""
            } else if nl {
                "  (ongepaard, Welch)"
            } else {
                "  (unpaired, Welch)"
            }
        )?;
    }
    writeln!(
        out,
        "{} {}",
        if nl { "Tabellen in" } else { "Tables in" },
        args.out.join("tables").display()
    )?;
    Ok(())
}
