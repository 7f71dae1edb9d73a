"""`sahelkg load-acled|load-ucdp-ged|load-ucdp-actors|crosswalk` as an analyst runs them."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
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
    # 13 names stay unresolved without the seed knowledge base, less the three the shipped
    # crosswalk decisions' own actors take: Civilians (Mali), Dan Na Ambassagou, and IS Sahel
    # ("Islamic State (Greater Sahara)")
    assert len(lines) == 1 + 10


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


GATIA_2019 = "GATIA: Imghad Tuareg Self-Defense Group and Allies"


def test_crosswalk_review_accept_undo_reject_round_trip(tmp_path: Path) -> None:
    store = f"embedded:{tmp_path / 'graph'}"
    decisions = tmp_path / "decisions.csv"
    common = ("--store", store, "--decisions", str(decisions))
    load = ("load-acled", *common, "--rejects-dir", str(tmp_path), str(ACLED / "acled_2019.csv"))
    assert invoke(*load)[0] == 0
    # review: only the abbreviation links the older GATIA spelling to actor:gatia
    code, out, err = invoke("crosswalk", *common, "--format", "json", "review")
    assert code == 0, err
    assert json.loads(out) == [{
        "name": GATIA_2019,
        "unresolved_actor": "actor:gatia-imghad-tuareg-self-defense-group-and-allies",
        "incidents": 1, "country": "MLI", "candidate": "actor:gatia", "score": 0.6,
        "evidence": "name: abbreviation only 'gatia' (+0.10); curated actor (+0.2); "
                    "country: MLI is the actor's (+0.3)",
    }]  # fmt: skip
    # accept: recorded with who, why and the source; the unresolved actor is merged
    code, out, err = invoke("crosswalk", *common, "accept", GATIA_2019, "actor:gatia",
                            "--reason", "ACLED's older spelling", "--source",
                            "source:acled-actor-names", "--by", "tester")  # fmt: skip
    assert code == 0, err
    assert out == (f"recorded in {decisions}: {GATIA_2019!r} is actor:gatia; "
                   "merged 1 actor(s) into it\n")  # fmt: skip
    assert decisions.stat().st_mode & 0o077 == 0  # private to its owner
    with decisions.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"name": GATIA_2019, "actor": "actor:gatia", "verdict": "accept",
                     "countries": "", "source": "source:acled-actor-names",
                     "reason": "ACLED's older spelling", "decided_by": "tester",
                     "decided": date.today().isoformat()}]  # fmt: skip
    assert _gatia_edges(store) == ["actor:gatia"]
    code, out, _ = invoke("crosswalk", *common, "--format", "json", "review")
    assert json.loads(out) == []
    assert invoke(*load)[0] == 0  # the next load follows the decision
    assert _gatia_edges(store) == ["actor:gatia"]
    # undo, reload: the name is unresolved again
    code, out, _ = invoke("crosswalk", *common, "undo", GATIA_2019)
    assert (code, out) == (0, f"removed: {GATIA_2019!r} accept actor:gatia\n")
    assert invoke(*load)[0] == 0
    assert _gatia_edges(store) == ["actor:gatia-imghad-tuareg-self-defense-group-and-allies"]
    # reject: actor:gatia is no longer a candidate for that name
    code, _, err = invoke("crosswalk", *common, "reject", GATIA_2019, "actor:gatia",
                          "--reason", "not the same group", "--by", "tester")  # fmt: skip
    assert code == 0, err
    code, out, _ = invoke("crosswalk", *common, "--format", "json", "review", "--all")
    assert [(r["name"], r["candidate"]) for r in json.loads(out) if r["name"] == GATIA_2019] == [
        (GATIA_2019, None)
    ]
    code, _, err = invoke("crosswalk", *common, "accept", GATIA_2019, "actor:nobody",
                          "--reason", "r")  # fmt: skip
    assert (code, err) == (1, "Error: no actor with id 'actor:nobody' in the store\n")


def _gatia_edges(store: str) -> list[str]:
    code, out, err = invoke(
        "cypher", "--store", store, "--format", "json",
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(:Incident {external_id: 'MLI5004'}) "
        "WHERE a.name STARTS WITH 'GATIA' RETURN a.id AS id",
    )  # fmt: skip
    assert code == 0, err
    return [row["id"] for row in json.loads(out)]
