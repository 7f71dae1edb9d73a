"""Which incident ids a load may already have written, in constant memory.

Before each batch the writer asks the store which of its incidents exist (the place rule and
the edge rewrite need them). On a store that held no incident of the dataset when the load
began, only ids an earlier batch of the same load sent can exist: `SeenIds` remembers them
in a fixed-size Bloom filter (2 MiB whatever the file's size), so a fresh load asks only
about ids that may repeat. A false positive costs one id in that read, never a wrong answer.
"""

from __future__ import annotations

_BITS = 1 << 24
_MASK = _BITS - 1


class SeenIds:
    """A Bloom filter of strings with two probes taken from one hash."""

    def __init__(self) -> None:
        self._bits = bytearray(_BITS >> 3)

    @staticmethod
    def _probes(value: str) -> tuple[int, int]:
        digest = hash(value)
        return digest & _MASK, (digest >> 24) & _MASK

    def add(self, value: str) -> None:
        for bit in self._probes(value):
            self._bits[bit >> 3] |= 1 << (bit & 7)

    def __contains__(self, value: str) -> bool:
        return all(self._bits[bit >> 3] & (1 << (bit & 7)) for bit in self._probes(value))
