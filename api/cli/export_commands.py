"""`sahelkg export network|map|chart` and `sahelkg brief`: pictures, graph files and a
briefing pack, drawn with the explorer's stylesheet. PNG and PDF need chromium
(`make browser`); SVG, GEXF, GraphML, Cytoscape JSON and CSV do not."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from api.cli.common import run_with_store, store_option
from api.export.i18n import LANGS
from api.export.marking import Tlp
from api.export.pack import make_brief
from api.export.picture import PictureOptions
from api.export.service import (
    NetworkQuery,
    export_chart,
    export_map,
    export_network,
    place_name,
    read_activity_windows,
    read_brief,
    read_network,
)
from api.export.write import NETWORK_FORMATS, PICTURE_FORMATS, format_of
from graph.store import GraphStore

TLP_CHOICES = [t.value for t in Tlp]


def _say(message: str) -> None:
    click.echo(message, err=True)


def _private(paths: list[Path]) -> None:
    """Exports can carry TLP:AMBER/RED material: only their owner may read them."""
    for path in paths:
        os.chmod(path, 0o600)


def picture_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options every picture takes: marking, language, size, citation dates, title."""
    options = [
        click.option("--tlp", "tlp", type=click.Choice(TLP_CHOICES, case_sensitive=False),
                     default="AMBER", show_default=True,
                     help="Traffic Light Protocol marking, printed as banners top and bottom."),
        click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
                     help="Language of the picture's labels."),
        click.option("--size", type=click.Choice(["slide", "a4"]), default="slide", show_default=True,
                     help="slide: 1920×1080 px; a4: A4 landscape at 300 dpi (3508×2480 px)."),
        click.option("--acled-accessed", metavar="DATE",
                     help="When the ACLED data was downloaded (ACLED's citation requires it)."),
        click.option("--title", help="Replace the picture's title."),
        click.option("--seed", type=int, default=7, show_default=True,
                     help="Layout seed: the same seed and data give the same picture."),
    ]  # fmt: skip
    for option in reversed(options):
        fn = option(fn)
    return fn


def _options(kw: dict[str, Any], **extra: Any) -> PictureOptions:
    return PictureOptions(
        lang=kw.pop("lang"), marking=Tlp.parse(kw.pop("tlp")), size=kw.pop("size"),
        acled_accessed=kw.pop("acled_accessed"), title=kw.pop("title"), seed=kw.pop("seed"),
        **extra,
    )  # fmt: skip


@click.group()
def export() -> None:
    """Pictures and files for briefings: a network, a map or an activity chart."""


@export.command("network")
@click.option("--actor", metavar="ID", help="Ego network of this actor (e.g. actor:jnim).")
@click.option("--alliance", metavar="ID", help="Ego network of this alliance.")
@click.option("--region", metavar="ID", help="The actors present in this region.")
@click.option(
    "--path", "path_ends", nargs=2, metavar="FROM TO", help="The k best paths between two nodes."
)
@click.option(
    "--whatif", "whatif_pair", nargs=2, metavar="ACTOR OTHER",
    help="ACTOR's network with a hypothetical link to OTHER, and what it would change "
    "(the catalog's whatif; nothing is written).",
)  # fmt: skip
@click.option("--k", type=int, default=3, show_default=True, help="How many paths (with --path).")
@click.option("--depth", type=int, default=2, show_default=True, help="Hops from the centre (1-6).")
@click.option("--as-of", metavar="DATE", help="Links holding on this date.")
@click.option("--start", metavar="DATE", help="Window start (shown in the subtitle).")
@click.option("--end", metavar="DATE", help="Window end: links holding on this date.")
@click.option(
    "--min-status",
    type=click.Choice(["confirmed", "reported", "assessed", "possible"]),
    default="possible",
    show_default=True,
    help="Weakest claim status drawn.",
)
@click.option(
    "--max-credibility",
    type=click.IntRange(1, 6),
    default=6,
    show_default=True,
    help="Least credible claim drawn (Admiralty 1-6).",
)
@click.option("--types", metavar="T1,T2", help="Only these relationship types.")
@click.option(
    "--kinds",
    metavar="K1,K2",
    help="Only actors of these kinds (e.g. jihadist_group,state_force), as the explorer's "
    "kind filter; the centre and non-actors stay.",
)
@click.option(
    "--in-region",
    metavar="ID",
    help="Only actors operating in this region (an OPERATES_IN link in the picture), as the "
    "explorer's region filter.",
)
@click.option(
    "--size-by",
    type=click.Choice(["pagerank", "betweenness", "degree"]),
    default="pagerank",
    show_default=True,
    help="Influence measure behind node size.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(NETWORK_FORMATS),
    help="Output format (default: from the output's suffix).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@picture_options
@store_option
def network(**kw: Any) -> None:
    """A network picture or file: png, pdf, svg, gexf, graphml, cyjs or csv.

    Example: sahelkg export network --actor actor:jnim --depth 2 --as-of 2023-09-30 -o jnim.png
    """  # fmt: skip
    chosen = [(s, kw[s]) for s in ("actor", "alliance", "region") if kw[s]]
    if kw["path_ends"]:
        chosen.append(("path", list(kw["path_ends"])))
    if kw["whatif_pair"]:
        chosen.append(("whatif", list(kw["whatif_pair"])))
    if len(chosen) != 1:
        raise click.UsageError(
            "give exactly one of --actor, --alliance, --region, --path or --whatif"
        )
    selection: Any
    selection, ids = chosen[0]
    as_of = kw["as_of"] or kw["end"]
    query = NetworkQuery(
        selection, ids if isinstance(ids, list) else [ids], depth=kw["depth"], as_of=as_of,
        min_status=kw["min_status"], max_credibility=kw["max_credibility"],
        types=[t.strip() for t in kw["types"].split(",")] if kw["types"] else None, k=kw["k"],
        kinds=[k.strip() for k in kw["kinds"].split(",")] if kw["kinds"] else None,
        in_region=kw["in_region"],
    )  # fmt: skip
    output: Path = kw["output"]
    fmt = format_of(output, kw["fmt"], NETWORK_FORMATS)
    store_url = kw.pop("store_url")
    options = _options(kw, size_by=kw["size_by"], depth=kw["depth"],
                       window=(kw["start"], kw["end"]) if kw["start"] else (None, None))  # fmt: skip

    async def read(store: GraphStore) -> Any:
        return await read_network(store, query)

    _say(f"reading the {selection} network of {' and '.join(query.ids)}")
    subgraph = run_with_store(store_url, read)
    written = export_network(subgraph, options, fmt, output, progress=_say)
    _private(written)
    for path in written:
        click.echo(str(path))


def _window_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--start", metavar="YYYY-MM", required=True, help="First month."),
        click.option("--end", metavar="YYYY-MM", required=True, help="Last month."),
        click.option("--before-start", metavar="YYYY-MM",
                     help="Earlier window to compare with (default: the same length just before)."),
        click.option("--before-end", metavar="YYYY-MM"),
        click.option("--format", "fmt", type=click.Choice(PICTURE_FORMATS),
                     help="Output format (default: from the output's suffix)."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True),
    ]):  # fmt: skip
        fn = option(fn)
    return fn


def _activity(kw: dict[str, Any], region: str | None) -> Any:
    before = None
    if kw["before_start"] or kw["before_end"]:
        if not (kw["before_start"] and kw["before_end"]):
            raise click.UsageError("give both --before-start and --before-end")
        before = (kw["before_start"], kw["before_end"])

    async def read(store: GraphStore) -> Any:
        return await read_activity_windows(store, kw["start"], kw["end"], region, before)

    return run_with_store(kw.pop("store_url"), read)


@export.command("map")
@click.option(
    "--metric",
    type=click.Choice(["incidents", "fatalities", "reported"]),
    default="incidents",
    show_default=True,
    help="What colours the regions: incidents or fatalities from event data (ACLED, UCDP), "
    "or security incidents counted by published reports (newsletters).",
)
@click.option("--change", is_flag=True, help="Colour by the change since the earlier window.")
@_window_options
@picture_options
@store_option
def map_(**kw: Any) -> None:
    """A choropleth of admin-1 regions (the explorer's boundaries): png, pdf or svg.

    Example: sahelkg export map --start 2023-05 --end 2023-09 -o mali-map.png
    """
    output: Path = kw["output"]
    fmt = format_of(output, kw["fmt"], PICTURE_FORMATS)
    data = _activity(kw, None)
    _say(f"drawing the {kw['metric']} map to {output}")
    written = export_map(data, _options(kw), kw["metric"], kw["change"], fmt, output)
    _private([written])
    click.echo(str(written))


@export.command("chart")
@click.option("--region", metavar="ID", help="Only this region (default: every region).")
@_window_options
@picture_options
@store_option
def chart(**kw: Any) -> None:
    """Monthly activity: incidents and fatalities from event data, and counts from
    published reports, in separate panels, with the change since the earlier window.

    Example: sahelkg export chart --start 2023-05 --end 2023-09 -o activity.png
    """
    output: Path = kw["output"]
    fmt = format_of(output, kw["fmt"], PICTURE_FORMATS)
    region = kw["region"]
    data = _activity(kw, region)
    _say(f"drawing the activity chart to {output}")
    written = export_chart(data, _options(kw), place_name(data, region), fmt, output)
    _private([written])
    click.echo(str(written))


@click.command()
@click.option(
    "--actor", "actor_id", metavar="ID", required=True, help="The actor the brief is about."
)
@click.option("--start", metavar="YYYY-MM", required=True, help="First month of the window.")
@click.option("--end", metavar="YYYY-MM", required=True, help="Last month (network as of then).")
@click.option("--depth", type=int, default=2, show_default=True, help="Hops of the network.")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for brief.pptx and the pictures.",
)
@picture_options
@store_option
def brief(**kw: Any) -> None:
    """A briefing pack in one command: brief.pptx (title, network, map, activity chart,
    what changed, sources; evidence in the speaker notes) and the pictures as PNG files.

    Example: sahelkg brief --actor actor:jnim --start 2023-06 --end 2023-09 -o brief/
    """  # fmt: skip

    async def read(store: GraphStore) -> Any:
        return await read_brief(store, kw["actor_id"], kw["start"], kw["end"], kw["depth"], _say)

    data = run_with_store(kw.pop("store_url"), read)
    out_dir: Path = kw["out_dir"]
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    written = make_brief(data, _options(kw), out_dir, progress=_say)
    _private(written)
    for path in written:
        click.echo(str(path))


def register(group: click.Group) -> None:
    group.add_command(export)
    group.add_command(brief)
