"""Matching knowledge-base names in text: case, diacritics, punctuation, and context."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from loaders.newsletter.document import Analysed
from loaders.newsletter.gazetteer import Gazetteer


def _ids(analysed: Analysed) -> list[tuple[str, str]]:
    return [(m.text, m.entities[0].id) for m in analysed.mentions]


def test_from_documents_indexes_names_aliases_and_acled_names() -> None:
    gazetteer = Gazetteer.from_documents([
        {"sources": [{"id": "source:x", "name": "X"}],
         "actors": [{"id": "actor:jnim", "name": "JNIM", "aliases": ["GSIM"],
                     "acled_names": ["JNIM: Group for Support of Islam and Muslims"]}],
         "regions": [{"id": "region:mli-segou", "name": "Ségou", "country": "MLI"}]},
        None,
    ])  # fmt: skip
    assert gazetteer.ids == {"source:x", "actor:jnim", "region:mli-segou"}
    assert gazetteer.names[("gsim",)][0].id == "actor:jnim"
    assert gazetteer.names[("jnim", "group", "for", "support", "of", "islam", "and", "muslims")]
    assert gazetteer.entities["region:mli-segou"].country == "MLI"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Attacks rose in SEGOU and Ségou and Segou.",
         [("SEGOU", "region:mli-segou"), ("Ségou", "region:mli-segou"), ("Segou", "region:mli-segou")]),
        ("Joint FAMa/Wagner operations continued.",
         [("FAMa", "actor:fama"), ("Wagner", "actor:wagner-group")]),
        ("Mali's army and Côte d’Ivoire's police met.",
         [("Mali's", "country:mli"), ("Côte d’Ivoire's", "country:civ")]),
        ("Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) attacked.",
         [("Jama'a Nusrat ul-Islam wa al-Muslimin", "actor:jnim"), ("JNIM", "actor:jnim")]),
        ("The northern armed groups met.", [("northern armed groups", "actor:northern-armed-groups")]),
    ],
)  # fmt: skip
def test_matching_ignores_case_diacritics_and_punctuation(
    sentence: Callable[[str], Analysed], text: str, expected: list[tuple[str, str]]
) -> None:
    assert _ids(sentence(text)) == expected


def test_a_one_word_name_in_lower_case_is_a_common_word(
    sentence: Callable[[str], Analysed],
) -> None:
    assert _ids(sentence("The wagner of the est side met.")) == []


def test_the_sahel_is_a_common_noun_unless_a_list_of_regions_says_otherwise(
    sentence: Callable[[str], Analysed],
) -> None:
    assert _ids(sentence("Violence spread across the Sahel.")) == []
    assert _ids(sentence("Violence rose in the Sahel and Est regions.")) == [
        ("Sahel", "region:bfa-sahel"), ("Est", "region:bfa-est")
    ]  # fmt: skip


def test_a_place_inside_a_longer_proper_name_is_not_that_place(
    sentence: Callable[[str], Analysed],
) -> None:
    assert _ids(sentence("Flooding from the Niger River limited movement.")) == []
    assert _ids(sentence("Burkina Faso's Sahel region was calm.")) == [
        ("Burkina Faso's", "country:bfa"), ("Sahel", "region:bfa-sahel")
    ]  # fmt: skip


def test_region_or_town_by_the_word_next_to_it(sentence: Callable[[str], Analysed]) -> None:
    region = sentence("Attacks rose in Timbuktu region.")
    town = sentence("The city of Timbuktu remained under siege.")
    assert [e.id for e in region.mentions[0].entities] == [
        "region:mli-timbuktu",
        "location:timbuktu",
    ]
    assert [e.id for e in town.mentions[0].entities] == ["location:timbuktu", "region:mli-timbuktu"]
