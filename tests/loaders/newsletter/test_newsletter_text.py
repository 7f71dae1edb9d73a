"""Segmentation, numbers, dates and the reporting period."""

from __future__ import annotations

import pytest

from loaders.newsletter.calendar import find_dates, resolve_month
from loaders.newsletter.document import analyse
from loaders.newsletter.gazetteer import Gazetteer
from loaders.newsletter.numbers import find_numbers, parse_number
from loaders.newsletter.period import PeriodNotFound, detect_period
from loaders.newsletter.text import segment

TEXT = """Kayes Region
There were 37 incidents in Kayes. Gen. Diarra visited Kayes. Activity fell in Est. Little happened.
- Tillabéri: 62 security incidents.
"""


def test_segment_keeps_offsets_headings_and_sections() -> None:
    sentences = segment(TEXT)
    assert [(s.text, s.heading, s.section, s.paragraph) for s in sentences] == [
        ("Kayes Region", True, "Kayes Region", 0),
        ("There were 37 incidents in Kayes.", False, "Kayes Region", 1),
        ("Gen. Diarra visited Kayes.", False, "Kayes Region", 1),
        ("Activity fell in Est.", False, "Kayes Region", 1),
        ("Little happened.", False, "Kayes Region", 1),
        ("Tillabéri: 62 security incidents.", False, "Kayes Region", 2),
    ]
    assert all(TEXT[s.start : s.end] == s.text for s in sentences)
    assert sentences[1].cite() == 'From: "There were 37 incidents in Kayes." [chars 13-46]'


@pytest.mark.parametrize(
    ("raw", "value"),
    [("37", 37), ("1,200", 1200), ("six", 6), ("Thirty", 30), ("forty-two", 42),
     ("twenty one", 21), ("a hundred and six", 106)],
)  # fmt: skip
def test_parse_number(raw: str, value: int) -> None:
    assert parse_number(raw) == value


def test_find_numbers_skips_percentages_decimals_and_words_inside_words() -> None:
    found = find_numbers("37 attacks, 20% more, 3.5 km, G5 Sahel, someone often, at least nine")
    assert [(n.raw, n.value) for n in found] == [("37", 37), ("nine", 9)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("effective 30 June and by 31 December", [("30 June", "2023-06-30", None, "day"),
                                                  ("31 December", "2023-12-31", None, "day")]),
        ("On 16 September, Mali", [("16 September", "2023-09-16", None, "day")]),
        ("On October 14, 2023, the army", [("October 14, 2023", "2023-10-14", None, "day")]),
        ("between 12-14 October", [("12-14 October", "2023-10-12", "2023-10-14", "day")]),
        ("the mid-June fall-out", [("mid-June", "2023-06", None, "month")]),
        ("at the end of September", [("the end of September", "2023-09", None, "month")]),
        ("during June 2023", [("June 2023", "2023-06", None, "month")]),
        ("in 2012 but in 2015", [("2012", "2012", None, "year"), ("2015", "2015", None, "year")]),
        ("it may rain", []),
        ("on 31 February", []),
    ],
)  # fmt: skip
def test_find_dates_in_a_june_2023_report(
    text: str, expected: list[tuple[str, str, str | None, str]]
) -> None:
    found = find_dates(text, "2023-06")
    assert [(d.phrase, d.date, d.end_date, d.precision) for d in found] == expected


def test_a_month_without_year_is_the_nearest_to_the_period() -> None:
    assert resolve_month(12, "2024-01") == "2023-12"
    assert resolve_month(2, "2023-12") == "2024-02"
    assert resolve_month(12, "2023-06") == "2023-12"  # a tie keeps the period's year
    assert resolve_month(5, "2023-06") == "2023-05"


def test_period_is_the_month_named_most_not_the_one_compared_with(gazetteer: Gazetteer) -> None:
    text = (
        "Monthly report, October 2023\n"
        "There were 12 attacks in October, three more than in September, and five fewer than in "
        "September's peak. Attacks in October rose. The rainy season ended in September."
    )
    period = detect_period(analyse(text, gazetteer))
    assert period.month == "2023-10"
    assert period.evidence is not None
    assert period.evidence.sentence.text == "Monthly report, October 2023"


def test_period_needs_a_year_somewhere(gazetteer: Gazetteer) -> None:
    with pytest.raises(PeriodNotFound, match="--period"):
        detect_period(analyse("There were 12 attacks in October.", gazetteer))
    with pytest.raises(PeriodNotFound, match="names no month"):
        detect_period(analyse("There were 12 attacks.", gazetteer))
