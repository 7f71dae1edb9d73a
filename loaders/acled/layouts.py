"""ACLED's header generations, told apart by their header line, and their vocabularies.

- `legacy` (2019 and earlier): `EVENT_TYPE` with the old types ("Battle-No change of
  territory", "Remote violence", …), no `sub_event_type`, numeric `inter1`/`inter2`,
  often upper-case headers and `ally_actor_1` for associated actors;
- `2019` (2019–2022): `event_type` + `sub_event_type`, numeric inter codes;
- `2023` (2023 and later): adds `disorder_type`, `civilian_targeting`, `tags`; inter
  codes may be text labels ("State forces", "Rebel group", …);
- any of them *monadic*: one row per actor (`actor1`, `assoc_actor_1`, `inter1` only),
  rows sharing `event_id_cnty` being one event.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graph.vocab import ActorKind
from loaders.records import LayoutError

LEGACY, V2019, V2023 = "legacy (2019 and earlier)", "2019-2022", "2023 and later"

REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "country")
_HEADER_ALIASES = {
    "ally_actor_1": "assoc_actor_1",
    "ally_actor_2": "assoc_actor_2",
    "event_id_country": "event_id_cnty",
}

# old event type → (current event type, sub-event type)
LEGACY_EVENT_TYPES: dict[str, tuple[str, str | None]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": (
        "Battles",
        "Non-state actor overtakes territory",
    ),
    "remote violence": ("Explosions/Remote violence", None),
    "violence against civilians": ("Violence against civilians", None),
    "riots/protests": ("Protests", None),
    "strategic development": ("Strategic developments", None),
    "non-violent transfer of territory": (
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    "headquarters or base established": (
        "Strategic developments",
        "Headquarters or base established",
    ),
}

_INTER_KINDS: dict[str, ActorKind] = {
    "1": ActorKind.STATE_FORCE,
    "state forces": ActorKind.STATE_FORCE,
    "2": ActorKind.ARMED_GROUP,
    "rebel group": ActorKind.ARMED_GROUP,
    "rebel groups": ActorKind.ARMED_GROUP,
    "3": ActorKind.MILITIA,
    "political militia": ActorKind.MILITIA,
    "political militias": ActorKind.MILITIA,
    "4": ActorKind.COMMUNAL_GROUP,
    "identity militia": ActorKind.COMMUNAL_GROUP,
    "identity militias": ActorKind.COMMUNAL_GROUP,
    "5": ActorKind.RIOTERS,
    "rioters": ActorKind.RIOTERS,
    "6": ActorKind.PROTESTERS,
    "protesters": ActorKind.PROTESTERS,
    "7": ActorKind.CIVILIANS,
    "civilians": ActorKind.CIVILIANS,
    "8": ActorKind.OTHER,
    "external/other forces": ActorKind.OTHER,
    "external/other force": ActorKind.OTHER,
}


@lru_cache(maxsize=256)
def inter_kind(code: str) -> ActorKind:
    """The actor kind an inter code (numeric or text label) implies; unknown → UNKNOWN."""
    return _INTER_KINDS.get(code.strip().lower(), ActorKind.UNKNOWN)


def map_event_type(
    event_type: str, sub_event_type: str | None, inter1: str
) -> tuple[str, str | None, str | None]:
    """(current type, sub-type, original type): legacy types mapped, the original kept."""
    legacy = LEGACY_EVENT_TYPES.get(event_type.strip().lower())
    if legacy is None:
        return event_type, sub_event_type, None
    current, sub = legacy
    if current == "Protests" and inter_kind(inter1) == ActorKind.RIOTERS:
        current = "Riots"
    return current, sub_event_type or sub, event_type


@dataclass(frozen=True)
class Layout:
    """A detected layout: its generation, whether it is monadic, and column positions."""

    generation: str
    monadic: bool
    columns: dict[str, int]

    def index(self, name: str) -> int | None:
        return self.columns.get(name)


def detect_layout(header: list[str]) -> Layout:
    """Tell the generation from the header line (already lower-cased)."""
    columns: dict[str, int] = {}
    for position, name in enumerate(header):
        columns.setdefault(_HEADER_ALIASES.get(name, name), position)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise LayoutError(
            f"not an ACLED export: the header lacks {', '.join(missing)} "
            f"(it has {', '.join(header[:12]) or 'no columns'}{' …' if len(header) > 12 else ''})"
        )
    if "disorder_type" in columns or "civilian_targeting" in columns:
        generation = V2023
    elif "sub_event_type" in columns:
        generation = V2019
    else:
        generation = LEGACY
    return Layout(generation, "actor2" not in columns, columns)
