"""Metric phrases: a number and the thing it counts ("37 security incidents", "seven
attacks", "at least nine arrests", "14 suspects" after "arrested", "27" after "Jihadist
attacks … numbered").

Only the phrase is recognised here, with the metric name it maps to (snake_case, as
data/FORMAT.md lists them: `security_incidents`, `attacks`, `jihadist_attacks`,
`operations`, `arrests`, `deaths`, …); where, when and by whom is counts.py's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.newsletter.document import Analysed
from loaders.newsletter.gazetteer import Mention
from loaders.newsletter.normalize import Token, word_set
from loaders.newsletter.numbers import NumberSpan
from loaders.newsletter.places import place_of

_HEADS: dict[tuple[str, ...], str] = {
    **{(w,): "incidents" for w in ("incidents", "incident")},
    **{(w,): "events" for w in ("events", "event")},
    **{(w,): "attacks" for w in ("attacks", "attack")},
    **{(w,): "ambushes" for w in ("ambushes", "ambush")},
    **{(w,): "operations" for w in ("operations", "operation")},
    **{(w,): "arrests" for w in ("arrests", "arrest")},
    **{(w,): "deaths" for w in ("deaths", "death", "fatalities", "fatality")},
    **{(w,): "kidnappings" for w in ("kidnappings", "kidnapping", "abductions", "abduction")},
    **{(w,): "clashes" for w in ("clashes", "clash")},
    **{(w,): "airstrikes" for w in ("airstrikes", "airstrike")},
    **{(a, b): "airstrikes" for a in ("air", "drone") for b in ("strikes", "strike")},
    ("ieds",): "ied_incidents",
    **{("ied", b): "ied_incidents" for b in ("attacks", "detonations", "explosions", "incidents")},
}
_DEFAULT_METRIC = {"incidents": "security_incidents"}
_CATEGORY = word_set("security jihadist violent terrorist militant insurgent armed extremist")
_CATEGORISED = frozenset({"incidents", "attacks", "events"})
_PERSONS = word_set(
    "people persons individuals civilians soldiers suspects fighters militants troops villagers"
)
_PERSON_VERBS = {"killed": "deaths", "arrested": "arrests", "detained": "arrests",
                 "kidnapped": "kidnappings", "abducted": "kidnappings"}  # fmt: skip
_VERBS_BEFORE = re.compile(
    r"\b(?P<verb>arrested|detained|apprehended|killing|killed|kidnapped|abducted|kidnapping)\s+"
    r"(?:(?:at\s+least|more\s+than|over|some|about|around|nearly)\s+)?$",
    re.I,
)
_VERB_METRIC = {"arrested": "arrests", "detained": "arrests", "apprehended": "arrests",
                "killing": "deaths", "killed": "deaths", "kidnapped": "kidnappings",
                "abducted": "kidnappings", "kidnapping": "kidnappings"}  # fmt: skip
_TOTAL_VERBS = re.compile(
    r"\b(?:numbered|totall?ed|reached|stood\s+at|rose\s+to|fell\s+to|increased\s+to|decreased\s+to"
    r"|climbed\s+to|dropped\s+to|declined\s+to|amounted\s+to|came\s+to)\s+"
    r"(?:(?:at\s+least|more\s+than|over|some|about|around|nearly)\s+)?$",
    re.I,
)
_SLOT_STOP = word_set("""than more fewer less of in on at to from per percent times year years month months day
    days week weeks and or but the a an was were is are had has have which who that with by for
    as such including other""")
_IN_PLACE = re.compile(r"\s+in\s+(?:the\s+)?")


@dataclass(frozen=True)
class MetricPhrase:
    """A number, the metric it counts, and an actor named inside the phrase ("12 JNIM attacks")."""

    number: NumberSpan
    end: int  # local end of the metric phrase
    metric: str
    actor: str | None


def _following(tokens: Sequence[Token], after: int, work: str, base: int) -> list[Token]:
    """Tokens right after a local offset, stopping at any punctuation but a hyphen."""
    out: list[Token] = []
    edge = after
    for token in tokens:
        if token.start - base < after:
            continue
        if work[edge : token.start - base].strip(" -"):
            break
        out.append(token)
        edge = token.end - base
        if len(out) == 6:
            break
    return out


def _head(tokens: Sequence[Token], mentions: Sequence[Mention]) -> tuple[int, int, str] | None:
    """(slot length, head length, head) when tokens read `[adjectives] metric-noun`."""
    actor_tokens = {t.start for t in tokens for m in mentions
                    if m.first("actor") and m.start <= t.start < m.end}  # fmt: skip
    for slot in range(0, min(4, len(tokens))):
        word = tokens[slot - 1] if slot else None
        if word and (
            word.key in _SLOT_STOP or (word.capitalised and word.start not in actor_tokens)
        ):
            return None
        for size in (2, 1):
            key = tuple(t.key for t in tokens[slot : slot + size])
            if len(key) == size and key in _HEADS:
                return slot, size, _HEADS[key]
        rest = [t.key for t in tokens[slot : slot + 3]]
        if rest and rest[0] in _PERSONS:
            verb = (
                rest[2]
                if rest[1:2] == ["were"] and len(rest) > 2
                else (rest[1] if len(rest) > 1 else "")
            )
            if verb in _PERSON_VERBS:
                metric = _PERSON_VERBS[verb]
                if rest[0] == "civilians" and metric == "deaths":
                    metric = "civilian_deaths"
                return slot, 3 if rest[1:2] == ["were"] else 2, metric
    return None


def _metric(head: str, slot: Sequence[Token]) -> str:
    modifiers = [t.key for t in slot if t.key in _CATEGORY]
    if head in _CATEGORISED and modifiers:
        return f"{modifiers[-1]}_{head}"
    if head == "deaths" and any(t.key in {"civilian", "civilians"} for t in slot):
        return "civilian_deaths"
    return _DEFAULT_METRIC.get(head, head)


def _slot_actor(slot: Sequence[Token], mentions: Sequence[Mention]) -> str | None:
    for token in slot:
        for mention in mentions:
            entity = mention.first("actor")
            if entity and mention.start <= token.start < mention.end:
                return entity.id
    return None


def metric_phrases(analysed: Analysed, numbers: Sequence[NumberSpan]) -> list[MetricPhrase]:
    """The numbers that count something, in order; a bare "20 in Koulikoro" after a count
    takes that count's metric."""
    work, base = analysed.work, analysed.start
    found: list[MetricPhrase] = []
    for number in numbers:
        following = _following(analysed.tokens, number.end, work, base)
        head = _head(following, analysed.mentions)
        if head is not None:
            slot_len, size, noun = head
            slot = following[:slot_len]
            end = following[slot_len + size - 1].end - base
            found.append(
                MetricPhrase(number, end, _metric(noun, slot), _slot_actor(slot, analysed.mentions))
            )
            continue
        before = work[: number.start]
        verb = _VERBS_BEFORE.search(before)
        if verb:
            found.append(
                MetricPhrase(number, number.end, _VERB_METRIC[verb.group("verb").lower()], None)
            )
            continue
        total = _TOTAL_VERBS.search(before)
        named = _noun_before(analysed, total.start() if total else -1)
        if total and named:
            found.append(MetricPhrase(number, number.end, named, None))
            continue
        in_place = _IN_PLACE.match(work, number.end)
        if (
            found
            and in_place is not None
            and any(m.start - base == in_place.end() and place_of(m) for m in analysed.mentions)
        ):
            found.append(MetricPhrase(number, number.end, found[-1].metric, None))
    return found


def _noun_before(analysed: Analysed, verb_start: int) -> str | None:
    """The metric named before "numbered"/"totalled" in the same clause."""
    if verb_start < 0:
        return None
    clause_start = max(analysed.work.rfind(c, 0, verb_start) for c in ";:,") + 1
    base = analysed.start
    tokens = [t for t in analysed.tokens if clause_start <= t.start - base < verb_start]
    for i in range(len(tokens)):
        for size in (2, 1):
            key = tuple(t.key for t in tokens[i : i + size])
            if len(key) == size and key in _HEADS:
                return _metric(_HEADS[key], tokens[:i])
    return None
