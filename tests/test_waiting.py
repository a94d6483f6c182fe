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
