"""Five people practising at once against one app process, in real headless Chromium.

    .venv/bin/python benchmarks/load.py [--sessions 5] [--attempts 3] [--keep DIR]

Starts `streamlit run app.py` on 127.0.0.1 (tests/e2e/server.py) with a fresh data directory and
opens one browser context per session in a single Chromium. Each session types its own question,
then uploads its own clip `--attempts` times (Practice page, "Upload a file", "Try again"), all
sessions at once. Latency is from handing the file to the uploader until the page says the answer
was analysed and saved. Afterwards the database is checked: every attempt saved, each under its
own session's question with that session's recording (nothing mixed up between sessions).
Timings depend on what else runs on the machine (2 cores shared here); they are not averaged.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach import store  # noqa: E402
from coach.config import load_settings  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer  # noqa: E402

DATA = ROOT / "tests" / "data"
CLIPS = ["fillers.wav", "clean.wav", "clean.mp3", "phone_8k.wav", "clean.ogg", "clean.webm", "clean.flac"]
# the page counts attempts as the user would: "your 2nd answer to this question"
SAVED = re.compile(r"Analysed and saved: your (\d+)(?:st|nd|rd|th) answer to this question")


@dataclass
class Session:
    number: int
    clip: Path
    question: str
    latencies_s: list[float] = field(default_factory=list)
    attempt_numbers: list[int] = field(default_factory=list)  # as the page counted them: 1, 2, 3
    errors: list[str] = field(default_factory=list)


async def _open_question(page, url: str, question: str, tries: int = 3) -> None:
    """Type the session's own question. Setup, not the measure: on a cold app (a fresh clone: models
    loading, kernels compiling) a click made during the first script run can be lost and the page
    never shows the question, so the page is loaded again and the steps repeated."""
    for attempt in range(tries):
        try:
            await page.goto(url)
            await page.get_by_role("radio", name="Your own").click()
            box = page.get_by_role("textbox", name="Type the question as an interviewer would ask it")
            await box.fill(question)
            await page.get_by_role("button", name="Practise this question").click()
            await page.get_by_role("heading", name=question).wait_for(timeout=60_000)
            return
        except Exception:
            if attempt + 1 == tries:
                raise


async def practise(browser, url: str, session: Session, attempts: int) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 1000})
    page = await context.new_page()
    try:
        await _open_question(page, url, session.question)
        for take in range(attempts):
            await page.get_by_role("tab", name=re.compile("Upload a file")).click()
            started = time.monotonic()
            await page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(session.clip))
            status = page.get_by_text(SAVED)
            await status.wait_for(timeout=300_000)
            session.latencies_s.append(time.monotonic() - started)
            session.attempt_numbers.append(int(SAVED.search(await status.inner_text()).group(1)))
            if take + 1 < attempts:
                await page.get_by_role("button", name="Try again").click()
                await page.get_by_text(SAVED).wait_for(state="detached", timeout=60_000)
    except Exception as e:  # reported, not raised: one session's failure must not hide the others'
        session.errors.append(f"{type(e).__name__}: {str(e).splitlines()[0]}")
    finally:
        await context.close()


async def run_sessions(url: str, sessions: list[Session], attempts: int) -> float:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.monotonic()
        await asyncio.gather(*(practise(browser, url, s, attempts) for s in sessions))
        wall = time.monotonic() - started
        await browser.close()
    return wall


def check_saved(data_dir: Path, sessions: list[Session]) -> list[str]:
    """Problems found in the database: missing attempts, or one session's answer under another."""
    problems = []
    db = store.open_store(load_settings(data_dir=data_dir))
    try:
        attempts = {a["id"]: a for a in store.list_attempts(db)}
        for s in sessions:
            expected = hashlib.sha256(s.clip.read_bytes()).hexdigest()
            mine = [a for a in attempts.values() if a["question_text"] == s.question]
            # each session has its own question, so its takes are counted 1, 2, 3 … and the
            # database holds exactly that many under it
            if s.attempt_numbers != list(range(1, len(mine) + 1)):
                problems.append(
                    f"session {s.number}: page counted {s.attempt_numbers}, database has {len(mine)} "
                    "attempts at its question"
                )
            for a in mine:
                if a["recording_sha256"] != expected:
                    problems.append(
                        f"session {s.number}: attempt {a['id']} holds another session's recording"
                    )
        claimed = sum(len(s.attempt_numbers) for s in sessions)
        if len(attempts) != claimed:
            problems.append(f"{len(attempts)} attempts in the database, {claimed} reported by the pages")
    finally:
        db.close()
    return problems


def run(n_sessions: int, attempts: int, workdir: Path) -> dict:
    data_dir = workdir / "data"
    sessions = [
        Session(
            i + 1, DATA / CLIPS[i % len(CLIPS)], f"Session {i + 1}: tell me about a project you are proud of."
        )
        for i in range(n_sessions)
    ]
    server = StreamlitServer(data_dir, workdir / "streamlit.log")
    try:
        wall = asyncio.run(run_sessions(server.url, sessions, attempts))
    finally:
        server.stop()
    latencies = sorted(t for s in sessions for t in s.latencies_s)
    return {
        "sessions": sessions,
        "wall_s": wall,
        "latencies_s": latencies,
        "problems": check_saved(data_dir, sessions) + [e for s in sessions for e in s.errors],
    }


def percentile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def report(result: dict, attempts: int) -> str:
    lat = result["latencies_s"]
    sessions = result["sessions"]
    lines = [
        f"{len(sessions)} sessions x {attempts} attempts against one app process (tiny.en, "
        f"faster-whisper int8), 2 shared cores",
        "| session | clip | attempts saved | latency per attempt (s) |",
        "|---|---|---|---|",
    ]
    for s in sessions:
        lines.append(
            f"| {s.number} | {s.clip.name} | {len(s.attempt_numbers)} | "
            f"{', '.join(f'{t:.1f}' for t in s.latencies_s) or '-'} |"
        )
    if lat:
        lines.append(
            f"\nupload → saved: median {statistics.median(lat):.1f} s, "
            f"p90 {percentile(lat, 0.9):.1f} s, max {lat[-1]:.1f} s over {len(lat)} attempts; "
            f"wall {result['wall_s']:.1f} s "
            f"({len(lat) / result['wall_s'] * 60:.1f} answers/min)"
        )
    lines.append(
        f"attempts lost or mixed up: {len(result['problems'])}"
        + "".join(f"\n  - {p}" for p in result["problems"])
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--attempts", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the data directory and log here")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = run(args.sessions, args.attempts, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="coach-load-") as folder:
            result = run(args.sessions, args.attempts, Path(folder))
    print(report(result, args.attempts))
    sys.exit(1 if result["problems"] else 0)


if __name__ == "__main__":
    main()
