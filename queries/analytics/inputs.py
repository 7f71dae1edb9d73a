"""What the analytics entries share: their parameters and the read-then-measure step.

Defaults: claims at least `assessed` (so *possible* alignments are what-if material, not
baseline), any credibility, every dataset. A window may be left open (all time).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import networkx as nx
from pydantic import Field, model_validator

from graph.model import Credibility
from graph.store.base import GraphStore
from graph.vocab import ClaimStatus
from queries.analytics import measures
from queries.analytics.compiled import Compiled
from queries.analytics.network import NAMES, read_network
from queries.analytics.projection import NETWORK_STATEMENTS, Filters
from queries.params import Dataset, Params, PartialDate, WindowParams
from queries.readcache import cached
from queries.types import NodeRef


class Network(StrEnum):
    """Which projection: actors cooperating, or actors fighting each other."""

    COOPERATION = "cooperation"
    HOSTILITY = "hostility"


class WeightBy(StrEnum):
    """Hostile incidents weigh 1 each, or their deaths."""

    INCIDENTS = "incidents"
    FATALITIES = "fatalities"


class Floors(Params):
    """Which claims and incidents count."""

    min_status: ClaimStatus = Field(
        default=ClaimStatus.ASSESSED,
        description="Weakest claim status counted (default leaves possible alignments to the "
        "what-if).",
    )
    max_credibility: Credibility = Field(
        default=6, description="Worst Admiralty credibility (1-6) counted."
    )
    dataset: Dataset | None = Field(
        default=None, description="Only incidents of this dataset (acled, ucdp-ged, curated)."
    )


class Measuring(Params):
    """How the measures are computed."""

    weight_by: WeightBy = Field(default=WeightBy.INCIDENTS, description=WeightBy.__doc__)
    betweenness_k: int = Field(
        default=0,
        ge=0,
        le=1000,
        description="Betweenness: 0 = automatic (exact up to "
        f"{measures.EXACT_BETWEENNESS_WORK:,} nodes × ties, else estimated from "
        f"{measures.AUTO_BETWEENNESS_K} sampled sources); k > 0 = estimated from k sampled "
        "sources (fixed seed). Results say which in betweenness_k.",
    )
    exact_betweenness: bool = Field(
        default=False, description="Betweenness exact whatever the network's size."
    )
    seed: int = Field(
        default=measures.DEFAULT_SEED, description="Seed for Louvain and betweenness sampling."
    )

    @model_validator(mode="after")
    def _one_betweenness(self) -> Measuring:
        if self.exact_betweenness and self.betweenness_k:
            raise ValueError("give betweenness_k or exact_betweenness, not both")
        return self

    def measures_of(
        self,
        graph: nx.Graph,
        parts: frozenset[str] = measures.PARTS,
        compiled: Compiled | None = None,
    ) -> measures.NetworkMeasures:
        """The measures in `parts` of `graph`, computed as these settings ask."""
        return self.measures_of_compiled(
            compiled or Compiled.of(graph), dict(graph.nodes(data="name")), parts
        )

    def measures_of_compiled(
        self,
        compiled: Compiled,
        names: Mapping[str, str | None],
        parts: frozenset[str] = measures.PARTS,
    ) -> measures.NetworkMeasures:
        """`measures_of` a graph already compiled, `names` naming its nodes."""
        return measures.measure_compiled(
            compiled,
            names,
            betweenness_k=self.betweenness_k or None,
            exact_betweenness=self.exact_betweenness,
            seed=self.seed,
            parts=parts,
        )


class AnalyticsWindow(WindowParams, Floors):
    """A window and the floors."""


class NetworkParams(AnalyticsWindow, Measuring):
    network: Network = Field(default=Network.COOPERATION, description="Which network.")


class TwoWindowParams(Floors, Measuring):
    network: Network = Field(default=Network.COOPERATION, description="Which network.")
    before_start: PartialDate | None = Field(default=None, description="Earlier window start.")
    before_end: PartialDate = Field(description="Earlier window end.")
    after_start: PartialDate = Field(description="Later window start.")
    after_end: PartialDate | None = Field(default=None, description="Later window end.")


def filters(floors: Floors, start: str | None, end: str | None, level: int = 1) -> Filters:
    return Filters(
        start=start,
        end=end,
        min_status=floors.min_status.value,
        max_credibility=floors.max_credibility,
        dataset=floors.dataset,
        level=level,
    )


async def measured(
    store: GraphStore,
    network: Network,
    window: Filters,
    how: Measuring,
    parts: frozenset[str] = measures.PARTS,
) -> tuple[nx.Graph, measures.NetworkMeasures]:
    """Read one projection and compute the measures in `parts` on it (both cached per
    store version: queries.readcache)."""
    weight_by = how.weight_by.value
    graph, compiled = await compiled_network(store, network, window, weight_by)

    async def compute() -> measures.NetworkMeasures:
        return how.measures_of(graph, parts, compiled)

    key = ("measured", network.value, window, weight_by, how.betweenness_k,
           how.exact_betweenness, how.seed, parts)  # fmt: skip
    return graph, await cached(store, key, compute)


async def compiled_network(
    store: GraphStore, network: Network, window: Filters, weight_by: str
) -> tuple[nx.Graph, Compiled]:
    """One projection and its compiled form (converted once per store version)."""
    graph = await read_network(store, network.value, window, weight_by)

    async def compile_graph() -> Compiled:
        return Compiled.of(graph)

    key = ("compiled", network.value, window, weight_by)
    return graph, await cached(store, key, compile_graph)


def actor_ref(actor_id: str, name: str | None) -> NodeRef:
    return NodeRef(id=actor_id, label="Actor", name=name)


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def network_statements(dialect: object) -> dict[str, str]:
    return {**NETWORK_STATEMENTS, "names": NAMES}
