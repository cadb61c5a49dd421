"""The store's tables, in a fixed order, and the content hash that names a store by them."""

from __future__ import annotations

import hashlib

import pandas as pd

TABLE_ORDER = [
    "sources",
    "indicators",
    "entities",
    "observations",
    "notices",
    "units",
    "measures",
    "groups",
    "corrections",
    "translations",
]
# 2: units, measures and groups (the focus countries); typed caveats. 3: corrections.
# 4: translations of data/'s texts
SCHEMA_VERSION = "4"


def content_hash(tables: dict[str, pd.DataFrame]) -> str:
    """sha256 of every table's rows in a fixed order: same inputs, same hash."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in TABLE_ORDER:
        frame = tables[name]
        frame = frame.sort_values(list(frame.columns), kind="stable") if len(frame) else frame
        digest.update(name.encode())
        digest.update(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return digest.hexdigest()
