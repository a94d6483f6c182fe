"""Rebuild the pictures in docs/screenshots/ (`make screenshots`): the app served from seeded data
folders, shot in headless Chromium at the width each picture has, then made smaller with Pillow.

Personal pages: a data folder seeded as the app tests seed one (tests/app_support.py: two answers
analysed by the real pipeline, a reviewed interview, the pipeline of opportunities); a result page
from a clip of tests/data through the real pipeline. The cohort pictures: a throwaway
PostgreSQL (tests/pg_server.py), the queue's schema and one real `coach worker`, kept busy by an
interview's review while answers wait behind it. Run from the checkout with its .venv; takes about
eight minutes (`--only personal` or `--only cohort` takes one set).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.e2e.server import StreamlitServer, chromium, redrawn, settled  # noqa: E402

SHOTS = ROOT / "docs" / "screenshots"
DATA = ROOT / "tests" / "data"
ANSWER_CLIP = DATA / "fillers.wav"  # 14 s with ums and uhs (espeak-ng, so every checkout has it)
INTERVIEW_CLIP = DATA / "interviews" / "interview_stereo.flac"  # 53 s, two espeak-ng voices: you on the left
COLOURS = 256  # a palette this size keeps the pages' greys and the charts' colours


def shoot(page, name: str, width: int, height: int | None = None, above: str = "") -> Path:
    """The page at `width`, whole (Streamlit scrolls inside its main block, so the viewport grows to
    the content), or its top `height` pixels, or down to the heading `above`; written to
    docs/screenshots/`name` and made smaller."""
    page.set_viewport_size({"width": width, "height": 900})
    redrawn(page)
    whole = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 900")
    page.set_viewport_size({"width": width, "height": height or min(max(int(whole), 900), 6000)})
    drawn(page)
    path = SHOTS / name
    clip = None
    if above:
        top = page.get_by_role("heading", name=above, exact=True).bounding_box()["y"]
        clip = {"x": 0, "y": 0, "width": width, "height": int(top) - 16}
    page.screenshot(path=str(path), clip=clip)
    return smaller(path)


def drawn(page) -> None:
    """Until the page's script is done and its elements are drawn, not grey placeholders (a page
    shot at once after growing the viewport showed some of its figures and fields as placeholders)."""
    settled(page)
    try:
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=20_000
        )
    except PlaywrightTimeout:
        print(f"{page.url}: a placeholder is still drawn after 20 s", file=sys.stderr)
    redrawn(page)


def smaller(path: Path) -> Path:
    """The PNG as a 256-colour palette image, compressed as far as zlib goes (a third of its size)."""
    from PIL import Image

    with Image.open(path) as shot:
        palette = shot.convert("RGB").quantize(
            COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    palette.save(path, optimize=True)
    return path


def open_page(browser, url: str, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url)
    page.get_by_test_id("stMainBlockContainer").wait_for(timeout=60_000)
    page.locator("h1").first.wait_for(timeout=60_000)
    settled(page)
    return context, page


def upload(page, clip: Path, name: str) -> None:
    """`clip` sent as a person's file called `name` (the page shows its name)."""
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        {"name": name, "mimeType": "audio/" + name.rsplit(".", 1)[1], "buffer": clip.read_bytes()}
    )
    page.get_by_test_id("stFileChipName").wait_for(timeout=30_000)


def choose_first_question(page) -> None:
    """A new person's Practice page: the suggested question, one click."""
    page.get_by_role("button", name="Answer your first question").click()
    page.get_by_role("tab", name=re.compile("Upload a file")).wait_for(timeout=30_000)
    settled(page)


# ---------------------------------------------------------------- a person's own coach
def seeded(folder: Path) -> Path:
    """A data folder as the app tests seed it: answers, a reviewed interview, the pipeline."""
    from app_support import seed

    seed(folder)
    return folder


def pipeline(folder: Path) -> Path:
    """A data folder with the app tests' pipeline of opportunities (an offer, a BATNA, interest
    falling at one company), kept apart from `seeded`, whose interview at Acme would join it."""
    from app_support import seed_pipeline

    from coach import store
    from coach.config import load_settings

    db = store.open_store(load_settings(folder))
    try:
        seed_pipeline(db, date.today())
    finally:
        db.close()
    return folder


def personal_pictures(browser, work: Path) -> list[Path]:
    shots = []
    with StreamlitServer(seeded(work / "seeded"), work / "seeded.log") as server:
        for name, path, width, height, above in (
            ("page-progress.png", "progress", 1280, None, ""),
            ("page-questions.png", "questions", 760, 1420, ""),
            ("page-review.png", "review", 760, 540, ""),
            ("page-settings.png", "settings", 1280, None, "Your data"),  # not the data folder's path
        ):
            context, page = open_page(browser, f"{server.url}/{path}", width)
            try:
                shots.append(shoot(page, name, width, height, above))
            finally:
                context.close()
        context, page = open_page(browser, server.url)
        try:  # the first recommended question taken: its card, the clock, Record, Upload, Type it
            # "Answer “…”": each button names its question for a screen reader (shared.for_question)
            page.get_by_role("button", name=re.compile(r"^Answer “")).first.click()
            page.get_by_role("tab", name=re.compile("Type it")).wait_for(timeout=30_000)
            settled(page)
            shots.append(shoot(page, "page-practice.png", 1280))
        finally:
            context.close()
    with StreamlitServer(pipeline(work / "pipeline"), work / "pipeline.log") as server:
        context, page = open_page(browser, f"{server.url}/interviews")
        try:
            shots.append(shoot(page, "page-interviews.png", 1280))
        finally:
            context.close()
    (work / "fresh").mkdir()
    with StreamlitServer(work / "fresh", work / "fresh.log") as server:
        context, page = open_page(browser, server.url, 760)
        try:
            choose_first_question(page)
            page.get_by_role("tab", name=re.compile("Upload a file")).click()
            upload(page, ANSWER_CLIP, "answer.wav")
            page.get_by_role("heading", name="What to work on").wait_for(timeout=180_000)
            settled(page)
            shots.append(shoot(page, "practice-result.png", 760, 1320))
        finally:
            context.close()
        context, page = open_page(browser, f"{server.url}/review")
        try:
            upload(page, INTERVIEW_CLIP, "interview.flac")
            page.get_by_label("Company").fill("Globex")
            page.get_by_label("Role").fill("Platform engineer")
            page.get_by_role("combobox", name="Your voice is on").click()
            page.get_by_role("option", name="left").click()
            page.get_by_role("button", name="Analyse the interview").click()
            page.get_by_text(re.compile(r"^Answer 3: ")).wait_for(timeout=300_000)
            settled(page)
            shots.append(shoot(page, "review-result.png", 1280))
        finally:
            context.close()
    return shots


# ---------------------------------------------------------------- a cohort's coach
@contextmanager
def worker(env: dict, log: Path):
    """One `coach worker`, its models loaded and waiting for answers; stopped when the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "coach.cli", "worker", "--name", "screenshots"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        deadline = time.monotonic() + 300
        while "waiting for answers" not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start; see {log}")
            time.sleep(0.5)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def long_interview(work: Path) -> Path:
    """The interview clip twice over: its review keeps the worker busy while the answer waits."""
    out = work / "long-interview.flac"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-stream_loop", "1", "-i", str(INTERVIEW_CLIP), str(out)],
        check=True,
    )
    return out


def cohort_pictures(browser, work: Path) -> list[Path]:
    from pg_server import get_server, skip_reason

    from coach import queue
    from coach.config import load_settings
    from coach.store import open_store

    reason = skip_reason()
    if reason:
        raise RuntimeError(f"the cohort pictures need PostgreSQL: {reason}")
    url = get_server().new_database_url()
    shared = work / "shared-recordings"
    cohort = dict(COACH_DATABASE_URL=url, COACH_QUEUE="1", COACH_RECORDINGS_DIR=str(shared))
    settings = replace(
        load_settings(data_dir=work / "cohort-app"),
        database_url=url,
        queue=True,
        recordings_folder=str(shared),
    )
    queue.ensure_schema(settings)
    busy = long_interview(work)
    shots = []
    # the worker on the app's data folder, as `make serve-cohort` starts them: the same settings.toml
    worker_env = dict(os.environ, COACH_DATA_DIR=str(work / "cohort-app"), PYTHONPATH=str(ROOT), **cohort)
    with (
        worker(worker_env, work / "worker.log"),
        StreamlitServer(work / "cohort-app", work / "cohort.log", env=cohort) as server,
    ):
        store = open_store(settings, recover=False)
        try:
            review = queue.submit_review(store, busy, original_name="call.flac", company="Initech")
            deadline = time.monotonic() + 60
            while queue.review_state(store, review).state != "working":
                if time.monotonic() > deadline:
                    raise RuntimeError("the worker did not take up the interview")
                time.sleep(0.5)
            queue.submit_answer(store, DATA / "clean.wav", original_name="take.wav")  # one answer ahead
        finally:
            store.close()
        context, page = open_page(browser, server.url, 1200, 1100)
        try:
            choose_first_question(page)
            page.get_by_role("tab", name=re.compile("Upload a file")).click()
            upload(page, ANSWER_CLIP, "answer.wav")
            page.get_by_text(re.compile("ahead of yours")).wait_for(timeout=60_000)
            settled(page)
            shots.append(shoot(page, "cohort-waiting.png", 1200, 1100))
            page.get_by_role("heading", name="What to work on").wait_for(timeout=600_000)
            settled(page)
            shots.append(shoot(page, "cohort-result.png", 1200, 1100))
        finally:
            context.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["personal", "cohort"], help="one set of pictures")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with tempfile.TemporaryDirectory(prefix="coach-screenshots-") as folder, chromium() as browser:
        work = Path(folder)
        shots = []
        if args.only in (None, "personal"):
            shots += personal_pictures(browser, work)
        if args.only in (None, "cohort"):
            shots += cohort_pictures(browser, work)
    for path in shots:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
