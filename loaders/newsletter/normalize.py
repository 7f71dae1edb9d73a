"""Word tokens with offsets and the folded keys names are matched on.

Matching must ignore case, diacritics and punctuation (`Ségou` = `Segou`, `FAMa/Wagner`
is two names, `Mali's` is Mali) while every match still points back at exact characters
of the original text, so tokens keep their offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’][sS]$")


@dataclass(frozen=True)
class Token:
    """One word of the text: where it is, how it was written, and its matching key."""

    start: int
    end: int
    raw: str
    key: str

    @property
    def capitalised(self) -> bool:
        """Written with a capital first letter (a proper-noun use)."""
        return self.raw[:1].isupper()

    @property
    def is_acronym(self) -> bool:
        """Two or more capitals (`JNIM`, `FAMa`, `G5`)."""
        return sum(c.isupper() for c in self.raw) >= 2 and self.raw[:1].isupper()


def fold_word(word: str) -> str:
    """`Ségou` → `segou`, `Mali's` → `mali`, `Jama'a` → `jamaa`."""
    word = _POSSESSIVE.sub("", word)
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.lower().replace("'", "").replace("’", "")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Every word of `text`, offsets shifted by `offset` (the text's place in the document)."""
    return [
        Token(m.start() + offset, m.end() + offset, m.group(), fold_word(m.group()))
        for m in _WORD.finditer(text)
    ]


def name_key(name: str) -> tuple[str, ...]:
    """The token keys a name is matched by: `Côte d'Ivoire` → ("cote", "divoire")."""
    return tuple(token.key for token in tokenize(name))


def word_set(words: str) -> frozenset[str]:
    """A vocabulary written as one whitespace-separated string (easier to read and edit)."""
    return frozenset(words.split())
