"""Every statement the project can send to Neo4j passes Neo4j's own parser and analyser.

Why: the test suite runs on embedded FalkorDB; this is the proof, without a Neo4j server,
that the same Cypher (plus the Neo4j dialect's DDL and forms) is valid Neo4j 5. It lints
`all_statements(NEO4J)` — schema DDL, writes, loader reads and every catalog entry's
statements — in one node process.
"""

from __future__ import annotations

import pytest

from graph.dialect import NEO4J
from queries.catalog import load_catalog
from queries.statements import all_statements
from tests.support.neo4j_lint import Diagnostic, errors_only, lint_cypher


@pytest.fixture(scope="module")
def statements() -> dict[str, str]:
    return all_statements(NEO4J)


@pytest.fixture(scope="module")
def diagnostics(statements: dict[str, str]) -> dict[str, list[Diagnostic]]:
    return lint_cypher(statements)


def test_every_statement_is_valid_neo4j(diagnostics: dict[str, list[Diagnostic]]) -> None:
    failures = {key: errors_only(found) for key, found in diagnostics.items()}
    assert {key: found for key, found in failures.items() if found} == {}


def test_every_catalog_entry_contributes_statements(statements: dict[str, str]) -> None:
    for name, entry in load_catalog().items():
        assert entry.statements(NEO4J), f"{name} declares no statement"
        assert all(f"catalog.{key}" in statements for key in entry.statements(NEO4J))


def test_the_lint_catches_what_neo4j_rejects() -> None:
    """The mistakes a projection statement could make are reported as errors: UNION
    branches returning different columns, a variable used out of scope."""
    found = lint_cypher(
        {
            "union_columns": "MATCH (a:Actor) RETURN a.id AS source "
            "UNION ALL MATCH (b:Actor) RETURN b.id AS target",
            "out_of_scope": "MATCH (a:Actor)-[r:HOSTILE_TO]->(b:Actor) WITH a, count(b) AS n "
            "RETURN a.id AS source, b.id AS target, n",
            "valid": "MATCH (a:Actor) RETURN a.id AS source UNION ALL "
            "MATCH (b:Actor) RETURN b.id AS source",
        }
    )
    [union_error] = errors_only(found["union_columns"])
    assert "same return column names" in union_error.message
    [scope_error] = errors_only(found["out_of_scope"])
    assert scope_error.message == "Variable `b` not defined"
    assert errors_only(found["valid"]) == []
