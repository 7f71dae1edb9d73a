"""Download links for briefing exports: GraphQL fields that return a URL, and the route
that serves it (`/graphql/export/…`, behind the same token check as the API).

A link is stateless: it encodes the export's parameters, so it stays valid, can be shared
with a colleague who has a token, and any worker can serve it. The file is drawn when the
link is fetched, by the same code as `sahelkg export` (chromium runs in a worker thread,
outside the event loop).
"""

from __future__ import annotations

import tempfile
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import strawberry
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.export.browser import BrowserMissing
from api.export.i18n import LANGS
from api.export.marking import Tlp
from api.export.picture import PictureOptions
from api.export.service import (
    NetworkQuery,
    export_chart,
    export_map,
    export_network,
    read_activity_windows,
    read_network,
)
from api.export.write import NETWORK_FORMATS, PICTURE_FORMATS
from api.graphql.context import Context
from api.graphql.errors import ApiError
from api.graphql.scalars import PartialDate
from graph.store import GraphStore

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


def _link(
    info: strawberry.Info[Context, None], kind: str, fmt: str, params: dict[str, Any]
) -> ExportLink:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    filename = f"{kind}.{fmt}"
    return ExportLink(url=f"{EXPORT_PATH}/{filename}?{query}", filename=filename,
                      media_type=MEDIA_TYPES[fmt], format=fmt)  # fmt: skip


@strawberry.type
class ExportQuery:
    @strawberry.field(description="A download link for a network picture or file: the ego "
                      "network of an actor, alliance or region (`centre`) to `depth`, as of a date.")  # fmt: skip
    def network_export(
        self, info: strawberry.Info[Context, None], centre: strawberry.ID, depth: int = 2,
        as_of: PartialDate | None = None, format: ExportFormat = ExportFormat.PNG,
        tlp: Tlp = Tlp.AMBER, lang: ExportLanguage = ExportLanguage.EN,
    ) -> ExportLink:  # fmt: skip
        if not 1 <= depth <= 4:
            raise ApiError("invalid_parameter", f"depth must be between 1 and 4, got {depth}")
        return _link(info, "network", format.value, {
            "centre": str(centre), "depth": depth, "as_of": as_of, "tlp": tlp.value, "lang": lang.value,
        })  # fmt: skip

    @strawberry.field(description="A download link for a map of regions (incidents, fatalities "
                      "or reported incidents) in a window of months.")  # fmt: skip
    def map_export(
        self, info: strawberry.Info[Context, None], start: PartialDate, end: PartialDate,
        metric: str = "incidents", format: ExportFormat = ExportFormat.PNG,
        tlp: Tlp = Tlp.AMBER, lang: ExportLanguage = ExportLanguage.EN,
    ) -> ExportLink:  # fmt: skip
        _picture_format(format.value)
        if metric not in ("incidents", "fatalities", "reported"):
            raise ApiError(
                "invalid_parameter",
                f"metric {metric!r} is not one of incidents, fatalities, reported",
            )
        return _link(info, "map", format.value, {
            "start": start, "end": end, "metric": metric, "tlp": tlp.value, "lang": lang.value,
        })  # fmt: skip

    @strawberry.field(description="A download link for the monthly activity chart (event data "
                      "and published reports in separate panels).")  # fmt: skip
    def chart_export(
        self, info: strawberry.Info[Context, None], start: PartialDate, end: PartialDate,
        region: strawberry.ID | None = None, format: ExportFormat = ExportFormat.PNG,
        tlp: Tlp = Tlp.AMBER, lang: ExportLanguage = ExportLanguage.EN,
    ) -> ExportLink:  # fmt: skip
        _picture_format(format.value)
        return _link(info, "chart", format.value, {
            "start": start, "end": end, "region": region, "tlp": tlp.value, "lang": lang.value,
        })  # fmt: skip


def _picture_format(fmt: str) -> None:
    if fmt not in PICTURE_FORMATS:
        raise ApiError(
            "invalid_parameter",
            f"maps and charts are drawn as {', '.join(PICTURE_FORMATS)}; not {fmt}",
        )


def _bad(message: str) -> Response:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": "invalid_parameter"}}]},
        status_code=400,
    )


def export_route(state: dict[str, Any]) -> Route:
    """GET /graphql/export/{kind}.{format}?… — draws and returns the file."""

    async def endpoint(request: Request) -> Response:
        kind, fmt = request.path_params["kind"], request.path_params["fmt"]
        q = request.query_params
        allowed = NETWORK_FORMATS if kind == "network" else PICTURE_FORMATS
        if kind not in ("network", "map", "chart") or fmt not in allowed:
            return _bad(f"no export {kind}.{fmt}; network takes {', '.join(NETWORK_FORMATS)}, "
                        f"map and chart take {', '.join(PICTURE_FORMATS)}")  # fmt: skip
        try:
            lang: Any = q.get("lang", "en")
            if lang not in LANGS:
                raise ValueError(f"lang must be one of {', '.join(LANGS)}")
            options = PictureOptions(marking=Tlp.parse(q.get("tlp", "AMBER")), lang=lang)
            store: GraphStore = state["store"]
            folder = Path(tempfile.mkdtemp(prefix="sahelkg-export-"))
            path = folder / f"{kind}.{fmt}"
            if kind == "network":
                depth = int(q.get("depth", "2"))
                centre = q["centre"]
                selection: Any = {"alliance": "alliance", "region": "region"}.get(
                    centre.partition(":")[0], "actor"
                )
                query = NetworkQuery(selection, [centre], depth=depth, as_of=q.get("as_of"))
                subgraph = await read_network(store, query)
                written = await run_in_threadpool(
                    export_network, subgraph, PictureOptions(**{**options.__dict__, "depth": depth}), fmt, path
                )  # fmt: skip
                if fmt == "csv":
                    return _csv_pair(written)
            else:
                data = await read_activity_windows(store, q["start"], q["end"], q.get("region"))
                if kind == "map":
                    metric: Any = q.get("metric", "incidents")
                    await run_in_threadpool(export_map, data, options, metric, False, fmt, path)
                else:
                    await run_in_threadpool(
                        export_chart, data, options, q.get("region") or "Sahel", fmt, path
                    )
        except KeyError as exc:
            return _bad(f"missing parameter {exc.args[0]}")
        except BrowserMissing as exc:
            return JSONResponse(
                {"errors": [{"message": str(exc), "extensions": {"code": "unavailable"}}]},
                status_code=503,
            )
        except (ValueError, LookupError) as exc:
            return _bad(str(exc))
        body = path.read_bytes()
        path.unlink()
        folder.rmdir()
        return Response(body, media_type=MEDIA_TYPES[fmt],
                        headers={"Content-Disposition": f'attachment; filename="{kind}.{fmt}"'})  # fmt: skip

    return Route(EXPORT_PATH + "/{kind}.{fmt}", endpoint, methods=["GET"])


def _csv_pair(written: list[Path]) -> Response:
    """CSV comes as two files (nodes, edges): one response, the two lists one after the other."""
    parts = []
    for path in written:
        parts.append(f"# {path.name}\n" + path.read_text(encoding="utf-8"))
        path.unlink()
    written[0].parent.rmdir()
    return Response("\n".join(parts), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="network.csv"'})  # fmt: skip
