"""Mutations for analysts' edits, each sourced, audited and idempotent.

Every mutation needs the analyst role (admins too), a `source` (an existing Source, or a
new one with its Admiralty reliability) and a `reason`. It is written together with an
`Edit` record (who, when, why, what changed, which sources) that `history(id:)` returns.
Nothing is deleted: retiring sets `valid_to` (an actor's `dissolved`). A repeated
`clientMutationId` from the same token returns the first result and writes nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from pydantic import ValidationError

from api.graphql.edit_flow import (
    Info,
    existing_claim_type,
    given_values,
    invalid,
    load_node,
    must_exist,
    node_edit,
    relationship_edit,
    require_role,
)
from api.graphql.errors import ApiError
from api.graphql.mutation_types import (
    AddAliasInput,
    CreateActorInput,
    CreateAssessmentInput,
    CreateRelationshipInput,
    NodePayload,
    RelationshipPayload,
    RetireInput,
    TokenPayload,
    UpdateActorInput,
    UpdateAssessmentInput,
    UpdateRelationshipInput,
)
from api.graphql.tokens import Role, TokenStore
from api.graphql.types.nodes import EditRecord
from graph.model import Actor, Assessment, Relationship
from graph.schema import allowed, label_for_id
from queries import edits

NewNode = TypeVar("NewNode", Actor, Assessment)


async def add_new_node(
    info: Info, plan: edits.EditPlan, model: type[NewNode], values: dict[str, Any],
    citation: str,
) -> NewNode:  # fmt: skip
    """A new node from the mutation's values, citing the source; refused if the id is taken."""
    try:
        node = model(**values, source_ids=[citation])
    except ValidationError as exc:
        raise invalid(exc) from None
    if await load_node(info, node.id) is not None:
        raise ApiError("conflict", f"{node.id} already exists", field="id")
    plan.new_nodes.append(node)
    return node


def change_existing(
    info: Info, label: str, node_id: str, values: dict[str, Any]
) -> Callable[[edits.EditPlan, str], Awaitable[None]]:
    """The plan step of an edit that sets `values` on an existing `label` node."""

    async def build(plan: edits.EditPlan, citation: str) -> None:
        await must_exist(info, node_id, label)
        plan.node_changes.append((label, node_id, values, [citation]))

    return build


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create an actor (analyst).")
    async def create_actor(self, info: Info, input: CreateActorInput) -> NodePayload:
        values = given_values(id=str(input.id), name=input.name, kind=input.kind,
                         aliases=input.aliases, country=input.country, founded=input.founded,
                         description=input.description)  # fmt: skip

        async def build(plan: edits.EditPlan, citation: str) -> None:
            await add_new_node(info, plan, Actor, values, citation)

        return await node_edit(info, "create_actor", str(input.id), input.reason, input.source,
                                input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Change an actor's name, kind, country, founding date.")
    async def update_actor(self, info: Info, input: UpdateActorInput) -> NodePayload:
        values = given_values(name=input.name, kind=input.kind, country=input.country,
                         founded=input.founded, description=input.description)  # fmt: skip

        async def build(plan: edits.EditPlan, citation: str) -> None:
            current = await must_exist(info, str(input.id), "Actor")
            merged = {k: v for k, v in current.items() if k in Actor.model_fields}
            try:
                Actor(**{**merged, **values})
            except ValidationError as exc:
                raise invalid(exc) from None
            plan.node_changes.append(("Actor", str(input.id), values, [citation]))

        return await node_edit(info, "update_actor", str(input.id), input.reason, input.source,
                                input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Retire an actor: sets `dissolved`; nothing is deleted.")
    async def retire_actor(self, info: Info, input: RetireInput) -> NodePayload:
        values = {"dissolved": input.valid_to}

        build = change_existing(info, "Actor", str(input.id), values)
        return await node_edit(info, "retire_actor", str(input.id), input.reason, input.source,
                                input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Add an alias (another spelling) to an actor.")
    async def add_alias(self, info: Info, input: AddAliasInput) -> NodePayload:
        alias = input.alias.strip()

        async def build(plan: edits.EditPlan, citation: str) -> None:
            if not alias:
                raise ApiError("invalid_parameter", "alias must not be empty", field="alias")
            await must_exist(info, str(input.actor_id), "Actor")
            plan.aliases.append((str(input.actor_id), alias, [citation]))

        return await node_edit(info, "add_alias", str(input.actor_id), input.reason,
                                input.source, input.client_mutation_id, {"alias": alias}, build)  # fmt: skip

    @strawberry.mutation(description="Add a sourced claim between two existing nodes.")
    async def create_relationship(
        self, info: Info, input: CreateRelationshipInput
    ) -> RelationshipPayload:
        values = given_values(type=input.type, from_id=str(input.from_id), to_id=str(input.to_id),
                         status=input.status, credibility=input.credibility,
                         valid_from=input.valid_from, valid_to=input.valid_to, note=input.note)  # fmt: skip
        try:
            claim = Relationship(**values, source_ids=["source:placeholder"])
        except ValidationError as exc:
            raise invalid(exc) from None

        async def build(plan: edits.EditPlan, citation: str) -> None:
            ends = [await load_node(info, claim.from_id), await load_node(info, claim.to_id)]
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

        return await relationship_edit(info, "create_relationship", claim.id, input.reason,
                                        input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Change a claim's status, credibility or note.")
    async def update_relationship(
        self, info: Info, input: UpdateRelationshipInput
    ) -> RelationshipPayload:
        rel_id = str(input.id)
        values = given_values(status=input.status, credibility=input.credibility, note=input.note)
        if "credibility" in values and not 1 <= values["credibility"] <= 6:
            raise ApiError("invalid_parameter", "credibility must be 1 to 6", field="credibility")

        async def build(plan: edits.EditPlan, citation: str) -> None:
            rel_type = existing_claim_type(rel_id)
            if await edits.read_relationship(info.context.store, rel_type, rel_id) is None:
                raise ApiError("not_found", f"no claim with id {rel_id}", field="id")
            plan.relationship_changes.append((rel_type, rel_id, values, [citation]))

        return await relationship_edit(info, "update_relationship", rel_id, input.reason,
                                        input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Retire a claim: sets `valid_to`, keeps it and its evidence.")
    async def retire_relationship(self, info: Info, input: RetireInput) -> RelationshipPayload:
        rel_id = str(input.id)
        values = {"valid_to": input.valid_to}

        async def build(plan: edits.EditPlan, citation: str) -> None:
            rel_type = existing_claim_type(rel_id)
            found = await edits.read_relationship(info.context.store, rel_type, rel_id)
            if found is None:
                raise ApiError("not_found", f"no claim with id {rel_id}", field="id")
            valid_from = found["props"].get("valid_from")
            if valid_from and str(input.valid_to) < valid_from[: len(str(input.valid_to))]:
                raise ApiError("invalid_parameter",
                               f"validTo {input.valid_to} is before validFrom {valid_from}",
                               field="validTo")  # fmt: skip
            plan.relationship_changes.append((rel_type, rel_id, values, [citation]))

        return await relationship_edit(info, "retire_relationship", rel_id, input.reason,
                                        input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Record an analytic judgment about some nodes.")
    async def create_assessment(self, info: Info, input: CreateAssessmentInput) -> NodePayload:
        values = given_values(id=str(input.id), name=input.name, statement=input.statement,
                         likelihood=input.likelihood, date=input.date, wording=input.wording,
                         confidence=input.confidence)  # fmt: skip
        about = [str(a) for a in input.about_ids]

        async def build(plan: edits.EditPlan, citation: str) -> None:
            assessment = await add_new_node(info, plan, Assessment, values, citation)
            for target in about:
                label = label_for_id(target)
                if label is None or await load_node(info, target) is None:
                    raise ApiError("not_found", f"no node with id {target}", field="aboutIds")
                if not allowed("ABOUT", "Assessment", label):
                    raise ApiError("invalid_parameter", f"an assessment cannot be about a {label}",
                                   field="aboutIds")  # fmt: skip
                rel = Relationship(type="ABOUT", from_id=assessment.id, to_id=target,
                                   status="assessed", credibility=3, source_ids=[citation])  # fmt: skip
                plan.new_relationships.append((rel, "Assessment", label))

        return await node_edit(info, "create_assessment", str(input.id), input.reason,
                                input.source, input.client_mutation_id,
                                {**values, "about_ids": about}, build)  # fmt: skip

    @strawberry.mutation(description="Revise an assessment's wording, likelihood, confidence.")
    async def update_assessment(self, info: Info, input: UpdateAssessmentInput) -> NodePayload:
        values = given_values(statement=input.statement, wording=input.wording,
                         likelihood=input.likelihood, confidence=input.confidence)  # fmt: skip

        build = change_existing(info, "Assessment", str(input.id), values)
        return await node_edit(info, "update_assessment", str(input.id), input.reason,
                                input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Retire an assessment: sets its `validTo`; it is kept.")
    async def retire_assessment(self, info: Info, input: RetireInput) -> NodePayload:
        values = {"valid_to": input.valid_to}

        build = change_existing(info, "Assessment", str(input.id), values)
        return await node_edit(info, "retire_assessment", str(input.id), input.reason,
                                input.source, input.client_mutation_id, values, build)  # fmt: skip

    @strawberry.mutation(description="Create an API token (admin). Shown once; stored hashed.")
    def create_token(self, info: Info, role: str, name: str = "") -> TokenPayload:
        require_role(info, Role.ADMIN, "createToken")
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
