"""Data-driven tests: each tests/fixtures/NAME.txt parses to NAME.json exactly.

The .json files are to_dict() output, reviewed by hand when written. After an
intended change, regenerate with ``pytest tests/test_fixtures.py
--update-fixtures`` and read the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import threadparse
from tests.nodes import check_lossless, check_spans

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*.txt"))


def read_exact(path: Path) -> str:
    """Decode without newline translation, as the CLI does."""
    return path.read_bytes().decode("utf-8")


def test_fixtures_exist() -> None:
    assert len(CASES) >= 14
    assert all(case.with_suffix(".json").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_fixture(case: Path, request: pytest.FixtureRequest) -> None:
    text = read_exact(case)
    thread = threadparse.parse(text)
    actual = threadparse.to_dict(thread)
    expected_path = case.with_suffix(".json")
    if request.config.getoption("--update-fixtures"):
        expected_path.write_text(
            json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))
    check_lossless(text, thread)
    check_spans(text, thread)
