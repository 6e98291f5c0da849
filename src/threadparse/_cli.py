"""``python -m threadparse``: dump thread files as JSON, a table or a readable tree.

Exit status: 0 when every file dumped; 1 when ``--strict`` found an error-level
diagnostic; 2 for usage errors, files that cannot be read and output that
cannot be written (each gets one line on stderr, and the other files still
dump); 130 on Ctrl-C. A reader that goes away early (``| head``) ends the run
quietly with status 0.

Each file is parsed and rendered whole before a byte of it is written, so a
file that fails leaves nothing on stdout. JSON is written as UTF-8 whatever
the terminal's encoding (RFC 8259); the tree view uses the terminal's
encoding, with ``\\xNN`` escapes for what it cannot show. Several files in
JSON make one JSON array of ``{"file": NAME, "thread": DUMP}``, so the output
stays one document; in JSON Lines each file's head record names it.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import io
import os
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from importlib import resources
from typing import NoReturn, TextIO

from threadparse._detect import detect
from threadparse._dumps import DumpError, Progress, iter_threads
from threadparse._files import FileReadError, checked_encoding, read_text, text_pieces
from threadparse._json import dumps, to_json
from threadparse._parser import DIALECTS, parse
from threadparse._schema import json_schema
from threadparse._serialize import part_to_dict, to_dict
from threadparse._stream import iter_thread
from threadparse._tree import render_tree
from threadparse.core.diagnostics import InputTooLargeError, ThreadParseError
from threadparse.core.models import Diagnostic, Severity, Thread, ThreadHead, ThreadTail
from threadparse.exports.arrow import records_to_parquet
from threadparse.exports.table import COLUMNS, Record, to_records

PROG = "python -m threadparse"

EPILOG = """\
examples:
  python -m threadparse demo                      a bundled sample thread, as a tree
  python -m threadparse demo --input > thread.txt the sample's text, to try the rest on
  python -m threadparse dump thread.txt           the JSON contract (schema_version 1)
  python -m threadparse dump thread.txt --format csv > rows.csv   a row per comment
  python -m threadparse detect archive/*          each file's dialect and confidence
  python -m threadparse threads RC_2024-01.zst > threads.jsonl   a Reddit dump, a thread a line
  python -m threadparse schema                    the JSON Schema every dump validates against

'python -m threadparse COMMAND --help' shows each command's options and examples.
"""

DUMP_EXAMPLES = """\
examples:
  python -m threadparse dump thread.txt                 the JSON contract (schema_version 1)
  python -m threadparse dump thread.txt --format tree   an outline to read
  python -m threadparse dump a.txt b.txt                one JSON array: [{"file": ..., "thread": ...}]
  python -m threadparse dump huge.txt --format jsonl    one record per line, as it reads
  python -m threadparse dump *.txt --format csv > rows.csv        a row per post, comment, line
  python -m threadparse dump *.txt --format parquet > rows.parquet   the same rows (pyarrow)
  cat thread.txt | python -m threadparse dump           standard input, when piped
  python -m threadparse dump old.txt --encoding cp1252  a file that is not UTF-8
"""

DETECT_EXAMPLES = """\
examples:
  python -m threadparse detect thread.txt         thread.txt  lemmy-0.19  1.00  -  -
  python -m threadparse detect archive/*          a line per file
  cat page.txt | python -m threadparse detect     standard input, when piped
"""

THREADS_EXAMPLES = """\
examples:
  python -m threadparse threads RC_2024-01.zst > threads.jsonl
  python -m threadparse threads RS_2024-01.zst RC_2024-01.zst --buckets 64 > threads.jsonl
"""

#: ``dump --format``: what each writes.
FORMATS = ("json", "tree", "jsonl", "csv", "parquet")


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors in one line (the usage is one --help away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"threadparse: {message} (see '{self.prog} --help')\n")


def _version() -> str:
    from threadparse import __version__  # the package's, set in __init__.py

    return f"threadparse {__version__}"


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Parse discussion threads (Lemmy, Reddit, Hacker News, Discourse, "
        "Mastodon; page text, HTML or JSON) into structure.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    # Sub-commands are built by the same _Parser class (argparse's default).
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    dump = commands.add_parser(
        "dump",
        help="parse files and print them",
        description="Parse each file and print it: JSON (the contract; several files "
        'make one array of {"file", "thread"}), a tree to read, JSON Lines as it '
        "reads, or a table of rows (csv, parquet) with a 'source' column naming the file.",
        epilog=DUMP_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dump.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a thread file, or - for stdin (the default when piped)",
    )
    dump.add_argument(
        "--format",
        choices=FORMATS,
        default="json",
        help="output format (default: json); jsonl streams one record per line as the file "
        "is read: a head (the post), one per top-level comment, a tail (unplaced lines, "
        "diagnostics); csv and parquet write one row per node (threadparse.to_records), "
        "parquet with pyarrow installed",
    )
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
        epilog=DETECT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    detect.add_argument(
        "files", nargs="*", metavar="FILE", help="a file, or - for stdin (the default when piped)"
    )
    _add_input_options(detect)
    demo = commands.add_parser(
        "demo",
        help="dump a sample thread bundled with the package",
        description="Parse the sample thread that ships with threadparse and print it.",
        epilog="examples:\n  python -m threadparse demo\n"
        "  python -m threadparse demo --format json\n"
        "  python -m threadparse demo --input > thread.txt   its text, to try dump on\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "--format",
        choices=("json", "tree"),
        default="tree",
        help="output format (default: tree)",
    )
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
        epilog=THREADS_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
        "validates against; with --record, the schema of one 'dump --format jsonl' line; "
        "with --files, the schema of 'dump' given several files.",
        epilog="examples:\n  python -m threadparse schema > thread.schema.json\n"
        "  python -m threadparse schema --record\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = schema.add_mutually_exclusive_group()
    which.add_argument(
        "--record", action="store_true", help="the schema of one JSON Lines record instead"
    )
    which.add_argument(
        "--files",
        action="store_true",
        help="the schema of 'dump' with several files in JSON (an array of {file, thread})",
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
    try:
        checked_encoding(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
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
            schema = json_schema("record" if args.record else "files" if args.files else "thread")
            _write(dumps(schema) + "\n", "json")
            return 0
        if args.command == "threads":
            return _threads(args.files, args)
        files = _files_or_stdin(args.files, args.command)
        if args.command == "detect":
            return _detect(files, args)
        if args.format in ("csv", "parquet"):
            return _table(files, args)
        return _dump(files, args)
    except _UsageError as error:
        print(f"threadparse: {error} (see '{PROG} {args.command} --help')", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other filters do.
        _silence_stdout()
        return 0
    except OSError as error:  # reading errors are FileReadError; this is stdout
        _silence_stdout()
        print(f"threadparse: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


class _UsageError(Exception):
    """A command line that cannot run as given; the message is one line."""


def _files_or_stdin(files: Sequence[str], command: str) -> Sequence[str]:
    """The files named, else standard input when it is piped (not a terminal)."""
    if files:
        return files
    if sys.stdin is not None and not sys.stdin.isatty():
        return ["-"]
    raise _UsageError(f"{command}: no FILE given, and standard input is a terminal")


def _read(name: str, args: argparse.Namespace) -> str:
    """The file's whole text; '-' is standard input."""
    if name == "-":
        return "".join(_stdin_pieces(args))
    return read_text(name, encoding=args.encoding, max_bytes=args.max_bytes, cli=True)


def _pieces(name: str, args: argparse.Namespace) -> Iterator[str]:
    """The file's text as it is read, for JSON Lines."""
    if name == "-":
        return _stdin_pieces(args)
    return text_pieces(name, encoding=args.encoding, max_bytes=args.max_bytes, cli=True)


def _stdin_pieces(args: argparse.Namespace) -> Iterator[str]:
    if sys.stdin is None:
        raise FileReadError("-: standard input is closed", "-")
    return text_pieces(
        "-", sys.stdin.buffer, encoding=args.encoding, max_bytes=args.max_bytes, cli=True
    )


def _failed(name: str, error: Exception) -> int:
    """Say on stderr, in one line, why a file did not dump; the exit status for it."""
    if isinstance(error, FileReadError):
        print(f"threadparse: {error}", file=sys.stderr)
        return 2
    if isinstance(error, InputTooLargeError):
        print(f"threadparse: {name}: larger than --max-bytes {error.limit:,}", file=sys.stderr)
        return 2
    if isinstance(error, ThreadParseError):
        print(f"threadparse: {name}: {error}", file=sys.stderr)
        return 1
    assert isinstance(error, MemoryError)
    print(f"threadparse: {name}: out of memory; see --max-bytes", file=sys.stderr)
    return 2


#: What a file's failure may be: each is told in one line, and the run goes on.
_FILE_ERRORS = (FileReadError, InputTooLargeError, ThreadParseError, MemoryError)


def _dump(files: Sequence[str], args: argparse.Namespace) -> int:
    status = 0
    many = len(files) > 1
    array = many and args.format == "json"
    opened = False  # the JSON array's "[" is written with the first file that dumps
    with contextlib.closing(_with_progress(files)) as names:
        for name in names:
            try:
                if args.format == "jsonl":
                    status = max(status, _stream_jsonl(name, args))
                    continue
                thread = parse(_read(name, args), dialect=args.dialect, strict=args.strict)
                if array:
                    document = dumps({"file": name, "thread": to_dict(thread)})
                    output = ("[\n" if not opened else ",\n") + document
                    opened = True
                else:
                    output = _render(thread, args.format)
                    if many:  # the tree
                        output = f"==> {name} <==\n" + output
                _write(output, args.format)  # only now: a failed file writes nothing
            except _FILE_ERRORS as error:
                status = max(status, _failed(name, error))
            except BrokenPipeError:
                _silence_stdout()  # as in main(), but keep the status of the files before
                return status
    if array:
        _write("[]\n" if not opened else "\n]\n", "json")
    return status


def _table(files: Sequence[str], args: argparse.Namespace) -> int:
    """One row per node of every file (``to_records``), ``source`` naming the file."""
    status = 0
    rows: list[Record] = []
    writer: csv.DictWriter[str] | None = None
    buffer = io.StringIO()
    if args.format == "parquet":
        try:
            importlib.import_module("pyarrow.parquet")  # records_to_parquet imports it late
        except ImportError:
            raise _UsageError(
                "--format parquet needs pyarrow: pip install 'threadparse[arrow]'"
            ) from None
        if sys.stdout.isatty():
            raise _UsageError("Parquet is binary: send it to a file (> rows.parquet)")
    else:
        writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\r\n")
        writer.writeheader()
    with contextlib.closing(_with_progress(files)) as names:
        for name in names:
            try:
                thread = parse(_read(name, args), dialect=args.dialect, strict=args.strict)
            except _FILE_ERRORS as error:
                status = max(status, _failed(name, error))
                continue
            if writer is None:
                rows.extend(to_records(thread, source=name))
                continue
            writer.writerows(_csv_cells(row) for row in to_records(thread, source=name))
            _write(buffer.getvalue(), "csv")  # a file at a time, header with the first
            buffer.seek(0)
            buffer.truncate()
    if writer is None:
        sink = io.BytesIO()
        records_to_parquet(rows, sink)
        _write_bytes(sink.getvalue())
    elif buffer.tell():
        _write(buffer.getvalue(), "csv")  # the header alone, when no file dumped
    return status


def _csv_cells(row: Record) -> dict[str, object]:
    """CSV cells: exact times in ISO 8601, flags as true/false, nothing as empty."""
    cells: dict[str, object] = {}
    for name, value in row.items():
        if isinstance(value, bool):
            cells[name] = "true" if value else "false"
        elif value is not None and COLUMNS[name] == "datetime":
            cells[name] = value.isoformat()  # type: ignore[union-attr]  # a datetime here
        else:
            cells[name] = value
    return cells


def _with_progress(files: Sequence[str]) -> Generator[str, None, None]:
    """The files in order; over several, a progress bar (``_FilesProgress``) that is
    cleared when the loop ends, however it ends (close the generator)."""
    shown = _FilesProgress(len(files)) if len(files) > 1 else None
    try:
        for name in files:
            if shown is not None:
                shown.step(name)
            yield name
    finally:
        if shown is not None:
            shown.done()


class _FilesProgress:
    """Progress over many files on stderr: a bar when stderr is a terminal and
    stdout is not (``dump *.txt > out.json``); nothing otherwise. When both are
    the terminal, the output itself shows the progress, and a bar would break
    its lines."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.stream = sys.stderr
        output = sys.stdout
        self.on = (
            self.stream is not None
            and self.stream.isatty()
            and not (output is not None and output.isatty())
        )

    def step(self, name: str) -> None:
        if not self.on:
            return
        self.count += 1
        bar = "#" * (30 * (self.count - 1) // self.total)
        shown = name if len(name) <= 40 else "…" + name[-39:]
        self.stream.write(f"\r\x1b[K[{bar:<30}] {self.count - 1}/{self.total} {shown}")
        self.stream.flush()

    def done(self) -> None:
        if self.on:
            self.stream.write("\r\x1b[K")  # clear the bar's line: stdout may share the terminal
            self.stream.flush()


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
    with contextlib.closing(_with_progress(files)) as names:
        for name in names:
            try:
                found = detect(_read(name, args))
            except (FileReadError, InputTooLargeError, MemoryError) as error:
                status = max(status, _failed(name, error))
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
    for part in iter_thread(_pieces(name, args), dialect=args.dialect):
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


def _write_bytes(data: bytes) -> None:
    """Write a binary document (Parquet) to stdout as it is."""
    stdout = sys.stdout
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:
        raise _UsageError("standard output takes only text here; Parquet needs a binary stream")
    stdout.flush()
    buffer.write(data)
    buffer.flush()


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
