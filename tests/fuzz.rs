//! Seeded mutation fuzzing of every reader, in process, on the stable
//! toolchain (no cargo-fuzz, no new dependency): each iteration takes a real
//! fixture, applies one to three mutations (bytes, xlsx parts, CSV
//! structure, TOML values) chosen by a SplitMix64 seeded with the iteration
//! number, and calls the reader inside `catch_unwind`. A reader may return
//! an error; it may not panic.
//!
//! `cargo test fuzz_` runs 200 iterations per reader (CI);
//! `FUZZ_SECONDS=600 cargo test --release fuzz_ -- --ignored` runs each
//! reader for that long. `FUZZ_SEED=N` replays one iteration. A failing
//! input is saved under the target's temporary directory (`fuzz-failures/`).
//! See TESTING.md for what the long runs found.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use wijkmonitor::ingest::grid::{read_grid_bytes, read_open_data_grid};
use wijkmonitor::ingest::network::logs::{read_match_log, read_question_log};
use wijkmonitor::ingest::network::register::{Register, read_register};
use wijkmonitor::ingest::network::responses::read_responses;
use wijkmonitor::ingest::source::{ReadOptions, read_dataset};
use wijkmonitor::spec::instrument::{Instrument, load_instrument, parse_instrument};
use wijkmonitor::spec::pipeline::parse_pipeline;

use crate::corpus::mutate::{CSV_MUTATIONS, mutate_bytes, mutate_csv, try_rewrite_zip};
use crate::corpus::rng::Rng;
use crate::corpus::toml::retype;
use crate::workdir::repo;

/// How an input is mutated.
#[derive(Clone, Copy)]
enum Kind {
    Xlsx,
    Csv,
    Toml,
}

/// Where the last panic happened (set by the hook, read after
/// `catch_unwind`), to tell the xlsx readers' panics from others.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            eprintln!("panic at {at}: {payload}");
            *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = format!("{at}: {payload}");
        }));
    });
}

fn mutate(rng: &mut Rng, kind: Kind, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(3) {
        // Growth is not the point (the xlsx work owns memory bombs): a
        // stacked 20 000-column mutation would take the fuzzer minutes.
        if out.len() > 4_000_000 {
            break;
        }
        out = match kind {
            // Inside the archive most of the time: flipped bytes of the
            // archive itself mostly end at the CRC check.
            Kind::Xlsx if rng.below(10) < 7 && out.starts_with(b"PK") => {
                let parts = zip::ZipArchive::new(std::io::Cursor::new(&out))
                    .map(|a| a.len())
                    .unwrap_or(0);
                if parts == 0 {
                    mutate_bytes(rng, &out).1
                } else {
                    let target = rng.below(parts);
                    let mut index = 0;
                    let mut inner = rng.clone();
                    rng.next_u64();
                    let result = try_rewrite_zip(&out, |name, data| {
                        index += 1;
                        let data = if index - 1 == target {
                            mutate_bytes(&mut inner, &data).1
                        } else {
                            data
                        };
                        Some((name.to_owned(), data))
                    });
                    result.unwrap_or_else(|| mutate_bytes(rng, &out).1)
                }
            }
            Kind::Csv if rng.chance(3) => {
                let text = String::from_utf8_lossy(&out).into_owned();
                let which = *rng.pick(CSV_MUTATIONS);
                mutate_csv(rng, which, &text)
            }
            Kind::Toml if rng.chance(2) => {
                let text = String::from_utf8_lossy(&out).into_owned();
                if text.contains(" = ") {
                    retype(rng, &text).1.into_bytes()
                } else {
                    mutate_bytes(rng, &out).1
                }
            }
            _ => mutate_bytes(rng, &out).1,
        };
    }
    out
}

/// One reader under fuzzing: its fixtures (paths under the repository) and
/// a call that reads a file at a path.
struct Target<'a> {
    name: &'a str,
    kind: Kind,
    fixtures: &'a [&'a str],
    read: &'a (dyn Fn(&Path) + Sync),
}

/// Runs `target` for `FUZZ_SECONDS` (ignored long run) or `iterations`.
fn fuzz(target: Target, iterations: u64, long: bool) {
    install_hook();
    let fixtures: Vec<(String, Vec<u8>)> = target
        .fixtures
        .iter()
        .map(|p| (p.to_string(), std::fs::read(repo().join(p)).unwrap()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let failures_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    let seconds: Option<u64> = long.then(|| {
        std::env::var("FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(60)
    });
    let replay: Option<u64> = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok());
    let base: u64 = if long {
        // a long run explores new seeds each time; they are printed
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs() << 20)
    } else {
        0
    };
    let start = Instant::now();
    let (mut failures, mut known, mut done) = (Vec::new(), Vec::new(), 0u64);
    let mut i = 0u64;
    loop {
        let seed = match replay {
            Some(_) if i > 0 => break,
            Some(seed) => seed,
            None => base + i,
        };
        match seconds {
            Some(s) if start.elapsed() > Duration::from_secs(s) => break,
            None if i >= iterations => break,
            _ => {}
        }
        i += 1;
        let mut rng = Rng::new(seed ^ 0xF022_5EED);
        let (fixture, bytes) = rng.pick(&fixtures).clone();
        let mutated = mutate(&mut rng, target.kind, &bytes);
        let name = Path::new(&fixture).file_name().unwrap().to_owned();
        let path = dir.path().join(&name);
        std::fs::write(&path, &mutated).unwrap();
        done += 1;
        if catch_unwind(AssertUnwindSafe(|| (target.read)(&path))).is_err() {
            let at = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).clone();
            std::fs::create_dir_all(&failures_dir).unwrap();
            let saved =
                failures_dir.join(format!("{}-{seed}-{}", target.name, name.to_string_lossy()));
            std::fs::write(&saved, &mutated).unwrap();
            let line = format!("seed {seed} ({fixture}): {at}; input {}", saved.display());
            // Panics inside the xlsx readers belong to the "xlsx" work.
            if at.contains("ingest/grid.rs") || at.contains("fast_xlsx") || at.contains("calamine")
            {
                known.push(line);
            } else {
                failures.push(line);
            }
        }
    }
    eprintln!(
        "fuzz {}: {done} inputs in {:.1} s, {} panics, {} in the xlsx readers (seeds {base}..)",
        target.name,
        start.elapsed().as_secs_f64(),
        failures.len(),
        known.len()
    );
    for line in &known {
        eprintln!("  known (xlsx): {line}");
    }
    assert!(
        failures.is_empty(),
        "fuzz {}: {} panics\n{}",
        target.name,
        failures.len(),
        failures.join("\n")
    );
}

const XLSX: &[&str] = &[
    "tests/fixtures/other-years/kwb-2019.xlsx",
    "tests/fixtures/other-years/kwb-2020.xlsx",
    "tests/fixtures/real/kwb-2023-utrecht.xlsx",
    "sample-data/netwerken/register.xlsx",
    "sample-data/netwerken/antwoorden-welbevinden.xlsx",
];
const CSV: &[&str] = &[
    "tests/fixtures/other-years/kwb-2024.csv",
    "tests/fixtures/other-years/50120NED-2022-18plus.csv",
    "tests/fixtures/other-years/vektis-zvw-2021-gemeente.csv",
    "tests/fixtures/network/vragen-windows-1252.csv",
];
const KWB: &[&str] = &[
    "tests/fixtures/other-years/kwb-2019.xlsx",
    "tests/fixtures/other-years/kwb-2020.xlsx",
    "tests/fixtures/other-years/kwb-2024.csv",
];
const RIVM: &[&str] = &[
    "tests/fixtures/other-years/50120NED-2022-18plus.csv",
    "sample-data/open-data/50090NED-2020-18plus-voorbeeldgemeenten.xlsx",
];
const VEKTIS: &[&str] = &[
    "tests/fixtures/other-years/vektis-zvw-2011-gemeente.csv",
    "tests/fixtures/other-years/vektis-zvw-2015-gemeente.csv",
    "tests/fixtures/other-years/vektis-zvw-2021-gemeente.csv",
    "tests/fixtures/other-years/vektis-zvw-2022-postcode3.csv",
];

fn dataset(path: &Path) {
    let options = ReadOptions::default();
    let _ = read_dataset(path, &options);
}

macro_rules! fuzz_target {
    ($short:ident, $long:ident, $name:literal, $kind:expr, $fixtures:expr, $read:expr) => {
        #[test]
        fn $short() {
            let read = $read;
            fuzz(
                Target {
                    name: $name,
                    kind: $kind,
                    fixtures: $fixtures,
                    read: &read,
                },
                200,
                false,
            );
        }

        #[test]
        #[ignore = "long fuzzing run: FUZZ_SECONDS=600 cargo test --release fuzz_ -- --ignored"]
        fn $long() {
            let read = $read;
            fuzz(
                Target {
                    name: $name,
                    kind: $kind,
                    fixtures: $fixtures,
                    read: &read,
                },
                0,
                true,
            );
        }
    };
}

fuzz_target!(
    fuzz_xlsx,
    fuzz_long_xlsx,
    "xlsx",
    Kind::Xlsx,
    XLSX,
    |path: &Path| {
        let bytes = std::fs::read(path).unwrap();
        let _ = read_grid_bytes(path, &bytes);
        let _ = read_open_data_grid(path, &bytes);
    }
);
fuzz_target!(
    fuzz_csv,
    fuzz_long_csv,
    "csv",
    Kind::Csv,
    CSV,
    |path: &Path| {
        let bytes = std::fs::read(path).unwrap();
        let _ = read_grid_bytes(path, &bytes);
    }
);
fuzz_target!(fuzz_kwb, fuzz_long_kwb, "kwb", Kind::Xlsx, KWB, dataset);
fuzz_target!(fuzz_rivm, fuzz_long_rivm, "rivm", Kind::Csv, RIVM, dataset);
fuzz_target!(
    fuzz_vektis,
    fuzz_long_vektis,
    "vektis",
    Kind::Csv,
    VEKTIS,
    dataset
);
fuzz_target!(
    fuzz_register,
    fuzz_long_register,
    "register",
    Kind::Xlsx,
    &[
        "sample-data/netwerken/register.xlsx",
        "tests/fixtures/network/register.xlsx"
    ],
    |path: &Path| {
        let _ = read_register(path);
    }
);
fuzz_target!(
    fuzz_responses,
    fuzz_long_responses,
    "responses",
    Kind::Xlsx,
    &[
        "sample-data/netwerken/antwoorden-eenzaamheid-djg6.xlsx",
        "tests/fixtures/network/antwoorden-eenzaamheid-fout.xlsx",
    ],
    |path: &Path| {
        static FIXED: OnceLock<(Instrument, Register)> = OnceLock::new();
        let (instrument, register) = FIXED.get_or_init(|| {
            let register = read_register(&repo().join("sample-data/netwerken/register.xlsx"));
            (
                load_instrument("eenzaamheid-djg6", &repo()).unwrap(),
                register.unwrap().data,
            )
        });
        let _ = read_responses(path, instrument, Some(register));
        let _ = read_responses(path, instrument, None);
    }
);
fuzz_target!(
    fuzz_matches,
    fuzz_long_matches,
    "matches",
    Kind::Xlsx,
    &[
        "sample-data/netwerken/matches-wedde.xlsx",
        "tests/fixtures/network/matches-fout.xlsx"
    ],
    |path: &Path| {
        let _ = read_match_log(path, None);
    }
);
fuzz_target!(
    fuzz_questions,
    fuzz_long_questions,
    "questions",
    Kind::Xlsx,
    &["sample-data/netwerken/vragen-samenredzaamheid.xlsx"],
    |path: &Path| {
        let _ = read_question_log(path, None);
    }
);
fuzz_target!(
    fuzz_questions_csv,
    fuzz_long_questions_csv,
    "questions-csv",
    Kind::Csv,
    &["tests/fixtures/network/vragen-windows-1252.csv"],
    |path: &Path| {
        let _ = read_question_log(path, None);
    }
);
fuzz_target!(
    fuzz_pipeline,
    fuzz_long_pipeline,
    "pipeline",
    Kind::Toml,
    &["pipelines/voorbeeld.toml"],
    |path: &Path| {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        if let Ok(pipeline) = parse_pipeline(&text, &repo().join("pipelines/voorbeeld.toml")) {
            for input in pipeline.inputs.values() {
                let _ = pipeline.instrument(input);
            }
        }
    }
);
fuzz_target!(
    fuzz_instrument,
    fuzz_long_instrument,
    "instrument",
    Kind::Toml,
    &[
        "pipelines/instruments/welbevinden.toml",
        "pipelines/instruments/positieve-gezondheid.toml",
        "pipelines/instruments/samenwerking-kaats-opheij.toml",
        "pipelines/instruments/mdo-evaluatie.toml",
    ],
    |path: &Path| {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let _ = parse_instrument(&text, path);
    }
);
