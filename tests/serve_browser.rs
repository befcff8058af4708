//! `wijkmonitor serve` in a real browser: headless Chromium driven through
//! the W3C WebDriver protocol (Debian's `chromium` and `chromium-driver`).
//! The client is the few WebDriver commands below over reqwest (JSON over
//! HTTP; reqwest is already in the build): fantoccini would pull ICU crates
//! whose features force a second build of polars and typst for the tests
//! (ARCHITECTURE.md, "Dependencies and why"). The walk of the README's tour: find Oss by typing on the start
//! page, open its map, click a wijk on the map, read its page, switch the
//! language, download the PDF; axe-core checks the start, map and area
//! pages against WCAG 2.1 A/AA.
//!
//! Needs `chromedriver` on the PATH and axe-core's `axe.min.js` at
//! `$AXE_CORE_JS`. Without them the test prints why and passes, unless
//! `WIJKMONITOR_BROWSER_TEST=1` (set by `.ci/run`) makes it mandatory.
//! `UPDATE_EXPECT=1` writes the screenshot of the area page to
//! `docs/serve-gebied.png` (shown in the README).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

use crate::serve::{pdf_text, ruwaard_code};
use crate::workdir::repo;

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What the browser test needs, or why it cannot run.
fn prerequisites() -> Result<(PathBuf, Option<PathBuf>), String> {
    let driver = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("chromedriver"))
        .find(|p| p.is_file())
        .ok_or(
            "chromedriver is not on the PATH (Debian: apt-get install chromium chromium-driver)",
        )?;
    let axe = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    Ok((driver, axe))
}

fn mandatory() -> bool {
    std::env::var("WIJKMONITOR_BROWSER_TEST").is_ok_and(|v| v == "1")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `wijkmonitor serve pipelines/voorbeeld.toml --port 0`: the server and
/// the address it printed.
fn start_server() -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wijkmonitor"))
        .current_dir(repo())
        .args(["serve", "pipelines/voorbeeld.toml", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("wijkmonitor serve starts");
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let url = line.trim().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "printed {url:?}");
    (running, url)
}

fn start_driver(driver: &Path) -> (Running, String) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let running = Running(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    (running, format!("http://127.0.0.1:{port}"))
}

/// A WebDriver session: the commands this test needs.
struct Client {
    http: reqwest::Client,
    session: String,
}

/// An element of the page (its WebDriver reference).
struct Element(String);

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Client {
    async fn connect(webdriver: &str, profile: &Path) -> Client {
        // The flags keep Chromium off the network (it has none here) and
        // from its first-run work; root needs --no-sandbox.
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let http = reqwest::Client::new();
        let answer = send(
            &http,
            reqwest::Method::POST,
            &format!("{webdriver}/session"),
            Some(capabilities),
        )
        .await;
        let session = answer["sessionId"]
            .as_str()
            .expect("a WebDriver session")
            .to_owned();
        Client {
            http,
            session: format!("{webdriver}/session/{session}"),
        }
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        send(
            &self.http,
            reqwest::Method::POST,
            &format!("{}{path}", self.session),
            Some(body),
        )
        .await
    }

    async fn get(&self, path: &str) -> Value {
        send(
            &self.http,
            reqwest::Method::GET,
            &format!("{}{path}", self.session),
            None,
        )
        .await
    }

    async fn close(&self) {
        send(&self.http, reqwest::Method::DELETE, &self.session, None).await;
    }

    async fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url })).await;
    }

    async fn current_url(&self) -> String {
        self.get("/url").await.as_str().unwrap_or("").to_owned()
    }

    async fn source(&self) -> String {
        self.get("/source").await.as_str().unwrap_or("").to_owned()
    }

    async fn find(&self, css: &str) -> Option<Element> {
        let found = self
            .post("/element", json!({ "using": "css selector", "value": css }))
            .await;
        found[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned()))
    }

    /// Waits up to 10 s for an element.
    async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(element) = self.find(css).await {
                return element;
            }
            assert!(Instant::now() < deadline, "no element {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits up to 10 s for the browser to be at `url`.
    async fn wait_for_url(&self, url: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.current_url().await != url {
            assert!(
                Instant::now() < deadline,
                "not at {url} but {}",
                self.current_url().await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn click(&self, element: &Element) {
        self.post(&format!("/element/{}/click", element.0), json!({}))
            .await;
    }

    async fn type_text(&self, element: &Element, text: &str) {
        self.post(
            &format!("/element/{}/value", element.0),
            json!({ "text": text }),
        )
        .await;
    }

    async fn attr(&self, element: &Element, name: &str) -> Option<String> {
        self.get(&format!("/element/{}/attribute/{name}", element.0))
            .await
            .as_str()
            .map(str::to_owned)
    }

    async fn text(&self, element: &Element) -> String {
        self.get(&format!("/element/{}/text", element.0))
            .await
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
            .await
    }

    async fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.post("/execute/async", json!({ "script": script, "args": args }))
            .await
    }

    async fn screenshot(&self) -> Vec<u8> {
        let png = self.get("/screenshot").await;
        base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap_or(""))
            .expect("a base64 screenshot")
    }
}

/// One WebDriver command: its answer's `value`. An error answer (no such
/// element, …) gives `null` for the callers that look for something.
async fn send(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> Value {
    let mut request = http.request(method, url);
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(serde_json::to_vec(&body).unwrap());
    }
    let answer = request.send().await.expect("chromedriver answers");
    let ok = answer.status().is_success();
    let bytes = answer.bytes().await.unwrap();
    let value: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if ok {
        value["value"].clone()
    } else {
        Value::Null
    }
}

/// Runs axe-core in the page and fails on any WCAG 2.1 A/AA violation.
async fn axe(client: &Client, axe_js: &str, page: &str) {
    client.execute(axe_js, vec![]).await;
    let result = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, { runOnly: { type: 'tag',
                   values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                 .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                     help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }))))
                 .catch(e => done([{ id: 'axe-error', help: String(e) }]));"#,
            vec![],
        )
        .await;
    let violations = result.as_array().cloned().expect("axe-core ran");
    assert!(
        violations.is_empty(),
        "axe-core on the {page}: {}",
        serde_json::to_string_pretty(&violations).unwrap()
    );
}

async fn h1(client: &Client) -> String {
    let h1 = client.find("h1").await.expect("a heading");
    client.text(&h1).await
}

#[test]
fn serve_in_a_browser_tour_with_axe_core() {
    let (driver, axe_path) = match prerequisites() {
        Ok(found) => found,
        Err(why) if !mandatory() => {
            eprintln!("serve browser test skipped: {why}");
            return;
        }
        Err(why) => panic!("WIJKMONITOR_BROWSER_TEST=1 but {why}"),
    };
    let axe_js = match axe_path {
        Some(path) => Some(std::fs::read_to_string(path).unwrap()),
        None if mandatory() => panic!("WIJKMONITOR_BROWSER_TEST=1 but AXE_CORE_JS is not set"),
        None => {
            eprintln!("serve browser test: AXE_CORE_JS not set, axe-core not run");
            None
        }
    };
    let (_server, base) = start_server();
    let (_driver, webdriver) = start_driver(&driver);
    let profile = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = Client::connect(&webdriver, profile.path()).await;
        tour(&client, &base, axe_js.as_deref()).await;
        client.close().await;
    });
}

async fn tour(client: &Client, base: &str, axe_js: Option<&str>) {
    // The start page: type the name, press Enter.
    client.goto(base).await;
    if let Some(js) = axe_js {
        axe(client, js, "start page").await;
    }
    let search = client.find("#gemeente").await.expect("the search field");
    client.type_text(&search, "Oss\u{E007}").await;
    client.wait_for(".map svg").await;
    assert!(
        client
            .source()
            .await
            .contains("Kaart van de wijken van Oss")
    );
    if let Some(js) = axe_js {
        axe(client, js, "map page").await;
    }

    // Ruwaard's address from the list, then click it on the map.
    let code = ruwaard_code(&client.source().await);
    let wijk = client
        .find(&format!(r#".map svg a[href="/gebied/{code}"]"#))
        .await
        .expect("Ruwaard on the map");
    client.click(&wijk).await;
    client.wait_for_url(&format!("{base}gebied/{code}")).await;
    assert!(h1(client).await.contains("Ruwaard"));
    assert!(client.source().await.contains("Wat valt op"));
    if let Some(js) = axe_js {
        axe(client, js, "area page").await;
    }
    let screenshot = client.screenshot().await;
    assert!(screenshot.starts_with(b"\x89PNG"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(repo().join("docs/serve-gebied.png"), &screenshot).unwrap();
    }

    // The language switch.
    let switch = client.find("a.switch").await.expect("the language switch");
    client.click(&switch).await;
    client
        .wait_for_url(&format!("{base}gebied/{code}?lang=en"))
        .await;
    let html = client.find("html").await.unwrap();
    assert_eq!(client.attr(&html, "lang").await.as_deref(), Some("en"));
    assert!(client.source().await.contains("What stands out"));

    // The PDF behind "Download PDF", fetched by the browser.
    let link = client.find("a.pdf").await.expect("the download link");
    let href = client.attr(&link, "href").await.expect("its address");
    let fetched = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               fetch(arguments[0]).then(r => r.arrayBuffer())
                 .then(b => done(Array.from(new Uint8Array(b))))
                 .catch(e => done('error: ' + e));"#,
            vec![json!(href)],
        )
        .await;
    let pdf: Vec<u8> = fetched
        .as_array()
        .expect("the PDF's bytes")
        .iter()
        .map(|b| b.as_u64().unwrap_or(0) as u8)
        .collect();
    assert!(pdf.starts_with(b"%PDF"), "the download is a PDF");
    let text = pdf_text(&pdf);
    assert!(text.contains("Ruwaard"), "{text}");
}
