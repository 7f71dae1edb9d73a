"""A draft that knows the knowledge base: a loaded issue is recognised, its facts are not
drafted again, changed ones are listed with their ids, and loading a draft twice changes
nothing (on the real embedded store)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from graph.store import GraphStore
from loaders.curated import read_yaml
from loaders.curated.loader import expand_paths, load_paths
from loaders.newsletter import (
    Gazetteer,
    extract_draft,
    extract_file,
    read_knowledge_base,
    write_draft,
)
from queries.stats import graph_counts

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "data"
SEEDS = Path(os.environ.get("SAHELKG_SEEDS", REPO.parent / "shared" / "seeds"))
JUNE = SEEDS / "2023-06_sahel-dispatch_southwest-mali.txt"
JUNE_ID = "source:sahel-dispatch-2023-06"
KB = Path(__file__).resolve().parents[2] / "fixtures" / "newsletters" / "kb"
ISSUE = (
    "Dear Readers,\nWelcome to the Test Dispatch Mali Security Newsletter for October 2023.\n"
    "Kayes Region\nThere were 37 security incidents in Kayes region in October.\n"
)


def _curated_ids(section: str) -> set[str]:
    curated, problems = read_yaml(DATA / "newsletters" / "sahel-dispatch-2023-06.yaml")
    assert problems == []
    return {str(r["id"]) for r in curated.get(section, [])}


def _kb_with_issue(value: int, period_name: str = "October 2023") -> Gazetteer:
    kb, problems = read_yaml(KB / "gazetteer.yaml")
    assert problems == []
    issue: dict[str, Any] = {
        "sources": [{"id": "source:test-dispatch-2023-10", "kind": "newsletter",
                     "name": f"Test Dispatch, Mali Security Newsletter, {period_name}"}],
        "activity_reports": [{"id": "report:curated-kayes-october", "month": "2023-10",
                              "metric": "security_incidents", "region_id": "region:mli-kayes",
                              "value": value, "source_ids": ["source:test-dispatch-2023-10#kayes"]}],
    }  # fmt: skip
    return Gazetteer.from_documents([kb, issue])


def test_a_loaded_issue_is_recognised_and_none_of_its_counts_drafted_again() -> None:
    draft = extract_file(JUNE, read_knowledge_base(DATA))
    assert draft.source_id == JUNE_ID
    assert draft.review["warnings"] == [
        f"this issue is already in the knowledge base as {JUNE_ID}: the draft holds only what "
        "is new (known and changed facts are listed in the review notes)"
    ]
    records = draft.records()
    assert "sources" not in records and "activity_reports" not in records
    known = draft.review["known"]
    assert len(known) == len(set(known))
    curated = set().union(*(_curated_ids(s) for s in ("activity_reports", "operations",
                                                      "events", "assessments")))  # fmt: skip
    assert set(known) <= curated
    assert _curated_ids("operations") <= set(known)  # the joint FAMa/Wagner one not twice


def test_a_changed_value_is_listed_with_the_known_id_not_drafted() -> None:
    draft = extract_draft(ISSUE, _kb_with_issue(35), None, "test-dispatch-file")
    assert draft.source_id == "source:test-dispatch-2023-10"
    assert draft.records() == {}
    (changed,) = draft.review["changed"]
    assert changed["id"] == "report:curated-kayes-october"
    assert changed["differs (known, draft)"] == {"value": [35, 37]}


def test_the_same_value_is_known() -> None:
    draft = extract_draft(ISSUE, _kb_with_issue(37), None, "test-dispatch-file")
    assert (draft.records(), draft.review["known"]) == ({}, ["report:curated-kayes-october"])


def test_another_month_of_the_same_newsletter_is_a_new_issue() -> None:
    draft = extract_draft(ISSUE, _kb_with_issue(37, "September 2023"), None, "test-dispatch-file")
    assert draft.source_id == "source:test-dispatch-file"
    assert "known" not in draft.review
    assert [r["value"] for r in draft.records()["activity_reports"]] == [37]


@pytest.mark.parametrize("seed", [JUNE.name])
async def test_loading_a_draft_twice_changes_nothing(
    store: GraphStore, tmp_path: Path, seed: str
) -> None:
    await load_paths(store, [DATA])
    kb = read_knowledge_base(DATA)
    draft = extract_file(SEEDS / seed, kb)
    path = tmp_path / "draft.yaml"
    write_draft(draft, path, seed)
    assert path.stat().st_mode & 0o777 == 0o600
    await load_paths(store, [path])
    once = await graph_counts(store)
    await load_paths(store, [path])
    assert await graph_counts(store) == once
    # and a draft made once the first one is in the knowledge base has nothing left to add
    documents = [read_yaml(p)[0] for p in expand_paths([DATA, path])]
    again = extract_file(SEEDS / seed, Gazetteer.from_documents(documents))
    assert again.records() == {}
    assert again.review.get("changed") == draft.review.get("changed")  # vs the curated file
