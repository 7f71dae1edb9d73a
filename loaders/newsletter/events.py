"""Dated developments: "terminated MINUSMA's mandate effective 30 June", "withdraw all
personnel by 31 December", "On 16 September, Mali, Niger, and Burkina Faso signed the
Liptako-Gourma Charter", "the mid-June fall-out", "the offensive launched … at the end of
September", "in 2015 signed the Algiers Peace Accord".

A date becomes an event when a word naming a kind of development (mandate, withdrawal,
charter, siege, offensive, …) sits in the same clause; the nearest such word gives the
kind. A sentence reporting a development without a date ("remained under siege",
"continued their retreat") is dated to the reporting month, unless it is a forecast or
about another time ("one year after the withdrawal of French forces").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from graph.vocab import EventKind
from loaders.newsletter.calendar import DateMention, find_dates
from loaders.newsletter.comparisons import comparison_spans
from loaders.newsletter.cues import OTHER_PERIOD, is_forward_looking
from loaders.newsletter.document import Analysed

_KIND_CUES: tuple[tuple[EventKind, str], ...] = (
    (EventKind.MANDATE_END, r"mandate"),
    (EventKind.WITHDRAWAL, r"withdr[ae]w\w*|withdrawal|retreat\w*|pull(?:ed|ing)?\s+out|pull-?out|departure"
                           r"|left\s+(?:its|their)\s+(?:last\s+)?(?:camps?|bases?|positions?)"
                           r"|(?:troops|forces|soldiers|contingents?|personnel|peacekeepers)\b[^.;]{0,40}?"
                           r"\b(?:left|leave|leaving|quit)"),
    (EventKind.BASE_HANDOVER, r"hand(?:ed|s|ing)?\s+over|handover|occupy\s+(?:the\s+)?(?:positions|bases?|camps?)"
                              r"|took\s+over\s+(?:the\s+)?(?:positions|bases?|camps?)"),
    (EventKind.TREATY, r"charter|treaty|accord|agreement|pact|signed|signing"),
    (EventKind.REFERENDUM, r"referendum"),
    (EventKind.COUP, r"coup|putsch|seized\s+power|overthr[eo]w\w*|ousted|detained\s+(?:President|the\s+president)"),
    (EventKind.OFFENSIVE, r"offensive|seized\s+control|seized|captured|took\s+control|overran|occupied"
                          r"|recaptured|retook"),
    (EventKind.SIEGE, r"siege|besieg\w+|encircle\w*"),
    (EventKind.BLOCKADE, r"blockade\w*"),
    (EventKind.ATTACK_CAMPAIGN, r"(?:series|wave|spate|string)\s+of\s+(?:\w+\s+){0,3}attacks|attack(?:ed|s)?"
                                r"|ambush(?:ed|es)?|raid(?:ed|s)?|assault(?:ed|s)?|bombing|massacre|IEDs?"
                                r"|inflicted\s+(?:heavy\s+)?losses|suicide\s+attack\w*|gunmen\s+killed"),
    (EventKind.RIFT, r"fall-?out|falling-?out|rift|split|mutiny|rebellion"),
    (EventKind.DIPLOMATIC, r"talks|summit|negotiations?|visit(?:ed)?|expell?\w*|sanctions|suspend\w*"
                           r"|agreed|cooperation|met\s+in|ordered|clos(?:ed|ing|ure)\s+(?:of\s+)?(?:the\s+)?"
                           r"(?:country's\s+)?(?:airspace|borders?)|ended"),
    (EventKind.STATEMENT, r"declar\w+|announc\w+|statement|speech|addressed|said|acknowledged|hailed|blamed"),
    (EventKind.OTHER, r"rebell\w*|uprising|election|elections|mobili[sz]ation|state\s+of\s+emergency|curfew"
                      r"|fled|displaced|displacement|evacuated|evacuation|named|appointed|extended"),
)  # fmt: skip
_CUE_PATTERNS = tuple((kind, re.compile(rf"(?i)\b(?:{cue})\b")) for kind, cue in _KIND_CUES)
_UNDATED = re.compile(
    r"(?i)\b(?:under\s+siege|besieged|blockade[ds]?|(?:launched|began|started)\s+(?:an?\s+|its\s+|the\s+)?"
    r"(?:\w+\s+)?offensive|offensive\s+launched|coup|withdrew|continued\s+(?:its|their)\s+(?:retreat|withdrawal)"
    r"|pulled\s+out|handed\s+over|occupy\s+(?:the\s+)?positions|took\s+over|(?:series|wave|spate|string)\s+of"
    r"\s+(?:\w+\s+){0,3}attacks|signed|declared|announced|seized|captured|occupied|evacuated|fled"
    r"|blockaded|expelled|suspended|closing|closed|named|appointed|blamed|acknowledged|said\s+that"
    r"|left\s+(?:its|their)\s+(?:camps?|bases?))\b"
)
_CONJUNCTION = re.compile(r"(?i)\s(?:and|but|while|whereas)\s")
_PUNCTUATION = re.compile(r";|,\s")
_BOUNDARY = re.compile(r"(?i);|,\s|—|\s–\s|\(|\)|\s(?:that|which|who|when|where)\s")


@dataclass(frozen=True)
class DatedEvent:
    """A development, its kind, the clause that states it and the date the text gives."""

    analysed: Analysed
    kind: EventKind
    clause_start: int  # absolute
    clause_end: int
    date: str
    end_date: str | None
    date_phrase: str | None  # None when the reporting month was assumed
    precision: str
    cue_start: int  # absolute offset of the word that names the event
    date_derived: str | None = None  # "2 days after 2023-07-26"

    @property
    def clause(self) -> str:
        base = self.analysed.start
        return self.analysed.sentence.text[self.clause_start - base : self.clause_end - base]


def _clauses(work: str, dates: list[DateMention], base: int) -> list[tuple[int, int]]:
    """One clause per date: split at the first conjunction after each date but the last."""
    bounds = [0]
    for here, following in itertools.pairwise(dates):
        commas = list(_PUNCTUATION.finditer(work, here.end - base, following.start - base))
        gap = (
            commas[-1]
            if commas
            else _CONJUNCTION.search(work, here.end - base, following.start - base)
        )
        bounds.append(gap.start() if gap else here.end - base)
    bounds.append(len(work))
    return list(itertools.pairwise(bounds))


def _kind_near(work: str, lo: int, hi: int, anchor: int) -> tuple[EventKind, int, int] | None:
    """The kind named nearest `anchor` between `lo` and `hi`, and where its word is."""
    best: tuple[int, EventKind, int, int] | None = None
    for kind, pattern in _CUE_PATTERNS:
        for m in pattern.finditer(work, lo, hi):
            distance = min(abs(m.start() - anchor), abs(m.end() - anchor))
            if best is None or distance < best[0]:
                best = (distance, kind, m.start(), m.end())
    return best[1:] if best else None


def _in_name_list(work: str, boundary: re.Match[str]) -> bool:
    """A comma between capitalised names ("Burkina Faso, Mali and Niger") splits no clause."""
    if not boundary.group().startswith(","):
        return False
    previous = work[: boundary.start()].split()
    return (
        bool(previous)
        and previous[-1][:1].isupper()
        and work[boundary.end() : boundary.end() + 1].isupper()
    )


def _narrow(work: str, lo: int, hi: int, first: int, last: int) -> tuple[int, int]:
    """The part of a clause around its date and kind word, between commas or "that"/"which"."""
    starts = [m.end() for m in _BOUNDARY.finditer(work, lo, first) if not _in_name_list(work, m)]
    ends = [m.start() for m in _BOUNDARY.finditer(work, last, hi) if not _in_name_list(work, m)]
    return (starts[-1] if starts else lo), (ends[0] if ends else hi)


_STRONG = frozenset(EventKind) - {
    EventKind.ATTACK_CAMPAIGN,
    EventKind.STATEMENT,
    EventKind.DIPLOMATIC,
    EventKind.OTHER,
}
_SERIES = re.compile(r"(?i)\b(?:series|wave|spate|string)\s+of\s+(?:\w+\s+){0,3}attacks")
_UNDATED_DISTANCE = 60


def find_events(analysed: Analysed, period: str, anchor: str | None = None) -> list[DatedEvent]:
    """The dated (or month-of-report) developments one sentence states.

    `anchor` is the last day-precision date before the sentence ("two days later").
    """
    if analysed.sentence.heading:
        return []
    work, base = analysed.work, analysed.start
    compared = comparison_spans(work)
    dates = [d for d in find_dates(work, period, base, anchor)
             if not any(s < d.end - base and d.start - base < e for s, e in compared)]  # fmt: skip
    events: list[DatedEvent] = []
    for date, (lo, hi) in zip(dates, _clauses(work, dates, base), strict=False):
        found = _kind_near(work, lo, hi, date.start - base)
        if found is None:
            continue
        kind, cue_start, cue_end = found
        bare_month = date.precision == "month" and date.part is None
        if bare_month and kind not in _STRONG and not _SERIES.search(work, lo, hi):
            continue
        start, end = _narrow(
            work, lo, hi, min(cue_start, date.start - base), max(cue_end, date.end - base)
        )
        events.append(DatedEvent(analysed, kind, base + _trim_start(work, start), base + end, date.date,
                                 date.end_date, date.phrase, date.precision, base + cue_start,
                                 date.derived))  # fmt: skip
    undated = _undated(analysed, dates, period)
    return events + ([undated] if undated else [])


def _undated(analysed: Analysed, dates: list[DateMention], period: str) -> DatedEvent | None:
    """A development stated without a date, far from any date in its sentence."""
    work, base = analysed.work, analysed.start
    if is_forward_looking(work) or OTHER_PERIOD.search(work):
        return None
    cue = _UNDATED.search(work)
    if cue is None or any(
        min(abs(cue.start() - (d.end - base)), abs(d.start - base - cue.end())) < _UNDATED_DISTANCE
        for d in dates
    ):
        return None
    found = _kind_near(work, cue.start(), cue.end(), cue.start())
    kind = found[0] if found else EventKind.OTHER
    return DatedEvent(analysed, kind, base, base + len(work), period, None, None, "month",
                      base + cue.start())  # fmt: skip


def _trim_start(work: str, lo: int) -> int:
    lead = re.match(r"[\s,;]*(?:(?:and|but|while|whereas)\s+)?", work[lo:])
    return lo + (lead.end() if lead else 0)
