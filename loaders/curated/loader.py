"""Validate curated files completely, then write them in one transaction — or not at all.

Checks, all reported together with file, line and field: YAML syntax, fields and value
ranges (via the models), duplicate ids, unknown ids (neither in the files nor already in
the store), relationship triples the schema forbids, and citations of undeclared sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import ActivityReport, Node, Region, Relationship, Source, citation_source
from graph.schema import RELATIONSHIP_TRIPLES, allowed, label_for_id
from graph.store.base import GraphStore
from loaders.admins import region_validity
from loaders.curated.reader import read_yaml
from loaders.curated.records import SHORTHAND_CREDIBILITY, SHORTHAND_STATUS, Parsed, parse_document
from loaders.problems import Problem, ValidationFailed
from queries.lookups import existing_ids
from queries.writes import upsert_nodes, upsert_relationships


@dataclass
class LoadSummary:
    """What a load wrote (or would write, for a dry run)."""

    files: list[str] = field(default_factory=list)
    nodes: Counter[str] = field(default_factory=Counter)
    relationships: Counter[str] = field(default_factory=Counter)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, directories as every *.yaml / *.yml below them, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"})
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    return files


def dated_region(node: Node) -> Node:
    """A Region the admin-1 table dates takes its period from the table, unless the file
    gives one (the table is where Mali's 2023 and Burkina Faso's 2025 regions are dated)."""
    if not isinstance(node, Region) or node.valid_from or node.valid_to:
        return node
    period = region_validity(node.id)
    return node.model_copy(update=period) if period else node


def _report_edges(nodes: Sequence[Node]) -> list[Relationship]:
    edges = []
    for node in nodes:
        if isinstance(node, ActivityReport):
            for target in (node.region_id, node.actor_id):
                if target:
                    edges.append(
                        Relationship(
                            type="ABOUT", from_id=node.id, to_id=target, status=SHORTHAND_STATUS,
                            credibility=SHORTHAND_CREDIBILITY, source_ids=node.source_ids,
                        )
                    )  # fmt: skip
    return edges


def parse_files(files: Sequence[Path]) -> Parsed:
    """Parse and model-validate every file (no store needed)."""
    parsed = Parsed()
    for path in files:
        document, problems = read_yaml(path)
        parsed.problems.extend(problems)
        if not problems:
            parse_document(document, str(path), parsed)
    report_edges = _report_edges(parsed.nodes)
    for edge in report_edges:
        file, line = parsed.node_lines[edge.from_id]
        parsed.relationships.append(edge)
        parsed.rel_lines.append((file, line, "region_id/actor_id", {}))
    return parsed


async def check_references(parsed: Parsed, store: GraphStore | None) -> None:
    """Add a problem for every unknown id, forbidden triple, bad citation or repeated edge."""
    declared = set(parsed.node_lines)
    wanted = {r.from_id for r in parsed.relationships} | {r.to_id for r in parsed.relationships}
    cited = {citation_source(c) for n in parsed.nodes for c in n.source_ids}
    cited |= {citation_source(c) for r in parsed.relationships for c in r.source_ids}
    missing = (wanted | cited) - declared
    known = declared | (await existing_ids(store, missing) if store and missing else set())

    sources = {n.id for n in parsed.nodes if isinstance(n, Source)} | (known - declared)
    for node in parsed.nodes:
        for citation in node.source_ids:
            source_id = citation_source(citation)
            if source_id not in sources:
                file, line = parsed.node_lines[node.id]
                parsed.problems.append(
                    Problem(
                        file, line, f"{node.id}.source_ids", f"cites unknown source {source_id}"
                    )
                )

    seen: dict[str, tuple[str, int]] = {}
    for rel, (file, line, where, lines) in zip(parsed.relationships, parsed.rel_lines, strict=True):
        for end, value in (("from", rel.from_id), ("to", rel.to_id)):
            if value not in known:
                parsed.problems.append(
                    Problem(file, lines.get(end, line), f"{where}.{end}", f"unknown id {value}")
                )
        line_of_type = lines.get("type", line)
        from_label, to_label = label_for_id(rel.from_id), label_for_id(rel.to_id)
        if rel.type not in RELATIONSHIP_TRIPLES:
            parsed.problems.append(
                Problem(
                    file, line_of_type, f"{where}.type", f"unknown relationship type {rel.type}"
                )
            )
        elif from_label and to_label and not allowed(rel.type, from_label, to_label):
            parsed.problems.append(
                Problem(file, line_of_type, f"{where}.type",
                        f"the schema does not allow ({from_label})-[:{rel.type}]->({to_label})")
            )  # fmt: skip
        for citation in rel.source_ids:
            if citation_source(citation) not in sources:
                parsed.problems.append(
                    Problem(file, lines.get("source_ids", line), f"{where}.source_ids",
                            f"cites unknown source {citation_source(citation)}")
                )  # fmt: skip
        if rel.id in seen:
            first = seen[rel.id]
            parsed.problems.append(
                Problem(file, line, where, f"the same relationship is declared at {first[0]}:{first[1]}")
            )  # fmt: skip
        seen.setdefault(rel.id, (file, line))


async def validate_paths(paths: Iterable[Path], store: GraphStore | None = None) -> Parsed:
    """Parse and check everything; raise ValidationFailed listing every problem."""
    parsed = parse_files(expand_paths(paths))
    await check_references(parsed, store)
    if parsed.problems:
        raise ValidationFailed(parsed.problems)
    return parsed


async def load_paths(
    store: GraphStore, paths: Iterable[Path], dry_run: bool = False
) -> LoadSummary:
    """Validate every file, then upsert all of it in one transaction."""
    files = expand_paths(paths)
    parsed = await validate_paths(files, store)
    summary = LoadSummary(files=[str(f) for f in files])
    summary.nodes.update(node.label for node in parsed.nodes)
    summary.relationships.update(rel.type for rel in parsed.relationships)
    if dry_run:
        return summary
    await store.ensure_schema()
    async with store.transaction() as tx:
        await upsert_nodes(tx, [dated_region(node) for node in parsed.nodes])
        await upsert_relationships(tx, parsed.relationships)
    return summary
