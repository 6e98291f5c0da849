"""Docs that cannot drift: every example in docs/format.md is re-parsed here, and
every script in docs/ runs and prints what the page shows.

An example is a ```text block followed by "Parsed (`--format tree`):" and the
tree output block. ``pytest tests/test_docs.py --update-fixtures`` rewrites the
outputs after an intended change.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import regex

import threadparse
from threadparse._tree import render_tree

FORMAT_GUIDE = Path(__file__).parents[1] / "docs" / "format.md"
EXAMPLE = regex.compile(
    r"```text\n(?P<input>.*?)```\n\nParsed \(`--format tree`\):\n\n```text\n(?P<output>.*?)```",
    regex.DOTALL,
)


def _with_fresh_output(example: regex.Match[str]) -> str:
    """The example with its output block rewritten (by position: an empty
    output block must not match everywhere)."""
    start, end = example.span("output")
    whole = example.group()
    offset = example.start()
    fresh = render_tree(threadparse.parse(example["input"]))
    return whole[: start - offset] + fresh + whole[end - offset :]


def test_format_guide_examples(request: pytest.FixtureRequest) -> None:
    guide = FORMAT_GUIDE.read_text(encoding="utf-8")
    examples = list(EXAMPLE.finditer(guide))
    assert len(examples) >= 5
    if request.config.getoption("--update-fixtures"):
        guide = EXAMPLE.sub(_with_fresh_output, guide)
        FORMAT_GUIDE.write_text(guide, encoding="utf-8")
    for example in EXAMPLE.finditer(guide):
        assert render_tree(threadparse.parse(example["input"])) == example["output"]


# A ```python block followed by a ```text block is a script and what it prints.
SCRIPT = regex.compile(r"```python\n(?P<code>.*?)```\n\n```text\n(?P<output>.*?)```", regex.DOTALL)
DOCS = sorted((Path(__file__).parents[1] / "docs").glob("*.md"))


def _scripts() -> list[tuple[str, str, str]]:
    return [
        (f"{page.name}:{number}", match["code"], match["output"])
        for page in DOCS
        for number, match in enumerate(SCRIPT.finditer(page.read_text(encoding="utf-8")), 1)
    ]


@pytest.mark.parametrize(("where", "code", "output"), _scripts(), ids=[s[0] for s in _scripts()])
def test_doc_scripts_print_what_the_docs_show(where: str, code: str, output: str) -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        # The docs' own example code, run as a reader would run it.
        exec(compile(code, where, "exec"), {"__name__": "__doc_example__"})  # noqa: S102
    assert printed.getvalue() == output
