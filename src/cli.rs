//! The command line: clap definitions, with doc comments as help text.
//!
//! Raw arguments become checked settings in each command's `run`; flags
//! shared by several commands are flattened from [`GlobalArgs`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  everything was read and written
  1  an input could not be read, or it holds data errors (each is listed)
  2  usage error (unknown command or flag, missing argument)";

/// Neighbourhood health profiles, before/after impact figures and reports
/// from Dutch open data (CBS, RIVM/GGD, Vektis) and the evaluation data of
/// care-and-welfare networks.
#[derive(Debug, Parser)]
#[command(name = "wijkmonitor", version, after_help = EXIT_CODES, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Number of worker threads (default: the number of cores).
    #[arg(short, long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// Language of reports and summaries.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Nl)]
    pub lang: Lang,
}

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Nederlands
    Nl,
    /// English
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Recognise open-data files (CBS KWB, RIVM/GGD, Vektis) and show what
    /// they hold: source, year, rows, regions, indicators and every problem.
    Inspect(InspectArgs),
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Files to inspect (xlsx, xls, ods or csv).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print one JSON object per file (JSON Lines) instead of a summary.
    #[arg(long)]
    pub json: bool,
    /// The data year, when the file or sheet name does not hold it (or
    /// holds the wrong one).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1990..2040))]
    pub year: Option<i32>,
    /// Also write each file's tidy table as Parquet and CSV into this
    /// directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}
