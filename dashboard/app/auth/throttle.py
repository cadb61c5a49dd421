"""Sign-in throttling: after 5 failed sign-ins in 15 minutes for one name, or from one client
address, refuse sign-ins for that name or address for 15 minutes.

The counts live in a small SQLite file in the state folder, so that every worker and every
server process on the machine sees the same failures; a guesser gains nothing by landing on
another worker. (On a network volume shared by several machines SQLite's locking is only as
good as the volume's, so treat the limits as per machine there.)
"""

from __future__ import annotations

import ipaddress
import os
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from dashboard.accounts import normalise_name

THROTTLE_FILE = "signin-failures.sqlite"
FAILURES_ALLOWED = 5
WINDOW_SECONDS = 15 * 60
LOCKOUT_SECONDS = 15 * 60

SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_by_key ON failures (key, at);
CREATE TABLE IF NOT EXISTS lockouts (key TEXT PRIMARY KEY, until REAL NOT NULL);
"""


def address_key(address: str | None) -> str:
    """One key per IPv4 address, and per /64 for IPv6, where one client holds the whole /64."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return f"address:{address}"
    if ip.version == 6:
        return f"address:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"address:{ip}"


def name_key(name: str) -> str:
    return f"name:{normalise_name(name)}"


@dataclass(frozen=True)
class Throttle:
    folder: Path

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / THROTTLE_FILE
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))  # names and addresses: not for all
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
        connection.executescript(SCHEMA)
        return connection

    def locked_until(self, keys: list[str], now: float | None = None) -> float | None:
        """When the latest lockout among `keys` ends, or None if none is locked out."""
        now = time.time() if now is None else now
        with closing(self._connect()) as db:
            marks = ",".join("?" * len(keys))
            (until,) = db.execute(
                f"SELECT max(until) FROM lockouts WHERE key IN ({marks}) AND until > ?",
                [*keys, now],
            ).fetchone()
        return until

    def failed(self, keys: list[str], now: float | None = None) -> None:
        """Count one failed sign-in against each key; lock out a key that reaches the limit."""
        now = time.time() if now is None else now
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes
            db.execute("DELETE FROM failures WHERE at <= ?", [now - WINDOW_SECONDS])
            db.execute("DELETE FROM lockouts WHERE until <= ?", [now])
            for key in keys:
                db.execute("INSERT INTO failures (key, at) VALUES (?, ?)", [key, now])
                (count,) = db.execute(
                    "SELECT count(*) FROM failures WHERE key = ?", [key]
                ).fetchone()
                if count >= FAILURES_ALLOWED:
                    db.execute(
                        "INSERT OR REPLACE INTO lockouts (key, until) VALUES (?, ?)",
                        [key, now + LOCKOUT_SECONDS],
                    )
                    db.execute("DELETE FROM failures WHERE key = ?", [key])
            db.execute("COMMIT")

    def succeeded(self, key: str) -> None:
        """Forget a name's failures once its owner signs in (an address's are kept: one good
        account must not reset the count of guesses at the others)."""
        with closing(self._connect()) as db:
            db.execute("DELETE FROM failures WHERE key = ?", [key])
