"""Threads from record dumps: Pushshift and Arctic Shift NDJSON, in bounded memory.

A dump lists one comment (``RC_*``) or submission (``RS_*``) a line, tens of
gigabytes of them, ordered by time, not by thread. ``iter_threads`` gives one
``Thread`` per thread (per ``link_id``) whatever the order, holding at most one
bucket of the dump in memory:

1. One pass over the input writes each line to one of ``buckets`` files in a
   temporary folder, picked by a hash of its thread's id (its ``link_id``, or
   ``t3_`` and its own id for a submission), so a thread's lines all land in
   one bucket, in the dump's order.
2. Then each bucket is read whole, its lines grouped by thread in the order
   the threads first appear, and each thread read with the ``reddit-json``
   reader.

Peak memory is one bucket (about the dump's size over ``buckets``) plus the
threads of it being read; the temporary folder holds the dump's text once.
Threads come bucket by bucket: the order is the same for the same input and
buckets, not the dump's.

``threads_from_records`` is the same grouping for records already in memory:
a pure function of one partition (all records of some threads), for Dask's
``map_partitions`` or Spark's ``applyInPandas`` after grouping by thread.

A thread's spans point into its own text: its lines in the dump's order, each
ending with ``"\\n"`` (``iter_thread_texts`` yields them).
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

import attrs
import regex

from threadparse._parser import parse
from threadparse.core.models import Thread

#: A line's thread, without decoding the line: the first ``"link_id": "t3_..."``
#: outside a string (inside one, the quotes would be escaped).
_LINK_ID = regex.compile(r'"link_id"\s*:\s*"([^"\\]*)"')
#: zstd frames in Pushshift's and Arctic Shift's dumps use a window of 2**31.
ZSTD_WINDOW = 2**31
#: Below this many bytes a dump is grouped in memory: no temporary files.
IN_MEMORY = 64 * 1024 * 1024
#: Bytes a bucket should hold, when the input's size is known.
BUCKET_BYTES = 32 * 1024 * 1024
MAX_BUCKETS = 1024

Source = str | os.PathLike[str] | IO[bytes] | IO[str]


class DumpError(ValueError):
    """A dump cannot be opened: a ``.zst`` file without the ``zstandard`` extra."""


def iter_threads(
    *sources: Source,
    max_depth: int | None = 256,
    buckets: int | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> Iterator[Thread]:
    """One ``Thread`` per thread of NDJSON dumps (Pushshift, Arctic Shift), in
    bounded memory whatever their order.

    ``sources`` are paths (``.zst`` read with the ``zstd`` extra) or open files,
    comments and submissions alike: give a month's ``RS_`` file beside its
    ``RC_`` file and each thread gets its post. ``buckets`` is how many parts
    the dump is split into (default: from the input's size, one per 32 MB);
    ``progress`` is called every 10,000 lines, and at the end, with a ``Progress``.
    """
    for text in iter_thread_texts(*sources, buckets=buckets, progress=progress):
        yield _read(text, max_depth)


def iter_thread_texts(
    *sources: Source,
    buckets: int | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> Iterator[str]:
    """Each thread's lines of the dumps, joined in the dumps' order: the text
    that ``iter_threads`` parses, and that its spans point into."""
    size = _known_size(sources)
    count = buckets if buckets is not None else _buckets_for(size)
    if count < 1:
        raise ValueError(f"buckets must be at least 1, not {count}")
    keyed = _keyed(_lines(sources, progress))
    if count == 1 or (buckets is None and size is not None and size <= IN_MEMORY):
        yield from _grouped(keyed)
        return
    with tempfile.TemporaryDirectory(prefix="threadparse-") as folder:
        paths = [Path(folder) / f"{index:04d}.ndjson" for index in range(count)]
        files = [path.open("w", encoding="utf-8", errors="surrogatepass") for path in paths]
        try:
            # A bucket's record: the thread's key, a tab, the line (a key holds no tab).
            for key, line in keyed:
                bucket = zlib.crc32(key.encode("utf-8", "surrogatepass")) % count
                files[bucket].write(f"{key}\t{line}")
        finally:
            for file in files:
                file.close()
        for path in paths:
            with path.open(encoding="utf-8", errors="surrogatepass", newline="") as file:
                yield from _grouped(_split_record(record) for record in file)
            path.unlink()


def threads_from_records(
    records: Iterable[str | Mapping[str, object]], *, max_depth: int | None = 256
) -> list[Thread]:
    """The threads of one partition of records, in memory: each record a dump
    line (a JSON string) or its decoded object (a dict, a DataFrame row's
    ``to_dict()``). A pure function, for ``dask.bag.map_partitions`` or Spark's
    ``applyInPandas`` after grouping the records by thread (``link_id``)."""
    lines = (
        record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
        for record in records
    )
    return [_read(text, max_depth) for text in _grouped(_keyed(lines))]


def _read(text: str, max_depth: int | None) -> Thread:
    return parse(text, dialect="reddit-json", max_depth=max_depth)


def _keyed(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """The lines that are not blank, each with its thread's key, ending with a line end."""
    for line in lines:
        if line.strip():
            yield _thread_of(line), line if line.endswith("\n") else line + "\n"


def _split_record(record: str) -> tuple[str, str]:
    key, _, line = record.partition("\t")
    return key, line


def _grouped(keyed: Iterable[tuple[str, str]]) -> Iterator[str]:
    """Lines grouped by thread, threads in the order they first appear."""
    threads: dict[str, list[str]] = {}
    for key, line in keyed:
        threads.setdefault(key, []).append(line)
    for thread_lines in threads.values():
        yield "".join(thread_lines)


def _thread_of(line: str) -> str:
    """The thread a dump line belongs to: its ``link_id``, or for a submission
    ``t3_`` and its id; a line that names none is a thread of its own kind ("")."""
    match = _LINK_ID.search(line)
    if match:
        return match.group(1)
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return ""
    if isinstance(value, dict):
        link = value.get("link_id")
        if isinstance(link, str):
            return link
        own = value.get("id")
        if isinstance(own, str) and "title" in value:
            return f"t3_{own}"
    return ""


@attrs.frozen
class Progress:
    """How far ``iter_threads`` has read: lines, and bytes of the files when
    they are paths (a ``.zst`` counts its compressed bytes)."""

    lines: int
    read: int | None  #: bytes read of the files; None for open files
    total: int | None  #: their size in bytes; None for open files


def _lines(
    sources: tuple[Source, ...], progress: Callable[[Progress], None] | None
) -> Iterator[str]:
    total = _file_bytes(sources)
    done = 0  # bytes of the files already read whole
    count = 0
    for source in sources:
        files: list[IO[bytes]] = []
        for line in _source_lines(source, files):
            count += 1
            if progress is not None and count % 10_000 == 0:
                here = files[0].tell() if files and total is not None else None
                progress(Progress(count, None if here is None else done + here, total))
            yield line
        if isinstance(source, (str, os.PathLike)):
            done += Path(source).stat().st_size
    if progress is not None:
        progress(Progress(count, done if total is not None else None, total))


def _source_lines(source: Source, opened: list[IO[bytes]]) -> Iterator[str]:
    """The lines of a path (UTF-8; a ``.zst`` decompressed) or of an open file,
    which is left open. Undecodable bytes are kept as surrogates. The file a
    path opens is put in ``opened``, for its position."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        raw: IO[bytes] = path.open("rb")
        opened.append(raw)
        stream = _zstd(raw, path) if path.suffix == ".zst" else raw
        with io.TextIOWrapper(
            stream, encoding="utf-8", errors="surrogateescape", newline=""
        ) as text:
            yield from text
    elif isinstance(source, io.TextIOBase) or hasattr(source, "encoding"):
        yield from source  # type: ignore[misc]  # a text file: its lines are str
    else:
        binary: IO[bytes] = source  # type: ignore[assignment]  # not a text file
        text = io.TextIOWrapper(binary, encoding="utf-8", errors="surrogateescape", newline="")
        try:
            yield from text
        finally:
            text.detach()  # the caller's file stays open


def _zstd(raw: IO[bytes], path: Path) -> IO[bytes]:
    try:
        import zstandard
    except ImportError:
        raw.close()
        raise DumpError(
            f"{path} is zstd-compressed: install the zstd extra "
            "(pip install 'threadparse[zstd]'), or decompress it first"
        ) from None
    reader: IO[bytes] = zstandard.ZstdDecompressor(max_window_size=ZSTD_WINDOW).stream_reader(
        raw, closefd=True
    )
    return reader


def _file_bytes(sources: tuple[Source, ...]) -> int | None:
    """The files' size on disk when every source is a path; else None."""
    paths = [source for source in sources if isinstance(source, (str, os.PathLike))]
    if len(paths) < len(sources):
        return None
    return sum(Path(path).stat().st_size for path in paths)


def _known_size(sources: tuple[Source, ...]) -> int | None:
    """The input's size in bytes when every source is a path (a .zst counted as
    eight times its size, a typical ratio for these dumps); else None."""
    total = 0
    for source in sources:
        if not isinstance(source, (str, os.PathLike)):
            return None
        path = Path(source)
        total += path.stat().st_size * (8 if path.suffix == ".zst" else 1)
    return total


def _buckets_for(size: int | None) -> int:
    if size is None:
        return 256
    return max(1, min(MAX_BUCKETS, -(-size // BUCKET_BYTES)))
