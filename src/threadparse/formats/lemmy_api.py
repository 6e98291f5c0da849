"""Lemmy API JSON (dialect ``lemmy-api``), and PieFed's Lemmy-compatible API.

The input is one JSON value, or several in a row (JSON Lines, or responses
saved one after another: the pages of a comment list). Each value is one of
these shapes (lemmy_formats.md section 2)::

    GetPostResponse       {"post_view": POST_VIEW, "community_view", "moderators", ...}
    GetCommentsResponse   {"comments": [COMMENT_VIEW, ...], "next_page"?}   0.18-0.19, PieFed
    PagedResponse         {"items": [COMMENT_VIEW, ...], "next_page", "prev_page"}   1.0
    CommentResponse       {"comment_view": COMMENT_VIEW, "recipient_ids"?}
    both in one object    {"post_view": ..., "comments": [...]}
    a bare array          [COMMENT_VIEW, ...]
    a bare view           COMMENT_VIEW                     (a JSON Lines file of views)

    POST_VIEW      {"post": {"id", "name" | "title" (PieFed), "body"?, "url"?,
                             "creator_id" | "user_id" (PieFed), "published"?, "ap_id"?},
                    "creator": PERSON, "community": {"name", "title", "actor_id"},
                    "counts": {"score", "upvotes", "downvotes", "comments"}}   0.19
    COMMENT_VIEW   {"comment": {"id", "path": "0.PARENT.ID", "content" | "body" (PieFed),
                                "post_id", "ap_id", "deleted", "removed",
                                "published", "updated"?},
                    "creator": PERSON,
                    "counts": {"score", "upvotes", "downvotes", "child_count"},
                    "creator_is_moderator", "creator_is_admin",
                    "creator_banned_from_community", "post": {"id", "creator_id", "name"},
                    "community": {...}}
    PERSON         {"id", "name" | "user_name" (PieFed),
                    "display_name" | "title" (PieFed)?, "actor_id",
                    "bot_account" | "bot" (PieFed), "banned"}
    1.0            "published_at"/"updated_at", "ap_id" for "actor_id", the counts on
                   the comment and post themselves, "creator_banned"

A list of posts (GetPostsResponse's ``posts``, or 1.0 ``items`` of post views) is
not a thread: it goes to ``unparsed`` with TP902, as does any other JSON.

Tree: a comment's parent is the second-to-last id of its ``path``, whatever
order the input lists them in; siblings keep the listed order (the sort the
user asked for). A parent missing from the input gets a placeholder comment
(``missing``, no author, no text; TP401). ``child_count`` counts a whole
branch, so ``more_replies`` is the part of it neither in the input nor counted
by a reply that is (where the page would show "N more replies"). Comments of
several posts are kept in one thread, each with its ``post_id`` (TP403).

Optional fields are omitted by Lemmy; unknown fields are ignored; a known
field of the wrong type is ignored with a TP402 warning; a field every view
has (a comment's text, its author's name) missing is a TP404 warning. An
entry with no usable id or path goes to ``unparsed`` with TP902.

Spans: a comment's span is its own object in the array (its replies are
elsewhere in the text); a paragraph's span covers its source lines inside the
JSON string, escapes included.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.jsonfields import Fields, Relocation, read_values
from threadparse.core.jsontree import (
    Node,
    decode_string,
    scalar,
)
from threadparse.core.lemmy import canonical_badges, split_pronouns
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
from threadparse.core.source import WHITESPACE
from threadparse.core.urls import host_of

_PATH = re.compile(r"0(?:\.\d{1,19}){1,100000}")

_NOT_A_RESPONSE = "JSON has no post_view, comment_view, comments or items: not a Lemmy API response"
_POST_LIST = (
    "a list of posts, not a thread: fetch a post with /api/v3/post?id=ID and its "
    "comments with /api/v3/comment/list?post_id=ID"
)


def parse_api(text: str, *, max_depth: int | None, diagnostics: Diagnostics) -> Thread:
    """Read Lemmy (or PieFed) API JSON into a Thread (dialect ``lemmy-api``)."""
    reader = _Reader(Fields(text, diagnostics))
    for value in read_values(reader.fields):
        reader.response(value)
    return reader.thread(max_depth)


# -- Responses ----------------------------------------------------------------------


class _Reader:
    """The responses of one input, read in order into one thread."""

    def __init__(self, fields: Fields) -> None:
        self.fields = fields
        self.post: Post | None = None
        self.post_read = False  # a post_view was read (its header may still be None)
        self.post_creator: int | None = None
        self.preamble = Preamble()
        self.sections: tuple[Section, ...] = ()
        self.entries: list[Record] = []
        self.first_view: Node | None = None  # for the post, when no post_view gives it

    def not_read(self, span: Span, message: str) -> None:
        self.fields.not_read(span, message)

    def response(self, value: Node) -> None:
        """One JSON value: a response, a list of views, or one view."""
        if value.kind == "array":
            self.views(value.items())
            return
        read = False
        post_view = value.get("post_view")
        if post_view is not None and self.fields.of_kind(post_view, "object", "post_view"):
            self.post_view(post_view)
            read = True
        comment_view = value.get("comment_view")
        if comment_view is not None and self.fields.of_kind(comment_view, "object", "comment_view"):
            self.views([comment_view])
            read = True
        for name in ("comments", "items"):
            listed = value.get(name)
            if listed is None or (
                listed.kind == "scalar" and scalar(self.fields.text, listed) is None
            ):
                continue  # absent, or null: no list given
            read = True
            if listed.kind != "array":
                self.not_read(
                    Span(listed.start, listed.end), f"{name} is not a list: no comment read from it"
                )
            elif _posts_only(listed.items()):
                self.not_read(Span(value.start, value.end), _POST_LIST)
            else:
                self.views(listed.items())
        if read:
            return
        if isinstance(value.get("comment"), Node):  # a view of its own (JSON Lines)
            self.views([value])
        elif value.get("posts") is not None:
            self.not_read(Span(value.start, value.end), _POST_LIST)
        else:
            self.not_read(Span(value.start, value.end), _NOT_A_RESPONSE)

    def post_view(self, post_view: Node) -> None:
        """The post: its header, and its body as the preamble and sections."""
        post = post_view.get("post")
        if self.post_read:
            if self.post is not None and self.post.id == _id_of(self.fields, post):
                return  # the same post again (a page of the thread saved twice)
            self.not_read(
                Span(post_view.start, post_view.end),
                "a second post in one input: a thread holds one post; its comments are kept",
            )
            return
        self.post_read = True
        self.post = _post_header(post_view, self.fields, with_author=True)
        if post is None or post.kind != "object":
            return
        self.post_creator = self.fields.integer(post, "creator_id", "user_id")
        self.post_body(post)

    def post_body(self, post: Node) -> None:
        """The post's markdown as the preamble and sections."""
        body = self.fields.of_kind(post.get("body"), "string", "post.body")
        if body is not None:
            decoded = decode_string(self.fields.text, body)
            (preamble, sections), rendered = read_post(decoded.value)
            if not rendered:
                self.fields.report_plain(decoded)
            move = Relocation(decoded)
            span = None if preamble.span is None else move.span(preamble.span)
            self.preamble = Preamble(tuple(move.text(p) for p in preamble.paragraphs), span)
            self.sections = tuple(move.section(s) for s in sections)

    def views(self, views: Sequence[Node]) -> None:
        for view in views:
            entry = _entry(view, self.fields, self.post_creator)
            if entry is None:
                self.not_read(
                    Span(view.start, view.end),
                    "comment entry has no usable comment id and path: not placed",
                )
                continue
            if self.first_view is None:
                self.first_view = view
            self.entries.append(entry)

    def thread(self, max_depth: int | None) -> Thread:
        post = self.post
        if not self.post_read and self.first_view is not None:
            post = self._post_of_views()
            own = self.first_view.get("post")
            if post is not None and own is not None and own.kind == "object":
                self.post_body(own)  # a comment view's post holds the body too
        self._report_posts(post)
        return Thread(
            dialect="lemmy-api",
            preamble=self.preamble,
            sections=self.sections,
            comments=build_tree(self.entries, max_depth, self.fields.diagnostics),
            unattributed=(),
            unparsed=tuple(self.fields.unparsed),
            diagnostics=self.fields.diagnostics.sorted(),
            post=post,
        )

    def _post_of_views(self) -> Post | None:
        """The post from the comment views' own ``post`` (no author: a comment view's
        creator is the comment's), when every comment is under that one post; its
        body, where the view holds it, becomes the preamble and sections."""
        ids = {entry.comment.post_id for entry in self.entries} - {None}
        if len(ids) > 1 or self.first_view is None:
            return None
        return _post_header(self.first_view, self.fields, with_author=False)

    def _report_posts(self, post: Post | None) -> None:
        """TP403 when the comments are under several posts, at the first comment
        of the second post."""
        first: dict[str, Span] = {}  # each post's first place in the input
        if post is not None and post.id is not None:
            first[post.id] = post.span
        for entry in self.entries:
            post_id = entry.comment.post_id
            if post_id is not None and post_id not in first:
                first[post_id] = entry.comment.span
        if len(first) < 2:
            return
        ids = list(first)
        shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        self.fields.diagnostics.report(
            "TP403",
            f"the comments are under {len(ids)} posts (ids {shown}): they are kept in one "
            "thread, and each comment's post_id says which post it is under",
            first[ids[1]],
        )


def _posts_only(entries: Sequence[Node]) -> bool:
    """A list of post views (1.0's paged post list): no entry holds a comment."""
    return bool(entries) and all(
        entry.get("comment") is None and entry.get("post") is not None for entry in entries
    )


def _id_of(fields: Fields, obj: Node | None) -> str | None:
    number = fields.integer(obj, "id")
    return None if number is None else str(number)


def _post_header(view: Node, fields: Fields, *, with_author: bool) -> Post | None:
    """``Thread.post`` from a PostView (or a CommentView's ``post``): the title,
    author, community, link, time and counts (0.19's ``counts``, or 1.0's fields on
    the post itself). The API names the language by id only, and gives exact
    times, not a shown one: both stay None. The span is the view's entry."""
    post = view.get("post")
    if post is None or post.kind != "object":
        return None
    author = None
    if with_author:
        creator_id = fields.integer(post, "creator_id", "user_id")
        author = _author(view, view.get("creator"), fields, creator_id)
    if author is not None:  # OP marks the post's author in comments; the post shows none
        author = attrs.evolve(author, badges=tuple(b for b in author.badges if b != "OP"))
    community_node = view.get("community")
    community = None
    if community_node is not None and community_node.kind == "object":
        community = Community(
            name=fields.string(community_node, "name"),
            title=fields.string(community_node, "title"),
            host=fields.address(community_node, "ap_id", "actor_id")[1],
        )
    title = fields.string(post, "name", "title")
    if title is None and author is None and community is None:
        return None  # a post_view with only a body (hand-written JSON): no header
    counts = view.get("counts") if with_author else None  # a CommentView's are the comment's
    url = fields.string(post, "url")
    return Post(
        title=title,
        author=author,
        community=community,
        url=url,
        domain=host_of(url),
        language=None,
        time=None,
        score=fields.count(post, counts, "score"),
        upvotes=fields.count(post, counts, "upvotes"),
        downvotes=fields.count(post, counts, "downvotes"),
        comment_count=fields.count(post, counts, "comments"),
        embed=(),
        span=Span(view.start, view.end) if with_author else Span(post.start, post.end),
        id=_id_of(fields, post),
        published=fields.moment(post, "published_at", "published"),
    )


# -- Comments ---------------------------------------------------------------------


def _entry(view: Node, fields: Fields, post_creator: int | None) -> Record | None:
    """A CommentView as an entry of the tree; None when it has no usable id or path."""
    comment = view.get("comment")
    if comment is None or comment.kind != "object":
        return None
    comment_id = fields.integer(comment, "id")
    path = _path(comment, fields, comment_id, Span(view.start, view.end))
    if comment_id is None:
        if not path:
            return None
        comment_id, path = path[-1], path[:-1]
    counts = view.get("counts")
    updated = fields.moment(comment, "updated_at", "updated")
    deleted = fields.flag(comment, "deleted")
    removed = fields.flag(comment, "removed")
    post = view.get("post")
    post_id = fields.integer(comment, "post_id")
    if post_id is None:
        post_id = fields.integer(post, "id")
    built = Comment(
        author=_comment_author(view, fields, post_creator, comment_id),
        score=fields.count(comment, counts, "score"),
        upvotes=fields.count(comment, counts, "upvotes"),
        downvotes=fields.count(comment, counts, "downvotes"),
        language=None,
        time=None,
        published=fields.moment(comment, "published_at", "published"),
        updated=updated,
        edited=updated is not None,
        deleted=deleted,
        removed=removed,
        more_replies=None,
        depth=0,
        paragraphs=_body(comment, fields, comment_id, gone=deleted or removed),
        replies=(),
        span=Span(view.start, view.end),
        id=str(comment_id),
        parent_id=str(path[-1]) if path else None,
        post_id=None if post_id is None else str(post_id),
        url=fields.string(comment, "ap_id"),
    )
    return Record(
        str(comment_id),
        tuple(map(str, path)),
        fields.count(comment, counts, "child_count"),
        built,
    )


def _path(comment: Node, fields: Fields, comment_id: int | None, span: Span) -> tuple[int, ...]:
    """The ids above the comment from its ``path`` (its own id last when ``comment_id``
    is None, for the caller to take); () for a top-level comment or a path unread."""
    path_text = fields.string(comment, "path")
    if path_text is None:
        if comment_id is not None:
            fields.diagnostics.report(
                "TP404", f"comment {comment_id} has no path: read as a top-level comment", span
            )
        return ()
    if not _PATH.fullmatch(path_text):
        fields.diagnostics.report(
            "TP402",
            f"path {path_text[:40]!r} is not '0.ID.ID...': read as a top-level comment",
            span,
        )
        return ()
    ids = tuple(int(part) for part in path_text.split(".")[1:])
    if comment_id is None or ids[-1] == comment_id:
        return ids if comment_id is None else ids[:-1]
    fields.diagnostics.report(
        "TP402",
        f"comment {comment_id}'s path {path_text[:40]!r} does not end with its id: "
        f"read as a reply to comment {ids[-1]}",
        span,
    )
    return ids


def _body(comment: Node, fields: Fields, comment_id: int, *, gone: bool) -> tuple[Text, ...]:
    """The comment's markdown (``content``, PieFed's ``body``) as paragraphs; a
    missing text is reported unless the comment is deleted or removed (``gone``)."""
    content = comment.get("content")
    if content is None:
        content = comment.get("body")
    source = fields.of_kind(content, "string", "comment.content")
    if source is None:
        if not gone and (content is None or scalar(fields.text, content) is None):
            fields.diagnostics.report(
                "TP404",
                f"comment {comment_id} has no content: read as a comment without text",
                Span(comment.start, comment.end),
            )
        return ()
    return fields.markdown(decode_string(fields.text, source))


def _comment_author(
    view: Node, fields: Fields, post_creator: int | None, comment_id: int
) -> Author | None:
    creator = view.get("creator")
    author = _author(view, creator, fields, post_creator)
    if author is None:
        fields.diagnostics.report(
            "TP404",
            f"comment {comment_id} has no creator name: its author is unknown",
            Span(view.start, view.end) if creator is None else Span(creator.start, creator.end),
        )
    return author


def _author(
    view: Node, creator: Node | None, fields: Fields, post_creator: int | None
) -> Author | None:
    """A PERSON as an author: None when it has neither a name nor a display name."""
    if creator is None or creator.kind != "object":
        return None
    username = fields.string(creator, "name", "user_name")
    display = fields.string(creator, "display_name", "title")
    if display is None or not display.strip(WHITESPACE):
        display = username
    if display is None or not display.strip(WHITESPACE):
        return None
    display = " ".join(display.split())
    name, pronouns = split_pronouns(display)
    creator_id = fields.integer(creator, "id")
    url, host = fields.address(creator, "ap_id", "actor_id")
    badges = [
        badge
        for badge, shown in (
            ("Banned", fields.flag(creator, "banned") or fields.flag(view, "creator_banned")),
            ("Banned from community", fields.flag(view, "creator_banned_from_community")),
            ("OP", creator_id is not None and creator_id == _op(view, fields, post_creator)),
            ("M", fields.flag(view, "creator_is_moderator")),
            ("A", fields.flag(view, "creator_is_admin")),
            ("B", fields.flag(creator, "bot_account", "bot")),
        )
        if shown
    ]
    return Author(
        name=name,
        display_name=display,
        instance=host,
        pronouns=pronouns,
        badges=canonical_badges(badges),
        username=username,
        url=url,
    )


def _op(view: Node, fields: Fields, post_creator: int | None) -> int | None:
    """The post author's id: from the CommentView's own post, else the post_view's."""
    own = fields.integer(view.get("post"), "creator_id", "user_id")
    return own if own is not None else post_creator


def is_response(value: object) -> bool:
    """A Lemmy or PieFed thread response, a list of comment views, or one view."""
    if isinstance(value, list):
        return True
    if not isinstance(value, dict):
        return False
    if isinstance(value.get("post_view"), dict) or isinstance(value.get("comment_view"), dict):
        return True
    if isinstance(value.get("comments"), list) or isinstance(value.get("comment"), dict):
        return True
    items = value.get("items")
    return isinstance(items, list) and all(
        isinstance(item, dict) and "comment" in item for item in items
    )
