"""Text whose lines end in CRLF, all or some (``core/crlf.py``): the block
readers read its LF twin and the spans move back onto the text.

``parse`` must give exactly what the careful reader (``parse_lines``) gives on
the text itself: every fixture, the corpus and the real captures with their
line ends made CRLF, megathreads and captures of every kind, and drawn,
damaged threads with every line end CRLF or every second, third or seventh. Other tests check that the block readers do read them (a path
that always declined would pass the comparisons), that a text with a lone
carriage return is left to the careful reader, and that ``moved_back`` moves
every span the models can hold and changes nothing else.
"""

from __future__ import annotations

import typing
from array import array
from bisect import bisect_left
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import threadparse
from benchmarks.megathread import megathread
from tests.test_blocks import TEXTS, careful
from threadparse._parser import read_any_blocks
from threadparse.core import crlf, models
from threadparse.core.models import Span, Text, Thread
from threadparse.core.walk import preorder
from threadparse.formats import PAGE_DIALECTS
from threadparse.formats.lemmy_page.capture import CAPTURES
from threadparse.strategies import damaged, threads


def crlf_of(text: str, every: int = 1) -> str:
    """The text with every ``every``-th line end CRLF (from the first), the
    others LF."""
    lines = text.replace("\r\n", "\n").split("\n")
    return (
        "".join(line + ("\r\n" if i % every == 0 else "\n") for i, line in enumerate(lines[:-1]))
        + lines[-1]
    )


def compare(text: str, max_depth: int | None = 256, every: int = 1) -> bool:
    """``parse`` of the text with CRLF line ends (every ``every``-th) against the
    careful reader's, for "auto"; whether a block reader read it."""
    crlf_text = crlf_of(text, every)
    parsed = threadparse.parse(crlf_text, max_depth=max_depth)
    assert threadparse.to_json(parsed) == threadparse.to_json(careful(crlf_text, "auto", max_depth))
    twin = crlf.lf_twin(crlf_text)
    if twin is None:  # a lone carriage return (damage): the careful reader's
        assert "\r" in crlf_text.replace("\r\n", "")
        return False
    return read_any_blocks(twin, dialect="auto", max_depth=max_depth) is not None


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.name)
def test_every_real_and_fixture_text_made_crlf_reads_alike(path: Path) -> None:
    compare(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("dialect", [*PAGE_DIALECTS, "mlmym"])
def test_megathreads_made_crlf_are_read_by_a_block_reader(dialect: str) -> None:
    source = "lemmy-0.19" if dialect == "mlmym" else dialect
    text = threadparse.render(megathread(60, source, seed=7), dialect)
    assert compare(text)
    assert compare(text, max_depth=None)


@pytest.mark.parametrize("dialect", ["lemmy-0.19", "lemmy-0.18"])
@pytest.mark.parametrize("kind", CAPTURES)
def test_captures_made_crlf_are_read_by_the_capture_block_reader(dialect: str, kind: str) -> None:
    text = threadparse.render(megathread(40, dialect, seed=5), dialect, capture=kind)
    assert compare(text)


def test_the_spans_move_back_onto_the_crlf_text() -> None:
    text = crlf_of(threadparse.render(megathread(12, "lemmy-0.19", seed=2), "lemmy-0.19"))
    thread = threadparse.parse(text)
    assert thread.comments
    for comment in preorder(thread.comments, lambda comment: comment.replies):
        for paragraph in comment.paragraphs:
            assert text[paragraph.span.start : paragraph.span.end].replace("\r\n", "\n") == (
                "\n".join(line.strip() for line in paragraph.text.split("\n"))
            )
        shown = text[comment.span.start : comment.span.end]
        assert not shown.startswith(("\r", "\n"))
        assert not shown.endswith(("\r", "\n"))


@given(data=st.data())
def test_drawn_and_damaged_threads_made_crlf_read_alike(data: st.DataObject) -> None:
    dialect = data.draw(st.sampled_from([*PAGE_DIALECTS, "mlmym"]))
    source = "lemmy-0.19" if dialect == "mlmym" else dialect
    capture = (
        data.draw(st.sampled_from([None, *CAPTURES]))
        if dialect in ("lemmy-0.19", "lemmy-0.18")
        else None
    )
    thread = data.draw(
        threads(dialect=source, capture=capture) if capture else threads(dialect=source)
    )
    text = (
        threadparse.render(thread, dialect, capture=capture)
        if capture
        else threadparse.render(thread, dialect)
    )
    if data.draw(st.booleans()):
        text = data.draw(damaged(text))
    every = data.draw(st.sampled_from([1, 2, 3, 7]))
    compare(text, max_depth=data.draw(st.sampled_from([None, 1, 256])), every=every)


@pytest.mark.parametrize("every", [2, 3])
def test_a_text_with_some_lines_in_crlf_is_read_by_a_block_reader(every: int) -> None:
    """CRLF and LF line ends mixed (a Windows copy pasted into LF text): the
    spans move by the CRLFs before them only."""
    text = threadparse.render(megathread(30, "lemmy-0.19", seed=9), "lemmy-0.19")
    assert compare(text, every=every)
    capture = threadparse.render(
        megathread(30, "lemmy-0.19", seed=9), "lemmy-0.19", capture="firefox-copy"
    )
    assert compare(capture, every=every)


def test_a_lone_carriage_return_is_left_to_the_careful_reader() -> None:
    text = crlf_of(threadparse.render(megathread(8, "lemmy-0.19", seed=1), "lemmy-0.19"))
    for lone in (text.replace("\r\n", "\r", 1), text + "\r", text.replace("\r\n", "\r\r\n", 1)):
        assert crlf.lf_twin(lone) is None
        assert threadparse.to_json(threadparse.parse(lone)) == threadparse.to_json(
            careful(lone, "auto", 256)
        )


def _holds_spans(hint: object, seen: frozenset[type] = frozenset()) -> bool:
    """Does a field of this type hold a ``Span``, itself or in a node it holds?"""
    if hint is Span:
        return True
    if isinstance(hint, type) and attrs.has(hint) and hint not in seen:
        hints = typing.get_type_hints(hint)
        return any(_holds_spans(hints[f.name], seen | {hint}) for f in attrs.fields(hint))
    return any(_holds_spans(arg, seen) for arg in typing.get_args(hint))


def _moved_alike(old: object, new: object, ends: array[int], seen: set[tuple[str, str]]) -> None:
    """Walk two trees side by side: every span of ``new`` is ``old``'s moved right
    by the ``ends`` before it, every other value is ``old``'s. ``seen`` gathers
    each (model, field) that held a span or nodes (not empty)."""
    stack = [(old, new)]
    while stack:
        a, b = stack.pop()
        if isinstance(a, Span):
            assert isinstance(b, Span)
            assert (b.start, b.end) == (
                a.start + bisect_left(ends, a.start),
                a.end + bisect_left(ends, a.end),
            )
        elif isinstance(a, tuple):
            assert isinstance(b, tuple)
            assert len(b) == len(a)
            stack.extend(zip(a, b, strict=True))
        elif attrs.has(kind := type(a)):
            assert type(b) is kind
            for field in attrs.fields(kind):
                value = getattr(a, field.name)
                if value is not None and value != ():
                    seen.add((kind.__name__, field.name))
                stack.append((value, getattr(b, field.name)))
        else:
            assert b == a


def test_moved_back_moves_every_span_and_keeps_the_rest() -> None:
    """``moved_back`` on threads that fill every model field holding a span (a
    capture's post and chrome, sections, replies, diagnostics, markdown's
    links, a post's embed): each span moves by the line ends before it, and
    nothing else changes. A model field added later with a span in it fails
    here until ``moved_back`` moves it and a thread here fills it."""
    fixtures = Path(__file__).parent / "fixtures"
    parsed = [
        threadparse.parse(path.read_text(encoding="utf-8"))
        for path in sorted(fixtures.glob("*.txt"))
    ]
    prose = "A long opening paragraph, too long for a navigation line, " * 4
    markdown = (
        f"{prose}with [a link](https://example.org).\n\n# Links\n\n- [x](https://x.org) a site\n"
    )
    parsed.append(threadparse.parse(markdown, dialect="markdown"))
    post = next(thread.post for thread in parsed if thread.post is not None)
    embed = (Text("An embed.", Span(3, 12)),)
    parsed.append(attrs.evolve(parsed[0], post=attrs.evolve(post, embed=embed)))
    ends = array("q", range(0, 1_000_000, 7))
    seen: set[tuple[str, str]] = set()
    for thread in parsed:
        _moved_alike(thread, crlf.moved_back(thread, ends), ends, seen)
    holding: set[tuple[str, str]] = set()
    reached: set[type] = set()
    todo: list[object] = [Thread]
    while todo:
        hint = todo.pop()
        todo.extend(typing.get_args(hint))
        if not (isinstance(hint, type) and attrs.has(hint)) or hint in reached or hint is Span:
            continue
        reached.add(hint)
        hints = typing.get_type_hints(hint)
        holding.update(
            (hint.__name__, f.name) for f in attrs.fields(hint) if _holds_spans(hints[f.name])
        )
        todo.extend(hints[f.name] for f in attrs.fields(hint))
    assert holding <= seen, holding - seen
    assert models.Author in reached  # (a model without spans is reached, and kept as it is)
