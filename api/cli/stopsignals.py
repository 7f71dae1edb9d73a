"""SIGTERM and SIGHUP stop a command as Ctrl-C does: what it was doing is cancelled, its
clean-up runs, the store is released, and the CLI exits with 128 + the signal.

While a command runs on the event loop (`run_with_store`), the loop itself takes the two
signals and cancels the command's task, as asyncio does for Ctrl-C. Raising from a signal
handler instead lands the exception wherever Python happens to be, in the middle of one of
the loop's own callbacks too: a load stopped that way once left a task pending at exit,
with a warning after "interrupted". Outside the loop, the handler passes the signal to the
SIGINT handler in force, or raises KeyboardInterrupt when SIGINT is ignored — as it is for
a command a script starts in the background (`sahelkg load … &`), which `kill` must still
stop.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
received: list[int] = []
"""The stop signals received, in order (the exit code names the last)."""


def stop_on_signal(signum: int, frame: FrameType | None) -> None:
    """The process-wide handler of the stop signals (installed by `api.cli.main`)."""
    received.append(signum)
    on_interrupt = signal.getsignal(signal.SIGINT)
    if callable(on_interrupt):
        on_interrupt(signal.SIGINT, frame)
    else:
        raise KeyboardInterrupt


@contextmanager
def cancelled_by_stop_signals(task: asyncio.Task[Any]) -> Iterator[None]:
    """Inside this block, a stop signal cancels `task` from the event loop; after it, the
    process-wide handlers are back."""
    loop = task.get_loop()
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}

    def stop(signum: int) -> None:
        received.append(signum)
        task.cancel()

    installed: list[signal.Signals] = []
    try:
        for stop_signal in STOP_SIGNALS:
            loop.add_signal_handler(stop_signal, stop, stop_signal)
            installed.append(stop_signal)
    except (NotImplementedError, RuntimeError, ValueError):  # no signals here (a thread)
        pass
    try:
        yield
    finally:
        for stop_signal in installed:
            loop.remove_signal_handler(stop_signal)
            handler = previous[stop_signal]
            if handler is not None:
                signal.signal(stop_signal, handler)
