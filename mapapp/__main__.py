"""``python -m mapapp``: the command line (see mapapp.cli.main)."""

from mapapp.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
