//! Activity logs kept by a network: the match log of a village support
//! worker (requests for help matched to volunteers, with a follow-up after
//! 6–8 weeks) and the log of questions received (who handled them, medical
//! or not). Both have a `netwerk` column, so one file can hold several
//! networks.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::register::Register;
use super::{ColumnKind, ColumnSpec, Loaded, SheetSpec, Table, find_sheet};
use crate::ingest::grid::read_grid;
use crate::problem::{InputError, Problem};

coded! {
    /// Who handled a question.
    HandledBy {
        GeneralPractitioner = "huisarts",
        PracticeNurse = "praktijkondersteuner",
        NeighbourhoodTeam = "wijkteam",
        ResidentsInitiative = "inwonerinitiatief",
        Volunteer = "vrijwilliger",
    }
}

impl HandledBy {
    /// Whether the question was handled in the community (by residents'
    /// initiatives or volunteers) rather than by professionals.
    pub fn in_community(self) -> bool {
        matches!(self, HandledBy::ResidentsInitiative | HandledBy::Volunteer)
    }
}

/// The match log sheet.
pub const MATCHES: SheetSpec = SheetSpec {
    name: "matches",
    help_nl: "Eén regel per hulpvraag: wanneer gevraagd, wanneer gekoppeld aan een vrijwilliger, en de navraag na 6–8 weken.",
    columns: &[
        ColumnSpec {
            name: "aanvraag_id",
            kind: ColumnKind::Text,
            required: true,
            help_nl: "Uw eigen nummer of code van de hulpvraag (geen naam).",
            example: "2023-014",
        },
        ColumnSpec {
            name: "netwerk",
            kind: ColumnKind::NetworkId,
            required: true,
            help_nl: "id van het netwerk (uit het netwerkregister).",
            example: "wedde",
        },
        ColumnSpec {
            name: "aanvraagdatum",
            kind: ColumnKind::Date,
            required: true,
            help_nl: "Datum waarop de hulpvraag binnenkwam.",
            example: "2023-03-06",
        },
        ColumnSpec {
            name: "soort_hulp",
            kind: ColumnKind::Text,
            required: false,
            help_nl: "Soort hulp, bv. vervoer, boodschappen, klusjes, gezelschap.",
            example: "vervoer",
        },
        ColumnSpec {
            name: "matchdatum",
            kind: ColumnKind::Date,
            required: false,
            help_nl: "Datum waarop een vrijwilliger gekoppeld is. Leeg = (nog) geen match.",
            example: "2023-03-09",
        },
        ColumnSpec {
            name: "vrijwilliger",
            kind: ColumnKind::Text,
            required: false,
            help_nl: "Pseudoniem of code van de vrijwilliger (geen naam).",
            example: "V07",
        },
        ColumnSpec {
            name: "followup_datum",
            kind: ColumnKind::Date,
            required: false,
            help_nl: "Datum van de navraag (na 6–8 weken).",
            example: "2023-04-24",
        },
        ColumnSpec {
            name: "vrijwilliger_ok",
            kind: ColumnKind::YesNo,
            required: false,
            help_nl: "Gaat het goed volgens de vrijwilliger?",
            example: "ja",
        },
        ColumnSpec {
            name: "tevredenheid",
            kind: ColumnKind::Whole { min: 1, max: 5 },
            required: false,
            help_nl: "Tevredenheid van de hulpvrager: 1 (zeer ontevreden) tot 5 (zeer tevreden).",
            example: "4",
        },
    ],
};

/// The question log sheet.
pub const QUESTIONS: SheetSpec = SheetSpec {
    name: "vragen",
    help_nl: "Eén regel per binnengekomen vraag: wat voor vraag, en wie hem afhandelde.",
    columns: &[
        ColumnSpec {
            name: "netwerk",
            kind: ColumnKind::NetworkId,
            required: true,
            help_nl: "id van het netwerk (uit het netwerkregister).",
            example: "wedde",
        },
        ColumnSpec {
            name: "datum",
            kind: ColumnKind::Date,
            required: true,
            help_nl: "Datum waarop de vraag binnenkwam.",
            example: "2023-03-06",
        },
        ColumnSpec {
            name: "categorie",
            kind: ColumnKind::Text,
            required: false,
            help_nl: "Onderwerp van de vraag, bv. eenzaamheid, geldzorgen, vervoer.",
            example: "eenzaamheid",
        },
        ColumnSpec {
            name: "medisch",
            kind: ColumnKind::YesNo,
            required: true,
            help_nl: "Is het een medische vraag?",
            example: "nee",
        },
        ColumnSpec {
            name: "afgehandeld_door",
            kind: ColumnKind::Choice(HandledBy::CODES),
            required: true,
            help_nl: "Wie handelde de vraag af?",
            example: "inwonerinitiatief",
        },
        ColumnSpec {
            name: "verwezen_door_huisarts",
            kind: ColumnKind::YesNo,
            required: false,
            help_nl: "Kwam de vraag binnen via een verwijzing van de huisarts(praktijk)?",
            example: "ja",
        },
    ],
};

/// One request for help in the match log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchRecord {
    /// The spreadsheet row it was read from.
    pub row: usize,
    pub request_id: String,
    pub network: String,
    pub request_date: NaiveDate,
    pub kind_of_help: Option<String>,
    /// `None`: not (yet) matched.
    pub match_date: Option<NaiveDate>,
    /// The volunteer's pseudonym.
    pub volunteer: Option<String>,
    pub followup_date: Option<NaiveDate>,
    pub volunteer_ok: Option<bool>,
    /// The requester's satisfaction, 1–5.
    pub satisfaction: Option<u8>,
}

impl MatchRecord {
    /// Days from request to match, for matched requests.
    pub fn days_to_match(&self) -> Option<i64> {
        self.match_date.map(|m| (m - self.request_date).num_days())
    }
}

/// One question in the question log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionRecord {
    pub row: usize,
    pub network: String,
    pub date: NaiveDate,
    pub category: Option<String>,
    pub medical: bool,
    pub handled_by: HandledBy,
    pub referred_by_gp: Option<bool>,
}

fn open_sheet<'g>(
    grid: &'g crate::ingest::grid::Grid,
    spec: &SheetSpec,
    problems: &mut Vec<Problem>,
) -> Option<Table<'g>> {
    let sheet = find_sheet(grid, spec.name, problems)?;
    let table = Table::open(&grid.path, sheet, problems)?;
    table.check_columns(spec.columns, problems);
    table.has_required(spec.columns).then_some(table)
}

/// Reads a match log (workbook with a sheet `matches`, or a CSV file).
pub fn read_match_log(
    path: &Path,
    register: Option<&Register>,
) -> Result<Loaded<Vec<MatchRecord>>, InputError> {
    let grid = read_grid(path)?;
    let mut problems = Vec::new();
    let mut records = Vec::new();
    let known: Option<Vec<&str>> = register.map(Register::network_ids);
    if let Some(table) = open_sheet(&grid, &MATCHES, &mut problems) {
        let mut first_rows: BTreeMap<(String, String), usize> = BTreeMap::new();
        for index in table.data_rows() {
            let mut row = table.row(index, &mut problems);
            let request_id = row.text("aanvraag_id", true);
            let network = row.network("netwerk", known.as_deref());
            let request_date = row.date("aanvraagdatum", true);
            let kind_of_help = row.text("soort_hulp", false);
            let match_date = row.date("matchdatum", false);
            let volunteer = row.text("vrijwilliger", false);
            let followup_date = row.date("followup_datum", false);
            let volunteer_ok = row.yes_no("vrijwilliger_ok", false);
            let satisfaction = row
                .whole("tevredenheid", false, 1, 5)
                .and_then(|v| u8::try_from(v).ok());

            if let (Some(request), Some(matched)) = (request_date, match_date)
                && matched < request
            {
                let problem = Problem {
                    message: format!(
                        "the match date {} lies before the request date {}",
                        matched.format("%d-%m-%Y"),
                        request.format("%d-%m-%Y")
                    ),
                    ..Problem::mismatch(
                        row.location("matchdatum"),
                        "a date on or after the request date",
                        matched.format("%d-%m-%Y").to_string(),
                    )
                };
                // Which of the two dates is wrong is unknown: the row is
                // kept as written, and the error reported.
                row.problems.push(problem);
            }
            if let (Some(matched), Some(followup)) = (match_date, followup_date)
                && followup < matched
            {
                let problem = Problem {
                    message: format!(
                        "the follow-up date {} lies before the match date {}",
                        followup.format("%d-%m-%Y"),
                        matched.format("%d-%m-%Y")
                    ),
                    ..Problem::mismatch(
                        row.location("followup_datum"),
                        "a date on or after the match date",
                        followup.format("%d-%m-%Y").to_string(),
                    )
                };
                row.problems.push(problem);
            }
            if match_date.is_none()
                && (followup_date.is_some() || volunteer.is_some())
                && table.column("matchdatum").is_some()
                && row.cell("matchdatum").is_blank()
            {
                let problem = Problem::warning(
                    row.location("matchdatum"),
                    "no match date, but a volunteer or follow-up is filled in: is the match date missing?",
                );
                row.report(problem);
            }

            let (Some(request_id), Some(network), Some(request_date), false) =
                (request_id, network, request_date, row.failed)
            else {
                continue;
            };
            let key = (network.clone(), request_id.clone());
            if let Some(first) = first_rows.get(&key) {
                let problem = Problem {
                    message: format!(
                        "the request {request_id:?} of network {network:?} is already in row {first}; \
                         this row is left out"
                    ),
                    ..Problem::mismatch(
                        row.location("aanvraag_id"),
                        "a unique aanvraag_id per network",
                        request_id.clone(),
                    )
                };
                row.report(problem);
                continue;
            }
            first_rows.insert(key, row.number());
            records.push(MatchRecord {
                row: row.number(),
                request_id,
                network,
                request_date,
                kind_of_help,
                match_date,
                volunteer,
                followup_date,
                volunteer_ok,
                satisfaction,
            });
        }
    }
    Ok(Loaded {
        data: records,
        problems,
    })
}

/// Reads a question log (workbook with a sheet `vragen`, or a CSV file).
pub fn read_question_log(
    path: &Path,
    register: Option<&Register>,
) -> Result<Loaded<Vec<QuestionRecord>>, InputError> {
    let grid = read_grid(path)?;
    let mut problems = Vec::new();
    let mut records = Vec::new();
    let known: Option<Vec<&str>> = register.map(Register::network_ids);
    if let Some(table) = open_sheet(&grid, &QUESTIONS, &mut problems) {
        for index in table.data_rows() {
            let mut row = table.row(index, &mut problems);
            let network = row.network("netwerk", known.as_deref());
            let date = row.date("datum", true);
            let category = row.text("categorie", false);
            let medical = row.yes_no("medisch", true);
            let handled_by = row.choice(
                "afgehandeld_door",
                true,
                HandledBy::CODES,
                HandledBy::from_code,
            );
            let referred_by_gp = row.yes_no("verwezen_door_huisarts", false);
            if let (Some(network), Some(date), Some(medical), Some(handled_by), false) =
                (network, date, medical, handled_by, row.failed)
            {
                records.push(QuestionRecord {
                    row: row.number(),
                    network,
                    date,
                    category,
                    medical,
                    handled_by,
                    referred_by_gp,
                });
            }
        }
    }
    Ok(Loaded {
        data: records,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_windows_1252_csv_question_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vragen.csv");
        let text = "Netwerk;Datum;Categorie;Medisch;Afgehandeld door;verwezen_door_huisarts\r\n\
                    VOORBEELD wedde;06-03-2023;eenzaamheid;nee;inwonerinitiatief;ja\r\n\
                    wedde;06-03-2023;eenzaamheid;nee;Inwonerinitiatief;ja\r\n\
                    wedde;7-3-2023;r\u{fc}gpijn;ja;huisarts;\r\n\
                    wedde;gisteren;geldzorgen;nee;buurvrouw;nee\r\n";
        let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        std::fs::write(&path, bytes).unwrap();
        let loaded = read_question_log(&path, None).unwrap();
        assert_eq!(loaded.data.len(), 2);
        assert_eq!(loaded.data[0].handled_by, HandledBy::ResidentsInitiative);
        assert!(loaded.data[0].handled_by.in_community());
        assert_eq!(loaded.data[1].category.as_deref(), Some("rügpijn"));
        assert_eq!(
            loaded.data[1].date,
            NaiveDate::from_ymd_opt(2023, 3, 7).unwrap()
        );
        let got: Vec<(Option<usize>, Option<&str>)> = loaded
            .problems
            .iter()
            .map(|p| (p.location.row, p.location.column.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(5), Some("datum")),
                (Some(5), Some("afgehandeld_door"))
            ]
        );
        assert_eq!(loaded.problems[1].found.as_deref(), Some("buurvrouw"));
    }

    #[test]
    fn days_to_match() {
        let record = MatchRecord {
            row: 2,
            request_id: "1".into(),
            network: "w".into(),
            request_date: NaiveDate::from_ymd_opt(2023, 3, 6).unwrap(),
            kind_of_help: None,
            match_date: NaiveDate::from_ymd_opt(2023, 3, 9),
            volunteer: None,
            followup_date: None,
            volunteer_ok: None,
            satisfaction: None,
        };
        assert_eq!(record.days_to_match(), Some(3));
    }
}
