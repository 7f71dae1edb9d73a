"""`--lang fr` in every export: the French words of the one translation table are in the
picture, the file or the pack, and none of the table's English phrases is (once the data's
own names and ids, which stay as the sources wrote them, are taken out)."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pptx import Presentation

from api.export.i18n import english_phrases
from api.export.marking import Tlp
from api.export.picture import PictureOptions, plan_network
from api.export.service import ActivityWindows, export_chart, export_map, read_activity_windows
from api.export.write import write_network
from queries.subgraph import Subgraph, read_path_subgraph, read_whatif_subgraph
from tests.api.export.conftest import AS_OF, read, run_cli

SVG = "{http://www.w3.org/2000/svg}"
FR = PictureOptions(lang="fr", marking=Tlp.GREEN, acled_accessed="2024-01-15", depth=2)
ID = re.compile(r"\b[a-z_]+:[\w\-#.:]+")


def _svg_words(path_or_text: Path | str) -> str:
    """Every text and tooltip of an SVG, one per line."""
    text = path_or_text.read_text("utf-8") if isinstance(path_or_text, Path) else path_or_text
    root = ET.fromstring(text.split("?>", 1)[-1])
    return " ".join(e.text or "" for e in root.iter() if e.tag in (f"{SVG}text", f"{SVG}title"))


def _leaks(text: str, names: Iterable[str]) -> list[str]:
    """English phrases of the table left in `text`, after the data's names and ids."""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, " ")
    text = ID.sub(" ", text)
    return [phrase for phrase in english_phrases() if phrase in text]


def _names(subgraph: Subgraph) -> list[str]:
    return [n.ref.name or "" for n in subgraph.nodes] + [s.name for s in subgraph.sources]


def _activity_names(data: ActivityWindows) -> list[str]:
    rows = [*data.now.rows, *data.previous.rows]
    sources = [*data.now.sources, *data.previous.sources]
    return [r.region.name or "" for r in rows] + [s.name for s in sources]


def _pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_table_lists_english_phrases_to_look_for() -> None:
    phrases = english_phrases()
    assert {"Data cutoff", "credibility", "What changed", "reliability", "member of"} <= set(
        phrases
    )
    assert "Sources" not in phrases  # the same word in both languages


def test_french_network_svg_has_french_frame_legend_notes_and_tooltips(jnim: Subgraph) -> None:
    text = _svg_words(network_svg_text(jnim))
    for french in (
        "Réseau de JNIM",
        "profondeur 2 · au 30 septembre 2023 · Taille des nœuds : PageRank",
        "Données arrêtées au : 30 septembre 2023",
        "Nœuds",
        "Liens",
        "Statut",
        "Groupe djihadiste",
        "hostile à",
        "Trait plus pâle et fin = crédibilité plus faible",
        "Note : 3 lien(s) seulement possible(s) ou de faible crédibilité (4-6)",
        "Sources : Sahel Dispatch, Southwest Mali Security Newsletter, June 2023, juillet 2023;",
        "Western Mali Security Newsletter, September 2023, octobre 2023",
        ": possible, crédibilité 3",
    ):
        assert french in text, french
    assert _leaks(text, _names(jnim)) == []


def network_svg_text(subgraph: Subgraph) -> str:
    from api.export.svg import network_svg
    from api.export.svgdoc import to_text

    return to_text(network_svg(plan_network(subgraph, FR)))


def test_french_path_and_whatif_pictures(export_store_url: str) -> None:
    path = read(
        export_store_url,
        lambda s: read_path_subgraph(s, "actor:jnim", "actor:government-of-mali", 2, as_of=AS_OF),
    )
    text = _svg_words(network_svg_text(path))
    assert "Chemins entre JNIM et Government of Mali" in text
    assert _leaks(text, _names(path)) == []
    whatif = read(
        export_store_url,
        lambda s: read_whatif_subgraph(s, "actor:jnim", "actor:cma", 1, as_of=AS_OF),
    )
    text = _svg_words(network_svg_text(whatif))
    assert "Et si JNIM et " in text and "(hypothèse)" in text
    assert "Hypothèse (rien n'est enregistré) : JNIM " in text
    assert "lien hypothétique" in text and "et si (hypothèse)" in text
    assert _leaks(text, _names(whatif)) == []


def test_french_csv_headers_and_cyjs_frame(jnim: Subgraph, tmp_path: Path) -> None:
    picture = plan_network(jnim, FR)
    nodes, edges = write_network(picture, "csv", tmp_path / "jnim.csv")
    with nodes.open(encoding="utf-8") as handle:
        node_rows = list(csv.reader(handle))
    with edges.open(encoding="utf-8") as handle:
        edge_rows = list(csv.reader(handle))
    assert node_rows[0][:6] == [
        "identifiant",
        "nom",
        "type_de_nœud",
        "nature",
        "catégorie",
        "distance",
    ]
    assert edge_rows[0][:6] == [
        "identifiant",
        "origine",
        "cible",
        "relation",
        "statut",
        "crédibilité",
    ]
    assert len(node_rows) == len(jnim.nodes) + 1 and len(edge_rows) == len(jnim.edges) + 1
    assert _leaks(",".join(node_rows[0] + edge_rows[0]), []) == []
    (cyjs,) = write_network(picture, "cyjs", tmp_path / "jnim.cyjs")
    frame = json.loads(cyjs.read_text("utf-8"))["data"]
    assert frame["name"] == "Réseau de JNIM"
    assert frame["cutoff"] == "Données arrêtées au : 30 septembre 2023"
    assert frame["sources"].startswith("Sources : Sahel Dispatch, Southwest Mali Security")


@pytest.fixture(scope="module")
def windows(export_store_url: str) -> ActivityWindows:
    return read(export_store_url, lambda s: read_activity_windows(s, "2023-05", "2023-09"))  # type: ignore[no-any-return]


def test_french_map_and_chart_svg_and_pdf(
    windows: ActivityWindows, chromium: Any, tmp_path: Path
) -> None:
    names = _activity_names(windows)
    map_text = _svg_words(export_map(windows, FR, "incidents", False, "svg", tmp_path / "m.svg"))
    assert "Incidents par région, mai 2023 – septembre 2023" in map_text
    assert "aucun enregistré" in map_text
    assert "Limites : Natural Earth admin-1 (domaine public)" in map_text
    assert "consulté le 15 janvier 2024" in map_text
    assert _leaks(map_text, names) == []
    change = _svg_words(export_map(windows, FR, "fatalities", True, "svg", tmp_path / "c.svg"))
    assert "Évolution des victimes par région : décembre 2022 – avril 2023 / mai 2023" in change
    assert _leaks(change, names) == []
    chart = _svg_words(export_chart(windows, FR, "Sahel", "svg", tmp_path / "chart.svg"))
    for french in (
        "Activité mensuelle, Sahel, mai 2023 – septembre 2023",
        "D'après les données d'événements (incidents ACLED/UCDP)",
        "D'après les rapports publiés (décomptes des lettres d'information)",
        "Incidents sécuritaires rapportés",
        "juin 2023",
        "Évolution décembre 2022 – avril 2023 → mai 2023 – septembre 2023 : victimes",
    ):
        assert french in chart, french
    assert _leaks(chart, names) == []
    pdf = _pdf_text(export_chart(windows, FR, "Sahel", "pdf", tmp_path / "chart.pdf", chromium))
    assert "Activité mensuelle, Sahel, mai 2023 – septembre 2023" in pdf
    assert "Données arrêtées au : septembre 2023" in pdf
    assert _leaks(pdf, names) == []


def test_french_brief_pack(
    export_store_url: str, jnim: Subgraph, windows: ActivityWindows, tmp_path: Path
) -> None:
    out = tmp_path / "pack"
    done = run_cli(
        ["brief", "--actor", "actor:jnim", "--start", "2023-06", "--end", "2023-09", "-o", str(out),
         "--lang", "fr", "--tlp", "red", "--acled-accessed", "2024-01-15"],
        export_store_url,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(out / "brief.pptx"))
    title, network, map_, chart, changed, sources = list(deck.slides)

    def texts(slide: Any) -> str:
        shapes = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        if any(s.has_table for s in slide.shapes):
            table = next(s for s in slide.shapes if s.has_table).table
            shapes += [c.text for row in table.rows for c in row.cells]
        return "\n".join(shapes)

    def notes(slide: Any) -> str:
        return str(slide.notes_slide.notes_text_frame.text)

    assert "Note de situation : JNIM" in texts(title)
    assert "juin 2023 – septembre 2023" in texts(title)
    assert "Données arrêtées au : septembre 2023" in texts(title)
    assert notes(network).startswith("Éléments de preuve :")
    assert (
        "- JNIM → Possible JNIM alignment with the northern armed groups (CMA) : membre de, "
        "possible, crédibilité 3" in notes(network)
    )
    assert ": 1 incidents, 5 victimes (incidents:acled)" in notes(map_)
    assert "rapportés (exact)" in notes(chart) or "rapportés (déduit)" in notes(chart)
    changed_text = texts(changed)
    assert "Ce qui a changé" in changed_text and "Évolution" in changed_text
    assert "nouveau lien" in changed_text
    assert "membre de, confirmé, crédibilité 1, 16 septembre 2023 – …" in changed_text
    assert "- nouveau lien : Government of Mali → Alliance of Sahel States — membre de" in notes(
        changed
    )
    listed = texts(sources)
    assert "consulté le 15 janvier 2024 — jeu de données, fiabilité" in listed
    assert "lettre d'information, fiabilité B" in listed
    # Every slide, table and note: no English phrase of the table.
    everything = "\n".join(texts(s) + "\n" + notes(s) for s in deck.slides)
    brief_window = read(export_store_url, lambda s: read_activity_windows(s, "2023-06", "2023-09"))
    data_names = _names(jnim) + _activity_names(windows) + _activity_names(brief_window)
    assert _leaks(everything, data_names) == []
