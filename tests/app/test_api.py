"""The HTTP API (/api/v1): reads that cite their sources and name their version, parameters
refused by name, publishing for editors only (previewed, published, serialised, size-limited),
and an OpenAPI document that is valid and describes every route."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
import yaml
from argon2 import PasswordHasher
from openapi_spec_validator import validate

from dashboard import accounts
from dashboard.app import context, create_app
from dashboard.app.api import publications as publications_route
from dashboard.exports.tidy import TIDY_COLUMNS
from dashboard.pipeline.operations import rebuild
from dashboard.pipeline.publications import About
from dashboard.store import audit
from dashboard.store.lock import writer
from dashboard.store.versions import current_hash
from tests.app.auth.conftest import PASSWORD, sign_in
from tests.pipeline.test_changes import CSV, small_data, snapshot

PHILIPPINES_2022 = "/api/v1/observations?indicator=cybertipline_reports&entity=PHL&year=2022"
ABOUT = {
    "publisher": "Example Ministry",
    "title": "Example reports 2024",
    "url": "https://example.org/reports-2024",
    "year": "2025",
    "licence": "CC BY 4.0",
    "reliability": "primary",
    "indicator": "cybertipline_reports",
    "unit": "reports",
}


@pytest.fixture
def state(tmp_path, monkeypatch):
    """Accounts for a reader, an editor and an admin (fast hashes: test speed only)."""
    monkeypatch.setattr(
        accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    monkeypatch.setattr(accounts, "_unknown_user_hash", None)
    for variable in ("OCSE_PRIVATE", "OCSE_SECRET_KEY", "OCSE_TRUSTED_PROXIES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.delenv("OCSE_UPLOAD_LIMIT_MB", raising=False)
    folder = tmp_path / "state"
    for name, role in [("rita", "reader"), ("eddie", "editor"), ("ada", "admin")]:
        accounts.add_user(folder, name, PASSWORD, role)
    return folder


def bearer(state, name: str) -> dict:
    return {"Authorization": f"Bearer {accounts.new_token(state, name)}"}


@pytest.fixture
def client(shipped_store, state):
    return create_app(shipped_store, state).server.test_client()


@pytest.fixture
def place(tmp_path, state, monkeypatch):
    """A small data/ and its store folder, served by an app that follows the store's versions,
    as a running server does."""
    data, store = small_data(tmp_path), tmp_path / "store"
    assert rebuild(data, store, "tester").ok
    monkeypatch.setenv("OCSE_DATA", str(data))
    monkeypatch.setenv("OCSE_STORE", str(store))
    for name, value in [("_fixed", None), ("_served", None), ("_stamp", None), ("_checked", 0.0)]:
        monkeypatch.setattr(context, name, value)
    monkeypatch.setattr(publications_route, "WAIT", 0.2)
    client = create_app(None, state).server.test_client()
    return data, store, client


def post(client, about=None, content: bytes = CSV, name: str = "figures.csv", **kwargs):
    form = dict(ABOUT if about is None else about)
    if content is not None:
        form["file"] = (io.BytesIO(content), name)
    return client.post("/api/v1/publications", data=form, **kwargs)


# --- reading ------------------------------------------------------------------------------------


def test_version_names_the_store_served(client, shipped_store):
    response = client.get("/api/v1/version")
    assert response.status_code == 200
    assert response.json == {
        "content_hash": shipped_store.content_hash,
        "built_at": shipped_store.built_at or None,  # a single store file keeps no date
    }
    assert response.headers["X-Content-Hash"] == shipped_store.content_hash


def test_observations_as_json_carry_source_url_and_citation(client, shipped_store):
    response = client.get(PHILIPPINES_2022)
    assert response.status_code == 200
    assert response.headers["X-Content-Hash"] == shipped_store.content_hash
    body = response.json
    assert body["content_hash"] == shipped_store.content_hash
    (row,) = [r for r in body["rows"] if r["source_id"] == "ncmec-bycountry-2022"]
    assert row["value"] == 2_576_182  # NCMEC's 2022 by-country PDF, Philippines
    assert row["entity_name"] == "Philippines" and row["year"] == 2022
    assert row["source_url"] and row["citation"] and "flags" in row
    assert shipped_store.content_hash in body["citation"][1]
    assert any(line.startswith("[ncmec-bycountry-2022] ") for line in body["citation"])


def test_observations_as_csv_start_with_the_exports_citation(client, shipped_store):
    response = client.get(PHILIPPINES_2022 + "&format=csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = response.text.splitlines()
    assert lines[0] == "# OCSE Statistics Dashboard: tidy export of published statistics"
    assert shipped_store.content_hash in lines[1]
    assert any(line.startswith("# [ncmec-bycountry-2022] National Center") for line in lines)
    header = next(line for line in lines if not line.startswith("#"))
    assert header.startswith("indicator,indicator_name,entity,")
    (row,) = [line for line in lines if ",ncmec-bycountry-2022," in line]
    assert ",2576182.0," in row


def test_csv_cells_that_look_like_formulas_are_neutralised(shipped_store, state):
    observations = shipped_store.observations.copy()
    observations["entity_as_published"] = observations["entity_as_published"].astype(object)
    philippines = observations["entity"] == "PHL"
    observations.loc[philippines, "entity_as_published"] = '=HYPERLINK("http://evil")'
    forged = replace(shipped_store, observations=observations)
    client = create_app(forged, state).server.test_client()
    text = client.get(PHILIPPINES_2022 + "&format=csv").text
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("indicator=no_such_indicator", "indicator"),
        ("indicator=cybertipline_reports'%20OR%201=1--", "indicator"),
        ("entity=ZZZ", "entity"),
        ("entity=../../etc/passwd", "entity"),
        ("year=twenty", "year"),
        ("year=2022.5", "year"),
        ("year=99999999999999999999", "year"),
        ("format=xml", "format"),
        ("year=2022&year=2023", "year"),
        ("sql=select", "sql"),
    ],
)
def test_forged_parameters_are_refused_by_name(client, query, named):
    response = client.get("/api/v1/observations?" + query)
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert response.text.startswith(f"{named}: ")
    assert "passwd" not in response.text and "select" not in response.text


def test_indicators_and_sources_list_the_store(client):
    indicators = client.get("/api/v1/indicators")
    assert indicators.status_code == 200
    reports = next(i for i in indicators.json if i["id"] == "cybertipline_reports")
    assert reports["unit"] == "reports" and reports["caveats"]
    sources = client.get("/api/v1/sources").json
    ncmec = next(s for s in sources if s["id"] == "ncmec-bycountry-2022")
    assert ncmec["publisher"].startswith("National Center for Missing")
    assert ncmec["citation"] and ncmec["url"]


def test_a_private_site_reads_only_for_accounts(shipped_store, state, monkeypatch):
    monkeypatch.setenv("OCSE_PRIVATE", "true")
    client = create_app(shipped_store, state).server.test_client()
    for path in ["/api/v1/version", PHILIPPINES_2022, "/api/v1/sources", "/api/v1/openapi.json"]:
        assert client.get(path).status_code == 401, path
    reader = bearer(state, "rita")
    assert client.get(PHILIPPINES_2022, headers=reader).status_code == 200
    assert (
        client.get("/api/v1/version", headers={"Authorization": "Bearer nope"}).status_code == 401
    )


# --- publishing ---------------------------------------------------------------------------------


def test_publishing_needs_an_editor(client, state):
    assert post(client).status_code == 401
    assert "Bearer" in post(client).headers["WWW-Authenticate"]
    assert post(client, headers={"Authorization": "Bearer forged"}).status_code == 401
    refused = post(client, headers=bearer(state, "rita"))
    assert refused.status_code == 403 and "editor" in refused.text


def test_a_single_store_file_cannot_be_published_to(client, state, shipped_store_path, monkeypatch):
    monkeypatch.setenv("OCSE_STORE", str(shipped_store_path))
    response = post(client, headers=bearer(state, "eddie"))
    assert response.status_code == 503 and "single store file" in response.json["error"]


def test_a_signed_in_editor_needs_the_csrf_token(client):
    sign_in(client, "eddie")
    refused = post(client)
    assert refused.status_code == 400 and "CSRF" in refused.text


def test_a_missing_file_or_bad_metadata_is_named(place, state):
    _, _, client = place
    editor = bearer(state, "eddie")
    missing = post(client, content=None, headers=editor)
    assert missing.status_code == 400
    assert [p["column"] for p in missing.json["problems"]] == ["file"]
    bad = post(client, {**ABOUT, "reliability": "rumour"}, headers=editor)
    assert bad.status_code == 400
    assert {p["column"] for p in bad.json["problems"]} == {"reliability"}
    no_publisher = {k: v for k, v in ABOUT.items() if k != "publisher"}
    assert post(client, no_publisher, headers=editor).json["problems"][0]["column"] == "publisher"
    year = post(client, {**ABOUT, "year": "soon"}, headers=editor)
    assert year.json["problems"][0]["column"] == "year"


def test_a_dry_run_previews_and_changes_nothing(place, state):
    data, store, client = place
    before, files = current_hash(store), snapshot(data)
    response = post(client, headers=bearer(state, "eddie"), query_string={"dry_run": "true"})
    assert response.status_code == 200, response.json
    preview = response.json
    assert preview["ok"] and preview["row_count"] == 2 and preview["base_hash"] == before
    values = {r["entity"]: r["value"] for r in preview["rows"]}
    assert values == {"GHA": 1234, "PHL": 56}
    assert current_hash(store) == before and snapshot(data) == files


def test_a_dry_run_with_errors_is_400_with_the_preview(place, state):
    data, store, client = place
    before = current_hash(store)
    form = {**ABOUT, "dry_run": "true"}
    response = post(client, form, b"country,year,value\nGhana,2024,lots\n",
                    headers=bearer(state, "eddie"))  # fmt: skip
    assert response.status_code == 400
    assert not response.json["ok"]
    assert "bad_number" in {p["reason"] for p in response.json["problems"]}
    assert current_hash(store) == before


def test_a_publication_goes_live_and_is_recorded(place, state):
    data, store, client = place
    before = client.get("/api/v1/version").json["content_hash"]
    about = {**ABOUT, "caveats": ["Counts reports, not victims.", "Provisional."]}
    response = post(client, about, name="../../etc/passwd", headers=bearer(state, "eddie"))
    assert response.status_code == 201, response.json
    body = response.json
    assert body["previous_hash"] == before and body["content_hash"] != before
    assert body["source"] == "example-reports-2024-2025" and body["rows_added"] == 2
    assert response.headers["X-Content-Hash"] == body["content_hash"]
    assert client.get("/api/v1/version").json["content_hash"] == body["content_hash"]
    rows = client.get("/api/v1/observations?entity=GHA&year=2024").json["rows"]
    assert [(r["source_id"], r["value"]) for r in rows] == [(body["source"], 1234)]
    folder = data / "sources" / body["source"]
    assert sorted(p.name for p in folder.iterdir()) == ["source.yaml", "table.csv"]
    assert not (data.parent / "etc").exists()
    meta = yaml.safe_load((folder / "source.yaml").read_text())
    assert meta["caveats"] == ["Counts reports, not victims.", "Provisional."]
    assert "'../../etc/passwd'" in meta["notes"]  # named as a label, nowhere else
    record = audit.history(store)[0]
    assert record["who"] == "eddie" and record["action"] == "publish"
    again = post(client, headers=bearer(state, "eddie"))
    assert again.status_code == 400 and "already published" in again.json["problems"][0]["message"]


def test_a_refused_publication_changes_nothing(place, state):
    data, store, client = place
    before, files = current_hash(store), snapshot(data)
    response = post(
        client, content=b"\x89PNG\r\n\x1a\n" + bytes(100), headers=bearer(state, "eddie")
    )
    assert response.status_code == 400
    assert response.json["problems"][0]["reason"] == "unsupported_type"
    assert current_hash(store) == before and snapshot(data) == files


@pytest.mark.parametrize("dry_run", ["false", "true"])
def test_a_second_change_at_once_is_409(place, state, dry_run):
    data, store, client = place
    before = current_hash(store)
    with writer(store, "ada", "rollback"):
        response = post(client, {**ABOUT, "dry_run": dry_run}, headers=bearer(state, "eddie"))
    assert response.status_code == 409
    assert "rollback by ada" in response.json["error"]
    assert current_hash(store) == before


def test_a_file_over_the_upload_limit_is_413(place, state, monkeypatch):
    data, store, client = place
    monkeypatch.setenv("OCSE_UPLOAD_LIMIT_MB", "0.001")  # 1,000 bytes
    before, editor = current_hash(store), bearer(state, "eddie")
    over = b"country,year,value\n" + b"Ghana,2024,1\n" * 400
    response = post(client, content=over, headers=editor)
    assert response.status_code == 413
    assert "upload limit" in response.json["error"]
    huge = post(client, content=b"x" * 1_100_000, headers=editor)  # over what the body may be
    assert huge.status_code == 413 and "OCSE_UPLOAD_LIMIT_MB" in huge.json["error"]
    assert "0.001 MB" in huge.json["error"]
    assert current_hash(store) == before


# --- the document ------------------------------------------------------------------------------


def test_the_openapi_document_is_valid_and_describes_every_route(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    validate(document)
    assert document["openapi"].startswith("3.1")
    routes = {
        (rule.rule, method.lower())
        for rule in client.application.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {(path, method) for path, item in document["paths"].items() for method in item}
    assert described == routes
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    publish = document["paths"]["/api/v1/publications"]["post"]
    assert {"201", "400", "401", "403", "409", "413"} <= set(publish["responses"])
    form = publish["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    fields = document["components"]["schemas"][form.rsplit("/", 1)[1]]["properties"]
    assert {"file", "publisher", "title", "url", "year", "licence", "reliability"} <= set(fields)
    assert set(fields) == set(About.model_fields) | {"file", "dry_run"}
    parameters = document["paths"]["/api/v1/observations"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == ["indicator", "entity", "year", "format"]
    row = document["components"]["schemas"]["Observation"]["properties"]
    assert set(row) == set(TIDY_COLUMNS)
