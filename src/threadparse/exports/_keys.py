"""One key per author, shared by the exports that name people.

The ConvoKit export's speaker ids and the author graph's nodes are the same
strings, so a corpus and a graph made from the same threads join on them. The
key is built from a table row's ``author`` and ``author_instance`` cells (the
author's name without pronouns, and the host after ``@``), which every dialect
fills the same way: ``ada@lemmy.ml``, or ``ada`` where the page shows no host
(a local user).

The name is the display name a page shows, not the account name (``username``,
known only from API JSON and mlmym): page text shows only the former, so keying
on it lets the same person read from a page copy and from the API meet.
"""

from __future__ import annotations

from threadparse.exports.table import Record


def author_key(name: str | None, instance: str | None) -> str | None:
    """``name@instance``, or ``name`` where the host is unknown; None without a name.

    >>> author_key("ada", "lemmy.ml"), author_key("ada", None), author_key(None, None)
    ('ada@lemmy.ml', 'ada', None)
    """
    if name is None:
        return None
    return f"{name}@{instance}" if instance else name


def row_author_key(row: Record) -> str | None:
    """The author key of a ``to_records`` row; None where the row has no author."""
    name, instance = row["author"], row["author_instance"]
    assert name is None or isinstance(name, str)
    assert instance is None or isinstance(instance, str)
    return author_key(name, instance)
