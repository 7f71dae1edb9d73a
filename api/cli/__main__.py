"""`python -m api.cli` runs the `sahelkg` command."""

from api.cli.main import main

main()
