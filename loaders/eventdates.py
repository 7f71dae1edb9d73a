"""Dates as the event datasets ship them: `31 December 2020`, `2020-12-31`, `16-Feb-21`.

The last is what a spreadsheet makes of a date column when a file passes through it. Two-
digit years are ACLED's own era: `97`–`99` are 1997–1999, everything else 2000–2089.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4}|\d{2})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

DATE_FORMS = "31 December 2020, 2020-12-31 or 16-Feb-21"


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    two = int(text)
    return 1900 + two if two >= 90 else 2000 + two


@lru_cache(maxsize=8192)
def parse_acled_date(text: str) -> str | None:
    """The ISO date `text` denotes, or None when it is no date ACLED writes."""
    text = text.strip()
    try:
        if match := _ISO.match(text):
            year, month, day = (int(g) for g in match.groups())
        elif match := _DAY_MONTH_YEAR.match(text):
            day_text, month_text, year_text = match.groups()
            month = _MONTHS.get(month_text.lower(), 0)
            day, year = int(day_text), _year(year_text)
        elif match := _SLASHED.match(text):
            day, month, year = (int(g) for g in match.groups())
        else:
            return None
        return date(year, month, day).isoformat()
    except ValueError:
        return None
