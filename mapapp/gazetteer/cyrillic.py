"""Ukrainian and Russian names the gazetteer's sources lack (``geodata/names_cyrillic.csv``).

GeoNames gives towns their Cyrillic names, but the project's curated rows
(Donbas, Crimea, the Dnieper) were named in Latin script only, CLDR has no
abbreviations (РФ, США), and the self-proclaimed republics that Ukrainian and
Russian reporting names as regions (ДНР, ЛНР) are in no source. One file adds
them: a row names an existing place (by its id) to extend, or a new one.
"""

from __future__ import annotations

from pathlib import Path

from mapapp.gazetteer import build as gb
from mapapp.gazetteer.name_kinds import NameKind
from mapapp.model import PlaceKind


def _curated_rows(t: gb.Tables, geodata: Path, iso_rows: dict[str, int]) -> dict[str, int]:
    """regions.csv ids → rows: a curated region that is an admin-1 unit or a GeoNames place
    was merged into that row (``gazetteer_build.add_curated``), so its id names no row."""
    out = {}
    for r in gb._read_csv(geodata / "regions.csv"):
        iso, gid = r.get("admin1_iso"), r.get("geonameid")
        row = iso_rows.get(iso) if iso else None
        if row is None:
            row = t.row_of.get(gid) if gid else t.row_of.get(r["id"])
        if row is not None:
            out[r["id"]] = row
    return out


def add_cyrillic_names(t: gb.Tables, geodata: Path, iso_rows: dict[str, int]) -> None:
    """Add the names of ``names_cyrillic.csv``; capitals are abbreviations (like ``VS``)."""
    curated = _curated_rows(t, geodata, iso_rows)
    for r in gb._read_csv(geodata / "names_cyrillic.csv"):
        row = curated.get(r["id"], t.row_of.get(r["id"]))
        if row is None:
            row = t.add_place(r["id"], r["name"], PlaceKind(r["kind"]), "curated", float(r["lat"]),
                              float(r["lon"]), r["country"], r["admin1"])
            t.add_name(row, r["name"], NameKind.PRIMARY)
        for name in (n for n in r["names"].split("|") if n):
            t.add_name(row, name, NameKind.ABBREVIATION if name.isupper() else NameKind.EXONYM)
