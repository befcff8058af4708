//! The declarations of the output tables: one [`TableSchema`] per table, the only place its
//! columns, their order, types and meaning are written down.

use super::Dtype::{Bool, Date, Float, Int, Text};
pub use super::compare::{
    AREA_DID, COMPARISON_AREAS, COST_TRENDS, MODERATORS, POOLED, SITE_EFFECTS,
};
use super::{Column, TableSchema, col};

/// Every output table, in the order of the documentation and the workbook.
pub const ALL_TABLES: [&TableSchema; 16] = [
    &NETWORKS,
    &BEFORE_AFTER,
    &WAVES,
    &CUTOFFS,
    &MATCHES,
    &QUESTION_QUARTERS,
    &COMMUNITY_CHANGE,
    &PROFILE,
    &COSTS,
    &SITE_EFFECTS,
    &POOLED,
    &MODERATORS,
    &COMPARISON_AREAS,
    &AREA_DID,
    &COST_TRENDS,
    &TIDY,
];

/// The columns every questionnaire table starts with.
macro_rules! questionnaire_key {
    () => {
        [
            col("network_id", Text, "The network's id in the register."),
            col("instrument", Text, "The questionnaire instrument (`pipelines/instruments/`)."),
            col("scale", Text, "The scale or subscale of the instrument."),
            col("group", Text, "`alle` (everyone), or `column=value` of the instrument's grouping column (`rol=huisarts`)."),
        ]
    };
}

pub const NETWORKS: TableSchema = TableSchema {
    name: "networks",
    title: "Eén rij per netwerk: gegevens uit het netwerkregister.",
    about: "One row per network: what the register says.",
    columns: &[
        col("network_id", Text, "The network's id in the register."),
        col("name", Text, "The network's name."),
        col("gemeente_code", Text, "The municipality (`GM0828`)."),
        col("start_date", Date, "When the network started."),
        col(
            "phase",
            Text,
            "The phase on the run's date (`verkennen`, `vormgeven`, `verdiepen`, `verankeren`).",
        ),
        col(
            "initiator",
            Text,
            "Who took the initiative (`burgers`, `professionals`, `huisarts`, `gemeente`).",
        ),
        col(
            "approach",
            Text,
            "`bottom-up`, `top-down` or `community-up`.",
        ),
        col(
            "perspective",
            Text,
            "The network perspective after Opheij (`rond de persoon`, `wijkvraagstuk`, `populatie in de regio`, `schaalthema`).",
        ),
        col("funding", Text, "`tijdelijk` or `structureel`."),
        col(
            "kartrekker_independent",
            Bool,
            "Whether the kartrekker is independent of the partners.",
        ),
        col(
            "residents_from_start",
            Text,
            "Whether residents took part from the start (`ja`, `nee`, `onbekend`).",
        ),
        col(
            "written_ambition",
            Text,
            "Whether the ambition is written down (`ja`, `nee`, `onbekend`).",
        ),
        col(
            "areas",
            Text,
            "The network's area codes, separated by spaces.",
        ),
        col("partners", Int, "The number of partners in the register."),
        col(
            "partner_domains",
            Text,
            "The partners' domains, separated by spaces.",
        ),
    ],
};

const BEFORE_AFTER_COLUMNS: [Column; 23] = {
    let k = questionnaire_key!();
    [
        k[0],
        k[1],
        k[2],
        k[3],
        col("wave_from", Text, "The earlier wave of the comparison."),
        col("wave_to", Text, "The later wave."),
        col(
            "n_paired",
            Int,
            "Respondents with a score in both waves; 0 for an unpaired comparison.",
        ),
        col(
            "mean_from",
            Float,
            "Mean in the earlier wave (paired: of the `n_paired` respondents; Welch: of all).",
        ),
        col("mean_to", Float, "Mean in the later wave (as `mean_from`)."),
        col("mean_diff", Float, "`mean_to − mean_from`."),
        col(
            "ci_low",
            Float,
            "Lower limit of the 95% t interval of the difference.",
        ),
        col("ci_high", Float, "Upper limit of that interval."),
        col(
            "p_ttest",
            Float,
            "Two-sided p of the paired t-test, or of Welch's t-test.",
        ),
        col(
            "p_wilcoxon",
            Float,
            "Two-sided p of the Wilcoxon signed-rank test (R's convention; paired only).",
        ),
        col(
            "cohen_dz",
            Float,
            "Cohen's d_z: mean difference over the standard deviation of the differences (paired only).",
        ),
        col(
            "pct_improved",
            Float,
            "Percentage of the paired respondents who improved by at least the scale's minimal important change.",
        ),
        col(
            "pct_unchanged",
            Float,
            "Percentage who changed less than that.",
        ),
        col(
            "pct_worse",
            Float,
            "Percentage who got worse by at least that.",
        ),
        col("paired", Bool, "Whether the comparison is paired."),
        col(
            "suppressed",
            Bool,
            "Whether the statistics are suppressed (disclosure control); the n columns stay.",
        ),
        col(
            "n_from",
            Int,
            "Respondents with a score in the earlier wave.",
        ),
        col("n_to", Int, "Respondents with a score in the later wave."),
        col("method", Text, "`paired_t` or `welch`."),
    ]
};

pub const BEFORE_AFTER: TableSchema = TableSchema {
    name: "before_after",
    title: "Voor-na-vergelijkingen per netwerk, vragenlijst, schaal, groep en paar metingen.",
    about: "One row per network × instrument × scale × group × pair of waves: the change between the waves with its interval, tests and effect size.",
    columns: &BEFORE_AFTER_COLUMNS,
};

const WAVE_COLUMNS: [Column; 10] = {
    let k = questionnaire_key!();
    [
        k[0],
        k[1],
        k[2],
        k[3],
        col("wave", Text, "The wave (`T0`, `voor`)."),
        col("n", Int, "Respondents with a score."),
        col("mean", Float, "Mean score."),
        col(
            "ci_low",
            Float,
            "Lower limit of the 95% t interval of the mean.",
        ),
        col("ci_high", Float, "Upper limit of that interval."),
        col(
            "suppressed",
            Bool,
            "Whether the statistics are suppressed (disclosure control).",
        ),
    ]
};

pub const WAVES: TableSchema = TableSchema {
    name: "waves",
    title: "Gemiddelde per meting per netwerk, schaal en groep, met 95%-interval.",
    about: "One row per network × instrument × scale × group × wave: n and the mean with its interval.",
    columns: &WAVE_COLUMNS,
};

const CUTOFF_COLUMNS: [Column; 12] = {
    let k = questionnaire_key!();
    [
        k[0],
        k[1],
        k[2],
        k[3],
        col("wave", Text, "The wave."),
        col(
            "cutoff",
            Text,
            "The cut-off's id in the instrument (`eenzaam`).",
        ),
        col("n", Int, "Respondents with a score."),
        col(
            "n_above",
            Int,
            "Respondents whose score lies in the cut-off's class.",
        ),
        col("pct", Float, "`100 · n_above / n`."),
        col(
            "ci_low",
            Float,
            "Lower limit of the 95% Wilson interval, in percent.",
        ),
        col(
            "ci_high",
            Float,
            "Upper limit of that interval, in percent.",
        ),
        col(
            "suppressed",
            Bool,
            "Whether the statistics are suppressed; always as the wave's row in `waves`.",
        ),
    ]
};

pub const CUTOFFS: TableSchema = TableSchema {
    name: "cutoffs",
    title: "Aandeel respondenten boven een afkappunt per meting (Wilson-interval).",
    about: "One row per network × instrument × scale × group × wave × cut-off: the share of respondents in the cut-off's class.",
    columns: &CUTOFF_COLUMNS,
};

pub const MATCHES: TableSchema = TableSchema {
    name: "matches",
    title: "Hulpvragen en matches per netwerk en jaar (matchlog).",
    about: "One row per network for all years (`period = alle`) and one per calendar year of the request date, from the match log. A count inside a population of fewer than `min_n` is empty, with the shares and medians of that population.",
    columns: &[
        col("network_id", Text, "The network's id in the register."),
        col("period", Text, "`alle` or a calendar year (`2023`)."),
        col("requests", Int, "Requests for help."),
        col("matched", Int, "Requests with a match date."),
        col("pct_matched", Float, "`100 · matched / requests`."),
        col(
            "pct_matched_ci_low",
            Float,
            "Lower limit of its 95% Wilson interval.",
        ),
        col(
            "pct_matched_ci_high",
            Float,
            "Upper limit of that interval.",
        ),
        col(
            "n_days_to_match",
            Int,
            "Matched requests whose match date is not before the request date: the n of the median.",
        ),
        col(
            "median_days_to_match",
            Float,
            "Median number of days from request to match.",
        ),
        col(
            "followup_done",
            Int,
            "Matched requests with a follow-up date (at any time).",
        ),
        col(
            "followup_due",
            Int,
            "Matched requests whose follow-up window (42–56 days after the match) closed by `reference_date`.",
        ),
        col(
            "followup_on_time",
            Int,
            "Due requests followed up within the window.",
        ),
        col(
            "pct_followup_on_time",
            Float,
            "`100 · followup_on_time / followup_due`.",
        ),
        col(
            "pct_followup_on_time_ci_low",
            Float,
            "Lower limit of its 95% Wilson interval.",
        ),
        col(
            "pct_followup_on_time_ci_high",
            Float,
            "Upper limit of that interval.",
        ),
        col(
            "n_volunteer_ok",
            Int,
            "Matched requests with an answer on `vrijwilliger_ok`.",
        ),
        col("volunteer_ok", Int, "Of those, the answers `ja`."),
        col(
            "pct_volunteer_ok",
            Float,
            "`100 · volunteer_ok / n_volunteer_ok`.",
        ),
        col(
            "pct_volunteer_ok_ci_low",
            Float,
            "Lower limit of its 95% Wilson interval.",
        ),
        col(
            "pct_volunteer_ok_ci_high",
            Float,
            "Upper limit of that interval.",
        ),
        col(
            "n_satisfaction",
            Int,
            "Requests with a satisfaction score (1–5).",
        ),
        col("satisfied", Int, "Of those, the scores 4 and 5."),
        col(
            "pct_satisfied",
            Float,
            "`100 · satisfied / n_satisfaction`.",
        ),
        col(
            "pct_satisfied_ci_low",
            Float,
            "Lower limit of its 95% Wilson interval.",
        ),
        col(
            "pct_satisfied_ci_high",
            Float,
            "Upper limit of that interval.",
        ),
        col(
            "reference_date",
            Date,
            "The date up to which follow-ups can have been done (the latest date in the network's log).",
        ),
    ],
};

pub const QUESTION_QUARTERS: TableSchema = TableSchema {
    name: "question_quarters",
    title: "Niet-medische vragen afgehandeld in de gemeenschap, per netwerk en kwartaal.",
    about: "One row per network × calendar quarter with questions, from the question log. *In the community* means handled by a residents' initiative or a volunteer.",
    columns: &[
        col("network_id", Text, "The network's id in the register."),
        col("quarter", Text, "The calendar quarter (`2023-Q1`)."),
        col(
            "questions",
            Int,
            "Questions received; empty when fewer than `min_n`, or when hidden so that the year total in `community_change` cannot reveal another quarter (then every figure of the quarter is empty).",
        ),
        col("non_medical", Int, "Of those, the non-medical questions."),
        col(
            "non_medical_in_community",
            Int,
            "Of those, the ones handled in the community.",
        ),
        col(
            "pct",
            Float,
            "`100 · non_medical_in_community / non_medical`.",
        ),
        col("ci_low", Float, "Lower limit of its 95% Wilson interval."),
        col("ci_high", Float, "Upper limit of that interval."),
        col(
            "suppressed",
            Bool,
            "Whether the share is suppressed (disclosure control, also across the quarters of a year published in `community_change`).",
        ),
    ],
};

pub const COMMUNITY_CHANGE: TableSchema = TableSchema {
    name: "community_change",
    title: "Verandering van dat aandeel tussen het eerste en laatste jaar (Newcombe-interval).",
    about: "One row per network whose question log spans more than one calendar year: the change of the share of non-medical questions handled in the community from the first to the last year.",
    columns: &[
        col("network_id", Text, "The network's id in the register."),
        col("year_first", Int, "The first calendar year of the log."),
        col("year_last", Int, "The last calendar year of the log."),
        col(
            "questions_first",
            Int,
            "Questions in the first year; empty when fewer than `min_n`.",
        ),
        col(
            "questions_last",
            Int,
            "Questions in the last year; empty when fewer than `min_n`.",
        ),
        col(
            "n_first",
            Int,
            "Non-medical questions in the first year (the n of `pct_first`).",
        ),
        col("n_last", Int, "Non-medical questions in the last year."),
        col(
            "in_community_first",
            Int,
            "Of those in the first year, the ones handled in the community.",
        ),
        col("in_community_last", Int, "The same in the last year."),
        col(
            "pct_first",
            Float,
            "Share handled in the community in the first year, in percent.",
        ),
        col("pct_last", Float, "The same in the last year."),
        col(
            "diff",
            Float,
            "`pct_last − pct_first`, in percentage points.",
        ),
        col(
            "ci_low",
            Float,
            "Lower limit of Newcombe's 95% hybrid score interval of the difference, in percentage points.",
        ),
        col("ci_high", Float, "Upper limit of that interval."),
        col(
            "suppressed",
            Bool,
            "Whether the comparison is suppressed: either year has fewer than `min_n` non-medical questions.",
        ),
    ],
};

pub const PROFILE: TableSchema = TableSchema {
    name: "profile",
    title: "Indicatoren van de gebieden tegen gemeente en Nederland.",
    about: "One row per area × indicator × year × age group: the area's value against its municipality and the Netherlands. The indicators are those of the catalogue (`pipelines/indicators.toml`) and every other figure the input files publish (its polarity empty).",
    columns: &[
        col(
            "area_code",
            Text,
            "The area (`WK082801`, `BU03440111`, `GM0828`).",
        ),
        col("area_name", Text, "Its name; empty when no input names it."),
        col("level", Text, "`land`, `gemeente`, `wijk` or `buurt`."),
        col(
            "gemeente_code",
            Text,
            "The municipality the area lies in; empty for the country.",
        ),
        col("indicator", Text, "The indicator's id in the catalogue."),
        col("source", Text, "`cbs-kwb`, `rivm-gezondheid` or `vektis`."),
        col("period", Int, "The year of the figure."),
        col(
            "age_group",
            Text,
            "RIVM age group (`18+`, `65+`); empty for other sources.",
        ),
        col(
            "value",
            Float,
            "The area's value; empty when suppressed, missing or not published at this level.",
        ),
        col(
            "lower",
            Float,
            "Lower bound of the 95% interval, when published.",
        ),
        col(
            "upper",
            Float,
            "Upper bound of the 95% interval, when published.",
        ),
        col(
            "unit",
            Text,
            "The unit (`percent`, `per_1000_inhabitants`, `eur_per_insured_year`, …).",
        ),
        col(
            "polarity",
            Text,
            "`higher_is_better`, `lower_is_better` or `neutral`; empty for an indicator a file publishes that the catalogue does not declare (its comparisons say `higher` or `lower`, never `better` or `worse`).",
        ),
        col(
            "gemeente_value",
            Float,
            "The value of the area's municipality in the same series.",
        ),
        col("nl_value", Float, "The national value of the series."),
        col(
            "vs_gemeente",
            Text,
            "Against the municipality: `better`, `worse`, `higher`, `lower`, `similar` or `not_compared` (Fingertips' rule, where the area has an interval).",
        ),
        col("vs_nl", Text, "The same against the Netherlands."),
        col(
            "quintile_nl",
            Int,
            "Quintile among all areas of the level, 1 = lowest values; only without an interval.",
        ),
        col(
            "rank_gemeente",
            Int,
            "Rank among the areas of the level in the municipality, 1 = highest value; only without an interval, for wijken and buurten.",
        ),
        col(
            "n_gemeente",
            Int,
            "Areas of the level in the municipality with a value.",
        ),
    ],
};

pub const COSTS: TableSchema = TableSchema {
    name: "costs",
    title: "Zorgkosten (Vektis Zvw) per gemeente en categorie, ruw en gestandaardiseerd naar leeftijd en geslacht.",
    about: "One row per municipality × cost category of a Vektis Zvw file: care costs per insured-year, crude and directly standardised for sex and age class.",
    columns: &[
        col(
            "gemeente_code",
            Text,
            "CBS code of the municipality, in the municipal division the file follows.",
        ),
        col(
            "gemeente_name",
            Text,
            "Official name of the municipality in that division (Vektis' spelling if unknown).",
        ),
        col("year", Int, "The year of the costs."),
        col(
            "category",
            Text,
            "`total`, `gp`, `pharmacy`, `hospital`, `mental_health`, `district_nursing`, `paramedical` or `other`.",
        ),
        col("insured_years", Float, "Insured-years of the strata used."),
        col("cost_total", Float, "Costs of the strata used, in euro."),
        col(
            "cost_per_insured_year",
            Float,
            "Crude costs per insured-year.",
        ),
        col(
            "cost_per_insured_year_std",
            Float,
            "Costs per insured-year directly standardised for sex × age class to the national insured population of the year.",
        ),
        col(
            "nl_cost_per_insured_year",
            Float,
            "National crude costs per insured-year.",
        ),
        col(
            "ratio_observed_expected",
            Float,
            "Observed / expected costs, the expected from the national cost per insured-year of each stratum.",
        ),
    ],
};

pub const TIDY: TableSchema = TableSchema {
    name: "tidy",
    title: "Eén rij per waarneming van een open-databestand.",
    about: "The tidy long table of one open-data file (`wijkmonitor inspect --out DIR`, written as `DIR/<file name>`): one row per area × period × (age group | sex × age class) × indicator.",
    columns: &[
        col(
            "source",
            Text,
            "`cbs-kwb`, `rivm-gezondheid`, `vektis-zvw-gemeente` or `vektis-zvw-postcode3`.",
        ),
        col("source_file", Text, "The file's name."),
        col(
            "area_code",
            Text,
            "The area (`GM0828`, `WK082801`, `BU08280101`, a postcode area).",
        ),
        col("area_name", Text, "Its name as the file gives it."),
        col(
            "level",
            Text,
            "The area's level (`land`, `gemeente`, `wijk`, `buurt`, `postcode3`, and `rest` for Vektis' row of unplaced insured).",
        ),
        col(
            "gemeente_code",
            Text,
            "The municipality the area lies in, when known.",
        ),
        col("period", Int, "The year."),
        col("age_group", Text, "RIVM age group (`18+`, `65+`)."),
        col("sex", Text, "Vektis sex (`M`, `V`)."),
        col("age_class", Text, "Vektis age class (`0-4`, …, `90+`)."),
        col(
            "indicator",
            Text,
            "The stable indicator id the column maps to.",
        ),
        col(
            "value",
            Float,
            "The value; empty when absent (see `status`).",
        ),
        col(
            "lower",
            Float,
            "Lower bound of the interval, when published.",
        ),
        col(
            "upper",
            Float,
            "Upper bound of the interval, when published.",
        ),
        col("unit", Text, "The unit of the value."),
        col(
            "status",
            Text,
            "Empty for a final value; `provisional`, `suppressed` (`.` in the file) or `blank` (an empty cell).",
        ),
    ],
};
