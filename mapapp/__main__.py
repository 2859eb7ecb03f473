"""``python -m mapapp``: the command line (see mapapp.cli)."""

from mapapp.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
