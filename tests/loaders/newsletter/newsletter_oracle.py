"""An independent check that a draft invents no number: every value must be written in the
text (as digits or as English words), unless it is marked derived and its phrase is there.

Deliberately separate from the extractor's own number parser, so a parser bug cannot
hide behind itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

_SMALL = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spelled(value: int) -> set[str]:
    if value < 20:
        return {_SMALL[value]}
    if value < 100:
        tens, unit = _TENS[value // 10 - 2], value % 10
        return {tens} if unit == 0 else {f"{tens}-{_SMALL[unit]}", f"{tens} {_SMALL[unit]}"}
    return set()


def written(value: int, text: str) -> bool:
    """Whether `value` is written in `text`, as digits (1,200 or 1200) or in words."""
    digits = {int(d.replace(",", "")) for d in re.findall(r"(?<![\d.])\d[\d,]*(?![\d.]\d)", text)}
    lowered = text.lower()
    return value in digits or any(re.search(rf"\b{w}\b", lowered) for w in _spelled(value))


def _counted(record: dict[str, Any], key: str, text: str) -> bool:
    """A date counted from a written one: 'Dated by "Two days later" (2 days after 2023-07-26)'."""
    m = re.search(r'Dated by "([^"]+)" \((\d+) days? (after|before) (\d{4}-\d{2}-\d{2})\)',
                  str(record.get("description", "")))  # fmt: skip
    if key != "date" or m is None or m.group(1) not in text:
        return False
    anchor = date.fromisoformat(m.group(4))
    shift = timedelta(days=int(m.group(2)) * (1 if m.group(3) == "after" else -1))
    return written(anchor.day, text) and str(record["date"]) == (anchor + shift).isoformat()


def invented_numbers(draft: Mapping[str, Any], text: str) -> list[str]:
    """Every number in the draft's facts that the text does not write (empty when honest)."""
    problems = []
    for record in draft.get("activity_reports", []):
        if record.get("value") is None:
            continue
        if record.get("qualifier") == "derived":
            if record.get("derived_from", "\0") not in text:
                problems.append(f"{record['id']}: derived_from not in the text")
        elif not written(record["value"], text):
            problems.append(f"{record['id']}: value {record['value']}")
    for record in draft.get("operations", []):
        if record.get("arrests") is not None and not written(record["arrests"], text):
            problems.append(f"{record['id']}: arrests {record['arrests']}")
    for record in draft.get("events", []):
        for key in ("date", "end_date"):
            day = str(record.get(key) or "")[8:]
            if day and not written(int(day), text) and not _counted(record, key, text):
                problems.append(f"{record['id']}: {key} day {day}")
    return problems
