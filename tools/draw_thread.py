"""Draw docs/img/parsed-thread.svg: a short thread beside the ``Thread`` parsed from it.

Left, the input text a line each, with every node's span as a band in the
colour of that node's box; right, the nodes as a tree, each with its key fields.
``python tools/draw_thread.py`` rewrites the picture from a real parse of
``SAMPLE``. tests/test_figures.py fails while the committed picture differs from
``draw(SAMPLE)``, so a parser change that moves a span shows in review as a
changed picture instead of leaving the docs wrong.

The SVG is written by hand, with no plotting library: the same text always gives
the same bytes, and every line of the input is placed at a computed width
(``textLength``), so the bands stay under their characters in any monospace font.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import threadparse
from threadparse import Comment, Section, Span, Thread

# An invented thread in lemmy-0.19 page text (the text a browser copies): a post
# with a preamble and one section of two links, two comments, one reply, and the
# page footer, which no rule places.
SAMPLE = """\
Photos from the repair café, by a volunteer.


Repair Café
https://example.org/cafe ~ Hours and address.
https://example.net/tools - The shared tool list.

  • wren@lemmy.ml
    link
    fedilink
    arrow-up
    12
    ·
    2 hours ago

    Fixed my lamp there last week.

    • Moss [they/them]@hexbear.net
      link
      fedilink
      arrow-up
      3
      ·
      1 hour ago

      Which table did the soldering?

  • kestrel@lemmy.world
    link
    fedilink
    English
    arrow-up
    5
    arrow-down
    1
    ·
    30 minutes ago

    Bring your own fuses.

A stray footnote
"""

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "img" / "parsed-thread.svg"

# Geometry, in pixels.
WIDTH = 900
MARGIN = 16
LINE = 16  # the height of one input line
CHAR = 6.6  # the width of one input character (11px monospace)
TEXT_X = 114.0  # where column 0 of the input starts
BAR_X = 86.0  # the first column of span bars, left of the text
BAR_WIDTH = 4.0
BAR_STEP = 7.0  # from one nesting level's bars to the next
TREE_X = 458.0  # the Thread box's left edge
INDENT = 18.0  # from a box's left edge to its children's
ROW = 13  # the height of one line of fields in a box
GAP = 6  # the least space between two boxes

MONO = "'DejaVu Sans Mono', Menlo, Consolas, monospace"
SANS = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif"
INK = "#1f2328"
MUTED = "#6e7781"

# Tableau 10, without the red and grey that mark what was not read.
# In tree order: the preamble, the section, its items, the comments.
PALETTE = ("#4e79a7", "#f28e2b", "#76b7b2", "#edc948", "#b07aa1", "#59a14f", "#ff9da7", "#9c755f")
UNPARSED = "#79706e"
DIAGNOSTIC = "#e15759"


@dataclass(frozen=True)
class Node:
    """One box on the right: a model object, where it sits, and what to show of it."""

    path: str  # where it is in the Thread: "comments[0].replies[0]"
    kind: str  # its class
    fields: tuple[str, ...]  # its key fields, a line each
    span: Span | None  # None for the Thread, which has none
    level: int  # 0 for the Thread, 1 for its children, ...
    colour: str

    @property
    def label(self) -> str:
        name = self.path.rsplit(".", 1)[-1]
        return f"{name}: {self.kind}" if self.level else self.kind


def nodes(thread: Thread) -> list[Node]:
    """Every node the picture shows, in the order of the tree (and of the text)."""
    found = [
        Node(
            "thread",
            "Thread",
            (f"dialect={thread.dialect!r}", f"unattributed={_short(thread.unattributed, 48)}"),
            None,
            0,
            INK,
        )
    ]
    colours = iter(PALETTE * 8)
    if thread.preamble.span is not None:
        paragraphs = thread.preamble.paragraphs
        shown = tuple(
            f"paragraphs[{n}].text={_short(p.text, 40)}" for n, p in enumerate(paragraphs)
        )
        found.append(Node("preamble", "Preamble", shown, thread.preamble.span, 1, next(colours)))
    for index, section in enumerate(thread.sections):
        found += _section(section, f"sections[{index}]", 1, colours)
    for index, comment in enumerate(thread.comments):
        found += _comments(comment, f"comments[{index}]", colours)
    for name, texts, colour in (
        ("unattributed", thread.unattributed, UNPARSED),
        ("unparsed", thread.unparsed, UNPARSED),
    ):
        for index, text in enumerate(texts):
            found.append(
                Node(
                    f"{name}[{index}]",
                    "Text",
                    (f"text={_short(text.text, 50)}",),
                    text.span,
                    1,
                    colour,
                )
            )
    for index, diagnostic in enumerate(thread.diagnostics):
        fields = (
            f"code={diagnostic.code!r}  severity={diagnostic.severity.value}  line={diagnostic.line}",
            f"message={_short(diagnostic.message, 52)}",
        )
        found.append(
            Node(f"diagnostics[{index}]", "Diagnostic", fields, diagnostic.span, 1, DIAGNOSTIC)
        )
    return found


def _section(section: Section, path: str, level: int, colours: Iterator[str]) -> list[Node]:
    fields = (f"title={section.title!r}  level={section.level}",)
    found = [Node(path, "Section", fields, section.span, level, next(colours))]
    for index, item in enumerate(section.items):
        item_fields = [f"kind={item.kind!r}  url={_short(item.url, 34)}"]
        if item.description is not None:
            item_fields.append(f"description={_short(item.description, 40)}")
        found.append(
            Node(
                f"{path}.items[{index}]",
                "Item",
                tuple(item_fields),
                item.span,
                level + 1,
                next(colours),
            )
        )
    for index, sub in enumerate(section.sections):
        found += _section(sub, f"{path}.sections[{index}]", level + 1, colours)
    return found


def _comments(top: Comment, path: str, colours: Iterator[str]) -> list[Node]:
    """The comment and its replies, without recursion (as ``Thread.walk`` goes)."""
    found = []
    stack = [(top, path)]
    while stack:
        comment, where = stack.pop()
        author = comment.author
        who = (
            f"author.name={author.name!r}  author.instance={author.instance!r}"
            if author
            else "author=None"
        )
        votes = f"depth={comment.depth}  score={comment.score}"
        if comment.upvotes is not None:
            votes += f"  upvotes={comment.upvotes}  downvotes={comment.downvotes}"
        fields = [who, votes, f"time={comment.time!r}"]
        fields += [
            f"paragraphs[{n}].text={_short(p.text, 34)}" for n, p in enumerate(comment.paragraphs)
        ]
        found.append(
            Node(where, "Comment", tuple(fields), comment.span, comment.depth + 1, next(colours))
        )
        stack += [
            (reply, f"{where}.replies[{index}]") for index, reply in enumerate(comment.replies)
        ][::-1]
    return found


def _short(text: object, room: int) -> str:
    """``repr(text)``, cut to ``room`` characters with an ellipsis."""
    shown = repr(text)
    return shown if len(shown) <= room else shown[: room - 2] + "…" + shown[-1]


def draw(text: str) -> str:
    """The picture of ``parse(text)`` beside ``text``, as SVG."""
    thread = threadparse.parse(text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline ending the last line starts no line of its own
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    shown = nodes(thread)

    thread_box = _box_height(shown[0])
    text_top = MARGIN + 28 + thread_box + 18
    text_right = TEXT_X + (max(map(len, lines), default=0) + 1) * CHAR

    def line_of(offset: int) -> int:
        # The last line starting at or before the offset.
        low, high = 0, len(lines) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low

    def top_of(line: int) -> float:
        return text_top + line * LINE

    # The boxes: each as high as its span's first line, or below the box before.
    tops: list[float] = [MARGIN + 28]
    bottom = tops[0] + thread_box + 18
    for node in shown[1:]:
        assert node.span is not None
        wanted = top_of(line_of(node.span.start)) - 2
        tops.append(max(wanted, bottom + GAP))
        bottom = tops[-1] + _box_height(node)
    height = max(top_of(len(lines)), bottom) + 58

    out = [
        (
            '<svg xmlns="http://www.w3.org/2000/svg"'
            f' width="{WIDTH}" height="{_n(height)}" viewBox="0 0 {WIDTH} {_n(height)}"'
            ' role="img" aria-labelledby="title desc">'
        ),
        '<title id="title">A short Lemmy thread and the Thread threadparse parses from it</title>',
        (
            '<desc id="desc">Left: the input text, a line each, with each node\'s span as a'
            " coloured band. Right: the tree of nodes, each box in the colour of its span.</desc>"
        ),
        f'<rect width="{WIDTH}" height="{_n(height)}" rx="10" fill="#ffffff"/>',
        _text(MARGIN, MARGIN + 12, "text", family=SANS, size=13, weight="bold"),
        _text(
            MARGIN + 34,
            MARGIN + 12,
            "the input, exactly as given to parse()",
            family=SANS,
            size=12,
            fill=MUTED,
        ),
        _text(TREE_X, MARGIN + 12, "parse(text)", family=MONO, size=13, weight="bold"),
        _text(
            TREE_X + 92,
            MARGIN + 12,
            "the Thread, a tree of frozen objects",
            family=SANS,
            size=12,
            fill=MUTED,
        ),
        _text(MARGIN + 22, text_top - 6, "line", family=SANS, size=10, fill=MUTED, anchor="end"),
        _text(MARGIN + 60, text_top - 6, "offset", family=SANS, size=10, fill=MUTED, anchor="end"),
    ]

    # Bands: a node's span, first character to last, in its colour's pale tint;
    # a child's band is drawn over its parent's.
    bands: list[str] = []
    bars: list[str] = []
    marks: list[str] = []
    for node in shown[1:]:
        assert node.span is not None
        first, last = line_of(node.span.start), line_of(max(node.span.start, node.span.end - 1))
        if node.kind == "Diagnostic":
            marks += _wave(node, lines, starts, top_of)
            continue
        # One shape, as an editor shows a selection: from the first character to
        # the right edge, whole lines, then to the last character.
        left, right = TEXT_X, text_right
        x_start = TEXT_X + (node.span.start - starts[first]) * CHAR
        x_end = TEXT_X + (node.span.end - starts[last]) * CHAR
        y_first, y_last = top_of(first), top_of(last) + LINE
        if first == last:
            corners = [(x_start, y_first), (x_end, y_first), (x_end, y_last), (x_start, y_last)]
        else:
            corners = [
                (x_start, y_first),
                (right, y_first),
                (right, y_last - LINE),
                (x_end, y_last - LINE),
                (x_end, y_last),
                (left, y_last),
                (left, y_first + LINE),
                (x_start, y_first + LINE),
            ]
        outline = "L".join(f"{_n(x)} {_n(y)}" for x, y in corners)
        bands.append(f'<path d="M{outline}Z" fill="{_tint(node.colour)}"/>')
        column = node.level - 1
        bars.append(
            f'<rect x="{_n(BAR_X + column * BAR_STEP)}" y="{_n(top_of(first) + 1)}"'
            f' width="{_n(BAR_WIDTH)}" height="{_n((last - first + 1) * LINE - 2)}"'
            f' rx="2" fill="{node.colour}"/>'
        )
    out += ['<g class="bands">', *bands, *bars, *marks, "</g>"]

    out.append(f'<g class="input" font-family={quoteattr(MONO)} font-size="11" fill="{INK}">')
    for number, line in enumerate(lines):
        baseline = top_of(number) + 12
        out.append(
            _text(
                MARGIN + 22,
                baseline,
                str(number + 1),
                size=10,
                fill=MUTED,
                anchor="end",
                family=SANS,
            )
        )
        out.append(
            _text(
                MARGIN + 60,
                baseline,
                str(starts[number]),
                size=10,
                fill=MUTED,
                anchor="end",
                family=SANS,
            )
        )
        body = line.lstrip(" ")
        if body:
            indent = len(line) - len(body)
            out.append(
                f'<text x="{_n(TEXT_X + indent * CHAR)}" y="{_n(baseline)}"'
                f' textLength="{_n(len(body) * CHAR)}" lengthAdjust="spacingAndGlyphs"'
                f' xml:space="preserve">{escape(body)}</text>'
            )
    out.append("</g>")

    # The tree: a grey elbow from each parent down to each child, under the boxes.
    parents: list[int] = []
    links: list[str] = []
    for index, node in enumerate(shown):
        del parents[node.level :]
        if parents:
            parent = parents[-1]
            x = _box_x(shown[parent]) + 8
            y = tops[index] + 10
            links.append(
                f'<path d="M{_n(x)} {_n(tops[parent] + _box_height(shown[parent]))}'
                f'V{_n(y)}H{_n(_box_x(node))}" fill="none" stroke="#afb8c1" stroke-width="1.2"/>'
            )
        parents.append(index)
    out += ['<g class="tree">', *links, "</g>"]

    for node, top in zip(shown, tops, strict=True):
        out += _box(node, top)

    legend_y = height - 34
    for number, sentence in enumerate(
        (
            (
                "Each band is a node's span, text[span.start:span.end]: character offsets into"
                " the exact input. A child's band lies over its parent's;"
            ),
            (
                "the bars left of the text show each span whole. A red wave marks the span"
                " of a diagnostic: input the parser could not place or read fully."
            ),
        )
    ):
        out.append(
            _text(MARGIN, legend_y + number * 15, sentence, family=SANS, size=11, fill=MUTED)
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _box_x(node: Node) -> float:
    return TREE_X + node.level * INDENT


def _box_height(node: Node) -> int:
    return 20 + ROW * len(node.fields)


def _box(node: Node, top: float) -> list[str]:
    """A node's box: its place and class, its span, its fields."""
    x = _box_x(node)
    width = WIDTH - MARGIN - x
    fill = "#f6f8fa" if node.span is None else _tint(node.colour)
    span = "" if node.span is None else f"span {node.span.start}:{node.span.end}"
    title = node.path + (f", {span}" if span else "")
    out = [
        f'<g class="node" data-path={quoteattr(node.path)} data-kind="{node.kind}">',
        f"<title>{escape(title)}</title>",
        (
            f'<rect x="{_n(x)}" y="{_n(top)}" width="{_n(width)}" height="{_box_height(node)}"'
            f' rx="5" fill="{fill}" stroke="{node.colour}" stroke-width="1.5"/>'
        ),
        _text(x + 8, top + 14, node.label, family=SANS, size=11.5, weight="bold"),
    ]
    if span:
        out.append(
            _text(x + width - 8, top + 14, span, family=MONO, size=10.5, fill=MUTED, anchor="end")
        )
    for number, field in enumerate(node.fields):
        out.append(_text(x + 8, top + 14 + ROW * (number + 1), field, family=MONO, size=10.5))
    out.append("</g>")
    return out


def _wave(
    node: Node, lines: list[str], starts: list[int], top_of: Callable[[int], float]
) -> list[str]:
    """A wavy underline under the characters of a diagnostic's span that are not
    white space, as an editor marks an error."""
    assert node.span is not None
    out = []
    for line, content in enumerate(lines):
        indent = len(content) - len(content.lstrip())
        start = max(node.span.start - starts[line], indent)
        end = min(node.span.end - starts[line], len(content.rstrip()))
        if start >= end:
            continue
        left, right = TEXT_X + start * CHAR, TEXT_X + end * CHAR
        y = top_of(line) + LINE - 1.5
        points = [f"M{_n(left)} {_n(y)}"]
        x, up = left, True
        while x < right:
            x = min(x + 3, right)
            points.append(f"L{_n(x)} {_n(y - 2 if up else y)}")
            up = not up
        out.append(
            f'<path d="{"".join(points)}" fill="none" stroke="{node.colour}" stroke-width="1.3"/>'
        )
    return out


def _text(
    x: float,
    y: float,
    content: str,
    *,
    family: str,
    size: float,
    fill: str = INK,
    weight: str | None = None,
    anchor: str | None = None,
) -> str:
    extra = (f' font-weight="{weight}"' if weight else "") + (
        f' text-anchor="{anchor}"' if anchor else ""
    )
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family={quoteattr(family)} font-size="{_n(size)}"'
        f' fill="{fill}"{extra} xml:space="preserve">{escape(content)}</text>'
    )


def _tint(colour: str) -> str:
    """``colour`` mixed into white, three parts white to one of colour: a band's fill."""
    mixed = (round(255 - (255 - int(colour[i : i + 2], 16)) * 0.28) for i in (1, 3, 5))
    return "#" + "".join(f"{part:02x}" for part in mixed)


def _n(value: float) -> str:
    """A coordinate, to a tenth of a pixel, without a trailing ``.0``."""
    shown = f"{value:.1f}"
    return shown.removesuffix(".0")


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(draw(SAMPLE), encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
