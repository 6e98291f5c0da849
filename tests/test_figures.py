"""The docs' pictures are drawn from real parses, so they cannot drift.

docs/img/parsed-thread.svg is what tools/draw_thread.py draws from its sample
thread; after a change to the parser or the drawing, run
``python tools/draw_thread.py`` and review the new picture like code.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import threadparse
from threadparse import Section, Thread
from tools.draw_thread import OUTPUT, SAMPLE, draw

SVG = "{http://www.w3.org/2000/svg}"
TOUR = Path(__file__).parents[1] / "docs" / "tour.md"


def _boxes(svg: str) -> dict[str, str]:
    """Each box's place in the Thread (``data-path``) and its class (``data-kind``)."""
    root = ET.fromstring(svg)
    return {
        group.attrib["data-path"]: group.attrib["data-kind"]
        for group in root.iter(f"{SVG}g")
        if "data-path" in group.attrib
    }


def _expected(thread: Thread) -> dict[str, str]:
    """Where every node of ``thread`` sits, found here without the drawing's code."""
    found = {"thread": "Thread"}
    if thread.preamble.span is not None:
        found["preamble"] = "Preamble"
    sections: list[tuple[str, Section]] = [
        (f"sections[{n}]", section) for n, section in enumerate(thread.sections)
    ]
    while sections:
        path, section = sections.pop()
        found[path] = "Section"
        found |= {f"{path}.items[{n}]": "Item" for n in range(len(section.items))}
        sections += [(f"{path}.sections[{n}]", sub) for n, sub in enumerate(section.sections)]
    comments = [(f"comments[{n}]", comment) for n, comment in enumerate(thread.comments)]
    while comments:
        path, comment = comments.pop()
        found[path] = "Comment"
        comments += [(f"{path}.replies[{n}]", reply) for n, reply in enumerate(comment.replies)]
    for name in ("unattributed", "unparsed"):
        found |= {f"{name}[{n}]": "Text" for n in range(len(getattr(thread, name)))}
    found |= {f"diagnostics[{n}]": "Diagnostic" for n in range(len(thread.diagnostics))}
    return found


def test_the_committed_picture_is_drawn_from_the_sample_now() -> None:
    committed = OUTPUT.read_text(encoding="utf-8")
    assert committed == draw(SAMPLE), (
        f"{OUTPUT.name} is stale: run `python tools/draw_thread.py`, then look at the picture"
    )


def test_the_tour_parses_the_thread_the_picture_shows() -> None:
    # docs/tour.md's first doctest spells SAMPLE out, a "... " line each.
    lines = "".join(f"... {line}".rstrip() + "\n" for line in SAMPLE.split("\n")[:-1])
    assert f'>>> text = """\\\n{lines}... """\n' in TOUR.read_text(encoding="utf-8"), (
        "docs/tour.md's thread differs from tools/draw_thread.py's SAMPLE"
    )


def test_the_picture_is_well_formed_svg() -> None:
    root = ET.fromstring(draw(SAMPLE))
    assert root.tag == f"{SVG}svg"
    assert root.attrib["width"] == "900"


def test_the_sample_shows_what_the_tour_explains() -> None:
    thread = threadparse.parse(SAMPLE)
    assert thread.dialect == "lemmy-0.19"
    assert len(thread.preamble.paragraphs) == 1
    assert [len(section.items) for section in thread.sections] == [2]
    assert [item.kind for item in thread.sections[0].items] == ["link", "link"]
    assert [comment.depth for comment in thread.walk()] == [0, 1, 0]
    assert [text.text for text in thread.unparsed] == ["A stray footnote"]
    assert [diagnostic.code for diagnostic in thread.diagnostics] == ["TP901"]


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE,
        # Flat text: a post with a sub-section, then lines whose authors are lost.
        (
            'A <b>bold</b> & "quoted" caption, from a reader.\n'
            "Rail Strike\nDepots close daily.\nSources:\nhttps://example.org/rail ~ Reports & <more>.\n"
            "\nGood summary, thanks.\nI had not heard.\n"
        ),
        "",
    ],
    ids=["sample", "flat", "empty"],
)
def test_every_node_has_its_box(text: str) -> None:
    assert _boxes(draw(text)) == _expected(threadparse.parse(text))


def test_text_is_escaped() -> None:
    text = '  • a<b>&c@lemmy.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    x < y & "z"\n'
    root = ET.fromstring(draw(text))
    shown = {"".join(element.itertext()) for element in root.iter(f"{SVG}text")}
    assert 'x < y & "z"' in shown
    assert "• a<b>&c@lemmy.ml" in shown
