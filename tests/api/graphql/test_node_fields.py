"""Node fields, relationship connections with evidence and filters, lists, search."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.graphql.conftest import Api
from tests.conftest import ENGINES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # every test here runs on embedded FalkorDB and on Neo4j

NODE_KINDS = {
    "actor:jnim": ("Actor", "JNIM"),
    "alliance:aes": ("Alliance", "Alliance of Sahel States"),
    "country:mli": ("Country", "Mali"),
    "region:mli-kayes": ("Region", "Kayes"),
    "incident:i2": ("Incident", "i2"),
    "operation:op1": ("Operation", "Joint op"),
    "source:test": ("Source", "Test source"),
    "report:mli-kayes:all:security_incidents:2023-06": ("ActivityReport", "r"),
}


@pytest.mark.parametrize("node_id", sorted(NODE_KINDS))
async def test_node_by_global_id(api: Api, node_id: str) -> None:
    data = await api.data(
        "query($id: ID!) { node(id: $id) { __typename id name label } }", {"id": node_id}
    )
    label, name = NODE_KINDS[node_id]
    typename = {"Location": "Place"}.get(label, label)
    assert data["node"] == {"__typename": typename, "id": node_id, "name": name, "label": label}


async def test_unknown_id_is_null_and_kind_mismatch_is_null(api: Api) -> None:
    data = await api.data(
        '{ a: node(id: "actor:nobody") { id } b: actor(id: "alliance:aes") { id } }'
    )
    assert data == {"a": None, "b": None}


async def test_actor_fields(api: Api) -> None:
    data = await api.data(
        '{ actor(id: "actor:jnim") { id name kind aliases founded '
        "sources { id sourceId title reliability } } }"
    )
    assert data["actor"] == {
        "id": "actor:jnim",
        "name": "JNIM",
        "kind": "JIHADIST_GROUP",
        "aliases": ["GSIM", "Jama'a Nusrat ul-Islam wa al-Muslimin"],
        "founded": "2017-03",
        "sources": [
            {
                "id": "source:test",
                "sourceId": "source:test",
                "title": "Test source",
                "reliability": "B",
            }
        ],
    }


async def test_typed_node_fields(api: Api) -> None:
    data = await api.data(
        '{ alliance(id: "alliance:jnim-cma") { kind status likelihood formed } '
        'region(id: "region:mli-nioro") { level country } '
        'i: node(id: "incident:i4") { ... on Incident { date dataset fatalities } } '
        'o: node(id: "operation:op1") { ... on Operation { date joint } } '
        's: node(id: "source:test") { ... on Source { reliability } } '
        'r: node(id: "report:mli-kayes:all:security_incidents:2023-06") '
        "{ ... on ActivityReport { month metric regionId value qualifier } } }"
    )
    assert data == {
        "alliance": {"kind": "ALIGNMENT", "status": "POSSIBLE",
                     "likelihood": "ROUGHLY_EVEN_CHANCE", "formed": None},
        "region": {"level": 2, "country": "MLI"},
        "i": {"date": "2023-06-25", "dataset": "acled", "fatalities": 10},
        "o": {"date": "2023-06-12", "joint": True},
        "s": {"reliability": "B"},
        "r": {"month": "2023-06", "metric": "security_incidents",
              "regionId": "region:mli-kayes", "value": 37, "qualifier": "exact"},
    }  # fmt: skip


ALLIES = """
query($asOf: Date, $minStatus: ClaimStatus = POSSIBLE, $maxCredibility: Int = 6) {
  actor(id: "actor:government-of-mali") {
    allies(asOf: $asOf, minStatus: $minStatus, maxCredibility: $maxCredibility) {
      totalCount
      edges { relation type node { id name } via { id }
              evidence { status credibility likelihood validFrom validTo
                         sources { id title reliability } } }
    }
  }
}"""


async def test_allies_as_of_with_evidence(api: Api) -> None:
    before = await api.data(ALLIES, {"asOf": "2023-09-01"})
    assert before["actor"]["allies"] == {"totalCount": 0, "edges": []}
    after = await api.data(ALLIES, {"asOf": "2023-10-01"})
    assert after["actor"]["allies"] == {
        "totalCount": 1,
        "edges": [
            {
                "relation": "ally",
                "type": "MEMBER_OF",
                "node": {"id": "actor:government-of-niger", "name": "Government of Niger"},
                "via": {"id": "alliance:aes"},
                "evidence": {
                    "status": "CONFIRMED",
                    "credibility": 1,
                    "likelihood": None,
                    "validFrom": "2023-09-16",
                    "validTo": None,
                    "sources": [{"id": "source:test", "title": "Test source", "reliability": "B"}],
                },
            }
        ],
    }


async def test_enemies_min_status_and_max_credibility(api: Api) -> None:
    query = """query($s: ClaimStatus!, $c: Int!) { actor(id: "actor:jnim") {
      enemies(minStatus: $s, maxCredibility: $c) { edges { node { id } evidence { status credibility } } } } }"""

    def ids(data: Any) -> list[str]:
        return [e["node"]["id"] for e in data["actor"]["enemies"]["edges"]]

    assert ids(await api.data(query, {"s": "POSSIBLE", "c": 6})) == [
        "actor:fama", "actor:isgs", "actor:wagner",
    ]  # fmt: skip
    assert ids(await api.data(query, {"s": "CONFIRMED", "c": 6})) == ["actor:fama"]
    assert ids(await api.data(query, {"s": "POSSIBLE", "c": 2})) == ["actor:fama", "actor:wagner"]


async def test_memberships_relationships_types_and_members(api: Api) -> None:
    data = await api.data(
        '{ actor(id: "actor:katiba-macina") { '
        "memberships { edges { node { id } type } } parents { edges { node { id } } } "
        "regions { edges { node { id } } } "
        "relationships(types: [PART_OF, OPERATES_IN]) { totalCount edges { relation } } } }"
    )
    assert data["actor"] == {
        "memberships": {
            "edges": [{"node": {"id": "alliance:jnim-coalition"}, "type": "MEMBER_OF"}]
        },
        "parents": {"edges": [{"node": {"id": "actor:jnim"}}]},
        "regions": {"edges": [{"node": {"id": "region:mli-kayes"}}]},
        "relationships": {
            "totalCount": 2,
            "edges": [{"relation": "active_in"}, {"relation": "parent"}],
        },
    }


async def test_bad_date_is_a_clear_error(api: Api) -> None:
    [error] = await api.errors(ALLIES, {"asOf": "2023-13"})
    assert "'2023-13' is not a real date" in error["message"]


async def test_relationship_pages_forward_and_backward(api: Api) -> None:
    query = """query($first: Int, $after: String, $last: Int, $before: String) {
      actor(id: "actor:fama") { relationships(first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor relation node { id } } } } }"""
    everything = (await api.data(query, {"first": 100}))["actor"]["relationships"]
    all_ids = [(e["relation"], e["node"]["id"]) for e in everything["edges"]]
    assert everything["totalCount"] == len(all_ids) == 8
    seen: list[tuple[str, str]] = []
    after = None
    while True:
        page = (await api.data(query, {"first": 4, "after": after}))["actor"]["relationships"]
        seen += [(e["relation"], e["node"]["id"]) for e in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == all_ids
    last = (await api.data(query, {"last": 3}))["actor"]["relationships"]
    assert [(e["relation"], e["node"]["id"]) for e in last["edges"]] == all_ids[-3:]
    assert last["pageInfo"]["hasPreviousPage"] is True and last["pageInfo"]["hasNextPage"] is False
    before = await api.data(query, {"last": 2, "before": last["pageInfo"]["startCursor"]})
    edges = before["actor"]["relationships"]["edges"]
    assert [(e["relation"], e["node"]["id"]) for e in edges] == all_ids[-5:-3]


ACTORS = """query($first: Int, $after: String, $last: Int, $before: String, $filter: ActorFilter,
                   $order: NameOrder = NAME) {
  actors(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $order) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }"""


def _ids(data: Any) -> list[str]:
    return [e["node"]["id"] for e in data["actors"]["edges"]]


async def test_actor_list_pages_forward_and_backward(api: Api) -> None:
    first = await api.data(ACTORS, {"first": 4})
    assert _ids(first) == [
        "actor:ansar-dine",
        "actor:cma",
        "actor:fama",
        "actor:government-of-mali",
    ]
    assert first["actors"]["totalCount"] == 9
    assert first["actors"]["pageInfo"]["hasNextPage"] is True
    second = await api.data(ACTORS, {"first": 4, "after": first["actors"]["pageInfo"]["endCursor"]})
    assert _ids(second) == [
        "actor:government-of-niger",
        "actor:isgs",
        "actor:jnim",
        "actor:katiba-macina",
    ]
    third = await api.data(ACTORS, {"first": 4, "after": second["actors"]["pageInfo"]["endCursor"]})
    assert _ids(third) == ["actor:wagner"]
    assert third["actors"]["pageInfo"]["hasNextPage"] is False
    back = await api.data(ACTORS, {"last": 2, "before": third["actors"]["pageInfo"]["startCursor"]})
    assert _ids(back) == ["actor:jnim", "actor:katiba-macina"]
    assert back["actors"]["pageInfo"]["hasPreviousPage"] is True
    tail = await api.data(ACTORS, {"last": 2})
    assert _ids(tail) == ["actor:katiba-macina", "actor:wagner"]
    by_id = await api.data(ACTORS, {"first": 2, "order": "ID"})
    assert _ids(by_id) == ["actor:ansar-dine", "actor:cma"]


async def test_actor_filters(api: Api) -> None:
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"kind": ["GOVERNMENT"]}, ["actor:government-of-mali", "actor:government-of-niger"]),
        ({"nameContains": "gsim"}, ["actor:jnim"]),
        ({"region": "region:mli-kayes"}, ["actor:fama", "actor:katiba-macina"]),
        ({"activeBetween": {"start": "2016", "end": "2016"}},
         ["actor:ansar-dine", "actor:cma", "actor:fama", "actor:government-of-mali",
          "actor:government-of-niger", "actor:isgs", "actor:katiba-macina", "actor:wagner"]),
    ]  # fmt: skip
    for given, expected in cases:
        data = await api.data(ACTORS, {"first": 20, "filter": given})
        assert _ids(data) == expected, given
        assert data["actors"]["totalCount"] == len(expected)


async def test_alliances_regions_incidents(api: Api) -> None:
    data = await api.data(
        "{ alliances(filter: {kind: [DEFENCE_PACT]}) { edges { node { id } } } "
        'regions(filter: {country: "MLI", level: 1}) { totalCount edges { node { name } } } '
        'incidents(filter: {actor: "actor:wagner", dateBetween: {start: "2023-06"}}) '
        "{ totalCount edges { node { id date } } } }"
    )
    assert data == {
        "alliances": {"edges": [{"node": {"id": "alliance:aes"}}]},
        "regions": {"totalCount": 4, "edges": [{"node": {"name": n}} for n in
                                                 ("Kayes", "Kidal", "Koulikoro", "Timbuktu")]},
        "incidents": {"totalCount": 3, "edges": [
            {"node": {"id": "incident:i2", "date": "2023-06-05"}},
            {"node": {"id": "incident:i4", "date": "2023-06-25"}},
            {"node": {"id": "incident:i5", "date": "2023-07-02"}},
        ]},
    }  # fmt: skip


async def test_regions_valid_on_a_date(api: Api) -> None:
    """The fixture's four Malian regions are undated (open periods): they exist on any day;
    `validOn` reaches the store's period filter (tests/loaders/test_admins.py dates them)."""
    data = await api.data(
        '{ regions(filter: {country: "MLI", level: 1, validOn: "2015-06-01"}) '
        "{ totalCount edges { node { id validFrom validTo } } } }"
    )
    assert data["regions"]["totalCount"] == 4
    assert {(e["node"]["validFrom"], e["node"]["validTo"]) for e in data["regions"]["edges"]} == {
        (None, None)
    }
    bad = await api.errors('{ regions(filter: {validOn: "2015-13"}) { totalCount } }')
    assert "2015-13" in bad[0]["message"]


async def test_search_by_name_and_alias(api: Api) -> None:
    data = await api.data(
        '{ a: search(text: "gsim") { totalCount edges { match node { id } } } '
        'b: search(text: "ka", kinds: [REGION, ACTOR]) { edges { match node { id } } } }'
    )
    assert data["a"] == {
        "totalCount": 1, "edges": [{"match": "exact", "node": {"id": "actor:jnim"}}],
    }  # fmt: skip
    assert data["b"]["edges"] == [
        {"match": "prefix", "node": {"id": "actor:katiba-macina"}},
        {"match": "prefix", "node": {"id": "region:mli-kayes"}},
    ]


SEARCH = """query($first: Int, $after: String, $last: Int, $before: String) {
  search(text: "k", kinds: [ACTOR, REGION], first: $first, after: $after, last: $last,
         before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor match node { id } } } }"""

K_HITS = [
    ("prefix", "actor:katiba-macina"), ("prefix", "region:mli-kayes"),
    ("prefix", "region:mli-kidal"), ("prefix", "region:mli-koulikoro"),
    ("contains", "region:mli-timbuktu"),
]  # fmt: skip
"""Names starting with k, by name, then the one that only contains it (Timbuktu)."""


def _hits(data: Any) -> list[tuple[str, str]]:
    return [(e["match"], e["node"]["id"]) for e in data["search"]["edges"]]


async def test_search_pages_forward_and_backward(api: Api) -> None:
    everything = await api.data(SEARCH, {"first": 100})
    assert _hits(everything) == K_HITS and everything["search"]["totalCount"] == 5
    first = await api.data(SEARCH, {"first": 2})
    assert _hits(first) == K_HITS[:2]
    assert first["search"]["pageInfo"]["hasNextPage"] is True
    assert first["search"]["pageInfo"]["hasPreviousPage"] is False
    rest = await api.data(SEARCH, {"first": 2, "after": first["search"]["pageInfo"]["endCursor"]})
    assert _hits(rest) == K_HITS[2:4]
    assert rest["search"]["pageInfo"]["hasPreviousPage"] is True
    last = await api.data(SEARCH, {"last": 2})
    assert _hits(last) == K_HITS[3:]
    assert last["search"]["pageInfo"]["hasPreviousPage"] is True
    assert last["search"]["pageInfo"]["hasNextPage"] is False
    before = await api.data(
        SEARCH, {"last": 2, "before": last["search"]["pageInfo"]["startCursor"]}
    )
    assert _hits(before) == K_HITS[1:3]


async def test_nodes_by_ids_in_order(api: Api) -> None:
    data = await api.data('{ nodes(ids: ["region:mli-kidal", "actor:none", "actor:cma"]) { id } }')
    assert data == {"nodes": [{"id": "region:mli-kidal"}, None, {"id": "actor:cma"}]}


async def test_alliance_members_as_of_with_evidence(api: Api) -> None:
    query = """query($asOf: Date) { alliance(id: "alliance:aes") { name
      members(asOf: $asOf) { totalCount edges { node { id } evidence { status validFrom } } } } }"""
    before = await api.data(query, {"asOf": "2023-09-01"})
    assert before["alliance"]["members"] == {"totalCount": 0, "edges": []}
    after = await api.data(query, {"asOf": "2023-10-01"})
    evidence = {"status": "CONFIRMED", "validFrom": "2023-09-16"}
    assert after["alliance"]["members"] == {
        "totalCount": 2,
        "edges": [
            {"node": {"id": "actor:government-of-mali"}, "evidence": evidence},
            {"node": {"id": "actor:government-of-niger"}, "evidence": evidence},
        ],
    }
    page = await api.data(
        """{ alliance(id: "alliance:aes") { members(first: 1) { pageInfo { hasNextPage endCursor }
        edges { node { id } } } } }"""
    )
    cursor = page["alliance"]["members"]["pageInfo"]["endCursor"]
    assert page["alliance"]["members"]["pageInfo"]["hasNextPage"] is True
    rest = await api.data(
        """query($c: String) { alliance(id: "alliance:aes") { members(after: $c) {
        edges { node { id } } } } }""",
        {"c": cursor},
    )
    assert rest["alliance"]["members"]["edges"] == [{"node": {"id": "actor:government-of-niger"}}]


async def test_a_node_reference_opens_the_whole_node(api: Api) -> None:
    data = await api.data(
        '{ path(fromId: "actor:katiba-macina", toId: "actor:fama", asOf: "2023-10") '
        "{ nodes { id node { ... on Actor { kind } } } } }"
    )
    [path] = data["path"]
    assert path["nodes"] == [
        {"id": "actor:katiba-macina", "node": {"kind": "JIHADIST_GROUP"}},
        {"id": "actor:jnim", "node": {"kind": "JIHADIST_GROUP"}},
        {"id": "actor:fama", "node": {"kind": "STATE_FORCE"}},
    ]
