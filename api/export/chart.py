"""Activity charts: monthly incidents and fatalities from event data, and the counts
published reports give, in two separate labelled panels (they count different things and
are never added up), with the change since the previous window of the same length."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from api.export.activity import Activity
from api.export.attribution import source_line
from api.export.frame import FigureText, LegendItem, Rect, draw_frame, unit
from api.export.i18n import Lang, date_text, t
from api.export.picture import PictureOptions
from api.export.svgdoc import sub, svg_root
from api.export.text import FONT_FAMILY
from queries.series import MonthWindow as Window

INCIDENT_COLOUR = "#0072B2"
FATALITY_COLOUR = "#D55E00"
REPORT_COLOUR = "#009E73"
DERIVED_COLOUR = "#8fd3bd"


def months_of(activity: Activity) -> list[str]:
    return Window.of(activity.start, activity.end).months


def event_totals(activity: Activity) -> dict[str, tuple[float, float]]:
    """month → (incidents, fatalities), over the regions in the answer."""
    out: dict[str, tuple[float, float]] = {m: (0, 0) for m in months_of(activity)}
    for row in activity.incidents():
        if row.month in out:
            n, f = out[row.month]
            out[row.month] = (n + (row.value or 0), f + (row.fatalities or 0))
    return out


def report_totals(activity: Activity) -> dict[str, tuple[float, bool]]:
    """month → (reported security incidents, any value derived rather than stated)."""
    out: dict[str, tuple[float, bool]] = {}
    for row in activity.reports():
        if row.value is None:
            continue
        n, derived = out.get(row.month, (0, False))
        out[row.month] = (n + row.value, derived or row.qualifier == "derived")
    return out


def _nice_max(value: float) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(value)


def _panel(
    root: ET.Element, box: Rect, title: str, months: list[str], series: list[tuple[str, dict[str, float]]],
    size: float, lang: Lang, derived: set[str] | None = None,
) -> None:  # fmt: skip
    """Grouped monthly bars with a y axis; `series` is (colour, month → value)."""
    g = sub(root, "g", class_="panel")
    sub(g, "text", title, x=box.x, y=box.y + size, font_family=FONT_FAMILY, font_size=size * 1.1,
        font_weight="bold", fill="#111111")  # fmt: skip
    top, bottom = box.y + size * 2.2, box.bottom - size * 1.8
    left = box.x + size * 3.2
    high = _nice_max(max([v for _, values in series for v in values.values()] + [0]))
    for i in range(6):
        value = high * i / 5
        y = bottom - (bottom - top) * i / 5
        sub(g, "line", x1=left, y1=y, x2=box.right, y2=y, stroke="#dddddd", stroke_width=1.0)
        sub(g, "text", f"{value:g}", x=left - size * 0.4, y=y + size * 0.35, font_family=FONT_FAMILY,
            font_size=size * 0.85, text_anchor="end", fill="#333333")  # fmt: skip
    if not any(values for _, values in series):
        sub(g, "text", "—", x=(left + box.right) / 2, y=(top + bottom) / 2, font_size=size,
            font_family=FONT_FAMILY, text_anchor="middle", fill="#666666")  # fmt: skip
    slot = (box.right - left) / max(len(months), 1)
    bar = slot * 0.7 / max(len(series), 1)
    for m, month in enumerate(months):
        x0 = left + m * slot + slot * 0.15
        for s, (colour, values) in enumerate(series):
            found = values.get(month)
            if found is None:
                continue
            value = float(found)
            h = (bottom - top) * value / high
            fill = DERIVED_COLOUR if derived and month in derived else colour
            sub(g, "rect", x=x0 + s * bar, y=bottom - h, width=bar * 0.92, height=h, fill=fill,
                data_month=month, data_value=f"{value:g}")  # fmt: skip
            sub(g, "text", f"{value:g}", x=x0 + s * bar + bar * 0.46, y=bottom - h - size * 0.3,
                font_family=FONT_FAMILY, font_size=size * 0.8, text_anchor="middle", fill="#111111")  # fmt: skip
        if len(months) <= 24 or m % max(1, len(months) // 12) == 0:
            sub(g, "text", date_text(month, lang), x=left + m * slot + slot / 2, y=bottom + size * 1.2,
                font_family=FONT_FAMILY, font_size=size * 0.8, text_anchor="middle", fill="#333333")  # fmt: skip
    sub(g, "line", x1=left, y1=bottom, x2=box.right, y2=bottom, stroke="#333333", stroke_width=1.0)


def change_text(
    label: str, before: float, after: float, windows: tuple[str, str], lang: Lang
) -> str:
    delta = after - before
    pct = f", {delta / before * 100:+.0f}%" if before else ""
    return t("change_line", lang, before=windows[0], after=windows[1], what=label,
             a=f"{before:g}", b=f"{after:g}", delta=f"{delta:+g}{pct}")  # fmt: skip


def chart_picture(
    activity: Activity, previous: Activity, options: PictureOptions, where: str
) -> ET.Element:
    """The two-panel chart of `activity`, with the change since `previous`."""
    lang = options.lang
    width, height = options.canvas
    window = t("window", lang, start=activity.start, end=activity.end)
    months = months_of(activity)
    events = event_totals(activity)
    reports = report_totals(activity)
    before_events = event_totals(previous)
    before_reports = report_totals(previous)
    windows = (
        t("window", lang, start=previous.start, end=previous.end),
        window,
    )
    notes = [
        change_text(t("incidents", lang).lower(), sum(v[0] for v in before_events.values()),
                    sum(v[0] for v in events.values()), windows, lang),
        change_text(t("fatalities", lang).lower(), sum(v[1] for v in before_events.values()),
                    sum(v[1] for v in events.values()), windows, lang),
        change_text(t("reported_incidents", lang).lower(), sum(v[0] for v in before_reports.values()),
                    sum(v[0] for v in reports.values()), windows, lang),
    ]  # fmt: skip
    sources = [*activity.sources, *(s for s in previous.sources if s not in activity.sources)]
    legend = [
        LegendItem(t("from_events", lang).split("(")[0].strip()),
        LegendItem(t("incidents", lang), "swatch", INCIDENT_COLOUR),
        LegendItem(t("fatalities", lang), "swatch", FATALITY_COLOUR),
        LegendItem(t("from_reports", lang).split("(")[0].strip()),
        LegendItem(t("reported_incidents", lang), "swatch", REPORT_COLOUR),
        LegendItem(t("derived", lang), "swatch", DERIVED_COLOUR),
    ]
    text = FigureText(
        title=options.title or t("chart_title", lang, where=where, window=window),
        subtitle=f"{t('from_events', lang)} · {t('from_reports', lang)}",
        cutoff=t("cutoff", lang, date=options.cutoff or activity.end),
        source_line=source_line(sources, lang, options.acled_accessed),
        marking=options.marking, notes=notes,
    )  # fmt: skip
    root = svg_root(width, height)
    area = draw_frame(root, width, height, text, legend)
    size = 15 * unit(height)
    half = area.h / 2
    _panel(root, Rect(area.x, area.y, area.w, half - size), t("from_events", lang), months,
           [(INCIDENT_COLOUR, {m: v[0] for m, v in events.items()}),
            (FATALITY_COLOUR, {m: v[1] for m, v in events.items()})], size, lang)  # fmt: skip
    derived = {m for m, (_, d) in reports.items() if d}
    _panel(root, Rect(area.x, area.y + half, area.w, half), t("from_reports", lang), months,
           [(REPORT_COLOUR, {m: v[0] for m, v in reports.items() if m in months})], size, lang, derived)  # fmt: skip
    return root
