"""What an article says as a whole, gathered once and passed to whatever weighs a name.

Resolution weighs each name against the rest of the article: the countries it is
about, the places it names surely (anchors), its "X, Y" pairs, its telephone
numbers. These were once attributes the resolver set at the start of an article
and its methods read later, so a method's result hung on which article had been
resolved last; now they are one frozen ``Evidence`` made per article and handed
on, and the resolver keeps nothing between articles. ``Parts`` are the terms of
one candidate's score, kept apart so that the explanation reads what the score
added instead of testing the same things again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from mapapp.gazetteer.distance import Anchors
from mapapp.geoparse.phones import PhoneArea, PhoneEvidence
from mapapp.geoparse.recognise.cues import Cue

if TYPE_CHECKING:
    from mapapp.geoparse.recognise.hits import Hit

# The areas a name may be: (country, admin-1 code), and (country, "") for a country.
AreaSet = frozenset[tuple[str, str]]

# What a demonym adds to the article's focus: as much as an unambiguous town (a named
# country adds 2); "Syrian troops" says the article is about Syria, if less than "Syria".
DEMONYM_WEIGHT = 1

# What a telephone number of the article adds to its country's focus (as a demonym).
PHONE_WEIGHT = 1

# What all of the article's focus together adds to a candidate's score, shared out over
# the countries by their weight.
FOCUS_SCALE = 2.5


@dataclass(frozen=True, slots=True)
class Evidence:
    """One article's evidence for choosing among a name's places.

    The mappings are the article's own, made for it and read only; the
    anchors and state terms come from a first pass over the article's sure
    places (``Resolver.resolve``), and are empty during that pass.
    """

    cues: tuple[Cue | None, ...]  # per hit: what the words around it say of its kind
    focus: Mapping[str, int]  # country → weight: named countries, unambiguous places, …
    focus_terms: Mapping[str, float]  # country → what its share of the focus adds to a score
    focus_top: str  # the country the article is mostly about ("" if none)
    containers: Mapping[int, AreaSet]  # start of X → the areas Y of "X, Y" may be
    named: Mapping[int, AreaSet]  # start of Y → the areas of "X, Y" some place X lies in
    phones: PhoneEvidence
    anchors: Anchors  # the places the article names surely, for nearness
    state_terms: Mapping[tuple[str, str], float]  # (country, admin-1) → its term
    # start of a mention → rows of the places named with it (``resolve.neighbours``)
    local: Mapping[int, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, cues: Sequence[Cue | None], focus: dict[str, int],
           containers: tuple[Mapping[int, AreaSet], Mapping[int, AreaSet]],
           country_codes: Sequence[str], phones: Sequence[PhoneArea],
           no_anchors: Anchors) -> Evidence:
        """The evidence before the first pass: ``focus`` from the article's names, plus the
        countries of its demonyms (``country_codes``) and telephone numbers."""
        for country in country_codes:
            focus[country] = focus.get(country, 0) + DEMONYM_WEIGHT
        for country in {(p.start, p.country): p.country for p in phones}.values():
            focus[country] = focus.get(country, 0) + PHONE_WEIGHT
        total = sum(focus.values()) or 1.0
        # focus_top: the first of the most common, as Counter.most_common(1), without its heap
        return cls(tuple(cues), focus, {c: FOCUS_SCALE * (n / total) for c, n in focus.items()},
                   max(focus, key=focus.__getitem__) if focus else "", *containers,
                   PhoneEvidence.of(phones), no_anchors, {})

    def settled(self, anchors: Anchors, state_terms: Mapping[tuple[str, str], float],
                local: Mapping[int, tuple[int, ...]]) -> Evidence:
        """This evidence with what the first pass over the sure places found (made
        directly: ``dataclasses.replace`` costs more than the rest of it)."""
        return Evidence(self.cues, self.focus, self.focus_terms, self.focus_top,
                        self.containers, self.named, self.phones, anchors, state_terms, local)

    def boxes(self, hits: list[Hit]) -> list[AreaSet]:
        """The areas each mention's "X, Y" names (mentions without one left out)."""
        if not self.containers:  # most articles have no "X, Y": no list to make
            return []
        return [areas for hit in hits if (areas := self.containers.get(hit.start))]

    def local_rows(self, hits: list[Hit]) -> list[int]:
        """The rows of the places named with any of these mentions (``resolve.neighbours``)."""
        if not self.local:
            return []
        return list(dict.fromkeys(r for hit in hits for r in self.local.get(hit.start, ())))

    def named_areas(self, hits: list[Hit]) -> list[AreaSet]:
        """The areas each mention names as Y of "X, Y" (mentions that are no Y left out)."""
        if not self.named:
            return []
        return [areas for hit in hits if (areas := self.named.get(hit.start))]


class Parts(NamedTuple):
    """The terms of one candidate's score; ``total`` adds them in the score's order."""

    prior: float  # size and kind, which the article cannot change (``resolve.prior``)
    focus: float  # its country's share of the article's focus
    main: float  # 1.0 in the country the article is mostly about
    near: float  # nearness to the anchors
    cues: tuple[float, ...]  # per cue word of the name's mentions, for or against
    container: float  # "X, Y" puts it inside Y
    phone: float  # the article's telephone numbers ring in its state or name it
    named: float  # it is the Y of "X, Y"
    state: float  # in the state or province of the article's sure places

    def total(self) -> float:
        """The score: the same additions, in the same order, as ever (ties depend on it)."""
        prior, focus, main, near, cues, container, phone, named, state = self  # one unpacking
        total = prior + (focus + main + near)
        for term in cues:
            total += term
        return total + container + phone + named + state
