"""What the place panel says once above its excerpts (mapapp/timeline/place_notes.py).

The tooltip counts mentions, the panel lists excerpts; the tally says why the
two differ, and must agree with ``timeline.excerpts`` on the same window.
"""

from __future__ import annotations

import pytest
from handmade import BAKHMUT, SOLEDAR, captions_article, corpus

from mapapp.timeline.place_notes import (
    MentionTally,
    UsualEvidence,
    tally_text,
    timeline_tally,
    usual_evidence,
)
from mapapp.timeline.windows import Excerpt, build_timeline, excerpts, place_counts


@pytest.fixture(scope="module")
def tl():
    return build_timeline([*corpus(), captions_article()])


def test_a_tally_counts_captions_and_shared_sentences(tl):
    april = tl.axis.labels.index("2023-04")
    assert timeline_tally(tl, BAKHMUT.id, april, april) == MentionTally(
        mentions=4, articles=1, excerpts=2, caption_mentions=2, caption_articles=1)
    assert timeline_tally(tl, BAKHMUT.id, april, april).shared == 1
    assert timeline_tally(tl, "no-such-place", 0, 0) == MentionTally(0, 0, 0)


def test_a_tally_agrees_with_the_map_and_the_panel_in_every_window(tl):
    n = len(tl.axis)
    for lo in range(n):
        for hi in range(lo, n):
            counts = place_counts(tl, lo, hi).set_index("place_id")
            for pid in counts.index:
                t = timeline_tally(tl, pid, lo, hi)
                assert (t.mentions, t.articles) == tuple(counts.loc[pid, ["mentions", "articles"]])
                assert t.excerpts == excerpts(tl, pid, lo, hi).total
                assert t.shared >= 0


@pytest.mark.parametrize(("tally", "text"), [
    (MentionTally(0, 0, 0), "No mentions up to 2023-05."),
    (MentionTally(6, 4, 6), "6 mentions in 4 articles up to 2023-05, one excerpt each."),
    (MentionTally(1, 1, 1), "1 mention in 1 article up to 2023-05, one excerpt."),
    (MentionTally(50, 5, 48, 5, 3),
     "50 mentions in 5 articles up to 2023-05, shown as 48 excerpts: the 5 in photo captions "
     "are not quoted, they make one note per article (3 notes)."),
    (MentionTally(4, 1, 2, 2, 1),
     "4 mentions in 1 article up to 2023-05, shown as 2 excerpts: the 2 in photo captions are "
     "not quoted, they make one note per article (1 note); 1 shares a sentence with another "
     "mention and is quoted with it."),
    (MentionTally(3, 2, 1), "3 mentions in 2 articles up to 2023-05, shown as 1 excerpt: 2 share "
     "a sentence with another mention and are quoted with it."),
    (MentionTally(1, 1, 1, 1, 1), "1 mention in 1 article up to 2023-05, shown as 1 excerpt: the "
     "1 in a photo caption is not quoted, it makes one note per article (1 note)."),
])
def test_tally_text_says_why_mentions_and_excerpts_differ(tally, text):
    assert tally_text(tally, "up to 2023-05") == text


def _ex(evidence: tuple[str, ...], confidence: float) -> Excerpt:
    return Excerpt("a1", "2023-03", "T", "AD", "", "Bachmoet.", ((0, 8),), False, confidence,
                   evidence)


def test_the_usual_evidence_is_the_one_most_excerpts_give():
    a, b = ("only place called Bachmoet",), ("“stad” next to the name",)
    items = [_ex(b, 0.7), _ex(a, 0.9), _ex(a, 0.8), _ex(b, 0.75), _ex(a, 0.95)]
    assert usual_evidence(items) == UsualEvidence(a, 3, 5, 0.8, 0.95)
    assert usual_evidence([_ex(b, 0.7), _ex(a, 0.9)]).evidence == b  # a tie: the newest's
    assert usual_evidence([]) is None


def test_a_caption_note_among_the_excerpts_in_words(tl):
    """The handmade corpus's Soledar: one caption note among three excerpts."""
    t = timeline_tally(tl, SOLEDAR.id, 0, tl.axis.labels.index("2023-03"))
    assert tally_text(t, "up to 2023-03") == (
        "2 mentions in 2 articles up to 2023-03, shown as 2 excerpts: the 1 in a photo caption "
        "is not quoted, it makes one note per article (1 note).")
