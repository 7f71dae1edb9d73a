"""Security operations as Operation nodes: who conducted them, where, when, with what arrests.

Two shapes: a counted one ("Security and defense forces conducted at least two operations
against jihadists, resulting in at least nine arrests": the count's place, actor and the
sentence's arrests), and a named one without a count ("FAMa and Wagner conducted joint
operations in central Mopti, central Segou, and northern Koulikoro in June": every actor
before the verb conducted it, every place after it is where).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders.newsletter.calendar import find_dates
from loaders.newsletter.counts import Count
from loaders.newsletter.cues import is_forward_looking
from loaders.newsletter.document import Analysed
from loaders.newsletter.places import place_of

_CONDUCTED = re.compile(
    r"(?i)\b(?:conducted|carried\s+out|launched|led|mounted|undertook|staged)\s+(?:\w+\s+){0,2}?"
    r"(?P<joint>joint\s+)?(?:[\w-]+\s+)?operations?\b"
)
_AGAINST = re.compile(r"(?i)\bagainst\s+(?:the\s+)?$")
_DIRECTIONAL = re.compile(
    r"(?i)\b(?:north|south|east|west|northern|southern|eastern|western|central|northeastern"
    r"|northwestern|southeastern|southwestern)\s+$"
)


@dataclass(frozen=True)
class OperationFact:
    """An operation (or a month's operations) as the text states it."""

    analysed: Analysed
    date: str
    conducted_by: list[str]
    targeted: list[str]
    regions: list[str]
    area: str | None
    joint: bool
    arrests: int | None = None
    arrests_qualifier: str | None = None
    counted: Count | None = None
    unresolved: list[str] = field(default_factory=list)


def _targets(analysed: Analysed) -> list[str]:
    base = analysed.start
    return list(dict.fromkeys(
        aid for m, aid in analysed.mentions_of("actor") if _AGAINST.search(analysed.work[: m.start - base])
    ))  # fmt: skip


def operations_from_counts(counts: Sequence[Count]) -> list[OperationFact]:
    """One operation per counted "N operations", with the same sentence's arrests."""
    facts = []
    for count in counts:
        if count.metric != "operations":
            continue
        arrests = next((c for c in counts if c.metric == "arrests" and c.analysed is count.analysed
                        and c.month == count.month), None)  # fmt: skip
        regions = [count.place.id] if count.place and count.place.id else []
        unresolved = [count.place.unknown] if count.place and count.place.unknown else []
        facts.append(OperationFact(
            count.analysed, count.month, [count.actor] if count.actor else [], _targets(count.analysed),
            regions, None, False, arrests.value if arrests else None,
            arrests.qualifier if arrests else None, count, unresolved,
        ))  # fmt: skip
    return facts


def find_named_operation(analysed: Analysed, period: str, counted: bool) -> OperationFact | None:
    """An operation stated without a count: actors before "conducted … operations", places after."""
    if analysed.sentence.heading or counted or is_forward_looking(analysed.work):
        return None
    work, base = analysed.work, analysed.start
    verb = _CONDUCTED.search(work)
    if verb is None:
        return None
    conductors = [aid for m, aid in analysed.mentions_of("actor") if m.end - base <= verb.start()]
    if not conductors:
        return None
    places = [
        (m, pid) for m in analysed.mentions if (pid := place_of(m)) and m.start - base >= verb.end()
    ]
    regions = list(dict.fromkeys(pid for _, pid in places))
    phrases = []
    for mention, _ in places:
        directional = _DIRECTIONAL.search(work[: mention.start - base])
        phrases.append((directional.group() if directional else "") + mention.text)
    area = (
        "; ".join(phrases)
        if any(_DIRECTIONAL.search(work[: m.start - base]) for m, _ in places)
        else None
    )
    dates = [d for d in find_dates(work, period, base) if d.precision != "year"]
    date = dates[0].date if dates else period
    joint = bool(verb.group("joint")) or len(set(conductors)) > 1
    return OperationFact(
        analysed, date, list(dict.fromkeys(conductors)), _targets(analysed), regions, area, joint
    )
