"""Versions and corrections: versions, prune, rollback, withdraw, doubt. Each change is
recorded in the audit log with who made it."""

from __future__ import annotations

from typing import Annotated

import typer

from dashboard.cli.common import WAIT, app, done, operator
from dashboard.store import data_dir, store_path

versions_app = typer.Typer(
    help="The store's versions, newest first (* marks the one served); `prune` removes old ones.",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(versions_app, name="versions")


@versions_app.callback()
def versions(context: typer.Context) -> None:
    if context.invoked_subcommand is not None:
        return
    from dashboard.store import audit
    from dashboard.store.versions import versions as listed

    made_by = {r.get("to"): r for r in audit.history(store_path()) if r.get("to")}
    for version in listed(store_path()):
        record = made_by.get(version.content_hash, {})
        how = f"{record.get('action', '')} by {record.get('who', '?')}" if record else ""
        mark = "*" if version.current else " "
        typer.echo(f"{mark} {version.content_hash[:12]}  {version.built_at}  {how}".rstrip())


@versions_app.command()
def prune(keep: Annotated[int, typer.Option(help="versions to keep, newest first")] = 5) -> None:
    """Remove all but the newest versions (never the one served)."""
    from dashboard.store.versions import prune as pruned

    removed = pruned(store_path(), keep)
    typer.echo(f"removed {len(removed)} version(s)" + "".join(f"\n  {h[:12]}" for h in removed))


@app.command()
def rollback(
    version: Annotated[str, typer.Argument(help="a version's hash, or its start")],
) -> None:
    """Serve an earlier version again, with data/ put back as it was (recorded)."""
    from dashboard.pipeline.operations import rollback as roll_back
    from dashboard.store.versions import NoVersion

    try:
        outcome = done(
            lambda: roll_back(data_dir(), store_path(), version, operator(), WAIT), "rollback"
        )
    except NoVersion as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"now serving {outcome.content_hash}")


@app.command()
def withdraw(
    source: Annotated[str, typer.Argument(help="the publication's id")],
    reason: Annotated[str, typer.Option(help="why: readers see it")],
) -> None:
    """Withdraw a publication: its figures leave the store; it stays listed with the reason."""
    from dashboard.pipeline.operations import withdraw as withdrawn

    outcome = done(
        lambda: withdrawn(data_dir(), store_path(), source, reason, operator(), WAIT), "withdraw"
    )
    typer.echo(f"withdrew {source}; now serving {outcome.content_hash}")


@app.command()
def doubt(
    source: Annotated[str, typer.Argument(help="the publication's id")],
    indicator: str,
    entity: str,
    period: str,
    reason: Annotated[str, typer.Option(help="why: readers see it")],
    category: Annotated[str, typer.Option(help="a breakdown such as a platform")] = "",
) -> None:
    """Mark one published figure doubtful: it keeps its value and shows the reason."""
    from dashboard.pipeline.operations import doubt as doubted

    figure = {"source": source, "indicator": indicator, "entity": entity, "period": period}
    figure["category"] = category
    outcome = done(
        lambda: doubted(data_dir(), store_path(), figure, reason, operator(), WAIT), "doubt"
    )
    typer.echo(f"marked doubtful; now serving {outcome.content_hash}")
