"""The package's layers: data flows one way, text -> format reader -> core -> model.

Three layers: the top (``threadparse``'s own ``_*.py``: parse, detect, stream,
render, CLI), the formats (``threadparse.formats.<home>``: one home a format)
beside the exports (``threadparse.exports``: tables, ConvoKit, graphs, which
read the model and never a reader), and the shared machinery
(``threadparse.core``). A module imports only from
its own layer's home or below, and a format never from another format; the
registry ``threadparse.formats`` (names only) is open to all. The walk of real
inputs through the code is checked the same way, call by call.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest

import threadparse
from tests.shared_data import needs_shared

PACKAGE = Path(threadparse.__file__).parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def home(module: str) -> tuple[int, str]:
    """(layer, home): 0 for the top, 1 for a format's home, 2 for core."""
    parts = module.split(".")
    if parts[:2] == ["threadparse", "core"]:
        return 2, "core"
    if parts[:2] == ["threadparse", "formats"] and len(parts) > 2:
        return 1, parts[2]
    if parts[:2] == ["threadparse", "exports"]:
        return 1, "exports"
    return 0, "top"


def allowed(importer: str, imported: str) -> bool:
    if imported == "threadparse.formats":  # the registry of dialect names
        return importer != "threadparse.core" and not importer.startswith("threadparse.core.")
    (layer, own), (their_layer, theirs) = home(importer), home(imported)
    if layer == 0:
        return True
    if layer == 1:
        return their_layer == 2 or theirs == own
    return their_layer == 2


def imports(path: Path) -> set[str]:
    """The threadparse modules a file imports (at any place in it)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("threadparse"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("threadparse"))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))
GRAPH = {module_name(path): imports(path) for path in SOURCES}


def test_the_layers_are_what_the_tests_assume() -> None:
    assert home("threadparse._parser") == (0, "top")
    assert home("threadparse.formats.lemmy_page.capture") == (1, "lemmy_page")
    assert home("threadparse.formats.reddit_json") == (1, "reddit_json")
    assert home("threadparse.core.records") == (2, "core")
    assert not allowed("threadparse.formats.mlmym", "threadparse.formats.lemmy_page.comments")
    assert not allowed("threadparse.core.post", "threadparse.formats")
    assert not allowed("threadparse.core.walk", "threadparse._parser")
    assert home("threadparse.exports.convokit") == (1, "exports")
    assert allowed("threadparse.exports.graphs", "threadparse.exports.table")
    assert not allowed("threadparse.exports.table", "threadparse._parser")
    assert not allowed("threadparse.exports.table", "threadparse.formats.flat")
    assert allowed("threadparse.formats.lemmy_page.page", "threadparse.formats.lemmy_page.header")
    # Every format named in the registry has a home here.
    homes = {home(m)[1] for m in GRAPH if home(m)[0] == 1} - {"exports"}
    assert homes == {
        "lemmy_page",
        "flat",
        "mlmym",
        "markdown",
        "lemmy_api",
        "lemmy_html",
        "reddit_json",
        "old_reddit",
        "discourse_json",
        "mastodon_json",
        "hn_json",
        "hn_html",
        "hn_text",
    }


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_go_down_and_never_sideways(module: str) -> None:
    wrong = sorted(target for target in GRAPH[module] if not allowed(module, target))
    assert wrong == []


def test_no_import_cycles() -> None:
    """Among modules: a depth-first walk with an explicit stack finds no back edge."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root, targets in GRAPH.items():
        if root in state:
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(targets))]
        state[root] = 1
        while stack:
            module, pending = stack[-1]
            if not pending:
                state[module] = 2
                stack.pop()
                continue
            target = pending.pop()
            if target not in GRAPH:
                continue
            assert state.get(target) != 1, f"cycle through {module} -> {target}"
            if target not in state:
                state[target] = 1
                stack.append((target, sorted(GRAPH[target])))


def _passed_in(frame: FrameType, code: CodeType) -> bool:
    """Was the called function handed to the caller (a key, a predicate)?"""
    for value in frame.f_locals.values():
        target = getattr(value, "__func__", value)
        if getattr(target, "__code__", None) is code:
            return True
    return False


@needs_shared
def test_the_walk_of_real_inputs_goes_one_way() -> None:
    """Every call between modules while real inputs are parsed goes down a layer
    or stays in one home; a function the caller was handed may be called back."""
    paths = [
        *sorted(FIXTURES.glob("*.txt"))[:8],
        *sorted((SHARED / "real_ui").glob("*0.19.3_deep*.txt"))[:3],
        *sorted((SHARED / "real_ui").glob("*0.19.3_deep*.html"))[:1],
        *sorted((SHARED / "real_data" / "lemmy_api").glob("*.json"))[:3],
        *sorted((SHARED / "real_data" / "reddit").glob("*.json"))[:3],
    ]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    wrong: Counter[tuple[str, str]] = Counter()
    calls = Counter[tuple[str, str]]()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event != "call" or frame.f_back is None:
            return
        callee = frame.f_globals.get("__name__", "")
        caller = frame.f_back.f_globals.get("__name__", "")
        if not (caller.startswith("threadparse") and callee.startswith("threadparse")):
            return
        if caller == callee:
            return
        calls[(caller, callee)] += 1
        if not allowed(caller, callee) and not _passed_in(frame.f_back, frame.f_code):
            wrong[(caller, callee)] += 1

    sys.setprofile(profile)
    try:
        for text in texts:
            threadparse.parse(text)
    finally:
        sys.setprofile(None)
    assert len(texts) >= 15
    assert any(home(b)[0] == 1 for _, b in calls)  # the walk did reach the formats
    assert dict(wrong) == {}
