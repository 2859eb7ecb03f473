"""What a candidate is worth before the article says anything: its size and its name.

Size, and the name's relation to the place and to the other places called
so, depend on the candidate list alone, so resolution works them out once
per list (``Resolver._priors``); they live apart from the article-level
evidence of ``mapapp.geoparse.resolve.resolver``, which they do not read.
"""

from __future__ import annotations

import math

from mapapp.gazetteer.distance import quick_km
from mapapp.gazetteer.index import Candidate, Gazetteer
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.model import PlaceKind

# A city this big is really called by its alternate names ("Newcastle" for Newcastle upon
# Tyne): they are short forms in use, not an old name of a village (Waupun's "Madrid").
ALTERNATE_IN_USE_POPULATION = 100_000
_OWN_NAMES = (NameKind.PRIMARY, NameKind.EXONYM)
_OTHER_NAMES = (NameKind.ALTERNATE, NameKind.ROMANISED)  # names a place has besides its own


def size(g: Gazetteer, row: int) -> float:
    """Population on a log scale; countries at least 7, curated areas 6.5, waters 6."""
    kind, source, pop = g.kinds[row], g.sources[row], g.populations[row]
    if kind == PlaceKind.COUNTRY:
        return max(7.0, math.log10(pop + 10))
    if source == "admin1":
        return math.log10(pop + 10)
    if kind == PlaceKind.OTHER:
        return 6.0  # seas, rivers, landmarks: below a big city of the same name (Dnipro)
    if source in ("compass", "curated"):
        return 6.5
    return math.log10(pop + 10)


def prior(g: Gazetteer, cands: tuple[Candidate, ...]) -> list[float]:
    """Each candidate's score from what it is, before the article says anything.

    Size and the name's relation to the place and its rivals depend on the
    name alone, so they are worked out once per candidate list through
    ``Resolver._priors`` (Washington's 90 places are compared with each other
    once, not in every article).
    """
    out = []
    for cand in cands:
        score = size(g, cand.row) + name_terms(g, cand, cands)
        if cand.name_kind in _OTHER_NAMES and g.kinds[cand.row] == PlaceKind.CITY:
            score -= 0.3
        out.append(score)
    return out


def name_terms(g: Gazetteer, cand: Candidate, rivals: tuple[Candidate, ...]) -> float:
    """What a candidate's relation to the name, and to its rivals, is worth.

    * An admin-1 unit loses to a city of the same name in or near it:
      "Donetsk" or "Kiev" alone is the city the oblast is named after, but
      "Delaware" or "Ontario" with no namesake nearby is the state or province.
    * A town called so only by an alternate name loses to a town of some
      size that bears it as its own name (Madrid the capital, not Waupun's
      old name; but Sevastopol, not a village called Sebastopol), unless
      it is a city of 100,000 or more, whose alternate names are in use
      (Newcastle upon Tyne is a British article's "Newcastle").
    * A city called so only by its country's name loses to the country
      ("Mexico" is Mexico before Mexico City, whatever the article's focus).
    * A national capital is what a bare name means more often than not.
    """
    row, term = cand.row, 0.0
    if g.sources[row] == "admin1" and any(
            g.kinds[r.row] == PlaceKind.CITY and g.countries[r.row] == g.countries[row]
            and (g.admin1s[r.row] == g.admin1s[row]
                 or quick_km(g.lats[r.row], g.lons[r.row], g.lats[row], g.lons[row]) < 150)
            for r in rivals):
        term -= 1.0
    if (g.kinds[row] == PlaceKind.CITY and cand.name_kind in _OTHER_NAMES
            and g.populations[row] < ALTERNATE_IN_USE_POPULATION
            and any(r.name_kind in _OWN_NAMES and g.kinds[r.row] == PlaceKind.CITY
                    and r.row != row and g.populations[r.row] * 10 >= g.populations[row]
                    for r in rivals)):
        term -= 1.5
    if (g.kinds[row] == PlaceKind.CITY and cand.name_kind == NameKind.ALTERNATE
            and any(g.kinds[r.row] == PlaceKind.COUNTRY and g.countries[r.row] == g.countries[row]
                    and r.name_kind in _OWN_NAMES for r in rivals)):
        term -= 1.5
    if g.metonyms[row] and g.kinds[row] == PlaceKind.CITY:
        term += 1.0
    return term
