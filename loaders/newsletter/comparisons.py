"""Last month's value from the words a newsletter compares with it.

"six more than in May", "30 fewer than in May", "four fewer than the previous month",
"down 6 from September", "an increase of 7 on October", "(+7 vs October)" give a change,
so last month's value is *derived* (kept with the phrase it came from); "up from 41 in
September", "compared with 31 in October", "(Oct: 55)" state it outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.dates import shift_month
from loaders.newsletter.calendar import resolve_month
from loaders.newsletter.numbers import NUMBER_PATTERN, parse_number

_N = rf"(?P<n>{NUMBER_PATTERN})"
_MONTH_WORD = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)(?:\s+(?:19|20)\d{2})?"
)
_RELATIVE = (
    r"last\s+month|the\s+(?:previous|prior|preceding)\s+month|the\s+month\s+before"
    r"|a\s+month\s+(?:earlier|before)|(?:the\s+)?previous\s+month"
)
_REF = rf"(?:(?:in|during|for|of)\s+)?(?P<ref>{_MONTH_WORD}|{_RELATIVE})"
_AGAINST = r"(?:from|on|compared\s+(?:with|to)|over|since|relative\s+to|vs\.?|versus|against)"
_CHANGE = r"up|down|an?\s+(?:increase|rise|jump|decrease|drop|decline|fall|reduction)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("delta", re.compile(rf"\b{_N}\s+(?P<dir>more|fewer|less|higher|lower)\s+than\s+{_REF}", re.I)),
    ("delta", re.compile(rf"\b(?P<dir>{_CHANGE})\s+(?:by\s+|of\s+)?{_N}\s+{_AGAINST}\s+{_REF}", re.I)),
    ("delta", re.compile(rf"(?P<dir>[+\-−–])\s*{_N}\s+{_AGAINST}\s+{_REF}", re.I)),
    ("value", re.compile(
        rf"\b(?:(?:up|down|rising|falling)\s+)?(?:from|compared\s+(?:with|to)|against|versus|vs\.?)"
        rf"\s+{_N}(?:\s+[a-z-]+){{0,3}}?\s+(?:in|during|for)\s+(?P<ref>{_MONTH_WORD}|{_RELATIVE})",
        re.I)),
    ("value", re.compile(rf"\(\s*(?P<ref>{_MONTH_WORD})\s*[:=]\s*{_N}\s*\)", re.I)),
    ("same", re.compile(
        rf"\b(?:the\s+same\s+(?:number\s+)?as|unchanged\s+from|level\s+with|as\s+many\s+as)\s+{_REF}",
        re.I)),
)  # fmt: skip
_LIKE = re.compile(
    rf"\b(?:(?:just\s+)?(?:like|unlike|as)\s+(?:in|during)\s+|like\s+){_MONTH_WORD}", re.I
)
""""Like in October, …" compares with October: neither a date nor a count of its own."""
_VERSUS = re.compile(
    rf"\b(?:more|fewer|less|higher|lower)\s+than\s+(?:in\s+|during\s+)?(?:{_MONTH_WORD}|{_RELATIVE})"
    rf"|\bcompared\s+(?:with|to)\s+(?:in\s+)?(?:{_MONTH_WORD}|{_RELATIVE})",
    re.I,
)
""""a third fewer than in October", "fell by half compared with July": October is compared with."""
_DOWN = re.compile(
    r"(?i)^(?:fewer|less|lower|down|an?\s+(?:decrease|drop|decline|fall|reduction)|[-−–])"
)
_MONTH_PREFIXES = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


@dataclass(frozen=True)
class Comparison:
    """Last month's value: stated (`derived` False) or computed from a change."""

    month: str
    value: int
    derived: bool
    phrase: str
    start: int  # offsets in the searched text
    end: int


def ref_month(ref: str, month: str, period: str) -> str:
    """`"May"` → `2023-05` (nearest the period), `"the previous month"` → month before `month`."""
    words = ref.split()
    prefix = words[0][:3].lower()
    if prefix in _MONTH_PREFIXES:
        number = _MONTH_PREFIXES.index(prefix) + 1
        return (
            f"{int(words[1]):04d}-{number:02d}" if len(words) > 1 else resolve_month(number, period)
        )
    return shift_month(month, -1)


def _previous(kind: str, m: re.Match[str], value: int) -> tuple[int, bool]:
    if kind == "same":
        return value, True
    number = parse_number(m.group("n"))
    if kind == "value":
        return number, False
    return (value + number if _DOWN.match(m.group("dir")) else value - number), True


def find_comparison(window: str, value: int, month: str, period: str) -> Comparison | None:
    """The first comparison in `window` (the text after a count), or None.

    None also when the arithmetic gives a negative count or the month compared with is
    not before the count's own month: neither can be what the text means.
    """
    found: list[Comparison] = []
    for kind, pattern in _PATTERNS:
        m = pattern.search(window)
        if m is None:
            continue
        previous, derived = _previous(kind, m, value)
        month_before = ref_month(m.group("ref"), month, period)
        if previous >= 0 and month_before < month:
            found.append(Comparison(month_before, previous, derived, m.group(), m.start(), m.end()))
    return min(found, key=lambda c: c.start) if found else None


def comparison_spans(text: str) -> list[tuple[int, int]]:
    """Where comparisons are, so their numbers are not read as counts of their own."""
    spans = [m.span() for _, pattern in _PATTERNS for m in pattern.finditer(text)]
    return spans + [m.span() for pattern in (_LIKE, _VERSUS) for m in pattern.finditer(text)]
