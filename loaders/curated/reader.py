"""Read YAML keeping line numbers, so every error can name the line it is about.

Dates stay strings (YAML 1.1 would turn `2023-06-16` into a `date` and `2023` into an
int); duplicate keys are errors rather than silently keeping the last one.

Hostile files are refused before anything is built from them: a file larger than
`MAX_YAML_BYTES`, nesting deeper than `MAX_DEPTH`, aliases that expand to more than
`MAX_EXPANDED_NODES` values (the "billion laughs"), and integers the stores cannot hold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from loaders.problems import Problem


class LineMap(dict[str, Any]):
    """A mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(f"key {key!r} appears twice in one mapping")
        self.line = line


MAX_YAML_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 2_000_000
INT64_MAX = 2**63 - 1


class YamlLimit(yaml.YAMLError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def _check_limits(root: yaml.Node) -> None:
    """Count the values the document expands to (aliases counted every time) and its depth.

    Memoised by node, so the check itself stays linear in the file however the aliases nest.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if depth > MAX_DEPTH:
            raise YamlLimit(f"nesting deeper than {MAX_DEPTH} levels", node.start_mark.line + 1)
        if id(node) in sizes:
            continue
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if children_done or not children:
            total = 1 + sum(sizes[id(child)] for child in children)
            if total > MAX_EXPANDED_NODES:
                raise YamlLimit(
                    f"aliases expand to more than {MAX_EXPANDED_NODES:,} values "
                    "(an alias bomb?); write the data out instead",
                    node.start_mark.line + 1,
                )
            sizes[id(node)] = total
            continue
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)


class _LineLoader(yaml.SafeLoader):
    def construct_document(self, node: yaml.Node) -> Any:
        _check_limits(node)
        return super().construct_document(node)


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    value = yaml.SafeLoader.construct_yaml_int(loader, node)
    if not -INT64_MAX - 1 <= value <= INT64_MAX:
        raise YamlLimit(
            f"integer {node.value[:40]} is out of range (the stores hold -2^63 to 2^63-1)",
            node.start_mark.line + 1,
        )
    return int(value)


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise DuplicateKey(str(key), key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse one file; on a syntax error return (None, [the problem with its line])."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            limit = MAX_YAML_BYTES // (1024 * 1024)
            message = f"the file is {size / 1e6:.0f} MB; curated files are limited to {limit} MB"
            return None, [Problem(str(path), None, None, message)]
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), None, None, f"cannot read: {exc}")]
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except (DuplicateKey, YamlLimit) as exc:
        return None, [Problem(str(path), exc.line, None, str(exc))]
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        return None, [Problem(str(path), line, None, f"invalid YAML: {exc.problem}")]
