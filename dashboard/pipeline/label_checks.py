"""Build checks that keep every label true (issue 16): each refuses one kind of mislabel, naming
the file, the row and the reason.

- `reliability_vs_domain`: a source read on a page that is not its publisher's own
  (data/publishers.yaml) cannot be primary, and the row carries secondary_source or
  unverified_transcription;
- `quoted_qualifier`: a note that quotes "at least", "more than", "about", "as many as" ... right
  before the row's value needs the matching flag (lower_bound / approximate / upper_bound);
- `priority_vs_reliability`: a secondary page or a transcription cannot outrank the publisher's own
  table: it cannot have a priority number below 30, nor be the preferred figure where a primary
  source gives the same figure.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.publishers import (
    CLASS_FLAG,
    OWN,
    SECONDARY,
    Publishers,
    host_of,
    load_publishers,
    missing_qualifier_flags,
)
from dashboard.models import split_flags

PUBLISHERS_FILE = "publishers.yaml"
PRIMARY = {"primary", "official_statement"}
SECONDARY_RANK = 30  # the priority of secondary pages and transcriptions (data/README.md)


def _problem(file: str, row: int | None, column: str, message: str) -> Problem:
    return Problem(file, row, column, Reason.SANITY_CHECK, message)


def _row(observation: pd.Series | dict) -> int | None:
    row = observation.get("row")
    return None if row is None or pd.isna(row) else int(row)


def _source_file(source_id: str) -> str:
    return f"sources/{source_id}/source.yaml"


def _same_site(host: str, other: str) -> bool:
    last = ".".join(host.split(".")[-2:])
    return bool(last) and (other == last or other.endswith("." + last))


def reliability_vs_domain(
    observations: pd.DataFrame, sources: pd.DataFrame, publishers: Publishers
) -> list[Problem]:
    """Where each row was read against its source's reliability and its own flags."""
    problems = []
    reliability = dict(zip(sources["id"], sources["reliability"], strict=True))
    homes = dict(zip(sources["id"], sources["url"].fillna("").astype(str), strict=True))
    classes: dict[tuple[str, str, bool], str] = {}

    def row_class(source_id: str, url: str, indicator: str) -> str:
        ncmec_id = indicator.startswith("cybertipline_")
        found = classes.get((source_id, url, ncmec_id))
        if found is None:
            if publishers.family_of(source_id) is not None:
                found = publishers.row_class(source_id, url, indicator)
            else:  # a publisher not in the table: its own pages are those of its source url
                host, home = host_of(url), host_of(homes[source_id])
                own = not host or not home or _same_site(home, host) or _same_site(host, home)
                found = OWN if own else SECONDARY
            classes[(source_id, url, ncmec_id)] = found
        return found

    known = observations[observations["source_id"].isin(reliability)]
    columns = ["source_id", "source_url", "indicator", "flags", "file", "row"]
    for source_id, url, indicator, flag_text, file, row in zip(
        *(known[c].astype(object).tolist() for c in columns), strict=True
    ):  # plain lists: iterating Arrow-backed columns row by row is slow
        url = str(url or "")
        kind = row_class(str(source_id), url, str(indicator))
        if kind == OWN:
            continue
        labelled = reliability[source_id]
        flags = set(split_flags(flag_text))
        where = f"{source_id} row read on {url or '(no page)'}"
        row = None if pd.isna(row) else int(row)
        if labelled in PRIMARY:
            problems.append(
                _problem(
                    file,
                    row,
                    "source_url",
                    f"{where}: not the publisher's own page (data/{PUBLISHERS_FILE}), so the "
                    f"source cannot be {labelled}; label it secondary or "
                    "third_party_transcription at priority 30, or split off the rows read "
                    "elsewhere",
                )
            )
        if not flags & set(CLASS_FLAG.values()):
            problems.append(
                _problem(
                    file,
                    row,
                    "flags",
                    f"{where}: not the publisher's own page, so the row needs the flag "
                    f"{CLASS_FLAG[kind]}",
                )
            )
    return problems


def quoted_qualifier(
    observations: pd.DataFrame, exceptions: list[dict[str, str]] | None = None
) -> list[Problem]:
    """A quoted "at least 4%" without lower_bound, "about 57" without approximate, ..."""
    skip = {(e["source"], e["indicator"], e["entity"], str(e["period"])) for e in exceptions or []}
    problems = []
    noted = observations[observations["note"].fillna("").str.strip() != ""]
    for obs in noted.astype(object).to_dict("records"):
        key = (obs["source_id"], obs["indicator"], obs["entity_as_published"], str(obs["period"]))
        if key in skip:
            continue
        missing = missing_qualifier_flags(
            str(obs["note"]), float(obs["value"]), set(split_flags(obs["flags"]))
        )
        if missing:
            problems.append(
                _problem(
                    obs["file"],
                    _row(obs),
                    "flags",
                    f"{obs['source_id']} {obs['indicator']} {obs['entity_as_published']} "
                    f"{obs['period']}: the note quotes a qualifier before the value "
                    f"({str(obs['note'])[:80]!r}) but the row lacks the flag "
                    f"{', '.join(missing)}",
                )
            )
    return problems


def priority_vs_reliability(observations: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """A transcription or a secondary page never outranks the publisher's own table."""
    problems = []
    for _, source in sources.sort_values("id").iterrows():
        if source["reliability"] not in PRIMARY and int(source["priority"]) < SECONDARY_RANK:
            problems.append(
                _problem(
                    _source_file(source["id"]),
                    None,
                    "priority",
                    f"{source['id']} is {source['reliability']} at priority {source['priority']}:"
                    f" a secondary page or transcription cannot rank with the publishers' own "
                    f"tables (10, 20); give it priority {SECONDARY_RANK} or more",
                )
            )
    reliability = sources.set_index("id")["reliability"]
    key = ["indicator", "entity", "period", "category"]
    frame = observations.assign(
        _primary=observations["source_id"].map(reliability).isin(PRIMARY)
    ).fillna({"category": ""})
    # figures given by a primary source whose preferred row is not primary
    some_primary = frame.groupby(key, dropna=False)["_primary"].transform("any")
    wrong = frame[some_primary & frame["preferred"] & ~frame["_primary"]]
    for _, obs in wrong.iterrows():
        same = frame[(frame[key] == obs[key]).all(axis=1) & frame["_primary"]]
        problems.append(
            _problem(
                obs["file"],
                _row(obs),
                "priority",
                f"{' '.join(str(obs[k]) for k in key if str(obs[k]))}: {obs['source_id']} "
                f"({reliability[obs['source_id']]}) is preferred over the publisher's own "
                f"figure from {', '.join(sorted(same['source_id']))}",
            )
        )
    return problems


def label_checks(tables: dict[str, pd.DataFrame], data_dir: Path) -> list[Problem]:
    observations, sources = tables["observations"], tables["sources"]
    problems = priority_vs_reliability(observations, sources)
    path = data_dir / PUBLISHERS_FILE
    if not path.exists():
        return problems
    publishers = load_publishers(path)
    exceptions = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(
        "qualifier_exceptions", []
    )
    problems += reliability_vs_domain(observations, sources, publishers)
    problems += quoted_qualifier(observations, exceptions)
    return problems
