"""Offline Neo4j 5 Cypher dialect lint for tests.

Why: the project must show its Cypher is valid Neo4j 5 without running a Neo4j
server. ``tools/cypher_lint.mjs`` runs Neo4j's own parser and semantic analyser
(npm ``@neo4j-cypher/language-support``) under node; this module batches
statements into one node process and returns typed diagnostics.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
LINT_SCRIPT = REPO_ROOT / "tools" / "cypher_lint.mjs"
LINT_PACKAGE = REPO_ROOT / "node_modules" / "@neo4j-cypher" / "language-support"

# Generous: ~100 statements take ~5 s; a cold, busy CI box is slower.
_TIMEOUT_SECONDS = 600.0

# The linter cannot know runtime parameters, so with an empty schema it reports
# every ``$name`` as an error with exactly this text (mirrors the package's own
# ``isNotParamError`` filter).
_UNDEFINED_PARAMETER = re.compile(r"^Parameter \$\S+ is not defined\.$")

_NPM_CI_HINT = f"run `npm ci` in {REPO_ROOT} to install the Neo4j Cypher linter"


@dataclass(frozen=True)
class Diagnostic:
    """One linter finding; line and column are 1-based, as in Neo4j errors."""

    severity: str  # "error" | "warning" | "information" | "hint"
    message: str
    line: int
    column: int


def _node_executable() -> str:
    """Locate node and the installed package, failing loudly: a skipped lint proves nothing."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError(f"`node` is not on PATH; install Node.js >= 18.18 and {_NPM_CI_HINT}")
    if not LINT_PACKAGE.is_dir():
        raise RuntimeError(f"{LINT_PACKAGE} is missing; {_NPM_CI_HINT}")
    return node


def _parse_diagnostic(raw: Any) -> Diagnostic:
    """Convert one JSON diagnostic, rejecting anything malformed rather than guessing."""
    if not isinstance(raw, dict):
        raise RuntimeError(f"cypher_lint.mjs returned a non-object diagnostic: {raw!r}")
    severity, message = raw.get("severity"), raw.get("message")
    line, column = raw.get("line"), raw.get("column")
    if not (
        isinstance(severity, str)
        and isinstance(message, str)
        and isinstance(line, int)
        and isinstance(column, int)
    ):
        raise RuntimeError(f"cypher_lint.mjs returned a malformed diagnostic: {raw!r}")
    return Diagnostic(severity=severity, message=message, line=line, column=column)


def lint_cypher(statements: dict[str, str]) -> dict[str, list[Diagnostic]]:
    """Lint ``{id: cypher}`` as Neo4j 5 Cypher in one node process; return ``{id: diagnostics}``.

    Raises RuntimeError if node or ``node_modules`` is missing (run ``npm ci``) or the
    linter fails, so a broken toolchain can never pass as "no errors".
    """
    if not statements:
        return {}
    node = _node_executable()
    # Several keys often name the same text (entries sharing a read): lint each text once.
    texts = list(dict.fromkeys(statements.values()))
    request = [{"id": str(i), "cypher": cypher} for i, cypher in enumerate(texts)]
    try:
        proc = subprocess.run(
            [node, str(LINT_SCRIPT)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=REPO_ROOT,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"cypher_lint.mjs timed out after {_TIMEOUT_SECONDS:.0f} s") from exc
    if proc.returncode != 0:
        raise RuntimeError(f"cypher_lint.mjs exited with {proc.returncode}: {proc.stderr.strip()}")
    try:
        payload: Any = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"cypher_lint.mjs printed invalid JSON: {proc.stdout[:200]!r}") from exc
    if not isinstance(payload, list):
        raise RuntimeError("cypher_lint.mjs did not print a JSON array")

    by_text: dict[str, list[Diagnostic]] = {}
    for entry in payload:
        if not isinstance(entry, dict) or not isinstance(entry.get("diagnostics"), list):
            raise RuntimeError(f"cypher_lint.mjs returned a malformed entry: {entry!r}")
        by_text[str(entry.get("id"))] = [_parse_diagnostic(d) for d in entry["diagnostics"]]
    if by_text.keys() != {str(i) for i in range(len(texts))}:
        raise RuntimeError("cypher_lint.mjs returned a different set of statement ids")
    index = {cypher: str(i) for i, cypher in enumerate(texts)}
    return {sid: by_text[index[cypher]] for sid, cypher in statements.items()}


def is_undefined_parameter(diagnostic: Diagnostic) -> bool:
    """True for the linter's "Parameter $x is not defined." noise (parameters exist at run time)."""
    return _UNDEFINED_PARAMETER.match(diagnostic.message) is not None


def errors_only(
    diags: Iterable[Diagnostic], ignore_undefined_parameters: bool = True
) -> list[Diagnostic]:
    """Keep what Neo4j would reject: error severity, minus undefined-``$param`` reports by default.

    Warnings (deprecations, cartesian products, unknown labels) are advice, not rejection.
    """
    return [
        d
        for d in diags
        if d.severity == "error" and not (ignore_undefined_parameters and is_undefined_parameter(d))
    ]
