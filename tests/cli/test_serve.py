"""`ocse serve`: gunicorn with the app preloaded, and the C library told to keep two memory
arenas per process unless the environment says otherwise (settings.for_server_processes)."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.cli import serve as serve_module


@pytest.fixture
def started(monkeypatch, shipped_store_path):
    """What `ocse serve` would exec: the command and the C library's settings as they are then."""
    monkeypatch.setenv("OCSE_STORE", str(shipped_store_path))
    seen = {}

    def execvp(program, command):
        seen["command"] = command
        seen["arenas"] = os.environ.get("MALLOC_ARENA_MAX")
        seen["mmap"] = os.environ.get("MALLOC_MMAP_THRESHOLD_")

    monkeypatch.setattr(serve_module.os, "execvp", execvp)
    return seen


def test_the_server_keeps_two_memory_arenas_and_maps_large_blocks(started, monkeypatch):
    for name in ("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_"):
        monkeypatch.setenv(name, "")  # so that what serve sets is undone afterwards
        monkeypatch.delenv(name)
    result = CliRunner().invoke(app, ["serve", "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert (started["arenas"], started["mmap"]) == ("2", "131072")
    command = started["command"]
    assert command[command.index("-w") + 1] == "3" and "--preload" in command


def test_an_operator_may_choose_another_number(started, monkeypatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    assert (started["arenas"], started["mmap"]) == ("4", "65536")
