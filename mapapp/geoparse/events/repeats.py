"""A sentence read once is not read again: repeated sentences take their events from memory.

War reporting repeats itself word for word. Agency copy (AP, Reuters, dpa, ANP) is
printed by dozens of papers; updates of a live story carry the same paragraphs;
boilerplate ("Russia launched its full-scale invasion of Ukraine in February 2022")
closes thousands of articles. Reading a sentence that reports an event is the
costly part of event reading (about 0.1 ms: every trigger, its clause, side, claim
and date), so each reading is kept, keyed by everything it depends on: the
sentence's words, the language of the rules, the article's date (which dates "in
januari") and the toponyms in it (their offsets in the sentence, kind and whether
they stand for an actor). Nothing outside the sentence enters a reading, so a
repeated key gives exactly the events reading it again would give; the evidence is
kept relative to the sentence and moved to where the sentence stands in each article.

The memory is a :class:`~mapapp.plumbing.bounded.BoundedCache`, so a corpus of
millions of distinct sentences keeps memory flat. Distinct text gains nothing from
it: the README gives the cost of event reading on text without repeats as well.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from mapapp.model import Event, Span
from mapapp.plumbing.bounded import BoundedCache

# Sentences kept; at ~200 characters and a few events each, about 10 MB when full.
LIMIT = 20_000

Reading = tuple[Event | None, ...]
Key = tuple[str, object, str, tuple[Hashable, ...]]


class Repeats:
    """The readings of sentences already read (events with evidence relative to the sentence).

    >>> memo, calls = Repeats(), []
    >>> def read():
    ...     calls.append(1)
    ...     return (Event("strike", None, False, None, (Span(0, 4),)),)
    >>> first = memo.events("nl", "2023-03", "Shot at X.", (), 10, read)
    >>> again = memo.events("nl", "2023-03", "Shot at X.", (), 40, read)
    >>> len(calls), first[0].evidence, again[0].evidence
    (1, (Span(start=10, end=14),), (Span(start=40, end=44),))
    """

    def __init__(self, limit: int = LIMIT) -> None:
        self._kept: BoundedCache[Key, Reading] = BoundedCache(limit)

    def forget(self) -> None:
        """Forget every reading (a benchmark of text without repeats starts empty)."""
        self._kept.clear()

    def events(self, lang: str, article: object, sentence: str, targets: Sequence[Hashable],
               offset: int, read: Callable[..., Reading], *args: object) -> Reading:
        """The events of ``sentence``'s ``targets``, from memory or by ``read(*args)`` (offset
        0), with their evidence moved by ``offset`` (where the sentence starts in its article).

        ``read`` comes with its arguments, not bound to them: most sentences are found in
        memory, and binding them costs a fifth of finding one there.
        """
        key = (lang, article, sentence, tuple(targets))
        reading = self._kept.get(key)
        if reading is None:
            reading = self._kept.keep(key, read(*args))
        if not offset or not any(reading):  # (most sentences that name a place report nothing)
            return reading
        # Made directly, not by ``dataclasses.replace`` (which costs four times as much, and
        # a repeated sentence costs little else): the event with its evidence moved.
        return tuple(e and Event(e.kind, e.side, e.claim, e.when,
                                 tuple([Span(s.start + offset, s.end + offset)
                                        for s in e.evidence]))
                     for e in reading)
