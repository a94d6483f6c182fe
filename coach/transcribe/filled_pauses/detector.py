"""Decide which steady voiced stretches are filled pauses, and name them "uh" or "um".

Only stretches the transcriber left without a word count: those in gaps between words, or at
the edge of a word whose time was stretched over the filler. Each must sound like this speaker
(pitch near theirs, timbre near their voice, loud enough to be speech) and hold still; that
rules out silence, breaths (unvoiced), a hum or noise bed (at the floor), and music (off the
speaker's pitch and timbre).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.config import Thresholds
from coach.filled_pause import is_filled_pause
from coach.transcribe.filled_pauses.features import FRAME_S, Frames
from coach.transcribe.filled_pauses.runs import SteadyRun, steady_runs
from coach.types import Word

# Frames with no signal at all (digital silence) say nothing about the recording's floor.
DIGITAL_SILENCE_DB = -90.0
# The speaker's voice is profiled from at least this much voiced speech inside words.
MIN_PROFILE_S = 0.5
# A vowel run and the nasal run after it ("u-m") merge when this close and this near in pitch.
MERGE_GAP_S = 0.2
MERGE_PITCH_ST = 2.0
# ... or, when the next run is the quieter nasal (NASAL_DROP_DB), this far below in pitch: the
# voice often falls into the "m" (3 semitones on a real lecturer's "um", tests/data/real_speech
# lecture at 19.0 s; 2 semitones left the nasal out and the filler inside the word next to it).
NASAL_PITCH_FALL_ST = 4.0
# A filler the transcriber wrote is stamped late and short (often zero-length, up to ~0.6 s
# after the sound ends on the dev set, 1.15 s after the heard vowel on the real lecture): a
# heard filler this close to it, with no other word between them, is the same one, and lends
# it its time instead of being counted twice.
ASR_FILLER_NEAR_S = 1.5
# ... and one this close is the same filler even when a word's time lies between them, if that
# word was stretched over the heard sound: Whisper ran "by," 1.0 s over a lecturer's "uh" and
# stamped its own "uh," 0.11-0.15 s after the heard one ended (tests/data/real_speech lecture
# from 31 s, both engines: the word's midpoint fell 5 ms after the heard one began, so it
# stood "between" them and both were counted).
# The nearest heard filler that was another one lay 0.76 s from Whisper's (the first "uh" of
# "by, uh, uh"); on the dev set Whisper's fillers lay -0.44 to +0.64 s from the heard ones.
ASR_FILLER_SAME_S = 0.3
# Elongated words: a word starting within this of the held sound's start and running past it,
# or a word given under TIMELESS_WORD_S of time within TIMELESS_AFTER_S after the sound, owns it
# (seen on Whisper's stamps of drawn-out "so", "well" in tests/data/filled_pauses/elongated_*;
# on real speech, tests/data/real_speech, Whisper stamped held vowels of "of", "be", "more"
# 45-65 ms off their start: 50 ms let two of them through as fillers).
WORD_ONSET_S = 0.08
TIMELESS_WORD_S = 0.05
TIMELESS_AFTER_S = 0.35
# Voiced frames a word keeps for itself when a filler is cut from its stretched edge, per letter.
WORD_S_PER_LETTER = 0.04
# A word's edge holding at most this much voice beyond a filler is an edge run over the filler.
EDGE_VOICE_S = 0.1
# A word stretched over a pause and the filler after it ("his ... uh book": Whisper's "his" ran
# 1.3 s on the real lecture, tests/data/real_speech at 38 s): a quiet stretch this long next to
# the held sound parts it from the word's own voice. Longer than the closure of a stop inside a
# word (about 50-130 ms, Lisker 1957; Crystal & House 1988).
PAUSE_IN_WORD_S = 0.15
# "um": the closing nasal is quieter than the vowel (oral closure damps the output; nasal
# murmur is 5-10 dB below the vowel, Fujimura 1962). Seen on the dev set: 8-11 dB.
NASAL_DROP_DB = 4.0
# Confidence given to recovered fillers: they are heard, not transcribed; the app can tell them apart.
ACOUSTIC_PROB = 0.6


@dataclass(frozen=True)
class Speaker:
    """The speaker's voice as heard inside the words the transcriber found."""

    f0_hz: float
    level_db: float
    floor_db: float
    timbre: np.ndarray


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    runs: tuple[SteadyRun, ...]


def span_s(frames: Frames, cand: Candidate) -> tuple[float, float]:
    """Start and end of a candidate in seconds: from its first frame's start to its last's end."""
    return float(frames.times[cand.start]) - FRAME_S / 2, float(frames.times[cand.end - 1]) + FRAME_S / 2


def speaker_profile(frames: Frames, words: tuple[Word, ...]) -> Speaker | None:
    """None when too little real speech was transcribed to know the voice.

    Only words other than fillers count: on music Whisper can invent a lone "Uh...", and the
    music must not become the voice that fillers are compared with.
    """
    in_words = np.zeros(len(frames.times), dtype=bool)
    for word in words:
        if is_filled_pause(word.text):
            continue
        in_words[frames.index(word.start_s) : frames.index(word.end_s)] = True
    voiced = in_words & (frames.f0_hz > 0)
    if voiced.sum() * FRAME_S < MIN_PROFILE_S:
        return None
    sounding = frames.intensity_db[frames.intensity_db > DIGITAL_SILENCE_DB]
    return Speaker(
        f0_hz=float(np.median(frames.f0_hz[voiced])),
        level_db=float(np.median(frames.intensity_db[voiced])),
        floor_db=float(np.percentile(sounding, 10)),
        timbre=frames.mfcc[voiced].mean(axis=0),
    )


def candidates(frames: Frames, speaker: Speaker, limits: Thresholds) -> list[Candidate]:
    """Steady runs, with a vowel run and the nasal run right after it joined into one."""
    runs = steady_runs(
        frames,
        max_flux=limits.filler_max_flux,
        min_level_db=speaker.floor_db + limits.filler_min_above_floor_db,
        min_s=0.08,
        max_hole_s=0.03,
    )
    groups: list[list[SteadyRun]] = []
    for run in runs:
        if groups and _continues(frames, groups[-1][-1], run):
            groups[-1].append(run)
        else:
            groups.append([run])
    return [Candidate(g[0].start, g[-1].end, tuple(g)) for g in groups]


def _continues(frames: Frames, last: SteadyRun, run: SteadyRun) -> bool:
    """The next run is the same filler: close by, and at the same pitch or its falling nasal."""
    if (run.start - last.end) * FRAME_S > MERGE_GAP_S:
        return False
    rise = np.nanmedian(frames.semitones[run.start : run.end]) - np.nanmedian(
        frames.semitones[last.start : last.end]
    )
    if abs(rise) <= MERGE_PITCH_ST:
        return True
    level = frames.intensity_db
    drop = np.median(level[last.start : last.end]) - np.median(level[run.start : run.end])
    return drop >= NASAL_DROP_DB and -NASAL_PITCH_FALL_ST <= rise < 0


def sounds_like_filler(frames: Frames, cand: Candidate, speaker: Speaker, limits: Thresholds) -> bool:
    """Long enough, level in pitch, and in this speaker's voice."""
    length_s = (cand.end - cand.start) * FRAME_S
    if not limits.filler_min_s <= length_s <= limits.filler_max_s:
        return False
    span = slice(cand.start, cand.end)
    f0 = frames.f0_hz[span]
    f0 = f0[f0 > 0]
    if len(f0) < 0.6 * (cand.end - cand.start):
        return False
    ratio = float(np.median(f0)) / speaker.f0_hz
    if not limits.filler_pitch_low_ratio <= ratio <= limits.filler_pitch_high_ratio:
        return False
    if max(_pitch_range_st(frames, run) for run in cand.runs) > limits.filler_max_pitch_range_st:
        return False
    if np.median(frames.intensity_db[span]) < speaker.level_db - limits.filler_max_below_speech_db:
        return False
    timbre = float(np.linalg.norm(frames.mfcc[span].mean(axis=0) - speaker.timbre))
    return timbre <= limits.filler_max_timbre_distance


def _pitch_range_st(frames: Frames, run: SteadyRun) -> float:
    """10th-90th percentile pitch range of one run: each part of "um" holds its own pitch."""
    f0 = frames.f0_hz[run.start : run.end]
    semitones = 12 * np.log2(f0[f0 > 0])
    if len(semitones) == 0:
        return 0.0
    return float(np.percentile(semitones, 90) - np.percentile(semitones, 10))


def left_by_transcriber(frames: Frames, cand: Candidate, words: tuple[Word, ...], quiet_db: float) -> bool:
    """True when no word claims this time: a gap, or the stretched edge of a word.

    A word stretched over the filler keeps at least WORD_S_PER_LETTER a letter outside it, and
    on one side of the filler the word holds no voice at all (its edge ran over the filler and
    the silence beyond) or a pause parts the filler from it; a held sound inside a word, voiced
    right up to it on both sides, is part of the word. `quiet_db`: below it a frame is a pause.
    """
    start_s, end_s = span_s(frames, cand)
    paused = max(_quiet_s(frames, cand.start, -1, quiet_db), _quiet_s(frames, cand.end - 1, 1, quiet_db))
    for word in words:
        overlap = min(end_s, word.end_s) - max(start_s, word.start_s)
        if overlap <= 0:
            continue
        if is_filled_pause(word.text):
            return False
        kept = (word.end_s - word.start_s) - overlap
        voiced_before = _voiced_s(frames, word.start_s, start_s)
        voiced_after = _voiced_s(frames, end_s, word.end_s)
        at_edge = min(voiced_before, voiced_after) <= EDGE_VOICE_S or paused >= PAUSE_IN_WORD_S
        if not at_edge or kept < WORD_S_PER_LETTER * len(word.text.strip(".,?!…")):
            return False
    return True


def _quiet_s(frames: Frames, edge: int, step: int, quiet_db: float) -> float:
    """Length of the unvoiced, quiet stretch before (step -1) or after (step 1) a frame, past
    at most EDGE_VOICE_S of the held sound's own onset or fade."""
    i, n = edge + step, 0
    onset = int(round(EDGE_VOICE_S / FRAME_S))
    while onset and 0 <= i < len(frames.times) and frames.intensity_db[i] >= quiet_db:
        i, onset = i + step, onset - 1
    while 0 <= i < len(frames.times) and frames.f0_hz[i] == 0 and frames.intensity_db[i] < quiet_db:
        i, n = i + step, n + 1
    return n * FRAME_S


def _voiced_s(frames: Frames, start_s: float, end_s: float) -> float:
    if end_s <= start_s:
        return 0.0
    return float((frames.f0_hz[frames.index(start_s) : frames.index(end_s)] > 0).sum()) * FRAME_S


def owned_by_neighbour(frames: Frames, cand: Candidate, words: tuple[Word, ...]) -> bool:
    """The held sound belongs to a word the transcriber did write: an elongated "sooo", "welll".

    Either a word begins where the sound begins and runs over it (the word's own drawn-out
    start), or the next word was given no time at all right after it (Whisper heard a word
    there and stamped it at the end of its sound) with no voice of its own in between: a word
    spoken between the held sound and its stamp ("uh-the" glued together) leaves the sound a filler.
    """
    start_s, end_s = span_s(frames, cand)
    for word in words:
        if is_filled_pause(word.text):
            continue
        if abs(word.start_s - start_s) <= WORD_ONSET_S and word.end_s > end_s:
            return True
        timeless = word.end_s - word.start_s < TIMELESS_WORD_S
        if (
            timeless
            and end_s - WORD_ONSET_S <= word.start_s <= end_s + TIMELESS_AFTER_S
            and _voiced_s(frames, end_s, word.start_s) <= EDGE_VOICE_S
        ):
            return True
    return False


def transcribed_filler(frames: Frames, cand: Candidate, words: tuple[Word, ...]) -> int | None:
    """Index of the filler the transcriber already wrote for this sound, if any."""
    start_s, end_s = span_s(frames, cand)
    for i, word in enumerate(words):
        if not is_filled_pause(word.text):
            continue
        apart = max(word.start_s - end_s, start_s - word.end_s)
        if apart > ASR_FILLER_NEAR_S:
            continue
        lo, hi = min(start_s, word.start_s), max(end_s, word.end_s)
        between = [
            w
            for w in words
            if lo < (w.start_s + w.end_s) / 2 < hi
            and not is_filled_pause(w.text)
            and not (apart <= ASR_FILLER_SAME_S and w.start_s < end_s and w.end_s > start_s)
        ]
        if not between:
            return i
    return None


def name_filler(frames: Frames, cand: Candidate) -> str:
    """ "um" when the voice ends in a quieter, differently coloured stretch (the nasal)."""
    if len(cand.runs) < 2:
        return "uh"
    head, tail = cand.runs[0], cand.runs[-1]
    level = frames.intensity_db
    drop = np.median(level[head.start : head.end]) - np.median(level[tail.start : tail.end])
    return "um" if drop >= NASAL_DROP_DB else "uh"


def filler_word(frames: Frames, cand: Candidate) -> Word:
    start_s, end_s = span_s(frames, cand)
    return Word(
        name_filler(frames, cand), round(start_s, 3), round(end_s, 3), ACOUSTIC_PROB, source="acoustic"
    )


def detect(frames: Frames, words: tuple[Word, ...], limits: Thresholds) -> tuple[list[Word], dict[int, Word]]:
    """New fillers heard in the audio, and better times for fillers the transcriber wrote.

    Returns (new acoustic words, {index of a transcribed filler: the same word re-timed}).
    """
    speaker = speaker_profile(frames, words)
    if speaker is None:
        return [], {}
    found: list[Word] = []
    retimed: dict[int, Word] = {}
    quiet_db = speaker.floor_db + limits.filler_min_above_floor_db
    for cand in candidates(frames, speaker, limits):
        if not sounds_like_filler(frames, cand, speaker, limits):
            continue
        known = transcribed_filler(frames, cand, words)
        if known is not None:
            if known not in retimed:
                old, heard = words[known], filler_word(frames, cand)
                retimed[known] = Word(old.text, heard.start_s, heard.end_s, old.prob, old.source)
            continue
        rest = _not_owned(frames, cand, words)
        if (
            rest is not None
            and sounds_like_filler(frames, rest, speaker, limits)
            and left_by_transcriber(frames, rest, words, quiet_db)
        ):
            found.append(filler_word(frames, rest))
    return found, retimed


def _not_owned(frames: Frames, cand: Candidate, words: tuple[Word, ...]) -> Candidate | None:
    """The candidate less the leading runs that are a written word's own drawn-out sound.

    A word's vowel and a filler right after it ("for ... um") can join into one candidate; the
    word owns its first run, and what follows it may still be the filler.
    """
    while owned_by_neighbour(frames, cand, words):
        if len(cand.runs) < 2:
            return None
        rest = cand.runs[1:]
        cand = Candidate(rest[0].start, rest[-1].end, rest)
    return cand
