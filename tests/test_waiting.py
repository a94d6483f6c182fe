"""What the Practice and Review pages of a cohort's coach say while a recording waits (coach.ui.waiting)."""

from coach.queue import JobState
from coach.ui.waiting import ANSWER, INTERVIEW, where_it_stands


def test_what_waits_ahead_is_counted_in_recordings_on_both_pages():
    """Practice answers and interview reviews share one queue: a practice answer behind an
    interview's review was told "1 answer ahead of yours"."""
    waiting = JobState(7, "waiting", ahead=2, workers=1)
    assert where_it_stands(waiting, ANSWER)[0] == "Your answer is in the queue: 2 recordings ahead of yours"
    assert (
        where_it_stands(waiting, INTERVIEW)[0]
        == "Your interview is in the queue: 2 recordings ahead of yours"
    )
    one = JobState(7, "waiting", ahead=1, workers=1)
    assert where_it_stands(one, ANSWER)[0] == "Your answer is in the queue: 1 recording ahead of yours"
    assert where_it_stands(JobState(7, "waiting", workers=1), ANSWER)[0] == "Your answer is next in the queue"


def test_an_interview_whose_analyser_stopped_is_named():
    """The Review page's card said "The analyser working on your interview stopped" with the form
    above emptied: nothing said which interview. It is named as the page names it."""
    stopped = JobState(7, "working", stalled=True, workers=0)
    named = "Hooli — Platform engineer, 6 Dec 2026 · first round"
    label, detail = where_it_stands(stopped, INTERVIEW, named)
    assert label == (
        f"The analyser working on your interview with {named} stopped, and no other analyser is running"
    )
    assert detail.startswith(f"Your interview with {named} is kept and analysed as soon as an analyser")
    assert where_it_stands(JobState(7, "working"), INTERVIEW, named)[0] == (
        f"Reviewing your interview with {named} now"
    )


def test_an_answer_that_failed_with_no_reason_of_its_own_is_said_once_on_return():
    """A failed answer with no sentence of its own read "While you were away, your answer to “…”
    could not be analysed: this answer could not be analysed; your recording is kept. …"."""
    from coach.queue import NOT_ANALYSED, NOT_ANALYSED_WHAT_TO_DO
    from coach.ui.waiting import failed_while_away

    said = failed_while_away("Why should we hire you?", NOT_ANALYSED + NOT_ANALYSED_WHAT_TO_DO)
    assert said == (
        "While you were away, your answer to “Why should we hire you?” could not be analysed: your "
        "recording is kept. Try again, or record it again."
    )
