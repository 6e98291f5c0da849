"""Files to text: one reader for ``parse_file`` and the command line.

A thread file is read as bytes and decoded here, so every caller gets the
same rules and the same one-line errors:

- the encoding is the one asked for, else the byte order mark's (UTF-8,
  UTF-16, UTF-32; the mark itself is not text), else UTF-8;
- no newline translation: spans count a CRLF file's ``\\r`` as the file has it;
- a file that is plainly not text (a PNG, a PDF, a zip or zstd archive, or one
  with NUL bytes) is refused at its first piece, with what it looks like;
- text over ``max_bytes`` is refused as soon as a piece passes the limit.

Errors are ``FileReadError`` with a message that names the file; its hint
names the option as the caller spells it (``--encoding`` on the command line,
``encoding=`` in Python).
"""

from __future__ import annotations

import codecs
import contextlib
import itertools
import os
from collections.abc import Callable, Iterator
from typing import BinaryIO

from threadparse._parser import MAX_DEPTH, check_options, parse
from threadparse.core.diagnostics import InputTooLargeError
from threadparse.core.models import Thread


class FileReadError(Exception):
    """A file that cannot be read as a thread's text: missing, unreadable, binary,
    or not in the encoding it was read with. The message is one line naming the file."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path  #: the file's name, as given


#: Byte order marks, longest first (a UTF-32-LE mark starts like UTF-16-LE's),
#: with the codec they name and how many bytes to drop before decoding (the
#: UTF-16 and UTF-32 codecs read the mark for the byte order and drop it).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", 0),
    (codecs.BOM_UTF32_BE, "utf-32", 0),
    (codecs.BOM_UTF8, "utf-8", len(codecs.BOM_UTF8)),
    (codecs.BOM_UTF16_LE, "utf-16", 0),
    (codecs.BOM_UTF16_BE, "utf-16", 0),
)

_MARKS = tuple(mark for mark, _, _ in BYTE_ORDER_MARKS)
_LONGEST_MARK = max(map(len, _MARKS))

#: The first bytes of files people pick up by mistake, and what to call them.
#: Only signatures that no thread's text starts with: each has a byte that is
#: not printable text, or (``%PDF-``) a fixed tag.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or a document made of one: docx, xlsx, epub)"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file; decompress it first"),
    (b"\xfd7zXZ\x00", "an xz-compressed file; decompress it first"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program (ELF)"),
)

#: Files are read in pieces this large, so a binary file or one over
#: ``max_bytes`` is refused after its first bad piece, not after all of it.
CHUNK = 1 << 20


def option(name: str, value: str, *, cli: bool) -> str:
    """How the caller writes an option: ``--encoding latin-1`` or ``encoding='latin-1'``."""
    return f"--{name.replace('_', '-')} {value}" if cli else f"{name}={value!r}"


def read_text(
    name: str,
    handle: BinaryIO | None = None,
    *,
    encoding: str | None = None,
    max_bytes: int | None = None,
    cli: bool = False,
) -> str:
    """The file's whole text (``handle`` if given, else the file ``name`` opens)."""
    return "".join(text_pieces(name, handle, encoding=encoding, max_bytes=max_bytes, cli=cli))


def text_pieces(
    name: str,
    handle: BinaryIO | None = None,
    *,
    encoding: str | None = None,
    max_bytes: int | None = None,
    cli: bool = False,
) -> Iterator[str]:
    """The file's text as it is read, in pieces; any failure is a FileReadError, when met.

    ``InputTooLargeError`` passes through: the command line words it itself.
    """
    try:
        # A handle given stays open: only a file opened here is closed here.
        with open(name, "rb") if handle is None else contextlib.nullcontext(handle) as source:
            chunks = _checked_chunks(source, name, encoding, max_bytes, cli)
            yield from _decoded(chunks, name, encoding, cli)
    except FileNotFoundError:
        raise FileReadError(f"{name}: no such file", name) from None
    except IsADirectoryError:
        raise FileReadError(f"{name}: is a directory, not a file", name) from None
    except PermissionError:
        raise FileReadError(f"{name}: permission denied", name) from None
    except OSError as error:
        raise FileReadError(f"{name}: cannot read: {error.strerror or error}", name) from None
    except MemoryError:
        raise FileReadError(f"{name}: too large to read into memory", name) from None


def _checked_chunks(
    handle: BinaryIO, name: str, asked: str | None, max_bytes: int | None, cli: bool
) -> Iterator[bytes]:
    """The file in ``CHUNK``-sized pieces, refused as soon as it passes max_bytes or
    shows it is not text.

    NUL never occurs in UTF-8 text, so without an encoding asked for and a byte
    order mark it means binary data (or UTF-16 without its mark): say so at
    once, rather than read a whole disk image first.
    """
    size = 0
    check = asked is None
    # read1: what a pipe has now, up to CHUNK, so a stream keeps pace with a writer.
    read: Callable[[int], bytes] = getattr(handle, "read1", handle.read)
    while chunk := read(CHUNK):
        if not isinstance(chunk, bytes):
            raise TypeError(
                f"{name}: the file was opened as text; open it in binary mode ('rb'), "
                "so its encoding and line ends are read as they are"
            )
        while size == 0 and len(chunk) < 16 and (more := read(CHUNK)):
            chunk += more  # a pipe may hand over the first bytes a few at a time
        if size == 0:
            check = check and not chunk.startswith(_MARKS)
            if check:
                _refuse_known_binary(chunk, name)
        if check and b"\0" in chunk:
            raise FileReadError(_nul_message(chunk, name, size, cli), name)
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise InputTooLargeError(size, max_bytes)
        yield chunk


def _refuse_known_binary(first: bytes, name: str) -> None:
    for signature, what in SIGNATURES:
        if first.startswith(signature):
            raise FileReadError(f"{name}: looks like {what}, not a thread's text", name)


def _nul_message(chunk: bytes, name: str, before: int, cli: bool) -> str:
    """Binary, or UTF-16 without its mark: every other byte NUL in ASCII-heavy text."""
    at = before + chunk.index(0)
    message = f"{name}: looks like a binary file (NUL byte at offset {at}), not text"
    sample = chunk[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if half and max(even, odd) >= 0.6 * half and min(even, odd) <= 0.05 * half:
        order = "utf-16-le" if odd > even else "utf-16-be"
        message += f"; it may be UTF-16 without a byte order mark: try {option('encoding', order, cli=cli)}"
    return message


def _decoded(chunks: Iterator[bytes], name: str, asked: str | None, cli: bool) -> Iterator[str]:
    """Decode as asked, else as the byte order mark says, else as UTF-8, piece by piece.

    An explicit encoding wins over a mark; a UTF-8 mark is still not text when
    the encoding asked for is UTF-8.
    """
    first = next(chunks, b"")
    if asked is not None:
        utf8 = codecs.lookup(asked).name == "utf-8"
        skip = len(codecs.BOM_UTF8) if utf8 and first.startswith(codecs.BOM_UTF8) else 0
        chosen_by = f"; as {option('encoding', asked, cli=cli)} says"
        encoding = asked
    else:
        encoding, skip, chosen_by = "utf-8", 0, ""
        for mark, codec, drop in BYTE_ORDER_MARKS:
            if first.startswith(mark):
                encoding, skip, chosen_by = codec, drop, "; as its byte order mark says"
                break
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = skip  # file offset of the next byte given to the decoder
    # Each chunk is decoded as soon as it is read (a pipe's writer may wait for
    # our output); the end of the file is told to the decoder with b"".
    for chunk, final in itertools.chain(
        [(first[skip:], False)], ((chunk, False) for chunk in chunks), [(b"", True)]
    ):
        held = len(decoder.getstate()[0])  # bytes of an unfinished character from before
        try:
            yield decoder.decode(chunk, final=final)
        except UnicodeDecodeError as error:
            bad = offset - held + error.start
            shown = error.object[error.start : error.start + 1].hex()
            raise FileReadError(
                f"{name}: not valid {encoding} (byte 0x{shown} at offset {bad}{chosen_by}); "
                f"try {'--encoding' if cli else 'encoding='}, "
                f"e.g. {option('encoding', 'latin-1', cli=cli)}",
                name,
            ) from None
        offset += len(chunk)


def display_name(file: str | os.PathLike[str] | BinaryIO) -> str:
    """The name errors give a file: its path, or a handle's ``name``, else ``<file>``."""
    if isinstance(file, (str, os.PathLike)):
        return os.fsdecode(file)
    name = getattr(file, "name", None)
    return name if isinstance(name, str) else "<file>"


def parse_file(
    file: str | os.PathLike[str] | BinaryIO,
    *,
    encoding: str | None = None,
    dialect: str = "auto",
    strict: bool = False,
    max_depth: int | None = MAX_DEPTH,
    max_bytes: int | None = None,
) -> Thread:
    """Read a thread file and parse it: ``parse`` for a path or a binary file.

    The bytes are decoded as ``encoding`` says, else as the byte order mark
    says (UTF-8, UTF-16, UTF-32), else as UTF-8, with no newline translation,
    so spans index the text exactly as the file holds it (a CRLF file's
    ``\\r`` included). The mark itself is not part of the text.

    Args:
        file: a path (``str`` or ``pathlib.Path``) or a file opened in binary
            mode (``open(path, "rb")``, ``io.BytesIO``, ``sys.stdin.buffer``).
        encoding: a Python codec name; None to go by the mark, else UTF-8.
        dialect, strict, max_depth: as for ``parse``.
        max_bytes: refuse a file larger than this many bytes, as soon as the
            reading passes it.

    Raises:
        FileReadError: the file is missing or unreadable, plainly not text (a
            PNG, a PDF, an archive, NUL bytes), or not valid in its encoding.
            The message is one line naming the file, as the command line prints it.
        InputTooLargeError: only with ``max_bytes``.
        TypeError: ``file`` was opened in text mode.
        ValueError, ThreadParseError: as for ``parse``.

    >>> import io, threadparse
    >>> data = "\\ufeff  • ada@lemmy.ml\\r\\n    arrow-up\\r\\n    3\\r\\n    ·\\r\\n    1 day ago\\r\\n\\r\\n    Hi!\\r\\n"
    >>> thread = threadparse.parse_file(io.BytesIO(data.encode("utf-8")))
    >>> span = thread.comments[0].paragraphs[0].span
    >>> thread.comments[0].author.name, data[1:][span.start : span.end]  # the mark is not text
    ('ada', 'Hi!')
    """
    check_options(dialect=dialect, max_depth=max_depth, max_bytes=max_bytes)
    if encoding is not None:
        checked_encoding(encoding)
    name = display_name(file)
    if isinstance(file, (str, os.PathLike)):
        text = read_text(name, encoding=encoding, max_bytes=max_bytes)
    else:
        text = read_text(name, file, encoding=encoding, max_bytes=max_bytes)
    return parse(text, dialect=dialect, strict=strict, max_depth=max_depth)


def checked_encoding(value: str) -> None:
    """A text codec, or ValueError: ``codecs.lookup`` alone accepts rot13 and zlib,
    and decoding b"" never fails, so decode one byte."""
    try:
        b"a".decode(value)
    except UnicodeDecodeError:
        pass  # a text encoding in which "a" alone is not valid (utf-16)
    except (LookupError, ValueError):
        raise ValueError(f"not a text encoding: {value!r}") from None
