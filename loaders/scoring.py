"""How sure the crosswalk is that a source's name denotes a known actor: a score with evidence.

Each candidate actor gets points for what speaks for it and loses points for what speaks
against it; every point comes with a line of evidence an analyst can read in
`sahelkg crosswalk review`:

| evidence | points |
|---|---|
| name: the whole name | +0.6 |
| name: the full-name part of `ABBR: Full name` | +0.55 |
| name: only the abbreviation of `ABBR: Full name` | +0.1 |
| curated actor (hand-checked Sahel knowledge base, or a shipped decision's actor) | +0.2 |
| an actor an earlier load made from this very name | +0.1 |
| country: the actor's country is the incident's | +0.3 |
| country: both in the Sahel and its neighbours | +0.1 |
| country: elsewhere (UCDP's global actor list only: curated actors act in the Sahel) | −0.5 |
| kind: a state force against a non-state group, or the reverse | −0.2 |
| period: the incident falls outside the actor's founded–dissolved years | −0.3 |

A name is merged into the best candidate at `MATCH_THRESHOLD` (0.7) or above: a curated
actor by its full name (0.8), a UCDP actor by its full name in its own country (0.9). An
abbreviation alone never reaches it (at most 0.6), nor does a UCDP actor of another
continent (0.1): those names become actors of their own, and candidates at
`REVIEW_FLOOR` (0.3) or above are listed for review.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.vocab import ActorKind
from loaders.names import NameEvidence

MATCH_THRESHOLD = 0.7
REVIEW_FLOOR = 0.3
CURATED, UCDP_LIST, UNRESOLVED = 0, 1, 2

NAME_POINTS: dict[NameEvidence, float] = {"whole": 0.6, "part": 0.55, "acronym": 0.1}
_NAME_WORDS: dict[NameEvidence, str] = {"whole": "whole name", "part": "full-name part",
                                        "acronym": "abbreviation only"}  # fmt: skip
TIER_POINTS = {CURATED: 0.2, UCDP_LIST: 0.0, UNRESOLVED: 0.1}
SAME_COUNTRY, NEIGHBOURING, ELSEWHERE = 0.3, 0.1, -0.5
KIND_CONFLICT = -0.2
OUT_OF_PERIOD = -0.3

SAHEL_AND_NEIGHBOURS = frozenset(
    [
        "MLI",
        "BFA",
        "NER",
        "MRT",
        "SEN",
        "GIN",
        "CIV",
        "GHA",
        "TGO",
        "BEN",
        "NGA",
        "TCD",
        "CMR",
        "DZA",
        "LBY",
        "GMB",
        "GNB",
    ]
)
_STATE = frozenset({ActorKind.STATE_FORCE, ActorKind.GOVERNMENT, ActorKind.FOREIGN_STATE_FORCE,
                    ActorKind.FOREIGN_GOVERNMENT, ActorKind.INTERNATIONAL_MISSION})  # fmt: skip
_NON_STATE = frozenset({ActorKind.JIHADIST_GROUP, ActorKind.SEPARATIST_GROUP,
                        ActorKind.ARMED_GROUP, ActorKind.MILITIA, ActorKind.COMMUNAL_GROUP})  # fmt: skip
_TIER_NAMES = {CURATED: "curated actor", UCDP_LIST: "UCDP actor list", UNRESOLVED: "made by a load"}


@dataclass(frozen=True)
class Context:
    """What the row says around the name: the incident's country, the actor kind, the date."""

    country: str | None = None
    kind: ActorKind = ActorKind.UNKNOWN
    date: str | None = None


@dataclass(frozen=True)
class Candidate:
    """One actor a name may denote, with its score and the evidence behind it."""

    actor_id: str
    actor_name: str
    score: float
    evidence: tuple[str, ...]

    @property
    def matches(self) -> bool:
        return self.score >= MATCH_THRESHOLD - 1e-9


@dataclass(frozen=True)
class ActorFacts:
    """What scoring needs to know of a known actor."""

    id: str
    name: str
    tier: int
    kind: str
    countries: frozenset[str]
    founded: str | None
    dissolved: str | None


def score(actor: ActorFacts, matched: str, evidence: NameEvidence, context: Context) -> Candidate:
    """Score `actor` as what a name denotes (`matched`: the key that matched it)."""
    points = NAME_POINTS[evidence] + TIER_POINTS[actor.tier]
    lines = [f"name: {_NAME_WORDS[evidence]} '{matched}' ({NAME_POINTS[evidence]:+.2f})",
             f"{_TIER_NAMES[actor.tier]} ({TIER_POINTS[actor.tier]:+.1f})"]  # fmt: skip
    country_points, country_line = _country(actor, context.country)
    points += country_points
    lines.append(country_line)
    kinds = {_kind(actor.kind), context.kind}
    if kinds & _STATE and kinds & _NON_STATE:
        points += KIND_CONFLICT
        lines.append(
            f"kind: {actor.kind} vs {context.kind.value} in the row ({KIND_CONFLICT:+.1f})"
        )
    year = (context.date or "")[:4]
    if year and ((actor.founded and year < actor.founded[:4])
                 or (actor.dissolved and year > actor.dissolved[:4])):  # fmt: skip
        points += OUT_OF_PERIOD
        lines.append(f"period: {year} is outside {actor.founded or '…'}–{actor.dissolved or '…'} "
                     f"({OUT_OF_PERIOD:+.1f})")  # fmt: skip
    return Candidate(actor.id, actor.name, round(points, 2), tuple(lines))


def _kind(value: str) -> ActorKind:
    try:
        return ActorKind(value)
    except ValueError:
        return ActorKind.UNKNOWN


def _country(actor: ActorFacts, country: str | None) -> tuple[float, str]:
    theirs = " ".join(sorted(actor.countries))
    if country is None:
        return 0.0, "country: the row names none (+0.0)"
    if not actor.countries:
        return 0.0, "country: the actor has none (+0.0)"
    if country in actor.countries:
        return SAME_COUNTRY, f"country: {country} is the actor's ({SAME_COUNTRY:+.1f})"
    if actor.countries & SAHEL_AND_NEIGHBOURS and country in SAHEL_AND_NEIGHBOURS:
        return NEIGHBOURING, f"country: {theirs} and {country} are neighbours ({NEIGHBOURING:+.1f})"
    if actor.tier != UCDP_LIST:
        return 0.0, f"country: the actor's is {theirs}, the row's {country} (+0.0)"
    return ELSEWHERE, f"country: the actor's is {theirs}, the row's {country} ({ELSEWHERE:+.1f})"
