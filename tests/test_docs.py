"""Docs that cannot drift: every code block in README.md and docs/ runs, and
what it prints is what the page shows.

tests/doc_blocks.py says how a block's kind is told. Each page runs in a fresh
folder: its titled blocks are written there as files, its scripts and console
commands run there, in page order, as a reader would run them. Doctests
(``>>>`` blocks) are run by pytest's own doctest collection (pyproject.toml).
``pytest tests/test_docs.py --update-fixtures`` rewrites the shown outputs
after an intended change; review the diff like code.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import threadparse
from tests.doc_blocks import Step, pages, read_blocks, steps
from tests.schema_check import check_dump, check_record

#: Minutes of a full run, so not in the quick loop (README, Contributing).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[1]
PAGES = pages(ROOT)
# A script or command that takes longer has gone wrong (the slowest, the Dask
# recipe, takes a few seconds).
TIME_LIMIT = 300


def test_every_page_is_checked() -> None:
    names = {page.relative_to(ROOT).as_posix() for page in PAGES}
    assert {"README.md", "docs/index.md", "docs/recipes/dataframe.md"} <= names


#: A page whose code imports these needs the recipes extra (conftest.py runs it
#: only where they are installed, and always under CI).
RECIPE_LIBRARIES = re.compile(r"^(?:import|from) (?:matplotlib|dask)\b", re.MULTILINE)


def _page_param(page: Path) -> Any:
    needs = RECIPE_LIBRARIES.search(page.read_text(encoding="utf-8"))
    marks = [pytest.mark.recipes] if needs else []
    return pytest.param(page, marks=marks, id=page.relative_to(ROOT).as_posix())


@pytest.mark.parametrize("page", [_page_param(page) for page in PAGES])
def test_page_examples_print_what_the_page_shows(
    page: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    text = page.read_text(encoding="utf-8")
    folder = tmp_path / "work"
    folder.mkdir()
    environment = _environment(tmp_path)
    rewrites: dict[tuple[int, int, bool], str] = {}
    failures = []
    for step in steps(read_blocks(text)):
        printed = _run(step, folder, environment)
        _check_dumps(printed)
        if printed == step.expected:
            continue
        where = f"{page.name}:{step.block.first_line + 1}"
        if request.config.getoption("--update-fixtures"):
            rewrites[_output_lines(step)] = printed
        elif step.output is None:
            failures.append(f"{where}: printed {printed!r}, and the page shows no output block")
        else:
            failures.append(
                f"{where}: {step.text[:60]!r}\n--- shown\n{step.expected}--- printed\n{printed}"
            )
    if rewrites:
        page.write_text(_rewritten(text, rewrites), encoding="utf-8", newline="")
    assert not failures, "\n".join(failures)


_NOT_JSON = object()


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return _NOT_JSON


def _check_dumps(printed: str) -> None:
    """A dump or JSON Lines the page shows is checked against the JSON Schema."""
    document = _json(printed)
    if isinstance(document, dict) and "schema_version" in document:
        check_dump(document)
    records = [_json(line) for line in printed.splitlines()]
    if document is _NOT_JSON and records and _NOT_JSON not in records:
        for record in records:
            if isinstance(record, dict) and "kind" in record:
                check_record(record)


def _environment(tmp_path: Path) -> dict[str, str]:
    """The reader's shell: ``python`` is this interpreter, plots go to files,
    and output is UTF-8 whatever the machine's locale."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    # A wrapper, not a symlink: a venv's python finds its packages from its own path.
    python = bin_folder / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        "COLUMNS": "100",
    }


def _run(step: Step, folder: Path, environment: dict[str, str]) -> str:
    if step.kind == "file":
        assert step.block.title is not None
        path = folder / step.block.title
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step.text, encoding="utf-8", newline="")
        return ""
    if step.kind == "script":
        script = folder / "example.py"
        script.write_text(step.text, encoding="utf-8")
        command = [sys.executable, script.name]
    else:
        command = ["bash", "-c", step.text]
    # The page's own example, run as a reader runs it.
    done = subprocess.run(
        command,
        cwd=folder,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=TIME_LIMIT,
        check=False,
    )
    return done.stdout


def _output_lines(step: Step) -> tuple[int, int, bool]:
    """The page lines that show ``step``'s output, and whether a new block must
    be made for it (after a script that has no output block yet)."""
    if step.output_lines is not None:
        return (*step.output_lines, False)
    if step.output is not None:
        return (step.output.first_line, step.output.end_line, False)
    after = step.block.end_line + 1
    return (after, after, True)


def _rewritten(page: str, rewrites: dict[tuple[int, int, bool], str]) -> str:
    """``page`` with the given line ranges replaced, last first so that the
    earlier line numbers stay right."""
    lines = page.splitlines(keepends=True)
    for (start, end, new_block), fresh in sorted(rewrites.items(), reverse=True):
        shown = fresh.splitlines(keepends=True)
        lines[start:end] = ["\n", "```text\n", *shown, "```\n"] if new_block else shown
    return "".join(lines)


def test_the_reference_shows_every_exported_name() -> None:
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"^::: threadparse\.(\w+)$", reference, re.MULTILINE))
    assert set(threadparse.__all__) - shown == {"__version__"}
    assert "`threadparse.__version__`" in reference
