"""Which Cyrillic language a text is in, from the letters only one of them uses.

Ukrainian writes і, ї, є and ґ; Russian ы, э and ё; Belarusian ў; Serbian
ђ and ћ; Macedonian ѓ, ќ and ѕ; Bulgarian uses ъ as a vowel inside words and
none of ы, э, і. A letter of one language, three times as many as of
the other, is evidence enough: a Ukrainian paragraph holds dozens of і, a
Russian one dozens of ы; a long text with neither is Russian. The guess is ""
when the text is not mostly Cyrillic or the letters disagree.

>>> guess_cyrillic("Бої тривають поблизу Кліщіївки та Андріївки.")
'uk'
>>> guess_cyrillic("Бои идут под Угледаром, сообщили в Минобороны.")
'ru'
"""

from __future__ import annotations

from collections import Counter

# Letters of one Cyrillic language each (lower case), checked in this order.
MARKERS: dict[str, frozenset[str]] = {
    "be": frozenset("ў"),
    "mk": frozenset("ѓќѕ"),
    "sr": frozenset("ђћ"),
    "uk": frozenset("іїєґ"),
    "ru": frozenset("ыэё"),
}
MIN_LETTERS = 40  # Cyrillic letters it takes to call a text without any marker Russian
SAMPLE = 3000  # characters read: the guess is made once per article, on its start


def guess_cyrillic(text: str) -> str:
    """'uk', 'ru', 'be', 'bg', 'sr' or 'mk' for a mostly Cyrillic text; '' when unsure."""
    sample = text[:SAMPLE].lower()
    letters = [ch for ch in sample if ch.isalpha()]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in letters)
    if not letters or cyrillic * 2 < len(letters):
        return ""
    counts = Counter(sample)
    found = {lang: sum(counts[ch] for ch in chars) for lang, chars in MARKERS.items()}
    for lang in ("be", "mk", "sr"):
        if found[lang]:
            return lang
    uk, ru = found["uk"], found["ru"]
    if uk and uk >= 3 * ru:
        return "uk"
    if ru and ru >= 3 * uk:
        return "ru"
    if uk + ru == 0:
        # Bulgarian writes ъ as a vowel; Russian is the one without a letter of its own in
        # most sentences, while a Ukrainian paragraph without і is rare.
        if counts["ъ"]:
            return "bg"
        if cyrillic >= MIN_LETTERS:
            return "ru"
    return ""
