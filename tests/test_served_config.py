"""The options Streamlit serves the app with from the checkout (`make run`: .streamlit/config.toml),
as Streamlit itself reads them: private, and no full garbage collection after each page run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


LOAD_AS_THE_APP_DOES = (
    "import gc, json, sys; from coach.config import load_settings; from coach.ui import shared; "
    "shared.preload_models(load_settings(data_dir=sys.argv[1])); "
    "print(json.dumps([len(gc.get_objects()), gc.get_freeze_count()]))"
)


@pytest.mark.slow
def test_the_models_the_app_loads_are_out_of_the_garbage_collectors_way(tmp_path):
    """Each full collection of the app's process went through the 280,000 objects of the models it
    had loaded (0.16-0.49 s a time, every session held up meanwhile): they are now set aside once
    loaded, and a collection goes through what is left."""
    shown = subprocess.run(
        [sys.executable, "-c", LOAD_AS_THE_APP_DOES, str(tmp_path / "data")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, OMP_NUM_THREADS="1"),
    )
    tracked, set_aside = json.loads(shown.stdout.strip().splitlines()[-1])
    assert set_aside > 100_000 and tracked < 10_000, (tracked, set_aside)
