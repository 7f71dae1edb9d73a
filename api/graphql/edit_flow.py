"""The flow every edit shares: role check, replay by clientMutationId, the source, the
audit record, one transaction, and reading the result back."""

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
from api.graphql.mutation_types import (
    ClaimRecord,
    NodePayload,
    RelationshipPayload,
    SourceInput,
)
from api.graphql.tokens import Role, role_allows
from api.graphql.types.evidence import (
    Claim,
)
from api.graphql.types.node import node_from
from api.graphql.types.nodes import EditRecord
from api.graphql.types.relationships import RelationshipType
from graph.model import Edit, Source
from graph.schema import check_relationship_type
from queries import edits

Info: TypeAlias = strawberry.Info[Context, None]


# -- helpers --------------------------------------------------------------------------------


def require_role(info: Info, role: Role, action: str) -> None:
    if not role_allows(info.context.principal.role, role):
        raise forbidden(action, role.value)


def invalid(exc: ValidationError, prefix: str = "") -> ApiError:
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or None
    reason = first["msg"].removeprefix("Value error, ")
    if field is None:
        return ApiError("invalid_parameter", reason)
    return ApiError("invalid_parameter", f"{prefix}{field}: {reason}", field=field)


def given_values(**values: Any) -> dict[str, Any]:
    """Given values only, enums as their stored strings."""
    return {
        k: (v.value if hasattr(v, "value") else v)
        for k, v in values.items()
        if v is not None and v is not strawberry.UNSET
    }


async def load_node(info: Info, node_id: str) -> tuple[str, dict[str, Any]] | None:
    return await info.context.loaders.nodes.load(node_id)


async def resolve_source(info: Info, given: SourceInput) -> tuple[str, list[Source]]:
    """The citation an edit adds, and the Source node to create (if new)."""
    if (given.id is None) == (given.new is None):
        raise ApiError("invalid_parameter", "source: give either id or new", field="source")
    if given.new is not None:
        new = given.new
        try:
            source = Source(**given_values(id=str(new.id), name=new.name, reliability=new.reliability,
                                      url=new.url, publisher=new.publisher, published=new.published))  # fmt: skip
        except ValidationError as exc:
            raise invalid(exc, "source.new.") from None
        if await load_node(info, source.id) is not None:
            raise ApiError("conflict", f"source {source.id} exists; cite it by id", field="source")
        return source.id, [source]
    citation = str(given.id)
    found = await load_node(info, citation.partition("#")[0])
    if found is None or found[0] != "Source":
        raise ApiError(
            "not_found", f"no source with id {citation.partition('#')[0]}", field="source"
        )
    return citation, []


async def replayed_edit(
    info: Info, client_mutation_id: str | None, action: str
) -> dict[str, Any] | None:
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


def audit_record(info: Info, action: str, target: str, reason: str, changes: dict[str, Any],
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


async def node_payload(info: Info, edit_props: dict[str, Any], replayed: bool) -> NodePayload:
    context = info.context
    context.loaders = type(context.loaders)(context.store)  # read what was just written
    found = await context.loaders.nodes.load(edit_props["target_id"])
    return NodePayload(
        client_mutation_id=edit_props.get("client_mutation_id"),
        edit=EditRecord.from_props(edit_props),
        replayed=replayed,
        node=None if found is None else node_from(*found),
    )


async def relationship_payload(
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


def existing_claim_type(rel_id: str) -> str:
    rel_type = rel_id.split("|")[0]
    try:
        return check_relationship_type(rel_type)
    except ValueError:
        raise ApiError("invalid_parameter", f"not a claim id (TYPE|from|to|key): {rel_id}",
                       field="id") from None  # fmt: skip


Payload = TypeVar("Payload", NodePayload, RelationshipPayload)


async def apply_edit(
    info: Info, action: str, target: str, reason: str, source: SourceInput,
    client_mutation_id: str | None, plan_changes: dict[str, Any], build: Any,
    payload: Callable[[Info, dict[str, Any], bool], Awaitable[Payload]],
) -> Payload:  # fmt: skip
    """Shared flow of every edit: role, replay, source, plan, apply, read back."""
    require_role(info, Role.ANALYST, action)
    done = await replayed_edit(info, client_mutation_id, action)
    if done is not None:
        return await payload(info, done, True)
    citation, new_sources = await resolve_source(info, source)
    edit = audit_record(info, action, target, reason, plan_changes, citation, client_mutation_id)
    plan = edits.EditPlan(edit=edit, new_nodes=list(new_sources))
    await build(plan, citation)
    await plan.apply(info.context.store)
    return await payload(info, edit.to_properties(), False)


async def node_edit(
    info: Info, action: str, target: str, reason: str, source: SourceInput,
    client_mutation_id: str | None, plan_changes: dict[str, Any], build: Any,
) -> NodePayload:  # fmt: skip
    return await apply_edit(info, action, target, reason, source, client_mutation_id,
                             plan_changes, build, node_payload)  # fmt: skip


async def relationship_edit(
    info: Info, action: str, target: str, reason: str, source: SourceInput,
    client_mutation_id: str | None, plan_changes: dict[str, Any], build: Any,
) -> RelationshipPayload:  # fmt: skip
    return await apply_edit(info, action, target, reason, source, client_mutation_id,
                             plan_changes, build, relationship_payload)  # fmt: skip


async def must_exist(info: Info, node_id: str, label: str) -> dict[str, Any]:
    found = await load_node(info, node_id)
    if found is None or found[0] != label:
        noun = "".join(f" {c.lower()}" if c.isupper() else c for c in label).strip()
        raise ApiError("not_found", f"no {noun} with id {node_id}", field="id")
    return found[1]
