"""Download links for briefing exports: GraphQL fields that return a URL; the route that
serves it (`/graphql/export/…`, behind the same token check as the API) is export_route.

A link is stateless: it encodes the export's parameters, so it stays valid, can be shared
with a colleague who has a token, and any worker can serve it. The file is drawn when the
link is fetched, by the same code as `sahelkg export` (chromium runs in a worker thread,
outside the event loop).
"""

from __future__ import annotations

from enum import Enum
from typing import Any
from urllib.parse import urlencode

import strawberry

from api.export.marking import Tlp
from api.export.write import PICTURE_FORMATS
from api.graphql.context import Context
from api.graphql.errors import ApiError
from api.graphql.export_params import network_request
from api.graphql.scalars import PartialDate
from api.graphql.types.relationships import RelationshipType
from graph.vocab import ActorKind, ClaimStatus

EXPORT_PATH = "/graphql/export"
MEDIA_TYPES = {
    "png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml",
    "gexf": "application/gexf+xml", "graphml": "application/graphml+xml",
    "cyjs": "application/json", "csv": "text/csv",
}  # fmt: skip


@strawberry.enum(description="File formats of a network export (maps and charts: PNG, PDF, SVG).")
class ExportFormat(Enum):
    PNG = "png"
    PDF = "pdf"
    SVG = "svg"
    GEXF = "gexf"
    GRAPHML = "graphml"
    CYJS = "cyjs"
    CSV = "csv"


TlpMarking = strawberry.enum(
    Tlp, name="TlpMarking", description="Traffic Light Protocol marking printed top and bottom."
)


@strawberry.enum(description="Language of a picture's labels.")
class ExportLanguage(Enum):
    EN = "en"
    FR = "fr"


@strawberry.type(description="Where to download an export (GET it with the same token).")
class ExportLink:
    url: str = strawberry.field(description="Path on this API, with the export's parameters.")
    filename: str
    media_type: str
    format: str


def _link(kind: str, fmt: str, params: dict[str, Any]) -> ExportLink:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    filename = f"{kind}.{fmt}"
    return ExportLink(url=f"{EXPORT_PATH}/{filename}?{query}", filename=filename,
                      media_type=MEDIA_TYPES[fmt], format=fmt)  # fmt: skip


@strawberry.type
class ExportQuery:
    @strawberry.field(description="A download link for a network picture or file, chosen as "
                      "in the CLI and the explorer: the ego network of an actor, alliance or "
                      "region (`centre`) to `depth`; with `whatIf`, `centre`'s network with a "
                      "hypothetical link to that actor; or the `k` best paths from `pathFrom` to "
                      "`pathTo`. Links hold at `asOf` (default: `end`); the explorer's filters "
                      "narrow them (types, status, credibility) and keep only actors of "
                      "`actorKinds` or operating in `inRegion`.")  # fmt: skip
    def network_export(
        self, info: strawberry.Info[Context, None], centre: strawberry.ID | None = None,
        depth: int = 2, as_of: PartialDate | None = None, format: ExportFormat = ExportFormat.PNG,
        tlp: Tlp = Tlp.AMBER, lang: ExportLanguage = ExportLanguage.EN,
        what_if: strawberry.ID | None = None, path_from: strawberry.ID | None = None,
        path_to: strawberry.ID | None = None, k: int = 3, start: PartialDate | None = None,
        end: PartialDate | None = None, types: list[RelationshipType] | None = None,
        min_status: ClaimStatus = ClaimStatus.POSSIBLE, max_credibility: int = 6,
        in_region: strawberry.ID | None = None, actor_kinds: list[ActorKind] | None = None,
    ) -> ExportLink:  # fmt: skip
        params: dict[str, Any] = {
            "centre": centre, "what_if": what_if, "path_from": path_from, "path_to": path_to,
            "depth": depth, "k": k if path_from or path_to else None, "as_of": as_of,
            "start": start, "end": end,
            "types": ",".join(t.value for t in types) if types else None,
            "min_status": min_status.value if min_status != ClaimStatus.POSSIBLE else None,
            "max_credibility": max_credibility if max_credibility != 6 else None,
            "in_region": in_region, "kinds": ",".join(a.value for a in actor_kinds) if actor_kinds else None,
            "tlp": tlp.value, "lang": lang.value,
        }  # fmt: skip
        shown = {k: str(v) for k, v in params.items() if v is not None}
        try:
            network_request(shown)
        except ValueError as exc:
            raise ApiError("invalid_parameter", str(exc)) from None
        return _link("network", format.value, shown)

    @strawberry.field(description="A download link for a map of regions (incidents, fatalities "
                      "or reported incidents) in a window of months; with `change`, the change "
                      "since the window of the same length just before.")  # fmt: skip
    def map_export(
        self, info: strawberry.Info[Context, None], start: PartialDate, end: PartialDate,
        metric: str = "incidents", format: ExportFormat = ExportFormat.PNG,
        tlp: Tlp = Tlp.AMBER, lang: ExportLanguage = ExportLanguage.EN, change: bool = False,
    ) -> ExportLink:  # fmt: skip
        _picture_format(format.value)
        if metric not in ("incidents", "fatalities", "reported"):
            raise ApiError(
                "invalid_parameter",
                f"metric {metric!r} is not one of incidents, fatalities, reported",
            )
        return _link("map", format.value, {
            "start": start, "end": end, "metric": metric, "change": "true" if change else None,
            "tlp": tlp.value, "lang": lang.value,
        })  # fmt: skip

    @strawberry.field(description="A download link for the monthly activity chart (event data "
                      "and published reports in separate panels).")  # fmt: skip
    def chart_export(
        self, info: strawberry.Info[Context, None], start: PartialDate, end: PartialDate,
        region: strawberry.ID | None = None, format: ExportFormat = ExportFormat.PNG,
        tlp: Tlp = Tlp.AMBER, lang: ExportLanguage = ExportLanguage.EN,
    ) -> ExportLink:  # fmt: skip
        _picture_format(format.value)
        return _link("chart", format.value, {
            "start": start, "end": end, "region": region, "tlp": tlp.value, "lang": lang.value,
        })  # fmt: skip


def _picture_format(fmt: str) -> None:
    if fmt not in PICTURE_FORMATS:
        raise ApiError(
            "invalid_parameter",
            f"maps and charts are drawn as {', '.join(PICTURE_FORMATS)}; not {fmt}",
        )
