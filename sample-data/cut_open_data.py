#!/usr/bin/env python3
"""Cuts the published RIVM/CBS 50090NED files down to the sample municipalities.

Run from the repository root (needs openpyxl and the published files in
/work/shared/data/rivm-gezondheid/, or pass --source DIR):

    python3 sample-data/cut_open_data.py

Writes sample-data/open-data/50090NED-<year>-65plus-voorbeeldgemeenten.xlsx for
the periods 2012 and 2016 (published on the 2020 division, so the same regions
as the 2020 files). Every row whose `WijkenEnBuurten` code is `NL01` or belongs
to one of the sample municipalities is copied as published: same sheet name,
header, cell types and padding. Workbook properties and zip entries carry a
fixed date, so the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

# The municipalities of the ten sample networks (sample-data/README.md).
MUNICIPALITIES = ["0828", "0268", "1652", "1950", "1921", "1940", "0296", "0546", "0202", "0213", "1507"]
FIXED = dt.datetime(2025, 3, 1)


def keep(code: str) -> bool:
    code = code.strip()
    if code == "NL01":
        return True
    digits = code[2:6]
    return code[:2] in ("GM", "WK", "BU") and digits in MUNICIPALITIES


def cut(source: Path, target: Path) -> int:
    src = openpyxl.load_workbook(source, read_only=True)
    ws = src.worksheets[0]
    out = openpyxl.Workbook()
    sheet = out.active
    sheet.title = ws.title
    kept = 0
    for i, row in enumerate(ws.iter_rows(values_only=True)):
        if i == 0:
            header = list(row)
            code_col = header.index("WijkenEnBuurten")
            sheet.append(header)
        elif row[code_col] is not None and keep(str(row[code_col])):
            sheet.append(list(row))
            kept += 1
    out.properties.created = FIXED
    out.properties.modified = FIXED
    buffer = io.BytesIO()
    out.save(buffer)
    # openpyxl stamps the save time into the zip entries: rewrite them fixed.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode()
                import re
                text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*", r"\g<1>2025-03-01T00:00:00Z", text)
                data = text.encode()
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 3, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("/work/shared/data/rivm-gezondheid"))
    args = parser.parse_args()
    out_dir = Path(__file__).resolve().parent / "open-data"
    for year in (2012, 2016):
        source = args.source / f"50090NED-{year}-65plus.xlsx"
        target = out_dir / f"50090NED-{year}-65plus-voorbeeldgemeenten.xlsx"
        print(f"{target.name}: {cut(source, target)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
