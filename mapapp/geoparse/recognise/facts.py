"""Recognition: what a name says by itself, whatever the text around it.

A month's name, a building, an acronym the gazetteer has no abbreviation for,
a capitalised common word ("Die boodschap", "Media"): these rules of
``rules.Recogniser.find`` read a hit's surface, key and candidates and nothing
else, so they answer the same for every mention of the name, and most names of
an article come again in the next one. ``NameFacts`` works the answers out
once per name and keeps them, so that for most mentions these rules cost
``find`` one look-up.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from mapapp.gazetteer.index import Candidate, Gazetteer
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.geoparse.recognise.english import strong
from mapapp.geoparse.recognise.hits import AREA_KINDS, BIG_CITY, Hit
from mapapp.model import PlaceKind
from mapapp.plumbing.bounded import BoundedCache
from mapapp.text.wordlists import CLOSED_CLASS

# What the facts are kept by: the hit's key, its surface, and whether it opens a sentence.
FactsKey = tuple[str, str, bool]


class Facts(NamedTuple):
    """What a hit's surface, key and candidates say by themselves (``NameFacts.keep``)."""

    candidates: tuple[Candidate, ...]  # the list these facts are of (held; checked by identity)
    closed: bool  # a month, weekday, compass word or a building: never a place
    capitals: bool  # written in capitals: perhaps a dateline or heading (caps.capitals_place)
    narrowed: tuple[Candidate, ...] | None  # the candidates ``acronym`` leaves; None: no place
    common: bool  # a common word (``NameFacts.common_word`` of the narrowed hit)


def acronym(hit: Hit) -> Hit | None:
    """An acronym names only what the gazetteer has as an abbreviation ("VS", "USA"):
    the hit narrowed to those; None for an acronym the gazetteer has none for."""
    if not hit.surface.isupper():
        return hit  # a lower-case letter, or none with case: no acronym (the cheap test)
    letters = [ch for ch in hit.surface if ch.isalpha()]
    if len(letters) < 2 or not all(ch.isupper() for ch in letters) or "." in hit.surface:
        return hit
    abbrev = tuple(c for c in hit.candidates if c.name_kind == NameKind.ABBREVIATION)
    return replace(hit, candidates=abbrev) if abbrev else None


class NameFacts:
    """The facts of each name, kept per language (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        # lang → (key, surface, sentence-initial) → Facts
        self._kept: dict[str, BoundedCache[FactsKey, Facts]] = {}

    def kept(self, lang: str) -> BoundedCache[FactsKey, Facts]:
        """The facts kept for a language: read with ``.get((key, surface, initial))``, and
        take them only when their ``candidates`` are the hit's (else call ``keep``)."""
        kept = self._kept.get(lang)
        if kept is None:
            kept = self._kept[lang] = BoundedCache(500_000)
        return kept

    def keep(self, hit: Hit, lang: str) -> Facts:
        """Work out and keep what a hit says by itself, each rule as it answers for this hit."""
        narrowed = acronym(hit)
        return self.kept(lang).keep((hit.key, hit.surface, hit.sentence_initial), Facts(
            hit.candidates, hit.key in CLOSED_CLASS or self.facility(hit), hit.surface.isupper(),
            None if narrowed is None else narrowed.candidates,
            narrowed is not None and self.common_word(lang, narrowed)))

    def facility(self, hit: Hit) -> bool:
        """The White House is a building, whatever Casablanca's alternate names say."""
        return PlaceKind.FACILITY in self.gaz.summary(hit.candidates).kinds

    def common_word(self, lang: str, hit: Hit) -> bool:
        """A capitalised dictionary word: "Die boodschap", "Van …", "Drone filmt", "Media".

        How common a word may be and still name a place depends on how the
        gazetteer knows the place. Countries, regions and big cities may share
        a name with a common word (Nederland, Hoorn, Bergen); only function
        words are out ("De", "Het" in a title-cased headline). A village's own
        name must not be a common word ("Study of War", "Metro"); a name the
        gazetteer has only as an alternate must be rare (Médéa called "Media")
        unless the place is large (Antwerpen, Kiev). At the start of a
        sentence a common word is a word unless it names a country, a region
        or a city of 100,000 or more.
        """
        if " " in hit.key:
            return False
        g = self.gaz
        zipf = g.commonness(hit.key, lang)  # asked once per name: the facts are kept
        if zipf < 3.0:
            return False
        summary = g.summary(hit.candidates)
        if hit.sentence_initial:
            country = PlaceKind.COUNTRY in summary.kinds
            return (zipf >= 6.0 and not country) or (zipf >= 4.0 and not strong(g, hit))
        if summary.kinds & AREA_KINDS or summary.max_population >= BIG_CITY:
            return zipf >= 6.5
        biggest = summary.max_own_population if summary.has_own else summary.max_population
        if summary.has_own:
            # English names towns after its words (Liberal, Police, University); a town
            # needs to be big before such a word is taken for it.
            floor = 100_000 if lang == "en" else 20_000
            return zipf >= (5.5 if biggest >= floor else 4.0)
        return zipf >= (6.5 if biggest >= 200_000 else 4.5 if biggest >= 50_000 else 3.0)
