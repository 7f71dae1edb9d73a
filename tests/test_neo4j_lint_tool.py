"""Tests for the offline Neo4j 5 dialect lint (tools/cypher_lint.mjs + tests/support/neo4j_lint.py).

Why: other tests rely on "no errors" meaning "Neo4j 5 accepts this", so the tool must
be shown to pass valid Neo4j 5 Cypher and to catch syntax errors, semantic errors and
dialect leaks (FalkorDB-only and Neo4j-4-only forms) with precise diagnostics.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import neo4j_lint
from tests.support.neo4j_lint import Diagnostic, errors_only, lint_cypher

STATEMENTS: dict[str, str] = {
    "merge_rows": "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a += row.props",
    "constraint": "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE",
    "syntax_error": "MATCH (a:Actor RETURN a",
    "undefined_variable": "MATCH (a:Actor)\nRETURN b",
    # Neo4j 4 constraint form; Neo4j 5 removed ON ... ASSERT.
    "neo4j4_constraint": "CREATE CONSTRAINT ON (n:Actor) ASSERT n.id IS UNIQUE",
    # FalkorDB DDL full-text index; Neo4j 5 requires ON EACH [n.prop, ...].
    "falkordb_fulltext": "CREATE FULLTEXT INDEX FOR (n:Actor) ON (n.name)",
    # Legacy index form FalkorDB still accepts; Neo4j 5 rejects it.
    "falkordb_legacy_index": "CREATE INDEX ON :Actor(id)",
    # Valid in Neo4j 5 but deprecated: must be a warning, never an error.
    "deprecated_id": "MATCH (a:Actor) RETURN id(a) AS legacy_id",
}


@pytest.fixture(scope="module")
def results() -> dict[str, list[Diagnostic]]:
    """Lint every sample once: one node start-up for the whole module."""
    return lint_cypher(STATEMENTS)


def test_valid_unwind_merge_has_no_errors(results: dict[str, list[Diagnostic]]) -> None:
    assert errors_only(results["merge_rows"]) == []


def test_undefined_parameter_is_reported_then_filtered(
    results: dict[str, list[Diagnostic]],
) -> None:
    expected = Diagnostic("error", "Parameter $rows is not defined.", 1, 8)
    assert results["merge_rows"] == [expected]
    assert errors_only(results["merge_rows"], ignore_undefined_parameters=False) == [expected]


def test_neo4j5_constraint_is_clean(results: dict[str, list[Diagnostic]]) -> None:
    assert results["constraint"] == []


def test_syntax_error_is_caught(results: dict[str, list[Diagnostic]]) -> None:
    [err] = errors_only(results["syntax_error"])
    assert err.severity == "error"
    assert err.message.startswith("Invalid input 'RETURN'")
    assert (err.line, err.column) == (1, 16)


def test_undefined_variable_is_a_semantic_error(results: dict[str, list[Diagnostic]]) -> None:
    assert errors_only(results["undefined_variable"]) == [
        Diagnostic("error", "Variable `b` not defined", 2, 8)
    ]


def test_neo4j4_constraint_syntax_is_rejected(results: dict[str, list[Diagnostic]]) -> None:
    [err] = errors_only(results["neo4j4_constraint"])
    assert err.severity == "error"
    assert "ON and ASSERT should not be used" in err.message


def test_falkordb_fulltext_index_ddl_is_rejected(results: dict[str, list[Diagnostic]]) -> None:
    [err] = errors_only(results["falkordb_fulltext"])
    assert err.severity == "error"
    assert "expected 'EACH'" in err.message


def test_falkordb_legacy_index_ddl_is_rejected(results: dict[str, list[Diagnostic]]) -> None:
    [err] = errors_only(results["falkordb_legacy_index"])
    assert err.severity == "error"
    assert "Invalid create index syntax" in err.message


def test_deprecations_are_warnings_not_errors(results: dict[str, list[Diagnostic]]) -> None:
    [warning] = results["deprecated_id"]
    assert warning.severity == "warning"
    assert "deprecated function" in warning.message
    assert errors_only(results["deprecated_id"]) == []


def test_batch_keeps_ids_and_order() -> None:
    batch = {f"q{i}": f"MATCH (n:Actor) WHERE n.rank > {i} RETURN n" for i in range(50)}
    batch["bad"] = "MATCH (n:Actor) RETURN m"
    out = lint_cypher(batch)
    assert list(out) == list(batch)
    assert all(out[f"q{i}"] == [] for i in range(50))
    assert [d.severity for d in out["bad"]] == ["error"]


def test_empty_input_needs_no_node() -> None:
    assert lint_cypher({}) == {}


def test_missing_node_modules_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(neo4j_lint, "LINT_PACKAGE", tmp_path / "absent")
    with pytest.raises(RuntimeError, match="npm ci"):
        lint_cypher({"q": "RETURN 1"})


def test_missing_node_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(RuntimeError, match="npm ci"):
        lint_cypher({"q": "RETURN 1"})


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [
        ("not json", "not valid JSON"),
        ('{"id": "a"}', "expected a JSON array"),
        ('[{"id": "a"}]', '"cypher" must be a string'),
        ('[{"id": "a", "cypher": "RETURN 1"}, {"id": "a", "cypher": "RETURN 2"}]', "duplicate id"),
    ],
)
def test_script_rejects_bad_input(stdin: str, fragment: str) -> None:
    proc = subprocess.run(
        ["node", str(neo4j_lint.LINT_SCRIPT)],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert fragment in proc.stderr
