//! The one place where the web server touches the profile pipeline.
//!
//! Everything the pages need of a profile goes through [`ProfileSource`]:
//! the inputs read once, the rows of every gemeente and wijk, the report
//! data of one area (the same data `profiel.typ` reads, as JSON) and its
//! PDF. When the profile code moves or its data change shape, only this
//! module follows.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde_json::Value;
use typst::foundations::Datetime;

use crate::compute::profile::{AreaSelection, Level, ProfileRow};
use crate::i18n::{Lang, Messages};
use crate::ingest::source::{Dataset, ReadOptions, read_dataset};
use crate::render::pdf::{DocumentFile, Renderer};
use crate::render::profile::Profiles;
use crate::render::profile::build::ReportContext;
use crate::spec::catalogue::IndicatorCatalogue;

/// An area with a profile.
#[derive(Debug, Clone)]
pub struct AreaEntry {
    pub code: String,
    pub name: String,
    /// `gemeente`, `wijk` or `buurt`.
    pub level: &'static str,
    pub gemeente_code: String,
}

/// The profiles of every gemeente and wijk of the inputs, kept in memory.
pub struct ProfileSource {
    profiles: &'static Profiles<'static>,
    contexts: [ReportContext<'static>; 2],
    /// Row indices per area code.
    by_area: HashMap<String, Vec<usize>>,
    areas: Vec<AreaEntry>,
    renderer: Renderer,
    date: Datetime,
}

impl ProfileSource {
    /// Reads the open-data files once (in parallel) and computes the rows
    /// of every gemeente and wijk. The inputs live as long as the server:
    /// they are leaked on purpose, so that the profile (which borrows them)
    /// can be kept.
    pub fn load(
        files: &[PathBuf],
        templates: Option<&Path>,
        date: Datetime,
    ) -> Result<ProfileSource> {
        if files.is_empty() {
            bail!(
                "give at least one open-data file: --kwb FILE, --ggd FILE... or --vektis FILE..."
            );
        }
        let catalogue: &'static IndicatorCatalogue = Box::leak(Box::new(
            IndicatorCatalogue::builtin().context("the shipped indicator catalogue")?,
        ));
        let options = ReadOptions {
            plausible: catalogue.plausible_ranges(),
            ..ReadOptions::default()
        };
        let read: Vec<Result<Dataset, _>> = files
            .par_iter()
            .map(|path| read_dataset(path, &options))
            .collect();
        let mut datasets = Vec::new();
        for result in read {
            datasets.push(result?);
        }
        let datasets: &'static [Dataset] = Box::leak(datasets.into_boxed_slice());
        let mut profiles =
            Profiles::new(datasets, catalogue, &AreaSelection::All(Level::Gemeente))?;
        if let Ok(wijken) = profiles.data.select(&AreaSelection::All(Level::Wijk)) {
            profiles
                .rows
                .extend(wijken.into_iter().filter(|r| r.level != Level::Land));
        }
        let mut by_area: HashMap<String, Vec<usize>> = HashMap::new();
        let mut areas: BTreeMap<String, AreaEntry> = BTreeMap::new();
        for (i, row) in profiles.rows.iter().enumerate() {
            if row.level == Level::Land {
                continue;
            }
            by_area
                .entry(row.area_code.to_string())
                .or_default()
                .push(i);
            let entry = areas
                .entry(row.area_code.to_string())
                .or_insert_with(|| AreaEntry {
                    code: row.area_code.to_string(),
                    name: String::new(),
                    level: level_id(row.level),
                    gemeente_code: row
                        .gemeente_code
                        .as_deref()
                        .unwrap_or(&row.area_code)
                        .to_owned(),
                });
            if entry.name.is_empty()
                && let Some(name) = row.area_name.as_deref()
            {
                entry.name = name.to_owned();
            }
        }
        let names = crate::ingest::source::area_names(datasets);
        for entry in areas.values_mut() {
            if entry.name.is_empty() {
                entry.name = names.get(&entry.code).cloned().unwrap_or_default();
            }
        }
        // The contexts borrow the profile; both live as long as the server.
        let profiles: &'static Profiles<'static> = Box::leak(Box::new(profiles));
        let mut contexts = Vec::with_capacity(2);
        for lang in [Lang::Nl, Lang::En] {
            let messages: &'static Messages = Box::leak(Box::new(Messages::load(templates, lang)?));
            contexts.push(ReportContext::new(
                datasets,
                catalogue,
                &profiles.data,
                &profiles.costs,
                messages,
            ));
        }
        let contexts: [ReportContext<'static>; 2] = contexts
            .try_into()
            .map_err(|_| anyhow::anyhow!("two report contexts"))?;
        Ok(ProfileSource {
            profiles,
            contexts,
            by_area,
            areas: areas.into_values().collect(),
            renderer: Renderer::new(templates)?,
            date,
        })
    }

    /// Every area with a profile, by code.
    pub fn areas(&self) -> &[AreaEntry] {
        &self.areas
    }

    /// The area of this code, if it has a profile.
    pub fn area(&self, code: &str) -> Option<&AreaEntry> {
        self.areas
            .binary_search_by(|a| a.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.areas[i])
    }

    fn rows(&self, code: &str) -> Option<Vec<&ProfileRow>> {
        let indices = self.by_area.get(code)?;
        Some(indices.iter().map(|&i| &self.profiles.rows[i]).collect())
    }

    /// The report data of one area in one language: what `profiel.typ`
    /// reads, as JSON.
    pub fn report(&self, code: &str, lang: Lang) -> Option<Value> {
        let rows = self.rows(code)?;
        let context = &self.contexts[usize::from(lang == Lang::En)];
        serde_json::to_value(context.report(code, &rows, &self.date)).ok()
    }

    /// The rows of one area as CSV (the columns of `tables/profile.csv`).
    pub fn csv(&self, code: &str) -> Option<Vec<u8>> {
        let rows = self.rows(code)?;
        let mut writer = csv::Writer::from_writer(Vec::new());
        for row in rows {
            writer.serialize(row).ok()?;
        }
        writer.into_inner().ok()
    }

    /// The PDF of one area, the same as `wijkmonitor profile` makes. Slow
    /// (typst): call it on a blocking thread.
    pub fn pdf(&self, code: &str, lang: Lang) -> Result<Vec<u8>> {
        let report = self
            .report(code, lang)
            .with_context(|| format!("no profile for {code}"))?;
        let files = vec![DocumentFile {
            path: "data.json".into(),
            bytes: serde_json::to_vec(&report)?,
        }];
        self.renderer.pdf("profiel.typ", files, self.date)
    }
}

fn level_id(level: Level) -> &'static str {
    match level {
        Level::Gemeente => "gemeente",
        Level::Wijk => "wijk",
        Level::Buurt => "buurt",
        Level::Land => "land",
    }
}
