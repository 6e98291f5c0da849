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

- ``lemmy-0.19``: nothing of the model is lost; the score is written as votes
  (``arrow-up``/``arrow-down``), so it must equal upvotes minus downvotes.
- ``lemmy-0.18``: upvotes and downvotes (only the score is shown).
- ``hexbear``: score, upvotes, downvotes (the vote button's text is lost) and
  the language; ``OP`` is the ``hexagon`` line; remote users get the
  ``link``/``fedilink`` footer.
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

import attrs

from threadparse._flat import authorless_comment
from threadparse._header import parse_count
from threadparse._models import Author, Comment, Section, Text, Thread
from threadparse._parser import DIALECTS


def compact_count(value: int) -> str:
    """lemmy-ui's numToSI: Intl compact notation, 3 significant digits (1240 -> "1.24K")."""
    magnitude = abs(value)
    if magnitude < 1000:
        return str(value)
    for unit, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
        if magnitude >= unit:
            digits = f"{magnitude / unit:.3g}"
            if "e" not in digits:
                return ("-" if value < 0 else "") + digits + suffix
    return str(value)  # 999,950+ rounds to "1e+03K"; write the plain number instead


def render(thread: Thread, dialect: str) -> str:
    """The thread as ``dialect``'s page text (see the module docstring for what is lost)."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; expected one of {DIALECTS}")
    if dialect == "flat":
        return _render_flat(thread)
    parts = [part for part in (_post(thread, flat=False), _comments(thread, dialect)) if part]
    return "\n\n\n".join(parts) + "\n" if parts else ""


def _post(thread: Thread, *, flat: bool) -> str:
    """Preamble and sections. Flat text has no blank lines inside the post."""
    blocks: list[str] = []
    if thread.preamble.paragraphs:
        joiner = "\n" if flat else "\n\n"
        blocks.append(joiner.join(p.text for p in thread.preamble.paragraphs))
    section_blocks = list(_section_blocks(thread.sections))
    if section_blocks:
        blocks.append(("\n" if flat else "\n\n").join(section_blocks))
    return ("\n" if flat else "\n\n\n").join(blocks)


def _section_blocks(sections: tuple[Section, ...]) -> Iterator[str]:
    stack = list(reversed(sections))
    while stack:
        section = stack.pop()
        if section.title is not None:
            yield section.title + (":" if section.level > 1 else "")
        if section.items:
            yield "\n".join(item.text for item in section.items)
        stack.extend(reversed(section.sections))


def _render_flat(thread: Thread) -> str:
    """What flattening does to a page: one paragraph line a line, no headers."""
    post = _post(thread, flat=True)
    discussion = [t.text for t in thread.unattributed] + _flattened(thread.comments)
    parts = [part for part in (post, "\n".join(discussion)) if part]
    return "\n\n".join(parts) + "\n" if parts else ""


def _flattened(comments: tuple[Comment, ...]) -> list[str]:
    """Comment bodies in reading order, every line its own paragraph."""
    lines: list[str] = []
    stack = list(reversed(comments))
    while stack:
        comment = stack.pop()
        if comment.deleted or comment.removed:
            lines.append(_deletion_line(comment))
        lines += [line for p in comment.paragraphs for line in p.text.split("\n")]
        stack.extend(reversed(comment.replies))
    return lines


def carried(thread: Thread, dialect: str) -> Thread:
    """What of ``thread`` survives ``parse(render(thread, dialect))``, spans aside.

    The executable form of the list in this module's docstring. Spans are kept
    as they are (they cannot survive: the text is new), and so is ``dialect``
    when a page dialect's text has nothing that tells it apart (no scores in
    ``lemmy-0.18``).
    """
    if dialect == "flat":
        return attrs.evolve(
            thread,
            dialect="flat",
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


def _carried_comment(comment: Comment, dialect: str) -> Comment:
    if dialect == "hexbear":
        return attrs.evolve(comment, score=None, upvotes=None, downvotes=None, language=None)
    if dialect == "lemmy-0.18":
        # The score is shown in compact notation: -9999 reads back as -10K.
        score = None if comment.score is None else parse_count(compact_count(comment.score))
        return attrs.evolve(comment, score=score, upvotes=None, downvotes=None)
    if comment.upvotes is None:
        return attrs.evolve(comment, score=None, downvotes=None)
    downvotes = comment.downvotes or 0
    return attrs.evolve(comment, downvotes=downvotes, score=comment.upvotes - downvotes)


def _preorder(comments: tuple[Comment, ...]) -> Iterator[Comment]:
    stack = list(reversed(comments))
    while stack:
        comment = stack.pop()
        yield comment
        stack.extend(reversed(comment.replies))


def _map_comments(
    comments: tuple[Comment, ...], change: Callable[[Comment], Comment]
) -> tuple[Comment, ...]:
    """``change`` applied to every comment of the trees, bottom-up, without recursion."""
    done: dict[int, Comment] = {}
    for comment in reversed(list(_preorder(comments))):  # children before parents
        replies = tuple(done[id(reply)] for reply in comment.replies)
        done[id(comment)] = change(attrs.evolve(comment, replies=replies))
    return tuple(done[id(comment)] for comment in comments)


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
    if dialect == "hexbear" and comment.author is not None and comment.author.instance:
        body.append(f"{inner}link\n{inner}fedilink")  # the footer of a remote comment
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
