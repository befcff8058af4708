//! The declarations of the comparison's tables (issue 12, `wijkmonitor compare` and `run`
//! with `[outputs] comparison = true`): the networks' effects, the pooled effects, the
//! moderators, the comparison areas, the areas' difference-in-differences and the care
//! costs around each start. Their rows are made in `compute::compare`.

use super::Dtype::{Bool, Float, Int, Text};
use super::{Column, TableSchema, col};

/// The columns every pooling table starts with: what is pooled together.
macro_rules! outcome_key {
    () => {
        [
            col("instrument", Text, "The questionnaire instrument (`pipelines/instruments/`)."),
            col("scale", Text, "The scale or subscale of the instrument."),
            col("wave_from", Text, "The earlier wave of the pair (`T0`)."),
            col("wave_to", Text, "The later wave of the pair (`T1`)."),
            col(
                "measure",
                Text,
                "`mean_change` (mean paired change in the scale's units, variance s²/n) or `smd_change` (standardised mean change, metafor's SMCC).",
            ),
        ]
    };
}

const SITE_EFFECT_COLUMNS: [Column; 13] = {
    let k = outcome_key!();
    [
        k[0],
        k[1],
        k[2],
        k[3],
        k[4],
        col("network_id", Text, "The network's id in the register."),
        col("n", Int, "Respondents with a score in both waves (pairs)."),
        col(
            "estimate",
            Float,
            "The network's effect; empty when not shown (see `reason`).",
        ),
        col(
            "se",
            Float,
            "Its standard error (√(s²/n) for `mean_change`).",
        ),
        col(
            "ci_low",
            Float,
            "Lower limit of its confidence interval (the run's level).",
        ),
        col("ci_high", Float, "Upper limit of that interval."),
        col("included", Bool, "Whether the network enters the pooling."),
        col(
            "reason",
            Text,
            "Why not: `below_min_n`, `suppressed`, `missing`, `no_variance`, `too_few_pairs` or `not_finite`; empty when included.",
        ),
    ]
};

pub const SITE_EFFECTS: TableSchema = TableSchema {
    name: "site_effects",
    title: "Effect per netwerk, instrument, schaal en paar metingen, zoals gepoold (leeg en reden bij onderdrukte cijfers).",
    about: "One row per instrument × scale × pair of waves × measure × network: the network's effect as it enters the pooling; a suppressed network's figures are empty and it is left out with the reason.",
    columns: &SITE_EFFECT_COLUMNS,
};

const POOLED_COLUMNS: [Column; 21] = {
    let k = outcome_key!();
    [
        k[0],
        k[1],
        k[2],
        k[3],
        k[4],
        col("method", Text, "The τ² estimator: `REML`, `DL` or `PM`."),
        col(
            "test",
            Text,
            "`knha` (Knapp–Hartung: t on k−1 df) or `z` (normal interval).",
        ),
        col("k", Int, "Networks pooled."),
        col(
            "estimate",
            Float,
            "The pooled effect (random effects, as `metafor::rma`); empty when k < 2.",
        ),
        col("se", Float, "Its standard error."),
        col("ci_low", Float, "Lower limit of its confidence interval."),
        col("ci_high", Float, "Upper limit of that interval."),
        col(
            "pi_low",
            Float,
            "Lower limit of the prediction interval (`predict()` of metafor).",
        ),
        col("pi_high", Float, "Upper limit of the prediction interval."),
        col(
            "tau2",
            Float,
            "τ², the variance of the true effects between networks.",
        ),
        col("tau", Float, "τ."),
        col(
            "i2",
            Float,
            "I² in percent, as metafor reports it for the method.",
        ),
        col("h2", Float, "H², as metafor reports it for the method."),
        col("q", Float, "Cochran's Q."),
        col("q_df", Int, "Its degrees of freedom (k − 1)."),
        col("p_q", Float, "The p-value of Q."),
    ]
};

pub const POOLED: TableSchema = TableSchema {
    name: "pooled",
    title: "Gepoold effect over de netwerken (random effects, zoals metafor::rma), met predictie-interval en heterogeniteit.",
    about: "One row per instrument × scale × pair of waves × measure: the random-effects pooled effect over the networks included, its confidence and prediction intervals and the heterogeneity (τ², I², H², Q).",
    columns: &POOLED_COLUMNS,
};

const MODERATOR_COLUMNS: [Column; 16] = {
    let k = outcome_key!();
    [
        k[0],
        k[1],
        k[2],
        k[3],
        k[4],
        col(
            "moderator",
            Text,
            "The register characteristic (`aanpak`, `initiatiefnemer`, `perspectief`, `kartrekker_onafhankelijk`, `financiering`, `partner_gemeente`, `partner_zorgverzekeraar`, `partner_huisarts`, `fase`).",
        ),
        col(
            "level",
            Text,
            "Its level, as the register's code (`bottom-up`, `ja`, …).",
        ),
        col("k", Int, "Networks at this level."),
        col(
            "estimate",
            Float,
            "The estimate at this level (mixed-effects model, one level per coefficient).",
        ),
        col("se", Float, "Its standard error."),
        col("ci_low", Float, "Lower limit of its confidence interval."),
        col("ci_high", Float, "Upper limit of that interval."),
        col(
            "qm",
            Float,
            "The test of the moderator (metafor's QM: F under Knapp–Hartung, χ² under z), the same on each level's row.",
        ),
        col("qm_df", Int, "Its (numerator) degrees of freedom."),
        col("p_qm", Float, "Its p-value."),
        col(
            "qm_df2",
            Int,
            "The denominator degrees of freedom of the F-test under Knapp–Hartung; empty under z.",
        ),
    ]
};

pub const MODERATORS: TableSchema = TableSchema {
    name: "moderators",
    title: "Effect per niveau van een succesfactor uit het register, met de toets van de moderator (QM).",
    about: "One row per instrument × scale × pair of waves × measure × moderator × level: the estimate per level of one register characteristic and the test of the moderator.",
    columns: &MODERATOR_COLUMNS,
};

pub const COMPARISON_AREAS: TableSchema = TableSchema {
    name: "comparison_areas",
    title: "Vergelijkingsgebieden zonder netwerk per gebied van een netwerk: naaste buren en de brede set.",
    about: "One row per network area × comparison set × comparison area: areas of the same level without a network, the nearest on baseline characteristics and the broad set of the same urbanity class.",
    columns: &[
        col("network_id", Text, "The network's id in the register."),
        col("area_code", Text, "The network's area (`WK082801`)."),
        col("level", Text, "Its level (`wijk`, `buurt`, `gemeente`)."),
        col(
            "comparison_set",
            Text,
            "`nearest` (nearest neighbours on the baseline characteristics) or `broad` (every area of the same level and urbanity class).",
        ),
        col("comparison_code", Text, "The comparison area."),
        col(
            "distance",
            Float,
            "Euclidean distance on the z-scored baseline characteristics.",
        ),
        col(
            "rank",
            Int,
            "Rank by distance within the set (1 = nearest).",
        ),
    ],
};

pub const AREA_DID: TableSchema = TableSchema {
    name: "area_did",
    title: "Verandering van een RIVM/GGD-indicator in het gebied tegen die in zijn vergelijkingsgebieden (verschil-in-verschillen, placeborang).",
    about: "One row per network area × indicator × age group × comparison set × pair of periods: the area's change, its comparison areas' changes, the difference-in-differences and the placebo rank.",
    columns: &[
        col("network_id", Text, "The network's id in the register."),
        col("area_code", Text, "The network's area."),
        col("indicator", Text, "The RIVM/GGD indicator id."),
        col("age_group", Text, "The age group (`18+`, `65+`)."),
        col("comparison_set", Text, "`nearest` or `broad`."),
        col("period_from", Int, "The earlier period (year)."),
        col("period_to", Int, "The later period (year)."),
        col(
            "value_from",
            Float,
            "The area's value in the earlier period.",
        ),
        col("value_to", Float, "The area's value in the later period."),
        col("change", Float, "`value_to − value_from`."),
        col(
            "comparison_n",
            Int,
            "Comparison areas with a value in both periods.",
        ),
        col(
            "comparison_mean_change",
            Float,
            "Mean change in those areas.",
        ),
        col(
            "comparison_sd_change",
            Float,
            "Standard deviation of their changes.",
        ),
        col(
            "did",
            Float,
            "Difference-in-differences: `change − comparison_mean_change`.",
        ),
        col(
            "placebo_rank",
            Int,
            "Rank of the area's difference-in-differences among the placebo effects of its comparison areas (each in turn against the others), by absolute value; 1 = most extreme, ties against the area.",
        ),
        col(
            "placebo_p",
            Float,
            "The rank-based p-value: placebo_rank / (comparison_n + 1).",
        ),
        col(
            "timing",
            Text,
            "The periods against the network's start: `before`, `spanning` or `after`; `unknown` without a start date.",
        ),
    ],
};

pub const COST_TRENDS: TableSchema = TableSchema {
    name: "cost_trends",
    title: "Gestandaardiseerde zorgkosten (Vektis) per jaar van de gemeente van een netwerk tegen haar vergelijkingsgemeenten.",
    about: "One row per network × municipality × cost category × year: the directly standardised Vektis cost per insured-year against the mean of its comparison municipalities, with the difference-in-differences around the network's start.",
    columns: &[
        col("network_id", Text, "The network's id in the register."),
        col(
            "gemeente_code",
            Text,
            "The network's municipality, on the latest division of the files.",
        ),
        col("category", Text, "The cost category (`totaal`, …)."),
        col("year", Int, "The year."),
        col(
            "cost_std",
            Float,
            "Directly age-sex standardised cost per insured-year (euro).",
        ),
        col(
            "comparison_n",
            Int,
            "Comparison municipalities with a cost this year.",
        ),
        col(
            "comparison_mean_std",
            Float,
            "Their mean standardised cost.",
        ),
        col(
            "after_start",
            Bool,
            "Whether the year is the network's start year or later; empty without a start date.",
        ),
        col(
            "did",
            Float,
            "(mean after − mean before) of the municipality minus the same of its comparison mean, repeated on every row of the network × category.",
        ),
    ],
};
