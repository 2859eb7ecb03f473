"""Streets the gazetteer lacks: found by their generic word, placed at their town."""

from __future__ import annotations

from mapapp.geoparse.local_features import find_local_names


def spans(text: str) -> list[str]:
    return [text[n.start:n.end] for n in find_local_names(text)]


def test_street_names_by_their_generic_word():
    text = "The fire on Rest Acres Road spread to The Hertford Road and Main Street."
    assert spans(text) == ["Rest Acres Road", "Hertford Road", "Main Street"]


def test_a_name_that_goes_on_after_the_street_word_is_no_street():
    text = "The National Highway Traffic Safety Administration met on Main Street."
    assert spans(text) == ["Main Street"]


def test_function_words_alone_are_no_street():
    assert spans("He took The Road home, then On The Highway north.") == []
    assert spans("Drive carefully on the road.") == []


def test_a_street_is_placed_at_the_town_named_before_it(geoparser):
    tops = geoparser.toponyms("Police in Danbury, Connecticut closed Hutcheson Road on "
                              "Monday after a crash.", "en")
    street = next(t for t in tops if t["name"] == "Hutcheson Road")
    danbury = next(t for t in tops if t["name"] == "Danbury")
    assert (street["lat"], street["lon"]) == (danbury["lat"], danbury["lon"])
    assert street["type"] == "other" and street["confidence"] < 0.5
    assert "Danbury" in street["evidence"][0]


def test_a_town_inside_a_street_name_gives_way(geoparser):
    tops = geoparser.toponyms("Children planted flowers in Enfield, close to Hertford Road.",
                              "en")
    assert [t["name"] for t in tops] == ["Enfield", "Hertford Road"]


def test_no_street_without_a_town_to_place_it_and_none_in_dutch(geoparser):
    assert geoparser.toponyms("Traffic on Hutcheson Road was slow.", "en") == []
    assert [t["name"] for t in geoparser.toponyms(
        "In Bachmoet ligt de Hutcheson Road in puin.", "nl")] == ["Bachmoet"]
