"""Draw a briefing pack from `service.read_brief`'s data: the three pictures as PNG files
(one chromium for all) and the PPTX that shows them with the evidence in its notes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from api.export.brief import BriefContent, PictureSlide, evidence_notes, write_brief
from api.export.browser import browser
from api.export.changes import Change
from api.export.i18n import Lang, qualifier_word, t
from api.export.picture import PictureOptions, cutoff_of, plan_network
from api.export.service import BriefData, Metric, export_chart, export_map
from api.export.write import Progress, quiet, write_network


def map_metric(data: BriefData) -> Metric:
    """Incidents from event data when the window has any, else what reports counted."""
    return "incidents" if any(r.value for r in data.activity.now.incidents()) else "reported"


def _activity_notes(data: BriefData, lang: Lang) -> str:
    now = data.activity.now
    lines = [t("evidence_heading", lang)]
    for row in now.incidents():
        if row.value:
            lines.append(
                t("events_line", lang, region=row.region.name, month=row.month, n=row.value,
                  f=row.fatalities, series=row.series)
            )  # fmt: skip
    for row in now.reports():
        lines.append(
            t("reports_line", lang, region=row.region.name, month=row.month, n=row.value,
              qualifier=qualifier_word(row.qualifier, lang), ids=", ".join(s.id for s in row.sources))
        )  # fmt: skip
    return "\n".join(lines)


def _change_notes(changes: list[Change], lang: Lang) -> str:
    lines = []
    for c in changes:
        line = t(
            "change_note", lang, what=t(c.what, lang), subject=c.subject, detail=c.detail(lang)
        )
        if c.edge is not None:
            line += t("change_sources", lang, ids=", ".join(s.id for s in c.edge.evidence.sources))
        lines.append(line)
    return "\n".join(lines) or "-"


def make_brief(
    data: BriefData, options: PictureOptions, out_dir: Path, progress: Progress = quiet
) -> list[Path]:
    """Write network.png, map.png, chart.png and brief.pptx into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lang = options.lang
    net_options = replace(options, depth=2, cutoff=options.cutoff or data.end)
    network = data.network
    name = next((n.ref.name for n in network.nodes if n.ref.id == data.actor_id), data.actor_id)
    files = {k: out_dir / f"{k}.png" for k in ("network", "map", "chart")}
    with browser() as chromium:
        progress(f"[1/4] drawing the network ({len(network.nodes)} nodes)")
        picture = plan_network(network, net_options)
        write_network(picture, "png", files["network"], chromium)
        progress("[2/4] drawing the map")
        pic_options = replace(options, cutoff=options.cutoff or data.end)
        metric = map_metric(data)
        export_map(data.activity, pic_options, metric, False, "png", files["map"], chromium)
        progress("[3/4] drawing the activity chart")
        export_chart(data.activity, pic_options, "Sahel", "png", files["chart"], chromium)
    progress("[4/4] writing the slides")
    sources = {
        s.id: s
        for s in [*network.sources, *data.activity.now.sources, *data.activity.previous.sources]
    }
    content = BriefContent(
        title=t("brief_title", lang, name=name),
        subtitle=t("window", lang, start=data.start, end=data.end),
        marking=options.marking,
        lang=lang,
        cutoff=cutoff_of(network, net_options),
        pictures=[
            PictureSlide(files["network"], evidence_notes(network, lang)),
            PictureSlide(files["map"], _activity_notes(data, lang)),
            PictureSlide(files["chart"], _activity_notes(data, lang)),
        ],
        changes=data.changes,
        changes_notes=_change_notes(data.changes, lang),
        sources=[sources[k] for k in sorted(sources)],
        acled_accessed=options.acled_accessed,
    )
    pptx = write_brief(content, out_dir / "brief.pptx")
    return [*files.values(), pptx]
