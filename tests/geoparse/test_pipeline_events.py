"""The pipeline reads events (mapapp/geoparse/pipeline.py → events/reader.py): every parsed
article's mentions carry what the text reports at them, and ``toponyms`` (the geoparse
command's records) says the same from the same code path."""

from __future__ import annotations

import json
from pathlib import Path

from mapapp.model import Article, Event, PartialDate, Span
from mapapp.text.sentences import noise_spans


def _article(text: str, lang: str, date: str, ident: str = "a1") -> Article:
    return Article(ident, PartialDate.parse(date), text, lang=lang, noise=noise_spans(text))


def test_parsed_mentions_carry_events(geoparser) -> None:
    text = "Russian forces captured Bakhmut in January. Peace talks were held in Geneva."
    parsed = geoparser.parse(_article(text, "en", "2023-03"))
    by_surface = {m.surface: m for m in parsed.mentions}
    bakhmut = by_surface["Bakhmut"].event
    assert isinstance(bakhmut, Event)
    assert bakhmut.as_dict() == {"kind": "control", "side": "RU", "claim": False,
                                 "when": "2023-01"}
    assert Span(15, 23) in bakhmut.evidence  # "captured", in article offsets
    assert text[15:23] == "captured"
    assert by_surface["Geneva"].event is None


def test_parse_and_toponyms_agree_on_the_seeds(geoparser, shared_dir: Path) -> None:
    """The store's mentions and the benchmark records carry the same events, span for span."""
    lines = (shared_dir / "gold" / "seeds_gold.jsonl").read_text(encoding="utf-8").splitlines()
    seen = 0
    for line in filter(None, lines):
        doc = json.loads(line)
        parsed = geoparser.parse(_article(doc["text"], doc["lang"], doc["date"], doc["id"]))
        records = geoparser.toponyms(doc["text"], doc["lang"], date=doc["date"])
        assert [(m.start, m.end) for m in parsed.mentions] == [(t["start"], t["end"])
                                                               for t in records]
        for m, t in zip(parsed.mentions, records, strict=True):
            assert (m.event.as_dict() if m.event else None) == t["event"]
            assert [[s.start, s.end] for s in (m.event.evidence if m.event else ())] \
                == t["event_evidence"]
            seen += m.event is not None
    assert seen >= 20  # the seeds report fighting, capture and shelling at many places
