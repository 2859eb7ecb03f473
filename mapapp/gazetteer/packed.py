"""The place index's tables as the cache file holds them, and their read side.

The index is loaded at every start of the command line, the app and each
worker's parent, so its form on disk is chosen for a fast load: a name index
as one joined string of keys and arrays of codes, a column of few distinct
values as those values and each row's number among them. This module packs
them (when the index is built) and unpacks them (when it is loaded).
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left

SEP = "\x1f"  # never inside a name: names are cut into words before they are stored


def pack_index(index: dict[str, list[int]]) -> dict[str, object]:
    """A name index as flat blobs: one joined string of sorted keys, one array of codes.

    A key with one code stores the code; a key with several stores -1-i where
    i points into ``multi_start``. Loading this is a split and a set of the
    keys (see ``PackedIndex``), several times faster than unmarshalling a dict.
    """
    keys = sorted(index)  # sorted: a key's codes are found by bisection
    single, multi, starts = array("q"), array("q"), array("q")
    for key in keys:
        codes = index[key]
        if len(codes) == 1:
            single.append(codes[0])
        else:
            single.append(-1 - len(starts))
            starts.append(len(multi))
            multi.extend(codes)
    starts.append(len(multi))
    return {"keys": SEP.join(keys), "single": single.tobytes(), "multi": multi.tobytes(),
            "starts": starts.tobytes()}


def pack_shared(column: list[str]) -> tuple[str, bytes]:
    """A column of few distinct values as those values and each row's number among them."""
    values = sorted(set(column))
    number = {value: i for i, value in enumerate(values)}
    return SEP.join(values), array("I", [number[value] for value in column]).tobytes()


class PackedIndex:
    """Read side of ``pack_index``: ``key in index`` and ``index.codes(key)``.

    The keys are held in a frozenset, not a dict of key → code: a set of a
    million keys is built in 0.23 s against 0.43 s (the place index's keys were
    half of the start-up), and the few keys a text names have their codes
    found by bisecting the sorted keys (recognition keeps each key's
    candidates, so that is done about once per distinct name). The price: the
    collector walks a set (a dict of strings and numbers it leaves alone), 40 ms
    a full collection; ``geoparse`` freezes the collector once the index is loaded.
    """

    def __init__(self, packed: dict) -> None:
        self._single, self._multi, self._starts = array("q"), array("q"), array("q")
        self._single.frombytes(packed["single"])
        self._multi.frombytes(packed["multi"])
        self._starts.frombytes(packed["starts"])
        # (a tuple: the collector stops looking into it, see Gazetteer.__init__)
        self._keys: tuple[str, ...] = tuple(packed["keys"].split(SEP) if packed["keys"] else ())
        self.pos: frozenset[str] = frozenset(self._keys)  # public for hot loops: ``key in pos``

    def __contains__(self, key: object) -> bool:
        return key in self.pos

    def __len__(self) -> int:
        return len(self.pos)

    def codes(self, key: str) -> tuple[int, ...]:
        if key not in self.pos:
            return ()
        v = self._single[bisect_left(self._keys, key)]
        if v >= 0:
            return (v,)
        i = -1 - v
        return tuple(self._multi[self._starts[i]:self._starts[i + 1]])


def unpack_shared(packed: tuple[str, bytes]) -> tuple[str, ...]:
    """A column of few distinct values (``pack_shared``) with one string object per value.

    A name's candidates lie scattered over 270,000 rows. Split from one
    string, each row's "city" would be an object of its own, and reading it a
    trip to main memory; shared, the few values stay in the cache (a random
    row's kind is read 5x faster, and recognition and resolution read
    kinds and countries of every candidate). Filled from the rows' numbers,
    not by interning a split: no string is made per row, which is 10x faster.
    """
    joined, numbers = packed
    values = [sys.intern(value) for value in joined.split(SEP)]
    rows = array("I")
    rows.frombytes(numbers)
    return tuple(map(values.__getitem__, rows))


class CommonWords:
    """Each language's common words (word key → Zipf x 10), unpacked on first use.

    An article asks about its own language and English only; unpacking all
    five tables at start-up took 70 ms, most of it for languages the corpus
    never has.
    """

    def __init__(self, packed: dict[str, tuple[str, bytes]]) -> None:
        self._packed = packed
        self.tables: dict[str, dict[str, int]] = {}  # the unpacked ones (read by ``zipf``)

    def get(self, lang: str) -> dict[str, int] | None:
        """The table of ``lang``, or None for a language without one."""
        words = self.tables.get(lang)
        if words is None:
            if lang not in self._packed:
                return None
            joined, values = self._packed[lang]
            words = self.tables[lang] = dict(zip(joined.split(SEP), values, strict=True))
        return words

    def __getitem__(self, lang: str) -> dict[str, int]:
        words = self.get(lang)
        if words is None:
            raise KeyError(lang)
        return words
