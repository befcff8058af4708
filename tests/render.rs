//! Rendering typst templates in-process: the shipped templates compile with
//! example data, embed their fonts, and give byte-identical PDFs for the same
//! inputs and date.

use wijkmonitor::render::pdf::{DocumentFile, Renderer};

use crate::workdir::fixture;

fn date() -> typst::foundations::Datetime {
    typst::foundations::Datetime::from_ymd(2026, 11, 22).unwrap()
}

fn profile_pdf(renderer: &Renderer) -> Vec<u8> {
    let data = std::fs::read(fixture("render/profiel-voorbeeld.json")).unwrap();
    renderer
        .pdf(
            "profiel.typ",
            vec![DocumentFile {
                path: "data.json".into(),
                bytes: data,
            }],
            date(),
        )
        .unwrap_or_else(|e| panic!("{e:#}"))
}

#[test]
fn profile_template_renders_deterministically() {
    let renderer = Renderer::new(None).unwrap();
    let first = profile_pdf(&renderer);
    assert!(first.starts_with(b"%PDF-"), "a PDF");
    let second = profile_pdf(&Renderer::new(None).unwrap());
    assert_eq!(first, second, "same inputs, same bytes");
    if let Ok(dir) = std::env::var("WIJKMONITOR_KEEP_PDF") {
        std::fs::write(
            std::path::Path::new(&dir).join("profiel-voorbeeld.pdf"),
            &first,
        )
        .unwrap();
    }
}

#[test]
fn template_errors_name_the_template_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("profiel.typ"),
        "#let x = \n#undefined-thing\n",
    )
    .unwrap();
    let renderer = Renderer::new(Some(dir.path())).unwrap();
    let error = renderer
        .pdf("profiel.typ", vec![], date())
        .expect_err("broken template");
    let message = format!("{error:#}");
    assert!(message.contains("profiel.typ:"), "{message}");
}

/// The render worker (`wijkmonitor __render-worker DATE`) answers a request
/// for a template that does not exist with an error, and stops with a
/// message, not a panic, on a broken stream.
#[test]
fn the_render_worker_answers_errors_and_refuses_broken_input() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};

    let worker = || {
        Command::new(env!("CARGO_BIN_EXE_wijkmonitor"))
            .args(["__render-worker", "2026-11-22"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let frame = |bytes: &[u8]| {
        let mut f = (bytes.len() as u64).to_le_bytes().to_vec();
        f.extend_from_slice(bytes);
        f
    };

    // a request: template name, no files
    let mut child = worker();
    let mut request = frame(b"bestaat-niet.typ");
    request.extend_from_slice(&0u32.to_le_bytes());
    child.stdin.take().unwrap().write_all(&request).unwrap();
    let mut answer = Vec::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut answer)
        .unwrap();
    assert!(
        child.wait().unwrap().success(),
        "the end of input ends the worker"
    );
    assert_eq!(answer[0], 1, "an error answer");
    let message = String::from_utf8_lossy(&answer[9..]);
    assert!(
        message.contains("there is no template \"bestaat-niet.typ\""),
        "{message}"
    );

    // a frame longer than any document
    let mut child = worker();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&u64::MAX.to_le_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("render worker") && !stderr.contains("panicked"),
        "{stderr}"
    );
}
