//! The shared-strings table (`xl/sharedStrings.xml`): all strings in one
//! buffer, read by a byte scanner for plain items and by quick-xml for the
//! rest (or for all of it where the scanner gives up).

use quick_xml::Reader;
use quick_xml::events::Event;

use super::Result;
use super::package::PartReader;
use super::scanner::{Bail, Item, Scan, simple_item_text};
use super::text::read_rich_text;

/// All shared strings in one buffer.
#[derive(Default, Debug)]
pub(super) struct SharedStrings {
    pub(super) text: String,
    pub(super) ends: Vec<usize>,
}

impl SharedStrings {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

pub(super) fn parse_shared_strings(xml: &[u8], part: &str) -> Result<SharedStrings> {
    match fast_shared_strings(xml) {
        Ok(sst) => Ok(sst),
        Err(Bail) => slow_shared_strings(xml, part),
    }
}

pub(super) fn slow_shared_strings(xml: &[u8], part: &str) -> Result<SharedStrings> {
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

/// The fast path of [`parse_shared_strings`]: a byte scanner for
/// `<si><t>text</t></si>`, handing every other item (rich text, phonetic
/// runs, entities, line ends) to quick-xml's [`read_rich_text`], and giving
/// up on anything unexpected around the items; the results are the same.
pub(super) fn fast_shared_strings(xml: &[u8]) -> Result<SharedStrings, Bail> {
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
