"""Resolution: which of the places called X the article means.

Seven Lymans, a city and an oblast called Donetsk, a Marsta in Sweden and one
in Spain: the most populous candidate is right most of the time, and the
cases where it is wrong are the ones readers notice. Each candidate gets a
score that adds up plain evidence, and the winning terms become the
explanation the app shows:

* size: population (log scale); an oblast counts for less than the city it
  is named after, since "Donetsk" alone usually means the city;
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
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from mapapp import gazetteer_build as gb
from mapapp.gazetteer import Gazetteer
from mapapp.recognise import Hit

_REGION_BEFORE = re.compile(
    r"\b(provincie|provincies|regio|regio's|regio’s|oblast|oblasts|region|regions|province|"
    r"provinces|gebied|deelstaat|deelstaten|state|district|raion|rajon|republiek|republic|"
    r"region of|province of|oblast of|kanton|county)\s+(?:van\s+|of\s+)?$", re.IGNORECASE)
_CONTAINS_BEFORE = re.compile(
    r"\b(steden|dorpen|plaatsen|gemeenten|cities|towns|villages|frontsteden)\s+(in|van|of)\s+"
    r"(?:de\s+|het\s+|the\s+)?(?:hele\s+|whole\s+)?$", re.IGNORECASE)
_CITY_BEFORE = re.compile(
    r"\b(\w*stad|\w*steden|\w*dorp|\w*dorpen|stadje|plaats|plaatsje|gemeente|town|city|"
    r"village|cities|towns|villages|hoofdstad|capital)\s+$", re.IGNORECASE)
_REGION_AFTER = re.compile(r"^[- ](regio|oblast|provincie|region|province|Oblast|Region)\b")
_LIST_GLUE = re.compile(r"^(?:,\s*|\s+(?:en|and|of|or|und|et|i)\s+)$")
_LOCATIVE = frozenset("in naar aan uit bij rond nabij buiten vanuit door over tot richting om "
                      "van to at from near into around outside via nach aus bei".split())

EARTH_KM = 6371.0088
DISTANCE_SCALE_KM = 100.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Resolution:
    """The place chosen for a hit, how sure, and why (in words a reader understands)."""

    row: int
    confidence: float
    evidence: tuple[str, ...]
    metonymy: bool = False


@dataclass
class _Cue:
    kind: str  # "region" or "city"
    word: str


def cue_of(text: str, hit: Hit) -> _Cue | None:
    """The cue word before (or after) a hit that says region or town, if any."""
    before = text[max(0, hit.start - 40):hit.start]
    for pattern, kind in ((_CONTAINS_BEFORE, "region"), (_REGION_BEFORE, "region"),
                          (_CITY_BEFORE, "city")):
        m = pattern.search(before)
        if m:
            return _Cue(kind, m.group(1).lower())
    m = _REGION_AFTER.match(text[hit.end:hit.end + 12])
    return _Cue("region", m.group(1).lower()) if m else None


def cues(text: str, hits: list[Hit]) -> list[_Cue | None]:
    """Each hit's cue, lists inheriting the cue of their first member."""
    out: list[_Cue | None] = []
    for i, hit in enumerate(hits):
        cue = cue_of(text, hit)
        if cue is None and i and out[i - 1] is not None:
            if _LIST_GLUE.match(text[hits[i - 1].end:hit.start]):
                cue = out[i - 1]
        out.append(cue)
    return out


class Resolver:
    """Chooses one candidate per hit from the evidence of the whole article."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._countries: dict[str, str] | None = None

    # -- the terms of a score --------------------------------------------
    def _size(self, row: int) -> float:
        g = self.gaz
        kind, source, pop = g.kinds[row], g.sources[row], g.populations[row]
        if kind == "country":
            return max(7.0, math.log10(pop + 10))
        if source == "admin1":
            return math.log10(pop + 10) - 1.0
        if source in ("compass", "curated"):
            return 6.5
        return math.log10(pop + 10)

    def focus(self, hits: list[Hit]) -> Counter[str]:
        """Countries the article is about: named countries, and homes of unambiguous places."""
        g, weight = self.gaz, Counter[str]()
        for hit in hits:
            countries = {g.countries[c.row] for c in hit.candidates if g.kinds[c.row] == "country"}
            if countries:
                weight.update(dict.fromkeys(countries, 1.0))
            elif len({g.countries[c.row] for c in hit.candidates}) == 1:
                weight[g.countries[hit.candidates[0].row]] += 0.5
        return weight

    def _score(self, hit: Hit, row: int, name_kind: int, cue: _Cue | None,
               focus: Counter[str], anchors: list[tuple[str, int]]) -> tuple[float, list[str]]:
        g = self.gaz
        score, why = self._size(row), []
        if name_kind in (gb.ALTERNATE, gb.ROMANISED) and g.kinds[row] == "city":
            score -= 0.3
        total = sum(focus.values()) or 1.0
        share = focus.get(g.countries[row], 0.0) / total
        score += 2.5 * share
        if share and focus.most_common(1)[0][0] == g.countries[row] and g.kinds[row] != "country":
            score += 1.0
            why.append(f"in {self._country_name(g.countries[row])}, the country the article "
                       "is mostly about")
        if cue is not None:
            score += 4.0 if g.kinds[row] == cue.kind else -2.5
            if g.kinds[row] == cue.kind:
                why.append(f"“{cue.word}” before the name points to a "
                           f"{'region' if cue.kind == 'region' else 'town or city'}")
        near = self._nearest(row, hit.key, anchors)
        if near is not None and g.kinds[row] in ("city", "region"):
            dist, other = near
            score += 3.0 * math.exp(-dist / DISTANCE_SCALE_KM)
            if dist < 300:
                why.append(f"{dist:.0f} km from {g.names[other]}, also named in the article")
        return score, why

    def _nearest(self, row: int, key: str, anchors: list[tuple[str, int]]
                 ) -> tuple[float, int] | None:
        g, best = self.gaz, None
        for akey, arow in anchors:
            if akey == key or arow == row:
                continue
            d = haversine_km(g.lats[row], g.lons[row], g.lats[arow], g.lons[arow])
            if best is None or d < best[0]:
                best = (d, arow)
        return best

    def _country_name(self, iso: str) -> str:
        if self._countries is None:
            g = self.gaz
            self._countries = {g.countries[r]: g.names[r] for r in range(len(g.ids))
                               if g.kinds[r] == "country"}
        return self._countries.get(iso, iso)

    # -- the article as a whole ------------------------------------------
    def resolve(self, text: str, hits: list[Hit]) -> list[Resolution]:
        """One resolution per hit, in order."""
        if not hits:
            return []
        hit_cues = cues(text, hits)
        focus = self.focus(hits)
        anchors = []
        for hit, cue in zip(hits, hit_cues, strict=True):
            row, confidence, _ = self._choose([hit], [cue], focus, [])
            if self.gaz.kinds[row] in ("city", "region") and confidence >= 0.8:
                anchors.append((hit.key, row))
        return self._by_sense(text, hits, hit_cues, focus, anchors)

    def _by_sense(self, text: str, hits: list[Hit], hit_cues: list[_Cue | None],
                  focus: Counter[str], anchors: list[tuple[str, int]]) -> list[Resolution]:
        """Mentions of one name with the same (possibly inherited) cue share one place."""
        doc_cue: dict[str, _Cue] = {}
        for hit, cue in zip(hits, hit_cues, strict=True):
            if cue is not None:
                doc_cue.setdefault(hit.key, cue)
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        effective: list[_Cue | None] = []
        for i, (hit, cue) in enumerate(zip(hits, hit_cues, strict=True)):
            eff = cue or doc_cue.get(hit.key)
            effective.append(eff)
            groups[(hit.key, eff.kind if eff else "")].append(i)
        out: list[Resolution | None] = [None] * len(hits)
        for (key, _), members in groups.items():
            mhits = [hits[i] for i in members]
            mcues = [effective[i] for i in members]
            row, conf, why = self._choose(mhits, mcues, focus, anchors)
            for i in members:
                extra = []
                if hit_cues[i] is None and effective[i] is not None:
                    extra = [f"the article calls {hits[i].surface} a "
                             f"{'region' if effective[i].kind == 'region' else 'town'} elsewhere"]
                out[i] = Resolution(row, conf, tuple(why + extra),
                                    self._metonymy(text, hits[i], row))
        return [r for r in out if r is not None]

    def _choose(self, hits: list[Hit], hit_cues: list[_Cue | None], focus: Counter[str],
                anchors: list[tuple[str, int]]) -> tuple[int, float, list[str]]:
        hit = hits[0]
        scored = []
        for cand in hit.candidates:
            total, why = 0.0, []
            for h, cue in zip(hits, hit_cues, strict=True):
                s, w = self._score(h, cand.row, cand.name_kind, cue, focus, anchors)
                total += s / len(hits)
                why = why or w
            scored.append((total, cand.row, why))
        scored.sort(key=lambda x: -x[0])
        best_score, row, why = scored[0]
        if len(scored) == 1:
            return row, 0.95, [f"the only place called {hit.surface} in the gazetteer", *why]
        z = sum(math.exp(s - best_score) for s, _, _ in scored)
        confidence = round(1.0 / z, 3)
        others = len(scored) - 1
        pops = [self.gaz.populations[r] for _, r, _ in scored]
        if self.gaz.populations[row] == max(pops) and self.gaz.populations[row]:
            lead = (f"{self.gaz.populations[row]:,} inhabitants, the most populous of "
                    f"{others + 1} places called {hit.surface}")
        else:
            lead = f"chosen over {others} other place{'s' if others > 1 else ''} " \
                   f"called {hit.surface}"
        return row, confidence, [lead, *why]

    def _metonymy(self, text: str, hit: Hit, row: int) -> bool:
        """A capital or seat of power standing for its government ("volgens Moskou")."""
        if not self.gaz.metonyms[row]:
            return False
        if self.gaz.kinds[row] == "other":
            return True
        m = re.search(r"(\w+)\s+$", text[max(0, hit.start - 20):hit.start])
        return not (m and m.group(1).lower() in _LOCATIVE)
