"""Traffic Light Protocol 2.0 markings, printed as banners at the top and bottom of a picture."""

from __future__ import annotations

from enum import StrEnum


class Tlp(StrEnum):
    CLEAR = "CLEAR"
    GREEN = "GREEN"
    AMBER = "AMBER"
    AMBER_STRICT = "AMBER+STRICT"
    RED = "RED"

    @property
    def text(self) -> str:
        return f"TLP:{self.value}"

    @property
    def colour(self) -> str:
        """FIRST TLP 2.0 colours: coloured text on a black banner."""
        return _COLOURS[self]

    @classmethod
    def parse(cls, value: str) -> Tlp:
        """`amber+strict`, `TLP:AMBER+STRICT` and `AMBER_STRICT` all name one marking."""
        name = value.strip().upper().removeprefix("TLP:").replace("_", "+")
        for tlp in cls:
            if tlp.value == name:
                return tlp
        choices = ", ".join(t.value for t in cls)
        raise ValueError(f"unknown TLP marking {value!r}; choose one of {choices}")


_COLOURS = {
    Tlp.CLEAR: "#FFFFFF",
    Tlp.GREEN: "#33FF00",
    Tlp.AMBER: "#FFC000",
    Tlp.AMBER_STRICT: "#FFC000",
    Tlp.RED: "#FF2B2B",
}
