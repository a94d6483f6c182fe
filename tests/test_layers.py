"""Imports point down the flow: nothing imports `coach.ui` (presentation) but the pages."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Only pages (and the tests and benchmarks that drive them) may import coach.ui; app.py, which
# declares the pages, asks it who is signed in (multi-user mode: the cohort page is staff's).
MAY_IMPORT_UI = (
    ROOT / "app_pages",
    ROOT / "coach" / "ui",
    ROOT / "tests",
    ROOT / "benchmarks",
    ROOT / "app.py",
)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function ('from coach import ui' too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def ui_imports_outside_pages() -> list[tuple[str, str]]:
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if any(part.startswith(".") for part in path.relative_to(ROOT).parts) or any(
            path.is_relative_to(allowed) for allowed in MAY_IMPORT_UI
        ):
            continue
        name = path.relative_to(ROOT).as_posix()
        for module in sorted(imported_modules(path)):
            if module == "coach.ui" or module.startswith("coach.ui."):
                offenders.append((name, module))
    return offenders


def test_only_pages_import_coach_ui():
    assert ui_imports_outside_pages() == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from coach.ui.summary import clock\n    from coach import ui\n")
    assert {"coach.ui.summary", "coach.ui"} <= imported_modules(module)


def test_question_matching_sits_below_the_banks_and_the_debriefs():
    """`banks.keep_question` and `debrief.in_bank` imported coach.interview.matching (inside their
    functions), which imports `banks`: a cycle up the layers. The matching lives in
    coach/question_match.py, which imports neither, and they import it."""
    below = ROOT / "coach" / "question_match.py"
    assert below.exists()
    assert not {
        m
        for m in imported_modules(below)
        if m.startswith(("coach.banks", "coach.debrief", "coach.interview"))
    }
    for name in ("banks.py", "debrief.py"):
        found = imported_modules(ROOT / "coach" / name)
        assert not {m for m in found if m.startswith("coach.interview.matching")}, (name, found)
        assert "coach.question_match.same_question" in found, name
