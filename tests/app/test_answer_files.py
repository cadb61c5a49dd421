"""Shared answers as files in the store's state folder (app/answer_files.py): a worker finds the
answer another worker computed; a different code or store version never gets it; a file lands
whole; the folder stays within its budget and old versions' answers go. And readers arriving
together for one view wait for the one computation (app/shared_answers.py)."""

from __future__ import annotations

import os
import threading
import time

import pytest

from dashboard.app import context, create_app
from dashboard.app.answer_files import LEFT_FOR, AnswerFiles, code_stamp
from dashboard.app.pages.map import callbacks as map_callbacks
from tests.app.test_shared_answers import MAP, answers_of, post

KEY = ("a" * 64, "en", "br", b"digest")


@pytest.fixture
def counted_maps(monkeypatch):
    """How many times a map is drawn."""
    drawn = []
    draw = map_callbacks.map_view

    def counting(state):
        drawn.append(state)
        time.sleep(0.3)  # long enough for a second reader to arrive while it is drawn
        return draw(state)

    monkeypatch.setattr(map_callbacks, "map_view", counting)
    return drawn


@pytest.fixture
def following(shipped_store, shipped_store_path, monkeypatch):
    """Apps that read the store from OCSE_STORE, as a served worker does."""
    monkeypatch.setenv("OCSE_STORE", str(shipped_store_path))
    context.use_store(None)
    yield
    context.use_store(shipped_store)


def test_a_second_worker_finds_the_answer_the_first_computed(following, counted_maps, tmp_path):
    first, second = create_app(state=tmp_path), create_app(state=tmp_path)  # two workers
    answer = post(first.server.test_client())
    assert answer.status_code == 200 and len(counted_maps) == 1
    written = list((tmp_path / "answers").glob("*/*"))
    assert len(written) == 1 and not written[0].name.startswith(".")
    again = post(second.server.test_client())
    assert again.status_code == 200
    assert again.get_data() == answer.get_data()
    assert again.headers.get("Content-Encoding") == answer.headers.get("Content-Encoding")
    assert len(counted_maps) == 1  # the second worker drew no map
    assert len(answers_of(second)) == 1  # and now keeps it in memory too


def test_the_setting_0_keeps_no_files(following, counted_maps, tmp_path, monkeypatch):
    monkeypatch.setenv("OCSE_SHARED_ANSWER_FILES_MB", "0")
    first, second = create_app(state=tmp_path), create_app(state=tmp_path)
    post(first.server.test_client())
    post(second.server.test_client())
    assert len(counted_maps) == 2
    assert not (tmp_path / "answers").exists()


def test_a_store_given_in_memory_keeps_no_files(shipped_store, counted_maps, tmp_path):
    post(create_app(shipped_store, state=tmp_path).server.test_client())
    assert len(counted_maps) == 1
    assert not (tmp_path / "answers").exists()


def test_readers_arriving_together_wait_for_one_map(shipped_store, counted_maps, tmp_path):
    app = create_app(shipped_store, state=tmp_path)
    answers = []

    def read() -> None:
        answers.append(post(app.server.test_client(), MAP))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(30)
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert len({a.get_data() for a in answers}) == 1
    assert len(counted_maps) == 1
    assert answers_of(app).hits == 2


def test_another_code_or_store_version_gets_none(tmp_path):
    files = AnswerFiles(tmp_path, 1024, stamp="code 1")
    files.put(KEY, b'{"map": 1}', "br")
    assert AnswerFiles(tmp_path, 1024, stamp="code 1").get(KEY) == (b'{"map": 1}', "br")
    assert AnswerFiles(tmp_path, 1024, stamp="code 2").get(KEY) is None
    assert files.get(("b" * 64, *KEY[1:])) is None
    assert files.get((*KEY[:2], "gzip", KEY[3])) is None


def test_the_folder_stays_within_its_budget(tmp_path):
    files = AnswerFiles(tmp_path, 10, stamp="code")
    files.put(KEY, b"123456")
    files.put((*KEY[:3], b"other"), b"12345")  # 11 bytes in all: not kept
    assert files.get(KEY) == (b"123456", None)
    assert files.get((*KEY[:3], b"other")) is None


def test_a_file_that_cannot_be_read_or_written_is_a_miss(tmp_path):
    (tmp_path / "answers").write_text("a file where the folder should be")
    files = AnswerFiles(tmp_path / "answers", 1024, stamp="code")
    files.put(KEY, b"{}")  # nowhere to write: nothing kept, nothing raised to the reader
    assert files.get(KEY) is None
    broken = AnswerFiles(tmp_path / "other", 1024, stamp="code")
    broken.path(KEY).parent.mkdir(parents=True)
    broken.path(KEY).write_bytes(b"cut short")  # no line naming the encoding
    assert broken.get(KEY) is None


def test_answers_of_a_version_no_longer_served_go_after_ten_minutes(tmp_path):
    old = AnswerFiles(tmp_path, 1024, stamp="code")
    old.put(KEY, b"{}")
    recent = ("c" * 64, *KEY[1:])
    old.put(recent, b"{}")
    old_folder, recent_folder = old.path(KEY).parent, old.path(recent).parent
    long_ago = time.time() - LEFT_FOR - 1
    os.utime(old_folder, (long_ago, long_ago))
    AnswerFiles(tmp_path, 1024, stamp="code").get(("d" * 64, *KEY[1:]))  # a new version served
    assert not old_folder.exists()
    assert recent_folder.exists()


def test_a_server_set_differently_writes_its_own_answers(monkeypatch):
    stamp = code_stamp()
    monkeypatch.setenv("OCSE_PRIVATE", "true")
    assert code_stamp() != stamp
    monkeypatch.setenv("OCSE_SECRET_KEY", "another key")  # signs sessions, makes no answer
    private = code_stamp()
    monkeypatch.setenv("OCSE_SECRET_KEY", "yet another key")
    assert code_stamp() == private


def test_a_file_gone_while_the_folder_is_summed_counts_nothing(tmp_path, monkeypatch):
    files = AnswerFiles(tmp_path, 1024, stamp="code")
    files.put(KEY, b"{}")
    gone = files.path(KEY).parent / ".renamed-by-another-worker"
    gone.write_bytes(b"x" * 100)
    listed = list(os.scandir(gone.parent))
    gone.unlink()  # after the listing, before its size is read
    monkeypatch.setattr("dashboard.app.answer_files._entries", lambda folder: listed)
    files._counted = 0.0  # sum again now
    files.put((*KEY[:3], b"next"), b"{}")  # no error, and kept
    assert files.get((*KEY[:3], b"next")) == (b"{}", None)
