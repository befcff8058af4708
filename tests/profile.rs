//! Tests of `wijkmonitor::compute::profile` and `wijkmonitor::compute::costs` on the real
//! published files in `tests/fixtures/real/` (and the synthetic RIVM 2022 table with 95%
//! bounds in `tests/fixtures/other-years/`, the only fixture that has intervals).
//!
//! Every expected figure comes from an independent implementation in pandas,
//! `tests/fixtures/reference/profile_reference.py`, which reads the same files without any of
//! wijkmonitor's code or catalogues (it even groups the Vektis cost columns by its own rules)
//! and prints the figures asserted here; rerun it to check them:
//! `python3 tests/fixtures/reference/profile_reference.py`.

use std::path::Path;
use std::sync::OnceLock;

use wijkmonitor::compute::costs::{CostCategory, DropReason, care_costs};
use wijkmonitor::compute::profile::{
    AreaSelection, Comparison, Level, ProfileData, ProfileRow, SelectionError,
};
use wijkmonitor::ingest::catalog::Catalog;
use wijkmonitor::ingest::source::{Dataset, ReadOptions, read_dataset};
use wijkmonitor::schema::{self, Table};
use wijkmonitor::spec::catalogue::{IndicatorCatalogue, ProfileSource};
use wijkmonitor::spec::{Polarity, SpecError};

/// Relative tolerance for figures computed by the reference script.
const REL_TOL: f64 = 1e-9;

macro_rules! real {
    ($name:literal) => {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real/", $name)
    };
}

fn read(path: &str) -> Dataset {
    let dataset = read_dataset(Path::new(path), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(dataset.error_count(), 0, "{path}: {:?}", dataset.problems);
    dataset
}

/// The real files, each read once for all tests.
fn rivm_2020() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| read(real!("50090NED-2020-18plus.xlsx")))
}

fn kwb_2023() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| read(real!("kwb-2023-utrecht.xlsx")))
}

fn vektis(year: i32) -> &'static Dataset {
    static Y2018: OnceLock<Dataset> = OnceLock::new();
    static Y2023: OnceLock<Dataset> = OnceLock::new();
    match year {
        2018 => Y2018.get_or_init(|| read(real!("vektis-zvw-2018-gemeente.csv"))),
        _ => Y2023.get_or_init(|| read(real!("vektis-zvw-2023-gemeente.csv"))),
    }
}

/// The synthetic RIVM 2022 table with `MOG0095`/`MBG0095` bounds.
fn rivm_2022_synthetic() -> Dataset {
    read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/other-years/50120NED-2022-18plus.csv"
    ))
}

fn catalogue() -> IndicatorCatalogue {
    IndicatorCatalogue::builtin().unwrap_or_else(|e| panic!("{e}"))
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= REL_TOL * expected.abs().max(1e-12)
}

#[track_caller]
fn assert_close(actual: Option<f64>, expected: f64, what: &str) {
    let actual = actual.unwrap_or_else(|| panic!("{what}: no value, expected {expected}"));
    assert!(
        close(actual, expected),
        "{what}: {actual} != {expected} (reference)"
    );
}

/// The one row of an area × indicator (and age group) in `rows`.
#[track_caller]
fn row<'r>(rows: &'r [ProfileRow], area: &str, indicator: &str) -> &'r ProfileRow {
    let found: Vec<&ProfileRow> = rows
        .iter()
        .filter(|r| &*r.area_code == area && &*r.indicator == indicator)
        .collect();
    assert_eq!(found.len(), 1, "{area} {indicator}: {found:?}");
    found[0]
}

// ---------------------------------------------------------------------------------------------
// The catalogue.

#[test]
fn shipped_catalogue_covers_the_profile() {
    let catalogue = catalogue();
    for id in [
        "share_age_0_14",
        "share_age_15_24",
        "share_age_25_44",
        "share_age_45_64",
        "share_age_65_plus",
        "share_single_person_households",
        "low_income_households",
        "social_assistance_per_1000",
        "disability_benefits_per_1000",
        "unemployment_benefits_per_1000",
        "state_pension_per_1000",
        "youth_care",
        "wmo_clients_per_1000",
        "distance_to_gp",
        "good_self_rated_health",
        "limited_due_to_health",
        "moderate_high_risk_anxiety_depression",
        "high_risk_anxiety_depression",
        "high_stress_4_weeks",
        "control_over_own_life",
        "lonely",
        "severely_lonely",
        "emotionally_lonely",
        "socially_lonely",
        "informal_carer",
        "volunteer_work",
        "overweight",
        "smoker",
        "meets_alcohol_guideline",
        "heavy_drinker",
        "meets_physical_activity_guideline",
        "difficulty_making_ends_meet",
        "care_cost_total",
        "care_cost_gp",
        "care_cost_pharmacy",
        "care_cost_hospital",
        "care_cost_mental_health",
        "care_cost_district_nursing",
        "care_cost_paramedical",
        "care_cost_other",
    ] {
        assert!(
            catalogue.indicator(id).is_some(),
            "{id} missing from the catalogue"
        );
    }
    // The RIVM indicators keep the polarity of src/ingest/data/rivm_indicators.csv.
    for indicator in &catalogue.indicators {
        if indicator.source != ProfileSource::RivmGezondheid {
            continue;
        }
        let rivm = Catalog::builtin()
            .rivm
            .iter()
            .find(|r| r.id == indicator.id)
            .unwrap_or_else(|| panic!("{}: not a RIVM id", indicator.id));
        let polarity = match indicator.polarity {
            Polarity::HigherIsBetter => "higher_is_better",
            Polarity::LowerIsBetter => "lower_is_better",
            Polarity::Neutral => "neutral",
        };
        assert_eq!(polarity, rivm.polarity, "{}", indicator.id);
    }
}

#[test]
fn catalogue_problems_name_file_key_and_line() {
    let text = r#"
[[indicators]]
id = "share_65"
label_nl = "Aandeel 65+"
label_en = "Share 65+"
source = "cbs-kwb"
derive = "ratio"
numerator = ["a_65_oo"]
denominator = "a_inwoners"
per = 100
unit = "percent"
polarity = "higher_is_worse"
theme = "bevolking"

[[indicators]]
id = "share_65"
label_nl = "Dubbel"
source = "rivm-gezondheid"
derive = "value"
stem = "Eenzaam"
unit = "percent"
polarity = "neutral"
theme = "welzijn"
age_group = "70+"
"#;
    let error: SpecError = IndicatorCatalogue::parse(text, Path::new("pipelines/indicators.toml"))
        .expect_err("invalid");
    let message = error.to_string();
    for expected in [
        "pipelines/indicators.toml: not a valid indicator catalogue (6 problems):",
        "line 2: key `indicators.share_65.denominator`: \"a_inwoners\" is not a CBS KWB figure",
        "line 2: key `indicators.share_65.polarity`: unknown value \"higher_is_worse\"; expected one of \"higher_is_better\", \"lower_is_better\", \"neutral\"",
        "line 15: key `indicators.share_65.id`: is declared twice (first on line 2)",
        "line 15: key `indicators.share_65.label_en`: is missing",
        "line 15: key `indicators.share_65.theme`: unknown value \"welzijn\"",
        "line 15: key `indicators.share_65.age_group`: unknown age group \"70+\"",
    ] {
        assert!(
            message.contains(expected),
            "missing {expected:?} in:\n{message}"
        );
    }

    let error = IndicatorCatalogue::parse("[[indicators]]\nid = 3\n", Path::new("x.toml"))
        .expect_err("bad");
    assert_eq!(error.problems.len(), 1);
    assert_eq!(error.problems[0].line, Some(2), "{error}");

    let error = IndicatorCatalogue::parse(
        "[[indicators]]\nid = \"a\"\nlabel_nl = \"a\"\nlabel_en = \"a\"\nsource = \"cbs-kwb\"\n\
         derive = \"value\"\ncolumn = \"p_wmo_t\"\nunit = \"percent\"\npolarity = \"neutral\"\n\
         theme = \"zorggebruik\"\n",
        Path::new("x.toml"),
    )
    .expect_err("wrong unit");
    assert!(
        error
            .to_string()
            .contains("key `indicators.a.unit`: is \"percent\" but CBS publishes p_wmo_t in \"per_1000_inhabitants\""),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------
// Vektis care costs.

/// (year, municipality, category, [insured_years, cost_total, crude, standardised, national,
/// observed/expected]) from profile_reference.py.
const VEKTIS_REFERENCE: [(i32, &str, &str, [f64; 6]); 64] = [
    (
        2023,
        "GM0344",
        "total",
        [
            360761.13999999996,
            959208826.9399999,
            2658.847421704012,
            3255.260106945913,
            3118.5804978989595,
            1.0106781458511245,
        ],
    ),
    (
        2023,
        "GM0828",
        "total",
        [
            93196.54999999997,
            299442724.75,
            3213.0237090321484,
            3199.6258061659287,
            3118.5804978989595,
            1.0148523004619776,
        ],
    ),
    (
        2023,
        "GM1950",
        "total",
        [
            24441.21,
            99597603.21,
            4074.9865988631495,
            3504.269525640834,
            3118.5804978989595,
            1.130045033750781,
        ],
    ),
    (
        2023,
        "GM0088",
        "total",
        [
            923.1999999999998,
            3130210.35,
            3390.6091312824965,
            3012.4869815131365,
            3118.5804978989595,
            0.9189718135590115,
        ],
    ),
    (
        2023,
        "GM0344",
        "gp",
        [
            360761.13999999996,
            94176461.10000001,
            261.0493499937383,
            288.1368940477049,
            268.29033677759674,
            1.0604309893058217,
        ],
    ),
    (
        2023,
        "GM0828",
        "gp",
        [
            93196.54999999997,
            24268268.59,
            260.3987871868648,
            260.41409414194027,
            268.29033677759674,
            0.9605657325193914,
        ],
    ),
    (
        2023,
        "GM1950",
        "gp",
        [
            24441.21,
            7601049.069999999,
            310.9931574582437,
            283.6344790353734,
            268.29033677759674,
            1.0657147108416805,
        ],
    ),
    (
        2023,
        "GM0088",
        "gp",
        [
            923.1999999999998,
            421101.07999999996,
            456.13201906412485,
            426.36020860314153,
            268.29033677759674,
            1.5475140435231518,
        ],
    ),
    (
        2023,
        "GM0344",
        "pharmacy",
        [
            360761.13999999996,
            94231248.72,
            261.2012167385878,
            338.6623964858749,
            331.73381737804317,
            0.9928607129699273,
        ],
    ),
    (
        2023,
        "GM0828",
        "pharmacy",
        [
            93196.54999999997,
            32687131.009999998,
            350.73327295913856,
            346.7195894239199,
            331.73381737804317,
            1.0333605283278997,
        ],
    ),
    (
        2023,
        "GM1950",
        "pharmacy",
        [
            24441.21,
            10578132.870000001,
            432.79906641283316,
            361.4518937540247,
            331.73381737804317,
            1.091183754342341,
        ],
    ),
    (
        2023,
        "GM0088",
        "pharmacy",
        [
            923.1999999999998,
            256752.04000000004,
            278.11096187175053,
            230.36201478370504,
            331.73381737804317,
            0.6760223126626873,
        ],
    ),
    (
        2023,
        "GM0344",
        "hospital",
        [
            360761.13999999996,
            461147939.88000005,
            1278.263894719925,
            1642.9109858197817,
            1638.3027395319255,
            0.9647984686638366,
        ],
    ),
    (
        2023,
        "GM0828",
        "hospital",
        [
            93196.54999999997,
            161210825.64999998,
            1729.793921019609,
            1713.477480661326,
            1638.3027395319255,
            1.0340339969281593,
        ],
    ),
    (
        2023,
        "GM1950",
        "hospital",
        [
            24441.21,
            52594938.02,
            2151.895835762632,
            1843.4015660043299,
            1638.3027395319255,
            1.1116940519939777,
        ],
    ),
    (
        2023,
        "GM0088",
        "hospital",
        [
            923.1999999999998,
            1859142.6099999999,
            2013.8026538128252,
            1733.1347811028108,
            1638.3027395319255,
            1.0074001982904826,
        ],
    ),
    (
        2023,
        "GM0344",
        "mental_health",
        [
            360761.13999999996,
            144539554.39,
            400.6516732650307,
            358.94596975748823,
            280.34774335373777,
            1.2052173564119903,
        ],
    ),
    (
        2023,
        "GM0828",
        "mental_health",
        [
            93196.54999999997,
            24106756.950000007,
            258.66576552458235,
            260.17211971747344,
            280.34774335373777,
            0.9129315297657511,
        ],
    ),
    (
        2023,
        "GM1950",
        "mental_health",
        [
            24441.21,
            4689789.24,
            191.88040362977122,
            208.11568105771494,
            280.34774335373777,
            0.7382771058287448,
        ],
    ),
    (
        2023,
        "GM0088",
        "mental_health",
        [
            923.1999999999998,
            167934.96000000002,
            181.9052859618718,
            213.09791984703537,
            280.34774335373777,
            0.6684228829201854,
        ],
    ),
    (
        2023,
        "GM0344",
        "district_nursing",
        [
            360761.13999999996,
            42399005.10999999,
            117.52653046278765,
            202.54239478740377,
            180.78043646007387,
            1.0996181116686692,
        ],
    ),
    (
        2023,
        "GM0828",
        "district_nursing",
        [
            93196.54999999997,
            14843135.700000001,
            159.267008274448,
            161.93899767725233,
            180.78043646007387,
            0.8869878201895003,
        ],
    ),
    (
        2023,
        "GM1950",
        "district_nursing",
        [
            24441.21,
            11013927.11,
            450.62937186825036,
            334.40214171684056,
            180.78043646007387,
            1.843420519013087,
        ],
    ),
    (
        2023,
        "GM0088",
        "district_nursing",
        [
            923.1999999999998,
            121021.74000000002,
            131.08940641247838,
            90.20438009072943,
            180.78043646007387,
            0.5554493728567669,
        ],
    ),
    (
        2023,
        "GM0344",
        "paramedical",
        [
            360761.13999999996,
            19816818.39,
            54.930579246977665,
            64.34799777066185,
            62.63729155806953,
            1.0164176309130066,
        ],
    ),
    (
        2023,
        "GM0828",
        "paramedical",
        [
            93196.54999999997,
            7136015.800000002,
            76.56952752006382,
            77.0742048068558,
            62.63729155806953,
            1.2133770124476382,
        ],
    ),
    (
        2023,
        "GM1950",
        "paramedical",
        [
            24441.21,
            1528753.09,
            62.54817539720825,
            57.77844886532649,
            62.63729155806953,
            0.9125940876832439,
        ],
    ),
    (
        2023,
        "GM0088",
        "paramedical",
        [
            923.1999999999998,
            34239.42,
            37.08775996533796,
            43.28175966094688,
            62.63729155806953,
            0.5597890893311946,
        ],
    ),
    (
        2023,
        "GM0344",
        "other",
        [
            360761.13999999996,
            102897799.34999998,
            285.224177276965,
            359.71346827699745,
            356.4881328395133,
            0.9405663576475948,
        ],
    ),
    (
        2023,
        "GM0828",
        "other",
        [
            93196.54999999997,
            35190591.050000004,
            377.5954265474421,
            379.8293197371609,
            356.4881328395133,
            1.0587492738624753,
        ],
    ),
    (
        2023,
        "GM1950",
        "other",
        [
            24441.21,
            11591013.809999999,
            474.2405883342109,
            415.4853152072247,
            356.4881328395133,
            1.159499356778239,
        ],
    ),
    (
        2023,
        "GM0088",
        "other",
        [
            923.1999999999998,
            270018.5,
            292.4810441941075,
            276.0459174247668,
            356.4881328395133,
            0.7133444282702058,
        ],
    ),
    (
        2018,
        "GM0344",
        "total",
        [
            342048.59,
            788436004.8700001,
            2305.0409442412847,
            2866.5648697116812,
            2601.0683385622515,
            1.0587187455906002,
        ],
    ),
    (
        2018,
        "GM0828",
        "total",
        [
            91090.73999999999,
            239681976.54,
            2631.2441477585976,
            2618.808919621949,
            2601.0683385622515,
            0.9964218816880059,
        ],
    ),
    (
        2018,
        "GM1950",
        "total",
        [
            24222.71,
            82386003.91000001,
            3401.188550331487,
            2939.61599845952,
            2601.0683385622515,
            1.1303379352153775,
        ],
    ),
    (
        2018,
        "GM0088",
        "total",
        [
            902.97,
            2586021.49,
            2863.906320254272,
            2546.576725592298,
            2601.0683385622515,
            0.9676712772671225,
        ],
    ),
    (
        2018,
        "GM0344",
        "gp",
        [
            342048.59,
            67323984.48,
            196.82579156370736,
            216.7096070246098,
            199.0863513820343,
            1.0887343765381081,
        ],
    ),
    (
        2018,
        "GM0828",
        "gp",
        [
            91090.73999999999,
            18224764.08,
            200.07263175159187,
            199.44174567838834,
            199.0863513820343,
            0.9927295422698156,
        ],
    ),
    (
        2018,
        "GM1950",
        "gp",
        [
            24222.71,
            5696248.800000002,
            235.16149927072578,
            214.88134376728252,
            199.0863513820343,
            1.0795489684850195,
        ],
    ),
    (
        2018,
        "GM0088",
        "gp",
        [
            902.97,
            276641.86,
            306.3688273143072,
            287.6344840939386,
            199.0863513820343,
            1.426521558061692,
        ],
    ),
    (
        2018,
        "GM0344",
        "pharmacy",
        [
            342048.59,
            79493257.98,
            232.40340789008954,
            306.2474560576645,
            278.8089773829755,
            1.0564532919599587,
        ],
    ),
    (
        2018,
        "GM0828",
        "pharmacy",
        [
            91090.73999999999,
            27025962.8,
            296.6927571342598,
            293.02454839099823,
            278.8089773829755,
            1.0392093615723625,
        ],
    ),
    (
        2018,
        "GM1950",
        "pharmacy",
        [
            24222.71,
            8834061.430000002,
            364.70161389869264,
            307.018527119386,
            278.8089773829755,
            1.099222001772381,
        ],
    ),
    (
        2018,
        "GM0088",
        "pharmacy",
        [
            902.97,
            192181.62999999998,
            212.83279621692856,
            173.17758908712221,
            278.8089773829755,
            0.6419933470624596,
        ],
    ),
    (
        2018,
        "GM0344",
        "hospital",
        [
            342048.59,
            381925179.97999996,
            1116.5816528581508,
            1431.6702154234665,
            1362.5460304368414,
            1.000877664748023,
        ],
    ),
    (
        2018,
        "GM0828",
        "hospital",
        [
            91090.73999999999,
            124805228.28,
            1370.119819863139,
            1354.5962437951373,
            1362.5460304368414,
            0.9843742558991417,
        ],
    ),
    (
        2018,
        "GM1950",
        "hospital",
        [
            24222.71,
            41169980.23,
            1699.6438561168422,
            1488.7605371455763,
            1362.5460304368414,
            1.069198608834364,
        ],
    ),
    (
        2018,
        "GM0088",
        "hospital",
        [
            902.97,
            1443776.02,
            1598.9191446005957,
            1451.4261436815968,
            1362.5460304368414,
            1.005024869527225,
        ],
    ),
    (
        2018,
        "GM0344",
        "mental_health",
        [
            342048.59,
            101659641.36000001,
            297.2081871759799,
            275.15117831254724,
            206.8397453404503,
            1.2472791857607657,
        ],
    ),
    (
        2018,
        "GM0828",
        "mental_health",
        [
            91090.73999999999,
            17008310.500000004,
            186.7183261437991,
            188.5608213521372,
            206.8397453404503,
            0.8966769079450015,
        ],
    ),
    (
        2018,
        "GM1950",
        "mental_health",
        [
            24222.71,
            3719446.03,
            153.55201915888023,
            164.31676052014828,
            206.8397453404503,
            0.7822469569383957,
        ],
    ),
    (
        2018,
        "GM0088",
        "mental_health",
        [
            902.97,
            96084.31,
            106.40919410390157,
            101.19335037591905,
            206.8397453404503,
            0.5213179333495638,
        ],
    ),
    (
        2018,
        "GM0344",
        "district_nursing",
        [
            342048.59,
            60469529.03999999,
            176.78637131642608,
            286.4659861249221,
            212.06751845511448,
            1.3323601495323878,
        ],
    ),
    (
        2018,
        "GM0828",
        "district_nursing",
        [
            91090.73999999999,
            19197550.75,
            210.75194635590842,
            213.56230868580025,
            212.06751845511448,
            0.9930748749290162,
        ],
    ),
    (
        2018,
        "GM1950",
        "district_nursing",
        [
            24222.71,
            12469699.139999999,
            514.793726218082,
            382.2814356344679,
            212.06751845511448,
            1.8077244301779576,
        ],
    ),
    (
        2018,
        "GM0088",
        "district_nursing",
        [
            902.97,
            276171.64,
            305.8480791166927,
            212.4126653685408,
            212.06751845511448,
            1.231874741190508,
        ],
    ),
    (
        2018,
        "GM0344",
        "paramedical",
        [
            342048.59,
            13648241.249999996,
            39.901469115835255,
            48.037795334292404,
            44.53480324174672,
            1.0441723642054366,
        ],
    ),
    (
        2018,
        "GM0828",
        "paramedical",
        [
            91090.73999999999,
            5116690.99,
            56.17136264344763,
            56.754008224641176,
            44.53480324174672,
            1.2532529059163642,
        ],
    ),
    (
        2018,
        "GM1950",
        "paramedical",
        [
            24222.71,
            1039513.9900000001,
            42.914850980753194,
            40.11371981803636,
            44.53480324174672,
            0.8813486217933727,
        ],
    ),
    (
        2018,
        "GM0088",
        "paramedical",
        [
            902.97,
            37207.88,
            41.20610873007962,
            44.31421442069487,
            44.53480324174672,
            0.8921961882395784,
        ],
    ),
    (
        2018,
        "GM0344",
        "other",
        [
            342048.59,
            83916170.78000002,
            245.33406432109547,
            302.28263143417837,
            297.1849123230887,
            0.974932389969748,
        ],
    ),
    (
        2018,
        "GM0828",
        "other",
        [
            91090.73999999999,
            28303469.139999997,
            310.7173038664523,
            312.86924349484616,
            297.1849123230887,
            1.0479084686566882,
        ],
    ),
    (
        2018,
        "GM1950",
        "other",
        [
            24222.71,
            9457054.290000001,
            390.42098468751027,
            342.24367445462326,
            297.1849123230887,
            1.148360355268845,
        ],
    ),
    (
        2018,
        "GM0088",
        "other",
        [
            902.97,
            263958.15,
            292.3221701717665,
            276.4182785644852,
            297.1849123230887,
            0.9027955799218718,
        ],
    ),
];

#[test]
fn vektis_costs_match_the_reference() {
    // The 2018 file already names the municipalities of 1 January 2019.
    for (year, division) in [(2023, 2023), (2018, 2019)] {
        let costs = care_costs(vektis(year)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(costs.division, Some(division), "{year}");
        for (ref_year, code, category, figures) in VEKTIS_REFERENCE {
            if ref_year != year {
                continue;
            }
            let category = CostCategory::from_id(category).expect("category");
            let row = costs
                .rows
                .iter()
                .find(|r| r.gemeente_code == code && r.category == category)
                .unwrap_or_else(|| panic!("{year} {code} {category}: no row"));
            let what = |field: &str| format!("{year} {code} {category} {field}");
            assert_eq!(row.year, Some(year));
            assert_close(Some(row.insured_years), figures[0], &what("insured_years"));
            assert_close(row.cost_total, figures[1], &what("cost_total"));
            assert_close(row.cost_per_insured_year, figures[2], &what("crude"));
            assert_close(
                row.cost_per_insured_year_std,
                figures[3],
                &what("standardised"),
            );
            assert_close(row.nl_cost_per_insured_year, figures[4], &what("national"));
            assert_close(row.ratio_observed_expected, figures[5], &what("O/E"));
        }
    }
}

#[test]
fn vektis_absent_strata_are_dropped_and_listed() {
    // Schiermonnikoog lacks 2 sex × age classes in 2023 and 3 in 2018 (reference script).
    for (year, absent) in [(2023, 2), (2018, 3)] {
        let costs = care_costs(vektis(year)).expect("vektis");
        let dropped: Vec<_> = costs
            .dropped_strata
            .iter()
            .filter(|d| d.gemeente_code == "GM0088")
            .collect();
        assert_eq!(dropped.len(), absent, "{year}: {dropped:?}");
        assert!(
            dropped
                .iter()
                .all(|d| d.reason == DropReason::NoRow && d.category.is_none())
        );
        // Utrecht, Oss and Westerwolde have every stratum.
        for code in ["GM0344", "GM0828", "GM1950"] {
            assert!(
                costs.dropped_strata.iter().all(|d| d.gemeente_code != code),
                "{code}"
            );
        }
    }
    let costs = care_costs(vektis(2023)).expect("vektis");
    assert_eq!(costs.rows.len(), 342 * CostCategory::ALL.len());
    let utrecht = costs
        .rows
        .iter()
        .find(|r| r.gemeente_code == "GM0344")
        .expect("row");
    assert_eq!(utrecht.gemeente_name, "Utrecht");
}

#[test]
fn cost_rows_have_exactly_the_columns_of_costs_csv() {
    let costs = care_costs(vektis(2023)).expect("vektis");
    // The exported table has exactly the schema: no field more, none less (else an error).
    let table = Table::from_rows(&schema::COSTS, &costs.rows).expect("table");
    assert_eq!(table.height(), costs.rows.len());
    let value = serde_json::to_value(&costs.rows[0]).expect("serialise");
    assert_eq!(
        value.as_object().expect("record").len(),
        schema::COSTS.columns.len()
    );
}

#[test]
fn costs_of_another_source_are_refused_by_name() {
    let error = care_costs(kwb_2023()).expect_err("not vektis");
    assert!(
        error.to_string().starts_with(
            "kwb-2023-utrecht.xlsx: care costs per municipality need a Vektis Zvw file"
        ),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------
// RIVM 2020 (real, estimates without intervals): places, never comparisons.

/// Area, indicator, value, gemeente value, national value, quintile, rank and n.
type RivmCase = (
    &'static str,
    &'static str,
    f64,
    Option<f64>,
    f64,
    u8,
    Option<u32>,
    Option<u32>,
);

#[test]
fn rivm_places_match_the_reference() {
    let catalogue = catalogue();
    let data = ProfileData::new(std::slice::from_ref(rivm_2020()), &catalogue);
    // (area, indicator, value, gemeente value, nl value, quintile, rank, n) from
    // profile_reference.py; rank and n only below the municipality.
    let cases: [RivmCase; 8] = [
        (
            "WK034401",
            "lonely",
            47.7,
            Some(48.9),
            47.0,
            4,
            Some(6),
            Some(10),
        ),
        (
            "WK082806",
            "lonely",
            51.9,
            Some(45.8),
            47.0,
            5,
            Some(2),
            Some(23),
        ),
        (
            "WK195003",
            "good_self_rated_health",
            75.6,
            Some(74.3),
            78.4,
            1,
            Some(4),
            Some(10),
        ),
        (
            "WK082801",
            "overweight",
            55.4,
            Some(53.7),
            50.8,
            5,
            Some(2),
            Some(23),
        ),
        (
            "BU00880000",
            "lonely",
            44.5,
            Some(44.5),
            47.0,
            4,
            Some(1),
            Some(2),
        ),
        (
            "WK008800",
            "difficulty_making_ends_meet",
            12.1,
            Some(12.1),
            13.9,
            4,
            Some(1),
            Some(1),
        ),
        ("GM0828", "lonely", 45.8, None, 47.0, 4, None, None),
        (
            "GM1950",
            "difficulty_making_ends_meet",
            12.4,
            None,
            13.9,
            4,
            None,
            None,
        ),
    ];
    let codes: Vec<String> = cases.iter().map(|c| c.0.to_owned()).collect();
    let rows = data
        .select(&AreaSelection::Areas(codes))
        .expect("known areas");
    for (area, indicator, value, gemeente, nl, quintile, rank, n) in cases {
        let r = row(&rows, area, indicator);
        assert_eq!(r.value, Some(value), "{area} {indicator}");
        assert_eq!(r.gemeente_value, gemeente, "{area} {indicator}");
        assert_eq!(r.nl_value, Some(nl), "{area} {indicator}");
        assert_eq!(r.quintile_nl, Some(quintile), "{area} {indicator} quintile");
        assert_eq!(r.rank_gemeente, rank, "{area} {indicator} rank");
        assert_eq!(r.n_gemeente, n, "{area} {indicator} n");
        assert_eq!(
            (r.vs_gemeente, r.vs_nl),
            (Comparison::NotCompared, Comparison::NotCompared)
        );
        assert_eq!(
            (r.period, r.age_group.as_deref()),
            (Some(2020), Some("18+"))
        );
        assert_eq!(r.source, ProfileSource::RivmGezondheid);
        assert_eq!((r.lower, r.upper), (None, None));
    }
    assert_eq!(
        row(&rows, "GM0828", "lonely").area_name.as_deref(),
        Some("Oss")
    );
}

#[test]
fn rivm_quintiles_and_spread_of_every_area_match_the_reference() {
    let catalogue = catalogue();
    let data = ProfileData::new(std::slice::from_ref(rivm_2020()), &catalogue);
    // Areas per quintile of `lonely` (1 = lowest) and suppressed values, per level.
    for (level, counts, suppressed) in [
        (Level::Gemeente, [72, 72, 69, 72, 70], 0),
        (Level::Wijk, [652, 636, 603, 636, 623], 27),
        (Level::Buurt, [2713, 2524, 2616, 2602, 2611], 742),
    ] {
        let rows = data.level(level);
        let lonely: Vec<&ProfileRow> = rows.iter().filter(|r| &*r.indicator == "lonely").collect();
        let mut found = [0; 5];
        for r in &lonely {
            if let Some(q) = r.quintile_nl {
                found[usize::from(q) - 1] += 1;
            }
        }
        assert_eq!(found, counts, "{level}");
        let empty = lonely.iter().filter(|r| r.value.is_none()).count();
        assert_eq!(empty, suppressed, "{level}: suppressed values stay empty");
        assert!(
            lonely
                .iter()
                .filter(|r| r.value.is_none())
                .all(|r| r.quintile_nl.is_none() && r.rank_gemeente.is_none()),
            "{level}: an empty value has no place"
        );
        // Without intervals nothing is ever called different.
        assert!(rows.iter().all(
            |r| r.vs_gemeente == Comparison::NotCompared && r.vs_nl == Comparison::NotCompared
        ));
    }
    // The spread over all areas of a level (for the spine chart): n, min, p25, median, p75,
    // max from profile_reference.py (pandas' linear quantiles).
    for (indicator, level, n, spread) in [
        ("lonely", Level::Wijk, 3150, [31.4, 40.0, 42.95, 47.5, 70.1]),
        (
            "lonely",
            Level::Buurt,
            13066,
            [22.3, 39.1, 42.6, 47.8, 79.5],
        ),
        (
            "good_self_rated_health",
            Level::Gemeente,
            355,
            [67.4, 77.6, 79.5, 81.0, 85.5],
        ),
    ] {
        let all = data.distributions(level);
        let d = all
            .iter()
            .find(|d| &*d.indicator == indicator)
            .unwrap_or_else(|| panic!("{indicator} {level}: no distribution"));
        assert_eq!(d.n, n, "{indicator} {level}");
        let found = [d.min, d.p25, d.median, d.p75, d.max];
        for (found, expected) in found.into_iter().zip(spread) {
            assert_close(
                Some(found),
                expected,
                &format!("{indicator} {level} spread"),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// RIVM with intervals (synthetic 2022 table): the Fingertips rule.

#[test]
fn intervals_give_fingertips_comparisons() {
    let catalogue = catalogue();
    let dataset = rivm_2022_synthetic();
    let data = ProfileData::new(std::slice::from_ref(&dataset), &catalogue);
    let rows = data
        .select(&AreaSelection::Gemeente {
            gemeente: "GM0828".to_owned(),
            level: Level::Gemeente,
        })
        .expect("Oss")
        .into_iter()
        .chain(data.level(Level::Wijk))
        .chain(data.level(Level::Buurt))
        .collect::<Vec<_>>();
    use Comparison::*;
    // (area, indicator, value, lower, upper, vs_gemeente, vs_nl) from profile_reference.py.
    let cases = [
        (
            "GM0828",
            "good_self_rated_health",
            Some((64.3, 62.8, 65.8)),
            NotCompared,
            Worse,
        ),
        (
            "WK082801",
            "good_self_rated_health",
            Some((73.4, 69.4, 77.4)),
            Better,
            Better,
        ),
        (
            "BU08280100",
            "good_self_rated_health",
            Some((69.3, 65.3, 73.3)),
            Better,
            Similar,
        ),
        (
            "BU08280101",
            "good_self_rated_health",
            None,
            NotCompared,
            NotCompared,
        ),
        (
            "GM0828",
            "high_risk_anxiety_depression",
            Some((9.1, 7.6, 10.6)),
            NotCompared,
            Similar,
        ),
        (
            "WK082801",
            "high_risk_anxiety_depression",
            Some((5.7, 1.7, 9.7)),
            Similar,
            Better,
        ),
        (
            "BU08280100",
            "high_risk_anxiety_depression",
            Some((13.6, 9.6, 17.6)),
            Worse,
            Similar,
        ),
        (
            "GM0828",
            "informal_carer",
            Some((11.1, 9.6, 12.6)),
            NotCompared,
            Lower,
        ),
        (
            "WK082801",
            "informal_carer",
            Some((17.2, 13.2, 21.2)),
            Higher,
            Similar,
        ),
        (
            "BU08280100",
            "informal_carer",
            Some((17.7, 13.7, 21.7)),
            Higher,
            Higher,
        ),
        (
            "GM0828",
            "lonely",
            Some((47.3, 45.8, 48.8)),
            NotCompared,
            Better,
        ),
        (
            "WK082801",
            "lonely",
            Some((50.0, 46.0, 54.0)),
            Similar,
            Similar,
        ),
        (
            "BU08280100",
            "lonely",
            Some((44.6, 40.6, 48.6)),
            Similar,
            Better,
        ),
        ("BU08280101", "lonely", None, NotCompared, NotCompared),
    ];
    for (area, indicator, estimate, vs_gemeente, vs_nl) in cases {
        let r = row(&rows, area, indicator);
        assert_eq!(r.value, estimate.map(|e| e.0), "{area} {indicator}");
        assert_eq!(r.lower, estimate.map(|e| e.1), "{area} {indicator}");
        assert_eq!(r.upper, estimate.map(|e| e.2), "{area} {indicator}");
        assert_eq!(
            (r.vs_gemeente, r.vs_nl),
            (vs_gemeente, vs_nl),
            "{area} {indicator}"
        );
        // A figure with an interval is compared, not placed.
        if estimate.is_some() {
            assert_eq!(
                (r.quintile_nl, r.rank_gemeente, r.n_gemeente),
                (None, None, None)
            );
        }
    }
    // The 2022 table has no `MatigHoogRisicoOpAngstOfDepressie`: noted, no rows.
    assert!(
        data.notes()
            .iter()
            .any(|n| n.indicator.as_deref() == Some("moderate_high_risk_anxiety_depression"))
    );
    assert!(
        rows.iter()
            .all(|r| &*r.indicator != "moderate_high_risk_anxiety_depression")
    );
}

// ---------------------------------------------------------------------------------------------
// CBS KWB (real Utrecht extract: no national row).

#[test]
fn kwb_shares_and_places_match_the_reference() {
    let catalogue = catalogue();
    let data = ProfileData::new(std::slice::from_ref(kwb_2023()), &catalogue);
    let rows: Vec<ProfileRow> = data
        .level(Level::Wijk)
        .into_iter()
        .chain(data.level(Level::Buurt))
        .collect();
    // (area, indicator, value, municipality, quintile, rank, n) from profile_reference.py.
    let cases = [
        (
            "WK034401",
            "share_age_65_plus",
            9.831267217630854,
            10.700725919765619,
            2,
            8,
            10,
        ),
        (
            "WK034406",
            "share_age_65_plus",
            11.512990320937341,
            10.700725919765619,
            3,
            5,
            10,
        ),
        (
            "BU03440112",
            "share_age_65_plus",
            11.785714285714285,
            10.700725919765619,
            3,
            48,
            110,
        ),
        (
            "BU03440133",
            "share_age_65_plus",
            23.333333333333332,
            10.700725919765619,
            5,
            4,
            110,
        ),
        (
            "WK034401",
            "social_assistance_per_1000",
            24.44903581267218,
            28.292118158321713,
            3,
            5,
            10,
        ),
        (
            "WK034406",
            "social_assistance_per_1000",
            14.263881813550688,
            28.292118158321713,
            2,
            7,
            10,
        ),
        (
            "BU03440112",
            "social_assistance_per_1000",
            0.0,
            28.292118158321713,
            1,
            95,
            107,
        ),
        (
            "BU03440133",
            "social_assistance_per_1000",
            0.0,
            28.292118158321713,
            1,
            95,
            107,
        ),
    ];
    for (area, indicator, value, gemeente, quintile, rank, n) in cases {
        let r = row(&rows, area, indicator);
        let what = format!("{area} {indicator}");
        assert_close(r.value, value, &what);
        assert_close(r.gemeente_value, gemeente, &what);
        // No national row in this extract of one municipality: no national value (the
        // aggregate of a region is not the country's); the places are among its areas.
        assert_eq!(r.nl_value, None, "{what}");
        assert_eq!(
            (r.quintile_nl, r.rank_gemeente, r.n_gemeente),
            (Some(quintile), Some(rank), Some(n)),
            "{what}"
        );
        assert_eq!(
            (r.vs_gemeente, r.vs_nl),
            (Comparison::NotCompared, Comparison::NotCompared)
        );
        assert_eq!(
            (r.source, r.period, r.age_group.as_deref()),
            (ProfileSource::CbsKwb, Some(2023), None)
        );
    }
    assert_eq!(
        row(&rows, "WK034401", "share_age_65_plus")
            .area_name
            .as_deref(),
        Some("Wijk 01 West")
    );
    // `.` in the early release: empty values, no national value for a published figure.
    let low_income = row(&rows, "WK034401", "low_income_households");
    assert_eq!(
        (
            low_income.value,
            low_income.gemeente_value,
            low_income.nl_value
        ),
        (None, None, None)
    );
    assert!(
        data.notes()
            .iter()
            .any(|n| n.indicator.as_deref() == Some("low_income_households"))
    );
}

// ---------------------------------------------------------------------------------------------
// All sources together, selections.

#[test]
fn sources_combine_per_area() {
    let catalogue = catalogue();
    let datasets = vec![
        kwb_2023().clone(),
        rivm_2020().clone(),
        vektis(2023).clone(),
    ];
    let data = ProfileData::new(&datasets, &catalogue);
    let rows = data
        .select(&AreaSelection::Gemeente {
            gemeente: "gm0344".to_owned(),
            level: Level::Wijk,
        })
        .expect("Utrecht's wijken");
    let areas: std::collections::BTreeSet<&str> = rows.iter().map(|r| &*r.area_code).collect();
    assert_eq!(areas.len(), 10, "{areas:?}");
    // A wijk has no Vektis figure of its own: the municipality's standardised cost is its
    // benchmark (reference: 3255.260106945913 for total, 2023).
    let cost = row(&rows, "WK034401", "care_cost_total");
    assert_eq!(
        (cost.value, cost.quintile_nl, cost.rank_gemeente),
        (None, None, None)
    );
    assert_close(
        cost.gemeente_value,
        3255.260106945913,
        "WK034401 care_cost_total gemeente",
    );
    assert_close(
        cost.nl_value,
        3118.5804978989595,
        "WK034401 care_cost_total nl",
    );
    // KWB names the wijken; RIVM figures sit next to KWB ones.
    assert_eq!(
        row(&rows, "WK034401", "lonely").area_name.as_deref(),
        Some("Wijk 01 West")
    );
    assert_eq!(row(&rows, "WK034401", "lonely").value, Some(47.7));

    // At the municipality level Vektis has its own values, placed among all municipalities.
    let rows = data
        .select(&AreaSelection::Areas(vec!["GM0344".to_owned()]))
        .expect("Utrecht");
    let cost = row(&rows, "GM0344", "care_cost_total");
    assert_close(cost.value, 3255.260106945913, "GM0344 care_cost_total");
    assert!(cost.quintile_nl.is_some());
    assert_eq!(
        (cost.gemeente_value, cost.rank_gemeente, cost.vs_nl),
        (None, None, Comparison::NotCompared)
    );
    let crude = row(&rows, "GM0344", "share_age_65_plus");
    assert_eq!(crude.area_name.as_deref(), Some("Utrecht"));
}

#[test]
fn rows_have_exactly_the_columns_of_profile_csv() {
    let catalogue = catalogue();
    let data = ProfileData::new(std::slice::from_ref(kwb_2023()), &catalogue);
    let rows = data.level(Level::Wijk);
    let table = Table::from_rows(&schema::PROFILE, &rows).expect("table");
    assert_eq!(table.height(), rows.len());
    let value = serde_json::to_value(&rows[0]).expect("serialise");
    assert_eq!(
        value.as_object().expect("record").len(),
        schema::PROFILE.columns.len()
    );
    assert_eq!(value["level"], "wijk");
    assert_eq!(value["vs_nl"], "not_compared");
    assert_eq!(value["source"], "cbs-kwb");
}

#[test]
fn selections_name_what_is_missing() {
    let catalogue = catalogue();
    let data = ProfileData::new(std::slice::from_ref(kwb_2023()), &catalogue);
    let error = data
        .select(&AreaSelection::Areas(vec![
            "WK034401".to_owned(),
            "WK999999".to_owned(),
        ]))
        .expect_err("unknown wijk");
    assert_eq!(
        error.to_string(),
        "no input file has the area WK999999; the inputs have 1 gemeente, 10 wijk, 111 buurt"
    );
    let error = data
        .select(&AreaSelection::Gemeente {
            gemeente: "GM0828".to_owned(),
            level: Level::Wijk,
        })
        .expect_err("not in the file");
    assert!(
        matches!(error, SelectionError::UnknownGemeente { .. }),
        "{error}"
    );
    let error = data
        .select(&AreaSelection::All(Level::Land))
        .expect_err("no national row");
    assert_eq!(
        error.to_string(),
        "the inputs have no area of level land; they have 1 gemeente, 10 wijk, 111 buurt"
    );
    let buurten = data
        .select(&AreaSelection::All(Level::Buurt))
        .expect("buurten");
    assert_eq!(buurten, data.level(Level::Buurt));
}

#[test]
fn a_series_given_twice_is_taken_once_and_noted() {
    let catalogue = catalogue();
    let datasets = vec![kwb_2023().clone(), kwb_2023().clone()];
    let data = ProfileData::new(&datasets, &catalogue);
    let rows = data.level(Level::Gemeente);
    let share: Vec<_> = rows
        .iter()
        .filter(|r| &*r.indicator == "share_age_65_plus")
        .collect();
    assert_eq!(share.len(), 1);
    assert!(data.notes().iter().any(|n| {
        n.message
            .contains("an earlier input file gives the same period")
    }));
}
