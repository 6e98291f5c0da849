"""The thread model: frozen, slotted attrs classes with tuples for children.

Positions: every node carries a ``span``, a half-open ``[start, end)`` range of
character offsets into the exact string given to ``threadparse.parse``
(no newline translation: a CRLF file's spans count the ``\\r``).

Serialization lives in ``_serialize.py``; these classes hold data only.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from datetime import datetime

import attrs

from threadparse.core.walk import preorder


@attrs.frozen
class Span:
    """Half-open range ``[start, end)`` of character offsets into the parsed text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset after the last character: ``text[span.start : span.end]`` is the node's text."""


@attrs.frozen
class Link:
    """A link in a text, where the input holds it (markdown: API JSON bodies, post
    markdown). Only web links (``http``/``https``): a mention linked as
    ``mailto:`` is text."""

    url: str
    """Where the link goes, as the page links it (markdown-it's normalized URL)."""
    text: str
    """What the page shows for the link: its text, markup removed (a bare URL shows itself)."""
    span: Span
    """Where the link is in the input: the source of ``[text](url)``, or the bare URL.
    It lies within its text's span."""


@attrs.frozen
class Text:
    """A paragraph or a line of text.

    ``span`` runs from the first to the last non-blank character of the text in
    the input. ``text`` is that slice with each line's surrounding white space
    removed and line ends written as ``"\\n"``, so a paragraph reads the same
    whatever its indentation or line endings were.

    Markdown (dialect ``markdown``, API JSON bodies) is read as its page shows
    it: ``text`` has no markup, and a code block keeps each line's indentation
    as written (the block's first line may then start with white space).
    """

    text: str
    """What a reader sees: the lines stripped, joined by ``"\\n"``, markup removed
    (a markdown code block's lines keep their indentation)."""
    span: Span
    """Where the text is in the input."""
    links: tuple[Link, ...] = ()
    """The links the text holds, where the input has them (markdown: API JSON bodies,
    post markdown), in order; page text shows none."""


class Severity(str, enum.Enum):
    """How much a diagnostic matters."""

    ERROR = "error"
    """Something was not recovered: its lines are in ``Thread.unparsed``."""
    WARNING = "warning"
    """Recovered, but information the page showed is lost or guessed."""
    INFO = "info"
    """A note on how the input was read."""


@attrs.frozen
class Diagnostic:
    """A problem found while parsing, with a stable code (see docs/diagnostics.md)."""

    code: str
    """The stable code, ``TP`` and three digits: see ``threadparse.CODES``."""
    severity: Severity
    """How much it matters."""
    message: str
    """What happened, for a person."""
    span: Span
    """The input it is about (``[0, 0]`` when it is about the whole text)."""
    line: int
    """1-based line number of ``span.start``."""


@attrs.frozen
class Preamble:
    """The post's own text before its link sections (caption, credit, analysis)."""

    paragraphs: tuple[Text, ...] = ()
    """The paragraphs, in order."""
    span: Span | None = None
    """From the first paragraph to the last; None when the thread has no preamble."""


@attrs.frozen
class Item:
    """One line of a link section."""

    kind: str
    """``"link"`` when the line holds a URL, otherwise ``"note"``."""
    text: str
    """The whole line as shown."""
    url: str | None
    """The URL in the line; None where the input lost it (page text shows only link texts)."""
    description: str | None
    """The text after a separator such as ``" ~ "``, when the line starts with the URL."""
    span: Span
    """Where the line is in the input."""


@attrs.frozen
class Section:
    """A block of link-list lines under a heading (or the untitled navigation block)."""

    title: str | None
    """The heading without a trailing ``":"``; None for the navigation block."""
    level: int
    """1 for top-level sections, 2 for their sub-sections."""
    items: tuple[Item, ...]
    """The section's own lines, before its first sub-section."""
    sections: tuple[Section, ...]
    """Its sub-sections (level 2)."""
    span: Span
    """From the heading to the last line of its last sub-section."""


@attrs.frozen
class Author:
    """Who wrote a comment, as its header shows it."""

    name: str
    """The display name without its pronoun tag."""
    display_name: str
    """The display name as shown, pronoun tag included."""
    instance: str | None
    """The host after ``@``; None for a local user shown without one."""
    pronouns: tuple[str, ...]
    """The entries of a ``[he/him, they/them]`` tag."""
    badges: tuple[str, ...]
    """``Banned``, ``Banned from community``, ``OP``, ``M``, ``A``, ``B``, once each and in
    that order (lemmy-ui's); hexbear's hexagon icon is ``OP``."""
    username: str | None = None
    """The account name where the input shows it (API JSON, mlmym); None when only a
    display name is shown."""
    url: str | None = None
    """The profile's address where the input holds it (API JSON: the ActivityPub id,
    ``https://lemmy.ml/u/ada``); None in page text."""


@attrs.frozen(eq=False, repr=False)  # both written below, without recursion
class Comment:
    """A comment with its replies.

    ``==``, ``hash()`` and ``repr()`` walk the replies with an explicit stack
    (attrs' generated ones recurse, and fail past ~400 levels of replies), and
    ``pickle`` and ``copy.deepcopy`` see a flat list of the subtree's comments.
    """

    author: Author | None
    """Who wrote it; None where the input lost it (flat text, API placeholders)."""
    score: int | None
    """The shown score, or upvotes minus downvotes where the votes are shown."""
    upvotes: int | None
    """None where the front end shows no votes."""
    downvotes: int | None
    """None where the front end shows no votes; 0 when it hides a zero."""
    language: str | None
    """The language name as shown (``English``); None when not shown."""
    time: str | None
    """The relative time as shown (``2 days ago``); the edit's time when edited."""
    published: datetime | None
    """When the comment was written, where the input says exactly (API JSON); else None."""
    updated: datetime | None
    """When it was last edited, where the input says exactly; else None."""
    edited: bool
    """The comment was edited."""
    deleted: bool
    """Deleted by its author: the body is gone."""
    removed: bool
    """Removed by a moderator: the body is gone."""
    more_replies: int | None
    """Replies the input did not show (``N more replies ➔``); None when none are missing."""
    depth: int
    """0 for top-level comments, one more per level of replies."""
    paragraphs: tuple[Text, ...]
    """The body, a paragraph each."""
    replies: tuple[Comment, ...]
    """The direct replies, in page order."""
    span: Span
    """Page text: the header, body and replies. API JSON: the comment's own entry."""
    id: str | None = None
    """The comment's id as the input gives it (API JSON: ``"501"``); None in page text.
    A string whatever the platform, so ids of every platform fit one column."""
    parent_id: str | None = None
    """The id of the comment it replies to, where the input names it, also when that
    comment is not in the input; None for a top-level comment or where ids are lost."""
    post_id: str | None = None
    """The id of the post it is under, where the input gives it (API JSON)."""
    url: str | None = None
    """Its own address where the input holds it (API JSON: the ActivityPub id, which
    is the comment's permalink on its home instance)."""
    missing: bool = False
    """A placeholder for a comment the input lacks but a reply names (API JSON, TP401):
    no author and no text; ``id`` is the missing comment's, and its span is empty."""

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
class Community:
    """The community a post was made in, as the page shows it."""

    name: str | None
    """The community's name (``worldnews``), where the page shows it."""
    title: str | None
    """Its display title (``World News``), where the page shows it."""
    host: str | None
    """The instance it lives on, where the page shows one (a remote community)."""


@attrs.frozen
class Post:
    """The post's own header: what the page shows above its body."""

    title: str | None
    """The post's title; None where the input does not show it."""
    author: Author | None
    """Who posted it, as shown."""
    community: Community | None
    """Where it was posted."""
    url: str | None
    """The link of a link post, where the input holds it."""
    domain: str | None
    """The link's host as the page prints it under the title (``news.example``)."""
    language: str | None
    """The post's language as shown; None when not shown."""
    time: str | None
    """The relative time as shown (the edit's time when edited)."""
    score: int | None
    """The shown score, or upvotes minus downvotes where the votes are shown."""
    upvotes: int | None
    """Upvotes, where the page shows them apart."""
    downvotes: int | None
    """Downvotes, where the page shows them apart."""
    comment_count: int | None
    """The comment count the page shows (it counts comments not on the page too)."""
    embed: tuple[Text, ...]
    """A link post's preview as the page shows it: its title (the host glued on
    by the copy) and its description, a line each."""
    span: Span
    """From the first to the last line of the header and the preview; API JSON: the
    object the post was read from."""
    id: str | None = None
    """The post's id where the input gives it (API JSON); None in page text."""
    published: datetime | None = None
    """When it was posted, where the input says exactly (API JSON); else None."""


@attrs.frozen
class Thread:
    """Everything recovered from one thread text."""

    dialect: str
    """The reader used: one of ``threadparse.DIALECTS``."""
    preamble: Preamble
    """The post's text before its link sections."""
    sections: tuple[Section, ...]
    """The post's link sections (level 1), each with its sub-sections."""
    comments: tuple[Comment, ...]
    """The top-level comments, each with its replies; ``walk()`` visits them all."""
    unattributed: tuple[Text, ...]
    """Discussion text whose authors are lost (flat text), a line each."""
    unparsed: tuple[Text, ...]
    """Input no rule could place, each with an error diagnostic: a line each in page
    text, a run of lines for mlmym's page chrome, the entry or the whole text in JSON."""
    diagnostics: tuple[Diagnostic, ...]
    """What could not be read, or was read with a guess, in input order."""
    post: Post | None = None
    """The post's header (title, author, community...); None where the input has none
    (the seeds' page text starts at the post's body)."""
    chrome: tuple[Text, ...] = ()
    """The site's page around the thread (navigation bar, sort buttons, sidebar,
    footer), a line each: recognised, owned apart, never an error."""
    capture: str | None = None
    """How a page's text was captured, where it shows: ``chromium-innertext``,
    ``chromium-copy``, ``firefox-innertext``, ``firefox-copy`` (docs/captures.md);
    for lemmy-ui HTML, ``html`` (a whole page: server HTML or a saved DOM) or
    ``html-copy`` (a browser's copied HTML, a fragment without scripts)."""
    nesting: bool = True
    """False when the input does not carry reply nesting (a Chromium copy, any
    innerText): every comment is then at depth 0, in page order (TP105)."""
    more_replies: int | None = None
    """Top-level comments the input holds back (Reddit's ``more`` stub on the post);
    None when none are known to be missing."""

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
    post: Post | None = None
    capture: str | None = None
    nesting: bool = True


@attrs.frozen
class ThreadTail:
    """What ``iter_thread`` yields last: what no comment holds, and every diagnostic."""

    unattributed: tuple[Text, ...]
    unparsed: tuple[Text, ...]
    diagnostics: tuple[Diagnostic, ...]
    chrome: tuple[Text, ...] = ()
    more_replies: int | None = None
