"""The imported front-line layers, kept in the user's data directory.

Importing normalises every file (DeepStateMap snapshots, dated GeoJSON) into
one GeoParquet table per status, ``<data_dir>/frontline/occupied.parquet`` and
``grey.parquet``, one row a date with columns ``date`` (YYYY-MM-DD),
``source``, ``credit``, ``snapshot_utc`` and ``geometry`` (unsimplified,
longitude/latitude). The app then reads two small files instead of parsing
styled maps, and a later import of the same date replaces the earlier one:
per (date, status), the row with the later ``snapshot_utc`` wins, and among
rows without one the last imported.

Nothing here is committed: the data directory lives outside the repository
(see ``mapapp.gazetteer.index.data_dir``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mapapp.frontline.control import AREA_STATUSES, ControlStatus
from mapapp.frontline.geostore import (
    FileOutcome,
    InputFileError,
    expand_inputs,
    read_geoparquet,
    write_geoparquet,
)
from mapapp.frontline.readers import Layer, ParsedFile, parse_file

SUBDIR = "frontline"
_COLUMNS = ("date", "source", "credit", "snapshot_utc")


@dataclass(frozen=True)
class ImportReport:
    """What an import did, file by file, and what the store holds afterwards."""

    outcomes: tuple[FileOutcome, ...]
    dates_in_store: int

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    @property
    def imported(self) -> int:
        return sum(o.ok for o in self.outcomes)


def store_dir(data_dir: Path) -> Path:
    return Path(data_dir) / SUBDIR


def store_path(data_dir: Path, status: ControlStatus) -> Path:
    return store_dir(data_dir) / f"{status}.parquet"


def has_store(data_dir: Path) -> bool:
    """True when front-line data has been imported into ``data_dir``."""
    return store_path(data_dir, ControlStatus.OCCUPIED).is_file()


def read_layers(data_dir: Path) -> list[Layer]:
    """Every stored layer, occupied and grey, sorted by date; [] when none."""
    layers: list[Layer] = []
    for status in AREA_STATUSES:
        path = store_path(data_dir, status)
        if not path.is_file():
            continue
        cols, geoms = read_geoparquet(path)
        for i, geom in enumerate(geoms):
            layers.append(Layer(dt.date.fromisoformat(cols["date"][i]), status, geom,
                                cols["source"][i], cols["credit"][i], cols["snapshot_utc"][i]))
    return sorted(layers, key=lambda la: (la.date, la.status))


def _newer(new: Layer, old: Layer) -> bool:
    if new.snapshot_utc and old.snapshot_utc:
        return new.snapshot_utc >= old.snapshot_utc
    return True


def merge_layers(old: Iterable[Layer], new: Iterable[Layer]) -> list[Layer]:
    """One layer per (date, status): a later snapshot replaces an earlier one."""
    merged: dict[tuple[dt.date, ControlStatus], Layer] = {}
    for layer in [*old, *new]:
        key = (layer.date, layer.status)
        if key not in merged or _newer(layer, merged[key]):
            merged[key] = layer
    return [merged[k] for k in sorted(merged)]


def write_layers(data_dir: Path, layers: Iterable[Layer]) -> int:
    """Merge ``layers`` into the store; return how many dates have an occupied layer."""
    merged = merge_layers(read_layers(data_dir), layers)
    for status in AREA_STATUSES:
        rows = [la for la in merged if la.status == status]
        if not rows:
            continue
        columns = {"date": [la.date.isoformat() for la in rows],
                   "source": [la.source for la in rows],
                   "credit": [la.credit for la in rows],
                   "snapshot_utc": [la.snapshot_utc for la in rows]}
        write_geoparquet(store_path(data_dir, status), columns, [la.geometry for la in rows])
    return sum(la.status == ControlStatus.OCCUPIED for la in merged)


def _summary(parsed: ParsedFile) -> str:
    days = sorted({la.date for la in parsed.layers})
    span = days[0].isoformat() if len(days) == 1 else f"{days[0]} … {days[-1]}"
    occupied = sum(la.status == ControlStatus.OCCUPIED for la in parsed.layers)
    grey = sum(la.status == ControlStatus.GREY and not la.geometry.is_empty for la in parsed.layers)
    text = (f"{parsed.format}: {len(days)} date(s) {span}; occupied areas on {occupied}, "
            f"grey zones on {grey}")
    if parsed.skipped:
        left = ", ".join(f"{n} {k}" for k, n in sorted(parsed.skipped.items()))
        text += f"; left out: {left}"
    return text


def parse_many(paths: Iterable[Path | str]) -> tuple[list[ParsedFile], list[FileOutcome]]:
    """Parse files and folders; bad files become outcomes with their error."""
    parsed: list[ParsedFile] = []
    outcomes: list[FileOutcome] = []
    for path in expand_inputs(paths):
        try:
            result = parse_file(path)
        except InputFileError as err:
            outcomes.append(FileOutcome(path, False, error=str(err)))
            continue
        parsed.append(result)
        outcomes.append(FileOutcome(path, True, _summary(result), result.warnings))
    return parsed, outcomes


def import_paths(paths: Iterable[Path | str], data_dir: Path) -> ImportReport:
    """Import files and folders into the store, keeping the good ones.

    Each file is imported whole or not at all; a bad file is reported with its
    error and the others still go in.
    """
    parsed, outcomes = parse_many(paths)
    layers = [la for p in parsed for la in p.layers]
    total = write_layers(data_dir, layers) if layers else sum(
        la.status == ControlStatus.OCCUPIED for la in read_layers(data_dir))
    return ImportReport(tuple(outcomes), total)
