"""The options Streamlit serves the app with from the checkout (`make run`: .streamlit/config.toml),
as Streamlit itself reads them: private, and no full garbage collection after each page run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

READ = (
    "import json; from streamlit import config; print(json.dumps({name: config.get_option(name) for name in "
    "['server.address', 'browser.gatherUsageStats', 'runner.postScriptGC']}))"
)


def test_the_app_is_served_privately_and_without_a_full_collection_after_each_run():
    """Streamlit collected every generation of objects after each run of a page: 0.16 s a run with
    the models loaded (280,000 objects), every session held up meanwhile, 54 s of the servers' time
    in the test suite (py-spy, 5 Dec 2026). Python's own collector still runs."""
    shown = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(shown.stdout.strip().splitlines()[-1]) == {
        "server.address": "127.0.0.1",
        "browser.gatherUsageStats": False,
        "runner.postScriptGC": False,
    }
