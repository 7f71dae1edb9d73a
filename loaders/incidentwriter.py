"""Resolved incidents, batch by batch, into the store: one transaction per batch.

`IncidentWriter.add` resolves a parsed record's actors (crosswalk) and places (gazetteer)
into positional rows; `take` detaches a batch with the places and actors it introduced;
`prepare` turns it into its transaction (places, actors, then the incidents with their
edges) and `send` commits that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import Actor, Country, Incident, Location, Region, Relationship
from graph.store.base import BufferedTransaction, GraphStore, PreparedWrites, Transaction
from loaders.countries import CountryInfo
from loaders.crosswalk import Crosswalk
from loaders.placerule import PlaceRank, keep_place, place_rank, row_place
from loaders.records import Dataset, IncidentRecord
from loaders.regions import NewPlaces, PlaceResolver
from loaders.seenids import SeenIds
from queries.eventdata.incidents import (
    CLEAR_PARTICIPANTS,
    CLEAR_PLACES,
    add_missing_participants_statement,
    incident_row,
    incident_shared,
    incidents_statement,
    possible_edge,
)
from queries.eventdata.indexes import dataset_has_incidents, read_incident_places
from queries.eventdata.references import create_missing_nodes_statement, link_statement
from queries.place_rollup import refresh_place_rollup
from queries.writes import node_rows, upsert_nodes_statement

EDGE_STATUS = "reported"
EDGE_CREDIBILITY = 2


@dataclass
class Batch:
    """One batch as resolved rows, everything its write needs, detached from the parser."""

    incidents: dict[str, list[Any]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)
    """Incidents whose row carries all their edges (every layout but ACLED's monadic)."""
    edges: list[tuple[str, list[Any]]] = field(default_factory=list)
    places: NewPlaces = field(default_factory=NewPlaces)
    actors: list[Actor] = field(default_factory=list)
    ranks: dict[str, PlaceRank] = field(default_factory=dict)
    """Each incident's place, ranked by `loaders.placerule` (smaller wins)."""
    shared: dict[str, Any] | None = None
    """The `$shared` incident properties (`incident_shared`), set when the batch is taken."""

    def __len__(self) -> int:
        return len(self.incidents)


_LABELS = {"actor": "Actor", "incident": "Incident", "region": "Region", "country": "Country",
           "location": "Location", "alliance": "Alliance"}  # fmt: skip


def label_of(node_id: str) -> str:
    """`region:mli-kayes` → `Region` (only for the prefixes the event loaders write)."""
    return _LABELS[node_id.partition(":")[0]]


def shared_edge_properties(source_id: str) -> dict[str, Any]:
    """What every edge an event load writes has in common, as the model makes it."""
    model = Relationship(type="PARTICIPATED_IN", from_id="actor:x", to_id="incident:x",
                         status=EDGE_STATUS, credibility=EDGE_CREDIBILITY,
                         source_ids=[source_id])  # fmt: skip
    return {k: v for k, v in model.to_properties().items() if k not in ("id", "role", "key")}


_INCIDENT_DEFAULTS = {name: field.default for name, field in Incident.model_fields.items()
                      if name not in ("id", "name", "date", "source_ids")}  # fmt: skip


def incident_props(fields: dict[str, Any]) -> dict[str, Any]:
    """An Incident's properties from a parser's fields, without running the model.

    The parsers make every check the model would (dates, counts, coordinates, ids) and
    reject the row naming the field; running pydantic again on millions of valid rows
    cost an eighth of a load. `--strict` still checks every record against the model
    first, and the tests compare stored incidents with the model's own serialisation.
    """
    props = {**_INCIDENT_DEFAULTS, **fields}
    if props["month"] is None:
        props["month"] = props["date"][:7] if len(props["date"]) >= 7 else None
    return props


class IncidentWriter:
    """Resolves parsed records into batches and writes them, one transaction per batch."""

    def __init__(
        self, store: GraphStore, dataset: Dataset, crosswalk: Crosswalk, gazetteer: PlaceResolver
    ) -> None:
        self.store = store
        self.dataset = dataset
        self.crosswalk = crosswalk
        self.gazetteer = gazetteer
        self.source_id = dataset.source.id
        self.batch = Batch()
        self.shared = shared_edge_properties(self.source_id)
        self.incidents = 0
        self.written = 0
        """Incidents in batches the store acknowledged (on disk), for an interrupted load."""
        self.relationships = 0
        self.actors_upserted = 0
        self.ambiguous = 0
        """Incidents with at least one candidate of an ambiguous attribution."""
        self._acled = dataset.name == "ACLED"
        self.shared_incident: dict[str, Any] | None = None
        self._sources_written = False
        self._fresh: bool | None = None
        """The store held no incident of this dataset when the first batch was written."""
        self._seen = SeenIds()

    def add(self, record: IncidentRecord) -> None:
        """Resolve one record into the current batch (raises ValidationError on bad fields)."""
        fields = record.fields
        info: CountryInfo | None = self.gazetteer.country(
            record.country, record.iso_numeric, record.gw
        )
        if info is not None:
            fields["country"] = info.iso3
        fields["source_ids"] = [self.source_id]
        props = incident_props(fields)
        incident_id = props["id"]
        if self.shared_incident is None:
            self.shared_incident = incident_shared(props)
        elif props["dataset"] != self.shared_incident["dataset"]:  # source_ids: set just above
            raise AssertionError(f"{incident_id}: the dataset differs within one load")
        place = self.gazetteer.place(
            info, record.admins, record.location, fields.get("latitude"),
            fields.get("longitude"), fields.get("geo_precision"),
        )  # fmt: skip
        for level, name in enumerate(place.region_names, start=1):
            props[f"admin{level}"] = name
        batch = self.batch
        participants = self._participants(record, info)
        earlier = batch.incidents.get(incident_id)
        if earlier is not None and not record.complete:
            # monadic rows of one event that were not adjacent: keep every actor
            participants = earlier[-2] + [p for p in participants if p not in earlier[-2]]
        target = place.most_specific
        row = incident_row(props, participants, target)
        rank = place_rank(target, label_of(target) if target else None, len(place.region_ids),
                          props.get("dataset"), props.get("source_timestamp"))  # fmt: skip
        if earlier is not None and batch.ranks[incident_id] < rank:
            keep_place(row, row_place(earlier))  # the place rule: the better place stays
            rank = batch.ranks[incident_id]
        batch.incidents[incident_id] = row
        batch.ranks[incident_id] = rank
        if record.complete:
            batch.whole.add(incident_id)

    def _participants(self, record: IncidentRecord, info: CountryInfo | None) -> list[list[str]]:
        """`[actor id, role]` per participant; `[actor id, role, text]` for a candidate of
        an ambiguous attribution. Candidates that all name one actor make it certain."""
        if all(p.attribution is None for p in record.participants):  # the common case
            return self._plain_participants(record, info)
        resolved: list[list[str]] = []
        for participant in record.participants:
            actor_id = self.crosswalk.actor_for(
                participant.name, participant.kind, self.source_id, participant.ucdp_id,
                acled=self._acled, country=info.iso3 if info else None,
                date=record.fields.get("date"),
            )  # fmt: skip
            if participant.attribution is None:
                resolved.append([actor_id, participant.role])
            else:
                resolved.append([actor_id, participant.role, participant.attribution])
        candidates: dict[tuple[str, str], set[str]] = {}
        for entry in resolved:
            if len(entry) > 2:
                candidates.setdefault((entry[1], entry[2]), set()).add(entry[0])
        kept: dict[tuple[str, str], list[str]] = {}
        for entry in resolved:
            if len(entry) > 2 and len(candidates[(entry[1], entry[2])]) == 1:
                entry = entry[:2]
            key = (entry[0], entry[1])
            if key not in kept or len(kept[key]) > len(entry):  # a certain edge wins
                kept[key] = entry
        participants = list(kept.values())
        if any(len(entry) > 2 for entry in participants):
            self.ambiguous += 1
        return participants

    def _plain_participants(
        self, record: IncidentRecord, info: CountryInfo | None
    ) -> list[list[str]]:
        country, date = (info.iso3 if info else None), record.fields.get("date")
        participants: list[list[str]] = []
        for p in record.participants:
            entry = [self.crosswalk.actor_for(p.name, p.kind, self.source_id, p.ucdp_id,
                                              self._acled, country, date), p.role]  # fmt: skip
            if entry not in participants:
                participants.append(entry)
        return participants

    def take(self) -> Batch:
        """Detach the current batch with the places and actors it introduced."""
        batch, self.batch = self.batch, Batch()
        batch.shared = self.shared_incident
        batch.places = self.gazetteer.drain()
        batch.actors = self.crosswalk.drain_actors()
        for child, parent in batch.places.region_parents:
            batch.edges.append(("PART_OF", [child, parent, None]))
        for child, parent in batch.places.location_parents:
            batch.edges.append(("LOCATED_IN", [child, parent, None]))
        self.incidents += len(batch.incidents)
        self.actors_upserted += len(batch.actors)
        self.relationships += len(batch.edges) + sum(
            len(row[-2]) + (row[-1] is not None) for row in batch.incidents.values()
        )
        return batch

    async def prepare(self, batch: Batch) -> PreparedWrites | None:
        """The batch's transaction — places, actors, incidents, then their edges — ready for
        the engine (None when there is nothing to write). Its reads see what is committed:
        a batch sharing incidents with one still being written must wait for that one
        first (`loaders.inflight`)."""
        if not (batch.incidents or batch.places or batch.actors or batch.edges):
            return None
        existing = await self._apply_place_rule(batch) if batch.incidents else set()
        rewrite = sorted(existing & batch.whole)  # updated rows: their edges are rewritten
        partial = existing - batch.whole  # monadic parts of events already stored
        tx = BufferedTransaction()
        if not self._sources_written:
            await tx.write(create_missing_nodes_statement("Source"),
                           {"rows": list(node_rows([self.dataset.source]))})  # fmt: skip
            self._sources_written = True
        await self._write_places(tx, batch.places)
        if batch.actors:
            await tx.write(upsert_nodes_statement("Actor"),
                           {"rows": list(node_rows(batch.actors))})  # fmt: skip
        if rewrite:
            await tx.write(CLEAR_PARTICIPANTS, {"ids": rewrite})
        if existing:
            await tx.write(CLEAR_PLACES, {"ids": sorted(existing)})  # the winner is rewritten
        groups: dict[tuple[bool, str | None], list[list[Any]]] = {}
        for incident_id, row in batch.incidents.items():
            if incident_id in partial:
                row = [*row[:-2], [], row[-1]]  # node and place; participants added below
            place = row[-1]
            key = (incident_id not in existing, label_of(place) if place else None)
            groups.setdefault(key, []).append(row)
        params = {"edge": self.shared, "shared": batch.shared, "possible": possible_edge()}
        for (create, place_label), rows in groups.items():
            await tx.write(incidents_statement(create, place_label), {"rows": rows, **params})
        if partial:
            await self._add_missing(tx, [batch.incidents[i] for i in sorted(partial)])
        links: dict[tuple[str, str, str], list[list[Any]]] = {}
        for rel_type, row in batch.edges:
            links.setdefault((rel_type, label_of(row[0]), label_of(row[1])), []).append(row)
        for (rel_type, from_label, to_label), rows in links.items():
            await tx.write(link_statement(rel_type, from_label, to_label),
                           {"rows": rows, "edge": self.shared})  # fmt: skip
        if batch.places:
            await refresh_place_rollup(tx, batch.places.ids_by_label())
        return self.store.prepare(tx.statements)

    async def send(self, prepared: PreparedWrites, incidents: int) -> None:
        """Commit a prepared batch; its incidents count as written once acknowledged."""
        await self.store.commit(prepared)
        self.written += incidents

    async def _add_missing(self, tx: Transaction, rows: list[list[Any]]) -> None:
        """Actors of incidents stored in parts (monadic rows): add the edges each lacks."""
        await tx.write(add_missing_participants_statement(),
                       {"rows": rows, "edge": self.shared, "possible": possible_edge()})  # fmt: skip

    async def _apply_place_rule(self, batch: Batch) -> set[str]:
        """Stored incidents of the batch; where a stored place outranks the batch's, the row
        takes the stored place and its properties (`loaders.placerule`)."""
        stored: dict[str, tuple[PlaceRank, dict[str, Any]]] = {}
        for record in await read_incident_places(self.store, await self._maybe_stored(batch)):
            place = record["place"]
            rank = place_rank(place, label_of(place) if place else None, record["level"],
                              record["dataset"], record["source_timestamp"])  # fmt: skip
            incident_id = str(record["id"])
            if incident_id not in stored or rank < stored[incident_id][0]:
                stored[incident_id] = (rank, dict(record))
        for incident_id, (rank, values) in stored.items():
            if rank < batch.ranks[incident_id]:
                keep_place(batch.incidents[incident_id], values)
        return set(stored)

    async def _maybe_stored(self, batch: Batch) -> list[str]:
        """The batch's incidents the store may hold: all of them, unless the store had none
        of this dataset when the load began; then those an earlier batch may have sent."""
        if self._fresh is None and batch.shared is not None:
            dataset = str(batch.shared["dataset"])
            self._fresh = not await dataset_has_incidents(self.store, dataset)
        repeats = self._seen.repeats(batch.incidents)
        return repeats if self._fresh else list(batch.incidents)

    async def _write_places(self, tx: Transaction, places: NewPlaces) -> None:
        for label, model, rows in (
            ("Country", Country, places.countries),
            ("Region", Region, places.regions),
            ("Location", Location, places.locations),
        ):
            if rows:
                nodes = [model(**row) for row in rows]
                await tx.write(
                    create_missing_nodes_statement(label), {"rows": list(node_rows(nodes))}
                )
