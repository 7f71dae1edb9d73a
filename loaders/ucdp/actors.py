"""The UCDP actor list (`sahelkg load-ucdp-actors`): actors, their names, splits and coalitions.

Each row becomes an actor with its UCDP id and every name UCDP gives as an alias. A row the
store's crosswalk already knows (by UCDP id, else by name) enriches that actor (UCDP id if
missing, names as aliases) instead of making another; the rest become `actor:ucdp-<id>`.

Relationships, each sourced to the UCDP actor dataset:

- `Splinter` / `SplitTemp` → `SPLINTER_OF` the previous actor (`ActorIdPrev`);
- `Alliance` → `MEMBER_OF` the alliance. UCDP lists a coalition as an actor (JNIM is actor
  6716 *and* the alliance Ansar Dine joined); the graph keeps the two apart: the member
  joins the `Alliance` node (the store's own when one matches the coalition's names, e.g.
  `alliance:jnim-coalition` for "JNIM coalition"; else `alliance:ucdp-<id>`), and that
  alliance is `AFFILIATED_WITH` the coalition actor;
- `JoinGroup` → `MEMBER_OF` the alliance when the joined group is such a coalition, else
  `PART_OF` the group.

The file is small (1,725 rows in 22.1) and the relationships point in any direction, so it
is read whole.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.ids import make_id
from graph.model import Actor, Alliance, Relationship, Source
from graph.store.base import GraphStore
from graph.vocab import ActorKind
from loaders.countries import all_countries, iso3_for_gw
from loaders.crosswalk import (
    CURATED,
    UCDP_LIST,
    Crosswalk,
    KnownActor,
    name_variants,
    ucdp_actor_id,
)
from loaders.csvfile import CsvFile, RejectsFile, raw_text
from loaders.eventload import rejects_path_for, resolve_merges
from loaders.names import match_key
from loaders.problems import Problem, ValidationFailed
from loaders.progress import EventLoadSummary
from queries.eventdata.actor_merge import ACTOR_NAMES_UPDATE
from queries.eventdata.indexes import read_alliance_index
from queries.eventdata.references import create_missing_nodes_statement
from queries.writes import node_rows, upsert_nodes_statement, upsert_relationships

REQUIRED = ("actorid", "namedata")
_ORG_KINDS = {"1": ActorKind.ARMED_GROUP, "2": ActorKind.OTHER, "3": ActorKind.COMMUNAL_GROUP,
              "4": ActorKind.GOVERNMENT}  # fmt: skip
_COALITION_WORDS = (" coalition", " alliance")


def ucdp_actor_source(version: str) -> Source:
    """The dataset as a Source node: `source:ucdp-actor-22-1` for version 22.1."""
    return Source(
        id=make_id("source", "ucdp-actor", version or "unknown"),
        name=f"UCDP Actor Dataset, version {version}",
        publisher="Uppsala Conflict Data Program",
        url="https://ucdp.uu.se/downloads/",
        kind="dataset",
        reliability="A",
        licence="CC BY 4.0",
    )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip() and part.strip() != "n/a"]


def _ids(value: str) -> list[int]:
    return [int(part) for part in _split(value) if part.isdigit()]


@dataclass
class UcdpActorRow:
    """One row of the actor list, as the loader needs it."""

    line: int
    ucdp_id: int
    name: str
    names: list[str]
    kind: ActorKind
    country: str | None
    countries: list[str]
    locations: str
    gw_codes: list[int]
    previous: list[tuple[int, str]] = field(default_factory=list)
    temporary_split: list[tuple[int, str]] = field(default_factory=list)
    alliances: list[tuple[int, str]] = field(default_factory=list)
    groups: list[tuple[int, str]] = field(default_factory=list)


def _pairs(ids: str, names: str) -> list[tuple[int, str]]:
    id_list, name_list = _ids(ids), _split(names)
    return [(i, name_list[k] if k < len(name_list) else str(i)) for k, i in enumerate(id_list)]


def parse_actor_row(line: int, row: dict[str, str]) -> UcdpActorRow:
    """Raises ValueError naming the field when the row cannot be an actor."""
    raw_id = row.get("actorid", "").strip()
    if not raw_id.isdigit():
        raise ValueError(f"actorid: {raw_id!r} is not a UCDP actor id")
    name = row.get("namedata", "").strip()
    if not name:
        raise ValueError("namedata: is empty")
    names = [name]
    for column in ("nameorig", "nameorigfull", "nameorigfulleng"):
        value = row.get(column, "").strip()
        if value and value != "n/a":
            names.append(value)
    for column in ("newname", "newnamefullmothertongue", "newnamefulleng"):
        names += _split(row.get(column, ""))
    gw_codes = _ids(row.get("gwnoloc", ""))
    countries = {iso3_for_gw(code) for code in gw_codes}
    return UcdpActorRow(
        line=line, ucdp_id=int(raw_id), name=name, names=list(dict.fromkeys(names)),
        kind=_ORG_KINDS.get(row.get("org", "").strip(), ActorKind.UNKNOWN),
        country=next(iter(countries)) if len(countries) == 1 and None not in countries else None,
        countries=sorted(c for c in countries if c is not None),
        locations=row.get("location", ""), gw_codes=gw_codes,
        previous=_pairs(row.get("actoridprev", ""), row.get("nameprev", "")),
        temporary_split=_pairs(row.get("actoridsplittemp", ""), row.get("namesplittemp", "")),
        alliances=_pairs(row.get("actoridalliance", ""), row.get("namealliance", "")),
        groups=_pairs(row.get("actoridgroup", ""), row.get("groupname", "")),
    )  # fmt: skip


def read_actor_rows(path: Path, rejects: RejectsFile) -> tuple[list[UcdpActorRow], str, str | None]:
    """(rows, dataset version, encoding warning); bad rows go to `rejects`."""
    rows: list[UcdpActorRow] = []
    versions: set[str] = set()
    with CsvFile(path) as csv_file:
        missing = [name for name in REQUIRED if name not in csv_file.header]
        if missing:
            rejects.add(path, 1, None, f"unknown layout: not a UCDP actor list (lacks "
                        f"{', '.join(missing)})", raw_text(csv_file.header))  # fmt: skip
            return [], "", csv_file.encoding.warning
        for line, values in csv_file.records():
            if len(values) != len(csv_file.header):
                rejects.add(path, line, None, f"the row has {len(values)} fields; the header "
                            f"has {len(csv_file.header)}", raw_text(values))  # fmt: skip
                continue
            record = dict(zip(csv_file.header, values, strict=True))
            try:
                rows.append(parse_actor_row(line, record))
            except ValueError as exc:
                field_name, _, reason = str(exc).partition(": ")
                rejects.add(path, line, field_name, reason, raw_text(values))
                continue
            if record.get("version", "").strip():
                versions.add(record["version"].strip())
        return rows, ",".join(sorted(versions)), csv_file.encoding.warning


def _in_country(row: UcdpActorRow, country: str | None) -> bool:
    if country is None:
        return True
    wanted = match_key(country)
    iso = {
        info.iso3
        for info in all_countries()
        if wanted in (match_key(info.name), match_key(info.iso3))
    }
    gw = {code for info in all_countries() if info.iso3 in iso for code in info.gw_codes}
    names = {match_key(n) for n in row.locations.split(",")}
    return wanted in names or bool(gw & set(row.gw_codes))


class AllianceIndex:
    """The store's Alliance nodes by name, with coalition words ignored ("JNIM coalition")."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self.by_key: dict[str, str] = {}
        for row in rows:
            for name in (row.get("name"), *(row.get("aliases") or [])):
                if not name:
                    continue
                text = str(name)
                for word in _COALITION_WORDS:
                    if text.lower().endswith(word):
                        text = text[: -len(word)]
                for key, _ in name_variants(text):
                    self.by_key.setdefault(key, str(row["id"]))

    def find(self, names: Iterable[str]) -> str | None:
        for name in names:
            for key, _ in name_variants(name):
                if key in self.by_key:
                    return self.by_key[key]
        return None


@dataclass
class _Plan:
    actors: list[Actor] = field(default_factory=list)
    name_updates: list[dict[str, Any]] = field(default_factory=list)
    alliances: list[Alliance] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    created: int = 0
    matched: int = 0


async def load_ucdp_actors(
    store: GraphStore,
    path: Path,
    country: str | None = None,
    strict: bool = False,
    dry_run: bool = False,
    rejects_dir: Path | None = None,
) -> EventLoadSummary:
    """Load the UCDP actor list (all of it, or the actors active in `country`)."""
    started = time.perf_counter()
    summary = EventLoadSummary(dataset="UCDP actors", files=[str(path)], dry_run=dry_run)
    rejects = RejectsFile(rejects_path_for(path, rejects_dir))
    try:
        rows, version, warning = read_actor_rows(path, rejects)
    finally:
        rejects.close()
    if warning:
        summary.warnings.append(warning)
    summary.rows_read = len(rows) + rejects.count
    summary.rows_rejected = rejects.count
    if rejects.count:
        summary.rejects_files.append(str(rejects.path))
        if strict:
            raise ValidationFailed([Problem(str(path), None, None,
                                            f"--strict: {rejects.count} bad rows; the whole file "
                                            f"is rejected; see {rejects.path}")])  # fmt: skip
    source = ucdp_actor_source(version.split(",")[0] if version else "")
    if not dry_run:
        await store.ensure_schema()
    crosswalk = await Crosswalk.from_store(store)
    summary.actors_merged = await resolve_merges(store, crosswalk, dry_run)
    plan = _plan(rows, country, crosswalk, AllianceIndex(await read_alliance_index(store)), source)
    summary.actors_created = plan.created
    summary.actors_upserted = len(plan.actors) + len(plan.name_updates)
    summary.relationships = len(plan.relationships)
    summary.actors_matched = plan.matched
    if not dry_run:
        async with store.transaction() as tx:
            await tx.write(create_missing_nodes_statement("Source"),
                           {"rows": list(node_rows([source]))})  # fmt: skip
            if plan.actors:
                await tx.write(
                    upsert_nodes_statement("Actor"), {"rows": list(node_rows(plan.actors))}
                )
            if plan.name_updates:
                await tx.write(ACTOR_NAMES_UPDATE, {"rows": plan.name_updates})
            if plan.alliances:
                await tx.write(create_missing_nodes_statement("Alliance"),
                               {"rows": list(node_rows(plan.alliances))})  # fmt: skip
            await upsert_relationships(tx, plan.relationships)
        summary.actors_merged += await resolve_merges(
            store, await Crosswalk.from_store(store), dry_run
        )
    summary.seconds = time.perf_counter() - started
    return summary


def _plan(
    rows: list[UcdpActorRow],
    country: str | None,
    crosswalk: Crosswalk,
    alliances: AllianceIndex,
    source: Source,
) -> _Plan:
    plan = _Plan()
    by_ucdp = {row.ucdp_id: row for row in rows}
    selected = [row for row in rows if _in_country(row, country)]
    wanted = {row.ucdp_id for row in selected}
    for row in selected:  # actors they point at are loaded too
        for target, _ in (*row.previous, *row.temporary_split, *row.alliances, *row.groups):
            wanted.add(target)
    coalition_ids = {target for row in rows for target, _ in row.alliances}
    ids: dict[int, str] = {}
    referred: dict[int, str] = {}
    for row in rows:
        for target, name in (*row.previous, *row.temporary_split, *row.alliances, *row.groups):
            referred.setdefault(target, name)
    for ucdp_id in sorted(wanted):
        fallback = referred.get(ucdp_id, f"UCDP actor {ucdp_id}")
        ids[ucdp_id] = _actor(plan, crosswalk, by_ucdp.get(ucdp_id), ucdp_id, fallback, source)
    alliance_ids: dict[int, str] = {}

    def alliance_for(ucdp_id: int, name: str) -> str:
        if ucdp_id not in alliance_ids:
            row = by_ucdp.get(ucdp_id)
            names = [name, *(row.names if row else [])]
            found = alliances.find(names)
            if found is None:
                found = f"alliance:ucdp-{ucdp_id}"
                plan.alliances.append(Alliance(id=found, name=name, aliases=names[1:],
                                               source_ids=[source.id]))  # fmt: skip
            alliance_ids[ucdp_id] = found
            plan.relationships.append(_rel("AFFILIATED_WITH", found, ids[ucdp_id], source,
                                           "UCDP lists the coalition as an actor"))  # fmt: skip
        return alliance_ids[ucdp_id]

    for row in selected:
        me = ids[row.ucdp_id]
        for target, _ in row.previous:
            plan.relationships.append(_rel("SPLINTER_OF", me, ids[target], source))
        for target, _ in row.temporary_split:
            plan.relationships.append(_rel("SPLINTER_OF", me, ids[target], source,
                                           "temporary split (UCDP SplitTemp)"))  # fmt: skip
        for target, name in row.alliances:
            plan.relationships.append(_rel("MEMBER_OF", me, alliance_for(target, name), source))
        for target, name in row.groups:
            if target in coalition_ids:
                to = alliance_for(target, name)
                plan.relationships.append(
                    _rel("MEMBER_OF", me, to, source, "joined (UCDP JoinGroup)")
                )
            elif ids[target] != me:
                plan.relationships.append(_rel("PART_OF", me, ids[target], source,
                                               "joined (UCDP JoinGroup)"))  # fmt: skip
    plan.relationships = [r for r in plan.relationships if r.from_id != r.to_id]
    plan.relationships = list({r.id: r for r in plan.relationships}.values())
    return plan


def _actor(
    plan: _Plan,
    crosswalk: Crosswalk,
    row: UcdpActorRow | None,
    ucdp_id: int,
    fallback_name: str,
    source: Source,
) -> str:
    """The id this UCDP actor has in the graph, planning the node write it needs."""
    names = row.names if row else [fallback_name]
    found = crosswalk.resolve_ucdp(ucdp_id, max_tier=UCDP_LIST)
    if found is None:
        for name in names:
            found = crosswalk.resolve_name(name, max_tier=CURATED)
            theirs = crosswalk.actors[found].ucdp_id if found else None
            if theirs is not None and theirs != ucdp_id:
                found = None  # the name is shared, but UCDP tells the two apart
            if found is not None:
                break
    if found is not None and crosswalk.actors[found].tier == CURATED:
        plan.matched += 1
        known: KnownActor = crosswalk.actors[found]
        current = set(known.names())
        known.aliases += [n for n in names if n not in current]
        if known.ucdp_id is None:
            known.ucdp_id = ucdp_id
        every = [known.name, *known.aliases, *known.acled_names]
        plan.name_updates.append({"id": found, "ucdp_id": known.ucdp_id, "aliases": known.aliases,
                                  "acled_names": known.acled_names,
                                  "search_text": " | ".join(dict.fromkeys(every))})  # fmt: skip
        return found
    node_id = found or ucdp_actor_id(ucdp_id)
    if node_id not in crosswalk.actors:
        plan.created += 1
    previous = crosswalk.actors.get(node_id)
    plan.actors.append(
        Actor(
            id=node_id, name=names[0], kind=row.kind if row else ActorKind.UNKNOWN,
            aliases=names[1:], country=row.country if row else None, ucdp_id=ucdp_id,
            countries=row.countries if row else [],
            acled_names=previous.acled_names if previous else [],
            source_ids=[source.id], unresolved=False,
        )
    )  # fmt: skip
    return node_id


def _rel(
    rel_type: str, from_id: str, to_id: str, source: Source, note: str | None = None
) -> Relationship:
    return Relationship(type=rel_type, from_id=from_id, to_id=to_id, status="reported",
                        credibility=2, source_ids=[source.id], note=note)  # fmt: skip
