//! Hostile specification files: pipelines and instruments with wrong types,
//! unknown keys, huge numbers, deep nesting, odd paths, broken bytes.

use super::Case;
use super::cases::network_pipeline;
use super::mutate::mutate_bytes;
use super::rng::Rng;
use crate::workdir::repo;

/// Values that do not fit where they are put.
const HOSTILE_VALUES: &[&str] = &[
    "\"\"",
    "\"text\"",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "9223372036854775807",
    "-9223372036854775808",
    "true",
    "[]",
    "[1, \"a\", true]",
    "{}",
    "{ x = 1 }",
    "1979-05-27T07:32:00Z",
    "\"../../../../etc/passwd\"",
    "\"/\"",
    "\"🙂\\u202e\"",
    "\"\\u0000\"",
    "0.000000000000000000001",
];

/// Replaces the value of a random `key = value` line with a hostile value.
pub fn retype(rng: &mut Rng, text: &str) -> (String, String) {
    let lines: Vec<&str> = text.lines().collect();
    let assignments: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let l = lines[i].trim_start();
            !l.starts_with('#') && l.contains(" = ") && !l.ends_with('[') && !l.ends_with("\"\"\"")
        })
        .collect();
    if assignments.is_empty() {
        return (
            "nothing".into(),
            format!("{text}\nx = {}\n", rng.pick(HOSTILE_VALUES)),
        );
    }
    let i = *rng.pick(&assignments);
    let value = *rng.pick(HOSTILE_VALUES);
    let key = lines[i].split(" = ").next().unwrap().trim().to_owned();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    // An inline table of an input: replace one of its fields.
    if out[i].contains("{ path") {
        out[i] = out[i].replacen("kind = \"", &format!("kind = {value}, x = \""), 1);
    } else {
        out[i] = format!("{key} = {value}");
    }
    (format!("{key}={value}"), out.join("\n") + "\n")
}

/// Structural changes to a TOML text, by name.
const STRUCTURE: &[&str] = &[
    "unknown-top-key",
    "unknown-table",
    "deep-arrays",
    "deep-tables",
    "huge-string",
    "empty",
    "garbage",
    "invalid-utf8",
    "bom",
    "duplicate-key",
    "truncated",
    "many-keys",
];

fn restructure(rng: &mut Rng, which: &str, text: &str) -> Vec<u8> {
    match which {
        "unknown-top-key" => format!("surprise = 1\n{text}").into_bytes(),
        "unknown-table" => format!("{text}\n[surprise]\nx = 1\n").into_bytes(),
        "deep-arrays" => {
            let n = 50_000;
            format!("deep = {}{}\n{text}", "[".repeat(n), "]".repeat(n)).into_bytes()
        }
        "deep-tables" => {
            let n = 20_000;
            format!("deep = {}1{}\n{text}", "{ a = ".repeat(n), " }".repeat(n)).into_bytes()
        }
        "huge-string" => format!("huge = \"{}\"\n{text}", "x".repeat(5_000_000)).into_bytes(),
        "empty" => Vec::new(),
        "garbage" => (0..4096).map(|_| rng.next_u64() as u8).collect(),
        "invalid-utf8" => {
            let mut bytes = text.as_bytes().to_vec();
            let i = rng.below(bytes.len());
            bytes.splice(i..i, [0xC3, 0x28, 0xFF]);
            bytes
        }
        "bom" => format!("\u{FEFF}{text}").into_bytes(),
        "duplicate-key" => {
            let first = text
                .lines()
                .find(|l| l.contains(" = ") && !l.starts_with('#'))
                .unwrap_or("x = 1");
            format!("{first}\n{text}").into_bytes()
        }
        "truncated" => text.as_bytes()[..rng.below(text.len())].to_vec(),
        _ => {
            let keys: String = (0..50_000).map(|i| format!("k{i} = {i}\n")).collect();
            format!("{keys}{text}").into_bytes()
        }
    }
}

fn pipeline_case(name: String, bytes: Vec<u8>) -> Case {
    Case {
        name,
        files: vec![("p.toml".into(), bytes)],
        args: ["run", "p.toml", "--check"].map(str::to_owned).to_vec(),
        blame: vec!["p.toml".into()],
        out: None,
        prepare: None,
    }
}

/// Pipelines: retyped values, structural changes, byte mutations, odd paths.
pub fn pipelines() -> Vec<Case> {
    let mut rng = Rng::new(0x9199_5eed);
    let base = network_pipeline("", "reports = true\ntables = true\n");
    let base = base.replace(
        "[inputs]\n",
        "[settings]\nmin_n = 10\nlang = \"nl\"\nfrom = \"T0\"\n[inputs]\n",
    );
    let mut cases = Vec::new();
    for i in 0..20 {
        let (what, text) = retype(&mut rng, &base);
        cases.push(pipeline_case(
            format!("pipeline/retype/{what}#{i}"),
            text.into_bytes(),
        ));
    }
    for which in STRUCTURE {
        let bytes = restructure(&mut rng, which, &base);
        cases.push(pipeline_case(format!("pipeline/{which}"), bytes));
    }
    for i in 0..10 {
        let (what, bytes) = mutate_bytes(&mut rng, base.as_bytes());
        cases.push(pipeline_case(format!("pipeline/bytes/{what}#{i}"), bytes));
    }
    let sample = repo().join("sample-data/netwerken/register.xlsx");
    let sample = sample.display().to_string().replace('\\', "/");
    for (what, path) in [
        ("missing-file", "nope.xlsx".to_owned()),
        ("directory", ".".to_owned()),
        ("dev-null", "/dev/null".to_owned()),
        ("root", "/".to_owned()),
        ("dot-dot", "../../../../../../etc/passwd".to_owned()),
        ("empty-path", String::new()),
        ("pipeline-itself", "p.toml".to_owned()),
        ("wrong-extension", sample.replace(".xlsx", ".xlsx/")),
    ] {
        let text = format!(
            "name = \"p\"\nyear = 2024\n[inputs]\nregister = {{ path = \"{path}\", kind = \"register\" }}\n\
             [outputs]\nreports = true\n"
        );
        cases.push(pipeline_case(
            format!("pipeline/path/{what}"),
            text.into_bytes(),
        ));
    }
    cases
}

/// Instruments through `effect --instrument FILE` (and one pipeline).
pub fn instruments() -> Vec<Case> {
    let mut rng = Rng::new(0x1257_5eed);
    let base =
        std::fs::read_to_string(repo().join("pipelines/instruments/welbevinden.toml")).unwrap();
    let responses = repo().join("sample-data/netwerken/antwoorden-welbevinden.xlsx");
    let responses = responses.display().to_string();
    let register = repo().join("sample-data/netwerken/register.xlsx");
    let register = register.display().to_string();
    let case = |name: String, bytes: Vec<u8>, i: usize| Case {
        name,
        files: vec![("instrument.toml".into(), bytes)],
        args: [
            "effect",
            "--responses",
            responses.as_str(),
            "--instrument",
            "instrument.toml",
            "--out",
            "uit",
            "-q",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .chain((i % 2 == 1).then(|| "--register".to_owned()))
        .chain((i % 2 == 1).then(|| register.clone()))
        .collect(),
        blame: vec!["instrument.toml".into()],
        out: Some("uit".into()),
        prepare: None,
    };
    let mut cases = Vec::new();
    for i in 0..24 {
        let (what, text) = retype(&mut rng, &base);
        cases.push(case(
            format!("instrument/retype/{what}#{i}"),
            text.into_bytes(),
            i,
        ));
    }
    for (i, which) in STRUCTURE.iter().enumerate() {
        let bytes = restructure(&mut rng, which, &base);
        cases.push(case(format!("instrument/{which}"), bytes, i));
    }
    for i in 0..10 {
        let (what, bytes) = mutate_bytes(&mut rng, base.as_bytes());
        cases.push(case(format!("instrument/bytes/{what}#{i}"), bytes, i));
    }
    cases
}
