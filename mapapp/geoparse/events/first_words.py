"""Which words a trigger can begin with, so the scanner tries the rules only there.

The trigger alternation is tried at every word start of a sentence, and each
try walks a few hundred alternatives (those that open with ``\\w*`` walk the
whole word). A sentence that reports something has two or three words that can
open a trigger among twenty-odd; this module tells them apart from the
patterns themselves, per distinct word, once.

A match of ``(?<![\\w-])(?:A)(?![\\w])`` starts at a word start and, ending
where no word character follows, covers the whole first word ``w``. So a
literal run that ``A`` opens with must begin ``w`` (``veroverd`` …), and a
run after a leading ``\\w*`` must lie inside ``w`` (``\\w*gevecht``). Groups
(``(?:nam|namen)``) and optional ones (``(?:zwaar\\s+)?beschoten``) give the
union of their alternatives'. An alternative these forms do not cover gives
None: the scanner then tries every word start, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

# ("^", lit): the first word starts with lit; ("in", lit): it holds lit ("" holds always)
Test = tuple[str, str]
_QUANT = "?*+{"
V = TypeVar("V")


def _syntax(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each ``(``, ``)`` and ``|`` of
    ``pattern`` outside escapes and character classes."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1  # "[]…]": a closing bracket first is a member
        elif c in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[c]
            yield i, c, depth
        i += 1


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (``a|b(c|d)`` → ``a``, ``b(c|d)``).

    >>> split_alternatives(r"a|b(?:c|d)|[|]\\|")
    ['a', 'b(?:c|d)', '[|]\\\\|']
    """
    out, start = [], 0
    for i, c, depth in _syntax(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _close(pattern: str) -> int:
    """The index of the ``)`` closing the group ``pattern`` opens with."""
    return next(i for i, c, depth in _syntax(pattern) if c == ")" and depth == 0)


def _word_run(pattern: str, i: int) -> int:
    """The end of the run of plain word characters (no escapes, no syntax) from ``i``."""
    while i < len(pattern) and (pattern[i].isalnum() or pattern[i] == "_"):
        i += 1
    return i


def _skip_quantifier(pattern: str, i: int) -> tuple[int, bool]:
    """(index after a quantifier at ``i``, whether it allows zero repeats)."""
    if i >= len(pattern) or pattern[i] not in _QUANT:
        return i, False
    if pattern[i] == "{":
        end = pattern.index("}", i)
        optional = pattern[i + 1:end].split(",")[0].strip() in ("", "0")
        i = end + 1
    else:
        optional = pattern[i] != "+"
        i += 1
    return (i + 1 if pattern[i:i + 1] == "?" else i), optional  # a lazy "?" after it


def _literal(pattern: str, i: int) -> str:
    """The literal word run at ``i``, less a last character a quantifier makes optional."""
    end = _word_run(pattern, i)
    return pattern[i:end - 1] if pattern[end:end + 1] in tuple(_QUANT) else pattern[i:end]


def first_word_tests(alternative: str) -> list[Test] | None:
    """What the first word of any match of ``alternative`` (lower-cased) must satisfy.

    >>> first_word_tests(r"(?:zwaar\\s+)?beschoten")
    [('^', 'zwaar'), ('^', 'beschoten')]
    >>> first_word_tests(r"\\w*[kk]ämpfe\\w*"), first_word_tests(r"drones?")
    ([('in', 'ämpfe')], [('^', 'drone')])
    >>> first_word_tests(r"[a-z]+") is None
    True
    """
    if alternative.startswith(r"\w*"):
        i = 3
        if alternative.startswith("[", i):
            end = alternative.index("]", i)
            if not all(c.isalnum() for c in alternative[i + 1:end]):
                return None
            i = end + 1
        elif _word_run(alternative, i) == i:
            return None  # what follows "\w*" may start with a non-word character
        return [("in", _literal(alternative, i))]
    if alternative.startswith("(?:"):
        end = _close(alternative)
        tests: list[Test] = []
        for inner in split_alternatives(alternative[3:end]):
            found = first_word_tests(inner)
            if found is None:
                return None
            tests += found
        after, optional = _skip_quantifier(alternative, end + 1)
        if optional:
            rest = first_word_tests(alternative[after:])
            if rest is None:
                return None
            tests += rest
        return tests
    lit = _literal(alternative, 0)
    return [("^", lit)] if lit else None


class WordMemo(dict[str, V]):
    """word → ``work(word)``, worked out once per distinct word (the words of a corpus
    repeat); emptied past ``limit`` words so a long run's memory stays bounded."""

    def __init__(self, work: Callable[[str], V], limit: int) -> None:
        super().__init__()
        self._work, self._limit = work, limit

    def __missing__(self, word: str) -> V:
        if len(self) > self._limit:
            self.clear()
        found = self[word] = self._work(word)
        return found


class Openers:
    """Which of a rule set's alternatives (lower-cased) may open at a given first word."""

    def __init__(self, tests: Sequence[Sequence[Test]]) -> None:
        self._tests = [(tuple(lit for kind, lit in t if kind == "^"),
                        tuple(lit for kind, lit in t if kind == "in")) for t in tests]

    @classmethod
    def of(cls, alternatives: Sequence[str]) -> Openers | None:
        """The openers of ``alternatives``, or None when one's first word is not known."""
        tests = [first_word_tests(alternative) for alternative in alternatives]
        return None if any(t is None for t in tests) else cls(tests)  # type: ignore[arg-type]

    def at(self, word: str) -> tuple[int, ...]:
        """The indices, in order, of the alternatives a match opening with ``word`` may be.

        >>> Openers.of([r"in\\s+te\\s+nemen", r"\\w*gevecht", "strijd"]).at("straatgevecht")
        (1,)
        """
        return tuple(k for k, (starts, inside) in enumerate(self._tests)
                     if word.startswith(starts) or any(lit in word for lit in inside))
