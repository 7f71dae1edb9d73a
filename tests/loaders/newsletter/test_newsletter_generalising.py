"""What issue 18 added: abbreviated and relative dates, comparisons that are no dates, ranges,
tables, negated judgments, seizures and claimed-attack lists, speakers, capitals that mean
governments, short event names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loaders.newsletter import Gazetteer, extract_draft
from loaders.newsletter.assessments import find_judgment
from loaders.newsletter.calendar import find_dates
from loaders.newsletter.document import Analysed, analyse
from loaders.newsletter.eventnames import event_name
from loaders.newsletter.extract import read_knowledge_base
from loaders.newsletter.names import unknown_names


def _draft(text: str, gazetteer: Gazetteer) -> dict[str, list[dict[str, Any]]]:
    return extract_draft(text, gazetteer, "source:test-issue", "Test issue").records()


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("On 3 Nov., JNIM ambushed a convoy", None, [("3 Nov.", "2023-11-03")]),
        ("- 4 Feb: ambush near Djibo", None, [("4 Feb", "2024-02-04")]),
        ("met in Abuja on 30 Jul. and", None, [("30 Jul.", "2023-07-30")]),
        ("Two days later, General Tiani spoke", "2023-11-26", [("Two days later", "2023-11-28")]),
        ("the day before, the army left", "2023-11-26", [("the day before", "2023-11-25")]),
        ("Three days later, on 28 Nov, Mali left", "2023-11-01", [("28 Nov", "2023-11-28")]),
        ("in a statement last week", None, [("last week", "2023-11")]),
        ("Earlier in the month, troops left", None, [("Earlier in the month", "2023-11")]),
        ("Two days later, nothing", None, []),
    ],
)
def test_abbreviated_and_relative_dates(
    text: str, anchor: str | None, expected: list[tuple[str, str]]
) -> None:
    found = find_dates(text, "2023-11", anchor=anchor)
    assert [(d.phrase, d.date) for d in found] == expected


def test_a_date_counted_from_another_says_so(gazetteer: Gazetteer) -> None:
    text = (
        "Sahel Update, November 2023\n"
        "On 26 November, Bamako expelled the French ambassador. Two days later, the junta "
        "suspended the broadcaster.\n"
    )
    events = _draft(text, gazetteer)["events"]
    assert [(e["date"], e["name"]) for e in events] == [
        ("2023-11-26", "Expulsion of the French ambassador"),
        ("2023-11-28", "Suspension of the broadcaster"),
    ]
    assert events[1]["description"].startswith(
        'Dated by "Two days later" (2 days after 2023-11-26).'
    )
    # Bamako acted: the government, not the capital district; "the junta" is that government
    assert [e.get("actors") for e in events] == [
        [{"actor": "actor:government-of-mali", "role": "participant"}],
        [{"actor": "actor:government-of-mali", "role": "participant"}],
    ]
    assert "regions" not in events[0]


def test_like_in_october_is_a_comparison_not_a_date(gazetteer: Gazetteer) -> None:
    text = (
        "Mali Security Update, November 2023\n"
        "Kayes Region\n"
        "There were 29 security incidents in Kayes region in November, eight fewer than in "
        "October. Like in October, most attacks took place along the border.\n"
    )
    draft = _draft(text, gazetteer)
    assert "events" not in draft
    assert sorted((r["month"], r["value"]) for r in draft["activity_reports"]) == [
        ("2023-10", 37), ("2023-11", 29)
    ]  # fmt: skip


def test_a_range_is_an_at_least_count_and_its_comparison_month_is_no_date(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Mali Security Update, November 2023\n"
        "Koulikoro recorded between 20 and 25 security incidents, roughly a third fewer than "
        "in October.\n"
    )
    reports = _draft(text, gazetteer)["activity_reports"]
    assert [(r["region_id"], r["month"], r["value"], r["qualifier"]) for r in reports] == [
        ("region:mli-koulikoro", "2023-11", 20, "at_least")
    ]


def test_a_table_gives_one_count_per_place_and_month(gazetteer: Gazetteer) -> None:
    text = (
        "Burkina Monitor, February 2024\n"
        "Incidents by region\n"
        "| Region | Feb 2024 | Jan 2024 |\n"
        "|---|---|---|\n"
        "| Sahel | 64 | 41 |\n"
        "| Est | 22 | 35 |\n"
        "| Soum | 9 | 7 |\n"
    )
    draft = extract_draft(text, gazetteer, "source:test-issue", "Test issue")
    reports = draft.records()["activity_reports"]
    assert [(r["region_id"], r["month"], r["metric"], r["value"]) for r in reports] == [
        ("region:bfa-sahel", "2024-02", "security_incidents", 64),
        ("region:bfa-sahel", "2024-01", "security_incidents", 41),
        ("region:bfa-est", "2024-02", "security_incidents", 22),
        ("region:bfa-est", "2024-01", "security_incidents", 35),
    ]
    row = text.index("| Sahel")
    assert reports[0]["description"] == (
        f'Count "64". From: "| Sahel | 64 | 41 |" [chars {row}-{row + 19}]'
    )
    assert [u["what"] for u in draft.review["unresolved"]] == [
        "count '9' (security_incidents): unknown place 'Soum'",
        "count '7' (security_incidents): unknown place 'Soum'",
    ]


def test_claimed_attacks_in_a_list_go_to_the_group_that_claimed_them(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Sahel Monitor, July 2024\n"
        "Claimed attacks\n"
        "JNIM's media arm claimed the following attacks:\n"
        "- 2 Jul: IED against a FAMa patrol near Boni\n"
        "- 9 Jul: attack on the army camp at Djibo\n"
        "The ISSP, for its part, claimed:\n"
        "- 17 Jul: ambush on a supply convoy near Tessit\n"
        "Notable attacks:\n"
        "- 21 Jul: raid on a gendarmerie post, claimed by JNIM\n"
    )
    events = _draft(text, gazetteer)["events"]
    assert [(e["date"], e["name"], e["actors"]) for e in events] == [
        ("2024-07-02", "IED against a FAMa patrol near Boni",
         [{"actor": "actor:jnim", "role": "perpetrator"}, {"actor": "actor:fama", "role": "target"}]),
        ("2024-07-09", "Attack on the army camp at Djibo",
         [{"actor": "actor:jnim", "role": "perpetrator"}]),
        ("2024-07-17", "Ambush on a supply convoy near Tessit",
         [{"actor": "actor:issp", "role": "perpetrator"}]),
        ("2024-07-21", "Raid on a gendarmerie post",
         [{"actor": "actor:jnim", "role": "perpetrator"}]),
    ]  # fmt: skip


def test_a_seizure_is_dated_named_and_placed_in_the_town(gazetteer: Gazetteer) -> None:
    text = (
        "Mali Security Update, November 2023\n"
        "On 14 November, FAMa and Wagner fighters seized control of Kidal, the CMA's "
        "stronghold since 2012.\n"
    )
    (event,) = _draft(text, gazetteer)["events"]
    assert event["id"] == "event:test-issue:2023-11-14:seizure-of-kidal"
    assert (event["name"], event["kind"], event["regions"]) == (
        "Seizure of Kidal", "offensive", ["location:kidal"]
    )  # fmt: skip
    assert event["actors"] == [
        {"actor": "actor:fama", "role": "participant"},
        {"actor": "actor:wagner-group", "role": "participant"},
    ]


def test_a_minister_speaks_for_his_state_not_for_the_group_he_names(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Mali Security Update, June 2023\n"
        "Malian Foreign Minister Abdoulaye Diop declared that the Wagner Group would stay.\n"
    )
    (event,) = _draft(text, gazetteer)["events"]
    assert (event["name"], event["actors"]) == (
        "Government of Mali statement",
        [{"actor": "actor:government-of-mali", "role": "speaker"}],
    )


@pytest.mark.parametrize(
    ("text", "likelihood", "wording"),
    [
        ("We do not expect the CMA to accept the loss of Kidal.", "unlikely",
         "do not expect the CMA"),
        ("It is not likely that Wagner will withdraw from the north.", "unlikely",
         "is not likely that"),
        ("We don't expect JNIM to negotiate.", "unlikely", "don't expect JNIM"),
        ("The army will almost certainly try to retake Kidal.", "almost_certain",
         "will almost certainly try"),
    ],
)  # fmt: skip
def test_negated_judgments(
    sentence: Callable[[str], Analysed], text: str, likelihood: str, wording: str
) -> None:
    judgment = find_judgment(sentence(text))
    assert judgment is not None
    assert (str(judgment.likelihood), judgment.wording) == (likelihood, wording)


@pytest.mark.parametrize(
    "text",
    [
        "Residents of Djibo could not reach the market for most of the month.",
        "We cannot say whether Wagner will deploy to Niger.",
        "Bamako hailed the capture as a turning point.",
    ],
)
def test_sentences_that_are_not_judgments_are_not_graded(
    sentence: Callable[[str], Analysed], text: str
) -> None:
    assert find_judgment(sentence(text)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bamako expelled the ambassador.", "actor:government-of-mali"),
        ("the CMA rebelled against Bamako in 2012.", "actor:government-of-mali"),
        ("a blow to Bamako's narrative of victory.", "actor:government-of-mali"),
        ("JNIM attacked the airport in Bamako.", "location:bamako"),
    ],
)
def test_the_capital_means_the_government_only_when_it_acts(
    sentence: Callable[[str], Analysed], text: str, expected: str
) -> None:
    (mention,) = [m for m in sentence(text).mentions if m.text.startswith("Bamako")]
    assert mention.entities[0].id == expected


@pytest.mark.parametrize(
    ("clause", "speaker", "expected"),
    [
        ("in 2015 signed the Algiers Peace Accord.", None, "Signing of the Algiers Peace Accord"),
        ("leading up to Mali's 18 June constitutional referendum", None,
         "Mali's constitutional referendum"),
        ("The UNSC terminated MINUSMA's mandate effective 30 June", None,
         "End of MINUSMA's mandate"),
        ("Russian Foreign Minister Sergey Lavrov declared that contractors would remain", "Russia",
         "Russia statement"),
        ("ambush on a VDP convoy near Djibo, claimed by JNIM", None,
         "Ambush on a VDP convoy near Djibo"),
    ],
)  # fmt: skip
def test_event_names_are_short_noun_phrases(
    clause: str, speaker: str | None, expected: str
) -> None:
    assert event_name(clause, speaker, "Other") == expected


@pytest.mark.parametrize(
    ("text", "village"),
    [
        ("JNIM fighters attacked the village of Ogossagou (Mopti) overnight.", "Ogossagou"),
        ("An IED exploded near Sofara (Mopti) on the main road.", "Sofara"),
    ],
)
def test_a_village_with_its_region_in_brackets_is_no_alias_of_the_region(
    sentence: Callable[[str], Analysed], text: str, village: str
) -> None:
    names, aliases = unknown_names(sentence(text))
    assert aliases == []
    assert [(n.name, n.guess) for n in names] == [(village, "place")]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("The convoy was attacked near Anefis on 7 October", "Attack on the convoy near Anefis"),
        ("gunmen attacked near Anefis on 7 October", "Attack near Anefis"),
        ("Burkina Faso, Mali and Niger agreed in mid-October to create a joint force",
         "Agreement to create a joint force"),
        ("ECOWAS held talks in Abuja on the sanctions against Niamey",
         "Talks in Abuja on the sanctions against Niamey"),
    ],
)  # fmt: skip
def test_passive_and_placed_events_are_named_by_what_happened(clause: str, expected: str) -> None:
    assert event_name(clause, None, "Other") == expected


def test_acled_spellings_are_names_as_the_crosswalk_reads_them() -> None:
    data = Path(__file__).resolve().parents[3] / "data"
    text = (
        "The Group for Support of Islam and Muslims and the Military Forces of Mali clashed; "
        "the High Council for the Unity of Azawad stayed out."
    )
    (analysed,) = analyse(text, read_knowledge_base(data)).sentences
    assert [(m.text, m.entities[0].id) for m in analysed.mentions] == [
        ("Group for Support of Islam and Muslims", "actor:jnim"),
        ("Military Forces of Mali", "actor:fama"),
        ("High Council for the Unity of Azawad", "actor:hcua"),
    ]
