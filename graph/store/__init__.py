"""Graph stores: one protocol, three ways to reach a real engine, chosen by one URL."""

from graph.store.base import (
    ConstraintViolation,
    GraphStore,
    ReadOnlyViolation,
    Record,
    StoreError,
    Transaction,
)
from graph.store.url import DEFAULT_STORE_URL, open_store, parse_store_url

__all__ = [
    "DEFAULT_STORE_URL",
    "ConstraintViolation",
    "GraphStore",
    "ReadOnlyViolation",
    "Record",
    "StoreError",
    "Transaction",
    "open_store",
    "parse_store_url",
]
