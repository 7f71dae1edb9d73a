"""A newsletter read once: sentences, their tokens and the knowledge-base names in them.

Every extractor works from this, so the text is segmented, tokenised and matched against
the gazetteer exactly once. E-mail addresses and URLs are blanked out (same length, so
offsets hold) before anything looks for numbers or names in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.newsletter.gazetteer import Gazetteer, Mention
from loaders.newsletter.metonymy import read_capitals
from loaders.newsletter.normalize import Token, tokenize
from loaders.newsletter.text import Sentence, segment

_LINKS = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|int)\b\S*")


_MASTHEAD_WORDS = frozenset({"monitor", "brief", "dispatch", "newsletter", "bulletin", "review",
                             "weekly", "digest", "update", "securite", "security", "watch", "risk"})  # fmt: skip
_MASTHEAD_PARAGRAPHS = 3
_PLACE_KINDS = frozenset({"region", "location", "country"})


def _outside_title(
    mentions: list[Mention], tokens: list[Token], sentence: Sentence
) -> list[Mention]:
    """Drop places that are words of the newsletter's own title ("Bulletin Sécurité Sahel")."""
    if sentence.paragraph >= _MASTHEAD_PARAGRAPHS or not sentence.heading:
        return mentions
    kept = []
    for mention in mentions:
        index = next((i for i, t in enumerate(tokens) if t.start == mention.start), None)
        near = tokens[max(0, (index or 0) - 2) : (index or 0) + 4] if index is not None else []
        in_title = any(t.key in _MASTHEAD_WORDS for t in near)
        if not (in_title and all(e.kind in _PLACE_KINDS for e in mention.entities)):
            kept.append(mention)
    return kept


@dataclass(frozen=True)
class Analysed:
    """A sentence with its link-free working text, tokens and mentions."""

    sentence: Sentence
    work: str
    tokens: list[Token]
    mentions: list[Mention]

    @property
    def start(self) -> int:
        return self.sentence.start

    def mentions_of(self, *kinds: str) -> list[tuple[Mention, str]]:
        """(mention, id) for every mention that can be read as one of `kinds`."""
        found = []
        for mention in self.mentions:
            entity = mention.first(*kinds)
            if entity is not None:
                found.append((mention, entity.id))
        return found


@dataclass(frozen=True)
class Document:
    """The whole newsletter, analysed."""

    text: str
    sentences: list[Analysed]


def blank_links(text: str) -> str:
    """Replace e-mail addresses and URLs by spaces of the same length."""
    return _LINKS.sub(lambda m: " " * len(m.group()), text)


def analyse(text: str, gazetteer: Gazetteer) -> Document:
    """Segment, tokenise and match names, once for the whole text."""
    work_text = blank_links(text)
    analysed = []
    for sentence in segment(text):
        work = work_text[sentence.start : sentence.end]
        tokens = tokenize(work, sentence.start)
        mentions = read_capitals(gazetteer.find(tokens, work, sentence.start), work,
                                 sentence.start, gazetteer)  # fmt: skip
        mentions = _outside_title(mentions, tokens, sentence)
        analysed.append(Analysed(sentence, work, tokens, mentions))
    return Document(text, analysed)
