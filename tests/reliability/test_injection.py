"""Pasted text holding markup, script or SQL: stored and returned intact, shown as text.

The browser half runs the real app in Debian's Chromium (tests/e2e/server.py) over a data
directory seeded with hostile text in every field a page shows; it fails on any script that
runs and on any request leaving 127.0.0.1 (a markdown image would make one).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import analysis_dict, backend_fixture, settings_fixture, store_fixture  # noqa: F401

from coach import store as repository
from coach.config import load_settings
from coach.errors import StorageError
from coach.recommend import own_question
from coach.ui.highlight import highlight_html

DATA = Path(__file__).resolve().parents[1] / "data"

SQL = [
    "Robert'); DROP TABLE attempts;--",
    "' OR '1'='1",
    '" OR ""="',
    "%_\\%",
    "; DELETE FROM interviews; --",
    "$$; SELECT pg_sleep(5); $$",
    "\\x27\\u0027",
    'O\'Brien & Sons "Ltd"',
    "emoji 🎤 and ümlauts",
    "tab\tnew\nline\r\n",
]
MARKUP = [
    "<script>window.__coach_xss = 1</script>",
    '<img src=x onerror="window.__coach_xss=2">',
    "<svg onload=window.__coach_xss=3>",
    "[click me](javascript:window.__coach_xss=4)",
    "![pixel](http://203.0.113.9/track.png)",
    "<iframe src=javascript:window.__coach_xss=5>",
    ":red[fake alert] **bold** `code` <b>b</b>",
]


# Control characters are cleaned where typed text is kept (coach.store.rows.typed_text): a one-line
# field has a tab and line breaks as spaces, a field of several lines keeps them ("\r\n" as "\n").
# Every other character of SQL and MARKUP comes back intact.
ONE_LINE = {"tab\tnew\nline\r\n": "tab new line "}
LINES = {"tab\tnew\nline\r\n": "tab\tnew\nline\n"}


def test_sql_metacharacters_are_stored_and_returned_intact(store):
    for text in SQL + MARKUP:
        one_line, lines = ONE_LINE.get(text, text), LINES.get(text, text)
        interview_id = repository.add_interview(
            store, company=text, interview_date="2025-03-01", role=text, notes=text
        )
        repository.add_person(store, interview_id, name=text, title=text, notes=text)
        repository.add_debrief(
            store, interview_id, went_well=text, could_be_better=text, skill_gaps=text, notes=text
        )
        repository.add_option(store, kind="offer", company=text, details=text)
        attempt_id = repository.save_attempt(
            store,
            question_id=text,
            question_text=text,
            recording=None,
            transcript={"transcript": text},
            analysis=analysis_dict(text=text),
            engine="e",
            model="m",
        )
        full = repository.get_interview(store, interview_id)
        assert (full["company"], full["role"], full["notes"]) == (one_line.strip(), one_line, lines)
        assert (full["people"][0]["name"], full["people"][0]["notes"]) == (one_line.strip(), lines)
        assert full["debriefs"][0]["went_well"] == lines
        attempt = repository.get_attempt(store, attempt_id)
        assert attempt["question_text"] == text and attempt["analysis"]["transcript"] == text
        assert repository.list_attempts(store, question_id=text)[0]["id"] == attempt_id
    assert len(repository.list_interviews(store)) == len(SQL + MARKUP)


def test_a_nul_character_is_stored_or_refused_in_one_sentence(store):
    """PostgreSQL cannot hold NUL in text; SQLite can. Either way no crash and no half row. A NUL
    typed is a control character, which the coach leaves out of typed text as it is kept
    (coach.store.rows.typed_text): "a\x00b" is kept as "ab" on both."""
    before = len(repository.list_interviews(store))
    try:
        repository.add_interview(store, company="nul\x00byte", interview_date="2025-03-01", notes="a\x00b")
    except StorageError as e:
        assert "\n" not in str(e)
        assert len(repository.list_interviews(store)) == before
    else:
        assert repository.list_interviews(store)[0]["notes"] == "ab"


def test_the_marked_transcript_escapes_every_character_of_markup():
    text = " ".join(MARKUP) + " um so I led it"
    html = highlight_html(
        {"transcript": text, "fillers": [{"start_char": len(text) - 15, "end_char": len(text) - 13}]}
    )
    assert "<script>" not in html and "<img src=x" not in html and "<svg" not in html
    assert "&lt;script&gt;window.__coach_xss = 1&lt;/script&gt;" in html


def _seed_hostile(data_dir: Path) -> None:
    settings = load_settings(data_dir=data_dir)
    db = repository.open_store(settings)
    try:
        payload = " ".join(MARKUP)
        interview_id = repository.add_interview(
            db,
            company=f"Globex {MARKUP[1]}",
            interview_date="2025-03-01",
            role=MARKUP[0],
            stage=f"onsite {MARKUP[4]}",  # the stage is free text (coach add-interview --stage)
            notes=payload,
        )
        repository.add_person(db, interview_id, name=MARKUP[2], title=MARKUP[4], notes=payload)
        repository.add_debrief(
            db,
            interview_id,
            went_well=payload,
            could_be_better=MARKUP[3],
            skill_gaps=MARKUP[4],
            notes=f"They asked: {MARKUP[1]} why us?\n- {MARKUP[4]}?",
        )
        repository.add_option(db, kind="offer", company=MARKUP[1], details=payload)
        question = own_question(settings, f"{MARKUP[0]} {MARKUP[4]} Why do you want this job?")
        repository.save_attempt(
            db,
            question_id=question.id,
            question_text=question.text,
            recording=None,
            transcript={"transcript": payload},
            analysis=analysis_dict(text=payload),
            engine="e",
            model="m",
        )
    finally:
        db.close()


def _open_expanders(page) -> None:
    for summary in page.locator("[data-testid=stExpander] details:not([open]) summary").all()[:8]:
        if summary.is_visible():
            summary.click()


def _pick_a_question(page) -> None:
    """On the Practice page just read, a random question; its run loads the speech model (12 s of
    this test's 62 s under load 5), left to finish while the other pages are read in another tab."""
    # each click waits for the rerun before it: a clean-clone run under load missed the tab
    page.get_by_role("radio", name="Random").click()
    _settled(page)
    page.get_by_role("button", name="Pick a random question").click()


def _upload_on_the_practice_page(page) -> None:
    """On the Practice page, its question picked (loading the page again cost 2 s), a file that is
    not audio under a name holding markup (its error sentence names it), then a real answer: the
    result's feedback, marked transcript and charts are drawn, still with no request leaving the
    machine."""
    page.bring_to_front()
    _settled(page)  # the question's run over, the speech model loaded
    page.get_by_role("tab", name="Upload a file").click(timeout=120_000)
    upload = page.get_by_test_id("stFileUploaderDropzoneInput")
    name = '![pixel](http://203.0.113.9/name.png) <img src=x onerror="window.__coach_xss=6">.wav'
    upload.set_input_files(
        {"name": name, "mimeType": "audio/wav", "buffer": (DATA / "not_audio.wav").read_bytes()}
    )
    page.get_by_text("is not audio the coach can read").wait_for(timeout=60_000)
    assert page.get_by_text("203.0.113.9/name.png", exact=False).count() >= 1  # the name, as text
    assert page.locator("a[href*='203.0.113.9']").count() == 0  # not a link a click would follow
    assert page.evaluate("() => window.__coach_xss") is None
    upload.set_input_files(str(DATA / "fillers.wav"))
    page.get_by_role("heading", name="What to work on").wait_for(timeout=120_000)
    page.get_by_role("heading", name="Pace and pauses").wait_for(timeout=30_000)
    _settled(page)
    page.wait_for_function(  # the charts drawn (vega's marks), where a request would start
        "() => { const charts = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')];"
        " return charts.length > 0 && charts.every(c => c.querySelector('.marks')); }",
        timeout=30_000,
    )


def _steady_text(page) -> str:
    """The page's text once a tab or expander just opened has drawn: no element added, removed or
    changed for 0.4 s (tests/e2e/server.DRAWN; at most 20 s). Two reads 0.4 s apart, the same, took
    0.6-1.7 s a tab; a fixed 1.5 s wait before them made this the suite's longest test."""
    from tests.e2e.server import DRAWN

    page.evaluate(DRAWN, [400, 20_000])
    return page.locator("body").inner_text()


def _settled(page) -> None:
    """Wait until the page's script has finished drawing (tests/e2e/server.settled): a fixed 2 s
    after each page and click (the running indicator gone, and still gone a second later) made up
    14 of this test's 51 s."""
    from tests.e2e.server import settled

    settled(page)


@pytest.mark.slow
def test_hostile_text_renders_as_text_in_the_real_browser(tmp_path):
    from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, StreamlitServer

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    data_dir = tmp_path / "data"
    _seed_hostile(data_dir)
    server = StreamlitServer(data_dir, tmp_path / "streamlit.log")
    outside: list[str] = []
    shown: dict[str, str] = {}

    def watch(route):
        url = route.request.url
        if not url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            outside.append(url)
            return route.abort()
        return route.continue_()

    def opened(dialog) -> None:
        outside.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def read(page, name: str) -> None:
        """Every tab of the page at `name`, its expanders open; no exception, no script run. A tab
        already showing a page opens the next by its sidebar link, as a user does (typing each
        address loaded the whole app again: 1.5-3.5 s a page)."""
        heading = page.locator("h1").first
        if page.url.startswith(server.url):
            before = heading.inner_text()
            page.locator(f"[data-testid=stSidebarNavLink][href='{server.url}/{name}']").click()
            page.wait_for_url(f"{server.url}/{name}", timeout=30_000)
            page.wait_for_function(  # the new page's title in place of the last one's
                "(before) => { const h = document.querySelector('h1');"
                " return h && h.innerText.trim() !== before.trim(); }",
                arg=before,
                timeout=30_000,
            )
        else:
            page.goto(f"{server.url}/{name}")
            heading.wait_for(timeout=30_000)
        _settled(page)  # the heading comes first: tabs drawn later were missed under load
        text = []
        for tab in page.get_by_role("tab").all() or [None]:
            if tab is not None:
                tab.click()
            _open_expanders(page)
            text.append(_steady_text(page))
        assert page.get_by_test_id("stException").count() == 0, name
        assert page.evaluate("() => window.__coach_xss") is None, name
        shown[name or "practice"] = "\n".join(text)

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 2400})
            context.route("**/*", watch)  # every tab's requests
            # the Practice page ("") in a tab of its own, first: its question's run loads the speech
            # model while the other pages are read in the second tab; the answer is uploaded last
            practice, pages = context.new_page(), context.new_page()
            for page in (practice, pages):
                page.on("dialog", opened)
            practice.bring_to_front()
            read(practice, "")
            _pick_a_question(practice)
            pages.bring_to_front()
            for name in ("interviews", "questions", "progress", "mock", "review", "settings"):
                read(pages, name)
            _upload_on_the_practice_page(practice)
            browser.close()
    finally:
        server.stop()
    assert outside == []  # no request left the machine, no dialog opened
    interviews = shown["interviews"]
    assert "Globex" in interviews and "onerror" in interviews  # the markup is there, as text
    assert "window.__coach_xss = 1" in interviews
    assert "Why do you want this job?" in shown["questions"] and "<script>" in shown["questions"]


# --------------------------------------------------------------- coach sentences quoting the user's text
IMAGE = "![pixel](http://203.0.113.9/track.png)"  # the browser would fetch it: a request leaving the machine
TAG = "<img src=x onerror=alert(1)>"


def _acting(value: str) -> list[str]:
    """Markup still able to act in an element's markdown: the image, the tag, a link's opening."""
    return [m for m in (IMAGE, TAG, "[pixel]", "<img") if m in value]


def _page_with_answer(data_dir: str, analysis: dict) -> None:
    from coach.config import load_settings
    from coach.ui.shared import show_answer

    show_answer(analysis, load_settings(data_dir))


def test_feedback_quoting_typed_talking_points_shows_them_as_text(tmp_path):
    """Talking points typed on the Questions page come back in a feedback sentence ("not heard:
    '...'"), shown as markdown: their markup must not become an image or HTML."""
    from streamlit.testing.v1 import AppTest

    from coach import banks
    from coach.practice import analyze_transcript
    from coach.types import Transcript

    settings = load_settings(data_dir=tmp_path)
    question = banks.add_user_question(
        tmp_path, "Why this team?", talking_points=[IMAGE, f"{TAG} the on-call rota", "the salary band"]
    )
    analysis = analyze_transcript(
        Transcript.from_text(
            "I like the product and the people. I've used the product for years, and everyone I met "
            "today seemed to really enjoy working together, so I would like to be part of it."
        ),
        settings,
        question,
    )
    assert any(IMAGE in point for point in analysis["feedback"])  # the hostile point is quoted
    at = AppTest.from_function(_page_with_answer, args=(str(tmp_path), analysis), default_timeout=120).run()
    assert not at.exception
    shown = [m.value for m in at.markdown if "talking points not heard" in m.value]
    assert len(shown) == 1 and "on-call rota" in shown[0]
    assert _acting(shown[0]) == [], shown[0]
    assert "!\\[pixel\\](http:small[]://203.0.113.9/track.png)" in shown[0] and "&lt;img src=x" in shown[0]


def test_an_uploaded_file_name_in_an_error_shows_as_text(tmp_path, monkeypatch):
    """The error for a file that is not audio names the file; a name holding markup stays text."""
    from app_support import DATA, page

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    name = f"{IMAGE} {TAG}.wav"
    at.file_uploader[0].upload(name, (DATA / "not_audio.wav").read_bytes(), "audio/wav").run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "is not audio the coach can read" in error and "203.0.113.9/track.png" in error
    assert _acting(error) == [], error
    assert "http://" not in error, error  # the page's markdown links a bare address: not this one
