"""The committed SDL (api/graphql/schema.graphql): write it, check it, guard against breaks.

`python -m api.graphql.sdl check` (run by `make test`) fails when the schema differs from
the committed file, listing graphql-core's breaking changes first. `python -m
api.graphql.sdl write` (`make schema`) updates the file, but refuses a breaking change
unless `--allow-breaking` is given: breaking clients is a deliberate act.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graphql import BreakingChange, DangerousChange, build_schema
from graphql.utilities import find_breaking_changes, find_dangerous_changes

SDL_PATH = Path(__file__).with_name("schema.graphql")


def current_sdl() -> str:
    from api.graphql.schema import sdl

    return sdl()


def breaking_changes(old_sdl: str, new_sdl: str) -> list[BreakingChange]:
    return find_breaking_changes(build_schema(old_sdl), build_schema(new_sdl))


def dangerous_changes(old_sdl: str, new_sdl: str) -> list[DangerousChange]:
    return find_dangerous_changes(build_schema(old_sdl), build_schema(new_sdl))


def check(committed: str, current: str) -> list[str]:
    """Problems with `current` against the committed SDL (empty when they are the same)."""
    if committed == current:
        return []
    problems = [f"breaking: {c.description}" for c in breaking_changes(committed, current)]
    problems += [f"dangerous: {c.description}" for c in dangerous_changes(committed, current)]
    problems.append(
        f"the schema differs from {SDL_PATH.name}; if intended, run `make schema` "
        "(breaking changes need `python -m api.graphql.sdl write --allow-breaking`)"
    )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["write", "check", "print"])
    parser.add_argument("--allow-breaking", action="store_true")
    args = parser.parse_args(argv)
    current = current_sdl()
    if args.action == "print":
        sys.stdout.write(current)
        return 0
    committed = SDL_PATH.read_text() if SDL_PATH.exists() else ""
    if args.action == "check":
        problems = check(committed, current) if committed else [f"{SDL_PATH} is missing"]
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    breaking = breaking_changes(committed, current) if committed else []
    if breaking and not args.allow_breaking:
        for change in breaking:
            print(f"breaking: {change.description}", file=sys.stderr)
        print("refusing to write a breaking change without --allow-breaking", file=sys.stderr)
        return 1
    SDL_PATH.write_text(current)
    print(f"wrote {SDL_PATH} ({len(current.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
