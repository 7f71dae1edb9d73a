"""The catalog of named, typed, documented queries analysts run.

A catalog entry has a name, a description, a parameters model (`queries.params`) and a
result type (`queries.types`); `CatalogQuery[P, R]` is generic in both, so a type checker
and the API schema see them. Most entries are one Cypher statement returning records in
the result's shape (written once, in the Cypher both engines run); entries that need
Python after the read — networkx analytics, path scoring — supply `run` instead, and still
declare every statement they send in `extra_statements`, so the Neo4j dialect test lints
them all.

`execute` is the one way in for the CLI, Python and the API: it validates parameters
(`InvalidParameter`), checks the ids they name exist (`NotFound`), runs, grades the cited
sources (Admiralty reliability) and maps store failures to `StoreUnavailable`/`QueryTimeout`.
Modules in `queries/` register entries with `register(...)`; `load_catalog()` imports them.
"""

from __future__ import annotations

import functools
import importlib
import typing
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from graph.dialect import Dialect
from graph.schema import label_for_id
from graph.store.base import GraphStore, StoreError
from graph.store.base import QueryTimeout as StoreTimeout
from graph.vocab import Reliability
from queries.errors import NotFound, QueryTimeout, StoreUnavailable, not_found
from queries.params import Params, validate_params
from queries.readcache import cached_read
from queries.types import Result, SourceRef

P = TypeVar("P", bound=Params)
R = TypeVar("R", bound=Result)

CATALOG_MODULES: list[str] = []
"""Modules that register catalog entries (see bottom of file)."""

SOURCE_GRADES_STATEMENT = (
    "MATCH (s:Source) WHERE s.id IN $ids "
    "RETURN s.id AS id, s.name AS name, s.reliability AS reliability"
)


def existing_ids_statement(labels: Sequence[str]) -> str:
    """Which of `$ids` exist as nodes with one of `labels` (schema labels only)."""
    return " UNION ".join(
        f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id" for label in labels
    )


@dataclass(frozen=True)
class CatalogQuery(Generic[P, R]):
    """One named query. Give `cypher` (a statement, or a function of the dialect) or `run`.

    `ids` names the parameters that hold node ids and the labels they must have, so an
    unknown id is `NotFound` ("no actor with id …") instead of an empty answer.
    """

    name: str
    description: str
    params: type[P]
    result: type[R]
    cypher: str | Callable[[Dialect], str] | None = None
    run: Callable[[GraphStore, P], Awaitable[Sequence[R]]] | None = None
    extra_statements: Callable[[Dialect], dict[str, str]] | None = None
    ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tags: tuple[str, ...] = field(default=())

    def statement(self, dialect: Dialect) -> str:
        """The Cypher this entry sends (only for single-statement entries)."""
        if self.cypher is None:
            raise TypeError(f"{self.name} runs Python; see statements()")
        return self.cypher(dialect) if callable(self.cypher) else self.cypher

    def statements(self, dialect: Dialect) -> dict[str, str]:
        """Every statement this entry can send, keyed for reports."""
        found: dict[str, str] = {}
        if self.cypher is not None:
            found[self.name] = self.statement(dialect)
        if self.extra_statements is not None:
            found.update({f"{self.name}.{k}": v for k, v in self.extra_statements(dialect).items()})
        return found

    def id_statements(self) -> dict[str, str]:
        """The id checks this entry can send, keyed by the labels they look in."""
        found: dict[str, str] = {}
        for labels in self.ids.values():
            for checked in {labels, *((label,) for label in labels)}:
                found["_".join(checked)] = existing_ids_statement(checked)
        return found

    def bind(self, values: Mapping[str, Any] | P | None = None, **more: Any) -> P:
        """Validate parameters (a model, a mapping, keywords); errors name the field."""
        if isinstance(values, self.params) and not more:
            return values
        merged = {**(dict(values) if isinstance(values, Mapping) else {}), **more}
        if isinstance(values, BaseModel):
            merged = {**values.model_dump(exclude_unset=True), **more}
        return validate_params(self.params, merged, query=self.name)

    async def execute(
        self, store: GraphStore, params: Mapping[str, Any] | P | None = None, **values: Any
    ) -> list[R]:
        """Run with checked parameters; results come back as `self.result` objects.

        Given as a mapping or keywords, names and aliases stand for ids (queries.names).
        """
        if not isinstance(params, self.params) and self.ids:
            from queries.names import resolve_names

            given = {**(dict(params) if isinstance(params, Mapping) else {}), **values}
            try:
                params, values = await resolve_names(store, given, self.ids), {}
            except StoreError as exc:
                raise store_failure(exc) from exc
        bound = self.bind(params, **values)
        try:
            await self._check_ids(store, bound)
            if self.run is not None:
                results = list(await self.run(store, bound))
            else:
                # Cached per store version like the analytics reads (queries.readcache):
                # a repeated question skips the engine and the client's parsing, which for
                # a few thousand claims with their evidence is most of the cost.
                records = await cached_read(
                    store, self.statement(store.dialect), bound.cypher_values()
                )
                results = [self.result.model_validate(record) for record in records]
            await grade_sources(store, results)
        except StoreError as exc:
            raise store_failure(exc) from exc
        return results

    async def _check_ids(self, store: GraphStore, bound: P) -> None:
        for name, labels in self.ids.items():
            value = getattr(bound, name)
            wanted = [value] if isinstance(value, str) else list(value or [])
            if not wanted:
                continue
            named = {label_for_id(v) for v in wanted}
            if len(named) == 1 and (only := named.pop()) in labels:
                labels = (only,)
            statement = existing_ids_statement(labels)
            found = {r["id"] for r in await store.read(statement, {"ids": wanted})}
            missing = [v for v in wanted if v not in found]
            if missing:
                label = label_for_id(missing[0])
                raise not_found(label if label in labels else " or ".join(labels), missing[0])


def store_failure(exc: StoreError) -> StoreUnavailable | QueryTimeout:
    """A store error as a catalog error: timeouts are `timeout`, the rest `store_unavailable`."""
    text = str(exc)
    if isinstance(exc, StoreTimeout) or "timed out" in text.lower():
        return QueryTimeout(f"the store did not answer in time: {text}")
    return StoreUnavailable(text)


def _may_hold_models(annotation: Any) -> bool:
    """Whether a field of this type can hold a model (so a SourceRef) at any depth."""
    if annotation is Any:
        return True
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return issubclass(annotation, BaseModel)
    args = typing.get_args(annotation)
    return any(_may_hold_models(arg) for arg in args) if args else True


@functools.cache
def _model_fields_of(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields worth walking for SourceRefs: an answer of thousands of rows of plain
    values (a monthly series) is not walked value by value."""
    return tuple(
        name for name, info in model.model_fields.items() if _may_hold_models(info.annotation)
    )


def _source_refs(value: Any) -> Iterator[SourceRef]:
    if isinstance(value, SourceRef):
        yield value
    elif isinstance(value, BaseModel):
        for name in _model_fields_of(type(value)):
            yield from _source_refs(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _source_refs(item)


async def grade_sources(store: GraphStore, results: Sequence[BaseModel]) -> None:
    """Fill each cited source's Admiralty reliability, one read for the whole answer."""
    refs = [ref for result in results for ref in _source_refs(result)]
    ids = sorted({ref.id.partition("#")[0] for ref in refs})
    if not ids:
        return
    records = await store.read(SOURCE_GRADES_STATEMENT, {"ids": ids})
    found = {r["id"]: r for r in records}
    for ref in refs:
        source = found.get(ref.id.partition("#")[0])
        if source is not None:
            grade = source["reliability"]
            ref.name, ref.reliability = source["name"], Reliability(grade) if grade else None


CATALOG: dict[str, CatalogQuery[Any, Any]] = {}


def register(query: CatalogQuery[P, R]) -> CatalogQuery[P, R]:
    """Add an entry; names are unique."""
    if query.name in CATALOG:
        raise ValueError(f"catalog already has a query named {query.name}")
    CATALOG[query.name] = query
    return query


def load_catalog() -> dict[str, CatalogQuery[Any, Any]]:
    """Import every catalog module (registration happens on import)."""
    for module in CATALOG_MODULES:
        importlib.import_module(module)
    return CATALOG


def entry(name: str) -> CatalogQuery[Any, Any]:
    """The entry called `name`, or `NotFound` naming the way to list them."""
    catalog = load_catalog()
    if name not in catalog:
        raise NotFound(f"no catalog query named {name}; `sahelkg queries` lists them")
    return catalog[name]


async def run_named(
    store: GraphStore, name: str, params: Mapping[str, Any] | None = None, **values: Any
) -> list[Any]:
    """Run a catalog entry by name."""
    return await entry(name).execute(store, params, **values)


CATALOG_MODULES.extend(
    [
        "queries.actors",
        "queries.alliances",
        "queries.places",
        "queries.regionchanges",
        "queries.developments",
        "queries.paths",
        "queries.activity",
        "queries.hotspots",
        "queries.top_actors",
        "queries.reported",
        "queries.footprint",
        "queries.exposure",
        "queries.analytics.influence",
        "queries.analytics.shifts",
        "queries.analytics.scenario",
    ]
)
