"""A thread as graphs: the reply tree of its nodes, and who replied to whom.

Both are read from the table rows of ``to_records``
(``threadparse.exports.table``), so they share its ids and its one rule for
parents, and are built in one pass with no recursion, at any depth:

- ``reply_tree``: a node per row, named by the row's ``id`` (``post``,
  ``c0.2.1``, ``u4``), and an edge from each row to the row it replies to
  (its ``parent_id``): edges point from child to parent, towards the root,
  as replies do. Unattributed lines have no parent, so they stand alone.
- ``reply_graph`` and ``author_edges``: a node per author, keyed
  ``name@instance`` (the name alone where no host is shown: the same key as
  the ConvoKit export's speakers), and an edge from the author of each reply
  to the author of what it replies to, weighted by how many such replies
  there are. A reply to one's own comment is a loop. A comment or post
  without an author (flat text, placeholders for missing parents, page text
  whose post shows no header) is left out, and so is every reply to it or
  from it: the graph holds only what the input says about people.

networkx is optional (``pip install networkx``): ``reply_tree`` and
``reply_graph`` import it when called; ``author_edges`` needs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from threadparse.core.models import Thread
from threadparse.exports import missing
from threadparse.exports._keys import row_author_key
from threadparse.exports.table import to_records

if TYPE_CHECKING:
    import networkx


class AuthorEdge(TypedDict):
    """One edge of the author graph: ``source`` replied to ``target``, ``weight`` times."""

    source: str
    """The replying author's key (not the table's ``source`` column, a file name)."""
    target: str
    """The key of the author replied to."""
    weight: int
    """How many of ``source``'s comments reply to a post or comment by ``target``."""


def reply_tree(thread: Thread) -> networkx.DiGraph[str]:
    """The thread's nodes as a tree: a node per table row, edges from child to parent.

    Nodes are the rows' ids, in row order (post, comments in page order,
    unattributed lines), and each node's attributes are its row's cells that
    are not None: a missing value is an absent key, as graph formats such as
    GraphML want (they have no null). Times stay ``datetime``; turn them into
    text before writing a format that cannot hold them. An edge runs from each
    row with a ``parent_id`` to that parent, so the edges are exactly the
    rows' ``(id, parent_id)`` pairs; ``networkx.ancestors`` are then the
    descendants in the thread, and the root (``post``, or each top-level
    comment where the thread has no post row) has no out-edge.

    >>> import threadparse
    >>> thread = threadparse.parse(
    ...     "  • ada@lemmy.ml\\n    arrow-up\\n    3\\n    ·\\n    1 day ago\\n\\n    Hi!\\n"
    ...     "    • bo@lemmy.ml\\n      arrow-up\\n      1\\n      ·\\n      2 hours ago\\n\\n"
    ...     "      Hello.\\n"
    ... )
    >>> tree = reply_tree(thread)
    >>> list(tree.edges), tree.nodes["c0.0"]["author"]
    ([('c0.0', 'c0')], 'bo')
    """
    try:
        import networkx  # optional: only this call needs it
    except ImportError as error:
        raise missing("networkx", "graphs") from error

    tree: networkx.DiGraph[str] = networkx.DiGraph(dialect=thread.dialect)
    for row in to_records(thread):  # a parent's row comes before its replies'
        node, parent = str(row["id"]), row["parent_id"]
        tree.add_node(node, **{name: value for name, value in row.items() if value is not None})
        if parent is not None:
            tree.add_edge(node, str(parent))
    return tree


def author_edges(thread: Thread) -> list[AuthorEdge]:
    """Who replied to whom, and how often: an edge list, with no library needed.

    One edge per pair of authors, in the order the first such reply comes in
    the thread; ``weight`` counts the replies. Replies from or to a node
    without an author are not counted (see the module's docstring).

    >>> import threadparse
    >>> thread = threadparse.parse(
    ...     "  • ada@lemmy.ml\\n    arrow-up\\n    3\\n    ·\\n    1 day ago\\n\\n    Hi!\\n"
    ...     "    • bo\\n      arrow-up\\n      1\\n      ·\\n      2 hours ago\\n\\n"
    ...     "      Hello.\\n"
    ... )
    >>> author_edges(thread)
    [{'source': 'bo', 'target': 'ada@lemmy.ml', 'weight': 1}]
    """
    return _authors(thread)[1]


def reply_graph(thread: Thread) -> networkx.DiGraph[str]:
    """The author graph: a node per author, an edge from replier to replied-to.

    Nodes are the author keys of every post and comment that has an author,
    in the order they first appear (so an author nobody answered and who
    answered nobody is still a node), each with ``name`` and ``instance``
    (where known) as attributes. Edges are ``author_edges``, each with its
    ``weight``.

    >>> import threadparse
    >>> thread = threadparse.parse(
    ...     "  • ada@lemmy.ml\\n    arrow-up\\n    3\\n    ·\\n    1 day ago\\n\\n    Hi!\\n"
    ...     "    • bo\\n      arrow-up\\n      1\\n      ·\\n      2 hours ago\\n\\n"
    ...     "      Hello.\\n"
    ... )
    >>> graph = reply_graph(thread)
    >>> list(graph.nodes(data=True)), list(graph.edges(data="weight"))
    ([('ada@lemmy.ml', {'name': 'ada', 'instance': 'lemmy.ml'}), ('bo', {'name': 'bo'})], [('bo', 'ada@lemmy.ml', 1)])
    """
    try:
        import networkx  # optional: only this call needs it
    except ImportError as error:
        raise missing("networkx", "graphs") from error

    nodes, edges = _authors(thread)
    graph: networkx.DiGraph[str] = networkx.DiGraph(dialect=thread.dialect)
    for key, attributes in nodes.items():
        graph.add_node(key, **attributes)
    for edge in edges:
        graph.add_edge(edge["source"], edge["target"], weight=edge["weight"])
    return graph


def _authors(thread: Thread) -> tuple[dict[str, dict[str, str]], list[AuthorEdge]]:
    """The authors (key: name and instance where known) and the weighted edges between them.

    One pass over the rows: a parent's row always comes before its replies'.
    """
    nodes: dict[str, dict[str, str]] = {}
    author_of: dict[str, str] = {}  # row id -> its author's key, for rows with an author
    edges: dict[tuple[str, str], AuthorEdge] = {}
    for row in to_records(thread):
        key = row_author_key(row)
        if key is None:
            continue
        node, parent = str(row["id"]), row["parent_id"]
        author_of[node] = key
        if key not in nodes:
            nodes[key] = {
                name: value
                for name, value in (("name", row["author"]), ("instance", row["author_instance"]))
                if isinstance(value, str)
            }
        target = None if parent is None else author_of.get(str(parent))
        if target is None:
            continue
        edge = edges.get((key, target))
        if edge is None:
            edges[key, target] = AuthorEdge(source=key, target=target, weight=1)
        else:
            edge["weight"] += 1
    return nodes, list(edges.values())
