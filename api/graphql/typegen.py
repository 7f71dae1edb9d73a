"""GraphQL types from the catalog's own pydantic types: one model of the domain.

The catalog declares each entry's parameters and results as pydantic models (and the
shared result pieces: node references, claims, edges, paths, series points, measures).
This module turns those into strawberry output types and field arguments, once per
model, so the API presents exactly what the catalog returns and can never drift from it.
The catalog's result objects are then returned as they are: GraphQL reads their fields.
"""

from __future__ import annotations

import datetime
import types
import typing
from enum import Enum
from typing import Any

import strawberry
from pydantic import BaseModel
from strawberry.scalars import JSON

from api.graphql.scalars import PartialDate

_OUTPUT_TYPES: dict[type[BaseModel], Any] = {}
_TYPE_NAMES: dict[str, type[BaseModel] | None] = {}
_ENUMS: dict[type[Enum], Any] = {}


def reserve(name: str, gql_type: Any = None, model: type[BaseModel] | None = None) -> None:
    """Claim a type name for a hand-written type; `model` (if given) is presented by it."""
    _TYPE_NAMES[name] = model
    if model is not None:
        _OUTPUT_TYPES[model] = gql_type


def list_of(item: Any) -> Any:
    """`list[item]` for an item type only known at run time."""
    return list[item]


def pascal(name: str) -> str:
    """`actor_profile` → `ActorProfile`."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def enum_type(enum: type[Enum]) -> Any:
    """The strawberry enum for a vocabulary enum (registered once, under its own name)."""
    if enum not in _ENUMS:
        if hasattr(enum, "__strawberry_definition__") or hasattr(enum, "_enum_definition"):
            _ENUMS[enum] = enum
        else:
            _ENUMS[enum] = strawberry.enum(enum)
    return _ENUMS[enum]


def _strip(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_partial_date(annotation: Any) -> bool:
    for meta in getattr(annotation, "__metadata__", ()):
        schema = getattr(meta, "json_schema", None)
        if isinstance(schema, dict) and schema.get("format") in ("partial-date", "month"):
            return True
    return False


def _scalar_union(members: list[Any]) -> Any:
    """GraphQL has no scalar unions: int | float is Float, anything else mixed is JSON."""
    if set(members) <= {int, float}:
        return float
    return JSON


def output_annotation(annotation: Any, owner: str) -> Any:
    """The strawberry annotation for a pydantic field's annotation."""
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(members) < len(typing.get_args(annotation))
        inner = (
            output_annotation(members[0], owner) if len(members) == 1 else _scalar_union(members)
        )
        return inner | None if optional else inner
    if origin in (list, tuple, set, frozenset, typing.Sequence):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        return list_of(output_annotation(args[0], owner) if args else JSON)
    if origin is typing.Literal:
        return str
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return output_type(annotation, owner)
        if issubclass(annotation, Enum):
            return enum_type(annotation)
        if annotation in (str, int, float, bool):
            return annotation
        if annotation in (datetime.date, datetime.datetime):
            return str
    return JSON


def output_type(model: type[BaseModel], owner: str = "") -> Any:
    """The strawberry type for a catalog result model (made once; names kept unique)."""
    if model in _OUTPUT_TYPES:
        return _OUTPUT_TYPES[model]
    name = model.__name__
    if name in _TYPE_NAMES and _TYPE_NAMES[name] is not model:
        name = f"{pascal(owner)}{name}"
    _TYPE_NAMES[name] = model
    namespace: dict[str, Any] = {"__annotations__": {}}
    for field_name, info in model.model_fields.items():
        namespace["__annotations__"][field_name] = output_annotation(info.annotation, owner)
        namespace[field_name] = strawberry.field(description=info.description)
    cls = type(name, (), namespace)
    doc = (model.__doc__ or "").strip().split("\n\n")[0] or None
    gql = strawberry.type(cls, name=name, description=doc)
    _OUTPUT_TYPES[model] = gql
    return gql


def input_annotation(annotation: Any) -> Any:
    """The strawberry argument annotation for a parameter's annotation."""
    if _is_partial_date(annotation):
        return PartialDate
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = input_annotation(members[0]) if len(members) == 1 else str
        return inner | None
    if origin in (list, tuple, set, frozenset, typing.Sequence):
        args = typing.get_args(annotation)
        return list_of(input_annotation(args[0]) if args else str)
    if origin is typing.Literal:
        return str
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return enum_type(annotation)
        if annotation in (str, int, float, bool):
            return annotation
        if annotation is list:
            return list[str]
        if annotation in (datetime.date, datetime.datetime):
            return PartialDate
    return str
