"""A cache that forgets everything when it grows past a limit.

Recognition asks the same questions of the same few thousand words in every article
("is this key a name? what are its candidates?"), so each answer is kept per word. A
corpus of millions of articles would grow such a cache without end; emptying it when
it reaches a limit keeps memory flat at the price of working a few answers out again,
and is cheaper per look-up than a least-recently-used order (a look-up is a plain
``dict.get``).
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(dict[K, V]):
    """A ``dict`` emptied when a new entry comes while it holds more than ``limit``.

    Read it as a dict (``cache.get(key)``); add through :meth:`keep`.

    >>> cache: BoundedCache[str, int] = BoundedCache(2)
    >>> for word in ("a", "b", "c"):
    ...     _ = cache.keep(word, len(word))
    >>> sorted(cache)
    ['a', 'b', 'c']
    >>> cache.keep("d", 1)
    1
    >>> sorted(cache)
    ['d']
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: K, value: V) -> V:
        """Store ``value`` under ``key`` (first emptying a full cache) and return it."""
        if len(self) > self.limit:
            self.clear()
        self[key] = value
        return value
