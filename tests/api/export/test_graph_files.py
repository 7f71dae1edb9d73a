"""GEXF, GraphML, Cytoscape JSON and CSV, read back with real readers (networkx, json, csv):
same nodes, same edges, every attribute — and no browser needed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from api.export.csvlists import write_csv
from api.export.cyjs import write_cyjs
from api.export.gexf import write_gexf
from api.export.graphml import write_graphml
from api.export.picture import NetworkPicture
from queries.subgraph import Subgraph


def _expected_edges(jnim: Subgraph) -> list[tuple[str, str, str, str, int]]:
    return sorted(
        (e.source.id, e.target.id, e.type, str(e.evidence.status), e.evidence.credibility)
        for e in jnim.edges
    )


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_and_graphml_read_back_with_every_attribute(
    fmt: str, jnim_picture: NetworkPicture, jnim: Subgraph, tmp_path: Path
) -> None:
    path = tmp_path / f"jnim.{fmt}"
    if fmt == "gexf":
        write_gexf(jnim_picture, path)
        graph = nx.read_gexf(path)
    else:
        write_graphml(jnim_picture, path)
        graph = nx.read_graphml(path)
    assert set(graph.nodes) == {n.ref.id for n in jnim.nodes}
    got = sorted(
        (a, b, d["relationship"], d["status"], int(d["credibility"]))
        for a, b, d in graph.edges(data=True)
    )
    assert got == _expected_edges(jnim)
    node = graph.nodes["actor:jnim"]
    assert node["label"] == "JNIM"
    assert node["kind"] == "jihadist_group"
    assert node["category"] == "jihadist"
    assert node["node_type"] == "Actor"
    assert int(node["depth"]) == 0
    assert node["founded"] == jnim.node("actor:jnim").attributes["founded"]
    assert float(node["pagerank"]) == pytest.approx(jnim.node("actor:jnim").measures["pagerank"])
    assert "source:reference-armed-groups" in node["sources"].split("; ")
    alliance = graph.nodes["alliance:alliance-of-sahel-states"]
    assert alliance["status"] == "active" and alliance["formed"] == "2023-09-16"
    membership = next(
        d for a, b, d in graph.edges(data=True)
        if (a, b) == ("actor:jnim", "alliance:jnim-cma-alignment")
    )  # fmt: skip
    assert membership["status"] == "possible"
    assert (
        membership["source_titles"]
        == "Sahel Dispatch, Southwest Mali Security Newsletter, June 2023"
    )
    assert membership["source_grades"] == "source:sahel-dispatch-2023-06#the-bottom-line=B"
    mali_aes = next(
        d for a, b, d in graph.edges(data=True)
        if (a, b, d["relationship"]) == ("actor:government-of-mali", "alliance:alliance-of-sahel-states", "MEMBER_OF")
    )  # fmt: skip
    assert mali_aes["valid_from"] == "2023-09-16"


def test_cytoscape_json_has_elements_positions_and_the_explorer_style(
    jnim_picture: NetworkPicture, jnim: Subgraph, tmp_path: Path
) -> None:
    doc = json.loads(write_cyjs(jnim_picture, tmp_path / "jnim.cyjs").read_text(encoding="utf-8"))
    nodes = {n["data"]["id"]: n for n in doc["elements"]["nodes"]}
    assert set(nodes) == {n.ref.id for n in jnim.nodes}
    placed = jnim_picture.placed["actor:jnim"]
    assert nodes["actor:jnim"]["position"] == {"x": placed.x, "y": placed.y}
    edges = sorted(
        (e["data"]["source"], e["data"]["target"], e["data"]["relationship"], e["data"]["status"],
         e["data"]["credibility"]) for e in doc["elements"]["edges"]
    )  # fmt: skip
    assert edges == _expected_edges(jnim)
    assert doc["data"]["marking"] == "TLP:GREEN"
    assert {
        "selector": "node[category = 'jihadist']",
        "style": {"background-color": "#D55E00", "shape": "triangle"},
    } in doc["style"]


def test_csv_lists_read_back(jnim_picture: NetworkPicture, jnim: Subgraph, tmp_path: Path) -> None:
    nodes_path, edges_path = write_csv(jnim_picture, tmp_path / "jnim.csv")
    assert (nodes_path.name, edges_path.name) == ("jnim.nodes.csv", "jnim.edges.csv")
    with nodes_path.open(encoding="utf-8") as handle:
        nodes = {row["id"]: row for row in csv.DictReader(handle)}
    assert set(nodes) == {n.ref.id for n in jnim.nodes}
    assert nodes["actor:katiba-macina"]["label"] == "Katiba Macina"
    assert nodes["region:mli-kayes"]["node_type"] == "Region"
    with edges_path.open(encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    got = sorted(
        (r["source"], r["target"], r["relationship"], r["status"], int(r["credibility"]))
        for r in edges
    )
    assert got == _expected_edges(jnim)
