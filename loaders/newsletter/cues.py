"""Words that mark a sentence as forward-looking or as about another period.

Shared by the extractors: a forecast ("we can expect a decrease") is an assessment, not a
direction of change; "over the past year" is not this month's figure.
"""

from __future__ import annotations

import re

FORWARD = re.compile(
    r"\b(?:will|would|could|might|may|shall|expect(?:s|ed)?|expecting|likely|unlikely|probably"
    r"|forecast|anticipate[sd]?|is\s+set\s+to|are\s+set\s+to|going\s+to|looking\s+forward)\b",
)
"""Lower-case modal and forecast words (capitalised "May" is the month)."""

OTHER_PERIOD = re.compile(
    r"(?i)\b(?:(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:year|years|months|weeks)"
    r"|this\s+year|last\s+year|since\s+(?:19|20)\d{2}|in\s+recent\s+(?:months|years)"
    r"|(?:year|years)\s+(?:ago|earlier|after|before)|one\s+year\s+after)\b"
)
"""Time frames other than the reporting month."""


def is_forward_looking(text: str) -> bool:
    """True when a sentence forecasts rather than reports (or starts "Expect …")."""
    text = own_words(text)
    return bool(FORWARD.search(text)) or text.lstrip().startswith(("Expect ", "Looking ahead"))


_REPORTED_SPEECH = re.compile(
    r"(?i)\b(?:declared|said|stated|announced|warned|claimed|insisted|argued|added|noted|confirmed"
    r"|promised|pledged|vowed|threatened)\s+that\b"
)


def own_words(text: str) -> str:
    """The part of a sentence before reported speech: "X declared that Y would …" → "X declared"."""
    m = _REPORTED_SPEECH.search(text)
    return text[: m.end()] if m else text
