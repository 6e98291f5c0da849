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
import itertools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from typing import BinaryIO, NoReturn, TextIO

from threadparse._detect import detect
from threadparse._dumps import DumpError, Progress, iter_threads
from threadparse._json import dumps, to_json
from threadparse._parser import DIALECTS, parse
from threadparse._schema import json_schema
from threadparse._serialize import part_to_dict, to_dict
from threadparse._stream import iter_thread
from threadparse._tree import render_tree
from threadparse.core.diagnostics import ThreadParseError
from threadparse.core.models import Diagnostic, Severity, Thread, ThreadHead, ThreadTail

PROG = "python -m threadparse"

EPILOG = """\
examples:
  python -m threadparse demo                      a bundled sample thread, as a tree
  python -m threadparse demo --input > thread.txt the sample's text, to try the rest on
  python -m threadparse dump thread.txt           the JSON contract (schema_version 1)
  python -m threadparse dump a.txt b.txt --format tree
  python -m threadparse dump huge.txt --format jsonl   one record per line, as it reads
  cat thread.txt | python -m threadparse dump -   read standard input
  python -m threadparse detect archive/*          each file's dialect and confidence
  python -m threadparse threads RC_2024-01.zst > threads.jsonl   a Reddit dump, a thread a line
  python -m threadparse schema                    the JSON Schema every dump validates against
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
    _add_output_options(dump, default_format="json", streaming=True)
    dump.add_argument(
        "--dialect",
        choices=("auto", *DIALECTS),
        default="auto",
        help="the text's shape (default: read it from the text)",
    )
    dump.add_argument(
        "--strict", action="store_true", help="exit 1 on the first error-level diagnostic"
    )
    _add_input_options(dump)
    detect = commands.add_parser(
        "detect",
        help="print each file's dialect and confidence",
        description="Print one line per file, tab-separated: the file, the dialect "
        "'dump --dialect auto' would read it as, the confidence (0.50 a guess, 1.00 "
        "nothing else fits), the runner-up dialect or '-', and for a lemmy-ui page's "
        "text the capture kind (chromium-innertext, chromium-copy, firefox-innertext, "
        "firefox-copy) or '-'.",
    )
    detect.add_argument("files", nargs="+", metavar="FILE", help="a file, or - for stdin")
    _add_input_options(detect)
    demo = commands.add_parser("demo", help="dump a sample thread bundled with the package")
    _add_output_options(demo, default_format="tree")
    demo.add_argument(
        "--input",
        action="store_true",
        help="print the sample's text instead, to save and try the other commands on",
    )
    threads = commands.add_parser(
        "threads",
        help="rebuild the threads of Reddit dumps, one JSON document a line",
        description="Read Pushshift or Arctic Shift dumps (NDJSON of comments, and of "
        "submissions when given; .zst with the zstd extra), in any order, and write one "
        "thread a line: the 'dump' JSON of each thread. Memory stays bounded: the lines "
        "are first split into buckets on disk by thread. Progress goes to standard error: "
        "a bar on a terminal, a line per million lines otherwise.",
    )
    threads.add_argument("files", nargs="+", metavar="DUMP", help="an NDJSON dump, or .zst")
    threads.add_argument(
        "--buckets",
        type=_count,
        metavar="N",
        help="split the dump into N parts on disk (default: one per 32 MB of input)",
    )
    threads.add_argument("--quiet", action="store_true", help="no progress on standard error")
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the dump output",
        description="Print the JSON Schema (draft 2020-12) that every 'dump' output "
        "validates against; with --record, the schema of one 'dump --format jsonl' line.",
    )
    schema.add_argument(
        "--record", action="store_true", help="the schema of one JSON Lines record instead"
    )
    return parser


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        type=_encoding,
        help="how the files are encoded (default: the byte order mark's, else utf-8, "
        "and then files with NUL bytes are refused as binary)",
    )
    parser.add_argument(
        "--max-bytes",
        type=_size,
        metavar="N",
        help="refuse files larger than N bytes (default: no limit)",
    )


def _add_output_options(
    parser: argparse.ArgumentParser, *, default_format: str, streaming: bool = False
) -> None:
    parser.add_argument(
        "--format",
        choices=("json", "tree", "jsonl") if streaming else ("json", "tree"),
        default=default_format,
        help=f"output format (default: {default_format})"
        + (
            "; jsonl streams one record per line as the file is read: a head (the post), "
            "one per top-level comment, a tail (unplaced lines, diagnostics)"
            if streaming
            else ""
        ),
    )


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a count of 1 or more: {value!r}")
    return number


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
            if args.input:
                _write(text, "text")  # UTF-8 as shipped, so `> thread.txt` saves it exactly
                return 0
            _write(_render(parse(text), args.format), args.format)
            return 0
        if args.command == "schema":
            schema = json_schema("record" if args.record else "thread")
            _write(dumps(schema) + "\n", "json")
            return 0
        if args.command == "detect":
            return _detect(args.files, args)
        if args.command == "threads":
            return _threads(args.files, args)
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
            if args.format == "jsonl":
                status = max(status, _stream_jsonl(name, args))
                continue
            text = _read(name, args.encoding, args.max_bytes)
            thread = parse(text, dialect=args.dialect, strict=args.strict)
            output = _render(thread, args.format)
            if many and args.format == "tree":
                output = f"==> {name} <==\n" + output
            _write(output, args.format)  # only now: a failed file writes nothing
        except InputError as error:
            print(f"threadparse: {error}", file=sys.stderr)
            status = 2
        except ThreadParseError as error:
            print(f"threadparse: {name}: {error}", file=sys.stderr)
            status = max(status, 1)
        except MemoryError:
            print(f"threadparse: {name}: out of memory; see --max-bytes", file=sys.stderr)
            status = 2
        except BrokenPipeError:
            _silence_stdout()  # as in main(), but keep the status of the files before
            return status
    return status


def _threads(files: Sequence[str], args: argparse.Namespace) -> int:
    """Each thread of the dumps as one line of JSON, with progress on stderr."""
    for name in files:
        if not os.path.isfile(name):
            print(f"threadparse: {name}: no such file", file=sys.stderr)
            return 2
    show = None if args.quiet else _progress(sys.stderr)
    try:
        for thread in iter_threads(*files, buckets=args.buckets, progress=show):
            _write(dumps(to_dict(thread), indent=None) + "\n", "json")
    except DumpError as error:
        print(f"threadparse: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            raise
        print(f"threadparse: cannot read the dump: {error.strerror or error}", file=sys.stderr)
        return 2
    finally:
        if show is not None and sys.stderr.isatty():
            print(file=sys.stderr)  # end the progress bar's line
    return 0


def _progress(stream: TextIO) -> Callable[[Progress], None]:
    """A progress bar on a terminal; a line per million lines otherwise."""
    terminal = stream.isatty()

    def show(progress: Progress) -> None:
        if terminal:
            if progress.total:
                share = (progress.read or 0) / progress.total
                bar = "#" * int(share * 30)
                stream.write(f"\r[{bar:<30}] {share:4.0%} {progress.lines:,} lines")
            else:
                stream.write(f"\r{progress.lines:,} lines")
            stream.flush()
        elif progress.lines % 1_000_000 == 0 and progress.lines:
            stream.write(f"threadparse: {progress.lines:,} lines read\n")
            stream.flush()

    return show


def _detect(files: Sequence[str], args: argparse.Namespace) -> int:
    status = 0
    for name in files:
        try:
            found = detect(_read(name, args.encoding, args.max_bytes))
        except InputError as error:
            print(f"threadparse: {error}", file=sys.stderr)
            status = 2
            continue
        except MemoryError:
            print(f"threadparse: {name}: out of memory; see --max-bytes", file=sys.stderr)
            status = 2
            continue
        line = (
            f"{name}\t{found.dialect}\t{found.confidence:.2f}\t{found.runner_up or '-'}"
            f"\t{found.capture or '-'}\n"
        )
        _write(line, "tree")
    return status


def _stream_jsonl(name: str, args: argparse.Namespace) -> int:
    """Write the file as JSON Lines while reading it; the exit status for this file.

    Records already written stay written: a file that fails midway (the
    caller reports it) ends without its tail record, and ``--strict`` can only
    set the status.
    """
    errors: list[Diagnostic] = []
    pieces = _text_pieces(name, args.encoding, args.max_bytes)
    for part in iter_thread(pieces, dialect=args.dialect):
        record = part_to_dict(part)
        if isinstance(part, ThreadHead):
            record["file"] = name
        elif isinstance(part, ThreadTail):
            errors = [d for d in part.diagnostics if d.severity is Severity.ERROR]
        _write(dumps(record, indent=None) + "\n", "json")
    if args.strict and errors:
        first = errors[0]
        print(
            f"threadparse: {name}: {len(errors)} error-level diagnostic(s), the first: "
            f"{first.code} {first.message} (line {first.line})",
            file=sys.stderr,
        )
        return 1
    return 0


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
    # Documents (JSON, the demo's text) are UTF-8; only the tree is for a terminal.
    encoding = (stdout.encoding or "utf-8") if output_format == "tree" else "utf-8"
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

_MARKS = tuple(mark for mark, _, _ in BYTE_ORDER_MARKS)
_LONGEST_MARK = max(map(len, _MARKS))

#: Files are read in pieces this large, so a binary file or one over
#: --max-bytes is refused after its first bad piece, not after all of it.
CHUNK = 1 << 20


def _read(name: str, asked: str | None, max_bytes: int | None) -> str:
    """The file's text, decoded without newline translation (spans count every byte's char)."""
    return "".join(_text_pieces(name, asked, max_bytes))


def _text_pieces(name: str, asked: str | None, max_bytes: int | None) -> Iterator[str]:
    """The file's text as it is read, in pieces; any failure is an InputError, when met."""
    try:
        if name == "-":
            if sys.stdin is None:
                raise InputError("-: standard input is closed")
            yield from _decoded(
                _checked_chunks(sys.stdin.buffer, name, asked, max_bytes), name, asked
            )
        else:
            with open(name, "rb") as handle:
                yield from _decoded(_checked_chunks(handle, name, asked, max_bytes), name, asked)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    except MemoryError:
        raise InputError(f"{name}: too large to read into memory; see --max-bytes") from None


def _checked_chunks(
    handle: BinaryIO, name: str, asked: str | None, max_bytes: int | None
) -> Iterator[bytes]:
    """The file in ``CHUNK``-sized pieces, refused as soon as it passes max_bytes or shows NUL.

    NUL never occurs in UTF-8 text, so without ``--encoding`` and a byte order
    mark it means binary data (or UTF-16 without its mark): say so at once,
    rather than read a whole disk image first.
    """
    size = 0
    check_nul = asked is None
    # read1: what a pipe has now, up to CHUNK, so --format jsonl keeps pace with a writer.
    read: Callable[[int], bytes] = getattr(handle, "read1", handle.read)
    while chunk := read(CHUNK):
        while size == 0 and len(chunk) < _LONGEST_MARK and (more := read(CHUNK)):
            chunk += more  # a pipe may hand over a byte order mark a byte at a time
        if size == 0:
            check_nul = check_nul and not chunk.startswith(_MARKS)
        if check_nul and b"\0" in chunk:
            raise InputError(
                f"{name}: looks like a binary file (NUL byte at offset {size + chunk.index(0)}), "
                "not text; if it is UTF-16 without a byte order mark, try --encoding utf-16-le"
            )
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"{name}: larger than --max-bytes {max_bytes:,}")
        yield chunk


def _decoded(chunks: Iterator[bytes], name: str, asked: str | None) -> Iterator[str]:
    """Decode as asked, else as the byte order mark says, else as UTF-8, piece by piece.

    An explicit ``--encoding`` wins over a mark; a UTF-8 mark is still not
    text when the encoding asked for is UTF-8.
    """
    first = next(chunks, b"")
    if asked is not None:
        utf8 = codecs.lookup(asked).name == "utf-8"
        skip = len(codecs.BOM_UTF8) if utf8 and first.startswith(codecs.BOM_UTF8) else 0
        encoding, chosen_by = asked, "; as --encoding says"
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
            raise InputError(
                f"{name}: not valid {encoding} (byte 0x{shown} at offset {bad}{chosen_by}); "
                "try --encoding, e.g. --encoding latin-1"
            ) from None
        offset += len(chunk)
