"""Namesakes next to the article's front: the village the article means, not a far one.

The front runs through villages, and a country's GeoNames dump brings dozens
of namesakes for each (74 places called Andriivka in Ukraine). Size and the
smooth nearness term of ``resolve`` favour a bigger namesake 50 km away over
the village of a few hundred people next to the towns the article names;
this term says the obvious thing a reader sees on a map: when one namesake
lies right among the article's sure places and every other lies far, it is
that one.
"""

from __future__ import annotations

from collections.abc import Sequence

from mapapp.model import PlaceKind

# A town next to the places the article names surely (within NEXT_TO_KM), while every
# namesake lies at least NEXT_TO_RATIO times as far, is the one the article means: a front
# runs through villages, and one next to the front beats a bigger namesake 50 km off
# (Andriivka by Bakhmut, not the Andriivka of 1,000 people 53 km away). ``next_to_anchors``.
NEXT_TO_BONUS = 2.0
NEXT_TO_KM = 25.0
NEXT_TO_RATIO = 3.0


def next_to_anchors(dists: Sequence[float | None], index: Sequence[int],
                    kinds: Sequence[str], own: Sequence[bool]) -> int:
    """The candidate (its index) of a town next to the article's anchors when its
    namesake towns all lie much farther; -1 when there is none.

    Only between towns that bear the name as their own (not Riverdale Park
    for "Riverdale"), and only when no area bears the name: a state or an
    oblast against its towns is a question of its own (Montana, Donetsk).

    >>> next_to_anchors([8.0, 53.0, None], [0, 1, 2], ["city"] * 3, [True] * 3)
    0
    >>> next_to_anchors([8.0, 20.0], [0, 1], ["city", "city"], [True, True])
    -1
    >>> next_to_anchors([8.0, 53.0], [0, 1], ["city", "region"], [True, True])
    -1
    """
    if any(kind != PlaceKind.CITY for kind in kinds):
        return -1
    towns = sorted((d, i) for d, i in zip(dists, index, strict=True)
                   if d is not None and own[i])
    if len(towns) < 2 or towns[0][0] > NEXT_TO_KM:
        return -1
    return towns[0][1] if towns[1][0] >= NEXT_TO_RATIO * max(towns[0][0], 1.0) else -1
