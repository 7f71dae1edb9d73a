"""FalkorDB's parameter text: ours is the client library's text, written faster, and what
a statement sends comes back from both engines exactly as it was given."""

from __future__ import annotations

import datetime
import random
from typing import Any

import pytest
from falkordb.helpers import stringify_param_value

from graph.store.base import GraphStore
from graph.store.falkordb_params import cypher_literal, statement_text

AWKWARD = ['say "no"', "C:\\temp\\", 'a \\" b', "line\none", "tab\there", "{not a map}",
           "Ménaka — Tombouctou", "", "`tick`", "\x07bell", "\\n as two characters"]  # fmt: skip


def _value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return rng.choice(AWKWARD)
    if kind == 1:
        return rng.randrange(-(10**12), 10**12)
    if kind == 2:
        return rng.uniform(-1e6, 1e6) * rng.choice([1, 1e-9, 1e20])
    if kind == 3:
        return None
    if kind == 4:
        return f"plain {rng.randrange(1000)}"
    if kind == 5:
        return {f"k{i}": _value(rng, depth + 1) for i in range(rng.randrange(3))}
    if kind == 6:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randrange(4)))
    return [_value(rng, depth + 1) for _ in range(rng.randrange(6))]


def test_the_text_is_the_client_librarys_for_every_kind_of_value() -> None:
    rng = random.Random(17)
    values: list[Any] = [[_value(rng) for _ in range(rng.randrange(1, 30))] for _ in range(400)]
    values += [[["incident:1", "2023-06-01", 3, 14.25, None, [["actor:a", "reported"]]]],
               [float("nan")], [float("inf")], [datetime.date(2023, 6, 1)], AWKWARD, [], ()]  # fmt: skip
    for value in values:
        assert cypher_literal(value) == stringify_param_value(value), value


def test_a_statement_text_is_the_client_librarys_header_and_statement() -> None:
    params = {"rows": [["a", 1, None]], "edge": {"status": "reported"}, "ids": ["x", 'y"']}
    expected = 'CYPHER `rows`=[["a",1,null]] `edge`={`status`:"reported"} `ids`=["x","y\\""] '
    assert statement_text("RETURN 1", params) == expected + "RETURN 1"
    assert statement_text("RETURN 1", None) == statement_text("RETURN 1", {}) == "RETURN 1"
    with pytest.raises(ValueError, match="cannot be named 'a`b'"):
        statement_text("RETURN 1", {"a`b": 1})


async def test_values_come_back_exactly_as_they_were_sent(store: GraphStore) -> None:
    rows = [[f"actor:t{i}", text, i % 2 == 0, i * 1.5, [text, f"{text}#{i}"]]
            for i, text in enumerate(AWKWARD)]  # fmt: skip
    prepared = store.prepare([
        ("UNWIND $rows AS row CREATE (a:Actor {id: row[0]}) "
         "SET a.name = row[1], a.flag = row[2], a.weight = row[3], a.aliases = row[4]",
         {"rows": rows}),
        ("MATCH (a:Actor {id: $id}) SET a.flag = $flag", {"id": "actor:t0", "flag": False}),
    ])  # fmt: skip
    await store.commit(prepared)
    back = await store.read(
        "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.flag AS flag, "
        "a.weight AS weight, a.aliases AS aliases ORDER BY a.id"
    )
    sent = {row[0]: row[1:] for row in rows}
    sent["actor:t0"][1] = False
    assert {r["id"]: [r["name"], r["flag"], r["weight"], r["aliases"]] for r in back} == sent
