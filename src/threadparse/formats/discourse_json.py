"""Discourse JSON (dialect ``discourse-json``): a topic's ``/t/ID.json`` and its
``/t/ID/posts.json`` pages.

The input is one JSON value or several in a row (a topic followed by the
``posts.json`` pages fetched for the posts its first page left out). Each is::

    topic      {"id", "title", "fancy_title"?, "posts_count", "created_at", "slug",
                "post_stream": {"posts": [POST, ...], "stream": [POST_ID, ...]},
                "details"?: {"created_by": {"username", ...}, ...}, ...}
    posts page {"post_stream": {"posts": [POST, ...]}, "id"?}   (/t/ID/posts.json)
    posts      {"posts": [POST, ...]}                           (a list of posts alone)

    POST       {"id", "post_number", "reply_to_post_number": null | NUMBER,
                "username", "name", "cooked" (HTML), "created_at", "updated_at",
                "version", "reply_count", "post_type" (1 regular, 2 moderator action,
                3 small action, 4 whisper), "action_code"?, "deleted_at", "hidden",
                "user_deleted", "actions_summary": [{"id": 2, "count"?}, ...],
                "like_count"?, "moderator", "admin", "topic_id", ...}

Post 1 is the topic's own post: ``Thread.post`` (the topic's title, the
post's author and time) and its ``cooked`` body as the preamble. Moderator
actions and small actions (post types 2 and 3: "This topic is now pinned",
"closed", "split this topic") are the forum's notes, not anyone's comment:
their text (the ``cooked`` paragraphs, else the ``action_code``) goes to
``Thread.chrome``. Regular posts and whispers are comments.

Tree: a post's parent is the post whose ``post_number`` is its
``reply_to_post_number``; null and 1 (a reply to the topic's post) make a
top-level comment. A parent number that is not in the input gets a
placeholder (``core/records.py``); its id is ``#`` and the number (the input
does not give the missing post's id). A reply to an action is top-level.

Partial input: ``stream`` lists every post id of the topic, in order; the ids
none of the values hold are the posts the input lacks: ``Thread.more_replies``
and TP405.

Score: the likes (``actions_summary`` entry 2's ``count``, 0 when the entry
has none; else ``like_count``). Discourse's own ``score`` is a ranking of
reads, likes and links, not votes: it is not read.
"""

from __future__ import annotations

import html

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.jsonfields import Fields, read_values
from threadparse.core.jsontree import Node, scalar
from threadparse.core.models import (
    Author,
    Comment,
    Post,
    Preamble,
    Span,
    Text,
    Thread,
)
from threadparse.core.records import Record, build_tree

DIALECT = "discourse-json"
_REGULAR, _MODERATOR_ACTION, _SMALL_ACTION, _WHISPER = 1, 2, 3, 4


# -- Detection ----------------------------------------------------------------------


def is_discourse(value: object) -> bool:
    """Is a decoded JSON value a Discourse topic or posts page (its first value is enough)?"""
    if not isinstance(value, dict):
        return False
    stream = value.get("post_stream")
    if isinstance(stream, dict) and isinstance(stream.get("posts"), list):
        return True
    posts = value.get("posts")
    return (
        isinstance(posts, list)
        and bool(posts)
        and isinstance(posts[0], dict)
        and "post_number" in posts[0]
        and "cooked" in posts[0]
    )


# -- Reading ------------------------------------------------------------------------


def parse_discourse(text: str, *, max_depth: int | None, diagnostics: Diagnostics) -> Thread:
    """Read Discourse JSON into a Thread (dialect ``discourse-json``)."""
    reader = _Reader(Fields(text, diagnostics))
    for value in read_values(reader.fields):
        reader.value(value)
    return reader.thread(max_depth)


@attrs.frozen
class _Entry:
    """A post read, before the tree: its number, whom it answers, its comment."""

    number: int | None
    answers: int | None
    comment: Comment


class _Reader:
    def __init__(self, fields: Fields) -> None:
        self.fields = fields
        self.topic: Node | None = None  #: the first value with a title
        self.topic_id: str | None = None
        self.first: Node | None = None  #: post 1's object
        self.entries: list[_Entry] = []
        self.actions: set[int] = set()  #: post numbers of moderator and small actions
        self.chrome: list[Text] = []
        self.seen: set[str] = set()  #: post ids read
        self.stream: list[str] = []
        self.stream_span: Span | None = None
        self.op: tuple[str | None] | None = None  #: the first post's username, once read

    def value(self, value: Node) -> None:
        fields = self.fields
        if value.kind == "object":
            stream = value.get("post_stream")
            posts = stream.get("posts") if stream is not None else value.get("posts")
            if posts is not None and posts.kind == "array":
                if self.topic is None and value.get("title") is not None:
                    self.topic = value
                if self.topic_id is None:
                    self.topic_id = _id(fields, value, "id")
                for post in posts.items():
                    self.post(post)
                self.read_stream(None if stream is None else stream.get("stream"))
                return
        fields.not_read(
            Span(value.start, value.end),
            "JSON that is not Discourse's: no post_stream and no posts list",
        )

    def read_stream(self, node: Node | None) -> None:
        if node is None or self.stream_span is not None:
            return  # the first stream is the topic's: later pages repeat none
        listed = self.fields.of_kind(node, "array", "stream")
        if listed is None:
            return
        self.stream_span = Span(node.start, node.end)
        for item in listed.items():
            value = scalar(self.fields.text, item)
            if isinstance(value, int) and not isinstance(value, bool):
                self.stream.append(str(value))

    def post(self, node: Node) -> None:
        fields = self.fields
        span = Span(node.start, node.end)
        if node.kind != "object":
            fields.not_read(span, "a post that is not an object: not placed")
            return
        post_id = _id(fields, node, "id")
        number = fields.integer(node, "post_number")
        if post_id is None:
            fields.not_read(span, "a post without an id: not placed")
            return
        if post_id in self.seen and number == 1:
            return  # the topic's post again (a posts page repeats it)
        self.seen.add(post_id)
        if self.topic_id is None:
            self.topic_id = _id(fields, node, "topic_id")
        kind = fields.integer(node, "post_type")
        if kind in (_MODERATOR_ACTION, _SMALL_ACTION):
            if number is not None:
                self.actions.add(number)
            self.action(node)
            return
        if number == 1 and self.first is None:
            self.first = node
            return
        answers = fields.integer(node, "reply_to_post_number")
        self.entries.append(_Entry(number, answers, self.comment(node, post_id, span)))

    def action(self, node: Node) -> None:
        """A moderator's or the forum's note: its text, else its action code."""
        texts = self.fields.html(node, "cooked")
        if texts:
            self.chrome.extend(texts)
            return
        code = self.fields.of_kind(node.get("action_code"), "string", "action_code")
        shown = None if code is None else self.fields.plain(code)
        if shown is not None:
            self.chrome.append(shown)

    def comment(self, node: Node, post_id: str, span: Span) -> Comment:
        fields = self.fields
        edited = (fields.integer(node, "version") or 1) > 1
        deleted_at = fields.string(node, "deleted_at")
        by_author = fields.flag(node, "user_deleted")
        return Comment(
            author=self.author(node),
            score=_likes(fields, node),
            upvotes=None,
            downvotes=None,
            language=None,
            time=None,
            published=fields.moment(node, "created_at"),
            updated=fields.moment(node, "updated_at") if edited else None,
            edited=edited,
            deleted=by_author,
            removed=not by_author and (deleted_at is not None or fields.flag(node, "hidden")),
            more_replies=None,
            depth=0,
            paragraphs=fields.html(node, "cooked"),
            replies=(),
            span=span,
            id=post_id,
            parent_id=None,
            post_id=_id(fields, node, "topic_id") or self.topic_id,
        )

    def author(self, node: Node) -> Author | None:
        fields = self.fields
        username = fields.string(node, "username")
        if username is None:
            return None
        name = fields.string(node, "name") or username
        op = self.first is not None and self.op_username() == username
        badges = tuple(
            badge
            for badge, shown in (
                ("OP", op and node is not self.first),
                ("M", fields.flag(node, "moderator")),
                ("A", fields.flag(node, "admin")),
            )
            if shown
        )
        return Author(name, name, None, (), badges, username=username)

    def op_username(self) -> str | None:
        """The first post's username, read once (a post's object may be large)."""
        if self.op is None and self.first is not None:
            self.op = (self.fields.string(self.first, "username"),)
        return None if self.op is None else self.op[0]

    def thread(self, max_depth: int | None) -> Thread:
        fields = self.fields
        by_number = {e.number: e.comment.id for e in self.entries if e.number is not None}
        records = []
        for entry in self.entries:
            number = entry.answers
            parent: str | None = None
            if number is not None and number != 1 and number not in self.actions:
                parent = by_number.get(number, f"#{number}")
            comment = attrs.evolve(entry.comment, parent_id=parent)
            assert comment.id is not None
            records.append(Record(comment.id, () if parent is None else (parent,), None, comment))
        comments = build_tree(records, max_depth, fields.diagnostics)
        post, preamble = self.post_of()
        more = self.missing()
        return Thread(
            dialect=DIALECT,
            preamble=preamble,
            sections=(),
            comments=comments,
            unattributed=(),
            unparsed=tuple(fields.unparsed),
            diagnostics=fields.diagnostics.sorted(),
            post=post,
            chrome=tuple(sorted(self.chrome, key=lambda t: t.span.start)),
            more_replies=more,
        )

    def missing(self) -> int | None:
        """Posts the stream lists that no value holds (TP405)."""
        lacking = sum(1 for post_id in self.stream if post_id not in self.seen)
        if not lacking or self.stream_span is None:
            return None
        self.fields.diagnostics.report(
            "TP405",
            f"the topic's stream lists {len(self.stream)} posts and the input holds "
            f"{len(self.stream) - lacking}: {lacking} not in the input (fetch "
            "/t/ID/posts.json?post_ids[]=... for them), counted in more_replies",
            self.stream_span,
        )
        return lacking

    def post_of(self) -> tuple[Post | None, Preamble]:
        fields = self.fields
        topic, first = self.topic, self.first
        if topic is None and first is None:
            return None, Preamble()
        title = fields.string(topic, "title")
        if title is None:
            fancy = fields.string(topic, "fancy_title")
            title = None if fancy is None else html.unescape(fancy)
        if first is not None:
            span = Span(first.start, first.end)
            author = self.author(first)
            published = fields.moment(first, "created_at")
            score = _likes(fields, first)
            paragraphs = fields.html(first, "cooked")
        else:
            assert topic is not None
            named = topic.get("title") or topic.get("fancy_title")
            span = Span(topic.start, topic.start) if named is None else Span(named.start, named.end)
            creator = topic.get("details")
            creator = None if creator is None else creator.get("created_by")
            username = fields.string(creator, "username")
            author = (
                None if username is None else Author(username, username, None, (), (), username)
            )
            published, score, paragraphs = fields.moment(topic, "created_at"), None, ()
        count = fields.integer(topic, "posts_count")
        post = Post(
            title=title,
            author=author,
            community=None,
            url=None,
            domain=None,
            language=None,
            time=None,
            score=score,
            upvotes=None,
            downvotes=None,
            comment_count=None if count is None else max(0, count - 1),
            embed=(),
            span=span,
            id=self.topic_id,
            published=published,
        )
        preamble = Preamble(
            paragraphs,
            Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None,
        )
        return post, preamble


def _id(fields: Fields, node: Node | None, name: str) -> str | None:
    """An id as a string: Discourse writes numbers (a string is taken as it is)."""
    value = scalar(fields.text, None if node is None else node.get(name))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return fields.string(node, name)


def _likes(fields: Fields, node: Node) -> int | None:
    summary = node.get("actions_summary")
    for action in summary.items() if summary is not None else ():
        if action.kind == "object" and fields.integer(action, "id") == 2:
            return fields.integer(action, "count") or 0
    return fields.integer(node, "like_count")
