"""Interviews: the log and pipeline of real interviews, people met, debriefs, options, cadence."""

from datetime import date

import streamlit as st

from coach import banks, playbook, store
from coach.analysis.wording import count
from coach.debrief import heard_questions, in_bank, latest_debrief, parse_person, questions_in_notes
from coach.interview_log import (
    OPTION_STATUSES,
    STAGES,
    choices_with,
    coming_up,
    interview_edits,
    option_edits,
)
from coach.ui import shared, summary
from coach.ui.highlight import escape
from coach.ui.log_labels import option_label, person_line

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
ss = st.session_state
ss.setdefault("interviews_flash", None)


def done(message: str) -> None:
    """Show `message` after the rerun that redraws the log with the change in it."""
    ss.interviews_flash = message
    st.rerun()


def cadence_panel(interviews: list[dict], today: date) -> None:
    """The goal, how many real interviews the last period holds, and when the next is due."""
    status = playbook.cadence_status(
        book.cadence, [date.fromisoformat(i["interview_date"]) for i in interviews], today
    )
    c1, c2, c3 = st.columns(3)
    c1.metric(
        "Cadence goal",
        f"{book.cadence.interviews} every {book.cadence.period_label}",
        help=book.cadence.intro,
    )
    c2.metric(f"In the last {book.cadence.period_days} days", status.interviews_in_period)
    c3.metric(
        "Next real interview due",
        summary.due_label(status.next_due, today),
        status.state,
        delta_color="inverse" if status.due_now else "normal",
    )
    with st.popover("Change the cadence goal"):
        with st.form("interviews_cadence"):
            n = st.number_input("Real interviews", 1, 20, book.cadence.interviews)
            days = st.number_input("every … days", 7, 3660, book.cadence.period_days)
            if st.form_submit_button("Save goal"):
                with shared.shown_errors():
                    playbook.set_cadence(cfg, playbook.load_playbook().cadence, int(n), int(days))
                    st.rerun()


def edit_interview(item: dict) -> None:
    with st.form(f"interviews_edit_{item['id']}"):
        c1, c2 = st.columns(2)
        company = c1.text_input("Company", value=item["company"], key=f"interviews_edit_company_{item['id']}")
        role = c2.text_input("Role", value=item["role"], key=f"interviews_edit_role_{item['id']}")
        c3, c4, c5 = st.columns(3)
        stages = choices_with(STAGES, item["stage"])
        stage = c3.selectbox("Stage", stages, index=stages.index(item["stage"]))
        when = c4.date_input("Date", value=date.fromisoformat(item["interview_date"]))
        formats = choices_with(FORMATS, item["format"])
        fmt = c5.selectbox(
            "Format", formats, index=formats.index(item["format"]), format_func=lambda f: f or "—"
        )
        origins = choices_with(list(ORIGINS), item["origin"])
        origin = st.radio(
            "How it started",
            origins,
            index=origins.index(item["origin"]),
            format_func=lambda o: ORIGINS.get(o, o),
            horizontal=True,
        )
        notes = st.text_area("Notes", value=item["notes"], key=f"interviews_edit_notes_{item['id']}")
        if st.form_submit_button("Save changes", type="primary"):
            with shared.shown_errors():
                changes = interview_edits(
                    item,
                    company=company,
                    role=role,
                    stage=stage,
                    interview_date=when,
                    format=fmt,
                    origin=origin,
                    notes=notes,
                )
                if changes:
                    store.update_interview(db, item["id"], **changes)
                done(
                    f"Saved {escape(company.strip())} ({escape(stage)}, {when})."
                    if changes
                    else "Nothing had changed."
                )


def add_person_form(item: dict) -> None:
    with st.form(f"interviews_person_{item['id']}", clear_on_submit=True):
        line = st.text_input(
            "Name — title — note",
            key=f"interviews_person_line_{item['id']}",
            placeholder="Sam Lee — engineering manager — ex-Stripe",
        )
        if st.form_submit_button("Add person"):
            with shared.shown_errors():
                person = parse_person(line)
                store.add_person(db, item["id"], **person)
                done(f"Added {escape(person['name'])}.")


def delete_interview_form(item: dict, recordings: int) -> None:
    if recordings:
        st.markdown(
            f"**Only the audio:** remove the {count(recordings, 'recording')} of this interview and keep its "
            "transcript, analysed answers and debrief."
        )
        if st.button("Delete its recordings", key=f"interviews_del_rec_{item['id']}"):
            with shared.shown_errors():
                removed = store.delete_interview_audio(db, item["id"])
                company = escape(item["company"])
                done(f"Deleted {count(removed, 'recording')} of the {company} interview; the rest is kept.")
        st.divider()
    st.markdown(
        f"**Everything:** the {escape(item['company'])} interview with its people, debrief and analysed "
        "answers. This cannot be undone."
    )
    with_audio = recordings and st.checkbox(
        "Delete its recordings too",
        key=f"interviews_del_audio_{item['id']}",
        help="Left unticked, the recordings stay in your data directory.",
    )
    if st.button("Delete this interview", type="primary", key=f"interviews_del_{item['id']}"):
        with shared.shown_errors():
            store.delete_interview(db, item["id"], keep_audio=not with_audio)
            done(
                f"Deleted the {escape(item['company'])} interview"
                + (" and its recordings." if with_audio else ".")
            )


# ---------------------------------------------------------------- log


def interview_log(interviews: list[dict]) -> None:
    if not interviews:
        st.info(
            "No interviews logged yet. Add one under “Add an interview”, or upload a recording on "
            "“Review a real interview”."
        )
    for position, item in enumerate(interviews):
        full = store.get_interview(db, item["id"])
        with st.expander(entry_label(item, full), expanded=position == 0):
            interview_entry(item, full)


def entry_label(item: dict, full: dict) -> str:
    """'2026-10-01 · Acme · Staff engineer · first round · interest 4/5'"""
    interests = [d["interest"] for d in full["debriefs"] if d["interest"]]
    return (
        f"{item['interview_date']} · {escape(item['company'])} · "
        f"{escape(item['role'] or 'role not set')} · {escape(item['stage'] or 'stage not set')}"
        + (f" · interest {interests[-1]}/5" if interests else "")
    )


def interview_entry(item: dict, full: dict) -> None:
    """One interview: its facts, the people met, the questions asked, the debriefs, and actions."""
    meta = [
        f"**Format:** {escape(item['format'] or '—')}",
        f"**How it started:** {escape(ORIGINS.get(item['origin'], item['origin']))}",
        f"**Answers analysed:** {item['answers']}",
    ]
    st.markdown(" · ".join(meta))
    if item["notes"]:
        st.markdown(f":gray[{escape(item['notes'])}]")
    people_met(full["people"])
    questions_they_asked(item, full)
    debriefs(full["debriefs"])
    entry_actions(item, full)


def people_met(people: list[dict]) -> None:
    if not people:
        return
    st.markdown("**People met**")
    for person in people:
        row = st.columns([6, 1.6], vertical_alignment="center")
        row[0].markdown(escape(person_line(person)))
        if row[1].button(
            "Remove",
            key=f"interviews_person_del_{person['id']}",
            icon=":material/person_remove:",
            type="tertiary",
            help=f"Remove {escape(person['name'])} from this interview",
        ):
            with shared.shown_errors():
                store.delete_person(db, person["id"])
                done(f"Removed {escape(person['name'])}.")


def questions_they_asked(item: dict, full: dict) -> None:
    """The questions a review heard or a debrief listed, each one a click from the practice bank."""
    asked = heard_questions(full) + [q for d in full["debriefs"] for q in questions_in_notes(d["notes"])]
    if not asked:
        return
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


def debriefs(written: list[dict]) -> None:
    for d in written:
        st.markdown(
            f"**Debrief** :gray[{d['created_at'][:10]}] — "
            + (f"interest {d['interest']}/5" if d["interest"] else "interest not set")
            + ", proceed: "
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
        if len(written) > 1 and st.button(
            "Delete this debrief",
            key=f"interviews_debrief_del_{d['id']}",
            icon=":material/delete:",
            type="tertiary",
        ):
            with shared.shown_errors():
                store.delete_debrief(db, d["id"])
                done("Debrief deleted.")
    if not written:
        st.caption("No debrief yet. Write it the same day, while you remember the questions.")


def entry_actions(item: dict, full: dict) -> None:
    debrief = latest_debrief(full["debriefs"])
    actions = st.container(horizontal=True)
    with actions.popover("Edit the debrief" if debrief else "Write a debrief", icon=":material/edit_note:"):
        saved = shared.debrief_form(
            db,
            cfg,
            item["id"],
            key=f"interviews_debrief_{item['id']}",
            debrief=debrief,
            heard=heard_questions(full),
        )
        if saved:
            done(saved)
    with actions.popover("Edit the interview", icon=":material/edit:"):
        edit_interview(item)
    with actions.popover("Add a person", icon=":material/person_add:"):
        add_person_form(item)
    with actions.popover("Delete", icon=":material/delete:"):
        delete_interview_form(item, sum(1 for r in full["recordings"] if r["recording_id"]))


# ---------------------------------------------------------------- add


def add_interview_form(today: date) -> None:
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
                done(f"Added {escape(company.strip())} ({escape(stage)}, {when}).")


# ---------------------------------------------------------------- prepare


def prepare(interviews: list[dict], today: date) -> None:
    """What is coming up, the playbook's checklist, and questions to ask them."""
    upcoming = coming_up(interviews, today)
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
def edit_option_form(options: list[dict]) -> None:
    with st.expander("Edit or remove an option"):
        by_id = {o["id"]: o for o in options}
        chosen = st.selectbox(
            "Option",
            list(by_id),
            format_func=lambda i: option_label(by_id[i], OPTION_KINDS),
            key="interviews_option_pick",
        )
        option = by_id[chosen]
        with st.form(f"interviews_option_edit_{chosen}"):
            c1, c2, c3 = st.columns(3)
            kinds = choices_with(list(OPTION_KINDS), option["kind"])
            kind = c1.selectbox(
                "Kind", kinds, index=kinds.index(option["kind"]), format_func=lambda k: OPTION_KINDS.get(k, k)
            )
            company = c2.text_input("Company", value=option["company"])
            title = c3.text_input("Title", value=option["title"])
            compensation = st.text_input("Compensation", value=option["compensation"])
            details = st.text_area("Scope, team, growth, flexibility, notes", value=option["details"])
            c4, c5 = st.columns(2)
            deadline = c4.date_input(
                "Deadline", value=date.fromisoformat(option["deadline"]) if option["deadline"] else None
            )
            statuses = choices_with(OPTION_STATUSES, option["status"])
            status = c5.selectbox("Status", statuses, index=statuses.index(option["status"]))
            if st.form_submit_button("Save changes", type="primary"):
                with shared.shown_errors():
                    changes = option_edits(
                        option,
                        kind=kind,
                        company=company,
                        title=title,
                        compensation=compensation,
                        details=details,
                        deadline=deadline,
                        status=status,
                    )
                    if changes:
                        store.update_option(db, chosen, **changes)
                    done("Option saved." if changes else "Nothing had changed.")
        if st.button("Remove this option", icon=":material/delete:", key=f"interviews_option_del_{chosen}"):
            with shared.shown_errors():
                store.delete_option(db, chosen)
                done(f"Removed {escape(option_label(option, OPTION_KINDS))}.")


def offers_and_options() -> None:
    """Offers and alternatives side by side (the BATNA among them), editable, and a form to add one."""
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
        edit_option_form(options)
    else:
        st.caption("No options written down yet. Start with your current job: it is the BATNA to beat.")
    with st.form("interviews_option", clear_on_submit=True):
        st.markdown("**Add an option**")
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
                    company=opt_company.strip(),
                    title=title.strip(),
                    compensation=compensation.strip(),
                    details=details.strip(),
                    deadline=deadline,
                )
                done("Option added.")


shared.page_header(
    "Interviews",
    "Your real interviews: who you met, what they asked, how interested you "
    "are at each stage, and the debrief that turns each one into practice.",
)
if ss.interviews_flash:
    st.success(ss.interviews_flash)
    ss.interviews_flash = None
interviews = store.list_interviews(db)
today = date.today()
cadence_panel(interviews, today)
log_tab, add_tab, prepare_tab, options_tab = st.tabs(
    ["Interview log", "Add an interview", "Prepare", "Offers and options"]
)
with log_tab:
    interview_log(interviews)
with add_tab:
    add_interview_form(today)
with prepare_tab:
    prepare(interviews, today)
with options_tab:
    offers_and_options()
