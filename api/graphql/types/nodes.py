"""The node types: one per label, built from a node's stored properties.

Actors and alliances carry their relationships as connections that take the analyst's
filters (`asOf`, `activeBetween`, `minStatus`, `maxCredibility`, types); every edge has
its evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, cast

import strawberry

from api.graphql.context import Context
from api.graphql.scalars import PartialDate
from api.graphql.typegen import reserve
from api.graphql.types.evidence import (
    ActorKindEnum,
    AllianceKindEnum,
    AllianceStatusEnum,
    ClaimStatusEnum,
    ConfidenceEnum,
    EventKindEnum,
    LikelihoodEnum,
    ReliabilityEnum,
)
from api.graphql.types.lists import DateWindow
from api.graphql.types.node import Node, NodeRef, common_fields, register_node_type
from api.graphql.types.relationships import (
    MemberConnection,
    RelationshipConnection,
    RelationshipType,
    claim_filter,
    member_connection,
    relationship_connection,
)
from graph.vocab import ClaimStatus
from queries.types import NodeRef as DomainNodeRef

ACTIVE_BETWEEN = Annotated[
    DateWindow | None,
    strawberry.argument(
        description="Only claims whose period overlaps this window (either end open); "
        "with `asOf` too, a claim must pass both."
    ),
]


def _relations_field(relations: tuple[str, ...] | None, description: str) -> Any:
    """A connection field over an actor's claims of `relations` (None: all of them)."""

    async def resolve(
        self: Actor,
        info: strawberry.Info[Context, None],
        as_of: PartialDate | None = None,
        active_between: ACTIVE_BETWEEN = None,
        min_status: ClaimStatusEnum = ClaimStatus.POSSIBLE,
        max_credibility: int = 6,
        types: list[RelationshipType] | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> RelationshipConnection:
        chosen = claim_filter(
            as_of, min_status, max_credibility, types, active_between, field=info.field_name
        )
        return await relationship_connection(
            info, str(self.id), relations, chosen, first, after, last, before
        )

    return strawberry.field(resolver=resolve, description=description)


@strawberry.type(description="An armed or political actor.")
class Actor(Node):
    kind: ActorKindEnum | None = None
    aliases: list[str] = strawberry.field(default_factory=list)
    country: str | None = None
    founded: str | None = None
    dissolved: str | None = None
    wikidata: str | None = None
    ucdp_id: int | None = None

    relationships: RelationshipConnection = _relations_field(
        None, "Every claim about the actor (memberships, parents, allies, enemies, regions…)."
    )
    allies: RelationshipConnection = _relations_field(
        ("ally",), "Allies: ALLIED_WITH either way, or co-members of an alliance (`via`)."
    )
    enemies: RelationshipConnection = _relations_field(
        ("enemy",), "Actors and alliances it is HOSTILE_TO, either direction."
    )
    memberships: RelationshipConnection = _relations_field(
        ("member_of",), "Alliances it is a member of."
    )
    parents: RelationshipConnection = _relations_field(("parent",), "Units it is PART_OF.")
    subunits: RelationshipConnection = _relations_field(("subunit",), "Its own sub-units.")
    regions: RelationshipConnection = _relations_field(("active_in",), "Places it OPERATES_IN.")


@strawberry.type(description="A coalition, pact, partnership or possible alignment.")
class Alliance(Node):
    kind: AllianceKindEnum | None = None
    status: AllianceStatusEnum | None = None
    formed: str | None = None
    dissolved: str | None = None
    likelihood: LikelihoodEnum | None = None
    aliases: list[str] = strawberry.field(default_factory=list)

    @strawberry.field(description="Members as of a date, each with its evidence (a member of a "
                      "possible alliance is at most possible).")  # fmt: skip
    async def members(
        self,
        info: strawberry.Info[Context, None],
        as_of: PartialDate | None = None,
        active_between: ACTIVE_BETWEEN = None,
        min_status: ClaimStatusEnum = ClaimStatus.POSSIBLE,
        max_credibility: int = 6,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> MemberConnection:
        chosen = claim_filter(
            as_of, min_status, max_credibility, None, active_between, field="members"
        )
        return await member_connection(info, str(self.id), chosen, first, after, last, before)


@strawberry.type(description="A country.")
class Country(Node):
    iso3: str | None = None
    aliases: list[str] = strawberry.field(default_factory=list)


def as_node_refs(refs: list[DomainNodeRef]) -> list[NodeRef]:
    """The catalog's own node references, returned as they are: `NodeRef` presents them."""
    return cast("list[NodeRef]", refs)


@strawberry.type(description="An administrative region (level 1 region, 2 cercle, 3 commune).")
class Region(Node):
    level: int | None = None
    country: str | None = None
    aliases: list[str] = strawberry.field(default_factory=list)
    valid_from: str | None = strawberry.field(
        default=None, description="First day the unit exists (absent: open)."
    )
    valid_to: str | None = strawberry.field(
        default=None, description="Last day the unit exists, included (absent: open)."
    )

    @strawberry.field(
        name="carvedFrom",
        description="The units this one was carved from (Ménaka from Gao in 2016, Bandiagara "
        "from Mopti in 2023), as the catalog entry `regionChanges` lists them; a unit the "
        "store does not hold still appears, by id (its name null).",
    )
    async def predecessors(self, info: strawberry.Info[Context, None]) -> list[NodeRef]:
        changes = await info.context.loaders.region_changes.load(self.country)
        return as_node_refs([change.old for change in changes if change.new.id == self.id])

    @strawberry.field(
        name="carvedInto",
        description="The units carved from this one (Mopti: Bandiagara and Douentza from 2023; "
        "Burkina Faso's Sahel: Liptako and Soum from 2025-07-02), where the store holds them.",
    )
    async def successors(self, info: strawberry.Info[Context, None]) -> list[NodeRef]:
        changes = await info.context.loaders.region_changes.load(self.country)
        return as_node_refs([change.new for change in changes if change.old.id == self.id])


@strawberry.type(description="A named place with coordinates.")
class Place(Node):
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None


@strawberry.type(description="One violent or security incident (ACLED, UCDP or curated).")
class Incident(Node):
    date: str | None = None
    dataset: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    fatalities: int | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    notes: str | None = None


@strawberry.type(description="A security or military operation.")
class Operation(Node):
    date: str | None = None
    end_date: str | None = None
    joint: bool | None = None
    arrests: int | None = None
    casualties: int | None = None


@strawberry.type(description="A political or strategic development (coup, withdrawal, treaty…).")
class Event(Node):
    kind: EventKindEnum | None = None
    date: str | None = None
    end_date: str | None = None


@strawberry.type(description="A count a source publishes for a region and month.")
class ActivityReport(Node):
    month: str | None = None
    metric: str | None = None
    region_id: strawberry.ID | None = None
    actor_id: strawberry.ID | None = None
    value: int | None = None
    qualifier: str | None = None


@strawberry.type(description="A document facts come from, with its Admiralty reliability.")
class Source(Node):
    reliability: ReliabilityEnum | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    licence: str | None = None


@strawberry.type(description="An analytic judgment in estimative language (ICD-203).")
class Assessment(Node):
    valid_to: str | None = strawberry.field(default=None, description="Set when retired.")
    statement: str | None = None
    wording: str | None = None
    likelihood: LikelihoodEnum | None = None
    confidence: ConfidenceEnum | None = None
    date: str | None = None


@strawberry.type(
    name="Edit", description="An edit an analyst made through the API (the audit trail)."
)
class EditRecord(Node):
    action: str = ""
    target_id: strawberry.ID = strawberry.ID("")
    by: str = strawberry.field(default="", description="Token id of the editor.")
    by_name: str | None = None
    role: str = ""
    at: str = strawberry.field(default="", description="When, UTC ISO-8601.")
    reason: str = ""
    changes: str = strawberry.field(default="{}", description="What was set, as JSON.")
    client_mutation_id: str | None = None

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> EditRecord:
        return _EDIT_BUILDER(props)  # type: ignore[return-value]


def _builder(cls: type[Node], enums: dict[str, Callable[[Any], Any]]) -> Callable[..., Node]:
    """Build `cls` from stored properties: its declared fields, enum values converted."""
    names = {f.python_name for f in cls.__strawberry_definition__.fields}  # type: ignore[attr-defined]

    def build(props: dict[str, Any]) -> Node:
        values = common_fields(props)
        for key, value in props.items():
            if key in names and key not in values and value is not None:
                convert = enums.get(key)
                values[key] = convert(value) if convert else value
        return cls(**values)

    return build


_NODE_TYPES_BY_LABEL: tuple[tuple[str, type[Node], dict[str, Callable[[Any], Any]]], ...] = (
    ("Actor", Actor, {"kind": ActorKindEnum}),
    ("Alliance", Alliance, {"kind": AllianceKindEnum, "status": AllianceStatusEnum,
                            "likelihood": LikelihoodEnum}),
    ("Country", Country, {}),
    ("Region", Region, {}),
    ("Location", Place, {}),
    ("Incident", Incident, {}),
    ("Operation", Operation, {}),
    ("Event", Event, {"kind": EventKindEnum}),
    ("ActivityReport", ActivityReport, {}),
    ("Source", Source, {"reliability": ReliabilityEnum}),
    ("Assessment", Assessment, {"likelihood": LikelihoodEnum, "confidence": ConfidenceEnum}),
    ("Edit", EditRecord, {}),
)  # fmt: skip
for _label, _cls, _enums in _NODE_TYPES_BY_LABEL:
    register_node_type(_label, _builder(_cls, _enums), _cls.__name__)

NODE_TYPES: tuple[type[Node], ...] = (
    Actor, Alliance, Country, Region, Place, Incident, Operation, Event, ActivityReport,
    Source, Assessment, EditRecord,
)  # fmt: skip

for _type in NODE_TYPES:
    reserve(_type.__name__)
for _name in (
    "Node",
    "PageInfo",
    "RelationshipEdge",
    "RelationshipConnection",
    "Query",
    "Mutation",
):
    reserve(_name)

_EDIT_BUILDER = _builder(EditRecord, {})
