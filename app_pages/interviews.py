"""Interviews: the log and pipeline of real interviews, people met, debriefs, options, cadence."""

from datetime import date

import streamlit as st

from coach import banks, playbook, store
from coach.ui import shared
from coach.ui.debrief import in_bank, questions_in_notes
from coach.ui.highlight import escape

STAGES = ["recruiter screen", "first round", "technical", "onsite / loop", "final", "offer", "other"]
FORMATS = ["video", "phone", "in person", "take-home", ""]
ORIGINS = {
    "": "—",
    "they_reached_out": "they reached out",
    "i_applied": "I applied",
    "referral": "referral",
    "other": "other",
}
OPTION_KINDS = {
    "offer": "offer",
    "alternative": "alternative",
    "batna": "BATNA (what you do if nothing else)",
}

cfg = shared.settings()
db = shared.store(cfg)
book = playbook.load_playbook_for(cfg)

shared.page_header(
    "Interviews",
    "Your real interviews: who you met, what they asked, how interested you "
    "are at each stage, and the debrief that turns each one into practice.",
)

interviews = store.list_interviews(db)
today = date.today()

# ---------------------------------------------------------------- cadence
status = playbook.cadence_status(
    book.cadence, [date.fromisoformat(i["interview_date"]) for i in interviews], today
)
c1, c2, c3 = st.columns(3)
c1.metric(
    "Cadence goal", f"{book.cadence.interviews} every {book.cadence.period_label}", help=book.cadence.intro
)
c2.metric(f"In the last {book.cadence.period_days} days", status.interviews_in_period)
c3.metric(
    "Next real interview due",
    "today" if status.next_due <= today else status.next_due.isoformat(),
    "on track" if status.on_track else "due now",
    delta_color="normal" if status.on_track else "inverse",
)
with st.popover("Change the cadence goal"):
    with st.form("interviews_cadence"):
        n = st.number_input("Real interviews", 1, 20, book.cadence.interviews)
        days = st.number_input("every … days", 7, 3660, book.cadence.period_days)
        if st.form_submit_button("Save goal"):
            with shared.shown_errors():
                playbook.set_cadence(cfg, playbook.load_playbook().cadence, int(n), int(days))
                st.rerun()

log_tab, add_tab, prepare_tab, options_tab = st.tabs(
    ["Interview log", "Add an interview", "Prepare", "Offers and options"]
)

# ---------------------------------------------------------------- log
with log_tab:
    if not interviews:
        st.info(
            "No interviews logged yet. Add one under “Add an interview”, or upload a recording on "
            "“Review a real interview”."
        )
    for position, item in enumerate(interviews):
        full = store.get_interview(db, item["id"])
        interests = [d["interest"] for d in full["debriefs"] if d["interest"]]
        label = (
            f"{item['interview_date']} · {item['company']} · {item['role'] or 'role not set'} · "
            f"{item['stage'] or 'stage not set'}" + (f" · interest {interests[-1]}/5" if interests else "")
        )
        with st.expander(label, expanded=position == 0):
            meta = [
                f"**Format:** {escape(item['format'] or '—')}",
                f"**How it started:** {escape(ORIGINS.get(item['origin'], item['origin']))}",
                f"**Answers analysed:** {item['answers']}",
            ]
            st.markdown(" · ".join(meta))
            if item["notes"]:
                st.markdown(f":gray[{escape(item['notes'])}]")
            if full["people"]:
                st.markdown(
                    "**People met**  \n"
                    + "  \n".join(
                        f"{escape(p['name'])}"
                        + (f" — {escape(p['title'])}" if p["title"] else "")
                        + (f" :gray[({escape(p['notes'])})]" if p["notes"] else "")
                        for p in full["people"]
                    )
                )
            asked = [
                t["question_text"] for rec in full["recordings"] for t in rec["turns"] if t["question_text"]
            ]
            asked += [q for d in full["debriefs"] for q in questions_in_notes(d["notes"])]
            if asked:
                st.markdown("**Questions they asked**")
                for i, text in enumerate(dict.fromkeys(asked)):
                    row = st.columns([6, 1.6], vertical_alignment="center")
                    row[0].markdown(escape(text))
                    if in_bank(cfg, text):
                        row[1].caption("in your bank")
                    elif row[1].button("Add to my questions", key=f"interviews_add_q_{item['id']}_{i}"):
                        with shared.shown_errors():
                            playbook.save_questions_asked(cfg.data_dir, {"questions_asked": [text]})
                            st.rerun()
            for d in full["debriefs"]:
                st.markdown(
                    f"**Debrief** :gray[{d['created_at'][:10]}] — interest "
                    f"{d['interest'] or '—'}/5, proceed: "
                    f"{ {True: 'yes', False: 'no', None: 'undecided'}[d['proceed']] }"
                )
                for field, title in (
                    ("went_well", "Went well"),
                    ("could_be_better", "Could be better"),
                    ("skill_gaps", "Skill gaps"),
                    ("time_commitment", "Time commitment"),
                ):
                    if d[field]:
                        st.markdown(f"*{title}:* {escape(d[field])}")
            if not full["debriefs"]:
                st.caption("No debrief yet. Write it the same day, while you remember the questions.")
            with st.popover("Write a debrief"):
                shared.debrief_form(db, cfg, item["id"], key=f"interviews_debrief_{item['id']}")

# ---------------------------------------------------------------- add
with add_tab:
    with st.form("interviews_add", clear_on_submit=True):
        c1, c2 = st.columns(2)
        company = c1.text_input("Company")
        role = c2.text_input("Role")
        c3, c4, c5 = st.columns(3)
        stage = c3.selectbox("Stage", STAGES, index=1)
        when = c4.date_input("Date", value=today)
        fmt = c5.selectbox("Format", FORMATS)
        origin = st.radio("How it started", list(ORIGINS), format_func=ORIGINS.get, horizontal=True)
        people = st.text_area("People you will meet or met (one a line: name — title — note)")
        notes = st.text_area("Notes")
        if st.form_submit_button("Add interview", type="primary"):
            with shared.shown_errors():
                from coach.ui.debrief import parse_person

                store.add_interview(
                    db,
                    company=company,
                    role=role,
                    stage=stage,
                    interview_date=when,
                    format=fmt,
                    origin=origin,
                    notes=notes,
                    people=[parse_person(line) for line in people.splitlines() if line.strip()],
                )
                st.success(f"Added {company} ({stage}, {when}).")
                st.rerun()

# ---------------------------------------------------------------- prepare
with prepare_tab:
    upcoming = [i for i in interviews if i["interview_date"] >= today.isoformat()]
    if upcoming:
        st.markdown(
            "**Coming up:** "
            + ", ".join(
                f"{escape(i['company'])} ({escape(i['stage'])}, {i['interview_date']})" for i in upcoming
            )
        )
    st.markdown(f"#### {escape(book.before_title)}\n{escape(book.before_intro)}")
    for step in book.steps:
        st.checkbox(f"**{step.text}**", key=f"interviews_step_{step.id}", help=step.detail)
        st.caption(step.detail)
    st.markdown("#### Questions to ask them")
    for ask in banks.load_questions_to_ask(cfg.data_dir)[:6]:
        st.markdown(f"- {escape(ask.text)} :gray[— {escape(ask.why)}]")
    st.page_link("app_pages/questions.py", label="All questions to ask", icon=":material/quiz:")

# ---------------------------------------------------------------- options
with options_tab:
    st.markdown(f"#### {escape(book.options.title)}\n{escape(book.options.intro)}")
    with st.expander("Guidance"):
        st.markdown("\n".join(f"- {escape(g)}" for g in book.options.guidance))
    options = store.list_options(db)
    if options:
        st.dataframe(
            [
                {
                    "Kind": OPTION_KINDS.get(o["kind"], o["kind"]),
                    "Company": o["company"],
                    "Title": o["title"],
                    "Compensation": o["compensation"],
                    "Deadline": o["deadline"] or "",
                    "Status": o["status"],
                    "Details": o["details"],
                }
                for o in options
            ],
            hide_index=True,
        )
    else:
        st.caption("No options written down yet. Start with your current job: it is the BATNA to beat.")
    with st.form("interviews_option", clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox("Kind", list(OPTION_KINDS), format_func=OPTION_KINDS.get)
        opt_company = c2.text_input("Company (or 'current job')")
        title = c3.text_input("Title")
        compensation = st.text_input("Compensation (base, bonus, equity, benefits)")
        details = st.text_area("Scope, team, growth, flexibility, notes")
        deadline = st.date_input("Deadline", value=None)
        if st.form_submit_button("Add option"):
            with shared.shown_errors():
                store.add_option(
                    db,
                    kind=kind,
                    company=opt_company,
                    title=title,
                    compensation=compensation,
                    details=details,
                    deadline=deadline,
                )
                st.rerun()
