"""Benchmark threadparse on realistic megathreads, against the floor and markdown-it-py.

    python benchmarks/bench.py [--sizes 10000,100000] [--repeat N] [--kinds K,...] [--quick]

For each kind of page text (``KINDS``: each page dialect, mlmym, and each
browser capture of a lemmy-ui page) and each size (in comments), a megathread
from ``benchmarks/megathread.py`` is rendered to that text, and on that same
text this script times, best of ``--repeat`` runs each (the runs of the different
functions interleaved, so a busy moment of the machine hits them all alike):

- ``threadparse.parse(text)``: input MB/s and comments/s;
- the floor (``benchmarks/floor.py``): parse time / floor time;
- ``markdown_it.MarkdownIt("commonmark").parse(text)``: its time / parse time;
- ``json.dumps(threadparse.to_dict(thread), ensure_ascii=False)`` and
  ``threadparse.to_json(thread)`` (its default indent=2): each time / parse time;

and, in a separate run under ``tracemalloc`` (which slows everything it
traces, so it never overlaps the timings), the peak memory parse allocates, as
a multiple of the input's UTF-8 size. The garbage collector stays on, as in a
user's program; a full collection runs before every timed call.

Targets (PASS/MISS in the tables and the summary; issue 18): parse <= 2x
floor; markdown-it-py >= 4x slower than parse; peak memory <= 4x the input;
to_dict + json.dumps <= 2x parse. ``--quick`` is sizes 100,1000 with 2 repeats.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for `python benchmarks/...`

import attrs
import markdown_it

import threadparse
from benchmarks.floor import floor
from benchmarks.megathread import PAGE_DIALECTS, all_comments, megathread
from threadparse.formats.lemmy_page.capture import CAPTURES

ROOT = Path(__file__).resolve().parents[1]

#: The sizes the targets are set at (``--sizes`` for others, e.g. megathread.SIZES).
BENCH_SIZES = (10_000, 100_000)


@attrs.frozen
class Target:
    """A ratio's bound: ``ratio <= bound`` (``at_most``) or ``ratio >= bound``."""

    label: str
    bound: float
    at_most: bool

    def met(self, ratio: float) -> bool:
        return ratio <= self.bound if self.at_most else ratio >= self.bound

    def verdict(self, ratio: float) -> str:
        return "PASS" if self.met(ratio) else "MISS"

    def margin(self, ratio: float) -> str:
        """How far inside or outside the bound, as a factor."""
        factor = self.bound / ratio if self.at_most else ratio / self.bound
        if factor >= 1:
            return f"{factor:.1f}x inside the bound"
        return f"{1 / factor:.1f}x outside the bound"


FLOOR = Target("parse <= 2x floor", 2.0, at_most=True)
MARKDOWN = Target("markdown-it-py >= 4x slower than parse", 4.0, at_most=False)
MEMORY = Target("peak memory <= 4x input", 4.0, at_most=True)
JSON = Target("to_dict + json.dumps <= 2x parse", 2.0, at_most=True)
TARGETS = (FLOOR, MARKDOWN, MEMORY, JSON)


@attrs.frozen
class Kind:
    """A kind of page text: a megathread made for ``dialect``, rendered as
    ``rendered`` (with ``capture``, as that browser capture of the page)."""

    label: str
    dialect: str
    rendered: str
    capture: str | None = None

    @property
    def reads_as(self) -> str:
        """The dialect ``parse`` must read the text as."""
        return self.rendered

    def text(self, comments: int) -> str:
        thread = megathread(comments, self.dialect)
        return threadparse.render(thread, self.rendered, capture=self.capture)


#: Every page dialect's text, mlmym's, and each capture of a lemmy-ui page
#: (Chromium and Firefox, innerText and copy; 0.19.4+ and <= 0.19.3).
KINDS: tuple[Kind, ...] = (
    *(Kind(dialect, dialect, dialect) for dialect in PAGE_DIALECTS),
    Kind("mlmym", "lemmy-0.19", "mlmym"),
    *(
        Kind(f"{dialect} {capture}", dialect, dialect, capture)
        for dialect in ("lemmy-0.19", "lemmy-0.18")
        for capture in CAPTURES
    ),
)
KIND_NAMES = {kind.label.replace(" ", ":"): kind for kind in KINDS}


@attrs.frozen
class Row:
    dialect: str
    comments: int
    input_bytes: int
    parse: float
    floor: float
    markdown: float
    dict_dumps: float
    to_json: float
    peak: int

    @property
    def ratios(self) -> dict[Target, float]:
        return {
            FLOOR: self.parse / self.floor,
            MARKDOWN: self.markdown / self.parse,
            MEMORY: self.peak / self.input_bytes,
            JSON: self.dict_dumps / self.parse,
        }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def revision() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def best_times(functions: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """Fastest of ``repeat`` calls of each function, the calls interleaved."""
    best = [float("inf")] * len(functions)
    for _ in range(repeat):
        for index, function in enumerate(functions):
            gc.collect()
            start = time.perf_counter()
            function()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def peak_memory(function: Callable[[], object]) -> int:
    """Peak bytes allocated while ``function`` runs (its result included), per tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        result = function()
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return peak - before


def measure(kind: Kind, comments: int, repeat: int) -> Row:
    text = kind.text(comments)
    thread = threadparse.parse(text)
    count = sum(1 for _ in all_comments(thread))
    # A capture may lose a comment the page does not show unambiguously.
    if thread.dialect != kind.reads_as or (count != comments and kind.capture is None):
        raise RuntimeError(f"{kind.label}: parsed as {thread.dialect} with {count} comments")
    markdown = markdown_it.MarkdownIt("commonmark")
    times = best_times(
        [
            lambda: threadparse.parse(text),
            lambda: floor(text),
            lambda: markdown.parse(text),
            lambda: json.dumps(threadparse.to_dict(thread), ensure_ascii=False),
            lambda: threadparse.to_json(thread),
        ],
        repeat,
    )
    peak = peak_memory(lambda: threadparse.parse(text))
    return Row(
        dialect=kind.label,
        comments=count,
        input_bytes=len(text.encode("utf-8")),
        parse=times[0],
        floor=times[1],
        markdown=times[2],
        dict_dumps=times[3],
        to_json=times[4],
        peak=peak,
    )


def table(rows: Sequence[Row]) -> list[str]:
    header = (
        "| comments | input MB | parse s | parse MB/s | comments/s | parse / floor "
        "| markdown-it / parse | peak memory / input | to_dict+dumps / parse | to_json / parse |"
    )
    lines = [
        header,
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratios = row.ratios
        megabytes = row.input_bytes / 1e6
        lines.append(
            f"| {row.comments:,} | {megabytes:.2f} | {row.parse:.3f} "
            f"| {megabytes / row.parse:.2f} | {row.comments / row.parse:,.0f} "
            f"| {ratios[FLOOR]:.1f}x {FLOOR.verdict(ratios[FLOOR])} "
            f"| {ratios[MARKDOWN]:.2f}x {MARKDOWN.verdict(ratios[MARKDOWN])} "
            f"| {ratios[MEMORY]:.1f}x {MEMORY.verdict(ratios[MEMORY])} "
            f"| {ratios[JSON]:.2f}x {JSON.verdict(ratios[JSON])} "
            f"| {row.to_json / row.parse:.2f}x |"
        )
    return lines


def summary(rows: Sequence[Row]) -> list[str]:
    lines = [
        "| target | dialect | result | ratio (by size) | worst case |",
        "|---|---|---|---|---|",
    ]
    for target in TARGETS:
        for dialect in dict.fromkeys(row.dialect for row in rows):
            mine = [row for row in rows if row.dialect == dialect]
            ratios = [row.ratios[target] for row in mine]
            worst = max(ratios) if target.at_most else min(ratios)
            missed = [row.comments for row in mine if not target.met(row.ratios[target])]
            if not missed:
                result = "PASS"
            elif len(missed) == len(mine):
                result = "MISS"
            else:
                result = "MISS at " + ", ".join(f"{n:,}" for n in missed)
            by_size = ", ".join(f"{ratio:.2f}x" for ratio in ratios)
            lines.append(
                f"| {target.label} | {dialect} | {result} | {by_size} "
                f"| {worst:.2f}x: {target.margin(worst)} |"
            )
    return lines


def parse_sizes(value: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of counts: {value!r}"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be counts >= 1: {value!r}")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark threadparse.parse on generated megathreads."
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(BENCH_SIZES),
        help="comment counts, comma-separated (default %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the best counts")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: sizes 100,1000 and 2 repeats"
    )
    parser.add_argument(
        "--kinds",
        type=lambda value: value.split(","),
        default=list(KIND_NAMES),
        help="kinds of text, comma-separated (default: all): " + ", ".join(KIND_NAMES),
    )
    args = parser.parse_args(argv)
    sizes: list[int] = [100, 1_000] if args.quick else args.sizes
    repeat: int = 2 if args.quick else args.repeat
    unknown = sorted(set(args.kinds) - set(KIND_NAMES))
    if unknown or repeat < 1:
        parser.error(f"unknown kinds {unknown}" if unknown else "--repeat must be >= 1")
    kinds = [KIND_NAMES[name] for name in args.kinds]

    print("# threadparse benchmark")
    print()
    print(f"- Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"- {platform.platform()}")
    print(f"- CPU: {cpu_model()}")
    print(
        f"- threadparse {threadparse.__version__} ({revision()}), "
        f"markdown-it-py {markdown_it.__version__}"
    )
    print(f"- best of {repeat} runs; sizes {', '.join(f'{n:,}' for n in sizes)} comments")
    rows: list[Row] = []
    for kind in kinds:
        mine: list[Row] = []
        for comments in sizes:
            started = time.perf_counter()
            print(f"{kind.label}: {comments:,} comments...", end="", file=sys.stderr, flush=True)
            mine.append(measure(kind, comments, repeat))
            print(f" {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        rows += mine
        print()
        print(f"## {kind.label}")
        print()
        print("\n".join(table(mine)), flush=True)
    print()
    print("## Targets")
    print()
    print("\n".join(summary(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
