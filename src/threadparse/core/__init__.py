"""Shared machinery every format reads through (no format of its own, and no
import from ``threadparse.formats`` or the top of the package):

- ``source``: the input's lines and spans; ``models``: the Thread model;
  ``diagnostics``: codes and where they point; ``walk``: iterative tree walks.
- ``post``: a post's preamble and link sections from its lines;
  ``markdown``: markdown read as the platforms render it, located in the source.
- ``records``: comment trees from records that name their parent, with the
  policy on orphans, duplicates, loops and depth.
- ``jsontree``, ``jsonfields``: positioned JSON values and typed field reads;
  ``html``: an HTML tree with source offsets; ``urls``: URL parts that never raise.
- ``linetree``: comment trees of page text whose comments open with one header
  line (old.reddit, mlmym), and its writer.
- ``hackernews``: the site and its users, alike in HN's three forms.
- ``lemmy``: what every Lemmy front end prints alike (badges, pronouns, counts,
  placeholders).
"""
