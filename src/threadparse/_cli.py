"""``python -m threadparse``: dump thread files as JSON or as a readable tree.

Exit status: 0 when every file dumped; 1 when ``--strict`` found an error-level
diagnostic; 2 for usage errors, files that cannot be read and output that
cannot be written (each gets one line on stderr, and the other files still
dump); 130 on Ctrl-C. A reader that goes away early (``| head``) ends the run
quietly with status 0.

Each file is parsed and rendered whole before a byte of it is written, so a
file that fails leaves nothing on stdout. JSON is written as UTF-8 whatever
the terminal's encoding (RFC 8259); the tree view uses the terminal's
encoding, with ``\\xNN`` escapes for what it cannot show.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections.abc import Sequence
from importlib import resources
from typing import BinaryIO, NoReturn

from threadparse._diagnostics import ThreadParseError
from threadparse._json import to_json
from threadparse._models import Thread
from threadparse._parser import DIALECTS, parse
from threadparse._tree import render_tree

PROG = "python -m threadparse"

EPILOG = """\
examples:
  python -m threadparse demo                      a bundled sample thread, as a tree
  python -m threadparse dump thread.txt           the JSON contract (schema_version 1)
  python -m threadparse dump a.txt b.txt --format tree
  cat thread.txt | python -m threadparse dump -   read standard input
"""


class InputError(Exception):
    """A file that cannot be read as text; the message is one line for stderr."""


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors in one line (the usage is one --help away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"threadparse: {message} (see '{self.prog} --help')\n")


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Parse discussion-thread text (Lemmy page text, flat dumps) into structure.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Sub-commands are built by the same _Parser class (argparse's default).
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    dump = commands.add_parser(
        "dump",
        help="parse files and print them",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dump.add_argument("files", nargs="+", metavar="FILE", help="a thread text file, or - for stdin")
    _add_output_options(dump, default_format="json")
    dump.add_argument(
        "--dialect",
        choices=("auto", *DIALECTS),
        default="auto",
        help="the text's shape (default: read it from the text)",
    )
    dump.add_argument(
        "--strict", action="store_true", help="exit 1 on the first error-level diagnostic"
    )
    dump.add_argument(
        "--encoding",
        type=_encoding,
        help="how the files are encoded (default: the byte order mark's, else utf-8, "
        "and then files with NUL bytes are refused as binary)",
    )
    dump.add_argument(
        "--max-bytes",
        type=_size,
        metavar="N",
        help="refuse files larger than N bytes (default: no limit)",
    )
    demo = commands.add_parser("demo", help="dump a sample thread bundled with the package")
    _add_output_options(demo, default_format="tree")
    return parser


def _add_output_options(parser: argparse.ArgumentParser, *, default_format: str) -> None:
    parser.add_argument(
        "--format",
        choices=("json", "tree"),
        default=default_format,
        help=f"output format (default: {default_format})",
    )


def _size(value: str) -> int:
    try:
        size = int(value.replace("_", ""))
    except ValueError:
        size = -1
    if size < 0:
        raise argparse.ArgumentTypeError(f"not a byte count: {value!r}")
    return size


def _encoding(value: str) -> str:
    # codecs.lookup alone accepts rot13, zlib and "undefined", and decoding b""
    # never fails, so decode one byte: only a text codec may fail to read it.
    try:
        b"a".decode(value)
    except UnicodeDecodeError:
        pass  # a text encoding in which "a" alone is not valid (utf-16)
    except (LookupError, ValueError):
        raise argparse.ArgumentTypeError(f"not a text encoding: {value!r}") from None
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        print("threadparse: standard output is closed", file=sys.stderr)
        return 2
    try:
        if args.command == "demo":
            text = resources.files("threadparse").joinpath("data/demo.txt").read_text("utf-8")
            _write(_render(parse(text), args.format), args.format)
            return 0
        return _dump(args.files, args)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other filters do.
        _silence_stdout()
        return 0
    except OSError as error:  # reading errors are InputError; this is stdout
        _silence_stdout()
        print(f"threadparse: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dump(files: Sequence[str], args: argparse.Namespace) -> int:
    status = 0
    many = len(files) > 1
    for name in files:
        try:
            text = _read(name, args.encoding, args.max_bytes)
            thread = parse(text, dialect=args.dialect, strict=args.strict)
            output = _render(thread, args.format)
        except InputError as error:
            print(f"threadparse: {error}", file=sys.stderr)
            status = 2
            continue
        except ThreadParseError as error:
            print(f"threadparse: {name}: {error}", file=sys.stderr)
            status = max(status, 1)
            continue
        except MemoryError:
            print(f"threadparse: {name}: out of memory; see --max-bytes", file=sys.stderr)
            status = 2
            continue
        if many and args.format == "tree":
            output = f"==> {name} <==\n" + output
        try:
            _write(output, args.format)
        except BrokenPipeError:
            _silence_stdout()  # as in main(), but keep the status of the files before
            return status
    return status


def _render(thread: Thread, output_format: str) -> str:
    if output_format == "tree":
        return render_tree(thread)
    return to_json(thread) + "\n"


def _write(output: str, output_format: str) -> None:
    """Write one whole document and flush it, so a failure is seen here, not at exit."""
    stdout = sys.stdout
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:  # a text-only stream, such as redirect_stdout(io.StringIO())
        stdout.write(output)
        stdout.flush()
        return
    encoding = "utf-8" if output_format == "json" else (stdout.encoding or "utf-8")
    stdout.flush()
    buffer.write(output.encode(encoding, "backslashreplace"))
    buffer.flush()


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind stdout (tests capture it)
        pass


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

#: Files are read in pieces this large, so a binary file or one over
#: --max-bytes is refused after its first bad piece, not after all of it.
CHUNK = 1 << 20


def _read(name: str, asked: str | None, max_bytes: int | None) -> str:
    """The file's text, decoded without newline translation (spans count every byte's char)."""
    try:
        if name == "-":
            if sys.stdin is None:
                raise InputError("-: standard input is closed")
            data = _read_bytes(sys.stdin.buffer, name, asked, max_bytes)
        else:
            with open(name, "rb") as handle:
                data = _read_bytes(handle, name, asked, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    return _decode(name, data, asked)


def _read_bytes(handle: BinaryIO, name: str, asked: str | None, max_bytes: int | None) -> bytes:
    """All of the file, refusing it as soon as it passes max_bytes or shows a NUL byte.

    NUL never occurs in UTF-8 text, so without ``--encoding`` and a byte order
    mark it means binary data (or UTF-16 without its mark): say so at once,
    rather than read a whole disk image first.
    """
    chunks: list[bytes] = []
    size = 0
    check_nul = asked is None
    while chunk := handle.read(CHUNK):
        if size == 0:
            check_nul = check_nul and not chunk.startswith(tuple(m for m, _, _ in BYTE_ORDER_MARKS))
        if check_nul and b"\0" in chunk:
            raise InputError(
                f"{name}: looks like a binary file (NUL byte at offset {size + chunk.index(0)}), "
                "not text; if it is UTF-16 without a byte order mark, try --encoding utf-16-le"
            )
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"{name}: larger than --max-bytes {max_bytes:,}")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(name: str, data: bytes, asked: str | None) -> str:
    """Decode as asked, else as the byte order mark says, else as UTF-8.

    An explicit ``--encoding`` wins over a mark; a UTF-8 mark is still not
    text when the encoding asked for is UTF-8.
    """
    if asked is not None:
        skip = len(codecs.BOM_UTF8) if codecs.lookup(asked).name == "utf-8" else 0
        encoding, chosen_by = asked, "; as --encoding says"
        skip = skip if data.startswith(codecs.BOM_UTF8) else 0
    else:
        encoding, skip, chosen_by = "utf-8", 0, ""
        for mark, codec, drop in BYTE_ORDER_MARKS:
            if data.startswith(mark):
                encoding, skip, chosen_by = codec, drop, "; as its byte order mark says"
                break
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        raise InputError(
            f"{name}: not valid {encoding} (byte 0x{data[offset : offset + 1].hex()} at offset "
            f"{offset}{chosen_by}); try --encoding, e.g. --encoding latin-1"
        ) from None
