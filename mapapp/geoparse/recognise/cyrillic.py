"""Recognition in Ukrainian and Russian text: inflected names, oblast adjectives, axes.

A Cyrillic article names Bakhmut as Бахмут, Бахмута, Бахмуті, Бахмутом, and
its oblast by an adjective that agrees with "область": "у Донецькій
області". Each capitalised word is read by its lemmas (``morph_cyr``) and
the lemmas are looked up in the gazetteer; the span stays the word as
written (GUIDELINES.md). The rules, all decided from the text:

* an adjective of a place ("Донецькій", "Покровському", "Шебекинском") is a
  place only before a generic noun that says what it qualifies
  (``HEADS``: область → the oblast, район/округ/громада → the town the unit
  is named after, напрямок/направление → the town the axis is named after);
  "Російські окупанти" is an ordinary adjective and no place;
* a region named after its town (Херсонщина, Донеччина) is that oblast, and
  "на" with a locative (на Запоріжжі) means the oblast of a town's name;
* several capitalised words are one name when their nominative is one
  ("в Новом Запорожье" → Новое Запорожье), or when their initials are an
  abbreviation the gazetteer knows ("Донецкой Народной Республике" → ДНР);
* words in capitals are abbreviations: a place only as the gazetteer's
  abbreviation (РФ, США, ДНР), never otherwise (ЗСУ, ВСУ, ОВА);
* a given name's surname, a word the dictionary knows as a verb or adverb at
  the start of a sentence, and a quoted name after a unit's abbreviation
  (ОСУВ "Дніпро", ЧВК «Вагнер») are no places.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from mapapp.gazetteer.index import Candidate, Gazetteer
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.geoparse.recognise.context import sentence_initial
from mapapp.geoparse.recognise.hits import Hit
from mapapp.geoparse.recognise.ru_uk_places import UkrainianNames
from mapapp.model import PlaceKind
from mapapp.text import morph_cyr
from mapapp.text.morph_cyr import Lang, Reading
from mapapp.text.name_keys import name_key

_LETTERS = "А-ЯЁІЇЄҐа-яёіїєґ"
_TOKEN = re.compile(rf"[{_LETTERS}]+(?:['’ʼ][{_LETTERS}]+)*")
_JOINS = (" ", "-", "\u00a0")
_QUOTES = "\"«„“'"

Head = Literal["oblast", "unit", "axis"]
# Generic nouns after a place's adjective (lemmas, both languages), and what the phrase names.
HEADS: dict[str, Head] = {
    "область": "oblast", "обл": "oblast", "край": "oblast",
    "район": "unit", "округ": "unit", "громада": "unit", "міськрада": "unit",
    "напрямок": "axis", "напрям": "axis", "направление": "axis",
}
_UNIT_KINDS = {"oblast": ("region",), "unit": ("city",), "axis": ("city", "region")}
# Words that join the members of a list, or a list to the oblast it lies in ("Лиман и Вильча
# Харьковской области", "Звановку, Петровское и Васюковку в ДНР").
_LIST_WORDS = frozenset("и і та й а также в у во".split())
# How common (Zipf) a word must be to need a preposition before it names a village.
COMMON_ZIPF = 4.0
PLACE_PREPOSITIONS = frozenset("""у в на під біля поблизу до з із зі від під над біля околицях
район районі под около возле из от к над близ""".split())
# Nouns before a town's name: "села Роботине", "населеного пункту Олександрівка".
TOWN_WORDS = frozenset("""село селище місто смт пункт хутір город поселок посёлок деревня хутор
станиця станица""".split())
# Nouns before a water's name: "річку Оскіл", "на лівому березі Дніпра" name the river.
WATER_WORDS = frozenset("""річка ріка река берег русло гирло устя устье лівобережжя правобережжя
левобережье правобережье водосховище водохранилище""".split())


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    word: str

    @property
    def capitalised(self) -> bool:
        return self.word[0].isupper()


def tokens(text: str) -> list[_Token]:
    """The Cyrillic words of a text, with their offsets."""
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


class CyrillicRecogniser:
    """Finds the place names of a Ukrainian or Russian text (see the module's docstring)."""

    def __init__(self, gazetteer: Gazetteer,
                 candidates: Callable[[str], tuple[Candidate, ...]]) -> None:
        self.gaz = gazetteer
        self.candidates = candidates  # the Recogniser's per-key memo
        self._units: dict[tuple[str, str], int] | None = None  # (country, admin-1) → row
        self.ukrainian = UkrainianNames(gazetteer, candidates)  # Отрадное → Відрадне

    def spans(self, text: str, lang: Lang, misses: list[tuple[int, int, str]] | None = None
              ) -> list[Hit]:
        """The hits of every capitalised Cyrillic word or phrase, in text order.

        Capitalised words that match nothing and that the dictionary does not know go to
        ``misses`` (start, end, nominative key), for tolerant matching ("Васюковка", the
        Russian spelling of Васюківка, is no name in the gazetteer).
        """
        toks, hits, i = tokens(text), [], 0
        while i < len(toks):
            tok = toks[i]
            if not tok.capitalised or self._not_a_name(text, toks, i, lang):
                i += 1
                continue
            found = self._phrase(text, toks, i, lang) or self._word(text, toks, i, lang)
            if found is None:
                if misses is not None and not morph_cyr.is_known(tok.word, lang):
                    misses.append((tok.start, tok.end, name_key(
                        morph_cyr.readings(tok.word, lang)[0].nominative)))
                i += 1
                continue
            hit, used = found
            hits.append(hit)
            i += used
        self._narrow_to_units(text, hits)
        return hits

    def _narrow_to_units(self, text: str, hits: list[Hit]) -> None:
        """Towns listed before the oblast they lie in keep only their namesakes there:
        "Лиман и Вильча Харьковской области", "Звановку … и Васюковку в ДНР"."""
        g = self.gaz
        for k, unit in enumerate(hits):
            areas = {(g.countries[c.row], g.admin1s[c.row]) for c in unit.candidates
                     if g.kinds[c.row] == PlaceKind.REGION and g.admin1s[c.row]}
            if len(areas) != 1:
                continue
            after = unit
            for j in range(k - 1, -1, -1):
                hit = hits[j]
                if not set(text[hit.end:after.start].lower().replace(",", " ").split()
                           ) <= _LIST_WORDS:
                    break
                # its towns there: the oblast, which takes its capital's names, is none
                inside = tuple(c for c in hit.candidates
                               if (g.countries[c.row], g.admin1s[c.row]) in areas
                               and g.kinds[c.row] == PlaceKind.CITY)
                if inside:
                    hits[j] = replace(hit, candidates=inside)  # hits are frozen: a new one
                after = hit

    # -- what a capitalised word is not ------------------------------------------------
    def _not_a_name(self, text: str, toks: list[_Token], i: int, lang: Lang) -> bool:
        tok = toks[i]
        if i and toks[i - 1].capitalised and _adjacent(text, toks[i - 1], tok):
            prev = morph_cyr.readings(toks[i - 1].word, lang)
            if prev and prev[0].how == "person" and morph_cyr.is_known(toks[i - 1].word, lang):
                return True  # the surname after a given name: Іван Федоров, Евгений Пригожин
        if sentence_initial(text, tok.start) and morph_cyr.is_function_word(tok.word, lang):
            return True
        return _quoted_name(text, tok, lang)

    # -- several words ---------------------------------------------------------------
    def _phrase(self, text: str, toks: list[_Token], i: int, lang: Lang
                ) -> tuple[Hit, int] | None:
        """The longest name of two to four words that starts at token ``i``."""
        last = i
        while (last + 1 < len(toks) and last - i < 3 and _adjacent(text, toks[last], toks[last + 1])
               and (toks[last + 1].capitalised or text[toks[last + 1].start - 1] == "-")):
            last += 1
        for j in range(last, i, -1):
            words = [t.word for t in toks[i:j + 1]]
            codes = self._phrase_codes(words, lang)
            if codes:
                key, cands = codes
                start, end = toks[i].start, toks[j].end
                return (Hit(start, end, text[start:end], key, cands,
                            sentence_initial(text, start)), j + 1 - i)
        return None

    def _phrase_codes(self, words: list[str], lang: Lang
                      ) -> tuple[str, tuple[Candidate, ...]] | None:
        keys = _phrase_keys(words, lang, self.gaz.prefixes)
        for key in keys:
            if key in self.gaz.index:
                cands = self.candidates(key)
                return key, self.ukrainian.widen([key], cands) if lang == "ru" else cands
        for key in keys if lang == "ru" else ():  # Великая Новоселка → Велика Новосілка
            if cands := self.ukrainian.of(key):
                return key, cands
        if all(w[0].isupper() for w in words):  # Донецкая Народная Республика → ДНР
            key = name_key("".join(w[0] for w in words))
            cands = tuple(c for c in self.candidates(key) if c.name_kind == NameKind.ABBREVIATION)
            if cands:
                return key, cands
        return None

    # -- one word ---------------------------------------------------------------------
    def _word(self, text: str, toks: list[_Token], i: int, lang: Lang) -> tuple[Hit, int] | None:
        tok = toks[i]
        if tok.word.isupper() and len(tok.word) > 1:
            return self._abbreviation(text, tok)
        reads = morph_cyr.readings(tok.word, lang)
        head = _head(text, toks, i, lang)
        found = (head and self._adjective(reads, head)) or self._noun(tok.word, reads, lang)
        if not found:
            return None
        key, cands, feature = found
        if not head and (self._attributive(toks, i, reads, cands, lang)
                         or self._common_word(text, toks, i, key, cands, lang)):
            return None
        if not head and _after_na(text, toks, i, reads):
            regions = tuple(c for c in cands if self.gaz.kinds[c.row] == PlaceKind.REGION)
            cands = regions or cands  # "на Запоріжжі": the oblast (GUIDELINES.md)
        if _after_word(text, toks, i, lang, WATER_WORDS):
            waters = tuple(c for c in cands if self.gaz.kinds[c.row] == PlaceKind.OTHER)
            cands = waters or cands  # "на лівому березі Дніпра": the river
        elif _after_word(text, toks, i, lang, TOWN_WORDS):
            towns = tuple(c for c in cands if self.gaz.kinds[c.row] == PlaceKind.CITY)
            cands = towns or cands  # "населеного пункту Олександрівка": a town
        return (Hit(tok.start, tok.end, tok.word, key, cands, sentence_initial(text, tok.start),
                    feature=feature), 1)

    def _attributive(self, toks: list[_Token], i: int, reads: tuple[Reading, ...],
                     cands: tuple[Candidate, ...], lang: Lang) -> bool:
        """A capitalised adjective or noun that begins a phrase with the lower-case word after
        it: "Російські окупанти", "у Східній операційній зоні", "Сили оборони". Asked only of
        names of small places (a village called Сили); countries, regions and cities of
        100,000 keep their name ("України армія" is no phrase a reporter writes)."""
        if i + 1 >= len(toks) or toks[i + 1].capitalised or toks[i + 1].start != toks[i].end + 1:
            return False
        summary = self.gaz.summary(cands)
        if summary.kinds & {"country", "region", "other"} or summary.max_population >= 100_000:
            return False
        after = morph_cyr.readings(toks[i + 1].word, lang)
        if (after[0].how != "noun" or not morph_cyr.is_known(toks[i + 1].word, lang)
                or morph_cyr.is_function_word(toks[i + 1].word, lang)):
            return False  # "Тихое и Отрадное": a list, though the analyser reads и as a noun
        noun_cases = {r.case for r in after if r.how == "noun" and r.case}
        adj_cases = {r.case for r in reads if r.how == "adjective"}
        return bool(adj_cases & noun_cases)

    def _common_word(self, text: str, toks: list[_Token], i: int, key: str,
                     cands: tuple[Candidate, ...], lang: Lang) -> bool:
        """A common word ("Сили оборони", "Силам") that is also a small village's name is
        the word unless a preposition or a town word says place ("у Кринках", "село X")."""
        summary = self.gaz.summary(cands)
        if summary.kinds & {"country", "region", "other"} or summary.max_population >= 100_000:
            return False
        if max(morph_cyr.zipf(toks[i].word, lang), morph_cyr.zipf(key, lang)) < COMMON_ZIPF:
            return False
        return not ((i and toks[i - 1].word.lower() in PLACE_PREPOSITIONS)
                    or _after_word(text, toks, i, lang, TOWN_WORDS))

    def _abbreviation(self, text: str, tok: _Token) -> tuple[Hit, int] | None:
        key = name_key(tok.word)
        cands = tuple(c for c in self.candidates(key) if c.name_kind == NameKind.ABBREVIATION)
        if not cands:
            return None  # ЗСУ, ВСУ, ОВА: an organisation's initials
        return Hit(tok.start, tok.end, tok.word, key, cands), 1

    def _noun(self, word: str, reads: tuple[Reading, ...], lang: Lang
              ) -> tuple[str, tuple[Candidate, ...], str] | None:
        """A name by one of the word's nouns (or adjectives used as names, Озерне)."""
        for r in reads:
            if r.how == "noun" and (key := name_key(r.nominative)) in self.gaz.index:
                cands = self.candidates(key)
                if lang == "ru":  # and the Ukrainian towns of its Russian name (Отрадное)
                    cands = self.ukrainian.widen([r.nominative for r in reads
                                                  if r.how == "noun"], cands)
                return key, cands, ""
        for r in reads:
            if r.how == "noun" and (towns := morph_cyr.region_nouns(r.nominative)):
                found = self._derived(towns, ("region",))
                if found:
                    return (*found, "")
        for r in reads:  # Куп'янська: read as an adjective first, a form of Куп'янськ too
            if r.how == "adjective":
                for noun in morph_cyr.adjective_nouns(r.nominative):
                    key = name_key(noun)
                    if key in self.gaz.index and morph_cyr.is_form_of(word, noun, lang):
                        return key, self.candidates(key), ""
        for r in reads if lang == "ru" else ():  # Тихое, Вильча: a Ukrainian town's Russian name
            if r.how == "noun" and (cands := self.ukrainian.of(r.nominative)):
                return name_key(r.nominative), cands, ""
        return None

    def _adjective(self, reads: tuple[Reading, ...], head: Head
                   ) -> tuple[str, tuple[Candidate, ...], str] | None:
        """The place an adjective before a generic noun is named after."""
        for r in reads:
            if r.how == "adjective":
                found = self._derived(morph_cyr.adjective_nouns(r.nominative), _UNIT_KINDS[head])
                if found:
                    return (*found, "region" if head == "unit" else "")
        return None

    def _derived(self, nouns: tuple[str, ...], kinds: tuple[str, ...]
                 ) -> tuple[str, tuple[Candidate, ...]] | None:
        """The first derived noun the gazetteer knows as a place of ``kinds`` (in that order).

        Towns come from every derived noun, for resolution to choose: "Гуляйпільський" may
        be of a Гуляйпіль or of Гуляйполе. A region asked for and only a town found is the
        oblast the town lies in (Бєлгородська область is the oblast of Belgorod, whichever
        names the gazetteer gives the oblast).
        """
        kind_of, found = self.gaz.kinds, []
        for kind in kinds:
            of_kind: dict[Candidate, str] = {}
            for noun in nouns:
                key = name_key(noun)
                if key in self.gaz.index:
                    cands = tuple(c for c in self.candidates(key) if kind_of[c.row] == kind)
                    if cands and kind != PlaceKind.CITY:
                        return key, cands
                    of_kind.update((c, key) for c in cands if c not in of_kind)
                    found.append(key)
            if of_kind:
                return next(iter(of_kind.values())), tuple(of_kind)
        if PlaceKind.REGION in kinds and found:
            towns = [c.row for c in self.candidates(found[0]) if kind_of[c.row] == PlaceKind.CITY]
            if towns:
                unit = self._admin1_row(max(towns, key=self.gaz.populations.__getitem__))
                if unit is not None:
                    return found[0], (Candidate(unit, NameKind.EXONYM),)
        return None

    def _admin1_row(self, row: int) -> int | None:
        """The admin-1 unit (oblast) a place lies in."""
        if self._units is None:
            g = self.gaz
            self._units = {(g.countries[r], g.admin1s[r]): r for r in range(len(g))
                           if g.sources[r] == "admin1"}
        return self._units.get((self.gaz.countries[row], self.gaz.admin1s[row]))


def _adjacent(text: str, a: _Token, b: _Token) -> bool:
    return b.start == a.end + 1 and text[a.end] in _JOINS


def _phrase_keys(words: list[str], lang: Lang, prefixes: frozenset[str]) -> list[str]:
    """Nominative keys a phrase may stand for: as written; its words' nominatives agreeing
    (в Новом Запорожье → новое запорожье); the first word's lemma alone (Ростова-на-Дону)."""
    keys = [name_key(" ".join(words))]
    firsts = [r.nominative for r in morph_cyr.readings(words[0], lang) if r.how == "noun"]
    firsts = [f for f in firsts if name_key(f) in prefixes]
    if not firsts:
        return keys
    lasts = [r for r in morph_cyr.readings(words[-1], lang) if r.how == "noun"]
    middle = [w.lower() for w in words[1:-1]]
    for first in firsts:
        keys.append(name_key(" ".join([first, *words[1:]])))
        for last in lasts[:4]:
            keys.append(name_key(" ".join([first, *middle, last.nominative])))
    return list(dict.fromkeys(keys))


def _head(text: str, toks: list[_Token], i: int, lang: Lang) -> Head | None:
    """The generic noun an adjective at token ``i`` qualifies, adjectives allowed between
    ("Шебекинском городском округе", "Днепропетровской и Запорожской областях")."""
    j = i + 1
    while j < len(toks) and j <= i + 4 and toks[j].start - toks[j - 1].end <= 2:
        word = toks[j].word
        reads = morph_cyr.readings(word, lang)
        if not toks[j].capitalised:
            for r in reads:
                if r.how == "noun" and r.nominative in HEADS:
                    return HEADS[r.nominative]
        if word.lower() not in _LIST_WORDS and not any(r.how == "adjective" for r in reads):
            return None
        j += 1
    return None


def _after_na(text: str, toks: list[_Token], i: int, reads: tuple[Reading, ...]) -> bool:
    """"на" before a locative: "на Запоріжжі", "на Донбасі" (a region), not "у Запоріжжі"."""
    return (i > 0 and toks[i - 1].word.lower() == "на" and _adjacent(text, toks[i - 1], toks[i])
            and any(r.case == "loct" for r in reads if r.how == "noun"))


def _after_word(text: str, toks: list[_Token], i: int, lang: Lang, nouns: frozenset[str]
                ) -> bool:
    """Whether one of ``nouns`` (lemmas) comes right before token ``i``."""
    if i == 0 or toks[i].start - toks[i - 1].end > 2:
        return False
    return any(r.nominative in nouns for r in morph_cyr.readings(toks[i - 1].word, lang)
               if r.how == "noun")


def _quoted_name(text: str, tok: _Token, lang: Lang) -> bool:
    """A quoted unit or company: after an abbreviation (ОСУВ "Дніпро", ЧВК «Вагнер»), or a
    common noun (группировка «Восток»). A quoted place stays one (пункт пропуску "Орлівка")."""
    j = tok.start - 1
    if j < 0 or text[j] not in _QUOTES:
        return False
    if morph_cyr.is_common_noun(tok.word, lang):
        return True
    before = text[max(0, j - 30):j].rstrip(" ()").split()
    return bool(before) and before[-1].strip("()").isupper() and len(before[-1].strip("()")) > 1
