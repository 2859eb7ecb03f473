"""What recognition finds, and the sizes its rules share.

``Hit`` is made by ``rules`` and read by every rule module and by ``resolve``; the size
thresholds are used by the English, Dutch and shared rules alike. Both live here, below the
rule modules, so that no rule module imports another one to reach them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mapapp.gazetteer.index import Candidate
from mapapp.model import PlaceKind

# Organisations and people are told apart from places only for towns below this.
SMALL_TOWN = 100_000

# A name next to a title or surname stays a place only for cities this big (Kyiv, not Vladimir).
BIG_CITY = 1_000_000

# Words this common in English (Zipf) are function words ("A", "In", "The"): never part of a
# person's or an institution's name.
FUNCTION_WORD_ZIPF = 5.6

# Kinds of place that keep their name next to people's and institutions' names.
AREA_KINDS = frozenset((PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.OTHER))


@dataclass(frozen=True, slots=True, init=False)
class Hit:
    """A stretch of text that names a place, with the places it may name.

    Made for every capitalised name of every article (three in five are
    dropped again): slots make one quicker to make and to read. Frozen, as it
    passes from rule to rule and on to resolution: a rule that narrows or
    widens a hit returns a new one (``dataclasses.replace``), and the caller
    goes on with that.
    """

    start: int
    end: int
    surface: str
    key: str
    candidates: tuple[Candidate, ...]
    sentence_initial: bool = False
    fuzzy_of: str = ""  # the gazetteer name a tolerant match stands for
    feature: str = ""  # the toponym type of a feature named after the place ("X River": other)

    def __init__(self, start: int, end: int, surface: str, key: str,
                 candidates: tuple[Candidate, ...], sentence_initial: bool = False,
                 fuzzy_of: str = "", feature: str = "") -> None:
        # What the generated __init__ of a frozen dataclass does, through each slot's own
        # setter: that skips the attribute look-up of object.__setattr__ (0.7 µs a hit, not
        # 1.3 µs; recognition makes one for every name of every article).
        s0, s1, s2, s3, s4, s5, s6, s7 = _SLOT_SETTERS
        s0(self, start)
        s1(self, end)
        s2(self, surface)
        s3(self, key)
        s4(self, candidates)
        s5(self, sentence_initial)
        s6(self, fuzzy_of)
        s7(self, feature)


# The setters of Hit's slots in field order; taken from the class dataclass made (slots=True
# makes a new class), so they exist only now.
_SLOT_SETTERS: tuple[Callable[[Hit, Any], None], ...] = tuple(
    Hit.__dict__[name].__set__ for name in Hit.__slots__)
