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
    (r"withdraw", "Withdrawal of"),
    (r"rebelled\s+against", "Rebellion against"),
    (r"announced\s+their\s+withdrawal\s+from", "Withdrawal from"),
    (r"left|leave|leaving", "Departure from"),
    (r"announced", "Announcement of"),
    (r"agreed(?:\s+(?:in|on)\s+[\w-]+(?:\s+\d{1,2})?)?\s+to", "Agreement to"),
    (r"held\s+talks", "Talks"),
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
    r"|when|which|who|that|accusing|effective|to\s+(?:establish|create|form)|for\s+(?:several|two|three|a"
    r"|the)|in\s+a\s+rare|earlier|later|last|this)\s|\s(?:on|in|at|by)\s+(?:\d|early|late|mid|the\s+end)|\.$"
)
_LEAD = re.compile(
    r"^[\s,;:–—-]*(?:(?i:on|in|at|by|since)\s+[^,]*?\d[^,]*,\s*|\d{1,2}\s+[A-Z][a-z]+\.?\s*[:–—-]\s*)?"
    r"(?i:and|but|while)?\s*"
)
_PASSIVE_SUBJECT = re.compile(
    r"(?i)\b((?:the|a|an)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:was|were)\s+$"
)
_PLACE_FIRST = re.compile(r"(?i)^(?:near|at|in|around|outside|inside)\b")
_MAX_WORDS = 8
_NOUN_NEAR = 40
_MAX_LENGTH = 70


def _object(text: str) -> str:
    cut = _BOUNDARY.search(text)
    words = (text[: cut.start()] if cut else text).split()
    return " ".join(words[:_MAX_WORDS]).strip(" .,;")


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_NOUN_CUES = re.compile(
    r"(?i)\b(?:referendum|offensive|siege|blockade|fall-?out|falling-?out|rift|coup|mutiny|(?:series|wave"
    r"|spate|string)\s+of\s+(?:\w+\s+){0,3}attacks)\b"
)
_MODIFIER = re.compile(
    r"(?i)^(?:the|a|an|its|their|this|that|[\w-]*\d[\w-]*|January|February|March|April"
    r"|May|June|July|August|September|October|November|December|mid|early|late)$"
)
_OBJECT_START = re.compile(r"(?i)^\s+(?:against|on|of|between|in|around|near)\s")


def _noun_phrase(text: str, start: int, end: int) -> str:
    """ "Mali's 18 June constitutional referendum" → "Mali's constitutional referendum"."""
    words = [w for w in text[:start].split()[-4:] if not _MODIFIER.match(w.strip(",;:"))]
    while words and (words[0].endswith((",", ";", ":")) or not words[0][:1].isalnum()):
        words.pop(0)
    kept: list[str] = []
    for word in reversed(words):
        if word[:1].islower() and word.lower() not in (
            "constitutional",
            "military",
            "joint",
            "major",
        ):
            break
        kept.insert(0, word)
    name = " ".join([*kept, text[start:end]])
    if _OBJECT_START.match(text[end:]):
        name += " " + _object(text[end:].strip())
    return _capitalise(name.strip())


def event_name(clause: str, speaker: str | None, fallback: str, cue: int | None = None) -> str:
    """The event's name from the clause that states it (`fallback` when nothing fits).

    `cue` is where, in the clause, the word naming the event is: the nearest wording wins.
    """
    stripped = clause.lstrip()
    near = _NOUN_NEAR if cue is not None else len(clause)
    cue = max(0, (cue or 0) - (len(clause) - len(stripped)))
    lead = _LEAD.match(stripped)
    cut = lead.end() if lead else 0
    text, cue = stripped[cut:].rstrip(), max(0, cue - cut)
    nouns = [m for m in _NOUN_CUES.finditer(text) if abs(m.start() - cue) < near]
    if nouns:
        m = min(nouns, key=lambda n: abs(n.start() - cue))
        return _noun_phrase(text, m.start(), m.end())[:_MAX_LENGTH].rstrip()
    if _NOUN_START.match(text):
        name = _object(text)
        return _capitalise(name)[:_MAX_LENGTH] if name else fallback
    best: tuple[int, str, int] | None = None
    for pattern, noun in _NOMINAL_PATTERNS:
        for m in pattern.finditer(text):
            if best is None or abs(m.start() - cue) < abs(best[0] - cue):
                best = (m.start(), noun, m.end())
    speech = _SPEECH.search(text)
    if (
        speech is not None
        and speaker
        and (best is None or abs(speech.start() - cue) < abs(best[0] - cue))
    ):
        return f"{speaker} statement"
    if best is not None:
        thing = _object(text[best[2] :])
        subject = _PASSIVE_SUBJECT.search(text[: best[0]])
        head = best[1]
        if subject is not None and head.endswith((" on", " of")):
            who = subject.group(1)
            who = who[:1].lower() + who[1:] if who.split()[0] in ("The", "A", "An") else who
            thing = f"{who} {thing}".strip()  # "the convoy was attacked near Anefis"
        elif _PLACE_FIRST.match(thing) and head.endswith((" on", " of", " from")):
            head = head.rsplit(" ", 1)[0]  # "attacked near Anefis": "Attack near Anefis"
        if thing:
            return f"{head} {thing}"[:_MAX_LENGTH].rstrip()
    return fallback
