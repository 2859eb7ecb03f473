"""Where a word stands: sentence starts past titles and initials, the words either side."""

from __future__ import annotations

from mapapp.recognise_text import next_word, sentence_initial, word_before


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
