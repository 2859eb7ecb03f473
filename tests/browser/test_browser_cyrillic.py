"""Ukrainian and Russian reporting in a real Chromium (issue 17): inflected names on the map,
Cyrillic excerpts in the panel, the language guessed when the file does not say it.

The articles are written for this test (invented, in the style of a General Staff report
and a Russian news item; no third-party text) and run through ``streamlit run
mapapp/app.py -- --corpus DIR`` as a user's own folder.
"""

from __future__ import annotations

import json

import pytest
from browser_support import click_place, heading, map_frame, streamlit_app, wait_idle

pytestmark = pytest.mark.browser

LABELS_JS = """() => { const out = [];
    window.map.eachLayer(l => { if (l.feature && l.feature.properties.label)
        out.push(l.feature.properties.label); });
    return out; }"""
ARTICLES = [  # no "lang": the reader guesses Ukrainian and Russian from the letters
    {"id": "uk-1", "date": "2023-03-05",
     "text": "Ворог продовжує наступ поблизу Бахмута та Авдіївки. У Бахмуті тривають "
             "запеклі бої, повідомили в Генштабі."},
    {"id": "ru-1", "date": "2023-03-20",
     "text": "Под Угледаром продолжаются бои. В Донецке прозвучали взрывы."},
]


@pytest.fixture(scope="module")
def cyrillic_app(chromium, gazetteer, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cyrillic")
    (folder / "reports.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    with streamlit_app(["--corpus", str(folder)]) as url:
        yield url


def test_inflected_names_are_mapped_and_excerpts_read_in_cyrillic(cyrillic_app, open_page):
    page = open_page(f"{cyrillic_app}/?window=upto", cyrillic_app)  # the last date
    frame = map_frame(page)
    wait_idle(page)
    labels = set(frame.evaluate(LABELS_JS))
    assert {"Bakhmut", "Avdiivka", "Vuhledar", "Donetsk"} <= labels, labels
    click_place(page, frame, "Bakhmut")
    heading(page, "Bakhmut").wait_for(timeout=30_000)
    page.get_by_text("запеклі бої", exact=False).first.wait_for(timeout=30_000)
    assert "Бахмуті" in page.locator("mark").all_inner_texts()
