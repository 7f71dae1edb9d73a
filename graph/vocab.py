"""Controlled vocabularies: the grading scales every fact in the graph is read against.

They are declared once here so the model, the loaders and the API agree on spelling and
order. Orders matter: queries filter on "at least this credible" and "at least this likely".
"""

from __future__ import annotations

from enum import StrEnum


class Reliability(StrEnum):
    """Admiralty (NATO) source reliability: A completely reliable … F cannot be judged."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


CREDIBILITY_SCALE: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
"""Admiralty information credibility, 1 (best) to 6."""


class ClaimStatus(StrEnum):
    """How firmly a relationship is established, strongest first."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    ASSESSED = "assessed"
    POSSIBLE = "possible"


CLAIM_STATUS_RANK: dict[ClaimStatus, int] = {
    ClaimStatus.CONFIRMED: 4,
    ClaimStatus.REPORTED: 3,
    ClaimStatus.ASSESSED: 2,
    ClaimStatus.POSSIBLE: 1,
}
"""Higher is firmer; stored on edges as `status_rank` so Cypher can filter with `>=`."""


class Likelihood(StrEnum):
    """ICD-203 expressions of likelihood, in ascending order."""

    ALMOST_NO_CHANCE = "almost_no_chance"
    VERY_UNLIKELY = "very_unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly_even_chance"
    LIKELY = "likely"
    VERY_LIKELY = "very_likely"
    ALMOST_CERTAIN = "almost_certain"


LIKELIHOOD_RANGE: dict[Likelihood, tuple[int, int]] = {
    Likelihood.ALMOST_NO_CHANCE: (1, 5),
    Likelihood.VERY_UNLIKELY: (5, 20),
    Likelihood.UNLIKELY: (20, 45),
    Likelihood.ROUGHLY_EVEN_CHANCE: (45, 55),
    Likelihood.LIKELY: (55, 80),
    Likelihood.VERY_LIKELY: (80, 95),
    Likelihood.ALMOST_CERTAIN: (95, 99),
}
"""The percentage band ICD-203 attaches to each term."""


class Confidence(StrEnum):
    """Analytic confidence in a judgment (ICD-203 keeps it separate from likelihood)."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class ActorKind(StrEnum):
    """What sort of armed or political actor a node is."""

    STATE_FORCE = "state_force"
    GOVERNMENT = "government"
    JIHADIST_GROUP = "jihadist_group"
    SEPARATIST_GROUP = "separatist_group"
    ARMED_GROUP = "armed_group"
    MILITIA = "militia"
    FOREIGN_STATE_FORCE = "foreign_state_force"
    FOREIGN_GOVERNMENT = "foreign_government"
    PRIVATE_MILITARY_COMPANY = "private_military_company"
    INTERNATIONAL_MISSION = "international_mission"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    POLITICAL_GROUP = "political_group"
    COMMUNAL_GROUP = "communal_group"
    CIVILIANS = "civilians"
    PROTESTERS = "protesters"
    RIOTERS = "rioters"
    OTHER = "other"
    UNKNOWN = "unknown"


class AllianceKind(StrEnum):
    """The form a coalition of actors takes."""

    COALITION = "coalition"
    DEFENCE_PACT = "defence_pact"
    PARTNERSHIP = "partnership"
    ALIGNMENT = "alignment"
    INTERGOVERNMENTAL = "intergovernmental"


class AllianceStatus(StrEnum):
    """Whether an alliance exists, existed, or is only judged possible."""

    ACTIVE = "active"
    DISSOLVED = "dissolved"
    POSSIBLE = "possible"


class EventKind(StrEnum):
    """Political or strategic developments that are not single violent incidents."""

    MANDATE_END = "mandate_end"
    WITHDRAWAL = "withdrawal"
    TREATY = "treaty"
    REFERENDUM = "referendum"
    COUP = "coup"
    OFFENSIVE = "offensive"
    SIEGE = "siege"
    BLOCKADE = "blockade"
    BASE_HANDOVER = "base_handover"
    ATTACK_CAMPAIGN = "attack_campaign"
    DIPLOMATIC = "diplomatic"
    RIFT = "rift"
    STATEMENT = "statement"
    OTHER = "other"


class Direction(StrEnum):
    """Direction of change a source states without giving a number."""

    INCREASED = "increased"
    DECREASED = "decreased"
    STABLE = "stable"
    LOW = "low"
