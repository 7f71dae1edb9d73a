"""A read under `read_timeout` is stopped by the engine itself, not only abandoned."""

from __future__ import annotations

import pytest

from graph.store import GraphStore
from graph.store.base import QueryTimeout, current_read_timeout, read_timeout

HEAVY = "UNWIND range(1, 20000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n"


async def test_engine_stops_a_read_over_its_timeout(store: GraphStore) -> None:
    with read_timeout(0.001), pytest.raises(QueryTimeout, match=r"time limit"):
        await store.read(HEAVY)
    assert current_read_timeout() is None
    assert await store.read("RETURN 1 AS one") == [{"one": 1}]
