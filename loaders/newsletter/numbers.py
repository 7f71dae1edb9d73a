"""Numbers as newsletters write them: digits (`37`, `1,200`) and words (`six`, `forty-two`).

Counts in prose are mostly spelled out under ten and in digits above, so both must parse;
every number keeps its span so a value in the draft can be traced to the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
_BELOW_100 = rf"(?:(?:{_TEN})(?:[-\s](?:{_UNIT}))?|{_UNIT})"
_WORDS = rf"(?:(?:(?:a|one|{_UNIT})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?)|{_BELOW_100})"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)"

NUMBER_PATTERN = rf"(?:(?<![\w.,]){_DIGITS}(?![\w%]|[.,]\d)|\b{_WORDS}\b)"
"""A regex fragment matching one number, for use inside larger patterns."""

_NUMBER = re.compile(NUMBER_PATTERN, re.IGNORECASE)


@dataclass(frozen=True)
class NumberSpan:
    """A number found in the text, with its value and where it was written."""

    start: int
    end: int
    value: int
    raw: str


def parse_number(raw: str) -> int:
    """`"1,200"` → 1200, `"forty-two"` → 42, `"a hundred and six"` → 106."""
    text = raw.strip().lower()
    if text[:1].isdigit():
        return int(text.replace(",", ""))
    total = 0
    for word in re.split(r"[\s-]+", text):
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in UNITS:
            total += UNITS[word]
        elif word in TENS:
            total += TENS[word]
        elif word not in {"a", "and"}:
            raise ValueError(f"not a number: {raw!r}")
    return total


def find_numbers(text: str, offset: int = 0) -> list[NumberSpan]:
    """Every number in `text`, offsets shifted by `offset`."""
    return [
        NumberSpan(m.start() + offset, m.end() + offset, parse_number(m.group()), m.group())
        for m in _NUMBER.finditer(text)
    ]
