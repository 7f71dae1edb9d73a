"""GraphQL API latency and throughput, against the catalog called directly in Python.

Run: `.venv/bin/python bench/bench_api.py [--requests N] [--long N] [--httpx-requests N]`
(or `make bench-api`). Loads data/ into a fresh embedded store in a temporary directory,
starts `sahelkg serve` (production mode, a reader token) with 1 and then 2 workers, each
with the response cache off and then on, and for three queries — an actor profile (small),
an ego network (≤ 100 edges) and a shortest path — measures p50/p99 latency and throughput
at 1, 8 and 32 concurrent clients over HTTP. The same catalog entries with the same
parameters are run in-process at the same concurrency; the ratios (API ÷ catalog) are the
API's overhead. Then 10,000 small requests at 32 clients, counting errors (cache off and
on, 1 worker). Figures go to bench/results/api.json.

The clients run on the same machine as the server (and the embedded FalkorDB), so they
compete with it for the cores. Each client is one keep-alive connection sending a request
encoded once (`raw_client`), the least client CPU per call; the actor profile is also
measured through httpx to show what a heavier client costs. Every answer must be
byte-identical to the first answer to that query (the data does not change during the
run), so a wrong or stale answer is an error too. Each measurement also says where the CPU
went: `cpu_ms_per_request` for the client (this process), the API server (its processes)
and FalkorDB (redis-server), read from /proc, with the load average at the start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import uvloop

from graph.store import GraphStore, open_store
from loaders.curated import load_paths
from queries.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "api.json"
CONCURRENCY = (1, 8, 32)

QUERIES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "actor_profile": (
        "actor_profile",
        """query($id: String!) { actorProfile(actorId: $id) { name kind aliases
        allies { other { id name } evidence { status credibility } }
        enemies { other { id name } evidence { status credibility } } } }""",
        {"actor_id": "actor:jnim"},
    ),
    "ego_network": (
        "ego_network",
        """query($id: String!) { catalog { egoNetwork(actorId: $id, depth: 2) {
        type source { id name } target { id name } evidence { status credibility } } } }""",
        {"actor_id": "actor:jnim"},
    ),
    "path": (
        "shortest_path",
        """query($from: String!, $to: String!) { path(fromId: $from, toId: $to) {
        confidence { value } hops { source { id } target { id } edges { type
        evidence { status credibility } } } } }""",
        {"from_id": "actor:katiba-macina", "to_id": "actor:fama"},
    ),
}
VARIABLES = {
    "actor_profile": {"id": "actor:jnim"},
    "ego_network": {"id": "actor:jnim"},
    "path": {"from": "actor:katiba-macina", "to": "actor:fama"},
}


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of one process, from /proc (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> list[int]:
    """`root` and every process under it (uvicorn's workers), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


class CpuMeter:
    """CPU seconds used by the client (this process), the API server and FalkorDB."""

    def __init__(self, server_pid: int | None = None, store_dir: Path | None = None) -> None:
        self.server_pid = server_pid
        self.pid_file = store_dir / "redis.pid" if store_dir else None

    def read(self) -> dict[str, float]:
        found = {"client": time.process_time()}
        try:
            store_pid = int(self.pid_file.read_text().strip()) if self.pid_file else 0
        except (FileNotFoundError, ValueError):
            store_pid = 0
        if self.server_pid:  # FalkorDB may be the server's child: counted on its own
            under = [p for p in _descendants(self.server_pid) if p != store_pid]
            found["server"] = sum(_cpu_seconds(p) for p in under)
        found["falkordb"] = _cpu_seconds(store_pid) if store_pid else 0.0
        return found


METER = CpuMeter()


def summary(latencies: list[float], elapsed: float, errors: int) -> dict[str, Any]:
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        "throughput_rps": round(len(latencies) / elapsed, 1),
    }


Call = Callable[[], Awaitable[bool]]


async def drive(
    make_call: Callable[[], Awaitable[Call]], total: int, concurrency: int
) -> dict[str, Any]:
    """`total` calls by `concurrency` workers (each with its own call, e.g. its own
    connection, made before the clock starts); latency per call, errors of any kind counted."""
    latencies: list[float] = []
    errors = 0
    failures: dict[str, int] = {}
    remaining = total
    calls = [await make_call() for _ in range(concurrency)]

    async def worker(call: Call) -> None:
        nonlocal remaining, errors
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            try:
                ok = await call()
            except (OSError, asyncio.IncompleteReadError, httpx.TransportError) as exc:
                ok = False
                failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1
            latencies.append(time.perf_counter() - started)
            errors += 0 if ok else 1

    load = os.getloadavg()[0]
    cpu_before = METER.read()
    started = time.perf_counter()
    await asyncio.gather(*(worker(call) for call in calls))
    found = summary(latencies, time.perf_counter() - started, errors)
    cpu_after = METER.read()
    found["cpu_ms_per_request"] = {
        k: round((cpu_after[k] - cpu_before[k]) * 1000 / max(total, 1), 2) for k in cpu_after
    }
    found["load_average_1m"] = round(load, 2)
    if failures:
        found["transport_errors"] = sum(failures.values())
        found["transport_error_kinds"] = ", ".join(f"{k} x{v}" for k, v in sorted(failures.items()))
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(
    store_url: str, tokens: Path, workers: int, cache: bool
) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "SAHELKG_STORE": store_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers",
         str(workers), "--tokens-file", str(tokens),
         "--response-cache", "2048" if cache else "0"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("sahelkg serve did not start")


class Answers:
    """The first good answer to each query; every later one must be byte-identical (the
    data does not change during the bench), so a wrong or cached-stale answer counts as an
    error, not only a failed one."""

    def __init__(self) -> None:
        self.expected: dict[bytes, bytes] = {}

    def check(self, request: bytes, status: int, body: bytes) -> bool:
        if status != 200 or not body.startswith(b'{"data":') or b'"errors"' in body:
            return False
        return self.expected.setdefault(request, body) == body


ANSWERS = Answers()


def raw_request(base: str, token: str, body: dict[str, Any]) -> bytes:
    """One HTTP/1.1 POST, encoded once and sent as is on every call."""
    payload = json.dumps(body).encode()
    host = base.removeprefix("http://")
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


def raw_client(base: str, request: bytes) -> Callable[[], Awaitable[Call]]:
    """A keep-alive connection per worker sending `request` and reading the answer with the
    least client work (the bench measures the server, and shares its two cores with it)."""
    host, port = base.removeprefix("http://").split(":")

    async def connect() -> Call:
        reader, writer = await asyncio.open_connection(host, int(port))

        async def call() -> bool:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            body = await reader.readexactly(length)
            return ANSWERS.check(request, status, body)

        return call

    return connect


def httpx_client(
    client: httpx.AsyncClient, request: bytes, body: dict[str, Any]
) -> Callable[[], Awaitable[Call]]:
    """The same calls through httpx (what a Python client would use; costs more CPU)."""

    async def call() -> bool:
        response = await client.post("/graphql", json=body)
        return ANSWERS.check(request, response.status_code, response.content)

    async def same() -> Call:
        return call

    return same


async def bench_api(
    base: str, token: str, requests: int, client_kind: str, names: tuple[str, ...]
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=60
    ) as client:
        for name in names:
            body = {"query": QUERIES[name][1], "variables": VARIABLES[name]}
            request = raw_request(base, token, body)
            make = (
                raw_client(base, request)
                if client_kind == "raw"
                else httpx_client(client, request, body)
            )
            await drive(make, 20, 4)  # warm up
            results[name] = {str(c): await drive(make, requests, c) for c in CONCURRENCY}
    return results


async def bench_catalog(store: GraphStore, requests: int) -> dict[str, Any]:
    catalog = load_catalog()
    results: dict[str, Any] = {}
    for name, (entry_name, _, params) in QUERIES.items():
        entry = catalog[entry_name]

        async def call(entry: Any = entry, params: dict[str, Any] = params) -> bool:
            return bool(await entry.execute(store, params))

        async def same(call: Call = call) -> Call:
            return call

        await drive(same, 20, 4)
        results[name] = {str(c): await drive(same, requests, c) for c in CONCURRENCY}
    return results


async def long_run(base: str, token: str, total: int) -> dict[str, Any]:
    name = "actor_profile"
    body = {"query": QUERIES[name][1], "variables": VARIABLES[name]}
    return await drive(raw_client(base, raw_request(base, token, body)), total, 32)


def ratios(api: dict[str, Any], direct: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, levels in api.items():
        found[name] = {
            c: {
                "p50_ratio": round(levels[c]["p50_ms"] / max(direct[name][c]["p50_ms"], 1e-3), 2),
                "throughput_ratio": round(
                    levels[c]["throughput_rps"] / max(direct[name][c]["throughput_rps"], 1e-3), 3
                ),
            }
            for c in levels
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="Requests per query and level.")
    parser.add_argument("--long", type=int, default=10_000, help="Small requests at 32 clients.")
    parser.add_argument(
        "--httpx-requests", type=int, default=300,
        help="Requests per level through httpx for the actor profile (0: skip), to show "
             "what the client itself costs.",
    )  # fmt: skip
    args = parser.parse_args()
    from api.graphql.tokens import Role, TokenStore

    uvloop.install()  # the server's loop too (uvicorn's "auto"): less client CPU per call

    with tempfile.TemporaryDirectory(prefix="sahelkg-bench-api-") as tmp:
        store_url = f"embedded:{tmp}/graph"
        tokens = Path(tmp) / "api" / "tokens.json"
        token = TokenStore(tokens).create(Role.READER, "bench")

        async def load_and_measure_catalog() -> tuple[dict[str, Any], dict[str, int]]:
            store = await open_store(store_url)
            try:
                await store.ensure_schema()
                await load_paths(store, [ROOT / "data"])
                ego = await load_catalog()["ego_network"].execute(store, QUERIES["ego_network"][2])
                return await bench_catalog(store, args.requests), {"ego_edges": len(ego)}
            finally:
                await store.close()

        global METER
        METER = CpuMeter(None, Path(tmp) / "graph")
        direct, sizes = asyncio.run(load_and_measure_catalog())
        report: dict[str, Any] = {
            "machine": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "load_average_at_start": os.getloadavg(),
            },
            "client": "raw keep-alive HTTP/1.1 connection per client (see raw_client) unless "
            "named httpx",
            "requests_per_level": args.requests,
            "sizes": sizes,
            "catalog_direct": direct,
        }
        names = tuple(QUERIES)
        for workers in (1, 2):
            for cache in (False, True):
                label = f"api_{workers}_worker_cache_{'on' if cache else 'off'}"
                process, base = start_server(store_url, tokens, workers, cache)
                METER = CpuMeter(process.pid, Path(tmp) / "graph")
                try:
                    api = asyncio.run(bench_api(base, token, args.requests, "raw", names))
                    report[label] = api
                    report[f"ratio_{label}_to_catalog"] = ratios(api, direct)
                    if workers == 1 and args.httpx_requests:
                        report[f"{label}_httpx_client"] = asyncio.run(
                            bench_api(base, token, args.httpx_requests, "httpx",
                                      ("actor_profile",))
                        )  # fmt: skip
                    if workers == 1:
                        report[f"long_run_32_clients_cache_{'on' if cache else 'off'}"] = (
                            asyncio.run(long_run(base, token, args.long))
                        )
                finally:
                    process.terminate()
                    process.wait(timeout=30)
        report["load_average_at_end"] = os.getloadavg()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
