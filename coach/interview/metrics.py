"""What only a conversation shows: talk time, monologues, response time, interruptions, overlaps,
the candidate's own questions, and how the real answers compare with practice of the same question.

Measures are observable behaviour in seconds and counts, never a verdict on the person.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from coach.interview.turns import CANDIDATE, Turn

# A next speaker starting within this long of the previous one's last word, mid-sentence, is an
# interruption (conversational turn gaps cluster around 0.2 s, Stivers et al. 2009, PNAS).
INTERRUPTION_GAP_S = 0.1
# Practice and real compared on these measures of the `coach analyze` metrics.
COMPARED = ("wpm", "fillers_per_100_words", "duration_s", "long_pauses")


def talk_time(turns: Sequence[Turn]) -> dict[str, float]:
    """Seconds each speaker spoke: sum of word durations plus pauses under 1 s inside a turn."""
    out: dict[str, float] = {}
    for turn in turns:
        spoken = 0.0
        for prev, word in zip((None, *turn.words), turn.words, strict=False):
            spoken += word.end_s - word.start_s
            if prev is not None and 0 < word.start_s - prev.end_s < 1.0:
                spoken += word.start_s - prev.end_s
        out[turn.speaker] = out.get(turn.speaker, 0.0) + spoken
    return out


def longest_monologue(turns: Sequence[Turn], speaker: str = CANDIDATE) -> dict | None:
    own = [t for t in turns if t.speaker == speaker]
    if not own:
        return None
    turn = max(own, key=lambda t: t.end_s - t.start_s)
    return {
        "speaker": speaker,
        "start_s": round(turn.start_s, 3),
        "duration_s": round(turn.end_s - turn.start_s, 2),
        "words": len(turn.words),
    }


def interruptions(turns: Sequence[Turn]) -> list[dict]:
    """Speaker changes that cut in before the previous speaker finished a sentence."""
    out = []
    for prev, turn in zip(turns, turns[1:], strict=False):
        gap = turn.start_s - prev.end_s
        unfinished = not prev.words[-1].text.rstrip("\"')").endswith((".", "?", "!"))
        if gap < INTERRUPTION_GAP_S and unfinished:
            out.append({"by": turn.speaker, "of": prev.speaker, "at_s": round(turn.start_s, 3)})
    return out


def response_times(exchanges) -> list[float]:
    """Seconds from the end of each question to the candidate's first word."""
    return [
        round(e.answer_words[0].start_s - e.question_end_s, 2)
        for e in exchanges
        if e.question_end_s is not None and e.answer_words
    ]


def summary(
    turns: Sequence[Turn],
    exchanges,
    *,
    duration_s: float,
    overlaps: list[tuple[float, float]] | None,
    candidate_questions: list[dict],
) -> dict:
    talk = talk_time(turns)
    spoken = sum(talk.values())
    latencies = response_times(exchanges)
    cuts = interruptions(turns)
    return {
        "talk_s": {k: round(v, 1) for k, v in talk.items()},
        "talk_share": {k: round(v / spoken, 3) for k, v in talk.items()} if spoken else {},
        "candidate_talk_share": round(talk.get(CANDIDATE, 0.0) / spoken, 3) if spoken else None,
        "silence_s": round(max(0.0, duration_s - spoken), 1),
        "longest_monologue": longest_monologue(turns),
        "response_time_s": {
            "each": latencies,
            "median": round(statistics.median(latencies), 2) if latencies else None,
            "max": max(latencies) if latencies else None,
        },
        "interruptions": {
            "count": len(cuts),
            "by_candidate": sum(1 for c in cuts if c["by"] == CANDIDATE),
            "of_candidate": sum(1 for c in cuts if c["of"] == CANDIDATE),
            "each": cuts,
        },
        # Overlaps need one voice per channel; in a mono mix both voices share one stream of words.
        "overlaps": None
        if overlaps is None
        else {
            "count": len(overlaps),
            "total_s": round(sum(b - a for a, b in overlaps), 1),
            "each": [{"start_s": a, "end_s": b} for a, b in overlaps],
        },
        # the interviewer's questions heard: one voice's whole recording is one answer asked by no one
        "questions": sum(1 for e in exchanges if e.question is not None),
        "candidate_questions": candidate_questions,
    }


def over_recordings(facts: Sequence[dict | None]) -> dict:
    """The conversation facts the debrief draft reads (coach.interview.draft) over every reviewed
    recording of one interview, each recording's as `summary` gave them: questions, the candidate's
    own questions, response times and interruptions added up, and the candidate's share of the talk
    over all of them. Only recordings where two voices were told apart count (a one-voice
    recording's share is None), and those reviewed before their facts were kept (None)."""
    heard = [f for f in facts if f and f.get("candidate_talk_share") is not None]
    spoken = [sum(f["talk_s"].values()) for f in heard]
    share = (
        round(sum(f["candidate_talk_share"] * s for f, s in zip(heard, spoken, strict=True)) / sum(spoken), 3)
        if heard and sum(spoken)
        else None
    )
    return {
        "candidate_talk_share": share,
        "questions": sum(f["questions"] for f in heard),
        "candidate_questions": [q for f in heard for q in f["candidate_questions"]],
        "response_time_s": {"each": [x for f in heard for x in f["response_time_s"]["each"]]},
        "interruptions": {"by_candidate": sum(f["interruptions"]["by_candidate"] for f in heard)},
    }


def compare_with_practice(answers: Sequence[dict], attempts: Sequence[dict]) -> list[dict]:
    """For each answer to a bank question the user practised: practice average vs this answer."""
    out = []
    for answer in answers:
        bank_id = answer.get("bank_id")
        practised = [a for a in attempts if bank_id and a.get("question_id") == bank_id]
        if not practised or answer["analysis"].get("scores") is None:  # unmeasured: nothing to compare
            continue
        real = answer["analysis"]["metrics"]
        row = {
            "bank_id": bank_id,
            "question": answer["question"],
            "practice_attempts": len(practised),
            "practice": {},
            "real": {},
            "difference": {},
        }
        for key in COMPARED:
            values = [a[key] for a in practised if a.get(key) is not None]
            if not values or real.get(key) is None:
                continue
            mean = statistics.fmean(values)
            row["practice"][key] = round(mean, 2)
            row["real"][key] = round(real[key], 2)
            row["difference"][key] = round(real[key] - mean, 2)
        out.append(row)
    return out
