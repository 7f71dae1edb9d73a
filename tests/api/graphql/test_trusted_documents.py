"""Trusted documents: with the option on, only queries known by hash run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.graphql.settings import ApiSettings
from api.graphql.trusted import document_hash
from graph.store import GraphStore
from tests.api.graphql.conftest import Api, api_for

pytestmark = pytest.mark.asyncio(loop_scope="module")

KNOWN = '{ actor(id: "actor:jnim") { name } }'


async def test_only_trusted_documents_run(
    graph_store: GraphStore, tokens_file: Path, api: Api, tmp_path: Path
) -> None:
    documents = tmp_path / "trusted.json"
    documents.write_text(json.dumps({document_hash(KNOWN): KNOWN}))
    settings = ApiSettings(tokens_file=tokens_file, trusted_documents=documents)
    headers = {"Authorization": f"Bearer {api.tokens['reader']}"}
    async with api_for(settings, graph_store) as client:
        by_hash = await client.post(
            "/graphql",
            json={
                "extensions": {"persistedQuery": {"version": 1, "sha256Hash": document_hash(KNOWN)}}
            },
            headers=headers,
        )
        by_id = await client.post(
            "/graphql", json={"documentId": f"sha256:{document_hash(KNOWN)}"}, headers=headers
        )
        by_text = await client.post("/graphql", json={"query": KNOWN}, headers=headers)
        other = await client.post(
            "/graphql", json={"query": '{ actor(id: "actor:cma") { name } }'}, headers=headers
        )
    expected = {"data": {"actor": {"name": "JNIM"}}}
    assert by_hash.json() == by_id.json() == by_text.json() == expected
    assert other.status_code == 400
    assert other.text == ("this server runs trusted documents only; the document is not among them")


async def test_a_document_whose_hash_does_not_match_is_refused(tmp_path: Path) -> None:
    from api.graphql.trusted import TrustedDocuments

    documents = tmp_path / "trusted.json"
    documents.write_text(json.dumps({"0" * 64: KNOWN}))
    with pytest.raises(ValueError, match="does not match its query"):
        TrustedDocuments(documents)
