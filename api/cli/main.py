"""The `sahelkg` group: global options, clean errors, and the command modules it gathers.

Each command module exposes `register(group)`; adding a command is adding its module to
`COMMAND_MODULES`. Errors print one line (no traceback) unless `--debug` is given.
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
    "api.cli.export_commands",
)


class SahelGroup(click.Group):
    """Turns expected failures into one-line errors and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.secho(f"error: {exc}", fg="red", err=True)
            click.secho("(run with --debug for the traceback)", dim=True, err=True)
            sys.exit(1)


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


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(cli)


def main() -> None:
    cli(obj={})
