"""Sentences in another language than their article's: read by their own language's rules.

Dutch and German papers print agency photo captions in English as they come
("Smoke billows after Russian attacks in the outskirts of Bakhmut, Ukraine,
Tuesday, Dec. 27, 2022 (AP Photo)"), and quote English statements verbatim. The
article's rules find no event words in them, so their events were lost (one of
the seeds' three strikes, issue 18). A sentence where the article's rules find
nothing is asked which Latin-script language it is in, by its function words.
"""

from __future__ import annotations

from mapapp.corpus.reader import guess_lang

# Only these are told apart by function words; Cyrillic articles keep their own rules.
_LATIN = ("nl", "en", "de")


def sentence_lang(text: str, start: int, end: int, article_lang: str) -> str | None:
    """The language of ``text[start:end]`` where it is surely another of nl/en/de than the
    article's, else None.

    >>> sentence_lang("Zwaar. Smoke billows after the attacks on the city.", 7, 51, "nl")
    'en'
    >>> sentence_lang("Bachmoet ligt onder vuur.", 0, 25, "nl") is None
    True
    """
    if article_lang not in _LATIN:
        return None
    lang = guess_lang(text[start:end])
    return lang if lang in _LATIN and lang != article_lang else None
