"""Capitals that mean governments: "Bamako expelled the ambassador", "rebelled against Bamako".

Newsletters name a government by its capital. Read as a place, "Bamako hailed the capture"
would put an event in the capital district and miss the actor that acted. A capital is
read as its country's government when it does what only a government does (a political
verb follows it), when something is done to it as a party ("against Bamako", "supporting
Niamey"), or when it owns a political noun ("Bamako's narrative"); "in Bamako", "the
Bamako attack" stay places. The government is the knowledge base's
`actor:government-of-<country>`, so nothing is read as a government the KB does not have.
"""

from __future__ import annotations

import re
from dataclasses import replace

from loaders.newsletter.gazetteer import Gazetteer, Mention
from loaders.newsletter.normalize import name_key

CAPITALS: dict[str, str] = {
    "bamako": "mali", "ouagadougou": "burkina-faso", "niamey": "niger", "nouakchott": "mauritania",
    "ndjamena": "chad", "n djamena": "chad", "dakar": "senegal", "algiers": "algeria",
    "abuja": "nigeria", "conakry": "guinea", "abidjan": "cote-d-ivoire", "paris": "france",
}  # fmt: skip
_POLITICAL_VERB = re.compile(
    r"(?i)^\s*(?:(?:has|had|have|also|then|quickly|later|swiftly|promptly|again|initially|officially"
    r"|formally|reportedly|in\s+turn|,\s*for\s+its\s+part,)\s+)*"
    r"(?:hailed|responded|blamed|expelled|extended|suspended|announced|declared|accused|demanded"
    r"|rejected|decided|ordered|ended|focused|focuses|broke|recalled|denied|said|says|signed|withdrew"
    r"|called|asked|condemned|welcomed|requested|refused|agreed|imposed|closed|named|appointed"
    r"|insisted|threatened|warned|claimed|dismissed|summoned|cut|severed|pulled|turned|sought|seeks"
    r"|wants|hopes|negotiated|reacted|retaliated|dissolved|banned|deployed|mobilised|mobilized"
    r"|adopted|approved|welcomes|denies|rejects|accuses|blames|responds)\b"
)
_PARTY_BEFORE = re.compile(
    r"(?i)\b(?:against|supporting|support(?:s|ed)?|backing|back(?:s|ed)?|pressure\s+on|pressured"
    r"|accusing|accused|urged|urging|told|relations\s+with|talks\s+with|ties\s+with|between)\s+$"
)
_POLITICAL_NOUN = re.compile(
    r"(?i)^(?:['’]s)?\s+(?:\w+\s+)?(?:narrative|government|authorities|decision|policy|policies|relations"
    r"|position|stance|strategy|demands?|request|response|refusal|claims?|accusations?|rulers"
    r"|leaders|leadership|junta|diplomacy|allies|partners|rhetoric|resources|efforts)\b"
)


def government_of(mention: Mention, gazetteer: Gazetteer) -> str | None:
    """The government a capital's name stands for, if the knowledge base has it."""
    country = CAPITALS.get(" ".join(name_key(mention.text)))
    actor_id = f"actor:government-of-{country}" if country else None
    return actor_id if actor_id in gazetteer.entities else None


def read_capitals(
    mentions: list[Mention], work: str, base: int, gazetteer: Gazetteer
) -> list[Mention]:
    """Mentions with every capital used as a government re-read as that government."""
    result = []
    for mention in mentions:
        government = government_of(mention, gazetteer)
        start, end = mention.start - base, mention.end - base
        if government is not None and (
            _POLITICAL_VERB.match(work[end:])
            or _PARTY_BEFORE.search(work[:start])
            or _POLITICAL_NOUN.match(work[end:])
        ):
            mention = replace(mention, entities=(gazetteer.entities[government],))
        result.append(mention)
    return result
