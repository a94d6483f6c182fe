"""How the voice moves (issue 20): pitch variation, flat stretches, loudness.

Pitch variation is the standard deviation of pitch in semitones around the speaker's own
median, over the voiced frames inside the words (Hincks 2005 measured it over 10 s windows; it
tracked how lively listeners found a speaker). Semitones make a low and a high voice comparable.
Only the sound inside the answer's words counts, so an interviewer's voice between answers or
the hiss before the first word never does. Typed text has no sound: everything here is None.
"""

from __future__ import annotations

import numpy as np

from coach.analysis.wording import clock
from coach.config import Thresholds
from coach.types import Sound, Transcript, Word

# Each word is taken to reach this far past its stamps (stamps drift by a few tenths of a second).
WORD_REACH_S = 0.1
# A frame more than an octave from the median is a pitch-tracking slip (octave jump), not
# intonation: speech rarely strays that far from its median.
MAX_FROM_MEDIAN_ST = 12.0
# Windows and whole answers with less voice than this are not measured (too few frames for a
# standard deviation that means anything).
MIN_VOICED_S = 1.0
# Windows overlap by half, so a flat stretch is found wherever it starts.
WINDOW_HOP_SHARE = 0.5
# The chart's pitch track: one point per this many seconds (median of its voiced frames).
TRACK_STEP_S = 0.1


def prosody_metrics(transcript: Transcript, t: Thresholds) -> dict | None:
    """`metrics.prosody` of DESIGN.md; None for typed text or a transcript stored without sound."""
    sound = transcript.sound
    if sound is None or not transcript.words:
        return None
    times = np.arange(len(sound.pitch_hz)) * sound.frame_s
    inside = _inside_words(times, transcript.words)
    pitch = np.asarray(sound.pitch_hz, dtype=np.float64)
    voiced = inside & (pitch > 0)
    level = np.asarray(sound.level_db, dtype=np.float64)
    loudness = float(np.median(level[voiced])) if voiced.any() else None
    semitones, kept = _semitones(pitch, voiced)
    enough = kept.sum() * sound.frame_s >= MIN_VOICED_S
    variation = float(np.std(semitones[kept])) if enough else None
    windows = _windows(times, semitones, kept, sound, t.pitch_window_s) if enough else []
    flat = _flat_spans(windows, t.monotone_below_st)
    return {
        "pitch_variation_st": _round(variation, 2),
        "pitch_median_hz": _round(float(np.median(pitch[voiced])) if enough else None, 1),
        "windows": [
            {"start_s": round(a, 2), "end_s": round(b, 2), "pitch_variation_st": round(sd, 2)}
            for a, b, sd in windows
        ],
        "monotone": variation is not None and variation < t.monotone_below_st,
        "monotone_spans": [{"start_s": round(a, 2), "end_s": round(b, 2)} for a, b in flat],
        "monotone_below_st": t.monotone_below_st,
        "loudness_db": _round(loudness, 1),
        "loudness_variation_db": _round(float(np.std(level[voiced])) if voiced.any() else None, 1),
        "quiet": loudness is not None and loudness < t.quiet_below_dbfs,
        "track": _track(times, semitones, kept),
    }


def _inside_words(times: np.ndarray, words: tuple[Word, ...]) -> np.ndarray:
    inside = np.zeros(len(times), dtype=bool)
    for word in words:
        a, b = np.searchsorted(times, [word.start_s - WORD_REACH_S, word.end_s + WORD_REACH_S])
        inside[a:b] = True
    return inside


def _semitones(pitch: np.ndarray, voiced: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pitch in semitones from the speaker's median, and which frames count (voiced, no slips)."""
    if not voiced.any():
        return np.full(len(pitch), np.nan), voiced
    median = np.median(pitch[voiced])
    with np.errstate(divide="ignore", invalid="ignore"):
        semitones = np.where(voiced, 12 * np.log2(np.maximum(pitch, 1e-6) / median), np.nan)
    return semitones, voiced & (np.abs(np.nan_to_num(semitones, nan=99.0)) <= MAX_FROM_MEDIAN_ST)


def _windows(
    times: np.ndarray, semitones: np.ndarray, kept: np.ndarray, sound: Sound, length_s: float
) -> list[tuple[float, float, float]]:
    """(start, end, SD) of each window with enough voice; the whole voiced span if shorter."""
    first, last = float(times[kept][0]), float(times[kept][-1]) + sound.frame_s
    if last - first <= length_s:
        return [(first, last, float(np.std(semitones[kept])))]
    out = []
    hop = length_s * WINDOW_HOP_SHARE
    starts = np.arange(first, last - length_s + hop, hop)
    for start in starts:
        start = min(float(start), last - length_s)
        inside = kept & (times >= start) & (times < start + length_s)
        if inside.sum() * sound.frame_s >= MIN_VOICED_S:
            out.append((start, start + length_s, float(np.std(semitones[inside]))))
    return out


def _flat_spans(windows: list[tuple[float, float, float]], below_st: float) -> list[tuple[float, float]]:
    """Flat windows joined where they overlap or touch."""
    spans: list[list[float]] = []
    for start, end, sd in windows:
        if sd >= below_st:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(a, b) for a, b in spans]


def _track(times: np.ndarray, semitones: np.ndarray, kept: np.ndarray) -> list[list[float]]:
    """[[seconds, semitones from the median], ...] every TRACK_STEP_S where the voice sounds."""
    if not kept.any():
        return []
    bins = np.floor(times[kept] / TRACK_STEP_S).astype(int)
    values = semitones[kept]
    out = []
    for b in np.unique(bins):
        out.append([round(float(b * TRACK_STEP_S), 2), round(float(np.median(values[bins == b])), 1)])
    return out


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def prosody_feedback(prosody: dict | None, t: Thresholds) -> list[tuple[float, str]]:
    """(priority, line) about the voice, as observable behaviour with times; [] when all is well."""
    if not prosody or prosody["pitch_variation_st"] is None:
        return []
    points = []
    spans = prosody["monotone_spans"]
    if prosody["monotone"]:
        points.append(
            (
                2.6,
                f"Your pitch stayed level through the answer: it varied by "
                f"{prosody['pitch_variation_st']:.1f} semitones, where speakers heard as lively vary "
                "by about 2 to 4. Let your voice rise on the words that carry the point.",
            )
        )
    elif spans:
        where = " and ".join(f"{clock(s['start_s'])} to {clock(s['end_s'])}" for s in spans[:2])
        points.append(
            (
                2.1,
                f"From {where} your pitch hardly moved (it varied by under "
                f"{t.monotone_below_st:.1f} semitones; over the whole answer "
                f"{prosody['pitch_variation_st']:.1f}). Let your voice rise on the words that carry "
                "the point.",
            )
        )
    if prosody["quiet"]:
        points.append(
            (
                2.4,
                f"Your voice was recorded quietly ({abs(prosody['loudness_db']):.0f} dB below full "
                f"scale, where {abs(t.quiet_below_dbfs):.0f} dB below is already quiet). Sit closer "
                "to the microphone or raise its level.",
            )
        )
    return points
