"""Catalog errors as the command line shows them: one line, and an exit code per error code.

Exit codes are stable so scripts can tell "you asked wrongly" from "the store is down":
1 other failures, 2 invalid parameter (as click's own usage errors), 3 not found,
4 too expensive, 5 store unavailable, 6 timeout.
"""

from __future__ import annotations

from queries.errors import CatalogError

EXIT_CODES: dict[str, int] = {
    "invalid_parameter": 2,
    "not_found": 3,
    "too_expensive": 4,
    "store_unavailable": 5,
    "timeout": 6,
}


def _as_catalog_error(error: BaseException) -> BaseException:
    """A store failure outside a catalog query (opening the store) is the catalog's too."""
    from graph.store.base import ReadOnlyViolation, StoreError
    from queries.catalog import store_failure

    if isinstance(error, StoreError) and not isinstance(error, ReadOnlyViolation):
        return store_failure(error)
    return error


def exit_code(error: BaseException) -> int:
    """The exit code for `error` (1 for anything that is not a catalog error)."""
    error = _as_catalog_error(error)
    return EXIT_CODES.get(error.code, 1) if isinstance(error, CatalogError) else 1


def message(error: BaseException) -> str:
    """`error: not_found: no actor with id actor:x` — the code first, for scripts and people."""
    error = _as_catalog_error(error)
    if isinstance(error, CatalogError):
        return f"error: {error.code}: {error.message}"
    return f"error: {error}"
