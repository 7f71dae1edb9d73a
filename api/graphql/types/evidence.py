"""The evidence every relationship carries: status, credibility, likelihood, period, sources.

No relationship field returns an edge without its `Claim`. The enums are the model's own
vocabularies (graph.vocab), so the API spells them as the graph does.
"""

from __future__ import annotations

from typing import Any

import strawberry

from api.graphql.context import Context
from api.graphql.typegen import reserve
from graph.vocab import (
    ActorKind,
    AllianceKind,
    AllianceStatus,
    ClaimStatus,
    Confidence,
    EventKind,
    Likelihood,
    Reliability,
)
from queries.types import Claim as DomainClaim
from queries.types import SourceRef as DomainSourceRef

for _vocabulary in (
    ClaimStatus,
    Likelihood,
    Reliability,
    Confidence,
    ActorKind,
    AllianceKind,
    AllianceStatus,
    EventKind,
):  # the model's own enums, registered with strawberry under their own names
    strawberry.enum(_vocabulary)

ClaimStatusEnum = ClaimStatus
LikelihoodEnum = Likelihood
ReliabilityEnum = Reliability
ConfidenceEnum = Confidence
ActorKindEnum = ActorKind
AllianceKindEnum = AllianceKind
AllianceStatusEnum = AllianceStatus
EventKindEnum = EventKind


def source_node_id(citation: str) -> str:
    """`source:x#p3` cites the node `source:x`."""
    return citation.partition("#")[0]


@strawberry.type(description="A citation of a source, with the source's Admiralty reliability.")
class SourceRef:
    id: strawberry.ID = strawberry.field(description="The citation, e.g. source:x#section.")

    @strawberry.field(description="The cited Source node's id.")
    def source_id(self) -> strawberry.ID:
        return strawberry.ID(source_node_id(self.id))

    @strawberry.field(description="The source's title (its name in the graph).")
    async def name(self, info: strawberry.Info[Context, None]) -> str | None:
        known = vars(self).get("name")  # the catalog's graded reference already has it
        if isinstance(known, str):
            return str(known)
        found = await info.context.loaders.nodes.load(source_node_id(self.id))
        return None if found is None else found[1].get("name")

    @strawberry.field(description="The source's title; the same as `name`.")
    async def title(self, info: strawberry.Info[Context, None]) -> str | None:
        found = await info.context.loaders.nodes.load(source_node_id(self.id))
        return None if found is None else found[1].get("name")

    @strawberry.field(description="Admiralty reliability A (completely reliable) to F.")
    async def reliability(self, info: strawberry.Info[Context, None]) -> ReliabilityEnum | None:
        found = await info.context.loaders.nodes.load(source_node_id(self.id))
        value = None if found is None else found[1].get("reliability")
        return None if value is None else Reliability(value)


@strawberry.type(
    description="How sure a fact is and who says so: status, Admiralty credibility (1 best "
    "… 6), ICD-203 likelihood, the period it holds, and the sources."
)
class Claim:
    status: ClaimStatusEnum
    credibility: int = strawberry.field(description="Admiralty credibility, 1 (confirmed) to 6.")
    likelihood: LikelihoodEnum | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    sources: list[SourceRef] = strawberry.field(default_factory=list)

    @classmethod
    def of(cls, item: Any) -> Claim:
        """From anything with status, credibility, valid_from/to and source_ids."""
        likelihood = getattr(item, "likelihood", None)
        return cls(
            status=ClaimStatus(item.status),
            credibility=int(item.credibility),
            likelihood=None if likelihood is None else Likelihood(likelihood),
            valid_from=item.valid_from,
            valid_to=item.valid_to,
            sources=[SourceRef(id=strawberry.ID(s)) for s in item.source_ids],
        )


for _name in ("Claim", "SourceRef"):
    reserve(_name)
reserve("Claim", Claim, DomainClaim)
reserve("SourceRef", SourceRef, DomainSourceRef)
