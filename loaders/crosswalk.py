"""The one crosswalk: every source's actor names and ids → the graph's canonical actors.

The store is the source of truth. `Crosswalk.from_store` reads every Actor's name,
aliases, ACLED names and UCDP id, so an analyst extends the crosswalk by adding an alias
to the curated data — no code changes. Matching ignores case, diacritics and punctuation,
and tries, for each raw name:

1. the whole name (`Military Forces of Mali (2020-2021)`);
2. the name without ACLED's period suffix (`Military Forces of Mali`);
3. for ACLED's `ABBR: Full name` spellings, each side of the colon
   (`JNIM: Group for Support of Islam and Muslims` → `JNIM`, then the full name);
4. the name as an id slug (`FAMa` → `actor:fama`).

Actors come in three tiers: curated ones (tier 0), ones created from the UCDP actor list
(`actor:ucdp-<id>`, tier 1) and unresolved ones (`unresolved: true`, tier 2). A match
always prefers the lowest tier. A name that matches nothing becomes a new unresolved
actor; `merge_plan` finds derived actors (tier 1 and 2) that a better-tier actor now
claims, so a re-load can merge them into it, edges and all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.ids import make_id
from graph.model import Actor
from graph.store.base import GraphStore
from graph.vocab import ActorKind
from loaders.regions import match_key
from queries.eventdata import read_actor_index

UCDP_ACTOR_PREFIX = "actor:ucdp-"
_PERIOD_SUFFIX = re.compile(r"\s*\(\s*\d{4}\s*-\s*(\d{4})?\s*\)\s*$")

CURATED, UCDP_LIST, UNRESOLVED = 0, 1, 2


def strip_period(name: str) -> str:
    """`Military Forces of Mali (2020-2021)` → `Military Forces of Mali`."""
    return _PERIOD_SUFFIX.sub("", name).strip()


def name_variants(name: str) -> list[str]:
    """The matching keys of a raw name, most specific first (see the module docstring)."""
    keys: list[str] = []
    for candidate in (name, strip_period(name)):
        keys.append(match_key(candidate))
        if ":" in candidate:
            head, _, tail = candidate.partition(":")
            keys += [match_key(head), match_key(tail)]
    return [k for k in dict.fromkeys(keys) if k]


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
        )

    def names(self) -> list[str]:
        return [self.name, *self.aliases, *self.acled_names]

    def keys(self) -> Iterator[str]:
        for name in self.names():
            yield from name_variants(name)

    def to_actor(self) -> Actor:
        """The node as the loaders (re)write it: only derived actors are ever rewritten."""
        return Actor(
            id=self.id, name=self.name, kind=self.kind, aliases=self.aliases,
            acled_names=self.acled_names, ucdp_id=self.ucdp_id,
            unresolved=self.tier == UNRESOLVED, source_ids=self.source_ids,
        )  # fmt: skip


@dataclass(frozen=True)
class Merge:
    """Fold derived actor `old` into `new`, moving its edges."""

    old: str
    new: str


class Crosswalk:
    """Name and id lookups over a snapshot of the store's actors, kept current as it creates."""

    def __init__(self, actors: Iterable[KnownActor] = ()) -> None:
        self.actors: dict[str, KnownActor] = {}
        self._by_key: dict[str, list[str]] = {}
        self._by_ucdp: dict[int, list[str]] = {}
        self.created: dict[str, KnownActor] = {}
        self.created_total = 0
        self.touched: dict[str, KnownActor] = {}
        self.unresolved_names: dict[str, int] = {}
        self._memo: dict[tuple[str, int | None], tuple[str, bool]] = {}
        for actor in sorted(actors, key=lambda a: (a.tier, a.id)):
            self.add(actor)

    @classmethod
    async def from_store(cls, store: GraphStore) -> Crosswalk:
        return cls(KnownActor.from_row(row) for row in await read_actor_index(store))

    # -- indexing -------------------------------------------------------------------------------

    def add(self, actor: KnownActor) -> None:
        """Index `actor` (or re-index it after its names changed)."""
        self.actors[actor.id] = actor
        for key in [*actor.keys(), *self._slug_key(actor.id)]:
            ids = self._by_key.setdefault(key, [])
            if actor.id not in ids:
                ids.append(actor.id)
                ids.sort(key=lambda i: (self.actors[i].tier, i))
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

    def resolve_name(self, name: str, max_tier: int = UNRESOLVED) -> str | None:
        """The best actor a raw name denotes, at or below `max_tier`, or None."""
        best: str | None = None
        for key in name_variants(name):
            for candidate in self._by_key.get(key, ()):
                if self.actors[candidate].tier > max_tier:
                    continue
                if best is None or self.actors[candidate].tier < self.actors[best].tier:
                    best = candidate
                break
            if best is not None and self.actors[best].tier == CURATED:
                return best
        return best

    def resolve_ucdp(self, ucdp_id: int, max_tier: int = UNRESOLVED) -> str | None:
        """The best actor carrying UCDP id `ucdp_id`, or None."""
        for candidate in self._by_ucdp.get(ucdp_id, ()):
            if self.actors[candidate].tier <= max_tier:
                return candidate
        return None

    def resolve(self, name: str | None, ucdp_id: int | None = None) -> str | None:
        """UCDP id first (it is unambiguous), then the name; the better tier wins."""
        by_id = self.resolve_ucdp(ucdp_id) if ucdp_id is not None else None
        by_name = self.resolve_name(name) if name else None
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
    ) -> str:
        """The actor `name` denotes, creating an unresolved one when nothing matches.

        Answers are memoised per (name, UCDP id): a file names a few thousand actors in
        millions of rows.
        """
        memo = self._memo.get((name, ucdp_id))
        if memo is not None:
            if memo[1]:
                self.unresolved_names[name] += 1
            return memo[0]
        found = self.resolve(name, ucdp_id)
        if found is not None:
            unresolved = self.actors[found].tier == UNRESOLVED
            if unresolved:
                self._note_unresolved(name)
                self._remember_spelling(self.actors[found], name, acled, source_id)
            self._memo[(name, ucdp_id)] = (found, unresolved)
            return found
        self._note_unresolved(name)
        base = strip_period(name) or name
        node_id = ucdp_actor_id(ucdp_id) if ucdp_id is not None else make_id("actor", base)
        if node_id in self.actors:  # the slug is taken by a better-tier actor: stay apart
            node_id = make_id("actor", "unresolved", base)
        actor = KnownActor(id=node_id, name=base, tier=UNRESOLVED, kind=kind.value,
                           ucdp_id=ucdp_id, source_ids=[source_id])  # fmt: skip
        self._remember_spelling(actor, name, acled, source_id)
        self.created[node_id] = actor
        self.add(actor)
        self._memo[(name, ucdp_id)] = (node_id, True)
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
        """Derived actors that a better-tier actor now claims (by UCDP id or any name)."""
        merges: list[Merge] = []
        for actor in sorted(self.actors.values(), key=lambda a: (-a.tier, a.id)):
            if actor.tier == CURATED:
                continue
            target: str | None = None
            if actor.ucdp_id is not None:
                target = self.resolve_ucdp(actor.ucdp_id, max_tier=actor.tier - 1)
            for name in actor.names():
                if target is None:
                    found = self.resolve_name(name, max_tier=actor.tier - 1)
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
        those names and ids straight to it.
        """
        self._memo.clear()
        old = self.actors.pop(merge.old)
        for ids in (*self._by_key.values(), *self._by_ucdp.values()):
            if merge.old in ids:
                ids.remove(merge.old)
        target = self.actors[merge.new]
        if target.ucdp_id is None:
            target.ucdp_id = old.ucdp_id
        known = set(target.names())
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
