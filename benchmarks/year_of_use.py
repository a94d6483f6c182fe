"""A year of use: the app as someone who has practised for twelve months sees it.

    .venv/bin/python benchmarks/year_of_use.py [--keep DIR] [--shots DIR] [--no-peer] [--build-only]

Builds a data folder through the coach's own store functions (no Whisper): about 400 practice
answers over 12 months on about 60 questions (some in mock interviews), 15 questions of the user's
own, 25 real interviews at 8 companies with debriefs and reviewed answers, options and goals. Each
answer's analysis is a real one (spaCy over an answer's words, timed at a speaking pace), varied
answer by answer and improving over the year. Then opens every page in headless Chromium
(tests/e2e/server.py), first draw and a rerun timed, a full screenshot at 1280 and at 390 px each;
and the same pages over the seeded tests' small data (tests/app_support.py `seed`, three Whisper
runs) as the peer. Timings depend on what else runs on the machine; they are not averaged.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import tomllib
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from coach import banks, goals, store  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.types import Transcript, Word  # noqa: E402

PAGES = ("practice", "mock", "questions", "progress", "review", "interviews", "settings")
LABELLED = ROOT / "tests" / "data" / "labels" / "relevance_dev.toml"
COMPANIES = (
    ("Acme Robotics", "Staff engineer"),
    ("Initech", "Platform lead"),
    ("Globex", "Senior engineer"),
    ("Umbrella Health", "Engineering manager"),
    ("Hooli", "Staff engineer"),
    ("Stark Industries", "Principal engineer"),
    ("Wayne Logistics", "Platform lead"),
    ("Soylent Foods", "Senior engineer"),
)
STAGES = ("recruiter screen", "first round", "technical", "onsite / loop", "final")
GAPS = (
    "system design, handling conflict",
    "prioritisation under pressure",
    "influencing without authority",
    "giving hard feedback",
    "",
)
OWN = [
    "Why are you leaving your current job?",
    "What would your first 90 days look like here?",
    "How do you handle an on-call incident at 3am?",
    "Tell me about the hardest bug you have fixed.",
    "How do you decide when to pay down technical debt?",
    "What does a good code review look like to you?",
    "Tell me about a time you changed your mind about a design.",
    "How do you keep a migration on track across teams?",
    "What kind of manager brings out your best work?",
    "Tell me about a time you had to say no to a product manager.",
    "How do you onboard a new engineer to a complex system?",
    "What is a technology you were wrong about?",
    "Tell me about a launch that went badly and what you did next.",
    "How do you measure whether a platform team is doing well?",
    "Why this company, and why now?",
]


# ---------------------------------------------------------------- analyses
def timed_words(text: str, wpm: float, rng: random.Random) -> Transcript:
    """The answer's words timed at `wpm`, with a longer pause at each sentence's end."""
    words, t = [], 0.4
    per_word = 60.0 / wpm
    for token in text.split():
        length = per_word * rng.uniform(0.7, 1.3)
        words.append(Word(token, round(t, 3), round(t + length * 0.85, 3), round(rng.uniform(0.8, 1), 3)))
        t += length + (rng.uniform(0.4, 1.4) if re.search(r"[.!?]$", token) else 0)
    return Transcript.from_words(words, round(t + 0.5, 3), engine="faster-whisper", model="small.en")


def templates(settings, rng: random.Random) -> list[tuple[str, dict, dict]]:
    """Real analyses: each labelled answer of relevance_dev.toml analysed once, timed at one pace;
    (question id, transcript dict, analysis dict)."""
    from coach.practice import analyze_transcript

    answers = tomllib.loads(LABELLED.read_text())["answer"]
    made = []
    for entry in answers[:12]:
        question = banks.get_question(entry["question"], settings.data_dir)
        transcript = timed_words(entry["text"], rng.uniform(120, 175), rng)
        made.append(
            (entry["question"], transcript.to_dict(), analyze_transcript(transcript, settings, question))
        )
    return made


def varied(analysis: dict, progress: float, rng: random.Random) -> dict:
    """The analysis with its figures moved: better as the year goes on (`progress` 0 to 1), noisy."""
    copy = {
        **analysis,
        "metrics": dict(analysis.get("metrics") or {}),
        "scores": dict(analysis["scores"] or {}),
    }
    m, s = copy["metrics"], copy["scores"]
    m["wpm"] = round(max(90.0, rng.gauss(178 - 28 * progress, 14)), 1)
    m["fillers_per_100_words"] = round(max(0.0, rng.gauss(6.5 - 4 * progress, 1.4)), 2)
    m["fillers_per_min"] = round(m["fillers_per_100_words"] * m["wpm"] / 100, 2)
    m["duration_s"] = round(max(25.0, rng.gauss(95, 25)), 1)
    m["words"] = int(m["duration_s"] * m["wpm"] / 60)
    m["long_pauses"] = max(0, int(rng.gauss(4 - 2 * progress, 1.5)))
    if m.get("prosody"):
        m["prosody"] = {**m["prosody"], "pitch_variation_st": round(rng.uniform(1.5, 4.5), 2)}
    else:
        m["prosody"] = {"pitch_variation_st": round(rng.uniform(1.5, 4.5), 2), "monotone": False}
    figures = {}
    for name in ("delivery", "fillers", "structure", "content"):
        figures[name] = round(min(100.0, max(5.0, rng.gauss(52 + 30 * progress, 11))), 1)
    figures["overall"] = round(sum(figures.values()) / 4, 1)
    for name, figure in figures.items():  # each score as the analysis gives it: {"score": …, "because": …}
        s[name] = {**s[name], "score": figure} if isinstance(s.get(name), dict) else figure
    copy["duration_s"] = m["duration_s"]
    return copy


def unmeasured(analysis: dict) -> dict:
    """The quality gate failed: the answer kept, no scores, one sentence why."""
    return {
        **analysis,
        "scores": None,
        "feedback": [],
        "warnings": ["Only 9 words heard: too short to measure."],
    }


# ---------------------------------------------------------------- the year
def build(data_dir: Path, today: date, seed: int = 7) -> dict:
    rng = random.Random(seed)
    settings = load_settings(data_dir)
    made = templates(settings, rng)
    db = store.open_store(settings)
    try:
        counts = _build(db, settings, today, rng, made)
    finally:
        db.close()
    return counts


def _moment(day: date, rng: random.Random) -> datetime:
    at = clock_time(rng.choice((7, 8, 12, 13, 18, 19, 20, 21)), rng.randrange(60))
    return datetime.combine(day, at, tzinfo=UTC)


def _save_answer(db, question, transcript: dict, analysis: dict, created_at: datetime) -> int:
    """A practice answer with no recording, as the coach stores one it analysed."""
    return store.save_attempt(
        db,
        question_id=question.id,
        question_text=question.text,
        recording=None,
        transcript=transcript,
        analysis=analysis,
        engine="faster-whisper",
        model="small.en",
        created_at=created_at,
    )


def _build(db, settings, today: date, rng: random.Random, made: list) -> dict:
    own = [banks.add_user_question(settings.data_dir, text) for text in OWN]
    bank = [q for q in banks.load_questions(settings.data_dir) if q.source == "bank"]
    story = [q for q in bank if q.category == "behavioural"]
    chosen = rng.sample(story, 30) + rng.sample([q for q in bank if q.category != "behavioural"], 15)
    questions = chosen + own  # 60 questions; the first few answered far more often
    weights = [1 / (i + 1) ** 0.6 for i in range(len(questions))]
    start = today - timedelta(days=365)
    attempt_ids = []
    for n in range(400):
        day = start + timedelta(days=int(365 * (n / 400) ** 0.9) + rng.randrange(3))
        day = min(day, today - timedelta(days=1)) if n < 399 else today
        question = rng.choices(questions, weights)[0]
        _, transcript, analysis = rng.choice(made)
        progress = (day - start).days / 365
        shown = unmeasured(analysis) if rng.random() < 0.03 else varied(analysis, progress, rng)
        attempt_ids.append(
            (
                _save_answer(
                    db, question, transcript, shown, _moment(day, rng) if n < 399 else datetime.now(UTC)
                ),
                question,
                shown,
                day,
            )
        )
    mocks = _mock_interviews(db, rng, made, start)
    interviews = _real_interviews(db, rng, made, questions, today)
    goals.change_goals(db, {goals.PRACTICE_KIND: (4, 7), "wpm": 150, "fillers_per_100_words": 3})
    store.add_option(
        db,
        kind="offer",
        company="Acme Robotics",
        title="Staff engineer",
        compensation="150k base + 10% bonus",
        deadline=(today + timedelta(days=9)).isoformat(),
        interest=5,
    )
    store.add_option(
        db, kind="batna", company="current job", title="Senior engineer", compensation="135k base"
    )
    store.add_option(
        db, kind="alternative", company="Freelance", title="Consulting", compensation="700 a day"
    )
    return {"practice": len(attempt_ids), "mock": mocks, "real": interviews, "own": len(own), "questions": 60}


def _mock_interviews(db, rng: random.Random, made: list, start: date) -> int:
    """Twelve mock interviews of five answers each, one a month (their answers are practice answers)."""
    import sqlalchemy as sa

    from coach.store.mock_sessions import save_mock_session
    from coach.store.schema import mock_sessions

    story = [q for q in banks.load_questions() if q.category == "behavioural"]
    for month in range(12):
        day = start + timedelta(days=30 * month + 10)
        turns = []
        for _ in range(5):
            question = rng.choice(story)
            _, transcript, analysis = rng.choice(made)
            shown = varied(analysis, month / 12, rng)
            attempt_id = _save_answer(db, question, transcript, shown, _moment(day, rng))
            turns.append(
                {
                    "kind": "question",
                    "question_id": question.id,
                    "question_text": question.text,
                    "why": "a behavioural question",
                    "attempt_id": attempt_id,
                    "score_overall": shown["scores"]["overall"],
                    "duration_s": shown["metrics"]["duration_s"],
                }
            )
        overall = round(sum(t["score_overall"] for t in turns) / len(turns), 1)
        used = round(sum(t["duration_s"] for t in turns) + 120, 1)
        session_id = save_mock_session(
            db,
            format="behavioural",
            planned_s=1800,
            used_s=used,
            score_overall=overall,
            summary={
                "format": "behavioural",
                "format_label": "Behavioural round",
                "answers": 5,
                "questions_asked": 5,
                "unmeasured_answers": 0,
                "score_overall": overall,
                "patterns": [],
                "pattern": "Results left unsaid in 2 of 5 stories" if month % 3 == 0 else None,
                "planned_s": 1800,
                "used_s": used,
                "ended_early": False,
            },
            turns=turns,
        )
        with db.write() as conn:  # the session as of its day (the store stamps it now)
            conn.execute(
                sa.update(mock_sessions)
                .where(mock_sessions.c.id == session_id)
                .values(created_at=_moment(day, rng))
            )
    return 12


def _real_interviews(db, rng: random.Random, made: list, questions: list, today: date) -> int:
    """25 real interviews at 8 companies over the year, each with a debrief and three reviewed answers."""
    held = 0
    for c, (company, role) in enumerate(COMPANIES):
        stages = STAGES[: 2 + (c % 4)]
        first = today - timedelta(days=340 - 40 * c)
        for s, stage in enumerate(stages):
            if held == 25:
                break
            day = first + timedelta(days=12 * s)
            if day > today - timedelta(days=1):
                day = today - timedelta(days=1 + s)
            interview_id = store.add_interview(
                db,
                company=company,
                role=role,
                stage=stage,
                interview_date=day.isoformat(),
                people=[{"name": f"Person {c}{s}", "title": "hiring manager"}],
            )
            answers = []
            for position in range(3):
                question = rng.choice(questions[:20])
                transcript, analysis = rng.choice(made)[1:]
                answers.append(
                    {
                        "question_text": question.text,
                        "question_id": question.id,
                        "question_start_s": position * 300.0,
                        "answer_start_s": position * 300.0 + 8,
                        "answer_end_s": position * 300.0 + 100,
                        "transcript": transcript,
                        "analysis": varied(analysis, (day - today).days / 365 + 1, rng),
                    }
                )
            store.save_interview_recording(
                db,
                interview_id,
                recording=None,
                transcript=None,
                answers=answers,
                engine="faster-whisper",
                model="small.en",
            )
            store.add_debrief(
                db,
                interview_id,
                went_well="The incident story landed.",
                could_be_better="Rambled on the design question.",
                skill_gaps=GAPS[(c + s) % len(GAPS)],
                interest=rng.randint(2, 5),
                proceed=s < len(stages) - 1,
            )
            held += 1
    return held


def build_small(data_dir: Path, today: date) -> None:
    """The seeded tests' data: two practice answers, a reviewed interview (Whisper, three clips) and
    the tests' pipeline of three opportunities."""
    from app_support import seed, seed_pipeline

    info = seed(data_dir)
    db = store.open_store(info["settings"])
    try:
        seed_pipeline(db, today)
    finally:
        db.close()


# ---------------------------------------------------------------- the browser
def open_pages(data_dir: Path, shots: Path | None, name: str) -> dict[str, tuple[float, float]]:
    """Each page's first draw and a rerun, seconds (page load to settled; "r" to settled)."""
    from e2e.server import StreamlitServer, chromium, redrawn, settled

    figures = {}
    with tempfile.NamedTemporaryFile(suffix=".log", delete=False) as log:
        log_path = Path(log.name)
    with StreamlitServer(data_dir, log_path) as server, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server.url)
        settled(page)  # the app's first run (models, caches) is not any page's
        for page_name in PAGES:
            began = time.perf_counter()
            page.goto(f"{server.url}/{'' if page_name == 'practice' else page_name}")
            settled(page)
            first = time.perf_counter() - began
            began = time.perf_counter()
            page.evaluate("() => document.activeElement?.blur()")
            page.keyboard.press("r")  # Streamlit's "Rerun"
            settled(page)
            rerun = time.perf_counter() - began
            figures[page_name] = (first, rerun)
            if shots:
                for width in (1280, 390):
                    page.set_viewport_size({"width": width, "height": 900})
                    redrawn(page)
                    height = page.evaluate(
                        "() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 900"
                    )
                    page.set_viewport_size({"width": width, "height": min(max(int(height), 900), 8000)})
                    redrawn(page)
                    page.screenshot(path=str(shots / f"{name}-{page_name}-{width}.png"))
                page.set_viewport_size({"width": 1280, "height": 900})
    print(f"  ({name} server log: {log_path})")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the year's folder here and keep it")
    parser.add_argument("--shots", type=Path, help="save the screenshots here")
    parser.add_argument("--no-peer", action="store_true", help="skip the seeded tests' small data")
    parser.add_argument("--build-only", action="store_true", help="build the folder, open no page")
    args = parser.parse_args()
    today = date.today()
    year_dir = args.keep or Path(tempfile.mkdtemp(prefix="coach-year-"))
    began = time.perf_counter()
    counts = build(year_dir, today)
    print(f"Built a year in {year_dir} in {time.perf_counter() - began:.0f} s: {counts}")
    if args.build_only:
        return
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    year = open_pages(year_dir, args.shots, "year")
    small = {}
    if not args.no_peer:
        small_dir = Path(tempfile.mkdtemp(prefix="coach-small-"))
        build_small(small_dir, today)
        small = open_pages(small_dir, args.shots, "small")
    print(f"{'page':<12}{'year: first':>12}{'rerun':>8}{'small: first':>14}{'rerun':>8}   (seconds)")
    for page_name in PAGES:
        first, rerun = year[page_name]
        peer = small.get(page_name)
        tail = f"{peer[0]:>14.2f}{peer[1]:>8.2f}" if peer else ""
        print(f"{page_name:<12}{first:>12.2f}{rerun:>8.2f}{tail}")


if __name__ == "__main__":
    main()
