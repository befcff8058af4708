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
