"""A big city called by a former name loses to the villages that bear it
(``mapapp.geoparse.resolve.old_names``).

The unit tests use a stub gazetteer (names, kinds, sizes only); the
integration test a sentence written for it (no gold set's words), read with
Ukraine's villages (``ua_gazetteer``). The expected place is checked against
the gazetteer, not written down.
"""

from __future__ import annotations

import doctest
from types import SimpleNamespace

import pytest

from mapapp.gazetteer.index import Candidate
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.geoparse.resolve import old_names
from mapapp.geoparse.resolve.old_names import OLD_NAME_PENALTY, penalties

GAZ = SimpleNamespace(names=["Donetsk", "Oleksandrivka", "Oleksandrivka", "Horlivka"],
                      kinds=["city", "city", "city", "city"],
                      populations=[901_645, 300, 0, 240_000], countries=["UA"] * 4)
BOTH = tuple(Candidate(r, NameKind.ALTERNATE) for r in range(3))


def test_the_city_loses_where_villages_bear_the_name():
    assert penalties(GAZ, "олександрівка", BOTH) == (OLD_NAME_PENALTY, 0.0, 0.0)


def test_a_russian_name_is_borne_in_its_ukrainian_form():
    assert penalties(GAZ, "александровка", BOTH) == (OLD_NAME_PENALTY, 0.0, 0.0)


def test_nothing_changes_when_no_village_bears_the_name():
    only_cities = (Candidate(0, NameKind.ALTERNATE), Candidate(3, NameKind.ALTERNATE))
    assert penalties(GAZ, "юзовка", only_cities) == (0.0, 0.0)


def test_a_big_city_that_bears_the_name_keeps_it():
    horlivka = (Candidate(3, NameKind.ALTERNATE), Candidate(1, NameKind.ALTERNATE))
    assert penalties(GAZ, "горлівка", horlivka) == (0.0, 0.0)


def test_only_a_village_of_the_citys_own_country_holds_it_back():
    """Kamianske is Каменское in Russian, whatever Russian villages of that name bear."""
    gaz = SimpleNamespace(names=["Kamyanske", "Kamenskoye"], kinds=["city", "city"],
                          populations=[226_845, 300], countries=["UA", "RU"])
    both = (Candidate(0, NameKind.ALTERNATE), Candidate(1, NameKind.ALTERNATE))
    assert penalties(gaz, "каменское", both) == (0.0, 0.0)


def test_a_russian_name_holds_no_city_back(geoparser):
    """Каменское is Kamianske's name in Russian though villages bear Камінське: only a
    Ukrainian name (і, ї, є, ґ) is a Ukrainian city's official one."""
    from mapapp.geoparse.recognise.hits import Hit

    old = old_names.OldNames(geoparser.gaz)
    cands = tuple(Candidate(r, NameKind.ALTERNATE) for r in range(2))
    russian = Hit(0, 9, "Каменское", "каменское", cands)
    assert old.weigh(russian, [1.0, 2.0])[0] == [1.0, 2.0]


def test_doctests():
    assert doctest.testmod(old_names).failed == 0


@pytest.mark.shared
@pytest.mark.slow
def test_a_village_not_the_city_that_once_bore_its_name(ua_gazetteer):
    from mapapp.geoparse.pipeline import Geoparser

    text = "Окупанти заявили, що захопили Олександрівку в Донецькій області."
    found = {t["name"]: ua_gazetteer.place(t["place_id"])
             for t in Geoparser(ua_gazetteer).toponyms(text, "uk")}
    village = found["Олександрівку"]
    assert village.population < old_names.BIG_CITY
    assert village.id in {p.id for p in ua_gazetteer.search("Олександрівка", limit=500)}
    # the cities of 100,000 or more that GeoNames also files under the name (Donetsk, a
    # district of it), one of which size alone chose
    assert any(p.population >= old_names.BIG_CITY and p.kind == "city"
               for p in ua_gazetteer.search("Олександрівка", limit=500))
