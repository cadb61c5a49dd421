"""Accounts in a users file: round trips, nothing secret in clear, concurrent writers."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time

import pytest
from argon2 import PasswordHasher

from dashboard import accounts
from dashboard.accounts import AccountError, Role
from tests.conftest import REPO

PASSWORD = "correct horse battery"
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # the tests' speed, not safety


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "HASHER", FAST)
    monkeypatch.setattr(accounts, "_unknown_user_hash", None)


def test_add_then_authenticate(tmp_path):
    added = accounts.add_user(tmp_path, "Alice", PASSWORD, "editor")
    assert added.name == "alice" and added.role is Role.editor and added.tokens == 0
    assert accounts.authenticate(tmp_path, "alice", PASSWORD) == added
    assert accounts.authenticate(tmp_path, " ALICE ", PASSWORD) == added  # names ignore case


def test_a_wrong_password_and_an_unknown_name_both_fail(tmp_path):
    accounts.add_user(tmp_path, "alice", PASSWORD, "editor")
    assert accounts.authenticate(tmp_path, "alice", PASSWORD + "!") is None
    assert accounts.authenticate(tmp_path, "bob", PASSWORD) is None
    assert accounts.authenticate(tmp_path, "alice", "") is None


def test_the_file_holds_no_password_or_token_in_clear(tmp_path):
    accounts.add_user(tmp_path, "alice", PASSWORD, "admin")
    token = accounts.new_token(tmp_path, "alice")
    path = tmp_path / accounts.USERS_FILE
    text = path.read_text("utf-8")
    assert PASSWORD not in text and token not in text
    record = json.loads(text)["users"]["alice"]
    assert record["password"].startswith("$argon2id$")
    assert record["tokens"][0]["sha256"] == accounts.token_hash(token)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_set_password_replaces_the_old_one_and_ends_sessions(tmp_path):
    before = accounts.add_user(tmp_path, "alice", PASSWORD, "editor")
    accounts.set_password(tmp_path, "alice", "another long password")
    assert accounts.authenticate(tmp_path, "alice", PASSWORD) is None
    after = accounts.authenticate(tmp_path, "alice", "another long password")
    assert after is not None and after.session_version != before.session_version


def test_remove_user(tmp_path):
    accounts.add_user(tmp_path, "alice", PASSWORD, "editor")
    token = accounts.new_token(tmp_path, "alice")
    accounts.remove_user(tmp_path, "alice")
    assert accounts.list_users(tmp_path) == []
    assert accounts.authenticate(tmp_path, "alice", PASSWORD) is None
    assert accounts.user_for_token(tmp_path, token) is None
    with pytest.raises(AccountError, match="no account named 'alice'"):
        accounts.remove_user(tmp_path, "alice")


def test_tokens_several_per_user_each_finds_its_user(tmp_path):
    accounts.add_user(tmp_path, "alice", PASSWORD, "editor")
    accounts.add_user(tmp_path, "bot", PASSWORD, "admin")
    first, second = accounts.new_token(tmp_path, "bot"), accounts.new_token(tmp_path, "bot")
    assert first != second and len(first) >= 43
    assert accounts.user_for_token(tmp_path, first).name == "bot"
    assert accounts.user_for_token(tmp_path, second).role is Role.admin
    assert accounts.user_for_token(tmp_path, first[:-1] + "x") is None
    assert accounts.user_for_token(tmp_path, "") is None
    assert [(u.name, u.tokens) for u in accounts.list_users(tmp_path)] == [("alice", 0), ("bot", 2)]
    assert accounts.revoke_tokens(tmp_path, "bot") == 2
    assert accounts.user_for_token(tmp_path, first) is None


def test_refusals_say_why(tmp_path):
    with pytest.raises(AccountError, match="at least 12 characters"):
        accounts.add_user(tmp_path, "alice", "short pass", "editor")
    with pytest.raises(AccountError, match="not a usable name"):
        accounts.add_user(tmp_path, "al ice", PASSWORD, "editor")
    accounts.add_user(tmp_path, "alice", PASSWORD, "editor")
    with pytest.raises(AccountError, match="already an account named 'alice'"):
        accounts.add_user(tmp_path, "ALICE", PASSWORD, "admin")
    with pytest.raises(ValueError):
        accounts.add_user(tmp_path, "carol", PASSWORD, "owner")


def test_a_hash_with_old_parameters_is_replaced_on_sign_in(tmp_path, monkeypatch):
    accounts.add_user(tmp_path, "alice", PASSWORD, "editor")
    monkeypatch.setattr(
        accounts, "HASHER", PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    )
    assert accounts.authenticate(tmp_path, "alice", PASSWORD) is not None
    stored = json.loads((tmp_path / accounts.USERS_FILE).read_text("utf-8"))["users"]["alice"]
    assert "m=16,t=2" in stored["password"]  # was m=8,t=1
    assert accounts.authenticate(tmp_path, "alice", PASSWORD) is not None


def test_who_may_do_what():
    assert not accounts.may(None, "publish") and not accounts.may(Role.reader, "publish")
    assert accounts.may(Role.editor, "publish") and accounts.may(Role.editor, "withdraw")
    assert not accounts.may(Role.editor, "rollback") and accounts.may(Role.admin, "rollback")


ADD_MANY = """
import sys, time
from pathlib import Path
from argon2 import PasswordHasher
from dashboard import accounts
accounts.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
folder, prefix, start = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
for i in range(40):
    accounts.add_user(folder, f"{prefix}{i}", "correct horse battery", "editor")
"""


def test_two_processes_adding_users_at_once_both_land(tmp_path):
    start = time.time() + 1.5  # both start their additions at the same moment
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_MANY, str(tmp_path), prefix, str(start)], cwd=REPO
        )
        for prefix in ("a", "b")
    ]
    assert [w.wait(60) for w in writers] == [0, 0]
    names = {u.name for u in accounts.list_users(tmp_path)}
    assert len(names) == 80
    assert {f"a{i}" for i in range(40)} | {f"b{i}" for i in range(40)} == names
