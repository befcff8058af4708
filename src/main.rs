//! The `wijkmonitor` binary: parse flags, run one command, map the outcome to
//! an exit code (0 ok, 1 input or data error, 2 usage error).

use std::process::ExitCode;

use clap::Parser;

use wijkmonitor::cli::Cli;
use wijkmonitor::cmd::{self, Outcome};
use wijkmonitor::render::pool;

fn main() -> ExitCode {
    // A copy of this program started to render documents of a batch.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == pool::WORKER_ARG)
    {
        let args: Vec<_> = std::env::args_os().skip(2).collect();
        return match pool::serve(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("wijkmonitor: render worker: {error:#}");
                ExitCode::from(1)
            }
        };
    }
    pool::enable_worker_processes();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout with success, usage
            // errors to stderr; its exit code for usage errors is 2.
            let _ = error.print();
            return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
        }
    };
    match cmd::dispatch(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::DataErrors) => ExitCode::from(1),
        Err(error) => {
            eprintln!("wijkmonitor: error: {error:#}");
            ExitCode::from(1)
        }
    }
}
