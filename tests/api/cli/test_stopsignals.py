"""A stop signal during a command cancels its task on the event loop, and the process-wide
handlers are back once the command's loop is done."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from api.cli import stopsignals


def test_sighup_cancels_the_running_command_and_the_handlers_come_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stopsignals, "received", [])
    steps: list[str] = []
    # a process-wide handler of our own: a signal the loop did not take lands here, not on
    # the test run
    outside = signal.signal(signal.SIGHUP, lambda signum, frame: steps.append("process-wide"))
    before = {signum: signal.getsignal(signum) for signum in stopsignals.STOP_SIGNALS}

    async def command() -> None:
        task = asyncio.current_task()
        assert task is not None
        with stopsignals.cancelled_by_stop_signals(task):
            try:
                os.kill(os.getpid(), signal.SIGHUP)
                await asyncio.sleep(30)
                steps.append("ran to the end")
            except asyncio.CancelledError:
                steps.append("cancelled")
                raise
            finally:
                steps.append("cleaned up")

    try:
        with pytest.raises(asyncio.CancelledError):
            asyncio.run(command())
    finally:
        after = {signum: signal.getsignal(signum) for signum in stopsignals.STOP_SIGNALS}
        signal.signal(signal.SIGHUP, outside)
    assert steps == ["cancelled", "cleaned up"]
    assert stopsignals.received == [signal.SIGHUP]
    assert after == before
