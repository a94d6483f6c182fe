"""The store depends on nothing above it (DESIGN.md): it can be read, tested and migrated alone."""

from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parent.parent / "coach" / "store"
ALLOWED = ("coach.store", "coach.errors", "coach.config", "coach.types", "coach.files")


def coach_imports(path: Path) -> list[str]:
    """Every coach module a file imports, at its top or inside a function."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            if node.module == "coach":
                names += [f"coach.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            names.append("relative import")
    return [
        name for name in names if name == "coach" or name.startswith("coach.") or name == "relative import"
    ]


def test_store_modules_import_only_the_store_errors_config_and_types():
    files = sorted(STORE.glob("*.py"))
    assert len(files) > 10
    upward = {
        f"{path.name}: {name}"
        for path in files
        for name in coach_imports(path)
        if not any(name == allowed or name.startswith(allowed + ".") for allowed in ALLOWED)
    }
    assert upward == set()


def test_the_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from coach.banks import get_question\n    import coach.audio\n")
    assert coach_imports(module) == ["coach.banks", "coach.audio"]
