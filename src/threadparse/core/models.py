"""The thread model: frozen, slotted attrs classes with tuples for children.

Positions: every node carries a ``span``, a half-open ``[start, end)`` range of
character offsets into the exact string given to ``threadparse.parse``
(no newline translation: a CRLF file's spans count the ``\\r``).

Serialization lives in ``_serialize.py``; these classes hold data only.

``repr()`` of a node that can hold a lot (``Thread``, ``Comment``, ``Text``,
``Preamble``, ``Section``, ``ThreadHead``, ``ThreadTail``) is one line of
bounded length, ``<Kind ...>``: its counts, where it is and its first words,
so printing a 5 MB thread prints a summary, not the thread. The small value
classes (``Span``, ``Author``, ``Link``, ``Diagnostic``, ``Item``, ...) keep
attrs' ``Kind(field=value, ...)`` form.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

import attrs

from threadparse.core.walk import preorder

_T = TypeVar("_T")


def _quick_init(cls: type[_T]) -> type[_T]:
    """``cls`` with an ``__init__`` that sets each field through its slot's own
    setter, looked up once, where attrs' sets it through ``object.__setattr__``
    bound anew for every instance. Same parameters, same object; for the
    classes a parse makes by the thousand (measured: ``Comment`` 1.22 us to
    1.07 us, ``Span`` 0.29 us to 0.21 us). Only for fields with plain defaults:
    no factories, validators, converters or keyword-only fields."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # an attrs class, checked by attrs
    scope: dict[str, object] = {}
    params = []
    for field in fields:
        plain = field.validator is None and field.converter is None and not field.kw_only
        if not plain or isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"{cls.__qualname__}.{field.name}: attrs' own __init__ is needed")
        scope[f"set_{field.name}"] = cls.__dict__[field.name].__set__
        if field.default is attrs.NOTHING:
            params.append(field.alias)
        else:
            scope[f"default_{field.name}"] = field.default
            params.append(f"{field.alias}=default_{field.name}")
    source = (
        f"def make({', '.join(scope)}):\n"
        f"    def __init__(self, {', '.join(params)}):\n"
        + "".join(f"        set_{field.name}(self, {field.alias})\n" for field in fields)
        + "    return __init__\n"
    )
    namespace: dict[str, Any] = {}
    code = compile(source, f"<quick init of {cls.__qualname__}>", "exec")
    exec(code, namespace)  # noqa: S102  # source made above of field names, as attrs makes its own
    init = namespace["make"](**scope)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


@_quick_init
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


@_quick_init
@attrs.frozen(repr=False)  # a paragraph can be megabytes: the repr cuts it
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

    def __repr__(self) -> str:
        """``<Text 1110:1225 'Three things we…'>``: the span, then the text (cut to 60
        characters); ``(2 links)`` after it when it holds links."""
        links = f" ({_count_of(len(self.links), 'link')})" if self.links else ""
        return f"<Text {_where(self.span)} {_quote(self.text, _TEXT_ROOM)}{links}>"


class Severity(str, enum.Enum):
    """How much a diagnostic matters."""

    ERROR = "error"
    """Something was not recovered: its lines are in ``Thread.unparsed``."""
    WARNING = "warning"
    """Recovered, but information the page showed is lost or guessed."""
    INFO = "info"
    """A note on how the input was read."""


@_quick_init
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


@attrs.frozen(repr=False)
class Preamble:
    """The post's own text before its link sections (caption, credit, analysis)."""

    paragraphs: tuple[Text, ...] = ()
    """The paragraphs, in order."""
    span: Span | None = None
    """From the first paragraph to the last; None when the thread has no preamble."""

    def __repr__(self) -> str:
        """``<Preamble 0:324, 2 paragraphs: 'Image is of volunteers …'>``: the span,
        the count and the first words."""
        where = f" {_where(self.span)}" if self.span is not None else ""
        count = _count_of(len(self.paragraphs), "paragraph")
        return f"<Preamble{where}, {count}{_opening(self.paragraphs)}>"


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


@attrs.frozen(repr=False)
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

    def __repr__(self) -> str:
        """``<Section 'Organizing' 520:890, level 1, 4 items, 2 sections>``: the title
        (``(untitled)`` for the navigation block), the span and the counts."""
        title = "(untitled)" if self.title is None else _quote(self.title, _TITLE_ROOM)
        counts = [f"level {self.level}", _count_of(len(self.items), "item")]
        if self.sections:
            counts.append(_count_of(len(self.sections), "section"))
        return f"<Section {title} {_where(self.span)}, {', '.join(counts)}>"


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


@_quick_init
@attrs.frozen(eq=False, repr=False)  # both written below, without recursion
class Comment:
    """A comment with its replies.

    ``==`` and ``hash()`` walk the replies with an explicit stack (attrs'
    generated ones recurse, and fail past ~400 levels of replies), ``pickle``
    and ``copy.deepcopy`` see a flat list of the subtree's comments, and
    ``repr()`` is a one-line summary that counts the replies without recursion.
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
        """``<Comment 501 by ada@lemmy.ml, depth 0, +3, 2 replies (5 in all): 'Hi …'>``:
        the id, author, depth, score, flags, replies and first words, on one line."""
        head = "<Comment"
        if self.id is not None:
            head += " " + _plain(self.id, _NAME_ROOM)
        if self.author is not None:
            who = self.author.name
            if self.author.instance:
                who += "@" + self.author.instance
            head += " by " + _plain(who, _NAME_ROOM)
        details = ["missing"] if self.missing else []
        details.append(f"depth {self.depth}")
        if self.score is not None:
            details.append(f"{self.score:+d}")
        details += [flag for flag in ("deleted", "removed") if getattr(self, flag)]
        replies = _count_of(len(self.replies), "reply", "replies")
        below = sum(1 for _ in self.walk()) - 1  # no recursion: walk uses a stack
        details.append(replies + (f" ({below} in all)" if below > len(self.replies) else ""))
        if self.more_replies is not None:
            noun = "reply" if self.more_replies == 1 else "replies"
            details.append(f"{self.more_replies} more {noun} not shown")
        return f"{head}, {', '.join(details)}{_opening(self.paragraphs)}>"

    def __reduce__(self) -> tuple[Callable[[_FlatTree], Comment], tuple[_FlatTree]]:
        # pickle and deepcopy recurse once per object they meet; handing them
        # the subtree as a flat pre-order list keeps them shallow at any depth.
        flat = tuple((_own_fields(comment), len(comment.replies)) for comment in self.walk())
        return _unflatten, (flat,)


_OWN_FIELDS = tuple(field.name for field in attrs.fields(Comment) if field.name != "replies")


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


@attrs.frozen(repr=False)  # a thread can be megabytes: the repr summarizes it
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

    def __repr__(self) -> str:
        """``<Thread lemmy-0.19 'Title': 5 comments (2 top-level), 1 diagnostic>``: the
        dialect, the post's title, the comments, every other part that is not empty,
        the diagnostics; one line, whatever the thread."""
        everything = sum(1 for _ in self.walk())
        comments = _count_of(everything, "comment")
        if not self.nesting:
            comments += " (not nested)"
        elif everything > len(self.comments):
            comments += f" ({len(self.comments)} top-level)"
        parts = [comments]
        if self.more_replies is not None:
            parts.append(f"{self.more_replies} more top-level not shown")
        parts += _post_counts(self.preamble, self.sections)
        parts += _leftover_counts(self.unattributed, self.unparsed, self.chrome)
        parts.append(_count_of(len(self.diagnostics), "diagnostic"))
        return f"<Thread {_heading(self.dialect, self.post)}: {', '.join(parts)}>"


@attrs.frozen(repr=False)
class ThreadHead:
    """What ``iter_thread`` yields first: the post, and the dialect it read."""

    dialect: str
    preamble: Preamble
    sections: tuple[Section, ...]
    post: Post | None = None
    capture: str | None = None
    nesting: bool = True

    def __repr__(self) -> str:
        """``<ThreadHead lemmy-0.19: 2 preamble paragraphs, 3 sections>``: the dialect,
        the post's title where shown, and the count of each part that is not empty."""
        parts = _post_counts(self.preamble, self.sections)
        if not self.nesting:
            parts.append("not nested")
        heading = _heading(self.dialect, self.post)
        return f"<ThreadHead {heading}: {', '.join(parts) or 'no post text'}>"


@attrs.frozen(repr=False)
class ThreadTail:
    """What ``iter_thread`` yields last: what no comment holds, and every diagnostic."""

    unattributed: tuple[Text, ...]
    unparsed: tuple[Text, ...]
    diagnostics: tuple[Diagnostic, ...]
    chrome: tuple[Text, ...] = ()
    more_replies: int | None = None

    def __repr__(self) -> str:
        """``<ThreadTail: 1 unparsed text, 1 diagnostic>``: the count of each part that
        is not empty; the diagnostics are always counted."""
        parts = []
        if self.more_replies is not None:
            parts.append(f"{self.more_replies} more top-level not shown")
        parts += _leftover_counts(self.unattributed, self.unparsed, self.chrome)
        parts.append(_count_of(len(self.diagnostics), "diagnostic"))
        return f"<ThreadTail: {', '.join(parts)}>"


# --- short reprs -----------------------------------------------------------------
# Every piece of input a repr shows is cut to a fixed room, escapes included, so a
# repr's length has a bound whatever the input.

_TEXT_ROOM = 60  # characters of a Text's text
_WORDS_ROOM = 40  # characters of a body's first words
_TITLE_ROOM = 40  # characters of a post's or a section's title
_NAME_ROOM = 60  # characters of a dialect, an id, an author's name@instance


def _count_of(number: int, noun: str, plural: str | None = None) -> str:
    """``1 comment``, ``2 comments``, ``no comments``."""
    if number == 1:
        return f"1 {noun}"
    return f"{number or 'no'} {plural or noun + 's'}"


def _where(span: Span) -> str:
    """A span as the slice it is: ``1110:1225`` for ``text[1110:1225]``."""
    return f"{span.start}:{span.end}"


def _quote(text: str, room: int) -> str:
    """``text`` as a string literal with at most ``room`` characters between its
    quotes, escapes counted: cut, and ``…`` put after the cut, when it has more."""
    if len(text) <= room and len(repr(text)) - 2 <= room:
        return repr(text)
    shown = text[: room - 1]
    while len(repr(shown)) - 2 > room - 1:  # escapes (\n, \x00) took the room
        shown = shown[:-1]
    return repr(shown + "…")


def _plain(text: str, room: int) -> str:
    """``text`` unquoted, escaped and cut as ``_quote`` does: a name kept to one line."""
    return _quote(text, room)[1:-1]


def _opening(paragraphs: tuple[Text, ...]) -> str:
    """``: 'first words …'``: the first paragraph's first line, cut after a word
    within ``_WORDS_ROOM`` characters; `` …`` marks that the body goes on. Empty
    for no paragraphs."""
    if not paragraphs:
        return ""
    text = paragraphs[0].text
    line = text[: _WORDS_ROOM + 1].split("\n", 1)[0]
    if len(line) > _WORDS_ROOM:
        line = line[:_WORDS_ROOM]
        space = line.rfind(" ")
        if space > _WORDS_ROOM // 2:  # else one long word (a URL): cut inside it
            line = line[:space]
    if len(line) < len(text) or len(paragraphs) > 1:
        line = line.rstrip() + " …"
    return ": " + _quote(line, _WORDS_ROOM + 2)


def _heading(dialect: str, post: Post | None) -> str:
    """The dialect, then the post's title where the input shows one."""
    heading = _plain(dialect, _NAME_ROOM)
    if post is not None and post.title is not None:
        heading += " " + _quote(post.title, _TITLE_ROOM)
    return heading


def _post_counts(preamble: Preamble, sections: tuple[Section, ...]) -> list[str]:
    """The post's parts that are not empty, counted."""
    parts = []
    if preamble.paragraphs:
        parts.append(_count_of(len(preamble.paragraphs), "preamble paragraph"))
    if sections:
        parts.append(_count_of(len(sections), "section"))
    return parts


def _leftover_counts(
    unattributed: tuple[Text, ...], unparsed: tuple[Text, ...], chrome: tuple[Text, ...]
) -> list[str]:
    """What no comment holds, counted where not empty, named as the fields are."""
    counted = (
        (unattributed, "unattributed text"),
        (unparsed, "unparsed text"),
        (chrome, "chrome line"),
    )
    return [_count_of(len(texts), noun) for texts, noun in counted if texts]
