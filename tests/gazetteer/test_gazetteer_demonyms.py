"""Demonyms from the countryinfo package, and what the gazetteer makes of them."""

from __future__ import annotations

import json

from mapapp.gazetteer import demonyms as gazetteer_demonyms


def test_forms_plurals_and_shared_demonyms_from_the_package():
    demonyms = gazetteer_demonyms.read_demonyms()
    assert demonyms["Russian"] == ["RU"] and demonyms["Iraqis"] == ["IQ"]
    assert set(demonyms["French"]) >= {"FR", "MQ"}  # France and its territories
    assert demonyms["Herzegovinian"] == ["BA"]  # "Bosnian,Herzegovinian": one entry each
    assert "Britishs" not in demonyms and "Chineses" not in demonyms


def test_read_from_a_directory_of_country_files(tmp_path):
    for name, country in {
        "a": {"ISO": {"alpha2": "KN"}, "demonym": "Kittian and Nevisian"},
        "b": {"ISO": {"alpha2": "AQ"}},  # no demonym
        "c": {"demonym": "Nowhereish"},  # no code
    }.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(country), encoding="utf-8")
    assert gazetteer_demonyms.read_demonyms(tmp_path) == {
        "Kittian": ["KN"], "Kittians": ["KN"], "Nevisian": ["KN"], "Nevisians": ["KN"]}


def test_a_shared_demonym_stands_for_the_most_populous_country(gazetteer):
    def country(word):
        return [gazetteer.names[r] for r in gazetteer.demonyms.codes(word)]

    assert country("french") == ["France"] and country("chinese") == ["China"]
    assert country("americans") == ["United States"]
