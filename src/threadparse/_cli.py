"""``python -m threadparse``: dump thread files as JSON or as a readable tree.

Exit status: 0 when every file dumped; 1 when ``--strict`` found an error-level
diagnostic; 2 for usage errors and files that cannot be read (each gets one
line on stderr, and the other files still dump).
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Sequence
from importlib import resources

from threadparse._diagnostics import ThreadParseError
from threadparse._models import Thread
from threadparse._parser import DIALECTS, parse
from threadparse._serialize import to_dict
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
        default="utf-8",
        help="how the files are encoded (default: utf-8; a BOM is honoured)",
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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            text = resources.files("threadparse").joinpath("data/demo.txt").read_text("utf-8")
            sys.stdout.write(_render(parse(text), args.format))
            return 0
        return _dump(args.files, args)
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other filters do.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


def _dump(files: Sequence[str], args: argparse.Namespace) -> int:
    status = 0
    many = len(files) > 1
    for name in files:
        try:
            text = _read(name, args.encoding)
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
        if many and args.format == "tree":
            sys.stdout.write(f"==> {name} <==\n")
        sys.stdout.write(_render(thread, args.format))
    return status


def _render(thread: Thread, output_format: str) -> str:
    if output_format == "tree":
        return render_tree(thread)
    return json.dumps(to_dict(thread), ensure_ascii=False, indent=2) + "\n"


def _read(name: str, encoding: str) -> str:
    """The file's text, decoded without newline translation (spans count every byte's char)."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as handle:
                data = handle.read()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    return _decode(name, data, encoding)


def _decode(name: str, data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
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
