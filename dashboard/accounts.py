"""Accounts of the people and scripts that may write: names, roles, password hashes, API tokens.

They live in one small file, `users.json`, in the folder holding the store's state (never in
data/ and never in the store, so that publishing and rebuilding cannot touch them). Passwords
are kept only as argon2 hashes and tokens only as sha256 hashes: the file never holds a secret
in clear. Every change takes a file lock and replaces the file atomically, so that two
processes (two CLI calls, or a CLI call and a server re-hashing a password) never lose each
other's change. Callers pass the folder (`dashboard.store.state_dir()` in the CLI and the app).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

USERS_FILE = "users.json"
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing a megabyte on every sign-in attempt would be a cheap attack
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")

HASHER = PasswordHasher()  # argon2id with the library's current parameters


class Role(StrEnum):
    """In rising order: each role may do what the ones before it may."""

    reader = "reader"  # signs in only where the whole site is private
    editor = "editor"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


# What each role may do: editors publish and withdraw; admins also roll back.
LEAST_ROLE_FOR: dict[str, Role] = {
    "publish": Role.editor,
    "withdraw": Role.editor,
    "rollback": Role.admin,
}


def may(role: Role | None, action: str) -> bool:
    """Whether `role` (None: not signed in) may do `action` (a key of LEAST_ROLE_FOR)."""
    least = LEAST_ROLE_FOR[action]
    return role is not None and role.rank >= least.rank


def at_least(role: Role | None, least: Role) -> bool:
    return role is not None and role.rank >= least.rank


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    tokens: int  # how many API tokens the user holds (never the tokens themselves)
    session_version: str  # changes with the password, which ends every existing session


class AccountError(Exception):
    """A change refused, with a message to show as it is."""


def normalise_name(name: str) -> str:
    """Names are case-insensitive: `Alice` and `alice` are one account."""
    return name.strip().lower()


def _valid_name(name: str) -> str:
    name = normalise_name(name)
    if not NAME_PATTERN.fullmatch(name):
        raise AccountError(
            f"{name!r} is not a usable name: use 1 to 64 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit"
        )
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(
            f"the password is too long: use at most {MAX_PASSWORD_LENGTH} characters"
        )


def token_hash(token: str) -> str:
    """Tokens are long random strings, so a plain sha256 is enough to keep them unguessable."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- the file -------------------------------------------------------------------------------
_cache: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}


def _read(folder: Path) -> dict[str, Any]:
    """The users file as a dict of accounts by name; {} when there is none yet. Readers take no
    lock: the file is only ever replaced whole. Re-read only when the file changed, because the
    app asks on every request of a signed-in user."""
    path = folder / USERS_FILE
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == key:
        return cached[1]
    try:
        accounts = json.loads(path.read_text("utf-8"))["users"]
    except (ValueError, KeyError) as exc:
        raise AccountError(f"{path} is damaged ({exc}); restore it from a backup") from None
    _cache[path] = (key, accounts)
    return accounts


def _write(folder: Path, accounts: dict[str, Any]) -> None:
    """Replace the users file atomically: a reader sees the old file or the new one, whole."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".users.", suffix=".tmp")  # 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": 1, "users": accounts}, out, indent=2, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, folder / USERS_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a crash
    finally:
        os.close(directory)


@contextmanager
def _changing(folder: Path) -> Iterator[dict[str, Any]]:
    """Read, change and write the accounts under an exclusive lock, so that concurrent changes
    queue instead of overwriting each other. The lock is a separate file, because replacing
    users.json gives it a new inode that a waiting process would not have locked."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = os.open(folder / f"{USERS_FILE}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _cache.pop(folder / USERS_FILE, None)
        accounts = {name: dict(record) for name, record in _read(folder).items()}
        yield accounts
        _write(folder, accounts)
    finally:
        os.close(lock)  # releases the lock


def _user(name: str, record: dict[str, Any]) -> User:
    return User(
        name=name,
        role=Role(record["role"]),
        tokens=len(record.get("tokens", [])),
        session_version=record["session_version"],
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _existing(accounts: dict[str, Any], name: str) -> dict[str, Any]:
    try:
        return accounts[name]
    except KeyError:
        raise AccountError(f"there is no account named {name!r}") from None


# --- what other code calls ------------------------------------------------------------------
def add_user(folder: Path, name: str, password: str, role: Role | str) -> User:
    name, role = _valid_name(name), Role(role)
    check_password(password)
    hashed = HASHER.hash(password)  # slow on purpose: outside the lock
    with _changing(folder) as accounts:
        if name in accounts:
            raise AccountError(f"there is already an account named {name!r}")
        accounts[name] = {
            "role": role.value,
            "password": hashed,
            "tokens": [],
            "session_version": secrets.token_hex(8),
            "created": _now(),
        }
        return _user(name, accounts[name])


def remove_user(folder: Path, name: str) -> None:
    """Remove the account with its tokens; its sessions end on their next request."""
    name = normalise_name(name)
    with _changing(folder) as accounts:
        _existing(accounts, name)
        del accounts[name]


def set_password(folder: Path, name: str, password: str) -> None:
    """Set a new password; every session signed in with the old one ends."""
    name = normalise_name(name)
    check_password(password)
    hashed = HASHER.hash(password)
    with _changing(folder) as accounts:
        record = _existing(accounts, name)
        record["password"] = hashed
        record["session_version"] = secrets.token_hex(8)


def list_users(folder: Path) -> list[User]:
    return [_user(name, record) for name, record in sorted(_read(folder).items())]


def get_user(folder: Path, name: str) -> User | None:
    name = normalise_name(name)
    record = _read(folder).get(name)
    return _user(name, record) if record else None


_unknown_user_hash: str | None = None


def _verify(hashed: str | None, password: str) -> bool:
    """Verify against the stored hash, or against a stand-in for an unknown user, so that both
    take the same time and an unknown name cannot be told from a wrong password."""
    global _unknown_user_hash
    if hashed is None:
        _unknown_user_hash = _unknown_user_hash or HASHER.hash(secrets.token_hex(16))
        hashed = _unknown_user_hash
    try:
        return HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def authenticate(folder: Path, name: str, password: str) -> User | None:
    """The user, when `password` is theirs; None for a wrong password and an unknown name
    alike. A hash made with older argon2 parameters is replaced by one made with today's."""
    name = normalise_name(name)
    record = _read(folder).get(name)
    if len(password) > MAX_PASSWORD_LENGTH:
        return None
    if not _verify(record["password"] if record else None, password) or record is None:
        return None  # (the stand-in hash never matches: no one knows its password)
    if HASHER.check_needs_rehash(record["password"]):
        _rehash(folder, name, record["password"], password)
    return _user(name, record)


def _rehash(folder: Path, name: str, old_hash: str, password: str) -> None:
    new_hash = HASHER.hash(password)
    with _changing(folder) as accounts:
        record = accounts.get(name)
        if record and record["password"] == old_hash:  # not changed meanwhile
            record["password"] = new_hash


def new_token(folder: Path, name: str) -> str:
    """A new API token for `name`, returned once: only its hash is kept."""
    name = normalise_name(name)
    token = secrets.token_urlsafe(32)
    with _changing(folder) as accounts:
        record = _existing(accounts, name)
        record["tokens"] = [
            *record.get("tokens", []),
            {"sha256": token_hash(token), "created": _now()},
        ]
    return token


def revoke_tokens(folder: Path, name: str) -> int:
    """Withdraw every API token of `name`; returns how many there were."""
    name = normalise_name(name)
    with _changing(folder) as accounts:
        record = _existing(accounts, name)
        count = len(record.get("tokens", []))
        record["tokens"] = []
    return count


def user_for_token(folder: Path, token: str) -> User | None:
    """The user holding `token`, or None."""
    if not token:
        return None
    wanted = token_hash(token)
    for name, record in _read(folder).items():
        if any(secrets.compare_digest(t["sha256"], wanted) for t in record.get("tokens", [])):
            return _user(name, record)
    return None
