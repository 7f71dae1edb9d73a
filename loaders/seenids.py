"""Which incident ids a load may already have written, in constant memory.

Before each batch the writer asks the store which of its incidents exist (the place rule and
the edge rewrite need them). On a store that held no incident of the dataset when the load
began, only ids an earlier batch of the same load sent can exist: `SeenIds` remembers them
in a fixed-size Bloom filter (2 MiB whatever the file's size), so a fresh load asks only
about ids that may repeat. A false positive costs one id in that read, never a wrong answer.
"""

from __future__ import annotations

from collections.abc import Iterable

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

    def repeats(self, values: Iterable[str]) -> list[str]:
        """The values that may have been added before, in order; then adds them all.

        One pass with the bit arithmetic inline: a load calls this for every incident.
        """
        bits, mask = self._bits, _MASK
        found = []
        for value in values:
            digest = hash(value)
            first, second = digest & mask, (digest >> 24) & mask
            first_bit, second_bit = 1 << (first & 7), 1 << (second & 7)
            if bits[first >> 3] & first_bit and bits[second >> 3] & second_bit:
                found.append(value)
            bits[first >> 3] |= first_bit
            bits[second >> 3] |= second_bit
        return found
