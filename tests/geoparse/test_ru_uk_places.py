"""Russian names of Ukrainian villages that GeoNames holds in Ukrainian only.

Sentences written for this test (no gold set's words), read with the
gazetteer as a user who accepted the villages offer has it (``ua_gazetteer``).
The expected place is not written down: it is checked against the gazetteer
(a town in Ukraine, in the oblast the sentence names, bearing the Ukrainian
form and not the Russian name as written, so the rule and not a Russian
alternate name found it).
"""

from __future__ import annotations

import pytest

from mapapp.text.name_keys import name_key

RUSSIAN = "Российские войска заявили о взятии Нагорного и Вольного в Запорожской области."


@pytest.fixture(scope="module")
def ua_parser(ua_gazetteer):
    from mapapp.geoparse.pipeline import Geoparser

    return Geoparser(ua_gazetteer)


def _rows_named(gaz, name: str) -> set[int]:
    return {c.row for c in gaz.candidates(name_key(name))}


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("surface", "russian", "ukrainian"), [
    ("Нагорного", "Нагорное", "Нагірне"),
    ("Вольного", "Вольное", "Вільне"),
])
def test_a_russian_name_finds_the_ukrainian_village(ua_gazetteer, ua_parser, surface, russian,
                                                    ukrainian):
    found = {t["name"]: t for t in ua_parser.toponyms(RUSSIAN, "ru")}
    oblast = ua_gazetteer.place(found["Запорожской"]["place_id"])
    village = ua_gazetteer.place(found[surface]["place_id"])
    row = ua_gazetteer.row(village.id)
    assert (village.country, village.admin1) == ("UA", oblast.admin1)
    assert row in _rows_named(ua_gazetteer, ukrainian)
    assert row not in _rows_named(ua_gazetteer, russian)  # found by the rule, not by an alias


@pytest.mark.shared
@pytest.mark.slow
def test_a_big_citys_russian_name_stays_that_city(ua_gazetteer, ua_parser):
    """Белгород is Belgorod, though Білгород (a Ukrainian form of it) names places in
    Ukraine too: a city of 100,000 is called so in Russian as written."""
    found = ua_parser.toponyms("Вечером ВСУ обстреляли Белгород.", "ru")
    assert [(t["name"], ua_gazetteer.place(t["place_id"]).country) for t in found] == [
        ("Белгород", "RU")]


def test_a_list_of_names_is_no_adjective_and_its_noun(geoparser):
    """"Вольное и Нагорное": the analyser reads и as a noun too, and a capitalised
    adjective before a noun is an ordinary phrase ("Российские войска")."""
    from mapapp.geoparse.recognise.cyrillic import CyrillicRecogniser

    rec = CyrillicRecogniser(geoparser.gaz, geoparser.gaz.candidates)
    text = "Российские войска заявили, что заняли Вольное и Нагорное."
    assert [h.surface for h in rec.spans(text, "ru")] == ["Вольное", "Нагорное"]
