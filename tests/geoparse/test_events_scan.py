"""The fast trigger scanner and folded patterns (mapapp/geoparse/events/scan.py) find exactly
what the plain case-insensitive patterns find, on the hand-written cases, on sentences made
to hit the capital-sensitive rules and on random word salad of each language's triggers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.geoparse.events.first_words import Openers, first_word_tests
from mapapp.geoparse.events.lexicon import LANGS, lexicon
from mapapp.geoparse.events.scan import Folded, compile_folded, lower_pattern, split_alternatives

DATA = Path(__file__).parents[1] / "data" / "events"
_MARK = re.compile(r"\[([^\]|]+)(?:\|\w+)?\]")

# Sentences the capital-sensitive rules decide ("occupied Bakhmut" vs "occupied by"), and
# text whose lower case is longer than itself ("İ"), which the scanner must hand back.
TRICKY = [
    "Russian troops occupied Bakhmut and left Soledar, then left behind their tanks.",
    "The city was occupied by Russian forces; the occupied town of Kreminna was shelled.",
    "İstanbul talks: Ukraine retook Kherson and liberated Izium.",
    "De Russen hebben de bezette stad Bachmoet en bezette Oekraïense dorpen beschoten.",
    "Die besetzte Stadt Cherson und besetzte Gebiete wurden von Drohnen getroffen.",
    "Russische Truppen haben das besetzte Bachmut eingenommen, die besetzten waren müde.",
]


def _plain(lang: str, text: str) -> list[tuple[int, int, int]]:
    lex = lexicon(lang)
    assert lex is not None
    return [(m.start(), m.end(), int(m.lastgroup[1:]))  # type: ignore[index]
            for m in lex.triggers.finditer(text)]


def _texts(lang: str) -> list[str]:
    lines = (DATA / f"dev_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [_MARK.sub(r"\1", json.loads(line)["text"]) for line in lines if line.strip()]


@pytest.mark.parametrize("lang", LANGS)
def test_scanner_finds_what_the_plain_pattern_finds(lang: str) -> None:
    lex = lexicon(lang)
    assert lex is not None
    texts = _texts(lang) + TRICKY
    assert sum(bool(_plain(lang, t)) for t in texts) > len(texts) // 2  # the check bites
    for text in texts:
        assert lex.scanner.find(text) == _plain(lang, text), text


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_scanner_on_word_salad(lang: str, data: st.DataObject) -> None:
    """Random runs of trigger words, side words, capitals and punctuation."""
    lex = lexicon(lang)
    assert lex is not None
    words = sorted({w for t in _texts(lang) + TRICKY for w in re.findall(r"[\w’'-]+|[,.;]", t)})
    text = " ".join(data.draw(st.lists(st.sampled_from(words), max_size=25)))
    assert lex.scanner.find(text) == _plain(lang, text)


def test_folded_patterns_match_as_the_case_insensitive_ones() -> None:
    pattern = r"\b(?P<ru>Russen|Russische\w*)\b|\bÜber\s+\w+"
    folded, plain = compile_folded(pattern), re.compile(pattern, re.IGNORECASE)
    assert isinstance(folded, Folded)
    for text in ("De RUSSEN en russische troepen", "über Bachmut", "İİ russen", "geen"):
        assert ([m.span() for m in folded.finditer(text)]
                == [m.span() for m in plain.finditer(text)])
        assert bool(folded.search(text, 3)) == bool(plain.search(text, 3))
    # a pattern that looks at capitals stays a plain case-insensitive one
    assert not isinstance(compile_folded(r"(?-i:[A-Z])\w+"), Folded)


def test_split_alternatives_keeps_groups_and_classes_whole() -> None:
    assert split_alternatives(r"a(?:b|c)|[|x]|d\|e") == ["a(?:b|c)", "[|x]", r"d\|e"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_says_which_words_it_opens_with(lang: str) -> None:
    """The scanner tries a word start only with the rules that may open there; a rule whose
    first word the patterns do not tell sends its language back to trying them all."""
    lex = lexicon(lang)
    assert lex is not None
    alternatives = [lower_pattern(alt) for rule in lex.rules
                    for alt in split_alternatives(rule.pattern)]
    assert Openers.of(alternatives) is not None
    assert [a for a in alternatives if first_word_tests(a) is None] == []


def test_first_word_tests_know_only_what_a_match_must_open_with() -> None:
    assert first_word_tests(r"(?:nam|namen)(?:\s+\w+){1,6}?\s+in") == [("^", "nam"), ("^", "namen")]
    assert first_word_tests(r"(?:heavy\s+|fierce\s+)?fighting") == [
        ("^", "heavy"), ("^", "fierce"), ("^", "fighting")]
    assert first_word_tests(r"\w*aanval(?:len)?") == [("in", "aanval")]
    assert first_word_tests(r"bo(?:ї|їв)") == [("^", "bo")]
    # what may open with a non-word character or an unknown class is not narrowed
    for unknown in (r"\s*x", r"[a-z]+", r"(?<=\d\s)may", r"\w*\s", r"(?:a|\W)b"):
        assert first_word_tests(unknown) is None, unknown
    openers = Openers.of([r"in\s+te\s+nemen", r"\w*gevecht(?:en)?", "strijd"])
    assert openers is not None
    assert [openers.at(w) for w in ("in", "straatgevechten", "strijdt", "inname", "de")] == [
        (0,), (1,), (2,), (0,), ()]
