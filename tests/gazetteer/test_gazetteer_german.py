"""The German lexicon test that tells common nouns from names (gazetteer_german)."""

from __future__ import annotations

import pytest

from mapapp.gazetteer import german as gg


@pytest.mark.parametrize("word", ["Ende", "Halle", "Lage", "Mitte", "Hof", "Essen", "Wetter"])
def test_common_german_words(word):
    assert gg.is_common_word(word)


@pytest.mark.parametrize("word", ["Berlin", "Kiew", "Hamburg", "Charkiw", "Moskau", "Kassel"])
def test_names_are_no_common_words(word):
    assert not gg.is_common_word(word)


def test_the_index_keeps_the_answer(gazetteer):
    nouns = gazetteer.common[gg.NOUN_TABLE]
    assert {"ende", "halle", "essen"} <= nouns.keys()
    assert not {"berlin", "kiew", "bachmut"} & nouns.keys()
