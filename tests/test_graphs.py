"""The graph exports: the reply tree is the table's (id, parent_id) pairs, the author
graph's weights are the replies counted from the model, and networkx stays optional."""

from __future__ import annotations

import importlib
import sys
from collections import Counter

import attrs
import networkx
import pytest

import threadparse
import threadparse.exports
from tests.export_samples import SAMPLES, parsed
from threadparse import Author, Comment, Span, Thread
from threadparse.core.records import authorless_comment
from threadparse.exports.graphs import author_edges, reply_graph, reply_tree
from threadparse.exports.table import to_records


def page(comments: list[tuple[int, str, str]]) -> Thread:
    """lemmy-0.19 page text of (depth, author as shown, text) comments, in page order."""
    text = ""
    for depth, author, body in comments:
        bullet, indent = " " * (2 + 2 * depth), " " * (4 + 2 * depth)
        text += f"{bullet}• {author}\n"
        text += "".join(f"{indent}{line}\n" for line in ("arrow-up", "1", "·", "1 day ago", ""))
        text += f"{indent}{body}\n"
    thread = threadparse.parse(text)
    assert thread.dialect == "lemmy-0.19"
    assert thread.diagnostics == ()
    return thread


# A conversation with a reply pair made twice, a reply to oneself and a host-less name.
BACK_AND_FORTH = [
    (0, "ada@lemmy.ml", "one"),
    (1, "bo", "two"),
    (2, "ada@lemmy.ml", "three"),
    (3, "bo", "four"),
    (1, "ada@lemmy.ml", "five"),
    (1, "cy@hexbear.net", "six"),
    (0, "cy@hexbear.net", "seven"),
    (1, "bo", "eight"),
]


# -- reply_tree ------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_tree_edges_are_exactly_the_rows_id_parent_pairs(name: str) -> None:
    thread = parsed(name)
    rows = to_records(thread)
    tree = reply_tree(thread)
    assert list(tree.nodes) == [row["id"] for row in rows]
    assert sorted(tree.edges) == sorted(
        (row["id"], row["parent_id"]) for row in rows if row["parent_id"] is not None
    )
    assert tree.number_of_edges() == sum(row["parent_id"] is not None for row in rows)
    for row in rows:  # every cell but the empty ones, unchanged
        assert tree.nodes[str(row["id"])] == {k: v for k, v in row.items() if v is not None}
    assert tree.graph == {"dialect": thread.dialect}


@pytest.mark.parametrize("name", SAMPLES)
def test_tree_is_a_forest_pointing_to_its_roots(name: str) -> None:
    thread = parsed(name)
    tree = reply_tree(thread)
    assert all(degree <= 1 for _, degree in tree.out_degree)
    assert networkx.is_directed_acyclic_graph(tree)
    roots = [node for node, degree in tree.out_degree if degree == 0]
    assert roots == [row["id"] for row in to_records(thread) if row["parent_id"] is None]


def test_demo_tree_is_rooted_at_the_post() -> None:
    tree = reply_tree(parsed("demo"))
    assert list(tree.edges) == [
        ("c0", "post"),
        ("c0.0", "c0"),
        ("c0.0.0", "c0.0"),
        ("c0.1", "c0"),
        ("c1", "post"),
    ]
    # Edges point to the parent: a node's ancestors are the replies under it.
    assert networkx.ancestors(tree, "c0") == {"c0.0", "c0.0.0", "c0.1"}
    assert networkx.descendants(tree, "c0.0.0") == {"c0.0", "c0", "post"}
    assert tree.nodes["c0"]["author"] == "Marigold"
    assert "native_id" not in tree.nodes["c0"]  # None in the row: absent here


def test_tree_without_a_post_row_has_a_root_per_top_level_comment() -> None:
    tree = reply_tree(parsed("hexbear"))
    assert list(tree.edges) == [("c0.0", "c0"), ("c0.0.0", "c0.0")]
    assert list(tree.nodes) == ["c0", "c0.0", "c0.0.0", "c1"]


def test_unattributed_lines_are_nodes_without_edges() -> None:
    tree = reply_tree(parsed("flat_only"))
    assert list(tree.nodes) == ["u0", "u1", "u2"]
    assert list(tree.edges) == []
    assert tree.nodes["u1"]["kind"] == "unattributed"
    flat_post = reply_tree(parsed("flat_post"))
    assert list(flat_post.edges) == [("c0", "post"), ("c1", "post")]
    assert list(flat_post.nodes) == ["post", "c0", "c1", "u0", "u1"]


def test_placeholder_for_a_missing_parent_is_a_node_with_its_reply() -> None:
    tree = reply_tree(parsed("api"))
    assert tree.nodes["c2"]["missing"] is True
    assert "author" not in tree.nodes["c2"]
    assert list(tree.in_edges("c2")) == [("c2.0", "c2")]
    assert list(tree.out_edges("c2")) == [("c2", "post")]


# -- reply_graph and author_edges -------------------------------------------------


def counted_replies(thread: Thread) -> Counter[tuple[str, str]]:
    """(replier, replied-to) pairs counted from the model itself, not from table rows."""

    def key(author: Author | None) -> str | None:
        if author is None:
            return None
        return author.name + (f"@{author.instance}" if author.instance else "")

    post_author = key(thread.post.author) if thread.post else None
    counts: Counter[tuple[str, str]] = Counter()
    stack: list[tuple[Comment, str | None]] = [(c, post_author) for c in thread.comments]
    while stack:
        comment, parent_author = stack.pop()
        own = key(comment.author)
        if own is not None and parent_author is not None:
            counts[own, parent_author] += 1
        stack.extend((reply, own) for reply in comment.replies)
    return counts


@pytest.mark.parametrize("name", SAMPLES)
def test_author_weights_are_the_replies_counted_from_the_model(name: str) -> None:
    thread = parsed(name)
    expected = counted_replies(thread)
    edges = author_edges(thread)
    assert {(e["source"], e["target"]): e["weight"] for e in edges} == expected
    assert len(edges) == len(expected)  # one edge per pair
    graph = reply_graph(thread)
    assert {(s, t): graph.edges[s, t]["weight"] for s, t in graph.edges} == expected


def test_weights_count_repeated_replies_and_loops() -> None:
    thread = page(BACK_AND_FORTH)
    assert author_edges(thread) == [
        {"source": "bo", "target": "ada@lemmy.ml", "weight": 2},
        {"source": "ada@lemmy.ml", "target": "bo", "weight": 1},
        {"source": "ada@lemmy.ml", "target": "ada@lemmy.ml", "weight": 1},
        {"source": "cy@hexbear.net", "target": "ada@lemmy.ml", "weight": 1},
        {"source": "bo", "target": "cy@hexbear.net", "weight": 1},
    ]
    assert sum(e["weight"] for e in author_edges(thread)) == sum(counted_replies(thread).values())
    graph = reply_graph(thread)
    assert [(node, graph.nodes[node]) for node in graph] == [
        ("ada@lemmy.ml", {"name": "ada", "instance": "lemmy.ml"}),
        ("bo", {"name": "bo"}),
        ("cy@hexbear.net", {"name": "cy", "instance": "hexbear.net"}),
    ]
    assert graph.has_edge("ada@lemmy.ml", "ada@lemmy.ml")


def test_demo_author_graph() -> None:
    thread = parsed("demo")
    assert author_edges(thread) == [
        {"source": "compost_enjoyer@lemmy.ml", "target": "Marigold@hexbear.net", "weight": 1},
        {"source": "Marigold@hexbear.net", "target": "compost_enjoyer@lemmy.ml", "weight": 1},
        {"source": "Fern@lemmygrad.ml", "target": "Marigold@hexbear.net", "weight": 1},
    ]
    # Basil answered the post, which shows no author: a node, with no edge.
    assert list(reply_graph(thread).nodes) == [
        "Marigold@hexbear.net",
        "compost_enjoyer@lemmy.ml",
        "Fern@lemmygrad.ml",
        "Basil@lemmy.world",
    ]


def test_replies_to_and_from_nodes_without_an_author_are_left_out() -> None:
    api = parsed("api")
    edges = {(e["source"], e["target"]) for e in author_edges(api)}
    # Tervo answered the placeholder c2 (no author): that reply is not an edge,
    # while Tervo's reply to Quill is. The post's author answers as anyone does.
    assert ("Tervo@hexbear.net", "Quill@lemmygrad.ml") in edges
    assert sum(e["weight"] for e in author_edges(api)) == 9  # 11 comments, 2 without an edge
    assert ("Quill@lemmygrad.ml", "Quill@lemmygrad.ml") in edges  # c0 answers Quill's post
    for name in ("flat_post", "flat_only"):
        assert author_edges(parsed(name)) == []
        assert reply_graph(parsed(name)).number_of_nodes() == 0


def test_a_thread_deeper_than_the_recursion_limit() -> None:
    depth = sys.getrecursionlimit() + 100
    names = ("ada", "bo")
    chain: Comment | None = None
    for level in reversed(range(depth)):
        chain = _comment(level, Author(names[level % 2], names[level % 2], None, (), ()), chain)
    assert chain is not None
    thread = Thread("lemmy-0.19", threadparse.Preamble(), (), (chain,), (), (), ())
    tree = reply_tree(thread)
    assert tree.number_of_edges() == depth - 1
    assert author_edges(thread) == [
        {"source": "bo", "target": "ada", "weight": depth // 2},
        {"source": "ada", "target": "bo", "weight": (depth - 1) // 2},
    ]


def _comment(depth: int, author: Author, reply: Comment | None) -> Comment:
    """A comment with only an author, a depth and at most one reply."""
    bare = authorless_comment("comment", Span(0, 0))  # no flags, no text
    replies = () if reply is None else (reply,)
    return attrs.evolve(bare, author=author, depth=depth, replies=replies)


# -- networkx is optional ---------------------------------------------------------------


def test_the_module_imports_and_lists_edges_without_networkx(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "networkx", None)  # import networkx now fails
    # A fresh import of the module; both of its names are put back after the test.
    monkeypatch.delitem(sys.modules, "threadparse.exports.graphs")
    monkeypatch.delattr(threadparse.exports, "graphs")
    graphs = importlib.import_module("threadparse.exports.graphs")
    thread = parsed("demo")
    assert graphs.author_edges(thread) == author_edges(thread)
    with pytest.raises(ImportError):
        graphs.reply_tree(thread)
    with pytest.raises(ImportError):
        graphs.reply_graph(thread)
