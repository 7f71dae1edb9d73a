"""Typed results as flat rows — the one place results become table and CSV columns.

JSON and the API keep the structure; tables, CSV and DataFrames need flat columns. The
rules, applied recursively with the field name as prefix:
- a node reference `x` gives `x_id`, `x` (its name), `x_label`, `x_kind`;
- a claim named `evidence` (or `p_evidence`) gives `status`, `credibility`, `likelihood`,
  `valid_from`, `valid_to`, `source_ids` (prefixed `p_`), and `source_grades`;
- a field named `edge` is inlined without a prefix; other nested objects prefix their
  fields with the field's name; `sources` become `source_ids` and `source_grades`;
- lists of node references become lists of ids; lists of other objects stay lists of
  flat dicts (a JSON cell); enums become their values.
A result that is naturally many rows (a path: one per claim per hop) says so in `rows()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from pydantic import BaseModel

from queries.types import Claim, NodeRef, SourceRef

Flat = dict[str, Any]


def _scalar(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _sources(prefix: str, sources: list[SourceRef], out: Flat) -> None:
    out[f"{prefix}source_ids"] = [s.id for s in sources]
    out[f"{prefix}source_grades"] = [_scalar(s.reliability) for s in sources]


def _claim(prefix: str, claim: Claim, out: Flat) -> None:
    for name in ("status", "credibility", "likelihood", "valid_from", "valid_to"):
        out[f"{prefix}{name}"] = _scalar(getattr(claim, name))
    _sources(prefix, claim.sources, out)


def _node(name: str, node: NodeRef | None, out: Flat) -> None:
    out[f"{name}_id"] = node.id if node else None
    out[name] = node.name if node else None
    out[f"{name}_label"] = node.label if node else None
    out[f"{name}_kind"] = node.kind if node else None


def flatten(model: BaseModel, prefix: str = "") -> Flat:
    """One flat dict of `model` by the rules above."""
    out: Flat = {}
    fields = type(model).model_fields
    for name, info in fields.items():
        value = getattr(model, name)
        annotation = str(info.annotation)
        if annotation.startswith("list"):
            annotation = ""
        if isinstance(value, NodeRef) or (value is None and "NodeRef" in annotation):
            _node(prefix + name, value, out)
        elif isinstance(value, Claim) or (value is None and "Claim" in annotation):
            claim_prefix = prefix + name.removesuffix("evidence")
            if value is None:
                for column in ("status", "credibility", "likelihood", "valid_from", "valid_to"):
                    out[claim_prefix + column] = None
                out[claim_prefix + "source_ids"] = out[claim_prefix + "source_grades"] = None
            else:
                _claim(claim_prefix, value, out)
        elif name == "sources" and isinstance(value, list):
            _sources(prefix, value, out)
        elif isinstance(value, BaseModel):
            out.update(flatten(value, prefix if name == "edge" else f"{prefix}{name}_"))
        elif isinstance(value, list) and value and all(isinstance(v, NodeRef) for v in value):
            out[prefix + name] = [v.id for v in value]
        elif isinstance(value, list):
            out[prefix + name] = [flatten(v) if isinstance(v, BaseModel) else v for v in value]
        else:
            out[prefix + name] = _scalar(value)
    return out


def table_rows(results: Iterable[BaseModel]) -> list[Flat]:
    """Flat rows of a whole answer (a result may give several, see `Result.rows`)."""
    rows: list[Flat] = []
    for result in results:
        expand = getattr(result, "rows", None)
        rows.extend(expand() if callable(expand) else [flatten(result)])
    return rows


def result_columns(result_type: type[BaseModel]) -> list[str]:
    """The flat columns of one `result_type` — an empty answer's header, and the field list
    `sahelkg queries NAME` shows."""
    declared = getattr(result_type, "row_columns", None)
    if declared is not None:
        return list(declared)
    empty = result_type.model_construct(**dict.fromkeys(result_type.model_fields))
    return list(flatten(empty))
