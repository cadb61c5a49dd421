"""`ocse users`: accounts of editors and admins (dashboard/accounts.py)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, NoReturn

import pandas as pd
import typer

from dashboard import accounts
from dashboard.cli.common import app, print_table
from dashboard.store import state_dir

users = typer.Typer(
    help="Accounts of editors and admins (and of readers, for a private site), kept in "
    "users.json in the store's state folder. Readers of a public site need none.",
    no_args_is_help=True,
)
app.add_typer(users, name="users")


class RoleChoice(StrEnum):
    reader = "reader"
    editor = "editor"
    admin = "admin"


def _refuse(message: str) -> NoReturn:
    typer.echo(f"refused: {message}", err=True)
    raise typer.Exit(1)


def _new_password() -> str:
    """The password twice: from a prompt, or as two lines on standard input (for scripts)."""
    from getpass import getpass

    if sys.stdin.isatty():
        first, second = getpass("Password: "), getpass("The same password again: ")
    else:
        lines = sys.stdin.read().splitlines()
        if len(lines) < 2:
            _refuse("give the password twice, on two lines of standard input")
        first, second = lines[0], lines[1]
    if first != second:
        _refuse("the two passwords differ")
    if len(first) < accounts.MIN_PASSWORD_LENGTH:
        _refuse(
            f"the password is too short: use at least {accounts.MIN_PASSWORD_LENGTH} characters"
        )
    return first


@users.command("add")
def users_add(
    name: str,
    role: Annotated[RoleChoice, typer.Option(help="what the account may do")],
) -> None:
    """Add an account; the password is asked twice (or read from two lines of stdin)."""
    password = _new_password()
    try:
        user = accounts.add_user(state_dir(), name, password, role.value)
    except accounts.AccountError as exc:
        _refuse(str(exc))
    typer.echo(f"added {user.name} ({user.role.value}) to {state_dir() / accounts.USERS_FILE}")


@users.command("list")
def users_list() -> None:
    """The accounts: name, role and how many API tokens each holds."""
    rows = [(u.name, u.role.value, u.tokens) for u in accounts.list_users(state_dir())]
    print_table(pd.DataFrame(rows, columns=["name", "role", "tokens"]))


@users.command("remove")
def users_remove(name: str) -> None:
    """Remove an account and its tokens; its sessions end on their next request."""
    try:
        accounts.remove_user(state_dir(), name)
    except accounts.AccountError as exc:
        _refuse(str(exc))
    typer.echo(f"removed {accounts.normalise_name(name)}")


@users.command("passwd")
def users_passwd(name: str) -> None:
    """Set a new password (asked twice, or two lines of stdin); open sessions end."""
    if accounts.get_user(state_dir(), name) is None:
        _refuse(f"there is no account named {accounts.normalise_name(name)!r}")
    try:
        accounts.set_password(state_dir(), name, _new_password())
    except accounts.AccountError as exc:
        _refuse(str(exc))
    typer.echo(f"new password set for {accounts.normalise_name(name)}")


@users.command("token")
def users_token(
    name: str,
    revoke: Annotated[bool, typer.Option(help="withdraw every token of NAME instead")] = False,
) -> None:
    """Print a new API token for NAME, once (send it as `Authorization: Bearer <token>`)."""
    try:
        if revoke:
            count = accounts.revoke_tokens(state_dir(), name)
            typer.echo(f"withdrew {count} token(s) of {accounts.normalise_name(name)}")
            return
        token = accounts.new_token(state_dir(), name)
    except accounts.AccountError as exc:
        _refuse(str(exc))
    typer.echo("keep this token now: it is shown once and only its hash is kept", err=True)
    typer.echo(token)


# --- end of accounts --------------------------------------------------------------------
