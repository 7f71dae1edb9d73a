"""`sahelkg queries NAME`: what a catalog entry answers and how to ask it, from its models.

Everything shown comes from the entry itself (description, the parameters model's JSON
Schema, the result type's flat columns), so the explanation cannot drift from what the
entry accepts. Example values are the project's own seed data.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from queries.catalog import CatalogQuery

EXAMPLE_VALUES: dict[str, str] = {
    "actor_id": "actor:jnim",
    "actor_a": "actor:jnim",
    "actor_b": "actor:cma",
    "alliance_id": "alliance:alliance-of-sahel-states",
    "node_id": "actor:jnim",
    "from_id": "actor:katiba-macina",
    "to_id": "actor:al-qaeda",
    "country_ids": "country:sen",
    "start": "2023-06",
    "end": "2023-09",
    "before_end": "2023-06",
    "after_start": "2023-07",
    "metric": "security_incidents",
}
"""A value for each required parameter, so the example command runs on the seed data."""

AS_OF = (
    "as_of: a claim counts when it holds on that date: valid_from ≤ as_of ≤ valid_to, "
    "missing bounds open. A partial date means the whole period: as_of=2023 is any day "
    "of 2023, as_of=2023-09 any day of September 2023. Without as_of every claim counts."
)
WINDOW = (
    "start/end: a window of whole months at any precision (2023, 2023-06, 2023-06-18 all "
    "name their month or year); a missing bound is open; a window that ends before it "
    "starts is an error."
)
GRADES = (
    "min_status / max_credibility: claims weaker than min_status (possible < reported < "
    "assessed < confirmed) or graded worse than max_credibility (Admiralty 1 confirmed … "
    "6 cannot be judged; 1 is best) are left out."
)
NAMES = "Id parameters also take an unambiguous name or alias (actor_id=JNIM); see `sahelkg find`."


def _kind(spec: dict[str, Any], defs: dict[str, Any]) -> tuple[str, list[str]]:
    """A parameter's type and allowed values from its JSON Schema."""
    options = spec.get("anyOf", [spec])
    kinds: list[str] = []
    allowed: list[str] = []
    for option in options:
        if option.get("type") == "null":
            continue
        items = option.get("items", {})
        target = items if option.get("type") == "array" else option
        ref = target.get("$ref", "").rsplit("/", 1)[-1]
        enum = defs.get(ref, {}).get("enum") or target.get("enum")
        if enum:
            allowed = [str(v) for v in enum]
        name = option.get("format") or target.get("format") or target.get("type") or "choice"
        if "minimum" in target and "maximum" in target:
            name += f" {target['minimum']}-{target['maximum']}"
        kinds.append(f"list of {name}" if option.get("type") == "array" else name)
    return " or ".join(dict.fromkeys(kinds)) or "value", allowed


def parameter_rows(entry: CatalogQuery[Any, Any]) -> list[dict[str, Any]]:
    """One row per parameter: name, type, default or required, allowed values, meaning."""
    schema = entry.params.model_json_schema()
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    rows = []
    for name, spec in schema["properties"].items():
        kind, allowed = _kind(spec, defs)
        rows.append(
            {
                "parameter": name,
                "type": kind,
                "default": "(required)" if name in required else str(spec.get("default")),
                "allowed": ", ".join(allowed),
                "meaning": spec.get("description", ""),
            }
        )
    return rows


def example_command(entry: CatalogQuery[Any, Any]) -> str:
    """A command that runs the entry on the seed data (`make demo` loads it)."""
    required = entry.params.model_json_schema().get("required", [])
    params = " ".join(f"-p {name}={EXAMPLE_VALUES[name]}" for name in required)
    return f"sahelkg query {entry.name} {params}".rstrip()


def explain(entry: CatalogQuery[Any, Any], result_columns: list[str]) -> str:
    """The text `sahelkg queries NAME` prints."""
    from api.cli.output import render, terminal_width

    width = min(terminal_width() or 100, 100)

    def wrap(text: str, indent: str = "") -> str:
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent or "  ")

    fields = set(entry.params.model_fields)
    notes = [
        text
        for present, text in (
            ("as_of" in fields, AS_OF),
            ("start" in fields or "end" in fields, WINDOW),
            ("max_credibility" in fields, GRADES),
            (bool(entry.ids), NAMES),
        )
        if present
    ]
    parts = [
        wrap(f"{entry.name}: {entry.description}"),
        "",
        render(parameter_rows(entry), "table", title="Parameters")
        if fields
        else "Parameters: none",
        *(["", *(wrap(note) for note in notes)] if notes else []),
        "",
        "Example:",
        f"  {example_command(entry)}",
        "",
        "Result fields (table and CSV columns; --format json keeps the nesting):",
        wrap(", ".join(result_columns), "  "),
    ]
    return "\n".join(parts)
