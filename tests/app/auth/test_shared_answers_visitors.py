"""Answers readers share (app/shared_answers.py) never cross what a visitor may see: an editor's
pages (drafts, the outcome of what they just did) are never kept, and a private site's guard
runs before any kept answer is handed out."""

from __future__ import annotations

from tests.app.auth.conftest import route_callback, sign_in


def answers_of(app):
    return app.server.extensions["ocse_shared_answers"]


def test_an_editors_pages_are_never_kept(make_app):
    app = make_app()
    editor, reader = app.server.test_client(), app.server.test_client()
    sign_in(editor, "eddie")
    sign_in(reader, "rita")
    for _ in range(2):
        assert "Upload" in route_callback(editor, "/publish").get_data(as_text=True)
        assert route_callback(editor, "/map").status_code == 200
    refused = route_callback(reader, "/publish").get_data(as_text=True)
    assert "Upload" not in refused
    assert "for editors and admins" in refused
    assert answers_of(app).hits == 0
    assert len(answers_of(app)) == 1  # the reader's refusal


def test_a_private_site_hands_a_kept_answer_only_to_the_signed_in(make_app):
    app = make_app(private=True)
    reader, stranger = app.server.test_client(), app.server.test_client()
    sign_in(reader, "rita")
    assert route_callback(reader, "/map").status_code == 200
    assert route_callback(stranger, "/map").status_code == 401
    assert route_callback(reader, "/map").status_code == 200
    assert answers_of(app).hits == 1


def test_the_page_shell_is_kept_only_for_visitors_not_signed_in(make_app):
    app = make_app()
    stranger, reader = app.server.test_client(), app.server.test_client()
    first = stranger.get("/_dash-layout")
    assert stranger.get("/_dash-layout").get_data() == first.get_data()
    assert answers_of(app).hits == 1
    sign_in(reader, "rita")
    assert "rita" in reader.get("/_dash-layout").get_data(as_text=True)
    assert "rita" in reader.get("/_dash-layout").get_data(as_text=True)
    assert "rita" not in stranger.get("/_dash-layout").get_data(as_text=True)
    assert answers_of(app).hits == 2  # the stranger's second and third, never the reader's
