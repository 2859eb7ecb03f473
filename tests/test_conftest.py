"""The test suite's own folders: no test reads the user's data or cache (issue 14, item 5).

After the README's own steps (``frontline import``, ``boundaries import``) into the
user's data folder, tests picked up the imported front line and five of them failed.
"""

from __future__ import annotations

import os
from pathlib import Path

from mapapp import paths


def _user_folders() -> list[Path]:
    home = Path.home()
    return [home / ".local" / "share" / "mapapp", home / ".cache" / "mapapp"]


def test_data_and_cache_folders_are_not_the_users(private_data_dir):
    assert paths.data_dir() == private_data_dir
    assert not any(private_data_dir.iterdir()), "a test's data folder starts empty"
    for folder in (paths.data_dir(), paths.cache_dir()):
        for user in _user_folders():
            assert not folder.resolve().is_relative_to(user.resolve()), folder


def test_an_app_started_by_a_test_inherits_the_private_folders(private_data_dir):
    """``streamlit run`` in the browser tests gets the environment, so the same folders."""
    assert os.environ["MAPAPP_DATA_DIR"] == str(private_data_dir)
    assert Path(os.environ["MAPAPP_CACHE_DIR"]) == paths.cache_dir()


def test_each_test_gets_a_new_data_folder(private_data_dir):
    (private_data_dir / "frontline").mkdir()  # the next test must not see this
    assert paths.data_dir() == private_data_dir
