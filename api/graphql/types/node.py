"""The `Node` interface: every node kind, reachable by its graph id (`node(id:)`).

The graph's ids (`actor:jnim`) are already global, so they are the GraphQL ids as they
are. Concrete types register themselves here by label; `node_from` builds the right one
from a node's stored properties.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry

from api.graphql.context import Context
from api.graphql.typegen import reserve
from api.graphql.types.evidence import SourceRef
from queries.types import NodeRef as DomainNodeRef


@strawberry.interface(description="Any node of the graph; `id` is the graph's own global id.")
class Node:
    id: strawberry.ID
    name: str | None = None
    description: str | None = None
    sources: list[SourceRef] = strawberry.field(
        default_factory=list, description="Where this node's facts come from."
    )

    @strawberry.field(description="The node's label in the graph: Actor, Alliance, Region, ….")
    def label(self) -> str:
        return LABEL_OF_TYPE.get(type(self).__name__, type(self).__name__)


NODE_BUILDERS: dict[str, Callable[[dict[str, Any]], Node]] = {}
LABEL_OF_TYPE: dict[str, str] = {}


def register_node_type(label: str, build: Callable[[dict[str, Any]], Node], type_name: str) -> None:
    NODE_BUILDERS[label] = build
    LABEL_OF_TYPE[type_name] = label


def node_from(label: str, props: dict[str, Any]) -> Node:
    """The GraphQL object for a stored node of `label`."""
    return NODE_BUILDERS[label](props)


def common_fields(props: dict[str, Any]) -> dict[str, Any]:
    """Fields every node has, from its stored properties."""
    return {
        "id": strawberry.ID(props["id"]),
        "name": props.get("name"),
        "description": props.get("description"),
        "sources": [SourceRef(id=strawberry.ID(s)) for s in props.get("source_ids") or []],
    }


@strawberry.type(description="Another node, as an answer names it: id, label, name, kind.")
class NodeRef:
    id: str
    label: str = strawberry.field(description="Node label, e.g. Actor, Alliance, Region.")
    name: str | None = None
    kind: str | None = strawberry.field(
        default=None, description="The node's own kind (actor kind, alliance kind, event kind)."
    )

    @strawberry.field(description="The whole node, with all its fields and relationships.")
    async def node(self, info: strawberry.Info[Context, None]) -> Node | None:
        found = await info.context.loaders.nodes.load(self.id)
        return None if found is None else node_from(*found)


reserve("NodeRef", NodeRef, DomainNodeRef)
