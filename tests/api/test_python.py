"""The notebook entry point (api.python) on the seed knowledge base in a real embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.python import KG, aconnect, connect, to_dataframe, to_networkx
from graph.store import open_store
from loaders.curated import load_paths
from queries.alliances import Membership, alliance_members
from queries.errors import InvalidParameter, NotFound, StoreUnavailable

REPO = Path(__file__).resolve().parents[2]
AES = "alliance:alliance-of-sahel-states"
MEMBERS = [
    "actor:government-of-burkina-faso",
    "actor:government-of-mali",
    "actor:government-of-niger",
]


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    import asyncio

    url = f"embedded:{tmp_path_factory.mktemp('notebook') / 'graph'}"

    async def load() -> None:
        store = await open_store(url)
        try:
            await load_paths(store, [REPO / "data"])
        finally:
            await store.close()

    asyncio.run(load())
    return url


@pytest.fixture(scope="module")
def kg(seeded_url: str) -> Iterator[KG]:
    with connect(seeded_url) as opened:
        yield opened


def test_typed_entry_gives_typed_results(kg: KG) -> None:
    rows = kg.run(alliance_members, alliance_id=AES)
    assert all(isinstance(r, Membership) for r in rows)
    assert [r.member.id for r in rows] == MEMBERS
    assert {(r.evidence.status, r.evidence.valid_from) for r in rows} == {
        ("confirmed", "2023-09-16")
    }
    [source] = rows[0].evidence.sources
    assert (source.id, source.reliability) == (
        "source:sahel-dispatch-2023-09#alliance-of-sahel-states",
        "B",
    )
    assert kg.run("alliance_members", {"alliance_id": AES}) == rows


def test_errors_are_the_catalogs(kg: KG) -> None:
    with pytest.raises(NotFound) as missing:
        kg.run("actor_relations", actor_id="actor:nobody")
    assert (missing.value.code, str(missing.value)) == (
        "not_found",
        "no actor with id actor:nobody",
    )
    with pytest.raises(InvalidParameter) as bad:
        kg.run("alliance_members", alliance_id=AES, as_of="2023-02-30")
    assert (bad.value.code, bad.value.field) == ("invalid_parameter", "as_of")
    assert str(bad.value) == (
        "alliance_members: parameter as_of: '2023-02-30' is not a real date: "
        "day is out of range for month"
    )
    with pytest.raises(
        NotFound, match=r"^no catalog query named nope; `sahelkg queries` lists them$"
    ):
        kg.run("nope")


def test_results_as_a_dataframe(kg: KG) -> None:
    frame = to_dataframe(kg.run(alliance_members, alliance_id=AES))
    assert list(frame["member_id"]) == MEMBERS
    assert list(frame["status"]) == ["confirmed"] * 3
    assert list(frame.columns[:4]) == ["alliance_id", "alliance", "alliance_label", "alliance_kind"]


def test_graph_shaped_results_as_networkx(kg: KG) -> None:
    ego = kg.run("ego_network", actor_id="actor:jnim", depth=1, types="PART_OF")
    graph = to_networkx(ego)
    assert sorted(graph.edges(keys=True)) == sorted((e.source.id, e.target.id, e.type) for e in ego)
    assert graph.nodes["actor:jnim"]["label"] == "Actor"
    members = to_networkx(kg.run(alliance_members, alliance_id=AES))
    assert sorted(members.predecessors(AES)) == MEMBERS
    paths = kg.run("shortest_path", from_id="actor:katiba-macina", to_id="actor:jnim")
    assert list(to_networkx(paths).edges(keys=True)) == [
        (e.source.id, e.target.id, e.type) for p in paths for h in p.hops for e in h.edges
    ]


def test_projected_network_is_a_networkx_graph(kg: KG) -> None:
    network = kg.network("cooperation", "2023-06", "2023-09")
    assert "actor:jnim" in network
    assert all("weight" in data for _, _, data in network.edges(data=True))


async def test_async_client(seeded_url: str) -> None:
    async with await aconnect(seeded_url) as kg:
        rows = await kg.run(alliance_members, alliance_id=AES)
        assert [r.member.id for r in rows] == MEMBERS


def test_an_unreachable_store_is_store_unavailable() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        connect("falkordb://127.0.0.1:1")
    assert caught.value.code == "store_unavailable"
    assert str(caught.value) == (
        "FalkorDB does not answer: Error 111 connecting to 127.0.0.1:1. Connection refused."
    )
