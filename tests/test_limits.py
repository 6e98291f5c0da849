"""Issue 4's limits: depth past the recursion limit, the depth cap, max_bytes, long lines.

Nothing here is timed (these machines are shared and noisy); linear time is the
benchmark's job (benchmarks/). These tests hold the structure at the sizes the
guarantees name: 2,000 levels of replies, a 10 MB line.
"""

from __future__ import annotations

import copy
import functools
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from hypothesis import given

import threadparse
from threadparse import Comment, Span
from threadparse._cli import main
from threadparse._json import dumps
from threadparse.strategies import threads

CHAIN = 2_000  # deeper than sys.getrecursionlimit() (1,000)


@functools.cache
def chain_text(depth: int = CHAIN) -> str:
    """Page text of a reply chain: comment d replies to comment d - 1."""
    return "".join(
        f"{'  ' * (d + 1)}• u{d}@lemmy.ml\n{'  ' * (d + 2)}1 day ago\n{'  ' * (d + 2)}Reply {d}.\n"
        for d in range(depth)
    )


def down(comment: Comment) -> Iterator[Comment]:
    """The comment, its last reply, that one's last reply, ..."""
    yield comment
    while comment.replies:
        comment = comment.replies[-1]
        yield comment


def test_chain_deeper_than_the_recursion_limit_parses_uncapped() -> None:
    assert sys.getrecursionlimit() < CHAIN
    thread = threadparse.parse(chain_text(), max_depth=None)
    (root,) = thread.comments
    path = list(down(root))
    assert [c.depth for c in path] == list(range(CHAIN))
    assert all(len(c.replies) == 1 for c in path[:-1])
    assert path[-1].author is not None
    assert path[-1].author.name == f"u{CHAIN - 1}"
    assert path[-1].paragraphs[0].text == f"Reply {CHAIN - 1}."
    assert thread.diagnostics == ()


def test_deep_thread_converts_compares_hashes_and_reprs() -> None:
    text = chain_text()
    thread = threadparse.parse(text, max_depth=None)
    again = threadparse.parse(text, max_depth=None)
    assert thread == again
    assert hash(thread.comments) == hash(again.comments)
    assert thread != threadparse.parse(
        text.replace(f"Reply {CHAIN - 1}.", "Changed."), max_depth=None
    )
    data = threadparse.to_dict(thread)
    written = threadparse.to_json(thread, indent=None)
    assert written.count('"replies": [{') == CHAIN - 1
    assert repr(thread) == f"<Thread lemmy-0.19: {CHAIN} comments (1 top-level), no diagnostics>"
    assert repr(thread.comments[0]) == (
        f"<Comment by u0@lemmy.ml, depth 0, 1 reply ({CHAIN - 1} in all): 'Reply 0.'>"
    )
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(5 * CHAIN + 1_000)  # only the stdlib needs it, to check our output
    try:
        assert written == json.dumps(data, ensure_ascii=False)
        assert json.loads(written) == data
    finally:
        sys.setrecursionlimit(limit)


def test_default_cap_attaches_deeper_replies_at_max_depth() -> None:
    thread = threadparse.parse(chain_text())
    path = list(down(thread.comments[0]))
    assert threadparse.MAX_DEPTH == 256
    assert [c.depth for c in path] == list(range(257))
    holder = path[255]  # every reply past the cap answers the one before it; all sit here
    assert [c.author.name for c in holder.replies if c.author] == [
        f"u{d}" for d in range(256, CHAIN)
    ]
    assert all(c.depth == 256 and not c.replies for c in holder.replies)
    codes = {d.code for d in thread.diagnostics}
    assert codes == {"TP204"}
    assert len(thread.diagnostics) == CHAIN - 257
    first = thread.diagnostics[0]
    name_line = "  " * 258 + "• u257@lemmy.ml"
    start = chain_text().index(name_line) + 2 * 258
    assert (first.message, first.span, first.line) == (
        (
            "reply at depth 257 is deeper than max_depth=256: it is attached at depth 256, "
            "so the comment it replies to is lost"
        ),
        Span(start, start + len("• u257@lemmy.ml")),
        3 * 257 + 1,
    )


def test_max_depth_zero_makes_every_comment_top_level() -> None:
    thread = threadparse.parse(chain_text(5), max_depth=0)
    assert [(c.author.name if c.author else None, c.depth) for c in thread.comments] == [
        (f"u{d}", 0) for d in range(5)
    ]
    assert [d.code for d in thread.diagnostics] == ["TP204"] * 4


def test_cap_reports_every_comment_it_moves() -> None:
    # A -> B -> {C, D, E}, and E -> F: with max_depth=1, C, D, E and F all move.
    text = "".join(
        f"{'  ' * (depth + 1)}• {name}@lemmy.ml\n{'  ' * (depth + 2)}1 day ago\n"
        for name, depth in [("A", 0), ("B", 1), ("C", 2), ("D", 2), ("E", 2), ("F", 3)]
    )
    thread = threadparse.parse(text, max_depth=1)
    (root,) = thread.comments
    assert [(c.author.name, c.depth) for c in root.replies if c.author] == [
        ("B", 1),
        ("C", 1),
        ("D", 1),
        ("E", 1),
        ("F", 1),
    ]
    assert [(d.code, d.line, d.message[:20]) for d in thread.diagnostics] == [
        ("TP204", 5, "reply at depth 2 is "),
        ("TP204", 7, "reply at depth 2 is "),
        ("TP204", 9, "reply at depth 2 is "),
        ("TP204", 11, "reply at depth 3 is "),
    ]


def test_deep_thread_pickles_and_copies() -> None:
    thread = threadparse.parse(chain_text(), max_depth=None)
    assert pickle.loads(pickle.dumps(thread)) == thread
    assert copy.deepcopy(thread) == thread
    error = threadparse.InputTooLargeError(6, 5)
    assert str(pickle.loads(pickle.dumps(error))) == str(error)
    text = "  • a@lemmy.ml\n    1 day ago\n    Hi.\nfooter\n"
    with pytest.raises(threadparse.ThreadParseError) as caught:
        threadparse.parse(text, strict=True)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (str(again), again.diagnostics) == (str(caught.value), caught.value.diagnostics)


def test_to_json_escapes_lone_surrogates() -> None:
    text = b"caf\xe9 \xff\n".decode("utf-8", "surrogateescape")
    written = threadparse.to_json(threadparse.parse(text), indent=None)
    assert '"text": "caf\\udce9 \\udcff"' in written
    written.encode("utf-8")  # no lone surrogate left
    assert json.loads(written)["unattributed"][0]["text"] == text.strip()


def test_cli_dump_of_a_deep_chain_is_json_the_stdlib_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.txt"
    path.write_text(chain_text(), encoding="utf-8")
    assert main(["dump", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)  # the default cap keeps it in json's reach
    assert data["comments"][0]["author"]["name"] == "u0"
    assert len(data["diagnostics"]) == CHAIN - 257


@pytest.mark.parametrize("bad", [-1, True, 1.5, "10"])
@pytest.mark.parametrize("name", ["max_depth", "max_bytes"])
def test_limits_must_be_non_negative_ints(name: str, bad: object) -> None:
    with pytest.raises(ValueError, match=f"^{name} must be None or an int >= 0, not "):
        threadparse.parse("text", **{name: bad})  # type: ignore[arg-type]


def test_max_bytes_counts_utf8_bytes() -> None:
    text = "caf\u00e9\n"  # 5 characters, 6 bytes
    assert threadparse.parse(text, max_bytes=6).unattributed[0].text == "caf\u00e9"
    with pytest.raises(threadparse.InputTooLargeError) as caught:
        threadparse.parse(text, max_bytes=5)
    assert str(caught.value) == "text is larger than max_bytes=5 (at least 6 bytes as UTF-8)"
    assert (caught.value.size, caught.value.limit) == (6, 5)
    assert isinstance(caught.value, ValueError)


def test_max_bytes_refuses_a_long_text_without_encoding_it() -> None:
    with pytest.raises(threadparse.InputTooLargeError) as caught:
        threadparse.parse("\ud800" * 12_000_000, max_bytes=10_000_000)  # not even encodable
    assert str(caught.value) == (
        "text is larger than max_bytes=10,000,000 (at least 12,000,000 bytes as UTF-8)"
    )
    assert threadparse.parse("\ud800", max_bytes=3).unattributed[0].text == "\ud800"


HEADER = "  • ada@lemmy.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    "
TEN_MB = 10_000_000


@pytest.mark.parametrize(
    ("shape", "line"),
    [
        ("letters", "x" * TEN_MB),
        ("bullets", "• " * (TEN_MB // 2)),
        ("indentation", " " * TEN_MB + "x"),
        ("brackets and at signs", "[a@" * (TEN_MB // 3)),
    ],
)
def test_a_10_mb_line_is_one_node(shape: str, line: str) -> None:
    flat = threadparse.parse(line)
    assert [len(t.text) for t in flat.unattributed] == [len(line.strip())]
    page = threadparse.parse(HEADER + line + "\n")
    (comment,) = page.comments
    assert [len(p.text) for p in comment.paragraphs] == [len(line.strip())]
    assert page.diagnostics == ()


# A list of numbers as json.dumps writes it with an indent: one number a line.
_NUMBER_LIST = regex.compile(r"\[\n[ ]*(-?[0-9][0-9.eE+-]*(?:,\n[ ]*-?[0-9][0-9.eE+-]*)*)\n[ ]*\]")


def _stdlib(value: object, indent: int | None) -> str:
    """What ``dumps`` should write: the stdlib's text, with number lists on one line."""
    written = json.dumps(value, ensure_ascii=False, indent=indent)
    if indent is None:
        return written
    return _NUMBER_LIST.sub(lambda m: "[" + regex.sub(r",\n[ ]*", ", ", m[1]) + "]", written)


@given(threads())
def test_json_writer_matches_the_stdlib(thread: threadparse.Thread) -> None:
    data = threadparse.to_dict(thread)
    for indent in (None, 0, 2):
        assert dumps(data, indent=indent) == _stdlib(data, indent)


def test_json_writer_keeps_number_lists_on_one_line() -> None:
    value = {"span": [3, 14], "mixed": [1, "a"], "deep": [[1.5, -2]]}
    assert dumps(value) == (
        '{\n  "span": [3, 14],\n  "mixed": [\n    1,\n    "a"\n  ],\n  "deep": [\n    [1.5, -2]\n  ]\n}'
    )
    assert dumps(value, indent=None) == json.dumps(value, ensure_ascii=False)


def test_json_writer_scalars_and_empty_containers() -> None:
    value: dict[str, object] = {
        "a": [],
        "b": {},
        "c": [None, True, False, -3, 1.5, '\u2028"\\\x00'],
        "": [[{}]],
    }
    for indent in (None, 2):
        assert dumps(value, indent=indent) == _stdlib(value, indent)
    assert dumps([]) == "[]"
    assert dumps("x") == '"x"'


def test_comments_equal_and_hash_by_value() -> None:
    text = chain_text(3) + "  • solo@lemmy.ml\n    2 days ago\n    Hi.\n"
    thread, again = threadparse.parse(text), threadparse.parse(text)
    for comment, twin in zip(thread.comments, again.comments, strict=True):
        assert twin is not comment
        assert twin == comment
        assert hash(twin) == hash(comment)
    assert thread.comments[0] != thread.comments[1]
    assert thread.comments[0].__eq__("not a comment") is NotImplemented
