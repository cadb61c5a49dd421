"""Publishing, withdrawing, marking doubtful and rolling back, through the one path: each change
lands whole or not at all, is recorded, and leaves data/ and the served version in step
(`ocse build` from data/ reproduces the hash served)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dashboard.ingest.metadata import SourceMeta
from dashboard.pipeline.build import check_data, memo_folder
from dashboard.pipeline.changes import recover
from dashboard.pipeline.operations import doubt, rebuild, rollback, withdraw
from dashboard.pipeline.publications import About, publish, submission
from dashboard.pipeline.publish import described
from dashboard.store import audit
from dashboard.store.lock import Busy, writer
from dashboard.store.read import load_store
from dashboard.store.tables import content_hash
from dashboard.store.versions import current_hash
from tests.conftest import DATA, REPO, SHARED

KEPT = ["ncmec-bycountry-2023", "iwf_ar2023", "dh_philippines"]
CSV = b"country,year,value\nGhana,2024,1234\nPhilippines,2024,56\n"
ABOUT = About(
    publisher="Example Ministry",
    title="Example reports 2024",
    url="https://example.org/reports-2024",
    year=2025,
    licence="CC BY 4.0",
    reliability="primary",
    indicator="cybertipline_reports",
    unit="reports",
)


def small_data(folder: Path, kept: list[str] = KEPT) -> Path:
    """data/'s reference files, its country table and a few publications: a quick build."""
    data = folder / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("sources", "context"))
    (data / "context").mkdir()
    shutil.copy(DATA / "context" / "country_meta.csv", data / "context")
    (data / "context" / "sources.yaml").write_text("[]\n")
    for source_id in kept:
        shutil.copytree(DATA / "sources" / source_id, data / "sources" / source_id)
    return data


def snapshot(folder: Path) -> str:
    """Every file under `folder`, by path and bytes: to show nothing changed (sources read are
    remembered in the store's memo folder, which serves nothing and changes no figure)."""
    digest = hashlib.sha256()
    memo = memo_folder(folder)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and memo not in p.parents):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def in_step(data: Path, store: Path) -> None:
    """The invariant: a build of data/ gives exactly the version served."""
    assert content_hash(check_data(data).tables) == current_hash(store)


@pytest.fixture
def place(tmp_path):
    data, store = small_data(tmp_path), tmp_path / "store"
    rebuild(data, store, "tester")
    return data, store


def test_a_csv_is_published_recorded_and_in_step(place):
    data, store = place
    before = current_hash(store)
    outcome = publish(data, store, submission(CSV, ABOUT, "figures.csv"), "alice")
    assert outcome.ok, outcome.problems
    folder = data / "sources" / "example-reports-2024-2025"
    assert sorted(p.name for p in folder.iterdir()) == ["source.yaml", "table.csv"]
    assert (folder / "table.csv").read_bytes() == CSV  # the table as published
    served = load_store(store).observations
    ghana = served[(served["source_id"] == folder.name) & (served["entity"] == "GHA")]
    assert ghana["value"].tolist() == [1234.0]
    (record,) = audit.history(store)[:1]
    assert (record["action"], record["who"], record["rows_added"]) == ("publish", "alice", 2)
    assert (record["from"], record["to"]) == (before, current_hash(store))
    assert record["files"] == [
        f"sources/{folder.name}/source.yaml",
        f"sources/{folder.name}/table.csv",
    ]
    in_step(data, store)


def test_a_preview_changes_nothing(place):
    data, store = place
    files, versions = snapshot(data), snapshot(store)
    preview = publish(data, store, submission(CSV, ABOUT, "figures.csv"), "alice", dry_run=True)
    assert preview.ok and len(preview.tables["observations"]) > 0
    assert (snapshot(data), snapshot(store)) == (files, versions)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"country,year,value\nNarnia,2024,5\n", "unknown_country"),
        (b"country,year,value\nGhana,2024,lots\n", "bad_number"),
        (b"country,year,value\nGhana,2099,5\n", "future_year"),
        (b"\x00\x01\x02binary", "unsupported_type"),
        (b"", "empty_file"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_changes(place, content, reason):
    data, store = place
    files, versions = snapshot(data), snapshot(store)
    outcome = publish(data, store, submission(content, ABOUT, "bad.csv"), "alice")
    assert not outcome.ok
    assert reason in {p.reason.value for p in outcome.problems}
    assert (snapshot(data), snapshot(store)) == (files, versions)


def test_the_same_id_twice_is_refused(place):
    data, store = place
    publish(data, store, submission(CSV, ABOUT, "a.csv"), "alice")
    again = publish(data, store, submission(CSV, ABOUT, "a.csv"), "bob")
    assert not again.ok and "already published" in again.problems[0].message


def test_withdraw_and_doubt_keep_the_numbers_and_say_why(place):
    data, store = place
    withdrawn = withdraw(data, store, "iwf_ar2023", "published in error", "carol")
    assert withdrawn.ok
    served = load_store(store)
    assert "iwf_ar2023" not in set(served.observations["source_id"])
    assert served.corrections[["kind", "source", "reason", "by"]].values.tolist() == [
        ["withdrawn", "iwf_ar2023", "published in error", "carol"]
    ]
    figure = {"source": "ncmec-bycountry-2023", "indicator": "cybertipline_reports"}
    figure |= {"entity": "PHL", "period": "2023", "category": ""}
    assert doubt(data, store, figure, "checking against the PDF", "carol").ok
    rows = load_store(store).observations
    phl = rows[(rows["source_id"] == "ncmec-bycountry-2023") & (rows["entity"] == "PHL")]
    assert phl["value"].tolist() == [2_740_905.0]  # never edited in place
    assert "doubtful" in phl["flags"].iloc[0] and "checking against the PDF" in phl["note"].iloc[0]
    assert not withdraw(data, store, "iwf_ar2023", "again", "carol").ok  # said so already
    in_step(data, store)


def test_rollback_puts_data_back_and_forward_again(place):
    data, store = place
    before = current_hash(store)
    published = publish(data, store, submission(CSV, ABOUT, "figures.csv"), "alice")
    after = published.content_hash
    assert rollback(data, store, before[:10], "admin").ok
    assert current_hash(store) == before
    assert not (data / "sources" / "example-reports-2024-2025").exists()
    assert [p.name.split("--")[0] for p in (data / "set_aside").iterdir()] == [
        "example-reports-2024-2025"
    ]
    in_step(data, store)
    assert rollback(data, store, after, "admin").ok  # nothing was deleted: it comes back
    assert (data / "sources" / "example-reports-2024-2025" / "table.csv").read_bytes() == CSV
    in_step(data, store)
    assert [r["action"] for r in audit.history(store)[:3]] == ["rollback", "rollback", "publish"]


def test_a_second_writer_is_told_who_holds_the_store(place):
    data, store = place
    with writer(store, "alice", "publish"):
        with pytest.raises(Busy, match="publish by alice"):
            publish(data, store, submission(CSV, ABOUT, "figures.csv"), "bob")


def test_an_ncmec_pdf_names_its_publication_and_adds_up(place):
    data, store = place
    shutil.rmtree(data / "sources" / "ncmec-bycountry-2023")
    rebuild(data, store, "tester")
    pdf = (SHARED / "data" / "raw" / "ncmec" / "ncmec-by-country-2023.pdf").read_bytes()
    offered = submission(pdf, None, "2023-reports-by-country.pdf")
    assert offered.source_id == "ncmec-bycountry-2023"
    meta = SourceMeta(**__import__("yaml").safe_load(offered.files["source.yaml"]))
    assert meta.checks[0].total == 36_210_368 and meta.priority == 10
    outcome = publish(data, store, offered, "alice")
    assert outcome.ok, outcome.problems
    rows = load_store(store).observations
    assert rows.loc[rows["source_id"] == "ncmec-bycountry-2023", "value"].sum() == 36_210_368


PUBLISHER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dashboard.pipeline.publications import About, publish, submission
    data, store, name = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    about = About(publisher="P", title=name, url="https://example.org", licence="x",
                  reliability="primary", indicator="cybertipline_reports", unit="reports")
    table = b"country,year,value\\nGhana,2024,7\\n"
    outcome = publish(data, store, submission(table, about, "t.csv"), name, wait=120)
    print("published" if outcome.ok else outcome.problems)
    """
)


def run_publisher(data: Path, store: Path, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, str(data), str(store), name],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_concurrent_publications_are_serialised_and_all_kept(place):
    data, store = place
    writers = [run_publisher(data, store, f"writer {n}") for n in range(3)]
    said = [w.communicate(timeout=300)[0] for w in writers]
    assert all("published" in s for s in said), said
    sources = set(load_store(store).observations["source_id"])
    assert {f"writer-{n}" for n in range(3)} <= sources
    rebuild(data, store, "tester")  # a rebuild keeps everything reported as done
    assert {f"writer-{n}" for n in range(3)} <= set(load_store(store).observations["source_id"])
    in_step(data, store)


@pytest.mark.parametrize("after", [0.3, 1.0, 2.0, 3.5])
def test_a_publication_killed_at_any_moment_leaves_the_earlier_version(place, after):
    data, store = place
    before = current_hash(store)
    publisher = run_publisher(data, store, "killed")
    time.sleep(after)
    publisher.kill()
    publisher.wait()
    served = current_hash(store)
    load_store(store)  # whatever is served opens
    with writer(store, "tester", "recover"):
        recover(data, store)  # what the next writer, or a worker starting, does
    now = current_hash(store)
    assert now in (before, served)
    folder = data / "sources" / "killed"
    assert folder.exists() == (now != before)  # the folder is there exactly when served
    if folder.exists():
        assert sorted(p.name for p in folder.iterdir()) == ["source.yaml", "table.csv"]
    assert not list(data.glob(".incoming/*"))  # no half-written folder
    in_step(data, store)


def test_a_source_yaml_given_with_the_file_is_kept(place):
    data, store = place
    meta = SourceMeta(
        id="example-with-meta",
        publisher="P",
        title="T",
        url="https://example.org",
        licence="x",
        reliability="secondary",
        priority=30,
        tables=[{"file": "../../evil.csv", "layout": "long", "defaults": {"unit": "reports"}}],
    )
    offered = described(
        b"entity_as_published,indicator,period,value\nGhana,cybertipline_reports,2024,9\n", meta
    )
    assert sorted(offered.files) == ["evil.csv", "source.yaml"]  # a plain name, never a path
    assert publish(data, store, offered, "alice").ok
    assert json.loads(json.dumps(audit.history(store)[0]))["source"] == "example-with-meta"
