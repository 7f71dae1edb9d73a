"""Network SVG written by the project: parses, names every node, carries the briefing
frame (TLP banners, title, cutoff, sources, weak-link note), places labels without
overlap, and is byte-identical for the same inputs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from api.export.attribution import source_line
from api.export.labels import Box, overlaps
from api.export.marking import Tlp
from api.export.picture import NetworkPicture, PictureOptions, plan_network
from api.export.svg import network_svg
from api.export.svgdoc import to_text
from queries.subgraph import SourceInfo, Subgraph, SubgraphNode
from queries.types import Claim, Edge, NodeRef

NS = {"s": "http://www.w3.org/2000/svg"}


def _texts(root: ET.Element, cls: str | None = None) -> list[str]:
    found = root.iter("{http://www.w3.org/2000/svg}text")
    return [t.text or "" for t in found if cls is None or t.get("class") == cls]


def _parsed(picture: NetworkPicture) -> ET.Element:
    return ET.fromstring(to_text(network_svg(picture)).split("?>", 1)[1])


def test_svg_names_every_node_and_carries_the_frame(
    jnim_picture: NetworkPicture, jnim: Subgraph
) -> None:
    root = _parsed(jnim_picture)
    label_groups = root.findall(".//s:g[@class='label']", NS)
    shown = {
        g.get("data-id"): " ".join(t.text or "" for t in g.findall("s:text", NS))
        for g in label_groups
    }
    assert shown == {n.ref.id: n.ref.name for n in jnim.nodes}
    assert len(root.findall(".//s:g[@class='node']", NS)) == len(jnim.nodes)
    assert len(root.findall(".//s:g[@class='edge']", NS)) == len(jnim.edges)
    assert _texts(root, "tlp") == ["TLP:GREEN", "TLP:GREEN"]
    assert _texts(root, "title") == ["Network of JNIM"]
    assert _texts(root, "cutoff") == ["Data cutoff: 2023-09-30"]
    sources = " ".join(_texts(root, "source"))
    assert "Sahel Dispatch, Western Mali Security Newsletter, September 2023, 2023-10" in sources
    note = " ".join(_texts(root, "note"))
    assert note.startswith(
        "Note: 3 link(s) only possible or of low credibility (4-6): JNIM – Possible JNIM"
    )


def test_banners_sit_at_the_top_and_bottom(jnim_picture: NetworkPicture) -> None:
    root = _parsed(jnim_picture)
    ys = sorted(
        float(t.get("y", "0"))
        for t in root.iter("{http://www.w3.org/2000/svg}text")
        if t.get("class") == "tlp"
    )
    assert ys[0] < 40 and ys[1] > 1080 - 40


def test_french_labels(jnim: Subgraph) -> None:
    root = _parsed(plan_network(jnim, PictureOptions(lang="fr", marking=Tlp.RED, depth=2)))
    assert _texts(root, "title") == ["Réseau de JNIM"]
    assert _texts(root, "tlp") == ["TLP:RED", "TLP:RED"]
    assert _texts(root, "cutoff") == ["Données arrêtées au : 30 septembre 2023"]
    legend = _texts(root.find(".//s:g[@class='legend']", NS))  # type: ignore[arg-type]
    assert "Groupe djihadiste" in legend and "hostile à" in legend and "possible" in legend


def test_same_inputs_give_the_same_bytes_and_another_seed_moves_nodes(jnim: Subgraph) -> None:
    options = PictureOptions(depth=2)
    first = to_text(network_svg(plan_network(jnim, options)))
    assert first == to_text(network_svg(plan_network(jnim, options)))
    other = plan_network(jnim, replace(options, seed=8))
    assert other.placed != plan_network(jnim, options).placed


def test_labels_never_overlap_and_stay_in_the_plot(jnim_picture: NetworkPicture) -> None:
    boxes = [(k, label.box) for k, label in jnim_picture.labels.items()]
    nodes = [
        (f"node:{k}", Box(p.x - p.size / 2, p.y - p.size / 2, p.size, p.size))
        for k, p in jnim_picture.placed.items()
    ]
    assert overlaps(boxes) == []
    assert overlaps(nodes) == []
    area = jnim_picture.area
    for _, b in boxes:
        assert (
            area.x <= b.x and b.x + b.w <= area.right and area.y <= b.y and b.y + b.h <= area.bottom
        )


def _crowd(n: int) -> Subgraph:
    """A star of `n` actors with long names: more labels than a slide can hold."""
    claim = Claim(status="reported", credibility=2)
    hub = NodeRef(id="actor:hub", label="Actor", name="Hub", kind="militia")
    nodes = [SubgraphNode(ref=hub, depth=0)] + [
        SubgraphNode(
            ref=NodeRef(
                id=f"actor:a{i:03d}",
                label="Actor",
                name=f"Armed group number {i}",
                kind="armed_group",
            ),
            depth=1,
        )
        for i in range(n)
    ]
    edges = [
        Edge(type="ALLIED_WITH", source=hub, target=n_.ref, evidence=claim) for n_ in nodes[1:]
    ]
    return Subgraph(
        selection="actor",
        centre=["actor:hub"],
        as_of="2023-09-30",
        nodes=nodes,
        edges=edges,
        sources=[],
    )


def test_a_crowded_network_shows_fewer_labels_says_so_and_none_overlap() -> None:
    picture = plan_network(_crowd(400), PictureOptions())
    assert 0 < len(picture.labels) < 401
    assert "actor:hub" in picture.labels
    assert overlaps([(k, v.box) for k, v in picture.labels.items()]) == []
    assert (
        f"Labels shown for the {len(picture.labels)} most central of 401 nodes (no overlap)."
        in picture.text.notes
    )


def test_source_line_cites_acled_ucdp_and_newsletters() -> None:
    sources = [
        SourceInfo(id="source:sahel-dispatch-2023-06", name="Sahel Dispatch, June 2023", kind="newsletter", published="2023-07"),
        SourceInfo(id="source:ucdp-actor-22-1", name="UCDP Actor Dataset, version 22.1", publisher="Uppsala Conflict Data Program", licence="CC BY 4.0"),
        SourceInfo(id="source:acled", name="ACLED", publisher="Armed Conflict Location & Event Data (ACLED)"),
    ]  # fmt: skip
    assert source_line(sources, "en", "2024-01-15") == (
        "Sources: Armed Conflict Location & Event Data (ACLED), www.acleddata.com, accessed "
        "2024-01-15; UCDP Actor Dataset, version 22.1 (CC BY 4.0); Sahel Dispatch, June 2023, 2023-07."
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("amber+strict", Tlp.AMBER_STRICT),
        ("TLP:CLEAR", Tlp.CLEAR),
        ("AMBER_STRICT", Tlp.AMBER_STRICT),
    ],
)
def test_markings_parse(given: str, expected: Tlp) -> None:
    assert Tlp.parse(given) is expected


def test_unknown_marking_is_refused() -> None:
    with pytest.raises(
        ValueError,
        match=r"unknown TLP marking 'WHITE'; choose one of CLEAR, GREEN, AMBER, AMBER\+STRICT, RED",
    ):
        Tlp.parse("WHITE")


def test_whatif_picture_draws_the_ghost_link_and_the_catalog_change(export_store_url: str) -> None:
    from queries.catalog import run_named
    from queries.subgraph import read_whatif_subgraph
    from tests.api.export.conftest import AS_OF, read

    subgraph = read(
        export_store_url,
        lambda s: read_whatif_subgraph(s, "actor:jnim", "actor:cma", 1, as_of=AS_OF),
    )
    expected = read(
        export_store_url,
        lambda s: run_named(
            s, "whatif", add_edges=["actor:jnim~actor:cma"], actor_id="actor:jnim", end=AS_OF
        ),
    )
    assert subgraph.ghosts == [("actor:jnim", "actor:cma")]
    assert [(c.measure, c.after) for c in subgraph.scenario] == [
        (c.measure, c.after) for c in expected
    ]
    picture = plan_network(subgraph, PictureOptions(depth=1))
    root = _parsed(picture)
    assert _texts(root, "title") == ["What if JNIM and CMA aligned? (hypothetical)"]
    assert len(root.findall(".//s:g[@class='edge ghost']", NS)) == 1
    pagerank = next(c for c in expected if c.measure == "pagerank")
    assert f"PageRank {pagerank.before:g} → {pagerank.after:g}" in " ".join(_texts(root, "note"))
