"""Request limits beyond what strawberry ships: the cost of a query from its page sizes,
and stable error codes (and masking) for every error a response carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    value_from_ast_untyped,
)
from graphql.execution import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from api.graphql.errors import MASKED_MESSAGE, ApiError
from api.graphql.settings import Limits

PAGE_ARGUMENTS = ("first", "last", "k", "limit", "maxEdges")


def _argument(node: ValueNode, variables: dict[str, Any]) -> Any:
    if isinstance(node, VariableNode):
        return variables.get(node.name.value)
    return value_from_ast_untyped(node, variables)


class CostEstimator:
    """Estimated objects a query returns: each field counts once per parent object, and a
    list field multiplies its children by its page size (given, or the default)."""

    def __init__(
        self,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        limits: Limits,
    ) -> None:
        self.fragments = fragments
        self.variables = variables
        self.limits = limits

    def _fields(self, selection_set: SelectionSetNode, seen: frozenset[str]) -> Iterator[FieldNode]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self._fields(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    yield from self._fields(fragment.selection_set, seen | {name})

    def cost(self, selection_set: SelectionSetNode | None, multiplier: int) -> int:
        if selection_set is None:
            return 0
        total = 0
        for field in self._fields(selection_set, frozenset()):
            total += multiplier
            page = 1
            for argument in field.arguments or ():
                if argument.name.value in PAGE_ARGUMENTS:
                    value = _argument(argument.value, self.variables)
                    if isinstance(value, int):
                        page = max(page, value)
            child = field.selection_set
            if (
                page == 1
                and child is not None
                and any(f.name.value == "edges" for f in self._fields(child, frozenset()))
            ):
                page = self.limits.default_page_size
            total += self.cost(child, multiplier * page) if child else 0
        return total


class CostLimiter(SchemaExtension):
    """Refuses, before running it, an operation whose estimated cost is over the limit."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
            estimator = CostEstimator(fragments, context.variables or {}, self.limits)
            for definition in document.definitions:
                if not isinstance(definition, OperationDefinitionNode):
                    continue
                name = definition.name.value if definition.name else None
                if context.operation_name and name != context.operation_name:
                    continue
                cost = estimator.cost(definition.selection_set, 1)
                if cost > self.limits.max_cost:
                    context.result = GraphQLExecutionResult(
                        data=None,
                        errors=[
                            GraphQLError(
                                f"query cost {cost} is over the limit of {self.limits.max_cost} "
                                "(cost counts every object a query may return; ask for smaller pages)",
                                extensions={"code": "cost_exceeded", "cost": cost,
                                            "maximum": self.limits.max_cost},
                            )
                        ],
                    )  # fmt: skip
        yield


VALIDATION_CODES: tuple[tuple[str, str], ...] = (
    ("exceeds maximum operation depth", "depth_exceeded"),
    ("aliases found", "aliases_exceeded"),
    ("tokens. Parsing aborted", "tokens_exceeded"),
    ("introspection", "introspection_disabled"),
    ("Syntax Error", "syntax_error"),
)


def error_code(error: GraphQLError) -> str:
    """The stable code for an error (the catalog's, the API's, or a validation kind)."""
    original = error.original_error
    code = getattr(original, "code", None)
    if isinstance(code, str):
        return code
    if isinstance(original, ApiError):
        return str(original.extensions["code"])
    if isinstance(original, (ValueError, GraphQLError)):
        return "invalid_parameter"
    if isinstance(original, TimeoutError):
        return "timeout"
    if error.extensions and "code" in error.extensions:
        return str(error.extensions["code"])
    if original is None:
        for fragment, name in VALIDATION_CODES:
            if fragment.lower() in error.message.lower():
                return name
        return "invalid_query"
    return "internal_error"


def expected(error: GraphQLError) -> bool:
    """Errors a client caused and can fix: shown as they are; others are masked."""
    original = error.original_error
    return (
        original is None
        or isinstance(original, (ApiError, ValueError, TimeoutError, GraphQLError))
        or (isinstance(getattr(original, "code", None), str))
    )


def present_errors(errors: list[GraphQLError], debug: bool) -> list[GraphQLError]:
    """Errors as clients see them: `extensions.code` on each, unexpected ones masked."""
    presented = []
    for error in errors:
        extensions = dict(error.extensions or {})
        original = error.original_error
        if isinstance(original, ApiError):
            extensions.update(original.extensions)
        field = getattr(original, "field", None)
        if isinstance(field, str):
            extensions.setdefault("field", field)
        extensions["code"] = error_code(error)
        message = error.message
        if not debug and not expected(error):
            message, extensions = MASKED_MESSAGE, {"code": "internal_error"}
        presented.append(
            GraphQLError(message, nodes=error.nodes, path=error.path, extensions=extensions)
        )
    return presented
