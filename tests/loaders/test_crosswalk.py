"""The one crosswalk: names and ids from every source → canonical actors; merging on re-load."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.crosswalk import CURATED, UNRESOLVED, Crosswalk, KnownActor, name_variants
from loaders.curated import load_paths
from loaders.eventload import LoadOptions
from loaders.regions import canonical_region_name, region_key
from loaders.ucdp import load_ucdp_ged
from queries.eventdata.indexes import read_unresolved_actors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CURATED_ACTORS = FIXTURES / "acled" / "curated_actors.yaml"


def _crosswalk() -> Crosswalk:
    return Crosswalk(
        [
            KnownActor("actor:jnim", "JNIM", CURATED, ucdp_id=6716,
                       aliases=["Group for Support of Islam and Muslims"]),
            KnownActor("actor:fama", "FAMa", CURATED, acled_names=["Military Forces of Mali"]),
            KnownActor("actor:katiba-macina", "Katiba Macina", CURATED, ucdp_id=6267),
            KnownActor("actor:cma", "CMA", CURATED, ucdp_id=1158),
            KnownActor("actor:ansar-dine-acled", "Ansar Dine", UNRESOLVED),
        ]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("JNIM: Group for Support of Islam and Muslims", "actor:jnim"),
        ("jnim", "actor:jnim"),
        ("Group for Support of Islam and Muslims", "actor:jnim"),
        ("Military Forces of Mali (2020-2021)", "actor:fama"),
        ("Military Forces of Mali (2021-)", "actor:fama"),
        ("MILITARY FORCES OF MALI", "actor:fama"),
        ("FAMa", "actor:fama"),  # the id slug
        ("Famà.", "actor:fama"),  # case, diacritics and punctuation ignored
        ("Katiba-Macina", "actor:katiba-macina"),
        ("Ansar Dine", "actor:ansar-dine-acled"),  # unresolved actors match too, last
        ("Military Forces of Niger (2021-2023)", None),
    ],
)
def test_names_resolve_ignoring_case_diacritics_punctuation_and_period(
    name: str, expected: str | None
) -> None:
    assert _crosswalk().resolve_name(name) == expected


def test_ucdp_ids_resolve_first() -> None:
    crosswalk = _crosswalk()
    assert crosswalk.resolve(None, 6716) == "actor:jnim"
    assert crosswalk.resolve("FLM", 6267) == "actor:katiba-macina"
    assert crosswalk.resolve("CMA", 1158) == "actor:cma"
    assert crosswalk.resolve("Someone", 999999) is None


def test_name_variants() -> None:
    assert name_variants("JNIM: Group for Support of Islam and Muslims") == [
        ("jnim group for support of islam and muslims", "whole"),
        ("group for support of islam and muslims", "part"),
        ("jnim", "acronym"),
    ]
    assert name_variants("Military Forces of Mali (2020-2021)") == [
        ("military forces of mali 2020 2021", "whole"),
        ("military forces of mali", "whole"),
    ]
    assert name_variants("Police Forces of Mali (2021-) Gendarmerie") == [
        ("police forces of mali 2021 gendarmerie", "whole"),
        ("police forces of mali gendarmerie", "whole"),
    ]


def test_unmatched_names_become_one_unresolved_actor_per_name() -> None:
    crosswalk = _crosswalk()
    first = crosswalk.actor_for("Military Forces of Niger (2021-2023)", UNRESOLVED_KIND, "source:x")
    second = crosswalk.actor_for("Military Forces of Niger (2023-)", UNRESOLVED_KIND, "source:x")
    assert first == second == "actor:military-forces-of-niger"
    created = crosswalk.drain_actors()
    assert [a.id for a in created] == ["actor:military-forces-of-niger"]
    assert created[0].unresolved is True
    assert created[0].acled_names == [
        "Military Forces of Niger (2021-2023)",
        "Military Forces of Niger (2023-)",
    ]
    assert crosswalk.unresolved_names == {
        "Military Forces of Niger (2021-2023)": 1,
        "Military Forces of Niger (2023-)": 1,
    }


UNRESOLVED_KIND = __import__("graph.vocab", fromlist=["ActorKind"]).ActorKind.STATE_FORCE


@pytest.mark.parametrize(
    ("raw", "canonical", "key"),
    [
        ("Timbuktu", "Tombouctou", "tombouctou"),
        ("Tombouctou", "Tombouctou", "tombouctou"),
        ("Segou", "Ségou", "segou"),
        ("Ségou", "Ségou", "segou"),
        ("Menaka", "Ménaka", "menaka"),
        ("Mopti region", "Mopti", "mopti"),
        ("Mopti cercle", "Mopti", "mopti"),
        ("Ménaka cercle", "Ménaka", "menaka"),
        ("Bamako District", "Bamako", "bamako"),
    ],
)
def test_region_names_normalise_across_sources(raw: str, canonical: str, key: str) -> None:
    assert canonical_region_name(raw) == canonical
    assert region_key(raw) == key


async def test_curated_actors_absorb_acled_and_ucdp_names(
    store: GraphStore, tmp_path: Path
) -> None:
    await load_paths(store, [CURATED_ACTORS])
    options = LoadOptions(rejects_dir=tmp_path, decision_files=())
    await load_acled(store, [FIXTURES / "acled" / "acled_2019.csv"], options)
    await load_ucdp_ged(store, [FIXTURES / "ucdp" / "ged_mali.csv"], options)
    rows = await store.read(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(i:Incident) WHERE a.id IN "
        "['actor:jnim', 'actor:fama', 'actor:katiba-macina', 'actor:cma'] "
        "RETURN a.id AS id, count(i) AS incidents ORDER BY id"
    )
    assert rows == [
        {"id": "actor:cma", "incidents": 2},  # ACLED MLI5004 and GED 190002 (UCDP id 1158)
        {"id": "actor:fama", "incidents": 2},  # "Military Forces of Mali (2020-2021)", "(2021-)"
        {"id": "actor:jnim", "incidents": 3},  # two ACLED events and GED side id 6716
        {"id": "actor:katiba-macina", "incidents": 1},  # GED "FLM", UCDP id 6267
    ]


async def test_an_alias_added_to_curated_data_merges_the_unresolved_actor(
    store: GraphStore, tmp_path: Path
) -> None:
    await load_paths(store, [CURATED_ACTORS])
    options = LoadOptions(rejects_dir=tmp_path, decision_files=())
    acled = FIXTURES / "acled" / "acled_2019.csv"
    await load_acled(store, [acled], options)
    unresolved = {row["name"]: row["incidents"] for row in await read_unresolved_actors(store)}
    assert unresolved["Dan Na Ambassagou"] == 1
    assert unresolved["Wagner Group"] == 1
    # the analyst adds the names to curated data and loads it …
    curated = tmp_path / "more.yaml"
    curated.write_text(
        "actors:\n  - id: actor:dozo-militia\n    name: Dozo militia\n    kind: militia\n"
        "    aliases: [Dan Na Ambassagou]\n    source_ids: [source:test-reference]\n",
        encoding="utf-8",
    )
    await load_paths(store, [curated])
    # … and re-loads the event file: the unresolved actor is merged, with its edges
    summary = await load_acled(store, [acled], options)
    assert summary.actors_merged == 1
    assert await store.read("MATCH (a:Actor {id: 'actor:dan-na-ambassagou'}) RETURN a.id") == []
    edges = await store.read(
        "MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Incident {id: 'incident:acled-mli5002'}) "
        "RETURN a.id AS id, r.id AS rid, r.role AS role ORDER BY role"
    )
    assert edges[0] == {
        "id": "actor:dozo-militia",
        "rid": "PARTICIPATED_IN|actor:dozo-militia|incident:acled-mli5002|actor1",
        "role": "actor1",
    }
    assert len(edges) == 3
    names = await store.read("MATCH (a:Actor {id: 'actor:dozo-militia'}) RETURN a.aliases AS al")
    assert names == [{"al": ["Dan Na Ambassagou"]}]
    remaining = {row["name"] for row in await read_unresolved_actors(store)}
    assert "Dan Na Ambassagou" not in remaining and "Wagner Group" in remaining


def test_a_shared_name_does_not_join_actors_ucdp_tells_apart() -> None:
    crosswalk = _crosswalk()
    assert crosswalk.resolve("JNIM", 99999) is None  # JNIM is 6716, not 99999
    assert crosswalk.resolve("JNIM", 6716) == "actor:jnim"
    assert crosswalk.resolve("FAMa", 12345) == "actor:fama"  # FAMa has no UCDP id


def test_candidates_carry_their_score_and_evidence() -> None:
    from loaders.scoring import UCDP_LIST, Context

    crosswalk = Crosswalk(
        [
            KnownActor("actor:ucdp-3176", "PCC", UCDP_LIST, kind="armed_group",
                       countries=["BRA", "PRY"]),
            KnownActor("actor:maa", "MAA", CURATED, kind="separatist_group", country="MLI",
                       acled_names=["MAA: Arab Movement of Azawad"]),
        ]
    )  # fmt: skip
    [pcc] = crosswalk.candidates("PCC", Context("MLI"))
    assert (pcc.actor_id, pcc.score, pcc.matches) == ("actor:ucdp-3176", 0.1, False)
    assert pcc.evidence == (
        "name: whole name 'pcc' (+0.60)",
        "UCDP actor list (+0.0)",
        "country: the actor's is BRA PRY, the row's MLI (-0.5)",
    )
    assert crosswalk.resolve("PCC", None, Context("MLI")) is None
    [maa] = crosswalk.candidates("MAA: Arab Movement of Azawad (Platform)", Context("MLI"))
    assert (maa.actor_id, maa.score, maa.matches) == ("actor:maa", 0.6, False)
    assert crosswalk.resolve("MAA: Arab Movement of Azawad", None, Context("MLI")) == "actor:maa"
    assert crosswalk.below_threshold == {}
    assert (
        crosswalk.resolve("MAA: Arab Movement of Azawad (Platform)", None, Context("MLI")) is None
    )
    assert list(crosswalk.below_threshold) == ["MAA: Arab Movement of Azawad (Platform)"]
