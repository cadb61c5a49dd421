"""PDF and HTML briefs: what a reader finds in them, the map drawn, every chart cited, no
request leaving the file."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from dashboard.exports import brief_charts as charts
from dashboard.exports.brief import BriefError, build_brief
from dashboard.exports.brief import render as render_brief
from dashboard.exports.images import render
from tests.exports.conftest import in_chromium


def pdf_text(pdf: bytes, folder: Path, first: int, last: int) -> str:
    (folder / "brief.pdf").write_bytes(pdf)
    pages = ["-f", str(first), "-l", str(last)]
    done = subprocess.run(
        ["pdftotext", "-layout", *pages, "brief.pdf", "-"], cwd=folder, capture_output=True
    )
    return done.stdout.decode("utf-8")


def test_the_pdf_opens_with_the_country_and_its_figures(phl_pdf, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: run `make chromium` (installs poppler-utils)")
    assert phl_pdf.startswith(b"%PDF")
    first = " ".join(pdf_text(phl_pdf, tmp_path, 1, 1).split())
    assert "Philippines" in first
    assert "2,740,905" in first  # NCMEC 2023, data/sources/ncmec-bycountry-2023/table.csv
    every = " ".join(pdf_text(phl_pdf, tmp_path, 1, 99).split())
    assert "Sources" in every and "missingkids.org" in every
    assert "store " in every  # stamped with the store's content hash


def test_pdf_has_every_page_with_the_charts(phl_pdf, tmp_path):
    (tmp_path / "brief.pdf").write_bytes(phl_pdf)
    info = subprocess.run(["pdfinfo", "brief.pdf"], cwd=tmp_path, capture_output=True, text=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    assert 4 <= pages <= 20
    assert "A4" in info.stdout


def test_map_image_is_drawn(phl_brief):
    """Offline, a choropleth without its geometry is blank: countries must be coloured."""
    figure = next(f for f in phl_brief.figures() if f.key == "map")
    image = Image.open(io.BytesIO(figure.png)).convert("RGB")
    assert image.width >= 1600  # laid out at 700 CSS px, rendered at 2.5x
    small = image.resize((image.width // 5, image.height // 5))
    colours = small.getcolors(maxcolors=100_000)
    assert len(colours) > 200
    yellow = sum(n for n, (r, g, b) in colours if r > 200 and g > 180 and b < 120)
    assert yellow > 50  # the top of the cividis scale: India, the Philippines


def test_every_chart_carries_its_source_line(shipped_store):
    """The source is drawn inside each image, so a chart copied out of the brief still cites."""
    figures = [
        charts.choropleth(shipped_store, "cybertipline_reports", 2023, "PHL"),
        charts.comparison(shipped_store, "cybertipline_reports", "PHL", "raw", log=True),
        charts.region_peers(
            shipped_store, "cybertipline_reports", "PHL", 2023, "per_100k_internet_users"
        ),
    ]
    for chart in figures:
        svg = render(chart.figure, chart.height, fmt="svg").decode("utf-8")
        drawn = " ".join(re.findall(r">([^<>]+)<", svg))  # the text of every text and tspan
        assert "Source: National Center for Missing &amp; Exploited Children" in drawn, chart.alt


def test_html_makes_no_external_request(phl_brief, tmp_path):
    html = render_brief(phl_brief, "html").decode("utf-8")
    assert "<script" not in html
    path = tmp_path / "brief.html"
    path.write_text(html, encoding="utf-8")

    def open_file(browser):
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        loaded = page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
        return requests, loaded, page.inner_text("h1")

    requests, loaded, title = in_chromium(open_file)
    assert loaded and title.startswith("Philippines")
    assert requests and all(u.startswith(("file:", "data:")) for u in requests), requests


def test_unknown_subject_is_a_clear_error(shipped_store):
    with pytest.raises(BriefError, match="neither a country code .* nor a theme"):
        build_brief(shipped_store, "XYZ")


def test_modus_operandi_brief(shipped_store):
    made = build_brief(shipped_store, "modus-operandi")
    html = render_brief(made, "html").decode("utf-8")
    assert "Modus operandi" in made.title and len(made.figures()) == 4
    assert "January-June" in html and "financial sextortion" in html
    assert made.tables()["incident-types"].rows[0][0] == "apparent child sexual abuse material"
    assert Path(made.filename("pdf")).suffix == ".pdf"
