"""How German (and English, Dutch) war news names places: one rule a test (issue 17).

Each sentence is written by hand for the rule it holds, not taken from the
development articles (``tests/data/war_news_articles_dev.jsonl``); expected
places are GeoNames ids of cities500 and ``geodata/regions.csv`` ids.
"""

from __future__ import annotations

import pytest

KYIV, MOSCOW = "703448", "524901"
KHERSON, KHERSON_OBLAST = "706448", "706442"
ODESA = "698740"
DONETSK = "709717"
LUHANSK, LUHANSK_OBLAST = "702658", "702657"
ESSEN, HALLE = "2928810", "2911522"


def _found(geoparser, text: str, lang: str = "de") -> list[tuple[str, str]]:
    return [(t["name"], t["place_id"]) for t in geoparser.toponyms(text, lang)]


def _names(geoparser, text: str, lang: str = "de") -> list[str]:
    return [name for name, _ in _found(geoparser, text, lang)]


def test_a_german_noun_before_a_town_is_no_first_name(geoparser):
    # German capitalises nouns: "Kleinstadt", "Richtung" before a small town are no given names
    text = ("Die Kämpfe um die Kleinstadt Torezk dauern an. Die Armee stößt in Richtung "
            "Otscheretyne vor, der Feind rückt Richtung Kurachowe.")
    assert _names(geoparser, text) == ["Torezk", "Otscheretyne", "Kurachowe"]


def test_a_german_title_makes_a_person(gazetteer):
    from mapapp.geoparse.recognise.rules import Recogniser

    text = "Das sagte Präsidentin Lyman am Abend."
    rec = Recogniser(gazetteer)
    hit = next(h for h in rec.spans(text, "de") if h.surface == "Lyman")
    assert rec.role(text, "de", hit) == "person"
    text = "Sie kämpfen um die Kleinstadt Lyman."  # an article before the noun: no title
    hit = next(h for h in rec.spans(text, "de") if h.surface == "Lyman")
    assert rec.role(text, "de", hit) == ""


def test_german_genitive_spans_keep_their_ending(geoparser):
    text = "Kiews Truppen halten die Stellung, Moskaus Angriffe gehen weiter."
    found = geoparser.toponyms(text, "de")
    assert [(t["name"], t["place_id"]) for t in found] == [("Kiews", KYIV), ("Moskaus", MOSCOW)]
    assert all(text[t["start"]:t["end"]] == t["name"] for t in found)


def test_the_kremlin_needs_no_preposition_in_german(geoparser):
    found = geoparser.toponyms("Im Kreml hieß es, der Kreml prüfe das Angebot.", "de")
    assert [t["name"] for t in found] == ["Kreml", "Kreml"]
    assert {t["type"] for t in found} == {"other"}


def test_coordinated_german_towns_share_the_preposition(geoparser):
    assert _found(geoparser, "Kundgebungen gab es in Halle und Essen.") == [
        ("Halle", HALLE), ("Essen", ESSEN)]
    # no preposition: the nouns stay nouns
    assert _names(geoparser, "Die Halle und Essen für alle standen bereit.") == []


def test_a_german_plural_is_no_town(geoparser):
    assert _names(geoparser, "Viele Länder liefern inzwischen Munition.") == []


def test_german_adjective_names_are_found_inflected(geoparser):
    text = ("Drohnen griffen Schiffe im Schwarzen Meer an. Auch im Asowschen Meer wurde "
            "gekämpft. Hilfe aus den Vereinigten Staaten bleibt aus.")
    found = geoparser.toponyms(text, "de")
    assert [(t["name"], t["type"]) for t in found] == [
        ("Schwarzen Meer", "other"), ("Asowschen Meer", "other"),
        ("Vereinigten Staaten", "country")]


@pytest.mark.parametrize(("text", "lang", "name", "expected"), [
    # an article and an adjective before a bare name: the town, even after "Gebiet X"
    ("Im Gebiet Cherson wird gekämpft. Im umkämpften Cherson fiel der Strom aus.", "de",
     "Cherson", KHERSON),
    # coming from a city named like its oblast (bare "Odessa" was the oblast)
    ("Aus Odessa meldeten die Behörden neue Angriffe.", "de", "Odessa", ODESA),
    # a direction from it, across an adjective, even after the oblast was named
    ("In the Luhansk region, explosions were heard north of occupied Luhansk.", "en",
     "Luhansk", LUHANSK),
    ("In de provincie Donetsk klonken explosies ten noorden van het bezette Donetsk.", "nl",
     "Donetsk", DONETSK),
])
def test_city_cues_read_across_adjectives(geoparser, text, lang, name, expected):
    found = [pid for n, pid in _found(geoparser, text, lang) if n == name]
    assert found[-1] == expected


def test_a_region_cue_still_makes_the_oblast(geoparser):
    # the adjective rule must not turn a cued oblast into its city
    found = _found(geoparser, "Im umkämpften Gebiet Cherson fiel der Strom aus.")
    assert found == [("Cherson", KHERSON_OBLAST)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Granaten troffen het centrum van Loehansk.", LUHANSK),  # the city centre
    # a qualified "centre of" is a hub of the region, no town cue
    ("Russische troepen verdedigen het logistieke centrum van Loehansk.", LUHANSK_OBLAST),
])
def test_only_a_plain_centre_of_makes_the_town(geoparser, text, expected):
    assert _found(geoparser, text, "nl") == [("Loehansk", expected)]
