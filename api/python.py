"""The Python entry point for analysts' notebooks: open a store, run catalog entries, get
the typed results, and turn them into DataFrames or networkx graphs.

    from api.python import connect
    from queries.actors import actor_relations

    kg = connect("embedded:./var/graph")            # sync; `await aconnect(url)` in async code
    rows = kg.run(actor_relations, actor_id="actor:jnim")   # list[Relation], typed
    rows = kg.run("alliance_members", alliance_id="alliance:alliance-of-sahel-states")
    to_dataframe(rows)                                # pandas (the `notebook` extra)
    to_networkx(kg.run("ego_network", actor_id="actor:cma"))
    kg.close()

The sync client runs its own event loop in a background thread, so it works in Jupyter
(whose loop is already running) and in plain scripts alike. Parameters go through the
same validation as the CLI and the API; errors are the catalog's (`queries.errors`).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

import networkx as nx
from pydantic import BaseModel

from graph.store import DEFAULT_STORE_URL, GraphStore, open_store
from queries.catalog import CatalogQuery, entry, load_catalog
from queries.params import Params
from queries.tabular import table_rows
from queries.types import Claim, Edge, NodeRef, Path, Result

if TYPE_CHECKING:
    import pandas

P = TypeVar("P", bound=Params)
R = TypeVar("R", bound=Result)
T = TypeVar("T")


class AsyncKG:
    """An open store and the catalog, for async code."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    @overload
    async def run(
        self, query: CatalogQuery[P, R], params: P | Mapping[str, Any] | None = None, **values: Any
    ) -> list[R]: ...

    @overload
    async def run(
        self, query: str, params: Mapping[str, Any] | None = None, **values: Any
    ) -> list[Any]: ...

    async def run(self, query: Any, params: Any = None, **values: Any) -> list[Any]:
        """Run a catalog entry (by name, or the entry itself for typed results)."""
        found = entry(query) if isinstance(query, str) else query
        return await found.execute(self.store, params, **values)

    async def network(
        self,
        network: str = "cooperation",
        start: str | None = None,
        end: str | None = None,
        min_status: str = "assessed",
    ) -> nx.Graph:
        """A projected actor network as the analytics read it (a networkx graph, yours to
        edit: the analytics' own copy stays cached unchanged)."""
        from queries.analytics.network import read_network
        from queries.analytics.projection import Filters

        graph = await read_network(self.store, network, Filters(start, end, min_status))
        return graph.copy()

    async def close(self) -> None:
        await self.store.close()

    async def __aenter__(self) -> AsyncKG:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def aconnect(url: str = DEFAULT_STORE_URL) -> AsyncKG:
    """Open the store at `url` (embedded:PATH, neo4j://…, bolt://…, falkordb://…);
    `StoreUnavailable` (or `QueryTimeout`) when it cannot be reached."""
    from graph.store.base import StoreError
    from queries.catalog import store_failure

    try:
        return AsyncKG(await open_store(url))
    except StoreError as exc:
        raise store_failure(exc) from exc


class KG:
    """The same as `AsyncKG`, for plain (sync) code and notebooks."""

    def __init__(self, url: str = DEFAULT_STORE_URL) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._kg: AsyncKG = self._call(aconnect(url))

    def _call(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    @overload
    def run(
        self, query: CatalogQuery[P, R], params: P | Mapping[str, Any] | None = None, **values: Any
    ) -> list[R]: ...

    @overload
    def run(
        self, query: str, params: Mapping[str, Any] | None = None, **values: Any
    ) -> list[Any]: ...

    def run(self, query: Any, params: Any = None, **values: Any) -> list[Any]:
        """Run a catalog entry (by name, or the entry itself for typed results)."""
        return self._call(self._kg.run(query, params, **values))

    def network(
        self,
        network: str = "cooperation",
        start: str | None = None,
        end: str | None = None,
        min_status: str = "assessed",
    ) -> nx.Graph:
        """A projected actor network as the analytics read it (a networkx graph)."""
        return self._call(self._kg.network(network, start, end, min_status))

    @staticmethod
    def entries() -> list[str]:
        """The names of every catalog entry."""
        return sorted(load_catalog())

    def close(self) -> None:
        """Close the store (releasing the embedded server) and stop the loop thread."""
        try:
            self._call(self._kg.close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def __enter__(self) -> KG:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(url: str = DEFAULT_STORE_URL) -> KG:
    """Open the store at `url` for sync use (see `aconnect` for async code)."""
    return KG(url)


def to_dataframe(results: Iterable[BaseModel]) -> pandas.DataFrame:
    """Results as a pandas DataFrame, one flat row each (as the CLI's table and CSV)."""
    try:
        import pandas
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install 'sahel-kg[notebook]'") from None
    return pandas.DataFrame(table_rows(results))


def _claim_attrs(edge_type: str, claim: Claim) -> dict[str, Any]:
    return {
        "type": edge_type,
        "status": claim.status.value,
        "credibility": claim.credibility,
        "valid_from": claim.valid_from,
        "valid_to": claim.valid_to,
        "source_ids": claim.source_ids,
        "source_grades": [s.reliability.value if s.reliability else None for s in claim.sources],
    }


def _edges_of(result: BaseModel) -> Iterable[tuple[NodeRef, NodeRef, str, Claim]]:
    if isinstance(result, Edge):
        yield result.source, result.target, result.type, result.evidence
    elif isinstance(result, Path):
        for hop in result.hops:
            for edge in hop.edges:
                yield edge.source, edge.target, edge.type, edge.evidence
    else:
        ends = getattr(type(result), "edge_ends", None)
        evidence = getattr(result, "evidence", None)
        if ends is not None and isinstance(evidence, Claim):
            yield getattr(result, ends[0]), getattr(result, ends[1]), ends[2], evidence


def to_networkx(results: Sequence[BaseModel]) -> nx.MultiDiGraph:
    """Graph-shaped results (edges, paths, relations, memberships, presences) as a networkx
    multigraph: nodes carry label, name and kind; each claim is one edge with its evidence."""
    graph = nx.MultiDiGraph()
    for result in results:
        for source, target, edge_type, claim in _edges_of(result):
            for node in (source, target):
                graph.add_node(node.id, label=node.label, name=node.name, kind=node.kind)
            graph.add_edge(source.id, target.id, key=edge_type, **_claim_attrs(edge_type, claim))
    return graph
