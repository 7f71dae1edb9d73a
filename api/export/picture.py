"""What a network picture is before it becomes pixels or SVG: its canvas, frame text,
legend, laid-out nodes and placed labels. SVG, PNG and PDF all draw this one plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from api.export.attribution import source_line
from api.export.frame import SIZES, FigureText, LegendItem, Rect, draw_frame, unit
from api.export.i18n import Lang, category_word, measure_word, relationship_word, status_word, t
from api.export.labels import Label, place_labels
from api.export.layout import DEFAULT_SEED, Placed, lay_out, raw_layout
from api.export.marking import Tlp
from api.export.netstyle import category, category_of, credibility_look, edge_colour, line_of
from api.export.svgdoc import svg_root
from queries.subgraph import Subgraph

GHOST_COLOUR = "#CC79A7"
"""The explorer's what-if ghost edge colour (stylesheet `edge.ghost`)."""
WHATIF_MEASURES = ("degree", "pagerank", "betweenness", "broker", "reach")
"""The what-if changes a picture's note names (the catalog answer has them all)."""
LABEL_FONT = 15.0
"""Node label size at slide scale (px)."""


@dataclass(frozen=True)
class PictureOptions:
    """The analyst's choices for every picture."""

    lang: Lang = "en"
    marking: Tlp = Tlp.AMBER
    size: str = "slide"
    acled_accessed: str | None = None
    size_by: str = "pagerank"
    seed: int = DEFAULT_SEED
    title: str | None = None
    cutoff: str | None = None
    depth: int | None = None
    window: tuple[str | None, str | None] = (None, None)

    @property
    def canvas(self) -> tuple[int, int]:
        if self.size not in SIZES:
            raise ValueError(f"unknown size {self.size!r}; choose one of {', '.join(SIZES)}")
        return SIZES[self.size]


@dataclass(frozen=True)
class NetworkPicture:
    width: int
    height: int
    text: FigureText
    legend: list[LegendItem]
    area: Rect
    placed: dict[str, Placed]
    labels: dict[str, Label]
    subgraph: Subgraph
    options: PictureOptions
    categories: dict[str, str] = field(default_factory=dict)


def default_title(subgraph: Subgraph, lang: Lang) -> str:
    names = {n.ref.id: n.ref.name or n.ref.id for n in subgraph.nodes}
    first = names.get(subgraph.centre[0], subgraph.centre[0])
    if subgraph.selection in ("path", "whatif"):
        second = names.get(subgraph.centre[-1], subgraph.centre[-1])
        key = "path_between" if subgraph.selection == "path" else "whatif_of"
        return t(key, lang, a=first, b=second)
    keys = {"actor": "network_of", "alliance": "alliance_of", "region": "region_of"}
    return t(keys[subgraph.selection], lang, name=first)


def subtitle(subgraph: Subgraph, options: PictureOptions) -> str:
    parts = []
    if options.depth is not None and subgraph.selection != "path":
        parts.append(t("depth", options.lang, n=options.depth))
    start, end = options.window
    if start or end:
        parts.append(t("window", options.lang, start=start or "…", end=end or "…"))
    elif subgraph.as_of:
        parts.append(t("as_of", options.lang, date=subgraph.as_of))
    parts.append(t("size_by", options.lang, measure=measure_word(options.size_by, options.lang)))
    return " · ".join(parts)


def cutoff_of(subgraph: Subgraph, options: PictureOptions) -> str:
    return options.cutoff or subgraph.as_of or subgraph.latest_date or "—"


def weak_note(subgraph: Subgraph, lang: Lang) -> str | None:
    weak = subgraph.weak_edges
    if not weak:
        return None
    which = ", ".join(
        f"{e.source.name or e.source.id} – {e.target.name or e.target.id} "
        f"({status_word(e.evidence.status, lang)}, {e.evidence.credibility})"
        for e in weak[:6]
    )
    if len(weak) > 6:
        which += ", …"
    return t("weak_note", lang, n=len(weak), which=which)


def whatif_note(subgraph: Subgraph, lang: Lang) -> str | None:
    """The catalog's what-if answer for the centre, in one line."""
    if not subgraph.scenario:
        return None
    parts = []
    for change in subgraph.scenario:
        if change.measure not in WHATIF_MEASURES:
            continue
        if change.measure == "reach" and change.gained:
            parts.append(t("reach_gain", lang, names=", ".join(change.gained)))
        elif change.before is not None and change.after is not None and change.change:
            word = measure_word(change.measure, lang)
            parts.append(f"{word} {change.before:g} → {change.after:g}")
    name = subgraph.scenario[0].actor.name or subgraph.scenario[0].actor.id
    return t("whatif_note", lang, name=name, changes="; ".join(parts) or "—")


def network_legend(subgraph: Subgraph, lang: Lang) -> tuple[list[LegendItem], dict[str, str]]:
    """Legend of what the picture holds: node kinds, link types, statuses, credibility."""
    cats = {n.ref.id: category_of(n) for n in subgraph.nodes}
    items = [LegendItem(t("node_kinds", lang))]
    for name in sorted(set(cats.values())):
        c = category(name)
        items.append(LegendItem(category_word(name, lang), "shape", c["colour"], c["shape"]))
    items.append(LegendItem(t("relationships", lang)))
    for rel_type in sorted({e.type for e in subgraph.edges}):
        items.append(LegendItem(relationship_word(rel_type, lang), "line", edge_colour(rel_type)))
    if subgraph.ghosts:
        items.append(
            LegendItem(t("whatif_link", lang), "line", GHOST_COLOUR, line="dashed", width=5.0)
        )
    items.append(LegendItem(t("statuses", lang)))
    for status in ("confirmed", "reported", "assessed", "possible"):
        if any(e.evidence.status == status for e in subgraph.edges):
            items.append(
                LegendItem(status_word(status, lang), "line", "#333333", line=line_of(status))
            )
    credibilities = sorted({e.evidence.credibility for e in subgraph.edges})
    if credibilities:
        items.append(LegendItem(t("credibility", lang).split("(")[0].strip()))
        for cred in credibilities:
            opacity, width = credibility_look(cred)
            items.append(LegendItem(f"{cred}", "line", "#333333", width=width, opacity=opacity))
    return items, cats


def plan_network(subgraph: Subgraph, options: PictureOptions) -> NetworkPicture:
    """Lay out and label `subgraph` for a canvas of the chosen size."""
    width, height = options.canvas
    lang = options.lang
    legend, cats = network_legend(subgraph, lang)
    notes = [n for n in [whatif_note(subgraph, lang), weak_note(subgraph, lang)] if n]
    text = FigureText(
        title=options.title or default_title(subgraph, lang),
        subtitle=subtitle(subgraph, options),
        cutoff=t("cutoff", lang, date=cutoff_of(subgraph, options)),
        source_line=source_line(subgraph.sources, lang, options.acled_accessed),
        marking=options.marking,
        notes=notes,
    )
    # The frame is drawn once to learn the plot area; the label note can add a footer line.
    area = draw_frame(svg_root(width, height), width, height, text, legend)
    scale = unit(height)
    raw = raw_layout(subgraph, options.seed)
    placed = lay_out(subgraph, area, scale, options.size_by, options.seed, raw)
    labels = place_labels(subgraph, placed, area, LABEL_FONT * scale)
    if len(labels) < len(subgraph.nodes):
        hidden = t("labels_hidden", lang, n=len(subgraph.nodes), total=len(subgraph.nodes))
        with_note = FigureText(**{**text.__dict__, "notes": [*text.notes, hidden]})
        area = draw_frame(svg_root(width, height), width, height, with_note, legend)
        placed = lay_out(subgraph, area, scale, options.size_by, options.seed, raw)
        labels = place_labels(subgraph, placed, area, LABEL_FONT * scale)
        if len(labels) < len(subgraph.nodes):
            note = t("labels_hidden", lang, n=len(labels), total=len(subgraph.nodes))
            text = FigureText(**{**text.__dict__, "notes": [*text.notes, note]})
    return NetworkPicture(
        width, height, text, legend, area, placed, labels, subgraph, options, cats
    )
