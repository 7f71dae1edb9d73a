"""Relationship queries on the fixture graph (tests/queries/conftest.py), answers by hand."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from graph.dates import end_bound, start_bound
from graph.store import GraphStore
from queries.catalog import load_catalog
from queries.claims import date_window, dated_within, overlaps
from queries.errors import NotFound
from queries.tabular import table_rows

CATALOG = load_catalog()


async def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    return table_rows(await CATALOG[name].execute(store, **params))


def brief(rows: list[dict[str, Any]], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(row[k] for k in keys) for row in rows]


# -- the as-of condition --------------------------------------------------------------------

DATES = [None, "2023", "2023-08", "2023-09", "2023-09-01", "2023-09-15", "2023-09-30", "2023-10"]


def oracle(vf: str | None, vt: str | None, ws: str | None, we: str | None) -> bool:
    """graph.dates semantics: [start_bound(vf), end_bound(vt)] meets [start_bound(ws), …]."""
    starts_in_time = vf is None or we is None or start_bound(vf) <= end_bound(we)
    lasts = vt is None or ws is None or end_bound(vt) >= start_bound(ws)
    return starts_in_time and lasts


async def test_overlaps_in_cypher_equals_start_and_end_bounds(store: GraphStore) -> None:
    cases = [
        {"vf": vf, "vt": vt, "ws": ws, "we": we}
        for vf, vt, ws, we in itertools.product(DATES, repeat=4)
        if not (vf and vt and start_bound(vt) < start_bound(vf))
        and not (ws and we and start_bound(we) < start_bound(ws))
    ]
    condition = overlaps("c.vf", "c.vt", "c.ws", "c.we")
    rows = await store.read(f"UNWIND $cases AS c RETURN c, {condition} AS holds", {"cases": cases})
    got = [(r["c"]["vf"], r["c"]["vt"], r["c"]["ws"], r["c"]["we"], r["holds"]) for r in rows]
    want = [(c["vf"], c["vt"], c["ws"], c["we"], oracle(**c)) for c in cases]
    assert len(got) == len(cases) == 1936
    assert got == want


NODE_DATES = ["2023", "2023-05", "2023-05-31", "2023-06", "2023-06-01", "2023-06-18", "2023-07",
              "2023-07-01", "2024", "2022-12-31"]  # fmt: skip
WINDOWS = [(None, None), ("2023-06", "2023-06"), ("2023-06-18", "2023-07"), ("2023", "2023"),
           (None, "2023-05"), ("2023-07-01", None)]  # fmt: skip


async def test_node_dates_of_any_precision_fall_in_windows(store: GraphStore) -> None:
    """A partial node date (an operation in "2023-06") counts for every window it can
    overlap, exactly as start_bound/end_bound say; full dates as plain comparison."""
    for start, end in WINDOWS:
        rows = await store.read(
            f"UNWIND $dates AS d WITH d WHERE {dated_within('d')} RETURN d",
            {"dates": NODE_DATES, **date_window(start, end)},
        )
        want = [d for d in NODE_DATES if oracle(d, d, start, end)]
        assert [r["d"] for r in rows] == want, (start, end)


# -- actor relations and profile ------------------------------------------------------------


async def test_actor_relations_of_katiba_macina(kg: GraphStore) -> None:
    rows = await run(kg, "actor_relations", actor_id="actor:katiba-macina")
    assert brief(rows, "relation", "type", "other_id", "via_id", "status", "credibility") == [
        ("active_in", "OPERATES_IN", "region:mli-kayes", None, "reported", 2),
        ("ally", "MEMBER_OF", "actor:ansar-dine", "alliance:jnim-coalition", "reported", 2),
        ("member_of", "MEMBER_OF", "alliance:jnim-coalition", None, "reported", 2),
        ("parent", "PART_OF", "actor:jnim", None, "confirmed", 1),
    ]
    assert rows[3]["valid_from"] == "2017-03" and rows[3]["source_ids"] == ["source:test"]


async def test_as_of_respects_partial_end_dates(kg: GraphStore) -> None:
    """ALLIED_WITH CMA–FAMa ends `2023-08`: it holds on 2023-08-31, not on 2023-09-01."""
    on = await run(kg, "actor_relations", actor_id="actor:cma", as_of="2023-08-31")
    off = await run(kg, "actor_relations", actor_id="actor:cma", as_of="2023-09-01")
    assert ("ally", "actor:fama") in brief(on, "relation", "other_id")
    assert ("enemy", "actor:fama") not in brief(on, "relation", "other_id")
    assert brief(off, "relation", "other_id") == [
        ("active_in", "region:mli-kidal"),
        ("active_in", "region:mli-timbuktu"),
        ("ally", "actor:jnim"),
        ("enemy", "actor:fama"),
        ("member_of", "alliance:jnim-cma"),
    ]


async def test_membership_of_a_possible_alliance_is_possible(kg: GraphStore) -> None:
    """The edges say `reported`; the alliance is `possible`, so the membership is too."""
    rows = await run(kg, "actor_relations", actor_id="actor:jnim", types="MEMBER_OF")
    assert brief(rows, "relation", "other_id", "status") == [
        ("ally", "actor:cma", "possible"),
        ("member_of", "alliance:jnim-cma", "possible"),
    ]
    assert await run(kg, "actor_relations", actor_id="actor:jnim", types="MEMBER_OF",
                     min_status="assessed") == []  # fmt: skip


async def test_actor_profile_of_jnim(kg: GraphStore) -> None:
    [profile] = await run(kg, "actor_profile", actor_id="actor:jnim", as_of="2023-06")
    assert profile["kind"] == "jihadist_group"
    assert profile["aliases"] == ["GSIM", "Jama'a Nusrat ul-Islam wa al-Muslimin"]
    assert [x["other_id"] for x in profile["subunits"]] == [
        "actor:ansar-dine",
        "actor:katiba-macina",
    ]
    assert [(x["other_id"], x["status"], x["via_id"]) for x in profile["allies"]] == [
        ("actor:cma", "possible", "alliance:jnim-cma")
    ]
    assert [(x["other_id"], x["status"], x["credibility"]) for x in profile["enemies"]] == [
        ("actor:fama", "confirmed", 1),
        ("actor:isgs", "reported", 3),
        ("actor:wagner", "reported", 2),
    ]
    assert [x["other_id"] for x in profile["memberships"]] == ["alliance:jnim-cma"]
    assert [x["other_id"] for x in profile["regions"]] == ["region:mli-koulikoro"]
    assert profile["parents"] == [] and profile["supports"] == []
    with pytest.raises(NotFound, match=r"^no actor with id actor:nobody$"):
        await run(kg, "actor_profile", actor_id="actor:nobody")


async def test_profile_as_of_before_a_claim_starts(kg: GraphStore) -> None:
    """Wagner's hostility with JNIM starts 2022-01: not an enemy as of 2021."""
    [profile] = await run(kg, "actor_profile", actor_id="actor:jnim", as_of="2021")
    assert [x["other_id"] for x in profile["enemies"]] == ["actor:fama", "actor:isgs"]


async def test_common_allies_and_enemies(kg: GraphStore) -> None:
    allies = await run(kg, "common_allies", actor_a="actor:wagner", actor_b="actor:cma",
                       as_of="2023-06")  # fmt: skip
    assert brief(allies, "other_id", "a_type", "a_status", "b_type", "b_status") == [
        ("actor:fama", "ALLIED_WITH", "confirmed", "ALLIED_WITH", "reported")
    ]
    assert await run(kg, "common_allies", actor_a="actor:wagner", actor_b="actor:cma",
                     as_of="2023-10") == []  # fmt: skip
    enemies = await run(kg, "common_enemies", actor_a="actor:jnim", actor_b="actor:isgs")
    assert brief(enemies, "other_id", "a_credibility", "b_credibility") == [("actor:fama", 1, 2)]
    enemies = await run(kg, "common_enemies", actor_a="actor:jnim", actor_b="actor:cma")
    assert brief(enemies, "other_id") == [("actor:fama",)]


# -- alliances and places -------------------------------------------------------------------


async def test_alliance_members_as_of(kg: GraphStore) -> None:
    aes = "alliance:aes"
    assert await run(kg, "alliance_members", alliance_id=aes, as_of="2023-09-15") == []
    rows = await run(kg, "alliance_members", alliance_id=aes, as_of="2023-09")
    assert brief(rows, "member_id", "valid_from") == [
        ("actor:government-of-mali", "2023-09-16"),
        ("actor:government-of-niger", "2023-09-16"),
    ]


async def test_alliance_timeline(kg: GraphStore) -> None:
    rows = await run(kg, "alliance_timeline", alliance_id="alliance:aes")
    assert brief(rows, "date", "change", "member_id", "members") == [
        ("2023-09-16", "joined", "actor:government-of-mali", 1),
        ("2023-09-16", "joined", "actor:government-of-niger", 2),
    ]
    rows = await run(kg, "alliance_timeline", alliance_id="alliance:jnim-cma")
    assert brief(rows, "date", "member_id", "members", "status") == [
        (None, "actor:cma", 1, "possible"),
        (None, "actor:jnim", 2, "possible"),
    ]


async def test_operates_where_rolls_up_places(kg: GraphStore) -> None:
    """Kayes is PART_OF Mali in the fixture (Koulikoro is not linked to the country)."""
    rows = await run(kg, "operates_where", place_id="country:mli")
    assert brief(rows, "actor_id", "place_id") == [
        ("actor:fama", "region:mli-kayes"),
        ("actor:katiba-macina", "region:mli-kayes"),
    ]
    rows = await run(kg, "operates_where", actor_id="actor:cma", min_status="confirmed")
    assert brief(rows, "place_id", "status") == [("region:mli-kidal", "confirmed")]
    rows = await run(kg, "operates_where", place_id="region:mli-kayes", as_of="2023-05")
    assert brief(rows, "actor_id") == [("actor:fama",)]
