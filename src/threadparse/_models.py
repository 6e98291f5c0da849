"""The thread model: frozen, slotted attrs classes with tuples for children.

Positions: every node carries a ``span``, a half-open ``[start, end)`` range of
character offsets into the exact string given to :func:`threadparse.parse`
(no newline translation: a CRLF file's spans count the ``\\r``).

Serialization lives in ``_serialize.py``; these classes hold data only.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from datetime import datetime

import attrs

from threadparse._walk import preorder


@attrs.frozen
class Span:
    """Half-open range ``[start, end)`` of character offsets into the parsed text."""

    start: int
    end: int


@attrs.frozen
class Text:
    """A paragraph or a line of text.

    ``span`` runs from the first to the last non-blank character of the text in
    the input. ``text`` is that slice with each line's surrounding white space
    removed and line ends written as ``"\\n"``, so a paragraph reads the same
    whatever its indentation or line endings were.
    """

    text: str
    span: Span


class Severity(str, enum.Enum):
    """How much a diagnostic matters."""

    ERROR = "error"  #: something was not recovered: its lines are in ``Thread.unparsed``
    WARNING = "warning"  #: recovered, but information the page showed is lost or guessed
    INFO = "info"  #: a note on how the input was read


@attrs.frozen
class Diagnostic:
    """A problem found while parsing, with a stable code (see docs/diagnostics.md)."""

    code: str
    severity: Severity
    message: str
    span: Span
    line: int  #: 1-based line number of ``span.start``


@attrs.frozen
class Preamble:
    """The post's own text before its link sections (caption, credit, analysis)."""

    paragraphs: tuple[Text, ...] = ()
    span: Span | None = None  #: None when the thread has no preamble


@attrs.frozen
class Item:
    """One line of a link section."""

    kind: str  #: "link" when the line holds a URL, otherwise "note"
    text: str  #: the whole line as shown
    url: str | None  #: the URL in the line; None where the dump lost it
    description: str | None  #: the text after a separator such as " ~ "
    span: Span


@attrs.frozen
class Section:
    """A block of link-list lines under a heading (or the untitled navigation block)."""

    title: str | None  #: heading without a trailing ":"; None for the navigation block
    level: int  #: 1 for top-level sections, 2 for their sub-sections
    items: tuple[Item, ...]
    sections: tuple[Section, ...]
    span: Span


@attrs.frozen
class Author:
    """Who wrote a comment, as its header shows it."""

    name: str  #: display name without its pronoun tag
    display_name: str  #: display name as shown, pronoun tag included
    instance: str | None  #: host after "@"; None for a local user shown without one
    pronouns: tuple[str, ...]  #: entries of the "[he/him, they/them]" tag
    #: "Banned", "Banned from community", "OP", "M", "A", "B", once each and in
    #: that order (lemmy-ui's); hexbear's hexagon icon is "OP"
    badges: tuple[str, ...]
    #: the account name where the input shows it (API JSON, mlmym); None when
    #: only a display name is shown
    username: str | None = None


@attrs.frozen(eq=False, repr=False)  # both written below, without recursion
class Comment:
    """A comment with its replies. Its span covers its header, body and replies.

    ``==``, ``hash()`` and ``repr()`` walk the replies with an explicit stack
    (attrs' generated ones recurse, and fail past ~400 levels of replies), and
    ``pickle`` and ``copy.deepcopy`` see a flat list of the subtree's comments.
    """

    author: Author | None
    score: int | None  #: shown score, or upvotes minus downvotes where votes are shown
    upvotes: int | None
    downvotes: int | None
    language: str | None
    time: str | None  #: relative time as shown ("2 days ago"); the edit time when edited
    #: when the comment was written, where the input says exactly (API JSON); else None
    published: datetime | None
    updated: datetime | None  #: when it was last edited, where the input says exactly
    edited: bool
    deleted: bool
    removed: bool
    more_replies: int | None  #: "N more replies ➔": replies the page did not show
    depth: int  #: 0 for top-level comments
    paragraphs: tuple[Text, ...]
    replies: tuple[Comment, ...]
    span: Span

    def walk(self) -> Iterator[Comment]:
        """This comment and every reply under it, each before its replies, in page order."""
        return preorder((self,), _replies)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Comment)
        pairs = [(self, other)]
        while pairs:
            mine, theirs = pairs.pop()
            if mine is theirs:
                continue
            if _own_fields(mine) != _own_fields(theirs):
                return False
            if len(mine.replies) != len(theirs.replies):
                return False
            pairs.extend(zip(mine.replies, theirs.replies, strict=True))
        return True

    def __hash__(self) -> int:
        digest = 0
        stack = [self]
        while stack:
            comment = stack.pop()
            digest = hash((digest, _own_fields(comment), len(comment.replies)))
            stack.extend(comment.replies)
        return digest

    def __repr__(self) -> str:
        pieces: list[str] = []
        stack: list[str | Comment] = [self]
        while stack:
            piece = stack.pop()
            if isinstance(piece, str):
                pieces.append(piece)
                continue
            fields = [f"{name}={getattr(piece, name)!r}" for name in _OWN_FIELDS]
            head = ", ".join(fields[:_REPLIES_AT])
            tail = "".join(", " + field for field in fields[_REPLIES_AT:])
            parts: list[str | Comment] = [f"{type(piece).__qualname__}({head}, replies=("]
            for index, reply in enumerate(piece.replies):
                parts += [", ", reply] if index else [reply]
            parts.append(",)" if len(piece.replies) == 1 else ")")
            parts.append(tail + ")")
            stack.extend(reversed(parts))
        return "".join(pieces)

    def __reduce__(self) -> tuple[Callable[[_FlatTree], Comment], tuple[_FlatTree]]:
        # pickle and deepcopy recurse once per object they meet; handing them
        # the subtree as a flat pre-order list keeps them shallow at any depth.
        flat = tuple((_own_fields(comment), len(comment.replies)) for comment in self.walk())
        return _unflatten, (flat,)


_OWN_FIELDS = tuple(field.name for field in attrs.fields(Comment) if field.name != "replies")
_REPLIES_AT = [field.name for field in attrs.fields(Comment)].index("replies")


_FlatTree = tuple[tuple[tuple[object, ...], int], ...]  # (own fields, reply count), pre-order


def _replies(comment: Comment) -> tuple[Comment, ...]:
    return comment.replies


def _own_fields(comment: Comment) -> tuple[object, ...]:
    """Everything a comment holds but its replies."""
    return tuple(getattr(comment, name) for name in _OWN_FIELDS)


def _unflatten(flat: _FlatTree) -> Comment:
    """The comment ``Comment.__reduce__`` flattened: built from the last one back."""
    built: list[Comment] = []  # finished subtrees, the next sibling on top
    for fields, count in reversed(flat):
        replies = tuple(built.pop() for _ in range(count))
        built.append(Comment(**dict(zip(_OWN_FIELDS, fields, strict=True)), replies=replies))  # type: ignore[arg-type]
    (root,) = built
    return root


@attrs.frozen
class Thread:
    """Everything recovered from one thread text."""

    dialect: str  #: the reader used: one of ``threadparse.DIALECTS``
    preamble: Preamble
    sections: tuple[Section, ...]
    comments: tuple[Comment, ...]
    unattributed: tuple[Text, ...]  #: discussion text whose authors are lost
    unparsed: tuple[Text, ...]  #: lines no rule could place (each has a diagnostic)
    diagnostics: tuple[Diagnostic, ...]

    def walk(self) -> Iterator[Comment]:
        """Every comment, replies included, each before its replies, in page order.

        Use ``comment.depth`` for the level; no recursion, so any depth walks.
        """
        return preorder(self.comments, _replies)


@attrs.frozen
class ThreadHead:
    """What ``iter_thread`` yields first: the post, and the dialect it read."""

    dialect: str
    preamble: Preamble
    sections: tuple[Section, ...]


@attrs.frozen
class ThreadTail:
    """What ``iter_thread`` yields last: what no comment holds, and every diagnostic."""

    unattributed: tuple[Text, ...]
    unparsed: tuple[Text, ...]
    diagnostics: tuple[Diagnostic, ...]
