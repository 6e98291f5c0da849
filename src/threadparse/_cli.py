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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Parse discussion-thread text (Lemmy page text, flat dumps) into structure.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
        help="how the files are encoded (default: utf-8, and files with NUL bytes are "
        "refused as binary; a BOM is honoured)",
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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
        except InputError as error:
            print(f"threadparse: {error}", file=sys.stderr)
            status = 2
            continue
        try:
            thread = parse(text, dialect=args.dialect, strict=args.strict)
        except ThreadParseError as error:
            print(f"threadparse: {name}: {error}", file=sys.stderr)
            status = max(status, 1)
            continue
        output = _render(thread, args.format)
        if many and args.format == "tree":
            output = f"==> {name} <==\n" + output
        _write(output, args.format)
    return status


def _render(thread: Thread, output_format: str) -> str:
    if output_format == "tree":
        return render_tree(thread)
    return to_json(thread) + "\n"


def _write(output: str, output_format: str) -> None:
    """Write one whole document and flush it, so a failure is seen here, not at exit."""
    encoding = "utf-8" if output_format == "json" else (sys.stdout.encoding or "utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(output.encode(encoding, "backslashreplace"))
    sys.stdout.buffer.flush()


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind stdout (tests capture it)
        pass


def _read(name: str, encoding: str | None, max_bytes: int | None) -> str:
    """The file's text, decoded without newline translation (spans count every byte's char)."""
    limit = -1 if max_bytes is None else max_bytes + 1
    try:
        if name == "-":
            data = sys.stdin.buffer.read(limit)
        else:
            with open(name, "rb") as handle:
                data = handle.read(limit)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{name}: larger than --max-bytes {max_bytes:,}")
    return _decode(name, data, encoding)


def _decode(name: str, data: bytes, asked: str | None) -> str:
    encoding = asked or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if asked is None and not data.startswith(boms) and b"\0" in data:
        raise InputError(
            f"{name}: looks like a binary file (NUL byte at offset {data.index(0)}), not text; "
            "if it is UTF-16 without a byte order mark, try --encoding utf-16-le"
        )
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # the BOM names the byte order; the codec drops it
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise InputError(
            f"{name}: not valid {encoding} (byte 0x{bad} at offset {error.start}); "
            "try --encoding, e.g. --encoding latin-1"
        ) from None
