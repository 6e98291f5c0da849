"""Hypothesis profiles and the --update-fixtures switch.

Profiles: "ci" (the default under CI=true: derandomized, bounded, so .ci/run is
repeatable and fast), "dev" (the default locally), "deep" (long runs:
``pytest --hypothesis-profile=deep``).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("deep", max_examples=20_000, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-fixtures",
        action="store_true",
        help="rewrite tests/fixtures/*.json from the parser's output (review the diff!)",
    )
