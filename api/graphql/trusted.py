"""Trusted documents (persisted queries): in production, run only queries known by hash.

The file is JSON, `{"<sha256 of the query text>": "<query text>", …}`, written by the
client team's build. A request names its document by `extensions.persistedQuery.sha256Hash`
(the Apollo convention) or by `documentId`; a request with query text runs only if the
text's hash is in the file. Anything else gets `persisted_query_not_found`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from strawberry.http import GraphQLRequestData

from api.graphql.errors import ApiError


def document_hash(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


class TrustedDocuments:
    def __init__(self, path: Path) -> None:
        documents = json.loads(path.read_text())
        if not isinstance(documents, dict):
            raise ValueError(f"{path}: expected a JSON object of sha256 → query")
        for digest, query in documents.items():
            if document_hash(query) != digest:
                raise ValueError(f"{path}: the hash {digest} does not match its query")
        self.documents: dict[str, str] = documents

    def resolve(self, request: GraphQLRequestData, document_id: str | None) -> GraphQLRequestData:
        """The request with its trusted query text, or `persisted_query_not_found`."""
        extensions = request.extensions or {}
        persisted = extensions.get("persistedQuery")
        digest = document_id or (
            persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        )
        if digest is None and request.query is not None:
            digest = document_hash(request.query)
        if not isinstance(digest, str) or digest.removeprefix("sha256:") not in self.documents:
            raise ApiError(
                "persisted_query_not_found",
                "this server runs trusted documents only; the document is not among them",
            )
        return replace(request, query=self.documents[digest.removeprefix("sha256:")])
