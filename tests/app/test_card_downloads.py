"""Chart-card downloads are derived on the server: the browser's card store holds a key (the
view's validated state), never rows, citation lines or a file name the server would trust."""

from __future__ import annotations

import base64
import io
import re

import openpyxl
import pandas as pd
import pytest

from dashboard.app.components.cards import CARD_FILES, CardFile, safe_filename

UPDATE = "/_dash-update-component"
SAFE_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(csv|xlsx)$")


@pytest.fixture(scope="module")
def app(shipped_store):
    from dashboard.app import create_app

    built = create_app(shipped_store)
    built.server.test_client().get("/")
    return built


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def download(client, kind: str, card: str, data: object):
    body = {
        "output": f'{{"card":["MATCH"],"type":"{kind}-download"}}.data',
        "outputs": {"id": {"card": card, "type": f"{kind}-download"}, "property": "data"},
        "inputs": [
            {"id": {"card": card, "type": f"{kind}-btn"}, "property": "n_clicks", "value": 1}
        ],
        "state": [{"id": {"card": card, "type": "card-data"}, "property": "data", "value": data}],
        "changedPropIds": [f'{{"card":"{card}","type":"{kind}-btn"}}.n_clicks'],
    }
    return client.post(UPDATE, json=body)


def sent_file(response, kind: str, card: str) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"][f'{{"card":"{card}","type":"{kind}-download"}}']["data"]


def csv_rows(content: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(content), comment="#")


def test_every_card_on_every_page_has_a_server_side_file(app):
    from dashboard.app.pages import all_pages

    cards = set()
    for page in all_pages():
        if page.needs:
            continue  # the Publish page: forms, no cards
        tree = page.layout(page.path + ("PHL" if page.prefix else ""), {})
        for component in tree._traverse():
            ident = getattr(component, "id", None)
            if isinstance(ident, dict) and ident.get("type") == "card-data":
                cards.add(ident["card"])
    assert cards and cards <= set(CARD_FILES), cards - set(CARD_FILES)
    for card, rebuild in CARD_FILES.items():
        made = rebuild({"country": "PHL"} if card == "country" else {})
        assert isinstance(made, CardFile) and len(made.frame) and made.header, card
        assert SAFE_NAME.match(made.name + ".csv"), made.name


def test_the_card_store_holds_only_a_key_and_a_name(app, client):
    from tests.app.test_forged_requests import map_request

    response = client.post(UPDATE, json=map_request(app, year=2021, norm="per_100k_population"))
    data = response.get_json()["response"]['{"card":"map","type":"card-data"}']["data"]
    assert set(data) == {"key", "filename"}
    assert "year=2021" in data["key"] and "norm=per_100k_population" in data["key"]
    sent = sent_file(download(client, "csv", "map", data), "csv", "map")
    assert sent["filename"] == "cybertipline_reports_2021_per_100k_population_log.csv"
    rows = csv_rows(sent["content"])
    assert (rows["year"] == 2021).all() and len(rows) > 100
    xlsx = sent_file(download(client, "xlsx", "map", data), "xlsx", "map")
    assert xlsx["filename"] == sent["filename"].replace(".csv", ".xlsx")


FORGED_DATA = [
    {"key": "?indicator=cybertipline_reports&year=2021", "filename": "a\r\nSet-Cookie: x=1"},
    {"key": "?indicator=../../etc/passwd&year=2021", "filename": "../../etc/passwd"},
    {
        "key": "?year=2021",
        "records": [{"year": '=HYPERLINK("http://x")'}],
        "columns": ["year"],
        "header": ["title\n=1+1"],
        "filename": "../../etc/passwd",
    },
]


@pytest.mark.parametrize("data", FORGED_DATA)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_rows_and_file_names_never_come_from_the_client(client, kind, data):
    sent = sent_file(download(client, kind, "map", data), kind, "map")
    assert SAFE_NAME.match(sent["filename"]), sent["filename"]
    assert sent["filename"].startswith("cybertipline_reports_2021_raw_log.")
    if kind == "csv":
        assert "HYPERLINK" not in sent["content"] and "=1+1" not in sent["content"]
        assert (csv_rows(sent["content"])["year"] == 2021).all()
    else:
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(sent["content"])))
        header, *rows = book["Data"].iter_rows(values_only=True)
        assert {row[header.index("year")] for row in rows} == {2021}


def test_a_forged_code_or_card_downloads_nothing(client):
    assert download(client, "csv", "country", {"key": "?country=../../x"}).status_code == 204
    assert download(client, "csv", "bogus", {"key": ""}).status_code == 400
    assert download(client, "csv", "map", {"key": ["x"]}).status_code == 400
    assert download(client, "csv", "map", None).status_code == 200  # not filled yet: nothing


@pytest.mark.parametrize(
    "parts, expected",
    [
        (("a\r\nSet-Cookie: x=1",), "a-Set-Cookie-x-1"),
        (("..", "..", "etc", "passwd"), "etc_passwd"),
        (("../../etc/passwd",), "etc-passwd"),
        (("PHL", "cybertipline_reports", 2021), "PHL_cybertipline_reports_2021"),
        (("...",), "chart"),
    ],
)
def test_safe_filename(parts, expected):
    assert safe_filename(*parts) == expected
