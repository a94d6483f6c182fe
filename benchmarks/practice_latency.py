"""How long the first practice feedback takes for a 60 s answer, stage by stage (target: 15 s).

It goes through `coach.practice.practice_answer`, the function the Practice page calls, with the
models loaded the way the page loads them (`coach.ui.shared.preload_models`, a
`st.cache_resource`). Each run is a fresh process, so its first answer is the cold one (the page
is open, nothing loaded yet: the model load is counted apart, then the answer); the answers after
it find the model loaded, as every later answer in the app does. Stages are timed by wrapping the
functions `practice_answer` calls, so nothing about the path itself changes.

The machine may be shared: the load average before and after each run is printed with it.

With --browser it also measures what a user sees: the app served by `streamlit run`, headless
Chromium uploads the same clip on the Practice page right after choosing a question (so the
model is still loading), then twice more with "Try again"; each time is from the upload to the
feedback and its charts drawn.

    .venv/bin/python benchmarks/practice_latency.py [--runs 2] [--warm 3] [--browser]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_S = 15.0
QUESTION_ID = "swe-beh-01"
STAGES = ("save", "decode", "transcribe", "filled pauses", "analysis", "store", "other")

CHILD = r"""
import json, logging, os, sys, time
t0 = time.perf_counter()
from coach import banks, practice
import coach.transcribe.filled_pauses as filled_pauses
from coach.config import load_settings
from coach.ui import shared
imports_s = time.perf_counter() - t0
logging.getLogger("streamlit").setLevel(logging.ERROR)  # no runtime here: cache_resource still caches

clip, data_dir, warm = sys.argv[1], sys.argv[2], int(sys.argv[3])
settings = load_settings(data_dir=data_dir)
question = banks.get_question(sys.argv[4], settings.data_dir)
times = {}

def timed(stage, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            times[stage] = times.get(stage, 0.0) + time.perf_counter() - start
    return wrapper

practice.save_recording = timed("save", practice.save_recording)
practice.load_audio = timed("decode", practice.load_audio)
practice.analyze_answer = timed("analysis", practice.analyze_answer)
practice._store_attempt = timed("store", practice._store_attempt)
filled_pauses.recover_filled_pauses = timed("filled pauses", filled_pauses.recover_filled_pauses)

def answer(cold):
    times.clear()
    start = time.perf_counter()
    shared.preload_models(settings)  # what the page does first; cached after the first answer
    loaded = time.perf_counter()
    if cold:
        from coach.transcribe import get_engine
        engine = get_engine(settings)
        engine.transcribe = timed("transcribe", engine.transcribe)
    result = practice.practice_answer(open(clip, "rb").read(), settings, original_name="answer.wav",
                                      question=question)
    end = time.perf_counter()
    row = dict(times, model_load=loaded - start, answer=end - loaded, total=end - start,
               words=result.analysis["metrics"]["words"], audio_s=result.analysis["duration_s"])
    row["other"] = row["answer"] - sum(times.values())
    return row

rows = [answer(True)] + [answer(False) for _ in range(warm)]
print(json.dumps({"imports_s": imports_s, "rows": rows}))
"""


def run_process(clip: Path, warm: int, folder: Path) -> dict:
    """One app process: its first (cold) answer, then `warm` answers with the model loaded."""
    data_dir = Path(tempfile.mkdtemp(prefix="data-", dir=folder))
    before = os.getloadavg()[0]
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(clip), str(data_dir), str(warm), QUESTION_ID],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode:
        raise RuntimeError(f"The benchmark process failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["load"] = (before, os.getloadavg()[0])
    return result


def _cells(row: dict) -> str:
    return "".join(f"{row.get(stage, 0.0):>9.2f}" for stage in STAGES)


def print_table(results: list[dict]) -> None:
    first = results[0]["rows"][0]
    print(
        f"clip: {first['audio_s']:.1f} s of espeak-ng speech ({first['words']} words), default settings "
        f"(faster-whisper tiny.en int8, beam 5, filled-pause recovery on), {os.cpu_count()} CPUs"
    )
    header = "".join(f"{s[:8]:>9}" for s in STAGES)
    print(f"{'run':<14}{'load avg':>13}{'imports':>9}{'model':>9}{header}{'answer':>9}{'→ shown':>9}")
    warm_totals = []
    for number, result in enumerate(results, start=1):
        load = f"{result['load'][0]:.1f}→{result['load'][1]:.1f}"
        for i, row in enumerate(result["rows"]):
            name = f"#{number} cold" if i == 0 else f"#{number} warm {i}"
            imports = f"{result['imports_s']:>9.2f}" if i == 0 else f"{'':>9}"
            print(
                f"{name:<14}{load if i == 0 else '':>13}{imports}{row['model_load']:>9.2f}{_cells(row)}"
                f"{row['answer']:>9.2f}{row['total']:>9.2f}"
            )
            if i:
                warm_totals.append(row["total"])
    colds = [r["rows"][0]["total"] for r in results]
    firsts = [r["rows"][0]["answer"] for r in results]
    print(
        "'→ shown' = model load (cached after the first answer) + answer: what the user waits for after "
        "pressing stop, before the page draws the result. Imports happen when the page opens."
    )
    verdict = "within" if max(colds) <= TARGET_S else "over"
    print(
        f"first answer, models loaded while the question is on screen: worst {max(firsts):.2f} s; "
        f"models loaded after stop: worst {max(colds):.2f} s ({verdict} the {TARGET_S:.0f} s target)"
    )
    print(f"later answers: median {statistics.median(warm_totals):.2f} s, worst {max(warm_totals):.2f} s")


def browser_run(clip: Path, folder: Path, answers: int = 3) -> list[tuple[str, float, float]]:
    """Upload → feedback drawn, in headless Chromium against `streamlit run app.py`."""
    from playwright.sync_api import sync_playwright

    from coach.analysis.wording import ordinal
    from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer

    server = StreamlitServer(Path(tempfile.mkdtemp(prefix="data-", dir=folder)), folder / "streamlit.log")
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(server.url)
            page.get_by_role("button", name="Answer your first question").click()
            for n in range(1, answers + 1):
                if n > 1:  # a fresh take: wait until the last result has gone before uploading
                    page.get_by_role("button", name="Try again").click()
                    page.get_by_role("heading", name="What to work on").wait_for(state="detached")
                page.get_by_role("tab", name="Upload a file").click()
                start = time.perf_counter()
                page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(clip))
                saved = f"Analysed and saved: your {ordinal(n)} answer to this question"
                page.get_by_text(saved).wait_for(timeout=300_000)
                page.get_by_role("heading", name="Pace and pauses").wait_for(timeout=60_000)
                label = "first (model loading)" if n == 1 else f"answer {n} (model loaded)"
                rows.append((label, time.perf_counter() - start, os.getloadavg()[0]))
            browser.close()
    finally:
        server.stop()
    return rows


def main() -> None:
    from benchmarks.speech_clips import minute_clip

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="fresh processes (each one cold answer)")
    parser.add_argument("--warm", type=int, default=3, help="answers after the first in each process")
    parser.add_argument("--browser", action="store_true", help="also time upload → feedback in Chromium")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    clip = minute_clip(folder)
    print_table([run_process(clip, args.warm, folder) for _ in range(args.runs)])
    if args.browser:
        print("in the browser (streamlit run, headless Chromium): clip uploaded → feedback and charts drawn")
        for label, seconds, load in browser_run(clip, folder):
            print(f"  {label:<26}{seconds:>7.2f} s   load avg {load:.1f}")


if __name__ == "__main__":
    main()
