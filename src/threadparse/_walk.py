"""Walking trees of comments or sections in reading order, on an explicit stack.

One walker for every module that visits a tree (rendering, the outline, tests),
so none recurses over reply depth.
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
