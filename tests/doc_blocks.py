"""The code blocks of a markdown page, read with markdown-it-py, and what each one is.

Every fenced block in docs/ and README.md is one of these kinds, told apart by
its info string, so that nothing a reader can copy goes unchecked:

- ```` ```python ```` starting with ``>>>``: a doctest (pytest's
  ``--doctest-glob=*.md`` runs it).
- ```` ```python ```` otherwise: a script. It runs as ``python example.py`` in
  the page's working folder; the untitled ```` ```text ```` block right after it
  is what it prints (no such block: it prints nothing).
- ```` ```console ````: shell commands after ``$ `` and, below each, what it
  prints (standard error included). They run in the page's working folder.
- A block with ``title="NAME"`` (any language): a file the reader is shown.
  It is written into the page's working folder, so the commands and scripts
  after it can read it.
- ```` ```sh ````: setup the tests cannot do (installing, making a venv). Each
  command must be one of ``SETUP_COMMANDS``, so nothing else hides there.
- An untitled ```` ```text ```` block that follows no script: shown text (a grammar,
  an outline), not code.

A page's blocks run in order, in one fresh folder per page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import attrs
import regex
from markdown_it import MarkdownIt

# Commands a ```sh block may hold: ones that change the machine, which a test
# must not do. Anything that only reads or prints belongs in a console block.
SETUP_COMMANDS = regex.compile(
    r"(python3? -m (pip install|venv|pytest|build)|pip install|\. |source |cd |git clone"
    r"|mkdocs (serve|build)|python -m threadparse demo$)"
)
# A file name, or a relative path down into the page's folder ("threads/a.txt").
TITLE = regex.compile(r'\btitle="(?P<name>(?!/)(?:[^"/\\.][^"/\\]*/)*[^"/\\]+)"')


@attrs.frozen
class Block:
    """One fenced block: its language, file name (if titled), text, and lines."""

    language: str
    title: str | None
    content: str
    first_line: int  # 0-based line of the content's first line
    end_line: int  # 0-based line of the closing fence

    @property
    def is_doctest(self) -> bool:
        return self.language == "python" and self.content.startswith(">>>")


def read_blocks(page: str) -> list[Block]:
    """The fenced blocks of ``page``, in order; indented code is refused, since
    a block inside a list or admonition could not be rewritten by line."""
    blocks = []
    for token in MarkdownIt("commonmark").parse(page):
        if token.type == "code_block":
            raise ValueError(f"line {token.map[0] + 1 if token.map else '?'}: indented code")
        if token.type != "fence":
            continue
        assert token.map is not None
        if token.level != 0:
            raise ValueError(f"line {token.map[0] + 1}: a fence inside another block")
        language, _, attributes = token.info.partition(" ")
        title = TITLE.search(attributes)
        blocks.append(
            Block(
                language=language,
                title=title["name"] if title else None,
                content=token.content,
                first_line=token.map[0] + 1,
                end_line=token.map[1] - 1,
            )
        )
    return blocks


@attrs.frozen
class Step:
    """Something to do in the page's folder, and the block its output is checked against."""

    kind: str  # "file", "script", "command"
    block: Block
    text: str  # the file's content, the script, or the command
    expected: str
    output: Block | None = None  # where the expected output lives (for rewriting)
    output_lines: tuple[int, int] | None = None  # lines of that output in the page


def steps(blocks: list[Block]) -> Iterator[Step]:
    """What a page asks to be done, in order, after checking each block's kind."""
    shown_output: set[int] = set()
    for index, block in enumerate(blocks):
        follower = blocks[index + 1] if index + 1 < len(blocks) else None
        where = f"line {block.first_line}"
        if block.title is not None:
            yield Step("file", block, block.content, "")
        elif block.is_doctest or index in shown_output:
            continue
        elif block.language == "python":
            if follower and follower.language == "text" and follower.title is None:
                shown_output.add(index + 1)
                yield Step("script", block, block.content, follower.content, follower)
            else:
                yield Step("script", block, block.content, "")
        elif block.language == "console":
            yield from _commands(block)
        elif block.language == "sh":
            for command in _sh_commands(block.content):
                if not SETUP_COMMANDS.match(command):
                    raise ValueError(f"{where}: {command!r} runs unchecked: use a console block")
        elif block.language != "text":
            raise ValueError(f"{where}: a ```{block.language} block without a title= file name")


def _sh_commands(content: str) -> Iterator[str]:
    for line in content.splitlines():
        for command in line.split("&&"):
            if command.strip() and not command.strip().startswith("#"):
                yield command.strip()


def _commands(block: Block) -> Iterator[Step]:
    lines = block.content.splitlines(keepends=True)
    starts = [number for number, line in enumerate(lines) if line.startswith("$ ")]
    if not starts or starts[0] != 0:
        raise ValueError(f"line {block.first_line}: a console block starts with '$ '")
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        yield Step(
            "command",
            block,
            lines[start][2:].rstrip("\n"),
            "".join(lines[start + 1 : end]),
            block,
            (block.first_line + start + 1, block.first_line + end),
        )


def pages(root: Path) -> list[Path]:
    """README.md and every page of the docs site."""
    return [root / "README.md", *sorted((root / "docs").rglob("*.md"))]
