"""``to_dict``: the JSON contract (schema_version 1), kept apart from the models.

Trees are walked with an explicit stack, so a reply chain deeper than Python's
recursion limit converts like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from threadparse.core.models import (
    Author,
    Comment,
    Diagnostic,
    Item,
    Post,
    Preamble,
    Section,
    Span,
    Text,
    Thread,
    ThreadHead,
    ThreadTail,
)

SCHEMA_VERSION = 1

JSON = dict[str, Any]


def to_dict(thread: Thread) -> JSON:
    """The thread as plain dicts, lists, strings, ints, bools and None (JSON-ready)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "dialect": thread.dialect,
        "preamble": _preamble(thread.preamble),
        "sections": [_tree(s, _section, "sections") for s in thread.sections],
        "comments": [_tree(c, _comment, "replies") for c in thread.comments],
        "unattributed": [_text(t) for t in thread.unattributed],
        "unparsed": [_text(t) for t in thread.unparsed],
        "diagnostics": [_diagnostic(d) for d in thread.diagnostics],
        "post": _post(thread.post),
        "chrome": [_text(t) for t in thread.chrome],
        "capture": thread.capture,
        "nesting": thread.nesting,
        "more_replies": thread.more_replies,
    }


def _post(post: Post | None) -> JSON | None:
    if post is None:
        return None
    community = post.community
    return {
        "id": post.id,
        "title": post.title,
        "author": _author(post.author),
        "community": None
        if community is None
        else {"name": community.name, "title": community.title, "host": community.host},
        "url": post.url,
        "domain": post.domain,
        "language": post.language,
        "time": post.time,
        "score": post.score,
        "upvotes": post.upvotes,
        "downvotes": post.downvotes,
        "comment_count": post.comment_count,
        "published": _moment(post.published),
        "embed": [_text(t) for t in post.embed],
        "span": _span(post.span),
    }


def part_to_dict(part: ThreadHead | Comment | ThreadTail) -> JSON:
    """One part of ``iter_thread`` as one JSON Lines record, told apart by ``"kind"``.

    ``{"kind": "head", "schema_version", "dialect", "preamble", "sections"}``,
    then ``{"kind": "comment", ...}`` per top-level comment (the fields of a
    comment in ``to_dict``), then ``{"kind": "tail", "unattributed",
    "unparsed", "diagnostics"}``: together, the keys of ``to_dict``.
    """
    if isinstance(part, ThreadHead):
        return {
            "kind": "head",
            "schema_version": SCHEMA_VERSION,
            "dialect": part.dialect,
            "preamble": _preamble(part.preamble),
            "sections": [_tree(s, _section, "sections") for s in part.sections],
            "post": _post(part.post),
            "capture": part.capture,
            "nesting": part.nesting,
        }
    if isinstance(part, ThreadTail):
        return {
            "kind": "tail",
            "unattributed": [_text(t) for t in part.unattributed],
            "unparsed": [_text(t) for t in part.unparsed],
            "diagnostics": [_diagnostic(d) for d in part.diagnostics],
            "chrome": [_text(t) for t in part.chrome],
            "more_replies": part.more_replies,
        }
    return {"kind": "comment", **_tree(part, _comment, "replies")}


def _preamble(preamble: Preamble) -> JSON:
    return {
        "paragraphs": [_text(p) for p in preamble.paragraphs],
        "span": _span(preamble.span) if preamble.span else None,
    }


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def _text(text: Text) -> JSON:
    return {
        "text": text.text,
        "span": _span(text.span),
        "links": [
            {"url": link.url, "text": link.text, "span": _span(link.span)} for link in text.links
        ],
    }


def _item(item: Item) -> JSON:
    return {
        "kind": item.kind,
        "text": item.text,
        "url": item.url,
        "description": item.description,
        "span": _span(item.span),
    }


Node = TypeVar("Node", Section, Comment)


def _tree(root: Node, convert: Callable[[Node], JSON], children: str) -> JSON:
    """``convert`` every node of the tree under ``root``; each converted node's
    ``children`` list is filled with its children's, on an explicit stack."""
    out = convert(root)
    stack = [(root, out)]
    while stack:
        node, converted = stack.pop()
        for child in getattr(node, children):
            child_out = convert(child)
            converted[children].append(child_out)
            stack.append((child, child_out))
    return out


def _section(section: Section) -> JSON:
    return {
        "title": section.title,
        "level": section.level,
        "items": [_item(i) for i in section.items],
        "sections": [],
        "span": _span(section.span),
    }


def _author(author: Author | None) -> JSON | None:
    if author is None:
        return None
    return {
        "name": author.name,
        "display_name": author.display_name,
        "instance": author.instance,
        "pronouns": list(author.pronouns),
        "badges": list(author.badges),
        "username": author.username,
        "url": author.url,
    }


def _comment(comment: Comment) -> JSON:
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "post_id": comment.post_id,
        "url": comment.url,
        "missing": comment.missing,
        "author": _author(comment.author),
        "score": comment.score,
        "upvotes": comment.upvotes,
        "downvotes": comment.downvotes,
        "language": comment.language,
        "time": comment.time,
        "published": _moment(comment.published),
        "updated": _moment(comment.updated),
        "edited": comment.edited,
        "deleted": comment.deleted,
        "removed": comment.removed,
        "more_replies": comment.more_replies,
        "depth": comment.depth,
        "paragraphs": [_text(p) for p in comment.paragraphs],
        "replies": [],
        "span": _span(comment.span),
    }


def _moment(moment: datetime | None) -> str | None:
    """RFC 3339, as the Lemmy API writes it (``2024-05-20T14:03:11.123456+00:00``)."""
    return None if moment is None else moment.isoformat()


def _diagnostic(diagnostic: Diagnostic) -> JSON:
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "line": diagnostic.line,
        "span": _span(diagnostic.span),
    }
