"""Answers readers share. A callback marked `@shared` gives the same answer to the same request
for every visitor of the same kind, in the same language, on the same store version, so a
worker computes it once and keeps it, compressed: the hundredth reader who opens /map on its
default view costs a dictionary look-up, not a map (35-170 ms of CPU for a chart callback) and
not its compression (about 1.4 ms).

- The key: the store's content hash, the reader's language, the encodings the browser
  accepts, and a digest of the request body, which carries every input and state.
- Shared by visitors not signed in and readers, who see the same pages; never for editors and
  admins (their pages show their drafts and flashed messages).
- Also kept: the list of callbacks (`/_dash-dependencies`) and, for a visitor not signed in,
  the page shell with the page being opened (`/_dash-layout`, per address).
- Only 200 JSON answers of marked callbacks are kept, least recently used out first, within
  `OCSE_SHARED_ANSWERS_MB` per worker (0 keeps none), and as files in the store's state
  folder for the other workers and servers (app/answer_files.py).
- A request for an answer another request of the worker is computing waits for it, rather
  than computing it again (readers arriving together open the same default views).
- Every guard runs first: sign-in, CSRF and body checks are before_request hooks registered
  earlier. The answer is kept as compression left it (its hook is registered before
  flask-compress's, so it runs after it); the other after-request hooks (security headers, the
  session) run on a kept answer as on a fresh one.
"""

from __future__ import annotations

import hashlib
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dash import Dash
from flask import Response, g, request

from dashboard import settings
from dashboard.accounts import Role
from dashboard.app import context
from dashboard.app.answer_files import AnswerFiles, code_stamp
from dashboard.app.auth import current_user_role
from dashboard.language import current
from dashboard.store.read import StoreError

F = TypeVar("F", bound=Callable)
UPDATE, LAYOUT, DEPENDENCIES = "_dash-update-component", "_dash-layout", "_dash-dependencies"
WAIT = 30.0  # seconds a request waits for the same answer being computed, then computes it


def shared(function: F) -> F:
    """Mark a callback whose answer depends only on its inputs, the store and the language
    (not on who asks, the time or anything it writes); put it under `@app.callback`."""
    function.shared_answer = True  # type: ignore[attr-defined]
    return function


class Answers:
    """Answers kept in memory, at most `limit` bytes of them, least recently used out first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._kept: OrderedDict[tuple, tuple[bytes, str | None]] = OrderedDict()
        self._computing: dict[tuple, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[bytes, str | None] | None:
        """The body and its Content-Encoding (None: not compressed)."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                self.misses += 1
                return None
            self._kept.move_to_end(key)
            self.hits += 1
            return kept

    def put(self, key: tuple, body: bytes, encoding: str | None = None) -> None:
        if len(body) > self.limit:
            return
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = (body, encoding)
            self.size += len(body)
            while self.size > self.limit:
                _, (dropped, _encoding) = self._kept.popitem(last=False)
                self.size -= len(dropped)

    def claim(self, key: tuple) -> bool:
        """True: nobody is computing `key`, the caller does and then calls `release`. False:
        another request was, and it has finished (or WAIT has passed): look again."""
        with self._lock:
            computing = self._computing.get(key)
            if computing is None:
                self._computing[key] = threading.Event()
                return True
        computing.wait(WAIT)
        return False

    def release(self, key: tuple) -> None:
        with self._lock:
            computing = self._computing.pop(key, None)
        if computing is not None:
            computing.set()

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._kept)


def shares() -> bool:
    """Whether whoever asks sees what everyone sees: nobody signed in and readers do. Editors
    and admins see their drafts and the outcome of what they just did (flashed messages in
    their session), so theirs are never kept."""
    return current_user_role() in (None, Role.reader)


def install_shared_answers(app: Dash, state: Path) -> Answers:
    """Install after every guard (the look-up runs after theirs) and before compression (the
    keeping runs after it: after_request hooks run last registered first); the files go in
    `state`/answers."""
    answers = Answers(int(settings.get("shared_answers_mb") * 1024 * 1024))
    files_limit = int(settings.get("shared_answer_files_mb") * 1024 * 1024)
    files = AnswerFiles(state / "answers", files_limit, code_stamp())
    server = app.server
    server.extensions["ocse_shared_answers"] = answers
    prefix = app.config.routes_pathname_prefix
    update, layout, dependencies = (prefix + p for p in (UPDATE, LAYOUT, DEPENDENCIES))
    marked: dict[str, bool] = {}

    def is_shared(output: str) -> bool:
        if output not in marked:
            spec = app.callback_map.get(output, {})
            function = inspect.unwrap(spec["callback"]) if "callback" in spec else None
            marked[output] = bool(getattr(function, "shared_answer", False))
        return marked[output]

    def request_key() -> bytes | None:
        """What makes this request's answer, beyond the store version, the language and the
        encodings accepted; None for a request whose answer is never kept."""
        if request.method == "POST" and request.path == update:
            sent = request.get_json(silent=True)  # parsed once: Dash reads Flask's parse
            output = sent.get("output") if isinstance(sent, dict) else None
            if not isinstance(output, str) or not is_shared(output):
                return None
            return hashlib.blake2b(request.get_data(cache=True), digest_size=16).digest()
        if request.method == "GET" and request.path == dependencies:
            return b"dependencies"
        if request.method == "GET" and request.path == layout and current_user_role() is None:
            # a signed-in visitor's holds their name and a sign-out token; the page being
            # opened is drawn in (app/__init__.py `opening`)
            return b"layout " + (request.referrer or "").encode()
        return None

    def on_disk() -> bool:
        # not for a store given in memory (tests): its content hash may not name its content
        return bool(files.limit) and context.follows_store_folder()

    def look_up(key: tuple) -> tuple[bytes, str | None] | None:
        kept = answers.get(key)
        if kept is None and on_disk() and (kept := files.get(key)) is not None:
            answers.put(key, *kept)
        return kept

    @server.before_request
    def answer_from_memory():
        if not answers.limit or not shares():
            return None
        asked = request_key()
        if asked is None:
            return None
        try:
            version = context.store().content_hash
        except StoreError:  # nothing to share: the page says so, and the log why
            return None
        g.shared_answer_key = (
            version,
            current(),
            request.headers.get("Accept-Encoding", ""),
            asked,
        )
        key = g.shared_answer_key
        kept = look_up(key)
        if kept is None:
            if answers.claim(key):
                g.shared_answer_claimed = True  # this request computes it (released at teardown)
            else:
                kept = look_up(key)  # another request was computing it, and has finished
        if kept is None:
            return None
        g.shared_answer_kept = True
        data, encoding = kept
        response = Response(data, 200, mimetype="application/json")
        if encoding:
            response.headers["Content-Encoding"] = encoding  # flask-compress leaves it be
        return response

    @server.after_request
    def keep_answer(response: Response) -> Response:
        key = g.get("shared_answer_key")
        if key is None or g.get("shared_answer_kept") or response.status_code != 200:
            return response
        if response.mimetype != "application/json" or response.direct_passthrough:
            return response
        body, encoding = response.get_data(), response.headers.get("Content-Encoding")
        answers.put(key, body, encoding)
        if on_disk():
            files.put(key, body, encoding)
        return response

    @server.teardown_request
    def let_waiting_requests_look(_error: BaseException | None) -> None:
        if g.pop("shared_answer_claimed", False):
            answers.release(g.shared_answer_key)

    return answers
