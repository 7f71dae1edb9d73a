"""At most one batch being written while the next is produced and prepared; batches land
in order."""

from __future__ import annotations

import asyncio

from loaders.incidentwriter import Batch, IncidentWriter


async def finished(write: asyncio.Task[None]) -> None:
    """Wait for the batch being written, and stop at once if this load is interrupted.

    Awaiting the task directly would pass our cancellation (Ctrl-C, SIGTERM) into it, and
    a write that absorbs it (the redis client can) would then let the load carry on to its
    end as if no signal had come. Shielded, the interruption stops us here; `abandon` then
    cancels the write and waits for it.
    """
    await asyncio.shield(write)


class OneWriteInFlight:
    """Hands batches to the writer, each written on its own task while the caller goes on
    producing the next; a dry run writes nothing.

    A batch is prepared (its reads, statements and the engine's text for them) while the
    one before is still being written: the engine's work and ours overlap, instead of the
    engine waiting while we write out the next transaction. Its reads wait for the batch
    in flight only when the two share an incident, the one case where they could differ.
    """

    def __init__(self, writer: IncidentWriter, dry_run: bool) -> None:
        self.writer = writer
        self.dry_run = dry_run
        self._task: asyncio.Task[None] | None = None
        self._in_flight: set[str] = set()

    async def hand_over(self, batch: Batch) -> None:
        """Prepare this batch, wait for the previous one to be acknowledged, then start
        writing this one."""
        if self.dry_run:
            return
        if not self._in_flight.isdisjoint(batch.incidents):
            await self.settle()
        prepared = await self.writer.prepare(batch)
        await self.settle()
        if prepared is not None:
            self._in_flight = set(batch.incidents)
            self._task = asyncio.create_task(self.writer.send(prepared, len(batch)))
            await asyncio.sleep(0)

    async def settle(self) -> None:
        """Wait for the batch in flight, if any (its failure is raised here)."""
        if self._task is not None:
            await finished(self._task)  # interrupted here, the task stays for `abandon`
            self._task = None
        self._in_flight = set()

    async def abandon(self) -> None:
        """Interrupted mid-write: that batch was not acknowledged; stop it and wait for it."""
        if self._task is None:
            return
        task, self._task = self._task, None
        task.cancel()
        await asyncio.wait([task])
        if not task.cancelled():
            task.exception()  # retrieved here: the interruption is what we report
