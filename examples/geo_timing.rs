//! Times the maps of `geo::map`: decoding the built-in layers once, then the
//! wijk locator and a choropleth of one municipality (median of many runs),
//! and the country map. `cargo run --release --example geo_timing -- [GM0828] [OUT_DIR]`
//! (with OUT_DIR the three SVGs are written there to look at).
//!
//! With `GEO_TYPST=1` also typst's cost of the maps: a page holding one
//! locator and five choropleths of the municipality against the same page
//! without them, and the example profile (`tests/fixtures/render`) for
//! scale; each compiled with typst's caches emptied ("cold"), median of 15.
use std::time::{Duration, Instant};

use wijkmonitor::render::pdf::{DocumentFile, Renderer, document_date};

use wijkmonitor::geo::map::{self, Legend, MapOptions};
use wijkmonitor::geo::{self, Level};

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let gm = std::env::args().nth(1).unwrap_or_else(|| "GM0828".into());
    let out = std::env::args().nth(2);

    let t = Instant::now();
    let wijken = geo::builtin(Level::Wijk, 2024).expect("built in");
    let gemeenten = geo::builtin(Level::Gemeente, 2023).expect("built in");
    println!(
        "decode built-in wijken 2024 + gemeenten 2023: {:?}",
        t.elapsed()
    );

    let areas = wijken.in_gemeente(Level::Wijk, &gm);
    let Some(first) = areas.first() else {
        eprintln!("no wijken for {gm}");
        std::process::exit(1);
    };
    let highlight = [first.code.as_str()];
    let values: Vec<(&str, Option<u8>)> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), Some((i % 6) as u8)))
        .collect();
    let legend = Legend {
        classes: ["1", "2", "3", "4", "5"],
        no_value: "-",
    };
    let options = MapOptions::default();
    let locator = || map::locator(&areas, &highlight, &options, |_| String::new());
    let choropleth = || {
        map::choropleth(&areas, &values, &highlight, Some(&legend), &options, |_| {
            String::new()
        })
    };
    let base = gemeenten.of_level(Level::Gemeente);
    let marks = [map::Mark {
        at: first.marker(),
        label: "1",
    }];
    let country = || map::country(&base, &areas, &marks, &options, |_| String::new());

    let runs = 200;
    let l = median(|| drop(locator()), runs);
    let c = median(|| drop(choropleth()), runs);
    let n = median(|| drop(country()), 20);
    let (ls, cs, ns) = (locator().svg, choropleth().svg, country().svg);
    println!(
        "{gm}: {} wijken; locator {:.0} µs ({} bytes), choropleth {:.0} µs ({} bytes); country map {:.0} µs ({} bytes)",
        areas.len(),
        l.as_secs_f64() * 1e6,
        ls.len(),
        c.as_secs_f64() * 1e6,
        cs.len(),
        n.as_secs_f64() * 1e6,
        ns.len()
    );
    if std::env::var_os("GEO_TYPST").is_some() {
        // A profile's maps: one locator and five different choropleths (typst
        // would decode one image given five times only once), in three
        // variants: a legend in every choropleth; one legend for the row
        // and the attribution in every map (as the profile should use
        // them); no text in any SVG at all.
        let five = |with_legend: bool, attribution: bool| -> Vec<String> {
            let options = MapOptions {
                attribution,
                ..Default::default()
            };
            (0..5)
                .map(|k| {
                    let values: Vec<(&str, Option<u8>)> = areas
                        .iter()
                        .enumerate()
                        .map(|(i, a)| (a.code.as_str(), Some(((i + k) % 6) as u8)))
                        .collect();
                    let legend = with_legend.then_some(&legend);
                    map::choropleth(&areas, &values, &highlight, legend, &options, |_| {
                        String::new()
                    })
                    .svg
                })
                .collect()
        };
        let bare = MapOptions {
            attribution: false,
            ..Default::default()
        };
        let bare_locator = map::locator(&areas, &highlight, &bare, |_| String::new()).svg;
        let one_legend = map::legend(&legend, 120.0, "l");
        let variants = [
            ("legend in every map", ls.clone(), five(true, true), None),
            (
                "one legend, attribution in every map",
                ls.clone(),
                five(false, true),
                Some(one_legend),
            ),
            (
                "no text in the SVGs",
                bare_locator,
                five(false, false),
                None,
            ),
        ];
        typst_cost(&variants);
    }
    if let Some(dir) = out {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join(format!("{gm}-locator.svg")), ls).expect("write");
        std::fs::write(dir.join(format!("{gm}-choropleth.svg")), cs).expect("write");
        std::fs::write(dir.join("country.svg"), ns).expect("write");
    }
}

/// Cold compile times (typst's caches emptied before each) of a page with
/// the maps of each variant, against the same page without them and the
/// example profile; rounds interleave the variants, medians of 9 rounds.
fn typst_cost(variants: &[(&str, String, Vec<String>, Option<String>)]) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let page = |maps: bool, legend: bool| {
        let mut images = String::new();
        if maps {
            images.push_str(r#"#image("l.svg", width: 8cm, alt: "locator")"#);
            images.push('\n');
            images.push_str(r#"#grid(columns: 3, gutter: 4pt, ..range(5).map(i => image("c" + str(i) + ".svg", width: 5.5cm, alt: "map " + str(i))))"#);
            images.push('\n');
        }
        if legend {
            images.push_str(r#"#image("legend.svg", width: 4cm, alt: "legend")"#);
        }
        format!(
            "#set document(title: [maps])\n#set page(width: 21cm, height: 29.7cm)\n#set text(lang: \"nl\")\n= Kaarten\n{images}\n"
        )
    };
    std::fs::write(dir.path().join("maps.typ"), page(true, false)).expect("write");
    std::fs::write(dir.path().join("maps-legend.typ"), page(true, true)).expect("write");
    std::fs::write(dir.path().join("blank.typ"), page(false, false)).expect("write");
    let renderer = Renderer::new(Some(dir.path())).expect("renderer");
    let date = document_date(None);
    let profile = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/render/profiel-voorbeeld.json"),
    )
    .expect("the example profile data");
    // Cold: typst's caches emptied before each compile. Warm (WARM=1): as
    // in a batch, caches kept, but every file's bytes made unique per round
    // (a trailing comment or space), so nothing of one document is reused.
    let warm = std::env::var_os("WARM").is_some();
    let round = std::cell::Cell::new(0usize);
    let compile = |template: &str, mut files: Vec<DocumentFile>| {
        if warm {
            for f in &mut files {
                let pad = if f.path.ends_with(".svg") {
                    format!("<!--{}-->", round.get())
                } else {
                    " ".repeat(round.get() + 1)
                };
                f.bytes.extend(pad.as_bytes());
            }
        } else {
            typst::comemo::evict(0);
        }
        let t = Instant::now();
        renderer.pdf(template, files, date).expect("render");
        t.elapsed()
    };
    let file = |path: &str, text: &str| DocumentFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    };
    let rounds = 9;
    let mut times = vec![Vec::new(); variants.len() + 2];
    for r in 0..rounds {
        round.set(r);
        for (v, (_, locator, choropleths, legend)) in variants.iter().enumerate() {
            let mut files = vec![file("l.svg", locator)];
            for (i, svg) in choropleths.iter().enumerate() {
                files.push(file(&format!("c{i}.svg"), svg));
            }
            let template = match legend {
                Some(l) => {
                    files.push(file("legend.svg", l));
                    "maps-legend.typ"
                }
                None => "maps.typ",
            };
            times[v].push(compile(template, files));
        }
        times[variants.len()].push(compile("blank.typ", Vec::new()));
        times[variants.len() + 1].push(compile(
            "profiel.typ",
            vec![DocumentFile {
                path: "data.json".into(),
                bytes: profile.clone(),
            }],
        ));
    }
    let ms = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    let blank = ms(&mut times[variants.len()]);
    let profile_ms = ms(&mut times[variants.len() + 1]);
    let mode = if warm { "warm" } else { "cold" };
    println!(
        "typst, {mode}, median of {rounds}: example profile {profile_ms:.1} ms, page without maps {blank:.1} ms"
    );
    for (v, (name, ..)) in variants.iter().enumerate() {
        let t = ms(&mut times[v]);
        println!(
            "  six maps, {name}: {t:.1} ms, the maps {:.1} ms = {:.0} % of the profile",
            t - blank,
            (t - blank) / profile_ms * 100.0
        );
    }
}
