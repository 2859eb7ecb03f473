"""Recognition's cheap tests answer as the plain code they stand in front of (issue 18).

Each fast path in ``recognise`` (a str method instead of a regular expression, two
characters read instead of forty split) must give what the plain code gives on any
text; the plain versions are written out here as they stood before, and Hypothesis
looks for a text where the two disagree.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from mapapp.geoparse.recognise.context import (
    JOINERS,
    abbreviation_before,
    last_word_before,
    next_word,
    sentence_initial,
    word_before,
    word_end,
)
from mapapp.geoparse.recognise.roles import _AGENCY_START, _NEWS_AGENCY
from mapapp.geoparse.recognise.rules import Recogniser, _Doc, no_article_before
from mapapp.text.name_keys import WORD_RE, words_before
from mapapp.text.wordlists import ARTICLES

# Text rich in what the cheap tests read: articles and their last letters in both cases,
# letters that lower oddly (İ, the Kelvin sign), spaces of every kind, apostrophes, digits.
_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\t", "\u00a0", "\u2009", ".", ",", "-", "'", "’", "ʼ", "`", "(", '"', "…",
     "de", "De", "DE", "het", "Het", "the", "THE", "die", "las", "les", "La", "tHe", "İ", "\u212a",
     "ß", "Bachmoet", "Kyiv", "news", "News agency", "persbureau", "Dr", "Gov", "H", "van", "in",
     "x", "ab", "abc", "abcd", "Ⅻ", "²", "3", "_", "é", "Киев", "Σ", "ΑΣ", "\u0345", "\u200b"]
)  # fmt: skip
TEXT = st.one_of(st.lists(_PIECES, max_size=40).map("".join), st.text(max_size=120))


def _plain_sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'‘’“”„,«»([-–—*•":
        if text[i] == "," and i > 0 and text[i - 1] != ",":
            return False
        i -= 1
    if i >= 0 and text[i] == "." and abbreviation_before(text, i):
        return False
    return i < 0 or text[i] in ".!?:;\n…"


def _plain_word_before(text: str, start: int) -> tuple[str, int] | None:
    if start < 2 or text[start - 1] != " ":
        return None
    lo, end = max(0, start - 40), start - 1
    cut = max(text.rfind(" ", lo, end), text.rfind("\n", lo, end), text.rfind("\t", lo, end))
    wstart = max(lo, cut + 1)
    word = text[wstart:end]
    if word.endswith(".") and len(word) > 1:
        if not abbreviation_before(text, wstart + len(word) - 1):
            return None
        bare = word[:-1]
    else:
        bare = word
    if not bare[:1].isalpha() or not (bare.isalpha() or bare.translate(JOINERS).isalpha()):
        return None
    return word, wstart


def _plain_next_word(text: str, end: int) -> tuple[str, str] | None:
    if end >= len(text) or text[end] not in " -":
        return None
    m = WORD_RE.match(text, end + 1)
    return (text[end], m.group()) if m else None


# Each test reads every position of its text.

@given(TEXT)
@example("Kyiv" + "a" * 45 + " x")
def test_word_end_is_where_the_word_pattern_ends(text: str) -> None:
    for start in range(len(text) + 1):
        m = WORD_RE.match(text, start)
        assert word_end(text, start) == (m.end() if m else start)


@given(TEXT)
def test_next_word_is_the_word_pattern_after_a_separator(text: str) -> None:
    for end in range(len(text) + 1):
        assert next_word(text, end) == _plain_next_word(text, end)


@given(TEXT)
@example("said Smith. Carey")
@example("a\tb Kyiv")
def test_sentence_initial_and_word_before_answer_as_the_plain_code(text: str) -> None:
    for start in range(len(text) + 1):
        assert sentence_initial(text, start) == _plain_sentence_initial(text, start)
        assert word_before(text, start) == _plain_word_before(text, start)


@given(TEXT)
@example("in de Krim, the Krim, tHe Krim")
@example("İde Krim")
def test_no_article_before_is_never_wrong(text: str) -> None:
    for start in range(len(text) + 1):
        if no_article_before(text, start):
            before = words_before(text, start)
            assert not before or before[-1] not in ARTICLES, start


@given(TEXT)
@example("ΟΔΟΣ ΑΣ Kyiv")
def test_last_word_before_is_the_last_of_words_before(text: str) -> None:
    for start in range(len(text) + 1):
        assert last_word_before(text, start) == (words_before(text, start) or [""])[-1]


@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from([" ", "-"]),
       st.sampled_from(["news agency", "News Agency", "nieuwsagentschap", "persbureau's",
                        "newsagency", "newſ agency", "Persbureau"]))
def test_the_news_agency_pattern_is_tried_whenever_it_can_match(before: str, sep: str,
                                                                 agency: str) -> None:
    text = before + sep + agency
    nxt = next_word(text, len(before))
    if _NEWS_AGENCY.match(text, len(before)) and nxt:
        assert _AGENCY_START.match(nxt[0] + nxt[1])




def test_facts_kept_from_one_text_answer_as_fresh_ones_in_the_next(geoparser):
    """A name's facts (closed class, acronym, common word) are kept per name: the hits of
    a text are the same whether the names came before in another text or not."""
    first = ("De NAVO en de VS steunen Oekraïne. Media in Kiev melden gevechten bij "
             "Bachmoet. In maart viel Soledar. Die boodschap kwam uit Moskou.")
    second = ("Media melden dat de VS en de NAVO Oekraïne steunen. Die stad, Bachmoet, "
              "ligt in de Donbas; in maart vielen Soledar en Krasna Hora.")
    seasoned = Recogniser(geoparser.gaz)
    seasoned.find(first, "nl")
    fresh = Recogniser(geoparser.gaz)
    assert seasoned.find(second, "nl") == fresh.find(second, "nl")
    assert [h.surface for h in fresh.find(second, "nl")]  # the test reads some names
    # and the article test agrees with the plain one on these texts' names
    for hit in fresh.spans(second, "nl"):
        plain = words_before(second, hit.start)
        after = fresh._after_article(_Doc(second, "nl"), hit)
        if not plain or plain[-1] not in ARTICLES:
            assert after is hit
