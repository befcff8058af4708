//! `wijkmonitor serve`: a local web server over the profiles.
//!
//! The inputs are read once ([`profile_source::ProfileSource`]); the pages
//! are answered from memory, the PDFs rendered on demand (on blocking
//! threads, at most one per core at a time) and kept in a size-bounded
//! cache. axum on tokio; pages are written in Rust ([`pages`]).

pub mod networks;
pub mod pages;
pub mod profile_source;
pub mod routes;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use typst::foundations::Datetime;

use crate::i18n::{Lang, Messages};

/// What the pages are made from: the inputs, read once.
pub struct AppInputs<'a> {
    /// The open-data files (KWB, RIVM/GGD, Vektis).
    pub files: Vec<PathBuf>,
    /// The user's wijk boundaries (GeoJSON or GeoPackage); the built-in
    /// 2024 wijken otherwise.
    pub boundaries: Option<&'a Path>,
    /// The pipeline, for the networks page.
    pub pipeline: Option<&'a Path>,
    pub templates: Option<&'a Path>,
    /// The document date of the PDFs.
    pub date: Datetime,
    /// Largest total size of the cached PDFs in bytes.
    pub cache_bytes: usize,
}

/// What the server needs to start.
pub struct ServeOptions<'a> {
    pub inputs: AppInputs<'a>,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub quiet: bool,
    /// The language of the console lines (the pages switch per request).
    pub lang: crate::i18n::Lang,
}

/// Reads the inputs and makes the application: the router with its state.
/// Tests call it directly (no socket needed).
pub fn app(inputs: &AppInputs) -> Result<axum::Router> {
    let source = profile_source::ProfileSource::load(&inputs.files, inputs.templates, inputs.date)?;
    let messages = [
        Messages::load(inputs.templates, Lang::Nl)?,
        Messages::load(inputs.templates, Lang::En)?,
    ];
    let boundaries = match inputs.boundaries {
        Some(path) => Some(crate::geo::read_boundaries(path, None)?),
        None => None,
    };
    let networks = match inputs.pipeline {
        Some(path) => networks::NetworkSource::load(path, inputs.templates)?,
        None => None,
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = Arc::new(routes::AppState {
        source,
        messages,
        boundaries,
        networks,
        pdfs: Mutex::new(routes::PdfCache::new(inputs.cache_bytes)),
        renders: tokio::sync::Semaphore::new(cores),
    });
    Ok(routes::router(state))
}

/// Reads the inputs, binds, prints the address and serves until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<()> {
    let m = crate::i18n::Messages::builtin(options.lang);
    let app = app(&options.inputs)?;
    if !options.bind.is_loopback() {
        eprintln!(
            "{}",
            crate::msg!(
                m,
                "serve-console-bind-warning",
                address = options.bind.to_string()
            )
        );
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
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
            eprintln!("{}", m.get("serve-console-stop"));
        }
        use std::io::Write;
        let _ = std::io::stdout().flush();
        if options.open {
            open_browser(&url, m);
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the web server stopped")
    })
}

/// Opens the address in the desktop's browser; a failure is only reported.
fn open_browser(url: &str, m: &crate::i18n::Messages) {
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
        eprintln!(
            "{}",
            crate::msg!(
                m,
                "serve-console-no-browser",
                error = e.to_string(),
                url = url
            )
        );
    }
}
