"""Rivers where the text says river: "the Oskil river", "am Fluss Oskil", "der Dnipro".

A river bears the name of towns on it (Dnipro, Oskil), and the ordinary
index answers such a name with the town. Where the words around the name
say river, the name's candidates become the rivers of that name
(``gazetteer_rivers``); after resolution each river mention is put at the
point of that river nearest the article's other places, the stretch the
news is about (GeoNames has the Oskil at its mouth near Izium and again near
Kupiansk). A name called a river once stays one in that article.

River cues, in the languages articles come in: a river word before or after
the name (river, rivier, Fluss, rivière, fleuve, rzeka, річка, река), or an
article before it ("the Oskil", "der Dnipro", "am Ostufer des Dnipro", "de
Dnipro"), which towns do not take; the article counts only when no other
cue word ("the Dnipro region") stands by the name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from mapapp.gazetteer.distance import haversine_km
from mapapp.gazetteer.index import Candidate, Gazetteer
from mapapp.gazetteer.rivers import RIVER_PREFIX, river_key
from mapapp.geoparse.recognise.cues import cue_of
from mapapp.geoparse.recognise.hits import Hit
from mapapp.geoparse.resolve.resolver import Resolution
from mapapp.model import PlaceKind
from mapapp.text.name_keys import words_before

_RIVER_WORDS = ("river rivers rivier rivieren fluss flusses flüsse flüssen strom stroom "
                "rivière fleuve rzeka rzeki річка річки річці річкою ріка ріки река реки "
                "реке рекой").split()
RIVER_WORDS = frozenset(_RIVER_WORDS)
# Articles (and German contractions with one) before a name: a river, never a town.
RIVER_ARTICLES = frozenset("the der des dem den de het am vom zum beim le du".split())
_AFTER = re.compile(r"[- ](?:river|River|rivier|Fluss|fluss|Flusses|Strom)(?!\w)")
RIVER_CONFIDENCE = 0.8



def _rivers(gaz: Gazetteer, key: str) -> tuple[Candidate, ...]:
    return tuple(map(Candidate.of, gaz.index.codes(river_key(key))))


def river_cue(text: str, hit: Hit) -> str:
    """The word that says a hit names a river ('' if none)."""
    if _AFTER.match(text, hit.end):
        return text[hit.end + 1:hit.end + 7].split()[0].strip("-").lower()
    before = words_before(text, hit.start)
    if before and before[-1] in RIVER_WORDS:
        return before[-1]
    if before and before[-1] in RIVER_ARTICLES and cue_of(text, hit) is None:
        return before[-1]
    return ""


def has_river(gaz: Gazetteer, key: str) -> bool:
    """Whether a name key is also a river's (so an article before it is no reason to drop it)."""
    return river_key(key) in gaz.index


def mark(gaz: Gazetteer, text: str, hits: list[Hit], misses: list[tuple[int, int, str]]
         ) -> tuple[list[Hit], set[int]]:
    """Hits whose words say river get the rivers of their name as candidates.

    Returns the hits (with river names the index lacks as towns added) and
    the starts of the river hits. Later bare mentions of a river's name follow.
    """
    rivers: set[str] = set()
    starts: set[int] = set()
    hits, pos = list(hits), gaz.index.pos
    for i, hit in enumerate(hits):
        if RIVER_PREFIX + hit.key not in pos:  # has_river, inlined: asked of every hit
            continue
        if hit.key in rivers or river_cue(text, hit):
            hits[i] = replace(hit, candidates=_rivers(gaz, hit.key))  # hits are frozen
            rivers.add(hit.key)
            starts.add(hit.start)
    extra = _unknown_rivers(gaz, text, misses)
    starts.update(h.start for h in extra)
    return (sorted(hits + extra, key=lambda h: h.start) if extra else hits), starts


def _unknown_rivers(gaz: Gazetteer, text: str, misses: list[tuple[int, int, str]]
                    ) -> list[Hit]:
    """Capitalised words the index lacks as towns that are rivers next to a river word
    ("річка Оскіл", "the Inhulets river"); recognition's misses, looked at once more."""
    pos = gaz.index.pos  # most misses are no river: the cheap test first, in one sweep
    out = []
    for start, end, key in [m for m in misses if RIVER_PREFIX + m[2] in pos]:
        hit = Hit(start, end, text[start:end], key, _rivers(gaz, key))
        if river_cue(text, hit):
            out.append(hit)
    return out


def place(gaz: Gazetteer, found: list[tuple[Hit, Resolution]], starts: set[int]
          ) -> list[tuple[Hit, Resolution]]:
    """Put each river mention at its river's point nearest the article's other places."""
    if not starts:
        return found
    others = [(gaz.lats[r.row], gaz.lons[r.row]) for h, r in found
              if h.start not in starts and gaz.kinds[r.row] in (PlaceKind.CITY, PlaceKind.REGION)
              and r.confidence >= 0.5]
    out = []
    for hit, res in found:
        if hit.start in starts:
            res = _nearest(gaz, hit, res, others)
        out.append((hit, res))
    return out


def _nearest(gaz: Gazetteer, hit: Hit, res: Resolution,
             others: list[tuple[float, float]]) -> Resolution:
    word = "the words around it say river"
    if not others:
        return replace(res, confidence=RIVER_CONFIDENCE, evidence=(word,))
    best, best_km = res.row, float("inf")
    for cand in hit.candidates:
        lat, lon = gaz.lats[cand.row], gaz.lons[cand.row]
        km = min(haversine_km(lat, lon, a, b) for a, b in others)
        if km < best_km:
            best, best_km = cand.row, km
    why = (word, f"the point of the river nearest the places the article names "
                 f"({best_km:.0f} km)")
    return Resolution(best, RIVER_CONFIDENCE, why)
