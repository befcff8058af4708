//! Boundaries and maps: the embedded layers against their GeoJSON sources,
//! the GeoJSON and GeoPackage readers on real-format fixtures
//! (`tests/fixtures/geo/make_gpkg.py`), missing codes, and the maps' size.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use wijkmonitor::geo::map::{self, Legend, MapOptions};
use wijkmonitor::geo::{self, Area, Boundaries, Level};

use crate::workdir::{Workdir, fixture};

/// Where the GeoJSON sources of the embedded layers are (see the data
/// README, section "Boundaries"); `WIJKMONITOR_GEO_SOURCE` overrides.
fn source_dir() -> PathBuf {
    std::env::var_os("WIJKMONITOR_GEO_SOURCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data/geo"))
}

fn wijken_oss() -> Vec<&'static Area> {
    geo::builtin(Level::Wijk, 2024)
        .unwrap()
        .in_gemeente(Level::Wijk, "GM0828")
}

#[test]
fn embedded_layers_have_every_feature_of_their_sources() {
    let gm2020 = geo::builtin(Level::Gemeente, 2020).unwrap();
    let gm2023 = geo::builtin(Level::Gemeente, 2023).unwrap();
    let wk2024 = geo::builtin(Level::Wijk, 2024).unwrap();
    assert_eq!((gm2020.len(), gm2023.len(), wk2024.len()), (355, 342, 3475));
    assert!(geo::builtin(Level::Buurt, 2024).is_none());

    // Codes that changed: Appingedam and Delfzijl merged into Eemsdelta (2021).
    assert!(gm2020.get("GM0003").is_some() && gm2023.get("GM0003").is_none());
    assert!(gm2023.get("GM1979").is_some());
    let oss = gm2023.get("GM0828").unwrap();
    assert_eq!((oss.name.as_str(), oss.year), ("Oss", Some(2023)));
    // Oss lies between Nijmegen and 's-Hertogenbosch: RD x ≈ 155–180 km, y ≈ 410–430 km.
    assert!(
        oss.bbox.min[0] > 150_000.0 && oss.bbox.max[0] < 185_000.0,
        "{:?}",
        oss.bbox
    );
    assert!(
        oss.bbox.min[1] > 405_000.0 && oss.bbox.max[1] < 435_000.0,
        "{:?}",
        oss.bbox
    );

    let ruwaard = wk2024.get("WK082806").unwrap();
    assert_eq!(
        (ruwaard.name.as_str(), ruwaard.gemeente_code.as_str()),
        ("Ruwaard", "GM0828")
    );
    assert_eq!(wijken_oss().len(), 23);
    // Every wijk of Oss lies inside the municipality's box, give or take
    // the two layers' different generalisations (a few hundred metres).
    for w in wijken_oss() {
        assert!(
            w.bbox.min[0] >= oss.bbox.min[0] - 500.0 && w.bbox.max[0] <= oss.bbox.max[0] + 500.0,
            "{}",
            w.code
        );
        assert!(
            w.bbox.min[1] >= oss.bbox.min[1] - 500.0 && w.bbox.max[1] <= oss.bbox.max[1] + 500.0,
            "{}",
            w.code
        );
    }
}

/// Codes, names and boxes of an embedded layer against the GeoJSON read by
/// the Rust reader (which projects WGS84 with `geo::project`); boxes agree
/// to the 10 m quantum.
fn compare_with_source(embedded: &Boundaries, source: &Boundaries) {
    assert_eq!(embedded.len(), source.len());
    let mut moved = Vec::new();
    for (e, s) in embedded.areas().iter().zip(source.areas()) {
        assert_eq!(
            (&e.code, &e.name, &e.gemeente_code),
            (&s.code, &s.name, &s.gemeente_code)
        );
        // The embedded box lies within the source's (half the quantum of
        // rounding) ...
        for i in 0..2 {
            assert!(
                e.bbox.min[i] >= s.bbox.min[i] - 5.0 - 1e-6,
                "{} {:?} {:?}",
                e.code,
                e.bbox,
                s.bbox
            );
            assert!(
                e.bbox.max[i] <= s.bbox.max[i] + 5.0 + 1e-6,
                "{} {:?} {:?}",
                e.code,
                e.bbox,
                s.bbox
            );
        }
        // ... and equals it, unless a sliver ring narrower than the
        // quantum was dropped by the conversion.
        let same = (0..2).all(|i| {
            (e.bbox.min[i] - s.bbox.min[i]).abs() <= 5.0 + 1e-6
                && (e.bbox.max[i] - s.bbox.max[i]).abs() <= 5.0 + 1e-6
        });
        if !same {
            moved.push(e.code.clone());
        }
    }
    assert!(
        moved.len() * 200 <= embedded.len(),
        "boxes changed: {moved:?}"
    );
}

#[test]
fn embedded_layers_round_trip_against_the_shipped_geojson() {
    let dir = source_dir();
    if !dir.join("wijk_2024_wgs84.geojson").is_file() {
        // The sources are not in the repository (4 MB); the fixture test
        // below still checks the Oss wijken.
        eprintln!("skipped: no GeoJSON sources in {}", dir.display());
        return;
    }
    for (file, level, year) in [
        ("gemeente_2020_rd.geojson", Level::Gemeente, 2020),
        ("gemeente_2023_rd.geojson", Level::Gemeente, 2023),
        ("wijk_2024_wgs84.geojson", Level::Wijk, 2024),
    ] {
        let source = geo::read_boundaries(&dir.join(file), None).unwrap();
        compare_with_source(geo::builtin(level, year).unwrap(), &source);
    }
}

/// Quantises a ring as `scripts/geo/convert` does.
fn quantised(ring: &[[f64; 2]]) -> Vec<[i64; 2]> {
    let mut out: Vec<[i64; 2]> = Vec::new();
    for p in ring {
        let q = [(p[0] / 10.0).round() as i64, (p[1] / 10.0).round() as i64];
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

#[test]
fn embedded_wijken_agree_with_the_geojson_read_in_rust() {
    // The script projected WGS84 to RD in Python; the reader does it in
    // Rust with the same formulas: every point lands on the same 10 m cell,
    // or the next one where a coordinate sits on a rounding edge.
    let source =
        geo::read_boundaries(&fixture("geo/wijken_oss_2024_wgs84.geojson"), Some(2024)).unwrap();
    assert_eq!(source.len(), 23);
    let embedded = geo::builtin(Level::Wijk, 2024).unwrap();
    for s in source.areas() {
        let e = embedded.get(&s.code).unwrap();
        assert_eq!(e.polygons.len(), s.polygons.len(), "{}", s.code);
        for (ep, sp) in e.polygons.iter().zip(&s.polygons) {
            for (er, sr) in ep.rings.iter().zip(&sp.rings) {
                let q = quantised(sr);
                assert_eq!(q.len(), er.len(), "{}", s.code);
                for (a, b) in q.iter().zip(er) {
                    assert!(
                        (a[0] * 10 - b[0] as i64).abs() <= 10
                            && (a[1] * 10 - b[1] as i64).abs() <= 10,
                        "{}",
                        s.code
                    );
                }
            }
        }
    }
}

#[test]
fn geopackage_fixture_is_read_back() {
    let b = geo::read_boundaries(&fixture("geo/wijkenbuurten_2024.gpkg"), None).unwrap();
    // One gemeente (its water part skipped), 23 wijken, one buurt.
    assert_eq!(b.of_level(Level::Gemeente).len(), 1);
    assert_eq!(b.in_gemeente(Level::Wijk, "GM0828").len(), 23);
    let buurt = b.get("BU08280601").unwrap();
    assert_eq!(
        (buurt.level, buurt.gemeente_code.as_str(), buurt.year),
        (Level::Buurt, "GM0828", Some(2024))
    );
    let ruwaard = b.get("WK082806").unwrap();
    assert_eq!(ruwaard.name, "Ruwaard");
    // The GeoPackage holds the wijken projected in Python, unquantised: the
    // Rust projection of the GeoJSON agrees to a millimetre.
    let json = geo::read_boundaries(&fixture("geo/wijken_oss_2024_wgs84.geojson"), None).unwrap();
    let j = json.get("WK082806").unwrap();
    for (a, c) in ruwaard.polygons[0].rings[0]
        .iter()
        .zip(&j.polygons[0].rings[0])
    {
        assert!((a[0] - c[0]).abs() < 1e-3 && (a[1] - c[1]).abs() < 1e-3);
    }
    // The gemeente agrees with the embedded 2023 boundary to the quantum.
    let oss = b.get("GM0828").unwrap();
    let embedded = geo::builtin(Level::Gemeente, 2023)
        .unwrap()
        .get("GM0828")
        .unwrap();
    assert!((oss.bbox.min[0] - embedded.bbox.min[0]).abs() <= 5.0);
}

#[test]
fn broken_geopackages_are_errors_naming_the_file_and_layer() {
    let dir = Workdir::new();
    let not_sqlite = dir.write("kapot.gpkg", b"this is not a database");
    let e = geo::read_boundaries(&not_sqlite, None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("kapot.gpkg"), "{e}");

    let other = dir.path().join("provincies.gpkg");
    let db = rusqlite::Connection::open(&other).unwrap();
    db.execute_batch(
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER);
         INSERT INTO gpkg_geometry_columns VALUES ('provincies', 'geom', 'MULTIPOLYGON', 28992, 0, 0);",
    )
    .unwrap();
    drop(db);
    let e = geo::read_boundaries(&other, None).unwrap_err().to_string();
    assert!(
        e.contains("expected a layer gemeenten, wijken or buurten, found provincies"),
        "{e}"
    );

    // A wijken layer with a broken geometry blob and one with wrong columns.
    let broken = dir.path().join("wijken.gpkg");
    std::fs::copy(fixture("geo/wijkenbuurten_2024.gpkg"), &broken).unwrap();
    let db = rusqlite::Connection::open(&broken).unwrap();
    db.execute(
        "UPDATE wijken SET geom = x'4750000100' WHERE wijkcode = 'WK082803'",
        [],
    )
    .unwrap();
    drop(db);
    // The broken feature is a problem and left out; the others are read,
    // and WK082803 then shows as missing on a map.
    let b = geo::read_boundaries(&broken, None).unwrap();
    assert_eq!(b.problems.len(), 1);
    let e = b.problems[0].to_string();
    assert!(
        e.contains("wijken.gpkg, layer \"wijken\", feature WK082803: expected a GeoPackage"),
        "{e}"
    );
    assert_eq!(b.in_gemeente(Level::Wijk, "GM0828").len(), 22);
    let (_, missing) = b.split(["WK082803"]);
    assert_eq!(missing, vec!["WK082803".to_owned()]);
}

fn attributes(svg: &str, name: &str) -> Vec<String> {
    let needle = format!("{name}=\"");
    svg.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &svg[i + needle.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn a_code_absent_from_the_boundaries_is_reported_not_drawn() {
    let wk2024 = geo::builtin(Level::Wijk, 2024).unwrap();
    // WK082899 does not exist in 2024; the network's areas are split first.
    let (found, missing) = wk2024.split(["WK082806", "WK082899"]);
    assert_eq!(missing, vec!["WK082899".to_owned()]);
    assert_eq!(found.len(), 1);
    let link = |a: &Area| format!("#{}", a.code);
    let options = MapOptions {
        link: Some(&link),
        ..Default::default()
    };
    let m = map::locator(&wijken_oss(), &["WK082806", "WK082899"], &options, |f| {
        format!(
            "{} wijken, highlighted {:?}, not on the map {:?}",
            f.areas, f.highlighted, f.missing
        )
    });
    assert_eq!(m.missing, vec!["WK082899".to_owned()]);
    let codes = attributes(&m.svg, "data-code");
    assert_eq!(codes.len(), 23);
    assert!(!codes.contains(&"WK082899".to_owned()));
    assert_eq!(
        m.alt,
        r#"23 wijken, highlighted ["Ruwaard"], not on the map ["WK082899"]"#
    );
}

#[test]
fn locator_of_oss_highlights_ruwaard() {
    // WK082806 is Ruwaard (WK082801 is Schadewijk).
    let m = map::locator(&wijken_oss(), &["WK082806"], &MapOptions::default(), |f| {
        format!("{} {:?}", f.areas, f.highlighted)
    });
    assert_eq!(m.alt, r#"23 ["Ruwaard"]"#);
    assert!(m.missing.is_empty());
    // In the PDF the areas of one colour are one path each.
    let fills = attributes(&m.svg, "fill");
    let count = |fills: &[String], colour: &str| fills.iter().filter(|f| *f == colour).count();
    assert_eq!(count(&fills, map::colour::ACCENT), 1);
    assert_eq!(count(&fills, map::colour::BAND), 1);
    // On the web page every area is a path of its own.
    let link = |a: &Area| format!("/wijk/{}", a.code);
    let web = MapOptions {
        link: Some(&link),
        ..Default::default()
    };
    let w = map::locator(&wijken_oss(), &["WK082806"], &web, |_| String::new());
    let fills = attributes(&w.svg, "fill");
    assert_eq!(count(&fills, map::colour::ACCENT), 1);
    assert_eq!(count(&fills, map::colour::BAND), 22);
    assert!(
        w.svg
            .contains(r#"<a href="/wijk/WK082806"><path id="m-WK082806" data-code="WK082806""#)
    );
    assert!(w.svg.contains("<title>Ruwaard</title>"));
    assert!(
        m.svg
            .contains("Kadaster / Centraal Bureau voor de Statistiek, 2024")
    );
    // Size budget: a profile carries six maps or so.
    assert!(m.svg.len() < 25_000, "{} bytes", m.svg.len());
    if let Some(out) = std::env::var_os("GEO_SVG_OUT") {
        std::fs::write(Path::new(&out).join("oss-locator.svg"), &m.svg).unwrap();
    }
}

#[test]
fn maps_stay_within_their_size_budget() {
    let wk2024 = geo::builtin(Level::Wijk, 2024).unwrap();
    let mut by_gemeente: HashMap<&str, Vec<&Area>> = HashMap::new();
    for a in wk2024.areas() {
        by_gemeente
            .entry(a.gemeente_code.as_str())
            .or_default()
            .push(a);
    }
    // The wijk map of every municipality.
    let (mut largest, mut at) = (0, "");
    for (gm, wijken) in &by_gemeente {
        let values: Vec<(&str, Option<u8>)> = wijken
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), Some((i % 6) as u8)))
            .collect();
        let legend = Legend {
            classes: ["1", "2", "3", "4", "5"],
            no_value: "-",
        };
        let m = map::choropleth(
            wijken,
            &values,
            &[],
            Some(&legend),
            &MapOptions::default(),
            |_| String::new(),
        );
        if m.svg.len() > largest {
            (largest, at) = (m.svg.len(), gm);
        }
    }
    assert!(largest < 40_000, "{at}: {largest} bytes");
    // The country with its 342 municipalities.
    let gm2023 = geo::builtin(Level::Gemeente, 2023).unwrap();
    let base = gm2023.of_level(Level::Gemeente);
    let marks = [map::Mark {
        at: gm2023.get("GM0828").unwrap().marker(),
        label: "1",
    }];
    let m = map::country(&base, &wijken_oss(), &marks, &MapOptions::default(), |f| {
        format!("{} {}", f.areas, f.marks.len())
    });
    assert!(m.svg.len() < 120_000, "{} bytes", m.svg.len());
    assert_eq!(m.alt, "342 1");
}

// ------------------------------------------------------------ maps in reports

fn sample(name: &str) -> PathBuf {
    crate::workdir::repo()
        .join("sample-data/open-data")
        .join(name)
}

/// The `data.json` of a profile kept with `--keep-data`.
fn profile_data(dir: &Path, code: &str) -> serde_json::Value {
    let path = dir.join(format!("out/data/profiel-{code}.json"));
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

#[test]
fn the_layer_of_a_level_is_the_one_whose_codes_match_best() {
    let set = geo::BoundarySet::builtin();
    // Appingedam, Delfzijl (merged into Eemsdelta in 2021) and Oss: 2020.
    let layer = set
        .layer(Level::Gemeente, ["GM0003", "GM0010", "GM0828"])
        .unwrap();
    assert_eq!(layer.year, Some(2020));
    // Eemsdelta and Oss: 2023; codes of both years alike: the later one.
    let layer = set.layer(Level::Gemeente, ["GM1979", "GM0828"]).unwrap();
    assert_eq!(layer.year, Some(2023));
    let layer = set.layer(Level::Gemeente, ["GM0828"]).unwrap();
    assert_eq!(layer.year, Some(2023));
    assert!(set.layer(Level::Buurt, ["BU08280601"]).is_none());

    // A user's file wins a tie (it was given for a reason).
    let set = geo::BoundarySet::load(&[fixture("geo/wijkenbuurten_2024.gpkg")]).unwrap();
    let layer = set.layer(Level::Wijk, ["WK082806"]).unwrap();
    assert!(layer.file.is_some(), "{layer:?}");
    assert_eq!(
        set.layer(Level::Buurt, ["BU08280601"]).unwrap().year,
        Some(2024)
    );
    // A file that is not boundaries at all is an error naming it.
    let wd = Workdir::new();
    let empty = wd.write(
        "leeg.geojson",
        r#"{"type":"FeatureCollection","features":[]}"#,
    );
    let e = geo::BoundarySet::load(&[empty]).unwrap_err().to_string();
    assert!(
        e.contains("leeg.geojson") && e.contains("found none"),
        "{e}"
    );
}

#[test]
fn map_indicators_are_checked_against_the_catalogue() {
    use wijkmonitor::spec::catalogue::{BUILTIN_CATALOGUE, IndicatorCatalogue};
    let shipped = IndicatorCatalogue::builtin().unwrap();
    assert!(!shipped.maps.is_empty());
    for id in &shipped.maps {
        assert!(shipped.indicator(id).is_some(), "{id}");
    }
    let text = BUILTIN_CATALOGUE.replacen(
        "maps = [\"good_self_rated_health\", \"lonely\"",
        "maps = [\"good_self_rated_health\", \"lonley\", \"good_self_rated_health\"",
        1,
    );
    assert_ne!(
        text, BUILTIN_CATALOGUE,
        "the shipped list changed: update the test"
    );
    let e = IndicatorCatalogue::parse(&text, Path::new("x.toml")).unwrap_err();
    let problems: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("key `maps`")
            && problems[0].contains("\"lonley\" is not an indicator"),
        "{problems:?}"
    );
    assert!(problems[1].contains("listed twice"), "{problems:?}");
    assert!(problems[0].starts_with("x.toml: line "), "{problems:?}");
}

#[test]
fn profiles_show_where_the_area_lies_with_alt_texts_and_attribution() {
    let wd = Workdir::new();
    wd.run([
        "profile".as_ref(),
        "--kwb".as_ref(),
        sample("kwb-2020-voorbeeldgemeenten-synthetisch.xlsx").as_os_str(),
        "--ggd".as_ref(),
        sample("50090NED-2020-18plus-voorbeeldgemeenten.xlsx").as_os_str(),
        "--area".as_ref(),
        "WK082806".as_ref(),
        "GM1507".as_ref(),
        "BU08280601".as_ref(),
        "--keep-data".as_ref(),
        "--out".as_ref(),
        "out".as_ref(),
    ])
    .expect_code(0);
    // A wijk: the wijken of Oss with Ruwaard marked, the map indicators
    // across them, one legend, the attribution once.
    let wk = profile_data(wd.path(), "WK082806");
    let maps = &wk["maps"];
    assert_eq!(
        maps["locator"]["alt"],
        "Kaart van de 23 wijken van Oss; Ruwaard is blauw gekleurd."
    );
    let small = maps["choropleths"].as_array().unwrap();
    assert_eq!(small.len(), 4);
    assert_eq!(small[1]["title"], "Eenzaam (2020)");
    let alt = small[1]["alt"].as_str().unwrap();
    assert!(
        alt.starts_with("Kaart van de 23 wijken van Oss, gekleurd naar ‘Eenzaam’")
            && alt.contains("Ruwaard (dik omlijnd) valt in kwintiel 5."),
        "{alt}"
    );
    assert!(
        maps["legend"]["alt"]
            .as_str()
            .unwrap()
            .contains("gearceerd")
    );
    assert_eq!(
        maps["source"],
        "Kaarten: wijkgrenzen 2024. Bron: Kadaster / Centraal Bureau voor de Statistiek, 2024."
    );
    for svg in small.iter().map(|m| m["svg"].as_str().unwrap()) {
        // The attribution is under the row, not in every small map.
        assert!(!svg.contains("Kadaster"));
    }
    // A municipality: the country with it marked, its wijken in the small maps.
    let gm = profile_data(wd.path(), "GM1507");
    assert_eq!(
        gm["maps"]["locator"]["alt"],
        "Kaart van Nederland met de 342 gemeenten; Horst aan de Maas is blauw gekleurd."
    );
    assert!(
        gm["maps"]["source"]
            .as_str()
            .unwrap()
            .contains("gemeentegrenzen 2023, wijkgrenzen 2024")
    );
    // A buurt without buurt boundaries: its wijk is marked, and the report says so.
    let bu = profile_data(wd.path(), "BU08280601");
    assert_eq!(
        bu["maps"]["locator"]["alt"],
        "Kaart van de 23 wijken van Oss; de buurt Buurt 0601 ligt in Ruwaard, die blauw gekleurd is."
    );
    let missing = bu["missing"].to_string();
    assert!(
        missing.contains("Geen buurtgrenzen opgegeven (--boundaries)"),
        "{missing}"
    );
    // Every image of the PDF has its alt text (PDF/UA).
    let pdf = std::fs::read(wd.path().join("out/profiel-WK082806.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn buurt_boundaries_from_a_geopackage_and_codes_absent_from_them() {
    let wd = Workdir::new();
    let run = wd.run([
        "profile".as_ref(),
        "--ggd".as_ref(),
        sample("50090NED-2020-18plus-voorbeeldgemeenten.xlsx").as_os_str(),
        "--area".as_ref(),
        "BU08280601".as_ref(),
        "BU08280600".as_ref(),
        "--boundaries".as_ref(),
        fixture("geo/wijkenbuurten_2024.gpkg").as_os_str(),
        "--keep-data".as_ref(),
        "--out".as_ref(),
        "out".as_ref(),
    ]);
    run.expect_code(0);
    // The buurt of the file is drawn inside its wijk; the small maps are of
    // the buurten, and the other buurten of Oss are listed as not drawn.
    let inside = profile_data(wd.path(), "BU08280601");
    assert_eq!(
        inside["maps"]["locator"]["alt"],
        "Kaart van de 23 wijken van Oss met buurt Ruwaard blauw gekleurd in haar wijk."
    );
    assert!(
        inside["maps"]["source"]
            .as_str()
            .unwrap()
            .contains("buurtgrenzen 2024 uit wijkenbuurten_2024.gpkg")
    );
    let missing = inside["missing"].to_string();
    assert!(
        missing.contains("Niet op de kaarten, want niet in de buurtgrenzen 2024 uit wijkenbuurten_2024.gpkg: BU08280000,")
            && missing.contains(" en nog "),
        "{missing}"
    );
    // A buurt the file lacks is never drawn: its wijk is marked instead.
    let absent = profile_data(wd.path(), "BU08280600");
    assert_eq!(
        absent["maps"]["locator"]["alt"],
        "Kaart van de 23 wijken van Oss; de buurt BU08280600 ligt in Ruwaard, die blauw gekleurd is."
    );
    assert!(
        absent["missing"].to_string().contains(
            "BU08280600 staat niet in de buurtgrenzen 2024 uit wijkenbuurten_2024.gpkg en is daarom niet op de kaart getekend."
        ),
        "{}",
        absent["missing"]
    );

    // A file that cannot be read stops the command with its name.
    let bad = wd.write("grenzen.geojson", "{ not json");
    wd.run([
        "profile".as_ref(),
        "--ggd".as_ref(),
        sample("50090NED-2020-18plus-voorbeeldgemeenten.xlsx").as_os_str(),
        "--area".as_ref(),
        "WK082806".as_ref(),
        "--boundaries".as_ref(),
        bad.as_os_str(),
        "--out".as_ref(),
        "out2".as_ref(),
    ])
    .expect_code(1)
    .expect_stderr_contains("grenzen.geojson");
}

#[test]
fn a_pipeline_input_of_kind_boundaries_reaches_the_maps() {
    let wd = Workdir::new();
    let gpkg = fixture("geo/wijkenbuurten_2024.gpkg");
    let text = std::fs::read_to_string(crate::workdir::repo().join("pipelines/voorbeeld.toml"))
        .unwrap()
        .replace(
            "path = \"../sample-data",
            &format!("path = \"{}/sample-data", crate::workdir::repo().display()),
        );
    let text = text.replacen(
        "[inputs]\n",
        &format!(
            "[inputs]\ngrenzen = {{ path = \"{}\", kind = \"boundaries\" }}\n",
            gpkg.display()
        ),
        1,
    );
    let pipeline = wd.write("p.toml", text);
    let run = wd.run(["run".as_ref(), pipeline.as_os_str(), "--check".as_ref()]);
    run.expect_stdout_contains("grenzen");
    run.expect_stdout_contains("boundaries");
    run.expect_code(0);

    // The run draws with it: the file's wijken of Oss tie with the built-in
    // ones, and a user's file wins a tie.
    let run = wd.run([
        "run".as_ref(),
        pipeline.as_os_str(),
        "--network".as_ref(),
        "ruwaard".as_ref(),
        "--keep-data".as_ref(),
        "-q".as_ref(),
        "--out".as_ref(),
        "out".as_ref(),
    ]);
    run.expect_code(0);
    let data: serde_json::Value = serde_json::from_slice(
        &std::fs::read(wd.path().join("out/data/netwerk-ruwaard.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        data["map"]["alt"],
        "Kaart van de 23 wijken van Oss; waar het netwerk werkt is blauw gekleurd: Ruwaard."
    );
    assert_eq!(
        data["map"]["source"],
        "Kaart: wijkgrenzen 2024 uit wijkenbuurten_2024.gpkg. Bron: Kadaster / Centraal Bureau voor de Statistiek, 2024."
    );
    let profile: serde_json::Value = serde_json::from_slice(
        &std::fs::read(wd.path().join("out/data/profiel-WK082806.json")).unwrap(),
    )
    .unwrap();
    assert!(
        profile["maps"]["source"]
            .as_str()
            .unwrap()
            .contains("uit wijkenbuurten_2024.gpkg"),
        "{}",
        profile["maps"]["source"]
    );
}
