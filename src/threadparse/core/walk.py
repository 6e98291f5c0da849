"""Walking trees of comments or sections in reading order, on an explicit stack.

One walker for every module that visits or remakes a tree (rendering, the
outline, the readers, tests), so none recurses over reply depth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

Node = TypeVar("Node")


def preorder(
    roots: tuple[Node, ...], children: Callable[[Node], tuple[Node, ...]]
) -> Iterator[Node]:
    """Every node under ``roots``, parents before children, siblings in order."""
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


def rebuild(
    roots: tuple[Node, ...],
    children: Callable[[Node], tuple[Node, ...]],
    make: Callable[[Node, tuple[Node, ...]], Node],
) -> tuple[Node, ...]:
    """The trees under ``roots`` made anew bottom-up: ``make(node, children)``
    gets each node with its children already made anew. No recursion."""
    done: dict[int, Node] = {}
    for node in reversed(list(preorder(roots, children))):  # children before parents
        done[id(node)] = make(node, tuple(done[id(child)] for child in children(node)))
    return tuple(done[id(root)] for root in roots)
