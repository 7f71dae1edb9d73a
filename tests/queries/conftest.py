"""A small Sahel graph, written through the real write path, small enough to check by hand.

Actors: JNIM with two sub-units (Katiba Macina, Ansar Dine), ISGS, the CMA, FAMa (part of
the Government of Mali), Wagner, the Government of Niger. Alliances: the JNIM coalition
(Katiba Macina, Ansar Dine), the AES (Mali and Niger from 2023-09-16), and a *possible*
JNIM–CMA alignment. Regions: Kayes (with the Nioro cercle), Koulikoro, Kidal, Timbuktu;
Kayes borders Senegal and Mauritania, Timbuktu borders Mauritania.

Incidents (ACLED roles unless noted), all 2023:
  i1 05-10 Nioro(Kayes)  actor1 Katiba Macina / actor2 FAMa                      3 dead
  i2 06-05 Kayes         actor1 Katiba Macina / actor2 FAMa, assoc_actor_2 Wagner 5 dead
  i3 06-20 Koulikoro     actor1 JNIM, assoc_actor_1 Katiba Macina / actor2 FAMa   2 dead
  i4 06-25 Kidal         actor1 CMA / actor2 FAMa, assoc_actor_2 Wagner          10 dead
  i5 07-02 Koulikoro     actor1 FAMa, assoc_actor_1 Wagner / actor2 JNIM          0 dead
  i6 07-15 Timbuktu      actor1 ISGS / actor2 JNIM                                4 dead
  u1 06-05 Kayes (UCDP)  side_a FAMa / side_b Katiba Macina                       5 dead
Operation op1 2023-06-12 in Koulikoro: FAMa and Wagner (joint), targeting JNIM.
Activity reports (newsletter): Kayes security incidents May 31 (derived), June 37;
Koulikoro May 21 (derived), June 51; Katiba Macina attacks in Kayes May 4 (derived), June 7.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from graph.model import (
    ActivityReport,
    Actor,
    Alliance,
    Country,
    Incident,
    Node,
    Operation,
    Region,
    Relationship,
    Source,
)
from graph.store import GraphStore
from queries.writes import upsert_nodes, upsert_relationships

SRC = "source:test"
CITE = [SRC]


def actor(slug: str, name: str, kind: str) -> Actor:
    return Actor(id=f"actor:{slug}", name=name, kind=kind, source_ids=CITE)


def rel(type_: str, a: str, b: str, **extra: Any) -> Relationship:
    extra.setdefault("source_ids", CITE)
    return Relationship(type=type_, from_id=a, to_id=b, **extra)


NODES: list[Node] = [
    Source(id=SRC, name="Test source", reliability="B"),
    Actor(
        id="actor:jnim",
        name="JNIM",
        kind="jihadist_group",
        aliases=["GSIM", "Jama'a Nusrat ul-Islam wa al-Muslimin"],
        founded="2017-03",
        source_ids=CITE,
    ),
    actor("katiba-macina", "Katiba Macina", "jihadist_group"),
    actor("ansar-dine", "Ansar Dine", "jihadist_group"),
    actor("isgs", "ISGS", "jihadist_group"),
    actor("cma", "CMA", "separatist_group"),
    actor("fama", "FAMa", "state_force"),
    actor("wagner", "Wagner Group", "private_military_company"),
    actor("government-of-mali", "Government of Mali", "government"),
    actor("government-of-niger", "Government of Niger", "government"),
    Alliance(id="alliance:jnim-coalition", name="JNIM coalition", source_ids=CITE),
    Alliance(
        id="alliance:aes",
        name="Alliance of Sahel States",
        kind="defence_pact",
        formed="2023-09-16",
        source_ids=CITE,
    ),
    Alliance(
        id="alliance:jnim-cma",
        name="JNIM–CMA alignment",
        kind="alignment",
        status="possible",
        likelihood="roughly_even_chance",
        source_ids=CITE,
    ),
    Country(id="country:mli", name="Mali", iso3="MLI", source_ids=CITE),
    Country(id="country:sen", name="Senegal", iso3="SEN", source_ids=CITE),
    Country(id="country:mrt", name="Mauritania", iso3="MRT", source_ids=CITE),
    Region(id="region:mli-kayes", name="Kayes", level=1, country="MLI", source_ids=CITE),
    Region(id="region:mli-nioro", name="Nioro", level=2, country="MLI", source_ids=CITE),
    Region(id="region:mli-koulikoro", name="Koulikoro", level=1, country="MLI", source_ids=CITE),
    Region(id="region:mli-kidal", name="Kidal", level=1, country="MLI", source_ids=CITE),
    Region(id="region:mli-timbuktu", name="Timbuktu", level=1, country="MLI", source_ids=CITE),
    Operation(id="operation:op1", name="Joint op", date="2023-06-12", joint=True, source_ids=CITE),
]

INCIDENTS: list[tuple[str, str, str, str, int, list[tuple[str, str]]]] = [
    ("i1", "acled", "2023-05-10", "region:mli-nioro", 3, [("katiba-macina", "actor1"), ("fama", "actor2")]),
    ("i2", "acled", "2023-06-05", "region:mli-kayes", 5,
     [("katiba-macina", "actor1"), ("fama", "actor2"), ("wagner", "assoc_actor_2")]),
    ("i3", "acled", "2023-06-20", "region:mli-koulikoro", 2,
     [("jnim", "actor1"), ("katiba-macina", "assoc_actor_1"), ("fama", "actor2")]),
    ("i4", "acled", "2023-06-25", "region:mli-kidal", 10,
     [("cma", "actor1"), ("fama", "actor2"), ("wagner", "assoc_actor_2")]),
    ("i5", "acled", "2023-07-02", "region:mli-koulikoro", 0,
     [("fama", "actor1"), ("wagner", "assoc_actor_1"), ("jnim", "actor2")]),
    ("i6", "acled", "2023-07-15", "region:mli-timbuktu", 4, [("isgs", "actor1"), ("jnim", "actor2")]),
    ("u1", "ucdp-ged", "2023-06-05", "region:mli-kayes", 5, [("fama", "side_a"), ("katiba-macina", "side_b")]),
]  # fmt: skip

REPORTS: list[tuple[str, str, str, str | None, int, str]] = [
    ("region:mli-kayes", "2023-05", "security_incidents", None, 31, "derived"),
    ("region:mli-kayes", "2023-06", "security_incidents", None, 37, "exact"),
    ("region:mli-koulikoro", "2023-05", "security_incidents", None, 21, "derived"),
    ("region:mli-koulikoro", "2023-06", "security_incidents", None, 51, "exact"),
    ("region:mli-kayes", "2023-05", "attacks", "actor:katiba-macina", 4, "derived"),
    ("region:mli-kayes", "2023-06", "attacks", "actor:katiba-macina", 7, "exact"),
]

RELATIONSHIPS: list[Relationship] = [
    rel("PART_OF", "actor:katiba-macina", "actor:jnim", valid_from="2017-03", status="confirmed",
        credibility=1),
    rel("PART_OF", "actor:ansar-dine", "actor:jnim", valid_from="2017-03", status="confirmed",
        credibility=2),
    rel("PART_OF", "actor:fama", "actor:government-of-mali", status="confirmed", credibility=1),
    rel("MEMBER_OF", "actor:katiba-macina", "alliance:jnim-coalition", credibility=2),
    rel("MEMBER_OF", "actor:ansar-dine", "alliance:jnim-coalition", credibility=2),
    rel("MEMBER_OF", "actor:government-of-mali", "alliance:aes", valid_from="2023-09-16",
        status="confirmed", credibility=1),
    rel("MEMBER_OF", "actor:government-of-niger", "alliance:aes", valid_from="2023-09-16",
        status="confirmed", credibility=1),
    rel("MEMBER_OF", "actor:jnim", "alliance:jnim-cma", credibility=2),
    rel("MEMBER_OF", "actor:cma", "alliance:jnim-cma", credibility=2),
    rel("ALLIED_WITH", "actor:fama", "actor:wagner", valid_from="2021-12", status="confirmed",
        credibility=1),
    rel("ALLIED_WITH", "actor:cma", "actor:fama", valid_from="2015-06", valid_to="2023-08",
        credibility=2),
    rel("SUPPORTS", "actor:wagner", "actor:government-of-mali", valid_from="2021-12",
        credibility=2),
    rel("HOSTILE_TO", "actor:jnim", "actor:fama", valid_from="2017", status="confirmed",
        credibility=1),
    rel("HOSTILE_TO", "actor:jnim", "actor:wagner", valid_from="2022-01", credibility=2),
    rel("HOSTILE_TO", "actor:isgs", "actor:fama", credibility=2),
    rel("HOSTILE_TO", "actor:isgs", "actor:jnim", valid_from="2020-01", credibility=3),
    rel("HOSTILE_TO", "actor:cma", "actor:fama", valid_from="2023-09", credibility=2),
    rel("OPERATES_IN", "actor:katiba-macina", "region:mli-kayes", valid_from="2023-06",
        credibility=2),
    rel("OPERATES_IN", "actor:jnim", "region:mli-koulikoro", status="confirmed", credibility=1),
    rel("OPERATES_IN", "actor:cma", "region:mli-kidal", status="confirmed", credibility=1),
    rel("OPERATES_IN", "actor:cma", "region:mli-timbuktu", credibility=2),
    rel("OPERATES_IN", "actor:fama", "region:mli-kayes", status="confirmed", credibility=1),
    rel("OPERATES_IN", "actor:fama", "region:mli-koulikoro", status="confirmed", credibility=1),
    rel("PART_OF", "region:mli-nioro", "region:mli-kayes", status="confirmed", credibility=1),
    rel("PART_OF", "region:mli-kayes", "country:mli", status="confirmed", credibility=1),
    rel("BORDERS", "region:mli-kayes", "country:sen", status="confirmed", credibility=1),
    rel("BORDERS", "region:mli-kayes", "country:mrt", status="confirmed", credibility=1),
    rel("BORDERS", "region:mli-timbuktu", "country:mrt", status="confirmed", credibility=1),
    rel("CONDUCTED", "actor:fama", "operation:op1", status="confirmed", credibility=1),
    rel("CONDUCTED", "actor:wagner", "operation:op1", status="confirmed", credibility=1),
    rel("TARGETED_BY", "actor:jnim", "operation:op1", status="confirmed", credibility=1),
    rel("OCCURRED_IN", "operation:op1", "region:mli-koulikoro", status="confirmed", credibility=1),
]  # fmt: skip


def all_nodes() -> list[Node]:
    nodes = list(NODES)
    for slug, dataset, date, _, deaths, _ in INCIDENTS:
        nodes.append(
            Incident(id=f"incident:{slug}", name=slug, date=date, dataset=dataset,
                     fatalities=deaths, source_ids=CITE)
        )  # fmt: skip
    for region, month, metric, actor_id, value, qualifier in REPORTS:
        who = actor_id.split(":")[1] if actor_id else "all"
        nodes.append(
            ActivityReport(
                id=f"report:{region.split(':')[1]}:{who}:{metric}:{month}", name="r", month=month,
                metric=metric, region_id=region, actor_id=actor_id, value=value,
                qualifier=qualifier, source_ids=CITE,
            )
        )  # fmt: skip
    return nodes


def all_relationships() -> list[Relationship]:
    rels = list(RELATIONSHIPS)
    for slug, _, _, region, _, actors in INCIDENTS:
        rels.append(rel("OCCURRED_IN", f"incident:{slug}", region))
        for who, role in actors:
            rels.append(rel("PARTICIPATED_IN", f"actor:{who}", f"incident:{slug}", role=role))
    return rels


async def load_fixture(store: GraphStore) -> None:
    await upsert_nodes(store, all_nodes())
    await upsert_relationships(store, all_relationships())


@pytest.fixture
async def kg(store: GraphStore) -> AsyncIterator[GraphStore]:
    """The embedded store holding the fixture graph."""
    await load_fixture(store)
    yield store
