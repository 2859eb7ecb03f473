"""Claims by EVENTS.md: a party's own report of its gain or a hedge, not an admission.

A claim needs the event attributed to one party and hedged, or told by the party that
gains by it. A side's report of its own loss ("Kyiv confirmed the loss of X", "the army
said its troops had withdrawn"), a side's report of the other side's action, officials
of the place hit, and what the article accepts ("bevestigt", "confirmed") are no claim.
Sentences written by hand for these tests.
"""

from __future__ import annotations

import pytest

from tests.geoparse.test_events_gaps import _read


def _claim(marked: str, lang: str) -> bool | None:
    (event,) = _read(marked, lang)
    assert event is not None, marked
    return event[2]


@pytest.mark.parametrize(("lang", "marked"), [
    # a party's own gain, told by that party
    ("en", "Russia's defence ministry said its troops had captured [Krasnohorivka]."),
    ("nl", "Volgens het Russische ministerie van Defensie hebben Russische troepen"
     " [Krasnohorivka] ingenomen."),
    ("de", "Das russische Verteidigungsministerium hat die Einnahme von [Krasnohoriwka] gemeldet."),
    # hedges, whoever speaks
    ("en", "Wagner claims to have taken [Klishchiivka], which could not be independently"
     " verified."),
    ("nl", "De Russen zouden [Klisjtsjijivka] hebben veroverd."),
    ("de", "Russische Truppen sollen [Klischtschijiwka] erobert haben."),
    # a defender's report of attacks it repelled is its own success
    ("en", "The Ukrainian general staff said its forces had repelled Russian attacks near"
     " [Toretsk]."),
    ("de", "Die ukrainische Armee teilte mit, russische Angriffe auf [Torezk] seien abgewehrt"
     " worden."),
])
def test_claims(lang, marked):
    assert _claim(marked, lang) is True


@pytest.mark.parametrize(("lang", "marked"), [
    # a side's admission of its own loss
    ("en", "Ukraine's army said its troops had withdrawn from [Vuhledar]."),
    ("en", "Kyiv confirmed the loss of [Vuhledar] on Wednesday."),
    ("nl", "Het Oekraïense leger zei dat zijn troepen zich uit [Voehledar] hadden teruggetrokken."),
    ("de", "Die ukrainische Armee erklärte, ihre Truppen hätten sich aus [Wuhledar]"
     " zurückgezogen."),
    # one side reporting the other side's attack
    ("de", "Russische Truppen haben laut dem ukrainischen Generalstab ihre Angriffe auf [Torezk]"
     " verstärkt."),
    ("en", "Russian troops intensified their assaults on [Toretsk], Ukraine's general staff said."),
    # what the article accepts
    ("nl", "Het Russische leger bevestigt dat [Robotyne] is heroverd door Oekraïne."),
    # officials of the place hit
    ("en", "Russian missiles hit [Dnipro] overnight, the regional governor said."),
])
def test_no_claims(lang, marked):
    assert _claim(marked, lang) is False


@pytest.mark.parametrize(("lang", "marked", "side"), [
    # the speaker after "according to" is not the actor
    ("nl", "Bij [Orichiv] wordt volgens Russische bloggers hevig gevochten.", None),
    ("en", "Heavy fighting is under way near [Orikhiv], according to Russian military bloggers.",
     None),
    # "Russian lines" name no actor; the subject does
    ("en", "Ukrainian forces broke through Russian lines and recaptured [Robotyne].", "UA"),
])
def test_speakers_and_objects_are_no_side(lang, marked, side):
    (event,) = _read(marked, lang)
    assert event is not None and event[1] == side


@pytest.mark.parametrize(("lang", "marked", "claim", "side"), [
    # the headline's other half after a colon is not the attribution of the first
    ("de", "Heftige Kämpfe um [Wowtschansk]: Kiew meldet neue Verluste", False, None),
    # a side word that is the subject of "report" speaks; it does not attack
    ("en", "Russian war bloggers report heavy fighting near [Chasiv Yar].", True, None),
    ("nl", "Russische militaire bloggers melden zware gevechten bij [Tsjasiv Jar].", True, None),
])
def test_speakers_in_headlines_and_subjects(lang, marked, claim, side):
    (event,) = _read(marked, lang)
    assert event is not None and (event[2], event[1]) == (claim, side)
