"""Dates as newsletters write them, resolved against the reporting period.

"On 16 September", "effective 30 June", "by 31 December", "September 16, 2023",
"12-14 October", "mid-June", "at the end of September", "in 2015". A month without a
year takes the year that puts it nearest the reporting period (a January report's
"December" is the December before; ties keep the period's year), so a June 2023
report's "31 December" is 2023-12-31. Month names must be capitalised: "may" is a verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from graph.dates import check_date, shift_month

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = [name.capitalize() for name in list(MONTHS)[:12]]
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
"""A regex fragment for one capitalised month name, full or abbreviated ("12 Oct", "Nov. 3")."""

_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+((?:19|20)\d{2})\b)?"
_PART = (
    r"(mid|early|late|the\s+end\s+of|end\s+of|the\s+start\s+of|start\s+of|the\s+beginning\s+of|"
    r"beginning\s+of|the\s+middle\s+of|the\s+(?:first|second|third|last)\s+(?:week|half)\s+of)"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range", re.compile(rf"\b{_DAY}\s*(?:-|–|—|to|and)\s*{_DAY}\s+(?:of\s+)?({MONTH_PATTERN}){_YEAR}")),
    ("iso", re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?({MONTH_PATTERN}){_YEAR}")),
    ("month_day", re.compile(rf"\b({MONTH_PATTERN})\s+{_DAY}(?![\d,]\d)(?:,\s*((?:19|20)\d{{2}})\b)?")),
    ("part", re.compile(rf"\b(?i:{_PART})[\s-]+({MONTH_PATTERN})(?:\s+((?:19|20)\d{{2}})\b)?")),
    ("month_year", re.compile(rf"\b({MONTH_PATTERN}),?\s+((?:19|20)\d{{2}})\b")),
    ("month", re.compile(rf"\b(?i:in|during|throughout|since|until|by|from|of|over)\s+(?:early\s+|late\s+)?({MONTH_PATTERN})\b(?!\s+\d)")),
    ("year", re.compile(r"\b(?i:in|since|by|until|from|of)\s+((?:19|20)\d{2})\b(?!-)")),
)  # fmt: skip


_COUNT_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_AFTER_ANCHOR = re.compile(
    r"(?i)\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?|weeks?)\s+"
    r"(later|after(?:wards)?|earlier|before)\b(?!\s+(?:the|a|an|its|their)\b)"
    r"|\bthe\s+(next|following|previous)\s+day\b|\bthe\s+day\s+(before|after)\b"
)
_IN_PERIOD = re.compile(
    r"(?i)\b(?:(?:last|this|that|the\s+same)\s+week|earlier\s+(?:this|in\s+the)\s+month"
    r"|later\s+(?:this|in\s+the)\s+month|(?:at\s+)?the\s+(?:start|end|beginning)\s+of\s+the\s+month"
    r"|this\s+month|(?:over|during)\s+the\s+month|in\s+recent\s+days)\b"
)
_NEAR = 25
_LAST_MONTH = re.compile(r"(?i)\blast\s+month\b")


@dataclass(frozen=True)
class DateMention:
    """A date written in the text: its span, the ISO date it means, and how precise it is."""

    start: int
    end: int
    phrase: str
    date: str
    end_date: str | None
    precision: str  # day | month | year
    part: str | None = None  # mid, late, the end of, … for month-precision phrases
    derived: str | None = None  # "2 days after 2023-07-26" for a date counted from another


def month_number(name: str) -> int:
    """`"Sept."` → 9."""
    return MONTHS[name.rstrip(".").lower()]


def resolve_month(month: int, period: str) -> str:
    """The `YYYY-MM` of a month named without a year, nearest the period `YYYY-MM`."""
    year, current = int(period[:4]), int(period[5:7])
    best = min(
        (year - 1, year, year + 1),
        key=lambda y: (abs((y * 12 + month) - (year * 12 + current)), y != year),
    )
    return f"{best:04d}-{month:02d}"


def _month_iso(name: str, year: str | None, period: str) -> str:
    number = month_number(name)
    return f"{int(year):04d}-{number:02d}" if year else resolve_month(number, period)


def _day_iso(day: str, month_iso: str) -> str | None:
    try:
        return check_date(f"{month_iso}-{int(day):02d}")
    except ValueError:
        return None


def _read(
    kind: str, m: re.Match[str], period: str
) -> tuple[str, str | None, str, str | None] | None:
    """(date, end_date, precision, part) for one match, or None if it is no real date."""
    g = m.groups()
    if kind == "range":
        month = _month_iso(g[2], g[3], period)
        first, last = _day_iso(g[0], month), _day_iso(g[1], month)
        return (first, last, "day", None) if first and last and first <= last else None
    if kind == "iso":
        iso = f"{g[0]}-{g[1]}-{g[2]}"
        return (iso, None, "day", None) if _valid(iso) else None
    if kind == "day_month":
        day = _day_iso(g[0], _month_iso(g[1], g[2], period))
        return (day, None, "day", None) if day else None
    if kind == "month_day":
        day = _day_iso(g[1], _month_iso(g[0], g[2], period))
        return (day, None, "day", None) if day else None
    if kind == "part":
        return _month_iso(g[1], g[2], period), None, "month", re.sub(r"\s+", " ", g[0].lower())
    if kind == "month_year":
        return _month_iso(g[0], g[1], period), None, "month", None
    if kind == "month":
        return _month_iso(g[0], None, period), None, "month", None
    return g[0], None, "year", None


def _valid(iso: str) -> bool:
    try:
        check_date(iso)
    except ValueError:
        return False
    return True


def _relative(
    text: str, period: str, anchor: str | None
) -> list[tuple[int, int, str, str, str | None, str | None]]:
    """(start, end, date, precision, part) for dates relative to the last date or the period.

    "Two days later" needs `anchor` (the last day-precision date before it); "last week" or
    "earlier in the month" is the reporting month; "last month" the month before it.
    """
    found: list[tuple[int, int, str, str, str | None, str | None]] = []
    if anchor is not None and len(anchor) == 10:
        for m in _AFTER_ANCHOR.finditer(text):
            if m.group(1):
                amount = _COUNT_WORDS.get(m.group(1).lower()) or int(m.group(1))
                days = amount * (7 if m.group(2).lower().startswith("week") else 1)
                sign = -1 if m.group(3).lower() in ("earlier", "before") else 1
            else:
                days, sign = (
                    1,
                    -1 if (m.group(4) or m.group(5)).lower() in ("previous", "before") else 1,
                )
            day = date.fromisoformat(anchor) + timedelta(days=sign * days)
            how = (
                f"{days} day{'s' if days > 1 else ''} {'before' if sign < 0 else 'after'} {anchor}"
            )
            found.append((m.start(), m.end(), day.isoformat(), "day", None, how))
    for m in _IN_PERIOD.finditer(text):
        found.append((m.start(), m.end(), period, "month", "relative", None))
    for m in _LAST_MONTH.finditer(text):
        found.append((m.start(), m.end(), shift_month(period, -1), "month", "relative", None))
    return found


def find_dates(
    text: str, period: str, offset: int = 0, anchor: str | None = None
) -> list[DateMention]:
    """Every date in `text` (the first, most specific reading wins where readings overlap).

    `anchor` is the last day-precision date written before `text`, for "two days later".
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if kind in ("month", "year"):
                span = (m.start(m.lastindex or 1), m.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            reading = _read(kind, m, period)
            if reading is None:
                continue
            taken.append(span)
            date, end_date, precision, part = reading
            phrase = text[span[0] : span[1]]
            found.append(
                DateMention(
                    span[0] + offset, span[1] + offset, phrase, date, end_date, precision, part
                )
            )
    explicit = [(d.start - offset, d.end - offset) for d in found if d.precision != "year"]
    for start, end, day, precision, part, how in _relative(text, period, anchor):
        if any(s - _NEAR < end and start < e + _NEAR for s, e in explicit):
            continue  # "Three days later, on 28 Jan": the written date says it
        found.append(
            DateMention(
                start + offset, end + offset, text[start:end], day, None, precision, part, how
            )
        )
    return sorted(found, key=lambda d: d.start)
