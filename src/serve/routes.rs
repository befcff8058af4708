//! The routes of `wijkmonitor serve` and the bounded PDF cache.
//!
//! No part of a URL becomes a file path: an area is looked up by its code in
//! the loaded data (a code that is not there gets the 404 page), the
//! stylesheet is compiled into the binary.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use tokio::sync::Semaphore;

use crate::geo;
use crate::i18n::{Lang, Messages};
use crate::msg;

use super::pages::{self, Chosen, esc};
use super::profile_source::{AreaEntry, ProfileSource};

/// Everything the handlers share.
pub struct AppState {
    pub source: ProfileSource,
    pub messages: [Messages; 2],
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
        .route("/assets/style.css", get(stylesheet))
        .fallback(not_found)
        // Only GET requests exist; a body is never needed.
        .layer(DefaultBodyLimit::max(4096))
        .with_state(state)
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
        pages::start(m, &gemeenten, query, chosen.as_ref()),
    )
}

/// The map of a municipality's wijken (built-in 2024 boundaries), each
/// linked to its page.
fn wijk_map(state: &AppState, m: &Messages, g: &AreaEntry) -> (Option<String>, String) {
    let Some(boundaries) = geo::builtin(geo::Level::Wijk, 2024) else {
        return (None, String::new());
    };
    let areas = boundaries.in_gemeente(geo::Level::Wijk, &g.code);
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
    let _ = state;
    let link = |a: &geo::Area| format!("/gebied/{}{q}", a.code);
    let options = geo::map::MapOptions {
        width: 560.0,
        max_height: 520.0,
        link: Some(&link),
        id_prefix: "wk",
        ..geo::map::MapOptions::default()
    };
    let map = geo::map::locator(&areas, &[], &options, |_| alt.clone());
    (Some(map.svg), alt)
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
    let report = valid_code(&code).and_then(|code| state.source.report(&code, lang));
    match report {
        Some(report) => html(StatusCode::OK, pages::area(m, &report)),
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
    match pdf(&state, code.clone(), lang).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"profiel-{code}.pdf\""),
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

/// The PDF from the cache, or rendered on a blocking thread (typst is
/// synchronous and takes ~100 ms) when a render permit is free.
async fn pdf(state: &Arc<AppState>, code: String, lang: Lang) -> anyhow::Result<Arc<Vec<u8>>> {
    let key = (code, lang);
    if let Some(pdf) = cache(state).get(&key) {
        return Ok(pdf);
    }
    let _permit = state.renders.acquire().await?;
    // Another request may have rendered it while this one waited.
    if let Some(pdf) = cache(state).get(&key) {
        return Ok(pdf);
    }
    let worker = state.clone();
    let (code, lang) = key.clone();
    let pdf = tokio::task::spawn_blocking(move || worker.source.pdf(&code, lang)).await??;
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
