//! Rendering a batch of documents on every core.
//!
//! A batch (the profiles of 3 000 wijken, the reports of 100 networks) is
//! rendered by worker **processes**, one per core, each a copy of this
//! program started as `wijkmonitor __render-worker DATE [TEMPLATES]`. Threads
//! in one process scale badly with typst: its memoisation cache is shared
//! and locked, so two threads gave 1.4–1.6× the throughput of one, two
//! processes 1.8–1.9× (BENCHMARKS.md). The parent prepares each document's
//! data, a worker compiles it and sends the PDF back, and the parent writes
//! it: inputs and outputs stay in one place.
//!
//! Protocol on the worker's stdin/stdout, all integers little-endian:
//! request = template name (frame), file count (u32), per file its path and
//! bytes (frames); answer = status byte (0 PDF, 1 error) and a frame (the PDF
//! or the message). A frame is a u64 length and that many bytes. The worker
//! ends at the end of its input.
//!
//! Only the `wijkmonitor` binary can serve as a worker, so processes are used
//! once the binary has called [`enable_worker_processes`]; a library caller
//! (tests) renders on threads in process. A worker that cannot start or
//! stops is replaced by in-process rendering or a new worker; a document it
//! was rendering is reported as failed, the others are still made.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context, Result, anyhow, bail};
use indicatif::ProgressBar;
use typst::foundations::Datetime;

use crate::render::export::write_atomic;
use crate::render::pdf::{DocumentFile, Renderer};

/// The first argument that makes the binary a render worker.
pub const WORKER_ARG: &str = "__render-worker";

static WORKER_PROCESSES: AtomicBool = AtomicBool::new(false);

/// Lets batches render in worker processes (`wijkmonitor __render-worker`);
/// called by the binary's `main`. `WIJKMONITOR_RENDER=threads` keeps them in
/// process (for measuring the difference).
pub fn enable_worker_processes() {
    let threads = std::env::var("WIJKMONITOR_RENDER").is_ok_and(|v| v == "threads");
    WORKER_PROCESSES.store(!threads, Ordering::Relaxed);
}

/// One document of a batch: the template, its data files and where the PDF
/// goes.
pub struct Job {
    pub template: &'static str,
    pub files: Vec<DocumentFile>,
    pub out: PathBuf,
}

/// Renders batches with `threads` workers.
pub struct Pool {
    /// For rendering in process; made up front, so that a broken template
    /// directory is an error before any work.
    renderer: Renderer,
    /// The directory of edited templates, for the workers.
    templates: Option<PathBuf>,
    date: Datetime,
    threads: usize,
}

impl Pool {
    /// A pool over the built-in templates or the edited copies in
    /// `templates`, for documents dated `date`.
    pub fn new(templates: Option<&Path>, date: Datetime, threads: usize) -> Result<Pool> {
        Ok(Pool {
            renderer: Renderer::new(templates)?,
            templates: templates.map(Path::to_path_buf),
            date,
            threads: threads.max(1),
        })
    }

    /// The date of the documents.
    pub fn date(&self) -> Datetime {
        self.date
    }

    /// Makes one document per item: `prepare` gives its job (run in this
    /// process), the job is rendered and its PDF written whole. Returns the
    /// failures as "name: reason", sorted.
    pub fn render_all<T: Sync>(
        &self,
        items: &[(&str, T)],
        progress: &ProgressBar,
        prepare: impl Fn(&str, &T) -> Result<Job> + Sync,
    ) -> Vec<String> {
        let threads = self.threads.min(items.len()).max(1);
        let processes = threads > 1 && WORKER_PROCESSES.load(Ordering::Relaxed);
        let next = AtomicUsize::new(0);
        let failures = std::sync::Mutex::new(Vec::new());
        let fail = |message: String| {
            if let Ok(mut f) = failures.lock() {
                f.push(message);
            }
        };
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let spawned = std::thread::Builder::new()
                    // typst needs a deep stack for nested layouts when it
                    // renders in process
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, || {
                        // the next document: its name and job, or why it
                        // could not be prepared
                        let take = || {
                            let (name, item) = items.get(next.fetch_add(1, Ordering::Relaxed))?;
                            Some((*name, prepare(name, item)))
                        };
                        let done = |name: &str, made: Result<()>| {
                            if let Err(e) = made {
                                fail(format!("{name}: {e:#}"));
                            }
                            progress.inc(1);
                        };
                        if processes {
                            self.render_with_worker(take, done);
                        } else {
                            while let Some((name, job)) = take() {
                                done(name, job.and_then(|job| self.render_here(job)));
                            }
                        }
                    });
                if let Err(e) = spawned {
                    fail(format!("cannot start a render thread: {e}"));
                }
            }
        });
        let mut failures = failures.into_inner().unwrap_or_default();
        failures.sort();
        failures
    }

    /// Renders a job in this process and writes its PDF.
    fn render_here(&self, job: Job) -> Result<()> {
        let pdf = self.renderer.pdf(job.template, job.files, self.date)?;
        write_atomic(&job.out, &pdf)
    }

    /// Feeds one worker process: while it renders a document, the next is
    /// prepared here, and the finished PDF is written while it renders that
    /// one. A job is sent only once the worker has answered the previous
    /// one, so neither side ever waits on a full pipe. Without a worker
    /// (it cannot start) the documents are rendered here.
    fn render_with_worker<'n>(
        &self,
        mut take: impl FnMut() -> Option<(&'n str, Result<Job>)>,
        done: impl Fn(&str, Result<()>),
    ) {
        let mut worker: Option<Worker> = None;
        let mut can_spawn = true;
        // the document the worker is rendering: its name and output
        let mut sent: Option<(&'n str, PathBuf)> = None;
        loop {
            let next = loop {
                match take() {
                    None => break None,
                    Some((name, Ok(job))) => break Some((name, job)),
                    Some((name, Err(e))) => done(name, Err(e)),
                }
            };
            let more = next.is_some();
            let finished = sent.take().map(|(name, out)| {
                let answer = match worker.as_mut().map(Worker::receive) {
                    Some(Ok(answer)) => answer,
                    _ => Err(lost(&mut worker)),
                };
                (name, answer.and_then(|pdf| write_atomic(&out, &pdf)))
            });
            if let Some((name, job)) = next {
                if worker.is_none() && can_spawn {
                    match Worker::spawn(self.templates.as_deref(), self.date) {
                        Ok(w) => worker = Some(w),
                        // Rendering here is slower but as good.
                        Err(_) => can_spawn = false,
                    }
                }
                match worker.as_mut() {
                    Some(w) => match w.send(job.template, &job.files) {
                        Ok(()) => sent = Some((name, job.out)),
                        Err(_) => done(name, Err(lost(&mut worker))),
                    },
                    None => done(name, self.render_here(job)),
                }
            }
            if let Some((name, made)) = finished {
                done(name, made);
            }
            if !more && sent.is_none() {
                break;
            }
        }
    }
}

/// The error of a document whose worker stopped (crashed or was killed);
/// the next document gets a new worker.
fn lost(worker: &mut Option<Worker>) -> anyhow::Error {
    let status = worker.take().and_then(Worker::finish);
    anyhow!(
        "the render process stopped{}",
        status.map(|s| format!(" ({s})")).unwrap_or_default()
    )
}

/// A worker process and the pipes to it.
struct Worker {
    child: Child,
    /// `None` once closed, which ends the worker.
    input: Option<BufWriter<ChildStdin>>,
    output: BufReader<ChildStdout>,
}

impl Worker {
    fn spawn(templates: Option<&Path>, date: Datetime) -> Result<Worker> {
        let exe = std::env::current_exe().context("the path of this program")?;
        let mut command = Command::new(exe);
        command.arg(WORKER_ARG).arg(encode_date(date));
        if let Some(dir) = templates {
            command.arg(dir);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("cannot start a render process")?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            bail!("a render process without pipes");
        };
        Ok(Worker {
            child,
            input: Some(BufWriter::new(input)),
            output: BufReader::new(output),
        })
    }

    /// Sends a job: the template and the files of one document.
    fn send(&mut self, template: &str, files: &[DocumentFile]) -> std::io::Result<()> {
        let input = self
            .input
            .as_mut()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        write_frame(input, template.as_bytes())?;
        input.write_all(&(files.len() as u32).to_le_bytes())?;
        for file in files {
            write_frame(input, file.path.as_bytes())?;
            write_frame(input, &file.bytes)?;
        }
        input.flush()
    }

    /// Reads the answer to the job sent: the PDF or the worker's error (a
    /// template error). The outer error means the pipe broke.
    fn receive(&mut self) -> std::io::Result<Result<Vec<u8>>> {
        let mut status = [0u8; 1];
        self.output.read_exact(&mut status)?;
        let body = read_frame(&mut self.output)?;
        Ok(match status[0] {
            0 => Ok(body),
            _ => Err(anyhow!(String::from_utf8_lossy(&body).into_owned())),
        })
    }

    /// Stops a worker whose pipe broke; its exit status.
    fn finish(mut self) -> Option<String> {
        self.input = None;
        let _ = self.child.kill();
        self.child.wait().ok().map(|s| s.to_string())
    }
}

impl Drop for Worker {
    /// The end of a batch: closing its input ends the worker's loop.
    fn drop(&mut self) {
        self.input = None;
        let _ = self.child.wait();
    }
}

/// The worker's side: renders every request from stdin until its end.
/// `args` are what follow [`WORKER_ARG`]: the date and, optionally, the
/// templates directory.
pub fn serve(args: &[std::ffi::OsString]) -> Result<()> {
    let date = args
        .first()
        .and_then(|d| decode_date(&d.to_string_lossy()))
        .context("a render worker needs the document date")?;
    let templates = args.get(1).map(PathBuf::from);
    let renderer = Renderer::new(templates.as_deref())?;
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = BufWriter::new(std::io::stdout().lock());
    loop {
        let template = match read_frame(&mut input) {
            Ok(t) => String::from_utf8(t).context("a template name that is not UTF-8")?,
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        let mut count = [0u8; 4];
        input.read_exact(&mut count)?;
        let mut files = Vec::new();
        for _ in 0..u32::from_le_bytes(count) {
            let path = String::from_utf8(read_frame(&mut input)?)
                .context("a file name that is not UTF-8")?;
            let bytes = read_frame(&mut input)?;
            files.push(DocumentFile { path, bytes });
        }
        match renderer.pdf(&template, files, date) {
            Ok(pdf) => {
                output.write_all(&[0])?;
                write_frame(&mut output, &pdf)?;
            }
            Err(e) => {
                output.write_all(&[1])?;
                write_frame(&mut output, format!("{e:#}").as_bytes())?;
            }
        }
        output.flush()?;
    }
}

fn write_frame(w: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    w.write_all(&(bytes.len() as u64).to_le_bytes())?;
    w.write_all(bytes)
}

fn read_frame(r: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    r.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    // A frame is a document's data or a PDF; anything near this size is a
    // broken stream, not a document.
    if len > 1 << 32 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes"),
        ));
    }
    let mut bytes = vec![0u8; len as usize];
    r.read_exact(&mut bytes)?;
    Ok(bytes)
}

/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`.
fn encode_date(date: Datetime) -> String {
    let ymd = format!(
        "{:04}-{:02}-{:02}",
        date.year().unwrap_or(2000),
        date.month().unwrap_or(1),
        date.day().unwrap_or(1)
    );
    match (date.hour(), date.minute(), date.second()) {
        (Some(h), Some(m), Some(s)) => format!("{ymd}T{h:02}:{m:02}:{s:02}"),
        _ => ymd,
    }
}

fn decode_date(text: &str) -> Option<Datetime> {
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut d = date.split('-');
    let year: i32 = d.next()?.parse().ok()?;
    let month: u8 = d.next()?.parse().ok()?;
    let day: u8 = d.next()?.parse().ok()?;
    match time {
        None => Datetime::from_ymd(year, month, day),
        Some(time) => {
            let mut t = time.split(':');
            let hour: u8 = t.next()?.parse().ok()?;
            let minute: u8 = t.next()?.parse().ok()?;
            let second: u8 = t.next()?.parse().ok()?;
            Datetime::from_ymd_hms(year, month, day, hour, minute, second)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_survive_the_trip_to_a_worker() {
        for date in [
            Datetime::from_ymd(2026, 11, 22).unwrap(),
            Datetime::from_ymd_hms(2024, 2, 29, 23, 5, 9).unwrap(),
        ] {
            assert_eq!(decode_date(&encode_date(date)), Some(date));
        }
        assert_eq!(decode_date("2026-13-01"), None);
        assert_eq!(decode_date("gisteren"), None);
    }

    #[test]
    fn frames_round_trip_and_refuse_absurd_lengths() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"profiel.typ").unwrap();
        write_frame(&mut buf, b"").unwrap();
        let mut r = buf.as_slice();
        assert_eq!(read_frame(&mut r).unwrap(), b"profiel.typ");
        assert_eq!(read_frame(&mut r).unwrap(), b"");
        assert_eq!(
            read_frame(&mut r).unwrap_err().kind(),
            std::io::ErrorKind::UnexpectedEof
        );
        let huge = (u64::MAX).to_le_bytes();
        assert_eq!(
            read_frame(&mut huge.as_slice()).unwrap_err().kind(),
            std::io::ErrorKind::InvalidData
        );
    }
}
