//! Times typst on reports: the bare compile of one document (in process,
//! one thread, with typst's caches emptied before each compile: "cold"; and
//! repeated without emptying them: "warm"), and the throughput of many
//! documents on 1..=N plain threads (as `run` and `profile` render them),
//! cycling through the data files given.
//!
//! `cargo run --release --example render_timing -- TEMPLATE DOCS DATA.json...`
//! e.g. `netwerk.typ 40 uitvoer/voorbeeld/data/*.json`
//! (`wijkmonitor run --keep-data` writes such data files). `TEMPLATES=DIR`
//! renders edited copies of the templates instead of the built-in ones.
use std::time::{Duration, Instant};

use wijkmonitor::render::pdf::{DocumentFile, Renderer, document_date};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let template = args.next().expect("a template name, such as netwerk.typ");
    let docs: usize = args
        .next()
        .expect("the number of documents")
        .parse()
        .expect("a number");
    let files: Vec<Vec<u8>> = args
        .map(|path| std::fs::read(path).expect("read a data file"))
        .collect();
    assert!(!files.is_empty(), "give at least one data file");
    let templates = std::env::var_os("TEMPLATES").map(std::path::PathBuf::from);
    let renderer = Renderer::new(templates.as_deref()).expect("renderer");
    let date = document_date(None);
    let render = |i: usize| {
        renderer
            .pdf(
                &template,
                vec![DocumentFile {
                    path: "data.json".into(),
                    bytes: files[i % files.len()].clone(),
                }],
                date,
            )
            .expect("render")
    };
    if std::env::var_os("BATCH_ONLY").is_some() {
        // Only the batch on one thread: for measuring CPU time from outside
        // (`/usr/bin/time`); with TIMING=FILE also typst's own trace of it
        // (Chrome trace format: chrome://tracing or ui.perfetto.dev).
        let timing = std::env::var_os("TIMING");
        if timing.is_some() {
            typst_timing::enable();
        }
        for i in 0..docs {
            render(i);
        }
        if let Some(path) = timing {
            let file = std::fs::File::create(path).expect("create the trace file");
            typst_timing::export_json(std::io::BufWriter::new(file), |_| ("?".into(), 0))
                .expect("write the trace");
        }
        return;
    }
    let t = Instant::now();
    let pdf = render(0);
    println!("first document: {:?} ({} bytes)", t.elapsed(), pdf.len());
    let timed = |cold: bool| -> Duration {
        let times = (0..9)
            .map(|_| {
                if cold {
                    typst::comemo::evict(0);
                }
                let t = Instant::now();
                render(0);
                t.elapsed()
            })
            .collect();
        median(times)
    };
    println!(
        "bare compile + PDF of one document, one thread: cold {:?}, warm {:?}",
        timed(true),
        timed(false)
    );
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    for threads in 1..=cores {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let t = Instant::now();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                std::thread::Builder::new()
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, || {
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            if i >= docs {
                                break;
                            }
                            render(i);
                        }
                    })
                    .expect("thread");
            }
        });
        let wall = t.elapsed();
        println!(
            "{docs} documents ({} different) on {threads} thread(s): {wall:?}, {:?} per document",
            files.len().min(docs),
            wall / docs as u32
        );
    }
}
