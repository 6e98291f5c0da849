"""Reddit JSON (dialect ``reddit-json``): a thread's ``.json``, ``/api/morechildren``
answers, Pushshift search results and Pushshift / Arctic Shift dump lines.

The input is one JSON value or several in a row (a thread followed by the
morechildren answers fetched for it; a dump's lines). Each is one of::

    thread       [LISTING(t3 POST), LISTING(t1 COMMENT | more STUB, ...)]
                 (a thread page's ``.json``, or a comment's permalink view)
    morechildren {"json": {"errors": [], "data": {"things": [COMMENT | STUB, ...]}}}
    search       {"data": [COMMENT_DATA | POST_DATA, ...]}          (Pushshift)
    dump line    COMMENT_DATA | POST_DATA                           (Pushshift, Arctic Shift)

    LISTING      {"kind": "Listing", "data": {"children": [THING, ...], "after", ...}}
    COMMENT      {"kind": "t1", "data": COMMENT_DATA}
    COMMENT_DATA {"id", "parent_id": "t1_ID" | "t3_ID", "link_id": "t3_ID", "author",
                  "body" (markdown), "body_html"?, "score"? (or "ups" - "downs", 2012),
                  "score_hidden"?, "created_utc" (a number, or a string in some dumps),
                  "edited": false | TIME, "distinguished"?, "permalink"?, "depth"?,
                  "replies": "" | LISTING}
    STUB         {"kind": "more", "data": {"id", "parent_id", "count"?, "children": [ID, ...]}}
                 "continue this thread": id "_", count 0, no children
    POST         {"kind": "t3", "data": POST_DATA}
    POST_DATA    {"id", "title", "author", "selftext" (markdown), "url", "is_self",
                  "subreddit", "score", "num_comments", "created_utc", "permalink"}

Tree: in a thread, a comment's parent is the comment whose ``replies`` hold
it (its ``parent_id`` must agree; where it does not, the nesting is kept and
TP402 says so). Flat forms (morechildren, search, dumps) name the parent by
``parent_id``; a parent that is not in the input gets a placeholder (see
``core/records.py``), a parent that is the post makes a top-level comment.

Stubs: a stub's ``count`` (the 2012 API had none: its ``children``) is the
comments it holds back; those of its ``children`` that are in the input (a
morechildren answer given after the thread) are no longer missing. What is
left is ``more_replies`` on the stub's parent comment, or ``Thread.more_replies``
for the post; TP405 counts them. "Continue this thread" holds an unknown
number of replies: TP405 names the comment.

Text: bodies are markdown. Reddit HTML-escapes ``&``, ``<`` and ``>`` in
``body`` unless the request asked ``raw_json=1`` (then ``body_html`` starts
with ``<``); escaped bodies are unescaped before reading, with spans still on
the escaped source. ``[deleted]`` and ``[removed]`` bodies set ``deleted`` and
``removed`` and hold no paragraph; a ``[deleted]`` author is kept as that name,
with no username.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import datetime, timezone

import attrs
import regex

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.jsonfields import Fields, Relocation, read_values
from threadparse.core.jsontree import (
    DecodedString,
    Node,
    decode_string,
    scalar,
)
from threadparse.core.markdown import read_post
from threadparse.core.models import (
    Author,
    Comment,
    Community,
    Post,
    Preamble,
    Section,
    Span,
    Text,
    Thread,
)
from threadparse.core.records import Record, build_tree
from threadparse.core.walk import rebuild

DIALECT = "reddit-json"
SITE = "https://www.reddit.com"
_GONE = {"[deleted]": "deleted", "[removed]": "removed"}
_ENTITY = regex.compile(r"&(?:amp|lt|gt|quot|#39|#x27);")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'"}
_PREFIX = regex.compile(r"t[0-9]_")


# -- Detection ----------------------------------------------------------------------


def is_reddit(value: object) -> bool:
    """Is a decoded JSON value one of the Reddit forms (its first value is enough)?"""
    if isinstance(value, list):
        return bool(value) and isinstance(value[0], dict) and value[0].get("kind") == "Listing"
    if not isinstance(value, dict):
        return False
    if value.get("kind") in ("Listing", "t1", "t3", "more"):
        return True
    inner = value.get("json")
    if isinstance(inner, dict) and isinstance(inner.get("data"), dict):
        return "things" in inner["data"]
    data = value.get("data")
    if isinstance(data, list):
        return all(isinstance(item, dict) and _is_record(item) for item in data[:5])
    return _is_record(value)


def _is_record(value: dict[str, object]) -> bool:
    """A comment's or post's data as dumps hold it: with its subreddit, or a
    comment cut down to a few columns that still names its thread by
    Reddit's fullname (``"link_id": "t3_..."``)."""
    if "subreddit" in value and ("link_id" in value or "title" in value):
        return True
    return _names_a_thread(value.get("link_id"))


def _names_a_thread(link: object) -> bool:
    """Is a ``link_id`` Reddit's fullname of a thread (``t3_...``)?"""
    return isinstance(link, str) and link.startswith("t3_")


# -- Reading ------------------------------------------------------------------------


def parse_reddit(text: str, *, max_depth: int | None, diagnostics: Diagnostics) -> Thread:
    """Read Reddit JSON into a Thread (dialect ``reddit-json``)."""
    reader = _Reader(Fields(text, diagnostics))
    for value in read_values(reader.fields):
        reader.value(value)
    return reader.thread(max_depth)


@attrs.frozen
class _Stub:
    """A ``more`` stub: whose replies it holds back, how many, and which."""

    parent: str | None  #: the comment's id; None for the post
    count: int
    children: tuple[str, ...]
    span: Span
    continues: bool  #: "continue this thread": the number is not given


class _Reader:
    """The values of one input, read in order into one thread."""

    def __init__(self, fields: Fields) -> None:
        self.fields = fields
        self.post: Post | None = None
        self.post_id: str | None = None
        self.op: str | None = None
        self.preamble = Preamble()
        self.sections: tuple[Section, ...] = ()
        self.records: list[Record] = []
        self.stubs: list[_Stub] = []

    def not_read(self, span: Span, message: str) -> None:
        self.fields.not_read(span, message)

    def value(self, value: Node) -> None:
        if value.kind == "array":
            listings = value.items()
            if listings and all(_kind(self.fields, item) == "Listing" for item in listings):
                for listing in listings:
                    self.things(_children(listing), nested=True)
                return
        elif value.kind == "object":
            kind = _kind(self.fields, value)
            inner = value.get("json")
            data = value.get("data")
            if kind == "Listing":
                self.things(_children(value), nested=True)
                return
            if kind is not None and data is not None and data.kind == "object":
                self.things([value], nested=False)  # one thing (an unknown kind is said)
                return
            if inner is not None and inner.kind == "object":
                things = inner.get("data")
                listed = things.get("things") if things is not None else None
                if listed is not None and listed.kind == "array":
                    self.things(listed.items(), nested=False)
                    return
            if data is not None and data.kind == "array":
                for item in data.items():
                    self.record(item, Span(item.start, item.end))
                return
            link = scalar(self.fields.text, value.get("link_id"))
            if value.get("subreddit") is not None or _names_a_thread(link):
                self.record(value, Span(value.start, value.end))
                return
        self.not_read(
            Span(value.start, value.end),
            "JSON that is not Reddit's: no Listing, morechildren things, Pushshift data or comment",
        )

    def record(self, data: Node, span: Span) -> None:
        """A dump's or a search's object: a comment, or a post (it has a title)."""
        if data.kind != "object":
            self.not_read(span, "an entry that is not an object: not placed")
        elif data.get("title") is not None and data.get("link_id") is None:
            self.submission(data, span)
        else:
            self.comment(data, span, enclosing=None, nested=False)

    def things(self, things: Sequence[Node], *, nested: bool) -> None:
        """Things in page order; nested ``replies`` walked with an explicit stack."""
        stack: list[tuple[Node, str | None]] = [(thing, None) for thing in reversed(things)]
        while stack:
            thing, enclosing = stack.pop()
            kind = _kind(self.fields, thing)
            data = thing.get("data")
            span = Span(thing.start, thing.end)
            if data is None or data.kind != "object":
                self.not_read(span, "a thing without its data object: not placed")
            elif kind == "t3":
                self.submission(data, span)
            elif kind == "more":
                self.stub(data, span, enclosing, nested=nested)
            elif kind == "t1":
                own = self.comment(data, span, enclosing, nested=nested)
                replies = data.get("replies")
                if own is not None and replies is not None and replies.kind == "object":
                    stack.extend((reply, own) for reply in reversed(_children(replies)))
            else:
                self.not_read(span, f"a Reddit thing of kind {kind!r}: not placed")

    def submission(self, data: Node, span: Span) -> None:
        fields = self.fields
        post_id = fields.string(data, "id")
        if self.post is not None:
            if post_id == self.post_id:
                return  # the same post again (the thread and a later page of it)
            self.not_read(span, "a second post in one input: a thread holds one post")
            return
        author = fields.string(data, "author")
        self.op = author if author not in _GONE else None
        url = fields.string(data, "url")
        is_self = fields.flag(data, "is_self")
        subreddit = fields.string(data, "subreddit")
        title = fields.string(data, "title")
        self.post_id = post_id
        self.post = Post(
            title=title if title is None else _unescape_text(title),
            author=None if author is None else _author(author, op=False, distinguished=None),
            community=None if subreddit is None else Community(subreddit, None, "reddit.com"),
            url=None if is_self else url,
            domain=None if is_self else fields.string(data, "domain"),
            language=None,
            time=None,
            score=_votes(fields, data)[0],
            upvotes=None,
            downvotes=None,
            comment_count=fields.integer(data, "num_comments"),
            embed=(),
            span=span,
            id=post_id,
            published=_moment(fields, data, "created_utc"),
        )
        body = fields.of_kind(data.get("selftext"), "string", "selftext")
        if body is not None:
            source = _source(fields, body, escaped=_escaped(fields, data, "selftext_html"))
            (preamble, sections), rendered = read_post(source.value, flavor="reddit")
            if not rendered:
                fields.report_plain(source)
            move = Relocation(source)
            self.preamble = attrs.evolve(
                preamble,
                paragraphs=tuple(move.text(p) for p in preamble.paragraphs),
                span=None if preamble.span is None else move.span(preamble.span),
            )
            self.sections = tuple(move.section(s) for s in sections)

    def comment(self, data: Node, span: Span, enclosing: str | None, *, nested: bool) -> str | None:
        fields = self.fields
        comment_id = fields.string(data, "id")
        if comment_id is None:
            self.not_read(span, "a comment without an id: not placed")
            return None
        parent = _strip(fields.string(data, "parent_id"))
        parent_is_post = (fields.string(data, "parent_id") or "").startswith("t3_")
        named = None if parent_is_post else parent
        if nested and named != enclosing and fields.string(data, "parent_id") is not None:
            fields.diagnostics.report(
                "TP402",
                f"comment {comment_id}'s parent_id names {named or 'the post'}, but it is "
                f"listed under {enclosing or 'the post'}: the nesting is kept",
                span,
            )
        above = enclosing if nested else named
        author = fields.string(data, "author")
        body = fields.of_kind(data.get("body"), "string", "body")
        shown = None if body is None else scalar(fields.text, body)
        gone = _GONE.get(shown) if isinstance(shown, str) else None
        hidden = fields.flag(data, "score_hidden")
        score, upvotes, downvotes = (None, None, None) if hidden else _votes(fields, data)
        edited, edited_at = _edited(fields, data)
        comment = Comment(
            author=None
            if author is None
            else _author(
                author,
                op=author == self.op,
                distinguished=fields.string(data, "distinguished"),
            ),
            score=score,
            upvotes=upvotes,
            downvotes=downvotes,
            language=None,
            time=None,
            published=_moment(fields, data, "created_utc"),
            updated=edited_at,
            edited=edited,
            deleted=gone == "deleted",
            removed=gone == "removed",
            more_replies=None,
            depth=0,
            paragraphs=() if gone or body is None else self.body(data, body),
            replies=(),
            span=span,
            id=comment_id,
            parent_id=above,
            post_id=_strip(fields.string(data, "link_id")),
            url=_permalink(fields, data, comment_id),
        )
        self.records.append(Record(comment_id, () if above is None else (above,), None, comment))
        return comment_id

    def body(self, data: Node, body: Node) -> tuple[Text, ...]:
        source = _source(self.fields, body, escaped=_escaped(self.fields, data, "body_html"))
        return self.fields.markdown(source, flavor="reddit")

    def stub(self, data: Node, span: Span, enclosing: str | None, *, nested: bool) -> None:
        fields = self.fields
        listed = data.get("children")
        values = [scalar(fields.text, child) for child in listed.items()] if listed else []
        children = tuple(value for value in values if isinstance(value, str))
        count = fields.integer(data, "count")
        parent_text = fields.string(data, "parent_id")
        parent = (
            enclosing
            if nested
            else (None if (parent_text or "").startswith("t3_") else _strip(parent_text))
        )
        stub_id = fields.string(data, "id")
        self.stubs.append(
            _Stub(
                parent=parent,
                count=len(children) if count is None else count,
                children=children,
                span=span,
                continues=stub_id == "_" and not children,
            )
        )

    def thread(self, max_depth: int | None) -> Thread:
        comments = build_tree(self.records, max_depth, self.fields.diagnostics)
        comments, top = self._more(comments)
        return Thread(
            dialect=DIALECT,
            preamble=self.preamble,
            sections=self.sections,
            comments=comments,
            unattributed=(),
            unparsed=tuple(self.fields.unparsed),
            diagnostics=self.fields.diagnostics.sorted(),
            post=self.post,
            more_replies=top,
        )

    def _more(self, comments: tuple[Comment, ...]) -> tuple[tuple[Comment, ...], int | None]:
        """The stubs' counts as ``more_replies``, less the children the input holds."""
        found = _found_per_stub(comments, self.stubs)
        missing: dict[str | None, int] = {}
        held = 0
        for number, stub in enumerate(self.stubs):
            left = max(0, stub.count - found[number])
            if left:
                missing[stub.parent] = missing.get(stub.parent, 0) + left
                held += left
            if stub.continues:
                self.fields.diagnostics.report(
                    "TP405",
                    f"comment {stub.parent}'s replies continue on another page (\"continue "
                    'this thread"): how many is not in the input',
                    stub.span,
                )
        counted = [s for s in self.stubs if not s.continues]
        if counted:
            self.fields.diagnostics.report(
                "TP405",
                f"{len(counted)} 'more' stub{'s hold' if len(counted) > 1 else ' holds'} back "
                f"{held} comment{'s' if held != 1 else ''} not in the input: counted in "
                "more_replies",
                counted[0].span,
            )
        top = missing.pop(None, None)
        if not missing:
            return comments, top
        return _with_more(comments, missing), top


def _found_per_stub(comments: tuple[Comment, ...], stubs: Sequence[_Stub]) -> list[int]:
    """Per stub, the comments of the input it no longer holds back: those it
    lists and their replies, each comment once (a stub may list a comment and
    its reply both); a comment listed by two stubs counts for the nearer.
    Placeholders count nothing."""
    listed: dict[str, int] = {}
    for number, stub in enumerate(stubs):
        for child in stub.children:
            listed.setdefault(child, number)
    found = [0] * len(stubs)
    stack: list[tuple[Comment, int | None]] = [(c, None) for c in reversed(comments)]
    while stack:
        comment, owner = stack.pop()
        if not comment.missing:
            if comment.id is not None:
                owner = listed.get(comment.id, owner)
            if owner is not None:
                found[owner] += 1
        stack.extend((reply, owner) for reply in reversed(comment.replies))
    return found


def _with_more(
    comments: tuple[Comment, ...], missing: dict[str | None, int]
) -> tuple[Comment, ...]:
    """The trees with ``more_replies`` set from ``missing`` (by comment id)."""

    def make(comment: Comment, replies: tuple[Comment, ...]) -> Comment:
        extra = missing.get(comment.id) if comment.id is not None and not comment.missing else None
        more = comment.more_replies if extra is None else (comment.more_replies or 0) + extra
        return attrs.evolve(comment, replies=replies, more_replies=more)

    return rebuild(comments, _replies, make)


def _replies(comment: Comment) -> tuple[Comment, ...]:
    return comment.replies


# -- Fields -------------------------------------------------------------------------


def _kind(fields: Fields, thing: Node) -> str | None:
    return fields.string(thing, "kind") if thing.kind == "object" else None


def _children(listing: Node) -> list[Node]:
    data = listing.get("data")
    children = data.get("children") if data is not None else None
    return children.items() if children is not None else []


def _strip(name: str | None) -> str | None:
    """``t1_abc`` -> ``abc``: Reddit's fullname to its id."""
    if name is None:
        return None
    return name[3:] if _PREFIX.match(name) else name


def _votes(fields: Fields, data: Node) -> tuple[int | None, int | None, int | None]:
    """Score, upvotes and downvotes. The score alone, as Reddit shows it (its
    ``ups`` and ``downs`` are fuzzed, or ``downs`` is always 0); the 2012 API gave
    no score, and then its ``ups`` and ``downs`` are the votes it showed."""
    score = fields.integer(data, "score")
    if score is not None:
        return score, None, None
    ups, downs = fields.integer(data, "ups"), fields.integer(data, "downs")
    if ups is None:
        return None, None, None
    return ups - (downs or 0), ups, downs or 0


def _moment(fields: Fields, data: Node, name: str) -> datetime | None:
    """An epoch time: a number, or a number in a string (some dumps); false is none."""
    node = data.get(name)
    if node is None:
        return None
    value = scalar(fields.text, node)
    if value is None or value is False:
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            value = None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fields.diagnostics.report(
            "TP402", f"{name} is not an epoch time: ignored", Span(node.start, node.end)
        )
        return None
    try:
        return datetime.fromtimestamp(value, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        fields.diagnostics.report(
            "TP402", f"{name} {value!r} is out of range: ignored", Span(node.start, node.end)
        )
        return None


def _edited(fields: Fields, data: Node) -> tuple[bool, datetime | None]:
    """``edited``: false, or when (a number), or true in some old records."""
    node = data.get("edited")
    value = None if node is None else scalar(fields.text, node)
    if value is None or value is False:
        return False, None
    if value is True:
        return True, None
    return True, _moment(fields, data, "edited")


def _author(name: str, *, op: bool, distinguished: str | None) -> Author:
    badges = tuple(
        badge
        for badge, shown in (
            ("OP", op),
            ("M", distinguished == "moderator"),
            ("A", distinguished == "admin"),
        )
        if shown
    )
    if name in _GONE:
        return Author(name, name, None, (), badges)
    return Author(
        name=name,
        display_name=name,
        instance=None,
        pronouns=(),
        badges=badges,
        username=name,
        url=f"{SITE}/user/{name}",
    )


def _permalink(fields: Fields, data: Node, comment_id: str) -> str | None:
    permalink = fields.string(data, "permalink")
    if permalink is not None:
        return SITE + permalink if permalink.startswith("/") else permalink
    link = _strip(fields.string(data, "link_id"))
    return None if link is None else f"{SITE}/comments/{link}/_/{comment_id}/"


def _escaped(fields: Fields, data: Node, html_name: str) -> bool:
    """Is the markdown HTML-escaped? Not when the request asked raw_json=1, which
    shows in its HTML beside it starting with a raw ``<``."""
    rendered = fields.string(data, html_name)
    return rendered is None or not rendered.lstrip().startswith("<")


# -- Text -----------------------------------------------------------------------------


def _source(fields: Fields, node: Node, *, escaped: bool) -> DecodedString:
    decoded = decode_string(fields.text, node)
    return _unescape(decoded) if escaped else decoded


def _unescape(decoded: DecodedString) -> DecodedString:
    """``&amp;`` and its kin decoded, each character still mapped to where its
    source starts in the text."""
    if "&" not in decoded.value:
        return decoded
    chars: list[str] = []
    offsets = array("q")
    position = 0
    value = decoded.value
    for match in _ENTITY.finditer(value):
        chars.append(value[position : match.start()])
        offsets.extend(decoded.offsets[position : match.start()])
        chars.append(_ENTITIES[match.group()])
        offsets.append(decoded.offsets[match.start()])
        position = match.end()
    chars.append(value[position:])
    offsets.extend(decoded.offsets[position:])  # through the closing quote's offset
    return DecodedString("".join(chars), offsets)


def _unescape_text(value: str) -> str:
    return _ENTITY.sub(lambda match: _ENTITIES[match.group()], value)
