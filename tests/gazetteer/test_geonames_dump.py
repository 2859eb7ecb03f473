"""GeoNames country dumps: reading, checking, installing, and the villages they add."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from mapapp.gazetteer import dumps as gd

ROW = ("9999001\tTestdorp\tTestdorp\tTestovo,Тестове\t48.60000\t38.00000\tP\tPPL\tUA\t\t05"
       "\t\t\t\t120\t\t150\tEurope/Kyiv\t2024-01-01\n")
ADM1 = ("709716\tDonetsk Oblast\tDonetsk Oblast\tDonetska oblast\t48.33333\t37.83333\tA\tADM1"
        "\tUA\t\t05\t\t\t\t4100280\t\t150\tEurope/Kyiv\t2024-01-01\n")


def write_zip(path: Path, text: str, member: str = "XX.txt") -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(member, text)
        z.writestr("readme.txt", "not the data")
    return path


def test_read_populated_in_the_shape_of_cities500(tmp_path):
    dump = tmp_path / "XX.txt"
    dump.write_text(ROW + ADM1, encoding="utf-8")
    assert gd.read_populated(dump) == [{
        "geonameid": 9999001, "name": "Testdorp", "latitude": 48.6, "longitude": 38.0,
        "countrycode": "UA", "admin1code": "05", "population": 120, "source": "dump:XX",
        "alternatenames": ["Testovo", "Тестове"]}]
    assert gd.read_populated(write_zip(tmp_path / "XX.zip", ROW)) == gd.read_populated(dump)


@pytest.mark.parametrize(("content", "expected"), [
    ("not\ta\tdump\n", "line 1: expected 19 tab-separated GeoNames columns"),
    (ROW + "x" * 30 + "\n", "line 2: expected 19"),
])
def test_a_file_that_is_no_dump_says_where_and_what(tmp_path, content, expected):
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(gd.GeoNamesDumpError, match=expected):
        list(gd.rows(bad))


def test_a_broken_zip_is_named(tmp_path):
    bad = tmp_path / "UA.zip"
    bad.write_bytes(b"PK not really")
    with pytest.raises(gd.GeoNamesDumpError, match="not a zip archive"):
        list(gd.rows(bad))


def test_install_from_a_local_file_checks_then_copies(tmp_path):
    src = write_zip(tmp_path / "UA.zip", ROW)
    data = tmp_path / "data"
    target = gd.install(str(src), data)
    assert target == data / "geonames" / "UA.zip"
    assert gd.installed_dumps(data) == [target]
    with pytest.raises(gd.GeoNamesDumpError, match="no such file"):
        gd.install(str(tmp_path / "missing.zip"), data)


def test_install_refuses_a_bad_file_and_keeps_nothing(tmp_path):
    bad = tmp_path / "XX.txt"
    bad.write_text("hello\n", encoding="utf-8")
    data = tmp_path / "data"
    with pytest.raises(gd.GeoNamesDumpError, match=str(bad)):
        gd.install(str(bad), data)
    assert gd.installed_dumps(data) == []


def test_install_downloads_a_country_code_from_the_dump_server(tmp_path):
    asked = []
    payload = io.BytesIO()
    write_zip(payload, ROW)  # type: ignore[arg-type]

    def opener(url: str):
        asked.append(url)
        return io.BytesIO(payload.getvalue())

    target = gd.install("ua", tmp_path, opener=opener)
    assert asked == ["https://download.geonames.org/export/dump/UA.zip"]
    assert gd.read_populated(target)[0]["name"] == "Testdorp"


@pytest.mark.shared
def test_the_real_ukraine_dump_holds_the_front_line_villages(geodata_sources):
    dump = geodata_sources / "geonames" / "UA.zip"
    if not dump.exists():
        pytest.fail(f"{dump} is missing from ../shared")
    names = {c["name"] for c in gd.read_populated(dump)}
    assert {"Klishchiivka", "Andriivka", "Ivanivske"} <= names


@pytest.mark.shared
@pytest.mark.slow
def test_add_geonames_command_makes_villages_findable(geodata_sources, tmp_path, monkeypatch):
    """End to end: ``gazetteer add-geonames UA.zip`` then a rebuilt gazetteer finds villages."""
    from mapapp.cli.main import main
    from mapapp.gazetteer.index import Gazetteer
    from mapapp.text.name_keys import name_key

    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    dump = geodata_sources / "geonames" / "UA.zip"
    assert main(["gazetteer", "add-geonames", str(dump), "--data-dir", str(data)]) == 0
    gaz = Gazetteer.load(data=data, quiet=True)
    klishchiivka = [gaz.place_at(c.row) for c in gaz.candidates(name_key("Klishchiivka"))]
    assert any(p.country == "UA" and abs(p.lat - 48.53) < 0.1 and abs(p.lon - 37.97) < 0.1
               for p in klishchiivka), klishchiivka
    # The oblast takes GeoNames' own point from the dump's ADM1 row.
    assert gaz.place("709716").geonameid == 709716
