"""Event-data commands: load-acled, load-ucdp-ged, load-ucdp-actors, crosswalk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from api.cli.common import format_option, run_with_store, store_option
from api.cli.output import render
from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.crosswalk import Crosswalk
from loaders.eventload import DEFAULT_BATCH_SIZE, LoadOptions, resolve_merges
from loaders.progress import LoadSummary
from loaders.ucdp import load_ucdp_actors, load_ucdp_ged
from queries.eventdata import read_unresolved_actors

_FILES = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)


# Rejects go to a working directory of ours, not beside the input: inputs may sit in a
# read-only or shared folder, and a load must not write outside its own directories.
REJECTS_DIR_OPTION = click.option(
    "--rejects-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("var/rejects"),
    envvar="SAHELKG_REJECTS_DIR",
    show_default=True,
    help="Where FILE.rejects.csv goes (also SAHELKG_REJECTS_DIR).",
)


def _load_options(func: Any) -> Any:
    for option in reversed(
        (
            click.option("--strict", is_flag=True,
                         help="Any bad row rejects the whole file; nothing is written."),
            click.option("--dry-run", is_flag=True,
                         help="Parse, validate and resolve everything; write nothing to the graph."),
            REJECTS_DIR_OPTION,
            click.option("--batch-size", type=click.IntRange(1), default=DEFAULT_BATCH_SIZE,
                         show_default=True, help="Rows per write (one transaction each)."),
        )
    ):  # fmt: skip
        func = option(func)
    return func


def _report(summary: LoadSummary) -> None:
    for line in summary.lines():
        click.echo(line)
    failure = summary.failure()
    if failure:
        raise click.ClickException(failure)
    if summary.rows_rejected:
        click.secho(f"{summary.rows_rejected} rows rejected (see the rejects file)", fg="yellow",
                    err=True)  # fmt: skip


def _purpose(command: str, paths: tuple[Path, ...] | list[Path]) -> str:
    return f"{command} {' '.join(str(p) for p in paths)}"


@click.command(name="load-acled")
@_FILES
@_load_options
@store_option
def load_acled_command(paths: tuple[Path, ...], strict: bool, dry_run: bool,
                       rejects_dir: Path | None, batch_size: int, store_url: str) -> None:  # fmt: skip
    """Load ACLED CSV exports: every header generation, and the monadic layout.

    Bad rows (missing id, unparseable date, non-numeric fatalities, coordinates out of
    range) go to FILE.rejects.csv with line, field and reason; the rest loads. A file whose
    header is no ACLED layout is rejected whole. Loading a file again changes nothing;
    an updated export updates the incidents it changed.
    """
    options = LoadOptions(strict=strict, dry_run=dry_run, batch_size=batch_size,
                          rejects_dir=rejects_dir)  # fmt: skip

    async def work(store: GraphStore) -> LoadSummary:
        return await load_acled(store, list(paths), options)

    _report(run_with_store(store_url, work, writes=_purpose("load-acled", paths)))


@click.command(name="load-ucdp-ged")
@_FILES
@_load_options
@store_option
def load_ucdp_ged_command(paths: tuple[Path, ...], strict: bool, dry_run: bool,
                          rejects_dir: Path | None, batch_size: int, store_url: str) -> None:  # fmt: skip
    """Load UCDP GED event CSVs (the 49-column layout); sides A and B become actors."""
    options = LoadOptions(strict=strict, dry_run=dry_run, batch_size=batch_size,
                          rejects_dir=rejects_dir)  # fmt: skip

    async def work(store: GraphStore) -> LoadSummary:
        return await load_ucdp_ged(store, list(paths), options)

    _report(run_with_store(store_url, work, writes=_purpose("load-ucdp-ged", paths)))


@click.command(name="load-ucdp-actors")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--country", help="Only actors active in this country (and those they point "
              "at); default: all of them.")  # fmt: skip
@click.option("--strict", is_flag=True, help="Any bad row rejects the whole file.")
@click.option("--dry-run", is_flag=True, help="Validate and resolve; write nothing.")
@REJECTS_DIR_OPTION
@store_option
def load_ucdp_actors_command(path: Path, country: str | None, strict: bool, dry_run: bool,
                             rejects_dir: Path | None, store_url: str) -> None:  # fmt: skip
    """Load the UCDP actor list: actors, aliases, splinters, alliances and joined groups."""

    async def work(store: GraphStore) -> LoadSummary:
        return await load_ucdp_actors(store, path, country, strict, dry_run, rejects_dir)

    _report(run_with_store(store_url, work, writes=_purpose("load-ucdp-actors", [path])))


@click.command(name="crosswalk")
@click.option("--resolve", is_flag=True,
              help="First merge unresolved actors that curated aliases now claim.")  # fmt: skip
@store_option
@format_option
def crosswalk_command(resolve: bool, store_url: str, fmt: str) -> None:
    """List actors the event data named but the crosswalk could not resolve, with counts.

    Resolve one by adding its name as an alias (or acled_names entry) of the right actor in
    the curated data and loading that; the next event load (or `crosswalk --resolve`)
    merges the unresolved actor into it, edges and all.
    """

    async def work(store: GraphStore) -> tuple[int, list[dict[str, Any]]]:
        merged = (
            await resolve_merges(store, await Crosswalk.from_store(store), False) if resolve else 0
        )
        return merged, await read_unresolved_actors(store)

    merged, rows = run_with_store(
        store_url, work, writes="crosswalk --resolve" if resolve else None
    )
    if resolve:
        click.echo(f"merged {merged} actors into the actors that now claim their names")
    shown = [{"id": r["id"], "name": r["name"], "kind": r["kind"], "incidents": r["incidents"],
              "spellings": "; ".join(r.get("acled_names") or []), "ucdp_id": r.get("ucdp_id")}
             for r in rows]  # fmt: skip
    click.echo(render(shown, fmt, title=f"Unresolved actors ({len(rows)})"))


def register(group: click.Group) -> None:
    for command in (load_acled_command, load_ucdp_ged_command, load_ucdp_actors_command,
                    crosswalk_command):  # fmt: skip
        group.add_command(command)
