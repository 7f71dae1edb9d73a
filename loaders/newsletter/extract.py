"""Entry points: read the knowledge base for the gazetteer, read a newsletter, build its draft."""

from __future__ import annotations

from pathlib import Path

from graph.ids import is_valid_id
from loaders.curated import read_yaml
from loaders.curated.loader import expand_paths
from loaders.newsletter.draft import Draft, extract_draft
from loaders.newsletter.gazetteer import Gazetteer
from loaders.problems import ValidationFailed


def read_knowledge_base(directory: Path, *more: Path) -> Gazetteer:
    """The gazetteer of every curated YAML file under `directory` (and any `more`)."""
    for each in (directory, *more):
        if not each.is_dir():
            raise FileNotFoundError(f"{each}: no knowledge base directory (give one with --data)")
    documents = []
    problems = []
    for path in expand_paths([directory, *more]):
        document, found = read_yaml(path)
        problems += found
        documents.append(document)
    if problems:
        raise ValidationFailed(problems)
    return Gazetteer.from_documents(documents)


def source_id_for(given: str) -> str:
    """`--source-id` as given, with or without `source:`."""
    source_id = given if given.startswith("source:") else f"source:{given}"
    if not is_valid_id(source_id):
        raise ValueError(f"{given!r} is not a source id (e.g. source:sahel-dispatch-2023-10)")
    return source_id


def extract_file(
    newsletter: Path, gazetteer: Gazetteer, source_id: str | None = None, period: str | None = None
) -> Draft:
    """The draft for one newsletter file (its source id: given, recognised, or the file name's)."""
    text = newsletter.read_text(encoding="utf-8-sig")
    given = source_id_for(source_id) if source_id is not None else None
    return extract_draft(text, gazetteer, given, newsletter.stem, period)
