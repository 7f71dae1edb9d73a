"""Shared fixtures for the newsletter extractor: the test gazetteer and an analyser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from loaders.newsletter import Gazetteer, read_knowledge_base
from loaders.newsletter.document import Analysed, analyse

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "newsletters"
KB = FIXTURES / "kb"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return read_knowledge_base(KB)


@pytest.fixture
def sentence(gazetteer: Gazetteer) -> Callable[[str], Analysed]:
    """Analyse a one-sentence text and return that sentence."""

    def make(text: str) -> Analysed:
        analysed = analyse(text, gazetteer).sentences
        assert len(analysed) == 1, [a.sentence.text for a in analysed]
        return analysed[0]

    return make
