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
    shown = editor.post(
        "/_dash-update-component",
        json={
            "output": "..page.children...site-footer-text.children..",
            "outputs": [
                {"id": "page", "property": "children"},
                {"id": "site-footer-text", "property": "children"},
            ],
            "inputs": [{"id": "url", "property": "pathname", "value": "/publish"}],
            "changedPropIds": ["url.pathname"],
            "state": [
                {"id": "url", "property": "search", "value": f"?draft={draft}"},
                {"id": "page-opened", "property": "data", "value": None},
            ],
        },
    ).text
    assert "Not publishable" in shown and "unsupported_type" in shown and "x.csv" in shown
    assert "Not publishable" not in route_callback(other, "/publish").text
