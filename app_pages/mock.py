"""Mock interview: the coach asks out loud, listens, follows up, and reports at the end."""

import hashlib
import re
import uuid

import streamlit as st

from coach import store
from coach.analysis.wording import clock, count
from coach.errors import BROWSER_TAKE, CoachError, ModelError
from coach.job_description import interview_to_prepare_for, interviews_to_prepare
from coach.mock import QUESTION_ORDER
from coach.mock.plan import FORMATS, format_for_interview, nothing_to_prepare_for, planned_minutes
from coach.mock.report import (
    FOLLOW_UP_NOT_ANSWERED,
    NOT_MEASURED,
    QUESTION_NOT_ANSWERED,
    SKIPPED_FOLLOW_UP,
    SKIPPED_QUESTION,
    ended_early_sentence,
    not_measured_now,
    nothing_answered_sentence,
    pattern_sentence,
)
from coach.mock.session import MockSession, plan_for
from coach.pipeline import joining_stages
from coach.recommend import role_to_practise
from coach.roles import your_role
from coach.ui import browser_clock, shared, summary, timer
from coach.ui.highlight import escape, unspoken_icon

ROLE_LABELS = {k: v for k, v in summary.ROLE_LABELS.items() if k != "any"}  # a role set has a role
SCORE_LABELS = (
    ("overall", "Overall"),
    ("delivery", "Delivery"),
    ("fillers", "Fillers"),
    ("structure", "Structure"),
    ("content", "Content"),
)
NO_INTERVIEW = 0
RUNNING_PARAM = "mock"  # in the page's address while an interview runs: a reload finds it again
RUNNING_KEPT = 50  # interviews kept findable on this server; the oldest forgotten first
FIGURE_WIDTH_PX = 150  # the report's figures: two fit a phone's 390 px, "1 not answered" under one

cfg = shared.settings()
db = shared.store(cfg)
today = browser_clock.today()  # the person's, from their browser (not the server's)
ss = st.session_state
ss.setdefault("mock_session", None)
ss.setdefault("mock_take", 0)
ss.setdefault("mock_failed", None)
ss.setdefault("mock_not_measured", None)  # said over the next question: the last answer could not be measured


@st.cache_resource(show_spinner=False)
def under_way() -> dict[str, MockSession]:
    """The interviews on this server, by the token in their page's address, until another is
    started in their tab (their report stays there too). A reload
    starts a new Streamlit session with empty state: the interview was gone, its answers saved as
    practice answers but the rest of it, the report and the stored session lost without a word."""
    return {}


def keep_findable(session: MockSession) -> None:
    """Put the interview's token in the page's address, so a reload of this tab finds it again."""
    token = ss.setdefault("mock_token", uuid.uuid4().hex)
    found = under_way()
    found[token] = session
    while len(found) > RUNNING_KEPT:
        found.pop(next(iter(found)))
    if st.query_params.get(RUNNING_PARAM) != token:
        st.query_params[RUNNING_PARAM] = token


def found_again() -> MockSession | None:
    """The interview this tab's address names, after a reload, at the turn it waits on (or its
    report, when it is over); only the same person's (their data, and in a cohort their login)."""
    session = under_way().get(st.query_params.get(RUNNING_PARAM) or "")
    theirs = (session.settings.data_dir, session.settings.owner) if session is not None else None
    if theirs != (cfg.data_dir, cfg.owner):
        return None
    ss.mock_token = st.query_params[RUNNING_PARAM]
    return session


def under_way_elsewhere() -> tuple[str, MockSession] | None:
    """This person's interview still running in another tab (the last started), with its token:
    a new tab showed a fresh setup with no word of it."""
    for token, session in reversed(list(under_way().items())):
        theirs = (session.settings.data_dir, session.settings.owner) == (cfg.data_dir, cfg.owner)
        if theirs and session.summary is None and token != ss.get("mock_token"):
            return token, session
    return None


def go_on_with(token: str, session: MockSession) -> None:
    """The "Go on with it here" button's callback: this tab takes the interview up where it waits."""
    ss.mock_session = session
    ss.mock_token = token
    ss.mock_take += 1
    ss.mock_failed = None
    ss.mock_not_measured = None
    st.query_params[RUNNING_PARAM] = token


def start() -> None:
    """The Start button's callback: plan the questions from the choices made, speak the first."""
    format_key = ss.mock_format
    browser_clock.follow_browser()  # the spoken questions' folder is named by the time; a callback runs first
    try:
        plan = plan_for(
            db,
            cfg,
            format=format_key,
            n=ss[f"mock_n_{format_key}"],
            role=ss.get("mock_role") if format_key == "role" else None,
            interview_id=ss.mock_interview or None,
        )
        ss.mock_session = MockSession(cfg, plan)
        shared.preload_models(cfg)  # now, so the first question's page is drawn whole at once
    except CoachError as e:
        ss.mock_start_error = shared.said_to(cfg, e)
        return
    ss.mock_start_error = None
    ss.mock_take += 1
    ss.mock_failed = None
    ss.mock_not_measured = None


def reset() -> None:
    ss.mock_session = None
    ss.mock_not_measured = None
    ss.mock_take += 1
    under_way().pop(ss.pop("mock_token", None) or "", None)
    st.query_params.pop(RUNNING_PARAM, None)


# ---------------------------------------------------------------- before
def setup() -> None:
    if elsewhere := under_way_elsewhere():
        token, running = elsewhere
        st.info(f"You have a mock interview under way in another tab, at {running.where()}.")
        st.button(
            "Go on with it here",
            icon=":material/play_arrow:",
            key="mock_go_on",
            on_click=go_on_with,
            args=(token, running),
        )
    with st.container(border=True):
        st.header("Set up the interview", anchor=False)
        # the interviews Practice offers to prepare for (coming ones, then the last month's), named
        # the same way: months of log would otherwise list every interview ever had, dated 2026-11-20
        logged = store.list_interviews(db)
        interviews = interviews_to_prepare(logged, today)
        if "mock_interview" not in ss:  # as on Practice: one in the next two weeks, until the user picks
            chosen_first = interview_to_prepare_for(logged, today, joining_stages(db, today))
            ss.mock_interview = (chosen_first or {}).get("id", NO_INTERVIEW)
        suggested = suggest_format(interviews)
        format_key = st.radio(
            "Format",
            list(FORMATS),
            format_func=lambda k: f"{FORMATS[k].label} (about {FORMATS[k].minutes} minutes)",
            key="mock_format",
            horizontal=True,
            on_change=lambda: ss.update(mock_format_picked=ss.mock_format),
        )
        if suggested:
            st.caption(f"{FORMATS[suggested].label} suggested for {escape(suggested_for(interviews))}.")
        if format_key == "role":
            role_choice(interviews)
        if interviews:
            names = {NO_INTERVIEW: summary.prepare_label(None)} | {
                i["id"]: summary.prepare_label(i) for i in interviews
            }
            st.selectbox(
                "Prepare for an interview from your log",
                list(names),
                format_func=names.get,
                key="mock_interview",
                help="Its role and its job description steer the questions.",
            )
            shared.chosen_in_full_on_phone(names[ss.mock_interview], "mock_interview")
        else:  # a list of one choice, "No particular interview", said nothing of how to fill it
            ss.mock_interview = NO_INTERVIEW
            st.caption(escape(nothing_to_prepare_for(logged)))
        count_key = f"mock_n_{format_key}"
        st.slider(
            "Questions",
            2,
            10,
            # kept apart from the widget's own state, which Streamlit forgets while another format
            # is shown: the number chosen came back as the format's default
            ss.get(f"{count_key}_kept", FORMATS[format_key].questions),
            key=count_key,
            on_change=lambda: ss.update({f"{count_key}_kept": ss[count_key]}),
            help=QUESTION_ORDER,
        )
        st.caption(
            f"About {planned_minutes(FORMATS[format_key], ss[count_key])} minutes. "
            "The interviewer speaks each question; the text stays hidden, as in a real interview. "
            "Answer out loud, then press stop. The report comes at the end."
        )
        st.button(
            "Start the mock interview",
            type="primary",
            icon=":material/record_voice_over:",
            key="mock_start",
            on_click=start,
        )
        if ss.get("mock_start_error"):
            st.error(ss.mock_start_error)


def suggest_format(interviews: list[dict]) -> str | None:
    """The format that fits the interview chosen to prepare for (a recruiter screen for a recruiter
    screen), set before the radio is drawn until the user picks one (their pick then stays, whatever
    interview is chosen after); returns it while it is only the suggestion, else None."""
    chosen = next((i for i in interviews if i["id"] == ss.get("mock_interview")), None)
    suggested = format_for_interview(chosen)
    if ss.get("mock_format_picked"):  # kept apart: Streamlit forgets a widget no run drew
        ss.mock_format = ss.mock_format_picked
        return None
    ss.mock_format = suggested or "behavioural"
    return suggested


def suggested_for(interviews: list[dict]) -> str:
    """'the final at Initech': the interview a format is suggested for."""
    chosen = next(i for i in interviews if i["id"] == ss.get("mock_interview"))
    return f"the {chosen['stage']} at {chosen['company']}"


def role_choice(interviews: list[dict]) -> None:
    """The role set's role: the chosen interview's when its title names one, else the user's role
    from Settings, until the user picks another (a new interview chosen suggests its role again)."""
    chosen = next((i for i in interviews if i["id"] == ss.get("mock_interview")), None)
    suggested = role_to_practise(your_role(cfg, db), (chosen or {}).get("role"))
    if ss.get("mock_role_suggested") != suggested:  # a new interview chosen suggests its role again
        ss.mock_role_suggested = suggested
        ss.mock_role_kept = suggested
        ss.pop("mock_role", None)
    if "mock_role" not in ss and ss.get("mock_role_kept"):
        # Streamlit forgets a widget no run drew: another format chosen and this one chosen again
        # showed the suggested role, not the one picked
        ss.mock_role = ss.mock_role_kept
    st.selectbox(
        "Role",
        list(ROLE_LABELS),
        format_func=ROLE_LABELS.get,
        key="mock_role",
        on_change=lambda: ss.update(mock_role_kept=ss.mock_role),
    )


# ---------------------------------------------------------------- during
def the_turn(session: MockSession) -> None:
    turn = session.current
    asked = sum(1 for t in session.turns if t.kind == "question")
    total = len(session.plan.questions)
    heading = "Follow-up" if turn.kind == "follow_up" else f"Question {asked} of {total}"
    if ss.mock_not_measured:  # the answer before this turn: said at once, the interview going on
        st.warning(escape(ss.mock_not_measured))
    if went_on := ss.pop("mock_went_on", None):
        st.info(escape(went_on))
    with st.container(border=True):
        st.header(heading, anchor=False)
        shared.play(turn.audio, cfg, format="audio/wav", autoplay=True)
        with st.popover("Show the question", icon=":material/visibility:"):
            st.markdown(f"**{escape(turn.text)}**")
        ss.mock_turns_said = len(session.turns)  # the turn this tab shows: `answered_elsewhere`
        take = f"mock_answer_{ss.mock_take}_{len(session.turns)}"
        recorded = st.audio_input(
            "Record your answer",
            key=take,
            help="Press the microphone, answer, press stop. The next question follows.",
        )
    if recorded is not None:
        listen(session, recorded.getvalue())
    with st.container(horizontal=True):
        st.button(
            "Skip this follow-up" if turn.kind == "follow_up" else "Skip this question",
            icon=":material/skip_next:",
            key="mock_skip",
            help="Move on without answering, as you might say “I'd rather come back to that”. "
            "The report counts it as skipped, with no score.",
            on_click=skip_now,
            args=(len(session.turns),),
        )
        st.button("End the interview here", icon=":material/stop_circle:", key="mock_end", on_click=end_now)


def answered_elsewhere(session: MockSession) -> None:
    """A take recorded in this tab for a turn the interview has gone past in another tab (answered
    there, or the interview ended there): this tab's recorder is drawn under a new key, and the take
    was dropped without a word. It is saved as a practice answer to the question it answered, and
    the page says so over the turn (or report) the interview is at now."""
    said = ss.get("mock_turns_said")
    turn = session.passed(said) if said is not None else None
    recorded = ss.get(f"mock_answer_{ss.mock_take}_{said}") if turn is not None else None
    # a take this tab already tried, which could not be heard: its error said so and it is kept
    # among the recordings not analysed; ending the interview over it heard it again (a second
    # copy kept, the error said again over the report)
    if recorded is None or hashlib.sha256(recorded.getvalue()).hexdigest() == ss.mock_failed:
        return
    ss.mock_turns_said = None
    with st.status("Saving your answer…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        try:
            session.keep_passed_answer(
                turn,
                recorded.getvalue(),
                original_name=BROWSER_TAKE,
                settings=cfg,
                progress=lambda message, fraction: bar.progress(min(max(fraction, 0.0), 1.0), text=message),
            )
        except CoachError as e:
            bar.empty()
            status.update(label="Could not hear this answer", state="error", expanded=True)
            st.error(f"{shared.said_to(cfg, e)}{shared.recording_kept(e)}")
            return
        status.update(label="Answer saved", state="complete", expanded=False)
    ss.mock_went_on = (
        f"The interview had gone on in another tab, so your answer to “{turn.text}” was saved as a "
        "practice answer, not as part of the interview."
    )


RECORD_AGAIN = re.compile(r"\brecord\b[^.;]*\bagain\b", re.IGNORECASE)


def listen(session: MockSession, data: bytes) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if ss.mock_failed == digest:
        return
    with st.status("Listening to your answer…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        try:
            shared.preload_models(cfg)
            answered = session.answer(
                data,
                original_name=BROWSER_TAKE,
                settings=cfg,  # this run's: a limit or model the staff changed holds at once
                progress=lambda message, fraction: bar.progress(min(max(fraction, 0.0), 1.0), text=message),
            )
        except CoachError as e:
            bar.empty()  # a bar stopped at "Reading the audio" reads as still working
            status.update(label="Could not hear this answer", state="error", expanded=True)
            sentence = shared.said_to(cfg, e)
            # "record it again", "record the answer again" already say it: it was said twice
            again = "" if RECORD_AGAIN.search(sentence) else " Record the answer again."
            st.error(f"{sentence}{shared.recording_kept(e)}{again}")
            ss.mock_failed = digest
            return
    ss.mock_turns_said = None  # answered here: not a take for a turn gone past elsewhere
    ss.mock_not_measured = not_measured_now(session.turns, answered)
    st.rerun()


def skip_now(said: int) -> None:
    """The Skip button's callback: on to the next question, the turn shown left unanswered (unless
    another tab has gone past it meanwhile: `said` is how many turns were said when it was drawn)."""
    session = ss.mock_session
    if session is None or session.current is None or len(session.turns) != said:
        return
    session.skip()
    ss.mock_not_measured = None  # said of the answer before the turn skipped
    ss.mock_failed = None


def end_now() -> None:
    session = ss.mock_session
    if session is not None:
        browser_clock.follow_browser()  # the report dates the last mock interview; a callback runs first
        with shared.shown_errors():
            session.finish(db)


def leaving_asks_first(running: bool) -> None:
    """While an interview runs, reloading or closing the tab asks first (the browser's own "Leave
    site?"): closing it ended the interview without a word, its answers kept but no report and no
    mock interview stored (a reload finds it again: `found_again`). Moving to another page of the
    app keeps the interview and asks nothing."""
    handler = "function (event) { event.preventDefault(); return ''; }" if running else "null"
    # with the recorder's focus following it (an element of its own took a gap in the page)
    guard = f"<script>window.onbeforeunload = {handler};</script>{timer.RECORDER_FOCUS}"
    st.html(guard, unsafe_allow_javascript=True)


# ---------------------------------------------------------------- after
def _scores_line(scores: dict | None, whose: str = "Scores") -> str:
    """'Scores out of 100: Overall 49 · Fillers 0 · …': out of 100 said once, so a fillers score of 0
    is not read as no fillers (the Practice page's Fillers figure is a count)."""
    if not scores:
        return ""
    return f"{whose} out of 100: " + " · ".join(
        f"{label} {round(scores[key])}" for key, label in SCORE_LABELS if scores.get(key) is not None
    )


def _left_unanswered(skipped: int, not_answered: int) -> str | None:
    """Under a count of questions or follow-ups: "1 skipped, 1 not answered", None for neither."""
    left = ((skipped, "skipped"), (not_answered, "not answered"))
    return ", ".join(f"{n} {said}" for n, said in left if n) or None


def the_report(session: MockSession) -> None:
    summary = session.summary
    if went_on := ss.pop("mock_went_on", None):
        st.info(escape(went_on))
    if not summary["answers"]:
        # "nothing was saved" was untrue of a silent take, kept as a recording
        st.info(nothing_answered_sentence(summary))
        st.button("Start another mock interview", type="primary", on_click=reset, key="mock_again")
        return
    st.header("How the interview went", anchor=False)
    # four columns stack one a line on a phone (about 370 px before the first sentence); a row that
    # wraps keeps them two by two there, four across on a wide screen
    figures = st.container(horizontal=True, gap="medium")
    c1, c2, c3, c4 = (figures.container(width=FIGURE_WIDTH_PX) for _ in range(4))
    # asked, moved on from or asked as the interview ended: said under each below, as a follow-up's
    c1.metric(
        "Questions",
        summary["questions_asked"],
        delta=_left_unanswered(
            summary.get("questions_skipped", 0), summary.get("questions_asked_not_answered", 0)
        ),
        delta_color="off",
        delta_arrow="off",
    )
    c2.metric(
        "Follow-ups",
        summary["follow_ups_asked"],
        # asked as the interview ended, listed below
        delta=_left_unanswered(
            summary.get("follow_ups_skipped", 0), summary.get("follow_ups_not_answered", 0)
        ),
        delta_color="off",
        delta_arrow="off",
    )
    plan = session.plan
    c3.metric(
        "Time used",
        clock(summary["used_s"]),
        help=f"Of about {plan.planned_minutes} minutes planned for {count(len(plan.questions), 'question')} "
        f"of {plan.format.round_words}.",
    )
    overall = summary["score_overall"]
    c4.metric("Overall score", "—" if overall is None else f"{round(overall)}/100")
    if summary["pattern"]:
        st.markdown(f"**{escape(summary['pattern'])}**")
    else:  # why no gap is named, in the coach's own words
        st.markdown(pattern_sentence(summary))
    st.markdown(escape(summary["time"]))
    if summary["change"]:
        st.markdown(escape(summary["change"]))
    if ended := ended_early_sentence(summary):
        st.caption(ended)  # the coach's own sentence
    if summary.get("job_term_lines"):  # the interview prepared for has a job description
        st.subheader("Terms from the job description", anchor=False)
        st.caption("Across your answers to the questions, as Practice checks each answer.")
        st.markdown("  \n".join(escape(line) for line in summary["job_term_lines"]))
    st.subheader("Question by question", anchor=False)
    if summary["why_these_questions"]:  # none when only the opener was asked: no empty caption
        st.caption(escape(summary["why_these_questions"]))  # a sentence that says why on its own
    asked = [t for t in session.turns if t.kind == "question"]  # each listed, answered or not
    # each question's follow-up, the turn after it: its answer is shown under it as the question's is
    followed = {
        id(before): after
        for before, after in zip(session.turns, session.turns[1:], strict=False)
        if after.kind == "follow_up" and after.answer is not None
    }
    for i, (row, turn) in enumerate(zip(summary["questions"], asked, strict=True), start=1):
        with st.container(border=True):
            st.markdown(f"**{i}. {escape(row['text'])}**")
            if row.get("skipped"):
                st.caption(SKIPPED_QUESTION)
            elif not row.get("answered", True):  # asked as the interview ended
                st.caption(QUESTION_NOT_ANSWERED)
            elif row["measured"]:
                st.markdown(_scores_line(row["scores"]))
                if row.get("length"):  # a report stored before it was said has none
                    st.markdown(escape(row["length"]))
            else:
                st.warning("  \n".join(escape(w) for w in row["warnings"]) or NOT_MEASURED)
            if turn.answer is not None:
                with st.expander("What you said"):
                    st.markdown(escape(turn.answer.get("transcript") or ""))
            follow = row["follow_up"]
            if follow:
                arrow = unspoken_icon("subdirectory_arrow_right")
                st.markdown(f"{arrow} Follow-up: *{escape(follow['text'])}*", unsafe_allow_html=True)
                st.caption(f"Why: {escape(follow['why'])}")
                if follow.get("skipped"):
                    st.caption(SKIPPED_FOLLOW_UP)
                elif not follow.get("answered", True):  # asked as the interview ended
                    st.caption(FOLLOW_UP_NOT_ANSWERED)
                if follow["scores"]:
                    st.markdown(_scores_line(follow["scores"], "Follow-up scores"))
                elif follow.get("answered", True):  # a reply too short to measure: say why, as for a question
                    st.caption(" ".join(escape(w) for w in follow.get("warnings") or []) or NOT_MEASURED)
                if id(turn) in followed:
                    with st.expander("What you said to the follow-up"):
                        st.markdown(escape(followed[id(turn)].answer.get("transcript") or ""))
    st.caption("Each answer is also saved with your practice answers; see them on the Progress page.")
    st.button("Start another mock interview", type="primary", on_click=reset, key="mock_again")


shared.page_header(
    "Mock interview",
    "The coach asks the questions out loud and follows up on what your answers leave out. "
    f"Everything stays {shared.kept_where(cfg)}.",
)
if ss.mock_session is None:
    ss.mock_session = found_again()
session = ss.mock_session
leaving_asks_first(session is not None and session.summary is None)
if session is not None:
    keep_findable(session)
    answered_elsewhere(session)
if session is None:
    setup()
elif session.summary is not None:
    the_report(session)
elif session.current is None:
    with shared.shown_errors():
        session.finish(db)
        st.rerun()
else:
    the_turn(session)
    with shared.shown_errors(shared.model_hint(cfg), cfg, after_for=ModelError):
        shared.preload_models(cfg)
