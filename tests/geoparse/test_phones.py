"""Telephone numbers as evidence of a local article's home (mapapp.geoparse.phones, real
libphonenumber)."""

from __future__ import annotations

from mapapp.geoparse.phones import phone_areas


def _areas(geoparser, text):
    return [(a.country, a.admin1, a.town) for a in phone_areas(geoparser.gaz, text)]


def test_written_north_american_numbers_name_their_state_or_town(geoparser):
    text = "Call 806-423-1253, (519) 661-5670 or 304.399.6500 for tickets."
    assert _areas(geoparser, text) == [("US", "TX", ""), ("CA", "08", "london"),
                                       ("US", "WV", "huntington")]


def test_dates_toll_free_and_bare_digit_runs_say_nothing(geoparser):
    text = ("On 2016-11-23 call 1-800-555-1212; invoice 8064231253; "
            "order 555-555-1234; ISBN 978-3-16-148410-0.")
    assert _areas(geoparser, text) == []


def test_a_number_split_between_states_or_a_territory_gives_each(geoparser):
    areas = _areas(geoparser, "Yellowknife office: 867-555-1234.")
    assert {a[1] for a in areas} == {"12", "13", "14"} and {a[0] for a in areas} == {"CA"}


def test_the_explanation_names_the_number_s_town(geoparser):
    text = "For appointments, call the Cancer Center in Huntington at 304-399-6500."
    [top] = geoparser.toponyms(text, "en")
    assert abs(top["lat"] - 38.42) < 0.1 and abs(top["lon"] + 82.45) < 0.1
    assert any("telephone number of Huntington, WV" in e for e in top["evidence"])


def test_the_newsrooms_number_picks_the_local_namesake_over_the_capital(geoparser):
    text = ("Anyone with information is asked to call London police{}. "
            "It was the fourth homicide of the year in London.")

    def places(text):
        return {(round(t["lat"]), round(t["lon"])) for t in geoparser.toponyms(text, "en")}

    assert places(text.format("")) == {(52, 0)}  # London, England
    assert places(text.format(" at 519-661-5670")) == {(43, -81)}  # London, Ontario, both times


def test_gold_mentions_read_the_numbers_too(geoparser):
    text = "Call London police at 519-661-5670."
    start = text.index("London")
    [top] = geoparser.toponyms(text, "en", spans=[(start, start + 6)])
    assert round(top["lat"]) == 43 and round(top["lon"]) == -81
