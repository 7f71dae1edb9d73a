"""Parsing and resolving in a child process while the loading process writes.

Parsing, checking and resolving rows is pure Python: in the loading process it shares one
core (and the GIL) with the store client, so a load ran at the pace of the two added
together. A forked child runs `loaders.filebatches` over every file of the load (the
crosswalk and gazetteer it inherits carry from file to file, as in one process) and sends
each resolved batch through a pipe; the parent writes batch N while the child produces
N+1, and reads the pipe only between writes, so at most one batch waits in it.

The child never touches the store, ignores Ctrl-C (the parent decides) and leaves with
`os._exit`, so nothing the parent owns (the server, its files, buffered output) is
released or flushed twice. When the parent stops, for whatever reason, it ends the child.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from loaders.filebatches import FileState, ResolvedTotals, file_batches
from loaders.incidentwriter import IncidentWriter
from loaders.inflight import OneWriteInFlight
from loaders.progress import EventLoadSummary, LoadProgress

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WORKER_MIN_BYTES = 4 << 20
"""Inputs at least this large (about 9,000 ACLED rows) are parsed in a child process;
smaller ones are read in the loading process, where a fork would cost more than it saves."""


class ParseWorkerFailed(RuntimeError):
    """The child process that parses the files stopped without finishing them."""


def worker_available() -> bool:
    """A child can be forked here (POSIX); elsewhere loads parse in the loading process."""
    return "fork" in multiprocessing.get_all_start_methods()


PARSE_WORKER_ENV = "SAHELKG_PARSE_WORKER"
"""`off` (or 0/no/false) keeps every load in one process; the default, `auto`, uses the
worker for inputs of `WORKER_MIN_BYTES` or more."""


def wants_worker(paths: Sequence[Path], choice: bool | None) -> bool:
    """`choice` when given (and possible); by default, for inputs of `WORKER_MIN_BYTES`
    unless `PARSE_WORKER_ENV` turns the worker off."""
    if not worker_available():
        return False
    if choice is not None:
        return choice
    if os.environ.get(PARSE_WORKER_ENV, "auto").lower() in ("off", "0", "no", "false"):
        return False
    return sum(path.stat().st_size for path in paths) >= WORKER_MIN_BYTES


def _die_with_parent(parent_pid: int) -> None:
    """End this child when the loading process ends, even by kill -9.

    An orphaned child would hold what it inherited (the store's writer lock above all), so
    the next load would wait on a process nobody sees. Linux kills it at once
    (PR_SET_PDEATHSIG); elsewhere its next send fails on the broken pipe and it leaves.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


def _produce(
    parent_end: Connection,
    parent_pid: int,
    channel: Connection,
    paths: Sequence[Path],
    writer: IncidentWriter,
    batch_size: int,
    rejects: Mapping[Path, Path],
) -> None:
    """The child: every file's batches, then each file's state, then the load's totals."""
    parent_end.close()  # only the parent reads: with it gone, our sends fail at once
    _die_with_parent(parent_pid)
    gc.freeze()  # the inherited heap stays out of collections (and its pages shared)
    gc.set_threshold(100_000, 50, 1000)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    status = 0
    try:
        for path in paths:
            state = FileState()
            for batch in file_batches(path, writer, batch_size, rejects[path], state):
                if batch is not None:
                    channel.send(("batch", batch, state.rows_read, state.bytes_read))
            channel.send(("file", state))
        channel.send(("done", ResolvedTotals.of(writer)))
    except BrokenPipeError:  # the parent is gone: nobody to tell
        status = 1
    except BaseException as exc:  # every failure goes to the parent
        status = 1
        with contextlib.suppress(OSError):
            channel.send(("error", _portable(exc)))
    finally:
        channel.close()
        os._exit(status)


def _portable(exc: BaseException) -> BaseException:
    """`exc` itself when it survives pickling, else its text as ParseWorkerFailed."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # an exception that does not survive pickling is described
        lines = traceback.format_exception_only(type(exc), exc)
        return ParseWorkerFailed("".join(lines).strip())
    return exc


async def _receive(channel: Connection) -> Any:
    """The child's next message, waiting on the event loop (writes go on meanwhile)."""
    if not channel.poll():
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(channel.fileno(), wake)
        try:
            await ready
        finally:
            loop.remove_reader(channel.fileno())
    data = channel.recv_bytes()
    collecting = gc.isenabled()
    gc.disable()  # unpickling a batch makes a million objects, none of them cyclic garbage
    try:
        return pickle.loads(data)
    finally:
        if collecting:
            gc.enable()


async def load_in_worker(
    paths: Sequence[Path],
    writer: IncidentWriter,
    summary: EventLoadSummary,
    dry_run: bool,
    batch_size: int,
    progress: bool | None,
    rejects: Mapping[Path, Path],
) -> ResolvedTotals:
    """Load every file with a child producing the batches; the child's totals at the end."""
    context = multiprocessing.get_context("fork")
    incoming, outgoing = context.Pipe(duplex=False)
    sys.stdout.flush()  # the child must not inherit (and write out) buffered output
    sys.stderr.flush()
    arguments = (incoming, os.getpid(), outgoing, list(paths), writer, batch_size, dict(rejects))
    child = context.Process(target=_produce, name="sahelkg-parse", daemon=True, args=arguments)
    child.start()
    outgoing.close()
    writes = OneWriteInFlight(writer, dry_run)
    try:
        for path in paths:
            base = summary.rows_read
            with LoadProgress(f"{writer.dataset.name} {path.name}", path.stat().st_size,
                              progress) as bar:  # fmt: skip
                while True:
                    message = await _next(incoming, child)
                    if message[0] == "file":
                        await writes.settle()
                        state: FileState = message[1]
                        summary.rows_read = base + state.rows_read
                        bar.update(state.bytes_read, summary.rows_read)
                        break
                    _, batch, rows_read, bytes_read = message
                    summary.rows_read = base + rows_read
                    await writes.hand_over(batch)
                    bar.update(bytes_read, summary.rows_read)
            state.fill(summary)
        message = await _next(incoming, child)
        totals: ResolvedTotals = message[1]
        return totals
    finally:
        await writes.abandon()
        incoming.close()
        if child.is_alive():
            child.terminate()
        child.join(5)
        if child.is_alive():  # pragma: no cover — SIGTERM is not caught in the child
            child.kill()
            child.join()


async def _next(incoming: Connection, child: Any) -> Any:
    try:
        message = await _receive(incoming)
    except EOFError:
        raise ParseWorkerFailed(
            f"the process parsing the files stopped unexpectedly (exit code "
            f"{child.exitcode if child.exitcode is not None else 'unknown'}); nothing after "
            "the last acknowledged batch was written"
        ) from None
    if message[0] == "error":
        raise message[1]
    return message
