"""Everything that differs between Neo4j 5 and FalkorDB, and nothing else.

Queries are written once in the Cypher both engines run. The differences that remain —
constraint and index DDL, full-text search procedures, the shortest-path form — are here,
so the rest of the code never branches on the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.schema import FULLTEXT_LABELS, INDEXES, Index, check_label

FULLTEXT_INDEX = "entity_search"
"""Neo4j's one full-text index over every searchable label (`search_text` property)."""


@dataclass(frozen=True)
class Dialect:
    """The engine-specific Cypher forms. Subclasses fill them in."""

    name: str = "base"

    def schema_statements(self) -> list[str]:
        """Idempotent DDL statements that ensure every index and constraint."""
        raise NotImplementedError

    def fulltext_search(self, label: str) -> str:
        """A statement taking `$query` and `$limit`, returning `node`, `score`."""
        raise NotImplementedError

    def shortest_path(self, rel_filter: str, max_hops: int) -> str:
        """A statement taking `$from_id`, `$to_id`, returning `path` (or no row)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Neo4jDialect(Dialect):
    """Neo4j 5: named constraints and indexes with IF NOT EXISTS."""

    name: str = "neo4j"

    def schema_statements(self) -> list[str]:
        statements = [self._index_ddl(index) for index in INDEXES]
        labels = "|".join(check_label(label) for label in FULLTEXT_LABELS)
        statements.append(
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
            f"FOR (n:{labels}) ON EACH [n.search_text]"
        )
        return statements

    @staticmethod
    def _index_ddl(index: Index) -> str:
        label = check_label(index.label)
        if index.unique:
            return (
                f"CREATE CONSTRAINT {index.name} IF NOT EXISTS "
                f"FOR (n:{label}) REQUIRE n.{index.prop} IS UNIQUE"
            )
        return f"CREATE INDEX {index.name} IF NOT EXISTS FOR (n:{label}) ON (n.{index.prop})"

    def fulltext_search(self, label: str) -> str:
        check_label(label)
        return (
            f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $query) "
            f"YIELD node, score WHERE node:{label} "
            "RETURN node, score ORDER BY score DESC LIMIT $limit"
        )

    def shortest_path(self, rel_filter: str, max_hops: int) -> str:
        return (
            "MATCH (a {id: $from_id}), (b {id: $to_id}) "
            f"MATCH path = shortestPath((a)-[{rel_filter}*..{int(max_hops)}]-(b)) "
            "RETURN path"
        )


@dataclass(frozen=True)
class FalkorDialect(Dialect):
    """FalkorDB: indexes by Cypher, unique constraints by GRAPH.CONSTRAINT (see store)."""

    name: str = "falkordb"

    def schema_statements(self) -> list[str]:
        statements = [
            f"CREATE INDEX FOR (n:{check_label(index.label)}) ON (n.{index.prop})"
            for index in INDEXES
        ]
        statements += [
            f"CALL db.idx.fulltext.createNodeIndex('{check_label(label)}', 'search_text')"
            for label in FULLTEXT_LABELS
        ]
        return statements

    def fulltext_search(self, label: str) -> str:
        check_label(label)
        return (
            f"CALL db.idx.fulltext.queryNodes('{label}', $query) YIELD node, score "
            "RETURN node, score ORDER BY score DESC LIMIT $limit"
        )

    def shortest_path(self, rel_filter: str, max_hops: int) -> str:
        # FalkorDB's shortestPath() is directed-only and only in WITH/RETURN; relationships
        # between actors are read in both directions, so a bounded variable-length match
        # ordered by length gives the undirected shortest path instead.
        return (
            "MATCH (a {id: $from_id}), (b {id: $to_id}) "
            f"MATCH path = (a)-[{rel_filter}*1..{int(max_hops)}]-(b) "
            "RETURN path ORDER BY length(path) LIMIT 1"
        )


NEO4J = Neo4jDialect()
FALKORDB = FalkorDialect()
