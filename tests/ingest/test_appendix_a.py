"""NCMEC's yearly CyberTipline totals 1998-2018 from Appendix A of the CY2023 OJJDP report
(PDF page 20): the primary reading is preferred to the earlier transcription of the same figures,
and the 1998 figure the narrative contradicts is flagged."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.ingest.catalogue import read_source, resolve_repeats, source_metas
from dashboard.ingest.reference import load_reference

DATA = Path(__file__).resolve().parents[2] / "data"


def test_appendix_a_is_preferred_and_1998_is_doubtful() -> None:
    reference, _ = load_reference(DATA)
    metas = {m.id: (f, m) for f, m in source_metas(DATA)[0]}
    ids = ["ncmec-ojjdp-cy2023-appxa", "ncmec_ctl_totals"]
    frame = pd.concat([read_source(*metas[s], reference, DATA)[0] for s in ids], ignore_index=True)
    resolved, _ = resolve_repeats(frame, {s: metas[s][1].source() for s in ids})
    chosen = resolved[resolved["preferred"]].set_index("year")
    # "CY2018 (1/1/18-12/31/18) 18,462,422" and "CY1998 (1/1/98-12/31/98) 4,560"
    assert chosen.loc[2018, "value"] == 18_462_422
    assert chosen.loc[2018, "source_id"] == "ncmec-ojjdp-cy2023-appxa"
    assert chosen.loc[1998, "value"] == 4_560 and chosen.loc[1998, "flags"] == "doubtful"
    appendix = resolved[resolved["source_id"] == ids[0]]
    assert sorted(appendix["year"]) == list(range(1998, 2019))
