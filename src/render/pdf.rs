//! Compiling typst templates to PDF in-process.
//!
//! A [`Renderer`] holds what every document shares — the standard library,
//! the fonts (typst-assets plus Inter, embedded in the binary) and the
//! templates — and compiles one document per call. Data reach a template
//! only as files of the `World` (`data.json`, SVG charts), never as spliced
//! source: a template reads `json("data.json")`.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// Fonts shipped with the program for text (SIL OFL 1.1): Inter (from
/// Debian's fonts-inter) for Latin, Greek and Cyrillic, then the Noto
/// fallbacks for what Dutch users also type — Arabic, Hebrew, Chinese,
/// Japanese and Korean (a subset), symbols and emoji as monochrome glyphs
/// (`scripts/fonts/make_fallback_fonts.py`). `common.typ` names them in
/// this order; typst-assets' fonts serve mono and maths.
pub const TEXT_FONTS: [&[u8]; 13] = [
    include_bytes!("../../report-templates/fonts/Inter-Regular.otf"),
    include_bytes!("../../report-templates/fonts/Inter-Italic.otf"),
    include_bytes!("../../report-templates/fonts/Inter-SemiBold.otf"),
    include_bytes!("../../report-templates/fonts/Inter-Bold.otf"),
    include_bytes!("../../report-templates/fonts/Inter-BoldItalic.otf"),
    include_bytes!("../../report-templates/fonts/fallback/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/fallback/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../report-templates/fonts/fallback/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/fallback/NotoSansHebrew-Bold.ttf"),
    include_bytes!("../../report-templates/fonts/fallback/NotoSansCJKsc-Regular-subset.otf"),
    include_bytes!("../../report-templates/fonts/fallback/NotoEmoji-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/fallback/NotoSansSymbols-Regular.ttf"),
    include_bytes!("../../report-templates/fonts/fallback/NotoSansSymbols2-Regular.ttf"),
];

/// The templates compiled into the binary; a user's edited copies in a
/// directory given with `--templates` take their place.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "common.typ",
        include_str!("../../report-templates/common.typ"),
    ),
    (
        "profiel.typ",
        include_str!("../../report-templates/profiel.typ"),
    ),
    (
        "netwerk.typ",
        include_str!("../../report-templates/netwerk.typ"),
    ),
    (
        "vergelijking.typ",
        include_str!("../../report-templates/vergelijking.typ"),
    ),
];

/// Everything documents share; cheap to use from many threads.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    templates: HashMap<String, Source>,
}

/// One file of a document besides the template: `data.json`, a chart.
pub struct DocumentFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl DocumentFile {
    /// A kept `data.json` (`--keep-data`) read back, for previewing a template with it;
    /// it must be JSON.
    pub fn read_data_json(file: &Path) -> Result<DocumentFile> {
        let bytes = std::fs::read(file)
            .with_context(|| format!("cannot read the data file {}", file.display()))?;
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .with_context(|| format!("{} is not JSON", file.display()))?;
        Ok(DocumentFile {
            path: "data.json".into(),
            bytes,
        })
    }
}

fn file_id(path: &str) -> Result<FileId> {
    let vpath = VirtualPath::new(format!("/{}", path.trim_start_matches('/')))
        .map_err(|e| anyhow!("invalid path {path:?} in a template: {e:?}"))?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

fn id_path(id: FileId) -> String {
    id.get().vpath().get_without_slash().to_owned()
}

impl Renderer {
    /// A renderer over the built-in templates, or over the `.typ` files of
    /// `template_dir` where those exist.
    pub fn new(template_dir: Option<&Path>) -> Result<Renderer> {
        let mut fonts: Vec<Font> = Vec::new();
        for data in TEXT_FONTS.iter().copied().chain(typst_assets::fonts()) {
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        let book = FontBook::from_fonts(&fonts);
        let mut templates = HashMap::new();
        for (name, text) in BUILTIN_TEMPLATES {
            templates.insert(
                (*name).to_owned(),
                Source::new(file_id(name)?, (*text).to_owned()),
            );
        }
        if let Some(dir) = template_dir {
            let entries = std::fs::read_dir(dir)
                .with_context(|| format!("cannot read the template directory {}", dir.display()))?;
            for entry in entries {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "typ") {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read the template {}", path.display()))?;
                    templates.insert(name.clone(), Source::new(file_id(&name)?, text));
                }
            }
        }
        Ok(Renderer {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            templates,
        })
    }

    /// Compiles `template` with `files` into PDF bytes (PDF/A-2b and
    /// PDF/UA-1), dated `date`.
    pub fn pdf(&self, template: &str, files: Vec<DocumentFile>, date: Datetime) -> Result<Vec<u8>> {
        let main = self
            .templates
            .get(template)
            .ok_or_else(|| {
                let mut names: Vec<&str> = self.templates.keys().map(String::as_str).collect();
                names.sort_unstable();
                anyhow!(
                    "there is no template {template:?}; the templates are: {}",
                    names.join(", ")
                )
            })?
            .id();
        let mut map = HashMap::new();
        for file in files {
            // Text from the inputs may hold what no font shows or PDF/UA
            // forbids (a BOM, a control character, a private-use glyph).
            let bytes = if file.path.ends_with(".json") {
                super::text::sanitize_json(file.bytes)
            } else {
                file.bytes
            };
            map.insert(file_id(&file.path)?, Bytes::new(bytes));
        }
        let document = Document {
            renderer: self,
            main,
            files: map,
            today: date,
        };
        let warned = typst::compile::<PagedDocument>(&document);
        let compiled = warned
            .output
            .map_err(|errors| anyhow!(describe(&document, &errors)))?;
        let options = PdfOptions {
            ident: typst::foundations::Smart::Custom(template.to_owned()),
            timestamp: Some(Timestamp::new_utc(date)),
            standards: PdfStandards::new(&[PdfStandard::A_2b, PdfStandard::Ua_1])
                .map_err(|e| anyhow!("PDF standards: {e:?}"))?,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&compiled, &options)
            .map_err(|errors| anyhow!(describe(&document, &errors)))?;
        // typst memoises layout across compilations; without eviction the
        // cache grows with every document of a batch (a gigabyte for a
        // hundred profiles). Entries unused for a few compilations go.
        typst::comemo::evict(evict_age());
        if pdf.is_empty() {
            bail!("typst produced an empty PDF");
        }
        Ok(pdf)
    }
}

/// Renders typst diagnostics with the template file and line.
fn describe(world: &Document<'_>, errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| {
            let place = e
                .span
                .id()
                .and_then(|id| {
                    let source = world.source(id).ok()?;
                    let range = world.range(e.span)?;
                    let line = source.lines().byte_to_line(range.start)? + 1;
                    Some(format!("{}:{line}: ", id_path(id)))
                })
                .unwrap_or_default();
            let hints: String = e
                .hints
                .iter()
                .map(|h| format!(" (hint: {})", h.v))
                .collect();
            format!("template error: {place}{}{hints}", e.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `World` of one document.
struct Document<'a> {
    renderer: &'a Renderer,
    main: FileId,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl World for Document<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.renderer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.renderer.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.renderer
            .templates
            .get(&id_path(id))
            .cloned()
            .ok_or_else(|| FileError::NotFound(std::path::PathBuf::from(id_path(id))))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        if let Some(source) = self.renderer.templates.get(&id_path(id)) {
            return Ok(Bytes::from_string(source.clone()));
        }
        Err(FileError::NotFound(std::path::PathBuf::from(id_path(id))))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.renderer.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Renders `template` with the data file `data` (JSON, as a run keeps it with `--keep-data`)
/// and writes the PDF to `out` (whole or not at all): the preview of an edited template.
pub fn render_data_file(
    template: &str,
    templates: Option<&Path>,
    data: &Path,
    out: &Path,
) -> Result<()> {
    let bytes = std::fs::read(data)
        .with_context(|| format!("cannot read the data file {}", data.display()))?;
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .with_context(|| format!("{} is not JSON", data.display()))?;
    let renderer = Renderer::new(templates)?;
    let pdf = renderer.pdf(
        template,
        vec![DocumentFile {
            path: "data.json".into(),
            bytes,
        }],
        document_date(None),
    )?;
    crate::render::export::write_atomic(out, &pdf)
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set and valid.
pub fn source_date_epoch() -> Option<chrono::DateTime<chrono::Utc>> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|epoch| chrono::DateTime::from_timestamp(epoch, 0))
}

/// The document date: `SOURCE_DATE_EPOCH` when set (reproducible builds),
/// else the given date. Read in the render layer, never in compute.
pub fn document_date(fallback: Option<Datetime>) -> Datetime {
    if let Some(dt) = source_date_epoch() {
        use chrono::{Datelike, Timelike};
        if let Some(d) = Datetime::from_ymd_hms(
            dt.year(),
            dt.month() as u8,
            dt.day() as u8,
            dt.hour() as u8,
            dt.minute() as u8,
            dt.second() as u8,
        ) {
            return d;
        }
    }
    fallback.unwrap_or_else(|| {
        let now = chrono::Utc::now();
        use chrono::Datelike;
        Datetime::from_ymd(now.year(), now.month() as u8, now.day() as u8)
            .unwrap_or(Datetime::from_ymd(2000, 1, 1).expect("valid date"))
    })
}

/// How many compilations an unused entry of typst's cache survives
/// (`WIJKMONITOR_TYPST_EVICT`, for measuring; default 4).
fn evict_age() -> usize {
    static AGE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *AGE.get_or_init(|| {
        std::env::var("WIJKMONITOR_TYPST_EVICT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(4)
    })
}
