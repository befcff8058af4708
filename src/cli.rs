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
    /// Number of cores to use: threads for reading, one render process per
    /// core for PDFs (default: all cores).
    #[arg(short, long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// Language of reports and summaries [default: nl, or the pipeline's].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
}

impl GlobalArgs {
    /// The language asked for, Dutch by default.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or(Lang::Nl)
    }
}

/// Report language (defined with the wording, in `i18n`).
pub use crate::i18n::Lang;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Recognise open-data files (CBS KWB, RIVM/GGD, Vektis) and show what
    /// they hold: source, year, rows, regions, indicators and every problem.
    Inspect(InspectArgs),
    /// Neighbourhood health profiles: each indicator of an area against its
    /// municipality and the Netherlands, standardised care costs, and a PDF
    /// per area.
    Profile(ProfileArgs),
    /// Before/after statistics of questionnaire responses: per network,
    /// scale, group and pair of waves (paired t-test, Wilcoxon, d_z, shares
    /// improved), and per wave (mean, CI, shares above cut-offs).
    Effect(EffectArgs),
    /// Write a blank input workbook for networks to fill in: the register,
    /// responses to an instrument, a match log or a question log.
    Template(TemplateArgs),
    /// Run a pipeline (pipelines/*.toml): read and check every input, then
    /// write a report per network, profiles of the networks' areas, the
    /// tables and the workbook. `--check` only reads and checks.
    Run(RunArgs),
    /// Compare the networks of a pipeline: their effects pooled across
    /// networks (random effects, as metafor), the register's success factors
    /// as moderators, their areas against comparison areas without a network,
    /// care costs around each start; vergelijking.pdf, tables and workbook.
    Compare(CompareArgs),
    /// Render a report template with a data file: to preview an edited
    /// template (`--templates DIR`) with the data.json a run kept.
    Render(RenderArgs),
    /// A local web server over the profiles: choose a municipality, click a
    /// wijk on the map, read its profile, download its PDF or CSV. Prints
    /// its address; Ctrl-C stops it.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A pipeline file (TOML): its open-data inputs are served.
    #[arg(value_name = "PIPELINE")]
    pub pipeline: Option<PathBuf>,
    /// CBS Kerncijfers wijken en buurten (xlsx or csv).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub kwb: Vec<PathBuf>,
    /// RIVM/GGD Gezondheid per wijk en buurt (StatLine xlsx or csv).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub ggd: Vec<PathBuf>,
    /// Vektis Zvw per gemeente (csv).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub vektis: Vec<PathBuf>,
    /// Wijk boundaries for the maps (GeoJSON or GeoPackage); the built-in
    /// 2024 wijken of CBS otherwise.
    #[arg(long, value_name = "FILE")]
    pub boundaries: Option<PathBuf>,
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on. Anything but 127.0.0.1 or ::1 makes the
    /// data reachable from the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the start page in the browser.
    #[arg(long)]
    pub open: bool,
    /// A directory with edited copies of the report templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Largest total size of the PDFs kept in memory, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub cache_mb: usize,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The pipeline file (TOML); its input paths are relative to it.
    #[arg(value_name = "PIPELINE")]
    pub pipeline: PathBuf,
    /// Read and check every input, print every problem, write nothing.
    #[arg(long)]
    pub check: bool,
    /// Output directory [default: uitvoer/<pipeline name>].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Make the reports of these networks only (the tables cover all).
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub network: Vec<String>,
    /// Boundaries for the maps besides the built-in ones and the pipeline's
    /// inputs of kind "boundaries" (GeoJSON or wijkenbuurten_<jaar>.gpkg).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub boundaries: Vec<PathBuf>,
    /// A directory with edited copies of the report templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Also keep the data each report was made from (DIR/data/*.json), to
    /// preview edited templates with `wijkmonitor render`.
    #[arg(long)]
    pub keep_data: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The pipeline file (TOML); its inputs are read as `run` reads them.
    #[arg(value_name = "PIPELINE")]
    pub pipeline: PathBuf,
    /// Output directory [default: uitvoer/<pipeline name>].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Compare these networks only [default: all of the register].
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub network: Vec<String>,
    /// A directory with edited copies of the report templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Also keep the data of the report (DIR/data/vergelijking.json).
    #[arg(long)]
    pub keep_data: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The template: `netwerk.typ` or `profiel.typ`, or another `.typ` file
    /// of the --templates directory.
    #[arg(value_name = "TEMPLATE")]
    pub template: String,
    /// The data the template reads as `data.json`.
    #[arg(long, value_name = "FILE.json")]
    pub data: PathBuf,
    /// A directory with edited copies of the report templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct EffectArgs {
    /// Responses workbooks (xlsx, xls, ods or csv) of one instrument.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    pub responses: Vec<PathBuf>,
    /// The instrument: a shipped name (positieve-gezondheid,
    /// eenzaamheid-djg6, welbevinden, samenwerking-kaats-opheij,
    /// mdo-evaluatie) or the path of a TOML file.
    #[arg(long, value_name = "NAME|FILE")]
    pub instrument: String,
    /// The network register, to check the network ids of the responses.
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
    /// The earlier wave (default: each network's first wave).
    #[arg(long, value_name = "WAVE")]
    pub from: Option<String>,
    /// The later wave (default: every later wave).
    #[arg(long, value_name = "WAVE")]
    pub to: Option<String>,
    /// A grouping column of the responses, such as `rol` or `doelgroep`.
    #[arg(long, value_name = "COLUMN")]
    pub by: Option<String>,
    /// Disclosure threshold: statistics resting on fewer respondents are
    /// suppressed in every output.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub min_n: usize,
    /// Compare waves unpaired (Welch) even when respondent codes repeat,
    /// for anonymous questionnaires numbered the same in every wave.
    #[arg(long)]
    pub unpaired: bool,
    /// Output directory; tables go to DIR/tables/.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Area level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Gemeente,
    Wijk,
    Buurt,
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// CBS Kerncijfers wijken en buurten (xlsx or csv).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub kwb: Vec<PathBuf>,
    /// RIVM/GGD Gezondheid per wijk en buurt (StatLine xlsx or csv), one or
    /// more age groups or years.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub ggd: Vec<PathBuf>,
    /// Vektis Zvw per gemeente (csv).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub vektis: Vec<PathBuf>,
    /// Profile these areas (GM/WK/BU codes).
    #[arg(long, num_args = 1.., value_name = "CODE", conflicts_with_all = ["gemeente", "all"])]
    pub area: Vec<String>,
    /// Profile the areas of this municipality (with --level).
    #[arg(long, value_name = "GMxxxx", conflicts_with = "all")]
    pub gemeente: Option<String>,
    /// Profile every area of --level in the inputs.
    #[arg(long)]
    pub all: bool,
    /// The level of the areas for --gemeente (default wijk) or --all
    /// (default gemeente).
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
    /// Boundaries for the maps besides the built-in ones (CBS gemeenten
    /// 2020/2023, wijken 2024): GeoJSON as PDOK's WFS or the CBS download
    /// gives it, or the GeoPackage wijkenbuurten_<jaar>.gpkg (buurten, other
    /// years).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub boundaries: Vec<PathBuf>,
    /// Write the tables only, no PDFs.
    #[arg(long)]
    pub no_pdf: bool,
    /// Also keep the data each PDF was made from (DIR/data/*.json), to
    /// preview edited templates with `wijkmonitor render`.
    #[arg(long)]
    pub keep_data: bool,
    /// A directory with edited copies of the report templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Output directory: DIR/profiel-<CODE>.pdf and DIR/tables/.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Which blank workbook to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateKindArg {
    /// The network register (networks, areas, partners, phases).
    Register,
    /// Responses to one instrument (give --instrument).
    Responses,
    /// The match log of a village support worker.
    Matches,
    /// The log of questions received (task shift from GP to community).
    Questions,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The kind of workbook.
    #[arg(value_enum)]
    pub kind: TemplateKindArg,
    /// The instrument of a responses workbook (a shipped name or a TOML file).
    #[arg(long, value_name = "NAME|FILE", required_if_eq("kind", "responses"))]
    pub instrument: Option<String>,
    /// Where to write the workbook (.xlsx).
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: PathBuf,
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
