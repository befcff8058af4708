//! The HTML pages of `wijkmonitor serve`, written in Rust.
//!
//! Every page is built by a function from typed data, so the compiler checks
//! what a page uses; every text that comes from data goes through [`esc`].
//! The wording comes from the Fluent catalogue (`serve-…` keys) and, for the
//! profile itself, from the report data (the texts the PDF prints), so the
//! page and the PDF say the same.

use std::fmt::Write;

use serde_json::Value;

use crate::i18n::{Lang, Messages};
use crate::msg;

use super::networks::NetworkEntry;
use super::profile_source::AreaEntry;

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The query suffix that keeps the language in links (`?lang=en`, or
/// nothing for Dutch, the default).
pub fn lang_query(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "",
        Lang::En => "?lang=en",
    }
}

/// The frame of every page: language, title, skip link, language switch.
/// `switch_href` is this page's address in the other language.
pub fn layout(m: &Messages, title: &str, switch_href: &str, body: &str) -> String {
    let lang = m.lang();
    let other = match lang {
        Lang::Nl => "en",
        Lang::En => "nl",
    };
    format!(
        r##"<!DOCTYPE html>
<html lang="{code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {site}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<a class="skip" href="#inhoud">{skip}</a>
<header class="top"><div class="bar">
<a class="site" href="/{home_query}"><span class="mark" aria-hidden="true"></span>{site}</a>
<a class="switch" href="{switch}" hreflang="{other}" lang="{other}" aria-label="{switch_label}">{switch_text}</a>
</div></header>
<main id="inhoud" tabindex="-1">
{body}
</main>
<footer class="foot"><p>{footer}</p></footer>
</body>
</html>
"##,
        code = lang.code(),
        title = esc(title),
        site = esc(&msg!(m, "serve-site-name")),
        skip = esc(&msg!(m, "serve-skip")),
        home_query = lang_query(lang),
        switch = esc(switch_href),
        switch_label = esc(&msg!(m, "serve-lang-switch-label")),
        switch_text = esc(&msg!(m, "serve-lang-switch")),
        footer = esc(&msg!(m, "serve-footer")),
    )
}

/// The page for an address or code that does not exist.
pub fn not_found(m: &Messages) -> String {
    let title = msg!(m, "serve-not-found-title");
    let body = format!(
        r#"<h1>{}</h1><p>{}</p><p><a href="/{}">{}</a></p>"#,
        esc(&title),
        esc(&msg!(m, "serve-not-found-text")),
        lang_query(m.lang()),
        esc(&msg!(m, "serve-home")),
    );
    let switch = match m.lang() {
        Lang::Nl => "/?lang=en",
        Lang::En => "/",
    };
    layout(m, &title, switch, &body)
}

/// What the start page shows below the search.
pub struct Chosen<'a> {
    pub gemeente: &'a AreaEntry,
    /// The wijk map (SVG with a link per area), when boundaries exist.
    pub map_svg: Option<String>,
    pub map_alt: String,
    /// The wijken with a profile, in code order.
    pub wijken: Vec<&'a AreaEntry>,
}

/// The start page: the municipality search (a native input with a
/// datalist, and a button), then the chosen municipality's map and list.
pub fn start(
    m: &Messages,
    gemeenten: &[&AreaEntry],
    query: &str,
    chosen: Option<&Chosen>,
    has_networks: bool,
) -> String {
    let lang = m.lang();
    let mut body = String::new();
    let title = msg!(m, "serve-start-title");
    let _ = write!(
        body,
        r#"<h1>{}</h1><p class="lead">{}</p>
<form class="search" method="get" action="/" role="search">
<label for="gemeente">{}</label>
<p id="gemeente-hint" class="hint">{}</p>
<div class="row"><input id="gemeente" name="gemeente" list="gemeenten" autocomplete="off" aria-describedby="gemeente-hint" value="{}">"#,
        esc(&title),
        esc(&msg!(m, "serve-start-intro")),
        esc(&msg!(m, "serve-gemeente-label")),
        esc(&msg!(m, "serve-gemeente-hint")),
        esc(query),
    );
    if lang == Lang::En {
        body.push_str(r#"<input type="hidden" name="lang" value="en">"#);
    }
    let _ = write!(
        body,
        r#"<button type="submit">{}</button></div>
<datalist id="gemeenten">"#,
        esc(&msg!(m, "serve-gemeente-show"))
    );
    for g in gemeenten {
        let _ = write!(
            body,
            r#"<option value="{} ({})"></option>"#,
            esc(&g.name),
            esc(&g.code)
        );
    }
    body.push_str("</datalist></form>\n");
    if has_networks {
        let _ = write!(
            body,
            r#"<p class="networks-link"><a href="/netwerken{}">{}</a></p>"#,
            lang_query(lang),
            esc(&msg!(m, "serve-networks-link"))
        );
    }
    if chosen.is_none() && !query.trim().is_empty() {
        let _ = write!(
            body,
            r#"<p class="notice" role="status">{}</p>"#,
            esc(&msg!(m, "serve-gemeente-unknown", query = query.trim()))
        );
    }
    let switch_base = |l: &str| match chosen {
        Some(c) => format!("/?gemeente={}{l}", c.gemeente.code),
        None => format!("/{}", l.replacen('&', "?", 1)),
    };
    let switch = match lang {
        Lang::Nl => switch_base("&lang=en"),
        Lang::En => switch_base(""),
    };
    if let Some(c) = chosen {
        let name = &c.gemeente.name;
        let _ = write!(
            body,
            r#"<div class="chosen"><section aria-labelledby="kaart-kop"><h2 id="kaart-kop">{}</h2>"#,
            esc(&msg!(m, "serve-map-heading", name = name.as_str()))
        );
        match &c.map_svg {
            Some(svg) => {
                let _ = write!(body, r#"<div class="map">{svg}</div>"#);
            }
            None => {
                let _ = write!(body, "<p>{}</p>", esc(&msg!(m, "serve-map-none")));
            }
        }
        let _ = write!(
            body,
            r#"</section><section aria-labelledby="lijst-kop"><h2 id="lijst-kop">{}</h2><ul class="areas">"#,
            esc(&msg!(m, "serve-list-heading", name = name.as_str()))
        );
        let _ = write!(
            body,
            r#"<li class="gemeente"><a href="/gebied/{}{}">{}</a></li>"#,
            esc(&c.gemeente.code),
            lang_query(lang),
            esc(&msg!(m, "serve-gemeente-profile", name = name.as_str()))
        );
        for w in &c.wijken {
            let _ = write!(
                body,
                r#"<li><a href="/gebied/{code}{q}">{name}</a> <span class="code">{code}</span></li>"#,
                code = esc(&w.code),
                q = lang_query(lang),
                name = esc(if w.name.is_empty() { &w.code } else { &w.name }),
            );
        }
        body.push_str("</ul></section></div>");
    } else {
        let _ = write!(
            body,
            r#"<section aria-labelledby="alle-kop"><h2 id="alle-kop">{}</h2><ul class="areas columns">"#,
            esc(&msg!(m, "serve-gemeenten-all"))
        );
        for g in gemeenten {
            let _ = write!(
                body,
                r#"<li><a href="/?gemeente={code}{q}">{name}</a> <span class="code">{code}</span></li>"#,
                code = esc(&g.code),
                q = if lang == Lang::En { "&amp;lang=en" } else { "" },
                name = esc(&g.name),
            );
        }
        body.push_str("</ul></section>");
    }
    layout(m, &title, &switch, &body)
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A chart (SVG of the report data) inline, as an image with its text.
fn chart(svg: &str, alt: &str) -> String {
    if svg.is_empty() {
        return String::new();
    }
    let svg = svg.replacen(
        "<svg ",
        &format!(r#"<svg role="img" aria-label="{}" "#, esc(alt)),
        1,
    );
    format!(r#"<span class="chart">{svg}</span>"#)
}

/// The comparison as a colour swatch and its words (never colour alone).
fn comparison(code: &str, words: &str) -> String {
    let code = if code.is_empty() {
        "not_compared"
    } else {
        code
    };
    format!(
        r#"<span class="cmp cmp-{}"><span class="swatch" aria-hidden="true"></span>{}</span>"#,
        esc(code),
        esc(words)
    )
}

/// The area page: the profile's content from its report data. Headings
/// and column heads are the report's own labels (`labels` in the data), so
/// the page and the PDF say the same; `map` is the area's place among the
/// wijken of its municipality (SVG with links), when boundaries exist.
pub fn area(m: &Messages, report: &Value, map: Option<&str>) -> String {
    let lang = m.lang();
    let area = report.get("area").cloned().unwrap_or(Value::Null);
    let labels = report.get("labels").cloned().unwrap_or(Value::Null);
    let label = |key: &str| esc(s(&labels, key));
    let code = s(&area, "code");
    let name = s(&area, "name");
    let gemeente_code = s(&area, "gemeente_code");
    let gemeente_name = s(&area, "gemeente_name");
    let q = lang_query(lang);
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<nav aria-label="{crumbs}" class="crumbs"><a href="/{q}">{home}</a> <span aria-hidden="true">›</span> <a href="/?gemeente={gc}{amp}">{gemeente}</a></nav>
<div class="area-head"><div><p class="kicker">{kicker}</p><h1>{name}</h1><p class="sub">{sub}</p></div>
<p class="downloads"><a class="button pdf" href="/gebied/{code}/pdf{q}" download="profiel-{code}.pdf">{pdf}</a> <a class="button secondary csv" href="/gebied/{code}/csv" download="profiel-{code}.csv">{csv}</a></p></div>"#,
        crumbs = esc(&msg!(m, "serve-crumbs")),
        home = esc(&msg!(m, "serve-home")),
        gc = esc(gemeente_code),
        amp = if lang == Lang::En { "&amp;lang=en" } else { "" },
        gemeente = esc(gemeente_name),
        kicker = label("title"),
        name = esc(name),
        sub = esc(&msg!(
            m,
            "serve-area-subtitle",
            level = s(&area, "level_label"),
            code = code,
            gemeente = gemeente_name
        )),
        code = esc(code),
        pdf = esc(&msg!(m, "serve-download-pdf")),
        csv = esc(&msg!(m, "serve-download-csv")),
    );

    body.push_str(r#"<div class="area-top">"#);
    let _ = write!(
        body,
        r#"<section class="card summary-card" aria-labelledby="opvallend"><h2 id="opvallend">{}</h2>"#,
        label("summary_heading")
    );
    let summary = list(report, "summary");
    if summary.is_empty() {
        let _ = write!(body, "<p>{}</p>", label("summary_none"));
    } else {
        body.push_str(r#"<ul class="summary">"#);
        for item in summary {
            let _ = write!(
                body,
                "<li>{}</li>",
                comparison(s(item, "comparison"), s(item, "text"))
            );
        }
        body.push_str("</ul>");
    }
    body.push_str("</section>");
    if let Some(svg) = map {
        let _ = write!(
            body,
            r#"<section class="card locator" aria-labelledby="ligging"><h2 id="ligging">{}</h2><div class="map small">{svg}</div></section>"#,
            esc(&msg!(m, "serve-area-map-heading"))
        );
    }
    body.push_str("</div>");

    let missing = list(report, "missing");
    if !missing.is_empty() {
        let _ = write!(
            body,
            r#"<section aria-labelledby="ontbreekt"><h2 id="ontbreekt">{}</h2><ul class="missing">"#,
            label("missing_heading")
        );
        for line in missing {
            let _ = write!(body, "<li>{}</li>", esc(line.as_str().unwrap_or("")));
        }
        body.push_str("</ul></section>");
    }

    let _ = write!(
        body,
        r#"<section aria-labelledby="themas"><h2 id="themas">{}</h2><p class="legend">"#,
        label("indicators_heading")
    );
    for item in list(report, "legend") {
        let _ = write!(body, "{} ", comparison(s(item, "key"), s(item, "label")));
    }
    body.push_str("</p>");
    for (i, theme) in list(report, "themes").iter().enumerate() {
        let _ = write!(
            body,
            r#"<div class="table-wrap"><table><caption id="thema-{i}">{}</caption><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
            esc(s(theme, "label")),
            label("column_indicator"),
            esc(&msg!(m, "serve-col-value")),
            label("column_municipality"),
            label("column_nl"),
            label("column_comparison"),
            esc(&msg!(m, "serve-col-chart")),
        );
        for line in list(theme, "indicators") {
            let text = line.get("text").cloned().unwrap_or(Value::Null);
            let interval = s(&text, "interval");
            let place = s(&text, "place");
            let _ = write!(
                body,
                r#"<tr><th scope="row">{label} <span class="unit">{unit}</span></th><td class="num">{value}{interval}</td><td class="num">{gem}</td><td class="num">{nl}</td><td>{cmp}</td><td>{chart}</td></tr>"#,
                label = esc(s(line, "label")),
                unit = esc(s(line, "unit_label")),
                value = esc(s(&text, "value")),
                interval = if interval.is_empty() {
                    String::new()
                } else {
                    format!(r#" <span class="ci">{}</span>"#, esc(interval))
                },
                gem = esc(s(&text, "gemeente")),
                nl = esc(s(&text, "nl")),
                cmp = comparison(s(line, "vs_nl"), place),
                chart = chart(s(line, "spine"), s(line, "spine_alt")),
            );
        }
        body.push_str("</tbody></table></div>");
    }
    body.push_str("</section>");

    if let Some(costs) = report.get("costs").filter(|c| !c.is_null()) {
        let _ = write!(
            body,
            r#"<section aria-labelledby="kosten"><h2 id="kosten">{}</h2><p>{}</p><div class="table-wrap"><table><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
            label("costs_heading"),
            esc(s(costs, "intro")),
            label("costs_column_category"),
            label("costs_column_crude"),
            label("costs_column_standardised"),
            label("column_nl"),
            label("costs_column_ratio"),
            esc(&msg!(m, "serve-col-chart")),
        );
        for row in list(costs, "rows") {
            let text: Vec<&str> = list(row, "text").iter().filter_map(Value::as_str).collect();
            let cell = |i: usize| esc(text.get(i).copied().unwrap_or(""));
            let _ = write!(
                body,
                r#"<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>"#,
                esc(s(row, "label")),
                cell(0),
                cell(1),
                cell(2),
                cell(3),
                chart(s(row, "bars"), s(row, "bars_alt")),
            );
        }
        let _ = write!(
            body,
            r#"</tbody></table></div><p class="note">{}</p></section>"#,
            esc(s(costs, "note"))
        );
    }

    let _ = write!(
        body,
        r#"<section aria-labelledby="bronnen"><h2 id="bronnen">{}</h2>"#,
        label("methods_heading"),
    );
    for paragraph in list(report, "methods") {
        let _ = write!(body, "<p>{}</p>", esc(paragraph.as_str().unwrap_or("")));
    }
    let _ = write!(
        body,
        r#"<div class="table-wrap"><table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        label("input_files_heading"),
        label("column_file"),
        label("column_year"),
    );
    for source in list(report, "sources") {
        let _ = write!(
            body,
            "<tr><td>{}<br><span class=\"unit\">{}</span></td><td>{}</td></tr>",
            esc(s(source, "name")),
            esc(s(source, "description")),
            esc(s(source, "year_text"))
        );
    }
    body.push_str("</tbody></table></div></section>");

    let switch = match lang {
        Lang::Nl => format!("/gebied/{code}?lang=en"),
        Lang::En => format!("/gebied/{code}"),
    };
    layout(m, name, &switch, &body)
}

/// The networks page: every network of the pipeline with its annual
/// report (PDF made on demand) and the areas it works in, linked to their
/// profiles where `area_name` knows them.
pub fn networks<'a>(
    m: &Messages,
    networks: &[NetworkEntry],
    area_name: impl Fn(&str) -> Option<&'a str>,
) -> String {
    let lang = m.lang();
    let q = lang_query(lang);
    let title = msg!(m, "serve-networks");
    let mut body = format!(
        r#"<nav aria-label="{}" class="crumbs"><a href="/{q}">{}</a></nav><h1>{}</h1><p class="lead">{}</p>"#,
        esc(&msg!(m, "serve-crumbs")),
        esc(&msg!(m, "serve-home")),
        esc(&title),
        esc(&msg!(m, "serve-networks-intro")),
    );
    // The cross-site comparison of the networks (vergelijking.pdf).
    let _ = write!(
        body,
        r#"<h2>{}</h2><p>{}</p><p><a class="button" href="/vergelijking/pdf{q}">{}</a></p>"#,
        esc(&msg!(m, "serve-comparison")),
        esc(&msg!(m, "serve-comparison-intro")),
        esc(&msg!(m, "serve-comparison-link")),
    );
    let _ = write!(
        body,
        r#"<div class="table-wrap"><table class="networks"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        esc(&msg!(m, "serve-networks-caption", count = networks.len())),
        esc(&msg!(m, "serve-network-column")),
        esc(&msg!(m, "serve-network-areas")),
        esc(&msg!(m, "serve-network-report")),
    );
    for n in networks {
        let areas: Vec<String> = n
            .areas
            .iter()
            .map(|code| match area_name(code) {
                Some(name) => format!(
                    r#"<a href="/gebied/{c}{q}">{}</a> <span class="code">{c}</span>"#,
                    esc(name),
                    c = esc(code)
                ),
                None => format!(r#"<span class="code">{}</span>"#, esc(code)),
            })
            .collect();
        let _ = write!(
            body,
            r#"<tr><th scope="row">{name} <span class="code">{id}</span></th><td>{areas}</td><td><a class="button secondary" href="/netwerk/{href}/pdf{q}">PDF<span class="vh"> · {label}</span></a></td></tr>"#,
            name = esc(&n.name),
            id = esc(&n.id),
            areas = areas.join(", "),
            href = path_segment(&n.id),
            label = esc(&msg!(
                m,
                "serve-network-report-label",
                name = n.name.as_str()
            )),
        );
    }
    let _ = write!(
        body,
        r#"</tbody></table></div><p class="note">{}</p>"#,
        esc(&msg!(m, "serve-network-report-note"))
    );
    let switch = match lang {
        Lang::Nl => "/netwerken?lang=en",
        Lang::En => "/netwerken",
    };
    layout(m, &title, switch, &body)
}

/// Percent-encodes text for one path segment of a link (ids from the
/// register may hold any character).
pub fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}
