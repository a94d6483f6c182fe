"""Cohort (multi-user mode, staff only): how the cohort practises, in aggregate only."""

import streamlit as st

from coach.identity import STAFF_ONLY
from coach.progress import cohort_no_question_words, cohort_report
from coach.ui import browser_clock, shared
from coach.ui.log_labels import short_date

cfg = shared.settings()
db = shared.store(cfg)
today = browser_clock.today()  # the person's, from their browser (not the server's)

shared.page_header(
    "Cohort",
    "How the cohort practises, in numbers only: no names, transcripts or recordings of anyone.",
)
if not shared.staff(cfg):
    st.warning(STAFF_ONLY)
    st.stop()

report = None  # a failed read (the database gone) leaves its sentence and nothing else below
with shared.shown_errors():
    report = cohort_report(db, cfg, today=today)
if report is None:
    st.stop()
# "Answers this week" counted the answers of real interviews reviewed as well as practice: each
# is counted under its own name, and the people are those who answered either way
c1, c2, c3, c4 = st.columns(4)
c1.metric("People who have answered", report["people"])
c2.metric("Practice answers this week", report["practice_this_week"])
c3.metric("Real interview answers this week", report["real_this_week"])
c4.metric("People answering this week", report["people_this_week"])
if report["no_question_this_week"]:
    st.caption(cohort_no_question_words(report["no_question_this_week"]))


def shown(value, decimals: int = 0) -> str:
    return "—" if value is None else f"{value:.{decimals}f}"


# On a phone (390 px) the week read "Mon / 30 / Nov" on three lines, and the averages (text, for
# their "—") sat left while the counts sat right: the week keeps to one line and every figure is
# right-aligned, as a column of numbers reads; on a phone the cells are padded less, so the six
# columns still fit without a sideways scroll.
WEEKS = "cohort_weeks"
WEEKS_LAID_OUT = (
    f"<style>.st-key-{WEEKS} td:first-child p {{ white-space: nowrap !important; }} "
    f".st-key-{WEEKS} :is(td, th):not(:first-child) {{ text-align: right !important; }} "
    f"@media (max-width: 640px) {{ .st-key-{WEEKS} th, .st-key-{WEEKS} td "
    "{ padding-left: 0.3rem !important; padding-right: 0.3rem !important; } }</style>"
)

shared.heading("Week by week", 2)
st.html(WEEKS_LAID_OUT)
st.container(key=WEEKS).table(
    [
        {
            "Week of": short_date(week["week"], today),
            "Answers": week["answers"],
            "People": week["people"],
            "Average score": shown(week["score_overall"]),
            "Fillers per 100 words": shown(week["fillers_per_100_words"], 1),
            "Pace (words a minute)": shown(week["wpm"]),
        }
        for week in reversed(report["weeks"])
    ]
)
st.caption(
    "Answers are practice answers and the answers of real interviews reviewed; the staff's own are "
    "not counted. Averages show only for weeks when the answers of at least "
    f"{report['min_people']} people were "
    "measured, so no number is one person's. Answers that could not be measured are counted but "
    "not averaged."
)

if cfg.queue:
    from coach import queue  # only in cohort mode with a queue

    with shared.shown_errors():
        queue.ready(cfg)
        now = queue.queue_overview(db, cfg)
        shared.heading("Recordings being analysed", 2)
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("Analysers running", now.analysers)
        c2.metric("Answers waiting", now.waiting, help="Practice answers not taken up by an analyser yet.")
        c3.metric("Interviews waiting", now.interviews_waiting, help="Real interviews sent for review.")
        c4.metric("Being analysed now", now.analysing, help="Answers and interviews alike.")
        if not now.analysers:
            alone = now.waiting + now.interviews_waiting == 1
            waiting = (
                f"{now.waiting_words()} {'waits' if alone else 'wait'}"
                if now.waiting or now.interviews_waiting
                else "recordings sent now wait"
            )
            st.warning(
                f"No analyser is running, so {waiting} until one starts; students waiting are told "
                f"so. {queue.START_AN_ANALYSER}"
            )
        if now.older:
            st.warning(queue.older_analysers_words(now.older))
