//! User-facing wording: one Fluent catalogue per language.
//!
//! Every sentence, label and message a user reads — console output, workbook
//! texts, report data — comes from `report-templates/lang/nl.ftl` or
//! `en.ftl` (built into the binary). A user may edit a copy as they edit the
//! templates: `--templates DIR` reads `DIR/lang/<code>.ftl` where it exists.
//! Code asks for a message by id ([`Messages::get`], or [`msg!`] with
//! arguments); templates receive resolved strings or codes and hold no
//! language branches. Numbers reach a message already formatted by
//! `render::words` (one rule for separators and signs); counts are passed as
//! numbers so that Fluent chooses the plural form.

use std::path::Path;
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The language of a run's outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// Nederlands
    Nl,
    /// English
    En,
}

impl Lang {
    /// The ISO 639-1 code: `nl`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Every language, Dutch first.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];
}

/// The built-in catalogue of a language.
pub fn builtin_source(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => include_str!("../report-templates/lang/nl.ftl"),
        Lang::En => include_str!("../report-templates/lang/en.ftl"),
    }
}

/// A language's messages.
pub struct Messages {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Messages {
    /// The built-in messages of `lang`, parsed once per process.
    pub fn builtin(lang: Lang) -> &'static Messages {
        static NL: OnceLock<Messages> = OnceLock::new();
        static EN: OnceLock<Messages> = OnceLock::new();
        let cell = match lang {
            Lang::Nl => &NL,
            Lang::En => &EN,
        };
        cell.get_or_init(|| {
            Messages::parse(lang, builtin_source(lang).to_owned(), "built-in catalogue")
                .expect("the built-in catalogue parses (tested)")
        })
    }

    /// The messages of `lang` from `DIR/lang/<code>.ftl` when a templates
    /// directory holds one, else the built-in ones.
    pub fn load(templates: Option<&Path>, lang: Lang) -> Result<Messages> {
        if let Some(dir) = templates {
            let path = dir.join("lang").join(format!("{}.ftl", lang.code()));
            if path.is_file() {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                return Messages::parse(lang, text, &path.display().to_string());
            }
        }
        Messages::parse(lang, builtin_source(lang).to_owned(), "built-in catalogue")
    }

    /// Parses one catalogue; every syntax error is named with its line.
    pub fn parse(lang: Lang, text: String, origin: &str) -> Result<Messages> {
        let resource = match FluentResource::try_new(text) {
            Ok(r) => r,
            Err((r, errors)) => {
                let source = r.source();
                let lines: Vec<String> = errors
                    .iter()
                    .map(|e| {
                        let line = source[..e.pos.start.min(source.len())]
                            .matches('\n')
                            .count()
                            + 1;
                        format!("{origin}: line {line}: {}", e.kind)
                    })
                    .collect();
                bail!(
                    "the wording catalogue has errors:\n  {}",
                    lines.join("\n  ")
                );
            }
        };
        let id: LanguageIdentifier = lang.code().parse().expect("valid language code");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No Unicode isolation marks around arguments: they would reach PDFs
        // (where PDF/UA forbids some of them) and CSV cells.
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            bail!(
                "{origin}: {} duplicate or invalid entries: {errors:?}",
                errors.len()
            );
        }
        Ok(Messages { lang, bundle })
    }

    /// The language of these messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the catalogue has a message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` without arguments.
    pub fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with `args`. A message that is missing (an edited
    /// catalogue may lack one) shows as its id in brackets rather than
    /// failing the report; the built-in catalogues are tested complete.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return format!("[{id}]");
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// The attribute `attr` of message `id` (`id.attr` in the catalogue).
    pub fn attribute(&self, id: &str, attr: &str) -> String {
        let Some(pattern) = self
            .bundle
            .get_message(id)
            .and_then(|m| m.get_attribute(attr))
            .map(|a| a.value())
        else {
            return format!("[{id}.{attr}]");
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned()
    }
}

/// Arguments for a message: strings as text, integers as numbers (so that
/// the plural form follows them).
pub fn arg<'a>(value: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    value.into()
}

/// `msg!(messages, "id")` or `msg!(messages, "id", name = value, …)`: the
/// message `id` with its arguments (any `Into<FluentValue>`: `&str`,
/// `String`, integers).
#[macro_export]
macro_rules! msg {
    ($messages:expr, $id:expr) => {
        $messages.get($id)
    };
    ($messages:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = ::fluent_bundle::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::arg($value)); )+
        $messages.format($id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The ids (and `id.attribute`s) a catalogue defines.
    fn keys(lang: Lang) -> BTreeSet<String> {
        let resource = FluentResource::try_new(builtin_source(lang).to_owned())
            .unwrap_or_else(|(_, e)| panic!("{} catalogue does not parse: {e:?}", lang.code()));
        let mut keys = BTreeSet::new();
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                keys.insert(m.id.name.to_owned());
                for a in &m.attributes {
                    keys.insert(format!("{}.{}", m.id.name, a.id.name));
                }
            }
        }
        keys
    }

    #[test]
    fn every_key_exists_in_every_language() {
        let nl = keys(Lang::Nl);
        let en = keys(Lang::En);
        let only_nl: Vec<_> = nl.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&nl).collect();
        assert!(
            only_nl.is_empty() && only_en.is_empty(),
            "keys only in nl.ftl: {only_nl:?}\nkeys only in en.ftl: {only_en:?}"
        );
    }

    #[test]
    fn built_in_catalogues_parse_and_format() {
        for lang in Lang::ALL {
            let m = Messages::builtin(lang);
            assert!(!m.get("language-name").starts_with('['));
        }
        let nl = Messages::builtin(Lang::Nl);
        assert_eq!(msg!(nl, "files-count", count = 1), "1 bestand");
        assert_eq!(msg!(nl, "files-count", count = 3), "3 bestanden");
        let en = Messages::builtin(Lang::En);
        assert_eq!(msg!(en, "files-count", count = 1), "1 file");
        assert_eq!(msg!(en, "files-count", count = 3), "3 files");
    }

    #[test]
    fn a_missing_message_shows_its_id() {
        assert_eq!(
            Messages::builtin(Lang::Nl).get("no-such-message"),
            "[no-such-message]"
        );
    }

    #[test]
    fn an_edited_catalogue_with_an_error_names_the_line() {
        let err = Messages::parse(Lang::Nl, "a = b\nc = {\n".into(), "nl.ftl").unwrap_err();
        assert!(err.to_string().contains("nl.ftl: line "), "{err}");
    }
}
