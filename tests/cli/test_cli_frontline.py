"""Tests for ``python -m mapapp frontline …`` and ``boundaries import``.

Run through ``mapapp.cli.main.main`` in-process, with ``--data-dir`` in a temporary
folder, so nothing touches the user's data directory.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mapapp.cli.main import main
from mapapp.frontline import download

DATA = Path(__file__).parents[1] / "data" / "frontline"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_status_from_the_store(tmp_path, capsys):
    code, out, err = run(capsys, "frontline", "import", str(DATA / "1673294400.geojson"),
                         str(DATA / "1672347600.geojson"), "--data-dir", str(tmp_path))
    assert code == 0, err
    assert "imported" in out and "deepstatemap: 1 date(s) 2023-01-09" in out
    assert "left out: 1 LineString, 1 Point, 1 liberated, 1 other" in out
    assert "DEEPSTATEUATECH LLC" in out and "non-commercial" in out
    code, out, err = run(capsys, "frontline", "status", "--date", "2023-01-10",
                         "--at", "48.692,38.071", "--name", "Soledar", "--data-dir",
                         str(tmp_path))
    assert code == 0, err
    assert out.splitlines()[0] == "on 2023-01-09 Soledar was in occupied territory"
    assert "Territorial control: DeepStateMap.live" in out
    assert "no Ukraine outline" in err


def test_status_from_files_in_the_grey_zone(tmp_path, capsys):
    code, out, _ = run(capsys, "frontline", "status", str(DATA / "dated_small.geojson"),
                       "--date", "2023-01-01", "--at", "48.65,38.07", "--data-dir",
                       str(tmp_path))
    assert code == 0
    assert out.startswith("on 2022-12-29 48.6500,38.0700 was in the grey zone")


def test_status_near_the_front_with_an_outline(tmp_path, capsys):
    code, out, _ = run(capsys, "frontline", "status", str(DATA / "dated_small.geojson"),
                       "--date", "2023-01-09", "--at", "48.675,38.0", "--name", "Test",
                       "--outline", str(DATA / "boundaries_small.geojson"),
                       "--data-dir", str(tmp_path))
    assert code == 0
    # the small boundary file has two units, too few for an outline: the fallback is used
    assert out.startswith("on 2023-01-09 Test was 3.7 km from the front line")


def test_status_without_any_data_says_what_to_do(tmp_path, capsys):
    code, _, err = run(capsys, "frontline", "status", "--date", "2023-01-09",
                       "--at", "48.6,38.0", "--data-dir", str(tmp_path))
    assert code == 2
    assert "no front-line data" in err and "frontline import" in err


def test_status_before_the_first_snapshot(tmp_path, capsys):
    code, out, _ = run(capsys, "frontline", "status", str(DATA / "dated_small.geojson"),
                       "--date", "2022-01-01", "--at", "48.6,38.0", "--data-dir",
                       str(tmp_path))
    assert code == 2
    assert out == "Front line unknown on 2022-01-01: the snapshots start on 2022-12-29.\n"


def test_status_long_after_the_last_snapshot_is_unknown(tmp_path, capsys):
    small = str(DATA / "dated_small.geojson")  # snapshots 2022-12-29, 2023-01-09, 2023-05-25
    argv = ["frontline", "status", small, "--at", "48.6,38.0", "--name", "Test",
            "--data-dir", str(tmp_path)]
    code, out, err = run(capsys, *argv, "--date", "2024-02")
    assert code == 2
    assert out == ("Front line unknown on 2024-02-29: the newest snapshot is 2023-05-25, "
                   "280 days earlier (tolerance 10 days).\n")
    assert "--stale-days" in err
    code, out, _ = run(capsys, *argv, "--date", "2024-02", "--stale-days", "280")
    assert code == 0 and out.startswith("on 2023-05-25 Test was")


@pytest.mark.parametrize(("date", "stale", "known"), [
    ("2023-01-19", "10", True), ("2023-01-20", "10", False), ("2023-01-20", "11", True),
    ("2023-05", "0", True),  # a snapshot inside the month counts, whatever the tolerance
    ("2023-06", "10", False), ("2023-06", "36", True),  # 2023-05-25 is 36 days before 06-30
    ("2023-05-24", "1000", True), ("2023-01-09", "0", True), ("2023-01-10", "0", False),
])
def test_status_tolerance_per_day_and_month(tmp_path, capsys, date, stale, known):
    code, out, _ = run(capsys, "frontline", "status", str(DATA / "dated_small.geojson"),
                       "--date", date, "--stale-days", stale, "--at", "48.6,38.0",
                       "--data-dir", str(tmp_path))
    assert (code, out.startswith("Front line unknown")) == ((0, False) if known else (2, True))


@pytest.mark.parametrize("argv", [
    ["--date", "2023-13-01", "--at", "48.6,38.0"],
    ["--date", "2023-01-09", "--at", "48.6"],
    ["--date", "2023-01-09", "--at", "148.6,38.0"],
    ["--date", "2023-01-09", "--at", "48.6,38.0", "--stale-days", "-1"],
    ["--date", "2023-01-09", "--at", "48.6,38.0", "--stale-days", "ten"],
])
def test_status_bad_arguments(tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(["frontline", "status", *argv, "--data-dir", str(tmp_path)])
    assert exc.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_import_reports_bad_files_and_keeps_good_ones(tmp_path, capsys):
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                   '"properties": {"date": "2023-01-09", "status": "taken"}, '
                   '"geometry": null}]}')
    code, out, err = run(capsys, "frontline", "import", str(bad),
                         str(DATA / "dated_small.geojson"), "--data-dir", str(tmp_path / "d"))
    assert code == 1
    assert f"error: {bad} feature 0: has unknown status 'taken'" in err
    assert "3 date(s) in" in out


def test_import_nothing_usable_is_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "frontline", "import", str(tmp_path / "missing.geojson"),
                       "--data-dir", str(tmp_path))
    assert code == 2 and "no such file" in err


def test_download_with_a_fake_network(tmp_path, capsys, monkeypatch):
    asked = []

    def fake(url: str) -> bytes:
        asked.append(url)
        if url == download.INDEX_URL:
            return (DATA / "history_public.json").read_bytes()
        return (DATA / "1673294400.geojson").read_bytes()

    monkeypatch.setattr(download, "urllib_fetch", fake)
    monkeypatch.setattr(download.time, "sleep", lambda s: None)
    code, out, err = run(capsys, "frontline", "download", "--since", "2023-01-09",
                         "--until", "2023-01-10", "--data-dir", str(tmp_path))
    assert code == 0, err
    assert out.startswith("Territorial control: DeepStateMap.live. DeepStateMap.live data "
                          "© DEEPSTATEUATECH LLC")
    assert "2 snapshot(s) fetched, 0 already cached" in out
    assert len(asked) == 3
    assert (tmp_path / "frontline" / "cache" / "deepstatemap" / "1673294400.geojson").exists()
    assert (tmp_path / "frontline" / "occupied.parquet").exists()


def test_download_dates_must_be_in_order(tmp_path, capsys):
    code, _, err = run(capsys, "frontline", "download", "--since", "2023-02-01",
                       "--until", "2023-01-01", "--data-dir", str(tmp_path))
    assert code == 2 and "--until is before --since" in err


def test_boundaries_import(tmp_path, capsys):
    code, out, _ = run(capsys, "boundaries", "import", str(DATA / "boundaries_small.geojson"),
                       "--data-dir", str(tmp_path))
    assert code == 0
    assert "3 unit(s), 2 with an ISO 3166-2 code" in out
    assert "Ukraine outline not complete yet" in out


@pytest.mark.shared
def test_status_on_the_real_files_with_the_real_outline(geodata_sources, tmp_path, capsys):
    code, out, _ = run(capsys, "boundaries", "import",
                       str(geodata_sources / "ukraine_oblasts.geojson"),
                       "--data-dir", str(tmp_path))
    assert code == 0 and "Ukraine outline found" in out
    code, out, err = run(capsys, "frontline", "status",
                         str(geodata_sources / "frontline_2022-12_2023-06.geojson"),
                         "--date", "2023-05-25", "--at", "48.594,37.999", "--name", "Bakhmut",
                         "--data-dir", str(tmp_path))
    assert code == 0, err
    assert out.startswith("on 2023-05-25 Bakhmut was in occupied territory (")
    assert "no Ukraine outline" not in err


def test_module_entry_point_shows_the_groups():
    result = subprocess.run([sys.executable, "-m", "mapapp", "frontline", "--help"],
                            capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parents[2])
    assert "import" in result.stdout and "download" in result.stdout
