"""JSON text for ``to_dict`` output, without recursion over nesting depth.

``json.dumps`` recurses once per nesting level (its C encoder too), so a reply
chain deeper than about 500 comments (two JSON levels each: the comment's dict
and its ``replies`` list) ends in RecursionError. ``dumps`` writes the same
text as ``json.dumps(value, ensure_ascii=False, indent=indent)`` with an
explicit stack, except that with an indent a list of numbers stays on one line:
every span is ``[start, end]``, and a dump a person reads is a third shorter.
With an indent, ``json.dumps`` runs its pure-Python encoder anyway: this writer
is within 1.5x of it (measured on a 1.6 MB dump).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from threadparse._serialize import to_dict
from threadparse.core.models import Thread

_encode_string = json.encoder.encode_basestring  # the C version when present
_DONE = object()
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(thread: Thread, *, indent: int | None = 2) -> str:
    """``to_dict(thread)`` as JSON text, at any reply depth, ready to encode as UTF-8.

    Non-ASCII characters are written as they are, but a lone surrogate (text
    decoded with ``surrogateescape``) is written as a ``\\udcXX`` escape,
    which ``json.loads`` reads back as the same character.
    """
    written = dumps(to_dict(thread), indent=indent)
    if _LONE_SURROGATE.search(written) is None:
        return written
    # Lone surrogates only occur inside strings, so escaping them in place is safe.
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match[0]):04x}", written)


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, with an explicit stack,
    and lists of numbers on one line.

    Takes what ``to_dict`` makes: dicts with str keys, lists, str, int, bool,
    None (other scalars go through ``json.dumps``).
    """
    return "".join(_chunks(value, indent))


def _chunks(value: Any, indent: int | None) -> Iterator[str]:
    item_separator, key_separator = (", ", ": ") if indent is None else (",", ": ")
    # One frame per open container: its remaining entries, whether it is a
    # dict, and whether an entry was written yet.
    stack: list[tuple[Iterator[Any], bool, list[bool]]] = []
    while True:
        if isinstance(value, dict) and value:
            yield "{"
            stack.append((iter(value.items()), True, [True]))
        elif isinstance(value, list) and value and indent is not None and _numbers(value):
            yield "[" + ", ".join(map(json.dumps, value)) + "]"
        elif isinstance(value, list) and value:
            yield "["
            stack.append((iter(value), False, [True]))
        else:
            yield _scalar(value)
        while stack:
            entries, is_dict, first = stack[-1]
            entry: Any = next(entries, _DONE)
            if entry is _DONE:
                stack.pop()
                yield _newline(indent, len(stack)) + ("}" if is_dict else "]")
                continue
            yield ("" if first[0] else item_separator) + _newline(indent, len(stack))
            first[0] = False
            if is_dict:
                key, value = entry
                yield _encode_string(key) + key_separator
            else:
                value = entry
            break
        else:
            return


def _numbers(values: list[Any]) -> bool:
    return all(type(value) in (int, float) for value in values)


def _newline(indent: int | None, depth: int) -> str:
    return "" if indent is None else "\n" + " " * (indent * depth)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return json.dumps(value)
