"""What the knowledge base already has from this newsletter issue: known, changed or new.

Extracting an issue that is already loaded must not draft its facts again under other
ids. So the issue is recognised — a newsletter source of the knowledge base whose title
words are in the text's opening and whose reporting month is the draft's — and its id is
the draft's source. Every drafted fact is then compared with the facts that source
already has, by what they say rather than by id (an analyst's curated ids differ from the
extractor's): the same report (place, actor, month, metric or value), operation (month
and who or where), event (date and kind or actors) or assessment (its wording).

A fact stated the same way is *known*: left out of the draft, listed with its id. One
with other values is *changed*: listed with the known id and what differs, for the
analyst to apply to the curated file (a draft redeclaring the id could not be loaded
beside it). Everything else is *new*. So a draft of a loaded issue holds only what is
new, and loading it twice changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from loaders.newsletter.calendar import MONTHS

Record = Mapping[str, Any]
_OPENING = 1500
_TITLE_SHARE = 0.75
_WORDING_SHARE = 0.6
_WORD = re.compile(r"[a-z0-9]+")
_TITLE_STOP = frozenset({"the", "of", "and", "for", "a", "an", "issue", "no", "edition"})
_MONTH_YEAR = re.compile(
    r"(?i)\b(January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+((?:19|20)\d{2})\b"
)
_COMPARED = {
    "activity_reports": ("value", "qualifier", "direction"),
    "operations": ("arrests", "conducted_by", "regions"),
    "events": ("date", "end_date", "kind"),
    "assessments": ("likelihood",),
}


def _words(text: str) -> list[str]:
    spaced = re.sub(r"[^\w'’]+", " ", re.sub(r"['’]s\b", "", text))
    plain = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(plain)


def _issue_month(source: Record) -> str | None:
    for text in (str(source.get("name", "")), str(source.get("description", ""))):
        m = _MONTH_YEAR.search(text)
        if m is not None:
            return f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}"
    return None


def recognise_issue(text: str, period: str, sources: Iterable[Record]) -> str | None:
    """The id of the knowledge base's source for this newsletter issue, if it has one."""
    opening = set(_words(text[:_OPENING]))
    for source in sources:
        if source.get("kind") != "newsletter" or _issue_month(source) != period:
            continue
        title = [w for w in _words(_MONTH_YEAR.sub("", str(source.get("name", ""))))
                 if w not in _TITLE_STOP]  # fmt: skip
        if title and sum(w in opening for w in title) / len(title) >= _TITLE_SHARE:
            return str(source["id"])
    return None


def _of_source(record: Record, source_id: str) -> bool:
    return any(str(s).split("#")[0] == source_id for s in record.get("source_ids") or [])


def _compatible(a: object, b: object) -> bool:
    x, y = str(a or ""), str(b or "")
    return bool(x) and bool(y) and (x.startswith(y) or y.startswith(x))


def _actors(record: Record) -> set[str]:
    """Who acted (targets left out)."""
    listed = record.get("actors") or []
    doers = {
        str(a["actor"]) for a in listed if isinstance(a, Mapping) and a.get("role") != "target"
    }
    return (
        doers
        | {str(a) for a in listed if isinstance(a, str)}
        | set(record.get("conducted_by") or [])
    )


def _share(a: str, b: str) -> float:
    left, right = set(_words(a)), set(_words(b))
    return len(left & right) / max(1, min(len(left), len(right)))


def _similarity(section: str, mine: Record, theirs: Record) -> float:
    """How surely two records state the same fact (0: not the same)."""
    if section == "activity_reports":
        where = ("region_id", "actor_id", "month")
        if any(str(mine.get(k) or "") != str(theirs.get(k) or "") for k in where):
            return 0.0
        if mine.get("metric") == theirs.get("metric"):
            return 2.0
        return (
            1.0
            if mine.get("value") is not None and mine.get("value") == theirs.get("value")
            else 0.0
        )
    if section == "assessments":
        theirs_text = " ".join(str(theirs.get(k) or "") for k in ("statement", "wording"))
        share = _share(str(mine.get("statement", "")), theirs_text)
        return share if share >= _WORDING_SHARE else 0.0
    if not any(_compatible(mine.get("date"), theirs.get(k)) for k in ("date", "end_date")):
        return 0.0
    actors = len(_actors(mine) & _actors(theirs))
    if _actors(mine) and _actors(theirs) and not actors:
        return 0.0
    if section == "operations":
        regions = len(set(mine.get("regions") or []) & set(theirs.get("regions") or []))
        return 2.0 * actors + regions
    same_kind = mine.get("kind") == theirs.get("kind")
    if not same_kind and not actors:
        return 0.0
    return 2.0 * same_kind + actors + _share(str(mine.get("name", "")), str(theirs.get("name", "")))


@dataclass(frozen=True)
class Verdict:
    """known, changed or new; the known id and what differs."""

    status: str
    known_id: str | None = None
    differs: dict[str, list[Any]] | None = None


class KnownFacts:
    """The facts one source already has in the knowledge base, by section."""

    def __init__(self, records: Mapping[str, Sequence[Record]], source_id: str) -> None:
        self.source_id = source_id
        self.facts = {
            section: [r for r in found if _of_source(r, source_id)]
            for section, found in records.items()
            if section in _COMPARED
        }
        self._matched: set[str] = set()

    def judge(self, section: str, record: Record) -> Verdict:
        """Whether the knowledge base has this fact already, with other values, or not at all.

        The most similar fact of the section is the one meant; each is matched once.
        """
        scored = [(_similarity(section, record, theirs), theirs) for theirs in self.facts.get(section, [])
                  if str(theirs["id"]) not in self._matched]  # fmt: skip
        best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        theirs = best[1]
        if theirs is not None and best[0] > 0:
            self._matched.add(str(theirs["id"]))
            differs = {
                key: [theirs.get(key), record.get(key)]
                for key in _COMPARED[section]
                if key in record
                and not _equal(record.get(key), theirs.get(key), key)
                and not (key == "date" and _equal(record.get(key), theirs.get("end_date"), key))
            }
            return Verdict("changed" if differs else "known", str(theirs["id"]), differs or None)
        return Verdict("new")


_DEFAULTS = {"qualifier": "exact"}
_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")


def _equal(mine: object, theirs: object, key: str) -> bool:
    theirs = _DEFAULTS.get(key) if theirs is None else theirs
    if isinstance(mine, list) and isinstance(theirs, list):
        return set(map(str, mine)) <= set(map(str, theirs))
    if _DATE.match(str(mine)) and _DATE.match(str(theirs)):
        return _compatible(mine, theirs)
    return str(mine) == str(theirs)
