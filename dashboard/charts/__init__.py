"""Plotly figures and everything drawn with them: style, lines, the map, geometry, ticks, source
lines. No Dash: the app, the briefs and the notebooks draw the same charts from here."""
