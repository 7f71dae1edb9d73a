"""PNG and PDF in headless chromium (the explorer's drawing code), opened with real
readers: Pillow for pixels, pypdf for text. Maps and charts too."""

from __future__ import annotations

import csv
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdf
from PIL import Image, ImageChops

from api.export.choropleth import RAMP
from api.export.picture import NetworkPicture, plan_network
from api.export.service import ActivityWindows, export_chart, export_map, read_activity_windows
from api.export.write import write_network
from tests.api.export.conftest import ACLED_FIXTURE, read

SVG = "{http://www.w3.org/2000/svg}"


def _pixels(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def _non_white_share(image: Image.Image) -> float:
    small = image.resize((192, 108))
    data = list(small.get_flattened_data())
    return sum(1 for px in data if px != (255, 255, 255)) / len(data)


def test_slide_png_is_full_size_drawn_and_pixel_equal_on_rerun(
    chromium: Any, jnim_picture: NetworkPicture, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    write_network(jnim_picture, "png", first, chromium)
    write_network(jnim_picture, "png", second, chromium)
    image = _pixels(first)
    assert image.size == (1920, 1080)
    assert 0.05 < _non_white_share(image) < 0.9
    # The TLP banner is black with amber/green text; the centre of the plot is drawn on.
    assert image.getpixel((5, 5)) == (0, 0, 0)
    assert image.getpixel((5, 1075)) == (0, 0, 0)
    jnim = jnim_picture.placed["actor:jnim"]
    assert image.getpixel((round(jnim.x), round(jnim.y))) != (255, 255, 255)
    # Compared as bytes: a list diff of two million pixels would take pytest minutes to print.
    differing = ImageChops.difference(image, _pixels(second)).getbbox()
    assert differing is None, f"the rerun differs inside the box {differing}"


def test_chromium_drew_every_label_without_overlap(
    chromium: Any, jnim_picture: NetworkPicture
) -> None:
    from api.export.browser import open_page
    from api.export.png import check_of, network_page

    with open_page(chromium, network_page(jnim_picture), 1920, 1080, 1.0) as page:
        check = check_of(page)
        drawn = page.evaluate("document.querySelectorAll('#cy canvas').length")
    assert check.labels == len(jnim_picture.subgraph.nodes)
    assert check.overlaps == []
    assert drawn >= 1


def test_a4_png_is_300_dpi(chromium: Any, jnim_picture: NetworkPicture, tmp_path: Path) -> None:
    picture = plan_network(jnim_picture.subgraph, replace(jnim_picture.options, size="a4"))
    path = tmp_path / "a4.png"
    write_network(picture, "png", path, chromium)
    assert _pixels(path).size == (3508, 2480)


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 1
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_pdf_is_vector_text_with_title_sources_and_marking(
    chromium: Any, jnim_picture: NetworkPicture, tmp_path: Path
) -> None:
    path = tmp_path / "jnim.pdf"
    write_network(jnim_picture, "pdf", path, chromium)
    text = _pdf_text(path)
    assert "Network of JNIM" in text
    assert "TLP:GREEN" in text
    assert "Data cutoff: 2023-09-30" in text
    assert "Sources: Sahel Dispatch, Southwest Mali Security Newsletter, June 2023, 2023-07" in text
    for node in jnim_picture.subgraph.nodes:
        assert " ".join((node.ref.name or "").split()) in text


def _acled_rows(region: str, start: str, end: str) -> tuple[int, int]:
    """The oracle: incidents and fatalities in the ACLED fixture itself."""
    with ACLED_FIXTURE.open(encoding="utf-8") as handle:
        rows = [
            r
            for r in csv.DictReader(handle)
            if r["admin1"] == region and start <= r["event_date"][:7] <= end
        ]
    return len(rows), sum(int(r["fatalities"]) for r in rows)


def _windows(store_url: str) -> ActivityWindows:
    return read(store_url, lambda s: read_activity_windows(s, "2023-05", "2023-09"))  # type: ignore[no-any-return]


def test_map_colours_mopti_by_the_acled_count(
    export_store_url: str, chromium: Any, jnim_picture: NetworkPicture, tmp_path: Path
) -> None:
    data = _windows(export_store_url)
    options = replace(jnim_picture.options, title=None)
    svg_path = export_map(data, options, "incidents", False, "svg", tmp_path / "map.svg")
    root = ET.parse(svg_path).getroot()
    regions = {p.get("data-iso"): p for p in root.iter(f"{SVG}path") if p.get("data-iso")}
    incidents, _ = _acled_rows("Mopti", "2023-05", "2023-09")
    assert incidents > 0
    mopti = regions["ML-5"]
    assert mopti.get("data-value") == str(incidents)
    assert mopti.get("fill") == RAMP[-1]
    assert (
        "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, accessed 2024-01-15."
        in " ".join(t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "source")
    )
    png = export_map(data, options, "fatalities", False, "png", tmp_path / "map.png", chromium)
    image = _pixels(png)
    assert image.size == (1920, 1080) and _non_white_share(image) > 0.05
    pdf = export_map(
        data, replace(options, lang="fr"), "incidents", True, "pdf", tmp_path / "map.pdf", chromium
    )
    assert "Évolution des incidents par région" in _pdf_text(pdf)


def test_chart_keeps_events_and_reports_apart(
    export_store_url: str, chromium: Any, jnim_picture: NetworkPicture, tmp_path: Path
) -> None:
    data = _windows(export_store_url)
    svg_path = export_chart(data, jnim_picture.options, "Sahel", "svg", tmp_path / "chart.svg")
    root = ET.parse(svg_path).getroot()
    panels = root.findall(f".//{SVG}g[@class='panel']")
    assert [p.find(f"{SVG}text").text for p in panels] == [  # type: ignore[union-attr]
        "From event data (ACLED/UCDP incidents)",
        "From published reports (newsletter counts)",
    ]
    june_bars = [
        r.get("data-value")
        for r in panels[0].iter(f"{SVG}rect")
        if r.get("data-month") == "2023-06"
    ]
    incidents, fatalities = _acled_rows("Mopti", "2023-06", "2023-06")
    assert june_bars == [str(incidents), str(fatalities)]
    reported = {
        r.get("data-month"): r.get("data-value")
        for r in panels[1].iter(f"{SVG}rect")
        if r.get("data-month")
    }
    # Kayes 37 + Koulikoro 51 + Segou 34 security incidents reported for June 2023.
    assert reported["2023-06"] == str(37 + 51 + 34)
    pdf = export_chart(data, jnim_picture.options, "Sahel", "pdf", tmp_path / "chart.pdf", chromium)
    assert "Monthly activity, Sahel, 2023-05 to 2023-09" in _pdf_text(pdf)
