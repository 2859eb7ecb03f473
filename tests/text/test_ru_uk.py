"""Russian names and the Ukrainian forms they may stand for (``mapapp.text.ru_uk``).

The pairs are the Russian and Ukrainian names of real places, written for
this test from the correspondences each rule states (none from a gold set).
"""

from __future__ import annotations

import doctest

import pytest

from mapapp.text import ru_uk
from mapapp.text.ru_uk import MAX_FORMS, ukrainian_forms


@pytest.mark.parametrize(("russian", "ukrainian"), [
    # adjectival endings: -ое → -е, -ая → -а, -ый → -ий, -ское → -ське, -цкое → -цьке
    ("вольное", "вільне"), ("нагорное", "нагірне"), ("белая", "біла"),
    ("луговой", "луговий"),
    ("богдановское", "богданівське"), ("запорожское", "запорізьке"),
    # -ье → a doubled consonant and -я, or an apostrophe after a labial
    ("яснополье", "яснопілля"), ("приволье", "привілля"), ("подгорье", "підгір'я"),
    # -овка/-евка → -івка/-ївка, -ово → -ове
    ("березовка", "березівка"), ("андреевка", "андріївка"), ("сергеевка", "сергіївка"),
    ("степановка", "степанівка"), ("курахово", "курахове"),
    # given names and prefixes
    ("новоалександровка", "новоолександрівка"), ("николаевка", "миколаївка"),
    ("екатериновка", "катеринівка"), ("угледар", "вугледар"), ("ольховка", "вільхівка"),
    # ъл → ов, a soft sign before a vowel after р, ы → и
    ("долгенькое", "довгеньке"), ("марьинка", "мар'їнка"), ("жуковцы", "жуківці"),
    # names of two words agree word by word
    ("великая новоселка", "велика новосілка"), ("новая каховка", "нова каховка"),
])
def test_a_russian_name_gives_its_ukrainian_form(russian, ukrainian):
    assert ukrainian in ukrainian_forms(russian)


def test_forms_with_fewer_changes_come_first():
    forms = ukrainian_forms("березовка")
    assert forms[0] == "березівка"  # the ending alone; вірізівка-like guesses only after it


def test_the_name_itself_is_no_form_and_forms_are_bounded():
    for name in ("лиман", "новоалексеевка", "великие копани", "красногоровка"):
        forms = ukrainian_forms(name)
        assert name not in forms
        assert len(forms) <= MAX_FORMS
        assert len(set(forms)) == len(forms)


def test_a_name_no_rule_touches_gives_nothing():
    assert ukrainian_forms("бахмут") == ()


def test_doctests():
    assert doctest.testmod(ru_uk).failed == 0
