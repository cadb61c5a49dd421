"""PDF and HTML briefs: not blank, the map drawn, no request leaves the file."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from dashboard.exports.brief import BriefError, build_brief, render
from tests.exports.conftest import in_chromium


def _non_white(image: Image.Image) -> float:
    grey = image.convert("L")
    dark = sum(grey.histogram()[:240])
    return dark / (grey.width * grey.height)


def test_pdf_first_page_is_not_blank(phl_pdf, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: run `make chromium` (installs poppler-utils)")
    assert phl_pdf.startswith(b"%PDF")
    (tmp_path / "brief.pdf").write_bytes(phl_pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "brief.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    page = Image.open(next(tmp_path.glob("page-*.png")))
    assert page.width < page.height  # A4 portrait
    assert _non_white(page) > 0.03
    assert ImageStat.Stat(page.convert("L")).stddev[0] > 20


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


def test_every_chart_carries_its_source_line(phl_brief):
    for figure in phl_brief.figures():
        image = Image.open(io.BytesIO(figure.png)).convert("L")
        bottom = image.crop((0, int(image.height * 0.88), image.width, image.height))
        assert _non_white(bottom) > 0.005, figure.key  # the source text is drawn there


def test_html_makes_no_external_request(phl_brief, tmp_path):
    html = render(phl_brief, "html").decode("utf-8")
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
    html = render(made, "html").decode("utf-8")
    assert "Modus operandi" in made.title and len(made.figures()) == 4
    assert "January-June" in html and "financial sextortion" in html
    assert made.tables()["incident-types"].rows[0][0] == "apparent child sexual abuse material"
    assert Path(made.filename("pdf")).suffix == ".pdf"
