//! The locator map of a network report (`data.map` of `netwerk.typ`): the
//! network's areas among the wijken of its municipality, or a network of
//! whole municipalities on the map of the country. Words and layer names as
//! the profile's maps (`render::profile::maps`), the attribution once.

use serde::Serialize;

use crate::compute::profile;
use crate::geo::map::{self, LocatorFacts, MapOptions};
use crate::geo::{self, Area, BoundarySet, Layer};
use crate::i18n::Messages;
use crate::msg;
use crate::render::profile::labels::level_words;
use crate::render::profile::maps::layer_name;

/// The map of a network report (`data.map` of `netwerk.typ`): the
/// network's areas marked among the wijken of its municipality, or for a
/// network of whole municipalities on the map of the country.
#[derive(Serialize)]
pub struct NetworkMap {
    pub svg: String,
    pub alt: String,
    /// Codes of the network not in the boundaries (not drawn), in words.
    pub missing: Vec<String>,
    /// The boundaries used and their attribution.
    pub source: String,
}

/// The locator map of a network working in `codes` (GM, WK or BU codes)
/// of municipality `gemeente`; `None` when none of its areas can be drawn.
/// A buurt is drawn from a user's buurt boundaries, else its wijk is marked.
pub fn network_map(
    set: &BoundarySet,
    messages: &Messages,
    gemeente: &str,
    gemeente_name: &str,
    codes: &[&str],
) -> Option<NetworkMap> {
    let m = messages;
    let codes: Vec<&str> = if codes.is_empty() {
        vec![gemeente]
    } else {
        codes.to_vec()
    };
    let level_of = |c: &str| geo::Level::of_code(c);
    let name_of = |layer: &Layer| layer_name(m, layer);
    let mut missing = Vec::new();
    let mut used: Vec<Layer> = Vec::new();
    let options = MapOptions {
        width: 200.0,
        max_height: 190.0,
        attribution: false,
        id_prefix: "n",
        ..Default::default()
    };
    let drawn = if codes
        .iter()
        .all(|c| level_of(c) == Some(geo::Level::Gemeente))
    {
        let layer = set.layer(geo::Level::Gemeente, codes.iter().copied())?;
        let (found, absent) = layer.boundaries.split(codes.iter().copied());
        for code in &absent {
            missing.push(msg!(
                m,
                "profile-missing-map-area",
                code = code.as_str(),
                layer = name_of(&layer)
            ));
        }
        if found.is_empty() {
            return None;
        }
        let base = layer.areas();
        used.push(layer);
        let names: Vec<&str> = found.iter().map(|a| a.name.as_str()).collect();
        map::country(&base, &found, &[], &options, |facts| {
            msg!(
                m,
                "map-network-country-alt",
                count = facts.areas,
                areas = names.join(", ")
            )
        })
    } else {
        // Wijken as themselves, buurten from a user's buurt layer or as their wijk.
        let buurt_codes: Vec<&str> = codes
            .iter()
            .copied()
            .filter(|c| level_of(c) == Some(geo::Level::Buurt))
            .collect();
        let buurt_layer = if buurt_codes.is_empty() {
            None
        } else {
            set.layer(geo::Level::Buurt, buurt_codes.iter().copied())
        };
        let mut marked: Vec<String> = Vec::new();
        let mut buurten: Vec<&Area> = Vec::new();
        for &code in &codes {
            match level_of(code) {
                Some(geo::Level::Wijk) => marked.push(code.to_owned()),
                Some(geo::Level::Buurt) => match buurt_layer.and_then(|l| l.get(code)) {
                    Some(area) => {
                        buurten.push(area);
                        marked.push(code.to_owned());
                    }
                    None => marked.push(format!("WK{}", code.get(2..8).unwrap_or(""))),
                },
                _ => {}
            }
        }
        let wijk_codes: Vec<&str> = marked
            .iter()
            .map(String::as_str)
            .filter(|c| c.starts_with("WK"))
            .collect();
        let layer = set.layer(geo::Level::Wijk, wijk_codes.iter().copied())?;
        let mut areas = layer.in_gemeente(gemeente);
        if areas.is_empty() {
            return None;
        }
        let (_, absent) = layer.boundaries.split(wijk_codes.iter().copied());
        for code in &absent {
            missing.push(msg!(
                m,
                "profile-missing-map-area",
                code = code.as_str(),
                layer = name_of(&layer)
            ));
        }
        if absent.len() == wijk_codes.len() && buurten.is_empty() {
            return None;
        }
        areas.extend(buurten.iter().copied());
        used.push(layer);
        if let (Some(l), false) = (buurt_layer, buurten.is_empty()) {
            used.push(l);
        }
        let highlight: Vec<&str> = marked.iter().map(String::as_str).collect();
        let levels = level_words(m, profile::Level::Wijk).plural;
        map::locator(&areas, &highlight, &options, |facts: &LocatorFacts| {
            msg!(
                m,
                "map-network-alt",
                count = facts.areas - buurten.len(),
                levels = levels.as_str(),
                gemeente = gemeente_name,
                areas = facts.highlighted.join(", ")
            )
        })
    };
    let names: Vec<String> = used.iter().map(&name_of).collect();
    let year = used.iter().filter_map(|l| l.year).max();
    Some(NetworkMap {
        svg: drawn.svg,
        alt: drawn.alt,
        missing,
        source: msg!(
            m,
            "map-network-source",
            layers = names.join(", "),
            attribution = geo::attribution(year)
        ),
    })
}
