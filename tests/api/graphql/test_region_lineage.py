"""`Region.carvedFrom` / `carvedInto`: the old↔new admin-1 crosswalk on the Region type,
over HTTP, as `data/gazetteer/admin1.csv` has it (Ménaka from Gao in 2016, Bandiagara and
Douentza from Mopti in 2023, Liptako and Soum from Burkina Faso's Sahel region in July 2025)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from graph.store import GraphStore
from loaders.admins import predecessors
from loaders.curated import load_paths
from tests.api.graphql.conftest import Api, empty_store
from tests.conftest import ENGINES
from tests.support.regionrows import CARVED_REGION_ROWS, load_short_acled

pytestmark = pytest.mark.asyncio(loop_scope="module")
API_ENGINES = ENGINES  # every test here runs on embedded FalkorDB and on Neo4j

REPO = Path(__file__).resolve().parents[3]
MORE_ROWS = [  # Douentza (from Mopti); Nakambé, from Centre-Est, which no row names
    ["MLI3", "2024-02-01", "Battles", "A", "B", "Mali", "466", "Douentza", "", "", ""],
    ["BFA4", "2025-10-01", "Battles", "A", "B", "Burkina Faso", "854", "Nakambe", "", "", ""],
]
REF = "{ id label name }"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def graph_store(
    api_engine: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[GraphStore]:
    """Mali's regions from data/reference, and the carved units ACLED rows name."""
    store = await empty_store(api_engine, request)
    await load_paths(store, [REPO / "data" / "reference"])
    folder = tmp_path_factory.mktemp("acled")
    await load_short_acled(store, folder, [*CARVED_REGION_ROWS, *MORE_ROWS])
    yield store
    await store.close()


def ref(region_id: str, name: str | None) -> dict[str, str | None]:
    return {"id": region_id, "label": "Region", "name": name}


async def test_a_new_mali_region_names_the_one_it_was_carved_from(api: Api) -> None:
    data = await api.data(
        f'{{ menaka: region(id: "region:mli-menaka") {{ name validFrom carvedFrom {REF} }} '
        f'bandiagara: region(id: "region:mli-bandiagara") {{ validFrom carvedFrom {REF} }} '
        f'gao: region(id: "region:mli-gao") {{ validFrom carvedFrom {REF} carvedInto {REF} }} '
        f'mopti: region(id: "region:mli-mopti") {{ carvedFrom {REF} carvedInto {REF} }} }}'
    )
    assert data == {
        "menaka": {"name": "Menaka", "validFrom": "2016",
                   "carvedFrom": [ref("region:mli-gao", "Gao")]},
        "bandiagara": {"validFrom": "2023", "carvedFrom": [ref("region:mli-mopti", "Mopti")]},
        "gao": {"validFrom": None, "carvedFrom": [],
                "carvedInto": [ref("region:mli-menaka", "Menaka")]},
        "mopti": {"carvedFrom": [],
                  "carvedInto": [ref("region:mli-bandiagara", "Bandiagara"),
                                 ref("region:mli-douentza", "Douentza")]},
    }  # fmt: skip


async def test_from_a_new_burkina_region_to_the_old_one_and_its_other_part(api: Api) -> None:
    data = await api.data(
        '{ region(id: "region:bfa-liptako") { validFrom carvedFrom { id name '
        "node { ... on Region { validTo carvedFrom { id } carvedInto { id name } } } } } }"
    )
    assert data["region"] == {
        "validFrom": "2025-07-02",
        "carvedFrom": [{"id": "region:bfa-sahel", "name": "Sahel", "node": {
            "validTo": "2025-07-01", "carvedFrom": [],
            "carvedInto": [{"id": "region:bfa-liptako", "name": "Liptako"},
                           {"id": "region:bfa-soum", "name": "Soum"}]}}],
    }  # fmt: skip


async def test_an_old_unit_the_store_lacks_still_appears_by_id(api: Api) -> None:
    data = await api.data(
        '{ region(id: "region:bfa-nakambe") { name carvedFrom { id label name node { id } } } }'
    )
    assert data["region"] == {
        "name": "Nakambé",
        "carvedFrom": [{"id": "region:bfa-centre-est", "label": "Region", "name": None,
                        "node": None}],
    }  # fmt: skip


async def test_every_region_of_a_page_agrees_with_the_table(api: Api) -> None:
    """A page of regions of two countries: each one's carvedFrom is what admin1.csv says."""
    data = await api.data(
        '{ mli: regions(filter: {country: "MLI", level: 1}, first: 50) '
        "{ edges { node { id carvedFrom { id } } } } "
        'bfa: regions(filter: {country: "BFA", level: 1}, first: 50) '
        "{ edges { node { id carvedFrom { id } } } } }"
    )
    nodes = [edge["node"] for page in data.values() for edge in page["edges"]]
    # Mali: the reference's 11 and Bandiagara, Kita, Douentza; Burkina Faso: the rows' 4
    assert len(nodes) == 14 + 4
    for node in nodes:
        expected = sorted(u.id for u in predecessors(node["id"]))
        assert [ref["id"] for ref in node["carvedFrom"]] == expected, node["id"]
    carved = {n["id"]: [r["id"] for r in n["carvedFrom"]] for n in nodes if n["carvedFrom"]}
    assert carved == {
        "region:mli-taoudenni": ["region:mli-timbuktu"],
        "region:mli-menaka": ["region:mli-gao"],
        "region:mli-kita": ["region:mli-kayes"],
        "region:mli-douentza": ["region:mli-mopti"],
        "region:mli-bandiagara": ["region:mli-mopti"],
        "region:bfa-liptako": ["region:bfa-sahel"],
        "region:bfa-soum": ["region:bfa-sahel"],
        "region:bfa-nakambe": ["region:bfa-centre-est"],
    }
