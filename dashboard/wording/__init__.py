"""The words around numbers: how a value, a change, a rank, a unit, a qualifier, a source and a
whole sentence are written. Shared by the app, the briefs and the notebooks; no Dash here."""
