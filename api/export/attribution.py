"""The source line every picture carries: ACLED's required citation with its access date,
UCDP with its version, newsletters with their titles and dates, other sources by name."""

from __future__ import annotations

from collections.abc import Sequence

from api.export.i18n import Lang
from queries.subgraph import SourceInfo

ACLED_CITATION = {
    "en": "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, accessed {date}",
    "fr": "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, consulté le {date}",
}
NO_ACCESS_DATE = {
    "en": "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, access date not given",
    "fr": "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, date de consultation "
    "non indiquée",
}


def is_acled(source: SourceInfo) -> bool:
    return source.id == "source:acled" or "ACLED" in (source.publisher or "")


def is_ucdp(source: SourceInfo) -> bool:
    return "Uppsala" in (source.publisher or "") or source.id.startswith("source:ucdp")


def cite(source: SourceInfo, lang: Lang, acled_accessed: str | None) -> str:
    """One source as the line names it."""
    if is_acled(source):
        if acled_accessed is None:
            return NO_ACCESS_DATE[lang]
        return ACLED_CITATION[lang].format(date=acled_accessed)
    text = source.name
    if is_ucdp(source) and source.licence:
        text += f" ({source.licence})"
    if source.kind == "newsletter" and source.published:
        text += f", {source.published}"
    elif source.publisher and not is_ucdp(source) and source.publisher not in text:
        text += f" ({source.publisher})"
    return text


def source_line(sources: Sequence[SourceInfo], lang: Lang, acled_accessed: str | None) -> str:
    """`Sources: …` with ACLED first, then UCDP, then newsletters, then the rest (by name)."""

    def order(s: SourceInfo) -> tuple[int, str]:
        rank = 0 if is_acled(s) else 1 if is_ucdp(s) else 2 if s.kind == "newsletter" else 3
        return rank, s.name

    cited = list(dict.fromkeys(cite(s, lang, acled_accessed) for s in sorted(sources, key=order)))
    return "Sources: " + "; ".join(cited) + "." if cited else "Sources: —"
