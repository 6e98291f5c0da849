"""The rules by which tests/test_docs.py tells a docs code block's kind."""

from __future__ import annotations

import pytest
import regex

from tests.doc_blocks import read_blocks, steps


def _steps(page: str) -> list[tuple[str, str, str]]:
    return [(step.kind, step.text, step.expected) for step in steps(read_blocks(page))]


def test_a_script_and_the_text_block_after_it() -> None:
    page = "```python\nprint(1)\n```\n\n```text\n1\n```\n\n```text\nshown only\n```\n"
    assert _steps(page) == [("script", "print(1)\n", "1\n")]


def test_a_script_with_no_output_block_must_print_nothing() -> None:
    assert _steps("```python\nx = 1\n```\n") == [("script", "x = 1\n", "")]


def test_doctests_are_left_to_pytest() -> None:
    assert _steps("```python\n>>> 1\n1\n```\n\n```text\nnot output\n```\n") == []


def test_titled_blocks_are_files_and_console_blocks_are_commands() -> None:
    page = (
        '```json title="a.json"\n{}\n```\n\n'
        '```text title="threads/b.txt"\nb\n```\n\n'
        "```console\n$ cat a.json\n{}\n$ true\n```\n"
    )
    assert _steps(page) == [
        ("file", "{}\n", ""),
        ("file", "b\n", ""),
        ("command", "cat a.json", "{}\n"),
        ("command", "true", ""),
    ]
    command = list(steps(read_blocks(page)))[2]
    assert command.output_lines == (10, 11)


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("```sh\npip install x && rm -rf y\n```\n", "'rm -rf y' runs unchecked"),
        ("```json\n{}\n```\n", "a ```json block without a title="),
        ('```json title="../a.json"\n{}\n```\n', "a ```json block without a title="),
        ('```json title="/a.json"\n{}\n```\n', "a ```json block without a title="),
        ("```console\necho\n```\n", "a console block starts with '$ '"),
        ("text\n\n    indented code\n", "line 3: indented code"),
        ("- item\n\n  ```python\n  x\n  ```\n", "a fence inside another block"),
    ],
)
def test_what_no_page_may_hold(page: str, message: str) -> None:
    with pytest.raises(ValueError, match=regex.escape(message)):
        list(steps(read_blocks(page)))
