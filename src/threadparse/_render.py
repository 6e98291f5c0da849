"""``render(thread, dialect)``: write a Thread as a front end leaves it on a page.

The inverse of ``parse`` for every text dialect, used to generate test input
and to show what each dialect keeps. Layout, per lemmy_formats.md 1.2-1.4::

    PREAMBLE paragraphs, one blank line apart
    (two blank lines)
    navigation lines, then each heading alone in its block, its items one a line
    (two blank lines)
      • NAME[@host][BADGES]                 2 columns per depth, then the tokens
        link / fedilink / ... / TIME        one a line, 2 columns deeper
        (blank)
        body paragraphs, one blank line apart
        (blank)
        N more replies ➔
        (blank)
        • reply ...

What each dialect cannot carry (it is not written, and parses back as None):

- every page dialect: counts are shown in compact notation (1234 reads back as
  1230), and a comment without an author is shown as ``unknown``.
- ``lemmy-0.19``: nothing else; the score is written as votes
  (``arrow-up``/``arrow-down``), so it reads back as upvotes minus downvotes.
- ``lemmy-0.18``: upvotes and downvotes (only the score is shown).
- ``hexbear``: score, upvotes, downvotes (the vote button's text is lost) and
  the language; ``OP`` is the ``hexagon`` line; every comment gets the
  ``link`` footer, and ``fedilink`` after it when the author is remote.
- ``flat``: every comment field but the text. The post, then the unattributed
  discussion and every comment's paragraph lines in reading order, one a line
  (they parse back as unattributed text), with a lone ``deleted by creator`` /
  ``Removed by mod`` line for a deleted or removed comment (it parses back as
  an authorless deleted comment).

No dialect writes ``Thread.unparsed`` (that text was never understood), and
page dialects do not write ``Thread.unattributed`` (page text has no place
for discussion without an author).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal

import attrs

from threadparse.core.lemmy import parse_count
from threadparse.core.models import Author, Comment, Text, Thread
from threadparse.core.post import render_post
from threadparse.core.records import authorless_comment
from threadparse.core.walk import preorder, rebuild
from threadparse.formats import PAGE_DIALECTS
from threadparse.formats.hn_text import render_hn_text
from threadparse.formats.lemmy_page.capture import CAPTURES, carried_capture, render_capture
from threadparse.formats.mlmym import render_mlmym
from threadparse.formats.old_reddit import render_old_reddit

_UNITS = ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K"), (1, ""))


def compact_count(value: int) -> str:
    """lemmy-ui's numToSI: ``Intl.NumberFormat("en-US", {notation: "compact",
    maximumSignificantDigits: 3})``, which rounds half away from zero
    (1125 -> "1.13K", 999950 -> "1M")."""
    magnitude = abs(value)
    sign = "-" if value < 0 else ""
    for index, (unit, suffix) in enumerate(_UNITS):
        if magnitude >= unit or unit == 1:
            scaled = Decimal(magnitude) / unit
            digits = 3 - len(str(int(scaled)))  # places after the point for 3 significant
            rounded = scaled.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
            if rounded >= 1000 and index > 0:  # 999.95K rounds up to the next unit
                unit, suffix = _UNITS[index - 1]
                rounded = (Decimal(magnitude) / unit).quantize(Decimal("0.01"), ROUND_HALF_UP)
            text = format(rounded.normalize(), "f")
            return sign + text + suffix
    raise AssertionError("unreachable: the last unit is 1")


#: What ``render`` writes: the page texts (API JSON and markdown are sources,
#: not pages).
RENDERED_DIALECTS = (*PAGE_DIALECTS, "flat", "mlmym", "old-reddit", "hn-text")


def render(thread: Thread, dialect: str, *, capture: str | None = None) -> str:
    """The thread as ``dialect``'s page text: what a front end leaves on a page.

    The inverse of ``parse`` for the page dialects ``"lemmy-0.19"``,
    ``"lemmy-0.18"``, ``"hexbear"``, ``"flat"``, ``"mlmym"``, ``"old-reddit"``
    and ``"hn-text"`` (API JSON, HTML and markdown are sources, not pages), used
    to make test input and to show what each front end keeps. What a page does
    not show is not written, and parses back as None or as the page shows it:
    every page shows counts in compact notation (1234 reads back as 1230) and a
    comment without an author as ``unknown``; ``lemmy-0.18`` shows no up- and
    downvotes, ``hexbear`` no score, votes or language, ``flat`` only the text
    (the bodies read back as unattributed lines), ``hn-text`` no nesting; no
    dialect writes ``Thread.unparsed``. ``carried(thread, dialect)`` computes
    exactly what survives; docs/testing.md lists it dialect by dialect.

    With ``capture`` (one of ``CAPTURES``: ``"chromium-innertext"``,
    ``"chromium-copy"``, ``"firefox-innertext"``, ``"firefox-copy"``), the whole
    lemmy-ui page as that browser gives its text, navbar and sidebar included,
    for ``dialect`` ``"lemmy-0.19"`` (0.19.4+) or ``"lemmy-0.18"`` (up to 0.19.3).

    Raises:
        ValueError: ``render`` does not write ``dialect``, or ``capture`` is not
            one of ``CAPTURES`` or not for ``dialect``.
    """
    if dialect not in RENDERED_DIALECTS:
        raise ValueError(
            f"render writes page text: dialect must be one of {RENDERED_DIALECTS}, not {dialect!r}"
        )
    if capture is not None:
        _check_capture(dialect, capture)
        return render_capture(
            thread, dialect, capture, _post(thread, flat=False), count=compact_count
        )
    if dialect == "flat":
        return _render_flat(thread)
    if dialect == "mlmym":
        return render_mlmym(thread)
    if dialect == "old-reddit":
        return render_old_reddit(thread)
    if dialect == "hn-text":
        return render_hn_text(thread)
    parts = [part for part in (_post(thread, flat=False), _comments(thread, dialect)) if part]
    return "\n\n\n".join(parts) + "\n" if parts else ""


def _post(thread: Thread, *, flat: bool) -> str:
    """Preamble and sections. Flat text has no blank lines inside the post."""
    return render_post(thread.preamble, thread.sections, flat=flat)


def _render_flat(thread: Thread) -> str:
    """What flattening does to a page: one paragraph line a line, no headers."""
    post = _post(thread, flat=True)
    discussion = [t.text for t in thread.unattributed] + _flattened(thread.comments)
    parts = [part for part in (post, "\n".join(discussion)) if part]
    return "\n\n".join(parts) + "\n" if parts else ""


def _flattened(comments: tuple[Comment, ...]) -> list[str]:
    """Comment bodies in reading order, every line its own paragraph."""
    lines: list[str] = []
    for comment in _preorder(comments):
        if comment.deleted or comment.removed:
            lines.append(_deletion_line(comment))
        lines += [line for p in comment.paragraphs for line in p.text.split("\n")]
    return lines


def _check_capture(dialect: str, capture: str) -> None:
    if capture not in CAPTURES:
        raise ValueError(f"capture must be one of {CAPTURES}, not {capture!r}")
    if dialect not in ("lemmy-0.19", "lemmy-0.18"):
        raise ValueError(
            f"a capture is of a lemmy-ui page: lemmy-0.19 or lemmy-0.18, not {dialect!r}"
        )


def carried(thread: Thread, dialect: str, *, capture: str | None = None) -> Thread:
    """What of ``thread`` survives ``parse(render(thread, dialect))``, spans aside.

    The thread as parsing the rendered page with ``dialect`` named gives it back:
    what the page cannot show set to what parsing gives for it (None, a rounded
    count, ``unknown`` for a missing author, flat text's unattributed lines), so
    a round trip can be compared with ``==`` (docs/testing.md lists the losses
    dialect by dialect). Spans are kept as they are (they cannot survive: the
    text is new). With ``capture``, what that capture of the page keeps
    (docs/captures.md); ``chrome`` is left as it is.
    """
    if capture is not None:
        _check_capture(dialect, capture)
        return carried_capture(thread, dialect, capture, count=compact_count)
    if dialect == "flat":
        return attrs.evolve(
            thread,
            dialect="flat",
            preamble=attrs.evolve(  # one paragraph a line
                thread.preamble,
                paragraphs=tuple(
                    Text(line, p.span)
                    for p in thread.preamble.paragraphs
                    for line in p.text.split("\n")
                ),
            ),
            comments=tuple(
                authorless_comment("removed" if c.removed else "deleted", c.span)
                for c in _preorder(thread.comments)
                if c.deleted or c.removed
            ),
            unattributed=thread.unattributed
            + tuple(
                Text(line, p.span)
                for c in _preorder(thread.comments)
                for p in c.paragraphs
                for line in p.text.split("\n")
            ),
            unparsed=(),
            diagnostics=(),
        )
    return attrs.evolve(
        thread,
        dialect=dialect,
        comments=_map_comments(thread.comments, lambda c: _carried_comment(c, dialect)),
        unattributed=(),
        unparsed=(),
        diagnostics=(),
    )


def _shown(count: int | None) -> int | None:
    """A count as it reads back from the page: compact notation, 3 significant digits."""
    return None if count is None else parse_count(compact_count(count))


def _carried_comment(comment: Comment, dialect: str) -> Comment:
    author = comment.author or Author("unknown", "unknown", None, (), ())
    shown = attrs.evolve(  # a page shows no ids and no addresses
        comment,
        author=attrs.evolve(author, url=None),
        more_replies=_shown(comment.more_replies),
        id=None,
        parent_id=None,
        post_id=None,
        url=None,
        missing=False,
    )
    if dialect == "hexbear":
        return attrs.evolve(shown, score=None, upvotes=None, downvotes=None, language=None)
    if dialect == "lemmy-0.18":
        return attrs.evolve(shown, score=_shown(comment.score), upvotes=None, downvotes=None)
    if comment.upvotes is None:
        return attrs.evolve(shown, score=None, downvotes=None)
    upvotes, downvotes = _shown(comment.upvotes) or 0, _shown(comment.downvotes) or 0
    return attrs.evolve(shown, upvotes=upvotes, downvotes=downvotes, score=upvotes - downvotes)


def _preorder(comments: tuple[Comment, ...]) -> Iterator[Comment]:
    return preorder(comments, lambda comment: comment.replies)


def _map_comments(
    comments: tuple[Comment, ...], change: Callable[[Comment], Comment]
) -> tuple[Comment, ...]:
    """``change`` applied to every comment of the trees, bottom-up, without recursion."""
    return rebuild(
        comments,
        lambda comment: comment.replies,
        lambda comment, replies: change(attrs.evolve(comment, replies=replies)),
    )


def _deletion_line(comment: Comment) -> str:
    return "Removed by mod" if comment.removed else "deleted by creator"


def _name_line(author: Author | None, dialect: str) -> str:
    if author is None:
        return "unknown"  # page text always shows an author
    badges = [b for b in author.badges if not (dialect == "hexbear" and b == "OP")]
    if author.instance is not None:
        return f"{author.display_name}@{author.instance}" + "".join(badges)
    # lemmy-ui shows no host for local users; their badges are spaced off the
    # name, as the real crawls show ("Star Wars Enjoyer A").
    return " ".join([author.display_name, *badges])


def _header_tokens(comment: Comment, dialect: str) -> list[str]:
    tokens: list[str] = []
    author = comment.author
    if dialect == "hexbear":
        if author is not None and "OP" in author.badges:
            tokens.append("hexagon")
        tokens.append("·")
    else:
        tokens += ["link", "fedilink"]
        if comment.language is not None:
            tokens.append(comment.language)
        if dialect == "lemmy-0.19":
            if comment.upvotes is not None:
                tokens += ["arrow-up", compact_count(comment.upvotes)]
                if comment.downvotes:
                    tokens += ["arrow-down", compact_count(comment.downvotes)]
                tokens.append("·")
        elif comment.score is not None:
            tokens += [compact_count(comment.score), "•"]
    if comment.edited:
        tokens.append("edit-2")
    if comment.time is not None:
        tokens.append(comment.time)
    return tokens


def _comment_lines(comment: Comment, dialect: str, indent: str) -> list[str]:
    inner = indent + "  "
    lines = [f"{indent}• {_name_line(comment.author, dialect)}"]
    lines += [inner + token for token in _header_tokens(comment, dialect)]
    body: list[str] = []
    if comment.deleted or comment.removed:
        body.append(inner + _deletion_line(comment))
    body += ["\n".join(inner + line for line in p.text.split("\n")) for p in comment.paragraphs]
    if dialect == "hexbear":
        # Logged-out footer: "link", and "fedilink" for a comment from elsewhere.
        remote = comment.author is not None and comment.author.instance is not None
        body.append(f"{inner}link" + (f"\n{inner}fedilink" if remote else ""))
    if comment.more_replies is not None:
        noun = "reply" if comment.more_replies == 1 else "replies"
        body.append(f"{inner}{compact_count(comment.more_replies)} more {noun} ➔")
    for block in body:
        lines += ["", block]
    return lines


def _comments(thread: Thread, dialect: str) -> str:
    out: list[str] = []
    stack = [(comment, "  ") for comment in reversed(thread.comments)]
    while stack:
        comment, indent = stack.pop()
        if out:
            out.append("")
        out += _comment_lines(comment, dialect, indent)
        stack += [(reply, indent + "  ") for reply in reversed(comment.replies)]
    return "\n".join(out)
