"""ACLED: every header generation, the monadic layout, dates, encodings, region names."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import GraphStore
from loaders.acled import load_acled
from loaders.acled.layouts import LEGACY, V2019, V2023, detect_layout, map_event_type
from loaders.csvfile import CsvFile
from loaders.eventdates import parse_acled_date
from loaders.eventload import LoadOptions
from queries.stats import graph_counts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "acled"


async def _load(store: GraphStore, name: str, tmp_path: Path) -> object:
    return await load_acled(
        store, [FIXTURES / name], LoadOptions(rejects_dir=tmp_path, decision_files=())
    )


async def _incident(store: GraphStore, incident_id: str) -> dict[str, object]:
    rows = await store.read("MATCH (i:Incident {id: $id}) RETURN i", {"id": incident_id})
    assert len(rows) == 1, incident_id
    return dict(rows[0]["i"])


async def _participants(store: GraphStore, incident_id: str) -> list[tuple[str, str]]:
    rows = await store.read(
        "MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Incident {id: $id}) RETURN a.name AS name, "
        "r.role AS role ORDER BY role, name",
        {"id": incident_id},
    )
    return [(row["role"], row["name"]) for row in rows]


@pytest.mark.parametrize(
    ("name", "generation", "monadic"),
    [
        ("acled_legacy.csv", LEGACY, False),
        ("acled_2019.csv", V2019, False),
        ("acled_2023.csv", V2023, False),
        ("acled_monadic.csv", V2019, True),
    ],
)
def test_layout_is_told_from_the_header(name: str, generation: str, monadic: bool) -> None:
    with CsvFile(FIXTURES / name) as csv_file:
        layout = detect_layout(csv_file.header)
    assert (layout.generation, layout.monadic) == (generation, monadic)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 December 2020", "2020-12-31"),
        ("2020-12-31", "2020-12-31"),
        ("16-Feb-21", "2021-02-16"),
        ("03-Mar-97", "1997-03-03"),
        ("1 Sept 2019", "2019-09-01"),
        ("31 Febtember 2021", None),
        ("2021-02-30", None),
        ("", None),
    ],
)
def test_dates_in_every_form_acled_ships(text: str, expected: str | None) -> None:
    assert parse_acled_date(text) == expected


def test_legacy_event_types_map_to_current_ones_keeping_the_original() -> None:
    assert map_event_type("Battle-Government regains territory", None, "1") == (
        "Battles", "Government regains territory", "Battle-Government regains territory")  # fmt: skip
    assert map_event_type("Riots/Protests", None, "5") == ("Riots", None, "Riots/Protests")
    assert map_event_type("Riots/Protests", None, "6") == ("Protests", None, "Riots/Protests")
    assert map_event_type("Battles", "Armed clash", "2") == ("Battles", "Armed clash", None)


async def test_2019_layout_loads_with_exact_counts(store: GraphStore, tmp_path: Path) -> None:
    summary = await _load(store, "acled_2019.csv", tmp_path)
    nodes, rels = await graph_counts(store)
    assert (nodes["Incident"], nodes["Actor"], nodes["Location"], nodes["Country"]) == (5, 12, 5, 1)
    assert (
        nodes["Region"] == 14
    )  # admin1 Mopti (twice), Tombouctou, Ménaka, Ségou; 5 admin2; 5 admin3
    assert rels["PARTICIPATED_IN"] == 14  # 2 + 3 + 3 + 4 + 2
    assert (rels["OCCURRED_IN"], rels["LOCATED_IN"], rels["PART_OF"]) == (5, 5, 14)
    assert summary.rows_read == 5 and summary.incidents_upserted == 5  # type: ignore[attr-defined]
    first = await _incident(store, "incident:acled-mli5001")
    assert first["date"] == "2020-12-31" and first["month"] == "2020-12"
    assert (first["event_type"], first["sub_event_type"], first["fatalities"]) == (
        "Battles", "Armed clash", 5)  # fmt: skip
    assert (first["geo_precision"], first["time_precision"], first["source_scale"]) == (
        1,
        1,
        "National",
    )
    assert first["country"] == "MLI" and first["admin1"] == "Mopti"
    assert await _participants(store, "incident:acled-mli5004") == [
        ("actor1", "CMA: Coordination of Azawad Movements"),
        ("actor2", "Islamic State (Greater Sahara)"),
        ("assoc_actor_1", "GATIA: Imghad Tuareg Self-Defense Group and Allies"),
        ("assoc_actor_1", "MSA: Movement for the Salvation of Azawad"),
    ]
    assert (await _incident(store, "incident:acled-mli5004"))["date"] == "2021-02-16"


async def test_inter_codes_set_the_kind_of_new_actors(store: GraphStore, tmp_path: Path) -> None:
    await _load(store, "acled_2023.csv", tmp_path)
    rows = await store.read("MATCH (a:Actor) RETURN a.name AS name, a.kind AS kind")
    kinds = {row["name"]: row["kind"] for row in rows}
    assert kinds["Military Forces of Mali"] == "state_force"  # text label "State forces"
    assert kinds["Unidentified Armed Group (Mali)"] == "militia"  # "Political militia"
    assert kinds["Civilians (Mali)"] == "civilians"
    assert kinds["Wagner Group"] == "unknown"  # associated actors carry no inter code


async def test_2023_layout_keeps_disorder_type_targeting_and_tags(
    store: GraphStore, tmp_path: Path
) -> None:
    await _load(store, "acled_2023.csv", tmp_path)
    nodes, _ = await graph_counts(store)
    assert (nodes["Incident"], nodes["Country"]) == (4, 3)
    abduction = await _incident(store, "incident:acled-mli6002")
    assert abduction["disorder_type"] == "Political violence"
    assert abduction["civilian_targeting"] == "Civilian targeting"
    assert abduction["tags"] == "women targeted: girls"
    assert (await _incident(store, "incident:acled-mli6001"))["notes"] == (
        'JNIM attacked a FAMa post near Sadiola, killing 3 "soldiers".'
    )


async def test_legacy_layout_with_bom_and_upper_case_header(
    store: GraphStore, tmp_path: Path
) -> None:
    summary = await _load(store, "acled_legacy.csv", tmp_path)
    assert summary.rows_read == 5 and summary.rows_rejected == 0  # type: ignore[attr-defined]
    konna = await _incident(store, "incident:acled-mli100")
    assert (konna["event_type"], konna["sub_event_type"], konna["original_event_type"]) == (
        "Battles", "Government regains territory", "Battle-Government regains territory")  # fmt: skip
    riot = await _incident(store, "incident:acled-mli102")
    assert (riot["event_type"], riot["original_event_type"]) == ("Riots", "Riots/Protests")
    assert (await _incident(store, "incident:acled-mli101"))["date"] == "2013-02-16"
    assert await _participants(store, "incident:acled-mli100") == [
        ("actor1", "Military Forces of France"),
        ("actor2", "AQIM: Al Qaeda in the Islamic Maghreb"),
        ("assoc_actor_1", "Military Forces of Mali"),
        ("assoc_actor_2", "Ansar Dine"),
    ]


async def test_monadic_rows_sharing_an_event_id_are_one_incident(
    store: GraphStore, tmp_path: Path
) -> None:
    summary = await _load(store, "acled_monadic.csv", tmp_path)
    nodes, rels = await graph_counts(store)
    assert summary.rows_read == 5  # type: ignore[attr-defined]
    assert nodes["Incident"] == 3
    assert rels["PARTICIPATED_IN"] == 7  # 3 + 3 + 1
    assert await _participants(store, "incident:acled-mli9001") == [
        ("actor1", "JNIM: Group for Support of Islam and Muslims"),
        ("actor2", "Military Forces of Mali"),
        ("assoc_actor_2", "Wagner Group"),
    ]
    assert await _participants(store, "incident:acled-mli9002") == [
        ("actor1", "Dan Na Ambassagou"),
        ("actor2", "Civilians (Mali)"),
        ("assoc_actor_2", "Fulani Ethnic Group (Mali)"),
    ]


async def test_other_encodings_fall_back_with_a_warning(store: GraphStore, tmp_path: Path) -> None:
    summary = await _load(store, "acled_cp1252.csv", tmp_path)
    warnings = summary.warnings  # type: ignore[attr-defined]
    assert len(warnings) == 1 and "is not UTF-8" in warnings[0] and "Windows-1252" in warnings[0]
    incident = await _incident(store, "incident:acled-mli7101")
    assert (incident["admin1"], incident["location"]) == ("Ségou", "Diéba")


async def test_region_names_are_normalised_to_the_stores_regions(
    store: GraphStore, tmp_path: Path
) -> None:
    from loaders.curated import load_paths

    await load_paths(store, [FIXTURES / "curated_actors.yaml"])
    await _load(store, "acled_2019.csv", tmp_path)
    await _load(store, "acled_legacy.csv", tmp_path)
    rows = await store.read(
        "MATCH (i:Incident)-[:OCCURRED_IN]->(:Location)-[:LOCATED_IN]->(:Region)"
        "-[:PART_OF*0..2]->(r:Region {level: 1}) RETURN i.external_id AS id, r.id AS region "
        "ORDER BY id"
    )
    regions = {row["id"]: row["region"] for row in rows}
    assert regions["MLI5003"] == "region:mli-timbuktu"  # ACLED 2019 wrote "Timbuktu"
    assert regions["MLI104"] == "region:mli-timbuktu"  # the legacy file wrote "Tombouctou"
    assert regions["MLI5004"] == "region:mli-menaka"  # "Menaka" → Ménaka
    assert regions["MLI5005"] == "region:mli-segou"
    names = await store.read("MATCH (r:Region {id: 'region:mli-menaka'}) RETURN r.name AS name")
    assert names == [{"name": "Ménaka"}]
