"""Resolved incidents, batch by batch, into the store: one transaction per batch.

`IncidentWriter.add` resolves a parsed record's actors (crosswalk) and places (gazetteer)
into positional rows; `take` detaches a batch with the places and actors it introduced;
`write` sends it: places, actors, then the incidents with their edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.model import Actor, Country, Incident, Location, Region, Relationship
from graph.store.base import GraphStore, Transaction
from loaders.crosswalk import Crosswalk
from loaders.regions import CountryInfo, Gazetteer, NewPlaces
from queries.eventdata import (
    CLEAR_PARTICIPANTS,
    CLEAR_PLACES,
    add_missing_participants_statement,
    add_missing_place_statement,
    create_missing_nodes_statement,
    incident_row,
    incident_shared,
    incidents_statement,
    link_statement,
)
from queries.lookups import existing_ids
from queries.writes import node_rows, upsert_nodes_statement

if TYPE_CHECKING:
    from loaders.eventload import Dataset, IncidentRecord

EDGE_STATUS = "reported"
EDGE_CREDIBILITY = 2


@dataclass
class _Batch:
    """One batch as resolved rows, everything its write needs, detached from the parser."""

    incidents: dict[str, list[Any]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)
    """Incidents whose row carries all their edges (every layout but ACLED's monadic)."""
    edges: list[tuple[str, list[Any]]] = field(default_factory=list)
    places: NewPlaces = field(default_factory=NewPlaces)
    actors: list[Actor] = field(default_factory=list)

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


class IncidentWriter:
    """Resolves parsed records into batches and writes them, one transaction per batch."""

    def __init__(
        self, store: GraphStore, dataset: Dataset, crosswalk: Crosswalk, gazetteer: Gazetteer
    ) -> None:
        self.store = store
        self.dataset = dataset
        self.crosswalk = crosswalk
        self.gazetteer = gazetteer
        self.source_id = dataset.source.id
        self.batch = _Batch()
        self.shared = shared_edge_properties(self.source_id)
        self.incidents = 0
        self.written = 0
        """Incidents in batches the store acknowledged (on disk), for an interrupted load."""
        self.relationships = 0
        self.actors_upserted = 0
        self._acled = dataset.name == "ACLED"
        self.shared_incident: dict[str, Any] | None = None
        self._sources_written = False

    def add(self, record: IncidentRecord) -> None:
        """Resolve one record into the current batch (raises ValidationError on bad fields)."""
        fields = record.fields
        info: CountryInfo | None = self.gazetteer.country(
            record.country, record.iso_numeric, record.gw
        )
        if info is not None:
            fields["country"] = info.iso3
        fields["source_ids"] = [self.source_id]
        model = Incident(**fields)
        props = vars(model)  # every Incident field is a plain JSON value: no dump needed
        incident_id = model.id
        if self.shared_incident is None:
            self.shared_incident = incident_shared(props)
        elif incident_shared(props) != self.shared_incident:
            raise AssertionError(f"{incident_id}: dataset and sources differ within one load")
        place = self.gazetteer.place(
            info, record.admins, record.location, fields.get("latitude"),
            fields.get("longitude"), fields.get("geo_precision"),
        )  # fmt: skip
        for level, name in enumerate(place.region_names, start=1):
            props[f"admin{level}"] = name
        batch = self.batch
        participants: list[list[str]] = []
        for participant in record.participants:
            actor_id = self.crosswalk.actor_for(
                participant.name, participant.kind, self.source_id, participant.ucdp_id,
                acled=self._acled,
            )  # fmt: skip
            participants.append([actor_id, participant.role])
        earlier = batch.incidents.get(incident_id)
        if earlier is not None and not record.complete:
            # monadic rows of one event that were not adjacent: keep every actor
            participants = earlier[-2] + [p for p in participants if p not in earlier[-2]]
        target = place.most_specific
        batch.incidents[incident_id] = incident_row(props, participants, target)
        if record.complete:
            batch.whole.add(incident_id)

    def take(self) -> _Batch:
        """Detach the current batch with the places and actors it introduced."""
        batch, self.batch = self.batch, _Batch()
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

    async def write(self, batch: _Batch) -> None:
        """Write one batch in one transaction: places, actors, incidents, then their edges."""
        if not (batch.incidents or batch.places or batch.actors or batch.edges):
            return
        existing = await existing_ids(self.store, batch.incidents) if batch.incidents else set()
        rewrite = sorted(existing & batch.whole)  # updated rows: their edges are rewritten
        partial = existing - batch.whole  # monadic parts of events already stored
        async with self.store.transaction() as tx:
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
                await tx.write(CLEAR_PLACES, {"ids": rewrite})
            groups: dict[tuple[bool, str | None], list[list[Any]]] = {}
            for incident_id, row in batch.incidents.items():
                if incident_id in partial:
                    row = [*row[:-2], [], None]  # the node only; edges are added below
                place = row[-1]
                key = (incident_id not in existing, label_of(place) if place else None)
                groups.setdefault(key, []).append(row)
            params = {"edge": self.shared, "shared": self.shared_incident}
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
        self.written += len(batch.incidents)

    async def _add_missing(self, tx: Transaction, rows: list[list[Any]]) -> None:
        """Edges of incidents stored in parts (monadic rows): add what each lacks."""
        await tx.write(add_missing_participants_statement(), {"rows": rows, "edge": self.shared})
        by_place: dict[str, list[list[Any]]] = {}
        for row in rows:
            if row[-1] is not None:
                by_place.setdefault(label_of(row[-1]), []).append(row)
        for label, place_rows in by_place.items():
            await tx.write(add_missing_place_statement(label),
                           {"rows": place_rows, "edge": self.shared})  # fmt: skip

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
