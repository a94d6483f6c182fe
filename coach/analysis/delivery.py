"""Delivery from word timings: rate, articulation rate, pauses and where they fall.

Pauses are the silences heard in the sound (coach.transcribe.sound), placed in the text by the
word times: Whisper's stamps drift (a first word after a silence stamped seconds early,
faster-whisper issue #125), so the gap between two stamps is not the pause. Transcripts stored
without sound fall back to those gaps. Typed text has no timings, so every measure here is None
for it rather than a guess.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc

from coach.config import Thresholds
from coach.types import Transcript, Word


@dataclass(frozen=True)
class Pause:
    after_word: int  # index into transcript.words of the word before the silence
    start_s: float
    seconds: float
    at_boundary: bool  # falls at a sentence end (natural) rather than inside a clause


def count_words(text: str) -> int:
    """Words as a listener counts them: whitespace-separated pieces holding a letter or digit."""
    return sum(1 for piece in text.split() if any(ch.isalnum() for ch in piece))


def find_pauses(transcript: Transcript, doc: Doc, min_s: float) -> list[Pause]:
    words = transcript.words
    if len(words) < 2:
        return []
    boundary_words = _sentence_final_words(transcript, doc)
    if transcript.sound is not None:
        found = heard_pauses(words, transcript.sound.silences, min_s)
    else:
        found = word_gap_pauses(words, min_s)
    # a silence around someone else's words inside an interview answer is their turn, not a pause
    found = [f for f in found if not transcript.others_within(words[f[0]].end_s, words[f[0] + 1].start_s)]
    return [Pause(k, start, seconds, k in boundary_words) for k, start, seconds in found]


def word_gap_pauses(words: tuple[Word, ...], min_s: float) -> list[tuple[int, float, float]]:
    """(word before, start, seconds) for each gap between word stamps of at least `min_s`."""
    out = []
    for k in range(len(words) - 1):
        gap = words[k + 1].start_s - words[k].end_s
        if gap >= min_s:
            out.append((k, words[k].end_s, gap))
    return out


def heard_pauses(
    words: tuple[Word, ...], silences: tuple[tuple[float, float], ...], min_s: float
) -> list[tuple[int, float, float]]:
    """(word before, start, seconds) for each silence of at least `min_s` between two words.

    A silence belongs after the last word whose middle comes before the silence's middle (the
    middles hold even when the edges drift). Silences before the first word or after the last
    are not pauses in the answer. Silences in the same gap (split by a breath) are one pause,
    from the first silence's start to the last one's end.
    """
    middles = [(w.start_s + w.end_s) / 2 for w in words]
    spans: dict[int, tuple[float, float]] = {}
    for start, end in silences:
        k = bisect.bisect_right(middles, (start + end) / 2) - 1
        if end - start < min_s / 2 or k < 0 or k >= len(words) - 1:
            continue
        a, b = spans.get(k, (start, end))
        spans[k] = (min(a, start), max(b, end))
    return [(k, a, b - a) for k, (a, b) in sorted(spans.items()) if b - a >= min_s]


def _sentence_final_words(transcript: Transcript, doc: Doc) -> set[int]:
    """Indices of words that end a sentence, or end with punctuation that closes a clause."""
    ends = {s.end_char for s in doc.sents} if len(doc) else set()
    final = set()
    for k, (_start, end) in enumerate(transcript.word_spans()):
        text = transcript.words[k].text.strip()
        if end in ends or text.endswith((".", "?", "!", ",", ";", ":", "—")):
            final.add(k)
    return final


def speaking_span(words: tuple[Word, ...]) -> float:
    return max(0.0, words[-1].end_s - words[0].start_s) if words else 0.0


def delivery_metrics(
    transcript: Transcript,
    doc: Doc,
    n_words: int,
    n_fillers: int,
    thresholds: Thresholds,
    target_s: float | None,
    *,
    judges_short: bool = True,
) -> dict:
    """The numbers behind the delivery score; None wherever the input has no timings.
    `judges_short`: whether a recorded answer under the shortest full answer is too short (see
    `_length`)."""
    duration = transcript.duration_s
    words = transcript.words
    if duration is None and words:
        duration = words[-1].end_s
    timed = bool(words) and duration is not None and duration > 0
    pauses = find_pauses(transcript, doc, thresholds.pause_min_s) if timed else []
    long_pauses = [p for p in pauses if p.seconds >= thresholds.long_pause_s]
    # pace over the time spoken, from the first word to the last: silence before the answer starts
    # or after it ends (the take kept running) is not slow speech; pauses inside it count, someone
    # else's words inside it (an interview answer) do not, nor do they make the answer longer
    spoken_s = speaking_span(words) if timed else 0.0
    if timed and transcript.others:
        spoken_s -= transcript.others_within(words[0].start_s, words[-1].end_s)
        duration -= transcript.others_within(0.0, duration)
    minutes = spoken_s / 60.0 if spoken_s > 0 else None
    phonation_s = spoken_s - sum(p.seconds for p in pauses) if timed else 0.0
    return {
        "words": n_words,
        "duration_s": round(duration, 3) if duration is not None else None,
        "wpm": round(n_words / minutes, 1) if minutes else None,
        "articulation_wpm": round(len(words) / (phonation_s / 60.0), 1) if phonation_s > 0 else None,
        "fillers_per_min": round(n_fillers / minutes, 2) if minutes else None,
        "fillers_per_100_words": round(100.0 * n_fillers / n_words, 2) if n_words else 0.0,
        "long_pauses": len(long_pauses) if timed else None,
        "pauses": _pause_summary(pauses, long_pauses, thresholds) if timed else None,
        "time_to_first_word_s": round(words[0].start_s, 3) if timed else None,
        "length": _length(duration if timed else None, thresholds, target_s, judges_short),
    }


def _pause_summary(pauses: list[Pause], long_pauses: list[Pause], thresholds: Thresholds) -> dict:
    mid = [p for p in pauses if not p.at_boundary]
    return {
        "count": len(pauses),
        "total_s": round(sum(p.seconds for p in pauses), 2),
        "longest_s": round(max((p.seconds for p in pauses), default=0.0), 2),
        "at_boundary": len(pauses) - len(mid),
        "mid_clause": len(mid),
        "long": len(long_pauses),
        "long_mid_clause": sum(1 for p in long_pauses if not p.at_boundary),
        "min_pause_s": thresholds.pause_min_s,
        "long_pause_s": thresholds.long_pause_s,
        "items": [
            {
                "start_s": round(p.start_s, 2),
                "end_s": round(p.start_s + p.seconds, 2),
                "seconds": round(p.seconds, 2),
                "at_boundary": p.at_boundary,
            }
            for p in pauses
        ],
    }


def _length(
    duration: float | None, thresholds: Thresholds, target_s: float | None, judges_short: bool = True
) -> dict:
    """The question's usual range: its own (half to one and a half times its length) or the usual
    60–120 s of a behavioural answer. `judges_short` says whether an answer under it is too short:
    it is for a question with a length of its own and for an answer to no question (taken as a
    story), not for a question known only by its words (a real interviewer's "What did you do
    next?" is answered in a sentence); the feedback and the scores read it alike."""
    low, high = thresholds.answer_min_s, thresholds.answer_max_s
    if target_s:
        low, high = 0.5 * target_s, 1.5 * target_s
    return {
        "target_s": target_s,
        "min_s": low,
        "max_s": high,
        "ratio_to_target": round(duration / target_s, 2) if duration and target_s else None,
        "judges_short": bool(target_s) or judges_short,
    }


def worst_pauses(transcript: Transcript, pauses: list[Pause], n: int = 2) -> list[str]:
    """The longest mid-clause pauses, quoted with the words around them."""
    mid = sorted((p for p in pauses if not p.at_boundary), key=lambda p: -p.seconds)[:n]
    words = transcript.words
    out = []
    for p in mid:
        before = " ".join(w.text for w in words[max(0, p.after_word - 2) : p.after_word + 1])
        after = " ".join(w.text for w in words[p.after_word + 1 : p.after_word + 3])
        out.append(f'{p.seconds:.1f} s in "{before} … {after}"')
    return out
