"""What a screen reader and a keyboard are given, in a real headless Chromium: an answer's talking
points read as their words, not as the names of the icons beside them (its accessibility tree), and
the recorder is started and stopped from the keyboard alone.

Streamlit names an icon in markdown by its key: each point was read "check_circle icon, Their
product, heard" or "help icon, ... not heard", a help icon read as if it were a help button.

The Questions page's 25 rows gave a screen reader 50 buttons named "Star" or "Practise", none
saying which question it was for; each names its question now, and shows its one word as before.
So does each "Add to my questions" beside a question an interviewer asked, on the Interviews page.

Pressing Record with the keyboard put focus on the page itself, not on the Stop button that took
Record's place: Enter or Space did nothing more. Neither button drew a ring when focused.

Every heading put a "Link to heading" link in the Tab order, though nothing links to them.

Screenshots go to $COACH_SCREENSHOTS (default: a temporary folder); the path is printed.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from coach import playbook, store
from coach.config import load_settings
from tests.e2e.server import CHROMIUM, StreamlitServer, chromium, full_screenshot, microphone_args, settled
from tests.e2e.tab import for_next_test, one_tab

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

VOICE = Path(__file__).resolve().parents[1] / "data" / "real_speech" / "conversation.wav"

# a story for the first question the fresh Practice page offers, typed (no recording: no Whisper)
STORY = (
    "Last year our checkout service kept failing during a big sale. I was the engineer on call and my "
    "task was to find the cause quickly. I read the traces, found one slow database query and added an "
    "index. As a result the error rate dropped by ninety percent within an hour."
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("screen-reader-data")


@pytest.fixture(scope="module")
def app(data_dir, shots):
    with StreamlitServer(data_dir, shots / "streamlit-screen-reader.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    with chromium(microphone_args(VOICE)) as launched:  # a microphone that plays a real voice
        yield launched


@pytest.fixture(scope="module")
def tab(browser):
    with one_tab(browser) as opened:
        yield opened


@pytest.fixture
def page(tab):
    """The module's one tab (tests/e2e/tab.py), put back as new for each test: a new context for each
    test read Streamlit's frontend afresh each time."""
    with for_next_test(tab) as opened:
        yield opened


def _first_question(app, page) -> None:
    """From the first page, "Answer your first question" pressed."""
    page.goto(app.url)
    first = page.get_by_role("button", name="Answer your first question")
    first.wait_for(timeout=60_000)
    settled(page)
    first.click()


def _a_typed_answers_result(app, page) -> str:
    """From the first page, the suggested question answered by typing STORY: its result shown, its
    talking points and its scores drawn. Returns what a screen reader was given of the ways to give
    an answer (the tablist), read before typing."""
    _first_question(app, page)
    settled(page)
    tabs = page.get_by_role("tablist").first.aria_snapshot()
    page.get_by_role("tab", name="Type it").click()
    page.get_by_role("textbox", name="Type or paste your answer").fill(STORY)
    page.keyboard.press("Control+Enter")  # the box's own way to hand its text to the page
    settled(page)
    page.get_by_role("button", name="Analyse what you typed").click()
    for heading in ("Talking points", "Scores and the numbers behind them"):
        page.get_by_role("heading", name=heading).wait_for(timeout=120_000)
    settled(page)
    return tabs


@pytest.fixture(scope="class")
def typed_result(app, tab) -> Iterator[dict]:
    """A typed answer's result, down to its talking points and its scores, on the module's tab, for
    the class's tests that read it (each of the three typed and analysed the same story again, about
    5 s each), with what a screen reader was given of the tablist before the answer was typed."""
    with for_next_test(tab) as page:
        yield dict(page=page, tabs=_a_typed_answers_result(app, page))


class TestATypedAnswersResult:
    """What a screen reader and a keyboard are given of a typed answer's result: one result, typed and
    analysed once for the three (`typed_result`); they only read it, the last then opens Settings."""

    def test_talking_points_are_read_as_words_not_icon_names(self, typed_result, shots):
        # the ways to give an answer are read as their words ("mic icon Record" before)
        tabs, page = typed_result["tabs"], typed_result["page"]
        assert all(f'tab "{name}"' in tabs for name in ("Record", "Upload a file", "Type it")), tabs
        assert " icon" not in tabs, tabs
        full_screenshot(page, shots / "screen-reader-talking-points.png")
        said = page.locator("[data-testid=stMain]").aria_snapshot()
        points = said[said.index('heading "Talking points"') : said.index('heading "What you typed"')]
        assert "heard" in points, points
        assert " icon" not in points, points  # "check_circle icon", "help icon"

    def test_where_a_score_s_figure_comes_from_is_read_by_its_words(self, typed_result, shots):
        """Under "Scores and the numbers behind them" each score with a source (the fillers' "about 6 per
        100 words", the pace band) had a question mark beside it that a screen reader read as a button
        named "Help" alone, not saying which score it was for (a Review listed two an answer). The
        source is said in words under the figures it backs."""
        page = typed_result["page"]
        full_screenshot(page, shots / "screen-reader-score-sources.png")
        said = page.locator("[data-testid=stMain]").aria_snapshot()
        scores = said[said.index('heading "Scores and the numbers behind them"') :]
        assert 'button "Help"' not in scores, scores
        assert "Bortfeld et al. 2001" in scores, scores

    def test_headings_put_no_link_in_the_keyboard_s_way(self, app, typed_result, shots):
        """Every heading carried a "Link to heading" link in the Tab order (a practice answer's result
        gave four in a row, Settings five), though nothing links to the coach's headings: a keyboard
        passed them all. Walked with Tab on a typed answer's result and on Settings."""
        page = typed_result["page"]  # the class's last test: it goes on to Settings
        practice = _tab_stops(page)
        said = page.locator("[data-testid=stMain]").aria_snapshot()
        full_screenshot(page, shots / "screen-reader-practice-tab-stops.png")
        page.goto(f"{app.url}/settings")
        page.get_by_role("button", name="Save thresholds").wait_for(timeout=60_000)
        settled(page)
        settings = _tab_stops(page)
        # went through the page
        assert any("Next question" in stop for stop in practice), " | ".join(practice)
        assert "Save thresholds" in settings, " | ".join(settings)
        assert "Link to heading" not in practice, " | ".join(practice)
        assert "Link to heading" not in settings, " | ".join(settings)
        assert "Link to heading" not in said, said  # nor a link a screen reader lists among the page's links


def _focused(page) -> str | None:
    return page.evaluate("() => document.activeElement?.getAttribute('aria-label')")


# the ring the focused element draws round itself: its outline when drawn, else None
RING = """() => {
    const style = getComputedStyle(document.activeElement);
    const width = parseFloat(style.outlineWidth);
    return style.outlineStyle !== 'none' && width >= 2 ? style.outlineStyle + ' ' + width : null;
}"""


def test_the_recorder_starts_and_stops_from_the_keyboard(app, page, shots):
    """Record, then Stop recording, reached with the keyboard drew no ring round themselves (each
    only turned a darker grey): nothing showed where Enter would act."""
    _first_question(app, page)
    record = page.get_by_role("button", name="Record", exact=True)
    record.wait_for(timeout=30_000)
    settled(page)
    page.get_by_role("button", name="Help for Record your answer").focus()
    page.keyboard.press("Tab")  # the stop before Record, then Tab: as a keyboard reaches it
    assert _focused(page) == "Record"
    assert page.evaluate(RING), "no ring round Record"
    page.keyboard.press("Enter")
    stop = page.get_by_role("button", name="Stop recording")
    stop.wait_for(timeout=10_000)
    with contextlib.suppress(PlaywrightError):  # focus moves within a tick of the Stop button showing
        page.wait_for_function(
            "() => document.activeElement?.getAttribute('aria-label') === 'Stop recording'", timeout=5_000
        )
    full_screenshot(page, shots / "screen-reader-recording.png")
    assert _focused(page) == "Stop recording"
    assert page.evaluate(RING), "no ring round Stop recording"
    page.wait_for_timeout(1_500)  # a short take
    page.keyboard.press("Enter")
    stop.wait_for(state="detached", timeout=10_000)  # stopped: the take goes to be analysed


# what the eye is given of each button's label in a list of questions (the buttons `selector`
# finds): its words less those in an element that takes no room (1 px or less wide)
SHOWN_WORDS = """selector => [...document.querySelectorAll(selector)].map(b => {
    const label = b.querySelector('p');
    const unseen = [...label.querySelectorAll('*')].filter(e => e.getBoundingClientRect().width <= 1);
    return unseen.reduce((shown, e) => shown.replace(e.textContent, ''), label.textContent).trim();
})"""


def test_each_button_beside_a_question_is_named_by_it_and_shows_its_word_alone(app, page, shots):
    page.goto(f"{app.url}/questions")
    page.get_by_role("button", name=re.compile("^Practise")).first.wait_for(timeout=60_000)
    settled(page)
    said = page.locator("[data-testid=stMain]").aria_snapshot()
    for verb in ("Star", "Practise"):
        named = re.findall(rf'button "{verb} “(.+?)”"', said)
        assert len(named) == len(set(named)) == 25, said
    full_screenshot(page, shots / "screen-reader-question-buttons.png")
    buttons = "[class*='st-key-questions_star_'] button, [class*='st-key-questions_practise_'] button"
    assert set(page.evaluate(SHOWN_WORDS, buttons)) == {"Star", "Practise"}


# each checklist step's title as the page draws it: the weight of the text in its label (its own, or
# its <strong>'s); 600 and above reads bold
STEP_WEIGHTS = """() => [...document.querySelectorAll(
    "[class*='st-key-interviews_step_'] [data-testid=stWidgetLabel] p")].map(p => {
    const strong = p.querySelector('strong');
    return Number(getComputedStyle(strong || p).fontWeight);
})"""


def _steps_read(page) -> tuple[list[str], list[int]]:
    """The Prepare tab's checklist: the names a screen reader gives its boxes, and their titles' weights."""
    page.get_by_role("tab", name="Prepare").click()
    page.get_by_role("checkbox").first.wait_for(timeout=30_000)
    settled(page)
    said = page.locator("[data-testid=stMain]").aria_snapshot()
    return re.findall(r'checkbox "(.+?)"', said), page.evaluate(STEP_WEIGHTS)


def test_each_step_to_prepare_is_read_by_its_words(app, page, shots):
    """The Prepare tab's checklist boxes were read "star star Know why you are talking to them. star
    star": their names held the markdown that draws each title in bold. Read before an interview is
    logged, and with one booked (its own checklist); the titles still show in bold."""
    # with no interview logged: the checklist of a process's first stage (Step.fits)
    steps = [step.text for step in playbook.load_playbook().steps if step.fits(later=False)]
    page.goto(f"{app.url}/interviews")
    page.get_by_role("tab", name="Prepare").wait_for(timeout=60_000)
    settled(page)
    before, weights = _steps_read(page)
    assert before == steps, before
    assert weights and min(weights) >= 600, weights
    page.get_by_role("tab", name="Add an interview").click()
    page.get_by_role("textbox", name="Company").first.fill("Initech")
    page.get_by_role("button", name="Add interview").click()
    settled(page)  # booked for today: the Prepare tab's checklist is its own
    booked, weights = _steps_read(page)
    full_screenshot(page, shots / "screen-reader-prepare-steps.png")
    assert "Preparing for" in page.locator("[data-testid=stMain]").inner_text()
    assert booked and all("*" not in name for name in booked) and set(booked) <= set(steps), booked
    assert weights and min(weights) >= 600, weights


def test_each_save_on_settings_says_what_it_saves(app, page, shots):
    """A screen reader listing the Settings page's buttons read "Save", "Save", "Save thresholds":
    the speech recognition's and the role's buttons had one name, and neither said which it saved."""
    page.goto(f"{app.url}/settings")
    page.get_by_role("button", name="Save thresholds").wait_for(timeout=60_000)
    settled(page)
    said = page.locator("[data-testid=stMain]").aria_snapshot()
    full_screenshot(page, shots / "screen-reader-settings-saves.png")
    saves = re.findall(r'button "(Save[^"]*)"', said)
    assert len(saves) == len(set(saves)) == 3, saves
    assert "Save" not in saves, saves


# the next stop of the Tab order: the name a screen reader gives it (its label, else its words), and
# whether the walk is back at the stop it started from
NEXT_STOP = r"""() => {
    const here = document.activeElement;
    window.__coachFirstStop = window.__coachFirstStop || here;
    const words = (here.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const name = here.getAttribute('aria-label') || words || here.tagName;
    return [name, window.__coachFirstStop === here && window.__coachStops > 0, window.__coachStops++];
}"""


# the walk starts at the top of the page's main part, as after a page is opened
TOP = """() => {
    window.__coachFirstStop = null;
    window.__coachStops = 0;
    const main = document.querySelector('[data-testid=stMain]');
    main.setAttribute('tabindex', '-1');
    main.focus();
    main.removeAttribute('tabindex');
}"""


def _tab_stops(page, most: int = 250) -> list[str]:
    """The names of the stops a keyboard meets pressing Tab from the top of the page, once round."""
    page.evaluate(TOP)
    stops: list[str] = []
    for _ in range(most):
        page.keyboard.press("Tab")
        name, back, _count = page.evaluate(NEXT_STOP)
        if back:
            break
        stops.append(name)
    return stops


def test_the_mock_interviews_headings_put_no_link_in_the_keyboard_s_way(app, page, shots):
    """The Mock interview page's headings ("Set up the interview", the question's, the report's) each
    still put a "Link to heading" in the Tab order: the first stop of the set-up, before its format."""
    page.goto(f"{app.url}/mock")
    page.get_by_role("button", name="Start the mock interview").wait_for(timeout=60_000)
    settled(page)
    stops = _tab_stops(page)
    full_screenshot(page, shots / "screen-reader-mock-tab-stops.png")
    assert any("Start the mock interview" in stop for stop in stops), " | ".join(stops)  # went through
    assert "Link to heading" not in stops, " | ".join(stops)


def test_the_number_of_questions_is_read_by_one_name(app, page, shots):
    """The Mock page's slider was read "Questions Questions" (Streamlit names its thumb by the label,
    then by its group's name, the same label). It is read "Questions" with its number, also once
    the number is changed from the keyboard (the page drawn again)."""
    page.goto(f"{app.url}/mock")
    slider = page.get_by_role("slider")
    slider.wait_for(timeout=60_000)
    settled(page)
    said = page.locator("[data-testid=stMain]").aria_snapshot()
    assert re.search(r'slider "Questions": "6"', said), said
    slider.focus()
    slider.press("ArrowLeft")
    settled(page)
    said = page.locator("[data-testid=stMain]").aria_snapshot()
    full_screenshot(page, shots / "screen-reader-mock-questions.png")
    assert re.search(r'slider "Questions": "5"', said), said
    assert "Questions Questions" not in said, said


def test_each_format_is_read_once(app, page, shots):
    """The Mock page's Format options were each read twice: "radio Recruiter screen (about 15
    minutes)", then the same words again as text (Streamlit names each option by its label, whose
    words stay beside it). Each is read once now, by its words, also once another format is picked
    from the keyboard (the page drawn again); the words show as before."""
    formats = [
        "Recruiter screen (about 15 minutes)",
        "Behavioural round (about 30 minutes)",
        "Role questions (about 45 minutes)",
    ]
    page.goto(f"{app.url}/mock")
    group = page.get_by_role("radiogroup", name="Format")
    group.wait_for(timeout=60_000)
    settled(page)
    for picked in (None, "Recruiter screen (about 15 minutes)"):
        if picked:
            page.get_by_role("radio", name="Behavioural round (about 30 minutes)").focus()
            page.keyboard.press("ArrowLeft")
            settled(page)
        said = page.locator("[data-testid=stMain]").aria_snapshot()
        for words in formats:
            assert said.count(words) == 1, said  # the radio's name alone, not its text again
            assert re.search(rf'radio "{re.escape(words)}"', said), said
            assert page.locator("[data-testid=stRadioOption]").get_by_text(words).is_visible()
    assert page.get_by_role("radio", name=formats[0]).is_checked()  # the keyboard picked it
    page.get_by_role("slider").wait_for(timeout=60_000)  # the recruiter screen's own questions
    full_screenshot(page, shots / "screen-reader-mock-formats.png")


def test_a_choices_options_are_read_once_on_other_pages_too(app, page):
    """The Mock page's options were mended alone; "How it started" on the Interviews page read each
    option twice ("radio I applied", then "I applied"): every page reads them once now."""
    page.goto(f"{app.url}/interviews")
    page.get_by_role("tab", name="Add an interview").click()
    group = page.get_by_role("radiogroup", name="How it started")
    group.wait_for(timeout=60_000)
    settled(page)
    said = group.aria_snapshot()
    for words in ("they reached out", "I applied", "referral"):
        assert said.count(words) == 1, said
        assert re.search(rf'radio "{re.escape(words)}"', said), said


def test_a_link_to_a_page_draws_a_ring_when_reached_with_the_keyboard(app, page, shots):
    """The sidebar's links to the pages showed keyboard focus by a grey wash alone, the one that marks
    the page open: tabbing from Practice to Mock interview, the two links looked alike."""
    page.goto(f"{app.url}/settings")
    page.get_by_role("button", name="Save thresholds").wait_for(timeout=60_000)
    settled(page)
    page.get_by_test_id("stSkipToContent").focus()  # the first stop of the page, before the sidebar
    rings = {}
    for _ in range(7):  # the sidebar's seven pages
        page.keyboard.press("Tab")
        name = page.evaluate("() => (document.activeElement.innerText || '').split('\\n').pop().trim()")
        rings[name] = page.evaluate(RING)
    page.screenshot(path=str(shots / "screen-reader-link-ring.png"))
    assert {"Practice", "Mock interview", "Interviews", "Settings"} <= set(rings), rings
    assert all(rings.values()), rings


# the ring drawn round the label of the focused choice (a radio button's own circle is hidden)
LABEL_RING = """() => {
    const style = getComputedStyle(document.activeElement.closest('label'));
    const width = parseFloat(style.outlineWidth);
    return style.outlineStyle !== 'none' && width >= 2 ? style.outlineStyle + ' ' + width : null;
}"""


def test_a_choice_reached_with_the_keyboard_draws_a_ring(app, page, shots):
    """A choice of several (the Mock interview's format, the Interviews page's "How it started") showed
    keyboard focus by a faint grey wash behind its words; it draws a ring, on the choice the arrow keys
    move to as well."""
    page.goto(f"{app.url}/mock")
    page.get_by_role("button", name="Start the mock interview").wait_for(timeout=60_000)
    settled(page)
    page.evaluate(TOP)
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.closest('label')?.innerText.trim()")
    first_ring = page.evaluate(LABEL_RING)
    page.keyboard.press("ArrowDown")
    settled(page)
    moved = page.evaluate("() => document.activeElement.closest('label')?.innerText.trim()")
    moved_ring = page.evaluate(LABEL_RING)
    page.screenshot(path=str(shots / "screen-reader-choice-ring.png"))
    assert first == "Behavioural round (about 30 minutes)", first
    assert moved == "Role questions (about 45 minutes)", moved
    assert first_ring and moved_ring, (first_ring, moved_ring)


# where focus is: the name a screen reader gives it, and whether it is inside an open popover
FOCUS_IN = """() => {
    const here = document.activeElement;
    return [here.getAttribute('aria-label') || (here.innerText || '').trim().split('\\n')[0],
        !!here.closest('[data-testid=stPopoverBody]')];
}"""


def _popover_opened_by_enter(page, url: str, name: str) -> list:
    """The popover `name` on the page at `url`, opened with Enter on its button: where focus is then."""
    page.goto(url)
    button = page.get_by_role("button", name=name)
    button.wait_for(timeout=60_000)
    settled(page)
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_test_id("stPopoverBody").wait_for(timeout=10_000)
    with contextlib.suppress(PlaywrightError):  # focus moves once the popover has drawn its fields
        page.wait_for_function(
            "() => document.activeElement.matches('[data-testid=stPopoverBody] input')", timeout=3_000
        )
    return page.evaluate(FOCUS_IN)


def test_a_popover_opened_from_the_keyboard_takes_focus_to_its_fields(app, page, shots):
    """Enter on the Interviews page's "Change the cadence goal" opened it with focus left on its button:
    Tab went through the page under it (five stops) before its fields, at the page's end. Focus goes
    to its first field; Escape closes it and puts focus back on its button. Progress's "Set your
    goals" draws its button before its fields: focus goes to the first field, not to "Save goals"."""
    goals = _popover_opened_by_enter(page, f"{app.url}/progress", "Set your goals")
    opened = _popover_opened_by_enter(page, f"{app.url}/interviews", "Change the cadence goal")
    page.screenshot(path=str(shots / "screen-reader-popover-opened.png"))
    page.keyboard.press("Tab")
    next_stop = page.evaluate(FOCUS_IN)
    page.keyboard.press("Escape")
    page.get_by_test_id("stPopoverBody").wait_for(state="detached", timeout=10_000)
    closed = page.evaluate(FOCUS_IN)
    assert goals == ["Practise on … days", True], goals
    assert opened == ["Real interviews", True], opened
    assert next_stop[1], next_stop  # the popover's next field, not the page under it
    assert closed[0].startswith("Change the cadence goal") and not closed[1], closed


def test_after_adding_an_interview_from_the_keyboard_focus_is_on_what_was_done(app, page, shots):
    """Enter on "Add interview" drew the form anew, the button with it, and focus fell to the page
    itself: nothing read out "Added Umbrella (…)", and the next Tab started over. The sentence takes
    focus, and Tab goes on from it to the page's next stop."""
    page.goto(f"{app.url}/interviews")
    page.get_by_role("tab", name="Add an interview").click()
    company = page.get_by_role("textbox", name="Company").first
    company.wait_for(timeout=60_000)
    settled(page)
    company.fill("Umbrella")
    page.get_by_role("button", name="Add interview").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Added Umbrella").wait_for(timeout=30_000)
    settled(page)
    focused = page.evaluate(
        "() => (document.activeElement.innerText || document.activeElement.tagName).trim()"
    )
    page.screenshot(path=str(shots / "screen-reader-added-in-focus.png"))
    page.keyboard.press("Tab")
    next_stop = page.evaluate(FOCUS_IN)
    assert focused.startswith("Added Umbrella"), focused
    assert next_stop[0] == "Help for Cadence goal", next_stop  # the stop after it, not the page's top


# each Tab stop from "Skip to main content": its name, whether it is on the screen, and its ring
SHOWN_STOP = """() => {
    const here = document.activeElement, box = here.getBoundingClientRect();
    const style = getComputedStyle(here);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return {name: here.getAttribute('aria-label') || here.getAttribute('data-testid') || here.tagName,
        on_screen: box.right > 0 && box.left < innerWidth && box.width > 0, ring: ring};
}"""


def test_every_tab_stop_before_the_page_shows_where_it_is(app, page, shots):
    """On a phone (390 px, the sidebar closed) Tab from "Skip to main content" went through the closed
    sidebar's seven links, off the screen, then to the page's main part, which drew no ring (Streamlit
    makes it a stop, to scroll it from the keyboard): eight stops where nothing showed."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app.url}/settings")
    page.get_by_role("button", name="Save thresholds").wait_for(timeout=60_000)
    settled(page)
    page.get_by_test_id("stSkipToContent").focus()
    stops = []
    for _ in range(4):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(SHOWN_STOP))
    page.screenshot(path=str(shots / "screen-reader-main-stop-390.png"))
    assert all(stop["on_screen"] for stop in stops), stops
    main = [stop for stop in stops if stop["name"] == "stMain"]
    assert main and main[0]["ring"], stops


def test_each_add_to_my_questions_is_named_by_its_question_and_shows_its_words_alone(
    app, data_dir, page, shots
):
    """Under "Questions they asked" on an interview's stage, each button was named "Add to my
    questions" alone. The stage is opened as a user opens it: a run of that stage alone. (Last in
    the file: the module's app serves it, and the interview it logs is in no other test's way; it
    had an app of its own, the coach loaded again. Its stage is named apart from the one Initech's
    was given when the Prepare test logged it.)"""
    asked = ["How do you test a data pipeline?", "What would you change in our API?"]
    db = store.open_store(load_settings(data_dir))
    try:
        interview_id = store.add_interview(
            db, company="Hooli", role="Platform lead", stage="technical round", interview_date=date.today()
        )
        notes = "Questions they asked:\n" + "".join(f"- {q}\n" for q in asked)
        store.add_debrief(db, interview_id, notes=notes)
    finally:
        db.close()
    page.goto(f"{app.url}/interviews")
    page.get_by_text("technical round ·").first.wait_for(timeout=60_000)
    settled(page)
    page.get_by_text("technical round ·").first.click()
    # its heading, exactly: the debrief form below has "Questions they asked (one a line)" and "Add
    # the questions they asked to my practice questions", and once all three were drawn before the
    # wait looked, it matched three (strict mode)
    page.get_by_text("Questions they asked", exact=True).wait_for(timeout=30_000)
    settled(page)
    said = page.locator("[data-testid=stMain]").aria_snapshot()
    full_screenshot(page, shots / "screen-reader-add-to-my-questions.png")
    shown = page.evaluate(SHOWN_WORDS, "[class*='st-key-interviews_add_q_'] button")
    assert re.findall(r'button "Add to my questions “(.+?)”"', said) == asked, said
    assert shown == ["Add to my questions"] * 2, shown
