"""Hits are frozen: a rule that narrows or widens one returns a new hit (geoparse.recognise)."""

from __future__ import annotations

import dataclasses

import pytest

from mapapp.gazetteer.name_kinds import NameKind
from mapapp.geoparse.recognise.english import widen_feature
from mapapp.geoparse.recognise.hits import Hit
from mapapp.geoparse.recognise.rules import _Doc


def _hit(geoparser, text: str, lang: str, surface: str) -> Hit:
    return next(h for h in geoparser.recogniser.spans(text, lang) if h.surface == surface)


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Hit)])
def test_a_hit_cannot_be_assigned_to(field):
    hit = Hit(0, 4, "Kyiv", "kyiv", ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(hit, field, getattr(hit, field))
    assert not hasattr(hit, "__dict__")  # slots kept: no attribute can be added either


def test_an_acronym_is_narrowed_to_its_abbreviations_in_a_new_hit(geoparser):
    usa = _hit(geoparser, "The USA and the UK met.", "en", "USA")
    before = dataclasses.replace(usa)
    narrowed = geoparser.recogniser._acronym(usa)
    assert narrowed is not None and narrowed is not usa
    assert narrowed.candidates and len(narrowed.candidates) < len(usa.candidates)
    assert all(c.name_kind == NameKind.ABBREVIATION for c in narrowed.candidates)
    assert usa == before  # the hit tested is unchanged
    kyiv = _hit(geoparser, "Kyiv was calm.", "en", "Kyiv")
    assert geoparser.recogniser._acronym(kyiv) is kyiv  # no acronym: the same hit


def test_a_name_after_an_article_loses_its_towns_in_a_new_hit(geoparser):
    text = "De Limburg werd bezet."
    limburg = _hit(geoparser, text, "nl", "Limburg")
    before = dataclasses.replace(limburg)
    kept = geoparser.recogniser._after_article(_Doc(text, "nl"), limburg)
    assert kept is not None and kept is not limburg
    kinds = {geoparser.gaz.kinds[c.row] for c in limburg.candidates}
    assert "city" in kinds and "city" not in {geoparser.gaz.kinds[c.row] for c in kept.candidates}
    assert limburg == before


def test_widening_over_a_feature_word_returns_a_new_hit(geoparser):
    text = "Boats sailed below Mount Peoria to Texas."
    peoria, texas = (_hit(geoparser, text, "en", name) for name in ("Peoria", "Texas"))
    wide = widen_feature(text, peoria)
    assert (wide.surface, text[wide.start:wide.end]) == ("Mount Peoria", "Mount Peoria")
    assert wide.feature and wide.sentence_initial is False
    assert (peoria.surface, peoria.start, peoria.feature) == ("Peoria", text.index("Peoria"), "")
    assert widen_feature(text, texas) is texas  # no feature word: the same hit
