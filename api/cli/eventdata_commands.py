"""Event-data commands: load-acled, load-ucdp-ged, load-ucdp-actors, crosswalk."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import click

from api.cli.common import format_option, run_with_store, store_option
from api.cli.output import render
from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.decisions import (
    ACCEPT,
    DEFAULT_ANALYST_DECISIONS,
    REJECT,
    SHIPPED_DECISIONS,
    Decision,
    record_decision,
    remove_decisions,
)
from loaders.eventload import (
    INCIDENTS_PER_TRANSACTION,
    LoadOptions,
    open_crosswalk,
    resolve_merges,
)
from loaders.progress import EventLoadSummary
from loaders.review import ReviewItem, review_items
from loaders.ucdp import load_ucdp_actors, load_ucdp_ged
from queries.eventdata.indexes import read_unresolved_actors

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


DECISIONS_OPTION = click.option(
    "--decisions",
    "decisions_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_ANALYST_DECISIONS,
    envvar="SAHELKG_DECISIONS",
    show_default=True,
    help="Your crosswalk decisions (CSV): read by every load after the shipped ones, "
    "written by `crosswalk accept|reject|undo` (also SAHELKG_DECISIONS).",
)


def _load_options(func: Any) -> Any:
    for option in reversed(
        (
            click.option("--strict", is_flag=True,
                         help="Any bad row rejects the whole file; nothing is written."),
            click.option("--dry-run", is_flag=True,
                         help="Parse, validate and resolve everything; write nothing to the graph."),
            REJECTS_DIR_OPTION,
            DECISIONS_OPTION,
            click.option("--batch-size", type=click.IntRange(1), default=INCIDENTS_PER_TRANSACTION,
                         show_default=True, help="Rows per write (one transaction each)."),
        )
    ):  # fmt: skip
        func = option(func)
    return func


def _report(summary: EventLoadSummary) -> None:
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
                       rejects_dir: Path | None, decisions_path: Path, batch_size: int,
                       store_url: str) -> None:  # fmt: skip
    """Load ACLED CSV exports: every header generation, and the monadic layout.

    Bad rows (missing id, unparseable date, non-numeric fatalities, coordinates out of
    range) go to FILE.rejects.csv with line, field and reason; the rest loads. A file whose
    header is no ACLED layout is rejected whole. Loading a file again changes nothing;
    an updated export updates the incidents it changed.
    """
    options = LoadOptions(strict=strict, dry_run=dry_run, batch_size=batch_size,
                          rejects_dir=rejects_dir,
                          decision_files=(SHIPPED_DECISIONS, decisions_path))  # fmt: skip

    async def work(store: GraphStore) -> EventLoadSummary:
        return await load_acled(store, list(paths), options)

    _report(run_with_store(store_url, work, writes=_purpose("load-acled", paths)))


@click.command(name="load-ucdp-ged")
@_FILES
@_load_options
@store_option
def load_ucdp_ged_command(paths: tuple[Path, ...], strict: bool, dry_run: bool,
                          rejects_dir: Path | None, decisions_path: Path, batch_size: int,
                       store_url: str) -> None:  # fmt: skip
    """Load UCDP GED event CSVs (the 49-column layout); sides A and B become actors."""
    options = LoadOptions(strict=strict, dry_run=dry_run, batch_size=batch_size,
                          rejects_dir=rejects_dir,
                          decision_files=(SHIPPED_DECISIONS, decisions_path))  # fmt: skip

    async def work(store: GraphStore) -> EventLoadSummary:
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

    async def work(store: GraphStore) -> EventLoadSummary:
        return await load_ucdp_actors(store, path, country, strict, dry_run, rejects_dir)

    _report(run_with_store(store_url, work, writes=_purpose("load-ucdp-actors", [path])))


@click.group(name="crosswalk", invoke_without_command=True)
@click.option("--resolve", is_flag=True,
              help="First merge unresolved actors that curated aliases or decisions now claim.")  # fmt: skip
@DECISIONS_OPTION
@store_option
@format_option
@click.pass_context
def crosswalk_command(
    ctx: click.Context, resolve: bool, decisions_path: Path, store_url: str, fmt: str
) -> None:
    """Actors the event data named but the crosswalk could not resolve, and decisions on them.

    Without a subcommand: list the unresolved actors with their incident counts. `review`
    shows each unresolved name's close candidates with the evidence for and against;
    `accept NAME ACTOR` / `reject NAME ACTOR` record a decision (in the decisions file, with
    who, why and the source), which every later load follows; `undo NAME` removes it.
    """
    ctx.obj = {**(ctx.obj or {}), "decisions": decisions_path, "store": store_url, "fmt": fmt}
    if ctx.invoked_subcommand is not None:
        return
    files = (SHIPPED_DECISIONS, decisions_path)

    async def work(store: GraphStore) -> tuple[int, list[dict[str, Any]]]:
        merged = 0
        if resolve:
            merged = await resolve_merges(store, await open_crosswalk(store, files, False), False)
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


@crosswalk_command.command(name="review")
@click.option("--all", "show_all", is_flag=True, help="Also list names with no candidate.")
@click.pass_context
def crosswalk_review_command(ctx: click.Context, show_all: bool) -> None:
    """Each unresolved name with the actors it may be: score and evidence per candidate.

    A candidate is listed from a score of 0.3; a load merges at 0.7. Record what you
    decide with `sahelkg crosswalk accept NAME ACTOR` or `reject NAME ACTOR`.
    """
    files = (SHIPPED_DECISIONS, ctx.obj["decisions"])

    async def work(store: GraphStore) -> list[ReviewItem]:
        return await review_items(store, files, with_candidates_only=not show_all)

    items = run_with_store(ctx.obj["store"], work)
    rows = [row for item in items for row in item.rows()]
    click.echo(render(rows, ctx.obj["fmt"], title=f"Names to review ({len(items)})"))


def _decide(ctx: click.Context, verdict: str, name: str, actor_id: str, reason: str,
            source: str, by: str, countries: str) -> None:  # fmt: skip
    path: Path = ctx.obj["decisions"]
    decision = Decision(name=name, actor=actor_id, verdict=verdict,
                        countries=tuple(countries.upper().split()), source=source,
                        reason=reason, decided_by=by, decided=date.today().isoformat())  # fmt: skip
    files = (SHIPPED_DECISIONS, path)

    async def work(store: GraphStore) -> int:
        crosswalk = await open_crosswalk(store, files, dry_run=True)
        if actor_id not in crosswalk.actors:
            raise click.ClickException(f"no actor with id {actor_id!r} in the store")
        record_decision(path, decision)
        return await resolve_merges(store, await open_crosswalk(store, files, False), False)

    merged = run_with_store(ctx.obj["store"], work, writes=f"crosswalk {verdict} {name}")
    arrow = "is" if verdict == ACCEPT else "is not"
    click.echo(f"recorded in {path}: {name!r} {arrow} {actor_id}"
               + (f"; merged {merged} actor(s) into it" if merged else ""))  # fmt: skip


_DECISION_OPTIONS = (
    click.argument("name"),
    click.argument("actor_id", metavar="ACTOR"),
    click.option("--reason", required=True, help="Why (it goes into the decisions file)."),
    click.option("--source", default="analyst review", show_default=True,
                 help="What the decision rests on: a source id or a document."),
    click.option("--by", default=lambda: os.environ.get("USER", "analyst"),
                 help="Who decided (default: $USER)."),
    click.option("--countries", default="",
                 help="Only for incidents in these ISO3 countries (space-separated)."),
)  # fmt: skip


def _decision_options(func: Any) -> Any:
    for option in reversed(_DECISION_OPTIONS):
        func = option(func)
    return func


def _decision_command(verdict: str, summary: str) -> None:
    """`crosswalk accept` and `crosswalk reject`: the same options, another verdict."""

    @crosswalk_command.command(name=verdict, help=summary)
    @_decision_options
    @click.pass_context
    def command(ctx: click.Context, name: str, actor_id: str, reason: str, source: str,
                by: str, countries: str) -> None:  # fmt: skip
        _decide(ctx, verdict, name, actor_id, reason, source, by, countries)


_decision_command(ACCEPT, "Record that NAME denotes ACTOR; actors already made for NAME are "
                  "merged into it.")  # fmt: skip
_decision_command(REJECT, "Record that NAME never denotes ACTOR: no load matches them again.")


@crosswalk_command.command(name="undo")
@click.argument("name")
@click.argument("actor_id", metavar="[ACTOR]", required=False)
@click.pass_context
def crosswalk_undo_command(ctx: click.Context, name: str, actor_id: str | None) -> None:
    """Remove your decisions on NAME (and ACTOR); the next load resolves NAME afresh."""
    removed = remove_decisions(ctx.obj["decisions"], name, actor_id)
    if not removed:
        raise click.ClickException(f"no decision on {name!r} in {ctx.obj['decisions']}")
    for decision in removed:
        click.echo(f"removed: {decision.name!r} {decision.verdict} {decision.actor}")


def register(group: click.Group) -> None:
    for command in (load_acled_command, load_ucdp_ged_command, load_ucdp_actors_command,
                    crosswalk_command):  # fmt: skip
        group.add_command(command)
