"""The geoparser: recognition, resolution and excerpts, from article to mentions.

Three separate steps with the gazetteer injected, so each can be tested and
replaced on its own (recognise → resolve → excerpt). This module adds the
step that needs both of the first two: tolerant matching of spellings no list
carries (Roebiznje for Rubizhne), which is only trusted where the article's
other places vouch for it (same country, within 150 km of a place it names).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator

from mapapp.gazetteer import build as gb
from mapapp.gazetteer.distance import Anchors, haversine_km
from mapapp.gazetteer.index import Candidate, Gazetteer
from mapapp.gazetteer.name_kinds import NameKind, pack
from mapapp.geoparse.events import reader as events
from mapapp.geoparse.local_features import find_local_names
from mapapp.geoparse.phones import phone_areas
from mapapp.geoparse.recognise.cues import cue_of
from mapapp.geoparse.recognise.hits import Hit
from mapapp.geoparse.recognise.rules import Recogniser
from mapapp.geoparse.resolve import rivers as resolve_rivers
from mapapp.geoparse.resolve.resolver import Resolution, Resolver
from mapapp.model import Article, Event, Mention, ParsedArticle, PartialDate, Place, PlaceKind, Span
from mapapp.plumbing.bounded import BoundedCache
from mapapp.text import sentences, translit
from mapapp.text.name_keys import name_key

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
        self._like: dict[str, BoundedCache[str, tuple[int, ...]]] = {}  # lang → word → rows

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
        like = self._like.get(lang)
        if like is None:  # (not setdefault: that would make a cache at every call)
            like = self._like[lang] = BoundedCache(500_000)
        rows = like.get(key)
        if rows is None:
            g = self.gaz
            rows = like.keep(key, () if g.commonness(key, lang) >= 3.0
                             else g.spelling.codes(self._spelling_key(key)))
        return rows

    def _tolerant(self, text: str, lang: str, found: list[tuple[Hit, Resolution]],
                  misses: list[tuple[int, int, str]]) -> list[tuple[Hit, Resolution]]:
        """Misses that are spellings of a place near a town the article names surely.

        The place a word may be is the same at each of its occurrences, so it
        is looked for once per word; the anchors are the distinct towns, so
        a long article repeating its towns costs no more per word than a
        short one (see ``distance.Anchors``).
        """
        g = self.gaz
        rows_of = dict.fromkeys(r.row for _, r in found
                                if g.kinds[r.row] == PlaceKind.CITY and r.confidence >= 0.5)
        if not rows_of:
            return []
        anchors = Anchors([("", row) for row in rows_of], g.lats, g.lons)
        countries = {g.countries[r.row] for _, r in found if g.kinds[r.row] != PlaceKind.OTHER}
        out = []
        closest: dict[str, tuple[int, float, int] | None] = {}
        for start, end, key in misses:
            if end - start < TOLERANT_MIN_LEN or text[start:end].isupper():
                continue
            if key not in closest:
                rows = self._spelled_like(key, lang)
                closest[key] = self._closest(
                    [r for r in rows if g.countries[r] in countries], anchors) if rows else None
            best = closest[key]
            if best is None:
                continue
            row, dist, anchor = best
            word = text[start:end]
            hit = Hit(start, end, word, key, (Candidate(row, NameKind.ROMANISED),),
                      fuzzy_of=g.names[row])
            if self.recogniser.role(text, lang, hit):
                continue
            why = (f"“{word}” is a spelling of {g.names[row]} that no list carries",
                   f"{dist:.0f} km from {g.names[anchor]}, also named in the article")
            out.append((hit, Resolution(row, 0.6, why)))
        return out

    def _closest(self, rows: Iterable[int], anchors: Anchors) -> tuple[int, float, int] | None:
        """The (row, km, anchor) of the row nearest an anchor, within ``TOLERANT_MAX_KM``;
        the first row and anchor of equals."""
        g, best = self.gaz, None
        for row in rows:
            lat, lon = g.lats[row], g.lons[row]
            for anchor in anchors.rows_near(lat, lon, TOLERANT_MAX_KM):
                d = haversine_km(lat, lon, g.lats[anchor], g.lons[anchor])
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
            if (g.kinds[row] == PlaceKind.CITY and g.populations[row] < SMALL_FOREIGN
                    and keys_in[g.countries[row]] <= {hit.key}  # no other name there
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
        hits, rivers = resolve_rivers.mark(self.gaz, text, hits, misses)
        if rivers:  # a river word's name is no spelling of a town (_tolerant)
            misses = [m for m in misses if m[0] not in rivers]
        demonyms = [key for _, _, key in misses] if lang == "en" else ()  # English data only
        phones = phone_areas(self.gaz, text)
        found = list(zip(hits, self.resolver.resolve(text, hits, demonyms, phones), strict=True))
        found = resolve_rivers.place(self.gaz, self._unsupported(text, found), rivers)
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
        Streets come in text order and never overlap, and a name a street
        replaced lies inside it: one sweep (``_Streets``) looks at each
        street's own neighbourhood only, however many the article names.
        """
        names = find_local_names(text)
        if not names:
            return found
        g, sweep, streets = self.gaz, _Streets(self.gaz, found), []
        for name in names:
            inside = sweep.overlapping(name.start, name.end)
            if any(found[i][0].start < name.start or found[i][0].end >= name.end for i in inside):
                continue  # known whole ("Missouri River") or straddling another name
            anchor = sweep.anchor(name.start, name.end)
            if anchor is None:
                continue
            surface = text[name.start:name.end]
            hit = Hit(name.start, name.end, surface, name_key(surface),
                      (Candidate(anchor, NameKind.ALTERNATE),), feature=PlaceKind.OTHER)
            why = (f"a street the gazetteer does not have, placed at {g.names[anchor]}, "
                   "the place the article names nearest before it",)
            sweep.replaced(inside, anchor)
            streets.append((hit, Resolution(anchor, 0.3, why)))
        out = [hr for i, hr in enumerate(found) if i not in sweep.removed] + streets
        out.sort(key=lambda hr: hr[0].start)
        return out

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
                                tuple(map(Candidate.of, codes))))
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
            return key, tuple(pack(row, NameKind.EXONYM) for row in codes)
        if codes := g.index.codes(key):
            return key, codes
        rows = g.spelling.codes(self._spelling_key(key))
        return key, tuple(pack(r, NameKind.ROMANISED) for r in rows)

    def _events(self, text: str, lang: str, date: str | PartialDate | None,
                found: list[tuple[Hit, Resolution]], sents: tuple[Span, ...]
                ) -> tuple[Event | None, ...]:
        """What the text reports happening at each toponym (``events.reader``), read from
        the sentences the caller split once for excerpts and events alike."""
        kinds = self.gaz.kinds
        targets = [events.Target(hit.start, hit.end, hit.feature or kinds[res.row], res.metonymy)
                   for hit, res in found]
        return events.read_events(text, lang, date, targets, sents)

    def toponyms(self, text: str, lang: str = "nl",
                 spans: list[tuple[int, int]] | None = None,
                 date: str | PartialDate | None = None) -> list[dict]:
        """The benchmark shape of DESIGN.md: one dict per toponym, with its ``event`` (the
        EVENTS.md dict or None; ``date`` is the article's) and ``event_evidence`` (the
        deciding words as [start, end] pairs).

        With ``spans``, only those stretches are resolved (recognition skipped).
        """
        out = []
        found = self.analyse(text, lang) if spans is None else self.resolve_given(text, spans, lang)
        read = self._events(text, lang, date, found, sentences.split_sentences(text))
        for (hit, res), event in zip(found, read, strict=True):
            p = self.gaz.place_at(res.row)
            out.append({"start": hit.start, "end": hit.end, "name": hit.surface,
                        "canonical": p.name, "type": hit.feature or p.kind,
                        "lat": p.lat, "lon": p.lon,
                        "geonameid": p.geonameid, "place_id": p.id,
                        "confidence": res.confidence, "metonymy": res.metonymy,
                        "evidence": list(res.evidence),
                        "event": event.as_dict() if event else None,
                        "event_evidence": [[sp.start, sp.end] for sp in event.evidence]
                        if event else []})
        return out

    def parse(self, article: Article) -> ParsedArticle:
        """Mentions of an article with their excerpts (never a caption) and events."""
        sents = sentences.split_sentences(article.text, article.noise)
        starts = [span.start for span in sents]
        lang = article.lang or "nl"
        found = self.analyse(article.text, lang)
        read = self._events(article.text, lang, article.date, found, sents)
        mentions, places = [], {}
        for (hit, res), event in zip(found, read, strict=True):
            place: Place = self.gaz.display_at(res.row)  # the reader's name and point
            places[place.id] = place
            sentence, context = _excerpt(sents, starts, article.noise, hit.start)
            mentions.append(Mention(article.id, place.id, hit.start, hit.end, hit.surface,
                                    res.confidence, res.evidence, sentence, context,
                                    res.metonymy, event))
        return ParsedArticle(article, tuple(mentions), places)

    def parse_many(self, articles: Iterable[Article]) -> Iterator[ParsedArticle]:
        for article in articles:
            yield self.parse(article)


class _Streets:
    """The article's names as the streets, taken in text order, see them (``Geoparser._local``).

    A street is placed at the last town named before it, else at the first
    town, else at the first region (also one a street before was placed at),
    leaving out the names it overlaps and those earlier streets replaced.
    Those lie inside earlier streets, so each street asks only about its own
    stretch, and a pointer moves through the towns once.
    """

    def __init__(self, gaz: Gazetteer, found: list[tuple[Hit, Resolution]]) -> None:
        self.found = found
        self.starts = [h.start for h, _ in found]  # found is in text order
        self.reach = list(itertools.accumulate((h.end for h, _ in found), max, initial=-1))
        self.towns = [i for i, (h, r) in enumerate(found)
                      if gaz.kinds[r.row] == PlaceKind.CITY and not h.feature]
        self.town_starts = [found[i][0].start for i in self.towns]
        self.regions = [i for i, (_, r) in enumerate(found)
                        if gaz.sources[r.row] in ("admin1", "admin2")]
        self.removed: set[int] = set()
        self._gaz, self._next, self._last = gaz, 0, -1
        self._first_region, self._street_region = 0, -1

    def overlapping(self, start: int, end: int) -> list[int]:
        """The names that overlap [start, end), by index."""
        j = k = bisect.bisect_left(self.starts, end)
        while k > 0 and self.reach[k] > start:  # some name before k still reaches the street
            k -= 1
        return [i for i in range(k, j) if self.found[i][0].end > start]

    def anchor(self, start: int, end: int) -> int | None:
        """The row the street at [start, end) is placed at, if any."""
        towns, found = self.towns, self.found
        while self._next < len(towns) and self.town_starts[self._next] < start:
            if towns[self._next] not in self.removed:
                self._last = found[towns[self._next]][1].row
            self._next += 1
        if self._last >= 0:
            return self._last
        after = bisect.bisect_left(self.town_starts, end)  # the towns before were all replaced
        if after < len(towns):
            return found[towns[after]][1].row
        return self._region(start, end)

    def _region(self, start: int, end: int) -> int | None:
        regions, found = self.regions, self.found
        while self._first_region < len(regions) and regions[self._first_region] in self.removed:
            self._first_region += 1
        for n in range(self._first_region, len(regions)):
            hit = found[regions[n]][0]
            if regions[n] not in self.removed and not (hit.start < end and hit.end > start):
                return found[regions[n]][1].row
        return self._street_region if self._street_region >= 0 else None

    def replaced(self, inside: list[int], anchor: int) -> None:
        """A street placed at ``anchor`` replaces the names ``inside`` it."""
        self.removed.update(inside)
        if self._street_region < 0 and self._gaz.sources[anchor] in ("admin1", "admin2"):
            self._street_region = anchor


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
