"""Where the seed newsletters are: ../shared/seeds beside the clone, or $SAHELKG_SEEDS.

They are not the project's to redistribute, so a clone has none; tests that read them are
marked `needs_seeds` and skipped when they are absent, and the run says once how many
(tests/conftest.py, in the terminal summary).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("SAHELKG_SEEDS", REPO.parent / "shared" / "seeds"))
SEED_NEWSLETTERS = (
    "2023-06_sahel-dispatch_southwest-mali.txt",
    "2023-09_sahel-dispatch_western-mali.txt",
)


def missing_seeds() -> list[str]:
    """The seed newsletters that are not where the tests look."""
    return [name for name in SEED_NEWSLETTERS if not (SEEDS / name).is_file()]


SKIP_REASON = (
    f"the seed newsletters are not in {SEEDS} (they live in ../shared/seeds beside the "
    "clone; set SAHELKG_SEEDS to point elsewhere)"
)
needs_seeds = pytest.mark.needs_seeds
"""Mark a test that reads the seed newsletters."""
