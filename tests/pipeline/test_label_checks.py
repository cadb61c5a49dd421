"""The build refuses a mislabel (issue 16): each check is shown catching a mistake planted in a
small copy of data/, and the real data/ passes every one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from dashboard.ingest.problems import errors
from dashboard.ingest.publishers import load_publishers, quoted_qualifiers
from dashboard.pipeline.build import check_data
from tests.conftest import DATA
from tests.pipeline.test_changes import small_data

KEPT = ["dh_indonesia", "dh_malaysia", "dh_malaysia_secondary", "vgt_2017_secondary", "iwf_ar2023"]


def small(folder: Path) -> Path:
    return small_data(folder, KEPT)


def edit_meta(data: Path, source_id: str, **changes: object) -> None:
    path = data / "sources" / source_id / "source.yaml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**meta, **changes}, sort_keys=False), encoding="utf-8")


def edit_table(data: Path, source_id: str, old: str, new: str) -> None:
    path = data / "sources" / source_id / "table.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(data: Path) -> list[str]:
    return [f"{p.file}:{p.row} {p.message}" for p in errors(check_data(data).problems)]


@pytest.fixture
def data(tmp_path):
    data = small(tmp_path)
    assert messages(data) == []
    return data


def test_a_news_page_cannot_be_primary(data):
    # dh_indonesia was read on respect.international, not on ECPAT's, UNICEF's or INTERPOL's site
    edit_meta(data, "dh_indonesia", reliability="primary", priority=20)
    found = messages(data)
    assert any(
        m.startswith("sources/dh_indonesia/table.csv:2 ")
        and "respect.international" in m
        and "not the publisher's own page" in m
        and "cannot be primary" in m
        for m in found
    ), found


def test_a_row_read_elsewhere_carries_its_secondary_flag(data):
    edit_table(data, "dh_indonesia", "lower_bound;secondary_source", "lower_bound")
    found = messages(data)
    assert any(
        m.startswith("sources/dh_indonesia/table.csv:2 ") and "needs the flag secondary_source" in m
        for m in found
    ), found


def test_an_ncmec_figure_quoted_by_another_publisher_is_secondary(data):
    # VGT quoting NCMEC's 2016 total on VGT's own site is still a secondary source for it
    edit_meta(data, "vgt_2017_secondary", reliability="primary", priority=20)
    found = messages(data)
    assert any("vgt_2017_secondary" in m and "cannot be primary" in m for m in found), found


def test_an_unknown_publisher_is_judged_by_its_own_url(data):
    folder = data / "sources" / "example-ministry-2024"
    folder.mkdir()
    (folder / "table.csv").write_text(
        "country,year,value,page\nGhana,2024,1234,https://news.example.com/story\n"
    )
    meta = {
        "id": "example-ministry-2024",
        "publisher": "Example Ministry",
        "title": "Example reports 2024",
        "url": "https://example.gov/reports-2024",
        "licence": "CC BY 4.0",
        "reliability": "primary",
        "priority": 20,
        "tables": [
            {
                "file": "table.csv",
                "layout": "long",
                "columns": {
                    "entity_as_published": "country",
                    "period": "year",
                    "source_url": "page",
                },
                "defaults": {"indicator": "cybertipline_reports", "unit": "reports"},
            }
        ],
    }
    (folder / "source.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    found = messages(data)
    assert any(
        m.startswith("sources/example-ministry-2024/table.csv:2 ") and "cannot be primary" in m
        for m in found
    ), found


@pytest.mark.parametrize(
    ("source_id", "old", "new", "flag"),
    [
        # "at least 4%" without lower_bound
        ("dh_malaysia", ",4,percent,lower_bound,", ",4,percent,,", "lower_bound"),
        # "as many as 100,000 children" without upper_bound
        ("dh_malaysia", ",100000,count,upper_bound,", ",100000,count,,", "upper_bound"),
        # "around 2 per cent" without approximate
        (
            "dh_malaysia_secondary",
            ",2,percent,approximate;secondary_source,",
            ",2,percent,secondary_source,",
            "approximate",
        ),
        # "more than 8.2 million reports" without lower_bound
        (
            "vgt_2017_secondary",
            ",8200000,reports,lower_bound;secondary_source,",
            ",8200000,reports,secondary_source,",
            "lower_bound",
        ),
    ],
)
def test_a_quoted_qualifier_needs_its_flag(data, source_id, old, new, flag):
    edit_table(data, source_id, old, new)
    found = messages(data)
    assert any(
        m.startswith(f"sources/{source_id}/table.csv:")
        and "quotes a qualifier" in m
        and m.endswith(flag)
        for m in found
    ), found


def test_qualifiers_attach_to_the_value_only():
    assert quoted_qualifiers('"more than 8.2 million reports in 2016"', 8_200_000) == {
        "lower_bound"
    }
    assert quoted_qualifiers('"at least 1,044,420" reports', 1_044_420) == {"lower_bound"}
    assert quoted_qualifiers("nearly half a million", 500_000) == {"nearly"}
    # a qualifier about something else, or about the year, asks for nothing
    assert quoted_qualifiers("reports may go to more than one agency", 1) == frozenset()
    assert quoted_qualifiers("children under 13; 45% said so", 45) == frozenset()
    assert quoted_qualifiers("year = approximate survey reference period", 16) == frozenset()


def test_a_secondary_page_cannot_rank_with_the_publishers_own_tables(data):
    edit_meta(data, "dh_indonesia", priority=10)
    found = messages(data)
    assert any(
        m.startswith("sources/dh_indonesia/source.yaml:None ") and "secondary at priority 10" in m
        for m in found
    ), found


def test_a_transcription_is_never_preferred_over_the_publishers_own_figure(data):
    # the publisher's own table of the same figure, ranked (wrongly) after the secondary page
    own = data / "sources" / "dh_indonesia_own"
    shutil.copytree(data / "sources" / "dh_indonesia", own)
    edit_table(
        data,
        "dh_indonesia_own",
        "lower_bound;secondary_source,https://respect.international/",
        "lower_bound,https://www.unicef.org/",
    )
    edit_meta(
        data,
        "dh_indonesia_own",
        id="dh_indonesia_own",
        reliability="primary",
        priority=40,
        url="https://www.unicef.org/disrupting-harm",
    )
    found = messages(data)
    assert any(
        m.startswith("sources/dh_indonesia/table.csv:2 ")
        and "is preferred over the publisher's own figure from dh_indonesia_own" in m
        for m in found
    ), found


def test_every_folder_is_labelled_by_where_its_rows_were_read():
    """The real data/: no primary source has a row read off its publisher's pages, and the
    relabelled folders of issue 16 are what the audit found."""
    publishers = load_publishers(DATA / "publishers.yaml")
    for source_yaml in sorted((DATA / "sources").glob("*/source.yaml")):
        meta = yaml.safe_load(source_yaml.read_text(encoding="utf-8"))
        assert meta["priority"] == publishers.priority(meta["id"], meta["reliability"]) or (
            meta["id"].startswith("ncmec-byesp-")
        ), meta["id"]
    labels = {
        p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (DATA / "sources").glob("*/source.yaml")
    }
    for source_id in ["gsi2014", "gsi2016", "iwf_ar2016", "unodc_glotip2024", "ticac_2020"]:
        assert (labels[source_id]["reliability"], labels[source_id]["priority"]) == (
            "secondary",
            30,
        )
    assert labels["ja-mirror-2019"]["reliability"] == "third_party_transcription"
    for source_id in ["factually-2026", "geekroom-2024", "medianama-2020", "grimm-bycountry-2024"]:
        assert labels[source_id]["priority"] == 30
    assert labels["ncmec_ctl_totals"]["priority"] == 10
    assert any("editions are not comparable" in c for c in labels["gsi2023"]["caveats"])
