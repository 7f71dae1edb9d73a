"""Realistic event files for the restart and crash tests, generated (deterministically).

Real column layouts (the ACLED 2023 export and the UCDP GED 49-column layout, headers
taken from the fixtures), real places (admin-1 and admin-2 names and centroids from
the committed Natural Earth extracts), real actor names (ACLED spellings from `data/reference`, UCDP
names from the UCDP actor list). Only ids, dates and counts are invented.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
ADMIN1_GEOJSON = REPO / "api" / "web" / "static" / "geo" / "sahel-admin1.geojson"
FIXTURES = REPO / "tests" / "fixtures"
BFA_ADMIN2 = FIXTURES / "geo" / "bfa-admin2-labels.csv"

_COUNTRIES = {"MLI": ("Mali", "466", "432"), "BFA": ("Burkina Faso", "854", "439"),
              "NER": ("Niger", "562", "436")}  # fmt: skip
_EVENT_TYPES = (
    ("Battles", "Armed clash", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence"),
    ("Strategic developments", "Looting/property destruction", "Strategic developments"),
)


def _places() -> list[dict[str, object]]:
    """(country, admin1, admin2, latitude, longitude): admin-1 units of the three countries
    from the explorer's committed GeoJSON, Burkina Faso's provinces from a committed extract
    (tests/fixtures/geo/README.md) — both Natural Earth, so nothing beside the clone is read."""
    places: list[dict[str, object]] = []
    admin1 = json.loads(ADMIN1_GEOJSON.read_text(encoding="utf-8"))
    for feature in admin1["features"]:
        props = feature["properties"]
        if props["country_iso3"] in _COUNTRIES:
            places.append({"iso3": props["country_iso3"], "admin1": props["name"], "admin2": "",
                           "lat": props["label_lat"], "lon": props["label_lon"]})  # fmt: skip
    with BFA_ADMIN2.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            places.append({"iso3": "BFA", "admin1": row["parent_name_iso"], "admin2": row["name"],
                           "lat": float(row["label_lat"]), "lon": float(row["label_lon"])})  # fmt: skip
    return places


def _acled_actor_names() -> list[str]:
    actors = yaml.safe_load((REPO / "data" / "reference" / "actors.yaml").read_text("utf-8"))
    names: list[str] = []
    for actor in actors["actors"]:
        names += actor.get("acled_names") or [actor["name"]]
    return names


def _ucdp_actor_names() -> list[str]:
    path = REPO / "data" / "third_party" / "ucdp" / "ucdp-actor-221.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row["NameData"] for row in csv.DictReader(handle)
                if any(c in row["Location"] for c in ("Mali", "Burkina Faso", "Niger"))
                and not row["NameData"].startswith("Government of")]  # fmt: skip


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


def write_acled(path: Path, rows: int, seed: int = 7) -> Path:
    """An ACLED 2023-layout export of `rows` events."""
    rng = random.Random(seed)
    places, actors = _places(), _acled_actor_names()
    header = _header(FIXTURES / "acled" / "acled_2023.csv")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        for number in range(rows):
            place = rng.choice(places)
            country, iso, _gw = _COUNTRIES[str(place["iso3"])]
            event_type, sub_type, disorder = rng.choice(_EVENT_TYPES)
            year = rng.randint(2019, 2024)
            fatalities = rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 20))
            actor1, actor2 = rng.sample(actors, 2)
            town = place["admin2"] or place["admin1"]
            writer.writerow({
                "event_id_cnty": f"{place['iso3']}{100000 + number}",
                "event_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "year": year, "time_precision": 1, "disorder_type": disorder,
                "event_type": event_type, "sub_event_type": sub_type, "actor1": actor1,
                "assoc_actor_1": "", "inter1": "Rebel group", "actor2": actor2,
                "assoc_actor_2": "", "inter2": "State forces",
                "interaction": "Rebel group-State forces", "civilian_targeting": "",
                "iso": iso, "region": "Western Africa", "country": country,
                "admin1": place["admin1"], "admin2": place["admin2"], "admin3": "",
                "location": town,
                "latitude": f"{float(place['lat']) + rng.uniform(-0.3, 0.3):.4f}",  # type: ignore[arg-type]
                "longitude": f"{float(place['lon']) + rng.uniform(-0.3, 0.3):.4f}",  # type: ignore[arg-type]
                "geo_precision": rng.randint(1, 3), "source": "Sahel Dispatch",
                "source_scale": "National",
                "notes": f"{actor1} clashed with {actor2} near {town}; {fatalities} killed.",
                "fatalities": fatalities, "tags": "", "timestamp": 1690000000 + number,
            })  # fmt: skip
    return path


def write_ged(path: Path, rows: int, seed: int = 11) -> Path:
    """A UCDP GED (49 columns) file of `rows` events."""
    rng = random.Random(seed)
    places, actors = _places(), _ucdp_actor_names()
    header = _header(FIXTURES / "ucdp" / "ged_mali.csv")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        for number in range(rows):
            place = rng.choice(places)
            country, _iso, gw = _COUNTRIES[str(place["iso3"])]
            year = rng.randint(2012, 2023)
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 00:00:00.000"
            side_a, side_b = f"Government of {country}", rng.choice(actors)
            deaths = [rng.choice((0, 0, 1, 2, 4)) for _ in range(4)]
            lat = float(place["lat"]) + rng.uniform(-0.3, 0.3)  # type: ignore[arg-type]
            lon = float(place["lon"]) + rng.uniform(-0.3, 0.3)  # type: ignore[arg-type]
            where = place["admin2"] or place["admin1"]
            writer.writerow({
                "id": 500000 + number, "relid": f"{place['iso3']}-{year}-1-{number}",
                "year": year, "active_year": 1, "code_status": "Clear", "type_of_violence": 1,
                "conflict_dset_id": 11347, "conflict_new_id": 11347,
                "conflict_name": f"{country}: Government", "dyad_dset_id": 12567,
                "dyad_new_id": 12567, "dyad_name": f"{side_a} - {side_b}",
                "side_a_dset_id": 72, "side_a_new_id": 72, "side_a": side_a,
                "side_b_dset_id": 6716, "side_b_new_id": 6716, "side_b": side_b,
                "number_of_sources": 1, "source_article": "AFP", "source_office": "AFP",
                "source_date": date[:10], "source_headline": f"Clash near {where}",
                "source_original": "local sources", "where_prec": rng.randint(1, 4),
                "where_coordinates": f"{where} town", "where_description": f"near {where}",
                "adm_1": f"{place['admin1']} region", "adm_2": place["admin2"],
                "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}",
                "geom_wkt": f"POINT ({lon:.2f} {lat:.2f})", "priogrid_gid": 170000,
                "country": country, "country_id": gw, "region": "Africa", "event_clarity": 1,
                "date_prec": 1, "date_start": date, "date_end": date, "deaths_a": deaths[0],
                "deaths_b": deaths[1], "deaths_civilians": deaths[2],
                "deaths_unknown": deaths[3], "best": sum(deaths), "high": sum(deaths) + 2,
                "low": sum(deaths), "gwnoa": gw, "gwnob": "",
            })  # fmt: skip
    return path


SHORT_ACLED_HEADER = ["event_id_cnty", "event_date", "event_type", "actor1", "actor2", "country",
                      "iso", "admin1", "admin2", "admin3", "location", "disorder_type",
                      "timestamp"]  # fmt: skip
"""A minimal ACLED 2023 header: enough columns to place events and name their actors."""


def write_short_acled(path: Path, rows: list[list[str]]) -> Path:
    """ACLED rows of SHORT_ACLED_HEADER's columns but the last two (written for them)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(SHORT_ACLED_HEADER)
        writer.writerows([*row, "Political violence", "1"] for row in rows)
    return path
