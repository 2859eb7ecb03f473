"""``python -m mapapp``: the command line (see mapapp.cli.main)."""

from mapapp.cli.main import run

if __name__ == "__main__":
    run()
