"""Every catalog entry as a typed GraphQL field, generated from the entry's own declaration.

`catalog { actorProfile(actorId: "actor:jnim") { … } }` runs the entry `actor_profile`
with the same parameters, the same checks and the same answer as `sahelkg query` and the
Python API: arguments come from the entry's parameters, the result type from its result
model (api.graphql.typegen). The most used entries are also root fields (`influence`,
`activitySeries`, `path`, …) under the names a client developer expects.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from enum import Enum
from typing import Any

import strawberry
from pydantic import BaseModel
from strawberry.types.field import StrawberryField

import api.graphql.types.nodes  # noqa: F401  (reserves the hand-written type names first)
from api.graphql.context import Context
from api.graphql.typegen import input_annotation, list_of, output_type, pascal
from queries.catalog import CatalogQuery, load_catalog

REQUIRED = inspect.Parameter.empty


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def entry_arguments(entry: CatalogQuery[Any, Any]) -> list[tuple[str, Any, Any, str | None]]:
    """(name, annotation, default, description) of each parameter an entry takes."""
    params: Any = entry.params
    arguments: list[tuple[str, Any, Any, str | None]] = []
    if isinstance(params, type) and issubclass(params, BaseModel):
        for name, info in params.model_fields.items():
            annotation = input_annotation(info.annotation)
            if info.is_required():
                arguments.append((name, annotation, REQUIRED, info.description))
            else:
                default = info.get_default(call_default_factory=True)
                if default is None:
                    annotation = annotation | None
                arguments.append((name, annotation, default, info.description))
        return arguments
    for param in params:
        annotation = input_annotation(list if param.type is list else param.type)
        if param.required:
            arguments.append((param.name, annotation, REQUIRED, param.description))
        else:
            if param.default is None:
                annotation = annotation | None
            arguments.append((param.name, annotation, param.default, param.description))
    return arguments


def result_model(entry: CatalogQuery[Any, Any]) -> type[BaseModel]:
    model: type[BaseModel] = entry.result
    return model


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


async def run_entry(
    entry: CatalogQuery[Any, Any], context: Context, values: dict[str, Any]
) -> Sequence[Any]:
    """Run an entry with arguments as GraphQL gave them (enums as their values; arguments
    left out or null take the entry's defaults)."""
    plain = {k: _plain(v) for k, v in values.items() if v is not strawberry.UNSET and v is not None}
    return await entry.execute(context.store, plain)


def catalog_field(entry: CatalogQuery[Any, Any], field_name: str | None = None) -> StrawberryField:
    """A field running `entry`, its arguments and result type taken from the entry."""
    arguments = entry_arguments(entry)
    result = list_of(output_type(result_model(entry), entry.name))

    async def resolve(root: Any, info: strawberry.Info[Context, None], **values: Any) -> Any:
        return await run_entry(entry, info.context, values)

    parameters = [
        inspect.Parameter("root", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        inspect.Parameter(
            "info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=strawberry.Info
        ),
    ]
    for name, annotation, default, _ in arguments:
        parameters.append(
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
            )
        )
    resolve.__signature__ = inspect.Signature(parameters, return_annotation=result)  # type: ignore[attr-defined]
    resolve.__name__ = entry.name
    resolve.__annotations__ = {"return": result}
    described = {name: text for name, _, _, text in arguments if text}
    field: StrawberryField = strawberry.field(
        resolver=resolve, name=field_name or camel(entry.name), description=entry.description
    )
    for argument in field.arguments:
        argument.description = described.get(argument.python_name)
    return field


def build_catalog_type() -> type:
    """`Catalog`: one field per catalog entry, in name order."""
    namespace: dict[str, Any] = {"__annotations__": {}}
    for name, entry in sorted(load_catalog().items()):
        namespace[name] = catalog_field(entry)
    cls = type("Catalog", (), namespace)
    return strawberry.type(
        cls,
        description="Every entry of the query catalog (`sahelkg queries`), as typed fields "
        "with the entry's own parameters and results.",
    )


Catalog = build_catalog_type()

ROOT_ALIASES: dict[str, str] = {
    "actor_profile": "actorProfile",
    "alliance_members": "allianceMembers",
    "alliance_timeline": "allianceTimeline",
    "common_allies": "commonAllies",
    "common_enemies": "commonEnemies",
    "shortest_path": "path",
    "k_shortest_paths": "paths",
    "influence": "influence",
    "influence_change": "influenceChange",
    "whatif": "whatIf",
    "activity_series": "activitySeries",
    "hotspots": "hotspots",
    "communities": "communities",
    "brokers": "brokers",
    "actor_footprint": "footprint",
    "actor_spread": "spread",
    "neighbour_exposure": "neighbourExposure",
}
"""Catalog entries that are also root fields, under a client's names."""


def build_catalog_query() -> type:
    catalog = load_catalog()
    namespace: dict[str, Any] = {"__annotations__": {}}

    def root_catalog() -> Catalog:  # type: ignore[valid-type]
        return Catalog()  # type: ignore[no-any-return]

    namespace["catalog"] = strawberry.field(
        resolver=root_catalog, description="The whole query catalog, one field per entry."
    )
    for entry_name, field_name in ROOT_ALIASES.items():
        if entry_name in catalog:
            namespace[entry_name] = catalog_field(catalog[entry_name], field_name)
    return strawberry.type(type("CatalogQuery", (), namespace))


CatalogRootQuery = build_catalog_query()
__all__ = ["Catalog", "CatalogRootQuery", "pascal"]
