"""Speaker separation on real recordings with reference turns (issue 18).

The recordings come from packages (scripts/real_speech.py fetches and checks them): a phone call
of two women (pyannote.audio's sample, MIT) and AMI meeting clips (CC BY 4.0) shipped with their
reference turns in pyannote.audio's source distribution. None of these were used to choose the
thresholds in coach/interview/speakers.py (those come from the AMI trn* clips and the generated
clips); benchmarks/speakers_real.py prints the figures. Whisper runs for real, so the bars sit
well under what was measured (CPUs' instruction sets move Whisper's words a little).
"""

from __future__ import annotations

import pytest

from coach.analysis.quality import PHONE_SOUND_QUICK_MODEL, phone_sound
from coach.banks import load_questions
from coach.config import load_settings
from coach.interview.chunks import opening
from coach.interview.evaluation import attribution_accuracy, single_speaker
from coach.interview.review import ReviewOptions, review
from scripts import real_speech

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    settings = load_settings(data_dir=tmp_path_factory.mktemp("data"))
    done: dict = {}

    def run(path, n_speakers: int | None = None) -> dict:
        key = (str(path), n_speakers)
        if key not in done:
            options = ReviewOptions(n_speakers=n_speakers)
            done[key] = review(path, settings, options, questions=load_questions())
        return done[key]

    return run


def _attribution(result: dict, clip: str, turns: str = "turns") -> float:
    """`turns`: the turns of words, or `speech_turns`, who spoke when from the sound."""
    truth = single_speaker(real_speech.reference_turns(clip))
    return attribution_accuracy(result[turns], truth, best_mapping=True)


@pytest.mark.parametrize(
    ("clip", "measured", "measured_speech"), [("dev00", 0.902, 0.925), ("dev01", 0.838, 0.904)]
)
def test_two_men_in_a_meeting_are_two_voices_with_their_own_words(reviewed, clip, measured, measured_speech):
    """Two men in a meeting room, 30 s: two voices found and most speech given to the right one,
    by the turns of words and by the turns of speech (from the sound, not the words)."""
    result = reviewed(real_speech.ensure_meetings() / f"{clip}.wav")
    assert len(result["speakers"]) == 2
    assert _attribution(result, clip) >= measured - 0.08
    assert _attribution(result, clip, "speech_turns") >= measured_speech - 0.08


def test_a_phone_call_said_to_have_two_people_gives_each_her_words(reviewed):
    """Two women on a phone call: alone the coach hears one voice (their voices sit closer than the
    bar chosen on other recordings); told that two people speak, 87% of speech goes to the right
    one (measured), the most the words allow being 88%."""
    result = reviewed(real_speech.ensure() / "conversation.wav", n_speakers=2)
    real_speech.ensure_meetings()
    assert _attribution(result, "conversation") >= 0.80
    # who spoke when from the sound: 88.7% measured, where the voice detector allows 99%
    assert _attribution(result, "conversation", "speech_turns") >= 0.82
    # a real phone call (a 16 kHz file carrying a call's band) heard by the Quick model: the
    # review says its transcript is rougher, and where to find the model that hears it better
    assert PHONE_SOUND_QUICK_MODEL in result["warnings"]


def test_only_a_phone_recording_is_said_to_be_one(reviewed):
    """Meetings and a lecture recorded at full bandwidth are not phone recordings; the call's
    8 kHz copy and the lecture's are (the shares of energy above 4.2 kHz: coach.analysis.quality)."""
    meetings = real_speech.ensure_meetings()
    for clip in (meetings / "dev00.wav", meetings / "dev01.wav", real_speech.ensure() / "lecture.wav"):
        assert PHONE_SOUND_QUICK_MODEL not in reviewed(clip)["warnings"], clip.name
    settings = load_settings()
    for clip in ("conversation_8k.wav", "lecture_8k.wav", "news_8k.wav"):
        assert phone_sound(opening(real_speech.ensure() / clip, settings)), clip
    for clip in ("news.wav", "lecture.wav"):
        assert not phone_sound(opening(real_speech.ensure() / clip, settings)), clip


def test_a_lecture_at_full_bandwidth_is_one_voice(reviewed):
    """The same lecture as the 8 kHz one-voice test, at 16 kHz (the two halves measure 0.93)."""
    result = reviewed(real_speech.ensure() / "lecture.wav")
    assert result["identification"]["method"] == "one voice"
    assert len(result["speakers"]) == 1
    assert [t["speaker"] for t in result["speech_turns"]] == ["candidate"]
