//! `wijkmonitor serve` in a real browser: headless Chromium driven through
//! WebDriver (Debian's `chromium` and `chromium-driver`; fantoccini as the
//! client). The walk of the README's tour: find Oss by typing on the start
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
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use fantoccini::{Client, ClientBuilder, Locator, key::Key};
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

fn start_driver(driver: &PathBuf) -> (Running, String) {
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

async fn connect(webdriver: &str, profile: &std::path::Path) -> Client {
    // The flags keep Chromium off the network (it has none here) and
    // from its first-run work; root needs --no-sandbox.
    let capabilities = json!({
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
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(webdriver)
        .await
        .expect("a WebDriver session with Chromium")
}

/// Runs axe-core in the page and fails on any WCAG 2.1 A/AA violation.
async fn axe(client: &Client, axe_js: &str, page: &str) {
    client
        .execute(axe_js, vec![])
        .await
        .expect("axe-core loads");
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
        .await
        .expect("axe-core runs");
    let violations = result.as_array().cloned().unwrap_or_default();
    assert!(
        violations.is_empty(),
        "axe-core on the {page}: {}",
        serde_json::to_string_pretty(&violations).unwrap()
    );
}

async fn h1(client: &Client) -> String {
    client
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
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
        let client = connect(&webdriver, profile.path()).await;
        let result = tour(&client, &base, axe_js.as_deref()).await;
        let _ = client.close().await;
        result
    });
}

async fn tour(client: &Client, base: &str, axe_js: Option<&str>) {
    // The start page: type the name, press Enter.
    client.goto(base).await.unwrap();
    if let Some(js) = axe_js {
        axe(client, js, "start page").await;
    }
    let search = client.find(Locator::Id("gemeente")).await.unwrap();
    search
        .send_keys(&("Oss".to_owned() + &Key::Enter.to_string()))
        .await
        .unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".map svg"))
        .await
        .expect("the map of Oss");
    assert!(client.source().await.unwrap().contains("Oss"));
    if let Some(js) = axe_js {
        axe(client, js, "map page").await;
    }

    // Ruwaard's address from the list, then click it on the map.
    let code = ruwaard_code(&client.source().await.unwrap());
    let wijk = client
        .find(Locator::Css(&format!(
            r#".map svg a[href="/gebied/{code}"]"#
        )))
        .await
        .expect("Ruwaard on the map");
    wijk.click().await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_url(&url::Url::parse(&format!("{base}gebied/{code}")).unwrap())
        .await
        .expect("the wijk's page");
    assert!(h1(client).await.contains("Ruwaard"));
    let source = client.source().await.unwrap();
    assert!(source.contains("Wat valt op"));
    if let Some(js) = axe_js {
        axe(client, js, "area page").await;
    }
    let screenshot = client.screenshot().await.unwrap();
    assert!(screenshot.starts_with(b"\x89PNG"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(repo().join("docs/serve-gebied.png"), &screenshot).unwrap();
    }

    // The language switch.
    client
        .find(Locator::Css("a.switch"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_url(&url::Url::parse(&format!("{base}gebied/{code}?lang=en")).unwrap())
        .await
        .expect("the English page");
    let lang = client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap();
    assert_eq!(lang.as_deref(), Some("en"));
    assert!(client.source().await.unwrap().contains("What stands out"));

    // The PDF behind "Download PDF", fetched by the browser.
    let link = client
        .find(Locator::Css("a.pdf"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .expect("the download link");
    let fetched = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => {
                 let s = ''; const a = new Uint8Array(b);
                 for (let i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
                 done(btoa(s)); }).catch(e => done('error: ' + e));"#,
            vec![json!(link)],
        )
        .await
        .unwrap();
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(fetched.as_str().unwrap())
        .expect("base64 from the page");
    assert!(pdf.starts_with(b"%PDF"), "the download is a PDF");
    let text = pdf_text(&pdf);
    assert!(text.contains("Ruwaard"), "{text}");
}
