"""Reading the served version: which it is, its tidy rows (with source, URL, flags and the
citation the exports carry), its indicators and its sources."""

from __future__ import annotations

import json
import re

import pandas as pd
from flask import Blueprint, Response, jsonify, request

from dashboard.app import context
from dashboard.app.api.common import BadParameter, plain_refusal
from dashboard.exports.csv import csv_with_citation
from dashboard.exports.tidy import tidy_rows
from dashboard.exports.xlsx import export_citation_lines
from dashboard.store.read import StoreData

FORMATS = ("json", "csv")
OBSERVATION_PARAMETERS = ("indicator", "entity", "year", "format")
YEAR = re.compile(r"[0-9]{4}")
INDICATOR_FIELDS = ["id", "name", "unit", "theme", "publisher", "definition", "measures"]
INDICATOR_FIELDS += ["caveats", "summable", "counts"]
SOURCE_FIELDS = ["id", "publisher", "title", "year_published", "url", "licence", "reliability"]
SOURCE_FIELDS += ["priority", "caveats", "citation"]


def register(blueprint: Blueprint) -> None:
    blueprint.add_url_rule("/version", "version", version, methods=["GET"])
    blueprint.add_url_rule("/observations", "observations", observations, methods=["GET"])
    blueprint.add_url_rule("/indicators", "indicators", indicators, methods=["GET"])
    blueprint.add_url_rule("/sources", "sources", sources, methods=["GET"])
    blueprint.register_error_handler(BadParameter, lambda exc: plain_refusal(exc.message))


def version() -> Response:
    store = context.store()
    return jsonify({"content_hash": store.content_hash, "built_at": store.built_at or None})


def observations() -> Response:
    store = context.store()
    query = observation_query(store)
    rows = tidy_rows(store, query["indicator"], query["entity"], query["year"])
    filters = {k: query[k] for k in ("indicator", "entity", "year")}
    citation = export_citation_lines(store, rows, filters)
    if query["format"] == "csv":
        name = f"ocse-observations-{store.content_hash[:12]}.csv"
        return Response(
            csv_with_citation(rows, citation),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    # the rows written by pandas straight into the body: parsing them back into Python objects
    # only for jsonify to write them again doubles the time of a whole-store answer
    head = json.dumps({"content_hash": store.content_hash, "citation": citation})
    body = head[:-1] + ', "rows": ' + rows.to_json(orient="records", force_ascii=False) + "}"
    return Response(body, mimetype="application/json")


def observation_query(store: StoreData) -> dict:
    """The filters as the store knows them, or a BadParameter naming the one refused."""
    for name in request.args:
        if name not in OBSERVATION_PARAMETERS:
            raise BadParameter(name, "not a parameter of this request")
        if len(request.args.getlist(name)) > 1:
            raise BadParameter(name, "give it at most once")
    indicator = request.args.get("indicator", "").strip() or None
    if indicator is not None and indicator not in set(store.indicators["id"]):
        raise BadParameter("indicator", "not an indicator of this store (see /api/v1/indicators)")
    entity = request.args.get("entity", "").strip().upper() or None
    if entity is not None and entity not in set(store.entities["code"]):
        raise BadParameter("entity", "not a country or group code of this store (e.g. PHL)")
    year_text = request.args.get("year", "").strip()
    if year_text and not YEAR.fullmatch(year_text):
        raise BadParameter("year", "a year is four digits, e.g. 2022")
    form = request.args.get("format", "json").strip().lower() or "json"
    if form not in FORMATS:
        raise BadParameter("format", "use csv or json")
    year = int(year_text) if year_text else None
    return {"indicator": indicator, "entity": entity, "year": year, "format": form}


def indicators() -> Response:
    return jsonify(records(context.store().indicators[INDICATOR_FIELDS]))


def sources() -> Response:
    return jsonify(records(context.store().sources[SOURCE_FIELDS]))


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON objects: missing values as null, lists as lists."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))
