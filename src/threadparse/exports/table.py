"""A thread as a table: one flat row per node, with fixed columns.

Every platform gives the same columns, so tables of threads from Lemmy page
text, Reddit's JSON and Hacker News stack into one. A row is a node:

- ``post``: the post, where the thread has one (a header, a preamble or link
  sections: the seeds' page text and flat dumps start with the post's text);
  its text is the preamble's (the link sections stay in ``Thread.sections``);
- ``comment``: each comment, replies included, in page order (``Thread.walk``);
- ``unattributed``: each line of discussion text whose author is lost (flat text).

Each row has an ``id`` unique in its thread, made from where the node is, so
it exists whatever the input kept: ``post``, ``c0.2.1`` for the second reply
(0-based) of the third reply of the first top-level comment, ``u4`` for the
fifth unattributed line. The platform's own id, where the input gives one, is
``native_id``. ``parent_id`` is the row replied to: the parent comment's id, or
``post`` for a top-level comment when the thread has a post row. So the
``id``/``parent_id`` pairs are the reply tree's edge list, rooted at the post.

Only the standard library here; ``to_frame`` imports pandas when called, and
``threadparse.exports.arrow`` holds the Parquet schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from threadparse.core.models import Author, Comment, Text, Thread
from threadparse.exports import missing

if TYPE_CHECKING:
    import pandas

#: What a cell may hold: text, a count, a flag, an exact moment, or nothing.
Cell = str | int | bool | datetime | None
#: One row: every column of ``threadparse.RECORD_COLUMNS``, in that order.
Record = dict[str, Cell]

#: The columns of every row, in order, with their types: ``str``, ``int``,
#: ``bool`` or ``datetime``. Every cell may be None (what the input lacks).
COLUMNS: dict[str, Literal["str", "int", "bool", "datetime"]] = {
    "source": "str",  # the file it came from, as given to to_records(source=...)
    "dialect": "str",  # the reader that read the thread
    "kind": "str",  # post, comment, unattributed
    "id": "str",  # unique in the thread: post, c0.2.1, u4
    "parent_id": "str",  # the row replied to: a comment's id, or post
    "root_id": "str",  # the top-level comment the row is under (itself at the top)
    "depth": "int",  # 0 for top-level comments, one more per level; None off the tree
    "path": "str",  # 0-based positions among siblings, dot-joined: 0.2.1
    "native_id": "str",  # the platform's id for the node, where the input gives one
    "native_parent_id": "str",  # the platform's id of the comment replied to
    "author": "str",  # the name, without pronouns
    "author_display_name": "str",  # the name as shown, pronoun tag included
    "author_instance": "str",  # the author's host, where shown
    "author_username": "str",  # the account name, where the input gives it
    "author_pronouns": "str",  # the pronoun tag's entries, joined with ", "
    "author_badges": "str",  # OP, M, A, B, Banned..., joined with ", "
    "title": "str",  # the post's title (post rows)
    "url": "str",  # the node's own address, or a link post's link
    "score": "int",
    "upvotes": "int",
    "downvotes": "int",
    "language": "str",
    "time": "str",  # the relative time as shown: "2 days ago"
    "published": "datetime",  # exact, where the input says (API JSON)
    "updated": "datetime",
    "edited": "bool",
    "deleted": "bool",
    "removed": "bool",
    "missing": "bool",  # a placeholder for a comment the input lacks (TP401)
    "more_replies": "int",  # replies the input did not show
    "text": "str",  # the paragraphs, joined with a blank line
    "start": "int",  # the node's span in the input
    "end": "int",
}

POST_ID = "post"


def to_records(thread: Thread, *, source: str | None = None) -> list[Record]:
    """One row per node of ``thread`` (post, comments, unattributed text), as dicts.

    Every row has the keys of ``threadparse.RECORD_COLUMNS`` in that order; ``source`` fills the
    column of that name (a file name, so tables of many files stay apart).

    >>> import threadparse
    >>> thread = threadparse.parse(
    ...     "  • ada@lemmy.ml\\n    arrow-up\\n    3\\n    ·\\n    1 day ago\\n\\n    Hi!\\n"
    ...     "    • bo@lemmy.ml\\n      arrow-up\\n      1\\n      ·\\n      2 hours ago\\n\\n"
    ...     "      Hello.\\n"
    ... )
    >>> [(r["id"], r["parent_id"], r["author"], r["score"], r["text"])
    ...  for r in threadparse.to_records(thread)]
    [('c0', None, 'ada', 3, 'Hi!'), ('c0.0', 'c0', 'bo', 1, 'Hello.')]
    """
    return list(iter_records(thread, source=source))


def iter_records(thread: Thread, *, source: str | None = None) -> Iterator[Record]:
    """``to_records``, a row at a time."""
    shared = {"source": source, "dialect": thread.dialect}
    has_post = thread.post is not None or bool(thread.preamble.paragraphs or thread.sections)
    if has_post:
        yield _post_row(thread, shared)
    top_parent = POST_ID if has_post else None
    # Paths are built on the walk's stack: (comment, its path) pairs, pre-order.
    stack: list[tuple[Comment, str, str | None, str]] = [
        (comment, str(index), top_parent, "")
        for index, comment in reversed(list(enumerate(thread.comments)))
    ]
    while stack:
        comment, path, parent, root = stack.pop()
        key = "c" + path
        yield _comment_row(comment, shared, key, path, parent, root or key)
        stack.extend(
            (reply, f"{path}.{index}", key, root or key)
            for index, reply in reversed(list(enumerate(comment.replies)))
        )
    for index, line in enumerate(thread.unattributed):
        yield _row(
            shared,
            kind="unattributed",
            id=f"u{index}",
            text=line.text,
            start=line.span.start,
            end=line.span.end,
        )


def to_frame(thread: Thread, *, source: str | None = None) -> pandas.DataFrame:
    """``to_records`` as a pandas DataFrame with a fixed dtype per column.

    Counts are ``Int64`` and flags ``boolean`` (both nullable), exact times
    ``datetime64[us, UTC]``, text ``string``: the same dtypes for any thread,
    empty or not, so frames of many threads concatenate cleanly.
    Needs pandas (``pip install 'threadparse[pandas]'``).
    """
    try:
        import pandas  # optional: only this call needs it
    except ImportError as error:
        raise missing("pandas", "pandas") from error

    rows = to_records(thread, source=source)
    frame = pandas.DataFrame(
        {name: pandas.Series([row[name] for row in rows], dtype=object) for name in COLUMNS},
        columns=list(COLUMNS),
    )
    for name, kind in COLUMNS.items():
        if kind == "datetime":  # aware datetimes at any offset, as one UTC column
            frame[name] = pandas.to_datetime(frame[name], utc=True)
        frame[name] = frame[name].astype(_PANDAS_DTYPES[kind])  # type: ignore[call-overload]  # the stubs list literal dtypes only
    return frame


_PANDAS_DTYPES = {
    "str": "string",
    "int": "Int64",
    "bool": "boolean",
    "datetime": "datetime64[us, UTC]",
}


def _row(shared: dict[str, Any], **cells: Any) -> Record:
    row: Record = dict.fromkeys(COLUMNS)
    row.update(shared)
    row.update(cells)
    return row


def _joined(paragraphs: tuple[Text, ...]) -> str | None:
    return "\n\n".join(paragraph.text for paragraph in paragraphs) if paragraphs else None


def _author_cells(author: Author | None) -> dict[str, Cell]:
    if author is None:
        return {}
    return {
        "author": author.name,
        "author_display_name": author.display_name,
        "author_instance": author.instance,
        "author_username": author.username,
        "author_pronouns": ", ".join(author.pronouns) or None,
        "author_badges": ", ".join(author.badges) or None,
    }


def _post_row(thread: Thread, shared: dict[str, Any]) -> Record:
    post = thread.post
    spans = [section.span for section in thread.sections]
    spans += [span for span in (thread.preamble.span, post.span if post else None) if span]
    cells: dict[str, Cell] = {
        "text": _joined(thread.preamble.paragraphs),
        "start": min(span.start for span in spans),
        "end": max(span.end for span in spans),
    }
    if post is not None:
        cells.update(_author_cells(post.author))
        cells.update(
            native_id=post.id,
            title=post.title,
            url=post.url,
            score=post.score,
            upvotes=post.upvotes,
            downvotes=post.downvotes,
            language=post.language,
            time=post.time,
            published=post.published,
        )
    return _row(shared, kind="post", id=POST_ID, **cells)


def _comment_row(
    comment: Comment, shared: dict[str, Any], key: str, path: str, parent: str | None, root: str
) -> Record:
    return _row(
        shared,
        kind="comment",
        id=key,
        parent_id=parent,
        root_id=root,
        depth=comment.depth,
        path=path,
        native_id=comment.id,
        native_parent_id=comment.parent_id,
        **_author_cells(comment.author),
        url=comment.url,
        score=comment.score,
        upvotes=comment.upvotes,
        downvotes=comment.downvotes,
        language=comment.language,
        time=comment.time,
        published=comment.published,
        updated=comment.updated,
        edited=comment.edited,
        deleted=comment.deleted,
        removed=comment.removed,
        missing=comment.missing,
        more_replies=comment.more_replies,
        text=_joined(comment.paragraphs),
        start=comment.span.start,
        end=comment.span.end,
    )
