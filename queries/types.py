"""The domain result types every catalog entry returns, built from the model's vocabulary.

A few shared shapes — a node reference, a claim with its evidence, an edge, a path with its
derived confidence, a series point, a measure — that result classes compose instead of
re-declaring fields. The CLI flattens them (`queries.tabular`), JSON and the API keep
their structure; everything reads these same objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.model import Credibility
from graph.vocab import ClaimStatus, Likelihood, Reliability


class DomainModel(BaseModel):
    """Shared config: typed, JSON-ready, unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


class Result(DomainModel):
    """Base class of what a catalog entry returns (one item of its answer).

    A result that is one stored claim between two of its node references names them, and
    the claim's type, in `edge_ends` (source field, target field, type), so it can become a
    graph edge (api.python.to_networkx).
    """

    edge_ends: ClassVar[tuple[str, str, str] | None] = None


class NodeRef(DomainModel):
    """Another node, as an answer names it: its id, label, name and kind (if it has one)."""

    id: str
    label: str = Field(description="Node label, e.g. Actor, Alliance, Region.")
    name: str | None = None
    kind: str | None = Field(
        default=None, description="The node's own kind (actor kind, alliance kind, event kind)."
    )


class SourceRef(DomainModel):
    """A citation (`source:x#section`) with the cited source's Admiralty reliability."""

    id: str
    name: str | None = None
    reliability: Reliability | None = Field(
        default=None, description="Admiralty A-F of the source; None if it is not in the graph."
    )


def cited(citations: Iterable[str]) -> list[SourceRef]:
    """Ungraded source references for citations, first mention first, no repeats."""
    return [SourceRef(id=c) for c in dict.fromkeys(citations)]


class Claim(DomainModel):
    """The evidence for a fact: how firm, how credible, how likely, when, says who."""

    status: ClaimStatus
    credibility: Credibility = Field(description="Admiralty credibility, 1 (confirmed) to 6.")
    likelihood: Likelihood | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_source_ids(cls, data: Any) -> Any:
        """Records carry `source_ids`; they become ungraded `sources` (graded later)."""
        if isinstance(data, dict) and "source_ids" in data:
            data = dict(data)
            ids = data.pop("source_ids") or []
            data["sources"] = [{"id": c} for c in dict.fromkeys(ids)]
        return data

    @property
    def source_ids(self) -> list[str]:
        return [s.id for s in self.sources]


class Edge(DomainModel):
    """A relationship between two nodes with its evidence."""

    type: str = Field(description="Relationship type, e.g. ALLIED_WITH.")
    source: NodeRef
    target: NodeRef
    evidence: Claim
    confidence: float | None = Field(
        default=None, description="A score derived from the evidence, where an entry ranks by one."
    )


class Hop(DomainModel):
    """One step of a path: two nodes and every claim joining them."""

    step: int
    source: NodeRef
    target: NodeRef
    confidence: float = Field(description="How sure the hop is, from its claims (see the rule).")
    edges: list[Edge]


class PathConfidence(DomainModel):
    """How sure a whole path is, and the rule that derived it from its claims."""

    value: float
    rule: str = Field(description="How `value` was derived from the claims on the path.")


class Path(DomainModel):
    """A chain of hops from one node to another, with its derived confidence."""

    nodes: list[NodeRef]
    hops: list[Hop]
    confidence: PathConfidence


class SeriesPoint(DomainModel):
    """One value of a monthly time series (None: unknown, not zero)."""

    month: str
    value: int | float | None


class Measure(DomainModel):
    """A named score of a node in a network (degree, betweenness, …) and its rank."""

    name: str
    value: float
    rank: int | None = None
