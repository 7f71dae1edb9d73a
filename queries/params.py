"""Typed parameters: the pydantic pieces every entry's parameters model is built from.

One coercion path for the CLI (strings), Python (native values) and the API (JSON): an
entry's `Params` model validates whatever comes, and errors become `InvalidParameter`
naming the field. Dates stay ISO strings at year, month or day precision (`2023-09`
means every day of September; see `graph.dates`), but `datetime.date` values are
accepted too. Lists accept a comma-separated string (what a command line gives).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from graph.dates import check_date, check_month
from graph.model import Credibility
from graph.vocab import ClaimStatus
from queries.errors import InvalidParameter


def _date_text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, tuple):
        return list(value)
    return value


def _id_of(prefixes: tuple[str, ...]) -> AfterValidator:
    def check(value: str) -> str:
        if not any(value.startswith(f"{p}:") and len(value) > len(p) + 1 for p in prefixes):
            wanted = " or ".join(f"{p}:…" for p in prefixes)
            raise ValueError(f"{value!r} is not an id of the form {wanted}")
        return value

    return AfterValidator(check)


def _country_id(value: Any) -> Any:
    """One form of country id: `SEN`, `sen` and `country:SEN` all mean `country:sen`."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    code = text.removeprefix("country:")
    if len(code) == 3 and code.isalpha():
        return f"country:{code.lower()}"
    return text


class Dataset(StrEnum):
    """Where incidents come from: ACLED exports, UCDP GED events, or the curated YAML."""

    ACLED = "acled"
    UCDP_GED = "ucdp-ged"
    CURATED = "curated"


PartialDate = Annotated[
    str,
    BeforeValidator(_date_text),
    AfterValidator(check_date),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "format": "partial-date"}
    ),
]
"""An ISO date at year, month or day precision (YYYY, YYYY-MM, YYYY-MM-DD)."""

Month = Annotated[
    str,
    BeforeValidator(lambda v: v.isoformat()[:7] if isinstance(v, date) else v),
    AfterValidator(check_month),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}$", "format": "month"}),
]
ActorId = Annotated[str, _id_of(("actor",))]
AllianceId = Annotated[str, _id_of(("alliance",))]
NodeIdParam = Annotated[str, _id_of(("actor", "alliance"))]
PlaceId = Annotated[str, _id_of(("region", "country", "location"))]
RegionId = Annotated[str, _id_of(("region",))]
CountryId = Annotated[str, BeforeValidator(_country_id), _id_of(("country",))]
"""A country: `country:sen`, or its ISO 3166 alpha-3 code in any case (`SEN`)."""
AnyId = Annotated[str, _id_of(("actor", "alliance", "region", "country", "location", "event",
                               "incident", "operation", "assessment", "report", "source"))]  # fmt: skip
Limit = Annotated[int, Field(ge=1, le=1000, description="Rows to return (1-1000).")]
Depth = Annotated[int, Field(ge=1, le=4, description="Hops (1-4).")]


Csv = BeforeValidator(_split)
"""Lists also accept `a,b,c` (the command line's spelling)."""
StrList = Annotated[list[str], Csv]
ActorIds = Annotated[list[ActorId], Csv]
AllianceIds = Annotated[list[AllianceId], Csv]
RegionIds = Annotated[list[RegionId], Csv]
CountryIds = Annotated[list[CountryId], Csv]
Months = Annotated[list[Month], Csv]


class Params(BaseModel):
    """Base of every entry's parameters: unknown names are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _window_in_order(self) -> Params:
        """Every entry with a window refuses one that ends before it starts."""
        start, end = getattr(self, "start", None), getattr(self, "end", None)
        if isinstance(start, str) and isinstance(end, str):
            common = min(len(start), len(end))
            if start[:common] > end[:common]:
                raise ValueError(f"the window ends ({end}) before it starts ({start})")
        return self

    def cypher_values(self) -> dict[str, Any]:
        """The values as Cypher parameters (enums as their strings)."""
        return self.model_dump(mode="json")


class Grades(Params):
    """How firm and how credible a claim must be to count."""

    min_status: ClaimStatus = Field(
        default=ClaimStatus.POSSIBLE, description="Weakest claim status to include."
    )
    max_credibility: Credibility = Field(
        default=6, description="Worst Admiralty credibility (1 best … 6) to include."
    )


class AsOfGrades(Grades):
    """Graded claims that hold on a date."""

    as_of: PartialDate | None = Field(
        default=None, description="Date the answer holds on; default: any time."
    )


class AsOfWindowGrades(AsOfGrades):
    """Graded claims that hold on `as_of` (if given) and at some time in [start, end].

    The window is what "active between" means for a relationship: the claim's period
    overlaps it. Both filters may be given; a claim must pass both.
    """

    start: PartialDate | None = Field(
        default=None, description="Claims holding at some time from this date; default open."
    )
    end: PartialDate | None = Field(
        default=None, description="Claims holding at some time up to this date; default open."
    )


class WindowParams(Params):
    """A period [start, end] at any date precision; a missing bound is open."""

    start: PartialDate | None = Field(default=None, description="Window start; default open.")
    end: PartialDate | None = Field(default=None, description="Window end; default open.")


class NoParams(Params):
    """An entry without parameters."""


P = TypeVar("P", bound=Params)


def validate_params(model: type[P], values: Any, *, query: str) -> P:
    """The one coercion path: a mapping (CLI strings, JSON, Python values) → `model`.

    Errors become `InvalidParameter` naming the entry and the first bad field.
    """
    if isinstance(values, model):
        return values
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        # An unknown name first: it usually explains the missing one (a misspelling).
        error = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        field = ".".join(str(p) for p in error["loc"]) or None
        if error["type"] == "extra_forbidden":
            known = ", ".join(model.model_fields) or "none"
            message = f"{query}: unknown parameter {field}; it takes {known}"
        elif error["type"] == "missing":
            message = f"{query}: parameter {field} is required"
        else:
            reason = error["msg"].removeprefix("Value error, ")
            message = f"{query}: parameter {field}: {reason}" if field else f"{query}: {reason}"
        raise InvalidParameter(message, field=field) from None
