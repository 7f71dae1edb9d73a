"""Counts a newsletter publishes: "37 security incidents in Kayes region in June",
"Katiba Macina … carried out seven attacks", "at least two operations … at least nine
arrests", "Jihadist attacks in Tillabéri numbered 27".

metrics.py finds the number and what it counts; this module attributes it. Its place is
the one named after it, else before it in the sentence, else the paragraph's or the
heading's; its actor is the subject that "carried out"/"conducted" it, or "by X"; its
month is the one named with it, else the reporting month; "at least" and "around" are
kept as the qualifier. Counts in a
sentence about one dated event ("On 2 October … killing 12 soldiers") are details of that
event, not monthly figures, and are left to the analyst.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.newsletter.calendar import DateMention, find_dates
from loaders.newsletter.comparisons import Comparison, comparison_spans, find_comparison
from loaders.newsletter.document import Analysed
from loaders.newsletter.metrics import metric_phrases
from loaders.newsletter.names import UnknownName
from loaders.newsletter.numbers import NUMBER_PATTERN, find_numbers, parse_number
from loaders.newsletter.places import Place, PlaceContext, place_of

_AT_LEAST = re.compile(
    r"(?i)\b(?:at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|more\s+than|over"
    r"|upwards\s+of|in\s+excess\s+of)\s+$"
)
_ROUGHLY = re.compile(
    r"(?i)\b(?:about|around|approximately|roughly|nearly|almost|some|close\s+to|an\s+estimated"
    r"|up\s+to|at\s+most|fewer\s+than|less\s+than|under)\s+$"
)
_ACTION = re.compile(
    r"(?i)\b(?:carried\s+out|conducted|launched|claimed|perpetrated|mounted|staged|committed"
    r"|executed|undertook|led|made|(?:was|were|is|are)\s+responsible\s+for|accounted\s+for)\b"
)
_APPOSITIVE = re.compile(
    r"(?i)(?:part\s+of|affiliated\s+with|affiliate\s+of|member\s+of|linked\s+to|allied\s+with"
    r"|including|such\s+as|branch\s+of|offshoot\s+of|wing\s+of|faction\s+of|against|with)\s+(?:the\s+)?$"
)
_BY_ACTOR = re.compile(
    r"(?i)\b(?:by|attributed\s+to|claimed\s+by|carried\s+out\s+by|perpetrated\s+by|blamed\s+on)\s+(?:the\s+)?$"
)
_CONSEQUENCE = re.compile(
    r"(?i)^[^;]*?,?\s*(?:resulting\s+in|leading\s+to|which\s+(?:led|resulted)\s+(?:to|in)|yielding"
    r"|and\s+made|and\s+carried\s+out|with)\s+(?:(?:at\s+least|more\s+than|over|some|about|around|nearly)\s+)?$"
)


_VICINITY = re.compile(
    r"(?i)\b(?:near|around|outside|close\s+to|(?:north|south|east|west)\s+of"
    r"|(?:post|camp|base|checkpoint|village|town|site|mine)\s+(?:of|at|in))\s+(?:the\s+)?$"
)
""""around Kati": a locality inside the region the paragraph is about, not the count's place."""
_RANGE_BEFORE = re.compile(
    rf"(?i)\bbetween\s+({NUMBER_PATTERN})\s+and\s+$|(?<![\w,])(\d+)\s*(?:-|–|to)\s*$"
)
""""between 20 and 25 incidents", "20-25 incidents": the count is at least the lower bound."""


_ONE_ATTACK = re.compile(
    r"(?i)\b(?:attacked|ambushed|raided|stormed|struck)\s+(?:a|an|the)\b[^.;]*?,\s*"
    r"(?:killing|wounding|leaving)\b"
)
""""ISSP attacked the post at Ayorou, killing six": the toll of one attack, not a monthly count."""


@dataclass(frozen=True)
class Count:
    """One published figure, attributed to a place, perhaps an actor, and a month."""

    analysed: Analysed
    start: int
    end: int
    value: int
    qualifier: str | None  # exact | at_least; None for a hedged figure ("around 40")
    hedge: str | None
    metric: str
    month: str
    place: Place | None
    actor: str | None
    comparison: Comparison | None  # offsets absolute

    @property
    def phrase(self) -> str:
        return self.analysed.work[self.start - self.analysed.start : self.end - self.analysed.start]


def qualifier_before(before: str) -> tuple[str | None, str | None]:
    """("at_least", None) for "at least 9", (None, "about") for "about 40", else ("exact", None)."""
    if m := _AT_LEAST.search(before):
        return "at_least", None
    if m := _ROUGHLY.search(before):
        return None, m.group().strip()
    return "exact", None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _actor(
    analysed: Analysed, number_start: int, clause_start: int, window: str, window_start: int
) -> str | None:
    """The actor that carried out the counted acts: subject + action verb, or "by X"."""
    work, base = analysed.work, analysed.start
    for mention, actor_id in analysed.mentions_of("actor"):
        start, end = mention.start - base, mention.end - base
        if start < clause_start or end > number_start:
            continue
        if _APPOSITIVE.search(work[:start]) or work[:start].rstrip().endswith("("):
            continue
        between = re.sub(r",[^,]*,", " ", work[end:number_start])
        if _ACTION.search(between) and ";" not in between:
            return actor_id
    for mention, actor_id in analysed.mentions_of("actor"):
        start = mention.start - base
        if window_start <= start < window_start + len(window) and _BY_ACTOR.search(
            work[window_start:start]
        ):
            return actor_id
    return None


def _place(
    analysed: Analysed,
    window: tuple[int, int],
    before: tuple[int, int],
    unknown: Sequence[UnknownName],
    context: PlaceContext,
) -> tuple[Place | None, bool]:
    """The count's place and whether the sentence itself named it."""
    base = analysed.start
    places = [(m.start - base, m, pid) for m in analysed.mentions if (pid := place_of(m))]
    local = [p for p in places if not p[2].startswith("country:")]
    for span, reverse in ((window, False), (before, True)):
        inside = [p for p in local if span[0] <= p[0] < span[1]]
        if inside:
            _, mention, pid = inside[-1] if reverse else inside[0]
            return Place(pid, mention=mention), True
    if len({p[2] for p in local}) == 1:
        return Place(local[0][2], mention=local[0][1]), True
    for span in (window, before):
        names = [u for u in unknown if u.guess == "place" and span[0] <= u.start - base < span[1]
                 and not _VICINITY.search(analysed.work[: u.start - base])]  # fmt: skip
        if names:
            return Place(None, unknown=names[0].name), True
    fallback = context.fallback()
    if fallback is not None:
        return fallback, False
    countries = [p for p in places if p[2].startswith("country:")]
    if countries:
        return Place(countries[0][2], mention=countries[0][1]), True
    return None, False


def _month(dates: Sequence[DateMention], lo: int, hi: int, base: int) -> str | None:
    inside = [d for d in dates if lo <= d.start - base < hi and d.precision != "year"]
    return inside[0].date[:7] if inside else None


def find_counts(
    analysed: Analysed, period: str, unknown: Sequence[UnknownName], context: PlaceContext
) -> list[Count]:
    """Every count in one sentence (none in headings or single-event sentences)."""
    if analysed.sentence.heading:
        return []
    work, base = analysed.work, analysed.start
    dates = find_dates(work, period, base)
    if any(d.precision == "day" and d.end_date is None for d in dates) or _ONE_ATTACK.search(work):
        return []
    compared = comparison_spans(work)
    blocked = [(d.start - base, d.end - base) for d in dates] + compared
    dates = [d for d in dates if not _overlaps(d.start - base, d.end - base, compared)]
    numbers = [n for n in find_numbers(work) if not _overlaps(n.start, n.end, blocked)]
    candidates = metric_phrases(analysed, numbers)
    counts: list[Count] = []
    previous_end = 0
    for index, candidate in enumerate(candidates):
        number = candidate.number
        next_start = (
            candidates[index + 1].number.start if index + 1 < len(candidates) else len(work)
        )
        clause_end = work.find(";", candidate.end)
        window_end = min(next_start, clause_end if clause_end >= 0 else len(work))
        window = work[candidate.end : window_end]
        month = _month(dates, candidate.end, window_end, base)
        own_month = month or _month(dates, 0, number.start, base) or period
        comparison = find_comparison(window, number.value, own_month, period)
        near_end = candidate.end + (comparison.start if comparison else len(window))
        clause_start = max(work.rfind(";", 0, number.start) + 1, previous_end)
        place, named = _place(
            analysed, (candidate.end, near_end), (clause_start, number.start), unknown, context
        )
        if place is not None and named and place.id:
            context.note(place)
        qualifier, hedge = qualifier_before(work[: number.start])
        value, start = number.value, number.start
        if ranged := _RANGE_BEFORE.search(work[: number.start]):
            low = parse_number(ranged.group(1) or ranged.group(2))
            if low < number.value:
                value, start, qualifier, hedge = low, ranged.start(), "at_least", None
        actor = candidate.actor or _actor(
            analysed, number.start, clause_start, window, candidate.end
        )
        if actor is None and counts and _CONSEQUENCE.match(work[previous_end : number.start]):
            actor = counts[-1].actor
        if comparison is not None:
            shift = base + candidate.end
            comparison = Comparison(comparison.month, comparison.value, comparison.derived,
                                    comparison.phrase, comparison.start + shift, comparison.end + shift)  # fmt: skip
        counts.append(Count(analysed, base + start, base + candidate.end, value, qualifier,
                            hedge, candidate.metric, own_month, place, actor, comparison))  # fmt: skip
        previous_end = candidate.end
    return counts
