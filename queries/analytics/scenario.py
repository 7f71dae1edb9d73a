"""The what-if entry: add or remove alliances and edges in memory, compare every measure
and each actor's regional reach before and after. Nothing is written."""

from __future__ import annotations

from pydantic import Field

from graph.store.base import GraphStore
from queries.analytics import whatif as what_if
from queries.analytics.compiled import Compiled
from queries.analytics.inputs import (
    AnalyticsWindow,
    Measuring,
    Network,
    actor_ref,
    compiled_network,
    filters,
    measured,
    rounded,
)
from queries.analytics.network import NAMES
from queries.analytics.presence import PRESENCE, read_presence
from queries.analytics.projection import NETWORK_STATEMENTS
from queries.catalog import CatalogQuery, register
from queries.errors import InvalidParameter, NotFound
from queries.params import ActorId, AllianceIds, StrList
from queries.types import NodeRef, Result

ALLIANCE_MEMBERS = (
    "MATCH (m:Actor)-[:MEMBER_OF]->(al:Alliance) WHERE al.id IN $alliance_ids "
    "RETURN al.id AS alliance_id, m.id AS member_id, m.name AS member "
    "ORDER BY alliance_id, member_id"
)
ACTOR_NAMES = "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id, a.name AS name"


class ScenarioChange(Result):
    """One measure of one actor before and after the scenario; `gained`/`lost` list the
    regions (reach) or community peers that changed."""

    network: Network
    actor: NodeRef
    measure: str
    before: float | None
    after: float | None
    change: float | None
    gained: list[str]
    lost: list[str]


class WhatIfParams(AnalyticsWindow, Measuring):
    add_alliances: AllianceIds | None = Field(
        default=None, description="Alliance ids whose members become allied."
    )
    remove_alliances: AllianceIds | None = Field(
        default=None, description="Alliance ids to take out."
    )
    add_edges: StrList | None = Field(
        default=None, description="Cooperation edges ACTOR~ACTOR[~WEIGHT] to add."
    )
    remove_edges: StrList | None = Field(
        default=None, description="Cooperation edges ACTOR~ACTOR to remove."
    )
    add_hostile: StrList | None = Field(
        default=None, description="Hostility edges ACTOR~ACTOR[~WEIGHT] to add."
    )
    remove_hostile: StrList | None = Field(
        default=None, description="Hostility edges ACTOR~ACTOR to remove."
    )
    actor_id: ActorId | None = Field(default=None, description="Only rows about this actor.")
    changed_only: bool = Field(default=True, description="Only rows that changed.")
    level: int = Field(default=1, ge=1, le=3, description="Admin level of regions (1-3).")


async def build_scenario(
    store: GraphStore, params: WhatIfParams
) -> tuple[what_if.Scenario, dict[str, str | None]]:
    """The scenario from parameters; every id must name a stored alliance or actor."""
    alliance_ids = sorted(set(params.add_alliances or []))
    members: dict[str, list[str]] = {a: [] for a in alliance_ids}
    names: dict[str, str | None] = {}
    if alliance_ids:
        for row in await store.read(ALLIANCE_MEMBERS, {"alliance_ids": alliance_ids}):
            members[row["alliance_id"]].append(row["member_id"])
            names[row["member_id"]] = row["member"]
        empty = [a for a, m in members.items() if len(m) < 2]
        if empty:
            raise InvalidParameter(
                f"whatif: parameter add_alliances: {', '.join(empty)} has fewer than two members",
                field="add_alliances",
            )

    def edits(texts: list[str] | None, field: str) -> list[what_if.EdgeEdit]:
        try:
            return [what_if.EdgeEdit.parse(text) for text in texts or []]
        except ValueError as exc:
            raise InvalidParameter(f"whatif: parameter {field}: {exc}", field=field) from None

    scenario = what_if.Scenario(
        add_alliances=members,
        remove_alliances=list(params.remove_alliances or []),
        add_cooperation=edits(params.add_edges, "add_edges"),
        remove_cooperation=edits(params.remove_edges, "remove_edges"),
        add_hostility=edits(params.add_hostile, "add_hostile"),
        remove_hostility=edits(params.remove_hostile, "remove_hostile"),
    )
    wanted = sorted(scenario.actors() - names.keys())
    if wanted:
        for row in await store.read(ACTOR_NAMES, {"ids": wanted}):
            names[row["id"]] = row["name"]
        unknown = sorted(set(wanted) - names.keys())
        if unknown:
            raise NotFound(f"no actor with id {unknown[0]} (in the scenario's edges)")
    return scenario, names


async def whatif_changes(store: GraphStore, params: WhatIfParams) -> list[what_if.MeasureChange]:
    """Read both networks and presence once, apply the scenario in memory, compare.

    A network the scenario leaves alone keeps every measure: with `changed_only` it adds
    no row, so it is neither read nor measured."""
    scenario, names = await build_scenario(store, params)
    window = filters(params, params.start, params.end, params.level)
    found: list[what_if.MeasureChange] = []
    cooperation: tuple[Compiled, what_if.Edited] | None = None
    for network in Network:
        edited_network = scenario.edits(network.value)
        if not edited_network and params.changed_only:
            continue
        base, base_measures = await measured(store, network, window, params)
        _, compiled = await compiled_network(store, network, window, params.weight_by.value)
        edited = what_if.Edited(compiled, dict(base.nodes(data="name")), set())
        edited_measures = base_measures
        if edited_network:
            edited = what_if.apply_compiled(base, compiled, scenario, network.value, names)
            edited_measures = params.measures_of_compiled(edited.compiled, edited.names)
        if network is Network.COOPERATION:
            cooperation = (compiled, edited)
        found += what_if.measure_changes(network.value, base_measures, edited_measures)
    if cooperation is None:  # cooperation untouched and only changes asked for: reach stands
        return found
    presence = await read_presence(store, window)
    present = {a: presence.regions_of(a) for a in presence.actor_names}
    before, after = cooperation
    # Reach changes only where a tie changed: with `changed_only`, only its ends are asked.
    actors = (
        after.touched
        if params.changed_only
        else set(before.nodes) | set(after.compiled.nodes) | set(present)
    )
    all_names = {**presence.actor_names, **after.names, **names}
    found += what_if.reach_changes(
        what_if.reach(before, present, actors),
        what_if.reach(after.compiled, present, actors),
        all_names,
    )
    return found


async def _run_whatif(store: GraphStore, params: WhatIfParams) -> list[ScenarioChange]:
    found = await whatif_changes(store, params)
    if params.changed_only:
        found = what_if.only_changed(found)
    if params.actor_id:
        found = [c for c in found if c.actor_id == params.actor_id]
    return [
        ScenarioChange(
            network=Network(c.network),
            actor=actor_ref(c.actor_id, c.name),
            measure=c.measure,
            before=rounded(c.before),
            after=rounded(c.after),
            change=rounded(c.change),
            gained=list(c.gained),
            lost=list(c.lost),
        )
        for c in found
    ]


whatif = register(
    CatalogQuery(
        name="whatif",
        description="What if alliances or edges were added or removed (e.g. the possible "
        "JNIM–CMA alignment): the change in every influence measure and in regional reach. "
        "Computed in memory; nothing is written.",
        params=WhatIfParams,
        result=ScenarioChange,
        run=_run_whatif,
        extra_statements=lambda dialect: {
            **NETWORK_STATEMENTS,
            "presence": PRESENCE,
            "names": NAMES,
            "alliance_members": ALLIANCE_MEMBERS,
            "actor_names": ACTOR_NAMES,
        },
        ids={
            "add_alliances": ("Alliance",),
            "remove_alliances": ("Alliance",),
            "actor_id": ("Actor",),
        },
        tags=("analytics",),
    )
)
