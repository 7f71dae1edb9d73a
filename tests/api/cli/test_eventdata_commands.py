"""`sahelkg load-acled|load-ucdp-ged|load-ucdp-actors|crosswalk` as an analyst runs them."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from api.cli import cli

REPO = Path(__file__).resolve().parents[3]
ACLED = REPO / "tests" / "fixtures" / "acled"
UCDP = REPO / "tests" / "fixtures" / "ucdp"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), obj={})
    return result.exit_code, result.stdout, result.stderr


def test_load_acled_prints_a_summary_and_crosswalk_lists_unresolved(tmp_path: Path) -> None:
    store = f"embedded:{tmp_path / 'graph'}"
    code, out, err = invoke("load-acled", "--store", store, "--rejects-dir", str(tmp_path),
                            str(ACLED / "acled_2019.csv"), str(ACLED / "acled_rejects.csv"))  # fmt: skip
    assert code == 0, err
    assert re.search(r"rows read\s+13\n", out)
    assert re.search(r"rows rejected\s+5\n", out)
    assert "5 rows rejected" in err
    assert (tmp_path / "acled_rejects.rejects.csv").is_file()
    code, out, _ = invoke("crosswalk", "--store", store, "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "id,name,kind,incidents,spellings,ucdp_id"
    assert lines[1].startswith(
        "actor:military-forces-of-mali,Military Forces of Mali,state_force,5,"
    )
    assert len(lines) == 1 + 13


def test_strict_fails_with_file_line_and_field(tmp_path: Path) -> None:
    store = f"embedded:{tmp_path / 'graph'}"
    code, _, err = invoke("load-acled", "--strict", "--store", store, "--rejects-dir",
                          str(tmp_path), str(ACLED / "acled_rejects.csv"))  # fmt: skip
    assert code == 1
    assert "acled_rejects.csv:5: fatalities: 'many' is not a number" in err
    code, out, _ = invoke("stats", "--store", store, "--format", "csv")
    assert "total,nodes,0" in out


def test_dry_run_and_ucdp_commands(tmp_path: Path) -> None:
    store = f"embedded:{tmp_path / 'graph'}"
    code, out, _ = invoke("load-ucdp-ged", "--dry-run", "--store", store, "--rejects-dir",
                          str(tmp_path), str(UCDP / "ged_mali.csv"))  # fmt: skip
    assert code == 0 and "(dry run)" in out and "incidents would be upserted" in out
    code, out, _ = invoke("stats", "--store", store, "--format", "csv")
    assert "total,nodes,0" in out
    code, out, err = invoke("load-ucdp-ged", "--store", store, "--rejects-dir", str(tmp_path),
                            str(UCDP / "ged_mali.csv"))  # fmt: skip
    assert code == 0, err
    assert re.search(r"incidents upserted\s+3\n", out)
