"""Finding a language's trigger words in a sentence fast (issue 18: events at ≤ 20 % of
geoparsing time).

The rules are one alternation of a few hundred word patterns, matched
case-insensitively. Python's ``re`` pays dearly for that: a case-insensitive
literal is compared through a case-folding call, and an alternative whose
first character cannot match is only skipped cheaply when that character is
a plain literal; and one named group per rule makes the engine enter every
rule at every word start. So the scanner matches the *lower-cased* sentence
(same length, same offsets) with the rules lower-cased and compiled
case-sensitively, as one flat alternation whose alternatives each end in an
empty marker group that names their rule. The order of the alternatives is
the rules' order, so every match is the one the plain pattern finds.

A few alternatives look at capitals (``(?-i:[A-Z])``: "occupied Bakhmut" but
not "occupied by"); lower-cased they accept more than they should, so a match
of one is checked against the plain pattern, and where they disagree the
sentence is read with the plain pattern. So is a sentence whose lower case
changes its length (a rare Unicode character such as "İ").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from functools import cached_property
from itertools import compress

from mapapp.geoparse.events.first_words import Openers, WordMemo, split_alternatives

# (start, end, index of the rule) of one trigger word in a sentence
Found = tuple[int, int, int]
_WORD = re.compile(r"\w+")
_OPENING = re.compile(r"(?<![\w-])\w+")  # the words a trigger may start at (see Scanner)
_last_lowered = ["", ""]  # the text last lower-cased for a Folded pattern, and its lower case
_KEPT_WORDS = 200_000  # distinct words whose gate is remembered (then forgotten at once)
_KEPT_SUBSETS = 20_000  # patterns of the alternatives that open at a word (see Scanner)


def lower_pattern(pattern: str) -> str:
    """``pattern`` with its literal letters lower-cased; escapes (``\\W``, ``\\S``) and
    named groups (``(?P<ru>``) kept."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\" or pattern.startswith("(?P", i):
            size = 2 if pattern[i] == "\\" else 3
            out.append(pattern[i:i + size])
            i += size
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


class Folded:
    """A case-insensitive pattern matched on the lower-cased text, as fast as a plain one.

    The same calls as ``re.Pattern`` (search, match, fullmatch, finditer), on the
    original text; the matches index the lower-cased copy (same offsets, so
    ``group()`` is lower case). A pattern that looks at capitals is not folded
    (see :func:`compile_folded`).
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @cached_property
    def _low(self) -> re.Pattern[str]:
        """The lower-cased pattern, compiled when first used (see :class:`Lazy`)."""
        return re.compile(lower_pattern(self.pattern))

    @cached_property
    def _plain(self) -> re.Pattern[str]:
        """The pattern for the rare text whose lower case changes its length."""
        return re.compile(self.pattern, re.IGNORECASE)

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        if text is _last_lowered[0]:  # the reader asks many patterns about one sentence
            low = _last_lowered[1]
        else:
            low = text.lower()
            _last_lowered[:] = [text, low]
        return (self._low, low) if len(low) == len(text) else (self._plain, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, s = self._pick(text)
        return rx.search(s, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, s = self._pick(text)
        return rx.match(s, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                  ) -> re.Match[str] | None:
        rx, s = self._pick(text)
        return rx.fullmatch(s, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        rx, s = self._pick(text)
        return rx.finditer(s, pos, endpos)


class Lazy:
    """A pattern compiled when first used, with the calls of ``re.Pattern`` the reader makes.

    Compiling every language's rules took 0.15-0.2 s of each start (``re`` compiles in
    Python), and a corpus needs few of them: its own languages' (a Dutch corpus never
    reads German), and of those only the patterns its sentences reach. Compiled on
    first use, each worker compiles what it needs, at the same time as the other.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self._flags)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                  ) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)


def compile_folded(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled case-insensitively: :class:`Folded` unless it looks at capitals.
    Either is compiled when first used (see :class:`Lazy`)."""
    if "(?-i:" in pattern:
        return Lazy(pattern, re.IGNORECASE)  # type: ignore[return-value]  # re.Pattern's calls
    return Folded(pattern)  # type: ignore[return-value]  # the same calls as re.Pattern


class Scanner:
    """The trigger words of one language, found as ``plain.finditer`` finds them, faster.

    ``patterns`` are the rules' patterns; ``plain`` the case-insensitive pattern of
    all of them, one group ``r<i>`` per rule, between the word-edge guards (see
    ``lexicon.compile_words``).
    """

    def __init__(self, patterns: Sequence[str], plain: re.Pattern[str],
                 stems: Sequence[str] = ()) -> None:
        alternatives = [(i, alt) for i, pattern in enumerate(patterns)
                        for alt in split_alternatives(pattern)]
        self._rule = [i for i, _ in alternatives]
        self._cased = {k for k, (_, alt) in enumerate(alternatives) if "(?-i:" in alt}
        self._lowered = [lower_pattern(alt) for _, alt in alternatives]
        self._plain = plain
        stems = tuple(stems)
        self._holds = WordMemo(lambda word: any(stem in word for stem in stems), _KEPT_WORDS)
        openers = Openers.of(self._lowered)
        self._by_word = WordMemo(lambda word: self._subset(openers.at(word)), _KEPT_WORDS
                                 ) if openers else None
        self._subsets: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    @cached_property
    def _fast(self) -> re.Pattern[str]:
        """All alternatives in one pattern, for a rule set whose first words are not known."""
        return self._compile(tuple(range(len(self._rule))))

    def _compile(self, chosen: tuple[int, ...]) -> re.Pattern[str]:
        """The alternation of the ``chosen`` alternatives (in the rules' order), each
        marked by an empty group ``a<k>`` that names it, between the word-edge guards."""
        body = "|".join(f"{self._lowered[k]}(?P<a{k}>)" for k in chosen)
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w])")

    def _subset(self, chosen: tuple[int, ...]) -> re.Pattern[str] | None:
        """The pattern of the alternatives that may open at one word (shared by the words
        that open the same ones)."""
        if chosen not in self._subsets:
            if len(self._subsets) > _KEPT_SUBSETS:
                self._subsets.clear()
            self._subsets[chosen] = self._compile(chosen) if chosen else None
        return self._subsets[chosen]

    def may_hold(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` may hold a trigger: a word of it holds a stem.

        Every trigger holds a stem (the rules' tests check it), and the words of
        a corpus repeat, so each distinct word is tested against the stems once.
        """
        return any(map(self._holds.__getitem__, _WORD.findall(text[start:end].lower())))

    def find(self, text: str) -> list[Found]:
        """(start, end, rule) of each trigger word of ``text``, in order."""
        low = text.lower()
        if len(low) == len(text):
            out: list[Found] = []
            for m in self._matches(low):
                k = int(m.lastgroup[1:])  # type: ignore[index]
                found = (m.start(), m.end(), self._rule[k])
                if k in self._cased and self._plain_at(text, m.start()) != found:
                    break
                out.append(found)
            else:
                return out
        return [(m.start(), m.end(), int(m.lastgroup[1:]))  # type: ignore[index]
                for m in self._plain.finditer(text)]

    def _matches(self, low: str) -> Iterator[re.Match[str]]:
        """``_fast.finditer(low)``, each word start tried only with the alternatives that
        may open at its word.

        A match starts at a word start (the guard ``(?<![\\w-])``) and every
        alternative's first word is known (``first_words``): the others cannot match
        there, and of those that can, the first in the rules' order still wins. The
        pattern looks behind the start as finditer would.
        """
        if self._by_word is None:
            yield from self._fast.finditer(low)
            return
        words = list(_OPENING.finditer(low))
        patterns = list(map(self._by_word.__getitem__, map(re.Match.group, words)))
        done = 0  # most words open no trigger: the loop sees only those that may
        for word, rx in zip(compress(words, patterns), filter(None, patterns), strict=True):
            start = word.start()
            if start >= done and (m := rx.match(low, start)):
                done = m.end()
                yield m

    def _plain_at(self, text: str, pos: int) -> Found | None:
        m = self._plain.match(text, pos)
        return (m.start(), m.end(), int(m.lastgroup[1:])) if m else None  # type: ignore[index]
