"""``parse()``: pick the reader for the text's shape and assemble the Thread.

Pipeline: split lines (``_source``) -> find comment headers (``_comments``) ->
choose the dialect from the header tokens -> the post before the first header
(``_post``) -> the comment tree, or for flat text the discussion (``_flat``).
Every non-blank line ends up in exactly one node; what no rule claims goes to
``Thread.unparsed`` with an error diagnostic.
"""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise

from threadparse._comments import Header, build_comments, find_headers
from threadparse._diagnostics import Diagnostics, InputTooLargeError, ThreadParseError
from threadparse._flat import parse_flat
from threadparse._header import MOMENT_TIME
from threadparse._models import Severity, Span, Thread
from threadparse._post import first_heading, is_link_list, parse_post
from threadparse._source import Line, LineNumbers, split_lines

PAGE_DIALECTS = ("lemmy-0.19", "lemmy-0.18", "hexbear")
DIALECTS = (*PAGE_DIALECTS, "flat")

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
    """Parse thread text into a :class:`Thread`. Never raises on any ``str``.

    Args:
        text: the thread as copied or scraped; spans index this exact string.
        dialect: ``"auto"`` (read the shape from the text) or one of
            ``"lemmy-0.19"``, ``"lemmy-0.18"``, ``"hexbear"``, ``"flat"``.
        strict: raise :class:`ThreadParseError` when any error-level diagnostic
            is found, instead of returning the Thread with it.
        max_depth: the deepest ``Comment.depth`` kept; a deeper reply is
            attached at this depth, beside the comment it answers, with a
            TP204 warning. ``None`` keeps any depth (parsing never recurses;
            your own code over the tree might).
        max_bytes: refuse text longer than this many bytes of UTF-8 with
            :class:`InputTooLargeError` before reading it. ``None``: no limit.

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
        thread = parse_lines(split_lines(text), dialect=dialect, max_depth=max_depth)
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


def parse_lines(lines: Sequence[Line], *, dialect: str, max_depth: int | None) -> Thread:
    """``parse`` on text already split into lines (options checked)."""
    diagnostics = Diagnostics(LineNumbers(lines))
    headers = [] if dialect == "flat" else find_headers(lines)
    if headers:
        chosen = page_dialect(dialect, headers, lines, diagnostics)
    elif dialect != "auto":
        chosen = dialect
    else:
        chosen = "lemmy-0.19" if looks_like_page_post(lines) else "flat"
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
    comments, outside = (
        build_comments(
            lines,
            headers,
            hexbear_footer=dialect == "hexbear",
            max_depth=max_depth,
            diagnostics=diagnostics,
        )
        if headers
        else ((), [])
    )
    return Thread(
        dialect=dialect,
        preamble=preamble,
        sections=sections,
        comments=comments,
        unattributed=(),
        unparsed=tuple(outside),
        diagnostics=diagnostics.sorted(),
    )


def looks_like_page_post(lines: Sequence[Line]) -> bool:
    """Is text without comment headers a page-text post rather than flat text?

    Both have a link list (two headings, or a heading and a URL). Flat text has
    no blank line inside the post and one gap before the discussion; page text
    has blank lines between the blocks before its first heading, or between
    its sections.
    """
    heading = first_heading(lines)
    if heading is None:
        return False
    last = max(i for i, line in enumerate(lines) if not line.blank)
    gaps_after = sum(  # blank runs between the first heading and the last text line
        1 for before, line in pairwise(lines[heading:last]) if line.blank and not before.blank
    )
    if not any(line.blank for line in lines[:heading]) and gaps_after < 2:
        return False
    return is_link_list(lines[heading:])


def detect_dialect(headers: Sequence[Header]) -> str:
    """The page dialect the headers' tokens point to (lemmy-0.19 when nothing does).

    Evidence (lemmy_formats.md 1.2-1.3): vote icons mean 0.19.4+; a lone "•"
    separator or a bare score mean <= 0.19.3, a moment.js time ("a day", "2 days")
    means <= 0.18.0; hexbear's
    own icons, or a "·" with no link/fedilink, mean hexbear.net's fork.
    """
    votes: Counter[str] = Counter()
    for header in headers:
        tokens = header.tokens
        if tokens & {"hexagon", "hexbear"}:
            votes["hexbear"] += 3
        elif "·" in tokens and not tokens & {"link", "fedilink"} and header.language is None:
            votes["hexbear"] += 1
        if tokens & {"arrow-up", "arrow-down", "heart", "smile"}:
            votes["lemmy-0.19"] += 2
        elif tokens & {"link", "fedilink"}:
            votes["lemmy-0.19"] += 1  # hexbear's fork hides them in the header
        if "•" in tokens or (header.votes.score is not None and header.votes.upvotes is None):
            votes["lemmy-0.18"] += 2
        if header.time is not None and MOMENT_TIME.fullmatch(header.time):
            votes["lemmy-0.18"] += 2  # only lemmy-ui <= 0.18.0 wrote times this way
    if not votes:
        return "lemmy-0.19"
    best = max(votes.values())
    return next(name for name in PAGE_DIALECTS if votes[name] == best)
