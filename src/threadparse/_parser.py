"""``parse()``: pick the reader for the text's shape and assemble the Thread.

Pipeline: API JSON goes to ``_api``. Other text: split lines (``_source``) ->
find comment headers (``_comments``) -> choose the dialect (``_detect``) ->
for page text, the post before the first header (``_post``) and the comment
tree; for flat text the discussion (``_flat``); markdown (``_markdown``) and
mlmym page text (``_mlmym``) have readers of their own. Every non-blank line
ends up in exactly one node; what no rule claims goes to ``Thread.unparsed``
with an error diagnostic.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence

import attrs
import regex

from threadparse._api import parse_api
from threadparse._chrome import is_site_line
from threadparse._comments import Header, build_comments, find_headers
from threadparse._detect import (
    AMBIGUOUS,
    DIALECTS,
    JSON_DIALECTS,
    PAGE_DIALECTS,
    Detection,
    detect_dialect,
    detect_lines,
    json_detection,
    looks_like_json,
)
from threadparse._diagnostics import Diagnostics, InputTooLargeError, ThreadParseError
from threadparse._flat import parse_flat
from threadparse._header import BULLETS, parse_name_line
from threadparse._lemmyhtml import looks_like_lemmy_html, parse_lemmy_html
from threadparse._lemmyui import detect_layout, read_capture
from threadparse._markdown import read_post
from threadparse._mlmym import parse_mlmym
from threadparse._models import Severity, Span, Thread
from threadparse._oldreddit import parse_old_reddit
from threadparse._post import parse_post
from threadparse._reddit import parse_reddit
from threadparse._source import Line, LineNumbers, TextLineNumbers, split_lines

__all__ = ("DIALECTS", "MAX_DEPTH", "PAGE_DIALECTS", "parse", "parse_text")

#: Dialects read from the whole text at once (the stream reads them whole too).
WHOLE_DIALECTS = ("mlmym", "old-reddit", "markdown", "lemmy-html", *JSON_DIALECTS)

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
            ``"reddit-json"``, ``"old-reddit"``.
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
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
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


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a parse builds its objects.

    A parse allocates a few objects a line (line tuples, texts, spans) and
    frees nothing until it returns; the collector's passes over that growing
    heap cost 35-50% of a large parse and made its time grow faster than the
    input (measured: 13x the floor at 1.2 MB, 16.7x at 12 MB; 8.6x and 8.0x
    paused). The objects have no reference cycles, so pausing loses nothing.
    The collector is switched back on afterwards only if it was on, as
    ``timeit`` does.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
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
    return parse_lines(split_lines(text), text=text, dialect=dialect, max_depth=max_depth)


def _parse_json(text: str, *, dialect: str, max_depth: int | None) -> Thread:
    """One of the JSON readers, with line numbers for its diagnostics."""
    diagnostics = Diagnostics(TextLineNumbers(text))
    if dialect == "reddit-json":
        return parse_reddit(text, max_depth=max_depth, diagnostics=diagnostics)
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
    if dialect not in JSON_DIALECTS and text is not None and looks_like_html(text):
        diagnostics.report(
            "TP108",
            "the text is HTML markup (a saved page or copied HTML) but not a lemmy-ui page's: "
            "it was read as text, tags and all; give it the page's text or the API JSON instead",
            Span(0, 0),
        )
    if dialect in JSON_DIALECTS:
        assert text is not None
        return _parse_json(text, dialect=dialect, max_depth=max_depth)
    if dialect == "mlmym":
        return parse_mlmym(lines, max_depth=max_depth, diagnostics=diagnostics)
    if dialect == "old-reddit":
        return parse_old_reddit(lines, max_depth=max_depth, diagnostics=diagnostics)
    if dialect == "markdown":
        return _parse_markdown(text, lines, diagnostics)
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
        detection = detect_lines(lines, headers)
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
        _report_page_without_thread(lines, diagnostics)

    if chosen == "flat":
        thread = parse_flat(lines, diagnostics)
    else:
        if not headers and dialect != "auto":
            diagnostics.report(
                "TP102",
                f"read as {dialect} as asked, but the text has no comment headers",
                Span(0, 0),
            )
        thread = _parse_page(lines, headers, chosen, max_depth, diagnostics)
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


#: Lines of a site's page (``_chrome``) that make text without a post's
#: community line or a comment header look like a page cut short.
PAGE_LINES = 2


def _bulleted_name(content: str) -> bool:
    """Is the line a bulleted name with a host, as lemmy-ui's seeds-shape pages
    start a comment (``• ada@lemmy.ml``)?"""
    if not content.startswith(tuple(BULLETS)):
        return False
    parsed = parse_name_line(content)
    return parsed is not None and parsed[0] and parsed[1].instance is not None


def _report_page_without_thread(lines: Sequence[Line], diagnostics: Diagnostics) -> None:
    """TP106 when text that no comment header was read from still looks like a
    thread: lines shaped like a comment's name line (``• name@host``) that no
    header follows, or a lemmy-ui page's own lines (navbar, footer) around no
    post header and no comment (a page whose thread was cut off)."""
    names = [line for line in lines if not line.blank and _bulleted_name(line.content)]
    if names:
        diagnostics.report(
            "TP106",
            f"{len(names)} {'line looks' if len(names) == 1 else 'lines look'} like a "
            "comment's name line ('• name@host') but no header follows (no icon line, "
            "count, separator or time): no comment was read",
            names[0].content_span,
        )
    found = [line for line in lines if not line.blank and is_site_line(line.content)]
    if len(found) >= PAGE_LINES:
        diagnostics.report(
            "TP106",
            f"the text has {len(found)} lines of a lemmy-ui page (navbar, sidebar, footer) "
            "but no post header and no comment header: the thread may be cut off",
            found[0].content_span,
        )


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


def _parse_markdown(text: str | None, lines: Sequence[Line], diagnostics: Diagnostics) -> Thread:
    assert text is not None
    (preamble, sections), rendered = read_post(text)
    if not rendered and lines:
        diagnostics.report(
            "TP103",
            "markdown-it-py is not installed (pip install 'threadparse[markdown]'): "
            "the markdown was read as plain text, markup kept",
            Span(0, 0),
        )
    return Thread(
        dialect="markdown",
        preamble=preamble,
        sections=sections,
        comments=(),
        unattributed=(),
        unparsed=(),
        diagnostics=diagnostics.sorted(),
    )


def page_dialect(
    asked: str, headers: Sequence[Header], lines: Sequence[Line], diagnostics: Diagnostics
) -> str:
    """The dialect to read text with these headers as: ``asked``, or the one they
    point to for ``"auto"``; TP102 when the two differ."""
    detected = detect_dialect(headers)
    if asked == "auto":
        return detected
    if detected != asked:
        diagnostics.report(
            "TP102",
            f"read as {asked} as asked, but the headers look like {detected}",
            lines[headers[0].start].content_span,
        )
    return asked


def utf8_size(text: str, limit: int) -> int:
    """The text's size in UTF-8 bytes, or its length when that alone is over ``limit``.

    Every character takes at least one byte, so a text longer than the limit
    is refused without encoding a copy of it.
    """
    if len(text) > limit:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def _parse_page(
    lines: Sequence[Line],
    headers: Sequence[Header],
    dialect: str,
    max_depth: int | None,
    diagnostics: Diagnostics,
) -> Thread:
    post_end = headers[0].start if headers else len(lines)
    preamble, sections = parse_post(lines[:post_end], one_per_line=False)
    comments, outside, chrome = (
        build_comments(
            lines,
            headers,
            hexbear_footer=dialect == "hexbear",
            max_depth=max_depth,
            diagnostics=diagnostics,
        )
        if headers
        else ((), [], [])
    )
    return Thread(
        dialect=dialect,
        preamble=preamble,
        sections=sections,
        comments=comments,
        unattributed=(),
        unparsed=tuple(outside),
        diagnostics=diagnostics.sorted(),
        chrome=tuple(chrome),
    )
