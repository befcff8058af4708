//! The network register: one workbook describing the networks, their areas,
//! partners and phase history, in four sheets (`netwerken`, `gebieden`,
//! `partners`, `fasen`).
//!
//! The other network files (responses, logs) refer to networks by the `id`
//! of the `netwerken` sheet, and are checked against it when a register is
//! given.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::{AreaCode, ColumnKind, ColumnSpec, Loaded, SheetSpec, Table, YesNoUnknown, find_sheet};
use crate::ingest::grid::read_grid;
use crate::problem::{InputError, Problem};

coded! {
    /// Who took the initiative for the network.
    Initiator {
        Citizens = "burgers",
        Professionals = "professionals",
        GeneralPractitioner = "huisarts",
        Municipality = "gemeente",
    }
}

coded! {
    /// How the network was started (seed reports: bottom-up from residents,
    /// top-down from professionals, community-up with all domains together).
    Approach {
        BottomUp = "bottom-up",
        TopDown = "top-down",
        CommunityUp = "community-up",
    }
}

coded! {
    /// The network perspective on organising (the four network types).
    Perspective {
        AroundThePerson = "rond de persoon",
        NeighbourhoodIssue = "wijkvraagstuk",
        RegionalPopulation = "populatie in de regio",
        ScaleTheme = "schaalthema",
    }
}

coded! {
    /// Whether the funding is temporary or structural.
    Funding {
        Temporary = "tijdelijk",
        Structural = "structureel",
    }
}

coded! {
    /// The domain of a partner.
    Domain {
        Care = "zorg",
        Welfare = "welzijn",
        Municipality = "gemeente",
        HealthInsurer = "zorgverzekeraar",
        GeneralPractitioner = "huisarts",
        ResidentsVolunteers = "inwoners-vrijwilligers",
        Housing = "wonen",
        Safety = "veiligheid",
        Education = "onderwijs",
        Other = "overig",
    }
}

coded! {
    /// The four phases of building a network.
    Phase {
        Exploring = "verkennen",
        Shaping = "vormgeven",
        Deepening = "verdiepen",
        Anchoring = "verankeren",
    }
}

/// The sheet of networks.
/// The plausible years of a network's start date. Networks of this kind began
/// after the Wmo of 2007; 1990 leaves room for older ones. A date outside is
/// a typing mistake (1850 for 2018): reported as an error and left empty.
pub const START_YEARS: std::ops::RangeInclusive<i32> = 1990..=2099;

pub const NETWORKS: SheetSpec = SheetSpec {
    name: "netwerken",
    help_nl: "Eén regel per netwerk.",
    columns: &[
        ColumnSpec {
            name: "id",
            kind: ColumnKind::Text,
            required: true,
            help_nl: "Korte, vaste code van het netwerk, zonder spaties. De andere bladen en bestanden verwijzen ernaar.",
            example: "ruwaard",
        },
        ColumnSpec {
            name: "naam",
            kind: ColumnKind::Text,
            required: true,
            help_nl: "Naam van het netwerk.",
            example: "Proeftuin Ruwaard",
        },
        ColumnSpec {
            name: "gemeente",
            kind: ColumnKind::MunicipalityCode,
            required: true,
            help_nl: "CBS-code van de gemeente.",
            example: "GM0828",
        },
        ColumnSpec {
            name: "startdatum",
            kind: ColumnKind::Date,
            required: false,
            help_nl: "Datum waarop het netwerk startte.",
            example: "2015-01-01",
        },
        ColumnSpec {
            name: "initiatiefnemer",
            kind: ColumnKind::Choice(Initiator::CODES),
            required: false,
            help_nl: "Wie nam het initiatief?",
            example: "professionals",
        },
        ColumnSpec {
            name: "aanpak",
            kind: ColumnKind::Choice(Approach::CODES),
            required: false,
            help_nl: "Hoe is het netwerk gestart?",
            example: "top-down",
        },
        ColumnSpec {
            name: "perspectief",
            kind: ColumnKind::Choice(Perspective::CODES),
            required: false,
            help_nl: "Netwerkperspectief: waar draait de samenwerking om?",
            example: "wijkvraagstuk",
        },
        ColumnSpec {
            name: "doelgroep",
            kind: ColumnKind::Text,
            required: false,
            help_nl: "Voor wie is het netwerk er?",
            example: "wijkbewoners Ruwaard",
        },
        ColumnSpec {
            name: "ambitie",
            kind: ColumnKind::Text,
            required: false,
            help_nl: "De gedeelde ambitie (visie/missie) in één zin.",
            example: "Een vitale wijk waar bewoners een betere gezondheid ervaren",
        },
        ColumnSpec {
            name: "kartrekker_rol",
            kind: ColumnKind::Text,
            required: false,
            help_nl: "Functie of rol van de kartrekker.",
            example: "wijkregisseur",
        },
        ColumnSpec {
            name: "kartrekker_onafhankelijk",
            kind: ColumnKind::YesNo,
            required: false,
            help_nl: "Is de kartrekker onafhankelijk van de partners?",
            example: "ja",
        },
        ColumnSpec {
            name: "financiering",
            kind: ColumnKind::Choice(Funding::CODES),
            required: false,
            help_nl: "Is de financiering tijdelijk of structureel?",
            example: "tijdelijk",
        },
        ColumnSpec {
            name: "financiering_tot",
            kind: ColumnKind::Date,
            required: false,
            help_nl: "Tot wanneer loopt de financiering (bij tijdelijke financiering)?",
            example: "2025-12-31",
        },
        ColumnSpec {
            name: "inwoners_vanaf_start",
            kind: ColumnKind::YesNoUnknown,
            required: false,
            help_nl: "Waren inwoners vanaf de start betrokken?",
            example: "ja",
        },
        ColumnSpec {
            name: "schriftelijke_ambitie",
            kind: ColumnKind::YesNoUnknown,
            required: false,
            help_nl: "Is de ambitie op papier gezet?",
            example: "ja",
        },
    ],
};

/// The sheet of areas per network.
pub const AREAS: SheetSpec = SheetSpec {
    name: "gebieden",
    help_nl: "Eén regel per gebied waarin een netwerk werkt (een netwerk kan meerdere gebieden hebben).",
    columns: &[
        ColumnSpec {
            name: "netwerk",
            kind: ColumnKind::NetworkId,
            required: true,
            help_nl: "id van het netwerk (blad netwerken).",
            example: "ruwaard",
        },
        ColumnSpec {
            name: "gebiedscode",
            kind: ColumnKind::AreaCode,
            required: true,
            help_nl: "CBS-code van de gemeente, wijk of buurt.",
            example: "WK082806",
        },
    ],
};

/// The sheet of partners per network.
pub const PARTNERS: SheetSpec = SheetSpec {
    name: "partners",
    help_nl: "Eén regel per partner van een netwerk.",
    columns: &[
        ColumnSpec {
            name: "netwerk",
            kind: ColumnKind::NetworkId,
            required: true,
            help_nl: "id van het netwerk (blad netwerken).",
            example: "ruwaard",
        },
        ColumnSpec {
            name: "partner",
            kind: ColumnKind::Text,
            required: true,
            help_nl: "Naam van de partnerorganisatie of -groep.",
            example: "Huisartsenpraktijk De Ruwaard",
        },
        ColumnSpec {
            name: "domein",
            kind: ColumnKind::Choice(Domain::CODES),
            required: true,
            help_nl: "Domein van de partner.",
            example: "huisarts",
        },
    ],
};

/// The sheet of the phase history per network.
pub const PHASES: SheetSpec = SheetSpec {
    name: "fasen",
    help_nl: "Eén regel per fase die een netwerk bereikte, met de datum waarop.",
    columns: &[
        ColumnSpec {
            name: "netwerk",
            kind: ColumnKind::NetworkId,
            required: true,
            help_nl: "id van het netwerk (blad netwerken).",
            example: "ruwaard",
        },
        ColumnSpec {
            name: "datum",
            kind: ColumnKind::Date,
            required: true,
            help_nl: "Datum waarop het netwerk deze fase bereikte.",
            example: "2018-06-01",
        },
        ColumnSpec {
            name: "fase",
            kind: ColumnKind::Choice(Phase::CODES),
            required: true,
            help_nl: "Fase van netwerkvorming.",
            example: "verankeren",
        },
    ],
};

/// The four sheets of the register, in workbook order.
pub const SHEETS: [SheetSpec; 4] = [NETWORKS, AREAS, PARTNERS, PHASES];

/// One network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    /// The spreadsheet row it was read from.
    pub row: usize,
    pub id: String,
    pub name: String,
    /// The municipality code (`GM0828`).
    pub municipality: String,
    pub start_date: Option<NaiveDate>,
    pub initiator: Option<Initiator>,
    pub approach: Option<Approach>,
    pub perspective: Option<Perspective>,
    pub target_group: Option<String>,
    pub ambition: Option<String>,
    pub kartrekker_role: Option<String>,
    pub kartrekker_independent: Option<bool>,
    pub funding: Option<Funding>,
    pub funded_until: Option<NaiveDate>,
    pub residents_from_start: YesNoUnknown,
    pub written_ambition: YesNoUnknown,
}

/// An area a network works in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkArea {
    pub row: usize,
    pub network: String,
    pub area: AreaCode,
}

/// A partner of a network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    pub row: usize,
    pub network: String,
    pub name: String,
    pub domain: Domain,
}

/// A phase a network reached on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseEntry {
    pub row: usize,
    pub network: String,
    pub date: NaiveDate,
    pub phase: Phase,
}

/// The whole register.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Register {
    pub networks: Vec<Network>,
    pub areas: Vec<NetworkArea>,
    pub partners: Vec<Partner>,
    pub phases: Vec<PhaseEntry>,
    /// Whether the `netwerken` sheet was found with its required columns:
    /// only then can other files' network ids be checked against
    /// `networks` (an unreadable sheet is one error, not one per reference).
    #[serde(skip)]
    pub networks_read: bool,
}

impl Register {
    /// The ids of the networks, in register order.
    pub fn network_ids(&self) -> Vec<&str> {
        self.networks.iter().map(|n| n.id.as_str()).collect()
    }

    /// A network by id.
    pub fn network(&self, id: &str) -> Option<&Network> {
        self.networks.iter().find(|n| n.id == id)
    }

    /// The phase of a network on a date: the last phase reached on or before it.
    pub fn phase_on(&self, network: &str, date: NaiveDate) -> Option<Phase> {
        self.phases
            .iter()
            .filter(|p| p.network == network && p.date <= date)
            .max_by_key(|p| p.date)
            .map(|p| p.phase)
    }
}

/// Reads a register workbook. Fails only when the file cannot be read at
/// all; everything else is a problem in the result.
pub fn read_register(path: &Path) -> Result<Loaded<Register>, InputError> {
    let grid = read_grid(path)?;
    let mut problems = Vec::new();
    let mut register = Register::default();

    let sheet = |spec: &SheetSpec, problems: &mut Vec<Problem>| {
        find_sheet(&grid, spec.name, problems).and_then(|sheet| Table::open(path, sheet, problems))
    };

    let mut networks_read = false;
    if let Some(table) = sheet(&NETWORKS, &mut problems) {
        networks_read = table.has_required(NETWORKS.columns);
        read_networks(&table, &mut register, &mut problems);
    }
    // Without a readable `netwerken` sheet every reference would be
    // reported; the missing sheet is reported once instead.
    register.networks_read = networks_read;
    let ids: Vec<String> = register.networks.iter().map(|n| n.id.clone()).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let known = networks_read.then_some(ids.as_slice());
    if let Some(table) = sheet(&AREAS, &mut problems) {
        read_areas(&table, known, &mut register, &mut problems);
    }
    if let Some(table) = sheet(&PARTNERS, &mut problems) {
        read_partners(&table, known, &mut register, &mut problems);
    }
    if let Some(table) = sheet(&PHASES, &mut problems) {
        read_phases(&table, known, &mut register, &mut problems);
    }
    Ok(Loaded {
        data: register,
        problems,
    })
}

fn read_networks(table: &Table, register: &mut Register, problems: &mut Vec<Problem>) {
    table.check_columns(NETWORKS.columns, problems);
    if !table.has_required(NETWORKS.columns) {
        return;
    }
    let mut first_rows: BTreeMap<String, usize> = BTreeMap::new();
    for index in table.data_rows() {
        let mut row = table.row(index, problems);
        let id = row.text("id", true);
        if let Some(id) = &id {
            if id.chars().any(char::is_whitespace) {
                let cell = row.cell("id").clone();
                row.mismatch("id", "an id without spaces", &cell, true);
            } else if let Some(first) = first_rows.get(id) {
                let problem = Problem {
                    message: format!("the network id {id:?} is already used in row {first}"),
                    ..Problem::mismatch(row.location("id"), "a unique network id", id.clone())
                };
                row.report(problem);
            }
        }
        let start_date = row.date("startdatum", false).and_then(|date| {
            if START_YEARS.contains(&chrono::Datelike::year(&date)) {
                return Some(date);
            }
            let cell = row.cell("startdatum").clone();
            row.mismatch(
                "startdatum",
                format!(
                    "a start date from {} to {}",
                    START_YEARS.start(),
                    START_YEARS.end()
                ),
                &cell,
                false,
            );
            None
        });
        let network = Network {
            row: row.number(),
            id: id.clone().unwrap_or_default(),
            name: row.text("naam", true).unwrap_or_default(),
            municipality: row.municipality("gemeente", true).unwrap_or_default(),
            start_date,
            initiator: row.choice(
                "initiatiefnemer",
                false,
                Initiator::CODES,
                Initiator::from_code,
            ),
            approach: row.choice("aanpak", false, Approach::CODES, Approach::from_code),
            perspective: row.choice(
                "perspectief",
                false,
                Perspective::CODES,
                Perspective::from_code,
            ),
            target_group: row.text("doelgroep", false),
            ambition: row.text("ambitie", false),
            kartrekker_role: row.text("kartrekker_rol", false),
            kartrekker_independent: row.yes_no("kartrekker_onafhankelijk", false),
            funding: row.choice("financiering", false, Funding::CODES, Funding::from_code),
            funded_until: row.date("financiering_tot", false),
            residents_from_start: row.yes_no_unknown("inwoners_vanaf_start"),
            written_ambition: row.yes_no_unknown("schriftelijke_ambitie"),
        };
        if let (Some(start), Some(until)) = (network.start_date, network.funded_until)
            && until < start
        {
            let problem = Problem {
                expected: Some("a date after the start date".to_owned()),
                found: Some(until.format("%d-%m-%Y").to_string()),
                ..Problem::warning(
                    row.location("financiering_tot"),
                    format!(
                        "the funding ends ({}) before the network started ({})",
                        until.format("%d-%m-%Y"),
                        start.format("%d-%m-%Y")
                    ),
                )
            };
            row.report(problem);
        }
        if !row.failed {
            if let Some(id) = id {
                first_rows.insert(id, network.row);
            }
            register.networks.push(network);
        }
    }
}

fn read_areas(
    table: &Table,
    known: Option<&[&str]>,
    register: &mut Register,
    problems: &mut Vec<Problem>,
) {
    table.check_columns(AREAS.columns, problems);
    if !table.has_required(AREAS.columns) {
        return;
    }
    let mut seen = BTreeSet::new();
    for index in table.data_rows() {
        let mut row = table.row(index, problems);
        let network = row.network("netwerk", known);
        let area = row.area("gebiedscode", true);
        if let (Some(network), Some(area), false) = (network, area, row.failed) {
            if !seen.insert((network.clone(), area.code.clone())) {
                let problem = Problem {
                    expected: Some("each area once per network".to_owned()),
                    found: Some(area.code.clone()),
                    ..Problem::warning(
                        row.location("gebiedscode"),
                        format!(
                            "the area {} is listed twice for the network {network:?}",
                            area.code
                        ),
                    )
                };
                row.report(problem);
                continue;
            }
            register.areas.push(NetworkArea {
                row: row.number(),
                network,
                area,
            });
        }
    }
}

fn read_partners(
    table: &Table,
    known: Option<&[&str]>,
    register: &mut Register,
    problems: &mut Vec<Problem>,
) {
    table.check_columns(PARTNERS.columns, problems);
    if !table.has_required(PARTNERS.columns) {
        return;
    }
    for index in table.data_rows() {
        let mut row = table.row(index, problems);
        let network = row.network("netwerk", known);
        let name = row.text("partner", true);
        let domain = row.choice("domein", true, Domain::CODES, Domain::from_code);
        if let (Some(network), Some(name), Some(domain), false) =
            (network, name, domain, row.failed)
        {
            register.partners.push(Partner {
                row: row.number(),
                network,
                name,
                domain,
            });
        }
    }
}

fn read_phases(
    table: &Table,
    known: Option<&[&str]>,
    register: &mut Register,
    problems: &mut Vec<Problem>,
) {
    table.check_columns(PHASES.columns, problems);
    if !table.has_required(PHASES.columns) {
        return;
    }
    for index in table.data_rows() {
        let mut row = table.row(index, problems);
        let network = row.network("netwerk", known);
        let date = row.date("datum", true);
        let phase = row.choice("fase", true, Phase::CODES, Phase::from_code);
        if let (Some(network), Some(date), Some(phase), false) = (network, date, phase, row.failed)
        {
            register.phases.push(PhaseEntry {
                row: row.number(),
                network,
                date,
                phase,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Location;
    use rust_xlsxwriter::Workbook;

    fn write(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
        let mut workbook = Workbook::new();
        for (name, rows) in sheets {
            let sheet = workbook.add_worksheet();
            sheet.set_name(*name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    if !value.is_empty() {
                        sheet.write_string(r as u32, c as u16, *value).unwrap();
                    }
                }
            }
        }
        workbook.save(path).unwrap();
    }

    #[test]
    fn codes_match_loosely() {
        assert_eq!(
            Domain::from_code("Inwoners/vrijwilligers"),
            Some(Domain::ResidentsVolunteers)
        );
        assert_eq!(
            Approach::from_code("community up"),
            Some(Approach::CommunityUp)
        );
        assert_eq!(
            Perspective::from_code("Rond de persoon"),
            Some(Perspective::AroundThePerson)
        );
        assert_eq!(
            Phase::from_code("verdiepen").map(Phase::code),
            Some("verdiepen")
        );
        assert_eq!(Initiator::from_code("wijkteam"), None);
    }

    #[test]
    fn reads_a_register_and_reports_cross_sheet_problems() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.xlsx");
        write(
            &path,
            &[
                (
                    "Netwerken",
                    vec![
                        vec![
                            "ID",
                            "Naam",
                            "Gemeente",
                            "startdatum",
                            "aanpak",
                            "inwoners vanaf start",
                        ],
                        vec!["VOORBEELD x", "y", "GM0000", "", "", ""],
                        vec![
                            "wedde",
                            "Wedde dat 't lukt",
                            "GM1950",
                            "01-01-2014",
                            "Bottom up",
                            "",
                        ],
                        vec!["wedde", "Dubbel", "GM1950", "", "", ""],
                        vec![
                            "lemmer",
                            "Zorgplein Lemmer",
                            "gm1900",
                            "2018-3-1",
                            "van onderop",
                            "nee",
                        ],
                    ],
                ),
                (
                    "gebieden",
                    vec![
                        vec!["netwerk", "gebiedscode"],
                        vec!["wedde", "WK195001"],
                        vec!["wedde", "WK1950"],
                    ],
                ),
                (
                    "partners",
                    vec![
                        vec!["netwerk", "partner", "domein"],
                        vec!["onbekend", "X", "zorg"],
                    ],
                ),
            ],
        );
        let loaded = read_register(&path).unwrap();
        let register = &loaded.data;
        assert_eq!(register.network_ids(), ["wedde", "lemmer"]);
        assert_eq!(register.networks[0].approach, Some(Approach::BottomUp));
        assert_eq!(register.networks[1].municipality, "GM1900");
        assert_eq!(register.networks[1].approach, None);
        assert_eq!(register.networks[1].residents_from_start, YesNoUnknown::No);
        assert_eq!(register.areas.len(), 1);
        let places: Vec<(Option<&str>, Option<usize>, Option<&str>)> = loaded
            .problems
            .iter()
            .map(|p| {
                (
                    p.location.sheet.as_deref(),
                    p.location.row,
                    p.location.column.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            places,
            [
                (Some("Netwerken"), Some(4), Some("id")),
                (Some("Netwerken"), Some(5), Some("aanpak")),
                (Some("gebieden"), Some(3), Some("gebiedscode")),
                (Some("partners"), Some(2), Some("netwerk")),
                (None, None, None),
            ]
        );
        assert_eq!(
            loaded.problems[1].message,
            "expected one of bottom-up, top-down, community-up, found \"van onderop\""
        );
        assert_eq!(
            loaded.problems[4].message,
            "sheet \"fasen\" not found; the sheets in this file are: \"Netwerken\", \"gebieden\", \"partners\""
        );
        assert_eq!(loaded.problems[4].location, Location::file(&path));
    }
}
