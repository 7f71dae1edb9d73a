"""Commands over the store itself: load, stats, query, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from api.cli.common import format_option, run_with_store, store_option, timeout_option
from api.cli.output import render, select_columns
from graph.store import GraphStore
from loaders.curated import load_paths
from queries.adhoc import parse_param, run_read_only
from queries.catalog import load_catalog
from queries.stats import graph_counts


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
    catalog = load_catalog()
    if name_or_cypher in catalog:
        entry = catalog[name_or_cypher]
        raw = dict(_split_param(p) for p in params)

        async def run_entry(store: GraphStore) -> list[dict[str, Any]]:
            rows = await entry.execute(store, **raw)
            return [row.model_dump(mode="json") for row in rows]

        rows = select_columns(run_with_store(store_url, run_entry, timeout_s=timeout_s), columns)
        click.echo(render(rows, fmt, title=entry.name))
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
    """List the catalog's named queries with their parameters."""
    rows = []
    for entry in load_catalog().values():
        params = ", ".join(
            f"{p.name}:{p.type.__name__}" + ("" if p.required else f"={p.default}")
            for p in entry.params
        )
        rows.append({"name": entry.name, "parameters": params, "description": entry.description})
    click.echo(render(rows, fmt, title="Catalog"))


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
