"""What resolution reads of a name's candidates, gathered once per candidate list.

Every mention of a name asks the same questions of its candidates: their
rows, countries, kinds and points, their priors (``resolve.prior``), which
of them bear the name as their own (``resolve.old_names``), what the name
adds to the article's focus, and whether it is a city named like its
oblast (``resolve.homonyms``). A candidate list is made once per name
(``Recogniser.candidates``), so the answers are kept beside it
(``gazetteer.index.PerList``): one lookup per mention, where one per
question cost more than the questions (a benchmark article names 30 places,
and each was looked up five times over).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapapp.geoparse.resolve.homonyms import namesake_share
from mapapp.geoparse.resolve.old_names import own_names
from mapapp.geoparse.resolve.prior import prior
from mapapp.model import PlaceKind

if TYPE_CHECKING:
    from mapapp.gazetteer.index import Candidate, Gazetteer

# Candidates scored in full when a name has more (see Resolver._shortlist).
SHORTLIST = 16

# Kinds of place measured against the article's anchors (and that may become one).
NEAR_KINDS = (PlaceKind.CITY, PlaceKind.REGION)


@dataclass(frozen=True, slots=True)
class Facts:
    """What scoring reads of a name's candidates (see the module's docstring)."""

    rows: tuple[int, ...]
    places: tuple[tuple[int, float, float], ...]  # row, latitude, longitude (for nearness)
    countries: tuple[str, ...]
    kinds: tuple[str, ...]
    by_size: tuple[int, ...]  # indices of the towns, most populous first (for a long list)
    can_anchor: bool  # a town or region among them: the name may become an anchor
    near: tuple[int, ...]  # indices of the towns and regions (measured against anchors)
    # Two candidates or more, every one a town: only then may nearness single one out
    # (``near.next_to_anchors``, ``neighbours.next_to``).
    namesake_towns: bool
    prior: tuple[float, ...]  # ``resolve.prior``
    own: tuple[bool, ...]  # bears a name in Latin letters as its own (``old_names.own_names``)
    focus: dict[str, int]  # what a mention adds to the article's focus (``focus_weight``)
    namesake: float  # a city's share of its same-named oblast (``homonyms.namesake_share``)


def gather(gaz: Gazetteer, cands: tuple[Candidate, ...]) -> Facts:
    """A candidate list's facts, read from the gazetteer's columns once."""
    rows = tuple(c.row for c in cands)
    kinds = tuple(gaz.kinds[r] for r in rows)
    by_size = () if len(rows) <= SHORTLIST else tuple(sorted(
        (i for i, k in enumerate(kinds) if k == PlaceKind.CITY),
        key=lambda i: -gaz.populations[rows[i]]))
    near = tuple(i for i, k in enumerate(kinds) if k in NEAR_KINDS)
    return Facts(rows, tuple((r, gaz.lats[r], gaz.lons[r]) for r in rows),
                 tuple(gaz.countries[r] for r in rows), kinds, by_size, bool(near), near,
                 len(kinds) > 1 and all(k == PlaceKind.CITY for k in kinds),
                 tuple(prior(gaz, cands)),
                 tuple(own_names(cands)), focus_weight(gaz, cands), namesake_share(gaz, cands))


def focus_weight(gaz: Gazetteer, cands: tuple[Candidate, ...]) -> dict[str, int]:
    """What one mention adds to the article's focus: the same for every mention of a
    name (a mention of Washington looks at 90 places)."""
    countries = {gaz.countries[c.row] for c in cands if gaz.kinds[c.row] == PlaceKind.COUNTRY}
    if countries:  # a named country counts twice an unambiguous town's country
        return dict.fromkeys(countries, 2)
    if len({gaz.countries[c.row] for c in cands}) == 1:
        return {gaz.countries[cands[0].row]: 1}
    return {}
