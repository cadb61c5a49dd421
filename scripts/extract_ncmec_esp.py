"""Ship NCMEC's "reports by online platform" tables (2019-2023) as data/sources/ncmec-byesp-YYYY/.

NCMEC publishes these tables only as PDFs. This script reads each with the project's PDF reader
(`dashboard.ingest.ncmec_pdf`), refuses to write anything if a table does not add up to its printed
Total, and writes `table.csv` (ESP,Reports exactly as printed, in PDF order) and `source.yaml`, so
the build reads a plain CSV and a person can diff next year's table against this one.

Usage: python scripts/extract_ncmec_esp.py [RAW_DIR] [DATA_DIR]
  RAW_DIR defaults to ../shared/data/raw/ncmec, DATA_DIR to data/ (both from the repository root).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

from dashboard.ingest.ncmec_pdf import parse_ncmec_pdf, source_for
from dashboard.ingest.problems import errors, format_problems

ROOT = Path(__file__).resolve().parents[1]
YEARS = range(2019, 2024)


def extract(pdf: Path, data: Path) -> Path:
    """Write one year's folder; raise SystemExit listing the problems if the PDF does not check."""
    parsed = parse_ncmec_pdf(pdf)
    if errors(parsed.problems) or parsed.kind != "esp":
        problems = format_problems(parsed.problems) or "this is not a by-ESP table"
        raise SystemExit(f"{pdf}: nothing written\n{problems}")
    source, year = source_for(parsed), parsed.year
    folder = data / "sources" / source.id
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "table.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["ESP", "Reports"])
        writer.writerows((row.name, row.value) for row in parsed.rows)
    footnoted = [row.name for row in parsed.rows if row.footnote]
    notes = (
        f"Transcribed from NCMEC's PDF ({pdf.name}) by dashboard.ingest.ncmec_pdf via"
        f" scripts/extract_ncmec_esp.py; the {len(parsed.rows)} rows sum to the printed total"
        f" {parsed.printed_total:,}."
    )
    if footnoted:  # 2019 and 2020 print this footnote
        notes += (
            f" The PDF marks {len(footnoted)} names with * ('Report totals for related platforms"
            " and companies have been combined'); the asterisk was removed from: "
            + "; ".join(footnoted)
        )
    meta = source.model_dump(mode="json", exclude={"notes"}) | {"notes": notes}
    meta["tables"] = [
        {
            "file": "table.csv",
            "layout": "long",
            "columns": {"category": "ESP", "value": "Reports"},
            "defaults": {
                "entity_as_published": "World",
                "indicator": "cybertipline_reports_by_esp",
                "period": str(year),
                "unit": "reports",
            },
        }
    ]
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    (folder / "source.yaml").write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str]) -> None:
    raw = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "raw" / "ncmec"
    data = Path(argv[2]) if len(argv) > 2 else ROOT / "data"
    for year in YEARS:
        print(f"wrote {extract(raw / f'ncmec-by-esp-{year}.pdf', data)}")


if __name__ == "__main__":
    main(sys.argv)
