"""Deterministic, readable node ids (`actor:jnim`, `region:mli-kayes`).

An id is a prefix naming the kind of node and a slug of a name or external key. The same
input always gives the same id, so re-running a load merges onto the nodes it made before.
"""

from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
ID_PATTERN = re.compile(r"^[a-z_]+:[a-z0-9][a-z0-9._:-]*$")


def fold(text: str) -> str:
    """Lower-case, strip diacritics and apostrophes: the key two spellings of a name share."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return ascii_only.lower().replace("'", "").replace("’", "")


def slugify(text: str) -> str:
    """`Côte d'Ivoire` → `cote-divoire`: stable, URL- and Cypher-safe."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if not slug:
        raise ValueError(f"cannot make an id from {text!r}: it has no letters or digits")
    return slug


def make_id(prefix: str, *parts: str) -> str:
    """Join a prefix and slugged parts: `make_id("region", "MLI", "Kayes")` → `region:mli-kayes`."""
    return f"{prefix}:" + "-".join(slugify(p) for p in parts)


def is_valid_id(value: str) -> bool:
    """True for ids of the form `prefix:slug`."""
    return bool(ID_PATTERN.match(value))
