"""Commands over the store itself: load, stats, query, schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from api.cli.common import format_option, run_with_store, store_option, timeout_option
from api.cli.output import render, render_results, select_columns

if TYPE_CHECKING:
    from pydantic import BaseModel

    from graph.store import GraphStore


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate everything, write nothing.")
@store_option
def load(paths: tuple[Path, ...], dry_run: bool, store_url: str) -> None:
    """Load curated YAML files or directories (see data/FORMAT.md).

    Everything is validated first; if anything is wrong, every problem is listed with
    file, line and field, and nothing is written. Loading the same data again changes
    nothing.
    """

    from loaders.curated import load_paths

    async def work(store: GraphStore) -> Any:
        return await load_paths(store, paths, dry_run=dry_run)

    summary = run_with_store(store_url, work, writes=f"load {' '.join(map(str, paths))}")
    verb = "would load" if dry_run else "loaded"
    nodes = sum(summary.nodes.values())
    rels = sum(summary.relationships.values())
    click.echo(f"{verb} {nodes} nodes and {rels} relationships from {len(summary.files)} files")
    for label, count in sorted(summary.nodes.items()):
        click.echo(f"  {label:<16} {count}")


@click.command()
@store_option
@format_option
def stats(store_url: str, fmt: str) -> None:
    """Count nodes by label and relationships by type."""
    from queries.stats import graph_counts

    async def work(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
        return await graph_counts(store)

    nodes, rels = run_with_store(store_url, work)
    rows = [{"kind": "node", "name": k, "count": v} for k, v in nodes.items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in rels.items()]
    rows.append({"kind": "total", "name": "nodes", "count": sum(nodes.values())})
    rows.append({"kind": "total", "name": "relationships", "count": sum(rels.values())})
    click.echo(render(rows, fmt, title="Sahel KG"))


@click.command()
@click.argument("name_or_cypher", metavar="NAME|CYPHER")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter; repeat for more.")  # fmt: skip
@click.option("--columns", "-c", default=None, metavar="A,B,…",
              help="Show only these columns, in this order.")  # fmt: skip
@store_option
@format_option
@timeout_option
def query(
    name_or_cypher: str,
    params: tuple[str, ...],
    columns: str | None,
    store_url: str,
    fmt: str,
    timeout_s: float | None,
) -> None:
    """Run a catalog query by NAME (see `sahelkg queries`), or a read-only CYPHER statement.

    Values always go in as --param (`$NAME` in Cypher), never into the statement text.
    A statement that writes is refused.

    \b
    Examples:
      sahelkg query alliance_members -p alliance_id=alliance:alliance-of-sahel-states
      sahelkg query "RETURN \\$name AS greeting" -p name=Kayes --format json
    (the README shows ad-hoc graph queries.)
    """
    from queries.adhoc import parse_param, run_read_only
    from queries.catalog import load_catalog

    catalog = load_catalog()
    if name_or_cypher in catalog:
        entry = catalog[name_or_cypher]
        bound = entry.bind(dict(_split_param(p) for p in params))

        async def run_entry(store: GraphStore) -> list[Any]:
            return await entry.execute(store, bound)

        results = run_with_store(store_url, run_entry, timeout_s=timeout_s)
        click.echo(render_results(results, fmt, title=entry.name, columns=columns))
        return
    values = dict(parse_param(p) for p in params)

    async def run_cypher(store: GraphStore) -> list[dict[str, Any]]:
        return await run_read_only(store, name_or_cypher, values)

    rows = run_with_store(store_url, run_cypher, timeout_s=timeout_s)
    click.echo(render(select_columns(rows, columns), fmt))


def _split_param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep:
        raise click.BadParameter(f"{text!r}: expected NAME=VALUE", param_hint="--param")
    return key, value


@click.command(name="queries")
@format_option
def list_queries(fmt: str) -> None:
    """List the catalog's named queries with their parameters.

    With --format json, each entry also gives the JSON Schema of its parameters and of
    one result (from the pydantic models the catalog validates and answers with).
    """
    from queries.catalog import load_catalog

    entries = load_catalog().values()
    if fmt == "json":
        described = [
            {
                "name": entry.name,
                "description": entry.description,
                "tags": list(entry.tags),
                "params": entry.params.model_json_schema(),
                "result": entry.result.model_json_schema(),
            }
            for entry in entries
        ]
        click.echo(json.dumps(described, ensure_ascii=False, indent=2))
        return
    rows = [
        {
            "name": entry.name,
            "parameters": parameter_summary(entry.params),
            "description": entry.description,
        }
        for entry in entries
    ]
    click.echo(render(rows, fmt, title="Catalog"))


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


@click.command()
@click.option("--ensure", is_flag=True, help="Create missing indexes and constraints first.")
@store_option
def schema(ensure: bool, store_url: str) -> None:
    """Show the indexes and constraints the store has (the schema the project ensures)."""

    async def work(store: GraphStore) -> tuple[list[str], list[str], str]:
        created = await store.ensure_schema() if ensure else []
        return created, await store.existing_schema(), store.engine

    created, existing, engine = run_with_store(
        store_url, work, writes="schema --ensure" if ensure else None
    )
    click.echo(f"engine: {engine}")
    for line in existing:
        click.echo(f"  {line}")
    if ensure:
        click.echo(f"created {len(created)} (ensuring again creates nothing)")


def register(group: click.Group) -> None:
    for command in (load, stats, query, list_queries, schema):
        group.add_command(command)
