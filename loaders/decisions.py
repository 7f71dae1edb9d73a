"""Crosswalk decisions as data: "this source's name is (or is not) that actor", with who said so.

Two CSV files of the same shape (CSV, not YAML, so `sahelkg load data/` never mistakes
them for curated data):

- `data/crosswalk/decisions.csv`, shipped: the Sahel actors real ACLED and UCDP files name
  (IS Sahel's four spellings, JNIM's katibas, the MAA wings, …), each with its reason;
- the analyst's own file (default `var/crosswalk/decisions.csv`), written by
  `sahelkg crosswalk accept|reject|undo`. A later file overrides an earlier one for the same
  name and actor, so an analyst can reject a shipped decision; `undo` deletes the
  analyst's row again — decisions are reversible, and the next load follows them.

`data/crosswalk/actors.csv` declares the actors shipped decisions point at that the curated
knowledge base may lack (`actor:maa-platform`, …); an event load creates them when missing
and never overwrites a curated actor.

A decision may be limited to incidents in some countries (`countries` = `MLI BFA NER`):
UCDP's "IS" is IS Sahel in Mali, not in Iraq.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graph.model import Actor
from graph.vocab import ActorKind
from loaders.names import decision_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "crosswalk"
SHIPPED_DECISIONS = DATA_DIR / "decisions.csv"
SHIPPED_ACTORS = DATA_DIR / "actors.csv"
DEFAULT_ANALYST_DECISIONS = Path("var/crosswalk/decisions.csv")
ACCEPT, REJECT = "accept", "reject"
COLUMNS = ("name", "actor", "verdict", "countries", "source", "reason", "decided_by", "decided")
ACTOR_COLUMNS = ("id", "name", "kind", "country", "aliases", "source_ids")


class DecisionError(ValueError):
    """A decisions file is malformed: the message names the file, line and field."""


@dataclass(frozen=True)
class Decision:
    """One analyst's (or the shipped data's) verdict on one name and one actor."""

    name: str
    actor: str
    verdict: str
    countries: tuple[str, ...] = ()
    source: str = ""
    reason: str = ""
    decided_by: str = ""
    decided: str = ""

    @property
    def key(self) -> str:
        return decision_key(self.name)

    def applies_in(self, country: str | None) -> bool:
        return not self.countries or country in self.countries

    def as_row(self) -> dict[str, str]:
        row = {k: str(v) for k, v in asdict(self).items()}
        row["countries"] = " ".join(self.countries)
        return row


def _read_rows(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise DecisionError(f"{path}:1: the header lacks {', '.join(missing)}")
        return [
            (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader
        ]


def read_decisions(path: Path) -> list[Decision]:
    """Every decision in `path` (an absent file has none)."""
    if not path.exists():
        return []
    decisions = []
    for line, row in _read_rows(path, COLUMNS):
        for column in ("name", "actor", "verdict"):
            if not row[column]:
                raise DecisionError(f"{path}:{line}: {column}: is empty")
        if row["verdict"] not in (ACCEPT, REJECT):
            raise DecisionError(
                f"{path}:{line}: verdict: {row['verdict']!r} is not accept or reject"
            )
        if not row["actor"].startswith("actor:"):
            raise DecisionError(f"{path}:{line}: actor: {row['actor']!r} is not an actor id")
        decisions.append(Decision(
            name=row["name"], actor=row["actor"], verdict=row["verdict"],
            countries=tuple(row["countries"].split()), source=row["source"],
            reason=row["reason"], decided_by=row["decided_by"], decided=row["decided"],
        ))  # fmt: skip
    return decisions


def read_decision_actors(path: Path = SHIPPED_ACTORS) -> list[Actor]:
    """The actors shipped decisions point at, as models (created when the store lacks them)."""
    actors = []
    for line, row in _read_rows(path, ACTOR_COLUMNS):
        try:
            actors.append(Actor(
                id=row["id"], name=row["name"], kind=ActorKind(row["kind"] or "unknown"),
                country=row["country"] or None,
                aliases=[a.strip() for a in row["aliases"].split("|") if a.strip()],
                source_ids=row["source_ids"].split(),
            ))  # fmt: skip
        except ValueError as exc:
            raise DecisionError(f"{path}:{line}: {exc}") from None
    return actors


def write_decisions(path: Path, decisions: Iterable[Decision]) -> None:
    """Rewrite the analyst's file (private to its owner; written whole, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for decision in decisions:
            writer.writerow(decision.as_row())
    os.replace(temporary, path)


def record_decision(path: Path, decision: Decision) -> None:
    """Add `decision` to the analyst's file, replacing any earlier one on the same pair."""
    kept = [d for d in read_decisions(path)
            if (d.key, d.actor) != (decision.key, decision.actor)]  # fmt: skip
    write_decisions(path, [*kept, decision])


def remove_decisions(path: Path, name: str, actor: str | None = None) -> list[Decision]:
    """Undo: delete the analyst's decisions on `name` (and `actor`, if given); returns them."""
    key = decision_key(name)
    decisions = read_decisions(path)
    removed = [d for d in decisions if d.key == key and actor in (None, d.actor)]
    if removed:
        write_decisions(path, [d for d in decisions if d not in removed])
    return removed


@dataclass
class DecisionBook:
    """The decisions in force: later files override earlier ones for a (name, actor) pair."""

    decisions: dict[tuple[str, str], Decision] = field(default_factory=dict)
    _accepted: dict[str, list[Decision]] | None = None

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> DecisionBook:
        book = cls()
        for path in paths:
            for decision in read_decisions(path):
                book.decisions[(decision.key, decision.actor)] = decision
        return book

    def accepted(self, name: str, country: str | None) -> Decision | None:
        """The accepted decision for `name` that applies in `country` (the most specific)."""
        if self._accepted is None:
            self._accepted = {}
            for decision in self.decisions.values():
                if decision.verdict == ACCEPT:
                    self._accepted.setdefault(decision.key, []).append(decision)
            for found in self._accepted.values():
                found.sort(key=lambda d: (not d.countries, d.actor))
        for decision in self._accepted.get(decision_key(name), ()):
            if decision.applies_in(country):
                return decision
        return None

    def rejected(self, name: str, actor_id: str) -> bool:
        decision = self.decisions.get((decision_key(name), actor_id))
        return decision is not None and decision.verdict == REJECT

    def __len__(self) -> int:
        return len(self.decisions)
