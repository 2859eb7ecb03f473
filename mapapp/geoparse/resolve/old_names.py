"""A big city called by a name it no longer bears, against villages that bear it.

GeoNames files a city's former and colloquial names among its alternates:
Donetsk was once Александровка, and a district of 100,000 people carries
"Олександрівка" beside its own name. In Ukrainian text such a name is
almost always one of the villages that bear it as their own (a hundred
places are called Олександрівка), and size alone hands it to the city. A
Cyrillic name's places all come as alternates, so their own names are told
by GeoNames' (Latin) name: a place bears the name when its name is a
romanisation of it (or of one of its forms, ``text.ru_uk``), compared by
spelling key.

Only big cities are held back (``BIG_CITY``): a village renamed since
(Петровское, now Pazeno) is still called by its old name in Russian
reports, and its namesakes are no bigger than it. And only for a name in
Ukrainian: a Russian name of a Ukrainian city need not be a romanisation of
its GeoNames name and still be its name (Каменское, Kamianske).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapapp.gazetteer.index import PerList
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.model import PlaceKind
from mapapp.plumbing.bounded import BoundedCache
from mapapp.text import lang_cyr
from mapapp.text.name_keys import is_cyrillic
from mapapp.text.ru_uk import ukrainian_forms
from mapapp.text.translit import spelling_key

if TYPE_CHECKING:
    from mapapp.gazetteer.index import Candidate, Gazetteer
    from mapapp.geoparse.recognise.hits import Hit

BIG_CITY = 100_000
# Letters only Ukrainian writes: a name with one is Ukrainian, and a Ukrainian city's
# Ukrainian name is its official one, which GeoNames romanises as its own. A Russian name
# says nothing: Каменское is Kamianske's name in Russian, Александровка Donetsk's old one.
_UKRAINIAN = lang_cyr.MARKERS["uk"]  # letters only Ukrainian writes (і ї є ґ, lower case)
# What calling a big city by a name it no longer bears costs it: about the size a city
# of 100,000 has over a village of 100 (log scale), so the village bearing the name wins
# unless the article says otherwise.
OLD_NAME_PENALTY = 3.0


def penalties(gaz: Gazetteer, key: str, cands: tuple[Candidate, ...]) -> tuple[float, ...]:
    """Per candidate, what its score loses for bearing the Cyrillic name ``key`` (a name
    key) only as a former or colloquial name (see the module's docstring); 0.0 unless a
    village of its own country bears the name (a Russian village called Каменское says
    nothing of what Ukraine's Kamianske is called in Russian).

    >>> from types import SimpleNamespace
    >>> from mapapp.gazetteer.index import Candidate
    >>> gaz = SimpleNamespace(names=["Donetsk", "Oleksandrivka"], kinds=["city", "city"],
    ...                       populations=[901_645, 300], countries=["UA", "UA"])
    >>> penalties(gaz, "олександрівка", (Candidate(0, 2), Candidate(1, 2)))
    (3.0, 0.0)
    """
    spellings = {spelling_key(key)} | {spelling_key(f) for f in ukrainian_forms(key)}
    towns = [gaz.kinds[c.row] == PlaceKind.CITY for c in cands]
    own = [town and spelling_key(gaz.names[c.row]) in spellings
           for town, c in zip(towns, cands, strict=True)]
    bearers = {gaz.countries[c.row] for mine, c in zip(own, cands, strict=True) if mine}
    return tuple(OLD_NAME_PENALTY if (town and not mine and gaz.populations[c.row] >= BIG_CITY
                                      and gaz.countries[c.row] in bearers) else 0.0
                 for town, mine, c in zip(towns, own, cands, strict=True))


def own_names(cands: Sequence[Candidate]) -> list[bool]:
    """Which candidates bear a name in Latin letters as their own, by the kind of their
    name (a romanisation of its Cyrillic name is its own too: Andrijiwka, Andrijivka)."""
    return [c.name_kind <= NameKind.EXONYM or c.name_kind == NameKind.ROMANISED for c in cands]


class OldNames:
    """``penalties``, worked out once per Cyrillic name and candidate list."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._memo: BoundedCache[tuple[str, tuple[Candidate, ...]], tuple[float, ...]] = (
            BoundedCache(20_000))
        self._own: PerList[list[bool]] = PerList(own_names, 100_000)

    def terms(self, key: str, cands: tuple[Candidate, ...]) -> tuple[float, ...]:
        found = self._memo.get((key, cands))
        if found is None:
            found = self._memo.keep((key, cands), penalties(self.gaz, key, cands))
        return found

    def weigh(self, hit: Hit, prior: Sequence[float], own: Sequence[bool] | None = None
              ) -> tuple[Sequence[float], Sequence[bool]]:
        """A hit's priors less the penalties of big cities called by a former name, and
        which candidates bear the name as their own (``near.next_to_anchors`` asks): a name
        in Cyrillic is the places' own, though GeoNames files it among the alternates.

        ``own``: ``own_names`` of the candidates, when the caller keeps it per list.
        """
        cands = hit.candidates
        if hit.surface.isascii() or not is_cyrillic(hit.surface):  # the cheap test first
            return prior, self._own(cands) if own is None else own
        if len(cands) < 2 or _UKRAINIAN.isdisjoint(hit.surface.lower()):
            return prior, [c.name_kind <= NameKind.ALTERNATE for c in cands]
        held = self.terms(hit.key, cands)  # a big city held back bears the name no more
        return ([p - o for p, o in zip(prior, held, strict=True)],
                [c.name_kind <= NameKind.ALTERNATE and not o for c, o in zip(cands, held,
                                                                              strict=True)])
