"""`sahelkg whatif` as a user runs it, on the seed knowledge base in a fresh embedded store."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from api.cli import cli

REPO = Path(__file__).resolve().parents[3]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), obj={})
    return result.exit_code, result.stdout


def test_whatif_jnim_cma_alignment(tmp_path: Path) -> None:
    url = f"embedded:{tmp_path / 'graph'}"
    code, _ = invoke("load", str(REPO / "data"), "--store", url)
    assert code == 0
    code, out = invoke(
        "whatif", "--add-alliance", "alliance:jnim-cma-alignment", "--actor", "actor:jnim",
        "--start", "2023-06", "--end", "2023-09", "--store", url, "--format", "json",
    )  # fmt: skip
    assert code == 0
    reach = [row for row in json.loads(out) if row["measure"] == "reach"]
    assert [(r["before"], r["after"], r["gained"]) for r in reach] == [
        (1.0, 2.0, ["region:mli-kidal"])
    ]
    result = CliRunner().invoke(
        cli, ["whatif", "--add-edge", "actor:jnim~actor:nobody", "--store", url], obj={}
    )
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        "error: not_found: no actor with id actor:nobody (in the scenario's edges)"
    )
