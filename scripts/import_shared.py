"""Build `data/` from the research deliverables in `../shared/data` (run once; output committed).

Every figure is copied as text, unchanged. What this script adds is structure, by stated rules:
- one folder per publication: `data/sources/<source_id>/table.csv` + `source.yaml`;
- canonical indicator ids: `_gt` / `_lt` / `_approx` suffixes and unit `count_approx` become flags
  (lower_bound / upper_bound / approximate) on the row, so one indicator is one series;
- where a row was read decides its class (data/publishers.yaml: the publisher's own domains and
  verbatim copies, transcriptions, any other page = secondary): a secondary row carries
  secondary_source, a transcribed one unverified_transcription. A folder whose rows are all the
  publisher's own is primary (priority 10 for NCMEC's PDF tables, else 20); a folder with no own
  row takes its rows' majority class at 30; a mixed folder is split into `<id>` (own rows) and
  `<id>_secondary` (the rest);
- value qualifiers: "rounded"/"approximate" about the value -> approximate (never a phrase about
  the year or period), "lower bound" -> lower_bound, the doubtful 2024 values listed in
  ncmec_SOURCES.md -> doubtful, `_h1` -> half_year; rows whose quoted "at least", "as many as",
  "roughly" ... is the value's own qualifier get their flag from VALUE_FLAGS (the build check
  `quoted_qualifier` refuses any that lacks it);
- category spellings are normalised (CATEGORY_ALIASES; the printed label stays in the note), and
  NCMEC report counts (cybertipline_*) have unit `reports`;
- NCMEC recipients and user-location rows name a breakdown, not a place: they move to `category`
  with entity "World";
- ocse_observations.csv repeats NCMEC figures under other indicator ids: they are renamed to the
  NCMEC ids and kept; at build the NCMEC file's sources win (priority 10 < 20), and
  `ocse validate` lists every repeat and conflict with the rule applied.

Usage: python scripts/import_shared.py [../shared/data] [data]
"""

from __future__ import annotations

import csv
import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from dashboard.ingest.publishers import (
    CLASS_FLAG,
    OWN,
    RELIABILITY,
    SECONDARY,
    TRANSCRIPTION,
    load_publishers,
    missing_qualifier_flags,
)

NCMEC_RENAMES = {
    "ncmec_cybertipline_reports_country": "cybertipline_reports",
    "ncmec_cybertipline_reports_total": "cybertipline_reports",
    "ncmec_cybertipline_reports_total_gt": "cybertipline_reports",
    "ncmec_reports_child_pornography": "cybertipline_reports_child_pornography",
    "ncmec_reports_child_sex_tourism": "cybertipline_reports_child_sex_tourism",
    "ncmec_reports_child_sex_trafficking": "cybertipline_reports_child_sex_trafficking",
    "ncmec_reports_online_enticement": "cybertipline_reports_online_enticement",
    "ncmec_reports_unsolicited_obscene_material_to_child": (
        "cybertipline_reports_unsolicited_obscene_material_sent_to_child"
    ),
    "ncmec_financial_sextortion_reports": "cybertipline_reports_financial_sextortion",
}
SUFFIX_FLAGS = {"_gt": "lower_bound", "_lt": "upper_bound", "_approx": "approximate"}
UNIT_RENAMES = {("gsi_vulnerability_score", "percent"): "score_0_100"}
CATEGORY_INDICATORS = re.compile(
    r"^cybertipline_reports_(by_user_location|made_available_(actionable|informational|total))$"
)
# ncmec_SOURCES.md, "Doubtful values" of the 2024 transcription: (name as published, indicator)
DOUBTFUL_2024 = {
    ("Lao People's Democratic Republic", "cybertipline_referrals"),
    ("Lao People's Democratic Republic", "cybertipline_informational_reports"),
    ("Lao People’s Democratic Republic", "cybertipline_referrals"),
    ("Lao People’s Democratic Republic", "cybertipline_informational_reports"),
    ("Guadeloupe", "cybertipline_referrals"),
    ("Martinique", "cybertipline_referrals"),
    ("Netherlands", "cybertipline_referrals"),
}
# Rows keyed by (file, line): the flags for the value (replacing approximate / lower_bound /
# upper_bound), where the quoted qualifier attaches to the row's own value (issue 16 audit, 2A).
VALUE_FLAGS = {
    ("ocse_observations.csv", 58): ["lower_bound"],  # dh_indonesia "at least 2%"
    ("ocse_observations.csv", 59): ["lower_bound"],  # dh_malaysia "at least 4%"
    ("ocse_observations.csv", 534): ["lower_bound"],  # dh_ethiopia "at least 10%"
    ("ocse_observations.csv", 538): ["lower_bound"],  # dh_mozambique "at least 13%"
    ("ocse_observations.csv", 539): ["lower_bound"],  # dh_mozambique "at least 300,000"
    # the page says "at least 2 million" (headline) and "as many as two million" (body)
    ("ocse_observations.csv", 27): ["lower_bound"],
    ("ocse_observations.csv", 601): ["lower_bound"],  # ph_doj_2022 ("at least")
    ("ocse_observations.csv", 518): ["lower_bound"],  # vgt_2017 "more than 8.2 million"
    ("ocse_observations.csv", 60): ["upper_bound"],  # dh_malaysia "as many as 100,000"
    ("ocse_observations.csv", 136): ["approximate"],  # "roughly 1 in 100 children"
    ("ocse_observations.csv", 138): ["approximate"],  # "roughly 3 in every 1,000 adults"
    ("ocse_observations.csv", 274): ["approximate"],  # "etwa 57 Prozent"
    ("ocse_observations.csv", 276): ["approximate"],  # "roughly two percent"
    ("ocse_observations.csv", 157): ["lower_bound"],  # "More than 12 million"
}
VALUE_QUALIFIERS = {"approximate", "lower_bound", "upper_bound"}
# a phrase about the year or period, which says nothing about the value
PERIOD_PHRASE = re.compile(
    r"(?i)(?:data\s+)?(?:year|period)\s*(?:=\s*)?approx\w*\.?(?:\s+survey(?:\s+reference)?\s+period)?"
    r"|approx\w*\.?\s+(?:survey\s+)?(?:reference\s+)?(?:period|year)"
    r"|year\s+approx\w*"
)
# NCMEC world totals re-pointed to the page that prints them (issue 16 audit, 3.2)
OJJDP_2023 = "github:apparebit/diaphanous/data/ncmec/ncmec-ojjdp-2023.pdf"
ROW_FIXES = {
    ("ocse_observations.csv", 406): {
        "notes": '"Total Reports 16,987,361" printed in 2019 by-country PDF p5; 16,836,694 is the '
        "ESP-only subtotal printed as 'Totals:' on p5 of NCMEC's 2019 Reports by ESP PDF; "
        "16,987,361 - 16,836,694 = 150,667 public reports",
        "flags": [],
    },
    ("ocse_observations.csv", 410): {
        "source_url": OJJDP_2023,
        "notes": "OJJDP CY2023 report Appendix A p20; also p4, p7 and the 2023 by-country PDF p8",
        "flags": [],
    },
    **{
        ("ocse_observations.csv", line): {
            "source_url": OJJDP_2023,
            "notes": "OJJDP CY2023 report Appendix A p20 (CY2022 report p19)",
            "flags": [],
        }
        for line in range(411, 416)
    },
    ("ncmec_observations.csv", 1878): {
        "notes": 'SECONDARY; reports sent by electronic service providers ("99.1%"); equals the '
        "'Totals:' line (16,836,694) printed on p5 of NCMEC's 2019 Reports by ESP PDF, the "
        "ESP-only subtotal of the 16,987,361 reports (johncarr.blog wrongly presents it as the "
        "overall 2019 total)",
    },
}
# category spellings of one breakdown across years (the printed label stays in the note)
CATEGORY_ALIASES = {
    "Unknown": "Unknown location",
    "Unknown Location": "Unknown location",
    "unknown": "Unknown location",
    "international": "International",
    "internet crimes against children units": "Internet Crimes Against Children (ICACs) Units",
    "local law enforcement": "Local Law Enforcement",
    "federal law enforcement": "Federal Law Enforcement",
    "international law enforcement": "International Law Enforcement",
}
NCMEC_ORIGINAL_URL = re.compile(r"original URL per repo provenance: (https?://\S+?)(?:;|$)")

# Licence or terms by publisher family (source id prefix). Figures are quoted with attribution.
TERMS = {
    "ncmec": "© National Center for Missing & Exploited Children; figures quoted with attribution",
    "grimm": (
        "Transcription in the public repository apparebit/diaphanous (Robert Grimm); "
        "NCMEC's terms apply to the figures"
    ),
    "iwf": "© Internet Watch Foundation; figures quoted with attribution",
    "inhope": "© INHOPE; figures quoted with attribution",
    "interpol": "© INTERPOL; figures quoted with attribution",
    "dh": "© ECPAT International, INTERPOL and UNICEF Innocenti (Disrupting Harm); quoted",
    "nature": "© Springer Nature; table figures quoted with attribution",
    "gsi": "© Walk Free (Global Slavery Index); figures quoted with attribution",
    "unodc": "© United Nations Office on Drugs and Crime; figures quoted with attribution",
}
DEFAULT_TERMS = "Figures quoted from a public page with attribution; the publisher's terms apply"

FAMILY_CAVEATS = {
    "ncmec": [
        "CyberTipline counts are reports, not victims and not prevalence.",
        "Country = where the reported upload geolocated; proxies and VPNs distort it.",
        "From 2024 NCMEC bundles duplicate reports: 2024 is not comparable with 2023.",
    ],
    "grimm": [
        "Third-party transcription of NCMEC's 2024 tables, not verified against the original.",
        "2024 counts follow bundling of duplicate reports: not comparable with 2023.",
    ],
    "iwf": [
        "IWF counts URLs actioned by one UK hotline, with proactive searching since 2014.",
        "Hosting location is server location, not where abuse or viewing happened.",
    ],
    "inhope": [
        "INHOPE changed its unit of count in 2020 (reports -> content URLs); later reports "
        "restate earlier years.",
    ],
    "interpol": [
        "ICSE counts are cumulative since the database launched; milestone statements are "
        "often lower bounds.",
    ],
    "dh": [
        "Household survey of about 1,000 internet-using children aged 12-17 per country; "
        "disclosure is low, so values are likely under-estimates. Scaled counts are rounded "
        "extrapolations.",
    ],
    "nature": [
        "Re-analysis of the Disrupting Harm survey with a broader definition: not comparable "
        "with the Disrupting Harm national headline figures.",
    ],
    "gsi": [
        "National figures are model-based estimates, not counts; editions are not comparable.",
    ],
    "unodc": ["Detected victims reflect detection and reporting capacity, not prevalence."],
    "childlight": [
        "Meta-analytic pooling of heterogeneous surveys; global counts are model extrapolations.",
    ],
    "weprotect": ["The Global Threat Assessment re-quotes other organisations' data."],
    "accce": ["Australian financial years run July-June; reports received are not victims."],
    "afp": ["Australian financial years run July-June; reports received are not victims."],
    "bka": ["Police-recorded cases (PKS) reflect reporting and police activity, not prevalence."],
    "c3p": ["Project Arachnid counts media and removal notices worldwide, cumulatively."],
    "europol": ["Counts of NCMEC reports passed on to EU states: reporting volume, not cases."],
    "vgt": ["National report counts quoted by the Virtual Global Taskforce; definitions vary."],
    "ph": ["Official statements reported by the press; counting rules and cut-off dates vary."],
    "pnp": ["Official statements reported by the press; outlets give slightly different figures."],
    "ticac": ["Task-force case counts reflect police capacity and priorities, not prevalence."],
    "gh": ["Official statements reported by the press; counting rules are not published."],
    "ijm": ["Rounded figures from communications about the study, not its point estimates."],
    "thorn": ["An average over one year of NCMEC reports analysed by Thorn."],
}

# caveats of one publication, before its family's
SOURCE_CAVEATS = {
    "gsi2014": [
        "Global Slavery Index 2014 edition: a model estimate; editions are not comparable."
    ],
    "gsi2016": [
        "Global Slavery Index 2016 edition: a model estimate; editions are not comparable."
    ],
    "gsi2018": [
        "Global Slavery Index 2018 edition: a model estimate; editions are not comparable."
    ],
    "gsi2023": [
        "Global Slavery Index 2023 edition: a model estimate; editions are not comparable."
    ],
    "ja-mirror-2019": [
        "A machine-translated copy of an NCMEC page on an unrelated site, not NCMEC's own page."
    ],
}

REGIONS = [
    ("WLD", "World", "world", ["World", "Global"]),
    (
        "NO_COUNTRY",
        "No country listed",
        "unknown",
        ["No Country Listed", "Null", "null", "Unknown", "unknown", "Unknown Location"],
    ),
    ("AFRICA", "Africa", "region", ["Africa"]),
    ("AMERICAS", "Americas", "region", ["Americas"]),
    ("ASIA", "Asia", "region", ["Asia"]),
    ("ASIA_PACIFIC", "Asia and the Pacific", "region", ["Asia and the Pacific"]),
    ("ARAB_STATES", "Arab States", "region", ["Arab States"]),
    ("EUROPE", "Europe", "region", ["Europe"]),
    ("EUROPE_INCL_RUSSIA", "Europe (including Russia)", "region", ["Europe (including Russia)"]),
    ("EUROPE_CENTRAL_ASIA", "Europe and Central Asia", "region", ["Europe and Central Asia"]),
    ("WESTERN_EUROPE", "Western Europe", "region", ["Western Europe"]),
    (
        "EU",
        "European Union",
        "region",
        ["European Union", "European Union member states", "European Union (18 countries)"],
    ),
    ("EUROPE_19", "European countries (19)", "region", ["European countries (19)"]),
    (
        "INHOPE_EU_HOTLINES",
        "Europe (INHOPE EU co-funded hotlines)",
        "region",
        ["Europe (INHOPE EU co-funded hotlines)"],
    ),
    ("MENA", "Middle East & North Africa", "region", ["Middle East & North Africa"]),
    ("NORTH_AMERICA", "North America", "region", ["North America"]),
    ("ANT", "Netherlands Antilles (dissolved 2010)", "former_country", ["Netherlands Antilles"]),
    ("CHI", "Channel Islands", "territory_group", ["Channel Islands"]),
    (
        "SOUTH_ASIA_IN_NP_LK",
        "South Asia (India, Nepal, Sri Lanka)",
        "region",
        ["South Asia (India, Nepal, Sri Lanka)"],
    ),
]

CONTEXT_SERIES = {
    "population_total": ("worldbank-wdi-population", "World Bank, World Development Indicators"),
    "population_0_14": ("gapminder-population-0-14", "Gapminder (based on UN WPP)"),
    "internet_users_pct": ("worldbank-wdi-ict", "World Bank WDI (ITU) via Gapminder"),
    "mobile_cellular_per_100": ("worldbank-wdi-ict", "World Bank WDI (ITU) via Gapminder"),
    "fixed_broadband_per_100": ("worldbank-wdi-ict", "World Bank WDI (ITU) via Gapminder"),
    "gdp_per_capita_ppp": ("worldbank-wdi-gdp", "World Bank WDI via Gapminder"),
    "gdp_per_capita_const_usd": ("worldbank-wdi-gdp", "World Bank WDI via Gapminder"),
}
CONTEXT_SOURCES = {
    "worldbank-wdi-population": {
        "publisher": "World Bank",
        "title": "World Development Indicators: Population, total (SP.POP.TOTL)",
        "url": "https://data.worldbank.org/indicator/SP.POP.TOTL",
        "notes": "Read from github.com/datasets/population at commit 425fc447 (2026-03).",
    },
    "gapminder-population-0-14": {
        "publisher": "Gapminder",
        "title": "Population aged 0-14, total number (gapm.io/dpop v1, based on UN WPP)",
        "url": "https://www.gapminder.org/data/documentation/gd008/",
        "notes": "Read from github.com/open-numbers/ddf--gapminder--fasttrack at commit 10e24e0e.",
    },
    "worldbank-wdi-ict": {
        "publisher": "World Bank (data from ITU)",
        "title": "World Development Indicators: internet users, mobile and fixed broadband "
        "subscriptions (IT.NET.USER.ZS, IT.CEL.SETS.P2, IT.NET.BBND.P2)",
        "url": "https://data.worldbank.org/indicator/IT.NET.USER.ZS",
        "notes": "Read from Gapminder systema_globalis at commit c63631ab.",
    },
    "worldbank-wdi-gdp": {
        "publisher": "World Bank",
        "title": "World Development Indicators: GDP per capita, PPP (NY.GDP.PCAP.PP.KD) and "
        "constant 2015 US$ (NY.GDP.PCAP.KD)",
        "url": "https://data.worldbank.org/indicator/NY.GDP.PCAP.PP.KD",
        "notes": "Read from Gapminder systema_globalis at commit c63631ab. PPP values match the "
        "constant 2021 international $ series although Gapminder labels them 2015.",
    },
}


PUBLISHERS = load_publishers(Path(__file__).resolve().parents[1] / "data" / "publishers.yaml")
# caveats and terms of the figures' publisher, not of the page that quoted them
FAMILY_OF = {"grimm": "grimm"}


def family(source_id: str) -> str:
    source_id = source_id.lower().removesuffix("_secondary")
    for prefix, fam in FAMILY_OF.items():
        if source_id.startswith(prefix):
            return fam
    found = PUBLISHERS.family_of(source_id)
    return found.family if found else re.split(r"[-_]", source_id)[0]


def slug(source_id: str) -> str:
    return source_id.lower()


def canonical(indicator: str, unit: str) -> tuple[str, str, list[str]]:
    flags: list[str] = []
    renamed = NCMEC_RENAMES.get(indicator)
    for suffix, flag in SUFFIX_FLAGS.items():  # the raw id's suffix first, then the rename
        if indicator.endswith(suffix):
            indicator, flags = indicator[: -len(suffix)], [*flags, flag]
    indicator = renamed or NCMEC_RENAMES.get(indicator, indicator)
    if unit == "count_approx":
        unit, flags = "count", [*flags, "approximate"]
    unit = UNIT_RENAMES.get((indicator, unit), unit)
    if indicator.startswith("cybertipline_reports") and unit == "count":
        unit = "reports"
    return indicator, unit, flags


def note_flags(row: dict[str, str]) -> list[str]:
    text = PERIOD_PHRASE.sub("", f"{row['publication']} {row['notes']}")
    lower = text.lower()
    flags = []
    if "rounded" in lower or "approximate" in lower:
        flags.append("approximate")
    if "lower bound" in lower:
        flags.append("lower_bound")
    if "doubtful" in lower:
        flags.append("doubtful")
    if row["year"] == "2024" and (row["country_as_published"], row["indicator"]) in DOUBTFUL_2024:
        flags.append("doubtful")
    if row["indicator"].endswith("_h1"):
        flags.append("half_year")
    return flags


def value_qualifier_flags(row: dict[str, str], flags: set[str]) -> list[str]:
    """The flags that quoted words such as "at least 4%" or "around 2 per cent" ask for."""
    try:
        value = float(row["value"])
    except ValueError:
        return []
    missing = missing_qualifier_flags(row["notes"], value, flags)
    return ["approximate" if m.startswith('"') else m for m in missing]


def reliability(rows: list[dict[str, str]]) -> str:
    """primary if every row was read on the publisher's own page, else the rows' majority class
    (a transcription on a tie)."""
    classes = Counter(r["_class"] for r in rows)
    if set(classes) == {OWN}:
        return "primary"
    if classes[TRANSCRIPTION] >= classes[SECONDARY]:
        return RELIABILITY[TRANSCRIPTION]
    return RELIABILITY[SECONDARY]


def split_by_class(source_id: str, rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """A folder whose rows were read on the publisher's own page and on others' pages becomes two:
    `<id>` keeps the own rows, `<id>_secondary` takes the rest."""
    own = [r for r in rows if r["_class"] == OWN]
    other = [r for r in rows if r["_class"] != OWN]
    if own and other:
        return {source_id: own, f"{source_id}_secondary": other}
    return {source_id: rows}


def main_url(source_id: str, rows: list[dict[str, str]]) -> str:
    if source_id == "ncmec-bycountry-2023":  # no original URL is recorded; the PDF footer's page
        return "https://www.missingkids.org/cybertiplinedata"
    for r in rows:
        found = NCMEC_ORIGINAL_URL.search(r["notes"])
        if found:
            return found.group(1)
    urls = Counter(r["source_url"] for r in rows)
    web = [u for u, _ in urls.most_common() if u.startswith("http")]
    return web[0] if web else urls.most_common(1)[0][0]


def convert_observations(shared: Path) -> dict[str, list[dict[str, str]]]:
    by_source: dict[str, list[dict[str, str]]] = defaultdict(list)
    for name in ["ncmec_observations.csv", "ocse_observations.csv"]:
        with open(shared / "published" / name, encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                fix = ROW_FIXES.get((name, line), {})
                row = {**row, **{k: v for k, v in fix.items() if k != "flags"}}
                indicator, unit, flags = canonical(row["indicator"], row["unit"])
                flags += note_flags(row)
                if (name, line) in VALUE_FLAGS:
                    flags = [f for f in flags if f not in VALUE_QUALIFIERS]
                    flags += VALUE_FLAGS[(name, line)]
                else:  # a quoted qualifier right before the value: its flag
                    flags += value_qualifier_flags(row, set(flags))
                source_id = slug(row["source_id"])
                kind = PUBLISHERS.row_class(source_id, row["source_url"], indicator)
                if "flags" in fix:
                    flags = [f for f in flags if f in fix["flags"]]
                if kind in CLASS_FLAG:
                    flags.append(CLASS_FLAG[kind])
                country, category = row["country_as_published"], ""
                note = row["notes"]
                if CATEGORY_INDICATORS.match(indicator):
                    country, category = "World", row["country_as_published"]
                    if category in CATEGORY_ALIASES:
                        category = CATEGORY_ALIASES[category]
                        note = f'{note}; printed "{row["country_as_published"]}"'
                by_source[source_id].append(
                    {
                        "country_as_published": country,
                        "category": category,
                        "year": row["year"],
                        "indicator": indicator,
                        "value": row["value"],
                        "unit": unit,
                        "flags": ";".join(dict.fromkeys(flags)),
                        "source_url": row["source_url"],
                        "notes": note,
                        "_class": kind,
                        "_publisher": row["publisher"],
                        "_publication": row["publication"],
                        "_file": name,
                    }
                )
    return by_source


def write_source(
    folder: Path, source_id: str, rows: list[dict[str, str]], checks: list | None = None
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    columns = [
        "country_as_published",
        "category",
        "year",
        "indicator",
        "value",
        "unit",
        "flags",
        "source_url",
        "notes",
    ]
    with open(folder / "table.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    fam = family(source_id)
    from_ncmec_file = rows[0]["_file"] == "ncmec_observations.csv"
    kind = reliability(rows)
    where = (
        "each row keeps the page it was read on in source_url."
        if kind == "primary"
        else "each row keeps the page it was read on in source_url; none of these pages is the "
        "publisher's own (data/publishers.yaml), so the folder is not primary."
    )
    titles = Counter(r["_publication"] for r in rows).most_common()
    meta = {
        "id": source_id,
        "publisher": rows[0]["_publisher"],
        "title": titles[0][0],
        "url": main_url(source_id, rows),
        "licence": TERMS.get(fam, DEFAULT_TERMS),
        "reliability": kind,
        "priority": PUBLISHERS.priority(source_id, kind),
        "caveats": SOURCE_CAVEATS.get(source_id.removesuffix("_secondary"), [])
        + FAMILY_CAVEATS.get(fam, []),
        "notes": (
            f"Transcribed from the publication into {'ncmec' if from_ncmec_file else 'ocse'}"
            f"_observations.csv (see ../shared/data/published); {where}"
            + (f" Also titled: {'; '.join(t for t, _ in titles[1:])}." if len(titles) > 1 else "")
        ),
        "tables": [
            {
                "file": "table.csv",
                "layout": "long",
                "columns": {
                    "entity_as_published": "country_as_published",
                    "period": "year",
                    "note": "notes",
                },
            }
        ],
    }
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    if checks:
        tables_at = text.index("tables:\n")
        text = (
            text[:tables_at]
            + "# The PDF's rows add up to the Total it prints under the table; a misread row fails"
            " the build.\n"
            + yaml.safe_dump({"checks": checks}, sort_keys=False, width=100)
            + text[tables_at:]
        )
    (folder / "source.yaml").write_text(text, encoding="utf-8")


def write_context(shared: Path, data: Path) -> None:
    context = data / "context"
    context.mkdir(parents=True, exist_ok=True)
    for name in ["PROVENANCE.md", "country_meta.csv"]:
        shutil.copyfile(shared / "context" / name, context / name)
    tables: dict[str, list[str]] = defaultdict(list)
    for series, (source_id, _) in CONTEXT_SERIES.items():
        shutil.copyfile(shared / "context" / f"{series}.csv", context / f"{series}.csv")
        tables[source_id].append(series)
    sources = []
    for source_id, series_list in tables.items():
        sources.append(
            {
                "id": source_id,
                **CONTEXT_SOURCES[source_id],
                "licence": "CC BY 4.0; credit the World Bank / ITU / UN WPP / Gapminder as "
                "PROVENANCE.md says",
                "reliability": "primary",
                "priority": 20,
                "caveats": ["Context series: denominators and external factors, not OCSE data."],
                "tables": [
                    {
                        "file": f"{series}.csv",
                        "layout": "long",
                        "columns": {
                            "entity": "iso3",
                            "entity_as_published": "country",
                            "period": "year",
                            "source_url": "source",
                        },
                        "defaults": {"flags": "", "category": "", "note": ""},
                    }
                    for series in series_list
                ],
            }
        )
    (context / "sources.yaml").write_text(
        yaml.safe_dump(sources, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )


def kept_checks(folder: Path) -> list[dict[str, object]]:
    """A publication's printed checks, kept when its folder is written again."""
    path = folder / "source.yaml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")).get("checks", [])


def main(shared: Path, data: Path) -> None:
    sources = data / "sources"
    checks = {}
    for folder in sources.glob("*"):
        if folder.is_dir() and not folder.name.startswith("ncmec-byesp-"):
            checks[folder.name] = kept_checks(folder)
            shutil.rmtree(folder)
    by_source = convert_observations(shared)
    folders = {
        folder_id: rows
        for source_id, all_rows in by_source.items()
        for folder_id, rows in split_by_class(source_id, all_rows).items()
    }
    for source_id, rows in sorted(folders.items()):
        write_source(sources / source_id, source_id, rows, checks.get(source_id, []))
    by_source = folders
    regions = [
        {"code": code, "name": name, "kind": kind, "aliases": aliases}
        for code, name, kind, aliases in REGIONS
    ]
    (data / "regions.yaml").write_text(
        "# Entities that are not ISO 3166 countries, as publications print them.\n"
        + yaml.safe_dump(regions, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    write_context(shared, data)
    print(f"{len(by_source)} sources, {sum(map(len, by_source.values()))} rows")


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    shared_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "data"
    data_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "data"
    main(shared_dir, data_dir)
