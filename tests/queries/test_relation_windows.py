"""Relations active during a window (`start`/`end`), on both engines, answers by hand.

Fixture graph (tests/queries/conftest.py), plus two actors that were members of one
alliance at different times: members one after the other were never allies.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.model import Actor, Alliance
from graph.store import GraphStore
from queries.catalog import load_catalog
from queries.errors import InvalidParameter
from queries.writes import upsert_nodes, upsert_relationships
from tests.queries.conftest import CITE, rel

CATALOG = load_catalog()


async def _allies(store: GraphStore, actor_id: str, **window: Any) -> list[tuple[str, str]]:
    rows = await CATALOG["actor_relations"].execute(
        store, {"actor_id": actor_id, "types": ["ALLIED_WITH", "MEMBER_OF"], **window}
    )
    return [(r.other.id, r.via.id if r.via else "") for r in rows if str(r.relation) == "ally"]


async def test_direct_allies_during_a_window(kg: GraphStore) -> None:
    assert await _allies(kg, "actor:fama", start="2023-09") == [("actor:wagner", "")]
    assert await _allies(kg, "actor:fama", end="2021-11") == [("actor:cma", "")]
    assert await _allies(kg, "actor:fama", start="2021-12", end="2023-08") == [
        ("actor:cma", ""),
        ("actor:wagner", ""),
    ]


async def test_co_members_during_a_window(kg: GraphStore) -> None:
    # Mali and Niger joined the AES on 2023-09-16.
    assert await _allies(kg, "actor:government-of-mali", end="2023-09-15") == []
    assert await _allies(kg, "actor:government-of-mali", start="2023-09", end="2023-09") == [
        ("actor:government-of-niger", "alliance:aes")
    ]


async def test_members_one_after_the_other_were_never_allies(kg: GraphStore) -> None:
    await upsert_nodes(
        kg,
        [
            Alliance(id="alliance:relay", name="Relay", source_ids=CITE),
            Actor(id="actor:first", name="First", source_ids=CITE),
            Actor(id="actor:second", name="Second", source_ids=CITE),
            Actor(id="actor:third", name="Third", source_ids=CITE),
        ],
    )
    await upsert_relationships(
        kg,
        [
            rel("MEMBER_OF", "actor:first", "alliance:relay", valid_from="2019", valid_to="2020"),
            rel("MEMBER_OF", "actor:second", "alliance:relay", valid_from="2021-03"),
            rel("MEMBER_OF", "actor:third", "alliance:relay", valid_from="2020-06"),
        ],
    )
    # Over 2018-2024 all three were members; First left before Second joined.
    window = {"start": "2018", "end": "2024"}
    assert await _allies(kg, "actor:first", **window) == [("actor:third", "alliance:relay")]
    assert await _allies(kg, "actor:second", **window) == [("actor:third", "alliance:relay")]
    assert await _allies(kg, "actor:third", **window) == [
        ("actor:first", "alliance:relay"),
        ("actor:second", "alliance:relay"),
    ]
    members = await CATALOG["alliance_members"].execute(
        kg, {"alliance_id": "alliance:relay", "start": "2021", "end": "2021"}
    )
    assert [m.member.id for m in members] == ["actor:second", "actor:third"]


async def test_a_window_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidParameter) as caught:
        CATALOG["actor_relations"].bind({"actor_id": "actor:fama", "start": "2024", "end": "2023"})
    assert str(caught.value) == ("actor_relations: the window ends (2023) before it starts (2024)")
