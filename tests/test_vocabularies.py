"""The named vocabularies are complete, and their words are not written bare in the package.

Place kinds (``model.PlaceKind``), control statuses (``frontline.control``) and
name kinds (``gazetteer.name_kinds``) each have one source. The first tests hold
that every value the code makes or draws is a member, and every member is drawn;
the last reads the package with ``ast`` and fails when a comparison, a dict key
or a subscript spells a member's value as a string again (``kind == "city"``)
instead of naming the member: a typo there would fail silently.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
from pathlib import Path

import pytest

from mapapp.frontline import readers
from mapapp.frontline.control import (
    AREA_STATUSES,
    FRONT_LINE,
    PLACE_STATUSES,
    ControlStatus,
    SkippedArea,
)
from mapapp.frontline.snapshots import LEGEND, PlaceStatus
from mapapp.model import PLACE_KINDS, PlaceKind
from mapapp.render import folium_map, frontline_layers

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mapapp"


# ------------------------------------------------------------------ complete


def test_every_kind_the_gazetteer_holds_is_a_place_kind(gazetteer):
    assert set(gazetteer.kinds) <= set(PlaceKind)
    # and the build makes every kind: a member nobody makes is a dead word
    assert set(gazetteer.kinds) == set(PlaceKind)


def test_the_curated_regions_use_place_kinds():
    with open(ROOT / "geodata" / "regions.csv", encoding="utf-8", newline="") as f:
        kinds = {r["kind"] for r in csv.DictReader(line for line in f if not line.startswith("#"))}
    assert kinds and kinds <= set(PLACE_KINDS)


def test_the_map_styles_and_names_every_place_kind_and_nothing_else():
    assert set(folium_map.KIND_STYLES) == set(PLACE_KINDS)
    assert set(folium_map.KIND_LABELS) == set(PLACE_KINDS)
    legend = frontline_layers.legend_items(PLACE_KINDS)
    assert sorted(label for label, _ in legend) == sorted(folium_map.KIND_LABELS.values())


def test_every_status_a_town_can_have_is_styled_or_deliberately_not():
    # "outside" Ukraine keeps the kind's own outline (folium_map.STATUS_STYLES says why)
    styled = set(PLACE_STATUSES) - {ControlStatus.OUTSIDE}
    assert set(folium_map.STATUS_STYLES) == styled
    assert set(frontline_layers.STATUS_LABELS) == styled
    assert set(folium_map.STATUS_STYLES) <= set(ControlStatus)


@pytest.mark.parametrize("status", list(ControlStatus))
def test_every_status_has_words_for_the_tooltip_and_the_panel(status):
    note = folium_map.status_note(status, 3.0)
    assert note or status == ControlStatus.OUTSIDE
    if status in PLACE_STATUSES:
        assert PlaceStatus(status, 3.0, dt.date(2023, 3, 1)).describe("Bakhmut")


def test_the_area_layers_are_the_area_statuses_and_the_front_line():
    assert [entry.status for entry in LEGEND] == [*AREA_STATUSES, FRONT_LINE]
    assert set(frontline_layers.FRONT_STYLES) == {*AREA_STATUSES, FRONT_LINE}
    assert FRONT_LINE not in set(ControlStatus)


def test_the_readers_map_every_word_to_an_area_status_or_a_skipped_area():
    tables = (readers._STATUS_WORDS, readers._DS_KEYS, readers._DS_EN, readers._DS_UK,
              readers._DS_FILLS)
    made = {value for table in tables for value in table.values()}
    assert made <= {*AREA_STATUSES, *SkippedArea}
    assert set(AREA_STATUSES) <= made
    assert readers.classify_deepstate({"name": "x /// y /// geoJSON.territories.moon"}) \
        is SkippedArea.OTHER


def test_members_are_their_strings_in_files_and_messages():
    """A StrEnum member formats, hashes and compares as its value (store file names, JSON)."""
    for member in [*PlaceKind, *ControlStatus, *SkippedArea]:
        assert (f"{member}", str(member), hash(member)) == (member.value, member.value,
                                                             hash(member.value))
        assert type(member.value) is str


def test_a_place_kind_member_writes_the_same_parquet_bytes_as_its_string():
    """The store's files stay as they were before the enum (item 4 of issue 16)."""
    import io

    import pyarrow.parquet as pq

    from mapapp.model import Place
    from mapapp.store.tables import places_table

    def written(kind) -> bytes:
        out = io.BytesIO()
        pq.write_table(places_table([Place("713174", "Bakhmut", kind, 48.6, 38.0, "UA", "14",
                                           70_000, 713174)]), out)
        return out.getvalue()

    assert written(PlaceKind.CITY) == written("city")


# ------------------------------------------------------------------ no bare words

# Words of input formats that happen to equal a member's value: the plain GeoJSON's and
# DeepStateMap's own status words, which readers maps onto ours. (module, assigned name)
_FOREIGN_WORDS = {("frontline/readers.py", "_STATUS_WORDS"), ("frontline/readers.py", "_DS_EN"),
                  ("frontline/readers.py", "_KNOWN_UNUSED")}
# Event reading has vocabularies of its own, Literal types with one source each: an event's
# kind "held" (model.Kind) and the actor "other" a verb implies (events.lexicon.Implied). In
# its modules those two words are theirs; place kinds there are still checked.
_EVENT_WORDS = {"held", "other"}
# Column names of the place tables that are also a kind's value: a subscript or dict key
# "country" names the column, never the kind (comparisons with it are still checked).
_COLUMN_WORDS = {"country"}


def _vocabulary() -> set[str]:
    return {m.value for m in [*PlaceKind, *ControlStatus, *SkippedArea]} | {FRONT_LINE}


def _strings(node: ast.AST) -> list[ast.Constant]:
    """String constants standing as a value or a tuple/list/set of values."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [c for elt in node.elts for c in _strings(elt)]
    return []


def bare_words(source: str, where: str, words: set[str]) -> list[str]:
    """Places in ``source`` that spell one of ``words`` in a comparison, key or subscript."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and (where, t.id) in _FOREIGN_WORDS for t in targets):
                skip.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        consts: list[ast.Constant] = []
        if isinstance(node, ast.Compare):
            for side in [node.left, *node.comparators]:
                consts += _strings(side)
        elif isinstance(node, ast.Dict):
            consts += [c for k in node.keys if k is not None for c in _strings(k)
                       if c.value not in _COLUMN_WORDS]
        elif isinstance(node, ast.Subscript):
            consts += [c for c in _strings(node.slice) if c.value not in _COLUMN_WORDS]
        own = _EVENT_WORDS if where.startswith("geoparse/events/") else set()
        found += [f"{where}:{c.lineno}: {c.value!r}" for c in consts
                  if c.value in words and c.value not in own]
    return found


def test_no_vocabulary_word_is_written_bare_in_the_package():
    words = _vocabulary()
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "control.py" or path == PACKAGE / "model.py":
            continue  # the sources themselves
        where = path.relative_to(PACKAGE).as_posix()
        found += bare_words(path.read_text(encoding="utf-8"), where, words)
    assert not found, ("name the member (PlaceKind.CITY, ControlStatus.HELD, …) instead of "
                       "its string:\n" + "\n".join(found))


def test_the_scan_sees_bare_words_and_leaves_messages_alone():
    """The check above can fail, and does not fail on prose."""
    source = '''
"""A docstring saying "city" and "occupied"."""
STYLES = {"held": 1, "country": 2}
def f(kind, status, row):
    note = f"a {'region' if kind else 'town'}"
    print("the city is occupied", row["country"])
    return kind == "city" or status in ("grey", "near_front") or STYLES["other"]
'''
    found = bare_words(source, "x.py", _vocabulary())
    assert found == ["x.py:3: 'held'", "x.py:7: 'city'", "x.py:7: 'grey'",
                     "x.py:7: 'near_front'", "x.py:7: 'other'"]
