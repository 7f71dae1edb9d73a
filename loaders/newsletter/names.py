"""Proper names the knowledge base does not know, listed for an analyst to resolve.

A newsletter naming a group, town or region the graph lacks is exactly what an analyst
must hear about; the extractor never invents an id for it. Candidates are runs of
capitalised words (and acronyms) that no known name covers, minus the words English
capitalises anyway: sentence openers, months, nationalities, titles, the newsletter's
own title. "Long Form (KNOWN)" and "Known Name (NEWACRONYM)" become alias suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from loaders.newsletter.calendar import MONTHS
from loaders.newsletter.document import Analysed
from loaders.newsletter.gazetteer import PLACE_TYPE_WORDS
from loaders.newsletter.normalize import Token, word_set

_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = word_set("of the de du des la le al el ul wa y et bin ibn ag for")
_LEADING_CONNECTORS = frozenset({"al", "el", "ul", "ag"})
_STOPWORDS = word_set("""the a an in on at by for from to of and or but with this that these those there it its
    their they them we our us he she his her as after before during despite although though
    while when where which who whom whose what how since because however furthermore moreover
    additionally also meanwhile overall most many some such both each all other another several
    no not looking according dear welcome please expect notably elsewhere similarly finally
    first second third then thus still yet here if unlike following amid among between within
    across over under around near outside inside against toward towards until so whereas
    nevertheless nonetheless instead regarding per via be is are was were has have had will
    would can could may might should must do does did any more less fewer much few
    one two three four five six seven eight nine ten given based last next i you your my
    monday tuesday wednesday thursday friday saturday sunday today yesterday
    """)  # fmt: skip
_DEMONYMS = word_set("""malian nigerien nigerian burkinabe mauritanian senegalese guinean ivorian algerian
    libyan chadian moroccan beninese togolese ghanaian russian french american ukrainian
    european african arab arabic tuareg touareg fulani peul peulh fula dogon bambara songhai
    bozo sahelian saharan sub western eastern islamist jihadist jihadists muslim christian
    english british german turkish chinese emirati qatari""")  # fmt: skip
_DIRECTIONS = word_set("""north south east west northern southern eastern central northeastern northwestern
    southeastern southwestern northeast northwest southeast southwest upper lower greater
    centre center""")  # fmt: skip
_TITLES = word_set("""president minister ministers prime foreign defence defense interior general colonel col
    captain capt lieutenant lt commander mr mrs ms dr spokesman spokesperson spokeswoman leader
    chief secretary ambassador envoy sheikh imam emir king queen sergeant gen""")  # fmt: skip
_ORG_WORDS = word_set("""group groups forces force army armed movement movements front coordination council
    mission alliance brigade brigades battalion katiba katibat ansar ansarul ansaroul jamaat
    jama islamic state province coalition militia militias union committee volunteers guard
    police gendarmerie command organisation organization nations company party network corps
    legion platform fighters""")  # fmt: skip
_PUBLICATION_WORDS = word_set("newsletter dispatch bulletin digest report brief briefing update weekly monthly readers")  # fmt: skip
_PLACE_CUES_BEFORE = word_set("in near at around outside towards toward from into")
_TOWN_WORDS = frozenset({"town", "city", "village", "locality", "commune", "camp"})
_COMMON_ACRONYMS = word_set(
    "ied ieds vbied vbieds svbied uxo gdp ngo ngos pdf uav uavs hq id tv ceo faq"
)
_FEATURE_WORDS = word_set("river lake basin delta valley desert mountains plateau forest park dam")
_MONTH_WORDS = frozenset(MONTHS) | word_set("jan feb mar apr jun jul aug sep oct nov dec")
_IGNORED = _STOPWORDS | _DEMONYMS | _MONTH_WORDS | _DIRECTIONS | PLACE_TYPE_WORDS


@dataclass(frozen=True)
class UnknownName:
    """A name to review: what it says, a guess at what it is, and where it was seen."""

    name: str
    guess: str  # actor | place | person | name
    start: int
    end: int


@dataclass(frozen=True)
class AliasSuggestion:
    """A new spelling of a known entity, seen next to it in parentheses."""

    alias: str
    id: str
    start: int
    end: int


def _is_name_token(token: Token) -> bool:
    return token.raw[:1].isupper() and not token.raw.isdigit()


def _gap(work: str, base: int, left: Token, right: Token) -> str:
    return work[left.end - base : right.start - base]


def _runs(analysed: Analysed) -> list[list[Token]]:
    """Maximal runs of name tokens not covered by a known mention."""
    covered = {i for i, t in enumerate(analysed.tokens)
               for m in analysed.mentions if m.start <= t.start < m.end}  # fmt: skip
    tokens, base, work = analysed.tokens, analysed.start, analysed.work
    runs: list[list[Token]] = []
    current: list[Token] = []
    for i, token in enumerate(tokens):
        joined = bool(current) and not _gap(work, base, current[-1], token).strip(" -")
        if i in covered:
            runs.append(current)
            current = []
        elif _is_name_token(token) and (joined or not current):
            current.append(token)
        elif _is_name_token(token):
            runs.append(current)
            current = [token]
        elif token.key in _CONNECTORS and joined:
            current.append(token)
        elif (
            token.key in _LEADING_CONNECTORS
            and i + 1 < len(tokens)
            and _is_name_token(tokens[i + 1])
        ):
            runs.append(current)
            current = [token]
        else:
            runs.append(current)
            current = []
    runs.append(current)
    return [run for run in runs if run]


def _droppable_start(token: Token, following: Token | None) -> bool:
    if token.key in _DEMONYMS and following is not None and following.key in _ORG_WORDS:
        return False  # "European Union", "Nigerien Armed Forces"
    if token.key in _IGNORED and not token.is_acronym:
        return True
    return token.key in _CONNECTORS and token.key not in _LEADING_CONNECTORS


def _trim(run: list[Token]) -> tuple[list[Token], str | None]:
    """Strip openers, titles, nationalities and connectors; return the name and a guess."""
    guess = None
    titles = [i for i, t in enumerate(run) if t.key in _TITLES]
    if titles and not any(t.key in _CONNECTORS for t in run):
        run, guess = run[titles[-1] + 1 :], "person"
    while run and _droppable_start(run[0], run[1] if len(run) > 1 else None):
        run = run[1:]
    while run and (run[-1].key in _CONNECTORS or run[-1].key in PLACE_TYPE_WORDS
                   or run[-1].key in _MONTH_WORDS):  # fmt: skip
        if run[-1].key in PLACE_TYPE_WORDS:
            guess = guess or "place"
        run = run[:-1]
    return run, guess


def _spells(acronym: str, words: Sequence[Token]) -> bool:
    letters = [c for c in acronym if c.isalpha()]
    return len(words) >= len(letters) and [w.raw[0].lower() for w in words[-len(letters) :]] == [
        c.lower() for c in letters
    ]


def _alias(analysed: Analysed, run: Sequence[Token], text: str) -> AliasSuggestion | None:
    """ "Long Form (KNOWN)" or "KNOWN (NEWACRONYM)": a new spelling of a known entity."""
    work, base = analysed.work, analysed.start
    start, end = run[0].start, run[-1].end
    opening = re.match(r"\s*\(\s*", work[end - base :])
    for mention in analysed.mentions:
        inside_after = opening and mention.start - base == end - base + opening.end()
        acronym_after = (
            len(run) == 1
            and run[0].is_acronym
            and re.fullmatch(r"\s*\(\s*", work[mention.end - base : start - base])
        )
        if not (inside_after or acronym_after) or not mention.entities:
            continue
        if inside_after and _a_place_within(analysed, run, mention.entities[0].kind):
            return None  # "the village of Ogossagou (Mopti)" says where it is, not another name
        return AliasSuggestion(text, mention.entities[0].id, start, end)
    return None


def _a_place_within(analysed: Analysed, run: Sequence[Token], kind: str) -> bool:
    """A town or village named with the larger place it lies in: "Boni (Mopti)"."""
    if kind not in ("region", "country"):
        return False
    index = analysed.tokens.index(run[0])
    before = {t.key for t in analysed.tokens[max(0, index - 4) : index]}
    return bool(before & (_TOWN_WORDS | _PLACE_CUES_BEFORE)) or (
        len(run) == 1 and not run[0].is_acronym
    )


def _common_noun_acronym(analysed: Analysed, run: Sequence[Token]) -> bool:
    """ "improvised explosive device (IED)", or a run of IED-like words."""
    if len(run) != 1 or not run[0].is_acronym:
        return False
    if run[0].key in _COMMON_ACRONYMS:
        return True
    work, base = analysed.work, analysed.start
    if not work[: run[0].start - base].rstrip().endswith("("):
        return False
    before = [t for t in analysed.tokens if t.end <= run[0].start]
    return bool(before) and _spells(run[0].raw, before) and not before[-1].raw[:1].isupper()


def unknown_names(
    analysed: Analysed, known: Container[tuple[str, ...]] = frozenset()
) -> tuple[list[UnknownName], list[AliasSuggestion]]:
    """Unknown names and alias suggestions in one sentence (headings are skipped).

    `known` holds the gazetteer's name keys: a known name that context ruled out ("the
    Sahel" as a common noun) is not an unknown one.
    """
    if analysed.sentence.heading:
        return [], []
    names: list[UnknownName] = []
    aliases: list[AliasSuggestion] = []
    first_word = analysed.tokens[0] if analysed.tokens else None
    for raw_run in _runs(analysed):
        run, guess = _trim(raw_run)
        if not run or all(t.key in _IGNORED and not t.is_acronym for t in run):
            continue
        if any(t.key in _PUBLICATION_WORDS for t in raw_run) or _common_noun_acronym(analysed, run):
            continue
        if tuple(t.key for t in run) in known or (len(run) == 1 and run[0].key in _ORG_WORDS):
            continue  # a known name ruled out by context, or "the Alliance", "the Group"
        start, end = run[0].start, run[-1].end
        guess = guess or _guess(run, analysed)
        if len(run) == 1 and not run[0].is_acronym and run[0] is first_word and guess != "place":
            continue  # a capitalised sentence opener
        text = _POSSESSIVE.sub("", analysed.work[start - analysed.start : end - analysed.start])
        alias = _alias(analysed, run, text)
        if alias is not None:
            aliases.append(alias)
        else:
            names.append(UnknownName(text, guess, start, end))
    return names, aliases


def _guess(run: Sequence[Token], analysed: Analysed) -> str:
    keys = {t.key for t in run}
    if keys & _ORG_WORDS or (len(run) == 1 and run[0].is_acronym):
        return "actor"
    index = analysed.tokens.index(run[0])
    previous = analysed.tokens[index - 1].key if index else ""
    following = (
        analysed.tokens[index + len(run)].key if index + len(run) < len(analysed.tokens) else ""
    )
    if keys & _FEATURE_WORDS:
        return "place"
    if following in PLACE_TYPE_WORDS or following in _TOWN_WORDS or previous in _PLACE_CUES_BEFORE:
        return "place"
    if previous == "of" and index >= 2 and analysed.tokens[index - 2].key in _TOWN_WORDS:
        return "place"
    return "name"
