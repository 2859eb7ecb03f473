"""How far a trigger word reaches in its sentence, where the clause split alone says too little.

``reader`` ties a trigger to the toponyms of its clause; war reporting joins
clauses in ways a comma split cannot see (issue 18):

- ", and Kramatorsk was hit": a coordination that opens a new clause with
  its own subject; the cue before it must not reach across ("Heavy fighting
  near Bakhmut, and Kramatorsk was hit by missiles").
- "In Kharkiv, a missile hit …": a fronted place that the main clause after
  the comma is about.
- "recaptured X on July 27 and are now fighting near Y": a date belongs to
  the event it follows (English, Dutch, German put the date after the verb
  and its object), or, with no event before it, to the one after it ("Im
  Januar nahmen …").
- "X came under heavy shelling" / "X krijgt … artillerie-aanvallen te
  verwerken": a place that undergoes the event named by a noun after it.
"""

from __future__ import annotations

import re

from mapapp.geoparse.events.sentence import Sentence, Side, Trigger
from mapapp.geoparse.events.when import Dating
from mapapp.model import Span

# A finite verb right after a coordinated toponym makes it the subject of a new clause
# ("…, and Kramatorsk was hit"). The auxiliaries and copulas of the five languages.
_FINITE = re.compile(
    r"\s+(?:was|were|is|are|has|had|have|remains?|remained|came|comes|"
    r"werd|werden|wordt|worden|zijn|heeft|hebben|lag|lagen|ligt|liggen|blijft|bleef|kwam|"
    r"wurde|wurden|wird|ist|war|waren|sind|hat|hatte|haben|liegt|lag|bleibt|blieb|geriet|"
    r"був|була|було|були|є|залишається|был|была|было|были|остается|остаётся)\b",
    re.IGNORECASE)
_CONJ_GAP = re.compile(r"\s*[,;]\s*(?:and|en|und|і|й|та|и)?\s*", re.IGNORECASE)


def new_clause(sent: Sentence, prev_end: int, start: int, end: int) -> bool:
    """Whether the toponym at [start, end), after one ending at ``prev_end``, opens a clause
    of its own: joined by ", and" (or ";") and followed by its own verb or trigger."""
    gap = sent.s[prev_end:start]
    if not _CONJ_GAP.fullmatch(gap) or not re.search(r"[,;]", gap):
        return False
    if _FINITE.match(sent.s, end):
        return True
    clause = sent.clause(start)
    return any(tr.clause == clause and tr.start >= end for tr in sent.triggers)


def fronted_clause(sent: Sentence, start: int, end: int, cities_after: bool) -> int | None:
    """The clause a fronted place ("In Kharkiv, a missile hit …") belongs to, or None.

    The toponym's clause must hold only a place preposition and the name, and no
    trigger; it then joins the clause of the first trigger after it, unless that
    clause names a town of its own (``cities_after``: "In Kyiv, Zelensky said
    missiles hit Kharkiv" puts the strike in Kharkiv).
    """
    c = sent.clause(start)
    cs, ce = sent.clause_span(c)
    lead = sent.lex.loc_before.search(sent.s, cs, start)
    if (lead is None or sent.s[cs:lead.start()].strip() or sent.s[end:ce].strip(" ,")
            or cities_after):
        return None
    after = [tr for tr in sent.triggers if tr.start >= end and tr.rule.form in ("verb", "noun")]
    if not after or any(tr.clause == c for tr in sent.triggers):
        return None
    return after[0].clause


def date_of(sent: Sentence, tr: Trigger) -> Dating | None:
    """The date expression that dates this trigger: each date belongs to the trigger around
    it, else the nearest trigger before it in the sentence, else the nearest after it, and
    to the trigger words of the same kind in that one's clause."""
    best, gap = None, 10**9
    for d in sent.dates:
        if tr.start <= d.start and d.end <= tr.end:
            return d  # inside a split verb: "nahmen Mariupol im Mai 2022 ein"
        before = [t for t in sent.triggers if t.end <= d.start]
        owner = (max(before, key=lambda t: t.end) if before
                 else min((t for t in sent.triggers if t.start >= d.end),
                          key=lambda t: t.start, default=None))
        if owner is None or not (owner is tr or (owner.rule.kind == tr.rule.kind
                                                   and owner.clause == tr.clause)):
            continue  # (words of one kind in one clause report one event: "missiles struck")
        dist = tr.start - d.end if d.end <= tr.start else d.start - tr.end
        if dist < gap:
            best, gap = d, dist
    return best


def undergoes(sent: Sentence, tr: Trigger, start: int, end: int, clause: int) -> bool:
    """Whether a noun trigger after the toponym names what the place underwent
    ("Kramatorsk came under heavy shelling")."""
    if tr.rule.form != "noun" or tr.clause != clause or not 0 <= tr.start - end <= 60:
        return False
    return sent.lex.undergo.search(sent.s, end, tr.start) is not None


def repels(sent: Sentence, tr: Trigger) -> bool:
    """Whether the trigger is a verb of repelling ("repelled", "afgeslagen", "wehrten … ab")."""
    return sent.lex.repel.fullmatch(sent.s, tr.start, tr.end) is not None


def attacker(sent: Sentence, tr: Trigger) -> tuple[Side | None, Span | None]:
    """The side of the attacks a repelling verb is about: one right before an attack noun
    of the clause ("Oekraïense aanvallen … afgeslagen", "einen russischen Angriff … ab"),
    else a side word just after the verb ("repelled 27 Russian attacks"; a German inverted
    subject, "wehrten ukrainische Truppen …", is the defender and loses to the first);
    None where the text names none (the subject is the defender, not the attacker)."""
    _, ce = sent.clause_span(tr.clause)
    word_end = sent.s.find(" ", tr.start, tr.end)
    nouns = [o.start for o in sent.triggers
             if o.clause == tr.clause and o.rule.form == "noun" and o is not tr]
    if word_end != -1:  # a split verb holds its object: "wehrten … einen russischen Angriff ab"
        nouns += [m.start() for m in sent.lex.triggers.finditer(sent.s, word_end, tr.end)
                  if sent.lex.rules[int(m.lastgroup[1:])].form == "noun"]  # type: ignore[index]
    for noun in nouns:
        for start, end, side in sent.sides:
            if 0 <= noun - end <= 12 and " " not in sent.s[end:noun].strip(" "):
                return side, Span(start, end)  # type: ignore[return-value]
    for start, end, side in sent.sides:
        if word_end != -1 and word_end <= start < min(ce, word_end + 40):
            return side, Span(start, end)  # type: ignore[return-value]
    return None, None


def pusher(sent: Sentence, tr: Trigger) -> tuple[Side | None, Span | None]:
    """The side that pushed the other back ("Ukrainian troops pushed Russian forces back"):
    the subject before the verb in its clause, not the object inside the split verb."""
    cs, _ = sent.clause_span(tr.clause)
    before = [sd for sd in sent.acting_sides if cs <= sd[0] < tr.start]
    if not before:
        return None, None
    start, end, side = before[-1]
    return side, Span(start, end)  # type: ignore[return-value]
