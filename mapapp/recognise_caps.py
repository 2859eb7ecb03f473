"""Place names written in capitals: datelines with their state, and headings.

A word in capitals is read as an acronym (NATO, CNN) unless something says
it is a place. Reports and dispatches head their text with the place they
were written in, in capitals with its state or province after a comma
("SPRINGFIELD, MO., May 30", "LEXINGTON, KY.", "DES MOINES, IOWA"), and
their headings name the area they concern after a preposition ("NORTHERN
DISTRICT OF CALIFORNIA", "FORCES ON THE RIO GRANDE"). The state after the
comma vouches for the town before it only when the gazetteer has a town of
that name in that state, so an acronym before a comma ("NATO, Ukraine")
stays one.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from mapapp.gazetteer import Gazetteer

if TYPE_CHECKING:
    from mapapp.recognise import Hit

# "MO." or "N. MEX." right after "SPRINGFIELD, ": a state abbreviation in capitals.
DOTTED_CAPS = re.compile(r"[A-Z]{1,5}\.(?: ?[A-Z]{1,4}\.){0,3}")
_COMMA = re.compile(r",[ \t]*")
# A heading's preposition in capitals, with an article: "OF", "FROM", "ON THE", "IN THE".
_PREPOSITION_BEFORE = re.compile(r"(?<!\w)(?:OF|FROM|IN|AT|ON|NEAR|TO)(?: THE)? $")
HEADING_MIN_LETTERS = 4  # "OF US" is a pronoun, "OF IRAN" a place


def after_capitals_comma(text: str, start: int) -> bool:
    """Whether ``start`` follows a word in capitals and a comma ("SPRINGFIELD, |MO.")."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    before = text[max(0, i - 3):i - 1]
    return i >= 3 and text[i - 1] == "," and before.isalpha() and before.isupper()


def dateline_pairs(gaz: Gazetteer, text: str, hits: list[Hit]) -> set[int]:
    """Indices of the hits of "TOWN, STATE" pairs in capitals, town and state both.

    The town counts only when one of its candidates is a town in that state
    or country; the state, written in capitals or as an abbreviation, counts
    with it.
    """
    out: set[int] = set()
    for i, (town, state) in enumerate(itertools.pairwise(hits)):
        if not (town.surface.isupper() and "." not in town.surface
                and _COMMA.fullmatch(text, town.end, state.start)
                and (state.surface.isupper() or "." in state.surface)):
            continue
        where = gaz.areas(state.candidates)
        if where and any(gaz.kinds[c.row] == "city" and gaz.inside(c.row, where)
                         for c in town.candidates):
            out.update((i, i + 1))
    return out


def heading_place(text: str, hit: Hit) -> bool:
    """A name in capitals after a preposition in capitals: "DISTRICT OF CALIFORNIA".

    The caller checks that the name is a well-known place (a state, country
    or big city): headings name areas, and a short word in capitals after
    "OF" is as likely an acronym.
    """
    return (hit.surface.isupper() and "." not in hit.surface
            and sum(ch.isalpha() for ch in hit.surface) >= HEADING_MIN_LETTERS
            and bool(_PREPOSITION_BEFORE.search(text, max(0, hit.start - 12), hit.start)))
