"""`sahelkg brief` and `sahelkg export` through the real CLI: a PPTX opened with
python-pptx, private files, progress on stderr, and a clear message without chromium."""

from __future__ import annotations

import stat
from pathlib import Path

import networkx as nx
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from api.export.browser import INSTALL_HINT
from queries.subgraph import Subgraph
from tests.api.export.conftest import AS_OF, run_cli


@pytest.fixture(scope="module")
def brief_dir(export_store_url: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("brief") / "pack"
    done = run_cli(
        ["brief", "--actor", "actor:jnim", "--start", "2023-06", "--end", "2023-09", "-o", str(out),
         "--tlp", "amber+strict", "--acled-accessed", "2024-01-15"],
        export_store_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out, done.stderr


def _notes(slide: object) -> str:
    return slide.notes_slide.notes_text_frame.text  # type: ignore[attr-defined, no-any-return]


def _texts(slide: object) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]  # type: ignore[attr-defined]


def test_brief_pptx_has_the_expected_slides_pictures_and_notes(brief_dir: tuple[Path, str]) -> None:
    out, _ = brief_dir
    deck = Presentation(str(out / "brief.pptx"))
    slides = list(deck.slides)
    assert len(slides) == 6
    title, network, map_, chart, changed, sources = slides
    assert "Briefing: JNIM" in _texts(title)
    assert _texts(title).count("TLP:AMBER+STRICT") == 2
    for slide in (network, map_, chart):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1
        assert (pictures[0].width, pictures[0].height) == (deck.slide_width, deck.slide_height)
    assert deck.slide_width == Emu(12192000)
    notes = _notes(network)
    assert notes.startswith("Evidence:")
    assert (
        "- JNIM → Possible JNIM alignment with the northern armed groups (CMA): member of, "
        "possible, credibility 3" in notes
    )
    assert "Sahel Dispatch, Southwest Mali Security Newsletter, June 2023 [B]" in notes
    assert "Mopti 2023-06: 1 incidents, 5 fatalities (incidents:acled)" in _notes(map_)
    table = next(s for s in changed.shapes if s.has_table).table
    rows = [[table.cell(r, c).text for c in range(3)] for r in range(len(table.rows))]
    assert rows[0] == ["Change", "", "Detail"]
    # The AES was founded on 2023-09-16, inside the window: Mali's membership is new.
    assert ["new link", "Government of Mali → Alliance of Sahel States",
            "member of, confirmed, credibility 1, 2023-09-16 – …"] in rows  # fmt: skip
    listed = "\n".join(_texts(sources))
    assert (
        "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, accessed 2024-01-15"
        in listed
    )
    assert "Sahel Dispatch, Western Mali Security Newsletter, September 2023, 2023-10" in listed


def test_brief_writes_the_pictures_as_private_files_and_reports_progress(
    brief_dir: tuple[Path, str],
) -> None:
    out, stderr = brief_dir
    for name in ("network.png", "map.png", "chart.png", "brief.pptx"):
        path = out / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with Image.open(out / "network.png") as image:
        assert image.size == (1920, 1080)
    assert "[1/4] drawing the network" in stderr and "[4/4] writing the slides" in stderr


def test_graph_files_need_no_browser_and_png_says_how_to_install_one(
    export_store_url: str, tmp_path: Path
) -> None:
    missing = {"SAHELKG_CHROMIUM": str(tmp_path / "no-chromium")}
    gexf = tmp_path / "aes.gexf"
    done = run_cli(["export", "network", "--alliance", "alliance:alliance-of-sahel-states",
                    "--depth", "1", "--as-of", "2023-10-01", "-o", str(gexf)], export_store_url, **missing)  # fmt: skip
    assert done.returncode == 0, done.stderr
    graph = nx.read_gexf(gexf)
    assert {
        "actor:government-of-mali",
        "actor:government-of-niger",
        "actor:government-of-burkina-faso",
    } <= set(graph)
    done = run_cli(["export", "network", "--actor", "actor:jnim", "-o", str(tmp_path / "x.png")],
                   export_store_url, **missing)  # fmt: skip
    assert done.returncode == 1
    assert f"error: no chromium at {tmp_path / 'no-chromium'}. {INSTALL_HINT}" in done.stderr
    assert "Traceback" not in done.stderr


def test_export_refuses_two_selections_and_unknown_suffixes(
    export_store_url: str, tmp_path: Path
) -> None:
    done = run_cli(["export", "network", "--actor", "actor:jnim", "--region", "region:mli-kayes",
                    "-o", str(tmp_path / "x.svg")], export_store_url)  # fmt: skip
    assert done.returncode == 2
    assert "give exactly one of --actor, --alliance, --region, --path or --whatif" in done.stderr
    done = run_cli(
        ["export", "network", "--actor", "actor:jnim", "-o", str(tmp_path / "x.doc")],
        export_store_url,
    )
    assert done.returncode == 1
    assert (
        f"error: cannot tell the format of {tmp_path / 'x.doc'} (give --format png|pdf|svg|gexf|graphml|cyjs|csv)"
        in done.stderr
    )


def test_export_applies_the_explorers_kind_and_region_filters(
    export_store_url: str, jnim: Subgraph, tmp_path: Path
) -> None:
    out = tmp_path / "kayes.gexf"
    done = run_cli(["export", "network", "--actor", "actor:jnim", "--as-of", AS_OF,
                    "--in-region", "region:mli-kayes", "--kinds", "jihadist_group",
                    "-o", str(out)], export_store_url)  # fmt: skip
    assert done.returncode == 0, done.stderr
    graph = nx.read_gexf(out)
    in_kayes = {
        e.source.id
        for e in jnim.edges
        if e.type == "OPERATES_IN" and e.target.id == "region:mli-kayes"
    }
    kept = {
        n.ref.id
        for n in jnim.nodes
        if n.ref.id == "actor:jnim"
        or n.ref.label != "Actor"
        or (n.ref.kind == "jihadist_group" and n.ref.id in in_kayes)
    }
    assert len(kept) < len(jnim.nodes)
    assert set(graph.nodes) == kept
    assert {(a, b, d["relationship"]) for a, b, d in graph.edges(data=True)} == {
        (e.source.id, e.target.id, e.type)
        for e in jnim.edges
        if e.source.id in kept and e.target.id in kept
    }
