"""Resolution: which of the places called X the article means.

Seven Lymans, a city and an oblast called Donetsk, a Marsta in Sweden and one
in Spain: the most populous candidate is right most of the time, and the
cases where it is wrong are the ones readers notice. Each candidate gets a
score that adds up plain evidence, and the winning terms become the
explanation the app shows:

* size: population (log scale); an oblast counts for less than the city it
  is named after, since "Donetsk" alone usually means the city (these
  terms, which the article cannot change, are in ``resolve_prior``);
* cue words: "provincie/regio/oblast X" and "steden in X" → a region,
  "stad/dorp X" and "de steden X en Y" → populated places; a cue carries over
  a list ("de regio's Donetsk en Loehansk");
* the article's focus: the countries it names, and the countries of its
  unambiguous places;
* distance to the places the article names unambiguously;
* one sense per article: uncued mentions follow the cued ones ("provincie
  Loehansk" … "in Loehansk" stays the oblast).

The article's evidence is gathered once into a frozen ``Evidence`` and passed
from method to method; the resolver keeps nothing of an article. Scoring
(``_score``) and explaining (``_explain``) share one weighing, and the words
are read from the terms the winner's score added (``Parts``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from mapapp.gazetteer.distance import Anchors
from mapapp.gazetteer.index import Gazetteer, PerList
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.geoparse.phones import PhoneArea
from mapapp.geoparse.recognise.cues import (
    Cue,
    containers,
    cue_reason,
    cues,
    metonymy,
    named_share,
)
from mapapp.geoparse.recognise.hits import Hit
from mapapp.geoparse.resolve import neighbours, old_names
from mapapp.geoparse.resolve.evidence import AreaSet, Evidence, Parts
from mapapp.geoparse.resolve.facts import NEAR_KINDS, SHORTLIST, Facts, gather
from mapapp.geoparse.resolve.homonyms import add_city_cues
from mapapp.geoparse.resolve.near import NEXT_TO_BONUS, next_to_anchors
from mapapp.model import PlaceKind

DISTANCE_SCALE_KM = 100.0


# "London, Arkansas": what naming the state or country right after a town is worth; more
# than size, focus and nearness together can give a namesake.
CONTAINER_BONUS = 5.0

# What a telephone number of the article adds besides its country to the focus (see
# ``evidence``): a bonus to places in its state or province (less than a named state's
# "X, Y": a paper prints other places' numbers too), and more to the town it names.
PHONE_AREA_BONUS = 1.5
PHONE_TOWN_BONUS = 1.5

# What the states and provinces of the article's confident places add to a candidate in
# them, shared out as the country focus is ("Dallas County" in an Iowa article is Iowa's);
# not to a place called so by an alternate name (Waupun, Wisconsin, once "Madrid").
STATE_FOCUS = 1.5


@dataclass(frozen=True)
class Resolution:
    """The place chosen for a hit, how sure, and why (in words a reader understands)."""

    row: int
    confidence: float
    evidence: tuple[str, ...]
    metonymy: bool = False


class _Weighing(NamedTuple):
    """What weighing a name's candidates found, read by its score and its explanation
    (made for every name of every article, and read only here: a tuple is quicker to make)."""

    row: int  # the winner
    confidence: float
    cue_list: tuple[tuple[Cue | None, float], ...]  # each cue and its share of the mentions
    parts: tuple[Parts, ...]  # of the shortlisted candidates; none for a name of one place
    shortlist: Sequence[int]  # the candidates (indices) weighed
    best: int  # the winner's index in ``parts`` and ``shortlist``


class Resolver:
    """Chooses one candidate per hit from the evidence of the whole article."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        # Only the gazetteer's facts are kept, never an article's (see ``evidence``): per
        # candidate list, and the countries' names (filled when first asked for).
        self.gaz = gazetteer
        self._countries: dict[str, str] = {}
        self._facts: PerList[Facts] = PerList(partial(gather, gazetteer), 100_000)
        self._no_anchors = Anchors((), gazetteer.lats, gazetteer.lons)
        self._old_names = old_names.OldNames(gazetteer)

    # -- the terms of a score --------------------------------------------
    @staticmethod
    def focus(facts: Sequence[Facts]) -> dict[str, int]:
        """Countries the article is about: named countries, and homes of unambiguous places
        (``facts``: of each mention's candidates), in the order first named."""
        weight: dict[str, int] = {}
        for fact in facts:
            for country, n in fact.focus.items():
                # as Counter.update, without its per-call overhead (nor __missing__'s)
                weight[country] = weight.get(country, 0) + n
        return weight

    def _context(self, key: str, row: int, parts: Parts, ev: Evidence) -> list[str]:
        """Why the article's focus and nearness favour the chosen candidate, in words.

        Written for the winner only (most candidates lose and nobody reads
        why), from the focus and nearness terms its score added.
        """
        g, why = self.gaz, []
        if parts.main:
            why.append(f"in {self._country_name(g.countries[row])}, the country the "
                       "article is mostly about")
        # Said of a place in the leading state even when called by an old name, which the
        # score's state term leaves out (see ``_scores``): words shown since before the split.
        state = ev.state_terms.get((g.countries[row], g.admin1s[row]))
        if state and g.kinds[row] != PlaceKind.COUNTRY and state == max(ev.state_terms.values()):
            why.append("in the state or province of most places the article names surely")
        near = ev.anchors.nearest(g.lats[row], g.lons[row], row, key) if parts.near else None
        if near is not None and near[0] < 300:
            why.append(f"{near[0]:.0f} km from {g.names[near[1]]}, also named in the article")
        return why

    def _country_name(self, iso: str) -> str:
        if not self._countries:
            g = self.gaz
            self._countries.update((g.countries[r], g.names[r]) for r in range(len(g.ids))
                                   if g.kinds[r] == PlaceKind.COUNTRY)
        return self._countries.get(iso, iso)

    def _inside(self, row: int, boxes: list[AreaSet], mentions: int) -> float:
        """The share of the mentions whose "X, Y" puts this candidate inside Y."""
        inside, n = self.gaz.inside, 0
        for areas in boxes:  # a loop, not sum() over a generator: asked of every candidate
            if inside(row, areas):
                n += 1
        return n / mentions

    def _phone_bonus(self, ev: Evidence, key: str, row: int) -> float:
        """What the article's telephone numbers say for a place (see ``PHONE_AREA_BONUS``)."""
        area, town = ev.phones.rings_in(self.gaz, key, row)
        return (PHONE_AREA_BONUS if area else 0.0) + (PHONE_TOWN_BONUS if town else 0.0)

    # -- the article as a whole ------------------------------------------
    def resolve(self, text: str, hits: list[Hit], demonyms: Sequence[str] = (),
                phones: Sequence[PhoneArea] = ()) -> list[Resolution]:
        """One resolution per hit, in order.

        ``demonyms``: keys of the article's capitalised words that named no
        place; those that are demonyms ("syrian") add to the focus.
        ``phones``: where the article's telephone numbers ring (see ``mapapp.geoparse.phones``).
        """
        if not hits:
            return []
        return self._by_sense(text, hits, self.evidence(text, hits, demonyms, phones))

    def evidence(self, text: str, hits: list[Hit], demonyms: Sequence[str] = (),
                 phones: Sequence[PhoneArea] = ()) -> Evidence:
        """The article's evidence (see ``resolve``), gathered once and passed on, never kept."""
        g = self.gaz
        known = g.demonyms.pos  # most capitalised words are no demonym: the cheap test first
        homes = [g.countries[row] for key in demonyms if key in known
                 for row in g.demonyms.codes(key)]
        facts = [self._facts(hit.candidates) for hit in hits]  # one look-up per mention
        hit_cues = add_city_cues(g, text, hits, cues(text, hits), [f.namesake for f in facts])
        ev = Evidence.of(hit_cues, self.focus(facts), containers(g, text, hits), homes, phones,
                         self._no_anchors)
        anchors, state_terms = self._anchored(hits, facts, ev)
        sure = {key: row for key, row in reversed(anchors.pairs)}  # a name's first sense
        asking = [i for i, fact in enumerate(facts) if fact.namesake_towns]
        return ev.settled(anchors, state_terms,
                          neighbours.local_rows(g, text, hits, sure, asking))

    def _anchored(self, hits: list[Hit], facts: Sequence[Facts], ev: Evidence
                  ) -> tuple[Anchors, dict[tuple[str, str], float]]:
        """The evidence's anchors and state terms: the towns and regions the article surely
        means (0.8 or more, chosen without anchors), and their states."""
        g = self.gaz
        anchors: list[tuple[str, int]] = []
        anchor_rows: set[int] = set()
        states: dict[tuple[str, str], int] = {}  # counted as a Counter would, without one
        seen: set[tuple[str, str]] = set()
        for hit, cue, fact in zip(hits, ev.cues, facts, strict=True):
            sense = (hit.key, cue.kind if cue else "")
            if sense in seen:
                continue
            seen.add(sense)
            if not fact.can_anchor:
                continue  # no town or region to choose: it cannot become an anchor
            row, confidence = self._score([hit], [cue], ev)
            if g.kinds[row] in NEAR_KINDS and confidence >= 0.8:
                if row not in anchor_rows:
                    anchors.append((hit.key, row))
                    anchor_rows.add(row)
                if g.admin1s[row]:
                    state = (g.countries[row], g.admin1s[row])
                    states[state] = states.get(state, 0) + 1
        total = sum(states.values())
        return (Anchors(anchors, g.lats, g.lons),
                {k: STATE_FOCUS * n / total for k, n in states.items()})

    def _by_sense(self, text: str, hits: list[Hit], ev: Evidence) -> list[Resolution]:
        """Mentions of one name with the same (possibly inherited) cue share one place.

        An uncued mention takes the cue of the last cued mention of its name
        before it ("provincie Loehansk … in Loehansk"), never one that comes
        later: a reader resolves a name with what has been said so far.
        """
        last_cue: dict[str, Cue] = {}
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        effective: list[Cue | None] = []
        hit_cues = ev.cues
        for i, (hit, cue) in enumerate(zip(hits, hit_cues, strict=True)):
            if cue is not None:
                last_cue[hit.key] = cue
            eff = cue or last_cue.get(hit.key)
            effective.append(eff)
            groups[(hit.key, eff.kind if eff else "")].append(i)
        out: list[Resolution | None] = [None] * len(hits)
        metonyms = self.gaz.metonyms
        for (_key, _), members in groups.items():
            mhits = [hits[i] for i in members]
            weighing = self._weigh(mhits, [effective[i] for i in members], ev)
            why = self._explain(mhits, weighing, ev)
            row = weighing.row
            # A name's mentions mostly resolve alike, to the word: they share one (frozen)
            # Resolution, made once per distinct inherited cue and metonymy.
            made: dict[tuple[str, bool], Resolution] = {}
            for i in members:
                extra = ""
                inherited = effective[i]
                if hit_cues[i] is None and inherited is not None:
                    what = "region" if inherited.kind == PlaceKind.REGION else "town"
                    extra = f"the article calls {hits[i].surface} a {what} elsewhere"
                # metonymy() asks this first; most places stand for no government
                meto = metonymy(self.gaz, text, hits[i], row) if metonyms[row] else False
                res = made.get((extra, meto))
                if res is None:
                    res = made[(extra, meto)] = Resolution(
                        row, weighing.confidence, tuple([*why, extra] if extra else why), meto)
                out[i] = res
        return [r for r in out if r is not None]

    # -- one name: its score, and why ----------------------------------------
    def _score(self, hits: list[Hit], hit_cues: Sequence[Cue | None], ev: Evidence
               ) -> tuple[int, float]:
        """The best candidate for mentions that share a name and a sense, and how sure."""
        cands = hits[0].candidates
        if len(cands) == 1:
            return cands[0].row, 0.95  # one place: nothing to weigh
        weighing = self._weigh(hits, hit_cues, ev)
        return weighing.row, weighing.confidence

    def _weigh(self, hits: list[Hit], hit_cues: Sequence[Cue | None], ev: Evidence
               ) -> _Weighing:
        """Score the candidates of mentions that share a name and a sense, and choose."""
        cands = hits[0].candidates
        if len(hits) == 1:  # one mention: its cue, if any, is the whole of the evidence
            cue_list: tuple[tuple[Cue | None, float], ...] = ((hit_cues[0], 1.0),)
        else:
            cue_list = _shares(hit_cues)
        if len(cands) == 1:  # nothing to choose between, and no score to work out
            return _Weighing(cands[0].row, 0.95, cue_list, (), (0,), 0)
        facts = self._facts(cands)
        shortlist = self._shortlist(facts, ev.focus)
        parts = self._scores(hits, cue_list, ev, shortlist, ev.anchors, facts)
        scores = [p.total() for p in parts]
        best_score = max(scores)
        best = scores.index(best_score)  # first of equals, as sorted()
        exp = math.exp
        z = sum([exp(s - best_score) for s in scores])  # a list sums faster than a generator
        confidence = 0.95 if len(scores) == 1 else round(1.0 / z, 3)
        return _Weighing(cands[shortlist[best]].row, confidence, cue_list, tuple(parts),
                         shortlist, best)

    def _explain(self, hits: list[Hit], weighing: _Weighing, ev: Evidence) -> list[str]:
        """Why the weighing chose its place, in words: read from the terms its score added
        (worked out here for a name with one place, which was not scored)."""
        hit, g, row = hits[0], self.gaz, weighing.row
        parts = (weighing.parts[weighing.best] if weighing.parts else self._scores(
            hits, weighing.cue_list, ev, (0,), self._no_anchors, self._facts(hit.candidates))[0])
        why: list[str] = []
        for cue, _ in weighing.cue_list:
            why = why or cue_reason(g.kinds[row], cue)
        why = why + self._context(hit.key, row, parts, ev)
        if parts.container:
            why.insert(0, f"the article names the state, province or country it is in "
                          f"right after {hit.surface}")
        if parts.named:
            what = "country" if g.kinds[row] == PlaceKind.COUNTRY else "state or province"
            why.insert(0, f"{hit.surface} comes right after a town in it, as its {what}")
        if parts.phone:
            why.append(f"the article gives a telephone number of {ev.phones.label(g, row)}")
        shortlist = weighing.shortlist
        if len(shortlist) == 1:
            return [f"the only place called {hit.surface} in the gazetteer", *why]
        others, pops, cands = len(shortlist) - 1, g.populations, hit.candidates
        if pops[row] and pops[row] == max([pops[cands[i].row] for i in shortlist]):
            lead = (f"{pops[row]:,} inhabitants, the most populous of "
                    f"{others + 1} places called {hit.surface}")
        else:
            lead = (f"chosen over {others} other place{'s' if others > 1 else ''} "
                    f"called {hit.surface}")
        return [lead, *why]

    def _scores(self, hits: list[Hit], cue_list: Sequence[tuple[Cue | None, float]],
                ev: Evidence, shortlist: Sequence[int], anchors: Anchors, facts: Facts
                ) -> list[Parts]:
        """The parts of the scores of the shortlisted candidates (indices into the
        candidates, whose ``facts`` these are) of mentions that share a name, nearness
        measured to ``anchors``.

        A candidate's score is its prior, plus its country's focus term (and
        1.0 more in the article's main country), plus its nearness to the
        anchors, then each cue's term and the "X, Y" bonus (see ``Parts.total``).
        """
        key, cands, g = hits[0].key, hits[0].candidates, self.gaz
        prior: Sequence[float] = facts.prior
        own: Sequence[bool] = facts.own
        if len(cands) > 1:  # one place neither loses to namesakes nor is told from them
            prior, own = self._old_names.weigh(hits[0], prior, own)  # who bears the name
        terms, top, mentions = ev.focus_terms, ev.focus_top, len(hits)
        cue_terms = [(cue.kind, 4.0 * share, -2.5 * share) for cue, share in cue_list if cue]
        boxes, phones, states = ev.boxes(hits), ev.phones.areas, ev.state_terms
        named = ev.named_areas(hits)
        rows, countries, kinds, exp = facts.rows, facts.countries, facts.kinds, math.exp
        dists, next_to, local_to = None, -1, -1
        if anchors.pairs:  # the nearness of every town and region in one go
            places = facts.places
            measured = facts.near if len(shortlist) == len(rows) else [
                i for i in shortlist if kinds[i] in NEAR_KINDS]  # (a shortlist keeps order)
            near_all = anchors.nearest_each([places[i] for i in measured], key)
            if facts.namesake_towns:  # else an area bears the name: never next_to_anchors
                next_to = next_to_anchors(near_all, measured, kinds, own)
            dists = iter(near_all)
        # Named in a list or paragraph: only towns alone, two or more, are told apart so
        # (``neighbours.next_to``), and most names are no such towns.
        if (not boxes and facts.namesake_towns and len(shortlist) > 1
                and (local := ev.local_rows(hits))):
            local_to = neighbours.next_to(g, local, shortlist, rows, kinds, own)
        focus_term, out = terms.get, []
        for i in shortlist:
            country, kind, row = countries[i], kinds[i], rows[i]
            focus = focus_term(country, 0.0)
            near = 0.0
            if dists is not None and kind in NEAR_KINDS:
                dist = next(dists)
                if dist is not None:
                    near = 3.0 * exp(-dist / DISTANCE_SCALE_KM)
                if i == next_to:  # a village next to the article's places (resolve.near)
                    near += NEXT_TO_BONUS
            if i == local_to:  # next to the places named with it (resolve.neighbours)
                near += neighbours.LOCAL_BONUS
            out.append(Parts(
                prior[i], focus,
                1.0 if focus and country == top and kind != PlaceKind.COUNTRY else 0.0, near,
                tuple([match if kind == cue_kind else mismatch
                       for cue_kind, match, mismatch in cue_terms]) if cue_terms else (),
                CONTAINER_BONUS * self._inside(row, boxes, mentions) if boxes else 0.0,
                self._phone_bonus(ev, key, row) if phones and kind != PlaceKind.COUNTRY else 0.0,
                CONTAINER_BONUS * named_share(g, row, named, mentions) if named else 0.0,
                states.get((country, g.admin1s[row]), 0.0) if (
                    states and kind != PlaceKind.COUNTRY
                    and cands[i].name_kind <= NameKind.EXONYM) else 0.0))
        return out

    def _shortlist(self, facts: Facts, focus: Mapping[str, int]) -> range | list[int]:
        """The indices of the candidates worth scoring when a name has many.

        A village abroad in a country the article never touches cannot win
        (Washington: 90 places): it lacks size, focus and nearness at once.
        Kept: every area, every place in a country the article is about, and
        the biggest of the rest (``by_size`` is sorted once per name, and a
        stable sort keeps its order in any part of it).
        """
        if not facts.by_size:
            return range(len(facts.rows))
        rest = [i for i in facts.by_size if not focus.get(facts.countries[i])]
        out = set(rest[SHORTLIST:])
        return [i for i in range(len(facts.rows)) if i not in out]


def _shares(hit_cues: Sequence[Cue | None]) -> tuple[tuple[Cue | None, float], ...]:
    """Each distinct cue of a name's mentions (kind and word) and its share of them, in
    the order first seen."""
    if not any(hit_cues):  # most names have no cue word at any mention
        return ((None, 1.0),)
    counts: dict[tuple[str, str] | None, list] = {}
    for cue in hit_cues:
        found = counts.get(key := (cue.kind, cue.word) if cue else None)
        if found is None:
            counts[key] = [cue, 1]
        else:
            found[1] += 1
    return tuple((cue, n / len(hit_cues)) for cue, n in counts.values())
