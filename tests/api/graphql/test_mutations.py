"""Mutations: roles, required sources, audit records (history), idempotency, retiring."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.graphql.conftest import Api
from tests.conftest import ENGINES

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # audit records, idempotency and retiring on Neo4j too

CREATE_ACTOR = """mutation($input: CreateActorInput!) { createActor(input: $input) {
  clientMutationId replayed
  node { id name ... on Actor { kind aliases sources { id title reliability } } }
  edit { id action targetId by role reason changes clientMutationId sources { id } } } }"""


def actor_input(**extra: Any) -> dict[str, Any]:
    base = {
        "id": "actor:katiba-serma",
        "name": "Katiba Serma",
        "kind": "JIHADIST_GROUP",
        "source": {"new": {"id": "source:brief-11", "name": "Brief 11", "reliability": "C"}},
        "reason": "first named in the November brief",
    }
    return {**base, **extra}


async def test_reader_cannot_mutate(api: Api) -> None:
    [error] = await api.errors(CREATE_ACTOR, {"input": actor_input(id="actor:x1")}, role="reader")
    assert error["extensions"] == {
        "code": "forbidden", "required_role": "analyst",
    }  # fmt: skip
    assert error["message"] == "create_actor needs the analyst role"
    assert (await api.data('{ node(id: "actor:x1") { id } }')) == {"node": None}


async def test_create_actor_with_a_new_source_is_audited(api: Api) -> None:
    token_id = api.tokens["analyst"].split("_")[1]
    data = await api.data(CREATE_ACTOR, {"input": actor_input(clientMutationId="c-1")}, "analyst")
    payload = data["createActor"]
    assert payload["replayed"] is False and payload["clientMutationId"] == "c-1"
    assert payload["node"] == {
        "id": "actor:katiba-serma",
        "name": "Katiba Serma",
        "kind": "JIHADIST_GROUP",
        "aliases": [],
        "sources": [{"id": "source:brief-11", "title": "Brief 11", "reliability": "C"}],
    }
    edit = payload["edit"]
    assert edit["action"] == "create_actor" and edit["targetId"] == "actor:katiba-serma"
    assert (edit["by"], edit["role"], edit["clientMutationId"]) == (token_id, "analyst", "c-1")
    assert edit["sources"] == [{"id": "source:brief-11"}]
    assert json.loads(edit["changes"]) == {
        "id": "actor:katiba-serma", "kind": "jihadist_group", "name": "Katiba Serma",
    }  # fmt: skip
    history = await api.data(
        '{ history(id: "actor:katiba-serma") { id action reason by } }', role="reader"
    )
    assert history == {
        "history": [
            {"id": edit["id"], "action": "create_actor",
             "reason": "first named in the November brief", "by": token_id}
        ]
    }  # fmt: skip


async def test_client_mutation_id_makes_a_mutation_idempotent(api: Api) -> None:
    first = await api.data(CREATE_ACTOR, {"input": actor_input(id="actor:idem", name="Idem",
                           clientMutationId="c-2", source={"id": "source:test"})}, "analyst")  # fmt: skip
    again = await api.data(CREATE_ACTOR, {"input": actor_input(id="actor:idem", name="Idem",
                           clientMutationId="c-2", source={"id": "source:test"})}, "analyst")  # fmt: skip
    assert again["createActor"]["replayed"] is True
    assert again["createActor"]["edit"]["id"] == first["createActor"]["edit"]["id"]
    history = await api.data('{ history(id: "actor:idem") { id } }')
    assert len(history["history"]) == 1
    [error] = await api.errors(
        """mutation { addAlias(input: {actorId: "actor:idem", alias: "I", reason: "r",
        source: {id: "source:test"}, clientMutationId: "c-2"}) { replayed } }""",
        role="analyst",
    )
    assert error["extensions"]["code"] == "conflict"
    assert error["message"] == "clientMutationId c-2 was already used for create_actor"


async def test_a_source_is_required_and_must_exist(api: Api) -> None:
    errors = await api.errors(
        'mutation { addAlias(input: {actorId: "actor:jnim", alias: "x", reason: "r"}) { replayed } }',
        role="analyst",
    )
    assert errors[0]["message"] == (
        "Expected value of type 'AddAliasInput' to include required field 'source', "
        'found: { actorId: "actor:jnim", alias: "x", reason: "r" }.'
    )
    [error] = await api.errors(
        """mutation { addAlias(input: {actorId: "actor:jnim", alias: "x", reason: "r",
        source: {id: "source:nowhere"}}) { replayed } }""",
        role="analyst",
    )
    assert (error["extensions"]["code"], error["message"]) == (
        "not_found", "no source with id source:nowhere",
    )  # fmt: skip
    [error] = await api.errors(
        """mutation { addAlias(input: {actorId: "actor:jnim", alias: "x", reason: "r",
        source: {}}) { replayed } }""",
        role="analyst",
    )
    assert error["message"] == "source: give either id or new"


async def test_update_actor_and_add_alias(api: Api) -> None:
    data = await api.data(
        """mutation { u: updateActor(input: {id: "actor:isgs", country: "NER",
             source: {id: "source:test#p4"}, reason: "based in Ménaka"}) {
             node { ... on Actor { country sources { id } } } }
           a: addAlias(input: {actorId: "actor:isgs", alias: "ISSP", reason: "renamed",
             source: {id: "source:test"}}) { node { ... on Actor { aliases } } } }""",
        role="analyst",
    )
    assert data["u"]["node"] == {
        "country": "NER", "sources": [{"id": "source:test"}, {"id": "source:test#p4"}],
    }  # fmt: skip
    assert data["a"]["node"] == {"aliases": ["ISSP"]}
    found = await api.data('{ search(text: "issp") { edges { node { id } } } }')
    assert found == {"search": {"edges": [{"node": {"id": "actor:isgs"}}]}}
    history = await api.data('{ history(id: "actor:isgs") { action } }')
    assert [h["action"] for h in history["history"]] == ["update_actor", "add_alias"]


async def test_invalid_values_name_the_field(api: Api) -> None:
    cited = {"id": "source:test"}
    [error] = await api.errors(
        CREATE_ACTOR, {"input": actor_input(id="group:x", source=cited)}, "analyst"
    )
    assert error["extensions"]["code"] == "invalid_parameter"
    assert error["message"] == "an Actor id must start with 'actor:'"
    [error] = await api.errors(
        CREATE_ACTOR, {"input": actor_input(id="actor:y", founded="2023-02-30", source=cited)},
        "analyst",
    )  # fmt: skip
    assert error["message"].startswith("Variable '$input' has invalid value at .founded:")
    assert "'2023-02-30' is not a real date: day is out of range for month" in error["message"]
    [error] = await api.errors(
        CREATE_ACTOR, {"input": actor_input(id="actor:jnim", source=cited)}, "analyst"
    )
    assert (error["extensions"]["code"], error["message"]) == (
        "conflict", "actor:jnim already exists",
    )  # fmt: skip


RELATIONSHIP = """mutation($input: CreateRelationshipInput!) { createRelationship(input: $input) {
  relationship { id type fromId toId evidence { status credibility validFrom validTo sources { id } } }
  edit { action targetId } } }"""


async def test_create_update_retire_relationship_keeps_evidence(api: Api) -> None:
    created = await api.data(RELATIONSHIP, {"input": {
        "type": "HOSTILE_TO", "fromId": "actor:cma", "toId": "actor:wagner",
        "status": "REPORTED", "credibility": 3, "validFrom": "2023-08",
        "source": {"id": "source:test#p9"}, "reason": "clashes near Anéfis",
    }}, "analyst")  # fmt: skip
    rel = created["createRelationship"]["relationship"]
    rel_id = "HOSTILE_TO|actor:cma|actor:wagner|2023-08"
    assert rel == {
        "id": rel_id, "type": "HOSTILE_TO", "fromId": "actor:cma", "toId": "actor:wagner",
        "evidence": {"status": "REPORTED", "credibility": 3, "validFrom": "2023-08",
                     "validTo": None, "sources": [{"id": "source:test#p9"}]},
    }  # fmt: skip
    enemies = '{ actor(id: "actor:wagner") { enemies(asOf: "2023-10") { edges { node { id } } } } }'
    assert {"node": {"id": "actor:cma"}} in (await api.data(enemies))["actor"]["enemies"]["edges"]
    updated = await api.data(
        """mutation($id: ID!) { updateRelationship(input: {id: $id, status: CONFIRMED,
        credibility: 2, source: {id: "source:test"}, reason: "confirmed"}) {
        relationship { evidence { status credibility } } } }""",
        {"id": rel_id}, "analyst",
    )  # fmt: skip
    assert updated["updateRelationship"]["relationship"]["evidence"] == {
        "status": "CONFIRMED", "credibility": 2,
    }  # fmt: skip
    retired = await api.data(
        """mutation($id: ID!) { retireRelationship(input: {id: $id, validTo: "2023-12",
        source: {id: "source:test"}, reason: "ceasefire"}) {
        relationship { evidence { validFrom validTo status sources { id } } } } }""",
        {"id": rel_id}, "analyst",
    )  # fmt: skip
    assert retired["retireRelationship"]["relationship"]["evidence"] == {
        "validFrom": "2023-08", "validTo": "2023-12", "status": "CONFIRMED",
        "sources": [{"id": "source:test#p9"}, {"id": "source:test"}],
    }  # fmt: skip
    after = '{ actor(id: "actor:wagner") { enemies(asOf: "2024-02") { edges { node { id } } } } }'
    assert {"node": {"id": "actor:cma"}} not in (await api.data(after))["actor"]["enemies"]["edges"]
    still = await api.data(enemies)
    assert {"node": {"id": "actor:cma"}} in still["actor"]["enemies"]["edges"]
    history = await api.data("query($id: ID!) { history(id: $id) { action } }", {"id": rel_id})
    assert [h["action"] for h in history["history"]] == [
        "create_relationship", "update_relationship", "retire_relationship",
    ]  # fmt: skip


async def test_relationship_must_fit_the_schema(api: Api) -> None:
    [error] = await api.errors(RELATIONSHIP, {"input": {
        "type": "ALLIED_WITH", "fromId": "actor:cma", "toId": "region:mli-kidal",
        "status": "REPORTED", "credibility": 3, "source": {"id": "source:test"}, "reason": "r",
    }}, "analyst")  # fmt: skip
    assert error["message"] == "the schema has no Actor-[:ALLIED_WITH]->Region"
    [error] = await api.errors(
        """mutation { retireRelationship(input: {id: "ALLIED_WITH|actor:a|actor:b|", validTo: "2024",
        source: {id: "source:test"}, reason: "r"}) { replayed } }""",
        role="analyst",
    )
    assert (error["extensions"]["code"], error["message"]) == (
        "not_found", "no claim with id ALLIED_WITH|actor:a|actor:b|",
    )  # fmt: skip


async def test_assessments_and_retiring_an_actor(api: Api) -> None:
    data = await api.data(
        """mutation { c: createAssessment(input: {id: "assessment:jnim-kayes",
          name: "JNIM in Kayes", statement: "JNIM will likely expand in Kayes",
          likelihood: LIKELY, date: "2023-11-01", aboutIds: ["actor:jnim", "region:mli-kayes"],
          source: {id: "source:test"}, reason: "monthly assessment"}) {
          node { ... on Assessment { likelihood date statement } } }
        u: updateAssessment(input: {id: "assessment:jnim-kayes", likelihood: VERY_LIKELY,
          source: {id: "source:test"}, reason: "new reporting"}) {
          node { ... on Assessment { likelihood } } }
        r: retireAssessment(input: {id: "assessment:jnim-kayes", validTo: "2024-01",
          source: {id: "source:test"}, reason: "superseded"}) {
          node { ... on Assessment { likelihood validTo } } }
        a: retireActor(input: {id: "actor:ansar-dine", validTo: "2017-03",
          source: {id: "source:test"}, reason: "merged into JNIM"}) {
          node { ... on Actor { dissolved } } } }""",
        role="admin",
    )
    assert data == {
        "c": {"node": {"likelihood": "LIKELY", "date": "2023-11-01",
                       "statement": "JNIM will likely expand in Kayes"}},
        "u": {"node": {"likelihood": "VERY_LIKELY"}},
        "r": {"node": {"likelihood": "VERY_LIKELY", "validTo": "2024-01"}},
        "a": {"node": {"dissolved": "2017-03"}},
    }  # fmt: skip
    about = await api.data(
        '{ catalog { assessmentsAbout(nodeId: "region:mli-kayes") { statement } } }'
    )
    assert about == {
        "catalog": {"assessmentsAbout": [{"statement": "JNIM will likely expand in Kayes"}]}
    }


async def test_only_admins_create_tokens(api: Api) -> None:
    query = 'mutation { createToken(role: "reader", name: "ci") { token tokenId role } }'
    [error] = await api.errors(query, role="analyst")
    assert error["extensions"]["code"] == "forbidden"
    created = (await api.data(query, role="admin"))["createToken"]
    assert created["role"] == "reader" and created["token"].startswith(f"skg_{created['tokenId']}_")
    response = await api.client.post(
        "/graphql", json={"query": '{ actor(id: "actor:jnim") { name } }'},
        headers={"Authorization": f"Bearer {created['token']}"},
    )  # fmt: skip
    assert response.json() == {"data": {"actor": {"name": "JNIM"}}}
