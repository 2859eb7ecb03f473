"""JSON Lines at bulk speed: orjson where it reads a line exactly as the standard library
would, the standard library everywhere else.

Reading and writing JSON was a tenth of the bulk ``geoparse``'s time per document
(json.dumps of a 4 KB article with 30 toponyms takes 0.11 ms, orjson 0.03 ms).
orjson differs from the standard library at the edges, and there the standard
library decides, so no document reads or writes differently than it did:

* orjson reads an integer of more than 64 bits as a float (an id of 20 digits
  would lose its last digits): a line with a run of 19 or more digits is read by
  the standard library;
* orjson refuses NaN, Infinity, lone surrogate escapes, very deep nesting and a
  byte-order mark, which the standard library reads or names in its own words:
  a line orjson refuses is read again by the standard library, whose error is
  the one the user sees;
* an object nested deeper than the standard library reads (over about 1,000
  levels) is read by orjson and then cannot be written by either: it is skipped
  as "nested too deeply to write" instead of "to read";
* a document the standard library read is written by it too (orjson would write
  NaN as null, and cannot write a big integer); orjson writes the rest, in its
  compact form (no space after ``:`` and ``,``, the same values).
"""

from __future__ import annotations

import re

import orjson

_LONG_NUMBER = re.compile(rb"\d{19}")  # past what orjson keeps exact (see above)


def loads_fast(raw: bytes) -> dict | None:
    """The object of a JSON line when orjson reads it as the standard library would, else
    None (read it with ``json.loads`` then, for its value or its error). Anything but an
    object is left to the standard library too: no document, and orjson reads arrays
    nested deeper than the standard library, whose "nested too deeply" is the clearer word."""
    if _LONG_NUMBER.search(raw):
        return None
    try:
        value = orjson.loads(raw)
    except (orjson.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def dumps_fast(doc: dict) -> bytes | None:
    """``doc`` as one UTF-8 line, when orjson can write it; else None (write it with
    ``json.dumps`` then). Only for a document ``loads_fast`` read (see above)."""
    try:
        return orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE)
    except (orjson.JSONEncodeError, TypeError):
        return None  # deeper than orjson writes, or a value it does not know
