#!/usr/bin/env python3
"""Seeded generator of the bundled sample data of wijkmonitor.

Run from the repository root:

    python3 sample-data/generate.py
        (re)writes the sample network data and the synthetic KWB file:
          sample-data/netwerken/register.xlsx
          sample-data/netwerken/antwoorden-positieve-gezondheid.xlsx
          sample-data/netwerken/antwoorden-eenzaamheid-djg6.xlsx
          sample-data/netwerken/antwoorden-welbevinden.xlsx
          sample-data/netwerken/antwoorden-samenwerking.xlsx
          sample-data/netwerken/matches-wedde.xlsx
          sample-data/netwerken/vragen-samenredzaamheid.xlsx
          sample-data/open-data/kwb-2020-voorbeeldgemeenten-synthetisch.xlsx

    python3 sample-data/generate.py --national-kwb OUT.xlsx [--rivm FILE]
        writes a synthetic KWB file in the same format for every region
        (Nederland, every gemeente, wijk and buurt) of the RIVM 50090NED
        2020 18+ file (default /work/shared/data/rivm-gezondheid/...), for
        benchmarks; not committed.

    python3 sample-data/generate.py --networks 100 --out DIR
        writes DIR/netwerken/ (the same file set for 100 networks: the 10
        seed networks repeated as ruwaard, ruwaard-02, ... with suffixed
        names, same municipalities and areas) and DIR/pipeline.toml, whose
        open-data inputs point at the absolute paths of this folder's
        open-data/ files and whose network inputs are relative.

What is real and what is synthetic (see sample-data/README.md):
- real: CBS area codes (taken from the real RIVM file in open-data/),
  municipality names, and the facts about the ten networks as the seed
  documents (HAN 'Een sterk wijknetwerk' final report, the De Eerstelijns
  articles on 'Een sterk wijknetwerk' and 'Samenredzaamheid', the HAN press
  release) describe them;
- synthetic: every questionnaire answer, match, question, phase date after
  the seeds, and every number in the KWB file. Pseudonyms (R0001, V001) are
  codes, never names.

Determinism: every random draw comes from numpy Generators seeded with SEED
and a fixed stream number per part, workbook properties carry a fixed date,
and the zip entries of every xlsx get a fixed timestamp, so the same command
writes the same bytes every run.

Formats: docs/network-data.md (network files), pipelines/instruments/*.toml
(item ids and answer labels are read from the instrument files at run time),
and the real CBS file open-data/kwb-2023-utrecht.xlsx (KWB layout).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import re
import sys
import tomllib
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

SEED = 20250301
FIXED_TIME = dt.datetime(2025, 3, 1, 0, 0, 0)
ZIP_TIME = (2025, 3, 1, 0, 0, 0)

HERE = Path(__file__).resolve().parent  # sample-data/
REPO = HERE.parent
INSTRUMENT_DIR = REPO / "pipelines" / "instruments"
OPEN_DATA = HERE / "open-data"
RIVM_SAMPLE = OPEN_DATA / "50090NED-2020-18plus-voorbeeldgemeenten.xlsx"
RIVM_FULL = Path("/work/shared/data/rivm-gezondheid/50090NED-2020-18plus.xlsx")
KWB_SAMPLE_NAME = "kwb-2020-voorbeeldgemeenten-synthetisch.xlsx"

DATE_FORMAT = "DD-MM-YYYY"


# --------------------------------------------------------------------------
# Deterministic output
# --------------------------------------------------------------------------

def rng_for(*stream: int) -> np.random.Generator:
    """A generator for one part of the data: SEED plus a fixed stream key."""
    return np.random.default_rng([SEED, *stream])


def save_workbook(wb, path: Path) -> None:
    """Saves with fixed properties and fixed zip timestamps, atomically."""
    props = wb.properties
    props.creator = "wijkmonitor sample-data/generate.py"
    props.lastModifiedBy = None
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time into dcterms:modified
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + FIXED_TIME.isoformat().encode() + rb"Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            zout.writestr(fixed, data, compresslevel=6)
    os.replace(tmp, path)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------
# The ten networks of the seed documents
# --------------------------------------------------------------------------
# Seeds (in /work/shared/seeds): E = HAN final report "Een sterk wijknetwerk"
# (002), A = De Eerstelijns article "Verkennen, vormgeven, verdiepen,
# verankeren" (004), S = De Eerstelijns article "Samenredzaamheid" (000),
# P = HAN press release on Samenredzaamheid (001), O = Opheij, four network
# perspectives (003). Empty values: the seeds are silent (shown as unknown).

@dataclass
class Network:
    id: str
    naam: str
    gemeente: str
    areas: list[str]
    area_names: dict[str, str]
    startdatum: dt.date | None = None
    initiatiefnemer: str | None = None
    aanpak: str | None = None
    perspectief: str | None = None
    doelgroep: str | None = None
    ambitie: str | None = None
    kartrekker_rol: str | None = None
    kartrekker_onafhankelijk: str | None = None
    financiering: str | None = None
    financiering_tot: dt.date | None = None
    inwoners_vanaf_start: str | None = None
    schriftelijke_ambitie: str | None = None
    partners: list[tuple[str, str]] = field(default_factory=list)
    phases: list[tuple[dt.date, str]] = field(default_factory=list)
    # for the scale-up mode: copy number (1 = the seed network itself)
    copy: int = 1
    base: str = ""


SAMENREDZAAMHEID_AMBITIE = (
    "Een zorg- en ondersteuningsnetwerk waarin inwoners en professionals duurzaam "
    "samenwerken om samen gezondheid en vitaliteit in de wijk te bevorderen"
)

SEED_NETWORKS: list[Network] = [
    Network(
        # E Tabel 1-3, aanbevelingen; A (leersessies)
        id="ruwaard", naam="Proeftuin Ruwaard", gemeente="GM0828",
        areas=["WK082806"], area_names={"WK082806": "Wijk 06 Ruwaard"},
        startdatum=d("2015-01-01"), initiatiefnemer="professionals",
        perspectief="wijkvraagstuk", doelgroep="Wijkbewoners Ruwaard",
        ambitie="Een vitale wijk Ruwaard waar actieve bewoners tegen lagere kosten een "
                "betere (positieve) gezondheid ervaren",
        kartrekker_rol="kwartiermaker (nu wijkregisseur)", kartrekker_onafhankelijk="ja",
        financiering="structureel", schriftelijke_ambitie="ja",
        partners=[
            ("Gemeente Oss", "gemeente"),
            ("Zorgorganisaties in de wijk", "zorg"),
            ("Welzijnsorganisaties", "welzijn"),
            ("Zorgverzekeraar", "zorgverzekeraar"),
            ("Wijkbewoners Ruwaard", "inwoners-vrijwilligers"),
            ("Woningbouwvereniging", "wonen"),
            ("Politie", "veiligheid"),
            ("Programmateam ROS", "overig"),
        ],
        phases=[(d("2015-01-01"), "verkennen"), (d("2015-09-01"), "vormgeven"),
                (d("2016-09-01"), "verdiepen"), (d("2018-01-01"), "verankeren")],
    ),
    Network(
        # E Tabel 1-3 (DementieNet Dukenburg)
        id="dukenburg", naam="DementieNet Dukenburg", gemeente="GM0268",
        areas=["WK026807"], area_names={"WK026807": "Wijk 07 Dukenburg"},
        startdatum=d("2015-01-01"), initiatiefnemer="professionals", aanpak="bottom-up",
        perspectief="wijkvraagstuk", doelgroep="Wijkbewoners van Dukenburg (met dementie)",
        ambitie="Dukenburg een dementievriendelijke wijk",
        kartrekker_rol="netwerktrekkers (professionals)", financiering="tijdelijk",
        schriftelijke_ambitie="ja",
        partners=[
            ("Zorgorganisaties", "zorg"),
            ("Welzijnsorganisaties", "welzijn"),
            ("Huisartsen", "huisarts"),
            ("Wijkbewoner", "inwoners-vrijwilligers"),
            ("Wijkagent", "veiligheid"),
            ("Woningbouwvereniging", "wonen"),
            ("Radboudumc en OCE Nijmegen (ondersteuning)", "overig"),
        ],
        phases=[(d("2015-01-01"), "verkennen"), (d("2016-03-01"), "vormgeven"),
                (d("2018-01-01"), "verdiepen")],
    ),
    Network(
        # E Tabel 1-3 (DementieNet, Netwerk Kwetsbare Ouderen Gemert); A (ZorgcooOperatie Gemert)
        id="gemert", naam="Netwerk Kwetsbare Ouderen Gemert", gemeente="GM1652",
        areas=["WK165200"], area_names={"WK165200": "Wijk 00 Gemert"},
        startdatum=d("2017-01-01"), initiatiefnemer="burgers", aanpak="bottom-up",
        perspectief="rond de persoon", doelgroep="Kwetsbare ouderen Gemert",
        ambitie="Verbetering van de zorg voor kwetsbare ouderen, zodat ze de hulp krijgen "
                "die ze nodig hebben",
        kartrekker_rol="actieve burger: voorzitter Zorgcoöperatie Gemert",
        kartrekker_onafhankelijk="ja", financiering="tijdelijk",
        inwoners_vanaf_start="ja", schriftelijke_ambitie="ja",
        partners=[
            ("Zorgcoöperatie Gemert", "inwoners-vrijwilligers"),
            ("Zorgorganisaties", "zorg"),
            ("Welzijnsorganisaties", "welzijn"),
            ("Radboudumc (ondersteuning)", "overig"),
        ],
        phases=[(d("2017-01-01"), "verkennen"), (d("2017-09-01"), "vormgeven"),
                (d("2018-06-01"), "verdiepen"), (d("2019-09-01"), "verankeren")],
    ),
    Network(
        # E Tabel 1-3, aanbevelingen (dorpsondersteuner, tijdelijke Wmo-financiering)
        id="wedde", naam="Wedde dat 't lukt", gemeente="GM1950",
        areas=["GM1950"], area_names={},
        startdatum=d("2014-01-01"), initiatiefnemer="huisarts", aanpak="bottom-up",
        perspectief="rond de persoon",
        doelgroep="Hulpvragers (inwoners) van Wedde, Veelerveen en Vriescheloo",
        ambitie="Verbetering van de leefbaarheid van de Groninger dorpskernen",
        kartrekker_rol="dorpsondersteuner (in dienst van de stichting)",
        kartrekker_onafhankelijk="ja", financiering="tijdelijk",
        inwoners_vanaf_start="ja", schriftelijke_ambitie="ja",
        partners=[
            ("Stichting Wedde dat 't lukt", "inwoners-vrijwilligers"),
            ("Dorpsraad", "inwoners-vrijwilligers"),
            ("Vrijwilligers", "inwoners-vrijwilligers"),
            ("Huisartsenpraktijk", "huisarts"),
            ("Gemeente Westerwolde", "gemeente"),
            ("Zorgorganisaties", "zorg"),
            ("Welzijnsorganisaties", "welzijn"),
            ("Menzis", "zorgverzekeraar"),
            ("Provincie Groningen", "overig"),
        ],
        phases=[(d("2014-01-01"), "verkennen"), (d("2014-09-01"), "vormgeven"),
                (d("2016-01-01"), "verdiepen"), (d("2018-01-01"), "verankeren")],
    ),
    Network(
        # E Tabel 1-3 (Positieve Gezondheid Zorgplein Lemmer)
        id="lemmer", naam="Zorgplein Lemmer", gemeente="GM1940",
        areas=["WK194023"], area_names={"WK194023": "Wijk 23 Lemmer"},
        startdatum=d("2018-01-01"), initiatiefnemer="huisarts",
        perspectief="rond de persoon",
        doelgroep="Kwetsbare patiënten vanaf 18 jaar die een beroep doen op Zorgplein Lemmer",
        ambitie="Gemeenschappelijke visie op gezondheid waarbij de focus ligt op de "
                "veerkracht, eigen regie en mogelijkheden van de zorgvrager",
        kartrekker_rol="huisarts", financiering="tijdelijk",
        inwoners_vanaf_start="nee", schriftelijke_ambitie="ja",
        partners=[
            ("Huisartsen Zorgplein Lemmer", "huisarts"),
            ("Eerstelijns zorgprofessionals", "zorg"),
            ("Welzijnsprofessionals", "welzijn"),
            ("Achmea", "zorgverzekeraar"),
            ("ROS Friesland (projectleider)", "overig"),
        ],
        phases=[(d("2018-01-01"), "verkennen"), (d("2019-01-01"), "vormgeven"),
                (d("2021-06-01"), "verdiepen")],
    ),
    Network(
        # E §4.2 (proeftuin Wijchen), aanbevelingen (Stichting Wijchen Gezond)
        id="wijchen", naam="Wijchen Gezond", gemeente="GM0296",
        areas=["GM0296"], area_names={},
        initiatiefnemer="burgers",
        ambitie="Wijchen de gezondste gemeente van Nederland",
        inwoners_vanaf_start="ja",
        partners=[
            ("Actieve burgers en vrijwilligers", "inwoners-vrijwilligers"),
            ("Zorgprofessionals", "zorg"),
            ("Welzijnsprofessionals", "welzijn"),
            ("Gemeente Wijchen (beleidsmedewerker)", "gemeente"),
            ("HAN University of Applied Sciences", "onderwijs"),
        ],
        phases=[(d("2017-09-01"), "verkennen"), (d("2019-01-01"), "vormgeven")],
    ),
    Network(
        # E §4.1 (Stevenshof Vitaal)
        id="stevenshof", naam="Stevenshof Vitaal", gemeente="GM0546",
        areas=["WK054609"], area_names={"WK054609": "Wijk 09 Stevenshof"},
        startdatum=d("2018-01-01"), initiatiefnemer="gemeente",
        perspectief="wijkvraagstuk",
        doelgroep="Inwoners van de Stevenshof, van jong tot oud",
        ambitie="Een sociale en gezonde wijk waar iedereen, van jong tot oud, prettig kan leven",
        kartrekker_rol="projectleider (Reos)", financiering="tijdelijk",
        schriftelijke_ambitie="ja",
        partners=[
            ("Bewoners Stevenshof", "inwoners-vrijwilligers"),
            ("Zorgorganisaties", "zorg"),
            ("Welzijnsorganisaties", "welzijn"),
            ("Gemeente Leiden", "gemeente"),
            ("Zorg en Zekerheid", "zorgverzekeraar"),
            ("Ondernemers uit de wijk", "overig"),
            ("Reos", "overig"),
            ("Hogeschool Leiden", "onderwijs"),
        ],
        phases=[(d("2018-03-01"), "verkennen"), (d("2018-09-01"), "vormgeven"),
                (d("2020-01-01"), "verdiepen"), (d("2023-01-01"), "verankeren")],
    ),
    Network(
        # S (proeftuin Presikhaaf: multidisciplinair gezondheidscentrum, top-down), P
        id="presikhaaf", naam="Presikhaaf", gemeente="GM0202",
        areas=["WK020204", "WK020205"],
        area_names={"WK020204": "Wijk 04 Presikhaaf-West", "WK020205": "Wijk 05 Presikhaaf-Oost"},
        initiatiefnemer="professionals", aanpak="top-down",
        doelgroep="Inwoners van Presikhaaf (multiculturele stadswijk)",
        ambitie=SAMENREDZAAMHEID_AMBITIE,
        partners=[
            ("Multidisciplinair gezondheidscentrum", "zorg"),
            ("Inwonerinitiatieven", "inwoners-vrijwilligers"),
            ("Welzijnsprofessionals", "welzijn"),
            ("HAN (actieonderzoek)", "onderwijs"),
        ],
        phases=[(d("2019-06-01"), "verkennen"), (d("2020-09-01"), "vormgeven"),
                (d("2022-06-01"), "verdiepen")],
    ),
    Network(
        # S (proeftuin Brummen: vanuit een huisarts, top-down), P
        id="brummen", naam="Brummen", gemeente="GM0213",
        areas=["GM0213"], area_names={},
        initiatiefnemer="huisarts", aanpak="top-down",
        doelgroep="Inwoners van Brummen",
        ambitie=SAMENREDZAAMHEID_AMBITIE,
        partners=[
            ("Huisartsenpraktijk", "huisarts"),
            ("Inwonerinitiatieven", "inwoners-vrijwilligers"),
            ("Welzijnsprofessionals", "welzijn"),
            ("HAN (actieonderzoek)", "onderwijs"),
        ],
        phases=[(d("2021-01-01"), "verkennen"), (d("2022-06-01"), "vormgeven")],
    ),
    Network(
        # S (proeftuin America: vanuit een inwonercoöperatie, bottom-up), P
        id="america", naam="America", gemeente="GM1507",
        areas=["GM1507"], area_names={},
        initiatiefnemer="burgers", aanpak="bottom-up",
        doelgroep="Inwoners van America",
        ambitie=SAMENREDZAAMHEID_AMBITIE,
        inwoners_vanaf_start="ja",
        partners=[
            ("Inwonercoöperatie America", "inwoners-vrijwilligers"),
            ("Zorg- en welzijnsprofessionals", "zorg"),
            ("HAN (actieonderzoek)", "onderwijs"),
        ],
        phases=[(d("2020-06-01"), "verkennen"), (d("2021-01-01"), "vormgeven"),
                (d("2022-06-01"), "verdiepen")],
    ),
]
SEED_IDS = [n.id for n in SEED_NETWORKS]


def scaled_networks(count: int) -> list[Network]:
    """The seed networks repeated: ruwaard, dukenburg, ..., ruwaard-02, ..."""
    out = []
    for i in range(count):
        base = SEED_NETWORKS[i % len(SEED_NETWORKS)]
        k = i // len(SEED_NETWORKS) + 1
        if k == 1:
            out.append(replace(base, base=base.id))
        else:
            out.append(replace(base, id=f"{base.id}-{k:02d}", naam=f"{base.naam} {k:02d}",
                               copy=k, base=base.id))
    return out


# --------------------------------------------------------------------------
# Instruments (read from pipelines/instruments/*.toml)
# --------------------------------------------------------------------------

@dataclass
class Item:
    id: str
    scale: dict
    values: dict | None

    @property
    def labels(self) -> list[str]:
        return [c["label"] for c in self.scale.get("categories", [])]

    def value_of(self, label: str) -> float | None:
        if self.values is not None:
            return self.values.get(label)
        for c in self.scale["categories"]:
            if c["label"] == label:
                return c.get("value")
        return None


@dataclass
class Instrument:
    id: str
    items: list[Item]
    groups: list[dict]
    waves: list[str]


def load_instrument(name: str) -> Instrument:
    data = tomllib.loads((INSTRUMENT_DIR / f"{name}.toml").read_text(encoding="utf-8"))
    scales = {s["id"]: s for s in data["response_scales"]}
    items = [Item(i["id"], scales[i["scale"]], i.get("values")) for i in data["items"]]
    return Instrument(data["id"], items, data.get("groups", []),
                      [w["id"] for w in data.get("waves", [])])


# --------------------------------------------------------------------------
# Register
# --------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def add_sheet(wb, title: str, header: list[str], rows: list[list], widths: dict | None = None):
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for row in rows:
        ws.append(row)
    for col, name in enumerate(header, start=1):
        letter = get_column_letter(col)
        width = (widths or {}).get(name, max(10, min(40, len(name) + 3)))
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    return ws


def add_note_sheet(wb, title: str, lines: list[str]):
    ws = wb.active
    ws.title = "Toelichting"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    for line in lines:
        ws.append([line])
    ws.column_dimensions["A"].width = 110
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


SYNTHETIC_NOTE = (
    "SYNTHETISCHE VOORBEELDDATA, gemaakt door sample-data/generate.py (vaste seed). "
    "Geen echte antwoorden, hulpvragen of personen; R0001 en V001 zijn codes (pseudoniemen)."
)


def write_register(path: Path, networks: list[Network]) -> None:
    wb = openpyxl.Workbook()
    add_note_sheet(wb, "Netwerkregister (voorbeeld)", [
        "Feiten over de tien netwerken komen uit de bronteksten van het HAN-project 'Een sterk "
        "wijknetwerk' en het project 'Samenredzaamheid' (zie sample-data/README.md). Lege cellen: "
        "de bron zegt er niets over (onbekend). Fasedata na 2020 en de fasedata van Presikhaaf, "
        "Brummen en America zijn synthetisch.",
        SYNTHETIC_NOTE,
    ])
    header = ["id", "naam", "gemeente", "startdatum", "initiatiefnemer", "aanpak", "perspectief",
              "doelgroep", "ambitie", "kartrekker_rol", "kartrekker_onafhankelijk",
              "financiering", "financiering_tot", "inwoners_vanaf_start",
              "schriftelijke_ambitie"]
    rows = [[getattr(n, h) for h in header] for n in networks]
    add_sheet(wb, "netwerken", header, rows,
              {"naam": 34, "doelgroep": 40, "ambitie": 60, "kartrekker_rol": 32})
    rows = [[n.id, a] for n in networks for a in n.areas]
    add_sheet(wb, "gebieden", ["netwerk", "gebiedscode"], rows)
    rows = [[n.id, p, dom] for n in networks for p, dom in n.partners]
    add_sheet(wb, "partners", ["netwerk", "partner", "domein"], rows, {"partner": 44})
    rows = [[n.id, date, phase] for n in networks for date, phase in n.phases]
    add_sheet(wb, "fasen", ["netwerk", "datum", "fase"], rows)
    save_workbook(wb, path)


# --------------------------------------------------------------------------
# Questionnaire responses
# --------------------------------------------------------------------------

@dataclass
class Plan:
    """One network in one residents instrument."""
    network: str
    n_t0: int          # respondents at T0
    waves: int         # 1 = only T0 (started later), 2 = T0 and T1
    level: float       # baseline shift (instrument units, see the model)
    effect: float      # mean change T0 -> T1 (instrument units)
    late: bool = False  # T0 in the late period (2024-09 .. 2025-01)


# Positieve Gezondheid: level and effect in points on the 0-10 scale.
PG_PLAN = [
    Plan("ruwaard", 41, 2, 0.0, 0.55),
    Plan("lemmer", 44, 2, 0.3, 0.75),
    Plan("stevenshof", 37, 2, 0.4, 0.0),
    Plan("presikhaaf", 29, 2, -0.6, -0.2),
    Plan("america", 18, 2, 0.2, 0.55),
    Plan("wedde", 9, 2, 0.1, 0.60),
    Plan("brummen", 8, 2, 0.0, 0.30),
    Plan("wijchen", 23, 1, 0.3, 0.0, late=True),
]
# Loneliness: level and effect on the latent loneliness (higher = lonelier;
# the effect is the reduction).
DJG_PLAN = [
    Plan("ruwaard", 31, 2, 0.20, -0.15),
    Plan("dukenburg", 27, 2, 0.30, 0.25),
    Plan("presikhaaf", 36, 2, 0.50, 0.05),
    Plan("america", 19, 2, 0.00, 0.70),
    Plan("stevenshof", 25, 2, -0.10, 0.35),
    Plan("wedde", 9, 2, 0.20, 0.40),
    Plan("brummen", 8, 2, 0.00, 0.30),
    Plan("gemert", 21, 1, 0.40, 0.0, late=True),
]
# Welbevinden: level and effect in points of life satisfaction (0-10); the
# self-rated health latent moves with half the effect.
WB_PLAN = [
    Plan("ruwaard", 46, 2, 0.0, 0.50),
    Plan("lemmer", 31, 2, 0.1, 0.30),
    Plan("stevenshof", 34, 2, 0.3, 0.00),
    Plan("gemert", 24, 2, -0.4, 0.40),
    Plan("presikhaaf", 27, 2, -0.7, -0.20),
    Plan("wedde", 9, 2, 0.2, 0.50),
    Plan("brummen", 7, 2, 0.0, 0.20),
    Plan("wijchen", 20, 1, 0.2, 0.0, late=True),
]

PG_DIM_MEAN = {
    "lichaamsfuncties": 6.2, "mentaal_welbevinden": 6.8, "zingeving": 7.1,
    "kwaliteit_van_leven": 6.7, "meedoen": 6.0, "dagelijks_functioneren": 6.9,
}
PG_DIM_EFFECT = {
    "lichaamsfuncties": 0.5, "mentaal_welbevinden": 1.1, "zingeving": 0.8,
    "kwaliteit_van_leven": 1.0, "meedoen": 1.4, "dagelijks_functioneren": 0.7,
}


def random_date(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def wave_dates(rng, plan: Plan, n: int) -> list[dt.date]:
    if plan.late:
        return [random_date(rng, d("2024-09-02"), d("2025-01-31")) for _ in range(n)]
    return [random_date(rng, d("2023-03-01"), d("2023-06-30")) for _ in range(n)]


def t1_date(rng, t0: dt.date) -> dt.date:
    return t0 + dt.timedelta(days=int(rng.integers(335, 396)))


def scale_plan(plans: list[Plan], networks: list[Network], stream: int) -> list[Plan]:
    """Plans for the scale-up networks: each copy of a seed network gets the
    seed plan with jittered sizes and effects."""
    by_base = {p.network: p for p in plans}
    out = []
    rng = rng_for(stream, 999)
    for n in networks:
        p = by_base.get(n.base)
        if p is None:
            continue
        if n.copy == 1:
            out.append(replace(p, network=n.id))
        else:
            size = int(round(p.n_t0 * rng.uniform(0.8, 1.25)))
            if p.n_t0 < 10:
                size = min(size, 9)
            out.append(replace(p, network=n.id, n_t0=max(6, min(60, size)),
                               effect=p.effect + float(rng.normal(0, 0.1))))
    return out


def respondent_waves(rng, plan: Plan):
    """Yields (index, waves present) for the T0 respondents plus a few who
    answered only at T1: dropout 15-30 % between the waves."""
    dropout = rng.uniform(0.15, 0.30)
    people = []
    for i in range(plan.n_t0):
        present = ["T0"]
        if plan.waves >= 2 and rng.random() >= dropout:
            present.append("T1")
        people.append(present)
    if plan.waves >= 2:
        extra = int(rng.integers(1, 4))
        people += [["T1"] for _ in range(extra)]
    return people


def missing_mask(rng, n_items: int, rate: float) -> list[bool]:
    mask = [bool(rng.random() < rate) for _ in range(n_items)]
    if all(mask):
        mask[int(rng.integers(0, n_items))] = False
    return mask


class Ids:
    def __init__(self, prefix: str, width: int):
        self.prefix, self.width, self.n = prefix, width, 0

    def next(self) -> str:
        self.n += 1
        return f"{self.prefix}{self.n:0{self.width}d}"


def gen_positive_health(inst: Instrument, plans: list[Plan], stream: int):
    rows = []
    ids = Ids("R", 4)
    for k, plan in enumerate(plans):
        rng = rng_for(stream, k)
        miss = rng.uniform(0.02, 0.05)
        people = respondent_waves(rng, plan)
        dates0 = wave_dates(rng, plan, len(people))
        for p, present in enumerate(people):
            rid = ids.next()
            b = rng.normal(0, 1.4)
            for wave in present:
                date = dates0[p] if wave == "T0" else t1_date(rng, dates0[p])
                if wave == "T1" and present == ["T1"]:
                    date = random_date(rng, d("2024-03-01"), d("2024-06-30"))
                mask = missing_mask(rng, len(inst.items), miss)
                answers = []
                for item, missing in zip(inst.items, mask):
                    mu = PG_DIM_MEAN[item.id] + plan.level
                    if wave == "T1":
                        mu += plan.effect * PG_DIM_EFFECT[item.id]
                    v = int(np.clip(round(mu + b + rng.normal(0, 1.1)), 0, 10))
                    answers.append(None if missing else v)
                rows.append((plan.network, rid, wave, date, [], answers))
    return rows


def gen_loneliness(inst: Instrument, plans: list[Plan], stream: int):
    # Order the categories of each item from "not lonely" to "most lonely":
    # the extreme scored 0, the middle category, the other extreme.
    orders = []
    for item in inst.items:
        labels = item.labels
        middle = labels[1]
        zero = [l for l in (labels[0], labels[2]) if item.value_of(l) == 0][0]
        other = labels[2] if zero == labels[0] else labels[0]
        orders.append((zero, middle, other))
    # social items (positively worded) are answered as lonely a bit more often
    item_shift = [0.0 if item.value_of(item.labels[0]) == 1 else 0.25 for item in inst.items]
    rows = []
    ids = Ids("R", 4)
    for k, plan in enumerate(plans):
        rng = rng_for(stream, k)
        # subscales need all 3 items: keep the missing rate at the low end
        miss = rng.uniform(0.02, 0.035)
        people = respondent_waves(rng, plan)
        dates0 = wave_dates(rng, plan, len(people))
        for p, present in enumerate(people):
            rid = ids.next()
            latent = rng.normal(plan.level, 0.9)
            for wave in present:
                date = dates0[p] if wave == "T0" else t1_date(rng, dates0[p])
                if wave == "T1" and present == ["T1"]:
                    date = random_date(rng, d("2024-03-01"), d("2024-06-30"))
                level = latent - (plan.effect if wave == "T1" else 0.0) + rng.normal(0, 0.35)
                mask = missing_mask(rng, len(inst.items), miss)
                answers = []
                for order, shift, missing in zip(orders, item_shift, mask):
                    y = level + shift + rng.normal(0, 1.0)
                    answer = order[2] if y > 1.55 else order[1] if y > 0.55 else order[0]
                    answers.append(None if missing else answer)
                rows.append((plan.network, rid, wave, date, [], answers))
    return rows


def gen_wellbeing(inst: Instrument, plans: list[Plan], stream: int):
    health = next(i for i in inst.items if i.scale.get("categories"))
    by_value = {c["value"]: c["label"] for c in health.scale["categories"]}
    rows = []
    ids = Ids("R", 4)
    for k, plan in enumerate(plans):
        rng = rng_for(stream, k)
        miss = rng.uniform(0.02, 0.05)
        people = respondent_waves(rng, plan)
        dates0 = wave_dates(rng, plan, len(people))
        for p, present in enumerate(people):
            rid = ids.next()
            b = rng.normal(0, 1.1)
            h = 0.6 * b / 1.1 + rng.normal(0, 0.8)
            for wave in present:
                date = dates0[p] if wave == "T0" else t1_date(rng, dates0[p])
                if wave == "T1" and present == ["T1"]:
                    date = random_date(rng, d("2024-03-01"), d("2024-06-30"))
                eff = plan.effect if wave == "T1" else 0.0
                mask = missing_mask(rng, len(inst.items), miss)
                answers = []
                for item, missing in zip(inst.items, mask):
                    if item is health:
                        y = 3.6 + 0.5 * plan.level + 0.5 * eff + h + rng.normal(0, 0.45)
                        value = int(np.clip(round(y), 1, 5))
                        answer = by_value[value]
                    else:
                        mu = 7.3 + plan.level + eff
                        answer = int(np.clip(round(mu + b + rng.normal(0, 0.8)), 0, 10))
                    answers.append(None if missing else answer)
                rows.append((plan.network, rid, wave, date, [], answers))
    return rows


# Collaboration (Kaats & Opheij): per network the members at T0, the waves,
# the base level, the growth factor and the role mix.
@dataclass
class CollabPlan:
    network: str
    n_t0: int
    waves: int
    base: float
    growth: float
    roles: dict[str, int]
    late: bool = False


PROF = {"kartrekker": 1, "huisarts": 2, "zorgprofessional": 5, "welzijnsprofessional": 3,
        "gemeente": 1, "zorgverzekeraar": 1, "inwoner": 2, "overig": 1}
CITIZEN = {"kartrekker": 1, "inwoner": 3, "vrijwilliger": 3, "huisarts": 1,
           "zorgprofessional": 2, "welzijnsprofessional": 2, "gemeente": 1}
COLLAB_PLAN = [
    CollabPlan("ruwaard", 18, 3, 3.45, 0.5, PROF),
    CollabPlan("dukenburg", 14, 3, 3.25, 0.9, {"kartrekker": 1, "huisarts": 2, "zorgprofessional": 5,
                                                "welzijnsprofessional": 4, "inwoner": 1, "overig": 1}),
    CollabPlan("gemert", 8, 3, 3.40, 0.6, {"kartrekker": 1, "inwoner": 2, "zorgprofessional": 3,
                                            "welzijnsprofessional": 2}),
    CollabPlan("wedde", 15, 3, 3.50, 0.7, CITIZEN),
    CollabPlan("lemmer", 13, 3, 3.20, 1.0, {"huisarts": 3, "zorgprofessional": 5,
                                             "welzijnsprofessional": 3}),
    CollabPlan("wijchen", 9, 1, 2.85, 0.0, {"inwoner": 3, "vrijwilliger": 2, "zorgprofessional": 2,
                                             "welzijnsprofessional": 2, "gemeente": 1}, late=True),
    CollabPlan("stevenshof", 16, 3, 3.30, 1.2, {"kartrekker": 1, "inwoner": 3, "zorgprofessional": 4,
                                                 "welzijnsprofessional": 3, "gemeente": 2,
                                                 "zorgverzekeraar": 1, "overig": 2}),
    CollabPlan("presikhaaf", 14, 3, 3.05, 1.1, {"zorgprofessional": 4, "huisarts": 2,
                                                 "welzijnsprofessional": 3, "inwoner": 2,
                                                 "vrijwilliger": 1, "overig": 1}),
    CollabPlan("brummen", 7, 2, 3.10, 0.8, {"huisarts": 2, "welzijnsprofessional": 2,
                                             "inwoner": 2, "vrijwilliger": 1}),
    CollabPlan("america", 11, 3, 3.35, 1.0, {"kartrekker": 1, "inwoner": 3, "vrijwilliger": 3,
                                              "zorgprofessional": 2, "welzijnsprofessional": 1}),
]
ASPECT_OFFSET = {"ga": 0.20, "rb": 0.0, "ps": 0.25, "po": -0.30, "bp": -0.15}
ASPECT_GROWTH = {"ga": 0.15, "rb": 0.10, "ps": 0.20, "po": 0.30, "bp": 0.25}
ROLE_OFFSET = {
    "kartrekker": {"ga": 0.35, "rb": 0.35, "ps": 0.35, "po": 0.35, "bp": 0.35},
    "huisarts": {"rb": -0.20, "bp": -0.25, "po": -0.10},
    "inwoner": {"ga": 0.10, "po": -0.30, "bp": -0.10},
    "vrijwilliger": {"ga": 0.15, "po": -0.25, "ps": 0.10},
    "gemeente": {"ga": 0.10, "po": 0.10},
    "welzijnsprofessional": {"ps": 0.15},
    "zorgverzekeraar": {"rb": -0.10},
}
COLLAB_WAVE_PERIOD = {
    0: (d("2023-01-16"), d("2023-04-28")),
    1: (d("2024-01-15"), d("2024-04-26")),
    2: (d("2025-01-13"), d("2025-04-25")),
}


def scale_collab(plans: list[CollabPlan], networks: list[Network]) -> list[CollabPlan]:
    by_base = {p.network: p for p in plans}
    out = []
    rng = rng_for(40, 999)
    for n in networks:
        p = by_base[n.base]
        if n.copy == 1:
            out.append(replace(p, network=n.id))
        else:
            out.append(replace(p, network=n.id, base=p.base + float(rng.normal(0, 0.12)),
                               growth=max(0.0, p.growth + float(rng.normal(0, 0.2)))))
    return out


def gen_collaboration(inst: Instrument, plans: list[CollabPlan], stream: int):
    valid_roles = set(inst.groups[0]["values"])
    rows = []
    ids = Ids("R", 4)
    for k, plan in enumerate(plans):
        rng = rng_for(stream, k)
        miss = rng.uniform(0.02, 0.04)
        roles = [r for r, c in plan.roles.items() for _ in range(c)]
        assert set(roles) <= valid_roles, roles
        # the role mix sums to more than n_t0 for some networks: draw n_t0 of them
        order = rng.permutation(len(roles))
        members = [roles[i] for i in order[: plan.n_t0]]
        while len(members) < plan.n_t0:
            members.append(roles[int(rng.integers(0, len(roles)))])
        # who is there at each wave: 10-20 % leave per wave, 1-2 newcomers
        people = [(m, 0) for m in members]  # (role, first wave)
        present: list[list[int]] = [[0] for _ in members]
        for w in range(1, plan.waves):
            leave = rng.uniform(0.10, 0.20)
            for p, waves in enumerate(present):
                if waves[-1] == w - 1 and rng.random() >= leave:
                    waves.append(w)
            for _ in range(int(rng.integers(1, 3))):
                people.append((roles[int(rng.integers(0, len(roles)))], w))
                present.append([w])
        for p, ((role, _), waves) in enumerate(zip(people, present)):
            rid = ids.next()
            person = rng.normal(0, 0.35)
            for w in waves:
                lo, hi = COLLAB_WAVE_PERIOD[w]
                if plan.late:
                    lo, hi = d("2025-01-13"), d("2025-03-28")
                date = random_date(rng, lo, hi)
                mask = missing_mask(rng, len(inst.items), miss)
                answers = []
                for item, missing in zip(inst.items, mask):
                    aspect = item.id[:2]
                    mu = (plan.base + ASPECT_OFFSET[aspect] + ROLE_OFFSET.get(role, {}).get(aspect, 0.0)
                          + person + w * plan.growth * ASPECT_GROWTH[aspect])
                    v = int(np.clip(round(mu + rng.normal(0, 0.6)), 1, 5))
                    answers.append(None if missing else v)
                rows.append((plan.network, rid, f"T{w}", date, [role], answers))
    return rows


def write_responses(path: Path, inst: Instrument, rows, group_columns: list[str],
                    network_order: list[str]) -> None:
    order = {n: i for i, n in enumerate(network_order)}
    rows = sorted(rows, key=lambda r: (order[r[0]], r[2], r[1]))
    wb = openpyxl.Workbook()
    add_note_sheet(wb, f"Antwoorden {inst.id} (voorbeeld)", [
        f"Antwoorden op het instrument {inst.id} (pipelines/instruments/{inst.id}.toml): één regel "
        "per respondent per meting, één kolom per vraag; een lege cel is niet beantwoord.",
        SYNTHETIC_NOTE,
    ])
    header = ["netwerk", "respondent", "meting", "datum", *group_columns,
              *[i.id for i in inst.items]]
    data = [[net, rid, wave, date, *groups, *answers]
            for net, rid, wave, date, groups, answers in rows]
    add_sheet(wb, "antwoorden", header, data, {"netwerk": 14, "respondent": 12, "meting": 9,
                                               "datum": 12})
    save_workbook(wb, path)


# --------------------------------------------------------------------------
# Match log (Wedde's dorpsondersteuner) and question log (Samenredzaamheid)
# --------------------------------------------------------------------------

HELP_KINDS = ["vervoer", "boodschappen", "klusjes", "gezelschap"]
HELP_WEIGHTS = [0.38, 0.22, 0.24, 0.16]


def gen_matches(network: str, stream: int, n_requests: int = 120):
    rng = rng_for(stream)
    n_vol = int(rng.integers(28, 38))
    vol_weights = rng.gamma(1.2, 1.0, n_vol)
    vol_weights /= vol_weights.sum()
    start, end = d("2023-01-02"), d("2024-12-20")
    dates = sorted(random_date(rng, start, end) for _ in range(n_requests))
    rows = []
    per_year: dict[int, int] = {}
    for date in dates:
        per_year[date.year] = per_year.get(date.year, 0) + 1
        req_id = f"{date.year}-{per_year[date.year]:03d}"
        kind = HELP_KINDS[int(rng.choice(len(HELP_KINDS), p=HELP_WEIGHTS))]
        match = vol = follow = ok = sat = None
        if rng.random() < 0.78:
            days = int(np.clip(round(rng.lognormal(math.log(7), 0.7)), 2, 30))
            match = date + dt.timedelta(days=days)
            vol = f"V{int(rng.choice(n_vol, p=vol_weights)) + 1:03d}"
            r = rng.random()
            if r < 0.78:
                follow = match + dt.timedelta(days=int(rng.integers(42, 57)))
            elif r < 0.88:
                follow = match + dt.timedelta(days=int(rng.integers(60, 100)))
            if follow is not None and follow > d("2024-12-31"):
                follow = None  # not yet due when the log was exported
            if follow is not None:
                ok_yes = rng.random() < 0.88
                ok = "ja" if ok_yes else "nee"
                if rng.random() < 0.93:
                    p = [0.02, 0.04, 0.12, 0.42, 0.40] if ok_yes else [0.10, 0.25, 0.35, 0.25, 0.05]
                    sat = int(rng.choice(5, p=p)) + 1
        rows.append([req_id, network, date, kind, match, vol, follow, ok, sat])
    return rows


def write_matches(path: Path, rows) -> None:
    wb = openpyxl.Workbook()
    add_note_sheet(wb, "Matchlog dorpsondersteuner (voorbeeld)", [
        "Hulpvragen die de dorpsondersteuner aan vrijwilligers koppelt, met de navraag na 6–8 weken "
        "bij de vrijwilliger (gaat het goed?) en de hulpvrager (tevredenheid 1–5).",
        SYNTHETIC_NOTE,
    ])
    header = ["aanvraag_id", "netwerk", "aanvraagdatum", "soort_hulp", "matchdatum",
              "vrijwilliger", "followup_datum", "vrijwilliger_ok", "tevredenheid"]
    add_sheet(wb, "matches", header, rows, {"aanvraagdatum": 14, "matchdatum": 12,
                                           "followup_datum": 15})
    save_workbook(wb, path)


NONMED_CATEGORIES = ["eenzaamheid", "geldzorgen", "vervoer", "mantelzorg", "wonen",
                     "bewegen", "zingeving", "formulieren en administratie", "ontmoeting",
                     "huishoudelijke hulp"]
NONMED_WEIGHTS = [0.20, 0.14, 0.12, 0.10, 0.08, 0.09, 0.06, 0.10, 0.06, 0.05]
MED_CATEGORIES = ["lichamelijke klachten", "medicatie", "psychische klachten",
                  "chronische ziekte", "wondzorg", "leefstijladvies"]
MED_WEIGHTS = [0.35, 0.15, 0.18, 0.17, 0.07, 0.08]


@dataclass
class QuestionPlan:
    network: str
    per_quarter: list[int]     # questions per quarter, 2023-Q1 .. 2024-Q4
    nonmed_share: float
    community_from: float      # share of non-medical questions handled in the community, Q1 2023
    community_to: float        # ... and Q4 2024


QUESTION_PLAN = [
    QuestionPlan("presikhaaf", [22, 24, 26, 28, 30, 31, 33, 34], 0.66, 0.15, 0.55),
    QuestionPlan("brummen", [16, 17, 18, 19, 20, 21, 22, 23], 0.60, 0.10, 0.40),
    QuestionPlan("america", [9, 10, 11, 12, 13, 13, 14, 15], 0.63, 0.35, 0.75),
]


def gen_questions(plan: QuestionPlan, stream: int):
    rng = rng_for(stream)
    rows = []
    for q, count in enumerate(plan.per_quarter):
        year = 2023 + q // 4
        month0 = 1 + 3 * (q % 4)
        qstart = dt.date(year, month0, 1)
        qend = (dt.date(year + (month0 + 3 > 12), (month0 + 3 - 1) % 12 + 1, 1)
                - dt.timedelta(days=1))
        n_nonmed = int(round(count * plan.nonmed_share + rng.normal(0, 1.0)))
        n_nonmed = max(1, min(count - 1, n_nonmed))
        share = plan.community_from + (plan.community_to - plan.community_from) * q / 7
        for i in range(count):
            date = random_date(rng, qstart, qend)
            if i < n_nonmed:
                medisch = "nee"
                cat = NONMED_CATEGORIES[int(rng.choice(len(NONMED_CATEGORIES), p=NONMED_WEIGHTS))]
                if rng.random() < share:
                    handler = "inwonerinitiatief" if rng.random() < 0.6 else "vrijwilliger"
                    referred = "ja" if rng.random() < 0.55 else "nee"
                else:
                    handler = str(rng.choice(["huisarts", "praktijkondersteuner", "wijkteam"],
                                             p=[0.30, 0.40, 0.30]))
                    referred = "nee" if handler != "wijkteam" or rng.random() < 0.6 else "ja"
            else:
                medisch = "ja"
                cat = MED_CATEGORIES[int(rng.choice(len(MED_CATEGORIES), p=MED_WEIGHTS))]
                handler = str(rng.choice(["huisarts", "praktijkondersteuner", "wijkteam"],
                                         p=[0.62, 0.34, 0.04]))
                referred = "nee"
            if rng.random() < 0.08:
                referred = None  # not filled in
            rows.append([plan.network, date, cat, medisch, handler, referred])
    rows.sort(key=lambda r: r[1])
    return rows


def write_questions(path: Path, rows) -> None:
    wb = openpyxl.Workbook()
    add_note_sheet(wb, "Vragenlog Samenredzaamheid (voorbeeld)", [
        "Binnengekomen zorg- en welzijnsvragen in de proeftuinen van Samenredzaamheid: medisch of "
        "niet, en wie de vraag afhandelde (inwonerinitiatief en vrijwilliger = in de gemeenschap).",
        SYNTHETIC_NOTE,
    ])
    header = ["netwerk", "datum", "categorie", "medisch", "afgehandeld_door",
              "verwezen_door_huisarts"]
    add_sheet(wb, "vragen", header, rows, {"categorie": 28, "afgehandeld_door": 20,
                                          "verwezen_door_huisarts": 24})
    save_workbook(wb, path)


# --------------------------------------------------------------------------
# Network file set
# --------------------------------------------------------------------------

def write_network_files(out_dir: Path, networks: list[Network]) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    ids = [n.id for n in networks]
    paths = {}
    paths["register"] = out_dir / "register.xlsx"
    write_register(paths["register"], networks)

    pg = load_instrument("positieve-gezondheid")
    djg = load_instrument("eenzaamheid-djg6")
    wb_ = load_instrument("welbevinden")
    sw = load_instrument("samenwerking-kaats-opheij")

    paths["positieve-gezondheid"] = out_dir / "antwoorden-positieve-gezondheid.xlsx"
    write_responses(paths["positieve-gezondheid"], pg,
                    gen_positive_health(pg, scale_plan(PG_PLAN, networks, 10), 10), [], ids)
    paths["eenzaamheid"] = out_dir / "antwoorden-eenzaamheid-djg6.xlsx"
    write_responses(paths["eenzaamheid"], djg,
                    gen_loneliness(djg, scale_plan(DJG_PLAN, networks, 20), 20), [], ids)
    paths["welbevinden"] = out_dir / "antwoorden-welbevinden.xlsx"
    write_responses(paths["welbevinden"], wb_,
                    gen_wellbeing(wb_, scale_plan(WB_PLAN, networks, 30), 30), [], ids)
    paths["samenwerking"] = out_dir / "antwoorden-samenwerking.xlsx"
    write_responses(paths["samenwerking"], sw,
                    gen_collaboration(sw, scale_collab(COLLAB_PLAN, networks), 40),
                    [sw.groups[0]["id"]], ids)

    match_rows = []
    for k, n in enumerate(networks):
        if n.base == "wedde":
            match_rows += gen_matches(n.id, 50 + 1000 * k)
    paths["matches"] = out_dir / "matches-wedde.xlsx"
    write_matches(paths["matches"], match_rows)

    q_rows = []
    by_base = {p.network: p for p in QUESTION_PLAN}
    for k, n in enumerate(networks):
        if n.base in by_base:
            q_rows += gen_questions(replace(by_base[n.base], network=n.id), 60 + 1000 * k)
    q_rows.sort(key=lambda r: (r[1], ids.index(r[0])))
    paths["vragen"] = out_dir / "vragen-samenredzaamheid.xlsx"
    write_questions(paths["vragen"], q_rows)
    return paths


# --------------------------------------------------------------------------
# Synthetic CBS Kerncijfers wijken en buurten (layout of the real KWB 2023)
# --------------------------------------------------------------------------

# The 121 columns of the real open-data/kwb-2023-utrecht.xlsx, in order.
KWB_COLUMNS = """
gwb_code_10 gwb_code_8 regio gm_naam recs gwb_code ind_wbi a_inw a_man a_vrouw a_00_14 a_15_24
a_25_44 a_45_64 a_65_oo a_ongeh a_gehuwd a_gesch a_verwed a_nl_all a_eur_al a_neu_al a_geb_nl
a_geb_eu a_geb_ne a_gbl_eu a_gbl_ne a_geb p_geb a_ste p_ste a_hh a_1p_hh a_hh_z_k a_hh_m_k
g_hhgro bev_dich a_woning g_wozbag p_1gezw p_mgezw p_bewndw p_leegsw p_koopw p_huurw p_wcorpw
p_ov_hw p_e_o_w p_bjj2k p_bjo2k g_ele g_ele_ap g_ele_tw g_ele_hw g_ele_2w g_ele_vw g_ele_hu
g_ele_ko g_gas g_gas_ap g_gas_tw g_gas_hw g_gas_2w g_gas_vw g_gas_hu g_gas_ko p_stadsv a_opl_lg
a_opl_md a_opl_hg p_arb_pp p_arb_wn p_arb_zs a_inkont g_ink_po g_ink_pi p_ink_li p_ink_hi
g_hh_sti p_hh_li p_hh_hi p_hh_lkk p_hh_osm p_hh_110 p_hh_120 m_hh_ver a_soz_wb a_soz_ao
a_soz_ww a_soz_ow a_jz_tn p_jz_tn a_wmo_t p_wmo_t a_bedv a_bed_a a_bed_bf a_bed_gi a_bed_hj
a_bed_kl a_bed_mn a_bed_oq a_bed_ru a_pau a_bst_b a_bst_nb g_pau_hh g_pau_km a_m2w g_afs_hp
g_afs_gs g_afs_kv g_afs_sc g_3km_sc a_opp_ha a_lan_ha a_wat_ha pst_mvp pst_dekp ste_mvs ste_oad
""".split()
assert len(KWB_COLUMNS) == 121

# Cell kinds, as in the real file: numeric cells ("num"), whole numbers
# stored as text ("txt"), decimals as text with a decimal comma ("comma")
# or a dot ("dot"). Columns that hold only "." in the real (early) 2023
# release are written as text, as in the other KWB releases.
TEXT_INT = set("""
a_nl_all a_eur_al a_neu_al a_geb_nl a_geb_eu a_geb_ne a_gbl_eu a_gbl_ne a_geb p_geb a_ste p_ste
a_soz_wb a_soz_ao a_soz_ww a_soz_ow a_bedv a_bed_a a_bed_bf a_bed_gi a_bed_hj a_bed_kl a_bed_mn
a_bed_oq a_bed_ru
g_ele g_ele_ap g_ele_tw g_ele_hw g_ele_2w g_ele_vw g_ele_hu g_ele_ko g_gas g_gas_ap g_gas_tw
g_gas_hw g_gas_2w g_gas_vw g_gas_hu g_gas_ko p_stadsv a_opl_lg a_opl_md a_opl_hg p_arb_pp
p_arb_wn p_arb_zs a_inkont p_ink_li p_ink_hi p_hh_li p_hh_hi p_hh_lkk p_hh_osm m_hh_ver
a_jz_tn p_jz_tn a_wmo_t p_wmo_t
""".split())
TEXT_COMMA = {"g_ink_po", "g_ink_pi", "g_hh_sti", "p_hh_110", "p_hh_120"}
TEXT_DOT = {"g_afs_hp", "g_afs_gs", "g_afs_kv", "g_afs_sc", "g_3km_sc"}
NUM_FLOAT = {"g_hhgro", "g_pau_hh"}

# Counts that CBS rounds to multiples of 5 for wijken and buurten.
ROUNDED_COUNTS = set("""
a_inw a_man a_vrouw a_00_14 a_15_24 a_25_44 a_45_64 a_65_oo a_ongeh a_gehuwd a_gesch a_verwed
a_nl_all a_eur_al a_neu_al a_geb_nl a_geb_eu a_geb_ne a_gbl_eu a_gbl_ne a_geb a_ste a_hh a_1p_hh
a_hh_z_k a_hh_m_k a_opl_lg a_opl_md a_opl_hg a_inkont a_soz_wb a_soz_ao a_soz_ww a_soz_ow
a_jz_tn a_wmo_t a_bedv a_bed_a a_bed_bf a_bed_gi a_bed_hj a_bed_kl a_bed_mn a_bed_oq a_bed_ru
a_pau a_bst_b a_bst_nb a_m2w
""".split())

# Synthetic 2020 populations of the ten sample municipalities (plausible,
# not CBS figures) and their degree of urbanisation (0 rural .. 1 urban).
SAMPLE_MUNICIPALITIES = {
    "GM0202": (162_400, 0.80, 6820), "GM0213": (20_900, 0.25, 6970),
    "GM0268": (177_600, 0.85, 6530), "GM0296": (41_100, 0.40, 6600),
    "GM0546": (125_100, 0.90, 2330), "GM0828": (92_400, 0.50, 5340),
    "GM1507": (42_600, 0.20, 5960), "GM1652": (30_700, 0.30, 5420),
    "GM1940": (51_900, 0.15, 8500), "GM1950": (24_800, 0.10, 9550),
}
NL_POPULATION_2020 = 17_407_585
# Synthetic populations of the network wijken, of the order of the real
# districts (Ruwaard, Dukenburg, ... are large wijken of their town).
# WK082801 (Schadewijk) keeps the population it got when the sample took it
# for Ruwaard: moving it to WK082806 would shift the random stream and change
# every value of the file after Oss (numpy's multinomial draws depend on the
# totals), so the file changed only in the two wijk names when the code was
# corrected.
AREA_POPULATION = {
    "WK082801": 12_300, "WK026807": 23_100, "WK165200": 17_200, "WK194023": 10_600,
    "WK054609": 12_400, "WK020204": 7_300, "WK020205": 7_900,
}


def fclip(x: float, lo: float, hi: float) -> float:
    """np.clip for one number, without numpy's per-call overhead."""
    return lo if x < lo else hi if x > hi else x


@dataclass
class Region:
    code: str       # GM0828, WK082806, BU08280600, NL00
    level: str      # land, gemeente, wijk, buurt
    name: str
    gm_name: str


def read_rivm_regions(path: Path) -> list[tuple[str, str, str]]:
    """(code, level, municipality name) of every region in a RIVM 50090NED
    file, as published (codes and names padded)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[wb.sheetnames[0]]
    rows = ws.iter_rows(values_only=True, max_col=8)
    header = list(next(rows))
    ci, li, ni = (header.index("WijkenEnBuurten"), header.index("SoortRegio_2"),
                  header.index("Gemeentenaam_1"))
    out, seen = [], set()
    for row in rows:
        if row[ci] is None:
            continue
        code = str(row[ci]).strip()
        if code in seen:
            continue
        seen.add(code)
        out.append((code, str(row[li]).strip().lower(), str(row[ni] or "").strip()))
    wb.close()
    return out


def kwb_regions(rivm: list[tuple[str, str, str]], names: dict[str, str]) -> list[Region]:
    """Regions in KWB order: Nederland, then per gemeente the gemeente, each
    wijk followed by its buurten. Wijk and buurt names: the RIVM table has
    none, so they are placeholders ("Wijk 07", "Buurt 0731") unless given."""
    gm_names = {c: n for c, lvl, n in rivm if lvl == "gemeente"}
    wijken: dict[str, list[str]] = {}
    buurten: dict[str, list[str]] = {}
    for code, lvl, _ in rivm:
        if lvl == "wijk":
            wijken.setdefault("GM" + code[2:6], []).append(code)
        elif lvl == "buurt":
            buurten.setdefault("WK" + code[2:8], []).append(code)
    out = [Region("NL00", "land", "Nederland", "Nederland")]
    for gm in sorted(gm_names):
        gm_name = gm_names[gm]
        out.append(Region(gm, "gemeente", gm_name, gm_name))
        wks = sorted(wijken.get(gm, []))
        for wk in wks:
            out.append(Region(wk, "wijk", names.get(wk, f"Wijk {wk[6:8]}"), gm_name))
            for bu in sorted(buurten.get(wk, [])):
                out.append(Region(bu, "buurt", names.get(bu, f"Buurt {bu[6:10]}"), gm_name))
        # buurten whose wijk is not in the table (not expected)
        for wk_code, bus in sorted(buurten.items()):
            if wk_code[2:6] == gm[2:6] and wk_code not in wks:
                for bu in sorted(bus):
                    out.append(Region(bu, "buurt", names.get(bu, f"Buurt {bu[6:10]}"), gm_name))
    return out




def buurt_raw(rng, pop: int, urban: float, postcode: int) -> dict:
    """Unrounded synthetic values of one buurt. Counts are whole numbers
    (exact, before CBS rounding); rates are floats with their weights."""
    r: dict = {}
    age = float(fclip(rng.normal(0.0, 0.6) - 0.3 * (urban - 0.5), -1.5, 1.5))  # + older
    inc = float(fclip(rng.normal(0.0, 0.7) - 0.3 * (urban - 0.5), -1.8, 1.8))   # + richer
    mig = float(fclip(rng.normal(0.0, 0.6) + 1.2 * (urban - 0.4) - 0.2 * inc, -1.0, 2.5))

    def split(total: int, weights: list[float]) -> list[int]:
        w = np.array(weights, dtype=float)
        w = np.clip(w, 1e-6, None)
        w /= w.sum()
        return [int(x) for x in rng.multinomial(total, w)] if total > 0 else [0] * len(weights)

    r["a_inw"] = pop
    r["a_man"], r["a_vrouw"] = split(pop, [0.494 - 0.01 * age, 0.506 + 0.01 * age])
    ages = [0.16 - 0.02 * age, 0.12 + 0.03 * (urban - 0.5), 0.24 - 0.03 * age + 0.04 * (urban - 0.5),
            0.28, 0.20 + 0.06 * age]
    (r["a_00_14"], r["a_15_24"], r["a_25_44"], r["a_45_64"], r["a_65_oo"]) = split(pop, ages)
    civil = [0.47 + 0.08 * (urban - 0.5) - 0.03 * age, 0.39 - 0.05 * (urban - 0.5), 0.08,
             0.06 + 0.03 * age]
    (r["a_ongeh"], r["a_gehuwd"], r["a_gesch"], r["a_verwed"]) = split(pop, civil)
    neu = float(fclip(0.10 + 0.10 * mig, 0.01, 0.70))
    eur = float(fclip(0.07 + 0.025 * mig, 0.01, 0.30))
    r["a_nl_all"], eur_n, neu_n = split(pop, [1 - neu - eur, eur, neu])
    r["a_eur_al"], r["a_neu_al"] = eur_n, neu_n
    r["a_geb_nl"] = r["a_nl_all"]
    r["a_geb_eu"], r["a_gbl_eu"] = split(eur_n, [0.34, 0.66])
    r["a_geb_ne"], r["a_gbl_ne"] = split(neu_n, [0.47, 0.53])
    r["a_geb"] = int(rng.poisson(pop * (0.0095 + 0.002 * (urban - 0.5) - 0.002 * age)))
    r["a_ste"] = int(rng.poisson(pop * max(0.003, 0.0088 + 0.004 * age)))

    hh_size = float(fclip(2.25 - 0.35 * (urban - 0.5) - 0.15 * age + rng.normal(0, 0.12), 1.3, 3.2))
    hh = int(round(pop / hh_size)) if pop else 0
    one = float(fclip(0.38 + 0.25 * (urban - 0.5) + 0.05 * age, 0.10, 0.85))
    kids = float(fclip(0.34 - 0.08 * age - 0.10 * (urban - 0.5), 0.05, 0.60))
    r["a_hh"] = hh
    r["a_1p_hh"], r["a_hh_z_k"], r["a_hh_m_k"] = split(hh, [one, 1 - one - kids, kids])
    dwellings = int(round(hh * rng.uniform(1.01, 1.06))) if hh else int(rng.integers(0, 4))
    r["a_woning"] = dwellings
    # area in hectares: dense urban buurten are small
    density = float(np.exp(rng.normal(math.log(300 + 6000 * urban ** 1.6), 0.6)))  # inh./km2
    land_ha = max(3.0, pop / density * 100) if pop else float(rng.uniform(20, 300))
    if pop and pop < 300:
        land_ha *= rng.uniform(3, 15)  # rural areas and outskirts
    water_ha = land_ha * float(fclip(rng.lognormal(math.log(0.03), 1.0), 0, 1.5))
    r["a_lan_ha"] = int(round(land_ha))
    r["a_wat_ha"] = int(round(water_ha))
    r["a_opp_ha"] = r["a_lan_ha"] + r["a_wat_ha"]

    w = max(dwellings, 1)
    rates = {
        "g_wozbag": 260 + 45 * inc - 20 * (urban - 0.5) + rng.normal(0, 25),
        "p_1gezw": float(fclip(68 - 45 * (urban - 0.2) + rng.normal(0, 8), 2, 99)),
        "p_bewndw": float(fclip(rng.normal(96, 1.5), 80, 100)),
        "p_koopw": float(fclip(57 + 18 * inc - 15 * (urban - 0.5) + rng.normal(0, 8), 3, 97)),
        "p_bjj2k": float(fclip(rng.normal(82, 15), 5, 100)),
        "p_stadsv": float(fclip(rng.exponential(2 + 10 * urban) if urban > 0.3 else 0, 0, 90)),
    }
    r["_rates_woning"] = (w, rates)
    ap = 2000 + rng.normal(0, 120)
    ele = {"ap": ap, "tw": ap + 800, "hw": ap + 1000, "2w": ap + 1400, "vw": ap + 2000,
           "hu": ap + 400, "ko": ap + 1100}
    gas = {"ap": 780 + rng.normal(0, 60)}
    gas.update({"tw": gas["ap"] + 350, "hw": gas["ap"] + 470, "2w": gas["ap"] + 700,
                "vw": gas["ap"] + 1100, "hu": gas["ap"] + 150, "ko": gas["ap"] + 600})
    mix = rates["p_1gezw"] / 100
    rates2 = {"g_ele": (1 - mix) * ele["ap"] + mix * (ele["tw"] + 200 * inc),
              "g_gas": (1 - mix) * gas["ap"] + mix * (gas["tw"] + 150 * inc)}
    for k in ele:
        rates2[f"g_ele_{k}"] = ele[k]
        rates2[f"g_gas_{k}"] = gas[k]
    r["_rates_energy"] = (w, rates2)

    p1574 = int(round(pop * 0.73))
    edu = [0.28 - 0.06 * inc, 0.38 - 0.02 * inc, 0.34 + 0.08 * inc + 0.05 * (urban - 0.5)]
    r["a_opl_lg"], r["a_opl_md"], r["a_opl_hg"] = split(p1574, edu)
    r["_rates_work"] = (max(p1574, 1), {
        "p_arb_pp": float(fclip(67 + 4 * inc - 3 * age + rng.normal(0, 3), 35, 85)),
        "p_arb_wn": float(fclip(86 - 3 * inc + rng.normal(0, 2.5), 60, 98)),
    })
    earners = int(round(pop * rng.uniform(0.76, 0.82)))
    r["a_inkont"] = earners
    r["_rates_income"] = (max(earners, 1), {
        "g_ink_po": 33.0 + 6.0 * inc + rng.normal(0, 1.5),
        "g_ink_pi": 26.5 + 5.5 * inc + rng.normal(0, 1.3),
        "p_ink_li": float(fclip(40 - 12 * inc + rng.normal(0, 3), 8, 80)),
        "p_ink_hi": float(fclip(20 + 9 * inc + rng.normal(0, 2.5), 2, 60)),
    })
    r["_rates_hh"] = (max(hh, 1), {
        "g_hh_sti": 31.5 + 6.0 * inc + rng.normal(0, 1.5),
        "p_hh_li": float(fclip(40 - 12 * inc + 6 * (urban - 0.5) + rng.normal(0, 3), 8, 85)),
        "p_hh_hi": float(fclip(20 + 9 * inc + rng.normal(0, 2.5), 2, 60)),
        "p_hh_lkk": float(fclip(7 - 3.5 * inc + 3 * (urban - 0.5) + rng.normal(0, 1), 0.5, 35)),
        "p_hh_osm": float(fclip(8 - 3.5 * inc + 3 * (urban - 0.5) + rng.normal(0, 1), 0.5, 35)),
        "p_hh_110": float(fclip(7.5 - 3.5 * inc + 3 * (urban - 0.5) + rng.normal(0, 1), 0.5, 35)),
        "m_hh_ver": float(fclip(60 + 55 * inc - 30 * (urban - 0.5) + rng.normal(0, 12), 1, 600)),
    })
    bijstand = float(fclip(0.025 - 0.012 * inc + 0.015 * (urban - 0.5), 0.002, 0.12))
    r["a_soz_wb"] = int(rng.binomial(pop, bijstand)) if pop else 0
    r["a_soz_ao"] = int(rng.binomial(pop, float(fclip(0.05 - 0.01 * inc, 0.01, 0.12)))) if pop else 0
    r["a_soz_ww"] = int(rng.binomial(pop, 0.014)) if pop else 0
    r["a_soz_ow"] = int(round(r["a_65_oo"] * rng.uniform(1.02, 1.08)))
    youth = r["a_00_14"] + r["a_15_24"]
    r["a_jz_tn"] = int(rng.binomial(youth, float(fclip(0.095 - 0.02 * inc, 0.02, 0.25)))) if youth else 0
    r["a_wmo_t"] = int(rng.binomial(pop, float(fclip(0.065 + 0.03 * age - 0.01 * inc, 0.01, 0.2)))) if pop else 0
    firms = int(rng.poisson(max(pop, 20) * (0.11 + 0.04 * (urban - 0.5))))
    r["a_bedv"] = firms
    (r["a_bed_a"], r["a_bed_bf"], r["a_bed_gi"], r["a_bed_hj"], r["a_bed_kl"], r["a_bed_mn"],
     r["a_bed_oq"], r["a_bed_ru"]) = split(firms, [0.06 * (1.2 - urban), 0.12, 0.22, 0.09,
                                                   0.08, 0.22, 0.11, 0.10])
    cars = int(rng.poisson(pop * (0.52 - 0.12 * (urban - 0.5) + 0.03 * inc))) if pop else 0
    r["a_pau"] = cars
    r["a_bst_b"], r["a_bst_nb"] = split(cars, [0.76, 0.24])
    r["a_m2w"] = int(rng.poisson(pop * 0.045)) if pop else 0
    far = 1.0 + 3.0 * (1 - urban) ** 2
    r["_rates_dist"] = (max(pop, 1), {
        "g_afs_hp": float(fclip(rng.lognormal(math.log(0.9 * far), 0.4), 0.1, 15)),
        "g_afs_gs": float(fclip(rng.lognormal(math.log(0.8 * far), 0.4), 0.1, 15)),
        "g_afs_kv": float(fclip(rng.lognormal(math.log(0.7 * far), 0.4), 0.1, 15)),
        "g_afs_sc": float(fclip(rng.lognormal(math.log(0.6 * far), 0.4), 0.1, 15)),
        "g_3km_sc": float(fclip(rng.normal(9 + 12 * urban, 3) / far, 0, 45)),
    })
    oad = float(fclip(rng.lognormal(math.log(200 + 2600 * urban ** 1.3), 0.45), 5, 9000)) if pop else 0.0
    r["_rates_oad"] = (max(r["a_lan_ha"], 1), {"ste_oad": oad})
    r["pst_mvp"] = postcode
    r["pst_dekp"] = int(rng.choice([1, 2, 3, 4, 5, 6], p=[0.45, 0.22, 0.14, 0.09, 0.06, 0.04]))
    r["ind_wbi"] = int(rng.choice([1, 2, 3], p=[0.95, 0.01, 0.04]))
    return r


def aggregate(parts: list[dict]) -> dict:
    """Sums the counts and takes weighted means of the rates of buurten."""
    out: dict = {}
    for key in parts[0]:
        if key.startswith("_rates"):
            total_w = sum(p[key][0] for p in parts)
            rates = {}
            for rk in parts[0][key][1]:
                rates[rk] = sum(p[key][0] * p[key][1][rk] for p in parts) / total_w
            out[key] = (total_w, rates)
        elif key in ("pst_mvp", "pst_dekp", "ind_wbi"):
            continue
        else:
            out[key] = sum(p[key] for p in parts)
    return out


def round5(rng, value: int) -> int:
    """CBS-style random rounding to a multiple of 5."""
    low = value - value % 5
    if value % 5 == 0:
        return value
    return low + 5 if rng.random() < (value % 5) / 5 else low


def stedelijkheid(oad: float) -> int:
    if oad >= 2500:
        return 1
    if oad >= 1500:
        return 2
    if oad >= 1000:
        return 3
    if oad >= 500:
        return 4
    return 5


def kwb_values(rng, region: Region, raw: dict) -> dict:
    """The cells of one region row (numbers, or '.' for secret/unknown)."""
    level = region.level
    out: dict = {}
    exact = level in ("land", "gemeente")
    counts = {k: v for k, v in raw.items() if not k.startswith("_") and k not in
              ("pst_mvp", "pst_dekp", "ind_wbi")}
    for k, v in counts.items():
        out[k] = v if (exact or k not in ROUNDED_COUNTS) else round5(rng, v)
    for key in ("_rates_woning", "_rates_energy", "_rates_work", "_rates_income",
                "_rates_hh", "_rates_dist", "_rates_oad"):
        out.update(raw[key][1])
    pop = raw["a_inw"]
    hh = raw["a_hh"]
    land_km2 = max(raw["a_lan_ha"], 1) / 100
    out["p_geb"] = round(1000 * raw["a_geb"] / pop) if pop else "."
    out["p_ste"] = round(1000 * raw["a_ste"] / pop) if pop else "."
    out["g_hhgro"] = round(pop / hh, 1) if hh else "."
    out["bev_dich"] = round(pop / land_km2) if pop else "."
    out["g_pau_hh"] = round(raw["a_pau"] / hh, 1) if hh else "."
    out["g_pau_km"] = round(raw["a_pau"] / land_km2) if raw["a_pau"] else 0
    youth = raw["a_00_14"] + raw["a_15_24"]
    out["p_jz_tn"] = round(100 * raw["a_jz_tn"] / youth) if youth else "."
    out["p_wmo_t"] = round(1000 * raw["a_wmo_t"] / pop) if pop else "."
    # complementary percentages that sum to 100
    rw = raw["_rates_woning"][1]
    out["g_wozbag"] = round(rw["g_wozbag"])
    out["p_1gezw"] = round(rw["p_1gezw"])
    out["p_mgezw"] = 100 - out["p_1gezw"]
    out["p_bewndw"] = round(rw["p_bewndw"])
    out["p_leegsw"] = 100 - out["p_bewndw"]
    out["p_koopw"] = round(rw["p_koopw"])
    out["p_e_o_w"] = 0 if rng.random() < 0.9 else 1
    out["p_huurw"] = 100 - out["p_koopw"] - out["p_e_o_w"]
    out["p_wcorpw"] = int(round(out["p_huurw"] * rng.uniform(0.45, 0.75)))
    out["p_ov_hw"] = out["p_huurw"] - out["p_wcorpw"]
    out["p_bjj2k"] = round(rw["p_bjj2k"])
    out["p_bjo2k"] = 100 - out["p_bjj2k"]
    out["p_stadsv"] = round(rw["p_stadsv"])
    wk = raw["_rates_work"][1]
    out["p_arb_pp"] = round(wk["p_arb_pp"])
    out["p_arb_wn"] = round(wk["p_arb_wn"])
    out["p_arb_zs"] = 100 - out["p_arb_wn"]
    for k in ("p_ink_li", "p_ink_hi", "p_hh_li", "p_hh_hi", "p_hh_lkk", "p_hh_osm", "m_hh_ver"):
        out[k] = round(out[k])
    for k in ("g_ele", "g_gas") + tuple(f"g_{e}_{t}" for e in ("ele", "gas")
                                        for t in ("ap", "tw", "hw", "2w", "vw", "hu", "ko")):
        out[k] = int(round(out[k], -1))
    out["p_hh_120"] = out["p_hh_110"] + abs(rng.normal(2.6, 0.5))
    for k in ("g_ink_po", "g_ink_pi", "g_hh_sti", "p_hh_110", "p_hh_120"):
        out[k] = round(out[k], 1)
    for k in ("g_afs_hp", "g_afs_gs", "g_afs_kv", "g_afs_sc", "g_3km_sc"):
        out[k] = round(out[k], 1)
    out["ste_oad"] = int(round(out["ste_oad"]))
    out["ste_mvs"] = stedelijkheid(out["ste_oad"])
    out["ind_wbi"] = raw.get("ind_wbi", 1)
    out["pst_mvp"] = raw.get("pst_mvp", ".")
    out["pst_dekp"] = raw.get("pst_dekp", ".")
    if level != "buurt":
        out["pst_mvp"] = out["pst_dekp"] = "."
        out["ind_wbi"] = 1
    if level == "land":
        out["ind_wbi"] = "."
        out["ste_mvs"] = "."
    # Secrecy: small populations give "." as in the CBS files.
    small_income = ["g_ink_po", "g_ink_pi", "p_ink_li", "p_ink_hi", "g_hh_sti", "p_hh_li",
                    "p_hh_hi", "p_hh_lkk", "p_hh_osm", "p_hh_110", "p_hh_120", "m_hh_ver",
                    "a_inkont"]
    housing = ["g_wozbag", "p_1gezw", "p_mgezw", "p_bewndw", "p_leegsw", "p_koopw", "p_huurw",
               "p_wcorpw", "p_ov_hw", "p_e_o_w", "p_bjj2k", "p_bjo2k"]
    energy = [k for k in KWB_COLUMNS if k.startswith(("g_ele", "g_gas"))] + ["p_stadsv"]
    social = ["a_soz_wb", "a_soz_ao", "a_soz_ww", "a_soz_ow", "a_jz_tn", "p_jz_tn",
              "a_wmo_t", "p_wmo_t", "a_opl_lg", "a_opl_md", "a_opl_hg", "p_arb_pp",
              "p_arb_wn", "p_arb_zs"]
    if level in ("wijk", "buurt"):
        if pop < 200:
            for k in small_income:
                out[k] = "."
        if raw["a_woning"] < 10:
            for k in housing + energy:
                out[k] = "."
        elif raw["a_woning"] < 50:
            for k in energy[1:]:
                out[k] = "."
        if pop < 50:
            for k in social + ["p_geb", "p_ste", "g_hhgro", "g_pau_hh"]:
                out[k] = "."
        elif pop < 100:
            for k in ("a_soz_wb", "a_soz_ww", "a_jz_tn", "p_jz_tn"):
                out[k] = "."
        if pop == 0:
            for k in ("g_afs_hp", "g_afs_gs", "g_afs_kv", "g_afs_sc", "g_3km_sc", "ste_oad"):
                out[k] = "."
            out["ste_mvs"] = "."
    return out


def cell_value(column: str, value):
    """The cell as the real file stores this column."""
    if value == ".":
        return "."
    if column in TEXT_COMMA:
        return f"{value:.1f}".replace(".", ",")
    if column in TEXT_DOT:
        return f"{value:.1f}"
    if column in TEXT_INT:
        return str(int(round(value)))
    if column in NUM_FLOAT:
        return float(value)
    return int(value)


def region_populations(regions: list[Region], rng, sample: bool) -> dict[str, int]:
    """Buurt populations: lognormal sizes; in the sample the municipality
    totals match SAMPLE_MUNICIPALITIES. A wijk without buurten gets its own."""
    pops: dict[str, int] = {}
    by_gm: dict[str, list[str]] = {}
    for reg in regions:
        if reg.level == "buurt":
            by_gm.setdefault("GM" + reg.code[2:6], []).append(reg.code)
    for gm, bus in by_gm.items():
        sizes = []
        for bu in bus:
            s = float(rng.lognormal(math.log(900), 0.9))
            if bu.endswith("9") and len(bus) > 3:
                s *= 0.25  # "verspreide huizen" and outskirts
            if rng.random() < 0.03:
                s = 0.0  # industrial estates, parks
            sizes.append(s)
        sizes = np.array(sizes)
        if sample and gm in SAMPLE_MUNICIPALITIES and sizes.sum() > 0:
            total = SAMPLE_MUNICIPALITIES[gm][0]
            fixed = np.zeros(len(bus), dtype=bool)
            for wk, target in AREA_POPULATION.items():
                if wk[2:6] != gm[2:6]:
                    continue
                inside = np.array([bu[2:8] == wk[2:8] for bu in bus])
                if sizes[inside].sum() > 0:
                    sizes[inside] *= target / sizes[inside].sum()
                    fixed |= inside
            rest = total - sizes[fixed].sum()
            if sizes[~fixed].sum() > 0:
                sizes[~fixed] *= rest / sizes[~fixed].sum()
        for bu, s in zip(bus, sizes):
            pops[bu] = int(round(s))
    return pops


def urbanity(gm: str, n_buurten: int, rng) -> float:
    if gm in SAMPLE_MUNICIPALITIES:
        return SAMPLE_MUNICIPALITIES[gm][1]
    return float(fclip(0.15 + 0.13 * math.log(max(n_buurten, 1) / 8 + 1) + rng.normal(0, 0.12),
                         0.05, 0.95))


def national_row_sample(rng) -> dict:
    """Nederland in the sample file: a national profile at the real 2020
    population (values synthetic)."""
    parts = [buurt_raw(rng, 1000, float(u), 0) for u in np.linspace(0.05, 0.95, 40)]
    agg = aggregate(parts)
    factor = NL_POPULATION_2020 / agg["a_inw"]
    out = {}
    for k, v in agg.items():
        if k.startswith("_rates"):
            out[k] = (v[0] * factor, v[1])
        else:
            out[k] = int(round(v * factor))
    out["a_inw"] = NL_POPULATION_2020
    return out


def write_kwb(path: Path, regions: list[Region], sample: bool, stream: int) -> dict[str, int]:
    rng = rng_for(stream)
    pops = region_populations(regions, rng, sample)
    # per gemeente: urbanity and a postcode range
    n_bu: dict[str, int] = {}
    for reg in regions:
        if reg.level == "buurt":
            n_bu["GM" + reg.code[2:6]] = n_bu.get("GM" + reg.code[2:6], 0) + 1
    raws: dict[str, dict] = {}
    wijk_parts: dict[str, list[dict]] = {}
    gm_parts: dict[str, list[dict]] = {}
    gm_info: dict[str, tuple[float, int]] = {}
    for reg in regions:
        if reg.level == "gemeente":
            u = urbanity(reg.code, n_bu.get(reg.code, 0), rng)
            pc = SAMPLE_MUNICIPALITIES[reg.code][2] if reg.code in SAMPLE_MUNICIPALITIES \
                else int(rng.integers(1000, 9900))
            gm_info[reg.code] = (u, pc)
    for reg in regions:
        if reg.level != "buurt":
            continue
        gm = "GM" + reg.code[2:6]
        u, pc = gm_info.get(gm, (0.4, 5000))
        u_b = float(fclip(u + rng.normal(0, 0.12), 0.02, 0.98))
        postcode = min(9999, pc + int(rng.integers(0, 12)))
        raw = buurt_raw(rng, pops[reg.code], u_b, postcode)
        raws[reg.code] = raw
        wijk_parts.setdefault("WK" + reg.code[2:8], []).append(raw)
    for reg in regions:
        if reg.level == "wijk":
            parts = wijk_parts.get(reg.code)
            if not parts:  # a wijk without buurten in the table
                u, pc = gm_info.get("GM" + reg.code[2:6], (0.4, 5000))
                parts = [buurt_raw(rng, int(rng.lognormal(math.log(2500), 0.7)), u, pc)]
            raws[reg.code] = aggregate(parts)
            gm_parts.setdefault("GM" + reg.code[2:6], []).append(raws[reg.code])
    for reg in regions:
        if reg.level == "gemeente":
            parts = gm_parts.get(reg.code) or [buurt_raw(rng, 20000, gm_info[reg.code][0], 0)]
            raws[reg.code] = aggregate(parts)
    gm_raws = [raws[r.code] for r in regions if r.level == "gemeente"]
    raws["NL00"] = national_row_sample(rng) if sample else aggregate(gm_raws)

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("kwb-2020")
    widths = {1: 15.140625, 2: 14.140625, 3: 41.7109375, 7: 11.0}
    for col in range(1, len(KWB_COLUMNS) + 1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(col, 13.85546875)
    bold = Font(name="Calibri", size=11, bold=True)
    center = Alignment(horizontal="center")
    header = []
    for name in KWB_COLUMNS:
        c = WriteOnlyCell(ws, value=name)
        c.font = bold
        c.alignment = center
        header.append(c)
    ws.append(header)
    hhgro_col = KWB_COLUMNS.index("g_hhgro")
    level_label = {"land": "Land", "gemeente": "Gemeente", "wijk": "Wijk", "buurt": "Buurt"}
    counts = {"land": 0, "gemeente": 0, "wijk": 0, "buurt": 0}
    for reg in regions:
        values = kwb_values(rng, reg, raws[reg.code])
        code8 = "0000" if reg.level == "land" else reg.code[2:]
        row = [reg.code, code8, reg.name, reg.gm_name, level_label[reg.level], reg.code]
        for name in KWB_COLUMNS[6:]:
            row.append(cell_value(name, values[name]))
        if isinstance(row[hhgro_col], float):
            cell = WriteOnlyCell(ws, value=row[hhgro_col])
            cell.number_format = "#,##0.0"
            row[hhgro_col] = cell
        ws.append(row)
        counts[reg.level] += 1
    last = f"{get_column_letter(len(KWB_COLUMNS))}{len(regions) + 1}"
    table = Table(displayName="Table1", ref=f"A1:{last}")
    table._initialise_columns()
    for column, name in zip(table.tableColumns, KWB_COLUMNS):
        column.name = name
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showFirstColumn=False,
                                          showLastColumn=False, showRowStripes=True,
                                          showColumnStripes=False)
    with warnings.catch_warnings():
        # openpyxl warns for every table in write-only mode; the columns are set above
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)
    save_workbook(wb, path)
    return counts


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def all_area_names() -> dict[str, str]:
    names = {}
    for n in SEED_NETWORKS:
        names.update(n.area_names)
    return names


def report_areas(rivm: list[tuple[str, str, str]]) -> None:
    """Prints the area codes of the networks as found in the RIVM file."""
    by_code = {c: (lvl, gm) for c, lvl, gm in rivm}
    buurten: dict[str, int] = {}
    for c, lvl, _ in rivm:
        if lvl == "buurt":
            buurten["WK" + c[2:8]] = buurten.get("WK" + c[2:8], 0) + 1
    print("Areas of the networks (checked against the RIVM file):")
    for n in SEED_NETWORKS:
        found = []
        for a in n.areas:
            if a not in by_code:
                raise SystemExit(f"area {a} of {n.id} is not in {RIVM_SAMPLE.name}")
            lvl, gm = by_code[a]
            extra = f", {buurten.get(a, 0)} buurten" if lvl == "wijk" else ""
            found.append(f"{a} ({lvl} of {gm}{extra}; name used: "
                         f"{n.area_names.get(a, gm)})")
        print(f"  {n.id:11s} {n.gemeente}  " + "; ".join(found))


def write_pipeline(out: Path, count: int) -> None:
    def open_data(name: str) -> str:
        # a TOML basic string: backslashes (Windows paths) and quotes escaped
        path = str((OPEN_DATA / name).resolve())
        return path.replace("\\", "\\\\").replace('"', '\\"')
    text = f'''name = "Voorbeeld: {count} netwerken (opgeschaald)"
year = 2024
date = "2025-03-01"

[settings]
lang = "nl"
min_n = 10

[inputs]
kwb = {{ path = "{open_data(KWB_SAMPLE_NAME)}", kind = "open-data" }}
ggd-18plus = {{ path = "{open_data("50090NED-2020-18plus-voorbeeldgemeenten.xlsx")}", kind = "open-data" }}
ggd-65plus = {{ path = "{open_data("50090NED-2020-65plus-voorbeeldgemeenten.xlsx")}", kind = "open-data" }}
vektis = {{ path = "{open_data("vektis-zvw-2023-gemeente.csv")}", kind = "open-data" }}
register = {{ path = "netwerken/register.xlsx", kind = "register" }}
positieve-gezondheid = {{ path = "netwerken/antwoorden-positieve-gezondheid.xlsx", kind = "responses", instrument = "positieve-gezondheid" }}
eenzaamheid = {{ path = "netwerken/antwoorden-eenzaamheid-djg6.xlsx", kind = "responses", instrument = "eenzaamheid-djg6" }}
welbevinden = {{ path = "netwerken/antwoorden-welbevinden.xlsx", kind = "responses", instrument = "welbevinden" }}
samenwerking = {{ path = "netwerken/antwoorden-samenwerking.xlsx", kind = "responses", instrument = "samenwerking-kaats-opheij" }}
matches = {{ path = "netwerken/matches-wedde.xlsx", kind = "matches" }}
vragen = {{ path = "netwerken/vragen-samenredzaamheid.xlsx", kind = "questions" }}

[outputs]
reports = true
profiles = true
tables = true
workbook = true
'''
    out.mkdir(parents=True, exist_ok=True)
    (out / "pipeline.toml").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--national-kwb", metavar="OUT.xlsx", type=Path,
                        help="write a synthetic KWB file for every region of the RIVM file")
    parser.add_argument("--rivm", type=Path, default=RIVM_FULL,
                        help="the RIVM 50090NED file whose regions --national-kwb uses "
                             f"(default {RIVM_FULL})")
    parser.add_argument("--networks", type=int, metavar="N",
                        help="scale-up mode: write DIR/netwerken/ for N networks and DIR/pipeline.toml")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output directory of --networks")
    args = parser.parse_args(argv)

    if args.national_kwb:
        rivm = read_rivm_regions(args.rivm)
        regions = kwb_regions(rivm, {})
        counts = write_kwb(args.national_kwb, regions, sample=False, stream=71)
        print(f"wrote {args.national_kwb}: {sum(counts.values())} regions {counts}")
        return 0

    if args.networks is not None:
        if args.out is None:
            parser.error("--networks needs --out DIR")
        if args.networks < 1:
            parser.error("--networks must be at least 1")
        networks = scaled_networks(args.networks)
        paths = write_network_files(args.out / "netwerken", networks)
        write_pipeline(args.out, args.networks)
        for p in paths.values():
            print(f"wrote {p}")
        print(f"wrote {args.out / 'pipeline.toml'}")
        if not (OPEN_DATA / KWB_SAMPLE_NAME).exists():
            print(f"note: {OPEN_DATA / KWB_SAMPLE_NAME} does not exist yet; run without "
                  "arguments first", file=sys.stderr)
        return 0

    rivm = read_rivm_regions(RIVM_SAMPLE)
    report_areas(rivm)
    networks = scaled_networks(len(SEED_NETWORKS))
    paths = write_network_files(HERE / "netwerken", networks)
    for p in paths.values():
        print(f"wrote {p.relative_to(REPO)}")
    regions = kwb_regions(rivm, all_area_names())
    kwb_path = OPEN_DATA / KWB_SAMPLE_NAME
    counts = write_kwb(kwb_path, regions, sample=True, stream=70)
    print(f"wrote {kwb_path.relative_to(REPO)}: {sum(counts.values())} regions {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
