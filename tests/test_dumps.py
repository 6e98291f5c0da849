"""Threads from dumps (Pushshift, Arctic Shift NDJSON): bucketed on disk, rebuilt
exactly as an in-memory build of each thread's lines, in any order."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

import threadparse
from benchmarks.dumps import dump_lines
from tests.shared_data import needs_shared
from threadparse._dumps import DumpError, Progress, iter_thread_texts

REDDIT = Path(__file__).resolve().parents[2] / "shared" / "real_data" / "reddit"


def _by_thread(lines: list[str]) -> dict[str, str]:
    """What each thread's text must be: its lines, in dump order."""
    texts: dict[str, list[str]] = {}
    for line in lines:
        record = json.loads(line)
        key = record.get("link_id") or f"t3_{record['id']}"
        texts.setdefault(key, []).append(line + "\n")
    return {key: "".join(parts) for key, parts in texts.items()}


def _key(thread: threadparse.Thread) -> str:
    if thread.post is not None and thread.post.id is not None:
        return f"t3_{thread.post.id}"
    post_ids = {c.post_id for c in thread.walk() if c.post_id is not None}
    (post_id,) = post_ids
    return f"t3_{post_id}"


@pytest.mark.parametrize("buckets", [1, 7, None])
def test_a_shuffled_dump_rebuilds_exactly_as_each_thread_alone(
    tmp_path: Path, buckets: int | None
) -> None:
    lines = dump_lines(3000, 60, seed=3, posts=True)
    path = tmp_path / "RC_test.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = {
        key: threadparse.to_dict(threadparse.parse(text, dialect="reddit-json"))
        for key, text in _by_thread(lines).items()
    }
    got = {
        _key(thread): threadparse.to_dict(thread)
        for thread in threadparse.iter_threads(path, buckets=buckets)
    }
    assert got == expected
    assert sum(len(list(threadparse.parse(t).walk())) for t in _by_thread(lines).values()) == 3000
    texts = sorted(iter_thread_texts(path, buckets=buckets))
    assert texts == sorted(_by_thread(lines).values())


def test_threads_come_with_their_posts_and_every_comment(tmp_path: Path) -> None:
    lines = dump_lines(500, 10, seed=4, posts=True)
    threads = list(threadparse.iter_threads(io.StringIO("\n".join(lines))))
    assert len(threads) == 10
    assert all(
        t.post is not None and t.post.title == f"Thread {int(_key(t)[4:], 16)}" for t in threads
    )
    assert sum(sum(1 for c in t.walk() if not c.missing) for t in threads) == 500
    assert all(not c.missing for t in threads for c in t.walk())  # every parent is present


def test_zstd_dumps_are_read_with_the_extra(tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard")
    lines = dump_lines(400, 8, seed=5)
    plain = tmp_path / "RC.ndjson"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    packed = tmp_path / "RC.ndjson.zst"
    packed.write_bytes(zstandard.ZstdCompressor().compress(plain.read_bytes()))
    assert [threadparse.to_dict(t) for t in threadparse.iter_threads(packed, buckets=3)] == [
        threadparse.to_dict(t) for t in threadparse.iter_threads(plain, buckets=3)
    ]


def test_a_zstd_dump_without_the_extra_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packed = tmp_path / "RC.zst"
    packed.write_bytes(b"\x28\xb5\x2f\xfd")
    monkeypatch.setitem(sys.modules, "zstandard", None)
    with pytest.raises(DumpError, match=r"zstd-compressed: install the zstd extra"):
        list(threadparse.iter_threads(packed))


def test_progress_is_reported_with_the_bytes_read(tmp_path: Path) -> None:
    lines = dump_lines(25_000, 50, seed=6)
    path = tmp_path / "RC.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[Progress] = []
    list(threadparse.iter_threads(path, buckets=2, progress=seen.append))
    size = path.stat().st_size
    assert [p.lines for p in seen] == [10_000, 20_000, 25_000]
    assert all(p.total == size for p in seen)
    assert seen[-1].read == size
    assert all(p.read is not None and 0 < p.read <= size for p in seen)


def test_a_partition_of_records_is_a_pure_function() -> None:
    lines = dump_lines(300, 6, seed=7)
    records = [json.loads(line) for line in lines]
    as_lines = threadparse.threads_from_records(lines)
    as_dicts = threadparse.threads_from_records(records)
    assert [threadparse.to_dict(t) for t in as_lines] == [threadparse.to_dict(t) for t in as_dicts]
    assert {_key(t) for t in as_lines} == {f"t3_p{i:x}" for i in range(6)}


@needs_shared
def test_the_real_dump_lines_make_their_threads() -> None:
    path = REDDIT / "pushshift-importer_comments.ndjson"
    threads = list(threadparse.iter_threads(path))
    text = path.read_text(encoding="utf-8")
    assert sum(1 for t in threads for c in t.walk() if not c.missing) == sum(
        1 for line in text.splitlines() if line.strip()
    )
    assert all(t.dialect == "reddit-json" for t in threads)


def test_the_cli_writes_a_thread_a_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from threadparse._cli import main

    lines = dump_lines(200, 5, seed=8)
    path = tmp_path / "RC.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["threads", str(path), "--buckets", "2"]) == 0
    out, err = capsys.readouterr()
    written = [json.loads(line) for line in out.splitlines()]
    assert written == [threadparse.to_dict(t) for t in threadparse.iter_threads(path, buckets=2)]
    assert (len(written), err) == (5, "")
    assert main(["threads", str(tmp_path / "missing.ndjson")]) == 2
    assert capsys.readouterr().err == f"threadparse: {tmp_path / 'missing.ndjson'}: no such file\n"


def test_the_cli_progress_is_a_bar_on_a_terminal() -> None:
    from threadparse._cli import _progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    show = _progress(screen)
    show(Progress(10_000, 500, 1000))
    show(Progress(20_000, None, None))
    assert screen.getvalue() == (f"\r[{'#' * 15:<30}]  50% 10,000 lines" + "\r20,000 lines")
    log = io.StringIO()
    quiet = _progress(log)
    quiet(Progress(10_000, 1, 2))
    quiet(Progress(1_000_000, 1, 2))
    assert log.getvalue() == "threadparse: 1,000,000 lines read\n"


def test_buckets_give_the_texts_memory_gives(tmp_path: Path) -> None:
    """Lines without a final line end, and CRLF ones, read the same bucketed on
    disk as grouped in memory (a line without its end once ran into the next one
    in a bucket file, and a bucket read back turned CRLF into LF)."""
    lines = dump_lines(60, 4, seed=9)
    first = tmp_path / "RC_a.ndjson"
    first.write_bytes("\r\n".join(lines[:30]).encode())  # no line end after the last
    second = tmp_path / "RC_b.ndjson"
    second.write_bytes("\n".join(lines[30:]).encode())
    in_memory = list(iter_thread_texts(first, second, buckets=1))
    assert sorted(iter_thread_texts(first, second, buckets=3)) == sorted(in_memory)
    assert sum(text.count("\n") for text in in_memory) == 60
    assert sum(text.count("\r\n") for text in in_memory) == 29
