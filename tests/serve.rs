//! `wijkmonitor serve` over plain HTTP, without a socket: every route of
//! the application (`wijkmonitor::serve::app`) called in-process with
//! `tower::ServiceExt::oneshot`, on the open data of the example pipeline.
//! The browser test is `tests/serve_browser.rs`.

use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;
use wijkmonitor::serve::{AppInputs, app};

use crate::workdir::repo;

/// The open-data files of `pipelines/voorbeeld.toml`.
pub fn sample_open_data() -> Vec<std::path::PathBuf> {
    let dir = repo().join("sample-data/open-data");
    [
        "kwb-2020-voorbeeldgemeenten-synthetisch.xlsx",
        "50090NED-2020-18plus-voorbeeldgemeenten.xlsx",
        "50090NED-2020-65plus-voorbeeldgemeenten.xlsx",
        "vektis-zvw-2023-gemeente.csv",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect()
}

/// The application, loaded once for all tests of this module.
fn router() -> Router {
    static APP: OnceLock<Router> = OnceLock::new();
    APP.get_or_init(|| {
        app(&AppInputs {
            files: sample_open_data(),
            boundaries: None,
            pipeline: Some(&repo().join("pipelines/voorbeeld.toml")),
            templates: None,
            date: typst::foundations::Datetime::from_ymd(2025, 3, 1).unwrap(),
            cache_bytes: 8 << 20,
        })
        .expect("the example's open data load")
    })
    .clone()
}

/// The code of wijk Ruwaard (Oss) in the example's data, found as a user
/// finds it: in the list of Oss's wijken.
pub fn ruwaard_code(start_page_of_oss: &str) -> String {
    let at = start_page_of_oss
        .find("Ruwaard</a>")
        .expect("Ruwaard among the wijken of Oss");
    let before = &start_page_of_oss[..at];
    let href = before.rfind("href=\"/gebied/").unwrap() + "href=\"/gebied/".len();
    before[href..]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap()
        .to_owned()
}

fn ruwaard() -> String {
    ruwaard_code(&get("/?gemeente=GM0828").text())
}

struct Answer {
    status: StatusCode,
    content_type: String,
    disposition: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn request(request: Request<Body>) -> Answer {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let response = router().oneshot(request).await.unwrap();
        let header = |name: header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let status = response.status();
        let content_type = header(header::CONTENT_TYPE);
        let disposition = header(header::CONTENT_DISPOSITION);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            content_type,
            disposition,
            body: body.to_vec(),
        }
    })
}

fn get(uri: &str) -> Answer {
    request(Request::get(uri).body(Body::empty()).unwrap())
}

fn assert_page(answer: &Answer, status: StatusCode, lang: &str) {
    assert_eq!(answer.status, status, "{}", answer.text());
    assert!(answer.content_type.starts_with("text/html"));
    assert!(
        answer.text().contains(&format!("<html lang=\"{lang}\">")),
        "lang {lang}"
    );
}

#[test]
fn serve_start_page_lists_the_municipalities_in_a_native_search() {
    let page = get("/");
    assert_page(&page, StatusCode::OK, "nl");
    let html = page.text();
    assert!(html.contains(r#"<label for="gemeente">"#));
    assert!(html.contains(r#"list="gemeenten""#));
    assert!(html.contains(r#"<option value="Oss (GM0828)">"#));
    // Every municipality is also a plain link (no script needed).
    assert!(html.contains(r#"href="/?gemeente=GM0828""#));
    // Nothing from outside the machine.
    for outside in [
        "src=\"http",
        "href=\"http",
        "url(http",
        "src=\"//",
        "href=\"//",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
}

#[test]
fn serve_start_page_with_a_municipality_shows_its_map_and_list() {
    for query in ["GM0828", "oss", "Oss%20(GM0828)"] {
        let page = get(&format!("/?gemeente={query}"));
        assert_page(&page, StatusCode::OK, "nl");
        let html = page.text();
        assert!(html.contains("<svg"), "{query}: a map");
        // Every wijk on the map is a link, and in the list as well.
        let map = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
        let code = ruwaard_code(&html);
        assert!(
            map.contains(&format!(r#"href="/gebied/{code}""#)),
            "{query}"
        );
        let list = &html[html.find(r#"<ul class="areas"#).unwrap()..];
        assert!(list.contains(&format!(r#"href="/gebied/{code}""#)));
        assert!(list.contains(r#"href="/gebied/GM0828""#));
    }
    let unknown = get("/?gemeente=Atlantis");
    assert_page(&unknown, StatusCode::OK, "nl");
    assert!(unknown.text().contains("Geen gemeente gevonden"));
    // What a user typed comes back escaped.
    let hostile = get("/?gemeente=%3Cscript%3Ealert(1)%3C%2Fscript%3E").text();
    assert!(!hostile.contains("<script>"));
    assert!(hostile.contains("&lt;script&gt;"));
}

#[test]
fn serve_area_page_shows_the_profile_in_dutch_and_english() {
    let code = ruwaard();
    let nl = get(&format!("/gebied/{code}"));
    assert_page(&nl, StatusCode::OK, "nl");
    let html = nl.text();
    assert!(html.contains("Ruwaard"));
    assert!(html.contains("Wat valt op"));
    assert!(html.contains(&format!(r#"href="/gebied/{code}/pdf""#)));
    assert!(html.contains(&format!(r#"href="/gebied/{code}/csv""#)));
    // The language switch keeps the address.
    assert!(html.contains(&format!(r#"href="/gebied/{code}?lang=en""#)));
    // The wijk's place on the map of Oss, highlighted.
    assert!(html.contains(r#"<div class="map small">"#));
    // Spine charts inline, each with its text.
    assert!(html.contains(r#"<svg role="img" aria-label=""#));

    let en = get(&format!("/gebied/{}?lang=en", code.to_lowercase()));
    assert_page(&en, StatusCode::OK, "en");
    let html = en.text();
    assert!(html.contains("What stands out"));
    assert!(html.contains(&format!(r#"href="/gebied/{code}/pdf?lang=en""#)));

    let gemeente = get("/gebied/GM0828");
    assert_page(&gemeente, StatusCode::OK, "nl");
    assert!(gemeente.text().contains("Oss"));
}

#[test]
fn serve_unknown_code_gets_the_dutch_404_page() {
    for uri in [
        "/gebied/WK999999",
        "/gebied/WK999999/pdf",
        "/gebied/WK999999/csv",
        "/gebied/",
        "/bestaat-niet",
    ] {
        let page = get(uri);
        assert_page(&page, StatusCode::NOT_FOUND, "nl");
        assert!(page.text().contains("Niet gevonden"), "{uri}");
    }
    let en = get("/gebied/WK999999?lang=en");
    assert_page(&en, StatusCode::NOT_FOUND, "en");
    assert!(en.text().contains("Not found"));
}

#[test]
fn serve_url_with_dots_or_encoded_slashes_never_reads_a_file() {
    for uri in [
        "/gebied/..%2F..%2FCargo.toml",
        "/gebied/%2E%2E%2F%2E%2E%2FCargo.toml",
        "/gebied/..%5C..%5CCargo.toml",
        "/gebied/../../Cargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/style.css/../../../Cargo.toml",
        "/assets/..%2Fserve%2Fmod.rs",
        "/gebied/WK082801%2F..%2F..%2Fetc%2Fpasswd/pdf",
        "/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let answer = get(uri);
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        let text = answer.text();
        assert!(
            !text.contains("[package]") && !text.contains("root:") && !text.contains("pub fn"),
            "{uri}"
        );
    }
    // The one static file is the embedded stylesheet.
    let css = get("/assets/style.css");
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type.starts_with("text/css"));
}

#[test]
fn serve_csv_holds_the_rows_of_that_area_only() {
    let code = ruwaard();
    let csv = get(&format!("/gebied/{code}/csv"));
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.disposition.contains(&format!("profiel-{code}.csv")));
    let text = csv.text();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let code_column = header
        .split(',')
        .position(|c| c == "area_code")
        .expect("an area_code column");
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() > 10, "{} rows", rows.len());
    for row in rows {
        assert_eq!(
            row.split(',').nth(code_column),
            Some(code.as_str()),
            "{row}"
        );
    }
}

#[test]
fn serve_pdf_is_the_profile_of_the_area() {
    let code = ruwaard();
    let pdf = get(&format!("/gebied/{code}/pdf"));
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.content_type, "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF"));
    let text = pdf_text(&pdf.body);
    assert!(text.contains("Ruwaard"), "{text}");
    assert!(text.contains(&code));
    // The second answer comes from the cache: the same bytes.
    let again = get(&format!("/gebied/{code}/pdf"));
    assert_eq!(again.body, pdf.body);
    let en = get(&format!("/gebied/{code}/pdf?lang=en"));
    assert!(pdf_text(&en.body).contains("Neighbourhood health profile"));
}

/// The text of a PDF (pdftotext, which `.ci/run` installs).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed; .ci/run installs it");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn serve_request_sizes_are_bounded() {
    let long = format!("/?gemeente={}", "a".repeat(5000));
    assert_eq!(get(&long).status, StatusCode::URI_TOO_LONG);
    let big = request(
        Request::builder()
            .method(Method::POST)
            .uri("/")
            .header(header::CONTENT_LENGTH, "1000000")
            .body(Body::from(vec![b'x'; 1_000_000]))
            .unwrap(),
    );
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A small body on a page that takes none: not allowed, not read.
    let post = request(Request::post("/").body(Body::from("a=b")).unwrap());
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    // A long search (up to the address limit) is answered, not echoed in full.
    let search = get(&format!("/?gemeente={}", "b".repeat(1500)));
    assert_eq!(search.status, StatusCode::OK);
    assert!(!search.text().contains(&"b".repeat(300)));
}

#[test]
fn serve_networks_page_lists_the_networks_with_their_reports() {
    let page = get("/netwerken");
    assert_page(&page, StatusCode::OK, "nl");
    let html = page.text();
    assert!(html.contains("<table"));
    assert!(html.matches(r#"href="/netwerk/"#).count() >= 10);
    assert!(get("/").text().contains(r#"href="/netwerken""#));
    assert!(html.contains(r#"href="/vergelijking/pdf""#));
    let en = get("/netwerken?lang=en");
    assert_page(&en, StatusCode::OK, "en");
    assert_eq!(
        get("/netwerk/bestaat-niet/pdf").status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get("/netwerk/..%2F..%2Fetc/pdf").status,
        StatusCode::NOT_FOUND
    );
}

#[test]
fn serve_gives_the_cross_site_comparison_of_the_pipeline() {
    let pdf = get("/vergelijking/pdf");
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with(b"%PDF"));
    // The same bytes from the cache the second time.
    assert_eq!(get("/vergelijking/pdf").body, pdf.body);
}
