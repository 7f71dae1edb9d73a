"""English and French words for every label an exported picture carries (`--lang fr`)."""

from __future__ import annotations

import re
from typing import Literal

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")

_WORDS: dict[str, tuple[str, str]] = {
    "network_of": ("Network of {name}", "Réseau de {name}"),
    "alliance_of": ("Alliance network: {name}", "Réseau de l'alliance : {name}"),
    "region_of": ("Actors in {name}", "Acteurs présents : {name}"),
    "path_between": ("Paths between {a} and {b}", "Chemins entre {a} et {b}"),
    "depth": ("depth {n}", "profondeur {n}"),
    "whatif_of": (
        "What if {a} and {b} aligned? (hypothetical)",
        "Et si {a} et {b} s'alliaient ? (hypothèse)",
    ),
    "whatif_note": (
        "What-if (nothing is stored): {name} {changes}.",
        "Hypothèse (rien n'est enregistré) : {name} {changes}.",
    ),
    "whatif_link": ("what-if link (hypothetical)", "lien hypothétique"),
    "as_of": ("as of {date}", "au {date}"),
    "window": ("{start} to {end}", "{start} – {end}"),
    "cutoff": ("Data cutoff: {date}", "Données arrêtées au : {date}"),
    "sources": ("Sources", "Sources"),
    "legend": ("Legend", "Légende"),
    "node_kinds": ("Nodes", "Nœuds"),
    "relationships": ("Links", "Liens"),
    "statuses": ("Status", "Statut"),
    "credibility": (
        "Fainter, thinner line = lower credibility (Admiralty 1-6)",
        "Trait plus pâle et fin = crédibilité plus faible (Amirauté 1-6)",
    ),
    "weak_note": (
        "Note: {n} link(s) only possible or of low credibility (4-6): {which}.",
        "Note : {n} lien(s) seulement possible(s) ou de faible crédibilité (4-6) : {which}.",
    ),
    "labels_hidden": (
        "Labels shown for the {n} most central of {total} nodes (no overlap).",
        "Étiquettes affichées pour les {n} nœuds les plus centraux sur {total} (sans chevauchement).",
    ),
    "size_by": ("Node size: {measure}", "Taille des nœuds : {measure}"),
    "map_title": ("{metric} by region, {window}", "{metric} par région, {window}"),
    "map_change_title": (
        "Change in {metric} by region: {before} vs {after}",
        "Évolution des {metric} par région : {before} / {after}",
    ),
    "incidents": ("Incidents", "Incidents"),
    "fatalities": ("Fatalities", "Victimes"),
    "none_recorded": ("none recorded", "aucun enregistré"),
    "more_than": ("{n}+", "{n}+"),
    "boundaries": (
        "Boundaries: Natural Earth admin-1 (public domain); Mali 2023 and Burkina Faso 2025 "
        "regions counted inside their former units.",
        "Limites : Natural Earth admin-1 (domaine public) ; régions du Mali (2023) et du "
        "Burkina Faso (2025) comptées dans leurs anciennes unités.",
    ),
    "chart_title": ("Monthly activity, {where}, {window}", "Activité mensuelle, {where}, {window}"),
    "from_events": (
        "From event data (ACLED/UCDP incidents)",
        "D'après les données d'événements (incidents ACLED/UCDP)",
    ),
    "from_reports": (
        "From published reports (newsletter counts)",
        "D'après les rapports publiés (décomptes des lettres d'information)",
    ),
    "no_data": ("no data in this window", "aucune donnée sur cette période"),
    "reported_incidents": ("Reported security incidents", "Incidents sécuritaires rapportés"),
    "change_line": (
        "Change {before} → {after}: {what} {a} → {b} ({delta})",
        "Évolution {before} → {after} : {what} {a} → {b} ({delta})",
    ),
    "increase": ("increase", "hausse"),
    "decrease": ("decrease", "baisse"),
    "all_regions": ("all regions", "toutes régions"),
    "what_changed": ("What changed", "Ce qui a changé"),
    "brief_title": ("Briefing: {name}", "Note de situation : {name}"),
    "new_link": ("new link", "nouveau lien"),
    "ended_link": ("link ended", "lien terminé"),
    "rank_moved": ("rank moved", "rang modifié"),
    "change": ("Change", "Évolution"),
    "detail": ("Detail", "Détail"),
    "since": ("since", "depuis"),
    "until": ("until", "jusqu'au"),
    "evidence_heading": ("Evidence:", "Éléments de preuve :"),
    "nothing_changed": ("No change found in this window.", "Aucun changement sur cette période."),
    "derived": ("derived", "déduit"),
    "sources_line": ("Sources: {list}.", "Sources : {list}."),
    "no_sources": ("Sources: —", "Sources : —"),
    "acled_citation": (
        "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, accessed {date}",
        "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, consulté le {date}",
    ),
    "acled_no_date": (
        "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, access date not given",
        "Armed Conflict Location & Event Data (ACLED), www.acleddata.com, date de consultation "
        "non indiquée",
    ),
    "claim": (
        "{rel}, {status}, credibility {cred}, {start} – {end}",
        "{rel}, {status}, crédibilité {cred}, {start} – {end}",
    ),
    "edge_title": (
        "{a} {rel} {b}: {status}, credibility {cred}",
        "{a} {rel} {b} : {status}, crédibilité {cred}",
    ),
    "evidence_line": ("- {a} → {b}: {claim}; {cited}", "- {a} → {b} : {claim} ; {cited}"),
    "rank_detail": (
        "PageRank rank {a} → {b} ({move}), {before} vs {after}",
        "rang PageRank {a} → {b} ({move}), {before} / {after}",
    ),
    "change_note": ("- {what}: {subject} — {detail}", "- {what} : {subject} — {detail}"),
    "change_sources": ("; sources: {ids}", " ; sources : {ids}"),
    "source_row": ("{cite} — {kind}, reliability {grade}", "{cite} — {kind}, fiabilité {grade}"),
    "source": ("source", "source"),
    "events_line": (
        "- {region} {month}: {n} incidents, {f} fatalities ({series})",
        "- {region} {month} : {n} incidents, {f} victimes ({series})",
    ),
    "reports_line": (
        "- {region} {month}: {n} reported ({qualifier}); {ids}",
        "- {region} {month} : {n} rapportés ({qualifier}) ; {ids}",
    ),
    "whatif_title": ("what if (hypothetical)", "et si (hypothèse)"),
    "reach_gain": ("reach +{names}", "portée +{names}"),
}

MEASURE_WORDS: dict[str, tuple[str, str]] = {
    "pagerank": ("PageRank", "PageRank"),
    "degree": ("degree", "degré"),
    "betweenness": ("betweenness", "intermédiarité"),
    "broker": ("broker score", "score d'intermédiaire"),
    "reach": ("reach", "portée"),
}

SOURCE_KIND_WORDS: dict[str, tuple[str, str]] = {
    "newsletter": ("newsletter", "lettre d'information"),
    "dataset": ("dataset", "jeu de données"),
    "reference": ("reference", "ouvrage de référence"),
    "un_resolution": ("UN resolution", "résolution de l'ONU"),
    "statement": ("statement", "déclaration"),
    "report": ("report", "rapport"),
}

QUALIFIER_WORDS: dict[str, tuple[str, str]] = {
    "exact": ("exact", "exact"),
    "at_least": ("at least", "au moins"),
    "derived": ("derived", "déduit"),
}

COLUMN_WORDS: dict[str, tuple[str, str]] = {
    "id": ("id", "identifiant"), "label": ("label", "nom"), "node_type": ("node_type", "type_de_nœud"),
    "kind": ("kind", "nature"), "category": ("category", "catégorie"), "depth": ("depth", "distance"),
    "founded": ("founded", "fondé"), "dissolved": ("dissolved", "dissous"), "formed": ("formed", "formé"),
    "status": ("status", "statut"), "likelihood": ("likelihood", "probabilité"),
    "country": ("country", "pays"), "degree": ("degree", "degré"), "pagerank": ("pagerank", "pagerank"),
    "betweenness": ("betweenness", "intermédiarité"), "community": ("community", "communauté"),
    "sources": ("sources", "sources"), "x": ("x", "x"), "y": ("y", "y"),
    "source": ("source", "origine"), "target": ("target", "cible"),
    "relationship": ("relationship", "relation"), "credibility": ("credibility", "crédibilité"),
    "valid_from": ("valid_from", "valable_du"), "valid_to": ("valid_to", "valable_au"),
    "source_titles": ("source_titles", "titres_des_sources"),
    "source_grades": ("source_grades", "fiabilité_des_sources"),
}  # fmt: skip
"""CSV column headers (the values stay the data's own codes and ids)."""

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")

STATUS_WORDS: dict[str, tuple[str, str]] = {
    "confirmed": ("confirmed", "confirmé"),
    "reported": ("reported", "rapporté"),
    "assessed": ("assessed", "évalué"),
    "possible": ("possible", "possible"),
}

CATEGORY_WORDS: dict[str, tuple[str, str]] = {
    "jihadist": ("Jihadist group", "Groupe djihadiste"),
    "armed": ("Armed or separatist group", "Groupe armé ou séparatiste"),
    "militia": ("Militia", "Milice"),
    "state": ("State force or government", "Force étatique ou gouvernement"),
    "foreign": ("Foreign force, mission or company", "Force, mission ou société étrangère"),
    "alliance": ("Alliance", "Alliance"),
    "region": ("Region", "Région"),
    "event": ("Event (treaty, withdrawal …)", "Événement (traité, retrait …)"),
    "other": ("Other", "Autre"),
}

RELATIONSHIP_WORDS: dict[str, tuple[str, str]] = {
    "MEMBER_OF": ("member of", "membre de"),
    "AFFILIATED_WITH": ("affiliated with", "affilié à"),
    "ALLIED_WITH": ("allied with", "allié à"),
    "SUPPORTS": ("supports", "soutient"),
    "HOSTILE_TO": ("hostile to", "hostile à"),
    "PART_OF": ("part of", "composante de"),
    "SPLINTER_OF": ("splinter of", "scission de"),
    "SIGNATORY_OF": ("signatory of", "signataire de"),
    "OPERATES_IN": ("operates in", "opère dans"),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "fr" else pair[0]


def date_text(value: str, lang: Lang) -> str:
    """An ISO date or month as the language writes it: unchanged in English (ISO, as the
    data), `30 septembre 2023` / `septembre 2023` in French; anything else unchanged."""
    found = ISO_DATE.match(value)
    if lang != "fr" or not found:
        return value
    year, month, day = found.groups()
    if not 1 <= int(month) <= 12:
        return value
    named = f"{MONTHS_FR[int(month) - 1]} {year}"
    if not day:
        return named
    return f"{'1er' if day == '01' else int(day)} {named}"


def t(key: str, lang: Lang, **values: object) -> str:
    """The phrase `key` in `lang`, with `{placeholders}` filled (ISO dates written the
    language's way)."""
    shown = {k: date_text(v, lang) if isinstance(v, str) else v for k, v in values.items()}
    return _pick(_WORDS[key], lang).format(**shown)


def english_phrases() -> list[str]:
    """Every English phrase of the tables, placeholders cut out: what a French export
    must not show (tests check it); phrases spelt the same in both languages left out."""
    tables = [_WORDS, STATUS_WORDS, CATEGORY_WORDS, RELATIONSHIP_WORDS, MEASURE_WORDS,
              SOURCE_KIND_WORDS, QUALIFIER_WORDS, COLUMN_WORDS]  # fmt: skip
    french = " ".join(fr for table in tables for _, fr in table.values())
    out = set()
    for table in tables:
        for en, _ in table.values():
            for piece in re.split(r"\{[a-z_]+\}", en):
                piece = piece.strip(" ,.:;()–—-+→·")
                if len(piece) >= 4 and piece not in french:
                    out.add(piece)
    return sorted(out)


def status_word(status: str, lang: Lang) -> str:
    return _pick(STATUS_WORDS.get(status, (status, status)), lang)


def category_word(category: str, lang: Lang) -> str:
    return _pick(CATEGORY_WORDS.get(category, (category, category)), lang)


def relationship_word(rel_type: str, lang: Lang) -> str:
    fallback = rel_type.lower().replace("_", " ")
    return _pick(RELATIONSHIP_WORDS.get(rel_type, (fallback, fallback)), lang)


def column_word(column: str, lang: Lang) -> str:
    return _pick(COLUMN_WORDS[column], lang)


def measure_word(measure: str, lang: Lang) -> str:
    return _pick(MEASURE_WORDS.get(measure, (measure, measure)), lang)


def source_kind_word(kind: str | None, lang: Lang) -> str:
    if not kind:
        return t("source", lang)
    fallback = kind.replace("_", " ")
    return _pick(SOURCE_KIND_WORDS.get(kind, (fallback, fallback)), lang)


def qualifier_word(qualifier: str | None, lang: Lang) -> str:
    if not qualifier:
        return "—"
    return _pick(QUALIFIER_WORDS.get(qualifier, (qualifier, qualifier)), lang)
