//! The xlsx package: the zip archive, its relationships and parts, the
//! workbook's sheet list, and reading (inflating, CRC-checking) a part.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::{Arc, OnceLock};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::shared_strings::{SharedStrings, parse_shared_strings};
use super::sheet::SheetCells;
use super::text::{attr, attr_value};
use super::{FastXlsxError, Result};

pub(super) type Zip<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// An opened workbook: its sheet list, parts found. Reading several sheets
/// through one `Workbook` parses the shared strings once.
pub struct Workbook<'b> {
    zip: Zip<'b>,
    /// (sheet name, part path if the relationship resolves)
    /// (sheet name, part path if the relationship resolves, whether it is
    /// a worksheet rather than a chart sheet)
    sheets: Vec<(String, Option<String>, bool)>,
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
        let by_id: HashMap<&str, &Relationship> = rels.iter().map(|r| (r.id.as_str(), r)).collect();
        let sheets = parse_workbook_sheets(&workbook_xml, &workbook_part)?
            .into_iter()
            .map(|(name, rid)| {
                let rel = by_id.get(rid.as_str());
                let path = rel.map(|r| r.target.clone());
                // Chart, dialog and macro sheets hold no cells.
                let worksheet = rel.is_none_or(|r| r.typ.ends_with("/worksheet"));
                (name, path, worksheet)
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
        self.sheets.iter().map(|(n, ..)| n.clone()).collect()
    }

    /// The names of the worksheets (the sheets with cells: no chart
    /// sheets), in workbook order.
    pub fn worksheet_names(&self) -> Vec<String> {
        self.sheets
            .iter()
            .filter(|(.., worksheet)| *worksheet)
            .map(|(n, ..)| n.clone())
            .collect()
    }

    /// Decompresses one sheet (and, the first time, the shared strings, in
    /// parallel with it) and finds its `<sheetData>`.
    pub fn read_sheet(&self, sheet: &str) -> Result<SheetCells> {
        let found = self.sheets.iter().find(|(n, ..)| n == sheet).or_else(|| {
            self.sheets
                .iter()
                .find(|(n, ..)| n.to_lowercase() == sheet.to_lowercase())
        });
        let Some((name, path, _)) = found else {
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

pub(super) struct Relationship {
    id: String,
    typ: String,
    /// Resolved part path (no leading slash).
    target: String,
}

pub(super) fn parse_relationships(
    xml: &[u8],
    part: &str,
    base_dir: &str,
) -> Result<Vec<Relationship>> {
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
pub(super) fn parse_workbook_sheets(xml: &[u8], part: &str) -> Result<Vec<(String, String)>> {
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
pub(super) fn for_each_element(
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
pub(super) struct PartReader<'a> {
    pub(super) xml: Reader<&'a [u8]>,
    pub(super) part: &'a str,
    /// Length of the byte order mark skipped: offsets count from the file.
    pub(super) bom: u64,
    pub(super) depth: Depth,
}

impl<'a> PartReader<'a> {
    pub(super) fn new(xml: &'a [u8], part: &'a str) -> Result<Self> {
        let bom = check_encoding(xml, part)?;
        Ok(PartReader {
            xml: Reader::from_reader(&xml[bom..]),
            part,
            bom: bom as u64,
            depth: Depth::default(),
        })
    }

    pub(super) fn next(&mut self) -> Result<Event<'a>> {
        let event = self.xml.read_event().map_err(|e| FastXlsxError::Xml {
            part: self.part.to_string(),
            offset: self.bom + self.xml.error_position(),
            message: e.to_string(),
        })?;
        self.depth.see(&event);
        Ok(event)
    }

    /// An error at the reader's position.
    pub(super) fn error(&self, message: String) -> FastXlsxError {
        FastXlsxError::Xml {
            part: self.part.to_string(),
            offset: self.bom + self.xml.buffer_position(),
            message,
        }
    }

    /// At the end of the part: an error when it was empty or truncated.
    pub(super) fn finish(&self) -> Result<()> {
        self.depth.check().map_err(|m| self.error(m))
    }
}

/// Tracks the element depth of a whole part, to tell a truncated part (whose
/// end quick-xml reports as a plain end of input) from a complete one.
#[derive(Default)]
pub(super) struct Depth {
    open: usize,
    root: bool,
}

impl Depth {
    pub(super) fn see(&mut self, event: &Event<'_>) {
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

    pub(super) fn check(&self) -> Result<(), String> {
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
pub(super) fn resolve_target(base_dir: &str, target: &str) -> String {
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

pub(super) fn find_index(zip: &Zip<'_>, name: &str) -> Option<usize> {
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

pub(super) fn percent_decode(s: &str) -> Option<String> {
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

/// The most that one part may inflate to (512 MiB): twenty times the sheet
/// of the national RIVM file (24 MB), and a bound on what a small zip that
/// inflates to gigabytes (a "zip bomb") can make this program allocate.
pub const MAX_PART_BYTES: u64 = 1 << 29;

/// Decompresses one part, `None` if the archive has no such part. The data
/// are read to their end, so that the zip reader checks their CRC-32.
pub(super) fn read_part(zip: &mut Zip<'_>, name: &str) -> Result<Option<Vec<u8>>> {
    let Some(index) = find_index(zip, name) else {
        return Ok(None);
    };
    read_entry(zip, index, read_bounded).map(Some)
}

/// Reads `file` to its end (at most [`MAX_PART_BYTES`] + 1 bytes), growing
/// the buffer with `try_reserve`, so that a part too large for the memory
/// there is is an error (`OutOfMemory`), not an abort.
pub(super) fn read_bounded(file: &mut dyn Read, hint: u64) -> std::io::Result<Vec<u8>> {
    let oom = |_| std::io::Error::from(std::io::ErrorKind::OutOfMemory);
    let max = MAX_PART_BYTES as usize + 1;
    let mut out: Vec<u8> = Vec::new();
    out.try_reserve_exact(hint as usize).map_err(oom)?;
    let mut len = 0;
    loop {
        if len == out.len() {
            // The buffer is full (at first, or at the declared size): a
            // small read tells whether there is more before it grows.
            let mut probe = [0u8; 64];
            let n = loop {
                match file.read(&mut probe) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    other => break other?,
                }
            };
            if n == 0 {
                break;
            }
            if len >= max {
                len += n; // over the limit: the caller says so
                break;
            }
            let spare = out.capacity() - len;
            let grow = if spare >= n { spare } else { len.max(1 << 16) }.min(max - len);
            out.try_reserve_exact(grow.max(n)).map_err(oom)?;
            out.resize(len + grow.max(n), 0);
            out[len..len + n].copy_from_slice(&probe[..n]);
            len += n;
            continue;
        }
        match file.read(&mut out[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    out.truncate(len.min(out.len()));
    Ok(out)
}

/// Inflates every part of the archive to its end without keeping it, so
/// that a damaged part is found even where it is not read (styles, themes);
/// returns the bytes inflated.
pub fn check_all_parts(bytes: &[u8]) -> Result<u64> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| FastXlsxError::Zip(e.to_string()))?;
    let mut total = 0;
    for index in 0..zip.len() {
        total += read_entry(&mut zip, index, |file, _| {
            std::io::copy(file, &mut std::io::sink())
        })?;
    }
    Ok(total)
}

/// Opens entry `index` and hands `read` a reader of at most
/// [`MAX_PART_BYTES`] + 1 bytes of it and a size to reserve; errors name
/// the part.
fn read_entry<T>(
    zip: &mut Zip<'_>,
    index: usize,
    read: impl FnOnce(&mut dyn Read, u64) -> std::io::Result<T>,
) -> Result<T> {
    let mut file = zip
        .by_index(index)
        .map_err(|e| FastXlsxError::Zip(e.to_string()))?;
    let name = match file.name() {
        Ok(n) => n.into_owned(),
        Err(_) => format!("(part {index}, an unreadable name)"),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(FastXlsxError::TooLarge {
            part: name,
            limit: MAX_PART_BYTES,
        });
    }
    // The declared size is only a hint (and may lie): cap the reservation
    // by what deflate can reach from the compressed size (1 032 : 1).
    let file_size = file.size();
    let size = (file.size())
        .min(file.compressed_size().saturating_mul(1032))
        .min(1 << 28);
    let mut limited = (&mut file).take(MAX_PART_BYTES + 1);
    let out = read(&mut limited, size).map_err(|e| match e.kind() {
        std::io::ErrorKind::OutOfMemory => FastXlsxError::OutOfMemory {
            part: name.clone(),
            size: file_size,
        },
        _ => FastXlsxError::DamagedPart {
            part: name.clone(),
            message: if e.to_string().contains("checksum") {
                "its data do not match their checksum (CRC-32)".into()
            } else {
                format!("cannot inflate it: {e}")
            },
        },
    })?;
    if limited.limit() == 0 {
        return Err(FastXlsxError::TooLarge {
            part: name,
            limit: MAX_PART_BYTES,
        });
    }
    Ok(out)
}

/// Length of a UTF-8 byte order mark to skip; an error for UTF-16.
pub(super) fn check_encoding(xml: &[u8], part: &str) -> Result<usize> {
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
