"""JSON with positions: the tree's spans, and decoded strings mapped back to the text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadparse.core.jsontree import JSONError, Node, decode_string, read_json_values, scalar

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


def read_json(text: str) -> Node:
    """The one JSON value of ``text``, read as the API readers read every value."""
    values, stopped = read_json_values(text)
    assert stopped is None
    (root,) = values
    return root


def _nodes(root: Node) -> list[Node]:
    stack, found = [root], []
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(value for _, value in node.members)
    return found


def _rebuilt(text: str, root: Node) -> Any:
    """The value the tree describes, rebuilt from its spans alone."""
    if root.kind == "object":
        return {key: _rebuilt(text, value) for key, value in root.members}
    if root.kind == "array":
        return [_rebuilt(text, value) for value in root.items()]
    return scalar(text, root)


@given(json_values, st.sampled_from([None, 0, 2]), st.booleans())
def test_every_node_span_holds_exactly_its_value(
    value: Any, indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    root = read_json(text)
    assert _rebuilt(text, root) == json.loads(text)
    for node in _nodes(root):
        assert json.loads(text[node.start : node.end]) is not None or node.kind == "scalar"
        assert text[node.start : node.end].strip() == text[node.start : node.end]


@given(st.text(), st.booleans())
def test_decoded_string_maps_each_character_to_its_escape(value: str, ascii_only: bool) -> None:
    text = json.dumps({"body": value}, ensure_ascii=ascii_only)
    node = read_json(text).get("body")
    assert node is not None
    decoded = decode_string(text, node)
    assert decoded.value == value
    assert len(decoded.offsets) == len(value) + 1
    for index, char in enumerate(value):
        piece = text[decoded.to_text(index) : decoded.to_text(index + 1)]
        assert json.loads(f'"{piece}"') == char


def test_surrogate_pair_escape_is_one_character_and_lone_ones_stay() -> None:
    text = r'{"a": "x\ud83d\ude00y\ud800z"}'
    node = read_json(text).get("a")
    assert node is not None
    decoded = decode_string(text, node)
    assert decoded.value == "x\U0001f600y\ud800z" == json.loads(text)["a"]
    assert list(decoded.offsets) == [7, 8, 20, 21, 27, 28]


def test_duplicate_keys_keep_the_last_as_json_loads_does() -> None:
    text = '{"a": 1, "a": 2}'
    root = read_json(text)
    assert [key for key, _ in root.members] == ["a", "a"]
    assert scalar(text, root.get("a")) == 2


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("", "not JSON: Expecting value", 0),
        ('{"a": }', "not JSON: Expecting value", 6),
        ("[1, 2", "not JSON: Expecting ',' delimiter", 5),
        ("[" * 100_000, "JSON nests too deep to read", 0),
    ],
)
def test_not_json_is_one_error_with_a_position(text: str, message: str, position: int) -> None:
    with pytest.raises(JSONError) as caught:
        read_json(text)
    assert str(caught.value) == message
    assert caught.value.position == position


def test_a_leading_byte_order_mark_is_not_part_of_the_json() -> None:
    """RFC 8259 lets a reader ignore a BOM; Python's "utf-8" codec keeps one."""
    text = '\ufeff{"a": [1, "x"]}'
    root = read_json(text)
    assert (root.kind, root.start, root.end) == ("object", 1, len(text))
    (value,) = [node for _, node in root.members]
    assert text[value.start : value.end] == '[1, "x"]'
    with pytest.raises(JSONError) as caught:
        read_json('\ufeff{"a": }')
    assert caught.value.position == 7  # in the text as given, BOM included
