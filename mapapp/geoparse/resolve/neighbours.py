"""Places named together lie together: a name's neighbours in its list and paragraph.

A front report lists the villages of one stretch of front ("в районі
населених пунктів Радьківка та Голубівка", "Лиман и Вильча Харьковской
области"), and a bullet under an axis names the villages on that axis
("На Сєвєродонецькому напрямку … населеного пункту Олександрівка"). The
article-wide terms of ``resolve`` (size, nearness to every sure place)
cannot see this: a town of 26,000 a hundred kilometres off beats the
village of 33 people next to the village named in the same breath. Here,
each mention gets its local places:

* the candidates of the other names of its list (names joined by commas
  and "and" words only), whichever of them is meant: two namesake lists
  meet where their villages lie side by side. A name that may be an area is
  no village of the list: "Bogota, Colombia" names where Bogota lies;
* the places the article names surely in the same paragraph (line).

When one namesake town lies next to them (``near.next_to_anchors``: within
25 km, every other namesake three times as far), it gets ``LOCAL_BONUS``,
as much as naming its oblast right after it ("X, Y"): a list or a bullet is
as specific as that. A mention followed by its state or country ("X, Y") has
better evidence and gets none.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from mapapp.gazetteer.distance import quick_km
from mapapp.geoparse.resolve.near import next_to_anchors
from mapapp.model import PlaceKind

if TYPE_CHECKING:
    from mapapp.gazetteer.index import Gazetteer
    from mapapp.geoparse.recognise.hits import Hit

LOCAL_BONUS = 5.0
# A list partner with more candidates than this is too common a name to place its
# neighbours (Washington), and measuring against all of them costs too much.
PARTNER_MAX = 16
GROUP_MAX = 24
# What may stand between the names of one list, in the languages the geoparser reads.
LIST_WORDS = frozenset("""and or en of und oder et ou и і та й або или а также""".split())
_SEPARATORS = re.compile(r"[\s,;]+")
JOIN_MAX = 40  # characters between two names of one list, at most


def _joined(between: str) -> bool:
    """Whether the text between two names only joins them into a list."""
    if len(between) > JOIN_MAX or not between.strip():  # most names are far apart: no split
        return False
    return all(w in LIST_WORDS for w in _SEPARATORS.split(between.lower()) if w)


def _groups(labels: Sequence[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        out.setdefault(label, []).append(i)
    return out


def local_rows(gaz: Gazetteer, text: str, hits: Sequence[Hit], sure: Mapping[str, int]
               ) -> dict[int, tuple[int, ...]]:
    """Start of each mention → the rows of its local towns (see the module's docstring).

    ``sure``: the row of each name (key) the article names surely. Only towns count: the
    point of an oblast named in the same breath says little of where in it a village lies.
    A list or paragraph of more than ``GROUP_MAX`` names is no stretch of front (a list of
    oblasts, a pasted archive without line breaks) and gives no local places.
    """
    if len(hits) < 2 or all(len(h.candidates) < 2 for h in hits):
        return {}  # nothing to choose between
    lines, chains = [text.count("\n", 0, hits[0].start)], [0]
    for prev, hit in itertools.pairwise(hits):
        lines.append(lines[-1] + text.count("\n", prev.start, hit.start))
        # Most names lie far apart: no need to copy the text between them to see that.
        joined = hit.start - prev.end <= JOIN_MAX and _joined(text[prev.end:hit.start])
        chains.append(chains[-1] + (0 if joined else 1))
    out: dict[int, tuple[int, ...]] = {}
    by_line, by_chain, kinds = _groups(lines), _groups(chains), gaz.kinds
    # What each mention offers its neighbours, worked out once, not once per neighbour:
    # its towns as a list partner (only in a list: most names stand alone), and its sure
    # town (-1 for none).
    partners: list[tuple[int, ...]] = [()] * len(hits)
    for chain in by_chain.values():
        if 2 <= len(chain) <= GROUP_MAX:
            for j in chain:
                cands = hits[j].candidates
                if len(cands) <= PARTNER_MAX and all(kinds[c.row] == PlaceKind.CITY
                                                     for c in cands):
                    partners[j] = tuple([c.row for c in cands])
    sure_towns = [sure[h.key] if h.key in sure and kinds[sure[h.key]] == PlaceKind.CITY
                  else -1 for h in hits]
    for i, hit in enumerate(hits):
        rows: dict[int, None] = {}
        chain, line, key = by_chain[chains[i]], by_line[lines[i]], hit.key
        if len(chain) <= GROUP_MAX:
            for j in chain:
                if partners[j] and hits[j].key != key:
                    rows.update(dict.fromkeys(partners[j]))
        if len(line) <= GROUP_MAX:
            for j in line:
                if sure_towns[j] >= 0 and hits[j].key != key:
                    rows[sure_towns[j]] = None
        if rows:
            out[hit.start] = tuple(rows)
    return out


def distances(gaz: Gazetteer, rows: Sequence[int], points: Sequence[int]) -> list[float | None]:
    """Each row's distance to the nearest of ``points`` (other rows), in km."""
    lats, lons = gaz.lats, gaz.lons
    out: list[float | None] = []
    for row in rows:
        lat, lon = lats[row], lons[row]
        near = [quick_km(lat, lon, lats[p], lons[p]) for p in points if p != row]
        out.append(min(near) if near else None)
    return out


def next_to(gaz: Gazetteer, local: Sequence[int], shortlist: Sequence[int],
            rows: Sequence[int], kinds: Sequence[str], own: Sequence[bool]) -> int:
    """The candidate (index) of the one town next to a mention's local places while its
    namesakes lie far (``near.next_to_anchors``); -1 when there is none."""
    if any(kind != PlaceKind.CITY for kind in kinds):
        return -1  # an area bears the name: a question of its own (near.next_to_anchors)
    towns = [i for i in shortlist if own[i]]
    return next_to_anchors(distances(gaz, [rows[i] for i in towns], local), towns, kinds, own)
