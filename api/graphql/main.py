"""The app factory uvicorn imports in each worker (`api.graphql.main:app`)."""

from __future__ import annotations

import atexit
import logging
import logging.handlers
import os
import queue
import sys

from starlette.applications import Starlette

from api.graphql.app import create_app
from api.graphql.settings import Limits, settings_from_env


class _Enqueue(logging.handlers.QueueHandler):
    """Hands a record to the writer thread as it is: access lines are finished strings (no
    arguments, no traceback), so formatting and copying them here would be wasted work."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        if record.args or record.exc_info:
            prepared: logging.LogRecord = super().prepare(record)
            return prepared
        return record


def _log_off_the_event_loop(logger: logging.Logger) -> None:
    """Access lines go through a queue to a writer thread: a slow or full stderr pipe never
    blocks the event loop that serves requests."""
    writer = logging.StreamHandler(sys.stderr)
    writer.setFormatter(logging.Formatter("%(message)s"))
    lines: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    listener = logging.handlers.QueueListener(lines, writer)
    listener.start()
    atexit.register(listener.stop)
    logger.addHandler(_Enqueue(lines))
    logger.setLevel(logging.INFO)
    logger.propagate = False


def app() -> Starlette:
    """Settings from the environment `sahelkg serve` set up; access log lines to stderr."""
    access = logging.getLogger("sahelkg.access")
    if not access.handlers:
        _log_off_the_event_loop(access)
    timeout = os.environ.get("SAHELKG_API_TIMEOUT")
    limits = Limits(timeout_s=float(timeout)) if timeout else Limits()
    return create_app(settings_from_env(limits=limits))
