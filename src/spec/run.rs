//! The configuration of one `run`: every setting decided once, before
//! anything is read.
//!
//! A setting can come from the command line, the pipeline file, the
//! environment or a default; which one wins is decided here and nowhere
//! else, so that reading, computing and writing only look the answer up:
//!
//! | setting | order |
//! |---|---|
//! | language | `--lang`, `[settings] lang`, Dutch |
//! | document date | `SOURCE_DATE_EPOCH`, the pipeline's `date`, today |
//! | output directory | `--out`, `uitvoer/<pipeline file name>` |
//! | disclosure threshold, waves | `[settings] min_n`, `from`, `to` (checked by [`super::pipeline`]) |
//! | significance level | `[settings] alpha`, 0.05 |
//! | networks | `--network` (checked against the register once it is read), all |

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::compute::findings::FindingRules;
use crate::i18n::Lang;
use crate::spec::pipeline::Pipeline;

/// What the command line says about a run (the parts a pipeline can also say).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub lang: Option<Lang>,
    pub out: Option<PathBuf>,
    pub networks: Vec<String>,
}

/// Every setting of one run, decided.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub pipeline: Pipeline,
    pub lang: Lang,
    /// The date the reports carry (and their PDF metadata).
    pub date: NaiveDate,
    /// Where every output goes; nothing is written elsewhere.
    pub out: PathBuf,
    pub min_n: usize,
    pub rules: FindingRules,
    /// The networks asked for; empty for all of the register's.
    pub networks: Vec<String>,
}

impl RunConfig {
    /// Decides the settings of a run of `pipeline` (already checked).
    pub fn new(pipeline: Pipeline, overrides: Overrides) -> RunConfig {
        let lang = overrides
            .lang
            .or(pipeline.settings.lang)
            .unwrap_or(Lang::Nl);
        let date = crate::render::pdf::source_date_epoch()
            .map(|d| d.date_naive())
            .or(pipeline.date)
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        let out = overrides
            .out
            .unwrap_or_else(|| Path::new("uitvoer").join(file_stem(&pipeline.path)));
        RunConfig {
            lang,
            date,
            out,
            min_n: pipeline.settings.min_n,
            rules: FindingRules {
                alpha: pipeline.settings.alpha,
            },
            networks: overrides.networks,
            pipeline,
        }
    }

    /// The document date as typst takes it.
    pub fn typst_date(&self) -> Option<typst::foundations::Datetime> {
        use chrono::Datelike;
        typst::foundations::Datetime::from_ymd(
            self.date.year(),
            self.date.month() as u8,
            self.date.day() as u8,
        )
    }
}

/// The pipeline file's name without extension: the default output folder.
fn file_stem(path: &Path) -> PathBuf {
    PathBuf::from(
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "run".to_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::pipeline::parse_pipeline;

    const PIPELINE: &str = "name = \"t\"\nyear = 2024\ndate = \"2025-03-01\"\n\n[settings]\nlang = \"en\"\nalpha = 0.01\n";

    #[test]
    fn the_command_line_wins_over_the_pipeline_and_the_pipeline_over_defaults() {
        let p = parse_pipeline(PIPELINE, Path::new("p/mijn-run.toml")).unwrap();
        let c = RunConfig::new(p.clone(), Overrides::default());
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.out, Path::new("uitvoer").join("mijn-run"));
        assert_eq!(c.rules.alpha, 0.01);
        if crate::render::pdf::source_date_epoch().is_none() {
            assert_eq!(c.date, NaiveDate::from_ymd_opt(2025, 3, 1).unwrap());
        }
        let c = RunConfig::new(
            p,
            Overrides {
                lang: Some(Lang::Nl),
                out: Some("elders".into()),
                networks: vec!["a".into()],
            },
        );
        assert_eq!(c.lang, Lang::Nl);
        assert_eq!(c.out, Path::new("elders"));
        assert_eq!(c.networks, ["a"]);
    }
}
