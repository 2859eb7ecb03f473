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
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from mapapp import gazetteer_build as gb
from mapapp.distance import Anchors
from mapapp.gazetteer import Candidate, Gazetteer, PerList
from mapapp.phones import PhoneArea, PhoneEvidence
from mapapp.recognise import Hit
from mapapp.resolve_cues import (
    Cue,
    containers,
    cue_reason,
    cues,
    metonymy,
    named_share,
)
from mapapp.resolve_near import NEXT_TO_BONUS, next_to_anchors
from mapapp.resolve_prior import prior

DISTANCE_SCALE_KM = 100.0


# "London, Arkansas": what naming the state or country right after a town is worth; more
# than size, focus and nearness together can give a namesake.
CONTAINER_BONUS = 5.0

# What a demonym adds to the article's focus: as much as an unambiguous town (a named
# country adds 2); "Syrian troops" says the article is about Syria, if less than "Syria".
DEMONYM_WEIGHT = 1

# What a telephone number of the article adds: its country to the focus (as a demonym),
# a bonus to places in its state or province (less than a named state's "X, Y": a paper
# prints other places' numbers too), and more to the town it names ("London, ON").
PHONE_WEIGHT = 1
PHONE_AREA_BONUS = 1.5
PHONE_TOWN_BONUS = 1.5

# What the states and provinces of the article's confident places add to a candidate in
# them, shared out as the country focus is ("Dallas County" in an Iowa article is Iowa's);
# not to a place called so by an alternate name (Waupun, Wisconsin, once "Madrid").
STATE_FOCUS = 1.5

# Candidates scored in full when a name has more (see Resolver._shortlist).
SHORTLIST = 16

# Kinds of place measured against the article's anchors.
_NEAR_KINDS = ("city", "region")


@dataclass(frozen=True)
class Resolution:
    """The place chosen for a hit, how sure, and why (in words a reader understands)."""

    row: int
    confidence: float
    evidence: tuple[str, ...]
    metonymy: bool = False


@dataclass(frozen=True, slots=True)
class _Facts:
    """What scoring reads of a name's candidates, gathered once per candidate list.

    A candidate's row, country and kind are looked up scattered over the
    gazetteer's columns; a name is scored twice in every article that names
    it, so they are read once and kept beside the list (see ``Resolver._facts``).
    """

    rows: tuple[int, ...]
    places: tuple[tuple[int, float, float], ...]  # row, latitude, longitude (for nearness)
    countries: tuple[str, ...]
    kinds: tuple[str, ...]
    by_size: tuple[int, ...]  # indices of the towns, most populous first (for a long list)
    can_anchor: bool  # a town or region among them: the name may become an anchor


class Resolver:
    """Chooses one candidate per hit from the evidence of the whole article."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._countries: dict[str, str] | None = None
        self._focus_total, self._focus_top = 1.0, ""  # of the article being resolved
        self._priors: PerList[list[float]] = PerList(partial(prior, gazetteer), 100_000)
        self._focus_weights: PerList[dict[str, int]] = PerList(self._focus_weight, 100_000)
        self._containers: dict[int, frozenset[tuple[str, str]]] = {}  # of the article
        self._named: dict[int, frozenset[tuple[str, str]]] = {}  # Y of "X, Y", of the article
        self._facts: PerList[_Facts] = PerList(self._gather, 100_000)
        self._focus_terms: dict[str, float] = {}  # country → its focus term, of the article
        self._state_terms: dict[tuple[str, str], float] = {}  # (country, admin-1) → its term
        self._phones = PhoneEvidence()  # of the article
        self._no_anchors = Anchors((), gazetteer.lats, gazetteer.lons)

    # -- the terms of a score --------------------------------------------
    def focus(self, hits: list[Hit]) -> Counter[str]:
        """Countries the article is about: named countries, and homes of unambiguous places."""
        weight = Counter[str]()
        for hit in hits:
            for country, n in self._focus_weights(hit.candidates).items():
                weight[country] += n  # as Counter.update, without its per-call overhead
        return weight

    def _focus_weight(self, cands: tuple[Candidate, ...]) -> dict[str, int]:
        """What one mention adds to the article's focus; the same for every mention of a
        name, so kept per candidate list (a mention of Washington looks at 90 places)."""
        g = self.gaz
        countries = {g.countries[c.row] for c in cands if g.kinds[c.row] == "country"}
        if countries:  # a named country counts twice an unambiguous town's country
            return dict.fromkeys(countries, 2)
        if len({g.countries[c.row] for c in cands}) == 1:
            return {g.countries[cands[0].row]: 1}
        return {}

    def _gather(self, cands: tuple[Candidate, ...]) -> _Facts:
        """A candidate list's facts (see ``_Facts``), read from the gazetteer's columns once."""
        g = self.gaz
        rows = tuple(c.row for c in cands)
        kinds = tuple(g.kinds[r] for r in rows)
        by_size = () if len(rows) <= SHORTLIST else tuple(sorted(
            (i for i, k in enumerate(kinds) if k == "city"), key=lambda i: -g.populations[rows[i]]))
        return _Facts(rows, tuple((r, g.lats[r], g.lons[r]) for r in rows),
                      tuple(g.countries[r] for r in rows), kinds, by_size,
                      "city" in kinds or "region" in kinds)

    def _context(self, key: str, row: int, anchors: Anchors) -> list[str]:
        """Why the article's focus and nearness favour the chosen candidate, in words.

        Written for the winner only (most candidates lose and nobody reads
        why); the same tests as the focus and nearness terms of ``_scores``.
        """
        g, why = self.gaz, []
        if (self._focus_terms.get(g.countries[row]) and self._focus_top == g.countries[row]
                and g.kinds[row] != "country"):
            why.append(f"in {self._country_name(g.countries[row])}, the country the "
                       "article is mostly about")
        state = self._state_terms.get((g.countries[row], g.admin1s[row]))
        if state and g.kinds[row] != "country" and state == max(self._state_terms.values()):
            why.append("in the state or province of most places the article names surely")
        near = None
        if anchors and g.kinds[row] in ("city", "region"):
            near = anchors.nearest(g.lats[row], g.lons[row], row, key)
        if near is not None and near[0] < 300:
            why.append(f"{near[0]:.0f} km from {g.names[near[1]]}, also named in the article")
        return why

    def _country_name(self, iso: str) -> str:
        if self._countries is None:
            g = self.gaz
            self._countries = {g.countries[r]: g.names[r] for r in range(len(g.ids))
                               if g.kinds[r] == "country"}
        return self._countries.get(iso, iso)

    def _boxes(self, hits: list[Hit]) -> list[frozenset[tuple[str, str]]]:
        """The areas each mention's "X, Y" names (mentions without one left out)."""
        if not self._containers:  # most articles have no "X, Y": no list to make
            return []
        return [areas for hit in hits if (areas := self._containers.get(hit.start))]

    def _named_areas(self, hits: list[Hit]) -> list[frozenset[tuple[str, str]]]:
        """The areas each mention names as Y of "X, Y" (mentions that are no Y left out)."""
        if not self._named:
            return []
        return [areas for hit in hits if (areas := self._named.get(hit.start))]

    def _inside(self, row: int, boxes: list[frozenset[tuple[str, str]]], mentions: int) -> float:
        """The share of the mentions whose "X, Y" puts this candidate inside Y."""
        inside, n = self.gaz.inside, 0
        for areas in boxes:  # a loop, not sum() over a generator: asked of every candidate
            if inside(row, areas):
                n += 1
        return n / mentions

    def _phone_bonus(self, key: str, row: int) -> float:
        """What the article's telephone numbers say for a place (see ``PHONE_AREA_BONUS``)."""
        area, town = self._phones.rings_in(self.gaz, key, row)
        return (PHONE_AREA_BONUS if area else 0.0) + (PHONE_TOWN_BONUS if town else 0.0)

    # -- the article as a whole ------------------------------------------
    def resolve(self, text: str, hits: list[Hit], demonyms: Sequence[str] = (),
                phones: Sequence[PhoneArea] = ()) -> list[Resolution]:
        """One resolution per hit, in order.

        ``demonyms``: keys of the article's capitalised words that named no
        place; those that are demonyms ("syrian") add to the focus.
        ``phones``: where the article's telephone numbers ring (see ``mapapp.phones``).
        """
        if not hits:
            return []
        hit_cues = cues(text, hits)
        self._containers, self._named = containers(self.gaz, text, hits)
        focus = self.focus(hits)
        g = self.gaz
        known = g.demonyms.pos  # most capitalised words are no demonym: the cheap test first
        for key in demonyms:
            for row in g.demonyms.codes(key) if key in known else ():
                focus[g.countries[row]] += DEMONYM_WEIGHT
        for country in {(p.start, p.country): p.country for p in phones}.values():
            focus[country] += PHONE_WEIGHT
        self._phones = PhoneEvidence.of(phones)
        self._focus_total = sum(focus.values()) or 1.0
        self._focus_top = focus.most_common(1)[0][0] if focus else ""
        self._focus_terms = {c: 2.5 * (n / self._focus_total) for c, n in focus.items()}
        anchors: list[tuple[str, int]] = []
        anchor_rows: set[int] = set()
        states = Counter[tuple[str, str]]()
        self._state_terms = {}
        seen: set[tuple[str, str]] = set()
        for hit, cue in zip(hits, hit_cues, strict=True):
            sense = (hit.key, cue.kind if cue else "")
            if sense in seen:
                continue
            seen.add(sense)
            if not self._facts(hit.candidates).can_anchor:
                continue  # no town or region to choose: it cannot become an anchor
            row, confidence, _ = self._choose([hit], [cue], focus, self._no_anchors,
                                              explain=False)
            if self.gaz.kinds[row] in ("city", "region") and confidence >= 0.8:
                if row not in anchor_rows:
                    anchors.append((hit.key, row))
                    anchor_rows.add(row)
                if g.admin1s[row]:
                    states[(g.countries[row], g.admin1s[row])] += 1
        total = sum(states.values())
        self._state_terms = {k: STATE_FOCUS * n / total for k, n in states.items()}
        return self._by_sense(text, hits, hit_cues, focus, Anchors(anchors, g.lats, g.lons))

    def _by_sense(self, text: str, hits: list[Hit], hit_cues: list[Cue | None],
                  focus: Counter[str], anchors: Anchors) -> list[Resolution]:
        """Mentions of one name with the same (possibly inherited) cue share one place.

        An uncued mention takes the cue of the last cued mention of its name
        before it ("provincie Loehansk … in Loehansk"), never one that comes
        later: a reader resolves a name with what has been said so far.
        """
        last_cue: dict[str, Cue] = {}
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        effective: list[Cue | None] = []
        for i, (hit, cue) in enumerate(zip(hits, hit_cues, strict=True)):
            if cue is not None:
                last_cue[hit.key] = cue
            eff = cue or last_cue.get(hit.key)
            effective.append(eff)
            groups[(hit.key, eff.kind if eff else "")].append(i)
        out: list[Resolution | None] = [None] * len(hits)
        for (_key, _), members in groups.items():
            mhits = [hits[i] for i in members]
            mcues = [effective[i] for i in members]
            row, conf, why = self._choose(mhits, mcues, focus, anchors)
            for i in members:
                extra = []
                inherited = effective[i]
                if hit_cues[i] is None and inherited is not None:
                    extra = [f"the article calls {hits[i].surface} a "
                             f"{'region' if inherited.kind == 'region' else 'town'} elsewhere"]
                out[i] = Resolution(row, conf, tuple(why + extra),
                                    metonymy(self.gaz, text, hits[i], row))
        return [r for r in out if r is not None]

    def _choose(self, hits: list[Hit], hit_cues: list[Cue | None], focus: Counter[str],
                anchors: Anchors, explain: bool = True) -> tuple[int, float, list[str]]:
        """The best candidate for mentions that share a name and a sense."""
        hit, cands = hits[0], hits[0].candidates
        if len(cands) == 1 and not explain:
            return cands[0].row, 0.95, []  # one place: nothing to weigh, nobody to tell why
        if len(hits) == 1:  # one mention: its cue, if any, is the whole of the evidence
            cue_list = [(hit_cues[0], 1.0)]
        else:
            cue_counts = Counter((c.kind, c.word) if c else None for c in hit_cues)
            cue_list = [(Cue(*k) if k else None, n / len(hits)) for k, n in cue_counts.items()]
        scores: list[float]
        shortlist: Sequence[int]
        if len(cands) == 1:
            anchors = self._no_anchors  # nothing to choose between: distance explains nothing
            scores, shortlist = [0.0], [0]  # and no score to work out: the one candidate wins
        else:
            scores, shortlist = self._scores(hits, cue_list, focus, anchors)
        best_score = max(scores)
        row = cands[shortlist[scores.index(best_score)]].row  # first of equals, as sorted()
        why: list[str] = []
        if explain:
            for cue, _ in cue_list:
                why = why or cue_reason(self.gaz.kinds[row], cue)
            why = why + self._context(hit.key, row, anchors)
            if self._containers and self._inside(row, self._boxes(hits), len(hits)):
                why.insert(0, f"the article names the state, province or country it is in "
                              f"right after {hit.surface}")
            g = self.gaz
            if self._named and named_share(g, row, self._named_areas(hits), 1):
                why.insert(0, f"{hit.surface} comes right after a town in it, as its "
                              f"{'country' if g.kinds[row] == 'country' else 'state or province'}")
            if (self._phones.areas and g.kinds[row] != "country"
                    and self._phone_bonus(hit.key, row)):
                why.append(f"the article gives a telephone number of "
                           f"{self._phones.label(g, row)}")
        if len(scores) == 1:
            return row, 0.95, [f"the only place called {hit.surface} in the gazetteer", *why]
        exp = math.exp
        z = sum([exp(s - best_score) for s in scores])  # a list sums faster than a generator
        confidence = round(1.0 / z, 3)
        if not explain:
            return row, confidence, []
        others, pops = len(scores) - 1, self.gaz.populations
        if pops[row] and pops[row] == max([pops[cands[i].row] for i in shortlist]):
            lead = (f"{pops[row]:,} inhabitants, the most populous of "
                    f"{others + 1} places called {hit.surface}")
        else:
            lead = (f"chosen over {others} other place{'s' if others > 1 else ''} "
                    f"called {hit.surface}")
        return row, confidence, [lead, *why]

    def _scores(self, hits: list[Hit], cue_list: list[tuple[Cue | None, float]],
                focus: Counter[str], anchors: Anchors) -> tuple[list[float], Sequence[int]]:
        """The scores of the shortlisted candidates of mentions that share a name, and
        the candidates' indices (the shortlist).

        A candidate's score is its prior, plus its country's focus term (and
        1.0 more in the article's main country), plus its nearness to the
        anchors, then each cue's term and the "X, Y" bonus, added in that
        order. Terms that are zero for this name are not added at all.
        """
        key, cands = hits[0].key, hits[0].candidates
        prior, facts = self._priors(cands), self._facts(cands)
        terms, top = self._focus_terms, self._focus_top
        cue_terms = [(cue.kind, 4.0 * share, -2.5 * share) for cue, share in cue_list if cue]
        boxes, phones, states = self._boxes(hits), self._phones.areas, self._state_terms
        admin1s = self.gaz.admin1s
        named = self._named_areas(hits)
        shortlist, scores = self._shortlist(facts, focus), []
        rows, countries, kinds, exp = facts.rows, facts.countries, facts.kinds, math.exp
        dists, next_to = None, -1
        if anchors:  # the nearness of every town and region in one go
            places = facts.places
            near = anchors.nearest_each(
                [places[i] for i in shortlist if kinds[i] in _NEAR_KINDS], key)
            next_to = next_to_anchors(near, [i for i in shortlist if kinds[i] in _NEAR_KINDS],
                                      kinds, [c.name_kind <= gb.EXONYM for c in cands])
            dists = iter(near)
        focus_term = terms.get
        for i in shortlist:
            country, kind = countries[i], kinds[i]
            context = focus_term(country, 0.0)
            if context and country == top and kind != "country":
                context += 1.0
            if dists is not None and kind in _NEAR_KINDS:
                dist = next(dists)
                if dist is not None:
                    context += 3.0 * exp(-dist / DISTANCE_SCALE_KM)
                if i == next_to:
                    context += NEXT_TO_BONUS
            total = prior[i] + context
            for cue_kind, match, mismatch in cue_terms:
                total += match if kind == cue_kind else mismatch
            if boxes:
                total += CONTAINER_BONUS * self._inside(rows[i], boxes, len(hits))
            if phones and kind != "country":
                total += self._phone_bonus(key, rows[i])
            if named:
                total += CONTAINER_BONUS * named_share(self.gaz, rows[i], named, len(hits))
            if states and kind != "country" and cands[i].name_kind <= gb.EXONYM:
                total += states.get((country, admin1s[rows[i]]), 0.0)  # not by an old name
            scores.append(total)
        return scores, shortlist

    def _shortlist(self, facts: _Facts, focus: Counter[str]) -> range | list[int]:
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
