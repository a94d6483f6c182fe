"""Filled pauses heard from the audio (issue 10): the real tiny.en model on real clips, no mocks.

Clips come from scripts/make_filled_pause_set.py; each filler's time is known by construction.
Whisper runs without the verbatim prompt where a test needs it to drop the fillers, as it does
on real speech even with the prompt.
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import numpy as np
import pytest

from coach.analysis import analyze
from coach.audio import load_audio
from coach.transcribe import get_engine, transcribe_audio
from coach.transcribe.filled_pauses import recover_filled_pauses
from coach.transcribe.filled_pauses.evaluation import TOLERANCE_S
from coach.types import DecodedAudio, Transcript

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data" / "filled_pauses"
LABELS = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base_settings(tmp_path_factory):
    from coach.config import load_settings

    return load_settings(data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def engine(base_settings):
    return get_engine(base_settings)


@pytest.fixture(scope="module")
def heard(engine, base_settings):
    """Transcribe a clip once per module: (samples, Whisper's transcript, seconds it took)."""
    cache: dict = {}

    def run(name: str, verbatim: bool = False):
        if (name, verbatim) not in cache:
            samples = load_audio(DATA / name, base_settings).samples
            start = time.perf_counter()
            transcript = engine.transcribe(samples, verbatim=verbatim)
            cache[(name, verbatim)] = (samples, transcript, time.perf_counter() - start)
        return cache[(name, verbatim)]

    return run


def _bare(text: str) -> str:
    return text.strip(" ,.?!").lower()


def acoustic(transcript: Transcript) -> list:
    return [w for w in transcript.words if w.source == "acoustic"]


def matches(word, label) -> bool:
    return word.start_s < label["end_s"] + TOLERANCE_S and word.end_s > label["start_s"] - TOLERANCE_S


@pytest.mark.parametrize("name", ["fillers_00_16k.wav", "fillers_01_8k.wav", "fillers_04_16k.wav"])
def test_fillers_whisper_dropped_are_heard_where_they_were_said(heard, base_settings, name):
    """Whisper drops these fillers without the prompt on most CPUs; where it kept one (on an AMD EPYC
    with AVX2 it kept all three of fillers_04_16k.wav's), it is taken out first, as Whisper drops
    them on real speech, so the sound alone must give each back."""
    samples, transcript, _ = heard(name)
    transcript = transcript.with_words([w for w in transcript.words if _bare(w.text) not in {"uh", "um"}])
    recovered = recover_filled_pauses(samples, transcript, base_settings)
    fillers, labels = acoustic(recovered), LABELS[name]["fillers"]
    assert len(fillers) == len(labels)
    assert all(any(matches(w, label) for w in fillers) for label in labels)
    assert {w.text for w in fillers} <= {"uh", "um"}


def test_fillers_glued_to_the_next_word_are_heard(heard, base_settings):
    """ "um-the database": no pause after the filler, and Whisper stamps the next word late."""
    glued = [name for name, label in LABELS.items() if label["kind"] == "glued"]
    found = missed = invented = 0
    for name in glued:
        samples, transcript, _ = heard(name)
        recovered = recover_filled_pauses(samples, transcript, base_settings)
        fillers, labels = acoustic(recovered), LABELS[name]["fillers"]
        hits = sum(any(matches(w, label) for w in fillers) for label in labels)
        found, missed = found + hits, missed + len(labels) - hits
        invented += sum(not any(matches(w, label) for label in labels) for w in fillers)
    assert len(glued) == 12
    assert found / (found + missed) >= 0.75, (found, missed)  # 19 of 24 measured
    assert invented == 0


def test_recovered_fillers_are_words_in_time_order_and_in_the_text(heard, base_settings):
    samples, transcript, _ = heard("fillers_00_16k.wav")
    recovered = recover_filled_pauses(samples, transcript, base_settings)
    starts = [w.start_s for w in recovered.words]
    assert starts == sorted(starts)
    pairs = zip(recovered.words, recovered.words[1:], strict=False)
    assert all(a.end_s <= b.start_s + 1e-6 for a, b in pairs)
    assert recovered.text.split().count("uh") + recovered.text.split().count("um") == 3
    assert len(recovered.words) == len(transcript.words) + 3


def test_analysis_counts_recovered_fillers_as_filled_pauses(heard, base_settings):
    samples, transcript, _ = heard("fillers_01_8k.wav")
    before = analyze(transcript).to_dict()
    after = analyze(recover_filled_pauses(samples, transcript, base_settings)).to_dict()
    filled = [f for f in after["fillers"] if f["kind"] == "filled_pause"]
    assert len(filled) == len([f for f in before["fillers"] if f["kind"] == "filled_pause"]) + 2
    assert all(f.get("source") == "acoustic" for f in filled)
    assert after["metrics"]["fillers_per_min"] > before["metrics"]["fillers_per_min"]


def test_fillers_whisper_kept_are_not_counted_twice(heard, base_settings):
    """With the verbatim prompt Whisper keeps TTS fillers but stamps them late: they get the heard time."""
    samples, transcript, _ = heard("fillers_00_16k.wav", verbatim=True)
    recovered = recover_filled_pauses(samples, transcript, base_settings)
    fillers = [w for w in recovered.words if w.text.strip(",.").lower() in {"uh", "um", "umm"}]
    labels = LABELS["fillers_00_16k.wav"]["fillers"]
    assert len(fillers) == len(labels)
    assert all(any(matches(w, label) for w in fillers) for label in labels)


NEGATIVES = [name for name, label in LABELS.items() if label["split"] != "bad_input" and not label["fillers"]]


@pytest.mark.parametrize("name", NEGATIVES)
def test_no_filler_is_invented(heard, base_settings, name):
    """Silent pauses, breaths, elongated words, a hum or noise bed, a music interlude."""
    samples, transcript, _ = heard(name, verbatim=True)
    assert acoustic(recover_filled_pauses(samples, transcript, base_settings)) == []


@pytest.mark.parametrize("name", ["only_music.wav", "only_hum.wav", "only_noise.wav"])
def test_no_speech_at_all_gets_no_fillers(engine, base_settings, name):
    """Whatever Whisper makes of it (nothing, or an invented 'Uh...' on music), nothing is added."""
    samples = load_audio(DATA / name, base_settings).samples
    transcript = engine.transcribe(samples)
    assert acoustic(recover_filled_pauses(samples, transcript, base_settings)) == []


def test_a_long_silence_inside_an_answer_gets_no_fillers(engine, base_settings):
    samples = load_audio(DATA / "silent_pauses_16k.wav", base_settings).samples
    cut = len(samples) // 3
    longer = np.concatenate([samples[:cut], np.zeros(6 * 16000, dtype=np.float32), samples[cut:]])
    transcript = engine.transcribe(longer)
    assert acoustic(recover_filled_pauses(longer, transcript, base_settings)) == []


def test_transcribe_audio_recovers_fillers_unless_turned_off(base_settings):
    audio: DecodedAudio = load_audio(DATA / "fillers_01_8k.wav", base_settings)
    quiet = dataclasses.replace(base_settings, verbatim=False)
    assert len(acoustic(transcribe_audio(audio, quiet))) == 2
    assert acoustic(transcribe_audio(audio, dataclasses.replace(quiet, recover_fillers=False))) == []
