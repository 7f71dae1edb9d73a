"""The parameters of a network download link, checked in one place: the GraphQL field
checks them before it hands out a link, and the download route checks them again (a URL
can be edited by hand). They are the CLI's subgraph choices (an ego network of an actor,
alliance or region; a path; a what-if) and the explorer's filters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from api.export.service import NetworkQuery
from graph.dates import check_date
from graph.schema import ACTOR_RELATIONSHIP_TYPES
from graph.vocab import ActorKind, ClaimStatus

MAX_EXPORT_DEPTH = 4
MAX_PATHS = 10
SELECTION_BY_PREFIX = {"alliance": "alliance", "region": "region"}
"""An ego network's centre names its selection; anything else is an actor."""


@dataclass(frozen=True)
class NetworkRequest:
    """A checked network export request: what to read and the window it shows."""

    query: NetworkQuery
    window: tuple[str | None, str | None]


def _whole(q: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    text = q.get(name, str(default))
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {text!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _listed(q: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> list[str] | None:
    text = q.get(name)
    if not text:
        return None
    values = [v.strip() for v in text.split(",") if v.strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"unknown {name} {', '.join(unknown)}; choose from {', '.join(allowed)}")
    return values


def _date(q: Mapping[str, str], name: str) -> str | None:
    value = q.get(name)
    return check_date(value) if value else None


def network_request(q: Mapping[str, str]) -> NetworkRequest:
    """Check a link's parameters; a ValueError names the parameter that is wrong."""
    centre, what_if = q.get("centre"), q.get("what_if")
    ends = (q.get("path_from"), q.get("path_to"))
    selection: Any
    if centre and not any(ends):
        if what_if:
            selection, ids = "whatif", [centre, what_if]
        else:
            selection, ids = SELECTION_BY_PREFIX.get(centre.partition(":")[0], "actor"), [centre]
    elif all(ends) and not centre and not what_if:
        selection, ids = "path", [str(ends[0]), str(ends[1])]
    else:
        raise ValueError(
            "give centre (an ego network; with what_if, a what-if) or both path_from and "
            "path_to (the paths between them), not both"
        )
    statuses = tuple(s.value for s in ClaimStatus)
    min_status = q.get("min_status", "possible")
    if min_status not in statuses:
        raise ValueError(f"min_status must be one of {', '.join(statuses)}, got {min_status!r}")
    start, end, as_of = _date(q, "start"), _date(q, "end"), _date(q, "as_of")
    if start and end and start > end:
        raise ValueError(f"start {start} is after end {end}")
    query = NetworkQuery(
        selection, ids, depth=_whole(q, "depth", 2, 1, MAX_EXPORT_DEPTH), as_of=as_of or end,
        min_status=min_status, max_credibility=_whole(q, "max_credibility", 6, 1, 6),
        types=_listed(q, "types", ACTOR_RELATIONSHIP_TYPES), k=_whole(q, "k", 3, 1, MAX_PATHS),
        kinds=_listed(q, "kinds", tuple(k.value for k in ActorKind)), in_region=q.get("in_region"),
    )  # fmt: skip
    return NetworkRequest(query, (start, end) if start else (None, None))
