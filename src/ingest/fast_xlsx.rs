//! A fast reader of the cells of xlsx worksheets.
//!
//! ```ignore
//! let sheet = fast_xlsx::read_sheet(&bytes, "Blad1")?;   // unzip + shared strings
//! for (row, cells) in sheet.rows(|c| to_my_cell(c.value))? { ... }
//! ```
//!
//! How: the sheet's part is decompressed whole (while the shared strings are
//! decompressed and parsed on another thread), then the content of its
//! `<sheetData>` is cut at `<row` tags into chunks that are parsed in
//! parallel (rayon). Values borrow from the decompressed XML and from the
//! shared-strings table: no allocation per cell.
//!
//! Each chunk is read by a byte scanner that knows the markup producers
//! write in `<sheetData>` (`<row>`, `<c>`, `<v>`, `<f>`); it hands `<is>`
//! and text with entities or line ends to quick-xml, element by element, and
//! on anything else (comments, CDATA, unknown elements, malformed markup)
//! the whole chunk is parsed again with quick-xml's borrowing reader, which
//! also reports the errors. The two paths give the same results (the tests
//! compare them on real files and on 300 000 mutated documents). The shared
//! strings are read the same way.
//!
//! What it reads: shared strings (plain and rich text, phonetic runs skipped,
//! `xml:space="preserve"`, entities, `_xHHHH_` escapes), and cells of every
//! type (`s`, `str`, `inlineStr`, `b`, `e`, `n`, `d`), with or without `r`
//! attributes on cells and rows, with any namespace prefix. Formulas are
//! ignored: a formula cell gives its cached value. Numbers stay numbers: a
//! date is its serial number, and the cell's style index is given so that a
//! caller can tell dates apart (through `cellXfs` in `xl/styles.xml`).
//!
//! The values are those of calamine 0.38 (the tests compare every cell of
//! the project's workbooks), including its whitespace rule: the text of a
//! `<t>` without `xml:space="preserve"` is trimmed.
//!
//! Errors (not a zip, a damaged zip, a missing part, malformed XML, a value
//! that cannot be read) are returned as [`FastXlsxError`]; no input makes it
//! panic.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::{Cursor, Read};
use std::sync::{Arc, OnceLock};

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::QName;
use rayon::prelude::*;

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/// The value of one non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// A number (`t="n"` or no type). Dates are numbers too (their serial).
    Number(f64),
    /// Text: a shared string (`t="s"`), a formula's string result (`t="str"`),
    /// an inline string (`t="inlineStr"`) or an ISO 8601 date (`t="d"`).
    Text(Cow<'a, str>),
    /// A boolean (`t="b"`).
    Bool(bool),
    /// An error value such as `#N/A` or `#DIV/0!` (`t="e"`).
    Error(Cow<'a, str>),
}

/// One non-empty cell: 0-based row and column, style index (0 when absent),
/// and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'a> {
    pub row: u32,
    pub col: u32,
    /// The `s` attribute: an index into `cellXfs` of `xl/styles.xml`.
    pub style: u32,
    pub value: Value<'a>,
}

/// One row's cells as [`SheetCells::rows`] gives them: the 0-based row and
/// `(0-based column, value)` in document order.
pub type RowCells<T> = (u32, Vec<(u32, T)>);

/// Why a workbook or sheet could not be read.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FastXlsxError {
    /// Not a zip archive, or a damaged one (truncated, bad checksum,
    /// unsupported compression or encryption).
    Zip(String),
    /// The file is not an xlsx workbook (e.g. a legacy .xls or an encrypted
    /// workbook, both OLE compound files).
    NotXlsx(String),
    /// A part that the workbook needs is missing from the archive.
    MissingPart(String),
    /// The workbook has no sheet of that name.
    SheetNotFound {
        name: String,
        available: Vec<String>,
    },
    /// An XML part is not well-formed or holds a value that cannot be read.
    /// `offset` is the byte offset in the decompressed part.
    Xml {
        part: String,
        offset: u64,
        message: String,
    },
}

impl fmt::Display for FastXlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FastXlsxError::Zip(m) => write!(f, "damaged or unreadable zip archive: {m}"),
            FastXlsxError::NotXlsx(m) => write!(f, "not an xlsx workbook: {m}"),
            FastXlsxError::MissingPart(p) => write!(f, "the workbook has no part {p}"),
            FastXlsxError::SheetNotFound { name, available } => {
                write!(f, "the workbook has no sheet named {name:?} (sheets: ")?;
                for (i, a) in available.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{a:?}")?;
                }
                write!(f, ")")
            }
            FastXlsxError::Xml {
                part,
                offset,
                message,
            } => write!(f, "{part} at byte {offset}: {message}"),
        }
    }
}

impl std::error::Error for FastXlsxError {}

type Result<T, E = FastXlsxError> = std::result::Result<T, E>;

// ---------------------------------------------------------------------------
// Workbook
// ---------------------------------------------------------------------------

type Zip<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// An opened workbook: its sheet list, parts found. Reading several sheets
/// through one `Workbook` parses the shared strings once.
pub struct Workbook<'b> {
    zip: Zip<'b>,
    /// (sheet name, part path if the relationship resolves)
    sheets: Vec<(String, Option<String>)>,
    shared_strings_part: Option<String>,
    strings: OnceLock<Result<Arc<SharedStrings>>>,
}

impl<'b> Workbook<'b> {
    /// Opens the zip archive and reads the workbook's sheet list.
    pub fn open(bytes: &'b [u8]) -> Result<Self> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(FastXlsxError::NotXlsx(
                "an OLE compound file: a legacy .xls workbook or a password-protected xlsx".into(),
            ));
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| FastXlsxError::Zip(e.to_string()))?;

        // The workbook part: from the package relationships, else the usual place.
        let mut workbook_part = None;
        if let Some(rels) = read_part(&mut zip, "_rels/.rels")? {
            for rel in parse_relationships(&rels, "_rels/.rels", "")? {
                if rel.typ.ends_with("/officeDocument") {
                    workbook_part = Some(rel.target);
                    break;
                }
            }
        }
        let workbook_part = workbook_part.unwrap_or_else(|| "xl/workbook.xml".to_string());
        let (dir, file) = match workbook_part.rfind('/') {
            Some(i) => (&workbook_part[..=i], &workbook_part[i + 1..]),
            None => ("", workbook_part.as_str()),
        };
        let rels_part = format!("{dir}_rels/{file}.rels");

        let workbook_xml = read_part(&mut zip, &workbook_part)?
            .ok_or_else(|| FastXlsxError::MissingPart(workbook_part.clone()))?;
        let rels_xml = read_part(&mut zip, &rels_part)?
            .ok_or_else(|| FastXlsxError::MissingPart(rels_part.clone()))?;
        let rels = parse_relationships(&rels_xml, &rels_part, dir)?;

        let mut shared_strings_part = rels
            .iter()
            .find(|r| r.typ.ends_with("/sharedStrings"))
            .map(|r| r.target.clone());
        if shared_strings_part.is_none() {
            let guess = format!("{dir}sharedStrings.xml");
            if find_index(&zip, &guess).is_some() {
                shared_strings_part = Some(guess);
            }
        }
        let by_id: HashMap<&str, &str> = rels
            .iter()
            .map(|r| (r.id.as_str(), r.target.as_str()))
            .collect();
        let sheets = parse_workbook_sheets(&workbook_xml, &workbook_part)?
            .into_iter()
            .map(|(name, rid)| {
                let path = by_id.get(rid.as_str()).map(|t| t.to_string());
                (name, path)
            })
            .collect();
        Ok(Workbook {
            zip,
            sheets,
            shared_strings_part,
            strings: OnceLock::new(),
        })
    }

    /// The sheet names in workbook order (chart sheets included).
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    /// Decompresses one sheet (and, the first time, the shared strings, in
    /// parallel with it) and finds its `<sheetData>`.
    pub fn read_sheet(&self, sheet: &str) -> Result<SheetCells> {
        let found = self.sheets.iter().find(|(n, _)| n == sheet).or_else(|| {
            self.sheets
                .iter()
                .find(|(n, _)| n.to_lowercase() == sheet.to_lowercase())
        });
        let Some((name, path)) = found else {
            return Err(FastXlsxError::SheetNotFound {
                name: sheet.to_string(),
                available: self.sheet_names(),
            });
        };
        let Some(path) = path else {
            return Err(FastXlsxError::MissingPart(format!(
                "(the relationship of sheet {name:?} is missing from the workbook's relationships)"
            )));
        };

        let load_strings = || -> Result<Arc<SharedStrings>> {
            self.strings
                .get_or_init(|| {
                    let Some(part) = &self.shared_strings_part else {
                        return Ok(Arc::new(SharedStrings::default()));
                    };
                    let mut zip = self.zip.clone();
                    match read_part(&mut zip, part)? {
                        Some(xml) => parse_shared_strings(&xml, part).map(Arc::new),
                        None => Ok(Arc::new(SharedStrings::default())),
                    }
                })
                .clone()
        };
        let (xml, strings) = if self.strings.get().is_some() {
            let mut zip = self.zip.clone();
            (read_part(&mut zip, path), load_strings())
        } else {
            rayon::join(
                || {
                    let mut zip = self.zip.clone();
                    read_part(&mut zip, path)
                },
                load_strings,
            )
        };
        let xml = xml?.ok_or_else(|| FastXlsxError::MissingPart(path.clone()))?;
        let strings = strings?;
        SheetCells::new(xml, path.clone(), strings)
    }
}

/// The sheet names of an xlsx workbook, in workbook order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>> {
    Ok(Workbook::open(bytes)?.sheet_names())
}

/// Reads one sheet of an xlsx workbook (by name; exact match first, then
/// case-insensitive as Excel does).
pub fn read_sheet(bytes: &[u8], sheet: &str) -> Result<SheetCells> {
    Workbook::open(bytes)?.read_sheet(sheet)
}

// ---------------------------------------------------------------------------
// SheetCells
// ---------------------------------------------------------------------------

/// A decompressed sheet with its shared strings, ready to be parsed.
pub struct SheetCells {
    part: String,
    xml: Vec<u8>,
    /// Start of the `<sheetData>` content and where its end tag seems to be;
    /// `None` for `<sheetData/>`.
    data: Option<(usize, usize)>,
    /// Tag patterns with the namespace prefix of `<sheetData>`.
    tags: Tags,
    strings: Arc<SharedStrings>,
    dimension: Option<((u32, u32), (u32, u32))>,
}

impl SheetCells {
    fn new(xml: Vec<u8>, part: String, strings: Arc<SharedStrings>) -> Result<Self> {
        let mut sheet = SheetCells {
            part,
            xml,
            data: None,
            tags: Tags::new(""),
            strings,
            dimension: None,
        };
        sheet.locate_sheet_data()?;
        Ok(sheet)
    }

    /// The `<dimension ref>` of the sheet as written by its producer:
    /// ((first row, first col), (last row, last col)), 0-based. A hint only.
    pub fn dimension(&self) -> Option<((u32, u32), (u32, u32))> {
        self.dimension
    }

    /// The number of entries in the shared-strings table.
    pub fn shared_string_count(&self) -> usize {
        self.strings.len()
    }

    /// Parses the sheet in up to `parts` chunks in parallel. Each chunk gets
    /// its own accumulator from `init`, and `visit` is called for each
    /// non-empty cell of the chunk in document order. The accumulators are
    /// returned in document order: concatenated, they visit every cell in the
    /// order of the XML (row-major for every real producer).
    ///
    /// If a parallel pass fails (malformed XML, or a chunk boundary that
    /// landed inside a comment or CDATA section), its accumulators are
    /// dropped and the sheet is parsed again in one chunk, whose error (if
    /// any) is returned. So `visit` should only change its accumulator.
    pub fn fold_chunks<'s, T, I, F>(&'s self, parts: usize, init: I, visit: F) -> Result<Vec<T>>
    where
        T: Send,
        I: Fn() -> T + Sync,
        F: Fn(&mut T, Cell<'s>) + Sync,
    {
        self.fold_chunks_with(Strategy::Fast, parts, init, visit)
    }

    /// [`SheetCells::fold_chunks`] with a choice of parser, for tests.
    #[doc(hidden)]
    pub fn fold_chunks_with<'s, T, I, F>(
        &'s self,
        strategy: Strategy,
        parts: usize,
        init: I,
        visit: F,
    ) -> Result<Vec<T>>
    where
        T: Send,
        I: Fn() -> T + Sync,
        F: Fn(&mut T, Cell<'s>) + Sync,
    {
        let Some((start, end_hint)) = self.data else {
            return Ok(Vec::new());
        };
        let chunk = |from: usize, to: usize, last: bool| -> Result<T> {
            if strategy == Strategy::Fast {
                let mut acc = init();
                if self
                    .fast_range(from, to, last, &mut |c| visit(&mut acc, c))
                    .is_ok()
                {
                    return Ok(acc);
                }
            }
            // Something the fast scanner does not handle (or an error):
            // this chunk again with quick-xml.
            let mut acc = init();
            self.parse_range(from, to, last, &mut |c| visit(&mut acc, c))?;
            Ok(acc)
        };
        if parts > 1 {
            let bounds = self.split(start, end_hint, parts);
            if bounds.len() > 1 {
                let n = bounds.len();
                let results: Vec<Result<T>> = (0..n)
                    .into_par_iter()
                    .map(|i| {
                        let to = if i + 1 < n {
                            bounds[i + 1]
                        } else {
                            self.xml.len()
                        };
                        chunk(bounds[i], to, i + 1 == n)
                    })
                    .collect();
                if let Ok(all) = results.into_iter().collect::<Result<Vec<T>>>() {
                    return Ok(all);
                }
            }
        }
        Ok(vec![chunk(start, self.xml.len(), true)?])
    }

    /// The number of chunks [`SheetCells::cells`] and [`SheetCells::rows`]
    /// use: a few per rayon thread, so that the work is shared well when a
    /// core is busy with something else.
    pub fn default_parts() -> usize {
        4 * rayon::current_num_threads()
    }

    /// All non-empty cells, per chunk ([`SheetCells::default_parts`]), in
    /// document order.
    pub fn cells(&self) -> Result<Vec<Vec<Cell<'_>>>> {
        let parts = Self::default_parts();
        let per_chunk = self.xml.len() / parts.max(1) / 32 + 16;
        self.fold_chunks(
            parts,
            || Vec::with_capacity(per_chunk),
            |v: &mut Vec<Cell<'_>>, c| v.push(c),
        )
    }

    /// The non-empty cells grouped by row, each converted by `convert` (in
    /// parallel, [`SheetCells::default_parts`] chunks): `(row, [(col, value)])`
    /// in document order, one entry per run of cells of the same row (so
    /// one per `<row>` in files from every real producer).
    ///
    /// This is what a caller that builds a grid needs: the costly part (the
    /// conversion, e.g. to owned strings) runs in parallel, and placing the
    /// rows is a cheap sequential pass.
    pub fn rows<'s, T, F>(&'s self, convert: F) -> Result<Vec<RowCells<T>>>
    where
        T: Send,
        F: Fn(Cell<'s>) -> T + Sync,
    {
        let chunks = self.fold_chunks(
            Self::default_parts(),
            Vec::new,
            |rows: &mut Vec<RowCells<T>>, cell| {
                let (row, col) = (cell.row, cell.col);
                let value = convert(cell);
                match rows.last_mut() {
                    Some((r, cells)) if *r == row => cells.push((col, value)),
                    _ => rows.push((row, vec![(col, value)])),
                }
            },
        )?;
        let mut chunks = chunks.into_iter();
        let mut all = chunks.next().unwrap_or_default();
        for chunk in chunks {
            let mut chunk = chunk.into_iter();
            if let Some((row, cells)) = chunk.next() {
                match all.last_mut() {
                    Some((r, prev)) if *r == row => prev.extend(cells),
                    _ => all.push((row, cells)),
                }
            }
            all.extend(chunk);
        }
        Ok(all)
    }

    /// Visits every non-empty cell in document order, on this thread (the
    /// cells are collected first, so that `f` sees each cell exactly once).
    pub fn for_each_cell<'s>(&'s self, mut f: impl FnMut(Cell<'s>)) -> Result<()> {
        for chunk in self.fold_chunks(1, Vec::new, |v, c| v.push(c))? {
            chunk.into_iter().for_each(&mut f);
        }
        Ok(())
    }

    fn xml_error(&self, offset: u64, message: impl Into<String>) -> FastXlsxError {
        FastXlsxError::Xml {
            part: self.part.clone(),
            offset,
            message: message.into(),
        }
    }

    /// Finds `<sheetData>`, its namespace prefix and `<dimension>`.
    fn locate_sheet_data(&mut self) -> Result<()> {
        let bom = check_encoding(&self.xml, &self.part)?;
        let mut rd = Reader::from_reader(&self.xml[bom..]);
        let mut root: Option<String> = None;
        loop {
            let event = rd
                .read_event()
                .map_err(|e| self.xml_error(bom as u64 + rd.error_position(), e.to_string()))?;
            match event {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "dimension" => {
                    self.dimension = attr(&e, "ref")
                        .ok()
                        .flatten()
                        .and_then(|r| parse_dimension(&r));
                }
                Event::Start(e) if e.local_name().as_ref() == "sheetData" => {
                    let start = bom + rd.buffer_position() as usize;
                    let name = e.name();
                    let name = name.as_ref();
                    let prefix = &name[..name.len() - b"sheetData".len()];
                    self.tags = Tags::new(prefix);
                    let close = [b"</", prefix.as_bytes(), b"sheetData"].concat();
                    let end =
                        rfind(&self.xml[start..], &close).map_or(self.xml.len(), |p| start + p);
                    self.data = Some((start, end));
                    return Ok(());
                }
                Event::Empty(e) if e.local_name().as_ref() == "sheetData" => return Ok(()),
                Event::Start(e) | Event::Empty(e) if root.is_none() => {
                    root = Some(e.local_name().as_ref().to_string());
                }
                Event::Eof => {
                    let what = match root {
                        Some(r) if r != "worksheet" => format!("a <{r}>, not a worksheet"),
                        _ => "no <sheetData> in the sheet".to_string(),
                    };
                    return Err(self.xml_error(bom as u64 + rd.buffer_position(), what));
                }
                _ => {}
            }
        }
    }

    /// Chunk starts: `start`, then `<row` tags (with an `r` attribute, so
    /// that a chunk never starts with a row whose number depends on the
    /// chunks before) near the `parts`-quantiles of the data.
    fn split(&self, start: usize, end: usize, parts: usize) -> Vec<usize> {
        let mut bounds = vec![start];
        let len = end.saturating_sub(start);
        for k in 1..parts {
            let target = start + len / parts * k;
            let from = target.max(bounds[bounds.len() - 1] + 1);
            match self.find_row_start(from, end) {
                Some(p) => bounds.push(p),
                None => break,
            }
        }
        bounds
    }

    fn find_row_start(&self, mut from: usize, end: usize) -> Option<usize> {
        let tag = &self.tags.row[..];
        while from < end {
            let p = from + self.xml[from..end].iter().position(|&b| b == b'<')?;
            let rest = &self.xml[p..end];
            if rest.starts_with(tag)
                && matches!(
                    rest.get(tag.len()),
                    Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
                )
                && row_tag_has_r(rest)
            {
                return Some(p);
            }
            from = p + 1;
        }
        None
    }

    /// Parses `xml[start..end]`, calling `sink` for each non-empty cell.
    /// `last`: the range must end with `</sheetData>`; otherwise it must end
    /// between two rows.
    fn parse_range<'s>(
        &'s self,
        start: usize,
        end: usize,
        last: bool,
        sink: &mut impl FnMut(Cell<'s>),
    ) -> Result<()> {
        let mut rd = Reader::from_reader(&self.xml[start..end]);
        rd.config_mut().allow_unmatched_ends = true;
        let pos = |rd: &Reader<&[u8]>| start as u64 + rd.buffer_position();
        let xml_err = |rd: &Reader<&[u8]>, e: quick_xml::Error| {
            self.xml_error(start as u64 + rd.error_position(), e.to_string())
        };
        let mut next_row: u32 = 0;
        let mut cur_row: u32 = 0;
        let mut next_col: u32 = 0;
        let mut in_row = false;
        loop {
            let event = rd.read_event().map_err(|e| xml_err(&rd, e))?;
            match event {
                Event::Start(e) => match e.local_name().as_ref() {
                    "row" => {
                        cur_row = match row_attr(&e).map_err(|m| self.xml_error(pos(&rd), m))? {
                            Some(r) => r,
                            None => next_row,
                        };
                        next_col = 0;
                        in_row = true;
                    }
                    "c" => {
                        let at = pos(&rd);
                        let a =
                            cell_attrs(&e, cur_row, next_col).map_err(|m| self.xml_error(at, m))?;
                        next_col = a.col.saturating_add(1);
                        let value = self.read_cell_value(&mut rd, &a, start)?;
                        if let Some(value) = value {
                            sink(Cell {
                                row: a.row,
                                col: a.col,
                                style: a.style,
                                value,
                            });
                        }
                    }
                    _ => {
                        rd.read_to_end(e.name()).map_err(|e| xml_err(&rd, e))?;
                    }
                },
                Event::Empty(e) => match e.local_name().as_ref() {
                    "row" => {
                        let r = match row_attr(&e).map_err(|m| self.xml_error(pos(&rd), m))? {
                            Some(r) => r,
                            None => next_row,
                        };
                        next_row = r.saturating_add(1);
                    }
                    "c" => {
                        let a = cell_attrs(&e, cur_row, next_col)
                            .map_err(|m| self.xml_error(pos(&rd), m))?;
                        next_col = a.col.saturating_add(1);
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "row" if in_row => {
                        in_row = false;
                        next_row = cur_row.saturating_add(1);
                        next_col = 0;
                    }
                    "sheetData" if !in_row && last => return Ok(()),
                    _ => {
                        let name = e.name().as_ref().to_string();
                        return Err(self.xml_error(pos(&rd), format!("unexpected </{name}>")));
                    }
                },
                Event::Eof => {
                    if last || in_row {
                        return Err(self.xml_error(
                            pos(&rd),
                            "unexpected end of the sheet inside <sheetData> (truncated?)",
                        ));
                    }
                    return Ok(());
                }
                // Whitespace, comments, processing instructions.
                _ => {}
            }
        }
    }

    /// Reads the children of a `<c>` up to `</c>` and returns its value.
    fn read_cell_value<'s>(
        &'s self,
        rd: &mut Reader<&'s [u8]>,
        a: &CellAttrs,
        base: usize,
    ) -> Result<Option<Value<'s>>> {
        let err =
            |rd: &Reader<&[u8]>, m: String| self.xml_error(base as u64 + rd.buffer_position(), m);
        let mut v: Option<Cow<'s, str>> = None;
        let mut inline: Option<Cow<'s, str>> = None;
        loop {
            let event = rd
                .read_event()
                .map_err(|e| self.xml_error(base as u64 + rd.error_position(), e.to_string()))?;
            match event {
                Event::Start(e) => match e.local_name().as_ref() {
                    "v" => v = Some(read_text(rd, e.name()).map_err(|m| err(rd, m))?),
                    "is" => inline = Some(read_rich_text(rd, e.name()).map_err(|m| err(rd, m))?),
                    _ => {
                        rd.read_to_end(e.name()).map_err(|e| {
                            self.xml_error(base as u64 + rd.error_position(), e.to_string())
                        })?;
                    }
                },
                Event::End(_) => break, // quick-xml checked that it closes <c>
                Event::Eof => return Err(err(rd, "unexpected end of the sheet inside <c>".into())),
                _ => {}
            }
        }
        self.make_value(a, v, inline).map_err(|m| err(rd, m))
    }

    /// The value of a cell from its type and the text of its `<v>` and `<is>`.
    fn make_value<'s>(
        &'s self,
        a: &CellAttrs,
        v: Option<Cow<'s, str>>,
        inline: Option<Cow<'s, str>>,
    ) -> Result<Option<Value<'s>>, String> {
        let cell_ref = || cell_name(a.row, a.col);
        let v = match (a.typ, v) {
            (CellType::Inline, v) => {
                return Ok(match (inline, v) {
                    (Some(s), _) => Some(Value::Text(s)),
                    (None, Some(s)) => Some(Value::Text(unescape_x(s))),
                    (None, None) => None,
                });
            }
            (_, None) => return Ok(inline.map(Value::Text)),
            (_, Some(v)) => v,
        };
        let value = match a.typ {
            CellType::Inline => return Ok(None), // handled above
            CellType::Shared => {
                if v.is_empty() {
                    return Ok(None);
                }
                let Some(index) = parse_u32(v.as_bytes()) else {
                    return Err(format!(
                        "cell {}: bad shared string index {v:?}",
                        cell_ref()
                    ));
                };
                match self.strings.get(index as usize) {
                    Some(s) => Value::Text(Cow::Borrowed(s)),
                    None => {
                        return Err(format!(
                            "cell {}: shared string {index} does not exist (the table has {})",
                            cell_ref(),
                            self.strings.len()
                        ));
                    }
                }
            }
            CellType::Number { explicit } => {
                if v.is_empty() {
                    return Ok(None);
                }
                match parse_number(&v) {
                    Some(n) => Value::Number(n),
                    None if !explicit => Value::Text(v),
                    None => return Err(format!("cell {}: {v:?} is not a number", cell_ref())),
                }
            }
            CellType::Str => Value::Text(unescape_x(v)),
            CellType::Date => Value::Text(v),
            CellType::Bool => {
                let t = v.trim_matches(XML_WS);
                if t.is_empty() {
                    return Ok(None);
                } else if t == "0" || t.eq_ignore_ascii_case("false") {
                    Value::Bool(false)
                } else if t == "1" || t.eq_ignore_ascii_case("true") {
                    Value::Bool(true)
                } else {
                    return Err(format!("cell {}: {v:?} is not a boolean", cell_ref()));
                }
            }
            CellType::Error => {
                if v.is_empty() {
                    return Ok(None);
                }
                Value::Error(v)
            }
        };
        Ok(Some(value))
    }

    /// The fast path: a byte scanner for what producers write in
    /// `<sheetData>` (rows, cells, `<v>`, `<f>`), with the same results as
    /// [`SheetCells::parse_range`]. It hands `<is>` and `<v>` text with
    /// entities to quick-xml, and gives up (`Err(Bail)`) on anything else it
    /// does not expect (comments, CDATA, other elements, malformed markup):
    /// the chunk is then parsed again by `parse_range`, which also reports
    /// the errors.
    fn fast_range<'s>(
        &'s self,
        start: usize,
        end: usize,
        last: bool,
        sink: &mut impl FnMut(Cell<'s>),
    ) -> Result<(), Bail> {
        if self.tags.plain {
            self.fast_range_with(&PlainTags, start, end, last, sink)
        } else {
            self.fast_range_with(&self.tags, start, end, last, sink)
        }
    }

    /// [`SheetCells::fast_range`] for one set of tags: constant ones for
    /// the usual unprefixed tags, so that tag tests compile to integer
    /// compares.
    #[inline(always)]
    fn fast_range_with<'s, T: TagSet>(
        &'s self,
        t: &T,
        start: usize,
        end: usize,
        last: bool,
        sink: &mut impl FnMut(Cell<'s>),
    ) -> Result<(), Bail> {
        // quick-xml checks that all the text is UTF-8; so does this path, at
        // once, which also makes the values `&str` slices without a check.
        let text = std::str::from_utf8(self.xml.get(start..end).ok_or(Bail)?).map_err(|_| Bail)?;
        let str_at = |from: usize, to: usize| text.get(from - start..to - start).ok_or(Bail);
        let mut s = Scan {
            b: self.xml.get(..end).ok_or(Bail)?,
            i: start,
        };
        let mut next_row: u32 = 0;
        let mut cur_row: u32 = 0;
        let mut next_col: u32 = 0;
        let mut in_row = false;
        loop {
            s.skip_ws();
            match s.peek() {
                None => return if last || in_row { Err(Bail) } else { Ok(()) },
                Some(b'<') => {}
                Some(_) => return Err(Bail),
            }
            if s.open(t.c()) {
                let mut a = CellAttrs {
                    row: cur_row,
                    col: next_col,
                    style: 0,
                    typ: CellType::Number { explicit: false },
                };
                let empty = s.attributes(|name, _, value| {
                    match name {
                        b"r" => {
                            (a.row, a.col) = parse_cell_ref(value).ok_or(Bail)?;
                        }
                        b"s" => a.style = parse_u32(value).unwrap_or(0),
                        b"t" => {
                            a.typ = match value {
                                b"n" => CellType::Number { explicit: true },
                                b"s" => CellType::Shared,
                                b"str" => CellType::Str,
                                b"inlineStr" | b"is" => CellType::Inline,
                                b"b" => CellType::Bool,
                                b"e" => CellType::Error,
                                b"d" => CellType::Date,
                                _ => return Err(Bail),
                            }
                        }
                        _ => {}
                    }
                    Ok(())
                })?;
                next_col = a.col.saturating_add(1);
                if empty {
                    continue;
                }
                let mut v: Option<Cow<'s, str>> = None;
                // The <v> text as a byte range, when it needs no decoding.
                let mut raw: Option<(usize, usize)> = None;
                let mut inline: Option<Cow<'s, str>> = None;
                loop {
                    s.skip_ws();
                    if s.peek() != Some(b'<') {
                        return Err(Bail);
                    }
                    let tag_start = s.i;
                    if s.open(t.v()) {
                        if s.attributes(|_, _, _| Ok(()))? {
                            continue; // <v/>: no value, as in parse_range
                        }
                        let from = s.i;
                        let (len, special) = scan_text(s.b.get(from..).unwrap_or_default());
                        s.i = from + len;
                        if special || !s.close(t.v_end()) {
                            // Entities, line ends or markup: quick-xml reads it.
                            let (text, next) = self.delegate(tag_start, end, Delegate::Text)?;
                            (v, raw) = (text, None);
                            s.i = next;
                        } else {
                            (v, raw) = (None, Some((from, from + len)));
                        }
                    } else if s.close(t.c_end()) {
                        break;
                    } else if s.open(t.f()) {
                        if s.attributes(|_, _, _| Ok(()))? {
                            continue;
                        }
                        let from = s.i;
                        let (len, special) = scan_text(s.b.get(from..).unwrap_or_default());
                        s.i = from + len;
                        if special || !s.close(t.f_end()) {
                            s.i = self.delegate(tag_start, end, Delegate::Skip)?.1;
                        }
                    } else if s.open(t.is()) {
                        match s.simple_item(t.t(), t.t_end(), t.is_end())? {
                            Item::Simple { from, to, preserve } => {
                                inline = Some(simple_item_text(str_at(from, to)?, preserve));
                            }
                            // <is/>: no value, as in parse_range.
                            Item::Empty => {}
                            Item::Other => {
                                let (text, next) = self.delegate(tag_start, end, Delegate::Rich)?;
                                inline = text;
                                s.i = next;
                            }
                        }
                    } else {
                        s.i = tag_start;
                        if s.b
                            .get(s.i + 1)
                            .is_some_and(|&b| b == b'/' || b == b'!' || b == b'?')
                        {
                            return Err(Bail);
                        }
                        // Another child element (an extension) is skipped;
                        // but a <v> or <is> with another prefix is for
                        // quick-xml, which goes by local names.
                        let name = s.b.get(tag_start + 1..).unwrap_or_default();
                        let name_len = name.iter().position(|&b| NAME_END[b as usize]);
                        let name = &name[..name_len.unwrap_or(name.len())];
                        let local = name.rsplit(|&b| b == b':').next().unwrap_or_default();
                        if local == b"v" || local == b"is" {
                            return Err(Bail);
                        }
                        s.i = self.delegate(tag_start, end, Delegate::Skip)?.1;
                    }
                }
                let raw = match raw {
                    Some((from, to)) => Some((s.b.get(from..to).ok_or(Bail)?, from, to)),
                    None => None,
                };
                let value = match (raw, a.typ) {
                    (Some((b, ..)), CellType::Shared) if !b.is_empty() => {
                        let index = parse_u32(b).ok_or(Bail)?;
                        let text = self.strings.get(index as usize).ok_or(Bail)?;
                        Some(Value::Text(Cow::Borrowed(text)))
                    }
                    (Some((b, ..)), CellType::Number { .. }) if parse_integer(b).is_some() => {
                        parse_integer(b).map(Value::Number)
                    }
                    (Some((_, from, to)), _) => {
                        let text = str_at(from, to)?;
                        self.make_value(&a, Some(Cow::Borrowed(text)), inline)
                            .map_err(|_| Bail)?
                    }
                    (None, _) => self.make_value(&a, v, inline).map_err(|_| Bail)?,
                };
                if let Some(value) = value {
                    sink(Cell {
                        row: a.row,
                        col: a.col,
                        style: a.style,
                        value,
                    });
                }
            } else if s.close(t.row_end()) {
                if !in_row {
                    return Err(Bail);
                }
                in_row = false;
                next_row = cur_row.saturating_add(1);
                next_col = 0;
            } else if s.open(t.row()) {
                if in_row {
                    return Err(Bail);
                }
                let mut r = None;
                // By full name, as `row_attr` does.
                let empty = s.attributes(|_, name, value| {
                    // The first r, as `row_attr`.
                    if name == b"r" && r.is_none() {
                        r = Some(parse_u32(value).filter(|&r| r > 0).ok_or(Bail)? - 1);
                    }
                    Ok(())
                })?;
                let r = r.unwrap_or(next_row);
                if empty {
                    next_row = r.saturating_add(1);
                } else {
                    cur_row = r;
                    next_col = 0;
                    in_row = true;
                }
            } else if s.close(t.sheet_data_end()) {
                return if last && !in_row { Ok(()) } else { Err(Bail) };
            } else {
                return Err(Bail);
            }
        }
    }

    /// Reads the element that starts at `xml[pos]` with quick-xml: its text,
    /// its rich text, or nothing. Returns the position after it.
    fn delegate<'s>(
        &'s self,
        pos: usize,
        end: usize,
        what: Delegate,
    ) -> Result<(Option<Cow<'s, str>>, usize), Bail> {
        let mut rd = Reader::from_reader(self.xml.get(pos..end).ok_or(Bail)?);
        let text = match rd.read_event().map_err(|_| Bail)? {
            Event::Start(e) => match what {
                Delegate::Text => Some(read_text(&mut rd, e.name()).map_err(|_| Bail)?),
                Delegate::Rich => Some(read_rich_text(&mut rd, e.name()).map_err(|_| Bail)?),
                Delegate::Skip => {
                    rd.read_to_end(e.name()).map_err(|_| Bail)?;
                    None
                }
            },
            Event::Empty(_) => None,
            _ => return Err(Bail),
        };
        Ok((text, pos + rd.buffer_position() as usize))
    }
}

/// Which parser [`SheetCells::fold_chunks_with`] uses.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// The byte scanner, falling back to quick-xml per chunk.
    Fast,
    /// quick-xml events only.
    QuickXml,
}

/// The fast scanner gives up; the chunk is parsed again with quick-xml.
#[derive(Debug)]
struct Bail;

#[derive(Clone, Copy)]
enum Delegate {
    Text,
    Rich,
    Skip,
}

/// Tags of `<sheetData>` with its namespace prefix, as byte patterns.
#[derive(Debug)]
struct Tags {
    row: Vec<u8>,
    row_end: Vec<u8>,
    c: Vec<u8>,
    c_end: Vec<u8>,
    v: Vec<u8>,
    v_end: Vec<u8>,
    f: Vec<u8>,
    f_end: Vec<u8>,
    is: Vec<u8>,
    is_end: Vec<u8>,
    t: Vec<u8>,
    t_end: Vec<u8>,
    sheet_data_end: Vec<u8>,
    /// No namespace prefix: [`PlainTags`] applies.
    plain: bool,
}

/// The tags that the fast scanner tests.
trait TagSet {
    fn row(&self) -> &[u8];
    fn row_end(&self) -> &[u8];
    fn c(&self) -> &[u8];
    fn c_end(&self) -> &[u8];
    fn v(&self) -> &[u8];
    fn v_end(&self) -> &[u8];
    fn f(&self) -> &[u8];
    fn f_end(&self) -> &[u8];
    fn is(&self) -> &[u8];
    fn is_end(&self) -> &[u8];
    fn t(&self) -> &[u8];
    fn t_end(&self) -> &[u8];
    fn sheet_data_end(&self) -> &[u8];
}

macro_rules! tag_set {
    ($t:ty, $self:ident => $($name:ident: $value:expr),*) => {
        impl TagSet for $t {
            $(
                #[inline(always)]
                fn $name(&$self) -> &[u8] {
                    $value
                }
            )*
        }
    };
}

tag_set!(Tags, self => row: &self.row, row_end: &self.row_end, c: &self.c, c_end: &self.c_end,
    v: &self.v, v_end: &self.v_end, f: &self.f, f_end: &self.f_end, is: &self.is,
    is_end: &self.is_end, t: &self.t, t_end: &self.t_end, sheet_data_end: &self.sheet_data_end);

/// The tags without a namespace prefix, as constants.
struct PlainTags;

tag_set!(PlainTags, self => row: b"<row", row_end: b"</row", c: b"<c", c_end: b"</c",
    v: b"<v", v_end: b"</v", f: b"<f", f_end: b"</f", is: b"<is", is_end: b"</is",
    t: b"<t", t_end: b"</t", sheet_data_end: b"</sheetData");

impl Tags {
    fn new(prefix: &str) -> Self {
        let open = |name: &str| [b"<", prefix.as_bytes(), name.as_bytes()].concat();
        let close = |name: &str| [b"</", prefix.as_bytes(), name.as_bytes()].concat();
        Tags {
            row: open("row"),
            row_end: close("row"),
            c: open("c"),
            c_end: close("c"),
            v: open("v"),
            v_end: close("v"),
            f: open("f"),
            f_end: close("f"),
            is: open("is"),
            is_end: close("is"),
            t: open("t"),
            t_end: close("t"),
            sheet_data_end: close("sheetData"),
            plain: prefix.is_empty(),
        }
    }
}

/// The length of the text up to the next `<` (or the end), and whether it
/// has an entity or a carriage return.
#[inline]
fn scan_text(b: &[u8]) -> (usize, bool) {
    let mut special = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'<' => return (i, special),
            b'&' | b'\r' => special = true,
            _ => {}
        }
    }
    (b.len(), special)
}

/// What [`Scan::simple_item`] found.
enum Item {
    Empty,
    Simple {
        from: usize,
        to: usize,
        preserve: bool,
    },
    Other,
}

/// The text of a simple item: trimmed unless `xml:space="preserve"`, then
/// `_xHHHH_` escapes decoded, as [`read_rich_text`] does.
fn simple_item_text(text: &str, preserve: bool) -> Cow<'_, str> {
    unescape_x(Cow::Borrowed(if preserve {
        text
    } else {
        text.trim_matches(XML_WS)
    }))
}

/// A cursor over the XML for the fast scanner. It never indexes out of
/// bounds: every access goes through `get` or a checked slice.
struct Scan<'s> {
    b: &'s [u8],
    i: usize,
}

/// Bytes that end an attribute name.
static NAME_END: [bool; 256] = {
    let mut t = [false; 256];
    let ends = b" \t\r\n=>/<\"'";
    let mut i = 0;
    while i < ends.len() {
        t[ends[i] as usize] = true;
        i += 1;
    }
    t
};

#[inline(always)]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'s> Scan<'s> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.i += 1;
        }
    }

    /// Whether `tag` is at `i`.
    #[inline(always)]
    fn at(&self, i: usize, tag: &[u8]) -> bool {
        self.b.get(i..i + tag.len()) == Some(tag)
    }

    /// `<name` followed by whitespace, `>` or `/`: consumes `<name`.
    #[inline(always)]
    fn open(&mut self, tag: &[u8]) -> bool {
        if self.at(self.i, tag)
            && self
                .b
                .get(self.i + tag.len())
                .is_some_and(|&b| is_ws(b) || b == b'>' || b == b'/')
        {
            self.i += tag.len();
            true
        } else {
            false
        }
    }

    /// `</name` then optional whitespace and `>`: consumes it all.
    #[inline(always)]
    fn close(&mut self, tag: &[u8]) -> bool {
        if !self.at(self.i, tag) {
            return false;
        }
        let mut j = self.i + tag.len();
        while self.b.get(j).is_some_and(|&b| is_ws(b)) {
            j += 1;
        }
        if self.b.get(j) == Some(&b'>') {
            self.i = j + 1;
            true
        } else {
            false
        }
    }

    /// After the start tag of a string item (`<si>`, `<is>`) has been read
    /// up to its name: an empty item (`<si/>`), or an item that is just
    /// `<t>text</t>` with text that needs no decoding (then the position is
    /// past the item's end tag), or something else (position unspecified).
    #[inline]
    fn simple_item(&mut self, t: &[u8], t_end: &[u8], item_end: &[u8]) -> Result<Item, Bail> {
        if self.attributes(|_, _, _| Ok(()))? {
            return Ok(Item::Empty);
        }
        self.skip_ws();
        if !self.open(t) {
            return Ok(Item::Other);
        }
        // The first xml:space, as `attr` finds it.
        let mut space = None;
        let empty = self.attributes(|_, name, value| {
            if name == b"xml:space" && space.is_none() {
                space = Some(value == b"preserve");
            }
            Ok(())
        })?;
        let preserve = space.unwrap_or(false);
        if empty {
            return Ok(Item::Other);
        }
        let from = self.i;
        let (len, special) = scan_text(self.b.get(from..).unwrap_or_default());
        self.i = from + len;
        if special || !self.close(t_end) {
            return Ok(Item::Other);
        }
        self.skip_ws();
        if !self.close(item_end) {
            return Ok(Item::Other);
        }
        Ok(Item::Simple {
            from,
            to: from + len,
            preserve,
        })
    }

    /// The attributes of the tag whose name was just consumed, up to and
    /// including `>` (returns false) or `/>` (returns true). `f` gets the
    /// local name, full name and raw value of each; a value with an entity
    /// gives up.
    #[inline(always)]
    fn attributes(
        &mut self,
        mut f: impl FnMut(&[u8], &[u8], &[u8]) -> Result<(), Bail>,
    ) -> Result<bool, Bail> {
        let b = self.b;
        let mut i = self.i;
        let byte = |i: usize| b.get(i).copied().ok_or(Bail);
        loop {
            let mut c = byte(i)?;
            while is_ws(c) {
                i += 1;
                c = byte(i)?;
            }
            if c == b'>' {
                self.i = i + 1;
                return Ok(false);
            }
            if c == b'/' {
                if byte(i + 1)? != b'>' {
                    return Err(Bail);
                }
                self.i = i + 2;
                return Ok(true);
            }
            let name_start = i;
            while !NAME_END[c as usize] {
                i += 1;
                c = byte(i)?;
            }
            let name = &b[name_start..i];
            if name.is_empty() {
                return Err(Bail);
            }
            while is_ws(c) {
                i += 1;
                c = byte(i)?;
            }
            if c != b'=' {
                return Err(Bail);
            }
            i += 1;
            c = byte(i)?;
            while is_ws(c) {
                i += 1;
                c = byte(i)?;
            }
            if c != b'"' && c != b'\'' {
                return Err(Bail);
            }
            let quote = c;
            let from = i + 1;
            i = from;
            loop {
                c = byte(i)?;
                if c == quote {
                    break;
                }
                if c == b'&' || c == b'<' {
                    return Err(Bail);
                }
                i += 1;
            }
            let value = &b[from..i];
            i += 1;
            c = byte(i)?;
            if !(is_ws(c) || c == b'>' || c == b'/') {
                return Err(Bail);
            }
            let local = match name.iter().rposition(|&b| b == b':') {
                Some(p) => &name[p + 1..],
                None => name,
            };
            f(local, name, value)?;
        }
    }
}

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum CellType {
    Number { explicit: bool },
    Shared,
    Str,
    Inline,
    Bool,
    Error,
    Date,
}

struct CellAttrs {
    row: u32,
    col: u32,
    style: u32,
    typ: CellType,
}

fn cell_attrs(e: &BytesStart<'_>, row: u32, next_col: u32) -> Result<CellAttrs, String> {
    let mut a = CellAttrs {
        row,
        col: next_col,
        style: 0,
        typ: CellType::Number { explicit: false },
    };
    for attribute in e.attributes().with_checks(false) {
        let attribute = attribute.map_err(|e| e.to_string())?;
        match attribute.key.local_name().as_ref() {
            "r" => {
                let value = attr_value(&attribute)?;
                let (r, c) = parse_cell_ref(value.as_bytes())
                    .ok_or_else(|| format!("bad cell reference r={value:?}"))?;
                a.row = r;
                a.col = c;
            }
            "s" => {
                // Like calamine: an unreadable style is the default style.
                a.style = parse_u32(attribute.value.as_bytes()).unwrap_or(0);
            }
            "t" => {
                let value = attr_value(&attribute)?;
                a.typ = match &*value {
                    "n" => CellType::Number { explicit: true },
                    "s" => CellType::Shared,
                    "str" => CellType::Str,
                    "inlineStr" | "is" => CellType::Inline,
                    "b" => CellType::Bool,
                    "e" => CellType::Error,
                    "d" => CellType::Date,
                    other => return Err(format!("unknown cell type t={other:?}")),
                };
            }
            _ => {}
        }
    }
    Ok(a)
}

/// The 0-based row of a `<row r="..">`, if it has one.
fn row_attr(e: &BytesStart<'_>) -> Result<Option<u32>, String> {
    match attr(e, "r")? {
        None => Ok(None),
        Some(v) => match parse_u32(v.as_bytes()) {
            Some(r) if r > 0 => Ok(Some(r - 1)),
            _ => Err(format!("bad row number r={v:?}")),
        },
    }
}

fn row_tag_has_r(tag: &[u8]) -> bool {
    let mut rd = Reader::from_reader(tag);
    match rd.read_event() {
        Ok(Event::Start(e)) | Ok(Event::Empty(e)) => matches!(row_attr(&e), Ok(Some(_))),
        _ => false,
    }
}

/// "AB12" → (11, 27), 0-based. Letters may be lower case.
#[inline]
fn parse_cell_ref(s: &[u8]) -> Option<(u32, u32)> {
    let mut col: u32 = 0;
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        // ASCII letters, either case, and only they, land in A..=Z.
        let up = (c & 0xDF).wrapping_sub(b'A');
        if up >= 26 {
            break;
        }
        col = col.checked_mul(26)?.checked_add(up as u32 + 1)?;
        i += 1;
    }
    if col == 0 {
        return None;
    }
    let row = parse_u32(&s[i..])?;
    if row == 0 {
        return None;
    }
    Some((row - 1, col - 1))
}

fn parse_dimension(s: &str) -> Option<((u32, u32), (u32, u32))> {
    let (a, b) = s.split_once(':').unwrap_or((s, s));
    Some((parse_cell_ref(a.as_bytes())?, parse_cell_ref(b.as_bytes())?))
}

/// "A1" style name of a 0-based position, for messages.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col as u64 + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row as u64 + 1)
}

#[inline]
fn parse_u32(s: &[u8]) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for &b in s {
        let d = b.wrapping_sub(b'0');
        if d >= 10 {
            return None;
        }
        n = n * 10 + d as u64;
        if n > u32::MAX as u64 {
            return None;
        }
    }
    Some(n as u32)
}

/// A number as Excel writes it. Integers of up to 15 digits take a fast
/// exact path; everything else goes through `str::parse::<f64>`, which is
/// correctly rounded.
fn parse_number(s: &str) -> Option<f64> {
    parse_integer(s.as_bytes()).or_else(|| s.parse::<f64>().ok())
}

/// An optionally negative integer of 1 to 15 digits, exactly.
#[inline]
fn parse_integer(b: &[u8]) -> Option<f64> {
    let (neg, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (d - b'0') as u64;
    }
    let v = n as f64;
    Some(if neg { -v } else { v })
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

const XML_WS: [char; 4] = [' ', '\t', '\r', '\n'];

fn push_piece<'s>(acc: &mut Option<Cow<'s, str>>, piece: Cow<'s, str>) {
    match acc {
        None => *acc = Some(piece),
        Some(a) => a.to_mut().push_str(&piece),
    }
}

fn resolve_entity(r: &BytesRef<'_>) -> Result<Cow<'static, str>, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => return Ok(Cow::Owned(c.to_string())),
        Ok(None) => {}
        Err(e) => return Err(e.to_string()),
    }
    quick_xml::escape::resolve_predefined_entity(r)
        .map(Cow::Borrowed)
        .ok_or_else(|| format!("unknown entity &{};", &**r))
}

/// The text content of the element just opened (named `end`), up to its end
/// tag: entities decoded, line ends normalized as XML 1.0 says. Borrows from
/// the XML unless it has entities or carriage returns.
fn read_text<'s>(rd: &mut Reader<&'s [u8]>, end: QName<'_>) -> Result<Cow<'s, str>, String> {
    let mut acc: Option<Cow<'s, str>> = None;
    loop {
        match rd.read_event().map_err(|e| e.to_string())? {
            Event::Text(t) => push_piece(&mut acc, t.xml10_content()),
            Event::CData(t) => push_piece(&mut acc, t.xml10_content()),
            Event::GeneralRef(r) => push_piece(&mut acc, resolve_entity(&r)?),
            Event::End(e) => {
                if e.name() == end {
                    break;
                }
                return Err(format!("unexpected </{}>", e.name().as_ref()));
            }
            Event::Start(e) => {
                rd.read_to_end(e.name()).map_err(|e| e.to_string())?;
            }
            Event::Eof => return Err("unexpected end of the part inside a text element".into()),
            _ => {}
        }
    }
    Ok(acc.unwrap_or_default())
}

/// A string item (`<si>` or `<is>`): the `<t>` of the item or of its rich
/// text runs, concatenated, phonetic runs (`<rPh>`) skipped. As calamine
/// does: the text of a `<t>` without `xml:space="preserve"` is trimmed of
/// ASCII whitespace, then `_xHHHH_` escapes are decoded.
fn read_rich_text<'s>(rd: &mut Reader<&'s [u8]>, end: QName<'_>) -> Result<Cow<'s, str>, String> {
    let mut acc: Option<Cow<'s, str>> = None;
    loop {
        match rd.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => {
                    let preserve = matches!(attr(&e, "xml:space")?.as_deref(), Some("preserve"));
                    let text = read_text(rd, e.name())?;
                    let text = if preserve { text } else { trim_cow(text) };
                    push_piece(&mut acc, unescape_x(text));
                }
                "r" => {}
                _ => {
                    // <rPh>, <rPr>, <phoneticPr>, extensions.
                    rd.read_to_end(e.name()).map_err(|e| e.to_string())?;
                }
            },
            Event::End(e) if e.name() == end => break,
            Event::Eof => return Err("unexpected end of the part inside a string item".into()),
            _ => {}
        }
    }
    Ok(acc.unwrap_or_default())
}

fn trim_cow(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim_matches(XML_WS)),
        Cow::Owned(o) => {
            let t = o.trim_matches(XML_WS);
            if t.len() == o.len() {
                Cow::Owned(o)
            } else {
                Cow::Owned(t.to_string())
            }
        }
    }
}

/// Decodes Excel's `_xHHHH_` escapes (UTF-16 code units, e.g. `_x000D_` for a
/// carriage return, `_x005F_` for a literal underscore); surrogate pairs are
/// joined, a lone surrogate becomes U+FFFD.
pub fn unescape_x(s: Cow<'_, str>) -> Cow<'_, str> {
    let Some(first) = find_x_escape(&s, 0) else {
        return s;
    };
    let src: &str = &s;
    let mut out = String::with_capacity(src.len());
    let mut copied = 0;
    let mut next = Some(first);
    while let Some((index, unit)) = next {
        out.push_str(&src[copied..index]);
        let mut after = index + 7;
        match unit {
            0xD800..=0xDBFF => match x_escape_at(src, after) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let cp = 0x10000 + ((unit as u32 - 0xD800) << 10) + (low as u32 - 0xDC00);
                    out.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
                    after += 7;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            _ => out.push(char::from_u32(unit as u32).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = after;
        next = find_x_escape(src, after);
    }
    out.push_str(&src[copied..]);
    Cow::Owned(out)
}

fn find_x_escape(s: &str, mut from: usize) -> Option<(usize, u16)> {
    while let Some(off) = s.as_bytes().get(from..)?.iter().position(|&b| b == b'_') {
        let i = from + off;
        if let Some(unit) = x_escape_at(s, i) {
            return Some((i, unit));
        }
        from = i + 1;
    }
    None
}

fn x_escape_at(s: &str, i: usize) -> Option<u16> {
    let b = s.as_bytes().get(i..i + 7)?;
    if b[0] != b'_' || b[1] != b'x' || b[6] != b'_' {
        return None;
    }
    let mut n: u16 = 0;
    for &h in &b[2..6] {
        n = n * 16 + (h as char).to_digit(16)? as u16;
    }
    Some(n)
}

// ---------------------------------------------------------------------------
// Shared strings
// ---------------------------------------------------------------------------

/// All shared strings in one buffer.
#[derive(Default, Debug)]
struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

fn parse_shared_strings(xml: &[u8], part: &str) -> Result<SharedStrings> {
    match fast_shared_strings(xml) {
        Ok(sst) => Ok(sst),
        Err(Bail) => slow_shared_strings(xml, part),
    }
}

fn slow_shared_strings(xml: &[u8], part: &str) -> Result<SharedStrings> {
    let mut rd = PartReader::new(xml, part)?;
    let mut sst = SharedStrings {
        text: String::with_capacity(xml.len() / 2),
        ends: Vec::new(),
    };
    loop {
        match rd.next()? {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                let s = read_rich_text(&mut rd.xml, e.name()).map_err(|m| rd.error(m))?;
                rd.depth.see(&Event::End(e.to_end()));
                sst.text.push_str(&s);
                sst.ends.push(sst.text.len());
            }
            Event::Empty(e) if e.local_name().as_ref() == "si" => sst.ends.push(sst.text.len()),
            Event::Eof => {
                rd.finish()?;
                break;
            }
            _ => {}
        }
    }
    Ok(sst)
}

/// The shared strings of a `sharedStrings.xml` part, by the fast path (or
/// `None` where it gives up) and by quick-xml alone; for tests.
#[doc(hidden)]
pub fn shared_strings_both_ways(xml: &[u8]) -> (Option<Vec<String>>, Result<Vec<String>, String>) {
    let list = |s: &SharedStrings| {
        (0..s.len())
            .map(|i| s.get(i).unwrap_or_default().to_string())
            .collect()
    };
    let fast = fast_shared_strings(xml).ok().map(|s| list(&s));
    let slow = slow_shared_strings(xml, "sharedStrings.xml")
        .map(|s| list(&s))
        .map_err(|e| e.to_string());
    (fast, slow)
}

/// The fast path of [`parse_shared_strings`]: a byte scanner for
/// `<si><t>text</t></si>`, handing every other item (rich text, phonetic
/// runs, entities, line ends) to quick-xml's [`read_rich_text`], and giving
/// up on anything unexpected around the items; the results are the same.
fn fast_shared_strings(xml: &[u8]) -> Result<SharedStrings, Bail> {
    let bom = if xml.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let xml = &xml[bom..];
    let all = std::str::from_utf8(xml).map_err(|_| Bail)?;
    // The root element, with quick-xml (declaration, namespaces).
    let mut rd = Reader::from_reader(xml);
    let (start, prefix) = loop {
        match rd.read_event().map_err(|_| Bail)? {
            Event::Start(e) if e.local_name().as_ref() == "sst" => {
                let name = e.name();
                let name = name.as_ref();
                break (
                    rd.buffer_position() as usize,
                    name[..name.len() - 3].to_string(),
                );
            }
            Event::Decl(_) | Event::Comment(_) | Event::Text(_) => {}
            _ => return Err(Bail),
        }
    };
    let p = prefix.as_bytes();
    let (si, si_end, t, t_end, sst_end) = (
        [b"<", p, b"si"].concat(),
        [b"</", p, b"si"].concat(),
        [b"<", p, b"t"].concat(),
        [b"</", p, b"t"].concat(),
        [b"</", p, b"sst"].concat(),
    );
    let mut out = SharedStrings {
        text: String::with_capacity(xml.len() / 2),
        ends: Vec::new(),
    };
    let mut s = Scan { b: xml, i: start };
    loop {
        s.skip_ws();
        if s.peek() != Some(b'<') {
            return Err(Bail);
        }
        let item_start = s.i;
        if s.open(&si) {
            match s.simple_item(&t, &t_end, &si_end)? {
                Item::Empty => out.ends.push(out.text.len()),
                Item::Simple { from, to, preserve } => {
                    out.text
                        .push_str(&simple_item_text(all.get(from..to).ok_or(Bail)?, preserve));
                    out.ends.push(out.text.len());
                }
                Item::Other => {
                    // Rich text, phonetic runs, entities...: quick-xml.
                    let mut rd = Reader::from_reader(xml.get(item_start..).ok_or(Bail)?);
                    let Event::Start(e) = rd.read_event().map_err(|_| Bail)? else {
                        return Err(Bail);
                    };
                    let text = read_rich_text(&mut rd, e.name()).map_err(|_| Bail)?;
                    out.text.push_str(&text);
                    out.ends.push(out.text.len());
                    s.i = item_start + rd.buffer_position() as usize;
                }
            }
        } else if s.close(&sst_end) {
            // Only whitespace may follow.
            s.skip_ws();
            return if s.peek().is_none() {
                Ok(out)
            } else {
                Err(Bail)
            };
        } else {
            return Err(Bail);
        }
    }
}

// ---------------------------------------------------------------------------
// Workbook parts
// ---------------------------------------------------------------------------

struct Relationship {
    id: String,
    typ: String,
    /// Resolved part path (no leading slash).
    target: String,
}

fn parse_relationships(xml: &[u8], part: &str, base_dir: &str) -> Result<Vec<Relationship>> {
    let mut rels = Vec::new();
    for_each_element(xml, part, |e| {
        if e.local_name().as_ref() != "Relationship" {
            return Ok(());
        }
        let id = attr(e, "Id")?.unwrap_or_default();
        let typ = attr(e, "Type")?.unwrap_or_default();
        let target = attr(e, "Target")?.unwrap_or_default();
        let external = attr(e, "TargetMode")?.is_some_and(|m| m == "External");
        if !external {
            rels.push(Relationship {
                id: id.into_owned(),
                typ: typ.into_owned(),
                target: resolve_target(base_dir, &target),
            });
        }
        Ok(())
    })?;
    Ok(rels)
}

/// (sheet name, relationship id) of each `<sheet>` of the workbook.
fn parse_workbook_sheets(xml: &[u8], part: &str) -> Result<Vec<(String, String)>> {
    let mut sheets = Vec::new();
    for_each_element(xml, part, |e| {
        if e.local_name().as_ref() != "sheet" {
            return Ok(());
        }
        let mut name = None;
        let mut rid = None;
        for a in e.attributes() {
            let a = a.map_err(|e| e.to_string())?;
            match a.key.local_name().as_ref() {
                "name" => name = Some(attr_value(&a)?.into_owned()),
                "id" => rid = Some(attr_value(&a)?.into_owned()),
                _ => {}
            }
        }
        if let Some(name) = name {
            sheets.push((name, rid.unwrap_or_default()));
        }
        Ok(())
    })?;
    Ok(sheets)
}

/// Calls `f` for each start or empty element of a (small) XML part.
fn for_each_element(
    xml: &[u8],
    part: &str,
    mut f: impl FnMut(&BytesStart<'_>) -> Result<(), String>,
) -> Result<()> {
    let mut rd = PartReader::new(xml, part)?;
    loop {
        match rd.next()? {
            Event::Start(e) | Event::Empty(e) => f(&e).map_err(|m| rd.error(m))?,
            Event::Eof => return rd.finish(),
            _ => {}
        }
    }
}

/// quick-xml over a whole small part (shared strings, workbook,
/// relationships), its errors naming the part and the byte offset, and the
/// element depth tracked to tell a truncated part from a complete one.
struct PartReader<'a> {
    xml: Reader<&'a [u8]>,
    part: &'a str,
    /// Length of the byte order mark skipped: offsets count from the file.
    bom: u64,
    depth: Depth,
}

impl<'a> PartReader<'a> {
    fn new(xml: &'a [u8], part: &'a str) -> Result<Self> {
        let bom = check_encoding(xml, part)?;
        Ok(PartReader {
            xml: Reader::from_reader(&xml[bom..]),
            part,
            bom: bom as u64,
            depth: Depth::default(),
        })
    }

    fn next(&mut self) -> Result<Event<'a>> {
        let event = self.xml.read_event().map_err(|e| FastXlsxError::Xml {
            part: self.part.to_string(),
            offset: self.bom + self.xml.error_position(),
            message: e.to_string(),
        })?;
        self.depth.see(&event);
        Ok(event)
    }

    /// An error at the reader's position.
    fn error(&self, message: String) -> FastXlsxError {
        FastXlsxError::Xml {
            part: self.part.to_string(),
            offset: self.bom + self.xml.buffer_position(),
            message,
        }
    }

    /// At the end of the part: an error when it was empty or truncated.
    fn finish(&self) -> Result<()> {
        self.depth.check().map_err(|m| self.error(m))
    }
}

/// Tracks the element depth of a whole part, to tell a truncated part (whose
/// end quick-xml reports as a plain end of input) from a complete one.
#[derive(Default)]
struct Depth {
    open: usize,
    root: bool,
}

impl Depth {
    fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(_) => {
                self.open += 1;
                self.root = true;
            }
            Event::Empty(_) => self.root = true,
            Event::End(_) => self.open = self.open.saturating_sub(1),
            _ => {}
        }
    }

    fn check(&self) -> Result<(), String> {
        if !self.root {
            Err("no root element (empty or truncated part)".into())
        } else if self.open > 0 {
            Err("unexpected end of the part (truncated?)".into())
        } else {
            Ok(())
        }
    }
}

/// The part path a relationship target points to: absolute (`/xl/...`) or
/// relative to the directory of the source part, `.` and `..` resolved.
fn resolve_target(base_dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let (mut segs, rest): (Vec<&str>, &str) = match target.strip_prefix('/') {
        Some(abs) => (Vec::new(), abs),
        None => (
            base_dir.split('/').filter(|s| !s.is_empty()).collect(),
            &target,
        ),
    };
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

fn find_index(zip: &Zip<'_>, name: &str) -> Option<usize> {
    if let Some(i) = zip.index_for_name(name) {
        return Some(i);
    }
    // Part names are case-insensitive; some producers use backslashes or
    // percent-encode the relationship target.
    let decoded = percent_decode(name);
    let wanted = decoded.as_deref().unwrap_or(name);
    (0..zip.len()).find(|&i| {
        zip.name_for_index(i).is_some_and(|n| {
            n.is_ok_and(|n| {
                let n = n.replace('\\', "/");
                let n = n.strip_prefix('/').unwrap_or(&n);
                n.eq_ignore_ascii_case(name) || n.eq_ignore_ascii_case(wanted)
            })
        })
    })
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return None;
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (
                (b[i + 1] as char).to_digit(16),
                (b[i + 2] as char).to_digit(16),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Decompresses one part, `None` if the archive has no such part.
fn read_part(zip: &mut Zip<'_>, name: &str) -> Result<Option<Vec<u8>>> {
    let Some(index) = find_index(zip, name) else {
        return Ok(None);
    };
    let mut file = zip
        .by_index(index)
        .map_err(|e| FastXlsxError::Zip(format!("{name}: {e}")))?;
    // The declared size is only a hint (and may lie): cap the reservation.
    let mut out = Vec::with_capacity(file.size().min(1 << 28) as usize);
    file.read_to_end(&mut out)
        .map_err(|e| FastXlsxError::Zip(format!("cannot decompress {name}: {e}")))?;
    Ok(Some(out))
}

/// Length of a UTF-8 byte order mark to skip; an error for UTF-16.
fn check_encoding(xml: &[u8], part: &str) -> Result<usize> {
    if xml.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Ok(3)
    } else if xml.starts_with(&[0xFF, 0xFE]) || xml.starts_with(&[0xFE, 0xFF]) {
        Err(FastXlsxError::Xml {
            part: part.to_string(),
            offset: 0,
            message: "UTF-16 encoded XML is not supported".into(),
        })
    } else {
        Ok(0)
    }
}

// ---------------------------------------------------------------------------
// XML helpers
// ---------------------------------------------------------------------------

/// An attribute's value, entities decoded.
fn attr_value<'a>(
    a: &quick_xml::events::attributes::Attribute<'a>,
) -> Result<Cow<'a, str>, String> {
    if a.value.contains(['&', '\t', '\r', '\n']) {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())
    } else {
        Ok(a.value.clone())
    }
}

/// The value of the attribute with this exact name.
fn attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Result<Option<Cow<'a, str>>, String> {
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.as_ref() == name {
            return attr_value(&a).map(Some);
        }
    }
    Ok(None)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}
