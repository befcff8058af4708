//! `wijkmonitor serve`: a local web server over the profiles.
//!
//! The inputs are read once ([`profile_source::ProfileSource`]); the pages
//! are answered from memory, the PDFs rendered on demand (on blocking
//! threads, at most one per core at a time) and kept in a size-bounded
//! cache. axum on tokio; pages are written in Rust ([`pages`]).

pub mod pages;
pub mod profile_source;
pub mod routes;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use typst::foundations::Datetime;

use crate::i18n::{Lang, Messages};

/// What the server needs to start.
pub struct ServeOptions<'a> {
    /// The open-data files (KWB, RIVM/GGD, Vektis).
    pub files: Vec<PathBuf>,
    pub templates: Option<&'a Path>,
    pub date: Datetime,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    /// Largest total size of the cached PDFs in bytes.
    pub cache_bytes: usize,
    pub quiet: bool,
}

/// Reads the inputs, binds, prints the address and serves until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<()> {
    let source =
        profile_source::ProfileSource::load(&options.files, options.templates, options.date)?;
    let messages = [
        Messages::load(options.templates, Lang::Nl)?,
        Messages::load(options.templates, Lang::En)?,
    ];
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = Arc::new(routes::AppState {
        source,
        messages,
        pdfs: Mutex::new(routes::PdfCache::new(options.cache_bytes)),
        renders: tokio::sync::Semaphore::new(cores),
    });
    if !options.bind.is_loopback() {
        eprintln!(
            "wijkmonitor serve: warning: bound to {}: the data are reachable by anyone on the network who can reach this machine",
            options.bind
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .enable_all()
        .build()
        .context("cannot start the web server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
            .await
            .with_context(|| format!("cannot listen on {}:{}", options.bind, options.port))?;
        let address = listener.local_addr()?;
        let url = format!("http://{address}/");
        // The address is printed even with --quiet: it is the output.
        println!("{url}");
        if !options.quiet {
            eprintln!("wijkmonitor serve: Ctrl-C stops the server");
        }
        use std::io::Write;
        let _ = std::io::stdout().flush();
        if options.open {
            open_browser(&url);
        }
        axum::serve(listener, routes::router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the web server stopped")
    })
}

/// Opens the address in the desktop's browser; a failure is only reported.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(command.0)
        .args(&command.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("wijkmonitor serve: cannot open a browser ({e}); open {url} yourself");
    }
}
