"""`sahelkg load|stats|query|queries|schema` as a user runs them (real embedded store)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import cli
from graph.embedded import EmbeddedServer
from graph.store import open_store

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures" / "curated"


@pytest.fixture
def fresh_url(tmp_path: Path) -> str:
    return f"embedded:{tmp_path / 'graph'}"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), obj={})
    return result.exit_code, result.stdout, result.stderr


def test_help_explains_every_command() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    for command in ("load", "stats", "query", "queries", "schema", "find", "cypher"):
        assert f"  {command} " in out
    assert "130 interrupted (Ctrl-C)" in out
    code, out, _ = invoke("load", "--help")
    assert code == 0 and "nothing is written" in out and "--dry-run" in out
    code, out, _ = invoke("cypher", "--help")
    assert code == 0 and "--param" in out and "read-only" in out


def test_load_then_stats_as_json(fresh_url: str) -> None:
    code, out, _ = invoke("load", str(FIXTURES / "valid.yaml"), "--store", fresh_url)
    assert code == 0
    assert out.splitlines()[0] == "loaded 8 nodes and 7 relationships from 1 files"
    code, out, _ = invoke("stats", "--format", "json", "--store", fresh_url)
    rows = {(r["kind"], r["name"]): r["count"] for r in json.loads(out)}
    assert rows[("node", "Actor")] == 2
    assert rows[("relationship", "BORDERS")] == 2
    assert rows[("total", "nodes")] == 8
    assert rows[("total", "relationships")] == 7


def test_planted_errors_exit_1_with_every_problem_and_no_traceback(fresh_url: str) -> None:
    code, _, err = invoke(
        "load",
        str(FIXTURES / "valid.yaml"),
        str(FIXTURES / "three_errors.yaml"),
        "--store",
        fresh_url,
    )
    assert code == 1
    assert "3 problems found; nothing was written" in err
    assert "three_errors.yaml:9: relationships[0].from: unknown id actor:no-such-actor" in err
    assert "Traceback" not in err
    code, out, _ = invoke("stats", "--format", "csv", "--store", fresh_url)
    assert "total,nodes,0" in out


def test_query_cypher_with_params_in_csv(fresh_url: str) -> None:
    invoke("load", str(FIXTURES / "valid.yaml"), "--store", fresh_url)
    code, out, _ = invoke(
        "cypher", "MATCH (a:Actor {id: $id})-[:PART_OF]->(p) RETURN a.name AS actor, p.name AS parent",
        "-p", "id=actor:katiba-macina", "--format", "csv", "--store", fresh_url,
    )  # fmt: skip
    assert code == 0
    assert out.strip().splitlines() == ["actor,parent", "Katiba Macina,JNIM"]


def test_query_refuses_writes(fresh_url: str) -> None:
    invoke("schema", "--ensure", "--store", fresh_url)  # a store to refuse the write on
    code, _, err = invoke("cypher", "MATCH (a:Actor) DETACH DELETE a", "--store", fresh_url)
    assert code == 1
    assert "read-only and this statement writes (DETACH)" in err


def test_catalog_query_by_name(fresh_url: str) -> None:
    invoke("load", str(FIXTURES / "valid.yaml"), "--store", fresh_url)
    code, out, _ = invoke(
        "query", "alliance_members", "-p", "alliance_id=alliance:test-coalition",
        "--format", "json", "--store", fresh_url,
    )  # fmt: skip
    assert code == 0
    [member] = json.loads(out)
    assert member["member"]["id"] == "actor:jnim"
    assert member["evidence"]["status"] == "reported"
    code, _, err = invoke("query", "alliance_members", "-p", "bogus=1", "--store", fresh_url)
    assert code == 2
    assert err.splitlines()[0] == (
        "error: invalid_parameter: alliance_members: unknown parameter bogus; it takes "
        "min_status, max_credibility, as_of, start, end, alliance_id"
    )


def test_unknown_ids_and_bad_parameters_exit_with_their_code(fresh_url: str) -> None:
    invoke("load", str(FIXTURES / "valid.yaml"), "--store", fresh_url)
    code, out, err = invoke(
        "query", "actor_profile", "-p", "actor_id=actor:nobody", "--store", fresh_url
    )
    assert (code, out) == (3, "")
    assert err.splitlines() == [
        "error: not_found: no actor with id actor:nobody",
        "(run with --debug for the traceback)",
    ]
    code, _, err = invoke(
        "query", "ego_network", "-p", "actor_id=actor:jnim", "-p", "depth=5", "--store", fresh_url
    )
    assert code == 2
    assert err.splitlines()[0] == (
        "error: invalid_parameter: ego_network: parameter depth: "
        "Input should be less than or equal to 4"
    )
    code, _, err = invoke(
        "query", "actor_relations", "-p", "actor_id=alliance:test-coalition", "--store", fresh_url
    )
    assert code == 2
    assert err.splitlines()[0] == (
        "error: invalid_parameter: actor_relations: parameter actor_id: "
        "'alliance:test-coalition' is not an id of the form actor:…"
    )


def test_queries_json_gives_each_entry_its_parameter_and_result_schema() -> None:
    code, out, _ = invoke("queries", "--format", "json")
    assert code == 0
    entries = {e["name"]: e for e in json.loads(out)}
    assert len(entries) == 33  # region_changes included
    ego = entries["ego_network"]
    assert ego["params"]["required"] == ["actor_id"]
    assert ego["params"]["properties"]["depth"] == {
        "default": 2, "description": "Hops (1-4).", "maximum": 4, "minimum": 1,
        "title": "Depth", "type": "integer",
    }  # fmt: skip
    assert ego["params"]["properties"]["min_status"]["default"] == "possible"
    assert ego["params"]["$defs"]["ClaimStatus"]["enum"] == [
        "confirmed", "reported", "assessed", "possible"
    ]  # fmt: skip
    assert set(ego["result"]["properties"]) == {
        "type", "source", "target", "evidence", "confidence", "source_depth", "target_depth"
    }  # fmt: skip
    claim = ego["result"]["$defs"]["Claim"]["properties"]
    assert claim["credibility"]["maximum"] == 6 and claim["credibility"]["minimum"] == 1
    assert ego["result"]["$defs"]["SourceRef"]["properties"]["reliability"]["anyOf"][0] == {
        "$ref": "#/$defs/Reliability"
    }
    assert all(e["params"]["type"] == e["result"]["type"] == "object" for e in entries.values())


def test_schema_ensure_is_idempotent(fresh_url: str) -> None:
    code, out, _ = invoke("schema", "--ensure", "--store", fresh_url)
    assert code == 0 and "engine: falkordb" in out and "CONSTRAINT UNIQUE :Actor(id)" in out
    code, out, _ = invoke("schema", "--ensure", "--store", fresh_url)
    assert out.strip().endswith("created 0 (ensuring again creates nothing)")


def test_schema_ensure_gives_an_older_store_its_region_lineage(fresh_url: str) -> None:
    """A store written before Regions carried `carved_from` and their dates (here: removed)
    gets them back from data/gazetteer/admin1.csv; the crosswalk reads as before."""
    code, _, _ = invoke("load", str(REPO / "data" / "reference"), "--store", fresh_url)
    assert code == 0
    crosswalk = ("query", "region_changes", "--format", "csv", "--store", fresh_url)
    expected = [
        "country,old_id,old,old_label,old_kind,new_id,new,new_label,new_kind,new_from,old_until",
        "MLI,region:mli-gao,Gao,Region,,region:mli-menaka,Menaka,Region,,2016,",
        "MLI,region:mli-timbuktu,Timbuktu,Region,,region:mli-taoudenni,Taoudenni,Region,,2016,",
    ]
    assert invoke(*crosswalk)[1].splitlines() == expected

    async def forget() -> None:
        async with await open_store(fresh_url) as store:
            await store.write("MATCH (r:Region) REMOVE r.valid_from, r.valid_to, r.carved_from")

    asyncio.run(forget())
    assert invoke(*crosswalk)[1].splitlines() == expected[:1]

    code, out, _ = invoke("schema", "--ensure", "--store", fresh_url)
    assert code == 0
    assert out.splitlines()[-2:] == [
        "gave 2 regions their dates and lineage from data/gazetteer/admin1.csv",
        "created 0 (ensuring again creates nothing)",
    ]
    assert invoke(*crosswalk)[1].splitlines() == expected
    code, out, _ = invoke("schema", "--ensure", "--store", fresh_url)
    assert "lineage" not in out  # nothing missing any more


def test_debug_shows_the_traceback(fresh_url: str) -> None:
    invoke("schema", "--ensure", "--store", fresh_url)
    result = CliRunner().invoke(cli, ["--debug", "cypher", "CREATE (n)", "--store", fresh_url])
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "ReadOnlyViolation"


def test_bad_store_url_is_a_clear_error() -> None:
    code, _, err = invoke("stats", "--store", "mysql://x")
    assert code == 1
    assert "unknown store URL 'mysql://x'" in err


def test_kill_9_after_a_load_then_any_command_finds_all_data(tmp_path: Path) -> None:
    """A server killed with SIGKILL is replaced by the next command; the data is all there."""
    data_dir = tmp_path / "graph"
    keeper = EmbeddedServer(data_dir)  # plays the API process that keeps the server up
    keeper.acquire()
    env = {**os.environ, "SAHELKG_STORE": f"embedded:{data_dir}"}
    sahelkg = [sys.executable, "-m", "api.cli"]
    load = subprocess.run([*sahelkg, "load", str(FIXTURES / "valid.yaml")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert load.returncode == 0, load.stderr
    pid = json.loads((data_dir / "server.json").read_text())["pid"]
    os.kill(pid, signal.SIGKILL)
    stats = subprocess.run([*sahelkg, "stats", "--format", "json"], cwd=REPO, env=env,
                           capture_output=True, text=True, timeout=120)  # fmt: skip
    keeper.release()
    assert stats.returncode == 0, stats.stderr
    rows = {(r["kind"], r["name"]): r["count"] for r in json.loads(stats.stdout)}
    assert rows[("total", "nodes")] == 8
    assert rows[("total", "relationships")] == 7


def test_columns_select_and_order_the_output(fresh_url: str) -> None:
    invoke("load", str(FIXTURES / "valid.yaml"), "--store", fresh_url)
    code, out, _ = invoke(
        "query", "alliance_members", "-p", "alliance_id=alliance:test-coalition",
        "-c", "member,alliance", "--format", "csv", "--store", fresh_url,
    )  # fmt: skip
    assert code == 0
    assert out.strip().splitlines() == ["member,alliance", "JNIM,Test coalition"]
    code, _, err = invoke(
        "query", "alliance_members", "-p", "alliance_id=alliance:test-coalition",
        "-c", "nope", "--store", fresh_url,
    )  # fmt: skip
    assert code == 2 and "no column nope; the result has alliance_id" in err


def test_an_unreachable_store_is_store_unavailable() -> None:
    code, _, err = invoke("stats", "--store", "falkordb://127.0.0.1:1")
    assert code == 5
    assert err.splitlines()[0] == (
        "error: store_unavailable: FalkorDB does not answer: "
        "Error 111 connecting to 127.0.0.1:1. Connection refused."
    )
