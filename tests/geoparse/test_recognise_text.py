"""Where a word stands: sentence starts past titles and initials, the words either side."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mapapp.geoparse.recognise.context import next_word, sentence_initial, token_before, word_before


def test_a_title_or_an_initial_ends_no_sentence():
    text = "He ran with Gov. Hugh Carey and George H. Bush. Paris fell."
    assert not sentence_initial(text, text.index("Hugh"))
    assert not sentence_initial(text, text.index("Bush"))
    assert sentence_initial(text, text.index("Paris"))
    assert sentence_initial(text, 0)


def test_the_word_before_keeps_a_title_stop_but_not_a_sentence_end():
    text = "Dr. Lilly met Smith. Carey left."
    assert word_before(text, text.index("Lilly")) == ("Dr.", 0)
    assert word_before(text, text.index("Carey")) is None
    assert word_before(text, text.index("Smith")) == ("met", text.index("met"))


def test_the_word_after():
    text = "Missouri River and Donbas-regio"
    assert next_word(text, len("Missouri")) == (" ", "River")
    assert next_word(text, text.index("-regio")) == ("-", "regio")
    assert next_word(text, len(text)) is None



def test_the_token_before():
    text = "A Texas court in Paris, Texas (Queensland Police"
    assert token_before(text, text.index("court")) == "Texas"
    assert token_before(text, text.index("Police")) == "Queensland"  # after "(": no "("
    assert token_before(text, text.rindex("Texas")) is None  # "Paris, ": a comma is no token
    assert token_before(text, 2) == "A"
    assert token_before(text, 0) is None


# token_before walks back by hand what this search finds; both must agree everywhere.
_TOKEN_BEFORE = re.compile(r"([^\s,.;:!?()\"“”]+) $")


@given(st.text(alphabet="aB \n\t,.;:!?()\"“”\u00a0'-", max_size=70), st.integers(0, 80))
def test_the_token_before_is_what_the_regular_expression_finds(text, start):
    start = min(start, len(text))
    m = _TOKEN_BEFORE.search(text, max(0, start - 40), start)
    assert token_before(text, start) == (m.group(1) if m else None)
