"""The catalog of named, typed, documented queries analysts run.

A catalog entry has a name, a description, typed parameters and a typed row model. Most
entries are one Cypher statement (written once, in the Cypher both engines run; engine
differences come from the dialect). Entries that need Python after the read — networkx
analytics, path scoring — supply `run` instead, and still declare every statement they
send in `statements`, so the Neo4j dialect test lints them all.

Modules in `queries/` register entries with `register(...)`; `load_catalog()` imports
them all. The CLI (`sahelkg queries`, `sahelkg query NAME`) and the GraphQL API both
read `CATALOG`.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from graph.dialect import Dialect
from graph.store.base import GraphStore, Record

REQUIRED: Any = object()
"""Marks a parameter without a default."""

CATALOG_MODULES: list[str] = []
"""Modules that register catalog entries; each appends itself here (see bottom of file)."""


class Row(BaseModel):
    """Base class for result rows: typed, JSON-ready."""

    model_config = ConfigDict(extra="forbid")


@dataclass(frozen=True)
class Param:
    """A typed query parameter."""

    name: str
    type: type
    description: str
    default: Any = REQUIRED
    choices: tuple[Any, ...] | None = None

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def coerce(self, value: Any) -> Any:
        """Check and convert a value (from the CLI, the API or Python) to this type."""
        if value is None and not self.required and self.default is None:
            return None
        if self.type is bool and isinstance(value, str):
            if value.lower() not in ("true", "false"):
                raise ValueError(f"parameter {self.name}: expected true or false, got {value!r}")
            value = value.lower() == "true"
        elif self.type is list:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            if not isinstance(value, list):
                raise ValueError(f"parameter {self.name}: expected a list, got {value!r}")
        elif self.type in (int, float) and isinstance(value, str):
            try:
                value = self.type(value)
            except ValueError:
                raise ValueError(
                    f"parameter {self.name}: expected {self.type.__name__}, got {value!r}"
                ) from None
        elif self.type is str and not isinstance(value, str):
            value = str(value)
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise ValueError(f"parameter {self.name}: expected {self.type.__name__}, got {value!r}")
        if self.choices is not None and value not in self.choices:
            choices = ", ".join(map(str, self.choices))
            raise ValueError(f"parameter {self.name}: {value!r} is not one of {choices}")
        return value


Runner = Callable[[GraphStore, dict[str, Any]], Awaitable[Sequence[BaseModel]]]


@dataclass(frozen=True)
class CatalogQuery:
    """One named query. Give `cypher` (a statement, or a function of the dialect) or `run`."""

    name: str
    description: str
    row: type[BaseModel]
    params: tuple[Param, ...] = ()
    cypher: str | Callable[[Dialect], str] | None = None
    run: Runner | None = None
    extra_statements: Callable[[Dialect], dict[str, str]] | None = None
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

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Check names and types, fill defaults; errors name the parameter."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(
                f"{self.name}: unknown parameter {', '.join(unknown)}; "
                f"it takes {', '.join(sorted(known)) or 'none'}"
            )
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in values:
                bound[param.name] = param.coerce(values[param.name])
            elif param.required:
                raise ValueError(f"{self.name}: parameter {param.name} is required")
            else:
                bound[param.name] = param.default
        return bound

    async def execute(self, store: GraphStore, **values: Any) -> list[BaseModel]:
        """Run with checked parameters; rows come back as `self.row` models."""
        bound = self.bind(values)
        if self.run is not None:
            return list(await self.run(store, bound))
        records: list[Record] = await store.read(self.statement(store.dialect), bound)
        return [self.row.model_validate(record) for record in records]


CATALOG: dict[str, CatalogQuery] = {}


def register(query: CatalogQuery) -> CatalogQuery:
    """Add an entry; names are unique."""
    if query.name in CATALOG:
        raise ValueError(f"catalog already has a query named {query.name}")
    CATALOG[query.name] = query
    return query


def load_catalog() -> dict[str, CatalogQuery]:
    """Import every catalog module (registration happens on import)."""
    for module in CATALOG_MODULES:
        importlib.import_module(module)
    return CATALOG


async def run_named(store: GraphStore, name: str, **values: Any) -> list[BaseModel]:
    """Run a catalog entry by name."""
    catalog = load_catalog()
    if name not in catalog:
        raise KeyError(f"no catalog query named {name!r}; `sahelkg queries` lists them")
    return await catalog[name].execute(store, **values)


CATALOG_MODULES.extend(
    [
        "queries.relationships",
        "queries.seed_questions",
        "queries.paths",
        "queries.activity",
        "queries.footprint",
        "queries.exposure",
        "queries.analytics.entries",
    ]
)
