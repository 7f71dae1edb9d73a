"""The schema: the domain modules' root fields composed into one, with the limits on.

The schema's shape does not depend on settings (the committed SDL is one file); limits,
introspection and masking do, so `build_schema(settings)` makes one per app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import strawberry
from graphql import GraphQLError
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
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

from api.graphql.catalog_fields import CatalogRootQuery
from api.graphql.context import Context
from api.graphql.exports import ExportQuery
from api.graphql.limits import CostLimiter, expected
from api.graphql.mutations import HistoryQuery, Mutation
from api.graphql.query import NodeQuery
from api.graphql.scalars import SCALARS
from api.graphql.settings import ApiSettings
from api.graphql.types.nodes import NODE_TYPES
from api.graphql.types.subgraph import SubgraphQuery

Query = merge_types(
    "Query", (NodeQuery, SubgraphQuery, HistoryQuery, CatalogRootQuery, ExportQuery)
)


class SahelSchema(strawberry.Schema):
    """Logs only unexpected errors (with their traceback); client mistakes are not logged."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        unexpected = [error for error in errors if not expected(error)]
        if unexpected:
            super().process_errors(unexpected, execution_context)


class RecordOperationType(SchemaExtension):
    """Notes on the request's context which kind of operation ran (queries alone may be
    answered again from the response cache)."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and isinstance(context.context, Context):
            context.context.extra["operation_type"] = context.operation_type
        yield


def ran_query_only(context: Context) -> bool:
    return context.extra.get("operation_type") is OperationType.QUERY


def build_schema(settings: ApiSettings | None = None) -> strawberry.Schema:
    """The schema with this process's limits, caches, masking and introspection setting."""
    settings = settings or ApiSettings()
    limits = settings.limits
    # Validation rules are made once: the validation cache is keyed by the rule classes, so
    # rules made per request (as QueryDepthLimiter does) would never hit it.
    rules = [
        *QueryDepthLimiter(max_depth=limits.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules,
    ]
    if not settings.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    # Fresh extension objects per request; the parser and validation caches are shared LRUs.
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: ParserCache(maxsize=512),
        lambda: MaxTokensLimiter(max_token_count=limits.max_tokens),
        lambda: AddValidationRules(rules),
        lambda: ValidationCache(maxsize=512),
        lambda: CostLimiter(limits),
        RecordOperationType,
    ]
    return SahelSchema(
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
