"""The offer of a country's villages: focus countries, figures, download, offline help.

No test reaches the internet: the dump is ``../shared``'s real UA.zip, taken
from a mirror folder or served by a local HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from mapapp.gazetteer import dumps
from mapapp.gazetteer import offer as village_offer

UA_ROWS = 33_681  # feature class P in ../shared's UA.zip (SOURCES.md: 45,086 features)


@pytest.fixture
def ua_zip(geodata_sources: Path) -> Path:
    return geodata_sources / "geonames" / "UA.zip"


@pytest.fixture
def served(ua_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A local dump server holding UA.zip; ``$MAPAPP_GEONAMES_URL`` points at it."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copyfile(ua_zip, root / "UA.zip")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.delenv("MAPAPP_GEONAMES_MIRROR", raising=False)
    monkeypatch.setenv("MAPAPP_GEONAMES_URL",
                       f"http://127.0.0.1:{server.server_address[1]}/{{code}}.zip")
    yield root
    server.shutdown()


def test_focus_countries_are_those_the_corpus_is_mostly_about():
    assert village_offer.focus_countries([("UA", 60), ("RU", 30), ("US", 10)]) == [
        ("UA", 0.6), ("RU", 0.3)]
    assert village_offer.focus_countries([("UA", 2)]) == []  # too few to say
    assert village_offer.focus_countries([("", 50), ("UA", 5)]) == [("UA", 1.0)]


def test_the_offer_counts_the_dump_in_a_mirror(ua_zip, monkeypatch, private_data_dir):
    monkeypatch.setenv("MAPAPP_GEONAMES_MIRROR", str(ua_zip.parent))
    offers = village_offer.offers([("UA", 40), ("RU", 5)], private_data_dir,
                                  head=lambda url: pytest.fail(f"asked the network for {url}"))
    assert [o.country for o in offers] == ["UA"]
    assert offers[0].facts == village_offer.DumpFacts(UA_ROWS, ua_zip.stat().st_size,
                                                       str(ua_zip))
    assert offers[0].text() == ("This corpus is about Ukraine; add its 33,681 populated "
                                "places, 2.2 MB from GeoNames.")
    assert offers[0].command == "python -m mapapp gazetteer add-geonames UA"


def test_no_offer_once_the_dump_is_installed(ua_zip, private_data_dir):
    dumps.install(str(ua_zip), private_data_dir)
    assert village_offer.offers([("UA", 40)], private_data_dir, head=lambda url: None) == []


def test_the_size_comes_from_the_server_when_no_copy_is_at_hand(served, ua_zip,
                                                               private_data_dir):
    (offer,) = village_offer.offers([("UA", 9)], private_data_dir)
    assert offer.facts.populated is None
    assert offer.facts.size == ua_zip.stat().st_size  # a real HEAD request to the local server
    assert offer.text().endswith("add its villages of every size, 2.2 MB from GeoNames.")


def test_accept_downloads_checks_and_rebuilds(served, ua_zip, private_data_dir, monkeypatch):
    built = []
    monkeypatch.setattr(village_offer.index, "build_index",
                        lambda path, data, progress: built.append((path.parent, data)))
    steps: list[str] = []
    (offer,) = village_offer.offers([("UA", 9)], private_data_dir)
    path = village_offer.accept(offer, private_data_dir, lambda what, done: steps.append(what))
    assert path == private_data_dir / "geonames" / "UA.zip"
    assert path.read_bytes() == ua_zip.read_bytes()
    assert built and built[0][1] == private_data_dir
    assert steps == ["downloading the villages of Ukraine"]
    assert village_offer.installed_countries(private_data_dir) == {"UA"}


def test_offline_the_offer_says_how_to_import_a_file(private_data_dir, monkeypatch):
    with socket_closed() as port:
        monkeypatch.setenv("MAPAPP_GEONAMES_URL", f"http://127.0.0.1:{port}/{{code}}.zip")
        (offer,) = village_offer.offers([("UA", 9)], private_data_dir)
        assert offer.facts.size is None
        with pytest.raises(village_offer.OfferError) as err:
            village_offer.accept(offer, private_data_dir)
    assert "gazetteer add-geonames PATH/UA.zip" in str(err.value)
    assert "download.geonames.org/export/dump/UA.zip" in str(err.value)
    assert dumps.installed_dumps(private_data_dir) == []


class socket_closed:  # a context manager used like a function
    """A port on 127.0.0.1 where nothing listens: a download there fails at once."""

    def __enter__(self) -> int:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        return self.port

    def __exit__(self, *exc: object) -> None:
        return None


def test_offer_command_names_the_offer_and_the_unfound_villages(tmp_path, ua_zip, monkeypatch,
                                                                capsys):
    from mapapp.cli.main import main

    monkeypatch.setenv("MAPAPP_GEONAMES_MIRROR", str(ua_zip.parent))
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(
        '{"id": "a1", "date": "2023-08-24", "lang": "en", "text": "Troops took the village '
        'of Robotyne, south of Orikhiv in Zaporizhzhia Oblast, and shelled Tokmak."}\n',
        encoding="utf-8")
    assert main(["gazetteer", "offer", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "about: Ukraine (100%)" in out
    assert "add its 33,681 populated places, 2.2 MB from GeoNames." in out
    assert "python -m mapapp gazetteer add-geonames UA" in out
    assert "Robotyne\t1 mention(s)\ta1" in out


def test_doctests():
    import doctest

    assert doctest.testmod(village_offer).failed == 0
