"""Hacker News JSON (dialect ``hn-json``): Algolia's ``items/ID`` and the
official Firebase API's ``item/ID.json``.

The input is one JSON value or several in a row (JSON Lines); a value is an
item, or an array of items. An item is one of::

    algolia   {"id", "created_at", "created_at_i", "type", "author", "title", "url",
               "text" (HTML), "points", "parent_id", "story_id", "options",
               "children": [ALGOLIA, ...]}            (hn.algolia.com/api/v1/items/ID)
    firebase  {"id", "by", "time", "type", "text" (HTML), "parent", "kids": [ID, ...],
               "score", "title", "url", "descendants", "parts", "poll",
               "deleted": true, "dead": true}          (hacker-news.firebaseio.com/v0/item/ID.json)

    type      "story" | "job" | "poll" (THE POST) | "comment" | "pollopt"

Tree: an Algolia item's ``children`` are its replies, nested, in Algolia's
order (by time), not the ranked order the site shows (a ``parent_id`` that
disagrees with the nesting is said with TP402; the nesting is kept). A
Firebase item names its parent by ``parent``; the tree is built from those
links (``core/records.py``), siblings in the order of the parent's ``kids``
(the site's ranking) where the parent is in the input, else in input order.
A comment whose parent is the story is a top-level comment (``parent_id``
None). A parent that is not in the input: when the input holds the story,
it is a missing comment and gets a placeholder (TP401); when it does not (a
comment item, or comments fetched without their story), the comment is a
top-level comment and keeps its ``parent_id``: the parent may be the story,
and no placeholder is invented for it.

The post: the item of type story, job or poll (``Thread.post``: title, url
and its host as the site prints it, ``www.`` dropped; author; ``points`` or
``score``; ``descendants`` as the comment count; the time). Its ``text``
(Ask HN, a job) is the preamble. Poll options (``pollopt`` items) are
preamble paragraphs, their text with the votes after it. A second post in one
input is not read (TP902), nor is an item without an id: each is kept
unparsed whole, the replies nested in it with it.

Deleted and dead: a deleted comment (Algolia: ``author`` and ``text`` null;
Firebase: ``"deleted": true``) stays in the tree with ``deleted`` True and no
author or text. Algolia leaves out the replies of some deleted comments: the
input cannot show which, so nothing is said. A dead comment (Firebase:
``"dead": true``, killed by flags or moderators: the site shows it as
``[dead]`` to readers who turned ``showdead`` on) is ``removed`` True, and
its text is kept: the API still gives it.

Missing replies: a Firebase item's ``kids`` that are not in the input are
its ``more_replies`` (the story's: ``Thread.more_replies``), counted by one
TP405. Algolia gives every reply it has.

Text: ``text`` is HTML (``<p>`` between paragraphs, ``<a href>``, ``<i>``,
``<pre><code>``); it is read as a page shows it (``core/html.py``), each
paragraph's span moved back into the JSON string it was decoded from.
Comment scores: the API gives none today (Algolia's ``points`` is null); the
oldest comments (2006-2007) have ``points``, read as the score.
"""

from __future__ import annotations

from datetime import datetime, timezone

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.hackernews import SITE, hn_author
from threadparse.core.jsonfields import Fields, read_values
from threadparse.core.jsontree import Node, scalar
from threadparse.core.models import Comment, Post, Preamble, Span, Text, Thread
from threadparse.core.records import Record, build_tree
from threadparse.core.urls import host_of
from threadparse.core.walk import rebuild

DIALECT = "hn-json"
#: Item types that are a thread's post.
POST_TYPES = ("story", "job", "poll")
#: Every item type the API has.
TYPES = (*POST_TYPES, "comment", "pollopt")
_FIREBASE_KEYS = ("by", "kids", "parent", "descendants")
_ALGOLIA_KEYS = ("story_id", "created_at_i", "parent_id")


# -- Detection ----------------------------------------------------------------------


def is_hn(value: object) -> bool:
    """Is a decoded JSON value a Hacker News item, or an array starting with one?"""
    if isinstance(value, list):
        return bool(value) and is_hn(value[0]) and not isinstance(value[0], list)
    if not isinstance(value, dict):
        return False
    if value.get("type") not in TYPES:
        return False
    if isinstance(value.get("children"), list) and any(k in value for k in _ALGOLIA_KEYS):
        return True
    item_id = value.get("id")
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        return False
    return any(key in value for key in _FIREBASE_KEYS) or value.get("deleted") is True


# -- Reading ------------------------------------------------------------------------


def parse_hn_json(text: str, *, max_depth: int | None, diagnostics: Diagnostics) -> Thread:
    """Read Hacker News JSON into a Thread (dialect ``hn-json``)."""
    reader = _Reader(Fields(text, diagnostics))
    for value in read_values(reader.fields):
        if value.kind == "array":
            for item in value.items():
                reader.item(item)
        else:
            reader.item(value)
    return reader.thread(max_depth)


@attrs.frozen
class _Item:
    """A comment as read, before the tree: where its parent is named."""

    id: str
    parent: str | None  #: the parent it names (``parent_id`` or ``parent``)
    enclosing: str | None  #: the item whose ``children`` hold it (Algolia), else None
    nested: bool  #: an Algolia child: the nesting is its parent
    comment: Comment


class _Reader:
    def __init__(self, fields: Fields) -> None:
        self.fields = fields
        self.post: Post | None = None
        self.post_node: Node | None = None
        self.story: str | None = None
        self.preamble: list[Text] = []
        self.items: list[_Item] = []
        self.kids: dict[str, tuple[str, ...]] = {}  #: Firebase ``kids``, per item
        self.kids_at: dict[str, Span] = {}

    def item(self, value: Node) -> None:
        """One item, with the Algolia children under it (an explicit stack)."""
        stack: list[tuple[Node, str | None, bool]] = [(value, None, False)]
        while stack:
            node, enclosing, nested = stack.pop()
            own = self.one(node, enclosing, nested=nested)
            if own is None:  # not placed: kept unparsed whole, its replies with it
                continue
            for name in ("children", "options"):  # Algolia: replies; a poll's options
                listed = node.get(name)
                if listed is not None and listed.kind == "array":
                    items = listed.items()
                    if name == "options":  # ids in some responses: the options are not here
                        items = [item for item in items if item.kind == "object"]
                    stack.extend((child, own, True) for child in reversed(items))

    def one(self, node: Node, enclosing: str | None, *, nested: bool) -> str | None:
        fields = self.fields
        span = Span(node.start, node.end)
        if node.kind != "object":
            fields.not_read(span, "an item that is not an object: not placed")
            return None
        item_id = _id(fields, node, "id")
        kind = fields.string(node, "type")
        if item_id is None:
            fields.not_read(span, "an item without an id: not placed")
            return None
        kids = node.get("kids")
        if kids is not None and kids.kind == "array":
            ranked = tuple(
                str(v) for v in (scalar(fields.text, k) for k in kids.items()) if _is_int(v)
            )
            self.kids[item_id] = ranked
            self.kids_at[item_id] = Span(kids.start, kids.end)
        if kind in POST_TYPES and not nested:
            return item_id if self.submission(node, item_id, span) else None
        if kind == "pollopt":
            self.option(node)
            return item_id
        if kind not in (None, "comment"):
            fields.diagnostics.report(
                "TP402", f"item {item_id} has type {kind!r}: read as a comment", span
            )
        parent = _id(fields, node, "parent_id", "parent")
        if nested and parent is not None and parent != enclosing:
            fields.diagnostics.report(
                "TP402",
                f"comment {item_id}'s parent_id names {parent}, but it is listed under "
                f"{enclosing}: the nesting is kept",
                span,
            )
        self.items.append(
            _Item(item_id, parent, enclosing, nested, self.comment(node, item_id, span))
        )
        return item_id

    def comment(self, node: Node, item_id: str, span: Span) -> Comment:
        fields = self.fields
        author = fields.string(node, "author", "by")
        body = fields.of_kind(node.get("text"), "string", "text")
        deleted = fields.flag(node, "deleted") or (author is None and body is None)
        story = _id(fields, node, "story_id")
        return Comment(
            author=None if author is None else hn_author(author),
            score=fields.integer(node, "points", "score"),
            upvotes=None,
            downvotes=None,
            language=None,
            time=None,
            published=_published(fields, node),
            updated=None,
            edited=False,
            deleted=deleted,
            removed=fields.flag(node, "dead"),
            more_replies=None,
            depth=0,
            paragraphs=() if body is None else self.fields.html_string(body),
            replies=(),
            span=span,
            id=item_id,
            post_id=story,
            url=f"{SITE}/item?id={item_id}",
        )

    def submission(self, node: Node, item_id: str, span: Span) -> bool:
        """The story (or job, or poll); False when it is not read (a second one)."""
        fields = self.fields
        if self.post is not None:
            if item_id == self.story:
                return True  # the same story again: its replies are read
            fields.not_read(span, "a second post in one input: a thread holds one post")
            return False
        author = fields.string(node, "author", "by")
        url = fields.string(node, "url")
        host = host_of(url)
        self.story = item_id
        self.post = Post(
            title=fields.string(node, "title"),
            author=None if author is None else hn_author(author),
            community=None,
            url=url,
            domain=None if host is None else host.removeprefix("www."),
            language=None,
            time=None,
            score=fields.integer(node, "points", "score"),
            upvotes=None,
            downvotes=None,
            comment_count=fields.integer(node, "descendants"),
            embed=(),
            span=span,
            id=item_id,
            published=_published(fields, node),
        )
        body = fields.of_kind(node.get("text"), "string", "text")
        if body is not None:
            self.preamble[:0] = self.fields.html_string(body)
        return True

    def option(self, node: Node) -> None:
        """A poll option: its text and votes, a preamble paragraph."""
        body = self.fields.of_kind(node.get("text"), "string", "text")
        votes = self.fields.integer(node, "points", "score")
        texts = [] if body is None else list(self.fields.html_string(body))
        if texts and votes is not None:
            last = texts[-1]
            texts[-1] = attrs.evolve(last, text=f"{last.text} ({votes} points)")
        self.preamble.extend(texts)

    def thread(self, max_depth: int | None) -> Thread:
        records = self.records()
        comments = build_tree(records, max_depth, self.fields.diagnostics)
        more, top = self.missing_kids()
        if more:
            comments = _with_more(comments, more)
        paragraphs = tuple(self.preamble)
        preamble = Preamble(
            paragraphs,
            None if not paragraphs else Span(paragraphs[0].span.start, paragraphs[-1].span.end),
        )
        return Thread(
            dialect=DIALECT,
            preamble=preamble,
            sections=(),
            comments=comments,
            unattributed=(),
            unparsed=tuple(self.fields.unparsed),
            diagnostics=self.fields.diagnostics.sorted(),
            post=self.post,
            more_replies=top,
        )

    def records(self) -> list[Record]:
        """The comments as records, siblings in their parent's ``kids`` order."""
        present = {item.id for item in self.items}
        rank: dict[str, tuple[str, int]] = {}  # a kid's parent and place in its kids
        for parent_id, kids in self.kids.items():
            for position, kid in enumerate(kids):
                rank.setdefault(kid, (parent_id, position))
        unranked = sum(len(kids) for kids in self.kids.values())
        story = self.story
        ordered: list[tuple[int, int, Record]] = []
        for index, item in enumerate(self.items):
            parent = item.enclosing if item.nested else item.parent
            if parent is not None and parent == story:
                above: tuple[str, ...] = ()
                named = None
            elif parent is None or parent in present or story is not None:
                above = () if parent is None else (parent,)
                named = parent
            else:  # no story in the input: the parent may be it, so no placeholder
                above = ()
                named = parent
            comment = attrs.evolve(
                item.comment,
                parent_id=named,
                post_id=item.comment.post_id if story is None else story,
            )
            ranked = rank.get(item.id)
            place = ranked[1] if ranked and ranked[0] == parent and not item.nested else None
            key = unranked + index if place is None else place
            ordered.append((key, index, Record(item.id, above, None, comment)))
        ordered.sort(key=lambda entry: (entry[0], entry[1]))
        return [record for _, _, record in ordered]

    def missing_kids(self) -> tuple[dict[str, int], int | None]:
        """Per item, its ``kids`` not in the input (one TP405 for them all)."""
        present = {item.id for item in self.items}
        more: dict[str, int] = {}
        first: Span | None = None
        held = 0
        for item_id, kids in self.kids.items():
            absent = sum(1 for kid in kids if kid not in present)
            if absent:
                more[item_id] = absent
                held += absent
                first = first or self.kids_at[item_id]
        if first is not None:
            self.fields.diagnostics.report(
                "TP405",
                f"{held} repl{'ies' if held != 1 else 'y'} listed in kids "
                f"{'are' if held != 1 else 'is'} not in the input: counted in more_replies",
                first,
            )
        top = more.pop(self.story, None) if self.story is not None else None
        return more, top


def _with_more(comments: tuple[Comment, ...], more: dict[str, int]) -> tuple[Comment, ...]:
    def make(comment: Comment, replies: tuple[Comment, ...]) -> Comment:
        extra = more.get(comment.id) if comment.id is not None and not comment.missing else None
        return attrs.evolve(comment, replies=replies, more_replies=extra)

    return rebuild(comments, lambda comment: comment.replies, make)


# -- Fields -------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _id(fields: Fields, node: Node, *names: str) -> str | None:
    """An item id: a JSON integer (a string of digits is taken too); null is none."""
    for name in names:
        found = node.get(name)
        if found is None:
            continue
        value = scalar(fields.text, found)
        if _is_int(value):
            return str(value)
        if isinstance(value, str) and value.isascii() and value.isdigit():
            return value
        if value is not None or found.kind in ("object", "array"):
            fields.diagnostics.report(
                "TP402", f"{name} is not an item id: ignored", Span(found.start, found.end)
            )
    return None


def _published(fields: Fields, node: Node) -> datetime | None:
    """``created_at_i`` (Algolia) or ``time`` (Firebase), epoch seconds; else ``created_at``."""
    for name in ("created_at_i", "time"):
        seconds = fields.integer(node, name)
        if seconds is None:
            continue
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            found = node.get(name)
            assert found is not None
            fields.diagnostics.report(
                "TP402", f"{name} {seconds} is out of range: ignored", Span(found.start, found.end)
            )
            return None
    return fields.moment(node, "created_at")
