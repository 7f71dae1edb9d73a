"""Counts from a table: "| Region | Feb 2024 | Jan 2024 |" then "| Sahel | 64 | 41 |".

Newsletters put their monthly figures per region in a small table. Each row is read as
one sentence (so every count still cites the line it came from): the header row gives
each column's month (and, through words like "incidents" or "attacks", what is counted;
else the section heading does), every later row gives a place and one count per month
column. A row whose first cell is no place the knowledge base knows is listed for review
like any other count without a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.newsletter.calendar import MONTH_PATTERN, month_number, resolve_month
from loaders.newsletter.counts import Count, qualifier_before
from loaders.newsletter.document import Analysed
from loaders.newsletter.numbers import find_numbers
from loaders.newsletter.places import Place, place_of

_CELL = re.compile(r"[^|]+")
_RULE = re.compile(r"^[\s|:\-–—]+$")
_MONTH = re.compile(rf"\b({MONTH_PATTERN})(?:\s+((?:19|20)\d{{2}}))?")
_METRICS = (
    (re.compile(r"(?i)\battacks?\b"), "attacks"),
    (re.compile(r"(?i)\b(?:deaths|fatalities|killed)\b"), "deaths"),
    (re.compile(r"(?i)\barrests?\b"), "arrests"),
    (re.compile(r"(?i)\bincidents?\b"), "security_incidents"),
)


@dataclass
class TableReader:
    """Reads table rows in document order, remembering the header of the current table."""

    period: str
    months: dict[int, str] = field(default_factory=dict)
    metric: str = "security_incidents"
    in_table: bool = False

    def read(self, analysed: Analysed) -> list[Count] | None:
        """The row's counts; None when the sentence is no table row (the caller reads prose)."""
        work = analysed.work
        if not work.lstrip().startswith("|"):
            self.in_table = False
            return None
        if _RULE.match(work):
            return []
        cells = [(m.start(), m.end()) for m in _CELL.finditer(work) if m.group().strip()]
        if not self.in_table:
            self._header(analysed, cells)
            return []
        return self._row(analysed, cells)

    def _header(self, analysed: Analysed, cells: list[tuple[int, int]]) -> None:
        self.in_table = True
        self.months = {}
        heading = analysed.sentence.section or ""
        self.metric = _metric(analysed.work) or _metric(heading) or "security_incidents"
        for column, (start, end) in enumerate(cells):
            m = _MONTH.search(analysed.work, start, end)
            if m is not None:
                number = month_number(m.group(1))
                year = m.group(2)
                self.months[column] = (
                    f"{int(year):04d}-{number:02d}" if year else resolve_month(number, self.period)
                )

    def _row(self, analysed: Analysed, cells: list[tuple[int, int]]) -> list[Count]:
        if not cells:
            return []
        base = analysed.start
        first = cells[0]
        places = [(m, pid) for m in analysed.mentions
                  if (pid := place_of(m)) and first[0] <= m.start - base < first[1]]  # fmt: skip
        if places:
            place = Place(places[0][1], mention=places[0][0])
        else:
            place = Place(None, unknown=analysed.work[first[0] : first[1]].strip())
        counts = []
        for column, (start, end) in enumerate(cells):
            month = self.months.get(column)
            numbers = find_numbers(analysed.work[start:end], start)
            if month is None or len(numbers) != 1:
                continue
            number = numbers[0]
            qualifier, hedge = qualifier_before(analysed.work[start : number.start])
            counts.append(Count(analysed, base + number.start, base + number.end, number.value,
                                qualifier, hedge, self.metric, month, place, None, None))  # fmt: skip
        return counts


def _metric(text: str) -> str | None:
    for pattern, metric in _METRICS:
        if pattern.search(text):
            return metric
    return None
