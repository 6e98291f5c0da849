"""lemmy-ui's page text (dialects ``lemmy-0.19``, ``lemmy-0.18``, ``hexbear``).

- ``header.py``: the grammar of a comment header's name line and tokens.
- ``comments.py``: finding headers and building the comment tree from them.
- ``chrome.py``: the site's own lines (navbar, sidebar, footer).
- ``page.py``: the reader of text in the seeds' shape, and its detection evidence.
- ``capture.py``: a whole page as a browser captures it (innerText, selection,
  clipboard): its layout, detection evidence and reader.
"""
