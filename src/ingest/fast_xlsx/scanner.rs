//! The byte scanner of `<sheetData>`: what producers write there (rows,
//! cells, `<v>`, `<f>`, simple inline strings) read straight from the bytes,
//! with the same results as the quick-xml fallback. It hands text with
//! entities and rich text to quick-xml element by element, and gives up
//! (`Bail`) on anything else; the chunk is then parsed by the fallback.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::cells::{
    CellAttrs, CellType, MAX_COLS, MAX_ROWS, parse_cell_ref, parse_integer, parse_u32,
};
use super::sheet::SheetCells;
use super::text::{XML_WS, read_rich_text, read_text, unescape_x};
use super::{Cell, Value};

impl SheetCells {
    /// The fast path: a byte scanner for what producers write in
    /// `<sheetData>` (rows, cells, `<v>`, `<f>`), with the same results as
    /// [`SheetCells::parse_range`]. It hands `<is>` and `<v>` text with
    /// entities to quick-xml, and gives up (`Err(Bail)`) on anything else it
    /// does not expect (comments, CDATA, other elements, malformed markup):
    /// the chunk is then parsed again by `parse_range`, which also reports
    /// the errors.
    pub(super) fn fast_range<'s>(
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
    pub(super) fn fast_range_with<'s, T: TagSet>(
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
                if a.row >= MAX_ROWS || a.col >= MAX_COLS {
                    return Err(Bail); // the fallback says where
                }
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
                        r = Some(
                            parse_u32(value)
                                .filter(|&r| r > 0 && r <= MAX_ROWS)
                                .ok_or(Bail)?
                                - 1,
                        );
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
    pub(super) fn delegate<'s>(
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

/// The fast scanner gives up; the chunk is parsed again with quick-xml.
#[derive(Debug)]
pub(super) struct Bail;

#[derive(Clone, Copy)]
pub(super) enum Delegate {
    Text,
    Rich,
    Skip,
}

/// Tags of `<sheetData>` with its namespace prefix, as byte patterns.
#[derive(Debug)]
pub(super) struct Tags {
    pub(super) row: Vec<u8>,
    pub(super) row_end: Vec<u8>,
    pub(super) c: Vec<u8>,
    pub(super) c_end: Vec<u8>,
    pub(super) v: Vec<u8>,
    pub(super) v_end: Vec<u8>,
    pub(super) f: Vec<u8>,
    pub(super) f_end: Vec<u8>,
    pub(super) is: Vec<u8>,
    pub(super) is_end: Vec<u8>,
    pub(super) t: Vec<u8>,
    pub(super) t_end: Vec<u8>,
    pub(super) sheet_data_end: Vec<u8>,
    /// No namespace prefix: [`PlainTags`] applies.
    pub(super) plain: bool,
}

/// The tags that the fast scanner tests.
pub(super) trait TagSet {
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
pub(super) struct PlainTags;

tag_set!(PlainTags, self => row: b"<row", row_end: b"</row", c: b"<c", c_end: b"</c",
    v: b"<v", v_end: b"</v", f: b"<f", f_end: b"</f", is: b"<is", is_end: b"</is",
    t: b"<t", t_end: b"</t", sheet_data_end: b"</sheetData");

impl Tags {
    pub(super) fn new(prefix: &str) -> Self {
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
pub(super) fn scan_text(b: &[u8]) -> (usize, bool) {
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
pub(super) enum Item {
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
pub(super) fn simple_item_text(text: &str, preserve: bool) -> Cow<'_, str> {
    unescape_x(Cow::Borrowed(if preserve {
        text
    } else {
        text.trim_matches(XML_WS)
    }))
}

/// A cursor over the XML for the fast scanner. It never indexes out of
/// bounds: every access goes through `get` or a checked slice.
pub(super) struct Scan<'s> {
    pub(super) b: &'s [u8],
    pub(super) i: usize,
}

/// Bytes that end an attribute name.
pub(super) static NAME_END: [bool; 256] = {
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
pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'s> Scan<'s> {
    #[inline]
    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline]
    pub(super) fn skip_ws(&mut self) {
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
    pub(super) fn open(&mut self, tag: &[u8]) -> bool {
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
    pub(super) fn close(&mut self, tag: &[u8]) -> bool {
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
    pub(super) fn simple_item(
        &mut self,
        t: &[u8],
        t_end: &[u8],
        item_end: &[u8],
    ) -> Result<Item, Bail> {
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
    pub(super) fn attributes(
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
