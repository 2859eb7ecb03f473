"""A repeated sentence takes its events from memory, exactly as reading it again would give."""

from __future__ import annotations

import pytest

from mapapp.geoparse.events import reader
from mapapp.geoparse.events.reader import Target, read_events

SENTENCE = "Russian forces captured Soledar in January."


@pytest.fixture(autouse=True)
def _fresh_memory():
    reader.forget_repeats()
    yield
    reader.forget_repeats()


def _soledar(text: str) -> Target:
    start = text.index("Soledar")
    return Target(start, start + len("Soledar"))


def test_the_same_sentence_elsewhere_in_another_article_gets_its_own_offsets():
    first = read_events(SENTENCE, "en", "2023-03", [_soledar(SENTENCE)])
    later = "Heavy losses were reported. " + SENTENCE
    again = read_events(later, "en", "2023-03", [_soledar(later)])
    assert first[0] is not None and again[0] is not None
    assert first[0].as_dict() == again[0].as_dict()
    shift = len("Heavy losses were reported. ")
    assert [(s.start + shift, s.end + shift) for s in first[0].evidence] == \
        [(s.start, s.end) for s in again[0].evidence]
    assert later[again[0].evidence[0].start:again[0].evidence[0].end] == "captured"


def test_what_a_reading_depends_on_is_part_of_the_key():
    in_2023 = read_events(SENTENCE, "en", "2023-03", [_soledar(SENTENCE)])[0]
    in_2024 = read_events(SENTENCE, "en", "2024-03", [_soledar(SENTENCE)])[0]
    assert (in_2023.when, in_2024.when) == ("2023-01", "2024-01")  # "in January" by the article
    as_country = read_events(SENTENCE, "en", "2023-03",
                             [Target(*_soledar(SENTENCE)[:2], "country")])[0]
    as_actor = read_events(SENTENCE, "en", "2023-03",
                           [Target(*_soledar(SENTENCE)[:2], "city", True)])[0]
    assert in_2023 is not None and (as_country, as_actor) == (None, None)


def test_memory_gives_what_a_fresh_reading_gives():
    text = ("Ukrainian troops withdrew from Soledar. Bakhmut was shelled again. "
            "Ukrainian troops withdrew from Soledar.")
    spans = [Target(text.index("Soledar"), text.index("Soledar") + 7),
             Target(text.index("Bakhmut"), text.index("Bakhmut") + 7),
             Target(text.rindex("Soledar"), text.rindex("Soledar") + 7)]
    remembered = read_events(text, "en", "2023-01", spans)
    reader.forget_repeats()
    fresh = [read_events(text, "en", "2023-01", [t])[0] for t in spans]
    assert list(remembered) == fresh
    assert remembered[0] is not None and remembered[0].evidence != remembered[2].evidence
