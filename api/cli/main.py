"""The `sahelkg` group: global options, clean errors, and the command modules it gathers.

Each command module exposes `register(group)`; adding a command is adding its module to
`COMMAND_MODULES`. Errors print one line (no traceback) unless `--debug` is given.
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
from types import FrameType
from typing import Any

import click

from loaders.progress import interruption_notes

COMMAND_MODULES: tuple[str, ...] = (
    "api.cli.store_commands",
    "api.cli.extract",
    "api.cli.eventdata_commands",
    "api.cli.analytics_commands",
    "api.cli.maintenance_commands",
)


class SahelGroup(click.Group):
    """Turns expected failures into one-line errors and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt,
                BrokenPipeError):  # fmt: skip
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


_received: list[int] = []


def _stop_on_signal(signum: int, _frame: FrameType | None) -> None:
    """SIGTERM and SIGHUP stop the command like Ctrl-C: cleanly, the server released."""
    _received.append(signum)
    signal.raise_signal(signal.SIGINT)


class _StderrNotes(logging.Handler):
    """Store notices (a new store, replay progress, a busy store) as lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.secho(f"note: {record.getMessage()}", dim=True, err=True)


def _quiet_broken_pipe() -> int:
    """The reader went away (`| head`): stop without a message, as `cat` would."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 128 + int(signal.SIGPIPE)


def main() -> None:
    """Run the CLI: exit 0 on success, 1 on an error, 2 on usage, 130 on Ctrl-C."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop_on_signal)
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
        stop_signal: int = _received[-1] if _received else int(signal.SIGINT)
        for note in interruption_notes():
            click.echo(note, err=True)
        click.secho(f"interrupted ({signal.Signals(stop_signal).name})", fg="yellow", err=True)
        code = 128 + stop_signal
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    sys.exit(code if isinstance(code, int) else 0)
