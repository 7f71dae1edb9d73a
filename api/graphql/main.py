"""The app factory uvicorn imports in each worker (`api.graphql.main:app`)."""

from __future__ import annotations

import logging
import os
import sys

from starlette.applications import Starlette

from api.graphql.app import create_app
from api.graphql.settings import Limits, settings_from_env


def app() -> Starlette:
    """Settings from the environment `sahelkg serve` set up; access log lines to stderr."""
    access = logging.getLogger("sahelkg.access")
    if not access.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False
    timeout = os.environ.get("SAHELKG_API_TIMEOUT")
    limits = Limits(timeout_s=float(timeout)) if timeout else Limits()
    return create_app(settings_from_env(limits=limits))
