"""mlmym ("old.lemmy.*") page text (dialect ``mlmym``).

- ``page.py``: the header grammar, the careful reader (``parse_mlmym``, the
  definition of the reading), its detection evidence and the writer.
- ``blocks.py``: the fast path, a block a ``re`` match; it reads a text only
  where it reads it as ``page.py`` does, and declines otherwise.
"""

from threadparse.formats.mlmym.blocks import read_blocks
from threadparse.formats.mlmym.page import count_headers, parse_mlmym, read_header, render_mlmym

__all__ = ("count_headers", "parse_mlmym", "read_blocks", "read_header", "render_mlmym")
