"""The month a newsletter reports on, and the regions it says it covers.

A monthly report names its month over and over ("in June", "during June 2023"), names it
with its year near the top, and names other months mostly in comparisons ("six more than
in May") or forecasts. So the month named most often, counting the masthead's
"Month YYYY" extra and ignoring comparisons, is the reporting month.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from loaders.newsletter.calendar import MONTH_PATTERN, month_number
from loaders.newsletter.document import Analysed, Document

_MONTH = re.compile(rf"\b({MONTH_PATTERN})\b(?:,?\s+((?:19|20)\d{{2}})\b)?")
_COMPARISON_BEFORE = re.compile(
    r"(?i)(?:than(?:\s+in)?|(?:like|unlike|as)\s+in|from|since|compared\s+(?:with|to)|versus|vs\.?|against|previous|last)\s+$"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_MASTHEAD_WEIGHT = 3
_MASTHEAD_SENTENCES = 6


class PeriodNotFound(ValueError):
    """The text does not say which month it reports on."""


@dataclass(frozen=True)
class Period:
    """The reporting month and the sentence that best shows it."""

    month: str
    evidence: Analysed | None


def detect_period(document: Document) -> Period:
    """The reporting month `YYYY-MM`; raises PeriodNotFound when it cannot tell."""
    scores: Counter[int] = Counter()
    years: Counter[int] = Counter()
    first_seen: dict[int, Analysed] = {}
    body = list(document.sentences)
    for position, analysed in enumerate(body):
        for m in _MONTH.finditer(analysed.work):
            if _COMPARISON_BEFORE.search(analysed.work[: m.start()]):
                continue
            number = month_number(m.group(1))
            scores[number] += 1
            first_seen.setdefault(number, analysed)
            if m.group(2):
                years[number * 10000 + int(m.group(2))] += 1
                if position < _MASTHEAD_SENTENCES:
                    scores[number] += _MASTHEAD_WEIGHT
                    first_seen[number] = analysed
    if not scores:
        raise PeriodNotFound("the text names no month; give the period with --period YYYY-MM")
    month = max(scores, key=lambda n: (scores[n], -min(_first(first_seen, n, body), 10**6)))
    paired = [key % 10000 for key in years if key // 10000 == month]
    year = paired[0] if paired else _most_common_year(document)
    if year is None:
        raise PeriodNotFound("the text names no year; give the period with --period YYYY-MM")
    return Period(f"{year:04d}-{month:02d}", first_seen.get(month))


def _first(first_seen: dict[int, Analysed], number: int, body: list[Analysed]) -> int:
    return body.index(first_seen[number])


def _most_common_year(document: Document) -> int | None:
    counts = Counter(int(y) for s in document.sentences for y in _YEAR.findall(s.work))
    return counts.most_common(1)[0][0] if counts else None


def covered_regions(document: Document) -> tuple[list[str], Analysed | None]:
    """Regions the text says it covers: those listed in its first sentence naming several."""
    for analysed in document.sentences:
        if analysed.sentence.heading:
            continue
        regions = list(dict.fromkeys(rid for _, rid in analysed.mentions_of("region")))
        if len(regions) >= 2:
            return regions, analysed
    return [], None
