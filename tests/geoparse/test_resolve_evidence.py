"""The resolver's evidence is passed, not stashed; its explanations say what its scores added.

Sentences written here, each chosen for one kind of evidence (cue word, "X, Y",
telephone number, main country, nearness, the state of the sure places).
"""

from __future__ import annotations

import dataclasses

import pytest

from mapapp.geoparse.phones import phone_areas
from mapapp.geoparse.resolve.resolver import Resolution, Resolver

ARTICLES = [
    ("Moskou annexeerde de regio's Donetsk en Loehansk.", "nl"),
    ("Na Lyman willen de Oekraïners Kreminna en Svatove heroveren.", "nl"),
    ("De ministers vergaderden in Marsta, even buiten de Zweedse hoofdstad Stockholm. "
     "Zweden wil snel bij de Navo.", "nl"),
    ("Beau Dunn of London, Arkansas, was killed near Russellville.", "en"),
    ("Survivors include Sandra Cox, all of Hugo, Oklahoma.", "en"),
    ("Anyone with information is asked to call London police at 519-661-5670.", "en"),
    ("Equipment was stolen at six Iowa locations, including Allamakee County, "
     "Dallas County and Plymouth County.", "en"),
]


def _resolve(geoparser, resolver: Resolver, text: str, lang: str) -> list[Resolution]:
    hits = geoparser.recogniser.find(text, lang)
    return resolver.resolve(text, hits, phones=phone_areas(geoparser.gaz, text))


class _Watched(Resolver):
    """A resolver that fails the test when anything is assigned to it after it is made."""

    def __setattr__(self, name: str, value: object) -> None:
        if getattr(self, "_made", False):
            raise AssertionError(f"resolve set {name} on the resolver")
        object.__setattr__(self, name, value)


def test_resolve_sets_no_attribute_on_the_resolver(geoparser):
    resolver = _Watched(geoparser.gaz)
    resolver._made = True  # type: ignore[attr-defined]
    attributes = dict(vars(resolver))
    for text, lang in ARTICLES:
        assert _resolve(geoparser, resolver, text, lang)
    assert vars(resolver) == attributes  # the same objects: caches of the gazetteer's only


@pytest.mark.parametrize("first", range(len(ARTICLES)))
def test_an_article_resolves_the_same_after_another(geoparser, first):
    """Each article after every other gives what it gives alone, to the words of its evidence."""
    alone = {text: _resolve(geoparser, Resolver(geoparser.gaz), text, lang)
             for text, lang in ARTICLES}
    resolver = Resolver(geoparser.gaz)
    _resolve(geoparser, resolver, *ARTICLES[first])
    for text, lang in ARTICLES:
        assert _resolve(geoparser, resolver, text, lang) == alone[text], text


def test_evidence_is_frozen(geoparser):
    text, lang = ARTICLES[3]
    evidence = geoparser.resolver.evidence(text, geoparser.recogniser.find(text, lang))
    with pytest.raises(dataclasses.FrozenInstanceError):
        evidence.focus_top = "XX"  # type: ignore[misc]


# What each kind of explanation says, and the term of the score it stands for.
_CLAIMS = {
    "cue": ("next to the name points to", lambda p: any(term > 0 for term in p.cues)),
    "container": ("names the state, province or country it is in", lambda p: p.container > 0),
    "named": ("comes right after a town in it", lambda p: p.named > 0),
    "phone": ("telephone number", lambda p: p.phone > 0),
    "main": ("the country the article is mostly about", lambda p: p.main > 0),
    "near": ("km from", lambda p: p.near > 0),
}


def test_the_explanation_agrees_with_the_score(geoparser):
    """Every claim of an explanation is a term the winner's score added, and (but for
    nearness, told only within 300 km) every such term is told; the winner has the top
    score, and the confidence is its share of the softmax."""
    resolver, gaz, seen = geoparser.resolver, geoparser.gaz, set()
    for text, lang in ARTICLES:
        hits = geoparser.recogniser.find(text, lang)
        evidence = resolver.evidence(text, hits, phones=phone_areas(gaz, text))
        for hit, cue in zip(hits, evidence.cues, strict=True):
            weighing = resolver._weigh([hit], [cue], evidence)
            words = " | ".join(resolver._explain([hit], weighing, evidence))
            assert resolver._score([hit], [cue], evidence) == (
                weighing.row, weighing.confidence)
            if not weighing.parts:  # one place: nothing was weighed
                assert len(hit.candidates) == 1 and "the only place called" in words
                continue
            parts = weighing.parts[weighing.best]
            totals = [p.total() for p in weighing.parts]
            assert parts.total() == max(totals)
            assert weighing.row == hit.candidates[weighing.shortlist[weighing.best]].row
            assert weighing.confidence == pytest.approx(
                1 / sum(2.718281828459045 ** (t - max(totals)) for t in totals), abs=1e-3)
            assert f"{len(weighing.shortlist)} places called" in words or (
                f"chosen over {len(weighing.shortlist) - 1} other" in words)
            for kind, (claim, added) in _CLAIMS.items():
                said = claim in words
                if kind == "near":
                    assert said <= added(parts), (text, hit.surface, words, parts)
                else:
                    assert said == added(parts), (text, hit.surface, kind, words, parts)
                if said:
                    seen.add(kind)
    assert seen == set(_CLAIMS)  # every kind of claim was made, and checked, at least once
