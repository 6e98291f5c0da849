"""One fuzz case: bytes in, every guarantee of ``parse()`` checked.

Shared by the atheris driver (``fuzz/fuzz_parse.py``) and by the regression test
(``tests/test_fuzz_regressions.py``), so a crash the fuzzer finds replays in
pytest exactly as the fuzzer saw it.

The first byte picks how the rest becomes text and which dialect is asked for:

- bits 0-2: the dialect (``auto``, the first seven dialects); the dialects
  added later (``lemmy-html``) are asked by an escape: bits 0-2 at 0 and a
  second byte ``0xFE`` (never the start of UTF-8 text, so no earlier finding
  changes meaning), then ``EXTRA_DIALECTS[third byte]`` and the text after it
- bits 3-4: the decoding: UTF-8 with ``surrogateescape`` (lone surrogates in the
  text), UTF-8 with ``replace``, Latin-1 (every byte a character: NUL, C0/C1
  controls), or UTF-16-LE with ``surrogatepass`` (any code point, U+2028 too)
- bit 5: ``strict=True`` (then only ``ThreadParseError`` may escape)
- bits 6-7: ``max_depth``: the default 256, 0, 1, or None (no cap)

The checks: no exception but the documented ones; every non-blank line in
exactly one node; spans in bounds and holding their text; the depth cap moves
comments without losing or reordering any, with one TP204 each; ``to_dict``,
``to_json`` (read back by ``json.loads``), the tree view and ``render`` in
every dialect run; the rendered text parses again; the streaming reader, fed
the text in pieces, is lossless too.
"""

from __future__ import annotations

import json
from typing import NamedTuple

import threadparse
from tests.nodes import check_lossless, check_spans, comments
from threadparse._render import RENDERED_DIALECTS
from threadparse._tree import render_tree

DIALECTS = ("auto", *threadparse.DIALECTS[:7])
#: Dialects reached through the ``0xFE`` escape (see the module docstring).
EXTRA_DIALECTS = threadparse.DIALECTS[7:]
ESCAPE = 0xFE
DECODINGS = (
    lambda data: data.decode("utf-8", "surrogateescape"),
    lambda data: data.decode("utf-8", "replace"),
    lambda data: data.decode("latin-1"),
    lambda data: data[: len(data) // 2 * 2].decode("utf-16-le", "surrogatepass"),
)


MAX_DEPTHS = (threadparse.MAX_DEPTH, 0, 1, None)


class Case(NamedTuple):
    text: str
    dialect: str
    strict: bool
    max_depth: int | None


def case_of(data: bytes) -> Case:
    """The parse() call a fuzz input stands for."""
    mode = data[0] if data else 0
    dialect, rest = DIALECTS[mode & 0b111], data[1:]
    if dialect == "auto" and len(rest) >= 2 and rest[0] == ESCAPE:
        dialect, rest = EXTRA_DIALECTS[rest[1] % len(EXTRA_DIALECTS)], rest[2:]
    return Case(
        text=DECODINGS[(mode >> 3) & 0b11](rest),
        dialect=dialect,
        strict=bool(mode & 0b100000),
        max_depth=MAX_DEPTHS[mode >> 6],
    )


def check(data: bytes) -> None:
    text, dialect, strict, max_depth = case_of(data)
    raised: threadparse.ThreadParseError | None = None
    try:
        thread = threadparse.parse(text, dialect=dialect, strict=strict, max_depth=max_depth)
    except threadparse.ThreadParseError as error:
        raised = error
        thread = threadparse.parse(text, dialect=dialect, max_depth=max_depth)
    errors = tuple(d for d in thread.diagnostics if d.severity is threadparse.Severity.ERROR)
    if raised is None:
        assert not (strict and errors), "strict=True returned a thread with errors"
    else:
        assert strict, "ThreadParseError without strict=True"
        assert raised.diagnostics == errors, "ThreadParseError lacks some errors"
        assert str(raised).startswith(errors[0].code)
    check_lossless(text, thread)
    check_spans(text, thread)
    if max_depth is not None:
        check_cap(thread, threadparse.parse(text, dialect=dialect, max_depth=None), max_depth)
    tree = threadparse.to_dict(thread)
    written = threadparse.to_json(thread)
    written.encode("utf-8")  # no lone surrogate left unescaped
    assert json.loads(written) == tree
    render_tree(thread)
    # The streaming reader, fed in uneven pieces, is lossless too.
    step = 1 + len(text) // 7
    after_cr = {i + 1 for i, char in enumerate(text) if char == "\r"}  # CRLF split in two
    cuts = sorted({*range(step, len(text), step)} | after_cr)
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    streamed = threadparse.assemble(
        threadparse.iter_thread(pieces, dialect=dialect, max_depth=max_depth)
    )
    check_lossless(text, streamed)
    check_spans(text, streamed)
    for target in RENDERED_DIALECTS:
        again = threadparse.parse(threadparse.render(thread, target), dialect=target)
        assert again.dialect == target


def check_cap(capped: threadparse.Thread, uncapped: threadparse.Thread, max_depth: int) -> None:
    """The cap keeps every comment, in reading order, and reports each one it moved."""
    pairs = list(zip(comments(capped), comments(uncapped), strict=True))
    for mine, page in pairs:
        assert mine.depth == min(page.depth, max_depth)
        assert (mine.author, mine.time, mine.paragraphs) == (
            page.author,
            page.time,
            page.paragraphs,
        )
    moved = sum(1 for _, page in pairs if page.depth > max_depth)
    assert sum(1 for d in capped.diagnostics if d.code == "TP204") == moved
