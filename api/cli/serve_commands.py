"""`sahelkg serve` (the GraphQL API under uvicorn) and `sahelkg token` (API tokens)."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli.common import store_option

KEEP_ALIVE_S = 75
"""Longer than common client pools' idle expiry (httpx 5 s, browsers ~60 s, load balancers
60 s): the client, not the server, closes an idle connection, so none is closed under a
request in flight."""

TOKENS_OPTION = click.option(
    "--tokens-file",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="SAHELKG_TOKENS_FILE",
    default="var/api/tokens.json",
    show_default=True,
    help="Where hashed API tokens are kept (created private, 0600). Also SAHELKG_TOKENS_FILE.",
)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes. Each keeps no state between requests, so several "
                   "workers (or hosts behind a load balancer) can serve one Neo4j store.")  # fmt: skip
@click.option("--dev", is_flag=True,
              help="Local development: no token needed (requests act as an analyst), "
                   "introspection and field suggestions on. Never on a shared network.")  # fmt: skip
@click.option("--debug-errors", is_flag=True, help="Show unexpected errors unmasked.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="URL",
              help="Allow browser calls from this origin (repeat for more). Off by default.")  # fmt: skip
@click.option("--timeout", default=10.0, show_default=True, type=float,
              help="Seconds a query may run before it is stopped.")  # fmt: skip
@click.option("--trusted-documents", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              default=None, help="JSON {sha256: query}: run only these documents (persisted queries).")  # fmt: skip
@click.option("--keep-alive", default=KEEP_ALIVE_S, show_default=True, type=click.IntRange(1),
              help="Seconds an idle client connection stays open. Keep it longer than the "
                   "idle expiry of clients and load balancers, or a request they send on a "
                   "connection the server is closing fails (a read error).")  # fmt: skip
@click.option("--response-cache", default=2048, show_default=True, type=click.IntRange(0),
              help="Responses to repeated read-only queries kept per worker, until the next "
                   "write to the store (0: off; Neo4j stores never cache).")  # fmt: skip
@TOKENS_OPTION
@store_option
def serve(
    host: str, port: int, workers: int, dev: bool, debug_errors: bool,
    cors_origins: tuple[str, ...], timeout: float, trusted_documents: Path | None,
    keep_alive: int, response_cache: int, tokens_file: Path, store_url: str,
) -> None:  # fmt: skip
    """Serve the GraphQL API at /graphql (GraphiQL in a browser), health at /healthz.

    Clients send `Authorization: Bearer TOKEN` (see `sahelkg token create`). Access logs
    are JSON lines on stderr.

    \b
    Example:
      sahelkg serve --port 8000
      curl -s localhost:8000/graphql -H "Authorization: Bearer $TOKEN" \\
        -H 'Content-Type: application/json' \\
        -d '{"query": "{ actor(id: \\"actor:jnim\\") { name } }"}'
    """
    import os

    import uvicorn

    os.environ["SAHELKG_STORE"] = store_url
    os.environ["SAHELKG_TOKENS_FILE"] = str(tokens_file)
    os.environ["SAHELKG_API_DEV"] = "1" if dev else ""
    os.environ["SAHELKG_API_DEBUG"] = "1" if debug_errors else ""
    os.environ["SAHELKG_CORS_ORIGINS"] = ",".join(cors_origins)
    os.environ["SAHELKG_API_TIMEOUT"] = str(timeout)
    os.environ["SAHELKG_API_RESPONSE_CACHE"] = str(response_cache)
    if trusted_documents is not None:
        os.environ["SAHELKG_TRUSTED_DOCUMENTS"] = str(trusted_documents)
    if dev and host not in ("127.0.0.1", "localhost", "::1"):
        raise click.UsageError("--dev (no tokens) only on a local interface (127.0.0.1)")
    mode = "development (no token needed)" if dev else "production (tokens required)"
    click.echo(f"serving {store_url} on http://{host}:{port}/graphql, {mode}", err=True)
    uvicorn.run(
        "api.graphql.main:app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # ours is structured (api.graphql.app.AccessLog)
        log_level="warning",
        # uvloop and httptools (dependencies) when the platform has them: the HTTP parsing
        # and event loop in C, not pure Python (h11) — most of a small request's overhead.
        loop="auto",
        http="auto",
        timeout_keep_alive=keep_alive,
        backlog=2048,
    )


@click.group()
def token() -> None:
    """Create, list and revoke API tokens (readers query, analysts edit, admins manage)."""


@token.command("create")
@click.option("--role", type=click.Choice(["reader", "analyst", "admin"]), required=True)
@click.option("--name", default="", help="Who or what the token is for.")
@TOKENS_OPTION
def token_create(role: str, name: str, tokens_file: Path) -> None:
    """Create a token; it is printed once, alone on the last line, and stored hashed."""
    from api.graphql.tokens import Role, TokenStore

    created = TokenStore(tokens_file).create(Role(role), name)
    click.echo(f"created a {role} token (stored hashed in {tokens_file}); keep it secret:")
    click.echo(created)


@token.command("list")
@TOKENS_OPTION
def token_list(tokens_file: Path) -> None:
    """List token ids, roles and names (never the tokens)."""
    from api.cli.output import render
    from api.graphql.tokens import TokenStore

    click.echo(render(TokenStore(tokens_file).list(), "table", title="API tokens"))


@token.command("revoke")
@click.argument("token_id")
@TOKENS_OPTION
def token_revoke(token_id: str, tokens_file: Path) -> None:
    """Revoke a token by its id (the part after `skg_`)."""
    from api.graphql.tokens import TokenStore

    if not TokenStore(tokens_file).revoke(token_id):
        raise click.ClickException(f"no token with id {token_id}")
    click.echo(f"revoked {token_id}")


def register(group: click.Group) -> None:
    group.add_command(serve)
    group.add_command(token)
