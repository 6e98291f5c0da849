"""The table export as Arrow and Parquet, with one fixed schema.

The columns are ``threadparse.RECORD_COLUMNS``, in order, each with one Arrow type:
``str`` -> ``string``, ``int`` -> ``int64``, ``bool`` -> ``bool``,
``datetime`` -> ``timestamp[us, tz=UTC]``; every column is nullable. The
schema is the same for any thread, empty or not, so files of many threads
can be read as one dataset. It carries ``threadparse.schema`` in its metadata
(``1``), the table's version; a change to the columns bumps it, and the
CHANGELOG says so.

Needs pyarrow (``pip install 'threadparse[arrow]'``), imported when a call runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from threadparse.core.models import Thread
from threadparse.exports import missing
from threadparse.exports.table import COLUMNS, Record, to_records

if TYPE_CHECKING:
    import pyarrow

#: The version of the table's columns, kept in every Parquet file's metadata.
TABLE_VERSION = 1


def arrow_schema() -> pyarrow.Schema:
    """The Arrow schema of every table: ``threadparse.RECORD_COLUMNS`` with their types,
    all nullable."""
    try:
        import pyarrow  # optional: only this call needs it
    except ImportError as error:
        raise missing("pyarrow", "arrow") from error

    types = {
        "str": pyarrow.string(),
        "int": pyarrow.int64(),
        "bool": pyarrow.bool_(),
        "datetime": pyarrow.timestamp("us", tz="UTC"),
    }
    return pyarrow.schema(
        [pyarrow.field(name, types[kind]) for name, kind in COLUMNS.items()],
        metadata={"threadparse.schema": str(TABLE_VERSION)},
    )


def records_to_arrow(rows: Sequence[Record]) -> pyarrow.Table:
    """Rows of ``to_records`` (of one thread or many) as an Arrow table."""
    try:
        import pyarrow  # optional: only this call needs it
    except ImportError as error:
        raise missing("pyarrow", "arrow") from error

    return pyarrow.Table.from_pylist(list(rows), schema=arrow_schema())


def to_arrow(thread: Thread, *, source: str | None = None) -> pyarrow.Table:
    """``to_records(thread)`` as an Arrow table with the fixed schema."""
    return records_to_arrow(to_records(thread, source=source))


def records_to_parquet(rows: Sequence[Record], where: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write rows of ``to_records`` to a Parquet file (a path, or a binary file)."""
    try:
        import pyarrow.parquet  # optional: only this call needs it
    except ImportError as error:
        raise missing("pyarrow", "arrow") from error

    target = os.fspath(where) if isinstance(where, (str, os.PathLike)) else where
    pyarrow.parquet.write_table(records_to_arrow(rows), target)


def to_parquet(
    threads: Thread | Iterable[Thread],
    where: str | os.PathLike[str] | IO[bytes],
    *,
    sources: Sequence[str | None] | None = None,
) -> None:
    """Write one thread, or many, to one Parquet file: a row per node.

    ``sources`` names each thread's file, in order, for the ``source`` column
    (rows of many threads have the same ``id`` values; ``source`` tells them
    apart). Read it back with ``pyarrow.parquet.read_table`` or
    ``pandas.read_parquet``.
    """
    many = [threads] if isinstance(threads, Thread) else list(threads)
    names = list(sources) if sources is not None else [None] * len(many)
    if len(names) != len(many):
        raise ValueError(f"{len(many)} threads but {len(names)} sources")
    rows = [
        row
        for thread, name in zip(many, names, strict=True)
        for row in to_records(thread, source=name)
    ]
    records_to_parquet(rows, where)
