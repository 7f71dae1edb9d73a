"""Turn YAML records into models: the one place curated records become nodes and edges.

Each section maps to one node type. Shorthand fields (`part_of`, `members`, `regions`,
`actors`, …) are lifted out of the record and become relationships carrying the record's
own sources. Validation errors come back as Problems with the key's line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from graph.model import (
    ActivityReport,
    Actor,
    Alliance,
    Assessment,
    Country,
    Event,
    Incident,
    Location,
    Node,
    Operation,
    Region,
    Relationship,
    Source,
)
from loaders.curated.reader import LineMap
from loaders.problems import Problem

SECTIONS: dict[str, type[Node]] = {
    "sources": Source,
    "actors": Actor,
    "alliances": Alliance,
    "countries": Country,
    "regions": Region,
    "locations": Location,
    "incidents": Incident,
    "operations": Operation,
    "events": Event,
    "activity_reports": ActivityReport,
    "assessments": Assessment,
}

DATE_FIELDS = frozenset(
    {"date", "end_date", "founded", "dissolved", "formed", "published", "valid_from", "valid_to"}
)

# shorthand field -> (relationship type, direction): "out" means record -[type]-> value
_LIST_SHORTHANDS: dict[str, dict[str, tuple[str, str]]] = {
    "actors": {"part_of": ("PART_OF", "out")},
    "alliances": {"members": ("MEMBER_OF", "in")},
    "countries": {"borders": ("BORDERS", "out")},
    "regions": {"part_of": ("PART_OF", "out"), "borders": ("BORDERS", "out")},
    "locations": {"located_in": ("LOCATED_IN", "out")},
    "incidents": {"regions": ("OCCURRED_IN", "out")},
    "operations": {
        "regions": ("OCCURRED_IN", "out"),
        "conducted_by": ("CONDUCTED", "in"),
        "targeted": ("TARGETED_BY", "in"),
    },
    "events": {"regions": ("OCCURRED_IN", "out"), "affects": ("AFFECTS", "out")},
    "assessments": {"about": ("ABOUT", "out")},
}
_ROLE_SHORTHANDS: dict[str, str] = {"incidents": "actors", "events": "actors"}

SHORTHAND_STATUS = "reported"
SHORTHAND_CREDIBILITY = 2


@dataclass
class Parsed:
    """What one or more files yield, with where each id was declared."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    rel_lines: list[tuple[str, int, str, dict[str, int]]] = field(default_factory=list)
    node_lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _model_problems(
    exc: ValidationError, path: str, record: LineMap, prefix: str, renames: dict[str, str]
) -> Iterator[Problem]:
    for error in exc.errors():
        loc = error["loc"]
        key = renames.get(str(loc[0]), str(loc[0])) if loc else ""
        line = record.line_of(key) if key else record.line
        field_name = f"{prefix}.{_where((key, *loc[1:]))}" if key else prefix
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "is required"
        elif error["type"] == "extra_forbidden":
            message = "is not a field of this record (see data/FORMAT.md)"
        yield Problem(path, line, field_name, message)


def _as_text_dates(record: LineMap) -> dict[str, Any]:
    return {k: str(v) if k in DATE_FIELDS and isinstance(v, int) else v for k, v in record.items()}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _validate(
    factory: Callable[..., Any],
    data: dict[str, Any],
    path: str,
    record: LineMap,
    prefix: str,
    renames: dict[str, str],
    out: Parsed,
) -> Any | None:
    try:
        return factory(**data)
    except ValidationError as exc:
        out.problems.extend(_model_problems(exc, path, record, prefix, renames))
        return None


def parse_document(document: Any, path: str, out: Parsed) -> None:
    """Parse one YAML document's sections into `out`."""
    if document is None:
        return
    if not isinstance(document, LineMap):
        out.problems.append(Problem(path, 1, None, "the file must be a mapping of sections"))
        return
    for section, records in document.items():
        line = document.line_of(section)
        if section == "relationships":
            _parse_relationships(records, path, line, out)
        elif section in SECTIONS:
            _parse_nodes(section, records, path, line, out)
        else:
            known = ", ".join([*SECTIONS, "relationships"])
            out.problems.append(
                Problem(path, line, section, f"unknown section; use one of {known}")
            )


def _records(records: Any, path: str, line: int, section: str, out: Parsed) -> list[LineMap]:
    if records is None:
        return []
    if not isinstance(records, list) or not all(isinstance(r, LineMap) for r in records):
        out.problems.append(Problem(path, line, section, "must be a list of mappings"))
        return []
    return records


def _parse_nodes(section: str, records: Any, path: str, line: int, out: Parsed) -> None:
    node_type = SECTIONS[section]
    shorthands = _LIST_SHORTHANDS.get(section, {})
    role_field = _ROLE_SHORTHANDS.get(section)
    for index, record in enumerate(_records(records, path, line, section, out)):
        prefix = f"{section}[{index}]"
        data = _as_text_dates(record)
        lifted = {
            key: data.pop(key) for key in list(data) if key in shorthands or key == role_field
        }
        node = _validate(node_type, data, path, record, prefix, {}, out)
        if node is None:
            continue
        if node.id in out.node_lines:
            first_file, first_line = out.node_lines[node.id]
            out.problems.append(
                Problem(path, record.line_of("id"), f"{prefix}.id",
                        f"{node.id} is declared twice (first at {first_file}:{first_line})")
            )  # fmt: skip
            continue
        out.node_lines[node.id] = (path, record.line_of("id"))
        out.nodes.append(node)
        if node_type is not Source and not node.source_ids:
            out.problems.append(
                Problem(path, record.line_of("id"), f"{prefix}.source_ids", "every fact must cite a source")
            )  # fmt: skip
        for key, (rel_type, direction) in shorthands.items():
            for target in _as_list(lifted.get(key)):
                ends = (node.id, target) if direction == "out" else (target, node.id)
                _shorthand(rel_type, ends, None, node, path, record, f"{prefix}.{key}", key, out)
        if role_field and role_field in lifted:
            for position, entry in enumerate(_as_list(lifted[role_field])):
                where = f"{prefix}.{role_field}[{position}]"
                if not isinstance(entry, dict) or "actor" not in entry:
                    out.problems.append(
                        Problem(path, record.line_of(role_field), where, "must be {actor: id, role: …}")
                    )  # fmt: skip
                    continue
                ends = (str(entry["actor"]), node.id)
                role = str(entry.get("role") or "participant")
                _shorthand(
                    "PARTICIPATED_IN", ends, role, node, path, record, where, role_field, out
                )
    return None


def _shorthand(
    rel_type: str,
    ends: tuple[str, str],
    role: str | None,
    node: Node,
    path: str,
    record: LineMap,
    where: str,
    key: str,
    out: Parsed,
) -> None:
    data = {
        "type": rel_type,
        "from_id": ends[0],
        "to_id": ends[1],
        "role": role,
        "status": SHORTHAND_STATUS,
        "credibility": SHORTHAND_CREDIBILITY,
        "source_ids": node.source_ids,
    }
    rel = _validate(Relationship, data, path, record, where, {}, out)
    if rel is not None:
        out.relationships.append(rel)
        out.rel_lines.append((path, record.line_of(key), where, {}))


_REL_RENAMES = {"from_id": "from", "to_id": "to"}


def _parse_relationships(records: Any, path: str, line: int, out: Parsed) -> None:
    for index, record in enumerate(_records(records, path, line, "relationships", out)):
        prefix = f"relationships[{index}]"
        data = _as_text_dates(record)
        for yaml_key, model_key in (("from", "from_id"), ("to", "to_id")):
            if yaml_key in data:
                data[model_key] = data.pop(yaml_key)
        rel = _validate(Relationship, data, path, record, prefix, _REL_RENAMES, out)
        if rel is None:
            continue
        if not rel.source_ids:
            out.problems.append(
                Problem(path, record.line, f"{prefix}.source_ids", "every fact must cite a source")
            )
        out.relationships.append(rel)
        out.rel_lines.append((path, record.line, prefix, dict(record.key_lines)))
