"""`sahelkg backup` / `restore` round trip with identical answers; `store check` finds faults."""

from __future__ import annotations

import json
from pathlib import Path

from graph.embedded import EmbeddedServer
from tests.support.bigload import cli_env, sahelkg

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures"


def _answers(env: dict[str, str]) -> list[object]:
    out = []
    for args in (
        ["stats", "--format", "json"],
        ["query", "alliance_members", "-p", "alliance_id=alliance:test-coalition", "--format",
         "json"],
        ["cypher", "MATCH (i:Incident) RETURN i.id AS id, i.fatalities AS f ORDER BY id",
         "--format", "json"],
    ):  # fmt: skip
        ran = sahelkg(args, env)
        assert ran.returncode == 0, ran.stderr
        out.append(json.loads(ran.stdout))
    return out


def test_backup_then_restore_gives_identical_answers(tmp_path: Path) -> None:
    source = cli_env(tmp_path / "graph")
    assert sahelkg(["load", str(FIXTURES / "curated" / "valid.yaml")], source).returncode == 0
    acled = sahelkg(["load-acled", str(FIXTURES / "acled" / "acled_2023.csv"),
                     "--rejects-dir", str(tmp_path / "rejects")], source)  # fmt: skip
    assert acled.returncode == 0, acled.stderr
    before = _answers(source)
    backup_file = tmp_path / "backups" / "sahel.kgbackup"
    backup_file.parent.mkdir()
    made = sahelkg(["backup", str(backup_file)], source)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"backup written to {backup_file}: ")
    assert backup_file.stat().st_mode & 0o777 == 0o600

    target_dir = tmp_path / "restored"
    target = cli_env(target_dir)
    restored = sahelkg(["restore", str(backup_file)], target)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"restored {backup_file} into embedded:{target_dir}: ")
    assert _answers(target) == before

    again = sahelkg(["restore", str(backup_file)], target)
    assert again.returncode == 1
    assert (f"error: the store at {target_dir} already holds data; pass --replace to replace it "
            "(its current journal is kept beside it)") in again.stderr  # fmt: skip

    keeper = EmbeddedServer(target_dir)  # a process (the API) has the store open
    keeper.acquire()
    try:
        busy = sahelkg(["restore", "--replace", str(backup_file)], target)
    finally:
        keeper.release()
    assert busy.returncode == 1
    assert f"error: the store at {target_dir} is open in another process" in busy.stderr

    replaced = sahelkg(["restore", "--replace", str(backup_file)], target)
    assert replaced.returncode == 0, replaced.stderr
    assert "the replaced journal is kept in " in replaced.stdout
    assert _answers(target) == before


def test_restore_refuses_a_file_that_is_no_backup(tmp_path: Path) -> None:
    ran = sahelkg(["restore", str(REPO / "README.md")], cli_env(tmp_path / "graph"))
    assert ran.returncode == 1
    assert f"error: {REPO / 'README.md'} is not a Sahel KG backup" in ran.stderr
    assert not (tmp_path / "graph").exists()


def test_store_check_reports_loose_permissions(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "graph")
    assert sahelkg(["schema", "--ensure"], env).returncode == 0
    healthy = sahelkg(["store", "check"], env)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert "  privacy        ok (owner only)" in healthy.stdout
    (tmp_path / "graph" / "falkordb.log").chmod(0o644)
    loose = sahelkg(["store", "check"], env)
    assert loose.returncode == 1
    assert f"READABLE BY OTHERS {tmp_path / 'graph' / 'falkordb.log'} (-rw-r--r--)" in loose.stdout
    assert "Error: the store has problems (listed above)" in loose.stderr
