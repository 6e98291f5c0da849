r"""threadparse: discussion threads into typed, located structure.

>>> import threadparse
>>> thread = threadparse.parse("  • ada@lemmy.ml\n    arrow-up\n    3\n    ·\n    1 day ago\n\n    Hi!\n")
>>> thread.comments[0].author.name, thread.comments[0].score, thread.comments[0].paragraphs[0].text
('ada', 3, 'Hi!')
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
    "resolve_time",
    "threads_from_records",
    "to_arrow",
    "to_dict",
    "to_frame",
    "to_json",
    "to_parquet",
    "to_records",
)
