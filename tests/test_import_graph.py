"""The house holds: imports run down the flow, never up, never in a circle.

The packages are layers in the order the data flows (corpus → geoparse → store →
timeline → render → app); a module may import its own layer and the ones below, never
one above. Every import counts: inside functions and under ``TYPE_CHECKING`` too, since
either hides a dependency the layout is meant to show. Read from the source with ``ast``,
so a test run imports nothing to check it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mapapp"
# Bottom to top. A module belongs to the first entry its dotted name starts with.
LAYERS = (
    ("model", "periods", "paths", "plumbing"),
    ("text",),
    ("corpus",),
    ("gazetteer",),
    ("geoparse.phones", "geoparse.local_features"),
    ("geoparse.recognise",),
    ("geoparse.resolve",),
    ("geoparse.events",),
    ("geoparse",),
    ("store",),
    ("ingest",),
    ("timeline",),
    ("frontline",),
    ("render",),
    ("web",),
    ("cli",),
    ("app", "__main__"),
)
MAX_TOP_LEVEL_MODULES = 8
MAX_LINES = 420


def _modules(root: Path = PACKAGE) -> dict[str, Path]:
    """Dotted names (without ``mapapp.``) of every module and package of ``root``."""
    out = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The modules of the package that ``path`` (module ``name``) imports, anywhere in it."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against this module's package
                base = ("mapapp." + name).split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # a name that is a module ("from mapapp.store import reader") is that module;
            # any other name is the module it is taken from
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}".removeprefix("mapapp.")
                       in known else module for a in node.names]
        for target in targets:
            if target.startswith("mapapp."):
                short = target.removeprefix("mapapp.")
                while short and short not in known:
                    short = short.rpartition(".")[0]
                if short and short != name:
                    found.add(short)
    return found


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    modules = _modules(root)
    known = set(modules) - {""}
    # a name imported from a package ("from mapapp.store import reader") is the module
    graph = {name: imports_of(path, name, known) for name, path in modules.items() if name}
    # a package's __init__ is not a dependency of its own modules
    return {n: {d for d in deps if not n.startswith(d + ".")} for n, deps in graph.items()}


def layer_of(name: str) -> int:
    for i, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(f"mapapp.{name} is in no layer: add it to LAYERS (which flow is it?)")


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"mapapp.{m} (layer {LAYERS[layer_of(m)][0]}) imports mapapp.{d} "
                  f"(layer {LAYERS[layer_of(d)][0]})"
                  for m, deps in graph.items() for d in deps if layer_of(d) > layer_of(m))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_layer():
    for name in import_graph():
        layer_of(name)


def test_no_module_imports_a_layer_above_it():
    assert upward_imports(import_graph()) == []


def test_no_circles():
    assert cycles(import_graph()) == []


def test_the_package_top_holds_a_handful_of_modules():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_every_package_says_what_it_owns_and_must_not_import():
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "Must not import" in doc, f"{init}: the docstring says what it must not import"


def test_no_module_is_long():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


@pytest.fixture
def toy(tmp_path: Path) -> Path:
    """A package of three modules: text at the bottom, store above, and an import back."""
    (tmp_path / "text").mkdir()
    (tmp_path / "store").mkdir()
    for init in (tmp_path / "__init__.py", tmp_path / "text" / "__init__.py",
                 tmp_path / "store" / "__init__.py"):
        init.write_text("")
    (tmp_path / "text" / "words.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from mapapp.store.reader import Store\n")
    (tmp_path / "store" / "reader.py").write_text(
        "def f():\n    from mapapp.text import words\n")
    return tmp_path


def test_the_checks_see_an_upward_import_and_a_circle(toy: Path):
    """The tests above can fail: a type-only import up, a function-level import back."""
    graph = import_graph(toy)
    assert graph["text.words"] == {"store.reader"}
    assert graph["store.reader"] == {"text.words"}
    assert upward_imports(graph) == [
        "mapapp.text.words (layer text) imports mapapp.store.reader (layer store)"]
    assert cycles(graph) == [["store.reader", "text.words"]]
