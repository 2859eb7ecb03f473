"""One sentence under event reading, and the side and claim of its triggers.

Split from ``events`` so each module stays small: this one holds what a
sentence knows about itself (clauses, trigger words, side words, claim
phrases, dates), and who an event is by or for, and whether it is a claim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from mapapp.geoparse.events.lexicon import Lexicon, Rule
from mapapp.geoparse.events.when import Dating, datings
from mapapp.model import PartialDate, Span

Side = Literal["RU", "UA"]


@dataclass(frozen=True)
class Trigger:
    rule: Rule
    start: int
    end: int
    clause: int


class Sentence:
    """One sentence under reading: its text, clauses, triggers and side words (local offsets)."""

    def __init__(self, text: str, lex: Lexicon, article: PartialDate | None) -> None:
        self.s, self.lex, self._article = text, lex, article
        self.starts = [0]
        found = lex.scanner.find(text)
        if found:  # most sentences report nothing: the rest is only worked out for the others
            for m in lex.clause_break.finditer(text):
                self.starts.append(m.end())
        self.question = text.rstrip(" \"'”’»)").endswith("?")
        self.triggers = [Trigger(lex.rules[rule], start, end, self.clause(start))
                         for start, end, rule in found]

    @cached_property
    def sides(self) -> list[tuple[int, int, str]]:
        """The side words that name an actor: (start, end, "RU" | "UA")."""
        return [(m.start(), m.end(), "RU" if m.group("ru") else "UA")
                for m in self.lex.side.finditer(self.s) if self._is_actor(m)]

    @cached_property
    def acting_sides(self) -> list[tuple[int, int, str]]:
        """The side words that are no subject of "report", "say" (the speaker acts not)."""
        return [sd for sd in self.sides if not self.lex.speaker_after.match(self.s, sd[1])]

    @cached_property
    def _reported(self) -> bool:
        """Whether the sentence quotes someone by a preposition ("according to")."""
        return self.lex.report_prep.search(self.s) is not None

    @cached_property
    def claims(self) -> list[tuple[int, int]]:
        return [m.span() for m in self.lex.claim.finditer(self.s)]

    @cached_property
    def dates(self) -> tuple[Dating, ...]:
        return datings(self.s, self.lex, self._article)

    def clause(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def clause_span(self, index: int) -> tuple[int, int]:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.s)
        return self.starts[index], end

    def _is_actor(self, m: re.Match[str]) -> bool:
        """A side word that names a party, not a place ("in Oekraïne", "the Ukrainian city")."""
        after = self.s[m.end():m.end() + 20]
        if self.lex.town_after.match(after):
            return False
        if self._reported and self.lex.report_before.search(self.s, max(0, m.start() - 50),
                                                            m.start()):
            return False  # "according to the Russian ministry": the speaker, not the actor
        if not self.lex.side_place.fullmatch(m.group()):
            return True  # an adjective or a people ("Russische", "the Russians") always acts
        return not self.lex.place_before.search(self.s, max(0, m.start() - 20), m.start())

    def masked(self, start: int, end: int) -> str:
        """``s[start:end]`` with claim phrases blanked (their modals are no hypothesis)."""
        if not any(cs < end and ce > start for cs, ce in self.claims):
            return self.s[start:end]  # most sentences claim nothing
        chars = list(self.s[start:end])
        for cs, ce in self.claims:
            for i in range(max(cs, start), min(ce, end)):
                chars[i - start] = " "
        return "".join(chars)


# -- side, claim, date -------------------------------------------------------------------
def _found(sides: list[tuple[int, int, str]]) -> tuple[Side | None, Span | None]:
    return sides[0][2], Span(sides[0][0], sides[0][1])  # type: ignore[return-value]


def _side_near(sent: Sentence, tr: Trigger, clause_only: bool) -> tuple[Side | None, Span | None]:
    """The side word that governs a trigger: inside it, its agent ("by Wagner"), the subject
    before it in its clause, an inverted subject just after it ("veroverden de Russen"),
    then (unless ``clause_only``) the nearest before it in the sentence."""
    cs, ce = sent.clause_span(tr.clause)
    sides = sent.sides
    if clause_only:  # "Russian bloggers report fighting near X": the speaker, not the attacker
        sides = sent.acting_sides
    if inside := [sd for sd in sides if tr.start <= sd[0] < tr.end]:
        return _found(inside)
    agent = sent.lex.agent.search(sent.s, tr.end, ce)
    before = [sd for sd in sides if cs <= sd[0] < tr.start]
    if (agent and (agent.start() - tr.end <= 12 or not before)  # not "retake X in blow to Y"
            and (after := [sd for sd in sides if agent.start() <= sd[0] <= agent.end()])):
        return _found(after)
    if before:
        return _found(before[::-1])
    if inverted := [sd for sd in sides if tr.end <= sd[0] < min(ce, tr.end + 16)]:
        return _found(inverted)
    if not clause_only and (before := [sd for sd in sides if sd[0] < tr.start]):
        return _found(before[::-1])
    return None, None


def side_of(sent: Sentence, tr: Trigger, kind: str) -> tuple[Side | None, Span | None]:
    implied = tr.rule.implied
    if kind in ("control", "held"):
        if implied in ("RU", "UA") and tr.rule.kind == kind:
            inside = [sd for sd in sent.sides if tr.start <= sd[0] < tr.end]
            if not inside:
                return implied, None  # type: ignore[return-value]
        side, span = _side_near(sent, tr, clause_only=False)
        if implied == "other" and side is not None:
            return ("UA" if side == "RU" else "RU"), span  # who withdrew leaves it to the other
        return side, span
    return _side_near(sent, tr, clause_only=True)


def speaker_side(sent: Sentence, m: re.Match[str]) -> Side | None:
    """The side of whoever an attribution ``m`` quotes: after "according to", else the
    subject before "said" in its clause, else an inverted one after it ("zei het leger")."""
    s, lex = sent.s, sent.lex
    cs, ce = sent.clause_span(sent.clause(m.start()))
    spans: list[tuple[int, int]]
    if lex.report_prep.fullmatch(m.group()):
        spans = [(m.end(), min(len(s), m.end() + 60))]
    else:
        spans = [(max(cs, m.start() - 80), m.start()), (m.end(), min(ce, m.end() + 50))]
    everyone = [(m.start(), m.group("ru")) for m in lex.side.finditer(s)]
    acting = {start for start, _, _ in sent.sides}
    for lo, hi in spans:  # the speaker is an actor ("Russia said"), or follows "according to"
        found = [(start, ru) for start, ru in everyone if lo <= start < hi
                 and (start in acting or hi != m.start())]
        if found:
            _, ru = found[-1] if hi == m.start() else found[0]
            return "RU" if ru else "UA"
    return None


def _part(s: str, tr: Trigger) -> tuple[int, int]:
    """The stretch of the sentence between semicolons that holds the trigger."""
    lo = s.rfind(";", 0, tr.start) + 1
    hi = s.find(";", tr.end)
    return lo, hi if hi != -1 else len(s)


def claim_of(sent: Sentence, tr: Trigger, kind: str, hearsay: bool,
             side: Side | None = None) -> tuple[bool, Span | None]:
    """Whether the event is one party's claim (EVENTS.md): a hedge, or a party's own report
    of its gain. A side that reports its own loss, or the other side's action, admits it."""
    s, lex = sent.s, sent.lex
    plain = sent.masked(0, len(s))
    if lex.confirm.search(plain):
        return False, None
    # a claim word with "dat/that/dass" after it governs only what follows ("Wagner
    # beweert dat …"), not the clause before it
    lo, hi = _part(s, tr)  # a hedge after ";" is the other sentence's
    claims = [c for c in sent.claims if lo <= c[0] < hi
              and (c[0] < tr.end or not lex.claims_after.match(s, c[1]))]
    if claims:
        return True, Span(*claims[0])
    if hearsay:
        return True, None
    if kind == "strike":
        return False, None  # officials of the place that was hit report a fact
    for m in lex.attribution.finditer(s, lo, hi):
        if m.start() > tr.end and ":" in s[tr.end:m.start()]:
            continue  # "Vorstoß in X: Kiew meldet …": the headline's other half
        if (lex.negation.search(s, max(lo, m.start() - 12), m.start())
                or lex.negation.match(s, m.end() + 1)):
            continue  # "Kyiv did not say how many …": no report, so no claim
        cs, _ = sent.clause_span(sent.clause(m.start()))
        speaker = s[cs:m.end() + 90]
        if lex.party.search(speaker) and not lex.local_official.search(speaker):
            if side is not None and speaker_side(sent, m) not in (None, side):
                return False, None  # "Russia said it had withdrawn from X"
            return True, Span(m.start(), m.end())
    return False, None


