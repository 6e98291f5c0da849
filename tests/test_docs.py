"""Docs that cannot drift: every example in docs/format.md is re-parsed here.

An example is a ```text block followed by "Parsed (`--format tree`):" and the
tree output block. ``pytest tests/test_docs.py --update-fixtures`` rewrites the
outputs after an intended change.
"""

from __future__ import annotations

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


def test_format_guide_examples(request: pytest.FixtureRequest) -> None:
    guide = FORMAT_GUIDE.read_text(encoding="utf-8")
    examples = list(EXAMPLE.finditer(guide))
    assert len(examples) >= 5
    if request.config.getoption("--update-fixtures"):
        guide = EXAMPLE.sub(
            lambda m: m.group().replace(m["output"], render_tree(threadparse.parse(m["input"]))),
            guide,
        )
        FORMAT_GUIDE.write_text(guide, encoding="utf-8")
    for example in EXAMPLE.finditer(guide):
        assert render_tree(threadparse.parse(example["input"])) == example["output"]
