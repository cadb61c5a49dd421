"""POST /api/v1/publications: a file plus what it is, previewed (dry_run=true) or published
through the same path as the Publish page and `ocse ingest`.

The file's name is only a label in messages; `submission` stores the bytes as `table.<ext>`.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request
from pydantic import ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.app import context
from dashboard.app.api.common import json_refusal
from dashboard.app.auth import current_user_name, require_role
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.uploads import MB, upload_limit_bytes
from dashboard.pipeline.preview import preview_submission
from dashboard.pipeline.publications import About, publish, submission
from dashboard.store import data_dir, store_path
from dashboard.store.lock import Busy
from dashboard.store.versions import is_folder_store

PATH = "/publications"
WAIT = 5.0  # seconds to wait for another change before answering 409
FORM_ALLOWANCE = 1 * MB  # the metadata fields and multipart framing, beside the file
ABOUT_FIELDS = tuple(About.model_fields)
TRUE = {"1", "true", "yes", "on"}
FALSE = {"", "0", "false", "no", "off"}


def register(blueprint: Blueprint) -> None:
    blueprint.add_url_rule(PATH, "publications", publications, methods=["POST"])
    blueprint.register_error_handler(RequestEntityTooLarge, too_large)


def allow_uploads() -> None:
    """A publication's body may be as large as the upload limit (other requests keep the
    site's small limit)."""
    request.max_content_length = upload_limit_bytes() + FORM_ALLOWANCE


def too_large(exc: RequestEntityTooLarge | None = None) -> Response:
    """The file over the upload limit, or (`exc`, raised while reading the form) the request as
    a whole: the file, or a metadata field over Flask's limit for one field."""
    limit = f"{upload_limit_bytes() / MB:g} MB (OCSE_UPLOAD_LIMIT_MB)"
    if exc is None:
        message = f"The file is over the upload limit of {limit} and was not published."
    else:
        message = f"The request is too large and was not read: the file may be at most {limit}"
        field_limit = current_app.config.get("MAX_FORM_MEMORY_SIZE")
        if field_limit:
            message += f", each other field at most {field_limit / 1000:,.0f} KB"
        message += "."
    return json_refusal(message, 413)


@require_role("editor")
def publications() -> Response:
    store = store_path()
    if not is_folder_store(store):
        message = "This server serves a single store file, which cannot be published to."
        return json_refusal(message, 503)
    form = request.form
    try:
        dry_run = flag(request.args.get("dry_run", form.get("dry_run", "")))
    except ValueError:
        return refused([field_problem("dry_run", "use true or false")])
    upload = request.files.get("file")
    if upload is None:
        return refused([field_problem("file", "send the table as a multipart field named file")])
    try:
        about = About(**about_fields())
    except ValidationError as exc:
        return refused(
            [field_problem(".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
        )
    data = upload_bytes(upload)
    if data is None:
        return too_large()
    label = upload.filename or "upload"  # a label for messages, never a path
    offered = submission(data, about, label)
    who = current_user_name() or "api"
    try:
        if dry_run:
            preview = preview_submission(data_dir(), store, offered, who, wait=WAIT)
            return answer(preview.as_json(), 200 if preview.ok else 400)
        outcome = publish(data_dir(), store, offered, who, wait=WAIT)
    except Busy as exc:
        return json_refusal(f"{'Not previewed' if dry_run else 'Not published'}: {exc}.", 409)
    problems = [p.as_row() for p in outcome.problems]
    if not outcome.ok or outcome.content_hash is None:
        return refused(problems)
    record = outcome.record or {}
    body = {
        "content_hash": outcome.content_hash,
        "previous_hash": outcome.previous_hash,
        "source": offered.source_id,
        "rows_added": record.get("rows_added"),
        "warnings": problems,
    }
    context.look_again()  # this worker serves the new version from its next request on
    response = answer(body, 201)
    response.headers["X-Content-Hash"] = outcome.content_hash
    return response


def upload_bytes(upload) -> bytes | None:
    """The uploaded file's bytes; None when it is over the upload limit (read no further)."""
    data = upload.read(upload_limit_bytes() + 1)
    return None if len(data) > upload_limit_bytes() else data


def about_fields() -> dict:
    """The metadata fields sent (a repeated `caveats` field gives one caveat each)."""
    fields = {name: request.form[name] for name in ABOUT_FIELDS if name in request.form}
    caveats = request.form.getlist("caveats")
    if len(caveats) > 1:
        fields["caveats"] = caveats
    if fields.get("year", None) == "":
        fields["year"] = None
    return fields


def flag(text: str) -> bool:
    if text.strip().lower() in TRUE:
        return True
    if text.strip().lower() in FALSE:
        return False
    raise ValueError(text)


def field_problem(name: str, message: str) -> dict:
    reason = Reason.MISSING_FILE if name == "file" else Reason.BAD_METADATA
    return Problem("(request)", None, name, reason, f"{name}: {message}").as_row()


def refused(problems: list[dict]) -> Response:
    return answer({"problems": problems}, 400)


def answer(body: dict, status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response
