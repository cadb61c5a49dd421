"""One registry of settings: the code reads nothing else, and the README and `ocse --help` list
every one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import settings
from tests.conftest import REPO

PACKAGE = REPO / "dashboard"
VARIABLE = re.compile(r"\bOCSE_[A-Z0-9_]+\b")


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_only_the_settings_module_reads_the_environment():
    readers = [
        str(path.relative_to(REPO))
        for path in sources()
        if re.search(r"os\.environ|os\.getenv|getenv\(", path.read_text("utf-8"))
    ]
    assert readers == ["dashboard/settings.py"]


def test_every_variable_the_code_names_is_registered():
    registered = {s.env for s in settings.SETTINGS}
    named = {v for path in sources() for v in VARIABLE.findall(path.read_text("utf-8"))}
    assert named <= registered, f"not in dashboard/settings.py: {sorted(named - registered)}"


def test_the_readme_table_lists_every_setting():
    readme = (REPO / "README.md").read_text("utf-8")
    assert settings.markdown_table() in readme, "run scripts/readme_sections.py"
    for setting in settings.SETTINGS:
        assert f"| `{setting.env}` |" in readme


def test_ocse_help_lists_every_setting():
    shown = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "--help"], capture_output=True, text=True
    ).stdout
    for setting in settings.SETTINGS:
        assert setting.env in shown


def test_a_setting_is_read_from_its_variable_else_its_default(monkeypatch):
    monkeypatch.delenv("OCSE_FRAME_ANCESTORS", raising=False)
    assert settings.get("frame_ancestors") == "'self'"
    monkeypatch.setenv("OCSE_FRAME_ANCESTORS", "https://intranet.example.org")
    assert settings.get("frame_ancestors") == "https://intranet.example.org"
    monkeypatch.setenv("OCSE_STORE", "/srv/ocse/store.duckdb")
    assert settings.get("store") == Path("/srv/ocse/store.duckdb")
    with pytest.raises(KeyError):
        settings.get("no_such_setting")


def test_a_switch_reads_true_or_false_and_names_the_variable_when_wrong(monkeypatch):
    monkeypatch.delenv("OCSE_PRIVATE", raising=False)
    assert settings.get("private") is False
    monkeypatch.setenv("OCSE_PRIVATE", "True")
    assert settings.get("private") is True
    monkeypatch.setenv("OCSE_PRIVATE", "maybe")
    with pytest.raises(ValueError, match="OCSE_PRIVATE: use true or false, not 'maybe'"):
        settings.get("private")
