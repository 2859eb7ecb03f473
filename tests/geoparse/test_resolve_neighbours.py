"""Places named together lie together (``mapapp.geoparse.resolve.neighbours``).

The unit tests build hits by hand over a stub gazetteer (kinds and points
only). The integration test reads a sentence written for it (no gold set's
words) with Ukraine's villages (``ua_gazetteer``): the expected village is
not written down but worked out from the gazetteer (the namesake nearest to
the other village of the list), and the test checks that a bigger namesake
lies far off, which size alone would have chosen.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mapapp.gazetteer.distance import haversine_km
from mapapp.gazetteer.index import Candidate
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.geoparse.recognise.hits import Hit
from mapapp.geoparse.resolve.neighbours import GROUP_MAX, _joined, distances, local_rows

# rows 0-3 towns, 4 an oblast, 5 a country
GAZ = SimpleNamespace(kinds=["city"] * 4 + ["region", "country"],
                      lats=[49.75, 49.75, 48.6, 50.0, 49.5, 49.0],
                      lons=[37.59, 37.63, 38.6, 36.2, 36.5, 32.0])


def _hit(text: str, word: str, key: str, rows: list[int], nth: int = 0) -> Hit:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Hit(start, start + len(word), word, key,
               tuple(Candidate(r, NameKind.ALTERNATE) for r in rows))


@pytest.mark.parametrize(("between", "joined"), [
    (", ", True), (" та ", True), (" и ", True), (" and ", True), (", а также ", True),
    (" в ", False), (" near ", False), ("", False), (". ", False), (" біля ", False),
])
def test_what_joins_names_into_a_list(between, joined):
    assert _joined(between) is joined


def test_list_partners_give_all_their_towns():
    text = "в районі населених пунктів Радьково та Голубово"
    hits = [_hit(text, "Радьково", "a", [0, 3]), _hit(text, "Голубово", "b", [1, 2])]
    assert local_rows(GAZ, text, hits, {}) == {hits[0].start: (1, 2), hits[1].start: (0, 3)}
    # the mentions that ask, when the caller knows them (the resolver keeps it per name)
    assert local_rows(GAZ, text, hits, {}, [1]) == {hits[1].start: (0, 3)}


def test_an_area_is_no_partner_but_a_sure_town_of_the_paragraph_is():
    text = "Бои у Городка, Области. Возле Хутора.\nДалее Село и Полесье."
    town, oblast, hamlet, village, other = (_hit(text, "Городка", "t", [0, 2]),
                                            _hit(text, "Области", "o", [4, 3]),
                                            _hit(text, "Хутора", "h", [1, 3]),
                                            _hit(text, "Село", "v", [1, 2]),
                                            _hit(text, "Полесье", "p", [3]))
    hits = [town, oblast, hamlet, village, other]
    got = local_rows(GAZ, text, hits, {"t": 0, "o": 4, "p": 3})
    assert town.start not in got  # its partner may be an oblast: no village of a list
    assert got[hamlet.start] == (0,)  # no list: the sure town of its line (not the oblast)
    assert got[village.start] == (3,)  # the partner's town; line 2 holds no other sure town
    # Only names of towns alone, two or more, ask (``next_to`` weighs no other): one place
    # has nothing to choose, and an oblast against a town is a question of its own.
    assert other.start not in got and oblast.start not in got


@pytest.mark.parametrize(("names", "some"), [(GROUP_MAX, True), (GROUP_MAX + 1, False)])
def test_a_long_list_gives_no_neighbours(names, some):
    words = [f"Місто{chr(0x430 + i)}" for i in range(names)]
    text = ", ".join(words)
    hits = [_hit(text, w, w, [i % 4, (i + 1) % 4]) for i, w in enumerate(words)]
    got = local_rows(GAZ, text, hits, {})
    assert bool(got) is some
    if some:  # every name's partners are all the others' towns
        assert got[hits[0].start] == (1, 2, 3, 0)


def test_distances_to_the_nearest_point():
    (near, far) = distances(GAZ, [1, 2], [0])
    assert near is not None and near < 4
    assert far is not None and far > 100
    assert distances(GAZ, [0], [0]) == [None]


def _km(a, b) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


@pytest.mark.shared
@pytest.mark.slow
def test_the_namesake_next_to_its_list_partner_wins(ua_gazetteer):
    from mapapp.geoparse.pipeline import Geoparser

    text = "Противник атакував у районі населених пунктів Кобцівка та Раківка."
    chosen = {t["name"]: ua_gazetteer.place(t["place_id"])
              for t in Geoparser(ua_gazetteer).toponyms(text, "uk")}
    partner, village = chosen["Кобцівка"], chosen["Раківка"]
    namesakes = [p for p in ua_gazetteer.search("Раківка", limit=500) if p.country == "UA"]
    nearest = min(namesakes, key=lambda p: _km(p, partner))
    assert _km(nearest, partner) < 25
    assert village.id == nearest.id
    assert any(p.population > 10 * max(village.population, 1) and _km(p, partner) > 100
               for p in namesakes)  # size alone would have taken that one
