//! Recognising which published source a file is, finding its year, and the
//! [`Dataset`] every open-data reader produces.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::ingest::grid::{Grid, Sheet, read_open_data_grid};
use crate::ingest::tidy::TidyTable;
use crate::ingest::{cbs_kwb, rivm, vektis};
use crate::problem::{InputError, Problem};

/// The open-data sources the program knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum SourceKind {
    #[serde(rename = "cbs-kwb")]
    CbsKwb,
    #[serde(rename = "rivm-gezondheid")]
    RivmGezondheid,
    #[serde(rename = "vektis-zvw-gemeente")]
    VektisZvwGemeente,
    #[serde(rename = "vektis-zvw-postcode3")]
    VektisZvwPostcode3,
    #[serde(rename = "unknown")]
    Unknown,
}

impl SourceKind {
    pub fn id(self) -> &'static str {
        match self {
            SourceKind::CbsKwb => "cbs-kwb",
            SourceKind::RivmGezondheid => "rivm-gezondheid",
            SourceKind::VektisZvwGemeente => "vektis-zvw-gemeente",
            SourceKind::VektisZvwPostcode3 => "vektis-zvw-postcode3",
            SourceKind::Unknown => "unknown",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            SourceKind::CbsKwb => "CBS Kerncijfers wijken en buurten",
            SourceKind::RivmGezondheid => "RIVM/GGD Gezondheid per wijk en buurt (StatLine)",
            SourceKind::VektisZvwGemeente => "Vektis Open Databestand Zvw, per gemeente",
            SourceKind::VektisZvwPostcode3 => {
                "Vektis Open Databestand Zvw, per 3-cijferige postcode"
            }
            SourceKind::Unknown => "not a source this program knows",
        }
    }
}

/// Where the year of a file was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearOrigin {
    FileName,
    SheetName,
    Data,
    Override,
    Unknown,
}

/// Name, size and SHA-256 of an input file, for the methods appendix.
#[derive(Debug, Clone, Serialize)]
pub struct FileInfo {
    pub path: PathBuf,
    pub name: String,
    pub bytes: u64,
    pub sha256: String,
}

impl FileInfo {
    pub fn of(path: &Path) -> Result<FileInfo, InputError> {
        let bytes = fs::read(path).map_err(|e| {
            InputError::new(
                crate::problem::Location::file(path),
                format!("cannot read the file: {e}"),
            )
        })?;
        Ok(FileInfo::from_bytes(path, &bytes))
    }

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> FileInfo {
        let digest = Sha256::digest(bytes);
        FileInfo {
            path: path.to_path_buf(),
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes: bytes.len() as u64,
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// A recognised indicator column and the stable indicator id it maps to.
#[derive(Debug, Clone, Serialize)]
pub struct RecognisedColumn {
    pub column: String,
    pub indicator: String,
    pub unit: String,
    /// False when the column holds no value at all (not measured that year,
    /// or an early release).
    pub has_values: bool,
}

/// One open-data file, read.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub file: FileInfo,
    pub source: SourceKind,
    pub year: Option<i32>,
    pub year_origin: YearOrigin,
    pub sheet: Option<String>,
    /// Data rows read (excluding header rows).
    pub rows: usize,
    /// Number of regions per level (`land`, `gemeente`, `wijk`, `buurt`,
    /// `postcode3`, `rest`).
    pub levels: BTreeMap<String, usize>,
    /// Age groups present (RIVM: `18+`, `18-64`, `65+`).
    pub age_groups: Vec<String>,
    pub indicators: Vec<RecognisedColumn>,
    pub unrecognised_columns: Vec<String>,
    pub problems: Vec<Problem>,
    pub table: TidyTable,
    /// Text encoding of a CSV input.
    pub encoding: Option<String>,
    /// Names of the areas, by code (for reports).
    pub area_names: BTreeMap<String, String>,
    /// Vektis: the year of the municipal division its names follow.
    pub municipal_division: Option<i32>,
}

impl Dataset {
    /// Empties the tidy table (its observations), keeping everything else: file
    /// information, counts, problems, area names. For a caller that has taken what it needs
    /// from the observations and would otherwise hold them to the end of a long run.
    pub fn release_observations(&mut self) {
        self.table = TidyTable::new(self.source.id(), &self.file.name);
    }

    pub fn new(file: FileInfo, source: SourceKind, sheet: Option<&Sheet>) -> Dataset {
        Dataset {
            table: TidyTable::new(source.id(), &file.name),
            file,
            source,
            year: None,
            year_origin: YearOrigin::Unknown,
            sheet: sheet.map(|s| s.name.clone()),
            rows: 0,
            levels: BTreeMap::new(),
            age_groups: Vec::new(),
            indicators: Vec::new(),
            unrecognised_columns: Vec::new(),
            problems: Vec::new(),
            encoding: None,
            area_names: BTreeMap::new(),
            municipal_division: None,
        }
    }

    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }
}

/// Options that apply to reading any source.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Use this year instead of the one in the file or sheet name.
    pub year: Option<i32>,
    /// The plausible ranges of published values (RIVM), from the indicator
    /// catalogue; empty checks nothing.
    pub plausible: PlausibleRanges,
}

/// Plausible ranges of published values by tidy indicator id (`lonely`),
/// declared in the indicator catalogue (`min`, `max`). A value outside is a
/// mistake in the file (a percentage of −76.6 or 200): reported with its
/// cell and left out, as an invalid cell is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlausibleRanges {
    ranges: BTreeMap<String, (Option<f64>, Option<f64>)>,
    /// Where the ranges are declared, for messages.
    source: String,
}

impl PlausibleRanges {
    /// Ranges by tidy indicator id, declared in `source`; of two ranges of one
    /// indicator the narrower bounds hold.
    pub fn new(
        source: impl Into<String>,
        ranges: impl IntoIterator<Item = (String, Option<f64>, Option<f64>)>,
    ) -> Self {
        let mut out: BTreeMap<String, (Option<f64>, Option<f64>)> = BTreeMap::new();
        for (indicator, min, max) in ranges {
            if min.is_none() && max.is_none() {
                continue;
            }
            let entry = out.entry(indicator).or_insert((min, max));
            let narrower = |a: Option<f64>, b: Option<f64>, pick: fn(f64, f64) -> f64| match (a, b)
            {
                (Some(a), Some(b)) => Some(pick(a, b)),
                (a, b) => a.or(b),
            };
            *entry = (
                narrower(entry.0, min, f64::max),
                narrower(entry.1, max, f64::min),
            );
        }
        PlausibleRanges {
            ranges: out,
            source: source.into(),
        }
    }

    /// `Err(expected)` for a value outside the plausible range of its indicator.
    pub fn check(&self, indicator: &str, value: f64) -> Result<(), String> {
        let Some(&(min, max)) = self.ranges.get(indicator) else {
            return Ok(());
        };
        if min.is_none_or(|lo| value >= lo) && max.is_none_or(|hi| value <= hi) {
            return Ok(());
        }
        let n = crate::ingest::grid::format_number;
        let range = match (min, max) {
            (Some(lo), Some(hi)) => format!("a value from {} to {}", n(lo), n(hi)),
            (Some(lo), None) => format!("a value of at least {}", n(lo)),
            (None, Some(hi)) => format!("a value of at most {}", n(hi)),
            (None, None) => unreachable!("ranges without bounds are not kept"),
        };
        Err(format!(
            "{range} (the plausible range of {indicator} in {})",
            self.source
        ))
    }
}

/// Finds a four-digit year (1990–2039) in a name such as `kwb-2023` or
/// `Vektis Open Databestand Zorgverzekeringswet 2023 - gemeente.csv`.
pub fn year_in_name(name: &str) -> Option<i32> {
    let bytes = name.as_bytes();
    let mut found = None;
    for start in 0..bytes.len().saturating_sub(3) {
        let window = &bytes[start..start + 4];
        let before_ok = start == 0 || !bytes[start - 1].is_ascii_digit();
        let after_ok = bytes.get(start + 4).is_none_or(|b| !b.is_ascii_digit());
        if before_ok && after_ok && window.iter().all(u8::is_ascii_digit) {
            let year: i32 = std::str::from_utf8(window).ok()?.parse().ok()?;
            if (1990..2040).contains(&year) {
                found.get_or_insert(year);
            }
        }
    }
    found
}

/// Normalises a header cell: trimmed, lowercase.
pub fn header_key(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

/// Which source a sheet holds, judged by its header row; with the index of
/// that header row in `sheet.rows`.
pub fn detect(sheet: &Sheet) -> Option<(SourceKind, usize)> {
    for (index, row) in sheet.rows.iter().enumerate().take(15) {
        let keys: Vec<String> = row.iter().map(|c| header_key(&c.to_text())).collect();
        let has = |k: &str| keys.iter().any(|h| h == k);
        let has_stem = |k: &str| {
            keys.iter()
                .any(|h| crate::ingest::catalog::rivm_stem(h).eq_ignore_ascii_case(k))
        };
        if has("recs") && (has("gwb_code_10") || has("gwb_code") || has("regio")) {
            return Some((SourceKind::CbsKwb, index));
        }
        if has_stem("wijkenenbuurten") && has_stem("perioden") {
            return Some((SourceKind::RivmGezondheid, index));
        }
        if has("geslacht") && has("leeftijdsklasse") {
            if has("postcode_3") || has("postcode") {
                return Some((SourceKind::VektisZvwPostcode3, index));
            }
            if has("gemeentenaam") {
                return Some((SourceKind::VektisZvwGemeente, index));
            }
        }
    }
    None
}

/// Reads any supported open-data file into a [`Dataset`].
///
/// An unreadable file is an `Err`; a readable file of an unknown kind is a
/// dataset with source [`SourceKind::Unknown`] and a problem saying so.
pub fn read_dataset(path: &Path, options: &ReadOptions) -> Result<Dataset, InputError> {
    let bytes = fs::read(path).map_err(|e| {
        InputError::new(
            crate::problem::Location::file(path),
            format!("cannot read the file: {e}"),
        )
    })?;
    // The checksum is computed while the workbook is parsed.
    let (grid, info) = rayon::join(
        || read_open_data_grid(path, &bytes),
        || FileInfo::from_bytes(path, &bytes),
    );
    let grid = grid?;
    drop(bytes);
    Ok(read_grid_dataset(grid, info, options))
}

/// The names of the areas of `datasets` by code; where several name an area,
/// the first non-empty name wins.
pub fn area_names(datasets: &[Dataset]) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for d in datasets {
        for (code, name) in &d.area_names {
            if !name.is_empty() {
                names.entry(code.clone()).or_insert_with(|| name.clone());
            }
        }
    }
    names
}

/// Reads an already loaded grid (used by tests and benchmarks).
pub fn read_grid_dataset(grid: Grid, info: FileInfo, options: &ReadOptions) -> Dataset {
    let found = grid
        .sheets
        .iter()
        .find_map(|sheet| detect(sheet).map(|(kind, header)| (sheet, kind, header)));
    let mut dataset = match found {
        Some((sheet, SourceKind::CbsKwb, header)) => cbs_kwb::read(&grid, sheet, header, info),
        Some((sheet, SourceKind::RivmGezondheid, header)) => {
            rivm::read(&grid, sheet, header, info, &options.plausible)
        }
        Some((
            sheet,
            kind @ (SourceKind::VektisZvwGemeente | SourceKind::VektisZvwPostcode3),
            header,
        )) => vektis::read(&grid, sheet, header, kind, info, options),
        _ => {
            let mut dataset = Dataset::new(info, SourceKind::Unknown, grid.sheets.first());
            dataset.problems.push(Problem::error(
                crate::problem::Location::file(&grid.path),
                format!(
                    "not a recognised source: no sheet has the header of a CBS KWB file (recs, gwb_code_10), \
                     a RIVM StatLine table (WijkenEnBuurten, Perioden) or a Vektis Zvw file \
                     (geslacht, leeftijdsklasse, gemeentenaam/postcode_3); sheets: {}",
                    crate::ingest::grid::quoted_list(&grid.sheet_names())
                ),
            ));
            dataset
        }
    };
    dataset.encoding = grid.encoding.map(str::to_owned);
    if let Some(year) = options.year {
        if dataset.year.is_some_and(|y| y != year) {
            dataset.problems.push(Problem::warning(
                crate::problem::Location::file(&grid.path),
                format!(
                    "--year {year} overrides the year {} found in the file",
                    dataset.year.unwrap_or_default()
                ),
            ));
        }
        dataset.year = Some(year);
        dataset.year_origin = YearOrigin::Override;
    }
    // Freeing a large grid (hundreds of thousands of cells) takes tens of
    // milliseconds that nobody needs to wait for.
    if grid.sheets.iter().map(|s| s.rows.len()).sum::<usize>() > 10_000 {
        std::thread::spawn(move || drop(grid));
    }
    dataset
}

/// The year of a KWB or Vektis file from its file name, else its sheet name.
pub fn year_from_names(path: &Path, sheet: &str) -> (Option<i32>, YearOrigin) {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if let Some(year) = year_in_name(&file) {
        return (Some(year), YearOrigin::FileName);
    }
    if let Some(year) = year_in_name(sheet) {
        return (Some(year), YearOrigin::SheetName);
    }
    (None, YearOrigin::Unknown)
}

/// The level of a CBS area code: `NL00` → land, `GM0344` → gemeente, ...
pub fn level_of_code(code: &str) -> Option<&'static str> {
    let prefix = code.get(..2)?;
    match prefix.to_ascii_uppercase().as_str() {
        "NL" => Some("land"),
        "GM" => Some("gemeente"),
        "WK" => Some("wijk"),
        "BU" => Some("buurt"),
        _ => None,
    }
}

/// The municipality code of a GM/WK/BU code (`BU03440111` → `GM0344`).
pub fn gemeente_of_code(code: &str) -> Option<String> {
    let level = level_of_code(code)?;
    if level == "land" {
        return None;
    }
    let digits = code.get(2..6)?;
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| format!("GM{digits}"))
}

/// True when `code` has the shape of a CBS area code: GM + 4 digits, WK + 6,
/// BU + 8 (the municipality part digits; since 2023 some Amsterdam wijk and
/// buurt codes carry letters after it).
pub fn is_area_code(code: &str) -> bool {
    let Some(level) = level_of_code(code) else {
        return false;
    };
    let rest = &code[2..];
    let len = match level {
        "gemeente" => 4,
        "wijk" => 6,
        "buurt" => 8,
        _ => return rest.len() == 2,
    };
    rest.len() == len
        && rest[..4].bytes().all(|b| b.is_ascii_digit())
        && rest.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_names() {
        assert_eq!(year_in_name("kwb-2023-utrecht.xlsx"), Some(2023));
        assert_eq!(
            year_in_name("Vektis Open Databestand Zorgverzekeringswet 2023 - gemeente.csv"),
            Some(2023)
        );
        assert_eq!(year_in_name("50090NED-2020-18plus.xlsx"), Some(2020));
        assert_eq!(year_in_name("kwb_19.xlsx"), None);
        assert_eq!(year_in_name("12345"), None);
    }

    #[test]
    fn area_codes() {
        assert!(is_area_code("GM0344"));
        assert!(is_area_code("WK034401"));
        assert!(is_area_code("BU03440111"));
        assert!(is_area_code("WK0363AF"));
        assert!(!is_area_code("GM344"));
        assert!(!is_area_code("XX0344"));
        assert_eq!(gemeente_of_code("BU03440111").as_deref(), Some("GM0344"));
        assert_eq!(gemeente_of_code("NL00"), None);
    }
}
