"""The geoparser end to end: golden texts, the seeds' hand-annotated gold, excerpts."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mapapp import paths
from mapapp.corpus import reader
from mapapp.model import Article, PartialDate

GOLDEN = Path(__file__).parents[1] / "golden" / "handwritten.jsonl"
KEYS = ("start", "end", "name", "place_id", "type", "metonymy")


def _evalgeo(shared_dir: Path):
    """The project's shared scorer (../shared/bench/evalgeo.py), imported in place."""
    spec = importlib.util.spec_from_file_location("evalgeo", shared_dir / "bench" / "evalgeo.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_handwritten_golden(geoparser, regen_golden):
    docs = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    got = {d["id"]: [{k: t[k] for k in KEYS} for t in geoparser.toponyms(d["text"], d["lang"])]
           for d in docs}
    if regen_golden:
        with open(GOLDEN, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({**d, "toponyms": got[d["id"]]}, ensure_ascii=False) + "\n")
        pytest.skip("golden file rewritten on request (--regen-golden)")
    for d in docs:
        assert got[d["id"]] == d["toponyms"], d["id"]


@pytest.mark.shared
def test_seeds_reach_the_issue_figures_on_the_hand_annotated_gold(geoparser, shared_dir):
    """Labels: ../shared/gold/seeds_gold.jsonl, every toponym annotated by hand."""
    evalgeo = _evalgeo(shared_dir)
    gold = evalgeo.read_jsonl(shared_dir / "gold" / "seeds_gold.jsonl")
    pred = {i: {"id": i, "toponyms": geoparser.toponyms(d["text"], d["lang"])}
            for i, d in gold.items()}
    score = evalgeo.score(gold, pred)
    assert score["recognition"]["exact"]["f1"] >= 0.95
    assert score["by_type"]["city"]["e2e_acc@10"] >= 0.95
    for kind in ("region", "country"):
        assert score["by_type"][kind]["e2e_acc@161"] >= 0.90


@pytest.mark.shared
def test_seed_files_and_gold_texts_parse_alike(geoparser, shared_dir):
    """The app's path (corpus reader → parse) finds what the benchmark path finds."""
    result = reader.read_folder(paths.seed_dir())
    assert not result.errors and len(result.articles) == 5
    gold = {json.loads(line)["id"]: json.loads(line) for line in
            (shared_dir / "gold" / "seeds_gold.jsonl").read_text(encoding="utf-8").splitlines()}
    for article in result.articles:
        parsed = geoparser.parse(article)
        spans = [(m.start, m.end) for m in parsed.mentions]
        assert spans == [(t["start"], t["end"]) for t in gold[article.id]["toponyms"]]


def _article(text: str) -> Article:
    from mapapp.text.sentences import noise_spans

    return Article("t", PartialDate(2023, 3), text, noise=noise_spans(text))


def test_excerpts_are_sentences_and_never_captions(geoparser):
    text = ("Waarom is Bakhmut zo belangrijk?\n\nDe Russen willen Bakhmut innemen. "
            "Oekraïne houdt stand.\n\nVolledig scherm Soldaten bij Bakhmut © ANP / EPA")
    parsed = geoparser.parse(_article(text))
    by_start = {m.start: m for m in parsed.mentions}
    headline, body, caption = (by_start[text.index("Bakhmut", i)] for i in (0, 40, 100))
    assert text[body.sentence.start:body.sentence.end] == "De Russen willen Bakhmut innemen."
    assert text[body.context.start:body.context.end] == "Waarom is Bakhmut zo belangrijk?"
    assert headline.sentence is not None and headline.context is None  # nothing before it
    assert caption.sentence is None and caption.context is None
    assert parsed.places["713174"].name == "Bakhmut"
    assert all(text[m.start:m.end] == m.surface for m in parsed.mentions)


def test_a_lone_village_abroad_needs_support(geoparser):
    # Stoltenberg (Germany), Wagner (Brazil) …: a village nothing else in the text vouches for.
    assert geoparser.toponyms("Dat zegt Stoltenberg.") == []
    supported = geoparser.toponyms("Zware gevechten bij Soledar, ten noorden van Bakhmut.")
    assert [t["name"] for t in supported] == ["Soledar", "Bakhmut"]


def test_parse_many_keeps_order(geoparser):
    articles = [_article("Kyiv"), _article("Lviv en Odesa")]
    parsed = list(geoparser.parse_many(articles))
    assert [len(p.mentions) for p in parsed] == [1, 2]


def test_given_spans_are_resolved_without_recognition(geoparser):
    text = "Fighting near Lyman and Kreminna; Rubizne was shelled. Wagner said nothing."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Lyman", "Kreminna", "Rubizne")]
    tops = geoparser.toponyms(text, "en", spans=spans)
    assert [(t["start"], t["end"]) for t in tops] == spans  # Wagner was not asked for
    assert [t["geonameid"] for t in tops] == [704204, 704138, 695274]  # Rubizne by its sound


def test_given_abbreviations_and_demonyms_are_read_as_toponyms(geoparser):
    # Spans an annotator marked: a state abbreviation with no town before it, a demonym
    # that is also a town's name (Canadian, Oklahoma), one that is no name at all.
    text = "Troops left Mo. for the south. Canadian and Russian officials met the Syrians."
    words = ("Mo.", "Canadian", "Russian", "Syrians")
    spans = [(text.index(w), text.index(w) + len(w)) for w in words]
    tops = geoparser.toponyms(text, "en", spans=spans)
    assert [t["canonical"] for t in tops] == ["Missouri", "Canada", "Russia", "Syria"]
    assert [t["type"] for t in tops] == ["region", "country", "country", "country"]


def test_a_demonym_is_not_recognised_in_running_text(geoparser):
    text = "Russian officials met Canadian diplomats in Ottawa."
    assert [t["name"] for t in geoparser.toponyms(text, "en")] == ["Ottawa"]


def test_demonyms_say_which_country_an_article_is_about(geoparser):
    # Tripoli alone is Libya's capital; Lebanese officials point to Lebanon's Tripoli.
    def tripoli(text):
        tops = geoparser.toponyms(text, "en")
        return next(t["geonameid"] for t in tops if t["name"] == "Tripoli")

    assert tripoli("Officials met in Tripoli.") == 2210247
    assert tripoli("Lebanese officials met in Tripoli.") == 266826


# `python -m mapapp geoparse`, with every line of Python run under each document's
# toponyms() counted: a deterministic measure of work, whatever the machine's load.
_COUNT_LINES = """
import atexit, json, runpy, sys
from mapapp.geoparse.pipeline import Geoparser
counts, plain = [], Geoparser.toponyms
def counted(self, text, lang="nl", spans=None, date=None):
    n = 0
    def trace(frame, event, arg):
        nonlocal n
        n += event == "line"
        return trace
    sys.settrace(trace)
    try:
        return plain(self, text, lang, spans, date)
    finally:
        sys.settrace(None)
        counts.append(n)
Geoparser.toponyms = counted
path = sys.argv.pop()  # where the counts go, given last
atexit.register(lambda: open(path, "w").write(json.dumps(counts)))
sys.argv[0] = "mapapp"
runpy.run_module("mapapp", run_name="__main__")
"""


def _long_articles(gazetteer, n: int) -> list[dict]:
    """A Dutch and an English article of ``n`` paragraphs, built to reach every step that
    once compared each name with every other: spellings no list carries beside towns
    named again and again (tolerant matching), ever more different towns (nearness in
    resolution) and streets (placed at the town before them)."""
    from mapapp.ingest.synth import town_pool

    towns = town_pool(gazetteer).names  # Ukraine's towns, sorted: the same on every machine
    nl = [f"In Bachmoet en Roebiznje wordt gevochten, ook in {towns[3 * i]}, "
          f"{towns[3 * i + 1]} en {towns[3 * i + 2]}. Kramatorsk houdt stand." for i in range(n)]
    en = [f"The fire on Hutcheson Road in Lexington, Ky. was put out near {towns[2 * i]} and "
          f"{towns[2 * i + 1]}. Police closed Main Street in Dallas." for i in range(n)]
    return [{"id": f"{lang}{n}", "lang": lang, "text": "\n\n".join(paragraphs)}
            for lang, paragraphs in (("nl", nl), ("en", en))]


def _lines_run(docs: list[dict], tmp_path: Path) -> tuple[list[dict], list[int]]:
    """The geoparse CLI's output for ``docs``, and the lines of Python each one took."""
    src, out, counts = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "counts.json"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    run = subprocess.run([sys.executable, "-c", _COUNT_LINES, "geoparse", str(src), str(out),
                          "--jobs", "1", str(counts)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()], json.loads(
        counts.read_text())


def test_twice_as_long_an_article_costs_twice_the_work(gazetteer, tmp_path):
    """Issue 15 item 8: 2 MB of one article took 9.5 s and 4 MB 38 s, a 50 MB one never
    ended. Doubling an article must about double the work, not quadruple it; each size
    in a fresh process, so neither finds the other's names in the geoparser's caches."""
    short, short_work = _lines_run(_long_articles(gazetteer, 150), tmp_path)
    long, long_work = _lines_run(_long_articles(gazetteer, 300), tmp_path)
    names = {d["id"]: {t["name"] for t in d["toponyms"]} for d in short + long}
    assert {"Roebiznje", "Bachmoet"} <= names["nl300"]  # the spelling no list carries is found
    assert {"Hutcheson Road", "Main Street"} <= names["en300"]  # and the streets
    assert long_work[0] / short_work[0] < 2.3  # Dutch
    assert long_work[1] / short_work[1] < 2.3  # English
