"""One URL picks the engine: `embedded:PATH`, `neo4j://…`/`bolt://…`, `falkordb://host:port`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from graph.store.base import GraphStore

DEFAULT_STORE_URL = "embedded:./var/graph"
NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
ACCEPTED = "embedded:PATH, neo4j://HOST:PORT[/DB], bolt://HOST:PORT[/DB] or falkordb://HOST:PORT"


@dataclass(frozen=True)
class StoreUrl:
    """A parsed store URL; credentials for Neo4j come from the URL or the environment."""

    engine: str
    path: Path | None = None
    uri: str | None = None
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None

    def describe(self) -> str:
        """The URL without its password, for messages and logs."""
        if self.engine == "embedded":
            return f"embedded:{self.path}"
        if self.engine == "neo4j":
            return f"{self.uri} (database {self.database or 'default'}, user {self.user})"
        return f"falkordb://{self.host}:{self.port}"


def parse_store_url(url: str) -> StoreUrl:
    """Parse and check a store URL; raise ValueError with the accepted forms when it is wrong."""
    if url.startswith("embedded:"):
        path = url.removeprefix("embedded:")
        if not path:
            raise ValueError("embedded: needs a directory, e.g. embedded:./var/graph")
        if path.startswith("//"):
            raise ValueError(
                f"store URL {url!r} is ambiguous: write embedded:PATH with the directory as "
                f"it is, e.g. embedded:{path[2:]} (relative) or embedded:/{path[2:]} (absolute)"
            )
        if "\0" in path:
            raise ValueError(f"store URL {url!r}: a path cannot contain a NUL byte")
        return StoreUrl(engine="embedded", path=Path(path).expanduser())
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as exc:
        raise ValueError(f"store URL {url!r} is malformed ({exc}); use {ACCEPTED}") from None
    if parts.scheme in (*NEO4J_SCHEMES, "falkordb") and (parts.query or parts.fragment):
        raise ValueError(f"store URL {url!r}: query strings and fragments are not understood")
    if parts.scheme == "falkordb" and parts.path.strip("/"):
        raise ValueError(f"store URL {url!r}: falkordb:// takes HOST:PORT only, no path")
    if parts.scheme in NEO4J_SCHEMES:
        netloc = parts.hostname or "localhost"
        if parts.port:
            netloc += f":{parts.port}"
        database = parts.path.strip("/") or os.environ.get("NEO4J_DATABASE") or None
        return StoreUrl(
            engine="neo4j",
            uri=urlunsplit((parts.scheme, netloc, "", "", "")),
            user=unquote(parts.username)
            if parts.username
            else os.environ.get("NEO4J_USER", "neo4j"),
            password=unquote(parts.password)
            if parts.password
            else os.environ.get("NEO4J_PASSWORD", ""),
            database=database,
        )
    if parts.scheme == "falkordb":
        return StoreUrl(
            engine="falkordb",
            host=parts.hostname or "localhost",
            port=parts.port or 6379,
            password=unquote(parts.password)
            if parts.password
            else os.environ.get("FALKORDB_PASSWORD"),
        )
    raise ValueError(f"unknown store URL {url!r}: use {ACCEPTED}")


async def open_store(url: str | None = None, create: bool = True) -> GraphStore:
    """Open the store a URL names (default: `SAHELKG_STORE`, else `embedded:./var/graph`).

    With `create=False` (every read command) an embedded store that does not exist is an
    error naming the path looked at, never a new empty store answering "0 nodes".
    """
    parsed = parse_store_url(url or os.environ.get("SAHELKG_STORE") or DEFAULT_STORE_URL)
    if parsed.engine == "embedded":
        from graph.store.falkordb_store import FalkorStore

        assert parsed.path is not None
        return await FalkorStore.open_embedded(parsed.path, create=create)
    if parsed.engine == "neo4j":
        from graph.store.neo4j_store import Neo4jStore

        assert parsed.uri is not None and parsed.user is not None
        return await Neo4jStore.open(
            parsed.uri, parsed.user, parsed.password or "", parsed.database
        )
    from graph.store.falkordb_store import FalkorStore

    assert parsed.host is not None and parsed.port is not None
    return await FalkorStore.open_remote(parsed.host, parsed.port, parsed.password)
