"""Mastodon JSON (dialect ``mastodon-json``): a status's context from the
Mastodon API, the status itself, and ActivityPub's Notes.

The input is one JSON value or several in a row (the status, then its
context; or the context alone). Each is one of::

    context    {"ancestors": [STATUS, ...], "descendants": [STATUS, ...]}
                                               (/api/v1/statuses/ID/context)
    status     STATUS                          (/api/v1/statuses/ID)
    statuses   [STATUS, ...]
    STATUS     {"id" (a string), "in_reply_to_id": null | ID, "created_at",
                "edited_at": null | TIME, "content" (HTML), "spoiler_text",
                "sensitive", "visibility", "url", "uri", "replies_count",
                "reblogs_count", "favourites_count", "media_attachments",
                "account": {"id", "username", "acct" (name, or name@host when
                            remote), "display_name", "url", "bot", ...}, ...}

    note       {"@context": ...activitystreams..., "type": "Note", "id" (URL),
                "inReplyTo": null | URL | {"id"}, "attributedTo": URL | {"id"},
                "content" (HTML), "summary"?, "published", "updated"?, "url"?,
                "replies"?: COLLECTION}
    activity   {"type": "Create" | "Update", "object": NOTE}
    COLLECTION {"type": "Collection" | "OrderedCollection" | "CollectionPage" |
                "OrderedCollectionPage", "items" | "orderedItems": [NOTE | URL, ...],
                "first"?: COLLECTION}

The thread: statuses are read in conversation order (ancestors, the status,
descendants); the first that replies to nothing is the thread's root, read as
``Thread.post`` (no title; its content is the preamble). Every other status
is a comment, placed by ``in_reply_to_id`` (``inReplyTo``): replies to the
root are top-level, a parent not in the input gets a placeholder
(``core/records.py``). When no status replies to nothing (the context of a
reply whose thread is cut), there is no post and the top statuses sit under
placeholders.

Counts: ``favourites_count`` is the score; ``replies_count`` larger than the
replies present gives ``more_replies`` (``Thread.more_replies`` for the root),
with TP405. A logged-out context is capped by the server (Mastodon 4.x: 40
ancestors, 60 descendants, 20 levels): a context that reaches a cap may be
cut, and TP405 says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.jsonfields import Fields, read_values
from threadparse.core.jsontree import Node, scalar
from threadparse.core.models import Author, Comment, Post, Preamble, Span, Text, Thread
from threadparse.core.records import Record, build_tree
from threadparse.core.urls import host_of, path_of
from threadparse.core.walk import rebuild

DIALECT = "mastodon-json"
#: What a logged-out context request returns at most (Mastodon 4.x).
ANCESTOR_CAP, DESCENDANT_CAP, DEPTH_CAP = 40, 60, 20
_NOTES = frozenset({"Note", "Article", "Question", "Page"})
_COLLECTIONS = frozenset(
    {"Collection", "OrderedCollection", "CollectionPage", "OrderedCollectionPage"}
)
_ACTIVITIES = frozenset({"Create", "Update", "Announce"})


# -- Detection ----------------------------------------------------------------------


def is_mastodon(value: object) -> bool:
    """Is a decoded JSON value a Mastodon context, status or statuses, or
    ActivityPub's Note or collection (its first value is enough)?"""
    if isinstance(value, list):
        return bool(value) and isinstance(value[0], dict) and _is_status(value[0])
    if not isinstance(value, dict):
        return False
    if isinstance(value.get("ancestors"), list) and isinstance(value.get("descendants"), list):
        return True
    return _is_status(value) or _is_activity_streams(value)


def _is_status(value: dict[str, object]) -> bool:
    return (
        isinstance(value.get("account"), dict) and "content" in value and "in_reply_to_id" in value
    )


def _is_activity_streams(value: dict[str, object]) -> bool:
    kind = value.get("type")
    if not isinstance(kind, str) or kind not in _NOTES | _COLLECTIONS | _ACTIVITIES:
        return False
    context = value.get("@context")
    names = context if isinstance(context, list) else [context]
    return any(isinstance(name, str) and "activitystreams" in name for name in names)


# -- Reading ------------------------------------------------------------------------


def parse_mastodon(text: str, *, max_depth: int | None, diagnostics: Diagnostics) -> Thread:
    """Read Mastodon JSON into a Thread (dialect ``mastodon-json``)."""
    reader = _Reader(Fields(text, diagnostics))
    for value in read_values(reader.fields):
        reader.value(value)
    return reader.thread(max_depth)


@attrs.frozen
class _Status:
    """A status or Note found, before it is read."""

    node: Node
    id: str
    parent: str | None
    note: bool  #: ActivityPub's Note, not the API's status


class _Reader:
    def __init__(self, fields: Fields) -> None:
        self.fields = fields
        self.ancestors: list[_Status] = []
        self.statuses: list[_Status] = []
        self.descendants: list[_Status] = []

    def value(self, value: Node) -> None:
        fields = self.fields
        span = Span(value.start, value.end)
        if value.kind == "array":
            for item in value.items():
                self.found(item, self.statuses)
            return
        if value.kind == "object":
            ancestors, descendants = value.get("ancestors"), value.get("descendants")
            if ancestors is not None or descendants is not None:
                self.context(ancestors, descendants)
                return
            if value.get("account") is not None or value.get("type") is not None:
                self.found(value, self.statuses)
                return
        fields.not_read(
            span, "JSON that is not Mastodon's: no context, status or ActivityPub object"
        )

    def context(self, ancestors: Node | None, descendants: Node | None) -> None:
        fields = self.fields
        for node, into, cap, name in (
            (ancestors, self.ancestors, ANCESTOR_CAP, "ancestors"),
            (descendants, self.descendants, DESCENDANT_CAP, "descendants"),
        ):
            listed = fields.of_kind(node, "array", name)
            if listed is None:
                continue
            items = listed.items()
            for item in items:
                self.found(item, into)
            if len(items) == cap:
                fields.diagnostics.report(
                    "TP405",
                    f"{cap} {name}: the cap of a logged-out context request (Mastodon 4.x); "
                    f"the thread may hold more {'above' if name == 'ancestors' else 'below'}, "
                    "not in the input",
                    Span(listed.start, listed.end),
                )

    def deep(self) -> None:
        """TP405 when the descendants reach the depth cap below the status."""
        depth: dict[str, int] = {}
        deepest: _Status | None = None
        for status in self.descendants:
            level = depth.get(status.parent, 0) + 1 if status.parent is not None else 1
            depth.setdefault(status.id, level)
            if level >= DEPTH_CAP and deepest is None:
                deepest = status
        if deepest is not None:
            self.fields.diagnostics.report(
                "TP405",
                f"the descendants reach {DEPTH_CAP} levels below the status, the cap of a "
                "logged-out context request (Mastodon 4.x): deeper replies may not be in "
                "the input",
                Span(deepest.node.start, deepest.node.end),
            )

    def found(self, node: Node, into: list[_Status]) -> None:
        """A status, or the Notes an ActivityPub object holds (an explicit stack:
        collections hold pages, Notes hold their replies)."""
        fields = self.fields
        stack = [node]
        while stack:
            item = stack.pop()
            span = Span(item.start, item.end)
            if item.kind != "object":
                if item.kind == "string" and item is not node:
                    continue  # a reply named by its URL alone: not in the input
                fields.not_read(span, "a status that is not an object: not placed")
                continue
            kind = fields.string(item, "type") if item.get("account") is None else None
            if kind in _ACTIVITIES:
                inner = item.get("object")
                if inner is not None and inner.kind == "object":
                    stack.append(inner)
                continue
            if kind in _COLLECTIONS:
                stack.extend(reversed(list(_members(item))))
                continue
            note = kind is not None
            if note and kind not in _NOTES:
                fields.not_read(span, f"an ActivityPub {kind!r}: not a status, not placed")
                continue
            status_id = _id(fields, item, "id")
            if status_id is None:
                fields.not_read(span, "a status without an id: not placed")
                continue
            into.append(_Status(item, status_id, self.parent(item, note=note), note))
            if note:
                replies = item.get("replies")
                if replies is not None and replies.kind == "object":
                    stack.extend(reversed(list(_members(replies))))

    def parent(self, item: Node, *, note: bool) -> str | None:
        if not note:
            return _id(self.fields, item, "in_reply_to_id")
        above = item.get("inReplyTo")
        if above is not None and above.kind == "object":
            return _id(self.fields, above, "id")
        return self.fields.string(item, "inReplyTo")

    def thread(self, max_depth: int | None) -> Thread:
        fields = self.fields
        self.deep()
        order = [*self.ancestors, *self.statuses, *self.descendants]
        root = next((s for s in order if s.parent is None), None)
        op = None if root is None else self.account_id(root)
        records: list[Record] = []
        replies: Counter[str] = Counter()
        counts: dict[str, tuple[int, Span]] = {}
        for status in order:
            if root is not None and status.id == root.id:
                if status is not root:
                    fields.diagnostics.report(
                        "TP402",
                        f"status {status.id} appears twice: the first is read",
                        Span(status.node.start, status.node.end),
                    )
                continue
            parent = status.parent
            if parent is not None:
                replies[parent] += 1
            if root is not None and parent == root.id:
                parent = None
            comment = self.comment(status, root, op)
            count = fields.integer(status.node, "replies_count")
            if count is not None:
                counts.setdefault(status.id, (count, Span(status.node.start, status.node.end)))
            records.append(Record(status.id, () if parent is None else (parent,), None, comment))
        comments = build_tree(records, max_depth, fields.diagnostics)
        post, preamble, more = None, Preamble(), None
        if root is not None:
            post, preamble = self.post(root)
            count = fields.integer(root.node, "replies_count")
            if count is not None and count > replies[root.id]:
                more = count - replies[root.id]
        root_span = None if root is None else Span(root.node.start, root.node.end)
        comments = self.more(comments, counts, replies, (more, root_span))
        return Thread(
            dialect=DIALECT,
            preamble=preamble,
            sections=(),
            comments=comments,
            unattributed=(),
            unparsed=tuple(fields.unparsed),
            diagnostics=fields.diagnostics.sorted(),
            post=post,
            more_replies=more,
        )

    def more(
        self,
        comments: tuple[Comment, ...],
        counts: dict[str, tuple[int, Span]],
        replies: Counter[str],
        root: tuple[int | None, Span | None],
    ) -> tuple[Comment, ...]:
        """``replies_count`` less the replies present, as ``more_replies`` (TP405,
        on the first status that lacks replies)."""
        top, root_span = root
        missing = {
            status_id: count - replies[status_id]
            for status_id, (count, _) in counts.items()
            if count > replies[status_id]
        }
        held = sum(missing.values()) + (top or 0)
        if not held:
            return comments
        spans = [counts[status_id][1] for status_id in missing]
        if top and root_span is not None:
            spans.append(root_span)
        statuses = len(missing) + (1 if top else 0)
        self.fields.diagnostics.report(
            "TP405",
            f"{statuses} status{'es count' if statuses > 1 else ' counts'} {held} "
            f"repl{'ies' if held > 1 else 'y'} not in the input (replies_count): counted in "
            "more_replies",
            min(spans, key=lambda span: span.start),
        )

        def make(comment: Comment, below: tuple[Comment, ...]) -> Comment:
            extra = None if comment.missing or comment.id is None else missing.get(comment.id)
            return attrs.evolve(comment, replies=below, more_replies=extra)

        return rebuild(comments, _replies, make)

    def account_id(self, status: _Status) -> str | None:
        if status.note:
            return _attributed(self.fields, status.node)
        account = status.node.get("account")
        return None if account is None else _id(self.fields, account, "id")

    def author(self, status: _Status, op: str | None, *, is_root: bool) -> Author | None:
        fields = self.fields
        if status.note:
            url = _attributed(fields, status.node)
            if url is None:
                return None
            name = path_of(url).rstrip("/").rsplit("/", 1)[-1].lstrip("@") or url
            marks: tuple[str, ...] = ("OP",) if url == op and not is_root else ()
            return Author(name, name, host_of(url), (), marks, username=name, url=url)
        account = fields.of_kind(status.node.get("account"), "object", "account")
        if account is None:
            return None
        username = fields.string(account, "username")
        acct = fields.string(account, "acct") or username
        url = fields.string(account, "url")
        shown = fields.string(account, "display_name") or username or acct
        if shown is None:
            return None
        host = acct.split("@", 1)[1] if acct is not None and "@" in acct else host_of(url)
        badges = tuple(
            badge
            for badge, on in (
                ("OP", not is_root and op is not None and _id(fields, account, "id") == op),
                ("B", fields.flag(account, "bot")),
            )
            if on
        )
        return Author(shown, shown, host, (), badges, username=username, url=url)

    def body(self, status: _Status) -> tuple[Text, ...]:
        """The content warning (a line of plain text), then the content's paragraphs."""
        fields = self.fields
        name = "summary" if status.note else "spoiler_text"
        warning = fields.of_kind(status.node.get(name), "string", name)
        shown = None if warning is None else fields.plain(warning)
        texts = fields.html(status.node, "content")
        return texts if shown is None else (shown, *texts)

    def comment(self, status: _Status, root: _Status | None, op: str | None) -> Comment:
        fields = self.fields
        node = status.node
        edited_at = fields.moment(node, "updated" if status.note else "edited_at")
        return Comment(
            author=self.author(status, op, is_root=False),
            score=None if status.note else fields.integer(node, "favourites_count"),
            upvotes=None,
            downvotes=None,
            language=None,
            time=None,
            published=fields.moment(node, "published" if status.note else "created_at"),
            updated=edited_at,
            edited=edited_at is not None,
            deleted=False,
            removed=False,
            more_replies=None,
            depth=0,
            paragraphs=self.body(status),
            replies=(),
            span=Span(node.start, node.end),
            id=status.id,
            parent_id=status.parent,
            post_id=None if root is None else root.id,
            url=fields.string(node, "url") or fields.string(node, "uri") or _url_id(status),
        )

    def post(self, root: _Status) -> tuple[Post, Preamble]:
        fields = self.fields
        node = root.node
        paragraphs = self.body(root)
        post = Post(
            title=None,
            author=self.author(root, None, is_root=True),
            community=None,
            url=None,
            domain=None,
            language=None,
            time=None,
            score=None if root.note else fields.integer(node, "favourites_count"),
            upvotes=None,
            downvotes=None,
            comment_count=fields.integer(node, "replies_count"),
            embed=(),
            span=Span(node.start, node.end),
            id=root.id,
            published=fields.moment(node, "published" if root.note else "created_at"),
        )
        span = Span(paragraphs[0].span.start, paragraphs[-1].span.end) if paragraphs else None
        return post, Preamble(paragraphs, span)


def _members(collection: Node) -> Iterator[Node]:
    """A collection's items, then its first page's (an object; a URL is not followed)."""
    for name in ("orderedItems", "items"):
        listed = collection.get(name)
        if listed is not None:
            yield from listed.items()
    first = collection.get("first")
    if first is not None and first.kind == "object":
        yield first


def _replies(comment: Comment) -> tuple[Comment, ...]:
    return comment.replies


def _id(fields: Fields, node: Node, name: str) -> str | None:
    """An id as a string (the API writes strings; a number is taken too)."""
    value = scalar(fields.text, node.get(name))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return fields.string(node, name)


def _attributed(fields: Fields, node: Node) -> str | None:
    """A Note's author: ``attributedTo`` as a URL, an object's id, or a list's first."""
    value = node.get("attributedTo")
    if value is not None and value.kind == "array":
        value = next(iter(value.items()), None)
    if value is not None and value.kind == "object":
        return _id(fields, value, "id")
    if value is None:
        return None
    found = scalar(fields.text, value)
    if isinstance(found, str):
        return found
    fields.diagnostics.report(
        "TP402", "attributedTo is not a URL: ignored", Span(value.start, value.end)
    )
    return None


def _url_id(status: _Status) -> str | None:
    return status.id if status.note and status.id.startswith(("http://", "https://")) else None
