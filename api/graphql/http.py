"""The GraphQL endpoint: strawberry's ASGI view with our context, timeout and local GraphiQL."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.graphql.context import Context, Loaders
from api.graphql.errors import ApiError
from api.graphql.limits import present_errors
from api.graphql.response_cache import CACHEABLE
from api.graphql.schema import ran_query_only
from api.graphql.settings import ApiSettings
from api.graphql.tokens import Principal
from api.graphql.trusted import TrustedDocuments
from graph.store.base import GraphStore, read_timeout

STATIC_DIR = Path(__file__).parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"


class GraphQLEndpoint(GraphQL[Context, None]):
    """One request = one context with fresh loaders; each operation runs under the timeout."""

    def __init__(self, schema: Any, settings: ApiSettings, state: dict[str, Any]) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self.settings = settings
        self.state = state
        self.trusted = (
            TrustedDocuments(settings.trusted_documents) if settings.trusted_documents else None
        )

    async def parse_http_body(self, request: Any) -> Any:
        """With trusted documents on, each operation's text comes from the trusted set."""
        parsed = await super().parse_http_body(request)
        if self.trusted is None:
            return parsed
        body = await request.get_body() if request.method == "POST" else b"{}"
        try:
            raw = json.loads(body or b"{}")
        except ValueError:
            raw = {}
        items = parsed if isinstance(parsed, list) else [parsed]
        raws = raw if isinstance(raw, list) else [raw]
        resolved = []
        for item, given in zip(items, raws + [{}] * len(items), strict=False):
            document_id = given.get("documentId") if isinstance(given, dict) else None
            try:
                resolved.append(self.trusted.resolve(item, document_id))
            except ApiError as exc:
                raise HTTPException(400, exc.message) from None
        return resolved if isinstance(parsed, list) else resolved[0]

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        store: GraphStore = self.state["store"]
        principal: Principal = request.scope["sahelkg.principal"]
        return Context(
            store=store,
            settings=self.settings,
            principal=principal,
            loaders=Loaders(store),
            request_id=request.scope.get("sahelkg.request_id", ""),
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse((STATIC_DIR / "graphiql.html").read_text())

    async def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
        """A batch is never kept by the response cache (one item may be a mutation)."""
        result = await super().execute_operation(*args, **kwargs)
        if isinstance(kwargs.get("request_data"), list):
            kwargs["request"].scope[CACHEABLE] = False
        return result

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Run one operation; past the timeout it is cancelled and a `timeout` error returned
        (the store was told the same limit, so the database stops too)."""
        timeout = self.settings.limits.timeout_s
        with read_timeout(timeout):
            task = asyncio.ensure_future(super().execute_single(*args, **kwargs))
            done, _ = await asyncio.wait({task}, timeout=timeout)
        if task in done:
            result: ExecutionResult = task.result()
            request = kwargs.get("request", args[0] if args else None)
            context = kwargs.get("context")
            if (
                request is not None
                and isinstance(context, Context)
                and not result.errors
                and ran_query_only(context)
            ):
                request.scope[CACHEABLE] = True
            return result
        task.cancel()
        error = GraphQLError(
            f"the query took longer than {timeout:g} s and was stopped",
            extensions={"code": "timeout", "timeout_s": timeout},
        )
        return ExecutionResult(data=None, errors=[error])

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Every error gets its stable code; unexpected ones are masked outside debug."""
        if result.errors:
            result.errors = present_errors(result.errors, debug=self.settings.debug)
        return await super().process_result(request, result)
