"""Mutations for analysts' edits, each sourced, audited and idempotent.

Every mutation needs the analyst role (admins too), a `source` (an existing Source, or a
new one with its Admiralty reliability) and a `reason`. It is written together with an
`Edit` record (who, when, why, what changed, which sources) that `history(id:)` returns.
Nothing is deleted: retiring sets `valid_to` (an actor's `dissolved`). A repeated
`clientMutationId` from the same token returns the first result and writes nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeAlias, TypeVar

import strawberry
from pydantic import ValidationError

from api.graphql.context import Context
from api.graphql.errors import ApiError, forbidden
from api.graphql.scalars import PartialDate
from api.graphql.tokens import Role, TokenStore, role_allows
from api.graphql.types.evidence import (
    ActorKindEnum,
    Claim,
    ClaimStatusEnum,
    ConfidenceEnum,
    LikelihoodEnum,
    ReliabilityEnum,
)
from api.graphql.types.node import Node, node_from
from api.graphql.types.nodes import EditRecord
from api.graphql.types.relationships import RelationshipType
from graph.model import Actor, Assessment, Edit, Relationship, Source
from graph.schema import allowed, check_relationship_type, label_for_id
from queries import edits

Info: TypeAlias = strawberry.Info[Context, None]


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


# -- helpers --------------------------------------------------------------------------------


def _require(info: Info, role: Role, action: str) -> None:
    if not role_allows(info.context.principal.role, role):
        raise forbidden(action, role.value)


def _invalid(exc: ValidationError, prefix: str = "") -> ApiError:
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or None
    reason = first["msg"].removeprefix("Value error, ")
    if field is None:
        return ApiError("invalid_parameter", reason)
    return ApiError("invalid_parameter", f"{prefix}{field}: {reason}", field=field)


def _values(**values: Any) -> dict[str, Any]:
    """Given values only, enums as their stored strings."""
    return {
        k: (v.value if hasattr(v, "value") else v)
        for k, v in values.items()
        if v is not None and v is not strawberry.UNSET
    }


async def _node(info: Info, node_id: str) -> tuple[str, dict[str, Any]] | None:
    return await info.context.loaders.nodes.load(node_id)


async def _source(info: Info, given: SourceInput) -> tuple[str, list[Source]]:
    """The citation an edit adds, and the Source node to create (if new)."""
    if (given.id is None) == (given.new is None):
        raise ApiError("invalid_parameter", "source: give either id or new", field="source")
    if given.new is not None:
        new = given.new
        try:
            source = Source(**_values(id=str(new.id), name=new.name, reliability=new.reliability,
                                      url=new.url, publisher=new.publisher, published=new.published))  # fmt: skip
        except ValidationError as exc:
            raise _invalid(exc, "source.new.") from None
        if await _node(info, source.id) is not None:
            raise ApiError("conflict", f"source {source.id} exists; cite it by id", field="source")
        return source.id, [source]
    citation = str(given.id)
    found = await _node(info, citation.partition("#")[0])
    if found is None or found[0] != "Source":
        raise ApiError(
            "not_found", f"no source with id {citation.partition('#')[0]}", field="source"
        )
    return citation, []


async def _replay(info: Info, client_mutation_id: str | None, action: str) -> dict[str, Any] | None:
    if not client_mutation_id:
        return None
    done = await edits.edit_by_client_id(
        info.context.store, info.context.principal.token_id, client_mutation_id
    )
    if done is not None and done["action"] != action:
        raise ApiError(
            "conflict",
            f"clientMutationId {client_mutation_id} was already used for {done['action']}",
            field="clientMutationId",
        )
    return done


def _edit(info: Info, action: str, target: str, reason: str, changes: dict[str, Any],
          citation: str, client_mutation_id: str | None) -> Edit:  # fmt: skip
    if not reason.strip():
        raise ApiError("invalid_parameter", "reason must not be empty", field="reason")
    principal = info.context.principal
    return Edit(
        id=f"edit:{uuid.uuid4().hex}",
        name=f"{action} {target}",
        action=action,
        target_id=target,
        by=principal.token_id,
        by_name=principal.name or None,
        role=principal.role.value,
        at=datetime.now(UTC).isoformat(timespec="microseconds"),
        reason=reason,
        changes=json.dumps(changes, sort_keys=True, ensure_ascii=False),
        source_ids=[citation],
        client_mutation_id=client_mutation_id,
    )


async def _node_payload(info: Info, edit_props: dict[str, Any], replayed: bool) -> NodePayload:
    context = info.context
    context.loaders = type(context.loaders)(context.store)  # read what was just written
    found = await context.loaders.nodes.load(edit_props["target_id"])
    return NodePayload(
        client_mutation_id=edit_props.get("client_mutation_id"),
        edit=EditRecord.from_props(edit_props),
        replayed=replayed,
        node=None if found is None else node_from(*found),
    )


async def _relationship_payload(
    info: Info, edit_props: dict[str, Any], replayed: bool
) -> RelationshipPayload:
    rel_id = edit_props["target_id"]
    found = await edits.read_relationship(info.context.store, rel_id.split("|")[0], rel_id)
    record = None
    if found is not None:
        props = found["props"]
        record = ClaimRecord(
            id=strawberry.ID(rel_id),
            type=RelationshipType[rel_id.split("|")[0]],
            from_id=strawberry.ID(found["from_id"]),
            to_id=strawberry.ID(found["to_id"]),
            evidence=Claim.of(_Props(props)),
        )
    return RelationshipPayload(
        client_mutation_id=edit_props.get("client_mutation_id"),
        edit=EditRecord.from_props(edit_props),
        replayed=replayed,
        relationship=record,
    )


class _Props:
    """Attribute access to a stored claim's properties (for Claim.of)."""

    def __init__(self, props: dict[str, Any]) -> None:
        self.status = props.get("status", "reported")
        self.credibility = props.get("credibility", 6)
        self.likelihood = props.get("likelihood")
        self.valid_from = props.get("valid_from")
        self.valid_to = props.get("valid_to")
        self.source_ids = props.get("source_ids") or []


def _existing_claim_type(rel_id: str) -> str:
    rel_type = rel_id.split("|")[0]
    try:
        return check_relationship_type(rel_type)
    except ValueError:
        raise ApiError("invalid_parameter", f"not a claim id (TYPE|from|to|key): {rel_id}",
                       field="id") from None  # fmt: skip


Payload = TypeVar("Payload", NodePayload, RelationshipPayload)


async def _apply_edit(
    info: Info, action: str, target: str, reason: str, source: SourceInput,
    client_mutation_id: str | None, plan_changes: dict[str, Any], build: Any,
    payload: Callable[[Info, dict[str, Any], bool], Awaitable[Payload]],
) -> Payload:  # fmt: skip
    """Shared flow of every edit: role, replay, source, plan, apply, read back."""
    _require(info, Role.ANALYST, action)
    done = await _replay(info, client_mutation_id, action)
    if done is not None:
        return await payload(info, done, True)
    citation, new_sources = await _source(info, source)
    edit = _edit(info, action, target, reason, plan_changes, citation, client_mutation_id)
    plan = edits.EditPlan(edit=edit, new_nodes=list(new_sources))
    await build(plan, citation)
    await plan.apply(info.context.store)
    return await payload(info, edit.to_properties(), False)


async def _node_edit(
    info: Info, action: str, target: str, reason: str, source: SourceInput,
    client_mutation_id: str | None, plan_changes: dict[str, Any], build: Any,
) -> NodePayload:  # fmt: skip
    return await _apply_edit(info, action, target, reason, source, client_mutation_id,
                             plan_changes, build, _node_payload)  # fmt: skip


async def _relationship_edit(
    info: Info, action: str, target: str, reason: str, source: SourceInput,
    client_mutation_id: str | None, plan_changes: dict[str, Any], build: Any,
) -> RelationshipPayload:  # fmt: skip
    return await _apply_edit(info, action, target, reason, source, client_mutation_id,
                             plan_changes, build, _relationship_payload)  # fmt: skip


async def _must_exist(info: Info, node_id: str, label: str) -> dict[str, Any]:
    found = await _node(info, node_id)
    if found is None or found[0] != label:
        noun = "".join(f" {c.lower()}" if c.isupper() else c for c in label).strip()
        raise ApiError("not_found", f"no {noun} with id {node_id}", field="id")
    return found[1]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create an actor (analyst).")
    async def create_actor(self, info: Info, input: CreateActorInput) -> NodePayload:
        values = _values(id=str(input.id), name=input.name, kind=input.kind,
                         aliases=input.aliases, country=input.country, founded=input.founded,
                         description=input.description)  # fmt: skip

        async def build(plan: edits.EditPlan, citation: str) -> None:
            try:
                actor = Actor(**values, source_ids=[citation])
            except ValidationError as exc:
                raise _invalid(exc) from None
            if await _node(info, actor.id) is not None:
                raise ApiError("conflict", f"{actor.id} already exists", field="id")
            plan.new_nodes.append(actor)

        return await _node_edit(info, "create_actor", str(input.id), input.reason, input.source,
                                input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Change an actor's name, kind, country, founding date.")
    async def update_actor(self, info: Info, input: UpdateActorInput) -> NodePayload:
        values = _values(name=input.name, kind=input.kind, country=input.country,
                         founded=input.founded, description=input.description)  # fmt: skip

        async def build(plan: edits.EditPlan, citation: str) -> None:
            current = await _must_exist(info, str(input.id), "Actor")
            merged = {k: v for k, v in current.items() if k in Actor.model_fields}
            try:
                Actor(**{**merged, **values})
            except ValidationError as exc:
                raise _invalid(exc) from None
            plan.node_changes.append(("Actor", str(input.id), values, [citation]))

        return await _node_edit(info, "update_actor", str(input.id), input.reason, input.source,
                                input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Retire an actor: sets `dissolved`; nothing is deleted.")
    async def retire_actor(self, info: Info, input: RetireInput) -> NodePayload:
        values = {"dissolved": input.valid_to}

        async def build(plan: edits.EditPlan, citation: str) -> None:
            await _must_exist(info, str(input.id), "Actor")
            plan.node_changes.append(("Actor", str(input.id), values, [citation]))

        return await _node_edit(info, "retire_actor", str(input.id), input.reason, input.source,
                                input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Add an alias (another spelling) to an actor.")
    async def add_alias(self, info: Info, input: AddAliasInput) -> NodePayload:
        alias = input.alias.strip()

        async def build(plan: edits.EditPlan, citation: str) -> None:
            if not alias:
                raise ApiError("invalid_parameter", "alias must not be empty", field="alias")
            await _must_exist(info, str(input.actor_id), "Actor")
            plan.aliases.append((str(input.actor_id), alias, [citation]))

        return await _node_edit(info, "add_alias", str(input.actor_id), input.reason,
                                input.source, input.client_mutation_id, {"alias": alias}, build)  # fmt: skip

    @strawberry.mutation(description="Add a sourced claim between two existing nodes.")
    async def create_relationship(
        self, info: Info, input: CreateRelationshipInput
    ) -> RelationshipPayload:
        values = _values(type=input.type, from_id=str(input.from_id), to_id=str(input.to_id),
                         status=input.status, credibility=input.credibility,
                         valid_from=input.valid_from, valid_to=input.valid_to, note=input.note)  # fmt: skip
        try:
            claim = Relationship(**values, source_ids=["source:placeholder"])
        except ValidationError as exc:
            raise _invalid(exc) from None

        async def build(plan: edits.EditPlan, citation: str) -> None:
            ends = [await _node(info, claim.from_id), await _node(info, claim.to_id)]
            for end, name in zip(ends, ("fromId", "toId"), strict=True):
                if end is None:
                    raise ApiError("not_found", f"no node with id {getattr(input, name[:-2] + '_id')}",
                                   field=name)  # fmt: skip
            from_label, to_label = ends[0][0], ends[1][0]  # type: ignore[index]
            if not allowed(claim.type, from_label, to_label):
                raise ApiError("invalid_parameter",
                               f"the schema has no {from_label}-[:{claim.type}]->{to_label}",
                               field="type")  # fmt: skip
            existing = await edits.read_relationship(info.context.store, claim.type, claim.id)
            if existing is not None:
                raise ApiError("conflict", f"claim {claim.id} exists; update it", field="id")
            plan.new_relationships.append(
                (claim.model_copy(update={"source_ids": [citation]}), from_label, to_label)
            )

        return await _relationship_edit(info, "create_relationship", claim.id, input.reason,
                                        input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Change a claim's status, credibility or note.")
    async def update_relationship(
        self, info: Info, input: UpdateRelationshipInput
    ) -> RelationshipPayload:
        rel_id = str(input.id)
        values = _values(status=input.status, credibility=input.credibility, note=input.note)
        if "credibility" in values and not 1 <= values["credibility"] <= 6:
            raise ApiError("invalid_parameter", "credibility must be 1 to 6", field="credibility")

        async def build(plan: edits.EditPlan, citation: str) -> None:
            rel_type = _existing_claim_type(rel_id)
            if await edits.read_relationship(info.context.store, rel_type, rel_id) is None:
                raise ApiError("not_found", f"no claim with id {rel_id}", field="id")
            plan.relationship_changes.append((rel_type, rel_id, values, [citation]))

        return await _relationship_edit(info, "update_relationship", rel_id, input.reason,
                                        input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Retire a claim: sets `valid_to`, keeps it and its evidence.")
    async def retire_relationship(self, info: Info, input: RetireInput) -> RelationshipPayload:
        rel_id = str(input.id)
        values = {"valid_to": input.valid_to}

        async def build(plan: edits.EditPlan, citation: str) -> None:
            rel_type = _existing_claim_type(rel_id)
            found = await edits.read_relationship(info.context.store, rel_type, rel_id)
            if found is None:
                raise ApiError("not_found", f"no claim with id {rel_id}", field="id")
            valid_from = found["props"].get("valid_from")
            if valid_from and str(input.valid_to) < valid_from[: len(str(input.valid_to))]:
                raise ApiError("invalid_parameter",
                               f"validTo {input.valid_to} is before validFrom {valid_from}",
                               field="validTo")  # fmt: skip
            plan.relationship_changes.append((rel_type, rel_id, values, [citation]))

        return await _relationship_edit(info, "retire_relationship", rel_id, input.reason,
                                        input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Record an analytic judgment about some nodes.")
    async def create_assessment(self, info: Info, input: CreateAssessmentInput) -> NodePayload:
        values = _values(id=str(input.id), name=input.name, statement=input.statement,
                         likelihood=input.likelihood, date=input.date, wording=input.wording,
                         confidence=input.confidence)  # fmt: skip
        about = [str(a) for a in input.about_ids]

        async def build(plan: edits.EditPlan, citation: str) -> None:
            try:
                assessment = Assessment(**values, source_ids=[citation])
            except ValidationError as exc:
                raise _invalid(exc) from None
            if await _node(info, assessment.id) is not None:
                raise ApiError("conflict", f"{assessment.id} already exists", field="id")
            plan.new_nodes.append(assessment)
            for target in about:
                label = label_for_id(target)
                if label is None or await _node(info, target) is None:
                    raise ApiError("not_found", f"no node with id {target}", field="aboutIds")
                if not allowed("ABOUT", "Assessment", label):
                    raise ApiError("invalid_parameter", f"an assessment cannot be about a {label}",
                                   field="aboutIds")  # fmt: skip
                rel = Relationship(type="ABOUT", from_id=assessment.id, to_id=target,
                                   status="assessed", credibility=3, source_ids=[citation])  # fmt: skip
                plan.new_relationships.append((rel, "Assessment", label))

        return await _node_edit(info, "create_assessment", str(input.id), input.reason,
                                input.source, input.client_mutation_id,
                                {**values, "about_ids": about}, build)  # fmt: skip

    @strawberry.mutation(description="Revise an assessment's wording, likelihood, confidence.")
    async def update_assessment(self, info: Info, input: UpdateAssessmentInput) -> NodePayload:
        values = _values(statement=input.statement, wording=input.wording,
                         likelihood=input.likelihood, confidence=input.confidence)  # fmt: skip

        async def build(plan: edits.EditPlan, citation: str) -> None:
            await _must_exist(info, str(input.id), "Assessment")
            plan.node_changes.append(("Assessment", str(input.id), values, [citation]))

        return await _node_edit(info, "update_assessment", str(input.id), input.reason,
                                input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Retire an assessment: sets its `validTo`; it is kept.")
    async def retire_assessment(self, info: Info, input: RetireInput) -> NodePayload:
        values = {"valid_to": input.valid_to}

        async def build(plan: edits.EditPlan, citation: str) -> None:
            await _must_exist(info, str(input.id), "Assessment")
            plan.node_changes.append(("Assessment", str(input.id), values, [citation]))

        return await _node_edit(info, "retire_assessment", str(input.id), input.reason,
                                input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Create an API token (admin). Shown once; stored hashed.")
    def create_token(self, info: Info, role: str, name: str = "") -> TokenPayload:
        _require(info, Role.ADMIN, "createToken")
        if role not in {r.value for r in Role}:
            raise ApiError(
                "invalid_parameter", "role must be reader, analyst or admin", field="role"
            )
        token = TokenStore(info.context.settings.tokens_file).create(Role(role), name)
        return TokenPayload(token=token, token_id=token.split("_")[1], role=role)


@strawberry.type
class HistoryQuery:
    @strawberry.field(description="The audit trail of a node or claim: every edit, oldest first.")
    async def history(self, info: Info, id: strawberry.ID) -> list[EditRecord]:
        rows = await edits.history(info.context.store, str(id))
        return [EditRecord.from_props(props) for props in rows]
