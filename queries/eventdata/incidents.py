"""Writing incidents with their PARTICIPATED_IN and OCCURRED_IN edges: the positional row
format, the write statements, and clearing an updated incident's edges before they are
rewritten."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from graph.model import Incident
from graph.schema import check_label
from graph.vocab import CLAIM_STATUS_RANK, ClaimStatus

CLEAR_PARTICIPANTS = (
    "UNWIND $ids AS incident MATCH (:Incident {id: incident})<-[r:PARTICIPATED_IN]-(:Actor) "
    "DELETE r"
)
"""Before an updated row is written again: its edges are rewritten from the row."""
CLEAR_PLACES = (
    "UNWIND $ids AS incident MATCH (:Incident {id: incident})-[r:OCCURRED_IN]->() DELETE r"
)
INCIDENT_SHARED: tuple[str, ...] = ("dataset", "source_ids")
"""Incident properties every row of one load shares: sent once per batch as `$shared`."""
INCIDENT_PROPERTIES: tuple[str, ...] = tuple(
    name for name in Incident.model_fields if name not in INCIDENT_SHARED
)
"""The order of values in an incident row: the model's fields, less the shared ones."""


def _incident_map() -> str:
    """`{id: row[0], …, dataset: $shared.dataset, …, search_text: row[<name>]}`.

    `search_text` is what `graph.model.Node.to_properties` adds: for an incident, its name.
    """
    parts = []
    for i, name in enumerate(INCIDENT_PROPERTIES):
        if not name.isidentifier():
            raise ValueError(f"{name!r} is not a property name")
        parts.append(f"{name}: row[{i}]")
    parts += [f"{name}: $shared.{name}" for name in INCIDENT_SHARED]
    parts.append(f"search_text: row[{INCIDENT_PROPERTIES.index('name')}]")
    return "{" + ", ".join(parts) + "}"


def incident_row(
    props: dict[str, Any], participants: list[list[str]], place_id: str | None
) -> list[Any]:
    """One incident as the positional row `incidents_statement` takes.

    `[*values of INCIDENT_PROPERTIES, [[actor id, role(, attribution text)], …], place id]`; the values of
    INCIDENT_SHARED go once per batch as `$shared` (see `incident_shared`). Rows are lists,
    not maps: FalkorDB reads a list parameter several times faster than a map with the
    same values, and an event load sends millions of them. A missing value is null, which
    `SET n = {…}` leaves unset on both engines.
    """
    try:
        row = list(_INCIDENT_VALUES(props))  # every parser's props hold every property
    except KeyError:
        row = [props.get(name) for name in INCIDENT_PROPERTIES]
    row.append(participants)
    row.append(place_id)
    return row


_INCIDENT_VALUES = itemgetter(*INCIDENT_PROPERTIES)


def incident_shared(props: dict[str, Any]) -> dict[str, Any]:
    """The `$shared` map for a batch of incidents like `props`."""
    return {name: props.get(name) for name in INCIDENT_SHARED}


_PARTICIPANTS = len(INCIDENT_PROPERTIES)
_PLACE = _PARTICIPANTS + 1


def incidents_statement(create: bool, place_label: str | None) -> str:
    """Write incidents with their PARTICIPATED_IN and OCCURRED_IN edges in one statement.

    `create` is for incidents the store did not have before this batch (checked just
    before); otherwise they are MERGEd by id and their properties replaced (an updated
    export updates them). Either way the edges are CREATEd: the caller guarantees the
    incidents have no event edges at this point (new ones have none; an updated one's were
    cleared with CLEAR_PARTICIPANTS / CLEAR_PLACES in the same transaction). That keeps the
    cost per edge constant: a MERGE of an edge searches the actor's edges, and an actor such
    as a national army takes part in tens of thousands of incidents. Edge ids are those
    `graph.model.Relationship` gives (`TYPE|from|to|key`). Actors and places exist already:
    the loader writes them earlier in the same transaction.
    """
    node = "CREATE (n:Incident)" if create else "MERGE (n:Incident {id: row[0]})"
    statement = (
        f"UNWIND $rows AS row {node} SET n = {_incident_map()} "
        f"FOREACH (p IN row[{_PARTICIPANTS}] | MERGE (a:Actor {{id: p[0]}}) "
        "CREATE (a)-[r:PARTICIPATED_IN]->(n) "
        f"SET r = $edge, r.id = {_PARTICIPANT_ID}, r.role = p[1], r.key = p[1], {_CANDIDATE})"
    )
    if place_label is None:
        return statement
    return (
        f"{statement} WITH n, row MATCH (l:{check_label(place_label)} {{id: row[{_PLACE}]}}) "
        f"CREATE (n)-[o:OCCURRED_IN]->(l) SET o = $edge, o.id = {_PLACE_ID}, o.key = ''"
    )


_PARTICIPANT_ID = "'PARTICIPATED_IN|' + p[0] + '|' + row[0] + '|' + p[1]"
_CANDIDATE = (
    "r.attribution = CASE WHEN size(p) > 2 THEN p[2] END, "
    "r.status = CASE WHEN size(p) > 2 THEN $possible.status ELSE r.status END, "
    "r.status_rank = CASE WHEN size(p) > 2 THEN $possible.status_rank ELSE r.status_rank END"
)
"""A participant `[actor, role, text]` is a candidate of an ambiguous attribution: its edge
keeps the text and takes the `$possible` status (see `loaders.attribution`)."""


def possible_edge() -> dict[str, Any]:
    """The `$possible` parameter: the status a candidate edge takes instead of `$edge`'s."""
    return {"status": ClaimStatus.POSSIBLE.value,
            "status_rank": CLAIM_STATUS_RANK[ClaimStatus.POSSIBLE]}  # fmt: skip


_PLACE_ID = f"'OCCURRED_IN|' + row[0] + '|' + row[{_PLACE}] + '|'"


def add_missing_participants_statement() -> str:
    """For incidents whose rows may come in parts (ACLED's monadic layout): add the
    PARTICIPATED_IN edges an incident lacks, looking from the incident's side."""
    return (
        f"UNWIND $rows AS row MATCH (n:Incident {{id: row[0]}}) "
        f"UNWIND row[{_PARTICIPANTS}] AS p MATCH (a:Actor {{id: p[0]}}) "
        f"WITH n, a, p, {_PARTICIPANT_ID} AS rid "
        "OPTIONAL MATCH (n)<-[e:PARTICIPATED_IN {id: rid}]-(:Actor) "
        "WITH n, a, p, rid, e WHERE e IS NULL "
        "CREATE (a)-[r:PARTICIPATED_IN]->(n) SET r = $edge, r.id = rid, r.role = p[1], r.key = p[1], "
        f"{_CANDIDATE}"
    )


def add_missing_place_statement(place_label: str) -> str:
    """The OCCURRED_IN counterpart of `add_missing_participants_statement`."""
    return (
        f"UNWIND $rows AS row MATCH (n:Incident {{id: row[0]}}) "
        f"MATCH (l:{check_label(place_label)} {{id: row[{_PLACE}]}}) WITH n, l, {_PLACE_ID} AS rid "
        "OPTIONAL MATCH (n)-[e:OCCURRED_IN {id: rid}]->() WITH n, l, rid, e WHERE e IS NULL "
        "CREATE (n)-[o:OCCURRED_IN]->(l) SET o = $edge, o.id = rid, o.key = ''"
    )
