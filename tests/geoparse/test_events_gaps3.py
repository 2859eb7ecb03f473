"""Event reading gaps named in issue 18 after the third held-out set, each a general form of
how war is reported, on sentences written by hand for these tests (not the held-out ones).
Before the fix each read None or the wrong kind/claim, as the comments say."""

from __future__ import annotations

import pytest

from tests.geoparse.test_events_gaps import _read

H_UA, H_RU = ("held", "UA", False, None), ("held", "RU", False, None)
S = ("strike", None, False, None)


@pytest.mark.parametrize(("lang", "marked", "expected"), [
    # before: None (the relative clause cut the toponym off from its verb)
    ("en", "[Kupiansk], which lies on the Oskil river, remains under Ukrainian control.", [H_UA]),
    # before: None (nine words between "hebben" and "in handen")
    ("nl", "Oekraïne heeft volgens de gouverneur van de regio de stad [Kupiansk] nog steeds in "
     "handen.", [H_UA]),
    # before: None (an annexed peninsula: the participle did not reach past "Halbinsel")
    ("de", "Auf der annektierten Halbinsel [Krim] gab es Proteste.", [H_RU]),
    ("de", "Die von Moskau annektierte Halbinsel [Krim] liegt im Süden.", [H_RU]),
])
def test_held(lang, marked, expected):
    assert _read(marked, lang) == expected


@pytest.mark.parametrize(("lang", "marked", "expected"), [
    # before: claim True ("military" in the speaker's title made it a party)
    ("en", "Ukrainian troops completed their withdrawal from [Lyman], the head of the Donetsk "
     "regional military administration said.", [("control", "RU", False, None)]),
    # before: claim True ("say" negated is no report)
    ("en", "Kyiv did not say how many soldiers were wounded in the fighting for [Kupiansk].",
     [("fighting", None, False, None)]),
    # before: claim True (the hedge is in the other half of the sentence, after ";")
    ("nl", "Bij [Kreminna] wordt hevig gevochten; Russische troepen namen volgens eigen zeggen "
     "het dorp [Torske] in.", [("fighting", None, False, None), ("control", "RU", True, None)]),
])
def test_claims(lang, marked, expected):
    assert _read(marked, lang) == expected


@pytest.mark.parametrize(("lang", "marked", "expected"), [
    # before: None ("Drohnen" was read as "drohen", a threat)
    ("de", "Die Stadt [Sumy] wurde in der Nacht von Drohnen angegriffen.", [S]),
    # before: None (the weapon as a passive's agent)
    ("de", "Die Stadt [Odessa] wurde am Morgen von schweren Explosionen erschüttert.", [S]),
    ("en", "[Odesa] was rocked by explosions overnight.", [S]),
    ("en", "[Izmail] was hit by Russian drones overnight.", [("strike", "RU", False, None)]),
    ("nl", "De havenstad [Izmail] werd vannacht door drones getroffen.", [S]),
])
def test_passive_strikes(lang, marked, expected):
    assert _read(marked, lang) == expected


C = ("control", None, True, None)


@pytest.mark.parametrize(("lang", "marked", "expected"), [
    # before: None (the region was taken for a locator of "the … villages")
    ("en", "The army reported the recapture of several villages in the [Kharkiv|region] region.",
     [C]),
    ("nl", "Het leger meldde de herovering van meerdere dorpen in de provincie [Charkiv|region].",
     [C]),
    # before: None, None (genitive "des Gebiets"; a listed village after "darunter")
    ("de", "Die Armee meldete die Einnahme mehrerer Ortschaften im Süden des Gebiets "
     "[Saporischschja|region], darunter [Robotyne].", [C, C]),
    # before: None (more than six words between "namen" and "in")
    ("nl", "Russische eenheden namen volgens het ministerie van Defensie in Moskou binnen slechts "
     "enkele dagen zes dorpen in, waaronder [Krynky].", [("control", "RU", True, None)]),
    # before: control for both (the flag is raised over the second town only)
    ("en", "Ukrainian troops entered [Kozacha Lopan] and raised the flag over [Vovchansk] on "
     "Friday.", [("fighting", "UA", False, None), ("control", "UA", False, None)]),
    # before: None; the side is who pushed, not the object inside the split verb
    ("en", "Ukrainian troops pushed Russian forces back from [Robotyne].",
     [("fighting", "UA", False, None)]),
    ("en", "Ukrainian forces pushed back Russian troops near [Robotyne].",
     [("fighting", "UA", False, None)]),
])
def test_control_and_push_back(lang, marked, expected):
    assert _read(marked, lang) == expected
