"""The verb forms the event rules are made of (events/conjugate.py).

The expected paradigms are written out by hand from Dutch, German and English
grammar; simplemma's form→lemma dictionary (Wiktionary) is an independent
check that the forms generated here that it knows belong to the lemma.
"""

from __future__ import annotations

import importlib
import re

import pytest

from mapapp.geoparse.events.conjugate import all_forms, de_forms, en_forms, nl_forms, verbs

_CONCEPTS = ("_CAPTURE", "_WITHDRAW", "_ADVANCE", "_STRIKE", "_ENTER")


def _lemmas(lang: str) -> list[str]:
    module = importlib.import_module(f"mapapp.geoparse.events.rules_{lang}")
    return [lemma for name in _CONCEPTS for lemma in getattr(module, name, ())]


@pytest.mark.parametrize(("lemma", "forms"), [
    ("veroveren", {"verover", "verovert", "veroveren", "veroverde", "veroverden", "veroverd"}),
    ("bestoken", {"bestook", "bestookt", "bestoken", "bestookte", "bestookten"}),
    ("omsingelen", {"omsingelt", "omsingelde", "omsingeld"}),
    ("naderen", {"nadert", "naderde", "genaderd"}),
    ("bevrijden", {"bevrijdt", "bevrijdde", "bevrijdden", "bevrijd"}),
    ("in|nemen/nam/namen/genomen", {"ingenomen", "innam", "innamen", "inneemt"}),
    ("terug|trekken/trok/trokken/getrokken", {"teruggetrokken", "terugtrok", "terugtrekken"}),
])
def test_dutch_paradigms(lemma, forms):
    assert forms <= nl_forms(lemma).joined


@pytest.mark.parametrize(("lemma", "forms"), [
    ("erobern", {"erobert", "eroberte", "eroberten", "erobern", "eroberter"}),
    ("räumen", {"räumt", "räumte", "räumten", "geräumt"}),
    ("umzingeln", {"umzingelt", "umzingelte", "umzingelten"}),
    ("bombardieren", {"bombardiert", "bombardierte"}),
    ("zurück|erobern", {"zurückerobert", "zurückeroberte"}),
    ("ein|nehmen/nahm/genommen/nimmt", {"eingenommen", "einnahmen", "einnimmt", "eingenommene"}),
    ("vor|rücken", {"vorgerückt", "vorrückten"}),
])
def test_german_paradigms(lemma, forms):
    assert forms <= de_forms(lemma).joined


@pytest.mark.parametrize(("lemma", "forms"), [
    ("capture", {"capture", "captures", "captured", "capturing"}),
    ("retake/retook/retaken", {"retake", "retakes", "retook", "retaken", "retaking"}),
    ("hit/hit/hit", {"hit", "hits", "hitting"}),
    ("shell", {"shells", "shelled", "shelling"}),
    ("repel/repelled", {"repels", "repelled", "repelling"}),
    ("encircle", {"encircles", "encircled", "encircling"}),
])
def test_english_paradigms(lemma, forms):
    assert forms <= en_forms(lemma).joined


@pytest.mark.parametrize(("lang", "lemma", "split", "particle"), [
    ("nl", "terug|trekken/trok/trokken/getrokken", {"trekt", "trekken", "trok", "trokken"},
     "terug"),
    ("de", "zurück|ziehen/zog/gezogen", {"zieht", "ziehen", "zog", "zogen"}, "zurück"),
    ("de", "ein|nehmen/nahm/genommen/nimmt", {"nimmt", "nehmen", "nahm", "nahmen"}, "ein"),
    ("en", "pull|out", {"pull", "pulls", "pulled", "pulling"}, "out"),
])
def test_separable_verbs_split_with_their_particle(lang, lemma, split, particle):
    forms = {"nl": nl_forms, "de": de_forms, "en": en_forms}[lang](lemma)
    assert forms.particle == particle
    assert split <= forms.split


@pytest.mark.parametrize(("lang", "lemma", "text", "hit"), [
    ("nl", "terug|trekken/trok/trokken/getrokken", "De troepen trekken zich terug.", True),
    ("nl", "terug|trekken/trok/trokken/getrokken", "dat zij zich terugtrokken", True),
    ("de", "zurück|ziehen/zog/gezogen", "Die Truppen zogen sich aus der Stadt zurück.", True),
    ("de", "ein|nehmen/nahm/genommen/nimmt", "Sie nahmen den Ort am Montag ein.", True),
    ("de", "ein|nehmen/nahm/genommen/nimmt", "Sie nahmen am Treffen teil.", False),
    ("en", "push|towards", "Units pushed further east towards the river.", True),
])
def test_the_pattern_finds_split_and_joined_forms(lang, lemma, text, hit):
    pattern = re.compile(rf"(?<![\w-])(?:{verbs(lang, lemma)})(?![\w])", re.IGNORECASE)
    assert (pattern.search(text) is not None) == hit


@pytest.mark.parametrize("lang", ["nl", "de", "en"])
def test_every_form_opens_the_cheap_gate(lang):
    """The rules' stems must hold every generated form, or the gate hides the trigger."""
    module = importlib.import_module(f"mapapp.geoparse.events.rules_{lang}")
    missing = {form for lemma in _lemmas(lang) for form in all_forms(lang, lemma)
               if not any(stem in form.lower() for stem in module.STEMS)}
    assert missing == set()


@pytest.mark.parametrize("lang", ["nl", "de", "en"])
def test_forms_a_dictionary_knows_belong_to_the_lemma(lang):
    """simplemma (Wiktionary) as an independent check: a generated form it lists must be
    listed under the lemma (or, for a separable verb, under its base verb or the whole)."""
    pytest.importorskip("simplemma")
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    dictionary = DefaultDictionaryFactory().get_dictionary(lang)
    wrong = []
    for lemma in _lemmas(lang):
        head = lemma.split("/")[0]
        prefix, _, verb = head.rpartition("|")
        allowed = {verb, prefix + verb, prefix + "_" + verb, prefix} - {"", "_" + verb}
        for form in all_forms(lang, lemma):
            known = dictionary.get(form)
            if known is None:
                continue
            known = known.decode() if isinstance(known, bytes) else known
            # a participle listed as its own adjective lemma ("geräumt", "bezette") is fine
            if known not in allowed and not form.startswith(known):
                wrong.append((form, known, head))
    # homographs only ("vocht" is also moisture; "beschoss" is spelt "beschiessen" there)
    assert len(wrong) <= 2, wrong
