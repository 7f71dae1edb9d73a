"""Each extractor on single sentences: counts, comparisons, directions, events, judgments,
operations and unknown names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from loaders.newsletter.assessments import find_judgment
from loaders.newsletter.changes import find_changes
from loaders.newsletter.comparisons import find_comparison
from loaders.newsletter.counts import Count, find_counts
from loaders.newsletter.document import Analysed, analyse
from loaders.newsletter.events import find_events
from loaders.newsletter.gazetteer import Gazetteer
from loaders.newsletter.names import unknown_names
from loaders.newsletter.operations import find_named_operation, operations_from_counts
from loaders.newsletter.places import PlaceContext

Make = Callable[[str], Analysed]


def _counts(analysed: Analysed, period: str = "2023-06") -> list[Count]:
    names, _ = unknown_names(analysed)
    return find_counts(analysed, period, names, PlaceContext())


def _summary(counts: list[Count]) -> list[tuple[object, ...]]:
    return [
        (c.value, c.qualifier, c.metric, c.month, c.place.id if c.place else None, c.actor,
         (c.comparison.month, c.comparison.value, c.comparison.derived, c.comparison.phrase)
         if c.comparison else None)
        for c in counts
    ]  # fmt: skip


def test_a_count_with_last_month_derived(sentence: Make) -> None:
    found = _counts(
        sentence("There were 37 security incidents in Kayes region in June, six more than in May.")
    )
    assert _summary(found) == [
        (37, "exact", "security_incidents", "2023-06", "region:mli-kayes", None,
         ("2023-05", 31, True, "six more than in May")),
    ]  # fmt: skip
    assert found[0].phrase == "37 security incidents"


def test_fewer_than_adds_and_at_least_is_kept(sentence: Make) -> None:
    found = _counts(sentence(
        "Security and defense forces conducted at least two operations in Koulikoro, resulting in "
        "at least nine arrests, 30 fewer than in May."
    ))  # fmt: skip
    assert _summary(found) == [
        (2, "at_least", "operations", "2023-06", "region:mli-koulikoro", "actor:mali-fds", None),
        (9, "at_least", "arrests", "2023-06", "region:mli-koulikoro", "actor:mali-fds",
         ("2023-05", 39, True, "30 fewer than in May")),
    ]  # fmt: skip


def test_actor_is_the_subject_that_carried_out_the_acts(sentence: Make) -> None:
    found = _counts(
        sentence(
            "Katiba Macina, part of JNIM, carried out seven attacks in Kayes, three more than in May."
        )
    )
    assert _summary(found) == [
        (7, "exact", "attacks", "2023-06", "region:mli-kayes", "actor:katiba-macina",
         ("2023-05", 4, True, "three more than in May")),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jihadist attacks in Tillabéri numbered 27, compared with 31 in October.",
         [(27, "exact", "jihadist_attacks", "2023-11", "region:ner-tillaberi", None,
           ("2023-10", 31, False, "compared with 31 in October"))]),
        ("Tillabéri: 62 security incidents (Oct: 55).",
         [(62, "exact", "security_incidents", "2023-11", "region:ner-tillaberi", None,
           ("2023-10", 55, False, "(Oct: 55)"))]),
        ("Activity in Est fell to 14 incidents (down 6 from October).",
         [(14, "exact", "security_incidents", "2023-11", "region:bfa-est", None,
           ("2023-10", 20, True, "down 6 from October"))]),
        ("There were 12 incidents in Kayes, 20 in Koulikoro and around 9 attacks in Gao.",
         [(12, "exact", "security_incidents", "2023-11", "region:mli-kayes", None, None),
          (20, "exact", "security_incidents", "2023-11", "region:mli-koulikoro", None, None),
          (9, None, "attacks", "2023-11", "region:mli-gao", None, None)]),
        ("Soldiers in Gao arrested 14 suspects.",
         [(14, "exact", "arrests", "2023-11", "region:mli-gao", None, None)]),
        ("On 2 November, JNIM killed 12 soldiers in Gao.", []),
        ("There were 12 incidents in Gao, 20 more than in October.",
         [(12, "exact", "security_incidents", "2023-11", "region:mli-gao", None, None)]),
    ],
)  # fmt: skip
def test_count_phrasings(sentence: Make, text: str, expected: list[tuple[object, ...]]) -> None:
    assert _summary(_counts(sentence(text), "2023-11")) == expected


def test_an_impossible_comparison_is_dropped() -> None:
    assert find_comparison(", 20 more than in October", 12, "2023-11", "2023-11") is None
    assert find_comparison(", 5 more than in December", 12, "2023-11", "2023-11") is None


def test_a_count_without_any_place_falls_back_to_the_heading(gazetteer: Gazetteer) -> None:
    document = analyse(
        "Gao Region\nJNIM carried out 4 attacks.\nTahoua Region\nJNIM carried out 2 attacks.",
        gazetteer,
    )
    context = PlaceContext()
    places = []
    for analysed in document.sentences:
        context.enter(analysed)
        for count in find_counts(analysed, "2023-06", [], context):
            places.append((count.value, count.place.id if count.place else None,
                           count.place.unknown if count.place else None))  # fmt: skip
    assert places == [(4, "region:mli-gao", None), (2, None, "Tahoua")]


def _changes(analysed: Analysed, period: str = "2023-09") -> list[tuple[str | None, str, str, str]]:
    names, _ = unknown_names(analysed)
    found, _ = find_changes(analysed, period, names)
    return [(c.place.id, str(c.direction), c.metric, c.month) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Overall, in September, jihadist activity increased in Koulikoro, Segou and Timbuktu but "
         "decreased in Kayes and Sikasso regions.",
         [("region:mli-koulikoro", "increased", "jihadist_activity", "2023-09"),
          ("region:mli-segou", "increased", "jihadist_activity", "2023-09"),
          ("region:mli-timbuktu", "increased", "jihadist_activity", "2023-09"),
          ("region:mli-kayes", "decreased", "jihadist_activity", "2023-09"),
          ("region:mli-sikasso", "decreased", "jihadist_activity", "2023-09")]),
        ("Violence rose in the Sahel and Centre-Nord regions, while it declined in Est.",
         [("region:bfa-sahel", "increased", "violence", "2023-09"),
          ("region:bfa-centre-nord", "increased", "violence", "2023-09"),
          ("region:bfa-est", "decreased", "violence", "2023-09")]),
        ("Activity in Gao remained stable; there was little activity in Kidal.",
         [("region:mli-gao", "stable", "activity", "2023-09"),
          ("region:mli-kidal", "low", "activity", "2023-09")]),
        ("In August, attacks surged in Mopti.", [("region:mli-mopti", "increased", "attacks", "2023-08")]),
        ("We can expect a decrease in activity in northern Segou.", []),
        ("The offensive has increased the security threat in Gao.", []),
        ("Activity has remained consistent in Gao over the past year.", []),
        ("Activity in Est fell to 14 incidents.", []),
    ],
)  # fmt: skip
def test_directions_of_change(sentence: Make, text: str, expected: list[tuple[str, ...]]) -> None:
    assert _changes(sentence(text)) == expected


def test_a_direction_for_an_unknown_place_is_reported(sentence: Make) -> None:
    analysed = sentence("In Dosso, there was little activity.")
    names, _ = unknown_names(analysed)
    assert find_changes(analysed, "2023-11", names) == ([], ["Dosso"])


def _events(analysed: Analysed, period: str) -> list[tuple[str, str, str | None, str | None, str]]:
    return [
        (str(e.kind), e.date, e.end_date, e.date_phrase, e.clause)
        for e in find_events(analysed, period)
    ]


@pytest.mark.parametrize(
    ("text", "period", "expected"),
    [
        ("The UNSC terminated MINUSMA's mandate effective 30 June and stated its intent to withdraw "
         "all personnel by 31 December.", "2023-06",
         [("mandate_end", "2023-06-30", None, "30 June", "The UNSC terminated MINUSMA's mandate effective 30 June"),
          ("withdrawal", "2023-12-31", None, "31 December",
           "stated its intent to withdraw all personnel by 31 December.")]),
        ("Despite the mid-June fall-out between Wagner and Moscow, joint operations continued in late June.",
         "2023-06", [("rift", "2023-06", None, "mid-June", "Despite the mid-June fall-out between Wagner and Moscow")]),
        ("The CMA had rebelled against Bamako in 2012 but in 2015 signed the Algiers Peace Accord.", "2023-09",
         [("other", "2012", None, "2012", "The CMA had rebelled against Bamako in 2012"),
          ("treaty", "2015", None, "2015", "in 2015 signed the Algiers Peace Accord.")]),
        ("Between 12 and 14 November, ECOWAS held talks in Abuja.", "2023-11",
         [("diplomatic", "2023-11-12", "2023-11-14", "12 and 14 November",
           "Between 12 and 14 November, ECOWAS held talks in Abuja.")]),
        ("The city of Timbuktu remained under siege by jihadists.", "2023-09",
         [("siege", "2023-09", None, None, "The city of Timbuktu remained under siege by jihadists.")]),
        ("Katiba Macina carried out seven attacks, three more than in May.", "2023-06", []),
        ("This came less than one year after the withdrawal of French forces from Mali.", "2023-06", []),
        ("MINUSMA's withdrawal will create a security vacuum.", "2023-06", []),
    ],
)  # fmt: skip
def test_dated_events(
    sentence: Make, text: str, period: str, expected: list[tuple[str, ...]]
) -> None:
    assert _events(sentence(text), period) == expected


@pytest.mark.parametrize(
    ("text", "wording", "likelihood", "confidence"),
    [
        ("The end of MINUSMA will almost certainly lead to further degradation.",
         "will almost certainly lead", "almost_certain", None),
        ("JNIM is very likely to maintain pressure on Djibo.", "is very likely to maintain", "very_likely", None),
        ("Flooding will likely limit the jihadists' ability to operate.", "will likely limit", "likely", None),
        ("Looking forward, we can expect a decrease in activity.", "we can expect a decrease", "likely", None),
        ("Expect armed groups to contest for power.", "Expect", "likely", None),
        ("There is a roughly even chance that the CMA will seek talks.", "roughly even chance that",
         "roughly_even_chance", None),
        ("JNIM might end up striking up an alliance.", "might end", "roughly_even_chance", "low"),
        ("It is unlikely that the state will reopen the corridor.", "is unlikely that", "unlikely", None),
        ("Attacks are highly unlikely to decline.", "are highly unlikely to decline", "very_unlikely", None),
        ("Such a confrontation would weaken Mali and probably benefit JNIM.", "probably benefit", "likely", None),
        ("The attacks demonstrated that Katiba Macina can conduct lethal operations.", "demonstrated that",
         "very_likely", None),
        ("MINUSMA's withdrawal will create a security vacuum.", "will create", "very_likely", None),
    ],
)  # fmt: skip
def test_judgments_and_their_likelihood(
    sentence: Make, text: str, wording: str, likelihood: str, confidence: str | None
) -> None:
    judgment = find_judgment(sentence(text))
    assert judgment is not None
    assert (judgment.wording, str(judgment.likelihood)) == (wording, likelihood)
    assert (str(judgment.confidence) if judgment.confidence else None) == confidence


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov declared that Russian contractors would remain in Mali.",
        "There were 37 incidents in Kayes, six more than in May.",
        "MINUSMA mandate ends",
    ],
)
def test_not_judgments(sentence: Make, text: str) -> None:
    assert find_judgment(sentence(text)) is None


def test_operations_counted_and_named(sentence: Make) -> None:
    counted = sentence(
        "Security and defense forces conducted at least four operations against jihadists in Segou, "
        "resulting in at least 40 arrests."
    )  # fmt: skip
    (operation,) = operations_from_counts(_counts(counted))
    assert (operation.date, operation.conducted_by, operation.regions, operation.arrests,
            operation.arrests_qualifier) == ("2023-06", ["actor:mali-fds"], ["region:mli-segou"], 40, "at_least")  # fmt: skip
    named = find_named_operation(
        sentence("FAMa and Wagner conducted joint operations in central Mopti and northern Koulikoro in June."),
        "2023-06", counted=False,
    )  # fmt: skip
    assert named is not None
    assert (named.date, named.conducted_by, named.regions, named.area, named.joint) == (
        "2023-06", ["actor:fama", "actor:wagner-group"], ["region:mli-mopti", "region:mli-koulikoro"],
        "central Mopti; northern Koulikoro", True,
    )  # fmt: skip


def test_unknown_names_and_alias_suggestions(sentence: Make) -> None:
    names, aliases = unknown_names(sentence(
        "Ansarul Islam and the Volunteers for the Defence of the Homeland (VDP) clashed near Dori, "
        "while Malian Foreign Minister Abdoulaye Diop met the Macina Front (JNIM) and improvised "
        "explosive devices (IEDs) hit Tahoua region."
    ))  # fmt: skip
    assert [(n.name, n.guess) for n in names] == [
        ("Ansarul Islam", "actor"),
        ("Volunteers for the Defence of the Homeland", "actor"),
        ("VDP", "actor"),
        ("Dori", "place"),
        ("Abdoulaye Diop", "person"),
        ("Tahoua", "place"),
    ]
    assert [(a.alias, a.id) for a in aliases] == [("Macina Front", "actor:jnim")]
