"""The source line every picture carries: ACLED's required citation with its access date,
UCDP with its version, newsletters with their titles and dates, other sources by name."""

from __future__ import annotations

from collections.abc import Sequence

from api.export.i18n import Lang, date_text, t
from queries.subgraph import SourceInfo


def is_acled(source: SourceInfo) -> bool:
    return source.id == "source:acled" or "ACLED" in (source.publisher or "")


def is_ucdp(source: SourceInfo) -> bool:
    return "Uppsala" in (source.publisher or "") or source.id.startswith("source:ucdp")


def cite(source: SourceInfo, lang: Lang, acled_accessed: str | None) -> str:
    """One source as the line names it."""
    if is_acled(source):
        if acled_accessed is None:
            return t("acled_no_date", lang)
        return t("acled_citation", lang, date=acled_accessed)
    text = source.name
    if is_ucdp(source) and source.licence:
        text += f" ({source.licence})"
    if source.kind == "newsletter" and source.published:
        text += f", {date_text(source.published, lang)}"
    elif source.publisher and not is_ucdp(source) and source.publisher not in text:
        text += f" ({source.publisher})"
    return text


def source_line(sources: Sequence[SourceInfo], lang: Lang, acled_accessed: str | None) -> str:
    """`Sources: …` with ACLED first, then UCDP, then newsletters, then the rest (by name)."""

    def order(s: SourceInfo) -> tuple[int, str]:
        rank = 0 if is_acled(s) else 1 if is_ucdp(s) else 2 if s.kind == "newsletter" else 3
        return rank, s.name

    cited = list(dict.fromkeys(cite(s, lang, acled_accessed) for s in sorted(sources, key=order)))
    return t("sources_line", lang, list="; ".join(cited)) if cited else t("no_sources", lang)
