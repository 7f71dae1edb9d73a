"""Every catalog entry through GraphQL gives exactly the catalog's own answer.

For each entry: the GraphQL field `catalog { entryName(...) }` with every result field
selected (the selection is derived from the entry's result model), compared with the
entry called directly in Python with the same parameters on the same store.
"""

from __future__ import annotations

import typing
from enum import Enum
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
)
from pydantic import BaseModel

from api.graphql.catalog_fields import camel, result_model
from api.graphql.schema import build_schema
from api.graphql.settings import ApiSettings
from queries.catalog import load_catalog
from tests.api.graphql.conftest import Api
from tests.conftest import ENGINES
from tests.queries.test_catalog_entries import SAMPLES as ENTRY_SAMPLES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # every test here runs on embedded FalkorDB and on Neo4j

CATALOG = load_catalog()
SAMPLES: dict[str, dict[str, Any]] = {
    **ENTRY_SAMPLES,
    "affiliation_chain": {"actor_id": "actor:katiba-macina"},
    "alliance_status": {},
    "assessments_about": {"node_id": "actor:jnim"},
    "events_between": {},
    "operations": {},
    "regions_bordering": {"country_ids": ["country:sen"]},
    "region_changes": {"country": "MLI"},
    "reported_counts": {"metric": "security_incidents"},
}
GRAPHQL_SCHEMA: GraphQLSchema = build_schema(ApiSettings(dev=True))._schema


async def test_every_entry_is_a_field_and_has_a_sample() -> None:
    fields = catalog_type().fields
    assert set(fields) == {camel(name) for name in CATALOG}
    assert set(SAMPLES) == set(CATALOG)


def catalog_type() -> GraphQLObjectType:
    found = GRAPHQL_SCHEMA.type_map["Catalog"]
    assert isinstance(found, GraphQLObjectType)
    return found


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def selection(model: type[BaseModel]) -> str:
    """Every field of a result model, nested models expanded."""
    parts = []
    for name, info in model.model_fields.items():
        nested = _models(info.annotation)
        parts.append(camel(name) + (f" {{ {selection(nested[0])} }}" if nested else ""))
    return " ".join(parts)


def as_graphql(value: Any) -> Any:
    """A catalog result as GraphQL serialises it: camelCase keys, enum names, floats."""
    if isinstance(value, BaseModel):
        return {camel(k): as_graphql(getattr(value, k)) for k in type(value).model_fields}
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, (list, tuple)):
        return [as_graphql(v) for v in value]
    return value


def _named(type_: Any) -> Any:
    while isinstance(type_, (GraphQLNonNull, GraphQLList)):
        type_ = type_.of_type
    return type_


def variables_for(name: str, sample: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """Variable definitions, arguments and values for a sample call (enums by name)."""
    field = catalog_type().fields[camel(name)]
    definitions, arguments, values = [], [], {}
    for key, value in sample.items():
        argument = field.args[camel(key)]
        named = _named(argument.type)
        if isinstance(named, GraphQLEnumType):
            value = next(
                n for n, v in named.values.items() if getattr(v.value, "value", v.value) == value
            )
        if isinstance(_unwrap_null(argument.type), GraphQLList) and isinstance(value, str):
            value = [value]
        definitions.append(f"${camel(key)}: {argument.type}")
        arguments.append(f"{camel(key)}: ${camel(key)}")
        values[camel(key)] = value
    return ", ".join(definitions), ", ".join(arguments), values


def _unwrap_null(type_: Any) -> Any:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


@pytest.mark.parametrize("name", sorted(SAMPLES))
async def test_field_answers_as_the_catalog_does(api: Api, name: str) -> None:
    entry = CATALOG[name]
    definitions, arguments, values = variables_for(name, SAMPLES[name])
    head = f"query({definitions})" if definitions else "query"
    call = f"{camel(name)}({arguments})" if arguments else camel(name)
    query = f"{head} {{ catalog {{ {call} {{ {selection(result_model(entry))} }} }} }}"
    data = await api.data(query, values)
    expected = await entry.execute(api.store, SAMPLES[name])
    assert data["catalog"][camel(name)] == as_graphql(expected)
