"""The CLI under real use: where the data is, hostile input, busy stores, signals, pipes.

Each hostile input gets its exact error, and a check that nothing was half-written.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.bigload import (
    BigInputs,
    cli_env,
    ged_load,
    incident_count,
    interrupt_mid_load,
    sahelkg,
    start_sahelkg,
    wait_until,
)

REPO = Path(__file__).resolve().parents[3]
ACLED = REPO / "tests" / "fixtures" / "acled"
CURATED = REPO / "tests" / "fixtures" / "curated"


def _error(stderr: str) -> str:
    """The one error line the CLI printed (notes and the --debug hint aside)."""
    return next(line for line in stderr.splitlines() if line.lower().startswith("error:"))


def _total(env: dict[str, str], label: str) -> int:
    stats = sahelkg(["stats", "--format", "json"], env)
    assert stats.returncode == 0, stats.stderr
    return int({r["name"]: r["count"] for r in json.loads(stats.stdout)}.get(label, 0))


def _acled_copy(tmp_path: Path, name: str, edit: dict[int, dict[str, str]]) -> Path:
    """acled_2023.csv with some rows' fields replaced (row numbers count data rows from 1)."""
    with (ACLED / "acled_2023.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, fields in edit.items():
        rows[number - 1].update(fields)
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_read_on_a_missing_store_names_the_path_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "graph"
    ran = sahelkg(["stats"], cli_env(missing))
    assert ran.returncode == 1
    assert ran.stderr.splitlines()[0] == (
        f"error: no store at {missing}: nothing has been loaded there (check --store or "
        "SAHELKG_STORE; a load command creates a store)"
    )
    assert not (tmp_path / "nowhere").exists()


def test_a_write_creates_a_store_and_says_so(tmp_path: Path) -> None:
    data_dir = tmp_path / "graph"
    ran = sahelkg(["load", str(CURATED / "valid.yaml")], cli_env(data_dir))
    assert ran.returncode == 0, ran.stderr
    assert f"note: new store created at {data_dir}" in ran.stderr
    assert stat_mode(data_dir) == 0o700


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("embedded://var/graph", "error: store URL 'embedded://var/graph' is ambiguous: write "
         "embedded:PATH with the directory as it is, e.g. embedded:var/graph (relative) or "
         "embedded:/var/graph (absolute)"),
        ("falkordb://localhost:notaport", "error: store URL 'falkordb://localhost:notaport' is "
         "malformed (Port could not be cast to integer value as 'notaport'); use embedded:PATH, "
         "neo4j://HOST:PORT[/DB], bolt://HOST:PORT[/DB] or falkordb://HOST:PORT"),
        ("falkordb://localhost:6379/graph", "error: store URL 'falkordb://localhost:6379/graph': "
         "falkordb:// takes HOST:PORT only, no path"),
    ],
)  # fmt: skip
def test_store_urls_are_parsed_strictly(url: str, message: str) -> None:
    ran = sahelkg(["stats", "--store", url], dict(os.environ))
    assert ran.returncode == 1
    assert ran.stderr.splitlines()[0] == message
    assert not Path("/var/graph").exists()


def test_a_file_of_the_wrong_kind_fails_on_stderr(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "graph")
    readme = REPO / "README.md"
    ran = sahelkg(["load-acled", str(readme), "--rejects-dir", str(tmp_path)], env)
    assert ran.returncode == 1
    error = ran.stderr.splitlines()[-1]
    assert error.startswith(f"Error: {readme}: unknown layout: not an ACLED export: the header "
                            "lacks event_id_cnty, event_date")  # fmt: skip
    assert _total(env, "Incident") == 0


def test_a_run_whose_every_row_is_rejected_fails(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "graph")
    bad = _acled_copy(tmp_path, "all_bad.csv", {n: {"event_date": "someday"} for n in (1, 2, 3, 4)})
    ran = sahelkg(["load-acled", str(bad), "--rejects-dir", str(tmp_path / "rejects")], env)
    assert ran.returncode == 1
    rejects = tmp_path / "rejects" / "all_bad.rejects.csv"
    assert ran.stderr.splitlines()[-1] == (
        f"Error: every one of the 4 rows was rejected (see {rejects})"
    )
    assert _total(env, "Incident") == 0


def test_nul_control_characters_and_huge_integers_are_rejected_by_line_and_field(
    tmp_path: Path,
) -> None:
    env = cli_env(tmp_path / "graph")
    hostile = _acled_copy(tmp_path, "hostile.csv", {
        1: {"notes": "JNIM attacked\x00 a post"},
        2: {"location": "Nioro\x07"},
        3: {"fatalities": "99999999999999999999"},
    })  # fmt: skip
    ran = sahelkg(["load-acled", str(hostile), "--rejects-dir", str(tmp_path / "rejects")], env)
    assert ran.returncode == 0, ran.stderr
    with (tmp_path / "rejects" / "hostile.rejects.csv").open(encoding="utf-8") as handle:
        rejects = [(r["line"], r["field"], r["reason"]) for r in csv.DictReader(handle)]
    assert rejects == [
        ("2", "notes", "contains a NUL byte at character 14"),
        ("3", "location", "contains control character U+0007 at character 6"),
        ("4", "fatalities", "'99999999999999999999' is out of range (at most 9223372036854775807)"),
    ]
    assert _total(env, "Incident") == 1  # the one clean row; none of the three


def test_rejects_files_are_unique_private_and_never_followed_through_links(
    tmp_path: Path,
) -> None:
    env = cli_env(tmp_path / "graph")
    for folder in ("mali", "niger"):
        (tmp_path / folder).mkdir()
        _acled_copy(tmp_path / folder, "2023.csv", {1: {"event_date": "someday"}})
    rejects = tmp_path / "rejects"
    ran = sahelkg(["load-acled", str(tmp_path / "mali" / "2023.csv"),
                   str(tmp_path / "niger" / "2023.csv"), "--rejects-dir", str(rejects)], env)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert sorted(p.name for p in rejects.iterdir()) == [
        "2023.rejects.csv",
        "niger-2023.rejects.csv",
    ]
    assert stat_mode(rejects) == 0o700
    assert stat_mode(rejects / "2023.rejects.csv") == 0o600

    # a planted link where the rejects file would go: refused before anything is written
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "2023.rejects.csv").symlink_to(target)
    fresh = cli_env(tmp_path / "graph2")
    ran = sahelkg(["load-acled", str(tmp_path / "mali" / "2023.csv"), "--rejects-dir", str(linked)],
                  fresh)  # fmt: skip
    assert ran.returncode == 1
    assert _error(ran.stderr) == (
        f"error: cannot write the rejects file {linked / '2023.rejects.csv'}: it is a symbolic "
        "link; nothing was loaded (choose another folder with --rejects-dir)"
    )
    assert target.read_text() == "keep me"
    assert _total(fresh, "Incident") == 0

    # a folder that cannot be made (its parent is a file): same, before any write
    blocked = target / "rejects"
    ran = sahelkg(["load-acled", str(tmp_path / "mali" / "2023.csv"), "--rejects-dir",
                   str(blocked)], fresh)  # fmt: skip
    assert ran.returncode == 1
    assert _error(ran.stderr) == (
        f"error: cannot write the rejects file {blocked / '2023.rejects.csv'}: Not a directory; "
        "nothing was loaded (choose another folder with --rejects-dir)"
    )
    assert _total(fresh, "Incident") == 0


def test_an_alias_bomb_and_huge_yaml_integers_are_refused_quickly(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "graph")
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    big = tmp_path / "big.yaml"
    big.write_text((CURATED / "valid.yaml").read_text() + "\nextra_number: 99999999999999999999\n")
    ran = sahelkg(["load", str(bomb), str(big)], env, timeout=60)
    assert ran.returncode == 1
    assert f"{bomb}:7: aliases expand to more than 2,000,000 values (an alias bomb?); write the " \
           "data out instead" in ran.stderr  # fmt: skip
    assert f"{big}:" in ran.stderr and "integer 99999999999999999999 is out of range" in ran.stderr
    assert len(ran.stderr) < 2000
    assert _total(env, "Actor") == 0


def test_a_second_writer_is_told_who_holds_the_store_and_reads_still_answer(
    big_inputs: BigInputs, tmp_path: Path
) -> None:
    data_dir = tmp_path / "graph"
    env = cli_env(data_dir, SAHELKG_LOCK_WAIT="0")
    load = ged_load(big_inputs, tmp_path)
    first = start_sahelkg(load, env)
    wait_until(lambda: incident_count(data_dir) >= 2000, 300, "the first batch")
    second = sahelkg(["load-acled", str(ACLED / "acled_2023.csv")], env)
    assert second.returncode == 1
    assert _error(second.stderr) == (
        f"error: store {data_dir} is being loaded by pid {first.pid} (load-ucdp-ged "
        f"{big_inputs.ged}); try again when it finishes, or query read-only"
    )
    reading = sahelkg(["stats", "--format", "json"], env)  # a query while the load runs
    assert reading.returncode == 0, reading.stderr
    seen = {r["name"]: r["count"] for r in json.loads(reading.stdout)}["Incident"]
    assert 2000 <= seen <= 20_000
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert "incidents upserted               20,000" in out


def test_ctrl_c_during_a_load_says_what_was_written_and_exits_130(
    big_inputs: BigInputs, tmp_path: Path
) -> None:
    data_dir = tmp_path / "graph"
    env = cli_env(data_dir)
    load = ged_load(big_inputs, tmp_path)
    run = start_sahelkg(load, env)
    # the second batch's incidents are in: the first batch is acknowledged whole
    wait_until(lambda: incident_count(data_dir) >= 4000, 300, "the second batch")
    interrupt_mid_load(run, signal.SIGINT)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 130
    note = next(line for line in err.splitlines() if line.startswith("UCDP GED load interrupted"))
    written = int(note.split(": ")[1].split(" incidents")[0].replace(",", ""))
    assert note.endswith("Run the same command again to finish; rows already loaded are updated "
                         "in place, not duplicated.")  # fmt: skip
    assert err.rstrip().endswith("interrupted (SIGINT)")
    assert "Traceback" not in err
    assert not (data_dir / "server.json").exists(), "the server stopped with the last user"
    assert _total(env, "Incident") >= written >= 2000


@pytest.mark.parametrize("background", [False, True], ids=["terminal", "background"])
def test_sigterm_stops_the_server_too(
    tmp_path: Path, big_inputs: BigInputs, background: bool
) -> None:
    """Also for a load started in the background by a script, where SIGINT is ignored."""
    data_dir = tmp_path / "graph"
    env = cli_env(data_dir)
    run = start_sahelkg(ged_load(big_inputs, tmp_path), env, ignore_sigint=background)
    wait_until(lambda: (data_dir / "server.json").exists(), 120, "the server")
    server_pid = json.loads((data_dir / "server.json").read_text())["pid"]
    wait_until(lambda: incident_count(data_dir) >= 2000, 300, "the first batch")
    interrupt_mid_load(run, signal.SIGTERM)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 143, err
    assert err.rstrip().endswith("interrupted (SIGTERM)")
    assert "incidents upserted" not in out  # the load did not get to its summary
    wait_until(lambda: not os.path.exists(f"/proc/{server_pid}"), 60, "the server to stop")


def test_a_closed_pipe_ends_output_quietly(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "graph")
    assert sahelkg(["load", str(CURATED / "valid.yaml")], env).returncode == 0
    command = (f"{sys.executable} -m api.cli cypher 'UNWIND range(1, 200000) AS x RETURN x' "
               "--format csv | head -n 2")  # fmt: skip
    ran = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert ran.stdout == "x\n1\n"
    assert ran.stderr == ""  # no "Broken pipe", no traceback
    assert ran.returncode in (0, 141)  # 141 (SIGPIPE) when the write hit the closed pipe
