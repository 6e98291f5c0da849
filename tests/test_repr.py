"""Short reprs and public docstrings (issue 19).

``repr()`` of a node that can hold a lot is one line of bounded length whatever
the input: a 5 MB thread used to print 2.9 MB, and a comment's repr embedded
every reply under it. And no public docstring sends the reader to a private
module or names something ``threadparse`` does not export.
"""

from __future__ import annotations

import ast
import inspect
import pickle
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import attrs
import pytest

import threadparse
from threadparse import (
    Author,
    Comment,
    Diagnostic,
    Post,
    Preamble,
    Section,
    Severity,
    Span,
    Text,
    Thread,
    ThreadHead,
    ThreadTail,
)

BOUND = 300  # no repr of a node is longer, whatever it holds


@pytest.fixture(scope="module")
def demo() -> Thread:
    text = resources.files("threadparse").joinpath("data/demo.txt").read_text(encoding="utf-8")
    return threadparse.parse(text)


def test_demo_thread_repr(demo: Thread) -> None:
    assert repr(demo) == (
        "<Thread lemmy-0.19: 5 comments (2 top-level), 2 preamble paragraphs, 3 sections,"
        " 1 chrome line, no diagnostics>"
    )


def test_demo_comment_reprs(demo: Thread) -> None:
    assert [repr(comment) for comment in demo.walk()] == [
        (
            "<Comment by Marigold@hexbear.net, depth 0, +1186, 2 replies (3 in all):"
            " 'Three things we need this week: …'>"
        ),
        (
            "<Comment by compost_enjoyer@lemmy.ml, depth 1, -7, 1 reply:"
            " 'Is a petition really going to change a …'>"
        ),
        (
            "<Comment by Marigold@hexbear.net, depth 2, +42, no replies, 4 more replies not shown:"
            " 'It changed the last one. The minutes …'>"
        ),
        "<Comment by Fern@lemmygrad.ml, depth 1, +7, deleted, no replies>",
        "<Comment by Basil@lemmy.world, depth 0, +31, no replies: 'Ich bringe Tomatensetzlinge mit.'>",
    ]


def test_demo_part_reprs(demo: Thread) -> None:
    assert repr(demo.preamble) == (
        "<Preamble 0:324, 2 paragraphs: 'Image is of volunteers planting the …'>"
    )
    assert [repr(section) for section in demo.sections] == [
        "<Section (untitled) 327:431, level 1, 3 items>",
        "<Section 'Community Gardens' 433:591, level 1, 2 items>",
        "<Section 'Organizing' 593:954, level 1, 2 items, 2 sections>",
    ]
    assert repr(demo.sections[2].sections[0]) == "<Section 'Sources' 684:873, level 2, 3 items>"
    assert repr(demo.chrome) == "(<Text 1990:2006 'Powered by Lemmy'>,)"
    assert repr(demo.comments[0].paragraphs[0]) == (
        "<Text 1110:1225 'Three things we need this week:\\n• people for the Thursday …'>"
    )
    text = resources.files("threadparse").joinpath("data/demo.txt").read_text(encoding="utf-8")
    parts = list(threadparse.iter_thread(text))
    assert repr(parts[0]) == "<ThreadHead lemmy-0.19: 2 preamble paragraphs, 3 sections>"
    assert repr(parts[-1]) == "<ThreadTail: 1 chrome line, no diagnostics>"


def test_small_value_classes_keep_attrs_repr(demo: Thread) -> None:
    author = demo.comments[0].author
    assert repr(author) == (
        "Author(name='Marigold', display_name='Marigold [she/her]', instance='hexbear.net',"
        " pronouns=('she/her',), badges=('OP', 'M'), username=None, url=None)"
    )
    assert repr(Span(3, 14)) == "Span(start=3, end=14)"


def test_reprs_change_nothing_else(demo: Thread) -> None:
    assert pickle.loads(pickle.dumps(demo)) == demo
    assert hash(pickle.loads(pickle.dumps(demo.comments[0]))) == hash(demo.comments[0])
    # Two comments whose reprs read the same still differ where their text does.
    first = demo.comments[0]
    other = attrs.evolve(first, paragraphs=(Text(first.paragraphs[0].text + "!", Span(0, 1)),))
    assert repr(other) == repr(first)
    assert other != first


def _comment(depth: int, replies: tuple[Comment, ...] = (), **changes: object) -> Comment:
    fields: dict[str, object] = {
        "author": Author("ada", "ada", "lemmy.ml", (), ()),
        "score": 3,
        "upvotes": None,
        "downvotes": None,
        "language": None,
        "time": None,
        "published": None,
        "updated": None,
        "edited": False,
        "deleted": False,
        "removed": False,
        "more_replies": None,
        "depth": depth,
        "paragraphs": (Text("Hi.", Span(0, 3)),),
        "replies": replies,
        "span": Span(0, 3),
    }
    fields.update(changes)
    return Comment(**fields)  # type: ignore[arg-type]  # the fields above, by name


def _post(title: str) -> Post:
    return Post(
        title=title,
        author=None,
        community=None,
        url=None,
        domain=None,
        language=None,
        time=None,
        score=None,
        upvotes=None,
        downvotes=None,
        comment_count=None,
        embed=(),
        span=Span(0, 0),
    )


def _thread(comments: tuple[Comment, ...], **changes: object) -> Thread:
    fields: dict[str, object] = {
        "dialect": "lemmy-api",
        "preamble": Preamble(),
        "sections": (),
        "comments": comments,
        "unattributed": (),
        "unparsed": (),
        "diagnostics": (),
    }
    fields.update(changes)
    return Thread(**fields)  # type: ignore[arg-type]  # the fields above, by name


def test_every_optional_part_is_named() -> None:
    missing = _comment(0, author=None, paragraphs=(), id="501", missing=True, score=None)
    removed = _comment(1, author=None, score=None, removed=True, more_replies=1, id="7")
    assert repr(missing) == "<Comment 501, missing, depth 0, no replies>"
    assert (
        repr(removed) == "<Comment 7, depth 1, removed, no replies, 1 more reply not shown: 'Hi.'>"
    )
    line = Text("a line", Span(5, 11))
    error = Diagnostic("TP901", Severity.ERROR, "lost", Span(5, 11), 2)
    thread = _thread(
        (missing,),
        post=_post("Weekly thread"),
        nesting=False,
        more_replies=12,
        unattributed=(line, line),
        unparsed=(line,),
        chrome=(line, line, line),
        diagnostics=(error, error),
    )
    assert repr(thread) == (
        "<Thread lemmy-api 'Weekly thread': 1 comment (not nested), 12 more top-level not shown,"
        " 2 unattributed texts, 1 unparsed text, 3 chrome lines, 2 diagnostics>"
    )
    head = ThreadHead("flat", Preamble(), (), post=_post("T"), nesting=False)
    assert repr(head) == "<ThreadHead flat 'T': not nested>"
    assert repr(ThreadHead("flat", Preamble(), ())) == "<ThreadHead flat: no post text>"
    tail = ThreadTail((), (line,), (error,), more_replies=0)
    assert repr(tail) == "<ThreadTail: 0 more top-level not shown, 1 unparsed text, 1 diagnostic>"
    assert repr(Preamble()) == "<Preamble, no paragraphs>"
    linked = Text("see x", Span(0, 5), (threadparse.Link("https://x.example", "x", Span(4, 5)),))
    assert repr(linked) == "<Text 0:5 'see x' (1 link)>"


def _short(value: object) -> str:
    shown = repr(value)
    assert len(shown) <= BOUND, shown
    assert "\n" not in shown
    return shown


def test_a_huge_thread_reprs_in_a_line() -> None:
    big = "word " * 1_000_000 + "end"  # 5 MB
    paragraph = Text(big, Span(0, len(big)))
    name = "n" * 1_000_000
    author = Author(name, name, "i" * 1_000_000, (), ())
    comments = tuple(
        _comment(0, author=author, paragraphs=(paragraph,), id=str(n)) for n in range(100_000)
    )
    preamble = Preamble((paragraph,) * 1000, Span(0, len(big)))
    section = Section(big, 1, (), (), Span(0, len(big)))
    thread = _thread(
        comments,
        dialect=big,
        post=_post(big),
        preamble=preamble,
        sections=(section,) * 1000,
        unparsed=(paragraph,) * 1000,
    )
    assert _short(thread).startswith("<Thread word word word")
    assert _short(thread).endswith(
        ": 100000 comments, 1000 preamble paragraphs, 1000 sections, 1000 unparsed texts,"
        " no diagnostics>"
    )
    assert _short(comments[-1]).startswith("<Comment 99999 by nnnnn")
    assert _short(comments[-1]).endswith(f"{'n' * 59}…, depth 0, +3, no replies: '{'word ' * 8}…'>")
    assert _short(paragraph) == f"<Text 0:{len(big)} '{'word ' * 11}word…'>"
    _short(preamble)
    _short(section)
    _short(ThreadHead(big, preamble, (section,) * 1000, post=_post(big)))
    _short(ThreadTail((paragraph,) * 1000, (paragraph,) * 1000, ()))


@pytest.mark.parametrize(
    "text",
    [
        "\x00" * 10_000,  # every character takes 4 to show
        "\U0010fffe" * 10_000,  # every character takes 10 to show
        "\n" * 10_000,
        "'\"" * 10_000,
        "x" * 61,
    ],
)
def test_escapes_count_toward_the_bound(text: str) -> None:
    shown = _short(Text(text, Span(0, len(text))))
    quoted = shown[len(f"<Text 0:{len(text)} ") : -1]
    assert len(quoted) <= 62  # 60 characters between the quotes
    assert quoted.endswith(("…'", '…"'))
    assert _short(
        _comment(0, paragraphs=(Text(text, Span(0, 1)),), author=Author(text, text, text, (), ()))
    )


def _chain(depth: int) -> Comment:
    """A reply chain ``depth`` comments deep, built from the bottom (no recursion)."""
    comment = _comment(depth - 1)
    for level in range(depth - 2, -1, -1):
        comment = _comment(level, (comment,))
    return comment


def test_a_deep_chain_reprs_without_recursion() -> None:
    root = _chain(10_000)
    assert repr(root) == "<Comment by ada@lemmy.ml, depth 0, +3, 1 reply (9999 in all): 'Hi.'>"
    assert repr(_thread((root,))) == (
        "<Thread lemmy-api: 10000 comments (1 top-level), no diagnostics>"
    )


# --- public docstrings ---------------------------------------------------------------

SOURCE = Path(threadparse.__file__).parent

#: Docstrings allowed to name an unexported name: none.
KNOWN: set[tuple[str, str]] = set()


def _defined_names() -> set[str]:
    """Every name defined at the top of a threadparse module (read, not imported)."""
    names: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return names


def _public_docs() -> Iterator[tuple[str, object, str]]:
    """(where, object, docstring) of every exported function and class, and of the
    methods the exported classes define."""
    for name in threadparse.__all__:
        value = getattr(threadparse, name)
        if not (inspect.isfunction(value) or inspect.isclass(value)):
            continue
        yield name, value, inspect.getdoc(value) or ""
        if inspect.isclass(value):
            for attribute, member in vars(value).items():
                if inspect.isfunction(member) and member.__doc__:
                    yield f"{name}.{attribute}", member, inspect.getdoc(member) or ""


def _fields() -> set[str]:
    """The attributes of the exported classes: ``thread.unparsed`` is public."""
    names: set[str] = set()
    for name in threadparse.__all__:
        value = getattr(threadparse, name)
        if inspect.isclass(value):
            names.update(n for n in dir(value) if not n.startswith("_"))
            if attrs.has(value):
                names.update(field.name for field in attrs.fields(value))
    return names


def test_public_docstrings_name_no_private_module_or_unexported_name() -> None:
    private_modules = {path.stem for path in SOURCE.rglob("_*.py") if path.stem != "__init__"}
    assert {"_render", "_stream", "_times", "_parser"} <= private_modules
    unexported = _defined_names() - set(threadparse.__all__) - _fields()
    found: set[tuple[str, str]] = set()
    for where, value, doc in _public_docs():
        assert "module docstring" not in doc, where
        assert "this module" not in doc, where
        for word in re.findall(r"(?<!\w)_[a-z]\w*", doc):  # _render, threadparse._times
            found.add((where, word))
        try:
            parameters = set(inspect.signature(value).parameters)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            parameters = set()
        for literal in re.findall(r"``([^`]+)``", doc):
            if literal.startswith("<"):  # a repr shown, not a name
                continue
            for word in re.findall(r"(?<![\w.\"'@/-])[A-Za-z_]\w*(?![\w\"'])", literal):
                if word in unexported and word not in parameters:
                    found.add((where, word))
    assert found <= KNOWN, sorted(found - KNOWN)


def test_the_module_docstring_names_the_main_calls() -> None:
    doc = threadparse.__doc__ or ""
    for name in (
        "parse",
        "parse_file",
        "detect",
        "iter_comments",
        "to_json",
        "to_records",
        "to_frame",
    ):
        assert f"``{name}(" in doc, name
        assert name in threadparse.__all__
    assert "docs/" in doc
