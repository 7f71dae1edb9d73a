"""Which place a sentence is about when it does not name one.

Newsletters write "Kayes Region" as a heading and then "Katiba Macina carried out seven
attacks"; or open a paragraph with "In Tillabéri, …" and go on without repeating it. The
context is, in order: the place the paragraph last counted, then the heading's place. A
heading naming a place the knowledge base lacks ("Tahoua Region") sets an *unknown*
context, so counts under it go to review instead of to the previous heading's region.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.newsletter.document import Analysed
from loaders.newsletter.gazetteer import PLACE_TYPE_WORDS, Mention

PLACE_ORDER = ("region", "location", "country")


@dataclass(frozen=True)
class Place:
    """A resolved place id, or the name of one the knowledge base lacks."""

    id: str | None
    unknown: str | None = None
    mention: Mention | None = None


def place_of(mention: Mention) -> str | None:
    """The place a mention names (region first, then location, then country)."""
    entity = mention.first(*PLACE_ORDER)
    return entity.id if entity else None


class PlaceContext:
    """Tracks the heading's and the paragraph's place while sentences are read in order."""

    def __init__(self) -> None:
        self._heading: Place | None = None
        self._paragraph = -1
        self._paragraph_place: Place | None = None

    def enter(self, analysed: Analysed) -> None:
        """Call for every sentence, in document order."""
        sentence = analysed.sentence
        if sentence.paragraph != self._paragraph:
            self._paragraph = sentence.paragraph
            self._paragraph_place = None
        if sentence.heading:
            self._heading = _heading_place(analysed)

    def note(self, place: Place) -> None:
        """A sentence of this paragraph was about `place`."""
        self._paragraph_place = place

    def fallback(self) -> Place | None:
        return self._paragraph_place or self._heading


def _heading_place(analysed: Analysed) -> Place | None:
    places = {
        pid: m for m in analysed.mentions if (pid := place_of(m)) and pid.startswith("region:")
    }
    if len(places) == 1:
        ((pid, mention),) = places.items()
        return Place(pid, mention=mention)
    keys = [t.key for t in analysed.tokens]
    if not places and keys and keys[-1] in PLACE_TYPE_WORDS and len(keys) > 1:
        name = analysed.work[: analysed.tokens[-1].start - analysed.start].strip()
        return Place(None, unknown=name)
    return None
