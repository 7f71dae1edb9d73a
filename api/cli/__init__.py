"""The `sahelkg` command line."""

from api.cli.main import cli, main

__all__ = ["cli", "main"]
