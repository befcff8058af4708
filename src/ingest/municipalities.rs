//! The register of Dutch municipalities (gemeenten) 1 January 2011–2025: CBS
//! codes, official CBS names per year, mergers and other publishers' spellings.
//!
//! Sources join on different keys: CBS and RIVM use codes such as `GM0344`
//! (RIVM also names), Vektis only an uppercase, ASCII-folded name
//! (`S GRAVENHAGE`, `BERGEN LB`, `NUENEN CA`). Municipalities merge almost
//! every year, so both codes and names are only meaningful with a year.
//!
//! Three tables are compiled into the program (`src/ingest/data/`):
//!
//! * `gemeenten.csv` — `code,name,first_year,last_year`: one row per code and
//!   official CBS name, with the years whose 1 January *gemeentelijke indeling*
//!   contains it (`last_year` empty: still exists). A renamed municipality
//!   that kept its code has a row per name (`Súdwest Fryslân` 2011–2012,
//!   `Súdwest-Fryslân` from 2013; `Hengelo` to 2024, `Hengelo (O.)` from 2025).
//!   Built from the CBS yearly lists as collected in the NLExtract project's
//!   `gemeentelijke-indeling.xml`, corrected against CBS's own list files;
//!   the number of municipalities per year matches CBS (418 in 2011 … 342 in
//!   2025).
//! * `gemeente_mergers.csv` — `year,old_code,old_name,new_code,new_name,share`:
//!   every merger, absorption, split and code change, one row per old
//!   municipality and receiving municipality. `year` is the first 1 January
//!   indeling without the old situation; a surviving code that gained territory
//!   has a row to itself. `share` is the part of the old municipality that went
//!   to the new one (1 when whole). For the five splits the shares are:
//!   Littenseradiel 2018, Winsum 2019 and Haaren 2021 by addresses (BAG,
//!   VNG/`grenswijzigen` conversion matrices); Maasdonk 2015 by population of
//!   its villages; Boarnsterhim 2014 approximate (±0.02) from population
//!   figures published at the time.
//! * `gemeente_aliases.csv` — `alias,code`: spellings of other publishers that
//!   folding alone cannot match (`BERGEN LB`, `NUENEN CA`, `Den Haag`, Dutch
//!   forms of Frisian names, the `(gemeente)` labels of `StatLine`, …).
//!
//! Three changes did not take effect on 1 January; the register follows the
//! 1 January indelingen: Rozenburg joined Rotterdam on 18 March 2010 (merger
//! year 2011), De Friese Meren (GM1921) became De Fryske Marren with the new
//! code GM1940 on 1 July 2015 (GM1921 valid 2014–2015, GM1940 from 2016) and
//! Weesp joined Amsterdam on 24 March 2022 (Weesp valid to 2022, merger year
//! 2023). Data published for 2015 often already uses GM1940; [`code_for_name`]
//! finds either name in either year, but [`is_valid`] keeps to 1 January.
//!
//! [`code_for_name`]: MunicipalityRegister::code_for_name
//! [`is_valid`]: MunicipalityRegister::is_valid

use std::collections::HashMap;
use std::sync::OnceLock;

/// One official name of a municipality code and the years it was in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePeriod {
    /// CBS code, `GM` and four digits.
    pub code: String,
    /// Official CBS name, e.g. `'s-Gravenhage`, `Bergen (NH.)`.
    pub name: String,
    /// First year whose 1 January indeling holds this code with this name.
    pub first_year: i32,
    /// Last such year; `None` while the municipality still exists.
    pub last_year: Option<i32>,
}

impl NamePeriod {
    /// Whether the code had this name on 1 January of `year`.
    pub fn contains(&self, year: i32) -> bool {
        self.first_year <= year && self.last_year.is_none_or(|last| year <= last)
    }

    /// Years between `year` and this period (0 inside it).
    fn distance(&self, year: i32) -> i32 {
        if year < self.first_year {
            self.first_year - year
        } else {
            self.last_year.map_or(0, |last| (year - last).max(0))
        }
    }
}

/// One row of the merger table: (part of) an old municipality that belongs
/// to `new_code` from 1 January of `year`.
#[derive(Debug, Clone, PartialEq)]
pub struct Merger {
    /// First year of the new situation (1 January indeling).
    pub year: i32,
    pub old_code: String,
    pub old_name: String,
    pub new_code: String,
    pub new_name: String,
    /// Part of the old municipality that went to `new_code` (1 when whole);
    /// `None` if unknown.
    pub share: Option<f64>,
}

/// A name key of the register: an official name or an alias of a code.
#[derive(Debug, Clone)]
struct NameEntry {
    code: String,
    /// Index into `periods` for an official name; `None` for an alias.
    period: Option<usize>,
}

/// Municipality codes, names and mergers by year. See the module
/// documentation for the sources and conventions.
#[derive(Debug, Default)]
pub struct MunicipalityRegister {
    periods: Vec<NamePeriod>,
    by_code: HashMap<String, Vec<usize>>,
    by_key: HashMap<String, Vec<NameEntry>>,
    mergers: Vec<Merger>,
    load_errors: Vec<String>,
}

/// The key by which names are compared, in the style of the Vektis files:
/// ASCII-folded (`deunicode`), uppercase, apostrophes and full stops removed,
/// every other run of non-alphanumeric characters (spaces, hyphens,
/// parentheses, commas, slashes) one space, trimmed.
///
/// So `'s-Gravenhage` and Vektis's `S GRAVENHAGE` both give `S GRAVENHAGE`,
/// `Bergen (NH.)` gives `BERGEN NH`, `Nuenen c.a.` gives `NUENEN CA`, and
/// `Súdwest-Fryslân`, `Súdwest Fryslân` and `SUDWEST-FRYSLAN` all give
/// `SUDWEST FRYSLAN` (hyphens become spaces, so that hyphenation variants meet).
pub fn fold_name(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut key = String::with_capacity(ascii.len());
    let mut gap = false;
    for ch in ascii.chars() {
        match ch {
            '\'' | '`' | '.' => {}
            c if c.is_ascii_alphanumeric() => {
                if gap && !key.is_empty() {
                    key.push(' ');
                }
                gap = false;
                key.push(c.to_ascii_uppercase());
            }
            _ => gap = true,
        }
    }
    key
}

/// A municipality code in the register's form `GM` + four digits, from
/// `GM0344`, `gm0344`, `0344`, `344` or a space-padded `'GM0344    '`.
pub fn normalize_code(code: &str) -> Option<String> {
    let code = code.trim();
    let digits = match (code.get(..2), code.get(2..)) {
        (Some(prefix), Some(rest)) if prefix.eq_ignore_ascii_case("GM") => rest,
        _ => code,
    };
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u16 = digits.parse().ok()?;
    Some(format!("GM{number:04}"))
}

/// Field `i` of a record, `""` if absent.
fn field(record: &csv::StringRecord, i: usize) -> &str {
    record.get(i).unwrap_or("")
}

fn parse_year(field: &str) -> Option<i32> {
    field.trim().parse().ok()
}

/// Rows of an embedded CSV table, with every malformed line reported in `errors`.
fn records(
    table: &str,
    text: &str,
    columns: &[&str],
    errors: &mut Vec<String>,
) -> Vec<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    match reader.headers() {
        Ok(header)
            if header.iter().zip(columns).all(|(h, c)| h.trim() == *c)
                && header.len() >= columns.len() => {}
        Ok(header) => {
            errors.push(format!(
                "{table}: header {:?}, expected {columns:?}",
                header.iter().collect::<Vec<_>>()
            ));
            return Vec::new();
        }
        Err(e) => {
            errors.push(format!("{table}: {e}"));
            return Vec::new();
        }
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) if r.len() >= columns.len() => rows.push(r),
            Ok(r) => errors.push(format!(
                "{table}, line {}: {} fields, expected {}",
                i + 2,
                r.len(),
                columns.len()
            )),
            Err(e) => errors.push(format!("{table}, line {}: {e}", i + 2)),
        }
    }
    rows
}

impl MunicipalityRegister {
    /// The register compiled into the program, parsed once.
    pub fn builtin() -> &'static MunicipalityRegister {
        static REGISTER: OnceLock<MunicipalityRegister> = OnceLock::new();
        REGISTER.get_or_init(|| {
            MunicipalityRegister::parse(
                include_str!("data/gemeenten.csv"),
                include_str!("data/gemeente_mergers.csv"),
                include_str!("data/gemeente_aliases.csv"),
            )
        })
    }

    /// The years whose 1 January division the register knows: from its
    /// first year to the last year any name began (later years repeat it).
    pub fn division_years(&self) -> std::ops::RangeInclusive<i32> {
        let first = self
            .periods
            .iter()
            .map(|p| p.first_year)
            .min()
            .unwrap_or(2011);
        let last = self
            .periods
            .iter()
            .flat_map(|p| [Some(p.first_year), p.last_year.map(|l| l + 1)])
            .flatten()
            .max()
            .unwrap_or(first);
        first..=last
    }

    /// A register from the text of the three tables. Never fails: malformed
    /// lines are skipped and listed in [`load_errors`](Self::load_errors).
    pub fn parse(
        gemeenten_csv: &str,
        mergers_csv: &str,
        aliases_csv: &str,
    ) -> MunicipalityRegister {
        let mut register = MunicipalityRegister::default();
        let mut errors = Vec::new();

        let columns = ["code", "name", "first_year", "last_year"];
        for (i, r) in records("gemeenten.csv", gemeenten_csv, &columns, &mut errors)
            .iter()
            .enumerate()
        {
            let line = i + 2;
            let code = normalize_code(field(r, 0));
            let name = field(r, 1).trim();
            let first_year = parse_year(field(r, 2));
            let last_year = if field(r, 3).trim().is_empty() {
                Ok(None)
            } else {
                parse_year(field(r, 3)).map(Some).ok_or(())
            };
            match (code, first_year, last_year) {
                (Some(code), Some(first_year), Ok(last_year)) if !name.is_empty() => {
                    if last_year.is_some_and(|last| last < first_year) {
                        errors.push(format!(
                            "gemeenten.csv, line {line}: last_year before first_year"
                        ));
                        continue;
                    }
                    register.periods.push(NamePeriod {
                        code,
                        name: name.to_owned(),
                        first_year,
                        last_year,
                    });
                }
                _ => errors.push(format!(
                    "gemeenten.csv, line {line}: cannot read {:?}",
                    r.iter().collect::<Vec<_>>()
                )),
            }
        }
        register
            .periods
            .sort_by(|a, b| (&a.code, a.first_year).cmp(&(&b.code, b.first_year)));
        for (i, p) in register.periods.iter().enumerate() {
            register.by_code.entry(p.code.clone()).or_default().push(i);
            register
                .by_key
                .entry(fold_name(&p.name))
                .or_default()
                .push(NameEntry {
                    code: p.code.clone(),
                    period: Some(i),
                });
        }

        let columns = ["year", "old_code", "old_name", "new_code", "new_name"];
        for (i, r) in records("gemeente_mergers.csv", mergers_csv, &columns, &mut errors)
            .iter()
            .enumerate()
        {
            let line = i + 2;
            let share_field = field(r, 5).trim();
            let share = if share_field.is_empty() {
                Ok(None)
            } else {
                share_field
                    .parse::<f64>()
                    .ok()
                    .filter(|s| (0.0..=1.0).contains(s))
                    .map(Some)
                    .ok_or(())
            };
            match (
                parse_year(field(r, 0)),
                normalize_code(field(r, 1)),
                normalize_code(field(r, 3)),
                share,
            ) {
                (Some(year), Some(old_code), Some(new_code), Ok(share)) => {
                    register.mergers.push(Merger {
                        year,
                        old_code,
                        old_name: field(r, 2).trim().to_owned(),
                        new_code,
                        new_name: field(r, 4).trim().to_owned(),
                        share,
                    });
                }
                _ => errors.push(format!(
                    "gemeente_mergers.csv, line {line}: cannot read {:?}",
                    r.iter().collect::<Vec<_>>()
                )),
            }
        }

        for (i, r) in records(
            "gemeente_aliases.csv",
            aliases_csv,
            &["alias", "code"],
            &mut errors,
        )
        .iter()
        .enumerate()
        {
            let key = fold_name(field(r, 0));
            match normalize_code(field(r, 1)) {
                Some(code) if !key.is_empty() && register.by_code.contains_key(&code) => register
                    .by_key
                    .entry(key)
                    .or_default()
                    .push(NameEntry { code, period: None }),
                _ => errors.push(format!(
                    "gemeente_aliases.csv, line {}: unknown code or empty alias",
                    i + 2
                )),
            }
        }
        register.load_errors = errors;
        register
    }

    /// Lines of the tables that could not be read (empty for the built-in register).
    pub fn load_errors(&self) -> &[String] {
        &self.load_errors
    }

    /// The name periods of a code, oldest first (empty if unknown).
    pub fn periods(&self, code: &str) -> Vec<&NamePeriod> {
        normalize_code(code)
            .and_then(|c| self.by_code.get(&c))
            .map(|ix| ix.iter().map(|&i| &self.periods[i]).collect())
            .unwrap_or_default()
    }

    /// All merger rows, in the order of the table (by year).
    pub fn mergers(&self) -> &[Merger] {
        &self.mergers
    }

    fn period_in(&self, code: &str, year: i32) -> Option<&NamePeriod> {
        let code = normalize_code(code)?;
        self.by_code
            .get(&code)?
            .iter()
            .map(|&i| &self.periods[i])
            .find(|p| p.contains(year))
    }

    /// Years from `year` to the nearest year the code existed (0 if it did);
    /// `None` for an unknown code.
    fn distance(&self, code: &str, year: i32) -> Option<i32> {
        self.by_code
            .get(code)?
            .iter()
            .map(|&i| self.periods[i].distance(year))
            .min()
    }

    /// The CBS code of a municipality name (official, any year, or an alias),
    /// compared by [`fold_name`]: `S GRAVENHAGE`, `'s-Gravenhage`,
    /// `BERGEN LB`, `Súdwest-Fryslân`.
    ///
    /// A name can belong to several codes over time (Menaldumadeel: GM0083 to
    /// 2010, GM1908 from 2011; De Fryske Marren: GM1921/GM1940). The choice:
    /// first a code whose official name this was on 1 January `year`; then any
    /// matching code valid in `year`; otherwise the matching code that existed
    /// nearest to `year` (a later one on a tie). The last case returns a code
    /// that is not valid in `year` — e.g. a 2018 file already using the 2019
    /// names (`HET HOGELAND` → GM1966) — so check [`is_valid`](Self::is_valid)
    /// or map with [`successor`](Self::successor) where that matters.
    pub fn code_for_name(&self, name: &str, year: i32) -> Option<&str> {
        let entries = self.by_key.get(&fold_name(name))?;
        if let Some(e) = entries
            .iter()
            .find(|e| e.period.is_some_and(|i| self.periods[i].contains(year)))
        {
            return Some(&e.code);
        }
        if let Some(e) = entries
            .iter()
            .find(|e| self.distance(&e.code, year) == Some(0))
        {
            return Some(&e.code);
        }
        entries
            .iter()
            .filter_map(|e| {
                let distance = self.distance(&e.code, year)?;
                let latest = self
                    .by_code
                    .get(&e.code)?
                    .iter()
                    .map(|&i| self.periods[i].first_year)
                    .max()?;
                Some((distance, std::cmp::Reverse(latest), e))
            })
            .min_by_key(|(distance, latest, e)| (*distance, *latest, e.period.is_none()))
            .map(|(_, _, e)| e.code.as_str())
    }

    /// The official CBS name of a code on 1 January `year`; `None` if the code
    /// did not exist then (or is unknown). Codes may be given as `GM0344`,
    /// `0344` or space-padded.
    pub fn name_for_code(&self, code: &str, year: i32) -> Option<&str> {
        self.period_in(code, year).map(|p| p.name.as_str())
    }

    /// Whether the code is in the 1 January indeling of `year`.
    pub fn is_valid(&self, code: &str, year: i32) -> bool {
        self.period_in(code, year).is_some()
    }

    /// The code of the municipality that holds the territory of `code` on
    /// 1 January `to_year`, following mergers forward from the code's own
    /// period: `successor("GM0788", 2021)` (Haaren) → Oisterwijk.
    ///
    /// The code itself if it is valid in `to_year`. For a split the part with
    /// the largest share is followed (Haaren → Oisterwijk, Boarnsterhim →
    /// Leeuwarden, Maasdonk → 's-Hertogenbosch); `None` if the shares of a
    /// split are unknown. Also `None` for an unknown code, and for a `to_year`
    /// before the code existed (the register does not map back to
    /// predecessors).
    pub fn successor(&self, code: &str, to_year: i32) -> Option<String> {
        let mut current = normalize_code(code)?;
        // Every step moves to a later year, so the chain is short; the bound
        // only guards against a cyclic table.
        for _ in 0..64 {
            let periods = self.by_code.get(&current)?;
            if periods.iter().any(|&i| self.periods[i].contains(to_year)) {
                return Some(current);
            }
            let first = periods.iter().map(|&i| self.periods[i].first_year).min()?;
            if to_year < first {
                return None;
            }
            // The code ended before `to_year`: the period that ended last
            // before `to_year` says when its territory moved.
            let ended = periods
                .iter()
                .filter_map(|&i| self.periods[i].last_year)
                .filter(|&last| last < to_year)
                .max()?;
            let moves: Vec<&Merger> = self
                .mergers
                .iter()
                .filter(|m| m.year == ended + 1 && m.old_code == current && m.new_code != current)
                .collect();
            let next = match moves.as_slice() {
                [] => return None,
                [only] => *only,
                several => {
                    let mut best: Option<(&Merger, f64)> = None;
                    for m in several {
                        let share = m.share?;
                        if best.is_none_or(|(_, s)| share > s) {
                            best = Some((m, share));
                        }
                    }
                    best?.0
                }
            };
            current.clone_from(&next.new_code);
        }
        None
    }

    /// The municipalities of the 1 January indeling of `year` as
    /// `(code, name)`, sorted by code.
    pub fn municipalities(&self, year: i32) -> Vec<(&str, &str)> {
        self.periods
            .iter()
            .filter(|p| p.contains(year))
            .map(|p| (p.code.as_str(), p.name.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeSet, HashSet};

    fn register() -> &'static MunicipalityRegister {
        MunicipalityRegister::builtin()
    }

    /// Number of municipalities on 1 January, as published by CBS.
    const COUNTS: [(i32, usize); 15] = [
        (2011, 418),
        (2012, 415),
        (2013, 408),
        (2014, 403),
        (2015, 393),
        (2016, 390),
        (2017, 388),
        (2018, 380),
        (2019, 355),
        (2020, 355),
        (2021, 352),
        (2022, 345),
        (2023, 342),
        (2024, 342),
        (2025, 342),
    ];

    #[test]
    fn builtin_tables_load_cleanly() {
        assert_eq!(register().load_errors(), &[] as &[String]);
        assert!(register().mergers().len() > 100);
    }

    #[test]
    fn counts_per_year_match_cbs() {
        for (year, count) in COUNTS {
            assert_eq!(register().municipalities(year).len(), count, "{year}");
        }
    }

    #[test]
    fn fold_name_meets_vektis() {
        assert_eq!(fold_name("'s-Gravenhage"), "S GRAVENHAGE");
        assert_eq!(fold_name("S GRAVENHAGE"), "S GRAVENHAGE");
        assert_eq!(fold_name("’s-Hertogenbosch"), "S HERTOGENBOSCH");
        assert_eq!(fold_name("Bergen (NH.)"), "BERGEN NH");
        assert_eq!(fold_name("Nuenen c.a."), "NUENEN CA");
        assert_eq!(fold_name("Súdwest-Fryslân"), fold_name("SUDWEST-FRYSLAN"));
        assert_eq!(fold_name("Súdwest Fryslân"), fold_name("SUDWEST-FRYSLAN"));
        assert_eq!(
            fold_name("Nuenen, Gerwen en Nederwetten"),
            "NUENEN GERWEN EN NEDERWETTEN"
        );
        assert_eq!(fold_name("  Capelle a/d  IJssel "), "CAPELLE A D IJSSEL");
        assert_eq!(fold_name(""), "");
        assert_eq!(fold_name("--"), "");
    }

    #[test]
    fn vektis_spellings() {
        let r = register();
        assert_eq!(r.code_for_name("S GRAVENHAGE", 2023), Some("GM0518"));
        assert_eq!(r.code_for_name("S HERTOGENBOSCH", 2018), Some("GM0796"));
        assert_eq!(r.code_for_name("BERGEN LB", 2018), Some("GM0893"));
        assert_eq!(r.code_for_name("BERGEN NH", 2023), Some("GM0373"));
        assert_eq!(r.code_for_name("NUENEN CA", 2023), Some("GM0820"));
        assert_eq!(r.code_for_name("SUDWEST-FRYSLAN", 2018), Some("GM1900"));
        assert_eq!(r.code_for_name("SUDWEST-FRYSLAN", 2012), Some("GM1900"));
        assert_eq!(r.code_for_name("NOARDEAST-FRYSLAN", 2023), Some("GM1970"));
        assert_eq!(r.code_for_name("AA EN HUNZE", 2018), Some("GM1680"));
        assert_eq!(r.code_for_name("Aa en Hunze", 2011), Some("GM1680"));
        assert_eq!(r.code_for_name("HENGELO", 2025), Some("GM0164"));
        assert_eq!(r.code_for_name("Hengelo (O.)", 2020), Some("GM0164"));
        assert_eq!(r.code_for_name("Den Haag", 2020), Some("GM0518"));
        assert_eq!(r.code_for_name("NIEMANDSLAND", 2020), None);
        assert_eq!(r.code_for_name("", 2020), None);
    }

    #[test]
    fn merged_municipality_and_its_successor() {
        let r = register();
        let haaren = r.code_for_name("HAAREN", 2018);
        assert_eq!(haaren, Some("GM0788"));
        assert!(r.is_valid("GM0788", 2020));
        assert!(!r.is_valid("GM0788", 2021));
        // Split over four municipalities; Oisterwijk received the largest part.
        assert_eq!(r.successor("GM0788", 2021).as_deref(), Some("GM0824"));
        assert_eq!(r.successor("GM0788", 2025).as_deref(), Some("GM0824"));
        assert_eq!(r.successor("GM0788", 2019).as_deref(), Some("GM0788"));
        // Bedum → Het Hogeland; Appingedam → Eemsdelta; Weesp (to 24 March 2022) → Amsterdam.
        assert_eq!(r.successor("GM0005", 2019).as_deref(), Some("GM1966"));
        assert_eq!(r.successor("GM0003", 2023).as_deref(), Some("GM1979"));
        assert_eq!(r.successor("GM0457", 2022).as_deref(), Some("GM0457"));
        assert_eq!(r.successor("GM0457", 2023).as_deref(), Some("GM0363"));
        // Chains: Menaldumadeel → Menameradiel (2011) → Waadhoeke (2018);
        // Millingen aan de Rijn → Groesbeek (2015) → Berg en Dal (2016).
        assert_eq!(r.successor("GM0083", 2025).as_deref(), Some("GM1949"));
        assert_eq!(r.successor("GM0265", 2016).as_deref(), Some("GM1945"));
        assert_eq!(r.successor("GM0265", 2015).as_deref(), Some("GM0241"));
        assert_eq!(r.successor("GM0055", 2025).as_deref(), Some("GM0080")); // Boarnsterhim
        assert_eq!(r.successor("GM1921", 2016).as_deref(), Some("GM1940"));
        assert_eq!(r.successor("0344", 2025).as_deref(), Some("GM0344"));
        assert_eq!(r.successor("GM1966", 2018), None); // not yet in existence
        assert_eq!(r.successor("GM9999", 2020), None);
    }

    #[test]
    fn names_per_year() {
        let r = register();
        assert_eq!(r.name_for_code("GM1900", 2012), Some("Súdwest Fryslân"));
        assert_eq!(r.name_for_code("GM1900", 2013), Some("Súdwest-Fryslân"));
        assert_eq!(r.name_for_code("GM0164", 2024), Some("Hengelo"));
        assert_eq!(r.name_for_code("GM0164", 2025), Some("Hengelo (O.)"));
        assert_eq!(r.name_for_code("GM0080", 2011), Some("Leeuwarden"));
        assert_eq!(r.name_for_code("GM0080", 2025), Some("Leeuwarden"));
        assert_eq!(r.name_for_code("GM0828    ", 2020), Some("Oss"));
        assert_eq!(r.name_for_code("gm0518", 2020), Some("'s-Gravenhage"));
        assert_eq!(r.name_for_code("GM0788", 2021), None);
        assert_eq!(r.name_for_code("rubbish", 2021), None);
        assert_eq!(r.periods("GM0164").len(), 2);
    }

    #[test]
    fn names_held_by_more_than_one_code_follow_the_year() {
        let r = register();
        assert_eq!(r.code_for_name("MENALDUMADEEL", 2010), Some("GM0083"));
        assert_eq!(r.code_for_name("MENALDUMADEEL", 2012), Some("GM1908"));
        assert_eq!(r.code_for_name("DE FRYSKE MARREN", 2015), Some("GM1921"));
        assert_eq!(r.code_for_name("DE FRYSKE MARREN", 2016), Some("GM1940"));
        assert_eq!(r.code_for_name("De Friese Meren", 2014), Some("GM1921"));
        assert_eq!(r.code_for_name("GROESBEEK", 2015), Some("GM0241"));
        assert_eq!(r.code_for_name("GROESBEEK", 2016), Some("GM1945"));
        // A 2018 file with the 2019 names: the nearest code, not valid in 2018.
        assert_eq!(r.code_for_name("HET HOGELAND", 2018), Some("GM1966"));
        assert!(!r.is_valid("GM1966", 2018));
        // A name from before a merger, asked for a later year.
        assert_eq!(r.code_for_name("LOPPERSUM", 2023), Some("GM0024"));
    }

    #[test]
    fn validity_on_first_of_january() {
        let r = register();
        assert!(r.is_valid("GM0457", 2022) && !r.is_valid("GM0457", 2023));
        assert!(r.is_valid("GM1921", 2015) && !r.is_valid("GM1921", 2016));
        assert!(!r.is_valid("GM1940", 2015) && r.is_valid("GM1940", 2016));
        assert!(r.is_valid("GM0600", 2010) && !r.is_valid("GM0600", 2011));
        assert!(r.is_valid("GM0344", 2011) && r.is_valid("GM0344", 2030));
        assert!(!r.is_valid("", 2020));
    }

    #[test]
    fn no_name_key_is_shared_within_a_year() {
        let r = register();
        for year in 2010..=2025 {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for (code, name) in r.municipalities(year) {
                if let Some(other) = seen.insert(fold_name(name), code) {
                    panic!("{year}: {name:?} folds like the name of {other}");
                }
            }
            for (key, entries) in &r.by_key {
                let valid: BTreeSet<&str> = entries
                    .iter()
                    .filter(|e| r.is_valid(&e.code, year))
                    .map(|e| e.code.as_str())
                    .collect();
                assert!(valid.len() <= 1, "{year}: {key:?} → {valid:?}");
            }
        }
    }

    #[test]
    fn merger_table_is_consistent() {
        let r = register();
        let mut shares: HashMap<(i32, &str), f64> = HashMap::new();
        for m in r.mergers() {
            assert!(r.is_valid(&m.old_code, m.year - 1), "{m:?}");
            assert!(r.is_valid(&m.new_code, m.year), "{m:?}");
            assert_eq!(
                r.name_for_code(&m.old_code, m.year - 1),
                Some(m.old_name.as_str()),
                "{m:?}"
            );
            assert_eq!(
                r.name_for_code(&m.new_code, m.year),
                Some(m.new_name.as_str()),
                "{m:?}"
            );
            *shares.entry((m.year, &m.old_code)).or_default() += m.share.unwrap_or(f64::NAN);
        }
        for ((year, code), total) in shares {
            assert!(
                (total - 1.0).abs() < 1e-9,
                "{year} {code}: shares add up to {total}"
            );
        }
        // Every code that disappears has somewhere to go.
        for year in 2011..=2025 {
            let now: HashSet<&str> = r.municipalities(year).into_iter().map(|(c, _)| c).collect();
            for (code, _) in r.municipalities(year - 1) {
                if !now.contains(code) {
                    assert!(
                        r.mergers()
                            .iter()
                            .any(|m| m.year == year && m.old_code == code),
                        "{code} disappears in {year} without a merger"
                    );
                    assert!(
                        r.successor(code, year)
                            .is_some_and(|s| now.contains(s.as_str()))
                    );
                }
            }
        }
    }

    #[test]
    fn every_municipality_of_2025_is_found_by_its_folded_name() {
        let r = register();
        for year in [2011, 2019, 2025] {
            for (code, name) in r.municipalities(year) {
                assert_eq!(
                    r.code_for_name(&fold_name(name), year),
                    Some(code),
                    "{name}"
                );
                assert_eq!(
                    r.code_for_name(&name.to_uppercase(), year),
                    Some(code),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn codes_are_normalised() {
        assert_eq!(normalize_code("GM0344").as_deref(), Some("GM0344"));
        assert_eq!(normalize_code(" gm344 ").as_deref(), Some("GM0344"));
        assert_eq!(normalize_code("14").as_deref(), Some("GM0014"));
        assert_eq!(normalize_code("GM12345"), None);
        assert_eq!(normalize_code("WK034401"), None);
        assert_eq!(normalize_code("GM"), None);
        assert_eq!(normalize_code("GMé1"), None);
        assert_eq!(normalize_code("é"), None);
    }

    #[test]
    fn malformed_tables_are_reported_not_fatal() {
        let r = MunicipalityRegister::parse(
            concat!(
                "code,name,first_year,last_year\n",
                "GM0001,Ergens,2000,\n",
                "xx,Nergens,2000,\n",
                "GM0002,Later,2010,2001\n",
                "GM0003\n",
            ),
            "year,old_code,old_name,new_code,new_name,share\n2001,GM0001,Ergens,GM0002,Later,2\n",
            "wrong,header\nA,GM0001\n",
        );
        assert_eq!(r.municipalities(2005), vec![("GM0001", "Ergens")]);
        assert_eq!(r.load_errors().len(), 5, "{:?}", r.load_errors());
        assert_eq!(
            MunicipalityRegister::parse("", "", "").load_errors().len(),
            3
        );
    }
}
