"""``to_dict``: the JSON contract (schema_version 1), kept apart from the models.

Trees are walked with an explicit stack, so a reply chain deeper than Python's
recursion limit converts like any other.
"""

from __future__ import annotations

from typing import Any

from threadparse._models import Author, Comment, Diagnostic, Item, Section, Span, Text, Thread

SCHEMA_VERSION = 1

JSON = dict[str, Any]


def to_dict(thread: Thread) -> JSON:
    """The thread as plain dicts, lists, strings, ints, bools and None (JSON-ready)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "dialect": thread.dialect,
        "preamble": {
            "paragraphs": [_text(p) for p in thread.preamble.paragraphs],
            "span": _span(thread.preamble.span) if thread.preamble.span else None,
        },
        "sections": [_section_tree(s) for s in thread.sections],
        "comments": [_comment_tree(c) for c in thread.comments],
        "unattributed": [_text(t) for t in thread.unattributed],
        "unparsed": [_text(t) for t in thread.unparsed],
        "diagnostics": [_diagnostic(d) for d in thread.diagnostics],
    }


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def _text(text: Text) -> JSON:
    return {"text": text.text, "span": _span(text.span)}


def _item(item: Item) -> JSON:
    return {
        "kind": item.kind,
        "text": item.text,
        "url": item.url,
        "description": item.description,
        "span": _span(item.span),
    }


def _section_tree(root: Section) -> JSON:
    out = _section(root)
    stack = [(root, out)]
    while stack:
        section, converted = stack.pop()
        for child in section.sections:
            child_out = _section(child)
            converted["sections"].append(child_out)
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
    }


def _comment_tree(root: Comment) -> JSON:
    out = _comment(root)
    stack = [(root, out)]
    while stack:
        comment, converted = stack.pop()
        for reply in comment.replies:
            reply_out = _comment(reply)
            converted["replies"].append(reply_out)
            stack.append((reply, reply_out))
    return out


def _comment(comment: Comment) -> JSON:
    return {
        "author": _author(comment.author),
        "score": comment.score,
        "upvotes": comment.upvotes,
        "downvotes": comment.downvotes,
        "language": comment.language,
        "time": comment.time,
        "edited": comment.edited,
        "deleted": comment.deleted,
        "removed": comment.removed,
        "more_replies": comment.more_replies,
        "depth": comment.depth,
        "paragraphs": [_text(p) for p in comment.paragraphs],
        "replies": [],
        "span": _span(comment.span),
    }


def _diagnostic(diagnostic: Diagnostic) -> JSON:
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "line": diagnostic.line,
        "span": _span(diagnostic.span),
    }
