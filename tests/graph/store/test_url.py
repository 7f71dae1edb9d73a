"""Store URLs: one string picks the engine; credentials from the URL or the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer
from graph.store import StoreError, open_store, parse_store_url
from graph.store.url import DEFAULT_STORE_URL


def test_default_is_embedded_under_var() -> None:
    parsed = parse_store_url(DEFAULT_STORE_URL)
    assert parsed.engine == "embedded"
    assert parsed.path == Path("./var/graph")


def test_neo4j_url_with_credentials_and_database() -> None:
    parsed = parse_store_url("neo4j+s://analyst:s%40cret@db.example:7687/sahel")
    assert (parsed.engine, parsed.uri, parsed.user, parsed.password, parsed.database) == (
        "neo4j", "neo4j+s://db.example:7687", "analyst", "s@cret", "sahel",
    )  # fmt: skip
    assert "s@cret" not in parsed.describe()


def test_neo4j_credentials_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_USER", "reader")
    monkeypatch.setenv("NEO4J_PASSWORD", "pw")
    monkeypatch.setenv("NEO4J_DATABASE", "kg")
    parsed = parse_store_url("bolt://localhost:7687")
    assert (parsed.user, parsed.password, parsed.database) == ("reader", "pw", "kg")


@pytest.mark.parametrize("url", ["mysql://x", "embedded:", "http://localhost"])
def test_bad_urls_name_the_accepted_forms(url: str) -> None:
    with pytest.raises(ValueError, match=r"embedded:"):
        parse_store_url(url)


async def test_falkordb_url_reaches_an_external_server(tmp_path: Path) -> None:
    """An external FalkorDB (here: a server on loopback with a password) via falkordb://."""
    deep = tmp_path / ("x" * 60) / ("y" * 60)  # too long for a socket: port + password
    server = EmbeddedServer(deep)
    server.acquire()
    try:
        info = json.loads((deep / "server.json").read_text())
        store = await open_store(f"falkordb://:{info['password']}@127.0.0.1:{info['port']}")
        try:
            assert store.engine == "falkordb"
            assert await store.read("RETURN $v AS v", {"v": 5}) == [{"v": 5}]
        finally:
            await store.close()
        with pytest.raises(StoreError, match=r"does not answer: .*password"):
            bad = await open_store(f"falkordb://:wrong@127.0.0.1:{info['port']}")
            await bad.close()
    finally:
        server.release()
