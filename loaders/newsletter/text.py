"""Split a newsletter into headings and sentences, each with its character offsets.

Every draft item cites the sentence it came from, so sentences keep exact offsets into the
original text. Headings matter too: a section titled "Kayes Region" is the place the
sentences under it talk about, and the heading names the `#section` a citation points at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.newsletter.normalize import word_set

_LINE = re.compile(r"[^\n]+")
_BULLET = re.compile(r"^\s*(?:[-•*▪–]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = word_set("mr mrs ms dr st gen col lt capt sgt maj cpl pres gov no vol fig approx vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept e.g i.e u.s u.n")  # fmt: skip
_HEADING_MAX_WORDS = 10


@dataclass(frozen=True)
class Sentence:
    """A sentence (or heading) with its offsets, paragraph and the section it sits under."""

    start: int
    end: int
    text: str
    paragraph: int
    section: str | None
    heading: bool = False
    bullet: bool = False  # an item of a list ("- 4 Feb: ambush on …")

    def cite(self) -> str:
        """How a draft item names where it came from."""
        return f'From: "{self.text}" [chars {self.start}-{self.end}]'


def _is_heading(line: str, is_last: bool) -> bool:
    words = line.split()
    return (
        not is_last
        and 0 < len(words) <= _HEADING_MAX_WORDS
        and line[:1].isupper()
        and line.rstrip()[-1] not in ".!?:;,"
    )


_MONTH_ABBREVIATIONS = word_set("jan feb mar apr jun jul aug sep sept oct nov dec")


def _date_ends_sentence(words: list[str]) -> bool:
    """ "… killed 12 civilians on 9 Dec. Nigerien army …": the date closes a sentence
    (one that opens with it, "On 3 Nov. JNIM attacked", goes on)."""
    return (
        len(words) > 3
        and words[-1].lower().rstrip(".") in _MONTH_ABBREVIATIONS
        and words[-2].rstrip(",").isdigit()
    )


def _split_line(line: str, start: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(line):
        before = line[begin : match.start() + 1].split()
        last_word = before[-1].lower().rstrip(".") if before else ""
        initial = len(last_word) == 1 and last_word.isalpha()
        if (last_word in _ABBREVIATIONS or initial) and not _date_ends_sentence(before):
            continue
        end = match.end() - len(match.group()) + len(match.group().rstrip())
        spans.append((start + begin, start + end))
        begin = match.end()
    rest = line[begin:].rstrip()
    if rest.strip():
        spans.append((start + begin, start + begin + len(rest)))
    return spans


def segment(text: str) -> list[Sentence]:
    """Headings and sentences in document order; one paragraph per non-empty line."""
    sentences: list[Sentence] = []
    lines = [m for m in _LINE.finditer(text) if m.group().strip()]
    section: str | None = None
    for paragraph, match in enumerate(lines):
        bullet = _BULLET.match(match.group())
        offset = match.start() + (
            bullet.end() if bullet else len(match.group()) - len(match.group().lstrip())
        )
        line = text[offset : match.end()].rstrip()
        if not bullet and _is_heading(line, paragraph == len(lines) - 1):
            section = line.strip()
            sentences.append(Sentence(offset, offset + len(line), line, paragraph, section, True))
            continue
        for begin, end in _split_line(line, offset):
            sentences.append(
                Sentence(begin, end, text[begin:end], paragraph, section, bullet=bullet is not None)
            )
    return sentences
