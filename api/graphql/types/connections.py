"""Relay connections: opaque keyset cursors, page-size caps, `pageInfo` and `totalCount`.

A cursor encodes the sort key of the item it points at (not an offset), so paging on
after an insert neither skips nor repeats an item. Cursors are base64 of a small JSON
list prefixed with the list's kind, so a cursor from one list is refused by another.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import strawberry

from api.graphql.errors import ApiError
from api.graphql.settings import Limits

T = TypeVar("T")


@strawberry.type(description="Where a page sits in its list (Relay).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def encode_cursor(kind: str, key: Sequence[str]) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> list[str]:
    """The key a cursor holds; a malformed cursor or one of another list is an error."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError, ValueError):
        value = None
    if not isinstance(value, list) or not value or value[0] != kind:
        raise ApiError("invalid_cursor", f"not a cursor of this list ({kind}): {cursor!r}")
    return [str(v) for v in value[1:]]


@dataclass(frozen=True)
class PageRequest:
    """Checked Relay arguments: how many, from which end, after/before which key."""

    size: int
    backward: bool
    after: list[str] | None
    before: list[str] | None


def page_request(
    kind: str,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    *,
    default: int,
    maximum: int,
) -> PageRequest:
    if first is not None and last is not None:
        raise ApiError("invalid_parameter", "give first or last, not both", field="first")
    size = first if first is not None else last if last is not None else default
    name = "last" if last is not None else "first"
    if size < 0:
        raise ApiError("invalid_parameter", f"{name} must not be negative", field=name)
    if size > maximum:
        raise ApiError(
            "page_size_exceeded",
            f"{name} is {size}; a page holds at most {maximum}",
            field=name,
            maximum=maximum,
        )
    return PageRequest(
        size=size,
        backward=last is not None,
        after=decode_cursor(kind, after) if after else None,
        before=decode_cursor(kind, before) if before else None,
    )


def requested_page(
    limits: Limits, kind: str, first: int | None, after: str | None, last: int | None,
    before: str | None,
) -> PageRequest:  # fmt: skip
    """The Relay arguments checked against this API's default and largest page size."""
    return page_request(
        kind, first, after, last, before,
        default=limits.default_page_size, maximum=limits.max_page_size,
    )  # fmt: skip


@dataclass(frozen=True)
class SortedPage(Generic[T]):
    """One page of a list sorted in memory: each item with its cursor, and the page's
    `pageInfo` and the list's `totalCount`."""

    items: list[tuple[str, T]]
    page_info: PageInfo
    total_count: int


def page_of_sorted(
    items: Sequence[T], key: Callable[[T], list[str]], kind: str, page: PageRequest
) -> SortedPage[T]:
    """The page of `items` (sorted by `key`) that `page` asks for, with cursors of `kind`."""
    chosen, has_previous, has_next = slice_sorted(items, key, page)
    cursors = [encode_cursor(kind, key(item)) for item in chosen]
    return SortedPage(
        items=list(zip(cursors, chosen, strict=True)),
        page_info=page_info(cursors, has_previous, has_next),
        total_count=len(items),
    )


def slice_sorted(
    items: Sequence[T], key: Callable[[T], list[str]], page: PageRequest
) -> tuple[list[T], bool, bool]:
    """A page of items already sorted by `key`: (page, has_previous, has_next)."""
    start, end = 0, len(items)
    if page.after is not None:
        start = next((i for i, item in enumerate(items) if key(item) > page.after), len(items))
    if page.before is not None:
        end = next((i for i, item in enumerate(items) if key(item) >= page.before), len(items))
    window = list(items[start:end])
    if page.backward:
        chosen = window[max(0, len(window) - page.size) :]
        return chosen, start + len(window) - len(chosen) > 0, end < len(items)
    chosen = window[: page.size]
    return chosen, start > 0, start + len(chosen) < len(items)


def page_info(cursors: Sequence[str], has_previous: bool, has_next: bool) -> PageInfo:
    """The `pageInfo` of a page whose edges have these cursors."""
    return PageInfo(
        has_next_page=has_next,
        has_previous_page=has_previous,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )
