//! A decompressed sheet: finding `<sheetData>`, cutting it into chunks at
//! row tags, parsing the chunks in parallel (scanner first, quick-xml
//! where it gives up), and the value of a cell from its type and text.

use std::borrow::Cow;
use std::sync::Arc;

use quick_xml::Reader;
use quick_xml::events::Event;
use rayon::prelude::*;

use super::cells::{
    CellAttrs, CellType, cell_name, parse_dimension, parse_number, parse_u32, row_tag_has_r,
};
use super::package::check_encoding;
use super::scanner::Tags;
use super::shared_strings::SharedStrings;
use super::text::{XML_WS, attr, unescape_x};
use super::{Cell, FastXlsxError, Result, RowCells, Value};

/// A decompressed sheet with its shared strings, ready to be parsed.
pub struct SheetCells {
    pub(super) part: String,
    pub(super) xml: Vec<u8>,
    /// Start of the `<sheetData>` content and where its end tag seems to be;
    /// `None` for `<sheetData/>`.
    pub(super) data: Option<(usize, usize)>,
    /// Tag patterns with the namespace prefix of `<sheetData>`.
    pub(super) tags: Tags,
    pub(super) strings: Arc<SharedStrings>,
    pub(super) dimension: Option<((u32, u32), (u32, u32))>,
}

impl SheetCells {
    pub(super) fn new(xml: Vec<u8>, part: String, strings: Arc<SharedStrings>) -> Result<Self> {
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

    /// The bytes of the sheet's XML and of its shared strings: what memory
    /// the cells' values may be measured against.
    pub fn content_bytes(&self) -> usize {
        self.xml.len() + self.strings.text.len()
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

    /// [`SheetCells::fold_chunks`] with a choice of parser (the unit tests
    /// compare the two).
    pub(super) fn fold_chunks_with<'s, T, I, F>(
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

    pub(super) fn xml_error(&self, offset: u64, message: impl Into<String>) -> FastXlsxError {
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
        // The elements open around <sheetData>, to check that the part
        // closes them after it: the chunks are parsed up to </sheetData>.
        let mut open: Vec<String> = Vec::new();
        loop {
            let event = rd
                .read_event()
                .map_err(|e| self.xml_error(bom as u64 + rd.error_position(), e.to_string()))?;
            match &event {
                Event::Start(e) if e.local_name().as_ref() != "sheetData" => {
                    open.push(e.name().as_ref().to_string());
                }
                Event::End(_) => {
                    open.pop();
                }
                _ => {}
            }
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
                    if end < self.xml.len() {
                        open.push(name.to_string());
                        self.check_tail(end, open)?;
                    }
                    return Ok(());
                }
                Event::Empty(e) if e.local_name().as_ref() == "sheetData" => {
                    let from = bom + rd.buffer_position() as usize;
                    return self.check_tail(from, open);
                }
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

    /// Checks the part from `from` to its end: it must close the elements
    /// of `open` (outermost first), and what it opens itself.
    fn check_tail(&self, from: usize, mut open: Vec<String>) -> Result<()> {
        let mut rd = Reader::from_reader(self.xml.get(from..).unwrap_or_default());
        rd.config_mut().allow_unmatched_ends = true;
        rd.config_mut().check_end_names = false;
        let at = |rd: &Reader<&[u8]>| (from as u64) + rd.buffer_position();
        loop {
            let event = rd
                .read_event()
                .map_err(|e| self.xml_error(from as u64 + rd.error_position(), e.to_string()))?;
            match event {
                Event::Start(e) => open.push(e.name().as_ref().to_string()),
                Event::End(e) => match open.pop() {
                    Some(name) if name == e.name().as_ref() => {}
                    Some(name) => {
                        return Err(self.xml_error(
                            at(&rd),
                            format!("expected </{}>, found </{}>", name, e.name().as_ref()),
                        ));
                    }
                    None => {
                        return Err(self.xml_error(
                            at(&rd),
                            format!(
                                "unexpected </{}> after the end of the sheet",
                                e.name().as_ref()
                            ),
                        ));
                    }
                },
                Event::Eof => {
                    return match open.last() {
                        None => Ok(()),
                        Some(name) => Err(self.xml_error(
                            at(&rd),
                            format!(
                                "unexpected end of the part: {} elements are not closed, the \
                                 innermost <{}> (truncated?)",
                                open.len(),
                                name
                            ),
                        )),
                    };
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

    /// The value of a cell from its type and the text of its `<v>` and `<is>`.
    pub(super) fn make_value<'s>(
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
}

/// Which parser [`SheetCells::fold_chunks_with`] uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Strategy {
    /// The byte scanner, falling back to quick-xml per chunk.
    Fast,
    /// quick-xml events only.
    #[cfg_attr(not(test), allow(dead_code))]
    QuickXml,
}

pub(super) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}
