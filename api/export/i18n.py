"""English and French words for every label an exported picture carries (`--lang fr`)."""

from __future__ import annotations

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
    "window": ("{start} to {end}", "du {start} au {end}"),
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
    "evidence": ("Evidence", "Éléments de preuve"),
    "nothing_changed": ("No change found in this window.", "Aucun changement sur cette période."),
    "prepared": ("Prepared {date} · {marking}", "Préparé le {date} · {marking}"),
    "derived": ("derived", "déduit"),
}

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


def t(key: str, lang: Lang, **values: object) -> str:
    """The phrase `key` in `lang`, with `{placeholders}` filled."""
    return _pick(_WORDS[key], lang).format(**values)


def status_word(status: str, lang: Lang) -> str:
    return _pick(STATUS_WORDS.get(status, (status, status)), lang)


def category_word(category: str, lang: Lang) -> str:
    return _pick(CATEGORY_WORDS.get(category, (category, category)), lang)


def relationship_word(rel_type: str, lang: Lang) -> str:
    fallback = rel_type.lower().replace("_", " ")
    return _pick(RELATIONSHIP_WORDS.get(rel_type, (fallback, fallback)), lang)
