"""Each war verb in each of its forms, negated and conditional (issue 18: rules that generalise).

Sentences written by hand for these tests, in the way the three languages report the war:
the headline present, the narrative past, the perfect, the subordinate clause (where Dutch
and German join a separable verb) and the main clause (where they split it). None is a
gold file's sentence. Toponyms are marked ``[Name]`` as in test_events_gaps.py.
"""

from __future__ import annotations

import pytest

from tests.geoparse.test_events_gaps import _read

C_RU, C_UA = ("control", "RU", False, None), ("control", "UA", False, None)
F_RU, F_UA, F_ = ("fighting", "RU", False, None), ("fighting", "UA", False, None), (
    "fighting", None, False, None)
S_RU, S_ = ("strike", "RU", False, None), ("strike", None, False, None)
H_RU, H_UA = ("held", "RU", False, None), ("held", "UA", False, None)


@pytest.mark.parametrize(("lang", "marked", "expected"), [
    # capture, every tense
    ("en", "Russia captures [Avdiivka] after months of assaults", C_RU),
    ("en", "Russian troops seize [Marinka]", C_RU),
    ("en", "Russian forces have overrun [Pervomaiske].", C_RU),
    ("nl", "Rusland verovert [Avdiivka]", C_RU),
    ("nl", "Russische eenheden namen het dorp [Pervomajske] dinsdag in.", C_RU),
    ("nl", "Nadat Russische troepen [Marinka] innamen, vluchtten de laatste bewoners.", C_RU),
    ("de", "Russland erobert [Awdijiwka]", C_RU),
    ("de", "Russische Einheiten nehmen [Marjinka] ein", C_RU),
    ("de", "Nachdem russische Truppen [Perwomajske] einnahmen, flohen die Bewohner.", C_RU),
    # retake, liberate
    ("en", "Ukrainian forces retake [Robotyne]", C_UA),
    ("en", "Ukraine regains control of [Klishchiivka]", C_UA),
    ("nl", "Oekraïne herovert [Robotyne]", C_UA),
    ("nl", "Oekraïense troepen heroverden [Klisjtsjijivka].", C_UA),
    ("de", "Ukrainische Truppen eroberten [Robotyne] zurück.", C_UA),
    ("de", "Die Ukraine befreit [Klischtschijiwka]", C_UA),
    # withdraw: the place goes to the other side
    ("en", "Russian troops pull out of [Kherson]", C_UA),
    ("en", "Ukrainian units fell back from [Stepove] overnight.", C_RU),
    ("nl", "Russische troepen trekken zich terug uit [Cherson]", C_UA),
    ("nl", "Het leger meldt dat de Oekraïners zich uit [Stepove] terugtrokken.", C_RU),
    ("de", "Russische Truppen zogen sich aus [Cherson] zurück.", C_UA),
    ("de", "Die ukrainischen Einheiten haben [Stepowe] geräumt.", C_RU),
])
def test_control_in_every_form(lang, marked, expected):
    assert _read(marked, lang) == [expected]


@pytest.mark.parametrize(("lang", "marked", "expected"), [
    ("en", "Russian forces continued to advance on [Kurakhove].", F_RU),
    ("en", "Russian units are closing in on [Kurakhove].", F_RU),
    ("en", "Ukrainian brigades pressed deeper into the [Belgorod] region.", F_UA),
    ("en", "Russian troops have encircled [Vuhledar].", F_RU),
    ("en", "Russian troops stormed [Krasnohorivka] at dawn.", F_RU),
    ("nl", "Russische troepen rukken op naar [Koerachove].", F_RU),
    ("nl", "De Russen naderen [Koerachove].", F_RU),
    ("nl", "Russische troepen bestormden [Krasnohorivka].", F_RU),
    ("de", "Russische Truppen rückten weiter auf [Kurachowe] vor.", F_RU),
    ("de", "Russische Einheiten stießen bis an den Stadtrand von [Kurachowe] vor.", F_RU),
    ("de", "Russische Truppen kesselten [Wuhledar] ein.", F_RU),
    # strike
    ("en", "Russia bombards [Kharkiv] overnight", S_RU),
    ("nl", "[Charkiv] ligt opnieuw onder zwaar Russisch artilleriervuur.", S_RU),
    ("nl", "Russische troepen bestoken [Charkiv] met raketten.", S_RU),
    ("de", "[Charkiw] liegt unter schwerem russischem Artilleriefeuer.", S_RU),
    ("de", "Russische Truppen beschießen [Charkiw].", S_RU),
    # held
    ("nl", "Rusland houdt [Melitopol] al sinds 2022 bezet.", H_RU),
    ("nl", "[Melitopol] wordt sinds 2022 door Rusland bezet gehouden.", H_RU),
])
def test_fighting_strike_and_held_in_every_form(lang, marked, expected):
    assert _read(marked, lang) == [expected]


@pytest.mark.parametrize(("lang", "marked"), [
    ("en", "Russian forces did not capture [Avdiivka]."),
    ("en", "If Russia captures [Avdiivka], the road to Pokrovsk is open."),
    ("en", "Russia wants to retake [Robotyne] before winter."),
    ("nl", "Rusland heeft [Avdiivka] niet veroverd."),
    ("nl", "Als Rusland [Avdiivka] verovert, ligt de weg open."),
    ("nl", "De Russen trekken zich niet terug uit [Cherson]."),
    ("de", "Russland hat [Awdijiwka] nicht erobert."),
    ("de", "Wenn Russland [Awdijiwka] einnimmt, ist der Weg frei."),
    ("de", "Die Russen ziehen sich nicht aus [Cherson] zurück."),
])
def test_negated_and_conditional_forms_are_no_event(lang, marked):
    assert _read(marked, lang) == [None]


@pytest.mark.parametrize(("lang", "marked", "expected"), [
    # entering is fighting; after the other side left it is a change of hands
    ("nl", "Oekraïense troepen trokken [Cherson] binnen.", [F_UA]),
    ("nl", "Oekraïense troepen trokken [Cherson] binnen na de Russische terugtrekking.", [C_UA]),
    ("de", "Ukrainische Soldaten rückten in [Cherson] ein.", [F_UA]),
    ("en", "Ukrainian troops entered [Kherson] after Russian forces withdrew.", [C_UA]),
    # a withdrawal across a river does not leave the river
    ("nl", "Russische troepen trokken zich terug achter de [Dnipro|other].", [None]),
    ("en", "Russian troops withdrew across the [Dnipro|other] river.", [None]),
    # the place a withdrawal noun leaves
    ("nl", "Na de terugtrekking van het Russische leger uit [Irpin] keerden bewoners terug.",
     [C_UA]),
    # a list after "including" goes on in the clause before
    ("en", "Ukrainian forces liberated three villages, including [Urozhaine].", [C_UA]),
    ("nl", "Het leger heeft drie dorpen bevrijd, onder meer [Oerozjaine].", [C_UA]),
    ("de", "Die Armee hat drei Dörfer befreit, darunter [Uroschajne].", [C_UA]),
    # an apposition describing the towns before it
    ("en", "[Kramatorsk] and [Sloviansk], the last big cities still in Ukrainian hands.",
     [H_UA, H_UA]),
])
def test_constructions(lang, marked, expected):
    assert _read(marked, lang) == expected


@pytest.mark.parametrize(("lang", "marked", "expected"), [
    # a country names no place of its own where a region of it carries the event
    ("en", "Drones hit a refinery in [Russia|country]'s [Rostov|region] region.",
     [None, S_]),
    ("de", "Drohnen trafen eine Raffinerie im [Russland|country]-nahen Gebiet [Rostow|region].",
     [None, S_]),
    # a river bank only locates the village on it
    ("en", "Russian troops captured [Dachi] on the left bank of the [Dnipro|other].",
     [C_RU, None]),
    ("nl", "Russische troepen veroverden [Dachy] op de linker oever van de [Dnipro|other].",
     [C_RU, None]),
    # an announced or planned withdrawal has not happened
    ("de", "Die Besatzungsverwaltung kündigte an, die Stadt [Oleschky] zu räumen.", [None]),
    ("en", "The occupation authorities said they would withdraw from [Oleshky].", [None]),
    ("nl", "Het leger was van plan zich uit [Olesjky] terug te trekken.", [None]),
    # the attacker of a repelled attack, not the inverted German subject
    ("de", "Bei [Huljajpole] wehrten ukrainische Soldaten einen russischen Angriff ab.", [F_RU]),
])
def test_countries_banks_plans_and_attackers(lang, marked, expected):
    assert _read(marked, lang) == expected
