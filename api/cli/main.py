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
import sys
from typing import Any

import click

COMMAND_MODULES: tuple[str, ...] = (
    "api.cli.store_commands",
    "api.cli.extract",
    "api.cli.eventdata_commands",
    "api.cli.analytics_commands",
    "api.cli.serve_commands",
    "api.cli.export_commands",
)

_STORE, _EVENTS = "api.cli.store_commands", "api.cli.eventdata_commands"
COMMANDS: dict[str, tuple[str, str]] = {
    "load": (_STORE, "Load curated YAML files or directories (see data/FORMAT.md)."),
    "stats": (_STORE, "Count nodes by label and relationships by type."),
    "query": (
        _STORE,
        "Run a catalog query by NAME (see `sahelkg queries`), or a read-only CYPHER statement.",
    ),
    "queries": (_STORE, "List the catalog's named queries with their parameters."),
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
        "List actors the event data named but the crosswalk could not resolve, with counts.",
    ),
    "serve": (
        "api.cli.serve_commands",
        "Serve the GraphQL API at /graphql (GraphiQL in a browser), health at /healthz.",
    ),
    "token": (
        "api.cli.serve_commands",
        "Create, list and revoke API tokens (readers query, analysts edit, admins manage).",
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

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            from api.cli.errors import exit_code, message

            click.secho(message(exc), fg="red", err=True)
            click.secho("(run with --debug for the traceback)", dim=True, err=True)
            sys.exit(exit_code(exc))


@click.group(cls=SahelGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="sahel-kg")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Sahel KG: a knowledge graph of the Sahel's armed actors, alliances, regions,
    incidents and security operations.

    The store is chosen with --store or SAHELKG_STORE (default: an embedded FalkorDB
    in ./var/graph, started and stopped for you).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    cli(obj={})
