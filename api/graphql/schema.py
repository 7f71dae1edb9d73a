"""The schema: the domain modules' root fields composed into one, with the limits on.

The schema's shape does not depend on settings (the committed SDL is one file); limits,
introspection and masking do, so `build_schema(settings)` makes one per app.
"""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from api.graphql.catalog_fields import CatalogRootQuery
from api.graphql.exports import ExportQuery
from api.graphql.limits import CostLimiter
from api.graphql.mutations import HistoryQuery, Mutation
from api.graphql.query import NodeQuery
from api.graphql.scalars import SCALARS
from api.graphql.settings import ApiSettings
from api.graphql.types.nodes import NODE_TYPES
from api.graphql.types.subgraph import SubgraphQuery

Query = merge_types(
    "Query", (NodeQuery, SubgraphQuery, HistoryQuery, CatalogRootQuery, ExportQuery)
)


def build_schema(settings: ApiSettings | None = None) -> strawberry.Schema:
    """The schema with this process's limits, caches, masking and introspection setting."""
    settings = settings or ApiSettings()
    limits = settings.limits
    # Fresh extensions per request; the parser and validation caches are shared LRUs.
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        lambda: QueryDepthLimiter(max_depth=limits.max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=limits.max_aliases),
        lambda: CostLimiter(limits),
    ]
    if not settings.introspection:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=list(NODE_TYPES),
        extensions=extensions,
        config=StrawberryConfig(
            disable_field_suggestions=not settings.introspection,
            batching_config={"max_operations": limits.max_batch},
            scalar_map=SCALARS,
        ),
    )


def sdl() -> str:
    """The schema definition language text committed at api/graphql/schema.graphql."""
    return build_schema(ApiSettings(dev=True)).as_str() + "\n"
