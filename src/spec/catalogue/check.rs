//! Checking a catalogue file: the file types into the checked [`IndicatorCatalogue`],
//! collecting every problem with its key path and line.

use std::collections::HashMap;
use std::path::Path;

use super::file::{CatalogueFile, IndicatorFile, OneOrMany};
use super::{
    AGE_GROUPS, Derivation, Indicator, IndicatorCatalogue, ProfileSource, Standardisation, Theme,
    UNITS,
};
use crate::compute::costs::CostCategory;
use crate::ingest::catalog::Catalog;
use crate::spec::{Polarity, SpecError, SpecKind, SpecProblem, line_of};

/// Parses and checks the text of a catalogue file (see [`IndicatorCatalogue::parse`]).
pub(super) fn parse(text: &str, file: &Path) -> Result<IndicatorCatalogue, SpecError> {
    let parsed: CatalogueFile = toml::from_str(text).map_err(|error| {
        SpecError::one(SpecKind::Catalogue, SpecProblem::toml(file, text, &error))
    })?;
    let mut problems = Vec::new();
    if parsed.indicators.is_empty() {
        problems.push(SpecProblem::new(
            file,
            "indicators",
            None,
            "no [[indicators]] table: the catalogue declares no indicator",
        ));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut indicators = Vec::new();
    for spanned in parsed.indicators {
        let line = line_of(text, spanned.span().start);
        let entry = spanned.into_inner();
        let id = entry.id.trim().to_owned();
        let mut checker = Checker {
            file,
            problems: &mut problems,
            key: format!("indicators.{id}"),
            line,
        };
        if id.is_empty() {
            checker.problem("id", "is empty");
        } else if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            checker.problem(
                "id",
                format!("{id:?} must consist of a-z, 0-9 and _ (it is a column value)"),
            );
        } else if let Some(first) = seen.get(&id) {
            checker.problem("id", format!("is declared twice (first on line {first})"));
        } else {
            seen.insert(id.clone(), line);
        }
        if let Some(indicator) = check_indicator(&mut checker, id, entry) {
            indicators.push(indicator);
        }
    }
    let maps = check_maps(file, text, parsed.maps, &seen, &mut problems);
    if problems.is_empty() {
        Ok(IndicatorCatalogue {
            file: file.to_owned(),
            indicators,
            maps,
        })
    } else {
        Err(SpecError {
            kind: SpecKind::Catalogue,
            file: file.to_owned(),
            problems,
        })
    }
}

/// The indicators of the profile's maps: each an indicator of the catalogue,
/// each once. `declared` holds every id declared (also those whose table has
/// a problem of its own, so that the list adds no follow-on problem).
fn check_maps(
    file: &Path,
    text: &str,
    maps: Vec<toml::Spanned<String>>,
    declared: &HashMap<String, usize>,
    problems: &mut Vec<SpecProblem>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for spanned in maps {
        let line = line_of(text, spanned.span().start);
        let id = spanned.into_inner().trim().to_owned();
        let problem = if out.contains(&id) {
            Some(format!("{id:?} is listed twice"))
        } else if !declared.contains_key(&id) {
            Some(format!(
                "{id:?} is not an indicator of this catalogue (expected the id of one of its [[indicators]])"
            ))
        } else {
            None
        };
        match problem {
            Some(message) => problems.push(SpecProblem::new(file, "maps", Some(line), message)),
            None => out.push(id),
        }
    }
    out
}

fn choices(ids: impl IntoIterator<Item = &'static str>) -> String {
    ids.into_iter()
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks one indicator table, pushing its problems.
struct Checker<'p> {
    file: &'p Path,
    problems: &'p mut Vec<SpecProblem>,
    key: String,
    line: usize,
}

impl Checker<'_> {
    fn problem(&mut self, key: &str, message: impl Into<String>) {
        let key_path = if key.is_empty() {
            self.key.clone()
        } else {
            format!("{}.{key}", self.key)
        };
        self.problems.push(SpecProblem::new(
            self.file,
            key_path,
            Some(self.line),
            message,
        ));
    }

    fn required(&mut self, key: &str, value: Option<String>) -> String {
        match value {
            Some(v) if !v.trim().is_empty() => v.trim().to_owned(),
            Some(_) => {
                self.problem(key, "is empty");
                String::new()
            }
            None => {
                self.problem(key, "is missing");
                String::new()
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        key: &str,
        value: Option<String>,
        all: &[T],
        id: fn(T) -> &'static str,
    ) -> Option<T> {
        let value = value?;
        let found = all.iter().copied().find(|&v| id(v) == value.trim());
        if found.is_none() {
            self.problem(
                key,
                format!(
                    "unknown value {value:?}; expected one of {}",
                    choices(all.iter().map(|&v| id(v)))
                ),
            );
        }
        found
    }
}

/// The keys that say how an indicator is derived; each derivation uses some of them.
const DERIVATION_KEYS: [&str; 7] = [
    "column",
    "stem",
    "numerator",
    "denominator",
    "per",
    "cost_group",
    "standardisation",
];

fn check_indicator(c: &mut Checker<'_>, id: String, e: IndicatorFile) -> Option<Indicator> {
    let label_nl = c.required("label_nl", e.label_nl);
    let label_en = c.required("label_en", e.label_en);
    let unit = c.required("unit", e.unit);
    if !unit.is_empty() && !UNITS.contains(&unit.as_str()) {
        c.problem(
            "unit",
            format!("unknown unit {unit:?}; expected one of {}", choices(UNITS)),
        );
    }
    for (key, value) in [
        ("source", &e.source),
        ("polarity", &e.polarity),
        ("theme", &e.theme),
    ] {
        if value.is_none() {
            c.problem(key, "is missing");
        }
    }
    let source = c.choice("source", e.source, &ProfileSource::ALL, ProfileSource::id);
    let polarity = c.choice("polarity", e.polarity, &Polarity::ALL, Polarity::id);
    let theme = c.choice("theme", e.theme, &Theme::ALL, Theme::id);
    let age_group = e.age_group.map(|a| a.trim().to_owned());
    if let Some(age) = &age_group {
        if !AGE_GROUPS.contains(&age.as_str()) {
            c.problem(
                "age_group",
                format!(
                    "unknown age group {age:?}; expected one of {}",
                    choices(AGE_GROUPS)
                ),
            );
        } else if source.is_some_and(|s| s != ProfileSource::RivmGezondheid) {
            c.problem(
                "age_group",
                "only rivm-gezondheid indicators have age groups",
            );
        }
    }
    let derive = c.required("derive", e.derive);
    // Without a known source the derivation cannot be checked.
    let source = source?;

    // Which derivation keys this source × derive uses; the others must be absent.
    let used: &[&str] = match (derive.as_str(), source) {
        ("value", ProfileSource::CbsKwb) => &["column"],
        ("value", ProfileSource::RivmGezondheid) => &["stem"],
        ("ratio", ProfileSource::CbsKwb) => &["numerator", "denominator", "per"],
        ("cost_per_insured_year", ProfileSource::Vektis) => &["cost_group", "standardisation"],
        ("", _) => &DERIVATION_KEYS,
        (derive, source) => {
            let allowed = match source {
                ProfileSource::CbsKwb => "\"value\" or \"ratio\"",
                ProfileSource::RivmGezondheid => "\"value\"",
                ProfileSource::Vektis => "\"cost_per_insured_year\"",
            };
            c.problem(
                "derive",
                format!(
                    "{derive:?} is not possible for a {} indicator; expected {allowed}",
                    source.id()
                ),
            );
            &DERIVATION_KEYS
        }
    };
    let present = [
        e.column.is_some(),
        e.stem.is_some(),
        e.numerator.is_some(),
        e.denominator.is_some(),
        e.per.is_some(),
        e.cost_group.is_some(),
        e.standardisation.is_some(),
    ];
    for (key, present) in DERIVATION_KEYS.iter().zip(present) {
        if present && !used.contains(key) {
            c.problem(
                key,
                format!(
                    "is not used by a {} indicator with derive = {derive:?}; remove it",
                    source.id()
                ),
            );
        }
    }

    let catalog = Catalog::builtin();
    let derivation = match (derive.as_str(), source) {
        ("value", ProfileSource::CbsKwb) => {
            let column = c.required("column", e.column);
            match catalog.kwb_variable(&column) {
                _ if column.is_empty() => None,
                Some(variable) if variable.unit.is_identifier() => {
                    c.problem(
                        "column",
                        format!("{column:?} is an identification column, not a figure"),
                    );
                    None
                }
                Some(variable) => {
                    if !unit.is_empty() && variable.unit.id() != unit {
                        c.problem(
                            "unit",
                            format!(
                                "is {unit:?} but CBS publishes {column} in {:?}",
                                variable.unit.id()
                            ),
                        );
                    }
                    Some(Derivation::Value {
                        indicator: variable.code.to_ascii_lowercase(),
                    })
                }
                None => {
                    c.problem(
                        "column",
                        format!(
                            "{column:?} is not a CBS KWB column known to \
                             src/ingest/data/kwb_variables.csv"
                        ),
                    );
                    None
                }
            }
        }
        ("value", ProfileSource::RivmGezondheid) => {
            let stem = c.required("stem", e.stem);
            match catalog.rivm_indicator(&stem) {
                _ if stem.is_empty() => None,
                Some(rivm) => {
                    if !unit.is_empty() && rivm.unit.id() != unit {
                        c.problem(
                            "unit",
                            format!(
                                "is {unit:?} but RIVM publishes {stem} in {:?}",
                                rivm.unit.id()
                            ),
                        );
                    }
                    Some(Derivation::Value {
                        indicator: rivm.id.clone(),
                    })
                }
                None => {
                    c.problem(
                        "stem",
                        format!(
                            "{stem:?} is not a RIVM column stem known to \
                             src/ingest/data/rivm_indicators.csv"
                        ),
                    );
                    None
                }
            }
        }
        ("ratio", ProfileSource::CbsKwb) => {
            let numerator = e.numerator.map(OneOrMany::into_vec).unwrap_or_default();
            if numerator.is_empty() {
                c.problem(
                    "numerator",
                    "is missing: give one column or a list of columns to add up",
                );
            }
            let denominator = c.required("denominator", e.denominator);
            let per = match e.per {
                Some(per) if per.is_finite() && per > 0.0 => per,
                Some(per) => {
                    c.problem("per", format!("must be a positive number, found {per}"));
                    1.0
                }
                None => {
                    c.problem("per", "is missing: 100 for a percentage, 1000 per 1 000");
                    1.0
                }
            };
            let mut known = |key: &str, column: &str| -> Option<String> {
                match catalog.kwb_variable(column) {
                    Some(v) if !v.unit.is_identifier() => Some(v.code.to_ascii_lowercase()),
                    _ => {
                        c.problem(
                            key,
                            format!(
                                "{column:?} is not a CBS KWB figure known to \
                                 src/ingest/data/kwb_variables.csv"
                            ),
                        );
                        None
                    }
                }
            };
            let numerator: Option<Vec<String>> =
                numerator.iter().map(|n| known("numerator", n)).collect();
            let denominator = if denominator.is_empty() {
                None
            } else {
                known("denominator", &denominator)
            };
            match (numerator, denominator) {
                (Some(numerator), Some(denominator)) if !numerator.is_empty() => {
                    Some(Derivation::Ratio {
                        numerator,
                        denominator,
                        per,
                    })
                }
                _ => None,
            }
        }
        ("cost_per_insured_year", ProfileSource::Vektis) => {
            let group = c.required("cost_group", e.cost_group);
            let category = CostCategory::from_id(&group);
            if category.is_none() && !group.is_empty() {
                c.problem(
                    "cost_group",
                    format!(
                        "unknown cost group {group:?}; expected one of {}",
                        choices(CostCategory::ALL.map(CostCategory::id))
                    ),
                );
            }
            let standardisation = match e.standardisation {
                None => Some(Standardisation::DirectAgeSex),
                given => c.choice(
                    "standardisation",
                    given,
                    &[Standardisation::DirectAgeSex, Standardisation::None],
                    Standardisation::id,
                ),
            };
            if !unit.is_empty() && unit != "eur_per_insured_year" {
                c.problem(
                    "unit",
                    format!("is {unit:?}; costs per insured-year are \"eur_per_insured_year\""),
                );
            }
            category
                .zip(standardisation)
                .map(
                    |(category, standardisation)| Derivation::CostPerInsuredYear {
                        category,
                        standardisation,
                    },
                )
        }
        _ => None,
    };
    let (min, max) = (e.min, e.max);
    for (key, bound) in [("min", min), ("max", max)] {
        if bound.is_some_and(|b| !b.is_finite()) {
            c.problem(key, "must be a finite number");
        }
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo >= hi
    {
        c.problem(
            "max",
            format!(
                "the plausible range runs from low to high: max ({hi}) must be above min ({lo})"
            ),
        );
    }
    Some(Indicator {
        id,
        min,
        max,
        label_nl,
        label_en,
        source,
        derivation: derivation?,
        unit,
        polarity: polarity?,
        theme: Some(theme?),
        appendix: e.appendix,
        catalogued: true,
        age_group,
        note_nl: e.note_nl,
        note_en: e.note_en,
        key: e.key,
    })
}
