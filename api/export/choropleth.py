"""Map exports: a choropleth of admin-1 regions (incidents or fatalities in a window, or
the change between two windows) on the explorer's own boundaries and crosswalk
(api/web/static/geo), projected the way the explorer's map projects them."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from api.export.activity import Activity
from api.export.attribution import source_line
from api.export.frame import FigureText, LegendItem, Rect, draw_frame, unit
from api.export.i18n import t
from api.export.labels import Box
from api.export.picture import PictureOptions
from api.export.svgdoc import sub, svg_root
from api.export.text import FONT_FAMILY, text_width
from api.web import STATIC_DIR
from queries.subgraph import SourceInfo

RAMP = ["#fff5d6", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000"]
"""The explorer map's sequential ramp (light to dark) and its colour for "no record"."""
EMPTY = "#f2f2f2"
DIVERGING = ["#5e3c99", "#b2abd2", "#f7f7f7", "#fdb863", "#e66101"]
"""Purple (fell) to orange (rose), ColorBrewer PuOr: readable with colour-blindness."""


@lru_cache(maxsize=1)
def geo() -> tuple[dict[str, Any], dict[str, Any]]:
    folder = STATIC_DIR / "geo"
    shapes = json.loads((folder / "sahel-admin1.geojson").read_text(encoding="utf-8"))
    crosswalk = json.loads((folder / "crosswalk.json").read_text(encoding="utf-8"))
    return shapes, crosswalk


def _valid_at(unit_: dict[str, Any], month: str) -> bool:
    return (not unit_["valid_from"] or unit_["valid_from"] <= month) and (
        not unit_["valid_to"] or unit_["valid_to"] > month
    )


def units_of(feature: dict[str, Any], month: str) -> tuple[set[str], list[str]]:
    """Graph region ids a polygon stands for, and the unit names valid at `month`."""
    p = feature["properties"]
    units = geo()[1]["units"].get(p["iso_3166_2"], [])
    ids = {u["id"] for u in units} | {f"region:{p['slug']}"}
    names = [u["name"] for u in units if _valid_at(u, month)]
    return ids, names or [p.get("name_iso") or p["name"]]


def _rings(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


@dataclass(frozen=True)
class Projection:
    """Equirectangular with cos(mid-latitude) scaling, as the explorer's map, fit to `area`."""

    min_x: float
    max_y: float
    scale_x: float
    k: float
    dx: float
    dy: float

    @classmethod
    def fit(cls, features: list[dict[str, Any]], area: Rect) -> Projection:
        points = [
            pt for f in features for poly in _rings(f["geometry"]) for ring in poly for pt in ring
        ]
        xs, ys = [pt[0] for pt in points], [pt[1] for pt in points]
        scale_x = math.cos((min(ys) + max(ys)) / 2 * math.pi / 180)
        span_x, span_y = (max(xs) - min(xs)) * scale_x, max(ys) - min(ys)
        k = min(area.w / span_x, area.h / span_y)
        return cls(min(xs), max(ys), scale_x, k,
                   area.x + (area.w - span_x * k) / 2, area.y + (area.h - span_y * k) / 2)  # fmt: skip

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        return (
            self.dx + (x - self.min_x) * self.scale_x * self.k,
            self.dy + (self.max_y - y) * self.k,
        )


def path_data(geometry: dict[str, Any], project: Projection) -> str:
    parts = []
    for poly in _rings(geometry):
        for ring in poly:
            points = "L".join("{:.1f},{:.1f}".format(*project(x, y)) for x, y in ring)
            parts.append(f"M{points}Z")
    return "".join(parts)


def step_colour(value: float, high: float) -> str:
    """The explorer's `colourFor`: five equal steps of the window's maximum."""
    if not value:
        return EMPTY
    step = min(len(RAMP) - 1, math.floor(value / high * (len(RAMP) - 1) + 0.0001))
    return RAMP[max(0, step)]


def change_colour(value: float, high: float) -> str:
    if value == 0:
        return DIVERGING[2]
    strong = abs(value) > high / 2
    if value < 0:
        return DIVERGING[0] if strong else DIVERGING[1]
    return DIVERGING[4] if strong else DIVERGING[3]


@dataclass(frozen=True)
class MapPlan:
    """A map: per polygon (ISO code, names, value), and the words around it."""

    values: list[tuple[str, list[str], float]]
    change: bool
    high: float


def polygon_values(by_region: dict[str, float], month: str) -> list[tuple[str, list[str], float]]:
    out = []
    for feature in geo()[0]["features"]:
        ids, names = units_of(feature, month)
        out.append(
            (feature["properties"]["iso_3166_2"], names, sum(by_region.get(i, 0) for i in ids))
        )
    return out


def map_legend(plan: MapPlan, metric_word: str, lang: str) -> list[LegendItem]:
    items = [LegendItem(metric_word)]
    if plan.change:
        half = round(plan.high / 2)
        labels = [f"≤ −{half + 1}", f"−{half} … −1", "0", f"+1 … +{half}", f"≥ +{half + 1}"]
        items += [LegendItem(text, "swatch", c) for text, c in zip(labels, DIVERGING, strict=True)]
        return items
    items.append(LegendItem(t("none_recorded", lang), "swatch", EMPTY))  # type: ignore[arg-type]
    steps: dict[str, list[int]] = {}
    for value in range(1, math.ceil(plan.high) + 1):
        steps.setdefault(step_colour(value, plan.high), []).append(value)
    for colour in RAMP:
        if colour in steps:
            low, high = steps[colour][0], steps[colour][-1]
            items.append(LegendItem(str(low) if low == high else f"{low}–{high}", "swatch", colour))
    return items


def draw_map(
    plan: MapPlan,
    options: PictureOptions,
    title: str,
    subtitle: str,
    metric_word: str,
    sources: list[SourceInfo],
    month: str,
    cutoff: str,
) -> ET.Element:
    width, height = options.canvas
    lang = options.lang
    text = FigureText(
        title=title, subtitle=subtitle, cutoff=t("cutoff", lang, date=cutoff),
        source_line=source_line(sources, lang, options.acled_accessed), marking=options.marking,
        notes=[t("boundaries", lang)],
    )  # fmt: skip
    root = svg_root(width, height)
    area = draw_frame(root, width, height, text, map_legend(plan, metric_word, lang))
    features = geo()[0]["features"]
    project = Projection.fit(features, area)
    group = sub(root, "g", class_="regions")
    by_iso = {iso: (names, value) for iso, names, value in plan.values}
    for feature in features:
        iso = feature["properties"]["iso_3166_2"]
        names, value = by_iso[iso]
        fill = change_colour(value, plan.high) if plan.change else step_colour(value, plan.high)
        path = sub(
            group, "path", d=path_data(feature["geometry"], project), fill=fill,
            stroke="#555555", stroke_width=0.8, data_iso=iso, data_value=_num(value),
        )  # fmt: skip
        sub(path, "title", f"{', '.join(names)}: {_num(value)}")
    _region_labels(root, features, by_iso, project, unit(height) * 14, plan.change)
    return root


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _region_labels(
    root: ET.Element, features: list[dict[str, Any]], by_iso: dict[str, tuple[list[str], float]],
    project: Projection, size: float, signed: bool,
) -> None:  # fmt: skip
    """Names of Mali's regions and of any region with a value; one that would overlap a
    label already placed (larger values first) is left out."""
    group = sub(root, "g", class_="region-labels")
    taken: list[Box] = []
    order = sorted(features, key=lambda f: (-abs(by_iso[f["properties"]["iso_3166_2"]][1]),
                                            f["properties"]["iso_3166_2"]))  # fmt: skip
    for feature in order:
        p = feature["properties"]
        names, value = by_iso[p["iso_3166_2"]]
        if p["country_iso3"] != "MLI" and value == 0:
            continue
        x, y = project(p["label_lon"], p["label_lat"])
        shown = f"+{_num(value)}" if signed and value > 0 else _num(value)
        label = f"{names[0]} ({shown})"
        w = text_width(label, size) + 6
        box = Box(x - w / 2, y - size, w, size * 1.4)
        if any(box.hits(b) for b in taken):
            continue
        taken.append(box)
        sub(group, "rect", x=box.x, y=box.y, width=box.w, height=box.h, fill="#FFFFFF",
            fill_opacity=0.7, rx=2.0)  # fmt: skip
        sub(group, "text", label, x=x, y=y + size * 0.15, font_family=FONT_FAMILY, font_size=size,
            text_anchor="middle", fill="#111111")  # fmt: skip


def map_picture(
    activity: Activity, options: PictureOptions, metric: str, before: Activity | None = None
) -> ET.Element:
    """The map of `metric` over `activity`'s window, or its change since `before`."""
    lang = options.lang
    metric_word = t("reported_incidents" if metric == "reported" else metric, lang)
    month = activity.end
    now = polygon_values(activity.by_region(metric), month)
    window = t("window", lang, start=activity.start, end=activity.end)
    pick = "report_sources" if metric == "reported" else "event_sources"
    sources = list(getattr(activity, pick))
    if before is None:
        high = max([v for _, _, v in now] + [1])
        plan = MapPlan(now, change=False, high=high)
        title = options.title or t("map_title", lang, metric=metric_word, window=window)
    else:
        earlier = {iso: v for iso, _, v in polygon_values(before.by_region(metric), month)}
        delta = [(iso, names, v - earlier.get(iso, 0)) for iso, names, v in now]
        high = max([abs(v) for _, _, v in delta] + [1])
        plan = MapPlan(delta, change=True, high=high)
        previous = t("window", lang, start=before.start, end=before.end)
        title = options.title or t(
            "map_change_title", lang, metric=metric_word.lower(), before=previous, after=window
        )
        sources += [s for s in getattr(before, pick) if s not in sources]
    subtitle = t("window", lang, start=activity.start, end=activity.end)
    return draw_map(plan, options, title, subtitle, metric_word, sources, month,
                    options.cutoff or activity.end)  # fmt: skip
