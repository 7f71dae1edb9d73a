"""Analytics commands: `sahelkg whatif`, the what-if scenario with named options.

The same entry runs as `sahelkg query whatif -p …`; this command only spells the scenario
as repeatable options. Nothing is written to the store.
"""

from __future__ import annotations

from typing import Any

import click

from api.cli.common import format_option, run_with_store, store_option
from api.cli.output import render_results
from graph.store import GraphStore


@click.command()
@click.option(
    "--add-alliance",
    "add_alliances",
    multiple=True,
    metavar="ALLIANCE_ID",
    help="An alliance whose members become allied (e.g. a possible alignment).",
)
@click.option("--remove-alliance", "remove_alliances", multiple=True, metavar="ALLIANCE_ID")
@click.option(
    "--add-edge",
    "add_edges",
    multiple=True,
    metavar="ACTOR~ACTOR[~WEIGHT]",
    help="A hypothetical cooperation edge.",
)
@click.option("--remove-edge", "remove_edges", multiple=True, metavar="ACTOR~ACTOR")
@click.option("--add-hostile", "add_hostile", multiple=True, metavar="ACTOR~ACTOR[~WEIGHT]")
@click.option("--remove-hostile", "remove_hostile", multiple=True, metavar="ACTOR~ACTOR")
@click.option("--actor", "actor_id", metavar="ACTOR_ID", help="Only rows about this actor.")
@click.option("--start", metavar="DATE", help="Window start (YYYY-MM).")
@click.option("--end", metavar="DATE", help="Window end (YYYY-MM).")
@click.option("--all-rows", is_flag=True, help="Also rows that did not change.")
@store_option
@format_option
def whatif(
    add_alliances: tuple[str, ...],
    remove_alliances: tuple[str, ...],
    add_edges: tuple[str, ...],
    remove_edges: tuple[str, ...],
    add_hostile: tuple[str, ...],
    remove_hostile: tuple[str, ...],
    actor_id: str | None,
    start: str | None,
    end: str | None,
    all_rows: bool,
    store_url: str,
    fmt: str,
) -> None:
    """What would change if alliances or edges were added or removed: every influence
    measure and regional reach, before and after.

    \b
    Example — the possible JNIM–CMA alignment, June to September 2023:
      sahelkg whatif --add-alliance alliance:jnim-cma-alignment --actor actor:jnim \\
        --start 2023-06 --end 2023-09
    """
    from queries.catalog import load_catalog

    entry = load_catalog()["whatif"]
    params: dict[str, Any] = {
        "add_alliances": list(add_alliances),
        "remove_alliances": list(remove_alliances),
        "add_edges": list(add_edges),
        "remove_edges": list(remove_edges),
        "add_hostile": list(add_hostile),
        "remove_hostile": list(remove_hostile),
        "actor_id": actor_id,
        "start": start,
        "end": end,
        "changed_only": not all_rows,
    }

    bound = entry.bind(params)

    async def work(store: GraphStore) -> list[Any]:
        return await entry.execute(store, bound)

    click.echo(render_results(run_with_store(store_url, work), fmt, title="what-if"))


def register(group: click.Group) -> None:
    group.add_command(whatif)
