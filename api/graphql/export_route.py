"""GET /graphql/export/{kind}.{format}?… — draws the file a download link names and
returns it. The parameters are checked again (a URL can be edited), the network is held
to the API's node limit, and the file is drawn in a private folder under the configured
export directory (never the system temp dir) and removed once sent."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.export.browser import BrowserMissing
from api.export.i18n import LANGS
from api.export.marking import Tlp
from api.export.picture import PictureOptions
from api.export.service import (
    export_chart,
    export_map,
    export_network,
    place_name,
    read_activity_windows,
    read_network,
)
from api.export.write import NETWORK_FORMATS, PICTURE_FORMATS
from api.graphql.export_params import network_request
from api.graphql.exports import EXPORT_PATH, MEDIA_TYPES
from api.graphql.settings import ApiSettings
from graph.store import GraphStore


def _error(status: int, code: str, message: str) -> Response:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status
    )


def _bad(message: str) -> Response:
    return _error(400, "invalid_parameter", message)


class TooLarge(ValueError):
    """The network is larger than the API lets one request draw."""


def work_folder(root: Path) -> Path:
    """A fresh private folder (0700) under `root` (made 0700 too)."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(root, 0o700)
    return Path(tempfile.mkdtemp(prefix="export-", dir=root))


def export_route(state: dict[str, Any], settings: ApiSettings) -> Route:
    """The download route; `state["store"]` is the store the app opened."""

    async def draw(kind: str, fmt: str, q: Any, path: Path) -> list[Path]:
        lang: Any = q.get("lang", "en")
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}")
        options = PictureOptions(marking=Tlp.parse(q.get("tlp", "AMBER")), lang=lang)
        store: GraphStore = state["store"]
        if kind == "network":
            request = network_request(q)
            subgraph = await read_network(store, request.query)
            limit = settings.limits.max_graph_nodes
            if len(subgraph.nodes) > limit:
                raise TooLarge(
                    f"the network has {len(subgraph.nodes)} nodes; a download draws at most "
                    f"{limit} (lower depth or add filters)"
                )
            depth = None if request.query.selection == "path" else request.query.depth
            options = replace(options, depth=depth, window=request.window)
            written: list[Path] = await run_in_threadpool(
                export_network, subgraph, options, fmt, path
            )
            return written
        data = await read_activity_windows(store, q["start"], q["end"], q.get("region"))
        if kind == "map":
            metric: Any = q.get("metric", "incidents")
            change = q.get("change") == "true"
            await run_in_threadpool(export_map, data, options, metric, change, fmt, path)
        else:
            where = place_name(data, q.get("region"))
            await run_in_threadpool(export_chart, data, options, where, fmt, path)
        return [path]

    async def endpoint(request: Request) -> Response:
        kind, fmt = request.path_params["kind"], request.path_params["fmt"]
        allowed = NETWORK_FORMATS if kind == "network" else PICTURE_FORMATS
        if kind not in ("network", "map", "chart") or fmt not in allowed:
            return _bad(f"no export {kind}.{fmt}; network takes {', '.join(NETWORK_FORMATS)}, "
                        f"map and chart take {', '.join(PICTURE_FORMATS)}")  # fmt: skip
        folder = work_folder(settings.export_dir)
        try:
            written = await draw(kind, fmt, request.query_params, folder / f"{kind}.{fmt}")
            for path in written:
                os.chmod(path, 0o600)
            if fmt == "csv":
                return _csv_pair(written)
            body = written[0].read_bytes()
        except KeyError as exc:
            return _bad(f"missing parameter {exc.args[0]}")
        except BrowserMissing as exc:
            return _error(503, "unavailable", str(exc))
        except TooLarge as exc:
            return _error(400, "too_expensive", str(exc))
        except (ValueError, LookupError) as exc:
            return _bad(str(exc))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return Response(body, media_type=MEDIA_TYPES[fmt],
                        headers={"Content-Disposition": f'attachment; filename="{kind}.{fmt}"'})  # fmt: skip

    return Route(EXPORT_PATH + "/{kind}.{fmt}", endpoint, methods=["GET"])


def _csv_pair(written: list[Path]) -> Response:
    """CSV comes as two files (nodes, edges): one response, the two lists one after the other."""
    parts = [f"# {path.name}\n" + path.read_text(encoding="utf-8") for path in written]
    return Response("\n".join(parts), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="network.csv"'})  # fmt: skip
