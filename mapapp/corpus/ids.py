"""Where each article id was first read, so that a repeat is caught wherever it comes from.

An article's id is its key everywhere after reading (the store, the map's selection, the
URL): the first article with an id is kept and every later one is an error that says
where the first came from. A file's own lines, the files of a folder, an ingest's
inputs and the app's uploads each check this; they share this one record of it.
"""

from __future__ import annotations

from typing import TypeVar

W = TypeVar("W")


class FirstSeen(dict[str, W]):
    """Article id → where it was first read (a file's name, a line number …).

    >>> seen: FirstSeen[int] = FirstSeen()
    >>> seen.first("a", 1), seen.first("b", 2), seen.first("a", 3)
    (None, None, 1)
    >>> dict(seen)
    {'a': 1, 'b': 2}
    """

    def first(self, article_id: str, where: W) -> W | None:
        """None when ``article_id`` is new (and it is now seen at ``where``); else where
        it was seen first, which stays the place to name."""
        if article_id in self:
            return self[article_id]
        self[article_id] = where
        return None
