"""One error hierarchy for everything the catalog can refuse or fail at, with stable codes.

The codes are part of the interface: the CLI maps them to messages and exit codes, the
GraphQL API to `extensions.code`. Messages name what was wrong ("no actor with id …").
"""

from __future__ import annotations

from typing import ClassVar


class CatalogError(Exception):
    """Base of every catalog error; `code` is stable, the message is for people."""

    code: ClassVar[str] = "catalog_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(CatalogError):
    """An id (or a query name) that does not exist."""

    code: ClassVar[str] = "not_found"


class InvalidParameter(CatalogError):
    """A parameter with a wrong type, value or combination; `field` names it."""

    code: ClassVar[str] = "invalid_parameter"


class TooExpensive(CatalogError):
    """The request would cost more than the catalog allows (depth, size, fan-out)."""

    code: ClassVar[str] = "too_expensive"


class StoreUnavailable(CatalogError):
    """The store could not be reached or refused the statement."""

    code: ClassVar[str] = "store_unavailable"


class QueryTimeout(CatalogError):
    """The store did not answer in time."""

    code: ClassVar[str] = "timeout"


ERROR_TYPES: tuple[type[CatalogError], ...] = (
    NotFound,
    InvalidParameter,
    TooExpensive,
    StoreUnavailable,
    QueryTimeout,
)
ERROR_CODES: tuple[str, ...] = tuple(t.code for t in ERROR_TYPES)


def _noun(label: str) -> str:
    """`ActivityReport` → `activity report`."""
    return "".join(f" {c.lower()}" if c.isupper() else c for c in label).strip()


def not_found(label: str, node_id: str) -> NotFound:
    """`no actor with id actor:x` — the one wording for unknown ids (`label` may be
    `Actor or Alliance`)."""
    noun = " or ".join(_noun(part) for part in label.split(" or "))
    return NotFound(f"no {noun} with id {node_id}")
