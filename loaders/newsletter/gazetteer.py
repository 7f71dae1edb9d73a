"""The knowledge base's names, aliases and source spellings, matched in newsletter text.

Built from parsed curated YAML (the same files `sahelkg load` reads), so the extractor
only ever refers to ids the knowledge base has. Matching ignores case, diacritics and
punctuation, prefers the longest name, and guards the two ways a name misleads: a
one-word name written in lower case ("the centre" is not the Centre region) and a place
name that is part of a longer proper name ("Niger River", "Alliance of Sahel States").
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from loaders.crosswalk import strip_period
from loaders.newsletter.normalize import Token, name_key, word_set

SECTION_KINDS: dict[str, str] = {
    "actors": "actor",
    "alliances": "alliance",
    "countries": "country",
    "regions": "region",
    "locations": "location",
}
FACT_SECTIONS = frozenset({"sources", "activity_reports", "operations", "events", "assessments"})
PLACE_TYPE_WORDS = word_set(
    "region regions province provinces cercle cercles commune communes department "
    "departments prefecture district districts area zone"
)
_TOWN_WORDS = frozenset({"town", "city", "village", "locality"})
_KIND_ORDER = {"region": 0, "location": 1, "country": 2, "alliance": 3, "actor": 4}
_NAME_FIELDS = ("name", "aliases", "acled_names")


@dataclass(frozen=True)
class Entity:
    """Something the knowledge base has: its id, kind, display name and country."""

    id: str
    kind: str
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Mention:
    """A span of text naming one or more entities (best reading first)."""

    start: int
    end: int
    text: str
    entities: tuple[Entity, ...]

    def first(self, *kinds: str) -> Entity | None:
        """The best reading of one of `kinds`, if the name can mean one."""
        return next((e for e in self.entities if e.kind in kinds), None)


@dataclass
class Gazetteer:
    """Name keys → entities, plus every id the knowledge base declares."""

    names: dict[tuple[str, ...], list[Entity]] = field(default_factory=dict)
    lowercase_names: set[tuple[str, ...]] = field(default_factory=set)
    entities: dict[str, Entity] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    longest: int = 1
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """The knowledge base's facts (sources, reports, operations, events, assessments), so a
    draft can tell what is already known."""

    @classmethod
    def from_documents(cls, documents: Iterable[Any]) -> Gazetteer:
        """Index the names of every actor, alliance, country, region and location."""
        gazetteer = cls()
        for document in documents:
            if not isinstance(document, dict):
                continue
            for section, records in document.items():
                for record in records if isinstance(records, list) else []:
                    if isinstance(record, dict) and isinstance(record.get("id"), str):
                        gazetteer.ids.add(record["id"])
                        if section in FACT_SECTIONS:
                            gazetteer.records.setdefault(section, []).append(record)
                        if section in SECTION_KINDS:
                            gazetteer._add(SECTION_KINDS[section], record)
        return gazetteer

    def _add(self, kind: str, record: dict[str, Any]) -> None:
        country = record.get("country") or record.get("iso3")
        entity = Entity(record["id"], kind, str(record.get("name") or record["id"]),
                        str(country) if country else None)  # fmt: skip
        self.entities[entity.id] = entity
        spellings: list[str] = []
        for name_field in _NAME_FIELDS:
            value = record.get(name_field)
            values = [value] if isinstance(value, str) else list(value or [])
            if name_field == "acled_names":
                values = [s for v in values for s in acled_spellings(str(v))]
            spellings += values
        for spelling in spellings:
            key = name_key(str(spelling))
            if not key:
                continue
            bucket = self.names.setdefault(key, [])
            if entity not in bucket:
                bucket.append(entity)
            if str(spelling) == str(spelling).lower():
                self.lowercase_names.add(key)
            self.longest = max(self.longest, len(key))

    def find(self, tokens: Sequence[Token], text: str, text_start: int) -> list[Mention]:
        """Non-overlapping mentions in a sentence's tokens, longest name first."""
        mentions: list[Mention] = []
        index = 0
        while index < len(tokens):
            mention = self._match_at(tokens, index, text, text_start)
            if mention is None:
                index += 1
                continue
            mentions.append(mention[0])
            index += mention[1]
        return mentions

    def _match_at(
        self, tokens: Sequence[Token], index: int, text: str, text_start: int
    ) -> tuple[Mention, int] | None:
        for size in range(min(self.longest, len(tokens) - index), 0, -1):
            span = tokens[index : index + size]
            if not _joined(span, text, text_start):
                continue
            key = tuple(t.key for t in span)
            candidates = self.names.get(key)
            if not candidates:
                continue
            if key not in self.lowercase_names and not any(t.capitalised for t in span):
                continue
            before = tokens[max(0, index - 2) : index]
            if before and not _joined([before[-1], span[0]], text, text_start):
                before = []
            after = tokens[index + size : index + size + 1]
            if after and (not _joined([span[-1], after[0]], text, text_start)
                          or span[-1].raw.endswith(("'s", "’s"))):  # fmt: skip
                after = []
            typed = _list_is_typed(tokens[index + size : index + size + 8])
            entities = _read_in_context(candidates, before, after, typed, size)
            if not entities:
                continue
            start, end = span[0].start, span[-1].end
            raw = text[start - text_start : end - text_start]
            return Mention(start, end, raw, tuple(entities)), size
        return None


def acled_spellings(acled_name: str) -> list[str]:
    """The spellings an ACLED actor name stands for, read as the crosswalk reads it:
    "JNIM: Group for Support of Islam and Muslims" → both sides of the colon;
    "Military Forces of Mali (2021-)" → without its period."""
    name = strip_period(acled_name)
    head, colon, tail = name.partition(":")
    return [name] + ([head.strip(), tail.strip()] if colon else [])


def _joined(span: Sequence[Token], text: str, text_start: int) -> bool:
    """Tokens of one name are separated by spaces or hyphens only (not `,` `/` `(`)."""
    for left, right in itertools.pairwise(span):
        gap = text[left.end - text_start : right.start - text_start]
        if gap.strip(" -‐‑") or len(gap) > 2:
            return False
    return True


def _list_is_typed(following: Sequence[Token]) -> bool:
    """True when the list a name is in ends with "regions" ("the Sahel and Est regions")."""
    for token in following:
        if token.key in PLACE_TYPE_WORDS:
            return True
        if not (token.capitalised or token.key in {"and", "or", "du", "de"}):
            return False
    return False


_FEATURE_WORDS = frozenset({"river", "basin", "delta", "valley", "bend"})
_TAKING = frozenset({"captured", "seized", "entered", "overran", "retook", "recaptured", "besieged",
                     "stormed", "encircled", "occupied"})  # fmt: skip


def _taken(prev_keys: Sequence[str]) -> bool:
    """ "seized control of Kidal", "captured Kidal": what is taken is the town, not the region."""
    return (bool(prev_keys) and prev_keys[-1] in _TAKING) or list(prev_keys[-2:]) == [
        "control",
        "of",
    ]


def _read_in_context(
    candidates: Sequence[Entity],
    before: Sequence[Token],
    after: Sequence[Token],
    typed: bool,
    size: int = 1,
) -> list[Entity]:
    """Order the readings of a name by its neighbours, dropping readings they rule out."""
    next_key = after[0].key if after else ""
    prev_keys = [t.key for t in before]
    entities = sorted(candidates, key=lambda e: _KIND_ORDER[e.kind])
    if next_key in _TOWN_WORDS or (prev_keys[-2:-1] and prev_keys[-2] in _TOWN_WORDS
                                   and prev_keys[-1] == "of") or _taken(prev_keys):  # fmt: skip
        entities.sort(key=lambda e: e.kind != "location")
    elif typed:
        entities.sort(key=lambda e: e.kind != "region")
    places_ruled_out = (
        # "the Sahel", "the Centre": a common noun unless followed by "region"
        (prev_keys[-1:] == ["the"] and not typed and size == 1)
        # "the Niger river": a river, not the country
        or next_key in _FEATURE_WORDS
        # "Niger River", "Sahel States": part of a longer proper name
        or (after and after[0].capitalised and next_key not in PLACE_TYPE_WORDS
            and next_key not in _TOWN_WORDS)
        # "Alliance of Sahel States", "Bank of Mali"
        or (prev_keys[-1:] == ["of"] and len(before) == 2 and before[0].capitalised
            and before[0].key not in PLACE_TYPE_WORDS)
    )  # fmt: skip
    if places_ruled_out:
        entities = [e for e in entities if e.kind not in ("region", "location")]
        if (after and after[0].capitalised and next_key not in PLACE_TYPE_WORDS) or (
            next_key in _FEATURE_WORDS
        ):
            entities = [e for e in entities if e.kind != "country"]
    return entities
