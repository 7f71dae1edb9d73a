"""The model: deterministic ids, ISO dates, grades and the likelihood scale."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graph.dates import end_bound, shift_month, start_bound
from graph.ids import fold, make_id, slugify
from graph.model import Actor, Alliance, Relationship
from graph.schema import allowed, check_label, check_relationship_type, label_for_id


def test_ids_are_deterministic_and_readable() -> None:
    assert make_id("region", "MLI", "Ségou") == "region:mli-segou"
    assert make_id("country", "Côte d'Ivoire") == "country:cote-divoire"
    assert slugify("Jama'at Nasr al-Islam wal Muslimin") == "jamaat-nasr-al-islam-wal-muslimin"
    assert fold("Ménaka") == "menaka"
    with pytest.raises(ValueError, match="no letters or digits"):
        slugify("—")


def test_relationship_ids_are_stable_and_keyed_by_period_or_role() -> None:
    rel = Relationship(
        type="MEMBER_OF", from_id="actor:a", to_id="alliance:b", valid_from="2023-09-16"
    )
    assert rel.id == "MEMBER_OF|actor:a|alliance:b|2023-09-16"
    role = Relationship(
        type="PARTICIPATED_IN", from_id="actor:a", to_id="incident:1", role="actor1"
    )
    assert role.id == "PARTICIPATED_IN|actor:a|incident:1|actor1"
    assert rel.to_properties()["status_rank"] == 3  # reported by default


@pytest.mark.parametrize("value", ["2023", "2023-06", "2023-06-30"])
def test_partial_iso_dates_are_accepted(value: str) -> None:
    assert Actor(id="actor:a", name="A", founded=value).founded == value


@pytest.mark.parametrize("value", ["2023-6-1", "30 June 2023", "2023-02-29", "2023-00"])
def test_bad_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValidationError):
        Actor(id="actor:a", name="A", founded=value)


def test_date_bounds_and_month_shift() -> None:
    assert start_bound("2023-06") == "2023-06-01"
    assert end_bound("2023-06") == "2023-06-31"
    assert end_bound("2023") == "2023-12-31"
    assert shift_month("2023-01", -1) == "2022-12"
    assert shift_month("2023-12", 1) == "2024-01"


def test_credibility_is_admiralty_1_to_6() -> None:
    with pytest.raises(ValidationError, match="less than or equal to 6"):
        Relationship(type="ALLIED_WITH", from_id="actor:a", to_id="actor:b", credibility=7)
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        Relationship(type="ALLIED_WITH", from_id="actor:a", to_id="actor:b", credibility=0)


def test_possible_alliance_needs_a_likelihood() -> None:
    with pytest.raises(ValidationError, match="needs a likelihood"):
        Alliance(id="alliance:x", name="X", status="possible")
    assert (
        Alliance(id="alliance:x", name="X", status="possible", likelihood="unlikely").likelihood
        == "unlikely"
    )


def test_schema_guards_names_that_reach_cypher() -> None:
    assert label_for_id("actor:jnim") == "Actor"
    assert label_for_id("report:x") == "ActivityReport"
    assert allowed("MEMBER_OF", "Actor", "Alliance")
    assert not allowed("MEMBER_OF", "Region", "Alliance")
    with pytest.raises(ValueError, match="unknown label"):
        check_label("Actor) DETACH DELETE (n")
    with pytest.raises(ValueError, match="unknown relationship type"):
        check_relationship_type("KNOWS]->() DELETE r //")


def test_search_text_gathers_every_spelling() -> None:
    actor = Actor(id="actor:jnim", name="JNIM", aliases=["GSIM"], acled_names=["JNIM: Group"])
    assert actor.to_properties()["search_text"] == "JNIM | GSIM | JNIM: Group"


def test_the_schema_lists_every_node_type_with_its_id_prefix() -> None:
    from graph.model import NODE_TYPES
    from graph.schema import ID_PREFIX_BY_LABEL

    assert {t.label: t.id_prefix for t in NODE_TYPES} == ID_PREFIX_BY_LABEL


def test_the_store_and_a_read_command_do_not_import_the_models() -> None:
    """`sahelkg stats` and the other reads start faster without pydantic's models."""
    import subprocess
    import sys

    probe = "import sys, graph.store, queries.stats, api.cli.common; print('graph.model' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
