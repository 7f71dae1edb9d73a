"""The graph schema as data: labels, relationship types, allowed triples, keys and indexes.

Declaring it as data (after followthemoney) gives one place that the loaders validate
against, the dialect turns into DDL, and the query layer takes label and type names from —
so no label or relationship type ever reaches Cypher from user input.
"""

from __future__ import annotations

from dataclasses import dataclass

ID_PREFIX_BY_LABEL: dict[str, str] = {
    "Source": "source",
    "Actor": "actor",
    "Alliance": "alliance",
    "Country": "country",
    "Region": "region",
    "Location": "location",
    "Incident": "incident",
    "Operation": "operation",
    "Event": "event",
    "ActivityReport": "report",
    "Assessment": "assessment",
    "Edit": "edit",
}
"""Every node label and the prefix of its ids. `graph.model`'s node types declare the same
and check it when imported; it is written out here so that the schema (and with it the
store and every command that only reads) does not import the pydantic models, a fifth of
the CLI's start-up."""

LABELS: tuple[str, ...] = tuple(ID_PREFIX_BY_LABEL)

_ACTORISH = ("Actor",)
_PLACES = ("Region", "Country", "Location")

RELATIONSHIP_TRIPLES: dict[str, tuple[tuple[str, str], ...]] = {
    # between actors and their groupings
    "PART_OF": (("Actor", "Actor"), ("Region", "Region"), ("Region", "Country")),
    "SPLINTER_OF": (("Actor", "Actor"),),
    "MEMBER_OF": (("Actor", "Alliance"), ("Alliance", "Alliance")),
    "AFFILIATED_WITH": (("Actor", "Actor"), ("Actor", "Alliance"), ("Alliance", "Actor")),
    "ALLIED_WITH": (("Actor", "Actor"),),
    "SUPPORTS": (("Actor", "Actor"), ("Actor", "Alliance")),
    "HOSTILE_TO": (("Actor", "Actor"), ("Actor", "Alliance")),
    "OPERATES_IN": tuple((a, p) for a in _ACTORISH for p in _PLACES),
    "SIGNATORY_OF": (("Actor", "Alliance"), ("Actor", "Event")),
    # actors in incidents, operations and events
    "PARTICIPATED_IN": (("Actor", "Incident"), ("Actor", "Event")),
    "CONDUCTED": (("Actor", "Operation"),),
    "TARGETED_BY": (("Actor", "Operation"),),
    # geography
    "BORDERS": (("Region", "Region"), ("Region", "Country"), ("Country", "Country")),
    "LOCATED_IN": (("Location", "Region"), ("Location", "Country")),
    "OCCURRED_IN": tuple((t, p) for t in ("Incident", "Operation", "Event") for p in _PLACES),
    # reports and judgments
    "ABOUT": tuple(
        (s, t)
        for s in ("ActivityReport", "Assessment")
        for t in ("Actor", "Alliance", "Region", "Country", "Location", "Event", "Operation")
    ),
    "AFFECTS": (("Event", "Actor"), ("Event", "Alliance"), ("Event", "Region")),
}

RELATIONSHIP_TYPES: tuple[str, ...] = tuple(RELATIONSHIP_TRIPLES)

ACTOR_RELATIONSHIP_TYPES: tuple[str, ...] = (
    "PART_OF",
    "SPLINTER_OF",
    "MEMBER_OF",
    "AFFILIATED_WITH",
    "ALLIED_WITH",
    "SUPPORTS",
    "HOSTILE_TO",
    "OPERATES_IN",
    "SIGNATORY_OF",
)
"""Claims that carry validity, status and credibility and describe an actor's position."""

SYMMETRIC_TYPES: frozenset[str] = frozenset({"ALLIED_WITH", "BORDERS", "HOSTILE_TO"})
"""Stored once, read in both directions."""


@dataclass(frozen=True)
class Index:
    """A property index; `unique` ones become uniqueness constraints."""

    label: str
    prop: str
    unique: bool = False

    @property
    def name(self) -> str:
        kind = "uniq" if self.unique else "idx"
        return f"{self.label.lower()}_{self.prop}_{kind}"


INDEXES: tuple[Index, ...] = (
    *(Index(label, "id", unique=True) for label in LABELS),
    Index("Actor", "name"),
    Index("Actor", "ucdp_id"),
    Index("Actor", "unresolved"),
    Index("Incident", "date"),
    Index("Incident", "month"),
    Index("Incident", "dataset"),
    Index("ActivityReport", "month"),
    Index("ActivityReport", "region_id"),
    Index("Region", "name"),
    Index("Event", "date"),
    Index("Edit", "target_id"),
    Index("Edit", "client_mutation_id"),
)

FULLTEXT_LABELS: tuple[str, ...] = ("Actor", "Alliance", "Region", "Location")
FULLTEXT_PROPERTIES: tuple[str, ...] = ("name", "aliases")


def allowed(rel_type: str, from_label: str, to_label: str) -> bool:
    """True when the schema allows `(from_label)-[:rel_type]->(to_label)`."""
    return (from_label, to_label) in RELATIONSHIP_TRIPLES.get(rel_type, ())


def label_for_id(node_id: str) -> str | None:
    """The label an id's prefix names (`actor:jnim` → `Actor`), or None."""
    prefix = node_id.partition(":")[0]
    for label, label_prefix in ID_PREFIX_BY_LABEL.items():
        if label_prefix == prefix:
            return label
    return None


def check_label(label: str) -> str:
    """Return `label` if the schema has it; the only way labels reach Cypher text."""
    if label not in ID_PREFIX_BY_LABEL:
        raise ValueError(f"unknown label {label!r}; the schema has {', '.join(LABELS)}")
    return label


def check_relationship_type(rel_type: str) -> str:
    """Return `rel_type` if the schema has it; the only way types reach Cypher text."""
    if rel_type not in RELATIONSHIP_TRIPLES:
        raise ValueError(
            f"unknown relationship type {rel_type!r}; the schema has {', '.join(RELATIONSHIP_TYPES)}"
        )
    return rel_type
