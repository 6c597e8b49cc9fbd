"""The shape of the package as docs/architecture.md states it: every module in the module
table and every row a module, no import loop (also through imports inside functions), and
modules of at most 500 lines but for the catalogue of words and the demo's data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "survey"
#: longer by nature: the catalogue of every word a report shows, the demo study's data
LONG = {"messages", "demo"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in its code."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)]
            target = ".".join(base + (node.module.split(".") if node.module else []))
            for alias in node.names:
                full = f"{target}.{alias.name}".lstrip(".")
                found.add(full if full in modules else target)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = [node.module] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names]
            found |= {n.removeprefix("survey.") for n in names
                      if n and n.startswith("survey.")}
    return {m for m in found if m in modules and m != name}


def test_no_import_loop():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert graph["ledgersolve"] >= {"ledger"}  # the reader sees relative imports

    def loop_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, trail = stack.pop()
            for nxt in sorted(graph[node]):
                if nxt == start:
                    return trail + [start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
        return None

    loops = [loop for name in sorted(graph) if (loop := loop_from(name))]
    assert not loops, " → ".join(loops[0])


def test_the_module_table_lists_every_module_and_only_modules():
    table = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([a-z_.]+)` \|", table, flags=re.MULTILINE))
    modules = {name for name in _modules() if name not in ("__main__",)}
    assert sorted(modules - rows) == []
    assert sorted(rows - modules) == []


def test_modules_stay_small():
    long = {name: n for name, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
            and name not in LONG}
    assert long == {}
