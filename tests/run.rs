//! `wijkmonitor run`: the example pipeline end to end, identical bytes on a
//! second run, `--check` on broken inputs, and a failing network that does
//! not stop the others.

use std::collections::BTreeMap;
use std::path::Path;

use crate::workdir::{Workdir, fixture, repo};

const NETWORKS: [&str; 10] = [
    "america",
    "brummen",
    "dukenburg",
    "gemert",
    "lemmer",
    "presikhaaf",
    "ruwaard",
    "stevenshof",
    "wedde",
    "wijchen",
];

/// Every file under `dir` (relative path → bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The respondent, request and volunteer codes of the sample data.
fn pseudonyms() -> Vec<String> {
    use wijkmonitor::ingest::network::logs::read_match_log;
    use wijkmonitor::ingest::network::responses::read_responses;
    use wijkmonitor::spec::instrument::load_instrument;
    let dir = repo().join("sample-data/netwerken");
    let mut out = Vec::new();
    let matches = read_match_log(&dir.join("matches-wedde.xlsx"), None).unwrap();
    for m in matches.data {
        out.push(m.request_id);
        out.extend(m.volunteer);
    }
    let instrument = load_instrument("positieve-gezondheid", &repo()).unwrap();
    let responses = read_responses(
        &dir.join("antwoorden-positieve-gezondheid.xlsx"),
        &instrument,
        None,
    )
    .unwrap();
    out.extend(responses.data.records.into_iter().map(|r| r.respondent));
    out.sort();
    out.dedup();
    assert!(out.len() > 100, "too few pseudonyms read: {}", out.len());
    out
}

#[test]
fn the_example_pipeline_makes_every_report_the_same_twice() {
    let wd = Workdir::new();
    let pipeline = repo().join("pipelines/voorbeeld.toml");
    wd.run([
        "run".as_ref(),
        pipeline.as_os_str(),
        "--out".as_ref(),
        "a".as_ref(),
        "--keep-data".as_ref(),
    ])
    .expect_code(0)
    .expect_stdout_contains("10 netwerkrapporten");
    let a = files(&wd.path().join("a"));
    let secrets = pseudonyms();
    for id in NETWORKS {
        let pdf = &a[&format!("netwerk-{id}.pdf")];
        assert!(pdf.starts_with(b"%PDF-"), "netwerk-{id}.pdf is no PDF");
        // The JSON behind each report holds aggregates only: no respondent
        // pseudonym, request id or volunteer code of the inputs.
        let json = String::from_utf8(a[&format!("data/netwerk-{id}.json")].clone()).unwrap();
        for secret in &secrets {
            assert!(
                !json.contains(&format!("\"{secret}\"")) && !json.contains(&format!(" {secret} ")),
                "netwerk-{id}.json holds the pseudonym {secret:?}"
            );
        }
    }
    for table in [
        "networks",
        "before_after",
        "waves",
        "cutoffs",
        "matches",
        "question_quarters",
        "community_change",
        "profile",
        "costs",
    ] {
        for ext in ["csv", "parquet"] {
            assert!(
                a.contains_key(&format!("tables/{table}.{ext}")),
                "no tables/{table}.{ext}"
            );
        }
    }
    assert!(a.contains_key("wijkmonitor-tabellen.xlsx"));
    // Every table as declared once: CSV header, Parquet columns and types, workbook header.
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(wd.path().join("a/wijkmonitor-tabellen.xlsx")).unwrap();
    for table in wijkmonitor::schema::ALL_TABLES
        .iter()
        .filter(|t| t.name != "tidy")
    {
        crate::tables::check_written(&wd.path().join("a/tables"), table.name, table);
        let sheet = calamine::Reader::worksheet_range(&mut workbook, table.name).unwrap();
        let header: Vec<String> = sheet
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(header, table.names(), "sheet {}", table.name);
    }
    assert!(a.keys().any(|k| k.starts_with("profiel-WK082806")));
    assert!(
        !a.keys().any(|k| k.contains(".tmp")),
        "temporary files left: {:?}",
        a.keys().collect::<Vec<_>>()
    );
    summaries_agree_with_the_tables(&a);
    let networks = String::from_utf8(a["tables/networks.csv"].clone()).unwrap();
    assert_eq!(networks.lines().count(), 11, "{networks}");

    // The same inputs give the same bytes, also when the documents are
    // rendered in this process instead of in worker processes.
    wd.run_with_env(
        &[("WIJKMONITOR_RENDER", "threads")],
        [
            "run".as_ref(),
            pipeline.as_os_str(),
            "--out".as_ref(),
            "b".as_ref(),
            "--keep-data".as_ref(),
            "-q".as_ref(),
        ],
    )
    .expect_code(0);
    let b = files(&wd.path().join("b"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between two runs");
    }
}

/// Every figure of a report's residents section is a row of
/// `before_after.csv`, and every statement of a change in the summary rests
/// on a p-value below 0.05 of that row, quoting its means.
fn summaries_agree_with_the_tables(out: &BTreeMap<String, Vec<u8>>) {
    let mut reader = csv::Reader::from_reader(&out["tables/before_after.csv"][..]);
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let number = |r: &csv::StringRecord, name: &str| r[col(name)].parse::<f64>().ok();
    let mut statements = 0;
    for id in NETWORKS {
        let json: serde_json::Value =
            serde_json::from_slice(&out[&format!("data/netwerk-{id}.json")]).unwrap();
        for block in json["residents"].as_array().unwrap() {
            let instrument = block["instrument"].as_str().unwrap();
            for scale in block["scales"].as_array().unwrap() {
                let Some(mean_from) = scale["mean_from"].as_f64() else {
                    assert!(scale["suppressed"].as_bool().unwrap());
                    continue;
                };
                let row = rows
                    .iter()
                    .find(|r| {
                        &r[col("network_id")] == id
                            && &r[col("instrument")] == instrument
                            && &r[col("group")] == "alle"
                            && number(r, "mean_from").is_some_and(|m| {
                                (m - mean_from).abs() <= 1e-12 * mean_from.abs().max(1.0)
                            })
                    })
                    .unwrap_or_else(|| panic!("{id} {instrument} {scale}: no such row"));
                for field in ["p_ttest", "ci_low", "ci_high", "mean_to"] {
                    let (table, report) = (number(row, field), scale[field].as_f64());
                    assert!(
                        match (table, report) {
                            // The CSV holds the exact f64 (shortest round-trip
                            // form); serde_json's default float parser, used
                            // here to read the report data, may be 1 ulp off.
                            (Some(t), Some(r)) => (t - r).abs() <= 4.0 * f64::EPSILON * r.abs(),
                            (t, r) => t == r,
                        },
                        "{id} {instrument} {field}: table {table:?}, report {report:?}"
                    );
                }
                let label = scale["label"].as_str().unwrap().to_lowercase();
                for statement in json["summary"].as_array().unwrap() {
                    let text = statement["text"].as_str().unwrap();
                    let direction = statement["direction"].as_str().unwrap();
                    if statement["topic"] == "residents"
                        && (direction == "better" || direction == "worse")
                        && text.starts_with(block["name"].as_str().unwrap())
                        && text.contains(&format!("— {label} "))
                    {
                        statements += 1;
                        assert!(scale["p_ttest"].as_f64().unwrap() < 0.05, "{id}: {text}");
                        let digits = scale["digits"].as_u64().unwrap() as usize;
                        let shown = format!("{mean_from:.digits$}").replace('.', ",");
                        assert!(text.contains(&shown), "{id}: {text} lacks {shown}");
                    }
                }
            }
        }
    }
    assert!(
        statements >= 5,
        "only {statements} statements of change were checked"
    );
}

#[test]
fn check_lists_every_problem_and_writes_nothing() {
    let wd = Workdir::new();
    let toml = format!(
        r#"
name = "Kapot"
[inputs]
register = {{ path = "{register}", kind = "register" }}
djg = {{ path = "{djg}", kind = "responses", instrument = "eenzaamheid-djg6" }}
matches = {{ path = "{matches}", kind = "matches" }}
weg = {{ path = "bestaat-niet.xlsx", kind = "questions" }}
pg = {{ path = "{djg}", kind = "responses", instrument = "spinnenweb" }}
"#,
        register = fixture("network/register.xlsx").display(),
        djg = fixture("network/antwoorden-eenzaamheid-fout.xlsx").display(),
        matches = fixture("network/matches-fout.xlsx").display(),
    );
    wd.write("kapot.toml", toml);
    let run = wd.run(["run", "--check", "kapot.toml", "--out", "uit"]);
    run.expect_code(1)
        // cells of the responses and the match log, with row and column
        .expect_stderr_contains("row 6, column \"djg_leegte\": error: expected one of ja, min of meer, nee, found \"soms\"")
        .expect_stderr_contains("row 8, column \"netwerk\": error: the network \"lemmer\" is not in the register")
        .expect_stderr_contains("row 6, column \"tevredenheid\": error: expected a whole number from 1 to 5, found \"goed\"")
        // a missing file and an unknown instrument, each named
        .expect_stderr_contains("weg: error:")
        .expect_stderr_contains("bestaat-niet.xlsx")
        .expect_stderr_contains("pg: error: the instrument \"spinnenweb\"")
        .expect_stdout_contains("5 invoerbestanden, 2 onleesbaar, 10 fouten");
    assert!(!wd.path().join("uit").exists(), "--check wrote output");

    // A broken pipeline file: every problem at once.
    wd.write(
        "fout.toml",
        "name = \"x\"\n[settings]\nmin_n = 0\n[inputs]\nr = { path = \"r.xlsx\", kind = \"registr\" }\n",
    );
    wd.run(["run", "--check", "fout.toml"])
        .expect_code(1)
        .expect_stderr_contains("fout.toml: line 5:")
        .expect_stderr_contains("registr");
}

#[test]
fn a_failing_network_does_not_stop_the_others() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("sjablonen")).unwrap();
    // A template that fails for one network only.
    wd.write(
        "sjablonen/netwerk.typ",
        "#let data = json(\"data.json\")\n\
         #set document(title: data.network.name)\n\
         #if data.network.id == \"wedde\" { panic(\"kapot voor wedde\") }\n\
         = #data.network.name\n",
    );
    let pipeline = repo().join("pipelines/voorbeeld.toml");
    let run = wd.run([
        "run".as_ref(),
        pipeline.as_os_str(),
        "--out".as_ref(),
        "uit".as_ref(),
        "--templates".as_ref(),
        "sjablonen".as_ref(),
        "--network".as_ref(),
        "wedde".as_ref(),
        "ruwaard".as_ref(),
        "gemert".as_ref(),
    ]);
    run.expect_code(1)
        .expect_stderr_contains("report of network wedde")
        .expect_stderr_contains("kapot voor wedde");
    let out = files(&wd.path().join("uit"));
    assert!(out.contains_key("netwerk-ruwaard.pdf"));
    assert!(out.contains_key("netwerk-gemert.pdf"));
    assert!(!out.contains_key("netwerk-wedde.pdf"));
    assert!(!out.keys().any(|k| k.contains(".tmp")));

    wd.run([
        "run".as_ref(),
        pipeline.as_os_str(),
        "--network".as_ref(),
        "oss".as_ref(),
    ])
    .expect_code(1)
    .expect_stderr_contains("the register has no network \"oss\"; its networks are: ruwaard");
}

/// A pipeline reading the sample register and the collaboration responses
/// (waves T0, T1, T2), with these settings.
fn settings_pipeline(settings: &str) -> String {
    let sample = repo().join("sample-data/netwerken");
    format!(
        r#"name = "x"
[settings]
{settings}
[inputs]
register = {{ path = "{register}", kind = "register" }}
samenwerking = {{ path = "{responses}", kind = "responses", instrument = "samenwerking-kaats-opheij" }}
[outputs]
tables = true
"#,
        register = sample.join("register.xlsx").display(),
        responses = sample.join("antwoorden-samenwerking.xlsx").display(),
    )
}

/// Issue 11, defect 7: `from = "T9"`, `from = to` and `--network
/// does-not-exist` all exited 0.
#[test]
fn pipeline_settings_not_checked() {
    let wd = Workdir::new();
    wd.write("goed.toml", settings_pipeline("from = \"T0\"\nto = \"T2\""));
    wd.run(["run", "--check", "goed.toml"]).expect_code(0);

    wd.write("t9.toml", settings_pipeline("from = \"T9\"\nto = \"T1\""));
    wd.run(["run", "--check", "t9.toml"])
        .expect_code(1)
        .expect_stderr_contains(
            "t9.toml: line 3: key `settings.from`: \"T9\" is not a wave of the instrument \
             \"samenwerking-kaats-opheij\" (input \"samenwerking\"); the waves are: T0, T1, T2",
        );
    // Not only --check: a run stops before making anything.
    wd.run(["run", "t9.toml", "--out", "uit"]).expect_code(1);
    assert!(
        !wd.path().join("uit").exists(),
        "a run with a wrong wave wrote output"
    );

    wd.write(
        "gelijk.toml",
        settings_pipeline("from = \"T1\"\nto = \"T1\""),
    );
    wd.run(["run", "--check", "gelijk.toml"])
        .expect_code(1)
        .expect_stderr_contains(
            "gelijk.toml: line 4: key `settings.to`: from and to are both \"T1\": a wave cannot \
             be compared with itself",
        );

    wd.run(["run", "--check", "goed.toml", "--network", "does-not-exist"])
        .expect_code(1)
        .expect_stderr_contains(
            "--network does-not-exist: the register has no network \"does-not-exist\"; its \
             networks are: ",
        );
}

/// Issue 11, defect 7: an instrument referred to by bare name was looked up
/// under `pipelines/pipelines/instruments/` (the path joined twice); it is
/// looked up in `instruments/` beside the pipeline file.
#[test]
fn bare_instrument_names_resolve_beside_the_pipeline() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path().join("instruments")).unwrap();
    let shipped = std::fs::read(repo().join("pipelines/instruments/welbevinden.toml")).unwrap();
    wd.write("instruments/eigen-welbevinden.toml", shipped);
    let sample = repo().join("sample-data/netwerken");
    wd.write(
        "eigen.toml",
        format!(
            r#"name = "x"
[inputs]
register = {{ path = "{register}", kind = "register" }}
wb = {{ path = "{responses}", kind = "responses", instrument = "eigen-welbevinden" }}
"#,
            register = sample.join("register.xlsx").display(),
            responses = sample.join("antwoorden-welbevinden.xlsx").display(),
        ),
    );
    wd.run(["run", "--check", "eigen.toml"])
        .expect_code(0)
        .expect_stdout_contains("wb ");
}

#[test]
fn a_register_only_pipeline_without_year_renders_its_reports() {
    // netwerk.typ read `data.run.year` as a string and failed on null.
    let wd = Workdir::new();
    let register = repo().join("sample-data/netwerken/register.xlsx");
    let pipeline = wd.write(
        "alleen-register.toml",
        format!(
            "name = \"Alleen het register\"\ndate = \"2025-03-01\"\n\n\
             [inputs]\nregister = {{ path = {:?}, kind = \"register\" }}\n\n\
             [outputs]\nreports = true\n",
            register.display().to_string()
        ),
    );
    for lang in ["nl", "en"] {
        let out = format!("uit-{lang}");
        wd.run([
            "--lang".as_ref(),
            lang.as_ref(),
            "run".as_ref(),
            pipeline.as_os_str(),
            "--out".as_ref(),
            out.as_ref(),
            "--keep-data".as_ref(),
            "--network".as_ref(),
            "ruwaard".as_ref(),
        ])
        .expect_code(0);
        let files = files(&wd.path().join(&out));
        assert!(
            files.contains_key("netwerk-ruwaard.pdf"),
            "{lang}: {:?}",
            files.keys()
        );
        let data: serde_json::Value =
            serde_json::from_slice(&files["data/netwerk-ruwaard.json"]).unwrap();
        assert_eq!(
            data["run"]["year"], 2025,
            "{lang}: the year of the run's date"
        );
    }
}
