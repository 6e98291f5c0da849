"""Trees from records: comments that name their parent, in any order.

The shared builder for every format whose comments carry ids and parent links
(Lemmy and PieFed paths, Reddit's ``parent_id``, and later Hacker News,
Discourse, Mastodon). A format's reader turns each comment into a ``Record``
(its id, the ids above it, and the ``Comment`` without depth or replies);
``build_tree`` places them, without recursion, in one linear pass.

The policy, for every format alike:

- **Order**: a record's parent is the last of its ``ancestors``, wherever the
  input lists it; siblings keep the input's order.
- **Missing parents**: a parent that is not in the input gets a placeholder
  comment (``missing`` True, its id, no author, no text, an empty span where
  the first reply needing it is), and its replies nest under it (TP401, one
  per missing comment). Where the record names more ancestors (a Lemmy path),
  the placeholders chain down from the nearest one present; where it names
  only its parent (Reddit), the placeholder is a top-level comment.
- **Duplicates**: the second record with an id is kept where it is listed, and
  replies go to the first (TP402).
- **Loops**: records whose parent links never reach a top-level comment are
  read as top-level comments (TP402), each once.
- **Depth**: replies deeper than ``max_depth`` are attached at the cap (TP204).

Every record appears in the tree exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.models import Comment, Span


@attrs.frozen
class Record:
    """One comment of the input, read, and where it goes."""

    id: str
    ancestors: tuple[str, ...]  #: ids from the top-level comment down to the parent
    branch_size: int | None  #: replies in its whole branch (Lemmy's child_count), if known
    comment: Comment  #: without depth and replies; more_replies is kept if branch_size is None


def build_tree(
    records: Sequence[Record], max_depth: int | None, diagnostics: Diagnostics
) -> tuple[Comment, ...]:
    """The top-level comments, each with its replies, from records in any order."""
    return _Tree(list(records), max_depth, diagnostics).build()


@attrs.frozen
class _Missing:
    """A comment the input lacks but a reply names: where it is first needed, its
    id, its parent's id and its post's."""

    span: Span
    id: str
    parent_id: str | None
    post_id: str | None


class _Tree:
    """Comments from entries in any order, without recursion.

    Nodes are entry indexes, or ``-1 - n`` for the n-th placeholder.
    """

    def __init__(self, entries: list[Record], max_depth: int | None, diagnostics: Diagnostics):
        self.entries = entries
        self.max_depth = max_depth
        self.diagnostics = diagnostics
        self.by_id: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if entry.id in self.by_id:
                diagnostics.report(
                    "TP402",
                    f"comment id {entry.id} appears twice: replies go to the first",
                    entry.comment.span,
                )
            else:
                self.by_id[entry.id] = index
        self.placeholders: list[_Missing] = []
        self.placeholder_of: dict[str, int] = {}
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
                    f"comment {self.entries[index].id}'s parent links loop back to it: "
                    "read as a top-level comment",
                    self.entries[index].comment.span,
                )
                roots.append(index)
                order.extend(self._preorder([index], seen))  # adds to seen as it goes
        return self._assemble(order)

    def _attach(self, index: int, entry: Record) -> None:
        # Missing ancestors first get placeholders, from the top one down, each
        # placed where the first reply needing it is.
        level = len(entry.ancestors)
        while level > 0 and self._node_of(entry.ancestors[level - 1]) is None:
            level -= 1
        for position in range(level, len(entry.ancestors)):
            missing = entry.ancestors[position]
            above = entry.ancestors[position - 1] if position else None
            self.placeholder_of[missing] = len(self.placeholders)
            self.placeholders.append(
                _Missing(entry.comment.span, missing, above, entry.comment.post_id)
            )
            self.children.setdefault(self._node_of(above), []).append(
                -1 - self.placeholder_of[missing]
            )
            self.diagnostics.report(
                "TP401",
                f"comment {entry.id} is in a reply to comment {missing}, which is not in "
                "the input: an empty placeholder stands in for it",
                entry.comment.span,
            )
        parent = self._node_of(entry.ancestors[-1]) if entry.ancestors else None
        self.children.setdefault(parent, []).append(index)

    def _node_of(self, comment_id: str | None) -> int | None:
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
            count = self.entries[node].branch_size if node >= 0 else None
            if count is not None and count > below[position]:
                unseen[position] = count - below[position]
            branch = below[position] if count is None else max(count, below[position])
            if parents[position] >= 0:
                below[parents[position]] += 1 + branch
        return unseen

    def _comment(self, node: int, depth: int, unseen: int | None) -> Comment:
        if node >= 0:
            record = self.entries[node]
            if record.branch_size is None:  # the reader gave more_replies itself
                return attrs.evolve(record.comment, depth=depth)
            return attrs.evolve(record.comment, depth=depth, more_replies=unseen)
        missing = self.placeholders[-1 - node]
        return _placeholder(missing, depth)


def _placeholder(missing: _Missing, depth: int) -> Comment:
    """What stands in for a comment the input lacks but a reply names: an empty
    span where the first reply needing it is."""
    start = missing.span.start
    return attrs.evolve(
        authorless_comment("missing", Span(start, start)),
        depth=depth,
        id=missing.id,
        parent_id=missing.parent_id,
        post_id=missing.post_id,
        missing=True,
    )


def authorless_comment(kind: str, span: Span) -> Comment:
    """A comment known only to exist: the one trace flat text keeps of a comment
    (``kind`` "deleted" or "removed"), or an API reply's missing parent (any
    other ``kind``: neither flag set)."""
    return Comment(
        author=None,
        score=None,
        upvotes=None,
        downvotes=None,
        language=None,
        time=None,
        published=None,
        updated=None,
        edited=False,
        deleted=kind == "deleted",
        removed=kind == "removed",
        more_replies=None,
        depth=0,
        paragraphs=(),
        replies=(),
        span=span,
    )
