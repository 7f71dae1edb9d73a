"""GraphQL errors with stable codes in `extensions.code`.

The catalog's error hierarchy (queries.errors: not_found, invalid_parameter, too_expensive,
store_unavailable, timeout) keeps its codes; the API adds its own (forbidden,
invalid_cursor, page_size_exceeded, cost_exceeded, persisted_query_not_found). Anything
else is unexpected: outside debug mode its message is masked.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error a client can act on; `code` is stable, the message is for people."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extensions: dict[str, Any] = {"code": code, **details}


def forbidden(action: str, need: str) -> ApiError:
    return ApiError("forbidden", f"{action} needs the {need} role", required_role=need)


MASKED_MESSAGE = "Unexpected error."
