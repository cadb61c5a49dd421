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
COMBINED = (
    "Printed '{name}*': NCMEC combined report totals for related platforms and companies"
    " (p1 footnote)."
)
# Breaks between a combined name and the names NCMEC lists separately later (issue 16): the
# flags and a note for (year, name as printed). Instagram and WhatsApp inside "Facebook*" is an
# inference from the footnote and their absence; NCMEC does not list the combined platforms.
BREAKS = {
    (2019, "Facebook"): (
        "",
        " Instagram and WhatsApp are not listed separately before 2021 (inferred: NCMEC does not"
        " name the combined platforms).",
    ),
    (2020, "Facebook"): (
        "",
        " Instagram and WhatsApp are not listed separately before 2021 (inferred: NCMEC does not"
        " name the combined platforms).",
    ),
    (2021, "Facebook"): (
        "series_break",
        "From 2021 NCMEC lists Instagram and WhatsApp separately. Facebook 2021+ is not comparable"
        " with 'Facebook*' 2019-2020; compare Facebook + Instagram + WhatsApp.",
    ),
    (2021, "Instagram"): ("", "First year listed separately (previously inside 'Facebook*')."),
    (2021, "WhatsApp"): ("", "First year listed separately (previously inside 'Facebook*')."),
}


def row_label(year: int, name: str, footnote: bool) -> tuple[str, str]:
    """The flags and note of one platform's row: a combined name, or a break in its series."""
    flags, extra = BREAKS.get((year, name), ("", ""))
    note = COMBINED.format(name=name) if footnote else ""
    return flags, (note + extra).strip()


def kept_checks(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("checks", [])


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
        labels = [row_label(year, row.name, row.footnote) for row in parsed.rows]
        marked = any(flags or note for flags, note in labels)
        writer.writerow(["ESP", "Reports", "Flags", "Note"] if marked else ["ESP", "Reports"])
        for row, (flags, note) in zip(parsed.rows, labels, strict=True):
            writer.writerow([row.name, row.value, flags, note] if marked else [row.name, row.value])
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
    if footnoted:
        meta["caveats"] = [
            *meta.get("caveats", []),
            "Names marked * combine related platforms and companies; Facebook* includes platforms"
            " listed separately from 2021 (Instagram, WhatsApp).",
        ]
    columns = {"category": "ESP", "value": "Reports"}
    if any(flags or note for flags, note in labels):
        columns |= {"flags": "Flags", "note": "Note"}
    meta["tables"] = [
        {
            "file": "table.csv",
            "layout": "long",
            "columns": columns,
            "defaults": {
                "entity_as_published": "World",
                "indicator": "cybertipline_reports_by_esp",
                "period": str(year),
                "unit": "reports",
            },
        }
    ]
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    checks = kept_checks(folder / "source.yaml")
    if checks:  # the printed total and row count, kept when the folder is written again
        at = text.index("tables:\n")
        text = (
            text[:at]
            + "# The PDF's rows add up to the Totals line it prints under the table; a misread row"
            " fails the build.\n"
            + yaml.safe_dump({"checks": checks}, sort_keys=False, width=100)
            + text[at:]
        )
    (folder / "source.yaml").write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str]) -> None:
    raw = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data" / "raw" / "ncmec"
    data = Path(argv[2]) if len(argv) > 2 else ROOT / "data"
    for year in YEARS:
        print(f"wrote {extract(raw / f'ncmec-by-esp-{year}.pdf', data)}")


if __name__ == "__main__":
    main(sys.argv)
