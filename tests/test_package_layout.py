"""The package's layout: no module of it can shadow another module when the app runs.

``streamlit run mapapp/app.py`` puts mapapp/ itself on ``sys.path``; a module of the
package named like an installed distribution's top-level module (``names.py`` beside the
``names`` census list) or a standard module then replaces it for every import, in the app
and nowhere else (issue 14: English articles crashed the app with "'names' is not a
package"). app.py takes its folder off the path; these tests keep the names apart too.
"""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mapapp"


def _top_level_names(folder: Path) -> set[str]:
    """What ``import NAME`` would find in ``folder``: modules and subpackages."""
    modules = {p.stem for p in folder.glob("*.py")}
    packages = {p.name for p in folder.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    return modules | packages


def test_no_module_shadows_an_installed_or_standard_module():
    installed = set(importlib.metadata.packages_distributions()) - {"mapapp"}
    taken = installed | set(sys.stdlib_module_names)
    clashes = sorted(_top_level_names(PACKAGE) & taken)
    assert not clashes, (f"mapapp modules {clashes} shadow installed or standard modules when "
                         "`streamlit run mapapp/app.py` puts mapapp/ on sys.path: rename them")


def test_the_check_sees_a_clash(tmp_path):
    """The check above can fail: a folder holding names.py and json.py clashes."""
    (tmp_path / "names.py").write_text("")
    (tmp_path / "json.py").write_text("")
    installed = set(importlib.metadata.packages_distributions())
    found = _top_level_names(tmp_path) & (installed | set(sys.stdlib_module_names))
    assert found == {"names", "json"}

