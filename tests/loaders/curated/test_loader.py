"""The curated loader: every validation error kind, all-or-nothing writes, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import GraphStore
from loaders.curated import load_paths
from loaders.problems import ValidationFailed
from queries.stats import graph_counts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "curated"
VALID = FIXTURES / "valid.yaml"


async def _problems(
    store: GraphStore, tmp_path: Path, text: str, with_valid: bool = True
) -> list[str]:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    paths = [VALID, bad] if with_valid else [bad]
    with pytest.raises(ValidationFailed) as caught:
        await load_paths(store, paths)
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


async def test_valid_file_loads_with_exact_counts(store: GraphStore) -> None:
    summary = await load_paths(store, [VALID])
    nodes, rels = await graph_counts(store)
    assert {k: v for k, v in nodes.items() if v} == {
        "Source": 1, "Actor": 2, "Alliance": 1, "Country": 2, "Region": 1, "ActivityReport": 1,
    }  # fmt: skip
    assert {k: v for k, v in rels.items() if v} == {
        "BORDERS": 2, "PART_OF": 2, "MEMBER_OF": 1, "ABOUT": 1, "OPERATES_IN": 1,
    }  # fmt: skip
    assert sum(summary.nodes.values()) == 8
    assert sum(summary.relationships.values()) == 7


async def test_loading_twice_changes_no_count(store: GraphStore) -> None:
    await load_paths(store, [VALID])
    first = await graph_counts(store)
    await load_paths(store, [VALID])
    assert await graph_counts(store) == first


async def test_shorthand_edges_carry_the_record_sources(store: GraphStore) -> None:
    await load_paths(store, [VALID])
    rows = await store.read(
        "MATCH (:Actor {id: 'actor:katiba-macina'})-[r:PART_OF]->(p) "
        "RETURN p.id AS parent, r.source_ids AS sources, r.status AS status"
    )
    assert rows == [
        {"parent": "actor:jnim", "sources": ["source:test-newsletter#kayes-region"],
         "status": "reported"}
    ]  # fmt: skip


async def test_three_planted_errors_are_all_reported_and_nothing_is_written(
    store: GraphStore,
) -> None:
    await load_paths(store, [VALID])
    before = await graph_counts(store)
    with pytest.raises(ValidationFailed) as caught:
        await load_paths(store, [FIXTURES / "three_errors.yaml"])
    found = [str(p) for p in caught.value.problems]
    where = str(FIXTURES / "three_errors.yaml")
    assert found == [
        f"{where}:9: relationships[0].from: unknown id actor:no-such-actor",
        f"{where}:15: relationships[1].valid_from: '2023-02-30' is not a real date: "
        "day is out of range for month",
        f"{where}:20: relationships[2].credibility: Input should be less than or equal to 6",
    ]
    assert await graph_counts(store) == before


async def test_ids_already_in_the_store_are_known(store: GraphStore, tmp_path: Path) -> None:
    await load_paths(store, [VALID])
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "relationships:\n"
        "  - {type: HOSTILE_TO, from: actor:jnim, to: actor:katiba-macina,"
        " source_ids: [source:test-newsletter]}\n"
    )
    await load_paths(store, [extra])
    _, rels = await graph_counts(store)
    assert rels["HOSTILE_TO"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sources: [\n  - id: x\n",
            "bad.yaml:2: invalid YAML: expected the node content, but found '-'",
        ),
        (
            "sources:\n  - id: source:a\n    id: source:b\n    name: A\n",
            "bad.yaml:3: key 'id' appears twice in one mapping",
        ),
        (
            "people: []\n",
            "bad.yaml:1: people: unknown section; use one of sources, actors, "
            "alliances, countries, regions, locations, incidents, operations, events, "
            "activity_reports, assessments, relationships",
        ),
        ("actors: {id: actor:x}\n", "bad.yaml:1: actors: must be a list of mappings"),
        (
            "actors:\n  - id: actor:x\n    name: X\n    colour: red\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:4: actors[0].colour: is not a field of this record (see data/FORMAT.md)",
        ),
        (
            "actors:\n  - id: actor:x\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:2: actors[0].name: is required",
        ),
        (
            "actors:\n  - id: region:x\n    name: X\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:2: actors[0]: an Actor id must start with 'actor:'",
        ),
        (
            "actors:\n  - id: Actor X\n    name: X\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:2: actors[0].id: 'Actor X' is not an id of the form prefix:slug (e.g. actor:jnim)",
        ),
        (
            "actors:\n  - id: actor:x\n    name: X\n    founded: 2017-13\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:4: actors[0].founded: '2017-13' is not a real date: month must be in 1..12",
        ),
        (
            "actors:\n  - id: actor:x\n    name: X\n    kind: pirates\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:4: actors[0].kind: Input should be 'state_force', 'government', "
            "'jihadist_group', 'separatist_group', 'armed_group', 'militia', 'foreign_state_force', "
            "'foreign_government', 'private_military_company', 'international_mission', "
            "'international_organisation', 'political_group', 'communal_group', 'civilians', "
            "'protesters', 'rioters', 'other' or 'unknown'",
        ),
        (
            "sources:\n  - id: source:x\n    name: X\n    reliability: G\n",
            "bad.yaml:4: sources[0].reliability: Input should be 'A', 'B', 'C', 'D', 'E' or 'F'",
        ),
        (
            "alliances:\n  - id: alliance:x\n    name: X\n    status: possible\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:2: alliances[0]: a possible alliance needs a likelihood (ICD-203)",
        ),
        (
            "assessments:\n  - id: assessment:x\n    name: X\n    statement: S\n    likelihood: surely\n"
            "    date: 2023-06\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:5: assessments[0].likelihood: Input should be 'almost_no_chance', "
            "'very_unlikely', 'unlikely', 'roughly_even_chance', 'likely', 'very_likely' or "
            "'almost_certain'",
        ),
        (
            "actors:\n  - id: actor:jnim\n    name: JNIM again\n    source_ids: [source:test-newsletter]\n",
            f"bad.yaml:2: actors[0].id: actor:jnim is declared twice (first at {VALID}:31)",
        ),
        (
            "actors:\n  - id: actor:x\n    name: X\n",
            "bad.yaml:2: actors[0].source_ids: every fact must cite a source",
        ),
        (
            "actors:\n  - id: actor:x\n    name: X\n    source_ids: [source:nowhere]\n",
            "bad.yaml:2: actor:x.source_ids: cites unknown source source:nowhere",
        ),
        (
            "actors:\n  - id: actor:x\n    name: X\n    source_ids: [actor:jnim]\n",
            "bad.yaml:4: actors[0].source_ids.0: 'actor:jnim' does not cite a source id (source:…)",
        ),
        (
            "relationships:\n  - type: MEMBER_OF\n    from: region:mli-kayes\n    to: actor:jnim\n"
            "    source_ids: [source:test-newsletter]\n",
            "bad.yaml:2: relationships[0].type: the schema does not allow (Region)-[:MEMBER_OF]->(Actor)",
        ),
        (
            "relationships:\n  - type: LOVES\n    from: actor:jnim\n    to: actor:katiba-macina\n"
            "    source_ids: [source:test-newsletter]\n",
            "bad.yaml:2: relationships[0].type: unknown relationship type LOVES",
        ),
        (
            "relationships:\n  - type: ALLIED_WITH\n    from: actor:jnim\n    to: actor:katiba-macina\n",
            "bad.yaml:2: relationships[0].source_ids: every fact must cite a source",
        ),
        (
            "relationships:\n  - type: ALLIED_WITH\n    from: actor:jnim\n    to: actor:katiba-macina\n"
            "    valid_from: 2023-06\n    valid_to: 2022\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:2: relationships[0]: valid_to 2022 is before valid_from 2023-06",
        ),
        (
            "relationships:\n  - type: ALLIED_WITH\n    from: actor:jnim\n    to: actor:katiba-macina\n"
            "    status: rumoured\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:5: relationships[0].status: Input should be 'confirmed', 'reported', "
            "'assessed' or 'possible'",
        ),
        (
            "relationships:\n  - {type: PART_OF, from: actor:katiba-macina, to: actor:jnim,"
            " source_ids: [source:test-newsletter]}\n",
            f"bad.yaml:2: relationships[0]: the same relationship is declared at {VALID}:40",
        ),
        (
            "incidents:\n  - id: incident:x\n    name: X\n    date: 2023-06-01\n    fatalities: -1\n"
            "    source_ids: [source:test-newsletter]\n",
            "bad.yaml:5: incidents[0].fatalities: Input should be greater than or equal to 0",
        ),
        (
            "activity_reports:\n  - id: report:x\n    name: X\n    month: 2023-06-01\n    metric: attacks\n"
            "    value: 3\n    source_ids: [source:test-newsletter]\n",
            "bad.yaml:4: activity_reports[0].month: '2023-06-01' is not a month (YYYY-MM)",
        ),
    ],
)
async def test_every_validation_error_kind_names_file_line_and_field(
    store: GraphStore, tmp_path: Path, text: str, expected: str
) -> None:
    problems = await _problems(store, tmp_path, text)
    assert expected in problems, problems
    nodes, _ = await graph_counts(store)
    assert sum(nodes.values()) == 0, "nothing may be written when any problem is found"
