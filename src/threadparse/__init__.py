r"""Discussion threads into typed, located structure.

threadparse reads a thread as people hold it (text copied from the page, the
page's HTML, API JSON, a dump) from Lemmy and its front ends, Reddit, Hacker
News, Discourse and Mastodon, and returns one ``Thread``: the post, the nested
comments with their authors, scores and times, the text no comment holds, and
a ``Diagnostic`` with a stable code for whatever it could not read. Every node
carries a ``span``, character offsets into the exact input. It never raises on
text and never drops a line.

The calls most people need:

- ``parse(text)``: a string into a ``Thread`` (``dialect="auto"`` detects the
  format; name one to skip detection).
- ``parse_file(path, encoding=None)``: a file into a ``Thread``; the encoding is
  the argument's, else the byte order mark's, else UTF-8, and spans index the
  text exactly as the file holds it.
- ``detect(text)``: the dialect ``parse`` would read the text as, and how sure
  it is.
- ``iter_comments(source)``: the top-level comments one at a time, for page
  text too large to hold (``iter_thread`` adds the post and the diagnostics).
- ``thread.walk()``: every comment, replies included, in page order, at any
  depth.
- ``to_json(thread)``: the JSON contract (``json_schema()`` describes it,
  ``to_dict`` gives the same as plain dicts and lists).
- ``to_records(thread)`` and ``to_frame(thread)``: one flat row per node (the
  post, each comment, each unattributed text), as dicts or as a pandas
  DataFrame.

The documentation is the ``docs/`` folder of the source: ``docs/index.md`` to
start, ``docs/tour.md`` for one thread read part by part, ``docs/reference.md``
for every exported name; ``python -m threadparse --help`` for the command line.

>>> import threadparse
>>> thread = threadparse.parse("  • ada@lemmy.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    Hi!\n")
>>> thread.comments[0].author.name, thread.comments[0].score, thread.comments[0].paragraphs[0].text
('ada', 3, 'Hi!')
>>> thread
<Thread lemmy-0.19: 1 comment, no diagnostics>
"""

from threadparse._detect import Detection, detect
from threadparse._dumps import (
    DumpError,
    Progress,
    iter_thread_texts,
    iter_threads,
    threads_from_records,
)
from threadparse._files import FileReadError, parse_file
from threadparse._json import to_json
from threadparse._parser import DIALECTS, MAX_DEPTH, parse
from threadparse._render import carried, render
from threadparse._schema import json_schema
from threadparse._serialize import SCHEMA_VERSION, to_dict
from threadparse._stream import assemble, iter_comments, iter_thread
from threadparse._times import resolve_time
from threadparse.core.diagnostics import CODES, InputTooLargeError, ThreadParseError
from threadparse.core.models import (
    Author,
    Comment,
    Community,
    Diagnostic,
    Item,
    Link,
    Post,
    Preamble,
    Section,
    Severity,
    Span,
    Text,
    Thread,
    ThreadHead,
    ThreadTail,
)
from threadparse.exports.arrow import arrow_schema, to_arrow, to_parquet
from threadparse.exports.convokit import to_convokit
from threadparse.exports.graphs import author_edges, reply_graph, reply_tree
from threadparse.exports.table import COLUMNS as RECORD_COLUMNS
from threadparse.exports.table import to_frame, to_records
from threadparse.formats.lemmy_page.capture import CAPTURES

__version__ = "0.1.0"

# Tracebacks name the exceptions as users import them.
InputTooLargeError.__module__ = ThreadParseError.__module__ = __name__

__all__ = (
    "CAPTURES",
    "CODES",
    "DIALECTS",
    "MAX_DEPTH",
    "RECORD_COLUMNS",
    "SCHEMA_VERSION",
    "Author",
    "Comment",
    "Community",
    "Detection",
    "Diagnostic",
    "DumpError",
    "FileReadError",
    "InputTooLargeError",
    "Item",
    "Link",
    "Post",
    "Preamble",
    "Progress",
    "Section",
    "Severity",
    "Span",
    "Text",
    "Thread",
    "ThreadHead",
    "ThreadParseError",
    "ThreadTail",
    "__version__",
    "arrow_schema",
    "assemble",
    "author_edges",
    "carried",
    "detect",
    "iter_comments",
    "iter_thread",
    "iter_thread_texts",
    "iter_threads",
    "json_schema",
    "parse",
    "parse_file",
    "render",
    "reply_graph",
    "reply_tree",
    "resolve_time",
    "threads_from_records",
    "to_arrow",
    "to_convokit",
    "to_dict",
    "to_frame",
    "to_json",
    "to_parquet",
    "to_records",
)
