"""Keeping an embedded store healthy: `store check`, `store compact`, `backup`, `restore`."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import click

from api.cli.common import run_with_store, store_option
from graph.maintenance import check_backup_file, copy_private, restore_snapshot, snapshot_file
from graph.schema import FULLTEXT_LABELS, INDEXES
from graph.store import GraphStore, parse_store_url
from graph.store.falkordb_store import FalkorStore
from queries.stats import graph_counts


def _embedded(store: GraphStore) -> FalkorStore:
    if not isinstance(store, FalkorStore) or store.server is None:
        raise click.ClickException("this command works on embedded stores (embedded:PATH) only")
    return store


def expected_schema() -> list[str]:
    """The schema lines `existing_schema` shows when every index and constraint is there."""
    lines = [f"RANGE :{index.label}({index.prop})" for index in INDEXES]
    lines += [f"FULLTEXT :{label}(search_text)" for label in FULLTEXT_LABELS]
    lines += [f"CONSTRAINT UNIQUE :{i.label}({i.prop})" for i in INDEXES if i.unique]
    return lines


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.1f} kB"


def _loose_files(data_dir: Path) -> list[str]:
    """Files or folders of the store that others than the owner can read."""
    loose = []
    for path in [data_dir, *data_dir.rglob("*")]:
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode) and mode & 0o077:
            loose.append(f"{path} ({stat.filemode(mode)})")
    return loose


@click.group(name="store")
def store_group() -> None:
    """Check or compact the embedded store."""


@store_group.command(name="check")
@store_option
def check(store_url: str) -> None:
    """Integrity: the store opens, its counts, constraints present, journal size, privacy.

    Exits 1 when anything is wrong, listing what.
    """

    async def work(store: GraphStore) -> tuple[list[tuple[str, str]], bool]:
        embedded = _embedded(store)
        server = embedded.server
        assert server is not None and server.address is not None
        nodes, rels = await graph_counts(store)
        have = await store.existing_schema()
        missing = [line for line in expected_schema() if not any(h.startswith(line) for h in have)]
        journal = server.journal
        loose = _loose_files(server.data_dir)
        rows = [
            ("opens", f"ok (server pid {server.address.pid})"),
            ("nodes", f"{sum(nodes.values()):,}"),
            ("relationships", f"{sum(rels.values()):,}"),
            ("schema", "ok" if not missing else "MISSING " + ", ".join(missing)),
            ("journal", f"{_megabytes(journal.size())} ({_megabytes(journal.increment_size())} "
                        "since the last snapshot)"),
            ("privacy", "ok (owner only)" if not loose else "READABLE BY OTHERS " + "; ".join(loose)),
        ]  # fmt: skip
        return rows, not missing and not loose

    rows, healthy = run_with_store(store_url, work)
    click.echo(f"store {parse_store_url(store_url).describe()}")
    for name, value in rows:
        click.echo(f"  {name:<14} {value}")
    if not healthy:
        raise click.ClickException("the store has problems (listed above)")


@store_group.command(name="compact")
@store_option
def compact(store_url: str) -> None:
    """Rewrite the journal as one snapshot: smaller on disk, quicker to reopen."""

    async def work(store: GraphStore) -> tuple[int, int]:
        server = _embedded(store).server
        assert server is not None
        return server.compact()

    before, after = run_with_store(store_url, work, writes="store compact")
    click.echo(f"journal compacted: {_megabytes(before)} -> {_megabytes(after)}")


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@store_option
def backup(path: Path, store_url: str) -> None:
    """Write a backup of the embedded store to PATH (one file, readable by you only).

    The store is compacted first; the backup is its snapshot, taken while no load runs.
    """

    async def work(store: GraphStore) -> tuple[int, dict[str, Any]]:
        server = _embedded(store).server
        assert server is not None
        server.compact()
        size = copy_private(snapshot_file(server.journal), path)
        nodes, rels = await graph_counts(store)
        return size, {"nodes": sum(nodes.values()), "relationships": sum(rels.values())}

    size, counts = run_with_store(store_url, work, writes=f"backup to {path}")
    click.echo(f"backup written to {path}: {_megabytes(size)}, {counts['nodes']:,} nodes, "
               f"{counts['relationships']:,} relationships")  # fmt: skip


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace a store that already holds data "
              "(its journal is kept beside it as appendonlydir.replaced-TIME).")  # fmt: skip
@store_option
def restore(path: Path, replace: bool, store_url: str) -> None:
    """Restore the embedded store from a backup made by `sahelkg backup`.

    No process may have the store open meanwhile (the API, a load).
    """
    parsed = parse_store_url(store_url)
    if parsed.engine != "embedded" or parsed.path is None:
        raise click.ClickException("restore works on embedded stores (embedded:PATH) only")
    check_backup_file(path)
    kept = restore_snapshot(parsed.path, path, replace)

    async def work(store: GraphStore) -> tuple[int, int]:
        nodes, rels = await graph_counts(store)
        return sum(nodes.values()), sum(rels.values())

    nodes, rels = run_with_store(store_url, work)
    click.echo(f"restored {path} into {parsed.describe()}: {nodes:,} nodes, {rels:,} relationships")
    if kept is not None:
        click.echo(f"the replaced journal is kept in {kept}")


def register(group: click.Group) -> None:
    for command in (store_group, backup, restore):
        group.add_command(command)
