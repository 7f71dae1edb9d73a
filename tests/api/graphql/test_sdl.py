"""The committed SDL is the schema; breaking changes are caught before they ship."""

from __future__ import annotations

from api.graphql.sdl import SDL_PATH, breaking_changes, check, current_sdl, main


def test_committed_sdl_matches_the_schema() -> None:
    assert check(SDL_PATH.read_text(), current_sdl()) == []


def test_removing_a_field_is_reported_as_breaking() -> None:
    committed = SDL_PATH.read_text()
    changed = committed.replace("  allies(", "  formerAllies(", 1)
    [change] = breaking_changes(committed, changed)
    assert change.description == "Field Actor.allies was removed."
    problems = check(committed, changed)
    assert problems[0] == "breaking: Field Actor.allies was removed."
    assert problems[-1].startswith("the schema differs from schema.graphql")


def test_adding_a_field_is_not_breaking() -> None:
    committed = SDL_PATH.read_text()
    added = committed.replace(
        "type Actor implements Node {", "type Actor implements Node {\n  motto: String", 1
    )
    assert breaking_changes(committed, added) == []
    assert check(committed, added) == [
        "the schema differs from schema.graphql; if intended, run `make schema` "
        "(breaking changes need `python -m api.graphql.sdl write --allow-breaking`)"
    ]


def test_check_command_passes_on_the_committed_file() -> None:
    assert main(["check"]) == 0
