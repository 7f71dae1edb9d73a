"""Directions of change stated without numbers: "activity increased in A, B and C but
decreased in D", "violence rose in Sahel while it fell in Est", "little activity in …".

They are recorded as a direction (increased, decreased, stable, low), never turned into
a number. Each place takes the direction of the nearest cue before it in its clause (or,
failing that, the first cue after it: "Activity in Tillabéri rose"). Forecasts are left
to the assessments, and statements about another period ("over the past year") to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.vocab import Direction
from loaders.newsletter.calendar import find_dates
from loaders.newsletter.comparisons import comparison_spans
from loaders.newsletter.cues import OTHER_PERIOD, is_forward_looking
from loaders.newsletter.document import Analysed
from loaders.newsletter.names import UnknownName
from loaders.newsletter.numbers import NUMBER_PATTERN
from loaders.newsletter.places import Place, PlaceContext, place_of

_AFTER_VERB = (
    r"(?=\s*(?:[.,;:)]|$|\s(?:in|across|throughout|by|during|over|compared|from|to|significantly"
    r"|sharply|slightly|markedly|considerably|dramatically|substantially|again|further|somewhat|for"
    r"|notably|while|but|and|whereas|since|after|at|on|among|overall|this|last|month)\b))"
)
_CUES: tuple[tuple[Direction, re.Pattern[str]], ...] = (
    (Direction.LOW, re.compile(
        r"(?i)\b(?:(?:little|limited|minimal|low|no\s+significant|no\s+notable|no\s+major)\s+"
        r"(?:levels?\s+of\s+)?(?:\w+\s+)?(?:activity|violence|incidents)"
        r"|(?:remained|was|were|stayed)\s+(?:relatively\s+|largely\s+|mostly\s+)?(?:calm|quiet))")),
    (Direction.STABLE, re.compile(
        r"(?i)\b(?:(?:remained|was|were|stayed|held)\s+(?:broadly\s+|largely\s+|relatively\s+)?"
        r"(?:stable|steady|consistent|unchanged|constant|flat|level)|no\s+(?:significant\s+)?change)")),
    (Direction.INCREASED, re.compile(
        r"(?i)\b(?:(?:increased|rose|grew|surged|intensified|escalated|spiked|climbed|jumped|soared"
        rf"|went\s+up|picked\s+up|(?:was|were)\s+up|up(?=\s+by\s)){_AFTER_VERB}"
        r"|an?\s+(?:\w+\s+)?(?:increase|rise|surge|uptick|escalation|upturn)(?:\s+(?:in|of)\b|(?=\s*(?:[.;)]|$))))")),
    (Direction.DECREASED, re.compile(
        r"(?i)\b(?:(?:decreased|declined|fell|dropped|eased|diminished|subsided|slowed|receded"
        rf"|went\s+down|(?:was|were)\s+down|down(?=\s+by\s)){_AFTER_VERB}"
        r"|an?\s+(?:\w+\s+)?(?:decrease|decline|drop|reduction|fall|downturn|lull)(?:\s+(?:in|of)\b|(?=\s*(?:[.;)]|$))))")),
)  # fmt: skip
_SUBJECT = re.compile(
    r"(?i)\b(?:(?P<mod>jihadist|militant|insurgent|terrorist|security|violent|armed\s+group)\s+)?"
    r"(?P<noun>activity|activities|violence|attacks|incidents|insecurity|operations)\b"
)
_TO_NUMBER = re.compile(rf"\s+to\s+(?:{NUMBER_PATTERN})")
""""fell to 14 incidents" states a number: the count carries it, not a direction."""
_CLAUSE_BREAK = re.compile(
    r"(?i);|\s(?:but|while|whereas)\s|,\s*(?:and\s+)?(?:while|whereas|but|as)\s"
)


@dataclass(frozen=True)
class Change:
    """A stated direction of change for one place and month."""

    analysed: Analysed
    start: int
    end: int
    direction: Direction
    metric: str
    month: str
    place: Place
    magnitude: str | None = None  # "by 40%", "by half", "sharply": relative, never a count


_SIZE = (
    r"(?:(?:around|about|some|nearly|almost|roughly|over|more\s+than|at\s+least)\s+)?"
    r"(?:\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)|half|a\s+third|a\s+quarter|two[-\s]thirds"
    r"|three[-\s]quarters|a\s+fifth|a\s+tenth)"
)
_ADVERB = (
    r"sharply|slightly|significantly|markedly|considerably|dramatically|substantially|somewhat"
)
_MAGNITUDE_AFTER = re.compile(
    rf"(?i)^\s*(?:(?P<adverb>{_ADVERB})\b)?(?:\s*,?\s*(?P<by>by\s+{_SIZE}))?"
)
_MAGNITUDE_IN = re.compile(rf"(?i)^an?\s+(?P<size>{_SIZE}|slight|sharp|significant|marked|dramatic"
                           rf"|substantial|small|large|modest)\s")  # fmt: skip


def magnitude_of(work: str, start: int, end: int) -> str | None:
    """How much, as written, for the cue at work[start:end]: "by 40%", "sharply", "a third"."""
    inside = _MAGNITUDE_IN.match(work[start:end])
    if inside is not None:
        return inside.group("size")
    after = _MAGNITUDE_AFTER.match(work[end:])
    if after is None:
        return None
    parts = [p for p in (after.group("adverb"), after.group("by")) if p]
    return " ".join(parts) or None


def _metric(text: str) -> str:
    m = _SUBJECT.search(text)
    if m is None:
        return "activity"
    noun = {"activities": "activity", "incidents": "security_incidents"}.get(m.group("noun").lower(),
                                                                           m.group("noun").lower())  # fmt: skip
    modifier = (m.group("mod") or "").lower().replace(" ", "_")
    if (
        noun == "security_incidents"
        or not modifier
        or (modifier == "security" and noun != "operations")
    ):
        return noun
    return f"{modifier}_{noun}"


def has_change_cue(text: str) -> bool:
    """True when a text states a direction of change."""
    return any(pattern.search(text) for _, pattern in _CUES)


def is_other_period(analysed: Analysed) -> bool:
    """True for a sentence about a period other than the reporting month."""
    return bool(OTHER_PERIOD.search(analysed.work))


def find_changes(
    analysed: Analysed, period: str, unknown: list[UnknownName], context: PlaceContext | None = None
) -> tuple[list[Change], list[str]]:
    """Directions of change in one sentence, and names of places it could not resolve.

    A direction whose clause names no place ("Nigerien army operations fell by half") is
    the paragraph's or the heading's place, from `context`.
    """
    work, base = analysed.work, analysed.start
    if analysed.sentence.heading or is_forward_looking(work) or is_other_period(analysed):
        return [], []
    cues = sorted(
        (
            (m.start(), m.end(), direction)
            for direction, pattern in _CUES
            for m in pattern.finditer(work)
            if not _TO_NUMBER.match(work, m.end())
        ),
    )
    if not cues:
        return [], []
    compared = comparison_spans(work)
    dates = [
        d for d in find_dates(work, period, base)
        if d.precision == "month" and not any(s < d.end - base and d.start - base < e for s, e in compared)
    ]  # fmt: skip
    month = dates[0].date if dates else period
    breaks = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(work)), len(work)]
    places = [
        (m.start - base, m.end - base, pid, m) for m in analysed.mentions if (pid := place_of(m))
    ]
    if any(not p[2].startswith("country:") for p in places):
        places = [p for p in places if not p[2].startswith("country:")]
    metric = _metric(work[: cues[0][0]] or work)
    changes: list[Change] = []
    for start, end, pid, mention in places:
        direction = _direction_for(start, cues, breaks)
        if direction is not None:
            changes.append(Change(analysed, base + start, base + end, direction[2], metric, month,
                                  Place(pid, mention=mention),
                                  magnitude_of(work, direction[0], direction[1])))  # fmt: skip
    fallback = context.fallback() if context is not None else None
    placed = {_direction_for(p[0], cues, breaks) for p in places}
    if fallback is not None and fallback.id and not any(u.guess == "place" for u in unknown):
        for cue in cues:
            if cue not in placed and not any(_clause_of(p[0], breaks) == _clause_of(cue[0], breaks)
                                              for p in places):  # fmt: skip
                changes.append(Change(analysed, base + cue[0], base + cue[1], cue[2], metric, month,
                                      fallback, magnitude_of(work, cue[0], cue[1])))  # fmt: skip
                break
    unresolved = [
        u.name for u in unknown
        if u.guess == "place" and _direction_for(u.start - base, cues, breaks) is not None
    ]  # fmt: skip
    return changes, unresolved


def _clause_of(position: int, breaks: list[int]) -> int:
    return max(b for b in breaks if b <= position)


def _direction_for(
    position: int, cues: list[tuple[int, int, Direction]], breaks: list[int]
) -> tuple[int, int, Direction] | None:
    lo = max(b for b in breaks if b <= position)
    hi = min(b for b in breaks if b > position)
    inside = [c for c in cues if lo <= c[0] < hi]
    before = [c for c in inside if c[1] <= position]
    if before:
        return before[-1]
    after = [c for c in inside if c[0] > position]
    return after[0] if after else None
