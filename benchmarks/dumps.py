"""Rebuilding threads from a shuffled dump: throughput and peak memory of
``threadparse.iter_threads``, in a child process of its own.

    python benchmarks/dumps.py                  # 1,000,000 comments in 20,000 threads
    python benchmarks/dumps.py --comments 100000 --threads 2000

The dump is generated (``dump_lines``): Pushshift-shaped comment lines with
random reply trees, shuffled so no thread's lines are together, written to a
temporary file. Peak memory is the child's maximum resident set size
(``ru_maxrss``), interpreter included.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "the",
    "lamp",
    "shop",
    "on",
    "elm",
    "street",
    "sells",
    "shades",
    "and",
    "bulbs",
    "for",
    "less",
    "than",
    "most",
]


def dump_lines(comments: int, threads: int, *, seed: int = 1, posts: bool = False) -> list[str]:
    """``comments`` comment lines in ``threads`` threads, shuffled, each a
    Pushshift comment object with a ``parent_id`` naming the post or an earlier
    comment of its thread; with ``posts``, a submission line per thread too."""
    rng = random.Random(seed)
    lines: list[str] = []
    members: list[list[str]] = [[] for _ in range(threads)]
    for number in range(comments):
        thread = rng.randrange(threads)
        own = f"c{number:x}"
        earlier = members[thread]
        parent = (
            f"t1_{rng.choice(earlier)}" if earlier and rng.random() < 0.7 else f"t3_p{thread:x}"
        )
        earlier.append(own)
        record = {
            "id": own,
            "parent_id": parent,
            "link_id": f"t3_p{thread:x}",
            "subreddit": "woodworking",
            "author": f"user{rng.randrange(5000)}",
            "body": " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 30))),
            "score": rng.randrange(-5, 500),
            "created_utc": 1_600_000_000 + number,
        }
        lines.append(json.dumps(record))
    if posts:
        lines.extend(
            json.dumps(
                {
                    "id": f"p{t:x}",
                    "title": f"Thread {t}",
                    "author": "op",
                    "subreddit": "woodworking",
                    "selftext": "",
                    "score": 1,
                    "num_comments": len(members[t]),
                    "created_utc": 1_599_999_000,
                }
            )
            for t in range(threads)
        )
    rng.shuffle(lines)
    return lines


def _child(path: str, buckets: int | None) -> None:
    """Run in the child: rebuild every thread, print counts and seconds as JSON."""
    import threadparse

    start = time.perf_counter()
    threads = comments = 0
    for thread in threadparse.iter_threads(path, buckets=buckets):
        threads += 1
        comments += sum(1 for comment in thread.walk() if not comment.missing)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {"threads": threads, "comments": comments, "seconds": seconds, "peak_kib": _peak_kib()}
        )
    )


def _peak_kib() -> int:
    """This process's peak resident set, in KiB: Linux's VmHWM, which starts
    afresh at exec (``ru_maxrss`` keeps the parent's peak at fork across exec,
    and the parent held the generated dump)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=20_000)
    parser.add_argument("--buckets", type=int, default=None)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.buckets)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "RC_generated.ndjson"
        path.write_text("\n".join(dump_lines(args.comments, args.threads)) + "\n", encoding="utf-8")
        size = path.stat().st_size
        command = [sys.executable, __file__, "--child", str(path)]
        if args.buckets is not None:
            command += ["--buckets", str(args.buckets)]
        result = json.loads(
            subprocess.run(command, check=True, capture_output=True, text=True).stdout
        )
    print(
        f"{args.comments:,} comments in {args.threads:,} threads, shuffled "
        f"({size / 1e6:.0f} MB): {result['threads']:,} threads, {result['comments']:,} comments "
        f"rebuilt in {result['seconds']:.0f} s ({result['comments'] / result['seconds']:,.0f} "
        f"comments/s, {size / 1e6 / result['seconds']:.2f} MB/s), peak memory "
        f"{result['peak_kib'] / 1024:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
