"""Read YAML keeping line numbers, so every error can name the line it is about.

Dates stay strings (YAML 1.1 would turn `2023-06-16` into a `date` and `2023` into an
int); duplicate keys are errors rather than silently keeping the last one.
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


class _LineLoader(yaml.SafeLoader):
    pass


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


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse one file; on a syntax error return (None, [the problem with its line])."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), None, None, f"cannot read: {exc}")]
    try:
        return yaml.load(text, Loader=_LineLoader), []
    except DuplicateKey as exc:
        return None, [Problem(str(path), exc.line, None, str(exc))]
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        return None, [Problem(str(path), line, None, f"invalid YAML: {exc.problem}")]
