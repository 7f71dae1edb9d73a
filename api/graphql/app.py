"""The ASGI application: /graphql (API and GraphiQL), /healthz, static GraphiQL assets.

Middleware, outermost first: access log (one JSON line per request), body-size limit,
authentication (401 without a valid token, except in explicit local development mode),
CORS only when origins are configured. The app keeps nothing between requests but
caches, so any number of workers or hosts can serve one Neo4j store.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.graphql.export_route import export_route
from api.graphql.http import STATIC_DIR, VENDOR_DIR, GraphQLEndpoint
from api.graphql.response_cache import CachedResponses, ResponseCache
from api.graphql.schema import build_schema
from api.graphql.settings import ApiSettings
from api.graphql.tokens import Principal, Role, TokenStore
from api.web import explorer_routes
from graph.store import GraphStore, open_store

access_log = logging.getLogger("sahelkg.access")
DEV_PRINCIPAL = Principal(token_id="dev", role=Role.ANALYST, name="local development")


def _json_error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status, headers=headers)


def _log_line(line: str) -> None:
    """`access_log.info(line)` without looking up the caller's file and line (a stack walk
    on every request, for a line that never shows them)."""
    if access_log.isEnabledFor(logging.INFO):
        access_log.handle(
            access_log.makeRecord(access_log.name, logging.INFO, "", 0, line, (), None)
        )


class AccessLog:
    """One structured line per request: method, path, status, duration, caller, size."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        scope["sahelkg.request_id"] = uuid.uuid4().hex[:12]
        status = {"code": 500, "bytes": 0}

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            elif message["type"] == "http.response.body":
                status["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            principal = scope.get("sahelkg.principal")
            _log_line(
                json.dumps(
                    {
                        "event": "request",
                        "request_id": scope["sahelkg.request_id"],
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status["code"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "bytes": status["bytes"],
                        "token_id": principal.token_id if principal else None,
                        "client": (scope.get("client") or ("", 0))[0],
                    },
                    separators=(",", ":"),
                )
            )


class BodyLimit:
    """Refuses request bodies over the limit (413) before the GraphQL layer parses them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"request body is larger than {self.max_bytes} bytes"
        await _json_error(413, "body_too_large", message)(scope, receive, send)


class BodyTooLarge(Exception):
    pass


def _headers(scope: Scope, names: tuple[bytes, ...]) -> dict[bytes, str]:
    """The named request headers (lower-case names; "" when absent), read straight from the
    ASGI scope: this runs on every request."""
    found = dict.fromkeys(names, "")
    for key, value in scope["headers"]:
        if key in found and not found[key]:
            found[key] = value.decode("latin-1")
    return found


class Authentication:
    """`Authorization: Bearer TOKEN` on /graphql; the GraphiQL page itself is public."""

    def __init__(self, app: ASGIApp, settings: ApiSettings, tokens: TokenStore) -> None:
        self.app = app
        self.settings = settings
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not scope["path"].startswith("/graphql")
            or (scope["path"].startswith("/graphql/static/"))
        ):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope, (b"accept", b"authorization"))
        if scope["method"] == "GET" and "text/html" in headers[b"accept"]:
            scope["sahelkg.principal"] = DEV_PRINCIPAL if self.settings.dev else None
            await self.app(scope, receive, send)
            return
        header = headers[b"authorization"]
        scheme, _, token = header.partition(" ")
        principal = None
        if scheme.lower() == "bearer" and token.strip():
            principal = self.tokens.verify(token.strip())
            if principal is None:
                await _json_error(
                    401, "unauthenticated", "the token is not valid (unknown or revoked)",
                    {"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )(scope, receive, send)  # fmt: skip
                return
        elif self.settings.dev:
            principal = DEV_PRINCIPAL
        if principal is None:
            await _json_error(
                401, "unauthenticated",
                "send an API token as `Authorization: Bearer TOKEN` "
                "(create one with `sahelkg token create --role reader`)",
                {"WWW-Authenticate": "Bearer"},
            )(scope, receive, send)  # fmt: skip
            return
        scope["sahelkg.principal"] = principal
        await self.app(scope, receive, send)


def create_app(settings: ApiSettings | None = None, store: GraphStore | None = None) -> Starlette:
    """The application; opens `settings.store_url` at start-up unless given a `store`."""
    settings = settings or ApiSettings()
    state: dict[str, Any] = {"store": store}
    schema = build_schema(settings)
    endpoint = GraphQLEndpoint(schema, settings, state)

    async def healthz(request: Request) -> Response:
        current: GraphStore | None = state["store"]
        if current is None:
            return JSONResponse({"status": "starting"}, status_code=503)
        try:
            await current.read("RETURN 1 AS one")
        except Exception as exc:
            return JSONResponse({"status": "unavailable", "error": str(exc)}, status_code=503)
        return JSONResponse({"status": "ok", "engine": current.engine})

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        opened = None
        if state["store"] is None:
            opened = state["store"] = await open_store(settings.store_url)
        try:
            yield
        finally:
            if opened is not None:
                await opened.close()
                state["store"] = None

    middleware = [
        Middleware(AccessLog),
        Middleware(BodyLimit, max_bytes=settings.limits.max_body_bytes),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type"],
            )
        )
    middleware.append(
        Middleware(Authentication, settings=settings, tokens=TokenStore(settings.tokens_file))
    )
    cache = ResponseCache(settings.response_cache_entries, settings.response_cache_bytes)
    if settings.response_cache_entries > 0:
        middleware.append(Middleware(CachedResponses, cache=cache, state=state))
    routes = [
        Route("/healthz", healthz),
        Mount("/graphql/static", StaticFiles(directory=STATIC_DIR, check_dir=False)),
        export_route(state, settings),
        Route("/graphql", endpoint, methods=["GET", "POST"]),
        *explorer_routes(),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.settings = settings
    app.state.graphiql_assets = VENDOR_DIR.is_dir()
    app.state.response_cache = cache
    return app
