"""What the place panel says once, above the excerpts: how mentions became excerpts, and why.

The map's tooltip counts mentions ("50 mentions in 5 articles") and the panel
lists excerpts (48): a sentence naming the place twice is quoted once, and
mentions in photo captions are never quoted, only noted once per article.
Without a word on that the two numbers look like a bug, so the panel states
the tally in the tooltip's terms and gives the reasons (:func:`tally_text`).

Most excerpts of a place were placed for the same reasons ("the only place
called Bachmoet in the gazetteer; in Ukraine, …"); repeating them under each
of 48 excerpts hides the few that differ, so the panel says the usual
evidence once (:func:`usual_evidence`) and only the others under their
excerpt. Plain data and plain text here; ``render`` escapes and draws it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mapapp.timeline.windows import Excerpt, Timeline


@dataclass(frozen=True)
class MentionTally:
    """A place's mentions in a window, and the excerpts they make.

    ``excerpts`` counts quoted sentences plus one caption note per article
    whose captions name the place (``timeline.excerpts``' total).
    """

    mentions: int
    articles: int
    excerpts: int
    caption_mentions: int = 0
    caption_articles: int = 0

    @property
    def shared(self) -> int:
        """Mentions in a sentence that is already quoted for another mention of the place."""
        quoted = self.excerpts - self.caption_articles
        return self.mentions - self.caption_mentions - quoted


def timeline_tally(tl: Timeline, place_id: str, lo: int, hi: int) -> MentionTally:
    """The tally of ``place_id`` in periods [lo, hi] of a Timeline."""
    code = tl.place_codes.get(place_id)
    if code is None:
        return MentionTally(0, 0, 0)
    m, rows = tl.mentions, tl.rows(lo, hi)
    hit = m["place_code"].to_numpy()[rows] == code
    ranks = m["article_rank"].to_numpy()[rows][hit]
    s0, s1 = m["sentence_start"].to_numpy()[rows][hit], m["sentence_end"].to_numpy()[rows][hit]
    caption = s0 < 0
    sentences = np.unique(np.stack([ranks, s0, s1]), axis=1).shape[1] if len(ranks) else 0
    return MentionTally(mentions=len(ranks), articles=len(np.unique(ranks)), excerpts=sentences,
                        caption_mentions=int(caption.sum()),
                        caption_articles=len(np.unique(ranks[caption])))


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def tally_text(t: MentionTally, where: str) -> str:
    """The tally in words, in the tooltip's terms ("50 mentions in 5 articles") and why.

    ``where`` is the window as words ("up to 2023-05").
    """
    if not t.mentions:
        return f"No mentions {where}."
    head = f"{_n(t.mentions, 'mention')} in {_n(t.articles, 'article')} {where}"
    if t.mentions == t.excerpts and not t.caption_mentions:
        return f"{head}, one excerpt{' each' * (t.mentions != 1)}."
    reasons = []
    if t.caption_mentions:
        one = t.caption_mentions == 1
        where_, verb = ("a photo caption", "is") if one else ("photo captions", "are")
        reasons.append(f"the {t.caption_mentions} in {where_} {verb} not quoted, "
                       f"{'it makes' if one else 'they make'} one note per article "
                       f"({_n(t.caption_articles, 'note')})")
    if t.shared:
        one = t.shared == 1
        reasons.append(f"{t.shared} {'shares' if one else 'share'} a sentence with another "
                       f"mention and {'is' if one else 'are'} quoted with it")
    return f"{head}, shown as {_n(t.excerpts, 'excerpt')}: {'; '.join(reasons)}."


@dataclass(frozen=True)
class UsualEvidence:
    """The evidence most of the shown excerpts give, and their confidence range."""

    evidence: tuple[str, ...]
    excerpts: int  # how many of the shown excerpts give exactly this evidence
    shown: int
    low: float
    high: float


def usual_evidence(items: Sequence[Excerpt]) -> UsualEvidence | None:
    """The evidence most ``items`` give (a tie: the first's, the newest); None without items."""
    if not items:
        return None
    counts = Counter(ex.evidence for ex in items)
    top = max(counts.values())
    evidence = next(ex.evidence for ex in items if counts[ex.evidence] == top)
    confidences = [ex.confidence for ex in items if ex.evidence == evidence]
    return UsualEvidence(evidence, top, len(items), min(confidences), max(confidences))
