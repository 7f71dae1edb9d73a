"""Every country UCDP GED can name: its Gleditsch–Ward code and each spelling resolve.

UCDP codes countries by Gleditsch–Ward number (`country_id`) and spells them its own way
(`DR Congo (Zaire)`, `Russia (Soviet Union)`). The committed GW table
(`data/gazetteer/gleditsch_ward.csv`) is checked against ISO 3166-1 as the `iso3166`
package maintains it; then a GED file with one row per GW code and spelling loads with
every incident in a country and a region.
"""

from __future__ import annotations

import csv
from pathlib import Path

import iso3166

from graph.store import GraphStore
from loaders.countries import GW_TABLE, country_index, read_gw_table
from loaders.eventload import LoadOptions
from loaders.ucdp import load_ucdp_ged
from loaders.ucdp.ged import GED_COLUMNS


def test_every_gw_state_maps_to_an_iso_3166_country() -> None:
    states = read_gw_table()
    assert len({state.gw for state in states}) == len(states)  # no code twice
    missing = [(s.gw, s.iso3) for s in states if s.iso3 not in iso3166.countries_by_alpha3]
    assert missing == []
    # every current UN member state of the GW list is there (spot checks across continents)
    codes = {state.gw: state.iso3 for state in states}
    assert {codes[432], codes[439], codes[436], codes[490], codes[365], codes[345]} == {
        "MLI", "BFA", "NER", "COD", "RUS", "SRB"
    }  # fmt: skip
    assert len(states) == sum(1 for _ in GW_TABLE.open(encoding="utf-8")) - 1


def _ged_rows() -> list[tuple[dict[str, str], str]]:
    """(GED row, expected ISO3): each GW state under each of its spellings, and once under a
    name no table has, found by its code alone."""
    rows: list[tuple[dict[str, str], str]] = []
    for state in read_gw_table():
        for spelling in (state.name, *state.aliases, "Unknown land"):
            event = str(100000 + len(rows))
            row = dict.fromkeys(GED_COLUMNS, "")
            row.update(id=event, date_start="2020-01-01 00:00:00.000", type_of_violence="3",
                       side_a=f"Armed group of {state.name}", side_b="Civilians",
                       country=spelling, country_id=str(state.gw), best="1",
                       adm_1=f"{state.name} province")  # fmt: skip
            rows.append((row, state.iso3))
    return rows


async def test_a_ged_file_naming_every_country_loads_with_every_incident_placed(
    store: GraphStore, tmp_path: Path
) -> None:
    rows = _ged_rows()
    path = tmp_path / "ged_world.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=GED_COLUMNS)
        writer.writeheader()
        writer.writerows(row for row, _ in rows)
    summary = await load_ucdp_ged(store, [path], LoadOptions(rejects_dir=tmp_path))
    assert (summary.incidents_upserted, summary.rows_rejected) == (len(rows), 0)
    assert [w for w in summary.warnings if "country" in w] == []
    stored = await store.read(
        "MATCH (i:Incident) OPTIONAL MATCH (i)-[:OCCURRED_IN]->(r:Region)-[:PART_OF]->(c:Country) "
        "RETURN i.external_id AS event, i.country AS country, c.iso3 AS placed_in"
    )
    expected = {row["id"]: iso3 for row, iso3 in rows}
    assert {r["event"]: r["country"] for r in stored} == expected
    assert {r["event"]: r["placed_in"] for r in stored} == expected  # no incident unplaced
    countries = await store.read("MATCH (c:Country) RETURN count(c) AS n")
    assert countries == [{"n": len(set(expected.values()))}]


def test_acled_iso_numeric_codes_cover_all_of_iso_3166() -> None:
    index = country_index()
    for country in iso3166.countries:
        found = index.find(None, country.numeric)
        assert found is not None and found.iso3 == country.alpha3


async def test_ged_sahel_sides_resolve_through_the_shipped_decisions(
    store: GraphStore, tmp_path: Path
) -> None:
    sides = [  # (event, country, GW code, side A, its UCDP id, side B, its UCDP id)
        ("1", "Mali", "432", "IS", "234", "Civilians", "1"),
        ("2", "Burkina Faso", "439", "Koglweogo", "", "IS", "234"),
        ("3", "Niger", "436", "Government of Niger", "", "Civilians", "1"),
        ("4", "Mali", "432", "GATIA, MSA", "", "IS", "234"),
        ("5", "Iraq", "645", "Government of Iraq", "", "IS", "234"),
    ]
    path = tmp_path / "ged_sahel.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=GED_COLUMNS)
        writer.writeheader()
        for event, country, gw, side_a, a_id, side_b, b_id in sides:
            row = dict.fromkeys(GED_COLUMNS, "")
            row.update(id=event, date_start="2021-05-01 00:00:00.000", type_of_violence="1",
                       side_a=side_a, side_a_new_id=a_id, side_b=side_b, side_b_new_id=b_id,
                       country=country, country_id=gw, best="2")  # fmt: skip
            writer.writerow(row)
    await load_ucdp_ged(store, [path], LoadOptions(rejects_dir=tmp_path))
    linked = await store.read(
        "MATCH (a:Actor)-[p:PARTICIPATED_IN]->(i:Incident) "
        "RETURN i.external_id AS event, p.role AS role, a.id AS actor ORDER BY event, role, actor"
    )
    assert [(r["event"], r["role"], r["actor"]) for r in linked] == [
        ("1", "side_a", "actor:is-sahel"),  # UCDP's global IS, in Mali: IS Sahel
        ("1", "side_b", "actor:civilians-mali"),
        ("2", "side_a", "actor:koglweogo"),
        ("2", "side_b", "actor:is-sahel"),
        ("3", "side_a", "actor:government-of-niger"),
        ("3", "side_b", "actor:civilians-niger"),
        ("4", "side_a", "actor:gatia"),
        ("4", "side_a", "actor:msa"),
        ("4", "side_b", "actor:is-sahel"),
        ("5", "side_a", "actor:government-of-iraq"),  # made from the name: no decision applies
        ("5", "side_b", "actor:ucdp-234"),  # in Iraq, IS stays UCDP's actor 234
    ]
