"""Place names written in capitals: datelines and headings.

A word in capitals is read as an acronym (NATO, CNN) unless something says
it is a place. Reports and dispatches open with the place they were written
in ("WASHINGTON —", "AUSTIN, Texas"), often in capitals with its state or
province after a comma
("SPRINGFIELD, MO., May 30", "LEXINGTON, KY.", "DES MOINES, IOWA"), and
their headings name the area they concern after a preposition ("NORTHERN
DISTRICT OF CALIFORNIA", "FORCES ON THE RIO GRANDE"). The state after the
comma vouches for the town before it only when the gazetteer has a town of
that name in that state, so an acronym before a comma ("NATO, Ukraine")
stays one.
"""

from __future__ import annotations

import re

from mapapp.gazetteer.index import Gazetteer
from mapapp.geoparse.recognise.english import strong
from mapapp.geoparse.recognise.hits import Hit
from mapapp.model import PlaceKind

# A place in capitals at the start of a line is a dateline ("WASHINGTON —"), not an acronym.
_DATELINE_AFTER = re.compile(r"[ ,]*(?:[-–—(:]|\n)|, [A-Z][a-z]")
_DATELINE_NEXT = re.compile(r" +[A-Z][a-z]")
_DATELINE_DASH = re.compile(r" *[—–]")
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
    # Most texts have no name in capitals: the cheap test for all hits first, in one sweep.
    for i in [i for i, hit in enumerate(hits[:-1]) if hit.surface.isupper()]:
        town, state = hits[i], hits[i + 1]
        if not ("." not in town.surface
                and _COMMA.fullmatch(text, town.end, state.start)
                and (state.surface.isupper() or "." in state.surface)):
            continue
        where = gaz.areas(state.candidates)
        if where and any(gaz.kinds[c.row] == PlaceKind.CITY and gaz.inside(c.row, where)
                         for c in town.candidates):
            out.update((i, i + 1))
    return out


def heading_place(text: str, hit: Hit) -> bool:
    """A name in capitals after a preposition in capitals: "DISTRICT OF CALIFORNIA".

    Only a well-known place (a state, country or big city) counts, which
    :func:`capitals_place` checks: headings name areas, and a short word in
    capitals after "OF" is as likely an acronym.
    """
    return (hit.surface.isupper() and "." not in hit.surface
            and sum(ch.isalpha() for ch in hit.surface) >= HEADING_MIN_LETTERS
            and bool(_PREPOSITION_BEFORE.search(text, max(0, hit.start - 12), hit.start)))


def capitals_place(gaz: Gazetteer, text: str, hit: Hit, lang: str) -> bool:
    """A name in capitals that a dateline or a heading makes a place, not an acronym.

    ("TOWN, STATE" pairs are found for the whole text by :func:`dateline_pairs`.)
    """
    return (opens_report(gaz, text, hit, lang)
            or (heading_place(text, hit) and strong(gaz, hit)))


def opens_report(gaz: Gazetteer, text: str, hit: Hit, lang: str) -> bool:
    """A place in capitals that opens a report: "BANTAM —", "AUSTIN, Texas",
    "WASHINGTON Barack Obama …", "DETROIT The U.S. …".

    At the start of a line, punctuation after it makes any town a dateline
    and a sentence after it a well-known one. Where the lines of a report
    were run together, a dash after a sentence's first word still marks
    one, for a well-known place or a word no dictionary has (acronyms such
    as NATO or CNN are common words). A common word opening a line is a
    heading ("HEADQUARTERS,").
    """
    surface = hit.surface
    if (not surface.isupper() or "." in surface
            or sum(ch.isalpha() for ch in surface) < 3):
        return False
    zipf = gaz.commonness(hit.key, lang)
    if not text[text.rfind("\n", 0, hit.start) + 1:hit.start].strip():
        if zipf >= 4.0 and not strong(gaz, hit):
            return False  # "HEADQUARTERS,": a heading
        return bool(_DATELINE_AFTER.match(text, hit.end)
                    or (_DATELINE_NEXT.match(text, hit.end) and strong(gaz, hit)))
    return bool(hit.sentence_initial and _DATELINE_DASH.match(text, hit.end)
                and (strong(gaz, hit) or zipf < 3.0))
