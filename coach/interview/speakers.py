"""Who spoke when: voice windows, clustering, the candidate's voice profile, stereo channels.

Voices are compared with resemblyzer's speaker encoder, whose 17 MB weights ship inside the
wheel, so it runs offline; the coach runs it itself (`coach.interview.voice_encoder`), without
librosa's start-up. Windows of 1.6 s every 0.25 s cover what the voice detector hears as
speech (not Whisper's words, which move between CPUs' instruction sets: issue 18), clustered
spectrally on cosine affinity (agglomerative clustering failed on outlier windows,
/work/shared/notes/speaker-separation.md). The number of voices, 1 to 4, is the largest number
of groups that are all distinct voices with real speech each, by thresholds measured on tuning
recordings (benchmarks/speakers_real.py), unless the user says how many people speak. The
enrollment profile only decides which group is the candidate, never as a fixed similarity
threshold. Words are then given speakers one by one by a Viterbi pass whose speaker changes are
cheap at pauses and dear inside fluent speech, so a Whisper segment that spans a turn change is
split at the word where the voice changes. The same pass over the voice detector's speech in
0.1 s steps gives the turns of speech: who spoke when from the sound alone, words or none
(`speech_turns`; README "Speakers on real recordings" measures both kinds of turns).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.types import SAMPLE_RATE, Word

MEL_PER_S = 100  # resemblyzer mel frames: 10 ms step
WINDOW_FRAMES = 160  # 1.6 s, the encoder's partial-utterance length
HOP_FRAMES = 25  # a window every 0.25 s (0.5 s gave 17 windows in 30 s of meeting speech)
MIN_WINDOW_FRAMES = 40  # a run of words under 0.4 s is too short to say whose voice it is
MAX_CLUSTER_POINTS = 1500  # spectral clustering is O(n^2) in memory; the rest join by centroid
# Two groups whose centroids are closer than this are one voice. Chosen on the TUNING recordings
# only (benchmarks/speakers_real.py --tune: AMI clips trn00-trn09 and the generated clips in
# tests/data), with 0.25 s windows over the voice detector's speech: one voice split in two gave
# 0.883-0.968, two voices 0.69-0.83, and this is the middle of that gap. (A first choice, 0.84,
# the best attribution on the tuning meetings, heard the held-out phone call of two women as one
# voice; README "Speakers on real recordings" says so.)
SAME_VOICE_SIMILARITY = 0.855
# A third or fourth voice needs its group further from every other: at 0.85 a tuning meeting clip
# with two main speakers split into three, 0.83-0.84 gave the best attribution there.
MORE_VOICES_SIMILARITY = 0.84
# A group with less speech than this (seconds its windows cover, and share of all) is noise, laughter
# or a few misheard windows, not another speaker (tuning recordings: 2 s let a 30 s meeting clip
# split into 4 voices, 4 s merged a speaker of 8 s into the other).
MIN_SPEAKER_S = 3.0
MIN_SPEAKER_SHARE = 0.04
# Voices guessed at most when the user does not say how many people speak.
MAX_VOICES = 4
# Viterbi over words: emission = similarity * EMISSION_SCALE; a change of speaker costs
# SWITCH_COST inside fluent speech and nothing after a pause of PAUSE_FOR_SWITCH_S or more.
EMISSION_SCALE = 10.0
SWITCH_COST = 2.5
PAUSE_FOR_SWITCH_S = 0.3
# Who spoke when from the sound alone: the voice detector's speech in steps of this many seconds,
# each step given a speaker by the same Viterbi pass as words (a step is scored like a word). On the
# tuning meetings (trn00, trn04, trn06, trn08, trn09, told two voices) these turns covered 2-7
# points more of the reference speech than turns made of Whisper's words; 0.2 s steps and switch
# costs from 1 to 10 moved the mean by under a point.
SPEECH_STEP_S = 0.1
# A speech turn reaches this far past the voice detector's edges (never past the middle of a pause
# before the other voice): the detector cuts close to the sound and people's turns, as annotated,
# include their first and last syllables. Tuning set (AMI trn clips, two real voices built from
# their reference turns, the generated interviews): 0, 0.1, 0.2, 0.3, 0.5 s gave a mean of 89.6,
# 90.3, 90.7, 91.0, 91.3% of reference speech to the right voice; 0.2 s is the detector's own
# padding (0.1 s) twice over, kept small because any reach only adds covered time to the measure.
SPEECH_EDGE_S = 0.2


@dataclass(frozen=True)
class VoiceWindows:
    """Speaker embeddings of speech windows, unit length: `embeddings` (n, 256), with each window's
    start and length in seconds. Windows never span a pause, so they rarely hold two voices."""

    starts_s: np.ndarray
    embeddings: np.ndarray
    lengths_s: np.ndarray

    @staticmethod
    def empty() -> VoiceWindows:
        return VoiceWindows(np.zeros(0, np.float32), np.zeros((0, 256), np.float32), np.zeros(0, np.float32))

    @staticmethod
    def join(parts: Sequence[VoiceWindows]) -> VoiceWindows:
        parts = [p for p in parts if len(p.starts_s)]
        if not parts:
            return VoiceWindows.empty()
        return VoiceWindows(
            np.concatenate([p.starts_s for p in parts]),
            np.concatenate([p.embeddings for p in parts]),
            np.concatenate([p.lengths_s for p in parts]),
        )

    @property
    def centers_s(self) -> np.ndarray:
        return self.starts_s + self.lengths_s / 2


@dataclass(frozen=True)
class Clustering:
    labels: np.ndarray  # per window, 0..k-1, ordered by first appearance
    centroids: np.ndarray  # (k, 256), unit length
    similarity: np.ndarray  # (n, k): each window against each centroid


def voice_windows(
    mix: np.ndarray,
    offset_s: float,
    words: Sequence[Word],
    speech: Sequence[tuple[float, float]] | None = None,
) -> VoiceWindows:
    """Embeddings of this audio's speech: 1.6 s windows every 0.25 s inside each stretch of
    `speech` (the voice detector's, seconds from the start of `mix`) or, without it, each run of
    words between pauses; one shorter window for a stretch under 1.6 s (a short reply is still a
    voice)."""
    from coach.interview.voice_encoder import encoder, mel_spectrogram, normalize_volume

    if not words or len(mix) < SAMPLE_RATE // 2:
        return VoiceWindows.empty()
    mel = mel_spectrogram(normalize_volume(mix.astype(np.float32)))
    if speech is None:
        stretches = [(first.start_s - offset_s, last.end_s - offset_s) for first, last in speech_runs(words)]
    else:
        stretches = list(speech)
    spans = []  # (start frame, length in frames)
    for start_s, end_s in stretches:
        a = max(0, int(start_s * MEL_PER_S))
        b = min(len(mel), int(np.ceil(end_s * MEL_PER_S)))
        spans += _windows_in(a, b)
    if not spans:
        return VoiceWindows.empty()
    model = encoder()
    embeddings = np.zeros((len(spans), 256), np.float32)
    for length in sorted({n for _, n in spans}):  # batch windows of equal length
        idx = [i for i, (_, n) in enumerate(spans) if n == length]
        for j in range(0, len(idx), 64):
            part = idx[j : j + 64]
            embeddings[part] = model(np.stack([mel[spans[i][0] : spans[i][0] + length] for i in part]))
    starts = np.array([offset_s + a / MEL_PER_S for a, _ in spans], np.float32)
    lengths = np.array([n / MEL_PER_S for _, n in spans], np.float32)
    return VoiceWindows(starts, embeddings, lengths)


def speech_runs(words: Sequence[Word]) -> list[tuple[Word, Word]]:
    """First and last word of each stretch of speech without a pause of PAUSE_FOR_SWITCH_S."""
    runs, first = [], words[0]
    for prev, word in zip(words, words[1:], strict=False):
        if word.start_s - prev.end_s >= PAUSE_FOR_SWITCH_S:
            runs.append((first, prev))
            first = word
    runs.append((first, words[-1]))
    return runs


def _windows_in(a: int, b: int) -> list[tuple[int, int]]:
    if b - a < MIN_WINDOW_FRAMES:
        return []
    if b - a <= WINDOW_FRAMES:
        return [(a, b - a)]
    starts = list(range(a, b - WINDOW_FRAMES + 1, HOP_FRAMES))
    if starts[-1] + WINDOW_FRAMES < b:
        starts.append(b - WINDOW_FRAMES)
    return [(s, WINDOW_FRAMES) for s in starts]


def utterance_embedding(samples: np.ndarray) -> np.ndarray | None:
    """One embedding for a whole recording (16 kHz mono), for the voice profile."""
    from coach.interview.voice_encoder import encoder, normalize_volume, trim_long_silences

    wav = trim_long_silences(normalize_volume(samples.astype(np.float32)))
    if len(wav) < SAMPLE_RATE:  # under a second of speech says little about a voice
        return None
    return encoder().embed_utterance(wav).astype(np.float32)


# ---------------------------------------------------------------- clustering


def cluster(windows: VoiceWindows, n_speakers: int | None = None) -> Clustering:
    """Group windows by voice: `n_speakers` groups when the user said how many people speak, else
    as many as are distinct voices (1 to MAX_VOICES): k groups are kept only when every pair of
    them sounds further apart than SAME_VOICE_SIMILARITY (two) or MORE_VOICES_SIMILARITY (three or
    four) and each holds real speech."""
    emb = windows.embeddings
    if len(emb) < 4 or n_speakers == 1:
        return _finish(emb, np.zeros(len(emb), int), 1)
    sample = _even_sample(len(emb), MAX_CLUSTER_POINTS)
    if n_speakers is not None:
        k = min(n_speakers, max(1, len(sample) // 2))
        if k == 1:
            return _finish(emb, np.zeros(len(emb), int), 1)
        return _finish(emb, _spread(emb, sample, _spectral(emb[sample], k), k), k)
    best = _finish(emb, np.zeros(len(emb), int), 1)
    for k in range(2, MAX_VOICES + 1):
        if len(sample) <= 2 * k:
            break
        result = _finish(emb, _spread(emb, sample, _spectral(emb[sample], k), k), k)
        if not distinct(result, windows, SAME_VOICE_SIMILARITY if k == 2 else MORE_VOICES_SIMILARITY):
            break
        best = result
    return best


def _spectral(emb: np.ndarray, k: int) -> np.ndarray:
    from sklearn.cluster import SpectralClustering

    affinity = np.clip(emb @ emb.T, 0.0, 1.0)
    model = SpectralClustering(
        n_clusters=k, affinity="precomputed", random_state=0, n_init=10, assign_labels="kmeans"
    )
    return model.fit_predict(affinity)


def _spread(emb: np.ndarray, sample: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Labels for every window: the sampled ones keep theirs, the rest take the nearest centroid."""
    centroids = _centroids(emb[sample], labels, k)
    return np.argmax(emb @ centroids.T, axis=1)


def _centroids(emb: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    rows = []
    for c in range(k):
        members = emb[labels == c]
        v = members.mean(axis=0) if len(members) else np.zeros(emb.shape[1], np.float32)
        rows.append(v / (np.linalg.norm(v) or 1.0))
    return np.stack(rows).astype(np.float32)


def _finish(emb: np.ndarray, labels: np.ndarray, k: int) -> Clustering:
    # relabel by first appearance so "speaker 1" is whoever spoke first
    order = list(dict.fromkeys(labels.tolist()))
    order += [c for c in range(k) if c not in order]
    labels = np.array([order.index(c) for c in labels], dtype=int)
    centroids = _centroids(emb, labels, k) if len(emb) else np.zeros((k, 256), np.float32)
    return Clustering(
        labels=labels,
        centroids=centroids,
        similarity=emb @ centroids.T if len(emb) else np.zeros((0, k), np.float32),
    )


def distinct(result: Clustering, windows: VoiceWindows, same_voice: float = SAME_VOICE_SIMILARITY) -> bool:
    """Every pair of groups is a different voice and every group holds real speech: at least
    MIN_SPEAKER_S seconds and MIN_SPEAKER_SHARE of it (seconds the group's windows cover)."""
    k = len(result.centroids)
    seconds = np.array([_covered_s(windows, result.labels == c) for c in range(k)])
    if seconds.min() < MIN_SPEAKER_S or seconds.min() / max(seconds.sum(), 1e-9) < MIN_SPEAKER_SHARE:
        return False
    sims = result.centroids @ result.centroids.T
    return bool(np.max(sims[~np.eye(k, dtype=bool)]) < same_voice)


def _covered_s(windows: VoiceWindows, chosen: np.ndarray) -> float:
    """Seconds of audio the chosen windows cover, overlaps counted once."""
    spans = sorted(
        zip(
            windows.starts_s[chosen].tolist(),
            (windows.starts_s + windows.lengths_s)[chosen].tolist(),
            strict=True,
        )
    )
    total, reach = 0.0, -np.inf
    for a, b in spans:
        if b > reach:
            total += b - max(a, reach)
            reach = b
    return total


def _even_sample(n: int, most: int) -> np.ndarray:
    return np.arange(n) if n <= most else np.linspace(0, n - 1, most).round().astype(int)


# ---------------------------------------------------------------- words to speakers


def word_scores(words: Sequence[Word], windows: VoiceWindows, similarity: np.ndarray) -> np.ndarray:
    """(words, k): each word's similarity to each speaker, averaged over the windows that hear it.

    A word no window covers borrows from the nearest window; with no windows at all it is 0."""
    k = similarity.shape[1] if similarity.ndim == 2 else 1
    scores = np.zeros((len(words), k), np.float32)
    if not len(windows.starts_s):
        return scores
    order = np.argsort(windows.starts_s)
    starts, ends = windows.starts_s[order], (windows.starts_s + windows.lengths_s)[order]
    similarity = similarity[order]
    centers = (starts + ends) / 2
    longest = float(windows.lengths_s.max())
    for i, w in enumerate(words):
        mid = (w.start_s + w.end_s) / 2
        lo = np.searchsorted(starts, mid - longest, side="right")
        hi = np.searchsorted(starts, mid, side="right")
        hearing = lo + np.flatnonzero(ends[lo:hi] > mid)
        if len(hearing):
            # windows centred near the word count more: a window's far edge may be another voice
            weight = 1.0 / (0.2 + np.abs(centers[hearing] - mid))
            scores[i] = (similarity[hearing] * weight[:, None]).sum(axis=0) / weight.sum()
        else:
            scores[i] = similarity[int(np.argmin(np.abs(centers - mid)))]
    return scores


def viterbi(words: Sequence[Word], scores: np.ndarray) -> np.ndarray:
    """The most likely speaker of each word given its scores and where the pauses are."""
    n, k = scores.shape
    if n == 0:
        return np.zeros(0, int)
    if k == 1:
        return np.zeros(n, int)
    gain = scores * EMISSION_SCALE
    total = gain[0].copy()
    back = np.zeros((n, k), dtype=int)
    for i in range(1, n):
        gap = words[i].start_s - words[i - 1].end_s
        cost = 0.0 if gap >= PAUSE_FOR_SWITCH_S else SWITCH_COST
        stay = total
        switch_from = int(np.argmax(total))
        switch = total[switch_from] - cost
        use_switch = switch > stay
        back[i] = np.where(use_switch, switch_from, np.arange(k))
        total = np.maximum(stay, switch) + gain[i]
    path = np.zeros(n, int)
    path[-1] = int(np.argmax(total))
    for i in range(n - 1, 0, -1):
        path[i - 1] = back[i, path[i]]
    return path


def speech_steps(speech: Sequence[tuple[float, float]]) -> list[Word]:
    """The voice detector's speech (seconds) cut in steps of SPEECH_STEP_S, as wordless words."""
    steps = []
    for a, b in speech:
        n = max(1, int(np.ceil((b - a) / SPEECH_STEP_S - 1e-9)))
        steps += [Word("", a + i * SPEECH_STEP_S, min(b, a + (i + 1) * SPEECH_STEP_S), 1.0) for i in range(n)]
    return steps


def speech_turns(
    speech: Sequence[tuple[float, float]], windows: VoiceWindows, similarity: np.ndarray
) -> list[tuple[float, float, int]]:
    """Who spoke when from the sound alone, not from the words: (start, end, group) over the voice
    detector's `speech`, each step given a group by the Viterbi pass words get."""
    steps = speech_steps(speech)
    return join_steps(steps, viterbi(steps, word_scores(steps, windows, similarity)) if steps else [])


def join_steps(
    steps: Sequence[Word], groups: Sequence[int], edge_s: float = SPEECH_EDGE_S
) -> list[tuple[float, float, int]]:
    """Consecutive steps of one group as one turn (start, end, group); a pause between two stretches
    of the same voice stays inside its turn, as it does in a turn of words. Each turn reaches
    `edge_s` past its first and last step, at most to the middle of the pause before the next."""
    turns: list[tuple[float, float, int]] = []
    for step, c in zip(steps, [int(g) for g in groups], strict=True):
        if turns and turns[-1][2] == c:
            turns[-1] = (turns[-1][0], step.end_s, c)
        else:
            turns.append((step.start_s, step.end_s, c))
    out = []
    for i, (a, b, c) in enumerate(turns):
        before = (a - turns[i - 1][1]) / 2 if i else edge_s
        after = (turns[i + 1][0] - b) / 2 if i + 1 < len(turns) else edge_s
        out.append((max(0.0, a - min(edge_s, before)), b + min(edge_s, after), c))
    return out


def by_channel(words: Sequence[Word], levels: np.ndarray, candidate_channel: str) -> np.ndarray:
    """0 for words louder on the candidate's channel, 1 for the other side (levels per 100 ms)."""
    mine = 0 if candidate_channel == "left" else 1
    out = np.zeros(len(words), int)
    for i, w in enumerate(words):
        a, b = int(w.start_s * 10), max(int(w.start_s * 10) + 1, int(np.ceil(w.end_s * 10)))
        frame = levels[a:b]
        if len(frame):
            out[i] = 0 if frame[:, mine].sum() >= frame[:, 1 - mine].sum() else 1
    return out


def channels_identical(levels: np.ndarray) -> bool:
    """Both sides carry the same sound (a mono call saved as stereo): channels cannot separate voices."""
    if len(levels) == 0 or levels.shape[1] < 2:
        return True
    loud = levels.max(axis=1) > max(1e-4, np.percentile(levels.max(axis=1), 50))
    if not loud.any():
        return True
    left, right = levels[loud, 0] + 1e-6, levels[loud, 1] + 1e-6
    return bool(np.median(np.abs(20 * np.log10(left / right))) < 1.5)


def overlaps(levels: np.ndarray, min_s: float = 0.3) -> list[tuple[float, float]]:
    """Stretches where both channels are loud at once (both people talking), from 100 ms levels."""
    if len(levels) == 0 or levels.shape[1] < 2:
        return []
    floor = np.percentile(levels, 90, axis=0) * 0.25
    both = (levels[:, 0] > floor[0]) & (levels[:, 1] > floor[1])
    out, start = [], None
    for i, on in enumerate(np.append(both, False)):
        if on and start is None:
            start = i
        elif not on and start is not None:
            if (i - start) / 10 >= min_s:
                out.append((start / 10, i / 10))
            start = None
    return out


# ---------------------------------------------------------------- the candidate's voice profile


def profile_from_recordings(paths: Sequence[Path], settings) -> np.ndarray | None:
    """Mean voice of the user's practice recordings, unit length; None when none are usable."""
    from coach.audio import load_audio
    from coach.errors import AudioError

    embeddings = []
    for path in paths:
        try:
            audio = load_audio(path, settings)
        except AudioError:
            continue  # a broken or silent practice take only means one less sample
        emb = utterance_embedding(audio.samples)
        if emb is not None:
            embeddings.append(emb)
    if not embeddings:
        return None
    v = np.mean(embeddings, axis=0)
    return (v / np.linalg.norm(v)).astype(np.float32)


def candidate_cluster(centroids: np.ndarray, profile: np.ndarray) -> tuple[int, float]:
    """The cluster whose voice is closest to the profile, and how close (cosine)."""
    sims = centroids @ profile
    best = int(np.argmax(sims))
    return best, float(sims[best])
