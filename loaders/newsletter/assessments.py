"""Judgments in estimative language, with the ICD-203 likelihood their wording maps to.

The mapping is the project's (data/LIKELIHOOD.md), so drafts grade like the curated data:

| wording in the sentence | likelihood |
|---|---|
| almost no chance, remote | almost_no_chance |
| very unlikely, highly unlikely, highly improbable | very_unlikely |
| unlikely, probably not, improbable, doubtful | unlikely |
| might, may, could, possibly, a real possibility, concerns about | roughly_even_chance (confidence low) |
| likely, probably, probable, (we can) expect, expected to, was likely to | likely |
| very likely, highly likely, very probably | very_likely |
| unhedged: will, would, demonstrate(s), indicate(s), signify, show(s) that | very_likely |
| almost certainly, virtually certain, nearly certain | almost_certain |

A hedge beats a modal and a modal beats an unhedged verb ("would weaken … and probably
benefit" is `likely`: the writer hedged). Reported speech is not the newsletter's own
judgment ("Lavrov declared that contractors would remain" is an event), and "May" with a
capital is the month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.vocab import Confidence, Likelihood
from loaders.newsletter.cues import own_words
from loaders.newsletter.document import Analysed
from loaders.newsletter.normalize import word_set

_HEDGES: tuple[tuple[Likelihood, str], ...] = (
    (Likelihood.ALMOST_NO_CHANCE, r"almost\s+no\s+chance|remote\s+(?:chance|possibility|prospect)"),
    (Likelihood.VERY_UNLIKELY, r"(?:very|highly)\s+(?:unlikely|improbable)"),
    (
        Likelihood.ALMOST_CERTAIN,
        r"almost\s+certain(?:ly)?|virtually\s+certain(?:ly)?|nearly\s+certain(?:ly)?",
    ),
    (Likelihood.VERY_LIKELY, r"(?:very|highly)\s+likely|very\s+probabl[ey]"),
    (
        Likelihood.ROUGHLY_EVEN_CHANCE,
        r"(?:roughly\s+)?even\s+chance|as\s+likely\s+as\s+not|50[-\s]50",
    ),
    (Likelihood.UNLIKELY, r"unlikely|probably\s+not|improbable|doubtful"),
    (
        Likelihood.LIKELY,
        r"likely|probably|probable|(?:we\s+)?(?:can\s+)?expect(?:s|ed)?(?:\s+to)?|^Expect",
    ),
)
_MODALS: tuple[tuple[Likelihood, str], ...] = (
    (Likelihood.ROUGHLY_EVEN_CHANCE,
     r"might|may|could|possibly|a\s+real\s+possibility|concerns?\s+(?:about|over)"
     r"|(?:is|are|remains?|seems?)\s+possible"),
)  # fmt: skip
_UNHEDGED: tuple[tuple[Likelihood, str], ...] = (
    (Likelihood.VERY_LIKELY,
     r"will|would|won't|demonstrat(?:e|es|ed)|indicat(?:e|es|ed)|signif(?:y|ies|ying|ied)|show(?:s|ed)?\s+that"),
)  # fmt: skip
_TIERS = tuple(
    tuple((likelihood, re.compile(rf"(?<![\w-])(?:{cue})(?![\w-])"))
          for likelihood, cue in tier)
    for tier in (_HEDGES, _MODALS, _UNHEDGED)
)  # fmt: skip
_NEGATED = re.compile(
    r"(?i)\b(?:(?:do|does|did)\s+not|don['’]t|doesn['’]t|didn['’]t)\s+expect\b"
    r"|\b(?:is|are|was|were|it['’]s|isn['’]t)\s+not\s+(?:very\s+|highly\s+)?(?:likely|probable)\b"
    r"|\b(?:isn['’]t|aren['’]t|wasn['’]t)\s+(?:very\s+|highly\s+)?(?:likely|probable)\b"
    r"|\bnot\s+expected\s+to\b"
    r"|\b(?:(?:do|does|did)\s+not|don['’]t|doesn['’]t)\s+(?:believe|think|assess|judge|anticipate)\b"
)
"""A likely-grade cue under negation: "we do not expect", "it is not likely" → unlikely."""
_NO_JUDGMENT = re.compile(
    r"(?i)\b(?:cannot|can['’]t|could\s+not|are\s+unable\s+to|is\s+too\s+early\s+to)\s+"
    r"(?:yet\s+)?(?:say|tell|assess|judge|determine|know)\b|\bdo\s+not\s+know\s+(?:whether|if)\b"
    r"|\b(?:unclear|uncertain|not\s+clear|not\s+known)\s+(?:whether|if)\b|\bremains\s+to\s+be\s+seen\b"
)
"""The writer declines to judge: "We cannot say whether Wagner will deploy"."""
_PAST_ABILITY = re.compile(r"(?i)^\s*(?:not|n['’]t)\b")
_AUXILIARY = re.compile(r"(?:will|would|is|are|was|were|can|could)\s+$")
_NEXT_WORD = re.compile(r"^\s+([\w'’-]+)")
_FUNCTION_WORDS = word_set("to that up a an the also be have been further")
_MAX_EXTRA_WORDS = 3


@dataclass(frozen=True)
class Judgment:
    """An assessment: the sentence, its hedge, and the likelihood the hedge maps to."""

    analysed: Analysed
    wording: str
    likelihood: Likelihood
    confidence: Confidence | None


def find_judgment(analysed: Analysed) -> Judgment | None:
    """The sentence's judgment, graded by its strongest kind of hedge; None if it has none."""
    if analysed.sentence.heading:
        return None
    text = own_words(analysed.work)
    if _NO_JUDGMENT.search(text):
        return None
    negated = _NEGATED.search(text)
    if negated is not None:
        wording = text[negated.start() : _wording_end(text, negated.end())].strip(" ,.;")
        return Judgment(analysed, wording, Likelihood.UNLIKELY, None)
    for tier in _TIERS:
        hits = [(m, likelihood) for likelihood, pattern in tier for m in pattern.finditer(text)
                if not (m.group().lower() == "could" and _PAST_ABILITY.match(text[m.end():]))]  # fmt: skip
        if not hits:
            continue
        m, likelihood = min(hits, key=lambda hit: (hit[0].start(), -len(hit[0].group())))
        aux = _AUXILIARY.search(text[: m.start()])
        start = aux.start() if aux else m.start()
        end = m.end() if m.group()[:1].isupper() else _wording_end(text, m.end())
        wording = text[start:end].strip(" ,.;")
        confidence = Confidence.LOW if tier is _TIERS[1] else None
        return Judgment(analysed, wording, likelihood, confidence)
    return None


def _wording_end(text: str, end: int) -> int:
    """Extend a hedge through the verb it governs: "was likely" → "was likely to rely"."""
    for _ in range(_MAX_EXTRA_WORDS):
        word = _NEXT_WORD.match(text[end:])
        if word is None:
            break
        end += word.end()
        if word.group(1).lower() == "that" or word.group(1).lower() not in _FUNCTION_WORDS:
            break
    return end
