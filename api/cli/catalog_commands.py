"""Commands over the catalog: `query NAME`, `queries [NAME]`, `find TEXT`, and `cypher`.

`query` runs only catalog entries: a misspelt name is an error with suggestions, never
sent to the store as Cypher. Raw Cypher is explicit (`sahelkg cypher`).
"""

from __future__ import annotations

import difflib
import json
from typing import TYPE_CHECKING, Any

import click

from api.cli.common import format_option, run_with_store, store_option, timeout_option
from api.cli.output import render, render_results, select_columns
from queries.adhoc import EXAMPLE

if TYPE_CHECKING:
    from pydantic import BaseModel

    from graph.store import GraphStore
    from queries.catalog import CatalogQuery

columns_option = click.option(
    "--columns", "-c", default=None, metavar="A,B,…",
    help="Show only these columns, in this order (every format).",
)  # fmt: skip
wide_option = click.option(
    "--wide", is_flag=True, help="Tables: every column, as wide as the content needs."
)


def catalog_entry(name: str) -> CatalogQuery[Any, Any]:
    """The entry called `name`; otherwise `NotFound` with the closest names."""
    from queries.catalog import load_catalog
    from queries.errors import NotFound

    catalog = load_catalog()
    if name in catalog:
        return catalog[name]
    close = difflib.get_close_matches(name, list(catalog), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    cypher = "; to run Cypher use `sahelkg cypher`" if not name.isidentifier() else ""
    raise NotFound(f"no catalog query named {name}{hint}{cypher} (`sahelkg queries` lists them)")


def gather_params(entry: CatalogQuery[Any, Any], given: tuple[str, ...]) -> dict[str, Any]:
    """`-p NAME=VALUE` options as values: a list parameter repeated accumulates
    (`-p types=A -p types=B,C` is [A, B, C]); any other given twice is a usage error."""
    schema = entry.params.model_json_schema()["properties"]
    values: dict[str, Any] = {}
    for text in given:
        key, sep, value = text.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{text!r}: expected NAME=VALUE", param_hint="--param")
        spec = schema.get(key, {})
        is_list = any(o.get("type") == "array" for o in spec.get("anyOf", [spec]))
        if is_list:
            parts = [p.strip() for p in value.split(",") if p.strip()]
            values.setdefault(key, []).extend(parts)
        elif key in values:
            raise click.BadParameter(f"{key} given twice; it takes one value", param_hint="--param")
        else:
            values[key] = value
    return values


@click.command(short_help="Run a catalog query by NAME (`sahelkg queries NAME` explains it).")
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter; repeat for more (list parameters accumulate).")  # fmt: skip
@columns_option
@wide_option
@store_option
@format_option
@timeout_option
def query(
    name: str,
    params: tuple[str, ...],
    columns: str | None,
    wide: bool,
    store_url: str,
    fmt: str,
    timeout_s: float | None,
) -> None:
    """Run the catalog query NAME (`sahelkg queries` lists them; `sahelkg queries NAME`
    explains one).

    Ids may be given by name or alias (actor_id=JNIM); an unknown or ambiguous name is an
    error listing candidates. Raw Cypher is `sahelkg cypher`.

    \b
    Examples:
      sahelkg query alliance_members -p alliance_id=alliance:alliance-of-sahel-states
      sahelkg query actor_profile -p actor_id=JNIM --format json
    """
    entry = catalog_entry(name)
    values = gather_params(entry, params)
    entry.bind(_without_names(entry, values))  # parameter errors before the store opens

    async def run_entry(store: GraphStore) -> list[Any]:
        return await entry.execute(store, values)

    results = run_with_store(store_url, run_entry, timeout_s=timeout_s)
    click.echo(
        render_results(
            results, fmt, title=entry.name, columns=columns, result_type=entry.result, wide=wide
        )
    )


def _without_names(entry: CatalogQuery[Any, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Values with names given for ids replaced by a well-formed id, so every other
    parameter is checked before the store is opened (names are resolved in the store)."""
    from graph.model import NODE_TYPE_BY_LABEL
    from queries.names import looks_like_id

    checked = dict(values)
    for field, labels in entry.ids.items():
        stand_in = f"{NODE_TYPE_BY_LABEL[labels[0]].id_prefix}:x"
        value = checked.get(field)
        if isinstance(value, str) and not looks_like_id(value):
            checked[field] = stand_in
        elif isinstance(value, list):
            checked[field] = [v if looks_like_id(v) else stand_in for v in value]
    return checked


@click.command(
    short_help="Run a read-only Cypher statement (values only as --param).",
    help="Run a read-only CYPHER statement; values only as --param ($NAME), never in the "
    "text.\n\nA statement that writes is refused.\n\n\b\nExample:\n  sahelkg cypher "
    + '"'
    + EXAMPLE.replace("$", "\\$")
    + '" -p id=actor:jnim',
)
@click.argument("statement", metavar="CYPHER")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A $NAME value (numbers, true/false/null are typed); repeat for more.")  # fmt: skip
@columns_option
@store_option
@format_option
@timeout_option
def cypher(
    statement: str,
    params: tuple[str, ...],
    columns: str | None,
    store_url: str,
    fmt: str,
    timeout_s: float | None,
) -> None:
    """Run a read-only Cypher statement (help text above: its example is queries.adhoc's)."""
    from queries.adhoc import parse_param, run_read_only

    values = dict(parse_param(p) for p in params)

    async def run_cypher(store: GraphStore) -> list[dict[str, Any]]:
        return await run_read_only(store, statement, values)

    rows = run_with_store(store_url, run_cypher, timeout_s=timeout_s)
    click.echo(render(select_columns(rows, columns), fmt))


@click.command(name="queries", short_help="List the catalog's queries, or explain one by NAME.")
@click.argument("name", required=False)
@format_option
def list_queries(name: str | None, fmt: str) -> None:
    """List the catalog's named queries, or explain one: `sahelkg queries NAME` gives what
    it answers, each parameter with its meaning and allowed values, the as-of and window
    rules, an example command and the result fields.

    With --format json, each entry also gives the JSON Schema of its parameters and of
    one result (from the pydantic models the catalog validates and answers with).
    """
    from queries.catalog import load_catalog

    entries = [catalog_entry(name)] if name else list(load_catalog().values())
    if fmt == "json":
        click.echo(json.dumps([_described(e) for e in entries], ensure_ascii=False, indent=2))
        return
    if name and fmt == "table":
        from api.cli.explain import explain
        from queries.tabular import result_columns

        click.echo(explain(entries[0], result_columns(entries[0].result)))
        return
    rows = [
        {"name": e.name, "parameters": parameter_summary(e.params), "description": e.description}
        for e in entries
    ]
    if fmt == "table":
        rows = [{"name": r["name"], "description": r["description"]} for r in rows]
    click.echo(render(rows, fmt, title="Catalog (`sahelkg queries NAME` explains one)"))


def _described(entry: CatalogQuery[Any, Any]) -> dict[str, Any]:
    return {
        "name": entry.name,
        "description": entry.description,
        "tags": list(entry.tags),
        "params": entry.params.model_json_schema(),
        "result": entry.result.model_json_schema(),
    }


def parameter_summary(model: type[BaseModel]) -> str:
    """`actor_id:str, as_of:str=None, …` from the parameters' JSON Schema."""
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    parts = []
    for name, spec in schema["properties"].items():
        kinds = [
            s.get("type") or s.get("$ref", "").rsplit("/", 1)[-1] for s in spec.get("anyOf", [spec])
        ]
        kind = "|".join(k for k in kinds if k and k != "null") or "enum"
        default = "" if name in required else f"={spec.get('default')}"
        parts.append(f"{name}:{kind}{default}")
    return ", ".join(parts)


@click.command(short_help="Find actors, alliances, regions and places by name or alias.")
@click.argument("text")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["actor", "alliance", "region", "location"]),
              help="Only these kinds; repeat for more (default: all).")  # fmt: skip
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@columns_option
@wide_option
@store_option
@format_option
def find(
    text: str,
    kinds: tuple[str, ...],
    limit: int,
    columns: str | None,
    wide: bool,
    store_url: str,
    fmt: str,
) -> None:
    """Find actors, alliances, regions and places by name or alias (full-text, word
    prefixes: `find "katiba mac"`); exact name or alias matches come first.

    \b
    Example:
      sahelkg find jnim --kind actor
    """
    from queries.names import FindKind, Found
    from queries.names import find as find_names

    async def work(store: GraphStore) -> list[Found]:
        return await find_names(store, text, [FindKind(k) for k in kinds] or None, limit)

    results = run_with_store(store_url, work)
    click.echo(
        render_results(
            results, fmt, title=f"find {text!r}", columns=columns, result_type=Found, wide=wide
        )
    )


def register(group: click.Group) -> None:
    for command in (query, cypher, list_queries, find):
        group.add_command(command)
