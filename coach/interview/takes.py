"""Each answer of an interview heard the way a practice take is heard (issue 18).

The pass over the whole call (`listen`) transcribes without the verbatim prompt, because with it
tiny.en skips whole turns of a two-voice conversation, and on a long conversation the prompt only
reaches the first 30 s window anyway. Whisper then writes almost none of the short "um"s and "uh"s,
and the filled-pause detector cannot hear them either, since Whisper's stamps of the next word
swallow them ("in" stretched over "in, um,"): on generated interviews with fillers written in, the
review found 9 of 16 where the same answers analysed as practice found 15 (benchmarks/
review_fillers.py). So once the speakers are known, each answer's own stretch of the recording,
with the interviewer's remarks inside it silenced, goes through the practice path's hearing
(`coach.practice.hear_answer`: the verbatim prompt, speech the decoder skipped decoded again, the
fillers Whisper dropped recovered from the sound): one analysis for an answer, wherever it comes
from.

Takes are kept in the review's work folder by their stretch, so a review run again with the same
speakers hears nothing again; a different choice of voices re-hears only the answers whose
stretch moved. The recording is read once more as a stream, so memory holds one answer at a time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.config import Settings
from coach.errors import NoSpeechError
from coach.files import write_private
from coach.interview.chunks import open_interview
from coach.interview.listen import ReviewCancelled
from coach.interview.resume import WorkDir
from coach.interview.turns import CANDIDATE, Exchange, Turn
from coach.types import SAMPLE_RATE, DecodedAudio, Transcript, Word

# An answer longer than this (a monologue reviewed as one answer) keeps the words of the pass over
# the whole call: hearing it again would hold it whole in memory and double the review's time.
MAX_TAKE_S = 600.0
# Whisper's stamp of an answer's last word can end before the sound does; the take runs this far
# past it, up to the next speaker.
TAIL_S = 0.4
# Between the question's last word stamp and the answer's first sound, the end of the question can
# still sound (stamps end up to a few tenths early), and the prompted decoder writes it as "um";
# that wait is silenced up to this much before the voice detector hears the answer start.
ONSET_MARGIN_S = 0.05


@dataclass(frozen=True)
class AnswerStretch:
    """Where one answer is in the recording: from the end of its question (the answer's times
    count from here) to where it is heard up to, and the stretches inside it that are silenced
    (other speakers' turns, the wait before the first word)."""

    start_s: float
    end_s: float
    silenced: tuple[tuple[float, float], ...] = ()

    def key(self, settings: Settings) -> str:
        text = json.dumps(
            [
                round(self.start_s, 3),
                round(self.end_s, 3),
                [[round(a, 3), round(b, 3)] for a, b in self.silenced],
                settings.verbatim,
                settings.recover_fillers,
            ]
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def answer_stretches(
    pairs: Sequence[Exchange], turns: Sequence[Turn], speech: Sequence[tuple[float, float]] = ()
) -> list[AnswerStretch]:
    """The stretch of each answer to hear again: its words and the candidate's pauses, nothing of
    the interviewer's. `speech`: where the voice detector heard speech, to find where the answer's
    sound starts and ends (Whisper's word stamps at a change of speaker are up to 0.6 s off either
    way, so the silence between the voices is the better edge)."""
    others = [(t.start_s, t.end_s) for t in turns if t.speaker != CANDIDATE]
    spans = sorted(speech)
    gaps = [(a[1], b[0]) for a, b in zip(spans, spans[1:], strict=False) if b[0] > a[1]]
    out = []
    for e in pairs:
        first, last = e.answer_words[0], e.answer_words[-1]
        following = min([a for a, _ in others if a >= e.answer_to_s], default=float("inf"))
        end = min(e.answer_to_s + TAIL_S, following)
        # the last pause between the answer's last word and the next speaker is where it ends
        pauses = [a for a, b in gaps if b > last.start_s and a < following and a < e.answer_to_s + TAIL_S]
        if following == float("inf"):  # the last answer: to the end of the speech heard after its last word
            end = max([end] + [b for a, b in spans if b > last.start_s])
        elif pauses:
            end = max(pauses)
        onsets = [a for a, _ in spans if e.answer_from_s < a <= first.end_s]
        silenced = [(e.answer_from_s, min(onsets) - ONSET_MARGIN_S)] if onsets else []
        silenced += [(a, b) for a, b in others if b > e.answer_from_s and a < e.answer_to_s]
        out.append(AnswerStretch(e.answer_from_s, max(end, first.end_s), tuple(silenced)))
    return out


@dataclass(frozen=True)
class Take:
    """An answer as practice hears it: times in seconds from the stretch's start."""

    transcript: Transcript
    problems: tuple[str, ...] = ()


def hear_answers(
    path: Path,
    settings: Settings,
    stretches: Sequence[AnswerStretch],
    work: WorkDir,
    *,
    name: str = "",
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Take | None]:
    """One take a stretch, in order; None where the answer is too long to hear again, or where
    the take holds no words (the pass over the whole call's words are used there). `progress`
    hears (number, of) as each answer not kept from an earlier run starts to be heard."""
    takes: list[Take | None] = [None] * len(stretches)
    wanted: list[int] = []
    for i, stretch in enumerate(stretches):
        if stretch.end_s - stretch.start_s > MAX_TAKE_S:
            continue
        kept = _load(work, stretch, settings)
        if kept is None:
            wanted.append(i)
        else:
            takes[i] = kept if kept.transcript.words else None
    if not wanted:
        return takes
    for done, (i, samples) in enumerate(_cut(path, settings, [stretches[i] for i in wanted], wanted, name)):
        if progress is not None:
            progress(done + 1, len(wanted))
        if cancel is not None and cancel():
            raise ReviewCancelled("Review stopped; running the same review again continues where it stopped.")
        take = _hear(samples, stretches[i], settings, path, name)
        _save(work, stretches[i], settings, take)
        takes[i] = take if take.transcript.words else None
    return takes


def heard_turns(
    turns: Sequence[Turn], stretches: Sequence[AnswerStretch], takes: Sequence[Take | None]
) -> list[Turn]:
    """The conversation with the words of each answer heard again in place of the pass over the
    whole call's, so it reads as the answers do (their "um"s included): each take's words are shared
    out among the turns of yours it covers (`answer_turns`), every one of them, so the conversation
    shows the answer's words as its card does. A turn no take covers keeps its first words."""
    out = list(turns)
    claimed: set[int] = set()
    for stretch, take in zip(stretches, takes, strict=True):
        if take is None:
            continue
        mine = [
            i
            for i, turn in enumerate(turns)
            if turn.speaker == CANDIDATE
            and i not in claimed
            and stretch.start_s <= turn.start_s < stretch.end_s
        ]
        claimed.update(mine)
        words = [
            dataclasses.replace(w, start_s=w.start_s + stretch.start_s, end_s=w.end_s + stretch.start_s)
            for w in take.transcript.words
        ]
        for i, share in zip(mine, answer_turns(words, [turns[i] for i in mine], turns), strict=True):
            out[i] = Turn(CANDIDATE, share)
    return [turn for turn in out if turn.words]


def answer_turns(
    words: Sequence[Word], mine: Sequence[Turn], turns: Sequence[Turn]
) -> list[tuple[Word, ...]]:
    """An answer's words heard again (times in the recording), shared out among the turns of yours
    they replace (`mine`, in order): each word goes to the turn between the other speakers' turns
    around it, else to the nearest such turn. A word the take stamps inside another speaker's turn
    was heard where that turn was silenced, so it is yours all the same: Whisper stamps the first
    word after a silence up to 0.6 s early ("But," at 15.14 s, where the interviewer's turn ended at
    15.54 s in an AMI meeting), and such a word was left out of the conversation while the answer's
    card showed it. A turn given none of the words is left out of the conversation, as of the card."""
    others = [t for t in turns if t.speaker != CANDIDATE]
    room = [
        (
            max([t.end_s for t in others if t.end_s <= turn.start_s], default=float("-inf")),
            min([t.start_s for t in others if t.start_s >= turn.end_s], default=float("inf")),
        )
        for turn in mine
    ]
    shares: list[list[Word]] = [[] for _ in mine]
    for word in words:
        distance = [max(low - word.start_s, word.start_s - high, 0.0) for low, high in room]
        shares[distance.index(min(distance))].append(word)
    return [tuple(share) for share in shares]


def _hear(samples: np.ndarray, stretch: AnswerStretch, settings: Settings, path: Path, name: str) -> Take:
    from coach.practice import hear_answer

    for a, b in stretch.silenced:  # the interviewer's "I see, go on" is not part of the answer
        first, last = (max(0, int((t - stretch.start_s) * SAMPLE_RATE)) for t in (a, b))
        samples[first:last] = 0
    audio = DecodedAudio(samples, SAMPLE_RATE, str(path), 1, SAMPLE_RATE, name)
    try:
        transcript, problems = hear_answer(audio, settings)
    except NoSpeechError:
        return Take(Transcript.from_words([], len(samples) / SAMPLE_RATE))
    return Take(transcript, tuple(problems))


def _cut(path: Path, settings: Settings, stretches: Sequence[AnswerStretch], ids: Sequence[int], name: str):
    """(id, mono samples) of each stretch (in time order, not overlapping), read as a stream."""
    order = sorted(range(len(stretches)), key=lambda k: stretches[k].start_s)
    reader = open_interview(path, settings, name=name)
    position = 0  # samples read so far
    k, parts = 0, []
    for piece in reader:
        mono = piece[:, 0] if piece.shape[1] == 1 else piece.mean(axis=1, dtype=np.float32)
        end = position + len(mono)
        while k < len(order):
            stretch = stretches[order[k]]
            a = int(stretch.start_s * SAMPLE_RATE)
            b = int(stretch.end_s * SAMPLE_RATE)
            if end <= a:
                break
            parts.append(mono[max(0, a - position) : max(0, min(len(mono), b - position))])
            if end < b:
                break
            yield ids[order[k]], np.concatenate(parts).astype(np.float32)
            k, parts = k + 1, []
        position = end
    if k < len(order) and parts:  # the recording ended inside the last answer
        yield ids[order[k]], np.concatenate(parts).astype(np.float32)


def _take_path(work: WorkDir, stretch: AnswerStretch, settings: Settings) -> Path:
    return work.path / f"answer-{stretch.key(settings)}.json"


def _load(work: WorkDir, stretch: AnswerStretch, settings: Settings) -> Take | None:
    path = _take_path(work, stretch, settings)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Take(Transcript.from_dict(data["transcript"]), tuple(data["problems"]))
    except (OSError, ValueError, KeyError, TypeError):  # a damaged file is heard again, not trusted
        return None


def _save(work: WorkDir, stretch: AnswerStretch, settings: Settings, take: Take) -> None:
    text = json.dumps({"transcript": take.transcript.to_dict(), "problems": list(take.problems)})
    write_private(_take_path(work, stretch, settings), text)
