//! Times the maps of `geo::map`: decoding the built-in layers once, then the
//! wijk locator and a choropleth of one municipality (median of many runs),
//! and the country map. `cargo run --release --example geo_timing -- [GM0828] [OUT_DIR]`
//! (with OUT_DIR the three SVGs are written there to look at).
use std::time::{Duration, Instant};

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
    if let Some(dir) = out {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join(format!("{gm}-locator.svg")), ls).expect("write");
        std::fs::write(dir.join(format!("{gm}-choropleth.svg")), cs).expect("write");
        std::fs::write(dir.join("country.svg"), ns).expect("write");
    }
}
