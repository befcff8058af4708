//! The routes of `wijkmonitor serve` and the bounded PDF cache.
//!
//! No part of a URL becomes a file path: an area is looked up by its code in
//! the loaded data (a code that is not there gets the 404 page), the
//! stylesheet is compiled into the binary.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use tokio::sync::Semaphore;

use crate::geo;
use crate::i18n::{Lang, Messages};
use crate::msg;

use super::networks::NetworkSource;
use super::pages::{self, Chosen, esc};
use super::profile_source::{AreaEntry, ProfileSource};

/// Everything the handlers share.
pub struct AppState {
    pub source: ProfileSource,
    pub messages: [Messages; 2],
    /// The user's boundaries (`--boundaries`), else the built-in wijken.
    pub boundaries: Option<geo::Boundaries>,
    /// The networks of the pipeline, when one was given.
    pub networks: Option<NetworkSource>,
    pub pdfs: Mutex<PdfCache>,
    /// At most this many PDFs are rendered at once (one per core): further
    /// requests wait, so memory stays bounded however many arrive.
    pub renders: Semaphore,
}

impl AppState {
    fn messages(&self, lang: Lang) -> &Messages {
        &self.messages[usize::from(lang == Lang::En)]
    }
}

/// A cached PDF's area code and language.
type PdfKey = (String, Lang);

/// Rendered PDFs by (area code, language), least recently used dropped
/// first once their bytes exceed the limit.
pub struct PdfCache {
    limit: usize,
    size: usize,
    clock: u64,
    entries: HashMap<PdfKey, (u64, Arc<Vec<u8>>)>,
}

impl PdfCache {
    /// An empty cache holding at most `limit` bytes.
    pub fn new(limit: usize) -> PdfCache {
        PdfCache {
            limit,
            size: 0,
            clock: 0,
            entries: HashMap::new(),
        }
    }

    fn get(&mut self, key: &(String, Lang)) -> Option<Arc<Vec<u8>>> {
        self.clock += 1;
        let clock = self.clock;
        self.entries.get_mut(key).map(|(used, pdf)| {
            *used = clock;
            pdf.clone()
        })
    }

    fn insert(&mut self, key: (String, Lang), pdf: Arc<Vec<u8>>) {
        if pdf.len() > self.limit {
            return;
        }
        self.clock += 1;
        self.size += pdf.len();
        if let Some((_, old)) = self.entries.insert(key, (self.clock, pdf)) {
            self.size -= old.len();
        }
        while self.size > self.limit {
            let Some(oldest) = self
                .entries
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some((_, pdf)) = self.entries.remove(&oldest) {
                self.size -= pdf.len();
            }
        }
    }
}

/// The query of every page: the language.
#[derive(Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

impl LangQuery {
    fn lang(&self) -> Lang {
        match self.lang.as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Nl,
        }
    }
}

#[derive(Deserialize)]
pub struct StartQuery {
    lang: Option<String>,
    gemeente: Option<String>,
}

/// The application's routes.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(start))
        .route("/gebied/{code}", get(area))
        .route("/gebied/{code}/pdf", get(area_pdf))
        .route("/gebied/{code}/csv", get(area_csv))
        .route("/netwerken", get(networks))
        .route("/netwerk/{id}/pdf", get(network_pdf))
        .route("/vergelijking/pdf", get(comparison_pdf))
        .route("/assets/style.css", get(stylesheet))
        .fallback(not_found)
        // Only GET requests exist; a body is never needed.
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(limits))
        .with_state(state)
}

/// The longest address answered (a code and a language need far less).
pub const MAX_URI: usize = 2048;
/// The largest request body accepted: the pages take none.
pub const MAX_BODY: usize = 4096;

/// Refuses, before any handler runs, an address longer than [`MAX_URI`]
/// (414) and a body larger than [`MAX_BODY`] or of unknown length (413).
/// hyper itself bounds the header block.
async fn limits(request: Request, next: Next) -> Response {
    if request.uri().to_string().len() > MAX_URI {
        return StatusCode::URI_TOO_LONG.into_response();
    }
    let headers = request.headers();
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let chunked = headers.contains_key(header::TRANSFER_ENCODING);
    if chunked || length.is_some_and(|n| n > MAX_BODY as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    next.run(request).await
}

fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, Html(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; style-src 'self'; img-src 'self' data:; script-src 'self'",
        ),
    );
    response
}

async fn not_found(State(state): State<Arc<AppState>>, Query(q): Query<LangQuery>) -> Response {
    let lang = q.lang();
    html(
        StatusCode::NOT_FOUND,
        pages::not_found(state.messages(lang)),
    )
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("assets/style.css"),
    )
        .into_response()
}

/// The municipality a search means: a code, "name (code)" as the datalist
/// offers, or a name (exactly, else the only one that starts with it).
fn find_gemeente<'a>(gemeenten: &[&'a AreaEntry], query: &str) -> Option<&'a AreaEntry> {
    let query = query.trim();
    if query.is_empty() {
        return None;
    }
    let code = query
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or(query)
        .trim()
        .to_ascii_uppercase();
    if let Some(g) = gemeenten.iter().find(|g| g.code == code) {
        return Some(g);
    }
    let lower = query.to_lowercase();
    if let Some(g) = gemeenten.iter().find(|g| g.name.to_lowercase() == lower) {
        return Some(g);
    }
    let mut starting = gemeenten
        .iter()
        .filter(|g| g.name.to_lowercase().starts_with(&lower));
    match (starting.next(), starting.next()) {
        (Some(g), None) => Some(g),
        _ => None,
    }
}

async fn start(State(state): State<Arc<AppState>>, Query(q): Query<StartQuery>) -> Response {
    let lang = match q.lang.as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Nl,
    };
    let m = state.messages(lang);
    let mut gemeenten: Vec<&AreaEntry> = state
        .source
        .areas()
        .iter()
        .filter(|a| a.level == "gemeente")
        .collect();
    gemeenten.sort_by(|a, b| a.name.cmp(&b.name));
    let query = q.gemeente.as_deref().unwrap_or("");
    // A search is at most a name and a code.
    let query = if query.len() > 200 { "" } else { query };
    let chosen = find_gemeente(&gemeenten, query).map(|g| {
        let wijken: Vec<&AreaEntry> = state
            .source
            .areas()
            .iter()
            .filter(|a| a.level == "wijk" && a.gemeente_code == g.code)
            .collect();
        let (map_svg, map_alt) = wijk_map(&state, m, g);
        Chosen {
            gemeente: g,
            map_svg,
            map_alt,
            wijken,
        }
    });
    html(
        StatusCode::OK,
        pages::start(
            m,
            &gemeenten,
            query,
            chosen.as_ref(),
            state.networks.is_some(),
        ),
    )
}

/// The wijken of a municipality with their boundaries: the user's
/// (`--boundaries`) when they have any, else the built-in 2024 division.
/// Only wijken with a profile are drawn (each is a link to its page); a
/// municipality none of whose wijken has one gets no map.
fn wijken_of<'a>(state: &'a AppState, gemeente_code: &str) -> Vec<&'a geo::Area> {
    let mut areas = state
        .boundaries
        .as_ref()
        .map(|b| b.in_gemeente(geo::Level::Wijk, gemeente_code))
        .filter(|areas| !areas.is_empty())
        .or_else(|| {
            geo::builtin(geo::Level::Wijk, 2024)
                .map(|b| b.in_gemeente(geo::Level::Wijk, gemeente_code))
        })
        .unwrap_or_default();
    areas.retain(|a| state.source.area(&a.code).is_some());
    areas
}

/// The address of an area's page (codes are letters and digits; the
/// query is `""` or `?lang=en`, escaped as the map escapes it).
fn link_to(code: &str, q: &str) -> String {
    format!("/gebied/{code}{q}")
}

/// Names every link of a map by its area's name as the list beside it
/// says it (a link's name must not depend on an SVG `<title>` deeper
/// down), and marks the `current` area for the stylesheet and for screen
/// readers (`aria-current`).
fn label_links(
    state: &AppState,
    svg: &str,
    areas: &[&geo::Area],
    q: &str,
    current: Option<&str>,
) -> String {
    let mut svg = svg.to_owned();
    for area in areas {
        let name = state
            .source
            .area(&area.code)
            .map(|a| a.name.as_str())
            .filter(|n| !n.is_empty())
            .unwrap_or(area.name.as_str());
        let href = link_to(&area.code, q);
        let (extra, class) = if current == Some(area.code.as_str()) {
            (r#" aria-current="page""#, r#"class="here" "#)
        } else {
            ("", "")
        };
        svg = svg.replacen(
            &format!(r#"<a href="{href}"><path "#),
            &format!(
                r#"<a href="{href}" aria-label="{}"{extra}><path {class}"#,
                esc(name)
            ),
            1,
        );
    }
    svg
}

/// Makes the SVG of a map a named group of links rather than an image
/// (whose children screen readers skip), so every area stays reachable.
fn map_as_group(svg: &str, name: &str) -> String {
    svg.replacen(
        r#" role="img""#,
        &format!(r#" role="group" aria-label="{}""#, esc(name)),
        1,
    )
}

/// The area's place among the wijken of its municipality, the area
/// highlighted, every wijk linked to its page.
fn area_map(state: &AppState, m: &Messages, a: &AreaEntry) -> Option<String> {
    let areas = wijken_of(state, &a.gemeente_code);
    if !areas.iter().any(|w| w.code == a.code) {
        return None;
    }
    let gemeente = state
        .source
        .area(&a.gemeente_code)
        .map_or(a.gemeente_code.as_str(), |g| g.name.as_str());
    let alt = msg!(
        m,
        "serve-area-map-alt",
        name = a.name.as_str(),
        count = areas.len(),
        gemeente = gemeente
    );
    let q = pages::lang_query(m.lang());
    let link = |w: &geo::Area| link_to(&w.code, q);
    let options = geo::map::MapOptions {
        width: 320.0,
        max_height: 260.0,
        link: Some(&link),
        id_prefix: "lg",
        ..geo::map::MapOptions::default()
    };
    let map = geo::map::locator(&areas, &[a.code.as_str()], &options, |_| alt.clone());
    let svg = label_links(state, &map.svg, &areas, q, Some(&a.code));
    Some(map_as_group(&svg, &alt))
}

/// The map of a municipality's wijken, each linked to its page.
fn wijk_map(state: &AppState, m: &Messages, g: &AreaEntry) -> (Option<String>, String) {
    let areas = wijken_of(state, &g.code);
    let alt = msg!(
        m,
        "serve-map-alt",
        count = areas.len(),
        name = g.name.as_str()
    );
    if areas.is_empty() {
        return (None, alt);
    }
    let q = pages::lang_query(m.lang());
    let link = |a: &geo::Area| link_to(&a.code, q);
    let options = geo::map::MapOptions {
        width: 560.0,
        max_height: 520.0,
        link: Some(&link),
        id_prefix: "wk",
        ..geo::map::MapOptions::default()
    };
    let map = geo::map::locator(&areas, &[], &options, |_| alt.clone());
    let svg = label_links(state, &map.svg, &areas, q, None);
    (Some(map_as_group(&svg, &alt)), alt)
}

/// An area code as it may appear in a URL: letters and digits, short.
fn valid_code(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    (code.len() <= 12 && !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(code)
}

async fn area(
    State(state): State<Arc<AppState>>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = q.lang();
    let m = state.messages(lang);
    let found = valid_code(&code).and_then(|code| {
        let report = state.source.report(&code, lang)?;
        Some((code, report))
    });
    match found {
        Some((code, report)) => {
            let map = state
                .source
                .area(&code)
                .filter(|a| a.level == "wijk")
                .and_then(|a| area_map(&state, m, a));
            html(StatusCode::OK, pages::area(m, &report, map.as_deref()))
        }
        None => html(StatusCode::NOT_FOUND, pages::not_found(m)),
    }
}

async fn area_csv(State(state): State<Arc<AppState>>, Path(code): Path<String>) -> Response {
    let Some((code, csv)) =
        valid_code(&code).and_then(|code| state.source.csv(&code).map(|csv| (code, csv)))
    else {
        return html(
            StatusCode::NOT_FOUND,
            pages::not_found(state.messages(Lang::Nl)),
        );
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"profiel-{code}.csv\""),
            ),
        ],
        csv,
    )
        .into_response()
}

async fn area_pdf(
    State(state): State<Arc<AppState>>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = q.lang();
    let Some(code) = valid_code(&code).filter(|c| state.source.area(c).is_some()) else {
        return html(
            StatusCode::NOT_FOUND,
            pages::not_found(state.messages(lang)),
        );
    };
    pdf_response(
        &state,
        pdf(&state, Document::Profile, code.clone(), lang).await,
        &format!("profiel-{code}.pdf"),
        lang,
    )
}

/// The PDF as an answer, or the error page.
fn pdf_response(
    state: &AppState,
    result: anyhow::Result<Arc<Vec<u8>>>,
    file_name: &str,
    lang: Lang,
) -> Response {
    match result {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{file_name}\""),
                ),
            ],
            bytes.as_ref().clone(),
        )
            .into_response(),
        Err(e) => {
            let m = state.messages(lang);
            let body = format!(
                "<h1>{}</h1><p>{}</p>",
                esc(&msg!(m, "serve-error-title")),
                esc(&msg!(m, "serve-error-text", reason = format!("{e:#}")))
            );
            let title = msg!(m, "serve-error-title");
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                pages::layout(m, &title, "/", &body),
            )
        }
    }
}

/// What a cached PDF is: an area's profile or a network's report.
#[derive(Clone, Copy)]
enum Document {
    Profile,
    Network,
    Comparison,
}

async fn networks(State(state): State<Arc<AppState>>, Query(q): Query<LangQuery>) -> Response {
    let m = state.messages(q.lang());
    match &state.networks {
        Some(networks) => html(
            StatusCode::OK,
            pages::networks(m, networks.networks(), |code| {
                state.source.area(code).map(|a| a.name.as_str())
            }),
        ),
        None => html(StatusCode::NOT_FOUND, pages::not_found(m)),
    }
}

async fn network_pdf(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = q.lang();
    // The id is only compared with the register's ids; it names no file.
    let Some(network) = state.networks.as_ref().and_then(|n| n.network(&id)) else {
        return html(
            StatusCode::NOT_FOUND,
            pages::not_found(state.messages(lang)),
        );
    };
    let id = network.id.clone();
    let file =
        crate::render::outpath::output_file(std::path::Path::new(""), "netwerk-", &id, "pdf")
            .ok()
            .and_then(|p| p.file_name().map(|f| f.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "netwerk.pdf".to_owned());
    pdf_response(
        &state,
        pdf(&state, Document::Network, id, lang).await,
        &file,
        lang,
    )
}

/// The cross-site comparison of the pipeline's networks (`vergelijking.pdf`).
async fn comparison_pdf(
    State(state): State<Arc<AppState>>,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = q.lang();
    if state.networks.is_none() {
        return html(
            StatusCode::NOT_FOUND,
            pages::not_found(state.messages(lang)),
        );
    }
    pdf_response(
        &state,
        pdf(&state, Document::Comparison, String::new(), lang).await,
        crate::render::compare::REPORT_FILE,
        lang,
    )
}

/// The PDF from the cache, or rendered on a blocking thread (typst is
/// synchronous and takes ~100 ms) when a render permit is free.
async fn pdf(
    state: &Arc<AppState>,
    document: Document,
    code: String,
    lang: Lang,
) -> anyhow::Result<Arc<Vec<u8>>> {
    let key = match document {
        Document::Profile => (code.clone(), lang),
        // A network id may look like an area code: a prefix no code has.
        Document::Network => (format!("netwerk/{code}"), lang),
        Document::Comparison => ("vergelijking/".to_owned(), lang),
    };
    if let Some(pdf) = cache(state).get(&key) {
        return Ok(pdf);
    }
    let _permit = state.renders.acquire().await?;
    // Another request may have rendered it while this one waited.
    if let Some(pdf) = cache(state).get(&key) {
        return Ok(pdf);
    }
    let worker = state.clone();
    let pdf = tokio::task::spawn_blocking(move || match document {
        Document::Profile => worker.source.pdf(&code, lang),
        Document::Network => match &worker.networks {
            Some(networks) => networks.pdf(&code, lang),
            None => anyhow::bail!("no pipeline with networks was given"),
        },
        Document::Comparison => match &worker.networks {
            Some(networks) => networks.comparison_pdf(lang),
            None => anyhow::bail!("no pipeline with networks was given"),
        },
    })
    .await??;
    let pdf = Arc::new(pdf);
    cache(state).insert(key, pdf.clone());
    Ok(pdf)
}

fn cache(state: &AppState) -> std::sync::MutexGuard<'_, PdfCache> {
    // A panic while holding the lock leaves a consistent cache (insert
    // and get do not panic midway), so a poisoned lock is used as is.
    state.pdfs.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_cache_drops_least_recently_used_beyond_its_limit() {
        let mut cache = PdfCache::new(10);
        let key = |c: &str| (c.to_owned(), Lang::Nl);
        cache.insert(key("a"), Arc::new(vec![0; 4]));
        cache.insert(key("b"), Arc::new(vec![0; 4]));
        assert!(cache.get(&key("a")).is_some());
        cache.insert(key("c"), Arc::new(vec![0; 4]));
        assert!(cache.get(&key("b")).is_none());
        assert!(cache.get(&key("a")).is_some());
        assert!(cache.get(&key("c")).is_some());
        assert!(cache.size <= 10);
        cache.insert(key("huge"), Arc::new(vec![0; 11]));
        assert!(cache.get(&key("huge")).is_none());
    }

    #[test]
    fn url_codes_are_letters_and_digits_only() {
        assert_eq!(valid_code("wk082801").as_deref(), Some("WK082801"));
        assert_eq!(valid_code("../etc/passwd"), None);
        assert_eq!(valid_code(""), None);
        assert_eq!(valid_code("GM0828GM0828GM"), None);
    }
}
