"""The seed newsletters against the curated knowledge base (issue 3, "Must show").

For each seed, the extractor's draft is compared with the curated file an analyst wrote
for it (data/newsletters/): it must recover at least 95% of the curated counts and of the
curated events whose date the newsletter writes, and contain no number the text does not
write. Recall is printed: `pytest -s tests/loaders/newsletter/test_newsletter_seeds.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsletter_oracle import invented_numbers

from api.cli import cli
from loaders.curated import read_yaml, validate_paths
from loaders.curated.loader import expand_paths
from loaders.newsletter import Gazetteer, extract_file, read_knowledge_base, write_draft
from loaders.newsletter.compare import count_recall, direction_recall, event_recall

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "data"
SEEDS = Path(os.environ.get("SAHELKG_SEEDS", REPO.parent / "shared" / "seeds"))
SEED_FILES = {
    "2023-06_sahel-dispatch_southwest-mali.txt": "sahel-dispatch-2023-06.yaml",
    "2023-09_sahel-dispatch_western-mali.txt": "sahel-dispatch-2023-09.yaml",
}
REQUIRED = 0.95


@pytest.fixture(scope="module", autouse=True)
def _seeds_present() -> None:
    """The seeds live in ../shared/seeds beside the clone (CI has them); never skip silently."""
    missing = [str(SEEDS / name) for name in SEED_FILES if not (SEEDS / name).is_file()]
    assert not missing, f"seed newsletters missing (set SAHELKG_SEEDS): {', '.join(missing)}"


@pytest.fixture(scope="module")
def knowledge_base() -> Gazetteer:
    return read_knowledge_base(DATA)


def knowledge_base_before(curated_file: str) -> Gazetteer:
    """The knowledge base as it was before this issue was curated into it."""
    documents = [read_yaml(path)[0] for path in expand_paths([DATA]) if path.name != curated_file]
    return Gazetteer.from_documents(documents)


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_seed_recall(seed: str) -> None:
    newsletter = SEEDS / seed
    text = newsletter.read_text(encoding="utf-8")
    draft = extract_file(newsletter, knowledge_base_before(SEED_FILES[seed]))
    curated, problems = read_yaml(DATA / "newsletters" / SEED_FILES[seed])
    assert problems == []

    counts = count_recall(curated.get("activity_reports", []), draft.sections["activity_reports"])
    events, dated = event_recall(curated.get("events", []), draft.sections["events"], text)
    strict, strict_dated = event_recall(
        curated.get("events", []), draft.sections["events"], text, same_kind=True
    )
    directions = direction_recall(
        curated.get("activity_reports", []), draft.sections["activity_reports"]
    )
    invented = invented_numbers(draft.sections, text)
    print(
        f"\n{seed} vs data/newsletters/{SEED_FILES[seed]}:"
        f"\n  counts recovered:                       {counts}  missing {counts.missing}"
        f"\n  events with a date the text writes:     {dated}  missing {dated.missing}"
        f"\n  all curated events (by date):           {events}  missing {events.missing}"
        f"\n  stricter, same date and same kind:      {strict_dated} of text-dated, {strict} of all"
        f"\n  directions of change (not required):    {directions}  missing {directions.missing}"
        f"\n  numbers in the draft not in the text:   {len(invented)}"
    )
    assert counts.ratio >= REQUIRED, counts.missing
    assert dated.ratio >= REQUIRED, dated.missing
    assert invented == []


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
async def test_seed_draft_loads_with_the_knowledge_base(
    knowledge_base: Gazetteer, seed: str, tmp_path: Path
) -> None:
    draft = extract_file(SEEDS / seed, knowledge_base)
    path = tmp_path / "draft.yaml"
    write_draft(draft, path, seed)
    parsed = await validate_paths([DATA, path])
    assert draft.source_id in {node.id for node in parsed.nodes}
    assert draft.review.get("skipped") is None


def test_seed_draft_passes_load_dry_run(tmp_path: Path, embedded_url: str) -> None:
    seed = "2023-06_sahel-dispatch_southwest-mali.txt"
    draft = tmp_path / "draft.yaml"
    runner = CliRunner()
    made = runner.invoke(
        cli, ["extract", str(SEEDS / seed), "-o", str(draft), "--data", str(DATA)], obj={}
    )
    assert made.exit_code == 0, made.output
    checked = runner.invoke(
        cli, ["load", "--dry-run", "--store", embedded_url, str(DATA), str(draft)], obj={}
    )
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("would load ")
