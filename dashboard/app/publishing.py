"""The Publish page's forms, answered by the server: preview an upload, publish or discard the
preview, withdraw a publication, mark a figure doubtful, roll back to a version.

Each is a plain HTML form post (CSRF-checked by the auth gate) that does its work through the
pipeline's one path and answers with a redirect to the page that shows the outcome; the outcome
itself travels in the session (Flask's flashed messages), never in the URL.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from dash import Dash
from flask import Response, flash, redirect, request
from pydantic import ValidationError

from dashboard.accounts import Role, at_least, list_users
from dashboard.app import context
from dashboard.app.api.publications import ABOUT_FIELDS, allow_uploads, upload_bytes
from dashboard.app.auth import current_user_name, require_role
from dashboard.ingest.problems import Problem, Reason, errors
from dashboard.ingest.uploads import MB, upload_limit_bytes
from dashboard.pipeline.build import check_data, memo_folder
from dashboard.pipeline.drafts import drop_draft, load_draft, save_draft
from dashboard.pipeline.operations import doubt, rollback, withdraw
from dashboard.pipeline.preview import preview_submission
from dashboard.pipeline.publications import About, Submission, publish, submission
from dashboard.store import data_dir, state_dir, store_path
from dashboard.store.lock import Busy
from dashboard.store.versions import NoVersion, current_hash, is_folder_store

PUBLISH = "/publish"
WAIT = 5.0  # seconds a form waits for another editor's change to finish


def about_from(form) -> tuple[About | None, list[Problem]]:
    """The metadata fields of a form (or the API's multipart body) as an About; None when all
    are blank (a file that names its own publication, such as an NCMEC PDF)."""
    fields = {k: form.get(k, "").strip() for k in ABOUT_FIELDS if form.get(k, "").strip()}
    if not fields:
        return None, []
    try:
        return About(**fields), []
    except ValidationError as exc:
        return None, [
            Problem("(form)", None, ".".join(map(str, e["loc"])), Reason.BAD_METADATA, e["msg"])
            for e in exc.errors()
        ]


def uploaded(files, form) -> tuple[Submission, dict]:
    """The posted file and its metadata as a submission; the file's name is only a label."""
    about, problems = about_from(form)
    given = {k: form.get(k, "") for k in ABOUT_FIELDS}
    upload = files.get("file")
    if upload is None or not upload.filename:
        problems.append(Problem("(form)", None, "file", Reason.MISSING_FILE, "choose a file"))
    if problems:
        return Submission("", {}, problems), given
    data = upload_bytes(upload)
    if data is None:
        message = f"the file is over the upload limit of {upload_limit_bytes() / MB:,.0f} MB"
        problem = Problem(upload.filename, None, "", Reason.TOO_LARGE, message)
        return Submission("", {}, [problem]), given
    return submission(data, about, upload.filename), given


def warm_publishing() -> None:
    """Where editors may publish, read data/ once as the server starts (from the store's memo
    of sources read, see ingest/source_memo.py): an editor's first preview then reads only the
    new publication, in every worker, not the whole of data/."""
    store = store_path()
    if not is_folder_store(store) or not any(
        at_least(user.role, Role.editor) for user in list_users(state_dir())
    ):
        return
    try:
        check_data(data_dir(), memo_folder(store))
    except Exception:  # a broken data/ is reported by the preview itself: serve the rest
        logging.getLogger(__name__).exception("reading data/ at start-up failed")


def install_publishing(app: Dash) -> None:
    server = app.server

    @server.before_request
    def upload_limit():
        if request.endpoint == "preview_upload":
            allow_uploads()  # this form's body may be as large as the upload limit

    @server.post(f"{PUBLISH}/preview")
    @require_role("editor")
    def preview_upload() -> Response:
        offered, given = uploaded(request.files, request.form)
        who = current_user_name()
        try:
            shown = preview_submission(data_dir(), store_path(), offered, who, wait=WAIT)
        except Busy as exc:
            flash(f"Not previewed: {exc}", "error")
            return _back()
        token = save_draft(store_path(), offered, who, shown, given)
        return _back(draft=token)

    @server.post(f"{PUBLISH}/commit")
    @require_role("editor")
    def commit() -> Response:
        token, who = request.form.get("draft", ""), current_user_name()
        draft = load_draft(store_path(), token, who)
        if draft is None:
            flash("That preview is no longer there (published, discarded or expired).", "error")
            return _back()
        offered, shown, given = draft
        try:
            served = _served_hash()
            if shown.base_hash != served:  # someone published meanwhile: preview again
                again = preview_submission(data_dir(), store_path(), offered, who, wait=WAIT)
                drop_draft(store_path(), token)
                flash("The figures changed since this preview; here it is again.", "warning")
                return _back(draft=save_draft(store_path(), offered, who, again, given))
            outcome = publish(data_dir(), store_path(), offered, who, wait=WAIT)
        except Busy as exc:
            flash(f"Not published yet: {exc}. Try again in a moment.", "error")
            return _back(draft=token)
        if not outcome.ok:
            flash(_refusal("Not published", outcome.problems), "error")
            return _back(draft=token)
        drop_draft(store_path(), token)
        context.look_again()  # this worker serves the new version from its next request on
        rows = (outcome.record or {}).get("rows_added", 0)
        flash(
            f"Published {offered.source_id}: {rows:,} rows added; every page now shows version "
            f"{outcome.content_hash[:12]}.",
            "success",
        )
        return _back()

    @server.post(f"{PUBLISH}/discard")
    @require_role("editor")
    def discard() -> Response:
        drop_draft(store_path(), request.form.get("draft", ""))
        flash("The preview was discarded; nothing was published.", "success")
        return _back()

    @server.post(f"{PUBLISH}/withdraw")
    @require_role("editor")
    def withdraw_publication() -> Response:
        form = request.form
        source, reason = form.get("source", ""), form.get("reason", "")
        return _done(
            lambda: withdraw(data_dir(), store_path(), source, reason, _who(), WAIT),
            f"Withdrew {source}",
        )

    @server.post(f"{PUBLISH}/doubt")
    @require_role("editor")
    def doubt_figure() -> Response:
        form = request.form
        figure = {k: form.get(k, "").strip() for k in ("source", "indicator", "entity", "period")}
        figure["category"] = form.get("category", "").strip()
        return _done(
            lambda: doubt(data_dir(), store_path(), figure, form.get("reason", ""), _who(), WAIT),
            "Marked the figure doubtful",
        )

    @server.post(f"{PUBLISH}/rollback")
    @require_role("admin")
    def roll_back() -> Response:
        version = request.form.get("version", "")
        return _done(
            lambda: rollback(data_dir(), store_path(), version, _who(), WAIT),
            f"Rolled back to version {version[:12]}",
            "/sources?tab=history",
        )


def _done(make, success: str, where: str = PUBLISH) -> Response:
    """Run a change and flash its outcome; then back to `where`."""
    try:
        outcome = make()
    except Busy as exc:
        flash(f"Not done: {exc}. Try again in a moment.", "error")
        return redirect(where, 303)
    except NoVersion as exc:
        flash(f"Not done: {exc}", "error")
        return redirect(where, 303)
    if outcome.ok:
        context.look_again()
        flash(f"{success}; every page now shows version {outcome.content_hash[:12]}.", "success")
    else:
        flash(_refusal("Not done", outcome.problems), "error")
    return redirect(where, 303)


def _refusal(verb: str, problems: list[Problem]) -> str:
    failed = errors(problems)
    listed = "; ".join(p.message for p in failed[:5])
    more = f" (and {len(failed) - 5} more)" if len(failed) > 5 else ""
    return f"{verb}: {listed}{more}"


def _back(**query: str) -> Response:
    return redirect(PUBLISH + (f"?{urlencode(query)}" if query else ""), 303)


def _who() -> str:
    return current_user_name() or "?"


def _served_hash() -> str | None:
    try:
        return current_hash(store_path())
    except NoVersion:
        return None
