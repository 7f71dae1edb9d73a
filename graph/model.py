"""The typed graph model: one pydantic class per node label and one for relationships.

These classes are the single source of truth for what a node or an edge may hold. Loaders
build them, the store writes `to_properties()` of them, queries read properties back.
Validation errors carry the field name, which the loaders turn into file/line/field reports.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from graph.dates import check_date, check_month, end_bound, start_bound
from graph.ids import is_valid_id
from graph.schema import ID_PREFIX_BY_LABEL
from graph.vocab import (
    CLAIM_STATUS_RANK,
    ActorKind,
    AllianceKind,
    AllianceStatus,
    ClaimStatus,
    Confidence,
    Direction,
    EventKind,
    Likelihood,
    Reliability,
)


def _check_id(value: str) -> str:
    if not is_valid_id(value):
        raise ValueError(f"{value!r} is not an id of the form prefix:slug (e.g. actor:jnim)")
    return value


def _check_citation(value: str) -> str:
    """A citation is a source id, optionally with a `#section` locator."""
    source_id, _, _section = value.partition("#")
    _check_id(source_id)
    if not source_id.startswith("source:"):
        raise ValueError(f"{value!r} does not cite a source id (source:…)")
    return value


NodeId = Annotated[str, AfterValidator(_check_id)]
Citation = Annotated[str, AfterValidator(_check_citation)]
IsoDate = Annotated[str, AfterValidator(check_date)]
IsoMonth = Annotated[str, AfterValidator(check_month)]
Credibility = Annotated[int, Field(ge=1, le=6)]


def citation_source(citation: str) -> str:
    """`source:x#kayes` → `source:x`."""
    return citation.partition("#")[0]


class GraphModel(BaseModel):
    """Shared config: unknown fields are errors, so a typo in curated data is caught."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True, validate_default=True)

    def to_properties(self) -> dict[str, Any]:
        """Properties as stored: no `None`s (absent is absent on both engines)."""
        return {k: v for k, v in self.model_dump(mode="json").items() if v is not None}


class Node(GraphModel):
    """Every node: a stable id, a display name, and the sources that attest it."""

    label: ClassVar[str] = ""
    id_prefix: ClassVar[str] = ""

    id: NodeId
    name: str = Field(min_length=1)
    source_ids: list[Citation] = Field(default_factory=list)
    description: str | None = None

    def to_properties(self) -> dict[str, Any]:
        """Adds `search_text` (name, aliases, source spellings) for full-text search."""
        props = super().to_properties()
        names = [self.name, *props.get("aliases", []), *props.get("acled_names", [])]
        props["search_text"] = " | ".join(dict.fromkeys(names))
        return props

    @model_validator(mode="after")
    def _prefix_matches_label(self) -> Node:
        if self.id_prefix and not self.id.startswith(self.id_prefix + ":"):
            article = "an" if self.label[0] in "AEIOU" else "a"
            raise ValueError(f"{article} {self.label} id must start with '{self.id_prefix}:'")
        return self


class Source(Node):
    """A document facts come from, with its Admiralty reliability grade."""

    label: ClassVar[str] = "Source"
    id_prefix: ClassVar[str] = "source"

    reliability: Reliability = Reliability.F
    publisher: str | None = None
    published: IsoDate | None = None
    kind: str | None = None
    url: str | None = None
    licence: str | None = None


class Actor(Node):
    """An armed, political or state actor."""

    label: ClassVar[str] = "Actor"
    id_prefix: ClassVar[str] = "actor"

    kind: ActorKind = ActorKind.UNKNOWN
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    countries: list[str] = Field(default_factory=list)
    """ISO alpha-3 codes of every country the actor is active in (UCDP's `gwnoloc`), when
    it is more than `country`; the crosswalk scores names by them."""
    founded: IsoDate | None = None
    dissolved: IsoDate | None = None
    acled_names: list[str] = Field(default_factory=list)
    ucdp_id: int | None = None
    wikidata: str | None = None
    unresolved: bool = False


class Alliance(Node):
    """A coalition, pact, partnership, or an alignment judged possible."""

    label: ClassVar[str] = "Alliance"
    id_prefix: ClassVar[str] = "alliance"

    kind: AllianceKind = AllianceKind.COALITION
    status: AllianceStatus = AllianceStatus.ACTIVE
    formed: IsoDate | None = None
    dissolved: IsoDate | None = None
    likelihood: Likelihood | None = None
    likelihood_wording: str | None = None
    aliases: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _possible_needs_likelihood(self) -> Alliance:
        if self.status == AllianceStatus.POSSIBLE and self.likelihood is None:
            raise ValueError("a possible alliance needs a likelihood (ICD-203)")
        return self


class Country(Node):
    """A state, keyed by ISO 3166 alpha-3."""

    label: ClassVar[str] = "Country"
    id_prefix: ClassVar[str] = "country"

    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    aliases: list[str] = Field(default_factory=list)


class Region(Node):
    """An administrative area, level 1 (region) to 3 (commune).

    `valid_from`/`valid_to` bound the days the unit exists, both included (Mali's 2023
    regions from 2023; Burkina Faso's 13 regions up to 2025-07-01, its 17 from 2025-07-02);
    absent means open. They and `carved_from` come from `data/gazetteer/admin1.csv`.
    """

    label: ClassVar[str] = "Region"
    id_prefix: ClassVar[str] = "region"

    level: int = Field(ge=1, le=3)
    country: str = Field(pattern=r"^[A-Z]{3}$")
    aliases: list[str] = Field(default_factory=list)
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    carved_from: list[NodeId] | None = None
    """The units this one was carved from (Bandiagara from Mopti in 2023, Liptako and Soum
    from Burkina Faso's Sahel region in 2025): the old↔new crosswalk, read by the catalog
    entry `region_changes`."""

    @model_validator(mode="after")
    def _period_in_order(self) -> Region:
        if (
            self.valid_from
            and self.valid_to
            and end_bound(self.valid_to) < start_bound(self.valid_from)
        ):
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        return self


class Location(Node):
    """A named place with coordinates."""

    label: ClassVar[str] = "Location"
    id_prefix: ClassVar[str] = "location"

    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: int | None = None
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)


class Incident(Node):
    """One violent or security event: an ACLED or UCDP row, or a curated one."""

    label: ClassVar[str] = "Incident"
    id_prefix: ClassVar[str] = "incident"

    date: IsoDate
    end_date: IsoDate | None = None
    month: IsoMonth | None = None
    dataset: str = "curated"
    external_id: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    original_event_type: str | None = None
    disorder_type: str | None = None
    fatalities: int | None = Field(default=None, ge=0)
    deaths_low: int | None = Field(default=None, ge=0)
    deaths_high: int | None = Field(default=None, ge=0)
    deaths_a: int | None = Field(default=None, ge=0)
    deaths_b: int | None = Field(default=None, ge=0)
    deaths_civilians: int | None = Field(default=None, ge=0)
    deaths_unknown: int | None = Field(default=None, ge=0)
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: int | None = None
    time_precision: int | None = None
    civilian_targeting: str | None = None
    tags: str | None = None
    source_name: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    source_timestamp: int | None = Field(default=None, ge=0)
    """When the source last changed this record (ACLED's `timestamp`, Unix seconds): of two
    exports placing one event equally precisely, the newer one's place stands."""

    @model_validator(mode="after")
    def _month_from_date(self) -> Incident:
        if self.month is None:
            self.month = self.date[:7] if len(self.date) >= 7 else None
        return self


class Operation(Node):
    """A security or military operation; joint ones have several CONDUCTED edges."""

    label: ClassVar[str] = "Operation"
    id_prefix: ClassVar[str] = "operation"

    date: IsoDate
    end_date: IsoDate | None = None
    joint: bool = False
    arrests: int | None = Field(default=None, ge=0)
    arrests_qualifier: str | None = None
    casualties: int | None = Field(default=None, ge=0)
    area: str | None = None


class Event(Node):
    """A political or strategic development (mandate end, treaty, siege, offensive, …)."""

    label: ClassVar[str] = "Event"
    id_prefix: ClassVar[str] = "event"

    kind: EventKind = EventKind.OTHER
    date: IsoDate
    end_date: IsoDate | None = None


class ActivityReport(Node):
    """A count (or a stated direction of change) a source publishes for a region and month."""

    label: ClassVar[str] = "ActivityReport"
    id_prefix: ClassVar[str] = "report"

    month: IsoMonth
    metric: str = Field(pattern=r"^[a-z_]+$")
    region_id: NodeId | None = None
    actor_id: NodeId | None = None
    value: int | None = Field(default=None, ge=0)
    qualifier: str | None = Field(default=None, pattern=r"^(exact|at_least|derived)$")
    derived_from: str | None = None
    direction: Direction | None = None

    @model_validator(mode="after")
    def _value_or_direction(self) -> ActivityReport:
        if self.value is None and self.direction is None:
            raise ValueError("an activity report needs a value or a direction")
        return self


class Assessment(Node):
    """An analytic judgment with its estimative wording and ICD-203 likelihood."""

    label: ClassVar[str] = "Assessment"
    id_prefix: ClassVar[str] = "assessment"

    statement: str
    wording: str | None = None
    likelihood: Likelihood
    confidence: Confidence | None = None
    date: IsoDate


class Edit(Node):
    """One analyst's edit through the API: who, when, why, on what, with which sources.

    The audit trail: edits are only ever added, and nothing an edit changes is deleted
    (retiring a claim sets its `valid_to`).
    """

    label: ClassVar[str] = "Edit"
    id_prefix: ClassVar[str] = "edit"

    action: str = Field(pattern=r"^[a-z_]+$")
    target_id: str
    by: str = Field(description="Token id of the editor (or `dev`).")
    by_name: str | None = None
    role: str
    at: str = Field(description="UTC timestamp, ISO-8601.")
    reason: str = Field(min_length=1)
    changes: str = Field(description="What was set, as JSON.")
    client_mutation_id: str | None = None


NODE_TYPES: tuple[type[Node], ...] = (
    Source,
    Actor,
    Alliance,
    Country,
    Region,
    Location,
    Incident,
    Operation,
    Event,
    ActivityReport,
    Assessment,
    Edit,
)
NODE_TYPE_BY_LABEL: dict[str, type[Node]] = {t.label: t for t in NODE_TYPES}
if {t.label: t.id_prefix for t in NODE_TYPES} != ID_PREFIX_BY_LABEL:
    raise RuntimeError("graph.model's node types and graph.schema.ID_PREFIX_BY_LABEL disagree")


class Relationship(GraphModel):
    """A sourced claim between two nodes: says who, how sure, since when."""

    type: str = Field(pattern=r"^[A-Z_]+$")
    from_id: NodeId
    to_id: NodeId
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    status: ClaimStatus = ClaimStatus.REPORTED
    credibility: Credibility = 3
    source_ids: list[Citation] = Field(default_factory=list)
    role: str | None = None
    note: str | None = None
    key: str = ""

    @model_validator(mode="after")
    def _period_and_key(self) -> Relationship:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        if not self.key:
            self.key = self.role or self.valid_from or ""
        return self

    @property
    def id(self) -> str:
        """Deterministic: the same claim loaded twice is the same edge."""
        return f"{self.type}|{self.from_id}|{self.to_id}|{self.key}"

    def to_properties(self) -> dict[str, Any]:
        props = super().to_properties()
        for endpoint in ("type", "from_id", "to_id"):
            props.pop(endpoint)
        props["id"] = self.id
        props["status_rank"] = CLAIM_STATUS_RANK[ClaimStatus(self.status)]
        return props
