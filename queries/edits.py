"""Analysts' edits: the only writes outside the loaders, each with its audit record.

An edit is applied in one transaction together with its `Edit` node (who, when, why,
which sources, what changed), so there is never a change without its record or a record
without its change. Nothing is deleted: retiring sets `valid_to` (or `dissolved`) and
keeps the claim and its evidence. Labels and types reach Cypher only through the schema's
checks; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.dialect import Dialect
from graph.model import Edit, Node, Relationship
from graph.schema import check_label, check_relationship_type
from graph.store.base import GraphStore, Record
from graph.vocab import CLAIM_STATUS_RANK, ClaimStatus
from queries.statements import provider
from queries.writes import node_rows, relationship_rows, upsert_nodes_statement
from queries.writes import upsert_relationships_statement as _upsert_rel


def merge_properties_statement(label: str) -> str:
    """Set some properties of one node and add citations to its sources (keeps the rest)."""
    return (
        f"MATCH (n:{check_label(label)} {{id: $id}}) SET n += $props, "
        "n.source_ids = [s IN coalesce(n.source_ids, []) WHERE NOT s IN $sources] + $sources"
    )


ADD_ALIAS_STATEMENT = (
    "MATCH (n:Actor {id: $id}) "
    "SET n.aliases = [a IN coalesce(n.aliases, []) WHERE a <> $alias] + [$alias], "
    "n.search_text = coalesce(n.search_text, n.name) + ' | ' + $alias, "
    "n.source_ids = [s IN coalesce(n.source_ids, []) WHERE NOT s IN $sources] + $sources"
)


def update_relationship_statement(rel_type: str) -> str:
    """Set some properties of one claim (by its id) and add citations to its sources."""
    return (
        f"MATCH ()-[r:{check_relationship_type(rel_type)} {{id: $id}}]->() SET r += $props, "
        "r.source_ids = [s IN coalesce(r.source_ids, []) WHERE NOT s IN $sources] + $sources"
    )


def relationship_statement(rel_type: str) -> str:
    """One claim by its id, with its ends."""
    return (
        f"MATCH (a)-[r:{check_relationship_type(rel_type)} {{id: $id}}]->(b) "
        "RETURN properties(r) AS props, a.id AS from_id, b.id AS to_id"
    )


EDIT_BY_CLIENT_ID_STATEMENT = (
    "MATCH (e:Edit {client_mutation_id: $client_mutation_id}) WHERE e.by = $by "
    "RETURN properties(e) AS props"
)
HISTORY_STATEMENT = (
    "MATCH (e:Edit {target_id: $target_id}) RETURN properties(e) AS props ORDER BY e.at, e.id"
)


@dataclass
class EditPlan:
    """The writes of one edit; `apply` sends them and the audit record together."""

    edit: Edit
    new_nodes: list[Node] = field(default_factory=list)
    node_changes: list[tuple[str, str, dict[str, Any], list[str]]] = field(default_factory=list)
    """(label, id, properties to set, citations to add)"""
    aliases: list[tuple[str, str, list[str]]] = field(default_factory=list)
    new_relationships: list[tuple[Relationship, str, str]] = field(default_factory=list)
    """(claim, from label, to label)"""
    relationship_changes: list[tuple[str, str, dict[str, Any], list[str]]] = field(
        default_factory=list
    )
    """(type, claim id, properties to set, citations to add)"""

    def statements(self) -> list[tuple[str, dict[str, Any]]]:
        sent: list[tuple[str, dict[str, Any]]] = []
        for node in self.new_nodes:
            sent.append((upsert_nodes_statement(node.label), {"rows": list(node_rows([node]))}))
        for label, node_id, props, sources in self.node_changes:
            sent.append(
                (
                    merge_properties_statement(label),
                    {"id": node_id, "props": props, "sources": sources},
                )
            )
        for node_id, alias, sources in self.aliases:
            sent.append((ADD_ALIAS_STATEMENT, {"id": node_id, "alias": alias, "sources": sources}))
        for rel, from_label, to_label in self.new_relationships:
            sent.append(
                (
                    _upsert_rel(rel.type, from_label, to_label),
                    {"rows": list(relationship_rows([rel]))},
                )
            )
        for rel_type, rel_id, props, sources in self.relationship_changes:
            if "status" in props:
                props = {**props, "status_rank": CLAIM_STATUS_RANK[ClaimStatus(props["status"])]}
            sent.append(
                (
                    update_relationship_statement(rel_type),
                    {"id": rel_id, "props": props, "sources": sources},
                )
            )
        sent.append((upsert_nodes_statement("Edit"), {"rows": list(node_rows([self.edit]))}))
        return sent

    async def apply(self, store: GraphStore) -> None:
        async with store.transaction() as tx:
            for statement, params in self.statements():
                await tx.write(statement, params)


async def edit_by_client_id(store: GraphStore, by: str, client_mutation_id: str) -> Record | None:
    """The edit this caller already made under this client mutation id, if any."""
    rows = await store.read(
        EDIT_BY_CLIENT_ID_STATEMENT, {"by": by, "client_mutation_id": client_mutation_id}
    )
    return rows[0]["props"] if rows else None


async def history(store: GraphStore, target_id: str) -> list[Record]:
    """Every edit of a node or claim, oldest first."""
    return [row["props"] for row in await store.read(HISTORY_STATEMENT, {"target_id": target_id})]


async def read_relationship(store: GraphStore, rel_type: str, rel_id: str) -> Record | None:
    rows = await store.read(relationship_statement(rel_type), {"id": rel_id})
    return rows[0] if rows else None


def all_statements() -> Sequence[str]:
    """Every statement shape this module sends (for the Cypher lint)."""
    return [
        merge_properties_statement("Actor"),
        ADD_ALIAS_STATEMENT,
        update_relationship_statement("ALLIED_WITH"),
        relationship_statement("ALLIED_WITH"),
        EDIT_BY_CLIENT_ID_STATEMENT,
        HISTORY_STATEMENT,
    ]


@provider
def _edit_statements(dialect: Dialect) -> dict[str, str]:
    return {f"edits.{i}": statement for i, statement in enumerate(all_statements())}
