"""Every Cypher statement the project can send, gathered for the Neo4j dialect test.

Modules holding fixed statements outside the catalog register a provider here; catalog
entries are gathered from the catalog itself. The test lints `all_statements(NEO4J)`
with Neo4j's own parser, and the FalkorDB tests run the same catalog on the embedded engine.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.dialect import Dialect
from graph.schema import FULLTEXT_LABELS, LABELS, RELATIONSHIP_TRIPLES, RELATIONSHIP_TYPES

Provider = Callable[[Dialect], dict[str, str]]
PROVIDERS: list[Provider] = []

STATEMENT_MODULES: list[str] = ["queries.eventdata", "queries.nodes", "queries.edits"]
"""Modules (outside the catalog) that register providers on import; add yours here."""


def provider(function: Provider) -> Provider:
    """Register a function returning {key: statement} for a dialect."""
    PROVIDERS.append(function)
    return function


@provider
def _schema(dialect: Dialect) -> dict[str, str]:
    return {f"schema.{i}": s for i, s in enumerate(dialect.schema_statements())}


@provider
def _dialect_forms(dialect: Dialect) -> dict[str, str]:
    return {
        "dialect.shortest_path": dialect.shortest_path("", 4),
        "dialect.shortest_path.typed": dialect.shortest_path(":PART_OF|MEMBER_OF", 3),
        **{
            f"dialect.fulltext.{label}": dialect.fulltext_search(label) for label in FULLTEXT_LABELS
        },
    }


@provider
def _writes(dialect: Dialect) -> dict[str, str]:
    from queries import writes

    found = {}
    for label in LABELS:
        found[f"writes.upsert_nodes.{label}"] = writes.upsert_nodes_statement(label)
        found[f"writes.merge_node_properties.{label}"] = writes.merge_node_properties_statement(
            label
        )
    for rel_type, triples in RELATIONSHIP_TRIPLES.items():
        for from_label, to_label in triples:
            found[f"writes.upsert_rel.{rel_type}.{from_label}.{to_label}"] = (
                writes.upsert_relationships_statement(rel_type, from_label, to_label)
            )
        for from_label in {f for f, _ in triples}:
            found[f"writes.delete_rel.{rel_type}.{from_label}"] = (
                writes.delete_relationships_statement(rel_type, from_label)
            )
    return found


@provider
def _reads(dialect: Dialect) -> dict[str, str]:
    from queries import lookups, stats

    found = {
        f"lookups.existing_ids.{label}": lookups.existing_ids_statement(label) for label in LABELS
    }
    found.update({f"stats.nodes.{label}": stats.count_nodes_statement(label) for label in LABELS})
    found.update(
        {f"stats.rels.{t}": stats.count_relationships_statement(t) for t in RELATIONSHIP_TYPES}
    )
    return found


def all_statements(dialect: Dialect) -> dict[str, str]:
    """Every statement for `dialect`: schema DDL, writes, loader reads, the whole catalog."""
    import importlib

    from queries.catalog import SOURCE_GRADES_STATEMENT, load_catalog

    for module in STATEMENT_MODULES:
        importlib.import_module(module)
    found: dict[str, str] = {}
    for function in PROVIDERS:
        found.update(function(dialect))
    for query in load_catalog().values():
        found.update({f"catalog.{k}": v for k, v in query.statements(dialect).items()})
        found.update({f"catalog.ids.{k}": v for k, v in query.id_statements().items()})
    found["catalog.source_grades"] = SOURCE_GRADES_STATEMENT
    return found
