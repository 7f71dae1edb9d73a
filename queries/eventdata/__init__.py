"""The Cypher the event-data loaders (ACLED, UCDP) and the crosswalk need, one module per job:

- `indexes`: reads that build the crosswalk and the gazetteer, unresolved actors, stored
  incidents of a batch;
- `incidents`: incidents written with their edges, and an updated incident's edges cleared;
- `references`: actors, places and sources created where missing, place hierarchy links;
- `actor_merge`: a resolved actor merged into its canonical one.

Labels and relationship types come only from `graph.schema`; every value travels as a
parameter. Importing this package registers every statement for the dialect test.
"""

from __future__ import annotations

from graph.dialect import Dialect
from queries.eventdata.actor_merge import (
    ACTOR_NAMES_UPDATE,
    DELETE_MERGED_ACTORS,
    MERGE_TARGET_UPDATE,
    actor_edge_directions,
    repoint_edges_statement,
)
from queries.eventdata.incidents import (
    CLEAR_PARTICIPANTS,
    CLEAR_PLACES,
    add_missing_participants_statement,
    add_missing_place_statement,
    incidents_statement,
)
from queries.eventdata.indexes import (
    ACTOR_INDEX,
    ALLIANCE_INDEX,
    COUNTRY_INDEX,
    DATASET_HAS_INCIDENTS,
    INCIDENT_PLACES,
    LOCATION_INDEX,
    REGION_INDEX,
    UNRESOLVED_ACTORS,
)
from queries.eventdata.references import LINKS, create_missing_nodes_statement, link_statement
from queries.statements import provider


@provider
def _eventdata(dialect: Dialect) -> dict[str, str]:
    found = {
        "eventdata.actor_index": ACTOR_INDEX,
        "eventdata.alliance_index": ALLIANCE_INDEX,
        "eventdata.country_index": COUNTRY_INDEX,
        "eventdata.region_index": REGION_INDEX,
        "eventdata.location_index": LOCATION_INDEX,
        "eventdata.unresolved_actors": UNRESOLVED_ACTORS,
        "eventdata.incident_places": INCIDENT_PLACES,
        "eventdata.dataset_has_incidents": DATASET_HAS_INCIDENTS,
        "eventdata.clear_participants": CLEAR_PARTICIPANTS,
        "eventdata.clear_places": CLEAR_PLACES,
        "eventdata.add_missing_participants": add_missing_participants_statement(),
        "eventdata.merge_target_update": MERGE_TARGET_UPDATE,
        "eventdata.delete_merged_actors": DELETE_MERGED_ACTORS,
        "eventdata.actor_names_update": ACTOR_NAMES_UPDATE,
    }
    for create in (True, False):
        for place in (None, "Location", "Region", "Country"):
            found[f"eventdata.incidents.{create}.{place}"] = incidents_statement(create, place)
    for place in ("Location", "Region", "Country"):
        found[f"eventdata.add_missing_place.{place}"] = add_missing_place_statement(place)
    for rel_type, from_label, to_label in LINKS:
        found[f"eventdata.link.{rel_type}.{from_label}.{to_label}"] = link_statement(
            rel_type, from_label, to_label
        )
    for label in ("Source", "Actor", "Alliance", "Country", "Region", "Location"):
        found[f"eventdata.create_missing.{label}"] = create_missing_nodes_statement(label)
    for rel_type, direction in actor_edge_directions():
        found[f"eventdata.repoint.{rel_type}.{direction}"] = repoint_edges_statement(
            rel_type, direction
        )
    return found
