"""Review a real interview: upload its recording, see the transcript and each answer, debrief."""

from datetime import date
from pathlib import Path

import streamlit as st

from coach import store
from coach.audio import SUPPORTED_SUFFIXES
from coach.errors import CoachError
from coach.ui import shared, summary
from coach.ui.debrief import heard_questions, latest_debrief
from coach.ui.highlight import escape
from coach.ui.review_flow import review_recording

SPEAKER_CHOICES = {"found by the coach": None, "1 (only me)": 1, "2": 2, "3": 3, "4": 4}
STAGES = ["recruiter screen", "first round", "technical", "onsite / loop", "final", "other"]

cfg = shared.settings()
db = shared.store(cfg)
ss = st.session_state
ss.setdefault("review_result", None)
ss.setdefault("review_upload_key", 0)

shared.page_header(
    "Review a real interview",
    "Upload the recording of an interview you took part in. "
    "It is transcribed and analysed on this machine and never "
    "leaves it.",
)
st.caption("Record only where everyone has agreed to it; many places require consent from all parties.")

with st.form("review_form"):
    uploaded = st.file_uploader(
        f"Interview recording (up to {cfg.max_upload_mb} MB)",
        type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
        key=f"review_upload_{ss.review_upload_key}",
        help="wav, flac, mp3, m4a, ogg, webm and other common formats. A stereo call recording with you on "
        "one side can be split by channel.",
    )
    c1, c2 = st.columns(2)
    company = c1.text_input("Company", key="review_company")
    role = c2.text_input("Role", key="review_role")
    c3, c4, c5, c6 = st.columns(4)
    stage = c3.selectbox("Stage", STAGES, index=1, key="review_stage")
    when = c4.date_input("Date", value=date.today(), key="review_date")
    speakers = c6.selectbox(
        "Number of speakers",
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
    submitted = st.form_submit_button("Analyse the interview", type="primary")

if submitted:
    if uploaded is None:
        st.error("Choose the recording first (drag it onto the box above), then press Analyse.")
    elif not company.strip():
        st.error("Add the company's name so the interview can go in your log.")
    else:
        interview_id = None
        with st.status("Working on the interview…", expanded=True) as status:
            bar = st.progress(0.0, text="Starting")
            try:
                interview_id = store.add_interview(
                    db, company=company, role=role, stage=stage, interview_date=when
                )
                shared.preload_models(cfg)
                result = review_recording(
                    db,
                    cfg,
                    uploaded.getvalue(),
                    uploaded.name,
                    interview_id,
                    progress=lambda m, f: bar.progress(min(max(f, 0.0), 1.0), text=m),
                    channel=None if channel.startswith("both") else channel,
                    n_speakers=SPEAKER_CHOICES[speakers],
                )
            except CoachError as e:
                status.update(label="Could not analyse this recording", state="error")
                kept = f" The recording is kept in {cfg.recordings_dir}." if interview_id else ""
                st.error(f"{e}{kept} The interview is in your log; you can still write its debrief below.")
                ss.review_result = {"interview_id": interview_id, "answers": [], "recording": None}
            else:
                status.update(label="Interview analysed and saved", state="complete", expanded=False)
                ss.review_result = {
                    "interview_id": interview_id,
                    "answers": result.answers,
                    "recording": str(result.recording.path),
                    "turns": result.turns,
                    "warnings": result.warnings,
                    "identification": result.identification,
                }

result = ss.review_result
if result and result.get("interview_id"):
    interview = store.get_interview(db, result["interview_id"])
    st.divider()
    st.subheader(
        f"{escape(interview['company'])} · {escape(interview['stage'])} · {interview['interview_date']}"
    )
    if result.get("recording") and Path(result["recording"]).exists():
        st.audio(result["recording"])
    for warning in result.get("warnings") or []:
        st.warning(warning)
    turns = result.get("turns") or []
    if turns:
        st.markdown("#### The conversation")
        if result.get("identification"):
            st.caption(f"Speakers told apart by: {result['identification']}.")
        for turn in turns:
            who = "You" if turn["speaker"] == "candidate" else turn["speaker"].capitalize()
            st.markdown(
                f"**{escape(who)}** :gray[{summary.clock(turn['start_s'])}]  \n{escape(turn['text'])}"
            )
    answers = result.get("answers") or []
    if answers:
        st.markdown("#### Your answers, each analysed like a practice answer")
    for number, answer in enumerate(answers, start=1):
        question = answer.get("question_text") or "The whole recording"
        matched = f" (bank: {answer['bank_question']})" if answer.get("bank_question") else ""
        with st.expander(f"Answer {number}: {escape(question)}{escape(matched)}", expanded=len(answers) == 1):
            shared.show_answer(answer["analysis"], cfg, key=f"review_answer_{number}")
    st.subheader("Debrief")
    saved = shared.debrief_form(
        db,
        cfg,
        result["interview_id"],
        key=f"review_debrief_{result['interview_id']}",
        debrief=latest_debrief(interview["debriefs"]),
        heard=heard_questions(interview),
    )
    if saved:
        st.success(saved)
    st.page_link(
        "app_pages/interviews.py", label="See it in your interview log", icon=":material/event_note:"
    )
