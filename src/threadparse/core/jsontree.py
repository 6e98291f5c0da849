"""JSON with positions: where each value sits in the text, for spans into API JSON.

The standard library's ``json`` validates and decodes, but says nothing about
where a value was. Here ``json``'s decoder checks each value of the text first
(one, or several in a row), so what follows only ever sees valid JSON; then one
linear pass of a token regex over that value builds a light tree of ``Node`` s
carrying each value's ``[start, end)`` offsets.
Scalars are decoded on demand with ``json.loads`` of their own slice.

A string value can also be decoded with a map from each decoded character back
to its offset in the text (``DecodedString``), so a markdown body's
paragraphs get spans inside the JSON string they came from.
"""

from __future__ import annotations

import json
import re
from array import array
from typing import Any

import attrs

# TOKEN := STRING | one of {}[]:, | a scalar's characters (number, true, false, null).
# STRING is the unrolled-loop form ("...\"..."): each character is matched once.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')

# In a string token: a \uXXXX escape, another escape, or a run of plain characters.
_STRING_PIECE = re.compile(r"\\u([0-9a-fA-F]{4})|\\(.)|[^\\]+", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


#: A byte order mark before the JSON. RFC 8259 lets a reader ignore it, and
#: Python's "utf-8" codec (unlike "utf-8-sig") leaves it in the text.
BOM = "\ufeff"


class JSONError(ValueError):
    """The text is not JSON; ``position`` is the offset where reading stopped."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


@attrs.define(eq=False)
class Node:
    """A JSON value and where it is. ``members`` holds an object's ``(key, value)``
    pairs in text order (duplicate keys kept) or an array's ``(None, value)``."""

    kind: str  #: "object", "array", "string" or "scalar"
    start: int
    end: int
    members: list[tuple[str | None, Node]] = attrs.field(factory=list)

    def get(self, key: str) -> Node | None:
        """An object's value for ``key`` (the last one, as ``json.loads`` keeps), else None."""
        found = None
        if self.kind == "object":
            for name, value in self.members:
                if name == key:
                    found = value
        return found

    def items(self) -> list[Node]:
        """An array's values; [] for anything else."""
        return [value for _, value in self.members] if self.kind == "array" else []


_BETWEEN = re.compile(r"[ \t\n\r]*")  # JSON's white space, between values
_DECODER = json.JSONDecoder()


def read_json_values(text: str) -> tuple[list[Node], int | None]:
    """The positioned trees of one JSON text or of several in a row (JSON Lines,
    or responses saved one after another), and where reading stopped when what
    follows the last value is not JSON (None when the whole text was read).

    Raises:
        JSONError: the first value is not JSON (or nests too deep to read).
    """
    position = len(BOM) if text.startswith(BOM) else 0
    values: list[Node] = []
    while True:
        position = _BETWEEN.match(text, position).end()  # type: ignore[union-attr]  # matches ""
        if position == len(text):
            break
        try:
            _, end = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            if values:
                return values, position
            raise JSONError(f"not JSON: {error.msg}", error.pos) from None
        except RecursionError:
            if values:
                return values, position
            raise JSONError("JSON nests too deep to read", position) from None
        values.append(_positioned(text, position, end))
        position = end
    if not values:
        raise JSONError("not JSON: Expecting value", position)
    return values, None


def _positioned(text: str, start: int, end: int | None = None) -> Node:
    """The tree of the valid JSON in ``text[start:end]``, in one pass with an explicit stack."""
    root: Node | None = None
    stack: list[Node] = []
    key: str | None = None  # the key read for the innermost object's next value
    expecting_key = False
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        token = match.group()
        first = token[0]
        if first in "]}":
            done = stack.pop()
            done.end = match.end()
            expecting_key = False
            continue
        if first in ":,":
            expecting_key = first == "," and stack[-1].kind == "object"
            continue
        if first == '"' and expecting_key:
            key = token[1:-1] if "\\" not in token else json.loads(token)
            expecting_key = False
            continue
        kind = {"{": "object", "[": "array", '"': "string"}.get(first, "scalar")
        node = Node(kind, match.start(), match.end())
        if stack:
            stack[-1].members.append((key if stack[-1].kind == "object" else None, node))
        else:
            root = node
        if kind in ("object", "array"):
            stack.append(node)
            expecting_key = kind == "object"
    assert root is not None  # json.loads accepted the text, so it holds a value
    return root


def scalar(text: str, node: Node | None) -> Any:
    """A string or scalar node's value (None for a missing node or a container)."""
    if node is None or node.kind in ("object", "array"):
        return None
    return json.loads(text[node.start : node.end])


@attrs.frozen
class DecodedString:
    """A JSON string's value, and where each of its characters is in the text.

    ``offsets[i]`` is the text offset where character ``i`` starts;
    ``offsets[len(value)]`` is where the closing quote is. Characters are
    contiguous in the text, so a decoded ``[start, end)`` maps to
    ``[offsets[start], offsets[end])``.
    """

    value: str
    offsets: array[int]

    def to_text(self, position: int) -> int:
        return self.offsets[position]


def decode_string(text: str, node: Node) -> DecodedString:
    """Decode a string node, keeping each character's offset (as ``json.loads``
    decodes: a surrogate pair escape is one character, a lone one stays lone)."""
    chars: list[str] = []
    offsets = array("q")
    pending_high: tuple[int, int] | None = None  # (code, offset) of a \\uD8xx escape
    position = node.start + 1
    end = node.end - 1

    def flush_high() -> None:
        nonlocal pending_high
        if pending_high is not None:
            chars.append(chr(pending_high[0]))
            offsets.append(pending_high[1])
            pending_high = None

    for match in _STRING_PIECE.finditer(text, position, end):
        start = match.start()
        if match.group(1) is not None:
            code = int(match.group(1), 16)
            if 0xDC00 <= code <= 0xDFFF and pending_high is not None:
                high, high_start = pending_high
                pending_high = None
                chars.append(chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)))
                offsets.append(high_start)
                continue
            flush_high()
            if 0xD800 <= code <= 0xDBFF:
                pending_high = (code, start)
                continue
            chars.append(chr(code))
            offsets.append(start)
            continue
        flush_high()
        if match.group(2) is not None:
            escaped = match.group(2)
            chars.append(_SIMPLE_ESCAPES.get(escaped, escaped))
            offsets.append(start)
            continue
        run = match.group()
        chars.append(run)
        offsets.extend(range(start, start + len(run)))
    flush_high()
    offsets.append(end)
    return DecodedString("".join(chars), offsets)
