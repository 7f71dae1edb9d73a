"""The draft being built: records section by section, and the notes an analyst reviews.

A record joins the draft unless the knowledge base already has it — by id, or (when the
draft's source is a known issue) by what it says, see known.py — or the draft already
holds it: a count and a stated direction for the same id become one record; the same id
stated twice differently is left out and listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loaders.newsletter.known import KnownFacts
from loaders.newsletter.records import Record

SECTION_ORDER = ("sources", "activity_reports", "operations", "events", "assessments")


@dataclass
class Draft:
    """The records to write, section by section, and the review notes that go with them."""

    source_id: str
    period: str
    sections: dict[str, list[Record]] = field(
        default_factory=lambda: {s: [] for s in SECTION_ORDER}
    )
    review: dict[str, Any] = field(default_factory=dict)
    known: KnownFacts | None = None
    _ids: dict[str, Record] = field(default_factory=dict)

    def add(self, section: str, record: Record, known_ids: set[str]) -> None:
        """Add a record unless the knowledge base has it (by id or by what it says) or the
        draft has it otherwise."""
        if self.known is not None and section != "sources" and not self._judged(section, record):
            return
        same_id = self._ids.get(record["id"])
        if record["id"] in known_ids:
            self._skip(record, "already in the knowledge base")
        elif same_id is None:
            self._ids[record["id"]] = record
            self.sections[section].append(record)
        elif "direction" in same_id and "value" in record:
            # a count and a stated direction for the same place, month and metric: one
            # record says both ("41 attacks" and "attacks rose")
            records = self.sections[section]
            merged = _with_direction(record, same_id)
            records[records.index(same_id)] = self._ids[record["id"]] = merged
        elif "direction" in record and "value" in same_id:
            records = self.sections[section]
            merged = _with_direction(same_id, record)
            records[records.index(same_id)] = self._ids[record["id"]] = merged
        elif _facts(same_id) != _facts(record):
            self._skip(record, "the text gives it twice, differently")

    def _judged(self, section: str, record: Record) -> bool:
        """True for a new fact; a known or changed one is listed for review instead."""
        assert self.known is not None
        verdict = self.known.judge(section, record)
        if verdict.status == "new":
            self.note("new", record["id"])
            return True
        if verdict.status == "known":
            self.note("known", verdict.known_id)
        else:
            self.note("changed", {"id": verdict.known_id, "differs (known, draft)": verdict.differs,
                                  "description": record.get("description", "")})  # fmt: skip
        return False

    def _skip(self, record: Record, reason: str) -> None:
        self.note("skipped", {"id": record["id"], "reason": reason,
                              "description": record.get("description", "")})  # fmt: skip

    def note(self, heading: str, item: Any) -> None:
        items = self.review.setdefault(heading, [])
        if item not in items:
            items.append(item)

    def records(self) -> dict[str, list[Record]]:
        return {section: records for section, records in self.sections.items() if records}


def _with_direction(count: Record, change: Record) -> Record:
    """The count's record, also stating the direction the text gives for it."""
    if "direction" in count:
        return count
    merged = {k: v for k, v in count.items() if k not in ("description", "source_ids")}
    merged["direction"] = change["direction"]
    merged["description"] = f"{count['description']} Direction: {change['description']}"
    merged["source_ids"] = list(dict.fromkeys([*count["source_ids"], *change["source_ids"]]))
    return merged


def _facts(record: Record) -> Record:
    return {k: v for k, v in record.items() if k not in ("description", "name", "source_ids")}
