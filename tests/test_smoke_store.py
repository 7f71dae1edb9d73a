from graph.store import GraphStore


async def test_round_trip_of_a_parameter(store: GraphStore) -> None:
    rows = await store.read("RETURN $x AS x", {"x": "é"})
    assert rows == [{"x": "é"}]
