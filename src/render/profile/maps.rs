//! The maps of the profile report: where the area lies in its municipality
//! (a locator of the municipality's wijken, or for a municipality the
//! country), and small choropleths of the catalogue's map indicators
//! (`maps = [...]` in the indicator catalogue) across the municipality's
//! areas in national quintile classes, with one legend, one source line and
//! an alt text per map.
//!
//! Areas are matched by CBS code. The boundary layer of each level is the
//! one whose codes match the data best (`geo::BoundarySet::layer`); a code
//! of the data that the layer lacks is listed in "Wat ontbreekt" and never
//! drawn. Buurten are drawn only from a user's boundaries; without them a
//! buurt's maps are those of its municipality's wijken with its wijk marked.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::compute::profile::{self as profile, ProfileData, ProfileRow};
use crate::geo::map::{self, ChoroplethFacts, Legend, LocatorFacts, MapOptions};
use crate::geo::{self, Area, BoundarySet, Layer};
use crate::i18n::Messages;
use crate::msg;
use crate::render::profile::labels::level_words;
use crate::render::profile::text::is_nl;
use crate::spec::catalogue::IndicatorCatalogue;

/// The maps section of one profile (`data.maps` of `profiel.typ`).
#[derive(Serialize)]
pub struct MapsBlock {
    pub heading: String,
    /// Where the area lies; `None` when its code is not in the boundaries.
    pub locator: Option<MapImage>,
    /// One small map per map indicator with values in the municipality.
    pub choropleths: Vec<MapImage>,
    /// The classes of the choropleths, once for all of them.
    pub legend: Option<MapImage>,
    /// The boundaries used and their required attribution, once.
    pub source: String,
}

/// One map: a title above it, the SVG, and what it shows in words.
#[derive(Serialize)]
pub struct MapImage {
    pub title: String,
    pub svg: String,
    pub alt: String,
}

/// Width of the locator and of one small map, in points.
const LOCATOR_WIDTH: f64 = 220.0;
const SMALL_WIDTH: f64 = 112.0;

/// One indicator of the catalogue's `maps` list.
struct MapIndicator {
    id: String,
    label: String,
}

/// The classes of the map indicators for the areas of one level.
#[derive(Default)]
struct LevelClasses {
    /// Per area code: the national quintile of each map indicator.
    classes: HashMap<String, Vec<Option<u8>>>,
    /// The data's area codes per municipality, in the data's order.
    by_gemeente: BTreeMap<String, Vec<String>>,
    /// Per map indicator: the period of the series drawn.
    periods: Vec<Option<i32>>,
}

/// Everything the maps of one run share: the chosen layers and the classes.
pub struct MapContext<'a> {
    messages: &'a Messages,
    set: &'a BoundarySet,
    indicators: Vec<MapIndicator>,
    levels: HashMap<geo::Level, LevelClasses>,
    /// Whether an input covers only part of the country: its quintiles are
    /// then among its own areas, and the maps' words must not say "of the
    /// Netherlands".
    regional: bool,
}

/// The geo level of a profile level (`None` for the country).
fn geo_level(level: profile::Level) -> Option<geo::Level> {
    match level {
        profile::Level::Land => None,
        profile::Level::Gemeente => Some(geo::Level::Gemeente),
        profile::Level::Wijk => Some(geo::Level::Wijk),
        profile::Level::Buurt => Some(geo::Level::Buurt),
    }
}

fn profile_level(level: geo::Level) -> profile::Level {
    match level {
        geo::Level::Gemeente => profile::Level::Gemeente,
        geo::Level::Wijk => profile::Level::Wijk,
        geo::Level::Buurt => profile::Level::Buurt,
    }
}

/// The order of an age group: 18+ (or none) first, as the profile's lines.
fn age_order(age: Option<&str>) -> u8 {
    match age {
        None | Some("18+") => 0,
        Some("18-64") => 1,
        Some("65+") => 2,
        Some(_) => 3,
    }
}

impl<'a> MapContext<'a> {
    /// Prepares the maps of profiles of areas of `levels` in the
    /// municipalities `gemeenten`: the classes of the map indicators at
    /// every level a map of such a profile draws, for those municipalities'
    /// areas only (the quintiles are national all the same).
    pub fn new(
        messages: &'a Messages,
        set: &'a BoundarySet,
        catalogue: &IndicatorCatalogue,
        data: &ProfileData,
        levels: &[profile::Level],
        gemeenten: &[&str],
    ) -> MapContext<'a> {
        let nl = is_nl(messages);
        let indicators: Vec<MapIndicator> = catalogue
            .maps
            .iter()
            .filter_map(|id| catalogue.indicator(id))
            .map(|i| MapIndicator {
                id: i.id.clone(),
                label: if nl {
                    i.label_nl.clone()
                } else {
                    i.label_en.clone()
                },
            })
            .collect();
        let mut drawn: Vec<geo::Level> = Vec::new();
        let has_buurten = !set.layers(geo::Level::Buurt).is_empty();
        for level in levels {
            let wanted: &[geo::Level] = match level {
                profile::Level::Land => &[],
                profile::Level::Gemeente => &[geo::Level::Gemeente, geo::Level::Wijk],
                profile::Level::Wijk => &[geo::Level::Wijk],
                profile::Level::Buurt if has_buurten => &[geo::Level::Wijk, geo::Level::Buurt],
                profile::Level::Buurt => &[geo::Level::Wijk],
            };
            for l in wanted {
                if !drawn.contains(l) {
                    drawn.push(*l);
                }
            }
        }
        let levels = drawn
            .into_iter()
            .map(|l| (l, classes(data, profile_level(l), gemeenten, &indicators)))
            .collect();
        MapContext {
            messages,
            set,
            indicators,
            levels,
            regional: !data.regional_files().is_empty(),
        }
    }

    /// The layer of a level chosen by the data's codes of that level.
    fn layer(&self, level: geo::Level) -> Option<Layer<'a>> {
        let classes = self.levels.get(&level)?;
        self.set
            .layer(level, classes.classes.keys().map(String::as_str))
    }

    /// The name of a layer in the report ([`layer_name`]).
    fn layer_name(&self, layer: &Layer) -> String {
        layer_name(self.messages, layer)
    }

    /// The maps of the profile of `code` (of `level`, in `gemeente`), and
    /// the lines for "Wat ontbreekt" (codes not in the boundaries, buurten
    /// drawn as their wijk). `None` when nothing can be drawn.
    pub fn block(
        &self,
        code: &str,
        name: &str,
        level: profile::Level,
        gemeente: &str,
        gemeente_name: &str,
    ) -> (Option<MapsBlock>, Vec<String>) {
        let m = self.messages;
        let mut missing = Vec::new();
        let Some(level) = geo_level(level) else {
            return (None, missing);
        };
        // The level of the small maps, and the area marked on them.
        let buurt_layer = (level == geo::Level::Buurt)
            .then(|| self.layer(geo::Level::Buurt))
            .flatten()
            .filter(|l| !l.in_gemeente(gemeente).is_empty());
        let (map_level, marked) = match level {
            geo::Level::Gemeente => (geo::Level::Wijk, None),
            geo::Level::Wijk => (geo::Level::Wijk, Some(code.to_owned())),
            geo::Level::Buurt if buurt_layer.is_some() => {
                (geo::Level::Buurt, Some(code.to_owned()))
            }
            geo::Level::Buurt => {
                missing.push(msg!(
                    m,
                    "profile-missing-map-buurten",
                    gemeente = gemeente_name
                ));
                (
                    geo::Level::Wijk,
                    Some(format!("WK{}", code.get(2..8).unwrap_or(""))),
                )
            }
        };
        let mut layers_used: Vec<Layer> = Vec::new();

        // Where the area lies.
        let locator = match level {
            geo::Level::Gemeente => {
                self.country(code, gemeente_name, &mut missing, &mut layers_used)
            }
            _ => self.locator(
                (code, name),
                marked.as_deref().unwrap_or(code),
                buurt_layer,
                gemeente,
                gemeente_name,
                &mut missing,
                &mut layers_used,
            ),
        };

        // The small maps.
        let (choropleths, legend) = match self.layer(map_level) {
            Some(layer) => {
                let maps = self.choropleths(
                    &layer,
                    marked.as_deref(),
                    gemeente,
                    gemeente_name,
                    &mut missing,
                );
                if !maps.is_empty() && !layers_used.iter().any(|l| same(l, &layer)) {
                    layers_used.push(layer);
                }
                let legend = (!maps.is_empty()).then(|| self.legend(map_level));
                (maps, legend)
            }
            None => (Vec::new(), None),
        };
        if locator.is_none() && choropleths.is_empty() {
            return (None, missing);
        }
        let names: Vec<String> = layers_used.iter().map(|l| self.layer_name(l)).collect();
        let year = layers_used.iter().filter_map(|l| l.year).max();
        let source = msg!(
            m,
            "profile-maps-source",
            layers = names.join(", "),
            attribution = geo::attribution(year)
        );
        (
            Some(MapsBlock {
                heading: m.get("profile-maps-heading"),
                locator,
                choropleths,
                legend,
                source,
            }),
            missing,
        )
    }

    /// The country's municipalities with `code` marked.
    fn country(
        &self,
        code: &str,
        name: &str,
        missing: &mut Vec<String>,
        used: &mut Vec<Layer<'a>>,
    ) -> Option<MapImage> {
        let m = self.messages;
        let layer = self.layer(geo::Level::Gemeente)?;
        let Some(area) = layer.get(code) else {
            missing.push(msg!(
                m,
                "profile-missing-map-area",
                code = code,
                layer = self.layer_name(&layer)
            ));
            return None;
        };
        let base = layer.areas();
        let options = MapOptions {
            width: LOCATOR_WIDTH * 0.8,
            max_height: 170.0,
            attribution: false,
            id_prefix: "c",
            min_step: 0.8,
            ..Default::default()
        };
        let drawn = map::country(&base, &[area], &[], &options, |facts| {
            msg!(
                m,
                "profile-maps-country-alt",
                count = facts.areas,
                area = name
            )
        });
        used.push(layer);
        Some(MapImage {
            title: m.get("profile-maps-locator-title"),
            svg: drawn.svg,
            alt: drawn.alt,
        })
    }

    /// The municipality's wijken with the area (or a buurt's wijk) marked;
    /// with a user's buurt boundaries the buurt is drawn inside its wijk.
    #[allow(clippy::too_many_arguments)]
    fn locator(
        &self,
        (code, name): (&str, &str),
        marked: &str,
        buurt_layer: Option<Layer<'a>>,
        gemeente: &str,
        gemeente_name: &str,
        missing: &mut Vec<String>,
        used: &mut Vec<Layer<'a>>,
    ) -> Option<MapImage> {
        let m = self.messages;
        let layer = self.layer(geo::Level::Wijk)?;
        let wijken = layer.in_gemeente(gemeente);
        if wijken.is_empty() {
            missing.push(msg!(
                m,
                "profile-missing-map-gemeente",
                gemeente = gemeente_name,
                layer = self.layer_name(&layer)
            ));
            return None;
        }
        // A buurt of a user's file: drawn on top of its wijk. A buurt the
        // file lacks: its wijk is marked instead, and the report says so.
        let buurt = buurt_layer.and_then(|l| l.get(code).map(|a| (l, a)));
        let wijk_of_buurt;
        let marked = match (buurt_layer, buurt) {
            (Some(l), None) => {
                missing.push(msg!(
                    m,
                    "profile-missing-map-area",
                    code = code,
                    layer = self.layer_name(&l)
                ));
                wijk_of_buurt = format!("WK{}", code.get(2..8).unwrap_or(""));
                wijk_of_buurt.as_str()
            }
            _ => marked,
        };
        let (areas, highlight): (Vec<&Area>, Vec<&str>) = match buurt {
            Some((_, area)) => {
                let mut areas = wijken.clone();
                areas.push(area);
                (areas, vec![code])
            }
            None => (wijken.clone(), vec![marked]),
        };
        if !wijken.iter().any(|a| a.code == marked) && buurt.is_none() {
            missing.push(msg!(
                m,
                "profile-missing-map-area",
                code = marked,
                layer = self.layer_name(&layer)
            ));
            return None;
        }
        let options = MapOptions {
            width: LOCATOR_WIDTH,
            max_height: 210.0,
            attribution: false,
            id_prefix: "l",
            ..Default::default()
        };
        let levels = level_words(m, profile::Level::Wijk).plural;
        let drawn = map::locator(&areas, &highlight, &options, |facts: &LocatorFacts| {
            let marked_name = facts.highlighted.join(", ");
            match buurt {
                Some(_) => msg!(
                    m,
                    "profile-maps-locator-alt-buurt",
                    count = wijken.len(),
                    levels = levels.as_str(),
                    gemeente = gemeente_name,
                    area = marked_name.as_str()
                ),
                // A buurt drawn as its wijk: the words say which is which.
                None if marked != code => msg!(
                    m,
                    "profile-maps-locator-alt-wijk",
                    count = facts.areas,
                    levels = levels.as_str(),
                    gemeente = gemeente_name,
                    area = marked_name.as_str(),
                    buurt = name
                ),
                None => msg!(
                    m,
                    "profile-maps-locator-alt",
                    count = facts.areas,
                    levels = levels.as_str(),
                    gemeente = gemeente_name,
                    area = marked_name.as_str()
                ),
            }
        });
        used.push(layer);
        if let Some((l, _)) = buurt {
            used.push(l);
        }
        Some(MapImage {
            title: m.get("profile-maps-locator-title"),
            svg: drawn.svg,
            alt: drawn.alt,
        })
    }

    /// The small maps of the map indicators across the municipality's areas
    /// of the layer's level.
    fn choropleths(
        &self,
        layer: &Layer<'a>,
        marked: Option<&str>,
        gemeente: &str,
        gemeente_name: &str,
        missing: &mut Vec<String>,
    ) -> Vec<MapImage> {
        let m = self.messages;
        let Some(classes) = self.levels.get(&layer.level) else {
            return Vec::new();
        };
        let areas = layer.in_gemeente(gemeente);
        if areas.is_empty() {
            return Vec::new();
        }
        let codes: &[String] = classes.by_gemeente.get(gemeente).map_or(&[], Vec::as_slice);
        let (_, absent) = layer.boundaries.split(codes.iter().map(String::as_str));
        let absent: Vec<String> = absent
            .into_iter()
            .filter(|c| Some(c.as_str()) != marked)
            .collect();
        if !absent.is_empty() {
            // A whole division of another year would fill the page: the
            // first codes and the count of the others.
            const LISTED: usize = 12;
            let mut codes = absent
                .iter()
                .take(LISTED)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if absent.len() > LISTED {
                codes.push_str(&msg!(
                    m,
                    "profile-missing-map-more",
                    count = absent.len() - LISTED
                ));
            }
            missing.push(msg!(
                m,
                "profile-missing-map-areas",
                codes = codes,
                layer = self.layer_name(layer)
            ));
        }
        let levels = level_words(m, profile_level(layer.level)).plural;
        let highlight: Vec<&str> = marked.into_iter().collect();
        let mut out = Vec::new();
        for (k, indicator) in self.indicators.iter().enumerate() {
            let values: Vec<(&str, Option<u8>)> = codes
                .iter()
                .map(|c| {
                    let class = classes.classes.get(c).and_then(|v| v[k]);
                    (c.as_str(), class)
                })
                .collect();
            if values.iter().all(|(_, v)| v.is_none()) {
                continue;
            }
            let options = MapOptions {
                width: SMALL_WIDTH,
                max_height: 130.0,
                attribution: false,
                id_prefix: &format!("k{k}"),
                min_step: 0.6,
                ..Default::default()
            };
            let drawn = map::choropleth(
                &areas,
                &values,
                &highlight,
                None,
                &options,
                |facts: &ChoroplethFacts| {
                    choropleth_alt(
                        m,
                        facts,
                        &indicator.label,
                        &levels,
                        gemeente_name,
                        self.regional,
                    )
                },
            );
            let title = match classes.periods[k] {
                Some(year) => msg!(
                    m,
                    "profile-maps-title",
                    indicator = indicator.label.as_str(),
                    year = year.to_string()
                ),
                None => indicator.label.clone(),
            };
            out.push(MapImage {
                title,
                svg: drawn.svg,
                alt: drawn.alt,
            });
        }
        out
    }

    /// The one legend of the small maps.
    fn legend(&self, level: geo::Level) -> MapImage {
        let m = self.messages;
        let labels: Vec<String> = (1..=5)
            .map(|c| m.get(&format!("profile-maps-class-{c}")))
            .collect();
        let no_value = m.get("profile-maps-no-value");
        let legend = Legend {
            classes: [&labels[0], &labels[1], &labels[2], &labels[3], &labels[4]],
            no_value: &no_value,
        };
        let levels = level_words(m, profile_level(level)).plural;
        MapImage {
            title: msg!(
                m,
                if self.regional {
                    "profile-maps-legend-title-regional"
                } else {
                    "profile-maps-legend-title"
                },
                levels = levels.as_str()
            ),
            svg: map::legend(&legend, 90.0, "g"),
            alt: m.get("profile-maps-legend-alt"),
        }
    }
}

/// Whether two layers are the same boundaries at the same level.
fn same(a: &Layer, b: &Layer) -> bool {
    std::ptr::eq(a.boundaries, b.boundaries) && a.level == b.level
}

/// The alt text of a small map: what is coloured by what, the marked
/// area's class, the areas of the highest class, those without a value.
fn choropleth_alt(
    m: &Messages,
    facts: &ChoroplethFacts,
    indicator: &str,
    levels: &str,
    gemeente: &str,
    regional: bool,
) -> String {
    let mut parts = vec![msg!(
        m,
        if regional {
            "profile-maps-choropleth-alt-regional"
        } else {
            "profile-maps-choropleth-alt"
        },
        count = facts.areas,
        levels = levels,
        gemeente = gemeente,
        indicator = indicator
    )];
    for (name, class) in &facts.highlighted {
        parts.push(match class {
            Some(c) => msg!(
                m,
                "profile-maps-alt-area-class",
                area = *name,
                class = u32::from(*c)
            ),
            None => msg!(m, "profile-maps-alt-area-none", area = *name),
        });
    }
    if let Some(class) = (0..5).rev().find(|&c| facts.per_class[c] > 0) {
        const SHOWN: usize = 6;
        let mut names: Vec<&str> = facts.highest.iter().copied().take(SHOWN).collect();
        let more = facts.highest.len().saturating_sub(SHOWN);
        let more_text;
        if more > 0 {
            more_text = msg!(m, "profile-maps-alt-more", count = more);
            names.push(&more_text);
        }
        parts.push(msg!(
            m,
            "profile-maps-alt-highest",
            class = class as u32 + 1,
            names = names.join(", ")
        ));
    }
    if facts.no_value > 0 {
        parts.push(msg!(m, "profile-maps-alt-no-value", count = facts.no_value));
    }
    parts.join(" ")
}

/// The national quintile of each map indicator for every area of `level`:
/// the series of the profile's line (18+ or no age group first, latest
/// period), the quintile of `profile.csv` where it has one, otherwise the
/// same rule over the values of all areas of the level (series with an
/// interval have no quintile in the table).
fn classes(
    data: &ProfileData,
    level: profile::Level,
    gemeenten: &[&str],
    indicators: &[MapIndicator],
) -> LevelClasses {
    let mut out = LevelClasses {
        periods: vec![None; indicators.len()],
        ..Default::default()
    };
    if indicators.is_empty() {
        return out;
    }
    let codes: Vec<String> = data
        .area_codes(level, Some(gemeenten))
        .iter()
        .map(|c| c.to_string())
        .collect();
    if codes.is_empty() {
        return out;
    }
    // Rows of those areas only; quintiles and ranks stay national.
    let rows = data
        .select(&profile::AreaSelection::Areas(codes))
        .unwrap_or_default();
    // The data's areas per municipality (every area with a row).
    for row in &rows {
        let code = row.area_code.to_string();
        if out.classes.contains_key(&code) {
            continue;
        }
        out.classes
            .insert(code.clone(), vec![None; indicators.len()]);
        if let Some(g) = row.gemeente_code.as_deref() {
            out.by_gemeente.entry(g.to_owned()).or_default().push(code);
        }
    }
    for (k, indicator) in indicators.iter().enumerate() {
        let of: Vec<&ProfileRow> = rows
            .iter()
            .filter(|r| *r.indicator == *indicator.id)
            .collect();
        // The series: the first age group, then the latest period.
        let Some(series) = of
            .iter()
            .map(|r| {
                (
                    age_order(r.age_group.as_deref()),
                    std::cmp::Reverse(r.period),
                )
            })
            .min()
        else {
            continue;
        };
        let in_series: Vec<&&ProfileRow> = of
            .iter()
            .filter(|r| {
                (
                    age_order(r.age_group.as_deref()),
                    std::cmp::Reverse(r.period),
                ) == series
            })
            .collect();
        out.periods[k] = series.1.0;
        let mut values: Vec<f64> = in_series.iter().filter_map(|r| r.value).collect();
        values.sort_by(f64::total_cmp);
        for r in in_series {
            let class = r.quintile_nl.or_else(|| {
                let v = r.value?;
                // Rank of the value among the lowest, ties given the lowest rank.
                let rank = values.partition_point(|x| *x < v) + 1;
                profile::quintile(rank, values.len())
            });
            if let Some(slot) = out.classes.get_mut(&*r.area_code) {
                slot[k] = class;
            }
        }
    }
    out
}

/// The name of a layer in a report: "wijkgrenzen 2024", with the file when
/// it is the user's. Shared by the profile's and the network report's maps.
pub(crate) fn layer_name(m: &Messages, layer: &Layer) -> String {
    let name = msg!(
        m,
        "profile-maps-layer",
        level = layer.level.as_str(),
        year = layer.year.map_or_else(String::new, |y| y.to_string())
    );
    match layer.file.and_then(|f| f.file_name()) {
        Some(file) => msg!(
            m,
            "profile-maps-layer-file",
            layer = name.as_str(),
            file = file.to_string_lossy().into_owned()
        ),
        None => name,
    }
}
