"""Streets no gazetteer we ship has: "Hutcheson Road", "Hertford Road".

Local English news names streets all the time, and they are named
geographic places (GUIDELINES.md: every mention of one), but GeoNames'
populated places and our curated lists do not have them. What the article
does have is the town they are in: a street named in an article about
Danbury is in Danbury. So such a name is recognised by its generic word and
placed at the town the article names nearest before it (or, failing that,
its first town), with low confidence and evidence that says so.

Rivers, islands and creeks the gazetteer lacks are not placed this way: on
War of the Rebellion 36 of 44 rivers and half the islands placed at the
article's nearest town were more than 161 km from where they are, while
streets are in their town by definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Generic words that end an English street name.
STREET_WORDS = ("Road", "Street", "Avenue", "Boulevard", "Lane", "Drive", "Highway", "Parkway")
_STOP = frozenset("the a an in on at of to from by and or for with near via into this that "
                  "north south east west".split())
_NAME = r"(?:[A-Z][a-z]+(?:['’][a-z]+)?|Mc[A-Z][a-z]+)"
# The capitalised words right before a generic word (the text is cut just before it).
_NAMES_BEFORE = re.compile(rf"\b(?:{_NAME} ){{1,3}}\Z")
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")
_WINDOW = 200  # characters before a generic word that can hold three names


@dataclass(frozen=True)
class LocalName:
    """A street name found by its generic word."""

    start: int
    end: int
    generic: str


def find_local_names(text: str) -> list[LocalName]:
    """Capitalised words (one to three) ending in a street word.

    A capitalised word after the street word means a longer name ("National
    Highway Traffic Safety Administration", "Abbey Road Studios"): no street.
    Leading function words are dropped ("The Hertford Road" → "Hertford
    Road"); a name made only of function or compass words is no name.
    """
    out: list[LocalName] = []
    for gstart, generic in _generic_words(text):
        if out and gstart < out[-1].end:
            continue
        m = _NAMES_BEFORE.search(text, max(0, gstart - _WINDOW), gstart)
        if not m or _NAME_GOES_ON.match(text, gstart + len(generic)):
            continue  # no name before; or one that goes on ("Highway Traffic Safety …")
        words = m.group().split()
        start = m.start()
        while words and words[0].lower() in _STOP:
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            out.append(LocalName(start, gstart + len(generic), generic))
    return out


def _generic_words(text: str) -> list[tuple[int, str]]:
    """Where the street words stand as whole words, in text order.

    Looked for with ``str.find``, which skips through text far faster than a
    regular expression tried at every word: the names before them are then
    matched only where a street word is.
    """
    found = []
    for word in STREET_WORDS:
        i = text.find(word)
        while i >= 0:
            j = i + len(word)
            if ((not i or not _word_char(text[i - 1]))
                    and (j == len(text) or not _word_char(text[j]))):
                found.append((i, word))
            i = text.find(word, j)
    found.sort()
    return found


def _word_char(ch: str) -> bool:
    """What ``\\w`` matches: a word boundary is where this changes."""
    return ch.isalnum() or ch == "_"
