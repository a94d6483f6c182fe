"""Interviews: the log and pipeline of real interviews, people met, debriefs, options, cadence."""

from collections.abc import Sequence
from datetime import date

import streamlit as st

from coach import banks, goals, interview_log, playbook, practised_for, prepare, store
from coach.analysis.wording import count, listed, ordinal, times, unscored_as
from coach.debrief import (
    DEBRIEF_HEADINGS,
    delete_debriefs,
    delete_interview,
    heard_questions,
    in_bank,
    latest_debrief,
    options_a_deletion_keeps,
    own_notes,
    questions_a_deletion_takes_back,
    questions_in_notes,
)
from coach.errors import CoachError
from coach.interview.how_it_went import how_it_went
from coach.interview.saving import forget_review_work
from coach.interview_log import (
    FORMATS,
    LOG_STAGES,
    OPTION_STATUSES,
    choices_with,
    coming_up,
    interview_edits,
    option_edits,
    person_edits,
    person_line,
)
from coach.local_time import long_date
from coach.pipeline import (
    Opportunity,
    Stage,
    accepted_note_parts,
    after_the_offer_accepted,
    as_written_most,
    joining_stages,
    next_step_said,
    pipeline_report,
    unconfirmed_words,
)
from coach.progress import after_accepting_words, real_interview_cadence
from coach.store.mock_sessions import list_mock_sessions
from coach.store.options import INTEREST_RANGE, KIND_LABELS
from coach.ui import browser_clock, shared, summary
from coach.ui.highlight import escape, unspoken_icon
from coach.ui.log_labels import (
    answer_fact,
    date_words,
    deadline_words,
    interest_change,
    interest_label,
    interest_trend,
    moment_words,
    option_facts,
    option_label,
    person_card_line,
    short_date,
    stage_label,
)

ORIGINS = {"": "not set", **interview_log.ORIGIN_SAID}  # "not set", as Format says it
OPTION_KINDS = KIND_LABELS  # as `coach interviews` names them

cfg = shared.settings()
db = shared.store(cfg)
today = browser_clock.today()  # the person's, from their browser (not the server's)
CACHE: dict = {}  # read once per run of the page, for every stage that needs it
book = playbook.load_playbook_for(cfg, db)
ss = st.session_state
ss.setdefault("interviews_flash", None)


ADD_TAB, PREPARE_TAB = "Add an interview", "Prepare"
# An opportunity's card. On a phone (Streamlit's narrow layout, under 640 px) its sides take less
# room: a stage's debrief form, inside the card and the stage's expander, was 260 px wide of 390.
CARD = "interviews_card"
PHONE_CARD = (
    f"<style>@media (max-width: 640px) {{ [class*='st-key-{CARD}_'] "
    "{ padding-left: 0.5rem; padding-right: 0.5rem; } }</style>"
)
# A checklist step's title, in bold by the page's style: "**…**" in a checkbox's label drew it bold,
# but a screen reader read the box by its label as written, "star star Know why you are talking …"
STEP = "interviews_step"
STEP_TITLES = f"<style>[class*='st-key-{STEP}_'] [data-testid=stWidgetLabel] p {{ font-weight: 600 }}</style>"
JOB_DESCRIPTION_HELP = (
    "Paste the posting's text. Practice answers you give for this interview then show which of "
    "its key terms they used."
)


def done(message: str) -> None:
    """Show `message` after the rerun that redraws the log with the change in it."""
    ss.interviews_flash = message
    st.rerun()


CADENCE_BOUNDS = "{} to {} real interviews, every {} to {} days".format(
    *playbook.CADENCE_INTERVIEWS, *map(times, playbook.CADENCE_PERIOD_DAYS)
)


def cadence_panel(
    interviews: list[dict], opportunities: list[Opportunity], options: list[dict], today: date
) -> None:
    """The goal, how many real interviews the last period holds, and when the next is due."""
    # a goal stored beyond what can be set (restored from a backup, or set before the bounds) is
    # counted as the nearest one that can: 100 a day made the form fail, a billion days the calendar
    goal = playbook.cadence_within_bounds(book.cadence)
    # as Progress says it (progress.real_interview_cadence): an offer or a rejection logged as a
    # stage is no interview held, nor a stage after the offer you accepted; one in the calendar is
    # named, not "due"; once an offer is accepted, the next is the new job's ("booked: Umbrella"
    # named a process you may now withdraw from)
    said = real_interview_cadence(interviews, opportunities, options, goal, today)
    c1, c2, c3 = st.columns(3)
    c1.metric("Cadence goal", f"{goal.interviews} every {goal.period_label}", help=book.cadence.intro)
    c2.metric(f"In the last {goals.nearest_period_words(goal.period_days)}", said["in_current_period"])
    booked = said["next_booked"]
    shown = summary.next_interview_metric(
        date.fromisoformat(said["next_due"]),
        said["state"],
        said["overdue"],
        booked,
        today,
        first=said["first_to_book"],
    )
    if said["after_accepting"]:  # the processes still open are in the note above the cards
        shown["help"] = escape(after_accepting_words(said["after_accepting"], None))
    first = said["first_to_book"] and not booked
    if first:  # "book your first" in a grey pill read as a button that did nothing: one that does
        shown.pop("delta", None)
    c3.metric(**shown)
    if first:
        c3.button(
            "Add your first",
            icon=":material/event_note:",
            type="tertiary",
            key="interviews_add_first",
            on_click=lambda: ss.update(interviews_tab=ADD_TAB),  # the form to add it, opened
        )
    if goal != book.cadence:
        st.warning(
            f"Your goal, {book.cadence.interviews} every {count(book.cadence.period_days, 'day')}, is "
            f"beyond what can be set ({CADENCE_BOUNDS}): it counts as {goal.interviews} every "
            f"{count(goal.period_days, 'day')} until you change it.",
            icon=":material/flag:",
        )
    with st.popover("Change the cadence goal"):
        with st.form("interviews_cadence"):
            n = st.number_input("Real interviews", *playbook.CADENCE_INTERVIEWS, goal.interviews)
            days = st.number_input("every … days", *playbook.CADENCE_PERIOD_DAYS, goal.period_days)
            if st.form_submit_button("Save goal"):
                with shared.shown_errors():
                    saved = playbook.set_cadence(cfg, playbook.load_playbook().cadence, int(n), int(days))
                    # said as the page's other saves are: only the figures changed, the box left open
                    goal_said = f"{count(saved.interviews, 'real interview')} every {saved.period_label}"
                    done(f"Saved your cadence goal: {goal_said}.")


EDITED_FIELDS = ("company", "role", "stage", "interview_date", "format", "origin", "notes", "job_description")


def edit_interview(item: dict) -> None:
    fields = ("company", "role", "notes", "job")  # the keyed ones; a change made elsewhere shows here
    keys = [f"interviews_edit_{name}_{item['id']}" for name in fields]
    form = f"interviews_edit_{item['id']}"
    saving = bool(st.session_state.get(f"{form}_save"))
    changed_elsewhere = shared.follow_stored(form, item, keys, EDITED_FIELDS, saving=saving)
    with st.form(form):
        c1, c2 = st.columns(2)
        company = c1.text_input("Company", value=item["company"], key=f"interviews_edit_company_{item['id']}")
        role = c2.text_input("Role", value=item["role"], key=f"interviews_edit_role_{item['id']}")
        c3, c4, c5 = st.columns(3)
        stages = choices_with(LOG_STAGES, item["stage"])
        stage = c3.selectbox("Stage", stages, index=stages.index(item["stage"]))
        when = c4.date_input("Date", value=date.fromisoformat(item["interview_date"]))
        formats = choices_with(FORMATS, item["format"])
        fmt = c5.selectbox(
            "Format", formats, index=formats.index(item["format"]), format_func=lambda f: f or "not set"
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
        description = st.text_area(
            "Job description",
            value=item.get("job_description") or "",
            key=f"interviews_edit_job_{item['id']}",
            help=JOB_DESCRIPTION_HELP,
        )
        shared.keep_typed("interviews_edit", cfg.owner)  # its notes and job description, typed and not saved
        if st.form_submit_button("Save changes", type="primary", key=f"{form}_save"):
            if changed_elsewhere:  # what was typed is not dropped, nor written over the change
                st.warning(
                    "This interview was changed elsewhere (in a terminal or another tab) after you "
                    "opened it, so nothing was saved. The form still holds what you typed: check it, "
                    "then save again to keep your version."
                )
                return
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
                    job_description=description,
                )
                if changes:
                    store.update_interview(db, item["id"], **changes)
                # its kind as its row now lists it: "Saved Hooli (other, …)" above "interview"
                kind = interview_log.stage_said_when_saved(stage, item["id"] in joining_stages(db, today))
                done(
                    f"Saved {escape(company.strip())} ({escape(kind)}, {long_date(when)})."
                    if changes
                    else "Nothing had changed."
                )


def add_person_form(item: dict) -> None:
    name = f"interviews_person_{item['id']}"
    form = shared.form_key(name)
    with st.form(form):
        line = st.text_input(
            "Name — title — note",
            key=f"{form}_line",  # follows the form's round: empty once a person is added
            placeholder="Sam Lee — engineering manager — ex-Stripe",
        )
        if st.form_submit_button("Add person"):
            with shared.shown_errors():
                person, outcome = interview_log.add_person(db, item["id"], line)
                shared.form_saved(name)
                done(interview_log.person_said(escape(person["name"]), outcome))


def delete_interview_form(item: dict, recordings: int, debriefs: list[dict]) -> None:
    noun = escape(interview_log.stage_noun(item["stage"]))  # "the Acme application", not "interview"
    if recordings:
        rest = [
            what
            for what, has in (
                ("transcript", item.get("answers")),
                ("analysed answers", item.get("answers")),
                ("debrief", debriefs),
            )
            if has
        ]
        st.markdown(
            f"**Only the audio:** remove the {count(recordings, 'recording')} of this {noun}"
            + (f" and keep its {listed(rest)}." if rest else f"; the {noun} stays in your log.")
        )
        # asked first, as "Delete this interview" below and every delete is: it went at one click
        asked = (
            f"Delete the {count(recordings, 'recording')} of the {escape(item['company'])} {noun}? "
            "This cannot be undone."
        )
        if shared.asked_first(f"interviews_del_rec_{item['id']}", "Delete its recordings", asked):
            with shared.shown_errors():
                forget_review_work(db, item["id"])
                removed = store.delete_interview_audio(db, item["id"])
                company = escape(item["company"])
                done(f"Deleted {count(removed, 'recording')} of the {company} {noun}; the rest is kept.")
        st.divider()
    # its recordings go with it, as `coach delete-interview` does and the README says: one kept
    # belonged to no interview any more, so no page listed it, yet every backup carried it
    with_audio = " and its recordings" if recordings else ""
    # the questions its debrief put in the practice questions go too, by delete-debrief's rule
    going = questions_a_deletion_takes_back(db, cfg, [d["id"] for d in debriefs]) if debriefs else []
    questions = f"the {count(len(going), 'question')} its debrief added to your practice questions"
    # the offer written down from it is the user's record: it stays, and they are told so (it
    # stayed unsaid, as if it went with the interview)
    options = options_a_deletion_keeps(db, item["id"])
    stays = options_kept_said(options)
    # what it has, and only that: a booked interview read "with its people, debrief and analysed
    # answers", none of which it had
    kept = [
        what
        for what, has in (
            ("people", item.get("people")),
            ("debrief", debriefs),
            # the stages after it go by it too (prepare.described): it went unsaid
            ("job description", (item.get("job_description") or "").strip()),
            ("analysed answers", item.get("answers")),
            ("recordings", recordings),
        )
        if has
    ]
    st.markdown(
        ("**Everything:** the" if recordings else "Deletes the")  # beside "Only the audio" above, or alone
        + f" {escape(item['company'])} {noun}"
        + (f" with its {listed(kept)}." if kept else ".")
        # "The 1 question ... go with it" read wrong: the verb agrees with the count
        + (
            f" {questions[:1].upper()}{questions[1:]} {'goes' if len(going) == 1 else 'go'} with it."
            if going
            else ""
        )
        + stays
        + " This cannot be undone."
    )
    with_questions = f", and {questions}" if going else ""
    # which stage goes, as its card names it: "Deleted the Acme interview." left which one unsaid
    named = f"{escape(item['company'])} {escape(interview_log.stage_named(item['stage']))}"
    named += f" ({short_date(item['interview_date'], today)})"
    asked = f"Delete the {named}{with_audio}{with_questions}?{stays} This cannot be undone."
    if shared.asked_first(f"interviews_del_{item['id']}", f"Delete this {noun}", asked):
        with shared.shown_errors():
            forget_review_work(db, item["id"])
            taken_back = delete_interview(db, cfg, item["id"])
            done(
                f"Deleted the {named}{with_audio}."
                + _taken_out(taken_back)
                + options_kept_said(options, kept=True)
            )


# ---------------------------------------------------------------- pipeline

STATUS_BADGES = {
    "in progress": ("in progress", "blue"),
    "quiet": ("quiet", "orange"),
    "offer": ("offer", "green"),
    "accepted": ("offer accepted", "green"),
    "stopped": ("stopped", "gray"),
}


def pipeline_view(
    opportunities: list[Opportunity], options: list[dict], by_id: dict[int, dict], today: date
) -> None:
    """One card per opportunity (company and role), its stages in order inside it."""
    if not opportunities:  # the two ways in, each a click (they were named for the user to find)
        st.info("No interviews logged yet. Add one you have booked or had, or review its recording.")
        row = st.container(horizontal=True, vertical_alignment="center")
        row.button(
            "Add an interview",
            icon=":material/add:",
            key="interviews_add_empty",
            on_click=lambda: ss.update(interviews_tab=ADD_TAB),
        )
        row.page_link("app_pages/review.py", label="Review a real interview", icon=":material/upload_file:")
    accepted_note_shown(opportunities, options, today)
    live, ended = interview_log.live_then_ended(opportunities)
    for opportunity in live:
        opportunity_card(opportunity, by_id, today)
    if not ended:
        return
    if opportunities and not live:
        st.caption("None is in progress: those that ended are below.")
    # after a year the ended ones were as long to scroll past as the live ones: folded, drawn once
    # opened, the label naming their companies so that a search of the page still finds them
    companies = escape(interview_log.ended_companies(ended))
    with opened_expander(f"Ended ({len(ended)}): {companies}", ENDED, True) as fold:
        if fold.open:
            for opportunity in ended:
                opportunity_card(opportunity, by_id, today)


def accepted_note_shown(opportunities: list[Opportunity], options: list[dict], today: date) -> None:
    """Once an offer is accepted, the processes still open, which you may now withdraw from, and the
    offers and alternatives still open, which you may decline."""
    note = accepted_note_parts(opportunities, options, lambda day: date_words(day, today))
    if note is None:
        return
    said = [escape(note.accepted)]
    for group in note.still_open:  # each one on its own line: a paragraph was eleven lines on a phone
        said.append(
            f"**{escape(group.heading)}:**\n" + "\n".join(f"- {escape(item)}" for item in group.items)
        )
        said.append(escape(group.to_do_said))
    st.info("\n\n".join(said), icon=":material/handshake:")


def opportunity_card(opportunity: Opportunity, by_id: dict[int, dict], today: date) -> None:
    data = opportunity.as_json()
    names = opportunity.stages_listed()  # "other" as an "interview" (a "meeting" after its offer)
    booked = opportunity.next_step["interview_id"] if opportunity.next_step else None
    with st.container(border=True, key=f"{CARD}_{opportunity.stages[0].interview_id}"):
        head = st.container(horizontal=True, vertical_alignment="center")
        head.markdown(f"## {escape(opportunity.label)}", anchors=False)
        status, colour = STATUS_BADGES[opportunity.status]
        status = opportunity.ended or status  # how it ended: "rejected", "withdrew"
        if opportunity.quiet_since:  # nothing since its last stage, nothing booked (pipeline.QUIET_AFTER)
            status = f"quiet since {short_date(opportunity.quiet_since, today)}"
        head.badge(status, color=colour)
        st.markdown(
            " → ".join(
                f"**{escape(names[s['interview_id']] or 'stage not set')}** "
                f":gray[{short_date(s['interview_date'], today)}]"
                for s in data["stages"]
            )
        )
        # a third column only for the time spent, once said: left empty, a phone (the columns
        # stacked) drew it as a blank row of the card's width; the next step keeps its place
        interest_col, next_col, *time_col = st.columns(3 if opportunity.time.said else [1, 2])
        with interest_col:
            interest_metric(
                data,
                names,
                held=any(interview_log.held(by_id[s["interview_id"]], today) for s in data["stages"]),
            )
        with next_col:
            step = opportunity.next_step
            practised = practice_of(step["interview_id"]) if step else practised_for.NONE
            # the stage booked, an offer to answer, or none and why: as `coach interviews` says it
            said, to_take = next_step_said(opportunity, lambda day: deadline_words(day, today))
            st.markdown(
                "**Next step**  \n"
                + (escape(said) if to_take else f":gray[{escape(said)}]")
                # what was practised for it, on Practice and in mock interviews (it was said nowhere)
                + (
                    f"  \n:gray[Practised for it: {practised_for.practised_words(practised, today)}]"
                    if practised.any
                    else ""
                )
            )
            if not step and opportunity.status in ("in progress", "quiet"):  # "none booked" led nowhere
                st.button(
                    "Add the next stage",
                    icon=":material/add:",
                    type="tertiary",
                    key=f"interviews_next_{opportunity.stages[-1].interview_id}",
                    on_click=open_add_form,
                    args=(
                        opportunity.company,
                        opportunity.role,
                        data["stages"][-1]["stage"],
                        started(opportunity, by_id),
                    ),
                )
        # the time spent on this process (it read "Time", and "Time: nothing yet, 1 stage booked"
        # before any was held: nothing the next step did not say)
        if time_col:  # opportunity.time.said
            time_col[0].markdown(
                f"**Time spent**  \n{escape(opportunity.time.summary)}"  # not "… so far: 1 stage so far"
                + (
                    f"  \n:gray[Still to come: {escape(opportunity.time.still_to_come_words)}]"
                    if opportunity.time.still_to_come
                    else ""
                )
            )
        if opportunity.people_met:
            st.markdown(
                "**People met:** "
                + ", ".join(escape(person_card_line(p, names)) for p in opportunity.people_met)
            )
        if opportunity.people_to_meet:  # named for a stage still to come
            st.markdown(
                "**To meet:** "
                + ", ".join(escape(person_card_line(p, names)) for p in opportunity.people_to_meet)
            )
        noted = [s for s in data["stages"] if s["notes"]]
        if noted:  # their start: the whole notes are in the stage's entry below
            stage = escape(names[noted[-1]["interview_id"]] or "last stage")  # as its row below names it
            excerpt, cut = interview_log.notes_excerpt(noted[-1]["notes"])
            more = f"  \n:gray[The rest is in the {stage} below.]" if cut else ""
            st.markdown(f"**Notes after the {stage}:** {as_lines(excerpt)}{more}")
        if opportunity.red_flags:  # noticed at any stage, in sight while the offers are weighed
            st.markdown(  # the flag for the eye only: a screen reader read "flag icon" before the words
                "  \n".join(
                    f"{unspoken_icon('flag')} **Red flags after the "
                    f"{escape(interview_log.own_stage_name(s.stage) or 'stage')}:** "
                    + red_flags_said(s.red_flags)
                    for s in opportunity.red_flags
                ),
                unsafe_allow_html=True,  # every word in it escaped (escape: no HTML, no markdown)
            )
        for option in opportunity.options:
            kind = interview_log.option_kind_said(option["kind"])  # "BATNA" as its badge says, not "Batna"
            st.markdown(f"**{escape(kind[:1].upper() + kind[1:])}:** " + escape(option_facts(option, today)))
        if opportunity.decision:
            st.warning(escape(opportunity.decision), icon=":material/trending_down:")
        for stage, shown in zip(opportunity.stages, data["stages"], strict=True):
            item = by_id[stage.interview_id]
            if stage.unconfirmed_after_accepting:  # said in its entry where "No debrief yet" would be
                item = {**item, "unconfirmed": unconfirmed_said(stage, opportunity)}
            label = stage_label(shown, today, stage.interview_id == booked, names[stage.interview_id])
            stage_part(escape(label), item, today)


def unconfirmed_said(stage: Stage, opportunity: Opportunity) -> str:
    """Why a stage dated after the offer you accepted elsewhere, with no debrief, is not counted as
    held (pipeline.unconfirmed_words), and what to do: debrief it if it took place, else delete it
    and, while its process is still open, log how it ended."""
    ended = opportunity.status == "stopped"
    to_do = "If it took place, write its debrief; if not, delete it" + (
        "." if ended else ', and log how the process ended ("withdrew") as its last stage.'
    )
    return f"{unconfirmed_words(stage)} {to_do}"


@st.fragment
def stage_part(label: str, item: dict, today: date) -> None:
    """A stage, redrawn alone when it is opened or closed, or a form in it changes (a fragment):
    opening one ran the whole page again, every card with it. A change that shows elsewhere on the
    page (a save, a deletion, another tab) runs the whole page (done, st.rerun)."""
    with stage_expander(label, item) as entry:
        if entry.open:  # a closed stage draws nothing: after a year, 25 stages' forms took 20 s a run
            stage_entry(*as_stored_now(item), today)


def as_stored_now(item: dict) -> tuple[dict, dict]:
    """A stage of the log as stored now, and its whole record (recordings, debriefs). Redrawn alone,
    a stage has the log as the page last read it: changed since in a terminal or another tab, its
    forms showed what it was. Deleted since, the whole page runs again, without it."""
    try:
        full = store.get_interview(db, item["id"])
    except CoachError:
        st.rerun()
    if full["uid"] != item.get("uid"):  # another stage under its id (an earlier database put back)
        st.rerun()
    return {**item, **{field: full[field] for field in (*EDITED_FIELDS, "people")}}, full


STAGE = "interviews_stage"  # a stage's expander, by interview id: whether it is open
ENDED = "interviews_ended"  # the fold of the opportunities that ended: whether it is open


def stage_expander(label: str, item: dict):
    """A stage's expander, its content drawn only while it is open. What stays open is the stage
    (its uid), not its id: another stage given the same id (an earlier copy of the database put
    back) opened by itself."""
    return opened_expander(label, f"{STAGE}_{item['id']}", item.get("uid"))


def opened_expander(label: str, key: str, what: object):
    """An expander whose content the page draws only while it is open. It stays open across a
    change that renames it (a debrief's interest, an edited date, one more ended): Streamlit takes
    a new label for a new expander, which starts closed. `what` it holds is kept as open, so
    something else drawn under the same key starts closed."""
    kept = f"{key}__open"
    left_open = ss.get(kept)  # what was left open under this key, if anything was
    if left_open is not None:
        ss[key] = left_open == what
    entry = st.expander(label, key=key, on_change=remember_open, args=(key, kept, what))
    ss[kept] = what if entry.open else None
    return entry


def remember_open(key: str, kept: str, what: object) -> None:
    """The user opened or closed it: kept as they left it."""
    ss[kept] = what if ss[key] else None


def red_flags_said(red_flags: str) -> str:
    """'no roadmap; the manager left': a stage's red flags on one line, escaped, their start only
    when long (interview_log.notes_excerpt; the whole is in the stage's debrief)."""
    excerpt, _ = interview_log.notes_excerpt(red_flags)
    return escape("; ".join(excerpt.splitlines()))


def interest_metric(data: dict, names: dict[int, str], held: bool) -> None:
    """The interest written after each stage, as a number and its change since the stage before
    (a small line under it, with no axis or label, was a thin red diagonal that said nothing; the
    stages' figures are in its help, "4 → 3 → 2", each stage named as its row: `names`). With none
    written: the debrief asks for it, once a stage has been `held` (not for one still to come); a
    debrief written without it is edited to add it. The draft a review stores is no debrief the
    user wrote: "not in the debrief yet" read as if they had left it out of one."""
    trend = data["interest_trend"]
    if not trend:
        debriefs = [s for s in data["stages"] if s["debriefed"]]
        if any(not s["review_draft"] for s in debriefs):
            said = "not in the debrief yet: edit it to give 1 to 5"
        elif debriefs:
            said = "not written yet: the debrief the review started asks for it"
        elif held:
            said = "not written yet: the debrief asks for it"
        else:
            said = "the debrief after the interview asks for it"
        st.markdown(f"**Your interest**  \n:gray[{said}]")
        return
    rated = [s for s in data["stages"] if s["interest"]]
    change = trend[-1] - trend[-2] if len(trend) > 1 else 0
    # in words, its arrow and colour said so: "-1 since the first round" showed a hyphen for a minus
    st.metric(
        interest_label(names.get(rated[-1]["interview_id"])),  # after which stage: beside an offer's own
        f"{trend[-1]} out of 5",
        delta=interest_change(change, rated[-2]["stage"]) if change else None,
        delta_color="red" if change < 0 else "green",
        delta_arrow="down" if change < 0 else "up",
        help="From your debriefs, stage by stage: " + interest_trend(data["stages"], names),
    )


def as_lines(text: str, gray: bool = False) -> str:
    """Notes as typed, one line a line (markdown joins them into one), each grey with `gray` (the
    colour does not reach past a line break: ":gray[first line second line" showed)."""
    lines = [escape(line) for line in text.splitlines() if line.strip()]
    return "  \n".join(f":gray[{line}]" if gray else line for line in lines)


def preparation(item: dict) -> list:
    """The checklist of a stage, with its ticks (the page's log, read once, tells how the process
    began)."""
    return prepare.checklist(db, item["id"], book, logged=interviews, practice=practice_of(item["id"]))


def practice_of(interview_id: int) -> practised_for.PractisedFor:
    """The practice prepared for one interview (answers on Practice, mock interviews), the store
    read once for the page."""
    if "practice" not in CACHE:
        CACHE["practice"] = practised_for.practice_by_interview(practice_attempts(), list_mock_sessions(db))
    return CACHE["practice"].get(interview_id, practised_for.NONE)


def answers_fact(item: dict, full: dict) -> list[str]:
    """The answers a review analysed, or, with no recording of the stage uploaded, that none was
    reviewed, in words as the card says what else is missing ("Answers analysed: 0" read as if a
    review had found no answers)."""
    if full["recordings"]:
        return [f"**Answers analysed:** {interview_log.answers_analysed_in(full)}"]
    return ["**Recording:** :gray[none reviewed yet]"]  # the button under it opens the Review page


def review_its_recording(item: dict) -> None:
    """The next step for an interview held with no recording reviewed: the Review page, this
    interview already picked as the one the recording is of (the page only said to go there)."""
    to_review_page(
        "Review its recording",
        ":material/upload_file:",
        f"interviews_review_{item['id']}",
        "Opens the Review page with this interview picked: upload the recording there.",
        review_interview=item["id"],  # Review's "Which interview is this?"
    )


def to_review_page(label: str, icon: str, key: str, help: str, **asked) -> None:
    """A button to the Review page, which finds in session state what it is asked to do there."""
    if st.button(label, icon=icon, type="tertiary", key=key, help=help):
        ss.update(asked)
        st.switch_page("app_pages/review.py")


def stage_entry(item: dict, full: dict, today: date) -> None:
    """One stage: its facts, the debrief with its notes, people met, the questions asked, actions.
    A stage still booked, or an offer or a rejection logged as a stage, has no answers to count;
    only an interview held asks for a debrief (interview_log.held)."""
    held = interview_log.held(item, today)
    meta = [  # a fact not given is left out, not shown as "—"
        *([f"**Format:** {escape(item['format'])}"] if item["format"] else []),
        *(
            [f"**How it started:** {escape(ORIGINS.get(item['origin'], item['origin']))}"]
            if item["origin"]
            else []
        ),
        *(answers_fact(item, full) if held else []),
        *(  # how far the checklist for it has come (ticked on the Prepare tab), or came once held; an
            # application or an offer has none to prepare (it said "Preparation: 1 of 8 steps done")
            [f"**Preparation:** {prepared}"]
            if playbook.is_interview(item["stage"])
            and (prepared := prepare.card_words(preparation(item), playbook.is_ahead(item, today)))
            else []
        ),
        *(
            [f"**Practised for it:** {practised_for.practised_words(practised, today)}"]
            if (practised := practice_of(item["id"])).any
            else []
        ),
    ]
    if meta:
        st.markdown(" · ".join(meta))
    if playbook.is_ahead(item, today) and playbook.is_interview(item["stage"]):  # one the Prepare tab lists
        if st.button(  # it said "(Prepare tab)" and left the user to find the tab, then the interview in it
            "Prepare for it",
            icon=":material/checklist:",
            type="tertiary",
            key=f"interviews_prepare_{item['id']}",
            on_click=lambda: ss.update(interviews_tab=PREPARE_TAB, interviews_prepare_for=item["id"]),
        ):
            st.rerun()  # the whole page, to open the tab: a click in a stage redraws the stage alone
    if held and not full["recordings"]:
        review_its_recording(item)
    if item["notes"]:
        st.markdown(as_lines(item["notes"], gray=True))
    if item.get("job_description"):  # pasted here, it was kept but shown only while editing
        terms = shared.job_description_terms(item["job_description"], item["company"])
        st.markdown(
            "**Job description kept**"
            + (f" · key terms: {escape(', '.join(terms))}" if terms else "")
            + " · :gray[the whole text is under Edit the interview]"
        )
    your_answers(full)
    # of this application, this rejection, as stage_noun names the stage (all were "this interview")
    noun = interview_log.stage_noun(item["stage"])
    for why in interview_log.recordings_not_analysed(full, db.absolute):
        st.markdown(f":gray[A recording of this {noun} could not be analysed: {escape(why)} It is kept.]")
    debriefs(full["debriefs"], item)
    people_met(full["people"], "To meet" if playbook.is_ahead(item, today) else "People met")
    questions_they_asked(item, full)
    debrief = latest_debrief(full["debriefs"])
    # an offer or a rejection is no interview to debrief, nor one still to come after today (one
    # written all the same stays editable)
    debriefed = debrief is not None or (
        playbook.is_interview(item["stage"]) and not playbook.dated_after(item, today)
    )
    tabs = st.tabs(
        [
            *(["Edit the debrief" if debrief else "Write the debrief"] if debriefed else []),
            "Edit the interview",
            "Add a person",
            "Delete",
        ]
    )
    if debriefed:
        with tabs[0]:
            saved = shared.debrief_form(
                db,
                cfg,
                item["id"],
                key=f"interviews_debrief_{item['id']}",
                debrief=debrief,
                heard=heard_questions(full, cfg, bank_questions()),
            )
            if saved:
                done(saved)
    edit, person, delete = tabs[-3:]
    with edit:
        edit_interview(item)
    with person:
        add_person_form(item)
    with delete:
        delete_interview_form(item, sum(1 for r in full["recordings"] if r["recording_id"]), full["debriefs"])


def your_answers(full: dict) -> None:
    """The answers the review measured, each beside how often its question was practised first."""
    rows = interview_log.reviewed_answers(full, practice_attempts(), bank_texts())
    none_picked = interview_log.none_picked_out_words(full)
    if not rows and not none_picked:
        return
    # how the conversation went first, as the Review page shows it, for each recording that measured it
    measured = [r["conversation"] for r in full["recordings"] if how_it_went(r.get("conversation"))]
    for number, facts in enumerate(measured, start=1):
        which = f"in its {ordinal(number)} recording" if len(measured) > 1 else ""
        shared.how_the_conversation_went(facts, of=which)
    if none_picked:  # as the Review page says it: "The whole recording" was listed as an answer here
        st.markdown(f"{none_picked}; its review shows the conversation as it was said.")
    open_reviews(full)
    if not rows:
        return
    st.markdown("**Your answers, as the review measured them**")
    # a list, not a table: in a card on a phone a table's figures were past its right edge
    for r in rows:
        if r["not_measured"]:  # its dashes said nothing of why, nor what to do
            why = summary.for_the_page(
                r["not_measured"], may_change_settings=not cfg.on_server or shared.staff(cfg)
            )
            line = f"{unscored_as(r['off_the_question']).capitalize()}: {escape(why)}"
        else:
            line = summary.reviewed_answer_figures(r)
        st.markdown(f"“{escape(r['question'])}”  \n:gray[{line}]")
    if summary.practised_before_said(rows):
        st.caption(
            "“Practised before” counts your practice answers to the same question up to that day, with "
            "their mean score; Progress shows them side by side under Per question."
        )
    for recording_id in interview_log.heard_as_one_voice(full):  # the sentence above says to; it was
        # only possible by uploading the recording again, which transcribed the whole call again
        to_review_page(
            "Review it again as two voices",
            ":material/record_voice_over:",
            f"interviews_two_voices_{recording_id}",
            "Its transcription is reused. The Review page then plays each voice for you to pick yours.",
            review_again_recording=recording_id,  # done by the Review page, shown there
        )


def open_reviews(full: dict) -> None:
    """Each reviewed recording's whole review (the conversation as it was said, who is who, its
    answers and debrief draft) one click away, on the Review page: reopened, that page showed only
    its upload box, and the card pointed to a conversation nothing led to."""
    reviewed = [r["id"] for r in full["recordings"] if interview_log.was_reviewed(r)]
    for number, recording_id in enumerate(reviewed, start=1):
        which = f"the review of its {ordinal(number)} recording" if len(reviewed) > 1 else "its review"
        to_review_page(
            f"Open {which}",
            ":material/open_in_new:",
            f"interviews_open_review_{recording_id}",
            "The Review page shows it as it was kept; nothing is transcribed again.",
            review_show_recording=recording_id,
        )


def practice_attempts() -> list[dict]:
    if "attempts" not in CACHE:
        CACHE["attempts"] = store.list_attempts(db, newest_first=False)
    return CACHE["attempts"]


def bank_questions() -> list[banks.Question]:
    if "bank" not in CACHE:
        CACHE["bank"] = banks.load_questions(cfg.data_dir, owner=cfg.owner)
    return CACHE["bank"]


def bank_texts() -> dict[str, str]:
    if "bank_texts" not in CACHE:
        CACHE["bank_texts"] = {q.id: q.text for q in bank_questions()}
    return CACHE["bank_texts"]


def people_met(people: list[dict], heading: str) -> None:
    """The stage's people under `heading`: "People met", or "To meet" for a stage still to come."""
    if not people:
        return
    st.markdown(f"**{heading}**")
    for person in people:
        row = st.columns([6, 2.8], vertical_alignment="center")
        row[0].markdown(escape(person_line(person)))
        # side by side at any width: as two columns, a phone stacked them, three lines a person
        actions = row[1].container(horizontal=True, vertical_alignment="center")
        with actions.popover(
            "Edit",
            icon=":material/edit:",
            type="tertiary",
            help=f"Change what is kept about {escape(person['name'])}: their title and your notes",
        ):
            edit_person_form(person)
        if actions.button(
            "Remove",
            key=f"interviews_person_del_{person['id']}",
            icon=":material/person_remove:",
            type="tertiary",
            help=f"Remove {escape(person['name'])} from this interview",
        ):
            with shared.shown_errors():
                store.delete_person(db, person["id"])
                done(f"Removed {escape(person['name'])}.")


def edit_person_form(person: dict) -> None:
    """Someone met's title and notes, as kept; the notes a debrief added to can be shortened here.
    The boxes are not keyed, so notes grown elsewhere since (a debrief) show as now kept."""
    with st.form(f"interviews_person_edit_{person['id']}"):
        title = st.text_input("Title", value=person["title"] or "")
        notes = st.text_area("Notes", value=person["notes"] or "")
        if st.form_submit_button("Save changes", type="primary"):
            with shared.shown_errors():
                changes = person_edits(person, title=title, notes=notes)
                if changes:
                    store.update_person(db, person["id"], **changes)
                done(f"Saved {escape(person['name'])}." if changes else "Nothing had changed.")


def questions_they_asked(item: dict, full: dict) -> None:
    """The questions a review heard or a debrief listed, each one a click from the practice bank."""
    asked = heard_questions(full, cfg, bank_questions()) + [
        q for d in full["debriefs"] for q in questions_in_notes(d["notes"])
    ]
    if not asked:
        return
    st.markdown("**Questions they asked**")
    # the style drawn with its buttons: a stage opened runs alone
    shared.named_for_questions(f"interviews_add_q_{item['id']}_")
    for i, text in enumerate(dict.fromkeys(asked)):
        row = st.columns([6, 1.6], vertical_alignment="center")
        row[0].markdown(escape(text))
        if in_bank(cfg, text, bank_questions()):  # the bank read once a run
            row[1].caption("in your questions")  # beside "Add to my questions"; it said "in your bank"
        elif row[1].button(  # named by its question for a screen reader, the word alone on the page
            shared.for_question("Add to my questions", text), key=f"interviews_add_q_{item['id']}_{i}"
        ):
            with shared.shown_errors():
                playbook.save_questions_asked(cfg.data_dir, {"questions_asked": [text]}, owner=db.owner)
                st.rerun()


def options_kept_said(options: list[dict], kept: bool = False) -> str:
    """' The offer you wrote down from it (Acme · Staff engineer) stays under Offers and options;
    remove it there if it should go too.' before a stage is deleted, ' … is kept under Offers and
    options.' once it is (`kept`); nothing when no option came from it."""
    if not options:
        return ""
    names = "; ".join(escape(" · ".join(p for p in (o["company"], o["title"]) if p)) for o in options)
    one = len(options) == 1
    what = (
        f"The {interview_log.option_kind_said(options[0]['kind'])}" if one else f"The {len(options)} options"
    )
    said = f" {what} you wrote down from it ({names})"
    if kept:
        return f"{said} {'is' if one else 'are'} kept under Offers and options."
    them = "it" if one else "them"
    stays = "stays" if one else "stay"
    return f"{said} {stays} under Offers and options; remove {them} there if {them} should go too."


def _taken_out(taken_back: list[str]) -> str:
    """' 2 questions it had added were taken out of your practice questions.', or nothing."""
    if not taken_back:
        return ""
    were = "was" if len(taken_back) == 1 else "were"
    return f" {count(len(taken_back), 'question')} it had added {were} taken out of your practice questions."


DELETE_DEBRIEF_ASKED = (
    "Delete this debrief? The interview and the people met stay; questions it added to your "
    "practice questions go with it, except those you have starred, changed or answered since. "
    "This cannot be undone."
)


def forget_debrief_form(interview_id: int) -> None:
    """The stage's debrief form starts empty after its debrief is deleted: its boxes kept the
    deleted one's words, which "Save debrief" would have written back."""
    typed = f"interviews_debrief_{interview_id}_"  # the form's boxes, markers and rounds
    for key in [k for k in ss if str(k).startswith(typed)]:
        del ss[key]


def debriefs(written: list[dict], item: dict) -> None:
    for d in written:
        st.markdown(
            f"**Debrief** :gray[{moment_words(d['created_at'], today)}] — "
            + (f"interest {d['interest']}/5" if d["interest"] else "interest not set")
            + ", go on to the next stage: "
            f"{ {True: 'yes', False: 'no', None: 'undecided'}[d['proceed']] }"
        )
        shown = {**d, "notes": own_notes(d["notes"])}  # not the questions, nor a review draft's prompt
        for field, title in DEBRIEF_HEADINGS:
            lines = [escape(line.strip()) for line in (shown[field] or "").splitlines() if line.strip()]
            if lines:
                # gaps typed one a line read as a list; other notes keep their line breaks
                joined = ", ".join(lines) if field == "skill_gaps" else "  \n".join(lines)
                st.markdown(f"*{title}:* {joined}")
        # the only one too: a debrief written on the wrong stage could only be emptied
        if shared.asked_first(
            f"interviews_debrief_del_{d['id']}",
            "Delete this debrief",
            DELETE_DEBRIEF_ASKED,
        ):
            with shared.shown_errors():
                taken_back = delete_debriefs(db, cfg, [d["id"]])
                forget_debrief_form(item["id"])
                done("Debrief deleted." + _taken_out(taken_back))
    prompt = interview_log.debrief_prompt(item["stage"], item["interview_date"], today)
    if not written and item.get("unconfirmed"):  # after an offer accepted elsewhere: not known held
        st.caption(escape(item["unconfirmed"]))  # the company's name as typed
    elif not written and prompt:
        st.caption(prompt)


# ---------------------------------------------------------------- add


def open_add_form(company: str, role: str, last_stage: str, origin: str = "") -> None:
    """The "Add an interview" tab, opened with the company and role of an opportunity, the stage
    that follows its last one (first round after the recruiter screen) and how it started (the
    next stage read "How it started: —" after "I applied"), for its next stage."""
    form = shared.form_key("interviews_add")
    ss[f"{form}_company"], ss[f"{form}_role"] = company, role
    ss[f"{form}_stage"] = interview_log.stage_after(last_stage)
    ss[f"{form}_origin"] = origin if origin in ORIGINS else ""
    ss.interviews_tab = ADD_TAB


def started(opportunity: Opportunity, by_id: dict[int, dict]) -> str:
    """How the opportunity started: the origin given with its earliest stage that has one, or ""."""
    given = [by_id[s.interview_id].get("origin") or "" for s in opportunity.stages]
    return next((origin for origin in given if origin), "")


ADD_REFUSED = "interviews_add_refused"  # where the add form says why it added nothing


def add_interview_form(today: date) -> None:
    form = shared.form_key("interviews_add")
    with st.form(form):
        c1, c2 = st.columns(2)
        company = c1.text_input("Company", key=f"{form}_company")
        role = c2.text_input("Role", key=f"{form}_role")
        # why it was not added, by the fields it names: under the button it was out of sight on a
        # phone, below the first screen after Enter in the company's box
        refused = st.container(key=ADD_REFUSED)
        c3, c4, c5 = st.columns(3)
        # a stage set by "Add the next stage" is shown; a default beside it is a warning on the page
        first = {} if f"{form}_stage" in ss else {"index": LOG_STAGES.index("first round")}
        stage = c3.selectbox("Stage", LOG_STAGES, key=f"{form}_stage", **first)
        when = c4.date_input("Date", value=today)
        # none chosen until the user picks one, as `coach add-interview` without --format ("video" was said)
        fmt = c5.selectbox("Format", FORMATS, index=0, format_func=lambda f: f or "not set")
        origin = st.radio(
            "How it started", list(ORIGINS), format_func=ORIGINS.get, horizontal=True, key=f"{form}_origin"
        )
        people = st.text_area(
            "People you will meet or met (one a line: name — title — note)", key=f"{form}_people"
        )
        notes = st.text_area("Notes", key=f"{form}_notes")
        description = st.text_area("Job description", help=JOB_DESCRIPTION_HELP, key=f"{form}_job")
        shared.keep_typed(form, cfg.owner)  # a job description pasted, then another page opened: not lost
        if st.form_submit_button("Add interview", type="primary"):
            with shared.refused_in_sight(refused, ADD_REFUSED):
                added = interview_log.add_interview(
                    db,
                    company=company,
                    role=role,
                    stage=stage,
                    interview_date=when,
                    format=fmt,
                    origin=origin,
                    notes=notes,
                    people=people.splitlines(),
                    job_description=description,
                )
                shared.form_saved("interviews_add")
                joining = added in joining_stages(db, today)  # after the offer you accepted there
                after = interview_log.next_after_adding(store.get_interview(db, added), today, joining)
                kind = interview_log.stage_said_when_saved(stage, joining)  # as its row lists it, not "other"
                done(
                    " ".join(
                        filter(
                            None,
                            [f"Added {escape(company.strip())} ({escape(kind)}, {long_date(when)}).", after],
                        )
                    )
                )


# ---------------------------------------------------------------- prepare


def before_the_interview(interviews: list[dict], joining: set[int], today: date) -> None:
    """What is coming up, the playbook's checklist, and questions to ask them. `joining`: the stages
    after an offer you accepted there (after_the_offer_accepted of the page's pipeline)."""
    # an offer or a rejection logged as a stage is no interview to prepare for
    named = as_written_most(interviews)  # "acme" typed for one stage reads Acme, as on its card
    upcoming = [i for i in coming_up(named, today) if playbook.is_interview(i["stage"])]
    if upcoming:
        when = {i["id"]: date_words(str(i["interview_date"]), today) for i in upcoming}
        # each stage as its card names it: "other" was "Northwind Labs — other"
        stage_of = {
            i["id"]: interview_log.stage_listed(i["stage"], i["id"] in joining) or "interview"
            for i in upcoming
        }
        st.markdown(
            "**Coming up:** "
            + "; ".join(
                f"{escape(i['company'])} — {escape(stage_of[i['id']])}, {when[i['id']]}" for i in upcoming
            )
        )
    # its intro is that of the interview chosen under it (prepare.intro): drawn once it is chosen
    intro = st.empty()
    steps, accepted = None, None  # the checklist of the interview chosen, if one is ahead
    if upcoming:
        steps, accepted = checklist_for(upcoming, when, stage_of, interviews)
    said = prepare.intro(book, accepted)
    intro.markdown(f"## {escape(book.before_title)}\n{escape(said)}", anchors=False)
    if not upcoming:
        st.caption("Add the interview you are preparing for and your ticks are kept with it.")
        st.button(  # the caption asked for it with nothing to click
            "Add the interview",
            icon=":material/add:",
            type="tertiary",
            key="interviews_add_prepare",
            on_click=lambda: ss.update(interviews_tab=ADD_TAB),
        )
        # Streamlit forgets a checkbox once another page has run, so the ticks live in this
        # session's own set and are drawn from it: going to Progress and back kept none of them
        ticked = ss.setdefault("interviews_steps_ticked", set())
        for step in (s for s in book.steps if s.fits(later=False)):  # as for a process's first stage
            if st.checkbox(step.text, value=step.id in ticked, key=f"{STEP}_{step.id}"):
                ticked.add(step.id)
            else:
                ticked.discard(step.id)
            st.caption(step.detail)  # under it, once (a "?" beside it said the same again)
    st.markdown("## Questions to ask them", anchors=False)
    asks = banks.load_questions_to_ask(cfg.data_dir)
    if steps is not None:  # those that fit how it started
        asks = prepare.questions_to_ask(steps, asks, accepted)
    for ask in asks[:6]:
        st.markdown(f"- {escape(ask.text)} :gray[— {escape(ask.why)}]")
    st.page_link("app_pages/questions.py", label="All questions to ask", icon=":material/quiz:")


def checklist_for(
    upcoming: list[dict], when: dict[int, str], named: dict[int, str], interviews: list[dict]
) -> tuple[list, prepare.OfferAccepted | None]:
    """The checklist for one interview still ahead (the soonest unless another is picked), its ticks
    kept with that interview: shown as stored each run, and stored only when one is clicked. Returns
    its steps, and the offer accepted it is prepared knowing of. `when` and `named`: each one's day
    and stage as "Coming up" says them; `interviews`: the log, read once for the page."""
    by_id = {i["id"]: i for i in upcoming}
    chosen = st.selectbox(
        "Preparing for",
        list(by_id),
        format_func=lambda i: f"{by_id[i]['company']} — {named[i]}, {when[i]}",
        key="interviews_prepare_for",
    )
    if chosen not in by_id:  # the interview picked earlier is no longer ahead
        chosen = next(iter(by_id))
    failed = ss.pop("interviews_tick_failed", None)  # a click the store refused, said once
    if failed:
        st.error(failed)
    # an offer accepted: at a stage after it nothing is left to decide; elsewhere, you may withdraw
    if accepted := prepare.offer_accepted(db, chosen, today):
        company = by_id[chosen]["company"]
        said = prepare.offer_accepted_words(accepted, company, lambda day: date_words(day, today))
        st.info(escape(said), icon=":material/handshake:")
    practice = practice_of(chosen)
    ticks = prepare.checklist(db, chosen, book, logged=interviews, practice=practice)
    st.caption(f"{prepare.done_words(ticks).capitalize()}. Your ticks are kept with this interview.")
    if prepare.practice_counts([step for step, _ in ticks]):  # not where nothing is to rehearse
        st.caption(  # the loop: practice chosen for this interview on Practice and Mock
            f"Practised for it: {practised_for.practised_words(practice, today)}. Answers on Practice "
            "and mock interviews prepared for it count."
        )
    by_practice = prepare.done_by_practice(db, chosen, practice)
    interview = by_id[chosen]
    earlier = prepare.earlier_stages(db, chosen, interviews, today)  # none for a process's first stage

    def day(iso_date: str) -> str:
        return short_date(iso_date, today)

    for step, done in ticks:
        key = f"{STEP}_{chosen}_{step.id}"
        shown_as_stored(key, interview, done)
        kept_with = prepare.description_kept_with(interview, interviews)
        kept = step.id == prepare.DESCRIPTION_STEP and kept_with is not None
        debriefs_step = step.id == prepare.DEBRIEF_STEP  # done by the debriefs alone
        st.checkbox(
            step.text,
            key=key,
            on_change=store_tick,
            args=(key, interview, step.id),
            disabled=kept or debriefs_step,
        )
        rehearsed = step.id == prepare.REHEARSAL_STEP and by_practice  # unticked by you, it stays so
        missing = prepare.not_debriefed_words(earlier, day) if debriefs_step else ""
        st.caption(
            step.detail
            + (f" Done: {description_words(kept_with, interview, today)}." if kept else "")
            + (f" Done by your practice for it: {by_practice}." if rehearsed else "")
            + (
                f" Not yet: {escape(missing)}; write it under its stage on the Pipeline tab."
                if missing
                else ""
            )
        )
        if step.id == prepare.LOOK_BACK_STEP:  # what the stages before showed, under it
            said = prepare.earlier_words(
                earlier, interview.get("people") or [], day, lambda _stage: "its debrief on the Pipeline tab"
            )
            st.markdown("\n".join(f"- {escape(line)}" for line in said))
    return [step for step, _ in ticks], accepted


def description_words(kept_with: dict, interview: dict, today: date) -> str:
    """Where the job description the checklist counts is kept: with this interview, or with the
    stage of its opportunity it was pasted at ("the application, Fri 20 Nov")."""
    if kept_with["id"] == interview["id"]:
        return "its job description is kept with this interview"
    stage = "application" if playbook.is_application(kept_with["stage"]) else escape(kept_with["stage"] or "")
    when = short_date(kept_with["interview_date"], today)
    return f"the job description pasted with the {stage or 'earlier stage'}, {when}, counts for it"


def shown_as_stored(key: str, interview: dict, ticked: bool) -> None:
    """The checkbox `key` shows the tick stored whenever the store changed since the box was last
    set from it (`coach prepare` in a terminal, another tab, or a new interview given the id of one
    deleted): Streamlit keeps a checkbox's own value across reruns, and the page used to write
    that old value back over the change."""
    stored = (interview.get("uid"), ticked)
    if key not in ss or ss.get(f"{key}__stored") != stored:
        ss[key] = ticked
    ss[f"{key}__stored"] = stored


def store_tick(key: str, interview: dict, step_id: str) -> None:
    """The user clicked a step: store that tick or untick (only then; a rerun stores nothing). A
    refused one puts the box back as stored and is said on the run that follows."""
    ticked = ss[key]
    try:
        prepare.mark(db, interview["id"], book, step_id, ticked)
    except CoachError as e:
        ss[key] = not ticked
        ss.interviews_tick_failed = shared.said_to(cfg, e)
        return
    shown_as_stored(key, interview, ticked)  # as stored now: the next run leaves the box as it is


# ---------------------------------------------------------------- options
COMPARED_PER_ROW = 3
WEIGHED = ("open", "accepted")  # the options compared side by side; declined and expired are listed


def compare_options(options: list[dict], today: date) -> None:
    """The open options as cards in a row, the same facts in the same order on each, so the eye
    reads across them: a comparison, not a grid to scroll."""
    for start in range(0, len(options), COMPARED_PER_ROW):
        row = options[start : start + COMPARED_PER_ROW]
        # a place for "Answer by" on every card of a row when one has a deadline: on that card
        # alone, the facts under it sat lower than the same facts beside it
        answer_by = any(answer_said(o, today) for o in row)
        key = f"{OPTIONS_ROW}_{start}"
        blank = [f"{NO_ANSWER_BY}_{o['id']}" for o in row if answer_by and not answer_said(o, today)]
        st.html(lined_up(key, len(OPTION_FACTS) - (0 if answer_by else 1), blank))
        with st.container(key=key):
            columns = st.columns(COMPARED_PER_ROW)
            for column, option in zip(columns, row, strict=False):
                kept = f"{NO_ANSWER_BY}_{option['id']}"
                with column.container(border=True, height="stretch", key=kept if kept in blank else None):
                    option_card(option, today, answer_by)


# A paragraph that says nothing, keeping a fact's place on a card that has none of it: a zero-width
# space (a paragraph of spaces is no paragraph).
NOTHING_SAID = "\u200b"
# A row of options compared, keyed so that its cards' facts are laid on one grid (lined_up).
OPTIONS_ROW = "interviews_options"
# A card keeping a blank place for "Answer by" beside one with a deadline, keyed by its option's id:
# stacked on a phone, nothing beside it to line up with, the place is hidden (lined_up).
NO_ANSWER_BY = "interviews_no_answer_by"
# The facts of an option's card, one paragraph each, in this order ("Answer by" only in a row with
# a deadline; a card with none keeps its place blank): their labels, for lined_up's count of rows.
OPTION_FACTS = ("Compensation", "Answer by", "Your interest", "Scope, team, growth", "Red flags")


def lined_up(key: str, facts: int, blank: Sequence[str] = ()) -> str:
    """CSS laying a row of option cards on one grid, each card's parts (its badges, its name and
    title, each of its `facts`) on the same rows as the cards beside it: a compensation on two
    lines, or the pay mentioned under it, put "Your interest" and the facts below a line or two
    lower on that card than beside it, where the eye reads across. The cards pass the grid's rows
    down to each fact's paragraph (subgrid). On a phone (under 640 px) the cards are stacked as
    Streamlit stacks columns, each as it is, and the blank place kept for "Answer by" on the cards
    keyed `blank` (NO_ANSWER_BY) is hidden: it lined nothing up there, a gap between Compensation
    and Your interest on the Freelance card."""
    rows = 2 + facts  # the badges, the name and title, then one a fact
    row = f".st-key-{key} [data-testid=stHorizontalBlock]:has(> [data-testid=stColumn])"
    column = f"{row} > [data-testid=stColumn]"
    # a column holds a block, which holds the bordered card (a block in its wrapper)
    held = f"{column} > [data-testid=stVerticalBlock]"
    wrapper = f"{held} > [data-testid=stLayoutWrapper]"
    card = f"{wrapper} > [data-testid=stVerticalBlock]"
    outer = [column, held, wrapper, card]
    said = f"{card} > [data-testid=stElementContainer]:last-child"
    inner = [
        said,
        f"{said} > [data-testid=stMarkdown]",
        f"{said} > [data-testid=stMarkdown] > div",
        f"{said} [data-testid=stMarkdownContainer]",
    ]
    return (
        "<style>@media (min-width: 640px) { "
        f"{row} {{ display: grid; grid-template-columns: repeat({COMPARED_PER_ROW}, minmax(0, 1fr)); "
        f"grid-template-rows: repeat({rows}, auto); }} "
        f"{', '.join(outer)} {{ display: grid; grid-row: span {rows}; grid-template-rows: subgrid; "
        "grid-template-columns: minmax(0, 1fr); width: auto; } "
        f"{', '.join(inner)} {{ display: grid; grid-row: span {facts}; grid-template-rows: subgrid; "
        "grid-template-columns: minmax(0, 1fr); row-gap: 0; } "
        "} " + _stacked_without_blank(blank) + "</style>"
    )


def _stacked_without_blank(blank: Sequence[str]) -> str:
    """CSS hiding, under 640 px (the cards stacked), the blank "Answer by" place of the cards keyed
    `blank`: the second paragraph of their facts, said last (option_card: Compensation, then it;
    the name and title above are paragraphs too)."""
    if not blank:
        return ""
    place = "> :last-child [data-testid=stMarkdownContainer] > p:nth-child(2)"
    places = ", ".join(f".st-key-{key} {place}" for key in blank)
    return f"@media (max-width: 639.98px) {{ {places} {{ display: none; }} }}"


def option_card(option: dict, today: date, answer_by: bool = False) -> None:
    """An option's facts, in the same order on every card, one paragraph each (lined_up puts them
    on the rows of the cards beside it). `answer_by`: a card of its row has a deadline, so this one
    keeps its place, blank when it has none."""
    badges = st.container(horizontal=True)
    colour = {"offer": "green", "batna": "orange"}.get(option["kind"], "blue")
    badges.badge(interview_log.option_kind_said(option["kind"]), color=colour)
    if option["status"] != "open":
        badges.badge(option["status"], color="violet")
    # a line for the title even when there is none: the facts below line up with the next card's
    st.markdown(
        f"### {escape(option['company'] or '—')}  \n{escape(option['title']) or ':gray[—]'}", anchors=False
    )
    if option["interest_given"]:  # the one given to the option itself, else its last debrief's
        interest = f"{option['interest']} out of 5"
    elif option["interest"]:
        stage = escape(interview_log.own_stage_name(option["interest_stage"]) or "last stage")
        interest = f"{option['interest']} out of 5, after the {stage}"
    else:
        interest = ":gray[not given]"  # in words, as the other facts missing are
    answered = answer_said(option, today)
    rows = [
        # beside it, the pay its debriefs noted ("range 150-170k base" at the recruiter screen)
        ("Compensation", compensation_shown(option)),
        # only with a deadline: "Answer by: no deadline" said nothing (of a BATNA, nothing that could
        # be); once answered, the day it was ("Accepted on Mon 7 Dec", not "Answer by" a day still
        # to come); beside a card with one, its place is kept blank, so the facts below stay in line
        *([(answered[0][:1].upper() + answered[0][1:], answered[1])] if answered else []),
        *([(None, NOTHING_SAID)] if answer_by and not answered else []),
        ("Your interest", interest),
        ("Scope, team, growth", details_shown(option["details"] or "") or ":gray[—]"),
        (
            "Red flags",
            "  \n".join(
                f"After the {escape(interview_log.own_stage_name(f['stage']) or 'stage')}: "
                f"{red_flags_said(f['red_flags'])}"
                for f in option["red_flags"]
            )
            or ":gray[none noted]",
        ),
    ]
    st.markdown("\n\n".join(f"**{label}**  \n{value}" if label else value for label, value in rows))


def answer_said(option: dict, today: date) -> tuple[str, str] | None:
    """The fact where an option's card gives its deadline: ("answer by", its day) while it is
    open, ("accepted", the day it was) once answered; none when no day is known (its badge says
    "accepted" already)."""
    said = answer_fact(option, today)
    return said if said and said[1] else None


def compensation_shown(option: dict) -> str:
    """An option's compensation, with the pay or benefits mentioned in its opportunity's debriefs
    under it: the offer's figure read beside the range the recruiter screen gave."""
    mentioned = [f":gray[{escape(interview_log.pay_mentioned_said(m))}]" for m in option["pay_mentioned"]]
    return "  \n".join([escape(option["compensation"]) or ":gray[—]", *mentioned])


def details_shown(details: str) -> str:
    """An option's details on its card: one line a line, as typed ("Lead a team of 4" and "Hybrid 2
    days" read "… of 4 Hybrid 2 days"), their start only when long, as a stage's notes are cut
    (interview_log.notes_excerpt): an offer letter pasted whole filled the card, and stretched the
    cards beside it to its height."""
    excerpt, cut = interview_log.notes_excerpt(details)
    return as_lines(excerpt) + ("  \n:gray[the rest is under Edit or remove an option]" if cut else "")


def interest_picker(label: str, given: int | None, key: str | None = None) -> int | None:
    """How interested you are in an option, 1 to 5, picked as a debrief's interest is (none until
    one is picked; a click on the picked one clears it). Unkeyed, it shows `given` as kept now,
    as the edit form's other boxes do (changed in a terminal since, say)."""
    low, high = INTEREST_RANGE
    return st.segmented_control(
        label,
        list(range(low, high + 1)),
        default=given,
        key=key,
        help=(
            f"How interested you are in it, from {low} (not at all) to {high} (would move), as in a "
            "debrief. Leave it unpicked until you can say; click a picked one to clear it."
        ),
    )


def edit_option_form(options: list[dict]) -> None:
    with st.expander("Edit or remove an option"):
        stored = {o["id"]: o for o in store.list_options(db)}  # as kept: its own interest, not the debrief's
        by_id = {o["id"]: stored[o["id"]] for o in options if o["id"] in stored}
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
            interest = interest_picker("Your interest", option["interest"])
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
                        interest=interest,
                    )
                    if changes:
                        store.update_option(db, chosen, **changes)
                    done("Option saved." if changes else "Nothing had changed.")
        named = option_label(option, OPTION_KINDS)
        if shared.asked_first(
            f"interviews_option_del_{chosen}",
            "Remove this option",
            escape(f"Remove {named}, with everything written about it? This cannot be undone."),
        ):
            with shared.shown_errors():
                store.delete_option(db, chosen)
                done(f"Removed {escape(named)}.")


def offers_and_options(side_by_side: list[dict], opportunities: list[Opportunity], today: date) -> None:
    """Offers and alternatives side by side (the BATNA among them), editable, and a form to add one."""
    st.markdown(f"## {escape(book.options.title)}\n{escape(book.options.intro)}", anchors=False)
    with st.expander("Guidance"):
        st.markdown("\n".join(f"- {escape(g)}" for g in book.options.guidance))
    options = side_by_side
    accepted_note_shown(opportunities, options, today)  # where the offer was marked accepted
    if options:
        compare_options([o for o in options if o["status"] in WEIGHED], today)
        closed = [o for o in options if o["status"] not in WEIGHED]
        if closed:
            st.caption("No longer open: " + "; ".join(escape(option_label(o, OPTION_KINDS)) for o in closed))
        edit_option_form(options)
    else:
        st.caption("No options written down yet. Start with your current job: it is the BATNA to beat.")
    form = shared.form_key("interviews_option")
    with st.form(form):
        st.markdown("**Add an option**")
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox(  # none chosen: told by the name (an offer; "current job" is the BATNA)
            "Kind",
            list(OPTION_KINDS),
            index=None,
            format_func=OPTION_KINDS.get,
            placeholder="offer (BATNA for 'current job')",
            key=f"{form}_kind",  # follows the form's round: back to none once an option is added
        )
        opt_company = c2.text_input("Company (or 'current job')")
        title = c3.text_input("Title")
        compensation = st.text_input("Compensation (base, bonus, equity, benefits)")
        details = st.text_area("Scope, team, growth, flexibility, notes")
        c4, c5 = st.columns(2)
        deadline = c4.date_input("Deadline", value=None)
        came_from = {o.stages[-1].interview_id: o.label for o in opportunities}
        interview_id = c5.selectbox(
            "From your interviews with",
            [None, *came_from],
            format_func=lambda i: "not from an interview" if i is None else came_from[i],  # it read "—"
            help="Puts the option on that card; its company and title come from it when left empty.",
            key=f"{form}_from",  # follows the form's round: back to none once an option is added
        )
        interest = interest_picker("Your interest", None, f"{form}_interest")
        if st.form_submit_button("Add option"):
            with shared.shown_errors():
                interview_log.add_option(
                    db,
                    kind=kind,
                    company=opt_company,
                    title=title,
                    compensation=compensation,
                    details=details,
                    deadline=deadline,
                    interview_id=interview_id,
                    interest=interest,
                )
                shared.form_saved("interviews_option")
                done("Option added.")


st.html(PHONE_CARD + STEP_TITLES)
shared.page_header(
    "Interviews",
    "Your real interviews: who you met, what they asked, how interested you "
    "are at each stage, and the debrief that turns each one into practice.",
)
if ss.interviews_flash:
    # what was done, said where a keyboard's focus goes once the form pressed is drawn anew
    st.container(key="interviews_flash").success(ss.interviews_flash)
    shared.said_in_focus("interviews_flash")
    ss.interviews_flash = None
interviews = store.list_interviews(db)
opportunities, side_by_side = pipeline_report(db, today)
cadence_panel(interviews, opportunities, side_by_side, today)
# the tab chosen is kept across the rerun an action makes (adding an option jumped back to Pipeline)
log_tab, add_tab, prepare_tab, options_tab = st.tabs(
    ["Pipeline", ADD_TAB, PREPARE_TAB, "Offers and options"], key="interviews_tab", on_change="rerun"
)
with log_tab:
    pipeline_view(opportunities, side_by_side, {i["id"]: i for i in interviews}, today)
with add_tab:
    add_interview_form(today)
with prepare_tab:
    before_the_interview(interviews, after_the_offer_accepted(opportunities), today)
with options_tab:
    offers_and_options(side_by_side, opportunities, today)
