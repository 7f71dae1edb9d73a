"""Precision and recall of the newsletter extractor, per fact type, on the development set.

The development set (tests/fixtures/newsletters/devset/) holds newsletter excerpts written
for it, each beside a YAML file listing what an analyst expects the draft to hold. Facts
are matched on what they say, never on ids or wording:

- counts: (place, month, value[, actor]); directions: (place, month, direction);
- events (the events and operations sections): the expected date, and the draft item cites
  a sentence containing the expected evidence phrase; their actors are scored apart;
- assessments: the draft statement contains the evidence phrase (found), with the
  expected ICD-203 likelihood (graded right);
- actors and places: the ids the draft's review lists as mentioned.

Wrong dates are draft events citing a sentence of an expected event with none of its dates;
invented numbers come from the independent oracle (newsletter_oracle.py).

Print the table: `.venv/bin/python tests/loaders/newsletter/devset_score.py`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from newsletter_oracle import invented_numbers  # noqa: E402

from loaders.newsletter import Gazetteer, extract_draft  # noqa: E402
from loaders.newsletter.extract import read_knowledge_base  # noqa: E402

FIXTURES = HERE.parents[1] / "fixtures" / "newsletters"
DEVSET = FIXTURES / "devset"
PARTS = ("dev", "heldout")
FACT_TYPES = ("counts", "directions", "magnitudes", "events", "event actors",
              "assessments found", "assessments graded", "actors", "places")  # fmt: skip
_MAGNITUDE = re.compile(r'Magnitude "([^"]+)"')
_CITED = re.compile(r'From: "(.*?)" \[chars')
Record = Mapping[str, Any]


@dataclass
class Tally:
    """Expected facts found (recall) and drafted facts that are right (precision)."""

    found: int = 0
    expected: int = 0
    right: int = 0
    drafted: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.drafted if self.drafted else 1.0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.expected += other.expected
        self.right += other.right
        self.drafted += other.drafted
        self.missed += other.missed
        self.wrong += other.wrong


@dataclass
class Score:
    """Every fact type's tally, with the invented numbers and wrong dates."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in FACT_TYPES})
    invented: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    graded_non_judgments: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, tally in other.tallies.items():
            self.tallies[name].add(tally)
        self.invented += other.invented
        self.wrong_dates += other.wrong_dates
        self.graded_non_judgments += other.graded_non_judgments


def cited(record: Record) -> str:
    found = _CITED.search(str(record.get("description", "")))
    return found.group(1) if found else ""


def _match(expected: Sequence[Record], drafted: Sequence[Record], same: Any, label: Any) -> Tally:
    tally = Tally(expected=len(expected), drafted=len(drafted))
    hits = [d for d in drafted if any(same(e, d) for e in expected)]
    tally.right = len(hits)
    tally.wrong = [label(d) for d in drafted if d not in hits]
    for fact in expected:
        if any(same(fact, d) for d in drafted):
            tally.found += 1
        else:
            tally.missed.append(str(dict(fact)))
    return tally


def _same_count(e: Record, d: Record) -> bool:
    return (d.get("region_id"), d["month"], d["value"]) == (e["place"], str(e["month"]), e["value"]) \
        and ("actor" not in e or d.get("actor_id") == e["actor"])  # fmt: skip


def _same_direction(e: Record, d: Record) -> bool:
    return (d.get("region_id"), d["month"], d["direction"]) == (
        e["place"], str(e["month"]), e["direction"])  # fmt: skip


def _same_event(e: Record, d: Record) -> bool:
    return str(d.get("date")) == str(e["date"]) and str(e["evidence"]) in cited(d)


def _event_actors(d: Record) -> set[str]:
    listed = [a["actor"] for a in d.get("actors", []) if a.get("role") != "target"]
    listed += list(d.get("conducted_by", []))
    return set(listed)


def _score_events(expected: Sequence[Record], also: Sequence[str], drafted: Sequence[Record],
                  score: Score) -> None:  # fmt: skip
    relevant = [d for d in drafted if not (any(a in cited(d) for a in also) and
                                           not any(_same_event(e, d) for e in expected))]  # fmt: skip
    score.tallies["events"].add(_match(expected, relevant, _same_event, _label))
    actors = score.tallies["event actors"]
    for fact in expected:
        if "actors" not in fact:
            continue
        matches = [d for d in drafted if _same_event(fact, d)]
        have = set().union(*(_event_actors(d) for d in matches)) if matches else set()
        actors.expected += len(fact["actors"])
        actors.found += len(set(fact["actors"]) & have)
        actors.drafted += len(have)
        actors.right += len(have & set(fact["actors"]))
        actors.missed += [f"{a} for {fact['evidence']!r}" for a in set(fact["actors"]) - have]
        actors.wrong += [f"{a} for {fact['evidence']!r}" for a in have - set(fact["actors"])]
    for d in drafted:
        sharing = [e for e in expected if str(e["evidence"]) in cited(d)]
        if sharing and not any(str(e["date"]) == str(d.get("date")) for e in sharing):
            score.wrong_dates.append(_label(d))


def _label(d: Record) -> str:
    what = d.get("name") or d.get("statement") or ""
    return f"{d.get('date', d.get('month', ''))} {d.get('likelihood', d.get('value', ''))} {what}"


def _same_assessment(e: Record, d: Record) -> bool:
    return str(e["evidence"]) in str(d.get("statement", ""))


def _score_assessments(expected: Sequence[Record], drafted: Sequence[Record], score: Score) -> None:
    score.tallies["assessments found"].add(_match(expected, drafted, _same_assessment, _label))

    def graded(e: Record, d: Record) -> bool:
        return _same_assessment(e, d) and d.get("likelihood") == e["likelihood"]

    score.tallies["assessments graded"].add(_match(expected, drafted, graded, _label))


def _score_ids(kind: str, expected: Iterable[str], also: Iterable[str], mentioned: set[str],
               score: Score) -> None:  # fmt: skip
    wanted, neutral = set(expected), set(also)
    tally = score.tallies[kind]
    counted = mentioned - neutral
    tally.expected += len(wanted)
    tally.found += len(wanted & mentioned)
    tally.drafted += len(counted)
    tally.right += len(counted & wanted)
    tally.missed += sorted(wanted - mentioned)
    tally.wrong += sorted(counted - wanted)


def score_draft(draft: Mapping[str, Any], review: Mapping[str, Any], expected: Mapping[str, Any],
                text: str) -> Score:  # fmt: skip
    """One excerpt's draft sections and review notes against its expected facts."""
    score = Score()
    reports = list(draft.get("activity_reports", []))
    valued = [r for r in reports if r.get("value") is not None]
    directed = [r for r in reports if r.get("direction")]
    score.tallies["counts"].add(_match(expected.get("counts") or [], valued, _same_count, _label))
    score.tallies["directions"].add(
        _match(expected.get("directions") or [], directed, _same_direction, _label)
    )
    sized = [e for e in expected.get("directions") or [] if "magnitude" in e]

    def same_size(e: Record, d: Record) -> bool:
        stated = _MAGNITUDE.search(str(d.get("description", "")))
        return (
            _same_direction(e, d) and stated is not None and str(e["magnitude"]) in stated.group(1)
        )

    with_size = [d for d in directed if _MAGNITUDE.search(str(d.get("description", "")))]
    score.tallies["magnitudes"].add(_match(sized, with_size, same_size, _label))
    events = list(draft.get("events", [])) + list(draft.get("operations", []))
    _score_events(expected.get("events") or [], expected.get("events_also") or [], events, score)
    assessments = list(draft.get("assessments", []))
    _score_assessments(expected.get("assessments") or [], assessments, score)
    score.graded_non_judgments = [
        a["statement"] for a in assessments
        if any(n in a["statement"] for n in expected.get("non_judgments") or [])
    ]  # fmt: skip
    mentioned = {m["id"] for m in review.get("mentioned", [])}
    actors = {i for i in mentioned if i.startswith("actor:")}
    places = {i for i in mentioned if i.split(":")[0] in ("region", "location", "country")}
    _score_ids("actors", expected.get("actors") or [], [], actors, score)
    _score_ids("places", expected.get("places") or [], expected.get("places_also") or [], places,
               score)  # fmt: skip
    score.invented = invented_numbers({k: list(v) for k, v in draft.items()}, text)
    return score


def devset_gazetteer() -> Gazetteer:
    return read_knowledge_base(FIXTURES / "kb", DEVSET / "kb")


def excerpts(part: str) -> list[Path]:
    return sorted((DEVSET / part).glob("*.txt"))


def score_excerpt(newsletter: Path, gazetteer: Gazetteer) -> tuple[Score, str]:
    """Extract one excerpt and score it; also returns the period the draft found."""
    text = newsletter.read_text(encoding="utf-8")
    expected = yaml.safe_load(newsletter.with_suffix(".yaml").read_text(encoding="utf-8"))
    source_id = f"source:devset-{newsletter.stem[:2]}"
    draft = extract_draft(text, gazetteer, source_id, newsletter.stem)
    score = score_draft(draft.records(), draft.review, expected, text)
    return score, draft.period


def score_part(part: str, gazetteer: Gazetteer) -> Score:
    total = Score()
    for newsletter in excerpts(part):
        score, _ = score_excerpt(newsletter, gazetteer)
        total.add(score)
    return total


def table(scores: Mapping[str, Score]) -> str:
    """The per-fact-type table, as Markdown."""
    lines = ["| fact type | " + " | ".join(f"{p} recall | {p} precision" for p in scores) + " |",
             "|---|" + "---|---|" * len(scores)]  # fmt: skip
    for name in FACT_TYPES:
        cells = []
        for score in scores.values():
            t = score.tallies[name]
            cells += [f"{t.found}/{t.expected} ({t.recall:.0%})",
                      f"{t.right}/{t.drafted} ({t.precision:.0%})"]  # fmt: skip
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for label, attribute in (("invented numbers", "invented"), ("wrong dates", "wrong_dates"),
                             ("non-judgments graded", "graded_non_judgments")):  # fmt: skip
        cells = [f"{len(getattr(s, attribute))} | " for s in scores.values()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    gazetteer = devset_gazetteer()
    scores = {part: score_part(part, gazetteer) for part in PARTS}
    print(table(scores))
    if "-v" in sys.argv:  # `-v dev` lists what the development part missed or got wrong
        for part, score in scores.items():
            if part not in sys.argv:
                continue
            for name, tally in score.tallies.items():
                for item in tally.missed:
                    print(f"{part} MISSED {name}: {item}")
                for item in tally.wrong:
                    print(f"{part} WRONG  {name}: {item}")
            for item in score.wrong_dates:
                print(f"{part} WRONG DATE: {item}")
            for item in score.invented:
                print(f"{part} INVENTED: {item}")


if __name__ == "__main__":
    main()
