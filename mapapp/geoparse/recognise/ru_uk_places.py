"""Russian names of Ukrainian towns: the candidates their Ukrainian names give.

A Russian report names Ukrainian villages in Russian ("освобождены Тихое и
Отрадное"), and GeoNames mostly holds them under their Ukrainian names only
(Тихе, Відрадне). ``mapapp.text.ru_uk`` writes a Russian nominative's
Ukrainian forms; here the forms the gazetteer knows as a town in Ukraine
become candidates beside those the Russian name has itself, and resolution
chooses among them from the article's context (its oblasts, its other
places), as for any namesakes.

A name that is a city of ``KNOWN_CITY`` people outside Ukraine as written
is that city's Russian name in use (Белгород is Belgorod, not the Ukrainian
Білгород): its candidates are not widened. A Ukrainian city's is (Donetsk
was once Александровка, which hundreds of villages are called in Ukrainian).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mapapp.gazetteer.index import Candidate, Gazetteer
from mapapp.model import PlaceKind
from mapapp.text.name_keys import name_key
from mapapp.text.ru_uk import ukrainian_forms

UKRAINE = "UA"
KNOWN_CITY = 100_000


class UkrainianNames:
    """The Ukrainian towns a Russian name may stand for, kept per name."""

    def __init__(self, gazetteer: Gazetteer,
                 candidates: Callable[[str], tuple[Candidate, ...]]) -> None:
        self.gaz = gazetteer
        self.candidates = candidates
        self._memo: dict[str, tuple[Candidate, ...]] = {}

    def of(self, nominative: str) -> tuple[Candidate, ...]:
        """Towns in Ukraine named by a Ukrainian form of a Russian nominative (or its key)."""
        found = self._memo.get(nominative)
        if found is None:
            g, rows, out = self.gaz, set(), []
            for form in ukrainian_forms(nominative.lower()):
                key = name_key(form)
                if key not in g.index:
                    continue
                for c in self.candidates(key):
                    if (c.row not in rows and g.countries[c.row] == UKRAINE
                            and g.kinds[c.row] == PlaceKind.CITY):
                        rows.add(c.row)
                        out.append(c)
            found = self._memo[nominative] = tuple(out)
        return found

    def widen(self, nominatives: Sequence[str], cands: tuple[Candidate, ...]
              ) -> tuple[Candidate, ...]:
        """``cands`` and the Ukrainian towns the name may stand for, unless the name is a
        big city's as written (see the module's docstring). A written form may be of
        several nominatives ("Нагорного": нагорный or нагорное): each is asked."""
        g = self.gaz
        if any(g.populations[c.row] >= KNOWN_CITY and g.countries[c.row] != UKRAINE
               for c in cands):
            return cands
        have, out = {c.row for c in cands}, list(cands)
        for nominative in dict.fromkeys(nominatives):
            for c in self.of(nominative):
                if c.row not in have:
                    have.add(c.row)
                    out.append(c)
        return tuple(out)
