"""Render result rows as a table, JSON or CSV — the three forms analysts paste elsewhere."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pydantic import BaseModel

FORMATS = ("table", "json", "csv")


def render_results(
    results: Sequence[BaseModel],
    fmt: str,
    title: str | None = None,
    columns: str | None = None,
    *,
    result_type: type[BaseModel] | None = None,
    wide: bool = False,
) -> str:
    """Typed catalog results: JSON keeps their structure; table and CSV flatten them
    (queries.tabular). With `columns`, every format shows those flat columns. An empty
    answer still has its columns (`result_type`). Tables show the default columns that fit
    the terminal unless `wide` (see `fit_columns`)."""
    from queries.tabular import result_columns, table_rows

    if fmt == "json" and not columns:
        return json.dumps(
            [r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2
        )
    rows = table_rows(results)
    header = result_columns(result_type) if result_type is not None and not rows else None
    rows = select_columns(rows, columns, header)
    if fmt != "table" or columns or wide:
        return render(rows, fmt, title=title, header=header if not columns else None, wide=wide)
    return render_fitted(rows, title, header)


def render_fitted(
    rows: Sequence[dict[str, Any]], title: str | None, header: list[str] | None = None
) -> str:
    """A table of the default columns that fit the terminal, naming what was left out."""
    available = header if header is not None else columns_of(rows)
    shown = fit_columns(rows, default_columns(available), terminal_width())
    text = render([{c: row.get(c) for c in shown} for row in rows], "table", title=title,
                  header=shown)  # fmt: skip
    hidden = [c for c in available if c not in shown]
    if hidden:
        text += f"\n({len(hidden)} more columns: --wide shows all, --columns picks)"
    return text


def default_columns(columns: Sequence[str]) -> list[str]:
    """What a reader needs first: ids and names; node labels, node kinds and source grades
    only on request (--wide, --columns)."""
    present = set(columns)
    dropped = {f"{c}_label" for c in present} | {f"{c}_kind" for c in present}
    dropped |= {c for c in present if c.endswith("source_grades")}
    return [c for c in columns if c not in dropped]


def terminal_width() -> int | None:
    """The terminal's width (or $COLUMNS); None when the output is not a terminal."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


MAX_CELL = 40
"""Widest a cell is drawn when fitting (longer text folds onto more lines)."""


def fit_columns(rows: Sequence[dict[str, Any]], columns: list[str], width: int | None) -> list[str]:
    """The leading `columns` whose cells (capped at MAX_CELL) fit in `width` (all of them
    when there is no terminal: pasted and diffed tables never wrap)."""
    if width is None:
        return columns
    shown: list[str] = []
    used = 1
    for column in columns:
        cells = [len(_cell(row.get(column))) for row in rows]
        need = min(MAX_CELL, max([len(column), *cells])) + 3
        if shown and used + need > width:
            break
        shown.append(column)
        used += need
    return shown


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


SUMMARY_ITEMS = 3


def summary(value: Any) -> str:
    """A table cell: nested lists summarised (`3: JNIM, CMA, MSA, …`), scalars as text."""
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        names = [_item_name(v) for v in value]
        more = ", …" if len(names) > SUMMARY_ITEMS else ""
        return f"{len(names)}: " + ", ".join(names[:SUMMARY_ITEMS]) + more if names else ""
    return _cell(value)


def _item_name(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("name", "other", "member", "actor", "region", "id", "other_id"):
            if item.get(key):
                return str(item[key])
        return next((str(v) for v in item.values() if isinstance(v, str)), "…")
    return _cell(item)


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Column names in first-seen order across all rows."""
    return list(dict.fromkeys(key for row in rows for key in row))


def render(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    title: str | None = None,
    *,
    header: Sequence[str] | None = None,
    wide: bool = False,
) -> str:
    """Rows as text in `fmt`; an empty result still prints its shape (`header`). Tables
    summarise nested lists; JSON and CSV keep everything. A table is as wide as its
    content, or the terminal's width when that is known and `wide` is not asked for."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)
    columns = list(header) if header is not None and not rows else columns_of(rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    cells = [[summary(row.get(c)) for c in columns] for row in rows]
    for column in columns:
        table.add_column(column, overflow="fold")
    for line in cells:
        table.add_row(*line)
    natural = sum(
        max([len(c), *(len(line[i]) for line in cells)]) + 3 for i, c in enumerate(columns)
    )
    width = None if wide else terminal_width()
    console = Console(
        width=max(40, min(natural + 1, width or natural + 1)),
        record=True,
        file=io.StringIO(),
        force_terminal=False,
    )
    console.print(table)
    text = "\n".join(line.rstrip() for line in console.export_text().rstrip("\n").splitlines())
    return text if rows else text + "\n(no rows)"


def select_columns(
    rows: Sequence[dict[str, Any]], columns: str | None, header: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Keep only `columns` ("a,b,c"), in that order; unknown names are an error (checked
    against `header` when there are no rows)."""
    if not columns:
        return list(rows)
    wanted = [c.strip() for c in columns.split(",") if c.strip()]
    available = columns_of(rows) if rows else list(header or [])
    unknown = [c for c in wanted if available and c not in available]
    if unknown:
        raise click.UsageError(
            f"no column {', '.join(unknown)}; the result has {', '.join(available)}"
        )
    return [{c: row.get(c) for c in wanted} for row in rows]
