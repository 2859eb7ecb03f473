"""The geoparser: recognition, resolution and excerpts, from article to mentions.

Three separate steps with the gazetteer injected, so each can be tested and
replaced on its own (recognise → resolve → excerpt). This module adds the
step that needs both of the first two: tolerant matching of spellings no list
carries (Roebiznje for Rubizhne), which is only trusted where the article's
other places vouch for it (same country, within 150 km of a place it names).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from mapapp import gazetteer_build as gb
from mapapp import sentences, translit
from mapapp.distance import haversine_km
from mapapp.gazetteer import Candidate, Gazetteer
from mapapp.local_features import find_local_names
from mapapp.model import Article, Mention, ParsedArticle, Place, Span
from mapapp.name_keys import name_key
from mapapp.phones import phone_areas
from mapapp.recognise import Hit, Recogniser
from mapapp.resolve import Resolution, Resolver
from mapapp.resolve_cues import cue_of

TOLERANT_MAX_KM = 150.0
TOLERANT_MIN_LEN = 5
# A village abroad needs support from the rest of the article (see _unsupported).
SMALL_FOREIGN = 15_000
_ADJECTIVE_BEFORE = re.compile(r"[A-Z][a-zëï]+(?:se|sche)\s+$")


class Geoparser:
    """Finds and resolves the places of texts with one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.recogniser = Recogniser(gazetteer)
        self.resolver = Resolver(gazetteer)
        self._skeys: dict[str, str] = {}
        self._like: dict[str, dict[str, tuple[int, ...]]] = {}  # lang → word → rows

    # -- tolerant matching -------------------------------------------------
    def _spelling_key(self, word: str) -> str:
        skey = self._skeys.get(word)
        if skey is None:
            skey = self._skeys[word] = translit.spelling_key(word)
        return skey

    def _spelled_like(self, key: str, lang: str) -> tuple[int, ...]:
        """The rows a missed word may be a spelling of; none for a common word.

        The same for every occurrence of the word, and every article repeats
        its capitalised words: kept per word and language.
        """
        like = self._like.setdefault(lang, {})
        rows = like.get(key)
        if rows is None:
            if len(like) > 500_000:
                like.clear()
            g = self.gaz
            rows = like[key] = (() if g.commonness(key, lang) >= 3.0
                                else g.spelling.codes(self._spelling_key(key)))
        return rows

    def _tolerant(self, text: str, lang: str, found: list[tuple[Hit, Resolution]],
                  misses: list[tuple[int, int, str]]) -> list[tuple[Hit, Resolution]]:
        g = self.gaz
        anchors = [r.row for h, r in found if g.kinds[r.row] == "city" and r.confidence >= 0.5]
        if not anchors:
            return []
        countries = {g.countries[r.row] for _, r in found if g.kinds[r.row] != "other"}
        out = []
        for start, end, key in misses:
            if end - start < TOLERANT_MIN_LEN or text[start:end].isupper():
                continue
            rows = self._spelled_like(key, lang)
            if not rows:
                continue
            best = self._closest([r for r in rows if g.countries[r] in countries], anchors)
            if best is None:
                continue
            row, dist, anchor = best
            word = text[start:end]
            hit = Hit(start, end, word, key, (Candidate(row, 3),), fuzzy_of=g.names[row])
            if self.recogniser.role(text, lang, hit):
                continue
            why = (f"“{word}” is a spelling of {g.names[row]} that no list carries",
                   f"{dist:.0f} km from {g.names[anchor]}, also named in the article")
            out.append((hit, Resolution(row, 0.6, why)))
        return out

    def _closest(self, rows: Iterable[int], anchors: list[int]) -> tuple[int, float, int] | None:
        g, best = self.gaz, None
        for row in rows:
            for anchor in anchors:
                d = haversine_km(g.lats[row], g.lons[row], g.lats[anchor], g.lons[anchor])
                if d <= TOLERANT_MAX_KM and (best is None or d < best[1]):
                    best = (row, d, anchor)
        return best

    def _unsupported(self, text: str, found: list[tuple[Hit, Resolution]]
                     ) -> list[tuple[Hit, Resolution]]:
        """Drop villages in countries nothing else in the article is in.

        A name that only matches a village abroad ("Arafat" in Mauritania,
        "Stoltenberg" in Germany) is far more often a person or a company than
        the one time a Dutch article names that village without naming its
        country or a neighbouring town. A cue ("het dorp X", "het Zweedse X")
        is support enough.
        """
        g = self.gaz
        keys_in: dict[str, set[str]] = {}
        for hit, res in found:
            keys_in.setdefault(g.countries[res.row], set()).add(hit.key)
        kept = []
        for hit, res in found:
            row = res.row
            if (g.kinds[row] == "city" and g.populations[row] < SMALL_FOREIGN
                    and not keys_in[g.countries[row]] - {hit.key}
                    and cue_of(text, hit) is None
                    and not _ADJECTIVE_BEFORE.search(text[max(0, hit.start - 30):hit.start])):
                continue
            kept.append((hit, res))
        return kept

    # -- public ------------------------------------------------------------
    def analyse(self, text: str, lang: str = "nl") -> list[tuple[Hit, Resolution]]:
        """Hits and their resolutions, in text order."""
        misses: list[tuple[int, int, str]] = []
        hits = self.recogniser.find(text, lang, misses)
        demonyms = [key for _, _, key in misses] if lang == "en" else ()  # English data only
        phones = phone_areas(self.gaz, text)
        found = list(zip(hits, self.resolver.resolve(text, hits, demonyms, phones), strict=True))
        found = self._unsupported(text, found)
        found.extend(self._tolerant(text, lang, found, misses))
        found.sort(key=lambda hr: hr[0].start)
        if lang == "en":
            found = self._local(text, found)
        return found

    def _local(self, text: str, found: list[tuple[Hit, Resolution]]
               ) -> list[tuple[Hit, Resolution]]:
        """Add streets the gazetteer lacks, at the town named nearest before them.

        A town's name inside a street's ("Hertford" in "Hertford Road") gives
        way to the street; a name the gazetteer knew whole is left alone.
        """
        g = self.gaz
        out = list(found)
        for name in find_local_names(text):
            rest = [hr for hr in out if hr[0].start >= name.end or hr[0].end <= name.start]
            if any(h.start < name.start or h.end >= name.end
                   for h, _ in out if h.start < name.end and h.end > name.start):
                continue  # known whole ("Missouri River") or straddling another name
            anchor = self._local_anchor(name.start, rest)
            if anchor is None:
                continue
            surface = text[name.start:name.end]
            hit = Hit(name.start, name.end, surface, name_key(surface),
                      (Candidate(anchor, gb.ALTERNATE),), feature="other")
            why = (f"a street the gazetteer does not have, placed at {g.names[anchor]}, "
                   "the place the article names nearest before it",)
            out = [*rest, (hit, Resolution(anchor, 0.3, why))]
        out.sort(key=lambda hr: hr[0].start)
        return out

    def _local_anchor(self, start: int, found: list[tuple[Hit, Resolution]]) -> int | None:
        """The town named last before ``start``, else the article's first; else its region."""
        g = self.gaz
        towns = [(h.start, r.row) for h, r in found if g.kinds[r.row] == "city" and not h.feature]
        before = [row for s, row in towns if s < start]
        if before or towns:
            return before[-1] if before else towns[0][1]
        regions = [r.row for _, r in found if g.sources[r.row] in ("admin1", "admin2")]
        return regions[0] if regions else None

    def resolve_given(self, text: str, spans: list[tuple[int, int]], lang: str = "nl"
                      ) -> list[tuple[Hit, Resolution]]:
        """Resolve toponyms someone else recognised (the "gold mentions" protocol).

        A span is looked up as recognition would have read it, and then as
        only a span someone calls a toponym can be read: an abbreviation
        with its stop ("Ky.", "S. C.", the state even without a town before
        it) and a demonym ("Russian", "Canadian": the country, not a town
        called so) before any name; else by spelling key.
        Spans the gazetteer cannot place at all are left out.
        """
        hits = []
        for start, end in spans:
            surface = text[start:end]
            key, codes = self._given_codes(surface)
            if codes:
                hits.append(Hit(start, end, surface, key,
                                tuple(Candidate(c // 8, c % 8) for c in codes)))
        phones = phone_areas(self.gaz, text)
        return list(zip(hits, self.resolver.resolve(text, hits, phones=phones), strict=True))

    def _given_codes(self, surface: str) -> tuple[str, tuple[int, ...]]:
        """The key and candidate codes of a span given as a toponym (see resolve_given)."""
        g = self.gaz
        if surface.endswith("."):  # "Mo." is Missouri before it is Mo i Rana
            dkey = gb.dotted_key(surface)
            if codes := g.dotted.codes(dkey):
                return dkey, codes
        key = name_key(surface)
        if codes := g.demonyms.codes(key):  # "Canadian" is Canada, not a town in Oklahoma
            return key, tuple(row * 8 + gb.EXONYM for row in codes)
        if codes := g.index.codes(key):
            return key, codes
        return key, tuple(r * 8 + gb.ROMANISED for r in g.spelling.codes(self._spelling_key(key)))

    def toponyms(self, text: str, lang: str = "nl",
                 spans: list[tuple[int, int]] | None = None) -> list[dict]:
        """The benchmark shape of DESIGN.md: one dict per toponym.

        With ``spans``, only those stretches are resolved (recognition skipped).
        """
        out = []
        found = self.analyse(text, lang) if spans is None else self.resolve_given(text, spans, lang)
        for hit, res in found:
            p = self.gaz.place_at(res.row)
            out.append({"start": hit.start, "end": hit.end, "name": hit.surface,
                        "canonical": p.name, "type": hit.feature or p.kind,
                        "lat": p.lat, "lon": p.lon,
                        "geonameid": p.geonameid, "place_id": p.id,
                        "confidence": res.confidence, "metonymy": res.metonymy,
                        "evidence": list(res.evidence)})
        return out

    def parse(self, article: Article) -> ParsedArticle:
        """Mentions of an article with their excerpts (never a caption)."""
        sents = sentences.split_sentences(article.text, article.noise)
        starts = [span.start for span in sents]
        mentions, places = [], {}
        for hit, res in self.analyse(article.text, article.lang or "nl"):
            place: Place = self.gaz.place_at(res.row)
            places[place.id] = place
            sentence, context = _excerpt(sents, starts, article.noise, hit.start)
            mentions.append(Mention(article.id, place.id, hit.start, hit.end, hit.surface,
                                    res.confidence, res.evidence, sentence, context,
                                    res.metonymy))
        return ParsedArticle(article, tuple(mentions), places)

    def parse_many(self, articles: Iterable[Article]) -> Iterator[ParsedArticle]:
        for article in articles:
            yield self.parse(article)


def _excerpt(sents: tuple[Span, ...], starts: list[int], noise: tuple[Span, ...], offset: int
             ) -> tuple[Span | None, Span | None]:
    """The sentence around an offset, and the one before it when the first is short.

    A short sentence is often a headline or a question ("Waarom is Bakhmut zo
    belangrijk?") that makes sense only with its neighbour.
    """
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0 or not sents[i].start <= offset < sents[i].end:
        return None, None
    sentence = sents[i]
    if sentences.is_noise(noise, sentence):
        return None, None
    context = None
    if sentence.end - sentence.start < 60 and i and not sentences.is_noise(noise, sents[i - 1]):
        context = sents[i - 1]
    return sentence, context
