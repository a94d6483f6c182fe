"""`coach reanalyze`: stored answers brought to the current analysis, earlier results kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    settings_fixture,
    store_fixture,
    transcript_dict,
    wav_bytes,
)

from coach.analysis import ANALYSIS_VERSION
from coach.audio import save_recording
from coach.reanalysis import reanalyze
from coach.store import (
    add_interview,
    get_attempt,
    get_interview,
    list_attempts,
    save_attempt,
    save_interview_recording,
)
from coach.store.recordings import recover_recordings
from coach.store.schema import analysis_runs

DATA = Path(__file__).parent / "data"
ANSWER = (
    "Um, so in my last role the checkout service was, like, failing during peak traffic. "
    "I led the investigation and we cut errors by 80 percent within two weeks."
)


def _runs(store) -> list:
    with store.read() as conn:
        return conn.execute(sa.select(analysis_runs).order_by(analysis_runs.c.id)).all()


def test_old_answers_are_analysed_again_and_the_old_result_is_kept(store):
    old = analysis_dict(wpm=999, words=3, version="0.1", text=ANSWER)
    attempt_id = save_attempt(
        store,
        question_id="beh-conflict",
        question_text="A conflict?",
        recording=None,
        transcript=transcript_dict(ANSWER, 30.0),
        analysis=old,
        engine="faster-whisper",
        model="tiny.en",
    )
    interview_id = add_interview(store, company="Acme", interview_date="2025-03-01")
    answer = {"question_text": "Why Acme?", "transcript": transcript_dict(ANSWER, 30.0), "analysis": old}
    save_interview_recording(
        store, interview_id, recording=None, transcript=None, engine="e", model="m", answers=[answer]
    )

    report = reanalyze(store)
    assert {(r["what"], r["previous_version"]) for r in report["reanalysed"]} == {
        ("attempt", "0.1"),
        ("real answer", "0.1"),
    }
    attempt = get_attempt(store, attempt_id)
    assert attempt["analysis_version"] == ANALYSIS_VERSION
    assert attempt["words"] == len(ANSWER.split()) and attempt["wpm"] != 999
    assert attempt["fillers_per_100_words"] > 0  # "Um" and "like" are in the answer
    turn = get_interview(store, interview_id)["recordings"][0]["turns"][0]
    assert turn["analysis_version"] == ANALYSIS_VERSION
    assert sorted(run.analysis_version for run in _runs(store)) == ["0.1", "0.1"]
    assert _runs(store)[0].analysis["metrics"]["wpm"] == 999

    again = reanalyze(store)
    assert again["reanalysed"] == [] and again["unchanged"] == 2
    assert len(_runs(store)) == 2


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_retranscribing_and_recordings_never_analysed(store, settings):
    saved = save_recording(DATA / "clean.wav", settings)
    attempt_id = save_attempt(
        store,
        question_id=None,
        question_text="",
        recording=saved,
        transcript={"transcript": "", "words": []},
        analysis=analysis_dict(version="0.1", text=""),
        engine="old",
        model="old",
    )
    never = save_recording((DATA / "clean.flac").read_bytes(), settings, original_name="clean.flac")
    broken = save_recording((DATA / "not_audio.wav").read_bytes(), settings, original_name="not_audio.wav")
    assert len(recover_recordings(store, min_age_s=0)["adopted"]) == 2

    report = reanalyze(store, retranscribe=True)
    attempt = get_attempt(store, attempt_id)
    assert "checkout" in attempt["transcript_text"].lower()
    assert attempt["engine"] == settings.engine and attempt["words"] > 10
    assert [a["recording_path"] for a in report["new_attempts"]] == [store.relative(never.path)]
    assert [f["path"] for f in report["failed"]] == [store.relative(broken.path)]
    assert broken.path.exists()  # a file that cannot be analysed is still never deleted
    assert len(list_attempts(store)) == 2
    # the next run does not try the same sound again: it failed on every run ("1 failed", exit 1)
    again = reanalyze(store)
    assert again["failed"] == [] and again["new_attempts"] == [], again
    assert [k["path"] for k in again["not_analysable"]] == [store.relative(broken.path)]
    assert "not audio" in again["not_analysable"][0]["why"]


def test_a_recording_whose_file_is_gone_leaves_no_note_behind(store, settings):
    """A row whose file was moved or deleted by hand is not tried (it failed with "No file at …" on
    every run) but listed with why; that is not the sound being unmeasurable, so no hidden note is
    written beside a file that is not there."""
    gone = save_recording(wav_bytes(), settings, original_name="gone.wav")
    assert len(recover_recordings(store, min_age_s=0)["adopted"]) == 1
    gone.path.unlink()

    report = reanalyze(store)
    assert report["failed"] == []
    assert [k["path"] for k in report["not_analysable"]] == [store.relative(gone.path)]
    assert report["not_analysable"][0]["why"].startswith("Its audio is not on this machine")
    assert list(gone.path.parent.iterdir()) == []  # no stray `.gone.wav.question.json`


def test_an_answer_that_could_not_be_scored_is_not_scored_by_analysing_it_again(store):
    """What was found wrong in the recording (distorted sound, one voice where two speak) is not in
    the words, and `coach reanalyze` analysed the words alone: it scored and coached such answers.
    A real interview's short reply was told to be recorded again, as a practice take is."""
    from coach.analysis.quality import DISTORTED, ONE_VOICE

    def unscored(warning: str) -> dict:
        return {
            **analysis_dict(version="0.1", text=ANSWER),
            "scores": None,
            "feedback": [],
            "warnings": [warning],
        }

    attempt_id = save_attempt(
        store,
        question_id="beh-conflict",
        question_text="A conflict?",
        recording=None,
        transcript=transcript_dict(ANSWER, 30.0),
        analysis=unscored(DISTORTED),
        engine="faster-whisper",
        model="tiny.en",
    )
    interview_id = add_interview(store, company="Acme", interview_date="2025-03-01")
    short = "Yes, twice."
    answers = [
        {
            "question_text": "Why Acme?",
            "transcript": transcript_dict(ANSWER, 30.0),
            "analysis": unscored(ONE_VOICE),
        },
        {  # stored with the notice's earlier wording: still not scored, said as it is now
            "question_text": "Why this team?",
            "transcript": transcript_dict(ANSWER, 30.0),
            "analysis": unscored(
                "Only one voice was found, so your words could not be told apart from the interviewer's "
                "and nothing is scored. If two people speak in it, review it again saying how many "
                "people speak (2)."
            ),
        },
        {
            "question_text": "Have you led a team?",
            "transcript": transcript_dict(short, 2.0),
            "analysis": analysis_dict(version="0.1", text=short),
        },
    ]
    save_interview_recording(
        store, interview_id, recording=None, transcript=None, engine="e", model="m", answers=answers
    )

    assert len(reanalyze(store)["reanalysed"]) == 4
    attempt = get_attempt(store, attempt_id)
    assert attempt["analysis_version"] == ANALYSIS_VERSION
    assert attempt["analysis"]["scores"] is None and attempt["score_overall"] is None
    assert attempt["analysis"]["warnings"] == [DISTORTED] and attempt["analysis"]["feedback"] == []
    one_voice, earlier, reply = get_interview(store, interview_id)["recordings"][0]["turns"]
    assert one_voice["analysis"]["scores"] is None and one_voice["analysis"]["warnings"] == [ONE_VOICE]
    assert earlier["analysis"]["scores"] is None and earlier["analysis"]["warnings"] == [ONE_VOICE]
    assert reply["analysis"]["warnings"] == ["Only 2 words in 2 s: too little to measure."]


def test_a_real_interviews_bare_follow_up_is_analysed_again_as_the_question_it_follows(store):
    """`coach reanalyze` read a real interview's bare follow-up matched to no bank question by its
    words alone: "And how did that turn out?" after "Why do you want to work here?" became a story
    question again, its answer scored on STAR parts, where the review coaches it as the question it
    follows (coach.interview.turns.heard_question). A follow-up after a story stays one."""
    motive = (
        "I use your tools every day at work and I like how carefully they are built. I want to help make "
        "them better for other people, and this team works on exactly the part I care about most."
    )
    old = analysis_dict(version="0.1", text=motive)
    asked = [
        ("mot-03", "Why do you want to work here?"),
        (None, "And how did that turn out?"),
        ("beh-conf-02", "Tell me about a time you disagreed with your manager."),
        (None, "So, um, what happened next?"),
    ]
    interview_id = add_interview(store, company="Acme", interview_date="2025-03-01")
    answers = [
        {
            "question_id": qid,
            "question_text": text,
            "transcript": transcript_dict(motive, 30.0),
            "analysis": old,
        }
        for qid, text in asked
    ]
    save_interview_recording(
        store, interview_id, recording=None, transcript=None, engine="e", model="m", answers=answers
    )

    assert len(reanalyze(store)["reanalysed"]) == 4
    turns = get_interview(store, interview_id)["recordings"][0]["turns"]
    structure = [turn["analysis"]["scores"]["structure"] for turn in turns]
    assert [s.get("applies", True) for s in structure] == [False, False, True, True], structure
