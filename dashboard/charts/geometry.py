"""What the served map geometry can draw: country shapes at 110m, positions for the rest.

Read once from the same topojson files the browser loads from /assets/geo/, so "has a shape"
means exactly what Plotly will draw. A country with data but no 110m shape (Singapore,
Bahrain, Malta, ...) is drawn as a circle at the centroid Natural Earth gives it at 50m.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

# fetched by `make geo` from the npm registry; the app serves the folder at /assets/geo/
GEO_DIR = Path(__file__).resolve().parents[1] / "app" / "assets" / "geo"
RESOLUTION = 110


def _countries(resolution: int) -> list[dict]:
    path = GEO_DIR / f"world_{resolution}m.json"
    if not path.exists():
        return []
    topology = json.loads(path.read_text(encoding="utf-8"))
    return topology["objects"]["countries"]["geometries"]


@lru_cache(maxsize=1)
def shape_ids() -> frozenset[str]:
    """ISO3 codes that have a polygon in the map the page draws."""
    return frozenset(g["id"] for g in _countries(RESOLUTION) if g.get("id"))


@lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    """ISO3 -> (lon, lat): Natural Earth's label point, 50m first, 110m where 50m lacks one."""
    points: dict[str, tuple[float, float]] = {}
    for resolution in (110, 50):
        for geometry in _countries(resolution):
            centre = geometry.get("properties", {}).get("ct")
            if geometry.get("id") and centre:
                points[geometry["id"]] = (float(centre[0]), float(centre[1]))
    return points
