"""The quality gate: can the measures of this answer be trusted? If not, no score and no coaching.

A score on a wreck does harm: a 48 s answer that lost its first 30 s of words was coached as
"66 wpm, shorter pauses would lift it", and a 1 s take got "360 wpm, score 18" (issue 15). So
before any score the answer is checked for what makes its measures meaningless; each failure is
one plain sentence saying what went wrong and what to do, and the answer gets `scores: null`,
no feedback, and is left out of Progress (its measure columns stay empty in the store).
"""

from __future__ import annotations

import numpy as np

from coach.analysis.wording import clock, count
from coach.types import OFF_QUESTION_WORDS, SAMPLE_RATE, Transcript

# Pace, fillers per 100 words and STAR shares swing wildly on a few words: one filler in ten words
# reads as 10 per 100. Under 20 words or 10 s of speech the coach says so instead of scoring
# (the shortest answers interview coaches accept run about 30 s; 10 s is far below any answer).
MIN_WORDS = 20
MIN_SPEECH_S = 10.0
# Share of the speech the voice detector heard that may stay without words before the measures
# stop meaning anything. Measured after the second decoding (coach.transcribe.coverage): none
# unheard on the real lecture, phone call and news (both rates, with and without the prompt) nor on
# the 32 fluent espeak-ng clips of benchmarks/fluent_speech.py (before the repair decoded what is
# still unheard in shorter pieces, one 8 kHz clip kept 66% unheard); the windows the prompt dropped
# before the repair were 29-100% of their clips. 15% sits far from both.
MAX_UNHEARD_SHARE = 0.15
# Audio at full scale in more than this share of its loud samples (above 0.1) was recorded too hot:
# the words may still come through but pace and pauses from the distorted sound do not. Measured on
# two test clips and the real lecture, news and call, peak-normalised then driven past full scale:
# 0% as recorded, 0.4-4% at +6 dB, 3-12% at +12 dB, 17-30% at +20 dB; 10% flags +12 dB and worse.
CLIPPED_LEVEL = 0.99
MAX_CLIPPED_SHARE = 0.10


# The gate in plain words, for Settings (the page shows these; the numbers are the constants above).
RULES = (
    (
        "Too little said",
        f"under {MIN_WORDS} words or {MIN_SPEECH_S:g} s of speech",
        "pace, fillers per 100 words and structure swing wildly on a few words",
    ),
    (
        "Speech lost",
        f"over {MAX_UNHEARD_SHARE:.0%} of the speech heard but not transcribed",
        "the measures would describe only part of the answer",
    ),
    (
        "Distorted audio",
        f"over {MAX_CLIPPED_SHARE:.0%} of the loud sound at full scale",
        "pace and pauses cannot be read from distorted sound",
    ),
    (
        "Not an answer to the question",
        "a practice answer about something else altogether (a recipe, a lecture, small talk)",
        "its talking points and content would be judged on something else",
    ),
    (
        "One voice in an interview",
        # in the Review page's words: its "How many people speak" (the control said nowhere before)
        "a review hears one voice, and How many people speak was not set to “1 (only me)”",
        "the interviewer's questions would be scored as your answer",
    ),
)


def off_topic_problem(
    question: str, *, story: bool = True, interview: bool = False, follow_up: bool = False
) -> str:
    """Why an answer about something else altogether (coach.analysis.relevance.off_topic) gets no
    score: its pace and talking points would be measured on a recipe or a lecture. In a mock
    interview, which has moved on, there is no taking it again. `follow_up`: a reply to a mock
    interview's follow-up question, which asks more about the answer just given."""
    if follow_up:
        what = "the story you just told" if story else "the answer you just gave"
        return (
            f"This reply {OFF_QUESTION_WORDS} the follow-up “{question.rstrip('.')}”, so it "
            f"is not scored. Next time, answer it about {what}."
        )
    if not story and interview:
        how = "Next time, answer the question asked."
    elif not story:
        how = "Answer the question asked, and try again."
    elif interview:
        how = "Next time, answer it with a time it happened to you."
    else:
        how = "Answer the question with a time it happened to you, and try again."
    return f"This {OFF_QUESTION_WORDS} “{question.rstrip('.')}”, so it is not scored. {how}"


def unheard_warnings(transcript: Transcript) -> list[str]:
    """One sentence per stretch of speech that stayed without words."""
    return [
        f"{clock(a)}–{clock(b)}: speech was heard here but not transcribed." for a, b in transcript.unheard
    ]


def blocking_problems(transcript: Transcript, n_words: int, *, interview: bool = False) -> list[str]:
    """Why this transcript cannot be scored, as sentences with what to do; [] when it can."""
    if transcript.duration_s is None:  # typed: no sound, so no seconds of speech and nothing unheard
        # in an interview, text without times is only a stored answer analysed again from its text
        # alone (coach.reanalysis, no transcript kept): it is left as it was first analysed
        return [] if interview or n_words >= MIN_WORDS else [typed_too_short(n_words)]
    problems = []
    speech_s = transcript.speech_s
    spoken_s = speech_s if speech_s is not None else transcript.duration_s
    if n_words < MIN_WORDS or spoken_s < MIN_SPEECH_S:
        # a short reply in an interview is normal; only a practice take is worth recording again
        # enough words in too few seconds reads by its seconds: "Only 33 words in 8 s" stood under a
        # 15 s take whose clock had read 0:15, as if 33 words were few
        said = (
            f"Only {count(n_words, 'word')} in {how_long(spoken_s)}"
            if n_words < MIN_WORDS
            else f"Only {how_long(spoken_s)} of speech was heard ({count(n_words, 'word')})"
        )
        problems.append(
            f"{said}: too little to measure." + ("" if interview else " Record the whole answer again.")
        )
    elif speech_s and transcript.unheard_s / speech_s > MAX_UNHEARD_SHARE:
        lost = transcript.unheard_s / speech_s
        problems.append(
            f"{lost:.0%} of your speech could not be transcribed, so the measures would be "
            "wrong. Record again closer to the microphone, or upload the file."
        )
    return problems


def typed_too_short(n_words: int) -> str:
    """Why a typed answer of a few words gets no score: "Yes." was coached and scored 53/100."""
    said = f"Only {count(n_words, 'word')}: too little" if n_words else "No words"
    return f"{said} to measure. Write the whole answer, as you would say it, and try again."


def how_long(seconds: float) -> str:
    """'under a second', '1 s', '9 s': never '0 s' for a take that did have sound."""
    return "under a second" if seconds < 0.5 else f"{seconds:.0f} s"


def clipped_share(samples: np.ndarray) -> float:
    """Share of the loud samples that sit at full scale (the recording was too hot)."""
    loud = np.abs(samples) > 0.1
    if not loud.any():
        return 0.0
    return float(np.mean(np.abs(samples[loud]) >= CLIPPED_LEVEL))


# Reasons found in the recording, before its words, why an answer cannot be scored, whatever the
# words say. They stand in the answer's warnings; analysing the answer again from its stored words
# (coach.reanalysis) cannot find them again, so it keeps those it finds there (`recording_problems`).
DISTORTED = (
    "The recording is distorted (too loud for the microphone), so pace and pauses cannot be "
    "measured. Move back from the microphone or turn its level down, and record again."
)
# Said on the Review page over its "How many people speak" box (set to 2 for it) and in the
# terminal over the `coach review --speakers 2` to run: one sentence for both.
ONE_VOICE = (
    "Only one voice was found, so your words could not be told apart from the interviewer's "
    "and nothing is scored. If the interviewer speaks in it too, review it again saying 2 people speak."
)
# what answers stored before keep in their warnings: the same problem, said as ONE_VOICE now
EARLIER = {
    "Only one voice was found, so your words could not be told apart from the interviewer's and "
    "nothing is scored. If two people speak in it, review it again saying how many people "
    "speak (2).": ONE_VOICE,
}
NO_QUESTION_FOUND = (
    "No interviewer question was recognised, so the whole recording, the interviewer's words "
    "included, is shown as one answer and not scored."
)
RECORDING_PROBLEMS = (DISTORTED, ONE_VOICE, NO_QUESTION_FOUND)


def recording_problems(warnings) -> list[str]:
    """The warnings of a stored analysis that were found in the recording (RECORDING_PROBLEMS)."""
    return [EARLIER.get(w, w) for w in warnings or () if w in RECORDING_PROBLEMS or w in EARLIER]


# Phone sound: a call carries the band up to about 3.4-4 kHz, so its speech has almost nothing above
# PHONE_BAND_HZ. Share of the energy of the loud 32 ms frames above it, against all of it above
# 100 Hz, on the real recordings of tests/data/real_speech: 0 to 0.00004 for the phone call (16 kHz
# file, phone sound), and the 8 kHz copies of the call, lecture and news; 0.0004-0.010 for the 14
# AMI meeting clips (far-field microphones), 0.0012 for the lecture, 0.017 for the news. The limit
# sits between the two groups, a factor of about 3 from each (the synthetic test clips: 0 at 8 kHz,
# 0.005-0.025 at 16 kHz; clean.flac decoded from 44.1 kHz 0.011).
PHONE_BAND_HZ = 4200.0
MAX_PHONE_HIGH_SHARE = 0.00013
_FRAME = 512


def high_band_share(samples: np.ndarray) -> float | None:
    """How much of the speech's energy lies above PHONE_BAND_HZ (16 kHz samples); None without sound."""
    if len(samples) < _FRAME:
        return None
    frames = np.lib.stride_tricks.sliding_window_view(samples, _FRAME)[:: _FRAME // 2]
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    loud = frames[rms > max(float(rms.max()) * 0.05, 1e-4)]
    if not len(loud):
        return None
    power = np.abs(np.fft.rfft(loud * np.hanning(_FRAME), axis=1)) ** 2
    hz = np.fft.rfftfreq(_FRAME, 1 / SAMPLE_RATE)
    total = power[:, hz > 100].sum()
    return float(power[:, hz > PHONE_BAND_HZ].sum() / total) if total > 0 else None


def phone_sound(samples: np.ndarray) -> bool:
    """Whether the recording carries only a phone call's band (so Whisper hears fewer words)."""
    share = high_band_share(samples)
    return share is not None and share < MAX_PHONE_HIGH_SHARE


# Said after a review of a phone recording transcribed by the Quick model (tiny.en). The figures are
# benchmarks/fluent_speech.py's (README "Never losing speech"): synthetic answers, the app's path,
# words not transcribed right: tiny.en 10.5% at 16 kHz, 29.6% at 8 kHz; base 21.5% at 8 kHz. Real
# recordings have no reference transcripts to measure this on.
# Its advice names Settings' choice "More accurate" (PHONE_SOUND_MORE_ACCURATE), which Settings offers
# only once that model is here: a page says it otherwise then (coach.ui.summary.for_the_page).
PHONE_SOUND_MORE_ACCURATE = "More accurate, in Settings, hears phone recordings better (about 2 in 10)."
PHONE_SOUND_QUICK_MODEL = (
    "This is a phone recording: at phone quality the Quick speech recognition misses or mishears "
    "about 3 words in 10 (1 in 10 at full quality, on our test answers), so the transcript and the "
    f"counts from it are rougher. {PHONE_SOUND_MORE_ACCURATE} From the terminal: --model base (after "
    "make models)."
)


def audio_problems(samples: np.ndarray) -> list[str]:
    return [DISTORTED] if clipped_share(samples) > MAX_CLIPPED_SHARE else []
