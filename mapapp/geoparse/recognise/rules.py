"""Recognition: which stretches of an article name a place.

Exact matching of every GeoNames name finds most places but a third of what
it finds is wrong (Wagner the mercenaries, Stoltenberg the person, Een the
Dutch word, CNN the broadcaster). The rules here decide from evidence in the
text itself, never from a list of known false hits:

* word boundaries that understand Dutch compounds: ``Donbas``-regio and
  ``Kremlin``-woordvoerder keep their place part, Oost-Oekraïne is one name,
  ``Oost-Oekraïense`` (an adjective) is none;
* a capitalised common word at the start of a sentence is a word, not a town;
* all-capital tokens are acronyms unless the gazetteer knows them as a
  country's abbreviation (VS, VK);
* a name right after a title or a first name, or right before a surname, is
  part of a person's name; one followed by an organisation noun (Group,
  -bataljon, -huurlingen) names an organisation; once a small town's name has
  been a person or organisation in an article, it is that everywhere in it
  (the words either side are read in ``recognise_roles``).

The output is a list of ``Hit``s with their candidate places; choosing among
the candidates is ``resolve``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from mapapp.gazetteer import build as gb
from mapapp.gazetteer import rivers as gazetteer_rivers
from mapapp.gazetteer.index import Candidate, Gazetteer
from mapapp.gazetteer.name_kinds import row_of
from mapapp.geoparse.recognise import caps
from mapapp.geoparse.recognise import english as recognise_en
from mapapp.geoparse.recognise import german as recognise_de
from mapapp.geoparse.recognise.context import last_word_before, word_end
from mapapp.geoparse.recognise.context import sentence_initial as _sentence_initial
from mapapp.geoparse.recognise.facts import NameFacts, acronym
from mapapp.geoparse.recognise.hits import SMALL_TOWN, Hit
from mapapp.geoparse.recognise.roles import Roles, after_preposition
from mapapp.model import PlaceKind
from mapapp.plumbing.bounded import BoundedCache
from mapapp.text.morph_cyr import MORPH_LANGS
from mapapp.text.name_keys import is_cyrillic, word_key
from mapapp.text.wordlists import ARTICLES

if TYPE_CHECKING:
    from mapapp.geoparse.recognise.cyrillic import CyrillicRecogniser

_DOTTED = re.compile(r"[A-Z][a-z]{0,4}\.(?: ?[A-Z][a-z]{0,3}\.){0,3}")


@lru_cache(maxsize=1)
def _capital_re() -> re.Pattern[str]:
    """Words that start with a capital letter (Latin, Greek, Cyrillic)."""
    upper = "".join(chr(i) for i in range(0x3000) if chr(i).isupper() and chr(i).isalpha())
    # The capital first, then the look-behind (no letter before it): the engine then skips
    # through lower-case text on the character set alone, 2.4× faster than the other order.
    return re.compile(rf"[{re.escape(upper)}](?<![^\W\d_].)[^\W\d_]*(?:['’ʼ][^\W\d_]+)*")


# The last letters of the articles, in either case: no other character lowers to one of
# them, and lower() makes no word shorter (see no_article_before).
_ARTICLE_ENDS = frozenset("".join(w[-1] + w[-1].upper() for w in ARTICLES))
_ARTICLE_LEN = max(map(len, ARTICLES))


def no_article_before(text: str, start: int) -> bool:
    """Whether the word before ``start``, one space apart, is surely none of ``ARTICLES``
    (False: ask ``words_before``): it ends as no article does ("in", "van"), or it is
    longer than any. Most names follow such a word; reading it costs two characters."""
    if start < 2 or text[start - 1] != " ":
        return False
    last = text[start - 2]
    longer = start - 2 - _ARTICLE_LEN  # where a word longer than any article would start
    return ((last not in _ARTICLE_ENDS and not last.isspace())
            or (longer >= 0 and text[longer:start - 1].isalpha()))


# What spans needs to know of a capitalised word (see Recogniser._word_info): a plain tuple,
# unpacked once per capitalised word of every text.
_WordInfo = tuple[str, bool, bool, int, tuple[Candidate, ...]]


@dataclass
class _Doc:
    text: str
    lang: str
    hits: list[Hit] = field(default_factory=list)
    not_places: set[str] = field(default_factory=set)  # keys that named people/orgs here
    people: set[str] = field(default_factory=set)  # keys that were a person's given name here


class Recogniser:
    """Finds the place names of a text with the gazetteer's index."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.capitalised = _capital_re()
        self._candidates: BoundedCache[str, tuple[Candidate, ...]] = BoundedCache(200_000)
        # lang → word → info (see _word_info)
        self._words: dict[str, BoundedCache[str, _WordInfo]] = {}
        # key → (a name, starts a longer name)
        self._keys: BoundedCache[str, tuple[bool, bool]] = BoundedCache(500_000)
        # (key so far, next word) → (longer key, a name, starts a longer name, lower case)
        self._steps: BoundedCache[tuple[str, str], tuple[str, bool, bool, bool]] = \
            BoundedCache(500_000)
        self.facts = NameFacts(gazetteer)  # what each name says by itself, kept per name
        self.roles = Roles(gazetteer)
        self.english = recognise_en.English(gazetteer)
        self._cyr: CyrillicRecogniser | None = None

    # -- candidate spans -------------------------------------------------
    def _known(self, key: str) -> tuple[bool, bool]:
        """Whether a key is a name, and whether a longer name starts with it.

        The index and its prefixes hold millions of keys: a look-up there is
        a trip to main memory, and recognition asks about the same few
        thousand keys of news text again and again. Kept per key.
        """
        known = self._keys.get(key)
        if known is None:
            known = self._keys.keep(key, (key in self.gaz.index.pos, key in self.gaz.prefixes))
        return known

    def _extend(self, text: str, start: int, end: int, key: str, named: bool, lang: str
                ) -> tuple[int, str]:
        """Grow a match over following words while some name continues it.

        In English a name of several words ends in a capitalised word
        ("Gulf of Mexico"): "The river", "State line" are no names, whatever
        the gazetteer's alternate names hold. Dutch writes "Kaap de Goede
        Hoop" but also "Oost-Oekraïne", and keeps the old rule. Called only
        for a key that starts a longer name (``_known``).
        """
        best_end, best_key = (end, key) if named else (start, "")
        pos, prefix, steps = end, True, self._steps
        while prefix and pos < len(text) and text[pos] in " -\u00a0":
            stop = word_end(text, pos + 1)
            if stop == pos + 1:
                break
            word = text[pos + 1:stop]
            step = steps.get((key, word))
            if step is None:
                step = self._step(key, word)
            apart, pos = text[pos] == " ", stop
            key, named, prefix, lower = step
            if lang == "en" and lower and apart:
                continue  # a lower-case word written apart cannot end an English name
            if named:
                best_end, best_key = pos, key
            elif (word.endswith(("'s", "’s")) and word[0].isupper()
                  and self._known(bare := key[:-2])[0]):
                best_end, best_key = pos - 2, bare  # "San Francisco's roads"
        return best_end, best_key

    def _step(self, key: str, word: str) -> tuple[str, bool, bool, bool]:
        """One word more of a name being grown: the same for every "The X" of a corpus."""
        longer = f"{key} {word_key(word)}"
        return self._steps.keep((key, word), (longer, *self._known(longer), word.islower()))

    def _possessive(self, surface: str, key: str, lang: str) -> int:
        """Length of the name inside a possessive (Ruslands, Kiev's), or 0.

        Dutch adjectives are often the name plus -s (Nederlands, Brabants):
        a form that is itself a common word is taken for the adjective.
        """
        if not key.endswith("s") or (self.gaz.zipf(key, lang) >= 3.5
                                     and not recognise_de.genitive(self.gaz, key, lang)):
            return 0
        for suffix in ("'s", "s"):
            if key.endswith(suffix) and len(key) > len(suffix) + 3:
                base = key[: -len(suffix)]
                rows = map(row_of, self.gaz.index.codes(base))
                if any(self.gaz.kinds[r] in (PlaceKind.COUNTRY, PlaceKind.REGION) or
                       self.gaz.populations[r] >= SMALL_TOWN for r in rows):
                    return len(surface) - len(suffix)
        return 0

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        """The candidates of an index key, made once per key (Washington has 90)."""
        cands = self._candidates.get(key)
        if cands is None:
            cands = self._candidates.keep(key, tuple(
                map(Candidate.of, self.gaz.index.codes(key))))
        return cands

    def _dotted(self, text: str, start: int) -> Hit | None:
        """An abbreviation with full stops: "U.S.", "Lexington, Ky.", "B.C."."""
        m = _DOTTED.match(text, start)
        if not m and text[start + 1].isupper() and caps.after_capitals_comma(text, start):
            m = caps.DOTTED_CAPS.match(text, start)  # "SPRINGFIELD, MO."
        if not m:
            return None
        codes = self.gaz.dotted.codes(gb.dotted_key(m.group()))
        if not codes:
            return None
        return Hit(start, m.end(), m.group(), gb.dotted_key(m.group()),
                   tuple(map(Candidate.of, codes)), _sentence_initial(text, start))

    def spans(self, text: str, lang: str = "nl",
              misses: list[tuple[int, int, str]] | None = None) -> list[Hit]:
        """Leftmost-longest matches of gazetteer names at capitalised words.

        Capitalised words that match nothing go to ``misses`` (start, end,
        key) when a list is given: the candidates for tolerant matching.
        """
        hits: list[Hit] = []
        last_end, n = 0, len(text)
        words = self._words.get(lang)
        if words is None:
            words = self._words[lang] = BoundedCache(500_000)
        candidates, extend = self.candidates, self._extend  # looked up once, not per word
        for m in self.capitalised.finditer(text):
            start, end = m.span()
            if start < last_end:
                continue
            word = m.group()
            if end < n and text[end] == "." and len(word) <= 5:
                dotted = self._dotted(text, start)
                if dotted:
                    hits.append(dotted)
                    last_end = dotted.end
                    continue
            info = words.get(word)
            if info is None:
                info = words.keep(word, self._word_info(word, lang))
            key, named, prefix, cut, cands = info
            if prefix and end < n and text[end] in " -\u00a0":  # a longer name may follow
                found_end, found = extend(text, start, end, key, named, lang)
            elif named:  # the word alone names a place: its candidates are at hand
                hits.append(Hit(start, end, word, key, cands, _sentence_initial(text, start)))
                last_end = end
                continue
            else:
                found = ""
            if not found:
                if not cut:
                    if misses is not None:
                        misses.append((start, end, key))
                    continue
                found_end, found = start + cut, word_key(word[:cut])
                if lang == "de" and word[cut:] == "s":
                    found_end = end  # "Kiews": the inflected word as written (GUIDELINES.md)
            hits.append(Hit(start, found_end, text[start:found_end], found, candidates(found),
                            _sentence_initial(text, start)))
            last_end = found_end
        return hits

    def _word_info(self, word: str, lang: str) -> _WordInfo:
        """A capitalised word's key, whether it is a name, whether a longer name starts
        with it, its possessive cut, and its candidates if it is a name (else none).

        The same for every occurrence, and most capitalised words of an
        article occur several times while naming no place: kept per word.
        """
        key = word_key(word)
        named, prefix = self._known(key)
        return (key, named, prefix, self._possessive(word, key, lang),
                self.candidates(key) if named else ())

    # -- evidence against a hit --------------------------------------------
    def _strong(self, hit: Hit) -> bool:
        return recognise_en.strong(self.gaz, hit)

    def _area(self, hit: Hit) -> bool:
        return recognise_en.area(self.gaz, hit)

    def _after_article(self, doc: _Doc, hit: Hit) -> Hit | None:
        """"de Britten": towns take no article; countries and regions may (de Krim, de VS).

        The hit without its towns after an article; None when it names only towns.
        """
        text, start = doc.text, hit.start
        if no_article_before(text, start) or last_word_before(text, start) not in ARTICLES:
            return hit  # the cheap test first
        if hit.end < len(doc.text) and doc.text[hit.end] == "-":
            return hit  # "de Bachmoet-regio": the article belongs to the compound
        if doc.lang == "en" and re.match(r" [a-z]", doc.text[hit.end:hit.end + 2]):
            return hit  # "the Toronto area": English compounds are written apart
        kept = tuple(c for c in hit.candidates if self.gaz.kinds[c.row] != PlaceKind.CITY)
        if not kept and gazetteer_rivers.river_key(hit.key) in self.gaz.index:
            return hit  # "der Dnipro": a river (see resolve_rivers)
        if len(kept) == len(hit.candidates):
            return hit
        return replace(hit, candidates=kept) if kept else None

    _acronym = staticmethod(acronym)

    def role(self, text: str, lang: str, hit: Hit) -> str:
        """Whether a hit is part of a person's or organisation's name ('' if not)."""
        return self.roles.role(text, lang or "nl", hit)

    def find(self, text: str, lang: str = "nl",
             misses: list[tuple[int, int, str]] | None = None) -> list[Hit]:
        """All hits of a text after the evidence against each has been weighed."""
        doc = _Doc(text, lang or "nl")
        spans = self.spans(text, doc.lang, misses)
        if doc.lang in MORPH_LANGS:  # inflected names: read by their lemmas (recognise_cyr)
            spans = [h for h in spans if not is_cyrillic(h.surface)]
            if misses is not None:
                misses[:] = [m for m in misses if not is_cyrillic(text[m[0]:m[1]])]
            doc.hits.extend(self._cyrillic().spans(text, doc.lang, misses))  # type: ignore[arg-type]
        named = recognise_en.name_pairs(self.gaz, text, spans) if doc.lang == "en" else {}
        datelines = caps.dateline_pairs(self.gaz, text, spans)
        en, english = doc.lang == "en", self.english
        facts_of = self.facts.kept(doc.lang)
        for i, hit in enumerate(spans):
            if i in named:
                if named[i] == "surname":
                    doc.not_places.add(hit.key)
                continue
            against = ""
            if en:
                hit, against = english.against(text, hit)
            if against:
                doc.not_places.add(hit.key)
                if against == "person":
                    doc.people.add(hit.key)
                continue
            facts = facts_of.get((hit.key, hit.surface, hit.sentence_initial))
            if facts is None or facts.candidates is not hit.candidates:
                facts = self.facts.keep(hit, doc.lang)
            _, closed, capitals, cands, common = facts
            if closed:
                continue
            if i in datelines or (capitals  # the cheap test of capitals_place
                                  and caps.capitals_place(self.gaz, text, hit, doc.lang)):
                doc.hits.append(hit)
                continue
            if cands is None or common:
                continue
            narrowed = hit if cands is hit.candidates else replace(hit, candidates=cands)
            if doc.lang == "de" and recognise_de.without_evidence(self.gaz, text, narrowed):
                continue
            if (kept := self._after_article(doc, narrowed)) is None:
                continue
            hit = kept
            role = self.roles.role(text, doc.lang, hit)
            if role in ("person", "org") or (role == "head" and not self._area(hit)):
                doc.not_places.add(hit.key)
            if role == "person" and self.roles.title_or_given_name_before(text, doc.lang, hit):
                doc.people.add(hit.key)
            if role and not self.roles.survives(hit, role):
                continue
            doc.hits.append(hit)
        if doc.lang in MORPH_LANGS:
            doc.hits.sort(key=lambda h: h.start)
        return [h for h in doc.hits if h.key not in doc.not_places or (
            self._strong(h) and (h.key not in doc.people or after_preposition(text, h)))]

    def _cyrillic(self) -> CyrillicRecogniser:
        """The Ukrainian and Russian reader, made on the first such text (it loads pymorphy3)."""
        if self._cyr is None:
            from mapapp.geoparse.recognise.cyrillic import CyrillicRecogniser

            self._cyr = CyrillicRecogniser(self.gaz, self.candidates)
        return self._cyr
