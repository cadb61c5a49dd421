"""The Publish form's routes, without a browser: an upload larger than the site's 1 MB request
limit is read (up to the upload limit), a bad file becomes a preview listing its problems, and
only its editor can open that preview."""

from __future__ import annotations

import io

from tests.app.auth.conftest import route_callback, sign_in, signout_token


def test_a_large_bad_upload_is_read_and_previewed_with_its_problems(
    make_app, tmp_path, monkeypatch
):
    monkeypatch.setenv("OCSE_STORE", str(tmp_path / "store"))
    app = make_app()
    editor, other = app.server.test_client(), app.server.test_client()
    sign_in(editor, "eddie")
    sign_in(other, "ada")
    junk = bytes(range(256)) * 12_000  # 3 MB that is not a table
    answer = editor.post(
        "/publish/preview",
        data={
            "csrf_token": signout_token(editor),
            "file": (io.BytesIO(junk), "x.csv"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 303, answer.text
    draft = answer.headers["Location"].split("draft=")[1]
    shown = route_callback(editor, "/publish", f"?draft={draft}").text
    assert "Not publishable" in shown and "unsupported_type" in shown and "x.csv" in shown
    assert "Not publishable" not in route_callback(other, "/publish").text
