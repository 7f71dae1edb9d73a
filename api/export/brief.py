"""The briefing pack: `sahelkg brief --actor ID` writes a PPTX (python-pptx) with a title
slide, the actor's network, the map, the activity chart, a 'what changed' table and a
sources slide, plus the same pictures as PNG files. Every slide carries the TLP marking
top and bottom; speaker notes carry the evidence behind each picture."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from api.export.attribution import cite
from api.export.changes import Change, claim_text
from api.export.i18n import Lang, source_kind_word, t
from api.export.marking import Tlp
from queries.subgraph import SourceInfo, Subgraph, document_id

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)
"""16:9, 13.333 × 7.5 inches: a 1920×1080 picture fills it exactly."""
BANNER_H = Emu(320000)


@dataclass(frozen=True)
class PictureSlide:
    image: Path
    notes: str


@dataclass(frozen=True)
class BriefContent:
    title: str
    subtitle: str
    marking: Tlp
    lang: Lang
    cutoff: str
    pictures: list[PictureSlide]
    changes: list[Change]
    changes_notes: str
    sources: list[SourceInfo]
    acled_accessed: str | None


def _rgb(colour: str) -> RGBColor:
    value = colour.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))  # type: ignore[no-untyped-call]


def _banners(slide: Any, marking: Tlp) -> None:
    for top in (Emu(0), SLIDE_H - BANNER_H):
        box = slide.shapes.add_textbox(Emu(0), top, SLIDE_W, BANNER_H)
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb("#000000")
        para = box.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.CENTER
        run = para.add_run()
        run.text = marking.text
        run.font.bold = True
        run.font.size = Pt(14)
        run.font.color.rgb = _rgb(marking.colour)


def _text(
    slide: Any, text: str, top: int, size: int, bold: bool = False, height: int = 600000
) -> Any:
    box = slide.shapes.add_textbox(Emu(457200), top, SLIDE_W - Emu(914400), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    return box


def evidence_notes(subgraph: Subgraph, lang: Lang) -> str:
    """One line per link: who, what, status, credibility, dates, and the sources' titles."""
    titles = {s.id: s.name for s in subgraph.sources}
    lines = [t("evidence_heading", lang)]
    for e in subgraph.edges:
        cited = "; ".join(
            dict.fromkeys(
                f"{titles.get(document_id(s.id), s.id)} [{s.reliability or '?'}]"
                for s in e.evidence.sources
            )
        )
        lines.append(
            t("evidence_line", lang, a=e.source.name, b=e.target.name, claim=claim_text(e, lang),
              cited=cited)
        )  # fmt: skip
    return "\n".join(lines)


def _table(slide: Any, changes: Sequence[Change], lang: Lang) -> None:
    rows = max(len(changes), 1) + 1
    top = BANNER_H + Emu(1000000)
    height = min(Emu(360000) * rows, SLIDE_H - top - BANNER_H - Emu(200000))
    shape = slide.shapes.add_table(rows, 3, Emu(457200), top, SLIDE_W - Emu(914400), height)
    table = shape.table
    table.columns[0].width = Emu(2000000)
    table.columns[1].width = Emu(3600000)
    table.columns[2].width = SLIDE_W - Emu(914400) - Emu(5600000)
    header = (t("change", lang), "", t("detail", lang))
    for col, word in enumerate(header):
        table.cell(0, col).text = word
    if not changes:
        table.cell(1, 0).text = t("nothing_changed", lang)
    for row, change in enumerate(changes, start=1):
        table.cell(row, 0).text = t(change.what, lang)
        table.cell(row, 1).text = change.subject
        table.cell(row, 2).text = change.detail(lang)
    for row in range(rows):
        for col in range(3):
            for para in table.cell(row, col).text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(12)


def write_brief(content: BriefContent, path: Path) -> Path:
    """Write the PPTX: title, one slide per picture, what changed, sources."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    blank, title_only = deck.slide_layouts[6], deck.slide_layouts[6]
    lang = content.lang

    slide = deck.slides.add_slide(blank)
    _banners(slide, content.marking)
    _text(slide, content.title, Emu(2200000), 40, bold=True, height=900000)
    _text(slide, content.subtitle, Emu(3200000), 22)
    _text(slide, t("cutoff", lang, date=content.cutoff), Emu(3900000), 18)
    slide.notes_slide.notes_text_frame.text = f"{content.title}\n{content.subtitle}"

    for picture in content.pictures:
        slide = deck.slides.add_slide(blank)
        slide.shapes.add_picture(str(picture.image), Emu(0), Emu(0), width=SLIDE_W, height=SLIDE_H)
        slide.notes_slide.notes_text_frame.text = picture.notes

    slide = deck.slides.add_slide(title_only)
    _banners(slide, content.marking)
    _text(slide, t("what_changed", lang), BANNER_H + Emu(200000), 30, bold=True)
    _table(slide, content.changes, lang)
    slide.notes_slide.notes_text_frame.text = content.changes_notes

    slide = deck.slides.add_slide(title_only)
    _banners(slide, content.marking)
    _text(slide, t("sources", lang), BANNER_H + Emu(200000), 30, bold=True)
    lines = [
        t(
            "source_row",
            lang,
            cite=cite(s, lang, content.acled_accessed),
            kind=source_kind_word(s.kind, lang),
            grade=s.reliability or "?",
        )
        for s in content.sources
    ]
    box = _text(slide, "", BANNER_H + Emu(1000000), 14, height=5000000)
    frame = box.text_frame
    frame.paragraphs[0].runs[0].text = lines[0] if lines else "—"
    for line in lines[1:]:
        run = frame.add_paragraph().add_run()
        run.text = line
        run.font.size = Pt(14 if len(lines) < 12 else 10)
    slide.notes_slide.notes_text_frame.text = "\n".join(
        f"{s.id}: {s.url or ''}" for s in content.sources
    )

    # A fixed timestamp (the data cutoff), so the pack does not say when it was rebuilt.
    stamp = content.cutoff if len(content.cutoff) >= 7 else "2000-01"
    when = dt.datetime.fromisoformat((stamp + "-01")[:10])
    deck.core_properties.created = deck.core_properties.modified = when
    deck.core_properties.title = content.title
    deck.save(str(path))
    return path
