"""Hypothesis strategies that damage a JSON fixture: its text cut, spliced or
with a character changed, or its decoded values swapped for other JSON values
(wrong types, nulls, huge numbers), for the never-raises checks of the JSON
readers."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["<p>", "</a>", "<a href='http://[::1'>x", "1", "#1", "2024-13-40T99:00:00Z"]),
    st.just([]),
    st.just({}),
    st.just([1, "x", None]),
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """``text`` (one JSON value, or several in a row) damaged one way."""
    how = draw(st.sampled_from(["value", "value", "cut", "splice", "char"]))
    if how == "value":
        values = [json.loads(line) for line in _split_values(text)]
        index = draw(st.integers(0, len(values) - 1))
        paths = _paths(values[index])
        for _ in range(draw(st.integers(1, 4))):
            path = draw(st.sampled_from(paths))
            values[index] = _replace(values[index], path, draw(_VALUES))
            paths = _paths(values[index])
        return "\n".join(json.dumps(v, indent=draw(st.sampled_from([None, 1]))) for v in values)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 200)))
    if how == "cut":
        return text[:start] + text[end:]
    if how == "splice":
        return text[:start] + text[start:end] + text[start:]
    return (
        text[:start]
        + draw(st.sampled_from(['"', "{", "]", ",", "\\", "\x00", "\ud800"]))
        + text[start:]
    )


def _split_values(text: str) -> list[str]:
    decoder = json.JSONDecoder()
    found: list[str] = []
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if position >= len(text):
            return found
        _, end = decoder.raw_decode(text, position)
        found.append(text[position:end])
        position = end
