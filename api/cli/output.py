"""Render result rows as a table, JSON or CSV — the three forms analysts paste elsewhere."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

FORMATS = ("table", "json", "csv")


def render_results(
    results: Sequence[BaseModel], fmt: str, title: str | None = None, columns: str | None = None
) -> str:
    """Typed catalog results: JSON keeps their structure; table and CSV flatten them
    (queries.tabular). With `columns`, every format shows those flat columns."""
    from queries.tabular import table_rows

    if fmt == "json" and not columns:
        return json.dumps(
            [r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2
        )
    return render(select_columns(table_rows(results), columns), fmt, title=title)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def columns_of(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Column names in first-seen order across all rows."""
    return list(dict.fromkeys(key for row in rows for key in row))


def render(rows: Sequence[dict[str, Any]], fmt: str, title: str | None = None) -> str:
    """Rows as text in `fmt`; an empty result still prints its (empty) shape."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)
    columns = columns_of(rows)
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
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    for column in columns:
        table.add_column(column, overflow="fold")
    for line in cells:
        table.add_row(*line)
    # Wide enough that nothing wraps: tables are pasted into briefings and diffed.
    natural = sum(
        max([len(c), *(len(line[i]) for line in cells)]) + 3 for i, c in enumerate(columns)
    )
    console = Console(
        width=max(40, natural + 1), record=True, file=io.StringIO(), force_terminal=False
    )
    console.print(table)
    text = console.export_text().rstrip("\n")
    return text if rows else text + "\n(no rows)"


def select_columns(rows: Sequence[dict[str, Any]], columns: str | None) -> list[dict[str, Any]]:
    """Keep only `columns` ("a,b,c"), in that order; unknown names are an error."""
    if not columns:
        return list(rows)
    wanted = [c.strip() for c in columns.split(",") if c.strip()]
    available = columns_of(rows)
    unknown = [c for c in wanted if rows and c not in available]
    if unknown:
        raise ValueError(f"no column {', '.join(unknown)}; the result has {', '.join(available)}")
    return [{c: row.get(c) for c in wanted} for row in rows]
