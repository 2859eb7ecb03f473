"""Ukrainian and Russian recognition (recognise_cyr, morph_cyr, lang_cyr).

Sentences written for these tests; the golden test reads the hand-annotated
../shared/gold/cyr_dev.jsonl (8 reports, GUIDELINES.md) in place.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from mapapp.corpus.reader import guess_lang
from mapapp.text import morph_cyr
from mapapp.text.lang_cyr import guess_cyrillic


def found(geoparser, text: str, lang: str) -> list[tuple[str, str]]:
    """(span as written, canonical name) of each toponym."""
    return [(t["name"], t["canonical"]) for t in geoparser.toponyms(text, lang)]


@pytest.mark.parametrize(("text", "expected"), [
    # Every case of a town's name, singular and plural (Кринки is a plural name).
    ("Бої тривають у Бахмуті.", [("Бахмуті", "Bakhmut")]),
    ("Росіяни наступають під Авдіївкою.", [("Авдіївкою", "Avdiyivka")]),
    ("Окупанти відступили з Бахмута до Соледара.",
     [("Бахмута", "Bakhmut"), ("Соледара", "Soledar")]),
    ("Плацдарм у Кринках на Херсонщині тримався вісім місяців.",
     [("Кринках", "Krynky"), ("Херсонщині", "Khersonska oblast")]),
    ("Вибухи чули в Києві та Харкові.", [("Києві", "Kyiv"), ("Харкові", "Kharkiv")]),
    # Oblast adjectives: the adjective is the span, the oblast the place.
    ("Обстріли в Донецькій області тривають.", [("Донецькій", "Donetska oblast")]),
    # Axes: the town the axis is named after.
    ("На Покровському напрямку ворог атакував.", [("Покровському", "Pokrovsk")]),
    # ... also when the town's о is the adjective's і; the town, not a smaller namesake's
    # alternate name that keeps the і (Гуляйпіль).
    ("На Гуляйпільському та Покровському напрямках тривають бої.",
     [("Гуляйпільському", "Hulyaypole"), ("Покровському", "Pokrovsk")]),
    # A region named after its town.
    ("Ситуація на Харківщині складна.", [("Харківщині", "Kharkivska oblast")]),
    # Ordinary adjectives are no places.
    ("Російські окупанти обстріляли місто.", []),
    # Abbreviations: countries yes, units no.
    ("Генштаб ЗСУ повідомив про удари з території РФ.", [("РФ", "Russia")]),
])
def test_ukrainian_inflected_forms(geoparser, text, expected):
    assert found(geoparser, text, "uk") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Бои идут под Угледаром и Марьинкой.",
     [("Угледаром", "Vuhledar"), ("Марьинкой", "Mar'yinka")]),
    ("Взрывы прогремели в Москве.", [("Москве", "Moscow")]),
    # A Russian name of a Ukrainian town.
    ("Войска вошли в Артемовск.", [("Артемовск", "Bakhmut")]),
    ("Обстрел Шебекинского городского округа Белгородской области.",
     [("Шебекинского", "Shebekino"), ("Белгородской", "Belgorodskaya oblast'")]),
    ("Ситуация на Курском направлении остается сложной.", [("Курском", "Kursk")]),
    # Several words: their nominative is one name; initials that are an abbreviation.
    ("Бойцы вошли в Новую Каховку.", [("Новую Каховку", "Nova Kakhovka")]),
    ("Глава Донецкой Народной Республики заявил об этом.",
     [("Донецкой Народной Республики", "Donetsk People's Republic")]),
    ("Помощь из США и Великобритании.",
     [("США", "United States"), ("Великобритании", "United Kingdom")]),
    # A given name's surname, a quoted unit, a sentence-initial adverb: no places.
    ("Об этом сообщил Евгений Пригожин.", []),
    ("Ранее группировка войск «Восток» наступала.", []),
])
def test_russian_inflected_forms(geoparser, text, expected):
    assert found(geoparser, text, "ru") == expected


def test_spans_are_the_words_as_written(geoparser):
    text = "Поблизу Кліщіївки, Андріївки та Бахмута тривають бої; під Куп’янськом теж."
    for t in geoparser.toponyms(text, "uk"):
        assert text[t["start"]:t["end"]] == t["name"]
    assert [t["name"] for t in geoparser.toponyms(text, "uk")][-2:] == ["Бахмута", "Куп’янськом"]


def test_river_after_a_word_for_its_bank(geoparser):
    got = geoparser.toponyms("Бійці тримаються на лівому березі Дніпра.", "uk")
    assert [(t["name"], t["type"]) for t in got] == [("Дніпра", "other")]


def test_latin_text_never_loads_the_analysers(geoparser, monkeypatch):
    """Start-up stays low: Dutch and English text does not touch morph_cyr's analysers."""
    def refuse(lang):
        raise AssertionError(f"analyser({lang}) loaded for Latin text")

    monkeypatch.setattr(morph_cyr, "analyser", refuse)
    assert geoparser.toponyms("Hevige gevechten in Bachmoet.", "nl")


@pytest.mark.parametrize(("lemma", "noun"), [
    ("донецький", "донецьк"), ("запорізький", "запоріжжя"), ("одеський", "одеса"),
    ("шебекинский", "шебекино"), ("мелітопольський", "мелітополь"), ("курский", "курск"),
    # і of the adjective, о of the noun in the last syllable
    ("гуляйпільський", "гуляйполе"), ("сватівський", "сватове"), ("борівський", "борова"),
])
def test_adjective_nouns_propose_the_town(lemma, noun):
    assert noun in morph_cyr.adjective_nouns(lemma)


@pytest.mark.parametrize(("text", "lang"), [
    ("Бої тривають поблизу Кліщіївки та Андріївки, повідомив Генштаб.", "uk"),
    ("Бои идут под Угледаром, сообщили в Минобороны России.", "ru"),
    ("Беларускія вайскоўцы правялі вучэнні каля мяжы.", "be"),
    ("Тој рече дека ќе дојде во Скопје наскоро, ѕвездите.", "mk"),
    ("Ђаци су у Београду, ћерка је дошла.", "sr"),
    ("Бъдещето на България е в ръцете ни, каза той във вторник.", "bg"),
    ("De stad is niet gevallen, maar het front beweegt wel.", ""),
    ("Да.", ""),
    ("Ну да, так и есть, он пришёл домой поздно вечером сегодня", "ru"),
])
def test_guess_cyrillic(text, lang):
    assert guess_cyrillic(text) == lang


def test_guess_lang_knows_ukrainian_and_russian():
    assert guess_lang("Окупанти обстріляли Херсон і Миколаїв, є загиблі.") == "uk"
    assert guess_lang("Оккупанты обстреляли Херсон, есть погибшие, сообщил мэр.") == "ru"
    assert guess_lang("De stad is niet gevallen, maar het front beweegt wel.") == "nl"


def _evalgeo(shared_dir: Path):
    spec = importlib.util.spec_from_file_location("evalgeo", shared_dir / "bench" / "evalgeo.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.shared
def test_cyrillic_dev_gold_floor(geoparser, shared_dir):
    """Labels: ../shared/gold/cyr_dev.jsonl, annotated by hand (GUIDELINES.md).

    The tests' gazetteer has no Ukrainian villages (``gazetteer add-geonames UA``), so some
    villages cannot be found and namesakes far away win; the floor is what the geoparser
    reaches without them, a little below (F1 0.93, towns within 10 km 0.64 when written):
    a fall below it is a regression. With the villages: F1 0.98, towns 0.80 (README).
    """
    evalgeo = _evalgeo(shared_dir)
    path = shared_dir / "gold" / "cyr_dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is missing")  # conftest's shared_dir fails under CI=true
    gold = evalgeo.read_jsonl(path)
    pred = {i: {"id": i, "toponyms": geoparser.toponyms(d["text"], guess_lang(d["text"]))}
            for i, d in gold.items()}
    score = evalgeo.score(gold, pred)
    assert score["recognition"]["exact"]["f1"] >= 0.90
    assert score["by_type"]["city"]["e2e_acc@10"] >= 0.60
    for kind in ("region", "country"):
        assert score["by_type"][kind]["e2e_acc@161"] >= 0.90
