"""Commands over the store itself: load, stats, schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from api.cli.common import format_option, run_with_store, store_option
from api.cli.output import render

if TYPE_CHECKING:
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
@click.option(
    "--ensure",
    is_flag=True,
    help="Create missing indexes and constraints first; then fill in what a store written "
    "by an older version lacks: the places' region roll-up, and the Region dates and "
    "lineage (valid_from, valid_to, carved_from) from the admin-1 table.",
)
@store_option
def schema(ensure: bool, store_url: str) -> None:
    """Show the indexes and constraints the store has (the schema the project ensures)."""

    async def work(store: GraphStore) -> tuple[list[str], int, list[str], str]:
        created = await store.ensure_schema() if ensure else []
        filled = 0
        if ensure:
            from loaders.older_stores import complete_older_store

            filled = await complete_older_store(store)
        return created, filled, await store.existing_schema(), store.engine

    created, filled, existing, engine = run_with_store(
        store_url, work, writes="schema --ensure" if ensure else None
    )
    click.echo(f"engine: {engine}")
    for line in existing:
        click.echo(f"  {line}")
    if filled:
        click.echo(f"gave {filled} regions their dates and lineage from data/gazetteer/admin1.csv")
    if ensure:
        click.echo(f"created {len(created)} (ensuring again creates nothing)")


def register(group: click.Group) -> None:
    for command in (load, stats, schema):
        group.add_command(command)
