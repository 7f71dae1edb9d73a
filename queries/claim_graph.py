"""The claim graph paths and ego networks walk, and how sure a path is.

Why networkx and not the engines' shortestPath: a path is only as good as its claims, so
every edge must hold on the date asked and pass the status/credibility floor. FalkorDB
allows shortestPath only in WITH/RETURN, where no such per-edge filter can be applied,
and refuses undirected shortestPath altogether; neither engine offers k shortest paths
in the Cypher they share. So one query pulls the filtered claim graph (Actor and
Alliance nodes, the actor claim types, small even for a large store) and networkx walks it.

Path confidence (documented formula):
- claim confidence  c = S(status) × C(credibility), with
  S: confirmed 1.0, reported 0.8, assessed 0.6, possible 0.3 and
  C (Admiralty): 1 → 1.0, 2 → 0.8, 3 → 0.6, 4 → 0.4, 5 → 0.2, 6 ("cannot be judged") → 0.5;
- hop confidence    h = 1 − Π(1 − c) over the claims joining the two nodes (independent
  claims corroborate: noisy-OR);
- path confidence   p = Π h over the hops (a chain is as sure as all its links together).
Paths are ranked by hops, then confidence (highest first), then node ids.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.store.base import GraphStore, Record
from graph.vocab import ClaimStatus
from queries.claims import STATUS_BY_RANK, alliance_cap, status_rank, valid_on
from queries.errors import TooExpensive
from queries.params import AsOfGrades
from queries.readcache import cached, params_key
from queries.relations import check_types
from queries.types import Claim, Edge, NodeRef, cited

STATUS_WEIGHT: dict[str, float] = {
    ClaimStatus.CONFIRMED: 1.0,
    ClaimStatus.REPORTED: 0.8,
    ClaimStatus.ASSESSED: 0.6,
    ClaimStatus.POSSIBLE: 0.3,
}
CREDIBILITY_WEIGHT: dict[int, float] = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}
PATH_TYPES = tuple(t for t in ACTOR_RELATIONSHIP_TYPES if t != "OPERATES_IN")
"""Paths run between actors and alliances; OPERATES_IN (to places) is chosen explicitly."""

MAX_ENUMERATED = 2000
"""Candidate paths one request may examine; past it the ranking cannot be guaranteed, so the
request is refused as too expensive rather than answered from a partial look."""


def claim_graph_statement() -> str:
    """Every actor claim (any type, filtered by `$types`) from an Actor or Alliance.

    One labelled start per label (a UNION ALL), so the read walks the actors and alliances
    and never scans incidents: its cost stays flat as the event data grows. Rows come back
    in no set order; `read_claim_graph` orders them by claim id.
    """
    types = "|".join(ACTOR_RELATIONSHIP_TYPES)
    return " UNION ALL ".join(
        f"MATCH (a:{label})-[r:{types}]->(b) "
        f"WHERE type(r) IN $types AND {valid_on('r')} "
        "RETURN a.id AS from_id, a.name AS from_name, labels(a)[0] AS from_label, "
        "a.kind AS from_kind, b.id AS to_id, b.name AS to_name, labels(b)[0] AS to_label, "
        "b.kind AS to_kind, b.status AS to_status, "
        "type(r) AS type, r.status_rank AS status_rank, r.credibility AS credibility, "
        "r.valid_from AS valid_from, r.valid_to AS valid_to, r.source_ids AS source_ids, "
        "r.id AS claim_id"
        for label in ("Actor", "Alliance")
    )


@dataclass(frozen=True)
class StoredClaim:
    """One stored claim, as a path edge sees it."""

    from_id: str
    to_id: str
    type: str
    status: str
    credibility: int
    valid_from: str | None
    valid_to: str | None
    source_ids: tuple[str, ...]

    @property
    def confidence(self) -> float:
        return STATUS_WEIGHT[self.status] * CREDIBILITY_WEIGHT[self.credibility]


def hop_confidence(claims: Sequence[StoredClaim]) -> float:
    """Noisy-OR of the claims joining two nodes."""
    doubt = 1.0
    for claim in claims:
        doubt *= 1.0 - claim.confidence
    return 1.0 - doubt


def claim_graph(records: Sequence[Record], min_status: str = "possible") -> nx.Graph:
    """Undirected graph; each edge holds its `claims`, each node its `name` and `label`.

    MEMBER_OF claims into a *possible* alliance count as possible at most, and are dropped
    when that falls below `min_status`.
    """
    floor = status_rank(min_status)
    graph = nx.Graph()
    for rec in records:
        rank = int(rec["status_rank"])
        if rec["type"] == "MEMBER_OF" and rec["to_label"] == "Alliance":
            rank = min(rank, alliance_cap(rec["to_status"]))
        if rank < floor:
            continue
        for end in ("from", "to"):
            graph.add_node(
                rec[f"{end}_id"],
                name=rec[f"{end}_name"],
                label=rec[f"{end}_label"],
                kind=rec[f"{end}_kind"],
            )
        claim = StoredClaim(
            from_id=rec["from_id"],
            to_id=rec["to_id"],
            type=rec["type"],
            status=STATUS_BY_RANK[rank],
            credibility=int(rec["credibility"]),
            valid_from=rec["valid_from"],
            valid_to=rec["valid_to"],
            source_ids=tuple(rec["source_ids"] or ()),
        )
        if graph.has_edge(claim.from_id, claim.to_id):
            graph.edges[claim.from_id, claim.to_id]["claims"].append(claim)
        else:
            graph.add_edge(claim.from_id, claim.to_id, claims=[claim])
    return graph


def path_confidence(graph: nx.Graph, path: Sequence[str]) -> float:
    confidence = 1.0
    for u, v in itertools.pairwise(path):
        confidence *= hop_confidence(graph.edges[u, v]["claims"])
    return confidence


def _candidates(graph: nx.Graph, source: str, target: str, max_hops: int) -> Iterator[list[str]]:
    """Simple paths in order of hop count, none longer than `max_hops`."""
    try:
        for path in nx.shortest_simple_paths(graph, source, target):
            if len(path) - 1 > max_hops:
                return
            yield path
    except nx.NetworkXNoPath:
        return


def best_paths(
    graph: nx.Graph, source: str, target: str, k: int, max_hops: int
) -> list[tuple[list[str], float]]:
    """The k best paths: fewest hops, then highest confidence, then node ids.

    Candidates come in hop order, so once k are held every path of the k-th one's length
    has been seen when the first longer one arrives; ties at that length are all compared.
    """
    if source not in graph or target not in graph or source == target:
        return []
    held: list[list[str]] = []
    for count, path in enumerate(_candidates(graph, source, target, max_hops)):
        if len(held) >= k and len(path) > len(held[k - 1]):
            break
        if count >= MAX_ENUMERATED:
            raise TooExpensive(
                f"more than {MAX_ENUMERATED} paths of up to {len(path) - 1} hops tie for the "
                f"{k} best; ask for fewer hops, fewer relationship types or a later date"
            )
        held.append(path)
    scored = [(path, path_confidence(graph, path)) for path in held]
    scored.sort(key=lambda item: (len(item[0]), -round(item[1], 12), item[0]))
    return scored[:k]


def node_ref(graph: nx.Graph, node: str) -> NodeRef:
    data = graph.nodes[node]
    return NodeRef(id=node, label=data["label"], name=data["name"], kind=data.get("kind"))


def claim_edge(graph: nx.Graph, claim: StoredClaim) -> Edge:
    return Edge(
        type=claim.type,
        source=node_ref(graph, claim.from_id),
        target=node_ref(graph, claim.to_id),
        evidence=Claim(
            status=claim.status,
            credibility=claim.credibility,
            valid_from=claim.valid_from,
            valid_to=claim.valid_to,
            sources=cited(list(claim.source_ids)),
        ),
        confidence=round(claim.confidence, 6),
    )


async def read_claim_graph(
    store: GraphStore,
    grades: AsOfGrades,
    types: Sequence[str] | None,
    default_types: Sequence[str] = PATH_TYPES,
) -> nx.Graph:
    """The filtered claim graph for these parameters (one read, cached per store version:
    queries.readcache; the graph is frozen)."""
    values = {**grades.cypher_values(), "types": check_types(types or list(default_types))}

    async def read() -> nx.Graph:
        records = await store.read(claim_graph_statement(), values)
        records = sorted(records, key=lambda record: str(record["claim_id"]))
        return nx.freeze(claim_graph(records, grades.min_status))

    return await cached(store, ("claims", grades.min_status, params_key(values)), read)
