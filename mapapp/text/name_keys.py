"""Name keys: the one normalisation shared by the gazetteer index and the text.

A place name and a stretch of article text meet only if they produce the same
key, so both sides must be cut into words and folded by the same code. Keys
ignore case, diacritics, apostrophe style and the difference between a hyphen
and a space ("Sint-Petersburg" = "Sint Petersburg", "Märsta" = "Marsta",
"Kam’janka" = "Kam'janka"), which is how spellings differ between newsrooms
without changing the name.

>>> name_key("Oost-Oekraïne")
'oost oekraine'
>>> name_key("St. Petersburg")
'st petersburg'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A word: letters, with apostrophes allowed inside (Kam'janka, d'Ivoire).
WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
# Letters NFKD does not decompose but which writers drop anyway.
_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                        "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ð": "d",
                        "þ": "th"})


@lru_cache(maxsize=500_000)
def word_key(word: str) -> str:
    """Fold one word: case, diacritics, apostrophe style."""
    folded = unicodedata.normalize("NFKD", word.translate(_EXTRA))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return folded.casefold().translate(_APOSTROPHES)


def name_key(name: str) -> str:
    """The index key of a name: its words folded and joined by single spaces."""
    return " ".join(word_key(w) for w in WORD_RE.findall(name))


def is_cyrillic(text: str) -> bool:
    """True when the text holds at least one Cyrillic letter."""
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def is_latin(text: str) -> bool:
    """True when every letter of the text is Latin (with diacritics)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" for ch in letters)


def words_before(text: str, start: int) -> list[str]:
    """The (lower-case) words in the 40 characters before an offset, if it follows a space."""
    if not start or not text[start - 1].isspace():
        return []
    return text[max(0, start - 40):start].lower().split()[-4:]
