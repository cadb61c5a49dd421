"""WDI and OWID downloads, written here as they come from the World Bank and Our World in Data."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.ingest.formats import read_owid_csv, read_wdi_csv, sniff_layout
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Reason

# DataBank "Download options > CSV": every cell quoted, ".." for no data, a footer after blanks.
WDI_DOWNLOAD = """\
"Country Name","Country Code","Series Name","Series Code","2022 [YR2022]","2023 [YR2023]"
"Philippines","PHL","Population, total","SP.POP.TOTL","113964338","115559009"
"Namibia","NAM","Population, total","SP.POP.TOTL","2567012",".."
"Upper middle income","UMC","Population, total","SP.POP.TOTL","2803218034","2805426108"
,,,,,
,,,,,
"Data from database: World Development Indicators",,,,,
"Last Updated: 12/16/2024",,,,,
"""

# API bulk file API_SP.POP.TOTL_DS2_en_csv_v2_*.csv: BOM, 4 preamble lines, trailing commas.
WDI_API = """\ufeff"Data Source","World Development Indicators",

"Last Updated Date","2025-01-28",

"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022","2023",
"Côte d'Ivoire","CIV","Population, total","SP.POP.TOTL","27478249","28160542","",
"World","WLD","Population, total","SP.POP.TOTL","7888305693","7951150369","8024997028",
"""

OWID = """\
Entity,Code,Year,Share of the population using the Internet
Namibia,NAM,2021,53
Namibia,NAM,2022,
World,OWID_WRL,2021,63.1
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def layout(kind: str, **kwargs: object) -> TableLayout:
    return TableLayout(file="x.csv", layout=kind, **kwargs)  # type: ignore[arg-type]


def test_wdi_download_rows_skip_dotdot_and_footer(tmp_path: Path) -> None:
    table = read_wdi_csv(write(tmp_path, "wdi.csv", WDI_DOWNLOAD), layout("wdi_csv"))

    assert table.problems == []
    frame = table.frame
    assert len(frame) == 5  # 6 cells, Namibia 2023 is ".."
    phl = frame[frame["entity_as_published"] == "Philippines"]
    assert phl[["row", "indicator", "period", "value", "note"]].values.tolist() == [
        [2, "SP.POP.TOTL", "2022", "113964338", "WDI code PHL"],
        [2, "SP.POP.TOTL", "2023", "115559009", "WDI code PHL"],
    ]
    assert frame[frame["entity_as_published"] == "Namibia"]["period"].tolist() == ["2022"]
    # aggregates are not dropped here
    assert "Upper middle income" in set(frame["entity_as_published"])
    assert not frame["entity_as_published"].str.startswith(("Data from", "Last Updated")).any()


def test_wdi_api_csv_with_preamble_and_defaults(tmp_path: Path) -> None:
    wdi = layout("wdi_csv", defaults={"indicator": "population_total", "unit": "persons"})
    table = read_wdi_csv(write(tmp_path, "API_SP.POP.TOTL_DS2_en_csv_v2_1.csv", WDI_API), wdi)

    assert table.problems == []
    civ = table.frame[table.frame["note"] == "WDI code CIV"]
    assert civ[
        ["row", "entity_as_published", "indicator", "period", "value", "unit"]
    ].values.tolist() == [
        [6, "Côte d'Ivoire", "population_total", "2021", "27478249", "persons"],
        [6, "Côte d'Ivoire", "population_total", "2022", "28160542", "persons"],
    ]
    assert table.frame[table.frame["note"] == "WDI code WLD"]["period"].tolist() == [
        "2021",
        "2022",
        "2023",
    ]


def test_wdi_default_indicator_over_several_series_is_refused(tmp_path: Path) -> None:
    text = WDI_DOWNLOAD.replace(
        '"Namibia","NAM","Population, total","SP.POP.TOTL"',
        '"Namibia","NAM","Internet users (%)","IT.NET.USER.ZS"',
    )
    wdi = layout("wdi_csv", defaults={"indicator": "population_total"})
    [problem] = read_wdi_csv(write(tmp_path, "two.csv", text), wdi).problems

    assert problem.reason is Reason.BAD_METADATA
    assert "IT.NET.USER.ZS, SP.POP.TOTL" in problem.message


def test_wdi_missing_series_code_and_not_a_wdi_file(tmp_path: Path) -> None:
    text = '"Country Name","Country Code","2022 [YR2022]"\n"Kenya","KEN","1"\n'
    [problem] = read_wdi_csv(write(tmp_path, "noseries.csv", text), layout("wdi_csv")).problems
    assert (problem.reason, problem.column, problem.row) == (
        Reason.MISSING_COLUMN,
        "Series Code",
        1,
    )

    [problem] = read_wdi_csv(write(tmp_path, "owid.csv", OWID), layout("wdi_csv")).problems
    assert problem.reason is Reason.NOT_A_TABLE


def test_owid_single_column_uses_default_indicator_and_skips_blanks(tmp_path: Path) -> None:
    owid = layout("owid_csv", defaults={"indicator": "internet_users_pct"})
    table = read_owid_csv(write(tmp_path, "share.csv", OWID), owid)

    assert table.problems == []
    assert table.frame[
        ["row", "entity_as_published", "indicator", "period", "value", "note"]
    ].values.tolist() == [
        [2, "Namibia", "internet_users_pct", "2021", "53", "OWID code NAM"],
        [4, "World", "internet_users_pct", "2021", "63.1", "OWID code OWID_WRL"],
    ]


def test_owid_several_columns_become_indicators(tmp_path: Path) -> None:
    text = "Entity,Code,Year,internet_users_pct,Population (historical)\nKenya,KEN,2022,,54027484\n"
    frame = read_owid_csv(write(tmp_path, "two.csv", text), layout("owid_csv")).frame

    assert frame[["indicator", "value"]].values.tolist() == [
        ["Population (historical)", "54027484"]
    ]


def test_owid_several_columns_with_a_default_need_columns_value(tmp_path: Path) -> None:
    text = "Entity,Code,Year,Share,Population (historical)\nKenya,KEN,2022,40.8,54027484\n"
    path = write(tmp_path, "two.csv", text)

    [problem] = read_owid_csv(path, layout("owid_csv", defaults={"indicator": "x"})).problems
    assert problem.reason is Reason.BAD_METADATA

    picked = layout(
        "owid_csv", defaults={"indicator": "internet_users_pct"}, columns={"value": "Share"}
    )
    frame = read_owid_csv(path, picked).frame
    assert frame[["indicator", "value"]].values.tolist() == [["internet_users_pct", "40.8"]]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("wdi.csv", WDI_DOWNLOAD, "wdi_csv"),
        ("API_SP.POP.TOTL_DS2_en_csv_v2_1.csv", WDI_API, "wdi_csv"),
        ("share.csv", OWID, "owid_csv"),
        ("long.csv", "Country,Year,Reports\nKenya,2022,1\n", None),
        ("empty.csv", "", None),
    ],
)
def test_sniff_layout(tmp_path: Path, name: str, text: str, expected: str | None) -> None:
    assert sniff_layout(write(tmp_path, name, text)) == expected


def test_codes_become_entity_only_when_the_layout_asks(tmp_path: Path) -> None:
    path = write(tmp_path, "wdi.csv", WDI_DOWNLOAD)
    assert set(read_wdi_csv(path, layout("wdi_csv")).frame["entity"]) == {""}

    coded = read_wdi_csv(path, layout("wdi_csv", columns={"entity": "Country Code"})).frame
    assert coded["entity"].tolist()[:3] == ["PHL", "PHL", "NAM"]

    owid = layout("owid_csv", columns={"entity": "Code"})
    frame = read_owid_csv(write(tmp_path, "share.csv", OWID), owid).frame
    assert frame["entity"].tolist() == ["NAM", "OWID_WRL"]

    [problem] = read_owid_csv(path, layout("owid_csv", columns={"entity": "ISO"})).problems
    assert problem.reason is Reason.NOT_A_TABLE  # a WDI file has no "Entity" header
