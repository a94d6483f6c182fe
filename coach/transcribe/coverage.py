"""Never lose speech: where the voice detector heard speech but no word landed, decode again.

Whisper can skip whole windows of fluent speech: with tiny.en and the disfluent verbatim prompt,
two of four fluent 29-48 s answers lost their first 20-30 s of words (issue 15), and nothing in
the transcript showed it. So after every transcription the stretches of speech that hold no word
are found from the sound itself (Silero VAD, tight settings), each is decoded again on its own
without the prompt (`benchmarks/fluent_speech.py` measures what this recovers), and what is
still missing is returned as unheard spans, which the quality gate turns into a warning. A
window decoded again whole can be skipped again whole, so speech still without words is decoded
once more in pieces of at most PIECE_S before it is reported.

Shorter losses hide behind a stretched word: Whisper stamps one word over several seconds of
speech and the words spoken there vanish (the real 8 kHz news clip: "and" over 55.4-59.3 s where
the 16 kHz copy has "and a potential momentum killer for Ted Cruz, threatened to"). No gap shows,
because the word covers it, so such a word is decoded again the same way and replaced by what
is heard there when that is more than the one word.

Whisper can also write words that were never said: its decoder loops on one word and writes it
over and over, most copies stamped with no time of their own, as the text runs on past the sound
it can pin words to (its known repetition failure; gaspardpetit/verbatim PR 138, "repeated words
on zero duration timestamps"). Such a run is taken for speech not transcribed: that stretch is
decoded again, and if the run comes back, it is left out and the stretch reported unheard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from coach.transcribe.base import in_clip_time
from coach.types import SAMPLE_RATE, Transcript, Word

# A stretch of speech with no word for longer than this is a loss worth repairing; shorter ones
# are Whisper's word stamps drifting off a word (faster-whisper issue #125) or a breath.
MIN_GAP_S = 2.0
# Each word is taken to cover this much around its stamps (stamps drift by up to a few tenths).
WORD_REACH_S = 0.4
# A word stamped over more than this, with speech heard through most of it, is hiding words: at
# 150-185 words a minute a word lasts about 0.3 s; in the first 16 clips of the tuning set (1,743
# words heard, scripts/make_fluent_set.py --tuning) the longest is 0.94 s, and slow words in the
# real clips reach 1.46 s.
STRETCHED_WORD_S = 1.5
STRETCHED_SPEECH_SHARE = 2 / 3
# A skipped window of about 30 s can be skipped again whole when decoded again as one piece (on
# the tuning set's harder voices, the first 26-30 s of two 8 kHz answers); what is still unheard after
# that is decoded in pieces of at most this long, cut between runs of speech where it can be.
PIECE_S = 10.0
# The region decoded again reaches this far past the gap on each side, so the decoder has the
# start and end of the words cut at the gap's edges.
CONTEXT_S = 1.0
# A run of one word written over and over is invented when it holds at least INVENTED_RUN_WORDS
# copies, INVENTED_RUN_TIMELESS of which have no time of their own: under TIMELESS_S long and
# stamped where the copy before ended (Whisper stamps words in 0.02 s steps). A real meeting clip
# (AMI tst00, four people talking over each other) came out as "yeah," 25 times over 3.85-8.71 s,
# 13 copies timeless, and was coached on 9 repeated words. Runs people said keep each copy at its
# own moment: over the 92 clips of tests/data that decode (the real lecture, phone call and news at
# 16 and 8 kHz, 14 AMI meeting clips, the filler, mock and test clips; before and after the
# repair) and the 32 fluent answers of scripts/make_fluent_set.py, the only other run of four
# or more is "Hello." 5 times in the 8 kHz call (the 16 kHz copy: "Hello? Hello. Oh, hello."),
# three of them zero-length but each 0.14 s or more after the one before: none timeless.
INVENTED_RUN_WORDS = 4
INVENTED_RUN_TIMELESS = 3
TIMELESS_S = 0.05
# Inside a stretch that held an invented run, speech no kept word reaches for this long is unheard.
MIN_INVENTED_GAP_S = 0.5
# Silero VAD for coverage: speech runs split at 0.3 s of silence and padded by 0.1 s, so a
# region is speech, not the long pauses between sentences that faster-whisper's own settings
# (2 s, 0.4 s padding) keep inside one region.
VAD_MIN_SILENCE_MS = 300
VAD_PAD_MS = 100


def speech_spans(audio: np.ndarray) -> list[tuple[float, float]]:
    """Where the voice detector hears speech, in seconds, tight around the speech."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=VAD_MIN_SILENCE_MS, speech_pad_ms=VAD_PAD_MS)
    chunks = get_speech_timestamps(audio, options, sampling_rate=SAMPLE_RATE)
    return [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]


def uncovered(
    speech: Sequence[tuple[float, float]], words: Sequence[Word], min_gap_s: float = MIN_GAP_S
) -> list[tuple[float, float]]:
    """Stretches of `speech` at least `min_gap_s` long that no word reaches."""
    reach = _merge([(w.start_s - WORD_REACH_S, w.end_s + WORD_REACH_S) for w in words])
    gaps = []
    for start, end in speech:
        for a, b in _subtract((start, end), reach):
            if b - a >= min_gap_s:
                gaps.append((a, b))
    return _merge(gaps, join_within_s=0.5)


def stretched(speech: Sequence[tuple[float, float]], words: Sequence[Word]) -> list[Word]:
    """Words stamped over more than STRETCHED_WORD_S with speech heard through most of them."""
    found = []
    for w in words:
        length = w.end_s - w.start_s
        if length > STRETCHED_WORD_S:
            heard = sum(b - a for a, b in _intersect((w.start_s, w.end_s), speech))
            if heard >= STRETCHED_SPEECH_SHARE * length:
                found.append(w)
    return found


def repair(
    engine, audio: np.ndarray, transcript: Transcript, *, speech: Sequence[tuple[float, float]] | None = None
) -> Transcript:
    """`transcript` with the words of any untranscribed speech decoded again, and the speech still
    without words in `unheard`. `speech_s` records how much speech the detector heard."""
    speech = list(speech_spans(audio) if speech is None else speech)
    words, invented = _redecode_invented(engine, audio, list(transcript.words))
    # the stretches of invented runs were decoded again just now: not again as gaps
    rest = [piece for span in speech for piece in _subtract(span, invented)]
    for gap in uncovered(rest, words):
        words = _merge_words(words, _decode_gap(engine, audio, gap))
    for gap in uncovered(rest, words):
        if gap[1] - gap[0] > PIECE_S:  # a shorter one would only be decoded the same way again
            for piece in pieces(gap, rest):
                words = _merge_words(words, _decode_gap(engine, audio, piece))
    for word in stretched(speech, words):
        words = _replace_stretched(words, word, _decode_region(engine, audio, (word.start_s, word.end_s)))
    lost = uncovered(rest, words)
    lost += uncovered([p for span in invented for p in _intersect(span, speech)], words, MIN_INVENTED_GAP_S)
    unheard = tuple((round(a, 2), round(b, 2)) for a, b in _merge(lost))
    return replace(
        transcript.with_words(words), speech_s=round(sum(b - a for a, b in speech), 2), unheard=unheard
    )


def invented_runs(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of `words` that are one word Whisper wrote over and over without the
    sound to pin it to: INVENTED_RUN_WORDS or more copies in a row, INVENTED_RUN_TIMELESS of them
    timeless."""
    runs, i = [], 0
    while i < len(words):
        text, j = _plain(words[i].text), i + 1
        while text and j < len(words) and _plain(words[j].text) == text:
            j += 1
        run = words[i:j]
        timeless = sum(1 for before, word in zip(run, run[1:], strict=False) if _timeless(word, before))
        if len(run) >= INVENTED_RUN_WORDS and timeless >= INVENTED_RUN_TIMELESS:
            runs.append((i, j))
        i = j
    return runs


def _timeless(word: Word, before: Word) -> bool:
    return word.end_s - word.start_s < TIMELESS_S and word.start_s - before.end_s < TIMELESS_S


def _without_invented(words: Sequence[Word]) -> list[Word]:
    dropped = {k for i, j in invented_runs(words) for k in range(i, j)}
    return [w for k, w in enumerate(words) if k not in dropped]


def _redecode_invented(
    engine, audio: np.ndarray, words: list[Word]
) -> tuple[list[Word], list[tuple[float, float]]]:
    """`words` with each invented run replaced by what is heard when its stretch is decoded again,
    any run that comes back left out; and the stretches the runs covered."""
    spans = [(words[i].start_s, words[j - 1].end_s) for i, j in invented_runs(words)]
    if not spans:
        return words, []
    words = _without_invented(words)
    for span in spans:
        again = _decode_region(engine, audio, span)  # a run that comes back is left out there
        # only words inside the run's own stretch: the words either side were heard already
        words = _merge_words(words, [w for w in again if span[0] <= (w.start_s + w.end_s) / 2 <= span[1]])
    return words, _merge(spans)


def pieces(gap: tuple[float, float], speech: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """`gap` cut into pieces of at most PIECE_S: whole runs of speech together where they fit,
    a longer run cut evenly."""
    runs = _intersect(gap, speech) or [gap]
    out: list[tuple[float, float]] = []
    for a, b in runs:
        parts = max(1, int(np.ceil((b - a) / PIECE_S)))
        for i in range(parts):
            start, end = a + (b - a) * i / parts, a + (b - a) * (i + 1) / parts
            if out and end - out[-1][0] <= PIECE_S:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
    return out


def _decode_region(engine, audio: np.ndarray, span: tuple[float, float]) -> list[Word]:
    """Words decoded from `span` and a second either side, without the prompt, in clip time; an
    invented run among them is left out."""
    start = max(0.0, span[0] - CONTEXT_S)
    end = min(len(audio) / SAMPLE_RATE, span[1] + CONTEXT_S)
    piece = audio[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
    if len(piece) < SAMPLE_RATE // 2:
        return []
    found = _without_invented(engine.transcribe(piece, SAMPLE_RATE, verbatim=False).words)
    return [
        # shifted unrounded, AMI tst00's "Yeah, yeah" read "end_s": 5.050000000000001 in the JSON
        replace(w, start_s=in_clip_time(start, w.start_s), end_s=in_clip_time(start, w.end_s))
        for w in found
    ]


def _decode_gap(engine, audio: np.ndarray, gap: tuple[float, float]) -> list[Word]:
    """Words inside `gap`, decoded from the gap and a second either side, without the prompt."""
    # only the words in the gap itself: the context either side was transcribed already
    return [
        w
        for w in _decode_region(engine, audio, gap)
        if gap[0] - WORD_REACH_S <= (w.start_s + w.end_s) / 2 <= gap[1] + WORD_REACH_S
    ]


def _replace_stretched(words: list[Word], word: Word, decoded: list[Word]) -> list[Word]:
    """`words` with `word` replaced by the decoded words inside its stamps, when there are more
    of them than the one; a decoded word that repeats a neighbour is left out."""
    others = [w for w in words if w is not word]
    inside = [w for w in decoded if word.start_s <= (w.start_s + w.end_s) / 2 <= word.end_s]
    inside = [w for w in inside if not _repeats(w, others)]
    if len(inside) < 2:
        return words
    return sorted(others + inside, key=lambda w: (w.start_s, w.end_s))


def _merge_words(words: list[Word], new: list[Word]) -> list[Word]:
    """Both lists in time order; a new word overlapping a kept one by more than half is a repeat."""
    kept = list(words) + [w for w in new if not _repeats(w, words)]
    return sorted(kept, key=lambda w: (w.start_s, w.end_s))


def _repeats(word: Word, kept: Sequence[Word]) -> bool:
    """Whether `word` is one of `kept` again: overlapping it by more than half its length, or the
    same word within WORD_REACH_S of it (the stamps of a word squeezed beside a stretched one
    move: "conservative" at 54.0-54.6 s decoded again beside "conservative" at 54.4-54.6 s)."""
    text = _plain(word.text)
    return any(
        _overlap(word, k) > 0.5 * max(word.end_s - word.start_s, 1e-3)
        or (
            _plain(k.text) == text
            and k.start_s - WORD_REACH_S <= word.end_s
            and word.start_s <= k.end_s + WORD_REACH_S
        )
        for k in kept
    )


def _plain(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum() or c == "'")


def _overlap(a: Word, b: Word) -> float:
    return max(0.0, min(a.end_s, b.end_s) - max(a.start_s, b.start_s))


def _merge(spans: Sequence[tuple[float, float]], join_within_s: float = 0.0) -> list[tuple[float, float]]:
    out: list[list[float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + join_within_s:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _intersect(span: tuple[float, float], spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The parts of `spans` inside `span`."""
    return [(max(a, span[0]), min(b, span[1])) for a, b in spans if min(b, span[1]) > max(a, span[0])]


def _subtract(span: tuple[float, float], holes: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """`span` minus the (merged, sorted) `holes`."""
    start, end = span
    pieces = []
    for a, b in holes:
        if b <= start or a >= end:
            continue
        if a > start:
            pieces.append((start, a))
        start = max(start, b)
    if start < end:
        pieces.append((start, end))
    return pieces
