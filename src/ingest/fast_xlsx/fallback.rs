//! The quick-xml parser of a range of `<sheetData>`: slower than the byte
//! scanner, but it reads any well-formed markup and reports the errors
//! (with the byte offset in the part) of what is not.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::cells::{CellAttrs, cell_attrs, row_attr};
use super::sheet::SheetCells;
use super::text::{read_rich_text, read_text};
use super::{Cell, FastXlsxError, Result, Value};

impl SheetCells {
    /// Parses `xml[start..end]`, calling `sink` for each non-empty cell.
    /// `last`: the range must end with `</sheetData>`; otherwise it must end
    /// between two rows.
    pub(super) fn parse_range<'s>(
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
                    "row" if in_row => return Err(self.row_in_row(pos(&rd), cur_row)),
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
                    "row" if in_row => return Err(self.row_in_row(pos(&rd), cur_row)),
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

    /// A `<row>` inside a row: quick-xml would take it as a nested element
    /// and, in a chunk cut before the end, never see the outer one unclosed.
    fn row_in_row(&self, offset: u64, row: u32) -> FastXlsxError {
        self.xml_error(
            offset,
            format!(
                "a <row> inside row {} (is its </row> missing or misspelt?)",
                row as u64 + 1
            ),
        )
    }
}
