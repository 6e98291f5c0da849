"""Comment trees of page text in which each comment opens with one header line.

old.reddit and mlmym (and their like) print a comment as a header line
(``[–]name 5 points 2 hours ago``), its body, and a line of buttons
(``permalink embed save reply``); replies nest by a CSS margin, which a copy
keeps as indentation or loses. The formats differ in their grammar (header,
buttons, load-more lines); the tree is built the same way, here:

- ``OpenComment``: a comment while it is read, mutable; ``LineTree.freeze``
  makes the Comments, from the last one back (no recursion).
- ``LineTree.attach``: a comment goes under the innermost comment open on
  the page (``LineTree.page``, outermost first, which the format pops: by
  indentation, or by child counts), capped at ``max_depth`` with TP204.
- ``LineTree.own``: a comment's own lines: body paragraphs, the deletion
  placeholder, and the buttons (the last run of buttons lines, which a body
  may quote but never follows).
- ``LineTree.unplace``: lines that belong to no comment, with one TP901.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from threadparse.core.diagnostics import Diagnostics
from threadparse.core.lemmy import deletion_of
from threadparse.core.models import Author, Comment, Span, Text
from threadparse.core.post import blocks_of, text_of
from threadparse.core.source import Line
from threadparse.core.walk import preorder


@attrs.define(eq=False)
class OpenComment:
    """A comment while the tree is built."""

    author: Author | None
    score: int | None
    time: str | None
    edited: bool
    indent: int  #: of its header line
    start: int
    end: int
    depth: int = 0
    #: replies the header says it holds while none is shown ("(N children)" on a
    #: collapsed comment): its ``more_replies`` when nothing else sets them
    hidden_replies: int | None = None
    last: int = 0  #: for a format that nests by child counts: the last comment under it
    deleted: bool = False
    removed: bool = False
    more_replies: int | None = None
    paragraphs: list[Text] = attrs.field(factory=list)
    replies: list[OpenComment] = attrs.field(factory=list)


@attrs.define
class LineTree:
    max_depth: int | None
    diagnostics: Diagnostics
    roots: list[OpenComment] = attrs.field(factory=list)
    #: the comments open on the page, outermost first (the format pops them)
    page: list[OpenComment] = attrs.field(factory=list)
    unplaced: list[Text] = attrs.field(factory=list)

    def close_to_indent(self, indent: int) -> None:
        """Close the open comments at ``indent`` or deeper."""
        while self.page and self.page[-1].indent >= indent:
            self.page.pop()

    def attach(self, node: OpenComment, header: Span) -> None:
        """Put ``node`` under the innermost open comment and open it; past
        ``max_depth`` it goes beside the comment it answers (TP204)."""
        page_depth = len(self.page)
        node.depth = page_depth
        parent = self.page[-1] if self.page else None
        if self.max_depth is not None and page_depth > self.max_depth:
            self.diagnostics.report(
                "TP204",
                f"reply at depth {page_depth} is deeper than max_depth={self.max_depth}: "
                f"it is attached at depth {self.max_depth}, so the comment it replies "
                "to is lost",
                header,
            )
            node.depth = self.max_depth
            parent = self.page[self.max_depth - 1] if self.max_depth > 0 else None
        self.page.append(node)
        (parent.replies if parent is not None else self.roots).append(node)

    def attach_top(self, node: OpenComment) -> None:
        """Put ``node`` at the top level (its nesting is not in the text)."""
        self.roots.append(node)

    def own(
        self,
        node: OpenComment,
        own: Sequence[Line],
        *,
        starts_buttons: Callable[[Line], bool],
        is_buttons: Callable[[Line], bool],
        one_per_line: bool,
        after_buttons: str,
    ) -> None:
        """Body paragraphs (a line each with ``one_per_line``, else blocks of
        lines), the placeholder of a deleted or removed comment, and the
        buttons: the last line for which ``starts_buttons`` holds and the
        buttons lines after it. What follows them belongs to no comment
        (``after_buttons`` says what it may be)."""
        buttons = next(
            (i for i in range(len(own) - 1, -1, -1) if not own[i].blank and starts_buttons(own[i])),
            None,
        )
        body: Sequence[Line] = own
        after: Sequence[Line] = ()
        if buttons is not None:
            end = buttons
            while end < len(own) and (own[end].blank or is_buttons(own[end])):
                if not own[end].blank:
                    node.end = max(node.end, own[end].content_end)
                end += 1
            body, after = own[:buttons], own[end:]
        blocks = blocks_of(body, one_per_line=one_per_line)
        if blocks and len(blocks[0]) == 1:
            kind = deletion_of(blocks[0][0].content)
            if kind is not None:
                node.deleted = node.deleted or kind == "deleted"
                node.removed = kind == "removed"
                node.end = max(node.end, blocks[0][0].content_end)
                blocks = blocks[1:]
        node.paragraphs = [text_of(block) for block in blocks]
        if node.paragraphs:
            node.end = max(node.end, node.paragraphs[-1].span.end)
        if after:
            self.unplace(after, after_buttons, one_per_line=one_per_line)

    def unplace(self, lines: Sequence[Line], message: str, *, one_per_line: bool) -> None:
        """The lines become ``Thread.unparsed`` texts (a line each, or a run of
        lines each), with one TP901 spanning them all."""
        texts = [text_of(block) for block in blocks_of(lines, one_per_line=one_per_line)]
        if texts:
            self.unplaced += texts
            self.diagnostics.report("TP901", message, Span(texts[0].span.start, texts[-1].span.end))

    def freeze(self) -> tuple[Comment, ...]:
        """The tree as Comments, built from the last comment back (no recursion)."""
        roots = self.roots
        order = list(preorder(tuple(roots), lambda node: tuple(node.replies)))
        done: dict[int, Comment] = {}
        for node in reversed(order):  # every node after its replies
            replies = tuple(done.pop(id(reply)) for reply in node.replies)
            more = node.more_replies
            if more is None and not replies:
                more = node.hidden_replies
            end = max([node.end, *(reply.span.end for reply in replies)])
            done[id(node)] = Comment(
                author=node.author,
                score=node.score,
                upvotes=None,
                downvotes=None,
                language=None,
                time=node.time,
                published=None,
                updated=None,
                edited=node.edited,
                deleted=node.deleted,
                removed=node.removed,
                more_replies=more,
                depth=node.depth,
                paragraphs=tuple(node.paragraphs),
                replies=replies,
                span=Span(node.start, end),
            )
        return tuple(done[id(root)] for root in roots)


def write_comments(
    comments: tuple[Comment, ...],
    *,
    header: Callable[[Comment], str],
    placeholder: Callable[[Comment], str],
    buttons: Callable[[Comment, str], str],
) -> str:
    """Comments as such page text, replies indented 2 spaces a level: each its
    ``header`` line, its ``placeholder`` when deleted or removed, its
    paragraphs, its ``buttons`` line (given the comment and its indent), then
    its replies and a ``load more comments (N replies)`` line for
    ``more_replies``; blank lines between. No recursion."""
    out: list[str] = []
    # Entries are comments to write, or a load-more line to write after a
    # comment's replies, at the replies' indent.
    stack: list[tuple[Comment | str, str]] = [(c, "") for c in reversed(comments)]
    while stack:
        entry, indent = stack.pop()
        if out:
            out.append("")
        if isinstance(entry, str):
            out.append(indent + entry)
            continue
        comment = entry
        out.append(indent + header(comment))
        blocks: list[str] = []
        if comment.deleted or comment.removed:
            blocks.append(placeholder(comment))
        blocks += [paragraph.text for paragraph in comment.paragraphs]
        blocks.append(buttons(comment, indent))
        for block in blocks:
            out += ["", *(indent + line for line in block.split("\n"))]
        inner = indent + "  "
        if comment.more_replies is not None:
            stack.append((f"load more comments ({comment.more_replies} replies)", inner))
        stack += [(reply, inner) for reply in reversed(comment.replies)]
    return "\n".join(out)
