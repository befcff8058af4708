//! One module per subcommand, each with a single `run`.

pub mod compare;
pub mod effect;
pub mod inspect;
pub mod profile;
pub mod render;
pub mod run;
pub mod serve;
pub mod template;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Cli, Command};
use crate::i18n::Messages;
use crate::msg;

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The command ran to the end but found data errors (exit code 1).
    DataErrors,
}

/// Runs the command the user asked for.
pub fn dispatch(cli: Cli) -> Result<Outcome> {
    // typst's layout recurses deeply: the 2 MiB default stack of rayon's
    // workers overflows on long documents, so they get 16 MiB (reserved, only
    // touched when used). The error when a pool exists already (tests call
    // dispatch more than once in one process) is ignored.
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(16 << 20);
    if let Some(jobs) = cli.global.jobs {
        pool = pool.num_threads(jobs.max(1));
    }
    let _ = pool.build_global();
    match cli.command {
        Command::Inspect(args) => inspect::run(&args, &cli.global),
        Command::Profile(args) => profile::run(&args, &cli.global),
        Command::Effect(args) => effect::run(&args, &cli.global),
        Command::Template(args) => template::run(&args, &cli.global),
        Command::Run(args) => run::run(&args, &cli.global),
        Command::Compare(args) => compare::run(&args, &cli.global),
        Command::Render(args) => render::run(&args, &cli.global),
        Command::Serve(args) => serve::run(&args, &cli.global),
    }
}

/// A progress bar over `len` documents (`what`: "profielen"), hidden when
/// quiet or for one. Its words come from the catalogue; indicatif's
/// placeholders are passed into the message as arguments.
pub fn progress_bar(len: usize, what: &str, m: &Messages, quiet: bool) -> ProgressBar {
    if quiet || len < 2 {
        return ProgressBar::hidden();
    }
    ProgressBar::new(len as u64).with_style(
        ProgressStyle::with_template(&progress_template(what, m))
            .unwrap_or_else(|_| ProgressBar::new(0).style()),
    )
}

/// The indicatif template of the progress bar in the catalogue's words.
fn progress_template(what: &str, m: &Messages) -> String {
    let eta = msg!(m, "progress-eta", eta = "{eta}");
    format!("{{bar:40}} {{pos}}/{{len}} {what}  {{elapsed}} ({eta})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_progress_bar_speaks_the_language_of_the_run() {
        let nl = Messages::builtin(Lang::Nl);
        assert_eq!(
            progress_template(&nl.get("progress-profiles"), nl),
            "{bar:40} {pos}/{len} profielen  {elapsed} (nog {eta})"
        );
        let en = Messages::builtin(Lang::En);
        let template = progress_template(&en.get("progress-reports"), en);
        assert_eq!(
            template,
            "{bar:40} {pos}/{len} reports  {elapsed} ({eta} left)"
        );
        assert!(ProgressStyle::with_template(&template).is_ok());
    }
}
