"""``parse()``: pick the format's reader for the text and run it.

Each format lives in a home of its own under ``formats/`` (its grammar, its
detection evidence, its reader), reading through the shared machinery in
``core/``. This module checks the options, asks ``_detect`` which format the
text is in when the caller did not say, and hands the text to that reader:
JSON to ``lemmy_api``, ``reddit_json`` or ``hn_json``; lemmy-ui HTML to
``lemmy_html``, Hacker News HTML to ``hn_html``; other text split into lines
(``core/source.py``) to a browser capture's reader (``lemmy_page/capture.py``),
the page-text reader (``lemmy_page/page.py``), ``flat``, ``mlmym``,
``markdown``, ``old_reddit`` or ``hn_text``. Every non-blank line ends up in exactly
one node; what no rule claims goes to ``Thread.unparsed`` with an error
diagnostic.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator, Sequence

import attrs
import regex

from threadparse._detect import (
    AMBIGUOUS,
    Detection,
    block_detection,
    detect_lines,
    json_detection,
    looks_like_json,
    mlmym_alone,
)
from threadparse.core.crlf import lf_twin, line_ends, moved_back
from threadparse.core.diagnostics import Diagnostics, InputTooLargeError, ThreadParseError
from threadparse.core.models import Severity, Span, Thread
from threadparse.core.source import Line, LineNumbers, TextLineNumbers, split_lines
from threadparse.formats import DIALECTS, JSON_DIALECTS, PAGE_DIALECTS
from threadparse.formats.discourse_json import parse_discourse
from threadparse.formats.flat import parse_flat
from threadparse.formats.hn_html import looks_like_hn_html, parse_hn_html
from threadparse.formats.hn_json import parse_hn_json
from threadparse.formats.hn_text import parse_hn_text
from threadparse.formats.lemmy_api import parse_api
from threadparse.formats.lemmy_html import looks_like_lemmy_html, parse_lemmy_html
from threadparse.formats.lemmy_page.blocks import read_blocks
from threadparse.formats.lemmy_page.capture import detect_layout, has_to_line, read_capture
from threadparse.formats.lemmy_page.capture_blocks import read_capture_blocks
from threadparse.formats.lemmy_page.comments import find_headers
from threadparse.formats.lemmy_page.page import page_dialect, parse_page, report_page_without_thread
from threadparse.formats.markdown import parse_markdown
from threadparse.formats.mastodon_json import parse_mastodon
from threadparse.formats.mlmym import parse_mlmym
from threadparse.formats.mlmym import read_blocks as read_mlmym
from threadparse.formats.old_reddit import parse_old_reddit
from threadparse.formats.reddit_json import parse_reddit

__all__ = ("DIALECTS", "MAX_DEPTH", "PAGE_DIALECTS", "parse", "parse_text")

#: Dialects read from the whole text at once (the stream reads them whole too).
WHOLE_DIALECTS = (
    "mlmym",
    "old-reddit",
    "markdown",
    "lemmy-html",
    *JSON_DIALECTS,
    "hn-html",
    "hn-text",
)

#: Detection's confidence when nothing in the text points to a dialect.
GUESS = 0.5

#: Default ``max_depth``. Real threads rarely pass 50 levels. At 256, a dump's
#: JSON nests about 520 deep, which Python's ``json.loads`` (recursion limit
#: 1,000) and a reader's own recursive walk still take.
MAX_DEPTH = 256


def parse(
    text: str,
    *,
    dialect: str = "auto",
    strict: bool = False,
    max_depth: int | None = MAX_DEPTH,
    max_bytes: int | None = None,
) -> Thread:
    """Parse thread text into a ``Thread``. Never raises on any ``str``.

    Args:
        text: the thread as copied or scraped; spans index this exact string.
        dialect: ``"auto"`` (read the shape from the text, see
            ``threadparse.detect``) or one of ``DIALECTS``:
            ``"lemmy-0.19"``, ``"lemmy-0.18"``, ``"hexbear"``, ``"flat"``,
            ``"mlmym"``, ``"markdown"``, ``"lemmy-api"``, ``"lemmy-html"``,
            ``"reddit-json"``, ``"old-reddit"``, ``"discourse-json"``,
            ``"mastodon-json"``, ``"hn-json"``, ``"hn-html"``, ``"hn-text"``.
        strict: raise ``ThreadParseError`` when any error-level diagnostic
            is found, instead of returning the Thread with it.
        max_depth: the deepest ``Comment.depth`` kept; a deeper reply is
            attached at this depth, beside the comment it answers, with a
            TP204 warning. ``None`` keeps any depth (parsing never recurses;
            your own code over the tree might).
        max_bytes: refuse text longer than this many bytes of UTF-8 with
            ``InputTooLargeError`` before reading it. ``None``: no limit.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ValueError: ``dialect`` is not a known dialect name, or ``max_depth``
            or ``max_bytes`` is negative.
        InputTooLargeError: only with ``max_bytes``.
        ThreadParseError: only with ``strict=True``.
    """
    if not isinstance(text, str):
        raise TypeError(_not_text("parse", text))
    check_options(dialect=dialect, max_depth=max_depth, max_bytes=max_bytes)
    if max_bytes is not None:
        size = utf8_size(text, max_bytes)
        if size > max_bytes:
            raise InputTooLargeError(size, max_bytes)
    with gc_paused():
        thread = parse_text(text, dialect=dialect, max_depth=max_depth)
    if strict:
        errors = [d for d in thread.diagnostics if d.severity is Severity.ERROR]
        if errors:
            raise ThreadParseError(errors, text)
    return thread


def _not_text(call: str, value: object) -> str:
    """What a call that takes text says of anything else, pointing paths and
    bytes to ``parse_file``."""
    message = f"{call}() takes the thread's text as a str, not {type(value).__name__}"
    if isinstance(value, (os.PathLike, bytes, bytearray, memoryview)) or hasattr(value, "read"):
        message += "; to read a file, use threadparse.parse_file(path_or_binary_file)"
    return message


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a parse builds its objects.

    A parse allocates a few objects a comment (comments, texts, spans) and
    frees nothing until it returns; the collector's passes over that growing
    heap cost 35-50% of a large parse and made its time grow faster than the
    input (measured: 13x the floor at 1.2 MB, 16.7x at 12 MB; 8.6x and 8.0x
    paused). The objects have no reference cycles, so pausing loses nothing.
    The collector is switched back on afterwards only if it was on, as
    ``timeit`` does.

    Switched back on, the collector would at once scan every object the parse
    made, all of them young (the pause let its count of new objects grow): a
    quarter of a 100,000-comment parse (benchmarks/bench.py, lemmy-0.19: 1.26 s
    before, 0.96 s after), paid on the caller's next allocation. The objects
    are long-lived (they are the result), so they are handed to the oldest
    generation instead, as a collection would after two passes:
    ``gc.freeze()`` then ``gc.unfreeze()``, two list splices that also reset
    the count. That moves the caller's young objects too (their cycles wait
    for the next full collection); it is skipped when the caller has frozen
    objects of their own, which ``unfreeze`` would release.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def check_options(*, dialect: str, max_depth: int | None, max_bytes: int | None = None) -> None:
    """Raise ValueError for options no reader takes."""
    if dialect != "auto" and dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; expected 'auto' or one of {DIALECTS}")
    for name, limit in (("max_depth", max_depth), ("max_bytes", max_bytes)):
        if limit is not None and (type(limit) is not int or limit < 0):
            raise ValueError(f"{name} must be None or an int >= 0, not {limit!r}")


def parse_text(text: str, *, dialect: str, max_depth: int | None) -> Thread:
    """``parse`` without its checks: pick the reader and run it."""
    if dialect == "auto" and looks_like_json(text):
        dialect = json_detection(text).dialect
    if dialect in JSON_DIALECTS:
        return _parse_json(text, dialect=dialect, max_depth=max_depth)
    if "\r" not in text:
        thread = read_any_blocks(text, dialect=dialect, max_depth=max_depth)
    elif (twin := lf_twin(text)) is not None:
        # Lines that end in CRLF: the block readers read the LF twin, and the
        # spans move back (core/crlf.py).
        thread = read_any_blocks(twin, dialect=dialect, max_depth=max_depth)
        del twin  # (peak memory: the twin is a copy of the text)
        if thread is not None:
            thread = moved_back(thread, line_ends(text))
    else:
        thread = None  # a lone carriage return ends a line of its own: the careful reader's
    if thread is not None:
        return thread
    return parse_lines(split_lines(text), text=text, dialect=dialect, max_depth=max_depth)


def read_any_blocks(text: str, *, dialect: str, max_depth: int | None) -> Thread | None:
    """The thread a block reader reads from ``text`` (which has no carriage
    return), exactly as ``parse_lines`` would; None where none of them can."""
    # A browser capture's community line sends the text to the capture block
    # reader first: the others would decline it (each block reader reads a text
    # as parse_lines does or not at all, so their order changes only the time).
    capture = has_to_line(text) if dialect in CAPTURE_BLOCK_DIALECTS else None
    if capture:
        thread = read_capture_page_blocks(text, dialect=dialect, max_depth=max_depth)
        if thread is not None:
            return thread
    if dialect in BLOCK_DIALECTS:
        thread = read_page_blocks(text, dialect=dialect, max_depth=max_depth, capture=capture)
        if thread is not None:
            return thread
    if dialect in MLMYM_BLOCK_DIALECTS:
        return read_mlmym_blocks(text, dialect=dialect, max_depth=max_depth)
    return None


#: A text that is only a file's name or path (``thread.txt``, ``~/saved/page``,
#: ``C:\\dumps\\a.json``): one word, with an extension files of threads have or
#: a path's start. Bounded (``{1,1024}``) and with no overlapping repeats.
FILE_NAME = regex.compile(
    r"""(?x) [ \t]*+
    (?: (?: [~.]{0,2}/ | [A-Za-z]:\\ ) [^\s]{1,1024}
      | [^\s]{1,1024}? \. (?i: txt | json | jsonl | ndjson | html? | md | csv | xml | zst | gz ) )
    [ \t]*+ \n?+"""
)


def _html(text: str, dialect: str) -> bool:
    """Is the text HTML, which ``parse_lines`` reads (or reports, TP108) as such
    and no block reader does? For ``"auto"``, lemmy-ui's and Hacker News's HTML
    also when it does not begin as a document."""
    return looks_like_html(text) or (
        dialect == "auto" and (looks_like_lemmy_html(text) or looks_like_hn_html(text))
    )


#: What the block reader (``formats/lemmy_page/blocks.py``) is tried on first.
BLOCK_DIALECTS = ("auto", *PAGE_DIALECTS)


def read_page_blocks(
    text: str, *, dialect: str, max_depth: int | None, capture: bool | None = None
) -> Thread | None:
    """The block reader's thread, when it reads the text as ``parse_lines`` would.

    It declines (None) whatever it cannot prove it reads alike; HTML and
    headers whose votes leave the dialect in doubt (TP104) are ruled out here.
    ``capture``: whether the text has a capture's community line, if known.
    """
    if _html(text, dialect):
        return None
    read = read_blocks(text, dialect=dialect, max_depth=max_depth, capture=capture)
    if read is None:
        return None
    if dialect == "auto" and block_detection(read.votes) is None:
        return None
    return read.thread


#: What mlmym's block reader (``formats/mlmym/blocks.py``) is tried on.
MLMYM_BLOCK_DIALECTS = ("auto", "mlmym")


def read_mlmym_blocks(text: str, *, dialect: str, max_depth: int | None) -> Thread | None:
    """mlmym's block reader's thread, when it reads the text as ``parse_lines``
    would: as ``dialect="mlmym"`` does, and for ``"auto"`` only where no other
    reader's evidence is in the text (``_detect.mlmym_alone``)."""
    if _html(text, dialect):
        return None
    thread = read_mlmym(text, max_depth=max_depth)
    if thread is None or (dialect == "auto" and not mlmym_alone(text, thread)):
        return None
    return thread


#: What the capture block reader (``formats/lemmy_page/capture_blocks.py``) is tried on.
CAPTURE_BLOCK_DIALECTS = ("auto", "lemmy-0.19", "lemmy-0.18")


def read_capture_page_blocks(text: str, *, dialect: str, max_depth: int | None) -> Thread | None:
    """The capture block reader's thread, when it reads the text as ``parse_lines``
    would (HTML, which ``parse_lines`` reads or reports as such, is ruled out here)."""
    if _html(text, dialect):
        return None
    return read_capture_blocks(text, dialect=dialect, max_depth=max_depth)


def _parse_json(text: str, *, dialect: str, max_depth: int | None) -> Thread:
    """One of the JSON readers, with line numbers for its diagnostics."""
    diagnostics = Diagnostics(TextLineNumbers(text))
    if dialect == "reddit-json":
        return parse_reddit(text, max_depth=max_depth, diagnostics=diagnostics)
    if dialect == "discourse-json":
        return parse_discourse(text, max_depth=max_depth, diagnostics=diagnostics)
    if dialect == "mastodon-json":
        return parse_mastodon(text, max_depth=max_depth, diagnostics=diagnostics)
    if dialect == "hn-json":
        return parse_hn_json(text, max_depth=max_depth, diagnostics=diagnostics)
    return parse_api(text, max_depth=max_depth, diagnostics=diagnostics)


def parse_lines(
    lines: Sequence[Line], *, text: str | None, dialect: str, max_depth: int | None
) -> Thread:
    """``parse`` on text already split into lines (options checked). ``text`` is
    needed for markdown; None only where the caller has ruled markdown out."""
    diagnostics = Diagnostics(LineNumbers(lines))
    if text is not None and (
        dialect == "lemmy-html" or (dialect == "auto" and looks_like_lemmy_html(text))
    ):
        if dialect == "lemmy-html" and not looks_like_lemmy_html(text):
            diagnostics.report(
                "TP102",
                "read as lemmy-html as asked, but the text is not a lemmy-ui page's HTML",
                Span(0, 0),
            )
        return parse_lemmy_html(text, max_depth=max_depth, diagnostics=diagnostics)
    if text is not None and (
        dialect == "hn-html" or (dialect == "auto" and looks_like_hn_html(text))
    ):
        if dialect == "hn-html" and not looks_like_hn_html(text):
            diagnostics.report(
                "TP102",
                "read as hn-html as asked, but the text is not a Hacker News page's HTML",
                Span(0, 0),
            )
        return parse_hn_html(text, max_depth=max_depth, diagnostics=diagnostics)
    if dialect not in JSON_DIALECTS and text is not None and looks_like_html(text):
        diagnostics.report(
            "TP108",
            "the text is HTML markup (a saved page or copied HTML) but not a lemmy-ui page's: "
            "it was read as text, tags and all; give it the page's text or the API JSON instead",
            Span(0, 0),
        )
    if dialect not in JSON_DIALECTS and text is not None and FILE_NAME.fullmatch(text):
        diagnostics.report(
            "TP109",
            "the whole text is one word that looks like a file's name or path: it was read "
            "as the thread's text; to read the file, use threadparse.parse_file(path)",
            Span(len(text) - len(text.lstrip()), len(text.rstrip())),
        )
    if dialect in JSON_DIALECTS:
        assert text is not None
        return _parse_json(text, dialect=dialect, max_depth=max_depth)
    if dialect == "mlmym":
        return parse_mlmym(lines, max_depth=max_depth, diagnostics=diagnostics)
    if dialect == "old-reddit":
        return parse_old_reddit(lines, max_depth=max_depth, diagnostics=diagnostics)
    if dialect == "hn-text":
        return parse_hn_text(lines, max_depth=max_depth, diagnostics=diagnostics)
    if dialect == "markdown":
        return parse_markdown(text, lines, diagnostics)
    if dialect in ("auto", "lemmy-0.19", "lemmy-0.18"):
        layout = detect_layout(lines)
        if layout is not None:
            if dialect not in ("auto", layout.version):
                diagnostics.report(
                    "TP102",
                    f"read as {dialect} as asked, but the page looks like {layout.version}",
                    Span(0, 0),
                )
                layout = attrs.evolve(layout, version=dialect)
            return read_capture(lines, layout, max_depth=max_depth, diagnostics=diagnostics)
    headers = [] if dialect == "flat" else find_headers(lines)
    if dialect == "auto":
        detection = detect_lines(lines, headers, text)
        _report_ambiguity(detection, diagnostics)
        if detection.dialect in WHOLE_DIALECTS:
            return parse_lines(lines, text=text, dialect=detection.dialect, max_depth=max_depth)
    if headers:
        chosen = page_dialect(dialect, headers, lines, diagnostics)
    elif dialect != "auto":
        chosen = dialect
    else:
        chosen = detection.dialect
    if not headers and dialect != "flat":  # flat text asked for has no headers by design
        report_page_without_thread(lines, diagnostics)

    if chosen == "flat":
        thread = parse_flat(lines, diagnostics)
    else:
        if not headers and dialect != "auto":
            diagnostics.report(
                "TP102",
                f"read as {dialect} as asked, but the text has no comment headers",
                Span(0, 0),
            )
        thread = parse_page(lines, headers, chosen, max_depth, diagnostics)
    return thread


# The start of an HTML document or fragment, as saved pages, server responses
# and a browser's copied text/html begin.
_HTML_START = regex.compile(
    r"\s{0,200}(?:<!--.{0,200}?-->\s{0,200})?<(?:!doctype\s|html|head|body|meta|div|nav|script)\b",
    regex.IGNORECASE | regex.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """Does the text begin as an HTML document or fragment?"""
    return _HTML_START.match(text.removeprefix("\ufeff")) is not None


def _report_ambiguity(detection: Detection, diagnostics: Diagnostics) -> None:
    if (
        detection.runner_up is None
        and detection.confidence <= GUESS
        and detection.dialect != "flat"
    ):
        diagnostics.report(
            "TP104",
            f"read as {detection.dialect} (confidence {detection.confidence:.2f}) for want of "
            "evidence: the text has no comment header and nothing else that names a dialect",
            Span(0, 0),
        )
        return
    if detection.runner_up is not None and detection.confidence < AMBIGUOUS:
        diagnostics.report(
            "TP104",
            f"read as {detection.dialect} (confidence {detection.confidence:.2f}); "
            f"the runner-up was {detection.runner_up}: pass dialect= to choose",
            Span(0, 0),
        )


def utf8_size(text: str, limit: int) -> int:
    """The text's size in UTF-8 bytes, or its length when that alone is over ``limit``.

    Every character takes at least one byte, so a text longer than the limit
    is refused without encoding a copy of it.
    """
    if len(text) > limit:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
