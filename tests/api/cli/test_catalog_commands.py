"""The catalog from the command line as a newcomer meets it (real embedded store holding
the project's reference data): find by name, names for ids, every parameter checked,
`queries NAME`, output that fits the terminal, global options, exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import cli
from api.cli.explain import example_command
from graph.embedded import EmbeddedServer
from queries.catalog import load_catalog
from queries.tabular import result_columns

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def seed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The reference data of data/ loaded once; the server stays up for the module."""
    path = tmp_path_factory.mktemp("seed-graph")
    server = EmbeddedServer(path)
    server.acquire()
    url = f"embedded:{path}"
    result = CliRunner().invoke(cli, ["load", str(REPO / "data"), "--store", url], obj={})
    assert result.exit_code == 0, result.output
    yield url
    server.release()


def run(url: str, *args: str, columns: int | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    result = CliRunner(env=env).invoke(cli, ["--store", url, *args], obj={})
    return result.exit_code, result.stdout, result.stderr


def first_error(err: str) -> str:
    return err.splitlines()[0]


def test_find_by_name_alias_and_word_prefix(seed_url: str) -> None:
    code, out, _ = run(seed_url, "find", "jnim", "--kind", "actor", "--format", "csv",
                       "-c", "node_id,node,match")  # fmt: skip
    assert code == 0
    assert out.splitlines() == ["node_id,node,match", "actor:jnim,JNIM,exact"]
    code, out, _ = run(seed_url, "find", "GSIM", "--format", "csv", "-c", "node_id,match")
    assert out.splitlines()[:2] == ["node_id,match", "actor:jnim,exact"]
    code, out, _ = run(seed_url, "find", "katiba mac", "--format", "csv", "-c", "node_id,match")
    assert out.splitlines() == ["node_id,match", "actor:katiba-macina,partial"]
    code, out, _ = run(seed_url, "find", "kayes", "--kind", "region", "--format", "csv",
                       "-c", "node_id,node")  # fmt: skip
    assert out.splitlines() == ["node_id,node", "region:mli-kayes,Kayes"]


def test_names_and_aliases_stand_for_ids(seed_url: str) -> None:
    code, out, _ = run(seed_url, "query", "actor_profile", "-p", "actor_id=GSIM",
                       "--format", "csv", "-c", "id,name")  # fmt: skip
    assert (code, out.splitlines()) == (0, ["id,name", "actor:jnim,JNIM"])
    code, out, _ = run(seed_url, "query", "operates_where", "-p", "actor_id=JNIM",
                       "-p", "place_id=Kayes", "--format", "csv", "-c", "actor_id,place_id")  # fmt: skip
    assert (code, out.splitlines()) == (0, ["actor_id,place_id", "actor:jnim,region:mli-kayes"])
    for form in ("SEN", "sen", "country:SEN", "country:sen"):
        code, out, _ = run(seed_url, "query", "regions_bordering", "-p", f"country_ids={form}",
                           "--format", "csv", "-c", "country_id,region_id")  # fmt: skip
        assert (code, out.splitlines()) == (
            0,
            ["country_id,region_id", "country:sen,region:mli-kayes"],
        )


def test_unknown_and_partial_names_are_errors_with_candidates(seed_url: str) -> None:
    code, out, err = run(seed_url, "query", "actor_profile", "-p", "actor_id=katiba")
    assert (code, out) == (3, "")
    assert first_error(err) == (
        "error: not_found: actor_id: no actor named 'katiba'; "
        "did you mean actor:katiba-macina (Katiba Macina)?"
    )
    code, _, err = run(seed_url, "query", "actor_profile", "-p", "actor_id=zzz")
    assert code == 3
    assert first_error(err) == (
        "error: not_found: actor_id: no actor named 'zzz'; "
        "`sahelkg find TEXT` searches names and aliases"
    )
    code, _, err = run(seed_url, "query", "actor_profile", "-p", "actor_id=actor:nobody")
    assert (code, first_error(err)) == (3, "error: not_found: no actor with id actor:nobody")


def test_a_name_that_is_not_an_entry_is_never_run_as_cypher(seed_url: str) -> None:
    code, out, err = run(seed_url, "query", "alliance_memebers")
    assert (code, out) == (3, "")
    assert first_error(err) == (
        "error: not_found: no catalog query named alliance_memebers; did you mean "
        "alliance_members or alliance_timeline or alliance_status? (`sahelkg queries` lists them)"
    )
    code, _, err = run(seed_url, "query", "MATCH (n) RETURN count(n) AS n")
    assert code == 3
    assert "to run Cypher use `sahelkg cypher`" in first_error(err)
    code, out, _ = run(seed_url, "cypher", "MATCH (a:Actor {id: $id}) RETURN a.name AS name",
                       "-p", "id=actor:jnim", "--format", "csv")  # fmt: skip
    assert (code, out.splitlines()) == (0, ["name", "JNIM"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reported_counts", "-p", "metric=security_incidents", "-p", "months=2023-13"),
         "reported_counts: parameter months.0: '2023-13' is not a real date: month must be in 1..12"),
        (("events_between", "-p", "kinds=nonsense"),
         "events_between: parameter kinds.0: Input should be 'mandate_end', 'withdrawal', "
         "'treaty', 'referendum', 'coup', 'offensive', 'siege', 'blockade', 'base_handover', "
         "'attack_campaign', 'diplomatic', 'rift', 'statement' or 'other'"),
        (("influence", "-p", "dataset=foo"),
         "influence: parameter dataset: Input should be 'acled', 'ucdp-ged' or 'curated'"),
        (("top_actors", "-p", "level=7"),
         "top_actors: parameter level: Input should be less than or equal to 3"),
        (("actor_profile", "-p", "actor_id=actor:jnim", "-p", "max_credibility=9"),
         "actor_profile: parameter max_credibility: Input should be less than or equal to 6"),
        (("influence", "-p", "start=2023-09", "-p", "end=2023-01"),
         "influence: the window ends (2023-01) before it starts (2023-09)"),
        (("whatif", "-p", "start=2023-09", "-p", "end=2023-01"),
         "whatif: the window ends (2023-01) before it starts (2023-09)"),
        (("operations", "-p", "start=2023-09", "-p", "end=2023-01"),
         "operations: the window ends (2023-01) before it starts (2023-09)"),
        (("hotspots", "-p", "start=2023-09", "-p", "end=2023-01"),
         "hotspots: the window ends (2023-01) before it starts (2023-09)"),
        (("regions_bordering", "-p", "country_ids=Senegal"),
         "regions_bordering: parameter country_ids.0: 'Senegal' is not an id of the form country:…"),
    ],
)  # fmt: skip
def test_every_parameter_is_checked_the_same_way(
    seed_url: str, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(seed_url, "query", *args)
    assert (code, out) == (2, "")
    assert first_error(err) == f"error: invalid_parameter: {message}"


def test_list_parameters_accumulate_when_repeated(seed_url: str) -> None:
    base = (
        "query",
        "actor_relations",
        "-p",
        "actor_id=actor:jnim",
        "--format",
        "csv",
        "-c",
        "type",
    )
    code, out, _ = run(seed_url, *base, "-p", "types=PART_OF", "-p", "types=HOSTILE_TO")
    assert code == 0
    assert sorted(out.splitlines()[1:]) == ["HOSTILE_TO", "PART_OF"]
    code, _, err = run(seed_url, "query", "actor_profile", "-p", "actor_id=actor:jnim",
                       "-p", "actor_id=actor:cma")  # fmt: skip
    assert code == 2
    assert "Invalid value for --param: actor_id given twice; it takes one value" in err


def test_queries_name_explains_an_entry() -> None:
    result = CliRunner(env={"COLUMNS": "120"}).invoke(cli, ["queries", "actor_profile"], obj={})
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("actor_profile: An actor's kind and aliases")
    flat = " ".join(text.split())
    assert "│ min_status │ choice │ possible │ confirmed, reported, assessed, │" in flat
    assert "│ max_credibility │ integer 1-6 │ 6 │" in flat
    assert "│ actor_id │ string │ (required) │" in flat
    assert "as_of=2023 is any day of 2023" in flat
    assert "Id parameters also take an unambiguous name or alias (actor_id=JNIM)" in flat
    assert "\n  sahelkg query actor_profile -p actor_id=actor:jnim\n" in text
    assert "id, name, kind, aliases, country, founded, dissolved, source_ids, memberships" in flat
    result = CliRunner().invoke(cli, ["queries", "alliance_memebers"], obj={})
    assert result.exit_code == 3


def test_every_example_command_runs_on_the_reference_data(seed_url: str) -> None:
    for name, entry in load_catalog().items():
        args = example_command(entry).split()[1:]
        code, _, err = run(seed_url, *args, "--format", "json")
        assert code == 0, f"{name}: {err}"


def test_tables_fit_a_100_column_terminal(seed_url: str) -> None:
    commands = [
        ("queries",),
        ("query", "actor_profile", "-p", "actor_id=actor:jnim"),
        ("query", "alliance_status"),
        ("query", "influence"),
        ("find", "jnim"),
    ]
    for args in commands:
        code, out, _ = run(seed_url, *args, columns=100)
        assert code == 0, args
        widths = [len(line) for line in out.splitlines()]
        assert max(widths) <= 100, (args, max(widths))
    code, out, _ = run(seed_url, "query", "actor_profile", "-p", "actor_id=actor:jnim", columns=100)
    [header] = [line for line in out.splitlines() if line.startswith("┃")]
    shown = [cell.strip() for cell in header.strip("┃").split("┃")]
    assert shown[:3] == ["id", "name", "kind"]
    hidden = len(result_columns(load_catalog()["actor_profile"].result)) - len(shown)
    assert out.splitlines()[-1] == f"({hidden} more columns: --wide shows all, --columns picks)"
    code, wide, _ = run(seed_url, "query", "actor_profile", "-p", "actor_id=actor:jnim",
                        "--wide", columns=100)  # fmt: skip
    assert max(len(line) for line in wide.splitlines()) > 100


def test_nested_lists_are_summarised_in_tables_and_kept_in_json(seed_url: str) -> None:
    args = ("query", "actor_profile", "-p", "actor_id=actor:katiba-macina")
    _, out, _ = run(seed_url, *args, "--format", "json")
    [profile] = json.loads(out)
    links = profile["memberships"] + profile["parents"] + profile["regions"]
    assert all(set(link) >= {"other", "type", "evidence"} for link in links)
    _, out, _ = run(seed_url, *args, "-c", "name,parents,regions", "--wide")
    [row] = [line for line in out.splitlines() if line.startswith("│ Katiba Macina")]
    cells = [cell.strip() for cell in row.strip("│").split("│")]
    for cell, links in zip(cells[1:], (profile["parents"], profile["regions"]), strict=True):
        names = [link["other"]["name"] for link in links]
        more = ", …" if len(names) > 3 else ""
        assert cell == f"{len(names)}: " + ", ".join(names[:3]) + more


def test_an_empty_csv_keeps_its_header(seed_url: str) -> None:
    code, out, _ = run(seed_url, "query", "operations", "-p", "start=1990", "-p", "end=1990",
                       "--format", "csv")  # fmt: skip
    assert code == 0
    assert out.splitlines()[0].startswith("operation_id,operation,operation_label,")
    assert len(out.splitlines()) == 1


def test_global_options_before_or_after_the_command(seed_url: str) -> None:
    before = CliRunner().invoke(cli, ["--store", seed_url, "stats", "--format", "csv"], obj={})
    after = CliRunner().invoke(cli, ["stats", "--format", "csv", "--store", seed_url], obj={})
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout and "node,Actor," in before.stdout
    result = CliRunner().invoke(
        cli,
        ["query", "actor_profile", "-p", "actor_id=zzz", "--store", seed_url, "--debug"],
        obj={},
    )
    assert isinstance(result.exception, Exception)
    assert "no actor named 'zzz'" in str(result.exception)


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    import api.cli.catalog_commands as commands

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "run_with_store", interrupted)
    result = CliRunner().invoke(cli, ["find", "jnim"], obj={})
    assert (result.exit_code, result.stderr) == (130, "interrupted (SIGINT)\n")
