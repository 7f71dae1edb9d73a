"""Statement text for FalkorDB: the `CYPHER name=value …` header its parser reads parameters
from, followed by the statement.

FalkorDB takes parameters as Cypher literals in front of the query text, and the client
library builds them with a recursive Python function: for a 5,000-incident batch that was
most of the loading process's time (the issue measured 15% of a load). A list of lists of
strings, numbers and nulls — an event batch's rows — has the same text as JSON, which the
standard library writes in C; only a few JSON spellings differ from Cypher, and a value
that would use one of them takes the library's path:

- maps: JSON quotes keys, Cypher needs bare or back-quoted names;
- control characters in strings: JSON escapes them (`\\n`), the library leaves them as they
  are, and which reading FalkorDB gives an escape is not something to depend on;
- NaN and infinities, and types JSON does not know (the library writes `str()` of them).

Booleans are the one spelling kept from JSON (`true` where the library writes `True`):
Cypher reads both as the same boolean.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from falkordb.helpers import stringify_param_value

_json_text = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode


def cypher_literal(value: Any) -> str:
    """`value` as FalkorDB reads it in a parameter header (rows of maps, node upserts, go
    straight to the library: their JSON text would only be thrown away)."""
    if isinstance(value, (list, tuple)) and not (value and isinstance(value[0], Mapping)):
        try:
            text = _json_text(value)
        except (TypeError, ValueError):  # a type JSON does not know, or NaN/infinity
            return str(stringify_param_value(value))
        if "{" in text or (
            "\\" in text and "\\" in text.replace("\\\\", "").replace('\\"', "")
        ):  # a map, or an escape other than \\ and \" (a control character)
            return str(stringify_param_value(value))
        return text
    return str(stringify_param_value(value))


def statement_text(cypher: str, params: Mapping[str, Any] | None) -> str:
    """The whole text sent for `cypher` with `params` (names come from our own statements;
    a name FalkorDB cannot take is refused here, as the client library refuses it)."""
    if not params:
        return cypher
    parts = ["CYPHER"]
    for name, value in params.items():
        if not name or "`" in name:
            raise ValueError(f"a Cypher parameter cannot be named {name!r}")
        parts.append(f"`{name}`={cypher_literal(value)}")
    parts.append(cypher)
    return " ".join(parts)
