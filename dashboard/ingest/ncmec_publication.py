"""What NCMEC's yearly CyberTipline PDFs are, as publications: publisher, addresses, licence,
the indicator each table holds, and the caveats NCMEC itself attaches to them. Used when such a
PDF is read without a source.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from dashboard.models import Reliability, Source

if TYPE_CHECKING:  # the parser imports this module
    from dashboard.ingest.ncmec_pdf import NcmecTable

Kind = Literal["country", "esp"]

PUBLISHER = "National Center for Missing & Exploited Children (NCMEC)"
LICENCE = "© NCMEC, all rights reserved; figures quoted for analysis with attribution"
FOOTER_URL = "https://www.missingkids.org/cybertiplinedata"  # "NCMEC.org/CyberTiplineData"
_PDFS = "https://www.missingkids.org/content/dam/missingkids/pdfs/"
# Original addresses as given in ../shared/data/published/ncmec_SOURCES.md; others use the footer.
ORIGINAL_URLS: dict[tuple[Kind, int], str] = {
    ("country", 2019): _PDFS + "2019-cybertipline-reports-by-country.pdf",
    ("country", 2020): _PDFS + "2020-reports-by-country.pdf",
    ("country", 2021): _PDFS + "2021-reports-by-country.pdf",
    ("country", 2022): _PDFS + "2022-reports-by-country.pdf",
}
INDICATORS: dict[Kind, str] = {
    "country": "cybertipline_reports",
    "esp": "cybertipline_reports_by_esp",
}
SOURCE_IDS: dict[Kind, str] = {"country": "ncmec-bycountry-{year}", "esp": "ncmec-byesp-{year}"}
CAVEATS: dict[Kind, list[str]] = {
    "country": [
        "These are counts of CyberTipline reports, not of victims, and NCMEC says they do not show"
        " how much child sexual abuse there is in a country.",
        "The country is where the reported upload geolocates; proxies, VPNs and anonymizers move"
        " reports to the wrong country or to none.",
        "Each country judges the reported content under its own laws.",
        "Most reports come from U.S. platforms, which must report under 18 U.S.C. 2258A and have"
        " users worldwide; this makes the CyberTipline a global clearinghouse.",
        "The row with no country ('No Country Listed', 'Null' or 'null') holds reports without an"
        " IP address or with proxy IPs; they go to U.S. federal law enforcement.",
    ],
    "esp": [
        "A platform's count reflects its size and how hard it looks for abuse material, not how"
        " much abuse happens on it.",
        "U.S. platforms must report apparent child sexual abuse material they become aware of, but"
        " the law requires no proactive detection and no minimum content, so volumes vary greatly.",
        "These are counts of reports, not of victims and not a measure of prevalence.",
    ],
}


def publication(
    kind: Kind, year: int, title: str, copyright_year: int | None, checked_total: int | None
) -> Source:
    """The source of one table; `checked_total` is its printed Total when the rows add up."""
    what = "Country" if kind == "country" else "Electronic Service Providers (ESP)"
    notes = "Read from NCMEC's PDF by dashboard.ingest.ncmec_pdf"
    if checked_total is not None:
        notes += f"; the rows add up to the printed Total {checked_total:,}"
    return Source(
        id=SOURCE_IDS[kind].format(year=year),
        publisher=PUBLISHER,
        title=title or f"{year} CyberTipline Reports by {what}",
        year_published=copyright_year,
        url=ORIGINAL_URLS.get((kind, year), FOOTER_URL),
        licence=LICENCE,
        reliability=Reliability.PRIMARY,
        priority=10,
        caveats=CAVEATS[kind],
        notes=notes + ".",
    )


def source_for(table: NcmecTable) -> Source:
    """The publication a parsed table comes from (its kind and year must be known)."""
    assert table.kind is not None and table.year is not None
    adds_up = table.printed_total is not None and table.rows_sum == table.printed_total
    return publication(
        table.kind,
        table.year,
        table.title,
        table.copyright_year,
        table.printed_total if adds_up else None,
    )
