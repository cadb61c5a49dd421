"""NCMEC's Global Platform for Child Exploitation Policy (GPCEP): the by-country JSON.

The platform publishes one JSON file per period: an object with `year`, `period` ("2024Y" for a
full year, "2024H1" for January-June), `periodStringDisplay`, `updated` and `data`, a list with one
record per jurisdiction. A reports file's record carries the jurisdiction's ISO 3166 alpha-2 `id`,
its English name and the counts (`cybertipline_reports_referred`, `esp_escalations`,
`incident_type_*`, `file_information_*`); an ESP/ISP file's record carries `esps` and `isps`, each
an object mapping a provider's name to a count.

How values are read (the publisher's conventions, see data/README.md):

- an integer is **rounded by NCMEC** (at most two significant figures): flag `rounded`;
- `"<50"` / `"<10"` is a small count: value 50 / 10 with flag `upper_bound` ("fewer than 50");
- `"--"` is no data: the cell is passed on empty, so the build lists it and never reads a zero;
- `cybertipline_reports_total` is **not read**: in the 2024 snapshot it holds the previous
  year's exact totals, not the period's (checked 209 of 209 against NCMEC's 2023 table);
- a January-June file gives the `_h1` indicators with flag `half_year`;
- July-December files are **not read**: the store writes half years as "January-June", and the
  2024 July-December snapshot holds values shifted by one record for 39 jurisdictions
  (`MISALIGNED_2024H2`).

`layout: ncmec_gpcep_json`. Everything else (indicator ids, unit, source_url, further flags) comes
from the source.yaml's `defaults`, so next year's file is a copied folder.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from dashboard.ingest.countries import converter
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Problem, Reason, Severity
from dashboard.ingest.raw import RawTable, empty_raw_frame
from dashboard.ingest.tables import read_text, rows_frame

LAYOUT = "ncmec_gpcep_json"
# reports file field -> (indicator id, category); "_h1" is added for a January-June file
REPORT_FIELDS: dict[str, tuple[str, str]] = {
    "cybertipline_reports_referred": ("gpcep_referrals", ""),
    "esp_escalations": ("gpcep_esp_escalations", ""),
    "incident_type_child_pornography": ("gpcep_referrals_by_incident_type", "Child pornography"),
    "incident_type_online_enticement": ("gpcep_referrals_by_incident_type", "Online enticement"),
    "incident_type_child_sex_trafficking": (
        "gpcep_referrals_by_incident_type",
        "Child sex trafficking",
    ),
    "incident_type_child_sexual_molestation": (
        "gpcep_referrals_by_incident_type",
        "Child sexual molestation",
    ),
    "incident_type_unsolicited_obsscene_materials": (  # "obsscene": the publisher's spelling
        "gpcep_referrals_by_incident_type",
        "Unsolicited obscene material sent to a child",
    ),
    "incident_type_misleading_words_images": (
        "gpcep_referrals_by_incident_type",
        "Misleading words or digital images",
    ),
    "incident_type_misleading_domain_name": (
        "gpcep_referrals_by_incident_type",
        "Misleading domain name",
    ),
    "incident_type_child_sex_tourism": ("gpcep_referrals_by_incident_type", "Child sex tourism"),
    "file_information_gai_csam": ("gpcep_files_generative_ai", ""),
    "file_information_reported_images": ("gpcep_files_images", ""),
    "file_information_reported_videos": ("gpcep_files_videos", ""),
}
# provider file key -> indicator id; the category is the provider's name as printed
PROVIDER_FIELDS = {"esps": "gpcep_reports_by_esp", "isps": "gpcep_reports_by_isp"}
# in the reports files: the previous year's exact totals, never the period's
PREVIOUS_YEAR_TOTAL = "cybertipline_reports_total"
NO_DATA = "--"
CENSORED = re.compile(r"^<\s*(\d+)$")
PERIOD = re.compile(r"^(\d{4})(Y|H1|H2)$")
# reports-2024-h2.json: records holding a neighbour's July-December values (ISO2 `id`)
MISALIGNED_2024H2 = frozenset(
    "CK CR CI HR CU CW CY CZ CD "  # block A: each holds the record before's values
    "MK MG MW MY MV ML MT MH MQ MR MU YT MX MD MC MN ME MS MA MZ MM "  # block B: the one after's
    "NA NR NP NL NC NZ NI NE NG".split()
)
ANNOUNCING_KEYS = ('"periodStringDisplay"', '"data"')
CONTENT_KEYS = ('"cybertipline_reports_referred"', '"esps"')


def _problem(file: str, reason: Reason, message: str, severity: Severity | None = None) -> Problem:
    if severity is None:
        return Problem(file, None, "", reason, message)
    return Problem(file, None, "", reason, message, severity)


def _value(cell: object) -> tuple[str, list[str]] | None:
    """(value as text, flags) for one count; None when the cell is not one the layout knows."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return str(cell), ["rounded"]
    if isinstance(cell, str):
        text = cell.strip()
        if text == NO_DATA:
            return "", []
        if match := CENSORED.match(text):
            return match.group(1), ["upper_bound"]
    return None


@cache
def _iso3(code: str) -> str:
    """ISO3 for the record's alpha-2 `id` (XK -> XKX, NA -> NAM); '' if there is none."""
    if not isinstance(code, str) or len(code) != 2:
        return ""
    found = converter().convert(code, src="ISO2", to="ISO3", not_found="")
    return found if isinstance(found, str) else ""


def _load(path: Path | str) -> tuple[dict | None, list[Problem]]:
    file = str(path)
    text, problems = read_text(path)
    if text is None:
        return None, problems
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [_problem(file, Reason.UNREADABLE, f"not valid JSON: {exc}")]
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        message = "not a Global Platform file: expected a JSON object with a `data` list"
        return None, [_problem(file, Reason.NOT_A_TABLE, message)]
    return document, []


def read_gpcep_json(path: Path | str, layout: TableLayout) -> RawTable:
    """One Global Platform JSON file (reports or ESP/ISP), values as printed with their flags."""
    file = str(path)
    document, problems = _load(path)
    if document is None:
        return RawTable(file, empty_raw_frame(), problems)
    match = PERIOD.match(str(document.get("period", "")))
    if match is None:
        message = f"period {document.get('period')!r} is neither a full year (2024Y) nor a half"
        return RawTable(file, empty_raw_frame(), [_problem(file, Reason.BAD_YEAR, message)])
    year, part = match.groups()
    if part == "H2":
        message = (
            f"July-December files are not read ({document['period']}): the store writes half "
            "years as January-June, and the 2024 July-December snapshot holds a neighbour's "
            f"values for {len(MISALIGNED_2024H2)} jurisdictions "
            f"({', '.join(sorted(MISALIGNED_2024H2))})"
        )
        return RawTable(file, empty_raw_frame(), [_problem(file, Reason.BAD_METADATA, message)])
    suffix, period_flags = ("_h1", ["half_year"]) if part == "H1" else ("", [])
    defaults = {
        k: v for k, v in layout.defaults.items() if k in ("unit", "flags", "source_url", "note")
    }
    extra_flags = [f for f in defaults.pop("flags", "").split(";") if f]
    rows: list[dict[str, object]] = []
    skipped_total = 0
    bad: list[str] = []

    def add(position: int, record: dict, indicator: str, category: str, cell: object) -> None:
        parsed = _value(cell)
        if parsed is None:
            bad.append(f"record {position} {indicator} {category!r}: {cell!r}")
            return
        value, flags = parsed
        rows.append(
            {
                **defaults,
                "row": position,
                "entity_as_published": str(record.get("localized_name_en", "")).strip(),
                "entity": _iso3(str(record.get("id", ""))),
                "indicator": indicator + suffix,
                "period": year,
                "category": category,
                "value": value,
                "flags": ";".join(dict.fromkeys([*flags, *period_flags, *extra_flags])),
            }
        )

    for position, record in enumerate(document["data"], start=1):
        if not isinstance(record, dict):
            bad.append(f"record {position} is not an object")
            continue
        if PREVIOUS_YEAR_TOTAL in record:
            skipped_total += 1
        for field, (indicator, category) in REPORT_FIELDS.items():
            if field in record:
                add(position, record, indicator, category, record[field])
        for field, indicator in PROVIDER_FIELDS.items():
            providers = record.get(field)
            if isinstance(providers, dict):
                for name, cell in providers.items():
                    add(position, record, indicator, name.strip(), cell)
    if bad:
        shown = "; ".join(bad[:10]) + (f"; and {len(bad) - 10} more" if len(bad) > 10 else "")
        problems.append(
            _problem(
                file, Reason.BAD_NUMBER, f"{len(bad)} values the layout does not know: {shown}"
            )
        )
    if skipped_total:
        message = (
            f"{PREVIOUS_YEAR_TOTAL} of {skipped_total} records not read: the Global Platform's "
            '2024 files fill it with the previous year\'s totals (full year) or "--" (half '
            "years), never with the period's"
        )
        problems.append(_problem(file, Reason.MISSING_VALUE, message, Severity.NOTICE))
    if not rows and not bad:
        problems.append(_problem(file, Reason.EMPTY_FILE, "no counts found in `data`"))
    return RawTable(file, rows_frame(rows), problems)


def announces_gpcep(head: str) -> bool:
    """True when the start of a text file is a Global Platform JSON file, whatever its name."""
    start = head.lstrip("\ufeff \t\r\n")
    return (
        start.startswith("{")
        and all(k in head for k in ANNOUNCING_KEYS)
        and any(k in head for k in CONTENT_KEYS)
    )


# The same figure in NCMEC's annual 2024 by-country table (a transcription), compared at build
PLATFORM_REFERRALS = "gpcep_referrals"
TABLE_REFERRALS = "cybertipline_referrals"


def rounding_unit(value: float) -> int:
    """The unit NCMEC rounded a platform count to, as the 2024 files show it: every value under
    100 is a multiple of 10, every value from 100 to 9,999 a multiple of 100, and larger values
    have two significant figures (58,000: thousands; 1,400,000: hundred thousands)."""
    if value < 100:
        return 10
    if value < 10_000:
        return 100
    return 10 ** (len(str(int(value))) - 2)


def within_rounding(platform: float, flags: str, other: float) -> bool:
    """Whether `other` (an exact count) could be the platform's value before NCMEC rounded it:
    within half a rounding unit (58,000 stands for 57,500 to 58,500; 800 for 750 to 850).
    An upper bound ("<50", stored as 50) agrees with anything below it."""
    if "upper_bound" in flags.split(";"):
        return other < platform
    return abs(other - platform) <= rounding_unit(platform) / 2


def referral_disagreements(observations: pd.DataFrame) -> pd.DataFrame:
    """Countries whose platform referrals and annual-table referrals (same year) disagree beyond
    the platform's rounding: entity, year, both values, flags, sources, files and rows."""
    columns = ["entity", "year", "value", "flags", "source_id", "file", "row"]
    platform = observations.loc[
        (observations["indicator"] == PLATFORM_REFERRALS) & (observations["category"] == ""),
        columns,
    ]
    table = observations.loc[
        (observations["indicator"] == TABLE_REFERRALS) & (observations["category"] == ""),
        columns,
    ]
    pairs = platform.merge(table, on=["entity", "year"], suffixes=("_platform", "_table"))
    if pairs.empty:
        return pairs
    agree = [
        within_rounding(p, f, t)
        for p, f, t in zip(
            pairs["value_platform"], pairs["flags_platform"], pairs["value_table"], strict=True
        )
    ]
    return pairs[~pd.Series(agree, index=pairs.index)].reset_index(drop=True)


def disagreement_notices(observations: pd.DataFrame) -> list[Problem]:
    """One conflicting_value notice per country whose two referral figures disagree."""
    return [
        Problem(
            str(r["file_platform"]),
            int(r["row_platform"]),
            "value",
            Reason.CONFLICTING_VALUE,
            f"{PLATFORM_REFERRALS} {r['entity']} {int(r['year'])}: {r['source_id_platform']} "
            f"gives {r['value_platform']:,.0f} ({r['flags_platform']}), {r['source_id_table']} "
            f"gives {TABLE_REFERRALS} {r['value_table']:,.0f}: they disagree beyond the "
            "platform's rounding; both are kept, as separate series, and the country page says so",
            Severity.NOTICE,
        )
        for r in referral_disagreements(observations).to_dict("records")
    ]
