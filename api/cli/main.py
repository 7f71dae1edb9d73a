"""The `sahelkg` group: global options, clean errors, and the command modules it gathers.

Each command module exposes `register(group)`. Command modules import what their commands
need (the newsletter extractor, the event-data loaders, the catalog), so the group loads a
module only when one of its commands runs: `COMMANDS` says which module holds which
command, with the short help `--help` lists (tests/api/cli/test_main.py keeps it true).
A name it does not know makes the group load every module in `COMMAND_MODULES`. Errors
print one line (no traceback) unless `--debug` is given.
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
from typing import Any

import click

COMMAND_MODULES: tuple[str, ...] = (
    "api.cli.store_commands",
    "api.cli.catalog_commands",
    "api.cli.extract",
    "api.cli.eventdata_commands",
    "api.cli.analytics_commands",
    "api.cli.serve_commands",
    "api.cli.export_commands",
    "api.cli.maintenance_commands",
)

_STORE, _EVENTS = "api.cli.store_commands", "api.cli.eventdata_commands"
_CATALOG = "api.cli.catalog_commands"
COMMANDS: dict[str, tuple[str, str]] = {
    "load": (_STORE, "Load curated YAML files or directories (see data/FORMAT.md)."),
    "stats": (_STORE, "Count nodes by label and relationships by type."),
    "query": (_CATALOG, "Run a catalog query by NAME (`sahelkg queries NAME` explains it)."),
    "queries": (_CATALOG, "List the catalog's queries, or explain one by NAME."),
    "find": (_CATALOG, "Find actors, alliances, regions and places by name or alias."),
    "cypher": (_CATALOG, "Run a read-only Cypher statement (values only as --param)."),
    "schema": (
        _STORE,
        "Show the indexes and constraints the store has (the schema the project ensures).",
    ),
    "extract": (
        "api.cli.extract",
        "Draft curated YAML from a monthly security NEWSLETTER (plain text).",
    ),
    "load-acled": (
        _EVENTS,
        "Load ACLED CSV exports: every header generation, and the monadic layout.",
    ),
    "load-ucdp-ged": (
        _EVENTS,
        "Load UCDP GED event CSVs (the 49-column layout); sides A and B become actors.",
    ),
    "load-ucdp-actors": (
        _EVENTS,
        "Load the UCDP actor list: actors, aliases, splinters, alliances and joined groups.",
    ),
    "crosswalk": (
        _EVENTS,
        "Actors the event data named but the crosswalk could not resolve, and decisions on them.",
    ),
    "serve": (
        "api.cli.serve_commands",
        "Serve the GraphQL API at /graphql (GraphiQL in a browser), health at /healthz.",
    ),
    "token": (
        "api.cli.serve_commands",
        "Create, list and revoke API tokens (readers query, analysts edit, admins manage).",
    ),
    "store": ("api.cli.maintenance_commands", "Check or compact the embedded store."),
    "backup": (
        "api.cli.maintenance_commands",
        "Write a backup of the embedded store to PATH (one file, readable by you only).",
    ),
    "restore": (
        "api.cli.maintenance_commands",
        "Restore the embedded store from a backup made by `sahelkg backup`.",
    ),
    "export": (
        "api.cli.export_commands",
        "Pictures and files for briefings: a network, a map or an activity chart.",
    ),
    "brief": (
        "api.cli.export_commands",
        "A briefing pack in one command: brief.pptx (title, network, map, activity chart, "
        "what changed, sources; evidence in the speaker notes) and the pictures as PNG files.",
    ),
    "whatif": (
        "api.cli.analytics_commands",
        "What would change if alliances or edges were added or removed: every influence "
        "measure and regional reach, before and after.",
    ),
}
"""Command name → (module that registers it, its short help)."""


class SahelGroup(click.Group):
    """Loads command modules on demand; turns expected failures into one-line errors and
    exit codes (api.cli.errors)."""

    _loaded: set[str]

    def _load(self, module: str) -> None:
        loaded = self.__dict__.setdefault("_loaded", set())
        if module not in loaded:
            loaded.add(module)
            importlib.import_module(module).register(self)

    def load_all(self) -> None:
        for module in COMMAND_MODULES:
            self._load(module)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            if cmd_name in COMMANDS:
                self._load(COMMANDS[cmd_name][0])
            else:
                self.load_all()
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from `COMMANDS`, without importing the command modules."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in COMMANDS:
                text = COMMANDS[name][1]
                rows.append((name, text if len(text) <= limit else text[: limit - 3] + "..."))
            else:
                rows.append((name, self.commands[name].get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """`--debug` is global wherever it is written (`sahelkg query … --debug`)."""
        if "--debug" in args[1:]:
            cut = args.index("--") if "--" in args else len(args)
            args = ["--debug", *(a for a in args[:cut] if a != "--debug"), *args[cut:]]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            sys.exit(_interrupted())
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            from api.cli.errors import exit_code, message

            click.secho(message(exc), fg="red", err=True)
            click.secho("(run with --debug for the traceback)", dim=True, err=True)
            sys.exit(exit_code(exc))


EXIT_INTERRUPTED = 130
"""Ctrl-C: the shell's convention (128 + SIGINT)."""

EPILOG = """\b
Exit codes: 0 done; 1 error (bad input file, refused write, other failure);
2 usage or invalid parameter; 3 not found (id, name or query); 4 too expensive;
5 store unavailable; 6 timeout; 130 interrupted (Ctrl-C).
Global options (--store, --debug) go before or after the command.
"""


@click.group(
    cls=SahelGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option(
    "--store",
    "store_url",
    default=None,
    metavar="URL",
    help="Where the graph lives (embedded:PATH, neo4j://…, bolt://…, falkordb://…); "
    "also SAHELKG_STORE.",
)
@click.version_option(package_name="sahel-kg")
@click.pass_context
def cli(ctx: click.Context, debug: bool, store_url: str | None) -> None:
    """Sahel KG: a knowledge graph of the Sahel's armed actors, alliances, regions,
    incidents and security operations.

    The store is chosen with --store or SAHELKG_STORE (default: an embedded FalkorDB
    in ./var/graph, started and stopped for you). `sahelkg find TEXT` finds ids by name;
    `sahelkg queries NAME` explains a catalog query.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["store"] = store_url


class _StderrNotes(logging.Handler):
    """Store notices (a new store, replay progress, a busy store) as lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.secho(f"note: {record.getMessage()}", dim=True, err=True)


def _interrupted() -> int:
    """Say what was written before the interruption; the exit code is 128 + the signal."""
    from api.cli.stopsignals import received
    from loaders.progress import interruption_notes

    stop_signal: int = received[-1] if received else int(signal.SIGINT)
    for note in interruption_notes():
        click.echo(note, err=True)
    click.secho(f"interrupted ({signal.Signals(stop_signal).name})", fg="yellow", err=True)
    return 128 + stop_signal


def _quiet_broken_pipe() -> int:
    """The reader went away (`| head`): stop without a message, as `cat` would."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 128 + int(signal.SIGPIPE)


def main() -> None:
    """Run the CLI: exit 0 on success, 1 on an error, 2 on usage, 130 on Ctrl-C."""
    from api.cli.stopsignals import STOP_SIGNALS, stop_on_signal

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop_on_signal)
    store_log = logging.getLogger("sahelkg.store")
    store_log.addHandler(_StderrNotes())
    store_log.setLevel(logging.INFO)
    store_log.propagate = False
    try:
        code = cli.main(obj={}, standalone_mode=False)
    except click.exceptions.Exit as done:
        code = done.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (KeyboardInterrupt, click.exceptions.Abort):
        code = _interrupted()
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    sys.exit(code if isinstance(code, int) else 0)
