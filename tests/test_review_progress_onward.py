"""The Review page's bar and `coach review`'s time left, from the reports of a real review."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.banks import load_questions
from coach.config import load_settings
from coach.interview.listen import Progress
from coach.interview.review import ReviewOptions, review

INTERVIEW = Path(__file__).parent / "data" / "interviews" / "interview_stereo.flac"  # 53 s, two voices


@pytest.mark.slow
@pytest.mark.decoded_afresh  # its time left is Whisper's pace: a replayed decode (decoded_once.py) has none
def test_a_review_bar_only_moves_forward_and_is_full_only_when_all_is_done(tmp_path):
    reports: list[Progress] = []
    review(
        INTERVIEW,
        load_settings(data_dir=tmp_path / "data"),
        ReviewOptions(),
        questions=load_questions(),
        progress=reports.append,
    )
    drawn = [p.fraction for p in reports]
    assert drawn == sorted(drawn), "the bar stepped back"
    assert drawn[-1] == 1.0
    # the bar stood at 93% from the end of transcribing (a quarter of the time) to the end: the
    # voices told apart, each answer heard again and the answers analysed move it on
    steps = {p.line(): p.fraction for p in reports if p.step or p.answers_heard}
    assert steps["telling the voices apart"] < steps["analysing your answers"] < 1.0
    heard_again = [f for line, f in steps.items() if line.startswith("hearing your answers again")]
    assert heard_again and heard_again == sorted(set(heard_again))
    assert max(drawn[:-1]) < 1.0
    # no time left said before one Whisper window (30 s) of the call is in: "0:19 left" of 13 s;
    # nor "0:00 left" while voices, answers and analysis were still to come
    said_left = [p for p in reports[:-1] if p.eta_s is not None]
    assert said_left and min(p.done_s for p in said_left) >= 30.0
    assert all(p.eta_s > 0 for p in said_left)


@pytest.mark.slow
def test_a_saved_review_is_done_only_once_it_is_in_the_log(tmp_path, earlier_reviews):
    from coach import store
    from coach.interview.orchestrator import review_recording

    settings = load_settings(data_dir=tmp_path / "data")
    earlier_reviews(settings.data_dir)  # the call's words as the test above left them
    db = store.open_store(settings)
    seen: list[tuple[str, float, int]] = []  # what the bar says, where it stands, interviews logged

    def on_progress(p: Progress) -> None:
        seen.append((p.line(), p.fraction, len(store.list_interviews(db))))

    try:
        review_recording(
            db, settings, INTERVIEW, company="Globex", role="Platform engineer", progress=on_progress
        )
    finally:
        db.close()
    # the bar stood full at "Done" while the interview was written to the log (1.4 s of 21 s)
    assert seen[-1] == ("done", 1.0, 1)
    assert [s for s in seen if s[1] >= 1.0] == seen[-1:]
    assert seen[-2][0] == "saving the interview" and seen[-2][1] < 1.0
