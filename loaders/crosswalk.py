"""The one crosswalk: every source's actor names and ids → the graph's canonical actors.

The store is the source of truth. `Crosswalk.from_store` reads every Actor's name,
aliases, ACLED names, UCDP id, country and years, so an analyst extends the crosswalk by
adding an alias to the curated data — no code changes — or by a decision
(`loaders.decisions`: "this name is / is not that actor", sourced and reversible).

A name is resolved in this order:

1. an accepted decision on the name that applies in the row's country;
2. the UCDP id (unambiguous), when the row has one;
3. the best-scored candidate among the actors some key of the name matches
   (`loaders.names.name_variants`), if it reaches the threshold; candidates carry their
   evidence (`loaders.scoring`), rejected (name, actor) pairs are never candidates.

Actors come in three tiers: curated ones (tier 0), ones created from the UCDP actor list
(`actor:ucdp-<id>`, tier 1) and unresolved ones (`unresolved: true`, tier 2). A name that
no candidate matches becomes a new unresolved actor (and, when some candidate came close,
a line of `sahelkg crosswalk review`); `merge_plan` finds derived actors (tiers 1 and 2)
that a better-tier actor now claims, so a re-load merges them into it, edges and all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.ids import make_id
from graph.model import Actor
from graph.store.base import GraphStore
from graph.vocab import ActorKind
from loaders.decisions import DecisionBook
from loaders.names import NameEvidence, match_key, name_variants, strip_period
from loaders.scoring import (
    CURATED,
    REVIEW_FLOOR,
    UCDP_LIST,
    UNRESOLVED,
    ActorFacts,
    Candidate,
    Context,
    score,
)
from queries.eventdata.indexes import read_actor_index

UCDP_ACTOR_PREFIX = "actor:ucdp-"
NO_CONTEXT = Context()

__all__ = ["CURATED", "UCDP_LIST", "UNRESOLVED", "Crosswalk", "KnownActor", "Merge",
           "name_variants", "strip_period", "ucdp_actor_id"]  # fmt: skip


def ucdp_actor_id(ucdp_id: int) -> str:
    """The id of an actor created from UCDP data: `actor:ucdp-6716`."""
    return f"{UCDP_ACTOR_PREFIX}{ucdp_id}"


def tier_of(node_id: str, unresolved: bool) -> int:
    if unresolved:
        return UNRESOLVED
    return UCDP_LIST if node_id.startswith(UCDP_ACTOR_PREFIX) else CURATED


@dataclass
class KnownActor:
    """What the crosswalk knows of one Actor node."""

    id: str
    name: str
    tier: int
    kind: str = ActorKind.UNKNOWN.value
    aliases: list[str] = field(default_factory=list)
    acled_names: list[str] = field(default_factory=list)
    ucdp_id: int | None = None
    source_ids: list[str] = field(default_factory=list)
    country: str | None = None
    founded: str | None = None
    dissolved: str | None = None
    countries: list[str] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> KnownActor:
        ucdp = row.get("ucdp_id")
        node_id = str(row["id"])
        return cls(
            id=node_id,
            name=str(row.get("name") or node_id),
            tier=tier_of(node_id, bool(row.get("unresolved"))),
            kind=str(row.get("kind") or ActorKind.UNKNOWN.value),
            aliases=[str(a) for a in row.get("aliases") or []],
            acled_names=[str(a) for a in row.get("acled_names") or []],
            ucdp_id=int(ucdp) if isinstance(ucdp, (int, float)) else None,
            source_ids=[str(s) for s in row.get("source_ids") or []],
            country=_text(row.get("country")),
            founded=_text(row.get("founded")),
            dissolved=_text(row.get("dissolved")),
            countries=[str(c) for c in row.get("countries") or []],
        )

    def names(self) -> list[str]:
        return [self.name, *self.aliases, *self.acled_names]

    def name_keys(self) -> Iterator[tuple[str, NameEvidence]]:
        for name in self.names():
            yield from name_variants(name)

    def facts(self) -> ActorFacts:
        countries = {*self.countries, *([self.country] if self.country else [])}
        return ActorFacts(self.id, self.name, self.tier, self.kind, frozenset(countries),
                          self.founded, self.dissolved)  # fmt: skip

    def to_actor(self) -> Actor:
        """The node as the loaders (re)write it: only derived actors are ever rewritten."""
        return Actor(
            id=self.id, name=self.name, kind=self.kind, aliases=self.aliases,
            acled_names=self.acled_names, ucdp_id=self.ucdp_id, country=self.country,
            unresolved=self.tier == UNRESOLVED, source_ids=self.source_ids,
        )  # fmt: skip


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


@dataclass(frozen=True)
class Merge:
    """Fold derived actor `old` into `new`, moving its edges."""

    old: str
    new: str


_MemoKey = tuple[str, int | None, str | None, ActorKind, str]


class Crosswalk:
    """Name and id lookups over a snapshot of the store's actors, kept current as it creates."""

    def __init__(
        self, actors: Iterable[KnownActor] = (), decisions: DecisionBook | None = None
    ) -> None:
        self.actors: dict[str, KnownActor] = {}
        self.decisions = decisions or DecisionBook()
        self._by_key: dict[str, list[str]] = {}
        self._by_ucdp: dict[int, list[str]] = {}
        self.created: dict[str, KnownActor] = {}
        self.created_total = 0
        self.touched: dict[str, KnownActor] = {}
        self.unresolved_names: dict[str, int] = {}
        self.below_threshold: dict[str, Candidate] = {}
        """Names no candidate matched, with the best candidate that came close (for review)."""
        self._memo: dict[_MemoKey, tuple[str, bool]] = {}
        for actor in sorted(actors, key=lambda a: (a.tier, a.id)):
            self.add(actor)

    @classmethod
    async def from_store(
        cls, store: GraphStore, decisions: DecisionBook | None = None
    ) -> Crosswalk:
        return cls((KnownActor.from_row(row) for row in await read_actor_index(store)), decisions)

    # -- indexing -------------------------------------------------------------------------------

    def add(self, actor: KnownActor) -> None:
        """Index `actor` (or re-index it after its names changed)."""
        self.actors[actor.id] = actor
        for key in [*(k for k, _ in actor.name_keys()), *self._slug_key(actor.id)]:
            ids = self._by_key.setdefault(key, [])
            if actor.id not in ids:
                ids.append(actor.id)
        if actor.ucdp_id is not None:
            ids = self._by_ucdp.setdefault(actor.ucdp_id, [])
            if actor.id not in ids:
                ids.append(actor.id)
                ids.sort(key=lambda i: (self.actors[i].tier, i))

    @staticmethod
    def _slug_key(node_id: str) -> list[str]:
        prefix, _, slug = node_id.partition(":")
        return [match_key(slug)] if prefix == "actor" and slug else []

    # -- lookups --------------------------------------------------------------------------------

    def candidates(
        self, name: str, context: Context = NO_CONTEXT, max_tier: int = UNRESOLVED
    ) -> list[Candidate]:
        """Every actor a key of `name` matches, scored, best first (rejected pairs left out)."""
        best: dict[str, Candidate] = {}
        for key, evidence in name_variants(name):
            for actor_id in self._by_key.get(key, ()):
                actor = self.actors.get(actor_id)
                if (
                    actor is None
                    or actor.tier > max_tier
                    or (actor_id in best and evidence != "whole")
                ):
                    continue
                if self.decisions.rejected(name, actor_id):
                    continue
                candidate = score(actor.facts(), key, evidence, context)
                if actor_id not in best or candidate.score > best[actor_id].score:
                    best[actor_id] = candidate
        return sorted(best.values(),
                      key=lambda c: (-c.score, self.actors[c.actor_id].tier, c.actor_id))  # fmt: skip

    def resolve_name(
        self, name: str, max_tier: int = UNRESOLVED, context: Context = NO_CONTEXT
    ) -> str | None:
        """The best actor a raw name denotes at or below `max_tier`, if it reaches the threshold."""
        for candidate in self.candidates(name, context, max_tier):
            return candidate.actor_id if candidate.matches else None
        return None

    def resolve_ucdp(self, ucdp_id: int, max_tier: int = UNRESOLVED) -> str | None:
        """The best actor carrying UCDP id `ucdp_id`, or None."""
        for candidate in self._by_ucdp.get(ucdp_id, ()):
            if self.actors[candidate].tier <= max_tier:
                return candidate
        return None

    def decided(self, name: str, country: str | None) -> str | None:
        """The actor an accepted decision names for `name` in `country`, if the store has it."""
        decision = self.decisions.accepted(name, country)
        return decision.actor if decision is not None and decision.actor in self.actors else None

    def resolve(
        self, name: str | None, ucdp_id: int | None = None, context: Context = NO_CONTEXT
    ) -> str | None:
        """A decision first, then the UCDP id (unambiguous), then the best-scored name."""
        if name:
            decided = self.decided(name, context.country)
            if decided is not None:
                return decided
        by_id = self.resolve_ucdp(ucdp_id) if ucdp_id is not None else None
        by_name = None
        if name:
            found = self.candidates(name, context)
            if found and found[0].matches:
                by_name = found[0].actor_id
            elif found and found[0].score >= REVIEW_FLOOR:
                self.below_threshold[name] = found[0]
        if by_name is not None and self._other_ucdp_id(by_name, ucdp_id):
            by_name = None
        if by_id and by_name:
            return min(by_id, by_name, key=lambda i: (self.actors[i].tier, i != by_id))
        return by_id or by_name

    # -- creating -------------------------------------------------------------------------------

    def actor_for(
        self,
        name: str,
        kind: ActorKind,
        source_id: str,
        ucdp_id: int | None = None,
        acled: bool = True,
        country: str | None = None,
        date: str | None = None,
    ) -> str:
        """The actor `name` denotes in a row of `country` on `date`, creating an unresolved
        one when nothing matches.

        Answers are memoised per (name, UCDP id, country, kind, year): a file names a few
        thousand actors in millions of rows.
        """
        memo_key = (name, ucdp_id, country, kind, (date or "")[:4])
        memo = self._memo.get(memo_key)
        if memo is not None:
            if memo[1]:
                self.unresolved_names[name] += 1
            return memo[0]
        found = self.resolve(name, ucdp_id, Context(country, kind, date))
        if found is not None:
            unresolved = self.actors[found].tier == UNRESOLVED
            if unresolved:
                self._note_unresolved(name)
            if unresolved:
                self._remember_spelling(self.actors[found], name, acled, source_id)
            self._memo[memo_key] = (found, unresolved)
            return found
        self._note_unresolved(name)
        base = strip_period(name) or name
        node_id = ucdp_actor_id(ucdp_id) if ucdp_id is not None else make_id("actor", base)
        if node_id in self.actors:  # the slug is taken by an actor it is not: stay apart
            node_id = make_id("actor", "unresolved", base)
        if node_id in self.actors:
            node_id = make_id("actor", "unresolved", base, country or "any")
        actor = KnownActor(id=node_id, name=base, tier=UNRESOLVED, kind=kind.value,
                           ucdp_id=ucdp_id, source_ids=[source_id], country=country)  # fmt: skip
        self._remember_spelling(actor, name, acled, source_id)
        self.created[node_id] = actor
        self.add(actor)
        self._memo[memo_key] = (node_id, True)
        return node_id

    def _note_unresolved(self, name: str) -> None:
        self.unresolved_names[name] = self.unresolved_names.get(name, 0) + 1

    def _remember_spelling(self, actor: KnownActor, name: str, acled: bool, source: str) -> None:
        spellings = actor.acled_names if acled else actor.aliases
        changed = False
        if name != actor.name and name not in spellings:
            spellings.append(name)
            changed = True
        if source not in actor.source_ids:
            actor.source_ids.append(source)
            changed = True
        if changed:
            self.touched[actor.id] = actor
            self.add(actor)

    def drain_actors(self) -> list[Actor]:
        """Derived actors created or renamed since the last drain, as models to upsert."""
        actors = [actor.to_actor() for actor in self.touched.values()]
        actors += [a.to_actor() for i, a in self.created.items() if i not in self.touched]
        self.touched.clear()
        self.created_total += len(self.created)
        self.created.clear()
        return actors

    # -- merging --------------------------------------------------------------------------------

    def merge_plan(self) -> list[Merge]:
        """Derived actors that a decision, or a better-tier actor (by UCDP id or any name
        scoring at the threshold), now claims."""
        merges: list[Merge] = []
        for actor in sorted(self.actors.values(), key=lambda a: (-a.tier, a.id)):
            if actor.tier == CURATED:
                continue
            target: str | None = None
            for name in actor.names():
                target = target or self.decided(name, actor.country)
            if target is None and actor.ucdp_id is not None:
                target = self.resolve_ucdp(actor.ucdp_id, max_tier=actor.tier - 1)
            context = Context(actor.country, ActorKind.UNKNOWN)
            for name in actor.names():
                if target is None:
                    found = self.resolve_name(name, actor.tier - 1, context)
                    if found is not None and not self._other_ucdp_id(found, actor.ucdp_id):
                        target = found
            if target is not None and target != actor.id:
                merges.append(Merge(actor.id, target))
        return merges

    def _other_ucdp_id(self, actor_id: str, ucdp_id: int | None) -> bool:
        """True when `actor_id` carries a UCDP id other than `ucdp_id`: a name alone then
        does not make them one actor (UCDP has told them apart)."""
        theirs = self.actors[actor_id].ucdp_id
        return ucdp_id is not None and theirs is not None and theirs != ucdp_id

    def apply_merge(self, merge: Merge) -> KnownActor:
        """Fold `old` into `new` in the snapshot; returns `new` as it now stands.

        `new` keeps its own name and gains `old`'s spellings (ACLED ones as `acled_names`,
        the rest as `aliases`) and its UCDP id if it had none, so the next load resolves
        those names and ids straight to it — except spellings a decision maps to `new`.
        """
        self._memo.clear()
        old = self.actors.pop(merge.old)
        for ids in (*self._by_key.values(), *self._by_ucdp.values()):
            if merge.old in ids:
                ids.remove(merge.old)
        target = self.actors[merge.new]
        if target.ucdp_id is None:
            target.ucdp_id = old.ucdp_id
        # a spelling an accepted decision maps here stays the decision's: undoing the
        # decision must make the name unresolved again, not leave it as an alias
        known = set(target.names()) | {n for n in old.names() if self.decided(n, None) == merge.new}
        for name in [old.name, *old.aliases]:
            if name not in known:
                target.aliases.append(name)
                known.add(name)
        for name in old.acled_names:
            if name not in known:
                target.acled_names.append(name)
                known.add(name)
        self.add(target)
        return target
