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

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
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
# Only list words between separators (whitespace, commas, semicolons), in one match: each
# word followed by separators or the end.
_WORDS = "|".join(sorted(map(re.escape, LIST_WORDS)))
_LIST = re.compile(rf"[\s,;]*(?:(?:{_WORDS})(?:[\s,;]+|\Z))*")
JOIN_MAX = 40  # characters between two names of one list, at most


def _joined(between: str) -> bool:
    """Whether the text between two names only joins them into a list."""
    if len(between) > JOIN_MAX or not between.strip():  # most names are far apart: no split
        return False
    return _LIST.fullmatch(between.lower()) is not None


class _Runs:
    """The list and the line of a mention: runs of mentions, each joined to the one
    before it (by list words only; by no line break between their starts).

    Worked out around the mentions that ask (``local_rows``), each pair of neighbours
    looked at once, not over the whole article: most articles have one or two names
    with namesake towns, and the rest never ask.
    """

    def __init__(self, text: str, hits: Sequence[Hit]) -> None:
        self.text, self.hits = text, hits
        self._listed: dict[int, bool] = {}  # k → whether hits k-1 and k are of one list
        self._lined: dict[int, bool] = {}  # k → whether they are on one line

    def listed(self, k: int) -> bool:
        found = self._listed.get(k)
        if found is None:
            prev, hit = self.hits[k - 1], self.hits[k]
            # Most names lie far apart: no need to copy the text between them to see that.
            found = self._listed[k] = (hit.start - prev.end <= JOIN_MAX
                                       and _joined(self.text[prev.end:hit.start]))
        return found

    def lined(self, k: int) -> bool:
        found = self._lined.get(k)
        if found is None:
            found = self._lined[k] = self.text.find(
                "\n", self.hits[k - 1].start, self.hits[k].start) < 0
        return found

    def around(self, i: int, joins: Callable[[int], bool]) -> range | None:
        """The run of mentions holding mention ``i`` (``joins(k)``: whether mention k
        joins the one before it); None when it is longer than ``GROUP_MAX``."""
        lo = hi = i
        while lo > 0 and joins(lo):
            lo -= 1
            if i - lo >= GROUP_MAX:
                return None
        while hi + 1 < len(self.hits) and joins(hi + 1):
            hi += 1
            if hi - lo >= GROUP_MAX:
                return None
        return range(lo, hi + 1)


def _offered(hits: Sequence[Hit], run: range | None, key: str, memo: dict[int, tuple[int, ...]],
             offer: Callable[[int], tuple[int, ...]]) -> Iterator[int]:
    """The rows the mentions of a run (None: too long to count) offer a mention of name
    ``key``; what a mention offers is worked out once (``memo``), not once per neighbour."""
    for j in run or ():
        if hits[j].key != key:
            found = memo.get(j)
            if found is None:
                found = memo[j] = offer(j)
            yield from found


def local_rows(gaz: Gazetteer, text: str, hits: Sequence[Hit], sure: Mapping[str, int],
               asking: Sequence[int] | None = None) -> dict[int, tuple[int, ...]]:
    """Start of each mention that has namesake towns to choose between (and no other
    candidate: ``next_to`` weighs no other) → the rows of its local towns (see the
    module's docstring).

    ``sure``: the row of each name (key) the article names surely. Only towns count: the
    point of an oblast named in the same breath says little of where in it a village lies.
    A list or paragraph of more than ``GROUP_MAX`` names is no stretch of front (a list of
    oblasts, a pasted archive without line breaks) and gives no local places.

    ``asking``: the indices of those mentions, when the caller knows them already.
    """
    kinds = gaz.kinds
    if asking is None:
        asking = [i for i, hit in enumerate(hits) if len(hit.candidates) > 1
                  and all(kinds[c.row] == PlaceKind.CITY for c in hit.candidates)]
    if len(hits) < 2 or not asking:
        return {}  # nothing to choose between
    runs, out = _Runs(text, hits), {}

    def partner(j: int) -> tuple[int, ...]:  # its towns, as a list partner
        cands = hits[j].candidates
        if len(cands) <= PARTNER_MAX and all(kinds[c.row] == PlaceKind.CITY for c in cands):
            return tuple([c.row for c in cands])
        return ()

    def sure_town(j: int) -> tuple[int, ...]:  # its sure town, to the mentions of its line
        row = sure.get(hits[j].key, -1)
        return (row,) if row >= 0 and kinds[row] == PlaceKind.CITY else ()

    partners: dict[int, tuple[int, ...]] = {}
    sure_towns: dict[int, tuple[int, ...]] = {}
    for i in asking:
        key = hits[i].key
        rows = dict.fromkeys(_offered(hits, runs.around(i, runs.listed), key, partners, partner))
        rows.update(dict.fromkeys(
            _offered(hits, runs.around(i, runs.lined), key, sure_towns, sure_town)))
        if rows:
            out[hits[i].start] = tuple(rows)
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
