"""Any bytes into any reader: only the project's own problem records, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.ingest.catalogue import reference_data
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.ncmec_pdf import read_ncmec_pdf
from dashboard.ingest.normalise import normalise
from dashboard.ingest.readers import READERS
from dashboard.models import Source
from tests.conftest import DATA

SOURCE = Source(
    id="fuzz",
    publisher="p",
    title="t",
    url="https://example.org",
    licence="l",
    reliability="primary",
)
LAYOUTS = {
    "long": TableLayout(
        file="f",
        layout="long",
        defaults={"indicator": "cybertipline_reports"},
        columns={"entity_as_published": "Country", "period": "Year", "value": "Reports"},
    ),
    "wide": TableLayout(
        file="f",
        layout="wide",
        entity_column="Country",
        defaults={"indicator": "cybertipline_reports"},
    ),
    "wdi_csv": TableLayout(file="f", layout="wdi_csv", defaults={"indicator": "population_total"}),
    "owid_csv": TableLayout(
        file="f", layout="owid_csv", defaults={"indicator": "internet_users_pct"}
    ),
}
INDICATORS, RESOLVER, _ = reference_data(DATA)
cells = st.one_of(
    st.sampled_from(
        [
            "Ghana",
            "Philippines",
            "Atlantis",
            "NA",
            "",
            "-",
            "..",
            "1,234",
            "12%",
            "-5",
            "2023",
            "2999",
            "2022-23",
            "x",
            "Côte d'Ivoire",
            '"',
            "*",
        ]
    ),
    st.text(max_size=12),
)
rows = st.lists(st.lists(cells, min_size=1, max_size=6), max_size=8)
headers = st.sampled_from(
    [
        ["Country", "Year", "Reports"],
        ["Country", "2022", "2023"],
        ["Country Name", "Country Code", "Series Name", "Series Code", "2022 [YR2022]"],
        ["Entity", "Code", "Year", "value"],
        ["a"],
    ]
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(header=headers, body=rows, encoding=encodings, layout=st.sampled_from(sorted(LAYOUTS)))
def test_delimited_readers_never_raise(tmp_path, header, body, encoding, layout):
    text = "\n".join(",".join(r) for r in [header, *body])
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    raw = READERS[layout](path, LAYOUTS[layout])
    frame, problems = normalise(raw, SOURCE, INDICATORS, RESOLVER)
    for problem in problems:
        assert problem.reason.value and problem.message


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000))
def test_pdf_reader_never_raises(tmp_path, data):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n" + data)
    raw = read_ncmec_pdf(path)
    assert raw.problems  # random bytes are never a valid NCMEC table
    assert raw.frame.empty


def test_every_raw_pdf_prefix_is_refused_cleanly(tmp_path):
    pdf = Path(DATA).parents[1] / "shared" / "data" / "raw" / "ncmec" / "ncmec-by-esp-2021.pdf"
    data = pdf.read_bytes()
    for fraction in (0.1, 0.5, 0.9):
        path = tmp_path / f"cut{fraction}.pdf"
        path.write_bytes(data[: int(len(data) * fraction)])
        raw = read_ncmec_pdf(path)
        assert raw.problems
