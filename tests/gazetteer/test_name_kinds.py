"""Name kinds and the packed index code: one module knows the encoding, and it holds."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mapapp.gazetteer.name_kinds import NameKind, kind_of, pack, row_of, unpack

PACKAGE = Path(__file__).resolve().parents[2] / "mapapp"


@given(st.integers(0, 2**40), st.sampled_from(list(NameKind)))
def test_a_packed_code_gives_back_its_row_and_kind(row, kind):
    code = pack(row, kind)
    assert unpack(code) == (row, kind) and (row_of(code), kind_of(code)) == (row, kind)
    assert type(code) is int and type(kind_of(code)) is NameKind


def test_the_kinds_keep_their_order_of_trust():
    # the index keeps the lowest kind of a name given twice; the resolver trusts up to EXONYM
    assert list(NameKind) == sorted(NameKind)
    assert [k.name for k in NameKind] == ["PRIMARY", "EXONYM", "ALTERNATE", "ROMANISED",
                                          "ABBREVIATION", "COMPASS"]


def test_every_code_of_the_built_index_is_a_row_and_a_kind(gazetteer):
    index = gazetteer.index
    kinds = {kind_of(c) for key in index.pos for c in index.codes(key)}
    dotted = {kind_of(c) for key in gazetteer.dotted.pos for c in gazetteer.dotted.codes(key)}
    # every kind is made by the build (abbreviations with stops live in the dotted index)
    assert kinds | dotted == set(NameKind)
    assert dotted == {NameKind.ABBREVIATION}
    rows = {row_of(c) for key in index.pos for c in index.codes(key)}
    assert max(rows) < len(gazetteer)


def _packs_by_hand(source: str) -> list[int]:
    """Lines that multiply by 8, or divide or take the remainder by 8: the encoding by hand."""
    ops = (ast.Mult, ast.FloorDiv, ast.Mod, ast.RShift, ast.BitAnd)
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.BinOp) and isinstance(node.op, ops)
            and any(isinstance(side, ast.Constant) and side.value in (3, 7, 8)
                    and not isinstance(side.value, bool)
                    and (isinstance(node.op, ast.RShift | ast.BitAnd) or side.value == 8)
                    for side in (node.left, node.right))]


def test_only_name_kinds_knows_the_packed_encoding():
    found = [f"{path.relative_to(PACKAGE)}:{line}"
             for path in sorted(PACKAGE.rglob("*.py")) if path.name != "name_kinds.py"
             for line in _packs_by_hand(path.read_text(encoding="utf-8"))]
    assert not found, "pack and unpack index codes with gazetteer.name_kinds: " + ", ".join(found)


def test_the_encoding_check_can_fail():
    assert _packs_by_hand("row = code // 8\nkind = code % 8\ncode = row * 8 + 2\nx = y * 3") \
        == [1, 2, 3]
