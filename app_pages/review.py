"""Review a real interview: upload its recording, see the transcript and each answer, debrief."""

import hashlib
from pathlib import Path

import streamlit as st

from coach import store
from coach.analysis.quality import ONE_VOICE
from coach.analysis.wording import count
from coach.audio import SUPPORTED_SUFFIXES, formats_said
from coach.debrief import heard_questions, latest_debrief, refreshed_questions
from coach.errors import CoachError
from coach.interview.draft import MEASURED_FIELDS, refreshed_text
from coach.interview.listen import LOADING_THE_MODEL
from coach.interview.orchestrator import (
    KeptUnanalysed,
    review_again,
    review_recording,
    stored_review,
)
from coach.interview.review import (
    ReviewOptions,
    anything_scored,
    said_too_little,
    shown_as_an_answer,
    who_is_you,
)
from coach.interview.turns import question_title
from coach.interview_log import (
    STAGES,
    interview_choice,
    interview_with_stage,
    recordable,
    stage_listed,
)
from coach.local_time import long_date
from coach.transcribe.models import more_accurate_here
from coach.ui import browser_clock, left_midway, shared, summary, waiting
from coach.ui.highlight import escape, escape_sentence

NEW_INTERVIEW = 0
SPEAKER_CHOICES = {"found by the coach": None, "1 (only me)": 1, "2": 2, "3": 3, "4": 4}
REVIEWED_AGAIN = "Reviewed again as {voices}; listen to them and pick yours."

cfg = shared.settings()
db = shared.store(cfg)
today = browser_clock.today()  # the person's, from their browser (not the server's)
ss = st.session_state
ss.setdefault("review_result", None)
ss.setdefault("review_upload_key", 0)
ss.setdefault("review_job", None)  # cohort mode: the recording waiting in the queue for its review
if ss.pop("review_form_done", False):
    # the recording just reviewed is in the log (shown below): the form starts empty for the next
    # one. It kept the file and the company, and a second press said "Already in your log"
    ss.review_upload_key += 1  # a new, empty upload box
    ss.review_company = ss.review_role = ""
    # and the rest as a new form has them: the company and role were emptied while the stage, the
    # date, how many people speak and which channel held the last interview's
    for kept in ("review_stage", "review_date", "review_speakers", "review_channel"):
        ss.pop(kept, None)


def which_interview() -> int:
    """An interview already in the log (added on the Interviews page before it took place), or
    NEW_INTERVIEW; asked outside the form so the company fields show only for a new one."""
    logged = {i["id"]: i for i in recordable(store.list_interviews(db))}
    if not logged:
        return NEW_INTERVIEW
    return st.selectbox(
        "Which interview is this?",
        [NEW_INTERVIEW, *logged],
        format_func=lambda i: (
            # the day and the stage first: on a phone the rest is cut off (`store.list_interviews`' row)
            "A new one (fill in the company below)"
            if i == NEW_INTERVIEW
            else interview_choice(logged[i], today)
        ),
        key="review_interview",
        help="Pick the interview from your log, so the recording, its answers and the debrief stay "
        "with it instead of a second entry.",
    )


def upload_form(interview_id: int):
    """The recording and what the log needs to know about the interview; None until submitted."""
    with st.form("review_form"):
        uploaded = st.file_uploader(
            "Interview recording",  # the box states its limit under it ("1GB per file")
            type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
            key=f"review_upload_{ss.review_upload_key}",
            max_upload_size=cfg.upload_limit_mb,  # the browser refuses a larger file before sending it
            help="A stereo call recording with you on one side can be split by channel.",
        )
        company, role, stage, when = "", "", None, None
        if interview_id == NEW_INTERVIEW:
            c1, c2 = st.columns(2)
            company = c1.text_input("Company", key="review_company")
            role = c2.text_input("Role", key="review_role")
            c3, c4, c5, c6 = st.columns(4)
            stage = c3.selectbox("Stage", STAGES, index=1, key="review_stage")
            when = c4.date_input("Date", value=today, key="review_date")
        else:
            c5, c6 = st.columns(2)
        speakers = c6.selectbox(
            "How many people speak",  # as Who is who and the one-voice notice say it
            list(SPEAKER_CHOICES),
            key="review_speakers",
            help="Everyone who speaks in the recording, you included. Leave it to the coach unless it "
            "found the wrong number.",
        )
        channel = c5.selectbox(
            "Your voice is on",
            ["both channels (mixed)", "left", "right"],
            key="review_channel",
            help="For a stereo recording with each speaker on their own side.",
        )
        if not st.form_submit_button("Analyse the interview", type="primary"):
            return None
    return dict(
        uploaded=uploaded,
        interview_id=interview_id,
        company=company,
        role=role,
        stage=stage,
        when=when,
        options=ReviewOptions(
            candidate_channel=None if channel.startswith("both") else channel,
            n_speakers=SPEAKER_CHOICES[speakers],
        ),
    )


def analyse(form: dict) -> None:
    """Review the recording into a new interview in the log; the outcome goes to session state.

    A file that is not audio at all logs nothing; a recording that could not be analysed is kept
    with the interview, logged all the same, so its debrief can be written."""
    uploaded = form["uploaded"]
    if form["interview_id"] != NEW_INTERVIEW:
        logged = {"interview_id": form["interview_id"]}
    else:
        logged = {k: form[k] for k in ("company", "role", "stage")} | {"interview_date": form["when"]}
    if cfg.queue:
        send_to_queue(form, logged)
        return
    working(
        lambda on_progress, cancel: review_recording(
            db,
            cfg,
            uploaded.getvalue(),
            form["options"],
            original_name=uploaded.name,
            progress=on_progress,
            cancel=cancel,
            **logged,
        )
    )


def stopped_review_offer() -> None:
    """A review stopped midway (the page left while it ran, the app closed) is offered on the way
    back, its recording kept and what was typed for it noted: reviewing it finishes it from the
    work already done; deleting it, asked first, removes the recording. In a cohort, one waiting in
    the queue is not stopped."""
    from coach.unanalysed import delete_not_analysed, stopped_reviews

    if ss.get("review_resume"):  # being finished below
        return
    stopped = None
    with shared.shown_errors():
        stopped = stopped_reviews(db)  # in a cohort, not one waiting in the queue
    if stopped is None:  # the read failed (the database gone): its sentence, and nothing else below
        st.stop()
    if not stopped:
        return
    recording = stopped[0]  # the newest; the others wait in Progress's "not analysed" list
    with st.container(border=True):
        st.markdown(
            f"Your review of {escape(recording.original_name or 'a recording')} for "
            f"{escape(review_for(recording))} was stopped before it finished; the recording is kept."
        )
        left, right = st.columns([1, 3])
        left.button(
            "Review it now",
            type="primary",
            key="review_resume_stopped",
            on_click=lambda: ss.update(review_resume=recording.path),
        )
        with right:
            asked = "Delete this recording? Its review has not finished; deleting it cannot be undone."
            if shared.asked_first("review_delete_stopped", "Delete it", asked):
                with shared.shown_errors():
                    delete_not_analysed(db, recording)
                    st.rerun()


def review_for(recording) -> str:
    """The interview a stopped review was for: the company typed, or the interview picked."""
    if recording.company:
        return recording.company
    interview_id = (recording.review or {}).get("interview_id")
    try:
        return interview_with_stage(store.get_interview(db, interview_id))
    except CoachError:
        return "an interview no longer in your log"


def resume(path: str) -> None:
    """Finish a stopped review (`stopped_review_offer`) where the page shows any review; in a
    cohort, a worker finishes it (the queue)."""
    from coach.interview.orchestrator import resume_review

    if cfg.queue:
        from coach import queue

        with shared.shown_errors():
            ss.review_job = {"job_id": queue.submit_kept_review(db, db.absolute(path)), "digest": None}
            ss.review_result = None
        return
    working(
        lambda on_progress, cancel: resume_review(
            db, cfg, db.absolute(path), progress=on_progress, cancel=cancel
        )
    )


def working(run) -> None:
    """Run one review, `run(on_progress, cancel)`, under the page's progress bar; the outcome goes
    to session state, and a failure is said in the page. Leaving the page stops it (kept to finish:
    `stopped_review_offer`), at the cancel check's next Streamlit call."""
    failed: CoachError | None = None
    with st.status("Working on the interview…", expanded=True) as status:
        # the page loads the models first (`preload_models`): said in the review's own words
        shown = [0.0, LOADING_THE_MODEL.capitalize()]
        bar = st.progress(*shown)

        def on_progress(p) -> None:  # where the bar stands is the review's to say (p.fraction)
            shown[:] = [p.fraction, p.line().capitalize()]
            bar.progress(*shown)

        try:
            shared.preload_models(cfg)
            with left_midway.running():
                reviewed = run(on_progress, left_midway.yielding(lambda: bar.progress(*shown)))
        except CoachError as e:
            label = summary.review_failed_label(e)
            status.update(label=label, state="error", expanded=False)
            failed = e
        else:
            bar.progress(1.0, text="Done")
            label = (
                "Interview analysed and saved"
                if anything_scored(reviewed.result)
                else "Interview saved; nothing could be scored (why below)"
            )
            status.update(label=label, state="complete", expanded=False)
            # an interview already in the log keeps its one debrief, brought up to date: so does
            # the form the page may hold for it
            _refresh_debrief_form(reviewed.result["saved"]["interview_id"], reviewed.result["debrief_draft"])
            ss.review_result = shown_result(reviewed.result)
            saved = {"label": label, "state": "complete"}
    if failed is None:
        form_done(saved)
    # the reason is shown in the page, not inside the collapsed progress box
    if isinstance(failed, KeptUnanalysed):  # it could be audio: kept with its interview, logged
        said = (
            f"{shared.said_to(cfg, failed)} The recording is kept with the interview in your log; "
            "you can still write its debrief below."
        )
        ss.review_result = {"interview_id": failed.saved["interview_id"], "answers": [], "recording": None}
        # logged: the same file again would be "Already in your log"
        form_done({"label": "Could not analyse this recording", "state": "error", "error": said})
    else:  # not audio at all, or nothing could be kept
        st.error(shared.said_nothing_saved(cfg, failed))
        ss.review_result = None


def form_done(outcome: dict) -> None:
    """The recording is in the log: the page runs again at once with the form empty (a new upload
    box, no company or role), saying the outcome again (`said_outcome`). Emptied only at the next
    run, the form showed the file until then, and a recording dropped on it was dropped by that run
    ("Choose the recording first"); pressing Analyse again said "Already in your log"."""
    ss.review_form_done = True
    ss.review_outcome = outcome
    st.rerun()


def said_outcome() -> None:
    """The outcome of the review just saved, where it was said before the page ran again."""
    outcome = ss.pop("review_outcome", None)
    if outcome is None:
        return
    st.status(outcome["label"], state=outcome["state"], expanded=False)
    if outcome.get("error"):
        st.error(outcome["error"])


def for_the_page(text: str, more_accurate: bool) -> str:
    """A review's warning or note as this person's page shows it: a student of a cohort is not sent
    to Settings for the speech model, which only the staff choose; nobody is sent there for a more
    accurate model Settings cannot offer yet (`more_accurate`: more_accurate_here)."""
    return summary.for_the_page(
        text, may_change_settings=not cfg.on_server or shared.staff(cfg), more_accurate_here=more_accurate
    )


def shown_result(result: dict) -> dict:
    """What the page keeps between reruns to show the review (`result`: a review's, or one stored,
    coach.interview.orchestrator.stored_review)."""
    more_accurate = more_accurate_here(cfg)
    return {
        "interview_id": result["saved"]["interview_id"],
        "interview_recording_id": result["saved"]["interview_recording_id"],
        "answers": [
            {
                "question_text": a["question"] or "",
                "bank_question": a.get("bank_question"),
                "analysis": a["analysis"],
                "offset_s": a.get("offset_s") or 0.0,
            }
            for a in result["answers"]
            if shown_as_an_answer(a, result["warnings"])
        ],
        "recording": result["saved"]["recording"],
        "turns": result["turns"],
        "speakers": result["speakers"],
        "metrics": result.get("metrics"),  # how the conversation went (none kept by an older review)
        "method": result["identification"]["method"],
        "warnings": [shown for w in result["warnings"] if (shown := for_the_page(w, more_accurate))],
        "identification": for_the_page(
            who_is_you(result["identification"], result["speakers"]), more_accurate
        ),
    }


def _role(label: str) -> str:
    """Who a voice was taken to be, as a person says it: "you", "the interviewer", "interviewer 2"."""
    return {"candidate": "you", "interviewer": "the interviewer"}.get(label, label)


def _voices(result: dict) -> list[dict]:
    """The voices the coach told apart, in order, when the user can say who is who (none when the
    recording was split by stereo channel: the sides say who is who; none when it holds too little
    speech to tell voices apart, which its first warning says)."""
    if not result.get("interview_recording_id") or said_too_little(result.get("warnings") or ()):
        return []
    return sorted(
        (s for s in result.get("speakers") or [] if s["source"].startswith("speaker ")),
        key=lambda s: int(s["source"].split()[1]),
    )


def who_is_who(result: dict) -> None:
    """Each voice the coach heard, with a few seconds to play, and the two things the user can tell
    it: how many people speak and which voice is theirs. Reviewing again reuses the transcription of
    the whole call. Drawn inside the debrief's form (`debrief`); the press is `review_again_if_asked`."""
    voices = _voices(result)
    if not voices:
        return
    st.markdown("### Who is who", anchors=False)
    st.caption(
        "Listen to each voice the coach heard. If it took the wrong one for you, or heard the wrong "
        "number of people, say so below: the interview is reviewed again without transcribing the "
        "whole call again, and the debrief's measured lines follow (what you wrote in it stays)."
    )
    recording = result.get("recording")
    playable = bool(recording) and Path(recording).exists()
    for voice in voices:
        number = voice["source"].split()[1]
        snippet = voice.get("snippet")
        left, right = st.columns([2, 3])
        left.markdown(f"**Speaker {number}** · taken to be {escape(_role(voice['label']))}")
        if snippet and playable:
            left.audio(
                recording,
                start_time=int(snippet["start_s"]),
                end_time=int(snippet["end_s"]) + 1,
            )
        if snippet:
            right.caption(f"“{escape(snippet['text'])}” ({summary.clock(snippet['start_s'])})")
    mine = next((i for i, v in enumerate(voices) if v["label"] == "candidate"), 0)
    names = [f"Speaker {v['source'].split()[1]}" for v in voices]
    follows = ss.pop("review_mine_follows", False)
    if follows:
        # reviewed again as 3 voices, the radio kept the first review's "Speaker 1" beside "Speaker 3 ·
        # taken to be you", and a second press made speaker 1 you. Set in the run that draws it: a
        # browser shows a value the page sets only then, and keeps its own pick otherwise
        ss.review_mine = names[mine]
    c1, c2 = st.columns(2)
    if len(voices) > 1:  # one voice heard: a choice of one, "Speaker 1", that changed nothing
        c1.radio(
            "Which voice is yours?",
            names,
            index=0 if follows else mine,  # a default beside a value set is a warning on the page
            horizontal=True,
            key="review_mine",
        )
    # one voice found where an interview has two: the notice asks to say 2, so the box offers it
    people = 2 if ONE_VOICE in (result.get("warnings") or ()) else len(voices)
    (c2 if len(voices) > 1 else c1).selectbox(  # alone, it stands where the pick would
        "How many people speak",
        list(SPEAKER_CHOICES)[1:],
        index=min(people, len(SPEAKER_CHOICES) - 1) - 1,
        key="review_people",
    )
    st.form_submit_button("Review again with these", key="review_again")


def review_again_if_asked(result: dict) -> None:
    """A press of "Review again with these", handled before the debrief's form is drawn: what the
    press sent of the form (the debrief as typed, saved or not) is what it holds here, and drawing
    the form first would start it again from the stored debrief if a save had changed it."""
    voices = _voices(result)
    if not voices or not ss.get("review_again"):
        return
    picked = ss.get("review_mine") if len(voices) > 1 else None  # none asked of one voice
    n = SPEAKER_CHOICES[ss["review_people"]]
    if n == len(voices) and picked:
        options = ReviewOptions(n_speakers=n, candidate_speaker=int(picked.split()[1]))
    else:  # other groups of voices: their snippets are new, so the pick waits for them
        options = ReviewOptions(n_speakers=n)
    heard_before = heard_questions(store.get_interview(db, result["interview_id"]), cfg)
    reviewed = reviewing_again(
        "Reviewing again with what you said (only your answers are heard again)…",
        result["interview_recording_id"],
        options,
    )
    if reviewed is None:
        return
    _refresh_debrief_form(result["interview_id"], reviewed.result["debrief_draft"], heard_before)
    ss.review_result = shown_result(reviewed.result)
    ss.review_mine_follows = True  # "Which voice is yours?" picks the voice the new review took to be you
    if n != len(voices) and n > 1:
        ss.review_result["warnings"].insert(0, REVIEWED_AGAIN.format(voices=count(n, "voice")))
    st.rerun()


def reviewing_again(label: str, recording_id: int, options: ReviewOptions):
    """A saved review done again under a progress bar that says each step, as the first review's
    does ("Hearing your answers again as practice takes: answer 3 of 15"): under a bare spinner, a
    4:27 interview of 15 answers said nothing for 23 s, an hour's for minutes. None when it failed,
    said in the page."""
    failed: CoachError | None = None
    with st.status(label, expanded=True) as status:
        bar = st.progress(0.0)

        def on_progress(p) -> None:
            bar.progress(p.fraction, text=p.line().capitalize())

        try:
            reviewed = review_again(db, cfg, recording_id, options, progress=on_progress)
        except CoachError as e:
            status.update(label="Could not review it again", state="error", expanded=False)
            failed = e
        else:
            status.update(label="Reviewed again", state="complete", expanded=False)
    if failed is not None:  # in the page, not inside the collapsed box
        st.error(shared.said_to(cfg, failed))  # the page's sentence, not the terminal's
        return None
    return reviewed


def _refresh_debrief_form(interview_id: int, draft: dict, heard_before: list[str] | None = None) -> None:
    """The debrief form as the page keeps it, with the new review's measured lines in place of the
    old review's: the lines the user wrote in it stay, saved or not (the rule the stored debrief
    follows), and so does every other field. With `heard_before` (the same recording reviewed
    again), the questions the old review heard give way to the new review's, so none of them
    reaches the bank when the form is saved. Words typed in the form and not saved yet are among
    the lines it holds: "Review again with these" is a button of the same form, which sends them.
    Only the fields whose text changes are given it, as new fields (shared.field_key)."""
    form = f"review_debrief_{interview_id}"
    held = {field: ss.get(shared.field_key(form, field)) for field in (*MEASURED_FIELDS, "questions_asked")}
    values = {}
    for field in MEASURED_FIELDS:
        if held[field] is not None:
            values[field] = refreshed_text(held[field], draft[field])
    if heard_before is not None and held["questions_asked"] is not None:
        heard_now = heard_questions(store.get_interview(db, interview_id), cfg)
        values["questions_asked"] = refreshed_questions(held["questions_asked"], heard_before, heard_now)
    shared.refresh_form(form, {field: v for field, v in values.items() if v != held[field]})


def conversation(result: dict) -> None:
    turns = result.get("turns") or []
    if not turns:
        return
    st.markdown("### The conversation", anchors=False)
    if result.get("identification"):
        said = result["identification"]
        st.caption(f"{said[:1].upper()}{said[1:]}.")
    for turn in turns:
        who = "You" if turn["speaker"] == "candidate" else turn["speaker"].capitalize()
        st.markdown(f"**{escape(who)}** :gray[{summary.clock(turn['start_s'])}]  \n{escape(turn['text'])}")


def answers(result: dict) -> None:
    shown = result.get("answers") or []
    if shown:
        st.markdown("### Your answers, each analysed like a practice answer", anchors=False)
    for number, answer in enumerate(shown, start=1):
        # the question as the bank words it when it matched one (the transcript's wording can be
        # garbled: "tell me an outer time new leather project"), else as asked, lead-ins left out
        heard = answer.get("question_text") or ""
        question = question_title(heard, answer.get("bank_question"))
        with st.expander(f"Answer {number}: {escape(question)}", expanded=len(shown) == 1):
            if answer.get("bank_question") and heard:
                st.caption(f"Matched to this question of the bank; heard as “{escape(heard)}”")
            # its talking points at the recording's times, as the conversation above gives them
            shared.show_answer(
                answer["analysis"],
                cfg,
                key=f"review_answer_{number}",
                level=4,
                offset_s=answer.get("offset_s") or 0.0,
            )


def debrief(result: dict, interview: dict) -> None:
    """The debrief's form, which also holds the parts of the review above the debrief: "Review
    again with these" is its second button, so that a press of it sends what was typed in the
    debrief and not saved yet (a browser sends a form's fields only with its own buttons)."""

    def above_the_debrief() -> None:
        who_is_who(result)
        # the figures first, as the terminal's summary gives them; the whole conversation as said,
        # which runs long, and each answer below
        shared.how_the_conversation_went(result.get("metrics"), 3)
        conversation(result)
        answers(result)
        shared.heading("Debrief", 3)

    saved = shared.debrief_form(
        db,
        cfg,
        result["interview_id"],
        key=f"review_debrief_{result['interview_id']}",
        debrief=latest_debrief(interview["debriefs"]),
        heard=heard_questions(interview, cfg),
        before=above_the_debrief,
        titled=False,  # under the page's "Debrief"
    )
    if saved:  # shown after a run that starts the form from what was saved, before any more typing
        ss.review_debrief_saved = saved
        st.rerun()
    if message := ss.pop("review_debrief_saved", None):
        st.success(message)
    st.page_link(
        "app_pages/interviews.py", label="See it in your interview log", icon=":material/event_note:"
    )


def again_from_the_log() -> None:
    """A review the Interviews page sent back, whose review found one voice: done again as two
    voices with its kept transcription, and shown here with Who is who (how many people speak,
    which voice is yours)."""
    recording_id = ss.pop("review_again_recording", None)
    if recording_id is None:
        return
    reviewed = reviewing_again(
        "Reviewing again as two voices (the call is not transcribed again)…",
        recording_id,
        ReviewOptions(n_speakers=2),
    )
    if reviewed is None:
        return
    ss.review_result = shown_result(reviewed.result)
    ss.review_result["warnings"].insert(0, REVIEWED_AGAIN.format(voices=count(2, "voice")))
    ss.review_mine_follows = True  # "Which voice is yours?" starts on the voice taken to be you


def opened_from_the_log() -> None:
    """A review the Interviews page asked to see again ("Open its review"): shown as it was kept,
    with its conversation, who is who and its debrief, nothing reviewed again. A review deleted
    meanwhile (on another tab) says so."""
    recording_id = ss.pop("review_show_recording", None)
    if recording_id is None:
        return
    try:
        ss.review_result = shown_result(stored_review(db, cfg, recording_id))
    except CoachError as e:
        st.error(shared.said_to(cfg, e))


def last_review_offer() -> None:
    """Opened again with nothing on it, the page offers the review done last (it showed only its
    upload box, as if nothing had been reviewed); earlier ones open from their stages' cards."""
    if ss.review_result or ss.get("review_job") or ss.get("review_landed"):  # a cohort's offer instead
        return
    last = interview = None
    with shared.shown_errors():  # the database away for a moment: said, and nothing offered
        last = store.last_review(db)
        interview = last and store.get_interview(db, last["interview_id"])
    if not interview:
        return
    with st.container(border=True):
        st.markdown(
            f"Your last review: {interview_named(interview)}. Earlier ones open from their stage on the "
            "Interviews page."
        )
        st.button(
            "Show it",
            icon=":material/open_in_new:",
            on_click=lambda: ss.update(review_show_recording=last["id"]),
            key="review_show_last",
        )


# ---------------------------------------------------------------- cohort mode: the queue
def send_to_queue(form: dict, logged: dict) -> None:
    """Cohort mode: keep the recording with what was asked, and put its review on the queue (once);
    a worker reviews it. What cannot be kept (an interview already in the log) is said at once."""
    from coach import queue  # only in cohort mode: a personal coach never loads the queue

    uploaded = form["uploaded"]
    try:
        job_id = queue.submit_review(
            db, uploaded.getvalue(), form["options"], original_name=uploaded.name, **logged
        )
    except CoachError as e:
        st.error(shared.said_nothing_saved(cfg, e))
        return
    ss.review_job = {"job_id": job_id, "digest": hashlib.sha256(uploaded.getvalue()).hexdigest()}
    ss.review_result = None
    ss.review_form_done = True  # the form starts empty, as after a review done here (`form_done`)
    st.rerun()


def find_waiting_review() -> None:
    """After a reload, the person's interview still in the queue is found again; one the queue
    finished while they were away is offered once a visit (the queue forgets a finished job within
    about an hour, and as soon as its review has been shown)."""
    from coach import queue

    if ss.review_job is not None:
        return
    with shared.shown_errors():
        waiting_now = queue.pending_jobs(db, queue.REVIEW_TASK)
        if waiting_now:
            ss.review_job = {"job_id": waiting_now[0], "digest": None}
            return
        if "review_landed" in ss:  # looked for once a visit
            return
        ss.review_landed = None
        finished = queue.last_finished_job(db, queue.REVIEW_TASK)
        state = queue.review_state(db, finished) if finished is not None else None
        if state is not None and state.state in ("done", "failed"):
            ss.review_landed = state


def landed_while_away() -> None:
    """The interview reviewed while the person was away, one click from its review; one that could
    not be reviewed says why, once."""
    state = ss.get("review_landed")
    if not state or ss.review_result is not None:
        return
    if state.state == "failed":
        ss.review_landed = None
        st.error(f"While you were away: {escape_sentence(state.problem)} {after_failure(state)}".strip())
        seen(state.job_id)
        ss.review_result = kept_unreviewed(state)
        return
    try:
        interview = store.get_interview(db, state.review["interview_id"])
    except CoachError:  # deleted meanwhile (on another page): nothing to offer
        ss.review_landed = None
        return
    with st.container(border=True):
        st.markdown(
            f"Your interview with {escape(interview_with_stage(interview))} was reviewed while you were away."
        )
        st.button("Show its review", type="primary", on_click=show_landed, key="review_show_landed")


def show_landed() -> None:
    state, ss.review_landed = ss.review_landed, None
    ss.review_result = shown_result(stored_review(db, cfg, state.review["interview_recording_id"]))
    seen(state.job_id)


def seen(job_id: int) -> None:
    """The review is on the page: not offered again as done while away."""
    from coach import queue

    with shared.shown_errors():  # the database away for a moment: the offer may come once more
        queue.feedback_seen(db, job_id, queue.REVIEW_TASK)


def kept_unreviewed(state) -> dict | None:
    """The page's result for a review that failed with its recording kept with its interview (the
    debrief can be written), as `working` keeps one; None when nothing was kept."""
    if not state.review.get("interview_id"):
        return None
    return {"interview_id": state.review["interview_id"], "answers": [], "recording": None}


def after_failure(state) -> str:
    """What became of the recording of a review that failed in the queue, as `working` says it
    (nothing more when the problem's sentence says it is kept)."""
    if state.review.get("interview_id"):
        return "The recording is kept with the interview in your log; you can still write its debrief below."
    return "" if state.review.get("recording_kept") else "Nothing was saved."


@st.fragment(run_every=2)
def waiting_for_review() -> None:
    """Where the interview stands in the queue, redrawn every two seconds; the whole page is drawn
    again when its review lands."""
    from coach import queue

    job = ss.review_job
    if job is None:
        return
    try:
        state = queue.review_state(db, job["job_id"])
    except CoachError as e:  # the database away for a moment: the next redraw finds it again
        st.error(f"{shared.said_to(cfg, e)} {waiting.kept_while_away('interview')}")
        return
    if state is None or state.state in ("done", "failed"):
        ss.review_job = None
        if state is not None and state.state == "done":
            ss.review_result = shown_result(stored_review(db, cfg, state.review["interview_recording_id"]))
            ss.review_outcome = {"label": "Interview analysed and saved", "state": "complete"}
            seen(job["job_id"])
        elif state is not None:
            said = f"{escape_sentence(state.problem)} {after_failure(state)}".strip()
            ss.review_outcome = {"label": "Could not analyse this recording", "state": "error", "error": said}
            ss.review_result = kept_unreviewed(state)
            seen(job["job_id"])
        elif job["digest"]:  # its review opened on another page first, which forgot the job
            with shared.shown_errors():
                stored = queue.stored_interview(db, job["digest"])
                if stored is not None:
                    ss.review_result = shown_result(stored_review(db, cfg, stored["interview_recording_id"]))
        st.rerun()
    if "named" not in job:  # the form above is emptied once it is sent: the card says which interview
        with shared.shown_errors():
            job["named"] = escape(queue.interview_waiting(db, job["job_id"], waiting.NAME_SHOWN_CHARS))
    waiting.show_where_it_stands(state, waiting.INTERVIEW, job.get("named", ""))


def interview_named(interview: dict) -> str:
    """'Northwind · final round · Wed 25 Nov 2026', escaped: the reviewed interview's heading, and the
    last review offered. A stage not set is left out ("Northwind · · Wed 25 Nov"), as on its card."""
    day = long_date(interview["interview_date"])
    return " · ".join(
        escape(part) for part in (interview["company"], stage_listed(interview["stage"]), day) if part
    )


def reviewed_interview(result: dict) -> None:
    """The interview just reviewed: its recording, warnings, who is who, conversation, answers and
    debrief (the last four in one form: `debrief`)."""
    interview = store.get_interview(db, result["interview_id"])
    st.divider()
    shared.heading(interview_named(interview), 2)
    if result.get("recording") and Path(result["recording"]).exists():
        shared.play(result["recording"], cfg)
    for warning in result.get("warnings") or []:
        st.warning(warning)
    review_again_if_asked(result)
    debrief(result, interview)


shared.page_header(
    "Review a real interview",
    "Upload the recording of an interview you took part in. "
    f"It is transcribed and analysed {shared.kept_where(cfg)} and never "
    "leaves it.",
)
st.caption("Record only where everyone has agreed to it; many places require consent from all parties.")
left_midway.after_a_stopped_run()  # this page left (or rerun) while it reviewed: that run ends first
if cfg.queue:
    from coach import queue  # only in cohort mode: a personal coach never loads the queue

    try:
        queue.ready(cfg)
    except CoachError as e:
        st.error(shared.said_to(cfg, e))
        st.stop()
    find_waiting_review()
    landed_while_away()
stopped_review_offer()
form = upload_form(which_interview())
if form is None and ss.get("review_resume"):
    resume(ss.pop("review_resume"))
if form is not None:
    if form["uploaded"] is None:
        st.error(  # a file of another kind is refused by the box itself, shown in red, and not sent
            f"Choose the recording first (drag an audio file onto the box above: {formats_said()}), "
            "then press Analyse."
        )
    elif form["interview_id"] == NEW_INTERVIEW and not form["company"].strip():
        st.error("Add the company's name so the interview can go in your log.")
    else:
        analyse(form)
if cfg.queue and ss.review_job is not None:
    waiting_for_review()
said_outcome()
again_from_the_log()
opened_from_the_log()
last_review_offer()
if ss.review_result and ss.review_result.get("interview_id"):
    reviewed_interview(ss.review_result)
