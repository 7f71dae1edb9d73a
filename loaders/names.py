"""Name keys for matching actor and place names across sources.

`match_key` ignores case, diacritics and punctuation (`Ségou` and `SEGOU.` share `segou`);
`strip_period` drops ACLED's period tags wherever they stand (`Police Forces of Mali
(2021-) Gendarmerie` → `Police Forces of Mali Gendarmerie`); `name_variants` lists the keys a
raw actor name is looked up by, each with the kind of name evidence it is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from graph.ids import fold

_PUNCT = re.compile(r"[^a-z0-9]+")
_PERIOD = re.compile(r"\s*\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")

NameEvidence = Literal["whole", "part", "acronym"]
"""`whole`: the whole name matched (period tags aside); `part`: the full-name part of an
`ABBR: Full name` spelling did; `acronym`: only its `ABBR` did — weak evidence, never
enough alone (see `loaders.scoring`)."""


def match_key(text: str) -> str:
    """Case, diacritics and punctuation ignored."""
    return _PUNCT.sub(" ", fold(text)).strip()


def strip_period(name: str) -> str:
    """`Military Forces of Mali (2020-2021)` → `Military Forces of Mali`."""
    return " ".join(_PERIOD.sub(" ", name).split())


def name_variants(name: str) -> list[tuple[str, NameEvidence]]:
    """The keys a raw name is looked up by, most specific first:

    1. the whole name (`Military Forces of Mali (2020-2021)`);
    2. the name without ACLED's period tags (`Military Forces of Mali`);
    3. for `ABBR: Full name` spellings, the full name (part evidence), then the
       abbreviation (acronym evidence only).
    """
    found: dict[str, NameEvidence] = {}
    for candidate in (name, strip_period(name)):
        found.setdefault(match_key(candidate), "whole")
        if ":" in candidate:
            head, _, tail = candidate.partition(":")
            found.setdefault(match_key(tail), "part")
            found.setdefault(match_key(head), "acronym")
    return [(key, evidence) for key, evidence in found.items() if key]


@lru_cache(maxsize=65536)
def decision_key(name: str) -> str:
    """The key a crosswalk decision is filed under: period tags ignored."""
    return match_key(strip_period(name))
