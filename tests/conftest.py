"""Hypothesis profiles, the --update-fixtures switch, and schema checks on every dump.

Profiles: "ci" (the default under CI=true: derandomized, bounded, so .ci/run is
repeatable and fast), "dev" (the default locally), "deep" (long runs:
``pytest --hypothesis-profile=deep``).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.schema_check import check_dump, check_record
from tests.shared_data import SHARED, absent_in_ci
from threadparse import _serialize

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
# The quick loop (README, Contributing): a few examples each, the same every run.
settings.register_profile(
    "quick",
    derandomize=True,
    max_examples=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_configure(config: pytest.Config) -> None:
    """Under CI every test runs: ../shared must be beside the checkout (one line if not)."""
    absent = absent_in_ci()
    if os.environ.get("CI") and absent:
        raise pytest.UsageError(
            f"CI runs read the real data in {SHARED}, but {', '.join(absent)} is missing "
            "there: clone the project beside shared/"
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-fixtures",
        action="store_true",
        help="rewrite tests/fixtures/*.json from the parser's output (review the diff!)",
    )


#: What the docs' recipe pages import beyond the test extra (the recipes extra).
RECIPE_MODULES = ("matplotlib", "dask")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Recipe pages run where the recipes extra is installed; elsewhere they are
    deselected and the summary says how to run them. Under CI they must run."""
    absent = [name for name in RECIPE_MODULES if importlib.util.find_spec(name) is None]
    recipes = [item for item in items if item.get_closest_marker("recipes")]
    if not absent or not recipes:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"CI runs every recipe page, but {', '.join(absent)} is not installed: "
            "pip install -e '.[test,recipes]'"
        )
    config.hook.pytest_deselected(items=recipes)
    items[:] = [item for item in items if not item.get_closest_marker("recipes")]
    config.stash[_NOT_RUN] = len(recipes)


_NOT_RUN = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if config.stash.get(_NOT_RUN, 0):
        terminalreporter.write_line(
            f"{config.stash[_NOT_RUN]} recipe page(s) not run: they need "
            f"{' and '.join(RECIPE_MODULES)} (pip install -e '.[test,recipes]')"
        )


def _checked(convert: Callable[..., Any], check: Callable[[Any], None]) -> Callable[..., Any]:
    @functools.wraps(convert)
    def checked(*args: Any, **kwargs: Any) -> Any:
        output = convert(*args, **kwargs)
        check(output)
        return output

    return checked


@pytest.fixture(scope="session", autouse=True)
def every_dump_is_checked_against_the_schema() -> Iterator[None]:
    """Every dump made in the test session, by ``to_dict``, ``to_json``, the
    JSON Lines writer or the CLI in-process, is validated against the shipped
    JSON Schema. The converters are replaced wherever a module holds them
    (``from ... import to_dict`` binds a name of its own), so none is missed;
    tests/test_schema.py proves the hook is live."""
    originals = {
        _serialize.to_dict: _checked(_serialize.to_dict, check_dump),
        _serialize.part_to_dict: _checked(_serialize.part_to_dict, check_record),
    }
    with pytest.MonkeyPatch.context() as patch:
        for module in list(sys.modules.values()):
            name = getattr(module, "__name__", "")
            if not name.startswith(("threadparse", "tests", "fuzz", "benchmarks")):
                continue
            for attribute, value in list(vars(module).items()):
                for original, checked in originals.items():
                    if value is original:
                        patch.setattr(module, attribute, checked)
        yield
