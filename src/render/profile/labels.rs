//! The catalogue's words for the codes of the profile data: themes, levels,
//! comparisons, units and cost categories.

use crate::compute::costs::CostCategory;
use crate::compute::profile::{Comparison, Level};
use crate::i18n::Messages;
use crate::spec::catalogue::Theme;

/// The heading of a theme.
pub fn theme_label(m: &Messages, theme: Theme) -> String {
    m.get(match theme {
        Theme::Bevolking => "profile-theme-bevolking",
        Theme::Huishoudens => "profile-theme-huishoudens",
        Theme::InkomenWerk => "profile-theme-inkomen-werk",
        Theme::Zorggebruik => "profile-theme-zorggebruik",
        Theme::Gezondheid => "profile-theme-gezondheid",
        Theme::Leefstijl => "profile-theme-leefstijl",
        Theme::WelzijnParticipatie => "profile-theme-welzijn-participatie",
        Theme::Kosten => "profile-theme-kosten",
    })
}

/// The word of a comparison (`beter`, `similar`, …); empty when not compared.
pub fn comparison_label(m: &Messages, c: Comparison) -> String {
    match c {
        Comparison::Better => m.get("profile-comparison-better"),
        Comparison::Worse => m.get("profile-comparison-worse"),
        Comparison::Higher => m.get("profile-comparison-higher"),
        Comparison::Lower => m.get("profile-comparison-lower"),
        Comparison::Similar => m.get("profile-comparison-similar"),
        Comparison::NotCompared => String::new(),
    }
}

/// The words of a level.
pub struct LevelWords {
    /// `wijk`, `district`.
    pub label: String,
    /// `Wijk`, as a column heading.
    pub short: String,
    /// `wijken`, `districts`.
    pub plural: String,
}

/// The words of a level: label, column heading, plural.
pub fn level_words(m: &Messages, level: Level) -> LevelWords {
    let id = match level {
        Level::Gemeente => "profile-level-gemeente",
        Level::Wijk => "profile-level-wijk",
        Level::Buurt => "profile-level-buurt",
        Level::Land => "profile-level-land",
    };
    LevelWords {
        label: m.get(id),
        short: m.attribute(id, "short"),
        plural: m.attribute(id, "plural"),
    }
}

/// The printed unit of a catalogue unit and the decimals its values get.
pub fn unit_label(m: &Messages, unit: &str) -> (String, u8) {
    match unit {
        "percent" => ("%".to_owned(), 1),
        "per_1000_inhabitants" => (m.get("profile-unit-per-1000-inhabitants"), 1),
        "eur_1000" => (m.get("profile-unit-eur-1000"), 1),
        "eur" | "eur_per_insured_year" => (m.get("profile-unit-eur-per-insured-year"), 0),
        "km" => ("km".to_owned(), 1),
        "count" => (String::new(), 0),
        _ => (String::new(), 1),
    }
}

/// The label of a cost category.
pub fn cost_label(m: &Messages, c: CostCategory) -> String {
    m.get(match c {
        CostCategory::Total => "profile-cost-total",
        CostCategory::Gp => "profile-cost-gp",
        CostCategory::Pharmacy => "profile-cost-pharmacy",
        CostCategory::Hospital => "profile-cost-hospital",
        CostCategory::MentalHealth => "profile-cost-mental-health",
        CostCategory::DistrictNursing => "profile-cost-district-nursing",
        CostCategory::Paramedical => "profile-cost-paramedical",
        CostCategory::Other => "profile-cost-other",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_code_has_words_in_every_language() {
        for lang in Lang::ALL {
            let m = Messages::builtin(lang);
            for theme in Theme::ALL {
                assert!(!theme_label(m, theme).starts_with('['));
            }
            for level in [Level::Gemeente, Level::Wijk, Level::Buurt, Level::Land] {
                let w = level_words(m, level);
                assert!(
                    ![w.label, w.short, w.plural]
                        .iter()
                        .any(|s| s.starts_with('['))
                );
            }
            for unit in ["per_1000_inhabitants", "eur_1000", "eur"] {
                assert!(!unit_label(m, unit).0.starts_with('['));
            }
        }
        let en = Messages::builtin(Lang::En);
        assert_eq!(level_words(en, Level::Buurt).plural, "neighbourhoods");
        assert_eq!(comparison_label(en, Comparison::Worse), "worse");
        assert_eq!(cost_label(en, CostCategory::Gp), "GP care");
    }
}
