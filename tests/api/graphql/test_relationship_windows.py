"""Relationship connections over a window (`activeBetween`) and by type, over HTTP.

The fixture graph (tests.queries.conftest): FAMA is ALLIED_WITH Wagner from 2021-12 (open)
and with the CMA from 2015-06 to 2023-08; HOSTILE_TO links it to JNIM (from 2017), ISGS
(open) and the CMA (from 2023-09); Mali and Niger are members of the AES from 2023-09-16.
"""

from __future__ import annotations

from typing import Any

import pytest

from queries.catalog import load_catalog
from tests.api.graphql.conftest import Api
from tests.conftest import ENGINES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # every test here runs on embedded FalkorDB and on Neo4j

FAMA = """query($w: DateWindow, $asOf: Date, $types: [RelationshipType!]) {
  actor(id: "actor:fama") {
    allies(activeBetween: $w, asOf: $asOf) {
      totalCount edges { node { id } evidence { validFrom validTo } } }
    relationships(activeBetween: $w, types: $types) { totalCount edges { relation node { id } } }
  } }"""


def _allies(data: Any) -> list[tuple[str, str | None, str | None]]:
    return [
        (e["node"]["id"], e["evidence"]["validFrom"], e["evidence"]["validTo"])
        for e in data["actor"]["allies"]["edges"]
    ]


async def test_allies_active_between_a_window(api: Api) -> None:
    late = await api.data(FAMA, {"w": {"start": "2023-09", "end": "2023-12"}})
    assert _allies(late) == [("actor:wagner", "2021-12", None)]
    early = await api.data(FAMA, {"w": {"end": "2021-06"}})
    assert _allies(early) == [("actor:cma", "2015-06", "2023-08")]
    both = await api.data(FAMA, {"w": {"start": "2021-12", "end": "2023-08"}})
    assert _allies(both) == [("actor:cma", "2015-06", "2023-08"), ("actor:wagner", "2021-12", None)]
    # A window and a date together: the claim must pass both.
    narrowed = await api.data(FAMA, {"w": {"start": "2020"}, "asOf": "2023-10-01"})
    assert _allies(narrowed) == [("actor:wagner", "2021-12", None)]
    assert narrowed["actor"]["allies"]["totalCount"] == 1


async def test_types_filter_within_a_window(api: Api) -> None:
    data = await api.data(FAMA, {"w": {"start": "2023-09"}, "types": ["HOSTILE_TO"]})
    relationships = data["actor"]["relationships"]
    assert relationships["totalCount"] == 3
    assert [(e["relation"], e["node"]["id"]) for e in relationships["edges"]] == [
        ("enemy", "actor:cma"), ("enemy", "actor:isgs"), ("enemy", "actor:jnim"),
    ]  # fmt: skip
    before_hostility = await api.data(FAMA, {"w": {"end": "2016"}, "types": ["HOSTILE_TO"]})
    assert [e["node"]["id"] for e in before_hostility["actor"]["relationships"]["edges"]] == [
        "actor:isgs"
    ]


async def test_members_active_between(api: Api) -> None:
    query = """query($w: DateWindow) { alliance(id: "alliance:aes") {
      members(activeBetween: $w) { totalCount edges { node { id } } } } }"""
    before = await api.data(query, {"w": {"end": "2023-09-15"}})
    assert before["alliance"]["members"] == {"totalCount": 0, "edges": []}
    september = await api.data(query, {"w": {"start": "2023-09", "end": "2023-09"}})
    assert [e["node"]["id"] for e in september["alliance"]["members"]["edges"]] == [
        "actor:government-of-mali",
        "actor:government-of-niger",
    ]


async def test_window_ending_before_it_starts_is_the_catalogs_error(api: Api) -> None:
    [error] = await api.errors(FAMA, {"w": {"start": "2024", "end": "2023-06"}})
    assert error["message"] == "allies: the window ends (2023-06) before it starts (2024)"
    assert error["extensions"]["code"] == "invalid_parameter"
    [bad_date] = await api.errors(FAMA, {"w": {"start": "2023-02-30"}})
    assert bad_date["extensions"]["code"] == "invalid_parameter"
    assert bad_date["message"].startswith("Variable '$w' has invalid value at .start:")
    assert "'2023-02-30'" in bad_date["message"]


async def test_window_answers_equal_the_catalogs(api: Api) -> None:
    window = {"start": "2021-12", "end": "2023-08"}
    data = await api.data(
        """query($w: DateWindow) { actor(id: "actor:fama") { relationships(activeBetween: $w) {
          edges { relation type node { id } evidence { status credibility validFrom validTo } }
        } } }""",
        {"w": window},
    )
    expected = await load_catalog()["actor_relations"].execute(
        api.store, {"actor_id": "actor:fama", **window}
    )
    got = [
        (e["relation"], e["type"], e["node"]["id"], e["evidence"]["validFrom"],
         e["evidence"]["validTo"])
        for e in data["actor"]["relationships"]["edges"]
    ]  # fmt: skip
    assert sorted(got) == sorted(
        (str(r.relation), r.type, r.other.id, r.evidence.valid_from, r.evidence.valid_to)
        for r in expected
    )
    assert len(got) == len(expected) > 0
