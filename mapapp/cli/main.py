"""``python -m mapapp …``: the subcommands, each a thin shell over a core module.

Each command group lives beside the module it drives (``register(subparsers)``
in ``cli_*.py``), so this file only wires them together and never holds logic.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import NoReturn


def build_parser() -> argparse.ArgumentParser:
    from mapapp.cli import events, frontline, geo, store

    parser = argparse.ArgumentParser(prog="python -m mapapp", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    geo.register(sub)
    frontline.register(sub)
    store.register(sub)
    events.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def run() -> NoReturn:
    """``python -m mapapp``: run the command, then end the process.

    The collector is frozen before the interpreter shuts down: its shutdown
    collections would walk every object still alive, the place index's million
    names among them (0.1-0.2 s of a one-document geoparse, for nothing: the
    memory goes back to the system anyway). Not done in :func:`main`, which
    tests call in their own process.
    """
    status = main()
    gc.freeze()
    raise SystemExit(status)
