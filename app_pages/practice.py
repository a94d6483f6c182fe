"""Practice: pick a question, answer it out loud, see what you did and how it compares."""

import hashlib
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import streamlit as st

from coach import banks, prepare, recommend, store
from coach.analysis.wording import count
from coach.banks import Question
from coach.errors import BROWSER_TAKE, CoachError, ModelError
from coach.job_description import (
    interview_asks,
    interview_to_prepare_for,
    interviews_to_prepare,
    opportunity_description,
    save_job_description,
    steering,
    without_description,
)
from coach.last_answer import answer_to_reopen
from coach.pipeline import as_written_most, joining_stages
from coach.progress import (
    answered_before,
    answered_by_question,
    answered_words,
    debrief_named_questions,
    gap_roles,
    gaps_said,
    gaps_to_practise,
)
from coach.roles import your_role_and_whose
from coach.ui import browser_clock, shared, summary, timer, waiting
from coach.ui.highlight import escape

SAMPLE_QUESTION_ID = "swe-beh-01"  # the sample recording answers this question
# its length as a person reads it: "An 18-second answer" was said of the 64 s sample ("Length 1:04")
SAMPLE_HELP = (
    "A one-minute answer recorded for this app, so you can see the feedback without a microphone. It is "
    "shown with the question it answers: “Tell me about an incident you were involved in and how it was "
    "handled.”"
)
ANY = "any"

cfg = shared.settings()
db = shared.store(cfg)
today = browser_clock.today()  # the person's, from their browser (not the server's)
ss = st.session_state
ss.setdefault("practice_question_id", None)
ss.setdefault("practice_take", 0)
ss.setdefault("practice_result", None)
ss.setdefault("practice_pending_sample", False)
# 0, not None: a selectbox whose value is None shows "Choose an option" instead of its first label
NO_INTERVIEW = 0
if "practice_interview_id" not in ss:  # an interview in the next two weeks, until the user picks
    # not a stage after an offer accepted (a team match): no interview to practise for
    joining = joining_stages(db, today)
    chosen_first = interview_to_prepare_for(store.list_interviews(db), today, joining)
    ss.practice_interview_id = (chosen_first or {}).get("id", NO_INTERVIEW)
ss.setdefault("practice_job", None)  # cohort mode: the take waiting in the queue

questions = banks.load_questions(cfg.data_dir, owner=cfg.owner)
by_id = {q.id: q for q in questions}
attempts = store.list_attempts(db, newest_first=False)


# Each defined again with every run of the page, so each remembers its reads for one run only.
@cache
def question_attempts(question_id: str) -> list[dict]:
    """This question's attempts, oldest first, read once a run: after a take is saved, the status
    line (your Nth attempt) and the comparison with earlier attempts use the same read."""
    return store.list_attempts(db, question_id=question_id, newest_first=False)


@cache
def question_turns(question_id: str) -> list[dict]:
    """This question's answers in real interviews (Progress counts them: "1 practice, 1 real"), read
    once a run: the line on how often it was answered, the saved take's label and the comparison
    with earlier answers each read them."""
    return store.list_turns(db, question_id=question_id)


CHOOSER = "practice_chooser"  # the "Change the question" expander


def choose_question(question_id: str | None) -> None:
    ss.practice_question_id = question_id
    ss.pop("practice_before_sample", None)  # a question chosen now is the one to come back to
    ss.practice_chooser_close = True  # the question and its recorder are next, not the chooser
    ss.pop("practice_typed_text", None)  # an answer typed to the last question is not this one's
    try_again()


def try_again() -> None:
    ss.practice_result = None
    ss.practice_take += 1
    ss.pop("practice_delete_confirm", None)  # "Delete this answer?" was about the last take


def use_sample() -> None:
    # shown with the question it answers: under "Why should we hire you?" the sample (an incident told
    # as a story) scored 100/100 with "4 of 4 heard in the sample answer" for that question's points
    chosen = ss.practice_question_id
    if chosen == SAMPLE_QUESTION_ID:  # the sample once more: the question before the first one
        chosen = ss.get("practice_before_sample")
    ss.practice_question_id = SAMPLE_QUESTION_ID
    ss.practice_before_sample = chosen
    ss.pop("practice_typed_text", None)  # an answer typed to the last question is not this one's
    try_again()  # a recording or upload still in its box (one refused as not audio) is not the take
    ss.pop("practice_latest", None)
    ss.practice_pending_sample = True


def try_again_after(result: dict) -> None:
    """ "Try again": after the sample's demonstration, the question chosen before it comes back (the
    sample took its place, and a fresh take was asked for the sample's question)."""
    before = ss.pop("practice_before_sample", None)
    if result.get("demonstration") and before is not None:
        ss.practice_question_id = before
    try_again()


# ---------------------------------------------------------------- first run
def first_run() -> None:
    """The two-minute path for someone with no answer yet: a suggested question or the sample."""
    with st.container(border=True):
        shared.heading("Your first practice answer takes about two minutes", 2)
        st.markdown(
            "1. Pick a question (or take the one suggested).  \n"
            "2. Press the microphone, answer out loud, press stop.  \n"
            "3. Read what you did: fillers marked in the transcript, pace, what you covered, and, "
            "for a question that asks for a story, how it was told (situation, task, action, result)."
        )
        # the first listed under Recommended below: what an earlier stage asked, a debrief's gap,
        # the job description
        first = recommend.first_suggested(recommending([])["picks"])
        left, right = st.columns(2)
        left.button(
            "Answer your first question",
            type="primary",
            icon=":material/mic:",
            on_click=answer_first,
            args=(first,),
            key="practice_first_question",
        )
        right.button(
            "Try it with a sample recording",
            icon=":material/play_circle:",
            on_click=use_sample,
            key="practice_sample_first",
            help=SAMPLE_HELP,
        )


def answer_first(first) -> None:
    """The first question suggested, one an earlier stage asked kept among your questions first."""
    with shared.shown_errors():
        choose_question(getattr(recommend.to_answer(cfg, first), "id", None))


def asked_at_earlier_stages(answers: list[dict], logged: list[dict] | None = None) -> list:
    """What the stages before the interview prepared for asked (prepare.asked_before), none when
    no interview of the log is chosen."""
    logged = as_written_most(store.list_interviews(db)) if logged is None else logged
    chosen = ss.practice_interview_id or None
    if not any(i["id"] == chosen for i in logged):
        return []
    return prepare.asked_before(db, chosen, questions, answers, logged)


# ---------------------------------------------------------------- choosing the question
# What is typed or picked to find a question outlives the box: Streamlit forgets a box no run drew,
# and a question typed under "Your own" was gone after a look at "Browse" or at another page (and
# Browse's search after a look at "Your own").
def kept(key: str) -> str:
    """The key of a box about to be drawn, given back what it held when Streamlit forgot it. Given
    in the run that draws it, so the browser shows it; None (nothing picked) is not given back: set
    by the page, it showed as "Choose an option" rather than as the first choice."""
    if key not in ss and ss.get(f"{key}__kept") is not None:
        ss[key] = ss[f"{key}__kept"]
    return key


def keep(key: str, value):
    """What the box `key` holds, noted for `kept`; returns it."""
    ss[f"{key}__kept"] = value
    return value


def question_chooser(question: Question | None) -> None:
    """Recommended, browsed, random or typed: four ways to the question to answer. It closes once a
    question is chosen: left open, on a phone the question and its recorder sat below the whole
    chooser. Its state is kept (`on_change`) so that it can be closed."""
    if ss.pop("practice_chooser_close", False):
        ss[CHOOSER] = False
    with st.expander(
        "Choose a question" if question is None else "Change the question",
        expanded=question is None,
        key=CHOOSER,
        on_change="rerun",
    ):
        mode = st.segmented_control(
            "How to choose",
            ["Recommended", "Browse", "Random", "Your own"],
            default="Recommended",
            key="practice_mode",
            label_visibility="collapsed",
        )
        filters = question_filters() if mode in ("Browse", "Random") else {}
        if mode == "Recommended" or mode is None:
            recommended_questions()
        elif mode == "Browse":
            browse_questions(filters)
        elif mode == "Random":
            random_question(filters)
        elif mode == "Your own":
            own_question()


def question_filters() -> dict:
    c1, c2, c3, c4 = st.columns(4)
    category = c1.selectbox(
        "Category", [ANY, *banks.CATEGORIES], format_func=summary.tag_words, key=kept("practice_f_category")
    )
    role = c2.selectbox(
        "Role", [ANY, *banks.ROLES[1:]], format_func=summary.role_filter_words, key=kept("practice_f_role")
    )
    competency = c3.selectbox(
        "Competency",
        [ANY, *banks.COMPETENCIES],
        format_func=summary.tag_words,
        key=kept("practice_f_competency"),
    )
    difficulty = c4.selectbox("Difficulty", [ANY, *banks.DIFFICULTIES], key=kept("practice_f_difficulty"))
    for key, value in (
        ("practice_f_category", category),
        ("practice_f_role", role),
        ("practice_f_competency", competency),
        ("practice_f_difficulty", difficulty),
    ):
        keep(key, value)
    return {
        k: (None if v == ANY else v)
        for k, v in dict(category=category, role=role, competency=competency, difficulty=difficulty).items()
    }


def recommending(answers: list[dict]) -> dict:
    """What the recommended questions follow: the log (`logged`), the interview prepared for
    (`chosen`), what it asks for (`asks`), the interview whose role steers them (`followed`), that
    `role`, and the `picks` made from `answers` (oldest first) with them."""
    debriefs = store.list_debriefs(db)
    logged = as_written_most(store.list_interviews(db))  # each company named as on its card
    chosen = ss.practice_interview_id or None
    interview = next((i for i in logged if i["id"] == chosen), None)
    # the interview being prepared for (only it), else the soonest one ahead with a job description
    # the stages after an offer accepted are read only when no interview is chosen (the pipeline,
    # read again on every run of the page otherwise)
    joining = joining_stages(db, today) if chosen is None else set()
    asks = interview_asks(logged, today, chosen=chosen, leave_out=joining)
    # the role of the interview whose description steers the picks: the one chosen, else the soonest
    followed = interview or steering(logged, asks)
    role = recommend.role_to_practise(role_setting, (followed or {}).get("role"))
    # the gaps Progress lists: each judged by its own interview's role, as saving its debrief was
    gaps = gaps_to_practise(
        debriefs, questions, today=today, role=role, gap_roles=gap_roles(logged, role_setting)
    )
    named = debrief_named_questions(debriefs, today=today)  # "greatest weakness": that question first
    asked = asked_at_earlier_stages(answers, logged)  # before anything else
    picks = recommend.recommended(
        questions,
        answers,
        gaps,
        interview=asks,
        role=role,
        named=named,
        asked_before=asked,
        # "system design (2×; you wrote …)", as Progress, less the words of the questions named first
        gaps_said=lambda quoted: gaps_said(debriefs, today=today, quoted=quoted),
    )
    return dict(logged=logged, chosen=chosen, followed=followed, role=role, picks=picks)


def next_question() -> None:
    """ "Next question": the next question of the list under "Recommended" (see
    recommend.next_question), read with the answer just saved among the answers (the page read them
    before it was saved)."""
    fresh = store.list_attempts(db, newest_first=False)
    with shared.shown_errors():
        picked = recommend.next_to_answer(cfg, recommending(fresh)["picks"], ss.practice_question_id)
        choose_question(getattr(picked, "id", None))


def recommended_questions() -> None:
    steer = recommending(attempts)
    undescribed = without_description(steer["logged"], steer["chosen"])
    if undescribed is not None:
        # "Preparing for" is drawn with a question, under this chooser
        st.caption(summary.no_description_line(undescribed, by_id.get(ss.practice_question_id) is not None))
    st.caption(summary.picked_for_role(steer["role"], steer["followed"], organisations=role_is_the_hosts))
    picks = steer["picks"]
    shared.named_for_questions("practice_rec_", "practice_asked_")
    for group in picks.groups:  # each under why
        st.caption(escape(group.reason))  # it quotes the company and the job description
        if group.why == recommend.ASKED_BEFORE:
            asked_before(group)
            continue
        for q in group.questions:
            row = st.columns([6, 1], vertical_alignment="center")
            row[0].markdown(f"**{escape(q.text)}**  \n:gray[{escape(summary.describe_question(q))}]")
            row[1].button(
                shared.for_question("Answer", q.text),
                key=f"practice_rec_{q.id}",
                on_click=choose_question,
                args=(q.id,),
            )


def asked_before(group: recommend.Group) -> None:
    """The questions the stages before asked, each saying where; one matching none of your
    questions is practised as asked (kept among your questions as from a real interview)."""
    for n, (asked, why) in enumerate(group.asked):
        row = st.columns([6, 1], vertical_alignment="center")
        said = [why, summary.describe_question(asked.question)] if asked.question else [why]
        row[0].markdown(f"**{escape(asked.text)}**  \n:gray[{escape(' · '.join(said))}]")
        if asked.question is not None:
            row[1].button(
                shared.for_question("Answer", asked.text),
                key=f"practice_rec_{asked.question.id}",
                on_click=choose_question,
                args=(asked.question.id,),
            )
        elif row[1].button(shared.for_question("Answer", asked.text), key=f"practice_asked_{n}"):
            with shared.shown_errors():
                choose_question(recommend.asked_question(cfg, asked).id)
                st.rerun()


NO_MATCH = "No question matches these filters. Loosen a filter, or type the question under “Your own”."


def browse_questions(filters: dict) -> None:
    search = st.text_input(
        "Search", placeholder="e.g. conflict, deadline, stakeholder", key=kept("practice_f_search")
    )
    keep("practice_f_search", search)
    with shared.shown_errors():
        matching = banks.filter_questions(questions, text=search or None, **filters)
        st.caption(count(len(matching), "question"))
        if not matching:  # "0 questions" alone, and nothing under it
            st.info(NO_MATCH)
        else:
            chosen = st.selectbox(
                "Question",
                [q.id for q in matching],
                key="practice_browse_pick",
                format_func=lambda qid: by_id[qid].text,
            )
            shared.chosen_in_full_on_phone(by_id[chosen].text, "practice_browse_pick")
            st.button(
                "Answer this question",
                type="primary",
                on_click=choose_question,
                args=(chosen,),
                key="practice_browse_use",
            )


def random_question(filters: dict) -> None:
    recent = [a["question_id"] for a in attempts[-20:] if a["question_id"]]
    if st.button("Pick a random question", type="primary", icon=":material/casino:", key="practice_random"):
        if not banks.filter_questions(questions, **filters):
            # the bank's sentence names the filters as the terminal's flags: "No question matches
            # category=system-design, competency=mentoring, difficulty=easy; loosen the filters."
            st.error(NO_MATCH)
            return
        with shared.shown_errors():
            choose_question(recommend.pick_random(questions, exclude_ids=recent, **filters).id)
            st.rerun()


def own_question() -> None:
    """The questions you already added (on the Questions page, from a debrief or typed here), then
    a box to type a new one. Each says how often and when it was answered, as the Questions page
    says it beside every question (practice, mock and real interview answers count)."""
    mine = [q for q in questions if q.source != "bank"]
    if mine:
        st.caption("Your questions: added on the Questions page, taken from a debrief, or typed here.")
        answered = answered_by_question(attempts, store.list_turns(db))
    shared.named_for_questions("practice_mine_")
    for q in mine:
        before = answered.get(q.id)
        said = answered_words(before, summary.answered_when(before, today) if before else "")
        row = st.columns([6, 1], vertical_alignment="center")
        row[0].markdown(
            f"**{escape(q.text)}**  \n:gray[{escape(summary.describe_question(q))}]  \n:gray[{escape(said)}]"
        )
        row[1].button(
            shared.for_question("Answer", q.text),
            key=f"practice_mine_{q.id}",
            on_click=choose_question,
            args=(q.id,),
        )
    own = st.text_area(  # no max_chars: a browser drops a longer paste silently; the add refuses it
        "Type the question as an interviewer would ask it",
        key=kept("practice_own_text"),
        help=f"At most {banks.QUESTION_CHARS} characters.",
        placeholder="Tell me about a time you changed someone's mind.",
    )
    keep("practice_own_text", own)
    own_category = st.selectbox(
        "Kind of question",
        (None, *banks.CATEGORIES),
        format_func=summary.kind_words,
        key=kept("practice_own_category"),
        help="How the answer is coached: a behavioural question as a story (situation, action, result).",
    )
    keep("practice_own_category", own_category)
    if st.button("Practise this question", type="primary", key="practice_own_use"):
        with shared.shown_errors():
            choose_question(recommend.own_question(cfg, own, own_category).id)
            st.rerun()


# ---------------------------------------------------------------- the question and the answer
def the_question(question: Question):
    """The question, what a strong answer covers, and the timer. Returns the place of the line on
    how often it was answered, filled by answered_line once this run's take (if any) is saved, and
    the clock's, drawn again by answer_clock once it is analysed."""
    with st.container(border=True):
        st.markdown(f"## {escape(question.text)}", anchors=False)
        st.caption(summary.describe_question(question))
        answered = st.empty()
        with st.expander("What a strong answer covers"):
            st.markdown("\n".join(f"- {escape(p)}" for p in question.talking_points))
            if question.follow_ups:
                st.markdown(
                    "**Follow-ups you may get:** " + " · ".join(escape(f) for f in question.follow_ups)
                )
        clock = st.empty()
        answer_clock(clock, question)
    return answered, clock


def answer_clock(place, question: Question) -> None:
    """The answer clock, in the page, not a frame: it watches the recorder below, starts and stops
    with it; once this take is analysed it stops at the take's Length (timer.timer_html's `took_s`)."""
    shown = ss.practice_result or {}
    analysed = bool(shown.get("analysis")) and shown.get("question_id") == question.id
    place.html(
        timer.timer_html(
            question.target_s,
            take=f"{question.id}-{ss.practice_take}",
            format=question.format,
            took_s=summary.answer_duration(shown["analysis"]) if analysed else None,
        ),
        unsafe_allow_javascript=True,
    )


def answered_line(place, question: Question) -> None:
    """How often the question was answered, read after the take: an answer saved in this run
    counts ("once" under "your 1st answer", not "First time answering this one")."""
    real = question_turns(question.id)  # Progress counts them: "1 practice, 1 real"
    before = answered_before(question_attempts(question.id), question.id, real)
    shown = ss.practice_result or {}  # the result below, when it is this question's saved answer
    below = bool(shown.get("analysis")) and shown.get("attempt_id") is not None
    below = below and shown.get("question_id") == question.id
    place.caption(summary.answered_before_line(before, today, latest_below=below))


NO_DESCRIPTION_TO_SAVE = "The box is empty; paste the job posting's text, then save it."


def preparing_for() -> None:
    """Which interview in the log this answer prepares for, and its job description: the answer is
    then checked for the description's key terms. Shown only when the log has one to prepare for."""
    logged = store.list_interviews(db)
    upcoming = interviews_to_prepare(logged, today)
    if not upcoming:
        return
    by_interview = {i["id"]: i for i in upcoming}
    if ss.practice_interview_id not in by_interview:
        ss.practice_interview_id = NO_INTERVIEW
    chosen = st.selectbox(
        "Preparing for",
        [NO_INTERVIEW, *by_interview],
        format_func=lambda i: summary.prepare_label(by_interview.get(i)),
        key="practice_interview_id",
        help="Pick an interview from your log to check this answer for its job description's key terms.",
    )
    if chosen == NO_INTERVIEW:
        return
    shared.chosen_in_full_on_phone(summary.prepare_label(by_interview[chosen]), "practice_interview_id")
    description = opportunity_description(logged, chosen)  # pasted at an earlier stage serves this one
    with st.expander(
        "The job description" if description else "Paste the job description", expanded=not description
    ):
        text = st.text_area(
            "Job description",
            value=description,
            height=160,
            key=f"practice_job_description_{chosen}",
            placeholder="Paste the job posting's text: what you will do and what they look for.",
        )
        if st.button("Save the job description", key=f"practice_save_description_{chosen}"):
            if not text.strip() and not description:
                # it said "Job description removed." of one never saved
                st.error(NO_DESCRIPTION_TO_SAVE)
                return
            try:
                described = save_job_description(db, chosen, text)
            except CoachError as e:
                st.error(shared.said_to(cfg, e))  # the page's sentence, not the terminal's
            else:
                if described is None:
                    st.caption("Job description removed.")
                    return
                elif described["note"]:
                    # the terms of the description it replaced are not shown under "its key terms
                    # were not picked" (they were, as "Key terms to use where they are true: …")
                    st.warning(described["note"])
                    return
                else:
                    st.rerun()
    if description:
        terms = shared.job_description_terms(description, by_interview[chosen]["company"])
        if terms:
            st.caption("Key terms to use where they are true: " + escape(", ".join(terms)) + ".")


def the_take() -> tuple[tuple[bytes, str] | None, bool, str | None]:
    """This take's audio and name (recorded, uploaded or the sample), whether it is the sample, and
    the answer typed when "Analyse what you typed" was pressed. With both a recording and an upload,
    the one given last is the take."""
    from coach.audio import SUPPORTED_SUFFIXES  # PyAV and numpy load with the recorder, not the first page

    take = ss.practice_take
    # words only: Streamlit names an icon in a tab by its key, so the tabs were read "mic icon Record"
    names = ["Record", "Upload a file", "Type it"]
    if cfg.queue:
        # the tab chosen is kept: a queued answer landing draws the page again, and "Preparing for"
        # may then be drawn above the tabs (a review logged an interview meanwhile), which put the
        # person back on "Record" from "Upload a file"
        tabs = st.tabs(names, key="practice_take_tab", on_change="rerun")
    else:
        tabs = st.tabs(names)
    record_tab, upload_tab, typed_tab = tabs
    typed = typed_box(typed_tab)
    with record_tab:
        recorded = st.audio_input(
            "Record your answer",
            key=f"practice_audio_{take}",
            help="Press the microphone, answer, press stop. The take is analysed as soon as you stop.",
            on_change=lambda: ss.update(practice_latest="recorded"),
        )
    with upload_tab:
        uploaded = st.file_uploader(
            "Upload a recording of your answer",
            key=f"practice_upload_{take}",
            type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
            # the box states its limit and formats under the label ("1GB per file • WAV, FLAC, …"), as
            # on Review: "Any common audio format, up to 1 GB" said them again
            help="The file is analysed as soon as it is uploaded.",
            max_upload_size=cfg.upload_limit_mb,  # the browser refuses a larger file before sending it
            on_change=lambda: ss.update(practice_latest="uploaded"),
        )
        st.button(
            "Use the sample recording",
            icon=":material/play_circle:",
            on_click=use_sample,
            key="practice_sample",
            help=SAMPLE_HELP,
        )
    given = {
        "recorded": None if recorded is None else (recorded.getvalue(), BROWSER_TAKE),
        "uploaded": None if uploaded is None else (uploaded.getvalue(), uploaded.name),
    }
    if typed is not None:
        return None, False, typed
    for kind in (ss.get("practice_latest"), "recorded", "uploaded"):
        if given.get(kind) is not None:
            return given[kind], False, None
    if ss.practice_pending_sample:
        # the sample recording is shown, never kept as the user's attempt
        return (summary.SAMPLE_RECORDING.read_bytes(), summary.SAMPLE_RECORDING.name), True, None
    return None, False, None


def typed_box(tab) -> str | None:
    """A box to type or paste the answer into, as Interview Warmup offers; returns its text when
    "Analyse what you typed" is pressed. The text stays for another try (a new question empties it)."""
    with tab:
        text = st.text_area(  # no max_chars: a browser drops a longer paste silently
            "Type or paste your answer",
            key="practice_typed_text",
            height=200,
            placeholder="Write it as you would say it: the situation, what you did, and how it ended.",
            help="Fillers, hedges, structure and talking points are checked; pace and pauses need a "
            "recording. A typed answer is not saved.",
        )
        pressed = st.button("Analyse what you typed", type="primary", key="practice_typed_analyse")
    return text if pressed else None


def analyse_typed(text: str, question: Question) -> None:
    """Analyse a typed answer as `coach analyze --text` does; nothing is stored. The recorder and
    upload box start afresh, so a take left in them is not analysed again in place of this answer."""
    from coach.practice import typed_answer

    try_again()
    ss.pop("practice_latest", None)
    ss.practice_pending_sample = False
    with st.spinner("Analysing what you typed…"), shared.shown_errors(current=cfg):
        result = typed_answer(
            text, cfg, question=question, interview_id=ss.practice_interview_id or None, store=db
        )
        ss.practice_result = typed_result(result.analysis, question.id)


def typed_result(analysis: dict, question_id: str | None, digest: str | None = None) -> dict:
    """A typed answer's analysis as the page's result: never saved, so no answer to delete."""
    return {
        "digest": digest,
        "attempt_id": None,
        "analysis": analysis,
        "question_id": question_id,
        "recording": None,
        "demonstration": False,
        "typed": True,
    }


def send_typed_to_queue(text: str, question: Question) -> None:
    """Cohort mode: a typed answer goes on the queue as a take does (once for the same words to the
    same question); a worker analyses it, and, as on a personal coach, it is not saved: its result
    waits with its job until this page shows it."""
    from coach import queue  # only in cohort mode: a personal coach never loads the queue

    digest = "typed:" + queue.typed_key(db.owner, text, question.id)
    for seen in (ss.practice_result, ss.practice_job):
        if seen and seen.get("digest") == digest:
            return
    try_again()  # a take left in the recorder is not sent again in place of this answer
    ss.pop("practice_latest", None)
    ss.practice_pending_sample = False
    try:
        job_id = queue.submit_typed_answer(
            db, text, question=question, interview_id=ss.practice_interview_id or None
        )
    except CoachError as e:
        ss.practice_result = {"digest": None, "error": shared.said_to(cfg, e)}
        return
    ss.practice_job = {"job_id": job_id, "digest": digest, "typed": True}
    ss.practice_result = None


def analyse(source: tuple[bytes, str], question: Question, demonstration: bool, kept=None) -> None:
    """Analyse a take not analysed yet (and keep it, unless it is the sample); the outcome goes to
    session state, an error as one sentence with what to do. `kept`: a take already kept whose
    analysis was stopped (`interrupted_take`), analysed where it is."""
    from coach.practice import practice_answer  # with the first take, not the first page

    digest = kept.sha256 if kept is not None else hashlib.sha256(source[0]).hexdigest()
    done = ss.practice_result
    if done and done.get("digest") == digest:
        return
    ss.practice_pending_sample = False
    with st.status("Working on your answer…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        try:
            shared.preload_models(cfg)
            result = practice_answer(
                kept or (summary.SAMPLE_RECORDING if demonstration else source[0]),
                cfg,
                original_name=source[1],
                question=question,
                save=not demonstration,
                progress=lambda message, fraction: bar.progress(min(max(fraction, 0.0), 1.0), text=message),
                interview_id=None if demonstration else ss.practice_interview_id or None,
            )
        except CoachError as e:
            bar.empty()  # a bar stopped at "Reading the audio" reads as still working
            status.update(label="Could not analyse this answer", state="error", expanded=True)
            # a file that is not audio is not kept, nor a take whose models could not load; the
            # messages already say to record again
            kept = shared.recording_kept(e)
            sentence = shared.said_to(cfg, e)
            hint = (
                f" {shared.model_hint(cfg)}"
                if isinstance(e, ModelError) and shared.model_hint(cfg) and "Settings" not in sentence
                else ""
            )
            st.error(f"{sentence}{kept}{hint}")
            ss.practice_result = {"digest": digest, "error": sentence}
        else:
            ss.practice_result = {
                "digest": digest,
                "attempt_id": result.attempt_id,
                "analysis": result.analysis,
                "question_id": question.id,
                "recording": (
                    str(result.recording.path)
                    if result.recording
                    else str(summary.SAMPLE_RECORDING)
                    if demonstration
                    else None
                ),
                "demonstration": demonstration,
            }
            history = question_attempts(question.id) if result.attempt_id is not None else []
            status.update(
                label=summary.outcome_label(
                    result.analysis,
                    summary.attempt_number(history, result.attempt_id),
                    saved=result.attempt_id is not None,
                    answered_in_real=bool(history) and bool(question_turns(question.id)),
                ),
                state="complete" if summary.is_measured(result.analysis) else "error",
                expanded=False,
            )


def find_interrupted_take() -> None:
    """A personal coach analyses a take while the page waits: leaving the page stops it, and the
    take was kept with no word about it. On the way back it is offered, one click from its
    feedback (the cohort's queue goes on without the page: `find_waiting_answer`)."""
    from coach.store.recordings import interrupted_take

    looking = ss.practice_result is None and "practice_resume" not in ss  # not while one is analysed
    take = interrupted_take(db) if looking else None
    usable = take is not None and take.question_id in by_id
    ss.practice_interrupted = take if usable and take.path != ss.get("practice_not_now") else None


def interrupted_offer() -> None:
    take = ss.practice_interrupted
    if take is None:
        return
    with st.container(border=True):
        st.markdown(
            f"Your answer to “{escape(by_id[take.question_id].text)}” was kept but not analysed: "
            "the page was left before its analysis finished."
        )
        row = st.columns([1.3, 1, 4])
        row[0].button("Analyse it now", type="primary", on_click=resume_take, key="practice_resume_take")
        row[1].button(
            "Not now",
            on_click=lambda: ss.update(practice_not_now=take.path),
            key="practice_not_now_btn",
        )


def find_last_answer() -> None:
    """Once a visit (a reload starts one): the answer just given, when nothing else is on the page."""
    if "practice_last_answer" in ss:
        return
    fresh = ss.practice_result is None and ss.practice_interrupted is None
    ss.practice_last_answer = answer_to_reopen(attempts, datetime.now(UTC)) if fresh else None


def last_answer_offer() -> None:
    """The answer just given, one click from its feedback; gone once a question is chosen."""
    last = ss.practice_last_answer
    if last is None:
        return
    if ss.practice_result is not None or by_id.get(ss.practice_question_id) is not None:
        ss.practice_last_answer = None
        return
    title = by_id[last["question_id"]].text if last["question_id"] in by_id else last["question_text"]
    with st.container(border=True):
        st.markdown(
            f"Your last answer, to “{escape(title or 'no question chosen')}”, is saved with its feedback."
        )
        st.button("Show its feedback", type="primary", on_click=show_last_answer, key="practice_show_last")


def show_last_answer() -> None:
    attempt = store.get_attempt(db, ss.practice_last_answer["id"])
    ss.practice_last_answer = None
    ss.practice_question_id = attempt["question_id"] if attempt["question_id"] in by_id else None
    ss.practice_result = queued_result(attempt, digest=None)


def resume_take() -> None:
    ss.practice_resume = ss.practice_interrupted
    ss.practice_question_id = ss.practice_interrupted.question_id
    ss.practice_interrupted = None


# ---------------------------------------------------------------- cohort mode: the queue
def send_to_queue(source: tuple[bytes, str], question: Question) -> None:
    """Cohort mode: keep the take and put it on the queue (once); a worker analyses it."""
    from coach import queue  # only in cohort mode: a personal coach never loads the queue

    digest = hashlib.sha256(source[0]).hexdigest()
    for seen in (ss.practice_result, ss.practice_job):
        if seen and seen.get("digest") == digest:
            return
    try:
        job_id = queue.submit_answer(
            db,
            source[0],
            original_name=source[1],
            question=question,
            interview_id=ss.practice_interview_id or None,
        )
    except CoachError as e:
        ss.practice_result = {"digest": digest, "error": shared.said_to(cfg, e)}
        return
    ss.practice_job = {"job_id": job_id, "digest": digest}
    ss.practice_result = None


def find_waiting_answer() -> None:
    """After a reload, the person's answer still in the queue is found again, with its question:
    nothing is lost. One analysed while they were away (the page said "You can leave this page: the
    result will be here") is offered once a visit, when it is their latest answer and recent."""
    from coach import queue

    if ss.practice_job is not None:
        return
    waiting = queue.pending_jobs(db)
    if waiting:
        state = queue.job_state(db, waiting[0])
        ss.practice_job = {"job_id": waiting[0], "digest": None, "typed": state is not None and state.typed}
        if ss.practice_question_id is None and state is not None and state.question_id in by_id:
            ss.practice_question_id = state.question_id
        return
    if "practice_landed" in ss:  # looked for once a visit
        return
    ss.practice_landed = None
    finished = queue.last_finished_job(db)
    state = queue.job_state(db, finished) if finished is not None else None
    if state is not None and state.state == "failed":
        failed_while_away(state)
    if state is not None and state.state == "done" and state.analysis is not None:
        # a typed answer, not saved: its result waits with its job (an hour at most), the latest one
        ss.practice_landed = {
            "question_id": state.question_id,
            "question_text": state.question_text,
            "typed_analysis": state.analysis,
        }
        ss.practice_landed_job = finished
    elif (
        state is not None and state.state == "done" and attempts and attempts[-1]["id"] == state.attempt["id"]
    ):
        analysed = datetime.fromisoformat(str(state.attempt["created_at"]))
        if datetime.now(UTC) - analysed.replace(tzinfo=analysed.tzinfo or UTC) < LANDED_WITHIN:
            ss.practice_landed = state.attempt
            ss.practice_landed_job = finished


def failed_while_away(state) -> None:
    """The answer that could not be analysed while its person was away (the page had said "the
    result will be here when you come back"): said once, as the page says it to one who waits, with
    its question open to record it again; the recording stays kept (Progress lists it)."""
    question = by_id.get(state.question_id)
    if ss.practice_question_id is None and question is not None:
        ss.practice_question_id = question.id
    title = escape(question.text) if question is not None else None
    said = waiting.failed_while_away(title, state.problem)
    ss.practice_result = {"digest": None, "error": said, "while_away": True}
    seen(state.job_id)


# An answer analysed while its person was away is offered on their return for this long.
LANDED_WITHIN = timedelta(hours=2)


def show_landed(job_id: int) -> None:
    attempt = ss.practice_landed
    ss.practice_landed = None
    ss.practice_question_id = attempt["question_id"] if attempt["question_id"] in by_id else None
    if "typed_analysis" in attempt:
        ss.practice_result = typed_result(attempt["typed_analysis"], attempt["question_id"])
    else:
        ss.practice_result = queued_result(attempt, digest=None)
    seen(job_id)


def seen(job_id: int) -> None:
    """The answer's feedback is on the page: not offered again as analysed while away."""
    from coach import queue

    with shared.shown_errors():  # the database away for a moment: the offer may come once more
        queue.feedback_seen(db, job_id)


def queued_result(attempt: dict, digest: str | None) -> dict:
    """A queued take's stored attempt as the page's result (the same keys `analyse` gives one)."""
    return {
        "digest": digest,
        "attempt_id": attempt["id"],
        "analysis": attempt["analysis"],
        "question_id": attempt["question_id"],
        "recording": str(db.absolute(attempt["recording_path"])) if attempt.get("recording_path") else None,
        "demonstration": False,
    }


def failed_while_away_said() -> None:
    """The answer that could not be analysed while its person was away, said at the top of the page
    with the news of one analysed: under the recorder, where the page tells one who waits, a phone
    showed it only to one who scrolled past the question and the recorder, and it is said once."""
    result = ss.practice_result
    if result and result.get("while_away"):
        st.error(result["error"])


def landed_while_away() -> None:
    """The answer analysed while the person was away, one click from its feedback."""
    attempt = ss.get("practice_landed")
    if not attempt or ss.practice_result is not None:
        return
    title = (
        by_id[attempt["question_id"]].text if attempt["question_id"] in by_id else attempt["question_text"]
    )
    with st.container(border=True):
        answer = "Your typed answer" if "typed_analysis" in attempt else "Your answer"
        st.markdown(f"{answer} to “{escape(title)}” was analysed while you were away.")
        st.button(
            "Show its feedback",
            type="primary",
            on_click=show_landed,
            args=(ss.practice_landed_job,),
            key="practice_show_landed",
        )


@st.fragment(run_every=2)
def waiting_for_answer() -> None:
    """Where the answer stands in the queue, redrawn every two seconds; the whole page is drawn
    again when the result lands."""
    from coach import queue

    job = ss.practice_job
    if job is None:
        return
    try:
        state = queue.job_state(db, job["job_id"])
    except CoachError as e:  # the database away for a moment: the next redraw finds the answer again
        st.error(f"{shared.said_to(cfg, e)} {waiting.kept_while_away(typed=bool(job.get('typed')))}")
        return
    if state is None or state.state in ("done", "failed"):
        ss.practice_job = None
        if state is not None and state.state == "done" and state.analysis is not None:  # typed
            ss.practice_result = typed_result(state.analysis, state.question_id, job["digest"])
            seen(job["job_id"])  # shown: its result goes with its job
        elif state is not None and state.state == "done":
            ss.practice_result = queued_result(state.attempt, job["digest"])
            seen(job["job_id"])
        elif state is not None:
            ss.practice_result = {"digest": job["digest"], "error": state.problem}
            seen(job["job_id"])  # said here: not said again as news on the next visit
        elif job["digest"] and not job.get("typed"):  # its feedback opened on another page first
            with shared.shown_errors():
                attempt = queue.stored_attempt(db, job["digest"])
                if attempt is not None:
                    ss.practice_result = queued_result(attempt, job["digest"])
        elif job.get("typed"):  # its result went with its job once shown on another page: not saved
            # typed here (its digest kept), the words are still in the box: one press sends them again
            # (no digest in this result, or the press would be taken for the job already sent)
            again = waiting.TYPED_SHOWN_ELSEWHERE_AGAIN if job["digest"] else ""
            ss.practice_result = {"digest": None, "elsewhere": waiting.TYPED_SHOWN_ELSEWHERE + again}
        st.rerun()
    waiting.show_where_it_stands(state, waiting.TYPED if state.typed else waiting.ANSWER)


# ---------------------------------------------------------------- the result
def the_result(result: dict) -> None:
    """The analysed answer, this attempt against earlier ones, and what to do next."""
    st.divider()
    shared.show_answer(
        result["analysis"],
        cfg,
        recording=Path(result["recording"]) if result.get("recording") else None,
        sample=bool(result.get("demonstration")),
    )
    if result.get("demonstration"):
        before = by_id.get(ss.get("practice_before_sample"))
        back = f" Try again goes back to your question, “{before.text}”" if before is not None else ""
        st.caption(
            "This was the sample recording, a demonstration: it is not saved as your answer." + escape(back)
        )
    elif result.get("typed"):
        st.caption(TYPED_NOT_SAVED)
    elif result.get("question_id") and summary.is_measured(result["analysis"]):
        against_earlier(result)  # a take that could not be measured gets its one sentence, no comparison
    left, right, _ = st.columns([1, 1, 3])
    left.button(
        "Try again",
        type="primary",
        icon=":material/replay:",
        on_click=try_again_after,
        args=(result,),
        key="practice_try_again",
        help="Same question, a fresh take.",
    )
    right.button(
        "Next question",
        icon=":material/skip_next:",
        on_click=next_question,
        key="practice_next",
        help="The next recommended question; pick another under “Change the question”.",
    )
    if not result.get("demonstration") and not result.get("typed"):  # never saved, as said above
        measured = summary.is_measured(result["analysis"])
        off = summary.off_the_question(result["analysis"])  # measured, not scored: said apart
        st.caption(SAVED if measured else SAVED_NOT_SCORED if off else SAVED_NOT_MEASURED)
    if result.get("attempt_id") is not None:
        delete_this_answer(result["attempt_id"])


SAVED = "Every answer is saved automatically; see them all on the Progress page."
# Progress lists a take that could not be measured apart, under "… that could not be measured"
SAVED_NOT_MEASURED = (
    "Every answer is saved automatically: this one is listed on the Progress page, among the answers "
    "that could not be measured."
)
SAVED_NOT_SCORED = (
    "Every answer is saved automatically: this one is listed on the Progress page, among the answers "
    "not scored."
)
TYPED_NOT_SAVED = "A typed answer is not saved. Record it out loud to have it count on the Progress page."


def delete_this_answer(attempt_id: int) -> None:
    """A take the person does not want kept goes, with its recording (asked first)."""
    if not shared.asked_first(
        "practice_delete",
        "Delete this answer",
        shared.delete_answer_asked(db, attempt_id),
    ):
        return
    with shared.shown_errors():
        _take_gone("practice_deleted", shared.delete_answer(db, attempt_id))


def delete_failed_take(result: dict) -> None:
    """A take kept though it could not be analysed (silent, too short) has no answer to delete:
    its recording is deleted here, where the failure was said, asked first."""
    from coach.unanalysed import delete_not_analysed, failed_take

    take = failed_take(db, result["digest"])
    if take is None:
        return
    if not shared.asked_first(
        "practice_delete_recording",
        "Delete this recording",
        "Delete the recording of this answer? It could not be measured; deleting it cannot be undone.",
    ):
        return
    with shared.shown_errors():
        delete_not_analysed(db, take)
        _take_gone("practice_recording_deleted")


def _take_gone(said: str, sentence: str | bool = True) -> None:
    """After a take was deleted: no result shown, the recorder empty (the deleted take is not
    analysed again), and `said` set (to the `sentence` saying what went) for the next run to say
    it went."""
    ss.practice_result = None
    ss.practice_take += 1
    ss[said] = sentence
    st.rerun()


def against_earlier(result: dict) -> None:
    history = question_attempts(result["question_id"])
    real = question_turns(result["question_id"])
    shared.heading("This answer against your earlier ones", 2)
    if len(history) < 2 and real:
        # answered before, in real interviews: "Your first answer to this question" stood under
        # "You have answered this 4 times (3 in real interviews)", and hid how they went
        st.caption(
            "Your first practice answer to this question, beside your "
            f"{'answer' if len(real) == 1 else 'answers'} to it in real interviews."
        )
        shared.answers_table(
            summary.answer_rows(history, real, today, result["attempt_id"]), "practice_all_answers"
        )
        st.caption(summary.TABLE_UNITS)
        return
    if len(history) < 2:
        st.caption("Your first answer to this question. Try again to see the change.")
        return
    if summary.measured_before(history, result["attempt_id"]) is None:  # those before had no figures
        st.caption("Your first answer to this question that could be measured. Try again to see the change.")
        return
    change = summary.change_sentence(history, result["attempt_id"])
    if change:
        st.markdown(change)
    from coach.ui import charts  # with the first result, not the first page (benchmarks/first_load.py)

    chart = charts.attempts_chart(history, result["attempt_id"])
    if chart is not None:
        # the chart has practice's answers only: beside real ones in the table, "each of your answers"
        # said the chart held those too
        practice = " practice" if real else ""
        shared.chart(
            chart, f"The overall score of each of your{practice} answers to this question, oldest first."
        )
    # read as Progress's table of the question: '5 Dec practice', '5 Dec mock', '4 Dec real'
    shared.answers_table(
        summary.answer_rows(history, real, today, result["attempt_id"]), "practice_all_answers"
    )
    st.caption(summary.TABLE_UNITS)


shared.page_header(
    "Practice",
    "Answer out loud as you would in the room. Everything stays "
    f"{shared.kept_where(cfg)}: the recording, the transcript and the feedback.",
)
if cfg.queue:
    from coach import queue  # only in cohort mode: a personal coach never loads the queue

    try:
        queue.ready(cfg)
    except CoachError as e:
        st.error(shared.said_to(cfg, e))
        st.stop()
    find_waiting_answer()
    landed_while_away()
    failed_while_away_said()
else:
    find_interrupted_take()
    interrupted_offer()
    find_last_answer()
    last_answer_offer()
# read once a run: the first question suggested and the recommendations both pick by it
role_setting, role_is_the_hosts = your_role_and_whose(cfg, db)
if not attempts and ss.practice_result is None and by_id.get(ss.practice_question_id) is None:
    first_run()
question_chooser(by_id.get(ss.practice_question_id))
question = by_id.get(ss.practice_question_id)
if question is not None:
    answered, clock = the_question(question)
    preparing_for()
    source, demonstration, typed = the_take()
    resumed = ss.pop("practice_resume", None)
    if typed is not None and cfg.queue:
        send_typed_to_queue(typed, question)
    elif typed is not None:
        analyse_typed(typed, question)
    elif resumed is not None and resumed.question_id == question.id:  # a take the page had left
        from coach.practice import kept_take

        analyse((b"", BROWSER_TAKE), question, False, kept=kept_take(resumed.path))
    elif source is not None and cfg.queue and not demonstration:
        send_to_queue(source, question)
    elif source is not None:
        analyse(source, question, demonstration)
    answered_line(answered, question)
    answer_clock(clock, question)  # with the take's length, once it is analysed
if cfg.queue:
    if ss.practice_job is not None:
        waiting_for_answer()
    elif ss.practice_result and ss.practice_result.get("error") and not ss.practice_result.get("while_away"):
        st.error(ss.practice_result["error"])
    elif ss.practice_result and ss.practice_result.get("elsewhere"):
        st.info(ss.practice_result["elsewhere"], icon=":material/tab:")
if ss.practice_result and ss.practice_result.get("analysis"):
    the_result(ss.practice_result)
else:
    shared.answer_deleted("practice_deleted")
    if ss.pop("practice_recording_deleted", False):
        st.success("That recording is deleted.", icon=":material/delete:")
if ss.practice_result and ss.practice_result.get("error") and not cfg.queue:
    delete_failed_take(ss.practice_result)
# Models load last, while the user answers, so the page is usable at once; by the time a take ends
# the first answer no longer waits for the model (benchmarks/practice_latency.py). In cohort mode
# the workers hold the models, not the app.
if question is not None and not cfg.queue:
    with shared.shown_errors(shared.model_hint(cfg), cfg, after_for=ModelError):
        shared.preload_models(cfg)
