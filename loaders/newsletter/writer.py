"""Write a draft as curated YAML, with the review notes as commented YAML at the top.

The loader rejects unknown sections, so review notes cannot be a `review:` section; a
separate `*.review.yaml` would be picked up (and rejected) by `sahelkg load data/`. So they
go in comments: the draft loads as it is, the analyst reads the notes first, and
`read_review` parses them back (the block is YAML behind "# ").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from loaders.newsletter.draft import Draft

_MARK = "# review:"
_HEADER = """\
# DRAFT extracted by `sahelkg extract` from {input} — review before `sahelkg load`.
# Every item cites the sentence it came from (description: From: "…" [chars start-end],
# offsets into the newsletter text). Derived values carry `derived_from`. Names the
# knowledge base does not know are listed below, never given invented ids.
#
"""


def _dump(data: Any) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def render(draft: Draft, input_name: str) -> str:
    """The draft file's text."""
    review = _dump({"review": draft.review})
    commented = "".join(f"# {line}".rstrip() + "\n" for line in review.splitlines())
    body = "\n".join(_dump({section: records}) for section, records in draft.records().items())
    return _HEADER.format(input=input_name) + commented + "\n" + body


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path`, readable by its owner only (drafts may hold sensitive notes)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(0o600)


def write_draft(draft: Draft, path: Path, input_name: str) -> None:
    write_private(path, render(draft, input_name))


def read_review(text: str) -> dict[str, Any]:
    """The review notes of a written draft, parsed back from its comment block."""
    lines = text.splitlines()
    start = lines.index(_MARK)
    block = []
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        block.append(line[2:] if line.startswith("# ") else line[1:])
    loaded = yaml.safe_load("\n".join(block))
    return dict(loaded["review"]) if isinstance(loaded, dict) else {}
