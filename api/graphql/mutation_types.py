"""Inputs and payloads of the mutations (api.graphql.mutations): what an edit takes and returns."""

from __future__ import annotations

import strawberry

from api.graphql.scalars import PartialDate
from api.graphql.types.evidence import (
    ActorKindEnum,
    Claim,
    ClaimStatusEnum,
    ConfidenceEnum,
    LikelihoodEnum,
    ReliabilityEnum,
)
from api.graphql.types.node import Node
from api.graphql.types.nodes import EditRecord
from api.graphql.types.relationships import RelationshipType


@strawberry.input(description="A new source, graded on the Admiralty reliability scale.")
class NewSourceInput:
    id: strawberry.ID = strawberry.field(description="e.g. source:sahel-dispatch-2023-11")
    name: str
    reliability: ReliabilityEnum
    url: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None


@strawberry.input(description="The source of an edit: an existing Source (a citation may add "
                  "#section) or a new one. Exactly one of the two.")  # fmt: skip
class SourceInput:
    id: strawberry.ID | None = None
    new: NewSourceInput | None = None


@strawberry.type(description="What every mutation returns besides its object.")
class EditResult:
    client_mutation_id: str | None
    edit: EditRecord
    replayed: bool = strawberry.field(
        description="True when this clientMutationId was already applied: nothing was written."
    )


@strawberry.type
class NodePayload(EditResult):
    node: Node | None


@strawberry.type(description="A claim between two nodes, as a mutation returns it.")
class ClaimRecord:
    id: strawberry.ID
    type: RelationshipType
    from_id: strawberry.ID
    to_id: strawberry.ID
    evidence: Claim


@strawberry.type
class RelationshipPayload(EditResult):
    relationship: ClaimRecord | None


@strawberry.input
class CreateActorInput:
    id: strawberry.ID
    name: str
    kind: ActorKindEnum
    source: SourceInput
    reason: str
    aliases: list[str] | None = None
    country: str | None = None
    founded: PartialDate | None = None
    description: str | None = None
    client_mutation_id: str | None = None


@strawberry.input
class UpdateActorInput:
    id: strawberry.ID
    source: SourceInput
    reason: str
    name: str | None = None
    kind: ActorKindEnum | None = None
    country: str | None = None
    founded: PartialDate | None = None
    description: str | None = None
    client_mutation_id: str | None = None


@strawberry.input
class RetireInput:
    id: strawberry.ID
    valid_to: PartialDate = strawberry.field(description="The last date it held.")
    source: SourceInput
    reason: str
    client_mutation_id: str | None = None


@strawberry.input
class AddAliasInput:
    actor_id: strawberry.ID
    alias: str
    source: SourceInput
    reason: str
    client_mutation_id: str | None = None


@strawberry.input
class CreateRelationshipInput:
    type: RelationshipType
    from_id: strawberry.ID
    to_id: strawberry.ID
    status: ClaimStatusEnum
    credibility: int = strawberry.field(description="Admiralty credibility 1 (best) to 6.")
    source: SourceInput
    reason: str
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    note: str | None = None
    client_mutation_id: str | None = None


@strawberry.input
class UpdateRelationshipInput:
    id: strawberry.ID = strawberry.field(description="The claim's id, TYPE|from|to|key.")
    source: SourceInput
    reason: str
    status: ClaimStatusEnum | None = None
    credibility: int | None = None
    note: str | None = None
    client_mutation_id: str | None = None


@strawberry.input
class CreateAssessmentInput:
    id: strawberry.ID
    name: str
    statement: str
    likelihood: LikelihoodEnum
    date: PartialDate
    source: SourceInput
    reason: str
    about_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    wording: str | None = None
    confidence: ConfidenceEnum | None = None
    client_mutation_id: str | None = None


@strawberry.input
class UpdateAssessmentInput:
    id: strawberry.ID
    source: SourceInput
    reason: str
    statement: str | None = None
    wording: str | None = None
    likelihood: LikelihoodEnum | None = None
    confidence: ConfidenceEnum | None = None
    client_mutation_id: str | None = None


@strawberry.type
class TokenPayload:
    token: str = strawberry.field(description="Shown once; only its hash is kept.")
    token_id: str
    role: str
