"""Where the map draws a country: its shape at 110m, else a circle at its centroid."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.geometry import centroids, shape_ids
from dashboard.charts.maps import colour_values, with_positions


def test_large_countries_have_shapes_and_small_states_circles():
    frame = with_positions(pd.DataFrame({"entity": ["PHL", "SGP", "XXX"]}))
    assert frame["has_shape"].tolist() == [True, False, False]
    assert "SGP" in centroids() and "SGP" not in shape_ids()
    lon, lat = frame.loc[1, ["lon", "lat"]]
    assert 103 < lon < 105 and 0 < lat < 2  # Singapore
    assert frame.loc[2, ["lon", "lat"]].isna().all()  # not on the map: the notes say so


def test_log_colours_label_real_numbers():
    z, low, high, ticks = colour_values(pd.Series([10.0, 1_000.0, 100_000.0]), log=True)
    assert z.tolist() == [1.0, 3.0, 5.0]
    assert (low, high) == (1.0, 5.0)
    assert ticks["ticktext"] == ["10", "100", "1k", "10k", "100k"]
