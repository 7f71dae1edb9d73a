"""ISO-8601 date strings: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

Dates are stored as strings because strings compare and sort the same way on FalkorDB and
Neo4j, and because sources often give only a month. `2023-06` sorts before `2023-06-01`,
so "as of" comparisons use the padded bounds below.
"""

from __future__ import annotations

import re
from datetime import date

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_date(value: str) -> str:
    """Return `value` if it is a real calendar date at year, month or day precision."""
    match = _PARTIAL.match(value)
    if not match:
        raise ValueError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date: {exc}") from None
    return value


def check_month(value: str) -> str:
    """Return `value` if it is exactly `YYYY-MM`."""
    check_date(value)
    if len(value) != 7:
        raise ValueError(f"{value!r} is not a month (YYYY-MM)")
    return value


def month_of(value: str) -> str:
    """`2023-06-18` → `2023-06`."""
    return check_date(value)[:7]


def shift_month(month: str, delta: int) -> str:
    """`shift_month("2023-01", -1)` → `2022-12`."""
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def start_bound(value: str) -> str:
    """The earliest full date a partial date can mean: `2023-06` → `2023-06-01`."""
    parts = check_date(value).split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def end_bound(value: str) -> str:
    """The latest full date a partial date can mean: `2023-06` → `2023-06-31` (sorts last)."""
    parts = check_date(value).split("-")
    return "-".join(parts + ["12", "31"][len(parts) - 1 :])
