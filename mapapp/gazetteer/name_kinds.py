"""How a name is attached to a place, and the one place that packs it with the place's row.

The name index maps a name key to many (place row, name kind) pairs; there are
millions of them, and the index is cached with ``marshal``, so each pair is one
int, ``row * 8 + kind``. Only this module knows that encoding: the build packs
with :func:`pack`, everyone who reads the index unpacks with :func:`unpack`,
:func:`row_of` or :func:`kind_of`.

>>> code = pack(713174, NameKind.ROMANISED)
>>> unpack(code)
(713174, <NameKind.ROMANISED: 3>)
>>> row_of(code), kind_of(code).name
(713174, 'ROMANISED')
"""

from __future__ import annotations

from enum import IntEnum


class NameKind(IntEnum):
    """How a name came to a place; lower is more trustworthy as evidence.

    The order matters: the index keeps the lowest kind when a place gets the
    same name twice, and the resolver trusts a name up to ``EXONYM`` as the
    place's own. Values go into the cached index, so a new kind goes at the end.
    """

    PRIMARY = 0
    EXONYM = 1
    ALTERNATE = 2
    ROMANISED = 3
    ABBREVIATION = 4
    COMPASS = 5


_WIDTH = 8  # room for the kinds; a power of two so the packed int stays cheap to split
_KINDS = tuple(NameKind)  # kind by value without an enum call per unpacked code
assert len(_KINDS) <= _WIDTH


def pack(row: int, kind: NameKind) -> int:
    """The index code of the name of ``kind`` attached to the place at ``row``."""
    return row * _WIDTH + kind


def unpack(code: int) -> tuple[int, NameKind]:
    """The (row, kind) an index code stands for."""
    return code // _WIDTH, _KINDS[code % _WIDTH]


def row_of(code: int) -> int:
    """The place row of an index code."""
    return code // _WIDTH


def kind_of(code: int) -> NameKind:
    """The name kind of an index code."""
    return _KINDS[code % _WIDTH]
