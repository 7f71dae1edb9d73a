"""The catalog's error hierarchy: stable codes, and store failures mapped onto it."""

from __future__ import annotations

from graph.store.base import StoreError
from queries.catalog import store_failure
from queries.errors import (
    ERROR_CODES,
    CatalogError,
    InvalidParameter,
    NotFound,
    QueryTimeout,
    StoreUnavailable,
    TooExpensive,
    not_found,
)


def test_codes_are_stable() -> None:
    assert ERROR_CODES == (
        "not_found", "invalid_parameter", "too_expensive", "store_unavailable", "timeout"
    )  # fmt: skip
    assert [cls.code for cls in (NotFound, InvalidParameter, TooExpensive)] == list(ERROR_CODES[:3])
    assert all(issubclass(cls, CatalogError) for cls in (StoreUnavailable, QueryTimeout))


def test_not_found_names_the_kind_of_node() -> None:
    assert str(not_found("Actor", "actor:x")) == "no actor with id actor:x"
    assert str(not_found("ActivityReport", "report:x")) == "no activity report with id report:x"
    assert str(not_found("Actor or Alliance", "x:y")) == "no actor or alliance with id x:y"


def test_store_failures_become_catalog_errors() -> None:
    timeout = store_failure(StoreError("FalkorDB: Query timed out"))
    assert isinstance(timeout, QueryTimeout)
    assert str(timeout) == "the store did not answer in time: FalkorDB: Query timed out"
    down = store_failure(StoreError("cannot reach Neo4j at bolt://x:1: refused"))
    assert isinstance(down, StoreUnavailable)
    assert (down.code, str(down)) == (
        "store_unavailable",
        "cannot reach Neo4j at bolt://x:1: refused",
    )
