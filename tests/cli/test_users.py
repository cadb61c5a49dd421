"""`ocse users`: accounts made on the command line, passwords from stdin for scripts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from dashboard import accounts

PASSWORD = "correct horse battery"


def ocse_users(*args: str, state, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "users", *args],
        env={**os.environ, "OCSE_STORE": str(state / "ocse.duckdb")},
        input=stdin,
        capture_output=True,
        text=True,
    )


def test_add_reads_the_password_twice_from_stdin(tmp_path):
    result = ocse_users(
        "add", "Alice", "--role", "editor", state=tmp_path, stdin=f"{PASSWORD}\n" * 2
    )
    assert result.returncode == 0, result.stderr
    assert "added alice (editor)" in result.stdout
    assert accounts.authenticate(tmp_path, "alice", PASSWORD).role is accounts.Role.editor
    assert PASSWORD not in (tmp_path / "users.json").read_text("utf-8")


def test_add_refuses_two_different_passwords(tmp_path):
    result = ocse_users(
        "add", "bob", "--role", "admin", state=tmp_path, stdin=f"{PASSWORD}\n{PASSWORD}!\n"
    )
    assert result.returncode == 1
    assert "the two passwords differ" in result.stderr
    assert not (tmp_path / "users.json").exists()


def test_add_refuses_a_short_password_and_a_second_account_of_one_name(tmp_path):
    short = ocse_users("add", "bob", "--role", "admin", state=tmp_path, stdin="elevenchars\n" * 2)
    assert short.returncode == 1 and "at least 12 characters" in short.stderr
    ocse_users("add", "bob", "--role", "admin", state=tmp_path, stdin=f"{PASSWORD}\n" * 2)
    again = ocse_users("add", "BOB", "--role", "editor", state=tmp_path, stdin=f"{PASSWORD}\n" * 2)
    assert again.returncode == 1 and "already an account named 'bob'" in again.stderr


def test_usage_errors_exit_2(tmp_path):
    assert ocse_users("add", "bob", "--role", "owner", state=tmp_path).returncode == 2
    assert ocse_users("add", "bob", state=tmp_path).returncode == 2


def test_list_shows_names_roles_and_token_counts_never_hashes(tmp_path):
    ocse_users("add", "alice", "--role", "editor", state=tmp_path, stdin=f"{PASSWORD}\n" * 2)
    ocse_users("add", "robot", "--role", "admin", state=tmp_path, stdin=f"{PASSWORD}\n" * 2)
    token = ocse_users("token", "robot", state=tmp_path)
    assert token.returncode == 0 and "shown once" in token.stderr
    printed = token.stdout.strip()
    assert accounts.user_for_token(tmp_path, printed).name == "robot"
    listed = ocse_users("list", state=tmp_path)
    assert listed.returncode == 0
    lines = [line.split() for line in listed.stdout.strip().splitlines()]
    assert lines == [["name", "role", "tokens"], ["alice", "editor", "0"], ["robot", "admin", "1"]]
    assert "argon2" not in listed.stdout and printed not in listed.stdout


def test_passwd_and_remove(tmp_path):
    ocse_users("add", "alice", "--role", "editor", state=tmp_path, stdin=f"{PASSWORD}\n" * 2)
    changed = ocse_users("passwd", "alice", state=tmp_path, stdin="a new long password\n" * 2)
    assert changed.returncode == 0, changed.stderr
    assert accounts.authenticate(tmp_path, "alice", "a new long password") is not None
    assert ocse_users("remove", "alice", state=tmp_path).returncode == 0
    assert json.loads((tmp_path / "users.json").read_text("utf-8"))["users"] == {}
    missing = ocse_users("remove", "alice", state=tmp_path)
    assert missing.returncode == 1 and "no account named 'alice'" in missing.stderr
