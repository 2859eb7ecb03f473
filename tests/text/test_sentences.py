"""Sentences and caption noise: the five seeds, invented examples, and span invariants.

The expected noise lines of the seeds were read off the seed files by hand:
every "Volledig scherm … ©" caption, wire caption ("(AP Photo/Libkos)"),
"Beeld …" credit line and "Afspelen knop" player line, and nothing else.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from mapapp.model import Span
from mapapp.text import sentences
from mapapp.text.sentences import is_noise, noise_spans, sentence_at, split_sentences

SEEDS = Path(__file__).parents[2] / "seeds"

SEED_NOISE = {
    "000_971d12543a6491e8": [
        "Volledig scherm Oekraïense troepen in de regio Donetsk © ANP / EPA",
        "Volledig scherm Oekraïense eenheid in de buurt van Bachmoet © REUTERS",
    ],
    "001_1010306ca34bd51d": [
        "Smoke billows after Russian attacks in the outskirts of Bakhmut, Ukraine, Tuesday, "
        "Dec. 27, 2022. (AP Photo/Libkos) Beeld AP",
        "Het centrum van Bachmoet krijgt dagelijks Russische artillerie-aanvallen te "
        "verwerken. Beeld Photo News",
    ],
    "002_19c6265daab4d627": [
        "0:45 Afspelen knop Drone filmt Oekraïense 'spookstad' Bakhmut",
        "1:41 Afspelen knop Wie zijn de Russische Wagner-huurlingen waar de Kamer over praat?",
        "1:10 Afspelen knop Zelensky bezoekt troepen in zwaar beschoten Bakhmut: 'Wees sterk'",
    ],
    "003_adfbdb33baf7334b": [],
    "004_9c128b1442f25881": [
        "Volledig scherm Jens Stoltenberg tijdens de informele bijeenkomst met EU-ministers van "
        "Defensie in Marsta, even buiten de Zweedse hoofdstad Stockholm. © ANP / EPA",
    ],
}


def _seed_text(stem: str) -> str:
    raw = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    return raw[len(" date 2023-01 ") :]


def _texts(text: str, spans: tuple[Span, ...]) -> list[str]:
    return [text[s.start : s.end] for s in spans]


# ------------------------------------------------------------------ noise in the seeds


@pytest.mark.parametrize("stem", sorted(SEED_NOISE))
def test_seed_noise_is_exactly_the_captions_and_players(stem: str) -> None:
    text = _seed_text(stem)
    assert _texts(text, noise_spans(text)) == SEED_NOISE[stem]


@pytest.mark.parametrize("stem", sorted(SEED_NOISE))
def test_seed_sentences_marked_noise_are_exactly_the_noise_lines(stem: str) -> None:
    text = _seed_text(stem)
    noise = noise_spans(text)
    sents = split_sentences(text, noise)
    assert [text[s.start : s.end] for s in sents if is_noise(noise, s)] == SEED_NOISE[stem]
    assert set(noise) <= set(sents)  # each noise line is one whole sentence span


def test_seed_sentences_with_dutch_quotes() -> None:
    text = _seed_text("004_9c128b1442f25881")
    found = _texts(text, split_sentences(text))
    assert ",,Dit is niet noodzakelijkerwijs een keerpunt in de oorlog." in found
    assert "Maar het onderstreept dat we Rusland niet mogen onderschatten." in found
    assert "We moeten Oekraïne blijven steunen”, aldus Stoltenberg." in found
    quote = ",,Maar we kunnen niet uitsluiten dat Bachmoet definitief valt’’"
    assert f"{quote}, zo voegde hij eraan toe." in found


def test_seed_title_line_is_its_own_sentence() -> None:
    text = _seed_text("002_19c6265daab4d627")
    assert _texts(text, split_sentences(text))[:2] == [
        "Hoe Rusland en Oekraïne vechten om een stad met weinig strategische waarde",
        "De strijd om de Oost-Oekraïense stad Bakhmut lijkt na ruim een half jaar het einde te "
        "naderen.",
    ]


# ------------------------------------------------------------------ noise, invented examples

NOISE_LINES = [
    "Volledig scherm Een Oekraïense tank bij Charkiv © Getty Images",
    "Volledig scherm Soldaten in de loopgraaf © AFP",
    "Soldiers near Kupiansk, Ukraine, Monday, Jan. 9, 2023. (AP Photo/Evgeniy Maloletka)",
    "Ukrainian soldiers near Bakhmut on March 5. (Photo by Aris Messinis/AFP via Getty Images)",
    "Ukrainian servicemen fire a mortar near Bakhmut. (REUTERS/Gleb Garanich)",
    "Oekraïense soldaten bij Bachmoet. REUTERS/Alina Smutko",
    "Een tank bij Kramatorsk. EPA/OLEG PETRASYUK",
    "Een verwoeste flat in Charkiv. Beeld Marcel van den Bergh / de Volkskrant",
    "Een verwoeste flat in Charkiv. Beeld ANP",
    "Soldaten in Bachmoet. Foto ANP",
    "Soldaten in Bachmoet. Foto: Jan Jansen",
    "Soldiers near Kherson. Photo: Alex Babenko/AP",
    "Solar panels on a roof in Lviv. Image: ABB.",
    "Kyiv bij nacht © Telegram",
    "ANP / EPA",
    "© AFP",
    "Belga",
    "2:03 Video afspelen Beelden uit Marioepol",
    "0:31 Play button Drone footage of Bakhmut",
    "1:02:07 Afspelen Interview met de burgemeester van Cherson",
    "Afspelen knop Drone filmt Bachmoet",
]

NOT_NOISE_LINES = [
    "Volgens Reuters/Ipsos steunt 60 procent de regering.",
    "Beeld je in dat Bachmoet valt.",
    "Foto's van de verwoeste stad gingen de wereld rond.",
    "The company Image Consultants was founded in 1990.",
    "Het beeld: Kyiv staat er goed voor.",
    "Om 10:30 speelde het orkest in Kyiv.",
    "De video van Prigozjin ging viraal.",
    "Hij sprak met AP en AFP over de strijd.",
    "Er vielen 20 doden (bron: Oekraïens leger).",
    "Reuters meldt dat Bachmoet valt.",
    "Het kabinet valt. (ANP)",
    "Volledig onverwacht viel Soledar.",
    "Play it again, zei Zelensky in Kyiv.",
    "Bachmoet houdt stand",
]


@pytest.mark.parametrize("line", NOISE_LINES)
def test_invented_captions_are_noise(line: str) -> None:
    text = f"Kyiv werd beschoten.\n  {line}  \nDaarna werd het stil."
    start = text.index(line)
    assert noise_spans(text) == (Span(start, start + len(line)),)


@pytest.mark.parametrize("line", NOT_NOISE_LINES)
def test_invented_sentences_are_not_noise(line: str) -> None:
    assert noise_spans(f"Kyiv werd beschoten.\n{line}\nDaarna werd het stil.") == ()


def test_noise_at_the_very_start_and_end() -> None:
    text = "ANP\nBachmoet valt.\n0:45 Afspelen knop Drone"
    assert _texts(text, noise_spans(text)) == ["ANP", "0:45 Afspelen knop Drone"]


def test_an_overlong_line_is_not_a_caption() -> None:
    paragraph = "Bachmoet ligt onder vuur. " * 30 + "© ANP"
    assert noise_spans(paragraph) == ()


# ------------------------------------------------------------------ sentence splitting

SPLITS = [
    (
        ",,We houden stand.” Dat zei dhr. Zelensky o.a. in Kyiv.",
        [",,We houden stand.”", "Dat zei dhr. Zelensky o.a. in Kyiv."],
    ),
    (
        "Hij zei: ‘Bachmoet valt niet.’ Daarna vertrok hij. \"Wij blijven.\" Zo is het.",
        ["Hij zei: ‘Bachmoet valt niet.’", "Daarna vertrok hij.", '"Wij blijven."', "Zo is het."],
    ),
    (
        "“Soldaten sterven daar bij de honderden.” Dat zei Hajdaj.",
        ["“Soldaten sterven daar bij de honderden.”", "Dat zei Hajdaj."],
    ),
    (
        ",,Is het voorbij?”, vroeg hij. Niemand wist het.",
        [",,Is het voorbij?”, vroeg hij.", "Niemand wist het."],
    ),
    (
        "De winst was 3.5 procent, ca. 2,6 kilometer. Mr. Smith en Gen. Milley waren er.",
        ["De winst was 3.5 procent, ca. 2,6 kilometer.", "Mr. Smith en Gen. Milley waren er."],
    ),
    (
        "On Tuesday, Dec. 27, 2022, the U.S. Army said J. Smith left. It was cold.",
        ["On Tuesday, Dec. 27, 2022, the U.S. Army said J. Smith left.", "It was cold."],
    ),
    (
        "Munitie, granaten e.d. zijn op, d.w.z. er is niets m.b.t. artillerie. Bijv. geen.",
        ["Munitie, granaten e.d. zijn op, d.w.z. er is niets m.b.t. artillerie.", "Bijv. geen."],
    ),
    (
        "Nr. 5 sneuvelde i.p.v. nr. 6. Het was 2022. In maart viel de stad.",
        ["Nr. 5 sneuvelde i.p.v. nr. 6.", "Het was 2022.", "In maart viel de stad."],
    ),
    (
        "Op Jan. 9 viel Soledar. Dr. Jansen, mr. De Vries en Prof. Smit bevestigden het.",
        ["Op Jan. 9 viel Soledar.", "Dr. Jansen, mr. De Vries en Prof. Smit bevestigden het."],
    ),
    ("Wacht... Nee. Toch wel… Ja!", ["Wacht...", "Nee.", "Toch wel…", "Ja!"]),
    ("Hij zei dat... het niet zo was.", ["Hij zei dat... het niet zo was."]),
    ("Kop zonder punt\nEen zin. En nog een.", ["Kop zonder punt", "Een zin.", "En nog een."]),
    ("  Alinea een.  \n\n\n   Alinea twee.\r\n", ["Alinea een.", "Alinea twee."]),
    ("1. Eerste punt\n2. Tweede punt", ["1. Eerste punt", "2. Tweede punt"]),
    ("Wat nu? zei hij. Kyiv!", ["Wat nu? zei hij.", "Kyiv!"]),
    ("Het gebeurde (zie kaart.) Daarna niets.", ["Het gebeurde (zie kaart.)", "Daarna niets."]),
    ("Город пал. Киев стоит.", ["Город пал.", "Киев стоит."]),
    ("", []),
    (" \n\t\n ", []),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text, split_sentences(text)) == expected


def test_noise_line_is_one_sentence_even_with_periods() -> None:
    line = "Smoke over Bakhmut, Tuesday, Dec. 27, 2022. Ukraine. (AP Photo/Libkos)"
    text = f"Bachmoet valt. Kyiv niet.\n{line}\nEinde."
    assert _texts(text, split_sentences(text)) == ["Bachmoet valt.", "Kyiv niet.", line, "Einde."]


def test_given_noise_is_used_instead_of_recomputed() -> None:
    text = "Een zin. Nog een."
    assert split_sentences(text, (Span(0, len(text)),)) == (Span(0, len(text)),)


# ------------------------------------------------------------------ lookups

SENTS = (Span(0, 5), Span(6, 10), Span(12, 20))


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, Span(0, 5)), (4, Span(0, 5)), (5, None), (6, Span(6, 10)), (11, None),
     (19, Span(12, 20)), (20, None), (-1, None), (99, None)],
)  # fmt: skip
def test_sentence_at(offset: int, expected: Span | None) -> None:
    assert sentence_at(SENTS, offset) == expected


def test_sentence_at_empty() -> None:
    assert sentence_at((), 0) is None


NOISE = (Span(10, 20), Span(30, 40))


@pytest.mark.parametrize(
    ("span", "expected"),
    [(Span(10, 20), True), (Span(12, 14), True), (Span(5, 11), True), (Span(19, 25), True),
     (Span(0, 10), False), (Span(20, 30), False), (Span(41, 50), False), (Span(0, 50), True),
     (Span(15, 15), True), (Span(20, 20), False), (Span(10, 10), True)],
)  # fmt: skip
def test_is_noise(span: Span, expected: bool) -> None:
    assert is_noise(NOISE, span) is expected


def test_is_noise_without_noise() -> None:
    assert not is_noise((), Span(0, 5))


def test_doctests() -> None:
    assert doctest.testmod(sentences).failed == 0


# ------------------------------------------------------------------ properties

# Text rich in what the splitter and the caption rules look at.
_PIECES = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", ".", "...", "…", "?", "!", ",", ",,", "”",
     "’", "‘", '"', "'", "(", ")", "©", "ANP", "/", "Beeld", "Foto", "Photo", "0:45",
     "Afspelen knop", "Volledig scherm", "Dr", "o.a", "U.S", "J", "3.5", "Bachmoet", "de",
     "stad", "Kyiv", "Киев", "é"]
)  # fmt: skip
NEWS_TEXT = st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.text(max_size=200))


@given(NEWS_TEXT)
@example("Dr. J. Smith. . ”x")
def test_split_sentences_invariants(text: str) -> None:
    spans = split_sentences(text)
    covered = set()
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        covered.update(range(span.start, span.end))
        previous_end = span.end
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@given(NEWS_TEXT)
def test_noise_spans_are_trimmed_whole_lines_and_sentences(text: str) -> None:
    noise = noise_spans(text)
    assert list(noise) == sorted(set(noise), key=lambda s: s.start)
    for span in noise:
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        assert text[span.start : span.end] == line.strip()
    assert set(noise) <= set(split_sentences(text, noise))


@given(NEWS_TEXT, st.integers(-2, 260))
def test_sentence_at_agrees_with_a_linear_scan(text: str, offset: int) -> None:
    spans = split_sentences(text)
    expected = next((s for s in spans if s.start <= offset < s.end), None)
    assert sentence_at(spans, offset) == expected


_CAPTION_PIECES = st.sampled_from(
    [" ", "  ", "©", "Foto", "Foto's", "Beeld", "Photo", "Photograph", "Image", "Credit", ":",
     "(", ")", "/", " / ", "AP", "ANP", "EPA", "REUTERS", "Getty Images", "Belga Image", "HH",
     "Alina Smutko", "van den", "Bergh", "x", "Bachmoet", ".", "!", "–", "-", "|", ",", " & ",
     "0:45", "1:02:03", "Afspelen knop", "Play video", "Volledig scherm", "Bekijk de video"]
)  # fmt: skip
_ONE_ALTERNATION = re.compile("|".join(rule for rule, _, _ in sentences._NOISE_RULES))


@given(st.lists(_CAPTION_PIECES, min_size=1, max_size=16).map("".join))
@example("Ook in de video (nog) geen spoor.")  # a paragraph the one alternation took 1 ms on
@example("Kyiv, 3 May (Reuters) - Zelensky said")
def test_noise_rules_tried_one_by_one_agree_with_their_alternation(line: str) -> None:
    """The rules are only run on lines holding the strings each needs (sentences._RULES):
    a rule that needs a string its pattern does not would lose captions."""
    line = line.strip()
    assume(line)
    expected = len(line) <= 600 and _ONE_ALTERNATION.fullmatch(line) is not None
    assert sentences._is_noise_line(line, 0, len(line)) == expected
