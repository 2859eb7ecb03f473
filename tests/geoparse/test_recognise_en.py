"""English rules: first names, people named after places, institutions' nouns."""

from __future__ import annotations

import pytest

from mapapp.geoparse.recognise import english as recognise_en


def test_first_names_come_from_the_census_lists():
    names = recognise_en.first_names()
    assert {"jessica", "hugh", "nancy", "rafael"} <= names
    assert "kyiv" not in names and len(names) > 5000


def test_two_places_in_a_row_are_first_name_and_surname(geoparser):
    text = "The pediatrician Nancy Kellogg testified; Georgia Stevens skated."
    hits = geoparser.recogniser.spans(text, "en")
    roles = {hits[i].surface: role
             for i, role in recognise_en.name_pairs(geoparser.gaz, text, hits).items()}
    # Nancy is a city of 100,000 but not big enough to stay a place; Georgia is a country.
    assert roles.get("Kellogg") == "surname" and roles.get("Nancy") == "first"
    assert "Georgia" not in roles


def test_an_institution_noun_after_a_name_is_no_town(geoparser):
    text = "He works at Trillium Health Centre for the Original Texas Playboys."
    hits = {h.surface: h for h in geoparser.recogniser.spans(text, "en")}
    assert recognise_en.name_tail(geoparser.gaz, text, hits["Centre"])
    assert not recognise_en.name_tail(geoparser.gaz, text, hits["Texas"])


def test_census_surnames_leave_out_common_words(geoparser):
    surnames = recognise_en.surnames(geoparser.gaz)
    assert {"stevens", "peterson", "hilton"} <= surnames
    assert not {"park", "hall", "street"} & surnames  # "Lincoln Park" is a place


def test_a_given_name_before_a_surname(geoparser):
    text = "Jordan Peterson spoke at Lincoln Park."
    hits = {h.surface: h for h in geoparser.recogniser.spans(text, "en")}
    assert recognise_en.given_name(geoparser.gaz, text, hits["Jordan"])
    assert not recognise_en.given_name(geoparser.gaz, text, hits["Lincoln Park"])


@pytest.mark.parametrize(("text", "names"), [
    ("Two cases of West Nile virus were confirmed in the county.", []),
    ("Lassa fever spread in Nigeria.", ["Nigeria"]),
    ("They sailed up the Nile to Luxor.", ["Nile", "Luxor"]),  # the river without a disease
    ("Texas virus cases rose in Houston.", ["Texas", "Houston"]),  # a state keeps its name
])
def test_a_disease_named_after_a_place_is_no_place(geoparser, text, names):
    assert [t["name"] for t in geoparser.toponyms(text, "en")] == names


def test_only_a_feature_words_own_last_letters_end_one():
    # widen_feature reads the word before a name only when its last character is one of
    # these: no other character of Unicode lowers to a feature word's last letter.
    import sys

    last = {w[-1] for w in recognise_en.FEATURE_BEFORE}
    lowering = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).lower()[-1:] in last}
    assert lowering == recognise_en._FEATURE_BEFORE_LAST


def test_english_evidence_against_a_hit(geoparser):
    english = recognise_en.English(geoparser.gaz)
    text = ("Jordan Peterson met staff of Trillium Health Centre below Mount Peoria, "
            "then the Army of the Potomac marched through Texas.")
    hits = {h.surface: h for h in geoparser.recogniser.spans(text, "en")}
    verdicts = {surface: english.against(text, hit)[1] for surface, hit in hits.items()}
    assert (verdicts["Jordan"], verdicts["Centre"], verdicts["Potomac"], verdicts["Texas"]) == (
        "person", "name", "name", "")
    peoria, against = english.against(text, hits["Peoria"])  # widened over its feature word
    assert against == "" and peoria.surface == "Mount Peoria" and peoria.feature
    assert hits["Peoria"].surface == "Peoria"  # a new hit: the one tested is left as it was
