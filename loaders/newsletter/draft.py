"""Newsletter text → a draft in the curated format, plus what an analyst must review.

Runs every extractor over the analysed text in document order, turns facts into records,
and keeps the draft loadable: an item whose id the knowledge base already has, or that
repeats another with different values, is left out and listed for review; a place or
name the knowledge base lacks is listed, never given an invented id.
"""

from __future__ import annotations

from collections import Counter

from graph.ids import make_id
from graph.vocab import EventKind
from loaders.newsletter.assessments import find_judgment
from loaders.newsletter.calendar import find_dates
from loaders.newsletter.changes import find_changes, has_change_cue, is_other_period
from loaders.newsletter.counts import Count, find_counts
from loaders.newsletter.document import Analysed, Document, analyse
from loaders.newsletter.draftset import Draft
from loaders.newsletter.eventactors import RecentActors, event_parties, header_actor
from loaders.newsletter.events import find_events
from loaders.newsletter.gazetteer import Gazetteer
from loaders.newsletter.known import KnownFacts, recognise_issue
from loaders.newsletter.names import AliasSuggestion, UnknownName, unknown_names
from loaders.newsletter.operations import find_named_operation, operations_from_counts
from loaders.newsletter.period import Period, PeriodNotFound, covered_regions, detect_period
from loaders.newsletter.places import PlaceContext, place_of
from loaders.newsletter.records import RecordBuilder, month_label
from loaders.newsletter.tables import TableReader

__all__ = ["Draft", "extract_draft"]


def _chars(start: int, end: int) -> str:
    return f"{start}-{end}"


def extract_draft(
    text: str,
    gazetteer: Gazetteer,
    source_id: str | None,
    source_name: str,
    period: str | None = None,
) -> Draft:
    """Read one newsletter and build its draft.

    Without `source_id`, an issue the knowledge base already has is recognised and its
    source id reused; otherwise the id is made from `source_name`.
    """
    document = analyse(text, gazetteer)
    found = _detect(document, required=period is None)
    month = period or (found.month if found else "")
    sources = gazetteer.records.get("sources", [])
    recognised = recognise_issue(text, month, sources) if source_id is None else None
    source_id = source_id or recognised or make_id("source", source_name)
    draft = Draft(source_id, month)
    if source_id in gazetteer.ids:
        draft.known = KnownFacts(gazetteer.records, source_id)
    if recognised is not None:
        draft.note("warnings", f"this issue is already in the knowledge base as {recognised}: "
                               "the draft holds only what is new (known and changed facts are listed in the review notes)")  # fmt: skip
    builder = RecordBuilder(source_id, gazetteer)
    known = set(gazetteer.ids)
    regions, coverage = covered_regions(document)
    draft.review["period"] = month
    if period is not None and found is not None and found.month != period:
        draft.note("warnings", f"--period {period} contradicts the text, which reports on "
                               f"{found.month} ({month_label(found.month)}); the draft uses {period}")  # fmt: skip
    if found and found.evidence:
        draft.review["period_from"] = found.evidence.sentence.cite()
    _declare_source(draft, source_id, source_name, month, regions, coverage, gazetteer, builder)
    unknown: Counter[str] = Counter()
    first_seen: dict[str, UnknownName] = {}
    context = PlaceContext()
    all_counts = []
    header: str | None = None
    anchor: str | None = None
    tables = TableReader(month)
    recent = RecentActors()
    for analysed in document.sentences:
        context.enter(analysed)
        names, aliases = unknown_names(analysed, gazetteer.names)
        for name in names:
            unknown[name.name] += 1
            first_seen.setdefault(name.name, name)
        _note_aliases(draft, aliases)
        counts = tables.read(analysed)
        if counts is None:
            counts = find_counts(analysed, month, names, context)
        all_counts += counts
        for count in counts:
            _add_count(draft, builder, count, known)
        _add_changes(draft, builder, analysed, month, names, known, context)
        if not analysed.sentence.bullet:
            header = header_actor(analysed)
        for event in find_events(analysed, month, anchor):
            base = analysed.start
            parties = event_parties(analysed, (event.clause_start - base, event.clause_end - base),
                                    event.cue_start - base, event.kind == EventKind.STATEMENT,
                                    header if analysed.sentence.bullet else None, gazetteer,
                                    recent)  # fmt: skip
            places, affects = _places(analysed, event.clause_start, event.clause_end)
            draft.add("events", builder.event(event, parties, places, affects), known)
        anchor = last_day(analysed, month, anchor)
        recent.note(analysed, gazetteer)
        named = find_named_operation(analysed, month, any(c.metric == "operations" for c in counts))
        if named is not None:
            draft.add("operations", builder.operation(named), known)
        judgment = find_judgment(analysed)
        if judgment is not None:
            about = list(dict.fromkeys(e.id for m in analysed.mentions for e in m.entities[:1]))
            draft.add("assessments", builder.assessment(judgment, about, month), known)
    for operation in operations_from_counts(all_counts):
        if operation.regions or operation.conducted_by:
            draft.add("operations", builder.operation(operation), known)
    _note_mentions(draft, document, unknown, first_seen)
    if not regions:
        reported = [r["region_id"] for r in draft.sections["activity_reports"] if "region_id" in r]
        draft.review["regions_covered"] = [
            r for r in dict.fromkeys(reported) if r.startswith("region:")
        ]
        draft.review["regions_covered_from"] = "not stated; the regions the draft reports on"
    return draft


def _detect(document: Document, required: bool) -> Period | None:
    """The text's own period; when `--period` was given, None if the text does not say."""
    try:
        return detect_period(document)
    except PeriodNotFound:
        if required:
            raise
        return None


def _declare_source(
    draft: Draft,
    source_id: str,
    name: str,
    month: str,
    regions: list[str],
    coverage: Analysed | None,
    gazetteer: Gazetteer,
    builder: RecordBuilder,
) -> None:
    draft.review["regions_covered"] = regions
    if coverage is not None:
        draft.review["regions_covered_from"] = coverage.sentence.cite()
    if source_id in gazetteer.ids:
        draft.review["source"] = f"{source_id} (already in the knowledge base; not declared again)"
        return
    draft.review["source"] = f"{source_id} (declared in this draft with reliability F: grade it)"
    covered = ", ".join(builder.name_of(r) for r in regions) or "not stated"
    draft.sections["sources"].append({
        "id": source_id, "name": name, "kind": "newsletter", "reliability": "F",
        "description": f"Draft extracted by `sahelkg extract`. Reporting period {month_label(month)}; "
                       f"regions covered: {covered}.",
    })  # fmt: skip


def _add_count(draft: Draft, builder: RecordBuilder, count: Count, known: set[str]) -> None:
    place = count.place
    if place is None or place.id is None:
        where = f"unknown place {place.unknown!r}" if place and place.unknown else "no place"
        draft.note("unresolved", {"what": f"count {count.phrase!r} ({count.metric}): {where}",
                                  "from": count.analysed.sentence.cite()})  # fmt: skip
        return
    for record in builder.count(count):
        draft.add("activity_reports", record, known)


def _add_changes(
    draft: Draft,
    builder: RecordBuilder,
    analysed: Analysed,
    month: str,
    names: list[UnknownName],
    known: set[str],
    context: PlaceContext,
) -> None:
    changes, unresolved = find_changes(analysed, month, names, context)
    for change in changes:
        draft.add("activity_reports", builder.change(change), known)
    for name in unresolved:
        draft.note("unresolved", {"what": f"direction of change for unknown place {name!r}",
                                  "from": analysed.sentence.cite()})  # fmt: skip
    if (
        not analysed.sentence.heading
        and is_other_period(analysed)
        and has_change_cue(analysed.work)
    ):
        draft.note("other_period", analysed.sentence.cite())


def _places(analysed: Analysed, start: int, end: int) -> tuple[list[str], list[str]]:
    """Places and alliances named in a clause."""
    places: list[str] = []
    affects: list[str] = []
    for mention in analysed.mentions:
        if not (start <= mention.start < end):
            continue
        place = place_of(mention)
        alliance = mention.first("alliance")
        if mention.entities[0].kind == "alliance" and alliance:
            affects.append(alliance.id)
        elif mention.entities[0].kind != "actor" and place:
            places.append(place)
    return list(dict.fromkeys(places)), list(dict.fromkeys(affects))


def last_day(analysed: Analysed, period: str, anchor: str | None) -> str | None:
    """The last day-precision date written up to the end of this sentence."""
    days = [d.date for d in find_dates(analysed.work, period, analysed.start, anchor)
            if d.precision == "day"]  # fmt: skip
    return days[-1] if days else anchor


def _note_aliases(draft: Draft, aliases: list[AliasSuggestion]) -> None:
    for alias in aliases:
        draft.note("alias_suggestions", {"alias": alias.alias, "id": alias.id,
                                         "chars": _chars(alias.start, alias.end)})  # fmt: skip


def _note_mentions(
    draft: Draft, document: Document, unknown: Counter[str], first: dict[str, UnknownName]
) -> None:
    mentioned: Counter[str] = Counter()
    names: dict[str, str] = {}
    for analysed in document.sentences:
        for mention in analysed.mentions:
            mentioned[mention.entities[0].id] += 1
            names.setdefault(mention.entities[0].id, mention.text)
    draft.review["mentioned"] = [
        {"id": i, "as": names[i], "count": n} for i, n in mentioned.most_common()
    ]
    draft.review["unknown_names"] = [
        {"name": name, "guess": first[name].guess, "count": n, "chars": _chars(first[name].start, first[name].end)}
        for name, n in unknown.most_common()
    ]  # fmt: skip
