"""The table export: a row per node, the same columns for every thread, Parquet that reads back."""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas
import pyarrow
import pyarrow.parquet
import pytest

import threadparse

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
DEMO = Path(threadparse.__file__).parent / "data" / "demo.txt"


def _inputs() -> list[Path]:
    """Every fixture, the corpus's dumps and the real responses: one of each kind we read."""
    found = [*sorted(FIXTURES.glob("*.txt")), DEMO]
    for folder, pattern in (
        ("corpus", "*.txt"),
        ("real_data/lemmy_api", "*.json"),
        ("real_data/reddit", "*.json"),
        ("real_data/hn", "*.json"),
        ("real_data/hn", "*.html"),
    ):
        found += sorted((SHARED / folder).glob(pattern))
    return found


INPUTS = _inputs()


def test_the_demo_as_rows() -> None:
    rows = threadparse.to_records(threadparse.parse_file(DEMO), source="demo.txt")
    assert [list(row) for row in rows] == [list(threadparse.RECORD_COLUMNS)] * 6
    assert [
        (r["kind"], r["id"], r["parent_id"], r["root_id"], r["depth"], r["path"], r["author"])
        for r in rows
    ] == [
        ("post", "post", None, None, None, None, None),
        ("comment", "c0", "post", "c0", 0, "0", "Marigold"),
        ("comment", "c0.0", "c0", "c0", 1, "0.0", "compost_enjoyer"),
        ("comment", "c0.0.0", "c0.0", "c0", 2, "0.0.0", "Marigold"),
        ("comment", "c0.1", "c0", "c0", 1, "0.1", "Fern"),
        ("comment", "c1", "post", "c1", 0, "1", "Basil"),
    ]
    marigold = rows[1]
    assert {name: marigold[name] for name in list(threadparse.RECORD_COLUMNS)[10:22]} == {
        "author": "Marigold",
        "author_display_name": "Marigold [she/her]",
        "author_instance": "hexbear.net",
        "author_username": None,
        "author_pronouns": "she/her",
        "author_badges": "OP, M",
        "title": None,
        "url": None,
        "score": 1186,
        "upvotes": 1200,
        "downvotes": 14,
        "language": "English",
    }
    assert {r["source"] for r in rows} == {"demo.txt"}
    assert rows[3]["more_replies"] == 4
    assert (rows[4]["deleted"], rows[4]["text"]) == (True, None)
    text = DEMO.read_text(encoding="utf-8")
    start, end = rows[5]["start"], rows[5]["end"]
    assert isinstance(start, int)
    assert isinstance(end, int)
    assert text[start:end].startswith("• Basil@lemmy.world\n")


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: path.name)
def test_every_node_is_one_row_and_the_ids_make_the_tree(path: Path) -> None:
    thread = threadparse.parse_file(path)
    rows = threadparse.to_records(thread, source=path.name)
    comments = [row for row in rows if row["kind"] == "comment"]
    walked = list(thread.walk())
    posts = [row for row in rows if row["kind"] == "post"]
    has_post = thread.post is not None or bool(thread.preamble.paragraphs or thread.sections)
    assert len(posts) == int(has_post)
    assert len(comments) == len(walked)
    assert [row["text"] for row in rows if row["kind"] == "unattributed"] == [
        line.text for line in thread.unattributed
    ]
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids)
    by_id = {row["id"]: row for row in rows}
    for row, comment in zip(comments, walked, strict=True):
        assert (row["start"], row["end"], row["native_id"]) == (
            comment.span.start,
            comment.span.end,
            comment.id,
        )
        assert row["text"] == ("\n\n".join(p.text for p in comment.paragraphs) or None)
        assert row["depth"] == comment.depth
        parent = by_id.get(row["parent_id"]) if row["parent_id"] is not None else None
        if comment.depth == 0 and len(str(row["path"]).split(".")) == 1:
            assert row["parent_id"] == ("post" if has_post else None)
            assert row["root_id"] == row["id"]
        else:
            assert parent is not None
            assert parent["kind"] == "comment"
            assert row["path"] == f"{parent['path']}.{str(row['path']).rsplit('.', 1)[1]}"
            assert row["root_id"] == parent["root_id"]


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: path.name)
def test_parquet_reads_back_equal_to_the_records(path: Path) -> None:
    thread = threadparse.parse_file(path)
    rows = threadparse.to_records(thread, source=path.name)
    sink = io.BytesIO()
    threadparse.to_parquet(thread, sink, sources=[path.name])
    table = pyarrow.parquet.read_table(io.BytesIO(sink.getvalue()))
    assert table.schema.equals(threadparse.arrow_schema(), check_metadata=True)
    assert table.to_pylist() == rows


def test_many_threads_in_one_parquet_file(tmp_path: Path) -> None:
    threads = [threadparse.parse_file(path) for path in INPUTS[:3]]
    names = [path.name for path in INPUTS[:3]]
    threadparse.to_parquet(threads, tmp_path / "rows.parquet", sources=names)
    expected = [
        row
        for t, n in zip(threads, names, strict=True)
        for row in threadparse.to_records(t, source=n)
    ]
    assert pyarrow.parquet.read_table(tmp_path / "rows.parquet").to_pylist() == expected
    with pytest.raises(ValueError, match="3 threads but 1 sources"):
        threadparse.to_parquet(threads, tmp_path / "x.parquet", sources=["a"])


def test_exact_times_are_kept_as_utc_instants() -> None:
    text = (
        '{"comments": [{"comment": {"id": 1, "path": "0.1", "content": "Hi", '
        '"published": "2024-05-20T15:00:00+02:00"}, "creator": {"name": "ada"}}]}'
    )
    thread = threadparse.parse(text)
    (row,) = threadparse.to_records(thread)
    assert row["published"] == datetime(2024, 5, 20, 13, 0, tzinfo=timezone.utc)
    frame = threadparse.to_frame(thread)
    assert str(frame["published"].dtype) == "datetime64[us, UTC]"
    assert frame["published"][0] == pandas.Timestamp("2024-05-20T13:00:00Z")
    assert threadparse.to_arrow(thread).to_pylist() == [row]


def test_frames_have_fixed_dtypes_whatever_the_thread() -> None:
    empty = threadparse.to_frame(threadparse.parse(""))
    demo = threadparse.to_frame(threadparse.parse_file(DEMO))
    assert list(empty.columns) == list(demo.columns) == list(threadparse.RECORD_COLUMNS)
    assert empty.dtypes.equals(demo.dtypes)
    expected = {
        "str": "string",
        "int": "Int64",
        "bool": "boolean",
        "datetime": "datetime64[us, UTC]",
    }
    assert {name: str(dtype) for name, dtype in demo.dtypes.items()} == {
        name: expected[kind] for name, kind in threadparse.RECORD_COLUMNS.items()
    }
    rows = threadparse.to_records(threadparse.parse_file(DEMO))
    assert demo.astype(object).where(demo.notna(), None).to_dict("records") == rows


def test_flat_dumps_give_a_full_table() -> None:
    """The real dumps are mostly flat: their text is unattributed, and the table has it."""
    flat = [t for t in (threadparse.parse_file(p) for p in INPUTS) if t.dialect == "flat"]
    assert flat
    for thread in flat:
        frame = threadparse.to_frame(thread)
        lines = frame[frame["kind"] == "unattributed"]
        assert len(lines) == len(thread.unattributed) > 0
        assert list(lines["text"]) == [line.text for line in thread.unattributed]


def test_two_lines_from_a_file_to_a_frame(tmp_path: Path) -> None:
    """What docs/index.md promises a new user."""
    (tmp_path / "thread.txt").write_bytes(DEMO.read_bytes())
    thread = threadparse.parse_file(tmp_path / "thread.txt")
    frame = threadparse.to_frame(thread, source="thread.txt")
    assert list(frame.loc[frame["kind"] == "comment", "author"]) == [
        "Marigold",
        "compost_enjoyer",
        "Marigold",
        "Fern",
        "Basil",
    ]


def test_a_thread_with_nothing_is_an_empty_table() -> None:
    thread = threadparse.parse("")
    assert threadparse.to_records(thread) == []
    assert threadparse.to_arrow(thread).num_rows == 0
    assert len(threadparse.to_frame(thread)) == 0


@pytest.mark.parametrize(
    ("call", "module", "extra"),
    [
        (threadparse.to_frame, "pandas", "pandas"),
        (threadparse.to_arrow, "pyarrow", "arrow"),
        (threadparse.reply_tree, "networkx", "graphs"),
        (threadparse.reply_graph, "networkx", "graphs"),
    ],
)
def test_a_missing_library_is_named_with_its_extra(
    call: Any, module: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    with pytest.raises(ImportError) as caught:
        call(threadparse.parse_file(DEMO))
    assert str(caught.value) == (
        f"this call needs {module}, which is not installed: pip install 'threadparse[{extra}]'"
    )


def test_parquet_without_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match=r"needs pyarrow.*threadparse\[arrow\]"):
        threadparse.to_parquet(threadparse.parse(""), io.BytesIO())
