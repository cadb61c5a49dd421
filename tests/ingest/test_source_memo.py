"""Sources read before are not read again, and a changed one always is (ingest/source_memo.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest import source_memo
from dashboard.pipeline.build import check_data

DATA = Path(__file__).resolve().parents[2] / "data"
SOURCE = "ncmec-bycountry-2023"  # a CSV table: Philippines 2023 is 2,740,905 reports


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def philippines(result) -> float:
    obs = result.tables["observations"]
    row = obs[(obs["source_id"] == SOURCE) & (obs["entity"] == "PHL") & (obs["category"] == "")]
    return float(row["value"].iloc[0])


def counting_reads(monkeypatch) -> list[str]:
    """The folders actually read (not remembered), in order."""
    read: list[str] = []
    original = source_memo.remembered

    def spy(folder, meta, reference, reader, memo):
        def reading():
            read.append(folder.name)
            return reader()

        return original(folder, meta, reference, reading, memo)

    monkeypatch.setattr("dashboard.ingest.catalogue.remembered", spy)
    return read


def edit_philippines(data: Path, new: str) -> None:
    table = next((data / "sources" / SOURCE).glob("*.csv"))
    text = table.read_text(encoding="utf-8")
    assert "2740905" in text
    table.write_text(text.replace("2740905", new), encoding="utf-8")


def test_a_second_build_reads_nothing_again_and_gives_the_same_tables(data, tmp_path, monkeypatch):
    read = counting_reads(monkeypatch)
    first = check_data(data, tmp_path / "memo")
    assert philippines(first) == 2_740_905
    assert len(read) == len(first.tables["sources"])  # every source read once
    read.clear()
    source_memo.forget()  # another process: only the folder on disk remembers
    copy = tmp_path / "copy" / "data"  # a change is built in a copy of data/
    shutil.copytree(data, copy)
    second = check_data(copy, tmp_path / "memo")
    assert read == []
    pd.testing.assert_frame_equal(first.tables["observations"], second.tables["observations"])
    assert sorted(map(str, first.problems)) == sorted(map(str, second.problems))


def test_a_changed_table_is_read_again_and_only_it(data, tmp_path, monkeypatch):
    read = counting_reads(monkeypatch)
    check_data(data, tmp_path / "memo")
    read.clear()
    edit_philippines(data, "2740906")
    result = check_data(data, tmp_path / "memo")
    assert read == [SOURCE]
    assert philippines(result) == 2_740_906


def test_a_changed_reference_file_reads_everything_again(data, tmp_path, monkeypatch):
    read = counting_reads(monkeypatch)
    first = check_data(data, tmp_path / "memo")
    read.clear()
    with (data / "country_aliases.yaml").open("a", encoding="utf-8") as aliases:
        aliases.write("\n# an added comment changes the digest\n")
    check_data(data, tmp_path / "memo")
    assert len(read) == len(first.tables["sources"])


def test_a_cut_off_memo_file_is_read_again_not_trusted(data, tmp_path, monkeypatch):
    read = counting_reads(monkeypatch)
    check_data(data, tmp_path / "memo")
    for table in (tmp_path / "memo").glob("*.parquet"):
        table.write_bytes(table.read_bytes()[:100])
    source_memo.forget()
    read.clear()
    result = check_data(data, tmp_path / "memo")
    assert len(read) == len(result.tables["sources"])
    assert philippines(result) == 2_740_905


def test_a_refused_read_is_not_remembered(data, tmp_path, monkeypatch):
    read = counting_reads(monkeypatch)
    edit_philippines(data, "lots")
    assert not check_data(data, tmp_path / "memo").ok
    read.clear()
    assert not check_data(data, tmp_path / "memo").ok
    assert read == [SOURCE]


def test_new_reading_code_reads_everything_again(data, tmp_path, monkeypatch):
    read = counting_reads(monkeypatch)
    first = check_data(data, tmp_path / "memo")
    read.clear()
    source_memo.forget()
    monkeypatch.setattr(source_memo, "_code_digest", lambda: "a later release")
    check_data(data, tmp_path / "memo")
    assert len(read) == len(first.tables["sources"])


def test_data_named_by_a_relative_path_builds_the_same_notices(data, tmp_path, monkeypatch):
    absolute = check_data(data).tables["notices"]
    monkeypatch.chdir(tmp_path)
    relative = check_data(Path("data")).tables["notices"]
    assert relative["file"].str.startswith("sources/").all()
    pd.testing.assert_frame_equal(absolute, relative)
