"""The formats threadparse reads, one home each: its grammar (in the module's
docstring), the evidence ``threadparse.detect`` weighs for it, and its reader.

=====================  ==========================  =======================================
dialect                home                        what it reads
=====================  ==========================  =======================================
lemmy-0.19, lemmy-0.18 ``lemmy_page/``             lemmy-ui page text: the seeds' shape
hexbear                                            (``page.py``) and browser captures
                                                   (``capture.py``)
flat                   ``flat.py``                 a thread flattened to a line a paragraph
mlmym                  ``mlmym/``                  mlmym's old-reddit-style page text
markdown               ``markdown.py``             a post's markdown source
lemmy-api              ``lemmy_api.py``            Lemmy and PieFed API JSON
lemmy-html             ``lemmy_html.py``           lemmy-ui's HTML (saved page, DOM, copy)
reddit-json            ``reddit_json.py``          Reddit JSON, Pushshift, Arctic Shift
old-reddit             ``old_reddit.py``           old.reddit page text a browser copies
discourse-json         ``discourse_json.py``       Discourse topic JSON and posts pages
mastodon-json          ``mastodon_json.py``        Mastodon statuses and context, ActivityPub
hn-json                ``hn_json.py``              Hacker News JSON: Algolia and Firebase items
hn-html                ``hn_html.py``              Hacker News item pages' HTML
hn-text                ``hn_text.py``              Hacker News item pages' text a browser copies
=====================  ==========================  =======================================

Formats read through ``threadparse.core`` (lines, models, diagnostics, post
sections, markdown, trees from parent links, JSON fields) and never through
one another: data flows text -> format reader -> core builders -> model.
Adding a format is adding a module here, naming its dialect below, and
giving ``threadparse._detect`` its evidence and ``threadparse._parser`` its
reader.
"""

#: lemmy-ui page text, read by ``lemmy_page``.
PAGE_DIALECTS = ("lemmy-0.19", "lemmy-0.18", "hexbear")
#: Every reader's name, as ``Thread.dialect`` and ``parse(dialect=...)`` spell it.
DIALECTS = (
    *PAGE_DIALECTS,
    "flat",
    "mlmym",
    "markdown",
    "lemmy-api",
    "lemmy-html",
    "reddit-json",
    "old-reddit",
    "discourse-json",
    "mastodon-json",
    "hn-json",
    "hn-html",
    "hn-text",
)
#: The readers of JSON: ``parse`` picks one by the first JSON value's shape.
JSON_DIALECTS = (
    "lemmy-api",
    "reddit-json",
    "discourse-json",
    "mastodon-json",
    "hn-json",
)
