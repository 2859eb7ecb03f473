"""Where a word stands in its text: sentence starts, titles, the words either side.

Recognition weighs a name by its neighbours ("Gov. Hugh Carey", "said Smith.
Carey was …"), and these questions are the same for every rule and language,
so they live here, apart from the rules in ``recognise`` and ``recognise_en``.
"""

from __future__ import annotations

from mapapp.text.name_keys import WORD_RE
from mapapp.text.wordlists import DOT_ABBREVIATIONS

JOINERS = str.maketrans("", "", "-'’")
# What ends a token (besides white space): see token_before.
_TOKEN_STOPS = frozenset(',.;:!?()"“”')


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence (quotes, dashes and a title's full stop looked past)."""
    if start >= 2 and text[start - 1] == " " and text[start - 2].isalnum():
        return False  # the cheap test: a word and a space before (most names of a text)
    i = start - 1
    while i >= 0 and text[i] in " \t\"'‘’“”„,«»([-–—*•":
        if text[i] == "," and i > 0 and text[i - 1] != ",":
            return False  # a lone comma continues the sentence; ",," opens a Dutch quote
        i -= 1
    if i >= 0 and text[i] == "." and abbreviation_before(text, i):
        return False
    return i < 0 or text[i] in ".!?:;\n…"


def abbreviation_before(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes a title or initial ("Gov.", "H."), not a sentence."""
    j = dot
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:dot]
    if j > 0 and not text[j - 1].isspace() and text[j - 1] not in "\"'‘“(":
        return False
    return (len(word) == 1 and word.isupper()) or (
        word[:1].isupper() and word.lower() in DOT_ABBREVIATIONS)


def word_before(text: str, start: int) -> tuple[str, int] | None:
    """The word directly before ``start`` (one space apart), and its start."""
    if start < 2 or text[start - 1] != " ":
        return None
    # Searched in place, not in a slice, and without max(): this runs for most capitalised
    # words of a text. A line break or tab after the last space is rare, and would be in the
    # word: looked for there.
    lo, end = start - 40 if start > 40 else 0, start - 1
    wstart = text.rfind(" ", lo, end) + 1 or lo  # 0: no space in the window
    word = text[wstart:end]
    if word.isalpha():
        return word, wstart  # the cheap test: a plain word, as most words before a name are
    if "\n" in word or "\t" in word:
        wstart += max(word.rfind("\n"), word.rfind("\t")) + 1
        word = text[wstart:end]
    if word.endswith(".") and len(word) > 1:
        if not abbreviation_before(text, wstart + len(word) - 1):
            return None  # "… said Smith. Carey was …": a sentence ends there
        bare = word[:-1]
    else:
        bare = word
    # A plain word passes on the cheap test; only "O'Brien" or "Sint-Jan" needs the joiners out.
    if not bare[:1].isalpha() or not (bare.isalpha() or bare.translate(JOINERS).isalpha()):
        return None
    return word, wstart


def word_end(text: str, start: int) -> int:
    """Where the word (``WORD_RE``) that starts at ``start`` ends; ``start`` if none does.

    A plain word followed by a space is found with str methods, 2× faster than
    the regular expression: recognition asks for the word after most names.
    """
    stop = text.find(" ", start, start + 40)
    if stop > start and text[start:stop].isalpha():
        return stop  # letters only, then a space: where WORD_RE would stop too
    m = WORD_RE.match(text, start)
    return m.end() if m else start


def last_word_before(text: str, start: int) -> str:
    """``words_before(text, start)[-1]``, or '' where that has no word: only the last word
    is cut out of the window and lowered, not all of it."""
    if not start or not text[start - 1].isspace():
        return ""
    words = text[max(0, start - 40):start].rsplit(None, 1)
    return words[-1].lower() if words else ""


def next_word(text: str, end: int) -> tuple[str, str] | None:
    """The separator (" " or "-") and the word right after ``end``."""
    if end >= len(text) or text[end] not in " -":
        return None
    stop = word_end(text, end + 1)
    return (text[end], text[end + 1:stop]) if stop > end + 1 else None


def token_before(text: str, start: int) -> str | None:
    """The token right before ``start``, one space apart, within 40 characters; no space
    or punctuation (,.;:!?()"“”) in it.

    What the regular expression ``([^\\s,.;:!?()"“”]+) $`` finds searched
    from ``start - 40`` to ``start`` (its ``$`` also before a final line
    break), walked back by hand: the search tries every position of the
    window, and this runs for most capitalised names of an English text.
    """
    lo, end = max(0, start - 40), start - 1
    if end >= lo and text[end] == "\n":
        end -= 1
    if end <= lo or text[end] != " ":
        return None
    i = end
    while i > lo and not text[i - 1].isspace() and text[i - 1] not in _TOKEN_STOPS:
        i -= 1
    return text[i:end] if i < end else None
