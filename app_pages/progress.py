"""Progress: each measure over time (practice and real interviews apart), per question, what next."""

import os
import time
from datetime import date

import streamlit as st

from coach import banks, goals, interview_log, recommend
from coach.analysis.wording import count
from coach.debrief import kinds_of_question_note
from coach.goals import TARGETS
from coach.job_description import interview_asks
from coach.local_time import in_lived_order, zone
from coach.pipeline import joining_stages
from coach.progress import (
    LABELS,
    MEASURES,
    after_accepting_words,
    bands,
    figures_side_by_side,
    gaps_named_words,
    mock_sentence,
    mock_words,
    practice_goal_words,
    practised_for_another_role_words,
    progress_report,
    real_answers_analysed,
    real_answers_counted,
    unscored_words,
)
from coach.store import get_attempt, list_attempts, list_interviews
from coach.ui import browser_clock, charts, left_midway, shared, summary
from coach.ui.highlight import escape
from coach.ui.log_labels import moment_words

SHOWN_QUESTIONS = 15  # questions listed each in its box; the rest are chosen from a list
cfg = shared.settings()
db = shared.store(cfg)
today = browser_clock.today()  # the person's, from their browser (not the server's)


def nothing_yet(real_interviews: int) -> None:
    """No answer measured yet: say what the charts will show and when (the facts that exist, and
    what to practise next, are shown around this box). With an interview logged, or reviewed without
    an answer it could measure, "Review a real interview's recording" read as if none had been."""
    compare = (
        "beside the answers a review of a real interview measures."
        if real_interviews
        else "Review a real interview's recording to compare the two."
    )
    with st.container(border=True):
        shared.heading("Nothing to chart yet", 2)
        first = "Your pace, fillers and structure are charted here from your first practice answer"
        st.markdown(f"{first}, {compare}" if real_interviews else f"{first}. {compare}")
        st.page_link("app_pages/practice.py", label="Answer your first question", icon=":material/mic:")


def something_to_show(report: dict) -> bool:
    """Before any answer: an interview logged (held or booked) or a debrief's skill gaps, which
    the headline and What to practise next show (as `coach progress` does)."""
    real = report["cadence"]["real_interviews"]
    gaps = report["skill_gaps"]
    return bool(
        report["counts"]["real_interviews"]
        or real["upcoming"]
        or gaps["gaps"]
        or gaps.get("unmatched")
        or gaps.get("kinds_of_question")
    )


def headline(report: dict) -> None:
    """Counts, the last practice, and when the next real interview is due."""
    counts = report["counts"]
    real = report["cadence"]["real_interviews"]
    practice = report["cadence"]["practice_attempts"]
    c1, c2, c3, c4 = st.columns(4)
    in_mock = counts.get("practice_in_mock_interviews", 0)
    unmeasured = counts["practice_attempts"] - counts.get("practice_measured", counts["practice_attempts"])
    off = counts.get("practice_off_question", 0)  # measured, but not scored: not answers to their questions
    c1.metric(
        "Practice answers",
        counts["practice_attempts"],
        help=f"{practice['last_365_days']} in the last year."
        + (f" {mock_sentence(in_mock)}" if in_mock else "")
        + (f" {unscored_words(unmeasured - off, off)} and {'is' if unmeasured == 1 else 'are'} "
           "left out of the charts." if unmeasured else ""),
    )  # fmt: skip
    if counts["real_interviews"]:
        booked = f"; {len(real['upcoming'])} more booked" if real["upcoming"] else ""
        analysed = real_answers_analysed(counts)
        held = f"{analysed[0].upper()}{analysed[1:]}{booked}."
    else:
        held = f"{len(real['upcoming'])} booked." if real["upcoming"] else "None held yet."
    c2.metric("Real interviews", counts["real_interviews"], help=held)
    c3.metric(
        "Last practice",
        summary.last_day_label(practice["last"], date.fromisoformat(report["today"])),
        help=summary.last_day_help(practice["last"], date.fromisoformat(report["today"])),
    )
    # as on the Interviews page, from one decision (progress.real_interview_cadence): the new job's
    # cadence once an offer is accepted
    shown = summary.next_interview_metric(
        date.fromisoformat(real["next_due"]),
        real["state"],
        real["overdue"],
        real.get("next_booked"),
        date.fromisoformat(report["today"]),
        first=real.get("first_to_book", False),
    )
    last = f"Last real interview: {summary.days_ago(real['days_since_last'])}." if real["last"] else None
    shown["help"] = " ".join(h for h in (shown.get("help"), last) if h) or None
    first = real.get("first_to_book", False)
    if first:  # "book your first" in a grey pill read as a button that did nothing: a link instead
        shown.pop("delta", None)
    c4.metric(**shown)
    # the Interviews page on its "Add an interview" tab, as its own "Add your first" opens it (a link
    # opened it on Pipeline, a step from the form); the tab's name is the page's ADD_TAB
    if first and c4.button(
        "Add your first",
        icon=":material/event_note:",
        key="progress_add_first",
        on_click=lambda: st.session_state.update(interviews_tab="Add an interview"),
    ):
        st.switch_page("app_pages/interviews.py")
    if after := real.get("after_accepting"):  # "booked: Umbrella" was a process one may withdraw from
        st.markdown(escape(after_accepting_words(after, "the Interviews page")))


def your_goals(report: dict) -> None:
    """How often the user means to practise and where they stand, their targets (drawn on the
    charts below), and a form to set, change or clear them (coach.goals, as `coach goals`)."""
    shared.heading("Your goals", 2)
    practice = report["cadence"]["practice_attempts"]
    due = practice["next_due"] and summary.due_label(date.fromisoformat(practice["next_due"]), today)
    words = practice_goal_words(practice, due or "")
    lines = []
    if words:
        goal, state, rest = words
        colour = "green" if state == "on track" else "orange"
        lines.append(f"**Practice** {goal}: :{colour}[{state}], {rest}.")
    targets = [TARGETS[kind].words(value) for kind, value in report["targets"].items() if kind in TARGETS]
    if targets:
        lines.append(f"**Targets:** {', '.join(targets)}; each is drawn on its chart below as a dashed rule.")
    if lines:
        st.markdown("  \n".join(lines))
    else:
        st.caption(
            "No goals yet. Set how many days a week you mean to practise, and a target for your pace, "
            "fillers or overall score: each target is drawn on its chart as a dashed rule."
        )
    yours = goals.within_bounds(goals.your_goals(db))  # one stored beyond them is offered as the nearest
    with st.popover("Change your goals" if lines else "Set your goals", icon=":material/flag:"):
        with st.form("progress_goals"):
            set_practice = yours["practice"] or {}
            low, high = goals.PRACTICE_PERIOD_DAYS
            c1, c2 = st.columns(2)
            # no bounds in the fields: a number past a field's bound (a pace goal of 400) left "Save
            # goals" doing nothing, the other goals typed with it unsaved; coach.goals refuses it
            # in a sentence instead ("A pace goal is between 100 and 200 words per minute, not 400.")
            days = c1.number_input(
                "Practise on … days",
                value=set_practice.get("days"),
                step=1,
                placeholder="no goal",
                help=f"From 1 to the days in the period ({low} to {high}).",
            )
            every = c2.number_input(
                "every … days",
                value=set_practice.get("every_days", goals.PRACTICE_EVERY_DAYS),
                step=1,
                help=f"From {low} to {high} days.",
            )
            values = {}
            for kind, target in TARGETS.items():
                number = int if target.decimals == 0 else float
                now = yours["targets"].get(kind)
                unit = f" {target.unit}" if target.unit else ""
                values[kind] = st.number_input(
                    f"{target.name.capitalize()} goal" + (f" ({target.unit})" if target.unit else ""),
                    value=None if now is None else number(now),
                    step=number(10**-target.decimals),
                    # whole numbers as "%d": "%.0f" on an int logged a warning on every run
                    format="%d" if number is int else f"%.{target.decimals}f",
                    placeholder="no goal",
                    help=f"From {target.low:g} to {target.high:g}{unit}.",
                )
            names = {goals.PRACTICE_KIND: "practice"} | {k: t.name for k, t in TARGETS.items()}
            removed = st.multiselect(
                "Remove",
                [k for k in names if k in yours["targets"] or (k == goals.PRACTICE_KIND and set_practice)],
                format_func=lambda k: f"{names[k].capitalize()} goal",
                placeholder="Goals to remove",
            )
            st.caption("A box left empty sets no goal; a goal already set goes when chosen under Remove.")
            if st.form_submit_button("Save goals", type="primary"):
                with shared.shown_errors():
                    # only what the user changed: a goal stored beyond the bounds (offered as the
                    # nearest) or changed from the terminal since the page was drawn stays as it is
                    practice_days = None if days is None else (int(days), int(every))
                    was = (set_practice["days"], set_practice["every_days"]) if set_practice else None
                    changes = {goals.PRACTICE_KIND: practice_days} if practice_days != was else {}
                    changes |= {k: v for k, v in values.items() if v != yours["targets"].get(k)}
                    goals.change_goals(db, changes | dict.fromkeys(removed))
                    st.rerun()


def users_clock() -> str:
    """Whose clock the charts name days on (the browser's zone, else this machine's): part of what
    a kept chart was drawn from, as the data are."""
    return repr(zone()) if zone() is not None else f"{os.environ.get('TZ')} {time.tzname}"


# A year's charts took a second of each run to build and check (Altair checks a spec against its
# schema each time st.altair_chart draws it); drawn once per data, measure, band, goal and clock.
@st.cache_data(show_spinner=False, max_entries=32)
def trend_spec(
    series: dict, title: str, band, target, measure: str, clock: str
) -> tuple[dict | None, int | None]:
    chart, window = charts.trend_chart_with_average(series, title, band, target, measure=measure)
    return (None if chart is None else charts.vega_lite_spec(chart)), window


@st.cache_data(show_spinner=False, max_entries=8)
def mock_spec(series: list[dict], clock: str) -> dict | None:
    chart = charts.mock_chart(series)
    return None if chart is None else charts.vega_lite_spec(chart)


def over_time(report: dict) -> None:
    """One measure charted, practice and real apart, with the band and the user's goal."""
    shared.heading("Over time", 2)
    measure = st.selectbox(
        "Measure", list(MEASURES), format_func=lambda m: LABELS[m].capitalize(), key="progress_measure"
    )
    chart, window = trend_spec(
        report["trends"][measure],
        LABELS[measure],
        bands(cfg).get(measure),
        report["targets"].get(measure),
        measure,
        users_clock(),
    )
    if chart is None:
        st.caption(
            "None of your answers could be measured yet (the answers that could not be measured, "
            "below, say why): answer a question again to start the chart."
            if report["counts"]["practice_attempts"] and not report["counts"].get("practice_measured")
            else "No values of this measure yet."
        )
    else:
        shared.chart(chart, f"{LABELS[measure].capitalize()} of each of your answers, oldest first.")
        band = bands(cfg).get(measure)
        # the key names only what is charted: no diamonds before a real interview is measured, and
        # no line through one answer alone (a first answer's dot was keyed "Circles and a solid line")
        notes = [key for key in chart_key(report["trends"][measure]) if key]
        if window:  # months of answers: the direction, not one answer's ups and downs
            notes.append(
                f"The thick dark line follows the average of {window} practice answers in a row, so the "
                "direction shows through one answer's ups and downs."
            )
        if band:
            notes.append(f"The shaded band is the comfortable range ({band[0]:g}–{band[1]:g}).")
        if (target := report["targets"].get(measure)) is not None:
            # read as the goal is read above ("3.0 fillers per 100 words"), not "(3)"
            goal = TARGETS[measure].figure(target) if measure in TARGETS else f"{target:g}"
            notes.append(f"The dashed rule is your goal ({goal}).")
        if measure == "pitch_variation_st":
            notes.append(
                f"How far your pitch moves around its middle; under {cfg.thresholds.monotone_below_st:g} "
                "semitones a voice is heard as flat."
            )
        st.caption(" ".join(notes))
    entry = report["improvement"].get(measure)
    if entry:
        st.markdown(summary.improvement_sentence(entry, report["counts"]["practice_attempts"]))


def chart_key(charted: dict) -> tuple[str, str]:
    """What the trend chart draws of each kind, as its key says it: a line joins two answers or more,
    so one answer is a point alone ("" for a kind not charted)."""
    practice, real = (len(charted.get(kind) or ()) for kind in ("practice", "real"))
    return (
        "" if not practice else "The circle: your practice answer." if practice == 1
        else "Circles and a solid line: practice answers.",
        "" if not real else "The diamond: your answer in a real interview." if real == 1
        else "Diamonds and a dashed line: answers in real interviews.",
    )  # fmt: skip


def mock_interviews(report: dict) -> None:
    """Mock interviews as their own series: the score per session, the time, the gap that repeated."""
    series = report["mock_interviews"]
    if not series:
        return
    shared.heading("Mock interviews", 2)
    rows, shared_by_all = summary.mock_rows(series, date.fromisoformat(report["today"]))
    chart = mock_spec(series, users_clock())
    square = ""
    if chart is not None:
        shared.chart(chart, "The overall score of each mock interview, oldest first.")
        square = "One square per mock interview: the overall score of its answers to the main questions."
    if square or shared_by_all:  # what every row shares, said once: a phone read it in every row
        st.caption(f"{square} {shared_by_all}".strip())
    # a table whose cells wrap to the page's width: in a table sized to its cells, "Results left
    # unsaid in 2 of 5 stories" was cut to "Results left unsaid in 2 of" at 1280 px, and on a phone
    # the column was out of view
    st.table(rows, hide_index=True, border="horizontal")


def practice_against_real(report: dict) -> None:
    comparison = []
    for measure, v in report["practice_vs_real"].items():
        # as `coach progress` gives them: one precision for the two ("5.0" beside "5.3")
        practice, real = figures_side_by_side((v["practice_mean"], v["real_mean"]), measure)
        comparison.append({"Measure": v["label"], "Practice": practice, "Real": real})
    with st.expander("Practice against real interviews, every measure"):
        if not any(v["real_n"] for v in report["practice_vs_real"].values()):
            # a "Real" column of dashes, "beside 0 real ones", compared nothing: why it is empty
            reviewed = report["counts"].get("real_answers_reviewed", 0)
            none_picked = report["counts"].get("real_recordings_none_picked_out", 0)
            if reviewed:  # "review the recording of one" read as if none had been reviewed
                st.caption(
                    f"The {count(reviewed, 'answer')} from your reviewed real interviews could not be "
                    "measured, so there is nothing to set beside your practice yet; a review whose "
                    "answers are measured puts them here, measure by measure."
                )
            elif none_picked:  # as the Interviews card says it
                which = "the recording you reviewed" if none_picked == 1 else "the recordings you reviewed"
                st.caption(
                    f"No question from the interviewer was recognised in {which}, so no answers were "
                    "picked out to set beside your practice; a review whose answers are picked out and "
                    "measured puts them here, measure by measure."
                )
            else:
                st.caption(
                    "No real interview measured yet: review the recording of one (Review a real "
                    "interview) and its answers are set beside your practice here, measure by measure."
                )
            return
        days = next(iter(report["practice_vs_real"].values()))["lead_up_days"]
        if days:
            st.caption(
                f"Practice here is the practice of the {days} days up to each real interview, beside "
                "those interviews, so the two are compared at the same point in your practice."
            )
        elif any(v["real_n"] for v in report["practice_vs_real"].values()):
            st.caption(
                "None of your practice came in the month before a real interview, so all your "
                "practice is set beside all your real interviews."
            )
        shared.table(comparison)
        # three narrow columns, whole on a phone; the counts and bands are said below them
        st.caption(summary.comparison_notes(report["practice_vs_real"]))


def per_question(report: dict, attempts: list[dict]) -> None:
    """Each question's practice and real answers in one table, a click from practising it again."""
    shared.heading(summary.PER_QUESTION, 2)  # named where a question of yours is deleted
    items = report["per_question"]
    unlisted = summary.unlisted_answers_sentence(attempts)
    if unlisted:  # the count above includes them: the list alone summed to fewer
        st.caption(unlisted)
    if not items:
        st.caption(
            "Questions whose answers were measured appear here, one line per question; none of yours "
            "could be measured yet."
            if report["counts"]["practice_attempts"] and not report["counts"].get("practice_measured")
            else "Answers to bank questions appear here, one line per question."
        )
    today = date.fromisoformat(report["today"])
    with_real = real_answers_counted(report["counts"])  # no "0 real" before any real interview
    in_bank = {q.id for q in banks.load_questions(cfg.data_dir, owner=cfg.owner)} if items else set()
    for item in items[:SHOWN_QUESTIONS]:
        with st.expander(escape(question_title(item, with_real))):
            question_history(item, today, item["question_id"] in in_bank)
    rest = {item["question_id"]: item for item in items[SHOWN_QUESTIONS:]}
    if rest:  # months of practice: every question stays a click away, not only the most answered
        chosen = st.selectbox(
            f"{count(len(rest), 'more question')} you answered",
            list(rest),
            index=None,
            format_func=lambda qid: question_title(rest[qid], with_real),
            placeholder="Choose one to see its answers",
            key="progress_more_question",
        )
        if chosen:
            question_history(rest[chosen], today, chosen in in_bank)


def not_measured(attempts: list[dict]) -> None:
    """The practice answers that could not be measured (too short, off the question, ...): left out of
    every chart and table above, so listed here, each deletable with its recording, as a measured
    one is (they could be deleted only right after taking them, or from the terminal)."""
    unmeasured = [a for a in reversed(attempts) if a["score_overall"] is None]  # newest first
    if not unmeasured:
        return
    by_id = {a["id"]: a for a in unmeasured}  # newest first
    one = len(unmeasured) == 1
    off = sum(1 for a in unmeasured if a.get("off_the_question"))  # measured: said apart
    title = (
        f"{count(len(unmeasured), 'answer')} that could not be measured"
        if not off
        else f"{count(len(unmeasured), 'answer')} not scored"
    )
    with st.expander(title):
        st.caption(
            f"{'It is' if one else 'They are'} left out of the charts and the questions above; "
            f"{'its recording is' if one else 'their recordings are'} kept until you delete "
            f"{'it' if one else 'them'}."
        )
        chosen = st.selectbox(
            "Which answer",
            list(by_id),
            format_func=lambda i: (
                f"{moment_words(str(by_id[i]['created_at']), today, with_time=True)} · "
                f"{by_id[i]['question_text'] or 'no question'}"
                + (" · did not answer the question" if by_id[i].get("off_the_question") else "")
            ),
            key="progress_unmeasured_pick",
        )
        # why this one, as Practice said it when it was taken (too short, off the question, ...)
        why = (get_attempt(db, chosen)["analysis"] or {}).get("warnings") or [
            "Its measures could not be trusted, so it has no score."
        ]
        st.caption("  \n".join(escape(w) for w in why))
        delete_this_answer("progress_delete_unmeasured", chosen)


def recordings_not_analysed() -> None:
    """Recordings kept but never analysed (silent, too short, or their analysis stopped midway):
    no answer was made of them, so no list above has them; each is deletable here, asked first,
    with what it is said (an interrupted one may well be a usable answer)."""
    from coach.unanalysed import delete_not_analysed, recordings_not_analysed

    kept = {}  # a failed read leaves its sentence, not a list
    with shared.shown_errors():
        kept = {r.id: r for r in reversed(recordings_not_analysed(db))}  # newest first
    if not kept:
        return
    with st.expander(f"{count(len(kept), 'recording')} not analysed"):
        st.caption(
            "Kept when they were saved but never analysed, so they are in none of the lists above "
            "and have no answer of their own. They stay until you delete them."
        )
        chosen = st.selectbox(
            "Which recording",
            list(kept),
            format_func=lambda i: (
                f"{moment_words(str(kept[i].created_at), today, with_time=True)} · "
                f"{kept[i].named}, {kept[i].state}"
            ),
            key="progress_not_analysed_pick",
        )
        recording = kept[chosen]
        if recording.why:
            st.markdown(escape(recording.why))
        elif recording.interview and not recording.resumable:  # kept before its interview was noted
            st.markdown(
                "Nothing says which interview this recording belongs to; upload it again on the "
                "Review page with the interview's company to review it."
            )
        if recording.resumable:
            st.button(
                "Review it now",
                type="primary",
                key="progress_resume_review",
                on_click=lambda: st.session_state.update(review_resume=recording.path),
            )
            if st.session_state.get("review_resume") == recording.path:
                st.switch_page("app_pages/review.py")  # reviewed where any review is shown
        asked = (
            "Delete this recording? Its review was stopped before it finished, so it can still be "
            "reviewed; deleting it cannot be undone."
            if recording.interview and recording.pending
            else "Delete this recording? Its analysis was interrupted before it finished, so it may well "
            "be a usable answer; deleting it cannot be undone."
            if recording.pending
            else "Delete this recording? Its audio is not on this machine, so only its place in this list "
            "goes; this cannot be undone."
            if recording.audio_missing
            else "Delete this recording? It could not be measured; deleting it cannot be undone."
        )
        if shared.asked_first("progress_delete_not_analysed", "Delete this recording", asked):
            with shared.shown_errors():
                delete_not_analysed(db, recording)
                st.session_state.progress_recording_deleted = True
                st.rerun()


def question_title(item: dict, with_real: bool = True) -> str:
    """'Tell me about yourself. — 6 practice (2 in mock interviews), 0 real; 1 more practice answer
    could not be measured' (plain text: escape it for markdown): every answer to it, as Practice
    counts them. Those not measured are named apart ("1 more"): ", 1 could not be measured" read
    as one of the 6 practice answers. `with_real` (progress.real_answers_counted): a user with no
    real interview held or reviewed reads no "0 real"."""
    in_mock = sum(1 for p in item["practice"] if p.get("mock_interview"))
    real = f", {len(item['real'])} real" if with_real or item["real"] else ""
    return (
        f"{item['question_text'] or item['question_id']} — {len(item['practice'])} practice"
        f"{mock_words(in_mock)}{real}{unmeasured_words(item)}"
    )


def unmeasured_words(item: dict) -> str:
    """'; 2 more practice answers and 1 real one could not be measured', or '' for none: the
    question's answers left out of its counts and its table, practice and real each named."""
    real = item.get("unmeasured_real", 0)
    practice = item.get("unmeasured", 0) - real
    off = item.get("off_question", 0)  # measured, but not answers to it: not "could not be measured"
    if off and off == practice + real:
        was, it = ("was", "it") if off == 1 else ("were", "they")
        return f"; {count(off, 'more answer')} {was} not scored: {it} did not answer it"
    if off:
        measured = f"{practice + real - off} could not be measured"
        return f"; {count(practice + real, 'more answer')} not scored ({off} did not answer it, {measured})"
    if not practice and not real:
        return ""
    if practice and real:
        which = f"{count(practice, 'more practice answer')} and {count(real, 'real one')}"
    else:
        which = count(practice, "more practice answer") if practice else count(real, "more real answer")
    return f"; {which} could not be measured"


def question_history(item: dict, today: date, in_bank: bool = True) -> None:
    """One question's practice and real answers in one table, and a button to practise it ("again"
    once practised); a question deleted since (one of the user's own) has no button, but a word why."""
    # '1 Dec practice', '1 Dec mock', '1 Dec real' (named below), as Practice's table reads them
    rows = summary.answer_rows(item["practice"], item["real"], today)
    shared.answers_table(rows, f"progress_all_{item['question_id']}")
    st.caption(
        " ".join(filter(None, (escape(real_interviews_named(item["real"], today)), summary.TABLE_UNITS)))
    )
    if not in_bank:
        st.caption(
            "You deleted this question from your questions, so it cannot be practised again; "
            "its answers stay here."
        )
    elif st.button(
        "Practise this question again" if item["practice"] else "Practise this question",
        key=f"progress_again_{item['question_id']}",
        on_click=shared.practise,
        args=(item["question_id"],),
    ):
        st.switch_page("app_pages/practice.py")
    delete_an_answer(item, today)


def delete_an_answer(item: dict, today: date) -> None:
    """One of the question's practice answers deleted with its recording, asked first (a take not
    wanted could only go with all one's data)."""
    if not item["practice"]:
        return
    key = f"progress_delete_{item['question_id']}"
    by_id = {p["id"]: p for p in item["practice"]}
    named = summary.answers_named(item["practice"], today)
    with st.popover("Delete a practice answer", icon=":material/delete:"):
        chosen = st.selectbox(
            "Which answer",
            list(reversed(by_id)),  # newest first, as the table lists them
            # each as the table above names it ("5 Dec practice", "5 Dec mock"), in its order; two
            # of a day with their times ("5 Dec 09:12 practice")
            format_func=lambda i: f"{named[i]} · overall {summary.plain(by_id[i]['score_overall'])}",
            key=f"{key}_pick",
        )
        delete_this_answer(key, chosen)


def delete_this_answer(key: str, attempt_id: int) -> None:
    """The chosen practice answer's "Delete this answer", asked first; what went is said on the
    next run (`progress_deleted`). An answer that could not be measured and one of a question's
    answers are deleted alike."""
    if shared.asked_first(
        key,
        "Delete this answer",
        shared.delete_answer_asked(db, attempt_id),
    ):  # as every delete asked first (shared.DELETE_BUTTON): never the page's main (primary) button
        with shared.shown_errors():
            st.session_state.progress_deleted = shared.delete_answer(db, attempt_id)
            st.rerun()


def real_interviews_named(real_rows: list[dict], today: date) -> str:
    """Which real interview each "real" row of a question's table was (plain text: escape it), oldest
    first: 'Real: Sat 5 Dec, Globex first round; Thu 10 Dec, Acme final.'"""
    named = {}
    for r in sorted(real_rows, key=lambda r: in_lived_order(r["interview_date"])):
        day = moment_words(str(r["interview_date"]), today) if r["interview_date"] else "no date"
        stage = interview_log.stage_listed(r["stage"])  # "interview", not "other", as lists name it
        named.setdefault(f"{day}, {r['company'] or ''} {stage}".strip(" ,"), None)
    return "Real: " + "; ".join(named) + "." if named else ""


def what_next(report: dict, attempts: list[dict]) -> None:
    """Skill gaps the debriefs named, and questions that practise them."""
    shared.heading("What to practise next", 2)
    gaps = report["skill_gaps"]
    if gaps["gaps"]:
        # each in the debriefs' own words when they differ from the skill's, as `coach progress` says it
        st.markdown(f"Skill gaps from your debriefs: {escape(gaps_named_words(gaps['gaps']))}.")
        shared.named_for_questions("progress_rec_")
        for q in gaps["recommended"]:
            row = st.columns([6, 1], vertical_alignment="center")
            row[0].markdown(
                f"**{escape(q['text'])}**  \n:gray[{escape(summary.tags_words(q['competencies']))}]"
            )
            if row[1].button(
                shared.for_question("Practise", q["text"]),
                key=f"progress_rec_{q['id']}",
                on_click=shared.practise,
                args=(q["id"],),
            ):
                st.switch_page("app_pages/practice.py")
        for said in practised_for_another_role_words(gaps, "on the Questions page (Role: {role_words})"):
            st.caption(escape(said))  # a gap with no pick under it: why, and where its questions are
    if gaps.get("unmatched"):
        named = escape(", ".join(gaps["unmatched"]))
        st.caption(
            f"Also named in your debriefs, matching no practice question: {named}. "
            "Add a question of your own for each on the Questions page (Add your own)."
        )
    if gaps.get("kinds_of_question"):  # as saving the debrief said it: no skill, and what to name
        st.caption(
            f"Also named in your debriefs: {escape(kinds_of_question_note(gaps['kinds_of_question']))}"
        )
    if not gaps["gaps"] and not gaps.get("unmatched") and not gaps.get("kinds_of_question"):
        day = date.fromisoformat(report["today"])
        until = recommend.without_debrief_gaps(  # as Practice decides, with no interview chosen there
            attempts, day, interview_asks(list_interviews(db), day, leave_out=joining_stages(db, day))
        )
        if gaps.get("debriefs"):  # written, but none of the last year's names a skill missing
            ask = (
                "None of your debriefs from the last year names a skill gap; fill in Skill gaps found "
                "when you edit one (Interviews page) and the questions that practise it are listed here."
            )
        else:
            ask = (
                "Write a debrief after each real interview (Interviews page) and the skills it names as "
                "missing turn into practice questions here."
            )
        st.caption(f"{ask} {escape(until)}")


shared.page_header(
    "Progress",
    "How your answers change over time. Practice and real interviews are "
    "separate series, so you can see whether practice carries over.",
)
left_midway.after_a_stopped_run()  # a review left for this page: listed once it has stopped
shared.answer_deleted("progress_deleted")
if st.session_state.pop("progress_recording_deleted", False):
    st.success("That recording is deleted.", icon=":material/delete:")
report = None  # a failed read (the database gone) leaves its sentence and nothing else below
with shared.shown_errors():
    attempts = list_attempts(db, newest_first=False)  # read once a run, for every part below
    report = progress_report(db, cfg, today=today, attempts=attempts)
if report is None:
    st.stop()
if report["counts"]["practice_attempts"] == 0 and report["counts"]["real_answers"] == 0:
    if something_to_show(report):  # an interview logged, a debrief's gaps: shown before any answer
        headline(report)
    nothing_yet(report["counts"]["real_interviews"])
    your_goals(report)  # set before the first answer, a goal is there to meet from it
    recordings_not_analysed()  # a first take that could not be analysed is deletable from the start
    if something_to_show(report):
        what_next(report, attempts)
    st.stop()
headline(report)
your_goals(report)
over_time(report)
mock_interviews(report)
practice_against_real(report)
per_question(report, attempts)
not_measured(attempts)
recordings_not_analysed()
what_next(report, attempts)
