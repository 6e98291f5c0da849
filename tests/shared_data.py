"""The material in ../shared that the tests read: real captures, real responses, the corpus.

It sits beside the checkout (the project's folder and ``shared/`` side by
side), and is never copied into the project. CI always has it: a run under
``CI=true`` without it stops at collection with one line (conftest.py).
Elsewhere, in a checkout on its own, the tests that need it are skipped, each
saying why, and the rest run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"

#: The folders of ../shared the tests read; under CI each must be there.
FOLDERS = ("corpus", "real_ui", "real_data")

#: Skips a test where ../shared is not beside the checkout (under CI the run
#: stops at collection instead, so nothing is skipped there).
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"no {SHARED} beside the checkout (CI always has it)"
)


def absent_in_ci() -> list[str]:
    """The folders of ../shared that are missing."""
    return [name for name in FOLDERS if not (SHARED / name).is_dir()]
