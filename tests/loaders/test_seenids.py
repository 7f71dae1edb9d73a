"""The Bloom filter of incident ids a load has sent: repeats are found, then remembered."""

from __future__ import annotations

from loaders.seenids import SeenIds


def test_repeats_names_the_ids_seen_before_and_remembers_the_rest() -> None:
    seen = SeenIds()
    first = [f"incident:acled-mli{n}" for n in range(1000)]
    assert seen.repeats(first) == []
    assert all(incident_id in seen for incident_id in first)
    second = ["incident:acled-mli5", "incident:acled-bfa1", "incident:acled-mli999"]
    assert seen.repeats(second) == ["incident:acled-mli5", "incident:acled-mli999"]
    assert seen.repeats(["incident:acled-bfa1"]) == ["incident:acled-bfa1"]
