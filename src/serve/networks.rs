//! The networks of a pipeline for `wijkmonitor serve`: the list from the
//! register (read once), each network's annual report rendered on demand.
//!
//! A report is made by `wijkmonitor run` itself (`cmd::run::run` with
//! `--network ID` into a temporary directory), so the page offers exactly
//! the PDF that `run` writes, suppression and all, and no second copy of
//! the run's preparation exists. That costs a read of the inputs per
//! report (seconds, once: the PDF is then cached). When `cmd/run.rs`
//! exposes its prepared `RunContext`, this module should keep that in
//! memory instead (a marked place below).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::{CompareArgs, GlobalArgs, RunArgs};
use crate::i18n::Lang;
use crate::ingest::network::register::read_register;
use crate::render::outpath::output_file;
use crate::spec::pipeline::read_pipeline;

/// One network of the register.
#[derive(Debug, Clone)]
pub struct NetworkEntry {
    pub id: String,
    pub name: String,
    /// The municipality's code.
    pub municipality: String,
    /// The codes of the areas it works in.
    pub areas: Vec<String>,
}

/// The networks of a pipeline and how to make their reports.
pub struct NetworkSource {
    pipeline: PathBuf,
    templates: Option<PathBuf>,
    networks: Vec<NetworkEntry>,
}

impl NetworkSource {
    /// Reads the pipeline's register; `None` when the pipeline has none.
    pub fn load(pipeline: &Path, templates: Option<&Path>) -> Result<Option<NetworkSource>> {
        let spec = read_pipeline(pipeline)?;
        let Some(input) = spec.register() else {
            return Ok(None);
        };
        let register = read_register(&input.path)
            .with_context(|| format!("the register {}", input.path.display()))?
            .data;
        let mut areas: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for a in &register.areas {
            areas
                .entry(a.network.as_str())
                .or_default()
                .push(a.area.code.clone());
        }
        let networks = register
            .networks
            .iter()
            .map(|n| NetworkEntry {
                id: n.id.clone(),
                name: n.name.clone(),
                municipality: n.municipality.clone(),
                areas: areas.get(n.id.as_str()).cloned().unwrap_or_default(),
            })
            .collect();
        Ok(Some(NetworkSource {
            pipeline: pipeline.to_path_buf(),
            templates: templates.map(Path::to_path_buf),
            networks,
        }))
    }

    /// Every network, in the order of the register.
    pub fn networks(&self) -> &[NetworkEntry] {
        &self.networks
    }

    /// The network of this id (compared exactly: ids come from the data).
    pub fn network(&self, id: &str) -> Option<&NetworkEntry> {
        self.networks.iter().find(|n| n.id == id)
    }

    /// The network's annual report, the PDF `run` makes. Slow (reads the
    /// inputs, typst): call it on a blocking thread.
    // Interim (issue 13): replace by a RunContext kept in memory once
    // cmd/run.rs exposes its preparation.
    pub fn pdf(&self, id: &str, lang: Lang) -> Result<Vec<u8>> {
        let network = self
            .network(id)
            .with_context(|| format!("no network {id:?}"))?;
        let out = tempfile::tempdir().context("a temporary directory for the report")?;
        let args = RunArgs {
            pipeline: self.pipeline.clone(),
            check: false,
            out: Some(out.path().to_path_buf()),
            network: vec![network.id.clone()],
            templates: self.templates.clone(),
            keep_data: false,
            boundaries: Vec::new(),
        };
        let global = GlobalArgs {
            quiet: true,
            jobs: None,
            lang: Some(lang),
        };
        let outcome = crate::cmd::run::run(&args, &global)?;
        let pdf = output_file(out.path(), "netwerk-", &network.id, "pdf")?;
        match std::fs::read(&pdf) {
            Ok(bytes) => Ok(bytes),
            Err(e) => bail!("the report of network {id} was not made ({outcome:?}): {e}"),
        }
    }

    /// The cross-site comparison of the pipeline's networks, the
    /// `vergelijking.pdf` that `wijkmonitor compare` makes. Slow (reads the
    /// inputs, compares, typst): call it on a blocking thread.
    pub fn comparison_pdf(&self, lang: Lang) -> Result<Vec<u8>> {
        let out = tempfile::tempdir().context("a temporary directory for the comparison")?;
        let args = CompareArgs {
            pipeline: self.pipeline.clone(),
            out: Some(out.path().to_path_buf()),
            network: Vec::new(),
            templates: self.templates.clone(),
            keep_data: false,
        };
        let global = GlobalArgs {
            quiet: true,
            jobs: None,
            lang: Some(lang),
        };
        let outcome = crate::cmd::compare::run(&args, &global)?;
        match std::fs::read(out.path().join(crate::render::compare::REPORT_FILE)) {
            Ok(bytes) => Ok(bytes),
            Err(e) => bail!("the comparison was not made ({outcome:?}): {e}"),
        }
    }
}
