"""Who did what in an event: the perpetrator, the speaker, the target.

Every actor named in a clause is not a party in the same way: in "JNIM ambushed a FAMa
convoy" JNIM acted and FAMa was hit; in "Russian Foreign Minister Sergey Lavrov said that
Moscow would keep supporting Bamako" the speaker is Russia, and what he said names
others. So an event's actors are, in order of strength:

1. "claimed by X", "carried out by X", "attributed to X" anywhere in the sentence
   (role `perpetrator`);
2. the actors of the clause's subject, before the word that names the event (role
   `participant`; for a statement, `speaker`; a title with a nationality — "Russian
   Foreign Minister" — stands for that country's government or state when the knowledge
   base has it);
3. for a bullet under a header like "JNIM's media arm claimed the following attacks:",
   the header's actor (role `perpetrator`).

Actors after "on", "against" or "targeting" are kept with role `target`. A subject written
as "the junta", "the mission" or "the group" is the last actor of that sort named before.
"""

from __future__ import annotations

import re
from collections import Counter

from graph.ids import slugify
from loaders.newsletter.document import Analysed
from loaders.newsletter.gazetteer import Gazetteer

_BY = re.compile(
    r"(?i)\b(?:claimed\s+by|carried\s+out\s+by|perpetrated\s+by|attributed\s+to|blamed\s+on"
    r"|(?:was|were)\s+(?:\w+\s+)?by|,\s*by)\s+(?:the\s+)?$"
)
_TARGET_BEFORE = re.compile(
    r"(?i)\b(?:on|against|targeting|targeted|at|near|ambushed|attacked|killed|killing|hit|struck"
    r"|raided|besieged|with|of|supporting|from|to|into|and\s+wounding)\s+(?:(?:a|an|the|two|three"
    r"|several|its|their)\s+)?(?:\w+\s+)?$"
)
_NOT_SUBJECT = re.compile(
    r"(?i)\b(?:of|on|against|near|at|to|from|for|with|over|in|under|toward)\s+(?:the\s+)?$"
)
_HEADER = re.compile(r"(?i)\bclaim(?:s|ed)?\b")
_NATIONAL_TITLE = re.compile(
    r"\b(Russian|Malian|Nigerien|Burkinabe|Burkinabè|French|Algerian|Mauritanian|Senegalese"
    r"|Chadian|Nigerian|Ivorian|Guinean|American|Ukrainian|Turkish)\s+(?:(?:Foreign|Defence|Defense"
    r"|Prime|Interior|Deputy)\s+)?(?:Minister|President|Ambassador|Foreign\s+Ministry|Defence\s+Ministry"
    r"|Defense\s+Ministry|government|authorities|spokes(?:man|woman|person)|envoy|leader|junta)\b"
)
_STATES = {
    "russian": "russia", "malian": "mali", "nigerien": "niger", "burkinabe": "burkina-faso",
    "burkinabè": "burkina-faso", "french": "france", "algerian": "algeria",
    "mauritanian": "mauritania", "senegalese": "senegal", "chadian": "chad", "nigerian": "nigeria",
    "ivorian": "cote-d-ivoire", "guinean": "guinea", "american": "united-states",
    "ukrainian": "ukraine", "turkish": "turkey",
}  # fmt: skip

Party = tuple[str, str]  # (actor id, role)
_ANAPHOR = re.compile(
    r"(?i)\bthe\s+(?:(?:transitional|military|interim|new|ruling|UN|peacekeeping|jihadist|armed)\s+)?"
    r"(junta|government|authorities|mission|peacekeepers|army|military|group|movement"
    r"|coalition|militants|jihadists|insurgents)\b"
)
_SORTS = {"junta": "government", "government": "government", "authorities": "government",
          "mission": "mission", "peacekeepers": "mission", "army": "army", "military": "army"}  # fmt: skip


def _sort_of(name: str, actor_id: str) -> str:
    lowered = f"{name} {actor_id}".lower()
    if "government" in lowered or "junta" in lowered:
        return "government"
    if "mission" in lowered or "minusma" in lowered or "peacekeep" in lowered:
        return "mission"
    if "armed forces" in lowered or "army" in lowered or "fama" in lowered:
        return "army"
    return "group"


class RecentActors:
    """The last actor named of each sort, for "the junta", "the mission", "the group".

    "The junta" before any government is named is the government of the country the
    newsletter names most (a Niger brief's junta is Niger's), if the knowledge base has it.
    """

    def __init__(self) -> None:
        self._last: dict[str, str] = {}
        self._countries: Counter[str] = Counter()
        self._governments: dict[str, str] = {}

    def note(self, analysed: Analysed, gazetteer: Gazetteer) -> None:
        for _, actor_id in analysed.mentions_of("actor"):
            entity = gazetteer.entities.get(actor_id)
            self._last[_sort_of(entity.name if entity else "", actor_id)] = actor_id
        for mention in analysed.mentions:
            country = mention.first("country")
            if country is not None and mention.entities[0].kind == "country":
                self._countries[country.id] += 1
                government = f"actor:government-of-{slugify(country.name)}"
                if government in gazetteer.entities:
                    self._governments[country.id] = government

    def resolve(self, subject: str) -> str | None:
        m = _ANAPHOR.search(subject)
        if m is None:
            return None
        sort = _SORTS.get(m.group(1).lower(), "group")
        if sort == "government" and sort not in self._last:
            ranked = [c for c, _ in self._countries.most_common() if c in self._governments]
            return self._governments[ranked[0]] if ranked else None
        return self._last.get(sort)


def header_actor(analysed: Analysed) -> str | None:
    """The claimant a list header names ("The ISSP, for its part, claimed:"), if any."""
    work = analysed.work.rstrip()
    if not work.endswith(":") or not _HEADER.search(work):
        return None
    actors = [aid for _, aid in analysed.mentions_of("actor")]
    return actors[0] if len(set(actors)) == 1 else None


def state_of(title: str, gazetteer: Gazetteer) -> str | None:
    """`"Russian"` → `actor:russia` (or `actor:government-of-russia`) if the KB has it."""
    country = _STATES.get(title.lower())
    if country is None:
        return None
    for candidate in (f"actor:government-of-{country}", f"actor:{country}"):
        if candidate in gazetteer.entities:
            return candidate
    return None


def event_parties(
    analysed: Analysed,
    span: tuple[int, int],
    cue_start: int,
    statement: bool,
    header: str | None,
    gazetteer: Gazetteer,
    recent: RecentActors | None = None,
) -> list[Party]:
    """(actor id, role) for the event stated in `span` (offsets in the sentence's text)."""
    work, base = analysed.work, analysed.start
    mentions = [(m.start - base, m.end - base, aid) for m, aid in analysed.mentions_of("actor")]
    parties: list[Party] = []
    claimed = [aid for start, _, aid in mentions if _BY.search(work[:start])]
    parties += [(aid, "perpetrator") for aid in claimed]
    lo, hi = span
    subject_role = "speaker" if statement else "participant"
    if not claimed:
        title = _NATIONAL_TITLE.search(work, lo, max(cue_start, lo))
        state = state_of(title.group(1), gazetteer) if title else None
        if state is not None:
            parties.append((state, subject_role))
        else:
            parties += [
                (aid, subject_role) for start, end, aid in mentions
                if lo <= start and end <= cue_start and not _NOT_SUBJECT.search(work[lo:start])
            ]  # fmt: skip
    if not any(role != "target" for _, role in parties) and header is not None:
        parties.append((header, "perpetrator"))
    if not any(role != "target" for _, role in parties) and recent is not None:
        meant = recent.resolve(work[lo : max(cue_start, lo)])
        if meant is not None:
            parties.append((meant, subject_role))
    doers = {aid for aid, _ in parties}
    for start, _, aid in mentions:
        if cue_start <= start < hi and aid not in doers and _TARGET_BEFORE.search(work[:start]):
            parties.append((aid, "target"))
    return list(dict.fromkeys(parties))
