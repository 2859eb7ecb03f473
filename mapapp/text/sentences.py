"""Sentences and caption noise in news text, as spans into the original string.

The geoparser shows a sentence as the excerpt for a place, and scraped news
text carries photo captions, credits and video-player labels that name places
too ("Volledig scherm Oekraïense troepen in de regio Donetsk © ANP / EPA").
Those must still be geoparsed (they are part of the text the gold offsets
index) but never shown as an excerpt. This module finds both, working on
offsets only, so every later stage can point back into exactly what the
reader sees. It runs on tens of megabytes, so the scanning is done by compiled
regular expressions and Python only loops over candidate lines and
candidate sentence ends.

A *line* is a run of text between newlines, trimmed of whitespace; single
newlines end sentences (headlines have no final punctuation) and a caption is
always a whole line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from mapapp.model import Span

# A trimmed, non-blank line: first to last non-whitespace character before a newline.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")

# Captions longer than this are paragraphs that happen to mention a credit word.
_MAX_CAPTION = 600

# Photo and news agencies that appear as credits in Dutch, Belgian and wire captions.
_AGENCY = (
    r"(?:ANP|EPA(?:-EFE)?|EFE|AFP|AP|Reuters|REUTERS|Getty Images|Getty|Belga(?: Image)?"
    r"|BELGA|Photo News|PHOTO NEWS|Hollandse Hoogte|HH|Shutterstock|Xinhua|TASS|Sputnik"
    r"|RIA Novosti|dpa|DPA|Ukrinform|UNIAN|Anadolu|Bloomberg|iStock|ImageSelect"
    r"|Imageselect|BSR Agency|Pro Shots|Sipa|SIPA|Alamy|Maxar(?: Technologies)?|Planet Labs)"
)
_PHOTO_WORD = r"(?:Foto's|Fotos|Foto|Photos|Photo|Photograph|Image|Beeld|Credit)"
_CAPITAL = r"[A-ZÀ-ÖØ-Þ0-9]"
# A photographer's name: "Alina Smutko", "OLEG PETRASYUK", "Marcel van den Bergh".
_NAME = (
    rf"{_CAPITAL}[\w'’.-]*(?:\s+(?:(?:van|de|der|den|ter|von|da|di|le|la|el|al)\s+)*"
    rf"{_CAPITAL}[\w'’.-]*){{0,4}}"
)

# Every caption rule below needs one of these in its line (except a bare agency line, see
# _BARE_CREDIT). Plain literals, so the scan over megabytes is fast; the rules then run on
# the few lines that hold one.
_MARKER = re.compile(
    r"©|Volledig scherm|fspelen|Play|ideo|Speel af|Foto|Photo|Image|Beeld|Credit|/"
)
# A line that is only a credit: "ANP", "AFP / Getty Images", "© Belga". Searched as
# newline + credit (a literal first character keeps the scan fast), the first line apart.
_BARE_CREDIT_LINE = (
    rf"[^\S\n]*(?:©\s*)?{_AGENCY}(?:[^\S\n]*[/,&|][^\S\n]*{_AGENCY})*[^\S\n]*(?=\n|\Z)"
)
_BARE_CREDIT = re.compile("\n" + _BARE_CREDIT_LINE)
_BARE_CREDIT_FIRST = re.compile(_BARE_CREDIT_LINE)

# Each rule must match a whole trimmed line, and with the strings it needs (see _RULES).
_PHOTO_WORDS = ("Foto", "Photo", "Image", "Beeld", "Credit")  # each _PHOTO_WORD holds one
_NOISE_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    # (pattern, strings the line must all hold, strings it must hold one of)
    # Dutch sites' full-screen button, followed by the caption: "Volledig scherm …".
    (r"Volledig scherm\b.*", (), ()),
    # Video player: "0:45 Afspelen knop Drone filmt …", "1:02:03 Play video …".
    (r"(?:\d{1,2}:)?\d{1,2}:\d{2}\s+(?:Afspelen|Video afspelen|Play|Bekijk(?: de)? video"
     r"|Speel af)\b.*", (), ()),
    (r"(?:Afspelen knop|Video afspelen|Play button|Play video)\b.*", (), ()),
    # A credit at the end: "… © ANP / EPA", "… © Telegram".
    (r".*©[^©]{0,80}", ("©",), ()),
    # "… Beeld Photo News", "Beeld ANP / EPA", "… Foto ANP", "Foto: Jan Jansen".
    (rf"(?:.*[\s(|–-])?(?:Beeld|Foto's|Foto)(?::\s*|\s+){_CAPITAL}[^.!?]{{0,80}}\)?", (),
     ("Beeld", "Foto")),
    # "… Photo: Alex Babenko/AP", "… Image: ABB.", "… Credit: Ambulance Service."
    (rf"(?:.*[\s(|–-])?{_PHOTO_WORD}\s*:\s*{_CAPITAL}[^.!?]{{0,80}}\.?\)?", (":",),
     _PHOTO_WORDS),
    # Wire credit in brackets, maybe followed by another: "(AP Photo/Libkos) Beeld AP".
    (rf".*\((?:[^()]{{0,40}}\s)?{_PHOTO_WORD}\b[^()]{{0,80}}\)[^.!?()]{{0,40}}", ("(", ")"),
     _PHOTO_WORDS),
    (rf".*\({_AGENCY}\s*/\s*[^()]{{1,60}}\)[^.!?()]{{0,40}}", ("(", "/", ")"), ()),
    # Agency and photographer at the end: "… REUTERS/Alina Smutko", "… ANP / EPA".
    (rf"(?:.*\s)?{_AGENCY}(?:\s*/\s*{_AGENCY})*\s*/\s*{_NAME}", ("/",), ()),
    # A line that is only a credit (found by _BARE_CREDIT).
    (rf"(?:©\s*)?{_AGENCY}(?:\s*[/,&|]\s*{_AGENCY})*", (), ()),
)
# The rules apart, each run only on a line that holds the strings it needs: a rule that
# opens with ".*" tries every split of the line, and as one alternation they took up to
# a millisecond on a paragraph that names a video or holds a slash (a line is noise when
# one rule matches it whole, so trying them one by one finds the same lines).
_RULES = tuple((re.compile(pattern), every, some) for pattern, every, some in _NOISE_RULES)

# A sentence end: terminators (group 1), closing quotes or brackets (group 2), then
# whitespace and the first character of what may be the next sentence (group 3).
# (The first terminator is written out, not "+", so the regex engine can skip ahead to it.)
_END = re.compile(r"([.!?…。！？][.!?…。！？]*)([\"'”’»“)\]]*)[^\S\n]+(?=(\S))")

_OPENERS = frozenset("\"'“‘„«‹‚([¿¡–—-•*")

# Abbreviations compared case-insensitively (Dutch: "o.a.", "bijv.", "dhr."; "Bijv." too).
# (Word lists read better as words, hence the split and its noqa.)
_ABBREV_ANY_CASE = frozenset(
    """o.a bijv bv b.v dhr mevr mw mr dr drs ir ing prof nr nrs ca m.b.t e.d d.w.z i.p.v
    t.o.v m.n zgn a.s jl j.l incl excl resp evt vs blz pag art afd e.a i.v.m n.a.v t.a.v
    v.d v.chr n.chr mrt okt sept e.g i.e""".split()
)
# English titles and months, only as written with a capital (so "no." stays a sentence end).
_ABBREV_CAPITALISED = frozenset(
    """Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sgt Sen Rep Gov Pres Adm Cmdr St Mt Ft Jr Sr
    No Nos Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, m.b.t, a.m (the final "." follows)
_WORD_LEAD = "\"'“‘„«‹‚(["


def _start_key(span: Span) -> int:
    return span.start


def _is_abbreviation(word: str) -> bool:
    """Whether ``word`` (the token before a single ".") is an abbreviation or an initial."""
    word = word.lstrip(_WORD_LEAD)
    if len(word) < 2:
        return word.isupper()  # an initial: "J. Smith"
    return (
        word in _ABBREV_CAPITALISED
        or word.lower() in _ABBREV_ANY_CASE
        or ("." in word and _INITIALISM.fullmatch(word) is not None)
    )


def _starts_sentence(text: str, i: int) -> bool:
    """Whether the character at ``i`` can begin a sentence (not lower case, not a comma)."""
    ch = text[i]
    if ch.isupper() or ch.isdigit() or ch in _OPENERS:
        return True
    if ch == ",":
        return text.startswith(",,", i)  # the Dutch opening quote ,,
    return ch.isalpha() and not ch.islower()  # scripts without case


def _is_end(text: str, match: re.Match[str], line_start: int) -> bool:
    """Whether a candidate from ``_END`` really ends a sentence."""
    i = match.start(3)
    if not text[i].isupper() and not _starts_sentence(text, i):  # (most begin with a capital)
        return False
    stop, stop_end = match.span(1)
    if stop_end - stop > 1 or text[stop] != ".":
        return True  # "?", "!", "..." are never abbreviations
    # The word before the ".": abbreviations are short, so only the last 24 characters matter.
    window = stop - 24 if stop - 24 > line_start else line_start  # (max() costs 10x more)
    word_start = text.rfind(" ", window, stop) + 1 or window
    word = text[word_start:stop]
    if word_start == line_start and word.isdigit():
        return False  # a numbered list item: "1. Eerste punt"
    return not _is_abbreviation(word)


def _is_noise_line(text: str, start: int, end: int) -> bool:
    if end - start > _MAX_CAPTION:
        return False
    line = text[start:end]
    has = line.__contains__
    for rule, every, some in _RULES:
        if (all(map(has, every)) and (not some or any(map(has, some)))
                and rule.fullmatch(text, start, end) is not None):
            return True
    return False


def noise_spans(text: str) -> tuple[Span, ...]:
    """Caption, credit and video-player lines of ``text``, as trimmed whole-line spans.

    Recognised by shape, not by wording: a line starting "Volledig scherm", a
    line ending in a credit ("© ANP / EPA", "Beeld AP", "Foto: …", "(AP
    Photo/…)", "REUTERS/Name"), a line that is only an agency name, and a
    player line ("0:45 Afspelen knop …", "1:10 Play video …").

    >>> text = "Kyiv valt niet.\\n0:45 Afspelen knop Drone boven Bakhmut\\nEinde."
    >>> [text[s.start:s.end] for s in noise_spans(text)]
    ['0:45 Afspelen knop Drone boven Bakhmut']
    """
    starts = {match.start() + 1 for match in _BARE_CREDIT.finditer(text)}
    if _BARE_CREDIT_FIRST.match(text):
        starts.add(0)
    pos = 0
    while (marker := _MARKER.search(text, pos)) is not None:
        starts.add(text.rfind("\n", 0, marker.start()) + 1)
        pos = text.find("\n", marker.end()) + 1
        if pos == 0:
            break
    spans = []
    for line_start in sorted(starts):
        line_end = text.find("\n", line_start)
        line = _LINE.search(text, line_start, len(text) if line_end < 0 else line_end)
        if line is not None and _is_noise_line(text, line.start(), line.end()):
            spans.append(Span(line.start(), line.end()))
    return tuple(spans)


def split_sentences(text: str, noise: Sequence[Span] | None = None) -> tuple[Span, ...]:
    """Sentence spans of Dutch or English news ``text``, trimmed and in order.

    A sentence ends at ".", "!", "?" or an ellipsis (after any closing quote
    or bracket: ``,,Het is voorbij.”``) when the next sentence starts with a
    capital, a digit or an opening quote, and not after an abbreviation or
    initial ("o.a.", "Dec.", "U.S.", "J."); every line end ends a sentence.
    Lines in ``noise`` (default: ``noise_spans(text)``) are kept whole, so a
    caller can drop them with :func:`is_noise`.

    >>> text = ",,We houden stand.” Dat zei dhr. Zelensky o.a. in Kyiv.\\nNieuwe kop"
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    [',,We houden stand.”', 'Dat zei dhr. Zelensky o.a. in Kyiv.', 'Nieuwe kop']
    """
    if noise is None:
        noise = noise_spans(text)
    whole = {span.start: span.end for span in noise}
    bounds: list[int] = []  # start, end of each sentence in turn (made Spans at the end)
    # _END matches never cross a newline, so one scan over the whole text serves every line.
    ends = _END.finditer(text)
    end_match = next(ends, None)
    at = end_match.start() if end_match is not None else len(text)
    for line in _LINE.finditer(text):
        start, end = line.span()
        bounds.append(start)
        if at < end:  # the line holds candidate ends (most lines of news hold one or two)
            keep_whole = whole.get(start, -1) >= end
            while at < end:
                if not keep_whole and _is_end(text, end_match, start):  # type: ignore[arg-type]
                    bounds += end_match.end(2), end_match.start(3)  # type: ignore[union-attr]
                end_match = next(ends, None)
                at = end_match.start() if end_match is not None else len(text)
        bounds.append(end)
    return tuple(map(Span, bounds[::2], bounds[1::2]))


def sentence_at(sentences: Sequence[Span], offset: int) -> Span | None:
    """The sentence holding character ``offset``, or None (between sentences, out of range).

    ``sentences`` must be sorted and non-overlapping, as :func:`split_sentences`
    returns them; the lookup is a binary search.
    """
    i = bisect_right(sentences, offset, key=_start_key) - 1
    if i >= 0 and offset < sentences[i].end:
        return sentences[i]
    return None


def is_noise(noise: Sequence[Span], span: Span) -> bool:
    """Whether ``span`` shares a character with a noise span (an empty span: lies inside one).

    ``noise`` must be sorted and non-overlapping, as :func:`noise_spans` returns it.
    """
    # The last noise span starting before ``span`` ends is the only one that can reach it.
    limit = span.end if span.end > span.start else span.start + 1
    i = bisect_left(noise, limit, key=_start_key) - 1
    return i >= 0 and noise[i].end > span.start
