"""Short noun-phrase names for draft events: "Seizure of Kidal", "Ambush on a FAMa convoy".

An analyst scans a list of event names; a sentence fragment ("in 2015 signed the Algiers
Peace Accord.") reads badly and makes a poor id. The verb that states the event becomes
its noun ("seized control of" → "Seizure of"), followed by its object up to the first
boundary (a comma, "by", "killing", a date); a clause that already starts with a noun
("ambush on a VDP convoy near Djibo, claimed by JNIM") keeps it. A statement is named
after its speaker ("Government of Mali statement").
"""

from __future__ import annotations

import re

_NOMINAL: tuple[tuple[str, str], ...] = (
    (r"seized\s+control\s+of|took\s+control\s+of|seized|captured|overran", "Seizure of"),
    (r"recaptured|retook", "Recapture of"),
    (r"occupied", "Occupation of"),
    (r"inflicted\s+(?:heavy\s+)?losses\s+on", "Heavy losses inflicted on"),
    (r"ambushed", "Ambush on"),
    (r"attacked", "Attack on"),
    (r"raided", "Raid on"),
    (r"besieged", "Siege of"),
    (r"blockaded", "Blockade of"),
    (r"completed\s+its\s+withdrawal(?:\s+from)?", "Completed withdrawal from"),
    (r"withdrew(?:\s+(?:its|their)\s+\w+)?(?:\s+from)?|pulled\s+out\s+of", "Withdrawal from"),
    (r"announced\s+their\s+withdrawal\s+from", "Withdrawal from"),
    (r"left", "Departure from"),
    (r"detained", "Detention of"),
    (r"expelled", "Expulsion of"),
    (r"suspended", "Suspension of"),
    (r"signed", "Signing of"),
    (r"ended|terminated", "End of"),
    (r"closing|closed", "Closure of"),
    (r"named|appointed", "Appointment of"),
    (r"extended", "Extension of"),
    (r"ordered", "Order for"),
    (r"evacuated", "Evacuation of"),
    (r"fled", "Displacement from"),
    (r"launched", "Launch of"),
    (r"met\s+in", "Meeting in"),
    (r"declared\s+himself", "Self-declaration as"),
)
_NOMINAL_PATTERNS = tuple((re.compile(rf"(?i)\b(?:{verb})\b"), noun) for verb, noun in _NOMINAL)
_SPEECH = re.compile(
    r"(?i)\b(?:said|says|declared|announced|acknowledged|hailed|blamed|accused|stated|warned)\b"
)
_NOUN_START = re.compile(
    r"(?i)^(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?(?:ambush|attack|raid|assault|IED|bombing|siege|blockade"
    r"|seizure|withdrawal|offensive|coup|referendum|strike|kidnapping|abduction|clash|clashes)\b"
)
_BOUNDARY = re.compile(
    r"(?i),|;|:|\s—|\s–\s|\(|\s(?:by|killing|wounding|resulting|leaving|after|before|because|as|while"
    r"|when|which|who|that|accusing|for\s+(?:several|two|three|a|the)|in\s+a\s+rare)\s"
    r"|\s(?:on|in|at)\s+(?:\d|early|late|mid)|\.$"
)
_LEAD = re.compile(r"(?i)^[\s,;:–—-]*(?:(?:on|in|at|by|since)\s+[^,]*?\d[^,]*,\s*)?(?:and|but|while)?\s*")
_MAX_WORDS = 8
_MAX_LENGTH = 70


def _object(text: str) -> str:
    cut = _BOUNDARY.search(text)
    words = (text[: cut.start()] if cut else text).split()
    return " ".join(words[:_MAX_WORDS]).strip(" .,;")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def event_name(clause: str, speaker: str | None, fallback: str) -> str:
    """The event's name from the clause that states it (`fallback` when nothing fits)."""
    text = _LEAD.sub("", clause.strip(), count=1)
    if _NOUN_START.match(text):
        name = _object(text)
        return _capitalise(name)[:_MAX_LENGTH] if name else fallback
    best: tuple[int, str, int] | None = None
    for pattern, noun in _NOMINAL_PATTERNS:
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best[0]):
            best = (m.start(), noun, m.end())
    speech = _SPEECH.search(text)
    if speech is not None and speaker and (best is None or speech.start() < best[0]):
        return f"{speaker} statement"
    if best is not None:
        thing = _object(text[best[2] :])
        if thing:
            return f"{best[1]} {thing}"[:_MAX_LENGTH].rstrip()
    return fallback
