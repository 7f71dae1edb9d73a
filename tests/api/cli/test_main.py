"""The lazy command table names every command's module and short help truly."""

from __future__ import annotations

import click

from api.cli.main import COMMAND_MODULES, COMMANDS, SahelGroup


def test_command_table_matches_the_command_modules() -> None:
    group = SahelGroup()
    group.load_all()
    assert set(group.commands) == set(COMMANDS)
    for name, command in group.commands.items():
        module, short_help = COMMANDS[name]
        assert command.callback is not None
        assert command.callback.__module__ == module, name
        assert command.get_short_help_str(limit=500) == short_help, name
    assert {module for module, _ in COMMANDS.values()} == set(COMMAND_MODULES)


def test_running_one_command_loads_only_its_module() -> None:
    group = SahelGroup()
    ctx = click.Context(group)
    command = group.get_command(ctx, "whatif")
    assert command is not None and command.name == "whatif"
    assert set(group.commands) == {"whatif"}
