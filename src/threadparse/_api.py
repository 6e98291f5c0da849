"""Lemmy API JSON (dialect ``lemmy-api``): a GetPostResponse, a GetCommentsResponse,
one object holding both, or a bare array of CommentViews.

The shapes, in both API versions (lemmy_formats.md section 2)::

    {"post_view": {"post": {"body": MARKDOWN, "creator_id": ID, ...}, ...},
     "comments": [COMMENT_VIEW, ...]}

    COMMENT_VIEW   0.19: {"comment": {"id", "path": "0.PARENT.ID", "content",
                                      "deleted", "removed", "published", "updated"?},
                          "creator": {"name", "display_name"?, "actor_id", "bot_account",
                                      "banned"},
                          "counts": {"score", "upvotes", "downvotes", "child_count"},
                          "creator_is_moderator", "creator_is_admin",
                          "creator_banned_from_community", "post": {"creator_id"}}
                   1.0:  "published_at"/"updated_at", "ap_id" for "actor_id", the
                         counts on "comment" itself, "creator_banned"

Tree: a comment's parent is the second-to-last id of its ``path``, whatever
order the array lists them in; siblings keep the array's order (the sort the
user asked for). A parent missing from the input gets a placeholder comment
(no author, no text; TP401). ``child_count`` counts a whole branch, so
``more_replies`` is the part of it neither in the input nor counted by a reply
that is (where the page would show "N more replies"). Optional fields are
omitted by Lemmy; unknown fields are ignored; a known field of the wrong type
is ignored with a TP402 warning. An entry with no usable id or path, or JSON
that is not a Lemmy response, goes to ``unparsed`` with TP902.

Spans: a comment's span is its own object in the array (its replies are
elsewhere in the text); a paragraph's span covers its source lines inside the
JSON string, escapes included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import attrs

from threadparse._diagnostics import Diagnostics
from threadparse._flat import authorless_comment
from threadparse._header import canonical_badges, split_pronouns
from threadparse._jsontree import DecodedString, JSONError, Node, decode_string, read_json, scalar
from threadparse._markdown import read_body, read_post
from threadparse._models import (
    Author,
    Comment,
    Community,
    Item,
    Post,
    Preamble,
    Section,
    Span,
    Text,
    Thread,
)
from threadparse._source import WHITESPACE

# RFC 3339 as Lemmy writes it ("2024-05-20T14:03:11.123456Z"); 0.18 wrote no
# zone, and lemmy-ui reads those as UTC, as we do.
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(?:([Zz])|([+-])(\d{2}):?(\d{2}))?"
)
_PATH = re.compile(r"0(?:\.\d{1,19}){1,100000}")


def parse_api(text: str, *, max_depth: int | None, diagnostics: Diagnostics) -> Thread:
    """Read Lemmy API JSON into a Thread (dialect ``lemmy-api``)."""
    try:
        root = read_json(text)
    except JSONError as error:
        return _unreadable(text, f"{error} (at offset {error.position})", diagnostics)
    post_view = root.get("post_view")
    views = root if root.kind == "array" else root.get("comments")
    if (post_view is None or post_view.kind != "object") and (
        views is None or views.kind != "array"
    ):
        return _unreadable(
            text, "JSON has no post_view or comments: not a Lemmy API response", diagnostics
        )
    fields = _Fields(text, diagnostics)
    preamble, post_creator = Preamble(), None
    sections: tuple[Section, ...] = ()
    post = post_view.get("post") if post_view is not None else None
    header = _post_header(post_view, fields) if post_view is not None else None
    if post is not None:
        post_creator = fields.integer(post, "creator_id")
        body = post.get("body")
        if body is not None and fields.expect(body, "string", "post.body"):
            preamble, sections = _post(decode_string(text, body), diagnostics)
    entries: list[_Entry] = []
    unparsed: list[Text] = []
    for view in views.items() if views is not None and views.kind == "array" else []:
        entry = _entry(view, fields, post_creator)
        if entry is None:
            unparsed.append(_raw_text(text, view.start, view.end))
            diagnostics.report(
                "TP902",
                "comment entry has no usable comment id and path: not placed",
                Span(view.start, view.end),
            )
        else:
            entries.append(entry)
    comments = _Tree(entries, max_depth, diagnostics).build()
    return Thread(
        dialect="lemmy-api",
        preamble=preamble,
        sections=sections,
        comments=comments,
        unattributed=(),
        unparsed=tuple(unparsed),
        diagnostics=diagnostics.sorted(),
        post=header,
    )


def _post_header(post_view: Node, fields: _Fields) -> Post | None:
    """``Thread.post`` from a PostView: the title, author, community, link and
    counts (0.19's ``counts``, or 1.0's fields on the post itself). The API
    names the language by id only, and gives exact times, not a shown one:
    both stay None. The span is the post_view's entry."""
    post = post_view.get("post")
    if post is None or post.kind != "object":
        return None
    creator_id = fields.integer(post, "creator_id")
    author = _author(post_view, post_view.get("creator"), fields, creator_id)
    if author is not None:  # OP marks the post's author in comments; the post shows none
        author = attrs.evolve(author, badges=tuple(b for b in author.badges if b != "OP"))
    community_node = post_view.get("community")
    community = None
    if community_node is not None and community_node.kind == "object":
        community = Community(
            name=fields.string(community_node, "name"),
            title=fields.string(community_node, "title"),
            host=fields.host(community_node, "ap_id", "actor_id"),
        )
    title = fields.string(post, "name")
    if title is None and author is None and community is None:
        return None  # a post_view with only a body (hand-written JSON): no header
    counts = post_view.get("counts")
    url = fields.string(post, "url")
    return Post(
        title=title,
        author=author,
        community=community,
        url=url,
        domain=_host_of(url),
        language=None,
        time=None,
        score=fields.count(post, counts, "score"),
        upvotes=fields.count(post, counts, "upvotes"),
        downvotes=fields.count(post, counts, "downvotes"),
        comment_count=fields.count(post, counts, "comments"),
        embed=(),
        span=Span(post_view.start, post_view.end),
    )


def _host_of(url: str | None) -> str | None:
    if url is None:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _unreadable(text: str, message: str, diagnostics: Diagnostics) -> Thread:
    """Nothing placeable: the whole text is unparsed, with one TP902."""
    start = len(text) - len(text.lstrip(WHITESPACE))
    end = len(text.rstrip(WHITESPACE))
    unparsed = (_raw_text(text, start, end),) if end > start else ()
    diagnostics.report("TP902", message, Span(start, max(start, end)))
    return Thread(
        dialect="lemmy-api",
        preamble=Preamble(),
        sections=(),
        comments=(),
        unattributed=(),
        unparsed=unparsed,
        diagnostics=diagnostics.sorted(),
    )


def _raw_text(text: str, start: int, end: int) -> Text:
    """A slice of the input as a Text (lines stripped, joined with "\\n")."""
    lines = re.split(r"\r\n|\r|\n", text[start:end])
    return Text("\n".join(line.strip(WHITESPACE) for line in lines), Span(start, end))


# -- Post -------------------------------------------------------------------------


def _post(body: DecodedString, diagnostics: Diagnostics) -> tuple[Preamble, tuple[Section, ...]]:
    (preamble, sections), rendered = read_post(body.value)
    if not rendered:
        _report_plain(body, diagnostics)
    move = _Relocation(body)
    paragraphs = tuple(move.text(p) for p in preamble.paragraphs)
    span = None if preamble.span is None else move.span(preamble.span)
    return Preamble(paragraphs, span), tuple(move.section(s) for s in sections)


def _report_plain(source: DecodedString, diagnostics: Diagnostics) -> None:
    diagnostics.report(
        "TP103",
        "markdown-it-py is not installed (pip install 'threadparse[markdown]'): "
        "the markdown was read as plain text, markup kept",
        Span(source.to_text(0), source.to_text(len(source.value))),
    )


@attrs.frozen
class _Relocation:
    """Spans in a decoded string moved to the JSON text it was decoded from."""

    source: DecodedString

    def span(self, span: Span) -> Span:
        return Span(self.source.to_text(span.start), self.source.to_text(span.end))

    def text(self, text: Text) -> Text:
        links = tuple(attrs.evolve(link, span=self.span(link.span)) for link in text.links)
        return Text(text.text, self.span(text.span), links)

    def item(self, item: Item) -> Item:
        return attrs.evolve(item, span=self.span(item.span))

    def section(self, section: Section) -> Section:
        # Sections nest two levels at most (SectionsBuilder), so this recursion is bounded.
        return attrs.evolve(
            section,
            items=tuple(self.item(i) for i in section.items),
            sections=tuple(self.section(s) for s in section.sections),
            span=self.span(section.span),
        )


# -- Fields -----------------------------------------------------------------------


@attrs.frozen
class _Fields:
    """Typed reads of known fields; a wrong type is reported and read as absent."""

    text: str
    diagnostics: Diagnostics

    def expect(self, node: Node, kind: str, name: str) -> bool:
        if node.kind == kind:
            return True
        if scalar(self.text, node) is not None:  # null is an absent value, not an error
            self.diagnostics.report(
                "TP402", f"{name} is not a {kind}: ignored", Span(node.start, node.end)
            )
        return False

    def _value(self, obj: Node | None, names: Sequence[str], kinds: tuple[type, ...]) -> object:
        if obj is None:
            return None
        for name in names:
            node = obj.get(name)
            if node is None:
                continue
            value = scalar(self.text, node)
            if isinstance(value, kinds) and not (bool not in kinds and isinstance(value, bool)):
                return value
            if value is not None or node.kind in ("object", "array"):
                wanted = "/".join(k.__name__ for k in kinds)
                self.diagnostics.report(
                    "TP402", f"{name} is not {wanted}: ignored", Span(node.start, node.end)
                )
        return None

    def integer(self, obj: Node | None, *names: str) -> int | None:
        value = self._value(obj, names, (int,))
        return value if isinstance(value, int) else None

    def count(self, comment: Node, counts: Node | None, name: str) -> int | None:
        """A vote or reply count: on the comment (1.0), else in its counts (0.19)."""
        own = self.integer(comment, name)
        return own if own is not None else self.integer(counts, name)

    def string(self, obj: Node | None, *names: str) -> str | None:
        value = self._value(obj, names, (str,))
        return value if isinstance(value, str) else None

    def flag(self, obj: Node | None, *names: str) -> bool:
        return self._value(obj, names, (bool,)) is True

    def host(self, obj: Node | None, *names: str) -> str | None:
        """The host of a profile URL; an unreadable URL is reported and read as absent."""
        value = self.string(obj, *names)
        if value is None:
            return None
        try:
            return urlsplit(value).hostname
        except ValueError:  # "http://[::1": urlsplit raises on a broken IPv6 host
            if obj is not None:
                node = next(n for n in (obj.get(name) for name in names) if n is not None)
                self.diagnostics.report(
                    "TP402", f"{value!r} is not a URL: ignored", Span(node.start, node.end)
                )
            return None

    def moment(self, obj: Node | None, *names: str) -> datetime | None:
        value = self.string(obj, *names)
        if value is None:
            return None
        moment = parse_timestamp(value)
        if moment is None and obj is not None:
            node = next(n for n in (obj.get(name) for name in names) if n is not None)
            self.diagnostics.report(
                "TP402", f"{value!r} is not an RFC 3339 time: ignored", Span(node.start, node.end)
            )
        return moment


def parse_timestamp(value: str) -> datetime | None:
    """An RFC 3339 time as an aware datetime (UTC when no zone is given), else None."""
    match = _TIMESTAMP.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(match[i]) for i in range(1, 7))
    micro = int((match[7] or "0")[:6].ljust(6, "0"))
    zone = timezone.utc
    if match[9]:
        offset = timedelta(hours=int(match[10]), minutes=int(match[11]))
        if offset >= timedelta(hours=24):
            return None
        zone = timezone(-offset if match[9] == "-" else offset)
    try:
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=zone)
    except ValueError:
        return None  # a 30th of February, an hour 25


# -- Comments ---------------------------------------------------------------------


@attrs.define
class _Entry:
    """One CommentView, read; ``comment`` lacks only its depth and replies."""

    id: int
    ancestors: tuple[int, ...]  #: ids from the top-level comment down to the parent
    child_count: int | None
    comment: Comment  #: depth 0 and no replies, filled in by _Tree
    index: int = 0


def _entry(view: Node, fields: _Fields, post_creator: int | None) -> _Entry | None:
    comment = view.get("comment")
    if comment is None or comment.kind != "object":
        return None
    path_text = fields.string(comment, "path")
    comment_id = fields.integer(comment, "id")
    ids: list[int] = []
    if path_text is not None and _PATH.fullmatch(path_text):
        ids = [int(part) for part in path_text.split(".")[1:]]
    elif path_text is not None:
        fields.diagnostics.report(
            "TP402",
            f"path {path_text[:40]!r} is not '0.ID.ID...': read as a top-level comment",
            Span(view.start, view.end),
        )
    if comment_id is None:
        if not ids:
            return None
        comment_id = ids[-1]
    ancestors = tuple(ids[:-1]) if ids and ids[-1] == comment_id else tuple(ids)
    counts = view.get("counts")
    creator = view.get("creator")
    published = fields.moment(comment, "published_at", "published")
    updated = fields.moment(comment, "updated_at", "updated")
    content = comment.get("content")
    paragraphs: tuple[Text, ...] = ()
    if content is not None and fields.expect(content, "string", "comment.content"):
        decoded = decode_string(fields.text, content)
        texts, rendered = read_body(decoded.value)
        if not rendered and texts:
            _report_plain(decoded, fields.diagnostics)
        move = _Relocation(decoded)
        paragraphs = tuple(move.text(t) for t in texts)
    built = Comment(
        author=_author(view, creator, fields, post_creator),
        score=fields.count(comment, counts, "score"),
        upvotes=fields.count(comment, counts, "upvotes"),
        downvotes=fields.count(comment, counts, "downvotes"),
        language=None,
        time=None,
        published=published,
        updated=updated,
        edited=updated is not None,
        deleted=fields.flag(comment, "deleted"),
        removed=fields.flag(comment, "removed"),
        more_replies=None,
        depth=0,
        paragraphs=paragraphs,
        replies=(),
        span=Span(view.start, view.end),
    )
    return _Entry(comment_id, ancestors, fields.count(comment, counts, "child_count"), built)


def _author(
    view: Node, creator: Node | None, fields: _Fields, post_creator: int | None
) -> Author | None:
    if creator is None or creator.kind != "object":
        return None
    username = fields.string(creator, "name")
    display = fields.string(creator, "display_name") or username
    if display is None:
        return None
    display = " ".join(display.split())
    name, pronouns = split_pronouns(display)
    instance = fields.host(creator, "ap_id", "actor_id")
    creator_id = fields.integer(creator, "id")
    badges = [
        badge
        for badge, shown in (
            ("Banned", fields.flag(creator, "banned") or fields.flag(view, "creator_banned")),
            ("Banned from community", fields.flag(view, "creator_banned_from_community")),
            ("OP", creator_id is not None and creator_id == _op(view, fields, post_creator)),
            ("M", fields.flag(view, "creator_is_moderator")),
            ("A", fields.flag(view, "creator_is_admin")),
            ("B", fields.flag(creator, "bot_account")),
        )
        if shown
    ]
    return Author(
        name=name,
        display_name=display,
        instance=instance,
        pronouns=pronouns,
        badges=canonical_badges(badges),
        username=username,
    )


def _op(view: Node, fields: _Fields, post_creator: int | None) -> int | None:
    """The post author's id: from the CommentView's own post, else the post_view's."""
    post = view.get("post")
    own = fields.integer(post, "creator_id") if post is not None else None
    return own if own is not None else post_creator


class _Tree:
    """Comments from entries in any order, without recursion.

    Nodes are entry indexes, or ``-1 - n`` for the n-th placeholder.
    """

    def __init__(self, entries: list[_Entry], max_depth: int | None, diagnostics: Diagnostics):
        self.entries = entries
        self.max_depth = max_depth
        self.diagnostics = diagnostics
        self.by_id: dict[int, int] = {}
        for index, entry in enumerate(entries):
            entry.index = index
            if entry.id in self.by_id:
                diagnostics.report(
                    "TP402",
                    f"comment id {entry.id} appears twice: replies go to the first",
                    entry.comment.span,
                )
            else:
                self.by_id[entry.id] = index
        self.placeholders: list[Span] = []  # where each is first needed
        self.placeholder_of: dict[int, int] = {}
        self.children: dict[int | None, list[int]] = {}

    def build(self) -> tuple[Comment, ...]:
        for index, entry in enumerate(self.entries):
            self._attach(index, entry)
        roots = self.children.get(None, [])
        order = list(self._preorder(roots))
        seen = {node for node, _ in order}
        for index in range(len(self.entries)):  # entries whose paths loop never reach a root
            if index not in seen:
                self.diagnostics.report(
                    "TP402",
                    f"comment {self.entries[index].id}'s path loops back on itself: "
                    "read as a top-level comment",
                    self.entries[index].comment.span,
                )
                roots.append(index)
                order.extend(self._preorder([index], seen))  # adds to seen as it goes
        return self._assemble(order)

    def _attach(self, index: int, entry: _Entry) -> None:
        # Missing ancestors first get placeholders, from the top one down, each
        # placed where the first reply needing it is.
        level = len(entry.ancestors)
        while level > 0 and self._node_of(entry.ancestors[level - 1]) is None:
            level -= 1
        for position in range(level, len(entry.ancestors)):
            missing = entry.ancestors[position]
            above = self._node_of(entry.ancestors[position - 1]) if position else None
            self.placeholder_of[missing] = len(self.placeholders)
            self.placeholders.append(entry.comment.span)
            self.children.setdefault(above, []).append(-1 - self.placeholder_of[missing])
            self.diagnostics.report(
                "TP401",
                f"comment {entry.id} is in a reply to comment {missing}, which is not in "
                "the input: an empty placeholder stands in for it",
                entry.comment.span,
            )
        parent = self._node_of(entry.ancestors[-1]) if entry.ancestors else None
        self.children.setdefault(parent, []).append(index)

    def _node_of(self, comment_id: int | None) -> int | None:
        if comment_id is None:
            return None
        if comment_id in self.by_id:
            return self.by_id[comment_id]
        return -1 - self.placeholder_of[comment_id] if comment_id in self.placeholder_of else None

    def _preorder(
        self, roots: list[int], seen: set[int] | None = None
    ) -> Iterator[tuple[int, int]]:
        """Nodes under ``roots`` in pre-order with their depths, each once: ``seen``
        (updated in place) holds the nodes already placed."""
        stack = [(node, 0) for node in reversed(roots)]
        visited = set() if seen is None else seen
        while stack:
            node, depth = stack.pop()
            if node in visited:
                continue
            visited.add(node)
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(self.children.get(node, [])))

    def _assemble(self, order: list[tuple[int, int]]) -> tuple[Comment, ...]:
        """Frozen comments from the pre-order list, deeper ones capped at max_depth."""
        unseen = self._unseen_replies(order)
        cap = self.max_depth
        roots: list[Comment] = []
        stack: list[tuple[int, Comment, list[Comment]]] = []

        def close() -> None:
            _, comment, replies = stack.pop()
            done = attrs.evolve(comment, replies=tuple(replies))
            (stack[-1][2] if stack else roots).append(done)

        for position, (node, depth) in enumerate(order):
            shown = depth if cap is None else min(depth, cap)
            while stack and stack[-1][0] >= shown:
                close()
            comment = self._comment(node, shown, unseen[position])
            if cap is not None and depth > cap:
                self.diagnostics.report(
                    "TP204",
                    f"reply at depth {depth} is deeper than max_depth={cap}: it is attached at "
                    f"depth {cap}, so the comment it replies to is lost",
                    comment.span,
                )
            stack.append((shown, comment, []))
        while stack:
            close()
        return tuple(roots)

    def _unseen_replies(self, order: list[tuple[int, int]]) -> list[int | None]:
        """Per position, the replies below it that the input lacks and no comment
        present below it accounts for: what the page shows as "N more replies".

        ``child_count`` counts a comment's whole branch, so a comment's unseen
        replies are its count less, for each reply present, one plus that
        reply's own branch (its count; for a placeholder, what is below it).
        One pass down for the parents, one back up for the sums: linear.
        """
        parents = [-1] * len(order)
        open_positions: list[int] = []
        for position, (_, depth) in enumerate(order):
            while open_positions and order[open_positions[-1]][1] >= depth:
                open_positions.pop()
            parents[position] = open_positions[-1] if open_positions else -1
            open_positions.append(position)
        below = [0] * len(order)  # the branch sizes the replies present account for
        unseen: list[int | None] = [None] * len(order)
        for position in reversed(range(len(order))):
            node = order[position][0]
            count = self.entries[node].child_count if node >= 0 else None
            if count is not None and count > below[position]:
                unseen[position] = count - below[position]
            branch = below[position] if count is None else max(count, below[position])
            if parents[position] >= 0:
                below[parents[position]] += 1 + branch
        return unseen

    def _comment(self, node: int, depth: int, unseen: int | None) -> Comment:
        if node < 0:
            start = self.placeholders[-1 - node].start
            return _placeholder(depth, Span(start, start))
        return attrs.evolve(self.entries[node].comment, depth=depth, more_replies=unseen)


def _placeholder(depth: int, span: Span) -> Comment:
    """What stands in for a comment the input lacks but a reply names."""
    return attrs.evolve(authorless_comment("missing", span), depth=depth)
