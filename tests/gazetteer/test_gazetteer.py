"""The gazetteer: what each source adds, and the cache that makes it load fast."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mapapp import paths
from mapapp.gazetteer import build as gb
from mapapp.gazetteer import index as gz
from mapapp.gazetteer.distance import haversine_km
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.gazetteer.packed import PackedIndex, pack_index
from mapapp.text.name_keys import name_key


def places(gazetteer, name: str) -> dict[str, tuple[str, int]]:
    """Place id → (kind, how the name is attached) for every candidate of a name."""
    return {gazetteer.ids[c.row]: (gazetteer.kinds[c.row], c.name_kind)
            for c in gazetteer.candidates(name_key(name))}


def test_geonames_names_and_alternates(gazetteer):
    assert places(gazetteer, "Bakhmut")["713174"] == ("city", NameKind.PRIMARY)
    assert places(gazetteer, "Bachmoet")["713174"][0] == "city"
    assert "703448" in places(gazetteer, "Kiev")  # Kyiv by its alternate name


def test_countries_by_cldr_exonyms_and_curated_abbreviations(gazetteer):
    assert places(gazetteer, "Oekraïne") == {"690791": ("country", NameKind.EXONYM)}
    assert places(gazetteer, "Rusland")["2017370"] == ("country", NameKind.EXONYM)
    assert places(gazetteer, "Duitsland")["2921044"] == ("country", NameKind.EXONYM)
    assert places(gazetteer, "VS")["6252001"] == ("country", NameKind.ABBREVIATION)
    ukraine = gazetteer.place("690791")
    assert (ukraine.lat, ukraine.lon, ukraine.kind) == (49.0, 32.0, "country")


def test_foreign_exonym_that_is_a_common_word_is_left_out(gazetteer):
    # German "Indien" (India) is the Dutch word for "if".
    assert not any(kind == "country" for kind, _ in places(gazetteer, "Indien").values())
    assert places(gazetteer, "India")["1269750"][0] == "country"


def test_admin1_regions_carry_their_capitals_names(gazetteer):
    luhansk = places(gazetteer, "Loehansk")
    assert luhansk["702658"][0] == "city"
    assert luhansk["702657"][0] == "region"  # the oblast, named after its capital
    oblast = gazetteer.place("702657")
    assert 48.0 < oblast.lat < 50.0 and 38.0 < oblast.lon < 40.5


def test_admin2_units_by_their_full_names_at_their_towns(gazetteer):
    # Metcalfe County, Kentucky (GeoNames 4300606, its point 36.99, -85.63), not the town
    # Metcalfe in Mississippi; a bare "Metcalfe" stays the town.
    county = places(gazetteer, "Metcalfe County")
    assert county == {"4300606": ("region", NameKind.PRIMARY)}
    p = gazetteer.place("4300606")
    assert (p.country, abs(p.lat - 36.99) < 0.3, abs(p.lon + 85.63) < 0.3) == ("US", True, True)
    assert "4300606" not in places(gazetteer, "Metcalfe")
    assert len(places(gazetteer, "Washington County")) >= 25  # one per state that has one


def test_a_county_is_resolved_by_its_state(geoparser):
    tops = geoparser.toponyms("A Plymouth County man was arrested in Brockton, "
                              "Massachusetts, on Monday.", "en")
    county = next(t for t in tops if t["name"] == "Plymouth County")
    assert county["type"] == "region" and -72 < county["lon"] < -70  # Massachusetts, not Iowa


def test_curated_regions_and_landmarks(gazetteer):
    assert places(gazetteer, "Krim")["703883"][0] == "region"  # merged into the admin-1 unit
    assert places(gazetteer, "Donbas")["r:donbas"][0] == "region"
    kremlin = gazetteer.row("r:kremlin")
    assert gazetteer.kinds[kremlin] == "other" and gazetteer.metonyms[kremlin]


def test_names_with_generic_words_are_not_indexed(gazetteer):
    # "provincie Donetsk" must yield the span "Donetsk", so "Donetsk Oblast" is no name.
    assert not gazetteer.candidates(name_key("Donetsk Oblast"))
    assert not gazetteer.candidates(name_key("oblast Donetsk"))


@pytest.mark.parametrize(("name", "lat", "lon"), [
    ("Oost-Oekraïne", 48.3, 37.8),      # GUIDELINES.md's representative points
    ("Noord-Loehansk", 49.3, 38.9),
    ("Eastern Ukraine", 48.3, 37.8),
    ("Ostukraine", 48.3, 37.8),
])
def test_compass_compounds_lie_in_the_right_part(gazetteer, name, lat, lon):
    from mapapp.gazetteer.distance import haversine_km

    ids = [pid for pid, (_kind, how) in places(gazetteer, name).items()
           if how == NameKind.COMPASS]
    assert ids, name
    place = gazetteer.place(ids[0])
    assert haversine_km(place.lat, place.lon, lat, lon) < 161


def test_romanisations_reach_dutch_spellings_no_list_carries(gazetteer):
    # Рубіжне in the Dutch scheme; GeoNames lists only Rubizhne and Rubezhnoye.
    assert places(gazetteer, "Roebizjne")["695274"] == ("city", NameKind.ROMANISED)


def test_only_places_of_cyrillic_countries_get_romanised_names(gazetteer):
    # Rubí in Catalonia has a Cyrillic exonym (Руби) whose romanisation is "Ruby", an English
    # word and given name; a Spanish town needs no spelling made from Cyrillic.
    # (Ukraine's still do: see the test above.)
    assert all(how != NameKind.ROMANISED for how in places(gazetteer, "Ruby").values())


def test_capitals_are_marked_for_metonymy(gazetteer):
    assert gazetteer.metonyms[gazetteer.row("524901")]  # Moscow
    assert not gazetteer.metonyms[gazetteer.row("713174")]  # Bakhmut


def test_common_words_and_lookup_helpers(gazetteer):
    assert gazetteer.zipf("het", "nl") > 6
    assert gazetteer.zipf("bachmoet", "nl") == 0
    assert gazetteer.search("Lyman")[0].name == "Lyman"
    assert len(gazetteer.search("Lyman", limit=50)) >= 5
    assert gazetteer.place("no such id") is None
    assert gazetteer.spelling.codes("no such key") == ()


def test_fingerprint_follows_every_input(tmp_path, monkeypatch):
    geodata = tmp_path / "geodata"
    shutil.copytree(paths.geodata_dir(), geodata)
    monkeypatch.setattr(gz, "geodata_dir", lambda: geodata)
    before = gz._fingerprint([])
    assert gz._fingerprint([]) == before
    with open(geodata / "regions.csv", "a", encoding="utf-8") as f:
        f.write("r:test,region,Test,1,1,,,,Testland,0\n")
    after_csv = gz._fingerprint([])
    assert after_csv != before
    dump = tmp_path / "XX.txt"
    dump.write_text("", encoding="utf-8")
    assert gz._fingerprint([dump]) != after_csv


def test_a_warm_cache_is_loaded_not_rebuilt(gazetteer, monkeypatch):
    def no_build(dumps: list[Path]):
        raise AssertionError("the cache exists: nothing should be built")

    monkeypatch.setattr(gz, "build_tables", no_build)
    again = gz.Gazetteer.load(quiet=True)
    assert len(again) == len(gazetteer)
    assert again.place("713174") == gazetteer.place("713174")


def test_packed_index_round_trip():
    index = {"kyiv": [8, 17], "bachmoet": [24], "a b": [3, 11, 19]}
    packed = PackedIndex(pack_index(index))
    assert {k: list(packed.codes(k)) for k in index} == index
    assert "kyiv" in packed and "nothing" not in packed
    assert len(packed) == 3
    assert PackedIndex(pack_index({})).codes("x") == ()


def test_per_list_values_are_made_once_per_list_object():
    from mapapp.gazetteer.index import Candidate, PerList

    calls = []
    lengths = PerList(lambda cands: calls.append(cands) or len(cands), limit=10)
    one = (Candidate(1, NameKind.PRIMARY), Candidate(2, NameKind.PRIMARY))
    assert lengths(one) == 2 and lengths(one) == 2
    assert len(calls) == 1
    twin = tuple(list(one))  # equal but another object: worked out again, never confused
    assert lengths(twin) == 2 and len(calls) == 2


def test_admin1_units_stand_at_their_published_point(gazetteer):
    """Each state or province the database knows sits at its point, not at its towns' middle."""
    published = gb.published_admin1_points()
    assert len(published) > 3000  # the package's ~5,000 states, read from its JSON
    g = gazetteer
    for name, iso in (("Alberta", "CA-AB"), ("Queensland", "AU-QLD"), ("Bavaria", "DE-BY")):
        rows = [c.row for c in g.candidates(name_key(name)) if g.sources[c.row] == "admin1"]
        assert rows, name
        assert (g.lats[rows[0]], g.lons[rows[0]]) == pytest.approx(published[iso]), name


def test_a_published_point_far_from_every_town_of_its_unit_is_not_trusted():
    towns = [(50.0 + i / 10, 30.0 + i / 10, 5_000) for i in range(12)]
    middle = gb.middle_point([(lat, lon) for lat, lon, _ in towns])
    assert gb._published_or_middle((50.5, 30.4), towns) == (50.5, 30.4)
    assert gb._published_or_middle((10.0, -60.0), towns) == middle  # a code filed wrongly
    assert gb._published_or_middle(None, towns) == middle


def test_a_published_point_on_a_big_town_is_the_towns_not_the_units():
    towns = [(50.0 + i / 10, 30.0 + i / 10, 5_000) for i in range(12)]
    middle = gb.middle_point([(lat, lon) for lat, lon, _ in towns])
    capital = [(50.0, 30.0, 900_000), *towns[1:]]
    assert gb._published_or_middle((50.001, 30.001), capital) == middle  # the capital's point
    assert gb._published_or_middle((50.001, 30.001), towns) == (50.001, 30.001)  # a village's


def test_new_york_state_is_not_at_new_york_city(gazetteer):
    def point(source):
        g = gazetteer
        row = next(c.row for c in g.candidates("new york") if g.sources[c.row] == source)
        return g.lats[row], g.lons[row]

    assert haversine_km(*point("admin1"), *point("cities500")) > 150
