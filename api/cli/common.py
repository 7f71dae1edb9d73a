"""What every command shares: the store option, running async work, and clean errors."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import click

from api.cli.stopsignals import cancelled_by_stop_signals
from api.cli.stopsignals import received as stop_signal_received
from graph.store import DEFAULT_STORE_URL, GraphStore, open_store

T = TypeVar("T")

STORE_HELP = (
    "Where the graph lives: embedded:PATH, neo4j://HOST:PORT[/DB], bolt://…, "
    "falkordb://HOST:PORT. Also read from SAHELKG_STORE. Before or after the command."
)


def _store_from_root(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """The subcommand's --store, else the group's (`sahelkg --store X stats`), else
    SAHELKG_STORE, else the default: a global option works before or after the command."""
    if value:
        return value
    root = ctx.find_root()
    given = (root.obj or {}).get("store") if root is not ctx else None
    return given or os.environ.get("SAHELKG_STORE") or DEFAULT_STORE_URL


store_option = click.option(
    "--store",
    "store_url",
    default=None,
    callback=_store_from_root,
    help=STORE_HELP + f"  [default: {DEFAULT_STORE_URL}]",
)

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output as a table, JSON or CSV.",
)

timeout_option = click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Stop a read that runs longer (0: no limit). Default: SAHELKG_QUERY_TIMEOUT, else 120.",
)


def run_with_store(
    store_url: str,
    work: Callable[[GraphStore], Awaitable[T]],
    writes: str | None = None,
    timeout_s: float | None = None,
) -> T:
    """Open the store, run `work`, and always close it (releasing the embedded server).

    A read (`writes` None) never creates a store: a missing one is an error naming the
    path. A write names what it does (`writes="load-acled x.csv"`); it may create the
    store, and holds the store's writer lock so a second writer waits or is told who
    holds it.
    """

    async def runner() -> T:
        task = asyncio.current_task()
        assert task is not None
        with cancelled_by_stop_signals(task):
            store = await open_store(store_url, create=writes is not None)
            try:
                if timeout_s is not None:
                    store.default_timeout_s = timeout_s
                if writes is None:
                    return await work(store)
                async with store.writing(writes):
                    return await work(store)
            finally:
                await store.close()

    try:
        return asyncio.run(runner())
    except asyncio.CancelledError:
        if stop_signal_received:
            raise KeyboardInterrupt from None  # stopped by SIGTERM/SIGHUP: as Ctrl-C
        raise


def echo_error(message: str) -> None:
    click.secho(f"error: {message}", fg="red", err=True)


def debug_enabled(ctx: click.Context | None) -> bool:
    root: Any = ctx.find_root() if ctx else None
    return bool(root and root.obj and root.obj.get("debug"))
