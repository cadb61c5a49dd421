"""`ocse brief`: themes in --help, a brief written to --out, one-line errors with exit 2."""

from __future__ import annotations

import docx
from typer.testing import CliRunner

from dashboard.cli import app


def test_help_lists_the_themes():
    result = CliRunner().invoke(app, ["brief", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "ncmec" in result.output and "modus-operandi" in result.output
    assert "docx" in result.output and "pdf" in result.output


def test_unknown_subject_exits_2_with_one_line(shipped_store_path, monkeypatch):
    monkeypatch.setenv("OCSE_STORE", str(shipped_store_path))
    for subject in ("XYZ", "ncmecc"):
        result = CliRunner().invoke(app, ["brief", subject, "--format", "pdf"])
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: '{subject}' is neither")
        assert "Traceback" not in result.output


def test_country_brief_written(shipped_store_path, tmp_path, monkeypatch):
    monkeypatch.setenv("OCSE_STORE", str(shipped_store_path))
    target = tmp_path / "ghana.docx"
    result = CliRunner().invoke(app, ["brief", "gha", "--format", "docx", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {target}")
    document = docx.Document(target)
    assert document.paragraphs[0].text.startswith("Ghana")
    assert document.paragraphs[0].style.name == "Title"
