"""Line charts never join a line across a series break, and draw the break."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.series import with_segments
from dashboard.charts.lines import line_chart
from dashboard.charts.style import BREAK_COLOUR


def series() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "entity": ["PHL"] * 4,
            "year": [2022, 2023, 2024, 2025],
            "value": [10.0, 20.0, 5.0, 6.0],
            "flags": "",
            "source_id": "s",
        }
    )
    return with_segments(frame, [2024])


def test_a_break_splits_the_line_and_is_drawn_where_it_falls():
    figure = line_chart(series(), {"PHL": "Philippines"}, [2024], "reports")
    assert [list(t.x) for t in figure.data] == [[2022, 2023], [2024, 2025]]
    assert [t.showlegend for t in figure.data] == [True, False]  # one legend entry
    (shape,) = figure.layout.shapes
    assert shape.x0 == 2023.5 and shape.line.color == BREAK_COLOUR
    (note,) = figure.layout.annotations
    assert note.text == "series break 2024: not comparable with earlier years"


def test_a_break_outside_the_years_shown_is_not_drawn():
    figure = line_chart(series(), {}, [2030], "reports")
    assert figure.layout.shapes == () and figure.layout.annotations == ()
