"""`sahelkg serve` in a subprocess, queried with a real GraphQL client (gql over httpx).

Also checks `sahelkg token create` prints the token alone on its last line and stores
only its hash in a private file.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from gql import Client, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport

from graph.store import GraphStore

SAHELKG = [sys.executable, "-m", "api.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(
    graph_store: GraphStore, embedded_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, Path]]:
    """(base URL, reader token, tokens file) of a running `sahelkg serve`."""
    tokens = tmp_path_factory.mktemp("serve") / "api" / "tokens.json"
    created = subprocess.run(
        [*SAHELKG, "token", "create", "--role", "reader", "--tokens-file", str(tokens)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    token = created.stdout.strip().splitlines()[-1]
    port = free_port()
    env = {**os.environ, "SAHELKG_STORE": f"embedded:{embedded_dir}"}
    process = subprocess.Popen(
        [*SAHELKG, "serve", "--port", str(port), "--tokens-file", str(tokens)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"sahelkg serve did not start: {process.communicate()}")
        time.sleep(0.3)
    yield base, token, tokens
    process.terminate()
    process.wait(timeout=30)


def test_token_create_prints_the_token_last_and_stores_a_private_hash(
    served: tuple[str, str, Path],
) -> None:
    _, token, tokens = served
    assert token.startswith("skg_") and len(token) > 40
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600
    assert stat.S_IMODE(tokens.parent.stat().st_mode) == 0o700
    stored = json.loads(tokens.read_text())["tokens"]
    assert [entry["role"] for entry in stored] == ["reader"]
    assert token.split("_", 2)[2] not in tokens.read_text()


@pytest.mark.asyncio(loop_scope="module")
async def test_gql_client_queries_the_served_api(served: tuple[str, str, Path]) -> None:
    base, token, _ = served
    transport = HTTPXAsyncTransport(
        url=f"{base}/graphql", headers={"Authorization": f"Bearer {token}"}
    )
    async with Client(transport=transport) as session:
        request = gql(
            """query Allies($id: ID!, $asOf: Date) { actor(id: $id) { name
            allies(asOf: $asOf, minStatus: CONFIRMED) { edges { node { name }
            evidence { status credibility sources { title } } } } } }"""
        )
        request.variable_values = {"id": "actor:fama", "asOf": "2023-06"}
        result = await session.execute(request)
        assert result == {
            "actor": {
                "name": "FAMa",
                "allies": {"edges": [{
                    "node": {"name": "Wagner Group"},
                    "evidence": {"status": "CONFIRMED", "credibility": 1,
                                 "sources": [{"title": "Test source"}]},
                }]},
            }
        }  # fmt: skip
        with pytest.raises(TransportQueryError) as refused:
            await session.execute(gql("{ actors(first: 1000) { totalCount } }"))
        assert refused.value.errors is not None
        assert refused.value.errors[0]["extensions"]["code"] == "page_size_exceeded"


def test_served_api_refuses_requests_without_a_token(served: tuple[str, str, Path]) -> None:
    base, _, _ = served
    response = httpx.post(f"{base}/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 401
    page = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql.min.js" in page.text
