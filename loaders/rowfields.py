"""Checks for single CSV fields, shared by the event parsers: each failure names the field."""

from __future__ import annotations

import re

from loaders.eventdates import DATE_FORMS, parse_acled_date

INT64_MAX = 2**63 - 1
"""The largest integer both stores hold; larger ones are rejected, never clamped."""

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


class RowError(ValueError):
    """One field of one row is wrong; the loader rejects the row with this reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def parse_count(value: str, field: str) -> int | None:
    """A non-negative whole number (`3`, `3.0`), or None when empty."""
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        try:
            as_float = float(value)
        except ValueError:
            raise RowError(field, f"{value!r} is not a number") from None
        if not as_float.is_integer():
            raise RowError(field, f"{value!r} is not a whole number") from None
        number = int(as_float)
    if number < 0:
        raise RowError(field, f"{value!r} is negative")
    if number > INT64_MAX:
        raise RowError(field, f"{value[:40]!r} is out of range (at most {INT64_MAX})")
    return number


def parse_coordinate(value: str, field: str, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180), or None when empty."""
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise RowError(field, f"{value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise RowError(field, f"{value!r} is out of range (-{limit:g} to {limit:g})")
    return number


def parse_iso_date(value: str, field: str, required: bool = True) -> str | None:
    """`2018-01-11 00:00:00.000` (UCDP) or any ACLED date form → `2018-01-11`."""
    value = value.strip()
    if not value:
        if required:
            raise RowError(field, "is empty")
        return None
    text = value[:10] if _ISO_DATETIME.match(value) else value
    parsed = parse_acled_date(text)
    if parsed is None:
        raise RowError(field, f"{value!r} is not a date (2018-01-11 00:00:00.000, {DATE_FORMS})")
    return parsed
