"""The domain result types every catalog entry returns, built from the model's vocabulary.

A few shared shapes — a node reference, a claim with its evidence, an edge, a path with its
derived confidence, a series point, a measure — that result classes compose instead of
re-declaring fields. The CLI flattens them (`queries.tabular`), JSON and the API keep
their structure; everything reads these same objects.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.model import Credibility
from graph.vocab import ClaimStatus, Likelihood, Reliability


class DomainModel(BaseModel):
    """Shared config: typed, JSON-ready, unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")


class Result(DomainModel):
    """Base class of what a catalog entry returns (one item of its answer)."""


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
    reliability: Reliability | None = Field(
        default=None, description="Admiralty A-F of the source; None if it is not in the graph."
    )


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


ConfidenceRule = Literal["weakest_link"]


class PathConfidence(DomainModel):
    """How sure a whole path is, and the rule that derived it from its edges."""

    status: ClaimStatus
    credibility: Credibility
    rule: ConfidenceRule = Field(
        default="weakest_link",
        description="weakest_link: the weakest status and worst credibility of any edge.",
    )


class Path(DomainModel):
    """A chain of edges from one node to another."""

    edges: list[Edge]
    confidence: PathConfidence

    @property
    def hops(self) -> int:
        return len(self.edges)


class SeriesPoint(DomainModel):
    """One value of a time series: a period (YYYY-MM) and a number."""

    period: str
    value: float | int | None


class Measure(DomainModel):
    """A named score of a node in a network (degree, betweenness, …) and its rank."""

    name: str
    value: float
    rank: int | None = None


def weakest(claims: list[Claim]) -> PathConfidence:
    """The weakest-link confidence of a chain of claims (the empty chain is confirmed, 1)."""
    from graph.vocab import CLAIM_STATUS_RANK

    if not claims:
        return PathConfidence(status=ClaimStatus.CONFIRMED, credibility=1)
    status = min((c.status for c in claims), key=lambda s: CLAIM_STATUS_RANK[ClaimStatus(s)])
    return PathConfidence(status=status, credibility=max(c.credibility for c in claims))
