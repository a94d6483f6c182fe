"""The practice flow keeps the recording first, whatever happens after."""

from __future__ import annotations

import json

import pytest

from coach.errors import AudioError, NoSpeechError, NotAudioError
from coach.practice import ANALYSING, LISTENING_AGAIN, practice_answer

pytestmark = pytest.mark.slow


def saved_files(settings):
    return sorted(p for p in settings.recordings_dir.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "name, error",
    [("silence.wav", NoSpeechError), ("noise.wav", NoSpeechError), ("truncated.mp3", None)],
)
def test_a_failed_analysis_keeps_the_recording(clips, settings, name, error):
    data = (clips / name).read_bytes()
    if error is None:  # a truncated file may still hold an answer; kept whether or not it fails
        try:
            practice_answer(data, settings, original_name=name)
        except AudioError as e:
            assert name in str(e)
    else:
        with pytest.raises(error) as caught:
            practice_answer(data, settings, original_name=name)
        assert name in str(caught.value)  # the user's file name, not the saved copy's
    assert [p.read_bytes() for p in saved_files(settings) if p.suffix != ".json"] == [data]


@pytest.mark.parametrize("name", ["not_audio.wav", "empty.wav"])
def test_a_file_that_is_not_audio_is_not_kept_as_a_recording(clips, settings, name):
    with pytest.raises(NotAudioError) as caught:
        practice_answer((clips / name).read_bytes(), settings, original_name=name, question=None)
    assert name in str(caught.value) and saved_files(settings) == []


def test_an_answer_is_saved_analysed_and_stored(clips, settings):
    stages: list[tuple[str, float]] = []
    result = practice_answer(
        (clips / "fillers.wav").read_bytes(),
        settings,
        original_name="take.wav",
        progress=lambda message, fraction: stages.append((message, fraction)),
    )
    assert result.attempt_id == 1 and result.recording.path.exists()
    assert len([f for f in result.analysis["fillers"] if f["kind"] == "filled_pause"]) >= 5
    fractions = [f for _, f in stages]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert any(message.startswith("Transcribing") for message, _ in stages)
    # transcribing is said as it starts: "Reading the audio" stood until Whisper's first 30 s were
    # decoded (7-9 s of a one-minute answer)
    read = [message for message, _ in stages].index("Reading the audio")
    assert stages[read + 1][0].startswith("Transcribing: 0 of "), stages
    # and what follows the words is said: the bar stood at 90% "Transcribing: 14 of 14 s" while the
    # sound was gone over again (a quarter of the time), then at 92% for the moment analysis takes
    said = [message for message, _ in stages]
    assert said.index(LISTENING_AGAIN) == said.index(ANALYSING) - 1, stages
    assert dict(stages)[LISTENING_AGAIN] <= 0.8 < dict(stages)[ANALYSING]

    from coach.store import list_attempts, open_store

    store = open_store(settings)
    try:
        (attempt,) = list_attempts(store)
    finally:
        store.close()
    assert attempt["recording_path"].endswith(".wav")
    stored = settings.data_dir / attempt["recording_path"]
    assert stored.read_bytes() == (clips / "fillers.wav").read_bytes()


def test_the_result_keeps_the_typed_analysis_and_stores_its_json(clips, settings):
    from coach.analysis.answer import AnswerAnalysis
    from coach.store import get_attempt, open_store

    result = practice_answer((clips / "fillers.wav").read_bytes(), settings, original_name="take.wav")
    assert isinstance(result.answer, AnswerAnalysis) and result.answer.transcript is result.transcript
    assert result.analysis is result.analysis  # made once, however often a page reads it
    assert result.analysis["fillers"] == list(result.answer.fillers)
    assert result.analysis["engine"] == result.transcript.engine != ""
    store = open_store(settings)
    try:
        stored = get_attempt(store, result.attempt_id)["analysis"]
    finally:
        store.close()
    assert stored == json.loads(json.dumps(result.analysis))


def test_the_question_is_noted_beside_the_take_until_its_attempt_is_stored(clips, settings):
    """A take the analysis never finished (here: silence) still knows its question for later."""
    from coach import banks
    from coach.store.recordings import noted_question

    question = banks.load_questions(settings.data_dir)[0]
    with pytest.raises(NoSpeechError):
        practice_answer(
            (clips / "silence.wav").read_bytes(), settings, original_name="quiet.wav", question=question
        )
    [take] = [p for p in saved_files(settings) if not p.name.startswith(".")]
    assert noted_question(take) == (question.id, question.text)
    result = practice_answer((clips / "fillers.wav").read_bytes(), settings, question=question)
    assert result.attempt_id is not None
    assert noted_question(result.recording.path) == (None, "")


def test_a_short_answer_scored_on_its_pace_is_coached_on_it_not_told_pace_means_little(
    clips, settings, tmp_path
):
    """The fillers clip slowed to 0.7x: 26 words in 20 s at about 78 wpm. It passes the quality
    gate (20 words, 10 s), so its pace is scored, and low; the feedback must then say why, not
    call the answer too short for pace to mean much while its delivery score counts it."""
    import librosa
    import soundfile

    samples, rate = librosa.load(clips / "fillers.wav", sr=16000)
    soundfile.write(tmp_path / "slow.wav", librosa.effects.time_stretch(samples, rate=0.7), rate)
    result = practice_answer(tmp_path / "slow.wav", settings, save=False)
    analysis = result.analysis
    assert 20 <= analysis["metrics"]["words"] < 30 and analysis["metrics"]["wpm"] < 110, analysis["metrics"]
    assert analysis["scores"]["delivery"]["score"] < 50, analysis["scores"]["delivery"]
    feedback = analysis["feedback"]
    assert any("words a minute, below the 130–175 band" in line for line in feedback), feedback
    [short] = [line for line in feedback if line.startswith(f"Only {analysis['metrics']['words']} words")]
    assert "pace" not in short and "A full answer runs 60–120 s." in short, short


def test_a_short_answer_is_told_the_questions_own_length_once(clips, settings):
    """A 14 s answer to "Why should we hire you?" (about 1:15): the short-answer point gives the
    question's length, not the general 60–120 s that the question's own range contradicts."""
    from coach import banks

    [question] = [q for q in banks.load_questions(settings.data_dir) if q.id == "close-03"]
    result = practice_answer(clips / "fillers.wav", settings, question=question, save=False)
    # close-03 is a free-form question (format "free"): no situation or outcome is asked for
    [short] = [line for line in result.analysis["feedback"] if line.startswith("Only ")]
    assert "too short to make your point" in short and "situation" not in short, short
    assert short.endswith("A full answer to this question runs about 1:15."), short
    assert not any("60–120" in line for line in result.analysis["feedback"]), result.analysis["feedback"]


def test_a_short_answer_is_told_about_a_story_only_for_a_story_question(settings):
    """25 words to "What are your salary expectations?" (format free) are not told they are too short
    to tell the situation, what was done and how it turned out; as many to a STAR question are.
    (The salary answer itself given to a STAR question is not about it: test_off_topic.)"""
    from coach import banks
    from coach.analysis import analyze
    from coach.types import Transcript

    answer = (
        "I have looked at the market range for this role and I would expect something between "
        "ninety and a hundred thousand, depending on the whole package you offer."
    )
    story = (
        "I led the move to a new build system without being anyone's manager, and got the other "
        "leads to agree by showing them the numbers."
    )
    shorts = {}
    for question_id, said in (("mot-13", answer), ("beh-lead-01", story)):
        question = banks.get_question(question_id, settings.data_dir)
        feedback = analyze(Transcript.from_text(said), question=question, settings=settings).feedback
        [shorts[question.format]] = [line for line in feedback if line.startswith("Only ")]
    assert set(shorts) == {"free", "star"}
    assert "situation" not in shorts["free"] and "too short to make your point" in shorts["free"], shorts
    assert "too short to tell the situation, what you did and how it turned out" in shorts["star"], shorts
