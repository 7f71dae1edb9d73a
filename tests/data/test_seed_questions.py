"""The seed knowledge base (data/) answers the analysts' eight questions (issue 3, part 2).

Every test loads the whole of data/ into a real embedded FalkorDB and asserts the exact
answer a catalog query gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.dialect import Neo4jDialect
from graph.store import GraphStore
from loaders.curated import load_paths
from queries.catalog import CATALOG, load_catalog, run_named
from queries.errors import InvalidParameter, NotFound
from queries.stats import graph_counts
from queries.tabular import table_rows
from tests.support.neo4j_lint import errors_only, lint_cypher

DATA = Path(__file__).resolve().parents[2] / "data"

SEED_QUERIES = (
    "affiliation_chain",
    "reported_counts",
    "operations",
    "alliance_status",
    "events_between",
    "regions_bordering",
    "assessments_about",
    "region_changes",
)


@pytest.fixture
async def seeded(store: GraphStore) -> GraphStore:
    await load_paths(store, [DATA])
    return store


async def ask(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return table_rows(await run_named(store, name, **params))


# 1. Members of the Alliance of Sahel States and since when.
async def test_alliance_of_sahel_states_members_and_since_when(seeded: GraphStore) -> None:
    rows = await ask(seeded, "alliance_members", alliance_id="alliance:alliance-of-sahel-states")
    assert [(r["member_id"], r["valid_from"], r["status"]) for r in rows] == [
        ("actor:government-of-burkina-faso", "2023-09-16", "confirmed"),
        ("actor:government-of-mali", "2023-09-16", "confirmed"),
        ("actor:government-of-niger", "2023-09-16", "confirmed"),
    ]
    assert {c for r in rows for c in r["source_ids"]} == {
        "source:sahel-dispatch-2023-09#alliance-of-sahel-states"
    }
    before = await ask(
        seeded,
        "alliance_members",
        alliance_id="alliance:alliance-of-sahel-states",
        as_of="2023-09-15",
    )
    assert before == []


# 2. What Katiba Macina is part of, and what that is affiliated with.
async def test_katiba_macina_part_of_and_affiliations(seeded: GraphStore) -> None:
    rows = await ask(seeded, "affiliation_chain", actor_id="actor:katiba-macina")
    assert [(r["via_id"], r["via_type"], r["affiliate_id"]) for r in rows] == [
        ("actor:jnim", "PART_OF", "actor:al-qaeda"),
        ("alliance:jnim-coalition", "MEMBER_OF", "actor:al-qaeda"),
    ]
    part_of = rows[0]
    assert part_of["via_valid_from"] == "2017-03-02"
    assert "source:sahel-dispatch-2023-06#kayes-region" in part_of["via_source_ids"]
    assert part_of["affiliate_valid_from"] == "2017-03-02"


async def test_affiliation_chain_respects_as_of(seeded: GraphStore) -> None:
    rows = await ask(seeded, "affiliation_chain", actor_id="actor:katiba-macina", as_of="2016")
    assert rows == []


# 3. Security incidents in Kayes, Koulikoro and Segou in May and in June 2023.
async def test_security_incidents_may_and_june(seeded: GraphStore) -> None:
    rows = await ask(
        seeded,
        "reported_counts",
        metric="security_incidents",
        region_ids=["region:mli-kayes", "region:mli-koulikoro", "region:mli-segou"],
        months=["2023-05", "2023-06"],
    )
    assert [(r["region"], r["month"], r["value"], r["qualifier"]) for r in rows] == [
        ("Kayes", "2023-05", 31, "derived"),
        ("Kayes", "2023-06", 37, "exact"),
        ("Koulikoro", "2023-05", 21, "derived"),
        ("Koulikoro", "2023-06", 51, "exact"),
        ("Segou", "2023-05", 23, "derived"),
        ("Segou", "2023-06", 34, "exact"),
    ]
    derived = {r["region"]: r["derived_from"] for r in rows if r["qualifier"] == "derived"}
    assert "six more than in May" in derived["Kayes"]
    assert "30 more than in May" in derived["Koulikoro"]
    assert "11 more than in May" in derived["Segou"]


async def test_katiba_macina_attacks_and_operations_in_kayes(seeded: GraphStore) -> None:
    attacks = await ask(seeded, "reported_counts", metric="attacks", actor_id="actor:katiba-macina")
    assert [(r["region_id"], r["month"], r["value"], r["qualifier"]) for r in attacks] == [
        ("region:mli-kayes", "2023-05", 4, "derived"),
        ("region:mli-kayes", "2023-06", 7, "exact"),
    ]
    arrests = await ask(seeded, "reported_counts", metric="arrests", months=["2023-06"])
    assert [(r["region"], r["value"], r["qualifier"]) for r in arrests] == [
        ("Kayes", 1, "at_least"),
        ("Koulikoro", 9, "at_least"),
        ("Segou", 40, "at_least"),
    ]
    operations = await ask(seeded, "reported_counts", metric="operations", months=["2023-06"])
    assert [(r["region"], r["value"], r["qualifier"]) for r in operations] == [
        ("Kayes", 1, "at_least"),
        ("Koulikoro", 2, "at_least"),
        ("Segou", 4, "at_least"),
    ]


async def test_directions_of_change_carry_no_numbers(seeded: GraphStore) -> None:
    rows = await ask(seeded, "reported_counts", metric="jihadist_activity", months=["2023-09"])
    assert [(r["region"], r["direction"], r["value"]) for r in rows] == [
        ("Kayes", "decreased", None),
        ("Koulikoro", "increased", None),
        ("Segou", "increased", None),
        ("Sikasso", "decreased", None),
        ("Taoudenni", "increased", None),
        ("Timbuktu", "increased", None),
    ]
    june = await ask(seeded, "reported_counts", metric="jihadist_activity", months=["2023-06"])
    assert [(r["region"], r["direction"]) for r in june] == [
        ("Kayes", "increased"),
        ("Koulikoro", "increased"),
        ("Segou", "increased"),
        ("Sikasso", "increased"),
    ]


# 4. Who conducted joint operations, and in which regions.
async def test_joint_operations_conductors_and_regions(seeded: GraphStore) -> None:
    rows = await ask(seeded, "operations")
    assert len(rows) == 1
    (joint,) = rows
    assert joint["operation_id"] == "operation:fama-wagner-joint-2023-06"
    assert joint["date"] == "2023-06"
    assert joint["conductors"] == ["actor:fama", "actor:wagner-group"]
    assert joint["regions"] == ["region:mli-koulikoro", "region:mli-mopti", "region:mli-segou"]
    assert joint["area"] == "central Mopti; central Segou; northern Koulikoro"


async def test_all_operations_with_arrests(seeded: GraphStore) -> None:
    rows = await ask(seeded, "operations", joint_only=False, start="2023-06", end="2023-06")
    assert [(r["operation_id"], r["arrests"], r["arrests_qualifier"]) for r in rows] == [
        ("operation:fama-wagner-joint-2023-06", None, None),
        ("operation:mali-fds-kayes-2023-06", 1, "at_least"),
        ("operation:mali-fds-koulikoro-2023-06", 9, "at_least"),
        ("operation:mali-fds-segou-2023-06", 40, "at_least"),
    ]
    assert await ask(seeded, "operations", joint_only=False, start="2023-07") == []


# 5. The possible JNIM–CMA alignment: its status, likelihood and source.
async def test_possible_jnim_cma_alignment(seeded: GraphStore) -> None:
    (row,) = await ask(seeded, "alliance_status", alliance_id="alliance:jnim-cma-alignment")
    assert row["status"] == "possible"
    assert row["likelihood"] == "roughly_even_chance"
    assert "might end up striking up an alliance" in (row["likelihood_wording"] or "")
    assert row["source_ids"] == ["source:sahel-dispatch-2023-06#the-bottom-line"]
    # The newsletter's source node grades itself B (data/newsletters/sahel-dispatch-2023-06.yaml).
    assert row["source_grades"] == ["B"]
    assert [(m["member_id"], m["status"]) for m in row["members"]] == [
        ("actor:cma", "possible"),
        ("actor:jnim", "possible"),
        ("actor:northern-armed-groups", "possible"),
    ]


async def test_only_one_alliance_is_possible(seeded: GraphStore) -> None:
    rows = await ask(seeded, "alliance_status", status="possible")
    assert [r["alliance_id"] for r in rows] == ["alliance:jnim-cma-alignment"]
    active = await ask(seeded, "alliance_status", status="active")
    assert sorted(r["alliance_id"] for r in active) == [
        "alliance:alliance-of-sahel-states",
        "alliance:cma-coalition",
        "alliance:fama-wagner-partnership",
        "alliance:jnim-coalition",
    ]


# 6. The events of June 2023 in date order.
async def test_june_2023_events_in_date_order(seeded: GraphStore) -> None:
    rows = await ask(seeded, "events_between", start="2023-06", end="2023-06")
    assert [(r["date"], r["event_id"]) for r in rows] == [
        ("2023-06", "event:jnim-referendum-disruption"),
        ("2023-06", "event:lavrov-contractors-remain"),
        ("2023-06", "event:wagner-kremlin-fallout"),
        ("2023-06-16", "event:diop-unsc-speech"),
        ("2023-06-18", "event:constitutional-referendum"),
        ("2023-06-30", "event:minusma-mandate-end"),
    ]
    by_id = {r["event_id"]: r for r in rows}
    assert by_id["event:jnim-referendum-disruption"]["actors"] == ["actor:jnim"]
    assert by_id["event:wagner-kremlin-fallout"]["actors"] == [
        "actor:russia",
        "actor:wagner-group",
    ]


async def test_september_2023_events(seeded: GraphStore) -> None:
    rows = await ask(seeded, "events_between", start="2023-09", end="2023-09")
    assert [(r["date"], r["event_id"]) for r in rows] == [
        ("2023-07-01", "event:minusma-withdrawal"),
        ("2023-08", "event:timbuktu-siege"),
        ("2023-09", "event:cma-attacks-on-military-positions-2023-09"),
        ("2023-09", "event:fama-wagner-take-over-minusma-positions"),
        ("2023-09", "event:jihadist-attacks-on-military-positions-2023-09"),
        ("2023-09", "event:kidal-offensive"),
        ("2023-09", "event:minusma-withdrawal-continues-2023-09"),
        ("2023-09-16", "event:liptako-gourma-charter"),
    ]
    charter = rows[-1]
    assert charter["actors"] == [
        "actor:government-of-burkina-faso",
        "actor:government-of-mali",
        "actor:government-of-niger",
    ]
    withdrawal = rows[0]
    assert withdrawal["end_date"] == "2023-12-31"


# 7. Which regions border Senegal, Mauritania, Guinea and Côte d'Ivoire.
async def test_regions_bordering_western_and_southern_neighbours(seeded: GraphStore) -> None:
    rows = await ask(
        seeded,
        "regions_bordering",
        country_ids=["country:sen", "country:mrt", "country:gin", "country:civ"],
        region_country="MLI",
    )
    bordering: dict[str, set[str]] = {}
    for row in rows:
        bordering.setdefault(row["country_id"], set()).add(row["region_id"])
    assert bordering == {
        "country:sen": {"region:mli-kayes"},
        "country:mrt": {
            "region:mli-kayes",
            "region:mli-koulikoro",
            "region:mli-segou",
            "region:mli-timbuktu",
            "region:mli-taoudenni",
        },
        "country:gin": {"region:mli-kayes", "region:mli-koulikoro", "region:mli-sikasso"},
        "country:civ": {"region:mli-sikasso"},
    }
    assert {c for r in rows for c in r["source_ids"]} == {"source:reference-geography"}


async def test_region_changes_name_the_regions_carved_in_2016(seeded: GraphStore) -> None:
    rows = await ask(seeded, "region_changes", country="mli")
    assert [(r["old_id"], r["old"], r["new_id"], r["new"], r["new_from"],
             r["old_until"]) for r in rows] == [
        ("region:mli-gao", "Gao", "region:mli-menaka", "Menaka", "2016", None),
        ("region:mli-timbuktu", "Timbuktu", "region:mli-taoudenni", "Taoudenni", "2016", None),
    ]  # fmt: skip


async def test_every_neighbour_borders_some_malian_region(seeded: GraphStore) -> None:
    neighbours = ["sen", "gin", "mrt", "civ", "bfa", "ner", "dza"]
    rows = await ask(seeded, "regions_bordering", country_ids=[f"country:{n}" for n in neighbours])
    assert {r["country_id"] for r in rows} == {f"country:{n}" for n in neighbours}
    niger = {r["region_id"] for r in rows if r["country_id"] == "country:ner"}
    assert niger == {"region:mli-gao", "region:mli-kidal", "region:mli-menaka"}


# 8. Every assessment about MINUSMA's withdrawal, with its likelihood.
async def test_assessments_about_minusma_withdrawal(seeded: GraphStore) -> None:
    rows = await ask(seeded, "assessments_about", node_id="event:minusma-withdrawal")
    ids = [r["assessment_id"].split(":") for r in rows]
    assert [(i[1], i[2], r["likelihood"]) for i, r in zip(ids, rows, strict=True)] == [
        ("sahel-dispatch-2023-06", "confrontation-more-probable", "very_likely"),
        ("sahel-dispatch-2023-06", "contest-for-former-minusma-areas", "likely"),
        ("sahel-dispatch-2023-06", "jihadist-movement-into-southwest", "likely"),
        ("sahel-dispatch-2023-06", "minusma-security-vacuum", "very_likely"),
        ("sahel-dispatch-2023-06", "northern-mali-degradation", "almost_certain"),
        ("sahel-dispatch-2023-09", "collision-course-with-cma", "very_likely"),
        ("sahel-dispatch-2023-09", "minusma-departure-widens-vacuum", "very_likely"),
    ]
    certain = [r for r in rows if r["likelihood"] == "almost_certain"]
    assert certain[0]["wording"] == "will almost certainly lead to further degradation"
    firm = await ask(
        seeded,
        "assessments_about",
        node_id="event:minusma-withdrawal",
        min_likelihood="very_likely",
    )
    assert len(firm) == 5


async def test_assessments_about_rejects_nodes_that_cannot_be_assessed(
    seeded: GraphStore,
) -> None:
    with pytest.raises(InvalidParameter) as caught:
        await ask(seeded, "assessments_about", node_id="source:sahel-dispatch-2023-06")
    assert (caught.value.code, caught.value.field) == ("invalid_parameter", "node_id")
    assert str(caught.value) == (
        "assessments_about: parameter node_id: assessments are about Actor, Alliance, Region, "
        "Country, Location, Event, Operation nodes"
    )
    with pytest.raises(NotFound, match=r"^no event with id event:never-happened$"):
        await ask(seeded, "assessments_about", node_id="event:never-happened")


# The load itself.
async def test_loading_data_twice_changes_no_count(store: GraphStore) -> None:
    await load_paths(store, [DATA])
    first = await graph_counts(store)
    await load_paths(store, [DATA])
    assert await graph_counts(store) == first
    nodes, rels = first
    assert nodes["ActivityReport"] == 26
    assert nodes["Assessment"] == 22
    assert nodes["Region"] == 11
    assert rels["CONDUCTED"] == 5


def test_seed_statements_are_valid_neo4j_cypher() -> None:
    load_catalog()
    dialect = Neo4jDialect()
    statements = {
        key: cypher
        for name in SEED_QUERIES
        for key, cypher in CATALOG[name].statements(dialect).items()
    }
    try:
        results = lint_cypher(statements)
    except RuntimeError as exc:
        pytest.skip(f"Neo4j Cypher linter unavailable: {exc}")
    problems = {key: errors_only(diags) for key, diags in results.items()}
    assert {key: diags for key, diags in problems.items() if diags} == {}


async def test_windows_take_only_real_dates(seeded: GraphStore) -> None:
    with pytest.raises(InvalidParameter, match="not a real date"):
        await ask(seeded, "events_between", start="2023-13")
    rows = await ask(seeded, "events_between", start="2022", end="2022")
    assert [r["event_id"] for r in rows] == ["event:french-forces-withdrawal"]
