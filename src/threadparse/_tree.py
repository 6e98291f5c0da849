"""``dump --format tree``: an outline of a Thread for people to read.

One line per node, indented by nesting, long texts cut to ``WIDTH`` characters.
Trees are walked with an explicit stack (no recursion over reply depth).
"""

from __future__ import annotations

from threadparse.core.models import Comment, Item, Post, Section, Text, Thread
from threadparse.core.source import ESCAPE_CONTROLS
from threadparse.core.walk import preorder

WIDTH = 88
STEP = "  "


def _count_of(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _cut(text: str, room: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= room else flat[: max(room - 1, 1)] + "…"


def _paragraph(text: Text, indent: str, mark: str = "¶") -> str:
    return f"{indent}{mark} {_cut(text.text, WIDTH - len(indent) - 2)}"


def _item(item: Item, indent: str) -> str:
    if item.url is None:
        return f"{indent}- {_cut(item.text, WIDTH - len(indent) - 2)}"
    line = f"{indent}- <{item.url}>"
    if item.description is not None:
        line += f" {_cut(item.description, max(WIDTH - len(line) - 1, 8))}"
    elif item.text != item.url:
        line += f" {_cut(item.text, max(WIDTH - len(line) - 1, 8))}"
    return line


def _comment_head(comment: Comment) -> str:
    author = comment.author
    if comment.missing:
        return (
            f"(comment {comment.id} is not in the input: a placeholder for the comment replied to)"
        )
    who = "(author unknown)" if author is None else author.display_name
    if author is not None and author.instance:
        who += f"@{author.instance}"
    if author is not None and author.badges:
        who += " (" + ", ".join(author.badges) + ")"
    parts = [who]
    if comment.score is not None:
        votes = f"{comment.score:+d}"
        if comment.upvotes is not None:
            votes += f" (↑{comment.upvotes} ↓{comment.downvotes or 0})"
        parts.append(votes)
    if comment.language:
        parts.append(comment.language)
    if comment.time:
        parts.append(comment.time + (" (edited)" if comment.edited else ""))
    elif comment.published is not None:  # exact times (API JSON): minutes are enough here
        parts.append(f"{comment.published:%Y-%m-%d %H:%M}")
        if comment.updated is not None:
            parts.append(f"edited {comment.updated:%Y-%m-%d %H:%M}")
    elif comment.edited:
        parts.append("edited")
    if comment.deleted:
        parts.append("deleted by creator")
    if comment.removed:
        parts.append("removed by mod")
    if comment.more_replies is not None:
        noun = "reply" if comment.more_replies == 1 else "replies"
        parts.append(f"{comment.more_replies} more {noun} not shown")
    return " · ".join(parts)


def _post_lines(post: Post) -> list[str]:
    title = "(no title shown)" if post.title is None else f'"{_cut(post.title, WIDTH - 8)}"'
    parts = []
    if post.author is not None:
        who = post.author.display_name
        if post.author.instance:
            who += f"@{post.author.instance}"
        if post.author.badges:
            who += " (" + ", ".join(post.author.badges) + ")"
        parts.append(f"by {who}")
    community = post.community
    if community is not None:
        where = community.title or community.name or "?"
        parts.append(f"to {where}" + (f"@{community.host}" if community.host else ""))
    if post.language:
        parts.append(post.language)
    if post.score is not None:
        votes = f"{post.score:+d}"
        if post.upvotes is not None:
            votes += f" (↑{post.upvotes} ↓{post.downvotes or 0})"
        parts.append(votes)
    if post.time:
        parts.append(post.time)
    if post.comment_count is not None:
        parts.append(_count_of(post.comment_count, "comment"))
    out = [f"post {title}"]
    if parts:
        out.append(STEP + _cut(" · ".join(parts), WIDTH - len(STEP)))
    if post.domain is not None:
        out.append(f"{STEP}link {post.domain}" + (f" <{post.url}>" if post.url else ""))
    out.extend(_paragraph(t, STEP, "▭") for t in post.embed)
    return out


def render_tree(thread: Thread) -> str:
    about = [thread.dialect]
    if thread.capture is not None:
        about.append(thread.capture)
    if not thread.nesting:
        about.append("nesting not in the text")
    out = [f"thread ({', '.join(about)})"]
    if thread.post is not None:
        out.extend(_post_lines(thread.post))
    if thread.preamble.paragraphs:
        out.append(f"preamble ({_count_of(len(thread.preamble.paragraphs), 'paragraph')})")
        out.extend(_paragraph(p, STEP) for p in thread.preamble.paragraphs)
    sections: list[tuple[Section, str]] = [(s, "") for s in reversed(thread.sections)]
    while sections:
        section, indent = sections.pop()
        title = "(untitled)" if section.title is None else f'"{section.title}"'
        out.append(f"{indent}section {title} ({_count_of(len(section.items), 'item')})")
        out.extend(_item(item, indent + STEP) for item in section.items)
        sections.extend((child, indent + STEP) for child in reversed(section.sections))
    if thread.comments or thread.more_replies:
        # All of them, then how many are top-level (len(thread.comments)).
        more = f", {thread.more_replies} more not shown" if thread.more_replies else ""
        counted = _count_of(_count(thread.comments), "comment")
        out.append(f"{counted} ({len(thread.comments)} top-level{more})")
    comments: list[tuple[Comment, str]] = [(c, STEP) for c in reversed(thread.comments)]
    while comments:
        comment, indent = comments.pop()
        out.append(f"{indent}• {_comment_head(comment)}")
        out.extend(_paragraph(p, indent + STEP) for p in comment.paragraphs)
        comments.extend((reply, indent + STEP) for reply in reversed(comment.replies))
    if thread.unattributed:
        out.append(f"unattributed ({_count_of(len(thread.unattributed), 'paragraph')})")
        out.extend(_paragraph(t, STEP) for t in thread.unattributed)
    if thread.unparsed:
        out.append(f"unparsed ({_count_of(len(thread.unparsed), 'line')})")
        out.extend(_paragraph(t, STEP, "?") for t in thread.unparsed)
    if thread.chrome:
        shown = " · ".join(" ".join(t.text.split()) for t in thread.chrome)
        out.append(f"chrome ({_count_of(len(thread.chrome), 'line')})")
        out.append(STEP + _cut(shown, WIDTH - len(STEP)))
    if thread.diagnostics:
        out.append("diagnostics")
        out.extend(
            f"{STEP}line {d.line}: {d.severity.value} {d.code} {d.message}"
            for d in thread.diagnostics
        )
    return "\n".join(out).translate(ESCAPE_CONTROLS) + "\n"


def _count(comments: tuple[Comment, ...]) -> int:
    return sum(1 for _ in preorder(comments, lambda comment: comment.replies))
