"""Facts → curated-format records (plain dicts, field names exactly as in graph/model.py).

Ids follow the knowledge base's conventions (data/README.md): `report:<source>:<place>:
<month>:<metric>[:<actor>]`, `assessment:<source>:<slug>`, built from `graph.ids`, so the
same text always gives the same ids. Every record says in `description` which sentence
it came from, with character offsets, and cites the source at the sentence's section.
"""

from __future__ import annotations

from typing import Any

from graph.ids import make_id, slugify
from loaders.newsletter.assessments import Judgment
from loaders.newsletter.calendar import MONTH_NAMES
from loaders.newsletter.changes import Change
from loaders.newsletter.counts import Count
from loaders.newsletter.document import Analysed
from loaders.newsletter.eventactors import Party
from loaders.newsletter.eventnames import event_name
from loaders.newsletter.events import DatedEvent
from loaders.newsletter.gazetteer import Gazetteer
from loaders.newsletter.operations import OperationFact

Record = dict[str, Any]
_NAME_LENGTH = 110
_SLUG_WORDS = 7
_EVENT_SLUG_WORDS = 6


def compose_id(prefix: str, *parts: str) -> str:
    """`compose_id("report", "dispatch-2023-06", "mli-kayes", "2023-06")` →
    `report:dispatch-2023-06:mli-kayes:2023-06`."""
    return make_id(prefix, parts[0]) + "".join(f":{slugify(p)}" for p in parts[1:])


def local_part(node_id: str) -> str:
    """`region:mli-kayes` → `mli-kayes`."""
    return node_id.partition(":")[2]


def month_label(month: str) -> str:
    """`2023-06` → `June 2023`."""
    return f"{MONTH_NAMES[int(month[5:7]) - 1]} {month[:4]}"


def shorten(text: str, limit: int = _NAME_LENGTH) -> str:
    """Cut at a word boundary, marking the cut."""
    text = " ".join(text.split()).strip(" ,;")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


class RecordBuilder:
    """Builds records for one source, naming entities by the gazetteer's display names."""

    def __init__(self, source_id: str, gazetteer: Gazetteer) -> None:
        self.source_id = source_id
        self.source_slug = local_part(source_id)
        self.gazetteer = gazetteer

    def name_of(self, node_id: str) -> str:
        entity = self.gazetteer.entities.get(node_id)
        return entity.name if entity else local_part(node_id)

    def cite(self, analysed: Analysed) -> list[str]:
        section = analysed.sentence.section
        return [f"{self.source_id}#{slugify(section)}" if section else self.source_id]

    def _report(self, place: str | None, actor: str | None, month: str, metric: str) -> Record:
        parts = [self.source_slug, *([local_part(place)] if place else []), month, metric]
        if actor:
            parts.append(local_part(actor))
        what = metric.replace("_", " ")
        if actor:
            what = f"{self.name_of(actor)} {what}" + (f" in {self.name_of(place)}" if place else "")
        elif place:
            what = f"{self.name_of(place)} {what}"
        record: Record = {"id": compose_id("report", *parts), "name": f"{what}, {month_label(month)}",
                          "month": month, "metric": metric}  # fmt: skip
        if place:
            record["region_id"] = place
        if actor:
            record["actor_id"] = actor
        return record

    def count(self, count: Count) -> list[Record]:
        """The count, and last month's value when the text gives or implies it."""
        place = count.place.id if count.place else None
        record = self._report(place, count.actor, count.month, count.metric)
        record["value"] = count.value
        if count.qualifier:
            record["qualifier"] = count.qualifier
        hedge = f'Approximate ("{count.hedge} {count.phrase}"). ' if count.hedge else ""
        record["description"] = f'{hedge}Count "{count.phrase}". {count.analysed.sentence.cite()}'
        record["source_ids"] = self.cite(count.analysed)
        records = [record]
        comparison = count.comparison
        if comparison is not None:
            previous = self._report(place, count.actor, comparison.month, count.metric)
            previous["value"] = comparison.value
            previous["qualifier"] = "derived" if comparison.derived else "exact"
            if comparison.derived:
                previous["derived_from"] = comparison.phrase
                how = f'Derived from "{count.phrase}" and "{comparison.phrase}". '
            else:
                how = f'Stated in "{comparison.phrase}". '
            previous["description"] = how + count.analysed.sentence.cite()
            previous["source_ids"] = self.cite(count.analysed)
            records.append(previous)
        return records

    def change(self, change: Change) -> Record:
        place = change.place.id
        record = self._report(place, None, change.month, change.metric)
        size = f" {change.magnitude}" if change.magnitude else ""
        record["name"] = f"{self.name_of(place or '')} {change.metric.replace('_', ' ')} {change.direction}" \
                         f"{size}, {month_label(change.month)}"  # fmt: skip
        record["direction"] = str(change.direction)
        how_much = (f' Magnitude "{change.magnitude}" is relative: no count is derived from it.'
                    if change.magnitude else "")  # fmt: skip
        record["description"] = (
            f"Direction only; the text gives no number.{how_much} {change.analysed.sentence.cite()}"
        )
        record["source_ids"] = self.cite(change.analysed)
        return record

    def operation(self, fact: OperationFact) -> Record:
        who = fact.conducted_by
        where = fact.regions
        parts = [
            self.source_slug,
            *(local_part(r) for r in where[:3] or who[:2] or ["unplaced"]),
            fact.date,
        ]
        names = ", ".join(self.name_of(r) for r in where)
        conductor = " and ".join(self.name_of(a) for a in who) or "Security"
        kind = "joint operations" if fact.joint else "operations"
        record: Record = {"id": compose_id("operation", *parts),
                          "name": shorten(f"{conductor} {kind}{' in ' + names if names else ''}, "
                                          f"{month_label(fact.date[:7])}"),
                          "date": fact.date}  # fmt: skip
        if fact.joint:
            record["joint"] = True
        if fact.arrests is not None:
            record["arrests"] = fact.arrests
            if fact.arrests_qualifier:
                record["arrests_qualifier"] = fact.arrests_qualifier
        if fact.area:
            record["area"] = fact.area
        for key, values in (("conducted_by", who), ("targeted", fact.targeted), ("regions", where)):
            if values:
                record[key] = list(values)
        record["description"] = fact.analysed.sentence.cite()
        record["source_ids"] = self.cite(fact.analysed)
        return record

    def event(
        self, event: DatedEvent, parties: list[Party], places: list[str], affects: list[str]
    ) -> Record:
        doers = [a for a, role in parties if role != "target"]
        speaker = self.name_of(doers[0]) if doers else None
        fallback = f"{str(event.kind).replace('_', ' ').capitalize()}" + (
            f" by {speaker}" if speaker else ""
        )
        cue = event.cue_start - event.clause_start
        name = event_name(event.clause, speaker, fallback, cue)
        words = slugify(name).split("-")[:_EVENT_SLUG_WORDS]
        record: Record = {"id": compose_id("event", self.source_slug, event.date, "-".join(words)),
                          "name": name, "kind": str(event.kind), "date": event.date}  # fmt: skip
        if event.end_date:
            record["end_date"] = event.end_date
        if parties:
            record["actors"] = [{"actor": a, "role": role} for a, role in parties]
        if places:
            record["regions"] = places
        if affects:
            record["affects"] = affects
        derived = f" ({event.date_derived})" if event.date_derived else ""
        when = (f'Dated by "{event.date_phrase}"{derived}.' if event.date_phrase
                else "No date in the text: dated to the reporting month.")  # fmt: skip
        record["description"] = f"{when} {event.analysed.sentence.cite()}"
        record["source_ids"] = self.cite(event.analysed)
        return record

    def assessment(self, judgment: Judgment, about: list[str], period: str) -> Record:
        text = judgment.analysed.sentence.text
        words = [w for w in slugify(text).split("-") if len(w) > 2][:_SLUG_WORDS]
        record: Record = {"id": compose_id("assessment", self.source_slug, "-".join(words) or "judgment"),
                          "name": shorten(text), "statement": text, "wording": judgment.wording,
                          "likelihood": str(judgment.likelihood)}  # fmt: skip
        if judgment.confidence:
            record["confidence"] = str(judgment.confidence)
        record["date"] = period
        if about:
            record["about"] = about
        record["description"] = (
            f'Graded from "{judgment.wording}". {judgment.analysed.sentence.cite()}'
        )
        record["source_ids"] = self.cite(judgment.analysed)
        return record
