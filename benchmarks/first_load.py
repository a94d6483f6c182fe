"""How long the first page takes to appear, and what its imports cost.

    .venv/bin/python benchmarks/first_load.py [--runs 3]

1. Imports: `python -X importtime` of the modules the Practice page (the first page) imports,
   in a fresh interpreter: the total and the slowest packages, cumulative.
2. Time to the first page: starts `streamlit run app.py` (tests/e2e/server.py) with a fresh
   data directory, opens it in headless Chromium and times from navigation until the Practice
   page's first button shows. The first load of a fresh server includes the page's imports (a
   user's first visit); a second tab in the same server shows the warm figure.
Figures depend on what else runs on the machine (2 cores shared here); each run is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402

PAGE = ROOT / "app_pages" / "practice.py"


def page_imports(page: Path = PAGE) -> list[str]:
    """The modules a page imports at its top (`import x`, `from x import y`)."""
    found = []
    for line in page.read_text().splitlines():
        match = re.match(r"(?:from\s+(\S+)\s+import\s+(.+)|import\s+(\S+))", line)
        if not match:
            continue
        if match.group(3):
            found.append(match.group(3))
        else:
            module, names = match.group(1), match.group(2)
            found.append(module)
            # `from coach.ui import charts, shared` imports submodules too
            found += [f"{module}.{n.strip()}" for n in names.split(",") if n.strip().isidentifier()]
    return found


def import_times(modules: list[str]) -> tuple[dict[str, float], list[tuple[float, str]]]:
    """Seconds each of the page's imports adds, in order, in a fresh interpreter; and the slowest
    packages under them (`-X importtime`, cumulative, wherever each was first imported)."""
    code = (
        "import importlib, json, time\n"
        "spent = {}\n"
        f"for m in {modules!r}:\n"
        "    started = time.perf_counter()\n"
        "    try:\n        importlib.import_module(m)\n    except ImportError:\n        pass\n"
        "    spent[m] = time.perf_counter() - started\n"
        "print(json.dumps(spent))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    spent = json.loads(run.stdout.strip().splitlines()[-1])
    packages: dict[str, float] = {}
    for line in run.stderr.splitlines():
        match = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s+(\S+)$", line)
        if match and "." not in match.group(2) and not match.group(2).startswith("_"):
            packages[match.group(2)] = int(match.group(1)) / 1e6
    return spent, sorted(((s, n) for n, s in packages.items()), reverse=True)


def time_to_first_page(runs: int) -> list[tuple[float, float]]:
    """(first visit of a fresh server, a second tab) in seconds, per run."""
    from playwright.sync_api import sync_playwright

    figures = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="coach-first-load-") as folder:
                server = StreamlitServer(Path(folder), Path(folder) / "streamlit.log")
                try:
                    seconds = []
                    for _visit in range(2):
                        context = browser.new_context(viewport={"width": 1280, "height": 900})
                        page = context.new_page()
                        started = time.perf_counter()
                        page.goto(server.url)
                        first_button = page.get_by_role("button", name="Answer your first question")
                        first_button.wait_for(timeout=120_000)
                        seconds.append(time.perf_counter() - started)
                        context.close()
                    figures.append((seconds[0], seconds[1]))
                finally:
                    server.stop()
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    spent, slowest = import_times(page_imports())
    print(f"Practice page imports, fresh interpreter: {sum(spent.values()):.2f} s")
    for name, seconds in spent.items():
        if seconds >= 0.01:
            print(f"  {name:<28} {seconds:6.2f} s")
    print("slowest packages under them:")
    for seconds, name in slowest[:8]:
        print(f"  {name:<28} {seconds:6.2f} s")

    figures = time_to_first_page(args.runs)
    for i, (first, second) in enumerate(figures, 1):
        print(f"run {i}: first page {first:.2f} s on a fresh server, {second:.2f} s in a second tab")
    firsts = sorted(f for f, _ in figures)
    print(f"first page, median of {len(firsts)}: {firsts[len(firsts) // 2]:.2f} s")


if __name__ == "__main__":
    main()
