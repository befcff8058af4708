//! `wijkmonitor run PIPELINE`: a declared run, end to end.
//!
//! 1. Read the pipeline and every input it names (the register first, the
//!    rest in parallel); collect every problem. `--check` stops here.
//! 2. Compute: before/after and per-wave statistics per instrument, the
//!    activity of the match and question logs, the profiles of the
//!    networks' areas.
//! 3. Write the tables (CSV, Parquet), the workbook, a report per network
//!    and the area profiles. A network whose report fails does not stop the
//!    others; the run lists the failures and exits with 1.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::cli::{GlobalArgs, Lang, RunArgs};
use crate::cmd::{Outcome, progress_bar};
use crate::compute::activity::{
    ActivityOptions, MatchRow, QuestionTables, match_activity, question_activity,
};
use crate::compute::effect::{EffectOptions, before_after, wave_summaries};
use crate::compute::scoring::score_responses;
use crate::i18n::Messages;
use crate::ingest::network::logs::{
    MatchRecord, QuestionRecord, read_match_log, read_question_log,
};
use crate::ingest::network::register::{Register, read_register};
use crate::ingest::network::responses::{Responses, read_responses};
use crate::ingest::source::{Dataset, FileInfo, ReadOptions, read_dataset};
use crate::msg;
use crate::problem::{Location, Problem};
use crate::render::export::{write_atomic, write_table};
use crate::render::network::{InputLine, InstrumentResult, RunContext};
use crate::render::outpath::output_file;
use crate::render::pdf::DocumentFile;
use crate::render::pool::{Job, Pool};
use crate::render::profile::Profiles;
use crate::render::words::format_value;
use crate::render::workbook::write_workbook_with;
use crate::schema::{self, Table};
use crate::spec::SpecProblem;
use crate::spec::catalogue::IndicatorCatalogue;
use crate::spec::instrument::Instrument;
use crate::spec::pipeline::{Input, InputKind, Pipeline, read_pipeline};
use crate::spec::run::{Overrides, RunConfig};

/// What reading one input gave.
pub(crate) enum Content {
    OpenData(Box<Dataset>),
    Register(Register),
    Responses(Box<(Instrument, Responses)>),
    Matches(Vec<MatchRecord>),
    Questions(Vec<QuestionRecord>),
    /// Boundaries for the maps (kind = "boundaries").
    Boundaries(Box<crate::geo::Boundaries>),
}

/// One input after reading: its content, or why it could not be read.
pub(crate) struct Read<'p> {
    pub(crate) input: &'p Input,
    pub(crate) file: Option<FileInfo>,
    year: Option<i32>,
    /// The dataset's title (open data) or the instrument's id (responses):
    /// names, the same in every language.
    detail: Option<String>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) content: std::result::Result<Content, String>,
}

impl Read<'_> {
    pub(crate) fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub(crate) fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

pub fn run(args: &RunArgs, global: &GlobalArgs) -> Result<Outcome> {
    let started = Instant::now();
    let pipeline = match read_pipeline(&args.pipeline) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return Ok(Outcome::DataErrors);
        }
    };
    let config = RunConfig::new(
        pipeline,
        Overrides {
            lang: global.lang,
            out: args.out.clone(),
            networks: args.network.clone(),
        },
    );
    let pipeline = &config.pipeline;
    let lang = config.lang;
    let messages = Messages::load(args.templates.as_deref(), lang)?;
    let m = &messages;
    let quiet = global.quiet;

    // ---------------------------------------------------------------- read
    let catalogue = IndicatorCatalogue::builtin().context("the shipped indicator catalogue")?;
    let options = ReadOptions {
        plausible: catalogue.plausible_ranges(),
        ..ReadOptions::default()
    };
    let (reads, register) = read_inputs(pipeline, &options);

    let unreadable: Vec<String> = reads
        .iter()
        .filter_map(|r| {
            r.content
                .as_ref()
                .err()
                .map(|e| format!("{}: {e}", r.input.name))
        })
        .collect();
    let mut errors: usize = reads.iter().map(Read::errors).sum();
    let warnings: usize = reads.iter().map(Read::warnings).sum();
    print_problems(&reads, args.check || !quiet);
    // The settings against what the inputs hold: the waves to compare, the
    // networks asked for. Wrong settings stop the run, as a wrong pipeline does.
    let mut settings_problems: Vec<String> = wave_problems(pipeline, &reads)
        .iter()
        .map(ToString::to_string)
        .collect();
    if let Some(Err(e)) = register
        .as_ref()
        .map(|r| chosen_networks(r, &config.networks))
    {
        settings_problems.push(e.to_string());
    }
    for problem in &settings_problems {
        eprintln!("{problem}");
    }
    errors += settings_problems.len();

    if args.check {
        for r in &reads {
            let status = match &r.content {
                Err(_) => m.get("run-check-unreadable"),
                Ok(_) if r.problems.is_empty() => m.get("run-check-ok"),
                Ok(_) => format!(
                    "{}, {}",
                    msg!(m, "run-check-errors", count = r.errors()),
                    msg!(m, "run-check-warnings", count = r.warnings())
                ),
            };
            println!(
                "{:<24} {:<10} {}  {}",
                r.input.name,
                r.input.kind.code(),
                r.input.path.display(),
                status
            ); // Figures the catalogue does not declare (issue 11, defect 10).
            if let Ok(Content::OpenData(d)) = &r.content
                && let Some(line) = crate::cmd::inspect::undeclared_line(m, &catalogue, d)
            {
                println!("{:<24} {line}", "");
            }
        }
        println!(
            "{}",
            msg!(
                m,
                "run-check-summary",
                pipeline = pipeline.path.display().to_string(),
                inputs = reads.len(),
                unreadable = unreadable.len(),
                errors = msg!(m, "run-check-errors", count = errors),
                warnings = msg!(m, "run-check-warnings", count = warnings)
            )
        );
        return Ok(if unreadable.is_empty() && errors == 0 {
            Outcome::Success
        } else {
            Outcome::DataErrors
        });
    }
    if !settings_problems.is_empty() {
        return Ok(Outcome::DataErrors);
    }

    let register = match register {
        Some(register) => register,
        None if pipeline.outputs.reports.is_some() || pipeline.outputs.profiles.is_some() => {
            bail!(
                "{}: the network register could not be read, so there are no networks to report on (see above)",
                pipeline.path.display()
            );
        }
        None => Register::default(),
    };
    let chosen = chosen_networks(&register, &config.networks)?;

    // ---------------------------------------------------------------- compute
    let options = EffectOptions {
        from: pipeline.settings.from.clone(),
        to: pipeline.settings.to.clone(),
        min_n: pipeline.settings.min_n,
        ..EffectOptions::default()
    };
    let mut failures: Vec<String> = Vec::new();
    let instruments = instrument_results(&reads, &options, &mut failures);
    let (matches, questions) = log_activity(&reads, pipeline.settings.min_n);

    let open_data = |names: &Option<Vec<String>>| -> Vec<Dataset> {
        let Some(names) = names else {
            return Vec::new();
        };
        reads
            .iter()
            .filter(|r| names.contains(&r.input.name))
            .filter_map(|r| match &r.content {
                Ok(Content::OpenData(d)) => Some((**d).clone()),
                _ => None,
            })
            .collect()
    };
    // The maps' boundaries: built in, --boundaries, inputs of kind boundaries.
    // (The inputs' problems were printed with the others.)
    let mut boundaries = crate::geo::BoundarySet::load(&args.boundaries)?;
    if !quiet {
        for problem in boundaries.problems() {
            eprintln!("{}", problem.problem());
        }
    }
    for r in &reads {
        if let Ok(Content::Boundaries(b)) = &r.content {
            boundaries.add(r.input.path.clone(), (**b).clone())?;
        }
    }
    let report_data = open_data(&pipeline.outputs.reports);
    let profile_data = open_data(&pipeline.outputs.profiles);
    let network_areas: Vec<String> = register
        .areas
        .iter()
        .map(|a| a.area.code.clone())
        .chain(register.networks.iter().map(|n| n.municipality.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let report_profiles = if report_data.is_empty() {
        None
    } else {
        Some(Profiles::of_areas_present(&report_data, &catalogue, &network_areas)?.0)
    };
    let area_profiles = if profile_data.is_empty() {
        None
    } else {
        let areas: Vec<String> = register
            .areas
            .iter()
            .filter(|a| chosen.contains(a.network.as_str()))
            .map(|a| a.area.code.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let (profiles, absent) = Profiles::of_areas_present(&profile_data, &catalogue, &areas)?;
        if !absent.is_empty() && !quiet {
            eprintln!(
                "{}",
                msg!(
                    m,
                    "run-no-profile",
                    areas = absent.join(", "),
                    count = absent.len()
                )
            );
        }
        Some(profiles.with_boundaries(&boundaries))
    };
    if !quiet {
        // What the open data's readers noted (files not used, series given twice, the care
        // costs' unmapped municipalities, repeated rows, empty columns), once per note.
        let mut notes: Vec<_> = [&report_profiles, &area_profiles]
            .into_iter()
            .flatten()
            .flat_map(|p| p.data.notes().iter().cloned())
            .collect();
        notes.sort_by(|a, b| {
            (&a.file, &a.message, &a.indicator).cmp(&(&b.file, &b.message, &b.indicator))
        });
        notes.dedup();
        crate::cmd::profile::print_notes(&notes);
    }

    // ---------------------------------------------------------------- write
    let out = config.out.clone();
    // What an interrupted earlier run left behind (issue 11).
    let run_began = std::time::SystemTime::now() - started.elapsed();
    for stale in crate::render::temporaries::remove_stale(&out, run_began) {
        if !quiet {
            eprintln!("{}: removed, left by an interrupted run", stale.display());
        }
    }
    let date = config.date;
    let typst_date = config.typst_date().context("the document date")?;

    let mut tables: Vec<Table> = Vec::new();
    if pipeline.outputs.tables || pipeline.outputs.workbook.is_some() {
        tables = result_tables(&register, &instruments, &matches, &questions, date)?;
        if let Some(p) = area_profiles.as_ref().or(report_profiles.as_ref()) {
            tables.extend(p.tables()?);
        }
    }
    // The comparison across networks (issue 12): its tables join the others.
    let compare_inputs = pipeline
        .outputs
        .comparison
        .then(|| crate::render::compare::Inputs {
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
            level: options.level,
            date,
        });
    let comparison = compare_inputs.as_ref().map(crate::render::compare::compute);
    if let Some(c) = &comparison
        && (pipeline.outputs.tables || pipeline.outputs.workbook.is_some())
    {
        tables.extend(crate::render::compare::tables(c)?);
    }
    if pipeline.outputs.tables {
        let dir = out.join("tables");
        for table in &tables {
            write_table(table, &dir, table.schema.name)?;
        }
    }
    if let Some(file) = &pipeline.outputs.workbook {
        let sheets: Vec<&Table> = tables.iter().collect();
        let intro = vec![
            msg!(
                m,
                "workbook-about-pipeline",
                name = pipeline.name.as_str(),
                path = pipeline.path.display().to_string()
            ),
            msg!(m, "workbook-about-min-n", min_n = pipeline.settings.min_n),
            m.get("workbook-about-columns"),
        ];
        write_workbook_with(
            &out.join(file),
            &format!("wijkmonitor: {}", pipeline.name),
            &intro,
            &sheets,
            date,
            m,
            &|workbook| match &comparison {
                Some(c) => crate::render::compare::workbook_charts::add_chart_sheets(workbook, c),
                None => Ok(()),
            },
        )?;
    }

    let pool = if pipeline.outputs.reports.is_some() || area_profiles.is_some() {
        Some(Pool::new(
            args.templates.as_deref(),
            typst_date,
            rayon::current_num_threads(),
        )?)
    } else {
        None
    };
    let mut reports_written = 0;
    if let (Some(report_inputs), Some(pool)) = (&pipeline.outputs.reports, &pool) {
        let inputs: Vec<InputLine> = reads
            .iter()
            .filter(|r| report_inputs.contains(&r.input.name))
            .map(|r| input_line(r, m))
            .collect();
        let names = area_names(&report_data, &register, date);
        let has = |kind: InputKind| {
            report_inputs
                .iter()
                .any(|n| pipeline.inputs.get(n).is_some_and(|i| i.kind == kind))
        };
        let used: Vec<&InstrumentResult> = instruments
            .iter()
            .filter(|r| report_inputs.iter().any(|n| r.inputs.contains(n)))
            .map(|r| &r.result)
            .collect();
        let empty_matches = Vec::new();
        let empty_questions = QuestionTables::default();
        let context = RunContext {
            messages: m,
            rules: config.rules,
            run_name: &pipeline.name,
            run_year: pipeline.year,
            date,
            min_n: pipeline.settings.min_n,
            from: pipeline.settings.from.as_deref(),
            to: pipeline.settings.to.as_deref(),
            register: &register,
            instruments: &used,
            matches: if has(InputKind::Matches) {
                &matches
            } else {
                &empty_matches
            },
            questions: if has(InputKind::Questions) {
                &questions
            } else {
                &empty_questions
            },
            has_match_log: has(InputKind::Matches),
            has_question_log: has(InputKind::Questions),
            profile: report_profiles
                .as_ref()
                .map(|p| (&catalogue, p.rows.as_slice())),
            costs: report_profiles.as_ref().map_or(&[], |p| p.costs.as_slice()),
            names: &names,
            inputs: &inputs,
            unreadable: &unreadable,
            boundaries: Some(&boundaries),
        };
        let networks: Vec<(&str, ())> = register
            .networks
            .iter()
            .filter(|n| chosen.contains(n.id.as_str()))
            .map(|n| (n.id.as_str(), ()))
            .collect();
        let progress = progress_bar(networks.len(), &m.get("progress-reports"), m, quiet);
        let failed = pool.render_all(&networks, &progress, |id, _| {
            let network = register
                .network(id)
                .with_context(|| format!("no network {id:?}"))?;
            let report = context.report(network);
            let json = serde_json::to_vec_pretty(&report)?;
            if args.keep_data {
                write_atomic(
                    &output_file(&out.join("data"), "netwerk-", id, "json")?,
                    &json,
                )?;
            }
            Ok(Job {
                template: "netwerk.typ",
                files: vec![DocumentFile {
                    path: "data.json".into(),
                    bytes: json,
                }],
                out: output_file(&out, "netwerk-", id, "pdf")?,
            })
        });
        progress.finish_and_clear();
        reports_written = networks.len() - failed.len();
        failures.extend(failed.into_iter().map(|f| format!("report of network {f}")));
    }
    let mut profiles_written = 0;
    if let (Some(profiles), Some(pool)) = (&area_profiles, &pool) {
        let progress = progress_bar(profiles.area_count(), &m.get("progress-profiles"), m, quiet);
        let failed = profiles.render(pool, m, &out, args.keep_data, &progress);
        progress.finish_and_clear();
        profiles_written = profiles.area_count() - failed.len();
        failures.extend(failed.into_iter().map(|f| format!("profile of area {f}")));
    }

    if let (Some(c), Some(inputs)) = (&comparison, &compare_inputs)
        && let Err(e) = crate::render::compare::render_report(
            c,
            inputs,
            pipeline,
            lang,
            &out,
            args.templates.as_deref(),
            args.keep_data,
        )
    {
        failures.push(format!("comparison report: {e:#}"));
    }

    // ---------------------------------------------------------------- tell
    for failure in &failures {
        eprintln!("wijkmonitor: failed: {failure}");
    }
    if !quiet {
        let mut made = Vec::new();
        if pipeline.outputs.reports.is_some() {
            made.push(msg!(m, "run-made-reports", count = reports_written));
        }
        if area_profiles.is_some() {
            made.push(msg!(m, "run-made-profiles", count = profiles_written));
        }
        if pipeline.outputs.tables {
            made.push(msg!(m, "run-made-tables", count = tables.len()));
        }
        if pipeline.outputs.workbook.is_some() {
            made.push(m.get("run-made-workbook"));
        }
        if comparison.is_some() {
            made.push(m.get("run-made-comparison"));
        }
        println!(
            "{}",
            msg!(
                m,
                "run-made",
                pipeline = pipeline.name.as_str(),
                made = made.join(", "),
                out = out.display().to_string(),
                seconds = format_value(started.elapsed().as_secs_f64(), 1, lang == Lang::Nl)
            )
        );
        if errors + warnings > 0 || !unreadable.is_empty() {
            println!(
                "{}{}",
                msg!(
                    m,
                    "run-input-problems",
                    errors = errors,
                    warnings = warnings
                ),
                if unreadable.is_empty() {
                    String::new()
                } else {
                    msg!(m, "run-input-unreadable", count = unreadable.len())
                }
            );
        }
    }
    Ok(
        if failures.is_empty() && errors == 0 && unreadable.is_empty() {
            Outcome::Success
        } else {
            Outcome::DataErrors
        },
    )
}

/// Warnings for register text that a report would not show as typed:
/// characters no shipped font covers (shown as �) or that PDF/UA forbids
/// (dropped), with sheet, row and column.
fn unrenderable_text(register: &Register, path: &Path) -> Vec<Problem> {
    let mut cells: Vec<(&str, usize, &str, &str)> = Vec::new();
    for n in &register.networks {
        cells.push(("netwerken", n.row, "id", &n.id));
        cells.push(("netwerken", n.row, "naam", &n.name));
        for (column, text) in [
            ("doelgroep", &n.target_group),
            ("ambitie", &n.ambition),
            ("kartrekker_rol", &n.kartrekker_role),
        ] {
            if let Some(text) = text {
                cells.push(("netwerken", n.row, column, text));
            }
        }
    }
    for p in &register.partners {
        cells.push(("partners", p.row, "partner", &p.name));
    }
    cells
        .into_iter()
        .filter_map(|(sheet, row, column, text)| {
            let chars = crate::render::text::unrenderable(text);
            (!chars.is_empty()).then(|| {
                Problem::warning(
                    Location::file(path).sheet(sheet).row(row).column(column),
                    format!(
                        "{} cannot be shown in a report: {} (left out, or shown as �)",
                        if chars.len() == 1 {
                            "a character"
                        } else {
                            "characters"
                        },
                        crate::render::text::describe(&chars)
                    ),
                )
            })
        })
        .collect()
}

/// Reads one input of the pipeline.
fn read_input<'p>(
    input: &'p Input,
    pipeline: &Pipeline,
    register: Option<&Register>,
    options: &ReadOptions,
) -> Read<'p> {
    let mut read = Read {
        input,
        file: None,
        year: None,
        detail: None,
        problems: Vec::new(),
        content: Err(String::new()),
    };
    if input.kind != InputKind::OpenData {
        match FileInfo::of(&input.path) {
            Ok(info) => read.file = Some(info),
            Err(e) => {
                read.content = Err(e.to_string());
                return read;
            }
        }
    }
    read.content = match input.kind {
        InputKind::OpenData => match read_dataset(&input.path, options) {
            Ok(dataset) => {
                read.file = Some(dataset.file.clone());
                read.year = dataset.year;
                read.detail = Some(dataset.source.description().to_owned());
                read.problems = dataset.problems.clone();
                Ok(Content::OpenData(Box::new(dataset)))
            }
            Err(e) => Err(e.to_string()),
        },
        InputKind::Register => match read_register(&input.path) {
            Ok(loaded) => {
                read.problems = loaded.problems;
                read.problems
                    .extend(unrenderable_text(&loaded.data, &input.path));
                Ok(Content::Register(loaded.data))
            }
            Err(e) => Err(e.to_string()),
        },
        InputKind::Responses => {
            let name = input.instrument.as_deref().unwrap_or_default();
            match pipeline.instrument(input) {
                Err(e) => Err(format!("the instrument {name:?}: {e}")),
                Ok(instrument) => match read_responses(&input.path, &instrument, register) {
                    Ok(loaded) => {
                        read.problems = loaded.problems;
                        read.detail = Some(instrument.id.clone());
                        Ok(Content::Responses(Box::new((instrument, loaded.data))))
                    }
                    Err(e) => Err(e.to_string()),
                },
            }
        }
        InputKind::Matches => match read_match_log(&input.path, register) {
            Ok(loaded) => {
                read.problems = loaded.problems;
                Ok(Content::Matches(loaded.data))
            }
            Err(e) => Err(e.to_string()),
        },
        InputKind::Questions => match read_question_log(&input.path, register) {
            Ok(loaded) => {
                read.problems = loaded.problems;
                Ok(Content::Questions(loaded.data))
            }
            Err(e) => Err(e.to_string()),
        },
        InputKind::Boundaries => match crate::geo::read_boundaries(&input.path, None) {
            Ok(boundaries) => {
                read.problems = boundaries.problems.iter().map(|e| e.problem()).collect();
                Ok(Content::Boundaries(Box::new(boundaries)))
            }
            Err(e) => Err(e.to_string()),
        },
    };
    read
}

/// What kind of input a file is, in the report's language: the dataset's
/// title for open data, else the kind's word (`antwoorden (welbevinden)`).
fn kind_label(r: &Read, m: &Messages) -> String {
    let word = || m.get(&format!("input-kind-{}", r.input.kind.code()));
    match (r.input.kind, &r.detail) {
        (InputKind::OpenData, Some(title)) => title.clone(),
        (_, Some(detail)) => format!("{} ({detail})", word()),
        (_, None) => word(),
    }
}

/// Reads every input of the pipeline: the register first, then the others
/// in parallel, their network ids checked against the register when its
/// networks could be read (otherwise one warning says they are not: issue
/// 11, defect 6). The register's read, when there is one, comes first;
/// the register itself is returned too when it could be read.
pub(crate) fn read_inputs<'p>(
    pipeline: &'p Pipeline,
    options: &ReadOptions,
) -> (Vec<Read<'p>>, Option<Register>) {
    let mut register_read = pipeline
        .register()
        .map(|input| read_input(input, pipeline, None, options));
    // Network ids are checked against a register whose networks could be
    // read; otherwise its one error is the cause, and every reference in the
    // other files would repeat it (issue 11, defect 6).
    let checkable =
        |r: &Read| matches!(&r.content, Ok(Content::Register(reg)) if reg.networks_read);
    if let Some(read) = register_read.as_mut().filter(|r| !checkable(r)) {
        read.problems.push(Problem::warning(
            Location::file(&read.input.path),
            "the networks of the register could not be read (see above), so the network ids \
             in the other files are not checked against the register",
        ));
    }
    let register = register_read.as_ref().and_then(|r| match &r.content {
        Ok(Content::Register(reg)) if reg.networks_read => Some(reg),
        _ => None,
    });
    let others: Vec<&Input> = pipeline
        .inputs
        .values()
        .filter(|i| i.kind != InputKind::Register)
        .collect();
    let mut reads: Vec<Read> = others
        .par_iter()
        .map(|input| read_input(input, pipeline, register, options))
        .collect();
    let register_read = register_read.map(|r| {
        reads.insert(0, r);
        0
    });
    let register = register_read.and_then(|i| match &reads[i].content {
        Ok(Content::Register(reg)) => Some(reg.clone()),
        _ => None,
    });
    (reads, register)
}

/// The activity of the match and question logs among the inputs read (all
/// such inputs together), suppressed below `min_n`: for `run` and `compare`.
pub(crate) fn log_activity(reads: &[Read], min_n: usize) -> (Vec<MatchRow>, QuestionTables) {
    let options = ActivityOptions {
        min_n,
        ..ActivityOptions::default()
    };
    let match_records: Vec<MatchRecord> = reads
        .iter()
        .filter_map(|r| match &r.content {
            Ok(Content::Matches(m)) => Some(m.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    let question_records: Vec<QuestionRecord> = reads
        .iter()
        .filter_map(|r| match &r.content {
            Ok(Content::Questions(q)) => Some(q.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    (
        match_activity(&match_records, &options),
        question_activity(&question_records, &options),
    )
}

/// Prints every problem and unreadable input to stderr, grouped per input.
pub(crate) fn print_problems(reads: &[Read], show: bool) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for r in reads {
        if let Err(e) = &r.content {
            let _ = writeln!(err, "{}: error: {e}", r.input.name);
        }
        // `--quiet` prints nothing but errors: a run that exits 1 for an
        // input error always says which (it printed nothing before).
        for p in r.problems.iter().filter(|p| show || p.is_error()) {
            let _ = writeln!(err, "{p}");
        }
    }
}

/// `settings.from` and `settings.to` against the waves of every responses
/// input that could be read.
pub(crate) fn wave_problems(pipeline: &Pipeline, reads: &[Read]) -> Vec<SpecProblem> {
    let mut problems = Vec::new();
    for r in reads {
        let Ok(Content::Responses(content)) = &r.content else {
            continue;
        };
        let (instrument, responses) = &**content;
        let mut present: Vec<String> = Vec::new();
        for record in &responses.records {
            if !present.contains(&record.wave) {
                present.push(record.wave.clone());
            }
        }
        problems.extend(pipeline.check_waves(r.input, instrument, &present));
    }
    problems
}

/// The networks whose reports to make: all, or those named (each checked).
pub(crate) fn chosen_networks<'r>(
    register: &'r Register,
    wanted: &[String],
) -> Result<BTreeSet<&'r str>> {
    if wanted.is_empty() {
        return Ok(register.networks.iter().map(|n| n.id.as_str()).collect());
    }
    let mut chosen = BTreeSet::new();
    for id in wanted {
        match register.networks.iter().find(|n| n.id == id.trim()) {
            Some(n) => {
                chosen.insert(n.id.as_str());
            }
            None => bail!(
                "--network {id}: the register has no network {id:?}; its networks are: {}",
                register.network_ids().join(", ")
            ),
        }
    }
    Ok(chosen)
}

/// An instrument's results with the names of the inputs they came from.
pub(crate) struct Named {
    pub(crate) inputs: Vec<String>,
    pub(crate) result: InstrumentResult,
}

/// Merges the responses of each instrument, scores them and computes the
/// before/after and per-wave tables; by the instrument's first declared
/// group (such as `rol`) when the responses have that column.
pub(crate) fn instrument_results(
    reads: &[Read],
    options: &EffectOptions,
    failures: &mut Vec<String>,
) -> Vec<Named> {
    let mut merged: BTreeMap<String, (Vec<String>, Instrument, Responses)> = BTreeMap::new();
    for r in reads {
        let Ok(Content::Responses(content)) = &r.content else {
            continue;
        };
        let (instrument, responses) = &**content;
        match merged.get_mut(&instrument.id) {
            None => {
                merged.insert(
                    instrument.id.clone(),
                    (
                        vec![r.input.name.clone()],
                        instrument.clone(),
                        responses.clone(),
                    ),
                );
            }
            Some((names, _, all)) => {
                if all.group_columns != responses.group_columns {
                    failures.push(format!(
                        "input {}: its grouping columns ({}) differ from those of {} ({}); left out",
                        r.input.name,
                        responses.group_columns.join(", "),
                        names[0],
                        all.group_columns.join(", ")
                    ));
                    continue;
                }
                names.push(r.input.name.clone());
                all.records.extend(responses.records.iter().cloned());
            }
        }
    }
    let mut out = Vec::new();
    for (id, (inputs, instrument, responses)) in merged {
        let by = instrument
            .groups
            .iter()
            .map(|g| g.id.clone())
            .find(|g| responses.group_columns.contains(g));
        let options = EffectOptions {
            by,
            ..options.clone()
        };
        let computed = score_responses(&instrument, &responses)
            .map_err(|e| e.to_string())
            .and_then(|scores| {
                let rows =
                    before_after(&scores, &instrument, &options).map_err(|e| e.to_string())?;
                let waves =
                    wave_summaries(&scores, &instrument, &options).map_err(|e| e.to_string())?;
                Ok((rows, waves))
            });
        match computed {
            Ok((before_after, waves)) => out.push(Named {
                inputs,
                result: InstrumentResult {
                    instrument,
                    before_after,
                    waves,
                },
            }),
            Err(e) => failures.push(format!("instrument {id}: {e}")),
        }
    }
    out
}

/// One row per network: what the register says, for researchers.
#[derive(Serialize)]
struct NetworkRow<'a> {
    network_id: &'a str,
    name: &'a str,
    gemeente_code: &'a str,
    start_date: Option<NaiveDate>,
    phase: Option<&'static str>,
    initiator: Option<&'static str>,
    approach: Option<&'static str>,
    perspective: Option<&'static str>,
    funding: Option<&'static str>,
    kartrekker_independent: Option<bool>,
    residents_from_start: &'static str,
    written_ambition: &'static str,
    areas: String,
    partners: usize,
    partner_domains: String,
}

fn result_tables(
    register: &Register,
    instruments: &[Named],
    matches: &[crate::compute::activity::MatchRow],
    questions: &QuestionTables,
    date: NaiveDate,
) -> Result<Vec<Table>> {
    let networks: Vec<NetworkRow> = register
        .networks
        .iter()
        .map(|n| {
            let partners: Vec<_> = register
                .partners
                .iter()
                .filter(|p| p.network == n.id)
                .collect();
            NetworkRow {
                network_id: &n.id,
                name: &n.name,
                gemeente_code: &n.municipality,
                start_date: n.start_date,
                phase: register.phase_on(&n.id, date).map(|p| p.code()),
                initiator: n.initiator.map(|v| v.code()),
                approach: n.approach.map(|v| v.code()),
                perspective: n.perspective.map(|v| v.code()),
                funding: n.funding.map(|v| v.code()),
                kartrekker_independent: n.kartrekker_independent,
                residents_from_start: n.residents_from_start.code(),
                written_ambition: n.written_ambition.code(),
                areas: register
                    .areas
                    .iter()
                    .filter(|a| a.network == n.id)
                    .map(|a| a.area.code.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                partners: partners.len(),
                partner_domains: partners
                    .iter()
                    .map(|p| p.domain.code())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
        .collect();
    let before: Vec<_> = instruments
        .iter()
        .flat_map(|i| i.result.before_after.iter())
        .collect();
    let waves: Vec<_> = instruments
        .iter()
        .flat_map(|i| i.result.waves.waves.iter())
        .collect();
    let cutoffs: Vec<_> = instruments
        .iter()
        .flat_map(|i| i.result.waves.cutoffs.iter())
        .collect();
    Ok(vec![
        Table::from_rows(&schema::NETWORKS, &networks)?,
        Table::from_rows(&schema::BEFORE_AFTER, &before)?,
        Table::from_rows(&schema::WAVES, &waves)?,
        Table::from_rows(&schema::CUTOFFS, &cutoffs)?,
        Table::from_rows(&schema::MATCHES, matches)?,
        Table::from_rows(&schema::QUESTION_QUARTERS, &questions.quarters)?,
        Table::from_rows(&schema::COMMUNITY_CHANGE, &questions.change)?,
    ])
}

fn input_line(r: &Read, m: &Messages) -> InputLine {
    InputLine {
        name: r
            .file
            .as_ref()
            .map(|f| f.name.clone())
            .unwrap_or_else(|| file_name(&r.input.path)),
        kind_label: kind_label(r, m),
        year: r.year,
        sha256: r
            .file
            .as_ref()
            .map(|f| f.sha256.clone())
            .unwrap_or_default(),
        readable: r.content.is_ok(),
        errors: r.errors(),
        warnings: r.warnings(),
    }
}

/// Area names from the open data; the networks' municipalities also from
/// the municipality register (in the division of the run's year).
fn area_names(
    datasets: &[Dataset],
    register: &Register,
    date: NaiveDate,
) -> BTreeMap<String, String> {
    let mut names = crate::ingest::source::area_names(datasets);
    let year = chrono::Datelike::year(&date);
    for n in &register.networks {
        if !names.contains_key(&n.municipality)
            && let Some(name) = crate::ingest::municipalities::MunicipalityRegister::builtin()
                .name_for_code(&n.municipality, year)
        {
            names.insert(n.municipality.clone(), name.to_owned());
        }
    }
    names
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
