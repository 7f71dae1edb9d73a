"""Scalars the schema adds: the graph's dates, which may be a year, a month or a day."""

from __future__ import annotations

from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from graph.dates import check_date

PartialDate = NewType("PartialDate", str)

PARTIAL_DATE = strawberry.scalar(
    name="Date",
    description="An ISO-8601 date at year, month or day precision: 2023, 2023-09 or "
    "2023-09-16. A month means every day of it (a claim valid to 2023-09 holds on "
    "2023-09-15).",
    serialize=str,
    parse_value=lambda value: check_date(str(value)),
)
SCALARS: dict[object, ScalarDefinition] = {PartialDate: PARTIAL_DATE}
