"""Monthly security newsletters → draft curated YAML for an analyst to review and load.

`sahelkg extract` runs it. The text is read once (document.py: sentences with offsets,
tokens, knowledge-base names); each module extracts one kind of fact — the reporting
period, counts and last month's values, directions of change, dated events, operations,
assessments, unknown names — and records.py/draft.py/writer.py turn them into a draft
that `sahelkg load` accepts as it is.
"""

from loaders.newsletter.draft import Draft, extract_draft
from loaders.newsletter.extract import extract_file, read_knowledge_base, source_id_for
from loaders.newsletter.gazetteer import Gazetteer
from loaders.newsletter.writer import read_review, render, write_draft

__all__ = [
    "Draft",
    "Gazetteer",
    "extract_draft",
    "extract_file",
    "read_knowledge_base",
    "read_review",
    "render",
    "source_id_for",
    "write_draft",
]
